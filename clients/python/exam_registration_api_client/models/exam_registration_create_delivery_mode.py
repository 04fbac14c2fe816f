from enum import StrEnum


class ExamRegistrationCreateDeliveryMode(StrEnum):
    REMOTE = "remote"
    TEST_CENTER = "test_center"

    def __str__(self) -> str:
        return str(self.value)
