"""ETag / If-Match on customers and the scoring model, merge patches of a profile (docs/design.md §13)."""

import asyncio
import uuid

from shared.merge_patch import MERGE_PATCH
from tests.support import ADMIN, bearer, eventually

ACCOUNT_MANAGER = bearer("account_manager", sub="am-1")
PATCH = {**ACCOUNT_MANAGER, "Content-Type": MERGE_PATCH}
PROFILE = {
    "name": "Acme",
    "industry": "retail",
    "size": "large",
    "since": "2021-01-01",
    "growth_pct": 8,
    "owner": "am-1",
    "contacts": [{"name": "Li Lei", "phone": "13812345678", "email": "li@acme.example"}],
}


async def _customer(seg) -> str:
    customer_id = f"ET-{uuid.uuid4().hex[:8]}"
    response = await seg.put(f"/v1/customers/{customer_id}", json=PROFILE, headers=ADMIN)
    assert response.status_code == 201, response.text
    assert response.headers["ETag"]
    # A new customer is reviewed by the scheduler at once, which changes its representation (and
    # ETag): wait for it, so that a tag read by a test stays current until the test writes.
    await eventually(lambda: _scored(seg, customer_id))
    return customer_id


async def _scored(seg, customer_id: str) -> bool:
    return (await seg.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()["score"] is not None


async def test_merge_patch_changes_one_field_and_keeps_the_others_contacts_included(seg):
    customer_id = await _customer(seg)
    before = (await seg.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
    response = await seg.patch(
        f"/v1/customers/{customer_id}", json={"growth_pct": 12, "size": None}, headers=PATCH
    )
    assert response.status_code == 200, response.text
    after = (await seg.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
    assert after["growth_pct"] == 12 and after["size"] is None
    for kept in ("name", "industry", "since", "owner", "contacts"):
        assert after[kept] == before[kept], kept
    # The caller reads masked contacts, yet the stored ones are kept in clear.
    assert response.json()["contacts"][0]["phone"] == "138****5678"
    assert after["contacts"][0]["phone"] == "13812345678"


async def test_merge_patch_refuses_invalid_results_naming_the_field_and_stores_nothing(seg):
    customer_id = await _customer(seg)
    for patch, field in (
        ({"growth_pct": "fast"}, "growth_pct"),
        ({"name": None}, "name"),
        ({"repurchase_rate": 140}, "repurchase_rate"),
        ({"colour": "red"}, "colour"),
        ({"contacts": [{"name": "X", "phone": "call me"}]}, "contacts.0.phone"),
    ):
        response = await seg.patch(f"/v1/customers/{customer_id}", json=patch, headers=PATCH)
        assert response.status_code == 422, (patch, response.text)
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()
    missing = await seg.patch("/v1/customers/NOPE-404", json={"name": "x"}, headers=PATCH)
    assert missing.status_code == 404
    stored = (await seg.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
    assert (stored["name"], stored["growth_pct"]) == ("Acme", 8)


async def test_two_writers_of_one_profile_with_the_same_etag_one_gets_412(seg):
    customer_id = await _customer(seg)
    etag = (await seg.get(f"/v1/customers/{customer_id}", headers=ACCOUNT_MANAGER)).headers["ETag"]
    first, second = await asyncio.gather(
        seg.patch(
            f"/v1/customers/{customer_id}", json={"industry": "energy"}, headers={**PATCH, "If-Match": etag}
        ),
        seg.put(
            f"/v1/customers/{customer_id}",
            json={**PROFILE, "name": "Acme Ltd"},
            headers={**ACCOUNT_MANAGER, "If-Match": etag},
        ),
    )
    assert sorted([first.status_code, second.status_code]) == [200, 412], (first.text, second.text)
    # A tag promises a representation: creating over If-Match fails, as nothing was read.
    ghost = await seg.put(
        f"/v1/customers/NEW-{uuid.uuid4().hex[:6]}",
        json=PROFILE,
        headers={**ACCOUNT_MANAGER, "If-Match": etag},
    )
    assert ghost.status_code == 412


async def test_the_scoring_model_refuses_a_stale_etag(seg):
    read = await seg.get("/v1/scoring-model", headers=ADMIN)
    model = {k: read.json()[k] for k in ("curves", "weights", "thresholds")}
    etag = read.headers["ETag"]
    saved = await seg.put(
        "/v1/scoring-model",
        json={**model, "version": f"etag-{uuid.uuid4().hex[:6]}"},
        headers={**ADMIN, "If-Match": etag},
    )
    assert saved.status_code == 200, saved.text
    stale = await seg.put(
        "/v1/scoring-model",
        json={**model, "version": f"etag-{uuid.uuid4().hex[:6]}"},
        headers={**ADMIN, "If-Match": etag},
    )
    assert stale.status_code == 412
