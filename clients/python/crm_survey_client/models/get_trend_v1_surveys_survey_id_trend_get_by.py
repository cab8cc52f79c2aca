from enum import StrEnum

class GetTrendV1SurveysSurveyIdTrendGetBy(StrEnum):
    QUADRANT = "quadrant"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
