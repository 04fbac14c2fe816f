"""The generic resource engine: the whole record contract (create, read, list, replace, patch,
delete, batch) for any resource declared as a `ResourceSpec`. No HTTP here, no DynamoDB syntax:
the HTTP layer is `shared.api`, storage is `shared.store`."""

from __future__ import annotations

import contextlib
import copy
import os
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from shared import paging, store
from shared.auth import ADMIN, CLIENT, DELIVERY, Caller
from shared.errors import (
    ApiError,
    BadRequest,
    Conflict,
    Forbidden,
    LimitExceeded,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    field_error,
    pydantic_errors,
)
from shared.models.base import RecordIn, is_server_managed
from shared.settings import get_settings
from shared.table_schema import GLOBAL_SECONDARY_INDEXES

ALL_ROLES = frozenset({ADMIN, CLIENT, DELIVERY})
WRITERS = frozenset({ADMIN, CLIENT})
MAX_ATTEMPTS = 12  # optimistic-concurrency retries for writes sent without If-Match


@dataclass(frozen=True)
class Reference:
    """`field` (a scalar or a list) names records of `target` in the same tenant: by record id, or by
    the target's unique field `by` (e.g. a testing center's `code`)."""

    field: str
    target: str
    by: str = "id"

    def key(self, tenant: str, value: str) -> dict[str, str]:
        if self.by == "id":
            return store.record_key(tenant, self.target, value)
        return store.unique_key(tenant, self.target, self.by, value)


@dataclass
class WriteExtras:
    """What a resource adds to a generic write."""

    internal: dict[str, Any] = field(default_factory=dict)  # attributes stored but never returned
    operations: list[tuple[dict, ApiError | None]] = field(default_factory=list)  # same transaction
    response: dict[str, Any] = field(default_factory=dict)  # returned once, never stored


class Hooks:
    """Resource-specific steps around the generic writes. The default does nothing."""

    def on_write(self, caller: Caller, record: dict[str, Any], current: dict[str, Any] | None) -> WriteExtras:
        """Called before a create (`current` None) or a change (`current` the stored item), with the
        record about to be stored; it may adjust `record`."""
        return WriteExtras()

    def on_delete(self, caller: Caller, current: dict[str, Any]) -> list[dict]:
        return []

    extra_operations = 0  # how many operations on_write adds to a create


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    model: type[RecordIn]
    unique: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    read_roles: frozenset[str] = ALL_ROLES
    write_roles: frozenset[str] = WRITERS
    hooks: Hooks = field(default_factory=Hooks)
    title: str = ""
    # Secondary index keys: index name -> record -> (partition suffix, sort key), or None to leave
    # the record out of that index.
    indexes: dict[str, Callable[[dict[str, Any]], tuple[str, str] | None]] = field(default_factory=dict)
    # Input-only fields (a password): never stored as given, never returned.
    write_only: tuple[str, ...] = ()
    # Lists of objects that CSV spreads over one column per key: field -> (key field, value field).
    keyed_lists: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.title or self.name

    @property
    def unique_fields(self) -> tuple[str, ...]:
        """The declared unique fields, and the client's external id (bulk loads match rows on it)."""
        return (*self.unique, "sys_external_id")


# ---- small helpers ----------------------------------------------------------------------------------

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id() -> str:
    """A ULID: 48 bits of milliseconds then 80 random bits, so ids (and lists) sort by creation."""
    value = (int(time.time() * 1000) << 80) | secrets.randbits(80)
    return "".join(CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def utc_key(iso: str) -> str:
    """A date-time as fixed-width UTC text, so index sort keys order by instant."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a date-time needs a UTC offset")
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def project(record: dict[str, Any], fields: list[str] | None) -> dict[str, Any]:
    if not fields:
        return record
    return {k: v for k, v in record.items() if k == "id" or k in fields}


def parse_fields(raw: str | None) -> list[str] | None:
    if not raw:
        return None
    return [f.strip() for f in raw.split(",") if f.strip()] or None


def etag(record: dict[str, Any]) -> str:
    return f'"{record.get("sys_version", 0)}"'


def _check_if_match(current: dict[str, Any], if_match: str | None) -> None:
    if not if_match or if_match.strip() == "*":
        return
    wanted = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if etag(current) not in wanted:
        raise PreconditionFailed(
            f"the record is at version {current.get('sys_version')}; If-Match was {if_match}",
            headers={"ETag": etag(current)},
        )


def validate(spec: ResourceSpec, data: dict[str, Any]) -> dict[str, Any]:
    """Validate client data with the resource's model; return it as stored (JSON types, no nulls)."""
    try:
        model = spec.model.model_validate(data)
    except ValidationError as error:
        raise BadRequest(f"the {spec.label} is not valid", pydantic_errors(error.errors())) from None
    return dump(model)


def dump(model: BaseModel) -> dict[str, Any]:
    """The validated data as stored; what DynamoDB cannot hold (a number out of its range, an empty
    key, nesting past 32 levels) is refused here, for every way a record is written."""
    data = model.model_dump(mode="json", exclude_none=True, exclude={"id"})
    problems = store.value_problems(data)
    if problems:
        raise BadRequest("the record holds values DynamoDB cannot store", problems)
    return data


def _reference_ids(spec: ResourceSpec, record: dict[str, Any]) -> dict[tuple[Reference, str], str]:
    """{(reference, target id or code): field} for every record this one points at."""
    refs: dict[tuple[Reference, str], str] = {}
    for ref in spec.references:
        value = record.get(ref.field)
        values = value if isinstance(value, list) else [value] if value is not None else []
        for index, target_value in enumerate(values):
            where = f"{ref.field}[{index}]" if isinstance(value, list) else ref.field
            refs.setdefault((ref, str(target_value)), where)
    return refs


class _Transaction:
    """Operations with, for each, the API error its failed condition means."""

    def __init__(self) -> None:
        self.operations: list[dict] = []
        self.errors: list[ApiError | None] = []

    def add(self, operation: dict, error: ApiError | None = None) -> None:
        self.operations.append(operation)
        self.errors.append(error)

    def commit(self) -> None:
        try:
            store.write(self.operations)
        except store.ItemTooLarge:
            raise PayloadTooLarge(
                f"the record would be larger than DynamoDB's item limit ({store.MAX_ITEM_BYTES // 1024} KB)"
            ) from None
        except store.InvalidItem as refusal:
            raise BadRequest(f"the storage refused the record: {refusal}") from None
        except store.WriteConflict as conflict:
            failed = [
                self.errors[i]
                for i, reason in enumerate(conflict.reasons)
                if reason == "ConditionalCheckFailed" and i < len(self.errors)
            ]
            if not failed and any(r in ("TransactionConflict",) for r in conflict.reasons):
                raise _Contention() from None
            causes = [e for e in failed if e is not None] or [Conflict("the write was refused; retry")]
            first = causes[0]
            if isinstance(first, _VersionChanged):
                raise first from None
            merged = [e for error in causes if type(error) is type(first) for e in error.errors]
            raise type(first)(first.detail, merged, first.headers) from None


class _VersionChanged(ApiError):
    """Internal: someone wrote the record between our read and our write."""


class _Contention(Exception):
    """Internal: DynamoDB cancelled the transaction because another one held an item."""


# Set by the server once and carried across every later change (a bulk load's stamps, who tried
# to delete); a resource's own server fields (a registration's score) are carried the same way.
_KEPT_SYS_FIELDS = frozenset(
    {
        "sys_deleted_by_id",
        "sys_bulk_load_pk",
        "sys_bulk_load_at",
        "sys_bulk_load_id",
        "sys_bulk_load_record_no",
        "sys_bulk_load_source_file",
    }
)


def _stamp(
    record: dict[str, Any],
    caller: Caller,
    now: str,
    previous: dict[str, Any] | None,
    kept: frozenset[str] = frozenset(),
) -> None:
    record["sys_version"] = (previous["sys_version"] + 1) if previous else 1
    record["sys_created_at"] = previous["sys_created_at"] if previous else now
    record["sys_created_by_id"] = previous["sys_created_by_id"] if previous else caller.key_id
    record["sys_last_modified_at"] = now
    record["sys_last_modified_by_id"] = caller.key_id
    record["sys_last_security_context"] = caller.security_context()
    for name in _KEPT_SYS_FIELDS | kept:
        if previous and name in previous:
            record[name] = previous[name]


def _index_attributes(spec: ResourceSpec, tenant: str, record: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The record's secondary-index key attributes to set, and those to remove."""
    values, absent = {}, []
    for index, keys_of in spec.indexes.items():
        pk_name, sk_name = GLOBAL_SECONDARY_INDEXES[index]
        keys = keys_of(record)
        if keys is None:
            absent += [pk_name, sk_name]
        else:
            values[pk_name], values[sk_name] = f"{tenant}#{spec.name}#{keys[0]}", keys[1]
    return values, absent


def _limit_for_tenant() -> int:
    return get_settings().tenant_max_records_per_resource


# ---- the operations ---------------------------------------------------------------------------------


def create(
    spec: ResourceSpec,
    caller: Caller,
    data: dict[str, Any],
    record_id: str | None = None,
    stamps: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Create a record from validated data (as `dump` returns it). A bulk load passes the id it
    derived for the row and its `sys_bulk_load_*` stamps."""
    tx = _Transaction()
    record, response = _add_creation(tx, spec, caller, data, record_id, stamps)
    tx.add(
        store.bump_counter(store.counter_key(caller.tenant, spec.name), +1, _limit_for_tenant()),
        LimitExceeded(f"this tenant has reached its limit of {spec.label} records"),
    )
    _add_reference_changes(tx, spec, caller.tenant, record, None)
    _commit_with_retry(tx)
    return {**store.as_stored(record), **response}


class RecordExists(Conflict):
    """The id is taken: for a bulk load, proof that the row was written before."""


def _add_creation(
    tx: _Transaction,
    spec: ResourceSpec,
    caller: Caller,
    data: dict[str, Any],
    record_id: str | None,
    stamps: dict[str, Any] | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The record's own items (record, unique claims, hook operations); not the count, not references."""
    if data.get("sys_locked") and caller.role != ADMIN:
        raise Forbidden("only an admin key may lock a record", [field_error("sys_locked", "admin only", "forbidden")])
    record = {**data, "id": record_id or new_id()}
    _stamp(record, caller, now_iso(), None)
    record.update(stamps or {})
    extras = spec.hooks.on_write(caller, record, None)
    index_values, _absent = _index_attributes(spec, caller.tenant, record)
    item = {**store.record_key(caller.tenant, spec.name, record["id"]), **record, **extras.internal, **index_values}
    tx.add(store.put_new(item), RecordExists("a record with this id already exists"))
    _add_unique_claims(tx, spec, caller.tenant, record, None)
    for operation, error in extras.operations:
        tx.add(operation, error)
    return record, extras.response


def create_many(spec: ResourceSpec, caller: Caller, rows: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> None:
    """Create several records (id, data, stamps) in ONE transaction that also moves the tenant's count
    once and each referenced record's count once. Any failure raises and writes nothing: the caller
    then creates the rows one by one to learn which failed."""
    tenant = caller.tenant
    counter_key = store.counter_key(tenant, spec.name)
    counter = store.get(counter_key, consistent=True) or {}
    count, limit = int(counter.get("n", 0)), int(counter.get("limit", _limit_for_tenant()))
    if count + len(rows) > limit:
        raise LimitExceeded(f"this tenant has reached its limit of {spec.label} records")
    tx = _Transaction()
    references: dict[tuple[Reference, str], int] = {}
    for record_id, data, stamps in rows:
        record, _response = _add_creation(tx, spec, caller, data, record_id, stamps)
        for target in _reference_ids(spec, record):
            references[target] = references.get(target, 0) + 1
    for (ref, value), times in references.items():
        tx.add(store.add_references(ref.key(tenant, value), times), Conflict("a referenced record does not exist"))
    tx.add(store.bump_counter_from(counter_key, len(rows), count), Conflict("the count moved"))
    tx.commit()


def operations_for(spec: ResourceSpec, data: dict[str, Any]) -> int:
    """An upper bound of the transaction operations one created record needs (for packing)."""
    uniques = sum(1 for name in spec.unique_fields if data.get(name) is not None)
    references = len(_reference_ids(spec, data))
    return 1 + uniques + references + spec.hooks.extra_operations


class _StillReferenced(Conflict):
    """A unique value other records refer to (a center's code) cannot be released."""


def _add_unique_claims(tx: _Transaction, spec: ResourceSpec, tenant: str, new: dict | None, old: dict | None) -> None:
    for name in spec.unique_fields:
        new_value = new.get(name) if new else None
        old_value = old.get(name) if old else None
        if new_value == old_value:
            continue
        if new is not None and new_value is not None:
            tx.add(
                store.put_new({**store.unique_key(tenant, spec.name, name, new_value), "owner": new["id"]}),
                Conflict(
                    f"another {spec.label} record already has this {name}",
                    [field_error(name, "already used by another record", "duplicate")],
                ),
            )
        if old_value is not None:
            tx.add(
                store.delete_item(store.unique_key(tenant, spec.name, name, old_value), unreferenced=True),
                _StillReferenced(
                    f"other records refer to this {spec.label} by its {name}",
                    [field_error(name, "still referenced", "referenced")],
                ),
            )


def _add_reference_changes(tx: _Transaction, spec: ResourceSpec, tenant: str, new: dict | None, old: dict | None):
    new_refs = _reference_ids(spec, new) if new else {}
    old_refs = _reference_ids(spec, old) if old else {}
    for (ref, target_value), where in new_refs.items():
        if (ref, target_value) not in old_refs:
            tx.add(
                store.add_references(ref.key(tenant, target_value), +1),
                Conflict(
                    f"the {spec.label} refers to a record that does not exist",
                    [field_error(where, f"no {ref.target} record has this {ref.by}", "missing-reference")],
                ),
            )
    for ref, target_value in old_refs:
        if (ref, target_value) not in new_refs:
            tx.add(store.add_references(ref.key(tenant, target_value), -1))


def _backoff(attempt: int) -> None:
    """Full jitter: concurrent writers that collided spread out instead of colliding again."""
    time.sleep(secrets.randbelow(1000) / 1000 * min(0.2, 0.005 * 2**attempt))


def _commit_with_retry(tx: _Transaction) -> None:
    for attempt in range(MAX_ATTEMPTS):
        try:
            tx.commit()
            return
        except _Contention:
            _backoff(attempt)
    raise Conflict("the records involved are being changed by another request; retry")


def get(spec: ResourceSpec, caller: Caller, record_id: str, consistent: bool = False) -> dict[str, Any]:
    item = store.get(store.record_key(caller.tenant, spec.name, record_id), consistent=consistent)
    if item is None:
        raise NotFound(f"no {spec.label} record has this id")
    return store.public(item)


def list_page(
    spec: ResourceSpec, caller: Caller, limit: int, token: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    scope = f"{caller.tenant}/{spec.name}"
    pk = store.collection_pk(caller.tenant, spec.name)
    start = paging.decode(scope, token) if token else None
    if start is not None and start.get("pk") != pk:
        raise BadRequest("exclusiveStartKey does not belong to this list")
    items, last = store.query_page(pk, limit, start)
    return [store.public(i) for i in items], (paging.encode(scope, last) if last else None)


_UNREAD: Any = object()  # no item read ahead: read it here


def _modify(
    spec: ResourceSpec,
    caller: Caller,
    record_id: str,
    if_match: str | None,
    new_data: Callable[[dict[str, Any]], dict[str, Any]],
    stamps: dict[str, Any] | None = None,
    read_ahead: dict[str, Any] | None = _UNREAD,
) -> dict[str, Any]:
    """Read, compute, conditionally write on `sys_version`; retry a lost race unless If-Match pins it.
    `read_ahead` is the item (or None) a batch read consistently beforehand: the first attempt's read."""
    key = store.record_key(caller.tenant, spec.name, record_id)
    for attempt in range(MAX_ATTEMPTS):
        current_item = store.get(key, consistent=True) if attempt or read_ahead is _UNREAD else read_ahead
        if current_item is None:
            raise NotFound(f"no {spec.label} record has this id")
        current = store.public(current_item)
        if stamps and all(current.get(k) == stamps[k] for k in ("sys_bulk_load_id", "sys_bulk_load_record_no")):
            return current  # this bulk-load row was applied before the load was cut off
        _check_if_match(current, if_match)
        data = new_data(current)
        _check_lock(caller, current, data)
        record = {**data, "id": record_id}
        if not stamps and _same_content(record, current, spec) and not _writes_secret(spec, data):
            return current  # nothing changes: no new version
        _stamp(record, caller, now_iso(), current, spec.model.server_fields)
        record.update(stamps or {})
        extras = spec.hooks.on_write(caller, record, current_item)
        index_values, index_absent = _index_attributes(spec, caller.tenant, record)

        tx = _Transaction()
        removed = [f for f in current if f not in record] + [a for a in index_absent if a in current_item]
        stored = {**record, **extras.internal, **index_values}
        tx.add(store.update_record(key, stored, removed, current["sys_version"]), _VersionChanged("changed"))
        _add_unique_claims(tx, spec, caller.tenant, record, current)
        _add_reference_changes(tx, spec, caller.tenant, record, current)
        for operation, error in extras.operations:
            tx.add(operation, error)
        try:
            _commit_with_retry(tx)
        except _VersionChanged:
            if if_match:
                raise PreconditionFailed("the record was changed by another request") from None
            _backoff(attempt)
            continue
        return store.as_stored(record)
    raise Conflict("the record kept changing while this request ran; retry")


def _same_content(record: dict[str, Any], current: dict[str, Any], spec: ResourceSpec) -> bool:
    def content(values: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in values.items() if not is_server_managed(k) and k not in spec.model.server_fields}

    return content(record) == content(current)


def _writes_secret(spec: ResourceSpec, data: dict[str, Any]) -> bool:
    return any(data.get(name) is not None for name in spec.write_only)


def _check_lock(caller: Caller, current: dict[str, Any], data: dict[str, Any]) -> None:
    was_locked, wants_locked = bool(current.get("sys_locked")), bool(data.get("sys_locked"))
    if was_locked != wants_locked and caller.role != ADMIN:
        raise Forbidden(
            "only an admin key may lock or unlock a record", [field_error("sys_locked", "admin only", "forbidden")]
        )
    if was_locked and wants_locked:
        raise Forbidden("the record is locked (sys_locked); an admin must unlock it first")


def replace_from_bulk(
    spec: ResourceSpec, caller: Caller, record_id: str, data: dict[str, Any], stamps: dict[str, Any]
) -> dict[str, Any]:
    return _modify(spec, caller, record_id, None, lambda _current: data, stamps)


def replace(
    spec: ResourceSpec, caller: Caller, record_id: str, data: dict[str, Any], body_id: str | None, if_match: str | None
) -> dict[str, Any]:
    if body_id != record_id:
        raise BadRequest(
            "the body's id must equal the id in the path",
            [field_error("id", "must equal the id in the path", "id-mismatch")],
        )
    return _modify(spec, caller, record_id, if_match, lambda _current: data)


def _pointer_head(pointer: Any) -> str | None:
    if not isinstance(pointer, str):
        return None
    if pointer == "":
        return ""
    return pointer.split("/")[1].replace("~1", "/").replace("~0", "~") if pointer.startswith("/") else None


def patch(
    spec: ResourceSpec,
    caller: Caller,
    record_id: str,
    operations: list[dict[str, Any]],
    if_match: str | None,
    read_ahead: dict[str, Any] | None = _UNREAD,
) -> dict[str, Any]:
    import jsonpatch  # loaded on first PATCH only: most requests never need it

    problems = []
    for index, op in enumerate(operations):
        for key in ("path", "from"):
            if key not in op:
                continue
            head = _pointer_head(op[key])
            if head is None:
                problems.append(field_error(f"[{index}].{key}", "not a JSON pointer", "invalid-pointer"))
            elif head in ("", "id") or is_server_managed(head) or head in spec.model.server_fields:
                problems.append(
                    field_error(f"[{index}].{key}", "this path is managed by the server", "read-only-field")
                )
            elif head in spec.write_only and (op.get("op") == "test" or key == "from"):
                # A write-only value (a password) can be set, never read: not tested, moved or copied.
                problems.append(field_error(f"[{index}].{key}", "this field is write-only", "write-only-field"))
    if problems:
        raise BadRequest("the patch may not touch these paths", problems)

    def apply(current: dict[str, Any]) -> dict[str, Any]:
        # Write-only fields (a password) are patchable but unreadable: present as null.
        document: Any = copy.deepcopy({**current, **dict.fromkeys(spec.write_only)})
        for index, operation in enumerate(operations):
            document = _apply_one(jsonpatch, document, operation, index)
        if not isinstance(document, dict):
            raise BadRequest("the patch must leave an object")
        return validate(
            spec,
            {
                k: v
                for k, v in document.items()
                if k != "id" and not is_server_managed(k) and k not in spec.model.server_fields
            },
        )

    return _modify(spec, caller, record_id, if_match, apply, read_ahead=read_ahead)


def _apply_one(jsonpatch: Any, document: Any, operation: dict[str, Any], index: int) -> Any:
    """Apply one operation; a failure names the operation, never a value (the caller's or the record's)."""
    where = f"[{index}].path"
    try:
        return jsonpatch.apply_patch(document, [operation], in_place=True)
    except jsonpatch.JsonPatchTestFailed:
        raise Conflict(
            "a test operation failed", [field_error(where, "the value there is not the tested value", "test-failed")]
        ) from None
    except jsonpatch.InvalidJsonPatch:
        raise BadRequest(
            "the patch cannot be applied",
            [field_error(f"[{index}]", "the operation is incomplete", "invalid-operation")],
        ) from None
    except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException, TypeError, KeyError, IndexError):
        raise BadRequest(
            "the patch cannot be applied",
            [field_error(where, "no value there can take this operation", "invalid-path")],
        ) from None


def delete(
    spec: ResourceSpec,
    caller: Caller,
    record_id: str,
    if_match: str | None,
    read_ahead: dict[str, Any] | None = _UNREAD,
) -> str:
    key = store.record_key(caller.tenant, spec.name, record_id)
    for attempt in range(MAX_ATTEMPTS):
        item = store.get(key, consistent=True) if attempt or read_ahead is _UNREAD else read_ahead
        if item is None:
            raise NotFound(f"no {spec.label} record has this id")
        current = store.public(item)
        _check_if_match(current, if_match)
        if current.get("sys_locked"):
            raise Forbidden("the record is locked (sys_locked); an admin must unlock it first")
        references = int(item.get(store.REFS) or 0)
        if references > 0:
            store.write([store.set_attributes(key, {"sys_deleted_by_id": caller.key_id})])
            raise Conflict(
                f"{references} other record(s) still refer to this {spec.label}",
                [field_error("id", "still referenced", "referenced")],
            )
        tx = _Transaction()
        tx.add(store.delete_item(key, current["sys_version"], unreferenced=True), _VersionChanged("changed"))
        tx.add(store.bump_counter(store.counter_key(caller.tenant, spec.name), -1, 0))
        _add_unique_claims(tx, spec, caller.tenant, None, current)
        _add_reference_changes(tx, spec, caller.tenant, None, current)
        for op in spec.hooks.on_delete(caller, item):
            tx.add(op)
        try:
            _commit_with_retry(tx)
        except _StillReferenced:
            _stamp_refused_delete(key, caller)
            raise
        except _VersionChanged:
            if if_match:
                raise PreconditionFailed("the record was changed by another request") from None
            _backoff(attempt)
            continue
        return record_id
    raise Conflict("the record kept changing while this request ran; retry")


def _stamp_refused_delete(key: dict[str, str], caller: Caller) -> None:
    """Record who tried to delete a record that is still referenced (the version does not change)."""
    with contextlib.suppress(store.WriteConflict):  # deleted meanwhile: nothing to stamp
        store.write([store.set_attributes(key, {"sys_deleted_by_id": caller.key_id})])


def find_by_unique(spec: ResourceSpec, caller: Caller, field_name: str, value: str) -> dict[str, Any]:
    """The record whose unique `field_name` is `value` (two reads: the claim, then the record)."""
    claim = store.get(store.unique_key(caller.tenant, spec.name, field_name, value), consistent=True)
    record = claim and store.get(store.record_key(caller.tenant, spec.name, claim["owner"]))
    if not record:
        raise NotFound(f"no {spec.label} record has this {field_name}")
    return store.public(record)


class IndexPage(NamedTuple):
    items: list[dict[str, Any]]
    token: str | None  # the next page's, or None on the last page
    window_end: str | None = None  # with `sk_until`: where this traversal ends


def query_index(
    spec: ResourceSpec,
    caller: Caller,
    index: str,
    partition: str,
    limit: int,
    token: str | None,
    forward: bool = True,
    sk_between: tuple[str, str] | None = None,
    sk_from: str | None = None,
    sk_until: Callable[[], str] | None = None,
) -> IndexPage:
    """One page of a secondary-index Query, with a page token bound to tenant, resource and partition.

    With `sk_until`, the sort keys run from `sk_from` up to (excluding) a bound that the first page
    takes from `sk_until()` and its page token carries, so every page of one traversal ends at the
    same place however long the client takes between pages.
    """
    pk_name = GLOBAL_SECONDARY_INDEXES[index][0]
    pk = f"{caller.tenant}#{spec.name}#{partition}"
    scope = f"{caller.tenant}/{spec.name}/{index}/{partition}"
    start = paging.decode(scope, token) if token else None
    if start is not None and start.get(pk_name) != pk:
        raise BadRequest("exclusiveStartKey does not belong to this list")
    pinned: dict[str, str] = {}
    if sk_until is not None:
        end = start.pop(_WINDOW_END, None) if start else sk_until()
        if not isinstance(end, str):
            raise BadRequest("exclusiveStartKey does not belong to this list")
        if sk_from is not None and sk_from >= end:
            return IndexPage([], None, end)
        sk_between, sk_from, pinned = (sk_from or "", end), None, {_WINDOW_END: end}
    items, last = store.query_page(pk, limit, start, forward, index, sk_between, sk_from)
    next_token = paging.encode(scope, last | pinned) if last else None
    return IndexPage([store.public(i) for i in items], next_token, pinned.get(_WINDOW_END))


_WINDOW_END = "_until"


# ---- batch ------------------------------------------------------------------------------------------

_BATCH_WORKERS = int(os.environ.get("BATCH_WORKERS", "16"))


def batch(spec: ResourceSpec, caller: Caller, operations: list[Any]) -> dict[str, Any]:
    """Run up to 100 patch/delete operations in parallel, each on its own, each with its own status
    (a malformed one is its own 400). The records are read first, all in one consistent
    BatchGetItem, rather than one GetItem each."""
    parsed = [_batch_operation(op) for op in operations]
    valid = [op for op in parsed if not isinstance(op, _Refused)]
    read = iter(
        store.batch_get([store.record_key(caller.tenant, spec.name, op["id"]) for op in valid], consistent=True)
    )

    def run(op: dict[str, Any] | _Refused, read_ahead: dict[str, Any] | None) -> dict[str, Any]:
        if isinstance(op, _Refused):
            return {"id": op.id, "operation": op.operation, "status": 400, "error": op.error.to_problem()}
        result = {"id": op["id"], "operation": op["operation"]}
        try:
            if op["operation"] == "delete":
                body: Any = delete(spec, caller, op["id"], None, read_ahead)
            else:
                if not op.get("patch_directives"):
                    raise BadRequest(
                        "a patch operation needs patch_directives",
                        [field_error("patch_directives", "required", "missing")],
                    )
                body = patch(spec, caller, op["id"], op["patch_directives"], None, read_ahead)
            return {**result, "status": 200, "body": body}
        except ApiError as error:
            return {**result, "status": int(error.status), "error": error.to_problem()}

    reads = [None if isinstance(op, _Refused) else next(read) for op in parsed]
    with ThreadPoolExecutor(max_workers=min(_BATCH_WORKERS, len(parsed))) as pool:
        results = list(pool.map(run, parsed, reads))
    succeeded = sum(1 for r in results if r["status"] < 400)
    return {"success_count": succeeded, "error_count": len(results) - succeeded, "results": results}


class _Refused(NamedTuple):
    id: str | None
    operation: str | None
    error: ApiError


def _batch_operation(raw: Any) -> dict[str, Any] | _Refused:
    """One batch operation, validated; its id and kind are echoed only when they are valid."""
    from shared.models.base import BatchOperation

    try:
        op = BatchOperation.model_validate(raw)
    except ValidationError as error:
        problems = pydantic_errors(error.errors())
        bad = {p["field"].split(".")[0].split("[")[0] for p in problems}
        fields = raw if isinstance(raw, dict) else {}
        return _Refused(
            None if "id" in bad or "(body)" in bad else fields.get("id"),
            None if "operation" in bad or "(body)" in bad else fields.get("operation"),
            BadRequest("the operation is not valid", problems),
        )
    return op.model_dump(by_alias=True, exclude_unset=True)
