"""Versioned documents a manager edits: the SLA policy, priority rules and routing.

A version is never changed once written: a ticket keeps the policy version it started
with, so its due times can always be recomputed and explained.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
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
from shared.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from shared.preconditions import NO_PRECONDITION, IfMatch, version_tag

SYSTEM = "system"


class ConfigKind(StrEnum):
    SLA_POLICY = "sla-policy"
    PRIORITY_RULES = "priority-rules"
    ROUTING = "routing"


DEFAULTS = {
    ConfigKind.SLA_POLICY: lambda: policy_to_document(SlaPolicy()),
    ConfigKind.PRIORITY_RULES: lambda: rules_to_document(DEFAULT_PRIORITY_RULES),
    ConfigKind.ROUTING: lambda: routing_to_document(DEFAULT_ROUTING),
}
PARSERS = {
    ConfigKind.SLA_POLICY: policy_from_document,
    ConfigKind.PRIORITY_RULES: rules_from_document,
    ConfigKind.ROUTING: routing_from_document,
}


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
    """Version 1 of each document, the docs/design.md §5 defaults; replicas starting together insert it once.
    A superseded default still in force is replaced by the current one as the next version."""
    for kind, default in DEFAULTS.items():
        try:
            async with ctx.db.session() as session, session.begin():
                if await session.get(ConfigVersionRow, (kind.value, 1)) is None:
                    session.add(ConfigVersionRow(
                        kind=kind.value, version=1, definition=default(), created_by=SYSTEM,
                        created_at=datetime.fromisoformat("2025-01-01T00:00:00+00:00"),
                    ))
        except IntegrityError:
            pass  # another replica seeded it first
    for kind, superseded in SUPERSEDED_DEFAULTS.items():
        try:
            async with ctx.db.session() as session, session.begin():
                latest = await current(session, kind)
                if latest.created_by == SYSTEM and latest.definition in superseded:
                    session.add(ConfigVersionRow(
                        kind=kind.value, version=latest.version + 1, definition=DEFAULTS[kind](),
                        created_by=SYSTEM, created_at=datetime.now(UTC),
                    ))
        except IntegrityError:
            pass  # another replica replaced it first


async def current(session: AsyncSession, kind: ConfigKind) -> ConfigVersionRow:
    row = await session.scalar(
        select(ConfigVersionRow).where(ConfigVersionRow.kind == kind.value)
        .order_by(ConfigVersionRow.version.desc()).limit(1)
    )
    if row is None:
        raise NotFound(f"no {kind.value} is configured")
    return row


async def replace(
    session: AsyncSession, kind: ConfigKind, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> ConfigVersionRow:
    """Store the document as the next version; the old versions stay for the tickets using them.

    If-Match names the version the editor started from; the next version's unique key makes the
    check race-free (of two editors of the same version, the second insert fails)."""
    try:
        PARSERS[kind](document)
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(f"{kind.value} is not valid: {exc}", field=kind.value) from exc
    try:
        async with session.begin():
            latest = await session.scalar(
                select(func.max(ConfigVersionRow.version)).where(ConfigVersionRow.kind == kind.value)
            )
            precondition.check(version_tag(kind.value, latest) if latest else None)
            row = ConfigVersionRow(
                kind=kind.value, version=(latest or 0) + 1, definition=document,
                created_by=actor, created_at=now,
            )
            session.add(row)
    except IntegrityError as exc:
        if precondition.given:
            raise PreconditionFailed(f"another {kind.value} version was saved since you read it",
                                     field="If-Match") from exc
        raise Conflict(f"another {kind.value} version was saved at the same time; retry") from exc
    return row


async def policy_version(ctx: ServiceContext, session: AsyncSession, version: int) -> SlaPolicy:
    """A policy version; versions never change, so each app keeps the parsed ones."""
    cache: dict[int, SlaPolicy] = ctx.state.setdefault("sla_policies", {})
    if version not in cache:
        row = await session.get(ConfigVersionRow, (ConfigKind.SLA_POLICY.value, version))
        if row is None:
            raise NotFound(f"SLA policy version {version} does not exist")
        cache[version] = policy_from_document(row.definition)
    return cache[version]


async def current_policy(ctx: ServiceContext, session: AsyncSession) -> tuple[int, SlaPolicy]:
    row = await current(session, ConfigKind.SLA_POLICY)
    return row.version, await policy_version(ctx, session, row.version)


async def current_documents(
    ctx: ServiceContext, session: AsyncSession
) -> tuple[int, SlaPolicy, PriorityRules, Routing]:
    """The current policy (with its version), priority rules and routing in one query.

    Versions never change once written, so each app keeps the parsed documents by version and
    only asks which versions are current: an edit on another replica is seen at once."""
    versions = dict((await session.execute(
        select(ConfigVersionRow.kind, func.max(ConfigVersionRow.version)).group_by(ConfigVersionRow.kind)
    )).all())
    cache: dict[tuple[str, int], Any] = ctx.state.setdefault("config_documents", {})
    parsed = []
    for kind in (ConfigKind.SLA_POLICY, ConfigKind.PRIORITY_RULES, ConfigKind.ROUTING):
        version = versions.get(kind.value)
        if version is None:
            raise NotFound(f"no {kind.value} is configured")
        if (kind.value, version) not in cache:
            row = await session.get(ConfigVersionRow, (kind.value, version))
            cache[(kind.value, version)] = PARSERS[kind](row.definition)
        parsed.append(cache[(kind.value, version)])
    return versions[ConfigKind.SLA_POLICY.value], parsed[0], parsed[1], parsed[2]


async def current_rules(session: AsyncSession) -> PriorityRules:
    return rules_from_document((await current(session, ConfigKind.PRIORITY_RULES)).definition)


async def current_routing(session: AsyncSession) -> Routing:
    return routing_from_document((await current(session, ConfigKind.ROUTING)).definition)
