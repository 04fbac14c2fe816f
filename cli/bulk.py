"""`examreg bulk-load`: start a job, upload the file to its presigned URL, follow it with a progress
bar, print the summary. Talks to the API over HTTP like any client (stdlib only)."""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

POLL_SECONDS = 0.5
WIDTH = 30


def _request(url: str, **kwargs) -> urllib.request.Request:
    if not url.startswith(("http://", "https://")):
        raise SystemExit(f"not an http(s) URL: {url}")
    return urllib.request.Request(url, **kwargs)  # noqa: S310 - the scheme is checked above


ATTEMPTS = 3  # a POST sent with an Idempotency-Key: the first try and two retries


def _call(method: str, url: str, key: str, body: dict | None = None, idempotency_key: str | None = None) -> dict:
    """One API call. With `idempotency_key`, a lost answer (a timeout, a dropped connection), a 5xx
    or a 409 request-in-progress is retried with the same key: the API runs the request once."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": key, "Content-Type": "application/json"}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    attempts = ATTEMPTS if idempotency_key is not None else 1
    for attempt in range(1, attempts + 1):
        request = _request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the API's own URL
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            problem = error.read().decode(errors="replace")
            in_progress = error.code == 409 and "request-in-progress" in problem
            if attempt == attempts or not (error.code >= 500 or in_progress):
                raise SystemExit(f"{method} {url} -> {error.code}: {problem}") from None
            retry_after = error.headers.get("Retry-After", "1")
            time.sleep(int(retry_after) if retry_after.isdigit() else 1)
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            if attempt == attempts:
                raise
            time.sleep(1)
    raise AssertionError("unreachable")


def _rows(path: Path, file_format: str) -> int:
    with path.open("rb") as handle:
        lines = sum(1 for line in handle if line.strip())
    return max(0, lines - 1) if file_format == "csv" else lines


def _bar(done: int, total: int) -> str:
    filled = int(WIDTH * done / total) if total else WIDTH
    return "[" + "#" * filled + "." * (WIDTH - filled) + "]"


def bulk_load(api: str, key: str, tenant: str, resource: str, file: str, out=sys.stdout) -> int:
    path = Path(file)
    file_format = "ndjson" if path.suffix.lower() in (".ndjson", ".jsonl") else "csv"
    expected = _rows(path, file_format)
    base = f"{api}/{resource}/{tenant}/bulkLoads"
    job = _call("POST", base, key, {"format": file_format, "file_name": path.name}, idempotency_key=str(uuid.uuid4()))
    # An explicit Content-Type: urllib would send form-urlencoded, which some S3 stand-ins parse away.
    media = "text/csv" if file_format == "csv" else "application/x-ndjson"
    size = str(path.stat().st_size)
    upload = _request(
        job["upload_url"], data=path.open("rb"), method="PUT", headers={"Content-Length": size, "Content-Type": media}
    )
    with urllib.request.urlopen(upload, timeout=600):  # noqa: S310 - _request checks the scheme
        pass
    print(f"uploaded {path.name} ({path.stat().st_size} bytes, {expected} rows) as job {job['id']}", file=out)
    interactive = out.isatty() if hasattr(out, "isatty") else False
    while True:
        job = _call("GET", f"{base}/{job['id']}", key)
        line = f"{_bar(job.get('total', 0), expected)} {job.get('total', 0)}/{expected} rows  {job['status']}"
        print(("\r" + line) if interactive else line, end="" if interactive else "\n", file=out, flush=True)
        if job["status"] in ("completed", "completed_with_errors", "failed"):
            break
        time.sleep(POLL_SECONDS)
    if interactive:
        print(file=out)
    print(
        f"{job['status']}: {job.get('succeeded', 0)} succeeded, {job.get('failed', 0)} failed of {job.get('total', 0)}",
        file=out,
    )
    if job.get("error"):
        print(f"error: {job['error']}", file=out)
    if job.get("error_report_url"):
        print(f"error report: {job['error_report_url']}", file=out)
    return {"completed": 0, "completed_with_errors": 1}.get(job["status"], 2)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(bulk_load(os.environ["API"], os.environ["KEY"], *sys.argv[1:4]))
