"""Storage set-up the sections share: a table and bucket, a tenant with its three keys, records."""

from __future__ import annotations

import os
import uuid
from typing import Any

from bench import counts, harness


def use_storage(dynamodb: str, s3: str | None, prefix: str) -> str:
    """Point this process at `dynamodb` (and `s3`), with a fresh table and bucket; returns the name.
    Call before the first use of shared.store (settings and clients are cached)."""
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamodb
    if s3:
        os.environ["AWS_ENDPOINT_URL_S3"] = s3
    os.environ["TABLE_NAME"] = os.environ["BUCKET_NAME"] = name
    from emulator.bootstrap import ensure_bucket, ensure_table
    from shared import files, store
    from shared.settings import get_settings

    get_settings.cache_clear()
    store.reset_client()
    files.reset_client()
    ensure_table(name)
    if s3:
        ensure_bucket(name)
    return name


def tenant(name: str) -> dict[str, str]:
    """The tenant with an admin, a client and a delivery key (role -> key)."""
    from emulator.bootstrap import bootstrap_tenant

    return bootstrap_tenant(name, {"admin": None, "client": None, "delivery": None})


def one_of_each(keys: dict[str, str], tenant_name: str) -> dict[str, str]:
    """One record of every resource (through the handlers); resource -> id."""
    context = {role: harness.authorizer_context(key, tenant_name) for role, key in keys.items()}
    writer = {"examResults": "delivery", "apiKeys": "admin"}
    ids: dict[str, str] = {}
    for name in counts.CREATE_ORDER:
        body: dict[str, Any] = counts.bodies(ids)[name]
        reply = harness.call("POST", f"/{name}/{tenant_name}", context[writer.get(name, "client")], body)
        if reply.status != 200:
            raise RuntimeError(f"creating {name}: {reply.status} {reply.raw[:300]!r}")
        ids[name] = reply.json()["id"]
    return ids
