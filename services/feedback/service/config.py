"""Versioned documents a manager edits: the SLA policy, priority rules and routing; and the
verification policy an admin edits (when an unconfirmed resolved ticket closes by itself).

A version is never changed once written: a ticket keeps the policy version it started
with, so its due times can always be recomputed and explained.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository, schemas
from services.feedback.domain import closure
from services.feedback.domain.priority import (
    DEFAULT_PRIORITY_RULES,
    DEFAULT_ROUTING,
    PriorityRules,
    Routing,
    routing_from_document,
    routing_to_document,
    rules_from_document,
    rules_to_document,
)
from services.feedback.domain.sla import SlaPolicy, policy_from_document, policy_to_document
from services.feedback.models import ConfigVersionRow
from shared.app import ServiceContext
from shared.config_versions import SYSTEM, ConfigDocuments
from shared.errors import InvalidInput, NotFound
from shared.preconditions import NO_PRECONDITION, IfMatch


class ConfigKind(StrEnum):
    SLA_POLICY = "sla-policy"
    PRIORITY_RULES = "priority-rules"
    ROUTING = "routing"
    VERIFICATION_POLICY = "verification-policy"


DOCUMENTS = ConfigDocuments(
    ConfigVersionRow,
    parsers={
        ConfigKind.SLA_POLICY: policy_from_document,
        ConfigKind.PRIORITY_RULES: rules_from_document,
        ConfigKind.ROUTING: routing_from_document,
        ConfigKind.VERIFICATION_POLICY: closure.policy_from_document,
    },
    # Version 1 of each document: the defaults of docs/design.md §5.
    defaults={
        ConfigKind.SLA_POLICY: lambda: policy_to_document(SlaPolicy()),
        ConfigKind.PRIORITY_RULES: lambda: rules_to_document(DEFAULT_PRIORITY_RULES),
        ConfigKind.ROUTING: lambda: routing_to_document(DEFAULT_ROUTING),
        ConfigKind.VERIFICATION_POLICY: lambda: closure.policy_to_document(closure.VerificationPolicy()),
    },
)


# Defaults shipped earlier and found wrong: a database still using one untouched gets the current
# default as a new version at start (a manager's own edit is never replaced). The first priority
# rules made every complaint ("投诉") and every mention of "安全" P1, and let a keyword outrank a
# suggestion.
SUPERSEDED_DEFAULTS = {
    ConfigKind.PRIORITY_RULES: [{
        "keyword_rules": [
            {"priority": "P1",
             "keywords": ["outage", "宕机", "无法使用", "安全", "投诉", "security", "safety"]},
            {"priority": "P2", "keywords": ["fail", "失败", "卡住", "报错", "error", "stuck"]},
        ],
        "type_rules": [{"priority": "P3", "type": "suggestion"}, {"priority": "P3", "type": "praise"}],
        "default_priority": "P2",
    }],
}


async def seed_defaults(ctx: ServiceContext) -> None:
    """Version 1 of each document (the defaults of docs/design.md §5); replicas starting together
    insert it once. A superseded default still in force is replaced by the current one as the next
    version."""
    await DOCUMENTS.seed_defaults(ctx)
    for kind, superseded in SUPERSEDED_DEFAULTS.items():
        try:
            async with ctx.db.session() as session, session.begin():
                latest = await current(session, kind)
                if latest.created_by == SYSTEM and latest.definition in superseded:
                    session.add(ConfigVersionRow(
                        kind=kind.value, version=latest.version + 1, definition=DOCUMENTS.defaults[kind](),
                        created_by=SYSTEM, created_at=datetime.now(UTC),
                    ))
        except IntegrityError:
            pass  # another replica replaced it first


async def current(session: AsyncSession, kind: ConfigKind) -> ConfigVersionRow:
    return await DOCUMENTS.current(session, kind)


async def replace(
    session: AsyncSession, kind: ConfigKind, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> ConfigVersionRow:
    """Store the document as the next version; the old versions stay for the tickets using them.
    If-Match names the version the editor started from."""
    try:
        DOCUMENTS.parsers[kind](document)
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(f"{kind.value} is not valid: {exc}",
                           field=getattr(exc, "field", kind.value)) from exc
    return await DOCUMENTS.replace(session, kind, document, actor, now, precondition)


async def replace_calendar(
    session: AsyncSession, body: schemas.CalendarDoc, actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.CalendarOut:
    """A new SLA policy version that differs from the current one by its calendar only."""
    async with session.begin():
        policy = (await current(session, ConfigKind.SLA_POLICY)).definition
    document = {**policy, "calendar": body.model_dump(mode="json")}
    return _calendar_out(await replace(session, ConfigKind.SLA_POLICY, document, actor, now, precondition))


async def calendar(session: AsyncSession) -> schemas.CalendarOut:
    """The business calendar of the SLA policy in force."""
    return _calendar_out(await current(session, ConfigKind.SLA_POLICY))


async def document(session: AsyncSession, kind: ConfigKind) -> BaseModel:
    """The current version of a document, as its API view."""
    return _document_out(kind, await current(session, kind))


async def replace_document(
    session: AsyncSession, kind: ConfigKind, body: BaseModel, actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> BaseModel:
    row = await replace(session, kind, body.model_dump(mode="json"), actor, now, precondition)
    return _document_out(kind, row)


_VIEWS: dict[ConfigKind, type[BaseModel]] = {
    ConfigKind.SLA_POLICY: schemas.SlaPolicyOut,
    ConfigKind.PRIORITY_RULES: schemas.PriorityRulesOut,
    ConfigKind.ROUTING: schemas.RoutingOut,
    ConfigKind.VERIFICATION_POLICY: schemas.VerificationPolicyOut,
}


def _document_out(kind: ConfigKind, row: ConfigVersionRow) -> BaseModel:
    return _VIEWS[kind](**row.definition, version=row.version, created_by=row.created_by,
                        created_at=row.created_at)


def _calendar_out(row: ConfigVersionRow) -> schemas.CalendarOut:
    return schemas.CalendarOut(**row.definition["calendar"], version=row.version,
                               created_by=row.created_by, created_at=row.created_at)


async def policy_version(ctx: ServiceContext, session: AsyncSession, version: int) -> SlaPolicy:
    """The SLA policy version a ticket started with."""
    return await DOCUMENTS.version(ctx, session, ConfigKind.SLA_POLICY, version)


async def current_documents(
    ctx: ServiceContext, session: AsyncSession
) -> tuple[int, SlaPolicy, PriorityRules, Routing]:
    """The current policy (with its version), priority rules and routing: one query per transaction."""
    version, policy = await DOCUMENTS.newest(ctx, session, ConfigKind.SLA_POLICY)
    _, rules = await DOCUMENTS.newest(ctx, session, ConfigKind.PRIORITY_RULES)
    _, routing = await DOCUMENTS.newest(ctx, session, ConfigKind.ROUTING)
    return version, policy, rules, routing


async def hold_customer_with_documents(
    ctx: ServiceContext, session: AsyncSession, customer_id: str
) -> tuple[int, SlaPolicy, PriorityRules, Routing]:
    """Wait for the customer (`repository.hold_customer`) and return `current_documents`; on
    PostgreSQL the versions are read in the lock's own statement (one round trip less per ticket)."""
    versions = await repository.hold_customer_reading_versions(session, customer_id)
    if versions is not None:
        DOCUMENTS.remember_versions(session, versions)
    return await current_documents(ctx, session)


async def current_verification_policy(
    ctx: ServiceContext, session: AsyncSession
) -> closure.VerificationPolicy:
    """The newest verification policy (the defaults until one is stored)."""
    try:
        return (await DOCUMENTS.newest(ctx, session, ConfigKind.VERIFICATION_POLICY))[1]
    except NotFound:
        return closure.VerificationPolicy()
