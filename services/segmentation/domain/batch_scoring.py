"""The score, tier and quadrant of many customers at once (the monthly snapshot of a million).

The same rules as `scoring.compute_score` and `evaluation.evaluate`, on arrays: every curve is
interpolated with the same arithmetic in the same order, and the score rounded by Python's own
`round`, so a customer gets exactly the value the one-by-one path gives it
(tests/unit/segmentation/test_batch_scoring.py holds them equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import numpy as np

from services.segmentation.domain.policy import DEFAULT_POLICY, EvaluationPolicy
from services.segmentation.domain.quadrants import Quadrant
from services.segmentation.domain.scoring import (
    Factor,
    Point,
    ScoringModel,
    Tier,
    repurchase_rate_from_months,
)

_MICROSECONDS_PER_DAY = 86_400 * 1_000_000
_REPURCHASE_FROM_MONTHS = np.array([repurchase_rate_from_months(m) for m in range(13)])


@dataclass(frozen=True)
class BatchFacts:
    """Column arrays of `CustomerFacts` for one batch (NaN: no last order / no given rate)."""

    last_order_microseconds: np.ndarray  # since the epoch, float; NaN when the customer never ordered
    orders_12m: np.ndarray
    amount_12m: np.ndarray
    months_with_order_12m: np.ndarray
    growth_pct: np.ndarray
    repurchase_rate: np.ndarray  # NaN: derived from the months with an order
    since_days: np.ndarray  # date.toordinal() of the start of cooperation; NaN when unknown
    p1_complaints_12m: np.ndarray

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> BatchFacts:
        """Rows of (last_order_at, orders_12m, amount_12m, months_12m, growth_pct, repurchase_rate,
        since, p1_complaints_12m), as the aggregation returns them."""
        return cls.from_columns(*(list(zip(*rows, strict=True)) if rows else [()] * 8))

    @classmethod
    def from_columns(
        cls, last_order_at: Sequence, orders_12m: Sequence, amount_12m: Sequence,
        months_12m: Sequence, growth_pct: Sequence, repurchase_rate: Sequence, since: Sequence,
        p1_complaints_12m: Sequence,
    ) -> BatchFacts:
        """The same facts given column by column (aware datetimes, numbers, dates; None where unknown)."""
        nan = float("nan")
        return cls(
            last_order_microseconds=np.array(
                [nan if t is None else (t - _EPOCH) // _MICROSECOND for t in last_order_at], dtype=float),
            orders_12m=np.array(orders_12m, dtype=float),
            amount_12m=np.array([float(a) for a in amount_12m], dtype=float),
            months_with_order_12m=np.array(months_12m, dtype=int),
            growth_pct=np.array([float(g or 0) for g in growth_pct], dtype=float),
            repurchase_rate=np.array([nan if r is None else float(r) for r in repurchase_rate], dtype=float),
            since_days=np.array([nan if d is None else d.toordinal() for d in since], dtype=float),
            p1_complaints_12m=np.array(p1_complaints_12m, dtype=int),
        )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _epoch_microseconds(moment: datetime) -> float:
    delta = moment - datetime(1970, 1, 1, tzinfo=moment.tzinfo)
    return float((delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds)


def interpolate_many(points: list[Point], x: np.ndarray) -> np.ndarray:
    """`scoring.interpolate` on an array: the first segment whose end is >= x, ends clamped."""
    result = np.full(x.shape, points[-1][1], dtype=float)
    for (x0, y0), (x1, y1) in reversed(list(pairwise(points))):
        result = np.where(x <= x1, y0 + (y1 - y0) * (x - x0) / (x1 - x0), result)
    return np.where(x <= points[0][0], points[0][1], result)


@dataclass(frozen=True)
class BatchScores:
    values: list[float]
    tiers: list[str]
    quadrants: list[str]
    # Per factor, each customer's input and sub-score: the explanation of the few that are stored.
    inputs: dict[Factor, np.ndarray]
    sub_scores: dict[Factor, np.ndarray]
    weights: dict[Factor, float]

    def components(self, indices: list[int]) -> list[dict[str, dict[str, float]]]:
        """The explanation of the scores of these customers (indices into the batch), rounded as
        `scoring.compute_score` shows it."""
        columns = [(factor.value, weight, self.inputs[factor][indices].tolist(),
                    self.sub_scores[factor][indices].tolist()) for factor, weight in self.weights.items()]
        explained = []
        for k in range(len(indices)):
            one = {}
            for name, weight, inputs, sub_scores in columns:
                sub_score = sub_scores[k]
                one[name] = {"input": round(inputs[k], 4), "sub_score": round(sub_score, 2),
                             "weight": weight, "points": round(sub_score * weight, 2)}
            explained.append(one)
        return explained


def score_many(
    facts: BatchFacts, model: ScoringModel, high_value_line: float | None, as_of: datetime,
    policy: EvaluationPolicy = DEFAULT_POLICY,
) -> BatchScores:
    """Score, computed tier and quadrant of each customer of the batch, as of `as_of`."""
    as_of_microseconds = _epoch_microseconds(as_of)
    days = (as_of_microseconds - facts.last_order_microseconds) / 1_000_000 / 86_400
    recency_end = model.curves[Factor.RECENCY][-1][0]
    recency = np.where(np.isnan(days), recency_end, np.maximum(days, 0.0))
    months = np.minimum(facts.months_with_order_12m, 12)
    loyalty_input = np.where(np.isnan(facts.repurchase_rate), _REPURCHASE_FROM_MONTHS[months],
                             facts.repurchase_rate)
    inputs = {
        Factor.RECENCY: recency,
        Factor.FREQUENCY: facts.orders_12m,
        Factor.MONETARY: facts.amount_12m,
        Factor.POTENTIAL: facts.growth_pct,
        Factor.LOYALTY: loyalty_input,
    }
    total = np.zeros(len(recency))
    sub_scores = {}
    for factor, value in inputs.items():  # R, F, M, P, L: the order of compute_score's sum
        sub_scores[factor] = interpolate_many(model.curves[factor], value)
        total = total + sub_scores[factor] * model.weights[factor]
    values = [round(v + 1e-9, 1) for v in total.tolist()]  # as compute_score rounds
    rounded = np.array(values)
    thresholds = model.thresholds
    tiers = np.select(
        [rounded >= thresholds[Tier.VIP], rounded >= thresholds[Tier.KEY],
         rounded >= thresholds[Tier.REGULAR]],
        [Tier.VIP.value, Tier.KEY.value, Tier.REGULAR.value], Tier.OBSERVATION.value)
    quadrants = _quadrants(facts, sub_scores[Factor.LOYALTY], high_value_line, as_of.date(), policy)
    return BatchScores(values, tiers.tolist(), quadrants, inputs, sub_scores,
                       {factor: model.weights[factor] for factor in inputs})


def _quadrants(facts: BatchFacts, loyalty_sub_scores: np.ndarray, line: float | None, as_of: date,
               policy: EvaluationPolicy) -> list[str]:
    amount = facts.amount_12m
    high_value = np.zeros(amount.shape, dtype=bool) if line is None else (amount > 0) & (amount >= line)
    years = np.where(np.isnan(facts.since_days), 0.0, (as_of.toordinal() - facts.since_days) / 365.25)
    # The one-by-one path compares the sub-score as shown (two decimals).
    shown = np.array([round(s, 2) for s in loyalty_sub_scores.tolist()])
    loyal = ((years >= policy.loyalty_min_years) & (shown >= policy.loyalty_min_sub_score)
             & (facts.p1_complaints_12m == 0))
    quadrants = np.select(
        [high_value & loyal, high_value, loyal],
        [Quadrant.CORE.value, Quadrant.POTENTIAL.value, Quadrant.BASIC.value], Quadrant.TO_OPTIMIZE.value)
    return quadrants.tolist()
