"""The record writes of a bulk load: rows created many to a transaction, replaces that a resumed
load recognises as done, and the ids that make a retried row the same row."""

from __future__ import annotations

from typing import Any

from shared import engine, keys, store
from shared.auth import Caller
from shared.engine.records import add_creation, limit_reached, modify, reference_ids, tenant_limit
from shared.engine.spec import Reference
from shared.engine.transaction import RecordExists, Transaction
from shared.engine.values import derived_id
from shared.errors import Conflict

MAX_TRANSACTION_ITEMS = 100  # DynamoDB's limit for one TransactWriteItems

__all__ = ["RecordExists", "create_many", "operations_for", "replace", "row_id"]


def row_id(job_id: str, record_no: int) -> str:
    """The id a created row gets: derived, so a resumed load recognises rows it already wrote."""
    return derived_id(job_id, f"{job_id}:{record_no}")


def create_many(
    spec: engine.ResourceSpec, caller: Caller, rows: list[tuple[str, dict[str, Any], dict[str, Any]]]
) -> None:
    """Create several records (id, data, stamps) in ONE transaction that also moves the tenant's count
    once and each referenced record's count once. Any failure raises and writes nothing: the caller
    then creates the rows one by one to learn which failed."""
    tenant = caller.tenant
    counter_key = keys.counter_key(tenant, spec.name)
    counter = store.get(counter_key, consistent=True) or {}
    count, limit = int(counter.get("n", 0)), int(counter.get("limit", tenant_limit()))
    if count + len(rows) > limit:
        raise limit_reached(spec)
    tx = Transaction()
    references: dict[tuple[Reference, str], int] = {}
    for record_id, data, stamps in rows:
        record, _response = add_creation(tx, spec, caller, data, record_id, stamps)
        for target in reference_ids(spec, record):
            references[target] = references.get(target, 0) + 1
    for (ref, value), times in references.items():
        tx.add(store.add_references(ref.key(tenant, value), times), Conflict("a referenced record does not exist"))
    tx.add(store.bump_counter_from(counter_key, len(rows), count), Conflict("the count moved"))
    tx.commit_once()


def replace(
    spec: engine.ResourceSpec, caller: Caller, record_id: str, data: dict[str, Any], stamps: dict[str, Any]
) -> dict[str, Any]:
    """Replace a record with a row's data and stamps; a row this load applied before is left as it is."""

    def applied_before(current: dict[str, Any]) -> bool:
        return all(current.get(k) == stamps[k] for k in ("sys_bulk_load_id", "sys_bulk_load_record_no"))

    return modify(spec, caller, record_id, None, lambda _current: data, stamps, done_before=applied_before)


def operations_for(spec: engine.ResourceSpec, data: dict[str, Any]) -> int:
    """An upper bound of the transaction operations one created record needs (for packing)."""
    uniques = sum(1 for name in spec.unique_fields if data.get(name) is not None)
    own = 1 + uniques + len(reference_ids(spec, data)) + spec.hooks.extra_operations
    return own + ((1 + spec.hooks.extra_events) if spec.emits_events else 0)
