"""The audit trail (docs/design.md §11): who changed or read what, kept append-only per service.

A service declares the table with `audit_table(Base.metadata)` in its models; its use cases call
`record(session, ...)` inside the transaction of the change they audit, so a change and its audit
row commit or roll back together. On PostgreSQL a trigger refuses UPDATE and DELETE on the table
(`create_audit_log` in the migration); the code has no path that changes a row once written.
Admins read it at `GET /v1/audit` (`audit_router`, included by `shared.app` for every service that
declares the table).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import AwareDatetime, BaseModel, Field
from sqlalchemy import JSON, Column, Index, MetaData, String, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from shared.auth import Caller, require
from shared.db import UTCDateTime, db_session
from shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Keyset, Page

AUDIT_TABLE = "audit_log"


class AuditAction(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"
    DECIDED = "decided"  # an override approved or rejected
    ERASED = "erased"  # personal data of a customer removed (docs/design.md §11)
    READ_PERSONAL_DATA = "read-personal-data"  # unmasked contacts shown to a pii:read caller


def audit_table(metadata: MetaData) -> Table:
    """The append-only `audit_log` of a service, in its own schema."""
    return Table(
        AUDIT_TABLE,
        metadata,
        Column("id", String(36), primary_key=True),
        Column("at", UTCDateTime, nullable=False),
        Column("actor", String(200), nullable=False),
        Column("action", String(40), nullable=False),
        Column("entity", String(60), nullable=False),  # customer, contact, sla-policy, template ...
        Column("entity_id", String(200), nullable=True),
        Column("before", JSON, nullable=True),
        Column("after", JSON, nullable=True),
        Column("detail", JSON, nullable=True),
        Index("ix_audit_log_at", "at", "id"),
        Index("ix_audit_log_actor", "actor", "at"),
        Index("ix_audit_log_entity", "entity", "entity_id", "at"),
    )


def _table(session: AsyncSession) -> Table:
    table = session.info.get("audit_table")
    if table is None:
        raise RuntimeError("this session's service keeps no audit log")
    return table


async def record(
    session: AsyncSession,
    actor: str,
    action: AuditAction,
    entity: str,
    entity_id: str | None,
    now: datetime,
    *,
    before: Any = None,
    after: Any = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one audit row inside the caller's transaction (never begins or commits one)."""
    await session.execute(
        _table(session).insert(),
        {
            "id": str(uuid.uuid4()),
            "at": now,
            "actor": actor,
            "action": action.value,
            "entity": entity,
            "entity_id": entity_id,
            "before": before,
            "after": after,
            "detail": detail,
        },
    )


def keeps_audit(session: AsyncSession) -> bool:
    return "audit_table" in session.info


# --- migration -------------------------------------------------------------------------------

_REFUSE_CHANGES = """
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql
"""


def create_audit_log(op) -> None:
    """Create the table in an Alembic migration and, on PostgreSQL, the trigger refusing UPDATE and
    DELETE (TRUNCATE too)."""
    import sqlalchemy as sa

    op.create_table(
        AUDIT_TABLE,
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_at", AUDIT_TABLE, ["at", "id"])
    op.create_index("ix_audit_log_actor", AUDIT_TABLE, ["actor", "at"])
    op.create_index("ix_audit_log_entity", AUDIT_TABLE, ["entity", "entity_id", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_REFUSE_CHANGES)
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()"
        )


def drop_audit_log(op) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_is_append_only()")
    op.drop_table(AUDIT_TABLE)


# --- the admin's view --------------------------------------------------------------------------


class AuditEntryOut(BaseModel):
    id: str
    at: datetime
    actor: str = Field(description="The `sub` of the token that made the change or read")
    action: str = Field(description="created, changed, deleted, decided, erased or read-personal-data")
    entity: str = Field(description="What kind of thing: customer, contact, sla-policy, template, ...")
    entity_id: str | None
    before: Any = Field(None, description="For a configuration change: the document before")
    after: Any = Field(None, description="For a configuration change: the document after")
    detail: dict[str, Any] | None = None


def audit_router(table: Table) -> APIRouter:
    """`GET /v1/audit` (admins only): the service's audit rows, newest first, keyset paginated."""
    router = APIRouter(prefix="/v1", tags=["audit"])
    order = Keyset(table.c.id, table.c.at, descending=True)

    @router.get(
        "/audit",
        response_model=Page[AuditEntryOut],
        summary="The audit trail: changes, decisions, erasures and personal-data reads (admin)",
    )
    async def list_audit(
        request: Request,
        actor: str | None = Query(None, max_length=200, description="Only this token subject"),
        entity: str | None = Query(
            None, max_length=200, description="`kind` or `kind:id`, e.g. `customer:c-1`"
        ),
        since: AwareDatetime | None = Query(None, description="Only rows at or after this time"),
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
        cursor: str | None = None,
        session: AsyncSession = Depends(db_session),
        caller: Caller = Depends(require(admin_only=True)),
    ) -> Page[AuditEntryOut]:
        query = select(table)
        if actor:
            query = query.where(table.c.actor == actor)
        if entity:
            kind, _, entity_id = entity.partition(":")
            query = query.where(table.c.entity == kind)
            if entity_id:
                query = query.where(table.c.entity_id == entity_id)
        if since is not None:
            query = query.where(table.c.at >= since)
        async with session.begin():
            rows = (await session.execute(order.seek(query, cursor, limit))).all()
        return order.page(rows, limit).map(
            lambda r: AuditEntryOut(
                id=r.id,
                at=r.at,
                actor=r.actor,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                before=r.before,
                after=r.after,
                detail=r.detail,
            )
        )

    return router
