from enum import StrEnum


class StartLoadExamRegProcessesTenantIdBulkLoadsPostJsonBodyFormat(StrEnum):
    CSV = "csv"
    NDJSON = "ndjson"

    def __str__(self) -> str:
        return str(self.value)
