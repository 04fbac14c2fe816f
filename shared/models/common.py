"""Field types several resources share."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, StringConstraints

from shared.models.base import ID_PATTERN, STRICT

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Code = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=CODE_PATTERN)]
RecordId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=128)]
Email = Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


def _utc_representable(value: datetime) -> datetime:
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("must fall between the years 1 and 9999 in UTC") from None
    return value


# A date-time with its UTC offset whose instant UTC can name (index keys order by it).
Instant = Annotated[AwareDatetime, AfterValidator(_utc_representable)]


def _country(value: str) -> str:
    from iso3166 import countries_by_alpha2

    code = value.upper()
    if code not in countries_by_alpha2:
        raise ValueError("not an ISO 3166-1 alpha-2 country code")
    return code


CountryCode = Annotated[str, StringConstraints(min_length=2, max_length=2), AfterValidator(_country)]


class Address(BaseModel):
    model_config = STRICT

    line1: str | None = Field(default=None, max_length=256)
    line2: str | None = Field(default=None, max_length=256)
    city: str | None = Field(default=None, max_length=128)
    state: str | None = Field(default=None, max_length=128)
    postal_code: str | None = Field(default=None, max_length=32)
    country: CountryCode | None = Field(default=None, description="ISO 3166-1 alpha-2, e.g. US")
