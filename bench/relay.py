"""Benchmark: the outbox relay draining N stored events to the broker, beside aiokafka producing
the same messages directly (same producer settings: acks=all, linger 2 ms, 512 KiB batches).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from aiokafka import AIOKafkaProducer

from bench.common import fresh_database, size, sqlalchemy_url
from services.feedback.models import Base
from services.feedback.settings import feedback_settings
from shared.db import Database
from shared.events.outbox import OUTBOX_COLUMNS, Outbox, OutboxRelay
from shared.events.topics import ensure_topics

MIGRATIONS = Path(__file__).resolve().parent.parent / "services" / "feedback" / "migrations"
EVENT_TYPE = "ticket-created"


def _envelope(number: int, now: datetime) -> tuple[str, str, str]:
    event_id = str(uuid.uuid4())
    customer = f"c{number % 20000:07d}"
    stamp = now.isoformat().replace("+00:00", "Z")
    envelope = json.dumps({
        "specversion": "1.0", "id": event_id, "source": "/crm/feedback", "type": EVENT_TYPE,
        "time": stamp, "subject": customer, "datacontenttype": "application/json",
        "dataschema": f"https://crm-care.dev/schemas/{EVENT_TYPE}.json",
        "data": {"customer_id": customer, "ticket_id": str(uuid.uuid4()), "priority": "P2",
                 "tier": "Key", "channel": "phone", "type": "complaint", "category": "billing",
                 "team": "billing-care", "first_response_due": stamp, "resolution_due": stamp,
                 "created_at": stamp},
    }, separators=(",", ":"))
    return event_id, customer, envelope


async def run(bootstrap: str) -> dict:
    count = int(size("RELAY_EVENTS", 50_000, 5_000))
    now = datetime.now(UTC)
    messages = [_envelope(i, now) for i in range(count)]
    async with fresh_database() as dsn:
        settings = feedback_settings(database_url=sqlalchemy_url(dsn), kafka_bootstrap=bootstrap,
                                     kafka_topic_prefix=f"relay-{uuid.uuid4().hex[:6]}-")
        db = Database(settings.effective_database_url, "feedback")
        try:
            await db.migrate(MIGRATIONS)
            connection = await asyncpg.connect(dsn, server_settings={"search_path": "feedback"})
            try:
                await connection.copy_records_to_table(
                    "outbox", records=[(e, EVENT_TYPE, k, v, now, 0) for e, k, v in messages],
                    columns=OUTBOX_COLUMNS)
                await connection.execute("ANALYZE outbox")
            finally:
                await connection.close()
            relay = OutboxRelay(db, Outbox(Base.metadata.tables["outbox"], "feedback"), settings,
                                [EVENT_TYPE])
            await relay._producer()  # connected and topics made before the clock starts
            started = time.perf_counter()
            published = batches = 0
            while (done := await relay.publish_batch()) > 0:
                published += done
                batches += 1
            relay_seconds = time.perf_counter() - started
            await relay.stop()
        finally:
            await db.dispose()
    direct_settings = feedback_settings(kafka_bootstrap=bootstrap,
                                        kafka_topic_prefix=f"direct-{uuid.uuid4().hex[:6]}-")
    await ensure_topics(direct_settings, [EVENT_TYPE])
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False,
                                linger_ms=2, max_batch_size=512 * 1024, request_timeout_ms=10000)
    await producer.start()
    try:
        topic = direct_settings.topic(EVENT_TYPE)
        await (await producer.send(topic, value=b"warm-up", key=b"warm-up"))
        started = time.perf_counter()
        futures = [await producer.send(topic, value=v.encode(), key=k.encode()) for _, k, v in messages]
        await asyncio.gather(*futures)
        direct_seconds = time.perf_counter() - started
    finally:
        await producer.stop()
    assert published == count, f"the relay published {published} of {count}"
    return {
        "events": count,
        "batch_size": settings.outbox_batch_size,
        "batches": batches,
        "batches_per_lock": settings.outbox_batches_per_lock,
        "relay_seconds": round(relay_seconds, 3),
        "relay_per_s": round(count / relay_seconds),
        "direct_seconds": round(direct_seconds, 3),
        "direct_per_s": round(count / direct_seconds),
        "ratio": round(direct_seconds / relay_seconds, 3),
        "envelope_bytes": len(messages[0][2]),
    }
