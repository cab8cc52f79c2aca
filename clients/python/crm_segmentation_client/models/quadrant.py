from enum import StrEnum

class Quadrant(StrEnum):
    BASIC = "basic"
    CORE = "core"
    POTENTIAL = "potential"
    TO_OPTIMIZE = "to-optimize"

    def __str__(self) -> str:
        return str(self.value)
