"""Tables of the feedback service only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.access import customer_access_table
from shared.audit import audit_table
from shared.config_versions import ConfigVersionColumns
from shared.db import BigIntPK, UTCDateTime
from shared.events.outbox import platform_tables


class Base(DeclarativeBase):
    pass


PLATFORM_TABLES = platform_tables(Base.metadata)
# Each customer's owner and team from `customer-assigned`, for the access scopes (docs/design.md §11).
CUSTOMER_ACCESS = customer_access_table(Base.metadata)
AUDIT_LOG = audit_table(Base.metadata)  # shared.audit: append-only, read at GET /v1/audit


class TicketRow(Base):
    __tablename__ = "tickets"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(4), index=True)
    priority_reason: Mapped[dict] = mapped_column(JSON)
    team: Mapped[str | None] = mapped_column(String(100))
    assignee: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), index=True)
    tier: Mapped[str | None] = mapped_column(String(20))
    policy_version: Mapped[int] = mapped_column(Integer)
    calendar: Mapped[str] = mapped_column(String(60))
    sla_rows: Mapped[dict] = mapped_column(JSON)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # First-response clock: steps at warn (level 0), due (level 1), task force (level 2).
    first_response_warn_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_due: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_task_force_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_level: Mapped[int] = mapped_column(Integer, default=-1)
    first_responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_breached: Mapped[bool] = mapped_column(Boolean, default=False)
    # Resolution clock: restarted (new cycle) when the ticket is reopened.
    resolution_started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolution_warn_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolution_due: Mapped[datetime] = mapped_column(UTCDateTime)
    resolution_task_force_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolution_level: Mapped[int] = mapped_column(Integer, default=-1)
    resolution_breached: Mapped[bool] = mapped_column(Boolean, default=False)
    # Next-reply clock: runs from the oldest customer message the team has not answered yet;
    # one cycle per such message thread, stopped by the agent's reply.
    next_reply_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_reply_warn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_reply_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_reply_task_force_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_reply_level: Mapped[int] = mapped_column(Integer, default=-1, server_default="-1")
    next_reply_cycle: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_replies_on_time: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_replies_late: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Requester wait and agent work time (domain/durations.py), counted up to `status_since`.
    status_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requester_wait_seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    requester_wait_business_seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    agent_work_seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    agent_work_business_seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    was_pending_customer: Mapped[bool] = mapped_column(Boolean, default=False)
    response_count: Mapped[int] = mapped_column(Integer, default=0)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    solution: Mapped[str | None] = mapped_column(Text)
    improvement: Mapped[str | None] = mapped_column(Text)
    first_contact_resolution: Mapped[bool | None] = mapped_column(Boolean)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # customer-confirmed, or closed-without-confirmation when no answer came within the policy's days.
    close_reason: Mapped[str | None] = mapped_column(String(40))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction: Mapped[float | None] = mapped_column(Float)
    satisfaction_level: Mapped[str | None] = mapped_column(String(30))
    # The latest 1-5 rating given with the verification (every rating is a row of csat_ratings).
    csat_rating: Mapped[int | None] = mapped_column(Integer)
    csat_rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Earliest pending escalation step; the sweeper claims rows whose time has come.
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # When its free text was redacted (erasure or retention, docs/design.md §11).
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_tickets_created", "created_at", "id"),)


class TicketHistoryRow(Base):
    """Every transition and SLA event of a ticket, in order."""

    __tablename__ = "ticket_history"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[dict] = mapped_column(JSON)


class TicketMessageRow(Base):
    """The conversation: messages of the customer (from any channel) and replies of agents.

    The ticket's description is the customer's opening message; these are the ones after it.
    """

    __tablename__ = "ticket_messages"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(20))  # customer | agent
    actor: Mapped[str] = mapped_column(String(100))  # who recorded it
    channel: Mapped[str | None] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A ticket's conversation is read in time order (replies of old tickets were copied in later).
    __table_args__ = (Index("ix_ticket_messages_ticket_at", "ticket_id", "at", "id"),)


class CsatRatingRow(Base):
    """One 1-5 rating of a resolution, tied to who handled the ticket when it was rated."""

    __tablename__ = "csat_ratings"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    rating: Mapped[int] = mapped_column(Integer)
    solved: Mapped[bool] = mapped_column(Boolean)
    agent: Mapped[str | None] = mapped_column(String(100))  # the ticket's assignee
    team: Mapped[str | None] = mapped_column(String(100))
    tier: Mapped[str | None] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(4))
    cycle: Mapped[int] = mapped_column(Integer)  # reopen count: which resolution was rated
    via: Mapped[str] = mapped_column(String(20))  # survey | api
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class EscalationRow(Base):
    """One row per escalation step; the unique key makes each step happen once across replicas."""

    __tablename__ = "escalations"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(20))
    cycle: Mapped[int] = mapped_column(Integer)  # resolution clock number (reopen count)
    level: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    step_at: Mapped[datetime] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (
        UniqueConstraint("ticket_id", "metric", "cycle", "level", name="uq_escalation_step"),
    )


class CustomerTierRow(Base):
    """Read model: the customer's tier, from segmentation's score-updated events."""

    __tablename__ = "customer_tiers"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tier: Mapped[str] = mapped_column(String(20))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConfigVersionRow(ConfigVersionColumns, Base):
    """Versioned documents a manager edits: sla-policy, priority-rules, routing."""

    __tablename__ = "config_versions"


class CareActionRow(Base):
    """Read model of the playbook's care actions (action-created/-completed/-overdue), for the
    monthly report's actions done and overdue per tier."""

    __tablename__ = "care_actions"
    action_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    tier: Mapped[str | None] = mapped_column(String(20))  # the customer's tier when it was planned
    kind: Mapped[str] = mapped_column(String(60))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    overdue_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TierMoveRow(Base):
    """Read model of segmentation's tier-changed events, for the monthly report's tier moves."""

    __tablename__ = "tier_moves"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    from_tier: Mapped[str | None] = mapped_column(String(20))
    to_tier: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(40))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SatisfactionAnswerRow(Base):
    """Read model of survey answers (satisfaction-scored), for satisfaction and NPS per tier."""

    __tablename__ = "satisfaction_answers"
    response_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str | None] = mapped_column(String(64))
    tier: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    nps: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class MonthlyReportRow(Base):
    """The tiered service report of a business month, built once on the 1st and kept."""

    __tablename__ = "monthly_reports"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    report: Mapped[dict] = mapped_column(JSON)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)
