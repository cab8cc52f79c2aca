"""What a partner tries first on `make run`: reading the event stream of the embedded broker with
a librdkafka client (kcat, from Debian packages) and with the guide's aiokafka example, as
docs/partner-guide.md says to."""

import asyncio
import json
import re
import shutil
import sys
import uuid
from pathlib import Path

import pytest

from services.segmentation.app import create_app
from services.segmentation.settings import segmentation_settings
from tests.support import ADMIN, TEST_JWT_SECRET, Broker, EventCollector, running_service

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


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "partner-guide.md"
GUIDE_BOOTSTRAP = "127.0.0.1:9092"


def guide_consumer_example() -> str:
    """The one complete Python program of the partner guide (the block that runs `asyncio.run`)."""
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)
    programs = [b for b in blocks if "asyncio.run(" in b]
    assert len(programs) == 1, f"expected one runnable aiokafka example in the guide, found {len(programs)}"
    assert programs[0].count(GUIDE_BOOTSTRAP) == 1, "the example names make run's broker address once"
    return programs[0]


async def run_example(program: str, timeout: float = 90) -> list[str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", program, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout=timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail(f"the guide's example did not stop by itself within {timeout} s")
    assert process.returncode == 0, err.decode()
    return out.decode().splitlines()


async def test_the_partner_guides_aiokafka_example_runs_as_written_and_stops_by_itself(own_database):
    """On an embedded broker of its own (so the topic holds only this test's events), the guide's
    program reads a real `score-updated`, prints it, commits, and ends; run again, it resumes
    after its committed offset. Only the broker address differs from the guide (a free port)."""
    broker = Broker()
    broker.start()
    try:
        customer_id = f"GUIDE-{uuid.uuid4().hex[:8]}"
        settings = segmentation_settings(database_url=own_database, kafka_bootstrap=broker.bootstrap,
                                         jwt_secret=TEST_JWT_SECRET, outbox_poll_seconds=0.05,
                                         run_workers=False)
        async with running_service(create_app(settings)) as seg, \
                EventCollector(broker.bootstrap, ["score-updated"]) as seen:
            profile = {"name": "Guide Test Co", "industry": "retail", "since": "2020-01-01", "growth_pct": 5}
            created = await seg.put(f"/v1/customers/{customer_id}", json=profile, headers=ADMIN)
            assert created.status_code == 201, created.text
            rescored = await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ADMIN)
            assert rescored.status_code == 200, rescored.text
            await seen.wait_for(lambda e: e["subject"] == customer_id)
            published = [e for e in seen.events if e["subject"] == customer_id]

        program = guide_consumer_example().replace(GUIDE_BOOTSTRAP, broker.bootstrap)
        first = await run_example(program)
        printed = [line for line in first if line.startswith("score-updated ")]
        assert printed == [f"score-updated {customer_id} {e['data']['tier']}" for e in published], first
        assert first[-1] == f"read {len(published)} events"
        again = await run_example(program)
        assert again == ["read 0 events"], "the second run starts after the first one's commits"
    finally:
        broker.stop()
