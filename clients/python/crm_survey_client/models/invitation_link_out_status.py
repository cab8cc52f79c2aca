from enum import StrEnum

class InvitationLinkOutStatus(StrEnum):
    ANSWERED = "answered"
    EXPIRED = "expired"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
