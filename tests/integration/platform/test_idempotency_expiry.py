"""Replies kept for `Idempotency-Key` retries are forgotten after CRM_IDEMPOTENCY_KEY_HOURS."""

from __future__ import annotations

from datetime import datetime, timedelta

from services.feedback.app import create_app
from services.feedback.settings import feedback_settings
from tests.integration.feedback.helpers import new_id
from tests.support import ADMIN, TEST_JWT_SECRET, bearer, eventually, running_service

AGENT = bearer("agent", sub="agent-expiry")


async def move_clock(client, to: datetime) -> None:
    response = await client.put("/v1/clock", headers=ADMIN, json={"now": to.isoformat()})
    assert response.status_code == 200, response.text


async def test_a_retry_within_the_day_is_replayed_and_one_after_it_runs_anew(own_database, broker):
    settings = feedback_settings(database_url=own_database, kafka_bootstrap=broker.bootstrap,
                                 jwt_secret=TEST_JWT_SECRET, kafka_topic_prefix=f"{new_id('idem')}.",
                                 sweep_interval_seconds=0.2, idempotency_key_hours=24)
    async with running_service(create_app(settings)) as client:
        body = {"customer_id": new_id(), "channel": "email", "type": "problem", "category": "billing",
                "description": "charged twice"}
        old_key, fresh_key = ({**AGENT, "Idempotency-Key": new_id("key")} for _ in range(2))
        first = await client.post("/v1/tickets", json=body, headers=old_key)
        assert first.status_code == 201, first.text
        replayed = await client.post("/v1/tickets", json=body, headers=old_key)
        assert replayed.headers.get("Idempotent-Replayed") == "true"
        assert replayed.json()["id"] == first.json()["id"]

        now = datetime.fromisoformat((await client.get("/v1/clock", headers=ADMIN)).json()["now"])
        moved_to = now + timedelta(hours=23)
        await move_clock(client, moved_to)
        fresh = await client.post("/v1/tickets", json=body, headers=fresh_key)
        moved_to += timedelta(hours=2)  # the first key is now 25 hours old, the fresh one 2
        await move_clock(client, moved_to)

        async def expiry_ran() -> dict | None:
            listing = (await client.get("/v1/schedules", headers=ADMIN)).json()
            run = next(s for s in listing if s["name"] == "idempotency-keys")["last_run"]
            done = run and run["status"] == "done" and datetime.fromisoformat(run["started_at"]) >= moved_to
            return run if done else None

        await eventually(expiry_ran, timeout=30)
        # A run of an earlier hour may itself start after the second move (its cutoff is the clock's
        # time when it starts) and be the one that forgets the key: count every run's.
        runs = (await client.get("/v1/schedules/idempotency-keys/runs", headers=ADMIN)).json()
        seen = [(r["period_start"], r["started_at"], r["status"], r.get("outcome")) for r in runs]
        assert sum(r["outcome"]["forgotten"] for r in runs if r["status"] == "done") == 1, seen
        anew = await client.post("/v1/tickets", json=body, headers=old_key)
        assert anew.status_code == 201 and "Idempotent-Replayed" not in anew.headers
        assert anew.json()["id"] != first.json()["id"]
        still = await client.post("/v1/tickets", json=body, headers=fresh_key)
        assert still.headers.get("Idempotent-Replayed") == "true" and still.json()["id"] == fresh.json()["id"]
