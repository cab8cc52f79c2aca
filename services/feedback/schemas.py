"""Request and response models of the feedback API (the public contract, docs/design.md §8)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from services.feedback.domain.lifecycle import Status
from services.feedback.domain.sla import Priority, Tier

CustomerId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
Hours = Annotated[float, Field(gt=0, le=24 * 365)]


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    APP = "app"
    WEB = "web"
    COMMUNITY = "community"
    SURVEY = "survey"


class TicketType(StrEnum):
    COMPLAINT = "complaint"
    PROBLEM = "problem"
    SUGGESTION = "suggestion"
    PRAISE = "praise"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TicketIn(Strict):
    customer_id: CustomerId
    channel: Channel
    type: TicketType
    category: str = Field(min_length=1, max_length=100)
    description: str = Field(min_length=1, max_length=10_000)
    priority: Priority | None = Field(default=None, description="Proposed from the text and type when absent")
    reported_at: AwareDatetime | None = Field(
        default=None,
        description="When the customer reported it (a call logged later); the SLA clocks start here. "
        "Defaults to now; never in the future.",
    )


class AssignIn(Strict):
    assignee: str = Field(min_length=1, max_length=100)
    team: str | None = Field(default=None, min_length=1, max_length=100,
                             description="Overrides the team routing chose")


class ResponseIn(Strict):
    message: str = Field(min_length=1, max_length=10_000)


class Author(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"


class MessageIn(Strict):
    author: Author = Field(description="`customer`: the team now owes a reply (next-reply clock); "
                           "`agent`: a reply, the same as `POST .../responses`")
    body: str = Field(min_length=1, max_length=10_000)
    channel: Channel | None = Field(default=None, description="Where the message came from or went")


class StatusIn(Strict):
    status: Literal["pending_customer", "in_progress", "on_hold"] = Field(
        description="`pending_customer` pauses the SLA clocks; `on_hold` (waiting on a third party) "
        "leaves them running; `in_progress` resumes the work")
    note: str | None = Field(default=None, max_length=2000)


class ResolveIn(Strict):
    solution: str = Field(min_length=1, max_length=10_000)
    improvement: str | None = Field(default=None, max_length=10_000,
                                    description="Improvement measures taken so it does not recur")


class VerificationIn(Strict):
    solved: bool
    comment: str | None = Field(default=None, max_length=2000)
    rating: int | None = Field(default=None, ge=1, le=5,
                               description="The customer's optional 1-5 rating of the resolution (CSAT)")


class HistoryOut(BaseModel):
    at: datetime
    actor: str
    action: str
    from_status: str | None = None
    to_status: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class MessageOut(BaseModel):
    id: int
    author: Author
    body: str
    channel: Channel | None
    actor: str = Field(description="Who recorded the message")
    at: datetime


class DurationsOut(BaseModel):
    """Zendesk's requester wait and agent work time, counted up to `counted_until` (the last status
    change); an open ticket keeps counting from there."""

    requester_wait_seconds: float = Field(description="New, assigned, in progress, reopened, on hold")
    requester_wait_business_seconds: float = Field(description="The same on the ticket's SLA clock")
    agent_work_seconds: float = Field(description="New, assigned, in progress, reopened")
    agent_work_business_seconds: float = Field(description="The same on the ticket's SLA clock")
    counted_until: datetime


class SlaOut(BaseModel):
    first_response_due: datetime
    resolution_due: datetime
    calendar: str = Field(description="`24x7` or `business:<time zone>`")
    policy: dict[str, Any] = Field(description="Policy version and the rows that applied")
    first_response_warning_at: datetime
    first_response_task_force_at: datetime
    first_responded_at: datetime | None
    first_response_breached: bool
    first_response_level: int = Field(description="Last escalation level taken; -1 for none")
    resolution_started_at: datetime
    resolution_warning_at: datetime
    resolution_task_force_at: datetime
    resolution_breached: bool
    resolution_level: int
    next_reply_started_at: datetime | None = Field(
        description="The oldest customer message the team has not answered yet; null when no reply is owed")
    next_reply_due: datetime | None
    next_reply_warning_at: datetime | None
    next_reply_task_force_at: datetime | None
    next_reply_level: int
    next_replies_on_time: int
    next_replies_late: int
    paused: bool
    paused_at: datetime | None


class TicketResolutionOut(BaseModel):
    """What the customer is told when a ticket is resolved (for the notification service only)."""

    ticket_id: str
    customer_id: str
    status: str
    priority: str
    solution: str | None = None
    improvement: str | None = None
    resolved_at: datetime | None = None


class TicketOut(BaseModel):
    id: str
    customer_id: str
    channel: Channel
    type: TicketType
    category: str
    description: str
    priority: Priority
    priority_reason: dict[str, Any]
    team: str | None
    assignee: str | None
    status: Status
    tier: Tier | None
    sla: SlaOut
    response_count: int
    reopen_count: int
    solution: str | None
    improvement: str | None
    first_contact_resolution: bool | None
    satisfaction: float | None
    satisfaction_level: str | None
    csat_rating: int | None = Field(description="The latest 1-5 rating given with the verification")
    csat_rated_at: datetime | None
    reported_at: datetime
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    durations: DurationsOut
    history: list[HistoryOut] | None = None
    messages: list[MessageOut] | None = Field(
        default=None, description="The conversation after the description, oldest first")


NEXT_REPLY_HOURS = "Reply owed after each customer message; defaults to the row's first-response target"


class TargetsDoc(Strict):
    first_response_hours: Hours
    resolution_hours: Hours
    next_reply_hours: Hours | None = Field(default=None, description=NEXT_REPLY_HOURS)


class CapsDoc(Strict):
    first_response_hours: Hours | None = None
    resolution_hours: Hours | None = None
    next_reply_hours: Hours | None = Field(default=None, description=NEXT_REPLY_HOURS)


class RoundTheClockDoc(Strict):
    priorities: list[Priority] = Field(default_factory=lambda: [Priority.P1])
    tiers: list[Tier] = Field(default_factory=lambda: [Tier.VIP])


class EscalationDoc(Strict):
    warning_ratio: float = Field(default=0.8, gt=0, lt=1)
    task_force_after_ratio: float = Field(default=0.5, gt=0, le=10)


TimeOfDay = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


class CalendarDoc(Strict):
    timezone: str = "Asia/Shanghai"
    work_start: TimeOfDay = "09:00"
    work_end: TimeOfDay = "18:00"
    holidays: list[IsoDate] = Field(default_factory=list, description="Extra days off")
    workdays: list[IsoDate] = Field(default_factory=list, description="Extra working days")
    use_chinese_calendar: bool = True


class ReopeningDoc(Strict):
    closed_within_days: int = Field(
        default=7, ge=0, le=365,
        description="A customer message reopens a ticket closed at most this many days ago; later "
        "the message is refused (409) and belongs on a new ticket. 0: a closed ticket never reopens")


class SlaPolicyDoc(Strict):
    priority_targets: dict[Priority, TargetsDoc]
    tier_caps: dict[Tier, CapsDoc]
    round_the_clock: RoundTheClockDoc = Field(default_factory=RoundTheClockDoc)
    escalation: EscalationDoc = Field(default_factory=EscalationDoc)
    calendar: CalendarDoc = Field(default_factory=CalendarDoc)
    reopening: ReopeningDoc = Field(default_factory=ReopeningDoc)


class VersionInfo(BaseModel):
    version: int
    created_by: str
    created_at: datetime


class SlaPolicyOut(SlaPolicyDoc, VersionInfo):
    model_config = ConfigDict(extra="ignore")


class CalendarOut(CalendarDoc, VersionInfo):
    model_config = ConfigDict(extra="ignore")


class KeywordRuleDoc(Strict):
    priority: Priority
    keywords: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(min_length=1)


class TypeRuleDoc(Strict):
    priority: Priority
    type: TicketType


class PriorityRulesDoc(Strict):
    keyword_rules: list[KeywordRuleDoc]
    type_rules: list[TypeRuleDoc] = Field(default_factory=list)
    default_priority: Priority = Priority.P2


class PriorityRulesOut(PriorityRulesDoc, VersionInfo):
    model_config = ConfigDict(extra="ignore")


class RoutingDoc(Strict):
    teams_by_category: dict[Annotated[str, StringConstraints(min_length=1, max_length=100)],
                            Annotated[str, StringConstraints(min_length=1, max_length=100)]]
    default_team: str = Field(min_length=1, max_length=100)


class RoutingOut(RoutingDoc, VersionInfo):
    model_config = ConfigDict(extra="ignore")


class TierReport(BaseModel):
    tickets: int
    resolved: int
    first_response_on_time_rate: float | None
    next_reply_on_time_rate: float | None
    next_replies: int = Field(description="Replies owed after customer messages: made, or overdue now")
    resolution_on_time_rate: float | None
    first_contact_resolution_rate: float | None
    reopen_rate: float | None
    satisfaction_after_resolution: float | None
    satisfaction_answers: int
    csat: float | None = Field(description="Rated tickets whose latest rating is 4 or 5 / rated tickets")
    csat_ratings: int
    requester_wait_hours_median: float | None
    requester_wait_business_hours_median: float | None
    agent_work_hours_median: float | None
    agent_work_business_hours_median: float | None
    closed_confirmed: int = Field(default=0, description="Closed on the customer's confirmation")
    closed_without_confirmation: int = Field(
        default=0, description="Closed by themselves: no verification answer within the policy's days")


class SlaTrendPoint(BaseModel):
    tickets: int
    first_response_on_time_rate: float | None
    next_reply_on_time_rate: float | None
    resolution_on_time_rate: float | None


class SlaTrendMonth(BaseModel):
    month: str
    tiers: dict[str, SlaTrendPoint] = Field(description="Per tier (`unknown` when none) and `all`")


class SlaReportOut(BaseModel):
    month: str
    generated_at: datetime
    tiers: dict[str, TierReport] = Field(description="Per tier (`unknown` when no tier was known) and `all`")
    definitions: dict[str, str]
    trend: list[SlaTrendMonth] = Field(
        description="On-time rates of the 6 months up to this one, per tier (as GET /v1/reports/sla/trend)")


class CsatGroupOut(BaseModel):
    group: str = Field(description="The agent, team or tier; `unknown` when none was recorded")
    ratings: int
    csat: float | None = Field(description="Share (0-1) of ratings that are 4 or 5")
    mean_rating: float | None
    distribution: dict[str, int] = Field(description="Ratings per score, `1` to `5`")


class CsatReportOut(BaseModel):
    month: str
    by: Literal["agent", "team", "tier"]
    generated_at: datetime
    overall: CsatGroupOut
    groups: list[CsatGroupOut]
    definitions: dict[str, str]


class SlaTrendOut(BaseModel):
    from_month: str
    to_month: str
    generated_at: datetime
    months: list[SlaTrendMonth] = Field(description="Every month of the range, oldest first")


class TicketTopicOut(BaseModel):
    id: int = Field(description="Referred to by `by_category[].months[].topics`")
    label: str
    keywords: list[str]
    count: int
    examples: list[str] = Field(description="Descriptions closest to the topic's centre")
    example_ticket_ids: list[str]


class TopicCount(BaseModel):
    topic: int
    tickets: int


class CategoryMonthOut(BaseModel):
    month: str
    tickets: int
    topics: list[TopicCount] = Field(description="Tickets per topic, the most frequent first")


class CategoryTopicsOut(BaseModel):
    category: str
    months: list[CategoryMonthOut]


class TicketTopicsOut(BaseModel):
    from_month: str
    to_month: str
    category: str | None
    tickets: int = Field(description="Descriptions clustered (the latest ones, up to the service's limit)")
    topics: list[TicketTopicOut]
    by_category: list[CategoryTopicsOut]


class OnTimeRates(BaseModel):
    tickets: int
    first_response_on_time_rate: float | None
    next_reply_on_time_rate: float | None = None
    resolution_on_time_rate: float | None


class SlaSection(BaseModel):
    by_tier: dict[str, TierReport] = Field(description="Per tier (and `all`): on-time rates, FCR, reopens")
    by_tier_and_priority: dict[str, dict[str, OnTimeRates]] = Field(
        description="On-time rates per tier, then per priority (P1, P2, P3)")


class SatisfactionSummary(BaseModel):
    answers: int
    satisfaction: float | None = Field(description="Mean satisfaction, 1-5")
    nps: float | None = Field(description="% promoters (9-10) - % detractors (0-6)")
    nps_answers: int


class ActionSummary(BaseModel):
    created: int
    done: int
    done_on_time: int
    overdue: int = Field(description="Actions that went overdue in the month")
    open_past_due: int = Field(description="Due in the month and not done by its end")


class TierMove(BaseModel):
    from_tier: str = Field(alias="from", description="`new` for a customer's first tier")
    to_tier: str = Field(alias="to")
    customers: int


class TierMovesSection(BaseModel):
    moves: list[TierMove]
    up: int
    down: int
    new: int


class EffectSection(BaseModel):
    tickets_resolved: int
    tickets_closed_confirmed: int
    tickets_closed_without_confirmation: int = Field(
        description="Closed by themselves in the month, no verification answer (counted apart)")
    reopen_rate: float | None
    satisfaction_change: float | None = Field(description="Against the month before")
    nps_change: float | None = Field(description="Against the month before")
    actions_done: int


class ReportPeriod(BaseModel):
    start: datetime
    end: datetime


class MonthlyReportOut(BaseModel):
    month: str
    kind: str
    built_at: datetime
    period: ReportPeriod = Field(description="The business month, [start, end)")
    sla: SlaSection
    satisfaction: dict[str, SatisfactionSummary] = Field(description="Per tier and `all`")
    actions: dict[str, ActionSummary] = Field(description="Care actions per tier and `all`")
    tier_moves: TierMovesSection
    effect: EffectSection


class VerificationPolicyDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    auto_close_after_days: int = Field(
        ge=1, le=90, description="A resolved ticket with no verification answer closes after this many days")


class VerificationPolicyOut(VerificationPolicyDoc):
    version: int
    created_by: str
    created_at: datetime
