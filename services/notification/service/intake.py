"""What happens when an event is consumed (inside the consumer's inbox transaction):

1. it is logged, and one webhook delivery per active subscription to its type is queued;
2. the messages it calls for (domain/recipients.py) are queued in the delivery log, one per
   (event, recipient, channel): applied twice, the unique key adds nothing.
The sender and the dispatcher are woken once the transaction commits.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository
from services.notification.domain.delivery import Status
from services.notification.domain.recipients import CUSTOMER, PlannedMessage, plan
from services.notification.domain.respect import customer_channel
from services.notification.metrics import MESSAGES
from shared.app import ServiceContext
from shared.events.envelope import Event

SENDER_WAKEUP = "sender_wakeup"
DISPATCHER_WAKEUP = "dispatcher_wakeup"
_SUBSCRIPTIONS_OF_TRANSACTION = "notification_subscriptions"
STAFF_CHANNEL_DEFAULT = "email"


def wakeup(ctx: ServiceContext, name: str) -> asyncio.Event:
    return ctx.state.setdefault(name, asyncio.Event())


def wake_after_commit(ctx: ServiceContext, session: AsyncSession, name: str) -> None:
    """Set the worker's wake-up once this transaction commits (earlier it would find nothing)."""
    flag = f"wake:{name}"
    if session.info.get(flag):
        return
    session.info[flag] = True
    event = wakeup(ctx, name)

    def wake(sync_session) -> None:
        sync_session.info.pop(flag, None)
        event.set()

    def forget(sync_session, *_: object) -> None:
        sync_session.info.pop(flag, None)

    sqlalchemy_event.listen(session.sync_session, "after_commit", wake, once=True)
    sqlalchemy_event.listen(session.sync_session, "after_soft_rollback", forget, once=True)


async def fan_out_to_webhooks(ctx: ServiceContext, session: AsyncSession, event: Event) -> int:
    """Log the event and queue it for every active subscription to its type."""
    now = ctx.clock.now()
    await repository.log_event(
        session,
        {
            "event_id": event.id,
            "event_type": event.type,
            "subject": event.subject,
            "occurred_at": event.time,
            "envelope": event.to_json(),
            "received_at": now,
        },
    )
    # The active subscriptions are read once per consumer transaction (a batch of events).
    subscriptions = session.info.get(_SUBSCRIPTIONS_OF_TRANSACTION)
    if subscriptions is None:
        subscriptions = await repository.active_subscriptions(session)
        session.info[_SUBSCRIPTIONS_OF_TRANSACTION] = subscriptions
        sqlalchemy_event.listen(
            session.sync_session,
            "after_transaction_end",
            lambda s, _t: s.info.pop(_SUBSCRIPTIONS_OF_TRANSACTION, None),
            once=True,
        )
    rows = [
        {
            "subscription_id": sid,
            "event_id": event.id,
            "event_type": event.type,
            "origin": "live",
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for sid, types in subscriptions
        if event.type in types
    ]
    if rows:
        await repository.insert_deliveries(session, rows)
        wake_after_commit(ctx, session, DISPATCHER_WAKEUP)
    return len(rows)


async def queue_messages(ctx: ServiceContext, session: AsyncSession, event: Event) -> int:
    """Queue what the event calls for; returns how many new messages."""
    planned = plan(event.type, event.data, await repository.staff_directory(session))
    if not planned:
        return 0
    now = ctx.clock.now()
    rows = [await _message_row(session, event, one, now) for one in planned]
    added = await repository.insert_messages(session, rows)
    if added:
        for row in rows:
            MESSAGES.labels(row["channel"], row["recipient_kind"], Status.QUEUED.value).inc()
        wake_after_commit(ctx, session, SENDER_WAKEUP)
    return added


async def _message_row(
    session: AsyncSession, event: Event, planned: PlannedMessage, now: datetime
) -> dict[str, Any]:
    if planned.recipient_kind == CUSTOMER:
        preferences = repository.preferences_of(await repository.preferences_row(session, planned.recipient))
        # A care action names its channel; other customer messages go where the contact prefers.
        wanted = planned.context.get("channel")
        channel = wanted if wanted and not preferences.preferred_channel else customer_channel(preferences)
    else:
        staff = await repository.staff_member(session, planned.recipient)
        channel = staff.channel if staff else STAFF_CHANNEL_DEFAULT
    return {
        "id": str(uuid.uuid4()),
        "dedup_key": f"{event.id}:{planned.recipient_kind}:{planned.recipient}:{channel}",
        "trigger_event_id": event.id,
        "trigger_event_type": event.type,
        "customer_id": planned.customer_id,
        "recipient_kind": planned.recipient_kind,
        "recipient": planned.recipient,
        "channel": channel,
        "template": planned.template,
        "language": None,
        "priority": planned.priority,
        "context": planned.context,
        "status": Status.QUEUED.value,
        "attempts": 0,
        "next_attempt_at": now,
        "history": [{"status": Status.QUEUED.value, "at": now.isoformat()}],
        "created_at": now,
        "updated_at": now,
    }
