"""Benchmark: rescoring N customers with 12 orders each, beside the bare SQL it stands on."""

from __future__ import annotations

import json
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg

from services.segmentation.models import Base
from services.segmentation.repository import SCORE_COLUMNS, UPSERT_SCORES_PG, aggregate_query
from services.segmentation.service.jobs import claim_job, create_job, run_job
from services.segmentation.service.scoring import seed_default_model
from services.segmentation.settings import segmentation_settings
from shared.app import ServiceContext
from shared.db import Database
from shared.events.outbox import Outbox

MIGRATIONS = Path(__file__).resolve().parent.parent / "services" / "segmentation" / "migrations"
ORDERS_PER_CUSTOMER = 12


async def load_data(dsn: str, customers: int, seed: int = 7) -> None:
    """Customers and orders written with COPY, as fast as PostgreSQL takes them."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
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


async def baseline_aggregation(db: Database) -> float:
    """The bare set-based aggregation of every customer's orders, rows fetched."""
    started = time.perf_counter()
    async with db.engine.connect() as conn:
        result = await conn.execute(aggregate_query(datetime.now(UTC)))
        rows = result.fetchall()
    assert rows
    return time.perf_counter() - started


async def baseline_aggregation_and_write(dsn: str) -> float:
    """Aggregation plus a bulk write of one score per customer, in plain SQL."""
    connection = await asyncpg.connect(dsn, server_settings={"search_path": "segmentation"})
    try:
        started = time.perf_counter()
        async with connection.transaction():
            await connection.execute("CREATE TEMP TABLE bench_scores (customer_id text primary key, "
                                     "value float, amount float, orders int) ON COMMIT DROP")
            await connection.execute("""
                INSERT INTO bench_scores
                SELECT c.id, least(100, coalesce(sum(o.amount), 0) / 10000), coalesce(sum(o.amount), 0),
                       count(o.order_id)
                FROM customers c LEFT JOIN orders o
                  ON o.customer_id = c.id AND o.ordered_at > now() - interval '365 days'
                GROUP BY c.id
            """)
        return time.perf_counter() - started
    finally:
        await connection.close()


WRITTEN_TABLES = {
    "scores": None,
    "score_history": ["customer_id", "value", "tier", "quadrant", "model_version", "reason", "computed_at"],
    "tier_history": ["customer_id", "from_tier", "to_tier", "reason", "score", "changed_at"],
    "outbox": ["event_id", "event_type", "message_key", "envelope", "created_at", "attempts"],
}


async def write_floor(dsn: str) -> dict:
    """What just writing the job's output costs: the rows the first job wrote (scores, history,
    tier changes, outbox events) read back untimed, then written again with the fastest bulk
    paths (one unnest upsert, COPY) into identical tables, plus the customers' next evaluation
    dates, in one committed transaction. No scoring, no JSON, no validation."""
    connection = await asyncpg.connect(dsn, server_settings={"search_path": "segmentation"})
    try:
        rows = {}
        for table, columns in WRITTEN_TABLES.items():
            if columns is None:
                columns = list(SCORE_COLUMNS)
            rows[table] = (columns, [tuple(r) for r in await connection.fetch(
                f"SELECT {', '.join(columns)} FROM {table}")])
        schedule = await connection.fetch("SELECT id, next_evaluation_at FROM customers")
        for table in WRITTEN_TABLES:
            await connection.execute(f"CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)")
        started = time.perf_counter()
        async with connection.transaction():
            columns, records = rows["scores"]
            arrays = [list(values) for values in zip(*records, strict=True)]
            arrays[columns.index("components")] = [json.dumps(c) if not isinstance(c, str) else c
                                                   for c in arrays[columns.index("components")]]
            await connection.execute(
                UPSERT_SCORES_PG.replace("INSERT INTO scores", "INSERT INTO floor_scores"), *arrays)
            for table in ("score_history", "tier_history", "outbox"):
                columns, records = rows[table]
                await connection.copy_records_to_table(f"floor_{table}", records=records, columns=columns)
            await connection.execute(
                "UPDATE customers c SET next_evaluation_at = u.at "
                "FROM unnest($1::text[], $2::timestamptz[]) AS u(id, at) WHERE c.id = u.id",
                [r[0] for r in schedule], [r[1] for r in schedule])
        elapsed = time.perf_counter() - started
        for table in WRITTEN_TABLES:
            await connection.execute(f"DROP TABLE floor_{table}")
        return {"seconds": round(elapsed, 3), "rows": {t: len(r[1]) for t, r in rows.items()}}
    finally:
        await connection.close()


async def service_rescore(db: Database) -> tuple[float, dict]:
    """The rescore job as the service runs it: scores, history, tier changes, outbox events."""
    settings = segmentation_settings(run_relay=False)
    ctx = ServiceContext(settings, db, Outbox(Base.metadata.tables["outbox"], "segmentation"),
                         {n: Base.metadata.tables[n] for n in ("outbox", "inbox", "idempotency_keys")})
    await seed_default_model(ctx)
    async with db.session() as session:
        job = await create_job(session, "job", "bench", datetime.now(UTC))
    worker = f"bench-{uuid.uuid4().hex[:6]}"
    started = time.perf_counter()
    assert await claim_job(ctx, worker, datetime.now(UTC)) == job.id
    await run_job(ctx, job.id, worker)
    elapsed = time.perf_counter() - started
    async with db.session() as session:
        from services.segmentation.models import RescoreJobRow

        done = await session.get(RescoreJobRow, job.id)
    return elapsed, {"processed": done.processed, "changed": done.changed,
                     "tier_changes": done.tier_changes, "status": done.status}


async def run(admin_dsn: str, customers: int) -> dict:
    name = f"crm_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(admin_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    base = admin_dsn.rsplit("/", 1)[0]
    dsn = f"{base}/{name}"
    db = Database(dsn.replace("postgresql://", "postgresql+asyncpg://"), "segmentation")
    try:
        await db.migrate(MIGRATIONS)
        started = time.perf_counter()
        await load_data(dsn, customers)
        load_seconds = time.perf_counter() - started
        aggregation = min([await baseline_aggregation(db) for _ in range(2)])
        aggregation_write = min([await baseline_aggregation_and_write(dsn) for _ in range(2)])
        service_seconds, job = await service_rescore(db)
        floor = await write_floor(dsn)
        steady_seconds, steady_job = await service_rescore(db)  # same data: nothing changes
        return {
            "customers": customers,
            "orders": customers * ORDERS_PER_CUSTOMER,
            "load_seconds": round(load_seconds, 2),
            "baseline_aggregation_seconds": round(aggregation, 3),
            "baseline_aggregation_and_write_seconds": round(aggregation_write, 3),
            "service_seconds": round(service_seconds, 3),
            "service_customers_per_second": round(customers / service_seconds),
            "baseline_customers_per_second": round(customers / aggregation),
            "ratio_to_aggregation": round(service_seconds / aggregation, 2),
            "ratio_to_aggregation_and_write": round(service_seconds / aggregation_write, 2),
            "job": job,
            "write_floor_seconds": floor["seconds"],
            "write_floor_rows": floor["rows"],
            "ratio_to_aggregation_and_write_floor": round(
                service_seconds / (aggregation + floor["seconds"]), 2),
            "steady_service_seconds": round(steady_seconds, 3),
            "steady_customers_per_second": round(customers / steady_seconds),
            "steady_ratio_to_aggregation": round(steady_seconds / aggregation, 2),
            "steady_job": steady_job,
        }
    finally:
        await db.dispose()
        admin = await asyncpg.connect(admin_dsn)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
