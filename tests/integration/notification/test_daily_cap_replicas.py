"""docs/design.md §10: the daily cap per customer holds across replicas. Two notification replicas
share one database and race over one customer's messages; each sends through its own slow SMTP
server, so both have a message in flight at once. Exactly the cap goes out, the rest wait for the
next business morning with the reason."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
import pytest

from services.notification.app import create_app
from services.notification.devsink import MailSink
from services.notification.settings import notification_settings
from tests.integration.notification.conftest import FAST
from tests.integration.notification.helpers import invitation_created, publish
from tests.integration.notification.test_customer_email import ACCOUNT_MANAGER, customer_with_invitation
from tests.support import ADMIN, eventually, free_port, running_service

CAP = 3
REMINDERS = 8


@pytest.fixture
def slow_sinks():
    """One SMTP server per replica; a second per mail keeps each replica's send in flight while
    the other claims the customer's next message."""
    sinks = [MailSink(port=free_port()).start() for _ in range(2)]
    for sink in sinks:
        sink.delay = 1.0
    yield sinks
    for sink in sinks:
        sink.stop()


def replica(platform_config, own_database, prefix, peers, sink):
    settings = notification_settings(
        **{
            **platform_config,
            **FAST,
            "database_url": own_database,
            "kafka_topic_prefix": prefix,
            "message_poll_seconds": 0.1,
        },
        smtp_port=sink.port,
        segmentation_base_url=peers["segmentation"],
        survey_base_url=peers["survey"],
        feedback_base_url=peers["feedback"],
        daily_cap_per_customer=CAP,
        message_batch_size=1,  # one message per claim (FAST keeps quiet hours out of the way)
    )
    return create_app(settings)


async def test_two_replicas_sending_to_one_customer_at_once_send_no_more_than_the_daily_cap(
    platform_config, own_database, broker, peers, slow_sinks
):
    prefix = f"cap{uuid.uuid4().hex[:8]}."
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    address = f"{customer_id.lower()}@customer.example"
    first_app = replica(platform_config, own_database, prefix, peers, slow_sinks[0])
    second_app = replica(platform_config, own_database, prefix, peers, slow_sinks[1])
    async with running_service(first_app) as first, running_service(second_app):
        reminders = [
            invitation_created(customer_id, invitation_id, kind="reminder", reminder_number=1 + n % 2)
            for n in range(REMINDERS)
        ]
        await publish(broker.bootstrap, *reminders, prefix=prefix)

        async def settled():
            items = (
                await first.get("/v1/messages", params={"customer_id": customer_id}, headers=ADMIN)
            ).json()["items"]
            held = [
                m
                for m in items
                if m["status"] == "queued"
                and m["next_attempt_at"]
                # Held until the next business morning: with quiet hours off (FAST) that is the next
                # midnight in business time, less than an hour away late in the evening.
                and datetime.fromisoformat(m["next_attempt_at"]) > datetime.now(UTC)
            ]
            sent = [m for m in items if m["status"] == "sent"]
            return items if len(items) == REMINDERS and len(held) + len(sent) == REMINDERS else None

        items = await eventually(settled, timeout=90, interval=0.2)
    statuses = sorted(m["status"] for m in items)
    assert statuses == ["queued"] * (REMINDERS - CAP) + ["sent"] * CAP, statuses
    held = [m for m in items if m["status"] == "queued"]
    assert all(f"daily cap: at most {CAP} messages a day" in m["reason"] for m in held), held
    mailed = [len(sink.to(address)) for sink in slow_sinks]
    assert sum(mailed) == CAP, mailed
    # Both replicas sent to the customer: the cap was decided by two processes racing, not one.
    assert all(n > 0 for n in mailed), mailed


async def test_a_message_that_fails_to_go_out_gives_its_place_under_the_cap_back(
    platform_config, own_database, broker, peers, slow_sinks
):
    """A send the SMTP server refuses for good (bounced), and the messages then suppressed because
    the address bounced, do not count: the cap counts what went."""
    prefix = f"cap{uuid.uuid4().hex[:8]}."
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    address = f"{customer_id.lower()}@customer.example"
    for sink in slow_sinks:
        sink.delay = 0.0
        sink.refused.add(address)
    app = replica(platform_config, own_database, prefix, peers, slow_sinks[0])
    async with running_service(app) as notification:
        await publish(
            broker.bootstrap,
            *(invitation_created(customer_id, invitation_id, kind="reminder") for _ in range(CAP)),
            prefix=prefix,
        )

        async def none_went():
            items = (
                await notification.get("/v1/messages", params={"customer_id": customer_id}, headers=ADMIN)
            ).json()["items"]
            done = len(items) == CAP and all(m["status"] in ("bounced", "suppressed") for m in items)
            return items if done else None

        items = await eventually(none_went, timeout=60, interval=0.2)
        assert "bounced" in {m["status"] for m in items}, items
        # The customer gets a new address: the next message goes out today, the cap is untouched.
        new_address = f"new-{address}"
        async with httpx.AsyncClient(base_url=peers["segmentation"]) as segmentation:
            changed = await segmentation.put(f"/v1/customers/{customer_id}", headers=ACCOUNT_MANAGER, json={
                "name": "Notify Co", "industry": "retail", "growth_pct": 3, "owner": "am-notify",
                "contacts": [{"name": "王芳", "phone": "13911112222", "email": new_address}]})
            assert changed.status_code == 200, changed.text
        await publish(broker.bootstrap, invitation_created(customer_id, invitation_id), prefix=prefix)
        await eventually(lambda: slow_sinks[0].to(new_address), timeout=60, interval=0.2)
