"""Delivery status notifications as real mail servers write them (RFC 3464), for the parser's unit
tests and the integration tests that deliver them to the service."""

from __future__ import annotations


def _crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode()


def postfix_hard_bounce(message_id: str, to: str, recipient: str, *, envid: bool = False) -> bytes:
    """Postfix: a mailbox that does not exist, found out after the relay accepted the mail; the
    original message's headers returned (RET=HDRS)."""
    envid_line = f"Original-Envelope-Id: {message_id}\n" if envid else ""
    return _crlf(f"""Return-Path: <>
Received: by mx1.customer.example (Postfix)
	id 4Qx1yZ0Tq9z9sWc; Wed,  2 Dec 2026 14:03:12 +0800 (CST)
Date: Wed,  2 Dec 2026 14:03:12 +0800 (CST)
From: MAILER-DAEMON@mx1.customer.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: {to}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4Qx1yZ0Tq9z9sWc.1764655392/mx1.customer.example"
Content-Transfer-Encoding: 8bit
Message-Id: <20261202060312.4Qx1yZ0Tq9z9sWc@mx1.customer.example>

This is a MIME-encapsulated message.

--4Qx1yZ0Tq9z9sWc.1764655392/mx1.customer.example
Content-Description: Notification
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

This is the mail system at host mx1.customer.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<{recipient}>: host mailstore.customer.example[10.1.2.3] said: 550 5.1.1
    <{recipient}>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--4Qx1yZ0Tq9z9sWc.1764655392/mx1.customer.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.customer.example
X-Postfix-Queue-ID: 4Qx1yZ0Tq9z9sWc
X-Postfix-Sender: rfc822; {to}
{envid_line}Arrival-Date: Wed,  2 Dec 2026 14:03:11 +0800 (CST)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mailstore.customer.example
Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected:
    User unknown in virtual mailbox table

--4Qx1yZ0Tq9z9sWc.1764655392/mx1.customer.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 8bit

Return-Path: <{to}>
From: Customer Care <care@crm-care.example>
To: {recipient}
Subject: =?utf-8?b?6YKA6K+35oKo5Y+C5LiO5ruh5oSP5bqm6LCD56CU?=
Date: Wed, 02 Dec 2026 06:03:10 GMT
Message-ID: <{message_id}@crm-care.notification>

--4Qx1yZ0Tq9z9sWc.1764655392/mx1.customer.example--
""")


def postfix_delayed(message_id: str, to: str, recipient: str) -> bytes:
    """Postfix: still trying after four hours (a warning, not a bounce)."""
    return _crlf(f"""Date: Wed,  2 Dec 2026 18:03:12 +0800 (CST)
From: MAILER-DAEMON@mx1.customer.example (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: {to}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="D1.1764669792/mx1.customer.example"
Message-Id: <20261202100312.D1@mx1.customer.example>

--D1.1764669792/mx1.customer.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.customer.example.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

--D1.1764669792/mx1.customer.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.customer.example
Arrival-Date: Wed,  2 Dec 2026 14:03:11 +0800 (CST)

Final-Recipient: rfc822; {recipient}
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mailstore.customer.example[10.1.2.3]:25:
    Connection timed out
Will-Retry-Until: Sun,  6 Dec 2026 14:03:11 +0800 (CST)

--D1.1764669792/mx1.customer.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Customer Care <care@crm-care.example>
To: {recipient}
Message-ID: <{message_id}@crm-care.notification>

--D1.1764669792/mx1.customer.example--
""")


def exchange_hard_bounce(message_id: str, recipient: str) -> bytes:
    """Exchange Online: sent to the plain From address (no VERP), the original message id only in
    the returned headers; the report in base64 as Exchange sometimes writes it."""
    import base64

    report = (
        "Reporting-MTA: dns;SG2PR06MB1234.apcprd06.prod.outlook.com\r\n"
        "Received-From-MTA: dns;relay.crm-care.example\r\n"
        "Arrival-Date: Wed, 2 Dec 2026 06:03:11 +0000\r\n"
        "\r\n"
        f"Final-Recipient: rfc822;{recipient}\r\n"
        "Action: failed\r\n"
        "Status: 5.1.10\r\n"
        "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient\r\n"
        f" {recipient} not found by SMTP address lookup\r\n"
        "X-Display-Name: Wang Fang\r\n"
    )
    encoded = base64.encodebytes(report.encode()).decode()
    return _crlf(f"""From: postmaster@customer.onmicrosoft.com
To: care@crm-care.example
Date: Wed, 2 Dec 2026 06:03:12 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="b9a1e3a8-a7d3-4d3f-9d1e-3b5e6f7a8b9c"
MIME-Version: 1.0
Message-ID: <b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e@SG2PR06MB1234.apcprd06.prod.outlook.com>
Subject: Undeliverable: =?utf-8?b?6YKA6K+35oKo5Y+C5LiO5ruh5oSP5bqm6LCD56CU?=
Auto-Submitted: auto-replied

--b9a1e3a8-a7d3-4d3f-9d1e-3b5e6f7a8b9c
Content-Type: multipart/alternative;
	boundary="f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f"

--f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

Your message to {recipient} couldn't be delivered.
wang.fang wasn't found at customer.example.

--f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f--

--b9a1e3a8-a7d3-4d3f-9d1e-3b5e6f7a8b9c
Content-Type: message/delivery-status
Content-Transfer-Encoding: base64

{encoded}
--b9a1e3a8-a7d3-4d3f-9d1e-3b5e6f7a8b9c
Content-Type: message/rfc822

Return-Path: <care@crm-care.example>
From: Customer Care <care@crm-care.example>
To: {recipient}
Subject: =?utf-8?b?6YKA6K+35oKo5Y+C5LiO5ruh5oSP5bqm6LCD56CU?=
Message-ID: <{message_id}@crm-care.notification>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

(body removed)

--b9a1e3a8-a7d3-4d3f-9d1e-3b5e6f7a8b9c--
""")


def gmail_hard_bounce(message_id: str, to: str, recipient: str) -> bytes:
    """Gmail relaying for a Workspace domain: the ENVID is given back, a 5.2.1 disabled account."""
    return _crlf(f"""Delivered-To: {to}
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {to}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Message-ID: <6570a0c1.050a0220.abc12.0001.GMR@mx.google.com>
Date: Wed, 02 Dec 2026 06:03:14 -0800 (PST)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3d4e5f60718";
	report-type=delivery-status

--000000000000a1b2c3d4e5f60718
Content-Type: multipart/related; boundary="000000000000a1b2c3d4e5f60720"

--000000000000a1b2c3d4e5f60720
Content-Type: text/plain; charset="UTF-8"

** Address not found **

Your message wasn't delivered to {recipient} because the account is disabled.

--000000000000a1b2c3d4e5f60720--

--000000000000a1b2c3d4e5f60718
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; relay.crm-care.example
Arrival-Date: Wed, 02 Dec 2026 06:03:13 -0800 (PST)
Original-Envelope-Id: {message_id}
X-Original-Message-ID: <{message_id}@crm-care.notification>

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.2.1
Remote-MTA: dns; gmail-smtp-in.l.google.com. (2607:f8b0:4004:c07::1a, the server for the domain
 customer.example.)
Diagnostic-Code: smtp; 550-5.2.1 The email account that you tried to reach is disabled.
 Learn more at https://support.google.com/mail/?p=DisabledUser
 a1b2c3d4e5f6g7h8.123 - gsmtp
Last-Attempt-Date: Wed, 02 Dec 2026 06:03:14 -0800 (PST)

--000000000000a1b2c3d4e5f60718
Content-Type: text/rfc822-headers

Message-ID: <{message_id}@crm-care.notification>
Subject: Notice
From: Customer Care <care@crm-care.example>
To: {recipient}

--000000000000a1b2c3d4e5f60718--
""")


def relayed(message_id: str, to: str, recipient: str) -> bytes:
    """A successful delivery report (NOTIFY=SUCCESS) from a relay."""
    return _crlf(f"""From: MAILER-DAEMON@mx1.customer.example (Mail Delivery System)
To: {to}
Subject: Successful Mail Delivery Report
MIME-Version: 1.0
Message-Id: <20261202060313.OK1@mx1.customer.example>
Content-Type: multipart/report; report-type=delivery-status; boundary="OK1"

--OK1
Content-Type: text/plain

Your message was successfully delivered to the destination(s) listed below.

--OK1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.customer.example
Original-Envelope-Id: {message_id}

Final-Recipient: rfc822; {recipient}
Action: delivered
Status: 2.0.0
Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4Qx1yZ

--OK1--
""")


def out_of_office(to: str) -> bytes:
    """Not a DSN: an automatic reply."""
    return _crlf(f"""From: Wang Fang <wang.fang@customer.example>
To: {to}
Subject: Automatic reply: Notice
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

I am out of the office until Monday.
""")
