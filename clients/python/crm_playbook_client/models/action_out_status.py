from enum import StrEnum

class ActionOutStatus(StrEnum):
    CANCELLED = "cancelled"
    DEFERRED = "deferred"
    DONE = "done"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
