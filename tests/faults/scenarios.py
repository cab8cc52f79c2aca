"""A stream of business writes that make every service publish, and its bookkeeping."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter

import httpx

from tests.support import ADMIN


class WriteStream:
    """Writes to every service in turn; each round makes events flow between all of them."""

    def __init__(self, clients: dict[str, httpx.AsyncClient]) -> None:
        self.clients = clients
        self.statuses: Counter[str] = Counter()
        self.rounds = 0
        self.failures: list[str] = []
        self._items: list[str] | None = None

    def _note(self, name: str, response: httpx.Response) -> httpx.Response:
        self.statuses[f"{name}:{response.status_code // 100}xx"] += 1
        if response.status_code >= 400:
            self.failures.append(f"{name} {response.request.method} {response.request.url.path}: "
                                 f"{response.status_code} {response.text[:200]}")
        return response

    async def round(self) -> None:
        customer = f"flow-{uuid.uuid4().hex[:10]}"
        names = [name for name in self.clients if hasattr(self, f"_{name}")]
        outcomes = await asyncio.gather(
            *(getattr(self, f"_{name}")(self.clients[name], customer) for name in names),
            return_exceptions=True)
        for name, outcome in zip(names, outcomes, strict=True):
            if isinstance(outcome, httpx.TransportError):
                # A dropped connection is counted (and bounded by the tests), not a 5xx.
                self.statuses[f"{name}:transport-error"] += 1
            elif isinstance(outcome, BaseException):
                raise outcome
        self.rounds += 1

    async def run(self, seconds: float, pause: float = 0.05) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            await self.round()
            await asyncio.sleep(pause)

    async def _segmentation(self, client, customer: str) -> None:
        body = {"name": f"Customer {customer}", "industry": "retail", "growth_pct": 8, "owner": "am-1"}
        self._note("segmentation", await client.put(f"/v1/customers/{customer}", json=body, headers=ADMIN))
        self._note("segmentation", await client.post(f"/v1/customers/{customer}/rescore", headers=ADMIN))

    async def _feedback(self, client, customer: str) -> None:
        created = self._note("feedback", await client.post("/v1/tickets", headers=ADMIN, json={
            "customer_id": customer, "channel": "web", "type": "complaint", "category": "technical",
            "description": "export fails"}))
        if created.status_code != 201:
            return
        ticket = created.json()["id"]
        self._note("feedback", await client.post(f"/v1/tickets/{ticket}/responses", headers=ADMIN,
                                                 json={"message": "on it"}))
        self._note("feedback", await client.post(f"/v1/tickets/{ticket}/resolve", headers=ADMIN,
                                                 json={"solution": "fixed"}))

    async def _survey(self, client, customer: str) -> None:
        invited = self._note("survey", await client.post(
            "/v1/surveys/default/invitations", headers=ADMIN, json={"customer_ids": [customer]}))
        if invited.status_code != 201:
            return
        token = invited.json()["items"][0]["token"]
        if self._items is None:
            questions = self._note("survey", await client.get(f"/v1/invitations/{token}")).json()
            self._items = [i["id"] for d in questions["dimensions"] for i in d["items"]]
        self._note("survey", await client.post(f"/v1/invitations/{token}/response",
                                               json={"answers": dict.fromkeys(self._items, 4), "nps": 9}))

    async def _playbook(self, client, customer: str) -> None:
        self._note("playbook", await client.post(f"/v1/customers/{customer}/contacts", headers=ADMIN,
                                                 json={"channel": "email", "opened": True}))


def assert_no_failed_writes(failures: list[str]) -> None:
    """Every write of the stream succeeded (a 5xx or a refused write is a failure)."""
    assert not failures, failures[:10]
