"""The S3 access layer: every S3 call the API makes goes through this module."""

from __future__ import annotations

import os
from typing import Any

import boto3
from botocore.config import Config

from shared.settings import get_settings

PRESIGN_SECONDS = 15 * 60
# Lifecycle rules expire tenant files by this tag (deploy/parts/data.py): sources and error reports, exports.
RETENTION_TAG = "retention"
BULK_LOAD_RETENTION = "bulk-load"
EXPORT_RETENTION = "export"
_client: Any = None  # boto3 ships no type hints: its clients are Any here


def client() -> Any:
    global _client
    if _client is None:
        # A custom endpoint (moto, on loopback) needs path-style URLs; AWS takes either.
        custom = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
        style = "path" if custom else "virtual"
        _client = boto3.client("s3", config=Config(signature_version="s3v4", s3={"addressing_style": style}))
    return _client


def reset_client() -> None:
    global _client
    _client = None


def bucket() -> str:
    name = get_settings().bucket_name
    if not name:
        raise RuntimeError("BUCKET_NAME is not configured")
    return name


def put(key: str, body: bytes, content_type: str, retention: str) -> None:
    """`retention` is the object's `retention` tag, which the bucket's lifecycle rules expire by."""
    client().put_object(
        Bucket=bucket(), Key=key, Body=body, ContentType=content_type, Tagging=f"{RETENTION_TAG}={retention}"
    )


def upload_file(path: str, key: str, content_type: str, retention: str) -> None:
    extra = {"ContentType": content_type, "Tagging": f"{RETENTION_TAG}={retention}"}
    client().upload_file(path, bucket(), key, ExtraArgs=extra)


def tag(key: str, retention: str, bucket_name: str | None = None) -> None:
    """Tag an object written by someone else (a presigned upload) for expiry."""
    client().put_object_tagging(
        Bucket=bucket_name or bucket(),
        Key=key,
        Tagging={"TagSet": [{"Key": RETENTION_TAG, "Value": retention}]},
    )


def open_stream(key: str, bucket_name: str | None = None) -> Any:
    """The object's body as a stream (read it in chunks; files may be up to 1 GB)."""
    return client().get_object(Bucket=bucket_name or bucket(), Key=key)["Body"]


def presigned_put(key: str) -> str:
    url: str = client().generate_presigned_url(
        "put_object", Params={"Bucket": bucket(), "Key": key}, ExpiresIn=PRESIGN_SECONDS
    )
    return url


def presigned_get(key: str) -> str:
    url: str = client().generate_presigned_url(
        "get_object", Params={"Bucket": bucket(), "Key": key}, ExpiresIn=PRESIGN_SECONDS
    )
    return url


def exists(key: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        client().head_object(Bucket=bucket(), Key=key)
        return True
    except ClientError:
        return False
