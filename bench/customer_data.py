"""Customers with 12 orders each, loaded as fast as PostgreSQL takes them, and the bare SQL
baselines the scoring benchmarks compare against."""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg

from services.segmentation.repository import aggregate_query
from shared.db import Database

MIGRATIONS = Path(__file__).resolve().parent.parent / "services" / "segmentation" / "migrations"
ORDERS_PER_CUSTOMER = 12


async def load_data(dsn: str, customers: int, seed: int = 7, now: datetime | None = None) -> None:
    """Customers and orders (up to 400 days before `now`) written with COPY."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    connection = await asyncpg.connect(dsn, server_settings={"search_path": "segmentation"})
    try:
        customer_rows = [
            (f"c{i:07d}", f"Customer {i}", "retail", "large",
             date(2015 + rng.randrange(10), 1 + rng.randrange(12), 1), rng.uniform(-10, 30),
             None, f"am-{i % 50}", now, now, now + timedelta(days=180))
            for i in range(customers)
        ]
        await connection.copy_records_to_table(
            "customers", records=customer_rows,
            columns=["id", "name", "industry", "size", "since", "growth_pct", "repurchase_rate",
                     "owner", "created_at", "updated_at", "next_evaluation_at"],
        )
        order_rows = []
        for i in range(customers):
            scale = rng.choice([2_000, 10_000, 40_000, 90_000])
            for j in range(ORDERS_PER_CUSTOMER):
                order_rows.append((f"o{i:07d}-{j:02d}", f"c{i:07d}",
                                   round(rng.uniform(0.2, 1.8) * scale, 2),
                                   now - timedelta(days=rng.uniform(1, 400))))
            if len(order_rows) >= 200_000:
                await connection.copy_records_to_table(
                    "orders", records=order_rows,
                    columns=["order_id", "customer_id", "amount", "ordered_at"])
                order_rows = []
        if order_rows:
            await connection.copy_records_to_table(
                "orders", records=order_rows, columns=["order_id", "customer_id", "amount", "ordered_at"])
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def baseline_aggregation(db: Database, as_of: datetime | None = None) -> float:
    """The bare set-based aggregation of every customer's orders, rows fetched."""
    started = time.perf_counter()
    async with db.engine.connect() as conn:
        result = await conn.execute(aggregate_query(as_of or datetime.now(UTC)))
        rows = result.fetchall()
    assert rows
    return time.perf_counter() - started


async def baseline_aggregation_and_write(dsn: str, as_of: datetime) -> float:
    """The bare SQL a month-end snapshot stands on: one GROUP BY over every customer's orders of the
    12 months to `as_of`, and one row per customer written to a logged table keyed like the
    snapshot's (customer, month), in one INSERT ... SELECT."""
    connection = await asyncpg.connect(dsn, server_settings={"search_path": "segmentation"})
    try:
        await connection.execute("DROP TABLE IF EXISTS bench_month_ends")
        await connection.execute("CREATE TABLE bench_month_ends (customer_id text, month date, "
                                 "value float8, amount float8, orders int, PRIMARY KEY (customer_id, month))")
        started = time.perf_counter()
        async with connection.transaction():
            await connection.execute("""
                INSERT INTO bench_month_ends
                SELECT c.id, $1::date, least(100, coalesce(sum(o.amount), 0) / 10000),
                       coalesce(sum(o.amount), 0), count(o.order_id)
                FROM customers c LEFT JOIN orders o
                  ON o.customer_id = c.id AND o.ordered_at > $2::timestamptz - interval '365 days'
                     AND o.ordered_at <= $2::timestamptz
                GROUP BY c.id
            """, as_of.date(), as_of)
        elapsed = time.perf_counter() - started
        await connection.execute("DROP TABLE bench_month_ends")
        return elapsed
    finally:
        await connection.close()
