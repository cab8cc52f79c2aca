"""Use cases on care actions: the list per owner, the plan per customer, status changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository, schemas
from services.playbook.domain.actions import OPEN, ActionStatus, is_overdue, transition_refusal
from services.playbook.domain.caps import cap_deferral, channel_pause, contact_class, is_dormant
from services.playbook.domain.recurring import recurring_plan
from services.playbook.metrics import ACTIONS_COMPLETED
from services.playbook.models import CareActionRow, CustomerRow
from services.playbook.service import config
from services.playbook.service.planning import customer_facts
from shared.access import Scope
from shared.app import ServiceContext
from shared.errors import Conflict, NotFound
from shared.merge_patch import merged
from shared.pagination import Page
from shared.preconditions import NO_PRECONDITION, IfMatch, representation_tag
from shared.rfc3339 import format_optional, format_time

RECENT_DAYS = 180


def action_out(row: CareActionRow, now: datetime) -> schemas.ActionOut:
    status = ActionStatus(row.status)
    survey = None
    if row.survey_state:
        survey = schemas.SurveyInvitationState(
            state=row.survey_state, attempts=row.survey_attempts or 0,
            next_attempt_at=row.survey_next_attempt_at, error=row.survey_error,
            invitation=row.survey_invitation,
        )
    return schemas.ActionOut(
        id=row.id, customer_id=row.customer_id, kind=row.kind, title=row.title or "", channel=row.channel,
        owner=row.owner, owner_role=row.owner_role, status=status.value,
        overdue=is_overdue(status, row.due_at, now), due_at=row.due_at, deep_contact=row.deep_contact,
        deferred_reason=row.deferred_reason, may_proceed_at=row.may_proceed_at, rule_id=row.rule_id,
        rule_version=row.rule_version, trigger_event_id=row.trigger_event_id,
        trigger_event_type=row.trigger_event_type, experiment_id=row.experiment_id, variant=row.variant,
        customer_feedback=row.customer_feedback, next_step=row.next_step, created_at=row.created_at,
        updated_at=row.updated_at, completed_at=row.completed_at,
        overdue_notified_at=row.overdue_notified_at, survey=survey, explanation=row.explanation or {},
    )


async def get_action(session: AsyncSession, action_id: str, now: datetime) -> schemas.ActionOut:
    row = await session.get(CareActionRow, action_id)
    if row is None:
        raise NotFound(f"action {action_id} does not exist")
    return action_out(row, now)


async def list_actions(
    session: AsyncSession, *, customer_id: str | None, status: str | None, owner: str | None,
    kind: str | None, limit: int, cursor: str | None, now: datetime, scope: Scope,
) -> Page[schemas.ActionOut]:
    """Newest first, of the actions in the caller's scope; `status=overdue` means pending and past due."""
    page = await repository.list_actions(session, customer_id=customer_id, status=status, owner=owner,
                                         kind=kind, limit=limit, cursor=cursor, now=now, scope=scope)
    return page.map(lambda row: action_out(row, now))


async def update_action(
    ctx: ServiceContext, session: AsyncSession, action_id: str, changes: dict[str, Any],
    actor: str, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.ActionOut:
    """Status change and notes in one transaction, from a merge patch (`null` clears a note);
    `done` publishes `action-completed`. If-Match is checked under the row lock."""
    async with session.begin():
        row = await session.get(CareActionRow, action_id, with_for_update=True)
        if row is None:
            raise NotFound(f"action {action_id} does not exist")
        if precondition.given or precondition.required:
            precondition.check(representation_tag(action_out(row, now)))
        # The stored status may be one no client sets (deferred): the patch alone names a new one.
        patch = merged(schemas.ActionPatch, {"customer_feedback": row.customer_feedback,
                                             "next_step": row.next_step}, changes)
        current = ActionStatus(row.status)
        target = ActionStatus(patch.status) if patch.status else current
        if target is not current:
            refusal = transition_refusal(current, target, now, row.may_proceed_at)
            if refusal:
                raise Conflict(refusal, field="status", current_status=current.value)
            row.status = target.value
            if current is ActionStatus.DEFERRED and target is ActionStatus.PENDING:
                row.contact_at, row.may_proceed_at = now, None
            if target is ActionStatus.DONE:
                row.completed_at = now
            if target is ActionStatus.CANCELLED and row.survey_state == "pending":
                row.survey_state = "cancelled"
            history = row.explanation.get("history", []) if row.explanation else []
            row.explanation = {**(row.explanation or {}), "history": [
                *history, {"at": format_time(now), "by": actor, "from": current.value, "to": target.value}]}
        row.customer_feedback = patch.customer_feedback
        row.next_step = patch.next_step
        row.updated_at = now
        if target is ActionStatus.DONE and current is not ActionStatus.DONE:
            await ctx.outbox.append(session, "action-completed", row.customer_id, completed_event(row))
            ACTIONS_COMPLETED.labels(row.kind).inc()
    return action_out(row, now)


def completed_event(row: CareActionRow) -> dict[str, Any]:
    return {
        "customer_id": row.customer_id, "action_id": row.id, "kind": row.kind, "channel": row.channel,
        "owner": row.owner, "rule_id": row.rule_id, "due_at": format_time(row.due_at),
        "completed_at": format_optional(row.completed_at), "customer_feedback": row.customer_feedback,
        "next_step": row.next_step,
    }


async def contact_state(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> schemas.ContactStateOut:
    """The customer's contact class, cap usage and paused channels, as the next action would see them."""
    policy = await config.current_policy(ctx, session)
    customer = customer_facts(await session.get(CustomerRow, customer_id))
    klass = contact_class(policy, customer, now)
    cap = policy.caps[klass]
    times = await repository.deep_contact_times(session, customer_id, now - timedelta(days=cap.window_days))
    deferral = cap_deferral(policy, klass, times, now)
    paused = []
    for channel in await repository.contact_channels(session, customer_id):
        outcomes = await repository.channel_outcomes(session, customer_id, channel,
                                                     policy.pause_after_unopened)
        pause = channel_pause(policy, channel, outcomes, now)
        if pause:
            paused.append(schemas.ChannelPauseOut(channel=channel, paused_until=pause.may_proceed_at,
                                                  reason=pause.reason))
    return schemas.ContactStateOut(
        contact_class=klass.value, max_deep_contacts=cap.max_contacts, window_days=cap.window_days,
        deep_contacts_in_window=len(times),
        next_deep_contact_at=deferral.may_proceed_at if deferral else None, paused_channels=paused,
    )


async def care_plan(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> schemas.PlanOut:
    """Open actions (pending, deferred) by due date, what was done or cancelled recently, and the
    recurring care of the customer's current tier and quadrant with its next due dates."""
    customer = await session.get(CustomerRow, customer_id)
    rows = await repository.plan_actions(session, customer_id, now - timedelta(days=RECENT_DAYS))
    if customer is None and not rows and not await repository.has_contacts(session, customer_id):
        raise NotFound(f"customer {customer_id} has no care plan: no event about it was seen")
    open_statuses = {s.value for s in OPEN}
    return schemas.PlanOut(
        customer_id=customer_id,
        customer=schemas.CustomerOut(
            customer_id=customer.customer_id, tier=customer.tier, quadrant=customer.quadrant,
            owner=customer.owner, score=customer.score, amount_12m=customer.amount_12m,
            orders_12m=customer.orders_12m, last_order_at=customer.last_order_at,
            computed_at=customer.computed_at,
        ) if customer else None,
        contact=await contact_state(ctx, session, customer_id, now),
        open_actions=[action_out(r, now) for r in rows if r.status in open_statuses],
        recent_actions=[action_out(r, now) for r in rows if r.status not in open_statuses],
        recurring=await _recurring(ctx, session, customer, rows, now),
    )


async def _recurring(
    ctx: ServiceContext, session: AsyncSession, customer: CustomerRow | None, rows, now: datetime
) -> list[schemas.RecurringOut]:
    if customer is None:
        return []
    _, rules = await config.current_rules(ctx, session)
    policy = await config.current_policy(ctx, session)
    facts = {"tier": customer.tier, "quadrant": customer.quadrant,
             "dormant": is_dormant(policy, customer_facts(customer), now)}
    made = {(r.kind, r.period_key): r for r in rows
            if r.period_key and r.status != ActionStatus.CANCELLED.value}
    out = []
    for item in recurring_plan(rules, facts, now, ctx.clock.zone):
        action = made.get((item.template.kind, item.period.key))
        out.append(schemas.RecurringOut(
            kind=item.template.kind, rule_id=item.rule.id, cadence=item.rule.cadence or "",
            period=item.period.key, action_id=action.id if action else None,
            status=action.status if action else None, due_at=action.due_at if action else item.due_at,
            next_due_at=item.next_due_at,
        ))
    return out
