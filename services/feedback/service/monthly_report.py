"""The monthly tiered service report: built on the 1st (business time) for the month before,
stored once, served, and announced with `report-published` (docs/design.md §9).

Feedback builds the whole report. Its own tickets give the SLA part; the rest comes from events
it keeps as read models: survey answers (`satisfaction-scored`), care actions
(`action-created/-completed/-overdue`) and tier moves (`tier-changed`). The report row and its
event are written in one transaction, and only when the month has no report yet: a run repeated
after a failure, or by another replica, publishes nothing twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import schemas
from services.feedback.domain.monthly_report import (
    ActionFacts,
    AnswerFacts,
    TierMoveFacts,
    build_monthly_report,
)
from services.feedback.models import (
    CareActionRow,
    MonthlyReportRow,
    SatisfactionAnswerRow,
    TicketRow,
    TierMoveRow,
)
from services.feedback.repository import report_facts
from shared.app import ServiceContext
from shared.business_time import month_bounds, month_of, parse_month
from shared.db import PerDialect
from shared.errors import InvalidInput, NotFound
from shared.rfc3339 import format_time
from shared.scheduler import Occurrence

KIND = "monthly-service"
_STORE = PerDialect(lambda insert: insert(MonthlyReportRow).on_conflict_do_nothing().returning(
    MonthlyReportRow.month))


def report_path(month: str) -> str:
    return f"/v1/reports/monthly?month={month}"


async def _answers(session: AsyncSession, start: datetime, end: datetime) -> list[AnswerFacts]:
    rows = (await session.execute(
        select(SatisfactionAnswerRow.tier, SatisfactionAnswerRow.value, SatisfactionAnswerRow.nps)
        .where(SatisfactionAnswerRow.answered_at >= start, SatisfactionAnswerRow.answered_at < end)
    )).all()
    return [AnswerFacts(*row) for row in rows]


async def _facts(
    session: AsyncSession, start: datetime, end: datetime, previous_start: datetime
) -> dict[str, Any]:
    in_month = [(column >= start) & (column < end) for column in (
        CareActionRow.created_at, CareActionRow.completed_at, CareActionRow.overdue_at, CareActionRow.due_at)]
    actions = (await session.execute(
        select(CareActionRow.tier, CareActionRow.due_at, CareActionRow.created_at,
               CareActionRow.completed_at, CareActionRow.overdue_at).where(or_(*in_month))
    )).all()
    moves = (await session.execute(
        select(TierMoveRow.from_tier, TierMoveRow.to_tier)
        .where(TierMoveRow.changed_at >= start, TierMoveRow.changed_at < end)
    )).all()
    closures = dict((await session.execute(
        select(TicketRow.close_reason, func.count())
        .where(TicketRow.closed_at >= start, TicketRow.closed_at < end).group_by(TicketRow.close_reason)
    )).all())
    return {
        "tickets": await report_facts(session, start, end),
        "answers": await _answers(session, start, end),
        "previous_answers": await _answers(session, previous_start, start),
        "actions": [ActionFacts(*row) for row in actions],
        "moves": [TierMoveFacts(*row) for row in moves],
        "closures": {reason or "customer-confirmed": count for reason, count in closures.items()},
    }


async def build_and_publish(ctx: ServiceContext, month: str, now: datetime) -> dict[str, Any]:
    """Build the month's report unless it exists; store it and announce it in one transaction."""
    zone = ctx.clock.zone
    start, end = month_bounds(month, zone)
    previous_start = month_bounds(month_of(start - timedelta(days=1), zone), zone)[0]
    async with ctx.db.session() as session, session.begin():
        if await session.get(MonthlyReportRow, month) is not None:
            return {"month": month, "published": False}
        facts = await _facts(session, start, end, previous_start)
        report = build_monthly_report(month, start, end, now, **facts)
        stored = await session.scalar(_STORE.for_session(session), {
            "month": month, "report": report, "built_at": now})
        if stored is None:
            return {"month": month, "published": False}  # another replica stored it first
        await ctx.outbox.append(session, "report-published", month, {
            "report_id": f"{KIND}-{month}", "month": month, "kind": KIND, "url": report_path(month),
            "published_at": format_time(now),
        })
    return {"month": month, "published": True, "tickets": report["sla"]["by_tier"]["all"]["tickets"]}


async def monthly_report(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    """Schedule entry: the report of the month that just closed."""
    return await build_and_publish(ctx, month_of(occurrence.period_start, occurrence.zone), occurrence.now)


async def stored_report(session: AsyncSession, month: str) -> schemas.MonthlyReportOut:
    try:
        parse_month(month)
    except ValueError as exc:
        raise InvalidInput("month must look like YYYY-MM", field="month") from exc
    async with session.begin():
        row = await session.get(MonthlyReportRow, month)
    if row is None:
        raise NotFound(f"no monthly report for {month} yet: it is built on the 1st of the month after")
    return schemas.MonthlyReportOut(**row.report, kind=KIND, built_at=row.built_at)
