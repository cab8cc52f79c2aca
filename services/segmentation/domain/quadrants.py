"""Value x loyalty quadrants (docs/design.md §3), a second view beside the tier.

The numbers (top 30%, L >= 60, one year) are the evaluation policy's (domain/policy.py)."""

from __future__ import annotations

from enum import StrEnum

from services.segmentation.domain.policy import DEFAULT_POLICY, EvaluationPolicy


class Quadrant(StrEnum):
    CORE = "core"
    POTENTIAL = "potential"
    BASIC = "basic"
    TO_OPTIMIZE = "to-optimize"


def share_in_basis_points(share: float) -> int:
    return round(share * 10_000)


def high_value_count(active_customers: int, share: float = DEFAULT_POLICY.high_value_share) -> int:
    """How many active customers the top `share` holds (at least one). Integer arithmetic, so the
    database computes the same line (repository.high_value_line)."""
    return max(1, active_customers * share_in_basis_points(share) // 10_000)


def high_value_threshold(active_amounts: list[float], share: float = DEFAULT_POLICY.high_value_share
                         ) -> float | None:
    """Smallest 12-month amount still inside the top `share` (30%) of active customers."""
    amounts = sorted((a for a in active_amounts if a > 0), reverse=True)
    if not amounts:
        return None
    return amounts[high_value_count(len(amounts), share) - 1]


def is_high_loyalty(
    cooperation_years: float, loyalty_sub_score: float, p1_complaints_12m: int,
    policy: EvaluationPolicy = DEFAULT_POLICY,
) -> bool:
    return (
        cooperation_years >= policy.loyalty_min_years
        and loyalty_sub_score >= policy.loyalty_min_sub_score
        and p1_complaints_12m == 0
    )


def quadrant_for(
    amount_12m: float,
    threshold: float | None,
    cooperation_years: float,
    loyalty_sub_score: float,
    p1_complaints_12m: int,
    policy: EvaluationPolicy = DEFAULT_POLICY,
) -> Quadrant:
    high_value = threshold is not None and amount_12m > 0 and amount_12m >= threshold
    loyal = is_high_loyalty(cooperation_years, loyalty_sub_score, p1_complaints_12m, policy)
    if high_value:
        return Quadrant.CORE if loyal else Quadrant.POTENTIAL
    return Quadrant.BASIC if loyal else Quadrant.TO_OPTIMIZE
