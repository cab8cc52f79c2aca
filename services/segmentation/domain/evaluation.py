"""From a customer's aggregated facts to score, tier and quadrant, as of a given time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from services.segmentation.domain.policy import DEFAULT_POLICY, EvaluationPolicy
from services.segmentation.domain.quadrants import Quadrant, quadrant_for
from services.segmentation.domain.scoring import (
    Factor,
    Score,
    ScoreInputs,
    ScoringModel,
    compute_score,
    repurchase_rate_from_months,
)


@dataclass(frozen=True)
class CustomerFacts:
    """Everything the score needs of one customer, from one aggregation query."""

    customer_id: str
    owner: str | None
    since: date | None
    growth_pct: float
    repurchase_rate: float | None  # given by the customer record, else derived from orders
    last_order_at: datetime | None
    orders_12m: int
    amount_12m: float
    months_with_order_12m: int
    p1_complaints_12m: int


@dataclass(frozen=True)
class Evaluation:
    score: Score
    quadrant: Quadrant


def score_inputs(facts: CustomerFacts, as_of: datetime) -> ScoreInputs:
    days = None
    if facts.last_order_at is not None:
        days = (as_of - facts.last_order_at).total_seconds() / 86400
    repurchase = (
        facts.repurchase_rate
        if facts.repurchase_rate is not None
        else repurchase_rate_from_months(facts.months_with_order_12m)
    )
    return ScoreInputs(
        days_since_last_order=days,
        orders_12m=facts.orders_12m,
        amount_12m=facts.amount_12m,
        growth_pct=facts.growth_pct,
        repurchase_rate=repurchase,
    )


def evaluate(
    facts: CustomerFacts, model: ScoringModel, high_value_line: float | None, as_of: datetime,
    policy: EvaluationPolicy = DEFAULT_POLICY,
) -> Evaluation:
    score = compute_score(score_inputs(facts, as_of), model)
    years = (as_of.date() - facts.since).days / 365.25 if facts.since else 0.0
    quadrant = quadrant_for(
        facts.amount_12m,
        high_value_line,
        years,
        score.components[Factor.LOYALTY].sub_score,
        facts.p1_complaints_12m,
        policy,
    )
    return Evaluation(score=score, quadrant=quadrant)


UNSCORED = "unscored"
MAX_DRY_RUN_EXAMPLES = 20


@dataclass
class TierMoves:
    """The tally of a dry run: how many customers a model would move from their computed tier to
    another, by move, with the tier counts before and after and the first few examples."""

    model_version: str
    customers: int = 0
    moves: Counter[str] = field(default_factory=Counter)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    examples: list[dict[str, Any]] = field(default_factory=list)

    def add(self, customer_id: str, old_tier: str | None, old_score: float | None, new: Evaluation) -> None:
        """One customer: its current computed tier (None when never scored) and its new evaluation."""
        old = old_tier or UNSCORED
        new_tier = new.score.tier.value
        self.customers += 1
        self.before[old] += 1
        self.after[new_tier] += 1
        if old == new_tier:
            return
        self.moves[f"{old}->{new_tier}"] += 1
        if len(self.examples) < MAX_DRY_RUN_EXAMPLES:
            self.examples.append({"customer_id": customer_id, "from_tier": old, "to_tier": new_tier,
                                  "from_score": old_score, "to_score": new.score.value})

    def summary(self) -> dict[str, Any]:
        moved = sum(self.moves.values())
        return {
            "model_version": self.model_version, "customers": self.customers, "moved": moved,
            "unchanged": self.customers - moved, "moves": dict(sorted(self.moves.items())),
            "tiers_before": dict(self.before), "tiers_after": dict(self.after), "examples": self.examples,
        }
