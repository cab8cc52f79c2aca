"""Use case of answering an invitation: score it, store it once, publish the event."""

from __future__ import annotations

import time
import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain import progress
from services.survey.domain.scoring import AnswerError, Satisfaction, answer_errors, score_response
from services.survey.domain.verification import rating_csat, rating_of, verification_errors
from services.survey.metrics import RESPONSE_RATE, RESPONSES, SATISFACTION, VERIFICATIONS
from services.survey.service.invitations import VERIFICATION, ensure_open
from services.survey.service.surveys import parsed_template
from shared.app import ServiceContext
from shared.contract import ANONYMOUS_SUBJECT
from shared.errors import Conflict, InvalidInput
from shared.rfc3339 import format_time


def refuse(errors: list[tuple[str, str]]) -> InvalidInput:
    fields = ", ".join(f for f, _ in errors)
    return InvalidInput(
        f"Invalid answer for: {fields}; nothing was stored", field=errors[0][0],
        errors=[{"field": f, "message": m} for f, m in errors],
    )


def satisfaction_out(s: Satisfaction, tier: str | None) -> schemas.SatisfactionOut:
    return schemas.SatisfactionOut(
        value=s.value, level=s.level.value, dimensions=s.dimensions, weights=s.weights, tier=tier,
        nps=s.nps, nps_category=s.nps_category.value if s.nps_category else None, csat=s.csat,
    )


async def answer(ctx: ServiceContext, token: str, body: schemas.ResponseIn) -> schemas.ResponseOut:
    """Score and store the one response of an invitation; a second answer is a 409. Answers
    saved before (`.../progress`) count unless the body answers the same questions again.
    Answering is the hot path: its prebuilt statements run in a transaction without a session."""
    now = ctx.clock.now()
    try:
        async with ctx.db.transaction() as session:
            # The row lock makes two simultaneous answers queue; the unique key backs it up.
            found = await repository.invitation_to_answer(session, token)
            invitation = ensure_open(found and found.invitation, now)
            if invitation.progress:
                body = _with_saved(invitation.progress, body)
            if invitation.kind == VERIFICATION:
                out = await _answer_verification(ctx, session, invitation, body, now)
            else:
                out = await _answer_survey(ctx, session, found, body, now)
    except IntegrityError as exc:
        raise Conflict("This invitation has already been answered; thank you", field="token") from exc
    tier = invitation.tier if out.satisfaction is None else out.satisfaction.tier
    RESPONSES.labels(invitation.kind, tier or "unknown").inc()
    if out.satisfaction is not None:
        SATISFACTION.labels(tier or "unknown").observe(out.satisfaction.value)
        await _refresh_response_rate(ctx, invitation.survey_id or "")
    else:
        VERIFICATIONS.labels(str(out.solved).lower()).inc()
    return out


def _with_saved(saved: dict, body: schemas.ResponseIn) -> schemas.ResponseIn:
    merged = progress.merge(saved, body.answers, body.nps, body.comments, body.solved)
    return schemas.ResponseIn(answers=merged["answers"], nps=merged["nps"],
                              comments=merged["comments"], solved=merged["solved"])


RESPONSE_RATE_REFRESH_SECONDS = 10.0


async def _refresh_response_rate(ctx: ServiceContext, survey_id: str) -> None:
    """The gauge counts the survey's invitations and responses, which grows with the survey: refresh
    it at most every few seconds per survey rather than on every answer. When each survey was last
    counted is per app (ctx.state), like every other per-process object."""
    refreshed_at: dict[str, float] = ctx.state.setdefault("response_rate_refreshed_at", {})
    now = time.monotonic()
    last = refreshed_at.get(survey_id)
    if last is not None and now - last < RESPONSE_RATE_REFRESH_SECONDS:
        return
    refreshed_at[survey_id] = now
    async with ctx.db.session() as session, session.begin():
        rate = await repository.response_rate(session, survey_id)
    if rate is not None:
        RESPONSE_RATE.labels(survey_id).set(rate)


async def _answer_survey(
    ctx: ServiceContext, session: AsyncSession, found: repository.ToAnswer, body: schemas.ResponseIn,
    now: datetime,
) -> schemas.ResponseOut:
    invitation, known = found.invitation, found.known
    template = parsed_template(invitation.survey_id or "", found.definition)
    errors = answer_errors(template, body.answers, body.nps, body.comments)
    if body.solved is not None:
        errors.append(("solved", "only a ticket verification asks whether the problem is solved"))
    if errors:
        raise refuse(errors)
    # The tier for the weights is the one segmentation last told us (read model); none -> equal.
    tier = known.tier if known else None
    try:
        satisfaction = score_response(template, body.answers, body.nps, tier)
    except AnswerError as exc:
        raise refuse(exc.errors) from exc
    response_id = str(uuid.uuid4())
    comments = {k: v.strip() for k, v in body.comments.items() if v.strip()}
    # An anonymous survey's response names no customer (docs/design.md §11).
    customer_id = None if template.anonymous else invitation.customer_id
    who = {"customer_id": customer_id, "invitation_id": invitation.id} if customer_id else {
        "anonymous": True}
    await repository.store_answer(session, ctx.outbox, {
        "id": response_id, "invitation_id": invitation.id, "kind": invitation.kind,
        "survey_id": invitation.survey_id, "customer_id": customer_id, "ticket_id": None,
        "tier": tier, "quadrant": known.quadrant if known else None, "answers": body.answers,
        "comments": comments, "nps": body.nps,
        "nps_category": satisfaction.nps_category.value if satisfaction.nps_category else None,
        "value": satisfaction.value, "level": satisfaction.level.value,
        "dimensions": satisfaction.dimensions, "weights": satisfaction.weights, "csat": satisfaction.csat,
        "solved": None, "answered_at": now,
    }, ("satisfaction-scored", customer_id or ANONYMOUS_SUBJECT, {
        **who,
        "survey_id": invitation.survey_id,
        "response_id": response_id,
        "value": satisfaction.value,
        "level": satisfaction.level.value,
        "dimensions": satisfaction.dimensions,
        "weights": satisfaction.weights,
        "nps": satisfaction.nps,
        "nps_category": satisfaction.nps_category.value if satisfaction.nps_category else None,
        "csat": satisfaction.csat,
        "tier": tier,
        "answered_at": format_time(now),
    }))
    return schemas.ResponseOut(
        response_id=response_id, invitation_id=invitation.id, kind="survey", answered_at=now,
        satisfaction=satisfaction_out(satisfaction, tier),
    )


async def _answer_verification(
    ctx: ServiceContext, session: AsyncSession, invitation: repository.InvitationToAnswer,
    body: schemas.ResponseIn,
    now: datetime,
) -> schemas.ResponseOut:
    errors = verification_errors(body.solved, body.answers, body.nps, body.comments)
    if errors:
        raise refuse(errors)
    response_id = str(uuid.uuid4())
    rating = rating_of(body.answers)
    comments = {k: v.strip() for k, v in body.comments.items() if v.strip()}
    # The comment is the customer's own words: it stays here, the event says only that there is one.
    await repository.store_answer(session, ctx.outbox, {
        "id": response_id, "invitation_id": invitation.id, "kind": invitation.kind, "survey_id": None,
        "customer_id": invitation.customer_id, "ticket_id": invitation.ticket_id, "tier": invitation.tier,
        "quadrant": invitation.quadrant, "answers": body.answers, "comments": comments, "dimensions": {},
        "weights": {}, "csat": rating_csat(rating), "solved": body.solved, "answered_at": now,
        "nps": None, "nps_category": None, "value": None, "level": None,
    }, ("ticket-verification-answered", invitation.customer_id, {
        "customer_id": invitation.customer_id,
        "ticket_id": invitation.ticket_id,
        "invitation_id": invitation.id,
        "solved": body.solved,
        "rating": rating,
        "commented": bool(comments),
        "answered_at": format_time(now),
    }))
    return schemas.ResponseOut(
        response_id=response_id, invitation_id=invitation.id, kind="verification", answered_at=now,
        solved=body.solved, rating=rating,
    )
