"""Tenants, API keys, roles and the authorizer."""

from __future__ import annotations

import json

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


def test_authorizer_policy(aws, keys):
    from functions.authorizer.handler import lambda_handler
    from infra.apigw import LambdaContext

    arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/exams/demo"
    event = {
        "type": "REQUEST",
        "methodArn": arn,
        "headers": {"Authorization": keys["demo"]["client"]},
        "pathParameters": {"tenantId": "demo"},
    }
    policy = lambda_handler(event, LambdaContext("authorizer"))
    statement = policy["policyDocument"]["Statement"][0]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"] == "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*"
    assert policy["context"]["tenantId"] == "demo" and policy["context"]["role"] == "client"
    assert keys["demo"]["client"] not in json.dumps(policy)

    event["pathParameters"] = {"tenantId": "other"}
    assert lambda_handler(event, LambdaContext("authorizer"))["policyDocument"]["Statement"][0]["Effect"] == "Deny"
    event["headers"] = {"authorization": "erk_nope000000000000000000000000"}
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        lambda_handler(event, LambdaContext("authorizer"))


def test_handler_rejects_a_request_without_authorizer_context(aws):
    """Defence in depth: a handler invoked without the authorizer's context refuses."""
    from functions.exams.handler import lambda_handler
    from infra.apigw import LambdaContext, build_event
    from shared.routes import Route

    event = build_event("GET", "/exams/demo", Route("GET", "/exams/{tenantId}"), {"tenantId": "demo"})
    assert lambda_handler(event, LambdaContext("exams"))["statusCode"] == 401
    event["requestContext"]["authorizer"] = {"tenantId": "other", "role": "admin", "keyId": "k"}
    assert lambda_handler(event, LambdaContext("exams"))["statusCode"] == 403


def test_tenant_bootstrap_is_idempotent_with_preset_keys(aws):
    from infra.bootstrap import bootstrap_tenant

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
