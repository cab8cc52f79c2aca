"""Satisfaction, NPS and CSAT month by month, overall and per tier (or quadrant): the score
trend Formbricks and Gainsight show. Months are business months, like the reports."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from services.survey.domain.results import UNKNOWN_GROUP
from services.survey.domain.scoring import csat, net_promoter_score


@dataclass(frozen=True)
class TrendFacts:
    """What the trend needs of one response."""

    month: str  # YYYY-MM
    group: str | None
    value: float
    nps: int | None
    item_answers: tuple[int, ...]


@dataclass(frozen=True)
class TrendPoint:
    group: str
    responses: int
    satisfaction: float | None
    nps: float | None
    csat: float | None


@dataclass(frozen=True)
class TrendMonth:
    month: str
    overall: TrendPoint
    groups: list[TrendPoint]


def _point(group: str, rows: list[TrendFacts]) -> TrendPoint:
    return TrendPoint(
        group=group, responses=len(rows),
        satisfaction=round(fmean(r.value for r in rows), 2) if rows else None,
        nps=net_promoter_score(r.nps for r in rows if r.nps is not None),
        csat=csat(a for r in rows for a in r.item_answers),
    )


def monthly_trend(facts: list[TrendFacts], months: list[str], group_order: list[str]) -> list[TrendMonth]:
    """One entry per month, empty months included (a chart needs the gaps); in each month every
    group of `group_order`, then any other group seen, then `unknown`."""
    seen = {f.group or UNKNOWN_GROUP for f in facts}
    groups = list(group_order) + sorted(seen - set(group_order) - {UNKNOWN_GROUP})
    groups += [UNKNOWN_GROUP] if UNKNOWN_GROUP in seen else []
    trend = []
    for month in months:
        rows = [f for f in facts if f.month == month]
        trend.append(TrendMonth(
            month=month, overall=_point("all", rows),
            groups=[_point(g, [r for r in rows if (r.group or UNKNOWN_GROUP) == g]) for g in groups],
        ))
    return trend
