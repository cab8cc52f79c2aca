"""Reports of the feedback service (docs/design.md §5): the monthly SLA report per tier and its
on-time rates month by month, CSAT after resolution per agent, team or tier, and the topics of
ticket descriptions per category and month. Months are business months (docs/design.md §9)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import schemas
from services.feedback.domain.csat import CsatGroup, csat_by
from services.feedback.domain.reports import sla_report, sla_trend
from services.feedback.domain.topics import ticket_topics
from services.feedback.repository import ratings_between, report_facts, ticket_texts
from shared.business_time import month_bounds, month_of
from shared.errors import InvalidInput
from shared.months import month_range

DEFINITIONS = {
    "scope": "tickets reported in the business month (the business time zone's midnights), grouped by "
             "the tier the ticket's SLA used",
    "first_response_on_time_rate": "first responses made by their due time / first responses made "
                                   "or overdue",
    "next_reply_on_time_rate": "replies owed after a customer message and made by their due time / "
                               "such replies made or overdue now",
    "resolution_on_time_rate": "tickets resolved by their (latest) resolution due time / tickets "
                               "resolved or overdue",
    "first_contact_resolution_rate": "resolved in the first cycle with one reply and no wait for "
                                     "the customer / tickets resolved",
    "reopen_rate": "tickets reopened at least once / tickets resolved",
    "satisfaction_after_resolution": "mean satisfaction (1-5) answered within the link window "
                                     "after the resolution",
    "closed_without_confirmation": "closed by themselves: no verification answer within the "
                                   "verification policy's days",
    "csat": "tickets whose latest verification rating is 4 or 5 / tickets rated (CSAT after "
            "resolution)",
    "requester_wait_hours_median": "solved (resolved or closed) tickets: median time waiting on the "
                                   "team (new, assigned, in progress, reopened, on hold), wall clock",
    "agent_work_hours_median": "solved tickets: median time the team had the next move (as above "
                               "without on hold), wall clock",
    "*_business_hours_median": "the same counted on each ticket's SLA clock (business hours, or "
                               "every hour for a 24x7 ticket)",
}


def business_month(month: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a `YYYY-MM` business month; 422 naming `month` otherwise."""
    try:
        return month_bounds(month, zone)
    except ValueError as exc:
        raise InvalidInput("month must look like YYYY-MM", field="month") from exc


TREND_MONTHS = 6


async def monthly_sla_report(
    session: AsyncSession, month: str, now: datetime, zone: ZoneInfo
) -> schemas.SlaReportOut:
    """The month's report per tier, with the on-time rates of the months leading up to it."""
    business_month(month, zone)
    months, trend_start, end = month_range(None, month, now, zone, default_months=TREND_MONTHS)
    history = await report_facts(session, trend_start, end)
    facts = [f for f in history if month_of(f.reported_at, zone) == month]
    tiers = {tier: schemas.TierReport(**values) for tier, values in sla_report(facts, now).items()}
    trend = sla_trend(history, months, now, zone)
    return schemas.SlaReportOut(month=month, generated_at=now, tiers=tiers, definitions=DEFINITIONS,
                                trend=[schemas.SlaTrendMonth(**m) for m in trend])


CSAT_DEFINITIONS = {
    "scope": "ratings given in the business month with the verification after a resolution; each "
             "answer is one rating, so a ticket resolved twice may be rated twice",
    "csat": "ratings of 4 or 5 / ratings (1-5)",
    "agent": "the ticket's assignee when it was rated; team: its team then; tier: the tier its SLA used",
}


async def monthly_csat_report(
    session: AsyncSession, month: str, by: CsatGroup, now: datetime, zone: ZoneInfo
) -> schemas.CsatReportOut:
    start, end = business_month(month, zone)
    overall, groups = csat_by(await ratings_between(session, start, end), by)
    return schemas.CsatReportOut(
        month=month, by=by.value, generated_at=now,
        overall=schemas.CsatGroupOut(**overall.__dict__),
        groups=[schemas.CsatGroupOut(**g.__dict__) for g in groups], definitions=CSAT_DEFINITIONS,
    )


async def monthly_sla_trend(
    session: AsyncSession, first: str | None, last: str | None, now: datetime, zone: ZoneInfo
) -> schemas.SlaTrendOut:
    """On-time rates per month and tier; the last 12 months by default."""
    months, start, end = month_range(first, last, now, zone)
    trend = sla_trend(await report_facts(session, start, end), months, now, zone)
    return schemas.SlaTrendOut(from_month=months[0], to_month=months[-1], generated_at=now,
                               months=[schemas.SlaTrendMonth(**m) for m in trend])


async def topics_of_tickets(
    session: AsyncSession, first: str | None, last: str | None, category: str | None,
    max_topics: int, limit: int, now: datetime, zone: ZoneInfo,
) -> schemas.TicketTopicsOut:
    """Topics of the descriptions of tickets reported in the range (the last 3 months by default)."""
    months, start, end = month_range(first, last, now, zone, default_months=3)
    texts = await ticket_texts(session, start, end, category, limit, zone)
    # Clustering is CPU work: off the event loop so other requests keep flowing.
    found = await asyncio.to_thread(ticket_topics, texts, months, max_topics=max_topics)
    return schemas.TicketTopicsOut(
        from_month=months[0], to_month=months[-1], category=category, tickets=found.tickets,
        topics=[schemas.TicketTopicOut(id=i, label=t.label, keywords=t.keywords, count=t.count,
                                       examples=t.examples, example_ticket_ids=found.example_ticket_ids[i])
                for i, t in enumerate(found.topics)],
        by_category=[
            schemas.CategoryTopicsOut(category=name, months=[
                schemas.CategoryMonthOut(month=c.month, tickets=c.tickets, topics=[
                    schemas.TopicCount(topic=topic, tickets=count)
                    for topic, count in sorted(c.topics.items(), key=lambda item: (-item[1], item[0]))])
                for c in cells])
            for name, cells in found.by_category.items()
        ],
    )
