"""SLA report per tier and month (docs/design.md §5): on-time rates (first response, next reply,
resolution), first-contact resolution, reopens, satisfaction after resolution, and the median
requester wait and agent work time of solved tickets. Rates are None when nothing could be
measured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

from services.feedback.domain.csat import csat_of
from shared.business_time import month_of

NO_TIER = "unknown"


@dataclass(frozen=True)
class TicketFacts:
    """What the report needs of one ticket opened in the month."""

    tier: str | None
    first_response_due: datetime
    first_responded_at: datetime | None
    resolution_due: datetime
    resolved_at: datetime | None
    ever_resolved: bool
    first_contact_resolution: bool | None
    reopen_count: int
    satisfaction: float | None
    paused: bool = False
    next_replies_on_time: int = 0
    next_replies_late: int = 0
    next_reply_due: datetime | None = None  # a reply owed now
    solved: bool = False  # resolved or closed now: its wait and work time are final
    requester_wait_seconds: float = 0.0
    requester_wait_business_seconds: float = 0.0
    agent_work_seconds: float = 0.0
    agent_work_business_seconds: float = 0.0
    csat_rating: int | None = None  # the latest 1-5 rating of the resolution
    reported_at: datetime | None = None
    priority: str = "P3"
    close_reason: str | None = None


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def _on_time(due: datetime, done_at: datetime | None, now: datetime, paused: bool) -> bool | None:
    """True/False once known; None while the clock still runs (or is paused) before the due time."""
    if done_at is not None:
        return done_at <= due
    if due < now and not paused:
        return False
    return None


def _next_replies(f: TicketFacts, now: datetime) -> tuple[int, int]:
    """(on time, measured): replies made, plus the one owed if it is already overdue."""
    overdue = f.next_reply_due is not None and f.next_reply_due < now and not f.paused
    return f.next_replies_on_time, f.next_replies_on_time + f.next_replies_late + int(overdue)


def _median_hours(seconds: list[float]) -> float | None:
    return round(median(seconds) / 3600, 2) if seconds else None


def summarise(facts: list[TicketFacts], now: datetime) -> dict[str, Any]:
    fr = [_on_time(f.first_response_due, f.first_responded_at, now, False) for f in facts]
    res = [_on_time(f.resolution_due, f.resolved_at, now, f.paused) for f in facts]
    resolved = [f for f in facts if f.ever_resolved]
    fcr_known = [f for f in resolved if f.first_contact_resolution is not None]
    scores = [f.satisfaction for f in resolved if f.satisfaction is not None]
    fr_known = [x for x in fr if x is not None]
    res_known = [x for x in res if x is not None]
    next_replies = [_next_replies(f, now) for f in facts]
    next_on_time = sum(on_time for on_time, _ in next_replies)
    next_measured = sum(measured for _, measured in next_replies)
    solved = [f for f in facts if f.solved]
    return {
        "tickets": len(facts),
        "resolved": len(resolved),
        "first_response_on_time_rate": _rate(sum(fr_known), len(fr_known)),
        "next_reply_on_time_rate": _rate(next_on_time, next_measured),
        "next_replies": next_measured,
        "resolution_on_time_rate": _rate(sum(res_known), len(res_known)),
        "first_contact_resolution_rate": _rate(
            sum(1 for f in fcr_known if f.first_contact_resolution), len(fcr_known)
        ),
        "reopen_rate": _rate(sum(1 for f in resolved if f.reopen_count > 0), len(resolved)),
        "satisfaction_after_resolution": round(sum(scores) / len(scores), 2) if scores else None,
        "satisfaction_answers": len(scores),
        "csat": csat_of([f.csat_rating for f in facts if f.csat_rating is not None]),
        "csat_ratings": sum(1 for f in facts if f.csat_rating is not None),
        "requester_wait_hours_median": _median_hours([f.requester_wait_seconds for f in solved]),
        "requester_wait_business_hours_median": _median_hours(
            [f.requester_wait_business_seconds for f in solved]),
        "agent_work_hours_median": _median_hours([f.agent_work_seconds for f in solved]),
        "agent_work_business_hours_median": _median_hours([f.agent_work_business_seconds for f in solved]),
        # Closed on the customer's "solved", or by themselves after days without an answer: apart.
        "closed_confirmed": sum(1 for f in facts if f.close_reason == "customer-confirmed"),
        "closed_without_confirmation": sum(
            1 for f in facts if f.close_reason == "closed-without-confirmation"),
    }


def on_time_by_tier_and_priority(facts: list[TicketFacts], now: datetime) -> dict[str, dict[str, Any]]:
    """First-response, next-reply and resolution on-time rates per tier, then per priority within it."""
    grouped: dict[str, dict[str, list[TicketFacts]]] = {}
    for fact in facts:
        grouped.setdefault(fact.tier or NO_TIER, {}).setdefault(fact.priority, []).append(fact)
    keep = ("tickets", "first_response_on_time_rate", "next_reply_on_time_rate", "resolution_on_time_rate")
    return {
        tier: {priority: {k: v for k, v in summarise(items, now).items() if k in keep}
               for priority, items in sorted(priorities.items())}
        for tier, priorities in sorted(grouped.items())
    }


def sla_report(facts: list[TicketFacts], now: datetime) -> dict[str, dict[str, Any]]:
    """One summary per tier (tickets without a known tier under `unknown`), and `all`."""
    by_tier: dict[str, list[TicketFacts]] = {}
    for fact in facts:
        by_tier.setdefault(fact.tier or NO_TIER, []).append(fact)
    report = {tier: summarise(items, now) for tier, items in sorted(by_tier.items())}
    report["all"] = summarise(facts, now)
    return report


TREND_RATES = ("first_response_on_time_rate", "next_reply_on_time_rate", "resolution_on_time_rate")


def sla_trend(
    facts: list[TicketFacts], months: list[str], now: datetime, zone: ZoneInfo
) -> list[dict[str, Any]]:
    """The on-time rates per business month of reporting, per tier and `all`; every month of the
    range."""
    by_month: dict[str, list[TicketFacts]] = {}
    for fact in facts:
        if fact.reported_at is not None:
            by_month.setdefault(month_of(fact.reported_at, zone), []).append(fact)
    trend = []
    for month in months:
        report = sla_report(by_month.get(month, []), now)
        trend.append({"month": month, "tiers": {
            tier: {"tickets": values["tickets"], **{rate: values[rate] for rate in TREND_RATES}}
            for tier, values in report.items()
        }})
    return trend
