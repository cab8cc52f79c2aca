from enum import StrEnum

class BounceOutOutcomeType0(StrEnum):
    BOUNCED = "bounced"
    DELAYED = "delayed"
    DELIVERED = "delivered"
    FAILED_TRANSIENT = "failed-transient"

    def __str__(self) -> str:
        return str(self.value)
