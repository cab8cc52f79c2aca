"""Jinja filters of the pages: times in the business time zone, countdowns, percentages."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, pass_context

from services.console.domain.sla import duration_parts
from shared.rfc3339 import parse_time

BUSINESS_TIME_ZONE = ZoneInfo("Asia/Shanghai")


def _as_datetime(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, datetime) else parse_time(str(value))


def local_time(value: Any, with_date: bool = True) -> str:
    moment = _as_datetime(value)
    if moment is None:
        return "–"
    local = moment.astimezone(BUSINESS_TIME_ZONE)
    return local.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def local_date(value: Any) -> str:
    moment = _as_datetime(value)
    return moment.astimezone(BUSINESS_TIME_ZONE).strftime("%Y-%m-%d") if moment else "–"


@pass_context
def duration(context, seconds: int | None) -> str:
    """`2 h 5 min` / `2小时5分` (the sign is said by the words around it)."""
    if seconds is None:
        return "–"
    t = context["t"]
    days, hours, minutes = duration_parts(int(seconds))
    parts = []
    if days:
        parts.append(t("unit.days", n=days))
    if hours or days:
        parts.append(t("unit.hours", n=hours))
    parts.append(t("unit.minutes", n=minutes))
    return t("unit.join").join(parts)


def percent(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{float(value) * 100:.{digits}f}%"


def number(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{float(value):,.{digits}f}"


def install_filters(env: Environment) -> None:
    env.filters.update(
        local_time=local_time, local_date=local_date, duration=duration, percent=percent, number=number
    )
