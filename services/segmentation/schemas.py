"""Request and response models of the segmentation API (the public contract, docs/design.md §8)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from services.segmentation.domain.quadrants import Quadrant
from services.segmentation.domain.scoring import Tier

CustomerId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 -]{5,19}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ContactIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=100)
    phone: Phone | None = None
    email: Email | None = None


class ContactOut(BaseModel):
    name: str
    title: str | None = None
    phone: str | None = None
    email: str | None = None


class ContactAddressOut(BaseModel):
    """Where to reach a customer: its first contact with an address, in clear (docs/design.md §10)."""

    customer_id: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class CustomerIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    industry: str | None = Field(default=None, max_length=100)
    size: str | None = Field(default=None, max_length=50)
    since: date | None = Field(default=None, description="Start of cooperation")
    growth_pct: float = Field(default=0.0, ge=-100, le=1000, description="Industry growth, percent")
    repurchase_rate: float | None = Field(
        default=None, ge=0, le=100, description="Percent; derived from orders when absent"
    )
    owner: str | None = Field(default=None, max_length=100,
                              description="Account owner; only a manager gives a customer another owner")
    team: str | None = Field(default=None, max_length=100,
                             description="Account team: its account managers see the customer too; "
                                         "only a manager moves a customer to another team")
    contacts: list[ContactIn] = Field(default_factory=list, max_length=50)


class ComponentOut(BaseModel):
    input: float
    sub_score: float
    weight: float
    points: float


class OverrideOut(BaseModel):
    id: str
    customer_id: str
    tier: Tier
    reason: str
    status: str
    proposed_by: str
    proposed_at: datetime
    expires_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None


class ScoreOut(BaseModel):
    value: float
    tier: Tier = Field(description="Effective tier: an approved override wins over the computed one")
    computed_tier: Tier
    quadrant: Quadrant | None
    model_version: str
    computed_at: datetime
    components: dict[str, ComponentOut]
    amount_12m: float
    orders_12m: int
    override: OverrideOut | None = None


class ChurnRiskOut(BaseModel):
    code: str
    detail: str
    detected_at: datetime


class SatisfactionOut(BaseModel):
    value: float
    level: str
    nps: int | None
    answered_at: datetime


class TrendOut(BaseModel):
    m1: float | None = Field(description="Month-end score 1 month ago (the snapshot of last month)")
    m3: float | None = Field(description="Month-end score 3 months ago")
    m6: float | None = Field(description="Month-end score 6 months ago")
    m12: float | None = Field(description="Month-end score 12 months ago")
    direction: str | None = Field(
        description="up, down or flat: the score against 3 months ago (1 month when that is all); "
                    "flat within the evaluation policy's trend_flat_band")


class CustomerOut(BaseModel):
    id: str
    name: str
    industry: str | None
    size: str | None
    since: date | None
    growth_pct: float
    repurchase_rate: float | None
    owner: str | None
    team: str | None = None
    contacts: list[ContactOut]
    created_at: datetime
    updated_at: datetime
    next_evaluation_at: datetime | None
    score: ScoreOut | None
    override: OverrideOut | None = Field(description="Approved override in force, else a pending proposal")
    churn_risk: list[ChurnRiskOut]
    satisfaction: SatisfactionOut | None = None
    open_p1_complaints_12m: int = 0
    trend: TrendOut | None = None


class TierCountsOut(BaseModel):
    customers: int = Field(description="Every customer on record")
    tiers: dict[str, int] = Field(description="Customers per effective tier; `unscored` for those not "
                                              "scored yet")


class CustomerSummary(BaseModel):
    id: str
    name: str
    owner: str | None
    team: str | None = None
    score: float | None
    tier: Tier | None
    quadrant: Quadrant | None


class OrderIn(Strict):
    order_id: str = Field(min_length=1, max_length=100)
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2, description="CNY")
    ordered_at: AwareDatetime


class OrderOut(BaseModel):
    order_id: str
    amount: float = Field(description="CNY")
    ordered_at: datetime


class OrdersAccepted(BaseModel):
    accepted: int
    duplicates: list[str] = Field(description="order ids seen before; not counted twice")
    score_changed: bool = Field(
        default=False, description="The new orders moved the score (rescored in the same request)")


class InteractionKind(StrEnum):
    VISIT = "visit"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    LOGIN = "login"


class InteractionIn(Strict):
    kind: InteractionKind
    occurred_at: AwareDatetime
    opened: bool | None = Field(default=None, description="For messages: opened or not")


class InteractionOut(BaseModel):
    id: int
    customer_id: str
    kind: InteractionKind
    occurred_at: datetime
    opened: bool | None


class CurvesIn(Strict):
    R: list[tuple[float, float]]
    F: list[tuple[float, float]]
    M: list[tuple[float, float]]
    P: list[tuple[float, float]]
    L: list[tuple[float, float]]


class WeightsIn(Strict):
    R: float
    F: float
    M: float
    P: float
    L: float


class ThresholdsIn(Strict):
    VIP: float
    Key: float
    Regular: float


class ScoringModelIn(Strict):
    version: str | None = Field(default=None, min_length=1, max_length=100)
    curves: CurvesIn
    weights: WeightsIn
    thresholds: ThresholdsIn


class ScoringModelOut(BaseModel):
    version: str
    curves: dict[str, list[tuple[float, float]]]
    weights: dict[str, float]
    thresholds: dict[str, float]
    inputs: dict[str, str]
    active: bool
    created_by: str
    created_at: datetime


class ModelApplied(BaseModel):
    model: ScoringModelOut
    rescore_job: JobOut


class DryRunOut(BaseModel):
    model_version: str
    customers: int
    moved: int
    unchanged: int
    moves: dict[str, int]
    tiers_before: dict[str, int]
    tiers_after: dict[str, int]
    examples: list[dict]


class JobOut(BaseModel):
    id: str
    status: str
    reason: str
    total: int
    processed: int
    changed: int
    tier_changes: int
    progress: float
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None


class OverrideIn(Strict):
    tier: Tier
    reason: str = Field(min_length=3, max_length=2000, description="The strategic value behind it")
    expires_at: AwareDatetime | None = Field(default=None, description="Default: 180 days")


class DecisionIn(Strict):
    note: str | None = Field(default=None, max_length=2000)


class HistoryScore(BaseModel):
    value: float
    tier: str
    quadrant: str | None
    model_version: str
    reason: str
    computed_at: datetime


class HistoryTierChange(BaseModel):
    from_tier: str | None
    to_tier: str
    reason: str
    score: float | None
    changed_at: datetime


class MonthEndScore(BaseModel):
    month: str = Field(description="YYYY-MM, a business month")
    value: float
    tier: str
    computed_tier: str
    quadrant: str | None


class HistoryOut(BaseModel):
    customer_id: str
    scores: list[HistoryScore]
    tier_changes: list[HistoryTierChange]
    month_ends: list[MonthEndScore] = Field(
        default_factory=list, description="The monthly snapshots, newest first: one per month")


class ReviewIntervalsDoc(Strict):
    VIP: int
    Key: int
    Regular: int
    Observation: int


class EvaluationPolicyDoc(Strict):
    """Every number of re-evaluation, quadrants, churn risk, overrides and trends (defaults: the seed's)."""

    review_interval_days: ReviewIntervalsDoc = Field(
        description="Days between scheduled reviews per tier (VIP 91: quarterly; others 182)")
    high_value_share: float = Field(description="High value: the top share of active customers (0.30)")
    loyalty_min_sub_score: float = Field(description="High loyalty: L sub-score at least this (60)")
    loyalty_min_years: float = Field(description="High loyalty: cooperation of at least this many years (1)")
    silence_days: int = Field(description="Churn risk: no order and no interaction for this many days (90)")
    spending_drop_ratio: float = Field(
        description="Spending drop: each recent month at most this share (0.5)")
    spending_drop_months: int = Field(description="... in each of this many last months (2)")
    spending_baseline_months: int = Field(description="... of the mean of this many months before (3)")
    declining_months: int = Field(
        description="Churn risk: the month-end score fell this many months running (3)")
    override_validity_days: int = Field(description="A tier override without an expiry holds this long (180)")
    trend_flat_band: float = Field(description="Trend: within this many points of 3 months ago is flat (1.0)")


class EvaluationPolicyOut(EvaluationPolicyDoc):
    version: int
    created_by: str
    created_at: datetime


class SnapshotIn(Strict):
    month: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}$", description="YYYY-MM, a past business month")


class SnapshotOut(BaseModel):
    month: str
    customers: int = Field(description="Customers with a month-end row for the month")
    changed: int = Field(description="Customers whose current score the snapshot moved")
    warnings: int = Field(description="Score-declining warnings raised")


ModelApplied.model_rebuild()


class ErasureIn(Strict):
    reason: str = Field(min_length=1, max_length=500,
                        description="Why the personal data is erased (e.g. the request's reference)")


class ErasureConfirmationOut(BaseModel):
    service: str
    confirmed_at: datetime
    redacted: dict[str, int] = Field(description="What the service redacted, as counts per kind of record")


class ErasureOut(BaseModel):
    id: str
    customer_id: str
    reason: str
    requested_by: str
    requested_at: datetime
    completed_at: datetime | None = Field(description="When the last service confirmed")
    status: str = Field(description="in-progress, or complete once every service confirmed")
    confirmations: list[ErasureConfirmationOut]
    waiting_for: list[str] = Field(description="Services that have not confirmed yet")
