"""The bounce listener: an SMTP server (aiosmtpd) in the service's own event loop, taking delivery
status notifications for the bounce domain (`CRM_BOUNCE_SMTP_PORT`; the domain of
`CRM_BOUNCE_ADDRESS`, else of the From address). Mail for any other domain is refused at RCPT (it
relays nothing); each DSN goes through `apply_dsn`, and one that cannot be applied is refused with
a 550 (a 451 when the message is not recorded as sent yet: the server tries again later).
"""

from __future__ import annotations

import asyncio
import logging

import structlog
from aiosmtpd.smtp import SMTP

from services.notification.domain.bounces import UnreadableDsn
from services.notification.service.bounces import NotSentYet, apply_dsn
from services.notification.settings import NotificationSettings
from shared.app import ServiceContext
from shared.errors import NotFound

log = structlog.get_logger()


class BounceHandler:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.domain = ctx.settings.bounce_domain

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.rpartition("@")[2].lower() != self.domain:
            return "550 5.7.1 this server takes delivery reports for its own domain only"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        try:
            await apply_dsn(self.ctx, raw, tuple(envelope.rcpt_tos))
        except UnreadableDsn as exc:
            return f"550 5.6.0 not a delivery status notification we can apply: {exc}"
        except NotFound:
            return "550 5.1.1 no such message"
        except NotSentYet:
            return "451 4.3.0 the message is not recorded as sent yet, try again later"
        except Exception as exc:  # the database is away: the reporting server keeps it and retries
            log.warning("dsn_not_applied", error=type(exc).__name__)
            return "451 4.3.0 temporary failure, try again later"
        return "250 OK report applied"


async def serve_bounces(ctx: ServiceContext) -> None:
    settings: NotificationSettings = ctx.settings
    if settings.bounce_smtp_port is None:
        return
    # aiosmtpd logs every command at INFO, addresses included: only its warnings go to our logs.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    handler = BounceHandler(ctx)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, data_size_limit=settings.bounce_max_bytes, hostname=settings.bounce_domain),
        host=settings.bounce_smtp_host,
        port=settings.bounce_smtp_port,
    )
    log.info("bounce_listener_started", port=settings.bounce_smtp_port, domain=settings.bounce_domain)
    try:
        async with server:
            await server.serve_forever()
    finally:
        server.close()
