"""Transactional outbox: events stored with the state change, published later by a relay."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from aiokafka import AIOKafkaProducer
from sqlalchemy import (
    CTE,
    Column,
    Insert,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from shared.db import (
    BigIntPK,
    Database,
    DriverTransaction,
    HotStatement,
    UTCDateTime,
    driver_connection,
    ids_match,
    is_postgres,
)
from shared.events.envelope import new_event
from shared.events.topics import CLIENT_STOP_SECONDS, ensure_topics, kafka_security
from shared.logging import current_request_id
from shared.metrics import EVENTS_PRODUCED, OUTBOX_BACKLOG
from shared.settings import PlatformSettings
from shared.tracing import attached, context_of_envelope, current_trace_context

log = structlog.get_logger()
PUBLISHED_RETENTION = timedelta(days=1)
OUTBOX_COLUMNS = ["event_id", "event_type", "message_key", "envelope", "created_at", "attempts"]


def platform_tables(metadata: MetaData) -> dict[str, Table]:
    """Outbox, inbox, idempotency, test clock and schedule run tables, in each service's own schema."""
    from shared.clock import clock_table
    from shared.scheduler import schedule_runs_table

    outbox = Table(
        "outbox",
        metadata,
        Column("id", BigIntPK, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(64), nullable=False),
        Column("message_key", String(128), nullable=False),
        Column("envelope", Text, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("published_at", UTCDateTime, nullable=True, index=True),
        Column("attempts", Integer, nullable=False, default=0),
    )
    inbox = Table(
        "inbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("event_type", String(64), nullable=False),
        Column("applied_at", UTCDateTime, nullable=False),
    )
    idempotency = Table(
        "idempotency_keys",
        metadata,
        Column("caller", String(200), primary_key=True),
        Column("key", String(200), primary_key=True),
        Column("fingerprint", String(64), nullable=False),
        Column("status_code", Integer, nullable=True),
        Column("response_body", Text, nullable=True),
        Column("content_type", String(100), nullable=True),
        Column("created_at", UTCDateTime, nullable=False),
    )
    return {"outbox": outbox, "inbox": inbox, "idempotency_keys": idempotency,
            "test_clock": clock_table(metadata), "schedule_runs": schedule_runs_table(metadata)}


_WAKE_PENDING = "outbox_wake_pending"


def event_row_if_written(outbox: Table, written: CTE) -> Insert:
    """An insert of one outbox row that happens only if the data-modifying CTE `written` (an
    `INSERT ... ON CONFLICT DO NOTHING RETURNING`) wrote a row: the event of a row stored at most
    once, in the same round trip (PostgreSQL). It returns the event's id when it was written.
    Parameters as for `event_row_cte`."""
    values = select(*(bindparam(f"event_{name}", type_=outbox.c[name].type) for name in OUTBOX_COLUMNS))
    return (outbox.insert().from_select(OUTBOX_COLUMNS, values.select_from(written))
            .returning(outbox.c.event_id))


def event_row_cte(outbox: Table) -> CTE:
    """An insert of one outbox row as a CTE, to add to the statement writing the row its event
    announces (`Outbox.row_alongside` gives the parameters): on PostgreSQL a hot path then stores
    both in one round trip. SQLite has no data-modifying CTE: append the event on its own there."""
    return outbox.insert().values({name: bindparam(f"event_{name}") for name in OUTBOX_COLUMNS}).cte(
        "event_row")


class Outbox:
    """Appends events inside the caller's transaction; the relay is woken after commit."""

    def __init__(self, table: Table, service: str, *, traced: bool = False, validate: bool = True) -> None:
        self.table = table
        self.service = service
        # Traced, each event carries the trace context of the span that appended it.
        self.traced = traced
        # Each event's data checked against its JSON Schema before it is stored
        # (PlatformSettings.validate_published_events).
        self.validate = validate
        self._wakeup = asyncio.Event()
        self._insert = HotStatement(table.insert().values({c: bindparam(c) for c in OUTBOX_COLUMNS}))

    async def append(
        self, session: AsyncSession, event_type: str, subject: str, data: dict[str, Any]
    ) -> str:
        row = self._row(event_type, subject, data)
        # One prebuilt statement, given the row as parameters, run on the driver (HotStatement).
        await self._insert.execute(session, row)
        self._wake_after_commit(session)
        return row["event_id"]

    def row_alongside(self, session: AsyncSession, event_type: str, subject: str, data: dict[str, Any]
                      ) -> dict[str, Any]:
        """The parameters of a new event's row for a statement that stores it together with the
        row the event announces, in one round trip (`event_row_cte`: the names are the columns
        prefixed `event_`). The relay is woken after the caller's transaction commits."""
        self._wake_after_commit(session)
        return {f"event_{name}": value for name, value in self._row(event_type, subject, data).items()}

    def _row(self, event_type: str, subject: str, data: dict[str, Any]) -> dict[str, Any]:
        event = new_event(event_type, self.service, subject, data, current_request_id(),
                          current_trace_context() if self.traced else None, validate=self.validate)
        return {"event_id": event.id, "event_type": event.type, "message_key": event.subject,
                "envelope": event.to_json(), "created_at": event.time, "attempts": 0}

    async def append_many(
        self, session: AsyncSession, events: list[tuple[str, str, dict[str, Any]]], *,
        check_each: bool = True,
    ) -> None:
        """Several (event_type, subject, data) in one statement, for batch jobs. A job whose events
        are built by one piece of code from typed values (the monthly snapshot's thousands of
        `score-updated`) passes `check_each=False`: the first event of each type is checked against
        its schema, which is what could drift, and the rest are alike."""
        if not events:
            return
        if len(events) == 1:  # one order recorded: one prebuilt insert costs less than a COPY
            await self.append(session, *events[0])
            return
        request_id = current_request_id()
        trace_context = current_trace_context() if self.traced else None
        checked: set[str] = set()
        built = []
        for event_type, subject, data in events:
            validate = self.validate and (check_each or event_type not in checked)
            checked.add(event_type)
            built.append(new_event(event_type, self.service, subject, data, request_id, trace_context,
                                   validate=validate))
        if is_postgres(session):
            # COPY: thousands of rows in one round trip, inside the caller's transaction.
            connection = await driver_connection(session)
            await connection.copy_records_to_table(
                self.table.name,
                records=[(e.id, e.type, e.subject, e.to_json(), e.time, 0) for e in built],
                columns=OUTBOX_COLUMNS,
            )
        else:
            await session.execute(self.table.insert(), [
                dict(zip(OUTBOX_COLUMNS, (e.id, e.type, e.subject, e.to_json(), e.time, 0), strict=True))
                for e in built
            ])
        self._wake_after_commit(session)

    def _wake_after_commit(self, session: AsyncSession) -> None:
        """Wake the relay once the caller's transaction commits (woken earlier it would find nothing
        yet). The relay still polls, so events written by other replicas are not missed."""
        session.info[_WAKE_PENDING] = self._wakeup


# Registered once for every session (not per transaction: registering a listener per commit cost
# more than the wake-up itself): a session whose transaction appended events wakes their relay.
@sqlalchemy_event.listens_for(Session, "after_commit")
def _wake_relay(session: Session) -> None:
    _wake_relay_of(session.info)


def _wake_relay_of(info: dict[str, Any]) -> None:
    wakeup = info.pop(_WAKE_PENDING, None)
    if wakeup is not None:
        wakeup.set()


DriverTransaction.AFTER_COMMIT.append(_wake_relay_of)  # the same for a transaction without a session


@sqlalchemy_event.listens_for(Session, "after_soft_rollback")
def _forget_wake(session: Session, _previous_transaction: object) -> None:
    session.info.pop(_WAKE_PENDING, None)


class OutboxRelay:
    """Publishes unpublished outbox rows in order; one replica at a time holds the relay lock."""

    def __init__(
        self, db: Database, outbox: Outbox, settings: PlatformSettings, event_types: list[str]
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.settings = settings
        self.event_types = event_types
        self.producer: AIOKafkaProducer | None = None
        self.connected = False
        self._last_backlog_check = 0.0
        self._last_cleanup = 0.0
        table = outbox.table
        # Built once: the relay reads a batch after every commit that appends an event.
        self._first_rows = (
            select(table.c.id, table.c.event_type, table.c.message_key, table.c.envelope)
            .where(table.c.published_at.is_(None))
            .order_by(table.c.id)
            .limit(bindparam("limit"))
        )
        self._rows_after = self._first_rows.where(table.c.id > bindparam("after"))

    async def run(self) -> None:
        backoff = self.settings.outbox_poll_seconds
        while True:
            try:
                published = await self.publish_batch()
                backoff = self.settings.outbox_poll_seconds
                if published >= self.settings.outbox_batch_size:
                    continue  # a full batch: more rows may be waiting
                # Fewer: the table was drained when last read. Rows committed here since then have
                # set the wake-up; rows of other replicas are found by the poll.
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker or database down: the rows wait, nothing is lost
                self.connected = False
                log.warning("outbox_relay_error", error=f"{type(exc).__name__}: {exc}")
                await self._drop_producer()
                backoff = min(max(backoff * 2, 0.5), 5.0)
            try:
                await asyncio.wait_for(self.outbox._wakeup.wait(), timeout=backoff)
                if self.settings.outbox_linger_ms:
                    await asyncio.sleep(self.settings.outbox_linger_ms / 1000)
            except TimeoutError:
                pass
            self.outbox._wakeup.clear()

    async def publish_batch(self) -> int:
        """Publish the oldest unpublished rows; returns how many were published.

        Up to `outbox_batches_per_lock` batches go out under one hold of the relay lock, pipelined:
        the next batch is read and handed to the producer while the broker acknowledges the
        previous one. A batch is marked published only once all of it is acknowledged, and the
        marks commit together, so a crash re-sends (never loses) at most those batches.
        """
        producer = await self._producer()
        self.connected = True
        await self._refresh_backlog()
        published: Counter[str] = Counter()
        async with self.db.session() as session, session.begin():
            if not await self.db.advisory_xact_lock(session, "outbox-relay"):
                return 0
            postgres = is_postgres(session)
            in_flight: list[tuple[list[Row], list[asyncio.Future]]] = []
            after: int | None = None
            for _ in range(self.settings.outbox_batches_per_lock):
                rows = await self._next_rows(session, after)
                if not rows:
                    break
                after = rows[-1].id
                in_flight.append((rows, [await self._send(producer, row) for row in rows]))
                if len(in_flight) > 1:
                    await self._mark_acknowledged(session, *in_flight.pop(0), published, postgres)
                if len(rows) < self.settings.outbox_batch_size:
                    break  # drained as of this read: no need to ask again under this hold
            for rows, futures in in_flight:
                await self._mark_acknowledged(session, rows, futures, published, postgres)
        for event_type, count in published.items():
            EVENTS_PRODUCED.labels(self.outbox.service, event_type).inc(count)
        await self._cleanup()
        return sum(published.values())

    async def _send(self, producer: AIOKafkaProducer, row: Row) -> asyncio.Future:
        topic = self.settings.topic(row.event_type)
        value, key = row.envelope.encode(), row.message_key.encode()
        if not self.outbox.traced:
            return await producer.send(topic, value=value, key=key)
        # Published under the trace the event carries: the broker hop joins the request's trace.
        with attached(context_of_envelope(row.envelope)):
            return await producer.send(topic, value=value, key=key)

    async def _next_rows(self, session: AsyncSession, after: int | None) -> list[Row]:
        query, parameters = self._first_rows, {"limit": self.settings.outbox_batch_size}
        if after is not None:
            query, parameters = self._rows_after, {**parameters, "after": after}
        return list((await session.execute(query, parameters)).all())

    async def _mark_acknowledged(
        self, session: AsyncSession, rows: list[Row], futures: list[asyncio.Future],
        published: Counter[str], postgres: bool,
    ) -> None:
        await asyncio.gather(*futures)
        table = self.outbox.table
        await session.execute(
            update(table).where(ids_match(table.c.id, [row.id for row in rows], postgres))
            .values(published_at=datetime.now(UTC))
        )
        published.update(row.event_type for row in rows)

    async def _producer(self) -> AIOKafkaProducer:
        if self.producer is None:
            producer = AIOKafkaProducer(
                bootstrap_servers=self.settings.kafka_bootstrap,
                acks="all",
                enable_idempotence=False,  # the embedded broker has no idempotent producer
                linger_ms=2,
                # Whole relay batches fit in few produce requests (the default is 16 KiB).
                max_batch_size=512 * 1024,
                request_timeout_ms=10000,
                **kafka_security(self.settings),
            )
            await producer.start()
            # An in-memory broker restarted empty has no topics: make them before producing.
            await ensure_topics(self.settings, self.event_types)
            self.producer = producer
        return self.producer

    async def _drop_producer(self) -> None:
        if self.producer is not None:
            try:
                # Stopping flushes what is in flight, and waits for a broker that may be away or
                # slow to learn a new topic: bounded, since those rows stay unmarked in the outbox
                # and go out again (at least once) from the next relay.
                await asyncio.wait_for(self.producer.stop(), timeout=CLIENT_STOP_SECONDS)
            except Exception:  # already broken, or timed out; a new producer is made on the next try
                pass
            self.producer = None

    async def _refresh_backlog(self) -> None:
        now = time.monotonic()
        if now - self._last_backlog_check < 1.0:
            return
        self._last_backlog_check = now
        table = self.outbox.table
        async with self.db.session() as session:
            backlog = await session.scalar(
                select(func.count()).select_from(table).where(table.c.published_at.is_(None))
            )
        OUTBOX_BACKLOG.labels(self.outbox.service).set(backlog or 0)

    async def _cleanup(self) -> None:
        now = time.monotonic()
        if now - self._last_cleanup < 60:
            return
        self._last_cleanup = now
        table = self.outbox.table
        async with self.db.session() as session, session.begin():
            await session.execute(
                delete(table).where(
                    table.c.published_at < datetime.now(UTC) - PUBLISHED_RETENTION
                )
            )

    async def stop(self) -> None:
        await self._drop_producer()
