"""The dashboard's CSAT after resolution per agent, team and tier, and the month's CSV carrying it,
over HTTP against the real services (docs/design.md §5, §12)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime

import httpx
import pytest

from shared.business_time import month_of, zone_named
from tests.console_stack import console_app, seed, served
from tests.integration.console.helpers import page_text, sign_in
from tests.support import ADMIN

EN = {"Accept-Language": "en"}
MONTH = month_of(datetime.now(UTC), zone_named("Asia/Shanghai"))


@pytest.fixture(scope="module")
def seeded(service_urls):
    return seed(service_urls)


@pytest.fixture(scope="module")
def console(platform_config, service_urls):
    with served(console_app(platform_config, service_urls), "console-csat") as server:
        yield server.url


async def _rated_ticket(api: httpx.AsyncClient, customer_id: str, agent: str, rating: int) -> dict:
    """A ticket worked by `agent`, resolved, and rated by the customer when confirming."""
    opened = await api.post(
        "/v1/tickets",
        json={
            "customer_id": customer_id,
            "channel": "app",
            "type": "problem",
            "category": "billing",
            "priority": "P3",
            "description": f"Invoice total differs ({agent})",
        },
    )
    assert opened.status_code == 201, opened.text
    ticket = opened.json()["id"]
    for action, body in (
        ("assign", {"assignee": agent}),
        ("responses", {"message": "Corrected"}),
        ("resolve", {"solution": "Reissued the invoice"}),
        ("verification", {"solved": True, "rating": rating}),
    ):
        done = await api.post(f"/v1/tickets/{ticket}/{action}", json=body)
        assert done.status_code == 200, (action, done.text)
    return done.json()


def _row(html: str, by: str, group: str) -> str:
    table = html.split(f'<table class="csat" data-by="{by}">', 1)[1].split("</table>", 1)[0]
    row = table.split(f'data-group="{group}">', 1)[1].split("</tr>", 1)[0]
    return page_text(row).strip()


async def test_the_manager_reads_csat_per_agent_team_and_tier_and_downloads_it(console, seeded, service_urls):
    agent = f"agent-csat-{uuid.uuid4().hex[:6]}"
    async with httpx.AsyncClient(base_url=service_urls["feedback"], headers=ADMIN, timeout=30) as api:
        rated = [await _rated_ticket(api, seeded.customer_id, agent, score) for score in (5, 3)]
        reports = {
            by: (await api.get("/v1/reports/csat", params={"month": MONTH, "by": by})).json()
            for by in ("agent", "team", "tier")
        }
    team, tier = rated[0]["team"], rated[0]["tier"]
    assert tier == "VIP" and all(t["csat_rating"] for t in rated)
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "mgr-zhou")
        page = await browser.get("/dashboard", params={"month": MONTH})
        download = await browser.get("/dashboard/report.csv", params={"month": MONTH})
    assert page.status_code == 200
    html = page.text
    assert f"CSAT after resolution in {MONTH}" in html
    # The agent's two ratings: one satisfied (5) of two -> 50%, mean 4.
    assert _row(html, "agent", agent) == f"{agent} 2 50% 4.00 5★ 1 · 4★ 0 · 3★ 1 · 2★ 0 · 1★ 0"
    # Team and tier rows show what the feedback service reported for them (other tests rate too).
    for by, group, label in (("team", team, team), ("tier", tier, "VIP")):
        reported = next(g for g in reports[by]["groups"] if g["group"] == group)
        shown = _row(html, by, group)
        assert shown.startswith(f"{label} {reported['ratings']} {round(reported['csat'] * 100)}%"), shown
    assert _row(html, "agent", "all").startswith(f"Everyone {reports['agent']['overall']['ratings']} ")
    assert 'id="csat-csv"' in html

    # The month has no stored report yet (built on the 1st of the next): the CSV carries the CSAT.
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "group", "metric", "value"] and ["", "", "month", MONTH] in rows
    assert ["csat_by_agent", agent, "ratings", "2"] in rows
    assert ["csat_by_agent", agent, "csat", "0.5"] in rows
    assert ["csat_by_agent", f"{agent}/distribution", "3", "1"] in rows
    assert [
        "csat_by_team",
        team,
        "ratings",
        str(
            reports["team"]["groups"][[g["group"] for g in reports["team"]["groups"]].index(team)]["ratings"]
        ),
    ] in rows
    assert any(r[:3] == ["csat_by_tier", "VIP", "csat"] for r in rows)
    assert ["csat_by_agent", "all", "ratings", str(reports["agent"]["overall"]["ratings"])] in rows
    assert not any(r[0] == "sla" for r in rows)  # nothing of a report that is not built
