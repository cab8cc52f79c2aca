"""Tables of the notification service only (docs/design.md §10). No table holds a customer's address:
addresses are fetched at send time and forgotten."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.access import customer_access_table
from shared.audit import audit_table
from shared.db import BigIntPK, UTCDateTime
from shared.events.outbox import platform_tables


class Base(DeclarativeBase):
    pass


PLATFORM_TABLES = platform_tables(Base.metadata)
# Each customer's owner and team from `customer-assigned`, for the access scopes (docs/design.md §11).
CUSTOMER_ACCESS = customer_access_table(Base.metadata)
AUDIT_LOG = audit_table(Base.metadata)  # shared.audit: append-only, read at GET /v1/audit


class StaffMemberRow(Base):
    """The staff directory: owners, team leads, task force, managers, and how to reach them."""

    __tablename__ = "staff_members"
    staff_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(20))  # email | wecom | dingtalk
    groups: Mapped[list] = mapped_column(JSON, default=list)  # e.g. team_lead, team_lead:billing
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ContactPreferenceRow(Base):
    """A customer contact's consent and preferences; no row means the defaults."""

    __tablename__ = "contact_preferences"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    consent: Mapped[bool] = mapped_column(Boolean, default=True)
    opted_out: Mapped[list] = mapped_column(JSON, default=list)  # channels
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(10))
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TemplateRow(Base):
    """An edited message template; a (name, language) without a row uses the built-in one."""

    __tablename__ = "templates"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(10), primary_key=True)
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MessageRow(Base):
    """The delivery log: one message per (event, recipient, channel), never two (dedup_key)."""

    __tablename__ = "messages"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dedup_key: Mapped[str] = mapped_column(String(250), unique=True)
    trigger_event_id: Mapped[str] = mapped_column(String(36))
    trigger_event_type: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[str | None] = mapped_column(String(64))
    recipient_kind: Mapped[str] = mapped_column(String(10))  # customer | staff
    recipient: Mapped[str] = mapped_column(String(100))  # customer or staff id, never an address
    channel: Mapped[str] = mapped_column(String(20))
    template: Mapped[str] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(10))
    priority: Mapped[str | None] = mapped_column(String(4))
    context: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    give_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    history: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    clicked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A keyed digest of the address the message went to (domain/bounces.py `address_digest`), never
    # the address: a hard bounce marks that address undeliverable.
    address_digest: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (
        Index("ix_messages_due", "status", "next_attempt_at"),
        Index("ix_messages_customer_time", "customer_id", "created_at", "id"),
        Index("ix_messages_customer_sent", "customer_id", "recipient_kind", "sent_at"),
    )


class UndeliverableAddressRow(Base):
    """An address that bounced for good (a 5xx refusal at send time or a DSN): later messages to the
    recipient on that channel are suppressed while its address is the same (compared by digest)."""

    __tablename__ = "undeliverable_addresses"
    recipient_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    recipient: Mapped[str] = mapped_column(String(100), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    address_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str | None] = mapped_column(Text)
    bounced_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DailySendCountRow(Base):
    """Messages sent to a customer on one business day. Every send to a customer takes this row
    FOR UPDATE in the transaction that checks the daily cap and counts the send, so replicas
    sending to the same customer at the same instant take their turns (docs/design.md §10)."""

    __tablename__ = "customer_daily_sends"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)  # in the business time zone
    sends: Mapped[int] = mapped_column(Integer, default=0)


class EventLogRow(Base):
    """Every consumed event as published (no personal data), kept for webhook delivery and replay."""

    __tablename__ = "event_log"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    envelope: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    __table_args__ = (Index("ix_event_log_type_time", "event_type", "occurred_at"),)


class WebhookSubscriptionRow(Base):
    """A partner's URL subscribed to event types, with its signing secret(s)."""

    __tablename__ = "webhook_subscriptions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(String(500))
    event_types: Mapped[list] = mapped_column(JSON)
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))  # active | disabled | deleted
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    # After a failed attempt the receiver is left alone until then: one lane per subscription,
    # so a receiver that is down never holds up the others.
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WebhookDeliveryRow(Base):
    """One event to one subscription (`origin` live, or the replay that asked for it again)."""

    __tablename__ = "webhook_deliveries"
    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    subscription_id: Mapped[str] = mapped_column(String(36))
    event_id: Mapped[str] = mapped_column(String(36))
    event_type: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20))  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    give_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        UniqueConstraint("subscription_id", "event_id", "origin", name="uq_webhook_delivery"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_subscription", "subscription_id", "created_at", "id"),
        # A lane claims its own subscription's due deliveries.
        Index("ix_webhook_deliveries_lane", "subscription_id", "status", "next_attempt_at"),
    )
