"""The job API: start a bulk load or an export, read one job, list a resource's jobs."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared import engine, files, keys, store
from shared.auth import Caller
from shared.errors import BadRequest, NotFound, PayloadTooLarge, field_error, pydantic_errors
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
FORMATS = {"csv": "text/csv", "ndjson": "application/x-ndjson"}
FINAL = ("completed", "completed_with_errors", "failed")
LOAD, EXPORT = "bulk", "export"  # job kinds


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


def _new_job(caller: Caller, resource: str, kind: str, **fields: Any) -> dict[str, Any]:
    job_id = engine.new_id()
    job = {
        "id": job_id,
        "total": 0,
        **({"succeeded": 0, "failed": 0} if kind == LOAD else {}),
        "resource": resource,
        "created_at": engine.now_iso(),
        "created_by_id": caller.key_id,
        "_created_by_role": caller.role,
        **fields,
    }
    store.write([store.put_new({**keys.job_key(caller.tenant, resource, kind, job_id), **job})])
    return job


class FileJob(NamedTuple):
    """The job a tenant file belongs to."""

    file: keys.FileKey
    spec: engine.ResourceSpec
    key: keys.Key
    job: dict[str, Any]


def job_of_file(file_key: str, kind: str) -> FileJob | None:
    """The job of `kind` whose folder holds `file_key`, or None (no such resource or job)."""
    parts = keys.parse_file_key(file_key)
    spec = BULK_RESOURCES.get(parts.resource) if parts else None
    if parts is None or spec is None:
        return None
    key = keys.job_key(parts.tenant, parts.resource, kind, parts.job_id)
    job = store.get(key, consistent=True)
    return FileJob(parts, spec, key, job) if job else None


def job_caller(tenant: str, job: dict[str, Any]) -> Caller:
    """The worker acts as the key that started the job."""
    return Caller(tenant=tenant, role=job.get("_created_by_role", "client"), key_id=job["created_by_id"])


def set_job(key: keys.Key, fields: dict[str, Any]) -> None:
    store.write([store.set_attributes(key, fields)])


def finish_job(tenant: str, key: keys.Key, kind: str, fields: dict[str, Any]) -> None:
    """Set a job's final fields and, in the same transaction, its `bulkLoads.finished` or
    `exports.finished` event carrying the job as its GET then returns it."""
    from shared import events

    finished = {**(store.get(key, consistent=True) or {}), **fields}
    event_type = next(name for name, job_kind in events.JOB_EVENTS.items() if job_kind == kind)
    view = job_view(finished, kind)
    store.write([store.set_attributes(key, fields), events.put(tenant, event_type, view, finished.get("resource"))])


def job_view(job: dict[str, Any], kind: str) -> dict[str, Any]:
    """A job as its GET returns it (with fresh presigned URLs of its files)."""
    out = _public_job(job)
    if kind == LOAD and job.get("error_report_key"):
        out["error_report_url"] = files.presigned_get(job["error_report_key"])
    if kind == EXPORT and job.get("result_key"):
        out["download_url"] = files.presigned_get(job["result_key"])
    return out


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
        job = _new_load(caller, spec, "processing", file_format, f"upload.{file_format}")
        files.put(job["source_key"], body, FORMATS[file_format], files.BULK_LOAD_RETENTION)
        return _public_job(job)
    try:
        request = LoadRequest.model_validate_json(body or b"{}")
    except ValidationError as error:
        raise BadRequest("send a CSV or NDJSON file, or {format, file_name}", pydantic_errors(error.errors())) from None
    if request.file_name == keys.ERROR_REPORT:
        raise BadRequest("that file name is reserved", [field_error("file_name", "reserved", "reserved")])
    job = _new_load(caller, spec, "awaiting_upload", request.format, request.file_name)
    return {
        **_public_job(job),
        "upload_url": files.presigned_put(job["source_key"]),
        "upload_method": "PUT",
        "upload_expires_in": files.PRESIGN_SECONDS,
        "max_upload_bytes": MAX_UPLOAD_BYTES,
    }


def _new_load(
    caller: Caller, spec: engine.ResourceSpec, status: str, file_format: str, file_name: str
) -> dict[str, Any]:
    job = _new_job(caller, spec.name, LOAD, status=status, format=file_format, file_name=file_name)
    job["source_key"] = keys.load_folder(caller.tenant, spec.name, job["id"]) + file_name
    set_job(keys.job_key(caller.tenant, spec.name, LOAD, job["id"]), {"source_key": job["source_key"]})
    return job


def _public_job(job: dict[str, Any]) -> dict[str, Any]:
    out = store.public(job)
    for internal in ("source_key", "result_key", "error_report_key"):
        out.pop(internal, None)
    return out


def get_job(spec: engine.ResourceSpec, caller: Caller, kind: str, job_id: str) -> dict[str, Any]:
    job = store.get(keys.job_key(caller.tenant, spec.name, kind, job_id), consistent=True)
    if job is None:
        raise NotFound(f"no {kind} job has this id")
    return job_view(job, kind)


def list_jobs(
    spec: engine.ResourceSpec, caller: Caller, kind: str, limit: int, token: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Jobs newest first (job ids sort by creation)."""
    items, next_token = engine.partition_page(
        f"{caller.tenant}/{spec.name}/jobs/{kind}",
        keys.jobs_pk(caller.tenant, spec.name),
        limit,
        token,
        forward=False,
        sk_between=keys.job_kind_range(kind),
    )
    return [_public_job(i) for i in items], next_token


def start_export(spec: engine.ResourceSpec, caller: Caller, body: bytes) -> dict[str, Any]:
    try:
        request = ExportRequest.model_validate_json(body or b"{}")
    except ValidationError as error:
        raise BadRequest("the export request is not valid", pydantic_errors(error.errors())) from None
    filters = request.filter.model_dump(exclude_none=True) if request.filter else {}
    for name, value in filters.items():
        if spec.export_window is None:
            raise BadRequest(
                f"{spec.name} exports take no filter", [field_error(f"filter.{name}", "not supported", "invalid")]
            )
        try:
            filters[name] = keys.utc_key(value)
        except ValueError:
            raise BadRequest(
                "filters are ISO 8601 date-times with an offset",
                [field_error(f"filter.{name}", "not a date-time with offset", "invalid")],
            ) from None
    job = _new_job(caller, spec.name, EXPORT, status="queued", format=request.format, filter=filters)
    files.put(
        keys.export_folder(caller.tenant, spec.name, job["id"]) + keys.EXPORT_REQUEST,
        json.dumps(job).encode(),
        "application/json",
        files.EXPORT_RETENTION,
    )
    return _public_job(job)
