from enum import StrEnum

class Tier(StrEnum):
    KEY = "Key"
    OBSERVATION = "Observation"
    REGULAR = "Regular"
    VIP = "VIP"

    def __str__(self) -> str:
        return str(self.value)
