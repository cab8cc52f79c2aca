"""Effect report (docs/design.md §6): month by month, per tier and quadrant, from the playbook's read model.

Definitions (what the playbook can see from the events it consumes):
- segment: the customer's tier and quadrant from the last `score-updated` at or before month end;
- retention rate: of the customers with an order in the 180 days before the month started
  (active), the share that still has one in the 180 days before the month ends;
- repurchase rate: of the customers with an order before the month, the share ordering in it;
  orders come from `order-recorded` (every order), and before that event existed from the
  `last_order_at` values the score events carried;
- complaint resolution rate: complaint tickets opened in the month that are resolved by now;
- NPS: %promoters - %detractors of the month's survey answers with an NPS; CSAT: mean of the
  answers' CSAT (share of items answered 4 or 5); satisfaction: mean satisfaction value;
- referrals: referral-programme invitations created in the month and those done (accepted).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

ACTIVE_DAYS = 180
REFERRAL_KIND = "referral-invitation"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class SurveyAnswer:
    customer_id: str
    value: float
    nps: int | None
    csat: float | None


@dataclass(frozen=True)
class Complaint:
    customer_id: str
    resolved: bool


@dataclass(frozen=True)
class ActionFact:
    customer_id: str
    kind: str
    created_in_month: bool
    done_in_month: bool


@dataclass
class MonthFacts:
    start: datetime
    end: datetime
    segments: dict[str, tuple[str | None, str | None]]  # customer -> (tier, quadrant)
    orders: dict[str, list[datetime]] = field(default_factory=dict)  # sorted order times
    answers: list[SurveyAnswer] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)
    actions: list[ActionFact] = field(default_factory=list)
    churn_risk_customers: set[str] = field(default_factory=set)


def _has_order(times: list[datetime], start: datetime, end: datetime) -> bool:
    i = bisect_left(times, start)
    return i < len(times) and times[i] < end


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def nps_of(scores: Iterable[int]) -> float | None:
    """%promoters (9-10) minus %detractors (0-6), in points."""
    values = list(scores)
    if not values:
        return None
    promoters = sum(1 for s in values if s >= 9)
    detractors = sum(1 for s in values if s <= 6)
    return round(100 * (promoters - detractors) / len(values), 1)


def metrics(facts: MonthFacts, customers: set[str]) -> dict[str, Any]:
    """The report's numbers for one group of customers."""
    window = timedelta(days=ACTIVE_DAYS)
    active = retained = before = repurchased = 0
    for customer in customers:
        times = facts.orders.get(customer, [])
        if _has_order(times, facts.start - window, facts.start):
            active += 1
            retained += _has_order(times, facts.end - window, facts.end)
        if times and times[0] < facts.start:
            before += 1
            repurchased += _has_order(times, facts.start, facts.end)
    answers = [a for a in facts.answers if a.customer_id in customers]
    complaints = [c for c in facts.complaints if c.customer_id in customers]
    resolved = sum(1 for c in complaints if c.resolved)
    actions = [a for a in facts.actions if a.customer_id in customers]
    csats = [a.csat for a in answers if a.csat is not None]
    referral = [a for a in actions if a.kind == REFERRAL_KIND]
    return {
        "customers": len(customers),
        "active_at_start": active,
        "retained": retained,
        "retention_rate": _rate(retained, active),
        "repurchase_base": before,
        "repurchased": repurchased,
        "repurchase_rate": _rate(repurchased, before),
        "complaints": len(complaints),
        "complaints_resolved": resolved,
        "complaint_resolution_rate": _rate(resolved, len(complaints)),
        "survey_answers": len(answers),
        "satisfaction_mean": round(sum(a.value for a in answers) / len(answers), 3) if answers else None,
        "nps": nps_of(a.nps for a in answers if a.nps is not None),
        "csat": round(sum(csats) / len(csats), 4) if csats else None,
        "referral_invitations": sum(1 for a in referral if a.created_in_month),
        "referrals_done": sum(1 for a in referral if a.done_in_month),
        "churn_risk_customers": len(customers & facts.churn_risk_customers),
        "actions_created": sum(1 for a in actions if a.created_in_month),
        "actions_done": sum(1 for a in actions if a.done_in_month),
    }


def effect_report(facts: MonthFacts) -> dict[str, Any]:
    """Overall, per tier and per quadrant."""
    everyone = set(facts.segments)
    everyone |= {a.customer_id for a in facts.answers} | {c.customer_id for c in facts.complaints}
    everyone |= {a.customer_id for a in facts.actions} | facts.churn_risk_customers
    by_tier: dict[str, set[str]] = {}
    by_quadrant: dict[str, set[str]] = {}
    for customer in everyone:
        tier, quadrant = facts.segments.get(customer, (None, None))
        by_tier.setdefault(tier or UNKNOWN, set()).add(customer)
        by_quadrant.setdefault(quadrant or UNKNOWN, set()).add(customer)
    return {
        "overall": metrics(facts, everyone),
        "by_tier": {k: metrics(facts, v) for k, v in sorted(by_tier.items())},
        "by_quadrant": {k: metrics(facts, v) for k, v in sorted(by_quadrant.items())},
    }


def metric_change(before: float, after: float) -> tuple[float, float | None]:
    """A case's metric before and after the care (NPS -10 -> +40): the change, and the change in
    percent of the size of `before` (none from a zero base)."""
    change = after - before
    return round(change, 6), (round(100 * change / abs(before), 2) if before else None)
