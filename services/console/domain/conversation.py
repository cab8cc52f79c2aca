"""What the ticket page shows of the conversation and of the time spent (docs/design.md §5, §12).

The feedback service keeps the messages and counts requester wait and agent work time at each
status change (`durations.counted_until`); the console lays the conversation out and carries the
wall-clock counts on to now while the ticket still waits on the team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.rfc3339 import parse_time

# Zendesk's definitions, as the feedback service counts them: the customer waits while the ticket
# is new, assigned, in progress, reopened or on hold; the team works on it in the same statuses
# except on hold (a third party has the next move).
REQUESTER_WAITS = frozenset({"new", "assigned", "in_progress", "reopened", "on_hold"})
AGENT_WORKS = frozenset({"new", "assigned", "in_progress", "reopened"})
CHANNELS = ("phone", "email", "app", "web", "community", "survey")
AUTHORS = ("customer", "agent")


@dataclass(frozen=True)
class WorkTimes:
    """Seconds; `*_business` on the ticket's SLA clock as of `counted_until` (the service's
    calendars count those), the wall-clock ones carried on to now while they still run."""

    requester_wait: float
    agent_work: float
    requester_wait_business: float
    agent_work_business: float
    counted_until: datetime
    requester_waiting: bool  # the customer still waits: the wall-clock count runs on
    agent_working: bool


def work_times(status: str, durations: dict[str, Any], now: datetime) -> WorkTimes:
    """Requester wait and agent work time of a ticket now."""
    until = _time(durations["counted_until"])
    since = max((now - until).total_seconds(), 0.0)
    waiting, working = status in REQUESTER_WAITS, status in AGENT_WORKS
    return WorkTimes(
        requester_wait=durations["requester_wait_seconds"] + (since if waiting else 0.0),
        agent_work=durations["agent_work_seconds"] + (since if working else 0.0),
        requester_wait_business=durations["requester_wait_business_seconds"],
        agent_work_business=durations["agent_work_business_seconds"],
        counted_until=until,
        requester_waiting=waiting,
        agent_working=working,
    )


@dataclass(frozen=True)
class Entry:
    """One turn of the conversation: who wrote it, from where, when, and who recorded it."""

    author: str  # customer | agent
    body: str
    at: datetime
    channel: str | None
    actor: str | None
    opening: bool = False  # the ticket's description: the customer's first message


def conversation(ticket: dict[str, Any]) -> list[Entry]:
    """The description as the customer's opening message, then the messages, oldest first."""
    opened = ticket["reported_at"]
    entries = [
        Entry("customer", ticket["description"], _time(opened), ticket.get("channel"), None, opening=True)
    ]
    for message in ticket.get("messages") or []:
        entries.append(
            Entry(
                message["author"],
                message["body"],
                _time(message["at"]),
                message.get("channel"),
                message.get("actor"),
            )
        )
    return entries


def _time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else parse_time(value)
