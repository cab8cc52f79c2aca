"""Retries with exponential backoff inside a window (docs/design.md §10: retried for up to 24 h).

The jitter is derived from the item's id, not a random draw: the schedule of one message is
reproducible, and many items failing together still spread out.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta


def retry_delay(attempt: int, base_seconds: float, max_seconds: float, key: str = "") -> float:
    """Seconds before attempt `attempt + 1`: base x 2^(attempt-1), capped, with 0-25% jitter."""
    exponent = min(max(attempt - 1, 0), 40)
    delay = min(base_seconds * (2**exponent), max_seconds)
    jitter = (zlib.crc32(f"{key}:{attempt}".encode()) % 1000) / 4000  # 0 .. 0.25
    return delay * (1 + jitter)


def next_attempt_at(
    attempt: int,
    now: datetime,
    give_up_at: datetime,
    base_seconds: float,
    max_seconds: float,
    key: str = "",
) -> datetime | None:
    """When to try again after failed attempt number `attempt`; None once the window is over."""
    if now >= give_up_at:
        return None
    at = now + timedelta(seconds=retry_delay(attempt, base_seconds, max_seconds, key))
    # The last attempt happens at the end of the window rather than never.
    return min(at, give_up_at)


def receiver_pause(
    failing_for_seconds: float, base_seconds: float, max_seconds: float, key: str = ""
) -> float:
    """How long a failing receiver is left alone: as long as it has been failing (so the pauses
    double), at least `base`, at most `max`. Counted in time, not in failed requests: a lane with
    16 requests in flight that all time out is one failure of the receiver, not sixteen."""
    pause = min(max(failing_for_seconds, base_seconds), max_seconds)
    return pause * (1 + (zlib.crc32(f"{key}:pause".encode()) % 1000) / 4000)
