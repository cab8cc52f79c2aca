"""The migration that creates `order_months` fills it from the orders already stored, cut in the
business time zone, and records that zone; downgrade drops it (docs/design.md §9, "Order months").
On PostgreSQL, and on SQLite."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import table as sa_table
from sqlalchemy import text
from sqlalchemy.sql import column

from shared.db import Database
from tests.integration.segmentation.test_assignment_announcement_migration import _alembic

BEFORE = "ta_ticket_assignee"
ORDER_MONTHS = "om_order_months"

customers = sa_table("customers", *(column(c) for c in ("id", "name", "industry", "size", "growth_pct",
                                                        "created_at", "updated_at")))
orders = sa_table("orders", *(column(c) for c in ("order_id", "customer_id", "amount", "ordered_at")))


async def _fills_the_months_from_the_orders(url: str) -> None:
    created = datetime(2025, 1, 1, tzinfo=UTC)
    # 31 Jan 16:30 UTC is 1 Feb 00:30 in Shanghai: a February order.
    placed = [("o-1", "c-1", 100.25, datetime(2025, 1, 31, 16, 30, tzinfo=UTC)),
              ("o-2", "c-1", 200.50, datetime(2025, 1, 31, 15, 30, tzinfo=UTC)),
              ("o-3", "c-1", 300.00, datetime(2025, 1, 10, tzinfo=UTC)),
              ("o-4", "c-2", 50.00, datetime(2025, 2, 3, tzinfo=UTC))]
    db = Database(url, "segmentation")
    try:
        await _alembic(db, "upgrade", BEFORE)
        async with db.engine.begin() as conn:
            await conn.execute(customers.insert(), [
                {"id": c, "name": c, "industry": "retail", "size": "large", "growth_pct": 1.0,
                 "created_at": created, "updated_at": created} for c in ("c-1", "c-2", "c-3")])
            await conn.execute(orders.insert(), [
                {"order_id": o, "customer_id": c, "amount": a, "ordered_at": t} for o, c, a, t in placed])

        await _alembic(db, "upgrade", ORDER_MONTHS)
        async with db.engine.connect() as conn:
            rows = (await conn.execute(text(
                "SELECT customer_id, month, orders, amount, last_order_at FROM order_months"))).all()
            zone = (await conn.execute(text("SELECT zone FROM order_months_zone"))).scalar_one()
        months = {(r[0], r[1] if isinstance(r[1], date) else date.fromisoformat(r[1])):
                  (r[2], float(r[3]), r[4] if isinstance(r[4], datetime) else datetime.fromisoformat(r[4]))
                  for r in rows}
        months = {key: (n, amount, at.replace(tzinfo=UTC) if at.tzinfo is None else at)
                  for key, (n, amount, at) in months.items()}
        assert zone == "Asia/Shanghai"
        assert months == {
            ("c-1", date(2025, 2, 1)): (1, 100.25, placed[0][3]),
            ("c-1", date(2025, 1, 1)): (2, 500.50, placed[1][3]),
            ("c-2", date(2025, 2, 1)): (1, 50.0, placed[3][3]),
        }

        await _alembic(db, "downgrade", BEFORE)
        async with db.engine.connect() as conn:
            tables = await conn.run_sync(lambda sync: sync.dialect.get_table_names(sync, schema=db.schema)
                                         if db.is_postgres else sync.dialect.get_table_names(sync))
        assert "order_months" not in tables and "order_months_zone" not in tables
    finally:
        await db.dispose()


async def test_existing_orders_fill_their_months(each_database):
    await _fills_the_months_from_the_orders(each_database)
