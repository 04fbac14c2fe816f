"""The load worker: stream a source file, validate each row with the resource's own model and
integrity rules, write good rows in transactions, report bad rows in `errors.ndjson` beside the
source, and checkpoint after every chunk so a cut-off run resumes without writing a row twice."""

from __future__ import annotations

import codecs
import csv
import json
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from shared import csvio, engine, files, keys, paging, store
from shared.auth import Caller
from shared.bulk.jobs import FINAL, LOAD, finish_job, job_caller, job_of_file, set_job
from shared.bulk.writes import MAX_TRANSACTION_ITEMS, RecordExists, create_many, operations_for, replace, row_id
from shared.errors import ApiError, BadRequest, NotFound, field_error

CHUNK_ROWS = 100
LEASE_SECONDS = 45  # renewed after every chunk; shorter than S3's first retry of a failed delivery
STOP_WITH_MS_LEFT = 60_000  # leave a minute to checkpoint before Lambda's timeout
ERROR_RETENTION_SECONDS = 90 * 86400

Row = tuple[int, dict[str, Any] | ApiError]  # (record no, the row or why it cannot be read)


class JobBusy(Exception):
    """Another invocation is working on the job."""


class TimeBudgetExhausted(Exception):
    """Raised to end an invocation early: the notification is delivered again and the load resumes."""


def _lease(key: keys.Key, owner: str) -> bool:
    return store.take_lease(key, owner, LEASE_SECONDS)


def rows(stream: Any, file_format: str) -> Iterator[Row]:
    """(record_no, row or the error that makes it unreadable); record_no counts data records from 1."""
    text = codecs.getreader("utf-8-sig")(stream)
    if file_format == "csv":
        reader = csv.DictReader(text)
        for number, row in enumerate(reader, start=1):
            if None in row:
                yield number, BadRequest("the row has more cells than the header has columns")
            else:
                yield number, row
        return
    number = 0
    for line in text:
        if not line.strip():
            continue
        number += 1
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):  # not JSON, or nested past any limit
            yield number, BadRequest("the line is not JSON")
            continue
        yield number, value if isinstance(value, dict) else BadRequest("each line must be a JSON object")


class _Load:
    """One invocation's pass over a job's source file."""

    def __init__(
        self, spec: engine.ResourceSpec, job: dict[str, Any], job_key: keys.Key, source: keys.FileKey, bucket: str
    ):
        self.spec, self.job, self.job_key = spec, job, job_key
        self.caller: Caller = job_caller(source.tenant, job)
        self.owner = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "") + f":{os.getpid()}:{time.time()}"
        self.counts = {name: int(job.get(name, 0)) for name in ("total", "succeeded", "failed")}
        self.stamps = {
            "sys_bulk_load_id": job["id"],
            "sys_bulk_load_pk": keys.job_reference(job_key),
            "sys_bulk_load_source_file": f"s3://{bucket}/{job['source_key']}",
        }

    def finish(self, status: str, **fields: Any) -> None:
        final = {"status": status, "finished_at": engine.now_iso(), **self.counts, **fields}
        finish_job(self.caller.tenant, self.job_key, LOAD, final)

    def chunk(self, chunk: list[Row]) -> int:
        """Write one chunk and checkpoint it; returns the last record number done."""
        errors = self._write(chunk)
        if errors:
            store.batch_put(
                [
                    {
                        **keys.load_error_key(self.job_key, n),
                        "record_no": n,
                        "errors": _problem_entries(e),
                        "expires_at": int(time.time()) + ERROR_RETENTION_SECONDS,
                    }
                    for n, e in errors.items()
                ]
            )
        last = chunk[-1][0]
        self.counts["total"] += len(chunk)
        self.counts["failed"] += len(errors)
        self.counts["succeeded"] += len(chunk) - len(errors)
        set_job(self.job_key, {"_checkpoint": last, **self.counts})
        _lease(self.job_key, self.owner)
        return last

    def _write(self, chunk: list[Row]) -> dict[int, ApiError]:
        spec, caller, job_id = self.spec, self.caller, self.job["id"]
        errors: dict[int, ApiError] = {}
        valid: list[tuple[int, dict[str, Any], str | None]] = []  # (record_no, data, id given)
        for number, raw in chunk:
            if isinstance(raw, ApiError):
                errors[number] = raw
                continue
            data = csvio.unflatten(raw, spec.keyed_lists, spec.model) if self.job["format"] == "csv" else raw
            given_id = data.get("id") if isinstance(data.get("id"), str) else None
            try:
                valid.append((number, engine.validate(spec, data), given_id))
            except ApiError as error:
                errors[number] = error

        tenant = caller.tenant

        def lookup(data: dict[str, Any], given_id: str | None) -> keys.Key | None:
            """What tells whether the row replaces a record: the record its id names, or its external id's claim."""
            if given_id:
                return keys.record_key(tenant, spec.name, given_id)
            if data.get("sys_external_id"):
                return keys.unique_key(tenant, spec.name, "sys_external_id", data["sys_external_id"])
            return None

        lookups = [lookup(data, given_id) for _, data, given_id in valid]  # all read in one request
        fetched = iter(store.batch_get([key for key in lookups if key]))
        existing = [next(fetched) if key else None for key in lookups]
        now = engine.now_iso()
        creates, replaces = [], []
        for (number, data, given_id), item in zip(valid, existing, strict=True):
            stamps = {**self.stamps, "sys_bulk_load_at": now, "sys_bulk_load_record_no": number}
            if given_id:
                if item:
                    replaces.append((number, given_id, data, stamps))
                else:
                    errors[number] = NotFound(
                        f"no {spec.label} record has this id",
                        [field_error("id", "no such record", "not-found")],
                    )
                continue
            if item:  # the external id's claim
                replaces.append((number, item["owner"], data, stamps))
            else:
                creates.append((number, row_id(job_id, number), data, stamps))

        for number, record_id, data, stamps in replaces:
            try:
                replace(spec, caller, record_id, data, stamps)
            except ApiError as error:
                errors[number] = error
        for pack in _packs(spec, creates):
            try:
                create_many(spec, caller, [(record_id, data, stamps) for _, record_id, data, stamps in pack])
            except Exception:
                for number, record_id, data, stamps in pack:
                    try:
                        engine.create(spec, caller, data, record_id, stamps)
                    except RecordExists:
                        stored = store.get(keys.record_key(tenant, spec.name, record_id), consistent=True) or {}
                        if stored.get("sys_bulk_load_id") != job_id:
                            errors[number] = RecordExists("a record with this id already exists")
                    except ApiError as error:
                        errors[number] = error
        return errors


def run_load(bucket: str, key: str, remaining_ms: Callable[[], int]) -> str:
    found = job_of_file(key, LOAD)
    if found is None or found.job.get("source_key") != key:
        return "ignored"
    parts, spec, job_key, job = found
    if job["status"] in FINAL:
        return "already done"
    load = _Load(spec, job, job_key, parts, bucket)
    if not _lease(job_key, load.owner):
        # Fail the invocation so Lambda delivers the notification again once the lease has expired.
        raise JobBusy(f"another worker holds bulk load {parts.job_id}")
    checkpoint = int(job.get("_checkpoint", 0))
    if job["status"] == "awaiting_upload":
        # A presigned upload carries no tags (plain PUT); tag it for expiry before the first pass.
        files.tag(key, files.BULK_LOAD_RETENTION, bucket)
    set_job(job_key, {"status": "processing", "started_at": job.get("started_at") or engine.now_iso()})
    records = 0  # data records in the file (not only those this invocation loads)
    try:
        chunk: list[Row] = []
        for number, row in rows(files.open_stream(key, bucket), job["format"]):
            records = number
            if number <= checkpoint:
                continue
            chunk.append((number, row))
            if len(chunk) >= CHUNK_ROWS:
                checkpoint = load.chunk(chunk)
                chunk = []
                if remaining_ms() < STOP_WITH_MS_LEFT:
                    set_job(job_key, {"_lease_until": 0})
                    raise TimeBudgetExhausted(f"stopped at record {checkpoint}; the next delivery resumes")
        if chunk:
            checkpoint = load.chunk(chunk)
    except (UnicodeDecodeError, csv.Error) as error:
        # Said in our words: Python's message quotes the offending bytes.
        why = "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else "it is not valid CSV"
        load.finish("failed", error=f"the file cannot be read: {why}")
        return "failed"
    if not records:  # an empty file, a CSV header alone, blank lines: nothing was loaded, so no success
        load.finish("failed", error="the file holds no data records")
        return "failed"
    if load.counts["failed"]:
        load.finish("completed_with_errors", error_report_key=_write_error_report(job_key, key))
    else:
        load.finish("completed")
    return "loaded"


def _problem_entries(error: ApiError) -> list[dict[str, Any]]:
    problem = error.to_problem()
    if problem.get("errors"):
        return [{**e, "status": problem["status"]} for e in problem["errors"]]
    return [{"field": "(row)", "message": problem["detail"], "code": error.code, "status": problem["status"]}]


# A row to create: (record number, id, data, stamps).
_Create = tuple[int, str, dict[str, Any], dict[str, Any]]


def _packs(spec: engine.ResourceSpec, creates: list[_Create]) -> Iterator[list[_Create]]:
    """Groups of rows whose operations fit one transaction (one kept for the count)."""
    pack: list[_Create] = []
    size = 0
    for row in creates:
        needed = operations_for(spec, row[2])
        if pack and size + needed > MAX_TRANSACTION_ITEMS - 1:
            yield pack
            pack, size = [], 0
        pack.append(row)
        size += needed
    if pack:
        yield pack


def _write_error_report(job_key: keys.Key, source_key: str) -> str:
    entries = paging.walk(lambda token: store.query_page(keys.load_errors_pk(job_key), 1000, token))
    lines = [json.dumps({"record_no": i["record_no"], "errors": i["errors"]}) for i in entries]
    report_key = source_key.rsplit("/", 1)[0] + "/" + keys.ERROR_REPORT
    files.put(report_key, ("\n".join(lines) + "\n").encode(), "application/x-ndjson", files.BULK_LOAD_RETENTION)
    return report_key
