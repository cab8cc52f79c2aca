"""Alembic glue shared by every service's `migrations/env.py`, and a revision helper.

Create a revision for a service after changing its models:
    python -m shared.migrations <service> "message"
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import MetaData


def run_env(context, metadata: MetaData) -> None:
    """Body of each env.py: migrate over the connection `Database.migrate` hands in."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("migrations run through shared.db.Database.migrate")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def _render_item(type_: str, obj, autogen_context):
    """Platform column types appear in migrations as the plain SQLAlchemy types they wrap."""
    from shared.db import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


async def _revision(service: str, message: str) -> None:
    from shared.db import Database, alembic_config

    migrations_dir = Path("services") / service / "migrations"
    db = Database("sqlite+aiosqlite:///:memory:", service)
    await db.migrate(migrations_dir)

    def _autogenerate(sync_connection) -> None:
        config = alembic_config(migrations_dir)
        config.attributes["connection"] = sync_connection
        command.revision(config, message=message, autogenerate=True)

    async with db.engine.begin() as conn:
        await conn.run_sync(_autogenerate)
    await db.dispose()


if __name__ == "__main__":
    asyncio.run(_revision(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "change"))
