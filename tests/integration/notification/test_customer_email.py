"""docs/design.md §10: a survey invitation reaches the customer by e-mail over real SMTP, with a signed
tracking link and a one-click unsubscribe; the address and the link are fetched at send time."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from tests.integration.notification.helpers import invitation_created, new_id, publish
from tests.support import ADMIN, EventCollector, bearer, eventually

ACCOUNT_MANAGER = bearer("account_manager", sub="am-notify")
MANAGER = bearer("manager", sub="mgr-notify")  # no pii:read: texts are masked


async def customer_with_invitation(peers, email: str | None = None) -> tuple[str, str, str]:
    """A customer in segmentation with one contact, invited in survey: (customer, invitation, url)."""
    customer_id = new_id("NC")
    email = email or f"{customer_id.lower()}@customer.example"
    async with httpx.AsyncClient(base_url=peers["segmentation"]) as segmentation:
        created = await segmentation.put(
            f"/v1/customers/{customer_id}",
            headers=ACCOUNT_MANAGER,
            json={
                "name": "Notify Co",
                "industry": "retail",
                "growth_pct": 3,
                "owner": "am-notify",
                "contacts": [{"name": "王芳", "phone": "13911112222", "email": email}],
            },
        )
        assert created.status_code == 201, created.text
    async with httpx.AsyncClient(base_url=peers["survey"]) as survey:
        invited = await survey.post(
            "/v1/surveys/default/invitations", headers=MANAGER, json={"customer_ids": [customer_id]}
        )
        assert invited.status_code == 201, invited.text
    item = invited.json()["items"][0]
    return customer_id, item["id"], item["url"]


async def messages_of(notification, customer_id: str) -> list[dict]:
    response = await notification.get("/v1/messages", params={"customer_id": customer_id}, headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def status_of(notification, customer_id: str, wanted: str) -> dict | None:
    found = [m for m in await messages_of(notification, customer_id) if m["status"] == wanted]
    return found[0] if found else None


async def test_an_invitation_arrives_by_smtp_tracked_with_one_click_unsubscribe(
    notification, peers, mail_sink, broker
):
    customer_id, invitation_id, answer_url = await customer_with_invitation(peers)
    address = f"{customer_id.lower()}@customer.example"
    async with EventCollector(broker.bootstrap, ["message-status-changed"]) as statuses:
        event = invitation_created(customer_id, invitation_id)
        await publish(broker.bootstrap, event, event)  # delivered twice: one message, one mail
        # The package's first test: the service's consumer starts from the earliest offset and first
        # works through every invitation the run's earlier tests published (a lookup each).
        (mail,) = await eventually(lambda: mail_sink.to(address), timeout=180)
        message = await eventually(lambda: status_of(notification, customer_id, "sent"))
        assert mail.subject == "邀请您参与满意度调研"  # zh-CN, the default language
        assert mail.message_id == f"<{message['id']}@crm-care.notification>"
        assert "王芳" in mail.text and answer_url not in mail.text  # the link is the tracked one
        # RFC 8058 one-click unsubscribe, and the same link in the text.
        unsubscribe = mail.headers["List-Unsubscribe"].strip("<>")
        assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert unsubscribe in mail.text and "/v1/track/open/" in mail.html

        click = next(word for word in mail.text.split() if "/v1/track/click/" in word)
        followed = await notification.get(urlsplit(click).path + "?" + urlsplit(click).query)
        assert followed.status_code == 302 and followed.headers["location"] == answer_url
        forged = await notification.get(urlsplit(click).path, params={"u": "https://evil.example", "s": "x"})
        assert forged.status_code == 200 and "location" not in forged.headers
        await eventually(lambda: status_of(notification, customer_id, "clicked"))
        await statuses.wait_for(lambda e: e["subject"] == customer_id and e["data"]["status"] == "clicked")

        # One click on the unsubscribe link (as a mail client POSTs it) opts out of e-mail.
        assert (await notification.post(urlsplit(unsubscribe).path)).status_code == 200
        preferences = (
            await notification.get(f"/v1/contacts/{customer_id}/preferences", headers=ADMIN)
        ).json()
        assert preferences["opted_out"] == ["email"]
        again = invitation_created(customer_id, invitation_id, kind="reminder")
        await publish(broker.bootstrap, again)
        suppressed = await eventually(lambda: status_of(notification, customer_id, "suppressed"))
        assert suppressed["reason"] == "opted out of email" and suppressed["template"] == "survey-reminder"
        await statuses.wait_for(lambda e: e["subject"] == customer_id and e["data"]["status"] == "suppressed")
    assert len(mail_sink.to(address)) == 1
    mine = [e for e in statuses.events if e["subject"] == customer_id]
    assert [e["data"]["status"] for e in mine] == ["sent", "clicked", "suppressed"]
    assert address not in str(mine) and "13911112222" not in str(mine)


async def test_message_texts_are_shown_only_to_callers_who_may_read_personal_data(
    notification, peers, mail_sink, broker
):
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    message = await eventually(lambda: status_of(notification, customer_id, "sent"), timeout=30)
    full = (await notification.get(f"/v1/messages/{message['id']}", headers=ADMIN)).json()
    assert "王芳" in full["body"]
    masked = (await notification.get(f"/v1/messages/{message['id']}", headers=MANAGER)).json()
    assert masked["body"] is None and masked["subject"] is None and masked["status"] == "sent"


async def test_the_contacts_language_chooses_the_template(notification, peers, mail_sink, broker):
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    put = await notification.put(
        f"/v1/contacts/{customer_id}/preferences", headers=MANAGER, json={"language": "en"}
    )
    assert put.status_code == 200, put.text
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    (mail,) = await eventually(lambda: mail_sink.to(f"{customer_id.lower()}@customer.example"), timeout=30)
    assert mail.subject == "How are we doing? A few minutes of your time"
    assert "Unsubscribe with one click" in mail.text


async def test_a_refused_mailbox_is_a_bounce_and_an_smtp_outage_loses_nothing(
    notification, peers, mail_sink, broker
):
    bounced_id, bounced_invitation, _ = await customer_with_invitation(peers)
    mail_sink.refused.add(f"{bounced_id.lower()}@customer.example")
    await publish(broker.bootstrap, invitation_created(bounced_id, bounced_invitation))
    bounced = await eventually(lambda: status_of(notification, bounced_id, "bounced"), timeout=30)
    assert "550" in bounced["reason"]

    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    mail_sink.stop()
    try:
        await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))

        async def retried():
            queued = await status_of(notification, customer_id, "queued")
            return queued if queued and queued["attempts"] >= 2 else None

        waiting = await eventually(retried, timeout=30)
        assert waiting["last_error"]
    finally:
        mail_sink.start()
    await eventually(lambda: status_of(notification, customer_id, "sent"), timeout=30)
    assert len(mail_sink.to(f"{customer_id.lower()}@customer.example")) == 1


async def test_a_resolved_ticket_tells_the_customer_the_solution_and_improvement(
    notification, peers, mail_sink, broker
):
    from shared.events.envelope import new_event
    from tests.integration.notification.helpers import iso

    customer_id, _, _ = await customer_with_invitation(peers)
    agent = bearer("agent", sub="agent-notify", team="billing-team")  # where a billing ticket goes
    async with httpx.AsyncClient(base_url=peers["feedback"]) as feedback:
        ticket = (
            await feedback.post(
                "/v1/tickets",
                headers=agent,
                json={
                    "customer_id": customer_id,
                    "channel": "email",
                    "type": "complaint",
                    "category": "billing",
                    "description": "Invoice charged twice",
                },
            )
        ).json()
        await feedback.post(f"/v1/tickets/{ticket['id']}/responses", headers=agent, json={"message": "on it"})
        resolved = await feedback.post(
            f"/v1/tickets/{ticket['id']}/resolve",
            headers=agent,
            json={
                "solution": "The second charge was refunded.",
                "improvement": "Invoices are now checked twice.",
            },
        )
        assert resolved.status_code == 200, resolved.text
        # The narrow endpoint is the service identity's alone: an agent's token is refused.
        assert (
            await feedback.get(f"/v1/tickets/{ticket['id']}/resolution", headers=agent)
        ).status_code == 403
    await publish(
        broker.bootstrap,
        new_event(
            "ticket-resolved",
            "feedback",
            customer_id,
            {
                "customer_id": customer_id,
                "ticket_id": ticket["id"],
                "priority": ticket["priority"],
                "resolved_at": iso(),
            },
            None,
        ),
    )
    (mail,) = await eventually(lambda: mail_sink.to(f"{customer_id.lower()}@customer.example"), timeout=30)
    assert ticket["id"] in mail.subject
    assert "The second charge was refunded." in mail.text and "Invoices are now checked twice." in mail.text
