from enum import StrEnum


class ExamRegistrationInDeliveryMode(StrEnum):
    REMOTE = "remote"
    TEST_CENTER = "test_center"

    def __str__(self) -> str:
        return str(self.value)
