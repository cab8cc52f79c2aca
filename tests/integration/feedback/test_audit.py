"""docs/design.md §11: a configuration document saved through the shared versioned documents leaves an
audit row with the document before and after, in the same transaction as the new version."""

from __future__ import annotations

from tests.support import ADMIN, bearer


async def test_a_new_policy_version_is_audited_with_before_and_after(fb):
    current = await fb.get("/v1/verification-policy", headers=ADMIN)
    days = current.json()["auto_close_after_days"]
    saved = await fb.put(
        "/v1/verification-policy",
        json={"auto_close_after_days": days + 1},
        headers={**ADMIN, "If-Match": current.headers["ETag"]},
    )
    assert saved.status_code == 200, saved.text
    version = saved.json()["version"]
    rows = (await fb.get(f"/v1/audit?entity=verification-policy:{version}", headers=ADMIN)).json()["items"]
    assert len(rows) == 1
    assert rows[0]["actor"] == "admin-1" and rows[0]["action"] == "changed"
    assert rows[0]["before"] == {"auto_close_after_days": days}
    assert rows[0]["after"] == {"auto_close_after_days": days + 1}
    # A refused save (stale If-Match) leaves no row.
    stale = await fb.put(
        "/v1/verification-policy",
        json={"auto_close_after_days": days},
        headers={**ADMIN, "If-Match": current.headers["ETag"]},
    )
    assert stale.status_code == 412
    everything = (await fb.get("/v1/audit?entity=verification-policy", headers=ADMIN)).json()["items"]
    assert [r["entity_id"] for r in everything].count(str(version + 1)) == 0
    restored = await fb.put(
        "/v1/verification-policy",
        json={"auto_close_after_days": days},
        headers={**ADMIN, "If-Match": saved.headers["ETag"]},
    )
    assert restored.status_code == 200
    assert (await fb.get("/v1/audit", headers=bearer("manager", sub="mgr-1"))).status_code == 403
