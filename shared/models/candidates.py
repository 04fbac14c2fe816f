from __future__ import annotations

from pydantic import Field

from shared.models.base import RecordIn
from shared.models.common import Address, Email


class CandidateIn(RecordIn):
    """A test taker, as the client's own system knows them."""

    candidate_id: str = Field(min_length=1, max_length=128, description="The client's unique id for the candidate")
    first_name: str = Field(min_length=1, max_length=128)
    last_name: str = Field(min_length=1, max_length=128)
    email: Email | None = None
    phone: str | None = Field(default=None, max_length=32, pattern=r"^\+?[0-9 ()./-]{3,32}$")
    address: Address | None = None
