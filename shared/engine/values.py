"""Small pure helpers of the record contract: ids, timestamps, projections, ETags."""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import UTC, datetime
from typing import Any

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id() -> str:
    """A ULID: 48 bits of milliseconds then 80 random bits, so ids (and lists) sort by creation."""
    value = (int(time.time() * 1000) << 80) | secrets.randbits(80)
    return crockford(value, 26)


def derived_id(prefix_of: str, seed: str) -> str:
    """An id that `seed` always yields, sorting with `prefix_of` (a ULID's first 10 characters, its
    time): a retried writer recognises what it wrote before."""
    value = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:10], "big")
    return prefix_of[:10] + crockford(value, 16)


def crockford(value: int, length: int) -> str:
    """`value` as `length` Crockford base32 characters, most significant first (a ULID's alphabet)."""
    return "".join(CROCKFORD[(value >> shift) & 31] for shift in range(5 * (length - 1), -1, -5))


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
