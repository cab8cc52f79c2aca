from enum import StrEnum

class Author(StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"

    def __str__(self) -> str:
        return str(self.value)
