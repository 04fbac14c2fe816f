"""API Gateway REQUEST authorizer: API key → tenant and role, passed to handlers as context.

Raising "Unauthorized" makes API Gateway answer 401; a Deny policy makes it answer 403."""

from aws_lambda_powertools import Logger

from shared.auth import decide
from shared.settings import get_settings

logger = Logger()
get_settings()


def _policy(effect: str, method_arn: str, context: dict) -> dict:
    # The policy covers every method of the stage: the result is cached per key and tenant,
    # and handlers check the role of each operation.
    arn_parts = method_arn.split(":")
    api_id, stage = arn_parts[5].split("/")[:2]
    resource = ":".join(arn_parts[:5]) + f":{api_id}/{stage}/*/*"
    return {
        "principalId": context.get("keyId", "anonymous"),
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}],
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
        logger.info("denied: key used on another tenant", key_id=decision.context.get("keyId"))
    return _policy(decision.effect, event["methodArn"], decision.context)
