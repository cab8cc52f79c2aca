"""`from`/`to` month ranges of report parameters (`YYYY-MM`), in business months.

The months are those of `shared.business_time` (local midnights of the business time zone); this
module only reads the two parameters and answers a 422 naming the one at fault.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from shared.business_time import at_local, first_of_month, local_date, parse_month
from shared.errors import InvalidInput


def month_range(
    first: str | None, last: str | None, now: datetime, zone: ZoneInfo, *, default_months: int = 12,
    most: int = 36,
) -> tuple[list[str], datetime, datetime]:
    """The months `first`..`last` (the last `default_months` up to this month by default), and the
    UTC bounds [start, end) of the whole range."""
    try:
        end = parse_month(last) if last else local_date(now, zone).replace(day=1)
    except ValueError as exc:
        raise InvalidInput("to must look like YYYY-MM", field="to") from exc
    try:
        start = parse_month(first) if first else first_of_month(end, 1 - default_months)
    except ValueError as exc:
        raise InvalidInput("from must look like YYYY-MM", field="from") from exc
    if start > end:
        raise InvalidInput("from must not be after to", field="from")
    months, month = [], start
    while month <= end:
        months.append(month.strftime("%Y-%m"))
        month = first_of_month(month, 1)
    if len(months) > most:
        raise InvalidInput(f"at most {most} months at a time", field="from")
    return months, at_local(start, zone), at_local(first_of_month(end, 1), zone)
