"""Versioned documents: the rule set and the contact policy (a manager edits them) and the care
schedule (the admin's: the presence and at-risk windows of docs/design.md §9).

A version is never changed once written; an action records the rule-set version that made it,
so every decision can be explained later with the exact rule text.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import schemas
from services.playbook.domain.caps import ContactPolicy, PolicyError, policy_from_document, policy_to_document
from services.playbook.domain.care_schedule import (
    CareSchedule,
    CareScheduleError,
    care_schedule_from_document,
    care_schedule_to_document,
)
from services.playbook.domain.default_rules import DEFAULT_RULE_SET
from services.playbook.domain.rules import Rule, RuleError, parse_rule_set
from services.playbook.models import ConfigVersionRow
from shared.app import ServiceContext
from shared.config_versions import ConfigDocuments
from shared.errors import InvalidInput, NotFound
from shared.preconditions import NO_PRECONDITION, IfMatch


class ConfigKind(StrEnum):
    RULES = "rules"
    CONTACT_POLICY = "contact-policy"
    CARE_SCHEDULE = "care-schedule"


DOCUMENTS = ConfigDocuments(
    ConfigVersionRow,
    parsers={ConfigKind.RULES: parse_rule_set, ConfigKind.CONTACT_POLICY: policy_from_document,
             ConfigKind.CARE_SCHEDULE: care_schedule_from_document},
    # Version 1 of each document: the defaults of docs/design.md §6 and §9.
    defaults={
        ConfigKind.RULES: lambda: DEFAULT_RULE_SET,
        ConfigKind.CONTACT_POLICY: lambda: policy_to_document(ContactPolicy()),
        ConfigKind.CARE_SCHEDULE: lambda: care_schedule_to_document(CareSchedule()),
    },
)


async def seed_defaults(ctx: ServiceContext) -> None:
    await DOCUMENTS.seed_defaults(ctx)


async def current(session: AsyncSession, kind: ConfigKind) -> ConfigVersionRow:
    return await DOCUMENTS.current(session, kind)


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


def check_care_schedule(document: Any) -> CareSchedule:
    try:
        return care_schedule_from_document(document)
    except CareScheduleError as exc:
        raise InvalidInput(f"{exc.field}: {exc.message}", field=exc.field) from exc


CHECKS = {
    ConfigKind.RULES: check_rules,
    ConfigKind.CONTACT_POLICY: check_policy,
    ConfigKind.CARE_SCHEDULE: check_care_schedule,
}


async def replace(
    session: AsyncSession, kind: ConfigKind, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> ConfigVersionRow:
    """Validate and store the document as the next version; If-Match names the version the editor
    started from."""
    CHECKS[kind](document)
    return await DOCUMENTS.replace(session, kind, document, actor, now, precondition)


async def rule_set(session: AsyncSession) -> schemas.RuleSetOut:
    return _rule_set_out(await current(session, ConfigKind.RULES))


async def replace_rule_set(
    session: AsyncSession, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.RuleSetOut:
    return _rule_set_out(await replace(session, ConfigKind.RULES, document, actor, now, precondition))


async def contact_policy(session: AsyncSession) -> schemas.ContactPolicyOut:
    return _policy_out(await current(session, ConfigKind.CONTACT_POLICY))


async def replace_contact_policy(
    session: AsyncSession, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.ContactPolicyOut:
    return _policy_out(await replace(session, ConfigKind.CONTACT_POLICY, document, actor, now, precondition))


async def care_schedule(session: AsyncSession) -> schemas.CareScheduleOut:
    return _care_schedule_out(await current(session, ConfigKind.CARE_SCHEDULE))


async def replace_care_schedule(
    session: AsyncSession, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.CareScheduleOut:
    return _care_schedule_out(await replace(session, ConfigKind.CARE_SCHEDULE, document, actor, now,
                                            precondition))


def _care_schedule_out(row: ConfigVersionRow) -> schemas.CareScheduleOut:
    return schemas.CareScheduleOut(version=row.version, created_at=row.created_at,
                                   created_by=row.created_by, **row.definition)


def _rule_set_out(row: ConfigVersionRow) -> schemas.RuleSetOut:
    return schemas.RuleSetOut(version=row.version, created_at=row.created_at, created_by=row.created_by,
                              rules=row.definition["rules"])


def _policy_out(row: ConfigVersionRow) -> schemas.ContactPolicyOut:
    return schemas.ContactPolicyOut(version=row.version, created_at=row.created_at,
                                    created_by=row.created_by, policy=row.definition)


async def current_rules(ctx: ServiceContext, session: AsyncSession) -> tuple[int, list[Rule]]:
    """The newest rule set and its version."""
    return await DOCUMENTS.newest(ctx, session, ConfigKind.RULES)


async def current_policy(ctx: ServiceContext, session: AsyncSession) -> ContactPolicy:
    """The newest contact policy."""
    _, policy = await DOCUMENTS.newest(ctx, session, ConfigKind.CONTACT_POLICY)
    return policy


async def current_care_schedule(ctx: ServiceContext, session: AsyncSession) -> CareSchedule:
    """The newest care schedule (the presence and at-risk windows)."""
    _, schedule = await DOCUMENTS.newest(ctx, session, ConfigKind.CARE_SCHEDULE)
    return schedule


async def get_rule(session: AsyncSession, rule_id: str) -> schemas.RuleOut:
    """One rule of the current set."""
    row = await current(session, ConfigKind.RULES)
    rule = next((r for r in row.definition["rules"] if r.get("id") == rule_id), None)
    if rule is None:
        raise NotFound(f"rule {rule_id} does not exist")
    return schemas.RuleOut(version=row.version, rule=rule)


async def replace_rule(
    session: AsyncSession, rule_id: str, document: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.RuleOut:
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
        row = await replace(session, ConfigKind.RULES, {"rules": rules}, actor, now, precondition)
    except InvalidInput as exc:
        # Name the field relative to the rule the caller sent, not the whole set.
        position = len(rules) - 1 if index is None else index
        prefix = f"rules[{position}]."
        field = exc.field[len(prefix):] if exc.field and exc.field.startswith(prefix) else exc.field
        raise InvalidInput(f"{field}: {exc.detail.split(': ', 1)[-1]}", field=field) from exc
    return schemas.RuleOut(version=row.version, rule=document)
