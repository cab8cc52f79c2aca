"""Request and response models of the notification API (the public contract, docs/design.md §14)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

CustomerId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
StaffId = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:@-]+$")]
Group = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$")]
CustomerChannel = Literal["email", "sms"]
StaffChannel = Literal["email", "wecom", "dingtalk"]
Language = Literal["zh-CN", "en"]
MessageStatus = Literal["queued", "sent", "delivered", "opened", "clicked", "bounced", "failed", "suppressed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- webhooks ----------------------------------------------------------------------------------


class WebhookIn(Strict):
    url: str = Field(min_length=1, max_length=2000, description="The receiver (https in production)")
    event_types: list[str] = Field(min_length=1, max_length=100, description="Event types of the contract")
    description: str | None = Field(default=None, max_length=500)


class WebhookOut(BaseModel):
    id: str
    url: str
    description: str | None
    event_types: list[str]
    status: Literal["active", "disabled"]
    disabled_reason: str | None = None
    disabled_at: datetime | None = None
    failing_since: datetime | None = None
    consecutive_failures: int
    last_success_at: datetime | None = None
    previous_secret_expires_at: datetime | None = Field(
        default=None, description="Until when the secret before the last rotation still signs"
    )
    created_by: str
    created_at: datetime


class WebhookWithSecretOut(WebhookOut):
    secret: str = Field(description="whsec_...: shown once; store it to verify the signatures")


class DeliveryOut(BaseModel):
    id: int
    event_id: str
    event_type: str
    origin: str = Field(description="live, or replay:<id>")
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


class ReplayIn(Strict):
    since: datetime = Field(description="Events that occurred from this time on (RFC 3339)")


class ReplayOut(BaseModel):
    replay_id: str
    since: datetime
    events: int = Field(description="Deliveries queued")
    log_kept_since: datetime = Field(description="The oldest time the event log still covers")


# --- messages ----------------------------------------------------------------------------------


class MessageOut(BaseModel):
    id: str
    customer_id: str | None
    recipient_kind: Literal["customer", "staff"]
    recipient: str
    channel: str
    template: str
    language: str | None
    priority: str | None
    status: MessageStatus
    reason: str | None = Field(description="Why it was suppressed, bounced or failed, or is held")
    trigger_event_id: str
    trigger_event_type: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    subject: str | None = Field(description="Shown to callers who may read personal data")
    body: str | None = Field(description="Shown to callers who may read personal data")
    history: list[dict[str, Any]]
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    opened_at: datetime | None
    clicked_at: datetime | None
    redacted_at: datetime | None


class ReceiptIn(Strict):
    status: Literal["delivered", "bounced"]
    reason: str | None = Field(default=None, max_length=500)


class BounceOut(BaseModel):
    message_id: str = Field(description="The message the report is about")
    outcome: Literal["bounced", "delayed", "delivered", "failed-transient"] | None = Field(
        description="bounced: failed with a 5.x.x status; delayed (or failed-transient, a 4.x.x "
        "failure): noted in the history; delivered: delivered or relayed; null: nothing to apply"
    )
    dsn_status: str | None = Field(description="The RFC 3463 status code reported, e.g. 5.1.1")
    changed: bool = Field(description="False when the message already showed this report")
    message_status: MessageStatus


# --- preferences, staff, templates -------------------------------------------------------------


class PreferencesIn(Strict):
    consent: bool = True
    opted_out: list[CustomerChannel] = Field(default_factory=list, description="Channels opted out of")
    preferred_channel: CustomerChannel | None = None
    language: Language | None = None


class PreferencesOut(BaseModel):
    customer_id: str
    consent: bool
    opted_out: list[str]
    preferred_channel: str | None
    language: str | None
    quiet_hours: str = Field(description="Business-time quiet hours, e.g. 21:00-09:00 Asia/Shanghai")
    daily_cap: int
    updated_by: str | None = None
    updated_at: datetime | None = None


class StaffIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    email: Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = (
        None
    )
    language: Language = "zh-CN"
    channel: StaffChannel = "email"
    groups: list[Group] = Field(
        default_factory=list,
        max_length=50,
        description=(
            "Roles that receive messages: account_manager, manager, team_lead, team_lead:<team>, "
            "task_force, or any owner role the playbook uses (marketing, sales, ...)"
        ),
    )


class StaffOut(BaseModel):
    staff_id: str
    name: str
    email: str | None
    language: str
    channel: str
    groups: list[str]
    updated_by: str
    updated_at: datetime


class StaffList(BaseModel):
    items: list[StaffOut]


class TemplateIn(Strict):
    subject: str = Field(max_length=500)
    body: str = Field(max_length=20000)


class TemplateOut(BaseModel):
    name: str
    language: str
    subject: str
    body: str
    variables: list[str]
    edited: bool
    updated_by: str | None = None
    updated_at: datetime | None = None


class TemplateList(BaseModel):
    items: list[TemplateOut]
