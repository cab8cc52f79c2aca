"""Tier overrides: an account manager proposes, a manager approves or rejects, expiry ends it."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository, schemas
from services.segmentation.models import CustomerRow, ScoreRow, TierChangeRow, TierOverrideRow
from services.segmentation.service.policy import current_policy
from shared import audit
from shared.access import Scope
from shared.app import ServiceContext
from shared.auth import Caller
from shared.db import again_on_deadlock
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from shared.pagination import Page
from shared.rfc3339 import format_time


def override_out(row: TierOverrideRow | None) -> schemas.OverrideOut | None:
    if row is None:
        return None
    return schemas.OverrideOut.model_validate(row, from_attributes=True)


async def propose(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, body: schemas.OverrideIn,
    caller: Caller, now: datetime,
) -> schemas.OverrideOut:
    async with session.begin():
        policy = await current_policy(ctx, session)
        # Without an expiry the override holds for the policy's validity (180 days by default).
        expires_at = body.expires_at or now + timedelta(days=policy.override_validity_days)
        if expires_at <= now:
            raise InvalidInput("expires_at must be in the future", field="expires_at")
        if await session.get(CustomerRow, customer_id) is None:
            raise NotFound(f"customer {customer_id!r} does not exist")
        row = TierOverrideRow(
            id=str(uuid.uuid4()), customer_id=customer_id, tier=body.tier.value,
            reason=body.reason, status="proposed", proposed_by=caller.subject,
            proposed_at=now, expires_at=expires_at,
        )
        session.add(row)
    return override_out(row)


async def _pending(session: AsyncSession, override_id: str) -> TierOverrideRow:
    row = await session.get(TierOverrideRow, override_id, with_for_update=True)
    if row is None:
        raise NotFound(f"tier override {override_id!r} does not exist")
    if row.status != "proposed":
        raise Conflict(f"the override is {row.status}, not proposed")
    return row


async def approve(
    ctx: ServiceContext, session: AsyncSession, override_id: str, note: str | None, caller: Caller,
    now: datetime,
) -> schemas.OverrideOut:
    return await again_on_deadlock(
        lambda: _approve_once(ctx, session, override_id, note, caller, now), "override-approval")


async def _approve_once(
    ctx: ServiceContext, session: AsyncSession, override_id: str, note: str | None, caller: Caller,
    now: datetime,
) -> schemas.OverrideOut:
    async with session.begin():
        row = await _pending(session, override_id)
        if row.proposed_by == caller.subject:
            raise Forbidden("a proposal is approved by another person than its author")
        if row.expires_at <= now:
            raise Conflict("the proposal expired before it was approved")
        # A newer approval replaces the one in force.
        for previous in await repository.overrides_approved(session, row.customer_id):
            previous.status = "superseded"
        row.status, row.decided_by, row.decided_at, row.decision_note = (
            "approved", caller.subject, now, note,
        )
        await _apply_tier(ctx, session, row.customer_id, row.tier, "override-approved", now)
        await _audit_decision(session, row, caller, now)
    return override_out(row)


async def reject(
    session: AsyncSession, override_id: str, note: str | None, caller: Caller, now: datetime
) -> schemas.OverrideOut:
    async with session.begin():
        row = await _pending(session, override_id)
        row.status, row.decided_by, row.decided_at, row.decision_note = (
            "rejected", caller.subject, now, note,
        )
        await _audit_decision(session, row, caller, now)
    return override_out(row)


async def _audit_decision(session: AsyncSession, row: TierOverrideRow, caller: Caller, now: datetime) -> None:
    """An override decision is audited (docs/design.md §11); the notes stay in the override."""
    await audit.record(session, caller.subject, audit.AuditAction.DECIDED, "tier-override", row.id, now,
                       detail={"customer_id": row.customer_id, "tier": row.tier, "decision": row.status})


async def expire_overrides(ctx: ServiceContext, now: datetime) -> int:
    """End approved overrides past their expiry; the computed tier takes over again."""
    async with ctx.db.session() as session, session.begin():
        rows = await repository.claim_expired_overrides(session, now, 500)
        for row in rows:
            row.status = "expired"
            score = await session.get(ScoreRow, row.customer_id)
            if score is not None:
                await _apply_tier(ctx, session, row.customer_id, score.computed_tier,
                                  "override-expired", now)
    return len(rows)


async def _apply_tier(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, tier: str, reason: str,
    now: datetime,
) -> None:
    """Set the effective tier; record and publish the move. Unscored customers get it on scoring."""
    # The customer's row before its score, the order every writer of scores locks in.
    await repository.lock_customers(session, [customer_id])
    score = await session.get(ScoreRow, customer_id, with_for_update=True)
    if score is None or score.tier == tier:
        return
    customer = await session.get(CustomerRow, customer_id)
    previous = score.tier
    score.tier = tier
    session.add(TierChangeRow(customer_id=customer_id, from_tier=previous, to_tier=tier,
                              reason=reason, score=score.value, changed_at=now))
    owner = customer.owner if customer else None
    await ctx.outbox.append(session, "tier-changed", customer_id, {
        "customer_id": customer_id, "from_tier": previous, "to_tier": tier, "score": score.value,
        "reason": reason, "owner": owner, "changed_at": format_time(now),
    })
    # Tier read models elsewhere (survey weights, SLA caps) follow score-updated.
    await ctx.outbox.append(session, "score-updated", customer_id, {
        "customer_id": customer_id, "score": score.value, "previous_score": score.value,
        "tier": tier, "computed_tier": score.computed_tier, "previous_tier": previous,
        "quadrant": score.quadrant, "owner": owner, "model_version": score.model_version,
        "computed_at": format_time(now), "amount_12m": score.amount_12m,
        "orders_12m": score.orders_12m, "reason": "override",
    })


async def list_overrides(
    session: AsyncSession, customer_id: str | None, status: str | None, limit: int,
    cursor: str | None, scope: Scope,
) -> Page[schemas.OverrideOut]:
    """Overrides of the customers in the caller's scope, by id."""
    async with session.begin():
        page = await repository.list_overrides(session, customer_id, status, limit, cursor, scope)
    return page.map(override_out)
