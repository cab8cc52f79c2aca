"""Routes every service serves about its calendar: `GET /v1/schedules` and, outside production,
the test clock `GET/PUT /v1/clock` (docs/design.md §9, §14)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.auth import READERS, Caller, Role, require
from shared.db import db_session
from shared.errors import NotFound
from shared.preconditions import ETags, IfMatch, if_match, response_etags, version_tag
from shared.scheduler import times_kind


class ScheduleRunOut(BaseModel):
    period_start: datetime = Field(description="Start of the period the run covers")
    period_end: datetime
    due_at: datetime
    status: str = Field(description="running, done or failed (retried at next_attempt_at)")
    attempts: int
    started_at: datetime = Field(description="The service clock's time when the run began")
    finished_at: datetime | None
    next_attempt_at: datetime | None = Field(description="For a failed run: when it is retried")
    outcome: dict[str, Any] | None = Field(description="What the run did (counts), as the job reports it")
    error: str | None


class ScheduleOut(BaseModel):
    name: str
    description: str
    recurrence: str = Field(description="When it runs, in the business time zone")
    times: dict[str, Any] = Field(
        description="What an admin may change (PUT /v1/schedules/{name}): `at` (HH:MM) for a daily, "
        "weekly or monthly job, `weekday` for a weekly one, `day_of_month` (1-28, the day after the "
        "period closes on which it runs) for a monthly, quarterly, half-yearly or yearly one, "
        "`every_minutes` for an interval job")
    times_version: int | None = Field(
        description="Version of the job's times (its ETag is \"schedule:<name>.<version>\")")
    catch_up: str = Field(description="each: every missed period is run; latest: only the newest")
    time_zone: str
    last_run: ScheduleRunOut | None
    next_run_at: datetime = Field(description="When the next run falls due; in the past means now")


class ScheduleTimesIn(BaseModel):
    """A job's times; those left out take the job's defaults. Only the fields of the job's kind apply."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"at": "03:30", "day_of_month": 2}, {"at": "08:00", "weekday": "Friday"}, {"every_minutes": 30}]})
    at: str | None = Field(None, description="Time of day HH:MM in the business time zone",
                           examples=["02:00"])
    weekday: str | None = Field(None, description="Weekly jobs: Monday ... Sunday")
    day_of_month: int | None = Field(
        None, description="Monthly, quarterly, half-yearly and yearly jobs: the day (1-28) of the month "
        "after the period closes on which the job runs")
    every_minutes: int | None = Field(None, description="Interval jobs: every N minutes, 1-1440")


class ClockOut(BaseModel):
    now: datetime = Field(description="The service's time, which its schedules follow")
    real_now: datetime
    offset_seconds: float = Field(description="How far the test clock runs ahead of real time")
    time_zone: str = Field(description="The business time zone of day, week and month boundaries")
    business_time: str = Field(description="`now` as wall time in the business time zone")
    moved_at: datetime | None
    moved_by: str | None


class ClockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    now: AwareDatetime = Field(description="RFC 3339 time to move to; never before the current one")


def _scheduler(request: Request):
    return request.app.state.ctx.scheduler


def schedules_router() -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["operations"])

    @router.get("/schedules", response_model=list[ScheduleOut],
                summary="The service's scheduled jobs: when they run, the last run and the next")
    async def list_schedules(
        request: Request, caller: Caller = Depends(require(*READERS)),
    ) -> list[ScheduleOut]:
        return [ScheduleOut(**item) for item in await _scheduler(request).listing()]

    @router.get("/schedules/{name}", response_model=ScheduleOut,
                summary="One scheduled job: its times (with their version as ETag), last run and next")
    async def get_schedule(
        name: str, request: Request, etags: ETags = Depends(response_etags),
        caller: Caller = Depends(require(*READERS)),
    ) -> ScheduleOut:
        view = ScheduleOut(**await _scheduler(request).item(name))
        return etags.tag(view, _times_tag(view))

    @router.put("/schedules/{name}", response_model=ScheduleOut,
                summary="Change when a job runs (admin; stored as a new version, If-Match its ETag); "
                        "a time out of range or not of the job's kind is a 422 naming the field")
    async def put_schedule(
        name: str, body: ScheduleTimesIn, request: Request, session=Depends(db_session),
        caller: Caller = Depends(require(Role.ADMIN, admin_only=True)),
        precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
    ) -> ScheduleOut:
        view = ScheduleOut(**await _scheduler(request).replace_times(
            session, name, body.model_dump(exclude_none=True), caller.subject, precondition))
        return etags.tag(view, _times_tag(view))

    @router.get("/schedules/{name}/runs", response_model=list[ScheduleRunOut],
                summary="The latest runs of one scheduled job, newest first")
    async def schedule_runs(
        name: str, request: Request, limit: int = Query(24, ge=1, le=200),
        caller: Caller = Depends(require(*READERS)),
    ) -> list[ScheduleRunOut]:
        scheduler = _scheduler(request)
        if name not in scheduler.schedules:
            raise NotFound(f"schedule {name!r} does not exist")
        return [ScheduleRunOut(**run) for run in await scheduler.runs_of(name, limit)]

    return router


def _times_tag(view: ScheduleOut) -> str | None:
    return version_tag(times_kind(view.name), view.times_version) if view.times_version else None


def _clock_out(request: Request) -> ClockOut:
    clock = request.app.state.ctx.clock
    now = clock.now()
    return ClockOut(
        now=now, real_now=clock.real_now(), offset_seconds=round(clock.offset.total_seconds(), 6),
        time_zone=clock.zone.key, business_time=now.astimezone(clock.zone).isoformat(),
        moved_at=clock.moved_at, moved_by=clock.moved_by,
    )


def clock_router() -> APIRouter:
    """Only mounted outside production, so production answers 404."""
    router = APIRouter(prefix="/v1", tags=["operations"])

    @router.get("/clock", response_model=ClockOut,
                summary="The service's clock (a test clock outside production)")
    async def get_clock(request: Request, caller: Caller = Depends(require(*READERS))) -> ClockOut:
        ctx = request.app.state.ctx
        await ctx.clock.refresh(ctx.db, ctx.tables["test_clock"])
        return _clock_out(request)

    @router.put("/clock", response_model=ClockOut,
                summary="Move the test clock forward (admin): schedules catch up as if the time had passed")
    async def put_clock(
        body: ClockIn, request: Request, session=Depends(db_session),
        caller: Caller = Depends(require(Role.ADMIN, admin_only=True)),
    ) -> ClockOut:
        ctx = request.app.state.ctx
        await ctx.clock.move_to(session, ctx.tables["test_clock"], body.now, caller.subject)
        return _clock_out(request)

    return router
