"""Queries of the monthly snapshot (docs/design.md §9): month-end rows, one per customer and
month and never two, and what is read back from them (trends, the decline warning)."""

from __future__ import annotations

import json
from datetime import date, datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import Row, case, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation.models import ChurnSignalRow, CustomerRow, MonthlyScoreRow, ScoreRow
from services.segmentation.repository import aggregate_query, in_range
from shared.db import PerDialect, driver_connection, ids_match, is_postgres

_CUSTOMERS = CustomerRow.__table__


async def batch_end(session: AsyncSession, after: str | None, limit: int) -> str | None:
    """The last id of the next `limit` customers in id order (None: no customer after `after`)."""
    ids = select(_CUSTOMERS.c.id).order_by(_CUSTOMERS.c.id).limit(limit)
    if after is not None:
        ids = ids.where(_CUSTOMERS.c.id > after)
    ids = ids.subquery()
    return await session.scalar(select(func.max(ids.c.id)))


async def snapshot_inputs(
    session: AsyncSession, as_of: datetime, after: str | None, last: str, zone: ZoneInfo | None = None,
    from_order_months: bool = False,
) -> list[Row]:
    """Facts as of `as_of` and the current score of the customers after < id <= last (plain rows:
    Core execution, no ORM loading for a batch of thousands); with `from_order_months`, the orders
    read as their business months (cut in `zone`)."""
    query = aggregate_query(as_of, id_range=(after, last), with_scores=True, zone=zone,
                            from_order_months=from_order_months)
    if is_postgres(session):
        # Straight from the driver: SQLAlchemy's row processing cost a third of the read.
        compiled = query.compile(dialect=session.bind.dialect)
        connection = await driver_connection(session)
        return await connection.fetch(str(compiled), *(compiled.params[n] for n in compiled.positiontup))
    connection = await session.connection()
    return list((await connection.execute(query)).all())


# The snapshot takes no row locks: its writes of current scores are guarded instead. A score
# computed after the month's end (an order recorded meanwhile) is never replaced, the tier is never
# touched (it moves at reviews only), and what was written is returned, so only that is announced.
_MOVED_COLUMNS = ["customer_id", "value", "computed_tier", "quadrant", "model_version", "components",
                  "amount_12m", "orders_12m", "last_order_at", "computed_at"]
REPLACE_OLDER_SCORES_PG = f"""
UPDATE scores SET {", ".join(f"{c} = u.{c}" if c != "components" else "components = u.components::json"
                             for c in _MOVED_COLUMNS[1:])}
FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[],
            $8::int[], $9::timestamptz[], $10::timestamptz[]) AS u({", ".join(_MOVED_COLUMNS)})
WHERE scores.customer_id = u.customer_id AND scores.computed_at <= u.computed_at
  AND scores.customer_id BETWEEN $11 AND $12
RETURNING scores.customer_id, scores.tier
"""
_FIRST_COLUMNS = [*_MOVED_COLUMNS, "tier"]
INSERT_FIRST_SCORES_PG = f"""
INSERT INTO scores ({", ".join(_FIRST_COLUMNS)})
SELECT {", ".join(c if c != "components" else "components::json" for c in _FIRST_COLUMNS)}
FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[],
            $8::int[], $9::timestamptz[], $10::timestamptz[], $11::text[]) AS u({", ".join(_FIRST_COLUMNS)})
ON CONFLICT (customer_id) DO NOTHING
RETURNING customer_id, tier
"""
_SCORES = ScoreRow.__table__
_INSERT_FIRST = PerDialect(lambda insert: insert(ScoreRow).on_conflict_do_nothing(
    index_elements=["customer_id"]).returning(ScoreRow.tier))


async def replace_older_scores(session: AsyncSession, rows: list[dict]) -> dict[str, str]:
    """Replace the current scores of these customers unless computed after the new ones; the
    customers written, with their (unchanged) tiers."""
    if not rows:
        return {}
    if is_postgres(session):
        # The ids' range as well: without it the planner hashes the whole table for every batch.
        ids = [row["customer_id"] for row in rows]
        return dict(await _by_arrays(session, REPLACE_OLDER_SCORES_PG, _MOVED_COLUMNS, rows,
                                     min(ids), max(ids)))
    written = {}
    for row in rows:
        result = await session.execute(
            update(_SCORES).where(_SCORES.c.customer_id == row["customer_id"],
                                  _SCORES.c.computed_at <= row["computed_at"])
            .values({c: row[c] for c in _MOVED_COLUMNS[1:]}).returning(_SCORES.c.tier))
        tier = result.scalar_one_or_none()
        if tier is not None:
            written[row["customer_id"]] = tier
    return written


async def insert_first_scores(session: AsyncSession, rows: list[dict]) -> dict[str, str]:
    """First scores of customers never scored; one scored meanwhile keeps its score."""
    if not rows:
        return {}
    if is_postgres(session):
        return dict(await _by_arrays(session, INSERT_FIRST_SCORES_PG, _FIRST_COLUMNS, rows))
    written = {}
    for row in rows:
        result = await session.execute(_INSERT_FIRST.for_session(session),
                                       {c: row[c] for c in _FIRST_COLUMNS})
        tier = result.scalar_one_or_none()
        if tier is not None:
            written[row["customer_id"]] = tier
    return written


async def _by_arrays(
    session: AsyncSession, statement: str, columns: list[str], rows: list[dict], *more
) -> list:
    arrays = [[row[c] for row in rows] for c in columns]
    arrays[columns.index("components")] = [json.dumps(c, separators=(",", ":"))
                                           for c in arrays[columns.index("components")]]
    connection = await driver_connection(session)
    return [tuple(record) for record in await connection.fetch(statement, *arrays, *more)]


# Monthly snapshots (docs/design.md §9): one row per customer and month, never two.
SNAPSHOT_COLUMNS = ["customer_id", "month", "value", "computed_tier", "tier", "quadrant", "model_version",
                    "computed_at"]
INSERT_SNAPSHOTS_PG = f"""
INSERT INTO monthly_scores ({", ".join(SNAPSHOT_COLUMNS)})
SELECT * FROM unnest($1::text[], $2::date[], $3::float8[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::timestamptz[])
ON CONFLICT (customer_id, month) DO NOTHING
"""
_INSERT_SNAPSHOTS = PerDialect(lambda insert: insert(MonthlyScoreRow).on_conflict_do_nothing())


_MONTH_ENDS_FROM_SCORES = f"""
INSERT INTO monthly_scores ({", ".join(SNAPSHOT_COLUMNS)})
SELECT customer_id, $3::date, value, computed_tier, tier, quadrant, model_version, $4::timestamptz
FROM scores
WHERE customer_id > coalesce($1::text, '') AND customer_id <= $2::text AND computed_at <= $4::timestamptz
{{}}RETURNING customer_id
"""
MONTH_ENDS_FROM_SCORES_PG = _MONTH_ENDS_FROM_SCORES.format("")
MONTH_ENDS_FROM_SCORES_UNLESS_THERE_PG = _MONTH_ENDS_FROM_SCORES.format(
    "ON CONFLICT (customer_id, month) DO NOTHING\n")


async def month_ends_from_scores(
    session: AsyncSession, after: str | None, last: str, month: date, as_of: datetime
) -> set[str] | None:
    """Month-end rows copied inside the database from the current scores of the id range that
    were computed by the month's end (once the moved ones are written, those are the month-end
    scores): nothing of them passes through this process. Returns the customers written; None
    where not done this way (SQLite: the caller writes every row).

    A plain insert, a third faster than one that checks each key for a row already there: the
    batch's progress row makes its customers new to the month, and should some be there after all
    (a month rebuilt by hand) the insert is undone to a savepoint and made again skipping those."""
    if not is_postgres(session):
        return None
    connection = await driver_connection(session)
    await connection.execute("SAVEPOINT month_ends_from_scores")
    try:
        written = await connection.fetch(MONTH_ENDS_FROM_SCORES_PG, after, last, month, as_of)
    except asyncpg.UniqueViolationError:
        await connection.execute("ROLLBACK TO SAVEPOINT month_ends_from_scores")
        written = await connection.fetch(MONTH_ENDS_FROM_SCORES_UNLESS_THERE_PG, after, last, month, as_of)
    await connection.execute("RELEASE SAVEPOINT month_ends_from_scores")
    return {record[0] for record in written}


async def insert_snapshots(session: AsyncSession, columns: dict[str, list]) -> None:
    """Month-end rows, skipping any already there (a resumed run writes nothing twice).

    On PostgreSQL the rows go in with COPY, three times faster than an insert that checks each
    key; the batch's progress row makes its customers new to the month, and should some be there
    after all (a month rebuilt by hand), the COPY is undone to a savepoint and the rows inserted
    one by one unless present."""
    if is_postgres(session):
        connection = await driver_connection(session)
        await connection.execute("SAVEPOINT month_end_rows")
        try:
            await connection.copy_records_to_table(
                "monthly_scores", records=zip(*(columns[c] for c in SNAPSHOT_COLUMNS), strict=True),
                columns=SNAPSHOT_COLUMNS)
        except asyncpg.UniqueViolationError:
            await connection.execute("ROLLBACK TO SAVEPOINT month_end_rows")
            await connection.execute(INSERT_SNAPSHOTS_PG, *(columns[c] for c in SNAPSHOT_COLUMNS))
        await connection.execute("RELEASE SAVEPOINT month_end_rows")
        return
    rows = [dict(zip(SNAPSHOT_COLUMNS, values, strict=True))
            for values in zip(*(columns[c] for c in SNAPSHOT_COLUMNS), strict=True)]
    await session.execute(_INSERT_SNAPSHOTS.for_session(session), rows)


async def declining_candidates(
    session: AsyncSession, after: str | None, last: str, months: list[date]
) -> dict[str, list[float]]:
    """Customers of the id range whose month-end score fell in each of `months` (oldest first),
    with those scores: the set-based filter before the domain rule decides."""
    values = [func.max(case((MonthlyScoreRow.month == m, MonthlyScoreRow.value))) for m in months]
    query = (
        select(MonthlyScoreRow.customer_id, *values)
        .where(*in_range(MonthlyScoreRow.customer_id, after, last), MonthlyScoreRow.month.in_(months))
        .group_by(MonthlyScoreRow.customer_id)
        .having(func.count() == len(months), *[a > b for a, b in pairwise(values)])
    )
    return {row[0]: [float(v) for v in row[1:]] for row in (await session.execute(query)).all()}


async def month_end_scores(
    session: AsyncSession, customer_ids: list[str], months: list[date]
) -> dict[str, dict[date, float]]:
    """The snapshot values of these customers in these months."""
    query = select(MonthlyScoreRow.customer_id, MonthlyScoreRow.month, MonthlyScoreRow.value).where(
        ids_match(MonthlyScoreRow.customer_id, customer_ids, is_postgres(session)),
        MonthlyScoreRow.month.in_(months))
    found: dict[str, dict[date, float]] = {cid: {} for cid in customer_ids}
    for customer_id, month, value in (await session.execute(query)).all():
        found[customer_id][month] = value
    return found


async def open_signals_in_range(
    session: AsyncSession, after: str | None, last: str, code: str
) -> set[str]:
    """Customers of the id range with an open churn signal of this kind."""
    query = select(ChurnSignalRow.customer_id).where(
        *in_range(ChurnSignalRow.customer_id, after, last), ChurnSignalRow.code == code)
    return set((await session.scalars(query)).all())


async def clear_signals(session: AsyncSession, customer_ids: list[str], code: str) -> None:
    if customer_ids:
        await session.execute(delete(ChurnSignalRow).where(
            ids_match(ChurnSignalRow.customer_id, customer_ids, is_postgres(session)),
            ChurnSignalRow.code == code))


async def month_ends_of(session: AsyncSession, customer_id: str, limit: int) -> list[MonthlyScoreRow]:
    """The customer's month-end rows, newest first."""
    return list((await session.scalars(
        select(MonthlyScoreRow).where(MonthlyScoreRow.customer_id == customer_id)
        .order_by(MonthlyScoreRow.month.desc()).limit(limit)
    )).all())
