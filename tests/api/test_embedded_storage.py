"""The embedded S3 of `make run` (moto's server app, wrapped by emulator/local_server.py and
emulator/notifications.py), called the way its WSGI server calls it with presigned URLs like the
API's: the bytes it stores and the ObjectCreated notifications it sends."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.config import Config
from werkzeug.test import Client

from emulator import notifications
from emulator.local_server import embedded_moto_app

BUCKET = os.environ["BUCKET_NAME"]
# Characters a form decoder changes ('+', '%2B', '&', '='), non-ASCII, and bytes that are not UTF-8.
AWKWARD = "candidate_id,last_name\nC1,A+B 50%2B x&y=z Zoë\n".encode() + b"\xff\xfe\n"
TAGGING = (
    b'<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
    b"<TagSet><Tag><Key>retention</Key><Value>bulk-load</Value></Tag></TagSet></Tagging>"
)


@pytest.fixture
def storage(aws, monkeypatch):
    delivered: list[str] = []
    monkeypatch.setattr(notifications, "deliver", lambda bucket, key: delivered.append(key))
    return Client(notifications.notifying(embedded_moto_app(), BUCKET)), delivered


def presigned(operation: str, **params) -> str:
    """The path and query of a presigned URL on the loopback endpoint (path-style, as `make run` has)."""
    s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:4566", config=Config(s3={"addressing_style": "path"}))
    url = urlsplit(s3.generate_presigned_url(operation, Params={"Bucket": BUCKET, **params}))
    return f"{url.path}?{url.query}"


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/csv", None],
    ids=["form-urlencoded", "multipart", "csv", "none"],
)
def test_a_presigned_put_stores_exactly_its_bytes_whatever_the_content_type(storage, content_type):
    client, _ = storage
    headers = {"Content-Type": content_type} if content_type else {}
    upload = client.put(presigned("put_object", Key="demo/upload.csv"), data=AWKWARD, headers=headers)
    assert upload.status_code == 200
    assert boto3.client("s3").get_object(Bucket=BUCKET, Key="demo/upload.csv")["Body"].read() == AWKWARD
    assert client.get(presigned("get_object", Key="demo/upload.csv")).data == AWKWARD


def test_only_creating_an_object_notifies(storage):
    client, delivered = storage
    client.put(presigned("put_object", Key="demo/a.csv"), data=b"x\n")
    assert delivered == ["demo/a.csv"]
    # the worker tags every presigned upload: that makes no new object (S3 sends no ObjectCreated)
    tagged = client.put(presigned("put_object_tagging", Key="demo/a.csv", Tagging={"TagSet": []}), data=TAGGING)
    assert tagged.status_code == 200
    assert boto3.client("s3").get_object_tagging(Bucket=BUCKET, Key="demo/a.csv")["TagSet"] == [
        {"Key": "retention", "Value": "bulk-load"}
    ]
    assert delivered == ["demo/a.csv"]
