"""Read use cases: results by tier or quadrant, topics of open answers, satisfaction over time."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.domain.results import ResponseFacts, summarise
from services.survey.domain.templates import Quadrant, Tier
from services.survey.domain.topics import cluster_topics
from services.survey.models import ResponseRow
from services.survey.service.surveys import get_survey, template_of
from shared.errors import InvalidInput

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
    return schemas.ResultsOut(
        survey_id=survey_id, by=by,
        overall=schemas.GroupOut(**summary.overall.__dict__),
        groups=[schemas.GroupOut(**g.__dict__) for g in summary.groups],
        gaps=[schemas.GapOut(**g.__dict__) for g in summary.gaps],
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
        for qid, text in comments.items() if qid in wanted and text.strip()
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
