"""The OpenAPI document's examples: a request body for every operation that takes one, and a body for
every answer.

Request bodies are the sample bodies of generators/events.py. Sent in the order
tests/integration/test_examples.py sends them (a center and an exam before a registration...), each
succeeds against a fresh `make run`; `01SAMPLE0000000000000000ID` stands for the id of the record
the field refers to (or of the record itself), which the caller created earlier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generators.events import REPLAY_BODY, SAMPLE_BODIES, SAMPLE_ID

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "docs" / "samples"
JOB_ID = "01SAMPLEJOB00000000000000J"
KEY_ID = "01SAMPLEKEY00000000000000K"
AT = "2026-12-01T14:00:00.000Z"
CREDENTIALS = {"username": "pat", "password": "correct horse battery"}
# A signing secret as the create answers it (whsec_ + base64 of 32 bytes), and a rotated one: made-up examples.
SECRET = "whsec_c2lnbmluZy1zZWNyZXQtc2hvd24tb25jZS0wMDAwMDA="  # noqa: S105
ROTATED_SECRET = "whsec_cm90YXRlZC1zZWNyZXQtc2hvd24tb25jZS0wMDAwMDA="  # noqa: S105
EVENT_ID = "evt_01KBE6Q8ZC0Y3T9XW4N2M5R7HV"
ATTEMPT_IDS = ("01KBE6Q9A1B2C3D4E5F6G7H8JK", "01KBE6QC9D8E7F6G5H4J3K2M1N")  # first, retry
ROUND_ID = "01KBE6QA0000000000000000RN"

# One change per resource that succeeds on its sample record.
PATCHES: dict[str, list[dict[str, Any]]] = {
    "exams": [{"op": "replace", "path": "/passing_score", "value": 75}],
    "examRegProcesses": [{"op": "replace", "path": "/name", "value": "Standard registration (2027)"}],
    "candidates": [{"op": "replace", "path": "/email", "value": "ada.lovelace@example.org"}],
    "testingCenters": [{"op": "replace", "path": "/name", "value": "Boston Downtown (2nd floor)"}],
    "proctors": [{"op": "replace", "path": "/name", "value": "Pat Q. Proctor"}],
    "examRegistrations": [{"op": "add", "path": "/accommodations/-", "value": "separate room"}],
    "examResults": [{"op": "replace", "path": "/overall_score", "value": 84}],
    "webhookEndpoints": [{"op": "replace", "path": "/description", "value": "LMS results intake (v2)"}],
}


def request(kind: str, resource: str, media: str) -> Any:
    """The example body of one operation's request in one media type, or None when it takes none."""
    sample = SAMPLE_BODIES.get(resource, {})
    if kind == "create":
        return sample
    if kind == "replace":
        return {**sample, "id": SAMPLE_ID}
    if kind == "patch":
        return PATCHES[resource]
    if kind == "batch":
        return {"operations": [{"id": SAMPLE_ID, "operation": "patch", "patch_directives": PATCHES[resource]}]}
    if kind == "authenticate":
        return CREDENTIALS
    if kind == "replay":
        return REPLAY_BODY
    if kind == "exportStart":
        if resource == "examResults":
            return {"format": "ndjson", "filter": {"completedSince": "2026-12-01T00:00:00Z"}}
        return {"format": "csv"}
    if kind == "bulkLoadStart":
        if media == "application/json":
            return {"format": "csv", "file_name": f"{resource}.csv"}
        suffix = "csv" if media == "text/csv" else "ndjson"
        return (SAMPLES_DIR / f"{resource}.{suffix}").read_text()
    return None


def record(resource: str) -> dict[str, Any]:
    """The resource's sample record as the API answers it."""
    from shared.resources import API_KEYS, BULK_RESOURCES, WEBHOOK_ENDPOINTS

    spec = {**BULK_RESOURCES, API_KEYS.name: API_KEYS, WEBHOOK_ENDPOINTS.name: WEBHOOK_ENDPOINTS}[resource]
    stored = {k: v for k, v in SAMPLE_BODIES[resource].items() if k not in spec.write_only}
    stored |= {
        "id": SAMPLE_ID,
        "sys_version": 1,
        "sys_created_at": AT,
        "sys_created_by_id": KEY_ID,
        "sys_last_modified_at": AT,
        "sys_last_modified_by_id": KEY_ID,
    }
    if resource == "examRegistrations":
        stored["status"] = "registered"
    if resource == "examResults":
        stored["domain_scores"] = [
            {**score, "domain_name": name}
            for score, name in zip(stored["domain_scores"], ("Safety", "Quality"), strict=True)
        ]
        stored["candidate"] = {"id": SAMPLE_ID, "candidate_id": "C-1001", "first_name": "Ada", "last_name": "Lovelace"}
        stored["exam"] = {"id": SAMPLE_ID, "name": "Certified Widget Inspector", "code": "CWI-1"}
    if resource == "apiKeys":
        stored["key_prefix"] = "erk_Xq3v"
    return stored


def _job(resource: str, kind: str, status: str) -> dict[str, Any]:
    job: dict[str, Any] = {
        "id": JOB_ID,
        "status": status,
        "resource": resource,
        "format": "csv",
        "total": 0,
        "created_at": AT,
        "created_by_id": KEY_ID,
    }
    if kind == "load":
        job |= {"file_name": f"{resource}.csv", "succeeded": 0, "failed": 0}
    if status == "completed":
        job |= {"total": 1, "started_at": AT, "finished_at": "2026-12-01T14:00:02.000Z"}
        if kind == "load":
            job["succeeded"] = 1
        else:
            job["download_url"] = (
                f"https://bucket.example/demo/exports/{resource}/{JOB_ID}/{resource}.csv?X-Amz-Signature=..."
            )
    return job


def response(kind: str, resource: str) -> Any:
    """The example body of one operation's success answer."""
    if kind in ("create", "get", "replace", "byCandidateId"):
        example = record(resource)
        if kind == "create" and resource == "apiKeys":
            example["key"] = "erk_Xq3v-shown-once-0000000000000000000000"
        if kind == "create" and resource == "webhookEndpoints":
            example["secret"] = SECRET
        if kind == "replace":
            example |= {"sys_version": 2, "sys_last_modified_at": "2026-12-01T14:05:00.000Z"}
        return example
    if kind == "patch":
        import jsonpatch

        patched = jsonpatch.apply_patch(record(resource), PATCHES[resource])
        return patched | {"sys_version": 2, "sys_last_modified_at": "2026-12-01T14:05:00.000Z"}
    if kind in ("list", "byCandidate"):
        return [record(resource)]
    if kind == "delete":
        return SAMPLE_ID
    if kind == "batch":
        body = response("patch", resource)
        return {
            "success_count": 1,
            "error_count": 0,
            "results": [{"id": SAMPLE_ID, "operation": "patch", "status": 200, "body": body}],
        }
    if kind == "bulkLoadStart":
        upload = f"https://bucket.example/demo/bulk-loads/{resource}/{JOB_ID}/{resource}.csv?X-Amz-Signature=..."
        started = _job(resource, "load", "awaiting_upload")
        return started | {
            "upload_url": upload,
            "upload_method": "PUT",
            "upload_expires_in": 900,
            "max_upload_bytes": 1024**3,
        }
    if kind == "exportStart":
        return _job(resource, "export", "queued")
    if kind in ("bulkLoadGet", "exportGet"):
        return _job(resource, "load" if kind == "bulkLoadGet" else "export", "completed")
    if kind in ("bulkLoadList", "exportList"):
        return [_job(resource, "load" if kind == "bulkLoadList" else "export", "completed")]
    if kind == "eligible":
        return {"processes": [record("examRegProcesses")], "last_registration": None}
    if kind == "calendar":
        registration = record("examRegistrations")
        return {
            "testing_center_code": "BOS-1",
            "timezone": "America/New_York",
            "from": "2026-12-01",
            "to": "2026-12-07",
            "days": [{"date": "2026-12-01", "registrations": [registration]}],
        }
    if kind == "authenticate":
        return {"id": SAMPLE_ID, "username": "pat", "name": "Pat Proctor", "testing_center_codes": ["BOS-1"]}
    if kind == "rotateSecret":
        rotated = {"sys_version": 2, "sys_last_modified_at": "2026-12-01T14:05:00.000Z", "secret": ROTATED_SECRET}
        return record(resource) | rotated
    if kind == "deliveries":
        return [
            attempt(2, "succeeded", 200, None, None),
            attempt(1, "pending", 500, "HTTP 500", "2026-12-01T14:00:05.000Z"),
        ]
    if kind == "replay":
        return {"round": ROUND_ID, "queued": 1, "event_ids": [EVENT_ID]}
    if kind == "test":
        return {"event_id": EVENT_ID, "type": "webhookEndpoints.test", "queued": 1}
    if kind == "feed":
        return [{"id": EVENT_ID, **delivery()}]
    raise ValueError(f"no example for {resource} {kind}")


def delivery() -> dict[str, Any]:
    """The body of one webhook delivery: an exam result posted."""
    return {"type": "examResults.created", "timestamp": AT, "tenant_id": "demo", "data": record("examResults")}


def attempt(
    number: int, status: str, response_status: int | None, error: str | None, next_at: str | None
) -> dict[str, Any]:
    """One entry of an endpoint's deliveries log."""
    return {
        "id": ATTEMPT_IDS[number - 1],
        "event_id": EVENT_ID,
        "event_type": "examResults.created",
        "attempt": number,
        "status": status,
        "response_status": response_status,
        "error": error,
        "attempted_at": "2026-12-01T14:00:05.000Z" if number > 1 else AT,
        "next_attempt_at": next_at,
        "duration_ms": 42,
    }
