import uuid

import pytest
from aiokafka import AIOKafkaProducer

from services.playbook.app import create_app
from services.playbook.domain.default_rules import DEFAULT_RULE_SET
from services.playbook.settings import playbook_settings
from tests.conftest import package_platform_fixtures
from tests.support import ADMIN, free_port, running_service

# The service below is package-wide: so are its broker and settings.
broker, platform_config = package_platform_fixtures()


@pytest.fixture(scope="package")
def survey_port() -> int:
    """The port the playbook calls the survey service on; nothing listens there until a test starts it."""
    return free_port()


@pytest.fixture(scope="package")
async def playbook(platform_config, survey_port):
    """The playbook service over HTTP, on this run's PostgreSQL database and broker."""
    settings = playbook_settings(
        **platform_config, survey_base_url=f"http://127.0.0.1:{survey_port}",
        survey_timeout_seconds=2.0, survey_max_attempts=2, survey_backoff_seconds=0.05,
        survey_retry_seconds=0.2,
    )
    async with running_service(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="package")
async def producer(broker):
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap, enable_idempotence=False, acks="all")
    await producer.start()
    yield producer
    await producer.stop()


@pytest.fixture
def customer_id() -> str:
    return f"PB-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def default_rules(playbook):
    """Tests that edit the rules put the defaults back afterwards (the app is shared)."""
    yield
    response = await playbook.put("/v1/rules", json=DEFAULT_RULE_SET, headers=ADMIN)
    assert response.status_code == 200
