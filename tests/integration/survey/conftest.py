import pytest

from services.survey.app import create_app
from services.survey.settings import survey_settings
from tests.conftest import package_platform_fixtures
from tests.support import running_service

# The service below is package-wide: so are its broker and settings.
broker, platform_config = package_platform_fixtures()


@pytest.fixture(scope="package")
async def survey(platform_config):
    """The survey service over HTTP, on this run's PostgreSQL database and broker."""
    async with running_service(create_app(survey_settings(**platform_config))) as client:
        yield client
