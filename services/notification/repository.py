"""Queries of the notification service; returns rows or domain values, never API schemas."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification.domain.delivery import Status
from services.notification.domain.recipients import CUSTOMER, StaffMember
from services.notification.domain.respect import Preferences
from services.notification.domain.templates import DEFAULT_TEMPLATES, TemplateText
from services.notification.models import (
    CUSTOMER_ACCESS,
    ContactPreferenceRow,
    DailySendCountRow,
    EventLogRow,
    MessageRow,
    StaffMemberRow,
    TemplateRow,
    UndeliverableAddressRow,
    WebhookDeliveryRow,
    WebhookSubscriptionRow,
)
from shared.access import Scope
from shared.db import PerDialect, as_utc
from shared.errors import InvalidInput
from shared.pagination import decode_cursor

ACTIVE = "active"

# Built once: the consumer runs these for every event it applies.
_INSERT_MESSAGE = PerDialect(
    lambda insert: (
        insert(MessageRow).on_conflict_do_nothing(index_elements=["dedup_key"]).returning(MessageRow.id)
    )
)
_LOG_EVENT = PerDialect(
    lambda insert: insert(EventLogRow).on_conflict_do_nothing(index_elements=["event_id"])
)
_INSERT_DELIVERY = PerDialect(
    lambda insert: insert(WebhookDeliveryRow).on_conflict_do_nothing(
        index_elements=["subscription_id", "event_id", "origin"]
    )
)
_ACTIVE_SUBSCRIPTIONS = select(WebhookSubscriptionRow.id, WebhookSubscriptionRow.event_types).where(
    WebhookSubscriptionRow.status == ACTIVE
)
_SENT_SINCE = (
    select(func.count())
    .select_from(MessageRow)
    .where(
        MessageRow.customer_id == bindparam("customer_id"),
        MessageRow.recipient_kind == CUSTOMER,
        MessageRow.sent_at >= bindparam("since"),
    )
)


def _after(cursor: str | None, time_column, id_column):
    """Keyset condition for rows after the cursor's (time, id), newest first."""
    position = decode_cursor(cursor)
    if position is None:
        return None
    try:
        at, last_id = as_utc(position["t"]), position["id"]
    except (KeyError, ValueError) as exc:
        raise InvalidInput("cursor is not one this service issued", field="cursor") from exc
    return or_(time_column < at, and_(time_column == at, id_column < last_id))


def position(at: datetime, row_id: Any) -> dict[str, Any]:
    return {"t": at.isoformat(), "id": row_id}


# --- staff, preferences, templates -------------------------------------------------------------


async def staff_directory(session: AsyncSession) -> list[StaffMember]:
    rows = await session.execute(select(StaffMemberRow.staff_id, StaffMemberRow.groups))
    return [StaffMember(staff_id, frozenset(groups or [])) for staff_id, groups in rows.all()]


async def staff_member(session: AsyncSession, staff_id: str) -> StaffMemberRow | None:
    return await session.get(StaffMemberRow, staff_id)


async def staff_list(session: AsyncSession) -> list[StaffMemberRow]:
    return list((await session.scalars(select(StaffMemberRow).order_by(StaffMemberRow.staff_id))).all())


async def preferences_row(
    session: AsyncSession, customer_id: str, *, for_update: bool = False
) -> ContactPreferenceRow | None:
    return await session.get(ContactPreferenceRow, customer_id, with_for_update=for_update)


def preferences_of(row: ContactPreferenceRow | None) -> Preferences:
    if row is None:
        return Preferences()
    return Preferences(
        consent=row.consent,
        opted_out=frozenset(row.opted_out or []),
        preferred_channel=row.preferred_channel,
        language=row.language,
    )


async def template_text(session: AsyncSession, name: str, language: str) -> TemplateText:
    row = await session.get(TemplateRow, (name, language))
    return TemplateText(row.subject, row.body) if row else DEFAULT_TEMPLATES[(name, language)]


async def edited_templates(session: AsyncSession) -> dict[tuple[str, str], TemplateRow]:
    return {(r.name, r.language): r for r in await session.scalars(select(TemplateRow))}


# --- messages ----------------------------------------------------------------------------------


async def insert_messages(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert unless the (event, recipient, channel) key exists: an event applied twice adds none."""
    statement = _INSERT_MESSAGE.for_session(session)
    added = 0
    for row in rows:
        added += (await session.execute(statement, row)).scalar() is not None
    return added


async def claim_messages(
    session: AsyncSession, now: datetime, limit: int, lease_until: datetime
) -> list[MessageRow]:
    """Due queued messages no live lease holds, locked past other replicas and leased to us."""
    rows = list(
        (
            await session.scalars(
                select(MessageRow)
                .where(
                    MessageRow.status == Status.QUEUED.value,
                    MessageRow.next_attempt_at <= now,
                    or_(MessageRow.lease_until.is_(None), MessageRow.lease_until < now),
                )
                .order_by(MessageRow.next_attempt_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        ).all()
    )
    for row in rows:
        row.lease_until = lease_until
    return rows


_RENEW_LEASE = (
    update(MessageRow)
    .where(
        MessageRow.id == bindparam("message_id"),
        MessageRow.lease_until == bindparam("held"),
        MessageRow.status == Status.QUEUED.value,
    )
    .values(lease_until=bindparam("until"))
    .returning(MessageRow.id)
)


async def renew_lease(session: AsyncSession, message_id: str, held: datetime, until: datetime) -> bool:
    """Extend our lease on a message we still hold; False when it ran out and was taken over."""
    renewed = await session.execute(_RENEW_LEASE, {"message_id": message_id, "held": held, "until": until})
    return renewed.scalar() is not None


async def undeliverable_addresses(
    session: AsyncSession, recipient_kind: str, recipient: str, channel: str
) -> dict[str, UndeliverableAddressRow]:
    """The recipient's addresses on the channel that bounced for good, by digest (usually none)."""
    rows = await session.scalars(select(UndeliverableAddressRow).where(
        UndeliverableAddressRow.recipient_kind == recipient_kind,
        UndeliverableAddressRow.recipient == recipient, UndeliverableAddressRow.channel == channel))
    return {row.address_digest: row for row in rows}


async def mark_undeliverable(session: AsyncSession, message: MessageRow, now: datetime) -> None:
    """The address the message went to bounced for good (kept once per address)."""
    if message.address_digest is None:
        return
    key = (message.recipient_kind, message.recipient, message.channel, message.address_digest)
    if await session.get(UndeliverableAddressRow, key) is None:
        session.add(UndeliverableAddressRow(
            recipient_kind=message.recipient_kind, recipient=message.recipient, channel=message.channel,
            address_digest=message.address_digest, message_id=message.id, reason=message.reason,
            bounced_at=now,
        ))


async def forget_undeliverable(session: AsyncSession, recipient_kind: str, recipient: str) -> int:
    return (await session.execute(delete(UndeliverableAddressRow).where(
        UndeliverableAddressRow.recipient_kind == recipient_kind,
        UndeliverableAddressRow.recipient == recipient,
    ))).rowcount or 0


async def message_for_update(session: AsyncSession, message_id: str) -> MessageRow | None:
    return await session.get(MessageRow, message_id, with_for_update=True)


async def message(session: AsyncSession, message_id: str) -> MessageRow | None:
    return await session.get(MessageRow, message_id)


async def sent_since(session: AsyncSession, customer_id: str, since: datetime) -> int:
    return int(await session.scalar(_SENT_SINCE, {"customer_id": customer_id, "since": since}) or 0)


# --- the daily cap's count, one row per customer and business day ------------------------------

_START_DAILY_COUNT = PerDialect(
    lambda insert: insert(DailySendCountRow).on_conflict_do_nothing(index_elements=["customer_id", "day"])
)
_THE_DAY = and_(
    DailySendCountRow.customer_id == bindparam("cid"), DailySendCountRow.day == bindparam("business_day")
)
_DAILY_COUNT_FOR_UPDATE = select(DailySendCountRow.sends).where(_THE_DAY).with_for_update()
_COUNT_SEND = update(DailySendCountRow).where(_THE_DAY).values(sends=DailySendCountRow.sends + 1)
_UNCOUNT_SEND = (
    update(DailySendCountRow)
    .where(_THE_DAY, DailySendCountRow.sends > 0)
    .values(sends=DailySendCountRow.sends - 1)
)


async def daily_sends_for_update(
    session: AsyncSession, customer_id: str, day: date, day_start: datetime
) -> int:
    """The customer's sends on this business day, its row locked until the caller's transaction
    ends: another replica checking the same customer's cap waits for our decision. The day's row
    starts from what the delivery log shows sent since `day_start`."""
    values = {"cid": customer_id, "business_day": day}
    sends = await session.scalar(_DAILY_COUNT_FOR_UPDATE, values)
    if sends is None:
        already = await sent_since(session, customer_id, day_start)
        start = {"customer_id": customer_id, "day": day, "sends": already}
        await session.execute(_START_DAILY_COUNT.for_session(session), start)
        sends = await session.scalar(_DAILY_COUNT_FOR_UPDATE, values)
    return int(sends or 0)


async def count_send(session: AsyncSession, customer_id: str, day: date) -> None:
    await session.execute(_COUNT_SEND, {"cid": customer_id, "business_day": day})


async def uncount_send(session: AsyncSession, customer_id: str, day: date) -> None:
    """Give back the place a message took under the cap when it did not go out after all."""
    await session.execute(_UNCOUNT_SEND, {"cid": customer_id, "business_day": day})


async def forget_daily_counts(session: AsyncSession, before: date) -> None:
    await session.execute(delete(DailySendCountRow).where(DailySendCountRow.day < before))


def messages_in_scope(scope: Scope) -> ColumnElement[bool]:
    """The messages a caller sees (docs/design.md §11): those sent to it, or about a customer it sees."""
    to_staff = case((MessageRow.recipient_kind == "staff", MessageRow.recipient))
    return scope.assigned_work(to_staff, MessageRow.customer_id, CUSTOMER_ACCESS)


def message_in_scope(scope: Scope, message_id: str) -> ColumnElement[bool]:
    return and_(MessageRow.id == message_id, messages_in_scope(scope))


def customer_in_scope(scope: Scope, customer_id: str) -> ColumnElement[bool]:
    return scope.customer(customer_id, CUSTOMER_ACCESS)


async def list_messages(
    session: AsyncSession, customer_id: str | None, status: str | None, limit: int, cursor: str | None,
    scope: Scope,
) -> list[MessageRow]:
    """Newest first, of the messages in the caller's scope."""
    query = (select(MessageRow).where(messages_in_scope(scope))
             .order_by(MessageRow.created_at.desc(), MessageRow.id.desc()).limit(limit + 1))
    if customer_id:
        query = query.where(MessageRow.customer_id == customer_id)
    if status:
        query = query.where(MessageRow.status == status)
    condition = _after(cursor, MessageRow.created_at, MessageRow.id)
    if condition is not None:
        query = query.where(condition)
    return list((await session.scalars(query)).all())


async def customer_messages(session: AsyncSession, customer_id: str) -> list[MessageRow]:
    return list(
        (
            await session.scalars(
                select(MessageRow).where(MessageRow.customer_id == customer_id).with_for_update()
            )
        ).all()
    )


async def oldest_waiting(session: AsyncSession) -> tuple[datetime | None, int, datetime | None, int]:
    """(oldest queued message, queued count, oldest pending delivery, pending count)."""
    messages = (
        await session.execute(
            select(func.min(MessageRow.created_at), func.count()).where(
                MessageRow.status == Status.QUEUED.value
            )
        )
    ).one()
    deliveries = (
        await session.execute(
            select(func.min(WebhookDeliveryRow.created_at), func.count()).where(
                WebhookDeliveryRow.status == "pending"
            )
        )
    ).one()
    return as_utc(messages[0]), int(messages[1]), as_utc(deliveries[0]), int(deliveries[1])


# --- event log and webhooks --------------------------------------------------------------------


async def log_event(session: AsyncSession, row: dict[str, Any]) -> None:
    await session.execute(_LOG_EVENT.for_session(session), row)


async def active_subscriptions(session: AsyncSession) -> list[tuple[str, list[str]]]:
    return [(sid, types or []) for sid, types in (await session.execute(_ACTIVE_SUBSCRIPTIONS)).all()]


async def insert_deliveries(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    statement = _INSERT_DELIVERY.for_session(session)
    for row in rows:
        await session.execute(statement, row)


async def subscription(
    session: AsyncSession, subscription_id: str, *, for_update: bool = False
) -> WebhookSubscriptionRow | None:
    row = await session.get(WebhookSubscriptionRow, subscription_id, with_for_update=for_update)
    return None if row is None or row.status == "deleted" else row


async def subscriptions(
    session: AsyncSession, limit: int, cursor: str | None
) -> list[WebhookSubscriptionRow]:
    query = (
        select(WebhookSubscriptionRow)
        .where(WebhookSubscriptionRow.status != "deleted")
        .order_by(WebhookSubscriptionRow.created_at.desc(), WebhookSubscriptionRow.id.desc())
        .limit(limit + 1)
    )
    condition = _after(cursor, WebhookSubscriptionRow.created_at, WebhookSubscriptionRow.id)
    if condition is not None:
        query = query.where(condition)
    return list((await session.scalars(query)).all())


async def deliveries(
    session: AsyncSession, subscription_id: str, status: str | None, limit: int, cursor: str | None
) -> list[WebhookDeliveryRow]:
    query = (
        select(WebhookDeliveryRow)
        .where(WebhookDeliveryRow.subscription_id == subscription_id)
        .order_by(WebhookDeliveryRow.created_at.desc(), WebhookDeliveryRow.id.desc())
        .limit(limit + 1)
    )
    if status:
        query = query.where(WebhookDeliveryRow.status == status)
    condition = _after(cursor, WebhookDeliveryRow.created_at, WebhookDeliveryRow.id)
    if condition is not None:
        query = query.where(condition)
    return list((await session.scalars(query)).all())


async def logged_events_since(
    session: AsyncSession, event_types: list[str], since: datetime, limit: int
) -> list[tuple[str, str]]:
    """(event id, type) of logged events of these types from `since`, oldest first."""
    rows = await session.execute(
        select(EventLogRow.event_id, EventLogRow.event_type)
        .where(EventLogRow.event_type.in_(event_types), EventLogRow.occurred_at >= since)
        .order_by(EventLogRow.occurred_at, EventLogRow.event_id)
        .limit(limit)
    )
    return [(r.event_id, r.event_type) for r in rows.all()]


def _due_delivery(now: datetime):
    return and_(
        WebhookDeliveryRow.status == "pending",
        WebhookDeliveryRow.next_attempt_at <= now,
        or_(WebhookDeliveryRow.lease_until.is_(None), WebhookDeliveryRow.lease_until < now),
    )


async def subscriptions_with_due_deliveries(
    session: AsyncSession, now: datetime, busy: set[str]
) -> list[str]:
    """Active, unblocked subscriptions with a due delivery and no lane here (one indexed probe each)."""
    due = (
        select(WebhookDeliveryRow.id)
        .where(WebhookDeliveryRow.subscription_id == WebhookSubscriptionRow.id, _due_delivery(now))
        .exists()
    )
    query = select(WebhookSubscriptionRow.id).where(
        WebhookSubscriptionRow.status == ACTIVE,
        or_(WebhookSubscriptionRow.blocked_until.is_(None), WebhookSubscriptionRow.blocked_until <= now),
        due,
    )
    if busy:
        query = query.where(WebhookSubscriptionRow.id.not_in(busy))
    return list((await session.scalars(query)).all())


async def claim_deliveries(
    session: AsyncSession, subscription_id: str, now: datetime, limit: int, lease_until: datetime
) -> list[tuple[int, str, str]]:
    """One subscription's due deliveries, oldest first, locked past other replicas (SKIP LOCKED) and
    leased to us: (delivery id, event id, envelope)."""
    rows = (
        await session.execute(
            select(WebhookDeliveryRow.id, WebhookDeliveryRow.event_id, EventLogRow.envelope)
            .join(EventLogRow, EventLogRow.event_id == WebhookDeliveryRow.event_id)
            .where(WebhookDeliveryRow.subscription_id == subscription_id, _due_delivery(now))
            .order_by(WebhookDeliveryRow.next_attempt_at, WebhookDeliveryRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=WebhookDeliveryRow)
        )
    ).all()
    if rows:
        await session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id.in_([r.id for r in rows]))
            .values(lease_until=lease_until)
        )
    return [(r.id, r.event_id, r.envelope) for r in rows]
