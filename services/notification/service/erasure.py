"""Erasure (docs/design.md §11): on `customer-erased`, remove what the service holds about the
customer (preferences, message texts) and confirm, keeping the anonymous delivery figures.

`redact_customer` is the service's redaction for `shared.erasure.apply_erasure`, which confirms with
`customer-erasure-confirmed`; `sweep_old_texts` is its part of the retention job.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository
from services.notification.domain.delivery import Status
from services.notification.domain.recipients import CUSTOMER
from services.notification.models import MessageRow
from services.notification.service.statuses import change_status
from shared.app import ServiceContext

SERVICE = "notification"


async def redact_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> dict[str, int]:
    """Preferences deleted; subject, text, last error and free context of the customer's messages
    removed, queued ones suppressed. Idempotent: a second pass finds nothing left to remove."""
    bounced = await repository.forget_undeliverable(session, CUSTOMER, customer_id)
    redacted = {"preferences": 0, "message_texts": 0, "messages_suppressed": 0,
                "undeliverable_addresses": bounced}
    preferences = await repository.preferences_row(session, customer_id, for_update=True)
    if preferences is not None:
        await session.delete(preferences)
        redacted["preferences"] = 1
    for row in await repository.customer_messages(session, customer_id):
        if row.status == Status.QUEUED.value:
            await change_status(ctx, session, row, Status.SUPPRESSED, now, "customer erased")
            redacted["messages_suppressed"] += 1
        if row.subject is not None or row.body is not None or row.last_error is not None:
            redacted["message_texts"] += 1
        # Status, channel, template and times stay: the anonymous counts of the delivery log.
        _redact_message(row, now)
        row.address_digest = None
    return redacted


def _redact_message(row, now: datetime) -> None:
    row.subject = row.body = row.last_error = None
    row.context = {
        k: v for k, v in (row.context or {}).items() if k.endswith("_id") or k in ("kind", "level")
    }
    row.redacted_at = row.redacted_at or now


async def sweep_old_texts(
    ctx: ServiceContext, session: AsyncSession, cutoff: datetime, limit: int
) -> dict[str, int]:
    """Retention: subject, text and free context of messages created before `cutoff` (at most
    `limit`); the delivery log's statuses and times stay."""
    rows = (await session.scalars(select(MessageRow).where(
        MessageRow.created_at < cutoff, MessageRow.redacted_at.is_(None))
        .limit(limit).with_for_update(skip_locked=True))).all()
    now = ctx.clock.now()
    for row in rows:
        _redact_message(row, now)
    return {"message_texts": len(rows)}
