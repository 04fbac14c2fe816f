"""Where a running `make run` keeps its storage, so the CLI and `make invoke` can use the same."""

from __future__ import annotations

import json
import os
from pathlib import Path

from shared.settings import Settings

ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3")
# The server's webhook settings (every WEBHOOK_* setting), so a dispatcher started apart
# (python -m emulator.dispatcher) matches.
SETTING_VARIABLES = (
    *(f.alias for f in Settings.model_fields.values() if f.alias and f.alias.startswith("WEBHOOK_")),
    "AWS_DEFAULT_REGION",
)


def path() -> Path:
    """`LOCAL_STATE_FILE` overrides it (the tests' servers keep theirs apart from yours)."""
    default = Path(__file__).resolve().parent.parent / ".local" / "server.json"
    return Path(os.environ.get("LOCAL_STATE_FILE") or default)


def write(url: str, table: str, bucket: str) -> None:
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    endpoints = {name: os.environ[name] for name in ENDPOINT_VARIABLES if os.environ.get(name)}
    settings = {name: os.environ[name] for name in SETTING_VARIABLES if os.environ.get(name)}
    state = {"url": url, "table": table, "bucket": bucket, "endpoints": endpoints, "settings": settings}
    target.write_text(json.dumps(state))


def read() -> dict | None:
    target = path()
    return json.loads(target.read_text()) if target.exists() else None


def remove() -> None:
    path().unlink(missing_ok=True)


def apply(state: dict) -> None:
    """Point this process's boto3 and settings at the server's storage."""
    for name, value in state.get("endpoints", {}).items():
        os.environ[name] = value
    if state.get("endpoints"):
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    os.environ["TABLE_NAME"], os.environ["BUCKET_NAME"] = state["table"], state["bucket"]
    os.environ.update(state.get("settings", {}))
