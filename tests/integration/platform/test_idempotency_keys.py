"""`Idempotency-Key` on retryable writes (docs/design.md, Retries), through HTTP on PostgreSQL: the
first answer is kept and replayed byte for byte, a key reused for another request or too long is a
422 naming the header, and a request that failed (5xx, or an error with no answer) is not kept, so
its retry runs again."""

from __future__ import annotations

from services.feedback.app import create_app
from services.feedback.settings import feedback_settings
from tests.integration.feedback.helpers import new_id
from tests.support import TEST_JWT_SECRET, bearer, running_service

AGENT = bearer("agent", sub="agent-idempotency")


def _ticket() -> dict:
    return {"customer_id": new_id(), "channel": "email", "type": "problem", "category": "billing",
            "description": "charged twice"}


async def test_keys_replay_the_first_answer_refuse_reuse_and_forget_failures(own_database, broker):
    settings = feedback_settings(database_url=own_database, kafka_bootstrap=broker.bootstrap,
                                 jwt_secret=TEST_JWT_SECRET, kafka_topic_prefix=f"{new_id('idem')}.")
    app = create_app(settings)
    calls = {"flaky": 0}

    async def flaky() -> dict:
        """Fails the first time without an answer of its own (the server answers 500)."""
        calls["flaky"] += 1
        if calls["flaky"] == 1:
            raise RuntimeError("lost on the way")
        return {"call": calls["flaky"]}

    app.add_api_route("/v1/flaky", flaky, methods=["POST"], status_code=201)
    async with running_service(app, raise_app_exceptions=False) as client:
        body = _ticket()
        key = {**AGENT, "Idempotency-Key": new_id("key")}
        first = await client.post("/v1/tickets", json=body, headers=key)
        assert first.status_code == 201, first.text
        again = await client.post("/v1/tickets", json=body, headers=key)
        assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
        assert again.content == first.content
        assert again.headers["content-type"] == first.headers["content-type"]
        assert "Idempotent-Replayed" not in first.headers

        reused = await client.post("/v1/tickets", json={**body, "description": "another"}, headers=key)
        assert reused.status_code == 422
        assert reused.json()["errors"] == [{"field": "Idempotency-Key",
                                            "message": "used for a different request"}]

        too_long = await client.post("/v1/tickets", json=_ticket(),
                                     headers={**AGENT, "Idempotency-Key": "k" * 201})
        assert too_long.status_code == 422
        assert too_long.json()["errors"][0]["field"] == "Idempotency-Key"

        # A refusal is an answer: kept and replayed like any other.
        invalid = {**_ticket(), "channel": "carrier pigeon"}
        refused_key = {**AGENT, "Idempotency-Key": new_id("key")}
        refused = await client.post("/v1/tickets", json=invalid, headers=refused_key)
        assert refused.status_code == 422
        replayed = await client.post("/v1/tickets", json=invalid, headers=refused_key)
        assert replayed.status_code == 422 and replayed.headers["Idempotent-Replayed"] == "true"

        # A failure is not: the retry runs the request again and its answer is then kept.
        flaky_key = {**AGENT, "Idempotency-Key": new_id("key")}
        failed = await client.post("/v1/flaky", json={}, headers=flaky_key)
        assert failed.status_code == 500
        retried = await client.post("/v1/flaky", json={}, headers=flaky_key)
        assert retried.status_code == 201 and retried.json() == {"call": 2}
        assert "Idempotent-Replayed" not in retried.headers
        kept = await client.post("/v1/flaky", json={}, headers=flaky_key)
        assert kept.json() == {"call": 2} and kept.headers["Idempotent-Replayed"] == "true"
        assert calls["flaky"] == 2
