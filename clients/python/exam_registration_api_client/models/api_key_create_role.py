from enum import StrEnum


class ApiKeyCreateRole(StrEnum):
    ADMIN = "admin"
    CLIENT = "client"
    DELIVERY = "delivery"

    def __str__(self) -> str:
        return str(self.value)
