"""Use cases of survey templates: the default seed, create, read, list, change tier weights."""

from __future__ import annotations

import functools
import json
import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain.templates import (
    DEFAULT_TEMPLATE,
    Template,
    TemplateError,
    Tier,
    template_from_dict,
    template_to_dict,
    validate,
)
from services.survey.models import SurveyRow
from shared import audit
from shared.app import ServiceContext
from shared.auth import Caller
from shared.errors import InvalidInput, NotFound
from shared.pagination import Page

DEFAULT_SURVEY_ID = "default"


# The first default template's title and description were written for developers ("Four
# dimensions of DESIGN 4, ...") and shown on the customer's page; a default still carrying them
# gets the customer-facing ones (its questions and weights stay as they are).
SUPERSEDED_DEFAULT_TEXTS = {
    ("Customer satisfaction (default)",
     "Four dimensions of DESIGN 4, 1-5 Likert items, NPS and one open question."),
    ("Customer satisfaction (default)", "Four dimensions of 1-5 Likert items, NPS and one open question."),
}


async def seed_default_survey(ctx: ServiceContext) -> None:
    """The default template exists from the start; replicas starting together insert it once."""
    now = datetime.now(UTC)
    async with ctx.db.session() as session, session.begin():
        await repository.insert_survey_unless_present(session, {
            "id": DEFAULT_SURVEY_ID, "name": DEFAULT_TEMPLATE.name,
            "definition": template_to_dict(DEFAULT_TEMPLATE), "is_default": True,
            "created_by": "system", "created_at": now, "updated_at": now,
        })
        row = await session.get(SurveyRow, DEFAULT_SURVEY_ID, with_for_update=True)
        texts = (row.definition.get("name"), row.definition.get("description"))
        if texts in SUPERSEDED_DEFAULT_TEXTS:
            row.definition = {**row.definition, **{
                key: getattr(DEFAULT_TEMPLATE, key)
                for key in ("name", "name_zh", "description", "description_zh")}}
            row.name, row.updated_at = DEFAULT_TEMPLATE.name, now


def _checked(template: Template) -> Template:
    try:
        return validate(template)
    except TemplateError as exc:
        raise InvalidInput(
            f"The template is not usable: {exc}", field=exc.errors[0][0],
            errors=[{"field": f, "message": m} for f, m in exc.errors],
        ) from exc


def template_of(row: SurveyRow) -> Template:
    return template_from_dict(row.definition)


async def survey_template(session: AsyncSession, survey_id: str) -> Template:
    """The template of a survey, parsed once per stored definition: answering reads it on every
    call, and a parsed template (frozen) depends on nothing but the definition's text, so an
    edited template is a new text and parsed anew."""
    return parsed_template(survey_id, await repository.survey_definition_text(session, survey_id))


def parsed_template(survey_id: str, definition: str | None) -> Template:
    """The template of a definition as stored (None: there is no such survey, 404)."""
    if definition is None:
        raise NotFound(f"No survey {survey_id!r}", field="survey_id")
    return _parsed_template(definition)


@functools.lru_cache(maxsize=256)
def _parsed_template(definition: str) -> Template:
    return template_from_dict(json.loads(definition))


async def create_survey(session: AsyncSession, body: schemas.SurveyIn, caller: Caller) -> schemas.SurveyOut:
    template = _checked(template_from_dict(body.model_dump()))
    now = datetime.now(UTC)
    row = SurveyRow(
        id=str(uuid.uuid4()), name=template.name, definition=template_to_dict(template),
        is_default=False, created_by=caller.subject, created_at=now, updated_at=now,
    )
    async with session.begin():
        session.add(row)
        await audit.record(session, caller.subject, audit.AuditAction.CREATED, "survey-template", row.id,
                           now, after=row.definition)
    return survey_out(row)


async def survey(session: AsyncSession, survey_id: str) -> schemas.SurveyOut:
    """A template with every item's id and dimension, and the weights of each tier."""
    return survey_out(await get_survey(session, survey_id))


async def get_survey(session: AsyncSession, survey_id: str) -> SurveyRow:
    row = await session.get(SurveyRow, survey_id)
    if row is None:
        raise NotFound(f"No survey {survey_id!r}", field="survey_id")
    return row


async def set_tier_weights(
    session: AsyncSession, survey_id: str, tier_weights: dict[str, dict[str, float]], caller: Caller,
) -> schemas.SurveyOut:
    """New weights apply to responses scored from now on; stored responses keep theirs."""
    async with session.begin():
        row = await get_survey(session, survey_id)
        template = template_of(row)
        updated = _checked(Template(**{**template.__dict__, "tier_weights": tier_weights}))
        before = row.definition
        row.definition = template_to_dict(updated)
        row.updated_at = datetime.now(UTC)
        await audit.record(session, caller.subject, audit.AuditAction.CHANGED, "survey-template", row.id,
                           row.updated_at, before=before, after=row.definition)
    return survey_out(row)


async def list_surveys(session: AsyncSession, limit: int, cursor: str | None) -> Page[schemas.SurveySummary]:
    page = await repository.list_surveys(session, limit, cursor)
    return page.map(lambda r: schemas.SurveySummary(
        id=r.id, name=r.name, is_default=r.is_default, dimensions=template_of(r).dimension_keys,
        items=len(template_of(r).items), created_at=r.created_at,
    ))


def dimensions_out(template: Template) -> list[schemas.DimensionOut]:
    return [
        schemas.DimensionOut(
            key=d.key, name=d.name, name_zh=d.name_zh,
            items=[schemas.ItemOut(id=i.id, dimension=i.dimension, text=i.text, text_zh=i.text_zh)
                   for i in d.items],
        )
        for d in template.dimensions
    ]


def survey_out(row: SurveyRow) -> schemas.SurveyOut:
    template = template_of(row)
    dimensions = dimensions_out(template)
    return schemas.SurveyOut(
        id=row.id, name=row.name, name_zh=template.name_zh, description=template.description,
        description_zh=template.description_zh, is_default=row.is_default,
        dimensions=dimensions, items=[i for d in dimensions for i in d.items],
        nps_question=template.nps_question, nps_question_zh=template.nps_question_zh,
        open_questions=[schemas.OpenQuestionOut(id=q.id, text=q.text, text_zh=q.text_zh)
                        for q in template.open_questions],
        tier_weights={t.value: {k: round(w, 4) for k, w in template.weights_for(t.value).items()}
                      for t in Tier},
        anonymous=template.anonymous,
        created_by=row.created_by, created_at=row.created_at, updated_at=row.updated_at,
    )
