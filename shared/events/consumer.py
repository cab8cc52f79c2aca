"""Idempotent consumer: the inbox rows and the handlers of a fetched batch (what one fetch brought
from every partition) in one transaction, offsets committed after it. A batch that fails is applied
again one event per transaction, so a poison message costs only itself a dead letter."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import structlog
from aiokafka import (
    AIOKafkaConsumer,
    AIOKafkaProducer,
    ConsumerRebalanceListener,
    ConsumerRecord,
    TopicPartition,
)
from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from shared.db import Database, PerDialect
from shared.events.envelope import Event, InvalidEvent, parse_event
from shared.events.topics import CLIENT_STOP_SECONDS, ensure_topics, kafka_security
from shared.logging import bind_request_id
from shared.metrics import CONSUMER_LAG, EVENTS_CONSUMED, EVENTS_DEAD_LETTERED, EVENTS_FAILED
from shared.settings import PlatformSettings
from shared.tracing import processing

log = structlog.get_logger()

Handler = Callable[[AsyncSession, Event], Awaitable[None]]


class EventConsumer:
    """Consumes the topics of `handlers` in the service's consumer group."""

    def __init__(
        self,
        db: Database,
        inbox: Table,
        settings: PlatformSettings,
        handlers: dict[str, Handler],
        *,
        group_id: str | None = None,
        traced: bool = False,
    ) -> None:
        self.db = db
        self.inbox = inbox
        self.settings = settings
        self.handlers = handlers
        self.service = settings.service_name
        self.group_id = group_id or f"crm-{self.service}"
        self.topic_to_type = {settings.topic(t): t for t in handlers}
        # The inbox rows of a batch in one statement: it returns the ids it inserted, and an id
        # already there (applied before, or by another replica in a transaction it waits for) is
        # left out, so the statement itself says which events are new.
        self._claim = PerDialect(
            lambda insert: insert(inbox).on_conflict_do_nothing().returning(inbox.c.event_id))
        self.consumer: AIOKafkaConsumer | None = None
        self._dlq_producer: AIOKafkaProducer | None = None
        # The offset this consumer last committed per partition, to notice when the broker no
        # longer holds it (see _position_is_current).
        self._committed: dict[TopicPartition, int] = {}
        self.connected = False
        # Traced, each handler runs in a span continuing the trace its event carries.
        self.traced = traced

    async def run(self) -> None:
        while True:
            try:
                await self._start()
                await self._consume_forever()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker away: reconnect; offsets were not committed
                self.connected = False
                log.warning("consumer_error", error=f"{type(exc).__name__}: {exc}")
                await self._close()
                await asyncio.sleep(1.0)

    async def _start(self) -> None:
        await ensure_topics(self.settings, list(self.handlers))
        self.consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self.settings.consumer_fetch_wait_ms,
            session_timeout_ms=10000,
            heartbeat_interval_ms=1000,
            metadata_max_age_ms=5000,
            **kafka_security(self.settings),
        )
        self._committed.clear()
        await self.consumer.start()
        self.consumer.subscribe(list(self.topic_to_type), listener=_ForgetCommits(self._committed))
        self.connected = True

    async def _consume_forever(self) -> None:
        assert self.consumer is not None
        while True:
            fetched = await self._fetch()
            # One transaction and one offset commit for what a fetch brought from all partitions:
            # spread over the partitions, a quiet topic's fetch holds an event or two per partition,
            # and the per-batch work (transaction, commit, position check) would be paid per event.
            current = await self._current_partitions(fetched)
            if current:
                await self._process_batch([record for tp in current for record in fetched[tp]])
                # Commit after the batch's transaction: a crash replays at most this batch, and
                # the inbox drops what was already applied.
                offsets = {tp: fetched[tp][-1].offset + 1 for tp in current}
                await self.consumer.commit(offsets)
                self._committed.update(offsets)
            await self._report_lag()

    async def _fetch(self) -> dict[TopicPartition, list[ConsumerRecord]]:
        """What the broker has, and once something came, what comes within the linger
        (`CRM_CONSUMER_LINGER_MS`) too, up to a batch: a quiet topic then pays the per-batch work
        once for several events instead of once for each fetch's one or two."""
        assert self.consumer is not None
        size = self.settings.consumer_batch_size
        fetched = await self.consumer.getmany(timeout_ms=200, max_records=size)
        linger = self.settings.consumer_linger_ms / 1000
        count = sum(map(len, fetched.values()))
        if not (linger and count):
            return fetched
        clock = asyncio.get_running_loop().time
        deadline = clock() + linger
        while count < size and (remaining := deadline - clock()) > 0:
            more = await self.consumer.getmany(timeout_ms=int(remaining * 1000) + 1,
                                               max_records=size - count)
            for tp, records in more.items():
                fetched.setdefault(tp, []).extend(records)
                count += len(records)
        return fetched

    async def _current_partitions(
        self, fetched: dict[TopicPartition, list[ConsumerRecord]]
    ) -> list[TopicPartition]:
        """The fetched partitions still assigned here and whose position is current (the others are
        rewound, see `_position_is_current`); the group's committed offsets are asked for
        concurrently. A partition revoked while the linger gathered (a rebalance) is left to its
        new owner: its records are neither applied nor committed here."""
        assert self.consumer is not None
        assigned = self.consumer.assignment()
        held = [tp for tp in fetched if tp in assigned]
        checks = await asyncio.gather(*(self._position_is_current(tp) for tp in held))
        return [tp for tp, current in zip(held, checks, strict=True) if current]

    async def _position_is_current(self, tp: TopicPartition) -> bool:
        """False (after rewinding) when the group's committed offset is no longer the one we wrote.

        That happens when the broker came back without its logs and group state (an in-memory
        broker restarted): our fetch position still points into the old log, and reading on
        from there would skip the first records of the new one. Rewinding to what the group
        holds (the beginning when it holds nothing) replays at worst events the inbox drops.
        """
        assert self.consumer is not None
        expected = self._committed.get(tp)
        if expected is None:
            return True  # nothing committed yet in this assignment: the position came from the group
        stored = await self.consumer.committed(tp)
        if stored == expected:
            return True
        log.warning("consumer_rewound", topic=tp.topic, partition=tp.partition,
                    committed_here=expected, committed_on_broker=stored)
        if stored is None:
            await self.consumer.seek_to_beginning(tp)
            del self._committed[tp]
        else:
            self.consumer.seek(tp, stored)
            self._committed[tp] = stored
        return False

    async def _process_batch(self, records: list[ConsumerRecord]) -> None:
        handled: list[tuple[ConsumerRecord, Event]] = []
        for record in records:
            try:
                event = parse_event(record.value)
            except InvalidEvent as exc:
                log.error("event_rejected", topic=record.topic, offset=record.offset, error=str(exc))
                await self._dead_letter(record, self.topic_to_type.get(record.topic, record.topic),
                                        f"invalid: {exc}")
                continue
            if event.type in self.handlers:
                handled.append((record, event))
        if len(handled) > 1:
            try:
                outcomes = await self.apply_many([event for _, event in handled])
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one event of the batch failed: find it, one at a time
                log.info("event_batch_split", events=len(handled), error=f"{type(exc).__name__}: {exc}")
            else:
                for (_, event), outcome in zip(handled, outcomes, strict=True):
                    EVENTS_CONSUMED.labels(self.service, event.type, outcome).inc()
                return
        for record, event in handled:
            await self._process(record, event)

    async def _process(self, record: ConsumerRecord, event: Event) -> None:
        handler = self.handlers[event.type]
        bind_request_id(event.request_id)
        for attempt in range(1, self.settings.consumer_max_attempts + 1):
            try:
                outcome = await self.apply(event, handler)
                EVENTS_CONSUMED.labels(self.service, event.type, outcome).inc()
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                EVENTS_FAILED.labels(self.service, event.type).inc()
                log.warning(
                    "event_handler_failed", event_id=event.id, event_type=event.type,
                    attempt=attempt, error=f"{type(exc).__name__}: {exc}",
                )
                if attempt == self.settings.consumer_max_attempts:
                    await self._dead_letter(record, event.type, f"{type(exc).__name__}: {exc}")
                    return
                await asyncio.sleep(self.settings.consumer_retry_backoff_seconds * attempt)

    async def apply_many(self, events: list[Event]) -> list[str]:
        """Events in one transaction, each handler run once per event id; `applied` or `duplicate`
        per event. An event another replica is applying at the same time waits for that
        transaction and counts as a duplicate once it commits. Any failure rolls the whole batch
        back and raises."""
        async with self.db.session() as session, session.begin():
            now = datetime.now(UTC)
            types = {e.id: e.type for e in events}  # an id twice in a batch is claimed once
            claimed = set(await session.scalars(self._claim.for_session(session), [
                {"event_id": event_id, "event_type": event_type, "applied_at": now}
                for event_id, event_type in types.items()
            ]))
            fresh: list[Event] = []
            outcomes: list[str] = []
            for event in events:
                if event.id not in claimed:
                    outcomes.append("duplicate")
                    continue
                claimed.discard(event.id)
                fresh.append(event)
                outcomes.append("applied")
            for event in fresh:
                bind_request_id(event.request_id)
                await self._handle(self.handlers[event.type], session, event)
        return outcomes

    async def _handle(self, handler: Handler, session: AsyncSession, event: Event) -> None:
        if not self.traced:
            await handler(session, event)
            return
        with processing(self.service, self.group_id, event):
            await handler(session, event)

    async def apply(self, event: Event, handler: Handler) -> str:
        """Run the handler once per event id; returns `applied` or `duplicate`."""
        try:
            async with self.db.session() as session, session.begin():
                claimed = await session.scalar(self._claim.for_session(session), {
                    "event_id": event.id, "event_type": event.type, "applied_at": datetime.now(UTC)})
                if claimed is None:
                    return "duplicate"
                await self._handle(handler, session, event)
        except IntegrityError:
            # What the handler wrote met another replica's (the same event in another batch
            # during a rebalance): ours rolled back.
            async with self.db.session() as session:
                seen = await session.scalar(
                    select(self.inbox.c.event_id).where(self.inbox.c.event_id == event.id)
                )
            if seen is None:
                raise
            return "duplicate"
        return "applied"

    async def _dead_letter(self, record: ConsumerRecord, event_type: str, reason: str) -> None:
        EVENTS_DEAD_LETTERED.labels(self.service, event_type).inc()
        if self._dlq_producer is None:
            self._dlq_producer = AIOKafkaProducer(
                bootstrap_servers=self.settings.kafka_bootstrap,
                enable_idempotence=False,
                acks="all",
                **kafka_security(self.settings),
            )
            await self._dlq_producer.start()
        headers = [
            ("original-topic", record.topic.encode()),
            ("original-offset", str(record.offset).encode()),
            ("consumer-group", self.group_id.encode()),
            ("error", reason[:500].encode()),
        ]
        await self._dlq_producer.send_and_wait(
            self.settings.dead_letter_topic, value=record.value, key=record.key, headers=headers
        )

    async def _report_lag(self) -> None:
        assert self.consumer is not None
        for tp in self.consumer.assignment():
            highwater = self.consumer.highwater(tp)
            if highwater is None:
                continue
            position = await self.consumer.position(tp)
            CONSUMER_LAG.labels(self.service, tp.topic, str(tp.partition)).set(
                max(highwater - position, 0)
            )

    async def _close(self) -> None:
        for client in (self.consumer, self._dlq_producer):
            if client is not None:
                try:
                    # Bounded: leaving a group that is rebalancing (replicas stopping together) can
                    # wait on the coordinator for longer than a stop may take; what this consumer
                    # applied but did not commit is delivered again and skipped by the inbox.
                    await asyncio.wait_for(client.stop(), timeout=CLIENT_STOP_SECONDS)
                except Exception:  # a broken client, or timed out; a fresh one is made on reconnect
                    pass
        self.consumer = None
        self._dlq_producer = None

    async def stop(self) -> None:
        await self._close()


class _ForgetCommits(ConsumerRebalanceListener):
    """A partition that moves may be committed by another member: stop comparing against ours."""

    def __init__(self, committed: dict[TopicPartition, int]) -> None:
        self.committed = committed

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        for tp in revoked:
            self.committed.pop(tp, None)

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        for tp in assigned:
            self.committed.pop(tp, None)


def dead_letter_reason(record: ConsumerRecord) -> dict[str, str]:
    """Headers of a dead-lettered record as a dict (for operators and tests)."""
    return {k: v.decode() for k, v in (record.headers or [])}

