"""Bulk loads and exports through S3 (moto in-process; the S3 notification is delivered by hand)."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path
from urllib.parse import quote_plus

import boto3
import pytest

from tests.conftest import exam_body

BUCKET = os.environ["BUCKET_NAME"]


def notify(key: str, remaining_ms: int = 600_000) -> dict:
    """Deliver an S3 ObjectCreated notification to the worker, as S3 would."""
    from emulator.apigw import LambdaContext
    from functions.bulk_jobs.handler import lambda_handler

    context = LambdaContext("bulk_loader")
    context.get_remaining_time_in_millis = lambda: remaining_ms
    event = {
        "Records": [
            {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": BUCKET}, "object": {"key": quote_plus(key)}}}
        ]
    }
    return lambda_handler(event, context)


def keys_under(prefix: str) -> list[str]:
    listed = boto3.client("s3").list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return sorted(o["Key"] for o in listed.get("Contents", []))


def read(key: str) -> str:
    return boto3.client("s3").get_object(Bucket=BUCKET, Key=key)["Body"].read().decode()


def start_csv(api, resource: str, text: str) -> tuple[dict, str]:
    reply = api.request("POST", f"/{resource}/demo/bulkLoads", data=text.encode(), headers={"Content-Type": "text/csv"})
    assert reply.status == 202, reply.raw
    job = reply.json()
    (source,) = [k for k in keys_under(f"demo/bulk-loads/{resource}/{job['id']}/") if not k.endswith("errors.ndjson")]
    return job, source


def candidates_csv(rows: int, bad_every: int = 0) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["candidate_id", "first_name", "last_name", "address.city", "address.country", "sys_external_id"])
    for n in range(1, rows + 1):
        last = "" if bad_every and n % bad_every == 0 else f"Last{n}"
        writer.writerow([f"C{n:05d}", f"First{n}", last, "Boston", "US", f"EXT-{n}"])
    return out.getvalue()


def test_csv_load_with_good_and_bad_rows(api):
    text = candidates_csv(5) + "C00002,Dup,Licate,Boston,US,\n" + "C00099,Bad,Country,Paris,XX,\n"
    job, source = start_csv(api, "candidates", text)
    assert job["status"] == "processing" and source.endswith("/upload.csv")
    assert notify(source)["outcomes"] == ["loaded"]

    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert status["status"] == "completed_with_errors"
    assert (status["total"], status["succeeded"], status["failed"]) == (7, 5, 2)
    assert status["started_at"] <= status["finished_at"]
    assert status["error_report_url"].startswith("http")

    report = [json.loads(line) for line in read(source.rsplit("/", 1)[0] + "/errors.ndjson").splitlines()]
    assert [r["record_no"] for r in report] == [6, 7]
    assert report[0]["errors"][0]["field"] == "candidate_id" and report[0]["errors"][0]["status"] == 409
    assert report[1]["errors"][0]["field"] == "address.country" and report[1]["errors"][0]["status"] == 400

    loaded = api.get("/candidates/demo", params={"limit": 100}).json()
    assert len(loaded) == 5
    third = next(c for c in loaded if c["candidate_id"] == "C00003")
    assert third["address"] == {"city": "Boston", "country": "US"}
    assert third["sys_bulk_load_id"] == job["id"] and third["sys_bulk_load_record_no"] == 3
    assert third["sys_bulk_load_source_file"] == f"s3://{BUCKET}/{source}"
    assert third["sys_bulk_load_at"] and third["sys_bulk_load_pk"]
    assert notify(source)["outcomes"] == ["already done"], "a repeated notification changes nothing"


def test_rows_with_id_or_external_id_replace_records(api):
    existing = api.post(
        "/candidates/demo", {"candidate_id": "X1", "first_name": "Old", "last_name": "Name", "sys_external_id": "EXT-1"}
    ).json()
    other = api.post("/candidates/demo", {"candidate_id": "X2", "first_name": "Old", "last_name": "Two"}).json()
    lines = [
        {"candidate_id": "X1", "first_name": "New", "last_name": "Name", "sys_external_id": "EXT-1"},
        {"id": other["id"], "candidate_id": "X2", "first_name": "New", "last_name": "Two"},
        {"id": "NOPE", "candidate_id": "X3", "first_name": "A", "last_name": "B"},
        {"candidate_id": "X4", "first_name": "Brand", "last_name": "New"},
    ]
    body = "\n".join(json.dumps(line) for line in lines) + "\nnot json\n"
    reply = api.request(
        "POST", "/candidates/demo/bulkLoads", data=body.encode(), headers={"Content-Type": "application/x-ndjson"}
    )
    job = reply.json()
    notify(f"demo/bulk-loads/candidates/{job['id']}/upload.ndjson")
    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert (status["succeeded"], status["failed"]) == (3, 2)
    first = api.get(f"/candidates/demo/{existing['id']}").json()
    assert first["first_name"] == "New" and first["sys_version"] == 2 and first["sys_bulk_load_record_no"] == 1
    assert api.get(f"/candidates/demo/{other['id']}").json()["first_name"] == "New"
    assert len(api.get("/candidates/demo").json()) == 3


def test_cut_off_load_resumes_without_duplicates(api, monkeypatch):
    from shared import keys as key_formats
    from shared import store
    from shared.bulk import load

    real = load.create_many

    def create_then_die(*args, **kwargs):
        real(*args, **kwargs)
        job_key = key_formats.job_key("demo", "candidates", "bulk", job["id"])
        if "_checkpoint" in (store.get(job_key) or {}):  # in the second chunk: written, never checkpointed
            raise SystemExit("Lambda cut off")

    monkeypatch.setattr(load, "create_many", create_then_die)
    job, source = start_csv(api, "candidates", candidates_csv(250, bad_every=50))
    with pytest.raises(SystemExit):
        notify(source)
    interim = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert interim["status"] == "processing" and 0 < interim["total"] < 250

    monkeypatch.setattr(load, "create_many", real)
    with pytest.raises(load.JobBusy):
        notify(source)  # redelivered at once: the cut-off run's lease still holds
    later = time.time() + load.LEASE_SECONDS + 1
    monkeypatch.setattr(store.time, "time", lambda: later)
    notify(source)  # the notification, delivered again after the lease expired
    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert (status["status"], status["total"], status["succeeded"], status["failed"]) == (
        "completed_with_errors",
        250,
        245,
        5,
    )
    ids = []
    token = None
    while True:
        reply = api.get("/candidates/demo", params={"limit": 1000} | ({"exclusiveStartKey": token} if token else {}))
        ids += [c["candidate_id"] for c in reply.json()]
        token = reply.header("X-Last-Evaluated-Key")
        if not token:
            break
    assert len(ids) == len(set(ids)) == 245
    assert store.get(key_formats.counter_key("demo", "candidates"))["n"] == 245, "the tenant's count stays exact"
    assert load.CHUNK_ROWS < 250


def test_time_budget_stops_and_the_next_delivery_continues(api):
    from shared.bulk.load import TimeBudgetExhausted

    job, source = start_csv(api, "candidates", candidates_csv(230))
    with pytest.raises(TimeBudgetExhausted):
        notify(source, remaining_ms=1000)
    assert api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()["total"] == 100
    notify(source)
    assert api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()["succeeded"] == 230


def test_load_respects_references_limits_and_roles(api, keys):
    from shared import tenants

    exam = api.post("/exams/demo", exam_body("E1")).json()
    text = "name,type,exam_ids,contact_form_options,checkout_settings,confirmation_email\n"
    text += f'P1,register,"[""{exam["id"]}""]",{{}},{{}},{{}}\n'
    text += 'P2,register,"[""MISSING""]",{},{},{}\n'
    job, source = start_csv(api, "examRegProcesses", text)
    notify(source)
    status = api.get(f"/examRegProcesses/demo/bulkLoads/{job['id']}").json()
    assert (status["succeeded"], status["failed"]) == (1, 1)
    assert api.delete(f"/exams/demo/{exam['id']}").status == 409, "the loaded process counts as a reference"

    tenants.set_record_limit("demo", "candidates", 3)
    job, source = start_csv(api, "candidates", candidates_csv(5))
    notify(source)
    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert (status["succeeded"], status["failed"]) == (3, 2)

    delivery = api.as_key(keys["demo"]["delivery"])
    reply = delivery.request("POST", "/candidates/demo/bulkLoads", data=b"a,b\n", headers={"Content-Type": "text/csv"})
    assert reply.status == 403


def test_unreadable_file_fails_the_job(api):
    job = api.post("/candidates/demo/bulkLoads", {"format": "csv", "file_name": "latin1.csv"}).json()
    key = f"demo/bulk-loads/candidates/{job['id']}/latin1.csv"
    boto3.client("s3").put_object(Bucket=BUCKET, Key=key, Body=b"candidate_id\n\xff\xfe\xfa\n")  # the presigned PUT
    notify(key)
    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert status["status"] == "failed" and "cannot be read" in status["error"]
    assert "0xff" not in status["error"] and "codec" not in status["error"], "says why without quoting the bytes"


def test_an_ndjson_line_nested_past_any_limit_is_that_rows_error(api):
    good = json.dumps({"candidate_id": "DEEP-1", "first_name": "A", "last_name": "B"})
    body = good + "\n" + "[" * 5000 + "]" * 5000 + "\n"
    reply = api.request(
        "POST", "/candidates/demo/bulkLoads", data=body.encode(), headers={"Content-Type": "application/x-ndjson"}
    )
    job = reply.json()
    notify(f"demo/bulk-loads/candidates/{job['id']}/upload.ndjson")
    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert (status["status"], status["succeeded"], status["failed"]) == ("completed_with_errors", 1, 1)


@pytest.mark.parametrize(
    ("file_format", "body"),
    [
        ("csv", b""),
        ("ndjson", b""),
        ("csv", b"\xef\xbb\xbf"),  # a BOM and nothing else
        ("csv", b"candidate_id,first_name,last_name\n"),  # a header alone is zero records
        ("csv", b"candidate_id,first_name,last_name\n\n\n"),
        ("ndjson", b"\n  \n\n"),
    ],
    ids=["empty-csv", "empty-ndjson", "bom-only", "header-only", "header-and-blank-lines", "blank-ndjson"],
)
def test_a_source_without_records_fails_the_job(api, file_format, body):
    job = api.post("/candidates/demo/bulkLoads", {"format": file_format, "file_name": f"x.{file_format}"}).json()
    key = f"demo/bulk-loads/candidates/{job['id']}/x.{file_format}"
    boto3.client("s3").put_object(Bucket=BUCKET, Key=key, Body=body)  # the presigned PUT
    notify(key)
    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert (status["status"], status["total"], status["succeeded"]) == ("failed", 0, 0)
    assert status["error"] == "the file holds no data records"
    assert "finished_at" in status
    notify(key)  # S3 delivers again: the job stays failed
    assert api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()["status"] == "failed"


def test_an_empty_inline_file_fails_the_job(api):
    job, source = start_csv(api, "candidates", "")
    notify(source)
    status = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert status["status"] == "failed" and status["error"] == "the file holds no data records"


def test_upload_url_jobs_and_listing(api):
    reply = api.post("/candidates/demo/bulkLoads", {"format": "csv", "file_name": "people.csv"})
    assert reply.status == 202
    job = reply.json()
    assert job["status"] == "awaiting_upload" and job["upload_method"] == "PUT"
    assert f"demo/bulk-loads/candidates/{job['id']}/people.csv" in job["upload_url"]
    second = api.post("/candidates/demo/bulkLoads", {"format": "ndjson", "file_name": "more.ndjson"}).json()
    listed = api.get("/candidates/demo/bulkLoads").json()
    assert [j["id"] for j in listed[:2]] == [second["id"], job["id"]], "newest first"
    assert "upload_url" not in listed[0] and "source_key" not in json.dumps(listed)
    assert api.post("/candidates/demo/bulkLoads", {"format": "xlsx", "file_name": "a.xlsx"}).status == 400
    assert api.post("/candidates/demo/bulkLoads", {"format": "csv", "file_name": "errors.ndjson"}).status == 400
    assert api.post("/candidates/demo/bulkLoads", {"format": "csv", "file_name": "../x.csv"}).status == 400
    assert api.get("/candidates/demo/bulkLoads/NOPE").status == 404
    big = b"candidate_id\n" + b"x" * (5 * 1024 * 1024)
    assert (
        api.request("POST", "/candidates/demo/bulkLoads", data=big, headers={"Content-Type": "text/csv"}).status == 413
    )
    # a notification for an object that is not a job's source is ignored
    assert notify(f"demo/bulk-loads/candidates/{job['id']}/other.csv")["outcomes"] == ["ignored"]


@pytest.mark.parametrize(
    ("jobs", "body"), [("bulkLoads", {"format": "csv", "file_name": "a.csv"}), ("exports", {"format": "csv"})]
)
def test_job_lists_page_through_every_job_with_tokens_bound_to_the_list(api, jobs, body):
    from shared import paging

    started = [api.post(f"/candidates/demo/{jobs}", body) for _ in range(3)]
    assert [r.status for r in started] == [202] * 3
    made = [r.json()["id"] for r in started]
    seen, token = [], None
    while True:
        reply = api.get(
            f"/candidates/demo/{jobs}", params={"limit": 1} | ({"exclusiveStartKey": token} if token else {})
        )
        assert reply.status == 200
        seen += [j["id"] for j in reply.json()]
        token = reply.header("X-Last-Evaluated-Key")
        if not token:
            break
        assert "exclusiveStartKey=" in reply.header("Link")
    assert sorted(seen) == sorted(made) and seen == [j["id"] for j in api.get(f"/candidates/demo/{jobs}").json()]
    first = api.get(f"/candidates/demo/{jobs}", params={"limit": 1}).header("X-Last-Evaluated-Key")
    other = "exports" if jobs == "bulkLoads" else "bulkLoads"
    for path, bad in ((other, first), (jobs, "garbage"), (jobs, first + "x")):
        reply = api.get(f"/candidates/demo/{path}", params={"exclusiveStartKey": bad})
        assert reply.status == 400 and reply.json()["errors"][0]["field"] == "exclusiveStartKey"
    kind = "bulk" if jobs == "bulkLoads" else "export"
    foreign = paging.encode(f"demo/candidates/jobs/{kind}", {"pk": "demo#_jobs#exams", "sk": f"{kind}#X"})
    reply = api.get(f"/candidates/demo/{jobs}", params={"exclusiveStartKey": foreign})
    assert reply.status == 400 and reply.json()["detail"] == "exclusiveStartKey does not belong to this list"


# Bodies that JSON escaping grows the most: six bytes for one (`\u00XX`, `\ufffd`), or twice, or
# three times for two-byte characters; and the body base64-encoded, for a binary content type.
WORST_BODIES = {
    "text/csv": (b"\x01", b"\x80", b"\xff\xfe", b'"', "\u00e9".encode(), "\U0001f600".encode()),
    "application/x-ndjson": (b"\x1f",),
    "application/octet-stream": (b"\x00",),
}


def test_any_inline_body_up_to_the_cap_fits_in_a_lambda_event():
    """API Gateway hands the body to the function inside the event JSON, which Lambda caps at
    6,291,456 bytes: past that the client gets API Gateway's error, not the API's answer."""
    from emulator.apigw import build_event
    from shared.bulk.jobs import LAMBDA_EVENT_LIMIT, MAX_INLINE_BYTES
    from shared.routes import lambda_for

    route = lambda_for("candidates").operation_route("bulkLoadStart")
    # headers as long as API Gateway takes (request line and headers: 10,240 bytes), escaping to 2x
    headers = {"Authorization": "erk_" + "a" * 43, "X-Padding": '"\\' * 3_300}
    for content_type, units in WORST_BODIES.items():
        for unit in units:
            body = (unit * (MAX_INLINE_BYTES // len(unit) + 1))[:MAX_INLINE_BYTES]
            event = build_event(
                "POST",
                "/candidates/demo/bulkLoads",
                route,
                {"tenantId": "demo"},
                {**headers, "Content-Type": content_type},
                "x=" + "%22" * 1_000,
                body,
                {"tenantId": "demo", "role": "client", "keyId": "01J0000000000000000000000", "principalId": "k"},
            )
            size = len(json.dumps(event).encode())
            assert size < LAMBDA_EVENT_LIMIT, (content_type, unit, size)


def test_an_inline_body_over_the_cap_is_413_and_one_at_the_cap_is_taken(api):
    from shared.bulk.jobs import MAX_INLINE_BYTES

    header = b"candidate_id,first_name,last_name\n"
    row = b'"C-1","Ada","Lovelace"\r\n'
    at_cap = header + row * ((MAX_INLINE_BYTES - len(header)) // len(row))
    at_cap += b" " * (MAX_INLINE_BYTES - len(at_cap))
    assert len(at_cap) == MAX_INLINE_BYTES
    csv_type = {"Content-Type": "text/csv"}
    assert api.request("POST", "/candidates/demo/bulkLoads", data=at_cap, headers=csv_type).status == 202

    reply = api.request("POST", "/candidates/demo/bulkLoads", data=at_cap + b"\n", headers=csv_type)
    assert reply.status == 413
    assert reply.header("Content-Type") == "application/problem+json"
    problem = reply.json()
    assert problem["status"] == 413 and problem["type"].endswith("payload-too-large")
    assert f"{MAX_INLINE_BYTES:,} bytes" in problem["detail"] and "upload URL" in problem["detail"]
    assert [e["field"] for e in problem["errors"]] == ["body"]
    root = Path(__file__).resolve().parents[2]
    for document in ("README.md", "docs/deploy.md", "docs/openapi.json"):  # they state the true figure
        assert f"{MAX_INLINE_BYTES:,} bytes" in (root / document).read_text(), document


def export(api, resource: str, body: dict) -> tuple[dict, str]:
    reply = api.post(f"/{resource}/demo/exports", body)
    assert reply.status == 202, reply.raw
    job = reply.json()
    assert notify(f"demo/exports/{resource}/{job['id']}/request.json")["outcomes"] == ["exported"]
    status = api.get(f"/{resource}/demo/exports/{job['id']}").json()
    assert status["status"] == "completed" and status["download_url"].startswith("http")
    return status, read(f"demo/exports/{resource}/{job['id']}/{resource}.{body['format']}")


def test_export_then_load_back_unchanged(api):
    job, source = start_csv(api, "candidates", candidates_csv(12))
    notify(source)
    before = {c["id"]: c for c in api.get("/candidates/demo").json()}
    status, text = export(api, "candidates", {"format": "csv"})
    assert status["total"] == 12
    header = next(csv.reader(io.StringIO(text)))
    assert header[0] == "id" and "address.city" in header and "sys_version" in header

    job, source = start_csv(api, "candidates", text)
    notify(source)
    reloaded = api.get(f"/candidates/demo/bulkLoads/{job['id']}").json()
    assert (reloaded["succeeded"], reloaded["failed"]) == (12, 0)
    after = {c["id"]: c for c in api.get("/candidates/demo").json()}
    assert after.keys() == before.keys()
    for record_id, record in after.items():
        content = {k: v for k, v in record.items() if not k.startswith("sys_")}
        assert content == {k: v for k, v in before[record_id].items() if not k.startswith("sys_")}


def test_results_export_flattens_domain_scores_and_filters(api, keys):
    candidate = api.post("/candidates/demo", {"candidate_id": "R1", "first_name": "A", "last_name": "B"}).json()
    exam = api.post("/exams/demo", exam_body("R")).json()
    delivery = api.as_key(keys["demo"]["delivery"])
    for day in ("2026-12-01", "2026-12-02", "2026-12-03"):
        reg = api.post(
            "/examRegistrations/demo",
            {
                "candidate_id": candidate["id"],
                "exam_id": exam["id"],
                "delivery_mode": "remote",
                "scheduled_at": f"{day}T10:00:00Z",
            },
        ).json()
        delivery.post(
            "/examResults/demo",
            {
                "registration_id": reg["id"],
                "overall_score": 70,
                "passed": True,
                "completed_at": f"{day}T12:00:00Z",
                "domain_scores": [{"domain_code": "D1", "score": 60}, {"domain_code": "D2", "score": 80}],
            },
        )
    _status, text = export(
        api,
        "examResults",
        {
            "format": "csv",
            "filter": {"completedSince": "2026-12-02T00:00:00Z", "completedBefore": "2026-12-03T00:00:00Z"},
        },
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1 and rows[0]["completed_at"] == "2026-12-02T12:00:00Z"
    assert float(rows[0]["domain_scores.D1"]) == 60 and float(rows[0]["domain_scores.D2"]) == 80
    assert rows[0]["candidate.candidate_id"] == "R1" and rows[0]["exam.code"] == "R"
    api_record = api.get(f"/examResults/demo/{rows[0]['id']}").json()
    assert float(rows[0]["overall_score"]) == api_record["overall_score"]

    _status, ndjson = export(api, "examResults", {"format": "ndjson"})
    exported = sorted((json.loads(line) for line in ndjson.splitlines()), key=lambda r: r["id"])
    assert exported == sorted(api.get("/examResults/demo").json(), key=lambda r: r["id"])
    assert api.post("/candidates/demo/exports", {"format": "csv", "filter": {"completedSince": "x"}}).status == 400
    assert (
        api.post("/examResults/demo/exports", {"format": "csv", "filter": {"completedSince": "yesterday"}}).status
        == 400
    )


def test_sample_files_are_current_and_every_row_validates():
    from generators.samples import SAMPLES_DIR, rendered
    from shared import csvio, engine
    from shared.resources import BULK_RESOURCES

    files = rendered()
    assert {p.name: p.read_text() for p in SAMPLES_DIR.iterdir()} == files, (
        "docs/samples is stale: python -m generators.samples"
    )
    for name, spec in BULK_RESOURCES.items():
        from_csv = [csvio.unflatten(row, spec.keyed_lists) for row in csv.DictReader(io.StringIO(files[f"{name}.csv"]))]
        from_ndjson = [json.loads(line) for line in files[f"{name}.ndjson"].splitlines()]
        assert [engine.validate(spec, r) for r in from_csv] == [engine.validate(spec, r) for r in from_ndjson]
