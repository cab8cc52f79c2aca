"""Sessions: who is signed in, with which token, until when; sign-in as a demo user; sign-out.

The browser holds only a random session id in an HttpOnly cookie; the access token stays in the
console's table, keyed by the id's SHA-256, and is sent to the services from here, never to the page.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
import structlog

from services.console import repository
from services.console.domain.access import demo_user
from services.console.metrics import SIGN_INS
from services.console.models import ConsoleSessionRow
from services.console.settings import ConsoleSettings
from shared.app import ServiceContext
from shared.auth import Role, issue_token
from shared.errors import Forbidden

log = structlog.get_logger()
# Writing last-seen on every request would make each page view a write; once a minute keeps the
# idle timeout exact to the minute.
TOUCH_EVERY = timedelta(seconds=60)
# An OpenID Connect token this close to its expiry is refreshed before it is used.
REFRESH_MARGIN = timedelta(seconds=60)


@dataclass(frozen=True)
class ConsoleUser:
    subject: str
    roles: frozenset[Role]
    team: str | None
    language: str
    csrf_token: str
    access_token: str
    id_hash: str
    sign_in_method: str


def hash_session_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _user(row: ConsoleSessionRow) -> ConsoleUser:
    roles = frozenset(Role(r) for r in row.roles if r in Role._value2member_map_)
    return ConsoleUser(
        row.subject,
        roles,
        row.team,
        row.language,
        row.csrf_token,
        row.access_token,
        row.id_hash,
        row.sign_in_method,
    )


async def start_session(
    ctx: ServiceContext,
    *,
    subject: str,
    roles: list[str],
    team: str | None,
    access_token: str,
    token_expires_at: datetime,
    language: str,
    method: str,
    now: datetime,
    refresh_token: str | None = None,
    id_token: str | None = None,
) -> str:
    """Store a new session and return the id the cookie carries (the only place it exists)."""
    settings: ConsoleSettings = ctx.settings  # type: ignore[assignment]
    session_id = secrets.token_urlsafe(32)
    row = ConsoleSessionRow(
        id_hash=hash_session_id(session_id),
        subject=subject,
        roles=sorted(roles),
        team=team,
        sign_in_method=method,
        access_token=access_token,
        refresh_token=refresh_token,
        id_token=id_token,
        token_expires_at=token_expires_at,
        csrf_token=secrets.token_urlsafe(32),
        language=language,
        created_at=now,
        last_seen_at=now,
        expires_at=min(
            now + timedelta(seconds=settings.session_idle_seconds),
            token_expires_at,
            now + timedelta(seconds=settings.session_max_seconds),
        ),
    )
    async with ctx.db.session() as session, session.begin():
        await repository.add_session(session, row)
    SIGN_INS.labels(method, "ok").inc()
    log.info("console_signed_in", subject=subject, method=method)
    return session_id


async def sign_in_demo(ctx: ServiceContext, subject: str, language: str, now: datetime) -> str:
    """Development only: a session for one of the demo users, its token minted with the JWT secret."""
    settings: ConsoleSettings = ctx.settings  # type: ignore[assignment]
    user = demo_user(subject)
    if not settings.demo_sign_in_enabled or user is None:
        raise Forbidden("Demo sign-in is not available")
    lifetime = settings.session_max_seconds
    token = issue_token(
        settings.jwt_secret,
        user.subject,
        [r.value for r in user.roles],
        permissions=list(user.permissions) or None,
        ttl_seconds=lifetime,
        extra_claims={"team": user.team} if user.team else None,
    )
    return await start_session(
        ctx,
        subject=user.subject,
        roles=[r.value for r in user.roles],
        team=user.team,
        access_token=token,
        token_expires_at=now + timedelta(seconds=lifetime),
        language=language,
        method="demo",
        now=now,
    )


async def current_user(ctx: ServiceContext, session_id: str | None, now: datetime) -> ConsoleUser | None:
    """The user of a session cookie, or None when there is none or it has ended (then removed)."""
    if not session_id or len(session_id) > 200:
        return None
    settings: ConsoleSettings = ctx.settings  # type: ignore[assignment]
    id_hash = hash_session_id(session_id)
    async with ctx.db.session() as session, session.begin():
        row = await repository.session_by_hash(session, id_hash)
        if row is None:
            return None
        if row.expires_at <= now:
            await session.delete(row)
            return None
        if row.token_expires_at - REFRESH_MARGIN <= now and row.sign_in_method == "oidc":
            refreshed = await _refresh(ctx, row, now)
            if refreshed is None:
                await session.delete(row)
                return None
        elif row.token_expires_at <= now:
            await session.delete(row)
            return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            expires_at = min(
                now + timedelta(seconds=settings.session_idle_seconds),
                row.created_at + timedelta(seconds=settings.session_max_seconds),
            )
            await repository.touch_session(session, id_hash, now, expires_at)
        return _user(row)


async def _refresh(ctx: ServiceContext, row: ConsoleSessionRow, now: datetime) -> ConsoleSessionRow | None:
    """Renew an identity provider's token with its refresh token; None when that is not possible."""
    provider = ctx.state.get("oidc")
    if provider is None or not row.refresh_token:
        return None
    try:
        tokens = await provider.refresh(row.refresh_token)
    except Exception as exc:  # a refused or failed refresh ends the session: sign in again
        log.info("console_refresh_failed", subject=row.subject, error=type(exc).__name__)
        return None
    row.access_token = tokens["access_token"]
    row.refresh_token = tokens.get("refresh_token") or row.refresh_token
    row.token_expires_at = token_expiry(tokens["access_token"], now)
    return row


def token_expiry(access_token: str, now: datetime) -> datetime:
    """The `exp` of a (verified elsewhere) JWT access token."""
    claims = jwt.decode(access_token, options={"verify_signature": False})
    exp = claims.get("exp")
    return datetime.fromtimestamp(exp, tz=now.tzinfo) if exp else now + timedelta(minutes=5)


async def end_session(ctx: ServiceContext, session_id: str | None) -> ConsoleSessionRow | None:
    if not session_id:
        return None
    async with ctx.db.session() as session, session.begin():
        return await repository.delete_session(session, hash_session_id(session_id))


async def change_language(ctx: ServiceContext, user: ConsoleUser, language: str) -> None:
    async with ctx.db.session() as session, session.begin():
        await repository.set_language(session, user.id_hash, language)


async def expired_session_janitor(ctx: ServiceContext) -> None:
    """Worker: removes ended sessions and abandoned sign-ins every minute."""
    from datetime import UTC

    while True:
        try:
            async with ctx.db.session() as session, session.begin():
                sessions, attempts = await repository.delete_expired(session, datetime.now(UTC))
            if sessions or attempts:
                log.info("console_sessions_expired", sessions=sessions, sign_ins=attempts)
        except Exception:
            log.exception("console_janitor_failed")
        await asyncio.sleep(60)
