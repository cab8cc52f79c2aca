"""Public invitation endpoints are rate limited per token and per client address."""

import random

import pytest

from services.survey.app import create_app
from services.survey.settings import survey_settings
from tests.integration.survey.helpers import invite, new_id
from tests.support import running_service


@pytest.fixture(scope="module")
async def limited(platform_config):
    """A second replica with low limits and no background loops, on the same database."""
    settings = survey_settings(
        **platform_config, rate_limit_per_token=3, rate_limit_per_client=8,
        rate_limit_window_seconds=3600, run_relay=False, run_consumers=False, run_workers=False,
    )
    app = create_app(settings)
    # A client address of its own: the counters are shared with every replica on this database.
    address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    async with running_service(app, client=(address, 40000)) as client:
        yield client


async def test_a_token_called_too_often_gets_429_problem_json(limited):
    [item] = await invite(limited, [new_id("rl")])
    statuses = [(await limited.get(f"/v1/invitations/{item['token']}")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = await limited.get(f"/v1/invitations/{item['token']}")
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["scope"] == "token"
    assert refused.json()["retry_after_seconds"] >= 1


async def test_a_client_guessing_many_tokens_gets_429(limited):
    statuses = [
        (await limited.get(f"/v1/invitations/{new_id('guess')}-{'z' * 20}")).status_code
        for _ in range(12)
    ]
    assert 404 in statuses
    assert statuses[-1] == 429
