from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from shared.models.base import STRICT, RecordIn

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Domain(BaseModel):
    """A content domain (topic) of an exam; results report a score per domain."""

    model_config = STRICT

    code: str = Field(min_length=1, max_length=64, pattern=CODE_PATTERN)
    name: str = Field(min_length=1, max_length=256)
    weight: float | None = Field(default=None, ge=0, le=100, description="Share of the exam, in percent")


class ExamIn(RecordIn):
    name: str = Field(min_length=1, max_length=256)
    code: str = Field(min_length=1, max_length=64, pattern=CODE_PATTERN, description="Unique within the tenant")
    description: str | None = Field(default=None, max_length=4000)
    domains: list[Domain] = Field(default_factory=list, max_length=100)
    passing_score: float | None = Field(default=None, ge=0)
    is_active: bool = True

    @model_validator(mode="after")
    def _domain_codes_unique(self) -> ExamIn:
        codes = [d.code for d in self.domains]
        if len(codes) != len(set(codes)):
            raise ValueError("domain codes must be unique within an exam")
        return self
