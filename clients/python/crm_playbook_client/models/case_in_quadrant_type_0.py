from enum import StrEnum

class CaseInQuadrantType0(StrEnum):
    BASIC = "basic"
    CORE = "core"
    POTENTIAL = "potential"
    TO_OPTIMIZE = "to-optimize"

    def __str__(self) -> str:
        return str(self.value)
