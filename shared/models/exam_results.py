from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field, model_validator

from shared.models.base import STRICT, RecordIn
from shared.models.common import Code, Instant, RecordId


class DomainScore(BaseModel):
    model_config = STRICT

    domain_code: Code
    score: float
    domain_name: str | None = Field(default=None, description="Set by the server from the exam's domains")


class ExamResultIn(RecordIn):
    """A score report: written by the delivery platform, ingested by the client."""

    # Copied from the registration's candidate and exam when the result is written.
    server_fields: ClassVar[frozenset[str]] = frozenset({"candidate", "exam"})

    registration_id: RecordId
    overall_score: float
    passed: bool
    domain_scores: list[DomainScore] = Field(default_factory=list, max_length=100)
    completed_at: Instant

    @model_validator(mode="after")
    def _one_score_per_domain(self) -> ExamResultIn:
        codes = [d.domain_code for d in self.domain_scores]
        if len(codes) != len(set(codes)):
            raise ValueError("each domain may be scored once")
        return self
