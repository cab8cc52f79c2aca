"""docs/design.md §6 and §10: the notification service's message statuses feed the contact log, so three
unopened messages pause the channel without anyone typing outcomes in; manual recording stays."""

import uuid
from datetime import UTC, datetime, timedelta

from shared.rfc3339 import format_time
from tests.integration.playbook.helpers import publish
from tests.support import bearer, eventually

AM = bearer("account_manager", sub="am-li")
MANAGER = bearer("manager", sub="mgr-1")  # reads and works on any customer


def status(customer_id: str, message_id: str, value: str, minutes_ago: int = 0) -> dict:
    return {
        "message_id": message_id,
        "channel": "email",
        "status": value,
        "previous_status": None,
        "template": "care-message",
        "changed_at": format_time(datetime.now(UTC) - timedelta(minutes=minutes_ago)),
    }


async def paused_channels(playbook, customer_id: str) -> list[str] | None:
    """None until the first contact outcome arrived (no plan yet)."""
    response = await playbook.get(f"/v1/customers/{customer_id}/plan", headers=MANAGER)
    if response.status_code == 404:
        return None
    return [p["channel"] for p in response.json()["contact"]["paused_channels"]]


async def test_three_unopened_messages_pause_email_and_an_open_lifts_the_pause(
    playbook, producer, customer_id
):
    messages = [str(uuid.uuid4()) for _ in range(3)]
    for age, message_id in zip((30, 20, 10), messages, strict=True):
        await publish(
            producer, "message-status-changed", customer_id, status(customer_id, message_id, "sent", age)
        )
    # The same status delivered twice, and a status that never reached the customer, change nothing.
    duplicate = await publish(
        producer, "message-status-changed", customer_id, status(customer_id, messages[0], "delivered", 25)
    )
    await publish(
        producer, "message-status-changed", customer_id, status(customer_id, str(uuid.uuid4()), "suppressed")
    )
    assert duplicate["data"]["status"] == "delivered"

    async def paused():
        return await paused_channels(playbook, customer_id) == ["email"]

    await eventually(paused)
    await publish(producer, "message-status-changed", customer_id, status(customer_id, messages[1], "opened"))

    async def lifted():
        return await paused_channels(playbook, customer_id) == []

    await eventually(lifted)


async def test_a_bounced_message_is_not_an_unopened_contact_and_manual_outcomes_still_count(
    playbook, producer, customer_id
):
    messages = [str(uuid.uuid4()) for _ in range(3)]
    for age, message_id in zip((30, 20, 10), messages, strict=True):
        await publish(
            producer, "message-status-changed", customer_id, status(customer_id, message_id, "sent", age)
        )

    async def paused():
        return await paused_channels(playbook, customer_id) == ["email"]

    await eventually(paused)
    await publish(
        producer, "message-status-changed", customer_id, status(customer_id, messages[2], "bounced")
    )

    async def lifted():
        return await paused_channels(playbook, customer_id) == []

    await eventually(lifted)
    manual = await playbook.post(
        f"/v1/customers/{customer_id}/contacts", headers=MANAGER, json={"channel": "email", "opened": False}
    )
    assert manual.status_code == 201 and manual.json()["channel_paused"] is True
