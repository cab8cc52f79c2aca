"""The value score of docs/design.md §3: five piecewise-linear curves, weighted, then a tier."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

Point = tuple[float, float]


class Factor(StrEnum):
    RECENCY = "R"
    FREQUENCY = "F"
    MONETARY = "M"
    POTENTIAL = "P"
    LOYALTY = "L"


class Tier(StrEnum):
    VIP = "VIP"
    KEY = "Key"
    REGULAR = "Regular"
    OBSERVATION = "Observation"


TIER_ORDER = [Tier.OBSERVATION, Tier.REGULAR, Tier.KEY, Tier.VIP]

FACTOR_INPUTS = {
    Factor.RECENCY: "days since last order",
    Factor.FREQUENCY: "orders in the last 12 months",
    Factor.MONETARY: "order amount in the last 12 months (CNY)",
    Factor.POTENTIAL: "industry growth %",
    Factor.LOYALTY: "repurchase rate % (share of the last 12 months with an order)",
}


def interpolate(points: list[Point], x: float) -> float:
    """Piecewise-linear curve; inputs beyond either end take that end's sub-score."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


@dataclass(frozen=True)
class ScoringModel:
    """A versioned model: curves, weights (summing to 1) and tier thresholds."""

    version: str
    curves: dict[Factor, list[Point]]
    weights: dict[Factor, float]
    thresholds: dict[Tier, float] = field(
        default_factory=lambda: {Tier.VIP: 90.0, Tier.KEY: 70.0, Tier.REGULAR: 50.0}
    )

    def tier_for(self, score: float) -> Tier:
        """VIP >= 90, Key 70 to < 90, Regular 50 to < 70, Observation below (defaults)."""
        for tier in (Tier.VIP, Tier.KEY, Tier.REGULAR):
            if score >= self.thresholds[tier]:
                return tier
        return Tier.OBSERVATION

    def validation_errors(self) -> list[tuple[str, str]]:
        """(field, message) for everything that makes the model unusable."""
        errors: list[tuple[str, str]] = []
        if set(self.weights) != set(Factor):
            errors.append(("weights", "a weight is needed for each of R, F, M, P, L"))
        elif abs(sum(self.weights.values()) - 1.0) > 1e-6:
            errors.append(("weights", f"weights must sum to 1, not {sum(self.weights.values()):g}"))
        for factor, weight in self.weights.items():
            if not 0 <= weight <= 1:
                errors.append((f"weights.{factor}", "a weight is between 0 and 1"))
        if set(self.curves) != set(Factor):
            errors.append(("curves", "a curve is needed for each of R, F, M, P, L"))
        for factor, points in self.curves.items():
            where = f"curves.{factor}"
            if len(points) < 2:
                errors.append((where, "a curve needs at least two points"))
                continue
            xs = [x for x, _ in points]
            if any(b <= a for a, b in pairwise(xs)):
                errors.append((where, "input values must strictly increase"))
            if any(not 0 <= y <= 100 for _, y in points):
                errors.append((where, "sub-scores are between 0 and 100"))
        t = self.thresholds
        if set(t) != {Tier.VIP, Tier.KEY, Tier.REGULAR}:
            errors.append(("thresholds", "thresholds are needed for VIP, Key and Regular"))
        elif not 100 >= t[Tier.VIP] > t[Tier.KEY] > t[Tier.REGULAR] > 0:
            errors.append(("thresholds", "need 100 >= VIP > Key > Regular > 0"))
        return errors


DEFAULT_MODEL = ScoringModel(
    version="rfm-weighted-v1",
    curves={
        Factor.RECENCY: [(0, 100), (30, 95), (60, 85), (120, 60), (365, 0)],
        Factor.FREQUENCY: [(0, 0), (2, 40), (6, 70), (12, 95), (24, 100)],
        Factor.MONETARY: [(0, 0), (50000, 50), (300000, 80), (500000, 90), (1000000, 100)],
        Factor.POTENTIAL: [(-10, 0), (0, 30), (8, 70), (15, 90), (30, 100)],
        Factor.LOYALTY: [(0, 0), (100, 100)],
    },
    weights={
        Factor.RECENCY: 0.20,
        Factor.FREQUENCY: 0.15,
        Factor.MONETARY: 0.35,
        Factor.POTENTIAL: 0.15,
        Factor.LOYALTY: 0.15,
    },
)


@dataclass(frozen=True)
class ScoreInputs:
    """Plain inputs of one customer; `days_since_last_order` is None when it never ordered."""

    days_since_last_order: float | None
    orders_12m: int
    amount_12m: float
    growth_pct: float
    repurchase_rate: float


@dataclass(frozen=True)
class Component:
    input: float
    sub_score: float
    weight: float
    points: float  # weighted contribution to the score


@dataclass(frozen=True)
class Score:
    value: float
    tier: Tier
    model_version: str
    components: dict[Factor, Component]


def factor_inputs(inputs: ScoreInputs, model: ScoringModel) -> dict[Factor, float]:
    # A customer who never ordered is as far as the recency curve reaches.
    recency_end = model.curves[Factor.RECENCY][-1][0]
    days = inputs.days_since_last_order
    return {
        Factor.RECENCY: recency_end if days is None else max(days, 0.0),
        Factor.FREQUENCY: float(inputs.orders_12m),
        Factor.MONETARY: float(inputs.amount_12m),
        Factor.POTENTIAL: float(inputs.growth_pct),
        Factor.LOYALTY: float(inputs.repurchase_rate),
    }


def compute_score(inputs: ScoreInputs, model: ScoringModel = DEFAULT_MODEL) -> Score:
    """Weighted sum of the five sub-scores, kept with one decimal, and its tier."""
    components = {}
    total = 0.0
    for factor, value in factor_inputs(inputs, model).items():
        sub_score = interpolate(model.curves[factor], value)
        weight = model.weights[factor]
        total += sub_score * weight
        components[factor] = Component(
            input=round(value, 4),
            sub_score=round(sub_score, 2),
            weight=weight,
            points=round(sub_score * weight, 2),
        )
    value = round(total + 1e-9, 1)  # 93.05 shows as 93.1, not 93.0 from float noise
    return Score(value=value, tier=model.tier_for(value), model_version=model.version,
                 components=components)


def repurchase_rate_from_months(months_with_order: int) -> float:
    """Default L input: share of the last 12 months that had an order, in percent."""
    return round(min(months_with_order, 12) / 12 * 100, 2)


def model_to_dict(model: ScoringModel) -> dict:
    return {
        "version": model.version,
        "curves": {f.value: [list(p) for p in pts] for f, pts in model.curves.items()},
        "weights": {f.value: w for f, w in model.weights.items()},
        "thresholds": {t.value: v for t, v in model.thresholds.items()},
    }


def model_from_dict(data: dict) -> ScoringModel:
    return ScoringModel(
        version=data["version"],
        curves={Factor(k): [(float(x), float(y)) for x, y in v] for k, v in data["curves"].items()},
        weights={Factor(k): float(v) for k, v in data["weights"].items()},
        thresholds={Tier(k): float(v) for k, v in data["thresholds"].items()},
    )
