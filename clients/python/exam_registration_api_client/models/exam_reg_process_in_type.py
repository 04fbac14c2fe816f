from enum import StrEnum


class ExamRegProcessInType(StrEnum):
    REGISTER = "register"
    RETEST = "retest"

    def __str__(self) -> str:
        return str(self.value)
