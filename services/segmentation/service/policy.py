"""The evaluation policy as versioned documents: version 1 is the seed's defaults, an admin saves
new versions, a version is never changed once written (docs/design.md §9)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import schemas
from services.segmentation.domain.policy import (
    DEFAULT_POLICY,
    EvaluationPolicy,
    PolicyError,
    policy_from_document,
    policy_to_document,
)
from services.segmentation.models import ConfigVersionRow
from shared import audit
from shared.app import ServiceContext
from shared.errors import Conflict, InvalidInput, PreconditionFailed
from shared.preconditions import NO_PRECONDITION, IfMatch, version_tag

EVALUATION_POLICY = "evaluation-policy"
SEEDED_AT = datetime.fromisoformat("2025-01-01T00:00:00+00:00")
_NEWEST = (select(ConfigVersionRow.version).where(ConfigVersionRow.kind == EVALUATION_POLICY)
           .order_by(ConfigVersionRow.version.desc()).limit(1))


async def seed_default_policy(ctx: ServiceContext) -> None:
    """Version 1, the defaults; replicas starting together insert it once."""
    try:
        async with ctx.db.session() as session, session.begin():
            if await session.get(ConfigVersionRow, (EVALUATION_POLICY, 1)) is None:
                session.add(ConfigVersionRow(kind=EVALUATION_POLICY, version=1,
                                             definition=policy_to_document(DEFAULT_POLICY),
                                             created_by="system", created_at=SEEDED_AT))
    except IntegrityError:
        pass  # another replica seeded it first


async def current_row(session: AsyncSession) -> ConfigVersionRow:
    version = await session.scalar(_NEWEST)
    return await session.get(ConfigVersionRow, (EVALUATION_POLICY, version))


async def current_policy(ctx: ServiceContext, session: AsyncSession) -> EvaluationPolicy:
    """The newest policy; parsed once per version per app (versions never change)."""
    version = await session.scalar(_NEWEST)
    if version is None:
        return DEFAULT_POLICY
    cache: dict[int, EvaluationPolicy] = ctx.state.setdefault("evaluation_policies", {})
    if version not in cache:
        row = await session.get(ConfigVersionRow, (EVALUATION_POLICY, version))
        cache[version] = policy_from_document(row.definition)
    return cache[version]


def policy_tag(version: int) -> str:
    """The ETag of a policy version: a version never changes once written."""
    return version_tag(EVALUATION_POLICY, version)


def policy_out(row: ConfigVersionRow) -> schemas.EvaluationPolicyOut:
    return schemas.EvaluationPolicyOut(**row.definition, version=row.version, created_by=row.created_by,
                                       created_at=row.created_at)


async def read_policy(session: AsyncSession) -> schemas.EvaluationPolicyOut:
    async with session.begin():
        return policy_out(await current_row(session))


async def replace_policy(
    session: AsyncSession, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.EvaluationPolicyOut:
    """Validate and store the document as the next version (422 naming the field at fault).
    If-Match names the version the editor started from."""
    try:
        policy = policy_from_document(document)
    except PolicyError as exc:
        raise InvalidInput(f"{exc.field} {exc.message}", field=exc.field) from exc
    try:
        async with session.begin():
            latest = await session.scalar(
                select(func.max(ConfigVersionRow.version)).where(ConfigVersionRow.kind == EVALUATION_POLICY))
            precondition.check(version_tag(EVALUATION_POLICY, latest) if latest else None)
            row = ConfigVersionRow(kind=EVALUATION_POLICY, version=(latest or 0) + 1,
                                   definition=policy_to_document(policy), created_by=actor, created_at=now)
            session.add(row)
            before = await session.get(ConfigVersionRow, (EVALUATION_POLICY, latest)) if latest else None
            await audit.record(session, actor, audit.AuditAction.CHANGED, EVALUATION_POLICY, str(row.version),
                               now, before=before.definition if before else None, after=row.definition)
    except IntegrityError as exc:
        if precondition.given:
            raise PreconditionFailed("another evaluation policy version was saved since you read it",
                                     field="If-Match") from exc
        raise Conflict("another evaluation policy version was saved at the same time; retry") from exc
    return policy_out(row)
