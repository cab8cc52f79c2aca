"""E-mail over SMTP with aiosmtplib (STARTTLS or implicit TLS and login from configuration).

The envelope sender names the message (VERP, `CRM_BOUNCE_ADDRESS`), and where the server offers
DSN (RFC 3461) the message id goes as ENVID with only headers returned: a bounce that comes
later, as a delivery status notification, is matched to the message (domain/bounces.py)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate

import aiosmtplib

from services.notification.domain.bounces import MESSAGE_ID_DOMAIN, verp_address
from services.notification.providers import Outgoing, PermanentFailure, TemporaryFailure
from services.notification.settings import NotificationSettings


def message_id_header(message_id: str) -> str:
    """The same Message-ID on every attempt of one message: a resend after a crash mid-send is
    recognisable as the same mail by the receiving side."""
    return f"<{message_id}@{MESSAGE_ID_DOMAIN}>"


def build_email(settings: NotificationSettings, outgoing: Outgoing) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.mail_from
    mail["To"] = outgoing.to
    mail["Subject"] = outgoing.subject
    mail["Date"] = formatdate(usegmt=True)
    mail["Message-ID"] = message_id_header(outgoing.message_id)
    for name, value in outgoing.headers.items():
        mail[name] = value
    mail.set_content(outgoing.text)
    if outgoing.html:
        mail.add_alternative(outgoing.html, subtype="html")
    return mail


def envelope_sender(settings: NotificationSettings, message_id: str) -> str:
    """MAIL FROM: `<local>+<message id>@<domain>` of the bounce address, else the From address."""
    verp = settings.verp
    return verp_address(*verp, message_id) if verp else settings.mail_from_address


async def send_email(settings: NotificationSettings, outgoing: Outgoing) -> str:
    if not outgoing.to:
        raise PermanentFailure("no e-mail address")
    smtp = aiosmtplib.SMTP(
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username,
        password=settings.smtp_password,
        start_tls=settings.smtp_starttls,
        use_tls=settings.smtp_use_tls,
        timeout=settings.smtp_timeout_seconds,
    )
    try:
        async with smtp:
            if smtp.is_ehlo_or_helo_needed:
                await smtp.ehlo()
            mail_options, rcpt_options = [], []
            if smtp.supports_extension("dsn"):
                # ENVID is xtext; a UUID needs no encoding. Headers only: no personal text comes back.
                mail_options = [f"ENVID={outgoing.message_id}", "RET=HDRS"]
                rcpt_options = ["NOTIFY=FAILURE,DELAY"]
            await smtp.send_message(
                build_email(settings, outgoing),
                sender=envelope_sender(settings, outgoing.message_id),
                recipients=[outgoing.to],
                mail_options=mail_options,
                rcpt_options=rcpt_options,
            )
    except aiosmtplib.SMTPRecipientsRefused as exc:
        codes = [error.code for error in exc.recipients]
        if all(500 <= code < 600 for code in codes):
            raise PermanentFailure(f"recipient refused: SMTP {codes[0]}") from exc
        raise TemporaryFailure(f"recipient deferred: SMTP {codes[0] if codes else '?'}") from exc
    except aiosmtplib.SMTPResponseException as exc:
        if 500 <= exc.code < 600 and exc.code not in (530, 535):  # not an authentication problem
            raise PermanentFailure(f"refused: SMTP {exc.code}") from exc
        raise TemporaryFailure(f"SMTP {exc.code}") from exc
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        raise TemporaryFailure(f"{type(exc).__name__}") from exc
    return message_id_header(outgoing.message_id)
