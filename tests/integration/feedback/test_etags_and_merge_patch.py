"""ETag / If-Match and JSON Merge Patch on tickets and the SLA policy (docs/design.md §13)."""

import asyncio

from services.feedback.app import create_app
from services.feedback.settings import feedback_settings
from shared.merge_patch import MERGE_PATCH
from tests.integration.feedback.helpers import AGENT, open_ticket
from tests.support import ADMIN, bearer, running_service

PATCH = {**AGENT, "Content-Type": MERGE_PATCH}


async def _tagged(fb, path: str) -> tuple[dict, str]:
    response = await fb.get(path, headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json(), response.headers["ETag"]


async def test_two_agents_assigning_the_same_ticket_with_one_etag_one_wins_the_other_gets_412(fb):
    ticket = await open_ticket(fb)
    _, etag = await _tagged(fb, f"/v1/tickets/{ticket['id']}")

    async def assign(agent: str):
        return await fb.post(f"/v1/tickets/{ticket['id']}/assign", json={"assignee": agent},
                             headers={**AGENT, "If-Match": etag})

    first, second = await asyncio.gather(assign("agent-li"), assign("agent-wang"))
    statuses = sorted([first.status_code, second.status_code])
    assert statuses == [200, 412], (first.text, second.text)
    loser = first if first.status_code == 412 else second
    winner = second if loser is first else first
    assert loser.headers["content-type"].startswith("application/problem+json")
    assert loser.json()["errors"][0]["field"] == "If-Match"
    stored, now_tag = await _tagged(fb, f"/v1/tickets/{ticket['id']}")
    assert stored["assignee"] == winner.json()["assignee"]
    assert now_tag == winner.headers["ETag"] != etag


async def test_a_stale_etag_is_412_and_the_ticket_is_unchanged(fb):
    ticket = await open_ticket(fb)
    _, etag = await _tagged(fb, f"/v1/tickets/{ticket['id']}")
    changed = await fb.post(f"/v1/tickets/{ticket['id']}/responses", json={"message": "On it"},
                            headers={**AGENT, "If-Match": etag})
    assert changed.status_code == 200
    stale = await fb.post(f"/v1/tickets/{ticket['id']}/status", json={"status": "pending_customer"},
                          headers={**AGENT, "If-Match": etag})
    assert stale.status_code == 412
    stored, _ = await _tagged(fb, f"/v1/tickets/{ticket['id']}")
    assert stored["status"] == "in_progress"


async def test_a_get_with_the_current_etag_in_if_none_match_is_304(fb):
    ticket = await open_ticket(fb)
    _, etag = await _tagged(fb, f"/v1/tickets/{ticket['id']}")
    again = await fb.get(f"/v1/tickets/{ticket['id']}", headers={**ADMIN, "If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag


async def test_two_managers_editing_the_sla_policy_from_the_same_version_one_gets_412(
    platform_config, own_database
):
    # A database of its own: other tests expect the policy at its first version.
    settings = feedback_settings(**{**platform_config, "database_url": own_database}, run_workers=False,
                                 run_consumers=False, run_relay=False)
    async with running_service(create_app(settings)) as fb:
        await _race_on_the_sla_policy(fb)


async def _race_on_the_sla_policy(fb):
    policy, etag = await _tagged(fb, "/v1/sla-policy")
    document = {k: v for k, v in policy.items() if k not in ("version", "created_by", "created_at")}
    results = await asyncio.gather(*[
        fb.put("/v1/sla-policy", json=document, headers={**ADMIN, "If-Match": etag}) for _ in range(2)])
    assert sorted(r.status_code for r in results) == [200, 412], [r.text for r in results]
    _, calendar_tag = await _tagged(fb, "/v1/calendar")
    calendar = (await fb.get("/v1/calendar", headers=ADMIN)).json()
    body = {k: v for k, v in calendar.items() if k not in ("version", "created_by", "created_at")}
    stale = await fb.put("/v1/calendar", json=body, headers={**ADMIN, "If-Match": etag})
    assert stale.status_code == 412
    fresh = await fb.put("/v1/calendar", json=body, headers={**ADMIN, "If-Match": calendar_tag})
    assert fresh.status_code == 200, fresh.text


async def test_merge_patch_changes_the_description_and_keeps_every_other_field(fb):
    ticket = await open_ticket(fb, category="billing", description="Invoice charged twice")
    billing_agent = {**bearer("agent", sub="agent-2", team="billing-team"), "Content-Type": MERGE_PATCH}
    response = await fb.patch(f"/v1/tickets/{ticket['id']}", json={"description": "Charged twice in March"},
                              headers=billing_agent)
    assert response.status_code == 200, response.text
    patched = response.json()
    assert patched["description"] == "Charged twice in March"
    for kept in ("category", "channel", "type", "priority", "customer_id", "sla", "team"):
        assert patched[kept] == ticket[kept], kept
    assert patched["history"][-1]["action"] == "edited"
    assert patched["history"][-1]["detail"]["previous"] == {"description": "Invoice charged twice"}


async def test_an_edit_answers_the_ticket_as_a_later_read_shows_it_and_its_etag_holds(fb):
    """The edit's answer is built from what was read under the lock and what was written: it must
    equal what a read shows afterwards, ETag included, so the next edit can name it in If-Match."""
    ticket = await open_ticket(fb, description="Invoice charged twice")
    path = f"/v1/tickets/{ticket['id']}"
    edited = await fb.patch(path, json={"category": "  billing ", "description": "Charged twice"},
                            headers=PATCH)
    assert edited.status_code == 200, edited.text
    read, read_tag = await _tagged(fb, path)
    assert edited.json() == read and edited.headers["ETag"] == read_tag
    assert read["category"] == "billing" and read["history"][-1]["action"] == "edited"
    unchanged = await fb.patch(path, json={"description": "Charged twice"},
                               headers={**PATCH, "If-Match": read_tag})
    assert unchanged.status_code == 200 and unchanged.headers["ETag"] == read_tag
    assert len(unchanged.json()["history"]) == len(read["history"])  # nothing changed, nothing recorded
    again = await fb.patch(path, json={"channel": "email"}, headers={**PATCH, "If-Match": read_tag})
    assert again.status_code == 200, again.text
    assert again.json()["history"][-1]["detail"] == {"fields": ["channel"],
                                                     "previous": {"channel": ticket["channel"]}}
    assert (await fb.patch(path, json={"channel": "phone"}, headers={**PATCH, "If-Match": read_tag})
            ).status_code == 412


async def test_merge_patch_refuses_invalid_values_and_fixed_fields_naming_them(fb):
    ticket = await open_ticket(fb)
    path = f"/v1/tickets/{ticket['id']}"
    for patch, field in (({"channel": "pigeon"}, "channel"), ({"description": None}, "description"),
                         ({"category": ""}, "category"), ({"customer_id": "someone-else"}, "customer_id")):
        response = await fb.patch(path, json=patch, headers=PATCH)
        assert response.status_code == 422, (patch, response.text)
        assert field in {e["field"] for e in response.json()["errors"]}, (patch, response.json())
    plain = await fb.patch(path, json={"description": "x"}, headers=AGENT)
    assert plain.status_code == 415
    assert (await fb.get(path, headers=ADMIN)).json()["description"] == ticket["description"]


async def test_when_required_an_update_without_if_match_is_428(platform_config):
    settings = feedback_settings(**platform_config, run_workers=False, run_consumers=False,
                                 require_if_match=True)
    async with running_service(create_app(settings)) as fb:
        ticket = await open_ticket(fb)
        missing = await fb.post(f"/v1/tickets/{ticket['id']}/assign", json={"assignee": "a"}, headers=AGENT)
        assert missing.status_code == 428
        _, etag = await _tagged(fb, f"/v1/tickets/{ticket['id']}")
        given = await fb.post(f"/v1/tickets/{ticket['id']}/assign", json={"assignee": "a"},
                              headers={**AGENT, "If-Match": etag})
        assert given.status_code == 200
