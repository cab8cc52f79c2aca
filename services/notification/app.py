"""Notification service: messages reach customers, staff and partners (docs/design.md §10)."""

from pathlib import Path

from fastapi import FastAPI

from services.notification.api import router
from services.notification.events import HANDLERS
from services.notification.models import Base
from services.notification.public import router as public_router
from services.notification.service import erasure
from services.notification.service.directory import seed_staff_directory
from services.notification.service.sending import RESPECT_POLICY, respect_policy
from services.notification.settings import NotificationSettings, notification_settings
from services.notification.workers import bounce_listener, janitor, message_sender, webhook_dispatcher
from shared.app import ServiceContext, ServiceSpec, create_service_app
from shared.erasure import retention_schedule


async def prepare_respect_policy(ctx: ServiceContext) -> None:
    ctx.state[RESPECT_POLICY] = respect_policy(ctx.settings)


SPEC = ServiceSpec(
    name="notification",
    title="Notification service",
    description=(
        "Messages that reach people: survey invitations, reminders and ticket verifications, "
        "care actions and resolved tickets to customers (e-mail, SMS) with consent, opt-out per "
        "channel, quiet hours, a daily cap and one-click unsubscribe; new and overdue actions, "
        "escalations, digests and reports to staff (e-mail, WeCom and DingTalk robots); every "
        "event to partners as signed webhooks (Standard Webhooks). A delivery log with statuses, "
        "retries for 24 h and signed open and click tracking; bounces reported later (RFC 3464 "
        "delivery status notifications) received over SMTP or forwarded over HTTP. Publishes "
        "`message-status-changed` and `webhook-disabled`."
    ),
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[router, public_router],
    publishes=["message-status-changed", "webhook-disabled", "customer-erasure-confirmed"],
    handlers=HANDLERS,
    workers=[message_sender, webhook_dispatcher, janitor, bounce_listener],
    schedules=[retention_schedule(erasure.sweep_old_texts, "the subject and text of sent messages")],
    on_startup=[prepare_respect_policy, seed_staff_directory],
)


def create_app(settings: NotificationSettings | None = None) -> FastAPI:
    return create_service_app(SPEC, settings or notification_settings())
