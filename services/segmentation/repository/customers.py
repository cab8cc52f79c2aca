"""Customer records, contacts, orders and the review calendar's claims."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Row, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation.models import (
    ChurnSignalRow,
    ComplaintRow,
    ContactRow,
    CustomerRow,
    OrderRow,
    ScoreRow,
)
from services.segmentation.repository.order_months import add_orders_to_months
from shared.access import Scope
from shared.db import HotStatement, ids_match, is_postgres
from shared.errors import NotFound
from shared.pagination import Keyset, Page


async def count_customers(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(CustomerRow)) or 0)


async def lock_customers(session: AsyncSession, customer_ids: list[str]) -> None:
    """Row-lock the customers about to be rescored, always in id order.

    Every writer of scores (batch jobs, a single rescore, the scheduler on another replica) takes
    these locks first and in the same order, so two overlapping rescores queue instead of
    deadlocking on the score rows. SQLite has one writer at a time and needs nothing.
    """
    if not is_postgres(session):
        return
    if len(customer_ids) == 1:
        await _CUSTOMER_LOCKED.fetch(session, {"customer_id": customer_ids[0]})
        return
    await session.execute(
        select(CustomerRow.id).where(ids_match(CustomerRow.id, customer_ids, True))
        .order_by(CustomerRow.id).with_for_update()
    )


_CUSTOMER_LOCKED = HotStatement(select(CustomerRow.id).where(CustomerRow.id == bindparam("customer_id"))
                                .with_for_update())


async def lock_customer(session: AsyncSession, customer_id: str) -> bool:
    """lock_customers of one customer (on SQLite nothing to lock); whether it exists."""
    return bool(await _CUSTOMER_LOCKED.fetch(session, {"customer_id": customer_id}))


async def reschedule(session: AsyncSession, schedule: dict[datetime, list[str]]) -> None:
    """Next evaluation dates: one Core statement per distinct date (no ORM session sync)."""
    postgres = is_postgres(session)
    customers = CustomerRow.__table__
    for next_at, customer_ids in schedule.items():
        await session.execute(
            update(customers).where(ids_match(customers.c.id, customer_ids, postgres))
            .values(next_evaluation_at=next_at)
        )


CUSTOMERS_BY_ID = Keyset(CustomerRow.id)
ORDERS_NEWEST_FIRST = Keyset(OrderRow.order_id, OrderRow.ordered_at, descending=True)


async def customer_with_score(session: AsyncSession, customer_id: str) -> Row:
    """(customer, score) in one statement: under READ COMMITTED two reads could straddle a
    scheduler commit and show a new score beside the old next evaluation date."""
    found = (await session.execute(
        select(CustomerRow, ScoreRow).outerjoin(ScoreRow, ScoreRow.customer_id == CustomerRow.id)
        .where(CustomerRow.id == customer_id)
    )).one_or_none()
    if found is None:
        raise NotFound(f"customer {customer_id!r} does not exist")
    return found


async def contacts_of(session: AsyncSession, customer_id: str) -> list[ContactRow]:
    return list((await session.scalars(
        select(ContactRow).where(ContactRow.customer_id == customer_id).order_by(ContactRow.id)
    )).all())


async def first_reachable_contact(session: AsyncSession, customer_id: str) -> ContactRow | None:
    """The customer's first contact with an e-mail address or a phone number."""
    return await session.scalar(
        select(ContactRow)
        .where(ContactRow.customer_id == customer_id,
               (ContactRow.email.is_not(None)) | (ContactRow.phone.is_not(None)))
        .order_by(ContactRow.id).limit(1)
    )


async def churn_signals_of(session: AsyncSession, customer_ids: list[str]) -> list[ChurnSignalRow]:
    return list((await session.scalars(
        select(ChurnSignalRow).where(ChurnSignalRow.customer_id.in_(customer_ids))
    )).all())


async def p1_complaints_since(session: AsyncSession, customer_id: str, since: datetime) -> int:
    return int(await session.scalar(select(func.count()).select_from(ComplaintRow).where(
        ComplaintRow.customer_id == customer_id, ComplaintRow.priority == "P1",
        ComplaintRow.opened_at > since)) or 0)


def customers_in_scope(scope: Scope) -> ColumnElement[bool]:
    """The customers a caller sees (docs/design.md §11): owned, of its team, or, for an agent, with a
    ticket routed to its team or assigned to it."""
    routes = []
    if scope.ticket_team is not None:
        routes.append(ComplaintRow.team == scope.ticket_team)
    if scope.assignee is not None:
        routes.append(ComplaintRow.assignee == scope.assignee)
    tickets = select(ComplaintRow.customer_id).where(or_(*routes)) if routes else None
    return scope.customers(CustomerRow.owner, CustomerRow.team, customer_id=CustomerRow.id,
                           ticket_customers=tickets)


def customer_in_scope(scope: Scope, customer_id: str) -> ColumnElement[bool]:
    """This customer, when the caller sees it."""
    return and_(CustomerRow.id == customer_id, customers_in_scope(scope))


async def list_customers(
    session: AsyncSession, tier: str | None, quadrant: str | None, owner: str | None, limit: int,
    cursor: str | None, visible: ColumnElement[bool],
) -> Page[Row]:
    """By id: (id, name, owner, team, value, tier, quadrant) rows of the customers `visible` admits."""
    query = select(CustomerRow.id, CustomerRow.name, CustomerRow.owner, CustomerRow.team, ScoreRow.value,
                   ScoreRow.tier, ScoreRow.quadrant).outerjoin(
        ScoreRow, ScoreRow.customer_id == CustomerRow.id).where(visible)
    if tier:
        query = query.where(ScoreRow.tier == tier)
    if quadrant:
        query = query.where(ScoreRow.quadrant == quadrant)
    if owner:
        query = query.where(CustomerRow.owner == owner)
    rows = (await session.execute(CUSTOMERS_BY_ID.seek(query, cursor, limit))).all()
    return CUSTOMERS_BY_ID.page(rows, limit)


async def tier_counts(session: AsyncSession) -> dict[str, int]:
    """Customers per effective tier (None: not scored yet)."""
    rows = await session.execute(
        select(ScoreRow.tier, func.count()).select_from(CustomerRow)
        .outerjoin(ScoreRow, ScoreRow.customer_id == CustomerRow.id).group_by(ScoreRow.tier))
    return {tier: int(count) for tier, count in rows.all()}


async def order_owners(session: AsyncSession, order_ids: list[str]) -> dict[str, str]:
    """order id -> customer id, of the orders already stored."""
    return dict((await session.execute(
        select(OrderRow.order_id, OrderRow.customer_id).where(OrderRow.order_id.in_(order_ids))
    )).all())


async def orders_of(
    session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> Page[OrderRow]:
    """A customer's orders, newest first (the (customer, time) index serves the seek)."""
    query = select(OrderRow).where(OrderRow.customer_id == customer_id)
    query = ORDERS_NEWEST_FIRST.seek(query, cursor, limit)
    return ORDERS_NEWEST_FIRST.page(await session.scalars(query), limit)


async def insert_orders(session: AsyncSession, orders: list[dict], zone: ZoneInfo) -> None:
    """New orders, counted in their customers' business months (`order_months`, cut in `zone`) in
    the same transaction: the monthly snapshot reads those months instead of the orders."""
    await session.execute(OrderRow.__table__.insert(), orders)
    await add_orders_to_months(session, orders, zone)


async def delete_contacts(session: AsyncSession, customer_id: str) -> None:
    await session.execute(delete(ContactRow).where(ContactRow.customer_id == customer_id))


async def claim_due_customers(session: AsyncSession, now: datetime, limit: int) -> list[str]:
    """Customers whose scheduled evaluation is due, oldest first."""
    return list((await session.scalars(
        select(CustomerRow.id).where(CustomerRow.next_evaluation_at <= now)
        .order_by(CustomerRow.next_evaluation_at).limit(limit)
        .with_for_update(skip_locked=True)
    )).all())


async def owners_after(session: AsyncSession, after: str | None, limit: int) -> dict[str, str | None]:
    """The next customers in id order, with their owners."""
    query = select(CustomerRow.id, CustomerRow.owner).order_by(CustomerRow.id).limit(limit)
    if after is not None:
        query = query.where(CustomerRow.id > after)
    return dict((await session.execute(query)).all())
