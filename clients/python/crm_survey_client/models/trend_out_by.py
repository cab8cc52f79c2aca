from enum import StrEnum

class TrendOutBy(StrEnum):
    QUADRANT = "quadrant"
    TIER = "tier"

    def __str__(self) -> str:
        return str(self.value)
