"""docs/design.md §11: an erasure interrupted by crashes completes after restart.

The five services run as real processes on a database and broker of their own. Feedback, holding
the customer's ticket, is killed with SIGKILL before the erasure; segmentation is killed with
SIGKILL the moment it has answered 202 (its relay may or may not have published `customer-erased`
by then). Both restart: the outbox publishes what was not published, the consumers apply what they
had not applied, and the erasure completes with every service's confirmation, the ticket's text gone.
"""

from __future__ import annotations

import asyncio

import asyncpg
import httpx
import pytest

from tests.faults.processes import ServiceProcess, asyncpg_dsn, service_env
from tests.support import ADMIN, SERVICES, Broker, bearer, eventually

# Five processes started, killed and restarted: minutes on a 2-core host, so `make test-slow` runs it.
pytestmark = pytest.mark.slow

AGENT = bearer("agent", sub="agent-kill")
TEXT = "Kestrelmoor invoice 5512 is wrong"


async def _ticket_text(database_url: str, ticket_id: str) -> str:
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        return await connection.fetchval("SELECT description FROM feedback.tickets WHERE id = $1", ticket_id)
    finally:
        await connection.close()


async def test_an_erasure_interrupted_by_killed_processes_completes_after_restart(own_database):
    broker = Broker()
    broker.start()
    env = service_env(own_database, broker.bootstrap, CRM_SWEEP_INTERVAL_SECONDS="0.5")
    processes = {name: ServiceProcess(name, env) for name in SERVICES}
    try:
        for process in processes.values():  # one at a time: five migrations at once starve two cores
            await asyncio.to_thread(process.start, 240)
        seg, feedback = processes["segmentation"], processes["feedback"]
        async with httpx.AsyncClient(timeout=30) as client:
            customer_id = "kill-erasure-1"
            created = await client.put(
                f"{seg.url}/v1/customers/{customer_id}",
                headers=ADMIN,
                json={
                    "name": "Kestrelmoor Ltd",
                    "contacts": [{"name": "Kestrel Moor", "phone": "13700001234"}],
                },
            )
            assert created.status_code == 201, created.text
            opened = await client.post(
                f"{feedback.url}/v1/tickets",
                headers=AGENT,
                json={
                    "customer_id": customer_id,
                    "channel": "phone",
                    "type": "complaint",
                    "category": "billing",
                    "description": TEXT,
                    "priority": "P3",
                },
            )
            assert opened.status_code == 201, opened.text
            ticket_id = opened.json()["id"]

            feedback.kill()
            erased = await client.delete(
                f"{seg.url}/v1/customers/{customer_id}?reason=request", headers=ADMIN
            )
            seg.kill()
            assert erased.status_code == 202, erased.text
            erasure_id = erased.json()["id"]
            assert await _ticket_text(own_database, ticket_id) == TEXT  # feedback is down: not yet

            await asyncio.to_thread(seg.start, 240)
            await asyncio.to_thread(feedback.start, 240)
            again = await client.delete(f"{seg.url}/v1/customers/{customer_id}?reason=request", headers=ADMIN)
            assert again.status_code == 202 and again.json()["id"] == erasure_id

            async def complete():
                view = (await client.get(f"{seg.url}/v1/erasures/{erasure_id}", headers=ADMIN)).json()
                return view if view["status"] == "complete" else None

            view = await eventually(complete, timeout=120, interval=0.5)
        assert {c["service"] for c in view["confirmations"]} == set(SERVICES)
        feedback_counts = next(c for c in view["confirmations"] if c["service"] == "feedback")["redacted"]
        assert feedback_counts["tickets"] == 1
        assert await _ticket_text(own_database, ticket_id) != TEXT
    finally:
        for process in processes.values():
            process.stop()
        broker.stop()
