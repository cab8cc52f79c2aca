"""Session fixtures: one fresh PostgreSQL database and one embedded broker per test run."""

from __future__ import annotations

import os
import uuid

import asyncpg
import pytest

from tests.support import TEST_JWT_SECRET, Broker

PG_ADMIN_DSN = os.environ.get("CRM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
# The suite runs many services at once in several processes: small pools keep the PostgreSQL
# connections of a run well under the limit `make postgres` sets (300). Subprocesses inherit it.
os.environ.setdefault("CRM_DATABASE_POOL_SIZE", "5")


def running_broker():
    running = Broker()
    running.start()
    yield running
    running.stop()


# A broker per test module (the embedded broker starts in a fraction of a second): a module's
# services then read only the events of its own tests, never a backlog other modules published
# (a fresh consumer group starts from the earliest offset). Packages whose services are
# package-wide override it with a package broker (tests/integration/{survey,playbook,notification}).
broker = pytest.fixture(scope="module", name="broker")(running_broker)


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


def platform_settings(database_url: str, broker: Broker) -> dict:
    """Settings overrides that point a service at this database and broker."""
    return {
        "database_url": database_url,
        "kafka_bootstrap": broker.bootstrap,
        "jwt_secret": TEST_JWT_SECRET,
        "outbox_poll_seconds": 0.05,
        "sweep_interval_seconds": 0.5,
    }


@pytest.fixture(scope="module")
def platform_config(database_url, broker) -> dict:
    """Settings overrides that point a service at this run's database and the module's broker."""
    return platform_settings(database_url, broker)


def package_platform_fixtures():
    """`broker` and `platform_config` for a package whose services are package-wide (its conftest:
    `broker, platform_config = package_platform_fixtures()`)."""

    @pytest.fixture(scope="package", name="platform_config")
    def package_platform_config(database_url, broker) -> dict:
        return platform_settings(database_url, broker)

    return pytest.fixture(scope="package", name="broker")(running_broker), package_platform_config


console_broker = pytest.fixture(scope="session", name="console_broker")(running_broker)


@pytest.fixture(scope="session")
async def console_stack_config(database_url, console_broker):
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
    yield {**platform_settings(database_url, console_broker),
           "database_url": f"postgresql+asyncpg://postgres@{host}/{name}", "kafka_topic_prefix": "console."}
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


# The tests on the console's service stack (session-wide: five services on ports of their own).
CONSOLE_STACK_TESTS = ("tests/integration/console/", "tests/e2e/test_console_browser.py")


def pytest_xdist_make_scheduler(config, log):
    """`make test` spreads the tests over processes (pytest-xdist): a module's tests stay in one
    process, so its module-scoped services start once, and the console's tests share one process,
    so the stack they use starts once."""
    from xdist.scheduler import LoadScopeScheduling

    class ByModule(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "console-stack" if path.startswith(CONSOLE_STACK_TESTS) else path

    return ByModule(config, log)
