"""Pure rules of the notification service: backoff, templates, tracking links, webhook URLs and
signatures, who is told what, status progression, provider signing."""

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from services.notification.domain import tracking
from services.notification.domain.backoff import next_attempt_at, receiver_pause, retry_delay
from services.notification.domain.delivery import advances
from services.notification.domain.recipients import StaffMember, plan
from services.notification.domain.templates import (
    DEFAULT_TEMPLATES,
    LANGUAGES,
    SAMPLE_CONTEXT,
    TemplateProblem,
    check_template,
    language_for,
    render,
)
from services.notification.domain.webhooks import (
    WebhookProblem,
    check_event_types,
    check_url,
    disable_verdict,
    forbidden_address,
    signed_headers,
    valid_secrets,
)
from services.notification.providers.http import dingtalk_sign

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()


def test_backoff_doubles_with_bounded_jitter_and_is_capped():
    assert 30 <= retry_delay(1, 30, 3600, "m") <= 37.5
    assert 60 <= retry_delay(2, 30, 3600, "m") <= 75
    assert 3600 <= retry_delay(20, 30, 3600, "m") <= 4500
    assert retry_delay(3, 30, 3600, "m") == retry_delay(3, 30, 3600, "m")  # reproducible


def test_a_failing_receiver_is_paused_as_long_as_it_has_been_failing_within_bounds():
    assert 5 <= receiver_pause(0, 5, 3600, "s") <= 6.25  # the first failure: the base pause
    assert 80 <= receiver_pause(80, 5, 3600, "s") <= 100  # failing for 80 s: about 80 s more
    assert 3600 <= receiver_pause(10 * 3600, 5, 3600, "s") <= 4500  # capped


def test_retries_stop_at_the_end_of_the_24_hour_window():
    give_up = NOW + timedelta(hours=24)
    assert next_attempt_at(1, NOW, give_up, 30, 3600, "m") < NOW + timedelta(minutes=1)
    assert next_attempt_at(30, give_up - timedelta(seconds=10), give_up, 30, 3600, "m") == give_up
    assert next_attempt_at(31, give_up, give_up, 30, 3600, "m") is None


@pytest.mark.parametrize("name", list(SAMPLE_CONTEXT))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_default_template_renders_in_both_languages(name, language):
    text = render(DEFAULT_TEMPLATES[(name, language)], SAMPLE_CONTEXT[name])
    assert text.subject and text.body and "{{" not in text.body


def test_language_follows_the_contact():
    assert language_for("en-US") == "en"
    assert language_for("zh") == "zh-CN"
    assert language_for(None, "en") == "en"
    assert language_for("fr", "zh-CN") == "zh-CN"


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [
        ("Hi {{ contact_name", "ok", "subject"),
        ("Hi", "{{ no_such_variable }}", "body"),
        ("Hi", "{{ link.__class__.__mro__ }}", "body"),
        ("", "body", "subject"),
    ],
)
def test_a_broken_template_is_refused_naming_the_field(subject, body, field):
    with pytest.raises(TemplateProblem) as refused:
        check_template("survey-invitation", subject, body)
    assert refused.value.field == field


def test_an_unknown_template_name_is_refused():
    with pytest.raises(TemplateProblem) as refused:
        check_template("no-such-template", "s", "b")
    assert refused.value.field == "name"


def test_tracking_links_are_signed_and_cannot_be_redirected_elsewhere():
    click = tracking.click_link("https://n.example", "secret", "m-1", "https://survey.example/s/abc")
    query = parse_qs(urlsplit(click).query)
    assert tracking.signed("secret", query["s"][0], "click", "m-1", query["u"][0])
    assert not tracking.signed("secret", query["s"][0], "click", "m-1", "https://evil.example/")
    assert not tracking.signed("other", query["s"][0], "click", "m-1", query["u"][0])


def test_an_unsubscribe_key_names_its_customer_and_channel_and_cannot_be_forged():
    key = tracking.unsubscribe_key("secret", "cust-a", "email")
    assert tracking.read_unsubscribe_key("secret", key) == ("cust-a", "email")
    link = tracking.unsubscribe_link("https://n.example", "secret", "cust-a", "email")
    assert tracking.read_unsubscribe_key("secret", unquote(link.rsplit("/", 1)[1])) == ("cust-a", "email")
    forged = tracking.unsubscribe_key("guess", "cust-b", "email")
    assert tracking.read_unsubscribe_key("secret", forged) is None
    assert tracking.read_unsubscribe_key("secret", "garbage") is None


@pytest.mark.parametrize(
    ("url", "private_allowed", "problem"),
    [
        ("ftp://example.com/x", True, "http or https"),
        ("https://user:pw@example.com/x", True, "credentials"),
        ("https:///x", True, "host"),
        ("http://example.com/x", False, "https"),
        ("https://127.0.0.1/x", False, "loopback"),
        ("https://10.1.2.3/x", False, "private"),
        ("https://169.254.169.254/latest", False, "link-local"),
        ("https://[::1]/x", False, "loopback"),
        ("https://localhost/x", False, "localhost"),
    ],
)
def test_bad_receiver_urls_are_refused(url, private_allowed, problem):
    with pytest.raises(WebhookProblem) as refused:
        check_url(url, private_allowed=private_allowed)
    assert refused.value.field == "url" and problem in refused.value.message


def test_receivers_allowed_outside_production_and_public_https_everywhere():
    assert check_url("http://127.0.0.1:9000/hook", private_allowed=True)
    assert check_url("https://partner.example.com/hook", private_allowed=False)


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("127.0.0.1", True),
        ("10.0.0.1", True),
        ("172.16.5.4", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("::1", True),
        ("fe80::1", True),
        ("::ffff:127.0.0.1", True),
        ("0.0.0.0", True),
        ("100.64.0.1", True),
        ("8.8.8.8", False),
        ("2606:4700::1111", False),
    ],
)
def test_the_ssrf_guard_refuses_every_non_public_address(address, forbidden):
    assert forbidden_address(address) is forbidden


def test_event_types_must_be_of_the_contract():
    assert check_event_types(["ticket-created", "ticket-created"], ["ticket-created"]) == ["ticket-created"]
    with pytest.raises(WebhookProblem) as refused:
        check_event_types(["ticket-created", "ticket-vanished"], ["ticket-created"])
    assert refused.value.field == "event_types.1"


def test_signatures_verify_with_the_reference_library_also_during_a_rotation():
    new = "whsec_" + base64.b64encode(b"n" * 32).decode()
    body = '{"specversion":"1.0","id":"e-1"}'
    secrets = valid_secrets(new, SECRET, NOW + timedelta(hours=1), NOW)
    now = datetime.now(UTC)
    headers = signed_headers(secrets, "e-1", body, now)
    assert headers["webhook-id"] == "e-1" and len(headers["webhook-signature"].split(" ")) == 2
    for secret in (SECRET, new):  # a receiver holding either secret verifies the request
        assert Webhook(secret).verify(body, headers) == {"specversion": "1.0", "id": "e-1"}
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body.replace("e-1", "e-2"), headers)
    assert valid_secrets(new, SECRET, NOW - timedelta(seconds=1), NOW) == [new]


def test_a_subscription_is_disabled_after_24_hours_of_failures_only():
    day = timedelta(hours=24)
    assert not disable_verdict(None, 0, "", NOW, day).disable
    assert not disable_verdict(NOW - timedelta(hours=23), 40, "HTTP 500", NOW, day).disable
    verdict = disable_verdict(NOW - day, 41, "HTTP 500", NOW, day)
    assert verdict.disable and "24 h" in verdict.reason and "HTTP 500" in verdict.reason


DIRECTORY = [
    StaffMember("am-li", frozenset({"account_manager"})),
    StaffMember("lead-billing", frozenset({"team_lead:billing-care"})),
    StaffMember("lead-any", frozenset({"team_lead"})),
    StaffMember("tf-1", frozenset({"task_force"})),
    StaffMember("tf-2", frozenset({"task_force"})),
    StaffMember("boss", frozenset({"manager"})),
]


def test_escalations_reach_the_team_lead_then_the_task_force():
    base = {
        "customer_id": "c",
        "ticket_id": "t",
        "metric": "resolution",
        "due_at": "2026-12-02T08:00:00Z",
        "escalated_at": "2026-12-02T08:00:00Z",
        "team": "billing-care",
    }
    assert [m.recipient for m in plan("ticket-escalated", {**base, "level": 1}, DIRECTORY)] == [
        "lead-billing"
    ]
    other_team = {**base, "level": 1, "team": "logistics"}
    assert [m.recipient for m in plan("ticket-escalated", other_team, DIRECTORY)] == ["lead-any"]
    assert [m.recipient for m in plan("ticket-escalated", {**base, "level": 2}, DIRECTORY)] == [
        "tf-1",
        "tf-2",
    ]
    assert plan("ticket-escalated", {**base, "level": 0}, DIRECTORY) == []


def test_a_customer_facing_action_reaches_the_customer_and_every_action_its_owner():
    action = {
        "customer_id": "c",
        "action_id": "a",
        "kind": "care-email",
        "channel": "email",
        "owner": "am-li",
        "status": "pending",
        "created_at": "2026-12-02T08:00:00Z",
    }
    planned = plan("action-created", action, DIRECTORY)
    assert [(m.recipient_kind, m.recipient, m.template) for m in planned] == [
        ("customer", "c", "care-message"),
        ("staff", "am-li", "action-assigned"),
    ]
    internal = plan("action-created", {**action, "channel": "phone", "owner": "task_force"}, DIRECTORY)
    assert [(m.recipient_kind, m.recipient) for m in internal] == [("staff", "tf-1"), ("staff", "tf-2")]
    deferred = plan("action-created", {**action, "status": "deferred"}, DIRECTORY)
    assert [m.recipient_kind for m in deferred] == ["staff"]


def test_reports_reach_account_managers_and_managers_and_invitations_the_customer():
    report = {"report_id": "r", "month": "2026-11", "published_at": "2026-12-01T01:00:00Z"}
    assert [m.recipient for m in plan("report-published", report, DIRECTORY)] == ["am-li", "boss"]
    invitation = {
        "customer_id": "c",
        "invitation_id": "i",
        "survey_id": "s",
        "kind": "verification",
        "priority": "P1",
        "created_at": "2026-12-02T08:00:00Z",
    }
    (message,) = plan("invitation-created", invitation, DIRECTORY)
    assert (message.recipient, message.template, message.priority) == ("c", "ticket-verification", "P1")


@pytest.mark.parametrize(
    ("reminder_of", "template"),
    [("verification", "verification-reminder"), ("survey", "survey-reminder"), (None, "survey-reminder")],
)
def test_a_reminder_asks_again_what_its_invitation_asked(reminder_of, template):
    """docs/design.md §9: an unanswered ticket verification is reminded after 2 days; the reminder
    asks whether the problem is solved, not for a satisfaction survey."""
    reminder = {
        "customer_id": "c",
        "invitation_id": "i",
        "survey_id": "ticket-verification" if reminder_of == "verification" else "default",
        "kind": "reminder",
        "reminder_number": 1,
        "reminder_of": reminder_of,
        "ticket_id": "T-9" if reminder_of == "verification" else None,
        "created_at": "2026-12-04T08:00:00Z",
    }
    (message,) = plan("invitation-created", reminder, DIRECTORY)
    assert message.template == template
    rendered = render(DEFAULT_TEMPLATES[(template, "en")], {**SAMPLE_CONTEXT[template], "ticket_id": "T-9"})
    assert ("T-9" in rendered.subject) is (reminder_of == "verification")


@pytest.mark.parametrize(
    ("current", "new", "moves"),
    [
        ("queued", "sent", True),
        ("sent", "opened", True),
        ("opened", "delivered", False),
        ("clicked", "opened", False),
        ("sent", "bounced", True),
        ("opened", "bounced", False),
        ("suppressed", "sent", False),
        ("queued", "suppressed", True),
        ("sent", "sent", False),
    ],
)
def test_statuses_only_move_forward(current, new, moves):
    assert advances(current, new) is moves


def test_dingtalk_signature_is_hmac_sha256_of_timestamp_and_secret():
    secret, timestamp = "SEC000", 1700000000000
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert unquote(dingtalk_sign(secret, timestamp)) == expected
