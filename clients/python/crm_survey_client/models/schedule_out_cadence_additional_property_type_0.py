from enum import StrEnum

class ScheduleOutCadenceAdditionalPropertyType0(StrEnum):
    HALF_YEARLY = "half-yearly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    def __str__(self) -> str:
        return str(self.value)
