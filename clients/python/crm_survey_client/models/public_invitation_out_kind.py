from enum import StrEnum

class PublicInvitationOutKind(StrEnum):
    SURVEY = "survey"
    VERIFICATION = "verification"

    def __str__(self) -> str:
        return str(self.value)
