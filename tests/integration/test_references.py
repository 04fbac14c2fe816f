"""Processes refer to exams: integrity on create, update and delete."""

from __future__ import annotations

import pytest

from tests.integration.helpers import assert_problem, create_exam, create_process, error_fields, process_body

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


def key_id(admin, key: str) -> str:
    keys = admin.get("/apiKeys/demo", params={"limit": 1000}).json()
    (found,) = [k["id"] for k in keys if k.get("key_prefix") == key[:8]]
    return found


def test_deleting_a_listed_exam_is_409_and_stamped(client, admin, server):
    exam = create_exam(client)
    process = create_process(client, [exam["id"]])
    assert process["exam_ids"] == [exam["id"]]

    problem = assert_problem(client.delete(f"/exams/demo/{exam['id']}"), 409)
    assert "id" in error_fields(problem)
    stamped = client.get(f"/exams/demo/{exam['id']}", params={"consistentRead": "true"})
    assert stamped.status_code == 200
    record = stamped.json()
    assert record["sys_deleted_by_id"] == key_id(admin, server.client_key)
    assert record["sys_version"] == exam["sys_version"]  # a refused delete is not a change
    assert not any(k.startswith("_") for k in record)  # the reference count stays internal

    # the stamp survives later changes, which cannot alter it
    patched = client.patch(f"/exams/demo/{exam['id']}", [{"op": "replace", "path": "/name", "value": "Still here"}])
    assert patched.status_code == 200, patched.text
    assert patched.json()["sys_deleted_by_id"] == record["sys_deleted_by_id"]

    assert client.delete(f"/examRegProcesses/demo/{process['id']}").json() == process["id"]
    response = client.delete(f"/exams/demo/{exam['id']}")
    assert response.status_code == 200, response.text
    assert response.json() == exam["id"]


def test_reference_moves_with_process_updates(client):
    first, second = create_exam(client), create_exam(client)
    process = create_process(client, [first["id"]])
    path = f"/examRegProcesses/demo/{process['id']}"

    # PATCH the process to point at the second exam: the first becomes deletable, the second not
    response = client.patch(path, [{"op": "replace", "path": "/exam_ids", "value": [second["id"]]}])
    assert response.status_code == 200, response.text
    assert_problem(client.delete(f"/exams/demo/{second['id']}"), 409)
    assert client.delete(f"/exams/demo/{first['id']}").status_code == 200

    # PUT it to a missing exam: 409, nothing changes
    body = {**process_body(["gone-exam"]), "id": process["id"]}
    problem = assert_problem(client.put(path, body), 409)
    assert "exam_ids[0]" in error_fields(problem)
    assert client.get(path).json()["exam_ids"] == [second["id"]]

    assert client.delete(path).status_code == 200
    assert client.delete(f"/exams/demo/{second['id']}").status_code == 200


def test_two_processes_hold_an_exam_until_both_are_gone(client):
    exam = create_exam(client)
    one, two = create_process(client, [exam["id"]]), create_process(client, [exam["id"], exam["id"]])
    assert client.delete(f"/examRegProcesses/demo/{one['id']}").status_code == 200
    assert_problem(client.delete(f"/exams/demo/{exam['id']}"), 409)
    assert client.delete(f"/examRegProcesses/demo/{two['id']}").status_code == 200
    assert client.delete(f"/exams/demo/{exam['id']}").status_code == 200


def test_process_cannot_refer_to_another_tenants_exam(client, other_tenant, server):
    tenant, key = other_tenant
    theirs = create_exam(server.client(key), tenant=tenant)
    problem = assert_problem(client.post("/examRegProcesses/demo", process_body([theirs["id"]])), 409)
    assert "exam_ids[0]" in error_fields(problem)
