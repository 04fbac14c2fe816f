"""Events: what a committed write reports. Each is an outbox item written in the same transaction as
the write it reports, so a write that commits has its event even if the function dies right after.
The table's stream carries each new event item to the webhook fan-out (shared.webhooks); the same
items are the tenant's event feed (`GET /events/{tenantId}`), kept for RETENTION_DAYS."""

from __future__ import annotations

import json
import re
import time
import zlib
from typing import Any

from shared import keys, store
from shared.engine.values import crockford, new_id, now_iso
from shared.errors import BadRequest, field_error
from shared.settings import get_settings

# The resources whose records emit `<resource>.created|updated|deleted` (names as in the paths).
RECORD_RESOURCES = (
    "examRegProcesses",
    "exams",
    "candidates",
    "testingCenters",
    "proctors",
    "examRegistrations",
    "examResults",
)
ACTIONS = ("created", "updated", "deleted")
JOB_EVENTS = {"bulkLoads.finished": "bulk", "exports.finished": "export"}  # event type -> job kind
TEST_EVENT = "webhookEndpoints.test"  # sent to one endpoint on request; not in the feed
EVENT_TYPES = (*(f"{r}.{a}" for r in RECORD_RESOURCES for a in ACTIONS), *JOB_EVENTS)

ITEM_TYPE = "event"  # the stream's filter: only new items of this type reach the fan-out
RETENTION_DAYS = 35  # the feed promises at least 30
EVENT_ID = re.compile(r"^evt_[0-9A-HJKMNP-TV-Z]{26}$")


def new_event_id() -> str:
    """`evt_` + a ULID: event ids sort by the time they were made."""
    return "evt_" + new_id()


def item(tenant: str, event_type: str, data: dict[str, Any], resource: str | None = None) -> dict[str, Any]:
    """The outbox item. `data` is kept compressed: a record near DynamoDB's item limit still fits.
    `resource` is whose records the event is about (a job's resource for job events)."""
    event_id = new_event_id()
    return {
        **keys.event_key(tenant, event_id),
        "item_type": ITEM_TYPE,
        "id": event_id,
        "type": event_type,
        "resource": resource or event_type.split(".")[0],
        "timestamp": now_iso(),
        "tenant_id": tenant,
        "payload": zlib.compress(json.dumps(data, separators=(",", ":")).encode()),
        "expires_at": int(time.time()) + RETENTION_DAYS * 86400,
    }


def put(tenant: str, event_type: str, data: dict[str, Any], resource: str | None = None) -> store.Operation:
    """The operation that records the event, for the transaction of the write it reports."""
    return store.put_new(item(tenant, event_type, data, resource))


def data_of(event_item: dict[str, Any]) -> Any:
    return json.loads(zlib.decompress(bytes(event_item["payload"])))


def envelope(event_item: dict[str, Any]) -> dict[str, Any]:
    """The body a webhook delivers (Standard Webhooks: type, timestamp, data; and the tenant)."""
    return {
        "type": event_item["type"],
        "timestamp": event_item["timestamp"],
        "tenant_id": event_item["tenant_id"],
        "data": data_of(event_item),
    }


def feed_entry(event_item: dict[str, Any]) -> dict[str, Any]:
    return {"id": event_item["id"], **envelope(event_item)}


def get(tenant: str, event_id: str) -> dict[str, Any] | None:
    if not EVENT_ID.match(event_id):
        return None
    return store.get(keys.event_key(tenant, event_id), consistent=True)


def check_cursor(name: str, value: str | None) -> None:
    if value is not None and not EVENT_ID.match(value):
        raise BadRequest(f"{name} is not an event id", [field_error(name, "not an event id (evt_...)", "pattern")])


def settled_bound() -> str:
    """Event ids below this were made before the settle window: their transactions have committed,
    so a poll that has read past them cannot later see an earlier one appear."""
    settle = get_settings().results_feed_settle_seconds
    return "evt_" + id_time_prefix(time.time() - settle)


def id_time_prefix(seconds: float) -> str:
    """The first 10 characters of a ULID made at `seconds` (its time part)."""
    return crockford(int(seconds * 1000), 10)


def page(
    tenant: str, after: str | None, limit: int, until: str | None = None, since: str | None = None
) -> tuple[list[dict[str, Any]], bool]:
    """Event items after the cursor `after` (an event id) and from `since` (an id prefix), oldest
    first, up to `until` (exclusive; default: the settled bound); and whether more may follow."""
    low = max(after + "!" if after else "evt_", since or "")  # "!" sorts below every id character
    high = until or settled_bound()
    if low >= high:
        return [], False
    items, last = store.query_page(keys.events_pk(tenant), limit, sk_between=(low, high))
    return [i for i in items if i["sk"] < high], last is not None
