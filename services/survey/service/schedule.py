"""The survey schedule an admin edits (cadence per tier, reminders, fatigue guard), versioned.

A version is never changed once written; version 1 is the default of docs/design.md §9. The
schedule is one of the service's versioned documents (`shared/config_versions.py`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import schemas
from services.survey.domain.cadence import (
    ScheduleError,
    SurveySchedule,
    schedule_from_document,
    schedule_to_document,
)
from services.survey.models import ConfigVersionRow
from services.survey.service.surveys import get_survey
from shared.app import ServiceContext
from shared.config_versions import ConfigDocuments
from shared.errors import InvalidInput, NotFound

SURVEY_SCHEDULE = "survey-schedule"
DOCUMENTS = ConfigDocuments(
    ConfigVersionRow,
    parsers={SURVEY_SCHEDULE: schedule_from_document},
    defaults={SURVEY_SCHEDULE: lambda: schedule_to_document(SurveySchedule())},
)


async def seed_default_schedule(ctx: ServiceContext) -> None:
    """Version 1 is the default schedule; replicas starting together insert it once."""
    await DOCUMENTS.seed_defaults(ctx)


async def current_schedule(ctx: ServiceContext, session: AsyncSession) -> SurveySchedule:
    """The schedule in force (parsed once per version per app; versions read once per transaction)."""
    _, schedule = await DOCUMENTS.newest(ctx, session, SURVEY_SCHEDULE)
    return schedule


def schedule_out(row: ConfigVersionRow) -> schemas.ScheduleOut:
    return schemas.ScheduleOut(version=row.version, created_by=row.created_by, created_at=row.created_at,
                               **schedule_to_document(schedule_from_document(row.definition)))


async def get_schedule(session: AsyncSession) -> schemas.ScheduleOut:
    return schedule_out(await DOCUMENTS.current(session, SURVEY_SCHEDULE))


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
    async with session.begin():
        try:
            await get_survey(session, schedule.survey_id)
        except NotFound as exc:
            raise InvalidInput(f"survey_id: no survey {schedule.survey_id!r}", field="survey_id") from exc
    row = await DOCUMENTS.replace(session, SURVEY_SCHEDULE, schedule_to_document(schedule), actor, now)
    return schedule_out(row)
