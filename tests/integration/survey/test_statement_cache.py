"""The answering path runs only statements SQLAlchemy compiles once (see uncached_statements)."""

from tests.integration.survey.helpers import answers, invite, new_id, respond
from tests.support import uncached_statements


async def test_reading_and_answering_an_invitation_runs_only_cached_statements(survey):
    first, second = await invite(survey, [new_id("cache"), new_id("cache")])
    body = {"answers": answers(4), "nps": 8, "comments": {}}
    assert (await respond(survey, first["token"], body)).status_code == 201  # compiles what it needs
    with uncached_statements() as uncached:
        assert (await survey.get(f"/v1/invitations/{second['token']}")).status_code == 200
        assert (await respond(survey, second["token"], body)).status_code == 201
    assert uncached == []
