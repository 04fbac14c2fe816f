"""Lists: a resource's records by id, and its declared indexes, one signed page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from shared import keys, paging, store
from shared.auth import Caller
from shared.engine.spec import ResourceSpec
from shared.errors import BadRequest

_WINDOW_END = "_until"


def _foreign_token() -> BadRequest:
    return BadRequest("exclusiveStartKey does not belong to this list")


def partition_page(
    scope: str,
    pk: str,
    limit: int,
    token: str | None,
    forward: bool = True,
    sk_between: tuple[str, str] | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One signed page of the table partition `pk`: the raw items, and the next page's token
    (signed for `scope`), or None on the last page. A token not signed for `scope` is paging.decode's
    400; one whose key lies outside `pk` is the 400 "does not belong to this list"."""
    start = paging.decode(scope, token) if token else None
    if start is not None and not store.in_partition(start, pk):
        raise _foreign_token()
    items, last = store.query_page(pk, limit, start, forward, sk_between=sk_between)
    return items, (paging.encode(scope, last) if last else None)


def list_page(
    spec: ResourceSpec, caller: Caller, limit: int, token: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    items, next_token = partition_page(
        f"{caller.tenant}/{spec.name}", keys.collection_pk(caller.tenant, spec.name), limit, token
    )
    return [store.public(i) for i in items], next_token


class IndexPage(NamedTuple):
    items: list[dict[str, Any]]
    token: str | None  # the next page's, or None on the last page
    window_end: str | None = None  # with `sk_until`: where this traversal ends


def query_index(
    spec: ResourceSpec,
    caller: Caller,
    index_name: str,
    partition: str | None,
    limit: int,
    token: str | None,
    forward: bool = True,
    sk_between: tuple[str, str] | None = None,
    sk_from: str | None = None,
    sk_until: Callable[[], str] | None = None,
) -> IndexPage:
    """One page of the records in one partition of the resource's index `index_name`, with a page
    token bound to tenant, resource, index and partition.

    With `sk_until`, the sort keys run from `sk_from` up to (excluding) a bound that the first page
    takes from `sk_until()` and its page token carries, so every page of one traversal ends at the
    same place however long the client takes between pages.
    """
    index = spec.index(index_name)
    pk = keys.index_pk(caller.tenant, spec.name, index.name, partition)
    scope = f"{caller.tenant}/{spec.name}/{index.table_index}/{index.name}" + (
        f"#{partition}" if partition is not None else ""
    )
    start = paging.decode(scope, token) if token else None
    if start is not None and not store.in_partition(start, pk, index.table_index):
        raise _foreign_token()
    pinned: dict[str, str] = {}
    if sk_until is not None:
        end = start.pop(_WINDOW_END, None) if start else sk_until()
        if not isinstance(end, str):
            raise _foreign_token()
        if sk_from is not None and sk_from >= end:
            return IndexPage([], None, end)
        sk_between, sk_from, pinned = (sk_from or "", end), None, {_WINDOW_END: end}
    items, last = store.query_page(pk, limit, start, forward, index.table_index, sk_between, sk_from)
    next_token = paging.encode(scope, last | pinned) if last else None
    return IndexPage([store.public(i) for i in items], next_token, pinned.get(_WINDOW_END))
