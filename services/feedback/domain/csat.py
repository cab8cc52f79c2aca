"""CSAT after resolution (docs/design.md §4 and §5): the share of 1-5 ratings that are 4 or 5, per agent,
team or tier. Each answer to a verification is one rating, so a ticket resolved twice can be
rated twice; the rating belongs to who handled the ticket when it was rated."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

SATISFIED = frozenset({4, 5})
NO_GROUP = "unknown"


class CsatGroup(StrEnum):
    AGENT = "agent"
    TEAM = "team"
    TIER = "tier"


@dataclass(frozen=True)
class Rating:
    rating: int
    agent: str | None
    team: str | None
    tier: str | None

    def group(self, by: CsatGroup) -> str:
        return getattr(self, by.value) or NO_GROUP


@dataclass(frozen=True)
class CsatSummary:
    group: str
    ratings: int
    csat: float | None
    mean_rating: float | None
    distribution: dict[str, int]


def csat_of(ratings: list[int]) -> float | None:
    return round(sum(1 for r in ratings if r in SATISFIED) / len(ratings), 4) if ratings else None


def summarise(group: str, ratings: list[int]) -> CsatSummary:
    counts = Counter(ratings)
    return CsatSummary(
        group=group, ratings=len(ratings), csat=csat_of(ratings),
        mean_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
        distribution={str(score): counts.get(score, 0) for score in range(1, 6)},
    )


def csat_by(ratings: list[Rating], by: CsatGroup) -> tuple[CsatSummary, list[CsatSummary]]:
    """The overall summary and one per group, the most rated first (ties by name)."""
    groups: dict[str, list[int]] = {}
    for r in ratings:
        groups.setdefault(r.group(by), []).append(r.rating)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return summarise("all", [r.rating for r in ratings]), [summarise(g, values) for g, values in ordered]
