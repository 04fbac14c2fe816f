"""Item 4: scaling on DynamoDB Local.

List pages: tenant `small` holds 1,000 exams, tenant `big` 50,000, tenant `other` 50,000 more,
written straight to the table with BatchWriteItem (items shaped as the engine stores them: record
items and the per-tenant count). The exams list handler, invoked in-process against DynamoDB Local,
serves the first page and a page from the middle of the list (limit 100), interleaved between the
tenants; the figure is the ratio of the medians, big over small.

Batch: 100 patches of the small tenant's exams, one PATCH at a time versus one
POST /exams/{tenantId}/batch (the engine runs the operations in parallel), handlers in-process."""

from __future__ import annotations

import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench import env, seed
from shared import keys

SIZES = {"small": 1_000, "big": 50_000, "other": 50_000}
PAGE = 100
LIST_ROUNDS = 30
BATCH = 100
BATCH_ROUNDS = 3
SIMULATED_LATENCY_S = 0.005
LOAD_THREADS = 4
LOAD_SECONDS = 240  # bound on writing the 101,000 items


def main() -> int:
    env.apply()
    from bench import harness, servers
    from shared import store

    with servers.Storage(moto=False) as storage:
        seed.use_storage(storage.dynamodb_local, None, "bench-scale")
        context = {t: harness.authorizer_context(seed.tenant(t)["client"], t) for t in SIZES}
        started = time.monotonic()
        ids = {tenant: _load(storage.dynamodb_local, tenant, count) for tenant, count in SIZES.items()}
        load_seconds = time.monotonic() - started
        items = sum(SIZES.values())
        print(f"scaling: {items} items written in {load_seconds:.1f} s", file=sys.stderr, flush=True)

        lists = _list_pages(storage.dynamodb_local, context, ids)
        batch = _batch(context["small"], ids["small"][:BATCH])
        client = store.client()
        described = client.describe_table(TableName=store.table())["Table"]
    print(
        json.dumps(
            {
                "items": items,
                "load_seconds": round(load_seconds, 1),
                "load_items_per_second": round(items / load_seconds),
                "table_item_count": described.get("ItemCount"),
                "lists": lists,
                "list_ratio": max(v["ratio"] for v in lists.values()),
                "batch": batch,
            }
        )
    )
    return 0


def stored_exam(tenant: str, record_id: str, n: int) -> dict[str, Any]:
    now = "2026-01-05T10:00:00.000Z"
    context = {"key_id": "bench", "role": "client", "source_ip": "127.0.0.1", "request_id": "bench"}
    return {
        **keys.record_key(tenant, "exams", record_id),
        "id": record_id,
        "name": f"Exam {n}",
        "code": f"EX-{n:06d}",
        "description": "Inspection of widgets, valves and gauges",
        "domains": [{"code": "D1", "name": "Safety", "weight": 40}, {"code": "D2", "name": "QA", "weight": 60}],
        "passing_score": 70,
        "is_active": True,
        "sys_version": 1,
        "sys_created_at": now,
        "sys_created_by_id": "bench",
        "sys_last_modified_at": now,
        "sys_last_modified_by_id": "bench",
        "sys_last_security_context": context,
    }


def _load(endpoint: str, tenant: str, count: int) -> list[str]:
    """Write `count` exams for `tenant` with BatchWriteItem (25 a request, a few connections, no SDK:
    botocore's per-attribute request building would make this the slowest part of the run)."""
    from bench.rawdynamo import RawDynamo
    from shared import engine, store
    from shared import keys as key_formats

    ids = sorted(engine.new_id() for _ in range(count))
    table = store.table()
    deadline = time.monotonic() + LOAD_SECONDS

    def write(worker: int) -> int:
        raw, written = RawDynamo(endpoint), 0
        try:
            for start in range(worker * 25, count, 25 * LOAD_THREADS):
                requests = [
                    {"PutRequest": {"Item": store.serialize(stored_exam(tenant, ids[i], i))}}
                    for i in range(start, min(start + 25, count))
                ]
                pending, attempt = {table: requests}, 0
                while pending:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"loading {tenant} took longer than {LOAD_SECONDS} s")
                    pending = raw.call("BatchWriteItem", {"RequestItems": pending}).get("UnprocessedItems") or {}
                    attempt += 1
                    if pending:
                        time.sleep(min(1.0, 0.02 * 2**attempt))
                written += len(requests)
        finally:
            raw.close()
        return written

    with ThreadPoolExecutor(LOAD_THREADS) as pool:
        written = sum(pool.map(write, range(LOAD_THREADS)))
    store.write([store.bump_counter(key_formats.counter_key(tenant, "exams"), count, 10**9)])
    if written != count:
        raise AssertionError(f"{written} of {count} items written for {tenant}")
    return ids


def _list_pages(endpoint: str, context: dict[str, dict[str, str]], ids: dict[str, list[str]]) -> dict[str, Any]:
    """The list handler's page latency per tenant; beside it, DynamoDB Local's own time for the same
    Query (raw HTTP, no SDK), which tells the server's part from the client's."""
    from bench import harness
    from bench.rawdynamo import RawDynamo
    from shared import keys as key_formats
    from shared import paging, store

    raw = RawDynamo(endpoint)

    def raw_query(tenant: str, start: str | None) -> float:
        body: dict[str, Any] = {
            "TableName": store.table(),
            "KeyConditionExpression": "#pk = :pk",
            "ExpressionAttributeNames": {"#pk": "pk"},
            "ExpressionAttributeValues": {":pk": {"S": key_formats.collection_pk(tenant, "exams")}},
            "Limit": PAGE,
        }
        if start:
            body["ExclusiveStartKey"] = {"pk": {"S": key_formats.collection_pk(tenant, "exams")}, "sk": {"S": start}}
        t0 = time.perf_counter()
        answer = raw.call("Query", body)
        elapsed = (time.perf_counter() - t0) * 1000
        if answer["Count"] != PAGE:
            raise AssertionError(f"raw Query of {tenant}: {answer['Count']} items")
        return elapsed

    def page(tenant: str, start: str | None) -> float:
        params: dict[str, Any] = {"limit": PAGE}
        if start:
            params["exclusiveStartKey"] = paging.encode(
                f"{tenant}/exams", {"pk": key_formats.collection_pk(tenant, "exams"), "sk": start}
            )
        lambda_handler, event, ctx = harness.build("GET", f"/exams/{tenant}", context[tenant], params=params)
        t0 = time.perf_counter()
        response = lambda_handler(event, ctx)
        elapsed = (time.perf_counter() - t0) * 1000
        body = json.loads(response["body"])
        if response["statusCode"] != 200 or len(body) != PAGE:
            raise AssertionError(f"list of {tenant}: {response['statusCode']}, {len(body)} records")
        return elapsed

    cases = {"first page": None, "middle page": "middle"}
    samples: dict[tuple[str, str], list[float]] = {(c, t): [] for c in cases for t in ("small", "big")}
    server: dict[tuple[str, str], list[float]] = {(c, t): [] for c in cases for t in ("small", "big")}
    try:
        for round_no in range(LIST_ROUNDS + 3):
            for case, where in cases.items():
                for tenant in ("small", "big") if round_no % 2 else ("big", "small"):
                    start = ids[tenant][len(ids[tenant]) // 2] if where else None
                    elapsed, alone = page(tenant, start), raw_query(tenant, start)
                    if round_no >= 3:  # the first rounds warm DynamoDB Local's JIT and the handler
                        samples[(case, tenant)].append(elapsed)
                        server[(case, tenant)].append(alone)
    finally:
        raw.close()
    out = {}
    for case in cases:
        small, big = (statistics.median(samples[(case, t)]) for t in ("small", "big"))
        server_small, server_big = (statistics.median(server[(case, t)]) for t in ("small", "big"))
        out[case] = {
            "small_1000_ms": round(small, 2),
            "big_50000_ms": round(big, 2),
            "ratio": round(big / small, 3),
            "small_p90_ms": round(statistics.quantiles(samples[(case, "small")], n=10)[-1], 2),
            "big_p90_ms": round(statistics.quantiles(samples[(case, "big")], n=10)[-1], 2),
            "dynamodb_local_small_ms": round(server_small, 2),
            "dynamodb_local_big_ms": round(server_big, 2),
            "dynamodb_local_ratio": round(server_big / server_small, 3),
            "samples": LIST_ROUNDS,
        }
    return out


def _batch(context: dict[str, str], record_ids: list[str]) -> dict[str, Any]:
    from bench import harness

    tenant = context["tenantId"]

    def one_by_one(round_no: int) -> float:
        t0 = time.perf_counter()
        for n, record_id in enumerate(record_ids):
            patch = [{"op": "replace", "path": "/name", "value": f"One {round_no}-{n}"}]
            reply = harness.call("PATCH", f"/exams/{tenant}/{record_id}", context, patch)
            if reply.status != 200:
                raise AssertionError(f"PATCH: {reply.status} {reply.raw[:300]!r}")
        return time.perf_counter() - t0

    def batched(round_no: int) -> float:
        operations = [
            {
                "id": record_id,
                "operation": "patch",
                "patch_directives": [{"op": "replace", "path": "/name", "value": f"Batch {round_no}-{n}"}],
            }
            for n, record_id in enumerate(record_ids)
        ]
        t0 = time.perf_counter()
        reply = harness.call("POST", f"/exams/{tenant}/batch", context, {"operations": operations})
        elapsed = time.perf_counter() - t0
        body = reply.json()
        if reply.status != 200 or body["success_count"] != len(record_ids):
            raise AssertionError(f"batch: {reply.status} {str(body)[:300]}")
        return elapsed

    def measure(rounds: range) -> dict[str, float]:
        sequential, parallel, cpu = [], [], {"one_by_one": 0.0, "batch": 0.0}
        for round_no in rounds:
            c0 = time.process_time()
            sequential.append(one_by_one(round_no))
            c1 = time.process_time()
            parallel.append(batched(round_no))
            cpu["one_by_one"] += c1 - c0
            cpu["batch"] += time.process_time() - c1
        seq, par = statistics.median(sequential), statistics.median(parallel)
        return {
            "one_by_one_s": round(seq, 3),
            "batch_s": round(par, 3),
            "speedup": round(seq / par, 2),
            # this process's CPU time (user + system, all threads) per patch, one by one
            "client_cpu_ms_per_patch": round(cpu["one_by_one"] / len(rounds) / len(record_ids) * 1000, 2),
        }

    result = {"operations": len(record_ids), "rounds": BATCH_ROUNDS, **measure(range(BATCH_ROUNDS))}
    # For reference: the same with 5 ms of simulated network latency on every DynamoDB request
    # (botocore's before-send; a sleep releases the GIL as a network wait does).
    from shared import store

    client = store.client()

    def network(**_kwargs: Any) -> None:
        time.sleep(SIMULATED_LATENCY_S)

    client.meta.events.register("before-send.dynamodb", network, unique_id="bench-latency")
    try:
        result["with_latency"] = measure(range(BATCH_ROUNDS, BATCH_ROUNDS + 2))
    finally:
        client.meta.events.unregister("before-send.dynamodb", unique_id="bench-latency")
    return result


if __name__ == "__main__":
    sys.exit(main())
