"""Who is told what about an event (docs/design.md §10): pure, from the event's data and the staff directory.

- `invitation-created` -> the customer (invitation, reminder or ticket verification);
- `action-created` -> the customer when its channel faces the customer and it is not deferred,
  and always its owner;
- `action-overdue` -> its owner;
- `ticket-escalated` -> the team lead of the ticket's team (level 1) or the task force (level 2);
- `ticket-resolved` -> the customer (solution and improvement measures);
- `digest-ready` -> its owner; `report-published` -> account managers and managers.
An owner is a staff id, or a role (task_force, marketing, ...) whose members are told.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from services.notification.domain.respect import CUSTOMER_CHANNELS

CUSTOMER, STAFF = "customer", "staff"
TEAM_LEAD, TASK_FORCE, MANAGER, ACCOUNT_MANAGER = "team_lead", "task_force", "manager", "account_manager"
INVITATION_TEMPLATES = {
    "invitation": "survey-invitation",
    "reminder": "survey-reminder",
    "verification": "ticket-verification",
}
# A reminder of a ticket's verification question asks that question again, not for a survey.
VERIFICATION_REMINDER = "verification-reminder"


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PlannedMessage:
    recipient_kind: str
    recipient: str  # customer id or staff id
    template: str
    customer_id: str | None
    priority: str | None = None
    context: dict[str, Any] = field(default_factory=dict)


def members(directory: Sequence[StaffMember], who: str | None) -> list[str]:
    """A staff id names one person; otherwise the members of the group of that name."""
    if not who:
        return []
    if any(member.staff_id == who for member in directory):
        return [who]
    return sorted(member.staff_id for member in directory if who in member.groups)


def _escalation_targets(directory: Sequence[StaffMember], level: int, team: str | None) -> list[str]:
    if level == 1:
        return (
            members(directory, f"{TEAM_LEAD}:{team}")
            if team and members(directory, f"{TEAM_LEAD}:{team}")
            else members(directory, TEAM_LEAD)
        )
    if level == 2:
        return members(directory, TASK_FORCE)
    return []  # the 80% warning (level 0) stays in the ticket queue


def _pick(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: data.get(key) for key in keys}


def plan(event_type: str, data: dict[str, Any], directory: Sequence[StaffMember]) -> list[PlannedMessage]:
    customer_id = data.get("customer_id")
    planned: list[PlannedMessage] = []
    if event_type == "invitation-created":
        planned.append(
            PlannedMessage(
                CUSTOMER,
                customer_id,
                VERIFICATION_REMINDER
                if data["kind"] == "reminder" and data.get("reminder_of") == "verification"
                else INVITATION_TEMPLATES[data["kind"]],
                customer_id,
                data.get("priority"),
                _pick(
                    data, "invitation_id", "survey_id", "kind", "reminder_number", "ticket_id", "expires_at"
                ),
            )
        )
    elif event_type == "action-created":
        context = _pick(data, "action_id", "kind", "channel", "due_at", "status")
        if data.get("channel") in CUSTOMER_CHANNELS and data.get("status") == "pending":
            planned.append(
                PlannedMessage(
                    CUSTOMER,
                    customer_id,
                    "care-message",
                    customer_id,
                    None,
                    {**context, "channel": data["channel"]},
                )
            )
        planned += [
            PlannedMessage(STAFF, staff, "action-assigned", customer_id, None, context)
            for staff in members(directory, data.get("owner"))
        ]
    elif event_type == "action-overdue":
        context = _pick(data, "action_id", "kind", "due_at")
        planned += [
            PlannedMessage(STAFF, staff, "action-overdue", customer_id, None, context)
            for staff in members(directory, data.get("owner"))
        ]
    elif event_type == "ticket-escalated":
        context = _pick(data, "ticket_id", "level", "metric", "due_at", "priority", "tier", "team")
        planned += [
            PlannedMessage(STAFF, staff, "ticket-escalated", customer_id, data.get("priority"), context)
            for staff in _escalation_targets(directory, data["level"], data.get("team"))
        ]
    elif event_type == "ticket-resolved":
        planned.append(
            PlannedMessage(
                CUSTOMER,
                customer_id,
                "ticket-resolved",
                customer_id,
                data.get("priority"),
                _pick(data, "ticket_id"),
            )
        )
    elif event_type == "digest-ready":
        context = _pick(data, "digest_id", "week_of", "due_this_week", "overdue", "customers_at_risk")
        planned += [
            PlannedMessage(STAFF, staff, "digest-ready", None, None, context)
            for staff in members(directory, data["owner"])
        ]
    elif event_type == "report-published":
        staff = sorted(set(members(directory, ACCOUNT_MANAGER)) | set(members(directory, MANAGER)))
        planned += [
            PlannedMessage(
                STAFF, one, "report-published", None, None, _pick(data, "report_id", "month", "kind", "url")
            )
            for one in staff
        ]
    return planned
