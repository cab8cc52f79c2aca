import pytest

from services.segmentation.app import create_app
from services.segmentation.settings import segmentation_settings
from tests.support import running_service


@pytest.fixture(params=["postgresql", "sqlite"])
def each_database(request, tmp_path) -> str:
    """The test runs twice: on a PostgreSQL database of its own, then on a SQLite file."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
    return request.getfixturevalue("own_database")


@pytest.fixture(scope="module")
async def seg(platform_config):
    """The segmentation service over HTTP, on this run's PostgreSQL database and broker."""
    async with running_service(create_app(segmentation_settings(**platform_config))) as client:
        yield client
