from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from shared.models.base import RecordIn
from shared.models.common import Address, Code


def _iana_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not an IANA time zone name (e.g. America/New_York)") from None
    return value


REMOTE = "REMOTE"

TimeZoneName = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_iana_zone)]


class TestingCenterIn(RecordIn):
    """A site of the client's where candidates sit exams in person."""

    __test__ = False  # not a pytest test class

    name: str | None = Field(default=None, max_length=256)
    code: Code = Field(description="Unique within the tenant; registrations refer to it")
    address: Address | None = None
    timezone: TimeZoneName = Field(description="IANA zone; the calendar groups registrations by its days")
    is_active: bool = True

    @field_validator("code")
    @classmethod
    def _not_remote(cls, value: str) -> str:
        if value.upper() == REMOTE:
            raise ValueError(f"'{REMOTE}' names remote delivery in the calendar; choose another code")
        return value
