"""Item 5: end to end over HTTP. The local server (`python -m emulator.local_server`, started as the
integration tests start it) with DynamoDB on DynamoDB Local and S3 embedded; 8 client threads, each
with its own kept-alive connection, for 20 s: reads by id, list pages, creates and patches of exams
with the `client` key. Every answer other than 200 counts as an error."""

from __future__ import annotations

import json
import random
import statistics
import sys
import threading
import time
from typing import Any

from bench import env

CLIENTS = 8
SECONDS = 20.0
SEED_EXAMS = 100
MIX = (("get", 0.5), ("list", 0.2), ("create", 0.15), ("patch", 0.15))
MAX_REQUESTS = 200_000  # a bound on the loop besides the clock


def main() -> int:
    env.apply()
    import requests

    from bench import servers
    from emulator.devservers import start_local_server

    with servers.Storage(moto=False) as storage:
        server = start_local_server("bench", storage.dynamodb_local)
        try:
            base = server.base_url + "/exams/demo"
            headers = {"Authorization": server.client_key, "Content-Type": "application/json"}
            with requests.Session() as session:
                ids = []
                for n in range(SEED_EXAMS):
                    reply = session.post(base, json=exam_body(f"SEED-{n}"), headers=headers, timeout=30)
                    reply.raise_for_status()
                    ids.append(reply.json()["id"])
            result = _load(base, headers, ids)
        finally:
            server.process.stop()
    print(json.dumps(result))
    return 0


def exam_body(code: str) -> dict[str, Any]:
    """An exam with two domains (also what `bench.webhooks` creates)."""
    return {
        "name": f"Exam {code}",
        "code": code,
        "domains": [{"code": "D1", "name": "Safety", "weight": 40}, {"code": "D2", "name": "QA", "weight": 60}],
        "passing_score": 70,
    }


def _load(base: str, headers: dict[str, str], ids: list[str]) -> dict[str, Any]:
    import requests

    latencies: dict[str, list[float]] = {name: [] for name, _ in MIX}
    errors: list[str] = []
    lock = threading.Lock()
    start_line = threading.Barrier(CLIENTS + 1)
    stop_at = [0.0]

    def client(worker: int) -> None:
        rng = random.Random(worker)  # noqa: S311 (a request mix, not a secret)
        mine: dict[str, list[float]] = {name: [] for name, _ in MIX}
        failures: list[str] = []
        n = 0
        with requests.Session() as session:
            start_line.wait()
            while time.monotonic() < stop_at[0] and n < MAX_REQUESTS // CLIENTS:
                operation = rng.choices([m for m, _ in MIX], [w for _, w in MIX])[0]
                record = rng.choice(ids)
                t0 = time.perf_counter()
                try:
                    if operation == "get":
                        reply = session.get(f"{base}/{record}", headers=headers, timeout=30)
                    elif operation == "list":
                        reply = session.get(base, params={"limit": 20}, headers=headers, timeout=30)
                    elif operation == "create":
                        reply = session.post(base, json=exam_body(f"E2E-{worker}-{n}"), headers=headers, timeout=30)
                    else:
                        patch = [{"op": "replace", "path": "/name", "value": f"Exam {worker}-{n}"}]
                        reply = session.patch(f"{base}/{record}", json=patch, headers=headers, timeout=30)
                    status = reply.status_code
                except requests.RequestException as error:
                    status, reply = 0, None
                    failures.append(f"{operation}: {error}")
                elapsed = (time.perf_counter() - t0) * 1000
                if status == 200:
                    mine[operation].append(elapsed)
                elif reply is not None:
                    failures.append(f"{operation}: {status} {reply.text[:200]}")
                n += 1
        with lock:
            for name, values in mine.items():
                latencies[name] += values
            errors.extend(failures)

    threads = [threading.Thread(target=client, args=(w,), name=f"e2e-{w}") for w in range(CLIENTS)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.monotonic() + SECONDS
    started = time.monotonic()
    start_line.wait()
    for thread in threads:
        thread.join(SECONDS + 60)
    elapsed = time.monotonic() - started
    every = [v for values in latencies.values() for v in values]
    done = len(every) + len(errors)
    return {
        "clients": CLIENTS,
        "seconds": round(elapsed, 1),
        "requests": done,
        "rps": round(done / elapsed, 1),
        "p50_ms": round(statistics.median(every), 1) if every else None,
        "p99_ms": round(statistics.quantiles(every, n=100)[-1], 1) if len(every) > 1 else None,
        "errors": len(errors),
        "error_samples": errors[:5],
        "by_operation": {
            name: {"count": len(v), "p50_ms": round(statistics.median(v), 1) if v else None}
            for name, v in latencies.items()
        },
    }


if __name__ == "__main__":
    sys.exit(main())
