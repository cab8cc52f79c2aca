"""Queries of the console's own tables: sessions and sign-ins under way."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.console.models import ConsoleSessionRow, SignInAttemptRow


async def add_session(session: AsyncSession, row: ConsoleSessionRow) -> None:
    session.add(row)


async def session_by_hash(session: AsyncSession, id_hash: str) -> ConsoleSessionRow | None:
    return await session.scalar(select(ConsoleSessionRow).where(ConsoleSessionRow.id_hash == id_hash))


async def touch_session(session: AsyncSession, id_hash: str, seen_at: datetime, expires_at: datetime) -> None:
    await session.execute(
        update(ConsoleSessionRow)
        .where(ConsoleSessionRow.id_hash == id_hash)
        .values(last_seen_at=seen_at, expires_at=expires_at)
    )


async def set_language(session: AsyncSession, id_hash: str, language: str) -> None:
    await session.execute(
        update(ConsoleSessionRow).where(ConsoleSessionRow.id_hash == id_hash).values(language=language)
    )


async def replace_tokens(
    session: AsyncSession,
    id_hash: str,
    access_token: str,
    refresh_token: str | None,
    token_expires_at: datetime,
) -> None:
    await session.execute(
        update(ConsoleSessionRow)
        .where(ConsoleSessionRow.id_hash == id_hash)
        .values(access_token=access_token, refresh_token=refresh_token, token_expires_at=token_expires_at)
    )


async def delete_session(session: AsyncSession, id_hash: str) -> ConsoleSessionRow | None:
    row = await session_by_hash(session, id_hash)
    if row is not None:
        await session.delete(row)
    return row


async def add_sign_in(session: AsyncSession, row: SignInAttemptRow) -> None:
    session.add(row)


async def take_sign_in(session: AsyncSession, state: str, now: datetime) -> SignInAttemptRow | None:
    """The sign-in of this state, removed so it is used once; None when unknown or expired."""
    row = await session.scalar(select(SignInAttemptRow).where(SignInAttemptRow.state == state))
    if row is None:
        return None
    await session.delete(row)
    return row if row.expires_at > now else None


async def delete_expired(session: AsyncSession, now: datetime) -> tuple[int, int]:
    """Drop ended sessions and abandoned sign-ins; any replica may run it (deletes are idempotent)."""
    sessions = await session.execute(delete(ConsoleSessionRow).where(ConsoleSessionRow.expires_at <= now))
    attempts = await session.execute(delete(SignInAttemptRow).where(SignInAttemptRow.expires_at <= now))
    return sessions.rowcount or 0, attempts.rowcount or 0
