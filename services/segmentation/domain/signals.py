"""Re-evaluation schedule, the spending-drop trigger, churn-risk signals and the score trend
(docs/design.md §3, §9). The numbers are the evaluation policy's (domain/policy.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from services.segmentation.domain.policy import DEFAULT_POLICY, EvaluationPolicy
from services.segmentation.domain.scoring import Tier


class SignalCode(StrEnum):
    NO_ACTIVITY = "no-activity-90d"
    SCORE_DECLINING = "score-declining-3m"
    SPENDING_DROP = "spending-drop"


@dataclass(frozen=True)
class Signal:
    code: SignalCode
    detail: str


def next_evaluation(
    tier: Tier, evaluated_at: datetime, policy: EvaluationPolicy = DEFAULT_POLICY
) -> datetime:
    """The customer's next scheduled review: VIP a quarter later, the others half a year later."""
    return evaluated_at + timedelta(days=policy.review_days(tier))


def spending_months(policy: EvaluationPolicy = DEFAULT_POLICY) -> int:
    """How many full months of spending the drop rule looks at (3 + 2 by default)."""
    return policy.spending_baseline_months + policy.spending_drop_months


def spending_dropped(monthly_amounts: list[float], policy: EvaluationPolicy = DEFAULT_POLICY) -> bool:
    """Full months, oldest first: each of the last 2 at most half the mean of the 3 before."""
    if len(monthly_amounts) != spending_months(policy):
        raise ValueError(f"{spending_months(policy)} monthly amounts are needed")
    baseline_months = monthly_amounts[:policy.spending_baseline_months]
    baseline = sum(baseline_months) / len(baseline_months)
    if baseline <= 0:
        return False
    recent = monthly_amounts[policy.spending_baseline_months:]
    return all(m <= baseline * policy.spending_drop_ratio for m in recent)


def silent(
    last_activity_at: datetime | None, now: datetime, policy: EvaluationPolicy = DEFAULT_POLICY
) -> bool:
    """No order and no interaction for 90 days (a customer with none at all is not flagged)."""
    return last_activity_at is not None and now - last_activity_at >= timedelta(days=policy.silence_days)


def score_declining(monthly_scores: list[float], policy: EvaluationPolicy = DEFAULT_POLICY) -> bool:
    """The month-end score fell in each of the last 3 months (needs 4 month-ends, oldest first)."""
    months = policy.declining_months
    if len(monthly_scores) < months + 1:
        return False
    recent = monthly_scores[-(months + 1):]
    return all(b < a for a, b in pairwise(recent))


def churn_signals(
    *,
    now: datetime,
    last_activity_at: datetime | None,
    monthly_scores: list[float],
    monthly_amounts: list[float] | None,
    policy: EvaluationPolicy = DEFAULT_POLICY,
) -> list[Signal]:
    signals = []
    if silent(last_activity_at, now, policy):
        days = (now - last_activity_at).days  # type: ignore[operator]
        signals.append(Signal(SignalCode.NO_ACTIVITY, f"no order and no interaction for {days} days"))
    declining = declining_signal(monthly_scores, policy)
    if declining is not None:
        signals.append(declining)
    if monthly_amounts is not None and spending_dropped(monthly_amounts, policy):
        signals.append(Signal(
            SignalCode.SPENDING_DROP,
            f"spending fell to {policy.spending_drop_ratio:.0%} or less in each of the last "
            f"{policy.spending_drop_months} months against the {policy.spending_baseline_months} before",
        ))
    return signals


def declining_signal(monthly_scores: list[float], policy: EvaluationPolicy = DEFAULT_POLICY) -> Signal | None:
    """The "score fell N months in a row" signal, with the month-end scores that show it."""
    if not score_declining(monthly_scores, policy):
        return None
    months = policy.declining_months
    trail = " -> ".join(f"{s:.1f}" for s in monthly_scores[-(months + 1):])
    return Signal(SignalCode.SCORE_DECLINING, f"month-end score fell {months} months running: {trail}")


@dataclass(frozen=True)
class Trend:
    """The month-end score 1, 3, 6 and 12 months ago and where the score is heading."""

    m1: float | None
    m3: float | None
    m6: float | None
    m12: float | None
    direction: str | None  # up, down, flat; None without history


def trend(current: float | None, month_end_scores: dict[int, float],
          policy: EvaluationPolicy = DEFAULT_POLICY) -> Trend:
    """`month_end_scores` maps "months ago" to the snapshot of that month. The direction compares
    the current score with three months ago (one month ago when that is all there is)."""
    reference = month_end_scores.get(3, month_end_scores.get(1))
    direction = None
    if current is not None and reference is not None:
        difference = current - reference
        if abs(difference) < policy.trend_flat_band:
            direction = "flat"
        else:
            direction = "up" if difference > 0 else "down"
    return Trend(month_end_scores.get(1), month_end_scores.get(3), month_end_scores.get(6),
                 month_end_scores.get(12), direction)
