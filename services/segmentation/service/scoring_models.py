"""Use cases of scoring model versions: read the active one, dry-run a candidate, replace it.

A model is a version: weights, curves and thresholds are never edited in place. A new version
becomes the active one at once and a rescore job moves every customer to it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository, schemas
from services.segmentation.domain.evaluation import TierMoves, evaluate
from services.segmentation.domain.scoring import FACTOR_INPUTS, ScoringModel, model_from_dict, model_to_dict
from services.segmentation.models import ScoringModelRow
from services.segmentation.service import jobs
from services.segmentation.service.scoring import high_value_line
from shared import audit
from shared.app import ServiceContext
from shared.errors import Conflict, InvalidInput
from shared.preconditions import NO_PRECONDITION, IfMatch, version_tag


def model_out(row: ScoringModelRow) -> schemas.ScoringModelOut:
    model = model_from_dict(row.definition)
    return schemas.ScoringModelOut(
        version=model.version,
        curves={f.value: pts for f, pts in model.curves.items()},
        weights={f.value: w for f, w in model.weights.items()},
        thresholds={t.value: v for t, v in model.thresholds.items()},
        inputs={f.value: text for f, text in FACTOR_INPUTS.items()},
        active=row.active, created_by=row.created_by, created_at=row.created_at,
    )


async def active_model_out(session: AsyncSession) -> schemas.ScoringModelOut:
    """The active model: curves, weights, thresholds."""
    async with session.begin():
        row = await repository.active_model_row(session)
    return model_out(row)


def parse_model(body: dict[str, Any], version: str) -> ScoringModel:
    try:
        model = model_from_dict({**body, "version": version})
    except (KeyError, ValueError, TypeError) as exc:
        raise InvalidInput(f"the model is incomplete or malformed: {exc}", field="body") from exc
    errors = model.validation_errors()
    if errors:
        field_name, message = errors[0]
        raise InvalidInput(message, field=field_name, errors=[
            {"field": f, "message": m} for f, m in errors
        ])
    return model


async def replace_model(
    session: AsyncSession, body: schemas.ScoringModelIn, author: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.ModelApplied:
    """Save a new model version, make it active, and queue the job that rescores everyone with it."""
    version = body.version or await next_model_version(session)
    model = parse_model(body.model_dump(exclude={"version"}), version)
    row = await save_model(session, model, author, now, precondition)
    job = await jobs.create_job(session, "model-change", author, now)
    return schemas.ModelApplied(model=model_out(row), rescore_job=jobs.job_out(job))


MODEL_TAG = "scoring-model"


def model_tag(version: str) -> str:
    """The ETag of a model version: a version never changes once written."""
    return version_tag(MODEL_TAG, version)


async def save_model(
    session: AsyncSession, model: ScoringModel, author: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> ScoringModelRow:
    """Store a new model version and make it the active one; If-Match names the active version
    the editor started from (the active row is locked, so two editors cannot both pass)."""
    async with session.begin():
        if precondition.given or precondition.required:
            active = await repository.active_model_version_for_update(session)
            precondition.check(model_tag(active) if active else None)
        if await session.get(ScoringModelRow, model.version) is not None:
            raise Conflict(f"model version {model.version!r} exists already", field="version")
        previous = await repository.active_model_version_for_update(session)
        before = await session.get(ScoringModelRow, previous) if previous else None
        await repository.deactivate_models(session)
        row = ScoringModelRow(
            version=model.version, definition=model_to_dict(model), active=True,
            created_by=author, created_at=now,
        )
        session.add(row)
        await audit.record(session, author, audit.AuditAction.CHANGED, MODEL_TAG, model.version, now,
                           before=before.definition if before else None, after=row.definition,
                           detail={"previous_version": previous})
    return row


async def next_model_version(session: AsyncSession) -> str:
    async with session.begin():
        count = len(await repository.model_versions(session))
    return f"custom-v{count + 1}"


async def dry_run(
    ctx: ServiceContext, session: AsyncSession, body: schemas.ScoringModelIn
) -> schemas.DryRunOut:
    """Tier moves the model would cause against current computed tiers; nothing is written."""
    model = parse_model(body.model_dump(exclude={"version"}), body.version or "dry-run")
    batch_size = getattr(ctx.settings, "rescore_batch_size", 2000)
    now = ctx.clock.now()
    tally = TierMoves(model.version)
    async with session.begin():
        line = await high_value_line(session, now)
        after: str | None = None
        while facts := await repository.aggregates_after(session, after, batch_size, now, ctx.clock.zone):
            after = facts[-1].customer_id
            current = await repository.current_scores(session, [f.customer_id for f in facts])
            for fact in facts:
                old = current.get(fact.customer_id)
                tally.add(fact.customer_id, old.computed_tier if old else None, old.value if old else None,
                          evaluate(fact, model, line, now))
    return schemas.DryRunOut(**tally.summary())
