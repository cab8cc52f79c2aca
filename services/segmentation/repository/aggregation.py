"""Set-based aggregation of what scores a customer (orders and P1 complaints over 12 months, the
top-30% line, monthly spending, last activity), for one customer, a batch or everyone."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, and_, bindparam, case, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation.domain.evaluation import CustomerFacts
from services.segmentation.domain.quadrants import share_in_basis_points
from services.segmentation.models import (
    ComplaintRow,
    CustomerRow,
    InteractionRow,
    OrderMonthRow,
    OrderRow,
    ScoreRow,
)
from services.segmentation.repository.scores import SCORE_STATE_COLUMNS
from shared.business_time import DEFAULT_BUSINESS_TIMEZONE, local_date, start_of_month, zone_named
from shared.db import HotStatement, as_utc, ids_match, is_postgres

YEAR = timedelta(days=365)


def month_starts(as_of: datetime, zone: ZoneInfo) -> list[datetime]:
    """The starts of the 12 business months up to `as_of`'s, oldest first."""
    return [start_of_month(as_of, zone, -k) for k in range(11, -1, -1)]


def month_of_order(as_of: datetime, zone: ZoneInfo):
    """Which business month of the 12-month window an order falls in (0 = the 13th month back,
    12 = the month of `as_of`): comparisons with the month starts, no per-row date arithmetic
    (extracting year and month per order made the aggregation twice as slow)."""
    return _month_index(month_starts(as_of, zone))


def _month_index(starts: list) -> case:
    return case(*[(OrderRow.ordered_at < start, index) for index, start in enumerate(starts)], else_=12)


def aggregate_query(
    as_of: datetime, customer_ids: list[str] | None = None, *, postgres: bool = False,
    id_range: tuple[str | None, str] | None = None, with_scores: bool = False,
    zone: ZoneInfo | None = None, from_order_months: bool = False,
):
    """One GROUP BY over orders (and one over P1 complaints) for a set of customers, or all.

    `id_range` (after, last) selects the customers with after < id <= last: a batch of a job
    in id order, read by index range without any list of ids. Months with an order (the default
    L input) are business months (`zone`, the business time zone by default). With
    `from_order_months` the orders are read as their business months (`order_months`, cut in
    `zone`), the same facts from about a dozen rows per customer (orders_by_month)."""
    zone = zone or zone_named(DEFAULT_BUSINESS_TIMEZONE)

    def selected(customer_column) -> list:
        """The customers asked for, as conditions on a table's customer column."""
        conditions = []
        if customer_ids is not None:
            # Filter inside the groupings too: the planner does not carry an IN list across the join.
            conditions.append(ids_match(customer_column, customer_ids, postgres))
        if id_range is not None:
            conditions.extend(in_range(customer_column, *id_range))
        return conditions

    if from_order_months:
        orders = orders_by_month(as_of, zone, selected)
    else:
        orders = _orders_in_window(as_of, as_of - YEAR, month_of_order(as_of, zone), selected)
    return _facts_query(orders, as_of - YEAR, selected, with_scores=with_scores)


def _orders_in_window(as_of, window_start, month_key, selected):
    """Each selected customer's last order and its orders, amount and months with an order in
    (window_start, as_of]."""
    in_window = and_(OrderRow.ordered_at > window_start, OrderRow.ordered_at <= as_of)
    return (
        select(
            OrderRow.customer_id.label("customer_id"),
            func.max(case((OrderRow.ordered_at <= as_of, OrderRow.ordered_at))).label("last_order_at"),
            func.count().filter(in_window).label("orders_12m"),
            func.coalesce(func.sum(OrderRow.amount).filter(in_window), 0).label("amount_12m"),
            func.count(func.distinct(case((in_window, month_key)))).label("months_12m"),
        )
        .where(*selected(OrderRow.customer_id))
        .group_by(OrderRow.customer_id)
    )


def _facts_query(orders, window_start, selected, *, with_scores: bool):
    """The selected customers' profile facts beside their order facts and P1 complaints."""
    complaints = (
        select(ComplaintRow.customer_id.label("customer_id"), func.count().label("p1"))
        .where(ComplaintRow.priority == "P1", ComplaintRow.opened_at > window_start,
               *selected(ComplaintRow.customer_id))
        .group_by(ComplaintRow.customer_id)
    )
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
        # The current score beside the facts (SCORE_STATE_COLUMNS after the ten fact columns); the
        # selected customers' only: joined whole, every batch would read every score.
        scores = select(*SCORE_STATE_COLUMNS, ScoreRow.computed_at).where(
            *selected(ScoreRow.customer_id)).subquery()
        query = query.add_columns(*list(scores.c)[1:]).outerjoin(
            scores, scores.c.customer_id == CustomerRow.id)
    return query.where(*selected(CustomerRow.id)).order_by(CustomerRow.id)


def _one_customer_facts() -> HotStatement:
    """aggregate_query of one customer with its times as parameters (customer_id, as_of,
    window_start, month_0..month_11): built and compiled once, not on every recorded order."""
    def selected(customer_column) -> list:
        return [customer_column == bindparam("customer_id")]

    window_start = bindparam("window_start")
    month_key = _month_index([bindparam(f"month_{k}") for k in range(12)])
    orders = _orders_in_window(bindparam("as_of"), window_start, month_key, selected)
    return HotStatement(_facts_query(orders, window_start, selected, with_scores=False))


_ONE_CUSTOMER_FACTS = _one_customer_facts()


def orders_by_month(as_of: datetime, zone: ZoneInfo, selected):
    """aggregate_query's order facts from `order_months`: the business months wholly inside the
    12-month window (as_of - 365 days, as_of] read as one row each, and only the orders of a month
    the window cuts read one by one. A month-end snapshot's window is whole months (but across a
    29 February, when the first day of its first month falls out), so it reads no single order.

    Equal to the orders' own aggregation: a month with an order counts once, the window's months
    are business months, the last order is the latest up to as_of."""
    window = _WindowMonths(as_of, zone)
    first_month, after_month = window.first_month, window.after_month
    months = OrderMonthRow.__table__.c
    in_window = months.month >= first_month
    parts = [
        select(
            months.customer_id.label("customer_id"),
            func.max(months.last_order_at).label("last_order_at"),
            func.coalesce(func.sum(months.orders).filter(in_window), 0).label("orders_12m"),
            func.coalesce(func.sum(months.amount).filter(in_window), 0).label("amount_12m"),
            func.count().filter(in_window).label("months_12m"),
        )
        .where(months.month < after_month, *selected(months.customer_id))
        .group_by(months.customer_id)
    ]
    for after, before in window.cut_months:
        parts.append(
            select(
                OrderRow.customer_id.label("customer_id"),
                func.max(OrderRow.ordered_at).label("last_order_at"),
                func.count().label("orders_12m"),
                func.sum(OrderRow.amount).label("amount_12m"),
                literal(1).label("months_12m"),
            )
            .where(OrderRow.ordered_at > after, OrderRow.ordered_at <= before,
                   *selected(OrderRow.customer_id))
            .group_by(OrderRow.customer_id)
        )
    if len(parts) == 1:
        return parts[0]
    both = union_all(*parts).subquery()
    return select(
        both.c.customer_id,
        func.max(both.c.last_order_at).label("last_order_at"),
        func.sum(both.c.orders_12m).label("orders_12m"),
        func.sum(both.c.amount_12m).label("amount_12m"),
        func.sum(both.c.months_12m).label("months_12m"),
    ).group_by(both.c.customer_id)


_INSTANT = timedelta(microseconds=1)  # the resolution of stored times


class _WindowMonths:
    """The 12-month window (as_of - 365 days, as_of] as business months: those wholly inside it
    (first_month <= month < after_month) and the time ranges (after, before] of the months it cuts,
    if any: its first (its start is not a month's) and as_of's own (as_of is not a month's end)."""

    def __init__(self, as_of: datetime, zone: ZoneInfo) -> None:
        window_start = as_of - YEAR
        first_whole = start_of_month(window_start, zone, 1)  # the first month starting inside it
        after_whole = start_of_month(as_of + _INSTANT, zone)  # the first month not ended by as_of
        self.first_month, self.after_month = local_date(first_whole, zone), local_date(after_whole, zone)
        self.cut_months = [(after, before) for after, before in (
            (window_start, first_whole - _INSTANT), (after_whole - _INSTANT, as_of)) if before > after]


def amounts_by_month(as_of: datetime, zone: ZoneInfo):
    """Each customer's order amount of the 12 months to `as_of` (customers with none left out), from
    `order_months`: the whole months one row each, the cut months from their orders."""
    window = _WindowMonths(as_of, zone)
    months = OrderMonthRow.__table__.c
    parts = [select(months.customer_id.label("customer_id"), months.amount.label("amount"))
             .where(months.month >= window.first_month, months.month < window.after_month)]
    for after, before in window.cut_months:
        parts.append(select(OrderRow.customer_id, OrderRow.amount)
                     .where(OrderRow.ordered_at > after, OrderRow.ordered_at <= before))
    amounts = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    total = func.sum(amounts.c.amount)
    return select(total.label("amount")).group_by(amounts.c.customer_id).having(total > 0)


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
    if len(customer_ids) == 1:  # an order's or a request's rescore: the prebuilt statement
        zone = zone or zone_named(DEFAULT_BUSINESS_TIMEZONE)
        values = {"customer_id": customer_ids[0], "as_of": as_of, "window_start": as_of - YEAR}
        values.update((f"month_{k}", start) for k, start in enumerate(month_starts(as_of, zone)))
        return [to_facts(r) for r in await _ONE_CUSTOMER_FACTS.fetch(session, values)]
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


def _top_share_line(active):
    """The smallest 12-month amount inside the top share of the `active` customers' amounts, in one
    statement (domain/quadrants.high_value_threshold, computed where the orders are)."""
    ranked = select(
        active.c.amount,
        func.row_number().over(order_by=active.c.amount.desc()).label("rank"),
        func.count().over().label("active_customers"),
    ).subquery()
    top = ranked.c.active_customers * bindparam("share_bp", type_=Integer) // 10_000
    return select(ranked.c.amount).where(ranked.c.rank == case((top < 1, 1), else_=top))


def _high_value_line_query():
    amount = func.sum(OrderRow.amount)
    return _top_share_line(
        select(amount.label("amount"))
        .where(OrderRow.ordered_at > bindparam("window_start"), OrderRow.ordered_at <= bindparam("as_of"))
        .group_by(OrderRow.customer_id).having(amount > 0)
        .cte("active")
    )


HIGH_VALUE_LINE = _high_value_line_query()


async def high_value_line(
    session: AsyncSession, as_of: datetime, share: float, zone: ZoneInfo | None = None
) -> float | None:
    """The top-share line of 12-month amounts as of `as_of`; with `zone`, read from the orders'
    business months cut in that zone (`order_months`) instead of every order."""
    share_bp = share_in_basis_points(share)
    if zone is None:
        line = await session.scalar(HIGH_VALUE_LINE, {
            "window_start": as_of - YEAR, "as_of": as_of, "share_bp": share_bp})
    else:
        line = await session.scalar(_top_share_line(amounts_by_month(as_of, zone).cte("active")),
                                    {"share_bp": share_bp})
    return float(line) if line is not None else None


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
