"""The service's clock: real time plus the test-clock offset (docs/design.md §9).

Every scheduled job, cap and report boundary takes its "now" from `ctx.clock.now()`. Outside
production an admin may move a service's clock forward (`PUT /v1/clock`); the offset is kept in
the service's own database (table `test_clock`), so every replica reads the same time, and moving
it wakes the schedulers of this replica at once (the others see it on their next poll). In
production the offset is always zero and never read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from shared.db import Database, UTCDateTime
from shared.errors import InvalidInput, NotFound

CLOCK_ROW = 1


def clock_table(metadata: MetaData) -> Table:
    """One row: how far this service's test clock runs ahead of real time."""
    return Table(
        "test_clock",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("offset_microseconds", BigInteger, nullable=False),
        Column("moved_at", UTCDateTime, nullable=False),
        Column("moved_by", String(200), nullable=False),
    )


def _microseconds(delta: timedelta) -> int:
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


class Clock:
    """`now()` for a service: real UTC time plus the test offset, and the business time zone."""

    def __init__(
        self, zone: ZoneInfo, *, movable: bool, real: Callable[[], datetime] | None = None
    ) -> None:
        self.zone = zone
        self.movable = movable
        self.offset = timedelta(0)
        self.moved_at: datetime | None = None
        self.moved_by: str | None = None
        self._real = real or (lambda: datetime.now(UTC))
        self._listeners: list[asyncio.Event] = []

    def now(self) -> datetime:
        return self._real() + self.offset

    def real_now(self) -> datetime:
        return self._real()

    def listener(self) -> asyncio.Event:
        """An event set whenever the clock moves (a scheduler waits on it between polls)."""
        event = asyncio.Event()
        self._listeners.append(event)
        return event

    def _apply(self, offset: timedelta, moved_at: datetime | None, moved_by: str | None) -> bool:
        changed = offset != self.offset
        self.offset, self.moved_at, self.moved_by = offset, moved_at, moved_by
        if changed:
            for event in self._listeners:
                event.set()
        return changed

    async def refresh(self, db: Database, table: Table) -> bool:
        """Read the shared offset; True (and the schedulers woken) when another replica moved it."""
        if not self.movable:
            return False
        async with db.session() as session:
            row = (await session.execute(select(table).where(table.c.id == CLOCK_ROW))).first()
        if row is None:
            return self._apply(timedelta(0), None, None)
        offset = timedelta(microseconds=row.offset_microseconds)
        if offset < self.offset:
            # A read that began before a move committed here: moves only go forward, so the
            # larger offset is the newer one (a clock read backwards would date a run wrongly).
            return False
        return self._apply(offset, row.moved_at, row.moved_by)

    async def move_to(self, session: AsyncSession, table: Table, target: datetime, actor: str) -> None:
        """Move the clock forward to `target` for every replica; never backwards (422 naming `now`)."""
        if not self.movable:
            raise NotFound("the test clock is not available in production")
        if target.tzinfo is None:
            raise InvalidInput("now needs a time zone offset (RFC 3339)", field="now")
        async with session.begin():
            # The row lock orders two moves at once; the second is checked against the first.
            row = (await session.execute(
                select(table).where(table.c.id == CLOCK_ROW).with_for_update()
            )).first()
            stored = timedelta(microseconds=row.offset_microseconds) if row else timedelta(0)
            real = self._real()
            if target < real + stored:
                raise InvalidInput(
                    f"the clock only moves forward: it reads {(real + stored).isoformat()}",
                    field="now",
                )
            offset = target.astimezone(UTC) - real
            values = {"offset_microseconds": _microseconds(offset), "moved_at": real, "moved_by": actor}
            if row is None:
                await session.execute(table.insert().values(id=CLOCK_ROW, **values))
            else:
                await session.execute(table.update().where(table.c.id == CLOCK_ROW).values(**values))
        self._apply(offset, real, actor)
