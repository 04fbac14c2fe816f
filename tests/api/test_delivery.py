"""The delivery use case: candidates, centers, proctors, registrations, results, eligibility."""

from __future__ import annotations

import json

import pytest

from tests.conftest import exam_body, process_body


def ok(reply, status=200):
    assert reply.status == status, reply.raw
    return reply.json()


@pytest.fixture
def world(api):
    """A center in New York, a candidate, an exam with two domains."""
    center = ok(api.post("/testingCenters/demo", {"name": "NYC", "code": "NYC-1", "timezone": "America/New_York"}))
    candidate = ok(
        api.post(
            "/candidates/demo",
            {
                "candidate_id": "C-1",
                "first_name": "Ada",
                "last_name": "Lovelace",
                "address": {"city": "London", "country": "gb"},
            },
        )
    )
    exam = ok(api.post("/exams/demo", exam_body("CPA")))
    return {"center": center, "candidate": candidate, "exam": exam}


def registration(candidate, exam, **extra):
    return {
        "candidate_id": candidate["id"],
        "exam_id": exam["id"],
        "delivery_mode": "remote",
        "scheduled_at": "2026-12-01T15:00:00Z",
        **extra,
    }


def test_candidates_are_unique_by_client_id_and_found_by_it(api, world):
    assert world["candidate"]["address"]["country"] == "GB"
    duplicate = api.post("/candidates/demo", {"candidate_id": "C-1", "first_name": "A", "last_name": "B"})
    assert duplicate.status == 409
    found = ok(api.get("/candidates/demo/byCandidateId/C-1"))
    assert found["id"] == world["candidate"]["id"]
    assert api.get("/candidates/demo/byCandidateId/C-404").status == 404


def test_candidate_validation(api):
    reply = api.post(
        "/candidates/demo",
        {"candidate_id": "C-2", "first_name": "A", "email": "not-an-email", "address": {"country": "XX"}},
    )
    assert reply.status == 400
    assert {"last_name", "email", "address.country"} <= {e["field"] for e in reply.json()["errors"]}


def test_testing_center_timezone_and_code(api, world):
    bad = api.post("/testingCenters/demo", {"code": "X", "timezone": "Mars/Olympus"})
    assert bad.status == 400 and bad.json()["errors"][0]["field"] == "timezone"
    assert api.post("/testingCenters/demo", {"code": "NYC-1", "timezone": "UTC"}).status == 409
    assert api.post("/testingCenters/demo", {"code": "remote", "timezone": "UTC"}).status == 400


def test_proctor_password_is_write_only_and_hashed(api, world, keys):
    proctor = ok(
        api.post(
            "/proctors/demo",
            {"name": "Pat", "username": "pat", "password": "correct horse battery", "testing_center_codes": ["NYC-1"]},
        )
    )
    assert "password" not in proctor and "_password_hash" not in json.dumps(proctor)
    assert "password" not in ok(api.get(f"/proctors/demo/{proctor['id']}"))
    assert api.post("/proctors/demo", {"username": "sam", "password": "short"}).status == 400
    assert api.post("/proctors/demo", {"username": "sam"}).status == 400
    assert api.post("/proctors/demo", {"username": "pat", "password": "another long one"}).status == 409
    missing = api.post(
        "/proctors/demo", {"username": "sam", "password": "long enough pw", "testing_center_codes": ["NOPE"]}
    )
    assert missing.status == 409 and missing.json()["errors"][0]["field"] == "testing_center_codes[0]"

    from shared import keys as key_formats
    from shared import store

    stored = store.get(key_formats.record_key("demo", "proctors", proctor["id"]))
    assert stored["_password_hash"].startswith("$argon2id$")
    assert "correct horse battery" not in json.dumps(stored)

    delivery = api.as_key(keys["demo"]["delivery"])
    signed_in = ok(
        delivery.post("/proctors/demo/authenticate", {"username": "pat", "password": "correct horse battery"})
    )
    assert signed_in == {"id": proctor["id"], "username": "pat", "name": "Pat", "testing_center_codes": ["NYC-1"]}
    assert api.post("/proctors/demo/authenticate", {"username": "pat", "password": "x"}).status == 403, (
        "client keys may not"
    )

    # change the password by PATCH; a PUT without password keeps it
    path = f"/proctors/demo/{proctor['id']}"
    ok(api.patch(path, [{"op": "replace", "path": "/password", "value": "a brand new secret"}]))
    assert (
        delivery.post("/proctors/demo/authenticate", {"username": "pat", "password": "correct horse battery"}).status
        == 401
    )
    ok(api.put(path, {"id": proctor["id"], "username": "pat", "name": "Pat P", "testing_center_codes": ["NYC-1"]}))
    ok(delivery.post("/proctors/demo/authenticate", {"username": "pat", "password": "a brand new secret"}))


def test_proctor_lockout(api, world, keys):
    ok(api.post("/proctors/demo", {"username": "lee", "password": "correct horse battery"}))
    delivery = api.as_key(keys["demo"]["delivery"])
    wrong = {"username": "lee", "password": "wrong password!"}
    assert [delivery.post("/proctors/demo/authenticate", wrong).status for _ in range(5)] == [401] * 5
    locked = delivery.post("/proctors/demo/authenticate", {"username": "lee", "password": "correct horse battery"})
    assert locked.status == 429 and int(locked.header("Retry-After")) > 0
    # unknown usernames answer the same 401
    assert delivery.post("/proctors/demo/authenticate", {"username": "ghost", "password": "whatever"}).status == 401


def test_proctor_lock_expires(api, world, keys, monkeypatch):
    from shared import proctor_auth

    ok(api.post("/proctors/demo", {"username": "kim", "password": "correct horse battery"}))
    delivery = api.as_key(keys["demo"]["delivery"])
    for _ in range(5):
        delivery.post("/proctors/demo/authenticate", {"username": "kim", "password": "nope nope nope"})
    real_time = proctor_auth.time.time
    monkeypatch.setattr(proctor_auth.time, "time", lambda: real_time() + proctor_auth.LOCK_SECONDS + 1)
    ok(delivery.post("/proctors/demo/authenticate", {"username": "kim", "password": "correct horse battery"}))


def test_registration_references_and_center_rules(api, world):
    candidate, exam = world["candidate"], world["exam"]
    assert api.post("/examRegistrations/demo", registration(candidate, exam, testing_center_code="NYC-1")).status == 400
    assert api.post("/examRegistrations/demo", registration(candidate, exam, delivery_mode="test_center")).status == 400
    missing = api.post(
        "/examRegistrations/demo",
        registration({"id": "NOPE"}, exam, delivery_mode="test_center", testing_center_code="ZZZ", process_id="NOPE"),
    )
    assert missing.status == 409
    assert {e["field"] for e in missing.json()["errors"]} == {"candidate_id", "testing_center_code", "process_id"}
    assert (
        api.post("/examRegistrations/demo", registration(candidate, exam, scheduled_at="2026-12-01T15:00:00")).status
        == 400
    )
    reg = ok(api.post("/examRegistrations/demo", registration(candidate, exam, score=99)))
    assert reg["status"] == "registered" and "score" not in reg, "score is set by results only"
    # referenced records refuse deletion
    for path in (f"/candidates/demo/{candidate['id']}", f"/exams/demo/{exam['id']}"):
        assert api.delete(path).status == 409
    center_reg = ok(
        api.post(
            "/examRegistrations/demo",
            registration(candidate, exam, delivery_mode="test_center", testing_center_code="NYC-1"),
        )
    )
    center_path = f"/testingCenters/demo/{world['center']['id']}"
    assert api.delete(center_path).status == 409
    assert ok(api.get(center_path))["sys_deleted_by_id"]
    assert api.patch(center_path, [{"op": "replace", "path": "/code", "value": "NYC-2"}]).status == 409
    # moving the registration to remote releases the center
    ok(
        api.patch(
            f"/examRegistrations/demo/{center_reg['id']}",
            [
                {"op": "replace", "path": "/delivery_mode", "value": "remote"},
                {"op": "remove", "path": "/testing_center_code"},
            ],
        )
    )
    assert api.delete(center_path).status == 200


def test_calendar_groups_by_the_centers_local_day(api, world):
    candidate, exam = world["candidate"], world["exam"]
    at_center = {"delivery_mode": "test_center", "testing_center_code": "NYC-1"}
    late = ok(
        api.post(
            "/examRegistrations/demo", registration(candidate, exam, scheduled_at="2026-12-02T04:30:00Z", **at_center)
        )
    )
    morning = ok(
        api.post(
            "/examRegistrations/demo",
            registration(candidate, exam, scheduled_at="2026-12-02T09:00:00-05:00", **at_center),
        )
    )
    outside = ok(
        api.post(
            "/examRegistrations/demo", registration(candidate, exam, scheduled_at="2026-12-03T05:00:00Z", **at_center)
        )
    )
    remote = ok(api.post("/examRegistrations/demo", registration(candidate, exam, scheduled_at="2026-12-01T23:30:00Z")))

    reply = ok(api.get("/examRegistrations/demo/calendar/NYC-1", params={"from": "2026-12-01", "to": "2026-12-02"}))
    assert reply["timezone"] == "America/New_York"
    days = {d["date"]: [r["id"] for r in d["registrations"]] for d in reply["days"]}
    # 04:30 UTC on the 2nd is 23:30 on the 1st in New York
    assert days == {"2026-12-01": [late["id"]], "2026-12-02": [morning["id"]]}
    assert outside["id"] not in json.dumps(reply)

    remote_days = ok(
        api.get("/examRegistrations/demo/calendar/REMOTE", params={"from": "2026-12-01", "to": "2026-12-01"})
    )
    assert [[r["id"] for r in d["registrations"]] for d in remote_days["days"]] == [[remote["id"]]]

    paged = api.get(
        "/examRegistrations/demo/calendar/NYC-1", params={"from": "2026-12-01", "to": "2026-12-31", "limit": 2}
    )
    token = paged.header("X-Last-Evaluated-Key")
    assert token
    rest = ok(
        api.get(
            "/examRegistrations/demo/calendar/NYC-1",
            params={"from": "2026-12-01", "to": "2026-12-31", "limit": 2, "exclusiveStartKey": token},
        )
    )
    assert [r["id"] for d in rest["days"] for r in d["registrations"]] == [outside["id"]]
    assert (
        api.get(
            "/examRegistrations/demo/calendar/REMOTE",
            params={"from": "2026-12-01", "to": "2026-12-31", "exclusiveStartKey": token},
        ).status
        == 400
    )


def test_calendar_bounds(api, world):
    assert (
        api.get("/examRegistrations/demo/calendar/NYC-1", params={"from": "2026-01-01", "to": "2026-04-03"}).status
        == 400
    )
    ok(api.get("/examRegistrations/demo/calendar/NYC-1", params={"from": "2026-01-01", "to": "2026-04-02"}))
    assert (
        api.get("/examRegistrations/demo/calendar/NYC-1", params={"from": "2026-01-02", "to": "2026-01-01"}).status
        == 400
    )
    assert (
        api.get("/examRegistrations/demo/calendar/NYC-1", params={"from": "yesterday", "to": "2026-01-01"}).status
        == 400
    )
    assert api.get("/examRegistrations/demo/calendar/NYC-1").status == 400
    assert (
        api.get("/examRegistrations/demo/calendar/NOPE", params={"from": "2026-01-01", "to": "2026-01-02"}).status
        == 404
    )


def test_registrations_by_candidate_newest_first(api, world):
    candidate, exam = world["candidate"], world["exam"]
    ids = [ok(api.post("/examRegistrations/demo", registration(candidate, exam)))["id"] for _ in range(3)]
    listed = ok(api.get(f"/examRegistrations/demo/byCandidate/{candidate['id']}"))
    assert [r["id"] for r in listed] == ids[::-1]
    assert api.get("/examRegistrations/demo/byCandidate/NOPE").status == 404


def test_result_is_self_contained_and_updates_its_registration(api, world, keys):
    candidate, exam = world["candidate"], world["exam"]
    reg = ok(api.post("/examRegistrations/demo", registration(candidate, exam)))
    delivery = api.as_key(keys["demo"]["delivery"])
    body = {
        "registration_id": reg["id"],
        "overall_score": 81.5,
        "passed": True,
        "completed_at": "2026-12-01T17:00:00Z",
        "domain_scores": [{"domain_code": "D1", "score": 90}, {"domain_code": "D2", "score": 75}],
    }
    assert api.post("/examResults/demo", body).status == 403, "client keys read results, they do not write them"
    result = ok(delivery.post("/examResults/demo", body))
    assert result["candidate"] == {
        "id": candidate["id"],
        "candidate_id": "C-1",
        "first_name": "Ada",
        "last_name": "Lovelace",
    }
    assert result["exam"] == {"id": exam["id"], "name": exam["name"], "code": "CPA"}
    assert [d["domain_name"] for d in result["domain_scores"]] == ["Ethics", "Audit"]
    updated = ok(api.get(f"/examRegistrations/demo/{reg['id']}"))
    assert updated["status"] == "passed" and updated["score"] == 81.5 and updated["sys_version"] == 2
    assert delivery.post("/examResults/demo", body).status == 409, "one result per registration"
    assert ok(api.get(f"/examResults/demo/{result['id']}"))["passed"] is True
    # a corrected result flips the registration in the same transaction
    ok(delivery.patch(f"/examResults/demo/{result['id']}", [{"op": "replace", "path": "/passed", "value": False}]))
    assert ok(api.get(f"/examRegistrations/demo/{reg['id']}"))["status"] == "failed"
    # the registration cannot go while its result exists
    assert api.delete(f"/examRegistrations/demo/{reg['id']}").status == 409
    assert (
        delivery.patch(
            f"/examResults/demo/{result['id']}", [{"op": "replace", "path": "/registration_id", "value": "OTHER"}]
        ).status
        == 400
    )
    ok(delivery.delete(f"/examResults/demo/{result['id']}"))
    ok(api.delete(f"/examRegistrations/demo/{reg['id']}"))


def test_result_validation(api, world, keys):
    candidate, exam = world["candidate"], world["exam"]
    reg = ok(api.post("/examRegistrations/demo", registration(candidate, exam)))
    delivery = api.as_key(keys["demo"]["delivery"])
    body = {
        "registration_id": reg["id"],
        "overall_score": 50,
        "passed": False,
        "completed_at": "2026-12-01T17:00:00Z",
        "domain_scores": [{"domain_code": "D9", "score": 1}],
    }
    bad = delivery.post("/examResults/demo", body)
    assert bad.status == 400 and bad.json()["errors"][0]["field"] == "domain_scores[0].domain_code"
    assert delivery.post("/examResults/demo", {**body, "domain_scores": [], "registration_id": "NOPE"}).status == 409
    assert ok(api.get(f"/examRegistrations/demo/{reg['id']}"))["status"] == "registered", "nothing half-written"


def test_results_completed_since_oldest_first_and_paged(api, world, keys):
    candidate, exam = world["candidate"], world["exam"]
    delivery = api.as_key(keys["demo"]["delivery"])
    times = ["2026-12-03T10:00:00Z", "2026-12-01T10:00:00Z", "2026-12-02T10:00:00+02:00", "2026-11-30T10:00:00Z"]
    for moment in times:
        reg = ok(api.post("/examRegistrations/demo", registration(candidate, exam)))
        ok(
            delivery.post(
                "/examResults/demo",
                {"registration_id": reg["id"], "overall_score": 1, "passed": False, "completed_at": moment},
            )
        )
    seen, token = [], None
    while True:
        params = {"completedSince": "2026-12-01T10:00:00Z", "limit": 2} | (
            {"exclusiveStartKey": token} if token else {}
        )
        reply = api.get("/examResults/demo", params=params)
        seen += [r["completed_at"] for r in ok(reply)]
        token = reply.header("X-Last-Evaluated-Key")
        if not token:
            break
    assert seen == ["2026-12-01T10:00:00Z", "2026-12-02T10:00:00+02:00", "2026-12-03T10:00:00Z"]
    assert len(ok(api.get("/examResults/demo"))) == 4
    assert api.get("/examResults/demo", params={"completedSince": "2026-12-01"}).status == 400


@pytest.fixture
def feed_settle(monkeypatch):
    """Set the results feed's settle time (seconds) for one test."""
    from shared.settings import get_settings

    def settle(seconds: float) -> None:
        monkeypatch.setenv("RESULTS_FEED_SETTLE_SECONDS", str(seconds))
        get_settings.cache_clear()

    yield settle
    get_settings.cache_clear()


def poll_feed(api, since: str, limit: int = 1, between_pages=lambda: None) -> tuple[list[dict], str]:
    """One poll of the results feed, every page: (results, the watermark to start the next poll at)."""
    results, token, watermarks = [], None, set()
    while True:
        params = {"changedSince": since, "limit": limit} | ({"exclusiveStartKey": token} if token else {})
        reply = api.get("/examResults/demo", params=params)
        results += ok(reply)
        watermarks.add(reply.header("X-Changes-Until"))
        token = reply.header("X-Last-Evaluated-Key")
        if not token:
            break
        between_pages()
    assert len(watermarks) == 1, "every page of one poll ends at the same watermark"
    return results, watermarks.pop()


def test_results_feed_brings_late_and_corrected_results_exactly_once(api, world, keys, feed_settle):
    """A client that ingests by `completedSince` misses a result posted late or corrected; the
    `changedSince` feed, polled from each watermark, sees every write once."""
    import time

    feed_settle(0)
    candidate, exam = world["candidate"], world["exam"]
    delivery = api.as_key(keys["demo"]["delivery"])

    def post_result(completed_at: str, score: int) -> dict:
        reg = ok(api.post("/examRegistrations/demo", registration(candidate, exam)))
        body = {"registration_id": reg["id"], "overall_score": score, "passed": False, "completed_at": completed_at}
        return ok(delivery.post("/examResults/demo", body))

    first = post_result("2026-12-03T10:00:00Z", 10)
    time.sleep(0.005)  # the watermark is now, to the millisecond: let the write's stamp fall before it
    seen, watermark = poll_feed(api, "2000-01-01T00:00:00Z")
    assert [r["id"] for r in seen] == [first["id"]]

    late = post_result("2026-11-01T10:00:00Z", 20)  # completed before the first, posted after it
    corrected = ok(
        delivery.patch(f"/examResults/demo/{first['id']}", [{"op": "replace", "path": "/overall_score", "value": 11}])
    )
    time.sleep(0.005)
    arrived_meanwhile = []
    seen, next_watermark = poll_feed(
        api, watermark, between_pages=lambda: arrived_meanwhile.append(post_result("2026-12-04T10:00:00Z", 30))
    )
    assert [(r["id"], r["overall_score"]) for r in seen] == [(late["id"], 20), (first["id"], 11)], "write order"
    assert corrected["sys_version"] == 2
    assert next_watermark > watermark

    time.sleep(0.005)
    seen, _ = poll_feed(api, next_watermark)
    assert arrived_meanwhile
    assert [r["id"] for r in seen] == [r["id"] for r in arrived_meanwhile], "writes during a poll come with the next"
    by_completion = ok(api.get("/examResults/demo", params={"completedSince": first["completed_at"]}))
    assert late["id"] not in [r["id"] for r in by_completion], "behind a completedSince cursor: missed there"


def test_results_feed_trails_the_clock_by_the_settle_time(api, world, keys, feed_settle):
    feed_settle(3600)
    candidate, exam = world["candidate"], world["exam"]
    reg = ok(api.post("/examRegistrations/demo", registration(candidate, exam)))
    body = {"registration_id": reg["id"], "overall_score": 1, "passed": True, "completed_at": "2026-12-01T10:00:00Z"}
    result = ok(api.as_key(keys["demo"]["delivery"]).post("/examResults/demo", body))
    reply = api.get("/examResults/demo", params={"changedSince": "2000-01-01T00:00:00Z"})
    assert ok(reply) == [], "a write younger than the settle time waits for a later poll"
    assert reply.header("X-Changes-Until") < result["sys_last_modified_at"]
    future = api.get("/examResults/demo", params={"changedSince": "2999-01-01T00:00:00Z"})
    assert ok(future) == [] and future.header("X-Changes-Until")


def test_results_feed_refuses_mixed_cursors_and_foreign_tokens(api, world, keys, feed_settle):
    feed_settle(0)
    since = {"changedSince": "2026-01-01T00:00:00Z"}
    both = api.get("/examResults/demo", params=since | {"completedSince": "2026-01-01T00:00:00Z"})
    assert both.status == 400 and both.json()["errors"][0]["code"] == "conflicting-parameters"
    assert api.get("/examResults/demo", params={"changedSince": "2026-01-01"}).status == 400
    for _ in range(2):
        reg = ok(api.post("/examRegistrations/demo", registration(world["candidate"], world["exam"])))
        body = {
            "registration_id": reg["id"],
            "overall_score": 1,
            "passed": True,
            "completed_at": "2026-12-01T10:00:00Z",
        }
        ok(api.as_key(keys["demo"]["delivery"]).post("/examResults/demo", body))
    by_completion = api.get("/examResults/demo", params={"completedSince": "2026-01-01T00:00:00Z", "limit": 1})
    foreign = by_completion.header("X-Last-Evaluated-Key")
    assert foreign
    reply = api.get("/examResults/demo", params=since | {"exclusiveStartKey": foreign})
    assert reply.status == 400, "a token of another list does not open the feed"


@pytest.mark.parametrize(
    ("last_status", "expected"),
    [
        (None, {"register"}),
        ("cancelled", {"register"}),
        ("failed", {"retest"}),
        ("no show", {"retest"}),
        ("draft", set()),
        ("registered", set()),
        ("passed", set()),
    ],
)
def test_eligibility_rule(api, world, last_status, expected):
    candidate, exam = world["candidate"], world["exam"]
    other_exam = ok(api.post("/exams/demo", exam_body("OTHER")))
    register = ok(api.post("/examRegProcesses/demo", process_body([exam["id"]], name="Register")))
    retest = ok(api.post("/examRegProcesses/demo", process_body([exam["id"]], name="Retest", type="retest")))
    ok(api.post("/examRegProcesses/demo", process_body([other_exam["id"]], name="Other exam only")))
    ok(api.post("/examRegProcesses/demo", process_body([exam["id"]], name="Inactive", is_active=False)))
    open_to_all = ok(
        api.post("/examRegProcesses/demo", process_body([other_exam["id"]], name="Any exam", restrict_exams=False))
    )
    if last_status:
        ok(api.post("/examRegistrations/demo", registration(candidate, exam, status="registered")))  # older one
        ok(api.post("/examRegistrations/demo", registration(candidate, exam, status=last_status)))
    ok(api.post("/examRegistrations/demo", registration(candidate, other_exam, status="passed")))  # other exam: ignored
    reply = ok(api.get(f"/examRegProcesses/demo/eligible/{candidate['id']}/{exam['id']}"))
    names = {p["name"] for p in reply["processes"]}
    wanted = set()
    if "register" in expected:
        wanted |= {register["name"], open_to_all["name"]}
    if "retest" in expected:
        wanted |= {retest["name"]}
    assert names == wanted
    assert (reply["last_registration"] or {}).get("status") == last_status


def test_eligibility_404s(api, world):
    candidate, exam = world["candidate"], world["exam"]
    assert api.get(f"/examRegProcesses/demo/eligible/NOPE/{exam['id']}").status == 404
    assert api.get(f"/examRegProcesses/demo/eligible/{candidate['id']}/NOPE").status == 404
