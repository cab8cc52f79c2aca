"""Status changes of a message: recorded in its history, counted, and published for customers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository
from services.notification.domain.delivery import Status, advances
from services.notification.domain.recipients import CUSTOMER
from services.notification.metrics import MESSAGES
from services.notification.models import MessageRow
from shared.app import ServiceContext
from shared.rfc3339 import format_time

_TIMESTAMPS = {
    Status.SENT: "sent_at",
    Status.DELIVERED: "delivered_at",
    Status.OPENED: "opened_at",
    Status.CLICKED: "clicked_at",
}


async def change_status(
    ctx: ServiceContext,
    session: AsyncSession,
    row: MessageRow,
    status: Status,
    now: datetime,
    reason: str | None = None,
) -> bool:
    """Move the message forward (domain/delivery.py); False when the change is not one."""
    if not advances(row.status, status):
        return False
    previous = row.status
    row.status = status.value
    row.updated_at = now
    row.reason = reason if status in (Status.BOUNCED, Status.FAILED, Status.SUPPRESSED) else row.reason
    if status in _TIMESTAMPS and getattr(row, _TIMESTAMPS[status]) is None:
        setattr(row, _TIMESTAMPS[status], now)
    if status == Status.CLICKED and row.opened_at is None:
        row.opened_at = now  # a click is an open whose pixel was not loaded
    if status in (Status.SENT, Status.BOUNCED, Status.FAILED, Status.SUPPRESSED):
        row.lease_until = row.next_attempt_at = None
    step = {"status": status.value, "at": now.isoformat()}
    if reason:
        step["reason"] = reason
    row.history = [*(row.history or []), step]
    if status == Status.BOUNCED:
        # Refused for good, at send time or by a later report: the address is not written to again.
        await repository.mark_undeliverable(session, row, now)
    MESSAGES.labels(row.channel, row.recipient_kind, status.value).inc()
    if row.recipient_kind == CUSTOMER and row.customer_id:
        # Feeds the playbook's "3 unopened messages pause the channel" rule (docs/design.md §6, §10).
        await ctx.outbox.append(
            session,
            "message-status-changed",
            row.customer_id,
            {
                "customer_id": row.customer_id,
                "message_id": row.id,
                "channel": row.channel,
                "status": status.value,
                "previous_status": previous,
                "reason": reason,
                "template": row.template,
                "trigger_event_id": row.trigger_event_id,
                "trigger_event_type": row.trigger_event_type,
                "action_id": (row.context or {}).get("action_id"),
                "changed_at": format_time(now),
            },
        )
    return True
