"""Real parts for the notification tests: services served over TCP, a webhook receiver that
verifies signatures with the Standard Webhooks reference library, events published as the
other services publish them."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import uvicorn
from aiokafka import AIOKafkaProducer
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from shared.events.envelope import Event, new_event
from shared.launcher import KEEP_ALIVE_SECONDS
from shared.rfc3339 import format_time
from tests.support import free_port


@contextlib.asynccontextmanager
async def serving(app, port: int | None = None) -> AsyncIterator[str]:
    """The ASGI app on a real TCP port of 127.0.0.1 (lifespan included); yields its base URL."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="auto",
                       timeout_keep_alive=KEEP_ALIVE_SECONDS)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


class Receiver:
    """A partner's webhook endpoint: verifies each request's signature with the reference library
    and answers 204, or fails on purpose (`status` 5xx/4xx, or `delay` longer than the timeout)."""

    def __init__(self, secret: str | None = None) -> None:
        self.secrets: list[str] = [secret] if secret else []
        self.port = free_port()
        self.status = 204
        self.delay = 0.0
        self.received: list[dict[str, Any]] = []  # verified requests answered 2xx
        self.refused: list[dict[str, Any]] = []  # requests answered with a failure on purpose
        self.unverified = 0
        self._server: contextlib.AbstractAsyncContextManager | None = None
        self.url = f"http://127.0.0.1:{self.port}/hook"

    async def _hook(self, request: Request) -> Response:
        body = await request.body()
        headers = dict(request.headers)
        envelope = None
        for secret in self.secrets:
            with contextlib.suppress(WebhookVerificationError):
                envelope = Webhook(secret).verify(body, headers)
                break
        if envelope is None:
            self.unverified += 1
            return Response(status_code=401)
        note = {
            "webhook_id": headers["webhook-id"],
            "type": envelope["type"],
            "subject": envelope["subject"],
            "envelope": envelope,
            "signatures": headers["webhook-signature"].count("v1,"),
            "at": time.time(),
        }
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status >= 300:
            self.refused.append(note)
            return Response(status_code=self.status)
        self.received.append(note)
        return Response(status_code=self.status)

    async def start(self) -> Receiver:
        self._server = serving(Starlette(routes=[Route("/hook", self._hook, methods=["POST"])]), self.port)
        await self._server.__aenter__()
        return self

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.__aexit__(None, None, None)
            self._server = None

    def ids(self) -> list[str]:
        return [note["webhook_id"] for note in self.received]


def iso(moment: datetime | None = None) -> str:
    return format_time(moment or datetime.now(UTC))


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def invitation_created(
    customer_id: str, invitation_id: str, kind: str = "invitation", priority: str | None = None, **extra: Any
) -> Event:
    return new_event(
        "invitation-created",
        "survey",
        customer_id,
        {
            "customer_id": customer_id,
            "invitation_id": invitation_id,
            "survey_id": "default",
            "kind": kind,
            "reminder_number": 1 if kind == "reminder" else None,
            "priority": priority,
            "created_at": iso(),
            **extra,
        },
        None,
    )


def ticket_created(customer_id: str, ticket_id: str | None = None) -> Event:
    return new_event(
        "ticket-created",
        "feedback",
        customer_id,
        {
            "customer_id": customer_id,
            "ticket_id": ticket_id or new_id("T"),
            "priority": "P2",
            "type": "problem",
            "channel": "web",
            "category": "technical",
            "created_at": iso(),
        },
        None,
    )


async def publish(bootstrap: str, *events: Event, prefix: str = "") -> None:
    """Produce CloudEvents envelopes as the other services do (topic = prefix + type, key = subject)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, linger_ms=5)
    await producer.start()
    try:
        for event in events:
            value, key = event.to_json().encode(), event.subject.encode()
            await producer.send(prefix + event.type, value=value, key=key)
        await producer.flush()
    finally:
        await producer.stop()
