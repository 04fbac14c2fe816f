"""The environment of the bench's processes: the tests' fake credentials and settings, no endpoint
unless a section is given one. Apply it before anything imports `shared` (settings are cached)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3")

DEFAULTS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "TABLE_NAME": "exam-registration-bench",
    "BUCKET_NAME": "exam-registration-bench",
    "PAGE_TOKEN_SECRET": "bench-page-token-secret-0123456789",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_SERVICE_NAME": "exam-registration-api",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    "POWERTOOLS_METRICS_NAMESPACE": "ExamRegistration",
    "PYTHONUNBUFFERED": "1",
}


def environment(endpoints: dict[str, str] | None = None, **overrides: str) -> dict[str, str]:
    """A child process's environment: this one's, minus AWS profile and endpoints, plus the defaults."""
    env = {k: v for k, v in os.environ.items() if k not in ENDPOINT_VARIABLES and k != "AWS_PROFILE"}
    env.pop("AWS_SESSION_TOKEN", None)
    env.update(DEFAULTS)
    env.update(endpoints or {})
    env.update(overrides)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def apply(endpoints: dict[str, str] | None = None, **overrides: str) -> None:
    """Make this process's environment what `environment` describes."""
    for name in (*ENDPOINT_VARIABLES, "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)
    os.environ.update(DEFAULTS)
    os.environ.update(endpoints or {})
    os.environ.update(overrides)
