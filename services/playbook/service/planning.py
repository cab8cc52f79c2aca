"""From a consumed event to care actions: match rules, assign experiments, apply caps, store, publish.

Runs inside the consumer's inbox transaction, so an event's actions and its `action-created`
events are stored once. The unique (rule_id, trigger_event_id, kind) key is the second guard:
a redelivered event whose inbox row was lost still creates nothing twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository
from services.playbook.domain.actions import ActionStatus, Firing, Trigger, new_action
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
from services.playbook.domain.triggers import trigger_facts
from services.playbook.metrics import ACTIONS_CREATED
from services.playbook.models import CareActionRow, CustomerRow, ExperimentAssignmentRow
from services.playbook.service import config
from shared.app import ServiceContext
from shared.events.envelope import Event
from shared.rfc3339 import format_optional, format_time

log = structlog.get_logger()


def customer_facts(row: CustomerRow | repository.CustomerKnown | None) -> CustomerFacts:
    if row is None:
        return CustomerFacts()
    # Dormancy needs a score event (it carries the last order); a row from other events does not.
    return CustomerFacts(tier=row.tier, quadrant=row.quadrant, last_order_at=row.last_order_at,
                         known=row.computed_at is not None)


def event_facts(event: Event, customer: CustomerFacts, policy: ContactPolicy) -> dict[str, Any]:
    """The facts rule conditions look at: the trigger's own (domain/triggers.py), then the tier
    and quadrant the event carries, else the read model's."""
    data = event.data
    return {
        "tier": data.get("to_tier") or data.get("tier") or customer.tier,
        "quadrant": data.get("quadrant") or customer.quadrant,
        "dormant": is_dormant(policy, customer, event.time),
        **trigger_facts(event.type, data),
    }


@dataclass(frozen=True)
class Occasion:
    """A consumed event and what the playbook knows of its customer: shared by every action the
    event's rules make."""

    trigger: Trigger
    customer_id: str
    owner: str | None
    customer: CustomerFacts
    policy: ContactPolicy


async def plan_for_event(ctx: ServiceContext, session: AsyncSession, event: Event) -> list[CareActionRow]:
    """Every action the current rules make of this event (inside the caller's transaction)."""
    version, rules = await config.current_rules(ctx, session)
    candidates = rules_for(rules, event.type)
    if not candidates:
        return []
    customer_id = event.data["customer_id"]
    policy = await config.current_policy(ctx, session)
    row = await repository.customer_known(session, customer_id)
    customer = customer_facts(row)
    facts = event_facts(event, customer, policy)
    occasion = Occasion(
        trigger=Trigger(event.id, event.type, event.time), customer_id=customer_id,
        owner=event.data.get("owner") or (row.owner if row else None), customer=customer, policy=policy,
    )
    created: list[CareActionRow] = []
    for rule in candidates:
        if not rule.matches(facts):
            continue
        firing = Firing(rule, version, {c.field: facts.get(c.field) for c in rule.conditions})
        templates = rule.actions
        if rule.experiment is not None:
            variant = await _assignment(session, rule, customer_id, event)
            chosen = next((v for v in rule.experiment.variants if v.name == variant), None)
            templates = chosen.actions if chosen else ()
            firing = replace(firing, experiment_id=rule.experiment.id, variant=variant)
        for template in templates:
            action = await create_action(ctx, session, occasion, firing, template)
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


async def contact_check(
    session: AsyncSession, policy: ContactPolicy, customer_id: str, customer: CustomerFacts,
    deep_contact: bool, channel: str, at: datetime,
) -> tuple[Deferral | None, dict[str, Any]]:
    """Would a contact at `at` break the cap or use a paused channel? With the numbers used."""
    klass = contact_class(policy, customer, at)
    cap = policy.caps[klass]
    times = await repository.deep_contact_times(session, customer_id, at - timedelta(days=cap.window_days))
    explain: dict[str, Any] = {
        "class": klass.value, "max_contacts": cap.max_contacts, "window_days": cap.window_days,
        "deep_contacts_in_window": len(times), "deep_contact": deep_contact,
    }
    deferral = channel_pause(policy, channel, await repository.channel_outcomes(
        session, customer_id, channel, policy.pause_after_unopened), at)
    if deferral is None and deep_contact:
        deferral = cap_deferral(policy, klass, times, at)
    return deferral, explain


async def create_action(
    ctx: ServiceContext, session: AsyncSession, occasion: Occasion, firing: Firing, template: ActionTemplate,
    *, period_key: str | None = None, due_at: datetime | None = None,
) -> CareActionRow | None:
    at, customer_id = occasion.trigger.at, occasion.customer_id
    if template.once_per_days:
        earlier = await repository.recently_planned(session, customer_id, template.kind,
                                                    at - timedelta(days=template.once_per_days))
        if earlier is not None:
            log.info("action_already_planned", rule_id=firing.rule.id, kind=template.kind, action_id=earlier)
            return None
    deferral, contact = None, {"promised": True}
    if not template.bypass_caps:
        deferral, contact = await contact_check(session, occasion.policy, customer_id, occasion.customer,
                                                template.deep_contact, template.channel, at)
    action = await repository.insert_action(session, new_action(
        str(uuid.uuid4()), customer_id, occasion.owner, occasion.trigger, firing, template, deferral, contact,
        period_key=period_key, due_at=due_at,
    ), ctx.outbox, lambda action: ("action-created", customer_id, created_event(action)))
    if action is None:
        return None  # this event already made this action
    ACTIONS_CREATED.labels(action.kind, action.status).inc()
    if template.bypass_caps and template.deep_contact:
        await make_room(session, occasion.policy, customer_id, occasion.customer, action, at)
    return action


async def make_room(
    session: AsyncSession, policy: ContactPolicy, customer_id: str, customer: CustomerFacts,
    promised: CareActionRow, at: datetime,
) -> list[CareActionRow]:
    """Promises beat caps: defer the newest deferrable deep contacts the promise pushed over the cap."""
    klass = contact_class(policy, customer, at)
    since = at - timedelta(days=policy.caps[klass].window_days)
    counted = [CountedContact(action_id, contact_at, status == ActionStatus.PENDING.value and not promised)
               for action_id, contact_at, status, promised
               in await repository.counted_contacts_for_update(session, customer_id, since)]
    moved = []
    for action_id, deferral in make_room_for_promise(policy, klass, counted, promised.kind, at):
        row = await session.get(CareActionRow, action_id)  # locked above
        explanation = row.explanation or {}
        offset = timedelta(hours=float(explanation.get("template", {}).get("due_offset_hours", 0)))
        row.status, row.contact_at = ActionStatus.DEFERRED.value, None
        row.deferred_reason, row.may_proceed_at = deferral.reason, deferral.may_proceed_at
        row.due_at, row.updated_at = deferral.may_proceed_at + offset, at
        step = {"at": format_time(at), "by": "promise", "from": "pending", "to": "deferred",
                "reason": deferral.reason, "promised_action_id": promised.id,
                "may_proceed_at": format_time(deferral.may_proceed_at)}
        row.explanation = {**explanation, "history": [*explanation.get("history", []), step],
                           "deferral": {"rule": deferral.rule, "reason": deferral.reason,
                                        "may_proceed_at": format_time(deferral.may_proceed_at)}}
        moved.append(row)
    return moved


def created_event(action: CareActionRow) -> dict[str, Any]:
    return {
        "customer_id": action.customer_id, "action_id": action.id, "kind": action.kind,
        "channel": action.channel, "owner": action.owner, "rule_id": action.rule_id,
        "due_at": format_time(action.due_at), "status": action.status,
        "deferred_reason": action.deferred_reason, "may_proceed_at": format_optional(action.may_proceed_at),
        "trigger_event_id": action.trigger_event_id, "trigger_event_type": action.trigger_event_type,
        "experiment_id": action.experiment_id, "variant": action.variant,
        "created_at": format_time(action.created_at),
    }
