"""Tier overrides, scoring model versions, dry runs and rescore jobs."""

import asyncio

from tests.integration.segmentation.helpers import (
    ACCOUNT_MANAGER,
    ANALYST,
    MANAGER,
    create_worked_example,
)
from tests.support import EventCollector, bearer, eventually


async def _scored(seg, letter):
    customer_id = await create_worked_example(seg, letter)
    await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)
    return customer_id


async def test_override_proposed_then_approved_moves_the_tier_and_is_published(seg, broker):
    customer_id = await _scored(seg, "C")
    proposal = await seg.post(f"/v1/customers/{customer_id}/tier-overrides", headers=ACCOUNT_MANAGER,
                              json={"tier": "Key", "reason": "Strategic partner in a new market"})
    assert proposal.status_code == 201, proposal.text
    override = proposal.json()
    assert override["status"] == "proposed"
    pending = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert pending["override"]["status"] == "proposed"
    assert pending["score"]["tier"] == "Observation"

    self_approval = await seg.post(f"/v1/tier-overrides/{override['id']}/approve",
                                   headers=bearer("manager", sub="am-1"))
    assert self_approval.status_code == 403
    async with EventCollector(broker.bootstrap, ["tier-changed"]) as events:
        approved = await seg.post(f"/v1/tier-overrides/{override['id']}/approve", headers=MANAGER,
                                  json={"note": "agreed in the quarterly review"})
        assert approved.status_code == 200
        found = await events.wait_for(lambda e: e["subject"] == customer_id
                                      and e["data"]["reason"] == "override-approved")
    assert found[0]["data"]["from_tier"] == "Observation"
    assert found[0]["data"]["to_tier"] == "Key"
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert profile["score"]["tier"] == "Key"
    assert profile["score"]["computed_tier"] == "Observation"
    assert profile["score"]["override"]["id"] == override["id"]
    again = await seg.post(f"/v1/tier-overrides/{override['id']}/reject", headers=MANAGER)
    assert again.status_code == 409
    # A rescore keeps the override in force.
    score = (await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)).json()
    assert score["tier"] == "Key"


async def test_only_managers_decide_and_rejection_changes_nothing(seg):
    customer_id = await _scored(seg, "B")
    override = (await seg.post(f"/v1/customers/{customer_id}/tier-overrides", headers=ACCOUNT_MANAGER,
                               json={"tier": "VIP", "reason": "Group headquarters account"})).json()
    denied = await seg.post(f"/v1/tier-overrides/{override['id']}/approve", headers=ACCOUNT_MANAGER)
    assert denied.status_code == 403
    rejected = await seg.post(f"/v1/tier-overrides/{override['id']}/reject", headers=MANAGER,
                              json={"note": "not yet"})
    assert rejected.json()["status"] == "rejected"
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert profile["score"]["tier"] == "Key"
    queue = (await seg.get("/v1/tier-overrides", params={"status": "rejected"}, headers=MANAGER)).json()
    assert override["id"] in {item["id"] for item in queue["items"]}


async def test_expired_override_returns_the_computed_tier(seg):
    from datetime import UTC, datetime, timedelta

    from services.segmentation.service.overrides import expire_overrides

    customer_id = await _scored(seg, "C")
    override = (await seg.post(f"/v1/customers/{customer_id}/tier-overrides", headers=ACCOUNT_MANAGER,
                               json={"tier": "VIP", "reason": "Pilot for a flagship product"})).json()
    await seg.post(f"/v1/tier-overrides/{override['id']}/approve", headers=MANAGER)
    await expire_overrides(seg.app.state.ctx, datetime.now(UTC) + timedelta(days=181))
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert profile["score"]["tier"] == "Observation"
    history = (await seg.get(f"/v1/customers/{customer_id}/history", headers=MANAGER)).json()
    assert [c["reason"] for c in history["tier_changes"][:2]] == ["override-expired", "override-approved"]


def _model(vip=90, weights=None):
    return {
        "curves": {
            "R": [[0, 100], [30, 95], [60, 85], [120, 60], [365, 0]],
            "F": [[0, 0], [2, 40], [6, 70], [12, 95], [24, 100]],
            "M": [[0, 0], [50000, 50], [300000, 80], [500000, 90], [1000000, 100]],
            "P": [[-10, 0], [0, 30], [8, 70], [15, 90], [30, 100]],
            "L": [[0, 0], [100, 100]],
        },
        "weights": weights or {"R": 0.2, "F": 0.15, "M": 0.35, "P": 0.15, "L": 0.15},
        "thresholds": {"VIP": vip, "Key": 70, "Regular": 50},
    }


async def test_dry_run_reports_tier_moves_and_saves_nothing(seg):
    await _scored(seg, "A")
    before = (await seg.get("/v1/scoring-model", headers=ANALYST)).json()
    response = await seg.post("/v1/scoring-model/dry-run", json=_model(vip=95), headers=ANALYST)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["moves"].get("VIP->Key", 0) >= 1
    assert report["customers"] == report["moved"] + report["unchanged"]
    active = (await seg.get("/v1/scoring-model", headers=ANALYST)).json()
    assert active == before
    assert active["thresholds"]["VIP"] != 95


async def test_invalid_models_are_refused_naming_the_field(seg):
    bad = await seg.post("/v1/scoring-model/dry-run", headers=MANAGER,
                         json=_model(weights={"R": 0.5, "F": 0.15, "M": 0.35, "P": 0.15, "L": 0.15}))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "weights"
    missing = await seg.put("/v1/scoring-model", headers=MANAGER, json={"weights": {}})
    assert missing.status_code == 422
    assert (await seg.put("/v1/scoring-model", headers=ANALYST, json=_model())).status_code == 403


async def test_rescore_all_runs_as_a_job_with_progress(seg):
    ids = [await create_worked_example(seg, letter, prefix="job") for letter in "ABC"]
    job = await seg.post("/v1/rescore", headers=MANAGER)
    assert job.status_code == 202
    job_id = job.json()["id"]

    async def finished():
        body = (await seg.get(f"/v1/jobs/{job_id}", headers=ANALYST)).json()
        return body if body["status"] == "done" else None

    done = await eventually(finished, timeout=30)
    assert done["processed"] == done["total"] >= 3
    assert done["progress"] == 1.0
    for customer_id in ids:
        profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
        assert profile["score"] is not None
    assert (await seg.get("/v1/jobs/unknown", headers=ANALYST)).status_code == 404


async def test_only_one_replica_claims_a_job(seg):
    from datetime import UTC, datetime

    from services.segmentation.models import RescoreJobRow
    from services.segmentation.service.jobs import claim_job, create_job

    ctx = seg.app.state.ctx
    async with ctx.db.session() as session:
        job = await create_job(session, "job", "test", datetime.now(UTC))
    # Ten claimers race; SKIP LOCKED lets exactly one take the queued job.
    claims = await asyncio.gather(*[claim_job(ctx, f"w{i}", datetime.now(UTC)) for i in range(10)])
    mine = [c for c in claims if c == job.id]
    assert len(mine) <= 1
    async with ctx.db.session() as session:
        row = await session.get(RescoreJobRow, job.id)
    assert row.status in ("running", "done")


async def test_new_model_version_is_applied_with_a_rescore_job(seg):
    customer_id = await _scored(seg, "A")
    response = await seg.put("/v1/scoring-model", headers=MANAGER,
                             json={**_model(vip=95), "version": "strict-vip-v2"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["model"]["version"] == "strict-vip-v2"
    job_id = body["rescore_job"]["id"]

    async def finished():
        job = (await seg.get(f"/v1/jobs/{job_id}", headers=ANALYST)).json()
        return job["status"] == "done"

    await eventually(finished, timeout=30)
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert profile["score"]["model_version"] == "strict-vip-v2"
    assert profile["score"]["tier"] == "Key"
    duplicate = await seg.put("/v1/scoring-model", headers=MANAGER,
                              json={**_model(), "version": "strict-vip-v2"})
    assert duplicate.status_code == 409
    restore = await seg.put("/v1/scoring-model", headers=MANAGER,
                            json={**_model(), "version": "default-again"})
    assert restore.status_code == 200
    # Let the restoring job finish here, so that it does not rescore other tests' customers.
    job_id = restore.json()["rescore_job"]["id"]
    await eventually(finished, timeout=30)
