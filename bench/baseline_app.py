"""The bare baselines of the HTTP benchmarks: FastAPI + asyncpg endpoints doing each route's
equivalent write in one transaction, with no ORM, no rules, no middleware, no auth.

- POST /v1/tickets: the ticket row and its `ticket-created` outbox row.
- PATCH /v1/tickets/{id}: the ticket read under a row lock, its description updated, a history row.
- POST /v1/invitations/{token}/response: the invitation read under a row lock, the response row
  (a plain mean as the score), the invitation marked answered, a `satisfaction-scored` outbox row.
- POST /v1/customers/{id}/orders: the customer checked, the order row (an order id once), the
  customer's 12-month sums recomputed into its score row, an `order-recorded` outbox row.

Run as `uvicorn --factory bench.baseline_app:create_app`; BENCH_BASELINE_DSN names the database and
BENCH_BASELINE_SCHEMA the schema holding copies of the service's tables (`CREATE TABLE ... (LIKE
<service>.<table> INCLUDING ALL)`, bench/http.py), so the service's own relay never sees its rows.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

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
VALUES ($1, $2, $3, $4, $5, 0)
"""
TICKET_FOR_UPDATE = """
SELECT id, customer_id, channel, type, category, description, priority, team, status,
    first_response_due, resolution_due, created_at FROM tickets WHERE id = $1 FOR UPDATE
"""
UPDATE_TICKET = "UPDATE tickets SET description = $2, updated_at = $3 WHERE id = $1"
INSERT_HISTORY = """
INSERT INTO ticket_history (ticket_id, at, actor, action, from_status, to_status, detail)
VALUES ($1, $2, 'bench', 'edited', $3, $3, $4)
"""
INVITATION_FOR_UPDATE = """
SELECT id, survey_id, customer_id, tier, quadrant, answered_at, expires_at
FROM invitations WHERE token = $1 FOR UPDATE
"""
INSERT_RESPONSE = """
INSERT INTO responses (id, invitation_id, kind, survey_id, customer_id, tier, quadrant, answers,
    comments, nps, nps_category, value, level, dimensions, weights, csat, answered_at)
VALUES ($1, $2, 'survey', $3, $4, $5, $6, $7, '{}', $8, $9, $10, $11, $12, '{}', NULL, $13)
"""
MARK_ANSWERED = """
UPDATE invitations SET answered_at = $2, opened_at = coalesce(opened_at, $2),
    started_at = coalesce(started_at, $2), next_reminder_at = NULL, progress = NULL WHERE id = $1
"""
CUSTOMER_EXISTS = "SELECT 1 FROM customers WHERE id = $1"
INSERT_ORDER = """
INSERT INTO orders (order_id, customer_id, amount, ordered_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (order_id) DO NOTHING RETURNING order_id
"""
ORDER_SUMS = """
SELECT coalesce(sum(amount), 0)::float8 AS amount, count(*) AS orders, max(ordered_at) AS last_at
FROM orders WHERE customer_id = $1 AND ordered_at >= $2
"""
UPSERT_SCORE = """
INSERT INTO scores (customer_id, value, computed_tier, tier, quadrant, model_version, components,
    amount_12m, orders_12m, last_order_at, computed_at)
VALUES ($1, $2, $3, $3, NULL, 'baseline', '{}', $4, $5, $6, $7)
ON CONFLICT (customer_id) DO UPDATE SET value = excluded.value, computed_tier = excluded.computed_tier,
    amount_12m = excluded.amount_12m, orders_12m = excluded.orders_12m,
    last_order_at = excluded.last_order_at, computed_at = excluded.computed_at
RETURNING (xmax = 0) AS inserted
"""


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def create_app() -> FastAPI:
    app = FastAPI()

    @app.on_event("startup")
    async def _start() -> None:
        app.state.pool = await asyncpg.create_pool(
            os.environ["BENCH_BASELINE_DSN"], min_size=4, max_size=10,
            server_settings={"search_path": os.environ.get("BENCH_BASELINE_SCHEMA", "feedback")},
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
            await conn.execute(INSERT_OUTBOX, str(uuid.uuid4()), "ticket-created", body["customer_id"],
                               envelope, now)
        return Response(json.dumps(ticket), status_code=201, media_type="application/json",
                        headers={"Location": f"/v1/tickets/{ticket_id}"})

    @app.patch("/v1/tickets/{ticket_id}")
    async def patch_ticket(ticket_id: str, request: Request) -> Response:
        patch = json.loads(await request.body())
        now = datetime.now(UTC)
        async with app.state.pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(TICKET_FOR_UPDATE, ticket_id)
            if row is None:
                return _problem(404, "no such ticket")
            ticket = dict(row)
            if patch.get("description") and patch["description"] != ticket["description"]:
                await conn.execute(UPDATE_TICKET, ticket_id, patch["description"], now)
                await conn.execute(INSERT_HISTORY, ticket_id, now, ticket["status"], json.dumps(
                    {"fields": ["description"], "previous": {"description": ticket["description"]}}))
                ticket["description"] = patch["description"]
        for name in ("first_response_due", "resolution_due", "created_at"):
            ticket[name] = _iso(ticket[name]) if ticket[name] else None
        ticket["updated_at"] = _iso(now)
        return Response(json.dumps(ticket), media_type="application/json")

    @app.post("/v1/invitations/{token}/response", status_code=201)
    async def answer(token: str, request: Request) -> Response:
        body = json.loads(await request.body())
        answers, nps = body["answers"], body.get("nps")
        now = datetime.now(UTC)
        value = round(sum(answers.values()) / len(answers), 2) if answers else 0.0
        level = "dissatisfied" if value < 3 else "neutral" if value < 4 else "satisfied"
        category = None if nps is None else "detractor" if nps <= 6 else "passive" if nps <= 8 else "promoter"
        response_id = str(uuid.uuid4())
        async with app.state.pool.acquire() as conn, conn.transaction():
            invitation = await conn.fetchrow(INVITATION_FOR_UPDATE, token)
            if invitation is None:
                return _problem(404, "no such invitation")
            if invitation["answered_at"] is not None:
                return _problem(409, "already answered")
            await conn.execute(
                INSERT_RESPONSE, response_id, invitation["id"], invitation["survey_id"],
                invitation["customer_id"], invitation["tier"], invitation["quadrant"], json.dumps(answers),
                nps, category, value, level, json.dumps({"overall": value}), now)
            await conn.execute(MARK_ANSWERED, invitation["id"], now)
            data = {"customer_id": invitation["customer_id"], "survey_id": invitation["survey_id"],
                    "invitation_id": invitation["id"], "response_id": response_id, "value": value,
                    "level": level, "nps": nps, "nps_category": category, "tier": invitation["tier"],
                    "answered_at": _iso(now)}
            envelope = _envelope("/crm/survey", "satisfaction-scored", invitation["customer_id"], data, now)
            await conn.execute(INSERT_OUTBOX, str(uuid.uuid4()), "satisfaction-scored",
                               invitation["customer_id"], envelope, now)
        return Response(json.dumps({"id": response_id, "satisfaction": {"value": value, "level": level}}),
                        status_code=201, media_type="application/json")

    @app.post("/v1/customers/{customer_id}/orders")
    async def post_order(customer_id: str, request: Request) -> Response:
        order = json.loads(await request.body())
        now = datetime.now(UTC)
        ordered_at = datetime.fromisoformat(order["ordered_at"].replace("Z", "+00:00"))
        async with app.state.pool.acquire() as conn, conn.transaction():
            if await conn.fetchval(CUSTOMER_EXISTS, customer_id) is None:
                return _problem(404, "no such customer")
            fresh = await conn.fetchval(INSERT_ORDER, order["order_id"], customer_id,
                                        Decimal(str(order["amount"])), ordered_at)
            if fresh is None:
                return JSONResponse({"accepted": 0, "duplicates": [order["order_id"]],
                                     "score_changed": False})
            sums = await conn.fetchrow(ORDER_SUMS, customer_id, now - timedelta(days=365))
            value = round(min(100.0, sums["amount"] / 10_000), 2)
            tier = "gold" if value >= 60 else "silver" if value >= 30 else "standard"
            await conn.fetchval(UPSERT_SCORE, customer_id, value, tier, sums["amount"], sums["orders"],
                                sums["last_at"], now)
            data = {"customer_id": customer_id, "order_id": order["order_id"],
                    "amount": float(order["amount"]), "ordered_at": _iso(ordered_at),
                    "recorded_at": _iso(now)}
            await conn.execute(INSERT_OUTBOX, str(uuid.uuid4()), "order-recorded", customer_id,
                               _envelope("/crm/segmentation", "order-recorded", customer_id, data, now), now)
        return JSONResponse({"accepted": 1, "duplicates": [], "score_changed": True})

    return app


def _envelope(source: str, event_type: str, subject: str, data: dict, now: datetime) -> str:
    return json.dumps({
        "specversion": "1.0", "id": str(uuid.uuid4()), "source": source, "type": event_type,
        "time": _iso(now), "subject": subject, "datacontenttype": "application/json", "data": data,
    }, separators=(",", ":"))


def _problem(status: int, title: str) -> Response:
    return Response(json.dumps({"type": "about:blank", "title": title, "status": status}), status_code=status,
                    media_type="application/problem+json")
