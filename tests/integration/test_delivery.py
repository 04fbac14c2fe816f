"""The delivery use case over HTTP, on both backends: calendar by the center's time zone, the
eligibility table, uniqueness under concurrency, results updating their registration atomically."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.conftest import FEED_SETTLE_SECONDS
from tests.integration.helpers import Api, exam_body, process_body

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


@pytest.fixture
def tenant(server) -> tuple[str, Api]:
    """A fresh tenant (processes are tenant-wide, so eligibility needs a clean one) and its admin."""
    name, key = server.create_tenant("dlv")
    return name, server.client(key)


def ok(reply, status: int = 200):
    assert reply.status_code == status, reply.text
    return reply.json()


def setup_world(api: Api, t: str) -> dict:
    center = ok(api.post(f"/testingCenters/{t}", {"code": "NYC", "name": "NYC", "timezone": "America/New_York"}))
    candidate = ok(api.post(f"/candidates/{t}", {"candidate_id": "C-1", "first_name": "Ada", "last_name": "Lovelace"}))
    exam = ok(api.post(f"/exams/{t}", exam_body("CPA")))
    return {"center": center, "candidate": candidate, "exam": exam}


def registration(world: dict, **extra) -> dict:
    return {
        "candidate_id": world["candidate"]["id"],
        "exam_id": world["exam"]["id"],
        "delivery_mode": "remote",
        "scheduled_at": "2026-12-01T15:00:00Z",
        **extra,
    }


def test_calendar_places_a_late_utc_exam_on_the_new_york_day(tenant):
    t, api = tenant
    world = setup_world(api, t)
    at_center = {"delivery_mode": "test_center", "testing_center_code": "NYC"}
    late = ok(
        api.post(f"/examRegistrations/{t}", registration(world, scheduled_at="2026-12-02T04:30:00Z", **at_center))
    )
    noon = ok(
        api.post(f"/examRegistrations/{t}", registration(world, scheduled_at="2026-12-02T12:00:00-05:00", **at_center))
    )
    remote = ok(api.post(f"/examRegistrations/{t}", registration(world, scheduled_at="2026-12-01T23:30:00Z")))
    days = ok(api.get(f"/examRegistrations/{t}/calendar/NYC", params={"from": "2026-12-01", "to": "2026-12-02"}))[
        "days"
    ]
    assert {d["date"]: [r["id"] for r in d["registrations"]] for d in days} == {
        "2026-12-01": [late["id"]],
        "2026-12-02": [noon["id"]],
    }
    remote_days = ok(
        api.get(f"/examRegistrations/{t}/calendar/REMOTE", params={"from": "2026-12-01", "to": "2026-12-01"})
    )
    assert [r["id"] for d in remote_days["days"] for r in d["registrations"]] == [remote["id"]]
    assert (
        api.get(f"/examRegistrations/{t}/calendar/NYC", params={"from": "2026-01-01", "to": "2026-06-01"}).status_code
        == 400
    )
    newest_first = ok(api.get(f"/examRegistrations/{t}/byCandidate/{world['candidate']['id']}"))
    assert [r["id"] for r in newest_first] == [remote["id"], noon["id"], late["id"]]


@pytest.mark.parametrize(
    ("last_status", "offered"),
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
def test_eligibility_table(tenant, last_status, offered):
    t, api = tenant
    world = setup_world(api, t)
    exam_id = world["exam"]["id"]
    ok(api.post(f"/examRegProcesses/{t}", process_body([exam_id], name="register", type="register")))
    ok(api.post(f"/examRegProcesses/{t}", process_body([exam_id], name="retest", type="retest")))
    ok(api.post(f"/examRegProcesses/{t}", process_body([exam_id], name="inactive", is_active=False)))
    if last_status:
        ok(api.post(f"/examRegistrations/{t}", registration(world, status="registered")))
        ok(api.post(f"/examRegistrations/{t}", registration(world, status=last_status)))
    reply = ok(api.get(f"/examRegProcesses/{t}/eligible/{world['candidate']['id']}/{exam_id}"))
    assert {p["type"] for p in reply["processes"]} == offered
    assert {p["name"] for p in reply["processes"]} <= {"register", "retest"}
    assert (reply["last_registration"] or {}).get("status") == last_status


def test_concurrent_creates_of_one_candidate_id_admit_exactly_one(tenant):
    t, api = tenant
    body = {"candidate_id": f"SAME-{uuid.uuid4().hex[:6]}", "first_name": "A", "last_name": "B"}
    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(lambda _: api.post(f"/candidates/{t}", body).status_code, range(8)))
    assert statuses == [200] + [409] * 7


def test_concurrent_engine_writers_on_dynamodb_local(server, monkeypatch):
    """Below the local gateway (which runs one handler at a time), many threads race the engine
    itself against DynamoDB Local: one unique value, one winner; concurrent patches all land."""
    if server.backend != "dynamodb-local":
        pytest.skip("needs a real conditional-write implementation under concurrency")
    from shared import engine, store
    from shared.auth import Caller
    from shared.errors import ApiError
    from shared.resources import CANDIDATES, EXAMS
    from shared.settings import get_settings

    for name, value in server.storage_env.items():
        if name.startswith("AWS_ENDPOINT_URL"):
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("TABLE_NAME", server.table)
    get_settings.cache_clear()
    store.reset_client()
    try:
        caller = Caller("demo", "client", "it-engine")
        data = engine.validate(
            CANDIDATES, {"candidate_id": f"RACE-{uuid.uuid4().hex[:6]}", "first_name": "A", "last_name": "B"}
        )

        def create(_):
            try:
                engine.create(CANDIDATES, caller, data)
                return 200
            except ApiError as error:
                return int(error.status)

        with ThreadPoolExecutor(10) as pool:
            assert sorted(pool.map(create, range(10))) == [200] + [409] * 9

        exam = engine.create(EXAMS, caller, engine.validate(EXAMS, exam_body()))

        def add_domain(n):
            op = [{"op": "add", "path": "/domains/-", "value": {"code": f"X{n}", "name": "n"}}]
            return engine.patch(EXAMS, caller, exam["id"], op, None)["sys_version"]

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(add_domain, range(8)))
        final = engine.get(EXAMS, caller, exam["id"], consistent=True)
        assert final["sys_version"] == 9 and len(final["domains"]) == 2 + 8
    finally:
        get_settings.cache_clear()
        store.reset_client()


def test_result_updates_its_registration_in_the_same_write(tenant):
    t, api = tenant
    world = setup_world(api, t)
    reg = ok(api.post(f"/examRegistrations/{t}", registration(world)))
    result = ok(
        api.post(
            f"/examResults/{t}",
            {
                "registration_id": reg["id"],
                "overall_score": 64,
                "passed": False,
                "completed_at": "2026-12-01T17:00:00Z",
                "domain_scores": [{"domain_code": "D1", "score": 50}, {"domain_code": "D2", "score": 70}],
            },
        )
    )
    assert result["candidate"]["candidate_id"] == "C-1" and result["exam"]["code"] == "CPA"
    assert [d["domain_name"] for d in result["domain_scores"]] == ["Ethics", "Audit"]
    after = ok(api.get(f"/examRegistrations/{t}/{reg['id']}"))
    assert (after["status"], after["score"], after["sys_version"]) == ("failed", 64, 2)
    # a refused result (unknown domain) leaves the registration untouched
    other = ok(api.post(f"/examRegistrations/{t}", registration(world)))
    bad = api.post(
        f"/examResults/{t}",
        {
            "registration_id": other["id"],
            "overall_score": 1,
            "passed": True,
            "completed_at": "2026-12-01T17:00:00Z",
            "domain_scores": [{"domain_code": "NOPE", "score": 1}],
        },
    )
    assert bad.status_code == 400
    assert ok(api.get(f"/examRegistrations/{t}/{other['id']}"))["sys_version"] == 1
    since = ok(api.get(f"/examResults/{t}", params={"completedSince": "2026-12-01T00:00:00Z"}))
    assert [r["id"] for r in since] == [result["id"]]


def test_results_feed_brings_a_correction_of_an_old_result(tenant):
    t, api = tenant
    world = setup_world(api, t)
    reg = ok(api.post(f"/examRegistrations/{t}", registration(world)))
    body = {"registration_id": reg["id"], "overall_score": 64, "passed": False, "completed_at": "2026-12-01T17:00:00Z"}
    result = ok(api.post(f"/examResults/{t}", body))
    time.sleep(FEED_SETTLE_SECONDS + 0.05)
    first_poll = api.get(f"/examResults/{t}", params={"changedSince": "2000-01-01T00:00:00Z"})
    assert [r["id"] for r in ok(first_poll)] == [result["id"]]
    ok(api.patch(f"/examResults/{t}/{result['id']}", [{"op": "replace", "path": "/overall_score", "value": 93}]))
    time.sleep(FEED_SETTLE_SECONDS + 0.05)
    changed = ok(api.get(f"/examResults/{t}", params={"changedSince": first_poll.headers["X-Changes-Until"]}))
    assert [(r["id"], r["overall_score"]) for r in changed] == [(result["id"], 93)]


def test_proctor_sign_in_and_lockout(tenant, server):
    t, api = tenant
    ok(api.post(f"/testingCenters/{t}", {"code": "BOS", "timezone": "America/New_York"}))
    proctor = ok(
        api.post(
            f"/proctors/{t}", {"username": "pat", "password": "correct horse battery", "testing_center_codes": ["BOS"]}
        )
    )
    assert "password" not in proctor
    signed = ok(api.post(f"/proctors/{t}/authenticate", {"username": "pat", "password": "correct horse battery"}))
    assert signed["testing_center_codes"] == ["BOS"]
    wrong = {"username": "pat", "password": "not the password"}
    assert [api.post(f"/proctors/{t}/authenticate", wrong).status_code for _ in range(5)] == [401] * 5
    assert (
        api.post(f"/proctors/{t}/authenticate", {"username": "pat", "password": "correct horse battery"}).status_code
        == 429
    )
