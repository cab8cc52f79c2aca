"""A batch of alike events may check only its first of each type against the schema; the events
are stored all the same (an embedded SQLite database, no broker)."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from shared.events.envelope import InvalidEvent
from shared.events.outbox import Outbox, platform_tables


def _ticket_closed(ticket_id: str) -> dict:
    return {"ticket_id": ticket_id}  # far from the schema: it needs much more


@pytest.fixture
async def outbox_session(tmp_path):
    metadata = MetaData()
    tables = platform_tables(metadata)
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'outbox.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield Outbox(tables["outbox"], "test"), async_sessionmaker(engine), tables["outbox"]
    await engine.dispose()


async def test_each_event_is_checked_unless_the_batch_says_they_are_alike(outbox_session):
    outbox, sessions, table = outbox_session
    with pytest.raises(InvalidEvent):
        async with sessions() as session, session.begin():
            await outbox.append_many(session, [("ticket-closed", "c1", _ticket_closed("t1"))])
    with pytest.raises(InvalidEvent):  # alike or not, the first of each type is checked
        async with sessions() as session, session.begin():
            await outbox.append_many(session, [("ticket-closed", "c1", _ticket_closed("t1"))],
                                     check_each=False)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(table)) == 0


def _erased(customer_id: str) -> dict:
    return {"customer_id": customer_id, "erasure_id": f"e-{customer_id}",
            "requested_at": "2026-12-01T00:00:00Z"}


async def test_a_batch_of_alike_events_checks_its_first_and_stores_them_all(outbox_session):
    outbox, sessions, table = outbox_session
    bad_second = [("customer-erased", "c1", _erased("c1")), ("customer-erased", "c2", {"customer_id": "c2"})]
    with pytest.raises(InvalidEvent):  # checked one by one by default
        async with sessions() as session, session.begin():
            await outbox.append_many(session, bad_second)
    alike = [("customer-erased", f"c{n}", _erased(f"c{n}")) for n in range(5)]
    async with sessions() as session, session.begin():
        await outbox.append_many(session, alike, check_each=False)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(table)) == 5
