"""What a resource declares: its model, unique fields, references, indexes, roles and hooks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from shared import keys, store
from shared.auth import ADMIN, CLIENT, DELIVERY, Caller
from shared.errors import ApiError
from shared.models.base import RecordIn

ALL_ROLES = frozenset({ADMIN, CLIENT, DELIVERY})
WRITERS = frozenset({ADMIN, CLIENT})


@dataclass(frozen=True)
class Reference:
    """`field` (a scalar or a list) names records of `target` in the same tenant: by record id, or by
    the target's unique field `by` (e.g. a testing center's `code`)."""

    field: str
    target: str
    by: str = "id"

    def key(self, tenant: str, value: str) -> keys.Key:
        if self.by == "id":
            return keys.record_key(tenant, self.target, value)
        return keys.unique_key(tenant, self.target, self.by, value)


@dataclass(frozen=True)
class Index:
    """A lookup other than by id: a resource's records grouped by `partition` (a value of the record,
    or one group for all when it returns None) and ordered by `sort`, in one of the table's
    secondary indexes."""

    name: str  # what queries ask for, e.g. "calendar"
    table_index: str  # the table's secondary index that holds it (shared.table_schema)
    sort: Callable[[dict[str, Any]], str]
    partition: Callable[[dict[str, Any]], str | None] = lambda _record: None
    time_field: str | None = None  # the date-time field the sort key starts with, if any

    def keys_of(self, tenant: str, resource: str, record: dict[str, Any]) -> tuple[str, str]:
        return keys.index_pk(tenant, resource, self.name, self.partition(record)), self.sort(record)


@dataclass
class WriteExtras:
    """What a resource adds to a generic write."""

    internal: dict[str, Any] = field(default_factory=dict)  # attributes stored but never returned
    operations: list[tuple[store.Operation, ApiError | None]] = field(default_factory=list)  # same transaction
    response: dict[str, Any] = field(default_factory=dict)  # returned once, never stored
    # Events of other records this write changes (type, the record as GET will return it).
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


class Hooks:
    """Resource-specific steps around the generic writes. The default does nothing."""

    def on_write(self, caller: Caller, record: dict[str, Any], current: dict[str, Any] | None) -> WriteExtras:
        """Called before a create (`current` None) or a change (`current` the stored item), with the
        record about to be stored; it may adjust `record`."""
        return WriteExtras()

    def on_delete(self, caller: Caller, current: dict[str, Any]) -> list[store.Operation]:
        return []

    extra_operations = 0  # how many operations on_write adds to a create
    extra_events = 0  # how many events of other records on_write adds to a create


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    model: type[RecordIn]
    label: str  # the record's name in messages, lowercase: "exam reg process"
    unique: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    read_roles: frozenset[str] = ALL_ROLES
    write_roles: frozenset[str] = WRITERS
    hooks: Hooks = field(default_factory=Hooks)
    indexes: tuple[Index, ...] = ()
    # The index an export's completedSince/completedBefore filter reads (its sort key starts with
    # the time); without one, exports take no filter.
    export_window: str | None = None
    # Input-only fields (a password): never stored as given, never returned.
    write_only: tuple[str, ...] = ()
    # Lists of objects that CSV spreads over one column per key: field -> (key field, value field).
    keyed_lists: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Whether writes emit `<name>.created|updated|deleted` events (shared.events).
    emits_events: bool = True

    @property
    def unique_fields(self) -> tuple[str, ...]:
        """The declared unique fields, and the client's external id (bulk loads match rows on it)."""
        return (*self.unique, "sys_external_id")

    def index(self, name: str) -> Index:
        return next(index for index in self.indexes if index.name == name)

    def index_keys(self, tenant: str, record: dict[str, Any]) -> dict[str, tuple[str, str]]:
        """{table index: the record's (pk, sk) there}."""
        return {index.table_index: index.keys_of(tenant, self.name, record) for index in self.indexes}
