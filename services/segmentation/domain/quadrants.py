"""Value x loyalty quadrants (docs/design.md §3), a second view beside the tier."""

from __future__ import annotations

from enum import StrEnum

HIGH_VALUE_SHARE = 0.30  # top 30% of active customers by 12-month amount
LOYALTY_MIN_SUB_SCORE = 60.0
LOYALTY_MIN_YEARS = 1.0


class Quadrant(StrEnum):
    CORE = "core"
    POTENTIAL = "potential"
    BASIC = "basic"
    TO_OPTIMIZE = "to-optimize"


def high_value_threshold(active_amounts: list[float]) -> float | None:
    """Smallest 12-month amount still inside the top 30% of active customers."""
    amounts = sorted((a for a in active_amounts if a > 0), reverse=True)
    if not amounts:
        return None
    top_count = max(1, int(len(amounts) * HIGH_VALUE_SHARE))
    return amounts[top_count - 1]


def is_high_loyalty(cooperation_years: float, loyalty_sub_score: float, p1_complaints_12m: int) -> bool:
    return (
        cooperation_years >= LOYALTY_MIN_YEARS
        and loyalty_sub_score >= LOYALTY_MIN_SUB_SCORE
        and p1_complaints_12m == 0
    )


def quadrant_for(
    amount_12m: float,
    threshold: float | None,
    cooperation_years: float,
    loyalty_sub_score: float,
    p1_complaints_12m: int,
) -> Quadrant:
    high_value = threshold is not None and amount_12m > 0 and amount_12m >= threshold
    loyal = is_high_loyalty(cooperation_years, loyalty_sub_score, p1_complaints_12m)
    if high_value:
        return Quadrant.CORE if loyal else Quadrant.POTENTIAL
    return Quadrant.BASIC if loyal else Quadrant.TO_OPTIMIZE
