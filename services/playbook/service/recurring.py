"""Recurring care and the presence check (docs/design.md §9), on the service clock.

`plan_recurring` brings one customer's recurring actions in line with its current tier and
quadrant: the actions of this period that are missing are made (caps apply), open ones whose
kind no rule plans any more are cancelled with the reason. It runs inside the inbox
transaction of `score-updated` and `tier-changed` (a change re-plans at once), and from the
daily schedule for the customers whose next period began or whose rule set changed. Keys of
recurring actions are derived from customer, rule, kind and period, so nothing is doubled.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository
from services.playbook.domain.actions import ActionStatus, Firing, Trigger
from services.playbook.domain.caps import ContactClass as Klass
from services.playbook.domain.caps import contact_class, is_dormant
from services.playbook.domain.recurring import (
    calendar_period,
    cancellation_reason,
    next_plan_at,
    recurring_key,
    recurring_plan,
)
from services.playbook.domain.rules import ActionTemplate, Rule
from services.playbook.models import CareActionRow, CustomerRow
from services.playbook.service import config
from services.playbook.service.planning import Occasion, create_action, customer_facts
from shared.app import ServiceContext
from shared.recurrence import Recurrence
from shared.rfc3339 import format_time
from shared.scheduler import Occurrence, Schedule

log = structlog.get_logger()
RECURRING_TRIGGER = "schedule"
PRESENCE_RULE = Rule(
    "presence-check", "score-updated", (), (), name="Presence: a high-value customer with no completed "
    "contact in the care schedule's presence window (30 days by default) gets a contact by its owner",
)
PRESENCE_TEMPLATE = ActionTemplate(
    kind="presence-contact", title="Get in touch: no completed contact in {days} days", channel="phone",
    owner_role="account_manager", due_offset_hours=7 * 24, deep_contact=True,
)


def _facts(customer: CustomerRow, policy, now: datetime) -> dict[str, Any]:
    return {"tier": customer.tier, "quadrant": customer.quadrant,
            "dormant": is_dormant(policy, customer_facts(customer), now)}


async def plan_recurring(
    ctx: ServiceContext, session: AsyncSession, customer: CustomerRow, now: datetime
) -> int:
    """Make this period's missing recurring actions and cancel those that no longer apply; returns
    how many were made. Runs in the caller's transaction, the customer row locked by the caller."""
    version, rules = await config.current_rules(ctx, session)
    policy = await config.current_policy(ctx, session)
    zone = ctx.clock.zone
    facts = _facts(customer, policy, now)
    plan = recurring_plan(rules, facts, now, zone) if customer.tier or customer.quadrant else []
    wanted = {p.template.kind: p for p in plan}
    by_id = {r.id: r for r in rules}
    open_rows = await repository.open_recurring_for_update(session, customer.customer_id, RECURRING_TRIGGER)
    for row in open_rows:
        if row.kind not in wanted:
            _cancel(row, cancellation_reason(by_id.get(row.rule_id), row.rule_id, facts, row.kind), now)
    made = 0
    owner_facts = customer_facts(customer)
    for item in plan:
        if await repository.kind_planned_since(session, customer.customer_id, item.template.kind,
                                               item.period.start):
            continue  # this period has one already (by another rule, or before a change)
        key = recurring_key(customer.customer_id, item.rule.id, item.template.kind, item.period.key)
        occasion = Occasion(Trigger(key, RECURRING_TRIGGER, now), customer.customer_id, customer.owner,
                            owner_facts, policy)
        firing = Firing(item.rule, version, {c.field: facts.get(c.field) for c in item.rule.conditions})
        template = dataclasses.replace(item.template, once_per_days=None)
        action = await create_action(ctx, session, occasion, firing, template,
                                     period_key=item.period.key, due_at=item.due_at)
        made += action is not None
    customer.planned_rules_version = version
    customer.next_plan_at = next_plan_at(rules, now, zone)
    return made


def _cancel(row: CareActionRow, reason: str, now: datetime) -> None:
    history = (row.explanation or {}).get("history", [])
    step = {"at": format_time(now), "by": "re-planning", "from": row.status, "to": "cancelled",
            "reason": reason}
    row.status, row.updated_at = ActionStatus.CANCELLED.value, now
    row.next_step = reason
    if row.survey_state == "pending":
        row.survey_state = "cancelled"
    row.explanation = {**(row.explanation or {}), "cancelled": {"at": format_time(now), "reason": reason},
                       "history": [*history, step]}


async def replan_due_customers(ctx: ServiceContext, now: datetime, batch_size: int = 200) -> dict[str, int]:
    """Customers whose next period began, or planned with an older rule set, are planned again."""
    customers = made = 0
    while True:
        async with ctx.db.session() as session, session.begin():
            version, _ = await config.current_rules(ctx, session)
            rows = await repository.claim_customers_to_replan(session, now, version, batch_size)
            for row in rows:
                made += await plan_recurring(ctx, session, row, now)
        customers += len(rows)
        if len(rows) < batch_size:
            return {"customers": customers, "actions": made}


async def check_presence(ctx: ServiceContext, now: datetime, batch_size: int = 500) -> dict[str, int]:
    """High-value customers with no completed contact in the presence window (the care schedule's
    `presence_check_days`) get a contact action for their owner, at most one a calendar month."""
    async with ctx.db.session() as session:
        days = (await config.current_care_schedule(ctx, session)).presence_check_days
    since = now - timedelta(days=days)
    template = dataclasses.replace(PRESENCE_TEMPLATE, title=PRESENCE_TEMPLATE.title.format(days=days))
    month = calendar_period("monthly", now, ctx.clock.zone)
    after, made = "", 0
    while True:
        async with ctx.db.session() as session, session.begin():
            version, _ = await config.current_rules(ctx, session)
            policy = await config.current_policy(ctx, session)
            rows = await repository.high_value_without_contact(session, policy, since, after, batch_size)
            for row in rows:
                facts = customer_facts(row)
                if contact_class(policy, facts, now) is not Klass.HIGH_VALUE:
                    continue  # dormant: contacted half-yearly, not monthly
                key = recurring_key(row.customer_id, PRESENCE_RULE.id, PRESENCE_TEMPLATE.kind, month.key)
                occasion = Occasion(Trigger(key, "presence-check", now), row.customer_id, row.owner, facts,
                                    policy)
                firing = Firing(PRESENCE_RULE, version, {"contact_class": Klass.HIGH_VALUE.value,
                                                         "no_completed_contact_since": format_time(since),
                                                         "presence_check_days": days})
                action = await create_action(ctx, session, occasion, firing, template,
                                             period_key=month.key)
                made += action is not None
        if len(rows) < batch_size:
            return {"actions": made}
        after = rows[-1].customer_id


async def run_recurring_care(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    return await replan_due_customers(ctx, occurrence.now)


async def run_presence_check(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    return await check_presence(ctx, occurrence.now)


SCHEDULES = [
    Schedule(
        "recurring-care", Recurrence.daily(at=time(0, 30)), run_recurring_care,
        "Plans each customer's recurring actions (rules with a cadence) for the period that began, "
        "and re-plans every customer after the rule set changed",
    ),
    Schedule(
        "presence-check", Recurrence.daily(at=time(8)), run_presence_check,
        "A high-value customer with no completed contact in the presence window (GET /v1/care-schedule, "
        "30 days by default) gets a contact action for its owner",
    ),
]
