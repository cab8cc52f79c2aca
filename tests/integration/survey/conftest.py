import pytest

from services.survey.app import create_app
from services.survey.settings import survey_settings
from tests.support import running_service


@pytest.fixture(scope="package")
async def survey(platform_config):
    """The survey service over HTTP, on this run's PostgreSQL database and broker."""
    async with running_service(create_app(survey_settings(**platform_config))) as client:
        yield client
