"""Manager dashboard, and the month's report with its CSAT per agent, team and tier as CSV
(docs/design.md §12)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.console.domain.access import Page
from services.console.domain.reports import CSAT_GROUPINGS, TIERS, csv_text, flatten, month_of, valid_month
from services.console.service import dashboard
from services.console.service.gateway import Outcome
from services.console.service.sessions import ConsoleUser
from services.console.templating import BUSINESS_TIME_ZONE
from services.console.web import gateway_of, now, page_access, render, settings_of

router = APIRouter(include_in_schema=False)


def _month(value: str | None, moment: datetime) -> str:
    """The asked month, else the current one in business time."""
    if valid_month(value):
        return value  # type: ignore[return-value]
    local = moment.astimezone(BUSINESS_TIME_ZONE)
    return month_of(local.year, local.month)


@router.get("/dashboard")
async def dashboard_page(
    request: Request, month: str | None = None, user: ConsoleUser = Depends(page_access(Page.DASHBOARD))
) -> Response:
    view = await dashboard.dashboard(gateway_of(request), user, settings_of(request), _month(month, now()))
    return render(
        request,
        "dashboard.html",
        {
            "view": view,
            "report_rows": flatten(view.report.document),
            "sla_by_priority": dashboard.sla_by_tier_and_priority(view.report.document),
            "tier_names": [*TIERS, "all"],
            "csat_groupings": CSAT_GROUPINGS,
        },
    )


@router.get("/dashboard/report.csv")
async def report_csv(
    request: Request, month: str | None = None, user: ConsoleUser = Depends(page_access(Page.DASHBOARD))
) -> Response:
    """The month's monthly report (once built) with its CSAT per agent, team and tier."""
    chosen = _month(month, now())
    table = await dashboard.month_csv(gateway_of(request), user, chosen)
    if table.rows is None:
        missing = table.outcome is Outcome.NOT_FOUND
        return render(
            request,
            "error.html",
            {
                "title_key": "dashboard.report",
                "message_key": "dashboard.report_not_built" if missing else "dashboard.report_unavailable",
                "message_values": {"month": chosen},
            },
            status_code=404 if missing else 503,
        )
    return Response(
        csv_text(table.rows),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="monthly-report-{chosen}.csv"',
        },
    )
