"""The SQS queue of delivery attempts. A message says which attempt to make and not before when;
SQS delays a message 15 minutes at most, so a longer wait is a chain of 15-minute hops."""

from __future__ import annotations

import json
import time
from functools import lru_cache
from typing import Any

from shared.settings import get_settings

MAX_DELAY = 900  # SQS's limit for DelaySeconds
BATCH = 10  # SQS's limit for SendMessageBatch


@lru_cache(maxsize=1)
def _sqs():  # type: ignore[no-untyped-def]  # boto3 clients are untyped
    import boto3  # on first use: most functions' cold starts never need boto3's client machinery

    return boto3.client("sqs")


def _url() -> str:
    url = get_settings().webhook_queue_url
    if not url:
        raise RuntimeError("WEBHOOK_QUEUE_URL is not set")
    return url


def message(
    tenant: str, endpoint_id: str, event_id: str, round_id: str = "0", attempt: int = 1, not_before: float = 0
) -> dict[str, Any]:
    return {
        "tenant": tenant,
        "endpoint_id": endpoint_id,
        "event_id": event_id,
        "round": round_id,
        "attempt": attempt,
        "not_before": not_before,
    }


def delay_of(entry: dict[str, Any]) -> int:
    return max(0, min(MAX_DELAY, int(entry.get("not_before", 0) - time.time() + 0.999)))


def send(entries: list[dict[str, Any]]) -> None:
    """Queue messages, each delayed until its `not_before` (at most one 15-minute hop)."""
    for start in range(0, len(entries), BATCH):
        chunk = entries[start : start + BATCH]
        response = _sqs().send_message_batch(
            QueueUrl=_url(),
            Entries=[
                {"Id": str(i), "MessageBody": json.dumps(entry), "DelaySeconds": delay_of(entry)}
                for i, entry in enumerate(chunk)
            ],
        )
        if response.get("Failed"):
            raise RuntimeError(f"SQS refused {len(response['Failed'])} webhook message(s)")
