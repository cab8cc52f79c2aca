"""Benchmark: SLA breach events with 10,000 and then 100,000 open tickets.

The feedback service runs under uvicorn with its own sweeper and relay. One ticket is opened
over HTTP as a template and cloned in SQL: the background tickets fall due tomorrow, and a
set of breaching tickets have their first-response due times spread over a window starting a
few seconds ahead (their 80% warning already taken, as in steady state). A consumer on the
broker records when each `ticket-escalated` breach event arrives; the lag is arrival minus
the due time, so it covers the sweep, the outbox relay and the broker.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
from aiokafka import ConsumerRecord

from bench.common import (
    PeakRss,
    TopicWatcher,
    fresh_database,
    percentile,
    rss_mb,
    running,
    service_env,
    size,
    start_service,
)
from services.feedback.settings import feedback_settings
from shared.auth import issue_token
from shared.settings import DEVELOPMENT_JWT_SECRET

TIME_COLUMNS = ["reported_at", "created_at", "updated_at", "first_response_warn_at", "first_response_due",
                "first_response_task_force_at", "resolution_started_at", "resolution_warn_at",
                "resolution_due", "resolution_task_force_at"]

OPEN_COUNT = "SELECT count(*) FROM tickets WHERE status NOT IN ('resolved', 'closed')"


async def _clone(connection: asyncpg.Connection, template: str, count: int, prefix: str,
                 first_due: datetime | None, spread_seconds: float) -> None:
    """`count` copies of the template; with `first_due`, copy g's first response falls due at
    first_due + g * spread / count, otherwise every clock is moved a day later."""
    columns = [r["column_name"] for r in await connection.fetch(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'feedback' AND table_name = 'tickets' ORDER BY ordinal_position")]
    if first_due is None:
        shift = "interval '1 day'"
    else:
        shift = (f"($3::timestamptz - t.first_response_due) "
                 f"+ make_interval(secs => g * {spread_seconds / max(count, 1)})")
    values = []
    for column in columns:
        if column == "id":
            values.append(f"'{prefix}-' || g")
        elif column == "customer_id":
            values.append("'c' || lpad((g % 50000)::text, 7, '0')")
        elif column in TIME_COLUMNS:
            values.append(f"t.{column} + {shift}")
        elif column == "first_response_level" and first_due is not None:
            values.append("0")  # the 80% warning was taken already
        elif column == "next_check_at":
            values.append(f"t.first_response_due + {shift}" if first_due is not None
                          else f"t.next_check_at + {shift}")
        else:
            values.append(f"t.{column}")
    args = [template, count] + ([first_due] if first_due is not None else [])
    await connection.execute(
        f"INSERT INTO tickets ({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM tickets t, generate_series(0, $2 - 1) AS g WHERE t.id = $1", *args)


class Arrivals(TopicWatcher):
    """Arrival time of every breach event on the broker, by ticket id."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        super().__init__(bootstrap, [topic])
        self.arrived: dict[str, tuple[float, datetime]] = {}

    def record(self, record: ConsumerRecord, arrived_at: float) -> None:
        data = json.loads(record.value)["data"]
        if data["level"] == 1 and data["metric"] == "first_response":
            due = datetime.fromisoformat(data["due_at"].replace("Z", "+00:00"))
            self.arrived.setdefault(data["ticket_id"], (arrived_at, due))


async def _phase(connection, template: str, arrivals: Arrivals, open_tickets: int, breaching: int,
                 window: float, label: str) -> dict:
    background = open_tickets - breaching - await connection.fetchval(OPEN_COUNT)
    started = time.perf_counter()
    if background > 0:
        await _clone(connection, template, background, f"bg{label}", None, 0)
    first_due = datetime.now(UTC) + timedelta(seconds=5)
    await _clone(connection, template, breaching, f"br{label}", first_due, window)
    await connection.execute("ANALYZE tickets")
    seeded = time.perf_counter() - started
    deadline = time.monotonic() + 5 + window + 30
    prefix = f"br{label}-"
    while time.monotonic() < deadline:
        if sum(1 for t in arrivals.arrived if t.startswith(prefix)) >= breaching:
            break
        await asyncio.sleep(0.2)
    lags = [arrival - due.timestamp() for t, (arrival, due) in arrivals.arrived.items()
            if t.startswith(prefix)]
    total = await connection.fetchval(OPEN_COUNT)
    return {
        "open_tickets": total, "breaching": breaching, "window_seconds": window,
        "breach_events": len(lags), "seed_seconds": round(seeded, 2),
        "lag_p50_s": round(percentile(lags, 50), 3), "lag_p99_s": round(percentile(lags, 99), 3),
        "lag_max_s": round(max(lags, default=0.0), 3),
    }


async def run(bootstrap: str) -> dict:
    sizes = [int(size("SLA_SMALL", 10_000, 2_000)), int(size("SLA_LARGE", 100_000, 10_000))]
    breaching = int(size("SLA_BREACHES", 1_000, 200))
    window = float(size("SLA_WINDOW_SECONDS", 20.0, 8.0))
    headers = {"Authorization": f"Bearer {issue_token(DEVELOPMENT_JWT_SECRET, 'bench', ['agent'])}"}
    async with fresh_database() as dsn:
        env = service_env(dsn, bootstrap, CRM_KAFKA_TOPIC_PREFIX=f"sla-{uuid.uuid4().hex[:6]}-")
        service = start_service("feedback", env)
        with running(service):
            async with httpx.AsyncClient(base_url=service.url) as http:
                response = await http.post("/v1/tickets", headers=headers, json={
                    "customer_id": "c-template", "channel": "phone", "type": "complaint",
                    "category": "billing", "description": "template", "priority": "P1"})
                response.raise_for_status()
                template = response.json()["id"]
            connection = await asyncpg.connect(dsn, server_settings={"search_path": "feedback"})
            try:
                topic = env["CRM_KAFKA_TOPIC_PREFIX"] + "ticket-escalated"
                idle = rss_mb(service.pid)
                phases = []
                async with Arrivals(bootstrap, topic) as arrivals:
                    with PeakRss(service.pid) as peak:
                        for number, open_tickets in enumerate(sizes):
                            phases.append(await _phase(connection, template, arrivals, open_tickets,
                                                       breaching, window, str(number)))
            finally:
                await connection.close()
    return {"phases": phases, "sweep_interval_seconds": feedback_settings().sweep_interval_seconds,
            "memory_mb": {"idle": idle, "loaded_peak": peak.peak}}
