"""ETag / If-Match on the rule set and the contact policy, merge patches of actions (docs/design.md §13)."""

import asyncio

from shared.merge_patch import MERGE_PATCH
from tests.integration.playbook import events
from tests.integration.playbook.helpers import publish, wait_for_actions
from tests.support import ADMIN, bearer

MANAGER = bearer("manager", sub="mgr-1")
AGENT = bearer("agent", sub="agent-1")


async def test_an_admin_and_a_manager_editing_the_same_rule_set_one_wins_the_other_gets_412(
    playbook, default_rules
):
    read = await playbook.get("/v1/rules", headers=ADMIN)
    etag, rules = read.headers["ETag"], read.json()["rules"]
    admin_edit = {"rules": [r for r in rules if r["id"] != "satisfaction-neutral"]}
    manager_edit = {"rules": [r for r in rules if r["id"] != "churn-risk-retention"]}
    first, second = await asyncio.gather(
        playbook.put("/v1/rules", json=admin_edit, headers={**ADMIN, "If-Match": etag}),
        playbook.put("/v1/rules", json=manager_edit, headers={**MANAGER, "If-Match": etag}),
    )
    assert sorted([first.status_code, second.status_code]) == [200, 412], (first.text, second.text)
    winner, loser = (first, second) if first.status_code == 200 else (second, first)
    assert loser.json()["type"].endswith("/precondition-failed")
    current = await playbook.get("/v1/rules", headers=ADMIN)
    assert current.json()["version"] == read.json()["version"] + 1
    assert current.json()["rules"] == winner.json()["rules"]
    assert current.headers["ETag"] == winner.headers["ETag"] != etag
    # One rule is edited within its set: a tag of an older set is stale for it too.
    rule = current.json()["rules"][0]
    stale = await playbook.put(f"/v1/rules/{rule['id']}", json=rule, headers={**ADMIN, "If-Match": etag})
    assert stale.status_code == 412
    one = await playbook.get(f"/v1/rules/{rule['id']}", headers=ADMIN)
    fresh = await playbook.put(
        f"/v1/rules/{rule['id']}", json=rule, headers={**ADMIN, "If-Match": one.headers["ETag"]}
    )
    assert fresh.status_code == 200, fresh.text


async def test_the_contact_policy_refuses_a_stale_etag(playbook):
    read = await playbook.get("/v1/contact-policy", headers=ADMIN)
    policy, etag = read.json()["policy"], read.headers["ETag"]
    saved = await playbook.put("/v1/contact-policy", json=policy, headers={**ADMIN, "If-Match": etag})
    assert saved.status_code == 200, saved.text
    stale = await playbook.put("/v1/contact-policy", json=policy, headers={**ADMIN, "If-Match": etag})
    assert stale.status_code == 412


async def _retention_action(playbook, producer, customer_id) -> dict:
    await publish(
        producer,
        "churn-risk-detected",
        customer_id,
        {**events.churn_risk("spending-drop"), "owner": "am-zhao"},
    )
    (action,) = await wait_for_actions(playbook, customer_id, 1)
    return action


async def test_merge_patch_of_an_action_keeps_untouched_fields_and_null_clears_a_note(
    playbook, producer, customer_id
):
    action = await _retention_action(playbook, producer, customer_id)
    path = f"/v1/actions/{action['id']}"
    noted = await playbook.patch(
        path,
        json={"customer_feedback": "Wants a call", "next_step": "Call Monday"},
        headers={**MANAGER, "Content-Type": MERGE_PATCH},
    )
    assert noted.status_code == 200, noted.text
    cleared = await playbook.patch(
        path,
        json={"next_step": None},
        headers={**MANAGER, "Content-Type": MERGE_PATCH, "If-Match": noted.headers["ETag"]},
    )
    assert cleared.status_code == 200, cleared.text
    body = cleared.json()
    assert body["next_step"] is None and body["customer_feedback"] == "Wants a call"
    assert body["status"] == action["status"] and body["due_at"] == action["due_at"]
    # Plain JSON keeps its meaning: null leaves a field alone.
    plain = await playbook.patch(path, json={"customer_feedback": None, "status": "done"}, headers=MANAGER)
    assert plain.status_code == 200, plain.text
    assert (plain.json()["customer_feedback"], plain.json()["status"]) == ("Wants a call", "done")


async def test_merge_patch_of_an_action_refuses_invalid_values_and_stale_tags(
    playbook, producer, customer_id
):
    action = await _retention_action(playbook, producer, customer_id)
    path = f"/v1/actions/{action['id']}"
    read = await playbook.get(path, headers=ADMIN)
    for patch, field in (
        ({"status": "finished"}, "status"),
        ({"next_step": "x" * 5000}, "next_step"),
        ({"owner": "someone"}, "owner"),
    ):
        response = await playbook.patch(path, json=patch, headers={**MANAGER, "Content-Type": MERGE_PATCH})
        assert response.status_code == 422, (patch, response.text)
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()
    changed = await playbook.patch(
        path,
        json={"next_step": "Visit"},
        headers={**MANAGER, "Content-Type": MERGE_PATCH, "If-Match": read.headers["ETag"]},
    )
    assert changed.status_code == 200
    stale = await playbook.patch(
        path,
        json={"status": "cancelled"},
        headers={**MANAGER, "Content-Type": MERGE_PATCH, "If-Match": read.headers["ETag"]},
    )
    assert stale.status_code == 412
    assert (await playbook.get(path, headers=ADMIN)).json()["status"] == action["status"]
