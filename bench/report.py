"""The table `make bench` prints, `bench/results/latest.json`, and the results part of
docs/performance.md (between its markers; the prose around them is kept)."""

from __future__ import annotations

import json
import os
import platform
import re
from pathlib import Path
from typing import Any

from bench.cold import LIBRARIES
from bench.env import ROOT

RESULTS = ROOT / "bench" / "results" / "latest.json"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"
COLD_RATIO = 1.25
WARM_P50_US = 500
LIST_RATIO = 1.2
BATCH_SPEEDUP = 4.0
RUNTIME_S = 600
WEBHOOK_P50_MS = 500  # a write to its delivery, on the local server
WEBHOOK_P99_MS = 2000
WEBHOOK_RATE = 50  # deliveries per second to 8 receivers
# Modules a GET (or an authorizer call) must not load; the bulk worker may load what bulk loads need.
HEAVY = {"aws_xray_sdk", "jsonpatch", "argon2", "shared.bulk", "shared.csvio"}
WORKER_HEAVY = {"aws_xray_sdk", "jsonpatch", "argon2"}


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": memory_gib,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def load_average() -> list[float]:
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return []


def _status(ok: bool | None) -> str:
    return "INFO" if ok is None else ("PASS" if ok else "FAIL")


def rows(results: dict[str, Any], runtime_s: float) -> list[dict[str, str]]:
    """(figure, value, target, status) for every figure of the issue."""
    out: list[dict[str, str]] = []

    def add(figure: str, value: str, target: str, ok: bool | None) -> None:
        out.append({"figure": figure, "value": value, "target": target, "status": _status(ok)})

    cold = results.get("cold")
    if isinstance(cold, dict) and "handlers" in cold:
        floor = cold["floor_ms"]
        for name, h in cold["handlers"].items():
            spread = f"IQR {h['p25_ms']:.0f}-{h['p75_ms']:.0f}, range {h['min_ms']:.0f}-{h['max_ms']:.0f}, n={h['n']}"
            if name == "floor":
                add(
                    "cold start: floor (import boto3 + DynamoDB client)",
                    f"{h['median_ms']:.0f} ms ({spread})",
                    "-",
                    None,
                )
            elif name == "floor+request":
                add(
                    "cold start: floor + one GetItem (reference)",
                    f"{h['median_ms']:.0f} ms, {h['ratio']:.2f}x",
                    "-",
                    None,
                )
            elif name == LIBRARIES:
                add(
                    "cold start: the libraries alone (Powertools resolver + pydantic + botocore, no project code)",
                    f"{h['median_ms']:.0f} ms = {h['ratio']:.2f}x floor ({spread})",
                    "-",
                    None,
                )
            else:
                add(
                    f"cold start: {name}",
                    f"{h['median_ms']:.0f} ms = {h['ratio']:.2f}x floor ({spread})",
                    f"≤ {COLD_RATIO}x floor ({COLD_RATIO * floor:.0f} ms)",
                    h["ratio"] <= COLD_RATIO,
                )
        loaded = {
            name: sorted(set(h["heavy_loaded"]) & (WORKER_HEAVY if name == "bulk worker" else HEAVY))
            for name, h in cold["handlers"].items()
            if not name.startswith("floor") and name != LIBRARIES
        }
        fewest = min(h["n"] for h in cold["handlers"].values())
        add("cold start: fresh processes per handler", str(fewest), "≥ 15", fewest >= 15)
        heavy = sorted({m for mods in loaded.values() for m in mods})
        add(
            "cold start: heavy modules loaded (X-Ray, jsonpatch, argon2, bulk/CSV)",
            ", ".join(heavy) or "none",
            "none",
            not heavy,
        )
        boto3_free = [n for n in loaded if "boto3" not in cold["handlers"][n]["heavy_loaded"]]
        add("cold start: handlers that do not import boto3", f"{len(boto3_free)} of {len(loaded)}", "-", None)
    elif cold is not None:
        add("cold start", f"not measured: {cold}", f"≤ {COLD_RATIO}x floor", False)

    warm = results.get("warm")
    if isinstance(warm, dict) and "routes" in warm:
        for name, r in warm["routes"].items():
            target = name in ("GET", "POST")
            add(
                f"warm overhead: {name}",
                f"p50 {r['p50_us']:.0f} µs, p99 {r['p99_us']:.0f} µs (botocore alone: {r['sdk_p50_us']:.0f} µs)",
                f"p50 ≤ {WARM_P50_US} µs" if target else "-",
                r["p50_us"] <= WARM_P50_US if target else None,
            )
        for name, r in (warm.get("library_floor") or {}).items():
            add(
                f"warm overhead: {name} through the libraries alone (no project code)",
                f"p50 {r['p50_us']:.0f} µs, p99 {r['p99_us']:.0f} µs",
                "-",
                None,
            )
    elif warm is not None:
        add("warm overhead", f"not measured: {warm}", f"p50 ≤ {WARM_P50_US} µs", False)

    counts = results.get("counts")
    if isinstance(counts, dict) and "rows" in counts:
        from bench.counts import TARGETS, meets_target

        generic = [r for r in counts["rows"] if r["operation"] in TARGETS]
        for operation, target in TARGETS.items():
            mine = [r for r in generic if r["operation"] == operation and not _by_design(r)]
            misses = [r for r in mine if not meets_target(operation, r["requests"])]
            shapes = sorted({_shape(r["requests"]) for r in mine})
            add(
                f"requests: {operation}",
                f"{len(mine) - len(misses)}/{len(mine)} resources; " + " | ".join(shapes),
                target,
                not misses,
            )
        designed = [r for r in generic if _by_design(r)]
        add(
            "requests: examResults writes (read registration, exam, candidate)",
            "; ".join(f"{r['operation']} {_shape(r['requests'])}" for r in designed),
            "create 1 tx; PUT/PATCH 1 read + 1 write",
            all(meets_target(r["operation"], r["requests"]) for r in designed),
        )
        scans = [r for r in counts["rows"] if "Scan" in r["requests"]]
        add("requests: Scan anywhere", f"{len(scans)} of {len(counts['rows'])} routes", "0", not scans)
    elif counts is not None:
        add("requests per route", f"not measured: {counts}", "-", False)

    scaling = results.get("scaling")
    if isinstance(scaling, dict) and "lists" in scaling:
        for case, v in scaling["lists"].items():
            add(
                f"list {case}: 1,000 vs 50,000 records",
                f"{v['small_1000_ms']:.1f} → {v['big_50000_ms']:.1f} ms = {v['ratio']:.2f}x "
                f"(DynamoDB Local alone: {v['dynamodb_local_small_ms']:.1f} → {v['dynamodb_local_big_ms']:.1f} ms)",
                f"≤ {LIST_RATIO}x",
                v["ratio"] <= LIST_RATIO,
            )
        b = scaling["batch"]
        add(
            "batch of 100 patches: parallel vs one by one",
            f"{b['one_by_one_s']:.2f} s → {b['batch_s']:.2f} s = {b['speedup']:.2f}x faster "
            f"(client CPU {b['client_cpu_ms_per_patch']:.1f} ms per patch)",
            f"≥ {BATCH_SPEEDUP:.0f}x",
            b["speedup"] >= BATCH_SPEEDUP,
        )
        if "with_latency" in b:
            w = b["with_latency"]
            add(
                "batch, reference: + 5 ms simulated network latency per request",
                f"{w['one_by_one_s']:.2f} s → {w['batch_s']:.2f} s = {w['speedup']:.2f}x faster",
                "-",
                None,
            )
    elif scaling is not None:
        add("scaling", f"not measured: {scaling}", "-", False)

    e2e = results.get("e2e")
    if isinstance(e2e, dict) and "rps" in e2e:
        add(
            f"end to end: {e2e['clients']} clients x {e2e['seconds']:.0f} s over HTTP",
            f"{e2e['rps']:.0f} req/s, p50 {e2e['p50_ms']:.0f} ms, p99 {e2e['p99_ms']:.0f} ms, "
            f"{e2e['requests']} requests",
            "-",
            None,
        )
        add("end to end: errors", str(e2e["errors"]), "0", e2e["errors"] == 0)
    elif e2e is not None:
        add("end to end", f"not measured: {e2e}", "0 errors", False)

    for backend in ("moto", "dynamodb-local"):
        bulk = results.get(f"bulk-{backend}")
        if isinstance(bulk, dict) and "rows_per_second" in bulk:
            partial = (
                ""
                if bulk["rows_done"] == bulk["rows_in_file"]
                else f" (first {bulk['rows_done']} rows, then the time budget)"
            )
            add(
                f"bulk load, 20,000 candidates, {backend}",
                f"{bulk['rows_per_second']:.0f} rows/s{partial}, {bulk['seconds']:.0f} s",
                "-",
                None,
            )
        elif bulk is not None:
            add(f"bulk load, {backend}", f"not measured: {bulk}", "-", False)

    webhooks = results.get("webhooks")
    if isinstance(webhooks, dict) and "costs" in webhooks:
        _webhook_rows(webhooks, add)
    elif webhooks is not None:
        add("webhooks", f"not measured: {webhooks}", "-", False)

    add("make bench runtime", f"{runtime_s:.0f} s", f"< {RUNTIME_S} s", runtime_s < RUNTIME_S)
    return out


def _webhook_rows(webhooks: dict[str, Any], add: Any) -> None:
    for backend in ("dynamodb-local", "moto"):
        served = webhooks.get(backend) or {}
        lat = served.get("latency")
        if isinstance(lat, dict) and lat.get("delivered"):
            add(
                f"webhooks: a write to its delivery, local server on {backend}",
                f"p50 {lat['p50_ms']:.0f} ms, p99 {lat['p99_ms']:.0f} ms ({lat['delivered']} of {lat['writes']} "
                f"creates one at a time; the POST alone p50 {lat['write_p50_ms']:.0f} ms)",
                f"p50 < {WEBHOOK_P50_MS} ms, p99 < {WEBHOOK_P99_MS} ms, none lost",
                lat["p50_ms"] < WEBHOOK_P50_MS
                and lat["p99_ms"] < WEBHOOK_P99_MS
                and lat["delivered"] == lat["writes"]
                and not lat["errors"],
            )
        elif backend in webhooks:
            add(f"webhooks: a write to its delivery, {backend}", f"not measured: {served}", "-", False)
        fan = served.get("fan_out")
        if isinstance(fan, dict) and "deliveries_per_second" in fan:
            partial = "" if fan["complete"] else f", then the {fan['seconds']:.0f} s bound"
            add(
                f"webhooks: deliveries per second to {fan['receivers']} receivers, {backend}",
                f"{fan['deliveries_per_second']:.0f}/s ({fan['delivered']} of {fan['expected']} in "
                f"{fan['seconds']:.0f} s{partial}; the {fan['writes']} creates took {fan['writes_seconds']:.0f} s)",
                f"≥ {WEBHOOK_RATE}/s, all delivered",
                fan["deliveries_per_second"] >= WEBHOOK_RATE and fan["complete"] and not fan["errors"],
            )
    checked = [
        (part["deliveries"], part["verified"])
        for served in (webhooks.get("dynamodb-local") or {}, webhooks.get("moto") or {})
        for part in served.values()
        if isinstance(part, dict) and "verified" in part
    ]
    if checked:
        got, good = sum(n for n, _ in checked), sum(v for _, v in checked)
        add("webhooks: deliveries whose signature standardwebhooks verifies", f"{good} of {got}", "all", good == got)
    costs = webhooks["costs"]
    added = sorted({r["requests_added"] for r in costs})
    items = "; ".join(f"{r['resource']} {r['operation']} +{r['items_added']}" for r in costs)
    add(
        "webhooks: DynamoDB requests a write adds by producing its events",
        f"{', '.join(map(str, added))} (items written: {items})",
        "0 requests; 1 item per event",
        added == [0] and all(r["items_added"] == r["events"] for r in costs),
    )


def _by_design(row: dict[str, Any]) -> bool:
    return row["function"] == "examResults" and row["operation"] in ("create", "replace", "patch", "batch")


def _shape(requests: dict[str, int]) -> str:
    return " + ".join(f"{n} {op}" for op, n in requests.items())


def table(figures: list[dict[str, str]]) -> str:
    lines = ["| figure | value | target | status |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['figure']} | {r['value']} | {r['target']} | {r['status']} |" for r in figures]
    return "\n".join(lines)


def text_table(figures: list[dict[str, str]]) -> str:
    widths = [max(len(r[k]) for r in figures) for k in ("figure", "value", "target")]
    widths = [min(w, limit) for w, limit in zip(widths, (62, 110, 34), strict=True)]
    lines = []
    for r in figures:
        lines.append(
            f"{r['status']:4}  {r['figure'][: widths[0]]:<{widths[0]}}  {r['value'][: widths[1]]:<{widths[1]}}  "
            f"{r['target'][: widths[2]]}"
        )
    return "\n".join(lines)


def details(results: dict[str, Any]) -> str:
    """The per-handler, per-route and per-section figures below the table."""
    parts = []
    cold = results.get("cold")
    if isinstance(cold, dict) and "handlers" in cold:
        lines = [
            "| process | first request done (median) | of which import | p25-p75 | min-max | process wall | x floor |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, h in cold["handlers"].items():
            lines.append(
                f"| {name} | {h['median_ms']:.0f} ms | {h['import_median_ms']:.0f} ms | "
                f"{h['p25_ms']:.0f}-{h['p75_ms']:.0f} | "
                f"{h['min_ms']:.0f}-{h['max_ms']:.0f} | {h['process_wall_median_ms']:.0f} ms | {h['ratio']:.2f} |"
            )
        parts.append(f"#### Cold start ({cold['runs']} fresh processes each)\n\n" + "\n".join(lines))
        nb = cold.get("without_bytecode") or {}
        if nb:
            parts.append(
                f"Without bytecode for anything outside the standard library (a bundle without .pyc on a "
                f"read-only /var/task), median of {nb['runs']}: floor {nb['floor']:.0f} ms, exams {nb['exams']:.0f} ms."
            )
        profiles = [(cold["slowest"], "slowest", cold["importtime"])]
        if cold.get("importtime_api") and cold.get("slowest_api") != cold["slowest"]:
            profiles.append((cold["slowest_api"], "slowest API handler", cold["importtime_api"]))
        for name, why, it in profiles:
            lines = ["| module | cumulative | self |", "| --- | --- | --- |"]
            lines += [
                f"| {e['module']} | {e['cumulative_ms']:.1f} ms | {e['self_ms']:.1f} ms |" for e in it["top_cumulative"]
            ]
            packages = ", ".join(f"{k} {v:.0f} ms" for k, v in it["by_package_ms"].items())
            parts.append(
                f"#### `python -X importtime`: {name} ({why})\n\n"
                f"Import {it['import_ms']:.0f} ms, first request done at {it['total_ms']:.0f} ms "
                f"(importtime's own overhead included). Top imports by cumulative time:\n\n"
                + "\n".join(lines)
                + f"\n\nOwn time by top-level package: {packages}."
            )
    warm = results.get("warm")
    if isinstance(warm, dict) and "routes" in warm:
        lines = [
            "| route (exams) | p50 | p99 | mean | samples | DynamoDB calls | engine call alone (p50) "
            "| of which botocore (p50) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, r in warm["routes"].items():
            lines.append(
                f"| {name} | {r['p50_us']:.0f} µs | {r['p99_us']:.0f} µs | {r['mean_us']:.0f} µs | {r['samples']} | "
                f"{', '.join(r['dynamodb_calls'])} | {r.get('engine_p50_us', 0):.0f} µs | {r['sdk_p50_us']:.0f} µs |"
            )
        parse = warm.get("query_parse")
        if parse:
            lines.append(
                f"\nNot in these figures (the Stubber hands botocore an already parsed answer): parsing a real "
                f"Query answer of {parse['items']} exams takes botocore's own parser "
                f"{parse['botocore_parse_ms']:.1f} ms and the store's (shared.dynamodb_parser) "
                f"{parse.get('store_parse_ms', float('nan')):.1f} ms; json.loads of the same body "
                f"{parse['json_loads_ms']:.1f} ms, the store's deserialize {parse['store_deserialize_ms']:.1f} ms."
            )
        parts.append("#### Warm overhead (Stubber answers DynamoDB)\n\n" + "\n".join(lines))
    counts = results.get("counts")
    if isinstance(counts, dict) and "rows" in counts:
        lines = ["| function | operation | route | DynamoDB requests |", "| --- | --- | --- | --- |"]
        for r in counts["rows"]:
            lines.append(
                f"| {r['function']} | {r['operation']} | `{r['method']} {r['path']}` | {_shape(r['requests'])} |"
            )
        parts.append("#### DynamoDB requests per route\n\n" + "\n".join(lines))
    scaling = results.get("scaling")
    if isinstance(scaling, dict) and "lists" in scaling:
        parts.append(
            f"#### Scaling\n\n{scaling['items']:,} items written with BatchWriteItem in "
            f"{scaling['load_seconds']:.0f} s "
            f"({scaling['load_items_per_second']:,} items/s). List pages (limit 100), medians of "
            f"{next(iter(scaling['lists'].values()))['samples']} each:\n\n"
            + "\n".join(
                f"- {case}: handler {v['small_1000_ms']:.1f} ms (1,000) vs {v['big_50000_ms']:.1f} ms (50,000), "
                f"p90 {v['small_p90_ms']:.1f} vs {v['big_p90_ms']:.1f} ms; DynamoDB Local's own answer "
                f"{v['dynamodb_local_small_ms']:.1f} vs {v['dynamodb_local_big_ms']:.1f} ms "
                f"({v['dynamodb_local_ratio']:.2f}x)"
                for case, v in scaling["lists"].items()
            )
            + f"\n- batch: {scaling['batch']['operations']} patches one by one "
            f"{scaling['batch']['one_by_one_s']:.2f} s, "
            f"as one batch {scaling['batch']['batch_s']:.2f} s (medians of {scaling['batch']['rounds']})"
        )
    e2e = results.get("e2e")
    if isinstance(e2e, dict) and "rps" in e2e:
        by_op = ", ".join(f"{k} {v['count']} (p50 {v['p50_ms']} ms)" for k, v in e2e["by_operation"].items())
        parts.append(f"#### End to end\n\n{e2e['requests']} requests in {e2e['seconds']} s: {by_op}.")
    webhooks = results.get("webhooks")
    if isinstance(webhooks, dict) and "costs" in webhooks:
        lines = [
            "| write | events | with events | without (emits_events off) | requests added | items added |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for r in webhooks["costs"]:
            on, off = r["with_events"], r["without_events"]
            lines.append(
                f"| {r['resource']} {r['operation']} | {r['events']} | {_shape(on['requests'])}; {on['items']} items "
                f"| {_shape(off['requests'])}; {off['items']} items | {r['requests_added']} | {r['items_added']} |"
            )
        parts.append("#### Webhooks: what producing events costs a write\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def write(
    results: dict[str, Any], runtime_s: float, started_at: str, load: dict[str, list[float]]
) -> list[dict[str, str]]:
    figures = rows(results, runtime_s)
    document = {
        "date": started_at,
        "machine": machine(),
        "load_average": load,
        "runtime_s": round(runtime_s, 1),
        "figures": figures,
        "sections": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    scratch = RESULTS.with_suffix(".json.tmp")
    scratch.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    scratch.replace(RESULTS)
    _update_doc(document)
    return figures


def _update_doc(document: dict[str, Any]) -> None:
    m = document["machine"]
    load = document["load_average"]
    block = (
        f"{BEGIN}\n"
        f"Run of {document['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, {m['system']}, "
        f"Python {m['python']}; `make bench` took {document['runtime_s']:.0f} s. Load average "
        f"{load.get('start')} at the start, {load.get('end')} at the end (other work on the machine "
        f"widens the spreads).\n\n" + table(document["figures"]) + "\n\n" + details(document["sections"]) + f"\n{END}"
    )
    text = DOC.read_text() if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Latest results\n\n{BEGIN}\n{END}\n"
    text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _m: block, text, flags=re.DOTALL)
    DOC.write_text(text)
