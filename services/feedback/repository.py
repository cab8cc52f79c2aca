"""Queries of the feedback service; tickets leave here as API views or report facts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import schemas
from services.feedback.domain.csat import Rating
from services.feedback.domain.lifecycle import OPEN, Status
from services.feedback.domain.reports import TicketFacts
from services.feedback.domain.topics import TicketText, month_of
from services.feedback.models import CsatRatingRow, TicketHistoryRow, TicketMessageRow, TicketRow
from shared.errors import InvalidInput, NotFound
from shared.pagination import Page, decode_cursor, page_of

SOLVED = (Status.RESOLVED.value, Status.CLOSED.value)


def ticket_out(
    ticket: TicketRow, history: list[TicketHistoryRow] | None = None,
    messages: list[TicketMessageRow] | None = None,
) -> schemas.TicketOut:
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
        next_reply_started_at=ticket.next_reply_started_at,
        next_reply_due=ticket.next_reply_due,
        next_reply_warning_at=ticket.next_reply_warn_at,
        next_reply_task_force_at=ticket.next_reply_task_force_at,
        next_reply_level=ticket.next_reply_level,
        next_replies_on_time=ticket.next_replies_on_time,
        next_replies_late=ticket.next_replies_late,
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
        satisfaction_level=ticket.satisfaction_level, csat_rating=ticket.csat_rating,
        csat_rated_at=ticket.csat_rated_at, reported_at=ticket.reported_at,
        created_at=ticket.created_at, updated_at=ticket.updated_at, resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        durations=schemas.DurationsOut(
            requester_wait_seconds=ticket.requester_wait_seconds,
            requester_wait_business_seconds=ticket.requester_wait_business_seconds,
            agent_work_seconds=ticket.agent_work_seconds,
            agent_work_business_seconds=ticket.agent_work_business_seconds,
            counted_until=ticket.status_since or ticket.updated_at,
        ),
        messages=None if messages is None else [
            schemas.MessageOut(id=m.id, author=m.author, body=m.body, channel=m.channel, actor=m.actor,
                               at=m.at)
            for m in messages
        ],
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
    messages = (await session.scalars(
        select(TicketMessageRow).where(TicketMessageRow.ticket_id == ticket.id)
        .order_by(TicketMessageRow.id)
    )).all()
    return ticket_out(ticket, list(history), list(messages))


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
            next_replies_on_time=r.next_replies_on_time, next_replies_late=r.next_replies_late,
            next_reply_due=r.next_reply_due, solved=r.status in SOLVED, csat_rating=r.csat_rating,
            month=month_of(r.reported_at),
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
    session: AsyncSession, start: datetime, end: datetime, category: str | None, limit: int
) -> list[TicketText]:
    """Descriptions of the latest `limit` tickets reported in [start, end), oldest first."""
    query = select(TicketRow.id, TicketRow.category, TicketRow.reported_at, TicketRow.description).where(
        TicketRow.reported_at >= start, TicketRow.reported_at < end)
    if category is not None:
        query = query.where(func.lower(TicketRow.category) == category.strip().lower())
    rows = (await session.execute(
        query.order_by(TicketRow.reported_at.desc(), TicketRow.id.desc()).limit(limit))).all()
    return [TicketText(ticket_id=r.id, category=r.category, month=month_of(r.reported_at),
                       description=r.description) for r in reversed(rows)]
