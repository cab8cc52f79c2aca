"""Use cases of invitations: invite customers, ticket verifications, read by token, list."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain.cadence import SurveySchedule, fatigue_block, next_reminder_at
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
from services.survey.models import CustomerTierRow as CustomerTier
from services.survey.models import InvitationRow
from services.survey.service.schedule import current_schedule
from services.survey.service.surveys import dimensions_out, get_survey, survey_template
from services.survey.settings import SurveySettings
from shared.access import Scope
from shared.app import ServiceContext
from shared.errors import Conflict, Gone, NotFound
from shared.pagination import Page
from shared.rfc3339 import format_time

SURVEY, VERIFICATION = "survey", "verification"
# `invitation-created` kinds: a survey invitation, a reminder of one (or of a verification), a
# ticket verification question.
INVITATION, REMINDER = "invitation", "reminder"
# The event's `survey_id` of a verification question, which belongs to no survey template.
VERIFICATION_SURVEY_ID = "ticket-verification"
INVITATION_CREATED = "invitation-created"

# An invitation as the ORM loads it or as answering reads it (repository.InvitationToAnswer).
_Invitation = TypeVar("_Invitation", InvitationRow, repository.InvitationToAnswer)


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


def invitation_event(row: InvitationRow, kind: str, at: datetime, reminder_number: int | None = None) -> dict:
    """`invitation-created`: no token, no personal data; the sender fetches the link by invitation id.

    A reminder names the invitation it is about (`invitation_id`) and what that invitation asks
    (`reminder_of`: survey or verification; a verification's reminder also carries its ticket).
    """
    return {
        "customer_id": row.customer_id, "invitation_id": row.id,
        "survey_id": row.survey_id or VERIFICATION_SURVEY_ID, "kind": kind,
        "reminder_number": reminder_number, "reminder_of": row.kind if kind == REMINDER else None,
        "ticket_id": row.ticket_id, "priority": row.priority, "tier": row.tier,
        "period": row.period_key, "expires_at": format_time(row.expires_at), "created_at": format_time(at),
    }


def new_survey_invitation(
    survey_id: str, customer_id: str, tier: CustomerTier | None, created_by: str, now: datetime,
    days: int, schedule: SurveySchedule, period_key: str | None = None, language: str | None = None,
) -> InvitationRow:
    return InvitationRow(
        id=str(uuid.uuid4()), token=new_token(), kind=SURVEY, survey_id=survey_id,
        customer_id=customer_id, ticket_id=None, tier=tier.tier if tier else None,
        quadrant=tier.quadrant if tier else None, created_by=created_by, created_at=now,
        expires_at=now + timedelta(days=days), period_key=period_key, reminders_sent=0,
        next_reminder_at=next_reminder_at(now, 0, None, schedule.reminder_after_days), language=language,
    )


async def invite(
    ctx: ServiceContext, session: AsyncSession, survey_id: str, body: schemas.InvitationsIn,
    scope: Scope, now: datetime,
) -> schemas.InvitationsOut:
    """One invitation per listed customer (a customer listed twice is invited once); a customer
    invited to a survey within the fatigue window (30 days) is skipped with the reason. Every
    customer must be in the caller's scope (else 404 naming `customer_ids`)."""
    caller = scope.caller
    settings: SurveySettings = ctx.settings
    days = body.expires_in_days or settings.invitation_expires_in_days
    customer_ids = list(dict.fromkeys(body.customer_ids))
    skipped: list[schemas.SkippedInvitationOut] = []
    async with session.begin():
        await get_survey(session, survey_id)
        await repository.ensure_customers_in_scope(session, scope, customer_ids)
        schedule = await current_schedule(ctx, session)
        tiers = await repository.tiers_of(session, customer_ids)
        recent = await repository.last_survey_invitations(session, customer_ids)
        rows = []
        for customer_id in customer_ids:
            last = recent.get(customer_id)
            allowed_at = fatigue_block(last[1] if last else None, now, schedule.fatigue_days)
            if last is not None and allowed_at is not None:
                skipped.append(schemas.SkippedInvitationOut(
                    customer_id=customer_id, recent_invitation_id=last[0], next_allowed_at=allowed_at,
                    reason=(f"fatigue guard: invited to a survey on {format_time(last[1])}; at most one "
                            f"survey invitation in {schedule.fatigue_days} days"),
                ))
                continue
            rows.append(new_survey_invitation(survey_id, customer_id, tiers.get(customer_id),
                                              caller.subject, now, days, schedule, language=body.language))
        session.add_all(rows)
        await session.flush()
        await ctx.outbox.append_many(session, [
            (INVITATION_CREATED, r.customer_id, invitation_event(r, INVITATION, now)) for r in rows
        ])
    INVITATIONS.labels(SURVEY).inc(len(rows))
    return schemas.InvitationsOut(items=[invitation_out(settings, r, now) for r in rows], skipped=skipped)


async def invite_to_verify(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, ticket_id: str, priority: str | None,
    now: datetime,
) -> InvitationRow:
    """The one-question verification after a resolved ticket, inside the caller's transaction;
    never held back by the fatigue guard (docs/design.md §9)."""
    known = await repository.tier_of(session, customer_id)
    remind_after = (await current_schedule(ctx, session)).verification_reminder_after_days
    row = InvitationRow(
        id=str(uuid.uuid4()), token=new_token(), kind=VERIFICATION, survey_id=None,
        customer_id=customer_id, ticket_id=ticket_id, priority=priority,
        tier=known.tier if known else None, quadrant=known.quadrant if known else None,
        created_by="ticket-resolved", created_at=now, reminders_sent=0,
        expires_at=now + timedelta(days=ctx.settings.verification_expires_in_days),
        # One reminder of an unanswered verification (docs/design.md §9: after 2 days).
        next_reminder_at=now + timedelta(days=remind_after) if remind_after else None,
    )
    session.add(row)
    await session.flush()
    await ctx.outbox.append(session, INVITATION_CREATED, customer_id,
                            invitation_event(row, VERIFICATION, now))
    INVITATIONS.labels(VERIFICATION).inc()
    return row


async def invitation_link(
    ctx: ServiceContext, session: AsyncSession, invitation_id: str, now: datetime
) -> schemas.InvitationLinkOut:
    """The answering link of one invitation, for the sender of `invitation-created`."""
    row = await session.get(InvitationRow, invitation_id)
    if row is None:
        raise NotFound(f"No invitation {invitation_id!r}", field="invitation_id")
    return schemas.InvitationLinkOut(
        invitation_id=row.id, kind=row.kind, customer_id=row.customer_id,
        url=answer_url(ctx.settings, row.token, row.language), status=status_of(row, now),
        expires_at=row.expires_at,
    )


async def customer_invitations(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> Page[schemas.InvitationOut]:
    """A customer's invitations (surveys and ticket verifications), newest first."""
    page = await repository.customer_invitations(session, customer_id, limit, cursor)
    now = ctx.clock.now()
    return page.map(lambda r: invitation_out(ctx.settings, r, now))


def ensure_open(row: _Invitation | None, now: datetime) -> _Invitation:
    """The invitation behind a token, if it can still be answered: else 404, 409 or 410."""
    if row is None:
        raise NotFound("No invitation has this token", field="token")
    if row.answered_at is not None:
        raise Conflict("This invitation has already been answered; thank you", field="token")
    if row.expires_at <= now:
        raise Gone("This invitation has expired", field="token", expired_at=format_time(row.expires_at))
    return row


async def public_view(session: AsyncSession, token: str, now: datetime) -> schemas.PublicInvitationOut:
    """The questions behind a token, with the answers saved so far; nothing about the customer or
    other customers. The first fetch records that the invitation was opened."""
    async with session.begin():
        row = ensure_open(await repository.invitation_by_token(session, token), now)
        if row.opened_at is None:
            row.opened_at = now
        saved = schemas.SavedAnswersOut(**row.progress) if row.progress else None
        if row.kind == VERIFICATION:
            return _verification_view(row, saved)
        template = await survey_template(session, row.survey_id or "")
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
