"""Requester wait time and agent work time of a ticket, as Zendesk defines them.

- Requester wait time: the time the ticket spends waiting on the team: new, assigned, in
  progress, reopened, and on hold (a third party works on it; the customer still waits).
- Agent work time: the same without on hold: the time the team itself has the next move.

Neither counts pending_customer (the customer has the next move) nor resolved and closed.
Each is kept on the wall clock and on the ticket's SLA clock (business hours, or every hour for
a 24x7 ticket), accumulated at every status change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from services.feedback.domain.calendar import Clock
from services.feedback.domain.lifecycle import Status

REQUESTER_WAITS = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED,
                             Status.ON_HOLD})
AGENT_WORKS = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED})


@dataclass(frozen=True)
class Durations:
    """Seconds counted so far; `business` ones on the ticket's SLA clock."""

    requester_wait: float = 0.0
    requester_wait_business: float = 0.0
    agent_work: float = 0.0
    agent_work_business: float = 0.0


def accrue(totals: Durations, status: Status, since: datetime, until: datetime, clock: Clock) -> Durations:
    """The totals after the ticket spent [since, until) in `status`."""
    if until <= since or status not in REQUESTER_WAITS:
        return totals
    wall = (until - since).total_seconds()
    business = clock.elapsed(since, until).total_seconds()
    totals = replace(totals, requester_wait=totals.requester_wait + wall,
                     requester_wait_business=totals.requester_wait_business + business)
    if status in AGENT_WORKS:
        totals = replace(totals, agent_work=totals.agent_work + wall,
                         agent_work_business=totals.agent_work_business + business)
    return totals
