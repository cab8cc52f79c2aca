from enum import StrEnum

class ReceiptInStatus(StrEnum):
    BOUNCED = "bounced"
    DELIVERED = "delivered"

    def __str__(self) -> str:
        return str(self.value)
