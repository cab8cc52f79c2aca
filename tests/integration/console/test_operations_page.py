"""The operations page over HTTP (docs/design.md §9): an admin sees every service's schedules with
their last and next run, moves the services' test clocks forward together from the console and
watches the month close: the tickets service builds the month's report, which the dashboard then
reads with its SLA by tier and priority and its CSV. The services here run on a database and topics
of their own: their clocks move, which the console's shared bench must not see."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import uuid
from datetime import UTC, datetime, timedelta
from html import unescape

import httpx
import pytest

from services.console.domain.clocks import ClockStep, step_target
from services.feedback.app import create_app as feedback_app
from services.feedback.settings import feedback_settings
from services.segmentation.app import create_app as segmentation_app
from services.segmentation.settings import segmentation_settings
from shared.business_time import month_of, zone_named
from tests.console_stack import console_app, served
from tests.integration.console.helpers import form_fields, sign_in
from tests.support import ADMIN, eventually, free_port

ZONE = zone_named("Asia/Shanghai")
EN = {"Accept-Language": "en"}


@pytest.fixture
def calendar_bench(own_database, platform_config):
    """Segmentation and feedback on a database and topic prefix of their own, and a console whose
    other services are down (their parts of the page say so)."""
    config = {**platform_config, "database_url": own_database, "run_consumers": False,
              "kafka_topic_prefix": f"ops-{uuid.uuid4().hex[:8]}."}
    down = f"http://127.0.0.1:{free_port()}"
    with contextlib.ExitStack() as stack:
        urls = {
            "segmentation": stack.enter_context(
                served(segmentation_app(segmentation_settings(**config)), "ops-segmentation")).url,
            "feedback": stack.enter_context(
                served(feedback_app(feedback_settings(**config)), "ops-feedback")).url,
            "survey": down, "playbook": down, "notification": down,
        }
        urls["console"] = stack.enter_context(served(console_app(platform_config, urls), "ops-console")).url
        yield urls


def _schedule_row(html: str, name: str) -> str:
    return html.split(f'data-schedule="{name}"', 1)[1].split("</tr>", 1)[0]


async def test_an_admin_moves_every_clock_to_next_month_and_watches_the_monthly_report_arrive(calendar_bench):
    feedback, console = calendar_bench["feedback"], calendar_bench["console"]
    async with httpx.AsyncClient(headers=ADMIN) as api:
        ticket = (await api.post(f"{feedback}/v1/tickets", json={
            "customer_id": "ops-customer", "channel": "phone", "type": "complaint", "category": "account",
            "priority": "P1", "description": "Outage during the month"})).json()
        before = (await api.get(f"{feedback}/v1/clock")).json()
    this_month = month_of(datetime.now(UTC), ZONE)
    async with httpx.AsyncClient(base_url=console, headers=EN, timeout=60) as browser:
        await sign_in(browser, "admin")
        page = await browser.get("/operations")
        assert page.status_code == 200
        html = page.text
        for name in ("monthly-snapshot", "churn-detection", "auto-close", "monthly-report"):
            assert f'data-schedule="{name}"' in html, name
        assert html.count('class="clock"') == 2  # segmentation's and feedback's test clocks
        assert html.count("the care playbook service does not answer") == 2  # its clock and schedules
        form = form_fields(html, "/operations/clock")
        assert form["step"] == "day"
        moved = await browser.post("/operations/clock", data={**form, "step": ClockStep.NEXT_MONTH.value})
        assert moved.status_code == 303 and moved.headers["location"] == "/operations?moved=1"
        now = datetime.fromisoformat(before["now"].replace("Z", "+00:00"))
        target = step_target(now, ClockStep.NEXT_MONTH, ZONE)
        async with httpx.AsyncClient(headers=ADMIN) as api:
            for service in ("segmentation", "feedback"):
                clock = (await api.get(f"{calendar_bench[service]}/v1/clock")).json()
                moved_to = datetime.fromisoformat(clock["now"].replace("Z", "+00:00"))
                assert timedelta(0) <= moved_to - target < timedelta(minutes=1), service
            assert target.astimezone(ZONE).strftime("%d %H:%M") == "02 10:00"
            report = await eventually(lambda: _report(api, feedback, this_month), timeout=60)

        async def report_run_shown():
            shown = (await browser.get("/operations")).text
            row = _schedule_row(shown, "monthly-report")
            return shown if 'data-status="done"' in row and f"period {this_month}-01" in _text(row) else None

        after = await eventually(report_run_shown, timeout=30)
        assert "Clock at " + target.astimezone(ZONE).strftime("%Y-%m-%d %H:%M") in _text(after)
        dashboard = await browser.get("/dashboard", params={"month": this_month})
        download = await browser.get("/dashboard/report.csv", params={"month": this_month})
    assert dashboard.status_code == 200 and "Built by the tickets service" in dashboard.text
    table = dashboard.text.split('<table class="sla-priority"', 1)[1].split("</table>", 1)[0]
    by_tier = report["sla"]["by_tier_and_priority"]
    shown_rows = re.findall(r'data-tier="([^"]+)" data-priority="([^"]+)"', table)
    assert shown_rows == [(tier, p) for tier, row in by_tier.items() for p in row]
    # The ticket's customer has no tier here (no score-updated consumed): it counts under "unknown".
    row = _text(table.split('data-tier="unknown" data-priority="P1"', 1)[1].split("</tr>", 1)[0])
    p1 = by_tier["unknown"]["P1"]
    assert ticket["priority"] == "P1" and p1["tickets"] == 1
    # Unanswered while a month passed: its first response and resolution targets missed.
    assert row.startswith("> Tier unknown P1 1 0%") and row.strip().endswith("0%")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert ["sla", "by_tier_and_priority/unknown/P1", "tickets", "1"] in rows


async def _report(api: httpx.AsyncClient, feedback: str, month: str):
    response = await api.get(f"{feedback}/v1/reports/monthly", params={"month": month})
    return response.json() if response.status_code == 200 else None


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


async def test_a_time_before_the_clocks_is_refused_next_to_its_input_and_only_admins_open_the_page(
    calendar_bench,
):
    console = calendar_bench["console"]
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "admin")
        form = form_fields((await browser.get("/operations")).text, "/operations/clock")
        refused = await browser.post("/operations/clock", data={**form, "to": "2020-01-01T10:00"})
    assert refused.status_code == 422
    assert 'name="to" type="datetime-local" value="2020-01-01T10:00"' in refused.text
    error = re.search(r'id="to-error">(.*?)</p>', refused.text).group(1)
    assert "choose a later time" in unescape(error)
    async with httpx.AsyncClient(headers=ADMIN) as api:
        clock = (await api.get(f"{calendar_bench['feedback']}/v1/clock")).json()
    assert clock["offset_seconds"] < 60  # nothing moved
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "mgr-zhou")
        assert (await browser.get("/operations")).status_code == 403
        nav = (await browser.get("/tickets")).text.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert 'href="/operations"' not in nav
