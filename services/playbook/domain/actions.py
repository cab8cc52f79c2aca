"""Care actions (docs/design.md §6): pending, deferred (a cap), done, cancelled; overdue is derived.

Also the row of a new action with the explanation of every number that made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from services.playbook.domain.caps import Deferral
from services.playbook.domain.rules import ActionTemplate, Rule
from shared.rfc3339 import format_time


class ActionStatus(StrEnum):
    PENDING = "pending"
    DEFERRED = "deferred"
    DONE = "done"
    CANCELLED = "cancelled"


OPEN = frozenset({ActionStatus.PENDING, ActionStatus.DEFERRED})
# A deferred action goes ahead (pending) only once its cap or pause allows it.
TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.PENDING: frozenset({ActionStatus.DONE, ActionStatus.CANCELLED}),
    ActionStatus.DEFERRED: frozenset({ActionStatus.PENDING, ActionStatus.CANCELLED}),
    ActionStatus.DONE: frozenset(),
    ActionStatus.CANCELLED: frozenset(),
}


def transition_refusal(
    current: ActionStatus, target: ActionStatus, now: datetime, may_proceed_at: datetime | None
) -> str | None:
    """None when `current -> target` is allowed at `now`, else why not."""
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (final)"
        return f"an action that is {current.value} cannot become {target.value}; allowed: {allowed}"
    if current is ActionStatus.DEFERRED and target is ActionStatus.PENDING and (
        may_proceed_at is not None and now < may_proceed_at
    ):
        return f"the action is deferred until {format_time(may_proceed_at)}"
    return None


def is_overdue(status: ActionStatus, due_at: datetime | None, now: datetime) -> bool:
    """Pending and past its due time."""
    return status is ActionStatus.PENDING and due_at is not None and due_at < now


# --- a new action: its row and the explanation of every number that made it -------------------

SURVEY_CHANNEL = "survey"
MAX_SURVEY_RETRY_SECONDS = 3600.0
# An action template for one of these roles goes to the customer's owner when one is known.
ACCOUNT_OWNER_ROLES = frozenset({"account_manager"})


@dataclass(frozen=True)
class Trigger:
    """What an action is made of: a consumed event, or a period of the calendar when no event
    made it (recurring care, the presence check), named by a key derived from that period."""

    event_id: str
    event_type: str
    at: datetime


@dataclass(frozen=True)
class Firing:
    """One rule firing on an event: the rule (and rule-set version), the facts its conditions
    matched, and the experiment arm the customer is in when the rule has variants."""

    rule: Rule
    version: int
    matched: dict[str, Any]
    experiment_id: str | None = None
    variant: str | None = None


def new_action(
    action_id: str, customer_id: str, owner: str | None, trigger: Trigger, firing: Firing,
    template: ActionTemplate, deferral: Deferral | None, contact: dict[str, Any],
    *, period_key: str | None = None, due_at: datetime | None = None,
) -> dict[str, Any]:
    """The row of a new care action: pending, or deferred by a cap or a paused channel (then due its
    offset after the date it may go ahead), with the rule, event and numbers that made it.

    A recurring action (docs/design.md §9) names its calendar period and may be due at a date of
    that period rather than its offset after the trigger."""
    at, rule = trigger.at, firing.rule
    offset = timedelta(hours=template.due_offset_hours)
    status = ActionStatus.DEFERRED if deferral else ActionStatus.PENDING
    survey = template.channel == SURVEY_CHANNEL
    return {
        "id": action_id, "customer_id": customer_id, "kind": template.kind, "title": template.title,
        "channel": template.channel,
        "owner": owner if template.owner_role in ACCOUNT_OWNER_ROLES and owner else template.owner_role,
        "owner_role": template.owner_role, "status": status.value,
        "due_at": deferral.may_proceed_at + offset if deferral else due_at or at + offset,
        "deep_contact": template.deep_contact, "promised": template.bypass_caps, "period_key": period_key,
        "contact_at": None if deferral else at,
        "deferred_reason": deferral.reason if deferral else None,
        "may_proceed_at": deferral.may_proceed_at if deferral else None,
        "rule_id": rule.id, "rule_version": firing.version,
        "trigger_event_id": trigger.event_id, "trigger_event_type": trigger.event_type,
        "experiment_id": firing.experiment_id, "variant": firing.variant,
        "explanation": {
            "rule": {"id": rule.id, "name": rule.name, "version": firing.version},
            "trigger": {"event_id": trigger.event_id, "event_type": trigger.event_type,
                        "time": format_time(at)},
            "matched_conditions": firing.matched,
            "template": {"kind": template.kind, "channel": template.channel,
                         "owner_role": template.owner_role, "due_offset_hours": template.due_offset_hours,
                         "promised": template.bypass_caps, "cadence": rule.cadence},
            "period": period_key,
            "contact": contact,
            "deferral": ({"rule": deferral.rule, "reason": deferral.reason,
                          "may_proceed_at": format_time(deferral.may_proceed_at)} if deferral else None),
            "experiment": ({"id": firing.experiment_id, "variant": firing.variant}
                           if firing.experiment_id else None),
        },
        "created_at": at, "updated_at": at, "survey_attempts": 0,
        "survey_state": "pending" if survey else None,
        "survey_next_attempt_at": at if survey else None,
    }


def survey_retry_delay(attempts: int, base_seconds: float) -> float:
    """Seconds before the next invitation attempt of a survey action: doubled after each failed
    attempt, at most an hour, so an outage of the survey service is retried without hammering it."""
    return min(base_seconds * 2 ** (attempts - 1), MAX_SURVEY_RETRY_SECONDS)
