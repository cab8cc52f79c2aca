"""Benchmark: the monthly snapshot of N customers (12 orders each) with 5% of scores changed,
beside the bare SQL it stands on (one GROUP BY + one row per customer), in the same run.

Setup (untimed): customers and orders, then every customer's current score as of the month end
as the service computes it (array scoring, written in bulk), then new orders for 5% of the
customers within the month: their month-end score moves; then the orders per customer and
business month built from the orders (the service's rebuild after a bulk load). The timed run is
the service's own snapshot of that month (services/segmentation/service/snapshots.py), set-based
per batch: one aggregation of the orders' business months read ahead of the batch being written,
array scoring; for the customers whose score moved one UPDATE ... FROM unnest of their scores, one
COPY of their history rows and one of their score-updated events; then the month-end rows copied
inside the database from the current scores
(only the scores computed after the month's end are sent from the process).

The customer count is BENCH_CUSTOMERS (1,000,000 by default; `python -m bench.snapshot 20000`
runs this benchmark alone at that size and prints its figures).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import asyncpg

from bench.common import fresh_database, sqlalchemy_url
from bench.customer_data import (
    MIGRATIONS,
    ORDERS_PER_CUSTOMER,
    baseline_aggregation,
    baseline_aggregation_and_write,
    load_data,
)
from services.segmentation import repository, snapshot_repository
from services.segmentation.domain.batch_scoring import BatchFacts, score_many
from services.segmentation.models import Base
from services.segmentation.service.policy import seed_default_policy
from services.segmentation.service.scoring import active_model, high_value_line, seed_default_model
from services.segmentation.service.snapshots import snapshot_month
from services.segmentation.settings import segmentation_settings
from shared.app import PLATFORM_TABLE_NAMES, ServiceContext, freeze_start_up_heap
from shared.business_time import month_bounds, month_of, zone_named
from shared.db import Database
from shared.events.outbox import Outbox

CHANGED_SHARE = 0.05
SEARCH_PATH = {"search_path": "segmentation"}


def _context(db: Database) -> ServiceContext:
    tables = {name: Base.metadata.tables[name] for name in PLATFORM_TABLE_NAMES}
    return ServiceContext(segmentation_settings(run_relay=False), db,
                          Outbox(tables["outbox"], "segmentation"), tables)


async def _current_scores_as_of(ctx: ServiceContext, dsn: str, as_of: datetime, batch: int = 50_000) -> None:
    """Every customer's score as of `as_of`, as the service computes it, written in bulk (setup)."""
    async with ctx.db.session() as session:
        model = await active_model(session)
        line = await high_value_line(session, as_of)
    connection = await asyncpg.connect(dsn, server_settings=SEARCH_PATH)
    try:
        after = None
        while True:
            async with ctx.db.session() as session:
                last = await snapshot_repository.batch_end(session, after, batch)
                if last is None:
                    return
                rows = await snapshot_repository.snapshot_inputs(session, as_of, after, last)
            after = last
            facts = BatchFacts.from_rows([(r[5], r[6], r[7], r[8], r[3], r[4], r[2], r[9]) for r in rows])
            scores = score_many(facts, model, line, as_of)
            await connection.execute(
                repository.UPSERT_SCORES_PG,
                [r[0] for r in rows], scores.values, scores.tiers, scores.tiers, scores.quadrants,
                [model.version] * len(rows), ["{}"] * len(rows), [float(r[7]) for r in rows],
                [int(r[6]) for r in rows], [r[5] for r in rows], [as_of] * len(rows))
    finally:
        await connection.close()


async def _orders_for_a_share(dsn: str, customers: int, at: datetime) -> int:
    """One large order inside the month for every 20th customer: their month-end score moves."""
    every = round(1 / CHANGED_SHARE)
    records = [(f"n{i:07d}", f"c{i:07d}", 250_000.0, at) for i in range(0, customers, every)]
    connection = await asyncpg.connect(dsn, server_settings=SEARCH_PATH)
    try:
        await connection.copy_records_to_table(
            "orders", records=records, columns=["order_id", "customer_id", "amount", "ordered_at"])
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return len(records)


async def _fill_order_months(ctx: ServiceContext, dsn: str) -> None:
    """The orders per customer and business month, built from the orders COPY wrote, as the service
    does after a bulk load or a change of time zone (repository.rebuild_order_months; the migration
    runs the same statement), then analysed like the orders."""
    async with ctx.db.session() as session, session.begin():
        await repository.rebuild_order_months(session, ctx.clock.zone)
    connection = await asyncpg.connect(dsn, server_settings=SEARCH_PATH)
    try:
        await connection.execute("ANALYZE order_months")
    finally:
        await connection.close()


async def _count(dsn: str, query: str) -> int:
    connection = await asyncpg.connect(dsn, server_settings=SEARCH_PATH)
    try:
        return int(await connection.fetchval(query))
    finally:
        await connection.close()


async def run(customers: int) -> dict:
    zone = zone_named("Asia/Shanghai")
    month = month_of(datetime.now(UTC) - timedelta(days=40), zone)
    start, end = month_bounds(month, zone)
    as_of = end - timedelta(microseconds=1)
    async with fresh_database() as dsn:
        db = Database(sqlalchemy_url(dsn), "segmentation")
        try:
            await db.migrate(MIGRATIONS)
            ctx = _context(db)
            await seed_default_model(ctx)
            await seed_default_policy(ctx)
            freeze_start_up_heap()  # as a service's start does, before any work
            started = time.perf_counter()
            await load_data(dsn, customers, now=end - timedelta(days=3))
            await _current_scores_as_of(ctx, dsn, as_of)
            changed_customers = await _orders_for_a_share(dsn, customers, end - timedelta(days=2))
            await _fill_order_months(ctx, dsn)
            setup_seconds = time.perf_counter() - started
            aggregation = min([await baseline_aggregation(db, as_of) for _ in range(2)])
            baseline = min([await baseline_aggregation_and_write(dsn, as_of) for _ in range(2)])
            started = time.perf_counter()
            outcome = await snapshot_month(ctx, start, end, datetime.now(UTC))
            service_seconds = time.perf_counter() - started
            rows = await _count(dsn, "SELECT count(*) FROM monthly_scores")
            events = await _count(dsn, "SELECT count(*) FROM outbox")
        finally:
            await db.dispose()
    return {
        "customers": customers,
        "orders": customers * ORDERS_PER_CUSTOMER + changed_customers,
        "month": month,
        "setup_seconds": round(setup_seconds, 2),
        "customers_with_new_orders": changed_customers,
        "baseline_aggregation_seconds": round(aggregation, 3),
        "baseline_aggregation_and_write_seconds": round(baseline, 3),
        "service_seconds": round(service_seconds, 3),
        "service_customers_per_second": round(customers / service_seconds),
        "ratio_to_aggregation_and_write": round(service_seconds / baseline, 2),
        "outcome": outcome,
        "month_end_rows": rows,
        "outbox_events": events,
    }


if __name__ == "__main__":
    import asyncio
    import json
    import sys

    print(json.dumps(asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)), indent=2))
