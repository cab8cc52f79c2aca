"""docs/design.md §11: an agent reads the summary of the customers of the tickets routed to its team or
assigned to it; segmentation follows `ticket-assigned` (published by feedback) through the broker.

The events are produced here as feedback would publish them, so the order they arrive in is the
test's: an older assignment after a newer one, an assignment before its ticket's `ticket-created`.
Each event type has its own topic and one customer's events share a partition, so a later event of
the same type and customer being applied proves the earlier one was too.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from shared.rfc3339 import format_time
from tests.integration.feedback.helpers import produce
from tests.integration.segmentation.helpers import create_customer, new_id
from tests.support import bearer, eventually

RUN = uuid.uuid4().hex[:8]
TEAM_A, TEAM_B = f"queue-a-{RUN}", f"queue-b-{RUN}"
A_AGENT = bearer("agent", sub=f"agent-a1-{RUN}", team=TEAM_A)
B_AGENT = bearer("agent", sub=f"agent-b1-{RUN}", team=TEAM_B)
B_OTHER = bearer("agent", sub=f"agent-b2-{RUN}", team=TEAM_B)
C_AGENT = bearer("agent", sub=f"agent-c1-{RUN}", team=f"queue-c-{RUN}")  # sees what is assigned to it


async def _created(broker, customer_id: str, ticket_id: str, team: str, at: datetime) -> None:
    await produce(broker.bootstrap, "ticket-created", customer_id, {
        "customer_id": customer_id, "ticket_id": ticket_id, "priority": "P2", "type": "problem",
        "channel": "phone", "category": "account", "team": team, "created_at": format_time(at),
    }, "feedback")


async def _assigned(broker, customer_id: str, ticket_id: str, assignee: str, team: str, at: datetime,
                    previous: tuple[str | None, str | None] = (None, None)) -> None:
    await produce(broker.bootstrap, "ticket-assigned", customer_id, {
        "customer_id": customer_id, "ticket_id": ticket_id, "priority": "P2", "assignee": assignee,
        "team": team, "previous_assignee": previous[0], "previous_team": previous[1],
        "assigned_at": format_time(at),
    }, "feedback")


async def _sees(seg, customer_id: str, headers: dict) -> bool:
    return (await seg.get(f"/v1/customers/{customer_id}", headers=headers)).status_code == 200


async def _listed(seg, headers: dict) -> set[str]:
    response = await seg.get("/v1/customers", params={"limit": 500}, headers=headers)
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


async def test_an_agent_sees_the_customer_of_a_ticket_assigned_to_it(seg, broker):
    customer_id = (await create_customer(seg, new_id("assigned")))["id"]
    ticket_id = new_id("t")
    now = datetime.now(UTC)
    await _created(broker, customer_id, ticket_id, TEAM_A, now - timedelta(minutes=5))
    await eventually(lambda: _sees(seg, customer_id, A_AGENT), timeout=30)
    not_yet = await seg.get(f"/v1/customers/{customer_id}", headers=B_AGENT)
    assert not_yet.status_code == 404, not_yet.text

    # Assigned to an agent of team B, the ticket staying in team A's queue.
    await _assigned(broker, customer_id, ticket_id, f"agent-b1-{RUN}", TEAM_A, now)
    await eventually(lambda: _sees(seg, customer_id, B_AGENT), timeout=30)
    assert customer_id in await _listed(seg, B_AGENT)
    assert await _sees(seg, customer_id, A_AGENT)  # still in its team's queue
    assert not await _sees(seg, customer_id, B_OTHER)  # not its team's, not assigned to it
    assert customer_id not in await _listed(seg, B_OTHER)
    # The summary only: the other customer routes stay closed to agents.
    history = await seg.get(f"/v1/customers/{customer_id}/history", headers=B_AGENT)
    assert history.status_code == 403


async def test_a_ticket_moved_to_another_queue_takes_its_customer_along(seg, broker):
    moved = (await create_customer(seg, new_id("moved")))["id"]
    kept = (await create_customer(seg, new_id("kept")))["id"]
    now = datetime.now(UTC)
    ticket, first, second = new_id("t"), new_id("t"), new_id("t")
    await _created(broker, moved, ticket, TEAM_A, now - timedelta(minutes=9))
    await _created(broker, kept, first, TEAM_A, now - timedelta(minutes=9))
    await _created(broker, kept, second, TEAM_A, now - timedelta(minutes=8))
    await eventually(lambda: _sees(seg, moved, A_AGENT), timeout=30)
    await eventually(lambda: _sees(seg, kept, A_AGENT), timeout=30)
    assert not await _sees(seg, moved, B_OTHER)

    # Both customers' first ticket moves to team B's queue: B's other agents see them, A's agents
    # no longer see `moved`, and still see `kept` (its second ticket is still in their queue).
    await _assigned(broker, moved, ticket, f"agent-b1-{RUN}", TEAM_B, now, previous=(None, TEAM_A))
    await _assigned(broker, kept, first, f"agent-b1-{RUN}", TEAM_B, now, previous=(None, TEAM_A))
    await eventually(lambda: _sees(seg, moved, B_OTHER), timeout=30)
    await eventually(lambda: _sees(seg, kept, B_OTHER), timeout=30)
    assert not await _sees(seg, moved, A_AGENT)
    assert await _sees(seg, kept, A_AGENT)
    listed = await _listed(seg, A_AGENT)
    assert kept in listed and moved not in listed
    assert {moved, kept} <= await _listed(seg, B_OTHER)

    # An older assignment (back to team A) arriving after the newer one changes nothing: once a later
    # event of the same customer on the same topic is applied, team A still does not see `moved`.
    await _assigned(broker, moved, ticket, f"agent-a1-{RUN}", TEAM_A, now - timedelta(minutes=1))
    marker = new_id("t")
    await _assigned(broker, moved, marker, f"agent-c1-{RUN}", f"queue-c-{RUN}", now)
    await eventually(lambda: _sees(seg, moved, C_AGENT), timeout=30)
    assert not await _sees(seg, moved, A_AGENT)
    assert await _sees(seg, moved, B_OTHER)


async def test_an_assignment_arriving_before_its_ticket_created_is_kept(seg, broker):
    customer_id = (await create_customer(seg, new_id("early")))["id"]
    ticket_id = new_id("t")
    now = datetime.now(UTC)
    # ticket-assigned has a topic of its own: here it comes before the ticket's ticket-created.
    await _assigned(broker, customer_id, ticket_id, f"agent-b2-{RUN}", TEAM_B, now,
                    previous=(None, TEAM_A))
    await eventually(lambda: _sees(seg, customer_id, B_OTHER), timeout=30)
    assert await _sees(seg, customer_id, B_AGENT)  # team B's queue
    # The ticket's creation, routed to team A, completes the row but does not move it back.
    await _created(broker, customer_id, ticket_id, TEAM_A, now - timedelta(minutes=3))
    marker = new_id("t")
    await _created(broker, customer_id, marker, f"queue-c-{RUN}", now)
    await eventually(lambda: _sees(seg, customer_id, C_AGENT), timeout=30)
    assert not await _sees(seg, customer_id, A_AGENT)
    assert await _sees(seg, customer_id, B_AGENT)
