"""The evaluation policy: every number of re-evaluation, quadrants, churn risk, overrides and
trends that an admin may change (docs/design.md §3, §9). Versioned like the scoring model; the
defaults are the seed's."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from services.segmentation.domain.scoring import Tier


def _default_review_days() -> dict[Tier, int]:
    # VIP every quarter, everyone else every half year.
    return {Tier.VIP: 91, Tier.KEY: 182, Tier.REGULAR: 182, Tier.OBSERVATION: 182}


@dataclass(frozen=True)
class EvaluationPolicy:
    # Scheduled review: the tier follows the score only then (or on a trigger or a request).
    review_interval_days: dict[Tier, int] = field(default_factory=_default_review_days)
    # Quadrants: high value = 12-month amount in the top share of active customers; high loyalty =
    # cooperation of at least that many years, L sub-score at least that, no P1 complaint in 12 months.
    high_value_share: float = 0.30
    loyalty_min_sub_score: float = 60.0
    loyalty_min_years: float = 1.0
    # Churn risk: silence; spending of each of the last `drop_months` months at most `drop_ratio`
    # of the mean of the `baseline_months` before; month-end score falling `declining_months` running.
    silence_days: int = 90
    spending_drop_ratio: float = 0.5
    spending_drop_months: int = 2
    spending_baseline_months: int = 3
    declining_months: int = 3
    # A tier override without an explicit expiry holds this long.
    override_validity_days: int = 180
    # Trend: a score within this many points of three months ago is flat.
    trend_flat_band: float = 1.0

    def review_days(self, tier: Tier | str) -> int:
        return self.review_interval_days[Tier(tier)]


DEFAULT_POLICY = EvaluationPolicy()

# (field, low, high): the bounds an edited policy must keep; a value outside names its field.
BOUNDS: dict[str, tuple[float, float]] = {
    "high_value_share": (0.01, 0.99),
    "loyalty_min_sub_score": (0, 100),
    "loyalty_min_years": (0, 50),
    "silence_days": (1, 3650),
    "spending_drop_ratio": (0.01, 0.99),
    "spending_drop_months": (1, 6),
    "spending_baseline_months": (1, 12),
    "declining_months": (1, 12),
    "override_validity_days": (1, 3650),
    "trend_flat_band": (0, 50),
}
REVIEW_DAYS_BOUNDS = (7, 731)
INTEGER_FIELDS = {"silence_days", "spending_drop_months", "spending_baseline_months",
                  "declining_months", "override_validity_days"}


class PolicyError(ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def policy_to_document(policy: EvaluationPolicy) -> dict[str, Any]:
    document = asdict(policy)
    document["review_interval_days"] = {t.value: d for t, d in policy.review_interval_days.items()}
    return document


def policy_from_document(document: Any) -> EvaluationPolicy:
    """Parse and check an edited policy; PolicyError names the first field at fault."""
    if not isinstance(document, dict):
        raise PolicyError("body", "the policy is an object")
    unknown = set(document) - set(policy_to_document(DEFAULT_POLICY))
    if unknown:
        raise PolicyError(sorted(unknown)[0], "is not a setting of the evaluation policy")
    values: dict[str, Any] = {}
    for name, (low, high) in BOUNDS.items():
        value = document.get(name, getattr(DEFAULT_POLICY, name))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PolicyError(name, "must be a number")
        if name in INTEGER_FIELDS and value != int(value):
            raise PolicyError(name, "must be a whole number")
        if not low <= value <= high:
            raise PolicyError(name, f"must be between {low:g} and {high:g}")
        values[name] = int(value) if name in INTEGER_FIELDS else float(value)
    reviews = document.get("review_interval_days",
                           policy_to_document(DEFAULT_POLICY)["review_interval_days"])
    if not isinstance(reviews, dict) or set(reviews) != {t.value for t in Tier}:
        raise PolicyError("review_interval_days",
                          "needs a number of days for VIP, Key, Regular and Observation")
    for tier, days in reviews.items():
        where = f"review_interval_days.{tier}"
        if isinstance(days, bool) or not isinstance(days, int | float) or days != int(days):
            raise PolicyError(where, "must be a whole number of days")
        if not REVIEW_DAYS_BOUNDS[0] <= days <= REVIEW_DAYS_BOUNDS[1]:
            low, high = REVIEW_DAYS_BOUNDS
            raise PolicyError(where, f"must be between {low} and {high} days")
    values["review_interval_days"] = {Tier(t): int(d) for t, d in reviews.items()}
    return EvaluationPolicy(**values)
