"""Keys, roles and tenants: 401/403, the apiKeys resource, and sys_locked."""

from __future__ import annotations

import pytest

from tests.integration.helpers import assert_problem, create_exam, exam_body

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


# ---- authentication and authorization ---------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "", "garbage", "Bearer", "Bearer ", "erk_" + "x" * 40, "Basic dXNlcjpwYXNz", "erk_" + "y" * 300],
    ids=["none", "empty", "garbage", "bearer-only", "bearer-space", "unknown-erk", "basic", "too-long"],
)
def test_missing_or_unknown_key_is_401(server, authorization):
    api = server.client(None)
    headers = {} if authorization is None else {"Authorization": authorization}
    for method, path in (("GET", "/exams/demo"), ("POST", "/exams/demo"), ("GET", "/apiKeys/demo")):
        response = api.request(method, path, headers=headers, json=exam_body() if method == "POST" else None)
        assert_problem(response, 401)


def test_bearer_and_bare_keys_work(server):
    api = server.client(None)
    for authorization in (server.client_key, f"Bearer {server.client_key}", f"bearer {server.client_key}"):
        response = api.get("/exams/demo", headers={"Authorization": authorization}, params={"limit": 1})
        assert response.status_code == 200, (authorization, response.text)


def test_key_on_another_tenant_is_403(client, admin, other_tenant, server):
    tenant, other_key = other_tenant
    assert_problem(client.get(f"/exams/{tenant}"), 403)
    assert_problem(admin.post(f"/exams/{tenant}", exam_body()), 403)
    assert_problem(admin.get(f"/apiKeys/{tenant}"), 403)
    theirs = server.client(other_key)
    assert_problem(theirs.get("/exams/demo"), 403)
    mine = create_exam(client)
    assert_problem(theirs.get(f"/exams/demo/{mine['id']}"), 403)
    assert_problem(theirs.delete(f"/exams/demo/{mine['id']}"), 403)
    # and its own tenant is separate: our record is not there
    assert_problem(theirs.get(f"/exams/{tenant}/{mine['id']}"), 404)
    assert theirs.get(f"/exams/{tenant}").status_code == 200


def test_tenants_are_isolated_for_unique_codes(client, other_tenant, server):
    tenant, other_key = other_tenant
    mine = create_exam(client)
    theirs = create_exam(server.client(other_key), tenant=tenant, code=mine["code"])
    assert theirs["code"] == mine["code"]


def test_delivery_key_reads_but_does_not_write(delivery, client):
    exam = create_exam(client)
    assert delivery.get("/exams/demo", params={"limit": 1}).status_code == 200
    assert delivery.get(f"/exams/demo/{exam['id']}").status_code == 200
    assert delivery.get("/examRegProcesses/demo", params={"limit": 1}).status_code == 200
    assert_problem(delivery.post("/exams/demo", exam_body()), 403)
    assert_problem(delivery.put(f"/exams/demo/{exam['id']}", {**exam_body(code=exam["code"]), "id": exam["id"]}), 403)
    assert_problem(delivery.patch(f"/exams/demo/{exam['id']}", [{"op": "replace", "path": "/name", "value": "x"}]), 403)
    assert_problem(delivery.delete(f"/exams/demo/{exam['id']}"), 403)
    assert client.get(f"/exams/demo/{exam['id']}").json()["sys_version"] == 1


def test_only_admins_manage_keys(client, delivery):
    for api in (client, delivery):
        assert_problem(api.get("/apiKeys/demo"), 403)
        assert_problem(api.post("/apiKeys/demo", {"name": "sneaky", "role": "admin"}), 403)


# ---- the apiKeys resource ---------------------------------------------------------------------------


def test_api_key_lifecycle(admin, server):
    response = admin.post("/apiKeys/demo", {"name": "integration LMS", "role": "client"})
    assert response.status_code == 200, response.text
    created = response.json()
    key = created["key"]
    assert key.startswith("erk_")
    assert len(key) >= 26
    assert created["role"] == "client"
    assert created["name"] == "integration LMS"

    new_client = server.client(key)
    exam = create_exam(new_client)
    assert exam["sys_created_by_id"] == created["id"]
    assert new_client.get(f"/exams/demo/{exam['id']}").status_code == 200
    assert_problem(new_client.get("/apiKeys/demo"), 403)  # a client key, not an admin one

    listed = admin.get("/apiKeys/demo", params={"limit": 1000})
    assert listed.status_code == 200
    keys = listed.json()
    mine = [k for k in keys if k["id"] == created["id"]]
    assert len(mine) == 1
    assert mine[0]["name"] == "integration LMS"
    for record in keys:
        assert "key" not in record
        assert not any("hash" in name.lower() or name.startswith("_") for name in record), record
    assert key not in listed.text
    one = admin.get(f"/apiKeys/demo/{created['id']}")
    assert one.status_code == 200
    assert "key" not in one.json()
    assert key not in one.text

    deleted = admin.delete(f"/apiKeys/demo/{created['id']}")
    assert deleted.status_code == 200
    assert deleted.json() == created["id"]
    assert_problem(new_client.get("/exams/demo"), 401)
    assert_problem(new_client.get(f"/exams/demo/{exam['id']}"), 401)
    assert_problem(admin.get(f"/apiKeys/demo/{created['id']}"), 404)


def test_api_keys_have_no_update_routes(admin):
    created = admin.post("/apiKeys/demo", {"name": "frozen", "role": "delivery"}).json()
    assert_problem(
        admin.patch(f"/apiKeys/demo/{created['id']}", [{"op": "replace", "path": "/role", "value": "admin"}]), 405
    )
    assert_problem(
        admin.put(f"/apiKeys/demo/{created['id']}", {"id": created["id"], "name": "x", "role": "admin"}), 405
    )
    assert admin.delete(f"/apiKeys/demo/{created['id']}").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "role": "root"},
        {"role": "client"},
        {"name": "", "role": "client"},
        {"name": "x", "role": "client", "key": "erk_mine_" + "z" * 30},
        {"name": "x", "role": "client", "_preset_key": "erk_mine_" + "z" * 30},
    ],
    ids=["bad-role", "no-name", "empty-name", "own-secret", "preset-secret"],
)
def test_invalid_api_key_is_400(admin, body):
    assert_problem(admin.post("/apiKeys/demo", body), 400)


def test_admin_key_made_by_api_manages_keys(admin, server):
    created = admin.post("/apiKeys/demo", {"name": "second admin", "role": "admin"}).json()
    second = server.client(created["key"])
    assert second.get("/apiKeys/demo", params={"limit": 1}).status_code == 200
    assert admin.delete(f"/apiKeys/demo/{created['id']}").status_code == 200
    assert_problem(second.get("/apiKeys/demo"), 401)


# ---- sys_locked -------------------------------------------------------------------------------------


def test_client_cannot_lock(client):
    problem = assert_problem(client.post("/exams/demo", exam_body(sys_locked=True)), 403)
    assert problem["errors"][0]["field"] == "sys_locked"
    exam = create_exam(client)
    assert_problem(
        client.patch(f"/exams/demo/{exam['id']}", [{"op": "add", "path": "/sys_locked", "value": True}]), 403
    )
    body = {**exam_body(code=exam["code"], sys_locked=True), "id": exam["id"]}
    assert_problem(client.put(f"/exams/demo/{exam['id']}", body), 403)
    assert client.get(f"/exams/demo/{exam['id']}").json()["sys_version"] == 1


def test_locked_record_refuses_changes_until_an_admin_unlocks(client, admin):
    exam = create_exam(client)
    path = f"/exams/demo/{exam['id']}"
    locked = admin.patch(path, [{"op": "add", "path": "/sys_locked", "value": True}])
    assert locked.status_code == 200, locked.text
    assert locked.json()["sys_locked"] is True

    assert_problem(client.patch(path, [{"op": "replace", "path": "/name", "value": "x"}]), 403)
    assert_problem(client.put(path, {**exam_body(code=exam["code"]), "id": exam["id"]}), 403)
    assert_problem(client.put(path, {**exam_body(code=exam["code"], sys_locked=True), "id": exam["id"]}), 403)
    assert_problem(client.delete(path), 403)
    batch = client.post(
        "/exams/demo/batch",
        {
            "operations": [
                {
                    "id": exam["id"],
                    "operation": "patch",
                    "patch_directives": [{"op": "replace", "path": "/name", "value": "x"}],
                },
                {"id": exam["id"], "operation": "delete"},
            ]
        },
    ).json()
    assert [r["status"] for r in batch["results"]] == [403, 403]
    assert_problem(admin.patch(path, [{"op": "replace", "path": "/name", "value": "x"}]), 403)  # unlock first
    assert client.get(path).json()["sys_version"] == 2

    unlocked = admin.patch(path, [{"op": "replace", "path": "/sys_locked", "value": False}])
    assert unlocked.status_code == 200, unlocked.text
    response = client.patch(path, [{"op": "replace", "path": "/name", "value": "Changed after unlock"}])
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Changed after unlock"
    assert client.delete(path).status_code == 200


def test_admin_may_create_locked(admin, client):
    exam = admin.post("/exams/demo", exam_body(sys_locked=True))
    assert exam.status_code == 200, exam.text
    assert exam.json()["sys_locked"] is True
    assert_problem(client.delete(f"/exams/demo/{exam.json()['id']}"), 403)
