from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from shared.models.base import RecordIn
from shared.models.common import Code, Instant, RecordId


class ExamRegistrationIn(RecordIn):
    """A testing event: one candidate sitting one exam, remotely or at a testing center."""

    server_fields: ClassVar[frozenset[str]] = frozenset({"score"})  # set when a result is posted

    candidate_id: RecordId = Field(description="The candidate record's id")
    exam_id: RecordId
    process_id: RecordId | None = Field(default=None, description="The exam reg process used, if any")
    delivery_mode: Literal["remote", "test_center"]
    testing_center_code: Code | None = Field(default=None, description="Required for test_center, absent for remote")
    scheduled_at: Instant = Field(description="ISO 8601 date-time with a UTC offset")
    status: Literal["draft", "registered", "cancelled", "no show", "passed", "failed"] = "registered"
    accommodations: list[str] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _center_matches_mode(self) -> ExamRegistrationIn:
        if self.delivery_mode == "test_center" and not self.testing_center_code:
            raise ValueError("testing_center_code is required when delivery_mode is test_center")
        if self.delivery_mode == "remote" and self.testing_center_code:
            raise ValueError("testing_center_code must be absent when delivery_mode is remote")
        return self
