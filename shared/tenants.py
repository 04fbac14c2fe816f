"""Tenants and their first keys: used by the command-line tool and the local server's bootstrap."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from shared import engine, store
from shared.auth import ADMIN, KEY_PREFIX, ROLES, TENANT_PATTERN, Caller, hash_key
from shared.resources import API_KEYS


def _system(tenant: str) -> Caller:
    """The caller the operator's tools act as (the CLI, the local server's bootstrap)."""
    return Caller(tenant=tenant, role=ADMIN, key_id="system")


def ensure_tenant(tenant: str) -> bool:
    """Create the tenant record if absent; True when it was created."""
    if not TENANT_PATTERN.match(tenant):
        raise ValueError(f"tenant ids are 1-64 letters, digits, '_' or '-': {tenant!r}")
    try:
        store.write([store.put_new({**store.tenant_key(tenant), "tenant": tenant, "created_at": engine.now_iso()})])
    except store.WriteConflict:
        return False
    return True


def issue_key(tenant: str, role: str, name: str, preset: str | None = None) -> str:
    """Create an API key for `tenant`; with `preset`, adopt that secret (kept if already issued to the
    same tenant and role, so restarts with fixed development keys are idempotent)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if preset is not None:
        if not preset.startswith(KEY_PREFIX) or len(preset) < len(KEY_PREFIX) + 22:
            raise ValueError(f"a preset key must start with {KEY_PREFIX!r} and carry at least 128 random bits")
        existing = store.get(store.api_key_lookup_key(hash_key(preset)), consistent=True)
        if existing:
            if (existing["tenant"], existing["role"]) != (tenant, role):
                raise ValueError("that preset key is already issued to another tenant or role")
            return preset
    caller = _system(tenant)
    data = {"name": name, "role": role}
    if preset is not None:
        data["_preset_key"] = preset
    return engine.create(API_KEYS, caller, data)["key"]


@contextmanager
def temporary_key(tenant: str, role: str, name: str) -> Iterator[str]:
    """A key that exists only while the block runs (the CLI's own, when it is given none)."""
    caller = _system(tenant)
    created = engine.create(API_KEYS, caller, {"name": name, "role": role})
    try:
        yield created["key"]
    finally:
        engine.delete(API_KEYS, caller, created["id"], None)


def set_record_limit(tenant: str, resource: str, limit: int) -> None:
    """Override TENANT_MAX_RECORDS_PER_RESOURCE for one tenant and resource."""
    if limit < 0:
        raise ValueError("a limit cannot be negative")
    store.write([store.set_counter_limit(store.counter_key(tenant, resource), limit)])
