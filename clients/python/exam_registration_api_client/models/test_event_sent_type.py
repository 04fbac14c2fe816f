from enum import StrEnum


class TestEventSentType(StrEnum):
    WEBHOOKENDPOINTS_TEST = "webhookEndpoints.test"

    def __str__(self) -> str:
        return str(self.value)
