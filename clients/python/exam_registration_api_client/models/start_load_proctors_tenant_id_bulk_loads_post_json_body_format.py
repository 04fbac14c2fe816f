from enum import StrEnum


class StartLoadProctorsTenantIdBulkLoadsPostJsonBodyFormat(StrEnum):
    CSV = "csv"
    NDJSON = "ndjson"

    def __str__(self) -> str:
        return str(self.value)
