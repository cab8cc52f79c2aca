"""The console's test bench: the five services and the console served over real HTTP (uvicorn in
threads) on the run's PostgreSQL database and broker, as a browser and the console reach them; the
notification service sends its mail to a real SMTP sink and partner webhooks to a real receiver."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import uvicorn
from fastapi import FastAPI

from services.console.app import create_app as create_console
from services.console.settings import console_settings
from services.notification.devsink import MailSink, WebhookInbox, sink_app
from shared.launcher import KEEP_ALIVE_SECONDS
from tests.support import ADMIN, bearer, free_port

SERVICES = ("segmentation", "survey", "feedback", "playbook", "notification")


class Served:
    """An ASGI app served by uvicorn on a free port in a thread of this process."""

    def __init__(self, app: FastAPI, name: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                           timeout_keep_alive=KEEP_ALIVE_SECONDS)
        )
        self.thread = threading.Thread(target=self.server.run, name=f"{name}-uvicorn", daemon=True)

    def start(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 90
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"{self.thread.name} did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@contextlib.contextmanager
def served(app: FastAPI, name: str, port: int | None = None) -> Iterator[Served]:
    server = Served(app, name, port).start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def service_stack(platform_config: dict) -> Iterator[dict[str, str]]:
    """The five services, each on its own port, and the development mail sink and webhook receiver
    (`sink`: its HTTP address, webhooks at /webhook); yields their base URLs by name."""
    import importlib

    with contextlib.ExitStack() as stack:
        mail = MailSink(port=free_port()).start()
        stack.callback(mail.stop)
        urls = {"sink": stack.enter_context(served(sink_app(mail, WebhookInbox()), "sink")).url}
        for name in SERVICES:
            app_module = importlib.import_module(f"services.{name}.app")
            settings = getattr(importlib.import_module(f"services.{name}.settings"), f"{name}_settings")
            extra = notification_settings(urls, mail.port) if name == "notification" else {}
            urls[name] = stack.enter_context(
                served(app_module.create_app(settings(**platform_config, **extra)), name)
            ).url
        yield urls


def notification_settings(urls: dict[str, str], smtp_port: int) -> dict:
    """Its peers are the stack's services; mail goes to the sink; failures retry within seconds."""
    return {
        "smtp_port": smtp_port,
        "segmentation_base_url": urls["segmentation"],
        "survey_base_url": urls["survey"],
        "feedback_base_url": urls["feedback"],
        "notification_public_url": "http://notification.test",
        "message_poll_seconds": 0.2,
        "webhook_poll_seconds": 0.1,
        "webhook_retry_base_seconds": 0.2,
        "webhook_retry_max_seconds": 1.0,
        "retry_base_seconds": 0.2,
        "retry_max_seconds": 1.0,
    }


def console_app(platform_config: dict, urls: dict[str, str], **overrides) -> FastAPI:
    """A console pointed at these services; http, so its cookie is not Secure."""
    values = {
        **platform_config,
        **{f"{name}_url": url for name, url in urls.items() if name in SERVICES},
        "cookie_secure": False,
        "api_catalog_ttl_seconds": 0.5,
        **overrides,
    }
    return create_console(console_settings(**values))


@dataclass
class Seeded:
    """What a console test works on, created through the services' own APIs."""

    customer_id: str  # worked example A (VIP), owned by am-li
    other_customer_id: str  # owned by am-wang
    breached_ticket_id: str
    fresh_ticket_id: str


def seed(urls: dict[str, str], tag: str | None = None) -> Seeded:
    """A VIP customer of am-li with a breached P1 complaint and a fresh ticket, and one of am-wang."""
    tag = tag or uuid.uuid4().hex[:8]
    now = datetime.now(UTC)
    customer, other = f"con-{tag}-a", f"con-{tag}-w"
    with httpx.Client(headers=ADMIN, timeout=30) as api:
        for cid, owner, name in (
            (customer, "am-li", "华信精密 console"),
            (other, "am-wang", "Northwind console"),
        ):
            api.put(
                f"{urls['segmentation']}/v1/customers/{cid}",
                json={
                    "name": name,
                    "industry": "manufacturing",
                    "since": "2019-04-01",
                    "growth_pct": 15,
                    "repurchase_rate": 85,
                    "owner": owner,
                    "contacts": [
                        {"name": "Console Contact", "phone": "13800001234", "email": f"{cid}@example.com"}
                    ],
                },
            ).raise_for_status()
            orders = [
                {
                    "order_id": f"{cid}-{i}",
                    "amount": "66666.67",
                    "ordered_at": (now - timedelta(days=30 + i * 25)).isoformat(),
                }
                for i in range(12)
            ]
            api.post(f"{urls['segmentation']}/v1/customers/{cid}/orders", json=orders).raise_for_status()
            api.post(f"{urls['segmentation']}/v1/customers/{cid}/rescore").raise_for_status()
        breached = api.post(
            f"{urls['feedback']}/v1/tickets",
            json={
                "customer_id": customer,
                "channel": "phone",
                "type": "complaint",
                "category": "account",
                "priority": "P1",
                "description": f"Outage: orders cannot be placed ({tag})",
                "reported_at": (now - timedelta(hours=30)).isoformat(),
            },
        )
        breached.raise_for_status()
        fresh = api.post(
            f"{urls['feedback']}/v1/tickets",
            json={
                "customer_id": customer,
                "channel": "web",
                "type": "problem",
                "category": "account",
                "priority": "P3",
                "description": f"Export button greyed out ({tag})",
            },
        )
        fresh.raise_for_status()
    for cid, owner in ((customer, "am-li"), (other, "am-wang")):
        _wait_until_assigned(urls, cid, owner)
    return Seeded(customer, other, breached.json()["id"], fresh.json()["id"])


def _wait_until_assigned(urls: dict[str, str], customer_id: str, owner: str, timeout: float = 120) -> None:
    """Until every service that keeps owners (docs/design.md §11) has applied the customer's
    `customer-assigned`: before that, its owner's pages would find the customer out of scope."""
    token = bearer("account_manager", sub=owner)
    reads = [
        f"{urls['notification']}/v1/contacts/{customer_id}/preferences",
        f"{urls['playbook']}/v1/customers/{customer_id}/plan",
        f"{urls['survey']}/v1/customers/{customer_id}/invitations",
    ]
    deadline = time.monotonic() + timeout
    with httpx.Client(headers=token, timeout=30) as client:
        for url in reads:
            while client.get(url).status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.2)
