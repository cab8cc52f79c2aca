"""Erasure and retention of what people wrote about a customer's care (docs/design.md §11): the
customer's feedback and next step recorded on an action, the answering link of a survey action,
and the texts of a case written about the customer. Kinds, statuses, times and counts stay, so the
effect and workload reports keep their figures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook.models import CareActionRow, CaseRow
from shared.app import ServiceContext
from shared.erasure import REDACTED

SERVICE = "playbook"


def _redact_action(action: CareActionRow, now: datetime) -> None:
    action.customer_feedback = None
    action.next_step = None
    if action.survey_invitation:
        # Only the ids stay: the link carries the customer's answering token.
        action.survey_invitation = {
            k: v for k, v in action.survey_invitation.items() if k in ("invitation_id", "id", "survey_id")
        }
    action.redacted_at = now


async def redact_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> dict[str, int]:
    """Free text of the customer's actions and cases; idempotent."""
    actions = (
        await session.scalars(
            select(CareActionRow).where(CareActionRow.customer_id == customer_id).with_for_update()
        )
    ).all()
    for action in actions:
        _redact_action(action, now)
    cases = (
        await session.scalars(select(CaseRow).where(CaseRow.customer_id == customer_id).with_for_update())
    ).all()
    for case in cases:
        case.background = case.strategy = case.execution = case.lessons = REDACTED
        if (case.effect or {}).get("summary"):
            case.effect = {**case.effect, "summary": REDACTED}
    return {"actions": len(actions), "cases": len(cases)}


async def sweep_old_texts(
    ctx: ServiceContext, session: AsyncSession, cutoff: datetime, limit: int
) -> dict[str, int]:
    """Retention: the free text of actions created before `cutoff`, at most `limit` of them."""
    actions = (
        await session.scalars(
            select(CareActionRow)
            .where(CareActionRow.created_at < cutoff, CareActionRow.redacted_at.is_(None))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    now = ctx.clock.now()
    for action in actions:
        _redact_action(action, now)
    return {"actions": len(actions)}
