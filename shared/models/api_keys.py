from __future__ import annotations

from typing import Literal

from pydantic import Field

from shared.models.base import RecordIn


class ApiKeyIn(RecordIn):
    """A tenant API key. The secret is returned once, on create, in the field `key`."""

    name: str = Field(min_length=1, max_length=128, description="What or who uses the key")
    role: Literal["admin", "client", "delivery"]
