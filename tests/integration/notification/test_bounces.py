"""docs/design.md §10: a mail server that accepted a message and refuses it later sends a delivery
status notification (RFC 3464) to the message's own envelope sender (VERP). The service takes it
over SMTP (its bounce listener) or over HTTP from a provider that forwards bounces; the message
is bounced with the reason and `message-status-changed` published, as for a refusal at send
time; the same report again changes nothing, and what is not a report is refused.

Reads of staff members' unmasked addresses are audited as reads of customers' contacts are."""

from __future__ import annotations

import asyncio
import re
from typing import ClassVar

import aiosmtplib
import httpx
import pytest
from aiosmtpd.smtp import SMTP

from tests.integration.notification.conftest import BOUNCE_ADDRESS
from tests.integration.notification.helpers import invitation_created, new_id, publish
from tests.integration.notification.test_customer_email import (
    ACCOUNT_MANAGER,
    customer_with_invitation,
    status_of,
)
from tests.support import ADMIN, EventCollector, bearer, eventually, free_port
from tests.unit.notification import dsn_samples

RFC822 = {**ADMIN, "Content-Type": "message/rfc822"}
VERP_DOMAIN = BOUNCE_ADDRESS.partition("@")[2]


async def _sent_invitation(notification, peers, mail_sink, broker) -> tuple[str, dict, str, object]:
    """A customer's invitation accepted by the SMTP server: (customer, message, address, mail)."""
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    address = f"{customer_id.lower()}@customer.example"
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    (mail,) = await eventually(lambda: mail_sink.to(address), timeout=60)
    message = await eventually(lambda: status_of(notification, customer_id, "sent"), timeout=30)
    return customer_id, message, address, mail


async def _deliver_over_smtp(port: int, raw: bytes, to: str) -> None:
    """As the reporting mail server does: null sender (MAIL FROM:<>), to the VERP address."""
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=10) as smtp:
        await smtp.sendmail("", [to], raw)


async def _message(notification, message_id: str) -> dict:
    response = await notification.get(f"/v1/messages/{message_id}", headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_bounce_reported_later_over_smtp_bounces_the_message_once(
    notification, peers, mail_sink, broker, bounce_port
):
    async with EventCollector(broker.bootstrap, ["message-status-changed"]) as statuses:
        customer_id, message, address, mail = await _sent_invitation(notification, peers, mail_sink, broker)
        verp = f"bounces+{message['id']}@{VERP_DOMAIN}"
        assert mail.mail_from == verp  # the envelope sender names the message; From stays ours
        assert mail.headers["From"] == "Customer Care <care@crm-care.example>"

        report = dsn_samples.postfix_hard_bounce(message["id"], verp, address)
        await _deliver_over_smtp(bounce_port, report, verp)
        bounced = await eventually(lambda: status_of(notification, customer_id, "bounced"), timeout=20)
        assert bounced["id"] == message["id"]
        assert bounced["reason"].startswith("DSN failed 5.1.1: 550 5.1.1 <address>: Recipient address")
        assert address not in bounced["reason"]
        (event,) = await statuses.wait_for(
            lambda e: e["subject"] == customer_id and e["data"]["status"] == "bounced"
        )
        assert event["data"]["previous_status"] == "sent" and event["data"]["message_id"] == message["id"]
        assert event["data"]["reason"] == bounced["reason"] and address not in str(event)

        # The reporting server delivers it again (its retry), and a provider forwards it as well.
        await _deliver_over_smtp(bounce_port, report, verp)
        again = await notification.post("/v1/inbound/bounces", headers=RFC822, content=report)
        assert again.status_code == 200, again.text
        assert again.json() == {
            "message_id": message["id"],
            "outcome": "bounced",
            "dsn_status": "5.1.1",
            "changed": False,
            "message_status": "bounced",
        }
        await asyncio.sleep(1.0)  # give a wrongly published second event the time to arrive
    after = await _message(notification, message["id"])
    assert [step["status"] for step in after["history"]].count("bounced") == 1
    mine = [e for e in statuses.events if e["subject"] == customer_id]
    assert [e["data"]["status"] for e in mine] == ["sent", "bounced"]


async def test_the_bounce_listener_refuses_what_it_cannot_apply(notification, bounce_port):
    verp = f"bounces+{'0' * 8}-0000-4000-8000-{'0' * 12}@{VERP_DOMAIN}"
    # Not a report: refused at the end of DATA with a 550.
    with pytest.raises(aiosmtplib.SMTPDataError) as not_a_report:
        await _deliver_over_smtp(bounce_port, dsn_samples.out_of_office(verp), verp)
    assert not_a_report.value.code == 550 and "5.6.0" in not_a_report.value.message
    # A report about a message that does not exist.
    unknown = dsn_samples.postfix_hard_bounce(verp.split("+")[1].split("@")[0], verp, "x@customer.example")
    with pytest.raises(aiosmtplib.SMTPDataError) as no_such_message:
        await _deliver_over_smtp(bounce_port, unknown, verp)
    assert no_such_message.value.code == 550
    # Mail for any other domain is not taken (the listener relays nothing).
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as elsewhere:
        await _deliver_over_smtp(bounce_port, unknown, "someone@customer.example")
    assert elsewhere.value.recipients[0].code == 550


async def test_a_bounce_forwarded_over_http_and_a_delay_noted_once(notification, peers, mail_sink, broker):
    _, message, address, _ = await _sent_invitation(notification, peers, mail_sink, broker)
    verp = f"bounces+{message['id']}@{VERP_DOMAIN}"

    delayed = dsn_samples.postfix_delayed(message["id"], verp, address)
    first = await notification.post("/v1/inbound/bounces", headers=RFC822, content=delayed)
    assert first.status_code == 200, first.text
    assert first.json()["outcome"] == "delayed" and first.json()["changed"] is True
    assert first.json()["message_status"] == "sent"  # a delay is a note, not a status
    second = await notification.post("/v1/inbound/bounces", headers=RFC822, content=delayed)
    assert second.json()["changed"] is False
    notes = [step for step in (await _message(notification, message["id"]))["history"] if "note" in step]
    assert len(notes) == 1 and notes[0]["note"].startswith("DSN delayed 4.4.1")

    # Gmail's report gives the ENVID back and is sent to the plain address here: still found.
    bounce = dsn_samples.gmail_hard_bounce(message["id"], "care@crm-care.example", address)
    applied = await notification.post("/v1/inbound/bounces", headers=RFC822, content=bounce)
    assert applied.status_code == 200, applied.text
    assert applied.json()["outcome"] == "bounced" and applied.json()["changed"] is True
    shown = await _message(notification, message["id"])
    assert shown["status"] == "bounced" and shown["reason"].startswith("DSN failed 5.2.1: 550-5.2.1")
    assert address not in str(shown["history"])


async def test_the_http_intake_refuses_what_is_not_a_report(notification):
    not_a_report = await notification.post(
        "/v1/inbound/bounces", headers=RFC822, content=dsn_samples.out_of_office("care@crm-care.example")
    )
    assert not_a_report.status_code == 422 and not_a_report.json()["errors"][0]["field"] == "body"
    assert "@" not in not_a_report.json()["errors"][0]["message"]
    empty = await notification.post("/v1/inbound/bounces", headers=RFC822, content=b"")
    assert empty.status_code == 422
    wrong_type = await notification.post(
        "/v1/inbound/bounces", headers={**ADMIN, "Content-Type": "text/plain"}, content=b"x"
    )
    assert wrong_type.status_code == 415
    # Authenticated as receipts are: an admin's (the provider's) token only.
    manager = bearer("manager", sub="mgr-bounce")
    refused = await notification.post(
        "/v1/inbound/bounces", headers={**manager, "Content-Type": "message/rfc822"}, content=b"x"
    )
    assert refused.status_code == 403
    anonymous = await notification.post(
        "/v1/inbound/bounces", headers={"Content-Type": "message/rfc822"}, content=b"x"
    )
    assert anonymous.status_code == 401


async def test_reads_of_unmasked_staff_addresses_are_audited(notification):
    staff_id = new_id("staff-audit")
    put = await notification.put(
        f"/v1/staff/{staff_id}",
        headers=ADMIN,
        json={"name": "Zhao Lei", "email": f"{staff_id}@crm-care.example", "groups": ["task_force"]},
    )
    assert put.status_code == 201, put.text

    async def reads() -> list[dict]:
        response = await notification.get(f"/v1/audit?entity=staff-member:{staff_id}", headers=ADMIN)
        assert response.status_code == 200, response.text
        return [r for r in response.json()["items"] if r["action"] == "read-personal-data"]

    masked_reader = bearer("manager", sub="mgr-staff")
    masked = await notification.get("/v1/staff", headers=masked_reader)
    entry = next(m for m in masked.json()["items"] if m["staff_id"] == staff_id)
    assert entry["email"] != f"{staff_id}@crm-care.example"
    assert await reads() == []

    reader = bearer("manager", sub="mgr-pii", permissions=["pii:read"])
    shown = await notification.get("/v1/staff", headers=reader)
    entry = next(m for m in shown.json()["items"] if m["staff_id"] == staff_id)
    assert entry["email"] == f"{staff_id}@crm-care.example"
    (row,) = await reads()
    assert row["actor"] == "mgr-pii" and row["detail"] == {"addresses": 1, "purpose": "staff-directory"}
    assert staff_id + "@" not in str(row)


async def test_the_development_sink_bounces_later_through_the_listener(
    notification, peers, mail_sink, broker, bounce_port
):
    """`make run`: mail to bounce-later.example is accepted, then a DSN comes back over SMTP."""
    mail_sink.dsn_to = ("127.0.0.1", bounce_port)
    customer_id, invitation_id, _ = await customer_with_invitation(
        peers, email=f"{new_id('later')}@bounce-later.example"
    )
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    bounced = await eventually(lambda: status_of(notification, customer_id, "bounced"), timeout=60)
    assert bounced["reason"].startswith("DSN failed 5.1.1: 550 5.1.1 <address>")
    assert bounced["sent_at"] is not None  # accepted first: a bounce reported later
    assert [step["status"] for step in bounced["history"]] == ["queued", "sent", "bounced"]


class _DsnServer(SMTP):
    """A mail server that offers DSN (RFC 3461): keeps the DSN parameters of MAIL and RCPT."""

    seen: ClassVar[list[tuple[str, str]]] = []

    async def smtp_MAIL(self, arg):
        kept = re.sub(r"\s(ENVID|RET)=\S+", "", arg, flags=re.IGNORECASE)
        self.seen.append(("MAIL", arg))
        await super().smtp_MAIL(kept)

    async def smtp_RCPT(self, arg):
        kept = re.sub(r"\s(NOTIFY|ORCPT)=\S+", "", arg, flags=re.IGNORECASE)
        self.seen.append(("RCPT", arg))
        await super().smtp_RCPT(kept)


class _Keep:
    def __init__(self) -> None:
        self.mails: list[tuple[str, list[str]]] = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [*responses[:-1], "250-DSN", responses[-1]]

    async def handle_DATA(self, server, session, envelope):
        self.mails.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


async def test_where_the_server_offers_dsn_the_message_id_goes_as_envid_with_headers_only():
    from services.notification.providers import Outgoing
    from services.notification.providers.email import send_email
    from services.notification.settings import notification_settings

    keep, port = _Keep(), free_port()
    server = await asyncio.get_running_loop().create_server(lambda: _DsnServer(keep), "127.0.0.1", port)
    try:
        settings = notification_settings(smtp_port=port, bounce_address=BOUNCE_ADDRESS)
        message_id = "3f0c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f"
        await send_email(settings, Outgoing(message_id, "email", "li@customer.example", "Hello", "Text"))
    finally:
        server.close()
        await server.wait_closed()
    verp = f"bounces+{message_id}@{VERP_DOMAIN}"
    assert keep.mails == [(verp, ["li@customer.example"])]
    (mail_command,) = [arg for verb, arg in _DsnServer.seen if verb == "MAIL"]
    (rcpt_command,) = [arg for verb, arg in _DsnServer.seen if verb == "RCPT"]
    assert f"ENVID={message_id}" in mail_command and "RET=HDRS" in mail_command
    assert "NOTIFY=FAILURE,DELAY" in rcpt_command


async def test_an_address_that_bounced_is_not_written_to_again_until_it_changes(
    notification, peers, mail_sink, broker
):
    """A hard bounce marks the address undeliverable (kept as a keyed digest, never the address):
    the customer's next message is suppressed with the reason; a new address is written to."""
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    address = f"{customer_id.lower()}@customer.example"
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    await eventually(lambda: mail_sink.to(address), timeout=60)
    message = await eventually(lambda: status_of(notification, customer_id, "sent"), timeout=30)
    bounce = dsn_samples.gmail_hard_bounce(message["id"], "care@crm-care.example", address)
    applied = await notification.post("/v1/inbound/bounces", headers=RFC822, content=bounce)
    assert applied.status_code == 200 and applied.json()["outcome"] == "bounced", applied.text

    # The same invitation announced again (a new event, so a new message to the customer).
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    suppressed = await eventually(lambda: status_of(notification, customer_id, "suppressed"), timeout=60)
    assert suppressed["reason"].startswith("the address bounced on ")
    assert "until the contact's address changes" in suppressed["reason"]
    assert address not in suppressed["reason"]
    assert len(mail_sink.to(address)) == 1  # only the first message reached the server

    new_address = f"new-{customer_id.lower()}@customer.example"
    async with httpx.AsyncClient(base_url=peers["segmentation"]) as segmentation:
        changed = await segmentation.put(f"/v1/customers/{customer_id}", headers=ACCOUNT_MANAGER, json={
            "name": "Notify Co", "industry": "retail", "growth_pct": 3, "owner": "am-notify",
            "contacts": [{"name": "王芳", "phone": "13911112222", "email": new_address}]})
        assert changed.status_code == 200, changed.text
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    assert await eventually(lambda: mail_sink.to(new_address), timeout=60)
