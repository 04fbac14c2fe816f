from enum import StrEnum


class BatchResultResultsItemOperationType1(StrEnum):
    DELETE = "delete"
    PATCH = "patch"

    def __str__(self) -> str:
        return str(self.value)
