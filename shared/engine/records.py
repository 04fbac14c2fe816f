"""Record operations: create, read, replace, patch, delete, each one transaction that also keeps
unique values, references and the tenant's count true."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from shared import events, keys, store
from shared.auth import ADMIN, Caller
from shared.engine.spec import Reference, ResourceSpec, WriteExtras
from shared.engine.transaction import RecordExists, StillReferenced, Transaction, VersionChanged, retry
from shared.engine.values import etag, new_id, now_iso
from shared.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    LimitExceeded,
    NotFound,
    PreconditionFailed,
    field_error,
    pydantic_errors,
)
from shared.models.base import CARRIED_SYS_FIELDS, is_server_managed
from shared.settings import get_settings

KEPT_ON_CHANGE = "the record kept changing while this request ran; retry"


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


def check_if_match(current: dict[str, Any], if_match: str | None) -> None:
    if not if_match or if_match.strip() == "*":
        return
    wanted = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if etag(current) not in wanted:
        raise PreconditionFailed(
            f"the record is at version {current.get('sys_version')}; If-Match was {if_match}",
            headers={"ETag": etag(current)},
        )


def reference_ids(spec: ResourceSpec, record: dict[str, Any]) -> dict[tuple[Reference, str], str]:
    """{(reference, target id or code): field} for every record this one points at."""
    refs: dict[tuple[Reference, str], str] = {}
    for ref in spec.references:
        value = record.get(ref.field)
        values = value if isinstance(value, list) else [value] if value is not None else []
        for index, target_value in enumerate(values):
            where = f"{ref.field}[{index}]" if isinstance(value, list) else ref.field
            refs.setdefault((ref, str(target_value)), where)
    return refs


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
    for name in CARRIED_SYS_FIELDS | kept:
        if previous and name in previous:
            record[name] = previous[name]


def tenant_limit() -> int:
    return get_settings().tenant_max_records_per_resource


def limit_reached(spec: ResourceSpec) -> LimitExceeded:
    return LimitExceeded(f"this tenant has reached its limit of {spec.label} records")


# ---- create -----------------------------------------------------------------------------------------


def create(
    spec: ResourceSpec,
    caller: Caller,
    data: dict[str, Any],
    record_id: str | None = None,
    stamps: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Create a record from validated data (as `dump` returns it). A writer that derives ids (a bulk
    load) passes the id and the server fields it stamps."""
    tx = Transaction()
    record, response = add_creation(tx, spec, caller, data, record_id, stamps)
    tx.add(store.bump_counter(keys.counter_key(caller.tenant, spec.name), +1, tenant_limit()), limit_reached(spec))
    _add_reference_changes(tx, spec, caller.tenant, record, None)
    tx.commit()
    return {**store.as_stored(record), **response}


def add_creation(
    tx: Transaction,
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
    index_values = store.index_attributes(spec.index_keys(caller.tenant, record))
    item = {**keys.record_key(caller.tenant, spec.name, record["id"]), **record, **extras.internal, **index_values}
    tx.add(store.put_new(item), RecordExists("a record with this id already exists"))
    _add_unique_claims(tx, spec, caller.tenant, record, None)
    for operation, error in extras.operations:
        tx.add(operation, error)
    _add_events(tx, spec, caller.tenant, "created", record, extras)
    return record, extras.response


def _add_events(
    tx: Transaction, spec: ResourceSpec, tenant: str, action: str, record: dict[str, Any], extras: WriteExtras | None
) -> None:
    """The write's own event (the record as GET returns it) and those of records its hooks change."""
    if not spec.emits_events:
        return
    tx.add_event(events.put(tenant, f"{spec.name}.{action}", store.as_stored(store.public(record))))
    for event_type, data in extras.events if extras else ():
        tx.add_event(events.put(tenant, event_type, store.as_stored(data)))


def _add_unique_claims(
    tx: Transaction, spec: ResourceSpec, tenant: str, new: dict[str, Any] | None, old: dict[str, Any] | None
) -> None:
    for name in spec.unique_fields:
        new_value = new.get(name) if new else None
        old_value = old.get(name) if old else None
        if new_value == old_value:
            continue
        if new is not None and new_value is not None:
            tx.add(
                store.put_new({**keys.unique_key(tenant, spec.name, name, new_value), "owner": new["id"]}),
                Conflict(
                    f"another {spec.label} record already has this {name}",
                    [field_error(name, "already used by another record", "duplicate")],
                ),
            )
        if old_value is not None:
            tx.add(
                store.delete_item(keys.unique_key(tenant, spec.name, name, old_value), unreferenced=True),
                StillReferenced(
                    f"other records refer to this {spec.label} by its {name}",
                    [field_error(name, "still referenced", "referenced")],
                ),
            )


def _add_reference_changes(
    tx: Transaction, spec: ResourceSpec, tenant: str, new: dict[str, Any] | None, old: dict[str, Any] | None
) -> None:
    new_refs = reference_ids(spec, new) if new else {}
    old_refs = reference_ids(spec, old) if old else {}
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


# ---- read -------------------------------------------------------------------------------------------


def get(spec: ResourceSpec, caller: Caller, record_id: str, consistent: bool = False) -> dict[str, Any]:
    item = store.get(keys.record_key(caller.tenant, spec.name, record_id), consistent=consistent)
    if item is None:
        raise NotFound(f"no {spec.label} record has this id")
    return store.public(item)


def find_by_unique(spec: ResourceSpec, caller: Caller, field_name: str, value: str) -> dict[str, Any]:
    """The record whose unique `field_name` is `value` (two reads: the claim, then the record)."""
    claim = store.get(keys.unique_key(caller.tenant, spec.name, field_name, value), consistent=True)
    record = claim and store.get(keys.record_key(caller.tenant, spec.name, claim["owner"]))
    if not record:
        raise NotFound(f"no {spec.label} record has this {field_name}")
    return store.public(record)


# ---- change -----------------------------------------------------------------------------------------

UNREAD: Any = object()  # no item read ahead: read it here


def modify(
    spec: ResourceSpec,
    caller: Caller,
    record_id: str,
    if_match: str | None,
    new_data: Callable[[dict[str, Any]], dict[str, Any]],
    stamps: dict[str, Any] | None = None,
    read_ahead: dict[str, Any] | None = UNREAD,
    done_before: Callable[[dict[str, Any]], bool] | None = None,
) -> dict[str, Any]:
    """Read, compute, conditionally write on `sys_version`; retry a lost race unless If-Match pins it.
    `read_ahead` is the item (or None) a batch read consistently beforehand: the first attempt's read.
    `stamps` are server fields this write sets; `done_before(current)` says the write was applied
    already (the record is returned as it is)."""
    key = keys.record_key(caller.tenant, spec.name, record_id)

    def attempt(number: int) -> dict[str, Any]:
        current_item = store.get(key, consistent=True) if number or read_ahead is UNREAD else read_ahead
        if current_item is None:
            raise NotFound(f"no {spec.label} record has this id")
        current = store.public(current_item)
        if done_before is not None and done_before(current):
            return current
        check_if_match(current, if_match)
        data = new_data(current)
        _check_lock(caller, current, data)
        record = {**data, "id": record_id}
        if not stamps and _same_content(record, current, spec) and not _writes_secret(spec, data):
            return current  # nothing changes: no new version
        _stamp(record, caller, now_iso(), current, spec.model.server_fields)
        record.update(stamps or {})
        extras = spec.hooks.on_write(caller, record, current_item)
        index_values = store.index_attributes(spec.index_keys(caller.tenant, record))

        tx = Transaction()
        removed = [f for f in current if f not in record]
        stored = {**record, **extras.internal, **index_values}
        tx.add(store.update_record(key, stored, removed, current["sys_version"]), VersionChanged("changed"))
        _add_unique_claims(tx, spec, caller.tenant, record, current)
        _add_reference_changes(tx, spec, caller.tenant, record, current)
        for operation, error in extras.operations:
            tx.add(operation, error)
        _add_events(tx, spec, caller.tenant, "updated", record, extras)
        _commit_pinned(tx, if_match)
        return store.as_stored(record)

    return retry(attempt, VersionChanged, KEPT_ON_CHANGE)


def _commit_pinned(tx: Transaction, if_match: str | None) -> None:
    """Commit; a lost race is a 412 when If-Match pinned the version (else the caller retries)."""
    try:
        tx.commit()
    except VersionChanged:
        if if_match:
            raise PreconditionFailed("the record was changed by another request") from None
        raise


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


def replace(
    spec: ResourceSpec, caller: Caller, record_id: str, data: dict[str, Any], body_id: str | None, if_match: str | None
) -> dict[str, Any]:
    if body_id != record_id:
        raise BadRequest(
            "the body's id must equal the id in the path",
            [field_error("id", "must equal the id in the path", "id-mismatch")],
        )
    return modify(spec, caller, record_id, if_match, lambda _current: data)


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
    read_ahead: dict[str, Any] | None = UNREAD,
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

    return modify(spec, caller, record_id, if_match, apply, read_ahead=read_ahead)


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


# ---- delete -----------------------------------------------------------------------------------------


def delete(
    spec: ResourceSpec,
    caller: Caller,
    record_id: str,
    if_match: str | None,
    read_ahead: dict[str, Any] | None = UNREAD,
) -> str:
    key = keys.record_key(caller.tenant, spec.name, record_id)

    def attempt(number: int) -> str:
        item = store.get(key, consistent=True) if number or read_ahead is UNREAD else read_ahead
        if item is None:
            raise NotFound(f"no {spec.label} record has this id")
        current = store.public(item)
        check_if_match(current, if_match)
        if current.get("sys_locked"):
            raise Forbidden("the record is locked (sys_locked); an admin must unlock it first")
        references = int(item.get(store.REFS) or 0)
        if references > 0:
            store.write([store.set_attributes(key, {"sys_deleted_by_id": caller.key_id})])
            raise Conflict(
                f"{references} other record(s) still refer to this {spec.label}",
                [field_error("id", "still referenced", "referenced")],
            )
        tx = Transaction()
        tx.add(store.delete_item(key, current["sys_version"], unreferenced=True), VersionChanged("changed"))
        tx.add(store.bump_counter(keys.counter_key(caller.tenant, spec.name), -1, 0))
        _add_unique_claims(tx, spec, caller.tenant, None, current)
        _add_reference_changes(tx, spec, caller.tenant, None, current)
        for op in spec.hooks.on_delete(caller, item):
            tx.add(op)
        _add_events(tx, spec, caller.tenant, "deleted", current, None)
        try:
            _commit_pinned(tx, if_match)
        except StillReferenced:
            _stamp_refused_delete(key, caller)
            raise
        return record_id

    return retry(attempt, VersionChanged, KEPT_ON_CHANGE)


def _stamp_refused_delete(key: keys.Key, caller: Caller) -> None:
    """Record who tried to delete a record that is still referenced (the version does not change)."""
    with contextlib.suppress(store.ConditionFailed):  # deleted meanwhile: nothing to stamp
        store.write([store.set_attributes(key, {"sys_deleted_by_id": caller.key_id})])
