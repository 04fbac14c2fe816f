"""Bulk load and export over HTTP: presigned S3 uploads, the embedded S3's notifications running the
same worker as on AWS, error reports, exports that load back unchanged, and the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
import requests

from emulator.devservers import ROOT
from tests.integration.helpers import create_exam

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]
FINAL = ("completed", "completed_with_errors", "failed")


def wait_for(client, path: str, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(path).json()
        if job["status"] in FINAL:
            return job
        time.sleep(0.2)
    raise AssertionError(f"{path} did not finish: {job}")


def candidates_csv(prefix: str, rows: int, bad: tuple[int, ...] = ()) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["candidate_id", "first_name", "last_name", "email", "address.city", "address.country"])
    for n in range(1, rows + 1):
        writer.writerow([f"{prefix}-{n}", "First", "" if n in bad else f"Last{n}", f"c{n}@example.org", "Boston", "US"])
    return out.getvalue()


def test_presigned_upload_runs_the_load_and_reports_errors(client):
    prefix = uuid.uuid4().hex[:8]
    reply = client.post("/candidates/demo/bulkLoads", {"format": "csv", "file_name": "people.csv"})
    assert reply.status_code == 202, reply.text
    job = reply.json()
    assert job["status"] == "awaiting_upload" and job["upload_url"].startswith("http://127.0.0.1:")
    upload = requests.put(job["upload_url"], data=candidates_csv(prefix, 150, bad=(7, 120)).encode(), timeout=30)
    assert upload.status_code == 200

    done = wait_for(client, f"/candidates/demo/bulkLoads/{job['id']}")
    assert (done["status"], done["total"], done["succeeded"], done["failed"]) == ("completed_with_errors", 150, 148, 2)
    report = requests.get(done["error_report_url"], timeout=30)
    assert report.status_code == 200
    assert [int(line.split('"record_no": ')[1].split(",")[0]) for line in report.text.splitlines()] == [7, 120]

    found = client.get(f"/candidates/demo/byCandidateId/{prefix}-8").json()
    assert found["sys_bulk_load_id"] == job["id"] and found["sys_bulk_load_record_no"] == 8
    assert found["address"] == {"city": "Boston", "country": "US"}
    assert client.get(f"/candidates/demo/byCandidateId/{prefix}-7").status_code == 404


def test_inline_ndjson_load_with_references(client):
    exam = create_exam(client)
    common = {"type": "register", "contact_form_options": {}, "checkout_settings": {}, "confirmation_email": {}}
    lines = [
        json.dumps({"name": "P1", "exam_ids": [exam["id"]], **common}),
        json.dumps({"name": "P2", "exam_ids": ["MISSING"], **common}),
    ]
    reply = client.post(
        "/examRegProcesses/demo/bulkLoads",
        data="\n".join(lines).encode(),
        headers={"Content-Type": "application/x-ndjson"},
    )
    assert reply.status_code == 202, reply.text
    done = wait_for(client, f"/examRegProcesses/demo/bulkLoads/{reply.json()['id']}")
    assert (done["succeeded"], done["failed"]) == (1, 1)
    assert client.delete(f"/exams/demo/{exam['id']}").status_code == 409


def test_export_downloads_and_loads_back_unchanged(client):
    prefix = uuid.uuid4().hex[:8]
    job = client.post(
        "/candidates/demo/bulkLoads", data=candidates_csv(prefix, 30).encode(), headers={"Content-Type": "text/csv"}
    ).json()
    wait_for(client, f"/candidates/demo/bulkLoads/{job['id']}")

    export = client.post("/candidates/demo/exports", {"format": "csv"})
    assert export.status_code == 202
    done = wait_for(client, f"/candidates/demo/exports/{export.json()['id']}")
    text = requests.get(done["download_url"], timeout=30).text
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["candidate_id"].startswith(prefix)]
    assert len(rows) == 30
    before = {r["id"]: client.get(f"/candidates/demo/{r['id']}").json() for r in rows}

    mine = io.StringIO()
    writer = csv.DictWriter(mine, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    again = client.post(
        "/candidates/demo/bulkLoads", data=mine.getvalue().encode(), headers={"Content-Type": "text/csv"}
    )
    reloaded = wait_for(client, f"/candidates/demo/bulkLoads/{again.json()['id']}")
    assert (reloaded["succeeded"], reloaded["failed"]) == (30, 0)
    for record_id, record in before.items():
        after = client.get(f"/candidates/demo/{record_id}").json()
        assert {k: v for k, v in after.items() if not k.startswith("sys_")} == {
            k: v for k, v in record.items() if not k.startswith("sys_")
        }


def test_cli_uploads_follows_and_summarises(server, tmp_path):
    prefix = uuid.uuid4().hex[:8]
    source = tmp_path / "candidates.csv"
    source.write_text(candidates_csv(prefix, 40, bad=(3,)))
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "bulk-load", "candidates", str(source), "--tenant", "demo"],
        cwd=ROOT,
        env=server.storage_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr  # 1: completed with errors
    assert "completed_with_errors: 39 succeeded, 1 failed of 40" in result.stdout
    assert "error report: http" in result.stdout
    assert server.client(server.client_key).get(f"/candidates/demo/byCandidateId/{prefix}-40").status_code == 200


def upload_as_urllib_does(client, resource: str, file_format: str, data: bytes) -> dict:
    """Start a job and PUT its file with urllib's defaults: given data, urllib sends it as
    `application/x-www-form-urlencoded`. S3 stores the bytes whatever the Content-Type."""
    job = client.post(f"/{resource}/demo/bulkLoads", {"format": file_format, "file_name": f"f.{file_format}"}).json()
    assert job["upload_url"].startswith("http://127.0.0.1:")
    request = urllib.request.Request(job["upload_url"], data=data, method="PUT")  # noqa: S310 - checked above
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the server's loopback URL
        assert response.status == 200
    assert request.get_header("Content-type") == "application/x-www-form-urlencoded"
    return wait_for(client, f"/{resource}/demo/bulkLoads/{job['id']}")


def test_a_form_typed_upload_stores_exactly_its_bytes(client):
    prefix = uuid.uuid4().hex[:8]
    # characters a form decoder would change: '+' (a space), '%2B', '&' and '=' (field separators), non-ASCII
    names = ["A+B", "50%2B", "x&y=z", "Zoë Ñandú"]
    text = "candidate_id,first_name,last_name,email\n" + "".join(
        f"{prefix}-{n},First,{name},c{n}@example.org\n" for n, name in enumerate(names)
    )
    done = upload_as_urllib_does(client, "candidates", "csv", text.encode())
    assert (done["status"], done["total"], done["succeeded"]) == ("completed", 4, 4), done
    for n, name in enumerate(names):
        assert client.get(f"/candidates/demo/byCandidateId/{prefix}-{n}").json()["last_name"] == name


def test_a_form_typed_upload_that_is_not_utf8_reaches_the_worker(client):
    done = upload_as_urllib_does(client, "candidates", "csv", "candidate_id\nZoë\n".encode("latin-1"))
    assert done["status"] == "failed" and "cannot be read" in done["error"], done


def test_an_empty_upload_fails_the_job(client):
    done = upload_as_urllib_does(client, "candidates", "csv", b"")
    assert (done["status"], done["total"]) == ("failed", 0)
    assert done["error"] == "the file holds no data records"
