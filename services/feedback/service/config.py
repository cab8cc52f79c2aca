"""Versioned documents a manager edits: the SLA policy, priority rules and routing.

A version is never changed once written: a ticket keeps the policy version it started
with, so its due times can always be recomputed and explained.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

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
from shared.config_versions import ConfigDocuments
from shared.errors import InvalidInput


class ConfigKind(StrEnum):
    SLA_POLICY = "sla-policy"
    PRIORITY_RULES = "priority-rules"
    ROUTING = "routing"


DOCUMENTS = ConfigDocuments(
    ConfigVersionRow,
    parsers={
        ConfigKind.SLA_POLICY: policy_from_document,
        ConfigKind.PRIORITY_RULES: rules_from_document,
        ConfigKind.ROUTING: routing_from_document,
    },
    # Version 1 of each document: the defaults of docs/design.md §5.
    defaults={
        ConfigKind.SLA_POLICY: lambda: policy_to_document(SlaPolicy()),
        ConfigKind.PRIORITY_RULES: lambda: rules_to_document(DEFAULT_PRIORITY_RULES),
        ConfigKind.ROUTING: lambda: routing_to_document(DEFAULT_ROUTING),
    },
)


async def seed_defaults(ctx: ServiceContext) -> None:
    await DOCUMENTS.seed_defaults(ctx)


async def current(session: AsyncSession, kind: ConfigKind) -> ConfigVersionRow:
    return await DOCUMENTS.current(session, kind)


async def replace(
    session: AsyncSession, kind: ConfigKind, document: dict[str, Any], actor: str, now: datetime
) -> ConfigVersionRow:
    """Store the document as the next version; the old versions stay for the tickets using them."""
    try:
        DOCUMENTS.parsers[kind](document)
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(f"{kind.value} is not valid: {exc}", field=kind.value) from exc
    return await DOCUMENTS.replace(session, kind, document, actor, now)


async def replace_calendar(
    session: AsyncSession, calendar: dict[str, Any], actor: str, now: datetime
) -> ConfigVersionRow:
    """A new SLA policy version that differs from the current one by its calendar only."""
    async with session.begin():
        policy = (await current(session, ConfigKind.SLA_POLICY)).definition
    return await replace(session, ConfigKind.SLA_POLICY, {**policy, "calendar": calendar}, actor, now)


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
