from enum import StrEnum

class CaseInTierType0(StrEnum):
    KEY = "Key"
    OBSERVATION = "Observation"
    REGULAR = "Regular"
    VIP = "VIP"

    def __str__(self) -> str:
        return str(self.value)
