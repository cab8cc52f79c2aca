"""Monthly SLA report per tier (docs/design.md §5)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import schemas
from services.feedback.domain.reports import sla_report
from services.feedback.repository import report_facts
from shared.business_time import month_bounds
from shared.errors import InvalidInput

DEFINITIONS = {
    "scope": "tickets reported in the business month (the business time zone's midnights), grouped by "
             "the tier the ticket's SLA used",
    "first_response_on_time_rate": "first responses made by their due time / first responses made "
                                   "or overdue",
    "resolution_on_time_rate": "tickets resolved by their (latest) resolution due time / tickets "
                               "resolved or overdue",
    "first_contact_resolution_rate": "resolved in the first cycle with one reply and no wait for "
                                     "the customer / tickets resolved",
    "reopen_rate": "tickets reopened at least once / tickets resolved",
    "satisfaction_after_resolution": "mean satisfaction (1-5) answered within the link window "
                                     "after the resolution",
    "closed_without_confirmation": "closed by themselves: no verification answer within the "
                                   "verification policy's days",
}


async def monthly_sla_report(
    session: AsyncSession, month: str, now: datetime, zone: ZoneInfo
) -> schemas.SlaReportOut:
    try:
        start, end = month_bounds(month, zone)
    except ValueError as exc:
        raise InvalidInput("month must look like YYYY-MM", field="month") from exc
    facts = await report_facts(session, start, end)
    tiers = {tier: schemas.TierReport(**values) for tier, values in sla_report(facts, now).items()}
    return schemas.SlaReportOut(month=month, generated_at=now, tiers=tiers, definitions=DEFINITIONS)
