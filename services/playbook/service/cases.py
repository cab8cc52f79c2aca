"""Cases: background, strategy, execution, effect (metrics before / after), lessons (docs/design.md §6)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository, schemas
from services.playbook.domain.effect import metric_change
from services.playbook.models import CaseRow
from shared.errors import NotFound
from shared.pagination import Page


def case_out(row: CaseRow) -> schemas.CaseOut:
    metrics = []
    for m in row.effect.get("metrics", []):
        change, pct = metric_change(m["before"], m["after"])
        metrics.append(schemas.CaseMetricOut(**m, change=change, change_pct=pct))
    return schemas.CaseOut(
        id=row.id, title=row.title, customer_id=row.customer_id, tier=row.tier, quadrant=row.quadrant,
        background=row.background, strategy=row.strategy, execution=row.execution,
        effect=schemas.CaseEffectOut(metrics=metrics, summary=row.effect.get("summary")),
        lessons=row.lessons, tags=row.tags or [], created_by=row.created_by, created_at=row.created_at,
    )


async def create_case(
    session: AsyncSession, body: schemas.CaseIn, actor: str, now: datetime
) -> schemas.CaseOut:
    async with session.begin():
        row = CaseRow(id=str(uuid.uuid4()), title=body.title, customer_id=body.customer_id, tier=body.tier,
                      quadrant=body.quadrant, background=body.background, strategy=body.strategy,
                      execution=body.execution, effect=body.effect.model_dump(mode="json"),
                      lessons=body.lessons, tags=body.tags, created_by=actor, created_at=now)
        session.add(row)
    return case_out(row)


async def get_case(session: AsyncSession, case_id: str) -> schemas.CaseOut:
    row = await session.get(CaseRow, case_id)
    if row is None:
        raise NotFound(f"case {case_id} does not exist")
    return case_out(row)


async def list_cases(
    session: AsyncSession, *, tier: str | None, quadrant: str | None, customer_id: str | None,
    limit: int, cursor: str | None,
) -> Page[schemas.CaseOut]:
    """Newest first."""
    page = await repository.list_cases(session, tier=tier, quadrant=quadrant, customer_id=customer_id,
                                       limit=limit, cursor=cursor)
    return page.map(case_out)
