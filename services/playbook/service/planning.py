"""From a consumed event to care actions: match rules, assign experiments, apply caps, store, publish.

Runs inside the consumer's inbox transaction, so an event's actions and its `action-created`
events are stored once. The unique (rule_id, trigger_event_id, kind) key is the second guard:
a redelivered event whose inbox row was lost still creates nothing twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook.domain.actions import ActionStatus
from services.playbook.domain.caps import (
    ContactPolicy,
    CountedContact,
    CustomerFacts,
    Deferral,
    cap_deferral,
    channel_pause,
    contact_class,
    is_dormant,
    make_room_for_promise,
)
from services.playbook.domain.experiments import assign
from services.playbook.domain.rules import ActionTemplate, Rule, rules_for
from services.playbook.metrics import ACTIONS_CREATED
from services.playbook.models import CareActionRow, ContactRow, CustomerRow, ExperimentAssignmentRow
from services.playbook.service import config
from shared.app import ServiceContext
from shared.db import PerDialect
from shared.events.envelope import Event

log = structlog.get_logger()
SURVEY_CHANNEL = "survey"
ACCOUNT_OWNER_ROLES = frozenset({"account_manager"})


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def customer_facts(row: CustomerRow | None) -> CustomerFacts:
    if row is None:
        return CustomerFacts()
    # Dormancy needs a score event (it carries the last order); a row from other events does not.
    return CustomerFacts(tier=row.tier, quadrant=row.quadrant, last_order_at=row.last_order_at,
                         known=row.computed_at is not None)


def event_facts(event: Event, customer: CustomerFacts, policy: ContactPolicy) -> dict[str, Any]:
    """The facts rule conditions look at: the event's own, then the read model's tier and quadrant."""
    data = event.data
    facts: dict[str, Any] = {
        "tier": data.get("to_tier") or data.get("tier") or customer.tier,
        "quadrant": data.get("quadrant") or customer.quadrant,
        "dormant": is_dormant(policy, customer, event.time),
    }
    if event.type == "churn-risk-detected":
        facts["reason"] = [r["code"] for r in data["reasons"]]
    elif event.type == "tier-changed":
        facts.update(to_tier=data["to_tier"], from_tier=data.get("from_tier"), change_reason=data["reason"])
    else:
        for key in ("level", "nps_category", "value", "nps", "priority", "metric", "step", "score",
                    "previous_tier", "type", "channel"):
            if key in data:
                facts[key] = data[key]
    return facts


async def plan_for_event(ctx: ServiceContext, session: AsyncSession, event: Event) -> list[CareActionRow]:
    """Every action the current rules make of this event (inside the caller's transaction)."""
    version, rules = await config.current_rules(ctx, session)
    candidates = rules_for(rules, event.type)
    if not candidates:
        return []
    customer_id = event.data["customer_id"]
    policy = await config.current_policy(session, ctx)
    row = await session.get(CustomerRow, customer_id)
    customer = customer_facts(row)
    facts = event_facts(event, customer, policy)
    owner = event.data.get("owner") or (row.owner if row else None)
    created: list[CareActionRow] = []
    for rule in candidates:
        if not rule.matches(facts):
            continue
        templates, experiment_id, variant = rule.actions, None, None
        if rule.experiment is not None:
            experiment_id = rule.experiment.id
            variant = await _assignment(session, rule, customer_id, event)
            chosen = next((v for v in rule.experiment.variants if v.name == variant), None)
            templates = chosen.actions if chosen else ()
        for template in templates:
            action = await _create_action(
                ctx, session, event, rule, version, template, customer_id, owner, customer, policy,
                {c.field: facts.get(c.field) for c in rule.conditions}, experiment_id, variant,
            )
            if action is not None:
                created.append(action)
    return created


async def _assignment(session: AsyncSession, rule: Rule, customer_id: str, event: Event) -> str:
    """The customer's arm: stored the first time, so the report knows when exposure began."""
    assert rule.experiment is not None
    existing = await session.get(ExperimentAssignmentRow, (rule.experiment.id, customer_id))
    if existing is not None:
        return existing.variant
    variant = assign(rule.experiment.id, customer_id, rule.experiment.control_share,
                     [v.name for v in rule.experiment.variants])
    session.add(ExperimentAssignmentRow(
        experiment_id=rule.experiment.id, customer_id=customer_id, rule_id=rule.id, variant=variant,
        trigger_event_id=event.id, assigned_at=event.time,
    ))
    await session.flush()
    return variant


# The per-event queries are built once with named parameters: a statement built per call costs
# its construction and cache key on every event.
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


async def deep_contact_times(session: AsyncSession, customer_id: str, since: datetime) -> list[datetime]:
    """When the customer's deep contacts went ahead (deferred and cancelled ones do not count)."""
    return list((await session.scalars(
        _DEEP_CONTACT_TIMES, {"customer_id": customer_id, "since": since})).all())


async def channel_outcomes(
    session: AsyncSession, customer_id: str, channel: str, limit: int
) -> list[tuple[datetime, bool]]:
    rows = (await session.execute(
        _CHANNEL_OUTCOMES, {"customer_id": customer_id, "channel": channel, "limit": limit})).all()
    return [(r.occurred_at, r.opened) for r in rows]


async def contact_check(
    session: AsyncSession, policy: ContactPolicy, customer_id: str, customer: CustomerFacts,
    deep_contact: bool, channel: str, at: datetime,
) -> tuple[Deferral | None, dict[str, Any]]:
    """Would a contact at `at` break the cap or use a paused channel? With the numbers used."""
    klass = contact_class(policy, customer, at)
    cap = policy.caps[klass]
    times = await deep_contact_times(session, customer_id, at - timedelta(days=cap.window_days))
    explain: dict[str, Any] = {
        "class": klass.value, "max_contacts": cap.max_contacts, "window_days": cap.window_days,
        "deep_contacts_in_window": len(times), "deep_contact": deep_contact,
    }
    deferral = channel_pause(policy, channel, await channel_outcomes(
        session, customer_id, channel, policy.pause_after_unopened), at)
    if deferral is None and deep_contact:
        deferral = cap_deferral(policy, klass, times, at)
    return deferral, explain


async def _recently_planned(
    session: AsyncSession, customer_id: str, kind: str, since: datetime
) -> str | None:
    return await session.scalar(_RECENTLY_PLANNED, {"customer_id": customer_id, "kind": kind, "since": since})


_INSERT_ACTION = PerDialect(lambda insert: insert(CareActionRow)
                            .on_conflict_do_nothing(index_elements=["rule_id", "trigger_event_id", "kind"])
                            .returning(CareActionRow))


@dataclass(frozen=True)
class Trigger:
    """What made an action when no event did: a period of the calendar (recurring care, presence)."""

    id: str
    type: str
    time: datetime


async def _create_action(
    ctx: ServiceContext, session: AsyncSession, event: Event | Trigger, rule: Rule, version: int,
    template: ActionTemplate, customer_id: str, owner: str | None, customer: CustomerFacts,
    policy: ContactPolicy, matched: dict[str, Any], experiment_id: str | None, variant: str | None,
    period_key: str | None = None, due_at: datetime | None = None,
) -> CareActionRow | None:
    at = event.time
    if template.once_per_days:
        earlier = await _recently_planned(session, customer_id, template.kind,
                                          at - timedelta(days=template.once_per_days))
        if earlier is not None:
            log.info("action_already_planned", rule_id=rule.id, kind=template.kind, action_id=earlier)
            return None
    deferral, contact = None, {"promised": True}
    if not template.bypass_caps:
        deferral, contact = await contact_check(session, policy, customer_id, customer,
                                                template.deep_contact, template.channel, at)
    status = ActionStatus.DEFERRED if deferral else ActionStatus.PENDING
    values = {
        "id": str(uuid.uuid4()), "customer_id": customer_id, "kind": template.kind, "title": template.title,
        "channel": template.channel,
        "owner": owner if template.owner_role in ACCOUNT_OWNER_ROLES and owner else template.owner_role,
        "owner_role": template.owner_role, "status": status.value,
        # A deferred action is due its offset after the date it may go ahead.
        "due_at": (deferral.may_proceed_at + timedelta(hours=template.due_offset_hours) if deferral
                   else due_at or at + timedelta(hours=template.due_offset_hours)),
        "deep_contact": template.deep_contact, "promised": template.bypass_caps, "period_key": period_key,
        "contact_at": None if deferral else at,
        "deferred_reason": deferral.reason if deferral else None,
        "may_proceed_at": deferral.may_proceed_at if deferral else None,
        "rule_id": rule.id, "rule_version": version,
        "trigger_event_id": event.id, "trigger_event_type": event.type,
        "experiment_id": experiment_id, "variant": variant,
        "explanation": {
            "rule": {"id": rule.id, "name": rule.name, "version": version},
            "trigger": {"event_id": event.id, "event_type": event.type, "time": iso(at)},
            "matched_conditions": matched,
            "template": {"kind": template.kind, "channel": template.channel,
                         "owner_role": template.owner_role, "due_offset_hours": template.due_offset_hours,
                         "promised": template.bypass_caps, "cadence": rule.cadence},
            "period": period_key,
            "contact": contact,
            "deferral": ({"rule": deferral.rule, "reason": deferral.reason,
                          "may_proceed_at": iso(deferral.may_proceed_at)} if deferral else None),
            "experiment": {"id": experiment_id, "variant": variant} if experiment_id else None,
        },
        "created_at": at, "updated_at": at, "survey_attempts": 0,
        "survey_state": "pending" if template.channel == SURVEY_CHANNEL else None,
        "survey_next_attempt_at": at if template.channel == SURVEY_CHANNEL else None,
    }
    action = (await session.execute(_INSERT_ACTION.for_session(session), values)).scalar()
    if action is None:
        return None  # this event already made this action
    await ctx.outbox.append(session, "action-created", customer_id, created_event(action))
    ACTIONS_CREATED.labels(action.kind, action.status).inc()
    if template.bypass_caps and template.deep_contact:
        await make_room(session, policy, customer_id, customer, action, at)
    return action


_COUNTED_CONTACTS = select(CareActionRow).where(
    CareActionRow.customer_id == bindparam("customer_id"),
    CareActionRow.deep_contact.is_(True),
    CareActionRow.contact_at > bindparam("since"),
    CareActionRow.status.in_([ActionStatus.PENDING.value, ActionStatus.DONE.value]),
)


async def make_room(
    session: AsyncSession, policy: ContactPolicy, customer_id: str, customer: CustomerFacts,
    promised: CareActionRow, at: datetime,
) -> list[CareActionRow]:
    """Promises beat caps: defer the newest deferrable deep contacts the promise pushed over the cap."""
    klass = contact_class(policy, customer, at)
    since = at - timedelta(days=policy.caps[klass].window_days)
    rows = {r.id: r for r in (await session.scalars(
        _COUNTED_CONTACTS.with_for_update(), {"customer_id": customer_id, "since": since})).all()}
    counted = [CountedContact(r.id, r.contact_at, r.status == ActionStatus.PENDING.value and not r.promised)
               for r in rows.values()]
    moved = []
    for action_id, deferral in make_room_for_promise(policy, klass, counted, promised.kind, at):
        row = rows[action_id]
        explanation = row.explanation or {}
        offset = timedelta(hours=float(explanation.get("template", {}).get("due_offset_hours", 0)))
        row.status, row.contact_at = ActionStatus.DEFERRED.value, None
        row.deferred_reason, row.may_proceed_at = deferral.reason, deferral.may_proceed_at
        row.due_at, row.updated_at = deferral.may_proceed_at + offset, at
        step = {"at": iso(at), "by": "promise", "from": "pending", "to": "deferred",
                "reason": deferral.reason, "promised_action_id": promised.id,
                "may_proceed_at": iso(deferral.may_proceed_at)}
        row.explanation = {**explanation, "history": [*explanation.get("history", []), step],
                           "deferral": {"rule": deferral.rule, "reason": deferral.reason,
                                        "may_proceed_at": iso(deferral.may_proceed_at)}}
        moved.append(row)
    return moved


def created_event(action: CareActionRow) -> dict[str, Any]:
    return {
        "customer_id": action.customer_id, "action_id": action.id, "kind": action.kind,
        "channel": action.channel, "owner": action.owner, "rule_id": action.rule_id,
        "due_at": iso(action.due_at), "status": action.status,
        "deferred_reason": action.deferred_reason, "may_proceed_at": iso(action.may_proceed_at),
        "trigger_event_id": action.trigger_event_id, "trigger_event_type": action.trigger_event_type,
        "experiment_id": action.experiment_id, "variant": action.variant,
        "created_at": iso(action.created_at),
    }
