"""The database goes away under a running service and comes back: 503s, then recovery by itself."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import func, select

from tests.conftest import PG_ADMIN_DSN
from tests.faults.tcp_proxy import TcpProxy
from tests.reliability_results import record
from tests.security.catalog import WRITE_PROBES, load_service, service_names
from tests.support import ADMIN, eventually, running_service

FIGURES: dict[str, dict] = {}


def _postgres_target() -> tuple[str, int]:
    host_port = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    host, _, port = host_port.partition(":")
    return host, int(port or 5432)


async def _unpublished(ctx) -> int:
    table = ctx.outbox.table
    async with ctx.db.session() as session:
        return await session.scalar(
            select(func.count()).select_from(table).where(table.c.published_at.is_(None)))


@pytest.mark.parametrize("name", service_names())
async def test_without_its_database_a_service_is_unready_answers_503_and_recovers_alone(
    name, platform_config, database_url
):
    service = load_service(name)
    proxy = TcpProxy(*_postgres_target())
    await proxy.start()
    db_name = database_url.rsplit("/", 1)[1]
    proxied = f"postgresql+asyncpg://postgres@127.0.0.1:{proxy.port}/{db_name}"
    app = service.app(platform_config, database_url=proxied)
    write = WRITE_PROBES.get(name)
    try:
        async with running_service(app) as client:
            assert (await client.get("/readyz")).status_code == 200
            if write:
                before = await write(client, f"db-{uuid.uuid4().hex[:8]}", ADMIN)
                assert before.status_code in (200, 201), before.text

            await proxy.cut()
            cut_at = time.monotonic()
            ready = await client.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["checks"]["database"].startswith("unreachable")
            assert (await client.get("/healthz")).status_code == 200  # alive, only not ready
            if write:
                refused = await write(client, f"db-{uuid.uuid4().hex[:8]}", ADMIN)
                assert refused.status_code == 503, refused.text
                assert refused.headers["content-type"].startswith("application/problem+json")
                assert refused.json()["type"].endswith("/database-unavailable")
                assert refused.headers.get("retry-after")
                keyed = await write(client, f"db-{uuid.uuid4().hex[:8]}",
                                    {**ADMIN, "Idempotency-Key": uuid.uuid4().hex})
                assert keyed.status_code == 503, keyed.text  # the idempotency middleware too
            outage = time.monotonic() - cut_at

            await proxy.restore()
            restored_at = time.monotonic()
            await eventually(lambda: _ready(client), timeout=30, interval=0.2)
            recovery = time.monotonic() - restored_at
            if write:
                after = await write(client, f"db-{uuid.uuid4().hex[:8]}", ADMIN)
                assert after.status_code in (200, 201), after.text
            # The relay found its feet again: nothing waits in the outbox.
            await eventually(lambda: _drained(app.state.ctx), timeout=30, interval=0.2)
    finally:
        await proxy.stop()
    FIGURES[name] = {"outage_checked_seconds": round(outage, 2),
                     "ready_again_after_seconds": round(recovery, 2), "write_probe": bool(write)}
    record("faults.database_outage", {"per_service": FIGURES})


async def _ready(client) -> bool:
    return (await client.get("/readyz")).status_code == 200


async def _drained(ctx) -> bool:
    return await _unpublished(ctx) == 0
