"""From a customer's aggregated facts to score, tier and quadrant, as of a given time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

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
