"""Two replicas of every service in one consumer group, with rebalances in the middle of a stream."""

from __future__ import annotations

import asyncio
import contextlib
import time
from datetime import UTC, datetime

import httpx

from tests.faults.processes import ServiceProcess, service_env
from tests.faults.scenarios import WriteStream, assert_no_failed_writes
from tests.faults.test_broker_outage import TEST_ENV, _settled, importable_services
from tests.reliability_results import record
from tests.support import Broker


async def _stream(processes: dict[str, ServiceProcess], seconds: float, stream: WriteStream | None):
    async with contextlib.AsyncExitStack() as stack:
        clients = {name: await stack.enter_async_context(httpx.AsyncClient(base_url=p.url, timeout=30))
                   for name, p in processes.items()}
        if stream is None:
            stream = WriteStream(clients)
        else:
            stream.clients = clients
        await stream.run(seconds)
    return stream


async def test_each_event_is_applied_once_when_replicas_join_and_leave_the_group(database_url):
    names = importable_services()
    broker = Broker()
    broker.start()
    env = service_env(database_url, broker.bootstrap, **TEST_ENV)
    first = {name: ServiceProcess(name, env) for name in names}
    second = {name: ServiceProcess(name, env) for name in names}
    since = datetime.now(UTC)
    try:
        await asyncio.gather(*(asyncio.to_thread(p.start) for p in first.values()))
        stream = await _stream(first, 6, None)
        # A second replica joins each group: partitions move while events flow.
        joining = asyncio.gather(*(asyncio.to_thread(p.start) for p in second.values()))
        stream = await _stream(first, 6, stream)
        await joining
        stream = await _stream(second, 6, stream)
        # The first replicas leave (one of them killed outright): partitions move back.
        for index, process in enumerate(first.values()):
            process.kill() if index == 0 else process.stop()
        left_at = time.monotonic()
        stream = await _stream(second, 6, stream)
        report = await _settled(database_url, names, since, timeout=180)
        settled_after = time.monotonic() - left_at
    finally:
        for process in [*first.values(), *second.values()]:
            process.stop()
        broker.stop()
    assert report["duplicates"] and all(v == 0 for v in report["duplicates"].values()), report
    record("faults.replicas_rebalance", {
        "services": names, "replicas": 2, "write_rounds": stream.rounds,
        "http_statuses": dict(stream.statuses), "events_published": report["published"],
        "events_applied_per_consumer": report["applied"], "duplicate_state_rows": report["duplicates"],
        "settled_seconds_after_first_replicas_left": round(settled_after, 1),
    })
    assert_no_failed_writes(stream.failures)
