import pytest

from services.survey.app import create_app
from services.survey.settings import survey_settings
from tests.conftest import platform_settings, running_broker
from tests.support import running_service

# The service below is package-wide: so are its broker and settings.
broker = pytest.fixture(scope="package", name="broker")(running_broker)


@pytest.fixture(scope="package")
def platform_config(database_url, broker) -> dict:
    return platform_settings(database_url, broker)


@pytest.fixture(scope="package")
async def survey(platform_config):
    """The survey service over HTTP, on this run's PostgreSQL database and broker."""
    async with running_service(create_app(survey_settings(**platform_config))) as client:
        yield client
