"""Feedback killed with SIGKILL in the middle of an SLA sweep: every breach escalated, once."""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from datetime import UTC, datetime

import asyncpg
import httpx

from tests.faults.processes import ServiceProcess, asyncpg_dsn, service_env
from tests.reliability_results import record
from tests.security.catalog import load_service
from tests.support import ADMIN, Broker, EventCollector, eventually

TICKETS = int(os.environ.get("KILL_SWEEP_TICKETS", "5000"))
PREFIX = "kill-sweep-"
# Each overdue ticket has its 80% warnings taken and both targets passed: one breach step
# (level 1) per metric is due, the task force (level 2) a day away.
EXPECTED_STEPS = {("first_response", 1), ("resolution", 1)}
ESCALATED = f"SELECT count(*) FROM escalations WHERE ticket_id LIKE '{PREFIX}%'"
# A transaction of the service's that is writing escalation steps: a sweep batch under way.
SWEEP_OPEN = ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
              "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query ILIKE '%escalations%'")


async def _load_overdue(connection: asyncpg.Connection, template: str, count: int) -> None:
    """`count` clones of the template ticket (the bench/sla.py technique, one INSERT ... SELECT),
    their first-response and resolution targets passed 40 and 20 minutes ago."""
    from bench.sla import TIME_COLUMNS

    columns = [r["column_name"] for r in await connection.fetch(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'feedback' AND table_name = 'tickets' ORDER BY ordinal_position")]
    spread = "make_interval(secs => g * 0.01)"  # distinct due times, so the sweep has an order
    times = {
        "reported_at": "$3::timestamptz - interval '2 hours'",
        "created_at": "$3::timestamptz - interval '2 hours'",
        "updated_at": "$3::timestamptz - interval '2 hours'",
        "resolution_started_at": "$3::timestamptz - interval '2 hours'",
        "first_response_warn_at": "$3::timestamptz - interval '50 minutes'",
        "first_response_due": f"$3::timestamptz - interval '40 minutes' + {spread}",
        "first_response_task_force_at": "$3::timestamptz + interval '1 day'",
        "resolution_warn_at": "$3::timestamptz - interval '30 minutes'",
        "resolution_due": f"$3::timestamptz - interval '20 minutes' + {spread}",
        "resolution_task_force_at": "$3::timestamptz + interval '1 day'",
        "next_check_at": f"$3::timestamptz - interval '40 minutes' + {spread}",
    }
    assert set(TIME_COLUMNS) <= set(times)
    values = []
    for column in columns:
        if column == "id":
            values.append(f"'{PREFIX}' || g")
        elif column == "customer_id":
            values.append("'c' || lpad((g % 1000)::text, 7, '0')")
        elif column in times:
            values.append(times[column])
        elif column in ("first_response_level", "resolution_level"):
            values.append("0")  # the 80% warnings were taken already
        elif column in ("first_response_breached", "resolution_breached"):
            values.append("false")
        elif column in ("first_responded_at", "paused_at", "resolved_at", "closed_at"):
            values.append("NULL")
        else:
            values.append(f"t.{column}")
    await connection.execute(
        f"INSERT INTO tickets ({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM tickets t, generate_series(0, $2 - 1) AS g WHERE t.id = $1",
        template, count, datetime.now(UTC))
    await connection.execute("ANALYZE tickets")


async def test_a_sweep_killed_with_sigkill_escalates_every_breach_once_after_restart(own_database):
    load_service("feedback")
    expected = {(f"{PREFIX}{g}", level, metric) for g in range(TICKETS) for metric, level in EXPECTED_STEPS}

    broker = Broker()
    broker.start()
    # Small batches, each its own transaction, so the backlog takes seconds and a kill lands inside.
    env = service_env(own_database, broker.bootstrap, CRM_SWEEP_BATCH_SIZE="25",
                      CRM_SWEEP_INTERVAL_SECONDS="0.2")
    service = ServiceProcess("feedback", env)
    connection: asyncpg.Connection | None = None
    try:
        await asyncio.to_thread(service.start)  # migrations done once /healthz answers
        connection = await asyncpg.connect(asyncpg_dsn(own_database),
                                           server_settings={"search_path": "feedback"})
        async with EventCollector(broker.bootstrap, ["ticket-escalated"]) as events, \
                httpx.AsyncClient(base_url=service.url, timeout=30) as client:
            response = await client.post("/v1/tickets", headers=ADMIN, json={
                "customer_id": "c-template", "channel": "phone", "type": "complaint",
                "category": "billing", "description": "template", "priority": "P3"})
            assert response.status_code == 201, response.text
            started = time.monotonic()
            await _load_overdue(connection, response.json()["id"], TICKETS)
            load_seconds = time.monotonic() - started

            async def under_way():
                escalated = await connection.fetchval(ESCALATED)
                return escalated > len(expected) // 5 and await connection.fetchval(SWEEP_OPEN) > 0

            await eventually(under_way, timeout=120, interval=0.01)
            service.kill()
            killed_at = time.monotonic()
            # What the killed sweep committed; its open batch is rolled back with its connection.
            escalated_at_kill = await connection.fetchval(ESCALATED)
            assert escalated_at_kill < len(expected), "the sweep ended before the kill: nothing was tested"

            await asyncio.to_thread(service.start)

            async def swept():
                return await connection.fetchval(ESCALATED) >= len(expected)

            await eventually(swept, timeout=300, interval=0.2)
            completed_after = time.monotonic() - killed_at

            def all_published():
                return len({_step(e) for e in events.events}) >= len(expected)

            await eventually(all_published, timeout=300, interval=0.5)
            published_after = time.monotonic() - killed_at
            await asyncio.sleep(2)  # anything sent twice would arrive now
            rows = await connection.fetch(
                "SELECT ticket_id, metric, cycle, level FROM escalations WHERE ticket_id LIKE $1",
                f"{PREFIX}%")
            tickets = await connection.fetch(
                "SELECT first_response_level, resolution_level, first_response_breached, "
                "resolution_breached, count(*) AS n FROM tickets WHERE id LIKE $1 GROUP BY 1, 2, 3, 4",
                f"{PREFIX}%")
            unpublished = await connection.fetchval(
                "SELECT count(*) FROM outbox WHERE event_type = 'ticket-escalated' AND published_at IS NULL")
    finally:
        if connection is not None:
            await connection.close()
        service.stop()
        broker.stop()

    duplicate_rows = sum(n - 1 for n in Counter(
        (r["ticket_id"], r["metric"], r["cycle"], r["level"]) for r in rows).values())
    assert duplicate_rows == 0
    assert {(r["ticket_id"], r["level"], r["metric"]) for r in rows} == expected
    assert [dict(r) for r in tickets] == [{
        "first_response_level": 1, "resolution_level": 1, "first_response_breached": True,
        "resolution_breached": True, "n": TICKETS}]
    assert unpublished == 0

    ids_per_step: dict[tuple[str, int, str], set[str]] = {}
    for event in events.events:
        ids_per_step.setdefault(_step(event), set()).add(event["id"])
    counts = Counter(len(ids) for ids in ids_per_step.values())
    assert set(ids_per_step) == expected
    assert counts == {1: len(expected)}, f"distinct ticket-escalated events per step: {counts}"
    redelivered = len(events.events) - len(expected)  # same event id twice: at least once delivery
    record("faults.kill_during_sweep", {
        "tickets": TICKETS, "breach_steps": len(expected), "load_seconds": round(load_seconds, 1),
        "escalated_when_killed": escalated_at_kill,
        "swept_seconds_after_kill": round(completed_after, 1),
        "published_seconds_after_kill": round(published_after, 1),
        "ticket_escalated_events": len(events.events), "redelivered_same_id": redelivered,
        "steps_with_more_than_one_event_id": sum(n for k, n in counts.items() if k > 1),
        "duplicate_escalation_rows": duplicate_rows,
    })


def _step(event: dict) -> tuple[str, int, str]:
    data = event["data"]
    return data["ticket_id"], data["level"], data["metric"]
