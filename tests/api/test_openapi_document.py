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
