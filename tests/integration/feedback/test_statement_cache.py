"""Opening a ticket runs only statements SQLAlchemy compiles once (see uncached_statements)."""

from tests.integration.feedback.helpers import open_ticket
from tests.support import uncached_statements


async def test_opening_a_ticket_runs_only_cached_statements(fb):
    await open_ticket(fb, description="无法登录")  # compiles what the path needs
    with uncached_statements() as uncached:
        await open_ticket(fb, description="无法登录")
    assert uncached == []
