"""Item 1: cold start of every Lambda handler, against the floor measured in the same run.

Each sample is a fresh `python bench/cold_child.py` process: it imports the handler module and
serves its first request (storage: DynamoDB Local; S3 for the bulk worker: moto server). API
handlers get a GET of an existing record, the authorizer a valid key, the bulk worker the S3
notification of a one-row candidates file. The floor is a fresh process that only imports boto3 and
creates a DynamoDB client (and, for reference, the same plus one GetItem). Every round runs each
target once, in a shuffled order, so that drift in the machine's load falls on all of them alike; a
first, uncounted round fills the bytecode and file caches. Then `python -X importtime` on the slowest handler."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import env, seed
from bench.env import ROOT

RUNS = int(os.environ.get("BENCH_COLD_RUNS", "15"))
BUDGET_SECONDS = float(os.environ.get("BENCH_COLD_SECONDS", "220"))
CHILD = Path(__file__).resolve().parent / "cold_child.py"
TENANT = "bench"
FLOOR, FLOOR_REQUEST = "floor", "floor+request"
LIBRARIES = "libraries only"
LIBRARY_FLOOR_MODULE = "bench.library_floor"
UNCACHED_RUNS = 3


def main() -> int:
    env.apply()
    from bench import harness, servers
    from emulator import apigw
    from shared.routes import AUTHORIZER_MODULE, BULK_WORKER_MODULE, LAMBDAS

    with servers.Storage() as storage:
        table = seed.use_storage(storage.dynamodb_local, storage.moto, "bench-cold")
        keys = seed.tenant(TENANT)
        ids = seed.one_of_each(keys, TENANT)
        context = {role: harness.authorizer_context(key, TENANT) for role, key in keys.items()}
        child_env = env.environment(
            {"AWS_ENDPOINT_URL_DYNAMODB": storage.dynamodb_local, "AWS_ENDPOINT_URL_S3": storage.moto},
            TABLE_NAME=table,
            BUCKET_NAME=table,
        )
        child_env.pop("PYTHONDONTWRITEBYTECODE", None)

        jobs: dict[str, dict[str, Any]] = {
            FLOOR: {"mode": FLOOR},
            FLOOR_REQUEST: {"mode": FLOOR_REQUEST, "table": table, "key": {"pk": {"S": "x"}, "sk": {"S": "y"}}},
        }
        for function in LAMBDAS:
            role = "admin" if function.name == "apiKeys" else "client"
            if function.name in ids:
                path = f"/{function.name}/{TENANT}/{ids[function.name]}"
                route = function.operation_route("get")
                params = {"tenantId": TENANT, "id": ids[function.name]}
            elif function.operations:  # webhook endpoints (none made: a GET of the empty list)
                path, route, params = (
                    f"/{function.name}/{TENANT}",
                    function.operation_route("list"),
                    {"tenantId": TENANT},
                )
            else:  # the event feed: its first page
                route = function.routes[0]
                path, params = route.path.replace("{tenantId}", TENANT), {"tenantId": TENANT}
            event = apigw.build_event(
                "GET", path, route, params, {"Accept": "application/json"}, "", None, context[role]
            )
            jobs[function.name] = {"mode": "handler", "kind": "api", "module": function.module, "event": event}
        event = apigw.authorizer_event(
            {"Authorization": keys["client"]}, {"tenantId": TENANT}, "GET", f"/exams/{TENANT}"
        )
        jobs["authorizer"] = {"mode": "handler", "kind": "authorizer", "module": AUTHORIZER_MODULE, "event": event}
        jobs["bulk worker"] = {"mode": "handler", "kind": "worker", "module": BULK_WORKER_MODULE}
        # The libraries' own floor: the exams GET through a handler with no project code.
        jobs[LIBRARIES] = {**jobs["exams"], "module": LIBRARY_FLOOR_MODULE}
        for job in jobs.values():
            job["function"] = job.get("module", "floor").split(".")[1] if "module" in job else "floor"

        samples: dict[str, list[dict[str, Any]]] = {name: [] for name in jobs}
        started = time.monotonic()
        rounds = 0
        with tempfile.TemporaryDirectory(prefix="bench-cold-") as work:
            # Bytecode is cached (in a directory of this run, not beside the sources) for every
            # process alike, the floor's included: round 0 writes it.
            child_env["PYTHONPYCACHEPREFIX"] = str(Path(work) / "pycache")
            for round_no in range(RUNS + 1):  # round 0 warms the caches and is not counted
                if round_no > 1 and time.monotonic() - started > BUDGET_SECONDS:
                    print(f"cold: time budget reached after {rounds} rounds", file=sys.stderr, flush=True)
                    break
                order = list(jobs)
                random.Random(round_no).shuffle(order)  # noqa: S311 (no target always follows the same one)
                for name in order:
                    job = jobs[name]
                    if name == "bulk worker":
                        job["event"] = _worker_event(keys, table, round_no)
                    path = Path(work) / "job.json"
                    path.write_text(json.dumps(job))
                    sample = _run_child([str(path)], child_env)
                    if not sample["ok"]:
                        raise RuntimeError(f"cold start of {name} failed: {sample['detail']}")
                    if round_no > 0:
                        samples[name].append(sample)
                rounds = round_no
                print(f"cold: round {round_no}/{RUNS} done", file=sys.stderr, flush=True)

            results = {name: _summary(values) for name, values in samples.items()}
            floor = results[FLOOR]["median_ms"]
            for result in results.values():
                result["ratio"] = round(result["median_ms"] / floor, 3)
            handlers = [n for n in jobs if n not in (FLOOR, FLOOR_REQUEST, LIBRARIES)]
            slowest = max(handlers, key=lambda n: results[n]["median_ms"])
            if slowest == "bulk worker":
                jobs[slowest]["event"] = _worker_event(keys, table, RUNS + 1)
            path = Path(work) / "job.json"
            path.write_text(json.dumps(jobs[slowest]))
            imports = _importtime([str(path)], child_env)
            api = [n for n in handlers if jobs[n].get("kind") == "api"]
            slowest_api = max(api, key=lambda n: results[n]["median_ms"])
            path.write_text(json.dumps(jobs[slowest_api]))
            api_imports = _importtime([str(path)], child_env)
            uncached = _without_bytecode(jobs, child_env, work)
    print(
        json.dumps(
            {
                "runs": rounds,
                "floor_ms": floor,
                "handlers": results,
                "slowest": slowest,
                "importtime": imports,
                "slowest_api": slowest_api,
                "importtime_api": api_imports,
                "without_bytecode": uncached,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )
    return 0


def _without_bytecode(jobs: dict[str, dict[str, Any]], child_env: dict[str, str], work: str) -> dict[str, Any]:
    """For reference: the floor and one handler when everything outside the standard library is
    compiled from source, as on Lambda when the bundle ships no .pyc (/var/task is read-only)."""
    out = {}
    for name in (FLOOR, "exams"):
        path = Path(work) / "job.json"
        path.write_text(json.dumps({**jobs[name], "no_bytecode": True}))
        totals = [_run_child([str(path)], child_env)["total_ms"] for _ in range(UNCACHED_RUNS)]
        out[name] = round(statistics.median(totals), 1)
    out["runs"] = UNCACHED_RUNS
    return out


def _worker_event(keys: dict[str, str], table: str, round_no: int) -> dict[str, Any]:
    """A one-row candidates load started through the API layer; the S3 notification of its file."""
    from bench import harness
    from shared import keys as key_formats
    from shared.auth import Caller
    from shared.bulk import jobs
    from shared.resources import CANDIDATES

    context = harness.authorizer_context(keys["client"], TENANT)
    caller = Caller(tenant=TENANT, role=context["role"], key_id=context["keyId"])
    body = f"candidate_id,first_name,last_name\nCOLD-{round_no}-{os.getpid()},Ada,Lovelace\n".encode()
    job = jobs.start_load(CANDIDATES, caller, "text/csv", body)
    key = key_formats.load_folder(TENANT, CANDIDATES.name, job["id"]) + job["file_name"]
    return {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": table}, "object": {"key": key}}}]}


def _run_child(args: list[str], child_env: dict[str, str], python_flags: tuple[str, ...] = ()) -> dict[str, Any]:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (this interpreter, the child script)
        [sys.executable, *python_flags, str(CHILD), *args],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    wall = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"cold-start child failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}")
    sample = json.loads(done.stdout.strip().splitlines()[-1])
    sample["wall_ms"] = wall
    sample["stderr"] = done.stderr
    return sample


def _summary(values: list[dict[str, Any]]) -> dict[str, Any]:
    total = sorted(v["total_ms"] for v in values)
    imports = sorted(v["import_ms"] for v in values)
    walls = sorted(v["wall_ms"] for v in values)
    quartiles = statistics.quantiles(total, n=4) if len(total) > 1 else [total[0]] * 3
    return {
        "n": len(total),
        "median_ms": round(statistics.median(total), 1),
        "import_median_ms": round(statistics.median(imports), 1),
        "first_request_median_ms": round(statistics.median(total) - statistics.median(imports), 1),
        "p25_ms": round(quartiles[0], 1),
        "p75_ms": round(quartiles[2], 1),
        "min_ms": round(total[0], 1),
        "max_ms": round(total[-1], 1),
        "process_wall_median_ms": round(statistics.median(walls), 1),
        "modules": values[-1]["modules"],
        "heavy_loaded": values[-1]["heavy"],
    }


def _importtime(args: list[str], child_env: dict[str, str]) -> dict[str, Any]:
    """`python -X importtime` of one cold start: the top imports by cumulative and by own time, and
    own time summed by top-level package."""
    sample = _run_child(args, child_env, ("-X", "importtime"))
    entries = []
    for line in sample["stderr"].splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, own, cumulative, name = (part for part in line.replace("import time:", "|", 1).split("|"))
        depth = (len(name) - len(name.lstrip(" "))) // 2
        entries.append(
            {
                "module": name.strip(),
                "self_ms": int(own) / 1000,
                "cumulative_ms": int(cumulative) / 1000,
                "depth": depth,
            }
        )
    packages: dict[str, float] = {}
    for entry in entries:
        top = entry["module"].split(".")[0]
        packages[top] = packages.get(top, 0.0) + entry["self_ms"]
    top_level = sorted((e for e in entries if e["depth"] <= 1), key=lambda e: -e["cumulative_ms"])[:12]
    by_self = sorted(entries, key=lambda e: -e["self_ms"])[:12]
    return {
        "total_ms": round(sample["total_ms"], 1),
        "import_ms": round(sample["import_ms"], 1),
        "top_cumulative": [{k: v for k, v in e.items() if k != "depth"} for e in top_level],
        "top_self": [{k: v for k, v in e.items() if k != "depth"} for e in by_self],
        "by_package_ms": dict(sorted(((k, round(v, 1)) for k, v in packages.items()), key=lambda kv: -kv[1])[:15]),
    }


if __name__ == "__main__":
    sys.exit(main())
