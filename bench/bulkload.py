"""Item 6: bulk load rows per second, 20,000 candidates from one CSV file.

`python -m bench.bulkload moto|dynamodb-local`: the load is started through the bulk layer
(`shared.bulk.jobs.start_load` with `{format, file_name}`: the job item; the file, about 1.5 MB, is over
the inline cap) and the file is put where its upload URL points, then the worker's `run_load` runs
in this process as the S3 notification would run it. S3 is a moto server on loopback in both
cases; DynamoDB is a moto server of its own (with the project's `emulator/moto_speedups`, as `make run`
and the tests use moto), or DynamoDB Local. The run is bounded in time: when the budget is spent
the worker stops after its current chunk (as it does before Lambda's timeout) and the rate is taken
over the rows done."""

from __future__ import annotations

import io
import json
import os
import sys
import time

from bench import env, seed

ROWS = 20_000
TENANT = "bulk"
BUDGET_SECONDS = {
    "moto": float(os.environ.get("BENCH_BULK_MOTO_SECONDS", "100")),
    "dynamodb-local": float(os.environ.get("BENCH_BULK_DYNAMODB_LOCAL_SECONDS", "100")),
}


def candidates_csv(rows: int) -> bytes:
    out = io.StringIO()
    out.write("candidate_id,first_name,last_name,email,phone,address.city,address.country\n")
    for n in range(rows):
        out.write(f"B-{n:06d},Ada{n},Lovelace,ada{n}@example.com,+1 617 555 {n % 10000:04d},Boston,US\n")
    return out.getvalue().encode()


def main() -> int:
    backend = sys.argv[1] if len(sys.argv) > 1 else "dynamodb-local"
    env.apply()
    from bench import harness, servers

    with servers.Storage(dynamodb_local=backend == "dynamodb-local") as storage:
        if backend == "moto":
            # DynamoDB on a moto server of its own, stopped with this section: a load cut off by
            # the budget leaves no work behind on the server the other sections share.
            own, dynamodb = servers.start_moto_server()
            storage.started.append(own)
        else:
            dynamodb = storage.dynamodb_local
        table = seed.use_storage(dynamodb, storage.moto, f"bench-bulk-{backend}")
        keys = seed.tenant(TENANT)
        from shared import files, store
        from shared import keys as key_formats
        from shared.auth import Caller
        from shared.bulk import jobs, load
        from shared.resources import CANDIDATES

        context = harness.authorizer_context(keys["client"], TENANT)
        caller = Caller(tenant=TENANT, role=context["role"], key_id=context["keyId"])
        body = candidates_csv(ROWS)
        request = json.dumps({"format": "csv", "file_name": "candidates.csv"}).encode()
        job = jobs.start_load(CANDIDATES, caller, "application/json", request)
        key = key_formats.load_folder(TENANT, CANDIDATES.name, job["id"]) + job["file_name"]
        files.put(key, body, "text/csv", files.BULK_LOAD_RETENTION)  # what the client's PUT uploads

        budget = BUDGET_SECONDS[backend]
        started = time.monotonic()

        def remaining_ms() -> int:
            left = budget - (time.monotonic() - started)
            # past the budget: just under the worker's margin, so it checkpoints and stops
            return int(left * 1000) + load.STOP_WITH_MS_LEFT if left > 0 else load.STOP_WITH_MS_LEFT - 1

        try:
            outcome = load.run_load(table, key, remaining_ms)
        except load.TimeBudgetExhausted:
            outcome = "stopped at the time budget"
        elapsed = time.monotonic() - started
        done = store.get(key_formats.job_key(TENANT, CANDIDATES.name, jobs.LOAD, job["id"]), consistent=True) or {}
    rows = int(done.get("total", 0))
    print(
        json.dumps(
            {
                "backend": backend,
                "rows_in_file": ROWS,
                "file_bytes": len(body),
                "rows_done": rows,
                "succeeded": int(done.get("succeeded", 0)),
                "failed": int(done.get("failed", 0)),
                "status": done.get("status"),
                "outcome": outcome,
                "seconds": round(elapsed, 1),
                "rows_per_second": round(rows / elapsed, 1) if elapsed else None,
                "budget_seconds": budget,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
