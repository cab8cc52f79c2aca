"""`make run` as a newcomer gets it: SQLite files, the embedded broker, demo data, real HTTP."""

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from tests.support import EventCollector, eventually, free_port

pytestmark = pytest.mark.smoke


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    """The launcher in a subprocess with nothing configured but free ports and a fresh data dir."""
    data_dir = tmp_path_factory.mktemp("embedded")
    ports = {name: free_port() for name in ("segmentation", "survey", "feedback", "playbook", "notification")}
    broker_port, console_port, sink_port = free_port(), free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    env.update({f"CRM_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    env["CRM_CONSOLE_PORT"] = str(console_port)
    env.update({"CRM_DATA_DIR": str(data_dir), "CRM_EMBEDDED_BROKER_PORT": str(broker_port),
                "CRM_MAIL_SINK_SMTP_PORT": str(free_port()), "CRM_MAIL_SINK_PORT": str(sink_port)})
    process = subprocess.Popen(
        [sys.executable, "-m", "shared.launcher"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )
    lines = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        lines.append(line)
        if line.startswith("ready"):
            break
    assert lines and lines[-1].startswith("ready"), "".join(lines)
    token = next(line.split()[-1] for line in lines if "admin token" in line)
    yield {"ports": ports, "broker": f"127.0.0.1:{broker_port}", "token": token, "console": console_port,
           "sink_port": sink_port,
           "data_dir": data_dir, "output": "".join(lines)}
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def test_every_service_answers_on_its_port_with_docs(platform):
    for name, port in platform["ports"].items():
        if f"{name}" not in platform["output"]:
            continue
        assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/docs", timeout=10).status_code == 200
    assert (platform["data_dir"] / "segmentation.db").exists()


async def test_demo_data_holds_the_worked_examples_and_a_rescore_reaches_a_consumer(platform):
    base = f"http://127.0.0.1:{platform['ports']['segmentation']}"
    headers = {"Authorization": f"Bearer {platform['token']}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        tiers = {}
        for customer_id in ("cust-a", "cust-b", "cust-c"):
            body = (await client.get(f"/v1/customers/{customer_id}")).json()
            tiers[customer_id] = (body["score"]["value"], body["score"]["tier"])
        assert tiers["cust-a"][1] == "VIP" and abs(tiers["cust-a"][0] - 93.1) <= 1
        assert tiers["cust-b"][1] == "Key" and abs(tiers["cust-b"][0] - 75.0) <= 1
        assert tiers["cust-c"][1] == "Observation" and abs(tiers["cust-c"][0] - 44.4) <= 1
        async with EventCollector(platform["broker"], ["score-updated"]) as events:
            response = await client.post("/v1/customers/cust-b/rescore")
            assert response.status_code == 200
            await events.wait_for(lambda e: e["subject"] == "cust-b" and e["data"]["reason"] == "rescore",
                                  timeout=30)


async def test_the_demo_tickets_and_survey_answers_carry_their_customers_tiers(platform):
    """The other demos load right after segmentation's, while its scores are still on their way:
    every demo ticket still has its customer's tier (SLA rows of tier and priority) and the survey's
    answers are grouped under real tiers, so the console's queue and dashboard show them."""
    headers = {"Authorization": f"Bearer {platform['token']}"}
    ports = platform["ports"]
    async with httpx.AsyncClient(headers=headers, timeout=30) as client:

        async def tickets_with_tiers():
            items = (await client.get(f"http://127.0.0.1:{ports['feedback']}/v1/tickets")).json()["items"]
            tiered = items and all(t["tier"] and t["sla"]["policy"]["tier_row"] for t in items)
            return items if tiered else None

        # On a loaded machine the last scores may still be on their way when the page is first read.
        assert await eventually(tickets_with_tiers, timeout=60)
        results = (
            await client.get(f"http://127.0.0.1:{ports['survey']}/v1/surveys/default/results")
        ).json()
    answered = {g["group"]: g["responses"] for g in results["groups"] if g["responses"]}
    assert set(answered) == {"Key", "Regular", "Observation"} and sum(answered.values()) == 6, answered


async def test_the_demo_webhook_receiver_gets_signed_ticket_events_and_the_mail_sink_lists_mail(platform):
    """docs/design.md §10 under `make run`: the local receiver subscribed by the demo verifies each
    signature with the Standard Webhooks reference library; the sink's page lists the mail sent."""
    sink = f"http://127.0.0.1:{platform['sink_port']}"

    async def signed_ticket_created():
        async with httpx.AsyncClient(timeout=10) as client:
            received = (await client.get(f"{sink}/webhooks.json")).json()
        return [r for r in received if r["type"] == "ticket-created" and r["verified"]]

    assert await eventually(signed_ticket_created, timeout=60)
    # Staff hear of the care actions the demo's events create (customers, of their invitations).
    async with httpx.AsyncClient(base_url=sink, timeout=10) as client:

        async def mail_sent():
            return (await client.get("/mail.json")).json()

        assert await eventually(mail_sent, timeout=60)
        page = await client.get("/")
    assert page.status_code == 200 and "Mail sink" in page.text


async def test_a_subscription_made_as_the_readme_shows_replays_the_last_hour_to_the_local_receiver(platform):
    """The README's webhook walk: subscribe the local receiver, hand it the secret shown once, replay
    the last hour; every delivery is accepted and its signature checked."""
    from datetime import UTC, datetime, timedelta

    sink = f"http://127.0.0.1:{platform['sink_port']}"
    notification = f"http://127.0.0.1:{platform['ports']['notification']}"
    headers = {"Authorization": f"Bearer {platform['token']}"}
    async with httpx.AsyncClient(base_url=notification, headers=headers, timeout=30) as client:
        created = await client.post(
            "/v1/webhooks", json={"url": f"{sink}/webhook", "event_types": ["tier-changed"]}
        )
        assert created.status_code == 201, created.text
        subscription = created.json()
        handed = await client.post(f"{sink}/webhook-secrets", json={"secret": subscription["secret"]})
        assert handed.status_code == 204
        since = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
        replay = await client.post(f"/v1/webhooks/{subscription['id']}/replay", json={"since": since})
        assert replay.status_code in (200, 202) and replay.json()["events"] > 0, replay.text

        async def delivered():
            items = (await client.get(f"/v1/webhooks/{subscription['id']}/deliveries")).json()["items"]
            done = len(items) == replay.json()["events"] and all(d["status"] == "delivered" for d in items)
            return items if done else None

        deliveries = await eventually(delivered, timeout=60)
        received = (await client.get(f"{sink}/webhooks.json")).json()
    assert {d["last_status_code"] for d in deliveries} == {204}
    tier_changes = [r for r in received if r["type"] == "tier-changed"]
    assert tier_changes and all(r["verified"] for r in tier_changes)


async def test_a_demo_agent_works_a_ticket_in_the_console_from_the_queue_to_resolution(platform):
    """What the README promises: open the console, sign in as the demo agent, resolve a ticket."""
    import re

    addresses = [line for line in platform["output"].splitlines() if "http://" in line]
    assert addresses[0].split()[:2] == ["console", f"http://127.0.0.1:{platform['console']}"]
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{platform['console']}", timeout=30) as browser:
        login = await browser.get("/")
        assert login.status_code == 303 and login.headers["location"].startswith("/login")
        page = await browser.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        signed_in = await browser.post("/login/demo", data={"csrf_token": token, "subject": "agent-zhang"})
        assert signed_in.headers["location"] == "/tickets"
        queue = await browser.get("/tickets")
        ticket_ids = re.findall(r'data-ticket="([^"]+)"', queue.text)
        assert ticket_ids, "the demo tickets are in the queue"
        ticket = f"/tickets/{ticket_ids[-1]}"
        detail = await browser.get(ticket)
        token = re.search(r'name="csrf_token" value="([^"]+)"', detail.text).group(1)
        # A new ticket is answered before it can be resolved (the life cycle refuses otherwise).
        replied = await browser.post(f"{ticket}/reply", data={
            "csrf_token": token, "message": "We are looking into it", "channel": "email"})
        assert replied.status_code == 303, replied.text
        resolved = await browser.post(f"{ticket}/resolve", data={
            "csrf_token": token, "solution": "Fixed the approval flow",
            "improvement": "Alert on stuck flows"})
        assert resolved.status_code == 303, resolved.text
        assert 'data-status="resolved"' in (await browser.get(ticket)).text
