"""Tables of the survey service only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.access import customer_access_table
from shared.audit import audit_table
from shared.config_versions import ConfigVersionColumns
from shared.db import UTCDateTime
from shared.events.outbox import platform_tables


class Base(DeclarativeBase):
    pass


PLATFORM_TABLES = platform_tables(Base.metadata)
# Each customer's owner and team from `customer-assigned`, for the access scopes (docs/design.md §11).
CUSTOMER_ACCESS = customer_access_table(Base.metadata)
AUDIT_LOG = audit_table(Base.metadata)  # shared.audit: append-only, read at GET /v1/audit


class SurveyRow(Base):
    """A template; `definition` is the domain template as stored JSON."""

    __tablename__ = "surveys"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict] = mapped_column(JSON)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_surveys_created", "created_at", "id"),)


class CustomerTierRow(Base):
    """Read model fed by `score-updated`: the tier and quadrant used for weights and results."""

    __tablename__ = "customer_tiers"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tier: Mapped[str] = mapped_column(String(20))
    quadrant: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[float | None] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InvitationRow(Base):
    """One invitation to answer; the token is the only key a customer needs (no login)."""

    __tablename__ = "invitations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # survey | verification
    survey_id: Mapped[str | None] = mapped_column(ForeignKey("surveys.id"), index=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[str | None] = mapped_column(String(64))
    tier: Mapped[str | None] = mapped_column(String(20))  # from the read model when invited
    quadrant: Mapped[str | None] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The funnel (invited -> opened -> started -> completed) and the answers saved as the customer
    # goes (domain/progress.py), cleared once the response is in.
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    progress: Mapped[dict | None] = mapped_column(JSON)
    progress_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(10))  # of the answering page: zh-CN or en
    # A scheduled invitation's period (`2026-Q4`); with the customer a unique key, so a schedule
    # that resumes after failing part way never invites a customer twice for one period.
    period_key: Mapped[str | None] = mapped_column(String(16))
    priority: Mapped[str | None] = mapped_column(String(4))  # of the ticket a verification is about
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_reminder_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None: no reminder left
    # When its free text was redacted (erasure or retention, docs/design.md §11).
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        Index("ix_invitations_customer", "customer_id", "created_at", "id"),
        Index("ix_invitations_next_reminder", "next_reminder_at"),
        UniqueConstraint("customer_id", "period_key", name="uq_invitation_customer_period"),
    )


class ReminderRow(Base):
    """One reminder of an unanswered invitation; the key makes each reminder go out once."""

    __tablename__ = "invitation_reminders"
    invitation_id: Mapped[str] = mapped_column(ForeignKey("invitations.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SurveyTargetRow(Base):
    """A customer the schedule must invite in a period (its tier has a cadence), and the outcome.

    Written set-based at each run for the customers known from `score-updated`; the coverage of
    a period is read from here. `not_before` holds a target back while the fatigue guard does.
    """

    __tablename__ = "survey_targets"
    period_key: Mapped[str] = mapped_column(String(16), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tier: Mapped[str | None] = mapped_column(String(20))
    survey_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))  # pending | invited
    invitation_id: Mapped[str | None] = mapped_column(String(36))
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_survey_targets_open", "status", "period_key", "not_before"),)


class ConfigVersionRow(ConfigVersionColumns, Base):
    """Versioned documents an admin edits (the survey schedule); a version never changes."""

    __tablename__ = "config_versions"


class ResponseRow(Base):
    """The single answer to an invitation (unique invitation_id) and its satisfaction."""

    __tablename__ = "responses"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    invitation_id: Mapped[str] = mapped_column(ForeignKey("invitations.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    survey_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # None for an anonymous survey (docs/design.md §11): the response keeps only tier and quadrant.
    customer_id: Mapped[str | None] = mapped_column(String(64))
    ticket_id: Mapped[str | None] = mapped_column(String(64))
    tier: Mapped[str | None] = mapped_column(String(20))  # the tier whose weights were used
    quadrant: Mapped[str | None] = mapped_column(String(20))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    comments: Mapped[dict] = mapped_column(JSON, default=dict)
    nps: Mapped[int | None] = mapped_column(Integer)
    nps_category: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[float | None] = mapped_column(Float)
    level: Mapped[str | None] = mapped_column(String(30))
    dimensions: Mapped[dict] = mapped_column(JSON, default=dict)
    weights: Mapped[dict] = mapped_column(JSON, default=dict)
    csat: Mapped[float | None] = mapped_column(Float)
    solved: Mapped[bool | None] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When its free text was redacted (erasure or retention, docs/design.md §11).
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_responses_customer_time", "customer_id", "answered_at", "id"),)


class RateLimitRow(Base):
    """Fixed-window request counters in the database, so every replica sees the same count."""

    __tablename__ = "rate_limits"
    bucket: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
