from enum import StrEnum

class ListActionsV1ActionsGetStatusType0(StrEnum):
    CANCELLED = "cancelled"
    DEFERRED = "deferred"
    DONE = "done"
    OVERDUE = "overdue"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
