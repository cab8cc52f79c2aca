"""Delivery Status Notifications (RFC 3464): what a mail server reports about a message it
accepted and delivered, delayed or refused later. Pure functions over the raw mail.

A DSN is a `multipart/report; report-type=delivery-status` whose `message/delivery-status` part
holds one block of per-message fields (Reporting-MTA, Original-Envelope-Id, ...) and one block per
recipient (Action, Status, Diagnostic-Code, ...); a last part usually returns the original message
or its headers. Which of our messages it is about is read, in this order, from:

1. the address the DSN was sent to: our VERP envelope sender `<local>+<message id>@<domain>`;
2. `Original-Envelope-Id` (the ENVID we gave at MAIL FROM);
3. our `Message-ID` (`<message id>@crm-care.notification`) in the returned message or headers.

The reason kept for a bounce is the status code and the diagnostic, with every address in it
replaced: the delivery log keeps no address.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import quopri
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from email.parser import HeaderParser
from email.utils import getaddresses
from enum import StrEnum

MESSAGE_ID_DOMAIN = "crm-care.notification"
REASON_LIMIT = 300
# Our message ids are UUIDs: nothing else is looked up.
_MESSAGE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_OUR_MESSAGE_ID = re.compile(rf"<?({_MESSAGE_ID.pattern})@{re.escape(MESSAGE_ID_DOMAIN)}>?", re.IGNORECASE)
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_ADDRESS = re.compile(r"<?[^\s<>\"';,()]+@[^\s<>\"';,()]+>?")
_STATUS_PARTS = ("message/delivery-status", "message/global-delivery-status")  # RFC 3464, RFC 6533
# Headers a receiving system puts the envelope recipient in (the VERP address the DSN went to).
_ENVELOPE_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To")


class UnreadableDsn(ValueError):
    """The mail is not a delivery status notification we can apply; the text names no address."""


class Outcome(StrEnum):
    BOUNCED = "bounced"  # failed with a permanent (5.x.x) status: the mailbox refused it for good
    DELAYED = "delayed"  # still being tried by the remote server: a note, nothing changes
    DELIVERED = "delivered"  # delivered, or relayed to a system that sends no further DSN
    FAILED_TRANSIENT = "failed-transient"  # "failed" with a 4.x.x status: noted, not a bounce


@dataclass(frozen=True)
class RecipientReport:
    action: str  # failed, delayed, delivered, relayed, expanded
    status: str | None  # e.g. 5.1.1
    diagnostic: str | None  # with addresses replaced


@dataclass(frozen=True)
class Dsn:
    message_id: str
    found_by: str  # verp, envelope-id or message-id
    recipients: tuple[RecipientReport, ...]
    key: str  # identifies this DSN: the same report applied twice is recognised

    @property
    def worst(self) -> RecipientReport:
        """The report that decides: a failure before a delay before a delivery."""
        order = {"failed": 0, "delayed": 1, "delivered": 2, "relayed": 2, "expanded": 3}
        return min(self.recipients, key=lambda r: order.get(r.action, 9))

    @property
    def outcome(self) -> Outcome | None:
        report = self.worst
        if report.action == "failed":
            return Outcome.FAILED_TRANSIENT if (report.status or "5").startswith("4") else Outcome.BOUNCED
        if report.action == "delayed":
            return Outcome.DELAYED
        if report.action in ("delivered", "relayed"):
            return Outcome.DELIVERED
        return None  # "expanded" to a list: nothing to say about our message

    @property
    def reason(self) -> str:
        """Status code and diagnostic, addresses removed, within REASON_LIMIT characters."""
        report = self.worst
        parts = [f"DSN {report.action}", report.status or "no status"]
        text = " ".join(parts)
        if report.diagnostic:
            text = f"{text}: {report.diagnostic}"
        return text if len(text) <= REASON_LIMIT else text[: REASON_LIMIT - 1] + "…"


def address_digest(secret: str, channel: str, address: str) -> str:
    """A keyed digest of an address (HMAC-SHA256 with the service's secret): two messages went to
    the same address when their digests match, and the digest alone gives the address away to no
    one (it cannot be looked up in a list of known addresses without the secret)."""
    normalised = address.strip().lower() if channel == "email" else "".join(address.split())
    return hmac.new(secret.encode(), f"{channel}:{normalised}".encode(), hashlib.sha256).hexdigest()


def undeliverable_reason(bounced_at: str, reason: str | None) -> str:
    """Why a message to an address that bounced for good is not sent."""
    because = f": {reason}" if reason else ""
    return (f"the address bounced on {bounced_at}{because}; nothing more is sent to it until the "
            "contact's address changes")


def verp_address(local: str, domain: str, message_id: str) -> str:
    """The envelope sender of one message: bounces to it name the message."""
    return f"{local}+{message_id}@{domain}"


def message_id_from_verp(address: str, local: str, domain: str) -> str | None:
    """The message id in `<local>+<id>@<domain>` (local part and domain compared without case)."""
    name, at, host = address.strip().strip("<>").rpartition("@")
    if not at or host.lower() != domain.lower():
        return None
    base, plus, tag = name.partition("+")
    if not plus or base.lower() != local.lower():
        return None
    tag = tag.lower()
    return tag if _MESSAGE_ID.fullmatch(tag) else None


def without_addresses(text: str) -> str:
    return _ADDRESS.sub("<address>", " ".join(text.split()))


def parse_dsn(
    raw: bytes,
    *,
    envelope_recipients: tuple[str, ...] = (),
    verp_local: str | None = None,
    verp_domain: str | None = None,
) -> Dsn:
    """Read a DSN; `envelope_recipients` are the RCPT TO addresses it arrived for (SMTP), and the
    VERP local part and domain are ours (None: no VERP in use). Raises UnreadableDsn."""
    if not raw or not raw.strip():
        raise UnreadableDsn("the body is empty")
    mail = message_from_bytes(raw, policy=policy.compat32)
    kind = mail.get_content_type()
    if kind != "multipart/report":
        raise UnreadableDsn(f"not a delivery report: the mail is {without_addresses(kind)}")
    if (mail.get_param("report-type") or "").lower() != "delivery-status":
        raise UnreadableDsn("a multipart/report that is not report-type=delivery-status")
    status_part = next((p for p in mail.walk() if p.get_content_type() in _STATUS_PARTS), None)
    if status_part is None:
        raise UnreadableDsn("no message/delivery-status part")
    blocks = _blocks(status_part)
    if len(blocks) < 2:
        raise UnreadableDsn("the delivery-status part has no per-recipient fields")
    per_message, per_recipient = blocks[0], blocks[1:]
    recipients = tuple(_recipient(block) for block in per_recipient if str(block.get("Action", "")).strip())
    if not recipients:
        raise UnreadableDsn("no recipient in the delivery-status part has an Action")
    found = _message_id(mail, per_message, envelope_recipients, verp_local, verp_domain)
    if found is None:
        raise UnreadableDsn("the report names none of our messages (VERP address, ENVID or Message-ID)")
    message_id, found_by = found
    return Dsn(message_id, found_by, recipients, _key(mail, status_part))


def _blocks(part: Message) -> list[Message]:
    payload = part.get_payload()
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if isinstance(payload, list) and encoding not in ("base64", "quoted-printable"):
        return [block for block in payload if len(block)]
    # Encoded (Exchange writes base64 at times): the parser split the encoded text as if it were
    # fields. Decode it, then split the blocks at blank lines (RFC 3464 §2.1).
    encoded = "".join(b.as_string() for b in payload) if isinstance(payload, list) else str(payload)
    if encoding == "base64":
        try:
            data = base64.b64decode("".join(encoded.split()), validate=False)
        except (binascii.Error, ValueError) as exc:
            raise UnreadableDsn("the delivery-status part is not valid base64") from exc
    elif encoding == "quoted-printable":
        data = quopri.decodestring(encoded.encode("ascii", "replace"))
    else:
        data = encoded.encode("utf-8", "replace")
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    parser = HeaderParser()
    return [parser.parsestr(chunk.strip() + "\n") for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]


def _recipient(block: Message) -> RecipientReport:
    action = str(block.get("Action", "")).strip().lower().split()[0]
    found = _STATUS.search(str(block.get("Status", "")))
    diagnostic = block.get("Diagnostic-Code")
    if diagnostic is not None:
        kind, _, text = str(diagnostic).partition(";")
        diagnostic = without_addresses(text if text else kind) or None
    return RecipientReport(action, ".".join(found.groups()) if found else None, diagnostic)


def _message_id(
    mail: Message,
    per_message: Message,
    envelope_recipients: tuple[str, ...],
    verp_local: str | None,
    verp_domain: str | None,
) -> tuple[str, str] | None:
    if verp_local and verp_domain:
        candidates = list(envelope_recipients)
        for name in _ENVELOPE_HEADERS:
            candidates += [address for _, address in getaddresses(mail.get_all(name, []))]
        for address in candidates:
            found = message_id_from_verp(address, verp_local, verp_domain)
            if found:
                return found, "verp"
    envid = str(per_message.get("Original-Envelope-Id", "")).strip().lower()
    if _MESSAGE_ID.fullmatch(envid):
        return envid, "envelope-id"
    for part in mail.walk():
        kind = part.get_content_type()
        if kind in ("message/rfc822", "message/global"):
            inner = part.get_payload()
            headers = inner[0] if isinstance(inner, list) and inner else None
        elif kind in ("text/rfc822-headers", "message/global-headers"):
            headers = HeaderParser().parsestr(_text(part))
        else:
            continue
        if headers is None:
            continue
        found = _OUR_MESSAGE_ID.search(str(headers.get("Message-ID", "")))
        if found:
            return found.group(1).lower(), "message-id"
    return None


def _text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    return payload.decode("utf-8", "replace")


def _key(mail: Message, status_part: Message) -> str:
    """The DSN's own Message-ID, else its delivery-status fields: a report delivered again (by SMTP
    retry, or over SMTP and HTTP both) has the same key."""
    own = str(mail.get("Message-ID", "")).strip()
    basis = own or status_part.as_string()
    return hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()[:16]
