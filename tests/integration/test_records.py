"""Create, read, replace and delete over HTTP, plus the API's generic error answers."""

from __future__ import annotations

import json
import re

import pytest
import requests

from tests.integration.helpers import (
    assert_problem,
    create_exam,
    error_fields,
    exam_body,
    list_all,
    process_body,
    unique_code,
)

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]

ID = re.compile(r"^[\w|-]+$")


def key_id_of(admin, key: str) -> str:
    """The id of a key of tenant demo, found by the prefix the listing shows."""
    keys = admin.get("/apiKeys/demo", params={"limit": 1000}).json()
    matches = [k["id"] for k in keys if k.get("key_prefix") == key[:8]]
    assert len(matches) == 1, keys
    return matches[0]


def test_create_exam_generates_id_and_stamps_sys_fields(client, admin, server):
    body = exam_body()
    response = client.post("/exams/demo", body)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    record = response.json()

    assert ID.match(record["id"])
    assert record["sys_version"] == 1
    for name, value in body.items():
        assert record[name] == value
    client_key_id = key_id_of(admin, server.client_key)
    assert record["sys_created_by_id"] == client_key_id
    assert record["sys_last_modified_by_id"] == client_key_id
    assert server.client_key not in response.text  # the id of the key, never the key
    assert record["sys_created_at"] == record["sys_last_modified_at"]
    context = record["sys_last_security_context"]
    assert context["key_id"] == client_key_id
    assert context["role"] == "client"
    assert context["source_ip"] == "127.0.0.1"
    assert context["request_id"]
    assert not any(k.startswith("_") or k in ("pk", "sk") for k in record)

    stored = client.get(f"/exams/demo/{record['id']}", params={"consistentRead": "true"})
    assert stored.status_code == 200
    assert stored.json() == record


def test_server_managed_sys_fields_are_ignored_on_input(client):
    external_id = unique_code("EXT")
    body = exam_body(
        sys_version=99,
        sys_created_by_id="someone-else",
        sys_created_at="2000-01-01T00:00:00Z",
        sys_deleted_by_id="x",
        sys_bulk_load_id="y",
        sys_external_id=external_id,
    )
    record = client.post("/exams/demo", body).json()
    assert record["sys_version"] == 1
    assert record["sys_created_by_id"] != "someone-else"
    assert record["sys_created_at"] != "2000-01-01T00:00:00Z"
    assert "sys_deleted_by_id" not in record
    assert "sys_bulk_load_id" not in record
    assert record["sys_external_id"] == external_id  # the client's own


def test_duplicate_exam_code_is_409(client):
    code = unique_code()
    create_exam(client, code=code)
    problem = assert_problem(client.post("/exams/demo", exam_body(code=code, name="Another")), 409)
    assert "code" in error_fields(problem)
    assert problem["errors"][0]["code"] == "duplicate"


def test_create_with_id_is_400(client):
    code = unique_code()
    problem = assert_problem(client.post("/exams/demo", exam_body(code=code, id="my-own-id")), 400)
    assert "id" in error_fields(problem)
    assert client.get("/exams/demo/my-own-id").status_code == 404
    # nothing was claimed: the code is still free
    create_exam(client, code=code)


def test_invalid_exam_lists_every_problem(client):
    body = {
        "code": "!not a code",
        "passing_score": -1,
        "domains": [{"code": "D1", "weight": 101}],
        "colour": "blue",
    }
    problem = assert_problem(client.post("/exams/demo", body), 400)
    fields = error_fields(problem)
    for expected in ("name", "code", "passing_score", "domains[0].name", "domains[0].weight", "colour"):
        assert expected in fields, problem
    for error in problem["errors"]:
        assert set(error) >= {"field", "message", "code"}
        assert "!not a code" not in error["message"]  # input values are not echoed


def test_invalid_process_lists_every_problem(client):
    body = {
        "type": "bogus",
        "exam_ids": [],
        "form_id": "not-a-form",
    }
    problem = assert_problem(client.post("/examRegProcesses/demo", body), 400)
    fields = error_fields(problem)
    for expected in (
        "name",
        "type",
        "exam_ids",
        "form_id",
        "contact_form_options",
        "checkout_settings",
        "confirmation_email",
    ):
        assert expected in fields, problem


def test_body_that_is_not_an_object_is_400(client):
    assert_problem(client.post("/exams/demo", [1, 2]), 400)
    assert_problem(
        client.request("POST", "/exams/demo", data=b"{not json", headers={"Content-Type": "application/json"}), 400
    )


def test_process_with_unknown_exam_is_409_and_writes_nothing(client):
    exam = create_exam(client)
    before = {p["id"] for p in list_all(client, "/examRegProcesses/demo")}
    body = process_body([exam["id"], "no-such-exam"])
    problem = assert_problem(client.post("/examRegProcesses/demo", body), 409)
    assert "exam_ids[1]" in error_fields(problem)
    after = {p["id"] for p in list_all(client, "/examRegProcesses/demo")}
    assert after == before
    # the existing exam got no dangling reference: it deletes
    assert client.delete(f"/exams/demo/{exam['id']}").status_code == 200


def test_get_unknown_is_404(client):
    problem = assert_problem(client.get("/exams/demo/does-not-exist"), 404)
    assert problem["instance"] == "/exams/demo/does-not-exist"
    assert_problem(client.get("/examRegProcesses/demo/does-not-exist"), 404)


def test_get_has_etag_and_fields(client):
    record = create_exam(client)
    response = client.get(f"/exams/demo/{record['id']}")
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"{record["sys_version"]}"'
    only_name = client.get(f"/exams/demo/{record['id']}", params={"fields": "name"})
    assert only_name.json() == {"id": record["id"], "name": record["name"]}
    two = client.get(f"/exams/demo/{record['id']}", params={"fields": "name, code"})
    assert two.json() == {"id": record["id"], "name": record["name"], "code": record["code"]}


def test_put_replaces_whole_record(client):
    record = create_exam(client)
    replacement = {"id": record["id"], "name": "Replaced", "code": record["code"], "description": "new"}
    response = client.put(f"/exams/demo/{record['id']}", replacement)
    assert response.status_code == 200, response.text
    new = response.json()
    assert new["sys_version"] == 2
    assert response.headers["ETag"] == '"2"'
    assert new["name"] == "Replaced"
    assert new["description"] == "new"
    assert "passing_score" not in new  # full replacement: absent fields are gone
    assert new["domains"] == []
    assert new["sys_created_at"] == record["sys_created_at"]
    assert new["sys_created_by_id"] == record["sys_created_by_id"]
    assert client.get(f"/exams/demo/{record['id']}").json() == new


def test_put_with_other_id_in_body_is_400(client):
    record = create_exam(client)
    body = {**exam_body(code=record["code"]), "id": "another-id"}
    problem = assert_problem(client.put(f"/exams/demo/{record['id']}", body), 400)
    assert "id" in error_fields(problem)
    body_without_id = exam_body(code=record["code"])
    assert_problem(client.put(f"/exams/demo/{record['id']}", body_without_id), 400)
    assert client.get(f"/exams/demo/{record['id']}").json()["sys_version"] == 1


def test_put_unknown_is_404(client):
    assert_problem(client.put("/exams/demo/nope-404", {**exam_body(), "id": "nope-404"}), 404)


def test_put_can_change_the_unique_code(client):
    record = create_exam(client)
    old_code, new_code = record["code"], unique_code()
    body = {**exam_body(code=new_code), "id": record["id"]}
    assert client.put(f"/exams/demo/{record['id']}", body).status_code == 200
    # the old code is free again, the new one is taken
    create_exam(client, code=old_code)
    assert_problem(client.post("/exams/demo", exam_body(code=new_code)), 409)


def test_delete_returns_id_then_404(client):
    record = create_exam(client)
    response = client.delete(f"/exams/demo/{record['id']}")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == record["id"]
    assert_problem(client.get(f"/exams/demo/{record['id']}"), 404)
    assert_problem(client.delete(f"/exams/demo/{record['id']}"), 404)
    # the code was released with the record
    create_exam(client, code=record["code"])


def test_unknown_route_is_404_problem(client):
    assert_problem(client.get("/nothing/here"), 404)
    assert_problem(client.get("/exams/demo/a/b/c"), 404)


def test_unsupported_method_is_405(client):
    assert_problem(client.put("/exams/demo", exam_body()), 405)


def test_wrong_content_type_is_415(client):
    response = client.request("POST", "/exams/demo", data=b"name=x", headers={"Content-Type": "text/plain"})
    assert_problem(response, 415)


def test_json_with_charset_is_accepted(client):
    response = client.request(
        "POST",
        "/exams/demo",
        data=json.dumps(exam_body()).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200, response.text


def test_json_subtypes_are_accepted(client):
    record = create_exam(client)
    response = client.request(
        "PATCH",
        f"/exams/demo/{record['id']}",
        data=b'[{"op": "replace", "path": "/name", "value": "JSON patch"}]',
        headers={"Content-Type": "application/json-patch+json"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "JSON patch"


def test_openapi_document(server):
    response = requests.get(server.url("/openapi.json"), timeout=30)
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    for path in ("/exams/{tenantId}", "/exams/{tenantId}/{id}", "/exams/{tenantId}/batch"):
        assert path in paths, sorted(paths)
    assert "/examRegProcesses/{tenantId}" in paths
    assert "/apiKeys/{tenantId}" in paths
    assert set(paths["/exams/{tenantId}/{id}"]) >= {"get", "put", "patch", "delete"}


def test_swagger_ui(server):
    response = requests.get(server.url("/swagger"), timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "swagger" in response.text.lower()
