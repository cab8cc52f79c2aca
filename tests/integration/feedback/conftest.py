import pytest

from services.feedback.app import create_app
from services.feedback.settings import feedback_settings
from tests.support import running_service


@pytest.fixture(scope="module")
async def fb(platform_config):
    """The feedback service over HTTP on this run's PostgreSQL and broker; sweeps are called by
    the tests with their own `now` instead of the real-time worker."""
    settings = feedback_settings(**platform_config, run_workers=False)
    async with running_service(create_app(settings)) as client:
        yield client
