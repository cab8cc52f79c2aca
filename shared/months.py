"""Calendar months in query parameters (`YYYY-MM`, `from`/`to` ranges) and their UTC bounds.

Reports group by the calendar month in UTC, as the monthly SLA report always has.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from shared.errors import InvalidInput

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
Month = tuple[int, int]  # (year, month)


def parse_month(value: str, field: str) -> Month:
    """A `YYYY-MM` parameter; 422 naming `field` otherwise."""
    match = MONTH.match(value)
    if not match:
        raise InvalidInput(f"{field} must look like YYYY-MM", field=field)
    return int(match.group(1)), int(match.group(2))


def shift(month: Month, by: int) -> Month:
    """The month `by` months later (earlier when negative)."""
    index = month[0] * 12 + month[1] - 1 + by
    return index // 12, index % 12 + 1


def label(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def months_between(first: Month, last: Month) -> list[str]:
    """Every YYYY-MM from `first` to `last`, both included (none when `first` is later)."""
    found, month = [], first
    while month <= last:
        found.append(label(month))
        month = shift(month, 1)
    return found


def start_of(month: Month) -> datetime:
    return datetime(month[0], month[1], 1, tzinfo=UTC)


def month_range(
    first: str | None, last: str | None, now: datetime, *, default_months: int = 12, most: int = 36
) -> tuple[list[str], datetime, datetime]:
    """The months of a `from`/`to` range (the last `default_months` up to this month by default),
    and the UTC bounds [start, end) of the whole range; 422 naming the parameter at fault."""
    end = parse_month(last, "to") if last else (now.year, now.month)
    start = parse_month(first, "from") if first else shift(end, 1 - default_months)
    months = months_between(start, end)
    if not months:
        raise InvalidInput("from must not be after to", field="from")
    if len(months) > most:
        raise InvalidInput(f"at most {most} months at a time", field="from")
    return months, start_of(start), start_of(shift(end, 1))
