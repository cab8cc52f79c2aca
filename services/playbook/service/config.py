"""Versioned documents a manager edits: the rule set and the contact policy.

A version is never changed once written; an action records the rule-set version that made it,
so every decision can be explained later with the exact rule text.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook.domain.caps import ContactPolicy, PolicyError, policy_from_document, policy_to_document
from services.playbook.domain.default_rules import DEFAULT_RULE_SET
from services.playbook.domain.rules import Rule, RuleError, parse_rule_set
from services.playbook.models import ConfigVersionRow
from shared.app import ServiceContext
from shared.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from shared.preconditions import NO_PRECONDITION, IfMatch, version_tag

SYSTEM = "system"
SEEDED_AT = datetime.fromisoformat("2025-01-01T00:00:00+00:00")


class ConfigKind(StrEnum):
    RULES = "rules"
    CONTACT_POLICY = "contact-policy"


DEFAULTS = {
    ConfigKind.RULES: lambda: DEFAULT_RULE_SET,
    ConfigKind.CONTACT_POLICY: lambda: policy_to_document(ContactPolicy()),
}


async def seed_defaults(ctx: ServiceContext) -> None:
    """Version 1 of each document (DESIGN 6 defaults); idempotent, replicas starting together insert once."""
    for kind, default in DEFAULTS.items():
        try:
            async with ctx.db.session() as session, session.begin():
                if await session.get(ConfigVersionRow, (kind.value, 1)) is None:
                    session.add(ConfigVersionRow(kind=kind.value, version=1, definition=default(),
                                                 created_by=SYSTEM, created_at=SEEDED_AT))
        except IntegrityError:
            pass  # another replica seeded it first


async def current(session: AsyncSession, kind: ConfigKind) -> ConfigVersionRow:
    row = await session.scalar(
        select(ConfigVersionRow).where(ConfigVersionRow.kind == kind.value)
        .order_by(ConfigVersionRow.version.desc()).limit(1)
    )
    if row is None:
        raise NotFound(f"no {kind.value} is configured")
    return row


def check_rules(document: Any) -> list[Rule]:
    try:
        return parse_rule_set(document)
    except RuleError as exc:
        raise InvalidInput(f"{exc.field}: {exc.message}", field=exc.field) from exc


def check_policy(document: Any) -> ContactPolicy:
    try:
        return policy_from_document(document)
    except PolicyError as exc:
        raise InvalidInput(f"{exc.field}: {exc.message}", field=exc.field) from exc


async def replace(
    session: AsyncSession, kind: ConfigKind, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> ConfigVersionRow:
    """Validate and store the document as the next version. If-Match names the version the editor
    started from; the next version's unique key makes the check race-free (of two editors of the
    same version, the second insert fails)."""
    (check_rules if kind is ConfigKind.RULES else check_policy)(document)
    try:
        async with session.begin():
            latest = await session.scalar(
                select(func.max(ConfigVersionRow.version)).where(ConfigVersionRow.kind == kind.value)
            )
            precondition.check(version_tag(kind.value, latest) if latest else None)
            row = ConfigVersionRow(kind=kind.value, version=(latest or 0) + 1, definition=document,
                                   created_by=actor, created_at=now)
            session.add(row)
    except IntegrityError as exc:
        if precondition.given:
            raise PreconditionFailed(f"another {kind.value} version was saved since you read it",
                                     field="If-Match") from exc
        raise Conflict(f"another {kind.value} version was saved at the same time; retry") from exc
    return row


_NEWEST_VERSIONS = (select(ConfigVersionRow.kind, func.max(ConfigVersionRow.version))
                    .group_by(ConfigVersionRow.kind))


async def _newest_versions(session: AsyncSession) -> dict[str, int]:
    """The newest version of every document, read once per transaction: a consumer applies a whole
    batch of events in one transaction, and each of them needs both documents."""
    transaction = session.sync_session.get_transaction()
    cached = session.info.get("config_versions")
    if transaction is not None and cached is not None and cached[0] is transaction:
        return cached[1]
    versions = {kind: int(version) for kind, version in (await session.execute(_NEWEST_VERSIONS)).all()}
    session.info["config_versions"] = (transaction, versions)
    return versions


async def _parsed(session: AsyncSession, kind: ConfigKind, cache: dict, parse: Any) -> tuple[int, Any]:
    """The newest version of a document, parsed once per version per app (versions never change):
    per transaction only the version numbers are read, not the documents."""
    version = (await _newest_versions(session)).get(kind.value)
    if version is None:
        raise NotFound(f"no {kind.value} is configured")
    key = (kind.value, version)
    if key not in cache:
        definition = await session.scalar(select(ConfigVersionRow.definition).where(
            ConfigVersionRow.kind == kind.value, ConfigVersionRow.version == version))
        cache[key] = parse(definition)
    return version, cache[key]


async def current_rules(ctx: ServiceContext, session: AsyncSession) -> tuple[int, list[Rule]]:
    """The newest rule set and its version."""
    return await _parsed(session, ConfigKind.RULES, ctx.state.setdefault("config_documents", {}),
                         parse_rule_set)


async def current_policy(session: AsyncSession, ctx: ServiceContext | None = None) -> ContactPolicy:
    """The newest contact policy; cached per version when the app's context is given."""
    if ctx is None:
        return policy_from_document((await current(session, ConfigKind.CONTACT_POLICY)).definition)
    _, policy = await _parsed(session, ConfigKind.CONTACT_POLICY,
                              ctx.state.setdefault("config_documents", {}), policy_from_document)
    return policy


async def replace_rule(
    session: AsyncSession, rule_id: str, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> ConfigVersionRow:
    """Replace (or add) one rule of the current set, stored as a new version of the set."""
    if document.get("id", rule_id) != rule_id:
        raise InvalidInput("id must match the rule id of the path", field="id")
    document = {**document, "id": rule_id}
    async with session.begin():
        rules = list((await current(session, ConfigKind.RULES)).definition["rules"])
    index = next((i for i, r in enumerate(rules) if r.get("id") == rule_id), None)
    if index is None:
        rules.append(document)
    else:
        rules[index] = document
    try:
        return await replace(session, ConfigKind.RULES, {"rules": rules}, actor, now, precondition)
    except InvalidInput as exc:
        # Name the field relative to the rule the caller sent, not the whole set.
        position = len(rules) - 1 if index is None else index
        prefix = f"rules[{position}]."
        field = exc.field[len(prefix):] if exc.field and exc.field.startswith(prefix) else exc.field
        raise InvalidInput(f"{field}: {exc.detail.split(': ', 1)[-1]}", field=field) from exc
