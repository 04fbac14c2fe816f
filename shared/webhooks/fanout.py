"""New event items (from the table's stream) -> one queue message per endpoint that receives them."""

from __future__ import annotations

from typing import Any

from shared import keys, paging, store
from shared.events import ITEM_TYPE
from shared.webhooks import access, queue
from shared.webhooks.delivery import ENDPOINTS


def endpoints_of(tenant: str) -> list[dict[str, Any]]:
    pk = keys.collection_pk(tenant, ENDPOINTS)
    return list(paging.walk(lambda start: store.query_page(pk, 1000, start)))


def fan_out(event_items: list[dict[str, Any]]) -> int:
    """Queue the first attempt of each (event, endpoint); returns how many were queued. Run twice on
    the same events (a stream batch retried), it queues duplicates the dispatcher drops."""
    by_tenant: dict[str, list[dict[str, Any]]] = {}
    for item in event_items:
        if item.get("item_type") == ITEM_TYPE:
            by_tenant.setdefault(item["tenant_id"], []).append(item)
    messages = []
    for tenant, items in by_tenant.items():
        endpoints = endpoints_of(tenant)
        for item in items:
            for endpoint in endpoints:
                if access.receives(endpoint, item["type"], item.get("resource", "")):
                    messages.append(queue.message(tenant, endpoint["id"], item["id"]))
    queue.send(messages)
    return len(messages)


def items_of_stream(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The new event items a DynamoDB stream batch carries (Lambda's event shape), without payloads."""
    found = []
    for record in records:
        image = (record.get("dynamodb") or {}).get("NewImage") or {}
        if record.get("eventName") != "INSERT" or image.get("item_type", {}).get("S") != ITEM_TYPE:
            continue
        found.append(store.deserialize({k: v for k, v in image.items() if k != "payload"}))
    return found
