"""Versioned documents a manager edits (an SLA policy, a rule set, a contact policy, ...).

Each change is stored as the next version of its kind and a version is never changed once
written, so whatever used one (a ticket's due times, an action's rule) can be recomputed and
explained later with the exact document. A service declares its table with
`ConfigVersionColumns` and its kinds (parser and default of each) with `ConfigDocuments`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text, bindparam, cast, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from shared import audit
from shared.audit import keeps_audit
from shared.db import DriverTransaction, HotStatement, UTCDateTime
from shared.errors import Conflict, NotFound, PreconditionFailed
from shared.preconditions import NO_PRECONDITION, IfMatch, version_tag

SYSTEM = "system"
# Version 1 of every document, the product defaults, carries this date on every replica.
SEEDED_AT = datetime(2025, 1, 1, tzinfo=UTC)
_STATE_KEY = "config_documents"


class ConfigVersionColumns:
    """The columns of a service's `config_versions` table (mixed into its own declarative model)."""

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition: Mapped[dict] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConfigDocuments:
    """The versioned documents of one service: `parsers` turn a stored document into the domain
    object its rules use, `defaults` give version 1 of each kind."""

    def __init__(
        self, row: type, parsers: dict[str, Callable[[Any], Any]], defaults: dict[str, Callable[[], Any]]
    ) -> None:
        self.row = row
        self.parsers = parsers
        self.defaults = defaults
        # Read on every use case that needs a document: run on the driver (HotStatement).
        self._newest = HotStatement(select(row.kind, func.max(row.version)).group_by(row.kind))
        self._definition = HotStatement(select(cast(row.definition, Text)).where(
            row.kind == bindparam("kind"), row.version == bindparam("version")))

    async def seed_defaults(self, ctx) -> None:
        """Version 1 of each kind; replicas starting together insert it once."""
        for kind, default in self.defaults.items():
            try:
                async with ctx.db.session() as session, session.begin():
                    if await session.get(self.row, (kind, 1)) is None:
                        session.add(self.row(kind=kind, version=1, definition=default(),
                                             created_by=SYSTEM, created_at=SEEDED_AT))
            except IntegrityError:
                pass  # another replica seeded it first

    async def current(self, session: AsyncSession, kind: str) -> Any:
        """The newest stored row of `kind`."""
        row = await session.scalar(
            select(self.row).where(self.row.kind == kind).order_by(self.row.version.desc()).limit(1)
        )
        if row is None:
            raise NotFound(f"no {kind} is configured")
        return row

    async def replace(
        self, session: AsyncSession, kind: str, document: dict[str, Any], actor: str, now: datetime,
        precondition: IfMatch = NO_PRECONDITION,
    ) -> Any:
        """Store an already validated document as the next version of `kind`, in its own
        transaction; the older versions stay for whatever uses them.

        If-Match names the version the editor started from; the next version's unique key makes
        the check race-free (of two editors of the same version, the second insert fails)."""
        try:
            async with session.begin():
                latest = await session.scalar(
                    select(func.max(self.row.version)).where(self.row.kind == kind)
                )
                precondition.check(version_tag(kind, latest) if latest else None)
                row = self.row(kind=kind, version=(latest or 0) + 1, definition=document,
                               created_by=actor, created_at=now)
                session.add(row)
                if keeps_audit(session):
                    before = await session.scalar(select(self.row.definition).where(
                        self.row.kind == kind, self.row.version == latest)) if latest else None
                    await audit.record(session, actor, audit.AuditAction.CHANGED, kind, str(row.version),
                                       now, before=before, after=document)
        except IntegrityError as exc:
            if precondition.given:
                raise PreconditionFailed(f"another {kind} version was saved since you read it",
                                         field="If-Match") from exc
            raise Conflict(f"another {kind} version was saved at the same time; retry") from exc
        return row

    async def newest_versions(self, session: AsyncSession) -> dict[str, int]:
        """The newest version of every kind, read once per transaction: a consumer applies a whole
        batch of events in one transaction, and each of them may need every document."""
        transaction = _transaction_of(session)
        cached = session.info.get(_STATE_KEY)
        if transaction is not None and cached is not None and cached[0] is transaction:
            return cached[1]
        versions = {kind: int(version) for kind, version in await self._newest.fetch(session, {})}
        session.info[_STATE_KEY] = (transaction, versions)
        return versions

    def remember_versions(self, session: AsyncSession, versions: list[tuple[str, int]]) -> None:
        """The newest versions, read by the caller in a statement it runs anyway (with a lock it
        takes): kept for this transaction as `newest_versions` keeps what it reads."""
        session.info[_STATE_KEY] = (_transaction_of(session),
                                    {kind: int(version) for kind, version in versions})

    async def newest(self, ctx, session: AsyncSession, kind: str) -> tuple[int, Any]:
        """The newest version of `kind` and its parsed document. Versions never change, so each app
        parses a version once; per transaction only the version numbers are read, and an edit
        made on another replica is seen by the next transaction."""
        version = (await self.newest_versions(session)).get(kind)
        if version is None:
            raise NotFound(f"no {kind} is configured")
        return version, await self.version(ctx, session, kind, version)

    async def version(self, ctx, session: AsyncSession, kind: str, version: int) -> Any:
        """One version of `kind`, parsed (once per app)."""
        cache: dict[tuple[str, int], Any] = ctx.state.setdefault(_STATE_KEY, {})
        key = (kind, version)
        if key not in cache:
            rows = await self._definition.fetch(session, {"kind": kind, "version": version})
            if not rows:
                raise NotFound(f"{kind} version {version} does not exist")
            cache[key] = self.parsers[kind](json.loads(rows[0][0]))
        return cache[key]


def _transaction_of(session: AsyncSession | DriverTransaction) -> object:
    """What identifies the caller's transaction: a session's current one, or the transaction
    itself when it runs without a session."""
    if isinstance(session, DriverTransaction):
        return session
    return session.sync_session.get_transaction()
