"""Queries of the playbook service; they return rows or domain objects, never API schemas.

The per-event statements (care planning runs on every consumed event) are built once with
named parameters: a statement built per call costs its construction and cache key each time.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Row, Table, and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook.domain import effect
from services.playbook.domain.actions import OPEN, ActionStatus
from services.playbook.domain.caps import ContactPolicy
from services.playbook.models import (
    CUSTOMER_ACCESS,
    CareActionRow,
    CaseRow,
    ChurnSignalRow,
    ContactRow,
    CustomerRow,
    CustomerSnapshotRow,
    DigestRow,
    ExperimentAssignmentRow,
    ObservedOrderRow,
    OrderRow,
    SurveyAnswerRow,
    TicketRow,
)
from shared.access import Scope
from shared.db import HotStatement, PerDialect, is_postgres
from shared.events.outbox import Outbox, event_row_if_written
from shared.pagination import Keyset, Page

ACTIONS_NEWEST_FIRST = Keyset(CareActionRow.id, CareActionRow.created_at, descending=True)
CASES_NEWEST_FIRST = Keyset(CaseRow.id, CaseRow.created_at, descending=True)

# --- care planning (per consumed event) ------------------------------------------------------

# Read on every event a rule acts on: prebuilt statements on the driver (HotStatement).
# The customer's deep contacts since `since` that went ahead (or will): what the caps count.
_COUNTED = (
    CareActionRow.customer_id == bindparam("customer_id"),
    CareActionRow.deep_contact.is_(True),
    CareActionRow.contact_at > bindparam("since"),
    or_(CareActionRow.status == ActionStatus.PENDING.value,
        CareActionRow.status == ActionStatus.DONE.value),  # no IN list: a HotStatement binds none
)
_DEEP_CONTACT_TIMES = HotStatement(select(CareActionRow.contact_at).where(*_COUNTED))
_CHANNEL_OUTCOMES = HotStatement(
    select(ContactRow.occurred_at, ContactRow.opened)
    .where(ContactRow.customer_id == bindparam("customer_id"), ContactRow.channel == bindparam("channel"))
    .order_by(ContactRow.occurred_at.desc(), ContactRow.id.desc()).limit(bindparam("limit"))
)
_COUNTED_CONTACTS = HotStatement(select(
    CareActionRow.id, CareActionRow.contact_at, CareActionRow.status, CareActionRow.promised,
).where(*_COUNTED).with_for_update())
_RECENTLY_PLANNED = HotStatement(select(CareActionRow.id).where(
    CareActionRow.customer_id == bindparam("customer_id"), CareActionRow.kind == bindparam("kind"),
    CareActionRow.created_at >= bindparam("since"), CareActionRow.status != ActionStatus.CANCELLED.value,
).limit(1))
# An event applied twice adds nothing: the unique (rule_id, trigger_event_id, kind) key.
# Applying an event inserts its actions and keeps its answer: prebuilt statements on the driver
# (an ORM insert returning an entity cost more than the statement itself).
_ACTIONS = CareActionRow.__table__
_ACTION_COLUMNS = tuple(column.name for column in _ACTIONS.columns)
_NEW_ACTION = (pg_insert(_ACTIONS).values({name: bindparam(name) for name in _ACTION_COLUMNS})
               .on_conflict_do_nothing(index_elements=["rule_id", "trigger_event_id", "kind"])
               .returning(_ACTIONS.c.id))
_INSERT_ACTION = HotStatement(_NEW_ACTION)


@functools.cache
def _insert_announced_action(outbox_table: Table) -> HotStatement:
    """A new action and, only if it was new, its event: one statement (PostgreSQL)."""
    return HotStatement(event_row_if_written(outbox_table, _NEW_ACTION.cte("new_action")))
# Read models written "unless already present".
_OBSERVE_ORDER = PerDialect(lambda insert: insert(ObservedOrderRow).on_conflict_do_nothing())
_ANSWERS = SurveyAnswerRow.__table__
_KEEP_ANSWER = HotStatement(pg_insert(_ANSWERS).values(
    {column.name: bindparam(column.name) for column in _ANSWERS.columns}).on_conflict_do_nothing())
_KEEP_ORDER = PerDialect(lambda insert: insert(OrderRow).on_conflict_do_nothing())
_RECORD_MESSAGE = PerDialect(lambda insert: insert(ContactRow).on_conflict_do_nothing(
    index_elements=["message_id"]))


class CustomerKnown(NamedTuple):
    """What the rules read of the customer's read model (plain values, no ORM object)."""

    tier: str | None
    quadrant: str | None
    last_order_at: datetime | None
    computed_at: datetime | None
    owner: str | None


_CUSTOMER_KNOWN = HotStatement(select(*(CustomerRow.__table__.c[name] for name in CustomerKnown._fields))
                               .where(CustomerRow.__table__.c.customer_id == bindparam("customer_id")))


async def customer_known(session: AsyncSession, customer_id: str) -> CustomerKnown | None:
    """The customer's read model as the rules see it; None before any event about it."""
    rows = await _CUSTOMER_KNOWN.fetch(session, {"customer_id": customer_id})
    return CustomerKnown(*rows[0]) if rows else None


async def deep_contact_times(session: AsyncSession, customer_id: str, since: datetime) -> list[datetime]:
    """When the customer's deep contacts went ahead (deferred and cancelled ones do not count)."""
    rows = await _DEEP_CONTACT_TIMES.fetch(session, {"customer_id": customer_id, "since": since})
    return [at for (at,) in rows]


async def channel_outcomes(
    session: AsyncSession, customer_id: str, channel: str, limit: int
) -> list[tuple[datetime, bool]]:
    """The latest contact outcomes (time, opened) on a channel, newest first."""
    return await _CHANNEL_OUTCOMES.fetch(session, {"customer_id": customer_id, "channel": channel,
                                                   "limit": limit})


async def recently_planned(session: AsyncSession, customer_id: str, kind: str, since: datetime) -> str | None:
    """An action of this kind planned for the customer since `since` (and not cancelled), if any."""
    rows = await _RECENTLY_PLANNED.fetch(session, {"customer_id": customer_id, "kind": kind, "since": since})
    return rows[0][0] if rows else None


async def counted_contacts_for_update(
    session: AsyncSession, customer_id: str, since: datetime
) -> list[tuple[str, datetime, str, bool]]:
    """(id, contact_at, status, promised) of the customer's deep contacts that went ahead (or will)
    since `since`, locked: a promise may move the deferrable ones (loaded by id when it does)."""
    return await _COUNTED_CONTACTS.fetch(session, {"customer_id": customer_id, "since": since})


async def insert_action(
    session: AsyncSession, values: dict[str, Any], outbox: Outbox,
    event_of: Callable[[CareActionRow], tuple[str, str, dict[str, Any]]],
) -> CareActionRow | None:
    """Store a new action (the columns a new action leaves out are empty) and the event
    `event_of` makes of it; None, and no event, when this event already made it. The row
    returned is built from what was stored, not loaded back (nothing fills a column in the
    database), and is not attached to the session: an action is changed through a row loaded
    for update. On PostgreSQL the action and its event are one round trip."""
    action = CareActionRow(**{name: values.get(name) for name in _ACTION_COLUMNS})
    row = {name: getattr(action, name) for name in _ACTION_COLUMNS}
    event = event_of(action)
    if is_postgres(session):
        written = await _insert_announced_action(outbox.table).fetch(
            session, {**row, **outbox.row_alongside(session, *event)})
        return action if written else None
    if not await _INSERT_ACTION.fetch(session, row):
        return None
    await outbox.append(session, *event)
    return action


async def observe_order(session: AsyncSession, customer_id: str, ordered_at: datetime) -> None:
    await session.execute(_OBSERVE_ORDER.for_session(session),
                          {"customer_id": customer_id, "ordered_at": ordered_at})


async def keep_answer(session: AsyncSession, answer: dict[str, Any]) -> None:
    """A survey answer from `satisfaction-scored` (every column given), once."""
    await _KEEP_ANSWER.execute(session, answer)


async def record_message_contact(session: AsyncSession, contact: dict[str, Any]) -> None:
    """A contact made by a delivered message; its first status to arrive records it."""
    await session.execute(_RECORD_MESSAGE.for_session(session), contact)


async def mark_message_opened(session: AsyncSession, message_id: str) -> None:
    await session.execute(update(ContactRow).where(ContactRow.message_id == message_id).values(opened=True))


async def forget_message_contact(session: AsyncSession, message_id: str) -> None:
    """A bounced message never reached the customer: it is no contact."""
    await session.execute(delete(ContactRow).where(ContactRow.message_id == message_id))


async def keep_order(session: AsyncSession, order: dict[str, Any]) -> None:
    """An order from `order-recorded`, once."""
    await session.execute(_KEEP_ORDER.for_session(session), order)


# --- actions, plans, contacts, cases ---------------------------------------------------------


def actions_in_scope(scope: Scope) -> ColumnElement[bool]:
    """The care actions a caller sees (docs/design.md §11): its own, or of the customers it sees."""
    return scope.assigned_work(CareActionRow.owner, CareActionRow.customer_id, CUSTOMER_ACCESS)


def action_in_scope(scope: Scope, action_id: str) -> ColumnElement[bool]:
    return and_(CareActionRow.id == action_id, actions_in_scope(scope))


def customer_in_scope(scope: Scope, customer_id: str) -> ColumnElement[bool]:
    return scope.customer(customer_id, CUSTOMER_ACCESS)


async def list_actions(
    session: AsyncSession, *, customer_id: str | None, status: str | None, owner: str | None,
    kind: str | None, limit: int, cursor: str | None, now: datetime, scope: Scope,
) -> Page[CareActionRow]:
    """Newest first, of the actions in the caller's scope; `status=overdue` means pending and past due."""
    query = select(CareActionRow).where(actions_in_scope(scope))
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


# --- recurring care and the presence check (docs/design.md §9) --------------------------------


async def open_recurring_for_update(
    session: AsyncSession, customer_id: str, trigger_type: str
) -> list[CareActionRow]:
    """The customer's open recurring actions (those with a calendar period), locked."""
    return list((await session.scalars(select(CareActionRow).where(
        CareActionRow.customer_id == customer_id, CareActionRow.period_key.is_not(None),
        CareActionRow.status.in_([s.value for s in OPEN]), CareActionRow.trigger_event_type == trigger_type,
    ).with_for_update())).all())


async def kind_planned_since(session: AsyncSession, customer_id: str, kind: str, start: datetime) -> bool:
    """An action of this kind made for the customer since `start` and not cancelled."""
    return bool(await session.scalar(select(exists().where(
        CareActionRow.customer_id == customer_id, CareActionRow.kind == kind,
        CareActionRow.created_at >= start, CareActionRow.status != ActionStatus.CANCELLED.value,
    ))))


async def claim_customers_to_replan(
    session: AsyncSession, now: datetime, rules_version: int, limit: int
) -> list[CustomerRow]:
    """Customers with a tier or quadrant whose next period began, or planned with another rule set."""
    return list((await session.scalars(select(CustomerRow).where(
        or_(CustomerRow.next_plan_at <= now, CustomerRow.planned_rules_version.is_(None),
            CustomerRow.planned_rules_version != rules_version),
        or_(CustomerRow.tier.is_not(None), CustomerRow.quadrant.is_not(None)),
    ).order_by(CustomerRow.customer_id).limit(limit).with_for_update(skip_locked=True))).all())


async def high_value_without_contact(
    session: AsyncSession, policy: ContactPolicy, since: datetime, after: str, limit: int
) -> list[CustomerRow]:
    """High-value customers (by tier or quadrant) with no completed deep contact and no recorded
    contact outcome since `since`, in id order after `after`."""
    return list((await session.scalars(select(CustomerRow).where(
        CustomerRow.customer_id > after,
        or_(CustomerRow.tier.in_(sorted(policy.high_value_tiers)),
            CustomerRow.quadrant.in_(sorted(policy.high_value_quadrants))),
        ~exists().where(CareActionRow.customer_id == CustomerRow.customer_id,
                        CareActionRow.status == ActionStatus.DONE.value,
                        CareActionRow.deep_contact.is_(True), CareActionRow.completed_at >= since),
        ~exists().where(ContactRow.customer_id == CustomerRow.customer_id,
                        ContactRow.occurred_at >= since),
    ).order_by(CustomerRow.customer_id).limit(limit))).all())


# --- the weekly owner digest -----------------------------------------------------------------

# One digest per owner and week (its key): a repeated run announces nothing twice.
_ADD_DIGEST = PerDialect(lambda insert: insert(DigestRow).on_conflict_do_nothing().returning(DigestRow.owner))


async def pending_owned_actions_due_before(session: AsyncSession, end: datetime) -> list[Row]:
    """(owner, id, due_at) of the pending actions with an owner due before `end`, by due date."""
    return list((await session.execute(
        select(CareActionRow.owner, CareActionRow.id, CareActionRow.due_at).where(
            CareActionRow.status == ActionStatus.PENDING.value, CareActionRow.owner.is_not(None),
            CareActionRow.due_at < end,
        ).order_by(CareActionRow.due_at, CareActionRow.id))).all())


async def owners_of_customers_at_risk(session: AsyncSession, since: datetime) -> list[Row]:
    """(owner, customer id) of the customers with a churn-risk warning since `since`."""
    return list((await session.execute(select(CustomerRow.owner, ChurnSignalRow.customer_id).join(
        CustomerRow, CustomerRow.customer_id == ChurnSignalRow.customer_id).where(
        CustomerRow.owner.is_not(None), ChurnSignalRow.detected_at >= since,
    ).distinct())).all())


async def add_digest(session: AsyncSession, values: dict[str, Any]) -> str | None:
    """Record an owner's digest of a week; None when that week's digest exists already."""
    return await session.scalar(_ADD_DIGEST.for_session(session), values)


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


async def order_amounts(
    session: AsyncSession, customer_ids: list[str]
) -> dict[str, list[tuple[datetime, float]]]:
    """(ordered at, amount) of every order `order-recorded` announced, per customer."""
    amounts: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for o in (await session.scalars(select(OrderRow).where(OrderRow.customer_id.in_(customer_ids)))).all():
        amounts[o.customer_id].append((o.ordered_at, float(o.amount)))
    return amounts


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
