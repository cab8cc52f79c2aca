"""Re-evaluation schedule, the spending-drop trigger and churn-risk signals (docs/design.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from services.segmentation.domain.scoring import Tier

# VIP every quarter, everyone else every half year.
REEVALUATION_INTERVAL = {Tier.VIP: timedelta(days=91)}
DEFAULT_REEVALUATION_INTERVAL = timedelta(days=182)
SILENCE_DAYS = 90
SPENDING_DROP_RATIO = 0.5
DECLINING_MONTHS = 3


class SignalCode(StrEnum):
    NO_ACTIVITY = "no-activity-90d"
    SCORE_DECLINING = "score-declining-3m"
    SPENDING_DROP = "spending-drop"


@dataclass(frozen=True)
class Signal:
    code: SignalCode
    detail: str


def next_evaluation(tier: Tier, evaluated_at: datetime) -> datetime:
    return evaluated_at + REEVALUATION_INTERVAL.get(tier, DEFAULT_REEVALUATION_INTERVAL)


def spending_dropped(monthly_amounts: list[float]) -> bool:
    """Last 5 full months, oldest first: each of the last 2 at most half the mean of the 3 before."""
    if len(monthly_amounts) != 5:
        raise ValueError("five monthly amounts are needed")
    baseline = sum(monthly_amounts[:3]) / 3
    if baseline <= 0:
        return False
    return all(m <= baseline * SPENDING_DROP_RATIO for m in monthly_amounts[3:])


def silent(last_activity_at: datetime | None, now: datetime) -> bool:
    """No order and no interaction for 90 days (a customer with none at all is not flagged)."""
    return last_activity_at is not None and now - last_activity_at >= timedelta(days=SILENCE_DAYS)


def score_declining(monthly_scores: list[float]) -> bool:
    """The month-end score fell in each of the last 3 months (needs 4 month-ends, oldest first)."""
    if len(monthly_scores) < DECLINING_MONTHS + 1:
        return False
    recent = monthly_scores[-(DECLINING_MONTHS + 1):]
    return all(b < a for a, b in pairwise(recent))


def churn_signals(
    *,
    now: datetime,
    last_activity_at: datetime | None,
    monthly_scores: list[float],
    monthly_amounts: list[float] | None,
) -> list[Signal]:
    signals = []
    if silent(last_activity_at, now):
        days = (now - last_activity_at).days  # type: ignore[operator]
        signals.append(Signal(SignalCode.NO_ACTIVITY, f"no order and no interaction for {days} days"))
    if score_declining(monthly_scores):
        trail = " -> ".join(f"{s:.1f}" for s in monthly_scores[-(DECLINING_MONTHS + 1):])
        signals.append(Signal(SignalCode.SCORE_DECLINING, f"month-end score fell 3 months running: {trail}"))
    if monthly_amounts is not None and spending_dropped(monthly_amounts):
        signals.append(
            Signal(
                SignalCode.SPENDING_DROP,
                "spending fell by 50% or more in each of the last 2 months against the 3 before",
            )
        )
    return signals


def month_starts(now: datetime, count: int) -> list[datetime]:
    """Starts of the `count` full months before the current one, oldest first, plus this month."""
    first = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    starts = [first]
    for _ in range(count):
        previous = (starts[0] - timedelta(days=1)).replace(day=1)
        starts.insert(0, previous)
    return starts


def month_end_scores(history: list[tuple[datetime, float]], month_ends: list[datetime]) -> list[float]:
    """The score in force at each month end, oldest first: the last one computed before it, carried
    forward through months with no rescore; month ends before the first score give nothing."""
    values: list[float] = []
    last: float | None = None
    position = 0
    for end in month_ends:
        while position < len(history) and history[position][0] < end:
            last = history[position][1]
            position += 1
        if last is not None:
            values.append(last)
    return values
