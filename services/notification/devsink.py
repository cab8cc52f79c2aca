"""Development sinks for `make run` and the tests: an SMTP server that keeps every mail it
receives (aiosmtpd), a webhook receiver that verifies Standard Webhooks signatures with the
spec's reference library, and one page listing both. Never for production: it keeps mail in
memory and shows it to anyone who can reach the port (bound to 127.0.0.1 by default).

    python -m services.notification.devsink --smtp-port 1025 --http-port 8025
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
from typing import Any

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
        return "250 Message accepted for delivery"


class MailSink:
    """A real SMTP server on host:port keeping what it receives; addresses in `refused` bounce."""

    def __init__(self, host: str = "127.0.0.1", port: int = 1025) -> None:
        self.host, self.port = host, port
        self.mails: list[ReceivedMail] = []
        self.refused: set[str] = set()
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
    args = parser.parse_args()
    mails = MailSink(args.host, args.smtp_port).start()
    try:
        uvicorn.run(sink_app(mails, WebhookInbox()), host=args.host, port=args.http_port, log_level="warning")
    finally:
        mails.stop()


if __name__ == "__main__":
    main()
