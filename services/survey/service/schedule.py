"""The survey schedule an admin edits (cadence per tier, reminders, fatigue guard), versioned.

A version is never changed once written; version 1 is the default of docs/design.md §9.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import schemas
from services.survey.domain.cadence import (
    ScheduleError,
    SurveySchedule,
    schedule_from_document,
    schedule_to_document,
)
from services.survey.models import ScheduleVersionRow
from services.survey.service.surveys import get_survey
from shared.app import ServiceContext
from shared.errors import Conflict, InvalidInput, NotFound

SYSTEM = "system"
SEEDED_AT = datetime.fromisoformat("2025-01-01T00:00:00+00:00")
_NEWEST = select(ScheduleVersionRow).order_by(ScheduleVersionRow.version.desc()).limit(1)


async def seed_default_schedule(ctx: ServiceContext) -> None:
    """Version 1 is the default schedule; replicas starting together insert it once."""
    try:
        async with ctx.db.session() as session, session.begin():
            if await session.get(ScheduleVersionRow, 1) is None:
                session.add(ScheduleVersionRow(
                    version=1, definition=schedule_to_document(SurveySchedule()),
                    created_by=SYSTEM, created_at=SEEDED_AT,
                ))
    except IntegrityError:
        pass  # another replica seeded it first


async def current_version(session: AsyncSession) -> ScheduleVersionRow:
    row = await session.scalar(_NEWEST)
    if row is None:  # not seeded yet: the default, as version 1 will say
        return ScheduleVersionRow(version=1, definition=schedule_to_document(SurveySchedule()),
                                  created_by=SYSTEM, created_at=SEEDED_AT)
    return row


async def current_schedule(session: AsyncSession) -> SurveySchedule:
    return schedule_from_document((await current_version(session)).definition)


def schedule_out(row: ScheduleVersionRow) -> schemas.ScheduleOut:
    return schemas.ScheduleOut(version=row.version, created_by=row.created_by, created_at=row.created_at,
                               **schedule_to_document(schedule_from_document(row.definition)))


async def get_schedule(session: AsyncSession) -> schemas.ScheduleOut:
    return schedule_out(await current_version(session))


def check_schedule(document: Any) -> SurveySchedule:
    try:
        return schedule_from_document(document)
    except ScheduleError as exc:
        raise InvalidInput(f"{exc.field}: {exc.message}", field=exc.field) from exc


async def replace_schedule(
    session: AsyncSession, document: dict[str, Any], actor: str, now: datetime
) -> schemas.ScheduleOut:
    """Validate and store the schedule as the next version (a bad value is a 422 naming it)."""
    schedule = check_schedule(document)
    try:
        async with session.begin():
            try:
                await get_survey(session, schedule.survey_id)
            except NotFound as exc:
                raise InvalidInput(f"survey_id: no survey {schedule.survey_id!r}", field="survey_id") from exc
            latest = await session.scalar(select(func.max(ScheduleVersionRow.version)))
            row = ScheduleVersionRow(version=(latest or 0) + 1, definition=schedule_to_document(schedule),
                                     created_by=actor, created_at=now)
            session.add(row)
    except IntegrityError as exc:
        raise Conflict("another schedule version was saved at the same time; retry") from exc
    return schedule_out(row)
