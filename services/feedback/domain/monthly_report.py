"""The monthly tiered service report (docs/design.md §9): SLA on-time by tier and priority,
satisfaction and NPS by tier, care actions done and overdue, tier moves and the effect figures
the events carry. Pure: the facts of one business month in, a JSON-able document out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.feedback.domain.reports import NO_TIER, TicketFacts, on_time_by_tier_and_priority, sla_report

TIER_ORDER = ["Observation", "Regular", "Key", "VIP"]


@dataclass(frozen=True)
class AnswerFacts:
    tier: str | None
    value: float
    nps: int | None


@dataclass(frozen=True)
class ActionFacts:
    tier: str | None
    due_at: datetime | None
    created_at: datetime | None
    completed_at: datetime | None
    overdue_at: datetime | None


@dataclass(frozen=True)
class TierMoveFacts:
    from_tier: str | None
    to_tier: str


def satisfaction_summary(answers: list[AnswerFacts]) -> dict[str, Any]:
    """Mean satisfaction (1-5) and NPS (% promoters 9-10 minus % detractors 0-6)."""
    rated = [a.nps for a in answers if a.nps is not None]
    promoters = sum(1 for n in rated if n >= 9)
    detractors = sum(1 for n in rated if n <= 6)
    return {
        "answers": len(answers),
        "satisfaction": round(sum(a.value for a in answers) / len(answers), 2) if answers else None,
        "nps": round(100 * (promoters - detractors) / len(rated), 1) if rated else None,
        "nps_answers": len(rated),
    }


def action_summary(actions: list[ActionFacts], start: datetime, end: datetime) -> dict[str, int]:
    """Actions planned, done (on time or late) and gone overdue within [start, end)."""
    def within(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    done = [a for a in actions if within(a.completed_at)]
    return {
        "created": sum(1 for a in actions if within(a.created_at)),
        "done": len(done),
        "done_on_time": sum(1 for a in done if a.due_at is None or a.completed_at <= a.due_at),
        "overdue": sum(1 for a in actions if within(a.overdue_at)),
        # Due in the month and still not done at its end.
        "open_past_due": sum(1 for a in actions if within(a.due_at)
                             and (a.completed_at is None or a.completed_at >= end)),
    }


def _by_tier(items: list, tier_of) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(tier_of(item) or NO_TIER, []).append(item)
    return dict(sorted(grouped.items()))


def tier_moves_summary(moves: list[TierMoveFacts]) -> dict[str, Any]:
    counts = Counter((m.from_tier or "new", m.to_tier) for m in moves)
    rank = {tier: i for i, tier in enumerate(TIER_ORDER)}
    up = sum(n for (a, b), n in counts.items() if a in rank and rank[b] > rank[a])
    down = sum(n for (a, b), n in counts.items() if a in rank and rank[b] < rank[a])
    return {
        "moves": [{"from": a, "to": b, "customers": n} for (a, b), n in sorted(counts.items())],
        "up": up, "down": down, "new": sum(n for (a, _), n in counts.items() if a == "new"),
    }


def build_monthly_report(
    month: str, start: datetime, end: datetime, now: datetime, *, tickets: list[TicketFacts],
    answers: list[AnswerFacts], previous_answers: list[AnswerFacts], actions: list[ActionFacts],
    moves: list[TierMoveFacts], closures: dict[str, int],
) -> dict[str, Any]:
    """`tickets`: reported in the month; `closures`: tickets closed in the month, by close reason."""
    sla = sla_report(tickets, now)
    satisfaction = {tier: satisfaction_summary(items)
                    for tier, items in _by_tier(answers, lambda a: a.tier).items()}
    satisfaction["all"] = satisfaction_summary(answers)
    before = satisfaction_summary(previous_answers)
    action_rows = {tier: action_summary(items, start, end)
                   for tier, items in _by_tier(actions, lambda a: a.tier).items()}
    action_rows["all"] = action_summary(actions, start, end)
    everything = sla["all"]

    def change(key: str) -> float | None:
        now_value, then = satisfaction["all"][key], before[key]
        return round(now_value - then, 2) if now_value is not None and then is not None else None

    return {
        "month": month,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "sla": {"by_tier": sla, "by_tier_and_priority": on_time_by_tier_and_priority(tickets, now)},
        "satisfaction": satisfaction,
        "actions": action_rows,
        "tier_moves": tier_moves_summary(moves),
        "effect": {
            "tickets_resolved": everything["resolved"],
            "tickets_closed_confirmed": closures.get("customer-confirmed", 0),
            "tickets_closed_without_confirmation": closures.get("closed-without-confirmation", 0),
            "reopen_rate": everything["reopen_rate"],
            "satisfaction_change": change("satisfaction"),
            "nps_change": change("nps"),
            "actions_done": action_rows["all"]["done"],
        },
    }
