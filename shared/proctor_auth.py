"""Proctor sign-in for the delivery platform, with a lockout against password guessing."""

from __future__ import annotations

import time
from typing import Any

from shared import keys, store
from shared.auth import Caller
from shared.errors import ApiError, Unauthorized
from shared.passwords import verify_password

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 15 * 60


class TooManyAttempts(ApiError):
    status, code = 429, "too-many-attempts"


def authenticate(caller: Caller, username: str, password: str) -> dict[str, Any]:
    now = int(time.time())
    key = keys.sign_in_attempts_key(caller.tenant, username)
    attempts = store.get(key, consistent=True) or {}
    locked_until = int(attempts.get("locked_until") or 0)
    if locked_until > now:
        raise TooManyAttempts(
            "too many failed sign-ins for this username; try again later",
            headers={"Retry-After": str(locked_until - now)},
        )
    claim = store.get(keys.unique_key(caller.tenant, "proctors", "username", username), consistent=True)
    proctor = claim and store.get(keys.record_key(caller.tenant, "proctors", claim["owner"]), consistent=True)
    verified = verify_password((proctor or {}).get("_password_hash"), password)
    if verified and proctor and proctor.get("is_active", True):
        if attempts:
            store.write([store.delete_item(key)])
        return {
            "id": proctor["id"],
            "username": proctor["username"],
            "name": proctor.get("name"),
            "testing_center_codes": proctor.get("testing_center_codes", []),
        }
    failures = store.count_failure(key, now, WINDOW_SECONDS, WINDOW_SECONDS + LOCK_SECONDS)
    if failures >= MAX_FAILURES:
        store.write([store.set_attributes(key, {"locked_until": now + LOCK_SECONDS})])
    raise Unauthorized("unknown username, wrong password, or inactive proctor")
