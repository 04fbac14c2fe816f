from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shared.models.base import RecordIn
from shared.models.common import Code, Email

PASSWORD_MIN = 12


class ProctorIn(RecordIn):
    """Someone who administers exams at the tenant's testing centers."""

    name: str | None = Field(default=None, max_length=256)
    username: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._@+-]+$")
    password: str | None = Field(
        default=None,
        min_length=PASSWORD_MIN,
        max_length=256,
        description="Write-only: stored as an Argon2id hash, never returned. Required on create; "
        "omit it on PUT to keep the current one.",
    )
    email: Email | None = None
    testing_center_codes: list[Code] = Field(default_factory=list, max_length=50)
    is_active: bool = True


class ProctorCredentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=256)
