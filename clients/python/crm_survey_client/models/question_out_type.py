from enum import StrEnum

class QuestionOutType(StrEnum):
    LIKERT = "likert"
    NPS = "nps"
    OPEN = "open"
    RATING = "rating"
    YES_NO = "yes_no"

    def __str__(self) -> str:
        return str(self.value)
