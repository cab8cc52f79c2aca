"""Contact outcomes (opened or not) per channel: 3 unopened in a row pause the channel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository, schemas
from services.playbook.domain.caps import channel_pause
from services.playbook.models import CareActionRow, ContactRow
from services.playbook.service import config
from shared.app import ServiceContext
from shared.errors import InvalidInput


async def record_contact(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, body: schemas.ContactIn, actor: str,
    now: datetime,
) -> schemas.ContactOut:
    """Store one outcome and answer whether the channel is now paused for the customer."""
    occurred_at = body.occurred_at or now
    if occurred_at > now:
        raise InvalidInput("occurred_at is in the future", field="occurred_at")
    async with session.begin():
        if body.action_id is not None:
            action = await session.get(CareActionRow, body.action_id)
            if action is None or action.customer_id != customer_id:
                raise InvalidInput("no action of this customer has this id", field="action_id")
        row = ContactRow(customer_id=customer_id, channel=body.channel, opened=body.opened,
                         occurred_at=occurred_at, action_id=body.action_id, recorded_by=actor)
        session.add(row)
        await session.flush()
        policy = await config.current_policy(ctx, session)
        outcomes = await repository.channel_outcomes(session, customer_id, body.channel,
                                                     policy.pause_after_unopened)
        pause = channel_pause(policy, body.channel, outcomes, now)
    return schemas.ContactOut(
        id=row.id, customer_id=customer_id, channel=row.channel, opened=row.opened,
        occurred_at=row.occurred_at, action_id=row.action_id, channel_paused=pause is not None,
        paused_until=pause.may_proceed_at if pause else None,
    )
