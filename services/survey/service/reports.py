"""Read use cases: results by tier or quadrant (with the funnel), topics of open answers, the
monthly trend, a customer's satisfaction over time."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain import progress
from services.survey.domain.funnel import Funnel, InvitationProgress, funnel
from services.survey.domain.results import UNKNOWN_GROUP, ResponseFacts, summarise
from services.survey.domain.templates import Quadrant, Tier
from services.survey.domain.topics import cluster_topics
from services.survey.domain.trend import TrendFacts, monthly_trend
from services.survey.models import ResponseRow
from services.survey.service.surveys import get_survey, template_of
from shared.business_time import month_of
from shared.erasure import REDACTED
from shared.errors import InvalidInput
from shared.months import month_range

GROUP_ORDER = {"tier": [t.value for t in Tier], "quadrant": [q.value for q in Quadrant]}


async def results(session: AsyncSession, survey_id: str, by: str) -> schemas.ResultsOut:
    template = template_of(await get_survey(session, survey_id))
    rows = await repository.survey_responses(session, survey_id)
    facts = [
        ResponseFacts(
            group=r.tier if by == "tier" else r.quadrant, value=r.value or 0.0, level=r.level or "",
            dimensions=r.dimensions or {}, item_answers=tuple((r.answers or {}).values()), nps=r.nps,
        )
        for r in rows
    ]
    invited = await repository.invited_by_group(session, survey_id, by)
    summary = summarise(facts, invited, template.dimension_keys, GROUP_ORDER[by])
    progress_by_group: dict[str, list[InvitationProgress]] = {}
    for row in await repository.funnel_rows(session, survey_id):
        item = _progress(row, by)
        progress_by_group.setdefault(item.group or UNKNOWN_GROUP, []).append(item)
    questions = template.question_ids
    overall = funnel([p for items in progress_by_group.values() for p in items], questions)
    return schemas.ResultsOut(
        survey_id=survey_id, by=by,
        overall=_group_out(summary.overall, overall),
        groups=[_group_out(g, funnel(progress_by_group.get(g.group, []), questions))
                for g in summary.groups],
        gaps=[schemas.GapOut(**g.__dict__) for g in summary.gaps],
    )


def _progress(row, by: str) -> InvitationProgress:
    """One invitation in the funnel, grouped by its tier (or quadrant) when invited."""
    sent = {"answers": row.answers, "comments": row.comments, "nps": row.nps}
    return InvitationProgress(
        group=row.tier if by == "tier" else row.quadrant, opened=row.opened_at is not None,
        started=row.started_at is not None, completed=row.answered_at is not None,
        answered=frozenset(progress.answered_questions(sent if row.answered_at else row.progress)),
    )


def _group_out(summary, steps: Funnel) -> schemas.GroupOut:
    return schemas.GroupOut(
        **summary.__dict__, opened=steps.opened, started=steps.started, completed=steps.completed,
        drop_off=[schemas.DropOffOut(**d.__dict__) for d in steps.drop_off],
    )


async def trend(
    session: AsyncSession, survey_id: str, first: str | None, last: str | None, by: str, now: datetime,
    zone: ZoneInfo,
) -> schemas.TrendOut:
    """Satisfaction, NPS and CSAT per business month and group; the last 12 months by default."""
    await get_survey(session, survey_id)
    months, start, end = month_range(first, last, now, zone)
    rows = await repository.responses_between(session, survey_id, start, end)
    facts = [
        TrendFacts(month=month_of(r.answered_at, zone),
                   group=r.tier if by == "tier" else r.quadrant, value=r.value or 0.0, nps=r.nps,
                   item_answers=tuple((r.answers or {}).values()))
        for r in rows
    ]
    points = monthly_trend(facts, months, GROUP_ORDER[by])
    return schemas.TrendOut(
        survey_id=survey_id, by=by, from_month=months[0], to_month=months[-1],
        months=[schemas.TrendMonthOut(month=m.month, overall=schemas.TrendPointOut(**m.overall.__dict__),
                                      groups=[schemas.TrendPointOut(**g.__dict__) for g in m.groups])
                for m in points],
    )


async def topics(
    session: AsyncSession, survey_id: str, question_id: str | None, max_topics: int, limit: int
) -> schemas.TopicsOut:
    template = template_of(await get_survey(session, survey_id))
    open_ids = [q.id for q in template.open_questions]
    if question_id is not None and question_id not in open_ids:
        raise InvalidInput(f"{question_id!r} is not an open question of this survey", field="question_id")
    wanted = [question_id] if question_id else open_ids
    texts = [
        text for comments in await repository.survey_comments(session, survey_id, limit)
        for qid, text in comments.items() if qid in wanted and text.strip() and text != REDACTED
    ]
    # Clustering is CPU work: off the event loop so other requests keep flowing.
    found = await asyncio.to_thread(cluster_topics, texts, max_topics=max_topics) if texts else []
    return schemas.TopicsOut(
        survey_id=survey_id, question_id=question_id, answers=len(texts),
        topics=[schemas.TopicOut(label=t.label, keywords=t.keywords, count=t.count, examples=t.examples)
                for t in found],
    )


def _point(r: ResponseRow) -> schemas.SatisfactionPoint:
    return schemas.SatisfactionPoint(
        response_id=r.id, survey_id=r.survey_id, answered_at=r.answered_at, value=r.value or 0.0,
        level=r.level or "", dimensions=r.dimensions or {}, tier=r.tier, nps=r.nps, csat=r.csat,
    )


async def customer_satisfaction(
    session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> schemas.CustomerSatisfactionOut:
    page = await repository.customer_satisfaction(session, customer_id, limit, cursor)
    latest = await repository.latest_satisfaction(session, customer_id)
    known = await repository.tier_of(session, customer_id)
    return schemas.CustomerSatisfactionOut(
        customer_id=customer_id, tier=known.tier if known else None,
        latest=_point(latest) if latest else None,
        items=[_point(r) for r in page.items], next_cursor=page.next_cursor,
    )
