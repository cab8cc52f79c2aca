from enum import StrEnum

class StatusInStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    PENDING_CUSTOMER = "pending_customer"

    def __str__(self) -> str:
        return str(self.value)
