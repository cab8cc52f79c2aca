from enum import StrEnum

class InvitationOutKind(StrEnum):
    SURVEY = "survey"
    VERIFICATION = "verification"

    def __str__(self) -> str:
        return str(self.value)
