"""Writing one message at send time: the address and links fetched from the other services, the
template of the recipient's language rendered, tracking and unsubscribe links added."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.notification.domain import templates, tracking
from services.notification.domain.recipients import CUSTOMER
from services.notification.domain.respect import Channel, Preferences, RespectPolicy
from services.notification.lookups import LookupMissing, PlatformLookups
from services.notification.models import StaffMemberRow
from services.notification.providers import Outgoing
from services.notification.settings import NotificationSettings
from shared.rfc3339 import parse_optional

_URL = re.compile(r"https?://[^\s<>\"]+")
# Messages that carry the customer's answering link (fetched from the survey service at send time).
ANSWERING_TEMPLATES = frozenset(
    {"survey-invitation", "survey-reminder", "ticket-verification", "verification-reminder"}
)


class Unsendable(Exception):
    """The message can never be written (no address, the invitation answered...): suppressed."""


@dataclass(frozen=True)
class Job:
    """A claimed message, as plain values (the claim's transaction is over while it is sent)."""

    id: str
    customer_id: str | None
    recipient_kind: str
    recipient: str
    channel: str
    template: str
    priority: str | None
    context: dict[str, Any]
    attempts: int
    give_up_at: datetime | None


@dataclass(frozen=True)
class Composed:
    outgoing: Outgoing
    language: str
    template: templates.TemplateText  # the rendered subject and body, kept in the delivery log


def _local(policy: RespectPolicy, value: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    moment = parse_optional(value) if value else None
    return moment.astimezone(policy.timezone).strftime(fmt) if moment else "-"


async def customer_context(
    job: Job, lookups: PlatformLookups, policy: RespectPolicy, language: str
) -> tuple[dict[str, Any], str | None]:
    """The template's variables and the answering link to track (None when the message has none)."""
    context: dict[str, Any] = {"ticket_id": job.context.get("ticket_id")}
    link = None
    if job.template in ANSWERING_TEMPLATES:
        try:
            invitation = await lookups.invitation_link(job.context["invitation_id"])
        except LookupMissing as exc:
            raise Unsendable("the invitation does not exist in the survey service") from exc
        if invitation.get("status") != "pending":
            raise Unsendable(f"the invitation is {invitation.get('status')}: nothing to ask any more")
        link = invitation["url"]
        context.update(
            expires_on=_local(policy, invitation.get("expires_at"), "%Y-%m-%d"),
            reminder_number=job.context.get("reminder_number") or 1,
        )
    elif job.template == "ticket-resolved":
        try:
            resolution = await lookups.ticket_resolution(job.context["ticket_id"])
        except LookupMissing as exc:
            raise Unsendable("the ticket does not exist in the feedback service") from exc
        context.update(solution=resolution.get("solution") or "-", improvement=resolution.get("improvement"))
    elif job.template == "care-message":
        context.update(
            action_kind=job.context.get("kind"),
            action_title=templates.action_title(job.context.get("kind") or "", language),
        )
    return context, link


def staff_context(job: Job, staff: StaffMemberRow | None, policy: RespectPolicy) -> dict[str, Any]:
    context = dict(job.context)
    context.update(
        recipient_name=staff.name if staff else job.recipient,
        customer_id=job.customer_id,
        action_kind=job.context.get("kind"),
        due_at=_local(policy, job.context.get("due_at")),
    )
    for key in ("due_this_week", "overdue", "customers_at_risk"):
        context.setdefault(key, [])
    return context


def html_body(text: str, pixel: str | None) -> str:
    """The text as HTML: paragraphs, links clickable, and the open-tracking pixel."""
    paragraphs = []
    for block in text.split("\n\n"):
        escaped = html.escape(block)
        escaped = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append(f"<p>{escaped.replace(chr(10), '<br>')}</p>")
    image = f'<img src="{html.escape(pixel)}" width="1" height="1" alt="">' if pixel else ""
    return f"<!doctype html><html><body>{''.join(paragraphs)}{image}</body></html>"


async def compose(
    settings: NotificationSettings,
    policy: RespectPolicy,
    job: Job,
    text: dict[str, templates.TemplateText],
    preferences: Preferences,
    staff: StaffMemberRow | None,
    lookups: PlatformLookups,
) -> Composed:
    """`text` holds the template of each language; raises Unsendable, or Lookup* to retry."""
    secret, base = settings.tracking_secret, settings.public_url
    headers: dict[str, str] = {}
    if job.recipient_kind == CUSTOMER:
        language = templates.language_for(preferences.language, settings.default_language)
        try:
            address = await lookups.contact_address(job.recipient)
        except LookupMissing as exc:
            raise Unsendable("the customer is unknown to segmentation") from exc
        to = address.get("email") if job.channel == Channel.EMAIL else address.get("phone")
        if not to:
            raise Unsendable(
                f"the customer has no {'e-mail address' if job.channel == 'email' else 'phone number'}"
            )
        context, link = await customer_context(job, lookups, policy, language)
        context["contact_name"] = address.get("name")
        if link:
            context["link"] = tracking.click_link(base, secret, job.id, link)
        rendered = templates.render(text[language], context)
        unsubscribe = tracking.unsubscribe_link(base, secret, job.recipient, job.channel)
        body = templates.with_unsubscribe(rendered.body, language, unsubscribe)
        # RFC 8058 one-click unsubscribe: mail clients POST to the link without a visit.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        pixel = tracking.open_link(base, secret, job.id)
    else:
        language = templates.language_for(staff.language if staff else None, settings.default_language)
        to = staff.email if staff and job.channel == Channel.EMAIL else None
        if job.channel == Channel.EMAIL and not to:
            raise Unsendable("the staff member has no e-mail address in the directory")
        rendered = templates.render(text[language], staff_context(job, staff, policy))
        body, pixel = rendered.body, None
    outgoing = Outgoing(
        message_id=job.id,
        channel=job.channel,
        to=to,
        subject=rendered.subject,
        text=body,
        html=html_body(body, pixel) if job.channel == Channel.EMAIL else None,
        headers=headers,
    )
    return Composed(outgoing, language, templates.TemplateText(rendered.subject, body))
