"""One delivery attempt: sign the event (Standard Webhooks v1), POST it, record the attempt in the
endpoint's deliveries log and queue the next one on the retry schedule.

At least once, never lost: the next attempt is queued before this one is recorded, and this
message is deleted only after both (a dispatcher that dies anywhere leaves its message to come back
after the queue's visibility timeout). A message whose attempt is recorded already is dropped, so
duplicates of one message do not multiply attempts. Every attempt of one event carries the event's
id as `webhook-id`."""

from __future__ import annotations

import contextlib
import json
import random
import ssl
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from aws_lambda_powertools import Logger

from shared import events, keys, store
from shared.auth import ADMIN, Caller
from shared.engine.values import new_id
from shared.settings import get_settings
from shared.webhooks import queue, secrets, urls

logger = Logger(child=True)

ENDPOINTS = "webhookEndpoints"
RETENTION_DAYS = 35
MAX_RETRY_AFTER = 86400
SLOT_MARGIN = 15  # seconds a slot's claim outlasts the receiver's timeout (signing, the log write)
MAX_DEFERRAL = 30  # seconds: the longest an attempt waits for a busy endpoint before it looks again
SYSTEM = "webhook-dispatcher"  # sys_last_modified_by_id of an endpoint the dispatcher disabled


@dataclass
class Outcome:
    status: int | None = None  # the receiver's HTTP status
    error: str | None = None  # why it failed (never the response body, never the URL)
    retry_after: float | None = None
    duration_ms: int = 0


def sign(event_id: str, body: str, secrets_in_use: list[str], at: int) -> str:
    from standardwebhooks.webhooks import Webhook

    moment = datetime.fromtimestamp(at, UTC)
    return " ".join(Webhook(secret).sign(event_id, moment, body) for secret in secrets_in_use)


def signing_secrets(tenant: str, endpoint: dict[str, Any], now: float) -> list[str]:
    """The current secret; and for 24 hours after a rotation, the previous one too."""
    found = [secrets.decrypt(tenant, endpoint["id"], bytes(endpoint["_secret"]))]
    if endpoint.get("_previous_secret") and float(endpoint.get("_previous_until", 0)) > now:
        found.append(secrets.decrypt(tenant, endpoint["id"], bytes(endpoint["_previous_secret"])))
    return found


def post(url: str, headers: dict[str, str], body: bytes, timeout: float) -> Outcome:
    """POST to the checked address of the URL's host (no redirects followed)."""
    import urllib3

    started = time.perf_counter()

    def done(**fields: Any) -> Outcome:
        return Outcome(duration_ms=int((time.perf_counter() - started) * 1000), **fields)

    try:
        address = urls.vetted_addresses(url)[0]
    except urls.UrlRefused as refused:
        return done(error=f"the URL was refused: {refused}")
    parts = urlsplit(url)
    host = parts.hostname or ""
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    options: dict[str, Any] = {"timeout": urllib3.Timeout(total=timeout), "retries": False, "maxsize": 1}
    pool: urllib3.HTTPConnectionPool
    if secure:
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            ssl_context=ssl.create_default_context(),
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default_port = port == (443 if secure else 80)
    host_header = (f"[{host}]" if ":" in host else host) + ("" if default_port else f":{port}")
    try:
        with pool:
            response = pool.urlopen(
                "POST",
                target,
                body=body,
                headers={**headers, "Host": host_header},
                redirect=False,
                preload_content=False,
            )
            response.read(65536, decode_content=False)  # a little of the body, to let the connection close cleanly
            retry_after = response.headers.get("Retry-After")
            status = response.status
    except urllib3.exceptions.TimeoutError:
        return done(error=f"no answer within {timeout:g} s")
    except (urllib3.exceptions.HTTPError, OSError) as error:
        return done(error=f"the connection failed ({type(error).__name__})")
    seconds = None
    if retry_after and retry_after.strip().isdigit():
        seconds = float(min(int(retry_after.strip()), MAX_RETRY_AFTER))
    return done(status=status, retry_after=seconds, error=None if 200 <= status < 300 else f"HTTP {status}")


def attempt(entry: dict[str, Any]) -> str:
    """Process one queue message; returns what happened (for logs and tests)."""
    now = time.time()
    if float(entry.get("not_before", 0)) > now + 1:
        queue.send([entry])  # the next 15-minute hop of a longer wait
        return "waiting"
    tenant, endpoint_id, event_id = entry["tenant"], entry["endpoint_id"], entry["event_id"]
    round_id, number = str(entry.get("round", "0")), int(entry.get("attempt", 1))
    state_key = keys.delivery_state_key(tenant, endpoint_id, event_id, round_id)
    state = store.get(state_key, consistent=True) or {}
    if state.get("status") in ("succeeded", "failed") or int(state.get("attempts", 0)) >= number:
        return "done before"
    endpoint = store.get(keys.record_key(tenant, ENDPOINTS, endpoint_id), consistent=True)
    if endpoint is None:
        return "endpoint deleted"
    settings = get_settings()
    schedule = settings.webhook_retry_schedule
    slot = None
    if endpoint.get("is_active", True):
        slot = _claim_slot(tenant, endpoint_id, now)  # before reading the event: a busy endpoint costs little
        if slot is None:
            return _defer(entry, now)
    try:
        event_item = entry.get("inline") or events.get(tenant, event_id)
        if event_item is None:
            outcome, final = Outcome(error="the event is no longer kept"), True
        elif not endpoint.get("is_active", True):
            outcome, final = Outcome(error="the endpoint is disabled"), True
        else:
            outcome = _post_signed(entry, endpoint, event_item, now)
            final = outcome.error is None or outcome.status == 410 or number >= len(schedule)
    finally:
        if slot is not None:
            store.free_slot(*slot)
    succeeded = outcome.error is None
    next_at = None
    if not final:
        delay = float(schedule[number])
        if outcome.status in (429, 503) and outcome.retry_after is not None:
            delay = max(delay, outcome.retry_after)
        next_at = now + delay
        queue.send([{**entry, "attempt": number + 1, "not_before": next_at, "deferrals": 0}])
    status = "succeeded" if succeeded else "failed" if final else "pending"
    event_type = (entry.get("inline") or {}).get("type") or (event_item or {}).get("type", "")
    log = {
        **keys.delivery_attempt_key(tenant, endpoint_id, new_id()),
        "event_id": event_id,
        "event_type": event_type,
        "round": round_id,
        "attempt": number,
        "status": status,
        "response_status": outcome.status,
        "error": outcome.error,
        "attempted_at": _iso(now),
        "next_attempt_at": _iso(next_at) if next_at else None,
        "duration_ms": outcome.duration_ms,
        "expires_at": int(now) + RETENTION_DAYS * 86400,
    }
    try:
        store.write(
            [
                store.advance(state_key, "attempts", number, {"status": status, "expires_at": log["expires_at"]}),
                store.put_new(log),
            ]
        )
    except store.ConditionFailed:
        return "done before"  # a duplicate of this message recorded the attempt meanwhile
    _follow_up(tenant, endpoint, outcome, now)
    logger.info("webhook attempt", extra={"endpoint_id": endpoint_id, "event_id": event_id, "status": status})
    return status


def _post_signed(entry: dict[str, Any], endpoint: dict[str, Any], event_item: dict[str, Any], now: float) -> Outcome:
    event_id = entry["event_id"]
    envelope = entry["inline"]["envelope"] if entry.get("inline") else events.envelope(event_item)
    body = json.dumps(envelope, separators=(",", ":"))
    at = int(now)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "exam-registration-webhooks/1",
        "webhook-id": event_id,
        "webhook-timestamp": str(at),
        "webhook-signature": sign(event_id, body, signing_secrets(entry["tenant"], endpoint, now), at),
    }
    return post(endpoint["url"], headers, body.encode(), get_settings().webhook_timeout_seconds)


def _claim_slot(tenant: str, endpoint_id: str, now: float) -> tuple[dict[str, str], str] | None:
    """One of the endpoint's few attempts in flight (WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT): a receiver
    that is slow or down holds that many dispatcher invocations at most, never all of them. The claim
    outlasts the attempt's timeout, so a dispatcher that dies mid-attempt frees its slot by itself."""
    settings = get_settings()
    owner = new_id()
    until = int(now + settings.webhook_timeout_seconds) + SLOT_MARGIN
    slots = [keys.delivery_slot_key(tenant, endpoint_id, n) for n in range(settings.webhook_max_in_flight_per_endpoint)]
    random.shuffle(slots)  # in no fixed order: fewer claims collide
    first, others = slots[0], slots[1:]
    # One claim first (an endpoint that is not busy: one write). If that slot is taken, one read of
    # the others says which are free (a busy endpoint: a failed write and a read, then the deferral).
    if store.claim_slot(first, owner, until, keep_until=until + 86400):
        return first, owner
    for key, held in zip(others, store.batch_get(others, consistent=True) if others else [], strict=True):
        free = held is None or int(held.get("held_until", 0)) < int(now)
        if free and store.claim_slot(key, owner, until, keep_until=until + 86400):
            return key, owner
    return None


def _defer(entry: dict[str, Any], now: float) -> str:
    """Every slot is taken: the same attempt goes back to the queue, later each time it finds the
    endpoint busy (exponential backoff with jitter, up to 30 s). It is not an attempt: the
    deliveries log and the retry schedule do not see it."""
    deferrals = int(entry.get("deferrals", 0))
    ceiling = min(MAX_DEFERRAL, 2 ** min(deferrals + 1, 6))
    wait = ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (jitter, not a secret)
    queue.send([{**entry, "deferrals": deferrals + 1, "not_before": now + wait}])
    # DEBUG: a backlog waiting for a busy endpoint defers many times; the metric counts them.
    logger.debug("webhook attempt deferred", extra={"endpoint_id": entry["endpoint_id"], "event_id": entry["event_id"]})
    return "deferred"


def _follow_up(tenant: str, endpoint: dict[str, Any], outcome: Outcome, now: float) -> None:
    """410 Gone disables the endpoint; so does failing every attempt for the disable period."""
    key = keys.record_key(tenant, ENDPOINTS, endpoint["id"])
    if outcome.error is None:
        if "_failing_since" in endpoint:
            store.write([store.remove_attributes(key, ["_failing_since"])])
        return
    if outcome.status is None and outcome.error in ("the endpoint is disabled", "the event is no longer kept"):
        return
    if outcome.status == 410:
        _disable(tenant, endpoint["id"], "the endpoint answered 410 Gone")
        return
    since = endpoint.get("_failing_since")
    if since is None:
        with contextlib.suppress(store.ConditionFailed):  # another attempt set it first
            store.write([store.set_if_absent(key, "_failing_since", int(now))])
    elif now - float(since) >= get_settings().webhook_disable_after_seconds:
        days = get_settings().webhook_disable_after_seconds / 86400
        _disable(tenant, endpoint["id"], f"every attempt failed for {days:g} days")


def _disable(tenant: str, endpoint_id: str, reason: str) -> None:
    from shared.engine import records
    from shared.resources import WEBHOOK_ENDPOINTS

    caller = Caller(tenant=tenant, role=ADMIN, key_id=SYSTEM)
    try:
        records.modify(
            WEBHOOK_ENDPOINTS,
            caller,
            endpoint_id,
            None,
            lambda current: {**_client_fields(current), "is_active": False},
            stamps={"disabled_reason": reason},
        )
    except Exception:  # deleted meanwhile, or locked: nothing to disable
        logger.exception("could not disable a webhook endpoint", extra={"endpoint_id": endpoint_id})


def _client_fields(current: dict[str, Any]) -> dict[str, Any]:
    from shared.models.base import is_server_managed

    return {k: v for k, v in current.items() if k not in ("id", "disabled_reason") and not is_server_managed(k)}


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
