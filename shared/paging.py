"""Opaque, tamper-evident page tokens, bound to the tenant and resource that issued them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from shared.errors import BadRequest, field_error
from shared.settings import get_settings

_MAC_BYTES = 16


@lru_cache(maxsize=1)
def _secret() -> bytes:
    settings = get_settings()
    if settings.page_token_secret:
        return settings.page_token_secret.encode()
    if settings.page_token_secret_arn:
        from aws_lambda_powertools.utilities.parameters import get_secret

        return str(get_secret(settings.page_token_secret_arn, max_age=3600)).encode()
    # No secret configured (ad-hoc runs): tokens stay valid only within this process.
    return os.environ.setdefault("PAGE_TOKEN_SECRET", secrets.token_hex(32)).encode()


def _mac(scope: str, payload: bytes) -> bytes:
    return hmac.new(_secret(), scope.encode() + b"\0" + payload, hashlib.sha256).digest()[:_MAC_BYTES]


def encode(scope: str, last_key: dict[str, Any]) -> str:
    """`scope` names what the token is valid for (tenant and resource)."""
    payload = json.dumps(last_key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(_mac(scope, payload) + payload).decode().rstrip("=")


def decode(scope: str, token: str) -> dict[str, Any]:
    invalid = BadRequest(
        "exclusiveStartKey is not a key this API issued for this tenant and resource",
        [field_error("exclusiveStartKey", "invalid or tampered page token", "invalid-page-token")],
    )
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        raise invalid from None
    mac, payload = raw[:_MAC_BYTES], raw[_MAC_BYTES:]
    if len(mac) != _MAC_BYTES or not hmac.compare_digest(mac, _mac(scope, payload)):
        raise invalid
    try:
        key = json.loads(payload)
    except ValueError:
        raise invalid from None
    if not isinstance(key, dict):
        raise invalid
    return key


def walk(fetch: Callable[[Any], Sequence[Any]]) -> Iterator[Any]:
    """Every item of a paged list, page by page: `fetch(token)` returns (items, next token, ...) and
    is first called with None. Stops at the first page without a next token; a consumer that stops
    early reads no further pages."""
    token = None
    while True:
        items, token = fetch(token)[:2]
        yield from items
        if not token:
            return
