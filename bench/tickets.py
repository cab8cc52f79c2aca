"""Benchmark: ticket creation over HTTP with 32 concurrent clients, beside a bare FastAPI +
asyncpg endpoint inserting the same ticket row and its outbox row.

Both servers run under uvicorn (one process each, one after the other) against the same fresh
database; the clients run in this process with httpx on the same 2 cores.
"""

from __future__ import annotations

from bench.common import (
    PeakRss,
    closed_loop,
    fresh_database,
    rss_mb,
    running,
    service_env,
    size,
    start_service,
    start_uvicorn,
    stop,
)
from shared.auth import issue_token
from shared.settings import DEVELOPMENT_JWT_SECRET

DESCRIPTIONS = [
    "账单金额不对，上个月被多扣了一笔服务费，请尽快核实处理",
    "The invoice for March shows a charge we never ordered; please check and correct it.",
    "设备安装后一直无法联网，已经重启多次，影响正常使用",
    "Delivery was two days late and the box was damaged on arrival.",
]


def _body(number: int) -> dict:
    return {
        "customer_id": f"c{number % 5000:07d}",
        "channel": ("phone", "email", "app", "web")[number % 4],
        "type": ("complaint", "problem")[number % 2],
        "category": ("billing", "delivery", "installation")[number % 3],
        "description": DESCRIPTIONS[number % len(DESCRIPTIONS)],
    }


def _sender(headers: dict[str, str]):
    async def send(http, number: int):
        return await http.post("/v1/tickets", json=_body(number), headers=headers)

    return send


async def run(bootstrap: str) -> dict:
    clients = int(size("HTTP_CLIENTS", 32, 32))
    seconds = float(size("HTTP_SECONDS", 20.0, 5.0))
    headers = {"Authorization": f"Bearer {issue_token(DEVELOPMENT_JWT_SECRET, 'bench-agent', ['agent'])}"}
    send = _sender(headers)
    async with fresh_database() as dsn:
        env = service_env(dsn, bootstrap)
        service = start_service("feedback", env)
        with running(service):
            idle = rss_mb(service.pid)
            with PeakRss(service.pid) as peak:
                saturated = await closed_loop(send, service.url, clients, seconds)
                # The same clients paced at half the saturated rate: latency below saturation.
                rate = max(saturated.throughput * 0.5 / clients, 0.1)
                paced = await closed_loop(send, service.url, clients, seconds, rate_per_client=rate)
            loaded = peak.peak
        stop(service)
        baseline_env = {**env, "BENCH_BASELINE_DSN": dsn}
        baseline_service = start_uvicorn("baseline-tickets", "bench.baseline_app:create_app", baseline_env)
        with running(baseline_service):
            baseline = await closed_loop(send, baseline_service.url, clients, seconds)
            baseline_paced = await closed_loop(send, baseline_service.url, clients, seconds,
                                               rate_per_client=rate)
    result = {
        "clients": clients,
        "seconds": seconds,
        "service": saturated.summary(),
        "service_paced": {**paced.summary(), "offered_per_s": round(rate * clients, 1)},
        "baseline": baseline.summary(),
        "baseline_paced": {**baseline_paced.summary(), "offered_per_s": round(rate * clients, 1)},
        "throughput_ratio": round(saturated.throughput / max(baseline.throughput, 1e-9), 3),
        "memory_mb": {"idle": idle, "loaded_peak": loaded},
    }
    return result
