"""Scheduled jobs: each runs once per period across replicas, catches up, and resumes.

A service declares its jobs in `ServiceSpec(schedules=[Schedule(...)])`. For each period that
falls due (by `ctx.clock`, so a moved test clock makes them fall due), one replica claims the
run by inserting the row (schedule, period start) into the platform table `schedule_runs`: the
primary key lets one insert win. The winner runs the job, beating a heartbeat; the row records
the outcome. A run that failed (or whose replica died: its heartbeat went stale) is claimed
again later and runs from the start; jobs write with unique keys, so nothing is done twice.

After downtime, or when the test clock moved ahead, a job catches up: `CatchUp.EACH` runs every
missed period oldest first (the newest `max_catch_up` of them), `CatchUp.LATEST` only the newest.
A job seen for the first time starts with the latest period due.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy import (
    JSON,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    func,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from shared.config_versions import ConfigDocuments
from shared.db import PerDialect, UTCDateTime
from shared.errors import InvalidInput, NotFound
from shared.preconditions import NO_PRECONDITION, IfMatch
from shared.recurrence import Period, Recurrence, TimesError

if TYPE_CHECKING:
    from shared.app import ServiceContext

log = structlog.get_logger()
KEEP_RUNS = 200  # per schedule; older finished runs are pruned


class CatchUp(StrEnum):
    EACH = "each"  # every missed period, oldest first
    LATEST = "latest"  # only the newest missed period


class RunStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Occurrence:
    """One run of a job: the period it covers and the clock's time when it began."""

    schedule: str
    period_start: datetime
    period_end: datetime
    due_at: datetime
    now: datetime
    zone: ZoneInfo
    attempt: int


JobRun = Callable[["ServiceContext", Occurrence], Awaitable[dict[str, Any] | None]]


@dataclass(frozen=True)
class Schedule:
    """A job: name, period rule, what it does, and how it catches up.

    `run(ctx, occurrence)` owns its transactions and writes idempotently (unique keys), so a run
    repeated after a failure does not double anything; it may return a small JSON-able summary,
    kept as the run's outcome."""

    name: str
    recurrence: Recurrence
    run: JobRun
    description: str
    catch_up: CatchUp = CatchUp.LATEST
    max_catch_up: int = 24


def schedule_runs_table(metadata: MetaData) -> Table:
    return Table(
        "schedule_runs",
        metadata,
        Column("schedule", String(64), primary_key=True),
        Column("period_start", UTCDateTime, primary_key=True),
        Column("period_end", UTCDateTime, nullable=False),
        Column("due_at", UTCDateTime, nullable=False),
        Column("status", String(16), nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("worker", String(100), nullable=False),
        # Clock time (test clock included): what the job believed "now" was.
        Column("started_at", UTCDateTime, nullable=False),
        Column("finished_at", UTCDateTime, nullable=True),
        # Real time: leases and retries are about processes, not the business calendar.
        Column("heartbeat_at", UTCDateTime, nullable=False),
        Column("next_attempt_at", UTCDateTime, nullable=True),
        Column("outcome", JSON, nullable=True),
        Column("error", Text, nullable=True),
    )


def times_kind(name: str) -> str:
    """The kind of the versioned document holding a schedule's times."""
    return f"schedule:{name}"


class Scheduler:
    """The schedules of one app: claims, runs and records them; one loop per schedule.

    The times of each job (time of day, weekday, day of the month, interval) are a versioned
    settings document of the service (`config_versions`, kind `schedule:<name>`; version 1 is the
    rule the code declares): an admin changes them with `PUT /v1/schedules/{name}`, and every
    replica reads the newest version at each tick."""

    def __init__(
        self, ctx: ServiceContext, schedules: list[Schedule], config_versions: type | None = None
    ) -> None:
        self.ctx = ctx
        self.schedules = {s.name: s for s in schedules}
        if len(self.schedules) != len(schedules):
            raise ValueError("two schedules share a name")
        self.documents = ConfigDocuments(
            config_versions,
            parsers={times_kind(s.name): s.recurrence.with_times for s in schedules},
            defaults={times_kind(s.name): s.recurrence.times for s in schedules},
        ) if config_versions is not None and schedules else None
        self.worker = f"{ctx.settings.service_name}-{uuid.uuid4().hex[:8]}"
        runs = ctx.tables["schedule_runs"]
        self.runs = runs
        c = runs.c
        self._claim_new = PerDialect(
            lambda insert: insert(runs).on_conflict_do_nothing().returning(c.schedule))
        self._last_start = select(func.max(c.period_start)).where(c.schedule == bindparam("schedule"))
        self._retryable = (
            select(c.period_start, c.period_end, c.due_at).where(
                c.schedule == bindparam("schedule"),
                or_(
                    and_(c.status == RunStatus.FAILED, c.next_attempt_at <= bindparam("real")),
                    and_(c.status == RunStatus.RUNNING, c.heartbeat_at < bindparam("stale")),
                ),
            ).order_by(c.period_start)
        )
        self._key = and_(c.schedule == bindparam("s"), c.period_start == bindparam("p"))
        self._mine = and_(self._key, c.worker == bindparam("w"), c.status == RunStatus.RUNNING)

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.ctx.settings.schedule_lease_seconds)

    async def loop(self, schedule: Schedule) -> None:
        """Lifespan-owned: run what is due, then wait for the poll interval or a clock move."""
        moved = self.ctx.clock.listener()
        while True:
            moved.clear()
            try:
                await self.run_due(schedule)
            except Exception:
                log.exception("schedule_tick_failed", schedule=schedule.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(moved.wait(), timeout=self.ctx.settings.sweep_interval_seconds)

    async def seed_times(self) -> None:
        """Version 1 of every job's times: the rule the code declares."""
        if self.documents is not None:
            await self.documents.seed_defaults(self.ctx)

    async def recurrence(self, session: AsyncSession, schedule: Schedule) -> tuple[Recurrence, int | None]:
        """The job's rule with the newest times an admin saved, and that version."""
        if self.documents is None:
            return schedule.recurrence, None
        version = (await self.documents.newest_versions(session)).get(times_kind(schedule.name))
        if version is None:
            return schedule.recurrence, None
        return await self.documents.version(self.ctx, session, times_kind(schedule.name), version), version

    async def replace_times(
        self, session: AsyncSession, name: str, document: dict[str, Any], actor: str,
        precondition: IfMatch = NO_PRECONDITION,
    ) -> dict[str, Any]:
        """Validate and store a job's times as their next version (422 naming the field at fault;
        If-Match names the version the editor read); every replica runs by them from its next tick."""
        schedule = self.schedule(name)
        if self.documents is None:
            raise NotFound(f"the times of schedule {name!r} cannot be changed in this service")
        try:
            recurrence = schedule.recurrence.with_times(document)
        except TimesError as exc:
            raise InvalidInput(f"{exc.field} {exc.message}", field=exc.field) from exc
        await self.documents.replace(session, times_kind(name), recurrence.times(), actor,
                                     self.ctx.clock.now(), precondition)
        log.info("schedule_times_changed", schedule=name, times=recurrence.times(), by=actor)
        return await self.item(name)

    def schedule(self, name: str) -> Schedule:
        if name not in self.schedules:
            raise NotFound(f"schedule {name!r} does not exist")
        return self.schedules[name]

    async def run_due(self, schedule: Schedule) -> int:
        """Claim and run every period of `schedule` due now (retries first); returns runs done here."""
        clock, zone = self.ctx.clock, self.ctx.clock.zone
        now, real = clock.now(), clock.real_now()
        async with self.ctx.db.session() as session:
            recurrence, _ = await self.recurrence(session, schedule)
            last = await session.scalar(self._last_start, {"schedule": schedule.name})
            retries = (await session.execute(self._retryable, {
                "schedule": schedule.name, "real": real, "stale": real - self.lease,
            })).all()
        if last is None:
            fresh = [recurrence.latest_due(now, zone)]
        else:
            fresh = recurrence.due_after(last, now, zone, schedule.max_catch_up)
            if schedule.catch_up is CatchUp.LATEST:
                fresh = fresh[-1:]
        done = 0
        for row in retries:
            if await self._claim_again(schedule, row.period_start):
                await self._execute(schedule, Period(row.period_start, row.period_end, row.due_at))
                done += 1
        for period in fresh:
            if await self._claim_new_period(schedule, period):
                await self._execute(schedule, period)
                done += 1
        return done

    async def _claim_new_period(self, schedule: Schedule, period: Period) -> bool:
        async with self.ctx.db.session() as session, session.begin():
            claimed = await session.scalar(self._claim_new.for_session(session), {
                "schedule": schedule.name, "period_start": period.start, "period_end": period.end,
                "due_at": period.due_at, "status": RunStatus.RUNNING, "attempts": 1,
                "worker": self.worker, "started_at": self.ctx.clock.now(),
                "heartbeat_at": self.ctx.clock.real_now(),
            })
        return claimed is not None

    async def _claim_again(self, schedule: Schedule, period_start: datetime) -> bool:
        """Take over a failed run whose retry time came, or a running one whose heartbeat is stale."""
        real = self.ctx.clock.real_now()
        c = self.runs.c
        async with self.ctx.db.session() as session, session.begin():
            result = await session.execute(
                self.runs.update().where(
                    c.schedule == schedule.name, c.period_start == period_start,
                    or_(and_(c.status == RunStatus.FAILED, c.next_attempt_at <= real),
                        and_(c.status == RunStatus.RUNNING, c.heartbeat_at < real - self.lease)),
                ).values(status=RunStatus.RUNNING, worker=self.worker, attempts=c.attempts + 1,
                         started_at=self.ctx.clock.now(), heartbeat_at=real, finished_at=None)
            )
        return result.rowcount == 1

    async def _execute(self, schedule: Schedule, period: Period) -> None:
        """Run the job with a heartbeat; record its outcome, or its error and the retry time."""
        key = {"s": schedule.name, "p": period.start, "w": self.worker}
        async with self.ctx.db.session() as session:
            attempt = await session.scalar(select(self.runs.c.attempts).where(self._key), key)
        occurrence = Occurrence(schedule.name, period.start, period.end, period.due_at,
                                self.ctx.clock.now(), self.ctx.clock.zone, int(attempt or 1))
        log.info("schedule_run_started", schedule=schedule.name, period_start=period.start.isoformat(),
                 attempt=occurrence.attempt)
        job = asyncio.create_task(schedule.run(self.ctx, occurrence), name=f"schedule:{schedule.name}")
        try:
            while not job.done():
                await asyncio.wait({job}, timeout=self.lease.total_seconds() / 3)
                if not job.done() and not await self._beat(key):
                    job.cancel()  # another replica took the run over: let it finish alone
                    log.warning("schedule_run_taken_over", schedule=schedule.name)
                    with contextlib.suppress(BaseException):
                        await job
                    return
            outcome = job.result()
        except asyncio.CancelledError:
            job.cancel()
            await asyncio.shield(self._finish(key, RunStatus.FAILED, error="interrupted by shutdown",
                                              retry_in=timedelta(0)))
            raise
        except Exception as exc:
            log.exception("schedule_run_failed", schedule=schedule.name)
            attempts = occurrence.attempt
            base = self.ctx.settings.schedule_retry_seconds
            await self._finish(key, RunStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                               retry_in=timedelta(seconds=min(base * 2 ** (attempts - 1), 3600)))
            return
        await self._finish(key, RunStatus.DONE, outcome=outcome)
        await self._prune(schedule.name)
        log.info("schedule_run_done", schedule=schedule.name, period_start=period.start.isoformat())

    async def _beat(self, key: dict[str, Any]) -> bool:
        async with self.ctx.db.session() as session, session.begin():
            result = await session.execute(
                self.runs.update().where(self._mine).values(heartbeat_at=self.ctx.clock.real_now()), key
            )
        return result.rowcount == 1

    async def _finish(
        self, key: dict[str, Any], status: RunStatus, *, outcome: dict[str, Any] | None = None,
        error: str | None = None, retry_in: timedelta | None = None,
    ) -> None:
        real = self.ctx.clock.real_now()
        values: dict[str, Any] = {"status": status, "finished_at": self.ctx.clock.now(),
                                  "heartbeat_at": real, "outcome": outcome, "error": error,
                                  "next_attempt_at": real + retry_in if retry_in is not None else None}
        async with self.ctx.db.session() as session, session.begin():
            await session.execute(self.runs.update().where(self._mine).values(**values), key)

    async def _prune(self, name: str) -> None:
        c = self.runs.c
        oldest_kept = (select(c.period_start).where(c.schedule == name)
                       .order_by(c.period_start.desc()).limit(1).offset(KEEP_RUNS - 1)
                       .scalar_subquery())
        async with self.ctx.db.session() as session, session.begin():
            await session.execute(self.runs.delete().where(
                c.schedule == name, c.status == RunStatus.DONE, c.period_start < oldest_kept))

    async def listing(self, names: list[str] | None = None) -> list[dict[str, Any]]:
        """Every schedule (or these) with its times, last run and when the next falls due (for
        `GET /v1/schedules`)."""
        c = self.runs.c
        newest = (select(c.schedule, func.max(c.period_start).label("period_start"))
                  .group_by(c.schedule).subquery())
        schedules = [self.schedule(n) for n in names] if names is not None else list(self.schedules.values())
        async with self.ctx.db.session() as session:
            rows = {r.schedule: r for r in (await session.execute(
                select(self.runs).join(newest, and_(newest.c.schedule == c.schedule,
                                                    newest.c.period_start == c.period_start))
            )).all()}
            rules = {s.name: await self.recurrence(session, s) for s in schedules}
        now, zone = self.ctx.clock.now(), self.ctx.clock.zone
        listing = []
        for schedule in schedules:
            last = rows.get(schedule.name)
            recurrence, version = rules[schedule.name]
            listing.append({
                "name": schedule.name,
                "description": schedule.description,
                "recurrence": recurrence.describe(zone),
                "times": recurrence.times(),
                "times_version": version,
                "catch_up": schedule.catch_up.value,
                "time_zone": zone.key,
                "last_run": dict(last._mapping) if last else None,
                "next_run_at": recurrence.next_due(last.period_start if last else None, now, zone),
            })
        return listing

    async def item(self, name: str) -> dict[str, Any]:
        return (await self.listing([name]))[0]

    async def runs_of(self, name: str, limit: int) -> list[dict[str, Any]]:
        c = self.runs.c
        async with self.ctx.db.session() as session:
            rows = (await session.execute(
                select(self.runs).where(c.schedule == name).order_by(c.period_start.desc()).limit(limit)
            )).all()
        return [dict(r._mapping) for r in rows]
