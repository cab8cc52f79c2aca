"""The operations page (docs/design.md §9): every service's schedules with their last and next run,
and, outside production, the services' test clocks moved forward together, so a person can watch a
month pass from the console."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from services.console.domain.clocks import clock_target, furthest
from services.console.domain.forms import FormError
from services.console.service.gateway import SERVICES, Gateway, Outcome, Result, form_refusal
from services.console.service.sessions import ConsoleUser
from shared.business_time import zone_named
from shared.rfc3339 import format_time, parse_time


@dataclass
class ServiceCalendar:
    service: str
    schedules: Result
    clock: Result  # NOT_FOUND: the service has no test clock (production)

    @property
    def clock_now(self) -> datetime | None:
        return parse_time(self.clock.data["now"]) if self.clock.ok else None


async def calendars(gateway: Gateway, user: ConsoleUser, with_clocks: bool) -> list[ServiceCalendar]:
    """Each service's schedules and clock, read in parallel; a service down shows only its part."""

    async def one(service: str) -> ServiceCalendar:
        schedules, clock = await asyncio.gather(
            gateway.call(service, "GET", "/v1/schedules", user.access_token),
            gateway.call(service, "GET", "/v1/clock", user.access_token)
            if with_clocks
            else _no_clock(service),
        )
        return ServiceCalendar(service, schedules, clock)

    return list(await asyncio.gather(*(one(service) for service in SERVICES)))


async def _no_clock(service: str) -> Result:
    return Result(Outcome.NOT_FOUND, service)


@dataclass
class ClockMove:
    target: datetime | None
    moved: dict[str, Result]  # per service: its clock after the move, or why it refused
    refusal: Result | None = None  # the form could not be read: shown next to its input


async def move_clocks(
    gateway: Gateway, user: ConsoleUser, step: str | None, to: str | None
) -> ClockMove:
    """Every clock the services serve goes to one time, counted from the furthest ahead (a clock
    never goes back); the services' schedulers then catch up by themselves."""
    found = await calendars(gateway, user, with_clocks=True)
    running = [c for c in found if c.clock.ok]
    if not running:
        return ClockMove(None, {}, found[0].clock if found else None)
    current = furthest([c.clock_now for c in running if c.clock_now])
    zone = zone_named(running[0].clock.data.get("time_zone") or "Asia/Shanghai")
    try:
        target = clock_target(current, zone, step, to)
    except FormError as error:
        return ClockMove(None, {}, form_refusal(error))
    results = await asyncio.gather(
        *(
            gateway.call(c.service, "PUT", "/v1/clock", user.access_token, json={"now": format_time(target)})
            for c in running
        )
    )
    return ClockMove(target, {c.service: r for c, r in zip(running, results, strict=True)})
