"""Statuses of the delivery log (docs/design.md §10) and which changes are allowed.

queued -> sent -> delivered -> opened -> clicked is a progression: a late "delivered" receipt
after an open changes nothing, while a click implies the open (a client that blocks images
still clicks). bounced, failed and suppressed end a message.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    OPENED = "opened"
    CLICKED = "clicked"
    BOUNCED = "bounced"
    FAILED = "failed"
    SUPPRESSED = "suppressed"


PROGRESSION = (Status.QUEUED, Status.SENT, Status.DELIVERED, Status.OPENED, Status.CLICKED)
FINAL = frozenset({Status.BOUNCED, Status.FAILED, Status.SUPPRESSED})
# What a provider receipt may report for a message it accepted.
RECEIPTS = frozenset({Status.DELIVERED, Status.BOUNCED})


def advances(current: str, new: str) -> bool:
    """True when `new` moves the message forward; repeats and regressions are ignored."""
    current, new = Status(current), Status(new)
    if current in FINAL or current == new:
        return False
    if new in FINAL:
        # A bounce may follow a send (the receiving server refused it later), not an open.
        return new != Status.BOUNCED or current in (Status.QUEUED, Status.SENT, Status.DELIVERED)
    return PROGRESSION.index(new) > PROGRESSION.index(current)
