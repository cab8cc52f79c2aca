"""Segmentation killed with SIGKILL in the middle of a rescore job: the job completes, once."""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter

import httpx

from tests.faults.processes import ServiceProcess, asyncpg_dsn, service_env
from tests.reliability_results import record
from tests.security.catalog import load_service
from tests.support import ADMIN, Broker, EventCollector, eventually

CUSTOMERS = int(os.environ.get("KILL_RESCORE_CUSTOMERS", "20000"))


async def _job(client: httpx.AsyncClient, job_id: str) -> dict:
    response = await client.get(f"/v1/jobs/{job_id}", headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_rescore_job_killed_with_sigkill_completes_after_restart_publishing_once(own_database):
    load_service("segmentation")
    from bench.customer_data import load_data

    broker = Broker()
    broker.start()
    env = service_env(own_database, broker.bootstrap, CRM_RESCORE_BATCH_SIZE="500",
                      CRM_SWEEP_INTERVAL_SECONDS="0.5")
    service = ServiceProcess("segmentation", env)
    try:
        await asyncio.to_thread(service.start)  # migrations and the default model
        started = time.monotonic()
        await load_data(asyncpg_dsn(own_database), CUSTOMERS)
        load_seconds = time.monotonic() - started
        async with EventCollector(broker.bootstrap, ["score-updated"]) as events, \
                httpx.AsyncClient(base_url=service.url, timeout=30) as client:
            response = await client.post("/v1/rescore", headers=ADMIN)
            assert response.status_code == 202, response.text
            job_id = response.json()["id"]

            async def under_way():
                job = await _job(client, job_id)
                return job["status"] == "running" and job["processed"] >= CUSTOMERS // 5 and job

            job = await eventually(under_way, timeout=300, interval=0.05)
            service.kill()
            killed_at = time.monotonic()
            processed_at_kill = job["processed"]
            assert processed_at_kill < CUSTOMERS, "the job ended before the kill: nothing was tested"

            await asyncio.to_thread(service.start)

            async def finished():
                job = await _job(client, job_id)
                return job["status"] in ("done", "failed") and job

            job = await eventually(finished, timeout=600, interval=0.5)
            completed_after = time.monotonic() - killed_at
            assert job["status"] == "done", job
            assert job["processed"] == CUSTOMERS

            def all_published():
                return len({e["subject"] for e in events.events}) >= CUSTOMERS

            await eventually(all_published, timeout=300, interval=0.5)
            await asyncio.sleep(2)  # anything sent twice would arrive now
    finally:
        service.stop()
        broker.stop()
    ids_per_customer: dict[str, set[str]] = {}
    for event in events.events:
        ids_per_customer.setdefault(event["subject"], set()).add(event["id"])
    # Every customer scored for the first time: its score changed, so exactly one event.
    counts = Counter(len(ids) for ids in ids_per_customer.values())
    assert len(ids_per_customer) == CUSTOMERS
    assert counts == {1: CUSTOMERS}, f"distinct score-updated events per customer: {counts}"
    redelivered = len(events.events) - CUSTOMERS  # same event id twice: at least once delivery
    record("faults.kill_during_rescore", {
        "customers": CUSTOMERS, "copy_load_seconds": round(load_seconds, 1),
        "processed_when_killed": processed_at_kill,
        "job_done_seconds_after_kill": round(completed_after, 1),
        "score_updated_events": len(events.events), "redelivered_same_id": redelivered,
        "customers_with_more_than_one_event_id": sum(n for k, n in counts.items() if k > 1),
    })
