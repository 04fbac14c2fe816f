from enum import StrEnum


class ApiKeyRole(StrEnum):
    ADMIN = "admin"
    CLIENT = "client"
    DELIVERY = "delivery"

    def __str__(self) -> str:
        return str(self.value)
