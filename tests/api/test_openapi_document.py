"""docs/openapi.json says what the API answers: each answer below has its status documented for its
operation, with its Content-Type, and its body valid against the documented schema (what
schemathesis' conformance checks require, checked here in-process, route by route)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generators.openapi import render
from tests.conftest import exam_body

DOC = json.loads(render())


def assert_documented(reply, method: str, path: str) -> None:
    responses = DOC["paths"][path][method.lower()]["responses"]
    assert str(reply.status) in responses, f"{method} {path}: {reply.status} is not documented"
    content = responses[str(reply.status)]["content"]
    media = (reply.header("Content-Type") or "").split(";")[0]
    assert media in content, f"{method} {path} {reply.status}: {media} is not documented"
    assert "schema" in content[media], f"{method} {path} {reply.status}: no schema for {media}"
    schema = content[media]["schema"]
    jsonschema.validate(reply.json(), {**schema, "components": DOC["components"]})


@pytest.fixture
def admin(api, keys):
    return api.as_key(keys["demo"]["admin"])


def test_records_and_projections_match_the_record_schema(api):
    exam = api.post("/exams/demo", exam_body())
    assert_documented(exam, "POST", "/exams/{tenantId}")
    one = api.get(f"/exams/demo/{exam.json()['id']}", params={"fields": "code"})
    assert one.json() == {"id": exam.json()["id"], "code": "CPA-1"}
    assert_documented(one, "GET", "/exams/{tenantId}/{id}")
    page = api.get("/exams/demo", params={"fields": "name"})
    assert_documented(page, "GET", "/exams/{tenantId}")


def test_delete_answers_the_id_as_a_json_string(api):
    exam = api.post("/exams/demo", exam_body()).json()
    reply = api.delete(f"/exams/demo/{exam['id']}")
    assert reply.json() == exam["id"]
    assert_documented(reply, "DELETE", "/exams/{tenantId}/{id}")


def test_batch_results_match_the_batch_result_schema(api):
    exam = api.post("/exams/demo", exam_body()).json()
    reply = api.post(
        "/exams/demo/batch",
        {
            "operations": [
                {"id": exam["id"], "operation": "patch", "patch_directives": [{"op": "remove", "path": "/nope"}]},
                {"id": exam["id"], "operation": "delete"},
                [None, None],  # malformed: its own 400, without id or operation
            ]
        },
    )
    assert reply.status == 200 and reply.json()["error_count"] == 2
    assert reply.json()["results"][2]["id"] is None
    assert_documented(reply, "POST", "/exams/{tenantId}/batch")


def test_bulk_load_and_export_starts_are_202_with_a_job(api):
    load = api.post("/exams/demo/bulkLoads", {"format": "csv", "file_name": "exams.csv"})
    assert load.status == 202
    assert_documented(load, "POST", "/exams/{tenantId}/bulkLoads")
    inline = api.request(
        "POST", "/exams/demo/bulkLoads", data=b"name,code\nA,A-1\n", headers={"Content-Type": "text/csv"}
    )
    assert inline.status == 202
    assert_documented(inline, "POST", "/exams/{tenantId}/bulkLoads")
    assert_documented(
        api.get(f"/exams/demo/bulkLoads/{load.json()['id']}"), "GET", "/exams/{tenantId}/bulkLoads/{jobId}"
    )
    export = api.post("/exams/demo/exports", {"format": "ndjson"})
    assert export.status == 202
    assert_documented(export, "POST", "/exams/{tenantId}/exports")
    assert_documented(api.get("/exams/demo/exports"), "GET", "/exams/{tenantId}/exports")


def test_api_keys_answers_match_their_schema(admin):
    created = admin.post("/apiKeys/demo", {"name": "LMS", "role": "client"})
    assert created.json()["key"] and created.json()["key_prefix"]
    assert_documented(created, "POST", "/apiKeys/{tenantId}")
    assert_documented(admin.get("/apiKeys/demo"), "GET", "/apiKeys/{tenantId}")


def test_results_and_registrations_carry_the_fields_the_server_sets(admin):
    from tests.api.test_input_fuzz import World

    world = World(admin, admin)
    registration = admin.get(f"/examRegistrations/demo/{world.ids['examRegistrations']}")
    assert "score" in registration.json()
    assert_documented(registration, "GET", "/examRegistrations/{tenantId}/{id}")
    result = admin.get(f"/examResults/demo/{world.ids['examResults']}")
    assert {"candidate", "exam"} <= set(result.json())
    assert_documented(result, "GET", "/examResults/{tenantId}/{id}")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("POST", "/exams/demo", b"name=x"), ("PUT", "/exams/demo/x", b"name=x"), ("POST", "/exams/demo/exports", b"x")],
)
def test_non_json_bodies_answer_a_documented_415(api, method, path, body):
    reply = api.request(method, path, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 415
    template = {"/exams/demo": "/exams/{tenantId}", "/exams/demo/x": "/exams/{tenantId}/{id}"}
    assert_documented(reply, method, template.get(path, "/exams/{tenantId}/exports"))


# ---- the document as a contract (issue 11) -----------------------------------------------------------


def _operations():
    for path, operations in DOC["paths"].items():
        for method, entry in operations.items():
            yield method.upper(), path, entry


def test_the_document_is_valid_openapi():
    from openapi_spec_validator import validate

    validate(DOC)


def test_every_body_and_every_answer_has_an_example_its_schema_accepts():
    checked = 0
    for method, path, entry in _operations():
        bodies = [("request", media, c) for media, c in entry.get("requestBody", {}).get("content", {}).items()]
        for status, response in entry["responses"].items():
            bodies += [(status, media, c) for media, c in response.get("content", {}).items()]
        for where, media, content in bodies:
            assert "schema" in content and "example" in content, f"{method} {path} {where} {media}"
            jsonschema.validate(content["example"], {**content["schema"], "components": DOC["components"]})
            checked += 1
    assert checked > 500


def test_success_bodies_have_schemas_and_errors_are_problems():
    for method, path, entry in _operations():
        success = [s for s in entry["responses"] if s.startswith("2")]
        assert len(success) == 1, f"{method} {path}"
        assert "schema" in entry["responses"][success[0]]["content"]["application/json"], f"{method} {path}"
        for status, response in entry["responses"].items():
            if not status.startswith("2"):
                assert list(response["content"]) == ["application/problem+json"], f"{method} {path} {status}"
        assert "500" in entry["responses"]
        # Powertools' validation 422 is never documented (the API answers 400); 422 is the reuse of
        # an Idempotency-Key with another body, on the operations that take one only.
        takes_key = {"$ref": "#/components/parameters/IdempotencyKey"} in entry.get("parameters", [])
        assert ("422" in entry["responses"]) == takes_key, f"{method} {path}"


def test_statuses_are_the_routes_own():
    """Not one generic set: 404 only where something is looked up, 412 only where If-Match applies,
    413/415 only where a body is taken, 429 only on creates and sign-in."""
    for method, path, entry in _operations():
        statuses = set(entry["responses"])
        assert ("412" in statuses) == (method in ("PUT", "PATCH", "DELETE")), f"{method} {path}"
        assert ("415" in statuses) == ("requestBody" in entry), f"{method} {path}"
        if "429" in statuses:
            assert method == "POST" and not path.endswith(("/batch", "/bulkLoads", "/exports")), path
        if method in ("POST", "PUT", "PATCH") and path.endswith("/batch"):
            assert "404" not in statuses
    starts = [e for m, p, e in _operations() if p.endswith(("/bulkLoads", "/exports")) and m == "POST"]
    assert starts and all(set(e["responses"]) >= {"202"} and "200" not in e["responses"] for e in starts)
    sign_in = DOC["paths"]["/proctors/{tenantId}/authenticate"]["post"]["responses"]["429"]
    assert "Retry-After" in sign_in["headers"] and "sign-in" in sign_in["description"]


def test_headers_and_if_match_are_documented():
    for method, path, entry in _operations():
        success = next(r for s, r in entry["responses"].items() if s.startswith("2"))
        headers = set(success.get("headers", {}))
        if method in ("PUT", "PATCH", "DELETE"):
            assert {"$ref": "#/components/parameters/IfMatch"} in entry["parameters"], f"{method} {path}"
            assert "ETag" in entry["responses"]["412"]["headers"]
        if method in ("GET", "PUT", "PATCH") and path.endswith("/{id}"):
            assert "ETag" in headers, f"{method} {path}"
        if method == "GET" and (path.endswith("/{tenantId}") or "/byCandidate/" in path or "/calendar/" in path):
            assert {"X-Last-Evaluated-Key", "Link"} <= headers, f"{method} {path}"
    results = DOC["paths"]["/examResults/{tenantId}"]["get"]["responses"]["200"]["headers"]
    assert "X-Changes-Until" in results
    assert DOC["components"]["parameters"]["IfMatch"]["in"] == "header"


def test_request_bodies_are_documented_as_sent():
    patch = DOC["paths"]["/exams/{tenantId}/{id}"]["patch"]["requestBody"]["content"]
    assert set(patch) == {"application/json", "application/json-patch+json"}
    load = DOC["paths"]["/candidates/{tenantId}/bulkLoads"]["post"]["requestBody"]["content"]
    assert set(load) == {"application/json", "text/csv", "application/x-ndjson"}
    export = DOC["paths"]["/candidates/{tenantId}/exports"]["post"]["requestBody"]["content"]
    assert export["application/json"]["schema"] == {"$ref": "#/components/schemas/ExportRequest"}
    assert DOC["components"]["schemas"]["ExportRequest"]["required"] == ["format"]
    for name, schema in DOC["components"]["schemas"].items():
        if name.endswith("Create"):
            fields = set(schema["properties"])
            assert "id" not in fields and not {f for f in fields if f.startswith("sys_")} - {
                "sys_external_id",
                "sys_locked",
            }, name
    assert "password" not in DOC["components"]["schemas"]["Proctor"]["properties"]
    assert "password" in DOC["components"]["schemas"]["ProctorCreate"]["required"]


IDEMPOTENT_POSTS = {
    f"/{resource}/{{tenantId}}{suffix}"
    for resource in (
        "exams",
        "examRegProcesses",
        "candidates",
        "testingCenters",
        "proctors",
        "examRegistrations",
        *["examResults"],
    )
    for suffix in ("", "/batch", "/bulkLoads", "/exports")
}


def test_idempotency_key_is_declared_on_every_post_that_creates_or_starts_something():
    parameter = DOC["components"]["parameters"]["IdempotencyKey"]
    assert parameter["in"] == "header" and parameter["name"] == "Idempotency-Key" and not parameter["required"]
    assert parameter["schema"]["maxLength"] == 255 and parameter["schema"]["minLength"] == 1
    assert "24 hours" in parameter["description"] and "tenant and the API key" in parameter["description"]
    for method, path, entry in _operations():
        takes_key = {"$ref": "#/components/parameters/IdempotencyKey"} in entry.get("parameters", [])
        assert takes_key == (method == "POST" and path in IDEMPOTENT_POSTS), f"{method} {path}"
        if not takes_key:
            continue
        success = next(r for s, r in entry["responses"].items() if s.startswith("2"))
        assert "Idempotent-Replayed" in success["headers"], f"{method} {path}"
        assert "Retry-After" in entry["responses"]["409"]["headers"], f"{method} {path}"
        assert "Idempotency-Key" in entry["responses"]["409"]["description"], f"{method} {path}"
        assert "Idempotency-Key" in entry["responses"]["422"]["description"], f"{method} {path}"
    assert DOC["components"]["headers"]["Idempotent-Replayed"]["schema"]["enum"] == ["true"]
    # A key's create answers its secret once: no replay could give it again (README, "Retries")
    assert "422" not in DOC["paths"]["/apiKeys/{tenantId}"]["post"]["responses"]
    assert "422" not in DOC["paths"]["/proctors/{tenantId}/authenticate"]["post"]["responses"]


def test_an_answer_with_an_idempotency_key_is_documented(api):
    first = api.post("/exams/demo", exam_body("DOC-IDEM"), headers={"Idempotency-Key": "doc-1"})
    replay = api.post("/exams/demo", exam_body("DOC-IDEM"), headers={"Idempotency-Key": "doc-1"})
    reused = api.post("/exams/demo", exam_body("DOC-OTHER"), headers={"Idempotency-Key": "doc-1"})
    assert (first.status, replay.status, reused.status) == (200, 200, 422)
    for reply in (first, replay, reused):
        assert_documented(reply, "POST", "/exams/{tenantId}")


# ---- webhooks (issue 13) ------------------------------------------------------------------------------

ENDPOINT = {"url": "http://127.0.0.1:8787/hooks", "event_types": ["testingCenters.*"]}


def test_webhook_endpoint_answers_match_their_schema(api):
    created = api.post("/webhookEndpoints/demo", ENDPOINT)
    assert created.status == 200 and created.json()["secret"].startswith("whsec_")
    assert_documented(created, "POST", "/webhookEndpoints/{tenantId}")
    endpoint = created.json()["id"]
    one = api.get(f"/webhookEndpoints/demo/{endpoint}")
    assert "secret" not in one.json()
    assert_documented(one, "GET", "/webhookEndpoints/{tenantId}/{id}")
    rotated = api.post(f"/webhookEndpoints/demo/{endpoint}/rotateSecret", None)
    assert rotated.status == 200 and rotated.json()["secret"] != created.json()["secret"]
    assert_documented(rotated, "POST", "/webhookEndpoints/{tenantId}/{id}/rotateSecret")
    sent = api.post(f"/webhookEndpoints/demo/{endpoint}/test", None)
    assert sent.status == 202 and sent.json()["type"] == "webhookEndpoints.test"
    assert_documented(sent, "POST", "/webhookEndpoints/{tenantId}/{id}/test")
    replayed = api.post(f"/webhookEndpoints/demo/{endpoint}/replay", {"since": "2026-01-01T00:00:00Z"})
    assert replayed.status == 202
    assert_documented(replayed, "POST", "/webhookEndpoints/{tenantId}/{id}/replay")
    both = api.post(f"/webhookEndpoints/demo/{endpoint}/replay", {"event_id": "evt_" + "0" * 26, "since": "2026"})
    assert both.status == 400
    assert_documented(both, "POST", "/webhookEndpoints/{tenantId}/{id}/replay")
    unknown = api.post(f"/webhookEndpoints/demo/{endpoint}/replay", {"event_id": "evt_" + "0" * 26})
    assert unknown.status == 404
    assert_documented(unknown, "POST", "/webhookEndpoints/{tenantId}/{id}/replay")
    log = api.get(f"/webhookEndpoints/demo/{endpoint}/deliveries")
    assert_documented(log, "GET", "/webhookEndpoints/{tenantId}/{id}/deliveries")
    assert_documented(
        api.get("/webhookEndpoints/demo/nope/deliveries"), "GET", "/webhookEndpoints/{tenantId}/{id}/deliveries"
    )


def test_the_event_feed_answers_match_its_schema(api, monkeypatch):
    api.post("/testingCenters/demo", {"name": "Feed", "code": "FEED-1", "timezone": "UTC"})
    monkeypatch.setattr("shared.events.settled_bound", lambda: "evt_~")  # no settle window
    feed = api.get("/events/demo", params={"limit": 1})
    assert feed.status == 200 and feed.json()[0]["type"] == "testingCenters.created"
    assert feed.header("X-Next-Cursor") == feed.json()[0]["id"]
    assert_documented(feed, "GET", "/events/{tenantId}")
    success = DOC["paths"]["/events/{tenantId}"]["get"]["responses"]["200"]
    assert {"X-Next-Cursor", "X-Last-Evaluated-Key", "Link"} <= set(success["headers"])
    malformed = api.get("/events/demo", params={"after": "nope"})
    assert malformed.status == 400
    assert_documented(malformed, "GET", "/events/{tenantId}")


def test_webhook_deliveries_are_documented():
    from shared.events import EVENT_TYPES, TEST_EVENT

    delivery = DOC["webhooks"]["event"]["post"]
    headers = {p["name"] for p in delivery["parameters"] if p["in"] == "header"}
    assert headers == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    payload = DOC["components"]["schemas"]["WebhookEvent"]
    assert payload["required"] == ["type", "timestamp", "tenant_id", "data"]
    assert set(payload["properties"]["type"]["enum"]) == {*EVENT_TYPES, TEST_EVENT}
    description = DOC["info"]["description"]
    assert "Standard Webhooks" in description and "separated by a space" in description
    assert all(f"`{t}`" in description for t in (*EVENT_TYPES, TEST_EVENT))
    # The secret is shown once: in the create's and rotateSecret's answers, never in an input schema.
    assert "secret" in DOC["components"]["schemas"]["WebhookEndpoint"]["properties"]
    for name, forbidden in (
        ("WebhookEndpointCreate", {"id", "secret", "disabled_reason"}),
        ("WebhookEndpointIn", {"secret", "disabled_reason"}),
    ):
        assert not set(DOC["components"]["schemas"][name]["properties"]) & forbidden, name
