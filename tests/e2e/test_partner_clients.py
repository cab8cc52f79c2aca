"""What a partner tries first on `make run`: reading the event stream of the embedded broker with
a librdkafka client (kcat, from Debian packages), as docs/partner-guide.md says to."""

import asyncio
import json
import shutil
import uuid

import pytest

from services.segmentation.app import create_app
from services.segmentation.settings import segmentation_settings
from tests.support import ADMIN, EventCollector, running_service

# The settings the partner guide gives for the embedded broker: it answers the ApiVersions
# request in a form librdkafka rejects, and its ListOffsets v0 too, so the client must skip the
# version probe, speak the 0.9 protocol and start from an explicit offset (no consumer group).
EMBEDDED_BROKER_SETTINGS = ["-X", "api.version.request=false", "-X", "broker.version.fallback=0.9.0"]


@pytest.mark.skipif(shutil.which("kcat") is None, reason="kcat is not installed (Debian package kcat)")
async def test_kcat_reads_a_platform_event_from_the_embedded_broker_as_the_partner_guide_says(
    platform_config,
):
    customer_id = f"KCAT-{uuid.uuid4().hex[:8]}"
    app = create_app(segmentation_settings(**platform_config, run_workers=False))
    async with running_service(app) as seg, \
            EventCollector(platform_config["kafka_bootstrap"], ["score-updated"]) as seen:
        profile = {"name": "Partner Test Co", "industry": "retail", "since": "2020-01-01", "growth_pct": 5}
        assert (await seg.put(f"/v1/customers/{customer_id}", json=profile, headers=ADMIN)).status_code == 201
        assert (await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ADMIN)).status_code == 200
        await seen.wait_for(lambda e: e["subject"] == customer_id)

    process = await asyncio.create_subprocess_exec(
        "kcat", "-b", platform_config["kafka_bootstrap"], *EMBEDDED_BROKER_SETTINGS,
        "-C", "-t", "score-updated", "-o", "0", "-e", "-J", "-q",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    records = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    ours = [r for r in records if r.get("key") == customer_id]
    assert ours, f"kcat read {len(records)} records, none for {customer_id}: {err.decode()[-500:]}"
    envelope = json.loads(ours[0]["payload"])
    assert (envelope["specversion"], envelope["type"], envelope["subject"]) == ("1.0", "score-updated",
                                                                                 customer_id)
    assert envelope["data"]["customer_id"] == customer_id
