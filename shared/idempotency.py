"""`Idempotency-Key` on retryable writes: the first response is stored and replayed."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from fastapi import Request, Response
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.auth import caller_of
from shared.errors import DomainError, problem
from shared.recurrence import Recurrence
from shared.rfc3339 import format_time
from shared.scheduler import CatchUp, Occurrence, Schedule

if TYPE_CHECKING:
    from shared.app import ServiceContext

HEADER = "Idempotency-Key"
RETRYABLE_METHODS = {"POST", "PUT", "PATCH"}
EXPIRY_SCHEDULE = "idempotency-keys"


class Idempotency:
    """Only a retryable write carrying the header takes the buffering path; every other request
    passes straight through (plain ASGI, no per-request task and stream). Installed by the
    platform middleware (shared/app.py `_Platform`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.keyed = BaseHTTPMiddleware(app, dispatch=_idempotent)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] in RETRYABLE_METHODS
                and HEADER.lower().encode() in (name for name, _ in scope["headers"])):
            await self.keyed(scope, receive, send)
        else:
            await self.app(scope, receive, send)


async def _idempotent(request: Request, call_next):
    try:
        return await _handle(request, call_next)
    except (OperationalError, InterfaceError, OSError, PoolTimeout):
        # Middleware runs outside the app's exception handlers: answer 503 here.
        return problem(
            request, 503, "database-unavailable", "Service unavailable",
            "The database cannot be reached; retry later. Nothing was changed.",
            headers={"Retry-After": "5"},
        )


async def _handle(request: Request, call_next):
    """Replay the stored response of a repeated key; store the first one."""
    key = request.headers.get(HEADER)
    if request.method not in RETRYABLE_METHODS or not key:
        return await call_next(request)
    if len(key) > 200:
        return problem(
            request, 422, "invalid-input", "Invalid input",
            f"{HEADER} is longer than 200 characters",
            errors=[{"field": HEADER, "message": "at most 200 characters"}],
        )
    ctx = request.app.state.ctx
    table = ctx.tables["idempotency_keys"]
    caller = await _caller_scope(request)
    body = await request.body()
    fingerprint = hashlib.sha256(
        request.method.encode() + b" " + request.url.path.encode() + b"\n" + body
    ).hexdigest()
    async with ctx.db.session() as session:
        try:
            async with session.begin():
                await session.execute(
                    table.insert().values(
                        caller=caller, key=key, fingerprint=fingerprint,
                        created_at=ctx.clock.now(),
                    )
                )
        except IntegrityError:
            stored = (
                await session.execute(
                    select(table).where(table.c.caller == caller, table.c.key == key)
                )
            ).one()
            if stored.fingerprint != fingerprint:
                return problem(
                    request, 422, "idempotency-key-reused", "Idempotency-Key reused",
                    f"This {HEADER} was used for a different request",
                    errors=[{"field": HEADER, "message": "used for a different request"}],
                )
            if stored.status_code is None:
                return problem(
                    request, 409, "request-in-progress", "Request in progress",
                    f"A request with this {HEADER} is still being processed",
                )
            return Response(
                stored.response_body or b"",
                status_code=stored.status_code,
                media_type=stored.content_type,
                headers={"Idempotent-Replayed": "true"},
            )
    response = await call_next(request)
    content = b"".join([chunk async for chunk in response.body_iterator])
    async with ctx.db.session() as session, session.begin():
        where = (table.c.caller == caller) & (table.c.key == key)
        if response.status_code >= 500:
            await session.execute(delete(table).where(where))  # a retry may succeed
        else:
            await session.execute(
                table.update().where(where).values(
                    status_code=response.status_code,
                    response_body=content.decode("utf-8", "replace"),
                    content_type=response.media_type or response.headers.get("content-type"),
                )
            )
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return Response(content, status_code=response.status_code, headers=headers)


async def _caller_scope(request: Request) -> str:
    """Keys are per verified caller; unauthenticated public calls are scoped to their path."""
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        try:
            caller = await caller_of(request, authorization[7:])
            return f"sub:{caller.subject}"
        except DomainError:
            pass
    return f"path:{request.url.path}"


async def _forget_expired(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    """Delete the kept responses older than `CRM_IDEMPOTENCY_KEY_HOURS` (a retry with such a key then
    runs as a new request)."""
    table = ctx.tables["idempotency_keys"]
    cutoff = occurrence.now - timedelta(hours=ctx.settings.idempotency_key_hours)
    async with ctx.db.session() as session, session.begin():
        forgotten = (await session.execute(delete(table).where(table.c.created_at < cutoff))).rowcount
    return {"cutoff": format_time(cutoff), "forgotten": forgotten or 0}


EXPIRY = Schedule(
    EXPIRY_SCHEDULE,
    Recurrence.every_minutes(60),
    _forget_expired,
    "Forgets the responses kept for Idempotency-Key retries once they are older than "
    "CRM_IDEMPOTENCY_KEY_HOURS (24 by default)",
    catch_up=CatchUp.LATEST,
)
