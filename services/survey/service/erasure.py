"""Erasure and retention of what customers wrote (docs/design.md §11): open answers, comments,
answers saved part way, and the answering tokens. Scores, NPS, tiers and times stay, so results
and reports keep their figures."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey.models import InvitationRow, ResponseRow
from shared.app import ServiceContext
from shared.erasure import REDACTED

SERVICE = "survey"


def _scores_only(answers: dict | None) -> dict:
    """The item scores of a response; any text answer goes."""
    return {k: v for k, v in (answers or {}).items() if not isinstance(v, str)}


def _redact_response(row: ResponseRow, now: datetime) -> None:
    # The keys stay (that a question was answered counts in the drop-off figures), the words go.
    row.comments = dict.fromkeys(row.comments or {}, REDACTED)
    row.answers = _scores_only(row.answers)
    row.redacted_at = now


async def redact_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> dict[str, int]:
    """The customer's comments and text answers, saved progress and tokens (its links stop working).
    Idempotent: a second pass redacts the same rows again and finds no text."""
    responses = (
        await session.scalars(
            select(ResponseRow).where(ResponseRow.customer_id == customer_id).with_for_update()
        )
    ).all()
    for row in responses:
        _redact_response(row, now)
    invitations = (
        await session.scalars(
            select(InvitationRow).where(InvitationRow.customer_id == customer_id).with_for_update()
        )
    ).all()
    for invitation in invitations:
        invitation.progress = None
        if invitation.redacted_at is None:
            invitation.token = f"erased-{uuid.uuid4().hex}"
        invitation.redacted_at = now
        invitation.next_reminder_at = None
    return {"responses": len(responses), "invitations": len(invitations)}


async def sweep_old_texts(
    ctx: ServiceContext, session: AsyncSession, cutoff: datetime, limit: int
) -> dict[str, int]:
    """Retention: comments and text answers of responses answered before `cutoff`, and progress
    saved on invitations made before it; at most `limit` rows of each."""
    now = ctx.clock.now()
    responses = (
        await session.scalars(
            select(ResponseRow)
            .where(ResponseRow.answered_at < cutoff, ResponseRow.redacted_at.is_(None))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for row in responses:
        _redact_response(row, now)
    invitations = (
        await session.scalars(
            select(InvitationRow)
            .where(InvitationRow.created_at < cutoff, InvitationRow.redacted_at.is_(None))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for invitation in invitations:
        invitation.progress = None
        invitation.redacted_at = now
    return {"responses": len(responses), "invitations": len(invitations)}
