"""Baseline for ticket creation: a bare FastAPI + asyncpg endpoint that inserts the same ticket
row and its outbox row in one transaction, with no ORM, no rules, no middleware.

Run as `uvicorn --factory bench.baseline_app:create_app`; BENCH_BASELINE_DSN names the database
(the feedback service's, already migrated).
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import Response

INSERT_TICKET = """
INSERT INTO tickets (id, customer_id, channel, type, category, description, priority,
    priority_reason, team, status, policy_version, calendar, sla_rows, reported_at, created_at,
    updated_at, first_response_warn_at, first_response_due, first_response_task_force_at,
    first_response_level, first_response_breached, resolution_started_at, resolution_warn_at,
    resolution_due, resolution_task_force_at, resolution_level, resolution_breached,
    was_pending_customer, response_count, reopen_count, next_check_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', 1, '24x7', $10, $11, $11, $11, $12, $13, $14,
    -1, false, $11, $15, $16, $17, -1, false, false, 0, 0, $12)
"""
INSERT_OUTBOX = """
INSERT INTO outbox (event_id, event_type, message_key, envelope, created_at, attempts)
VALUES ($1, 'ticket-created', $2, $3, $4, 0)
"""


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def create_app() -> FastAPI:
    app = FastAPI()

    @app.on_event("startup")
    async def _start() -> None:
        app.state.pool = await asyncpg.create_pool(
            os.environ["BENCH_BASELINE_DSN"], min_size=4, max_size=10,
            server_settings={"search_path": "feedback"},
        )

    @app.on_event("shutdown")
    async def _stop() -> None:
        await app.state.pool.close()

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/tickets", status_code=201)
    async def post_ticket(request: Request) -> Response:
        body = json.loads(await request.body())
        now = datetime.now(UTC)
        ticket_id = str(uuid.uuid4())
        priority = body.get("priority") or "P3"
        first_due, resolution_due = now + timedelta(hours=4), now + timedelta(hours=24)
        ticket = {
            "id": ticket_id, "customer_id": body["customer_id"], "channel": body["channel"],
            "type": body["type"], "category": body["category"], "description": body["description"],
            "priority": priority, "team": "customer-care", "status": "new",
            "first_response_due": _iso(first_due), "resolution_due": _iso(resolution_due),
            "created_at": _iso(now),
        }
        envelope = json.dumps({
            "specversion": "1.0", "id": str(uuid.uuid4()), "source": "/crm/feedback",
            "type": "ticket-created", "time": _iso(now), "subject": body["customer_id"],
            "datacontenttype": "application/json", "data": ticket,
        }, separators=(",", ":"))
        async with app.state.pool.acquire() as conn, conn.transaction():
            await conn.execute(
                INSERT_TICKET, ticket_id, body["customer_id"], body["channel"], body["type"],
                body["category"], body["description"], priority, '{"source": "given"}',
                "customer-care", '{"version": 1}', now, now + timedelta(hours=3.2), first_due,
                now + timedelta(hours=6), now + timedelta(hours=19.2), resolution_due,
                now + timedelta(hours=36),
            )
            await conn.execute(INSERT_OUTBOX, str(uuid.uuid4()), body["customer_id"], envelope, now)
        return Response(json.dumps(ticket), status_code=201, media_type="application/json",
                        headers={"Location": f"/v1/tickets/{ticket_id}"})

    return app
