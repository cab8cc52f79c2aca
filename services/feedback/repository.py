"""Queries of the feedback service; they return rows or domain objects (report facts), never API schemas."""

from __future__ import annotations

import functools
import zlib
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Row,
    Table,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback.domain.csat import Rating
from services.feedback.domain.lifecycle import OPEN, Status
from services.feedback.domain.reports import TicketFacts
from services.feedback.domain.sla import Tier
from services.feedback.domain.topics import TicketText
from services.feedback.models import (
    CUSTOMER_ACCESS,
    ConfigVersionRow,
    CsatRatingRow,
    CustomerTierRow,
    EscalationRow,
    TicketHistoryRow,
    TicketMessageRow,
    TicketRow,
)
from shared.access import Scope
from shared.business_time import month_of
from shared.db import HotStatement, PerDialect, is_postgres
from shared.errors import NotFound
from shared.events.outbox import Outbox, event_row_cte
from shared.pagination import Keyset, Page

TICKETS_NEWEST_FIRST = Keyset(TicketRow.id, TicketRow.created_at, descending=True)
SOLVED = (Status.RESOLVED.value, Status.CLOSED.value)


def _columns(model, *, generated: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """(attribute, column) of every mapped column the caller sets (not the `generated` ones)."""
    return tuple((prop.key, prop.columns[0].key) for prop in model.__mapper__.column_attrs
                 if prop.key not in generated)


def _values(row, columns: tuple[tuple[str, str], ...]) -> dict:
    return {column: getattr(row, attribute) for attribute, column in columns}


def _insert(model, columns: tuple[tuple[str, str], ...]):
    """An INSERT of exactly these columns, each value a named parameter (compiled once)."""
    return insert(model.__table__).values({column: bindparam(column) for _, column in columns})


_TICKET_COLUMNS = _columns(TicketRow)
_HISTORY_COLUMNS = _columns(TicketHistoryRow, generated=("id",))
# Opening a ticket is the hot write path: its statements run through shared.db.HotStatement.
_INSERT_TICKET = HotStatement(_insert(TicketRow, _TICKET_COLUMNS))
_INSERT_HISTORY = HotStatement(
    _insert(TicketHistoryRow, _HISTORY_COLUMNS).returning(TicketHistoryRow.__table__.c.id))
_TIER_OF = HotStatement(
    select(CustomerTierRow.tier).where(CustomerTierRow.customer_id == bindparam("customer_id")))


_WAIT_FOR_CUSTOMER = HotStatement(text("SELECT pg_advisory_xact_lock(:key)"))
_TAKE_WRITE_LOCK = (
    update(CustomerTierRow)
    .where(CustomerTierRow.customer_id == bindparam("cid"))
    .values(tier=CustomerTierRow.tier)
)


async def hold_customer(session: AsyncSession, customer_id: str) -> None:
    """Until the caller's transaction ends, no other one holding the same customer goes on.

    Opening a ticket reads the customer's tier and `score-updated` re-evaluates the customer's
    open tickets; without this, a ticket opened while the customer's first tier arrives reads no
    tier, is not yet visible to the re-evaluation, and keeps no tier for good. PostgreSQL: a
    transaction lock on the customer (taken whether or not the tier row exists yet); SQLite: the
    database's write lock, taken before anything is read.
    """
    if is_postgres(session):
        await _WAIT_FOR_CUSTOMER.execute(session, {"key": _customer_key(customer_id)})
    else:
        await session.execute(_TAKE_WRITE_LOCK, {"cid": customer_id})


def _customer_key(customer_id: str) -> int:
    return zlib.crc32(f"feedback:customer:{customer_id}".encode())


_NEWEST_VERSIONS = (select(ConfigVersionRow.kind, func.max(ConfigVersionRow.version).label("version"))
                    .group_by(ConfigVersionRow.kind).subquery("newest"))
_CUSTOMER_HELD = select(func.pg_advisory_xact_lock(bindparam("key")).label("held")).subquery("held")
# The lock's one row is kept whatever the versions are (held LEFT JOIN newest): the lock is always
# taken, then the versions are read, in one round trip.
_HOLD_CUSTOMER_READING_VERSIONS = HotStatement(
    select(_NEWEST_VERSIONS.c.kind, _NEWEST_VERSIONS.c.version)
    .select_from(_CUSTOMER_HELD.outerjoin(_NEWEST_VERSIONS, true())))


async def hold_customer_reading_versions(
    session: AsyncSession, customer_id: str
) -> list[tuple[str, int]] | None:
    """`hold_customer`, and on PostgreSQL the newest version of every document (kind, version) read
    in the same statement; None where they are to be read on their own (SQLite)."""
    if not is_postgres(session):
        await hold_customer(session, customer_id)
        return None
    rows = await _HOLD_CUSTOMER_READING_VERSIONS.fetch(session, {"key": _customer_key(customer_id)})
    return [(kind, version) for kind, version in rows if kind is not None]


@functools.cache
def _open_statement(outbox_table: Table) -> HotStatement:
    """A new ticket, its first history row and its event in one statement (PostgreSQL)."""
    return HotStatement(
        _insert(TicketHistoryRow, _HISTORY_COLUMNS).returning(TicketHistoryRow.__table__.c.id)
        .add_cte(_insert(TicketRow, _TICKET_COLUMNS).cte("new_ticket"))
        .add_cte(event_row_cte(outbox_table)))


async def insert_new_ticket(
    session: AsyncSession, ticket: TicketRow, created: TicketHistoryRow, outbox: Outbox,
    event: tuple[str, str, dict[str, Any]],
) -> None:
    """Store a new ticket, its first history row and the event announcing it.

    Opening tickets is the hot write path; the ORM's unit of work, for two rows nothing else
    touches in this transaction, costs more than the inserts: prebuilt statements, and on
    PostgreSQL one round trip for the three rows. Every column is set by the caller.
    """
    ticket_values, history_values = _values(ticket, _TICKET_COLUMNS), _values(created, _HISTORY_COLUMNS)
    if is_postgres(session):
        created.id = (await _open_statement(outbox.table).fetch(session, {
            **ticket_values, **history_values, **outbox.row_alongside(session, *event)}))[0][0]
        return
    await _INSERT_TICKET.execute(session, ticket_values)
    created.id = (await _INSERT_HISTORY.fetch(session, history_values))[0][0]
    await outbox.append(session, *event)


async def ticket_with_history(session: AsyncSession, ticket_id: str) -> tuple[TicketRow, list[Row]]:
    """A ticket as stored now (not as this session last saw it) and its history, oldest first."""
    ticket = await session.get(TicketRow, ticket_id, populate_existing=True)
    if ticket is None:
        raise NotFound(f"ticket {ticket_id!r} does not exist", field="ticket_id")
    return ticket, await history_of(session, ticket_id)


_TICKETS, _HISTORY, _MESSAGES = TicketRow.__table__, TicketHistoryRow.__table__, TicketMessageRow.__table__
_HISTORY_OF = select(_HISTORY).where(_HISTORY.c.ticket_id == bindparam("ticket_id")).order_by(_HISTORY.c.id)
_MESSAGES_OF = (select(_MESSAGES).where(_MESSAGES.c.ticket_id == bindparam("ticket_id"))
                .order_by(_MESSAGES.c.at, _MESSAGES.c.id))


async def history_of(session: AsyncSession, ticket_id: str) -> list[Row]:
    """Every recorded step of a ticket, oldest first, as plain rows (attributes named as the
    model's): a ticket's view only reads them."""
    return list((await session.execute(_HISTORY_OF, {"ticket_id": ticket_id})).all())


async def messages_of(session: AsyncSession, ticket_id: str) -> list[Row]:
    """The conversation of a ticket, oldest first, as plain rows (read by the ticket's view)."""
    return list((await session.execute(_MESSAGES_OF, {"ticket_id": ticket_id})).all())


async def ticket_for_update(session: AsyncSession, ticket_id: str) -> TicketRow:
    ticket = await session.get(TicketRow, ticket_id, with_for_update=True)
    if ticket is None:
        raise NotFound(f"ticket {ticket_id!r} does not exist", field="ticket_id")
    return ticket


_TICKET_LOCKED = select(_TICKETS).where(_TICKETS.c.id == bindparam("ticket_id")).with_for_update()
EDITABLE_FIELDS = ("channel", "type", "category", "description")
_EDITED = (update(_TICKETS).where(_TICKETS.c.id == bindparam("ticket_id"))
           .values({**{name: bindparam(name) for name in EDITABLE_FIELDS}, "updated_at": bindparam("at")}))
_EDIT_ALONE = HotStatement(_EDITED)
_EDIT_WITH_ITS_HISTORY = HotStatement(
    _insert(TicketHistoryRow, _HISTORY_COLUMNS).add_cte(_EDITED.cte("edited")))


async def ticket_view_for_update(session: AsyncSession, ticket_id: str) -> tuple[Any, list, list]:
    """A ticket locked until the caller's transaction ends, with its history and its conversation,
    as plain rows (attributes named as the model's): an edit, a hot path, reads and writes them
    without the ORM's identity map and unit of work."""
    ticket = (await session.execute(_TICKET_LOCKED, {"ticket_id": ticket_id})).first()
    if ticket is None:
        raise NotFound(f"ticket {ticket_id!r} does not exist", field="ticket_id")
    return ticket, await history_of(session, ticket_id), await messages_of(session, ticket_id)


async def store_edit(session: AsyncSession, edited: dict[str, Any], history: dict[str, Any]) -> None:
    """The ticket's editable fields (EDITABLE_FIELDS, all given) and its history row of the edit: one
    statement on PostgreSQL. `history` holds every history column but the id; the edit is dated
    with the history row (`at`)."""
    if is_postgres(session):
        await _EDIT_WITH_ITS_HISTORY.execute(session, {**edited, **history})
        return
    await _EDIT_ALONE.execute(session, {**edited, "ticket_id": history["ticket_id"], "at": history["at"]})
    await _INSERT_HISTORY.execute(session, history)


async def customer_tier(session: AsyncSession, customer_id: str) -> Tier | None:
    """The customer's tier as segmentation last published it (read model); None when unknown."""
    rows = await _TIER_OF.fetch(session, {"customer_id": customer_id})
    return Tier(rows[0][0]) if rows else None


async def open_tickets_for_update(session: AsyncSession, customer_id: str) -> list[TicketRow]:
    return list((await session.scalars(
        select(TicketRow).where(
            TicketRow.customer_id == customer_id,
            TicketRow.status.in_([s.value for s in OPEN]),
        ).with_for_update()
    )).all())


async def resolved_ticket_awaiting_satisfaction(
    session: AsyncSession, customer_id: str, answered_at: datetime, link_days: int
) -> TicketRow | None:
    """The customer's latest ticket first resolved in the `link_days` before an answer, with no
    satisfaction yet: the answer is its satisfaction after resolution."""
    return await session.scalar(
        select(TicketRow).where(
            TicketRow.customer_id == customer_id,
            TicketRow.first_resolved_at.is_not(None),
            TicketRow.first_resolved_at <= answered_at,
            TicketRow.first_resolved_at >= answered_at - timedelta(days=link_days),
            TicketRow.satisfaction.is_(None),
        ).order_by(TicketRow.first_resolved_at.desc()).limit(1).with_for_update()
    )


def _breached_now(now: datetime):
    """Breached flags, a late next reply, or a clock past its due time that the sweeper has not
    marked yet."""
    running = TicketRow.status.in_([s.value for s in OPEN])
    return or_(
        TicketRow.first_response_breached.is_(True),
        TicketRow.resolution_breached.is_(True),
        and_(running, TicketRow.first_responded_at.is_(None), TicketRow.first_response_due < now),
        and_(running, TicketRow.paused_at.is_(None), TicketRow.resolution_due < now),
        TicketRow.next_replies_late > 0,
        and_(running, TicketRow.paused_at.is_(None), TicketRow.next_reply_due < now),
    )


def tickets_in_scope(scope: Scope) -> ColumnElement[bool]:
    """The tickets a caller sees (docs/design.md §11): its team's queue, assigned to it, or of the
    customers it sees."""
    return scope.tickets(TicketRow.team, TicketRow.assignee, TicketRow.customer_id, CUSTOMER_ACCESS)


def ticket_in_scope(scope: Scope, ticket_id: str) -> ColumnElement[bool]:
    return and_(TicketRow.id == ticket_id, tickets_in_scope(scope))


def customer_in_scope(scope: Scope, customer_id: str) -> ColumnElement[bool]:
    return scope.customer(customer_id, CUSTOMER_ACCESS)


async def list_tickets(
    session: AsyncSession, *, status: Status | None, priority: str | None, breached: bool | None,
    customer_id: str | None, limit: int, cursor: str | None, now: datetime, scope: Scope,
) -> Page[TicketRow]:
    """Newest first, of the tickets in the caller's scope."""
    query = select(TicketRow).where(tickets_in_scope(scope))
    if status is not None:
        query = query.where(TicketRow.status == status.value)
    if priority is not None:
        query = query.where(TicketRow.priority == priority)
    if customer_id is not None:
        query = query.where(TicketRow.customer_id == customer_id)
    if breached is not None:
        condition = _breached_now(now)
        query = query.where(condition if breached else ~condition)
    rows = await session.scalars(TICKETS_NEWEST_FIRST.seek(query, cursor, limit))
    return TICKETS_NEWEST_FIRST.page(rows, limit)


async def report_facts(session: AsyncSession, start: datetime, end: datetime) -> list[TicketFacts]:
    """Tickets opened in [start, end)."""
    rows = (await session.scalars(
        select(TicketRow).where(TicketRow.reported_at >= start, TicketRow.reported_at < end)
    )).all()
    return [
        TicketFacts(
            tier=r.tier, first_response_due=r.first_response_due, first_responded_at=r.first_responded_at,
            resolution_due=r.resolution_due, resolved_at=r.resolved_at,
            ever_resolved=r.first_resolved_at is not None,
            first_contact_resolution=r.first_contact_resolution, reopen_count=r.reopen_count,
            satisfaction=r.satisfaction, paused=r.paused_at is not None, priority=r.priority,
            close_reason=r.close_reason,
            next_replies_on_time=r.next_replies_on_time, next_replies_late=r.next_replies_late,
            next_reply_due=r.next_reply_due, solved=r.status in SOLVED, csat_rating=r.csat_rating,
            reported_at=r.reported_at,
            requester_wait_seconds=r.requester_wait_seconds,
            requester_wait_business_seconds=r.requester_wait_business_seconds,
            agent_work_seconds=r.agent_work_seconds,
            agent_work_business_seconds=r.agent_work_business_seconds,
        )
        for r in rows
    ]


async def ratings_between(session: AsyncSession, start: datetime, end: datetime) -> list[Rating]:
    """CSAT ratings given in [start, end)."""
    rows = (await session.execute(
        select(CsatRatingRow.rating, CsatRatingRow.agent, CsatRatingRow.team, CsatRatingRow.tier)
        .where(CsatRatingRow.rated_at >= start, CsatRatingRow.rated_at < end)
    )).all()
    return [Rating(rating=r.rating, agent=r.agent, team=r.team, tier=r.tier) for r in rows]


async def ticket_texts(
    session: AsyncSession, start: datetime, end: datetime, category: str | None, limit: int,
    zone: ZoneInfo,
) -> list[TicketText]:
    """Descriptions of the latest `limit` tickets reported in [start, end), oldest first."""
    query = select(TicketRow.id, TicketRow.category, TicketRow.reported_at, TicketRow.description).where(
        TicketRow.reported_at >= start, TicketRow.reported_at < end)
    if category is not None:
        query = query.where(func.lower(TicketRow.category) == category.strip().lower())
    rows = (await session.execute(
        query.order_by(TicketRow.reported_at.desc(), TicketRow.id.desc()).limit(limit))).all()
    return [TicketText(ticket_id=r.id, category=r.category, month=month_of(r.reported_at, zone),
                       description=r.description) for r in reversed(rows)]
# --- the SLA sweeper -------------------------------------------------------------------------

# A step is recorded unless it exists: the unique (ticket, metric, cycle, level) key makes two
# sweeps that meet record it, and publish it, once.
_RECORD_STEP = PerDialect(lambda insert: insert(EscalationRow)
                          .on_conflict_do_nothing(index_elements=["ticket_id", "metric", "cycle", "level"])
                          .returning(EscalationRow.id))


async def claim_due_tickets(session: AsyncSession, now: datetime, limit: int) -> list[TicketRow]:
    """Running tickets with an escalation step due, oldest first, locked past other sweeps."""
    return list((await session.scalars(
        select(TicketRow)
        .where(
            TicketRow.next_check_at <= now,
            TicketRow.paused_at.is_(None),
            TicketRow.status.in_([s.value for s in OPEN]),
        )
        .order_by(TicketRow.next_check_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )).all())


async def record_step(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Insert the step row unless it exists; True when this call recorded it."""
    return (await session.execute(_RECORD_STEP.for_session(session), values)).scalar() is not None


async def open_tickets_by_priority(session: AsyncSession) -> dict[str, int]:
    return dict((await session.execute(
        select(TicketRow.priority, func.count())
        .where(TicketRow.status.in_([s.value for s in OPEN]))
        .group_by(TicketRow.priority)
    )).all())
