from enum import StrEnum


class ExamRegProcessType(StrEnum):
    REGISTER = "register"
    RETEST = "retest"

    def __str__(self) -> str:
        return str(self.value)
