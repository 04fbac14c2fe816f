"""Item 3: DynamoDB requests per route, counted with botocore hooks on `shared.store.client()`.

One scenario walks every route of every function once (create, read, list, replace, patch, batch,
the extra routes, then delete in dependency order), each handler invoked in-process with the
authorizer's context, and records the requests each made. `make test` runs the same scenario
(tests/api/test_request_counts.py, moto in-process) and holds the exact counts; `python -m
bench.counts` prints them as JSON (moto in-process)."""

from __future__ import annotations

import collections
import json
import sys
from typing import Any

from bench import harness

TENANT = "demo"

# Targets of the issue, by generic operation: the requests one call may make.
READS = {"GetItem", "BatchGetItem", "Query"}
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems"}
TARGETS: dict[str, str] = {
    "get": "1 GetItem",
    "create": "1 TransactWriteItems",
    "list": "1 Query",
    "replace": "1 GetItem + 1 conditional write",
    "patch": "1 GetItem + 1 conditional write",
    "delete": "1 TransactWriteItems",
    "batch": "<= 1 read + 1 conditional write per operation",
}


def meets_target(operation: str, requests: dict[str, int], batch_size: int = 1) -> bool | None:
    """Whether one route's requests meet the issue's target (None: the route has no target)."""
    total = sum(requests.values())
    reads = sum(n for op, n in requests.items() if op in ("GetItem", "BatchGetItem"))
    writes = sum(n for op, n in requests.items() if op in WRITES)
    if operation == "get":
        return requests == {"GetItem": 1}
    if operation == "create":
        return requests == {"TransactWriteItems": 1}
    if operation == "list":
        return requests == {"Query": 1}
    if operation in ("replace", "patch"):
        return total == 2 and reads == 1 and writes == 1
    if operation == "delete":
        return requests == {"TransactWriteItems": 1}
    if operation == "batch":
        return reads <= batch_size and writes == batch_size and total == reads + writes
    return None


def bodies(ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """A valid create body per resource (the sample events' bodies), its references pointing at the
    records created so far (`ids`)."""
    from generators.events import SAMPLE_BODIES

    references = {
        "examRegProcesses": {"exam_ids": [ids.get("exams", "x")]},
        "examRegistrations": {
            "candidate_id": ids.get("candidates", "x"),
            "exam_id": ids.get("exams", "x"),
            "process_id": ids.get("examRegProcesses", "x"),
        },
        "examResults": {"registration_id": ids.get("examRegistrations", "x")},
    }
    return {name: {**body, **references.get(name, {})} for name, body in SAMPLE_BODIES.items()}


# A field each resource's PUT and PATCH change (no unique value, no reference).
CHANGED = {
    "testingCenters": ("name", "Boston Uptown"),
    "exams": ("name", "Certified Widget Inspector II"),
    "candidates": ("first_name", "Augusta"),
    "examRegProcesses": ("name", "Express registration"),
    "proctors": ("name", "Pat Q. Proctor"),
    "examRegistrations": ("accommodations", ["extra time", "separate room"]),
    "examResults": ("overall_score", 84),
}
CREATE_ORDER = (
    "testingCenters",
    "exams",
    "candidates",
    "examRegProcesses",
    "proctors",
    "examRegistrations",
    "examResults",
    "apiKeys",
)


def run_scenario(keys: dict[str, str], tenant: str = TENANT) -> list[dict[str, Any]]:
    """Walk every route once; `keys` maps roles (admin, client, delivery) to API keys of `tenant`.
    Returns one row per request: function, operation, method, route, requests {operation: count}."""
    from shared import store

    context = {role: harness.authorizer_context(key, tenant) for role, key in keys.items()}
    writer = {"examResults": "delivery", "apiKeys": "admin"}
    counter = harness.RequestCounter(store.client())
    rows: list[dict[str, Any]] = []

    def request(function: str, operation: str, method: str, path: str, role: str = "client", **kwargs: Any) -> Any:
        with counter.counting() as seen:
            reply = harness.call(method, path, context[role], **kwargs)
        if reply.status >= 300:
            raise AssertionError(f"{method} {path} answered {reply.status}: {reply.raw[:500]!r}")
        rows.append(
            {
                "function": function,
                "operation": operation,
                "method": method,
                "path": path.replace(f"/{tenant}", "/{tenantId}", 1),
                "requests": dict(sorted(seen.items())),
            }
        )
        return reply.json()

    try:
        ids: dict[str, str] = {}
        created: dict[str, dict[str, Any]] = {}
        for name in CREATE_ORDER:
            body = bodies(ids)[name]
            record = request(name, "create", "POST", f"/{name}/{tenant}", writer.get(name, "client"), body=body)
            ids[name], created[name] = record["id"], body
        rows.append(_authorizer_row(counter, keys["client"], tenant))
        # The same create with an Idempotency-Key, then its retry (the replay).
        keyed = {**bodies(ids)["exams"], "code": "CWI-KEY"}
        idempotent = {"Idempotency-Key": "bench-counts"}
        for operation in ("create+Idempotency-Key", "create+Idempotency-Key replay"):
            record = request("exams", operation, "POST", f"/exams/{tenant}", body=keyed, headers=idempotent)
        extra_exam = record["id"]

        for name in CREATE_ORDER:
            role = writer.get(name, "client")
            base = f"/{name}/{tenant}"
            request(name, "get", "GET", f"{base}/{ids[name]}", role)
            request(name, "list", "GET", base, role)
            if name == "apiKeys":
                continue
            field, value = CHANGED[name]
            request(
                name,
                "replace",
                "PUT",
                f"{base}/{ids[name]}",
                role,
                body={**created[name], field: value, "id": ids[name]},
            )
            # each write changes the value (a no-op patch writes nothing); the batch sets it back
            patch = [{"op": "replace", "path": f"/{field}", "value": _another(value)}]
            request(name, "patch", "PATCH", f"{base}/{ids[name]}", role, body=patch)
            batch = {
                "operations": [
                    {
                        "id": ids[name],
                        "operation": "patch",
                        "patch_directives": [{"op": "replace", "path": f"/{field}", "value": value}],
                    }
                ]
            }
            request(name, "batch", "POST", f"{base}/batch", role, body=batch)

        request("candidates", "byCandidateId", "GET", f"/candidates/{tenant}/byCandidateId/C-1001")
        request(
            "examRegProcesses",
            "eligible",
            "GET",
            f"/examRegProcesses/{tenant}/eligible/{ids['candidates']}/{ids['exams']}",
        )
        request(
            "proctors",
            "authenticate",
            "POST",
            f"/proctors/{tenant}/authenticate",
            "delivery",
            body={"username": "pat", "password": "correct horse battery"},
        )
        request(
            "examRegistrations",
            "calendar",
            "GET",
            f"/examRegistrations/{tenant}/calendar/BOS-1",
            params={"from": "2026-12-01", "to": "2026-12-07"},
        )
        request(
            "examRegistrations", "byCandidate", "GET", f"/examRegistrations/{tenant}/byCandidate/{ids['candidates']}"
        )
        request(
            "examResults",
            "completedSince",
            "GET",
            f"/examResults/{tenant}",
            params={"completedSince": "2026-12-01T00:00:00Z"},
        )
        request(
            "examResults",
            "changedSince",
            "GET",
            f"/examResults/{tenant}",
            params={"changedSince": "2026-01-01T00:00:00Z"},
        )

        request("exams", "delete", "DELETE", f"/exams/{tenant}/{extra_exam}")
        rows.pop()  # the same as the other exam's delete
        for name in reversed(CREATE_ORDER):
            request(name, "delete", "DELETE", f"/{name}/{tenant}/{ids[name]}", writer.get(name, "client"))
    finally:
        counter.close()
    return rows


def _another(value: Any) -> Any:
    if isinstance(value, list):
        return [*value, "again"]
    return value + 1 if isinstance(value, int) else f"{value} again"


def _authorizer_row(counter: harness.RequestCounter, key: str, tenant: str) -> dict[str, Any]:
    with counter.counting() as seen:
        policy = harness.call_authorizer(key, tenant)
    if policy["policyDocument"]["Statement"][0]["Effect"] != "Allow":
        raise AssertionError(f"the authorizer refused the key: {policy}")
    return {
        "function": "authorizer",
        "operation": "authorize",
        "method": "-",
        "path": "(REQUEST authorizer, per key; API Gateway caches the answer)",
        "requests": dict(sorted(seen.items())),
    }


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per generic operation: whether every resource meets its target, and the exceptions."""
    by_operation: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        by_operation[row["operation"]].append(row)
    summary = {}
    for operation, target in TARGETS.items():
        found = by_operation.get(operation, [])
        misses = [r for r in found if not meets_target(operation, r["requests"])]
        summary[operation] = {
            "target": target,
            "routes": len(found),
            "meeting": len(found) - len(misses),
            "misses": [{"function": r["function"], "requests": r["requests"]} for r in misses],
        }
    scans = [r for r in rows if "Scan" in r["requests"]]
    summary["scan"] = {"target": "no Scan", "routes": len(rows), "meeting": len(rows) - len(scans), "misses": scans}
    return summary


def main() -> int:
    """Run the scenario on moto in-process (as `make test` does) and print the rows as JSON."""
    from bench import env

    env.apply()
    from moto import mock_aws

    with mock_aws():
        from emulator.bootstrap import bootstrap_tenant, ensure_bucket, ensure_table
        from shared import store

        store.reset_client()
        ensure_table(env.DEFAULTS["TABLE_NAME"])
        ensure_bucket(env.DEFAULTS["BUCKET_NAME"])
        keys = bootstrap_tenant(TENANT, {"admin": None, "client": None, "delivery": None})
        rows = run_scenario(keys)
    print(json.dumps({"rows": rows, "summary": summarize(rows)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
