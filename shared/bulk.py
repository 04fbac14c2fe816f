"""Bulk loads and exports through S3.

A job is an item beside the tenant's data. A load's source file lands at
`<tenant>/bulk-loads/<resource>/<jobId>/<file_name>`; the S3 notification runs `run_load`, which
streams the file, validates each row with the resource's own model and integrity rules, writes
good rows in transactions, reports bad rows in `errors.ndjson` beside the source, and checkpoints
after every chunk so a cut-off run resumes where it stopped without writing a row twice.
An export writes `<tenant>/exports/<resource>/<jobId>/request.json`; its notification runs
`run_export`, which writes the file beside it."""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared import csvio, engine, files, paging, store
from shared.auth import Caller
from shared.errors import ApiError, BadRequest, NotFound, PayloadTooLarge, field_error, pydantic_errors
from shared.resources import BULK_RESOURCES

# An inline file travels in the Lambda's event, which a synchronous invocation caps at
# LAMBDA_EVENT_LIMIT bytes of JSON. API Gateway puts the body there as a JSON string, and escaping
# can make one byte six (a control character or an invalid UTF-8 byte becomes `\u00XX`/`\ufffd`;
# base64, for binary types, is only 4/3). So the cap is a sixth of the limit, less what the rest of
# the event can take (headers and request line, at most 10,240 bytes, each field escaped and some
# repeated): any body up to the cap reaches the function, whatever it holds.
LAMBDA_EVENT_LIMIT = 6_291_456
MAX_INLINE_BYTES = 1_000_000
MAX_UPLOAD_BYTES = 1024**3
CHUNK_ROWS = 100
LEASE_SECONDS = 45  # renewed after every chunk; shorter than S3's first retry of a failed delivery
STOP_WITH_MS_LEFT = 60_000  # leave a minute to checkpoint before Lambda's timeout
ERROR_REPORT = "errors.ndjson"
FORMATS = {"csv": "text/csv", "ndjson": "application/x-ndjson"}
FINAL = ("completed", "completed_with_errors", "failed")


class LoadRequest(BaseModel):
    """Start a load whose file is uploaded to a presigned URL (up to 1 GB)."""

    model_config = ConfigDict(extra="forbid")

    format: str = Field(pattern="^(csv|ndjson)$")
    file_name: str = Field(min_length=1, max_length=200, pattern=r"^[\w][\w .()-]*$")


class ExportFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    completedSince: str | None = None
    completedBefore: str | None = None


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str = Field(pattern="^(csv|ndjson)$")
    filter: ExportFilter | None = None


# ---- jobs -------------------------------------------------------------------------------------------


def _job_key(tenant: str, resource: str, kind: str, job_id: str) -> dict[str, str]:
    return {"pk": f"{tenant}#_jobs#{resource}", "sk": f"{kind}#{job_id}"}


def _source_prefix(tenant: str, resource: str, job_id: str) -> str:
    return f"{tenant}/bulk-loads/{resource}/{job_id}/"


def _export_prefix(tenant: str, resource: str, job_id: str) -> str:
    return f"{tenant}/exports/{resource}/{job_id}/"


def _new_job(caller: Caller, resource: str, kind: str, **fields: Any) -> dict[str, Any]:
    job_id = engine.new_id()
    job = {
        "id": job_id,
        "total": 0,
        **({"succeeded": 0, "failed": 0} if kind == "bulk" else {}),
        "resource": resource,
        "created_at": engine.now_iso(),
        "created_by_id": caller.key_id,
        "_created_by_role": caller.role,
        **fields,
    }
    store.write([store.put_new({**_job_key(caller.tenant, resource, kind, job_id), **job})])
    return job


def start_load(spec: engine.ResourceSpec, caller: Caller, content_type: str, body: bytes) -> dict[str, Any]:
    """The body is the file itself (CSV or NDJSON, up to MAX_INLINE_BYTES), or a JSON `LoadRequest`."""
    media = content_type.split(";")[0].strip().lower()
    if media in ("text/csv", "application/x-ndjson", "application/ndjson"):
        if len(body) > MAX_INLINE_BYTES:
            raise PayloadTooLarge(
                f"inline files are limited to {MAX_INLINE_BYTES:,} bytes; request an upload URL instead",
                [field_error("body", f"at most {MAX_INLINE_BYTES:,} bytes inline", "too_large")],
            )
        file_format = "csv" if media == "text/csv" else "ndjson"
        file_name = f"upload.{file_format}"
        job = _new_job(caller, spec.name, "bulk", status="processing", format=file_format, file_name=file_name)
        job["source_key"] = _source_prefix(caller.tenant, spec.name, job["id"]) + file_name
        _set_job(caller.tenant, spec.name, job["id"], {"source_key": job["source_key"]})
        files.put(job["source_key"], body, FORMATS[file_format], files.BULK_LOAD_RETENTION)
        return _public_job(job)
    try:
        request = LoadRequest.model_validate_json(body or b"{}")
    except ValidationError as error:
        raise BadRequest("send a CSV or NDJSON file, or {format, file_name}", pydantic_errors(error.errors())) from None
    if request.file_name == ERROR_REPORT:
        raise BadRequest("that file name is reserved", [field_error("file_name", "reserved", "reserved")])
    job = _new_job(
        caller, spec.name, "bulk", status="awaiting_upload", format=request.format, file_name=request.file_name
    )
    job["source_key"] = _source_prefix(caller.tenant, spec.name, job["id"]) + request.file_name
    _set_job(caller.tenant, spec.name, job["id"], {"source_key": job["source_key"]})
    return {
        **_public_job(job),
        "upload_url": files.presigned_put(job["source_key"]),
        "upload_method": "PUT",
        "upload_expires_in": files.PRESIGN_SECONDS,
        "max_upload_bytes": MAX_UPLOAD_BYTES,
    }


def _set_job(tenant: str, resource: str, job_id: str, fields: dict[str, Any], kind: str = "bulk") -> None:
    store.write([store.set_attributes(_job_key(tenant, resource, kind, job_id), fields)])


def _public_job(job: dict[str, Any]) -> dict[str, Any]:
    out = store.public(job)
    out.pop("source_key", None)
    out.pop("result_key", None)
    return out


def get_job(spec: engine.ResourceSpec, caller: Caller, kind: str, job_id: str) -> dict[str, Any]:
    job = store.get(_job_key(caller.tenant, spec.name, kind, job_id), consistent=True)
    if job is None:
        raise NotFound(f"no {kind} job has this id")
    out = _public_job(job)
    if kind == "bulk" and job.get("error_report_key"):
        out["error_report_url"] = files.presigned_get(job["error_report_key"])
    if kind == "export" and job.get("result_key"):
        out["download_url"] = files.presigned_get(job["result_key"])
    out.pop("error_report_key", None)
    return out


def list_jobs(spec: engine.ResourceSpec, caller: Caller, kind: str, limit: int, token: str | None):
    """Jobs newest first (job ids sort by creation)."""
    from shared import paging

    pk = f"{caller.tenant}#_jobs#{spec.name}"
    scope = f"{caller.tenant}/{spec.name}/jobs/{kind}"
    start = paging.decode(scope, token) if token else None
    if start is not None and start.get("pk") != pk:
        raise BadRequest("exclusiveStartKey does not belong to this list")
    items, last = store.query_page(pk, limit, start, forward=False, sk_between=(f"{kind}#", f"{kind}#~"))
    jobs = [{k: v for k, v in _public_job(i).items() if k != "error_report_key"} for i in items]
    return jobs, (paging.encode(scope, last) if last else None)


def start_export(spec: engine.ResourceSpec, caller: Caller, body: bytes) -> dict[str, Any]:
    try:
        request = ExportRequest.model_validate_json(body or b"{}")
    except ValidationError as error:
        raise BadRequest("the export request is not valid", pydantic_errors(error.errors())) from None
    filters = request.filter.model_dump(exclude_none=True) if request.filter else {}
    for name, value in filters.items():
        if spec.name != "examResults":
            raise BadRequest(
                f"{spec.name} exports take no filter", [field_error(f"filter.{name}", "not supported", "invalid")]
            )
        try:
            filters[name] = engine.utc_key(value)
        except ValueError:
            raise BadRequest(
                "filters are ISO 8601 date-times with an offset",
                [field_error(f"filter.{name}", "not a date-time with offset", "invalid")],
            ) from None
    job = _new_job(caller, spec.name, "export", status="queued", format=request.format, filter=filters)
    files.put(
        _export_prefix(caller.tenant, spec.name, job["id"]) + "request.json",
        json.dumps(job).encode(),
        "application/json",
        files.EXPORT_RETENTION,
    )
    return _public_job(job)


# ---- the worker: S3 notifications -------------------------------------------------------------------


def handle_object_created(bucket: str, key: str, remaining_ms: Callable[[], int]) -> str:
    """Route one ObjectCreated notification; returns what was done (for logs and tests)."""
    parts = key.split("/")
    if len(parts) == 5 and parts[1] == "bulk-loads" and parts[4] != ERROR_REPORT:
        return run_load(bucket, key, remaining_ms)
    if len(parts) == 5 and parts[1] == "exports" and parts[4] == "request.json":
        return run_export(key)
    return "ignored"


class JobBusy(Exception):
    """Another invocation is working on the job."""


class TimeBudgetExhausted(Exception):
    """Raised to end an invocation early: the notification is delivered again and the load resumes."""


def _lease(key: dict[str, str], owner: str) -> bool:
    return store.take_lease(key, owner, LEASE_SECONDS)


def _rows(stream: Any, file_format: str) -> Iterator[tuple[int, dict[str, Any] | ApiError]]:
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


def bulk_record_id(job_id: str, record_no: int) -> str:
    """The id a created row gets: derived, so a resumed load recognises rows it already wrote."""
    digest = hashlib.sha256(f"{job_id}:{record_no}".encode()).digest()
    value = int.from_bytes(digest[:10], "big")
    return job_id[:10] + "".join(engine.CROCKFORD[(value >> shift) & 31] for shift in range(75, -1, -5))


def run_load(bucket: str, key: str, remaining_ms: Callable[[], int]) -> str:
    tenant, _, resource, job_id, _file_name = key.split("/")
    spec = BULK_RESOURCES.get(resource)
    job_key = _job_key(tenant, resource, "bulk", job_id)
    job = store.get(job_key, consistent=True) if spec else None
    if spec is None or job is None or job.get("source_key") != key:
        return "ignored"
    if job["status"] in FINAL:
        return "already done"
    owner = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "") + f":{os.getpid()}:{time.time()}"
    if not _lease(job_key, owner):
        # Fail the invocation so Lambda delivers the notification again once the lease has expired.
        raise JobBusy(f"another worker holds bulk load {job_id}")
    caller = Caller(tenant=tenant, role=job.get("_created_by_role", "client"), key_id=job["created_by_id"])
    checkpoint = int(job.get("_checkpoint", 0))
    counts = {
        "total": int(job.get("total", 0)),
        "succeeded": int(job.get("succeeded", 0)),
        "failed": int(job.get("failed", 0)),
    }
    if job["status"] == "awaiting_upload":
        # A presigned upload carries no tags (plain PUT); tag it for expiry before the first pass.
        files.tag(key, files.BULK_LOAD_RETENTION, bucket)
    _set_job(
        tenant, resource, job_id, {"status": "processing", "started_at": job.get("started_at") or engine.now_iso()}
    )
    stamps_base = {
        "sys_bulk_load_id": job_id,
        "sys_bulk_load_pk": f"{job_key['pk']}|{job_key['sk']}",
        "sys_bulk_load_source_file": f"s3://{bucket}/{key}",
    }
    records = 0  # data records in the file (not only those this invocation loads)
    try:
        chunk: list[tuple[int, dict[str, Any] | ApiError]] = []
        for number, row in _rows(files.open_stream(key, bucket), job["format"]):
            records = number
            if number <= checkpoint:
                continue
            chunk.append((number, row))
            if len(chunk) >= CHUNK_ROWS:
                checkpoint = _load_chunk(
                    spec, caller, job_id, job_key, job["format"], chunk, stamps_base, counts, owner
                )
                chunk = []
                if remaining_ms() < STOP_WITH_MS_LEFT:
                    _set_job(tenant, resource, job_id, {"_lease_until": 0})
                    raise TimeBudgetExhausted(f"stopped at record {checkpoint}; the next delivery resumes")
        if chunk:
            checkpoint = _load_chunk(spec, caller, job_id, job_key, job["format"], chunk, stamps_base, counts, owner)
    except (UnicodeDecodeError, csv.Error) as error:
        # Said in our words: Python's message quotes the offending bytes.
        why = "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else "it is not valid CSV"
        _finish(tenant, resource, job_id, job_key, "failed", counts, error=f"the file cannot be read: {why}")
        return "failed"
    if not records:  # an empty file, a CSV header alone, blank lines: nothing was loaded, so no success
        _finish(tenant, resource, job_id, job_key, "failed", counts, error="the file holds no data records")
        return "failed"
    report = _write_error_report(tenant, resource, job_id, key) if counts["failed"] else None
    _finish(
        tenant,
        resource,
        job_id,
        job_key,
        "completed_with_errors" if counts["failed"] else "completed",
        counts,
        error_report_key=report,
    )
    return "loaded"


def _finish(tenant, resource, job_id, job_key, status, counts, error=None, error_report_key=None) -> None:
    fields = {"status": status, "finished_at": engine.now_iso(), **counts}
    if error:
        fields["error"] = error
    if error_report_key:
        fields["error_report_key"] = error_report_key
    store.write([store.set_attributes(job_key, fields)])


def _errors_pk(job_key: dict[str, str]) -> str:
    return f"{job_key['pk']}|{job_key['sk']}|errors"


def _load_chunk(
    spec: engine.ResourceSpec,
    caller: Caller,
    job_id: str,
    job_key: dict[str, str],
    file_format: str,
    chunk: list[tuple[int, dict[str, Any] | ApiError]],
    stamps_base: dict[str, Any],
    counts: dict[str, int],
    owner: str,
) -> int:
    """Write one chunk and checkpoint it; returns the last record number done."""
    errors: dict[int, ApiError] = {}
    rows: list[tuple[int, dict[str, Any], str | None]] = []  # (record_no, data, id given)
    for number, raw in chunk:
        if isinstance(raw, ApiError):
            errors[number] = raw
            continue
        data = csvio.unflatten(raw, spec.keyed_lists) if file_format == "csv" else raw
        given_id = data.get("id") if isinstance(data.get("id"), str) else None
        try:
            rows.append((number, engine.validate(spec, data), given_id))
        except ApiError as error:
            errors[number] = error

    tenant = caller.tenant

    def lookup(data: dict[str, Any], given_id: str | None) -> dict[str, str] | None:
        """What tells whether the row replaces a record: the record its id names, or its external id's claim."""
        if given_id:
            return store.record_key(tenant, spec.name, given_id)
        if data.get("sys_external_id"):
            return store.unique_key(tenant, spec.name, "sys_external_id", data["sys_external_id"])
        return None

    lookups = [lookup(data, given_id) for _, data, given_id in rows]  # all read in one request
    fetched = iter(store.batch_get([key for key in lookups if key]))
    existing = [next(fetched) if key else None for key in lookups]
    now = engine.now_iso()
    creates, replaces = [], []
    for (number, data, given_id), item in zip(rows, existing, strict=True):
        stamps = {**stamps_base, "sys_bulk_load_at": now, "sys_bulk_load_record_no": number}
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
            creates.append((number, bulk_record_id(job_id, number), data, stamps))

    for number, record_id, data, stamps in replaces:
        try:
            engine.replace_from_bulk(spec, caller, record_id, data, stamps)
        except ApiError as error:
            errors[number] = error
    for pack in _packs(spec, creates):
        try:
            engine.create_many(spec, caller, [(record_id, data, stamps) for _, record_id, data, stamps in pack])
        except Exception:
            for number, record_id, data, stamps in pack:
                try:
                    engine.create(spec, caller, data, record_id, stamps)
                except engine.RecordExists:
                    stored = store.get(store.record_key(tenant, spec.name, record_id), consistent=True) or {}
                    if stored.get("sys_bulk_load_id") != job_id:
                        errors[number] = engine.RecordExists("a record with this id already exists")
                except ApiError as error:
                    errors[number] = error

    if errors:
        pk = _errors_pk(job_key)
        store.batch_put(
            [
                {
                    "pk": pk,
                    "sk": f"{n:012d}",
                    "record_no": n,
                    "errors": _problem_entries(e),
                    "expires_at": int(time.time()) + 90 * 86400,
                }
                for n, e in errors.items()
            ]
        )
    last = chunk[-1][0]
    done = len(chunk)
    counts["total"] += done
    counts["failed"] += len(errors)
    counts["succeeded"] += done - len(errors)
    store.write([store.set_attributes(job_key, {"_checkpoint": last, **counts})])
    _lease(job_key, owner)
    return last


def _problem_entries(error: ApiError) -> list[dict[str, Any]]:
    problem = error.to_problem()
    if problem.get("errors"):
        return [{**e, "status": problem["status"]} for e in problem["errors"]]
    return [{"field": "(row)", "message": problem["detail"], "code": error.code, "status": problem["status"]}]


def _packs(spec: engine.ResourceSpec, creates: list) -> Iterator[list]:
    """Groups of rows whose operations fit one transaction (100, one kept for the count)."""
    pack: list = []
    size = 0
    for row in creates:
        needed = engine.operations_for(spec, row[2])
        if pack and size + needed > 99:
            yield pack
            pack, size = [], 0
        pack.append(row)
        size += needed
    if pack:
        yield pack


def _write_error_report(tenant: str, resource: str, job_id: str, source_key: str) -> str:
    job_key = _job_key(tenant, resource, "bulk", job_id)
    entries = paging.walk(lambda token: store.query_page(_errors_pk(job_key), 1000, token))
    lines = [json.dumps({"record_no": i["record_no"], "errors": i["errors"]}) for i in entries]
    report_key = source_key.rsplit("/", 1)[0] + "/" + ERROR_REPORT
    files.put(report_key, ("\n".join(lines) + "\n").encode(), "application/x-ndjson", files.BULK_LOAD_RETENTION)
    return report_key


# ---- exports ----------------------------------------------------------------------------------------


def _records(spec: engine.ResourceSpec, caller: Caller, filters: dict[str, str]) -> Iterator[dict[str, Any]]:
    if not filters:
        yield from paging.walk(lambda token: engine.list_page(spec, caller, 1000, token))
        return
    low, high = filters.get("completedSince", ""), filters.get("completedBefore", "~")
    pages = paging.walk(
        lambda token: engine.query_index(spec, caller, "gsi1", "completed", 1000, token, sk_between=(low, high))
    )
    yield from (i for i in pages if "completedBefore" not in filters or engine.utc_key(i["completed_at"]) < high)


def run_export(key: str) -> str:
    tenant, _, resource, job_id, _ = key.split("/")
    spec = BULK_RESOURCES.get(resource)
    job_key = _job_key(tenant, resource, "export", job_id)
    job = store.get(job_key, consistent=True) if spec else None
    if spec is None or job is None or job["status"] != "queued":
        return "ignored"
    caller = Caller(tenant=tenant, role=job.get("_created_by_role", "client"), key_id=job["created_by_id"])
    store.write([store.set_attributes(job_key, {"status": "processing", "started_at": engine.now_iso()})])
    result_key = _export_prefix(tenant, resource, job_id) + f"{resource}.{job['format']}"
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
    store.write(
        [
            store.set_attributes(
                job_key,
                {"status": "completed", "finished_at": engine.now_iso(), "total": count, "result_key": result_key},
            )
        ]
    )
    return "exported"
