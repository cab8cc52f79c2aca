from enum import StrEnum

class InteractionKind(StrEnum):
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    LOGIN = "login"
    VISIT = "visit"

    def __str__(self) -> str:
        return str(self.value)
