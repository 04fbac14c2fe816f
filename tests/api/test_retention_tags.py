"""Tenant files carry the `retention` tag the bucket's lifecycle rules expire them by (moto in-process)."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlparse

import boto3

from tests.api.test_bulk import candidates_csv, keys_under, notify, start_csv

BUCKET = os.environ["BUCKET_NAME"]


def tags(key: str) -> dict[str, str]:
    found = boto3.client("s3").get_object_tagging(Bucket=BUCKET, Key=key)["TagSet"]
    return {t["Key"]: t["Value"] for t in found}


def test_inline_sources_and_error_reports_are_tagged_bulk_load(api):
    _, source = start_csv(api, "candidates", candidates_csv(4, bad_every=2))
    assert tags(source) == {"retention": "bulk-load"}
    assert notify(source)["outcomes"] == ["loaded"]
    report = source.rsplit("/", 1)[0] + "/errors.ndjson"
    assert tags(report) == {"retention": "bulk-load"}


def test_presigned_uploads_are_tagged_by_the_worker_and_the_url_signs_no_tagging(api):
    job = api.post("/candidates/demo/bulkLoads", {"format": "csv", "file_name": "people.csv"}).json()
    signed = parse_qs(urlparse(job["upload_url"]).query)["X-Amz-SignedHeaders"][0]
    assert signed == "host"  # plain `curl -T file URL` works: no x-amz-tagging header to send
    key = f"demo/bulk-loads/candidates/{job['id']}/people.csv"
    boto3.client("s3").put_object(Bucket=BUCKET, Key=key, Body=candidates_csv(3).encode())  # the presigned PUT
    assert tags(key) == {}
    assert notify(key)["outcomes"] == ["loaded"]
    assert tags(key) == {"retention": "bulk-load"}


def test_export_requests_and_files_are_tagged_export(api):
    start_csv(api, "candidates", candidates_csv(2))
    job = api.post("/candidates/demo/exports", {"format": "csv"}).json()
    request = f"demo/exports/candidates/{job['id']}/request.json"
    assert tags(request) == {"retention": "export"}
    assert notify(request)["outcomes"] == ["exported"]
    (result,) = [k for k in keys_under(f"demo/exports/candidates/{job['id']}/") if not k.endswith("request.json")]
    assert tags(result) == {"retention": "export"}
