"""The export worker: every record of a resource (or those in its export window) into one CSV or
NDJSON file, staged on local disk so memory stays flat whatever the count."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from typing import Any

from shared import csvio, engine, files, keys, paging
from shared.auth import Caller
from shared.bulk.jobs import EXPORT, FORMATS, finish_job, job_caller, job_of_file, set_job


def _records(spec: engine.ResourceSpec, caller: Caller, filters: dict[str, str]) -> Iterator[dict[str, Any]]:
    if not filters or spec.export_window is None:
        yield from paging.walk(lambda token: engine.list_page(spec, caller, 1000, token))
        return
    window = spec.index(spec.export_window)
    low, high = filters.get("completedSince", ""), filters.get("completedBefore", "~")
    pages = paging.walk(
        lambda token: engine.query_index(spec, caller, window.name, None, 1000, token, sk_between=(low, high))
    )
    time_field = window.time_field or ""
    yield from (i for i in pages if "completedBefore" not in filters or keys.utc_key(i[time_field]) < high)


def run_export(key: str) -> str:
    found = job_of_file(key, EXPORT)
    if found is None or found.job["status"] != "queued":
        return "ignored"
    parts, spec, job_key, job = found
    caller = job_caller(parts.tenant, job)
    set_job(job_key, {"status": "processing", "started_at": engine.now_iso()})
    resource = parts.resource
    result_key = keys.export_folder(parts.tenant, resource, parts.job_id) + f"{resource}.{job['format']}"
    count, columns = 0, {}
    with tempfile.TemporaryDirectory() as work:
        staged = os.path.join(work, "records.ndjson")
        with open(staged, "w", encoding="utf-8") as out:
            for record in _records(spec, caller, job.get("filter") or {}):
                count += 1
                if job["format"] == "csv":
                    row = csvio.flatten(record, spec.model, spec.keyed_lists)
                    columns.update(dict.fromkeys(row))
                    out.write(json.dumps(row) + "\n")
                else:
                    out.write(json.dumps(record) + "\n")
        final = staged
        if job["format"] == "csv":
            final = os.path.join(work, f"{resource}.csv")
            with open(staged, encoding="utf-8") as rows, open(final, "w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=csvio.column_order(columns, spec.model))
                writer.writeheader()
                for line in rows:
                    writer.writerow(json.loads(line))
        files.upload_file(final, result_key, FORMATS[job["format"]], files.EXPORT_RETENTION)
    done: dict[str, Any] = {
        "status": "completed",
        "finished_at": engine.now_iso(),
        "total": count,
        "result_key": result_key,
    }
    finish_job(parts.tenant, job_key, EXPORT, done)
    return "exported"
