"""The ticket page's conversation over HTTP against the real services (PostgreSQL, broker): an agent
replies and records what the customer said, the page shows the reply owed with its due time, puts
the ticket on hold and resumes it, and shows the customer's wait and the team's work time
(docs/design.md §5, §12)."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from services.console.domain.sla import duration_parts
from tests.console_stack import console_app, seed, served
from tests.integration.console.helpers import page_text, page_token, sign_in
from tests.support import ADMIN

EN = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def seeded(service_urls):
    return seed(service_urls)


@pytest.fixture(scope="module")
def console(platform_config, service_urls):
    with served(console_app(platform_config, service_urls), "console-conversation") as server:
        yield server.url


_text = page_text


def _conversation(html: str) -> list[tuple[str, str]]:
    """(author, text) of each message the page shows, in order."""
    listed = html.split('id="messages"', 1)[1].split("</ol>", 1)[0]
    return [
        (author, _text(body).strip())
        for author, body in re.findall(
            r'data-author="([a-z]+)">.*?<div class="text">(.*?)</div>', listed, re.S
        )
    ]


async def _open_ticket(feedback: str, customer_id: str, description: str) -> str:
    async with httpx.AsyncClient(headers=ADMIN) as api:
        opened = await api.post(
            f"{feedback}/v1/tickets",
            json={
                "customer_id": customer_id,
                "channel": "email",
                "type": "problem",
                "category": "account",
                "priority": "P2",
                "description": description,
            },
        )
    assert opened.status_code == 201, opened.text
    return opened.json()["id"]


async def _ticket(feedback: str, ticket_id: str) -> dict:
    async with httpx.AsyncClient(headers=ADMIN) as api:
        return (await api.get(f"{feedback}/v1/tickets/{ticket_id}")).json()


async def test_an_agent_replies_records_the_customers_answer_and_sees_the_reply_owed(
    console, seeded, service_urls
):
    feedback = service_urls["feedback"]
    tag = uuid.uuid4().hex[:6]
    ticket_id = await _open_ticket(feedback, seeded.customer_id, f"发票抬头错误 / wrong invoice title {tag}")
    path = f"/tickets/{ticket_id}"
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "agent-zhang")
        first = await browser.get(path)
        assert _conversation(first.text) == [("customer", f"发票抬头错误 / wrong invoice title {tag}")]
        assert "No reply owed" in _text(first.text.split('id="next-reply"', 1)[1].split("</dd>", 1)[0])
        token = await page_token(browser, path)
        replied = await browser.post(
            f"{path}/reply",
            data={
                "csrf_token": token,
                "message": "请提供正确的抬头 / Please send the right title",
                "channel": "email",
            },
        )
        answered = await browser.post(
            f"{path}/customer-message",
            data={
                "csrf_token": token,
                "message": "抬头是华信精密 / It is Huaxin Precision",
                "channel": "phone",
            },
        )
        page = await browser.get(path)
    assert (replied.status_code, answered.status_code) == (303, 303)
    assert answered.headers["location"] == f"{path}?done=customer-message"
    stored = await _ticket(feedback, ticket_id)
    assert [(m["author"], m["channel"], m["actor"]) for m in stored["messages"]] == [
        ("agent", "email", "agent-zhang"),
        ("customer", "phone", "agent-zhang"),
    ]
    assert stored["response_count"] == 1 and stored["status"] == "in_progress"
    html = page.text
    assert _conversation(html) == [
        ("customer", f"发票抬头错误 / wrong invoice title {tag}"),
        ("agent", "请提供正确的抬头 / Please send the right title"),
        ("customer", "抬头是华信精密 / It is Huaxin Precision"),
    ]
    assert "recorded by agent-zhang" in _text(html.split('id="messages"', 1)[1].split("</ol>", 1)[0])
    # The reply the team now owes, with the due time the feedback service computed.
    due = stored["sla"]["next_reply_due"]
    assert due is not None
    owed = html.split('id="next-reply"', 1)[1].split("</dd>", 1)[0]
    assert f'data-due="{due}"' in owed and 'data-state="on_track"' in owed
    assert "left" in _text(owed) and "due " in _text(owed)


async def test_an_empty_message_is_refused_next_to_its_field_and_the_channel_is_kept(
    console, seeded, service_urls
):
    ticket_id = await _open_ticket(service_urls["feedback"], seeded.customer_id, "Login fails after reset")
    path = f"/tickets/{ticket_id}"
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "agent-zhang")
        token = await page_token(browser, path)
        refused = await browser.post(
            f"{path}/customer-message", data={"csrf_token": token, "message": "", "channel": "community"}
        )
    assert refused.status_code == 422
    form = refused.text.split('id="form-customer-message"', 1)[1].split("</form>", 1)[0]
    assert 'aria-invalid="true" aria-describedby="message-error"' in form
    assert "at least 1 character" in form.split('id="message-error">', 1)[1].split("</p>", 1)[0]
    assert '<option value="community" selected>' in form
    assert (await _ticket(service_urls["feedback"], ticket_id))["messages"] == []


async def test_on_hold_the_clocks_run_the_agent_resumes_and_the_wait_and_work_times_show(
    console, seeded, service_urls
):
    feedback = service_urls["feedback"]
    ticket_id = await _open_ticket(feedback, seeded.customer_id, "Shipment stuck at the supplier")
    path = f"/tickets/{ticket_id}"
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "agent-zhang")
        token = await page_token(browser, path)
        new = (await browser.get(path)).text
        assert 'id="form-hold"' not in new  # only work in progress can wait on a third party
        await browser.post(
            f"{path}/reply", data={"csrf_token": token, "message": "Checking with the supplier"}
        )
        held = await browser.post(f"{path}/hold", data={"csrf_token": token, "note": "Supplier ticket 4411"})
        on_hold = await browser.get(f"{path}?done=hold")
        stored_on_hold = await _ticket(feedback, ticket_id)
        resumed = await browser.post(f"{path}/resume", data={"csrf_token": token})
        after = await browser.get(path)
    assert held.status_code == 303 and stored_on_hold["status"] == "on_hold"
    assert stored_on_hold["sla"]["paused"] is False  # unlike waiting for the customer
    html = on_hold.text
    assert 'data-status="on_hold"' in html and "On hold: the SLA clocks keep running." in html
    assert "Third party answered: resume" in html and 'id="form-hold"' not in html
    history = _text(html.split('aria-labelledby="history"', 1)[1])
    assert "Supplier ticket 4411" in history
    # The customer still waits on hold; the team's own work time stands still.
    times = stored_on_hold["durations"]
    waited = int(re.search(r'id="requester-wait" data-seconds="(\d+)"', html).group(1))
    worked = int(re.search(r'id="agent-work" data-seconds="(\d+)"', html).group(1))
    assert waited >= int(times["requester_wait_seconds"]) and worked == int(times["agent_work_seconds"])
    shown = _text(html.split('id="requester-wait"', 1)[1].split(">", 1)[1].split("</dd>", 1)[0]).strip()
    days, hours, minutes = duration_parts(waited)
    assert (
        shown.startswith(f"{minutes} min" if not (days or hours) else f"{hours} h")
        and "still counting" in shown
    )
    assert "on the SLA clock until" in shown
    assert resumed.status_code == 303
    assert (await _ticket(feedback, ticket_id))["status"] == "in_progress"
    assert 'data-status="in_progress"' in after.text and "Work resumed." not in after.text


async def test_a_customer_message_on_a_resolved_ticket_reopens_it(console, seeded, service_urls):
    feedback = service_urls["feedback"]
    ticket_id = await _open_ticket(feedback, seeded.customer_id, "Report export empty")
    path = f"/tickets/{ticket_id}"
    async with httpx.AsyncClient(base_url=console, headers=EN) as browser:
        await sign_in(browser, "agent-zhang")
        token = await page_token(browser, path)
        await browser.post(f"{path}/reply", data={"csrf_token": token, "message": "Fixed the filter"})
        await browser.post(f"{path}/resolve", data={"csrf_token": token, "solution": "Filter reset"})
        resolved = (await browser.get(path)).text
        reopened = await browser.post(
            f"{path}/customer-message",
            data={"csrf_token": token, "message": "Still empty for March", "channel": "email"},
        )
    # A resolved ticket takes no agent reply, but the customer's message is still recorded.
    assert 'id="form-reply"' not in resolved and 'id="form-customer-message"' in resolved
    assert "reopens a resolved ticket" in _text(resolved)
    assert reopened.status_code == 303
    stored = await _ticket(feedback, ticket_id)
    assert stored["status"] == "reopened" and stored["messages"][-1]["author"] == "customer"
