"""Issue 13: webhooks, measured.

1. Write to delivery: the local server (started as `bench.e2e` starts it, with its webhook machinery:
   the stream reader, the fan-out, the queue poller and the dispatcher, as `make run` runs them),
   one endpoint subscribed to `exams.created` pointing at a receiver on 127.0.0.1; exams created one
   at a time, each timed from just before its POST to the moment the receiver got the delivery whose
   `data.id` is that exam's. On DynamoDB Local, then on the server's embedded moto.
2. Fan-out: 8 receivers, an endpoint each, all subscribed to `exams.created`; exams created from a
   few client threads; deliveries received per second across the 8, from the first create until
   every delivery arrived (or the time bound). On DynamoDB Local.
3. What producing an event costs a write: the write's DynamoDB requests and the items they write,
   counted with botocore hooks (moto in-process, as `bench.counts`), against the same handler built
   with `ResourceSpec.emits_events` off for its resource.

Receivers verify every delivery's signature with `standardwebhooks` after the clock stops."""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import json
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench import env
from bench.e2e import exam_body

TENANT = "demo"
EVENT = "exams.created"
LATENCY_WRITES = {"dynamodb-local": 100, "moto": 50}  # sequential creates per backend
DELIVERY_TIMEOUT = 20.0  # one write's delivery; past it the write counts as lost
RECEIVERS = 8
FAN_OUT_WRITES = 100
FAN_OUT_CLIENTS = 4
FAN_OUT_TIMEOUT = 45.0  # from the first create until every delivery arrived
# The embedded moto's latency runs only if the rest took less (`bench.run` stops the section at 240 s).
BUDGET_SECONDS = 150.0


class Receiver:
    """A webhook receiver on 127.0.0.1: notes when each delivery arrived (this process's
    `perf_counter`), by the record id in `data.id`, and keeps what it got for verifying afterwards."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                at = time.perf_counter()
                record_id = str((json.loads(body).get("data") or {}).get("id", ""))
                with receiver.changed:
                    receiver.arrived.setdefault(record_id, at)
                    receiver.received.append((dict(self.headers.items()), body))
                    receiver.changed.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="bench-receiver")
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def arrival(self, record_id: str, deadline: float) -> float | None:
        with self.changed:
            while record_id not in self.arrived:
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self.changed.wait(left)
            return self.arrived[record_id]

    def wait_count(self, count: int, deadline: float) -> None:
        with self.changed:
            while len(self.received) < count and time.perf_counter() < deadline:
                self.changed.wait(max(0.0, deadline - time.perf_counter()))

    def verified(self, secret: str) -> int:
        """How many deliveries `standardwebhooks` verifies with the endpoint's secret."""
        from standardwebhooks.webhooks import Webhook, WebhookVerificationError

        hook, good = Webhook(secret), 0
        for headers, body in list(self.received):
            with contextlib.suppress(WebhookVerificationError):
                hook.verify(body, headers)
                good += 1
        return good

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _endpoint(session: Any, server: Any, url: str) -> dict[str, Any]:
    reply = session.post(
        f"{server.base_url}/webhookEndpoints/{TENANT}",
        json={"url": url, "event_types": [EVENT]},
        headers={"Authorization": server.admin_key},
        timeout=30,
    )
    reply.raise_for_status()
    return reply.json()


def _ms(values: list[float]) -> dict[str, float | None]:
    return {
        "p50_ms": round(statistics.median(values), 1) if values else None,
        "p99_ms": round(statistics.quantiles(values, n=100, method="inclusive")[-1], 1) if len(values) > 1 else None,
        "max_ms": round(max(values), 1) if values else None,
    }


def latency(server: Any, writes: int) -> dict[str, Any]:
    """Sequential creates, each from just before its POST to its delivery."""
    import requests

    receiver = Receiver()
    try:
        with requests.Session() as session:
            endpoint = _endpoint(session, server, receiver.url)
            headers = {"Authorization": server.client_key}
            base = f"{server.base_url}/exams/{TENANT}"
            # one uncounted write: the first delivery also imports the fan-out and the dispatcher
            first = session.post(base, json=exam_body("WH-WARM"), headers=headers, timeout=30)
            first.raise_for_status()
            receiver.arrival(first.json()["id"], time.perf_counter() + 60)
            times, write_times, lost, errors = [], [], 0, []
            for n in range(writes):
                t0 = time.perf_counter()
                reply = session.post(base, json=exam_body(f"WH-{n}"), headers=headers, timeout=30)
                written = time.perf_counter()
                if reply.status_code != 200:
                    errors.append(f"{reply.status_code} {reply.text[:200]}")
                    continue
                at = receiver.arrival(reply.json()["id"], written + DELIVERY_TIMEOUT)
                if at is None:
                    lost += 1
                    continue
                times.append((at - t0) * 1000)
                write_times.append((written - t0) * 1000)
            # the fan-out's receivers are the only ones subscribed after this
            session.delete(
                f"{server.base_url}/webhookEndpoints/{TENANT}/{endpoint['id']}",
                headers={"Authorization": server.admin_key},
                timeout=30,
            ).raise_for_status()
        verified = receiver.verified(endpoint["secret"])
        return {
            "writes": writes,
            "delivered": len(times),
            **_ms(times),
            "write_p50_ms": round(statistics.median(write_times), 1) if write_times else None,
            "lost": lost,
            "errors": len(errors),
            "error_samples": errors[:3],
            "deliveries": len(receiver.received),
            "verified": verified,
        }
    finally:
        receiver.close()


def fan_out(server: Any) -> dict[str, Any]:
    """FAN_OUT_WRITES creates from FAN_OUT_CLIENTS threads, each delivered to RECEIVERS endpoints."""
    import requests

    receivers = [Receiver() for _ in range(RECEIVERS)]
    try:
        with requests.Session() as session:
            secrets = [_endpoint(session, server, r.url)["secret"] for r in receivers]
        errors: list[str] = []
        lock = threading.Lock()
        start_line = threading.Barrier(FAN_OUT_CLIENTS + 1)

        def client(worker: int) -> None:
            failures = []
            with requests.Session() as own:
                start_line.wait()
                for n in range(worker, FAN_OUT_WRITES, FAN_OUT_CLIENTS):
                    try:
                        reply = own.post(
                            f"{server.base_url}/exams/{TENANT}",
                            json=exam_body(f"FAN-{n}"),
                            headers={"Authorization": server.client_key},
                            timeout=30,
                        )
                        if reply.status_code != 200:
                            failures.append(f"{reply.status_code} {reply.text[:200]}")
                    except requests.RequestException as error:
                        failures.append(str(error))
            with lock:
                errors.extend(failures)

        threads = [threading.Thread(target=client, args=(w,), name=f"fan-out-{w}") for w in range(FAN_OUT_CLIENTS)]
        for thread in threads:
            thread.start()
        started = time.perf_counter()
        start_line.wait()
        for thread in threads:
            thread.join(FAN_OUT_TIMEOUT)
        writes_done = time.perf_counter()
        expected = (FAN_OUT_WRITES - len(errors)) * RECEIVERS
        deadline = started + FAN_OUT_TIMEOUT
        for receiver in receivers:
            receiver.wait_count(FAN_OUT_WRITES - len(errors), deadline)
        last = max((max(r.arrived.values()) for r in receivers if r.arrived), default=started)
        # every exam's delivery to every receiver
        got = sum(len(r.arrived) for r in receivers)
        seconds = max(last - started, 1e-9)
        return {
            "receivers": RECEIVERS,
            "writes": FAN_OUT_WRITES,
            "clients": FAN_OUT_CLIENTS,
            "expected": expected,
            "delivered": got,
            "seconds": round(seconds, 1),
            "writes_seconds": round(writes_done - started, 1),
            "deliveries_per_second": round(got / seconds, 1),
            "complete": got >= expected,
            "errors": len(errors),
            "error_samples": errors[:3],
            "deliveries": sum(len(r.received) for r in receivers),
            "verified": sum(r.verified(s) for r, s in zip(receivers, secrets, strict=True)),
        }
    finally:
        for receiver in receivers:
            receiver.close()


def served(backend: str, dynamodb_endpoint: str | None, with_fan_out: bool) -> dict[str, Any]:
    from emulator.devservers import start_local_server

    server = start_local_server(f"bench-webhooks-{backend}", dynamodb_endpoint)
    try:
        result = {"latency": latency(server, LATENCY_WRITES[backend])}
        if with_fan_out:
            result["fan_out"] = fan_out(server)
        return result
    finally:
        server.process.stop()


# --- 3. what producing an event costs a write ---------------------------------------------------

WRITE_OPERATIONS = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems"}


class WriteCounter:
    """DynamoDB calls made through a client (`before-parameter-build`: once per call, retries
    excluded) and the items its writes write (a transaction's operations; 1 for a plain write)."""

    def __init__(self, client: Any):
        self.client = client
        self.calls: collections.Counter = collections.Counter()
        self.items = 0
        self._active = False
        client.meta.events.register(
            "before-parameter-build.dynamodb", self._seen, unique_id="bench-webhooks-write-counter"
        )

    def _seen(self, params: dict[str, Any], model: Any = None, **_kwargs: Any) -> None:
        if not self._active:
            return
        self.calls[model.name] += 1
        if model.name == "TransactWriteItems":
            self.items += len(params.get("TransactItems", []))
        elif model.name in WRITE_OPERATIONS:
            self.items += 1

    @contextlib.contextmanager
    def counting(self) -> Iterator[WriteCounter]:
        self.calls, self.items, self._active = collections.Counter(), 0, True
        try:
            yield self
        finally:
            self._active = False

    def close(self) -> None:
        self.client.meta.events.unregister("before-parameter-build.dynamodb", unique_id="bench-webhooks-write-counter")


# (resource, operation, events the write produces)
WRITES = (
    ("exams", "create", 1),
    ("exams", "patch", 1),
    ("exams", "replace", 1),
    ("exams", "delete", 1),
    ("examResults", "create", 2),  # examResults.created and examRegistrations.updated
)


def event_costs(keys_on: dict[str, str], tenant_on: str, keys_off: dict[str, str], tenant_off: str) -> list[dict]:
    """Each write of WRITES once in `tenant_on` through the function's own handler, and once in
    `tenant_off` through the same routes built with `emits_events` off for the resource. Rows:
    resource, operation, events, with/without {requests, items}, requests_added, items_added."""
    from shared import api, store
    from shared.resources import EXAM_RESULTS, EXAMS

    silent = {
        spec.name: api.build_handler(api.resource_router(dataclasses.replace(spec, emits_events=False)))[1]
        for spec in (EXAMS, EXAM_RESULTS)
    }
    counter = WriteCounter(store.client())
    try:
        with_events = _walk(counter, tenant_on, keys_on, {})
        without = _walk(counter, tenant_off, keys_off, silent)
    finally:
        counter.close()
    out = []
    for resource, operation, produced in WRITES:
        on, off = with_events[(resource, operation)], without[(resource, operation)]
        out.append(
            {
                "resource": resource,
                "operation": operation,
                "events": produced,
                "with_events": on,
                "without_events": off,
                "requests_added": sum(on["requests"].values()) - sum(off["requests"].values()),
                "items_added": on["items"] - off["items"],
            }
        )
    return out


def _walk(
    counter: WriteCounter, tenant: str, keys: dict[str, str], handlers: dict[str, Any]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The writes of WRITES in `tenant`, the resources in `handlers` served by those handlers."""
    from bench import harness
    from bench.counts import bodies

    context = {role: harness.authorizer_context(key, tenant) for role, key in keys.items()}
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def call(method: str, path: str, role: str, body: Any = None, resource: str = "") -> Any:
        handler, event, lambda_context = harness.build(method, path, context[role], body)
        reply = harness.Reply.of(handlers.get(resource, handler)(event, lambda_context))
        if reply.status >= 300:
            raise AssertionError(f"{method} {path} answered {reply.status}: {reply.raw[:300]!r}")
        return reply.json() if reply.raw else None

    def counted(resource: str, operation: str, method: str, path: str, role: str, body: Any = None) -> Any:
        with counter.counting() as seen:
            out = call(method, path, role, body, resource)
        rows[(resource, operation)] = {"requests": dict(sorted(seen.calls.items())), "items": seen.items}
        return out

    ids: dict[str, str] = {}
    for name in ("testingCenters", "candidates", "exams", "examRegProcesses", "examRegistrations"):
        ids[name] = call("POST", f"/{name}/{tenant}", "client", bodies(ids)[name])["id"]
    cost_exam = {**bodies(ids)["exams"], "code": "WH-COST"}
    exam = counted("exams", "create", "POST", f"/exams/{tenant}", "client", cost_exam)
    base = f"/exams/{tenant}/{exam['id']}"
    counted("exams", "patch", "PATCH", base, "client", [{"op": "replace", "path": "/name", "value": "Renamed"}])
    counted("exams", "replace", "PUT", base, "client", {**cost_exam, "name": "Replaced", "id": exam["id"]})
    counted("exams", "delete", "DELETE", base, "client")
    counted("examResults", "create", "POST", f"/examResults/{tenant}", "delivery", bodies(ids)["examResults"])
    return rows


def costs_on_moto() -> list[dict[str, Any]]:
    from moto import mock_aws

    with mock_aws():
        from emulator.bootstrap import bootstrap_tenant, ensure_bucket, ensure_table
        from shared import store

        store.reset_client()
        ensure_table(env.DEFAULTS["TABLE_NAME"])
        ensure_bucket(env.DEFAULTS["BUCKET_NAME"])
        roles = {"admin": None, "client": None, "delivery": None}
        keys_on, keys_off = bootstrap_tenant("events", roles), bootstrap_tenant("quiet", roles)
        return event_costs(keys_on, "events", keys_off, "quiet")


def main() -> int:
    env.apply()
    from bench import servers

    started = time.monotonic()
    result: dict[str, Any] = {"costs": costs_on_moto()}
    with servers.Storage(moto=False) as storage:
        result["dynamodb-local"] = served("dynamodb-local", storage.dynamodb_local, with_fan_out=True)
    if time.monotonic() - started < BUDGET_SECONDS:
        result["moto"] = served("moto", None, with_fan_out=False)
    else:
        print("webhooks: time budget reached, embedded moto not measured", file=sys.stderr, flush=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
