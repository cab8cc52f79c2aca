"""The console's settings over HTTP against the real services (PostgreSQL, broker): every settings
write carries If-Match from the version its form shows (a stale form gets the 412 detail next to it,
the input kept); the calendar's own settings (evaluation and verification policies, survey and care
schedules) read by everyone who opens the settings and changed by admins, a bad value named next to
its field; partner webhooks subscribed, delivered, rotated, replayed and removed from the console
(docs/design.md §9, §10, §12, §13)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import httpx
import pytest

from shared.business_time import zone_named
from tests.console_stack import console_app, served
from tests.integration.console.helpers import form_fields, sign_in
from tests.support import ADMIN, eventually

EN = {"Accept-Language": "en"}
STALE = '"a-version-nobody-read"'
ZONE = zone_named("Asia/Shanghai")

# Each settings form: its page, the action it posts to, and the service document it replaces.
SETTINGS_WRITES = [
    ("/settings/scoring-model", "/settings/scoring-model", "segmentation", "/v1/scoring-model"),
    ("/settings/sla", "/settings/sla", "feedback", "/v1/sla-policy"),
    ("/settings/calendar", "/settings/calendar", "feedback", "/v1/calendar"),
    ("/settings/rules", None, "playbook", "/v1/rules"),
    ("/settings/contact-policy", "/settings/contact-policy", "playbook", "/v1/contact-policy"),
    ("/settings/evaluation-policy", "/settings/evaluation-policy", "segmentation", "/v1/evaluation-policy"),
    ("/settings/verification-policy", "/settings/verification-policy", "feedback", "/v1/verification-policy"),
    ("/settings/survey-schedule", "/settings/survey-schedule", "survey", "/v1/survey-schedule"),
    ("/settings/care-schedule", "/settings/care-schedule", "playbook", "/v1/care-schedule"),
]


@pytest.fixture(scope="module")
def console(platform_config, service_urls):
    with served(console_app(platform_config, service_urls), "console-settings") as server:
        yield server.url


@pytest.fixture
async def admin(console):
    async with httpx.AsyncClient(base_url=console, headers=EN, timeout=30) as client:
        await sign_in(client, "admin")
        yield client


def _form_error(html: str) -> str:
    found = re.search(r'<p class="field-error" role="alert">(.*?)</p>', html, re.S)
    return unescape(found.group(1)) if found else ""


def _field_error(html: str, field: str) -> str:
    found = re.search(rf'<p class="field-error" id="{re.escape(field)}-error">(.*?)</p>', html, re.S)
    return unescape(found.group(1)) if found else ""


@pytest.mark.parametrize(("page", "action", "service", "document"), SETTINGS_WRITES)
async def test_every_settings_write_sends_if_match_and_a_stale_one_is_refused_with_the_input_kept(
    admin, service_urls, page, action, service, document
):
    html = (await admin.get(page)).text
    if action is None:  # the rules: one form per rule, each with the rule set's version
        action = re.search(r'action="(/settings/rules/[^"]+)"', html).group(1)
    # The model's form posts a dry run; applying it posts the same form elsewhere (formaction).
    form = form_fields(html, f"{action}/dry-run" if action == "/settings/scoring-model" else action)
    async with httpx.AsyncClient(headers=ADMIN) as api:
        before = await api.get(f"{service_urls[service]}{document}")
    assert unescape(form["if_match"]) == before.headers["etag"]  # the version the form shows
    stale = await admin.post(action, data={**form, "if_match": STALE})
    assert stale.status_code == 412, stale.text[:2000]
    assert "since you read it" in _form_error(stale.text)
    typed = next(v for k, v in form.items() if k not in ("csrf_token", "if_match") and v.strip())
    assert unescape(typed) in unescape(stale.text)  # the input is kept
    async with httpx.AsyncClient(headers=ADMIN) as api:
        after = await api.get(f"{service_urls[service]}{document}")
    assert after.headers["etag"] == before.headers["etag"]  # nothing was saved


async def test_two_admins_edit_the_care_schedule_and_the_second_sees_why_with_its_input_kept(
    admin, service_urls
):
    playbook = service_urls["playbook"]
    page = await admin.get("/settings/care-schedule")
    form = form_fields(page.text, "/settings/care-schedule")
    async with httpx.AsyncClient(base_url=playbook, headers=ADMIN) as api:
        original = (await api.get("/v1/care-schedule")).json()
        # Someone else saves a version after this admin opened the page.
        other = await api.put("/v1/care-schedule", headers={"If-Match": unescape(form["if_match"])},
                              json={"presence_check_days": 40, "digest_at_risk_days": 30})
        assert other.status_code == 200
    try:
        stale = await admin.post("/settings/care-schedule", data={**form, "presence_check_days": "45"})
        assert stale.status_code == 412
        assert "changed since you read it" in _form_error(stale.text)
        assert 'id="presence_check_days" name="presence_check_days" value="45"' in stale.text
        assert f'data-version="{original["version"] + 1}"' in stale.text  # the version now stored
        # Having seen why, the admin saves again: the form now carries the newest version.
        resubmitted = form_fields(stale.text, "/settings/care-schedule")
        again = await admin.post("/settings/care-schedule", data=resubmitted)
        assert again.status_code == 200 and "Saved as a new version." in again.text
        async with httpx.AsyncClient(base_url=playbook, headers=ADMIN) as api:
            stored = (await api.get("/v1/care-schedule")).json()
        assert (stored["version"], stored["presence_check_days"]) == (original["version"] + 2, 45)
    finally:
        await _restore(playbook, "/v1/care-schedule", original)


async def _restore(base: str, path: str, original: dict) -> None:
    async with httpx.AsyncClient(base_url=base, headers=ADMIN) as api:
        document = {k: v for k, v in original.items() if k not in ("version", "created_by", "created_at")}
        assert (await api.put(path, json=document)).status_code == 200


@pytest.mark.parametrize(
    ("page", "service", "document", "field", "value", "said"),
    [
        ("verification-policy", "feedback", "/v1/verification-policy", "auto_close_after_days", "0",
         "greater than or equal to 1"),
        ("evaluation-policy", "segmentation", "/v1/evaluation-policy", "review_interval_days.VIP", "1", "7"),
        ("survey-schedule", "survey", "/v1/survey-schedule", "reminder_after_days", "3, 100", "1..60"),
        ("survey-schedule", "survey", "/v1/survey-schedule", "fatigue_days", "a month", "not a number"),
        ("care-schedule", "playbook", "/v1/care-schedule", "digest_at_risk_days", "2.5",
         "not a whole number"),
    ],
)
async def test_a_bad_value_of_the_calendars_settings_is_named_next_to_its_field_and_nothing_is_saved(
    admin, service_urls, page, service, document, field, value, said
):
    form = form_fields((await admin.get(f"/settings/{page}")).text, f"/settings/{page}")
    async with httpx.AsyncClient(headers=ADMIN) as api:
        before = (await api.get(f"{service_urls[service]}{document}")).json()
    refused = await admin.post(f"/settings/{page}", data={**form, field: value})
    assert refused.status_code == 422
    assert said in _field_error(refused.text, field.replace(".", "-")), refused.text[-3000:]
    assert f'name="{field}" value="{value}"' in refused.text and 'aria-invalid="true"' in refused.text
    async with httpx.AsyncClient(headers=ADMIN) as api:
        assert (await api.get(f"{service_urls[service]}{document}")).json()["version"] == before["version"]


async def test_an_admin_changes_the_evaluation_policy_and_the_survey_schedule(admin, service_urls):
    segmentation, survey = service_urls["segmentation"], service_urls["survey"]
    async with httpx.AsyncClient(headers=ADMIN) as api:
        policy = (await api.get(f"{segmentation}/v1/evaluation-policy")).json()
        schedule = (await api.get(f"{survey}/v1/survey-schedule")).json()
    try:
        page = await admin.get("/settings/evaluation-policy")
        form = form_fields(page.text, "/settings/evaluation-policy")
        assert form["review_interval_days.VIP"] == "91" and form["high_value_share"] == "0.3"
        saved = await admin.post("/settings/evaluation-policy",
                                 data={**form, "review_interval_days.VIP": "60", "trend_flat_band": "2.5"})
        assert saved.status_code == 200 and "Saved as a new version." in saved.text
        form = form_fields((await admin.get("/settings/survey-schedule")).text, "/settings/survey-schedule")
        assert (form["cadence.Regular"], form["cadence.VIP"]) == ("quarterly", "")
        assert form["reminder_after_days"] == "3, 7"
        saved = await admin.post("/settings/survey-schedule", data={
            **form, "cadence.VIP": "half-yearly", "reminder_after_days": "2, 5",
            "verification_reminder_after_days": ""})
        assert saved.status_code == 200, _form_error(saved.text)
        async with httpx.AsyncClient(headers=ADMIN) as api:
            stored = (await api.get(f"{segmentation}/v1/evaluation-policy")).json()
            planned = (await api.get(f"{survey}/v1/survey-schedule")).json()
        assert stored["version"] == policy["version"] + 1
        assert (stored["review_interval_days"]["VIP"], stored["trend_flat_band"]) == (60, 2.5)
        assert stored["review_interval_days"]["Key"] == policy["review_interval_days"]["Key"]
        assert planned["cadence"]["VIP"] == "half-yearly" and planned["reminder_after_days"] == [2, 5]
        assert planned["verification_reminder_after_days"] is None
        assert planned["survey_id"] == schedule["survey_id"]  # what the form does not show stays
    finally:
        await _restore(segmentation, "/v1/evaluation-policy", policy)
        await _restore(survey, "/v1/survey-schedule", schedule)


@pytest.mark.parametrize("subject", ["mgr-zhou", "analyst-chen"])
async def test_managers_and_analysts_read_the_calendars_settings_but_only_admins_change_them(
    console, subject
):
    async with httpx.AsyncClient(base_url=console, headers=EN) as client:
        await sign_in(client, subject)
        for page in ("evaluation-policy", "verification-policy", "survey-schedule", "care-schedule"):
            shown = await client.get(f"/settings/{page}")
            assert shown.status_code == 200, page
            assert "Only administrators change these" in shown.text and ">Save</button>" not in shown.text
            form = form_fields(shown.text, f"/settings/{page}")
            assert (await client.post(f"/settings/{page}", data=form)).status_code == 403, page


async def test_an_admin_subscribes_a_partner_sees_its_deliveries_rotates_replays_and_unsubscribes(
    admin, service_urls
):
    sink, feedback = service_urls["sink"], service_urls["feedback"]
    page = await admin.get("/settings/webhooks")
    form = form_fields(page.text, "/settings/webhooks")
    created = await admin.post("/settings/webhooks", data={
        **form, "url": f"{sink}/webhook", "description": "Partner CRM", "event_types": "ticket-created"})
    assert created.status_code == 200
    secret = re.search(r'id="new-secret".*?<code>(whsec_[^<]+)</code>', created.text, re.S).group(1)
    webhook_id = re.search(r'data-webhook="([^"]+)"', created.text).group(1)
    assert "shown once" in created.text and "Partner CRM" in created.text
    again = await admin.get("/settings/webhooks")
    assert secret not in again.text and f'href="/settings/webhooks/{webhook_id}"' in again.text
    async with httpx.AsyncClient(timeout=30) as client:
        (await client.post(f"{sink}/webhook-secrets", json={"secret": secret})).raise_for_status()
        ticket = (await client.post(f"{feedback}/v1/tickets", headers=ADMIN, json={
            "customer_id": "webhook-partner", "channel": "web", "type": "problem", "category": "account",
            "description": "A ticket a partner hears about"})).json()

        async def delivered():
            html = (await admin.get(f"/settings/webhooks/{webhook_id}", params={"status": "delivered"})).text
            return html if 'data-status="delivered"' in html else None

        detail = await eventually(delivered, timeout=30)
        received = (await client.get(f"{sink}/webhooks.json")).json()
    assert "ticket-created" in detail and 'data-status="active"' in detail
    assert any(h["subject"] == ticket["customer_id"] and h["verified"] for h in received)
    rotated = await admin.post(f"/settings/webhooks/{webhook_id}/rotate-secret",
                               data=form_fields(detail, f"/settings/webhooks/{webhook_id}/rotate-secret"))
    new_secret = re.search(r'id="new-secret".*?<code>(whsec_[^<]+)</code>', rotated.text, re.S).group(1)
    assert new_secret != secret and "The old one keeps signing" in rotated.text
    assert "Previous secret" in rotated.text
    since = (datetime.now(UTC) - timedelta(hours=1)).astimezone(ZONE).strftime("%Y-%m-%dT%H:%M")
    replay_form = form_fields(rotated.text, f"/settings/webhooks/{webhook_id}/replay")
    replay = f"/settings/webhooks/{webhook_id}/replay"
    replayed = await admin.post(replay, data={**replay_form, "since": since})
    assert replayed.status_code == 200, _form_error(replayed.text)
    count = int(re.search(r'id="replayed">(\d+) events since', replayed.text).group(1))
    assert count >= 1
    bad = await admin.post(replay, data={**replay_form, "since": "last week"})
    assert bad.status_code == 422 and "not a date and time" in _field_error(bad.text, "since")
    assert 'value="last week"' in bad.text
    removed = await admin.post(f"/settings/webhooks/{webhook_id}/delete",
                               data=form_fields(again.text, f"/settings/webhooks/{webhook_id}/delete"))
    assert removed.status_code == 200 and "Deleted." in removed.text
    assert f'data-webhook="{webhook_id}"' not in removed.text


async def test_a_manager_reads_the_subscriptions_but_may_not_subscribe_and_an_analyst_is_told_why(console):
    async with httpx.AsyncClient(base_url=console, headers=EN) as client:
        await sign_in(client, "mgr-zhou")
        page = await client.get("/settings/webhooks")
        assert page.status_code == 200 and 'id="subscribe-form"' not in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        refused = await client.post("/settings/webhooks", data={
            "csrf_token": token, "url": "http://127.0.0.1:9/x", "event_types": "ticket-created"})
        assert refused.status_code == 403
    async with httpx.AsyncClient(base_url=console, headers=EN) as client:
        await sign_in(client, "analyst-chen")
        page = await client.get("/settings/webhooks")
    assert page.status_code == 200 and "your role may not see this" in page.text
