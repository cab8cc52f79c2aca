"""The evaluation policy as one of the service's versioned documents (`shared/config_versions.py`):
version 1 is the seed's defaults, an admin saves new versions, a version is never changed once
written (docs/design.md §3, §9)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
from shared.app import ServiceContext
from shared.config_versions import ConfigDocuments
from shared.errors import InvalidInput, NotFound
from shared.preconditions import NO_PRECONDITION, IfMatch, version_tag

EVALUATION_POLICY = "evaluation-policy"
DOCUMENTS = ConfigDocuments(
    ConfigVersionRow,
    parsers={EVALUATION_POLICY: policy_from_document},
    defaults={EVALUATION_POLICY: lambda: policy_to_document(DEFAULT_POLICY)},
)


async def seed_default_policy(ctx: ServiceContext) -> None:
    """Version 1, the defaults; replicas starting together insert it once."""
    await DOCUMENTS.seed_defaults(ctx)


async def current_policy(ctx: ServiceContext, session: AsyncSession) -> EvaluationPolicy:
    """The newest policy; parsed once per version per app (versions never change), the version
    numbers read once per transaction."""
    try:
        return (await DOCUMENTS.newest(ctx, session, EVALUATION_POLICY))[1]
    except NotFound:
        return DEFAULT_POLICY


def policy_tag(version: int) -> str:
    """The ETag of a policy version: a version never changes once written."""
    return version_tag(EVALUATION_POLICY, version)


def policy_out(row: ConfigVersionRow) -> schemas.EvaluationPolicyOut:
    return schemas.EvaluationPolicyOut(**row.definition, version=row.version, created_by=row.created_by,
                                       created_at=row.created_at)


async def read_policy(session: AsyncSession) -> schemas.EvaluationPolicyOut:
    async with session.begin():
        return policy_out(await DOCUMENTS.current(session, EVALUATION_POLICY))


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
    row = await DOCUMENTS.replace(session, EVALUATION_POLICY, policy_to_document(policy), actor, now,
                                  precondition)
    return policy_out(row)
