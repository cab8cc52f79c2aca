"""Async SQLAlchemy engine per service: PostgreSQL (own schema) in production, SQLite embedded."""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import structlog
from alembic import command
from alembic.config import Config
from fastapi import Request
from sqlalchemy import BigInteger, DateTime, Integer, Table, any_, event, literal, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.exc import DBAPIError, InvalidatePoolError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import await_only, greenlet_spawn

from shared.tracing import statement_span, traces_statements

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

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession | DriverTransaction]:
        """One transaction for a use case that runs only HotStatements (and the outbox's rows beside
        them): on PostgreSQL straight on a pooled asyncpg connection, without a session around it
        (its begin, connection lookup, commit and close cost a hot path as much CPU as a statement);
        elsewhere a session's transaction. Committed when the block ends, rolled back on an error."""
        if not self.is_postgres:
            async with self.session() as session, session.begin():
                yield session
            return
        transaction = await greenlet_spawn(DriverTransaction.begin_on, self)
        await transaction.start()
        try:
            yield transaction
        except BaseException:
            await transaction.rollback()
            raise
        await transaction.commit()

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


class DriverTransaction:
    """What HotStatement and the outbox need of a session, for `Database.transaction`: the engine
    (`bind`), a pooled connection with an asyncpg transaction on it, and `info` for what is to
    happen after the commit (AFTER_COMMIT). It holds no ORM objects (`new`, `dirty` and `deleted`
    stay empty)."""

    new = dirty = deleted = ()
    AFTER_COMMIT: list[Callable[[dict[str, Any]], None]] = []  # each called with `info`

    def __init__(self, db: Database, pooled: Any) -> None:
        self.bind = db.engine
        self.info: dict[str, Any] = {}
        self._pooled = pooled
        self.adapted = pooled.dbapi_connection
        self.driver_transaction = self.adapted._connection.transaction()

    @classmethod
    def begin_on(cls, db: Database) -> DriverTransaction:
        """Check a connection out of the engine's pool (inside SQLAlchemy's greenlet)."""
        engine = db.engine.sync_engine
        try:
            return cls(db, engine.raw_connection())
        except engine.dialect.loaded_dbapi.Error as error:  # as a session reports it: 503, not 500
            raise DBAPIError.instance(None, None, error, engine.dialect.loaded_dbapi.Error,
                                      dialect=engine.dialect) from error

    async def start(self) -> None:
        await self._transaction_step(self.driver_transaction.start(), "BEGIN")

    async def commit(self) -> None:
        """Commit, give the connection back to the pool, then run the AFTER_COMMIT hooks."""
        await self._transaction_step(self.driver_transaction.commit(), "COMMIT")
        await greenlet_spawn(self._pooled.close)
        for hook in self.AFTER_COMMIT:
            hook(self.info)

    async def rollback(self) -> None:
        """Roll back and give the connection back to the pool. A connection that cannot roll back
        is dropped quietly: the error that led here is the one the caller is to see."""
        try:
            await self.driver_transaction.rollback()
        except Exception:
            await greenlet_spawn(self._pooled.invalidate)
            return
        except BaseException:
            await greenlet_spawn(self._pooled.invalidate)
            raise
        await greenlet_spawn(self._pooled.close)

    async def _transaction_step(self, step: Awaitable[None], sql: str) -> None:
        """BEGIN or COMMIT; if it fails the connection is dropped (its state is unknown) and the
        error raised as SQLAlchemy's."""
        try:
            await step
        except Exception as error:
            await greenlet_spawn(self._pooled.invalidate)
            _raise_as_sqlalchemy(self.adapted, self.bind.dialect, sql, (), error)
        except BaseException:  # cancelled half-way
            await greenlet_spawn(self._pooled.invalidate)
            raise


def _raise_as_sqlalchemy(adapted: Any, dialect: Any, sql: str, arguments: Any, error: Exception) -> None:
    """Raise a driver error as the SQLAlchemy exception the same error raises through a session
    (IntegrityError, OperationalError...), so the error handlers answer as for any statement."""
    try:
        adapted._handle_exception(error)  # raises the adapter's DB-API exception
    except Exception as dbapi_error:
        raise DBAPIError.instance(sql, arguments, dbapi_error, dialect.loaded_dbapi.Error,
                                  dialect=dialect) from error
    raise error


async def driver_connection(session: AsyncSession):
    """The asyncpg connection under a session's transaction, for COPY and array statements.

    The transaction is begun on the server first if the session has not yet run a statement (the
    asyncpg adapter starts it lazily): whatever is done on the driver joins it."""
    return (await _adapted_connection(session))._connection


_ADAPTED_KEY = "hot_statement_connection"  # in session.info: (its transaction, the adapter)


async def _adapted_connection(session: AsyncSession):
    """SQLAlchemy's adapter of the asyncpg connection of the session's transaction, begun."""
    if isinstance(session, DriverTransaction):
        return session.adapted
    # Remembered for the session's transaction: a use case runs several statements in one, and
    # looking the connection up through the session costs about as much as a short statement.
    transaction = session.sync_session.get_transaction()
    remembered = session.info.get(_ADAPTED_KEY)
    if transaction is not None and remembered is not None and remembered[0] is transaction:
        return remembered[1]
    connection = await session.connection()
    adapted = (await connection.get_raw_connection()).dbapi_connection
    if adapted._transaction is None:
        await adapted._start_transaction()
    session.info[_ADAPTED_KEY] = (session.sync_session.get_transaction(), adapted)
    return adapted


class HotStatement:
    """A Core statement on a hot path, compiled once and run with its values as parameters.

    On PostgreSQL it runs straight on the asyncpg connection of the session's transaction (asyncpg
    keeps it prepared per connection): SQLAlchemy's execution around it (session, execution
    context, result objects, the adapter's own statement cache and lock) costs about as much CPU
    again as asyncpg itself. The columns' bind processing (JSON, UTC datetimes) is SQLAlchemy's,
    taken from the compiled statement, and a driver error is raised as the SQLAlchemy exception
    the same error raises through a session, so the error handlers answer as for any statement.
    On SQLite the session executes the statement as usual.

    Name every value with `bindparam` (an insert lists its columns with `.values(...)`): the
    statement is compiled once, not per set of values. `fetch` returns plain tuples."""

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        compiled = statement.compile(dialect=_ASYNCPG_DIALECT)
        self.sql = compiled.string
        if "POSTCOMPILE" in self.sql:  # an IN list is expanded per execution, which this skips
            raise ValueError("a HotStatement cannot hold an IN list; compare with = ANY(array) or OR")
        processors = compiled._bind_processors
        # (name, bind processor or None) in the order of the positional parameters $1, $2, ...
        self._binds = tuple((name, processors.get(name)) for name in compiled.positiontup)
        # Values the statement carries itself (a literal, the 1 of `hits + 1`).
        self._fixed = {name: bind.effective_value for name, bind in compiled.binds.items()
                       if not bind.required}

    async def execute(self, session: AsyncSession, values: dict[str, Any]) -> None:
        if session.bind.dialect.name != "postgresql":
            await session.execute(self.statement, values)
            return
        await self._run(session, values, fetch=False)

    async def fetch(self, session: AsyncSession, values: dict[str, Any]) -> list[tuple]:
        if session.bind.dialect.name != "postgresql":
            return [tuple(row) for row in (await session.execute(self.statement, values)).all()]
        return [tuple(record) for record in await self._run(session, values, fetch=True)]

    async def fetch_alone(self, db: Database, values: dict[str, Any]) -> list[tuple]:
        """A statement atomic on its own (an upsert counting a hit): on PostgreSQL it runs on a
        pooled connection in its own implicit transaction, without the BEGIN and COMMIT round trips
        of a session's; elsewhere in a session's transaction."""
        if not db.is_postgres:
            async with db.session() as session, session.begin():
                return await self.fetch(session, values)
        return await greenlet_spawn(self._alone, db, values)

    def _alone(self, db: Database, values: dict[str, Any]) -> list[tuple]:
        """Run inside SQLAlchemy's greenlet: the connection is checked out of the engine's pool and
        back in directly, without the `AsyncConnection` around it (whose start, raw-connection
        lookup and close, each a greenlet switch, cost as much CPU as the statement itself)."""
        engine = db.engine.sync_engine
        try:
            pooled = engine.raw_connection()
        except engine.dialect.loaded_dbapi.Error as error:  # as a session reports it: 503, not 500
            raise DBAPIError.instance(None, None, error, engine.dialect.loaded_dbapi.Error,
                                      dialect=engine.dialect) from error
        try:
            records = await_only(self._on_driver(pooled.dbapi_connection, db.engine.dialect, values,
                                                 fetch=True))
        finally:
            pooled.close()  # back to the pool (no transaction was begun on it: nothing to reset)
        return [tuple(record) for record in records]

    async def _run(self, session: AsyncSession, values: dict[str, Any], *, fetch: bool) -> Any:
        if session.new or session.dirty or session.deleted:
            await session.flush()  # as the session's autoflush would: the statement sees them
        adapted = await _adapted_connection(session)
        return await self._on_driver(adapted, session.bind.dialect, values, fetch=fetch)

    async def _on_driver(self, adapted: Any, dialect: Any, values: dict[str, Any], *, fetch: bool) -> Any:
        if self._fixed:
            values = {**self._fixed, **values}
        arguments = [values[name] if processor is None else processor(values[name])
                     for name, processor in self._binds]
        if traces_statements(dialect):
            with statement_span(self.sql):
                return await self._send(adapted, dialect, arguments, fetch=fetch)
        return await self._send(adapted, dialect, arguments, fetch=fetch)

    async def _send(self, adapted: Any, dialect: Any, arguments: list[Any], *, fetch: bool) -> Any:
        driver = adapted._connection
        try:
            if fetch:
                return await driver.fetch(self.sql, *arguments)
            return await driver.execute(self.sql, *arguments)
        except Exception as error:
            _raise_as_sqlalchemy(adapted, dialect, self.sql, arguments, error)
            raise


_ASYNCPG_DIALECT = PGDialect_asyncpg()


T = TypeVar("T")
DEADLOCK_ATTEMPTS = 3
DEADLOCK_DETECTED = "40P01"


async def again_on_deadlock(run: Callable[[], Awaitable[T]], use_case: str) -> T:
    """Run a use case that owns its transaction; run it again when PostgreSQL ended it in a
    deadlock (up to DEADLOCK_ATTEMPTS times in all).

    Writers take their row locks in one order (the customer's row first), which leaves the
    deadlocks PostgreSQL can still find between a request and a background job rare, not
    impossible; the transaction it ends kept nothing, so running it again is safe."""
    for attempt in range(1, DEADLOCK_ATTEMPTS + 1):
        try:
            return await run()
        except DBAPIError as exc:
            deadlock = getattr(exc.orig, "sqlstate", None) == DEADLOCK_DETECTED
            if not deadlock or attempt == DEADLOCK_ATTEMPTS:
                raise
            structlog.get_logger().warning("deadlock_retried", use_case=use_case, attempt=attempt)
    raise AssertionError("unreachable")
