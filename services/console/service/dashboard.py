"""The manager dashboard: tiers against intended shares, NPS / CSAT and SLA trends by tier, CSAT
after resolution per agent, team and tier, and the monthly report with its CSV (docs/design.md §12),
read from the services' reports."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from services.console.domain.charts import Chart, bar_chart, line_chart
from services.console.domain.reports import (
    CSAT_GROUPINGS,
    TIERS,
    TierShare,
    dashboard_csv_rows,
    previous_months,
    tier_shares,
)
from services.console.service.gateway import Gateway, Outcome, Result
from services.console.service.sessions import ConsoleUser
from services.console.settings import ConsoleSettings

# The tiered service report the feedback service builds on the 1st for the month before and keeps
# (docs/design.md §9): SLA by tier and priority, satisfaction and NPS, actions, tier moves, effect.
MONTHLY_REPORT = "/v1/reports/monthly"
# CSAT after resolution in a business month, per agent, team or tier (docs/design.md §5).
CSAT_REPORT = "/v1/reports/csat"


@dataclass
class Distribution:
    outcome: Outcome
    shares: list[TierShare] = field(default_factory=list)
    chart: Chart | None = None
    customers: int = 0
    service: str = "segmentation"
    detail: str = ""

    @property
    def table_rows(self) -> list[list[str]]:
        def pct(value: float | None) -> str:
            return "–" if value is None else f"{value * 100:.1f}%"

        return [
            [
                s.tier,
                str(s.customers),
                pct(s.share),
                pct(s.intended),
                "–" if s.gap is None else f"{s.gap:+.1f}",
            ]
            for s in self.shares
        ]


async def tier_distribution(gateway: Gateway, user: ConsoleUser, settings: ConsoleSettings) -> Distribution:
    """Tier counts from segmentation's tier report (an aggregate analysts may read, where the customer
    list is not theirs: docs/design.md §11), against the intended shares."""
    report = await gateway.call("segmentation", "GET", "/v1/reports/tiers", user.access_token)
    if not report.ok:
        return Distribution(report.outcome, detail=report.detail)
    counts: Counter[str] = Counter(report.data.get("tiers", {}))
    seen = int(report.data.get("customers", 0))
    shares = tier_shares(counts, settings.intended_tier_shares)
    chart = bar_chart(
        [s.tier for s in shares],
        {
            "actual": [round((s.share or 0) * 100, 1) for s in shares],
            "intended": [round((s.intended or 0) * 100, 1) for s in shares],
        },
    )
    return Distribution(Outcome.OK, shares, chart, seen)


@dataclass
class Trend:
    outcome: Outcome
    months: list[str]
    charts: dict[str, Chart] = field(default_factory=dict)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    missing_months: list[str] = field(default_factory=list)
    service: str = ""
    detail: str = ""


GROUPS = (*TIERS, "all")  # each tier, and every customer together


def _series(reports: dict[str, dict], months: list[str], pick) -> dict[str, list[float | None]]:
    return {group: [pick(reports.get(m), group) for m in months] for group in GROUPS}


def _table(months: list[str], series: dict[str, list[float | None]]) -> list[list[str]]:
    return [
        [m, *("–" if series[g][i] is None else f"{series[g][i]:.1f}" for g in GROUPS)]
        for i, m in enumerate(months)
    ]


async def _monthly(
    gateway: Gateway, user: ConsoleUser, service: str, path: str, months: list[str]
) -> tuple[dict[str, dict], list[Result]]:
    results = await asyncio.gather(
        *(gateway.call(service, "GET", path, user.access_token, params={"month": m}) for m in months)
    )
    return {m: r.data for m, r in zip(months, results, strict=True) if r.ok}, list(results)


async def satisfaction_trend(gateway: Gateway, user: ConsoleUser, months: list[str]) -> Trend:
    """NPS and CSAT by tier per month, from the playbook's monthly effect reports."""
    reports, results = await _monthly(gateway, user, "playbook", "/v1/reports/effect", months)
    if not reports:
        return Trend(results[0].outcome, months, service="playbook", detail=results[0].detail)

    def pick(metric):
        def value(report, group):
            report = report or {}
            row = report.get("overall") if group == "all" else (report.get("by_tier") or {}).get(group)
            return (row or {}).get(metric)

        return value

    nps = _series(reports, months, pick("nps"))
    csat = {
        tier: [None if v is None else round(v * 100, 1) for v in values]
        for tier, values in _series(reports, months, pick("csat")).items()
    }
    return Trend(
        Outcome.OK,
        months,
        {
            "nps": line_chart(months, nps, low=-100, high=100),
            "csat": line_chart(months, csat, low=0, high=100),
        },
        {"nps": _table(months, nps), "csat": _table(months, csat)},
        [m for m in months if m not in reports],
        service="playbook",
    )


async def sla_trend(gateway: Gateway, user: ConsoleUser, months: list[str]) -> tuple[Trend, dict[str, dict]]:
    """First-response and resolution on-time rates by tier per month, from feedback's SLA reports."""
    reports, results = await _monthly(gateway, user, "feedback", "/v1/reports/sla", months)
    if not reports:
        return Trend(results[0].outcome, months, service="feedback", detail=results[0].detail), {}

    def pick(metric):
        def value(report, tier):
            rate = (((report or {}).get("tiers") or {}).get(tier) or {}).get(metric)
            return None if rate is None else round(rate * 100, 1)

        return value

    first = _series(reports, months, pick("first_response_on_time_rate"))
    resolution = _series(reports, months, pick("resolution_on_time_rate"))
    return Trend(
        Outcome.OK,
        months,
        {
            "first_response": line_chart(months, first, low=0, high=100),
            "resolution": line_chart(months, resolution, low=0, high=100),
        },
        {"first_response": _table(months, first), "resolution": _table(months, resolution)},
        [m for m in months if m not in reports],
        service="feedback",
    ), reports


@dataclass
class MonthlyReport:
    month: str
    result: Result  # OK: the stored report; NOT_FOUND: the month has none yet
    earlier: str | None = None  # when it has none: the month before, whose report exists

    @property
    def document(self) -> dict[str, Any]:
        return self.result.data if self.result.ok else {}


async def monthly_report(gateway: Gateway, user: ConsoleUser, month: str) -> MonthlyReport:
    """The month's stored report; a month without one (it is built on the 1st of the month after)
    points to the month before when that one has its report."""

    async def stored(of: str) -> Result:
        return await gateway.call("feedback", "GET", MONTHLY_REPORT, user.access_token, params={"month": of})

    result = await stored(month)
    if result.outcome is not Outcome.NOT_FOUND:
        return MonthlyReport(month, result)
    before = previous_months(month, 2)[0]
    earlier = await stored(before)
    return MonthlyReport(month, result, before if earlier.ok else None)


async def csat_reports(gateway: Gateway, user: ConsoleUser, month: str) -> dict[str, Result]:
    """The month's CSAT after resolution grouped by agent, by team and by tier."""
    results = await asyncio.gather(
        *(
            gateway.call("feedback", "GET", CSAT_REPORT, user.access_token, params={"month": month, "by": by})
            for by in CSAT_GROUPINGS
        )
    )
    return dict(zip(CSAT_GROUPINGS, results, strict=True))


@dataclass
class MonthCsv:
    """The month's CSV rows, or why there are none (no report built and no CSAT, or a service down)."""

    month: str
    rows: list[tuple[str, str, str, Any]] | None
    outcome: Outcome = Outcome.OK


async def month_csv(gateway: Gateway, user: ConsoleUser, month: str) -> MonthCsv:
    """The stored monthly report (once built) and the month's CSAT per agent, team and tier."""
    report, csat = await asyncio.gather(
        monthly_report(gateway, user, month), csat_reports(gateway, user, month)
    )
    rated = {by: result.data for by, result in csat.items() if result.ok}
    if not report.result.ok and not rated:
        return MonthCsv(month, None, report.result.outcome)
    return MonthCsv(month, dashboard_csv_rows(month, report.document or None, rated))


def sla_by_tier_and_priority(report: dict[str, Any]) -> list[tuple[str, dict[str, dict[str, Any]]]]:
    """(tier, {priority: on-time rates}) rows of the report, tiers in their order, `all` last."""
    table = (report.get("sla") or {}).get("by_tier_and_priority") or {}
    order = [*TIERS, *sorted(set(table) - {*TIERS, "all"}), "all"]
    return [(tier, table[tier]) for tier in order if tier in table]


@dataclass
class Dashboard:
    month: str
    months: list[str]
    distribution: Distribution
    satisfaction: Trend
    sla: Trend
    sla_month: dict[str, Any] | None
    report: MonthlyReport
    csat: dict[str, Result]  # by agent, team and tier


async def dashboard(gateway: Gateway, user: ConsoleUser, settings: ConsoleSettings, month: str) -> Dashboard:
    months = previous_months(month, settings.dashboard_months)
    distribution, satisfaction, (sla, sla_reports), report, csat = await asyncio.gather(
        tier_distribution(gateway, user, settings),
        satisfaction_trend(gateway, user, months),
        sla_trend(gateway, user, months),
        monthly_report(gateway, user, month),
        csat_reports(gateway, user, month),
    )
    sla_month = sla_reports.get(month)
    return Dashboard(
        month, months, distribution, satisfaction, sla, (sla_month or {}).get("tiers"), report, csat
    )
