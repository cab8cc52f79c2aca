"""Outbox, idempotent consumer and dead letters, with the real broker and PostgreSQL."""

import asyncio
import json
import uuid
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select, text

from services.segmentation.app import create_app
from services.segmentation.models import ComplaintRow
from services.segmentation.settings import segmentation_settings
from shared.events.consumer import EventConsumer
from shared.events.envelope import new_event
from shared.metrics import EVENTS_DEAD_LETTERED
from tests.integration.segmentation.helpers import ACCOUNT_MANAGER, create_customer, new_id
from tests.support import Broker, EventCollector, eventually, running_service


async def _unpublished(ctx) -> int:
    table = ctx.outbox.table
    async with ctx.db.session() as session:
        return await session.scalar(
            select(func.count()).select_from(table).where(table.c.published_at.is_(None))
        )


async def test_events_wait_in_the_outbox_while_the_broker_is_down(platform_config):
    broker = Broker()
    broker.start()
    config = {**platform_config, "kafka_bootstrap": broker.bootstrap}
    app = create_app(segmentation_settings(**config, run_workers=False))
    try:
        async with running_service(app) as seg:
            ctx = app.state.ctx
            ids = [new_id("down") for _ in range(5)]
            for customer_id in ids:
                await create_customer(seg, customer_id)
            await eventually(lambda: ctx.relay.connected, timeout=20)
            broker.stop()
            for customer_id in ids:
                response = await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)
                assert response.status_code == 200  # writes go on without the broker
            await asyncio.sleep(1.0)
            waiting = await _unpublished(ctx)
            assert waiting >= len(ids)  # score-updated (+ tier-changed) held back
            ready = await seg.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["checks"]["broker"] == "unreachable"

            broker.start()  # same port, empty memory
            async with EventCollector(broker.bootstrap, ["score-updated"]) as events:
                await events.wait_for(
                    lambda e: e["subject"] in ids and e["data"]["reason"] == "rescore",
                    count=len(ids), timeout=40,
                )
            assert await _unpublished(ctx) == 0
            # At least once on the wire: a send whose acknowledgement the outage swallowed is sent
            # again by the next round. Every copy keeps its event's id, so consumers apply it once:
            # one id per customer's rescore, however many copies arrived.
            rescores: dict[str, set[str]] = {}
            for e in events.events:
                if e["subject"] in ids and e["data"]["reason"] == "rescore":
                    rescores.setdefault(e["subject"], set()).add(e["id"])
            assert set(rescores) == set(ids)
            assert all(len(event_ids) == 1 for event_ids in rescores.values()), rescores
    finally:
        broker.stop()


async def _produce(bootstrap: str, topic: str, payloads: list[bytes], key: str | None = None, *,
                   partition: int | None = None) -> None:
    """Sent in order, keyed (the key's partition) or to the partition given."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for payload in payloads:
            await producer.send_and_wait(topic, payload, key=key.encode() if key else None,
                                         partition=partition)
    finally:
        await producer.stop()


def _ticket_created(customer_id: str, ticket_id: str, priority: str = "P1"):
    return new_event("ticket-created", "feedback", customer_id, {
        "customer_id": customer_id, "ticket_id": ticket_id, "priority": priority,
        "type": "complaint", "channel": "phone", "category": "outage",
        "created_at": datetime.now(UTC).isoformat(),
    }, None)


async def test_an_event_delivered_twice_is_applied_once(seg, broker):
    customer_id = new_id("twice")
    ticket_id = f"T-{uuid.uuid4().hex[:8]}"
    event = _ticket_created(customer_id, ticket_id)
    # A third event with the same key follows the two copies on the same partition: once it is
    # applied, both copies have been through the consumer.
    sentinel = _ticket_created(customer_id, f"{ticket_id}-after")
    await _produce(broker.bootstrap, "ticket-created",
                   [event.to_json().encode()] * 2 + [sentinel.to_json().encode()], customer_id)
    ctx = seg.app.state.ctx
    inbox = ctx.tables["inbox"]

    async def applied_count(event_id: str) -> int:
        async with ctx.db.session() as session:
            return await session.scalar(
                select(func.count()).select_from(inbox).where(inbox.c.event_id == event_id))

    async def sentinel_applied() -> bool:
        return await applied_count(sentinel.id) == 1

    await eventually(sentinel_applied, timeout=30)
    async with ctx.db.session() as session:
        rows = await session.scalar(
            select(func.count()).select_from(ComplaintRow).where(ComplaintRow.ticket_id == ticket_id))
    assert rows == 1
    assert await applied_count(event.id) == 1


async def test_the_consumer_applies_a_handler_once_per_event_id(seg):
    ctx = seg.app.state.ctx
    calls = []

    async def counting_handler(session, event):
        calls.append(event.id)

    consumer = EventConsumer(ctx.db, ctx.tables["inbox"], ctx.settings,
                             {"ticket-created": counting_handler}, group_id="unit")
    event = _ticket_created("c-once", f"T-{uuid.uuid4().hex[:8]}")
    outcomes = [await consumer.apply(event, counting_handler) for _ in range(3)]
    assert outcomes == ["applied", "duplicate", "duplicate"]
    assert calls == [event.id]


async def _in_inbox(ctx, event_ids: list[str]) -> set[str]:
    inbox = ctx.tables["inbox"]
    async with ctx.db.session() as session:
        return set(await session.scalars(select(inbox.c.event_id).where(inbox.c.event_id.in_(event_ids))))


async def test_a_batch_is_applied_in_one_transaction_once_per_event_id(seg):
    ctx = seg.app.state.ctx
    calls = []

    async def handler(session, event):
        calls.append(event.id)
        if event.data["ticket_id"].startswith("T-fail"):
            raise RuntimeError("refused")

    consumer = EventConsumer(ctx.db, ctx.tables["inbox"], ctx.settings,
                             {"ticket-created": handler}, group_id="unit")
    first, second = (_ticket_created("c-batch", f"T-{uuid.uuid4().hex[:8]}") for _ in range(2))
    assert await consumer.apply_many([first, first, second]) == ["applied", "duplicate", "applied"]
    assert await consumer.apply_many([second, first]) == ["duplicate", "duplicate"]
    assert calls == [first.id, second.id]

    # One failing handler rolls the whole batch back: no inbox row for the event before it.
    before, failing = _ticket_created("c-batch", f"T-{uuid.uuid4().hex[:8]}"), _ticket_created(
        "c-batch", f"T-fail-{uuid.uuid4().hex[:8]}")
    try:
        await consumer.apply_many([before, failing])
        raise AssertionError("the batch should have failed")
    except RuntimeError as exc:
        assert str(exc) == "refused"
    assert await _in_inbox(ctx, [before.id, failing.id]) == set()
    assert await consumer.apply(before, handler) == "applied"


async def test_a_fetch_from_several_partitions_and_what_comes_within_the_linger_is_one_transaction(
        seg, broker):
    """With a linger, an event that arrives while an earlier one waits to be applied (here on another
    partition, half a second later) joins its transaction; without one, each is applied as fetched."""
    ctx = seg.app.state.ctx
    group = f"linger-{uuid.uuid4().hex[:6]}"
    topic = f"{group}.ticket-created"
    transactions: dict[str, int] = {}

    async def handler(session, event):
        transactions[event.id] = await session.scalar(text("SELECT txid_current()"))

    async def produce(event, partition: int) -> None:
        await _produce(broker.bootstrap, topic, [event.to_json().encode()], partition=partition)

    async def applied(*events) -> bool:
        return all(e.id in transactions for e in events)

    async def first_and_second(linger_ms: int) -> tuple[int, int]:
        settings = ctx.settings.model_copy(update={
            "consumer_linger_ms": linger_ms, "kafka_topic_prefix": f"{group}."})
        consumer = EventConsumer(ctx.db, ctx.tables["inbox"], settings, {"ticket-created": handler},
                                 group_id=f"{group}-{linger_ms}")
        warm, first, second = (_ticket_created(new_id("linger"), f"T-{uuid.uuid4().hex[:8]}")
                               for _ in range(3))
        task = asyncio.create_task(consumer.run())
        try:
            await produce(warm, 0)
            await eventually(lambda: applied(warm), timeout=60)  # joined, fetching, nothing held
            await produce(first, 1)
            await asyncio.sleep(0.5)
            await produce(second, 2)
            await eventually(lambda: applied(first, second), timeout=30)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await consumer.stop()
        return transactions[first.id], transactions[second.id]

    first, second = await first_and_second(linger_ms=3000)
    assert first == second
    first, second = await first_and_second(linger_ms=0)
    assert first != second


async def test_a_poison_event_in_a_batch_costs_only_itself(seg, broker):
    """Three events fetched together, the middle one failing: the batch is split, the other two are
    applied once each, the failing one is dead-lettered after its retries."""
    ctx = seg.app.state.ctx
    group = f"split-{uuid.uuid4().hex[:6]}"
    customer_id = new_id("split")
    good, poison, last = (
        _ticket_created(customer_id, f"T-{kind}-{uuid.uuid4().hex[:8]}") for kind in ("ok", "fail", "ok"))

    async def handler(session, event):
        if event.id == poison.id:
            raise RuntimeError("cannot apply")

    settings = ctx.settings.model_copy(update={
        "consumer_retry_backoff_seconds": 0.01, "kafka_topic_prefix": f"{group}."})
    consumer = EventConsumer(ctx.db, ctx.tables["inbox"], settings, {"ticket-created": handler},
                             group_id=group)
    # Produced before the consumer starts, so that its first fetch holds all three.
    await _produce(broker.bootstrap, f"{group}.ticket-created",
                   [e.to_json().encode() for e in (good, poison, last)], customer_id)
    async with EventCollector(broker.bootstrap, [f"{group}.dead-letter"]) as dead:
        task = asyncio.create_task(consumer.run())
        try:
            await eventually(lambda: len(dead.raw) >= 1, timeout=30)

            async def both_applied() -> bool:
                return await _in_inbox(ctx, [good.id, last.id]) == {good.id, last.id}

            await eventually(both_applied, timeout=10)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await consumer.stop()
    assert await _in_inbox(ctx, [good.id, poison.id, last.id]) == {good.id, last.id}
    assert [json.loads(r.value)["id"] for r in dead.raw] == [poison.id]


async def test_poison_and_failing_messages_go_to_the_dead_letter_topic(seg, broker):
    ctx = seg.app.state.ctx
    attempts = []

    async def failing_handler(session, event):
        attempts.append(event.id)
        raise RuntimeError("downstream refused")

    group = f"dlq-test-{uuid.uuid4().hex[:6]}"
    settings = ctx.settings.model_copy(update={
        "consumer_retry_backoff_seconds": 0.01, "kafka_topic_prefix": f"{group}."})
    consumer = EventConsumer(ctx.db, ctx.tables["inbox"], settings,
                             {"ticket-resolved": failing_handler}, group_id=group)
    customer_id = new_id("dlq")
    event = new_event("ticket-resolved", "feedback", customer_id, {
        "customer_id": customer_id, "ticket_id": "T-dlq", "priority": "P2",
        "resolved_at": datetime.now(UTC).isoformat()}, None)
    before = EVENTS_DEAD_LETTERED.labels("segmentation", "ticket-resolved")._value.get()
    task = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: consumer.connected, timeout=20)
        await _produce(broker.bootstrap, f"{group}.ticket-resolved",
                       [b"{not json", event.to_json().encode()], customer_id)
        async with EventCollector(broker.bootstrap, [f"{group}.dead-letter"]) as dead:
            await eventually(lambda: len(dead.raw) >= 2, timeout=30)
            letters = dead.raw
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await consumer.stop()
    assert len(attempts) == ctx.settings.consumer_max_attempts
    reasons = [dict((k, v.decode()) for k, v in r.headers)["error"] for r in letters]
    assert reasons[0].startswith("invalid")
    assert "downstream refused" in reasons[1]
    assert json.loads(letters[1].value)["id"] == event.id
    after = EVENTS_DEAD_LETTERED.labels("segmentation", "ticket-resolved")._value.get()
    assert after - before >= 2  # (other consumers in this process may dead-letter too)
