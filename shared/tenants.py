"""Tenants and their first keys: used by the command-line tool and the local server's bootstrap."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from shared import engine, keys, store
from shared.auth import ADMIN, KEY_PREFIX, ROLES, TENANT_PATTERN, Caller, hash_key
from shared.resources import API_KEYS, BULK_RESOURCES

# The resources whose record count a tenant limit caps (every one the API creates records in).
LIMITED_RESOURCES = (*BULK_RESOURCES, API_KEYS.name)


def _system(tenant: str) -> Caller:
    """The caller the operator's tools act as (the CLI, the local server's bootstrap)."""
    return Caller(tenant=tenant, role=ADMIN, key_id="system")


class NoSuchTenant(LookupError):
    """The tenant was never created: its keys and limits would act on nothing anyone administers."""

    def __init__(self, tenant: str):
        super().__init__(f"no tenant '{tenant}' exists; create it first with `examreg create-tenant {tenant}`")


def _check_id(tenant: str) -> None:
    if not TENANT_PATTERN.match(tenant):
        raise ValueError(f"tenant ids are 1-64 letters, digits, '_' or '-': {tenant!r}")


def require_tenant(tenant: str) -> None:
    """Raise NoSuchTenant unless `tenant` was created (`ensure_tenant`)."""
    _check_id(tenant)
    if store.get(keys.tenant_key(tenant), consistent=True) is None:
        raise NoSuchTenant(tenant)


def ensure_tenant(tenant: str) -> bool:
    """Create the tenant record if absent; True when it was created."""
    _check_id(tenant)
    try:
        store.write([store.put_new({**keys.tenant_key(tenant), "tenant": tenant, "created_at": engine.now_iso()})])
    except store.ConditionFailed:
        return False
    return True


def issue_key(tenant: str, role: str, name: str, preset: str | None = None) -> str:
    """Create an API key for `tenant`; with `preset`, adopt that secret (kept if already issued to the
    same tenant and role, so restarts with fixed development keys are idempotent)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    require_tenant(tenant)
    if preset is not None:
        if not preset.startswith(KEY_PREFIX) or len(preset) < len(KEY_PREFIX) + 22:
            raise ValueError(f"a preset key must start with {KEY_PREFIX!r} and carry at least 128 random bits")
        existing = store.get(keys.api_key_lookup_key(hash_key(preset)), consistent=True)
        if existing:
            if (existing["tenant"], existing["role"]) != (tenant, role):
                raise ValueError("that preset key is already issued to another tenant or role")
            return preset
    caller = _system(tenant)
    data = {"name": name, "role": role}
    if preset is not None:
        data["_preset_key"] = preset
    key: str = engine.create(API_KEYS, caller, data)["key"]  # the new key, returned once
    return key


@contextmanager
def temporary_key(tenant: str, role: str, name: str) -> Iterator[str]:
    """A key that exists only while the block runs (the CLI's own, when it is given none)."""
    require_tenant(tenant)
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
    if resource not in LIMITED_RESOURCES:
        raise ValueError(f"resource must be one of {', '.join(LIMITED_RESOURCES)}: {resource!r}")
    require_tenant(tenant)
    store.write([store.set_counter_limit(keys.counter_key(tenant, resource), limit)])
