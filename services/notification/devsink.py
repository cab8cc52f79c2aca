"""Development sinks for `make run` and the tests: an SMTP server that keeps every mail it
receives (aiosmtpd), a webhook receiver that verifies Standard Webhooks signatures with the
spec's reference library, and one page listing both. Never for production: it keeps mail in
memory and shows it to anyone who can reach the port (bound to 127.0.0.1 by default).

Bounces: an address in `refused` is refused at RCPT (a bounce at send time); one in `bounce_later`
or at the domain `bounce-later.example` is accepted, and a moment later the sink sends a delivery
status notification (RFC 3464, Postfix style) to the mail's envelope sender at `dsn_to` (the
notification service's bounce listener), as a real mail server does when a mailbox turns out not
to exist after it took the mail.

    python -m services.notification.devsink --smtp-port 1025 --http-port 8025 --dsn-to 127.0.0.1:1026
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import formatdate, make_msgid
from typing import Any

import aiosmtplib
from aiosmtpd.controller import Controller
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    subject: str
    message_id: str
    text: str
    html: str | None
    headers: dict[str, str]
    received_at: float = field(default_factory=time.time)


class _Keeper:
    def __init__(self, sink: MailSink) -> None:
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.sink.refused:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        mail = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        text = mail.get_body(preferencelist=("plain",))
        rich = mail.get_body(preferencelist=("html",))
        with self.sink.lock:
            self.sink.mails.append(
                ReceivedMail(
                    mail_from=envelope.mail_from,
                    rcpt_tos=list(envelope.rcpt_tos),
                    subject=str(mail["Subject"]),
                    message_id=str(mail["Message-ID"]),
                    text=text.get_content() if text else "",
                    html=rich.get_content() if rich else None,
                    headers={k: str(v) for k, v in mail.items()},
                )
            )
        later = [a for a in envelope.rcpt_tos if self.sink.bounces_later(a)]
        if later and self.sink.dsn_to and envelope.mail_from:
            task = asyncio.get_running_loop().create_task(
                # The headers as they came (encoded words kept): returned in the report.
                self.sink.report_later(envelope.mail_from, later, message_from_bytes(
                    envelope.original_content or envelope.content, policy=policy.compat32))
            )
            self.sink.pending.add(task)
            task.add_done_callback(self.sink.pending.discard)
        return "250 Message accepted for delivery"


BOUNCE_LATER_DOMAIN = "bounce-later.example"


def delivery_report(reporting_host: str, to: str, recipient: str, original: Message) -> EmailMessage:
    """A Postfix-style DSN: the mailbox does not exist (5.1.1), the original headers returned."""
    report = EmailMessage()
    report["From"] = f"MAILER-DAEMON@{reporting_host} (Mail Delivery System)"
    report["To"] = to
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report["Date"] = formatdate(localtime=True)
    report["Message-ID"] = make_msgid(domain=reporting_host)
    report["Auto-Submitted"] = "auto-replied"
    report.set_content(f"This is the mail system at host {reporting_host}.\n\nYour message could not "
                       f"be delivered to <{recipient}>: user unknown.\n")
    report.make_mixed()
    report.replace_header("Content-Type", "multipart/report; report-type=delivery-status")
    report.set_boundary(f"dsn-{int(time.time() * 1000)}")
    status = Message()
    status.set_type("message/delivery-status")
    fields = (f"Reporting-MTA: dns; {reporting_host}\n\nFinal-Recipient: rfc822; {recipient}\n"
              f"Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <{recipient}>: "
              "Recipient address rejected: User unknown in local recipient table\n")
    status.set_payload([message_from_bytes(chunk.encode()) for chunk in fields.split("\n\n")])
    report.attach(status)
    headers = Message()
    headers.set_type("text/rfc822-headers")
    headers.set_payload("".join(f"{k}: {v}\n" for k, v in original.items() if k in ("From", "To", "Subject",
                                                                                    "Date", "Message-ID")))
    report.attach(headers)
    return report


class MailSink:
    """A real SMTP server on host:port keeping what it receives; addresses in `refused` bounce."""

    def __init__(self, host: str = "127.0.0.1", port: int = 1025) -> None:
        self.host, self.port = host, port
        self.mails: list[ReceivedMail] = []
        self.refused: set[str] = set()
        self.bounce_later: set[str] = set()  # accepted, then a DSN is sent back to dsn_to
        self.dsn_to: tuple[str, int] | None = None
        self.reports_sent = 0
        self.pending: set[asyncio.Task] = set()
        self.delay = 0.0  # seconds before each mail is accepted (a slow server, for the tests)
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    def start(self) -> MailSink:
        self.controller = Controller(_Keeper(self), hostname=self.host, port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def bounces_later(self, address: str) -> bool:
        return address in self.bounce_later or address.lower().endswith("@" + BOUNCE_LATER_DOMAIN)

    async def report_later(self, envelope_sender: str, recipients: list[str], original: Message) -> None:
        """Send a DSN per recipient to the envelope sender, tried again while the listener answers
        4xx (the message not yet recorded as sent); a refusal or no listener is printed, not raised."""
        assert self.dsn_to is not None
        await asyncio.sleep(0.5)
        for recipient in recipients:
            report = delivery_report("sink.localhost", envelope_sender, recipient, original)
            for _ in range(10):
                try:
                    host, port = self.dsn_to
                    async with aiosmtplib.SMTP(hostname=host, port=port, timeout=10) as smtp:
                        await smtp.sendmail("", [envelope_sender], report.as_bytes())
                    self.reports_sent += 1
                    break
                except aiosmtplib.SMTPResponseException as exc:
                    if not 400 <= exc.code < 500:
                        print(f"delivery report refused: {exc.code} {exc.message}", flush=True)
                        break
                except (aiosmtplib.SMTPException, OSError, ValueError) as exc:
                    print(f"delivery report not sent: {type(exc).__name__}", flush=True)
                    break
                await asyncio.sleep(1.0)

    def to(self, address: str) -> list[ReceivedMail]:
        with self.lock:
            return [m for m in self.mails if address in m.rcpt_tos]


class WebhookInbox:
    """Receives webhook POSTs and checks each signature against the secrets it was given."""

    def __init__(self) -> None:
        self.secrets: list[str] = []
        self.received: list[dict[str, Any]] = []

    async def receive(self, request: Request) -> Response:
        body = await request.body()
        verified = False
        for secret in self.secrets:
            try:
                Webhook(secret).verify(body, dict(request.headers))
                verified = True
                break
            except WebhookVerificationError:
                continue
        try:
            envelope = json.loads(body)
        except ValueError:
            envelope = {}
        self.received.append(
            {
                "webhook_id": request.headers.get("webhook-id"),
                "type": envelope.get("type"),
                "subject": envelope.get("subject"),
                "verified": verified,
                "at": time.time(),
            }
        )
        return Response(status_code=204 if verified else 401)

    async def add_secret(self, request: Request) -> Response:
        self.secrets.append((await request.json())["secret"])
        return Response(status_code=204)


UNVERIFIED = "NOT VERIFIED (refused 401: signed with a secret this receiver was not given)"


def sink_app(mails: MailSink, inbox: WebhookInbox) -> Starlette:
    async def page(request: Request) -> HTMLResponse:
        rows = "".join(
            f"<tr><td>{time.strftime('%H:%M:%S', time.localtime(m.received_at))}</td>"
            f"<td>{html.escape(', '.join(m.rcpt_tos))}</td><td>{html.escape(m.subject)}</td>"
            f"<td><pre>{html.escape(m.text)}</pre></td></tr>"
            for m in reversed(mails.mails)
        )
        hooks = "".join(
            f"<tr><td>{time.strftime('%H:%M:%S', time.localtime(h['at']))}</td>"
            f"<td>{html.escape(str(h['type']))}</td><td>{html.escape(str(h['subject']))}</td>"
            f"<td>{'signed ✓' if h['verified'] else UNVERIFIED}</td></tr>"
            for h in reversed(inbox.received)
        )
        return HTMLResponse(
            "<!doctype html><meta charset='utf-8'><title>Sent mail and webhooks (development)</title>"
            "<meta http-equiv='refresh' content='5'><style>body{font-family:sans-serif;margin:1.5em}"
            "td{border-top:1px solid #ddd;padding:.3em .6em;vertical-align:top}"
            "pre{white-space:pre-wrap;margin:0}</style><h1>Mail sink</h1>"
            "<p>Every e-mail the notification service sent while running locally.</p>"
            f"<table><tr><th>time</th><th>to</th><th>subject</th><th>text</th></tr>{rows}</table>"
            "<h1>Webhook receiver</h1><p>Deliveries to <code>/webhook</code>, each signature checked with "
            "the Standard Webhooks reference library against the secrets this receiver was given: the "
            "demo subscription's, and any other posted as <code>{\"secret\": \"whsec_...\"}</code> to "
            "<code>/webhook-secrets</code>.</p><table><tr><th>time</th><th>type</th>"
            f"<th>subject</th><th>signature</th></tr>{hooks}</table>"
        )

    async def mail_json(request: Request) -> JSONResponse:
        return JSONResponse([m.__dict__ for m in mails.mails])

    async def hooks_json(request: Request) -> JSONResponse:
        return JSONResponse(inbox.received)

    return Starlette(
        routes=[
            Route("/", page),
            Route("/mail.json", mail_json),
            Route("/webhooks.json", hooks_json),
            Route("/webhook", inbox.receive, methods=["POST"]),
            Route("/webhook-secrets", inbox.add_secret, methods=["POST"]),
        ]
    )


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="Development mail sink and webhook receiver")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--smtp-port", type=int, default=1025)
    parser.add_argument("--http-port", type=int, default=8025)
    parser.add_argument("--dsn-to", default=None, help="host:port of the bounce listener DSNs go to")
    parser.add_argument("--bounce-later", action="append", default=[],
                        help=f"an address accepted then bounced with a DSN (also any @{BOUNCE_LATER_DOMAIN})")
    args = parser.parse_args()
    mails = MailSink(args.host, args.smtp_port)
    mails.bounce_later.update(args.bounce_later)
    if args.dsn_to:
        host, _, port = args.dsn_to.rpartition(":")
        mails.dsn_to = (host or "127.0.0.1", int(port))
    mails.start()
    try:
        uvicorn.run(sink_app(mails, WebhookInbox()), host=args.host, port=args.http_port, log_level="warning")
    finally:
        mails.stop()


if __name__ == "__main__":
    main()
