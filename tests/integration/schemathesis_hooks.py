"""Schemathesis hooks (schemathesis.toml `hooks`): how to send the bulk-load bodies it cannot encode
by itself. An inline NDJSON file is text: the generated string's UTF-8 bytes, as a client sends them."""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(_ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")
