"""Rescore-all jobs: queued by the API, run in batches by whichever replica claims them.

Each batch commits the scores, their events and the job's cursor in one transaction, so a
replica that dies mid-job loses nothing and repeats nothing: another one resumes after the
last committed customer once the heartbeat is stale.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository, schemas
from services.segmentation.metrics import JOB_PROGRESS
from services.segmentation.models import RescoreJobRow
from services.segmentation.service.policy import current_policy
from services.segmentation.service.scoring import active_model, apply_evaluations, high_value_line
from shared.app import ServiceContext
from shared.errors import NotFound

log = structlog.get_logger()
STALE_AFTER = timedelta(seconds=30)


async def create_job(
    session: AsyncSession, reason: str, requested_by: str, now: datetime
) -> RescoreJobRow:
    async with session.begin():
        job = RescoreJobRow(
            id=str(uuid.uuid4()), status="queued", reason=reason, requested_by=requested_by,
            total=await repository.count_customers(session), processed=0, changed=0,
            tier_changes=0, as_of=now, created_at=now,
        )
        session.add(job)
    return job


def job_out(job: RescoreJobRow) -> schemas.JobOut:
    progress = 1.0 if job.status == "done" else (job.processed / job.total if job.total else 0.0)
    return schemas.JobOut(
        id=job.id, status=job.status, reason=job.reason, total=job.total,
        processed=job.processed, changed=job.changed, tier_changes=job.tier_changes,
        progress=round(min(progress, 1.0), 4), created_at=job.created_at,
        started_at=job.started_at, finished_at=job.finished_at, error=job.error,
    )


async def get_job(session: AsyncSession, job_id: str) -> schemas.JobOut:
    async with session.begin():
        job = await session.get(RescoreJobRow, job_id)
    if job is None:
        raise NotFound(f"job {job_id!r} does not exist")
    return job_out(job)


async def rescore_everyone(session: AsyncSession, requested_by: str, now: datetime) -> schemas.JobOut:
    """Queue a job that rescores every customer; a worker on some replica runs it."""
    return job_out(await create_job(session, "job", requested_by, now))


async def claim_job(ctx: ServiceContext, worker_id: str, now: datetime) -> str | None:
    """Take the oldest queued job, or a running one whose worker stopped beating."""
    async with ctx.db.session() as session, session.begin():
        job = await repository.claim_job(session, now - STALE_AFTER)
        if job is None:
            return None
        job.status, job.worker_id, job.heartbeat_at = "running", worker_id, now
        job.started_at = job.started_at or now
        return job.id


async def run_job(ctx: ServiceContext, job_id: str, worker_id: str) -> None:
    """Process the job batch by batch until done or taken over."""
    async with ctx.db.session() as session, session.begin():
        job = await session.get(RescoreJobRow, job_id)
        as_of = job.as_of
        policy = await current_policy(ctx, session)
        model = await active_model(session)
        line = await high_value_line(session, as_of, policy)
    batch_size = getattr(ctx.settings, "rescore_batch_size", 2000)
    while True:
        async with ctx.db.session() as session, session.begin():
            job = await session.get(RescoreJobRow, job_id, with_for_update=True)
            if job is None or job.status != "running" or job.worker_id != worker_id:
                return  # taken over by another replica
            facts = await repository.aggregates_after(session, job.cursor, batch_size, as_of,
                                                      ctx.clock.zone)
            now = datetime.now(UTC)
            if not facts:
                job.status, job.finished_at, job.heartbeat_at = "done", now, now
                log.info("rescore_job_done", job_id=job_id, processed=job.processed,
                         changed=job.changed)
                return
            result = await apply_evaluations(ctx, session, facts, model, line, as_of, job.reason,
                                             policy=policy)
            job.cursor = facts[-1].customer_id
            job.processed += result.processed
            job.changed += result.changed
            job.tier_changes += result.tier_changes
            job.heartbeat_at = now
            JOB_PROGRESS.set(job.processed)


async def rescore_job_worker(ctx: ServiceContext) -> None:
    """Lifespan-owned loop: claim and run queued rescore jobs."""
    worker_id = f"{ctx.settings.service_name}-{uuid.uuid4().hex[:8]}"
    while True:
        job_id = await claim_job(ctx, worker_id, datetime.now(UTC))
        if job_id:
            try:
                await run_job(ctx, job_id, worker_id)
            except Exception as exc:
                log.exception("rescore_job_failed", job_id=job_id)
                async with ctx.db.session() as session, session.begin():
                    job = await session.get(RescoreJobRow, job_id)
                    if job is not None and job.worker_id == worker_id:
                        job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
            continue
        await asyncio.sleep(ctx.settings.sweep_interval_seconds)
