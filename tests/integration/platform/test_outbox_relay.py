"""The outbox relay against PostgreSQL and the broker: pipelined batches, each event once, in order."""

import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from services.feedback.models import Base
from services.feedback.settings import feedback_settings
from shared.db import Database
from shared.events.outbox import Outbox, OutboxRelay
from tests.support import EventCollector

MIGRATIONS = Path(__file__).resolve().parents[3] / "services" / "feedback" / "migrations"


def _closed(customer_id: str, number: int) -> tuple[str, str, dict]:
    return ("ticket-closed", customer_id, {
        "customer_id": customer_id, "ticket_id": f"T-{number:03d}", "priority": "P3", "tier": None,
        "closed_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"), "reason": "verified",
    })


async def test_pipelined_batches_publish_every_event_once_in_order(own_database, broker):
    settings = feedback_settings(
        database_url=own_database, kafka_bootstrap=broker.bootstrap,
        kafka_topic_prefix=f"relay-{uuid.uuid4().hex[:6]}.", outbox_batch_size=3, outbox_batches_per_lock=2,
    )
    db = Database(settings.effective_database_url, "feedback")
    await db.migrate(MIGRATIONS)
    outbox = Outbox(Base.metadata.tables["outbox"], "feedback")
    relay = OutboxRelay(db, outbox, settings, ["ticket-closed"])
    try:
        async with db.session() as session, session.begin():
            await outbox.append_many(session, [_closed("c-relay", n) for n in range(10)])
        async with EventCollector(broker.bootstrap, [settings.topic("ticket-closed")]) as events:
            # Two batches of three per hold of the lock, then the remaining three and one.
            assert [await relay.publish_batch() for _ in range(3)] == [6, 4, 0]
            received = await events.wait_for(lambda e: e["subject"] == "c-relay", count=10, timeout=30)
        assert [e["data"]["ticket_id"] for e in received] == [f"T-{n:03d}" for n in range(10)]
        table = outbox.table
        async with db.session() as session:
            waiting = await session.scalar(
                select(func.count()).select_from(table).where(table.c.published_at.is_(None)))
        assert waiting == 0
    finally:
        await relay.stop()
        await db.dispose()
