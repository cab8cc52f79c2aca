"""Benchmark: resident memory per service, idle and under load.

Idle: each service under uvicorn, a few seconds after it answered /healthz. Under load:
segmentation running a rescore job over its own API (customers and orders loaded with COPY);
the feedback figures come from the ticket and SLA benchmarks, where it is loaded.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx

from bench.common import (
    PeakRss,
    fresh_database,
    rss_mb,
    running,
    service_env,
    size,
    start_service,
    stop,
)
from bench.customer_data import load_data
from shared.auth import issue_token
from shared.launcher import available_services
from shared.settings import DEVELOPMENT_JWT_SECRET


async def _idle(name: str, dsn: str, bootstrap: str) -> float:
    env = service_env(dsn, bootstrap, CRM_KAFKA_TOPIC_PREFIX=f"mem-{uuid.uuid4().hex[:6]}-")
    service = start_service(name, env)
    with running(service):
        await asyncio.sleep(3)
        return rss_mb(service.pid)


async def run(bootstrap: str, with_playbook: bool) -> dict:
    customers = int(size("MEMORY_CUSTOMERS", 50_000, 5_000))
    headers = {"Authorization": f"Bearer {issue_token(DEVELOPMENT_JWT_SECRET, 'bench', ['admin'])}"}
    result: dict[str, dict] = {}
    async with fresh_database() as dsn:
        names = [n for n in available_services() if n != "segmentation"]
        if not with_playbook and "playbook" in names:
            names.remove("playbook")
        for name in names:
            result[name] = {"idle": await _idle(name, dsn, bootstrap)}
        env = service_env(dsn, bootstrap, CRM_KAFKA_TOPIC_PREFIX=f"mem-{uuid.uuid4().hex[:6]}-")
        service = start_service("segmentation", env)
        with running(service):
            await asyncio.sleep(3)
            idle = rss_mb(service.pid)
            await load_data(dsn, customers)
            started = time.perf_counter()
            with PeakRss(service.pid) as peak:
                async with httpx.AsyncClient(base_url=service.url, headers=headers, timeout=30) as http:
                    job = (await http.post("/v1/rescore")).json()
                    deadline = time.monotonic() + 600
                    while time.monotonic() < deadline:
                        state = (await http.get(f"/v1/jobs/{job['id']}")).json()
                        if state["status"] in ("done", "failed"):
                            break
                        await asyncio.sleep(0.5)
            result["segmentation"] = {
                "idle": idle, "loaded_peak": peak.peak,
                "load": f"rescore job over the API, {customers:,} customers ({state['status']}, "
                        f"{time.perf_counter() - started:.1f} s, outbox relayed meanwhile)",
            }
            stop(service)
    return result
