"""Tables of the playbook service only."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Float, Index, Integer, Numeric, String, Text, UniqueConstraint
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


class ConfigVersionRow(ConfigVersionColumns, Base):
    """Versioned documents (rule set, contact policy, care schedule); a version never changes."""

    __tablename__ = "config_versions"


class CustomerRow(Base):
    """Read model from `score-updated` / `tier-changed`: what the playbook knows of a customer."""

    __tablename__ = "customers"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tier: Mapped[str | None] = mapped_column(String(20))
    quadrant: Mapped[str | None] = mapped_column(String(20))
    owner: Mapped[str | None] = mapped_column(String(100))
    score: Mapped[float | None] = mapped_column(Float)
    amount_12m: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    orders_12m: Mapped[int | None] = mapped_column(Integer)
    last_order_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Recurring care: the rule-set version the plan was made with, and when it must be looked at
    # again (the next period of its shortest cadence); the schedule re-plans when either is due.
    planned_rules_version: Mapped[int | None] = mapped_column(Integer)
    next_plan_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class CustomerSnapshotRow(Base):
    """Every score seen, for "segment at month end" and "spend 3 months after"."""

    __tablename__ = "customer_snapshots"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    tier: Mapped[str | None] = mapped_column(String(20))
    quadrant: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[float | None] = mapped_column(Float)
    amount_12m: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    orders_12m: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (Index("ix_snapshots_customer_time", "customer_id", "computed_at"),)


class ObservedOrderRow(Base):
    """Order times carried by score events (`last_order_at`): the orders the playbook has seen."""

    __tablename__ = "observed_orders"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)


class OrderRow(Base):
    """Orders from `order-recorded`: real win-back and spend figures for experiments and reports."""

    __tablename__ = "orders"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DigestRow(Base):
    """One owner's weekly digest; the key makes a week's digest go out once."""

    __tablename__ = "digests"
    owner: Mapped[str] = mapped_column(String(100), primary_key=True)
    week_of: Mapped[str] = mapped_column(String(10), primary_key=True)  # the Monday, business time
    digest_id: Mapped[str] = mapped_column(String(36))
    summary: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SurveyAnswerRow(Base):
    __tablename__ = "survey_answers"
    response_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    value: Mapped[float] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(30))
    nps: Mapped[int | None] = mapped_column(Integer)
    csat: Mapped[float | None] = mapped_column(Float)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class TicketRow(Base):
    """Tickets seen through feedback events (complaint resolution in the effect report)."""

    __tablename__ = "tickets"
    ticket_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    type: Mapped[str | None] = mapped_column(String(20))
    priority: Mapped[str | None] = mapped_column(String(4))
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalation_level: Mapped[int | None] = mapped_column(Integer)


class ChurnSignalRow(Base):
    __tablename__ = "churn_signals"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    reasons: Mapped[list] = mapped_column(JSON)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class CareActionRow(Base):
    """One row of a customer's care plan, with the rule and event that caused it."""

    __tablename__ = "care_actions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str | None] = mapped_column(String(100))
    owner_role: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deep_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # A promised time: never deferred by a cap (deferrable actions move instead).
    promised: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Recurring care: the business-calendar period this action is for (`2026-Q4`).
    period_key: Mapped[str | None] = mapped_column(String(16))
    # When the contact goes ahead (counts against the cap); None while deferred.
    contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deferred_reason: Mapped[str | None] = mapped_column(Text)
    may_proceed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rule_id: Mapped[str] = mapped_column(String(64))
    rule_version: Mapped[int | None] = mapped_column(Integer)
    trigger_event_id: Mapped[str] = mapped_column(String(64))
    trigger_event_type: Mapped[str] = mapped_column(String(64))
    experiment_id: Mapped[str | None] = mapped_column(String(64))
    variant: Mapped[str | None] = mapped_column(String(64))
    explanation: Mapped[dict] = mapped_column(JSON)
    customer_feedback: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    overdue_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Survey invitations (actions on the `survey` channel) are made by a worker through the survey API.
    survey_state: Mapped[str | None] = mapped_column(String(20))
    survey_attempts: Mapped[int] = mapped_column(Integer, default=0)
    survey_next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    survey_error: Mapped[str | None] = mapped_column(Text)
    survey_invitation: Mapped[dict | None] = mapped_column(JSON)
    # When its free text was redacted (erasure or retention, docs/design.md §11).
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        UniqueConstraint("rule_id", "trigger_event_id", "kind", name="uq_action_rule_event_kind"),
        Index("ix_actions_customer_created", "customer_id", "created_at"),
        Index("ix_actions_owner_status", "owner", "status"),
        Index("ix_actions_status_due", "status", "due_at"),
        Index("ix_actions_survey", "survey_state", "survey_next_attempt_at"),
        Index("ix_actions_customer_period", "customer_id", "period_key"),
    )


class ContactRow(Base):
    """A message or contact outcome: opened or not, per channel (3 unopened pause the channel)."""

    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(20))
    opened: Mapped[bool] = mapped_column(Boolean)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    action_id: Mapped[str | None] = mapped_column(String(36))
    recorded_by: Mapped[str] = mapped_column(String(100))
    # The notification service's message this outcome comes from (message-status-changed); null
    # for an outcome recorded by hand.
    message_id: Mapped[str | None] = mapped_column(String(36))
    __table_args__ = (
        Index("ix_contacts_customer_channel_time", "customer_id", "channel", "occurred_at"),
        UniqueConstraint("message_id", name="uq_contacts_message_id"),
    )


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[str | None] = mapped_column(String(64), index=True)
    tier: Mapped[str | None] = mapped_column(String(20))
    quadrant: Mapped[str | None] = mapped_column(String(20))
    background: Mapped[str] = mapped_column(Text)
    strategy: Mapped[str] = mapped_column(Text)
    execution: Mapped[str] = mapped_column(Text)
    effect: Mapped[dict] = mapped_column(JSON)
    lessons: Mapped[str] = mapped_column(Text)
    tags: Mapped[list] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ExperimentAssignmentRow(Base):
    """A customer's arm in an experiment, from the first time its rule fired for them."""

    __tablename__ = "experiment_assignments"
    experiment_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64))
    variant: Mapped[str] = mapped_column(String(64))
    trigger_event_id: Mapped[str] = mapped_column(String(64))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)
