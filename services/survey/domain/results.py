"""Results of a survey per group (tier or quadrant): means, gaps, NPS, CSAT, response rate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import fmean

from services.survey.domain.scoring import csat, net_promoter_score

UNKNOWN_GROUP = "unknown"


@dataclass(frozen=True)
class ResponseFacts:
    """What the summary needs of one response."""

    group: str | None
    value: float
    level: str
    dimensions: dict[str, float]
    item_answers: tuple[int, ...]
    nps: int | None = None


@dataclass(frozen=True)
class GroupSummary:
    group: str
    invited: int
    responses: int
    response_rate: float | None
    satisfaction: float | None
    dimensions: dict[str, float]
    nps: float | None
    csat: float | None
    levels: dict[str, int]
    gap_to_overall: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class DimensionGap:
    """The spread of one dimension's mean between the best and the worst group."""

    dimension: str
    highest_group: str
    highest_mean: float
    lowest_group: str
    lowest_mean: float
    gap: float


@dataclass(frozen=True)
class Summary:
    overall: GroupSummary
    groups: list[GroupSummary]
    gaps: list[DimensionGap]


def _rate(responses: int, invited: int) -> float | None:
    return round(responses / invited, 4) if invited else None


def _summarise(
    group: str, rows: list[ResponseFacts], invited: int, dimension_keys: list[str]
) -> GroupSummary:
    dimensions = {
        key: round(fmean(r.dimensions[key] for r in rows if key in r.dimensions), 2)
        for key in dimension_keys
        if any(key in r.dimensions for r in rows)
    }
    return GroupSummary(
        group=group,
        invited=invited,
        responses=len(rows),
        response_rate=_rate(len(rows), invited),
        satisfaction=round(fmean(r.value for r in rows), 2) if rows else None,
        dimensions=dimensions,
        nps=net_promoter_score(r.nps for r in rows if r.nps is not None),
        csat=csat(a for r in rows for a in r.item_answers),
        levels=dict(Counter(r.level for r in rows)),
    )


def summarise(
    responses: list[ResponseFacts],
    invited_by_group: dict[str | None, int],
    dimension_keys: list[str],
    group_order: list[str],
) -> Summary:
    """Per group and overall; groups in `group_order`, then any other, then `unknown`."""
    by_group: dict[str, list[ResponseFacts]] = {}
    for r in responses:
        by_group.setdefault(r.group or UNKNOWN_GROUP, []).append(r)
    invited = Counter({(g or UNKNOWN_GROUP): n for g, n in invited_by_group.items()})
    names = set(by_group) | {g for g, n in invited.items() if n}
    ordered = [g for g in group_order if g in names]
    ordered += sorted(names - set(group_order) - {UNKNOWN_GROUP})
    ordered += [UNKNOWN_GROUP] if UNKNOWN_GROUP in names else []
    overall = _summarise("all", responses, sum(invited.values()), dimension_keys)
    groups = []
    for name in ordered:
        summary = _summarise(name, by_group.get(name, []), invited.get(name, 0), dimension_keys)
        gaps = {k: round(v - overall.dimensions[k], 2) for k, v in summary.dimensions.items()}
        groups.append(GroupSummary(**{**summary.__dict__, "gap_to_overall": gaps}))
    return Summary(overall=overall, groups=groups, gaps=dimension_gaps(groups, dimension_keys))


def dimension_gaps(groups: list[GroupSummary], dimension_keys: list[str]) -> list[DimensionGap]:
    """For each dimension answered by two groups or more: the best and the worst group."""
    gaps = []
    for key in dimension_keys:
        means = [(g.dimensions[key], g.group) for g in groups if key in g.dimensions]
        if len(means) < 2:
            continue
        high = max(means, key=lambda m: m[0])
        low = min(means, key=lambda m: m[0])
        gaps.append(DimensionGap(key, high[1], high[0], low[1], low[0], round(high[0] - low[0], 2)))
    return gaps
