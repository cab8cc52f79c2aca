"""The console's pages built from the APIs the calendar and the notification service added, over HTTP
against the real services (PostgreSQL, broker): the customer 360's trend, computed tier, recurring
care, messages and contact preferences; the ticket's recent orders; the dashboard's stored monthly
report with its CSV and SLA by tier and priority (docs/design.md §9, §10, §12)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from services.console.domain.reports import previous_months
from shared.business_time import month_of, zone_named
from tests.console_stack import console_app, seed, served
from tests.integration.console.helpers import page_text, sign_in
from tests.support import ADMIN, eventually

ZONE = zone_named("Asia/Shanghai")
EN = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def seeded(service_urls):
    return seed(service_urls)


@pytest.fixture(scope="module")
def console(platform_config, service_urls):
    with served(console_app(platform_config, service_urls), "console-landed") as server:
        yield server.url


_text = page_text


def _section(html: str, labelled_by: str) -> str:
    return html.split(f'aria-labelledby="{labelled_by}"', 1)[1].split("</section>", 1)[0]


async def test_the_customer_360_shows_the_trend_and_the_computed_tier_beside_the_tier(
    console, service_urls
):
    segmentation = service_urls["segmentation"]
    customer = f"trend-{datetime.now(UTC):%H%M%S%f}"
    now = datetime.now(UTC)
    async with httpx.AsyncClient(base_url=segmentation, headers=ADMIN, timeout=30) as api:
        (await api.put(f"/v1/customers/{customer}", json={
            "name": "Trend Co", "industry": "retail", "since": "2019-01-01", "growth_pct": 15,
            "repurchase_rate": 85, "owner": "am-li"})).raise_for_status()
        # A small old order first (the first score sets the tier), then a year of big ones: the
        # score moves at once, the tier waits for its review.
        (await api.post(f"/v1/customers/{customer}/orders", json={
            "order_id": f"{customer}-0", "amount": 2000,
            "ordered_at": (now - timedelta(days=300)).isoformat()})).raise_for_status()
        (await api.post(f"/v1/customers/{customer}/orders", json=[
            {"order_id": f"{customer}-{i}", "amount": 70_000,
             "ordered_at": (now - timedelta(days=2 + 28 * i)).isoformat()} for i in range(1, 13)
        ])).raise_for_status()
        # Month-end snapshots of 1 and 3 months ago (a backfill): the trend reads them.
        for month in previous_months(month_of(now, ZONE), 4)[:3:2][::-1]:
            (await api.post("/v1/monthly-snapshots", json={"month": month})).raise_for_status()
        profile = (await api.get(f"/v1/customers/{customer}")).json()
    assert (profile["score"]["tier"], profile["score"]["computed_tier"]) == ("Observation", "VIP")
    trend = profile["trend"]
    assert trend["m1"] is not None and trend["m3"] is not None and trend["direction"]
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "am-li")
        page = await browser.get(f"/customers/{customer}")
    assert page.status_code == 200
    html = page.text
    assert 'id="computed-tier" data-tier="VIP"' in html
    shown = _text(_section(html, "score"))
    assert "Computed tier: VIP" in shown and "the tier follows the score at the next review" in shown
    assert f'data-direction="{trend["direction"]}"' in html
    rows = _text(html.split('<table class="trend">', 1)[1].split("</table>", 1)[0])
    assert f"1 month ago {trend['m1']:,.1f} {round(profile['score']['value'] - trend['m1'], 1):+.1f}" in rows
    assert f"3 months ago {trend['m3']:,.1f}" in rows
    assert "12 months ago – –" in rows  # no snapshot that far back


async def test_the_customer_360_shows_recurring_care_messages_and_contact_preferences(
    console, seeded, service_urls
):
    customer = seeded.customer_id
    async with httpx.AsyncClient(headers=ADMIN, timeout=30) as api:
        plan = await eventually(lambda: _recurring(api, service_urls["playbook"], customer), timeout=60)
        (await api.post(f"{service_urls['survey']}/v1/surveys/default/invitations",
                        json={"customer_ids": [customer]})).raise_for_status()
        (await api.put(f"{service_urls['notification']}/v1/contacts/{customer}/preferences",
                       json={"consent": True, "opted_out": ["sms"], "language": "en"})).raise_for_status()
        notification = service_urls["notification"]
        messages = await eventually(lambda: _messages(api, notification, customer), timeout=60)
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "am-li")
        html = (await browser.get(f"/customers/{customer}")).text
    async with httpx.AsyncClient(headers=ADMIN, timeout=30) as api:
        later = {m["id"]: m["status"] for m in await _messages(api, notification, customer)}
        replanned = await _recurring(api, service_urls["playbook"], customer)
    # Each recurring action with its period and next due date, as the plan stood before or after
    # the page was built (a score event may re-plan the customer meanwhile).
    recurring = html.split('<table class="recurring"', 1)[1].split("</table>", 1)[0]
    rows = {kind: _text(row) for kind, row in re.findall(r'data-kind="([^"]+)"(.*?)</tr>', recurring, re.S)}
    assert any(set(rows) == {p["kind"] for p in planned} and all(
        p["period"] in rows[p["kind"]] and _local_day(p["next_due_at"]) in rows[p["kind"]] for p in planned)
        for planned in (plan, replanned)), (rows, plan, replanned)
    sent = _section(html, "messages")
    # Each message with its status as the service reported it (sending may move it on meanwhile).
    shown = dict(re.findall(r'data-message="([^"]+)" data-status="([^"]+)"', sent))
    assert {m["id"] for m in messages} <= set(shown)
    assert all(shown[m["id"]] in (m["status"], later[m["id"]]) for m in messages)
    invitation = next(m for m in messages if m["template"] == "survey-invitation")
    row = sent.split(f'data-message="{invitation["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert "Survey invitation" in row and "the customer · e-mail" in row
    preferences = _text(_section(html, "preferences"))
    assert "Consent to be contacted yes" in preferences and "Opted out of SMS" in preferences
    assert "Language en" in preferences and "Quiet hours 21:00-09:00" in preferences


def _local_day(moment: str) -> str:
    return datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(ZONE).strftime("%Y-%m-%d")


async def _recurring(api: httpx.AsyncClient, playbook: str, customer: str):
    response = await api.get(f"{playbook}/v1/customers/{customer}/plan")
    return response.json().get("recurring") if response.status_code == 200 else None


async def _messages(api: httpx.AsyncClient, notification: str, customer: str):
    """The customer's messages once its survey invitation is among them."""
    response = await api.get(f"{notification}/v1/messages", params={"customer_id": customer})
    items = response.json()["items"] if response.status_code == 200 else []
    return items if any(m["template"] == "survey-invitation" for m in items) else None


async def test_a_ticket_shows_the_customers_recent_orders_newest_first(console, seeded, service_urls):
    async with httpx.AsyncClient(headers=ADMIN) as api:
        orders = (await api.get(f"{service_urls['segmentation']}/v1/customers/{seeded.customer_id}/orders",
                                params={"limit": 5})).json()["items"]
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "agent-zhang")
        html = (await browser.get(f"/tickets/{seeded.fresh_ticket_id}")).text
    listed = re.findall(r'data-order="([^"]+)"', html.split('id="recent-orders"', 1)[1].split("</ul>", 1)[0])
    assert listed == [o["order_id"] for o in orders] and len(listed) == 5
    assert listed[0] == f"{seeded.customer_id}-0"  # the newest of the seeded orders
    assert "¥66,666.67" in html


async def test_the_dashboard_reads_the_stored_monthly_report_and_says_when_a_month_has_none(
    console, seeded, service_urls
):
    this_month = month_of(datetime.now(UTC), ZONE)
    last_month = previous_months(this_month, 2)[0]
    async with httpx.AsyncClient(headers=ADMIN) as api:
        # Built when the feedback service first saw its schedule: the month before's report.
        report = (await eventually(lambda: api.get(f"{service_urls['feedback']}/v1/reports/monthly",
                                                   params={"month": last_month}))).json()
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "mgr-zhou")
        current = await browser.get("/dashboard", params={"month": this_month})
        closed = await browser.get("/dashboard", params={"month": last_month})
        download = await browser.get("/dashboard/report.csv", params={"month": last_month})
        none_yet = await browser.get("/dashboard/report.csv", params={"month": this_month})
    assert current.status_code == 200
    waiting = _text(_section(current.text, "report"))
    assert f"No report for {this_month} yet: the tickets service builds it on the 1st" in waiting
    assert f'href="/dashboard?month={last_month}#monthly-report"' in current.text
    assert "Download CSV" not in waiting
    shown = closed.text
    assert "Built by the tickets service at" in shown and "Download CSV" in shown
    tables = _text(shown.split('id="report-satisfaction"', 1)[1])
    assert "Tier Answers Satisfaction NPS All tiers" in tables and f"No tickets in {last_month}" in shown
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "group", "metric", "value"]
    assert ["", "", "month", last_month] in rows and ["", "", "kind", report["kind"]] in rows
    assert ["effect", "", "tickets_resolved", str(report["effect"]["tickets_resolved"])] in rows
    # A month whose report is not built yet still downloads its CSAT per agent, team and tier.
    assert none_yet.status_code == 200
    so_far = list(csv.reader(io.StringIO(none_yet.content.decode("utf-8-sig"))))
    assert ["", "", "month", this_month] in so_far and not any(r[0] == "sla" for r in so_far)
    assert {r[0] for r in so_far[1:]} <= {"", "csat_by_agent", "csat_by_team", "csat_by_tier"}
    assert any(r[0] == "csat_by_agent" for r in rows)  # last month's report carries its CSAT too
