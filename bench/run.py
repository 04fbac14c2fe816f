"""`make bench`: start a moto server (on 127.0.0.1), run each section in its own process with a time
limit, then print the table and write bench/results/latest.json and the results part of
docs/performance.md. Servers stop at the end, on errors and on Ctrl-C.

Each section that uses DynamoDB Local starts one of its own (`bench.servers.Storage`), stopped with
the section: DynamoDB Local keeps every table's stream records in one store, even after DeleteTable,
and each item written to a table with a stream costs it time in proportion to the records other
tables' streams hold before this table's first one (docs/performance.md, section 5). On one shared
JVM, scaling's 101,000 items slowed every later table's writes some 50-fold."""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import json
import os
import signal
import subprocess
import sys
import time
from typing import Any

from bench import env, report, servers
from bench.env import ROOT

# (name, module and arguments, time limit in seconds). The limits are a backstop: each section
# bounds its own loops; together they fit the 10 minutes with room for a busy machine.
# `warm` needs no storage and runs before the servers start: a JVM that has just started keeps a
# core busy compiling and collecting for a while, and warm's figures are microseconds.
BEFORE_SERVERS = [("warm", ["bench.warm"], 90)]
SECTIONS: list[tuple[str, list[str], float]] = [
    ("counts", ["bench.counts"], 90),
    ("cold", ["bench.cold"], 330),
    ("scaling", ["bench.scaling"], 240),
    ("e2e", ["bench.e2e"], 100),
    ("bulk-dynamodb-local", ["bench.bulkload", "dynamodb-local"], 150),
    ("bulk-moto", ["bench.bulkload", "moto"], 150),
    ("webhooks", ["bench.webhooks"], 240),
]


def _die_with_parent() -> None:
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def run_section(name: str, argv: list[str], limit: float, section_env: dict[str, str]) -> Any:
    print(f"== {name}", file=sys.stderr, flush=True)
    started = time.monotonic()
    try:
        done = subprocess.run(  # noqa: S603 (this interpreter, a bench module)
            [sys.executable, "-m", *argv],
            cwd=ROOT,
            env=section_env,
            stdout=subprocess.PIPE,
            text=True,
            timeout=limit,
            check=False,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {limit:.0f} s"
    finally:
        print(f"== {name}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    lines = (done.stdout or "").strip().splitlines()
    if done.returncode != 0 or not lines:
        return f"failed (exit {done.returncode})"
    try:
        return json.loads(lines[-1])
    except ValueError:
        return f"failed: no JSON result ({lines[-1][:200]})"


def main() -> int:
    started = time.monotonic()
    started_at = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = {"start": report.load_average()}

    def stop(*_args: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    env.apply()
    results: dict[str, Any] = {}
    started_servers = []
    try:
        for name, argv, limit in BEFORE_SERVERS:
            results[name] = run_section(name, argv, limit, env.environment())
        moto, moto_url = servers.start_moto_server()
        started_servers.append(moto)
        section_env = env.environment(BENCH_MOTO=moto_url)  # no BENCH_DYNAMODB_LOCAL: see above
        print(f"moto {moto_url}", file=sys.stderr, flush=True)
        for name, argv, limit in SECTIONS:
            results[name] = run_section(name, argv, limit, section_env)
    except KeyboardInterrupt:
        print("interrupted: stopping the servers", file=sys.stderr, flush=True)
        return 130
    finally:
        for process in reversed(started_servers):
            process.stop()
    runtime = time.monotonic() - started
    load["end"] = report.load_average()
    figures = report.write(results, runtime, started_at, load)
    print()
    print(report.text_table(figures))
    print(
        f"\n{sum(f['status'] == 'PASS' for f in figures)} PASS, {sum(f['status'] == 'FAIL' for f in figures)} FAIL; "
        f"{report.RESULTS.relative_to(ROOT)} and {report.DOC.relative_to(ROOT)} written; {runtime:.0f} s"
    )
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
