"""Async SQLAlchemy engine per service: PostgreSQL (own schema) in production, SQLite embedded."""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from fastapi import Request
from sqlalchemy import BigInteger, DateTime, Integer, Table, any_, event, literal, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.types import TypeDecorator

# Auto-incrementing 64-bit keys on PostgreSQL; SQLite only auto-increments INTEGER PRIMARY KEY.
BigIntPK = BigInteger().with_variant(Integer, "sqlite")


def is_postgres(session: AsyncSession) -> bool:
    return session.bind.dialect.name == "postgresql"


class PerDialect:
    """A statement in dialect-specific syntax (ON CONFLICT), built once for each database we run on.

    A hot path takes the prebuilt statement of its session and passes its values as parameters:
    built per call, the statement and its cache key cost more than the query.
    """

    INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}

    def __init__(self, build: Callable[[Callable], Any]) -> None:
        self._statements = {name: build(insert) for name, insert in self.INSERTS.items()}

    def for_session(self, session: AsyncSession) -> Any:
        return self._statements[session.bind.dialect.name]


def ids_match(column, ids: list, postgres: bool):
    """`column IN ids`; on PostgreSQL one array parameter (`= ANY($1)`) instead of one per id,
    which keeps a 2,000-id batch from compiling 2,000 bind parameters."""
    if postgres:
        return column == any_(literal(list(ids), ARRAY(column.type)))
    return column.in_(ids)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on both databases (SQLite stores no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Database:
    """One engine and session factory; on PostgreSQL every connection works in the service schema."""

    def __init__(self, url: str, schema: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.schema = schema
        self.is_postgres = url.startswith("postgresql")
        if self.is_postgres:
            self.engine: AsyncEngine = create_async_engine(
                url,
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_timeout=10,
                connect_args={
                    "server_settings": {"search_path": schema},
                    "timeout": 5,
                    "command_timeout": 60,
                },
            )
            event.listen(self.engine.sync_engine.pool, "checkin", _note_checkin)
            event.listen(self.engine.sync_engine.pool, "checkout", _ping_if_idle)
        else:
            self.engine = create_async_engine(url, connect_args={"timeout": 30})
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> AsyncSession:
        return self.sessionmaker()

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def advisory_xact_lock(self, session: AsyncSession, name: str) -> bool:
        """Try a transaction-scoped lock shared by every replica; SQLite runs a single process."""
        if not self.is_postgres:
            return True
        key = zlib.crc32(f"{self.schema}:{name}".encode())
        result = await session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key})
        return bool(result.scalar())

    async def migrate(self, migrations_dir: Path) -> None:
        """Bring the service schema to the newest Alembic revision; replicas wait for each other."""
        async with self.engine.begin() as conn:
            if self.is_postgres:
                key = zlib.crc32(f"{self.schema}:migrations".encode())
                await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
                await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
            await conn.run_sync(_upgrade, migrations_dir)

    async def dispose(self) -> None:
        await self.engine.dispose()


def alembic_config(migrations_dir: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return config


def _upgrade(sync_connection, migrations_dir: Path) -> None:
    config = alembic_config(migrations_dir)
    config.attributes["connection"] = sync_connection
    command.upgrade(config, "head")


# A pooled connection idle for longer than this is pinged before use. SQLAlchemy's pool_pre_ping
# pings on every checkout, which with asyncpg is three round trips (BEGIN, a query, ROLLBACK):
# under load that was a third of a short request's statements. A connection in steady use
# needs no ping; one that sat through a database restart or an outage is caught here, and one
# that broke while in use is caught on its error, which invalidates the whole pool.
PING_AFTER_IDLE_SECONDS = 1.0
_CHECKED_IN_AT = "checked_in_at"


def _note_checkin(_dbapi_connection, record) -> None:
    record.info[_CHECKED_IN_AT] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    checked_in_at = record.info.get(_CHECKED_IN_AT)
    if checked_in_at is None or time.monotonic() - checked_in_at < PING_AFTER_IDLE_SECONDS:
        return  # just connected, or in steady use
    try:
        dbapi_connection.ping()
    except Exception as exc:
        # The pool discards every connection older than now (they likely shared the outage)
        # and hands out a new one.
        raise InvalidatePoolError(f"pooled connection failed its ping: {exc}") from exc


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """FastAPI dependency: a session for one request; use cases open their own transaction."""
    async with request.app.state.ctx.db.session() as session:
        yield session


def as_utc(value: datetime | str | None) -> datetime | None:
    """Normalise a timestamp read through an aggregate (SQLite hands MAX() back as text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def append_rows(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    """Append-only rows in bulk (history, logs): COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    if is_postgres(session):
        columns = list(rows[0])
        connection = await driver_connection(session)
        await connection.copy_records_to_table(
            table.name, records=[tuple(row[c] for c in columns) for row in rows], columns=columns
        )
        return
    await session.execute(table.insert(), rows)


async def driver_connection(session: AsyncSession):
    """The asyncpg connection under a session's transaction, for COPY and array statements.

    Runs one statement through the session first so its transaction has begun on the server
    (the asyncpg adapter starts it lazily): whatever is done on the driver joins it."""
    connection = await session.connection()
    await connection.exec_driver_sql("SELECT 1")
    raw = await connection.get_raw_connection()
    return raw.driver_connection
