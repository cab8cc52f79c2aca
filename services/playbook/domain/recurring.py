"""Recurring care (docs/design.md §9): what each customer's plan holds, period by period.

A rule with a cadence (monthly, quarterly, half-yearly, yearly) gives a customer that matches
it one action of each template per period of the business calendar: due its offset after the
period starts (or after now, for a customer that enters the plan mid-period). When the tier or
quadrant changes, what no longer matches is cancelled with the reason and the new rules are
planned. Seeds 000 and 004: quarterly executive visits for core and VIP customers, a monthly
service review for Key customers, quarterly care e-mails for basic ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.playbook.domain.rules import CADENCE_MONTHS, ActionTemplate, Rule, recurring_rules
from shared.business_time import at_local, first_of_month

# Keys of recurring actions are derived, not random: the same customer, rule, kind and period
# always give the same key, so a schedule run repeated after a failure adds nothing.
_RECURRING = uuid.UUID("6f1c5a52-8a8e-4a8c-9d53-3b0f0c2f7e11")


@dataclass(frozen=True)
class CalendarPeriod:
    key: str
    start: datetime
    end: datetime


def calendar_period(cadence: str, moment: datetime, zone: ZoneInfo, later: int = 0) -> CalendarPeriod:
    """The period of `cadence` holding `moment` (or `later` periods after it), in business time."""
    months = CADENCE_MONTHS[cadence]
    local = moment.astimezone(zone).date()
    first = first_of_month(local.replace(day=1, month=(local.month - 1) // months * months + 1),
                           months * later)
    index = (first.month - 1) // months + 1
    key = {1: f"{first.year}-{first.month:02d}", 3: f"{first.year}-Q{index}",
           6: f"{first.year}-H{index}", 12: f"{first.year}"}[months]
    return CalendarPeriod(key, at_local(first, zone), at_local(first_of_month(first, months), zone))


@dataclass(frozen=True)
class PlannedAction:
    """One recurring action a customer should have in the current period."""

    rule: Rule
    template: ActionTemplate
    period: CalendarPeriod
    due_at: datetime
    next_due_at: datetime  # the same action in the next period

    @property
    def slot(self) -> tuple[str, str]:
        return self.rule.id, self.template.kind


def recurring_key(customer_id: str, rule_id: str, kind: str, period_key: str) -> str:
    return str(uuid.uuid5(_RECURRING, f"{customer_id}|{rule_id}|{kind}|{period_key}"))


def recurring_plan(
    rules: Iterable[Rule], facts: dict[str, Any], now: datetime, zone: ZoneInfo
) -> list[PlannedAction]:
    """The recurring actions due this period for a customer with these facts.

    One action per kind: when two rules plan the same kind (core and VIP both plan the
    quarterly executive visit), the first rule in the set wins.
    """
    planned: dict[str, PlannedAction] = {}
    for rule in recurring_rules(rules):
        if not rule.matches(facts):
            continue
        period = calendar_period(rule.cadence or "", now, zone)
        following = calendar_period(rule.cadence or "", now, zone, later=1)
        for template in rule.actions:
            if template.kind in planned:
                continue
            offset = timedelta(hours=template.due_offset_hours)
            planned[template.kind] = PlannedAction(
                rule, template, period, due_at=max(period.start, now) + offset,
                next_due_at=following.start + offset,
            )
    return list(planned.values())


def next_plan_at(rules: Iterable[Rule], now: datetime, zone: ZoneInfo) -> datetime | None:
    """When the customer's plan must be looked at again: the start of the next period of the
    shortest cadence in the rule set (a customer may come to match any of them)."""
    cadences = {r.cadence for r in recurring_rules(rules)}
    if not cadences:
        return None
    return min(calendar_period(c, now, zone, later=1).start for c in cadences if c)


def cancellation_reason(
    rule: Rule | None, rule_id: str, facts: dict[str, Any], kind: str | None = None
) -> str:
    """Why an open recurring action no longer applies, in words an account manager reads."""
    now_is = ", ".join(f"{k} {facts.get(k)}" for k in ("tier", "quadrant") if facts.get(k) is not None)
    if rule is None or not rule.enabled or not rule.recurring:
        return f"no longer applies: rule {rule_id} was removed, disabled or is no longer recurring"
    if kind is not None and rule.matches(facts):
        # The customer still fits the rule: the rule was edited and plans other actions now.
        return f"no longer applies: rule {rule_id} no longer plans {kind}"
    wanted = "; ".join(f"{c.field} in {sorted(map(str, c.allowed or []))}" for c in rule.conditions)
    return f"no longer applies: rule {rule_id} plans it for {wanted}, and the customer is now {now_is}"
