"""Rate limits of the public (token) endpoints: fixed windows per token and per client address.

The counters live in the database, not in process memory, so every replica counts the same
hits; an in-process counter would let N replicas accept N times the limit.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta

from fastapi import Request

from services.survey import repository
from services.survey.metrics import RATE_LIMITED
from services.survey.settings import SurveySettings
from shared.app import ServiceContext
from shared.errors import TooManyRequests


def window_start(now: datetime, seconds: int) -> datetime:
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, UTC)


async def enforce_invitation_limits(request: Request, token: str) -> None:
    """Dependency of the public routes: count the call, refuse it with 429 past a limit."""
    ctx: ServiceContext = request.app.state.ctx
    settings: SurveySettings = ctx.settings
    now = datetime.now(UTC)
    start = window_start(now, settings.rate_limit_window_seconds)
    # Uvicorn's --proxy-headers puts the X-Forwarded-For address here behind a trusted proxy.
    client = request.client.host if request.client else "unknown"
    token_key = hashlib.sha256(token.encode()).hexdigest()[:40]  # never store the token itself
    token_bucket, client_bucket = f"token:{token_key}", f"client:{client}"
    hits = await repository.count_hits(ctx.db, [token_bucket, client_bucket], start)
    token_hits, client_hits = hits[token_bucket], hits[client_bucket]
    window_end = start + timedelta(seconds=settings.rate_limit_window_seconds)
    retry_after = int((window_end - now).total_seconds()) + 1
    for scope, hits, limit in (
        ("client", client_hits, settings.rate_limit_per_client),
        ("token", token_hits, settings.rate_limit_per_token),
    ):
        if hits > limit:
            RATE_LIMITED.labels(scope).inc()
            raise TooManyRequests(
                f"Too many requests for this {scope}: at most {limit} per "
                f"{settings.rate_limit_window_seconds} s; retry in {retry_after} s",
                field="token" if scope == "token" else None,
                limit=limit, scope=scope, retry_after_seconds=retry_after,
            )


async def rate_limit_janitor(ctx: ServiceContext) -> None:
    """Worker: drop finished windows; one replica at a time (advisory lock)."""
    settings: SurveySettings = ctx.settings
    while True:
        async with ctx.db.session() as session, session.begin():
            if await ctx.db.advisory_xact_lock(session, "rate-limit-janitor"):
                cutoff = datetime.now(UTC) - timedelta(seconds=2 * settings.rate_limit_window_seconds)
                await repository.drop_windows_before(session, cutoff)
        await asyncio.sleep(max(settings.rate_limit_window_seconds, settings.sweep_interval_seconds))
