from enum import StrEnum


class StartExportExamsTenantIdExportsPostBodyFormat(StrEnum):
    CSV = "csv"
    NDJSON = "ndjson"

    def __str__(self) -> str:
        return str(self.value)
