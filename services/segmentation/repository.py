"""Queries of the segmentation service (rows or domain objects, never API schemas); set-based
aggregation for scoring in batches."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, Row, and_, bindparam, case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation.domain.evaluation import CustomerFacts
from services.segmentation.domain.quadrants import share_in_basis_points
from services.segmentation.models import (
    ChurnSignalRow,
    ComplaintRow,
    ContactRow,
    CustomerRow,
    InteractionRow,
    OrderRow,
    RescoreJobRow,
    ScoreHistoryRow,
    ScoreRow,
    ScoringModelRow,
    TierChangeRow,
    TierOverrideRow,
)
from shared.business_time import DEFAULT_BUSINESS_TIMEZONE, start_of_month, zone_named
from shared.db import PerDialect, as_utc, driver_connection, ids_match, is_postgres
from shared.errors import NotFound
from shared.pagination import Keyset, Page

YEAR = timedelta(days=365)


def month_of_order(as_of: datetime, zone: ZoneInfo):
    """Which business month of the 12-month window an order falls in (0 = the 13th month back,
    12 = the month of `as_of`): comparisons with the month starts, no per-row date arithmetic
    (extracting year and month per order made the aggregation twice as slow)."""
    starts = [start_of_month(as_of, zone, -k) for k in range(11, -1, -1)]
    return case(*[(OrderRow.ordered_at < start, index) for index, start in enumerate(starts)], else_=12)


def aggregate_query(
    as_of: datetime, customer_ids: list[str] | None = None, *, postgres: bool = False,
    id_range: tuple[str | None, str] | None = None, with_scores: bool = False,
    zone: ZoneInfo | None = None,
):
    """One GROUP BY over orders (and one over P1 complaints) for a set of customers, or all.

    `id_range` (after, last) selects the customers with after < id <= last: a batch of a job
    in id order, read by index range without any list of ids. Months with an order (the default
    L input) are business months (`zone`, the business time zone by default)."""
    window_start = as_of - YEAR
    in_window = and_(OrderRow.ordered_at > window_start, OrderRow.ordered_at <= as_of)
    month_key = month_of_order(as_of, zone or zone_named(DEFAULT_BUSINESS_TIMEZONE))
    orders = (
        select(
            OrderRow.customer_id.label("customer_id"),
            func.max(case((OrderRow.ordered_at <= as_of, OrderRow.ordered_at))).label("last_order_at"),
            func.count().filter(in_window).label("orders_12m"),
            func.coalesce(func.sum(OrderRow.amount).filter(in_window), 0).label("amount_12m"),
            func.count(func.distinct(case((in_window, month_key)))).label("months_12m"),
        )
        .group_by(OrderRow.customer_id)
    )
    complaints = (
        select(ComplaintRow.customer_id.label("customer_id"), func.count().label("p1"))
        .where(ComplaintRow.priority == "P1", ComplaintRow.opened_at > window_start)
        .group_by(ComplaintRow.customer_id)
    )
    if customer_ids is not None:
        # Filter inside the groupings too: the planner does not carry an IN list across the join.
        orders = orders.where(ids_match(OrderRow.customer_id, customer_ids, postgres))
        complaints = complaints.where(ids_match(ComplaintRow.customer_id, customer_ids, postgres))
    if id_range is not None:
        orders = orders.where(*in_range(OrderRow.customer_id, *id_range))
        complaints = complaints.where(*in_range(ComplaintRow.customer_id, *id_range))
    orders, complaints = orders.subquery(), complaints.subquery()
    query = (
        select(
            CustomerRow.id,
            CustomerRow.owner,
            CustomerRow.since,
            CustomerRow.growth_pct,
            CustomerRow.repurchase_rate,
            orders.c.last_order_at,
            func.coalesce(orders.c.orders_12m, 0),
            func.coalesce(orders.c.amount_12m, 0),
            func.coalesce(orders.c.months_12m, 0),
            func.coalesce(complaints.c.p1, 0),
        )
        .select_from(CustomerRow)
        .outerjoin(orders, orders.c.customer_id == CustomerRow.id)
        .outerjoin(complaints, complaints.c.customer_id == CustomerRow.id)
    )
    if with_scores:
        # The current score beside the facts (SCORE_STATE_COLUMNS after the ten fact columns).
        scores = select(*SCORE_STATE_COLUMNS, ScoreRow.computed_at)
        if customer_ids is not None:
            scores = scores.where(ids_match(ScoreRow.customer_id, customer_ids, postgres))
        if id_range is not None:
            # The batch's range only: joined whole, every batch would read every score.
            scores = scores.where(*in_range(ScoreRow.customer_id, *id_range))
        scores = scores.subquery()
        query = query.add_columns(*list(scores.c)[1:]).outerjoin(
            scores, scores.c.customer_id == CustomerRow.id)
    if customer_ids is not None:
        query = query.where(ids_match(CustomerRow.id, customer_ids, postgres))
    if id_range is not None:
        query = query.where(*in_range(CustomerRow.id, *id_range))
    return query.order_by(CustomerRow.id)


def in_range(column, after: str | None, last: str) -> list:
    return [column <= last] if after is None else [column > after, column <= last]


def to_facts(row) -> CustomerFacts:
    return CustomerFacts(
        customer_id=row[0], owner=row[1], since=row[2], growth_pct=float(row[3] or 0),
        repurchase_rate=row[4], last_order_at=as_utc(row[5]), orders_12m=int(row[6]),
        amount_12m=float(row[7]), months_with_order_12m=int(row[8]), p1_complaints_12m=int(row[9]),
    )


async def aggregates_for(
    session: AsyncSession, customer_ids: list[str], as_of: datetime, zone: ZoneInfo | None = None
) -> list[CustomerFacts]:
    query = aggregate_query(as_of, customer_ids, postgres=is_postgres(session), zone=zone)
    return [to_facts(r) for r in (await session.execute(query)).all()]


async def aggregates_after(
    session: AsyncSession, after: str | None, limit: int, as_of: datetime, zone: ZoneInfo | None = None
) -> list[CustomerFacts]:
    """The next batch of customers in id order, for jobs and dry runs."""
    ids = select(CustomerRow.id).order_by(CustomerRow.id).limit(limit)
    if after is not None:
        ids = ids.where(CustomerRow.id > after)
    batch = [r[0] for r in (await session.execute(ids)).all()]
    if not batch:
        return []
    # The batch is a contiguous id range: aggregate by range, not by a list of ids.
    query = aggregate_query(as_of, id_range=(after, batch[-1]), zone=zone)
    return [to_facts(r) for r in (await session.execute(query)).all()]


def _high_value_line_query():
    """The smallest 12-month amount inside the top share of active customers, in one statement
    (domain/quadrants.high_value_threshold, computed where the orders are)."""
    amount = func.sum(OrderRow.amount)
    active = (
        select(amount.label("amount"))
        .where(OrderRow.ordered_at > bindparam("window_start"), OrderRow.ordered_at <= bindparam("as_of"))
        .group_by(OrderRow.customer_id).having(amount > 0)
        .cte("active")
    )
    ranked = select(
        active.c.amount,
        func.row_number().over(order_by=active.c.amount.desc()).label("rank"),
        func.count().over().label("active_customers"),
    ).subquery()
    top = ranked.c.active_customers * bindparam("share_bp", type_=Integer) // 10_000
    return select(ranked.c.amount).where(ranked.c.rank == case((top < 1, 1), else_=top))


HIGH_VALUE_LINE = _high_value_line_query()


async def high_value_line(session: AsyncSession, as_of: datetime, share: float) -> float | None:
    line = await session.scalar(HIGH_VALUE_LINE, {
        "window_start": as_of - YEAR, "as_of": as_of, "share_bp": share_in_basis_points(share)})
    return float(line) if line is not None else None


async def count_customers(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(CustomerRow)) or 0)


async def current_scores(session: AsyncSession, customer_ids: list[str]) -> dict[str, ScoreRow]:
    rows = await session.scalars(
        select(ScoreRow).where(ids_match(ScoreRow.customer_id, customer_ids, is_postgres(session)))
    )
    return {row.customer_id: row for row in rows}


SCORE_STATE_COLUMNS = (ScoreRow.customer_id, ScoreRow.value, ScoreRow.computed_tier, ScoreRow.tier,
                       ScoreRow.quadrant, ScoreRow.model_version)


async def lock_customers(session: AsyncSession, customer_ids: list[str]) -> None:
    """Row-lock the customers about to be rescored, always in id order.

    Every writer of scores (batch jobs, a single rescore, the scheduler on another replica) takes
    these locks first and in the same order, so two overlapping rescores queue instead of
    deadlocking on the score rows. SQLite has one writer at a time and needs nothing.
    """
    if not is_postgres(session):
        return
    await session.execute(
        select(CustomerRow.id).where(ids_match(CustomerRow.id, customer_ids, True))
        .order_by(CustomerRow.id).with_for_update()
    )


async def score_states(session: AsyncSession, customer_ids: list[str]) -> dict[str, Row]:
    """What a rescore compares against: the scalar columns of the current scores as plain rows
    (attribute access like ScoreRow; no ORM identity map, no JSON components decoded)."""
    rows = await session.execute(
        select(*SCORE_STATE_COLUMNS)
        .where(ids_match(ScoreRow.customer_id, customer_ids, is_postgres(session)))
    )
    return {row.customer_id: row for row in rows}


async def approved_overrides(
    session: AsyncSession, customer_ids: list[str], now: datetime
) -> dict[str, TierOverrideRow]:
    rows = await session.scalars(
        select(TierOverrideRow).where(
            ids_match(TierOverrideRow.customer_id, customer_ids, is_postgres(session)),
            TierOverrideRow.status == "approved",
            TierOverrideRow.expires_at > now,
        )
    )
    return {row.customer_id: row for row in rows}


async def last_activity(
    session: AsyncSession, customer_ids: list[str], as_of: datetime
) -> dict[str, datetime | None]:
    """Latest order or interaction per customer, up to `as_of`."""
    result: dict[str, datetime | None] = dict.fromkeys(customer_ids)
    for column, table_customer in (
        (OrderRow.ordered_at, OrderRow.customer_id),
        (InteractionRow.occurred_at, InteractionRow.customer_id),
    ):
        query = (
            select(table_customer, func.max(column))
            .where(table_customer.in_(customer_ids), column <= as_of)
            .group_by(table_customer)
        )
        for customer_id, latest in (await session.execute(query)).all():
            latest = as_utc(latest)
            current = result.get(customer_id)
            if current is None or (latest is not None and latest > current):
                result[customer_id] = latest
    return result


async def monthly_amounts(
    session: AsyncSession, customer_ids: list[str], starts: list[datetime]
) -> dict[str, list[float]]:
    """Order amount per customer in each month [starts[i], starts[i+1])."""
    buckets = [
        func.coalesce(
            func.sum(OrderRow.amount).filter(
                and_(OrderRow.ordered_at >= start, OrderRow.ordered_at < end)
            ),
            0,
        )
        for start, end in pairwise(starts)
    ]
    query = (
        select(OrderRow.customer_id, *buckets)
        .where(OrderRow.customer_id.in_(customer_ids), OrderRow.ordered_at >= starts[0])
        .group_by(OrderRow.customer_id)
    )
    found = {r[0]: [float(v) for v in r[1:]] for r in (await session.execute(query)).all()}
    return {cid: found.get(cid, [0.0] * (len(starts) - 1)) for cid in customer_ids}


SCORE_COLUMNS = ["customer_id", "value", "computed_tier", "tier", "quadrant", "model_version",
                 "components", "amount_12m", "orders_12m", "last_order_at", "computed_at"]
UPSERT_SCORES_PG = f"""
INSERT INTO scores ({", ".join(SCORE_COLUMNS)})
SELECT c, v, ct, t, q, m, comp::json, a, o, l, ca
FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::float8[], $9::int[], $10::timestamptz[], $11::timestamptz[])
     AS u(c, v, ct, t, q, m, comp, a, o, l, ca)
ON CONFLICT (customer_id) DO UPDATE SET
{", ".join(f"{c} = excluded.{c}" for c in SCORE_COLUMNS[1:])}
"""


def _upsert_scores(insert):
    statement = insert(ScoreRow)
    return statement.on_conflict_do_update(
        index_elements=["customer_id"], set_={c: statement.excluded[c] for c in SCORE_COLUMNS[1:]}
    )


_UPSERT_SCORES = PerDialect(_upsert_scores)


async def upsert_scores(session: AsyncSession, rows: list[dict]) -> None:
    """Insert or replace current scores in one statement (PostgreSQL and SQLite alike)."""
    if is_postgres(session):
        # One statement with one array per column: no per-row bind processing or round trip.
        await _scores_by_arrays(session, UPSERT_SCORES_PG, rows)
        return
    # executemany: one prebuilt statement, batched by the driver.
    await session.execute(_UPSERT_SCORES.for_session(session), rows)


UPDATE_SCORES_PG = f"""
UPDATE scores SET {", ".join(f"{c} = u.{c}" if c != "components" else "components = u.components::json"
                             for c in SCORE_COLUMNS[1:])}
FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::float8[], $9::int[], $10::timestamptz[], $11::timestamptz[])
     AS u({", ".join(SCORE_COLUMNS)})
WHERE scores.customer_id = u.customer_id
"""


async def update_scores(session: AsyncSession, rows: list[dict]) -> None:
    """Replace current scores that exist, in one statement: an UPDATE ... FROM unnest on
    PostgreSQL (no insert attempted per row), the upsert elsewhere."""
    if not is_postgres(session):
        await upsert_scores(session, rows)
        return
    await _scores_by_arrays(session, UPDATE_SCORES_PG, rows)


async def _scores_by_arrays(session: AsyncSession, statement: str, rows: list[dict]) -> None:
    columns = {c: [row[c] for row in rows] for c in SCORE_COLUMNS}
    columns["components"] = [json.dumps(c, separators=(",", ":")) for c in columns["components"]]
    connection = await driver_connection(session)
    await connection.execute(statement, *columns.values())


async def reschedule(session: AsyncSession, schedule: dict[datetime, list[str]]) -> None:
    """Next evaluation dates: one Core statement per distinct date (no ORM session sync)."""
    postgres = is_postgres(session)
    customers = CustomerRow.__table__
    for next_at, customer_ids in schedule.items():
        await session.execute(
            update(customers).where(ids_match(customers.c.id, customer_ids, postgres))
            .values(next_evaluation_at=next_at)
        )


# --- customer records, history and overrides (the API's reads) ------------------------------

CUSTOMERS_BY_ID = Keyset(CustomerRow.id)
ORDERS_NEWEST_FIRST = Keyset(OrderRow.order_id, OrderRow.ordered_at, descending=True)
OVERRIDES_BY_ID = Keyset(TierOverrideRow.id)


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


async def override_shown(session: AsyncSession, customer_id: str, now: datetime) -> TierOverrideRow | None:
    """The approved override in force, else the latest proposal."""
    return await session.scalar(
        select(TierOverrideRow).where(
            TierOverrideRow.customer_id == customer_id,
            ((TierOverrideRow.status == "approved") & (TierOverrideRow.expires_at > now))
            | (TierOverrideRow.status == "proposed"),
        ).order_by(TierOverrideRow.status, TierOverrideRow.proposed_at.desc()).limit(1)
    )


async def churn_signals_of(session: AsyncSession, customer_ids: list[str]) -> list[ChurnSignalRow]:
    return list((await session.scalars(
        select(ChurnSignalRow).where(ChurnSignalRow.customer_id.in_(customer_ids))
    )).all())


async def p1_complaints_since(session: AsyncSession, customer_id: str, since: datetime) -> int:
    return int(await session.scalar(select(func.count()).select_from(ComplaintRow).where(
        ComplaintRow.customer_id == customer_id, ComplaintRow.priority == "P1",
        ComplaintRow.opened_at > since)) or 0)


async def list_customers(
    session: AsyncSession, tier: str | None, quadrant: str | None, owner: str | None, limit: int,
    cursor: str | None,
) -> Page[Row]:
    """By id: (id, name, owner, value, tier, quadrant) rows."""
    query = select(CustomerRow.id, CustomerRow.name, CustomerRow.owner, ScoreRow.value, ScoreRow.tier,
                   ScoreRow.quadrant).outerjoin(ScoreRow, ScoreRow.customer_id == CustomerRow.id)
    if tier:
        query = query.where(ScoreRow.tier == tier)
    if quadrant:
        query = query.where(ScoreRow.quadrant == quadrant)
    if owner:
        query = query.where(CustomerRow.owner == owner)
    rows = (await session.execute(CUSTOMERS_BY_ID.seek(query, cursor, limit))).all()
    return CUSTOMERS_BY_ID.page(rows, limit)


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


async def insert_orders(session: AsyncSession, orders: list[dict]) -> None:
    await session.execute(OrderRow.__table__.insert(), orders)


async def delete_contacts(session: AsyncSession, customer_id: str) -> None:
    await session.execute(delete(ContactRow).where(ContactRow.customer_id == customer_id))


async def score_history_of(session: AsyncSession, customer_id: str, limit: int) -> list[ScoreHistoryRow]:
    return list((await session.scalars(
        select(ScoreHistoryRow).where(ScoreHistoryRow.customer_id == customer_id)
        .order_by(ScoreHistoryRow.computed_at.desc(), ScoreHistoryRow.id.desc()).limit(limit)
    )).all())


async def tier_changes_of(session: AsyncSession, customer_id: str, limit: int) -> list[TierChangeRow]:
    return list((await session.scalars(
        select(TierChangeRow).where(TierChangeRow.customer_id == customer_id)
        .order_by(TierChangeRow.changed_at.desc(), TierChangeRow.id.desc()).limit(limit)
    )).all())


async def list_overrides(
    session: AsyncSession, customer_id: str | None, status: str | None, limit: int, cursor: str | None
) -> Page[TierOverrideRow]:
    query = select(TierOverrideRow)
    if customer_id:
        query = query.where(TierOverrideRow.customer_id == customer_id)
    if status:
        query = query.where(TierOverrideRow.status == status)
    return OVERRIDES_BY_ID.page(await session.scalars(OVERRIDES_BY_ID.seek(query, cursor, limit)), limit)


async def overrides_approved(session: AsyncSession, customer_id: str) -> list[TierOverrideRow]:
    return list((await session.scalars(select(TierOverrideRow).where(
        TierOverrideRow.customer_id == customer_id, TierOverrideRow.status == "approved"))).all())


async def claim_expired_overrides(session: AsyncSession, now: datetime, limit: int) -> list[TierOverrideRow]:
    return list((await session.scalars(
        select(TierOverrideRow).where(TierOverrideRow.status == "approved", TierOverrideRow.expires_at <= now)
        .with_for_update(skip_locked=True).limit(limit)
    )).all())


# --- scoring models, jobs and the scheduler's claims ----------------------------------------


async def active_model_row(session: AsyncSession) -> ScoringModelRow | None:
    return await session.scalar(select(ScoringModelRow).where(ScoringModelRow.active.is_(True)))


async def active_model_version_for_update(session: AsyncSession) -> str | None:
    """The active model's version, its row locked: two editors of the same version queue."""
    return await session.scalar(
        select(ScoringModelRow.version).where(ScoringModelRow.active.is_(True)).with_for_update())


async def model_versions(session: AsyncSession) -> list[str]:
    return list((await session.scalars(select(ScoringModelRow.version))).all())


async def deactivate_models(session: AsyncSession) -> None:
    await session.execute(update(ScoringModelRow).values(active=False))


async def claim_job(session: AsyncSession, stale_before: datetime) -> RescoreJobRow | None:
    """The oldest queued job, or a running one whose worker stopped beating before `stale_before`."""
    return await session.scalar(
        select(RescoreJobRow).where(or_(
            RescoreJobRow.status == "queued",
            (RescoreJobRow.status == "running") & (RescoreJobRow.heartbeat_at < stale_before),
        )).order_by(RescoreJobRow.created_at).limit(1).with_for_update(skip_locked=True)
    )


async def claim_due_customers(session: AsyncSession, now: datetime, limit: int) -> list[str]:
    """Customers whose scheduled evaluation is due, oldest first."""
    return list((await session.scalars(
        select(CustomerRow.id).where(CustomerRow.next_evaluation_at <= now)
        .order_by(CustomerRow.next_evaluation_at).limit(limit).with_for_update(skip_locked=True)
    )).all())


async def owners_after(session: AsyncSession, after: str | None, limit: int) -> dict[str, str | None]:
    """The next customers in id order, with their owners."""
    query = select(CustomerRow.id, CustomerRow.owner).order_by(CustomerRow.id).limit(limit)
    if after is not None:
        query = query.where(CustomerRow.id > after)
    return dict((await session.execute(query)).all())


async def customers_per(session: AsyncSession, column) -> dict[str | None, int]:
    """How many scored customers have each value of a score column (tier, quadrant)."""
    return dict((await session.execute(select(column, func.count()).group_by(column))).all())
