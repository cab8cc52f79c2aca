"""The customer 360's contact preferences form over HTTP against the real services: saved with
If-Match, a refusal shown beside its field with the choices kept, and a change made meanwhile
refused instead of undone (docs/design.md §10, §12, §13)."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest

from tests.console_stack import console_app, seed, served
from tests.integration.console.helpers import csrf_of, form_fields, sign_in, version_of
from tests.support import ADMIN

EN = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def seeded(service_urls):
    return seed(service_urls)


@pytest.fixture(scope="module")
def console(platform_config, service_urls):
    with served(console_app(platform_config, service_urls), "console-preferences") as server:
        yield server.url


def _form(html: str) -> str:
    return html.split('id="preferences-form"', 1)[1].split("</form>", 1)[0]


def _posted(html: str, *, opted_out: list[str], preferred: str, language: str, consent: bool = True):
    """What a browser sends from the form with these choices (checkboxes repeat their name)."""
    data = {
        "csrf_token": csrf_of(html),
        "if_match": version_of(_form(html)),
        "opted_out": opted_out,
        "preferred_channel": preferred,
        "language": language,
    }
    return {**data, "consent": "on"} if consent else data


async def _stored(service_urls, customer: str) -> httpx.Response:
    async with httpx.AsyncClient(headers=ADMIN) as api:
        return await api.get(f"{service_urls['notification']}/v1/contacts/{customer}/preferences")


async def test_an_account_manager_changes_the_preferences_with_the_version_read(
    console, seeded, service_urls
):
    customer = seeded.customer_id
    before = await _stored(service_urls, customer)
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "am-li")
        page = (await browser.get(f"/customers/{customer}")).text
        shown = form_fields(page, f"/customers/{customer}/preferences")
        assert unescape(shown["if_match"]) == before.headers["etag"]  # the version the page was read at
        saved = await browser.post(
            f"/customers/{customer}/preferences",
            data=_posted(page, opted_out=["sms"], preferred="email", language="en"),
        )
        after = await browser.get(saved.headers["location"])
    assert saved.status_code == 303 and saved.headers["location"].endswith("?done=preferences#preferences")
    stored = (await _stored(service_urls, customer)).json()
    assert (stored["opted_out"], stored["preferred_channel"], stored["language"]) == (["sms"], "email", "en")
    assert stored["consent"] is True and stored["updated_by"] == "am-li"
    assert "Contact preferences saved." in after.text
    form = _form(after.text)
    assert 'value="sms" checked' in form and '<option value="email" selected>' in form
    assert '<option value="en" selected>' in form


async def test_a_refusal_is_shown_beside_its_field_with_the_choices_kept(console, seeded, service_urls):
    customer = seeded.customer_id
    before = (await _stored(service_urls, customer)).json()
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "am-li")
        page = (await browser.get(f"/customers/{customer}")).text
        refused = await browser.post(
            f"/customers/{customer}/preferences",
            data=_posted(page, opted_out=["email", "sms"], preferred="sms", language="zh-CN", consent=False),
        )
    assert refused.status_code == 422
    form = _form(refused.text)
    error = form.split('id="preferred_channel-error">', 1)[1].split("</p>", 1)[0]
    assert error == "the preferred channel is one opted out of"
    assert 'name="preferred_channel" aria-invalid="true" aria-describedby="preferred_channel-error"' in form
    # What the user chose is still there: both opt-outs, SMS preferred, Chinese, no consent.
    assert 'value="email" checked' in form and 'value="sms" checked' in form
    assert '<option value="sms" selected>' in form and '<option value="zh-CN" selected>' in form
    assert not re.search(r'id="pref-consent"[^>]*checked', form)
    assert '<details id="edit-preferences" open>' in refused.text
    assert (await _stored(service_urls, customer)).json() == before  # nothing saved


async def test_a_change_saved_meanwhile_is_refused_and_the_form_then_saves_over_it(
    console, seeded, service_urls
):
    customer = seeded.other_customer_id
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "mgr-zhou")
        page = (await browser.get(f"/customers/{customer}")).text
        async with httpx.AsyncClient(headers=ADMIN) as api:  # someone else, meanwhile
            other = await api.put(
                f"{service_urls['notification']}/v1/contacts/{customer}/preferences",
                json={"consent": True, "opted_out": ["email"], "language": "en"},
            )
            assert other.status_code == 200
        stale = await browser.post(
            f"/customers/{customer}/preferences",
            data=_posted(page, opted_out=[], preferred="sms", language="zh-CN"),
        )
        assert stale.status_code == 412
        form = _form(stale.text)
        alert = form.split('role="alert">', 1)[1].split("</p>", 1)[0]
        assert "changed since you read it" in alert
        opt_outs = form.split("<fieldset", 1)[1].split("</fieldset>", 1)[0]
        assert '<option value="sms" selected>' in form and "checked" not in opt_outs  # as the user left it
        assert (await _stored(service_urls, customer)).json()["opted_out"] == ["email"]  # not undone
        # The answer carries the newest version: sending the kept input again saves over it.
        again = await browser.post(
            f"/customers/{customer}/preferences",
            data=_posted(stale.text, opted_out=[], preferred="sms", language="zh-CN"),
        )
    assert again.status_code == 303
    stored = (await _stored(service_urls, customer)).json()
    assert (stored["opted_out"], stored["preferred_channel"], stored["language"]) == ([], "sms", "zh-CN")
