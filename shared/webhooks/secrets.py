"""Signing secrets: `whsec_` + base64 of 32 random bytes (Standard Webhooks), made here, returned once
and stored only encrypted with the stage's KMS key, bound (encryption context) to its tenant and
endpoint so a ciphertext copied to another endpoint does not decrypt."""

from __future__ import annotations

import base64
import secrets
from functools import lru_cache

from shared.settings import get_settings

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


@lru_cache(maxsize=1)
def _kms():  # type: ignore[no-untyped-def]  # boto3 clients are untyped
    import boto3  # on first use: most functions' cold starts never need boto3's client machinery

    return boto3.client("kms")


def _context(tenant: str, endpoint_id: str) -> dict[str, str]:
    return {"tenant": tenant, "webhookEndpoint": endpoint_id}


def encrypt(tenant: str, endpoint_id: str, secret: str) -> bytes:
    key_id = get_settings().webhook_kms_key_id
    if not key_id:
        raise RuntimeError("WEBHOOK_KMS_KEY_ID is not set: signing secrets cannot be stored")
    response = _kms().encrypt(KeyId=key_id, Plaintext=secret.encode(), EncryptionContext=_context(tenant, endpoint_id))
    return bytes(response["CiphertextBlob"])


@lru_cache(maxsize=256)
def decrypt(tenant: str, endpoint_id: str, ciphertext: bytes) -> str:
    """Cached by ciphertext: a warm dispatcher asks KMS once per secret."""
    response = _kms().decrypt(CiphertextBlob=ciphertext, EncryptionContext=_context(tenant, endpoint_id))
    return bytes(response["Plaintext"]).decode()
