"""Queries of the playbook service; they return rows or domain objects, never API schemas.

The per-event statements (care planning runs on every consumed event) are built once with
named parameters: a statement built per call costs its construction and cache key each time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook.domain import effect
from services.playbook.domain.actions import OPEN, ActionStatus
from services.playbook.models import (
    CareActionRow,
    CaseRow,
    ChurnSignalRow,
    ContactRow,
    CustomerRow,
    CustomerSnapshotRow,
    ExperimentAssignmentRow,
    ObservedOrderRow,
    SurveyAnswerRow,
    TicketRow,
)
from shared.db import PerDialect
from shared.pagination import Keyset, Page

ACTIONS_NEWEST_FIRST = Keyset(CareActionRow.id, CareActionRow.created_at, descending=True)
CASES_NEWEST_FIRST = Keyset(CaseRow.id, CaseRow.created_at, descending=True)

# --- care planning (per consumed event) ------------------------------------------------------

_DEEP_CONTACT_TIMES = select(CareActionRow.contact_at).where(
    CareActionRow.customer_id == bindparam("customer_id"),
    CareActionRow.deep_contact.is_(True),
    CareActionRow.contact_at > bindparam("since"),
    CareActionRow.status.in_([ActionStatus.PENDING.value, ActionStatus.DONE.value]),
)
_CHANNEL_OUTCOMES = (
    select(ContactRow.occurred_at, ContactRow.opened)
    .where(ContactRow.customer_id == bindparam("customer_id"), ContactRow.channel == bindparam("channel"))
    .order_by(ContactRow.occurred_at.desc(), ContactRow.id.desc()).limit(bindparam("limit"))
)
_RECENTLY_PLANNED = select(CareActionRow.id).where(
    CareActionRow.customer_id == bindparam("customer_id"), CareActionRow.kind == bindparam("kind"),
    CareActionRow.created_at >= bindparam("since"), CareActionRow.status != ActionStatus.CANCELLED.value,
).limit(1)
# An event applied twice adds nothing: the unique (rule_id, trigger_event_id, kind) key.
_INSERT_ACTION = PerDialect(lambda insert: insert(CareActionRow)
                            .on_conflict_do_nothing(index_elements=["rule_id", "trigger_event_id", "kind"])
                            .returning(CareActionRow))
# Read models written "unless already present".
_OBSERVE_ORDER = PerDialect(lambda insert: insert(ObservedOrderRow).on_conflict_do_nothing())
_KEEP_ANSWER = PerDialect(lambda insert: insert(SurveyAnswerRow).on_conflict_do_nothing())


async def deep_contact_times(session: AsyncSession, customer_id: str, since: datetime) -> list[datetime]:
    """When the customer's deep contacts went ahead (deferred and cancelled ones do not count)."""
    return list((await session.scalars(
        _DEEP_CONTACT_TIMES, {"customer_id": customer_id, "since": since})).all())


async def channel_outcomes(
    session: AsyncSession, customer_id: str, channel: str, limit: int
) -> list[tuple[datetime, bool]]:
    """The latest contact outcomes (time, opened) on a channel, newest first."""
    rows = (await session.execute(
        _CHANNEL_OUTCOMES, {"customer_id": customer_id, "channel": channel, "limit": limit})).all()
    return [(r.occurred_at, r.opened) for r in rows]


async def recently_planned(session: AsyncSession, customer_id: str, kind: str, since: datetime) -> str | None:
    """An action of this kind planned for the customer since `since` (and not cancelled), if any."""
    return await session.scalar(_RECENTLY_PLANNED, {"customer_id": customer_id, "kind": kind, "since": since})


async def insert_action(session: AsyncSession, values: dict[str, Any]) -> CareActionRow | None:
    """Store a new action; None when this event already made it."""
    return (await session.execute(_INSERT_ACTION.for_session(session), values)).scalar()


async def observe_order(session: AsyncSession, customer_id: str, ordered_at: datetime) -> None:
    await session.execute(_OBSERVE_ORDER.for_session(session),
                          {"customer_id": customer_id, "ordered_at": ordered_at})


async def keep_answer(session: AsyncSession, answer: dict[str, Any]) -> None:
    await session.execute(_KEEP_ANSWER.for_session(session), answer)


# --- actions, plans, contacts, cases ---------------------------------------------------------


async def list_actions(
    session: AsyncSession, *, customer_id: str | None, status: str | None, owner: str | None,
    kind: str | None, limit: int, cursor: str | None, now: datetime,
) -> Page[CareActionRow]:
    """Newest first; `status=overdue` means pending and past due."""
    query = select(CareActionRow)
    if customer_id:
        query = query.where(CareActionRow.customer_id == customer_id)
    if owner:
        query = query.where(CareActionRow.owner == owner)
    if kind:
        query = query.where(CareActionRow.kind == kind)
    if status == "overdue":
        query = query.where(CareActionRow.status == ActionStatus.PENDING.value, CareActionRow.due_at < now)
    elif status:
        query = query.where(CareActionRow.status == status)
    rows = await session.scalars(ACTIONS_NEWEST_FIRST.seek(query, cursor, limit))
    return ACTIONS_NEWEST_FIRST.page(rows, limit)


async def plan_actions(
    session: AsyncSession, customer_id: str, recent_since: datetime
) -> list[CareActionRow]:
    """The customer's open actions and those changed since `recent_since`, by due date."""
    return list((await session.scalars(
        select(CareActionRow).where(
            CareActionRow.customer_id == customer_id,
            or_(CareActionRow.status.in_([s.value for s in OPEN]),
                CareActionRow.updated_at >= recent_since),
        ).order_by(CareActionRow.due_at, CareActionRow.id)
    )).all())


async def contact_channels(session: AsyncSession, customer_id: str) -> list[str]:
    """Every channel a contact outcome was recorded on for the customer."""
    return sorted((await session.scalars(
        select(ContactRow.channel).where(ContactRow.customer_id == customer_id).distinct()
    )).all())


async def has_contacts(session: AsyncSession, customer_id: str) -> bool:
    return await session.scalar(
        select(ContactRow.id).where(ContactRow.customer_id == customer_id).limit(1)
    ) is not None


async def list_cases(
    session: AsyncSession, *, tier: str | None, quadrant: str | None, customer_id: str | None,
    limit: int, cursor: str | None,
) -> Page[CaseRow]:
    """Newest first."""
    query = select(CaseRow)
    if tier:
        query = query.where(CaseRow.tier == tier)
    if quadrant:
        query = query.where(CaseRow.quadrant == quadrant)
    if customer_id:
        query = query.where(CaseRow.customer_id == customer_id)
    rows = await session.scalars(CASES_NEWEST_FIRST.seek(query, cursor, limit))
    return CASES_NEWEST_FIRST.page(rows, limit)


# --- claims of the lifespan workers (SKIP LOCKED: replicas never take the same row) -----------


async def claim_newly_overdue(session: AsyncSession, now: datetime, limit: int) -> list[CareActionRow]:
    """Pending actions past due whose `action-overdue` is not published yet."""
    return list((await session.scalars(
        select(CareActionRow).where(
            CareActionRow.status == ActionStatus.PENDING.value,
            CareActionRow.due_at < now,
            CareActionRow.overdue_notified_at.is_(None),
        ).order_by(CareActionRow.due_at).limit(limit).with_for_update(skip_locked=True)
    )).all())


async def claim_deferred_due(session: AsyncSession, now: datetime, limit: int) -> list[CareActionRow]:
    """Deferred actions whose date came."""
    return list((await session.scalars(
        select(CareActionRow).where(
            CareActionRow.status == ActionStatus.DEFERRED.value,
            CareActionRow.may_proceed_at <= now,
        ).order_by(CareActionRow.may_proceed_at).limit(limit).with_for_update(skip_locked=True)
    )).all())


async def claim_survey_actions(session: AsyncSession, now: datetime, limit: int) -> list[CareActionRow]:
    """Pending survey actions whose next invitation attempt is due."""
    return list((await session.scalars(
        select(CareActionRow).where(
            CareActionRow.survey_state == "pending",
            CareActionRow.status == ActionStatus.PENDING.value,
            CareActionRow.survey_next_attempt_at <= now,
        ).order_by(CareActionRow.survey_next_attempt_at)
        .limit(limit).with_for_update(skip_locked=True)
    )).all())


# --- experiments and the effect report -------------------------------------------------------


async def assignment_counts(session: AsyncSession) -> dict[str, dict[str, int]]:
    """experiment id -> arm -> customers assigned."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for experiment_id, variant, n in (await session.execute(
        select(ExperimentAssignmentRow.experiment_id, ExperimentAssignmentRow.variant, func.count())
        .group_by(ExperimentAssignmentRow.experiment_id, ExperimentAssignmentRow.variant)
    )).all():
        counts[experiment_id][variant] = n
    return counts


async def assignments(session: AsyncSession, experiment_id: str) -> list[ExperimentAssignmentRow]:
    return list((await session.scalars(
        select(ExperimentAssignmentRow).where(ExperimentAssignmentRow.experiment_id == experiment_id)
    )).all())


async def order_times(session: AsyncSession, customer_ids: list[str]) -> dict[str, list[datetime]]:
    """Orders seen in score events, per customer."""
    orders: dict[str, list[datetime]] = defaultdict(list)
    for o in (await session.scalars(select(ObservedOrderRow).where(
            ObservedOrderRow.customer_id.in_(customer_ids)))).all():
        orders[o.customer_id].append(o.ordered_at)
    return orders


async def satisfaction_over_time(
    session: AsyncSession, customer_ids: list[str]
) -> dict[str, list[tuple[datetime, float]]]:
    """(answered at, satisfaction) per customer, oldest first."""
    answers: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for a in (await session.scalars(select(SurveyAnswerRow).where(
            SurveyAnswerRow.customer_id.in_(customer_ids)).order_by(SurveyAnswerRow.answered_at))).all():
        answers[a.customer_id].append((a.answered_at, a.value))
    return answers


async def spend_over_time(
    session: AsyncSession, customer_ids: list[str]
) -> dict[str, list[tuple[datetime, float]]]:
    """(scored at, 12-month spend) per customer, oldest first."""
    spend: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for s in (await session.scalars(select(CustomerSnapshotRow).where(
            CustomerSnapshotRow.customer_id.in_(customer_ids), CustomerSnapshotRow.amount_12m.is_not(None))
            .order_by(CustomerSnapshotRow.computed_at, CustomerSnapshotRow.id))).all():
        spend[s.customer_id].append((s.computed_at, float(s.amount_12m)))
    return spend


async def month_facts(session: AsyncSession, start: datetime, end: datetime) -> effect.MonthFacts:
    """What the effect report of the month [start, end) is computed from."""
    segments: dict[str, tuple[str | None, str | None]] = {}
    for c in (await session.scalars(select(CustomerRow).where(CustomerRow.computed_at.is_(None)))).all():
        segments[c.customer_id] = (c.tier, c.quadrant)  # only a tier-changed seen: its tier
    snapshots = select(CustomerSnapshotRow).where(CustomerSnapshotRow.computed_at < end)
    for s in (await session.scalars(
            snapshots.order_by(CustomerSnapshotRow.computed_at, CustomerSnapshotRow.id))).all():
        segments[s.customer_id] = (s.tier, s.quadrant)  # the last one before month end wins
    orders: dict[str, list[datetime]] = defaultdict(list)
    for o in (await session.scalars(select(ObservedOrderRow).where(ObservedOrderRow.ordered_at < end)
                                    .order_by(ObservedOrderRow.ordered_at))).all():
        orders[o.customer_id].append(o.ordered_at)
    answers = [effect.SurveyAnswer(a.customer_id, a.value, a.nps, a.csat) for a in (await session.scalars(
        select(SurveyAnswerRow).where(SurveyAnswerRow.answered_at >= start, SurveyAnswerRow.answered_at < end)
    )).all()]
    complaints = [effect.Complaint(t.customer_id, t.resolved_at is not None) for t in (await session.scalars(
        select(TicketRow).where(TicketRow.type == "complaint", TicketRow.opened_at >= start,
                                TicketRow.opened_at < end))).all()]
    actions = [
        effect.ActionFact(a.customer_id, a.kind, start <= a.created_at < end,
                          a.completed_at is not None and start <= a.completed_at < end)
        for a in (await session.scalars(select(CareActionRow).where(or_(
            (CareActionRow.created_at >= start) & (CareActionRow.created_at < end),
            (CareActionRow.completed_at >= start) & (CareActionRow.completed_at < end),
        )))).all()
    ]
    churn = set((await session.scalars(select(ChurnSignalRow.customer_id).where(
        ChurnSignalRow.detected_at >= start, ChurnSignalRow.detected_at < end))).all())
    return effect.MonthFacts(start=start, end=end, segments=segments, orders=dict(orders), answers=answers,
                             complaints=complaints, actions=actions, churn_risk_customers=churn)
