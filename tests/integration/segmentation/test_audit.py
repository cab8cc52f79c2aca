"""docs/design.md §11: the audit trail of segmentation. Profile and contact changes, configuration
changes with before and after, override decisions and reads of unmasked contacts each leave a row
written with the change; only admins read it; nothing can change or delete a row."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.integration.segmentation.helpers import ACCOUNT_MANAGER, ANALYST, MANAGER, create_customer, new_id
from tests.support import ADMIN, bearer

# The owner of the customers create_customer makes, once with the right to read personal data.
PII_READER = bearer("account_manager", sub="am-1", permissions=["pii:read"])
MERGE = {"Content-Type": "application/merge-patch+json"}


async def _audit(seg, query: str, headers=ADMIN) -> list[dict]:
    response = await seg.get(f"/v1/audit?{query}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_profile_and_contact_changes_are_audited_without_personal_data(seg):
    customer_id = new_id("audit")
    await create_customer(
        seg,
        customer_id,
        contacts=[{"name": "Li Audit", "phone": "13811112222", "email": "li.audit@example.com"}],
    )
    contacts = await seg.patch(
        f"/v1/customers/{customer_id}",
        headers={**ACCOUNT_MANAGER, **MERGE},
        content=json.dumps({"contacts": []}),
    )
    assert contacts.status_code == 200, contacts.text
    patched = await seg.patch(
        f"/v1/customers/{customer_id}",
        headers={**MANAGER, **MERGE},
        content=json.dumps({"owner": "am-2", "growth_pct": 12}),
    )
    assert patched.status_code == 200, patched.text

    rows = await _audit(seg, f"entity=customer:{customer_id}")
    assert [r["action"] for r in rows] == ["changed", "created"]  # newest first
    changed = rows[0]
    assert changed["actor"] == "mgr-1"  # moving a customer to another owner is a manager's
    assert changed["before"] == {"owner": "am-1", "growth_pct": 5.0}
    assert changed["after"] == {"owner": "am-2", "growth_pct": 12.0}
    contact_rows = await _audit(seg, f"entity=contact:{customer_id}")
    assert [r["detail"] for r in contact_rows] == [
        {"contacts_before": 1, "contacts_after": 0},
        {"contacts_before": 0, "contacts_after": 1},
    ]
    # The audit outlives an erasure, so it never holds a name, phone or e-mail.
    everything = json.dumps(rows + contact_rows)
    assert "13811112222" not in everything and "li.audit" not in everything and "Li Audit" not in everything


async def test_a_read_of_unmasked_contacts_is_audited_and_a_masked_one_is_not(seg):
    customer_id = new_id("pii")
    await create_customer(seg, customer_id, contacts=[{"name": "Wang", "phone": "13900001111"}])
    masked = (await seg.get(f"/v1/customers/{customer_id}", headers=ACCOUNT_MANAGER)).json()
    assert masked["contacts"][0]["phone"] == "139****1111"
    rows = await _audit(seg, f"entity=contact:{customer_id}")
    assert all(r["action"] != "read-personal-data" for r in rows)
    shown = (await seg.get(f"/v1/customers/{customer_id}", headers=PII_READER)).json()
    assert shown["contacts"][0]["phone"] == "13900001111"
    reads = [
        r
        for r in await _audit(seg, f"entity=contact:{customer_id}&actor=am-1")
        if r["action"] == "read-personal-data"
    ]
    assert len(reads) == 1 and reads[0]["detail"] == {"contacts": 1}


async def test_a_configuration_change_keeps_before_and_after(seg):
    current = await seg.get("/v1/evaluation-policy", headers=ADMIN)
    document = {k: v for k, v in current.json().items() if k not in ("version", "created_by", "created_at")}
    changed = {**document, "silence_days": document["silence_days"] + 1}
    saved = await seg.put(
        "/v1/evaluation-policy", json=changed, headers={**ADMIN, "If-Match": current.headers["ETag"]}
    )
    assert saved.status_code == 200, saved.text
    (row,) = await _audit(seg, f"entity=evaluation-policy:{saved.json()['version']}")
    assert row["actor"] == "admin-1" and row["action"] == "changed"
    assert row["before"]["silence_days"] + 1 == row["after"]["silence_days"] == changed["silence_days"]
    restored = await seg.put(
        "/v1/evaluation-policy", json=document, headers={**ADMIN, "If-Match": saved.headers["ETag"]}
    )
    assert restored.status_code == 200


async def test_an_override_decision_is_audited(seg):
    customer_id = new_id("decide")
    await create_customer(seg, customer_id)
    proposal = await seg.post(
        f"/v1/customers/{customer_id}/tier-overrides",
        headers=ACCOUNT_MANAGER,
        json={"tier": "Key", "reason": "Strategic partner"},
    )
    assert proposal.status_code == 201, proposal.text
    override_id = proposal.json()["id"]
    assert (await seg.post(f"/v1/tier-overrides/{override_id}/reject", headers=MANAGER)).status_code == 200
    (row,) = await _audit(seg, f"entity=tier-override:{override_id}")
    assert row["action"] == "decided" and row["actor"] == "mgr-1"
    assert row["detail"] == {"customer_id": customer_id, "tier": "Key", "decision": "rejected"}


async def test_only_admins_read_the_audit_and_it_pages_with_a_cursor(seg):
    for headers in (MANAGER, ANALYST, ACCOUNT_MANAGER):
        assert (await seg.get("/v1/audit", headers=headers)).status_code == 403
    assert (await seg.get("/v1/audit")).status_code == 401
    customer_id = new_id("pages")
    for growth in (1, 2, 3):
        await create_customer(seg, customer_id, growth_pct=growth)
    first = (await seg.get(f"/v1/audit?entity=customer:{customer_id}&limit=2", headers=ADMIN)).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = (
        await seg.get(
            f"/v1/audit?entity=customer:{customer_id}&limit=2&cursor={first['next_cursor']}", headers=ADMIN
        )
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    assert rest["items"][0]["action"] == "created"
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert (await seg.get(f"/v1/audit?since={later}", headers=ADMIN)).json()["items"] == []
    bad = await seg.get("/v1/audit?cursor=not-a-cursor", headers=ADMIN)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone-else'", "DELETE FROM audit_log"]
)
async def test_the_audit_log_refuses_updates_and_deletes(seg, statement):
    await create_customer(seg, new_id("append"))
    async with seg.app.state.ctx.db.session() as session:
        with pytest.raises(DBAPIError, match="append-only"):
            async with session.begin():
                await session.execute(text(statement))
