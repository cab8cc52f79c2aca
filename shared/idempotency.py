"""`Idempotency-Key` on retryable writes: the first response is stored and replayed."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from fastapi import Request, Response
from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import caller_of
from shared.db import HotStatement
from shared.errors import DomainError, problem
from shared.recurrence import Recurrence
from shared.rfc3339 import format_time
from shared.scheduler import CatchUp, Occurrence, Schedule

if TYPE_CHECKING:
    from shared.app import ServiceContext

HEADER = "Idempotency-Key"
RETRYABLE_METHODS = {"POST", "PUT", "PATCH"}
_HEADER_NAME = HEADER.lower().encode()
EXPIRY_SCHEDULE = "idempotency-keys"


class Idempotency:
    """Only a retryable write carrying the header takes the keyed path; every other request passes
    straight through. Plain ASGI (no per-request task and memory stream): the body is read once and
    replayed to the app, the response is buffered, stored, then sent. The key is claimed and the
    response stored with two prebuilt statements, each its own implicit transaction on PostgreSQL
    (`HotStatement.fetch_alone`, no session). Installed by the platform middleware (shared/app.py
    `_Platform`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in RETRYABLE_METHODS:
            for name, value in scope["headers"]:
                if name == _HEADER_NAME:
                    await _keyed(self.app, scope, receive, send, value.decode("latin-1"))
                    return
        await self.app(scope, receive, send)


async def _keyed(app: ASGIApp, scope: Scope, receive: Receive, send: Send, key: str) -> None:
    request = Request(scope, receive)
    try:
        await _handle(app, request, send, key)
    except (OperationalError, InterfaceError, OSError, PoolTimeout):
        # Outside the app's exception handlers: answer 503 here.
        await problem(
            request, 503, "database-unavailable", "Service unavailable",
            "The database cannot be reached; retry later. Nothing was changed.",
            headers={"Retry-After": "5"},
        )(scope, receive, send)


async def _handle(app: ASGIApp, request: Request, send: Send, key: str) -> None:
    """Replay the stored response of a repeated key; run the request and store the first one."""
    scope = request.scope
    if len(key) > 200:
        await problem(
            request, 422, "invalid-input", "Invalid input", f"{HEADER} is longer than 200 characters",
            errors=[{"field": HEADER, "message": "at most 200 characters"}],
        )(scope, request.receive, send)
        return
    ctx = request.app.state.ctx
    statements = _statements(ctx.tables["idempotency_keys"])
    caller = await _caller_scope(request)
    body = await request.body()
    fingerprint = hashlib.sha256(scope["method"].encode() + b" " + request.url.path.encode() + b"\n"
                                 + body).hexdigest()
    where = {"w_caller": caller, "w_key": key}
    claimed = await statements.claim.fetch_alone(ctx.db, {
        "caller": caller, "key": key, "fingerprint": fingerprint, "created_at": ctx.clock.now()})
    if not claimed:
        stored = await statements.stored.fetch_alone(ctx.db, where)
        if stored:  # (else it expired or failed in between: run the request anew)
            await _replay(request, send, *stored[0], fingerprint)
            return

    body_given = False

    async def replay_body() -> Message:
        nonlocal body_given
        if body_given:
            return await request.receive()  # (only a disconnect is left to come)
        body_given = True
        return {"type": "http.request", "body": body, "more_body": False}

    start: Message = {}
    chunks: list[bytes] = []

    async def buffer(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    try:
        await app(scope, replay_body, buffer)
    except Exception:
        await statements.forget.fetch_alone(ctx.db, where)  # a retry may succeed
        raise
    status = start["status"]
    content = b"".join(chunks)
    if status >= 500:
        await statements.forget.fetch_alone(ctx.db, where)  # a retry may succeed
    else:
        content_type = next((value.decode("latin-1") for name, value in start.get("headers", ())
                             if name == b"content-type"), None)
        await statements.store.fetch_alone(ctx.db, {
            **where, "status_code": status, "response_body": content.decode("utf-8", "replace"),
            "content_type": content_type})
    await send(start)
    await send({"type": "http.response.body", "body": content, "more_body": False})


async def _replay(request: Request, send: Send, status_code: int | None, response_body: str | None,
                  content_type: str | None, fingerprint: str, this_fingerprint: str) -> None:
    if fingerprint != this_fingerprint:
        response = problem(
            request, 422, "idempotency-key-reused", "Idempotency-Key reused",
            f"This {HEADER} was used for a different request",
            errors=[{"field": HEADER, "message": "used for a different request"}],
        )
    elif status_code is None:
        response = problem(
            request, 409, "request-in-progress", "Request in progress",
            f"A request with this {HEADER} is still being processed",
        )
    else:
        response = Response(response_body or b"", status_code=status_code, media_type=content_type,
                            headers={"Idempotent-Replayed": "true"})
    await response(request.scope, request.receive, send)


@dataclass(frozen=True)
class _Statements:
    claim: HotStatement  # -> the key when this request claimed it, nothing when it was there
    stored: HotStatement  # -> (status, body, content type, fingerprint) of the stored reply
    store: HotStatement
    forget: HotStatement


@functools.cache
def _statements(table: Table) -> _Statements:
    where = (table.c.caller == bindparam("w_caller")) & (table.c.key == bindparam("w_key"))
    return _Statements(
        claim=HotStatement(
            pg_insert(table).values(caller=bindparam("caller"), key=bindparam("key"),
                                    fingerprint=bindparam("fingerprint"), created_at=bindparam("created_at"))
            .on_conflict_do_nothing().returning(table.c.key)),
        stored=HotStatement(select(table.c.status_code, table.c.response_body, table.c.content_type,
                                   table.c.fingerprint).where(where)),
        store=HotStatement(table.update().where(where).values(
            status_code=bindparam("status_code"), response_body=bindparam("response_body"),
            content_type=bindparam("content_type")).returning(table.c.key)),
        forget=HotStatement(delete(table).where(where).returning(table.c.key)),
    )


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
