"""`Idempotency-Key` on the POSTs that create or start something: a retry gets the first answer.

Powertools' Idempotency utility over the project's own table. One request = the tenant, the
caller's API key id, the method and path, and the header's value (hashed into the item's sort key,
under the tenant's own partition `keys.idempotency_pk`); its body is hashed too (the canonical JSON,
or the bytes of a CSV or NDJSON file) and compared on a replay. The stored value is the whole proxy
answer (status, headers, body): a replay answers it as it was, plus `Idempotent-Replayed: true`.

- The same key with another body: 422. While the first request runs: 409 with `Retry-After`.
- A 4xx answer is stored and replayed; a 5xx is not (the function raises, Powertools deletes the
  in-progress item), so a retry runs again. So is an answer too large for one item.
- Items expire after 24 hours (`expires_at`, the table's TTL attribute; Powertools also checks the
  expiry itself, so an expired item that TTL has not deleted yet runs the request again).
- Without the header nothing of this runs (no DynamoDB request; Powertools and boto3 are imported
  on the first request that sends one).

`POST /apiKeys` refuses the header: its answer holds the new key's secret, which is never stored.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger

from shared import keys, store
from shared.errors import BadRequest, InternalError, RequestInProgress, UnprocessableContent, field_error
from shared.routes import LAMBDAS
from shared.table_schema import PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
EXPIRES_AFTER_SECONDS = 24 * 60 * 60
# A request that finds its key in progress waits this long: the routes that take a key answer in
# well under a second (docs/performance.md), a bulk-load start (an inline file) in a few.
RETRY_AFTER_SECONDS = 1
MAX_KEY_LENGTH = 255
# Operations of the generic contract that take the header (records' creates, batch, job starts).
OPERATIONS = ("create", "batch", "bulkLoadStart", "exportStart")
REFUSED = frozenset({"apiKeys", "webhookEndpoints"})  # resources whose create answer holds a secret
# An answer larger than this is not stored (one item holds at most 400 KB, keys and status included).
MAX_STORED_BYTES = store.MAX_ITEM_BYTES - 4096

# Printable ASCII (0x20-0x7E), neither starting nor ending with a space (HTTP trims those).
logger = Logger()

_VALID_KEY = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?")  # MAX_KEY_LENGTH - 2 inner
# (method, API Gateway resource path) -> resource name, for the routes that take the header.
_ROUTES: dict[tuple[str, str], str] = {
    (route.method, route.path): function.name
    for function in LAMBDAS
    for route in (function.operation_route(op) for op in OPERATIONS if op in function.operations)
}


def header_value(event: dict[str, Any]) -> str | None:
    """The Idempotency-Key sent, or None; BadRequest when it is sent twice."""
    multi = [
        v for k, vs in (event.get("multiValueHeaders") or {}).items() if k.lower() == "idempotency-key" for v in vs
    ]
    if len(multi) > 1:
        raise BadRequest(f"send one {HEADER}", [field_error(HEADER, "sent more than once", "duplicate")])
    return next((v for k, v in (event.get("headers") or {}).items() if k.lower() == "idempotency-key"), None)


def applies(event: dict[str, Any]) -> str | None:
    """The resource whose route this request is, when the route takes the header."""
    return _ROUTES.get((str(event.get("httpMethod", "")).upper(), str(event.get("resource", ""))))


def check_key(value: str, resource: str) -> None:
    if not _VALID_KEY.fullmatch(value):
        raise BadRequest(
            f"{HEADER} must be 1-{MAX_KEY_LENGTH} printable ASCII characters",
            [field_error(HEADER, f"must be 1-{MAX_KEY_LENGTH} printable ASCII characters", "invalid")],
        )
    if resource in REFUSED:
        raise BadRequest(
            f"{HEADER} is not taken here: the answer holds a secret shown once, which is never stored; "
            "list the records to see whether a create went through",
            [field_error(HEADER, "not allowed on this route", "not-allowed")],
        )


def body_hash(event: dict[str, Any], json_value: Any) -> str:
    """The canonical JSON of a JSON body, else the media type and bytes of a file, hashed."""
    if json_value is not None:
        canonical = json.dumps(json_value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return "json:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    raw = event.get("body") or ""
    data = base64.b64decode(raw) if event.get("isBase64Encoded") else raw.encode("utf-8", "surrogateescape")
    media = next((v for k, v in (event.get("headers") or {}).items() if k.lower() == "content-type"), "") or ""
    return media.split(";")[0].strip().lower() + ":" + hashlib.sha256(data).hexdigest()


Answer = dict[str, Any]  # a Lambda proxy integration answer


class _NotStored(Exception):
    """Raised inside the idempotent function so that Powertools deletes the in-progress item."""

    def __init__(self, answer: Answer):
        super().__init__(answer.get("statusCode"))
        self.answer = answer


def guard(event: dict[str, Any], context: Any, json_value: Any, resolve: Callable[[], Answer]) -> Answer:
    """`resolve()` once per Idempotency-Key, or the answer it gave. Raises ApiError for a refusal
    (the caller answers it as problem+json)."""
    value = header_value(event)
    resource = applies(event)
    if value is None or resource is None:
        return resolve()
    check_key(value, resource)
    authorizer = (event.get("requestContext") or {}).get("authorizer") or {}
    tenant, key_id = authorizer.get("tenantId"), authorizer.get("keyId")
    if not (tenant and key_id):
        return resolve()  # no caller: the route answers 401, nothing to remember
    request = {
        "tenant": tenant,
        "key_id": key_id,
        "route": f"{str(event.get('httpMethod')).upper()} {event.get('path')}",
        "key": value,
        "body": body_hash(event, json_value),
    }
    return _Idempotent.get().run(request, str(tenant), context, resolve)


class _Idempotent:
    """Powertools' idempotent function over the table, built on first use (one per process and
    DynamoDB client: tests switch endpoints)."""

    _current: _Idempotent | None = None

    @classmethod
    def get(cls) -> _Idempotent:
        if cls._current is None or cls._current.client is not store.client():
            cls._current = cls()
        return cls._current

    def __init__(self) -> None:
        from aws_lambda_powertools.utilities.idempotency import (
            DynamoDBPersistenceLayer,
            IdempotencyConfig,
            idempotent_function,
        )

        self.client = store.client()
        # One persistence layer per process, its partition set per request (one request at a time
        # per environment): building one per request would register another user-agent hook on the
        # shared client every time.
        self.layer = DynamoDBPersistenceLayer(
            table_name=store.table(),
            key_attr=PARTITION_KEY,
            sort_key_attr=SORT_KEY,
            expiry_attr=TTL_ATTRIBUTE,
            boto3_client=self.client,
        )
        self.config = IdempotencyConfig(
            event_key_jmespath="[tenant, key_id, route, key]",
            payload_validation_jmespath="body",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=EXPIRES_AFTER_SECONDS,
            hash_function="sha256",
            response_hook=_replayed,
        )
        self.function = idempotent_function(
            _run, data_keyword_argument="request", persistence_store=self.layer, config=self.config, key_prefix="key"
        )

    def run(self, request: dict[str, str], tenant: str, context: Any, resolve: Callable[[], Answer]) -> Answer:
        from aws_lambda_powertools.utilities.idempotency.exceptions import (
            IdempotencyAlreadyInProgressError,
            IdempotencyValidationError,
        )

        self.layer.static_pk_value = keys.idempotency_pk(tenant)
        # Lambda's remaining time bounds the in-progress item: a request cut off by its timeout
        # does not hold the key for 24 hours.
        self.config.lambda_context = context if hasattr(context, "get_remaining_time_in_millis") else None
        answered: list[Answer] = []
        try:
            answer: Answer = self.function(request=request, resolve=resolve, answered=answered)
            return answer
        except _NotStored as not_stored:
            return not_stored.answer
        except IdempotencyValidationError:
            raise UnprocessableContent(
                f"this {HEADER} was sent with another request body; use a new key for a new request",
                [field_error(HEADER, "already used with another body", "reused")],
            ) from None
        except IdempotencyAlreadyInProgressError:
            raise RequestInProgress(
                f"a request with this {HEADER} is still running; retry after {RETRY_AFTER_SECONDS} s",
                [field_error(HEADER, "a request with this key is in progress", "in-progress")],
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            ) from None
        except Exception as error:  # the idempotency store failed (the request may have run)
            logger.exception("idempotency store failed")
            if answered:  # it ran, and only remembering its answer failed
                return answered[0]
            raise InternalError("an unexpected error occurred; it has been logged") from error


def _run(request: dict[str, str], resolve: Callable[[], Answer], answered: list[Answer]) -> Answer:
    """Runs once per key (`request` is what Powertools hashes)."""
    del request
    answer = resolve()
    stored = len(json.dumps(answer, sort_keys=True).encode())
    if int(answer.get("statusCode", 500)) >= 500 or stored > MAX_STORED_BYTES:
        raise _NotStored(answer)
    answered.append(answer)
    return answer


def _replayed(response: Any, idempotent_data: Any) -> Any:
    """Powertools' response hook: a stored answer, as replayed."""
    del idempotent_data
    answer: Answer = response
    if "multiValueHeaders" in answer:
        answer["multiValueHeaders"] = {**(answer["multiValueHeaders"] or {}), REPLAYED: ["true"]}
    else:
        answer["headers"] = {**(answer.get("headers") or {}), REPLAYED: "true"}
    return answer
