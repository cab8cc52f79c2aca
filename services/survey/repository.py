"""Queries of the survey service; use cases call these instead of writing SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey.models import (
    CustomerTierRow,
    InvitationRow,
    RateLimitRow,
    ResponseRow,
    SurveyRow,
)
from shared.db import PerDialect, as_utc
from shared.pagination import decode_cursor


def upsert(session: AsyncSession, model):
    """An INSERT that supports ON CONFLICT on both PostgreSQL and SQLite."""
    return PerDialect.INSERTS[session.bind.dialect.name](model)


def _after(cursor: str | None, time_column, id_column, *, descending: bool):
    """Keyset condition for the rows after the cursor's (time, id)."""
    position = decode_cursor(cursor)
    if position is None:
        return None
    try:
        at, last_id = as_utc(position["t"]), str(position["id"])
    except (KeyError, ValueError) as exc:
        from shared.errors import InvalidInput

        raise InvalidInput("cursor is not one this service issued", field="cursor") from exc
    if descending:
        return or_(time_column < at, and_(time_column == at, id_column < last_id))
    return or_(time_column > at, and_(time_column == at, id_column > last_id))


def position(at: datetime, row_id: str) -> dict[str, Any]:
    return {"t": at.isoformat(), "id": row_id}


async def list_surveys(session: AsyncSession, limit: int, cursor: str | None) -> list[SurveyRow]:
    query = select(SurveyRow).order_by(SurveyRow.created_at, SurveyRow.id).limit(limit + 1)
    condition = _after(cursor, SurveyRow.created_at, SurveyRow.id, descending=False)
    if condition is not None:
        query = query.where(condition)
    return list((await session.scalars(query)).all())


async def tier_of(session: AsyncSession, customer_id: str) -> CustomerTierRow | None:
    return await session.get(CustomerTierRow, customer_id)


async def tiers_of(session: AsyncSession, customer_ids: list[str]) -> dict[str, CustomerTierRow]:
    rows = await session.scalars(
        select(CustomerTierRow).where(CustomerTierRow.customer_id.in_(customer_ids))
    )
    return {row.customer_id: row for row in rows}


_BY_TOKEN = select(InvitationRow).where(InvitationRow.token == bindparam("token"))
_BY_TOKEN_FOR_UPDATE = _BY_TOKEN.with_for_update()  # built once: this is on every answer's path


async def invitation_by_token(
    session: AsyncSession, token: str, *, for_update: bool = False
) -> InvitationRow | None:
    return await session.scalar(_BY_TOKEN_FOR_UPDATE if for_update else _BY_TOKEN, {"token": token})


async def customer_invitations(
    session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> list[InvitationRow]:
    """Newest first."""
    query = (
        select(InvitationRow)
        .where(InvitationRow.customer_id == customer_id)
        .order_by(InvitationRow.created_at.desc(), InvitationRow.id.desc())
        .limit(limit + 1)
    )
    condition = _after(cursor, InvitationRow.created_at, InvitationRow.id, descending=True)
    if condition is not None:
        query = query.where(condition)
    return list((await session.scalars(query)).all())


async def invited_by_group(session: AsyncSession, survey_id: str, by: str) -> dict[str | None, int]:
    column = InvitationRow.tier if by == "tier" else InvitationRow.quadrant
    rows = await session.execute(
        select(column, func.count()).where(InvitationRow.survey_id == survey_id).group_by(column)
    )
    return {group: count for group, count in rows.all()}


async def survey_responses(session: AsyncSession, survey_id: str) -> list[ResponseRow]:
    return list((await session.scalars(
        select(ResponseRow)
        .where(ResponseRow.survey_id == survey_id, ResponseRow.kind == "survey")
        .order_by(ResponseRow.answered_at, ResponseRow.id)
    )).all())


async def survey_comments(session: AsyncSession, survey_id: str, limit: int) -> list[dict[str, str]]:
    """The comments of the latest `limit` responses, oldest first."""
    rows = (await session.scalars(
        select(ResponseRow.comments)
        .where(ResponseRow.survey_id == survey_id, ResponseRow.kind == "survey")
        .order_by(ResponseRow.answered_at.desc(), ResponseRow.id.desc())
        .limit(limit)
    )).all()
    return [c or {} for c in reversed(rows)]


async def response_rate(session: AsyncSession, survey_id: str) -> float | None:
    invited = await session.scalar(
        select(func.count()).select_from(InvitationRow).where(InvitationRow.survey_id == survey_id)
    )
    answered = await session.scalar(
        select(func.count()).select_from(ResponseRow).where(ResponseRow.survey_id == survey_id)
    )
    return (answered or 0) / invited if invited else None


async def customer_satisfaction(
    session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> list[ResponseRow]:
    """Scored responses of a customer, oldest first."""
    query = (
        select(ResponseRow)
        .where(ResponseRow.customer_id == customer_id, ResponseRow.kind == "survey")
        .order_by(ResponseRow.answered_at, ResponseRow.id)
        .limit(limit + 1)
    )
    condition = _after(cursor, ResponseRow.answered_at, ResponseRow.id, descending=False)
    if condition is not None:
        query = query.where(condition)
    return list((await session.scalars(query)).all())


async def latest_satisfaction(session: AsyncSession, customer_id: str) -> ResponseRow | None:
    return await session.scalar(
        select(ResponseRow)
        .where(ResponseRow.customer_id == customer_id, ResponseRow.kind == "survey")
        .order_by(ResponseRow.answered_at.desc(), ResponseRow.id.desc())
        .limit(1)
    )


# Runs on every public request. Executed with a list of rows: a multi-row .values([...])
# statement would be compiled afresh on every call.
_COUNT_HITS = PerDialect(lambda insert: insert(RateLimitRow).on_conflict_do_update(
    index_elements=["bucket", "window_start"],
    set_={"hits": RateLimitRow.hits + 1},
).returning(RateLimitRow.bucket, RateLimitRow.hits))


async def count_hits(session: AsyncSession, buckets: list[str], window_start: datetime) -> dict[str, int]:
    """Add one hit to each bucket's window and return the windows' counts: one atomic upsert.

    Rows are written in a fixed (sorted) order, so concurrent calls sharing a bucket never deadlock.
    """
    statement = _COUNT_HITS.for_session(session)
    rows = [{"bucket": bucket, "window_start": window_start, "hits": 1} for bucket in sorted(set(buckets))]
    return {bucket: int(hits) for bucket, hits in (await session.execute(statement, rows)).all()}


async def funnel_rows(session: AsyncSession, survey_id: str) -> list[Any]:
    """Per invitation of the survey: its groups, funnel times, saved answers and, once answered,
    the response's answers."""
    return list((await session.execute(
        select(InvitationRow.tier, InvitationRow.quadrant, InvitationRow.opened_at,
               InvitationRow.started_at, InvitationRow.answered_at, InvitationRow.progress,
               ResponseRow.answers, ResponseRow.comments, ResponseRow.nps)
        .outerjoin(ResponseRow, ResponseRow.invitation_id == InvitationRow.id)
        .where(InvitationRow.survey_id == survey_id)
    )).all())


async def responses_between(
    session: AsyncSession, survey_id: str, start: datetime, end: datetime
) -> list[Any]:
    """The survey's scored responses answered in [start, end)."""
    return list((await session.execute(
        select(ResponseRow.answered_at, ResponseRow.tier, ResponseRow.quadrant, ResponseRow.value,
               ResponseRow.nps, ResponseRow.answers)
        .where(ResponseRow.survey_id == survey_id, ResponseRow.kind == "survey",
               ResponseRow.answered_at >= start, ResponseRow.answered_at < end)
    )).all())


async def last_survey_invitations(
    session: AsyncSession, customer_ids: list[str]
) -> dict[str, tuple[str, datetime]]:
    """customer -> (id, created_at) of its newest survey invitation (verifications do not count)."""
    if not customer_ids:
        return {}
    newest = (
        select(InvitationRow.customer_id, InvitationRow.id, InvitationRow.created_at,
               func.row_number().over(partition_by=InvitationRow.customer_id,
                                      order_by=(InvitationRow.created_at.desc(), InvitationRow.id.desc()))
               .label("rank"))
        .where(InvitationRow.kind == "survey", InvitationRow.customer_id.in_(customer_ids))
        .subquery()
    )
    rows = await session.execute(
        select(newest.c.customer_id, newest.c.id, newest.c.created_at).where(newest.c.rank == 1)
    )
    return {customer: (invitation_id, as_utc(at)) for customer, invitation_id, at in rows.all()}
