"""A mixed read/write workload against every service process on 127.0.0.1 for a bounded time.

`LOAD_SECONDS` sets the duration (20 s by default; `make test-slow LOAD_SECONDS=300` for the
five-minute run). Passes when no answer is a 5xx, every event reaches every consumer and no
service's resident memory grows past the bound stated below.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections import Counter
from datetime import UTC, datetime

import httpx

from tests.faults.processes import ServiceProcess, service_env
from tests.faults.scenarios import WriteStream, assert_no_failed_writes
from tests.faults.test_broker_outage import TEST_ENV, _settled, importable_services
from tests.reliability_results import record
from tests.support import ADMIN, Broker

LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "20"))
WRITERS = int(os.environ.get("LOAD_WRITERS", "4"))
READERS = int(os.environ.get("LOAD_READERS", "4"))
WARMUP_SECONDS = min(10.0, LOAD_SECONDS / 4)
# The bound: after warm-up, a process may grow by half its warm-up size plus 64 MiB, no more.
RSS_GROWTH_FACTOR = 1.5
RSS_GROWTH_SLACK = 64 * 1024 * 1024
READ_PATHS = {
    "segmentation": ["/v1/customers?limit=50", "/v1/scoring-model"],
    "survey": ["/v1/surveys", "/v1/surveys/default"],
    "feedback": ["/v1/tickets?limit=50", "/v1/sla-policy"],
    "playbook": ["/v1/actions?limit=50", "/v1/rules"],
}


async def _reader(clients: dict[str, httpx.AsyncClient], deadline: float, statuses: Counter, latencies: list):
    while time.monotonic() < deadline:
        for name, client in clients.items():
            for path in READ_PATHS.get(name, ["/readyz"]):
                started = time.monotonic()
                try:
                    response = await client.get(path, headers=ADMIN)
                except httpx.TransportError:
                    statuses[f"{name}:transport-error"] += 1
                    continue
                latencies.append(time.monotonic() - started)
                statuses[f"{name}:{response.status_code // 100}xx"] += 1


async def _sample_rss(processes: dict[str, ServiceProcess], deadline: float, samples: dict):
    while time.monotonic() < deadline:
        for name, process in processes.items():
            samples.setdefault(name, []).append((time.monotonic(), process.rss()))
        await asyncio.sleep(1.0)


async def test_mixed_workload_has_no_5xx_loses_no_event_and_keeps_memory_bounded(database_url):
    names = importable_services()
    broker = Broker()
    broker.start()
    env = service_env(database_url, broker.bootstrap, **TEST_ENV)
    processes = {name: ServiceProcess(name, env) for name in names}
    since = datetime.now(UTC)
    reads: Counter[str] = Counter()
    latencies: list[float] = []
    rss: dict[str, list[tuple[float, int]]] = {}
    try:
        await asyncio.gather(*(asyncio.to_thread(p.start) for p in processes.values()))
        async with contextlib.AsyncExitStack() as stack:
            clients = {name: await stack.enter_async_context(
                httpx.AsyncClient(base_url=p.url, timeout=60, limits=httpx.Limits(max_connections=32)))
                for name, p in processes.items()}
            started = time.monotonic()
            deadline = started + LOAD_SECONDS
            writers = [WriteStream(clients) for _ in range(WRITERS)]
            await asyncio.gather(
                *(w.run(LOAD_SECONDS, pause=0.0) for w in writers),
                *(_reader(clients, deadline, reads, latencies) for _ in range(READERS)),
                _sample_rss(processes, deadline, rss),
            )
            elapsed = time.monotonic() - started
            alive = {name: p.process.poll() is None for name, p in processes.items()}
        report = await _settled(database_url, names, since, timeout=240)
    finally:
        for process in processes.values():
            process.stop()
        broker.stop()
    writes = sum((w.statuses for w in writers), Counter())
    failures = [f for w in writers for f in w.failures]
    server_errors = [k for k in [*writes, *reads] if k.endswith(":5xx")]
    memory = {}
    for name, points in rss.items():
        warm = [v for t, v in points if t - points[0][0] >= WARMUP_SECONDS] or [points[-1][1]]
        baseline, peak = warm[0], max(warm)
        memory[name] = {"warm_mib": round(baseline / 2**20, 1), "peak_mib": round(peak / 2**20, 1),
                        "bound_mib": round((baseline * RSS_GROWTH_FACTOR + RSS_GROWTH_SLACK) / 2**20, 1)}
    latencies.sort()
    # The short run of `make test` and the long one of `make test-slow` keep separate sections.
    record("load.mixed_workload" if LOAD_SECONDS < 300 else "load.mixed_workload_5min", {
        "seconds": round(elapsed, 1), "services": names, "writers": WRITERS, "readers": READERS,
        "write_rounds": sum(w.rounds for w in writers), "write_statuses": dict(writes),
        "read_statuses": dict(reads),
        "reads_per_second": round(len(latencies) / elapsed, 1),
        "read_p50_ms": round(latencies[len(latencies) // 2] * 1000, 1) if latencies else None,
        "read_p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1) if latencies else None,
        "events_published": report["published"], "duplicate_state_rows": report["duplicates"],
        "rss": memory,
    })
    assert all(alive.values()), alive
    transport_errors = sum(n for k, n in [*writes.items(), *reads.items()] if k.endswith("transport-error"))
    assert transport_errors <= 0.01 * (sum(writes.values()) + sum(reads.values())), (writes, reads)
    assert all(v == 0 for v in report["duplicates"].values()), report
    for name, figures in memory.items():
        assert figures["peak_mib"] <= figures["bound_mib"], (name, figures)
    assert not [k for k in server_errors if not k.startswith("segmentation")], server_errors
    assert_no_failed_writes(failures)  # every 5xx is also a failed write or read listed here
    assert not server_errors, server_errors
