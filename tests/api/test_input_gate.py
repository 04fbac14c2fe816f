"""What every route does with input it cannot take: a 4xx problem naming the place, nothing written,
nothing echoed (issue 9). In-process, moto behind it; tests/integration/test_limits.py repeats the
DynamoDB limits over HTTP on DynamoDB Local, which enforces them."""

from __future__ import annotations

import json

import pytest

from tests.bodies import LONG_ID, LONG_ID_ROUTES, RENAME_PATCH, nested
from tests.conftest import exam_body, process_body

PROBLEM = "application/problem+json"
MARKER = "Zq7-secret-echo-marker"


def ok(reply, status=200):
    assert reply.status == status, reply.raw
    return reply.json()


def refused(reply, status=400) -> list[str]:
    """The fields a problem+json refusal names."""
    assert reply.status == status, reply.raw
    assert reply.header("Content-Type") == PROBLEM
    return [e["field"] for e in reply.json().get("errors", [])]


def raw_post(api, path, text: str, method="POST", content_type="application/json"):
    return api.request(method, path, data=text.encode(), headers={"Content-Type": content_type})


def count(api, resource="exams") -> int:
    return len(ok(api.get(f"/{resource}/demo", params={"limit": 1000})))


@pytest.fixture
def world(api, keys):
    center = ok(api.post("/testingCenters/demo", {"name": "NYC", "code": "NYC-1", "timezone": "America/New_York"}))
    candidate = ok(api.post("/candidates/demo", {"candidate_id": "C-1", "first_name": "Ada", "last_name": "L"}))
    exam = ok(api.post("/exams/demo", exam_body("CPA")))
    registration = ok(
        api.post(
            "/examRegistrations/demo",
            {
                "candidate_id": candidate["id"],
                "exam_id": exam["id"],
                "delivery_mode": "test_center",
                "testing_center_code": "NYC-1",
                "scheduled_at": "2026-12-01T15:00:00Z",
            },
        )
    )
    delivery = api.as_key(keys["demo"]["delivery"])
    result = ok(
        delivery.post(
            "/examResults/demo",
            {
                "registration_id": registration["id"],
                "overall_score": 82,
                "passed": True,
                "completed_at": "2026-12-01T17:00:00Z",
                "domain_scores": [{"domain_code": "D1", "score": 90}, {"domain_code": "D2", "score": 75}],
            },
        )
    )
    return {"center": center, "candidate": candidate, "exam": exam, "registration": registration, "result": result}


# ---- 1. server-set fields survive changes of other fields -------------------------------------------


def test_a_registrations_score_survives_patch_and_put_of_other_fields(api, world):
    reg_id = world["registration"]["id"]
    path = f"/examRegistrations/demo/{reg_id}"
    assert ok(api.get(path))["score"] == 82
    patched = ok(api.patch(path, [{"op": "add", "path": "/accommodations", "value": ["extra time"]}]))
    assert patched["score"] == 82 and patched["accommodations"] == ["extra time"]
    assert ok(api.get(path))["score"] == 82
    current = ok(api.get(path))
    body = {k: v for k, v in current.items() if not k.startswith("sys_") and k != "score"}
    replaced = ok(api.put(path, {**body, "accommodations": []}))
    assert replaced["score"] == 82 and replaced["status"] == "passed"
    assert ok(api.get(path))["score"] == 82


def test_a_results_copied_fields_survive_a_patch_of_another_field(api, world, keys):
    delivery = api.as_key(keys["demo"]["delivery"])
    path = f"/examResults/demo/{world['result']['id']}"
    before = ok(delivery.get(path))
    after = ok(delivery.patch(path, [{"op": "replace", "path": "/overall_score", "value": 83}]))
    assert after["candidate"] == before["candidate"] and after["exam"] == before["exam"]
    assert [d["domain_name"] for d in after["domain_scores"]] == ["Ethics", "Audit"]
    assert ok(delivery.get(path)) == after


def test_bulk_load_stamps_survive_a_patch(api, keys):
    from shared import engine
    from shared.auth import Caller
    from shared.resources import EXAMS

    caller = Caller(tenant="demo", role="client", key_id="K1", source_ip="127.0.0.1", request_id="r1")
    stamps = {"sys_bulk_load_id": "JOB1", "sys_bulk_load_record_no": 3, "sys_bulk_load_source_file": "f.csv"}
    record = engine.create(EXAMS, caller, engine.validate(EXAMS, exam_body("BULK-1")), stamps=stamps)
    patched = ok(api.patch(f"/exams/demo/{record['id']}", [{"op": "replace", "path": "/name", "value": "Renamed"}]))
    assert {k: patched.get(k) for k in stamps} == stamps


# ---- 2. a JSON array is not an object ---------------------------------------------------------------


def test_an_array_where_an_object_belongs_is_refused_and_writes_nothing(api):
    before = count(api)
    assert refused(api.post("/exams/demo", [exam_body("ARR-1"), exam_body("ARR-2")])) == ["(body)"]
    assert count(api) == before
    exam = ok(api.post("/exams/demo", exam_body("ARR-3")))
    assert refused(api.put(f"/exams/demo/{exam['id']}", [{**exam_body("ARR-3"), "id": exam["id"]}])) == ["(body)"]
    assert refused(api.patch(f"/exams/demo/{exam['id']}", {"op": "replace", "path": "/name", "value": "x"})) == [
        "(body)"
    ]
    assert ok(api.get(f"/exams/demo/{exam['id']}"))["sys_version"] == 1


# ---- 4. nesting -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/exams/demo", "/examRegProcesses/demo", "/proctors/demo/authenticate"])
def test_ten_thousand_nested_arrays_are_a_400(api, path):
    assert refused(raw_post(api, path, "[" * 10_000 + "]" * 10_000)) == ["(body)"]
    assert refused(raw_post(api, path, '{"a": ' + "[" * 10_000 + "]" * 10_000 + "}")) == ["(body)"]


def test_free_form_objects_nest_as_deep_as_dynamodb_holds_and_no_deeper(api):
    exam = ok(api.post("/exams/demo", exam_body("DEEP")))
    # the record is level 1 and contact_form_options level 2: 30 more levels make 32 in all
    fits = process_body([exam["id"]], contact_form_options=nested(30))
    assert ok(api.post("/examRegProcesses/demo", fits))["contact_form_options"] == nested(30)
    too_deep = process_body([exam["id"]], contact_form_options=nested(31))
    [field] = refused(api.post("/examRegProcesses/demo", too_deep))
    assert field.startswith("contact_form_options.x")


def test_a_patch_cannot_nest_a_record_deeper_than_dynamodb_holds(api):
    exam = ok(api.post("/exams/demo", exam_body("DEEP-P")))
    process = ok(api.post("/examRegProcesses/demo", process_body([exam["id"]], contact_form_options=nested(29))))
    deep_path = "/contact_form_options" + "/x" * 29
    reply = api.patch(
        f"/examRegProcesses/demo/{process['id']}", [{"op": "add", "path": deep_path, "value": {"y": {"z": {}}}}]
    )
    [field] = refused(reply)
    assert field.startswith("contact_form_options.x")


# ---- 5. numbers -------------------------------------------------------------------------------------

BAD_NUMBERS = ["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1e126", "1e-131", "1" * 39, "9" * 5000]


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_numbers_dynamodb_cannot_hold_are_a_400_naming_the_field(api, number):
    before = count(api)
    body = json.dumps(exam_body("NUM")).replace('"passing_score": 70', f'"passing_score": {number}')
    fields = refused(raw_post(api, "/exams/demo", body))
    assert fields in (["passing_score"], ["(body)"]), fields
    if number != "9" * 5000:  # an integer of 5000 digits is not JSON Python reads: the body is named
        assert fields == ["passing_score"]
    assert count(api) == before


@pytest.mark.parametrize("number", BAD_NUMBERS[:-1])
def test_numbers_inside_free_form_objects_are_checked_too(api, number):
    exam = ok(api.post("/exams/demo", exam_body("NUM-F")))
    body = json.dumps(process_body([exam["id"]], checkout_settings={"fee": {"amount": 0}}))
    body = body.replace('"amount": 0', f'"amount": {number}')
    assert refused(raw_post(api, "/examRegProcesses/demo", body)) == ["checkout_settings.fee.amount"]
    patch = f'[{{"op": "replace", "path": "/passing_score", "value": {number}}}]'
    assert refused(raw_post(api, f"/exams/demo/{exam['id']}", patch, method="PATCH")) == ["[0].value"]


def test_numbers_at_dynamodbs_edges_are_stored_and_read_back_alike(api):
    exam = ok(api.post("/exams/demo", exam_body("EDGE")))
    edges = {"big": 1e125, "small": -1e-130, "exact": int("9" * 38), "round": 10**50, "zero": 0, "half": 0.5}
    process = ok(api.post("/examRegProcesses/demo", process_body([exam["id"]], checkout_settings=edges)))
    assert process["checkout_settings"] == ok(api.get(f"/examRegProcesses/demo/{process['id']}"))["checkout_settings"]
    assert process["checkout_settings"]["exact"] == int("9" * 38), "38-digit integers are exact"
    assert process["checkout_settings"]["round"] == 1e50


# ---- 6. DynamoDB's size limits ----------------------------------------------------------------------


def test_a_record_over_400_kb_is_a_413_and_nothing_is_written(api, world):
    exam = world["exam"]
    before = count(api, "examRegProcesses")
    big = process_body([exam["id"]], contact_form_options={"text": "x" * 1024 * 1024})
    assert refused(api.post("/examRegProcesses/demo", big), 413) == []
    assert count(api, "examRegProcesses") == before
    reg_path = f"/examRegistrations/demo/{world['registration']['id']}"
    reply = api.patch(reg_path, [{"op": "add", "path": "/accommodations/-", "value": "y" * 500_000}])
    refused(reply, 413)
    assert ok(api.get(reg_path))["sys_version"] == world["registration"]["sys_version"] + 1  # the result's update only


@pytest.mark.parametrize("method,path", LONG_ID_ROUTES)
def test_an_id_longer_than_dynamodb_keys_is_not_found(api, method, path):
    path, _, query = path.partition("?")
    body = RENAME_PATCH if method == "PATCH" else None
    params = dict(part.split("=") for part in query.split("&")) if query else None
    refused(api.request(method, path, body, params=params), 404)


def test_a_candidates_registrations_by_a_long_id_are_not_found(api):
    refused(api.get(f"/examRegistrations/demo/byCandidate/{LONG_ID}"), 404)


def test_a_put_on_a_long_id_is_refused_for_its_body_id(api):
    """The body's id must equal the path's, and no valid id is that long: 400 naming `id`."""
    assert refused(api.put(f"/exams/demo/{LONG_ID}", {**exam_body("LONG"), "id": LONG_ID})) == ["id"]


def test_an_empty_unique_value_is_refused(api):
    assert refused(api.post("/exams/demo", exam_body("EMPTY-EXT", sys_external_id=""))) == ["sys_external_id"]


# ---- 7. batch ---------------------------------------------------------------------------------------


def test_a_malformed_batch_operation_is_its_own_400(api):
    exam = ok(api.post("/exams/demo", exam_body("BATCH-1")))
    operations = [
        {"id": exam["id"], "operation": "patch", "patch_directives": None},
        {
            "id": exam["id"],
            "operation": "patch",
            "patch_directives": [{"op": "replace", "path": "/name", "value": "N"}],
        },
        {"operation": "delete"},
        "not an object",
        {"id": exam["id"], "operation": "explode"},
        {"id": exam["id"], "operation": "patch", "patch_directives": [{"op": "nope", "path": "/name"}]},
    ]
    result = ok(api.post("/exams/demo/batch", {"operations": operations}))
    assert [r["status"] for r in result["results"]] == [400, 200, 400, 400, 400, 400]
    assert [r["id"] for r in result["results"]] == [exam["id"], exam["id"], None, None, exam["id"], exam["id"]]
    assert result["success_count"] == 1 and result["error_count"] == 5
    assert result["results"][4]["operation"] is None
    assert result["results"][5]["error"]["errors"][0]["field"] == "patch_directives[0].op"
    assert ok(api.get(f"/exams/demo/{exam['id']}"))["name"] == "N"


# ---- 8. free-form objects ---------------------------------------------------------------------------


def test_free_form_objects_keep_unusual_unicode_faithfully(api):
    exam = ok(api.post("/exams/demo", exam_body("UNI")))
    odd = {
        "emoji 🎓": "👩🏽‍🎓",
        "rtl": "\u202eabc\u202c",
        "nul": "a\u0000b",
        "combining": "e\u0301",
        "zero width": "\u200b",
        "cjk": "試験",
        "": "?",
    }
    body = process_body([exam["id"]], checkout_settings=odd)
    assert refused(api.post("/examRegProcesses/demo", body)) == ["checkout_settings"], "an empty key is refused"
    del odd[""]
    process = ok(api.post("/examRegProcesses/demo", process_body([exam["id"]], checkout_settings=odd)))
    assert process["checkout_settings"] == odd
    assert ok(api.get(f"/examRegProcesses/demo/{process['id']}"))["checkout_settings"] == odd


def test_a_lone_surrogate_is_a_400(api):
    exam = ok(api.post("/exams/demo", exam_body("SURR")))
    body = json.dumps(process_body([exam["id"]], checkout_settings={"k": "MARK"})).replace("MARK", "\\ud800")
    assert refused(raw_post(api, "/examRegProcesses/demo", body)) == ["checkout_settings.k"]
    body = json.dumps({"username": "pat", "password": "MARK"}).replace("MARK", "\\udfff" * 12)
    assert refused(raw_post(api, "/proctors/demo/authenticate", body)) == ["password"]


# ---- 9. no echo -------------------------------------------------------------------------------------


def test_a_failed_test_op_echoes_no_value(api):
    exam = ok(api.post("/exams/demo", exam_body("TEST-OP", description=MARKER + "-stored")))
    reply = api.patch(f"/exams/demo/{exam['id']}", [{"op": "test", "path": "/description", "value": MARKER}])
    assert refused(reply, 409) == ["[0].path"]
    assert MARKER not in reply.raw.decode() and "class" not in reply.raw.decode()
    reply = api.patch(f"/exams/demo/{exam['id']}", [{"op": "remove", "path": "/nothing/here"}])
    assert refused(reply) == ["[0].path"]
    assert MARKER not in reply.raw.decode(), "the record's own values are not echoed either"


def test_a_write_only_field_cannot_be_tested_or_copied(api, world):
    proctor = ok(
        api.post(
            "/proctors/demo",
            {"username": "pat", "password": "correct horse battery", "testing_center_codes": ["NYC-1"]},
        )
    )
    path = f"/proctors/demo/{proctor['id']}"
    reply = api.patch(path, [{"op": "test", "path": "/password", "value": "correct horse battery"}])
    assert refused(reply) == ["[0].path"]
    assert "correct horse" not in reply.raw.decode()
    assert refused(api.patch(path, [{"op": "copy", "from": "/password", "path": "/name"}])) == ["[0].from"]
    ok(api.patch(path, [{"op": "replace", "path": "/password", "value": "another long password"}]))


@pytest.mark.parametrize(
    "resource,body",
    [
        ("exams", {**exam_body(MARKER), "code": MARKER + "!"}),
        ("exams", {**exam_body("E-MARK"), "passing_score": MARKER}),
        ("exams", {**exam_body("E-MARK2"), MARKER: 1}),
        ("candidates", {"candidate_id": "C-9", "first_name": "A", "last_name": "B", "email": MARKER}),
        ("testingCenters", {"code": "T-9", "timezone": MARKER}),
        ("proctors", {"username": "sam", "password": MARKER[:5]}),
        (
            "examRegistrations",
            {
                "candidate_id": MARKER,
                "exam_id": MARKER,
                "delivery_mode": "remote",
                "scheduled_at": "2026-12-01T10:00:00Z",
            },
        ),
    ],
)
def test_error_bodies_do_not_repeat_what_the_caller_sent(api, world, resource, body):
    reply = api.post(f"/{resource}/demo", body)
    assert 400 <= reply.status < 500
    problem = reply.json()
    problem.pop("instance", None)
    text = json.dumps(problem)
    assert MARKER not in text.replace(f'"field": "{MARKER}"', "") and MARKER[:5] not in text.replace(MARKER, "")


def test_duplicates_and_missing_references_name_the_field_without_its_value(api, world):
    reply = api.post("/exams/demo", exam_body("CPA"))
    assert refused(reply, 409) == ["code"] and "CPA" not in json.dumps(reply.json()["errors"])
    reply = api.post("/examRegProcesses/demo", process_body(["NOSUCHEXAM"]))
    assert refused(reply, 409) == ["exam_ids[0]"] and "NOSUCHEXAM" not in reply.raw.decode()
    reply = api.get("/exams/demo/NOSUCHEXAM")
    assert refused(reply, 404) == [] and "NOSUCHEXAM" not in reply.json()["detail"]


# ---- 10. one representation of numbers --------------------------------------------------------------


def test_write_responses_show_numbers_as_reads_do(api):
    created = ok(api.post("/exams/demo", exam_body("REPR")))
    assert created["passing_score"] == 70 and "70.0" not in json.dumps(created)
    assert json.dumps(created["domains"]) == json.dumps(ok(api.get(f"/exams/demo/{created['id']}"))["domains"])
    patched = ok(
        api.patch(f"/exams/demo/{created['id']}", [{"op": "replace", "path": "/passing_score", "value": 71.0}])
    )
    assert patched == ok(api.get(f"/exams/demo/{created['id']}"))
    assert "71.0" not in json.dumps(patched)


def test_a_csv_cell_nested_past_any_limit_is_left_as_text_for_the_model_to_refuse():
    from shared import csvio, engine
    from shared.errors import BadRequest
    from shared.resources import EXAM_REG_PROCESSES

    deep = "[" * 5000 + "]" * 5000
    record = csvio.unflatten({"name": "P", "checkout_settings": deep}, {})
    assert record["checkout_settings"] == deep
    with pytest.raises(BadRequest) as refusal:
        engine.validate(EXAM_REG_PROCESSES, record)
    assert "checkout_settings" in {e["field"] for e in refusal.value.errors}


# ---- date-times UTC cannot name: index keys order by the UTC instant ------------------------------


def test_date_times_outside_utcs_years_are_refused_naming_the_field(api, world):
    """'0001-01-01T00:00:00+05:00' is a valid date-time whose UTC instant falls in year 0: a 400
    naming the field or parameter, never a 500, and nothing written."""
    early = "0001-01-01T00:00:00+05:00"
    body = {**{k: world["registration"][k] for k in ("candidate_id", "exam_id", "delivery_mode")}}
    body |= {"testing_center_code": "NYC-1", "scheduled_at": early}
    before = count(api, "examRegistrations")
    assert refused(api.post("/examRegistrations/demo", body)) == ["scheduled_at"]
    assert count(api, "examRegistrations") == before
    path = f"/examRegistrations/demo/{world['registration']['id']}"
    patch = [{"op": "replace", "path": "/scheduled_at", "value": early}]
    assert refused(api.patch(path, patch)) == ["scheduled_at"]
    for name in ("completedSince", "changedSince"):
        assert refused(api.get("/examResults/demo", params={name: early})) == [name]


def test_years_below_1000_are_listed_in_time_order(api, keys, world):
    """Four-digit years in index keys: results completed in 999 and in 2026 both come after a
    `completedSince` in year 500, the earlier first."""
    body = {k: world["registration"][k] for k in ("candidate_id", "exam_id", "delivery_mode", "testing_center_code")}
    early = ok(api.post("/examRegistrations/demo", {**body, "scheduled_at": "0999-05-01T12:00:00Z"}))
    delivery = api.as_key(keys["demo"]["delivery"])
    result = {"registration_id": early["id"], "overall_score": 50, "passed": False}
    ok(delivery.post("/examResults/demo", {**result, "completed_at": "0999-05-01T14:00:00Z"}))
    listed = ok(api.get("/examResults/demo", params={"completedSince": "0500-01-01T00:00:00Z"}))
    assert [r["completed_at"] for r in listed] == ["0999-05-01T14:00:00Z", "2026-12-01T17:00:00Z"]


def test_a_calendar_reaching_outside_utcs_years_is_refused(api, world):
    """A center's local day 0001-01-01 starts in year 0 in UTC (New York is behind it, Tokyo ahead);
    9999-12-31 ends in year 10000: 400s, not 500s."""
    ok(api.post("/testingCenters/demo", {"name": "Tokyo", "code": "TYO-1", "timezone": "Asia/Tokyo"}))
    for center, day in (("TYO-1", "0001-01-01"), ("NYC-1", "9999-12-31")):
        reply = api.get(f"/examRegistrations/demo/calendar/{center}", params={"from": day, "to": day})
        assert refused(reply) == ["from"], center
