"""The broker stops for 30 s in the middle of a stream of writes to every service, then returns."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from datetime import UTC, datetime

import httpx
import pytest

from tests.faults.processes import ServiceProcess, audit_delivery, service_env
from tests.faults.scenarios import WriteStream, assert_no_failed_writes
from tests.reliability_results import record
from tests.security.catalog import load_service, service_names
from tests.support import Broker, eventually

OUTAGE_SECONDS = float(os.environ.get("BROKER_OUTAGE_SECONDS", "30"))
TEST_ENV = {
    "CRM_RATE_LIMIT_PER_CLIENT": "1000000", "CRM_RATE_LIMIT_PER_TOKEN": "1000",
    # The notification service's peers and SMTP server: nothing of anyone else's on this machine
    # (port 9 is discard; nothing listens), so its messages wait and retry.
    "CRM_SMTP_PORT": "9", "CRM_SEGMENTATION_BASE_URL": "http://127.0.0.1:9",
    "CRM_SURVEY_BASE_URL": "http://127.0.0.1:9", "CRM_FEEDBACK_BASE_URL": "http://127.0.0.1:9",
}


def importable_services() -> list[str]:
    names = []
    for name in service_names():
        with contextlib.suppress(pytest.skip.Exception):
            load_service(name)
            names.append(name)
    return names


async def test_every_event_reaches_every_consumer_once_across_a_broker_outage(database_url):
    names = importable_services()
    broker = Broker()
    broker.start()
    env = service_env(database_url, broker.bootstrap, **TEST_ENV)
    processes = {name: ServiceProcess(name, env) for name in names}
    since = datetime.now(UTC)
    try:
        await asyncio.gather(*(asyncio.to_thread(p.start) for p in processes.values()))
        async with contextlib.AsyncExitStack() as stack:
            clients = {name: await stack.enter_async_context(httpx.AsyncClient(base_url=p.url, timeout=30))
                       for name, p in processes.items()}
            stream = WriteStream(clients)
            await stream.run(8)
            # The embedded broker keeps records in memory only: let consumers catch up first so
            # the stop loses nothing a disk-backed Kafka would have kept.
            await _settled(database_url, names, since, timeout=90)
            rounds_before = stream.rounds
            broker.stop()
            stopped_at = time.monotonic()
            await stream.run(OUTAGE_SECONDS)
            rounds_during = stream.rounds - rounds_before
            broker.start()  # same port, empty memory: topics are made again, offsets start over
            restarted_at = time.monotonic()
            await stream.run(8)
            report = await _settled(database_url, names, since, timeout=180)
            caught_up = time.monotonic() - restarted_at
    finally:
        for process in processes.values():
            process.stop()
        broker.stop()
    assert rounds_during > 0
    assert report["duplicates"] and all(v == 0 for v in report["duplicates"].values()), report
    record("faults.broker_outage", {
        "services": names, "outage_seconds": round(restarted_at - stopped_at, 1),
        "write_rounds_total": stream.rounds, "write_rounds_during_outage": rounds_during,
        "http_statuses": dict(stream.statuses), "events_published": report["published"],
        "events_applied_per_consumer": report["applied"], "duplicate_state_rows": report["duplicates"],
        "caught_up_after_restart_seconds": round(caught_up, 1),
    })
    assert_no_failed_writes(stream.failures)


async def _settled(database_url: str, names: list[str], since, timeout: float) -> dict:
    last: dict = {}

    async def check():
        nonlocal last
        last = await audit_delivery(database_url, names, since)
        return last["unpublished"] == 0 and not last["missing"]

    try:
        await eventually(check, timeout=timeout, interval=1.0)
    except AssertionError as exc:
        raise AssertionError(f"events not delivered: {last}") from exc
    return last
