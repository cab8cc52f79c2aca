"""Current scores, their history, tier changes and overrides, scoring models and rescore jobs."""

from __future__ import annotations

import json
from collections import namedtuple
from datetime import datetime

from sqlalchemy import Text, bindparam, cast, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation.models import (
    CustomerRow,
    RescoreJobRow,
    ScoreHistoryRow,
    ScoreRow,
    ScoringModelRow,
    TierChangeRow,
    TierOverrideRow,
)
from services.segmentation.repository.customers import customers_in_scope
from shared.access import Scope
from shared.db import HotStatement, PerDialect, driver_connection, ids_match, is_postgres
from shared.pagination import Keyset, Page


async def current_scores(session: AsyncSession, customer_ids: list[str]) -> dict[str, ScoreRow]:
    rows = await session.scalars(
        select(ScoreRow).where(ids_match(ScoreRow.customer_id, customer_ids, is_postgres(session)))
    )
    return {row.customer_id: row for row in rows}


SCORE_STATE_COLUMNS = (ScoreRow.customer_id, ScoreRow.value, ScoreRow.computed_tier, ScoreRow.tier,
                       ScoreRow.quadrant, ScoreRow.model_version)
ScoreState = namedtuple("ScoreState", [column.key for column in SCORE_STATE_COLUMNS])
# One customer's (an order's, a request's rescore): prebuilt statements, not built per call.
_ONE_SCORE_STATE = HotStatement(select(*SCORE_STATE_COLUMNS).where(
    ScoreRow.customer_id == bindparam("customer_id")))
_APPROVED = (TierOverrideRow.status == "approved", TierOverrideRow.expires_at > bindparam("now"))
_ONE_OVERRIDE_TIER = HotStatement(select(TierOverrideRow.customer_id, TierOverrideRow.tier).where(
    TierOverrideRow.customer_id == bindparam("customer_id"), *_APPROVED))


async def score_states(session: AsyncSession, customer_ids: list[str]) -> dict[str, ScoreState]:
    """What a rescore compares against: the scalar columns of the current scores as plain rows
    (attribute access like ScoreRow; no ORM identity map, no JSON components decoded)."""
    if len(customer_ids) == 1:
        rows = await _ONE_SCORE_STATE.fetch(session, {"customer_id": customer_ids[0]})
    else:
        rows = (await session.execute(select(*SCORE_STATE_COLUMNS).where(
            ids_match(ScoreRow.customer_id, customer_ids, is_postgres(session))))).all()
    return {row[0]: ScoreState(*row) for row in rows}


async def override_tiers(session: AsyncSession, customer_ids: list[str], now: datetime) -> dict[str, str]:
    """The tier of each customer's approved override in force at `now` (customers without one left
    out)."""
    if len(customer_ids) == 1:
        rows = await _ONE_OVERRIDE_TIER.fetch(session, {"customer_id": customer_ids[0], "now": now})
    else:
        rows = (await session.execute(select(TierOverrideRow.customer_id, TierOverrideRow.tier).where(
            ids_match(TierOverrideRow.customer_id, customer_ids, is_postgres(session)), *_APPROVED),
            {"now": now})).all()
    return dict(rows)


SCORE_COLUMNS = ["customer_id", "value", "computed_tier", "tier", "quadrant", "model_version",
                 "components", "amount_12m", "orders_12m", "last_order_at", "computed_at"]


UPSERT_SCORES_PG = f"""
INSERT INTO scores ({", ".join(SCORE_COLUMNS)})
SELECT c, v, ct, t, q, m, comp::json, a, o, l, ca
FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::float8[], $9::int[], $10::timestamptz[], $11::timestamptz[])
     AS u(c, v, ct, t, q, m, comp, a, o, l, ca)
ON CONFLICT (customer_id) DO UPDATE SET
{", ".join(f"{c} = excluded.{c}" for c in SCORE_COLUMNS[1:])}
"""


def _upsert_scores(insert):
    statement = insert(ScoreRow)
    return statement.on_conflict_do_update(
        index_elements=["customer_id"], set_={c: statement.excluded[c] for c in SCORE_COLUMNS[1:]}
    )


_UPSERT_SCORES = PerDialect(_upsert_scores)


async def upsert_scores(session: AsyncSession, rows: list[dict]) -> None:
    """Insert or replace current scores in one statement (PostgreSQL and SQLite alike)."""
    if is_postgres(session):
        # One statement with one array per column: no per-row bind processing or round trip.
        await _scores_by_arrays(session, UPSERT_SCORES_PG, rows)
        return
    # executemany: one prebuilt statement, batched by the driver.
    await session.execute(_UPSERT_SCORES.for_session(session), rows)


UPDATE_SCORES_PG = f"""
UPDATE scores SET {", ".join(f"{c} = u.{c}" if c != "components" else "components = u.components::json"
                             for c in SCORE_COLUMNS[1:])}
FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::float8[], $9::int[], $10::timestamptz[], $11::timestamptz[])
     AS u({", ".join(SCORE_COLUMNS)})
WHERE scores.customer_id = u.customer_id
"""


async def update_scores(session: AsyncSession, rows: list[dict]) -> None:
    """Replace current scores that exist, in one statement: an UPDATE ... FROM unnest on
    PostgreSQL (no insert attempted per row), the upsert elsewhere."""
    if not is_postgres(session):
        await upsert_scores(session, rows)
        return
    await _scores_by_arrays(session, UPDATE_SCORES_PG, rows)


async def _scores_by_arrays(session: AsyncSession, statement: str, rows: list[dict]) -> None:
    columns = {c: [row[c] for row in rows] for c in SCORE_COLUMNS}
    columns["components"] = [json.dumps(c, separators=(",", ":")) for c in columns["components"]]
    connection = await driver_connection(session)
    await connection.execute(statement, *columns.values())


OVERRIDES_BY_ID = Keyset(TierOverrideRow.id)


async def override_shown(session: AsyncSession, customer_id: str, now: datetime) -> TierOverrideRow | None:
    """The approved override in force, else the latest proposal."""
    return await session.scalar(
        select(TierOverrideRow).where(
            TierOverrideRow.customer_id == customer_id,
            ((TierOverrideRow.status == "approved") & (TierOverrideRow.expires_at > now))
            | (TierOverrideRow.status == "proposed"),
        ).order_by(TierOverrideRow.status, TierOverrideRow.proposed_at.desc()).limit(1)
    )


async def score_history_of(session: AsyncSession, customer_id: str, limit: int) -> list[ScoreHistoryRow]:
    return list((await session.scalars(
        select(ScoreHistoryRow).where(ScoreHistoryRow.customer_id == customer_id)
        .order_by(ScoreHistoryRow.computed_at.desc(), ScoreHistoryRow.id.desc()).limit(limit)
    )).all())


async def tier_changes_of(session: AsyncSession, customer_id: str, limit: int) -> list[TierChangeRow]:
    return list((await session.scalars(
        select(TierChangeRow).where(TierChangeRow.customer_id == customer_id)
        .order_by(TierChangeRow.changed_at.desc(), TierChangeRow.id.desc()).limit(limit)
    )).all())


async def list_overrides(
    session: AsyncSession, customer_id: str | None, status: str | None, limit: int, cursor: str | None,
    scope: Scope,
) -> Page[TierOverrideRow]:
    query = select(TierOverrideRow)
    if not scope.everything:
        query = query.where(TierOverrideRow.customer_id.in_(
            select(CustomerRow.id).where(customers_in_scope(scope))))
    if customer_id:
        query = query.where(TierOverrideRow.customer_id == customer_id)
    if status:
        query = query.where(TierOverrideRow.status == status)
    return OVERRIDES_BY_ID.page(await session.scalars(OVERRIDES_BY_ID.seek(query, cursor, limit)), limit)


async def overrides_approved(session: AsyncSession, customer_id: str) -> list[TierOverrideRow]:
    return list((await session.scalars(select(TierOverrideRow).where(
        TierOverrideRow.customer_id == customer_id, TierOverrideRow.status == "approved"))).all())


async def claim_expired_overrides(session: AsyncSession, now: datetime, limit: int) -> list[TierOverrideRow]:
    return list((await session.scalars(
        select(TierOverrideRow).where(TierOverrideRow.status == "approved", TierOverrideRow.expires_at <= now)
        .with_for_update(skip_locked=True).limit(limit)
    )).all())


_ACTIVE_MODEL = HotStatement(select(cast(ScoringModelRow.definition, Text))
                             .where(ScoringModelRow.active.is_(True)))


async def active_model_text(session: AsyncSession) -> str | None:
    """The active scoring model's definition as JSON text; None before one is stored."""
    rows = await _ACTIVE_MODEL.fetch(session, {})
    return rows[0][0] if rows else None


async def active_model_row(session: AsyncSession) -> ScoringModelRow | None:
    return await session.scalar(select(ScoringModelRow).where(ScoringModelRow.active.is_(True)))


async def active_model_version_for_update(session: AsyncSession) -> str | None:
    """The active model's version, its row locked: two editors of the same version queue."""
    return await session.scalar(
        select(ScoringModelRow.version).where(ScoringModelRow.active.is_(True)).with_for_update())


async def model_versions(session: AsyncSession) -> list[str]:
    return list((await session.scalars(select(ScoringModelRow.version))).all())


async def deactivate_models(session: AsyncSession) -> None:
    await session.execute(update(ScoringModelRow).values(active=False))


async def claim_job(session: AsyncSession, stale_before: datetime) -> RescoreJobRow | None:
    """The oldest queued job, or a running one whose worker stopped beating before `stale_before`."""
    return await session.scalar(
        select(RescoreJobRow).where(or_(
            RescoreJobRow.status == "queued",
            (RescoreJobRow.status == "running") & (RescoreJobRow.heartbeat_at < stale_before),
        )).order_by(RescoreJobRow.created_at).limit(1).with_for_update(skip_locked=True)
    )


async def customers_per(session: AsyncSession, column) -> dict[str | None, int]:
    """How many scored customers have each value of a score column (tier, quadrant)."""
    return dict((await session.execute(select(column, func.count()).group_by(column))).all())
