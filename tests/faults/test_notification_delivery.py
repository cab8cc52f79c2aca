"""The notification service as real processes (docs/design.md §10): a webhook receiver down for 30 s
loses nothing and holds no one up; a replica killed with SIGKILL mid-batch leaves no message
unsent; two replicas racing over one database never send a message or a webhook twice."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import asyncpg
import httpx

from services.notification.devsink import MailSink
from shared.events.envelope import new_event
from tests.faults.processes import ServiceProcess, asyncpg_dsn, service_env
from tests.integration.notification.helpers import Receiver, iso, new_id, publish
from tests.reliability_results import record
from tests.support import ADMIN, Broker, eventually, free_port

FAST = {
    "CRM_RETRY_BASE_SECONDS": "0.5",
    "CRM_RETRY_MAX_SECONDS": "2",
    "CRM_SEND_LEASE_SECONDS": "15",
    "CRM_MESSAGE_POLL_SECONDS": "0.2",
    "CRM_WEBHOOK_RETRY_BASE_SECONDS": "1",
    "CRM_WEBHOOK_RETRY_MAX_SECONDS": "4",
    "CRM_WEBHOOK_POLL_SECONDS": "0.2",
    "CRM_WEBHOOK_TIMEOUT_SECONDS": "2",
    "CRM_MESSAGE_CONCURRENCY": "8",
    "CRM_SEGMENTATION_BASE_URL": "http://127.0.0.1:9",
    "CRM_SURVEY_BASE_URL": "http://127.0.0.1:9",
    "CRM_FEEDBACK_BASE_URL": "http://127.0.0.1:9",
}
TASK_FORCE = 4
ESCALATIONS = 100  # each reaches every task force member: 400 messages


def escalation(number: int) -> object:
    customer = f"kill-{number % 50}"
    return new_event(
        "ticket-escalated",
        "feedback",
        customer,
        {
            "customer_id": customer,
            "ticket_id": f"T-{number}",
            "priority": "P2",
            "level": 2,
            "metric": "resolution",
            "due_at": iso(),
            "escalated_at": iso(),
        },
        None,
    )


async def _task_force(url: str, tag: str) -> list[str]:
    members = [f"tf-{tag}-{i}" for i in range(TASK_FORCE)]
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        for member in members:
            response = await client.put(
                f"/v1/staff/{member}",
                headers=ADMIN,
                json={"name": member, "email": f"{member}@staff.example", "groups": ["task_force"]},
            )
            assert response.status_code == 201, response.text
    return members


async def _message_statuses(database_url: str) -> Counter:
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        rows = await connection.fetch(
            "SELECT status, count(*) AS n FROM notification.messages GROUP BY status"
        )
    finally:
        await connection.close()
    return Counter({r["status"]: r["n"] for r in rows})


async def test_a_replica_killed_mid_batch_leaves_no_message_unsent_and_resends_only_what_was_in_flight(
    own_database,
):
    broker, sink = Broker(), MailSink(port=free_port()).start()
    broker.start()
    sink.delay = 0.05  # a slow SMTP server: the batch is still going when the process dies
    env = service_env(own_database, broker.bootstrap, CRM_SMTP_PORT=str(sink.port), **FAST)
    first = ServiceProcess("notification", env)
    second = ServiceProcess("notification", env)
    expected = TASK_FORCE * ESCALATIONS
    try:
        await asyncio.to_thread(first.start)
        await _task_force(first.url, "kill")
        await publish(broker.bootstrap, *(escalation(n) for n in range(ESCALATIONS)))
        await eventually(lambda: len(sink.mails) >= expected // 4, timeout=60, interval=0.02)
        first.kill()
        mailed_at_kill = len(sink.mails)
        await asyncio.to_thread(second.start)

        async def all_sent():
            return (await _message_statuses(own_database))["sent"] == expected

        await eventually(all_sent, timeout=120, interval=0.5)
        statuses = await _message_statuses(own_database)
    finally:
        first.stop()
        second.stop()
        sink.stop()
        broker.stop()
    ids = Counter(mail.message_id for mail in sink.mails)
    assert len(ids) == expected and statuses == {"sent": expected}, (len(ids), statuses)
    resent = {message_id: n for message_id, n in ids.items() if n > 1}
    # At least once: what was being sent when the process died may go again, with the same
    # Message-ID (a mail client shows it once); never more than the sends in flight.
    assert sum(n - 1 for n in resent.values()) <= int(FAST["CRM_MESSAGE_CONCURRENCY"]), resent
    assert 0 < mailed_at_kill < expected
    record(
        "faults.notification_kill_mid_batch",
        {
            "messages": expected,
            "mailed_before_kill": mailed_at_kill,
            "mails_received": len(sink.mails),
            "resent_after_kill": sum(n - 1 for n in resent.values()),
            "message_ids": len(ids),
        },
    )


async def test_two_replicas_racing_send_each_message_and_each_webhook_exactly_once(own_database):
    broker, sink, receiver = Broker(), MailSink(port=free_port()).start(), Receiver()
    broker.start()
    await receiver.start()
    sink.delay = 0.01
    env = service_env(own_database, broker.bootstrap, CRM_SMTP_PORT=str(sink.port), **FAST)
    replicas = [ServiceProcess("notification", env), ServiceProcess("notification", env)]
    expected = TASK_FORCE * ESCALATIONS
    try:
        await asyncio.gather(*(asyncio.to_thread(r.start) for r in replicas))
        await _task_force(replicas[0].url, "race")
        async with httpx.AsyncClient(base_url=replicas[1].url, timeout=30) as client:
            created = await client.post(
                "/v1/webhooks", headers=ADMIN, json={"url": receiver.url, "event_types": ["ticket-escalated"]}
            )
            assert created.status_code == 201, created.text
            receiver.secrets.append(created.json()["secret"])
        events = [escalation(n) for n in range(ESCALATIONS)]
        await publish(broker.bootstrap, *events)

        async def settled():
            return (await _message_statuses(own_database))["sent"] == expected and len(
                receiver.received
            ) >= ESCALATIONS

        await eventually(settled, timeout=120, interval=0.5)
        await asyncio.sleep(2)  # a late duplicate would show up now
        sent_by = []
        for replica in replicas:
            metrics = (await asyncio.to_thread(httpx.get, f"{replica.url}/metrics", timeout=10)).text
            sent_by.append(
                sum(
                    float(line.rsplit(" ", 1)[1])
                    for line in metrics.splitlines()
                    if line.startswith("crm_notification_messages_total{") and 'status="sent"' in line
                )
            )
    finally:
        for replica in replicas:
            replica.stop()
        await receiver.stop()
        sink.stop()
        broker.stop()
    ids = Counter(mail.message_id for mail in sink.mails)
    assert len(ids) == expected and max(ids.values()) == 1, ids.most_common(3)
    assert Counter(receiver.ids()) == Counter(e.id for e in events) and receiver.unverified == 0
    assert all(n > 0 for n in sent_by), sent_by  # both replicas took part
    record(
        "faults.notification_two_replicas",
        {
            "messages": expected,
            "mails_received": len(sink.mails),
            "sent_by_replica": sent_by,
            "webhook_events": ESCALATIONS,
            "webhook_requests_received": len(receiver.received),
        },
    )


async def test_a_receiver_down_for_30_seconds_then_back_gets_every_event_and_holds_up_no_one(own_database):
    broker, healthy, flaky = Broker(), Receiver(), Receiver()
    broker.start()
    await healthy.start()
    env = service_env(own_database, broker.bootstrap, CRM_SMTP_PORT="9", **FAST)
    process = ServiceProcess("notification", env)
    published = []
    try:
        await asyncio.to_thread(process.start)
        async with httpx.AsyncClient(base_url=process.url, timeout=30) as client:
            for receiver in (healthy, flaky):
                created = await client.post(
                    "/v1/webhooks",
                    headers=ADMIN,
                    json={"url": receiver.url, "event_types": ["ticket-created"]},
                )
                assert created.status_code == 201, created.text
                receiver.secrets.append(created.json()["secret"])
        # `flaky` is down (nothing listens on its port) while events flow for 30 s.
        customer = new_id("outage")
        down_until = time.monotonic() + 30
        while time.monotonic() < down_until:
            event = new_event(
                "ticket-created",
                "feedback",
                customer,
                {
                    "customer_id": customer,
                    "ticket_id": new_id("T"),
                    "priority": "P2",
                    "type": "problem",
                    "channel": "web",
                    "category": "technical",
                    "created_at": iso(),
                },
                None,
            )
            await publish(broker.bootstrap, event)
            published.append(event.id)
            await asyncio.sleep(0.25)
        received_while_down = set(healthy.ids())
        await flaky.start()
        await eventually(
            lambda: set(flaky.ids()) >= set(published) and set(healthy.ids()) >= set(published),
            timeout=90,
            interval=0.5,
        )
        await asyncio.sleep(2)
    finally:
        process.stop()
        await healthy.stop()
        await flaky.stop()
        broker.stop()
    # The healthy receiver kept getting events while the other was down, each exactly once.
    assert len(received_while_down) >= len(published) // 2, (len(received_while_down), len(published))
    assert Counter(healthy.ids()) == Counter(published)
    # Connections to the down receiver were refused, so no attempt reached it: once each too.
    assert Counter(flaky.ids()) == Counter(published)
    assert healthy.unverified == flaky.unverified == 0
    record(
        "faults.webhook_receiver_down_30s",
        {
            "events": len(published),
            "healthy_received_while_down": len(received_while_down),
            "healthy_received": len(healthy.received),
            "recovered_received": len(flaky.received),
        },
    )
