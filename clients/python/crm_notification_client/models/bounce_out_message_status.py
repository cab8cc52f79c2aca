from enum import StrEnum

class BounceOutMessageStatus(StrEnum):
    BOUNCED = "bounced"
    CLICKED = "clicked"
    DELIVERED = "delivered"
    FAILED = "failed"
    OPENED = "opened"
    QUEUED = "queued"
    SENT = "sent"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return str(self.value)
