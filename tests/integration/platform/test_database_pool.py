"""Pooled PostgreSQL connections: a connection that died while idle is replaced before use."""

import asyncio

import asyncpg
from sqlalchemy import text

import shared.db
from shared.db import Database
from tests.conftest import PG_ADMIN_DSN


async def _backend_pid(db: Database) -> int:
    async with db.session() as session:
        return await session.scalar(text("SELECT pg_backend_pid()"))


async def test_a_connection_killed_while_idle_is_replaced_and_the_request_succeeds(database_url, monkeypatch):
    monkeypatch.setattr(shared.db, "PING_AFTER_IDLE_SECONDS", 0.2)
    db = Database(database_url, "public", pool_size=1)
    try:
        first = await _backend_pid(db)
        assert await _backend_pid(db) == first  # in steady use: the same pooled connection
        admin = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", first)
        finally:
            await admin.close()
        await asyncio.sleep(0.4)  # idle past the ping threshold
        second = await _backend_pid(db)  # no error reaches the caller
        assert second != first
    finally:
        await db.dispose()
