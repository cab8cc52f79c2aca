"""docs/design.md §11, as issue 14 walked it: two account managers of one team and an agent, across
segmentation, playbook and feedback through the broker, on PostgreSQL.

am-wang must not read am-li's customer or its care plan (404, as if it did not exist), must not find
it in the list, and must not take it over (403 naming `owner`); a manager may move it. An agent sees
its team's tickets and the summary of their customers, nothing else.
"""

from __future__ import annotations

import uuid

import pytest

from services.feedback.app import create_app as create_feedback_app
from services.feedback.settings import feedback_settings
from services.playbook.app import create_app as create_playbook_app
from services.playbook.settings import playbook_settings
from services.segmentation.app import create_app as create_segmentation_app
from services.segmentation.settings import segmentation_settings
from tests.support import bearer, eventually, running_service

RUN = uuid.uuid4().hex[:8]
TEAM = f"key-accounts-{RUN}"  # both account managers are on it; the customers belong to no team
AM_LI = bearer("account_manager", sub=f"am-li-{RUN}", team=TEAM)
AM_WANG = bearer("account_manager", sub=f"am-wang-{RUN}", team=TEAM)
MANAGER = bearer("manager", sub="mgr-zhou")
AGENT = bearer("agent", sub=f"agent-zhang-{RUN}", team="customer-service")
BILLING_AGENT = bearer("agent", sub=f"agent-wu-{RUN}", team="billing-team")


def _not_found(response) -> bool:
    return response.status_code == 404 and response.headers["content-type"].startswith(
        "application/problem+json"
    )


async def _status(client, path: str, headers: dict) -> int:
    return (await client.get(path, headers=headers)).status_code


async def _answers(client, path: str, headers: dict, status: int) -> bool:
    return await _status(client, path, headers) == status


def _flat(pages: list[list[str]]) -> list[str]:
    return [item for page in pages for item in page]


async def _pages(client, headers: dict, limit: int) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        response = await client.get("/v1/customers", params=params, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if not cursor:
            return pages


@pytest.fixture
async def services(platform_config):
    segmentation_app = create_segmentation_app(segmentation_settings(**platform_config))
    playbook_app = create_playbook_app(playbook_settings(**platform_config))
    feedback_app = create_feedback_app(feedback_settings(**platform_config))
    batch = uuid.uuid4().hex[:8]  # each test its own customers
    li_customers = [f"li-{batch}-{n}" for n in range(5)]
    wang_customer = f"wang-{batch}"
    async with (
        running_service(segmentation_app) as segmentation,
        running_service(playbook_app) as playbook,
        running_service(feedback_app) as feedback,
    ):
        for customer_id in li_customers:
            response = await segmentation.put(
                f"/v1/customers/{customer_id}",
                headers=AM_LI,
                json={"name": f"Customer {customer_id}", "owner": f"am-li-{RUN}", "growth_pct": 5},
            )
            assert response.status_code == 201, response.text
        response = await segmentation.put(
            f"/v1/customers/{wang_customer}",
            headers=AM_WANG,
            json={"name": "Wang's customer", "owner": f"am-wang-{RUN}"},
        )
        assert response.status_code == 201, response.text
        yield segmentation, playbook, feedback, li_customers, wang_customer


async def test_two_account_managers_see_only_their_own_customers(services):
    segmentation, playbook, _, li_customers, wang_customer = services
    mine = li_customers[0]
    # A customer and its plan: its owner reads them, the other account manager gets 404.
    assert (await segmentation.post(f"/v1/customers/{mine}/rescore", headers=AM_LI)).status_code == 200
    assert await _status(segmentation, f"/v1/customers/{mine}", AM_LI) == 200
    assert _not_found(await segmentation.get(f"/v1/customers/{mine}", headers=AM_WANG))
    assert _not_found(await segmentation.get(f"/v1/customers/{mine}/orders", headers=AM_WANG))
    assert _not_found(await segmentation.post(f"/v1/customers/{mine}/rescore", headers=AM_WANG))
    # The playbook learns owner (customer-assigned) and score (score-updated) from the broker.
    await eventually(lambda: _answers(playbook, f"/v1/customers/{mine}/plan", AM_LI, 200), timeout=60)
    assert _not_found(await playbook.get(f"/v1/customers/{mine}/plan", headers=AM_WANG))

    # Lists are filtered in the query: each page is full and the cursor walks only what is in scope.
    li_pages = await _pages(segmentation, AM_LI, limit=2)
    assert [len(page) for page in li_pages] == [2, 2, 1]
    assert sorted(_flat(li_pages)) == sorted(li_customers)
    assert _flat(await _pages(segmentation, AM_WANG, limit=2)) == [wang_customer]
    everyone = _flat(await _pages(segmentation, MANAGER, limit=500))
    assert set(li_customers) | {wang_customer} <= set(everyone)

    # Taking a customer over is a manager's action: 403 naming `owner`, on PUT and on PATCH.
    takeover = await segmentation.put(
        f"/v1/customers/{mine}", headers=AM_WANG, json={"name": "Mine now", "owner": f"am-wang-{RUN}"}
    )
    assert takeover.status_code == 403, takeover.text
    assert takeover.json()["errors"][0]["field"] == "owner"
    patched = await segmentation.patch(
        f"/v1/customers/{mine}",
        headers={**AM_WANG, "Content-Type": "application/merge-patch+json"},
        content=b'{"owner": "am-wang-%s"}' % RUN.encode(),
    )
    assert patched.status_code == 403 and patched.json()["errors"][0]["field"] == "owner"
    giveaway = await segmentation.patch(
        f"/v1/customers/{mine}",
        headers={**AM_LI, "Content-Type": "application/merge-patch+json"},
        content=b'{"team": "smb"}',
    )
    assert giveaway.status_code == 403 and giveaway.json()["errors"][0]["field"] == "team"
    assert (await segmentation.get(f"/v1/customers/{mine}", headers=MANAGER)).json()[
        "owner"
    ] == f"am-li-{RUN}"

    # A manager moves it: am-wang sees it at once in segmentation, and in the playbook once
    # customer-assigned has arrived; am-li no longer does.
    moved = await segmentation.patch(
        f"/v1/customers/{mine}",
        headers={**MANAGER, "Content-Type": "application/merge-patch+json"},
        content=b'{"owner": "am-wang-%s"}' % RUN.encode(),
    )
    assert moved.status_code == 200, moved.text
    assert await _status(segmentation, f"/v1/customers/{mine}", AM_WANG) == 200
    assert await _status(segmentation, f"/v1/customers/{mine}", AM_LI) == 404
    await eventually(lambda: _answers(playbook, f"/v1/customers/{mine}/plan", AM_WANG, 200), timeout=60)
    assert await _status(playbook, f"/v1/customers/{mine}/plan", AM_LI) == 404


async def test_an_agent_sees_its_teams_tickets_and_their_customers_summary(services):
    segmentation, _, feedback, li_customers, _ = services
    customer, other = li_customers[1], li_customers[2]
    opened = await feedback.post(
        "/v1/tickets",
        headers=AGENT,
        json={
            "customer_id": customer,
            "channel": "phone",
            "type": "problem",
            "category": "account",
            "description": "cannot sign in",
        },
    )
    assert opened.status_code == 201 and opened.json()["team"] == "customer-service", opened.text
    ticket = opened.json()["id"]
    billing = await feedback.post(
        "/v1/tickets",
        headers=BILLING_AGENT,
        json={
            "customer_id": other,
            "channel": "phone",
            "type": "problem",
            "category": "billing",
            "description": "charged twice",
        },
    )
    assert billing.status_code == 201, billing.text

    listed = (await feedback.get("/v1/tickets", params={"limit": 500}, headers=AGENT)).json()["items"]
    assert ticket in [t["id"] for t in listed]
    assert all(t["team"] == "customer-service" or t["assignee"] == f"agent-zhang-{RUN}" for t in listed)
    assert await _status(feedback, f"/v1/tickets/{ticket}", AGENT) == 200
    assert _not_found(await feedback.get(f"/v1/tickets/{billing.json()['id']}", headers=AGENT))
    assert _not_found(await feedback.get(f"/v1/tickets/{ticket}", headers=BILLING_AGENT))
    # The owner sees the tickets of its customers once feedback knows the owner; another does not.
    await eventually(lambda: _answers(feedback, f"/v1/tickets/{ticket}", AM_LI, 200), timeout=60)
    assert _not_found(await feedback.get(f"/v1/tickets/{ticket}", headers=AM_WANG))

    # Segmentation learns the ticket's team from ticket-created: the summary, and only it.
    await eventually(lambda: _answers(segmentation, f"/v1/customers/{customer}", AGENT, 200), timeout=60)
    assert _not_found(await segmentation.get(f"/v1/customers/{other}", headers=AGENT))
    assert (await segmentation.get(f"/v1/customers/{customer}/history", headers=AGENT)).status_code == 403
    summaries = _flat(await _pages(segmentation, AGENT, limit=500))
    assert customer in summaries and other not in summaries
    # Analysts read aggregates only.
    analyst = bearer("analyst", sub="analyst-chen")
    assert await _status(segmentation, f"/v1/customers/{customer}", analyst) == 403
    assert await _status(feedback, "/v1/tickets", analyst) == 403
    tiers = await segmentation.get("/v1/reports/tiers", headers=analyst)
    assert tiers.status_code == 200 and tiers.json()["customers"] >= len(li_customers) + 1


async def test_a_ticket_assigned_or_moved_to_another_team_takes_its_customers_summary_along(services):
    """ticket-assigned (feedback -> segmentation): an agent of another team to whom a ticket is
    assigned reads its customer's summary; moved to that team's queue, the ticket shows the customer
    to the team's other agents and no longer to the old team's, unless another ticket of theirs does."""
    segmentation, _, feedback, li_customers, _ = services
    customer, kept = li_customers[3], li_customers[4]
    returns = f"returns-{RUN}"  # team B: a queue of this run only
    returns_agent = bearer("agent", sub=f"agent-qian-{RUN}", team=returns)
    returns_other = bearer("agent", sub=f"agent-sun-{RUN}", team=returns)
    service_other = bearer("agent", sub=f"agent-zhao-{RUN}", team="customer-service")

    async def open_ticket(customer_id: str) -> str:
        opened = await feedback.post("/v1/tickets", headers=AGENT, json={
            "customer_id": customer_id, "channel": "phone", "type": "problem", "category": "account",
            "description": "cannot sign in"})
        assert opened.status_code == 201 and opened.json()["team"] == "customer-service", opened.text
        return opened.json()["id"]

    ticket, first, second = await open_ticket(customer), await open_ticket(kept), await open_ticket(kept)
    for customer_id in (customer, kept):
        await eventually(lambda c=customer_id: _answers(segmentation, f"/v1/customers/{c}", AGENT, 200),
                         timeout=60)
    assert _not_found(await segmentation.get(f"/v1/customers/{customer}", headers=returns_agent))

    # Assigned to an agent of the returns team, still in customer service's queue.
    assigned = await feedback.post(f"/v1/tickets/{ticket}/assign", headers=AGENT,
                                   json={"assignee": f"agent-qian-{RUN}"})
    assert assigned.status_code == 200, assigned.text
    assert await _status(feedback, f"/v1/tickets/{ticket}", returns_agent) == 200
    await eventually(lambda: _answers(segmentation, f"/v1/customers/{customer}", returns_agent, 200),
                     timeout=60)
    assert customer in _flat(await _pages(segmentation, returns_agent, limit=500))
    assert _not_found(await segmentation.get(f"/v1/customers/{customer}", headers=returns_other))
    assert await _status(segmentation, f"/v1/customers/{customer}", service_other) == 200

    # Moved to the returns queue (a manager's reassignment), with one of `kept`'s two tickets.
    for moving in (ticket, first):
        moved = await feedback.post(f"/v1/tickets/{moving}/assign", headers=MANAGER,
                                    json={"assignee": f"agent-qian-{RUN}", "team": returns})
        assert moved.status_code == 200 and moved.json()["team"] == returns, moved.text
    for customer_id in (customer, kept):
        await eventually(lambda c=customer_id: _answers(segmentation, f"/v1/customers/{c}", returns_other,
                                                        200), timeout=60)
    await eventually(lambda: _answers(segmentation, f"/v1/customers/{customer}", service_other, 404),
                     timeout=60)
    assert _not_found(await segmentation.get(f"/v1/customers/{customer}", headers=AGENT))
    assert await _status(segmentation, f"/v1/customers/{kept}", service_other) == 200  # `second` is theirs
    summaries = _flat(await _pages(segmentation, service_other, limit=500))
    assert kept in summaries and customer not in summaries
    assert await _status(feedback, f"/v1/tickets/{ticket}", returns_other) == 200
    assert _not_found(await feedback.get(f"/v1/tickets/{ticket}", headers=service_other))
    assert await _status(feedback, f"/v1/tickets/{second}", service_other) == 200
