from enum import StrEnum

class TicketType(StrEnum):
    COMPLAINT = "complaint"
    PRAISE = "praise"
    PROBLEM = "problem"
    SUGGESTION = "suggestion"

    def __str__(self) -> str:
        return str(self.value)
