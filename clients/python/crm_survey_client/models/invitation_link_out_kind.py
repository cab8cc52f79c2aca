from enum import StrEnum

class InvitationLinkOutKind(StrEnum):
    SURVEY = "survey"
    VERIFICATION = "verification"

    def __str__(self) -> str:
        return str(self.value)
