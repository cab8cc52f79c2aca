"""Request and response models of the playbook API (the public contract)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.playbook.domain.rules import CHANNELS
from services.playbook.domain.triggers import QUADRANTS, TIERS

Channel = Literal[CHANNELS]  # type: ignore[valid-type]
TierName = Literal[TIERS]  # type: ignore[valid-type]
QuadrantName = Literal[QUADRANTS]  # type: ignore[valid-type]
CustomerId = str


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- rules and policy ------------------------------------------------------------------------


class RuleSetOut(BaseModel):
    version: int
    created_at: datetime
    created_by: str
    rules: list[dict[str, Any]]


class RuleOut(BaseModel):
    version: int
    rule: dict[str, Any]


class ContactPolicyOut(BaseModel):
    version: int
    created_at: datetime
    created_by: str
    policy: dict[str, Any]


class CareScheduleOut(BaseModel):
    """The numbers of the playbook's calendar an admin edits (docs/design.md §9), as one version."""

    version: int
    created_at: datetime
    created_by: str
    presence_check_days: int = Field(
        description="a high-value customer with no completed contact in this many days gets a "
                    "presence contact for its owner (at most one a month)")
    digest_at_risk_days: int = Field(
        description="the Monday digest lists the owner's customers with a churn-risk warning in "
                    "this many days")


# --- actions ---------------------------------------------------------------------------------


class SurveyInvitationState(BaseModel):
    state: str
    attempts: int
    next_attempt_at: datetime | None = None
    error: str | None = None
    invitation: dict[str, Any] | None = None


class ActionOut(BaseModel):
    id: str
    customer_id: str
    kind: str
    title: str
    channel: str
    owner: str | None
    owner_role: str
    status: Literal["pending", "deferred", "done", "cancelled"]
    overdue: bool
    due_at: datetime | None
    deep_contact: bool
    deferred_reason: str | None = None
    may_proceed_at: datetime | None = None
    rule_id: str
    rule_version: int | None
    trigger_event_id: str
    trigger_event_type: str
    experiment_id: str | None = None
    variant: str | None = None
    customer_feedback: str | None = None
    next_step: str | None = None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None = None
    overdue_notified_at: datetime | None = None
    survey: SurveyInvitationState | None = None
    explanation: dict[str, Any]


class ActionPatch(Strict):
    status: Literal["pending", "done", "cancelled"] | None = None
    customer_feedback: str | None = Field(default=None, max_length=4000)
    next_step: str | None = Field(default=None, max_length=4000)


class CustomerOut(BaseModel):
    customer_id: str
    tier: str | None
    quadrant: str | None
    owner: str | None
    score: float | None
    amount_12m: Decimal | None
    orders_12m: int | None
    last_order_at: datetime | None
    computed_at: datetime | None


class ChannelPauseOut(BaseModel):
    channel: str
    paused_until: datetime
    reason: str


class ContactStateOut(BaseModel):
    contact_class: str
    max_deep_contacts: int
    window_days: int
    deep_contacts_in_window: int
    next_deep_contact_at: datetime | None = Field(
        description="when one more deep contact fits the cap; null when it fits now")
    paused_channels: list[ChannelPauseOut]


class RecurringOut(BaseModel):
    """One recurring action of the customer's current tier and quadrant, planned ahead."""

    kind: str
    rule_id: str
    cadence: str
    period: str = Field(description="the current period of the business calendar, e.g. 2026-Q4")
    action_id: str | None = Field(description="this period's action, once made")
    status: str | None
    due_at: datetime
    next_due_at: datetime = Field(description="when the same action falls due in the next period")


class PlanOut(BaseModel):
    customer_id: str
    customer: CustomerOut | None
    contact: ContactStateOut
    open_actions: list[ActionOut]
    recent_actions: list[ActionOut]
    recurring: list[RecurringOut] = []


# --- contacts --------------------------------------------------------------------------------


class ContactIn(Strict):
    channel: Channel
    opened: bool
    occurred_at: datetime | None = None
    action_id: str | None = Field(default=None, max_length=36)


class ContactOut(BaseModel):
    id: int
    customer_id: str
    channel: str
    opened: bool
    occurred_at: datetime
    action_id: str | None
    channel_paused: bool
    paused_until: datetime | None = None


# --- cases -----------------------------------------------------------------------------------


class CaseMetric(Strict):
    name: str = Field(min_length=1, max_length=100, examples=["NPS"])
    before: float
    after: float
    unit: str | None = Field(default=None, max_length=20, examples=["points", "%"])


class CaseEffect(Strict):
    metrics: list[CaseMetric] = Field(default_factory=list, max_length=50)
    summary: str | None = Field(default=None, max_length=4000)


Tag = Annotated[str, Field(min_length=1, max_length=50)]


class CaseIn(Strict):
    title: str = Field(min_length=1, max_length=200)
    customer_id: CustomerId | None = Field(default=None, max_length=64)
    tier: TierName | None = None
    quadrant: QuadrantName | None = None
    background: str = Field(min_length=1, max_length=20000)
    strategy: str = Field(min_length=1, max_length=20000)
    execution: str = Field(min_length=1, max_length=20000)
    effect: CaseEffect
    lessons: str = Field(min_length=1, max_length=20000)
    tags: list[Tag] = Field(default_factory=list, max_length=20)


class CaseMetricOut(CaseMetric):
    change: float
    change_pct: float | None


class CaseEffectOut(BaseModel):
    metrics: list[CaseMetricOut]
    summary: str | None


class CaseOut(BaseModel):
    id: str
    title: str
    customer_id: str | None
    tier: str | None
    quadrant: str | None
    background: str
    strategy: str
    execution: str
    effect: CaseEffectOut
    lessons: str
    tags: list[str]
    created_by: str
    created_at: datetime


# --- experiments and reports -----------------------------------------------------------------


class ExperimentOut(BaseModel):
    id: str
    rule_id: str
    rule_name: str
    trigger: str
    enabled: bool
    control_share: float
    variants: list[str]
    assignments: dict[str, int]


class EstimateOut(BaseModel):
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n: int


class VariantReport(BaseModel):
    variant: str
    customers: int
    win_back_30d: EstimateOut
    satisfaction_change: EstimateOut
    spend_change_3m: EstimateOut


class ExperimentReport(BaseModel):
    experiment_id: str
    rule_id: str
    confidence: float = 0.95
    definitions: dict[str, str]
    variants: list[VariantReport]


class EffectReport(BaseModel):
    month: str
    definitions: dict[str, str]
    overall: dict[str, Any]
    by_tier: dict[str, dict[str, Any]]
    by_quadrant: dict[str, dict[str, Any]]
