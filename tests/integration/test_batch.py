"""POST /<resource>/{tenantId}/batch: independent patch/delete operations, statuses in order."""

from __future__ import annotations

import pytest

from tests.integration.helpers import assert_problem, create_exam, create_process

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


def test_batch_reports_each_operation_in_order(client):
    patched, deleted = create_exam(client), create_exam(client)
    body = {
        "operations": [
            {
                "id": patched["id"],
                "operation": "patch",
                "patch_directives": [{"op": "replace", "path": "/name", "value": "Batched"}],
            },
            {"id": deleted["id"], "operation": "delete"},
            {
                "id": "no-such-exam",
                "operation": "patch",
                "patch_directives": [{"op": "replace", "path": "/name", "value": "x"}],
            },
        ]
    }
    response = client.post("/exams/demo/batch", body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["success_count"] == 2
    assert result["error_count"] == 1
    results = result["results"]
    assert [(r["id"], r["operation"], r["status"]) for r in results] == [
        (patched["id"], "patch", 200),
        (deleted["id"], "delete", 200),
        ("no-such-exam", "patch", 404),
    ]
    assert results[0]["body"]["name"] == "Batched"
    assert results[0]["body"]["sys_version"] == 2
    assert results[1]["body"] == deleted["id"]
    assert results[2]["error"]["status"] == 404
    assert "body" not in results[2]

    assert client.get(f"/exams/demo/{patched['id']}").json()["name"] == "Batched"
    assert client.get(f"/exams/demo/{deleted['id']}").status_code == 404


def test_batch_statuses_match_single_calls(client):
    exam, referenced = create_exam(client), create_exam(client)
    create_process(client, [referenced["id"]])
    body = {
        "operations": [
            {
                "id": exam["id"],
                "operation": "patch",
                "patch_directives": [{"op": "test", "path": "/name", "value": "x"}],
            },
            {"id": exam["id"], "operation": "patch", "patch_directives": [{"op": "remove", "path": "/sys_version"}]},
            {"id": exam["id"], "operation": "patch"},
            {"id": referenced["id"], "operation": "delete"},
        ]
    }
    result = client.post("/exams/demo/batch", body).json()
    assert [r["status"] for r in result["results"]] == [409, 400, 400, 409]
    assert result["success_count"] == 0
    assert result["error_count"] == 4
    assert client.get(f"/exams/demo/{exam['id']}").json()["sys_version"] == 1


@pytest.mark.parametrize("count", [0, 101])
def test_batch_size_limits(client, count):
    body = {"operations": [{"id": f"id-{i}", "operation": "delete"} for i in range(count)]}
    assert_problem(client.post("/exams/demo/batch", body), 400)


def test_batch_of_one_hundred(client):
    body = {"operations": [{"id": f"missing-{i}", "operation": "delete"} for i in range(100)]}
    response = client.post("/exams/demo/batch", body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["error_count"] == 100
    assert [r["id"] for r in result["results"]] == [f"missing-{i}" for i in range(100)]
    assert {r["status"] for r in result["results"]} == {404}


@pytest.mark.parametrize(
    "operation",
    [
        {"id": "x", "operation": "upsert"},
        {"operation": "delete"},
        {"id": "x", "operation": "delete", "extra": 1},
        {"id": "bad id!", "operation": "delete"},
    ],
    ids=["bad-operation", "no-id", "unknown-field", "bad-id"],
)
def test_invalid_batch_operation_is_its_own_400(client, operation):
    """A malformed operation fails alone, as a 400 in its place in the results (issue 9)."""
    response = client.post("/exams/demo/batch", {"operations": [operation, {"id": "missing", "operation": "delete"}]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == [400, 404]
    assert results[0]["error"]["status"] == 400 and results[0]["error"]["errors"]


def test_a_batch_without_operations_is_400(client):
    assert_problem(client.post("/exams/demo/batch", {"operations": []}), 400)
    assert_problem(client.post("/exams/demo/batch", {"operations": {"id": "x"}}), 400)


def test_delivery_key_may_not_batch(delivery):
    body = {"operations": [{"id": "x", "operation": "delete"}]}
    assert_problem(delivery.post("/exams/demo/batch", body), 403)
