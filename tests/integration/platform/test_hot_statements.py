"""Hot statements (shared.db.HotStatement) run on the driver, inside the session's transaction,
with SQLAlchemy's bind processing and exceptions: to the code around them they behave as
`session.execute` does."""

from datetime import UTC, datetime

import asyncpg
import pytest
from sqlalchemy import JSON, Column, MetaData, String, Table, bindparam, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped

from shared.db import Database, DriverTransaction, HotStatement, UTCDateTime

metadata = MetaData()
notes = Table(
    "hot_notes",
    metadata,
    Column("id", String(20), primary_key=True),
    Column("body", JSON, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)
INSERT = HotStatement(insert(notes).values(id=bindparam("id"), body=bindparam("body"), at=bindparam("at")))
READ = HotStatement(select(notes.c.id, notes.c.body, notes.c.at).where(notes.c.id == bindparam("id")))


class Base(DeclarativeBase):
    metadata = metadata


class Note(Base):
    __table__ = notes
    id: Mapped[str]


@pytest.fixture
async def db(database_url):
    database = Database(database_url, "public")
    async with database.engine.begin() as connection:
        await connection.run_sync(metadata.drop_all)
        await connection.run_sync(metadata.create_all)
    try:
        yield database
    finally:
        async with database.engine.begin() as connection:
            await connection.run_sync(metadata.drop_all)
        await database.dispose()


AT = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)


async def test_values_are_bound_as_sqlalchemy_binds_them_and_read_back(db):
    async with db.session() as session, session.begin():
        await INSERT.execute(session, {"id": "n1", "body": {"text": "账单", "n": 1}, "at": AT})
    async with db.session() as session, session.begin():
        assert await READ.fetch(session, {"id": "n1"}) == [("n1", {"text": "账单", "n": 1}, AT)]
        # Through the session too: the JSON and the UTC time were stored as the ORM would store them.
        stored = (await session.execute(select(notes.c.body, notes.c.at))).one()
        assert stored == ({"text": "账单", "n": 1}, AT)


async def test_it_joins_the_sessions_transaction(db):
    async with db.session() as session:
        async with session.begin():
            await INSERT.execute(session, {"id": "n1", "body": {}, "at": AT})
            assert await session.scalar(select(notes.c.id)) == "n1"  # the session sees it
            await session.rollback()
        async with session.begin():
            assert await READ.fetch(session, {"id": "n1"}) == []  # rolled back with the session


async def test_pending_orm_changes_are_flushed_first(db):
    async with db.session() as session, session.begin():
        session.add(Note(id="n2", body={"pending": True}, at=AT))
        assert await READ.fetch(session, {"id": "n2"}) == [("n2", {"pending": True}, AT)]


async def test_driver_errors_are_sqlalchemys_exceptions(db):
    async with db.session() as session, session.begin():
        await INSERT.execute(session, {"id": "n1", "body": {}, "at": AT})
    async with db.session() as session:
        with pytest.raises(IntegrityError):
            async with session.begin():
                await INSERT.execute(session, {"id": "n1", "body": {}, "at": AT})
        # PostgreSQL text cannot hold U+0000: the same DBAPIError the error handlers map to a 422.
        with pytest.raises(DBAPIError) as raised:
            async with session.begin():
                await HotStatement(text("SELECT CAST(:t AS text)")).fetch(session, {"t": "a\x00b"})
        assert "0x00" in str(raised.value.orig)
        async with session.begin():  # the session is usable again
            assert len(await READ.fetch(session, {"id": "n1"})) == 1


async def test_a_transaction_without_a_session_commits_or_rolls_back_and_returns_its_connection(
    database_url,
):
    """`Database.transaction`: the hot statements of a use case on a pooled connection of their
    own, committed at the end of the block, rolled back on an error, the connection back in the
    pool either way (a pool of 1 and 30 transactions: a connection kept would stop the second)."""
    db = Database(database_url, "public", pool_size=1)
    async with db.engine.begin() as connection:
        await connection.run_sync(metadata.drop_all)
        await connection.run_sync(metadata.create_all)
    committed: list[dict] = []
    DriverTransaction.AFTER_COMMIT.append(lambda info: committed.append(dict(info)))
    try:
        async with db.transaction() as transaction:
            await INSERT.execute(transaction, {"id": "kept", "body": {"n": 1}, "at": AT})
            transaction.info["seen"] = True
        assert committed == [{"seen": True}]
        for attempt in range(30):
            with pytest.raises(IntegrityError):  # a driver error, as a session raises it
                async with db.transaction() as transaction:
                    await INSERT.execute(transaction, {"id": f"gone{attempt}", "body": {}, "at": AT})
                    await INSERT.execute(transaction, {"id": "kept", "body": {}, "at": AT})
            with pytest.raises(ValueError):
                async with db.transaction() as transaction:
                    await INSERT.execute(transaction, {"id": f"also-gone{attempt}", "body": {}, "at": AT})
                    raise ValueError("the use case refuses")
        assert len(committed) == 1  # no commit, no after-commit work
        async with db.session() as session, session.begin():
            assert (await session.execute(select(notes.c.id))).scalars().all() == ["kept"]
        assert db.engine.pool.checkedout() == 0
    finally:
        DriverTransaction.AFTER_COMMIT.pop()
        async with db.engine.begin() as connection:
            await connection.run_sync(metadata.drop_all)
        await db.dispose()


async def test_a_transaction_whose_connection_dies_raises_as_a_session_would_and_the_next_works(
    database_url,
):
    """The server ends the connection mid-transaction: the statement raises SQLAlchemy's DBAPIError
    (a 503 for the error handlers), the broken connection is dropped, not returned to the pool, and
    the next transaction gets a working one."""
    db = Database(database_url, "public", pool_size=1)
    async with db.engine.begin() as connection:
        await connection.run_sync(metadata.drop_all)
        await connection.run_sync(metadata.create_all)
    admin = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        with pytest.raises(DBAPIError):
            async with db.transaction() as transaction:
                [(pid,)] = await HotStatement(text("SELECT pg_backend_pid()")).fetch(transaction, {})
                await admin.execute("SELECT pg_terminate_backend($1)", pid)
                await INSERT.execute(transaction, {"id": "lost", "body": {}, "at": AT})
        async with db.transaction() as transaction:
            await INSERT.execute(transaction, {"id": "kept", "body": {}, "at": AT})
        async with db.session() as session, session.begin():
            assert (await session.execute(select(notes.c.id))).scalars().all() == ["kept"]
        assert db.engine.pool.checkedout() == 0
    finally:
        await admin.close()
        async with db.engine.begin() as connection:
            await connection.run_sync(metadata.drop_all)
        await db.dispose()


def test_the_statement_is_compiled_once_with_positional_parameters():
    assert "$1" in INSERT.sql and ":id" not in INSERT.sql


def test_an_in_list_is_refused_when_the_statement_is_built():
    """An IN list is expanded into parameters per execution, which a prebuilt statement skips: it
    is refused at import time, not met as a database error on the first event."""
    with pytest.raises(ValueError, match="IN list"):
        HotStatement(select(notes.c.id).where(notes.c.id.in_(["n1", "n2"])))
