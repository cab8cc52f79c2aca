"""SLA report per tier and month (docs/design.md §5): on-time rates, first-contact resolution, reopens,
satisfaction after resolution. Rates are None when nothing could be measured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

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


def summarise(facts: list[TicketFacts], now: datetime) -> dict[str, Any]:
    fr = [_on_time(f.first_response_due, f.first_responded_at, now, False) for f in facts]
    res = [_on_time(f.resolution_due, f.resolved_at, now, f.paused) for f in facts]
    resolved = [f for f in facts if f.ever_resolved]
    fcr_known = [f for f in resolved if f.first_contact_resolution is not None]
    scores = [f.satisfaction for f in resolved if f.satisfaction is not None]
    fr_known = [x for x in fr if x is not None]
    res_known = [x for x in res if x is not None]
    return {
        "tickets": len(facts),
        "resolved": len(resolved),
        "first_response_on_time_rate": _rate(sum(fr_known), len(fr_known)),
        "resolution_on_time_rate": _rate(sum(res_known), len(res_known)),
        "first_contact_resolution_rate": _rate(
            sum(1 for f in fcr_known if f.first_contact_resolution), len(fcr_known)
        ),
        "reopen_rate": _rate(sum(1 for f in resolved if f.reopen_count > 0), len(resolved)),
        "satisfaction_after_resolution": round(sum(scores) / len(scores), 2) if scores else None,
        "satisfaction_answers": len(scores),
        # Closed on the customer's "solved", or by themselves after days without an answer: apart.
        "closed_confirmed": sum(1 for f in facts if f.close_reason == "customer-confirmed"),
        "closed_without_confirmation": sum(
            1 for f in facts if f.close_reason == "closed-without-confirmation"),
    }


def on_time_by_tier_and_priority(facts: list[TicketFacts], now: datetime) -> dict[str, dict[str, Any]]:
    """First-response and resolution on-time rates per tier, then per priority within it."""
    grouped: dict[str, dict[str, list[TicketFacts]]] = {}
    for fact in facts:
        grouped.setdefault(fact.tier or NO_TIER, {}).setdefault(fact.priority, []).append(fact)
    keep = ("tickets", "first_response_on_time_rate", "resolution_on_time_rate")
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
