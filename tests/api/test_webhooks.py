"""Webhooks in-process: endpoints, signed deliveries, retries, the deliveries log, replay, rotation,
the URL rules and the event feed; the stream fan-out and the dispatcher run as `make run` runs them
(tests/conftest.py `webhook_pump`), receivers listen on 127.0.0.1 and verify with standardwebhooks."""

from __future__ import annotations

import json
import time

import pytest

from shared import keys as key_formats
from tests.conftest import exam_body
from tests.receiver import Answer, Receiver


def ok(reply, status=200):
    assert reply.status == status, reply.raw
    return reply.json()


@pytest.fixture
def receiver():
    made = []

    def make(script=None, then=None) -> Receiver:
        made.append(Receiver(script, then))
        return made[-1]

    yield make
    for one in made:
        one.close()


@pytest.fixture
def settings_env(monkeypatch):
    from shared.settings import get_settings

    def set_(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield set_
    get_settings.cache_clear()


def endpoint(api, url, event_types=("*",), **extra):
    return ok(api.post("/webhookEndpoints/demo", {"url": url, "event_types": list(event_types), **extra}))


def deliveries(api, endpoint_id):
    return ok(api.get(f"/webhookEndpoints/demo/{endpoint_id}/deliveries"))


def registered_world(api):
    candidate = ok(api.post("/candidates/demo", {"candidate_id": "C-1", "first_name": "Ada", "last_name": "L"}))
    exam = ok(api.post("/exams/demo", exam_body("CPA")))
    registration = ok(
        api.post(
            "/examRegistrations/demo",
            {
                "candidate_id": candidate["id"],
                "exam_id": exam["id"],
                "delivery_mode": "remote",
                "scheduled_at": "2026-12-01T15:00:00Z",
            },
        )
    )
    return candidate, exam, registration


def result_body(registration):
    return {
        "registration_id": registration["id"],
        "overall_score": 81.5,
        "passed": True,
        "completed_at": "2026-12-01T17:00:00Z",
        "domain_scores": [{"domain_code": "D1", "score": 90}, {"domain_code": "D2", "score": 75}],
    }


def test_secret_is_returned_once_and_stored_encrypted(api, keys, receiver, caplog):
    from shared import store

    made = endpoint(api, receiver().url)
    secret = made["secret"]
    assert secret.startswith("whsec_") and len(secret) >= 6 + 32
    assert "secret" not in ok(api.get(f"/webhookEndpoints/demo/{made['id']}"))
    assert all("secret" not in e for e in ok(api.get("/webhookEndpoints/demo")))
    item = store.get(key_formats.record_key("demo", "webhookEndpoints", made["id"]))
    assert secret not in repr(item) and secret.removeprefix("whsec_") not in repr(item)
    assert secret not in caplog.text


def test_a_result_posted_by_the_delivery_key_reaches_the_client_signed_and_complete(api, keys, receiver, webhook_pump):
    hooks = receiver()
    made = endpoint(api, hooks.url, ["examResults.*", "examRegistrations.updated"])
    _candidate, _exam, registration = registered_world(api)
    result = ok(api.as_key(keys["demo"]["delivery"]).post("/examResults/demo", result_body(registration)))

    webhook_pump.run(lambda: len(hooks.deliveries) >= 2)
    created = hooks.of_type("examResults.created")[0]
    payload = created.verified_with(made["secret"])
    assert payload["tenant_id"] == "demo" and set(payload) == {"type", "timestamp", "tenant_id", "data"}
    assert payload["data"] == ok(api.get(f"/examResults/demo/{result['id']}"))
    assert created.headers["webhook-id"].startswith("evt_")
    assert abs(int(created.headers["webhook-timestamp"]) - time.time()) < 60
    updated = hooks.of_type("examRegistrations.updated")[0].verified_with(made["secret"])
    assert updated["data"] == ok(api.get(f"/examRegistrations/demo/{registration['id']}"))
    assert updated["data"]["status"] == "passed" and updated["data"]["score"] == 81.5
    assert not hooks.of_type("exams.created"), "the endpoint gets only the types it selected"


def test_two_failures_then_success_are_three_attempts_with_one_webhook_id(api, receiver, webhook_pump):
    hooks = receiver([Answer(500), Answer(500)], then=Answer(200))
    made = endpoint(api, hooks.url, ["exams.created"])
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: len(hooks.deliveries) >= 3 and len(deliveries(api, made["id"])) >= 3, seconds=20)
    assert len({d.headers["webhook-id"] for d in hooks.deliveries}) == 1
    log = deliveries(api, made["id"])
    assert [(a["attempt"], a["status"], a["response_status"]) for a in log] == [
        (3, "succeeded", 200),
        (2, "pending", 500),
        (1, "pending", 500),
    ]
    assert log[1]["next_attempt_at"] and log[0]["next_attempt_at"] is None
    assert all(a["event_type"] == "exams.created" and a["duration_ms"] >= 0 for a in log)


def test_retry_after_is_honoured(api, receiver, webhook_pump):
    hooks = receiver([Answer(429, {"Retry-After": "3"})])
    made = endpoint(api, hooks.url, ["exams.created"])
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: len(hooks.deliveries) >= 2, seconds=20)
    assert hooks.deliveries[1].at - hooks.deliveries[0].at >= 2.9
    first = deliveries(api, made["id"])[-1]
    assert first["response_status"] == 429 and first["status"] == "pending"


def test_410_gone_disables_the_endpoint(api, receiver, webhook_pump):
    hooks = receiver(then=Answer(410))
    made = endpoint(api, hooks.url, ["exams.*"])
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: not ok(api.get(f"/webhookEndpoints/demo/{made['id']}"))["is_active"])
    now = ok(api.get(f"/webhookEndpoints/demo/{made['id']}"))
    assert now["is_active"] is False and "410" in now["disabled_reason"]
    assert deliveries(api, made["id"])[0]["status"] == "failed"
    ok(api.post("/exams/demo", exam_body("E2")))
    webhook_pump.run(seconds=1.5)
    assert len(hooks.deliveries) == 1, "a disabled endpoint gets nothing"
    again = ok(
        api.patch(f"/webhookEndpoints/demo/{made['id']}", [{"op": "replace", "path": "/is_active", "value": True}])
    )
    assert again["is_active"] is True and "disabled_reason" not in again


def test_an_endpoint_failing_for_the_disable_period_is_disabled(api, receiver, webhook_pump, settings_env):
    settings_env(WEBHOOK_DISABLE_AFTER_SECONDS="1", WEBHOOK_RETRY_SCHEDULE="0,2,2")
    hooks = receiver(then=Answer(503))
    made = endpoint(api, hooks.url, ["exams.*"])
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: not ok(api.get(f"/webhookEndpoints/demo/{made['id']}"))["is_active"], seconds=20)
    assert "failed" in ok(api.get(f"/webhookEndpoints/demo/{made['id']}"))["disabled_reason"]


def test_replay_by_id_and_by_time_range(api, receiver, webhook_pump, settings_env):
    settings_env(RESULTS_FEED_SETTLE_SECONDS="0")
    hooks = receiver()
    made = endpoint(api, hooks.url, ["exams.*"])
    start = time.time()
    ok(api.post("/exams/demo", exam_body("E1")))
    ok(api.post("/exams/demo", exam_body("E2")))
    webhook_pump.run(lambda: len(hooks.deliveries) >= 2)
    first_ids = [d.headers["webhook-id"] for d in hooks.deliveries]

    by_id = ok(api.post(f"/webhookEndpoints/demo/{made['id']}/replay", {"event_id": first_ids[0]}), 202)
    assert by_id["queued"] == 1
    webhook_pump.run(lambda: len(hooks.deliveries) >= 3)
    assert hooks.deliveries[2].headers["webhook-id"] == first_ids[0]
    assert hooks.deliveries[2].body == hooks.deliveries[0].body

    since = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(start - 1)) + "Z"
    by_range = ok(api.post(f"/webhookEndpoints/demo/{made['id']}/replay", {"since": since}), 202)
    assert by_range["queued"] == 2 and by_range["event_ids"] == sorted(first_ids)  # oldest first
    webhook_pump.run(lambda: len(hooks.deliveries) >= 5)
    assert sorted(d.headers["webhook-id"] for d in hooks.deliveries[3:]) == sorted(first_ids)

    assert api.post(f"/webhookEndpoints/demo/{made['id']}/replay", {}).status == 400
    unknown = api.post(f"/webhookEndpoints/demo/{made['id']}/replay", {"event_id": "evt_" + "0" * 26})
    assert unknown.status == 404


def test_rotation_signs_with_both_secrets_for_a_day(api, receiver, webhook_pump):
    hooks = receiver()
    made = endpoint(api, hooks.url, ["exams.*"])
    rotated = ok(api.post(f"/webhookEndpoints/demo/{made['id']}/rotateSecret"))
    assert rotated["secret"] != made["secret"] and rotated["sys_version"] == made["sys_version"] + 1
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: len(hooks.deliveries) >= 1)
    delivery = hooks.deliveries[0]
    assert len(delivery.headers["webhook-signature"].split(" ")) == 2
    assert delivery.verified_with(made["secret"]) == delivery.verified_with(rotated["secret"])


def test_test_event_reaches_the_endpoint(api, receiver, webhook_pump):
    hooks = receiver()
    made = endpoint(api, hooks.url, ["exams.created"])
    sent = ok(api.post(f"/webhookEndpoints/demo/{made['id']}/test"), 202)
    webhook_pump.run(lambda: len(hooks.deliveries) >= 1)
    payload = hooks.deliveries[0].verified_with(made["secret"])
    assert payload["type"] == "webhookEndpoints.test" and hooks.deliveries[0].headers["webhook-id"] == sent["event_id"]


def test_the_deliveries_log_pages_through_every_attempt_with_tokens_bound_to_the_endpoint(api, receiver, webhook_pump):
    from shared import paging

    hooks = receiver()
    made, other = endpoint(api, hooks.url, ["exams.created"]), endpoint(api, hooks.url, ["exams.created"])
    sent = [ok(api.post(f"/webhookEndpoints/demo/{made['id']}/test"), 202)["event_id"] for _ in range(3)]
    webhook_pump.run(lambda: len(deliveries(api, made["id"])) >= 3)
    log = f"/webhookEndpoints/demo/{made['id']}/deliveries"
    seen, token = [], None
    while True:
        reply = api.get(log, params={"limit": 1} | ({"exclusiveStartKey": token} if token else {}))
        seen += ok(reply)
        token = reply.header("X-Last-Evaluated-Key")
        if not token:
            break
        assert "exclusiveStartKey=" in reply.header("Link")
    assert seen == deliveries(api, made["id"]) and len(seen) == 3
    assert sorted(a["event_id"] for a in seen) == sorted(sent)
    assert set(seen[0]) == {
        "id", "event_id", "event_type", "attempt", "status", "response_status", "error", "attempted_at",
        "next_attempt_at", "duration_ms",
    }  # fmt: skip
    first = api.get(log, params={"limit": 1}).header("X-Last-Evaluated-Key")
    refused = api.get(f"/webhookEndpoints/demo/{other['id']}/deliveries", params={"exclusiveStartKey": first})
    assert refused.status == 400 and refused.json()["errors"][0]["field"] == "exclusiveStartKey"
    assert api.get(log, params={"exclusiveStartKey": "garbage"}).json()["errors"][0]["field"] == "exclusiveStartKey"
    scope = f"demo/webhookEndpoints/{made['id']}/deliveries"
    foreign = paging.encode(scope, {"pk": f"demo#_deliveries#{other['id']}", "sk": "attempt#X"})
    reply = api.get(log, params={"exclusiveStartKey": foreign})
    assert reply.status == 400 and reply.json()["detail"] == "exclusiveStartKey does not belong to this list"


def test_a_dispatcher_that_dies_after_posting_loses_nothing(api, receiver, webhook_pump, monkeypatch):
    from shared.webhooks import delivery

    hooks = receiver()
    made = endpoint(api, hooks.url, ["exams.created"])
    real_post, died = delivery.post, []

    def post_then_die(*args, **kwargs):
        outcome = real_post(*args, **kwargs)
        if not died:
            died.append(1)
            raise SystemExit("the dispatcher was killed before it recorded the attempt")
        return outcome

    monkeypatch.setattr(delivery, "post", post_then_die)
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: bool(deliveries(api, made["id"])), seconds=20)
    assert len(hooks.deliveries) == 2, "delivered again after the queue's visibility timeout"
    assert hooks.deliveries[0].headers["webhook-id"] == hooks.deliveries[1].headers["webhook-id"]
    assert [a["status"] for a in deliveries(api, made["id"])] == ["succeeded"]


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/hooks",  # not https
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",
        "https://10.0.0.5/hooks",
        "https://192.168.1.1/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hooks",
        "https://[fd00::1]/hooks",
        "https://224.0.0.1/hooks",
        "https://[::ffff:10.0.0.1]/hooks",
        "https://2130706433/hooks",  # 127.0.0.1 written as one number
        "https://0177.0.0.1/hooks",  # octal
        "https://0x7f.1/hooks",  # hexadecimal, short form
    ],
)
def test_a_deployed_stage_refuses_urls_that_are_not_public_https(api, settings_env, url):
    settings_env(WEBHOOK_ALLOW_LOOPBACK="false")
    reply = api.post("/webhookEndpoints/demo", {"url": url, "event_types": ["*"]})
    assert reply.status == 400, reply.raw
    assert reply.json()["errors"][0]["field"] == "url"


def test_a_deployed_stage_takes_a_public_https_url_and_checks_it_again_at_each_attempt(api, settings_env, webhook_pump):
    settings_env(WEBHOOK_ALLOW_LOOPBACK="false")
    made = endpoint(api, "https://93.184.216.34/hooks", ["exams.created"])
    assert made["url"] == "https://93.184.216.34/hooks"
    settings_env(WEBHOOK_ALLOW_LOOPBACK="false", WEBHOOK_RETRY_SCHEDULE="0")
    ok(api.patch(f"/webhookEndpoints/demo/{made['id']}", [{"op": "add", "path": "/description", "value": "x"}]))
    from shared import store

    # DNS changed: the host now resolves to a private address (here: the stored URL is made one).
    key = key_formats.record_key("demo", "webhookEndpoints", made["id"])
    store.write([store.set_attributes(key, {"url": "https://10.1.2.3/hooks"})])
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: bool(deliveries(api, made["id"])))
    attempt = deliveries(api, made["id"])[0]
    assert attempt["status"] == "failed" and "private" in attempt["error"] and attempt["response_status"] is None


def test_make_run_takes_loopback_but_no_other_private_address(api):
    assert api.post("/webhookEndpoints/demo", {"url": "http://127.0.0.1:9/x", "event_types": ["*"]}).status == 200
    assert api.post("/webhookEndpoints/demo", {"url": "http://localhost:9/x", "event_types": ["*"]}).status == 200
    refused = api.post("/webhookEndpoints/demo", {"url": "http://10.0.0.1/x", "event_types": ["*"]})
    assert refused.status == 400 and refused.json()["errors"][0]["field"] == "url"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "http://127.0.0.1:9/", "event_types": []}, "event_types"),
        ({"url": "http://127.0.0.1:9/", "event_types": ["exams.renamed"]}, "event_types[0]"),
        ({"url": "http://127.0.0.1:9/", "event_types": ["*", "*"]}, "event_types"),
        ({"url": "ftp://127.0.0.1/", "event_types": ["*"]}, "url"),
        ({"url": "http://user:pw@127.0.0.1/", "event_types": ["*"]}, "url"),
        ({"url": "http://127.0.0.1:99999/", "event_types": ["*"]}, "url"),
        ({"event_types": ["*"]}, "url"),
        ({"url": "http://127.0.0.1:9/", "event_types": "*"}, "event_types"),
    ],
)
def test_bad_endpoints_are_refused_naming_the_field(api, body, field):
    reply = api.post("/webhookEndpoints/demo", body)
    assert reply.status == 400, reply.raw
    assert field in {e["field"] for e in reply.json()["errors"]}, reply.json()


def test_the_event_feed_returns_every_event_once_across_polls(api, settings_env):
    settings_env(RESULTS_FEED_SETTLE_SECONDS="0")
    made = [ok(api.post("/exams/demo", exam_body(f"E{i}")))["id"] for i in range(5)]
    ok(api.patch(f"/exams/demo/{made[0]}", [{"op": "replace", "path": "/name", "value": "N"}]))
    ok(api.delete(f"/exams/demo/{made[1]}"))
    seen, cursor = [], None
    for _ in range(20):
        reply = api.get("/events/demo", params={"limit": 2, **({"after": cursor} if cursor else {})})
        page = ok(reply)
        seen += page
        cursor = reply.header("X-Next-Cursor")
        if not page:
            break
    assert [e["type"] for e in seen] == ["exams.created"] * 5 + ["exams.updated", "exams.deleted"]
    assert len({e["id"] for e in seen}) == 7 and [e["id"] for e in seen] == sorted(e["id"] for e in seen)
    assert seen[5]["data"]["name"] == "N" and seen[6]["data"]["id"] == made[1]
    ok(api.post("/exams/demo", exam_body("LATE")))
    later = ok(api.get("/events/demo", params={"after": cursor}))
    assert [e["type"] for e in later] == ["exams.created"], "a later poll from the cursor sees only what is new"
    assert api.get("/events/demo", params={"after": "nope"}).status == 400
    assert api.get("/events/other").status == 403


def test_events_are_not_emitted_for_refused_writes(api, settings_env):
    settings_env(RESULTS_FEED_SETTLE_SECONDS="0")
    ok(api.post("/exams/demo", exam_body("E1")))
    assert api.post("/exams/demo", exam_body("E1")).status == 409  # the code is taken
    assert [e["type"] for e in ok(api.get("/events/demo"))] == ["exams.created"]


def test_a_bulk_load_emits_its_records_and_its_finished_job(api, settings_env):
    from tests.api.test_bulk import notify, start_csv

    settings_env(RESULTS_FEED_SETTLE_SECONDS="0")
    csv = "name,code\nA,A1\nB,B1\n"
    job, source = start_csv(api, "exams", csv)
    notify(source)
    types = [e["type"] for e in ok(api.get("/events/demo"))]
    assert types.count("exams.created") == 2 and types[-1] == "bulkLoads.finished"
    finished = ok(api.get("/events/demo"))[-1]["data"]
    assert finished == ok(api.get(f"/exams/demo/bulkLoads/{job['id']}")) | {"status": "completed"}


def test_proctor_events_never_carry_the_password(api, settings_env):
    settings_env(RESULTS_FEED_SETTLE_SECONDS="0")
    body = {"name": "Pat", "username": "pat", "password": "correct horse battery staple"}
    ok(api.post("/proctors/demo", body))
    feed = json.dumps(ok(api.get("/events/demo")))
    assert "correct horse" not in feed and "password" not in feed


def test_the_feeds_link_leads_to_the_next_page_and_an_empty_cursor_reads_from_the_start(api, settings_env):
    settings_env(RESULTS_FEED_SETTLE_SECONDS="0")
    assert ok(api.get("/events/demo", params={"after": ""})) == []
    for i in range(3):
        ok(api.post("/exams/demo", exam_body(f"E{i}")))
    first = api.get("/events/demo", params={"after": "", "limit": 2})
    link = first.header("Link")
    assert link and first.header("X-Last-Evaluated-Key") == first.header("X-Next-Cursor")
    path, query = link[1 : link.index(">")].split("?")
    from urllib.parse import parse_qsl

    second = ok(api.get(path, params=dict(parse_qsl(query))))
    assert [e["id"] for e in second] == [ok(api.get("/events/demo"))[2]["id"]]


def test_an_endpoint_create_takes_no_idempotency_key_its_answer_holds_the_secret(api):
    reply = api.post(
        "/webhookEndpoints/demo",
        {"url": "http://127.0.0.1:9/x", "event_types": ["*"]},
        headers={"Idempotency-Key": "once"},
    )
    assert reply.status == 400 and reply.json()["errors"][0]["field"] == "Idempotency-Key"
    assert ok(api.get("/webhookEndpoints/demo")) == [], "nothing was created"


@pytest.mark.parametrize(
    "body",
    [
        {"event_id": "evt_" + "0" * 26, "since": "2026-01-01T00:00:00Z"},
        {"until": "2026-01-01T00:00:00Z"},
        {"since": "2026-12-01T00:00:00Z", "until": "2026-11-30T00:00:00Z"},
        {"since": "2026-12-01T00:00:00"},
        {"since": "0001-01-01T00:00:00+05:00"},
        {"event_id": "x"},
    ],
)
def test_a_replay_request_that_says_nothing_clear_is_a_400(api, body):
    made = endpoint(api, "http://127.0.0.1:9/x")
    assert api.post(f"/webhookEndpoints/demo/{made['id']}/replay", body).status == 400


def test_a_url_on_port_0_is_refused(api):
    reply = api.post("/webhookEndpoints/demo", {"url": "http://127.0.0.1:0/x", "event_types": ["*"]})
    assert reply.status == 400 and reply.json()["errors"][0]["field"] == "url"


def test_delivery_records_expire_with_the_events(api, receiver, webhook_pump):
    from shared import store

    hooks = receiver()
    made = endpoint(api, hooks.url, ["exams.created"])
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: bool(deliveries(api, made["id"])))
    items, _ = store.query_page(key_formats.deliveries_pk("demo", made["id"]), 100)
    kinds = {i["sk"].split("#")[0]: i for i in items}
    assert set(kinds) == {"state", "attempt", "slot"}
    log = [i for i in items if not i["sk"].startswith("slot#")]
    assert all(i["expires_at"] > time.time() + 30 * 86400 for i in log), "kept 35 days, then the table's TTL"
    assert kinds["slot"]["expires_at"] < time.time() + 2 * 86400, "an idle attempt slot goes within a day or so"


def test_a_busy_endpoint_has_at_most_its_slots_in_flight_the_other_attempts_wait(
    api, receiver, webhook_pump, settings_env
):
    settings_env(WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT="2")
    slow = receiver(then=Answer(200, delay=1.0))
    made = endpoint(api, slow.url, ["exams.created"])
    for n in range(6):
        ok(api.post("/exams/demo", exam_body(f"E{n}")))
    webhook_pump.run(lambda: len(slow.deliveries) >= 6, seconds=40)
    assert len(slow.deliveries) == 6
    assert slow.most_in_flight == 2, "two at a time: the other four waited for a free slot"
    log = deliveries(api, made["id"])
    assert sorted((a["attempt"], a["status"]) for a in log) == [(1, "succeeded")] * 6, "waiting is no attempt"


def test_a_slot_held_by_a_dispatcher_that_died_frees_itself_when_its_claim_runs_out(
    api, receiver, webhook_pump, settings_env
):
    from shared import store

    settings_env(WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT="1")
    hooks = receiver()
    made = endpoint(api, hooks.url, ["exams.created"])
    runs_out = int(time.time()) + 3
    slot = key_formats.delivery_slot_key("demo", made["id"], 0)
    assert store.claim_slot(slot, "a-dispatcher-that-died", runs_out, keep_until=runs_out + 60)
    ok(api.post("/exams/demo", exam_body("E1")))
    webhook_pump.run(lambda: bool(hooks.deliveries), seconds=30)
    assert len(hooks.deliveries) == 1
    assert hooks.deliveries[0].at >= runs_out, "not before the dead holder's claim ran out"
    assert [a["status"] for a in deliveries(api, made["id"])] == ["succeeded"]
