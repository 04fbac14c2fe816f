"""The webhookEndpoints resource's own rules and routes beyond the generic contract."""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field, ValidationError, model_validator

from shared import events, keys, store
from shared.auth import Caller
from shared.engine.queries import partition_page
from shared.engine.spec import Hooks, ResourceSpec, WriteExtras
from shared.engine.values import new_id, now_iso
from shared.errors import BadRequest, Conflict, NotFound, field_error, pydantic_errors
from shared.models.base import STRICT
from shared.models.common import Instant
from shared.webhooks import access, queue, secrets, urls
from shared.webhooks.delivery import ENDPOINTS

ROTATION_OVERLAP_SECONDS = 24 * 3600  # deliveries carry both signatures this long after a rotation
MAX_REPLAY = 1000  # events one replay request may queue


class EndpointHooks(Hooks):
    """The URL must be allowed; a new endpoint gets its signing secret (returned once, stored
    encrypted) and remembers its creator's role, which bounds the events it receives."""

    def on_write(self, caller: Caller, record: dict[str, Any], current: dict[str, Any] | None) -> WriteExtras:
        if current is None or current.get("url") != record["url"]:
            urls.check(record["url"])
        if record.get("is_active", True):
            record.pop("disabled_reason", None)
        if current is not None:
            return WriteExtras()
        secret = secrets.new_secret()
        internal = {"_secret": secrets.encrypt(caller.tenant, record["id"], secret), "_owner_role": caller.role}
        return WriteExtras(internal=internal, response={"secret": secret})


def _endpoint(caller: Caller, endpoint_id: str) -> dict[str, Any]:
    item = store.get(keys.record_key(caller.tenant, ENDPOINTS, endpoint_id), consistent=True)
    if item is None:
        raise NotFound("no webhook endpoint record has this id")
    return item


def rotate_secret(caller: Caller, endpoint_id: str) -> dict[str, Any]:
    """A new secret, returned once; the previous one keeps signing for ROTATION_OVERLAP_SECONDS."""
    item = _endpoint(caller, endpoint_id)
    secret = secrets.new_secret()
    changes = {
        "_secret": secrets.encrypt(caller.tenant, endpoint_id, secret),
        "_previous_secret": item["_secret"],
        "_previous_until": int(time.time()) + ROTATION_OVERLAP_SECONDS,
        "sys_version": item["sys_version"] + 1,
        "sys_last_modified_at": now_iso(),
        "sys_last_modified_by_id": caller.key_id,
        "sys_last_security_context": caller.security_context(),
    }
    key = keys.record_key(caller.tenant, ENDPOINTS, endpoint_id)
    try:
        store.write([store.update_record(key, changes, [], item["sys_version"])])
    except store.ConditionFailed:
        raise Conflict("the endpoint changed while its secret was rotated; retry") from None
    return {**store.public({**item, **changes}), "secret": secret}


def deliveries(
    caller: Caller, endpoint_id: str, limit: int, token: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """The endpoint's attempts, newest first."""
    _endpoint(caller, endpoint_id)
    items, next_token = partition_page(
        f"{caller.tenant}/{ENDPOINTS}/{endpoint_id}/deliveries",
        keys.deliveries_pk(caller.tenant, endpoint_id),
        limit,
        token,
        forward=False,
        sk_between=keys.ATTEMPT_RANGE,
    )
    return [_attempt_view(i) for i in items], next_token


# What the deliveries log shows of an attempt item besides its id (docs/openapi.json: all required).
ATTEMPT_FIELDS = (
    "event_id",
    "event_type",
    "attempt",
    "status",
    "response_status",
    "error",
    "attempted_at",
    "next_attempt_at",
    "duration_ms",
)


def _attempt_view(item: dict[str, Any]) -> dict[str, Any]:
    return {"id": item["sk"].removeprefix("attempt#"), **{name: item.get(name) for name in ATTEMPT_FIELDS}}


class ReplayRequest(BaseModel):
    model_config = STRICT

    event_id: str | None = Field(default=None, pattern=events.EVENT_ID.pattern)
    since: Instant | None = None
    until: Instant | None = None

    @model_validator(mode="after")
    def _one_way(self) -> ReplayRequest:
        if (self.event_id is None) == (self.since is None):
            raise ValueError("send either event_id, or since (and optionally until)")
        if self.event_id and self.until:
            raise ValueError("until goes with since, not with event_id")
        if self.since and self.until and self.until <= self.since:
            raise ValueError("until must be later than since")
        return self


def replay(caller: Caller, endpoint_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Queue the events again (a new round: every attempt anew, with the original webhook-id)."""
    endpoint = _endpoint(caller, endpoint_id)
    try:
        request = ReplayRequest.model_validate(body)
    except ValidationError as error:
        raise BadRequest("the replay request is not valid", pydantic_errors(error.errors())) from None
    if request.event_id:
        item = events.get(caller.tenant, request.event_id)
        if item is None:
            raise NotFound("no event has this id (events are kept 35 days)")
        if not access.receives({**endpoint, "is_active": True}, item["type"], item.get("resource", "")):
            raise BadRequest(
                "this endpoint does not receive events of this type",
                [field_error("event_id", "not one of the endpoint's event types", "not-subscribed")],
            )
        chosen = [item]
    else:
        assert request.since is not None
        low = "evt_" + events.id_time_prefix(request.since.timestamp())
        high = "evt_" + events.id_time_prefix(request.until.timestamp() if request.until else time.time() + 1)
        found, more = events.page(caller.tenant, None, MAX_REPLAY + 1, until=high, since=low)
        if len(found) > MAX_REPLAY or more:
            raise BadRequest(
                f"the range holds more than {MAX_REPLAY} events; replay a shorter range",
                [field_error("since", "range too long", "too-many-events")],
            )
        receiving = {**endpoint, "is_active": True}
        chosen = [i for i in found if access.receives(receiving, i["type"], i.get("resource", ""))]
    round_id = new_id()
    queue.send([queue.message(caller.tenant, endpoint_id, i["id"], round_id) for i in chosen])
    return {"round": round_id, "queued": len(chosen), "event_ids": [i["id"] for i in chosen]}


def send_test(caller: Caller, endpoint_id: str) -> dict[str, Any]:
    """Queue a `webhookEndpoints.test` event for this endpoint only (not in the feed)."""
    endpoint = _endpoint(caller, endpoint_id)
    event_id = events.new_event_id()
    envelope = {
        "type": events.TEST_EVENT,
        "timestamp": now_iso(),
        "tenant_id": caller.tenant,
        "data": {"webhook_endpoint_id": endpoint_id, "url": endpoint["url"]},
    }
    entry = {
        **queue.message(caller.tenant, endpoint_id, event_id),
        "inline": {"type": events.TEST_EVENT, "envelope": envelope},
    }
    queue.send([entry])
    return {"event_id": event_id, "type": events.TEST_EVENT, "queued": 1}


def spec() -> ResourceSpec:
    from shared.engine.spec import ALL_ROLES
    from shared.models.webhook_endpoints import WebhookEndpointIn

    return ResourceSpec(
        name=ENDPOINTS,
        model=WebhookEndpointIn,
        label="webhook endpoint",
        read_roles=ALL_ROLES,
        write_roles=ALL_ROLES,
        hooks=EndpointHooks(),
        emits_events=False,  # its own changes are no events of the tenant's records
    )
