from enum import StrEnum

class ResponseOutKind(StrEnum):
    SURVEY = "survey"
    VERIFICATION = "verification"

    def __str__(self) -> str:
        return str(self.value)
