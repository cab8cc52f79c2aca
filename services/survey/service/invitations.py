"""Use cases of invitations: invite customers, ticket verifications, read by token, list."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain.templates import (
    COMMENT_QUESTION,
    COMMENT_QUESTION_ID,
    COMMENT_QUESTION_ZH,
    LIKERT_MAX,
    LIKERT_MIN,
    NPS_MAX,
    NPS_MIN,
    RATING_QUESTION,
    RATING_QUESTION_ID,
    RATING_QUESTION_ZH,
    VERIFICATION_QUESTION,
    VERIFICATION_QUESTION_ID,
    VERIFICATION_QUESTION_ZH,
    Template,
)
from services.survey.metrics import INVITATIONS
from services.survey.models import InvitationRow
from services.survey.service.surveys import dimensions_out, get_survey, template_of
from services.survey.settings import SurveySettings
from shared.app import ServiceContext
from shared.auth import Caller
from shared.errors import Conflict, Gone, NotFound
from shared.pagination import Page, page_of

SURVEY, VERIFICATION = "survey", "verification"


def new_token() -> str:
    """256 random bits, URL-safe: unguessable, and the only key a customer needs."""
    return secrets.token_urlsafe(32)


def answer_url(settings: SurveySettings, token: str, language: str | None = None) -> str:
    page = f"{settings.answer_base_url}/s/{token}"
    return f"{page}?lang={language}" if language else page


def status_of(row: InvitationRow, now: datetime) -> str:
    if row.answered_at is not None:
        return "answered"
    return "expired" if row.expires_at <= now else "pending"


def invitation_out(settings: SurveySettings, row: InvitationRow, now: datetime) -> schemas.InvitationOut:
    return schemas.InvitationOut(
        id=row.id, kind=row.kind, survey_id=row.survey_id, customer_id=row.customer_id,
        ticket_id=row.ticket_id, token=row.token, url=answer_url(settings, row.token, row.language),
        status=status_of(row, now), created_at=row.created_at, expires_at=row.expires_at,
        answered_at=row.answered_at, opened_at=row.opened_at, started_at=row.started_at,
        language=row.language,
    )


async def invite(
    ctx: ServiceContext, session: AsyncSession, survey_id: str, body: schemas.InvitationsIn,
    caller: Caller,
) -> list[InvitationRow]:
    """One invitation per listed customer (a customer listed twice is invited once)."""
    settings: SurveySettings = ctx.settings
    now = datetime.now(UTC)
    days = body.expires_in_days or settings.invitation_expires_in_days
    customer_ids = list(dict.fromkeys(body.customer_ids))
    async with session.begin():
        await get_survey(session, survey_id)
        tiers = await repository.tiers_of(session, customer_ids)
        rows = [
            InvitationRow(
                id=str(uuid.uuid4()), token=new_token(), kind=SURVEY, survey_id=survey_id,
                customer_id=customer_id, ticket_id=None,
                tier=tiers[customer_id].tier if customer_id in tiers else None,
                quadrant=tiers[customer_id].quadrant if customer_id in tiers else None,
                created_by=caller.subject, created_at=now, expires_at=now + timedelta(days=days),
                language=body.language,
            )
            for customer_id in customer_ids
        ]
        session.add_all(rows)
    INVITATIONS.labels(SURVEY).inc(len(rows))
    return rows


async def invite_to_verify(
    settings: SurveySettings, session: AsyncSession, customer_id: str, ticket_id: str, now: datetime
) -> InvitationRow:
    """The one-question verification after a resolved ticket, inside the caller's transaction."""
    known = await repository.tier_of(session, customer_id)
    row = InvitationRow(
        id=str(uuid.uuid4()), token=new_token(), kind=VERIFICATION, survey_id=None,
        customer_id=customer_id, ticket_id=ticket_id,
        tier=known.tier if known else None, quadrant=known.quadrant if known else None,
        created_by="ticket-resolved", created_at=now,
        expires_at=now + timedelta(days=settings.verification_expires_in_days),
    )
    session.add(row)
    INVITATIONS.labels(VERIFICATION).inc()
    return row


async def customer_invitations(
    settings: SurveySettings, session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> Page[schemas.InvitationOut]:
    rows = await repository.customer_invitations(session, customer_id, limit, cursor)
    page = page_of(rows, limit, lambda r: repository.position(r.created_at, r.id))
    now = datetime.now(UTC)
    return Page[schemas.InvitationOut](
        items=[invitation_out(settings, r, now) for r in page.items], next_cursor=page.next_cursor
    )


def ensure_open(row: InvitationRow | None, now: datetime) -> InvitationRow:
    """The invitation behind a token, if it can still be answered: else 404, 409 or 410."""
    if row is None:
        raise NotFound("No invitation has this token", field="token")
    if row.answered_at is not None:
        raise Conflict("This invitation has already been answered; thank you", field="token")
    if row.expires_at <= now:
        raise Gone("This invitation has expired", field="token", expired_at=row.expires_at.isoformat())
    return row


async def public_view(session: AsyncSession, token: str) -> schemas.PublicInvitationOut:
    """The questions behind a token, with the answers saved so far; nothing about the customer or
    other customers. The first fetch records that the invitation was opened."""
    now = datetime.now(UTC)
    async with session.begin():
        row = ensure_open(await repository.invitation_by_token(session, token), now)
        if row.opened_at is None:
            row.opened_at = now
        saved = schemas.SavedAnswersOut(**row.progress) if row.progress else None
        if row.kind == VERIFICATION:
            return _verification_view(row, saved)
        template = template_of(await get_survey(session, row.survey_id or ""))
    return _survey_view(row, template, saved)


def _verification_view(
    row: InvitationRow, saved: schemas.SavedAnswersOut | None
) -> schemas.PublicInvitationOut:
    return schemas.PublicInvitationOut(
        kind=VERIFICATION, title="Ticket follow-up", title_zh="工单回访", language=row.language,
        saved=saved, expires_at=row.expires_at,
        questions=[
            schemas.QuestionOut(id=VERIFICATION_QUESTION_ID, type="yes_no", text=VERIFICATION_QUESTION,
                                text_zh=VERIFICATION_QUESTION_ZH),
            schemas.QuestionOut(id=RATING_QUESTION_ID, type="rating", text=RATING_QUESTION,
                                text_zh=RATING_QUESTION_ZH, min=LIKERT_MIN, max=LIKERT_MAX, required=False),
            schemas.QuestionOut(id=COMMENT_QUESTION_ID, type="open", text=COMMENT_QUESTION,
                                text_zh=COMMENT_QUESTION_ZH, required=False),
        ],
    )


def _survey_view(
    row: InvitationRow, template: Template, saved: schemas.SavedAnswersOut | None
) -> schemas.PublicInvitationOut:
    questions = [
        schemas.QuestionOut(id=i.id, type="likert", text=i.text, text_zh=i.text_zh,
                            dimension=i.dimension, min=LIKERT_MIN, max=LIKERT_MAX)
        for i in template.items.values()
    ]
    if template.nps_question:
        questions.append(schemas.QuestionOut(
            id="nps", type="nps", text=template.nps_question, text_zh=template.nps_question_zh,
            min=NPS_MIN, max=NPS_MAX, required=False,
        ))
    questions += [
        schemas.QuestionOut(id=q.id, type="open", text=q.text, text_zh=q.text_zh, required=False)
        for q in template.open_questions
    ]
    return schemas.PublicInvitationOut(
        kind=SURVEY, title=template.name, title_zh=template.name_zh, description=template.description,
        description_zh=template.description_zh, language=row.language,
        saved=saved, expires_at=row.expires_at, dimensions=dimensions_out(template), questions=questions,
    )
