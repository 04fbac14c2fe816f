"""The generic record contract, exercised on exams and exam reg processes (moto in-process)."""

from __future__ import annotations

import pytest

from tests.conftest import exam_body, process_body

PROBLEM = "application/problem+json"


def create_exam(api, code="CPA-1", **extra):
    reply = api.post("/exams/demo", exam_body(code, **extra))
    assert reply.status == 200, reply.raw
    return reply.json()


def test_create_generates_id_and_stamps_metadata(api, keys):
    exam = create_exam(api)
    assert exam["id"] and all(c.isalnum() for c in exam["id"])
    assert exam["sys_version"] == 1
    assert exam["sys_created_at"] == exam["sys_last_modified_at"]
    assert exam["sys_created_by_id"] == exam["sys_last_modified_by_id"]
    assert exam["sys_created_by_id"] != keys["demo"]["client"], "the key id is recorded, never the secret"
    assert exam["sys_last_security_context"]["role"] == "client"
    assert exam["sys_last_security_context"]["request_id"]
    fetched = api.get(f"/exams/demo/{exam['id']}")
    assert fetched.json() == exam
    assert fetched.header("ETag") == '"1"'


def test_server_managed_fields_are_ignored_on_input(api):
    exam = create_exam(api, sys_version=99, sys_created_by_id="forged", sys_bulk_load_id="x", sys_external_id="E-1")
    assert exam["sys_version"] == 1
    assert exam["sys_created_by_id"] != "forged"
    assert "sys_bulk_load_id" not in exam
    assert exam["sys_external_id"] == "E-1"


def test_create_with_id_is_refused(api):
    reply = api.post("/exams/demo", {**exam_body(), "id": "mine"})
    assert reply.status == 400
    assert reply.header("Content-Type") == PROBLEM
    assert [e["field"] for e in reply.json()["errors"]] == ["id"]


def test_invalid_body_lists_every_problem(api):
    reply = api.post("/examRegProcesses/demo", {"type": "sometimes", "exam_ids": [], "form_id": "nope", "extra": 1})
    assert reply.status == 400
    problem = reply.json()
    assert problem["status"] == 400 and problem["title"] == "Bad Request" and problem["type"].startswith("https://")
    fields = {e["field"] for e in problem["errors"]}
    assert {
        "name",
        "type",
        "exam_ids",
        "form_id",
        "extra",
        "contact_form_options",
        "checkout_settings",
        "confirmation_email",
    } <= fields


def test_malformed_json_is_a_400(api):
    reply = api.request("POST", "/exams/demo", data=b"{not json")
    assert reply.status == 400
    assert reply.header("Content-Type") == PROBLEM


def test_non_json_content_type_is_415(api):
    reply = api.request(
        "POST", "/exams/demo", data=b"name=x", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert reply.status == 415
    assert reply.json()["status"] == 415


def test_json_patch_media_type_is_accepted(api):
    exam = create_exam(api)
    reply = api.patch(
        f"/exams/demo/{exam['id']}",
        [{"op": "replace", "path": "/name", "value": "N"}],
        headers={"Content-Type": "application/json-patch+json"},
    )
    assert reply.status == 200 and reply.json()["name"] == "N"


def test_duplicate_unique_code_is_409_and_code_can_be_reused_after_change(api):
    exam = create_exam(api, "DUP")
    reply = api.post("/exams/demo", exam_body("DUP"))
    assert reply.status == 409
    assert reply.json()["errors"][0]["field"] == "code"
    # changing the code frees the old one
    assert api.patch(f"/exams/demo/{exam['id']}", [{"op": "replace", "path": "/code", "value": "NEW"}]).status == 200
    assert api.post("/exams/demo", exam_body("DUP")).status == 200
    assert api.post("/exams/demo", exam_body("NEW")).status == 409


def test_unique_values_are_per_tenant(api, keys):
    create_exam(api, "SAME")
    other = api.as_key(keys["other"]["client"])
    assert other.post("/exams/other", exam_body("SAME")).status == 200


def test_missing_reference_is_409_and_nothing_is_written(api):
    exam = create_exam(api)
    reply = api.post("/examRegProcesses/demo", process_body([exam["id"], "NOPE1", "NOPE2"]))
    assert reply.status == 409
    assert {e["field"] for e in reply.json()["errors"]} == {"exam_ids[1]", "exam_ids[2]"}
    assert api.get("/examRegProcesses/demo").json() == []
    # the exam's reference count was not touched: it still deletes
    assert api.delete(f"/exams/demo/{exam['id']}").status == 200


def test_get_unknown_is_404_problem(api):
    reply = api.get("/exams/demo/UNKNOWN")
    assert reply.status == 404 and reply.header("Content-Type") == PROBLEM


def test_fields_projection_and_consistent_read(api):
    exam = create_exam(api)
    reply = api.get(f"/exams/demo/{exam['id']}", params={"fields": "name,code", "consistentRead": "true"})
    assert reply.json() == {"id": exam["id"], "name": exam["name"], "code": exam["code"]}
    listed = api.get("/exams/demo", params={"fields": "code"}).json()
    assert listed == [{"id": exam["id"], "code": exam["code"]}]
    assert api.get(f"/exams/demo/{exam['id']}", params={"consistentRead": "perhaps"}).status == 400


def test_paging_returns_every_record_once(api):
    ids = {create_exam(api, f"P{i}")["id"] for i in range(7)}
    seen, token, pages = [], None, 0
    while True:
        params = {"limit": 3} | ({"exclusiveStartKey": token} if token else {})
        reply = api.get("/exams/demo", params=params)
        assert reply.status == 200
        seen += [r["id"] for r in reply.json()]
        pages += 1
        token = reply.header("X-Last-Evaluated-Key")
        if not token:
            break
        assert 'rel="next"' in reply.header("Link") and "exclusiveStartKey=" in reply.header("Link")
    assert sorted(seen) == sorted(ids) and len(seen) == len(ids)
    assert seen == sorted(seen), "ids sort by creation time"
    assert pages >= 3


@pytest.mark.parametrize("limit", ["0", "1001", "ten"])
def test_limit_out_of_range_is_400(api, limit):
    assert api.get("/exams/demo", params={"limit": limit}).status == 400


def test_page_tokens_are_tamper_evident_and_scoped(api, keys):
    for i in range(3):
        create_exam(api, f"T{i}")
    token = api.get("/exams/demo", params={"limit": 1}).header("X-Last-Evaluated-Key")
    flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    for bad in (flipped, "garbage", token + "x"):
        reply = api.get("/exams/demo", params={"exclusiveStartKey": bad})
        assert reply.status == 400, bad
        assert reply.json()["errors"][0]["field"] == "exclusiveStartKey"
    # another resource, another tenant: refused
    assert api.get("/examRegProcesses/demo", params={"exclusiveStartKey": token}).status == 400
    other = api.as_key(keys["other"]["client"])
    assert other.get("/exams/other", params={"exclusiveStartKey": token}).status == 400


def test_a_signed_token_whose_key_lies_outside_the_list_is_400(api):
    """A token signed for this list but carrying a key of another partition starts no query there."""
    from shared import paging

    foreign = paging.encode("demo/exams", {"pk": "demo#examRegProcesses", "sk": "X"})
    reply = api.get("/exams/demo", params={"exclusiveStartKey": foreign})
    assert reply.status == 400
    assert reply.json()["detail"] == "exclusiveStartKey does not belong to this list"


def test_put_replaces_whole_record(api):
    exam = create_exam(api, sys_external_id="EXT")
    body = {"id": exam["id"], "name": "Replaced", "code": "CPA-1"}
    reply = api.put(f"/exams/demo/{exam['id']}", body)
    assert reply.status == 200
    record = reply.json()
    assert record["name"] == "Replaced" and "description" not in record and record["domains"] == []
    assert "sys_external_id" not in record
    assert record["sys_version"] == 2 and record["sys_created_at"] == exam["sys_created_at"]
    assert reply.header("ETag") == '"2"'
    assert api.get(f"/exams/demo/{exam['id']}").json() == record


def test_put_checks_body_id_and_existence(api):
    exam = create_exam(api)
    assert api.put(f"/exams/demo/{exam['id']}", {"id": "other", "name": "x", "code": "C"}).status == 400
    assert api.put(f"/exams/demo/{exam['id']}", {"name": "x", "code": "C"}).status == 400
    assert api.put("/exams/demo/NOPE", {"id": "NOPE", "name": "x", "code": "C"}).status == 404
    assert api.put(f"/exams/demo/{exam['id']}", {"id": exam["id"], "code": "C"}).status == 400


def test_patch_supports_all_six_operations(api):
    exam = create_exam(api)
    ops = [
        {"op": "test", "path": "/code", "value": "CPA-1"},
        {"op": "add", "path": "/domains/-", "value": {"code": "D3", "name": "Tax", "weight": 0}},
        {"op": "replace", "path": "/passing_score", "value": 75},
        {"op": "copy", "from": "/name", "path": "/description"},
        {"op": "move", "from": "/domains/0", "path": "/domains/2"},
        {"op": "remove", "path": "/domains/0"},
    ]
    reply = api.patch(f"/exams/demo/{exam['id']}", ops)
    assert reply.status == 200, reply.raw
    record = reply.json()
    assert record["passing_score"] == 75
    assert record["description"] == exam["name"]
    assert [d["code"] for d in record["domains"]] == ["D3", "D1"]
    assert record["sys_version"] == 2


def test_patch_errors(api):
    exam = create_exam(api)
    path = f"/exams/demo/{exam['id']}"
    assert api.patch(path, [{"op": "test", "path": "/code", "value": "other"}]).status == 409
    for forbidden in ("/id", "/sys_version", "/sys_created_at", ""):
        assert api.patch(path, [{"op": "replace", "path": forbidden, "value": "x"}]).status == 400, forbidden
    assert api.patch(path, [{"op": "copy", "from": "/sys_created_by_id", "path": "/name"}]).status == 400
    assert api.patch(path, [{"op": "jump", "path": "/name"}]).status == 400
    assert api.patch(path, [{"op": "remove", "path": "/nothing"}]).status == 400
    assert api.patch(path, {"op": "remove"}).status == 400
    assert api.patch(path, [{"op": "remove", "path": "/name"}]).status == 400, "the result must stay valid"
    assert api.patch(path, [{"op": "add", "path": "/surprise", "value": 1}]).status == 400
    assert api.patch("/exams/demo/NOPE", [{"op": "remove", "path": "/description"}]).status == 404
    assert api.get(path).json()["sys_version"] == 1, "no failed patch changed the record"


def test_patch_value_may_be_any_json(api):
    exam = create_exam(api)
    reply = api.patch(f"/exams/demo/{exam['id']}", [{"op": "add", "path": "/description", "value": None}])
    assert reply.status == 200
    assert "description" not in reply.json()


def test_if_match(api):
    exam = create_exam(api)
    path = f"/exams/demo/{exam['id']}"
    op = [{"op": "replace", "path": "/name", "value": "v2"}]
    assert api.patch(path, op, headers={"If-Match": '"7"'}).status == 412
    reply = api.patch(path, op, headers={"If-Match": '"1"'})
    assert reply.status == 200 and reply.header("ETag") == '"2"'
    assert api.put(path, {"id": exam["id"], "name": "x", "code": "C"}, headers={"If-Match": '"1"'}).status == 412
    assert api.delete(path, headers={"If-Match": '"1"'}).status == 412
    assert api.delete(path, headers={"If-Match": 'W/"2"'}).status == 200


def test_delete_returns_id_and_releases_unique_value(api):
    exam = create_exam(api, "GONE")
    reply = api.delete(f"/exams/demo/{exam['id']}")
    assert reply.status == 200 and reply.json() == exam["id"]
    assert api.get(f"/exams/demo/{exam['id']}").status == 404
    assert api.delete(f"/exams/demo/{exam['id']}").status == 404
    assert api.post("/exams/demo", exam_body("GONE")).status == 200


def test_referenced_exam_cannot_be_deleted(api, keys):
    exam, spare = create_exam(api, "REF"), create_exam(api, "SPARE")
    process = api.post("/examRegProcesses/demo", process_body([exam["id"], exam["id"]])).json()
    reply = api.delete(f"/exams/demo/{exam['id']}")
    assert reply.status == 409
    assert api.get(f"/exams/demo/{exam['id']}").json()["sys_deleted_by_id"]
    # moving the process to another exam releases the first one
    moved = api.patch(
        f"/examRegProcesses/demo/{process['id']}", [{"op": "replace", "path": "/exam_ids", "value": [spare["id"]]}]
    )
    assert moved.status == 200
    assert api.delete(f"/exams/demo/{spare['id']}").status == 409
    assert api.delete(f"/exams/demo/{exam['id']}").status == 200
    assert api.delete(f"/examRegProcesses/demo/{process['id']}").status == 200
    assert api.delete(f"/exams/demo/{spare['id']}").status == 200


def test_batch_runs_each_operation_on_its_own(api):
    a, b = create_exam(api, "A"), create_exam(api, "B")
    reply = api.post(
        "/exams/demo/batch",
        {
            "operations": [
                {
                    "id": a["id"],
                    "operation": "patch",
                    "patch_directives": [{"op": "replace", "path": "/name", "value": "A2"}],
                },
                {"id": b["id"], "operation": "delete"},
                {"id": "MISSING", "operation": "delete"},
                {
                    "id": a["id"],
                    "operation": "patch",
                    "patch_directives": [{"op": "replace", "path": "/id", "value": "x"}],
                },
                {"id": a["id"], "operation": "patch"},
            ]
        },
    )
    assert reply.status == 200
    result = reply.json()
    assert [r["status"] for r in result["results"]] == [200, 200, 404, 400, 400]
    assert [r["id"] for r in result["results"]] == [a["id"], b["id"], "MISSING", a["id"], a["id"]]
    assert result["success_count"] == 2 and result["error_count"] == 3
    assert result["results"][0]["body"]["name"] == "A2"
    assert result["results"][1]["body"] == b["id"]
    assert result["results"][2]["error"]["status"] == 404


@pytest.mark.parametrize("count", [0, 101])
def test_batch_size_limits(api, count):
    operations = [{"id": f"X{i}", "operation": "delete"} for i in range(count)]
    assert api.post("/exams/demo/batch", {"operations": operations}).status == 400


def test_batch_of_100_patches(api):
    exams = [create_exam(api, f"B{i}") for i in range(100)]
    reply = api.post(
        "/exams/demo/batch",
        {
            "operations": [
                {
                    "id": e["id"],
                    "operation": "patch",
                    "patch_directives": [{"op": "replace", "path": "/passing_score", "value": 1}],
                }
                for e in exams
            ]
        },
    )
    assert reply.json()["success_count"] == 100


def test_tenant_record_limit(api, monkeypatch):
    from shared import tenants

    tenants.set_record_limit("demo", "exams", 2)
    first, _second = create_exam(api, "L1"), create_exam(api, "L2")
    reply = api.post("/exams/demo", exam_body("L3"))
    assert reply.status == 429 and reply.json()["status"] == 429
    assert api.get("/exams/demo").json().__len__() == 2, "the refused create wrote nothing"
    assert api.delete(f"/exams/demo/{first['id']}").status == 200
    assert api.post("/exams/demo", exam_body("L3")).status == 200


def test_default_record_limit_from_settings(api, monkeypatch):
    from shared.settings import get_settings

    monkeypatch.setenv("TENANT_MAX_RECORDS_PER_RESOURCE", "1")
    get_settings.cache_clear()
    try:
        create_exam(api, "ONE")
        assert api.post("/exams/demo", exam_body("TWO")).status == 429
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_locking(api, keys):
    admin = api.as_key(keys["demo"]["admin"])
    exam = create_exam(api)
    path = f"/exams/demo/{exam['id']}"
    lock = [{"op": "add", "path": "/sys_locked", "value": True}]
    assert api.patch(path, lock).status == 403, "only admins lock"
    assert api.post("/exams/demo", exam_body("LOCKED", sys_locked=True)).status == 403
    assert admin.patch(path, lock).status == 200
    assert api.patch(path, [{"op": "replace", "path": "/name", "value": "x"}]).status == 403
    assert api.put(path, {"id": exam["id"], "name": "x", "code": "C", "sys_locked": True}).status == 403
    assert api.delete(path).status == 403
    assert admin.delete(path).status == 403, "even an admin unlocks first"
    assert api.patch(path, [{"op": "replace", "path": "/sys_locked", "value": False}]).status == 403
    assert admin.patch(path, [{"op": "replace", "path": "/sys_locked", "value": False}]).status == 200
    assert api.patch(path, [{"op": "replace", "path": "/name", "value": "x"}]).status == 200


def test_conditional_write_refuses_a_stale_version(api):
    """Two writers that read the same version: the second conditional write loses."""
    from shared import keys as key_formats
    from shared import store

    exam = create_exam(api)
    key = key_formats.record_key("demo", "exams", exam["id"])
    store.write([store.update_record(key, {"name": "first", "sys_version": 2}, [], 1)])
    with pytest.raises(store.ConditionFailed):
        store.write([store.update_record(key, {"name": "second", "sys_version": 2}, [], 1)])
    assert store.get(key)["name"] == "first"


def test_patch_retries_when_another_writer_wins_the_race(api, monkeypatch):
    """Without If-Match a PATCH re-reads and re-applies, so neither update is lost."""
    from shared import keys as key_formats
    from shared import store

    exam = create_exam(api)
    key = key_formats.record_key("demo", "exams", exam["id"])
    real_get, raced = store.get, []

    def get_then_race(k, consistent=False):
        item = real_get(k, consistent)
        if not raced and k == key:
            raced.append(True)
            version = item["sys_version"]
            store.write([store.update_record(k, {"description": "theirs", "sys_version": version + 1}, [], version)])
        return item

    monkeypatch.setattr(store, "get", get_then_race)
    reply = api.patch(f"/exams/demo/{exam['id']}", [{"op": "replace", "path": "/name", "value": "ours"}])
    assert reply.status == 200
    record = store.public(real_get(key))
    assert record["name"] == "ours" and record["description"] == "theirs" and record["sys_version"] == 3

    raced.clear()
    reply = api.patch(
        f"/exams/demo/{exam['id']}",
        [{"op": "replace", "path": "/name", "value": "pinned"}],
        headers={"If-Match": '"3"'},
    )
    assert reply.status == 412, "with If-Match the lost race is reported, not retried"
