"""`order_months`: each customer's orders per business month (count, amount, last order time),
kept beside the orders so the monthly snapshot reads a dozen small rows per customer instead of
every order (docs/design.md §9, "Order months")."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, case, delete, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation.models import OrderMonthRow, OrderMonthZoneRow, OrderRow
from shared.business_time import local_date
from shared.db import HotStatement, PerDialect, as_utc, is_postgres

_MONTHS = OrderMonthRow.__table__


def _add_to_months(insert):
    """Add to a customer's month, creating it if new: one statement that two replicas recording
    orders of the same customer and month at once both apply (the second waits for the first's
    row lock, then adds to what it committed)."""
    statement = insert(_MONTHS)
    new = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[_MONTHS.c.customer_id, _MONTHS.c.month],
        set_={
            "orders": _MONTHS.c.orders + new.orders,
            "amount": _MONTHS.c.amount + new.amount,
            "last_order_at": case((new.last_order_at > _MONTHS.c.last_order_at, new.last_order_at),
                                  else_=_MONTHS.c.last_order_at),
        },
    )


_ADD_TO_MONTHS = PerDialect(_add_to_months)
# One order recorded (the API's usual call): the same upsert prebuilt, run on the driver.
_ADD_TO_MONTH_PG = HotStatement(_add_to_months(pg_insert).values(
    {name: bindparam(name) for name in ("customer_id", "month", "orders", "amount", "last_order_at")}))


def business_month(moment: datetime, zone: ZoneInfo) -> date:
    """The 1st of the business month an order falls in."""
    return local_date(moment, zone).replace(day=1)


def months_of(orders: Iterable[dict], zone: ZoneInfo) -> list[dict]:
    """The orders summed per customer and business month, as rows to add."""
    months: dict[tuple[str, date], dict] = {}
    for order in orders:
        at = as_utc(order["ordered_at"])
        key = (order["customer_id"], business_month(at, zone))
        found = months.get(key)
        if found is None:
            months[key] = {"customer_id": key[0], "month": key[1], "orders": 1,
                           "amount": Decimal(str(order["amount"])), "last_order_at": at}
        else:
            found["orders"] += 1
            found["amount"] += Decimal(str(order["amount"]))
            found["last_order_at"] = max(found["last_order_at"], at)
    return list(months.values())


async def add_orders_to_months(session: AsyncSession, orders: list[dict], zone: ZoneInfo) -> None:
    """Count newly stored orders in their customers' months, in the transaction that stores them.
    Rows in key order: two transactions adding to the same months lock them in the same order."""
    rows = sorted(months_of(orders, zone), key=lambda r: (r["customer_id"], r["month"]))
    if len(rows) == 1 and is_postgres(session):
        await _ADD_TO_MONTH_PG.execute(session, rows[0])
    elif rows:
        await session.execute(_ADD_TO_MONTHS.for_session(session), rows)


# One statement per range of customers: each stays well inside the driver's command timeout
# however many orders there are (12 million orders in one GROUP BY took more than a minute).
REBUILD_CUSTOMERS_PER_STATEMENT = 50_000
_RANGE_END_PG = """
SELECT max(id) FROM (SELECT id FROM customers WHERE id > :after ORDER BY id LIMIT :customers) AS ids
"""
REBUILD_RANGE_PG = """
INSERT INTO order_months (customer_id, month, orders, amount, last_order_at)
SELECT customer_id, date_trunc('month', ordered_at AT TIME ZONE :zone)::date, count(*), sum(amount),
       max(ordered_at)
FROM orders WHERE customer_id > :after AND customer_id <= :last
GROUP BY 1, 2
"""


async def rebuild_order_months(session: AsyncSession, zone: ZoneInfo) -> None:
    """Every customer's months cut again from the orders in `zone`, and the zone recorded: after a
    change of the business time zone, or a bulk load of orders written straight to the table.
    On PostgreSQL the orders are locked against new ones until the caller commits."""
    await session.execute(delete(_MONTHS))
    await session.execute(delete(OrderMonthZoneRow))
    if is_postgres(session):
        await session.execute(text("LOCK TABLE orders IN SHARE MODE"))
        after = ""
        while (last := await session.scalar(text(_RANGE_END_PG), {
                "after": after, "customers": REBUILD_CUSTOMERS_PER_STATEMENT})) is not None:
            await session.execute(text(REBUILD_RANGE_PG), {"zone": zone.key, "after": after, "last": last})
            after = last
    else:
        orders = await session.execute(select(OrderRow.customer_id, OrderRow.amount, OrderRow.ordered_at))
        rows = months_of(({"customer_id": c, "amount": a, "ordered_at": t} for c, a, t in orders.all()),
                         zone)
        if rows:
            await session.execute(_MONTHS.insert(), rows)
    session.add(OrderMonthZoneRow(zone=zone.key))


async def order_months_zone(session: AsyncSession, for_rebuild: bool = False) -> str | None:
    """The time zone `order_months` is cut in (None: not built). `for_rebuild`: replicas starting
    together check it one after the other (PostgreSQL; readers are not held up)."""
    if for_rebuild and is_postgres(session):
        await session.execute(text("LOCK TABLE order_months_zone IN EXCLUSIVE MODE"))
    return await session.scalar(select(OrderMonthZoneRow.zone))
