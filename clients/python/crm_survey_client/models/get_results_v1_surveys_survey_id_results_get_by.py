from enum import StrEnum

class GetResultsV1SurveysSurveyIdResultsGetBy(StrEnum):
    QUADRANT = "quadrant"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
