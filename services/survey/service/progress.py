"""Saving answers as the customer goes (Formbricks' partial responses) and recording the funnel:
opened when the questions are fetched, started at the first answer saved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain import progress
from services.survey.domain.scoring import answer_errors
from services.survey.domain.templates import VERIFICATION_QUESTION_IDS
from services.survey.domain.verification import verification_errors
from services.survey.service.invitations import VERIFICATION, ensure_open
from services.survey.service.responses import refuse
from services.survey.service.surveys import survey_template


def saved_out(saved: dict | None) -> schemas.SavedAnswersOut | None:
    return schemas.SavedAnswersOut(**saved) if saved else None


async def save_progress(
    session: AsyncSession, token: str, body: schemas.ResponseIn, now: datetime
) -> schemas.ProgressOut:
    """Merge these answers into the ones saved; an answer that does not fit is a 422 naming it,
    and nothing of the call is kept."""
    async with session.begin():
        invitation = ensure_open(await repository.invitation_by_token(session, token, for_update=True), now)
        if invitation.kind == VERIFICATION:
            errors = verification_errors(body.solved, body.answers, body.nps, body.comments, partial=True)
            questions = VERIFICATION_QUESTION_IDS
        else:
            template = await survey_template(session, invitation.survey_id or "")
            errors = answer_errors(template, body.answers, body.nps, body.comments, partial=True)
            if body.solved is not None:
                errors.append(("solved", "only a ticket verification asks whether the problem is solved"))
            questions = template.question_ids
        if errors:
            raise refuse(errors)
        saved = progress.merge(invitation.progress, body.answers, body.nps, body.comments, body.solved)
        answered = progress.answered_questions(saved)
        invitation.progress = saved
        invitation.progress_saved_at = now
        invitation.opened_at = invitation.opened_at or now
        if answered and invitation.started_at is None:
            invitation.started_at = now
    return schemas.ProgressOut(saved=schemas.SavedAnswersOut(**saved), saved_at=now,
                               answered=len(answered & set(questions)), questions=len(questions))
