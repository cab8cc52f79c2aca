from enum import StrEnum

class CsatReportOutBy(StrEnum):
    AGENT = "agent"
    TEAM = "team"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
