"""Bounces that come later: a delivery status notification (RFC 3464) about a message the mail
server accepted, received by the bounce listener (SMTP) or forwarded by a provider over HTTP
(`POST /v1/inbound/bounces`). Both go through `apply_dsn`.

A permanent failure bounces the message through `change_status`, as a refusal at send time does
(the `message-status-changed` event, the playbook drops the contact outcome); a delay is noted in
the message's history; a delivery report moves a sent message to delivered. The same report
applied twice changes nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog

from services.notification import repository
from services.notification.domain.bounces import Dsn, Outcome, UnreadableDsn, parse_dsn
from services.notification.domain.delivery import Status
from services.notification.service.statuses import change_status
from services.notification.settings import NotificationSettings
from shared.app import ServiceContext
from shared.errors import Conflict, NotFound

log = structlog.get_logger()


class NotSentYet(Conflict):
    """The report is about a message not yet recorded as sent (a send being recorded right now, or
    one whose sender died mid-send): it is to be delivered again later."""


@dataclass(frozen=True)
class BounceApplied:
    message_id: str
    outcome: str | None  # bounced, delayed, delivered, failed-transient; None: nothing to apply
    dsn_status: str | None  # the decisive recipient's status code, e.g. 5.1.1
    changed: bool  # False when the message already showed this report (or cannot move that way)
    message_status: str


def read_dsn(settings: NotificationSettings, raw: bytes, envelope_recipients: tuple[str, ...] = ()) -> Dsn:
    verp = settings.verp
    try:
        return parse_dsn(
            raw,
            envelope_recipients=envelope_recipients,
            verp_local=verp[0] if verp else None,
            verp_domain=verp[1] if verp else None,
        )
    except UnreadableDsn as exc:
        # The problem names no address (domain/bounces.py), and neither does this line.
        via = "smtp" if envelope_recipients else "http"
        log.warning("dsn_unreadable", problem=str(exc), size=len(raw), via=via)
        raise


async def apply_dsn(
    ctx: ServiceContext, raw: bytes, envelope_recipients: tuple[str, ...] = ()
) -> BounceApplied:
    """Apply one DSN. Raises UnreadableDsn (not a DSN, or about none of our messages), NotFound (no
    such message) or NotSentYet."""
    dsn = read_dsn(ctx.settings, raw, envelope_recipients)
    outcome, report = dsn.outcome, dsn.worst
    now = ctx.clock.now()
    async with ctx.db.session() as session, session.begin():
        row = await repository.message_for_update(session, dsn.message_id)
        if row is None:
            raise NotFound(f"message {dsn.message_id!r} does not exist", field="body")
        if row.status == Status.QUEUED.value:
            raise NotSentYet("the message is not recorded as sent yet; deliver the report again later",
                             field="body")
        if outcome == Outcome.BOUNCED:
            changed = await change_status(ctx, session, row, Status.BOUNCED, now, dsn.reason)
        elif outcome == Outcome.DELIVERED:
            changed = await change_status(ctx, session, row, Status.DELIVERED, now)
        elif outcome in (Outcome.DELAYED, Outcome.FAILED_TRANSIENT):
            changed = _note(row, dsn, now)
        else:
            changed = False
        status = row.status
    log.info(
        "dsn_applied",
        message_id=dsn.message_id,
        found_by=dsn.found_by,
        outcome=outcome.value if outcome else None,
        dsn_status=report.status,
        changed=changed,
    )
    return BounceApplied(dsn.message_id, outcome.value if outcome else None, report.status, changed, status)


def _note(row, dsn: Dsn, now) -> bool:
    """A delay is written into the history once per report; the status stays."""
    history = list(row.history or [])
    if any(step.get("dsn") == dsn.key for step in history):
        return False
    step = {"status": row.status, "at": now.isoformat(), "note": dsn.reason, "dsn": dsn.key}
    row.history = [*history, step]
    row.updated_at = now
    return True
