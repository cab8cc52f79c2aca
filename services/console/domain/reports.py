"""What the manager dashboard computes from the services' reports: tier shares against the
intended ones, month ranges, and the monthly report as CSV rows (docs/design.md §12)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

TIERS = ("VIP", "Key", "Regular", "Observation")


@dataclass(frozen=True)
class TierShare:
    tier: str
    customers: int
    share: float | None  # of the scored customers, 0-1
    intended: float | None  # 0-1
    gap: float | None  # share - intended, in percentage points


def tier_shares(counts: dict[str, int], intended: dict[str, float]) -> list[TierShare]:
    """Each tier's share of the scored customers beside its intended share."""
    scored = sum(counts.get(tier, 0) for tier in TIERS)
    rows = []
    for tier in TIERS:
        n = counts.get(tier, 0)
        share = n / scored if scored else None
        target = intended.get(tier)
        gap = round((share - target) * 100, 1) if share is not None and target is not None else None
        rows.append(TierShare(tier, n, share, target, gap))
    return rows


def month_of(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def previous_months(month: str, count: int) -> list[str]:
    """`count` months ending with `month` (YYYY-MM), oldest first."""
    year, number = (int(part) for part in month.split("-"))
    months = []
    for _ in range(count):
        months.append(month_of(year, number))
        number -= 1
        if number == 0:
            year, number = year - 1, 12
    return months[::-1]


def valid_month(value: str | None) -> bool:
    if not value or len(value) != 7 or value[4] != "-":
        return False
    year, month = value[:4], value[5:]
    return year.isdigit() and month.isdigit() and 1 <= int(month) <= 12


def flatten(report: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """(section, group, metric, value) rows of a nested report; lists are numbered.

    The monthly report's sections and groups vary with what the services publish, so the rows
    follow the document rather than a fixed layout: a new figure appears in the CSV by itself.
    """
    rows: list[tuple[str, str, str, Any]] = []

    def walk(path: list[str], value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk([*path, str(key)], inner)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, inner in enumerate(value, 1):
                walk([*path, str(i)], inner)
        else:
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            section = path[0] if len(path) > 1 else ""
            group = "/".join(path[1:-1])
            rows.append((section, group, path[-1], value))

    walk([], report)
    return rows


CSAT_GROUPINGS = ("agent", "team", "tier")


def csat_section(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One `GET /v1/reports/csat` answer as {group: figures}, every group then `all`, for the CSV."""

    def figures(row: dict[str, Any]) -> dict[str, Any]:
        return {
            "ratings": row.get("ratings"),
            "csat": row.get("csat"),
            "mean_rating": row.get("mean_rating"),
            "distribution": row.get("distribution") or {},
        }

    section = {str(row.get("group")): figures(row) for row in report.get("groups") or []}
    if report.get("overall"):
        section["all"] = figures(report["overall"])
    return section


def dashboard_csv_rows(
    month: str, report: dict[str, Any] | None, csat: dict[str, dict[str, Any]]
) -> list[tuple[str, str, str, Any]]:
    """The CSV of a month: the stored monthly report when it is built, then CSAT after resolution
    per agent, team and tier (`csat_by_agent`, ...: group, then ratings, csat, mean rating and
    the count per score under `<group>/distribution`)."""
    rows = flatten(report) if report else [("", "", "month", month)]
    for grouping in CSAT_GROUPINGS:
        if grouping in csat:
            rows += flatten({f"csat_by_{grouping}": csat_section(csat[grouping])})
    return rows


def csv_text(rows: list[tuple[str, str, str, Any]]) -> str:
    """CSV with a header; a UTF-8 byte order mark so spreadsheet programs read Chinese text right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["section", "group", "metric", "value"])
    for section, group, metric, value in rows:
        writer.writerow([section, group, metric, "" if value is None else _cell(value)])
    return "\ufeff" + buffer.getvalue()


def _cell(value: Any) -> Any:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
