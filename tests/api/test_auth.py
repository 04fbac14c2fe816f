"""Tenants, API keys, roles and the authorizer."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import exam_body


def test_missing_unknown_and_malformed_keys_are_401(api):
    for key in (None, "", "erk_unknownkey000000000000000000000", "not-a-key", "Bearer ", "x" * 500):
        reply = api.as_key(key).get("/exams/demo")
        assert reply.status == 401, key
        assert reply.header("Content-Type") == "application/problem+json"
        assert reply.json()["status"] == 401


def test_bearer_and_plain_header_forms(api, keys):
    key = keys["demo"]["client"]
    assert api.as_key(key).get("/exams/demo").status == 200
    assert api.as_key(f"Bearer {key}").get("/exams/demo").status == 200
    assert api.as_key(f"bearer   {key}").get("/exams/demo").status == 200


def test_keys_are_random_prefixed_and_stored_only_as_hashes(keys, aws):
    import boto3

    all_keys = [k for tenant in keys.values() for k in tenant.values()]
    assert len(set(all_keys)) == len(all_keys)
    assert all(k.startswith("erk_") and len(k) >= 4 + 22 for k in all_keys)
    items = boto3.client("dynamodb").scan(TableName="exam-registration-test")["Items"]
    dump = json.dumps(items)
    assert not any(k in dump for k in all_keys), "no secret is stored"
    assert any(item["pk"]["S"].startswith("_apikey#") for item in items)


def test_other_tenants_path_is_403(api, keys):
    assert api.get("/exams/other").status == 403
    assert api.as_key(keys["other"]["admin"]).post("/exams/demo", exam_body()).status == 403


def test_role_permissions(api, keys):
    delivery = api.as_key(keys["demo"]["delivery"])
    assert delivery.get("/exams/demo").status == 200
    assert delivery.post("/exams/demo", exam_body()).status == 403
    assert api.get("/apiKeys/demo").status == 403
    assert api.post("/apiKeys/demo", {"name": "x", "role": "admin"}).status == 403
    admin = api.as_key(keys["demo"]["admin"])
    assert admin.post("/exams/demo", exam_body()).status == 200


def test_api_key_lifecycle(api, keys):
    admin = api.as_key(keys["demo"]["admin"])
    reply = admin.post("/apiKeys/demo", {"name": "LMS", "role": "client"})
    assert reply.status == 200
    created = reply.json()
    secret = created["key"]
    assert secret.startswith("erk_") and created["key_prefix"] == secret[:8]
    assert api.as_key(secret).get("/exams/demo").status == 200

    listed = admin.get("/apiKeys/demo").json()
    assert created["id"] in [k["id"] for k in listed]
    assert len(listed) == 4
    text = json.dumps(listed)
    assert secret not in text and "_key_hash" not in text and '"key"' not in text
    assert "key" not in admin.get(f"/apiKeys/demo/{created['id']}").json()

    assert admin.delete(f"/apiKeys/demo/{created['id']}").status == 200
    assert api.as_key(secret).get("/exams/demo").status == 401
    assert admin.post("/apiKeys/demo", {"name": "bad", "role": "root"}).status == 400
    # keys have no PUT/PATCH/batch routes
    assert admin.patch(f"/apiKeys/demo/{created['id']}", []).status == 405


API_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod"


def authorize(key: str, path: str, method: str = "GET") -> dict:
    """The deployed authorizer's answer for a request, as API Gateway asks for it."""
    from emulator.apigw import LambdaContext
    from functions.authorizer.handler import lambda_handler

    event = {
        "type": "REQUEST",
        "methodArn": f"{API_ARN}/{method}{path}",
        "headers": {"Authorization": key},
        "pathParameters": {"tenantId": path.split("/")[2]},
    }
    return lambda_handler(event, LambdaContext("authorizer"))


def test_authorizer_policy(aws, keys):
    from emulator.gateway import policy_allows

    policy = authorize(keys["demo"]["client"], "/exams/demo")
    (statement,) = policy["policyDocument"]["Statement"]
    assert statement["Effect"] == "Allow" and statement["Action"] == "execute-api:Invoke"
    assert f"{API_ARN}/GET/exams/demo" in statement["Resource"]
    assert f"{API_ARN}/PATCH/exams/demo/*" in statement["Resource"]
    assert all(resource.startswith(API_ARN + "/") for resource in statement["Resource"])
    assert policy["context"]["tenantId"] == "demo" and policy["context"]["role"] == "client"
    assert keys["demo"]["client"] not in json.dumps(policy)

    # Asked about another tenant's path, it answers the same (API Gateway caches the answer per key):
    # a policy that does not cover that path, so API Gateway answers 403.
    elsewhere = authorize(keys["demo"]["client"], "/exams/other")
    assert elsewhere == policy
    assert not policy_allows(elsewhere["policyDocument"], f"{API_ARN}/GET/exams/other")
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        authorize("erk_nope000000000000000000000000", "/exams/demo")


def method_arn(route, tenant: str, param: str = "01JABCDEF") -> str:
    path = re.sub(r"\{(\w+)\}", lambda m: tenant if m[1] == "tenantId" else param, route.path)
    return f"{API_ARN}/{route.method}{path}"


def test_the_authorizer_policy_covers_every_route_of_its_own_tenant_and_no_other(aws, keys):
    """Whatever path a key's first request names, its (cached) policy lets it reach every route of its
    own tenant and none of another's: not a tenant whose id starts with its own, not a path that
    carries its tenant id further on (a parameter named "demo", or one that holds slashes)."""
    from emulator.gateway import policy_allows
    from shared.routes import all_routes

    for first_path in ("/exams/demo", "/candidates/other/x", "/apiKeys/demo2"):
        document = authorize(keys["demo"]["admin"], first_path)["policyDocument"]
        for function, route in all_routes():
            for param in ("01JABCDEF", "demo", "batch"):
                assert policy_allows(document, method_arn(route, "demo", param)), (first_path, route)
            for tenant in ("other", "demo2", "dem", "demo-", "DEMO", "x"):
                for param in ("01JABCDEF", "demo", f"{function.name}/demo", f"x/{function.name}/demo/y"):
                    arn = method_arn(route, tenant, param)
                    assert not policy_allows(document, arn), (first_path, arn)
            # the same path in another stage or API
            own = method_arn(route, "demo")
            assert not policy_allows(document, own.replace("/prod/", "/dev/", 1))
            assert not policy_allows(document, own.replace(":abc123/", ":abc124/", 1))


def test_the_gateway_reads_the_policy_as_api_gateway_does():
    from emulator.gateway import policy_allows

    arn = f"{API_ARN}/GET/exams/demo/01J"

    def document(*statements):
        return {"Version": "2012-10-17", "Statement": list(statements)}

    def allow(resource, action="execute-api:Invoke"):
        return {"Effect": "Allow", "Action": action, "Resource": resource}

    def deny(resource):
        return {"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": resource}

    assert policy_allows(document(allow(arn)), arn)
    assert policy_allows(document(allow(f"{API_ARN}/*")), arn)  # "*" spans "/"
    assert policy_allows(document(allow(f"{API_ARN}/GET/exams/demo/01?")), arn)
    assert not policy_allows(document(allow(f"{API_ARN}/GET/exams/demo/0?")), arn)
    assert policy_allows(document(allow([f"{API_ARN}/PUT/*", arn])), arn)
    assert policy_allows(document(allow(arn, ["execute-api:*"])), arn)
    assert not policy_allows(document(allow(arn, "s3:GetObject")), arn)
    assert not policy_allows(document(allow(f"{API_ARN}/GET/exams/demo")), arn)  # exact: no children
    assert not policy_allows(document(allow(f"{API_ARN}/GET/exams/[d]emo/*")), arn)  # no character classes
    assert not policy_allows(document(), arn)  # nothing covers it: denied
    assert not policy_allows(document(allow(f"{API_ARN}/*"), deny(arn)), arn)  # an explicit deny wins
    assert not policy_allows(document(deny(f"{API_ARN}/*/exams/*"), allow(arn)), arn)
    assert policy_allows(document(deny(f"{API_ARN}/GET/exams/other/*"), allow(arn)), arn)
    assert policy_allows({"Statement": allow(arn)}, arn)  # a single statement, not in a list


def test_another_tenants_path_is_refused_by_the_gateway_before_the_handler(api, keys):
    """403 from the gateway's reading of the policy (the same body API Gateway's ACCESS_DENIED
    response sends), not only from the handler's own check."""
    from emulator.gateway import DENIED

    for path in ("/exams/other", "/exams/other/01JABCDEF", "/examRegProcesses/other/eligible/exams/demo"):
        reply = api.get(path)
        assert reply.status == 403, path
        assert reply.json()["detail"] == DENIED[2], path
    assert api.get("/exams/demo").status == 200


def test_handler_rejects_a_request_without_authorizer_context(aws):
    """Defence in depth: a handler invoked without the authorizer's context refuses."""
    from emulator.apigw import LambdaContext, build_event
    from functions.exams.handler import lambda_handler
    from shared.routes import Route

    event = build_event("GET", "/exams/demo", Route("GET", "/exams/{tenantId}"), {"tenantId": "demo"})
    assert lambda_handler(event, LambdaContext("exams"))["statusCode"] == 401
    event["requestContext"]["authorizer"] = {"tenantId": "other", "role": "admin", "keyId": "k"}
    assert lambda_handler(event, LambdaContext("exams"))["statusCode"] == 403


def test_tenant_bootstrap_is_idempotent_with_preset_keys(aws):
    from emulator.bootstrap import bootstrap_tenant

    preset = "erk_" + "a" * 40
    first = bootstrap_tenant("acme", {"client": preset, "admin": None})
    again = bootstrap_tenant("acme", {"client": preset, "admin": None})
    assert first["client"] == again["client"] == preset
    assert first["admin"] != again["admin"]
    with pytest.raises(ValueError):
        bootstrap_tenant("globex", {"client": preset})
    with pytest.raises(ValueError):
        bootstrap_tenant("acme", {"client": "short"})
    with pytest.raises(ValueError):
        bootstrap_tenant("bad tenant!", {"client": None})
