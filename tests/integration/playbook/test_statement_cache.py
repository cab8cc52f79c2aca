"""Applying an event runs only statements SQLAlchemy compiles once (see uncached_statements)."""

import uuid

from tests.integration.playbook import events
from tests.integration.playbook.helpers import publish, wait_for_actions
from tests.support import uncached_statements


async def test_planning_actions_from_an_event_runs_only_cached_statements(playbook, producer):
    first, second = (f"cache-{uuid.uuid4().hex[:10]}" for _ in range(2))
    await publish(producer, "satisfaction-scored", first, events.satisfaction("dissatisfied", 2.1))
    await wait_for_actions(playbook, first, 1)  # compiles what the path needs
    with uncached_statements() as uncached:
        await publish(producer, "satisfaction-scored", second, events.satisfaction("dissatisfied", 2.1))
        await wait_for_actions(playbook, second, 1)
    assert uncached == []
