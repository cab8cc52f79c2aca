"""Delivery status notifications (RFC 3464) read by domain/bounces.py: which message, what
happened, and a reason that keeps no address."""

from __future__ import annotations

import uuid

import pytest

from services.notification.domain.bounces import (
    REASON_LIMIT,
    Outcome,
    UnreadableDsn,
    message_id_from_verp,
    parse_dsn,
    verp_address,
    without_addresses,
)
from tests.unit.notification import dsn_samples

LOCAL, DOMAIN = "bounces", "bounce.crm-care.example"
RECIPIENT = "wang.fang@customer.example"


def _ids() -> tuple[str, str]:
    message_id = str(uuid.uuid4())
    return message_id, verp_address(LOCAL, DOMAIN, message_id)


def test_verp_address_round_trip_and_strangers():
    message_id, address = _ids()
    assert address == f"bounces+{message_id}@bounce.crm-care.example"
    assert message_id_from_verp(address.upper(), LOCAL, DOMAIN) == message_id
    assert message_id_from_verp(f"<{address}>", LOCAL, DOMAIN) == message_id
    assert message_id_from_verp(f"bounces+{message_id}@other.example", LOCAL, DOMAIN) is None
    assert message_id_from_verp(f"someone+{message_id}@{DOMAIN}", LOCAL, DOMAIN) is None
    assert message_id_from_verp(f"bounces+not-an-id@{DOMAIN}", LOCAL, DOMAIN) is None
    assert message_id_from_verp(f"bounces@{DOMAIN}", LOCAL, DOMAIN) is None


def test_postfix_hard_bounce_names_the_message_by_verp():
    message_id, to = _ids()
    dsn = parse_dsn(dsn_samples.postfix_hard_bounce(message_id, to, RECIPIENT), verp_local=LOCAL,
                    verp_domain=DOMAIN)
    assert dsn.message_id == message_id and dsn.found_by == "verp"
    assert dsn.outcome == Outcome.BOUNCED
    assert dsn.worst.status == "5.1.1"
    assert dsn.reason == (
        "DSN failed 5.1.1: 550 5.1.1 <address>: Recipient address rejected: "
        "User unknown in virtual mailbox table"
    )
    assert "customer.example" not in dsn.reason


def test_the_smtp_envelope_recipient_wins_over_headers():
    message_id, to = _ids()
    other, other_to = _ids()
    raw = dsn_samples.postfix_hard_bounce(other, other_to, RECIPIENT)
    dsn = parse_dsn(raw, envelope_recipients=(to,), verp_local=LOCAL, verp_domain=DOMAIN)
    assert dsn.message_id == message_id


def test_without_verp_the_envelope_id_then_our_message_id_is_used():
    message_id, _ = _ids()
    with_envid = parse_dsn(dsn_samples.postfix_hard_bounce(message_id, "care@crm-care.example", RECIPIENT,
                                                           envid=True))
    assert (with_envid.message_id, with_envid.found_by) == (message_id, "envelope-id")
    headers_only = parse_dsn(dsn_samples.postfix_hard_bounce(message_id, "care@crm-care.example", RECIPIENT))
    assert (headers_only.message_id, headers_only.found_by) == (message_id, "message-id")
    # A VERP setting does not stop a report sent to the plain address from being read.
    plain = parse_dsn(dsn_samples.postfix_hard_bounce(message_id, "care@crm-care.example", RECIPIENT),
                      verp_local=LOCAL, verp_domain=DOMAIN)
    assert plain.message_id == message_id


def test_exchange_report_in_base64_with_the_original_message_returned():
    message_id, _ = _ids()
    dsn = parse_dsn(dsn_samples.exchange_hard_bounce(message_id, RECIPIENT))
    assert dsn.message_id == message_id and dsn.found_by == "message-id"
    assert dsn.outcome == Outcome.BOUNCED and dsn.worst.status == "5.1.10"
    assert dsn.reason.startswith("DSN failed 5.1.10: 550 5.1.10 RESOLVER.ADR.RecipientNotFound")
    assert "wang.fang" not in dsn.reason and "Wang Fang" not in dsn.reason


def test_gmail_report_gives_the_envelope_id_back():
    message_id, to = _ids()
    dsn = parse_dsn(dsn_samples.gmail_hard_bounce(message_id, "care@crm-care.example", RECIPIENT))
    assert dsn.message_id == message_id and dsn.found_by == "envelope-id"
    assert dsn.outcome == Outcome.BOUNCED and dsn.worst.status == "5.2.1"
    assert "The email account that you tried to reach is disabled" in dsn.reason
    # Gmail sends to the VERP address; Delivered-To names it.
    by_verp = parse_dsn(dsn_samples.gmail_hard_bounce(message_id, to, RECIPIENT), verp_local=LOCAL,
                        verp_domain=DOMAIN)
    assert by_verp.found_by == "verp"


def test_a_delay_is_not_a_bounce_and_a_delivery_report_is_a_delivery():
    message_id, to = _ids()
    delayed = parse_dsn(dsn_samples.postfix_delayed(message_id, to, RECIPIENT), verp_local=LOCAL,
                        verp_domain=DOMAIN)
    assert delayed.outcome == Outcome.DELAYED and delayed.worst.status == "4.4.1"
    assert "Connection timed out" in delayed.reason and "10.1.2.3" in delayed.reason
    delivered = parse_dsn(dsn_samples.relayed(message_id, to, RECIPIENT))
    assert delivered.outcome == Outcome.DELIVERED and delivered.message_id == message_id


def test_the_same_report_has_the_same_key_and_another_report_another():
    message_id, to = _ids()
    raw = dsn_samples.postfix_hard_bounce(message_id, to, RECIPIENT)
    first = parse_dsn(raw, verp_local=LOCAL, verp_domain=DOMAIN)
    again = parse_dsn(raw, envelope_recipients=(to,), verp_local=LOCAL, verp_domain=DOMAIN)
    delayed = parse_dsn(dsn_samples.postfix_delayed(message_id, to, RECIPIENT), verp_local=LOCAL,
                        verp_domain=DOMAIN)
    assert first.key == again.key != delayed.key


def test_a_long_diagnostic_is_truncated():
    message_id, to = _ids()
    raw = dsn_samples.postfix_hard_bounce(message_id, to, RECIPIENT).replace(
        b"User unknown in virtual\r\n    mailbox table", b"User unknown " + b"x" * 600
    )
    raw = raw.replace(b"Recipient address rejected:\r\n    User unknown in virtual mailbox table",
                      b"Recipient address rejected: " + b"very long words " * 60)
    dsn = parse_dsn(raw, verp_local=LOCAL, verp_domain=DOMAIN)
    assert len(dsn.reason) == REASON_LIMIT and dsn.reason.endswith("…")


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "empty"),
        (dsn_samples.out_of_office("care@crm-care.example"), "not a delivery report"),
        (
            b"Content-Type: multipart/report; report-type=feedback-report; boundary=x\r\n\r\n--x\r\n"
            b"Content-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\n--x--\r\n",
            "not report-type=delivery-status",
        ),
        (
            b"Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\n"
            b"Content-Type: text/plain\r\n\r\nsorry\r\n--x--\r\n",
            "no message/delivery-status part",
        ),
    ],
)
def test_what_is_not_a_dsn_is_refused(raw, problem):
    with pytest.raises(UnreadableDsn, match=problem):
        parse_dsn(raw, verp_local=LOCAL, verp_domain=DOMAIN)


def test_a_dsn_about_someone_elses_message_is_refused_without_naming_an_address():
    raw = dsn_samples.postfix_hard_bounce("not-ours", "someone@elsewhere.example", RECIPIENT)
    with pytest.raises(UnreadableDsn) as refused:
        parse_dsn(raw, verp_local=LOCAL, verp_domain=DOMAIN)
    assert "names none of our messages" in str(refused.value) and "@" not in str(refused.value)


def test_addresses_are_replaced_in_any_form():
    assert without_addresses("550 <a.b@c.example>: no; also x@y.example,\n  done") == (
        "550 <address>: no; also <address>, done"
    )
