"""Webhooks over HTTP, on embedded moto and on DynamoDB Local (issue 13): receivers on 127.0.0.1
verify every delivery with `standardwebhooks`. Each test works in a tenant of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from emulator.devservers import ROOT, start_local_server
from tests.integration.conftest import Server
from tests.integration.helpers import exam_body
from tests.receiver import Answer, Receiver

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


def ok(reply, status=200):
    assert reply.status_code == status, reply.text
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
def tenant(server: Server):
    """A tenant of this test's own: (id, admin client, delivery client)."""
    tenant_id, admin_key = server.create_tenant("wh")
    out = server.cli("create-key", tenant_id, "--role", "delivery", "--name", "platform").stdout
    delivery_key = out.strip().splitlines()[-1].strip()
    return tenant_id, server.client(admin_key), server.client(delivery_key)


def attempts(api, tenant_id, endpoint_id):
    return ok(api.get(f"/webhookEndpoints/{tenant_id}/{endpoint_id}/deliveries"))


def test_a_posted_result_reaches_the_client_signed_and_complete(tenant, receiver):
    tenant_id, admin, delivery = tenant
    hooks = receiver()
    made = ok(admin.post(f"/webhookEndpoints/{tenant_id}", {"url": hooks.url, "event_types": ["examResults.created"]}))
    candidate = ok(admin.post(f"/candidates/{tenant_id}", {"candidate_id": "C1", "first_name": "A", "last_name": "B"}))
    exam = ok(admin.post(f"/exams/{tenant_id}", exam_body()))
    registration = ok(
        admin.post(
            f"/examRegistrations/{tenant_id}",
            {
                "candidate_id": candidate["id"],
                "exam_id": exam["id"],
                "delivery_mode": "remote",
                "scheduled_at": "2026-12-01T15:00:00Z",
            },
        )
    )
    body = {
        "registration_id": registration["id"],
        "overall_score": 90,
        "passed": True,
        "completed_at": "2026-12-01T17:00:00Z",
    }
    result = ok(delivery.post(f"/examResults/{tenant_id}", body))
    hooks.wait(lambda r: len(r.deliveries) >= 1)
    payload = hooks.deliveries[0].verified_with(made["secret"])
    assert payload["type"] == "examResults.created" and payload["tenant_id"] == tenant_id
    assert payload["data"] == ok(admin.get(f"/examResults/{tenant_id}/{result['id']}"))


def test_500_twice_then_200_is_three_attempts_in_the_log(tenant, receiver):
    tenant_id, admin, _ = tenant
    hooks = receiver([Answer(500), Answer(500)])
    made = ok(admin.post(f"/webhookEndpoints/{tenant_id}", {"url": hooks.url, "event_types": ["exams.*"]}))
    ok(admin.post(f"/exams/{tenant_id}", exam_body()))
    hooks.wait(lambda r: len(r.deliveries) >= 3, seconds=30)
    assert len({d.headers["webhook-id"] for d in hooks.deliveries}) == 1
    for delivery in hooks.deliveries:
        delivery.verified_with(made["secret"])
    deadline = time.monotonic() + 10
    while len(attempts(admin, tenant_id, made["id"])) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    log = attempts(admin, tenant_id, made["id"])
    assert [(a["attempt"], a["status"], a["response_status"]) for a in log] == [
        (3, "succeeded", 200),
        (2, "pending", 500),
        (1, "pending", 500),
    ]


def test_410_disables_the_endpoint(tenant, receiver):
    tenant_id, admin, _ = tenant
    hooks = receiver(then=Answer(410))
    made = ok(admin.post(f"/webhookEndpoints/{tenant_id}", {"url": hooks.url, "event_types": ["*"]}))
    ok(admin.post(f"/exams/{tenant_id}", exam_body()))
    deadline = time.monotonic() + 20
    while ok(admin.get(f"/webhookEndpoints/{tenant_id}/{made['id']}"))["is_active"] and time.monotonic() < deadline:
        time.sleep(0.1)
    now = ok(admin.get(f"/webhookEndpoints/{tenant_id}/{made['id']}"))
    assert now["is_active"] is False and "410" in now["disabled_reason"]


def test_replay_by_id_and_by_range_and_rotation(tenant, receiver):
    tenant_id, admin, _ = tenant
    hooks = receiver()
    made = ok(admin.post(f"/webhookEndpoints/{tenant_id}", {"url": hooks.url, "event_types": ["exams.created"]}))
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 2))
    ok(admin.post(f"/exams/{tenant_id}", exam_body()))
    hooks.wait(lambda r: len(r.deliveries) >= 1)
    event_id = hooks.deliveries[0].headers["webhook-id"]
    rotated = ok(admin.post(f"/webhookEndpoints/{tenant_id}/{made['id']}/rotateSecret"))
    ok(admin.post(f"/webhookEndpoints/{tenant_id}/{made['id']}/replay", {"event_id": event_id}), 202)
    ok(admin.post(f"/webhookEndpoints/{tenant_id}/{made['id']}/replay", {"since": since}), 202)
    hooks.wait(lambda r: len(r.deliveries) >= 3)
    for replayed in hooks.deliveries[1:]:
        assert replayed.headers["webhook-id"] == event_id and replayed.body == hooks.deliveries[0].body
        assert len(replayed.headers["webhook-signature"].split(" ")) == 2, "signed with both secrets"
        replayed.verified_with(made["secret"])
        replayed.verified_with(rotated["secret"])


def test_the_event_feed_returns_every_event_once_across_polls(tenant):
    tenant_id, admin, _ = tenant
    made = [ok(admin.post(f"/exams/{tenant_id}", exam_body()))["id"] for _ in range(5)]
    ok(admin.delete(f"/exams/{tenant_id}/{made[0]}"))
    time.sleep(0.5)  # the feed trails the clock by its settle time (0.2 s here)
    seen, cursor = [], None
    for _ in range(10):
        reply = admin.get(f"/events/{tenant_id}", params={"limit": 2, **({"after": cursor} if cursor else {})})
        seen += ok(reply)
        cursor = reply.headers["X-Next-Cursor"]
        if not reply.json():
            break
    assert [e["type"] for e in seen] == ["exams.created"] * 5 + ["exams.deleted"]
    assert len({e["id"] for e in seen}) == 6


def test_a_private_url_is_refused_in_a_deployed_configuration(server: Server):
    """A server configured as a deployed stage is (WEBHOOK_ALLOW_LOOPBACK false)."""
    deployed = start_local_server(
        server.backend + "-deployed",
        server.storage_env.get("AWS_ENDPOINT_URL_DYNAMODB"),
        server_class=Server,
        extra_env={"WEBHOOK_ALLOW_LOOPBACK": "false"},
    )
    try:
        admin = deployed.client(deployed.admin_key)
        for url in ("http://127.0.0.1:9/x", "https://10.0.0.1/x", "https://169.254.169.254/", "https://[::1]/x"):
            reply = admin.post("/webhookEndpoints/demo", {"url": url, "event_types": ["*"]})
            assert reply.status_code == 400 and reply.json()["errors"][0]["field"] == "url", (url, reply.text)
    finally:
        deployed.process.stop()


def test_a_dispatcher_killed_mid_delivery_loses_nothing(server: Server, receiver):
    """The dispatcher runs apart; it is killed (SIGKILL) while the receiver holds its delivery. The
    queue gives the message back after its visibility timeout to a new dispatcher."""
    apart = start_local_server(
        server.backend + "-apart",
        server.storage_env.get("AWS_ENDPOINT_URL_DYNAMODB"),
        server_class=Server,
        extra_env={"LOCAL_DISPATCHER": "off", "WEBHOOK_VISIBILITY_TIMEOUT": "3", "WEBHOOK_TIMEOUT_SECONDS": "10"},
    )

    def dispatcher() -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "emulator.dispatcher"],
            cwd=ROOT,
            env={**os.environ, **apart.storage_env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    first = second = None
    try:
        admin = apart.client(apart.admin_key)
        hooks = receiver([Answer(200, delay=5)])  # holds the first delivery while the dispatcher is killed
        made = ok(admin.post("/webhookEndpoints/demo", {"url": hooks.url, "event_types": ["exams.created"]}))
        first = dispatcher()
        ok(admin.post("/exams/demo", exam_body()))
        hooks.wait(lambda r: len(r.deliveries) >= 1)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert attempts(admin, "demo", made["id"]) == [], "killed before it recorded the attempt"
        second = dispatcher()
        hooks.wait(lambda r: len(r.deliveries) >= 2, seconds=30)
        assert hooks.deliveries[1].headers["webhook-id"] == hooks.deliveries[0].headers["webhook-id"]
        hooks.deliveries[1].verified_with(made["secret"])
        deadline = time.monotonic() + 15
        while not attempts(admin, "demo", made["id"]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [a["status"] for a in attempts(admin, "demo", made["id"])] == ["succeeded"]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(10)
        apart.process.stop()


def test_examreg_listen_prints_verified_events_and_deletes_its_endpoint_on_ctrl_c(server: Server, tenant):
    tenant_id, admin, _ = tenant
    listen = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "listen", "--tenant", tenant_id, "--events", "exams.created"],
        cwd=ROOT,
        env={**os.environ, **server.storage_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert listen.stdout is not None
        banner = listen.stdout.readline()
        assert banner.startswith("listening on http://127.0.0.1:"), banner
        assert len(ok(admin.get(f"/webhookEndpoints/{tenant_id}"))) == 1
        exam = ok(admin.post(f"/exams/{tenant_id}", exam_body()))
        line = listen.stdout.readline()
        assert "exams.created" in line and exam["id"] in line and line.rstrip().endswith("verified"), line
        listen.send_signal(signal.SIGINT)
        rest = listen.communicate(timeout=30)[0]
        assert listen.returncode == 0 and "deleted" in rest
        assert ok(admin.get(f"/webhookEndpoints/{tenant_id}")) == [], "the temporary endpoint is gone"
    finally:
        if listen.poll() is None:
            listen.kill()
            listen.wait(10)


def test_a_slow_endpoint_does_not_delay_another_endpoints_or_another_tenants_deliveries(
    server: Server, tenant, receiver
):
    """More events for a slow receiver than the local dispatcher has threads: it is served at most
    4 at a time (the dispatcher's per-endpoint slots in the table), so the other endpoint and the
    other tenant are served meanwhile."""
    tenant_id, admin, _ = tenant
    other_id, other_key = server.create_tenant("wh-other")
    other = server.client(other_key)
    slow, fast, elsewhere = receiver(then=Answer(200, delay=1.5)), receiver(), receiver()
    ok(admin.post(f"/webhookEndpoints/{tenant_id}", {"url": slow.url, "event_types": ["exams.created"]}))
    for _ in range(40):
        ok(admin.post(f"/exams/{tenant_id}", exam_body()))
    ok(admin.post(f"/webhookEndpoints/{tenant_id}", {"url": fast.url, "event_types": ["exams.*"]}))
    ok(other.post(f"/webhookEndpoints/{other_id}", {"url": elsewhere.url, "event_types": ["exams.created"]}))
    for _ in range(10):
        ok(admin.post(f"/exams/{tenant_id}", exam_body()))
        ok(other.post(f"/exams/{other_id}", exam_body()))
    fast.wait(lambda r: len(r.deliveries) >= 10, seconds=30)
    elsewhere.wait(lambda r: len(r.deliveries) >= 10, seconds=30)
    assert len(slow.deliveries) < 32, "the slow receiver never held all of the dispatcher's threads"
    slow.wait(lambda r: len(r.deliveries) >= 50, seconds=60)
    assert slow.most_in_flight == 4, "its 4 slots (WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT) used, never more"
