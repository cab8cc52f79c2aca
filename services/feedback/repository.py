"""Queries of the feedback service; tickets leave here as API views or report facts."""

from __future__ import annotations

import zlib
from datetime import datetime

from sqlalchemy import and_, bindparam, insert, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import schemas
from services.feedback.domain.lifecycle import OPEN, Status
from services.feedback.domain.reports import TicketFacts
from services.feedback.models import CustomerTierRow, TicketHistoryRow, TicketRow
from shared.db import is_postgres
from shared.errors import InvalidInput, NotFound
from shared.pagination import Page, decode_cursor, page_of


def ticket_out(ticket: TicketRow, history: list[TicketHistoryRow] | None = None) -> schemas.TicketOut:
    sla = schemas.SlaOut(
        first_response_due=ticket.first_response_due,
        resolution_due=ticket.resolution_due,
        calendar=ticket.calendar,
        policy=ticket.sla_rows,
        first_response_warning_at=ticket.first_response_warn_at,
        first_response_task_force_at=ticket.first_response_task_force_at,
        first_responded_at=ticket.first_responded_at,
        first_response_breached=ticket.first_response_breached,
        first_response_level=ticket.first_response_level,
        resolution_started_at=ticket.resolution_started_at,
        resolution_warning_at=ticket.resolution_warn_at,
        resolution_task_force_at=ticket.resolution_task_force_at,
        resolution_breached=ticket.resolution_breached,
        resolution_level=ticket.resolution_level,
        paused=ticket.paused_at is not None,
        paused_at=ticket.paused_at,
    )
    return schemas.TicketOut(
        id=ticket.id, customer_id=ticket.customer_id, channel=ticket.channel, type=ticket.type,
        category=ticket.category, description=ticket.description, priority=ticket.priority,
        priority_reason=ticket.priority_reason, team=ticket.team, assignee=ticket.assignee,
        status=ticket.status, tier=ticket.tier, sla=sla, response_count=ticket.response_count,
        reopen_count=ticket.reopen_count, solution=ticket.solution, improvement=ticket.improvement,
        first_contact_resolution=ticket.first_contact_resolution, satisfaction=ticket.satisfaction,
        satisfaction_level=ticket.satisfaction_level, reported_at=ticket.reported_at,
        created_at=ticket.created_at, updated_at=ticket.updated_at, resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        history=None if history is None else [
            schemas.HistoryOut(at=h.at, actor=h.actor, action=h.action, from_status=h.from_status,
                               to_status=h.to_status, detail=h.detail or {})
            for h in history
        ],
    )


def _columns(model, *, generated: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """(attribute, column) of every mapped column the caller sets (not the `generated` ones)."""
    return tuple((prop.key, prop.columns[0].key) for prop in model.__mapper__.column_attrs
                 if prop.key not in generated)


def _values(row, columns: tuple[tuple[str, str], ...]) -> dict:
    return {column: getattr(row, attribute) for attribute, column in columns}


_TICKET_COLUMNS = _columns(TicketRow)
_HISTORY_COLUMNS = _columns(TicketHistoryRow, generated=("id",))
_INSERT_TICKET = insert(TicketRow.__table__)
_INSERT_HISTORY = insert(TicketHistoryRow.__table__).returning(TicketHistoryRow.__table__.c.id)


_WAIT_FOR_CUSTOMER = text("SELECT pg_advisory_xact_lock(:key)")
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
        key = zlib.crc32(f"feedback:customer:{customer_id}".encode())
        await session.execute(_WAIT_FOR_CUSTOMER, {"key": key})
    else:
        await session.execute(_TAKE_WRITE_LOCK, {"cid": customer_id})


async def insert_new_ticket(session: AsyncSession, ticket: TicketRow, created: TicketHistoryRow) -> None:
    """Store a new ticket and its first history row with two prebuilt statements.

    Opening tickets is the hot write path; the ORM's unit of work, for two rows nothing else
    touches in this transaction, costs more than the inserts. Every column is set by the caller.
    """
    await session.execute(_INSERT_TICKET, _values(ticket, _TICKET_COLUMNS))
    created.id = (await session.execute(_INSERT_HISTORY, _values(created, _HISTORY_COLUMNS))).scalar_one()


async def ticket_view(session: AsyncSession, ticket_id: str) -> schemas.TicketOut:
    ticket = await session.get(TicketRow, ticket_id, populate_existing=True)
    if ticket is None:
        raise NotFound(f"ticket {ticket_id!r} does not exist", field="ticket_id")
    return await ticket_view_of(session, ticket)


async def ticket_view_of(session: AsyncSession, ticket: TicketRow) -> schemas.TicketOut:
    """The view of a ticket already loaded (and locked) in the caller's transaction."""
    history = (await session.scalars(
        select(TicketHistoryRow).where(TicketHistoryRow.ticket_id == ticket.id)
        .order_by(TicketHistoryRow.id)
    )).all()
    return ticket_out(ticket, list(history))


async def ticket_resolution(session: AsyncSession, ticket_id: str) -> schemas.TicketResolutionOut:
    ticket = await session.get(TicketRow, ticket_id)
    if ticket is None:
        raise NotFound(f"ticket {ticket_id!r} does not exist", field="ticket_id")
    return schemas.TicketResolutionOut(
        ticket_id=ticket.id, customer_id=ticket.customer_id, status=ticket.status,
        priority=ticket.priority, solution=ticket.solution, improvement=ticket.improvement,
        resolved_at=ticket.resolved_at,
    )


def _breached_now(now: datetime):
    """Breached flags, or a clock past its due time that the sweeper has not marked yet."""
    running = TicketRow.status.in_([s.value for s in OPEN])
    return or_(
        TicketRow.first_response_breached.is_(True),
        TicketRow.resolution_breached.is_(True),
        and_(running, TicketRow.first_responded_at.is_(None), TicketRow.first_response_due < now),
        and_(running, TicketRow.paused_at.is_(None), TicketRow.resolution_due < now),
    )


async def list_tickets(
    session: AsyncSession, *, status: Status | None, priority: str | None, breached: bool | None,
    customer_id: str | None, limit: int, cursor: str | None, now: datetime,
) -> Page[schemas.TicketOut]:
    """Newest first; the cursor carries (created_at, id) of the last ticket returned."""
    query = select(TicketRow)
    if status is not None:
        query = query.where(TicketRow.status == status.value)
    if priority is not None:
        query = query.where(TicketRow.priority == priority)
    if customer_id is not None:
        query = query.where(TicketRow.customer_id == customer_id)
    if breached is not None:
        condition = _breached_now(now)
        query = query.where(condition if breached else ~condition)
    position = decode_cursor(cursor)
    if position is not None:
        try:
            after = datetime.fromisoformat(position["created_at"])
            after_id = str(position["id"])
        except (KeyError, ValueError, TypeError) as exc:
            raise InvalidInput("cursor is not one this service issued", field="cursor") from exc
        query = query.where(or_(
            TicketRow.created_at < after,
            and_(TicketRow.created_at == after, TicketRow.id < after_id),
        ))
    rows = (await session.scalars(
        query.order_by(TicketRow.created_at.desc(), TicketRow.id.desc()).limit(limit + 1)
    )).all()
    page = page_of([ticket_out(r) for r in rows], limit,
                   lambda t: {"created_at": t.created_at.isoformat(), "id": t.id})
    return page


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
            satisfaction=r.satisfaction, paused=r.paused_at is not None,
        )
        for r in rows
    ]
