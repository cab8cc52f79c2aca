"""The service skeleton: lifespan (DB, migrations, relay, consumer, workers) and platform routes."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import MetaData, Table
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.audit import AUDIT_TABLE, audit_router
from shared.auth import VerifiedTokens
from shared.business_time import DEFAULT_BUSINESS_TIMEZONE, zone_named
from shared.clock import Clock
from shared.contract import contract_router
from shared.db import Database
from shared.errors import DEFAULT_RETRY_AFTER_SECONDS, install_error_handlers, problem
from shared.events.consumer import EventConsumer
from shared.events.envelope import Event
from shared.events.outbox import Outbox, OutboxRelay
from shared.idempotency import EXPIRY as IDEMPOTENCY_EXPIRY
from shared.idempotency import Idempotency
from shared.logging import bind_request_id, configure_logging, new_request_id
from shared.metrics import HttpMetrics, install_http_metrics
from shared.scheduler import Schedule, Scheduler
from shared.settings import PlatformSettings
from shared.time_routes import clock_router, schedules_router
from shared.tracing import configure_tracing, instrument_app, instrument_engine

log = structlog.get_logger()
_start_up_heap_frozen = False


def freeze_start_up_heap() -> None:
    """What is alive once a service has started (modules, the app, table metadata, compiled
    statements) lives as long as the process: it is moved out of the collector's generations, so a
    full collection no longer walks it. Work that allocates many objects (a batch job's rows) sets
    off full collections: the monthly snapshot of 100,000 customers spent a quarter of its time in
    them, walking this heap. Once per process (tests start many apps in one)."""
    global _start_up_heap_frozen
    if not _start_up_heap_frozen:
        gc.collect()
        gc.freeze()
        _start_up_heap_frozen = True


@dataclass
class ServiceContext:
    """What a running service holds; one per app instance, never a module-level singleton."""

    settings: PlatformSettings
    db: Database
    outbox: Outbox
    tables: dict[str, Table]
    relay: OutboxRelay | None = None
    consumer: EventConsumer | None = None
    state: dict[str, Any] = field(default_factory=dict)
    # The service's "now" (test clock included) and business time zone: docs/design.md §9.
    clock: Clock = field(
        default_factory=lambda: Clock(zone_named(DEFAULT_BUSINESS_TIMEZONE), movable=False)
    )
    scheduler: Scheduler | None = None
    # Bearer tokens already verified by this process (shared.auth.VerifiedTokens).
    tokens: VerifiedTokens = field(default_factory=VerifiedTokens)


Worker = Callable[[ServiceContext], Awaitable[None]]
# A consumed event's handler: a top-level function of the service's events.py, listed in its
# HANDLERS table by event type and run inside the consumer's inbox transaction.
EventHandler = Callable[[ServiceContext, AsyncSession, Event], Awaitable[None]]


@dataclass
class ServiceSpec:
    """Everything that makes one service different from another."""

    name: str
    title: str
    description: str
    metadata: MetaData
    migrations_dir: Path
    routers: list[APIRouter]
    publishes: list[str] = field(default_factory=list)
    handlers: dict[str, EventHandler] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)
    # Calendar jobs (shared.scheduler): each runs once per period across replicas.
    schedules: list[Schedule] = field(default_factory=list)
    # The service's `config_versions` row class: where the times an admin gives its schedules are
    # kept as versioned documents (without it, the schedules run at the times the code declares).
    config_versions: type | None = None
    on_startup: list[Worker] = field(default_factory=list)
    on_shutdown: list[Worker] = field(default_factory=list)
    version: str = "1.0.0"

    @property
    def uses_broker(self) -> bool:
        """A service that neither publishes nor consumes (the console) runs no relay and is ready
        without a broker."""
        return bool(self.publishes or self.handlers)


def create_service_app(spec: ServiceSpec, settings: PlatformSettings) -> FastAPI:
    traced = configure_tracing(settings)
    configure_logging(spec.name, settings.log_level, traced=traced)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        db = Database(settings.effective_database_url, spec.name, pool_size=settings.database_pool_size)
        if traced:
            instrument_engine(db.engine)
        await db.migrate(spec.migrations_dir)
        tables = {name: spec.metadata.tables[name] for name in PLATFORM_TABLE_NAMES}
        clock = Clock(zone_named(settings.business_timezone), movable=settings.test_clock_allowed)
        await clock.refresh(db, tables["test_clock"])
        outbox = Outbox(tables["outbox"], spec.name, traced=traced,
                        validate=settings.validates_published_events)
        if AUDIT_TABLE in spec.metadata.tables:
            # Every session of the service can append to its audit log (shared.audit.record).
            db.sessionmaker.configure(info={"audit_table": spec.metadata.tables[AUDIT_TABLE]})
        ctx = ServiceContext(settings, db, outbox, tables, clock=clock)
        schedules = [*spec.schedules, IDEMPOTENCY_EXPIRY]
        ctx.scheduler = Scheduler(ctx, schedules, spec.config_versions)
        await ctx.scheduler.seed_times()
        app.state.ctx = ctx
        for hook in spec.on_startup:
            await hook(ctx)
        freeze_start_up_heap()
        tasks: list[asyncio.Task] = []
        if settings.run_relay and spec.uses_broker:
            ctx.relay = OutboxRelay(db, ctx.outbox, settings, spec.publishes)
            tasks.append(_supervised("outbox-relay", ctx.relay.run))
        handlers = {event_type: partial(handler, ctx) for event_type, handler in spec.handlers.items()}
        if handlers and settings.run_consumers:
            ctx.consumer = EventConsumer(db, tables["inbox"], settings, handlers, traced=traced)
            tasks.append(_supervised("consumer", ctx.consumer.run))
        if settings.run_workers:
            for worker in spec.workers:
                tasks.append(_supervised(worker.__name__, lambda w=worker: w(ctx)))
            for schedule in schedules:
                tasks.append(_supervised(f"schedule:{schedule.name}",
                                         lambda s=schedule: ctx.scheduler.loop(s)))
            if clock.movable:
                tasks.append(_supervised("test-clock", lambda: _follow_clock(ctx)))
        log.info("service_started", database=db.url.split("@")[-1], broker=settings.kafka_bootstrap)
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for hook in spec.on_shutdown:
                await hook(ctx)
            for part in (ctx.consumer, ctx.relay):
                if part is not None:
                    await part.stop()
            await db.dispose()

    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version=spec.version,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(_Platform, metrics=HttpMetrics(spec.name, traced=traced), settings=settings)
    install_http_metrics(app)
    if traced:
        instrument_app(app, spec.name)
    _install_health(app, needs_broker=spec.uses_broker)
    for router in spec.routers:
        app.include_router(router)
    app.include_router(schedules_router())
    if AUDIT_TABLE in spec.metadata.tables:
        app.include_router(audit_router(spec.metadata.tables[AUDIT_TABLE]))
    if settings.test_clock_allowed:
        app.include_router(clock_router())  # production answers 404
    app.include_router(contract_router())  # every service serves the partner contract
    return app


PLATFORM_TABLE_NAMES = ("outbox", "inbox", "idempotency_keys", "test_clock", "schedule_runs")


async def _follow_clock(ctx: ServiceContext) -> None:
    """Pick up a clock move made through another replica (this one's schedulers are then woken)."""
    while True:
        await asyncio.sleep(ctx.settings.sweep_interval_seconds)
        try:
            await ctx.clock.refresh(ctx.db, ctx.tables["test_clock"])
        except Exception as exc:  # the database is away: keep the last offset
            log.warning("test_clock_refresh_failed", error=type(exc).__name__)


def _supervised(name: str, run: Callable[[], Awaitable[None]]) -> asyncio.Task:
    """A lifespan-owned background loop, restarted if it ever crashes."""

    async def _loop() -> None:
        while True:
            try:
                await run()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("background_task_crashed", task=name)
                await asyncio.sleep(1.0)

    return asyncio.create_task(_loop(), name=name)


# What a browser page on an allowed origin may send and read (docs/design.md §13).
CORS_REQUEST_HEADERS = ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key",
                        "X-Request-ID", "traceparent", "tracestate"]
CORS_EXPOSED_HEADERS = ["ETag", "Location", "Retry-After", "X-Request-ID", "Idempotent-Replayed"]


class _Platform:
    """What every request gets, in one plain ASGI middleware (each layer of its own cost a call, a
    closure and a scan of the headers per request):

    - the caller's X-Request-ID (or a new one) bound to the logs and events of the request and
      echoed in the response;
    - a Retry-After on every 429 and 503, whichever layer answered it (clients back off by it; a
      response without one invites an immediate retry storm);
    - the request counted and timed by route template (`shared.metrics.HttpMetrics`);
    - then, inside, only what the request needs: CORS for the configured origins (none by
      default), gzip for responses of at least `gzip_minimum_bytes` to clients that accept it
      (level 6: most of level 9's gain at a fraction of its CPU), and the `Idempotency-Key`
      layer, which passes anything but a keyed retryable write straight through. Idempotency
      sees the plain response, so gzip compresses what it stores and replays."""

    def __init__(self, app: ASGIApp, metrics: HttpMetrics, settings: PlatformSettings) -> None:
        self.metrics = metrics
        plain: ASGIApp = Idempotency(app)
        compressed: ASGIApp = GZipMiddleware(plain, minimum_size=settings.gzip_minimum_bytes,
                                             compresslevel=6)
        if settings.cors_origins:
            plain, compressed = (_cors(layer, settings) for layer in (plain, compressed))
        self.plain, self.compressed = plain, compressed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.plain(scope, receive, send)
            return
        request_id, gzip = None, False
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value.decode("latin-1")
            elif name == b"accept-encoding" and b"gzip" in value:
                gzip = True
        request_id = (request_id or new_request_id())[:64]
        bind_request_id(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                retry_after = DEFAULT_RETRY_AFTER_SECONDS.get(status)
                if retry_after is not None and "retry-after" not in headers:
                    headers["Retry-After"] = str(retry_after)
            await send(message)

        try:
            await (self.compressed if gzip else self.plain)(scope, receive, send_with_id)
        finally:
            # The router put the matched route in the shared scope; unmatched paths stay one label.
            template = getattr(scope.get("route"), "path", "unmatched")
            self.metrics.record(scope["method"], template, status, time.perf_counter() - started)


def _cors(app: ASGIApp, settings: PlatformSettings) -> ASGIApp:
    """CORS for the configured origins only."""
    return CORSMiddleware(
        app, allow_origins=settings.cors_origins, allow_credentials=settings.cors_allow_credentials,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=CORS_REQUEST_HEADERS, expose_headers=CORS_EXPOSED_HEADERS, max_age=600,
    )


def _install_health(app: FastAPI, *, needs_broker: bool = True) -> None:
    @app.get("/healthz", tags=["operations"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], summary="The database and the broker are reachable")
    async def readyz(request: Request) -> JSONResponse:
        ctx: ServiceContext = request.app.state.ctx
        checks = {"database": "ok", "broker": "ok"} if needs_broker else {"database": "ok"}
        try:
            await asyncio.wait_for(ctx.db.ping(), timeout=3)
        except Exception as exc:
            checks["database"] = f"unreachable: {type(exc).__name__}"
        if needs_broker and not await broker_reachable(ctx.settings.kafka_bootstrap):
            checks["broker"] = "unreachable"
        if all(v == "ok" for v in checks.values()):
            return JSONResponse({"status": "ready", "checks": checks})
        return problem(
            request, 503, "not-ready", "Not ready", "A dependency is unreachable", checks=checks
        )


async def broker_reachable(bootstrap: str, timeout: float = 1.0) -> bool:
    """A TCP connection to any bootstrap server answers."""
    for server in bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), timeout)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            return True
        except (OSError, TimeoutError, ValueError):
            continue
    return False
