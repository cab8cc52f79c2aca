"""Lifespan-owned loops of the playbook; each claims rows with SELECT ... FOR UPDATE SKIP LOCKED.

- overdue sweeper: a pending action past its due time publishes `action-overdue` once
  (`overdue_notified_at` is set in the same transaction);
- deferred release: a deferred action whose date came goes ahead if the cap and channel allow
  it now, else it is deferred again with the new date (never dropped);
- survey inviter: see `survey_inviter`.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import structlog

from services.playbook import repository
from services.playbook.domain.actions import ActionStatus, survey_retry_delay
from services.playbook.metrics import ACTIONS_COMPLETED, ACTIONS_OVERDUE, SURVEY_INVITATIONS
from services.playbook.models import CareActionRow, CustomerRow
from services.playbook.service import config
from services.playbook.service.actions import completed_event
from services.playbook.service.planning import contact_check, customer_facts
from services.playbook.service.survey_client import SurveyClient, SurveyRefused, SurveyUnavailable
from shared.app import ServiceContext
from shared.rfc3339 import format_time

log = structlog.get_logger()


async def sweep_overdue(ctx: ServiceContext, now: datetime, limit: int = 200) -> list[str]:
    """Publish `action-overdue` for one batch of newly overdue actions; returns their ids."""
    async with ctx.db.session() as session, session.begin():
        rows = await repository.claim_newly_overdue(session, now, limit)
        for row in rows:
            row.overdue_notified_at = now
            await ctx.outbox.append(session, "action-overdue", row.customer_id, {
                "customer_id": row.customer_id, "action_id": row.id, "kind": row.kind,
                "channel": row.channel, "owner": row.owner, "rule_id": row.rule_id,
                "due_at": format_time(row.due_at), "detected_at": format_time(now),
            })
            ACTIONS_OVERDUE.labels(row.kind).inc()
    return [r.id for r in rows]


async def release_deferred(ctx: ServiceContext, now: datetime, limit: int = 200) -> list[str]:
    """Deferred actions whose date came: go ahead now, or wait for the next date the rules give."""
    released = []
    async with ctx.db.session() as session, session.begin():
        rows = await repository.claim_deferred_due(session, now, limit)
        if not rows:
            return []
        policy = await config.current_policy(ctx, session)
        for row in rows:
            customer = customer_facts(await session.get(CustomerRow, row.customer_id))
            deferral, contact = await contact_check(session, policy, row.customer_id, customer,
                                                    row.deep_contact, row.channel, now)
            offset = timedelta(hours=float(row.explanation.get("template", {}).get("due_offset_hours", 0)))
            step: dict[str, Any] = {"at": format_time(now), "by": "deferral-release", "contact": contact}
            if deferral is not None:
                row.deferred_reason, row.may_proceed_at = deferral.reason, deferral.may_proceed_at
                row.due_at = deferral.may_proceed_at + offset
                step.update(to="deferred", reason=deferral.reason)
            else:
                row.status, row.contact_at, row.may_proceed_at = ActionStatus.PENDING.value, now, None
                row.due_at = now + offset
                step.update(to="pending")
                released.append(row.id)
            row.explanation = {**row.explanation, "history": [*row.explanation.get("history", []), step]}
            row.updated_at = now
    return released


async def overdue_sweeper(ctx: ServiceContext) -> None:
    """Overdue detection and deferred release, every `sweep_interval_seconds`."""
    batch = getattr(ctx.settings, "overdue_batch_size", 200)
    while True:
        try:
            now = ctx.clock.now()
            for _ in range(20):  # a backlog is worked off in batches, each its own transaction
                if len(await sweep_overdue(ctx, now, batch)) < batch:
                    break
            for _ in range(20):
                if len(await release_deferred(ctx, now, batch)) < batch:
                    break
        except Exception:
            log.exception("overdue_sweep_failed")
        await asyncio.sleep(ctx.settings.sweep_interval_seconds)


async def invite_pending_surveys(ctx: ServiceContext, client: SurveyClient, now: datetime) -> int:
    """One pass: claim due survey actions, invite their customers over HTTP, record the outcome.

    The claim (a lease: the next attempt moved past the HTTP timeouts) is committed before the
    call, so no database transaction stays open while the survey service is slow.
    """
    settings = ctx.settings
    lease = timedelta(seconds=(settings.survey_timeout_seconds + settings.survey_backoff_seconds * 4)
                      * settings.survey_max_attempts + 30)
    async with ctx.db.session() as session, session.begin():
        rows = await repository.claim_survey_actions(session, now, settings.survey_batch_size)
        claimed = [(r.id, r.customer_id) for r in rows]
        for row in rows:
            row.survey_next_attempt_at = now + lease
    if not claimed:
        return 0
    invitations: dict[str, dict[str, Any]] = {}
    recent: dict[str, dict[str, Any]] = {}
    error: str | None = None
    survey_id: str | None = None
    try:
        survey_id = await client.default_survey_id()
        invitations, recent = await client.invite(survey_id, sorted({c for _, c in claimed}))
    except (SurveyUnavailable, SurveyRefused) as exc:
        error = f"{type(exc).__name__}: {exc}"
        log.warning("survey_invitation_failed", actions=len(claimed), error=error)
    done_at = ctx.clock.now()
    async with ctx.db.session() as session, session.begin():
        for action_id, customer_id in claimed:
            row = await session.get(CareActionRow, action_id, with_for_update=True)
            if row is None or row.status != ActionStatus.PENDING.value or row.survey_state != "pending":
                continue  # cancelled or done by hand meanwhile
            row.survey_attempts = (row.survey_attempts or 0) + 1
            invitation = invitations.get(customer_id)
            if invitation is None and customer_id in recent:
                # The fatigue guard: the customer was invited to a survey in the last 30 days (by the
                # survey schedule, say); that invitation answers this action.
                skipped = recent[customer_id]
                invitation = {"id": skipped.get("recent_invitation_id"), "reason": skipped.get("reason")}
            if invitation is None:
                row.survey_error = error or "the survey service returned no invitation for the customer"
                delay = survey_retry_delay(row.survey_attempts, settings.survey_retry_seconds)
                row.survey_next_attempt_at = done_at + timedelta(seconds=delay)
                SURVEY_INVITATIONS.labels("failed").inc()
                continue
            row.survey_state, row.survey_error = "invited", None
            row.survey_invitation = {
                "survey_id": survey_id, "invitation_id": invitation.get("id"),
                "token": invitation.get("token"), "url": invitation.get("url"),
                "expires_at": invitation.get("expires_at"),
                **({"recent_invitation": invitation["reason"]} if invitation.get("reason") else {}),
            }
            row.status, row.completed_at, row.updated_at = ActionStatus.DONE.value, done_at, done_at
            row.next_step = row.next_step or "wait for the customer's answer"
            await ctx.outbox.append(session, "action-completed", row.customer_id, completed_event(row))
            ACTIONS_COMPLETED.labels(row.kind).inc()
            SURVEY_INVITATIONS.labels("invited").inc()
    return len(claimed)


async def survey_inviter(ctx: ServiceContext) -> None:
    """Makes the invitations of pending survey actions through the survey service's HTTP API.

    Why a worker and not a call inside the event handler: the handler runs in the consumer's
    inbox transaction; an HTTP call there would hold that transaction and the customer's
    partition while the survey service answers, and an outage would make the consumer retry
    and dead-letter the score event, losing the action. Here the action is stored at once
    (and visible in the plan); the invitation follows when the survey service answers, so an
    outage only delays it, with the attempts and the last error shown on the action. Rows are
    claimed with SKIP LOCKED and a lease, so replicas never invite the same action twice at once.
    """
    client = SurveyClient(ctx.settings)  # type: ignore[arg-type]
    try:
        while True:
            try:
                batch = ctx.settings.survey_batch_size
                while await invite_pending_surveys(ctx, client, ctx.clock.now()) >= batch:
                    pass
            except Exception:
                log.exception("survey_inviter_failed")
            await asyncio.sleep(ctx.settings.sweep_interval_seconds)
    finally:
        await client.aclose()
