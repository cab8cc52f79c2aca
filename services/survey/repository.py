"""Queries of the survey service; use cases call these instead of writing SQL."""

from __future__ import annotations

import functools
import json
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Row,
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey.models import (
    CUSTOMER_ACCESS,
    CustomerTierRow,
    InvitationRow,
    RateLimitRow,
    ReminderRow,
    ResponseRow,
    SurveyRow,
    SurveyTargetRow,
)
from shared import access
from shared.access import Scope
from shared.db import Database, HotStatement, PerDialect, UTCDateTime, as_utc, is_postgres
from shared.events.outbox import Outbox, event_row_cte
from shared.pagination import Keyset, Page


def customer_in_scope(scope: Scope, customer_id: str) -> ColumnElement[bool]:
    """This customer, when the caller sees it (docs/design.md §11)."""
    return scope.customer(customer_id, CUSTOMER_ACCESS)


async def ensure_customers_in_scope(session: AsyncSession, scope: Scope, customer_ids: list[str]) -> None:
    """404 naming `customer_ids` unless the caller sees every one of them."""
    await access.ensure_customers_in_scope(session, scope, customer_ids, CUSTOMER_ACCESS, "customer_ids")


SURVEYS_OLDEST_FIRST = Keyset(SurveyRow.id, SurveyRow.created_at)
INVITATIONS_NEWEST_FIRST = Keyset(InvitationRow.id, InvitationRow.created_at, descending=True)
ANSWERS_OLDEST_FIRST = Keyset(ResponseRow.id, ResponseRow.answered_at)
# Replicas starting together insert the default template once.
_INSERT_SURVEY_UNLESS_PRESENT = PerDialect(
    lambda insert: insert(SurveyRow).on_conflict_do_nothing(index_elements=["id"]))


async def insert_survey_unless_present(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(_INSERT_SURVEY_UNLESS_PRESENT.for_session(session), values)


async def list_surveys(session: AsyncSession, limit: int, cursor: str | None) -> Page[SurveyRow]:
    rows = await session.scalars(SURVEYS_OLDEST_FIRST.seek(select(SurveyRow), cursor, limit))
    return SURVEYS_OLDEST_FIRST.page(rows, limit)


_SURVEY_DEFINITION = HotStatement(select(cast(SurveyRow.__table__.c.definition, Text))
                                  .where(SurveyRow.__table__.c.id == bindparam("survey_id")))


async def survey_definition_text(session: AsyncSession, survey_id: str) -> str | None:
    """A template's definition as stored (JSON text), None when there is no such survey."""
    rows = await _SURVEY_DEFINITION.fetch(session, {"survey_id": survey_id})
    return rows[0][0] if rows else None


class KnownTier(NamedTuple):
    """What segmentation last told us of a customer (read model)."""

    tier: str
    quadrant: str | None


_TIER_OF = HotStatement(select(CustomerTierRow.tier, CustomerTierRow.quadrant)
                        .where(CustomerTierRow.customer_id == bindparam("customer_id")))


async def tier_of(session: AsyncSession, customer_id: str) -> KnownTier | None:
    rows = await _TIER_OF.fetch(session, {"customer_id": customer_id})
    return KnownTier(*rows[0]) if rows else None


_INVITATION_ANSWERED = (
    update(InvitationRow.__table__).where(InvitationRow.__table__.c.id == bindparam("invitation_id"))
    .values(answered_at=bindparam("now"), next_reminder_at=None, progress=None,
            opened_at=func.coalesce(InvitationRow.__table__.c.opened_at, bindparam("now")),
            started_at=func.coalesce(InvitationRow.__table__.c.started_at, bindparam("now"))))
_MARK_ANSWERED = HotStatement(_INVITATION_ANSWERED)
_RESPONSE_COLUMNS = tuple(column.key for column in ResponseRow.__table__.columns)
_INSERT_RESPONSE = insert(ResponseRow.__table__).values(
    {column: bindparam(column) for column in _RESPONSE_COLUMNS})
_INSERT_RESPONSE_ALONE = HotStatement(_INSERT_RESPONSE)


@functools.cache
def _answer_statement(outbox_table: Table) -> HotStatement:
    """The response, its event and the invitation marked answered, in one statement."""
    return HotStatement(_INSERT_RESPONSE.add_cte(_INVITATION_ANSWERED.cte("answered"))
                        .add_cte(event_row_cte(outbox_table)))


async def store_answer(
    session: AsyncSession, outbox: Outbox, response: dict[str, Any], event: tuple[str, str, dict[str, Any]],
) -> None:
    """Store a response (the columns not given are empty), the event announcing it, and mark its invitation
    answered: no reminder left, saved progress dropped (the response holds the answers now),
    opened and started at the answer's time unless they were before. Answering is the hot write
    path: on PostgreSQL the three writes are one round trip. A second response to the same
    invitation raises IntegrityError (unique invitation_id) and writes nothing."""
    response = {column: response.get(column) for column in _RESPONSE_COLUMNS}  # the rest empty
    marked = {"invitation_id": response["invitation_id"], "now": response["answered_at"]}
    if is_postgres(session):
        await _answer_statement(outbox.table).execute(
            session, {**response, **marked, **outbox.row_alongside(session, *event)})
        return
    await _INSERT_RESPONSE_ALONE.execute(session, response)
    await outbox.append(session, *event)
    await _MARK_ANSWERED.execute(session, marked)


async def tiers_of(session: AsyncSession, customer_ids: list[str]) -> dict[str, CustomerTierRow]:
    rows = await session.scalars(
        select(CustomerTierRow).where(CustomerTierRow.customer_id.in_(customer_ids))
    )
    return {row.customer_id: row for row in rows}


_BY_TOKEN = select(InvitationRow).where(InvitationRow.token == bindparam("token"))
_BY_TOKEN_FOR_UPDATE = _BY_TOKEN.with_for_update()  # built once: this is on every answer's path


class InvitationToAnswer(NamedTuple):
    """What answering reads of an invitation (its row locked), as plain values: answering is the hot
    path, and loading an ORM object costs more than the statement."""

    id: str
    kind: str
    survey_id: str | None
    customer_id: str
    ticket_id: str | None
    tier: str | None
    quadrant: str | None
    progress: dict | None
    answered_at: datetime | None
    expires_at: datetime


_INVITATIONS = InvitationRow.__table__
_TIERS, _SURVEYS = CustomerTierRow.__table__, SurveyRow.__table__
# The invitation (its row locked), its template and its customer's tier in one round trip: the
# template is missing for a ticket verification, the tier row until segmentation has sent one.
_TO_ANSWER = HotStatement(
    select(*(_INVITATIONS.c[name] for name in InvitationToAnswer._fields),
           cast(_SURVEYS.c.definition, Text), _TIERS.c.tier, _TIERS.c.quadrant)
    .select_from(_INVITATIONS.outerjoin(_SURVEYS, _SURVEYS.c.id == _INVITATIONS.c.survey_id)
                 .outerjoin(_TIERS, _TIERS.c.customer_id == _INVITATIONS.c.customer_id))
    .where(_INVITATIONS.c.token == bindparam("token")).with_for_update(of=_INVITATIONS))


class ToAnswer(NamedTuple):
    """What answering reads: the invitation, its template's definition (JSON text; None for a
    verification) and what segmentation last told us of the customer's tier (None: nothing yet)."""

    invitation: InvitationToAnswer
    definition: str | None
    known: KnownTier | None


async def invitation_to_answer(session: AsyncSession, token: str) -> ToAnswer | None:
    """The invitation behind a token, locked until the caller's transaction ends (two answers at
    once queue; the unique key of responses backs it up), with its template and its customer's
    tier."""
    rows = await _TO_ANSWER.fetch(session, {"token": token})
    if not rows:
        return None
    width = len(InvitationToAnswer._fields)
    invitation = InvitationToAnswer(*rows[0][:width])
    if isinstance(invitation.progress, str):  # PostgreSQL's driver hands JSON over as text
        invitation = invitation._replace(progress=json.loads(invitation.progress))
    definition, tier, quadrant = rows[0][width:]
    return ToAnswer(invitation, definition, KnownTier(tier, quadrant) if tier is not None else None)


async def invitation_by_token(
    session: AsyncSession, token: str, *, for_update: bool = False
) -> InvitationRow | None:
    return await session.scalar(_BY_TOKEN_FOR_UPDATE if for_update else _BY_TOKEN, {"token": token})


async def customer_invitations(
    session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> Page[InvitationRow]:
    """Newest first."""
    query = select(InvitationRow).where(InvitationRow.customer_id == customer_id)
    rows = await session.scalars(INVITATIONS_NEWEST_FIRST.seek(query, cursor, limit))
    return INVITATIONS_NEWEST_FIRST.page(rows, limit)


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
) -> Page[ResponseRow]:
    """Scored responses of a customer, oldest first."""
    query = select(ResponseRow).where(ResponseRow.customer_id == customer_id, ResponseRow.kind == "survey")
    rows = await session.scalars(ANSWERS_OLDEST_FIRST.seek(query, cursor, limit))
    return ANSWERS_OLDEST_FIRST.page(rows, limit)


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


# PostgreSQL: the buckets as one array parameter, so the statement is the same for any number of
# them and runs as a HotStatement on its own (no BEGIN/COMMIT: the upsert is atomic by itself).
_COUNT_HITS_ARRAY = HotStatement(
    postgresql.insert(RateLimitRow).from_select(
        ["bucket", "window_start", "hits"],
        select(func.unnest(bindparam("buckets", type_=postgresql.ARRAY(String))).label("bucket"),
               bindparam("window_start", type_=UTCDateTime), literal(1)).order_by("bucket"),
    ).on_conflict_do_update(
        index_elements=["bucket", "window_start"], set_={"hits": RateLimitRow.hits + 1},
    ).returning(RateLimitRow.bucket, RateLimitRow.hits)
)


async def count_hits(db: Database, buckets: list[str], window_start: datetime) -> dict[str, int]:
    """Add one hit to each bucket's window and return the windows' counts: one atomic upsert, in a
    transaction of its own.

    Rows are written in a fixed (sorted) order, so concurrent calls sharing a bucket never deadlock.
    """
    ordered = sorted(set(buckets))
    if db.is_postgres:
        rows = await _COUNT_HITS_ARRAY.fetch_alone(db, {"buckets": ordered, "window_start": window_start})
    else:
        async with db.session() as session, session.begin():
            rows = (await session.execute(_COUNT_HITS.for_session(session), [
                {"bucket": bucket, "window_start": window_start, "hits": 1} for bucket in ordered
            ])).all()
    return {bucket: int(hits) for bucket, hits in rows}


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
async def drop_windows_before(session: AsyncSession, cutoff: datetime) -> None:
    """Forget rate-limit windows that ended before `cutoff`."""
    await session.execute(delete(RateLimitRow).where(RateLimitRow.window_start < cutoff))


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



# --- surveys on cadence (docs/design.md §9) ----------------------------------------------------

_ADD_TARGETS = PerDialect(lambda insert: insert(SurveyTargetRow))
# One row per reminder number of an invitation: a repeated run sends nothing twice.
_ADD_REMINDER = PerDialect(lambda insert: insert(ReminderRow).on_conflict_do_nothing()
                           .returning(ReminderRow.number))


async def add_targets(
    session: AsyncSession, tier: str, period_key: str, survey_id: str, status: str, now: datetime
) -> None:
    """Every customer of the tier known from `score-updated` becomes a target of the period, once."""
    customers = select(
        literal(period_key), CustomerTierRow.customer_id, CustomerTierRow.tier, literal(survey_id),
        literal(status), literal(now, SurveyTargetRow.created_at.type),
        literal(now, SurveyTargetRow.updated_at.type),
    ).where(CustomerTierRow.tier == tier)
    columns = ["period_key", "customer_id", "tier", "survey_id", "status", "created_at", "updated_at"]
    insert = _ADD_TARGETS.for_session(session)
    await session.execute(insert.from_select(columns, customers).on_conflict_do_nothing())


async def claim_pending_targets(
    session: AsyncSession, status: str, period_keys: list[str], now: datetime, limit: int
) -> list[SurveyTargetRow]:
    """Targets of these periods still to invite whose guard (if any) lifted, locked past other runs."""
    return list((await session.scalars(
        select(SurveyTargetRow).where(
            SurveyTargetRow.status == status, SurveyTargetRow.period_key.in_(period_keys),
            or_(SurveyTargetRow.not_before.is_(None), SurveyTargetRow.not_before <= now),
        ).order_by(SurveyTargetRow.period_key, SurveyTargetRow.customer_id)
        .limit(limit).with_for_update(skip_locked=True)
    )).all())


async def claim_reminders_due(session: AsyncSession, now: datetime, limit: int) -> list[InvitationRow]:
    """Unanswered invitations whose next reminder is due, locked past other runs."""
    return list((await session.scalars(
        select(InvitationRow).where(
            InvitationRow.next_reminder_at <= now, InvitationRow.answered_at.is_(None),
        ).order_by(InvitationRow.next_reminder_at, InvitationRow.id)
        .limit(limit).with_for_update(skip_locked=True)
    )).all())


async def add_reminder(session: AsyncSession, invitation_id: str, number: int, now: datetime) -> int | None:
    """Record a reminder of an invitation; None when that reminder was sent already."""
    return await session.scalar(_ADD_REMINDER.for_session(session),
                                 {"invitation_id": invitation_id, "number": number, "sent_at": now})


async def coverage_by_tier(
    session: AsyncSession, survey_id: str, period_key: str, start: datetime, end: datetime
) -> list[Row]:
    """Per tier: the period's targets, those with a survey invitation made in it (by the schedule,
    by hand or through the playbook), those that answered, and those held back by the guard."""
    invited = (
        select(InvitationRow.customer_id.label("customer_id"),
               func.max(case((ResponseRow.id.is_not(None), 1), else_=0)).label("answered"))
        .outerjoin(ResponseRow, ResponseRow.invitation_id == InvitationRow.id)
        .where(InvitationRow.kind == "survey", InvitationRow.created_at >= start,
               InvitationRow.created_at < end)
        .group_by(InvitationRow.customer_id).subquery()
    )
    held = and_(invited.c.customer_id.is_(None), SurveyTargetRow.reason.like("fatigue%"))
    return list((await session.execute(
        select(SurveyTargetRow.tier, func.count(), func.count(invited.c.customer_id),
               func.coalesce(func.sum(invited.c.answered), 0), func.sum(case((held, 1), else_=0)))
        .outerjoin(invited, invited.c.customer_id == SurveyTargetRow.customer_id)
        .where(SurveyTargetRow.period_key == period_key, SurveyTargetRow.survey_id == survey_id)
        .group_by(SurveyTargetRow.tier)
    )).all())
