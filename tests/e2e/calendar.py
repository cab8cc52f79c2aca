"""The four services on one database of their own and the broker, their test clocks moved together:
what `make run` does when a person moves the clocks forward (docs/design.md §9)."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

import httpx

from services.feedback.app import create_app as create_feedback
from services.feedback.settings import feedback_settings
from services.playbook.app import create_app as create_playbook
from services.playbook.settings import playbook_settings
from services.segmentation.app import create_app as create_segmentation
from services.segmentation.settings import segmentation_settings
from services.survey.app import create_app as create_survey
from services.survey.settings import survey_settings
from tests.integration.playbook.helpers import uvicorn_server
from tests.support import ADMIN, TEST_JWT_SECRET, eventually, free_port, running_service

EVENT_TYPES = ["score-updated", "tier-changed", "churn-risk-detected", "order-recorded", "invitation-created",
               "ticket-closed", "report-published", "action-created"]


@dataclass
class Platform:
    segmentation: list[httpx.AsyncClient]
    survey: list[httpx.AsyncClient]
    feedback: list[httpx.AsyncClient]
    playbook: list[httpx.AsyncClient]
    prefix: str

    @property
    def every(self) -> list[httpx.AsyncClient]:
        return [*self.segmentation, *self.survey, *self.feedback, *self.playbook]

    def topics(self) -> list[str]:
        return [f"{self.prefix}{t}" for t in EVENT_TYPES]

    async def move_clocks(self, to: datetime) -> None:
        """Every service's clock to the same time (one replica of each is enough: they share it)."""
        for client in (self.segmentation[0], self.survey[0], self.feedback[0], self.playbook[0]):
            response = await client.put("/v1/clock", json={"now": to.isoformat()}, headers=ADMIN)
            assert response.status_code == 200, response.text


@contextlib.asynccontextmanager
async def platform(database_url: str, bootstrap: str, replicas: int = 1) -> AsyncIterator[Platform]:
    """`replicas` instances of each service, all running their schedulers on the same database."""
    prefix = f"cal-{uuid.uuid4().hex[:6]}."
    common = {"database_url": database_url, "kafka_bootstrap": bootstrap, "jwt_secret": TEST_JWT_SECRET,
              "kafka_topic_prefix": prefix, "outbox_poll_seconds": 0.05, "sweep_interval_seconds": 0.2,
              "consumer_fetch_wait_ms": 50}
    survey_port = free_port()
    survey_url = f"http://127.0.0.1:{survey_port}"
    async with contextlib.AsyncExitStack() as stack:
        await stack.enter_async_context(uvicorn_server(
            create_survey(survey_settings(**common, public_base_url=survey_url)), survey_port))
        survey = [await stack.enter_async_context(httpx.AsyncClient(base_url=survey_url, timeout=30))]
        for _ in range(replicas - 1):
            survey.append(await stack.enter_async_context(running_service(create_survey(
                survey_settings(**common, public_base_url=survey_url)))))
        segmentation = [await stack.enter_async_context(running_service(create_segmentation(
            segmentation_settings(**common)))) for _ in range(replicas)]
        feedback = [await stack.enter_async_context(running_service(create_feedback(
            feedback_settings(**common)))) for _ in range(replicas)]
        playbook = [await stack.enter_async_context(running_service(create_playbook(playbook_settings(
            **common, survey_base_url=survey_url, survey_backoff_seconds=0.05, survey_retry_seconds=0.2))))
            for _ in range(replicas)]
        yield Platform(segmentation, survey, feedback, playbook, prefix)


async def last_run(client: httpx.AsyncClient, schedule: str) -> dict | None:
    listing = (await client.get("/v1/schedules", headers=ADMIN)).json()
    return next(s for s in listing if s["name"] == schedule)["last_run"]


async def wait_for_run(client: httpx.AsyncClient, schedule: str, *, covering: datetime | None = None,
                       started_after: datetime | None = None, timeout: float = 180) -> dict:
    """Until the schedule's latest run is done and covers `covering` / began after `started_after`."""

    async def done() -> dict | None:
        run = await last_run(client, schedule)
        if not run or run["status"] != "done":
            return None
        start, end = datetime.fromisoformat(run["period_start"]), datetime.fromisoformat(run["period_end"])
        if covering is not None and not start <= covering < end:
            return None
        if started_after is not None and datetime.fromisoformat(run["started_at"]) < started_after:
            return None
        return run

    try:
        return await eventually(done, timeout=timeout, interval=0.2)
    except AssertionError as exc:
        raise AssertionError(f"{schedule}: last run {await last_run(client, schedule)}") from exc
