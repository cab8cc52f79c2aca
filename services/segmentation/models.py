"""Tables of the segmentation service only."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.audit import audit_table
from shared.config_versions import ConfigVersionColumns
from shared.db import BigIntPK, UTCDateTime
from shared.events.outbox import platform_tables


class Base(DeclarativeBase):
    pass


PLATFORM_TABLES = platform_tables(Base.metadata)
AUDIT_LOG = audit_table(Base.metadata)  # shared.audit: append-only, read at GET /v1/audit


class CustomerRow(Base):
    __tablename__ = "customers"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[str | None] = mapped_column(String(50))
    since: Mapped[date | None] = mapped_column(Date)
    growth_pct: Mapped[float] = mapped_column(Float, default=0.0)
    repurchase_rate: Mapped[float | None] = mapped_column(Float)
    owner: Mapped[str | None] = mapped_column(String(100), index=True)
    team: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Scheduled re-evaluation: claimed by one replica at a time (FOR UPDATE SKIP LOCKED).
    next_evaluation_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class ContactRow(Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))


class OrderRow(Base):
    __tablename__ = "orders"
    order_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    amount: Mapped[float] = mapped_column(Numeric(14, 2))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_orders_customer_time", "customer_id", "ordered_at"),)


class OrderMonthRow(Base):
    """Each customer's orders per business month (how many, their amount, the last one): the
    monthly snapshot reads these instead of every order (docs/design.md §9). Added to in the
    transaction that stores the orders (repository.insert_orders); built from the orders by the
    migration and again when the business time zone changes (repository.rebuild_order_months)."""

    __tablename__ = "order_months"
    customer_id: Mapped[str] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the 1st of the business month
    orders: Mapped[int] = mapped_column(Integer)
    amount: Mapped[float] = mapped_column(Numeric(18, 2))
    last_order_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OrderMonthZoneRow(Base):
    """The business time zone whose months `order_months` is cut in (one row): when the configured
    zone differs, the service rebuilds the months at start and the snapshot reads the orders."""

    __tablename__ = "order_months_zone"
    zone: Mapped[str] = mapped_column(String(64), primary_key=True)


class InteractionRow(Base):
    __tablename__ = "interactions"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    opened: Mapped[bool | None] = mapped_column(Boolean)
    __table_args__ = (Index("ix_interactions_customer_time", "customer_id", "occurred_at"),)


class ScoreRow(Base):
    """The current score of each customer."""

    __tablename__ = "scores"
    customer_id: Mapped[str] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[float] = mapped_column(Float)
    computed_tier: Mapped[str] = mapped_column(String(20))
    tier: Mapped[str] = mapped_column(String(20), index=True)  # after an approved override
    quadrant: Mapped[str | None] = mapped_column(String(20), index=True)
    model_version: Mapped[str] = mapped_column(String(100))
    components: Mapped[dict] = mapped_column(JSON)
    amount_12m: Mapped[float] = mapped_column(Float, default=0.0)
    orders_12m: Mapped[int] = mapped_column(Integer, default=0)
    last_order_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScoreHistoryRow(Base):
    __tablename__ = "score_history"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[float] = mapped_column(Float)
    tier: Mapped[str] = mapped_column(String(20))
    quadrant: Mapped[str | None] = mapped_column(String(20))
    model_version: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(40))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_score_history_customer_time", "customer_id", "computed_at"),)


class TierChangeRow(Base):
    __tablename__ = "tier_history"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    from_tier: Mapped[str | None] = mapped_column(String(20))
    to_tier: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(40))
    score: Mapped[float | None] = mapped_column(Float)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScoringModelRow(Base):
    __tablename__ = "scoring_models"
    version: Mapped[str] = mapped_column(String(100), primary_key=True)
    definition: Mapped[dict] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TierOverrideRow(Base):
    __tablename__ = "tier_overrides"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    tier: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), index=True)
    proposed_by: Mapped[str] = mapped_column(String(100))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)


class RescoreJobRow(Base):
    __tablename__ = "rescore_jobs"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    requested_by: Mapped[str] = mapped_column(String(100))
    total: Mapped[int] = mapped_column(Integer, default=0)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    tier_changes: Mapped[int] = mapped_column(Integer, default=0)
    # The last customer id done: a replica taking over a dead job resumes after it.
    cursor: Mapped[str | None] = mapped_column(String(64))
    worker_id: Mapped[str | None] = mapped_column(String(64))
    as_of: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)


class ChurnSignalRow(Base):
    """An open churn-risk signal; published once when it appears, cleared when it no longer holds."""

    __tablename__ = "churn_signals"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (UniqueConstraint("customer_id", "code", name="uq_churn_signal"),)


class ComplaintRow(Base):
    """Tickets of the customer, from feedback events (P1s in 12 months break high loyalty)."""

    __tablename__ = "complaints"
    ticket_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    priority: Mapped[str] = mapped_column(String(4))
    type: Mapped[str | None] = mapped_column(String(20))
    # The team the ticket was routed to: its agents see the customer's summary (docs/design.md §11).
    team: Mapped[str | None] = mapped_column(String(100), index=True)
    # The agent it is assigned to, who sees the customer's summary too, and when it was assigned
    # (`ticket-assigned`: an older assignment arriving late does not replace a newer one).
    assignee: Mapped[str | None] = mapped_column(String(100), index=True)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SatisfactionRow(Base):
    """Latest satisfaction of the customer, from survey events."""

    __tablename__ = "customer_satisfaction"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(30))
    nps: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MonthlyScoreRow(Base):
    """The month-end snapshot: one row per customer per business month, even when nothing changed
    (docs/design.md §9). Trends and the "score fell 3 months in a row" warning read these."""

    __tablename__ = "monthly_scores"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the 1st of the business month
    value: Mapped[float] = mapped_column(Float)
    computed_tier: Mapped[str] = mapped_column(String(20))
    tier: Mapped[str] = mapped_column(String(20))
    quadrant: Mapped[str | None] = mapped_column(String(20))
    model_version: Mapped[str] = mapped_column(String(100))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the month's last instant


class SnapshotProgressRow(Base):
    """How far the snapshot of a month got: a run that stopped resumes after `cursor`."""

    __tablename__ = "snapshot_progress"
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(64))
    customers: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ConfigVersionRow(ConfigVersionColumns, Base):
    """Versioned documents an admin edits: the evaluation policy and the schedules' times (the
    scoring model has its own table)."""

    __tablename__ = "config_versions"


class ErasureRow(Base):
    """A request to erase a customer's personal data (docs/design.md §11); one per customer, so a
    second request answers with the same erasure."""

    __tablename__ = "erasures"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (UniqueConstraint("customer_id", name="uq_erasures_customer"),)


class ErasureConfirmationRow(Base):
    """One service's `customer-erasure-confirmed` (segmentation's own is written with the request)."""

    __tablename__ = "erasure_confirmations"
    erasure_id: Mapped[str] = mapped_column(ForeignKey("erasures.id", ondelete="CASCADE"),
                                            primary_key=True)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    redacted: Mapped[dict] = mapped_column(JSON)
