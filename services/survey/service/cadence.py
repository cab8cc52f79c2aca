"""Surveys on cadence (docs/design.md §9): the scheduled invitations and the reminders.

Both jobs take their `now` from the caller (the service clock) and work in batches, each
batch one transaction, rows claimed with FOR UPDATE SKIP LOCKED: two replicas never take the
same rows, and a run that fails part way resumes where it stopped. The unique keys are the
second guard: one invitation per customer and period, one row per reminder number.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain.cadence import (
    coverage_of,
    fatigue_block,
    next_reminder_at,
    parse_period,
    period_containing,
)
from services.survey.metrics import INVITATIONS, REMINDERS
from services.survey.service.invitations import (
    INVITATION,
    INVITATION_CREATED,
    REMINDER,
    SURVEY,
    VERIFICATION,
    invitation_event,
    new_survey_invitation,
)
from services.survey.service.schedule import current_schedule
from services.survey.service.surveys import get_survey
from shared.app import ServiceContext
from shared.errors import InvalidInput
from shared.recurrence import Recurrence
from shared.rfc3339 import format_time
from shared.scheduler import Occurrence, Schedule

log = structlog.get_logger()
SCHEDULE = "schedule"
PENDING, INVITED = "pending", "invited"

def business_zone(ctx: ServiceContext) -> ZoneInfo:
    return ctx.clock.zone


async def invite_on_cadence(ctx: ServiceContext, now: datetime, batch_size: int = 500) -> int:
    """Invite the targets of the current period of every tier on cadence; returns how many were invited.

    A target already invited to a survey within the period (by hand, or through the playbook)
    counts as covered; one held back by the fatigue guard waits until the guard lifts.
    """
    zone = business_zone(ctx)
    async with ctx.db.session() as session, session.begin():
        schedule = await current_schedule(ctx, session)
        periods = {tier: period_containing(cadence, now, zone)
                   for tier, cadence in schedule.tiers_on_cadence().items()}
        for tier, period in periods.items():
            await repository.add_targets(session, tier, period.key, schedule.survey_id, PENDING, now)
    by_key = {p.key: p for p in periods.values()}
    invited = 0
    while by_key:
        async with ctx.db.session() as session, session.begin():
            targets = await repository.claim_pending_targets(session, PENDING, list(by_key), now, batch_size)
            if not targets:
                break
            ids = [t.customer_id for t in targets]
            tiers = await repository.tiers_of(session, ids)
            recent = await repository.last_survey_invitations(session, ids)
            rows = []
            for target in targets:
                period, last = by_key[target.period_key], recent.get(target.customer_id)
                target.updated_at = now
                if last is not None and period.contains(last[1]):
                    target.status, target.invitation_id = INVITED, last[0]
                    target.reason = "already invited to a survey in this period"
                    continue
                allowed_at = fatigue_block(last[1] if last else None, now, schedule.fatigue_days)
                if allowed_at is not None:
                    target.not_before = allowed_at
                    target.reason = (f"fatigue guard: invited to a survey on {format_time(last[1])}; "
                                     f"next invitation from {format_time(allowed_at)}")
                    continue
                row = new_survey_invitation(
                    target.survey_id, target.customer_id, tiers.get(target.customer_id), SCHEDULE, now,
                    schedule.invitation_expires_in_days, schedule, period_key=target.period_key)
                rows.append(row)
                target.status, target.invitation_id, target.reason = INVITED, row.id, None
            session.add_all(rows)
            await session.flush()
            await ctx.outbox.append_many(session, [
                (INVITATION_CREATED, r.customer_id, invitation_event(r, INVITATION, now)) for r in rows
            ])
        invited += len(rows)
        INVITATIONS.labels(SURVEY).inc(len(rows))
        if len(targets) < batch_size:
            break
    if invited:
        log.info("survey_cadence_invited", invitations=invited, periods=sorted(by_key))
    return invited


async def send_reminders(ctx: ServiceContext, now: datetime, batch_size: int = 500) -> int:
    """Remind the customers of unanswered, unexpired invitations whose reminder is due; returns how many."""
    sent = 0
    while True:
        async with ctx.db.session() as session, session.begin():
            schedule = await current_schedule(ctx, session)
            rows = await repository.claim_reminders_due(session, now, batch_size)
            if not rows:
                break
            events = []
            for row in rows:
                number = (row.reminders_sent or 0) + 1
                if row.expires_at <= now:
                    row.next_reminder_at = None  # expired: nothing left to answer
                    continue
                added = await repository.add_reminder(session, row.id, number, now)
                row.reminders_sent, row.last_reminded_at = number, now
                # A verification is reminded once; a survey by the schedule's list (3 and 7 days).
                row.next_reminder_at = None if row.kind == VERIFICATION else next_reminder_at(
                    row.created_at, number, now, schedule.reminder_after_days)
                if added is not None:
                    events.append((INVITATION_CREATED, row.customer_id,
                                   invitation_event(row, REMINDER, now, reminder_number=number)))
                    REMINDERS.labels(row.kind).inc()
            await ctx.outbox.append_many(session, events)
        sent += len(events)
        if len(rows) < batch_size:
            break
    return sent


async def coverage(
    ctx: ServiceContext, session: AsyncSession, survey_id: str, period_key: str
) -> schemas.CoverageOut:
    """The period's targets (tiers on cadence), how many were invited in it and how many answered."""
    try:
        period = parse_period(period_key, business_zone(ctx))
    except ValueError as exc:
        raise InvalidInput(str(exc), field="period") from exc
    await get_survey(session, survey_id)
    schedule = await current_schedule(ctx, session)
    rows = await repository.coverage_by_tier(session, survey_id, period.key, period.start, period.end)
    by_tier: dict[str, schemas.CoverageGroupOut] = {}
    totals = [0, 0, 0, 0]
    for tier, target, invited_count, answered, fatigued in rows:
        counts = (int(target), int(invited_count), int(answered or 0), int(fatigued or 0))
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        part = coverage_of(counts[0], counts[1], counts[2], schedule.coverage_target)
        by_tier[tier or "unknown"] = schemas.CoverageGroupOut(
            target=part.target, invited=part.invited, answered=part.answered, coverage=part.coverage,
            response_rate=part.response_rate)
    total = coverage_of(totals[0], totals[1], totals[2], schedule.coverage_target)
    return schemas.CoverageOut(
        survey_id=survey_id, period=period.key, start=period.start, end=period.end, target=total.target,
        invited=total.invited, answered=total.answered, coverage=total.coverage,
        coverage_target=total.coverage_target, met=total.met, response_rate=total.response_rate,
        by_tier=dict(sorted(by_tier.items())),
        held_back={"fatigue guard": totals[3], "not yet invited": totals[0] - totals[1] - totals[3]},
    )


async def run_cadence_invitations(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    """Scheduled job: the invitations of the current period of every tier on cadence."""
    return {"invited": await invite_on_cadence(ctx, occurrence.now)}


async def run_reminders(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    """Scheduled job: the reminders that fell due."""
    return {"reminded": await send_reminders(ctx, occurrence.now)}


SCHEDULES = [
    Schedule(
        # Every 15 minutes: a customer who becomes a target (a new Regular customer) or whose
        # fatigue guard lifts is invited soon after; a run with nothing to do costs two queries.
        "survey-cadence-invitations", Recurrence.every_minutes(15), run_cadence_invitations,
        "Invites the customers of each tier on cadence once per period (Regular quarterly by default), "
        "the fatigue guard holding back anyone invited to a survey in the last 30 days",
    ),
    Schedule(
        "survey-reminders", Recurrence.every_minutes(60), run_reminders,
        "Reminds non-respondents after 3 and 7 days, and an unanswered ticket verification after 2",
    ),
]
