"""API Gateway REQUEST authorizer: API key → tenant and role, passed to handlers as context.

Raising "Unauthorized" makes API Gateway answer 401. A known key gets the same answer wherever it
is used: `Allow` on its own tenant's paths only, so API Gateway answers 403 for a request on
another tenant's path (the policy does not cover its method ARN). The answer depends on the key
alone, which is why API Gateway may cache it on the `Authorization` header alone (deploy/parts/api.py):
a cached answer never opens another tenant's paths."""

from __future__ import annotations

from functools import cache

from aws_lambda_powertools import Logger

from shared.auth import TENANT_PATTERN, decide
from shared.routes import TENANT, all_routes
from shared.settings import get_settings

logger = Logger()
get_settings()


@cache
def route_patterns() -> tuple[str, ...]:
    """`METHOD/<resource>/{tenantId}` or `METHOD/<resource>/{tenantId}/*`, one per kind of route.

    A method ARN is `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>`, and in
    an execute-api policy `*` matches any characters, `/` included. So everything before the tenant
    (method, resource name) is spelt out: with `*` there, `GET/*/demo` would also cover
    `GET/examRegProcesses/other/eligible/x/demo`. Only what follows the tenant is a wildcard, and
    the tenant is a whole segment (`/demo` or `/demo/...`), never a prefix of `demo2`."""
    patterns = set()
    for _, route in all_routes():
        resource, tenant, *rest = route.path.strip("/").split("/")
        assert tenant == TENANT, route  # every route is /<resource>/{tenantId}/...
        patterns.add(f"{route.method}/{resource}/{TENANT}" + ("/*" if rest else ""))
    return tuple(sorted(patterns))


def tenant_resources(method_arn: str, tenant: str) -> list[str]:
    """The method ARNs (with wildcards) of every route on `tenant`'s paths, in this API and stage."""
    if not TENANT_PATTERN.match(tenant):  # stored ids always match; a "*" here would open everything
        raise ValueError("malformed tenant id")
    api_arn = "/".join(method_arn.split("/")[:2])  # arn:aws:execute-api:<region>:<account>:<api>/<stage>
    return [f"{api_arn}/{pattern.replace(TENANT, tenant)}" for pattern in route_patterns()]


def _policy(method_arn: str, context: dict[str, str]) -> dict:
    return {
        "principalId": context["keyId"],
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "execute-api:Invoke",
                    "Effect": "Allow",
                    "Resource": tenant_resources(method_arn, context["tenantId"]),
                }
            ],
        },
        "context": context,
    }


@logger.inject_lambda_context
def lambda_handler(event: dict, _context) -> dict:
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    tenant = (event.get("pathParameters") or {}).get("tenantId")
    decision = decide(headers.get("authorization"), tenant)
    if decision.effect == "Unauthorized":
        logger.info("rejected: missing or unknown API key")
        raise Exception("Unauthorized")
    if decision.effect == "Deny":
        # Same policy as for its own paths (it is cached per key): it just does not cover this one.
        logger.info("denied: key used on another tenant", key_id=decision.context.get("keyId"))
    return _policy(event["methodArn"], decision.context)
