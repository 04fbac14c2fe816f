"""One atomic write of several items, each operation carrying the API error its failed condition
means, and the one retry loop every optimistic write uses."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import TypeVar

from shared import store
from shared.errors import ApiError, BadRequest, Conflict, PayloadTooLarge

MAX_ATTEMPTS = 12  # optimistic-concurrency retries for writes sent without If-Match

T = TypeVar("T")


class VersionChanged(ApiError):
    """Someone wrote the record between our read and our write."""


class StillReferenced(Conflict):
    """A unique value other records refer to (a center's code) cannot be released."""


class RecordExists(Conflict):
    """The id is taken (for a bulk load, proof that the row was written before)."""


class Transaction:
    """Operations with, for each, the API error its failed condition means."""

    def __init__(self) -> None:
        self.operations: list[store.Operation] = []
        self.errors: list[ApiError | None] = []
        self.events: list[store.Operation] = []

    def add_event(self, operation: store.Operation) -> None:
        """An outbox item (shared.events). Events go last: moto applies a transaction's operations
        in order and undoes them on a failed condition, and its stream would carry an event put
        before the failing operation; put after every condition, it is written only on success."""
        self.events.append(operation)

    def add(self, operation: store.Operation, error: ApiError | None = None) -> None:
        self.operations.append(operation)
        self.errors.append(error)

    def commit_once(self) -> None:
        """Write, or raise the API error of the first failed condition (the errors of the same kind
        merged); store.Contention passes through."""
        try:
            store.write(self.operations + self.events)
        except store.ItemTooLarge:
            raise PayloadTooLarge(
                f"the record would be larger than DynamoDB's item limit ({store.MAX_ITEM_BYTES // 1024} KB)"
            ) from None
        except store.InvalidItem as refusal:
            raise BadRequest(f"the storage refused the record: {refusal}") from None
        except store.ConditionFailed as refused:
            failed = [self.errors[i] for i in refused.failed if i < len(self.errors)]
            causes = [e for e in failed if e is not None] or [Conflict("the write was refused; retry")]
            first = causes[0]
            if isinstance(first, VersionChanged):
                raise first from None
            merged = [e for error in causes if type(error) is type(first) for e in error.errors]
            raise type(first)(first.detail, merged, first.headers) from None

    def commit(self) -> None:
        """Commit, sending it again while another transaction holds one of its items."""
        retry(
            lambda _attempt: self.commit_once(),
            store.Contention,
            "the records involved are being changed by another request; retry",
        )


def retry(step: Callable[[int], T], retry_on: type[Exception], exhausted: str) -> T:
    """`step(attempt)` until it returns, backing off after each `retry_on`; after MAX_ATTEMPTS a 409
    with the message `exhausted` (the client may retry later)."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            return step(attempt)
        except retry_on:
            _backoff(attempt)
    raise Conflict(exhausted)


def _backoff(attempt: int) -> None:
    """Full jitter: concurrent writers that collided spread out instead of colliding again."""
    time.sleep(secrets.randbelow(1000) / 1000 * min(0.2, 0.005 * 2**attempt))
