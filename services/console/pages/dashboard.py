"""Manager dashboard and the monthly report as CSV (docs/design.md §12)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.console.domain.access import Page
from services.console.domain.reports import TIERS, csv_text, flatten, month_of, valid_month
from services.console.service import dashboard
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
        {"view": view, "report_rows": flatten(view.report.document), "tier_names": [*TIERS, "all"]},
    )


@router.get("/dashboard/report.csv")
async def report_csv(
    request: Request, month: str | None = None, user: ConsoleUser = Depends(page_access(Page.DASHBOARD))
) -> Response:
    chosen = _month(month, now())
    report = await dashboard.monthly_report(gateway_of(request), user, chosen)
    if not report.document:
        return render(
            request,
            "error.html",
            {"title_key": "dashboard.report", "message_key": "dashboard.report_unavailable"},
            status_code=503,
        )
    return Response(
        csv_text(flatten(report.document)),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="monthly-report-{chosen}.csv"',
        },
    )
