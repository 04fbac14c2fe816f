"""S3 ObjectCreated notifications for the embedded storage, delivered as AWS delivers them: the same
event shape, to the same worker `lambda_handler`, asynchronously, retried twice on failure."""

from __future__ import annotations

import importlib
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, quote_plus, unquote

from emulator.apigw import LambdaContext
from shared.routes import BULK_WORKER_MODULE

logger = logging.getLogger(__name__)
LAMBDA_TIMEOUT_SECONDS = 900
# The query parameters that make a PUT on an object key something other than creating the object.
PUT_SUBRESOURCES = ("tagging", "acl", "retention", "legal-hold", "uploadId", "partNumber")
RETRY_DELAY_SECONDS = float(os.environ.get("LOCAL_RETRY_DELAY_SECONDS", "2"))  # Lambda waits minutes


def object_created_event(bucket: str, key: str, size: int = 0) -> dict[str, Any]:
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": bucket}, "object": {"key": quote_plus(key), "size": size}},
            }
        ]
    }


def deliver(bucket: str, key: str) -> None:
    """Invoke the worker in the background; like Lambda's async invocation, retry a failure twice."""

    def run() -> None:
        handler = importlib.import_module(BULK_WORKER_MODULE).lambda_handler
        for attempt in range(3):
            context = LambdaContext("bulk_loader")
            deadline = time.monotonic() + LAMBDA_TIMEOUT_SECONDS
            context.get_remaining_time_in_millis = lambda deadline=deadline: int((deadline - time.monotonic()) * 1000)
            try:
                handler(object_created_event(bucket, key), context)
                return
            except Exception:
                logger.exception("bulk worker failed on %s (attempt %d of 3)", key, attempt + 1)
                time.sleep(RETRY_DELAY_SECONDS * (attempt + 1))

    threading.Thread(target=run, daemon=True, name=f"s3-notification {key}").start()


def notifying(app: Callable, bucket: str) -> Callable:
    """Wrap the embedded S3's WSGI app: after an object is created in `bucket`, notify."""

    def wrapped(environ: dict, start_response: Callable) -> list[bytes]:
        status: list[str] = []

        def remember(code: str, headers: list, *args: Any) -> Any:
            status.append(code)
            return start_response(code, headers, *args)

        body = app(environ, remember)
        method, path, query = (
            environ.get("REQUEST_METHOD"),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )
        params = parse_qs(query, keep_blank_values=True)
        # S3 sends ObjectCreated for PutObject, CopyObject and CompleteMultipartUpload only: a PUT on
        # a subresource (`?tagging` - the worker tags each presigned upload -, `?acl`, an upload part)
        # creates nothing, and notifying it ran the worker twice on every presigned upload.
        subresource = any(name in params for name in PUT_SUBRESOURCES)
        created = (method == "PUT" and not subresource) or (method == "POST" and "uploadId" in params)
        prefix = f"/{bucket}/"
        host_style = environ.get("HTTP_HOST", "").startswith(f"{bucket}.")
        if created and status and status[0].startswith("200") and (path.startswith(prefix) or host_style):
            key = unquote(path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/"))
            if key:
                deliver(bucket, key)
        return body

    return wrapped
