"""PATCH (RFC 6902, all six ops) and If-Match on PUT, PATCH and DELETE."""

from __future__ import annotations

import pytest

from tests.integration.helpers import assert_problem, create_exam, error_fields, exam_body, unique_code

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


def test_patch_all_six_operations(client):
    description = unique_code("DESC")
    record = create_exam(client, description=description)
    path = f"/exams/demo/{record['id']}"
    operations = [
        {"op": "test", "path": "/code", "value": record["code"]},
        {"op": "replace", "path": "/name", "value": "Renamed"},
        {"op": "add", "path": "/domains/-", "value": {"code": "D3", "name": "Tax", "weight": 0}},
        {"op": "remove", "path": "/passing_score"},
        {"op": "move", "from": "/description", "path": "/sys_external_id"},
        {"op": "copy", "from": "/sys_external_id", "path": "/description"},
    ]
    response = client.patch(path, operations)
    assert response.status_code == 200, response.text
    patched = response.json()
    assert patched["sys_version"] == 2
    assert response.headers["ETag"] == '"2"'
    assert patched["name"] == "Renamed"
    assert [d["code"] for d in patched["domains"]] == ["D1", "D2", "D3"]
    assert "passing_score" not in patched
    assert patched["sys_external_id"] == description
    assert patched["description"] == description
    assert patched["sys_created_at"] == record["sys_created_at"]
    assert client.get(path, params={"consistentRead": "true"}).json() == patched


def test_patch_value_may_be_any_json(client):
    record = create_exam(client)
    response = client.patch(
        f"/exams/demo/{record['id']}",
        [
            {"op": "replace", "path": "/passing_score", "value": 82.5},
            {"op": "replace", "path": "/is_active", "value": False},
            {"op": "replace", "path": "/domains", "value": [{"code": "X", "name": "Only"}]},
        ],
    )
    assert response.status_code == 200, response.text
    patched = response.json()
    assert patched["passing_score"] == 82.5
    assert patched["is_active"] is False
    assert patched["domains"] == [{"code": "X", "name": "Only"}]


def test_failed_test_op_is_409_and_changes_nothing(client):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    operations = [
        {"op": "replace", "path": "/name", "value": "Should not stick"},
        {"op": "test", "path": "/code", "value": "not-the-code"},
    ]
    assert_problem(client.patch(path, operations), 409)
    assert client.get(path).json() == record


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "replace", "path": "/id", "value": "other"},
        {"op": "replace", "path": "/sys_version", "value": 42},
        {"op": "remove", "path": "/sys_created_by_id"},
        {"op": "add", "path": "/sys_deleted_by_id", "value": "x"},
        {"op": "copy", "from": "/sys_created_at", "path": "/description"},
        {"op": "replace", "path": "", "value": {}},
    ],
    ids=["id", "sys_version", "sys_created_by_id", "sys_deleted_by_id", "from-sys", "root"],
)
def test_patch_on_id_or_server_fields_is_400(client, operation):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    problem = assert_problem(client.patch(path, [operation]), 400)
    assert error_fields(problem) & {"[0].path", "[0].from"}, problem
    assert client.get(path).json()["sys_version"] == 1


@pytest.mark.parametrize(
    "body",
    [
        [{"op": "frobnicate", "path": "/name", "value": "x"}],
        [{"op": "replace", "value": "x"}],
        [{"op": "replace", "path": "name", "value": "x"}],
        [{"op": "remove", "path": "/not_there"}],
        [{"op": "move", "path": "/name"}],
        {"op": "replace", "path": "/name", "value": "x"},
    ],
    ids=["bad-op", "no-path", "not-a-pointer", "remove-missing", "move-without-from", "not-a-list"],
)
def test_malformed_patch_is_400(client, body):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    assert_problem(client.patch(path, body), 400)
    assert client.get(path).json()["sys_version"] == 1


def test_patch_leaving_an_invalid_record_is_400(client):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    for operations in (
        [{"op": "replace", "path": "/passing_score", "value": -5}],
        [{"op": "remove", "path": "/name"}],
        [{"op": "add", "path": "/colour", "value": "blue"}],
        [{"op": "add", "path": "/domains/-", "value": {"code": "D1", "name": "Duplicate code"}}],
    ):
        assert_problem(client.patch(path, operations), 400)
    assert client.get(path).json()["sys_version"] == 1


def test_patch_unknown_is_404(client):
    assert_problem(client.patch("/exams/demo/nope-404", [{"op": "replace", "path": "/name", "value": "x"}]), 404)


def test_patch_to_a_taken_code_is_409(client):
    first, second = create_exam(client), create_exam(client)
    path = f"/exams/demo/{second['id']}"
    problem = assert_problem(client.patch(path, [{"op": "replace", "path": "/code", "value": first["code"]}]), 409)
    assert "code" in error_fields(problem)
    assert client.get(path).json() == second


def test_if_match_on_patch(client):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    op = [{"op": "replace", "path": "/name", "value": "v2"}]
    stale = client.patch(path, op, headers={"If-Match": '"7"'})
    assert_problem(stale, 412)
    assert stale.headers["ETag"] == '"1"'
    current = client.patch(path, op, headers={"If-Match": '"1"'})
    assert current.status_code == 200, current.text
    assert current.json()["sys_version"] == 2
    assert_problem(client.patch(path, op, headers={"If-Match": '"1"'}), 412)
    v3 = [{"op": "replace", "path": "/name", "value": "v3"}]
    assert client.patch(path, v3, headers={"If-Match": "*"}).json()["sys_version"] == 3
    v4 = [{"op": "replace", "path": "/name", "value": "v4"}]
    assert client.patch(path, v4, headers={"If-Match": 'W/"3"'}).status_code == 200


def test_a_patch_that_changes_nothing_makes_no_new_version(client):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    for patch in ([], [{"op": "replace", "path": "/name", "value": record["name"]}]):
        reply = client.patch(path, patch)
        assert reply.status_code == 200 and reply.json()["sys_version"] == 1
        assert reply.json()["sys_last_modified_at"] == record["sys_last_modified_at"]


def test_if_match_on_put(client):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    body = {**exam_body(code=record["code"], name="Put"), "id": record["id"]}
    assert_problem(client.put(path, body, headers={"If-Match": '"2"'}), 412)
    response = client.put(path, body, headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"2"'
    assert_problem(client.put(path, body, headers={"If-Match": '"1"'}), 412)


def test_if_match_on_delete(client):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"
    assert_problem(client.delete(path, headers={"If-Match": '"5"'}), 412)
    assert client.get(path).status_code == 200
    response = client.delete(path, headers={"If-Match": '"1"'})
    assert response.status_code == 200
    assert response.json() == record["id"]
