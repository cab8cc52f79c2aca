"""Request and response models of the survey API (the public contract, docs/design.md §8)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

CustomerId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
Key = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- templates -------------------------------------------------------------------------------


class ItemIn(Strict):
    id: Key | None = Field(default=None, description="Defaults to `<dimension>.<n>`")
    text: str = Field(min_length=1, max_length=500)
    text_zh: str | None = Field(default=None, max_length=500)


class DimensionIn(Strict):
    key: Key
    name: str | None = Field(default=None, max_length=200)
    name_zh: str | None = Field(default=None, max_length=200)
    items: list[ItemIn] = Field(min_length=1, max_length=50, description="1-5 Likert items")


class OpenQuestionIn(Strict):
    id: Key | None = None
    text: str = Field(min_length=1, max_length=500)
    text_zh: str | None = Field(default=None, max_length=500)


TierWeights = dict[str, dict[str, float]]


class SurveyIn(Strict):
    name: str = Field(min_length=1, max_length=200, description="The title customers see")
    name_zh: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000,
                                    description="Shown to customers under the title: the survey's purpose")
    description_zh: str | None = Field(default=None, max_length=2000)
    dimensions: list[DimensionIn] = Field(min_length=1, max_length=20)
    nps_question: str | None = Field(
        default=None, max_length=500, description="Include an NPS (0-10) question with this text"
    )
    nps_question_zh: str | None = Field(default=None, max_length=500)
    open_questions: list[OpenQuestionIn] = Field(default_factory=list, max_length=10)
    anonymous: bool = Field(
        default=False, description="Responses keep only the tier and quadrant, never who answered; "
                                   "their satisfaction-scored events carry no customer id")
    tier_weights: TierWeights = Field(
        default_factory=dict,
        description="Dimension weights per tier (VIP, Key, Regular, Observation), each summing to 1; "
        "a tier not listed weighs its dimensions equally",
    )


class WeightsIn(Strict):
    tier_weights: TierWeights


class ItemOut(BaseModel):
    id: str
    dimension: str
    text: str
    text_zh: str = ""


class DimensionOut(BaseModel):
    key: str
    name: str
    name_zh: str = ""
    items: list[ItemOut]


class OpenQuestionOut(BaseModel):
    id: str
    text: str
    text_zh: str = ""


class SurveyOut(BaseModel):
    id: str
    name: str
    name_zh: str = ""
    description: str
    description_zh: str = ""
    is_default: bool
    dimensions: list[DimensionOut]
    items: list[ItemOut] = Field(description="Every Likert item, with its dimension")
    nps_question: str | None
    nps_question_zh: str = ""
    open_questions: list[OpenQuestionOut]
    tier_weights: TierWeights = Field(description="Effective weights of every tier")
    anonymous: bool = Field(False, description="Responses keep no customer id (docs/design.md §11)")
    created_by: str
    created_at: datetime
    updated_at: datetime


class SurveySummary(BaseModel):
    id: str
    name: str
    is_default: bool
    dimensions: list[str]
    items: int
    created_at: datetime


# --- invitations -----------------------------------------------------------------------------


Language = Literal["zh-CN", "en"]


class InvitationsIn(Strict):
    customer_ids: list[CustomerId] = Field(min_length=1, max_length=1000)
    expires_in_days: int | None = Field(default=None, ge=1, le=365)
    language: Language | None = Field(
        default=None, description="Language of the answering page; without it the page follows the "
        "customer's browser, Chinese (zh-CN) by default")


InvitationKind = Literal["survey", "verification"]
InvitationStatus = Literal["pending", "answered", "expired"]


class InvitationOut(BaseModel):
    id: str
    kind: InvitationKind
    survey_id: str | None
    customer_id: str
    ticket_id: str | None = None
    token: str
    url: str
    status: InvitationStatus
    created_at: datetime
    expires_at: datetime
    answered_at: datetime | None = None
    opened_at: datetime | None = Field(default=None, description="First time the questions were fetched")
    started_at: datetime | None = Field(default=None, description="First answer saved")
    language: Language | None = None


class SkippedInvitationOut(BaseModel):
    """A customer not invited: the fatigue guard (one survey invitation in 30 days) held it back."""

    customer_id: str
    reason: str
    recent_invitation_id: str
    next_allowed_at: datetime


class InvitationsOut(BaseModel):
    items: list[InvitationOut]
    skipped: list[SkippedInvitationOut] = []


class InvitationLinkOut(BaseModel):
    """What a sender needs to deliver an invitation: the answering link, fetched at send time."""

    invitation_id: str
    kind: InvitationKind
    customer_id: str
    url: str
    status: InvitationStatus
    expires_at: datetime


# --- the schedule ------------------------------------------------------------------------------

CadenceName = Literal["monthly", "quarterly", "half-yearly", "yearly"]


class ScheduleOut(BaseModel):
    version: int
    created_by: str
    created_at: datetime
    cadence: dict[str, CadenceName | None]
    survey_id: str
    reminder_after_days: list[int]
    fatigue_days: int
    coverage_target: float
    verification_reminder_after_days: int | None
    invitation_expires_in_days: int


class CoverageGroupOut(BaseModel):
    target: int
    invited: int
    answered: int
    coverage: float | None
    response_rate: float | None


class CoverageOut(BaseModel):
    """Of the period's target customers (tiers on cadence): invited, answered, held back and why."""

    survey_id: str
    period: str
    start: datetime
    end: datetime
    target: int
    invited: int
    answered: int
    coverage: float | None = Field(description="invited / target")
    coverage_target: float
    met: bool | None
    response_rate: float | None = Field(description="answered / invited")
    by_tier: dict[str, CoverageGroupOut]
    held_back: dict[str, int] = Field(description="targets not invited yet, by reason")


class QuestionOut(BaseModel):
    id: str
    type: Literal["likert", "nps", "open", "yes_no", "rating"]
    text: str
    text_zh: str = ""
    dimension: str | None = None
    min: int | None = None
    max: int | None = None
    required: bool = Field(default=True, description="False for NPS, open questions and the rating")


class SavedAnswersOut(BaseModel):
    """Answers saved as the customer goes; a page refresh restores them."""

    answers: dict[str, int] = Field(default_factory=dict)
    nps: int | None = None
    comments: dict[str, str] = Field(default_factory=dict)
    solved: bool | None = None


class PublicInvitationOut(BaseModel):
    """What a customer sees through the token: the questions, nothing about other customers."""

    kind: InvitationKind
    title: str
    title_zh: str = ""
    description: str = ""
    description_zh: str = ""
    language: Language | None = Field(default=None, description="The page language the inviter chose")
    expires_at: datetime
    dimensions: list[DimensionOut] = Field(default_factory=list)
    questions: list[QuestionOut]
    saved: SavedAnswersOut | None = Field(default=None, description="Answers saved so far, if any")


class ProgressOut(BaseModel):
    saved: SavedAnswersOut
    saved_at: datetime
    answered: int = Field(description="Questions answered so far")
    questions: int


class ResponseIn(Strict):
    answers: dict[str, int] = Field(
        default_factory=dict, description="item id -> 1..5; on a ticket verification, `rating` -> 1..5")
    nps: int | None = Field(default=None, description="0..10")
    comments: dict[str, str] = Field(
        default_factory=dict, description="open question id -> text; on a ticket verification, `comment`")
    solved: bool | None = Field(default=None, description="The answer to a ticket verification")


class SatisfactionOut(BaseModel):
    value: float
    level: str
    dimensions: dict[str, float]
    weights: dict[str, float]
    tier: str | None
    nps: int | None
    nps_category: str | None
    csat: float | None


class ResponseOut(BaseModel):
    response_id: str
    invitation_id: str
    kind: InvitationKind
    answered_at: datetime
    satisfaction: SatisfactionOut | None = None
    solved: bool | None = None
    rating: int | None = Field(default=None, description="A verification's optional 1-5 rating")


# --- results ---------------------------------------------------------------------------------


class GroupOut(BaseModel):
    group: str
    invited: int
    responses: int
    response_rate: float | None
    satisfaction: float | None
    dimensions: dict[str, float]
    nps: float | None = Field(description="% promoters - % detractors, -100..100")
    csat: float | None = Field(description="Share (0-1) of item answers that are 4 or 5")
    levels: dict[str, int]
    gap_to_overall: dict[str, float] = Field(default_factory=dict)
    opened: int = Field(description="Invitations whose questions were fetched")
    started: int = Field(description="Invitations with at least one answer saved or sent")
    completed: int = Field(description="Invitations answered (the responses)")
    drop_off: list[DropOffOut] = Field(
        description="Per question in page order, then `submit`: where started invitations stopped")


class DropOffOut(BaseModel):
    question_id: str
    answered: int
    reached: int = Field(description="Started invitations that had not stopped before this question")
    dropped: int = Field(description="Started, not completed, and stopped at this question")
    drop_off_rate: float | None


class GapOut(BaseModel):
    dimension: str
    highest_group: str
    highest_mean: float
    lowest_group: str
    lowest_mean: float
    gap: float


class ResultsOut(BaseModel):
    survey_id: str
    by: Literal["tier", "quadrant"]
    overall: GroupOut
    groups: list[GroupOut]
    gaps: list[GapOut]


class TopicOut(BaseModel):
    label: str
    keywords: list[str]
    count: int
    examples: list[str]


class TopicsOut(BaseModel):
    survey_id: str
    question_id: str | None
    answers: int
    topics: list[TopicOut]


class SatisfactionPoint(BaseModel):
    response_id: str
    survey_id: str | None
    answered_at: datetime
    value: float
    level: str
    dimensions: dict[str, float]
    tier: str | None
    nps: int | None
    csat: float | None


class CustomerSatisfactionOut(BaseModel):
    customer_id: str
    tier: str | None = Field(description="The tier last heard from segmentation")
    latest: SatisfactionPoint | None
    items: list[SatisfactionPoint] = Field(description="Oldest first")
    next_cursor: str | None = None


class TrendPointOut(BaseModel):
    group: str
    responses: int
    satisfaction: float | None = Field(description="Mean weighted satisfaction, 1-5")
    nps: float | None
    csat: float | None


class TrendMonthOut(BaseModel):
    month: str
    overall: TrendPointOut
    groups: list[TrendPointOut]


class TrendOut(BaseModel):
    survey_id: str
    by: Literal["tier", "quadrant"]
    from_month: str
    to_month: str
    months: list[TrendMonthOut] = Field(description="Every month of the range, oldest first, empty ones too")
