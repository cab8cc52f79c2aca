"""Use cases of what the service keeps about people and words: contact preferences (consent,
opt-out per channel, preferred channel, language), the staff directory, message templates."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository, schemas
from services.notification.domain.templates import (
    DEFAULT_TEMPLATES,
    LANGUAGES,
    SAMPLE_CONTEXT,
    TEMPLATE_NAMES,
    TemplateProblem,
    check_template,
)
from services.notification.models import ContactPreferenceRow, StaffMemberRow, TemplateRow
from services.notification.settings import NotificationSettings
from shared import audit
from shared.app import ServiceContext
from shared.auth import Caller, mask_email
from shared.errors import InvalidInput, NotFound
from shared.preconditions import NO_PRECONDITION, IfMatch, representation_tag

log = structlog.get_logger()


# --- preferences -------------------------------------------------------------------------------


def preferences_out(
    settings: NotificationSettings, customer_id: str, row: ContactPreferenceRow | None
) -> schemas.PreferencesOut:
    quiet = f"{settings.quiet_hours_start}-{settings.quiet_hours_end} {settings.business_timezone}"
    if row is None:
        return schemas.PreferencesOut(
            customer_id=customer_id,
            consent=True,
            opted_out=[],
            preferred_channel=None,
            language=None,
            quiet_hours=quiet,
            daily_cap=settings.daily_cap_per_customer,
        )
    return schemas.PreferencesOut(
        customer_id=customer_id,
        consent=row.consent,
        opted_out=list(row.opted_out or []),
        preferred_channel=row.preferred_channel,
        language=row.language,
        quiet_hours=quiet,
        daily_cap=settings.daily_cap_per_customer,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


async def get_preferences(
    ctx: ServiceContext, session: AsyncSession, customer_id: str
) -> schemas.PreferencesOut:
    async with session.begin():
        return preferences_out(
            ctx.settings, customer_id, await repository.preferences_row(session, customer_id)
        )


async def put_preferences(
    ctx: ServiceContext,
    session: AsyncSession,
    customer_id: str,
    body: schemas.PreferencesIn,
    actor: str,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.PreferencesOut:
    """Replace a contact's preferences; If-Match is checked against them as stored, under the lock."""
    if body.preferred_channel and body.preferred_channel in body.opted_out:
        raise InvalidInput("the preferred channel is one opted out of", field="preferred_channel")
    async with session.begin():
        row = await repository.preferences_row(session, customer_id, for_update=True)
        precondition.check(representation_tag(preferences_out(ctx.settings, customer_id, row)))
        if row is None:
            row = ContactPreferenceRow(customer_id=customer_id)
            session.add(row)
        before = _preferences_document(row) if row.updated_at else None
        row.consent, row.opted_out = body.consent, sorted(set(body.opted_out))
        row.preferred_channel, row.language = body.preferred_channel, body.language
        row.updated_by, row.updated_at = actor, datetime.now(UTC)
        await audit.record(session, actor, audit.AuditAction.CHANGED, "contact-preferences", customer_id,
                           row.updated_at, before=before, after=_preferences_document(row))
    return preferences_out(ctx.settings, customer_id, row)


def _preferences_document(row: ContactPreferenceRow) -> dict:
    return {"consent": row.consent, "opted_out": list(row.opted_out or []),
            "preferred_channel": row.preferred_channel, "language": row.language}


async def opt_out(session: AsyncSession, customer_id: str, channel: str, actor: str) -> None:
    """One-click unsubscribe: the channel is added to the contact's opt-outs (idempotent)."""
    async with session.begin():
        row = await repository.preferences_row(session, customer_id, for_update=True)
        if row is None:
            row = ContactPreferenceRow(customer_id=customer_id, consent=True, opted_out=[])
            session.add(row)
        row.opted_out = sorted({*(row.opted_out or []), channel})
        if row.preferred_channel == channel:
            row.preferred_channel = None
        row.updated_by, row.updated_at = actor, datetime.now(UTC)


# --- staff directory ---------------------------------------------------------------------------


def staff_out(row: StaffMemberRow, caller: Caller) -> schemas.StaffOut:
    return schemas.StaffOut(
        staff_id=row.staff_id,
        name=row.name,
        email=row.email if caller.can_read_pii else mask_email(row.email),
        language=row.language,
        channel=row.channel,
        groups=list(row.groups or []),
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


async def put_staff(
    session: AsyncSession, staff_id: str, body: schemas.StaffIn, caller: Caller
) -> tuple[schemas.StaffOut, bool]:
    async with session.begin():
        row = await session.get(StaffMemberRow, staff_id, with_for_update=True)
        created = row is None
        if row is None:
            row = StaffMemberRow(staff_id=staff_id)
            session.add(row)
        row.name, row.email, row.language, row.channel = body.name, body.email, body.language, body.channel
        row.groups = sorted(set(body.groups))
        row.updated_by, row.updated_at = caller.subject, datetime.now(UTC)
        # The staff member's name and address are personal data: the audit names what changed.
        await audit.record(session, caller.subject,
                           audit.AuditAction.CREATED if created else audit.AuditAction.CHANGED,
                           "staff-member", staff_id, row.updated_at,
                           after={"language": row.language, "channel": row.channel, "groups": row.groups})
    return staff_out(row, caller), created


async def list_staff(session: AsyncSession, caller: Caller) -> schemas.StaffList:
    """The directory as this caller may read it; each address shown unmasked is an audited read."""
    async with session.begin():
        rows = await repository.staff_list(session)
        await audit_staff_read(session, [r.staff_id for r in rows if r.email], caller, datetime.now(UTC))
        return schemas.StaffList(items=[staff_out(r, caller) for r in rows])


async def audit_staff_read(
    session: AsyncSession, staff_ids: list[str], caller: Caller, now: datetime
) -> None:
    """Record that a `pii:read` caller saw staff members' addresses unmasked (docs/design.md §11),
    one row per member, as reads of a customer's contacts are recorded."""
    if not caller.can_read_pii:
        return
    for staff_id in staff_ids:
        await audit.record(session, caller.subject, audit.AuditAction.READ_PERSONAL_DATA, "staff-member",
                           staff_id, now, detail={"addresses": 1, "purpose": "staff-directory"})


async def delete_staff(session: AsyncSession, staff_id: str, actor: str) -> None:
    async with session.begin():
        row = await session.get(StaffMemberRow, staff_id)
        if row is None:
            raise NotFound(f"no staff member {staff_id!r}", field="staff_id")
        await session.delete(row)
        await audit.record(session, actor, audit.AuditAction.DELETED, "staff-member", staff_id,
                           datetime.now(UTC))


async def seed_staff_directory(ctx: ServiceContext) -> None:
    """Load CRM_STAFF_DIRECTORY_FILE into an empty directory at start (configuration as a seed)."""
    settings: NotificationSettings = ctx.settings
    if not settings.staff_directory_file:
        return
    entries = json.loads(
        await asyncio.to_thread(Path(settings.staff_directory_file).read_text, encoding="utf-8")
    )
    async with ctx.db.session() as session, session.begin():
        if await session.scalar(select(func.count()).select_from(StaffMemberRow)):
            return
        now = datetime.now(UTC)
        for entry in entries:
            body = schemas.StaffIn(**{k: v for k, v in entry.items() if k != "staff_id"})
            session.add(
                StaffMemberRow(
                    staff_id=entry["staff_id"],
                    name=body.name,
                    email=body.email,
                    language=body.language,
                    channel=body.channel,
                    groups=sorted(set(body.groups)),
                    updated_by="configuration",
                    updated_at=now,
                )
            )
    log.info("staff_directory_seeded", members=len(entries))


# --- templates ---------------------------------------------------------------------------------


def _variables(name: str) -> list[str]:
    return sorted(SAMPLE_CONTEXT[name]) + (["link"] if "link" in SAMPLE_CONTEXT[name] else [])


async def list_templates(session: AsyncSession) -> schemas.TemplateList:
    async with session.begin():
        edited = await repository.edited_templates(session)
    items = []
    for name in TEMPLATE_NAMES:
        for language in LANGUAGES:
            row = edited.get((name, language))
            text = DEFAULT_TEMPLATES[(name, language)]
            items.append(
                schemas.TemplateOut(
                    name=name,
                    language=language,
                    subject=row.subject if row else text.subject,
                    body=row.body if row else text.body,
                    variables=sorted(set(_variables(name))),
                    edited=row is not None,
                    updated_by=row.updated_by if row else None,
                    updated_at=row.updated_at if row else None,
                )
            )
    return schemas.TemplateList(items=items)


async def put_template(
    session: AsyncSession, name: str, language: str, body: schemas.TemplateIn, actor: str
) -> schemas.TemplateOut:
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}", field="language")
    try:
        check_template(name, body.subject, body.body)
    except TemplateProblem as exc:
        raise InvalidInput(exc.message, field=exc.field) from exc
    now = datetime.now(UTC)
    async with session.begin():
        row = await session.get(TemplateRow, (name, language), with_for_update=True)
        if row is None:
            row = TemplateRow(name=name, language=language)
            session.add(row)
        before = {"subject": row.subject, "body": row.body} if row.subject is not None else None
        row.subject, row.body, row.updated_by, row.updated_at = body.subject, body.body, actor, now
        await audit.record(session, actor, audit.AuditAction.CHANGED, "template", f"{name}/{language}", now,
                           before=before, after={"subject": body.subject, "body": body.body})
    return schemas.TemplateOut(
        name=name,
        language=language,
        subject=row.subject,
        body=row.body,
        variables=sorted(set(_variables(name))),
        edited=True,
        updated_by=actor,
        updated_at=now,
    )
