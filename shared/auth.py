"""Tenant API keys and callers: key format, hashing, the authorizer's decision, role checks."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from shared import keys, store
from shared.errors import Forbidden, Unauthorized

ADMIN, CLIENT, DELIVERY = "admin", "client", "delivery"
ROLES = (ADMIN, CLIENT, DELIVERY)
KEY_PREFIX = "erk_"  # recognisable in logs and secret scanners; 256 random bits follow
# Tenant ids: no "/", "*" or "?", so a tenant id is one path segment and matches itself alone in an
# execute-api policy (functions/authorizer/handler.py).
TENANT_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_from_header(value: str | None) -> str | None:
    """`Authorization: <key>` (as the seed's samples) or `Authorization: Bearer <key>`."""
    if not value:
        return None
    value = value.strip()
    if value[:7].lower() == "bearer ":
        value = value[7:].strip()
    return value or None


@dataclass(frozen=True)
class Decision:
    """What the authorizer concludes: allow (with context), deny (403) or unauthorized (401)."""

    effect: str  # "Allow" | "Deny" | "Unauthorized"
    context: dict[str, str]


def decide(authorization: str | None, path_tenant: str | None) -> Decision:
    key = key_from_header(authorization)
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        return Decision("Unauthorized", {})
    found = store.get(keys.api_key_lookup_key(hash_key(key)))
    if not found:
        return Decision("Unauthorized", {})
    context = {"tenantId": found["tenant"], "role": found["role"], "keyId": found["key_id"]}
    if path_tenant is not None and path_tenant != found["tenant"]:
        return Decision("Deny", context)
    return Decision("Allow", context)


@dataclass(frozen=True)
class Caller:
    tenant: str
    role: str
    key_id: str
    source_ip: str | None = None
    request_id: str | None = None

    def security_context(self) -> dict[str, Any]:
        return {"key_id": self.key_id, "role": self.role, "source_ip": self.source_ip, "request_id": self.request_id}


def caller_from_request_context(request_context: dict[str, Any]) -> Caller:
    """The caller as the authorizer described it (API Gateway, or the local server acting as it)."""
    authorizer = request_context.get("authorizer") or {}
    tenant, role, key_id = authorizer.get("tenantId"), authorizer.get("role"), authorizer.get("keyId")
    if not (tenant and role in ROLES and key_id):
        raise Unauthorized("missing or invalid API key")
    return Caller(
        tenant=tenant,
        role=role,
        key_id=key_id,
        source_ip=(request_context.get("identity") or {}).get("sourceIp"),
        request_id=request_context.get("requestId"),
    )


def require(caller: Caller, path_tenant: str, roles: frozenset[str]) -> None:
    """Defence in depth: the handler re-checks what the authorizer allowed."""
    if caller.tenant != path_tenant:
        raise Forbidden("this API key belongs to another tenant")
    if caller.role not in roles:
        raise Forbidden(f"the role '{caller.role}' may not perform this operation")
