"""docs/design.md §10 and §14: partner webhooks signed per Standard Webhooks, verified by a real receiver
with the reference library; retries that never block another subscription; disable after
persistent failure; deliveries log, replay, secret rotation; bad input named."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from shared.rfc3339 import format_time
from tests.integration.notification.helpers import Receiver, new_id, publish, ticket_created
from tests.support import ADMIN, EventCollector, bearer, eventually

MANAGER = bearer("manager", sub="mgr-hooks")


async def subscribe(notification, url: str, event_types: list[str]) -> dict:
    response = await notification.post(
        "/v1/webhooks", headers=ADMIN, json={"url": url, "event_types": event_types}
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_bad_input_is_a_422_naming_the_field(notification):
    cases = [
        ({"url": "ftp://partner.example/hook", "event_types": ["ticket-created"]}, "url"),
        ({"url": "https://user:pw@partner.example/hook", "event_types": ["ticket-created"]}, "url"),
        (
            {"url": "https://partner.example/hook", "event_types": ["ticket-created", "ticket-vanished"]},
            "event_types.1",
        ),
        ({"url": "https://partner.example/hook", "event_types": []}, "event_types"),
    ]
    for body, field in cases:
        response = await notification.post("/v1/webhooks", headers=ADMIN, json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert field in [e["field"] for e in response.json()["errors"]], response.text
    template = await notification.put(
        "/v1/templates/survey-invitation/en",
        headers=ADMIN,
        json={"subject": "Hi", "body": "{{ no_such_variable }}"},
    )
    assert template.status_code == 422 and template.json()["errors"][0]["field"] == "body"
    unknown = await notification.put(
        "/v1/templates/no-such-template/en", headers=ADMIN, json={"subject": "Hi", "body": "x"}
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "name"


async def test_a_subscribed_receiver_gets_each_event_signed_once(notification, broker):
    receiver = await Receiver().start()
    try:
        created = await subscribe(notification, receiver.url, ["ticket-created"])
        assert created["secret"].startswith("whsec_")
        receiver.secrets.append(created["secret"])
        shown = (await notification.get(f"/v1/webhooks/{created['id']}", headers=MANAGER)).json()
        assert "secret" not in shown and shown["status"] == "active"
        customer = new_id("WH")
        events = [ticket_created(customer) for _ in range(5)]
        await publish(broker.bootstrap, *events, events[0])  # the first one delivered twice by the broker
        # Tickets other tests of the run open reach the subscription too: this test counts its own.
        mine = lambda: [n for n in receiver.received if n["subject"] == customer]  # noqa: E731
        await eventually(lambda: len(mine()) >= 5, timeout=30)
        await asyncio.sleep(1.0)
        # webhook-id = the event id, once each
        assert sorted(n["webhook_id"] for n in mine()) == sorted(e.id for e in events)
        assert receiver.unverified == 0
        assert {n["type"] for n in receiver.received} == {"ticket-created"}
        assert receiver.received[0]["envelope"]["specversion"] == "1.0"
        log = (await notification.get(f"/v1/webhooks/{created['id']}/deliveries", headers=MANAGER,
                                      params={"limit": 500})).json()
        ours = [d for d in log["items"] if d["event_id"] in {e.id for e in events}]
        assert {d["status"] for d in ours} == {"delivered"} and len(ours) == 5
    finally:
        await receiver.stop()


async def test_a_failing_receiver_is_retried_without_blocking_a_healthy_one_then_disabled(
    notification, broker
):
    healthy, failing, slow = Receiver(), Receiver(), Receiver()
    for receiver in (healthy, failing, slow):
        await receiver.start()
    failing.status = 503
    slow.delay = 3.0  # longer than the 1 s timeout of the tests' settings
    try:
        subscriptions = {}
        for name, receiver in (("healthy", healthy), ("failing", failing), ("slow", slow)):
            subscriptions[name] = await subscribe(notification, receiver.url, ["ticket-created"])
            receiver.secrets.append(subscriptions[name]["secret"])
        async with EventCollector(broker.bootstrap, ["webhook-disabled"]) as disabled:
            customer = new_id("WF")
            first = [ticket_created(customer) for _ in range(3)]
            await publish(broker.bootstrap, *first)
            await eventually(lambda: len(healthy.received) == 3, timeout=20)
            second = [ticket_created(customer) for _ in range(3)]
            await publish(broker.bootstrap, *second)
            await eventually(lambda: len(healthy.received) == 6, timeout=20)
            # The healthy receiver got everything while the others kept failing: not held up.
            assert len(failing.refused) >= 2  # retried
            # Persistent failure (4 s in these tests, 24 h by default) disables the subscription.
            event = await disabled.wait_for(
                lambda e: e["subject"] == subscriptions["failing"]["id"], timeout=30
            )
            assert "HTTP 503" in event[0]["data"]["reason"]
            await disabled.wait_for(lambda e: e["subject"] == subscriptions["slow"]["id"], timeout=30)
        shown = (
            await notification.get(f"/v1/webhooks/{subscriptions['failing']['id']}", headers=ADMIN)
        ).json()
        assert shown["status"] == "disabled" and "every delivery failed" in shown["disabled_reason"]
        log = (
            await notification.get(f"/v1/webhooks/{subscriptions['failing']['id']}/deliveries", headers=ADMIN)
        ).json()["items"]
        assert {d["status"] for d in log} == {"failed"} and max(d["attempts"] for d in log) >= 2
        assert all(d["last_status_code"] in (503, None) for d in log)
        assert healthy.unverified == 0 and sorted(healthy.ids()) == sorted(e.id for e in first + second)
    finally:
        for receiver in (healthy, failing, slow):
            await receiver.stop()


async def test_rotation_signs_with_both_secrets_during_the_overlap_and_replay_sends_again(
    notification, broker
):
    receiver = await Receiver().start()
    try:
        created = await subscribe(notification, receiver.url, ["ticket-created", "ticket-resolved"])
        old_secret = created["secret"]
        receiver.secrets.append(old_secret)
        customer = new_id("WR")
        before = datetime.now(UTC) - timedelta(seconds=1)
        first = ticket_created(customer)
        await publish(broker.bootstrap, first)
        await eventually(lambda: len(receiver.received) == 1, timeout=20)

        rotated = await notification.post(f"/v1/webhooks/{created['id']}/rotate-secret", headers=ADMIN)
        assert rotated.status_code == 200, rotated.text
        new_secret = rotated.json()["secret"]
        assert new_secret != old_secret and rotated.json()["previous_secret_expires_at"]
        receiver.secrets = [new_secret]  # the receiver switched to the new secret at once
        second = ticket_created(customer)
        await publish(broker.bootstrap, second)
        await eventually(lambda: len(receiver.received) == 2, timeout=20)
        assert receiver.received[-1]["signatures"] == 2 and receiver.unverified == 0

        replay = await notification.post(
            f"/v1/webhooks/{created['id']}/replay", headers=ADMIN, json={"since": format_time(before)}
        )
        assert replay.status_code == 202, replay.text
        assert replay.json()["events"] >= 2
        await eventually(
            lambda: receiver.ids().count(first.id) == 2 and receiver.ids().count(second.id) == 2, timeout=20
        )
        future = await notification.post(
            f"/v1/webhooks/{created['id']}/replay",
            headers=ADMIN,
            json={"since": format_time(datetime.now(UTC) + timedelta(hours=1))},
        )
        assert future.status_code == 422 and future.json()["errors"][0]["field"] == "since"

        assert (await notification.delete(f"/v1/webhooks/{created['id']}", headers=ADMIN)).status_code == 204
        assert (await notification.get(f"/v1/webhooks/{created['id']}", headers=ADMIN)).status_code == 404
        gone = len(receiver.received)
        await publish(broker.bootstrap, ticket_created(customer))
        await asyncio.sleep(2.0)
        assert len(receiver.received) == gone
    finally:
        await receiver.stop()
