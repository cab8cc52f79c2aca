"""Ticket life cycle (docs/design.md §5): new -> assigned -> in_progress -> pending_customer ->
resolved -> closed, or reopened when the customer says the problem is not solved.

`on_hold` is the team waiting on a third party (a supplier, another department): unlike
`pending_customer` the SLA clocks keep running, since the customer is still waiting.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from shared.errors import Conflict


class Status(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    PENDING_CUSTOMER = "pending_customer"
    ON_HOLD = "on_hold"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


ALLOWED: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.ASSIGNED, Status.IN_PROGRESS}),
    Status.ASSIGNED: frozenset({Status.ASSIGNED, Status.IN_PROGRESS}),
    Status.IN_PROGRESS: frozenset({Status.PENDING_CUSTOMER, Status.ON_HOLD, Status.RESOLVED}),
    Status.PENDING_CUSTOMER: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    Status.ON_HOLD: frozenset({Status.IN_PROGRESS, Status.PENDING_CUSTOMER, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.REOPENED}),
    Status.REOPENED: frozenset({Status.ASSIGNED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset(),
}
OPEN = frozenset(s for s in Status if s not in (Status.RESOLVED, Status.CLOSED))
# Statuses an agent may reply in; the first reply moves a ticket to in_progress.
REPLYABLE = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING_CUSTOMER,
                       Status.ON_HOLD, Status.REOPENED})


class InvalidTransition(Conflict):
    """A state change the life cycle does not allow (409)."""

    def __init__(self, current: Status, wanted: Status) -> None:
        article = "an" if current.value[0] in "aeiou" else "a"
        super().__init__(
            f"{article} {current.value} ticket cannot become {wanted.value}",
            field="status", current_status=current.value, requested_status=wanted.value,
        )


def check_transition(current: Status, wanted: Status) -> None:
    if wanted not in ALLOWED[current]:
        raise InvalidTransition(current, wanted)


def after_reply(current: Status) -> Status:
    """A reply starts the work: new, assigned and reopened tickets move to in_progress."""
    if current not in REPLYABLE:
        raise InvalidTransition(current, Status.IN_PROGRESS)
    if current in (Status.NEW, Status.ASSIGNED, Status.REOPENED):
        return Status.IN_PROGRESS
    return current


def after_assign(current: Status) -> Status:
    """Assigning starts new and reopened tickets; a ticket being worked keeps its status."""
    if current in (Status.NEW, Status.REOPENED):
        return Status.ASSIGNED
    if current in (Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING_CUSTOMER, Status.ON_HOLD):
        return current
    raise InvalidTransition(current, Status.ASSIGNED)


class ClosedTooLongAgo(Conflict):
    """A customer message on a ticket closed longer ago than the reopening window (409)."""

    def __init__(self, closed_at: datetime, window: timedelta) -> None:
        super().__init__(
            f"the ticket was closed more than {window.days} days ago; open a new ticket",
            field="ticket_id", current_status=Status.CLOSED.value, closed_at=closed_at.isoformat(),
            reopen_window_days=window.days,
        )


def after_customer_message(
    current: Status, closed_at: datetime | None, now: datetime, reopen_window: timedelta
) -> Status:
    """Where a message from the customer leaves the ticket.

    The customer answered: pending_customer -> in_progress. The customer wrote back on a resolved
    ticket instead of confirming: reopened. A closed ticket is reopened when it closed within the
    policy's reopening window (7 days by default); after that the message is refused (409) and
    belongs on a new ticket. Any other status stays as it is.
    """
    if current is Status.PENDING_CUSTOMER:
        return Status.IN_PROGRESS
    if current is Status.RESOLVED:
        return Status.REOPENED
    if current is Status.CLOSED:
        if closed_at is None or now - closed_at > reopen_window:
            raise ClosedTooLongAgo(closed_at or now, reopen_window)
        return Status.REOPENED
    return current
def first_contact_resolution(reopen_count: int, response_count: int, was_pending_customer: bool) -> bool:
    """Solved in the first cycle with a single reply, never waiting for the customer."""
    return reopen_count == 0 and response_count <= 1 and not was_pending_customer
