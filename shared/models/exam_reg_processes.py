from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from shared.models.base import ID_PATTERN, RecordIn

ExamId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=128)]

# A process references its exams inside one DynamoDB transaction (one condition check each),
# and a transaction holds at most 100 operations: 90 leaves room for the record's own items.
MAX_EXAM_IDS = 90


class ExamRegProcessIn(RecordIn):
    """A registration process candidates may use to register for (or retest on) exams."""

    name: str = Field(min_length=1, max_length=256)
    display_in_portal_as: str | None = Field(default=None, max_length=256)
    description: str | None = Field(default=None, max_length=4000)
    type: Literal["register", "retest"]
    display_order: float | None = None
    restrict_exams: bool | None = Field(default=None, description="Whether this is restricted to only certain exams")
    exam_ids: list[ExamId] = Field(min_length=1, max_length=MAX_EXAM_IDS)
    show_contact_form: bool | None = None
    contact_form_options: dict[str, Any]
    available_to_training_providers: bool | None = None
    form_id: str | None = Field(default=None, pattern=r"^certifications-exam-registrations__.*", max_length=256)
    is_active: bool | None = None
    custom_field_values: list[dict[str, Any]] | None = Field(default=None, max_length=200)
    available_in_portal: bool | None = None
    override_checkout_settings: bool | None = None
    checkout_settings: dict[str, Any]
    enable_confirmation_email: bool | None = None
    confirmation_email: dict[str, Any]
