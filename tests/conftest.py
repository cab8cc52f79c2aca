"""Session fixtures: one fresh PostgreSQL database and one embedded broker per test run."""

from __future__ import annotations

import os
import uuid

import asyncpg
import pytest

from tests.support import TEST_JWT_SECRET, Broker

PG_ADMIN_DSN = os.environ.get("CRM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def broker():
    running = Broker()
    running.start()
    yield running
    running.stop()


@pytest.fixture
async def own_database():
    """A database of the test's own: nothing else writes to it (a killed process leaves no locks on the
    shared one; a relay under test is the only one reading its outbox)."""
    name = f"crm_own_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    yield f"postgresql+asyncpg://postgres@{host}/{name}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


@pytest.fixture(scope="session")
async def database_url():
    """A database of its own for this run, so parallel runs never meet; dropped at the end."""
    name = f"crm_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    yield f"postgresql+asyncpg://postgres@{host}/{name}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
def platform_config(database_url, broker) -> dict:
    """Settings overrides that point a service at this run's database and broker."""
    return {
        "database_url": database_url,
        "kafka_bootstrap": broker.bootstrap,
        "jwt_secret": TEST_JWT_SECRET,
        "outbox_poll_seconds": 0.05,
        "sweep_interval_seconds": 0.5,
    }


@pytest.fixture(scope="session")
async def console_stack_config(platform_config):
    """Settings of the services behind the console's tests: a database and topic prefix of their own.

    The stack lives for the rest of the run; on the run's database and topics its relays would
    publish other tests' outboxes and its consumers (same groups) would take their events.
    """
    name = f"crm_console_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    yield {**platform_config, "database_url": f"postgresql+asyncpg://postgres@{host}/{name}",
           "kafka_topic_prefix": "console."}
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
def service_urls(console_stack_config):
    """The five services over real HTTP on a database and topics of their own (the console's bench;
    started once for the console's integration, security and browser tests)."""
    from tests.console_stack import service_stack

    with service_stack(console_stack_config) as urls:
        yield urls


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """`make test` spreads the tests over processes (pytest-xdist, `--dist loadgroup`): a module's
    tests stay in one process, so its module-scoped services start once, and every test on the
    console's service stack (session-wide, on ports of its own) runs in the same process."""
    for item in items:
        group = "console-stack" if "service_urls" in item.fixturenames else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))
