"""The data migration that announces every existing customer's owner and team: customers in the
shape of the revision before (no outbox rows), upgrade, one `customer-assigned` per customer in the
outbox, valid against its schema (docs/design.md §11). On PostgreSQL, and on SQLite."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy import table as sa_table
from sqlalchemy.sql import column

from shared.db import Database, alembic_config
from shared.events.envelope import parse_event

MIGRATIONS = Path(__file__).resolve().parents[3] / "services" / "segmentation" / "migrations"
BEFORE = "i14b_audit_segmentation"  # the revision before the announcement
ANNOUNCE = "bf_announce_existing_assignments"

# Customers as the revision before stores them, written directly (no service, so no event).
customers = sa_table(
    "customers",
    *(
        column(c)
        for c in ("id", "name", "industry", "size", "growth_pct", "owner", "team", "created_at", "updated_at")
    ),
)


async def _alembic(db: Database, step: str, revision: str) -> None:
    def run(sync_connection) -> None:
        config = alembic_config(MIGRATIONS)
        config.attributes["connection"] = sync_connection
        getattr(command, step)(config, revision)

    async with db.engine.begin() as conn:
        if db.is_postgres:
            await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{db.schema}"'))
        await conn.run_sync(run)


def _customer(customer_id: str, owner: str | None, team: str | None) -> dict:
    now = datetime(2025, 6, 1, tzinfo=UTC)
    return {
        "id": customer_id,
        "name": "上海精密机械有限公司",
        "industry": "manufacturing",
        "size": "large",
        "growth_pct": 4.0,
        "owner": owner,
        "team": team,
        "created_at": now,
        "updated_at": now,
    }


async def _announces_every_customer_once(url: str) -> None:
    expected = {
        "c-owned": ("am-1", "east"),
        "c-owner-only": ("am-2", None),
        "c-team-only": (None, "west"),
        "c-unassigned": (None, None),
    }
    # More than one batch of 1000, so the pages join without a gap or an overlap.
    expected |= {f"c-bulk-{i:05d}": (f"am-{i % 7}", "north" if i % 3 else None) for i in range(2345)}
    db = Database(url, "segmentation")
    try:
        await _alembic(db, "upgrade", BEFORE)
        async with db.engine.begin() as conn:
            await conn.execute(customers.insert(), [_customer(c, *a) for c, a in expected.items()])
            assert (await conn.execute(text("SELECT count(*) FROM outbox"))).scalar_one() == 0

        await _alembic(db, "upgrade", ANNOUNCE)
        async with db.engine.connect() as conn:
            version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
            assert version == ANNOUNCE
            rows = (
                await conn.execute(
                    text(
                        "SELECT event_id, event_type, message_key, envelope, published_at, attempts"
                        " FROM outbox"
                    )
                )
            ).all()
        assert len(rows) == len(expected)
        announced = {}
        for row in rows:
            event = parse_event(row.envelope)  # envelope and data valid against their schemas
            assert (row.event_type, event.type) == ("customer-assigned", "customer-assigned")
            assert row.event_id == event.id
            assert row.message_key == event.subject == event.data["customer_id"]
            assert event.source == "/crm/segmentation"
            assert row.published_at is None and row.attempts == 0
            assert event.data["previous_owner"] is None and event.data["previous_team"] is None
            assert "上海" not in row.envelope  # the customer's name stays out of the event
            assert event.data["customer_id"] not in announced
            announced[event.data["customer_id"]] = (event.data["owner"], event.data["team"])
        assert announced == expected
        assert json.loads(rows[0].envelope)["data"]["assigned_at"]

        # Nothing to undo going back; a second run announces again, which consumers apply as an upsert.
        await _alembic(db, "downgrade", BEFORE)
        await _alembic(db, "upgrade", ANNOUNCE)
        async with db.engine.connect() as conn:
            counts = dict(
                (
                    await conn.execute(
                        select(column("message_key"), func.count())
                        .select_from(text("outbox"))
                        .group_by(column("message_key"))
                    )
                ).all()
            )
        assert counts == dict.fromkeys(expected, 2)
    finally:
        await db.dispose()


async def test_existing_customers_are_announced(each_database):
    await _announces_every_customer_once(each_database)


async def test_the_announcement_reaches_another_services_projection(own_database, broker):
    """After the upgrade the relay publishes the announcements and feedback, consuming them from the
    broker, knows the owner and team of a customer that existed before (and of one with no owner)."""
    from services.feedback.app import create_app as create_feedback_app
    from services.feedback.settings import feedback_settings
    from services.segmentation.app import create_app as create_segmentation_app
    from services.segmentation.settings import segmentation_settings
    from tests.support import TEST_JWT_SECRET, eventually, running_service

    db = Database(own_database, "segmentation")
    try:
        await _alembic(db, "upgrade", BEFORE)
        async with db.engine.begin() as conn:
            await conn.execute(
                customers.insert(), [_customer("c-old", "am-old", "east"), _customer("c-nobody", None, None)]
            )
        await _alembic(db, "upgrade", "head")
    finally:
        await db.dispose()

    platform = {
        "database_url": own_database,
        "kafka_bootstrap": broker.bootstrap,
        "kafka_topic_prefix": "announce.",
        "jwt_secret": TEST_JWT_SECRET,
    }
    feedback_db = Database(own_database, "feedback")

    async def projection() -> dict:
        async with feedback_db.engine.connect() as conn:
            rows = await conn.execute(text("SELECT customer_id, owner, team FROM customer_access"))
            return {row.customer_id: (row.owner, row.team) for row in rows}

    try:
        async with (
            running_service(create_feedback_app(feedback_settings(**platform))),
            running_service(create_segmentation_app(segmentation_settings(**platform))),
        ):
            expected = {"c-old": ("am-old", "east"), "c-nobody": (None, None)}
            await eventually(lambda: _equals(projection(), expected), timeout=60)
    finally:
        await feedback_db.dispose()


async def _equals(found, expected) -> bool:
    return await found == expected
