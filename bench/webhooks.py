"""Benchmark: partner webhook fan-out (docs/design.md §10). Events published to the broker reach
`BENCH_WEBHOOK_FANOUT` subscriptions of a local receiver through the notification service:

- saturated: a burst of events published at once; events per second until every subscription
  received every event, beside a bare loop in this process that signs the same envelopes per
  Standard Webhooks (the reference library) and POSTs them to the same receiver with the same
  concurrency (one lane of `webhook_lane_concurrency` per subscription);
- paced: 200 events/s for `BENCH_WEBHOOK_SECONDS`; latency from publication to receipt.

The service, the receiver and PostgreSQL run in their own processes; the publisher and the bare
loop in this one; all on the same 2 cores.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime

import httpx
import psutil
from aiokafka import AIOKafkaProducer

from bench.common import fresh_database, percentile, running, service_env, size, start_service, start_uvicorn
from services.notification.domain.webhooks import signed_headers
from shared.auth import issue_token
from shared.events.envelope import new_event
from shared.rfc3339 import format_time
from shared.settings import DEVELOPMENT_JWT_SECRET

EVENT_TYPE = "ticket-created"
LANE_CONCURRENCY = int(size("WEBHOOK_LANE_CONCURRENCY", 16, 16))


def _event(number: int):
    customer = f"c{number % 5000:07d}"
    return new_event(
        EVENT_TYPE,
        "feedback",
        customer,
        {
            "customer_id": customer,
            "ticket_id": str(uuid.uuid4()),
            "priority": "P2",
            "tier": "Key",
            "channel": "phone",
            "type": "complaint",
            "category": "billing",
            "team": "billing-care",
            "created_at": format_time(datetime.now(UTC)),
        },
        None,
    )


async def _arrivals(http: httpx.AsyncClient, receiver: str) -> list[list]:
    return (await http.get(f"{receiver}/arrivals", timeout=30)).json()


async def _wait_for(http: httpx.AsyncClient, receiver: str, count: int, timeout: float) -> list[list]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        arrivals = await _arrivals(http, receiver)
        if len({(a[0], a[1]) for a in arrivals}) >= count:
            return arrivals
        await asyncio.sleep(0.2)
    raise TimeoutError(f"only {len(await _arrivals(http, receiver))} of {count} deliveries arrived")


async def _publish(
    producer: AIOKafkaProducer, topic: str, events: list, rate: float | None
) -> dict[str, float]:
    """Publish events (paced when `rate` is given); returns event id -> publication time."""
    published: dict[str, float] = {}
    started = time.perf_counter()
    for number, event in enumerate(events):
        if rate:
            delay = started + number / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        published[event.id] = time.time()
        await producer.send(topic, value=event.to_json().encode(), key=event.subject.encode())
    await producer.flush()
    return published


async def _bare_loop(receiver: str, secrets: list[str], events: list, fanout: int) -> float:
    """Sign and POST every event to every subscription, one lane per subscription; seconds taken."""
    limits = httpx.Limits(max_connections=fanout * LANE_CONCURRENCY)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:

        async def lane(index: int) -> None:
            queue = iter(events)

            async def worker() -> None:
                for event in queue:
                    body = event.to_json()
                    headers = signed_headers([secrets[index]], event.id, body, datetime.now(UTC))
                    response = await http.post(
                        f"{receiver}/hook/{index}", content=body.encode(), headers=headers
                    )
                    response.raise_for_status()

            await asyncio.gather(*(worker() for _ in range(LANE_CONCURRENCY)))

        started = time.perf_counter()
        await asyncio.gather(*(lane(i) for i in range(fanout)))
        return time.perf_counter() - started


async def run(bootstrap: str) -> dict:
    fanout = int(size("WEBHOOK_FANOUT", 2, 2))
    burst = int(size("WEBHOOK_BURST", 4000, 1000))
    rate = float(size("WEBHOOK_RATE", 200.0, 200.0))
    seconds = float(size("WEBHOOK_SECONDS", 20.0, 10.0))
    prefix = f"wh-{uuid.uuid4().hex[:6]}-"
    admin = {"Authorization": f"Bearer {issue_token(DEVELOPMENT_JWT_SECRET, 'bench', ['admin'])}"}
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=False, linger_ms=2
    )
    async with fresh_database() as dsn:
        env = service_env(
            dsn,
            bootstrap,
            CRM_KAFKA_TOPIC_PREFIX=prefix,
            CRM_SMTP_PORT="9",
            CRM_WEBHOOK_LANE_CONCURRENCY=str(LANE_CONCURRENCY),
        )
        receiver_process = start_uvicorn("webhook-receiver", "bench.webhook_receiver:create_app", env)
        service = start_service("notification", env)
        with running(service, receiver_process):
            receiver = receiver_process.url
            await producer.start()
            async with httpx.AsyncClient(timeout=30) as http:
                secrets = []
                for index in range(fanout):
                    created = await http.post(
                        f"{service.url}/v1/webhooks",
                        headers=admin,
                        json={"url": f"{receiver}/hook/{index}", "event_types": [EVENT_TYPE]},
                    )
                    created.raise_for_status()
                    secrets.append(created.json()["secret"])
                topic = f"{prefix}{EVENT_TYPE}"
                # Warm-up: consumer group joined, connections open, statements prepared.
                await _publish(producer, topic, [_event(n) for n in range(100)], None)
                await _wait_for(http, receiver, 100 * fanout, 120)
                await http.post(f"{receiver}/reset")

                cpu = psutil.Process(service.pid)
                cpu_before = sum(cpu.cpu_times()[:2])
                events = [_event(n) for n in range(burst)]
                published = await _publish(producer, topic, events, None)
                arrivals = await _wait_for(http, receiver, burst * fanout, 600)
                saturated_seconds = max(a[2] for a in arrivals) - min(published.values())
                cpu_burst = sum(cpu.cpu_times()[:2]) - cpu_before
                await http.post(f"{receiver}/reset")

                paced = [_event(n) for n in range(int(rate * seconds))]
                published = await _publish(producer, topic, paced, rate)
                arrivals = await _wait_for(http, receiver, len(paced) * fanout, 300)
                latencies = [(a[2] - published[a[0]]) * 1000 for a in arrivals if a[0] in published]
                await http.post(f"{receiver}/reset")

                baseline_seconds = await _bare_loop(receiver, secrets, events, fanout)
                baseline_arrivals = await _arrivals(http, receiver)
            await producer.stop()
    assert len(baseline_arrivals) == burst * fanout
    service_rate = burst / saturated_seconds
    baseline_rate = burst / baseline_seconds
    return {
        "fanout": fanout,
        "burst_events": burst,
        "lane_concurrency": LANE_CONCURRENCY,
        "service_seconds": round(saturated_seconds, 3),
        "service_events_per_s": round(service_rate, 1),
        "service_deliveries_per_s": round(service_rate * fanout, 1),
        "service_cpu_ms_per_delivery": round(cpu_burst * 1000 / (burst * fanout), 3),
        "baseline_seconds": round(baseline_seconds, 3),
        "baseline_events_per_s": round(baseline_rate, 1),
        "ratio": round(service_rate / baseline_rate, 3),
        "paced": {
            "rate_per_s": rate,
            "seconds": seconds,
            "events": len(paced),
            "deliveries": len(latencies),
            "p50_ms": round(percentile(latencies, 50), 1),
            "p90_ms": round(percentile(latencies, 90), 1),
            "p99_ms": round(percentile(latencies, 99), 1),
            "max_ms": round(max(latencies), 1),
        },
    }
