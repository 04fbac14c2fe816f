from enum import StrEnum


class ExamRegistrationCreateStatus(StrEnum):
    CANCELLED = "cancelled"
    DRAFT = "draft"
    FAILED = "failed"
    NO_SHOW = "no show"
    PASSED = "passed"
    REGISTERED = "registered"

    def __str__(self) -> str:
        return str(self.value)
