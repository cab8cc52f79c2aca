from enum import StrEnum

class Status(StrEnum):
    ASSIGNED = "assigned"
    CLOSED = "closed"
    IN_PROGRESS = "in_progress"
    NEW = "new"
    ON_HOLD = "on_hold"
    PENDING_CUSTOMER = "pending_customer"
    REOPENED = "reopened"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
