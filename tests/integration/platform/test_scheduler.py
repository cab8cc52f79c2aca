"""The shared scheduler and test clock on PostgreSQL: two replicas claim each period once, a moved
clock makes every schedule catch up, a failed run resumes, production has no test clock."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections import Counter
from datetime import UTC, datetime, time, timedelta

from services.segmentation.app import SPEC
from services.segmentation.settings import segmentation_settings
from shared.app import create_service_app
from shared.business_time import month_of, zone_named
from shared.recurrence import Recurrence
from shared.scheduler import CatchUp, Occurrence, Schedule
from tests.support import ADMIN, bearer, eventually, running_service

SHANGHAI = zone_named("Asia/Shanghai")


class Journal:
    """What the test jobs did, by replica; `work` is keyed like an idempotent job's writes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, datetime]] = []
        self.work: dict[tuple[str, datetime], int] = {}
        self.fail_first: set[str] = set()

    def job(self, replica: str):
        async def run(ctx, occurrence: Occurrence) -> dict:
            self.calls.append((replica, occurrence.schedule, occurrence.period_start))
            await asyncio.sleep(0.05)  # long enough for the other replica to try the same period
            key = (occurrence.schedule, occurrence.period_start)
            self.work[key] = self.work.get(key, 0) + 1 if occurrence.attempt == 1 else 1
            if occurrence.schedule in self.fail_first and occurrence.attempt == 1:
                raise RuntimeError("the database went away half way")
            return {"month": month_of(occurrence.period_start, occurrence.zone)}

        return run


def _schedules(journal: Journal, replica: str) -> list[Schedule]:
    return [
        Schedule("monthly-each", Recurrence.monthly(time(2)), journal.job(replica),
                 "each missed month", catch_up=CatchUp.EACH),
        Schedule("monthly-latest", Recurrence.monthly(time(2)), journal.job(replica),
                 "only the newest month", catch_up=CatchUp.LATEST),
        Schedule("daily-fragile", Recurrence.daily(time(0, 30)), journal.job(replica),
                 "fails on its first attempt", catch_up=CatchUp.EACH),
    ]


def _app(database_url: str, broker, journal: Journal, replica: str, **overrides):
    spec = dataclasses.replace(SPEC, schedules=_schedules(journal, replica), workers=[], handlers={})
    settings = segmentation_settings(
        database_url=database_url, kafka_bootstrap=broker.bootstrap, run_relay=False,
        sweep_interval_seconds=0.2, schedule_retry_seconds=0.2, **overrides,
    )
    return create_service_app(spec, settings)


@contextlib.asynccontextmanager
async def _replicas(database_url, broker, journal, *names, **overrides):
    async with contextlib.AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(
            running_service(_app(database_url, broker, journal, name, **overrides))) for name in names]
        yield clients


async def _schedules_of(client) -> dict[str, dict]:
    response = await client.get("/v1/schedules", headers=ADMIN)
    assert response.status_code == 200, response.text
    return {item["name"]: item for item in response.json()}


async def test_two_replicas_run_each_missed_month_once_after_the_clock_moves(own_database, broker):
    journal = Journal()
    async with _replicas(own_database, broker, journal, "a", "b") as (a, b):
        # First sight: each schedule runs its latest due period once, on one replica.
        await eventually(lambda: len({(s, p) for _, s, p in journal.calls}) >= 3)
        now = datetime.fromisoformat((await a.get("/v1/clock", headers=ADMIN)).json()["now"])
        target = now + timedelta(days=200)
        response = await a.put("/v1/clock", headers=ADMIN, json={"now": target.isoformat()})
        assert response.status_code == 200, response.text
        expected_latest = Recurrence.monthly(time(2)).latest_due(target, SHANGHAI).start

        async def caught_up() -> bool:
            listing = await _schedules_of(b)
            return all(
                listing[name]["last_run"] and listing[name]["last_run"]["status"] == "done"
                and datetime.fromisoformat(listing[name]["last_run"]["period_start"]) == expected_latest
                for name in ("monthly-each", "monthly-latest")
            )

        await eventually(caught_up, timeout=30)
        listing = await _schedules_of(a)
    each = sorted(p for _, s, p in journal.calls if s == "monthly-each")
    latest = [p for _, s, p in journal.calls if s == "monthly-latest"]
    # Each period ran exactly once across both replicas, every missed month in order for "each",
    assert len(each) == len(set(each)) >= 7
    months = [month_of(p, SHANGHAI) for p in each]
    assert months == sorted(months)
    assert len(latest) == 2  # and the first and the newest month only for "latest".
    assert all(count == 1 for (name, _), count in journal.work.items() if name.startswith("monthly"))
    assert Counter(s for _, s, _ in journal.calls)["monthly-latest"] == 2
    entry = listing["monthly-each"]
    assert entry["recurrence"] == "monthly on the 1st at 02:00, for the month before (Asia/Shanghai)"
    assert entry["catch_up"] == "each" and entry["time_zone"] == "Asia/Shanghai"
    assert datetime.fromisoformat(entry["next_run_at"]) > target
    assert entry["last_run"]["outcome"] == {"month": month_of(expected_latest, SHANGHAI)}


async def test_a_failed_run_is_retried_and_resumes_without_doubling(own_database, broker):
    journal = Journal()
    journal.fail_first.add("daily-fragile")
    async with _replicas(own_database, broker, journal, "a") as (a,):
        async def retried() -> dict | None:
            runs = (await a.get("/v1/schedules/daily-fragile/runs", headers=ADMIN)).json()
            return runs[0] if runs and runs[0]["status"] == "done" else None

        run = await eventually(retried, timeout=20)
    assert run["attempts"] == 2 and run["error"] is None
    attempts = [p for _, s, p in journal.calls if s == "daily-fragile"]
    assert len(attempts) == 2 and len(set(attempts)) == 1
    assert journal.work[("daily-fragile", attempts[0])] == 1  # the retry redid, not doubled


async def test_a_run_whose_replica_died_is_taken_over_after_its_lease(own_database, broker):
    journal = Journal()
    async with _replicas(own_database, broker, journal, "a", schedule_lease_seconds=0.5) as (a,):
        await eventually(lambda: any(s == "monthly-each" for _, s, _ in journal.calls))
        ctx = a.app.state.ctx
        runs = ctx.tables["schedule_runs"]
        moved_to = ctx.clock.now() + timedelta(days=40)
        period = Recurrence.monthly(time(2)).latest_due(moved_to, SHANGHAI)
        dead = datetime.now(UTC) - timedelta(seconds=5)
        async with ctx.db.session() as session, session.begin():
            # A replica that claimed the next month and died without a word.
            await session.execute(runs.insert().values(
                schedule="monthly-each", period_start=period.start, period_end=period.end,
                due_at=period.due_at, status="running", attempts=1, worker="segmentation-dead",
                started_at=moved_to, heartbeat_at=dead))
        await a.put("/v1/clock", headers=ADMIN, json={"now": moved_to.isoformat()})

        async def taken_over() -> dict | None:
            found = (await a.get("/v1/schedules/monthly-each/runs", headers=ADMIN)).json()
            return found[0] if found[0]["status"] == "done" else None

        run = await eventually(taken_over, timeout=20)
    assert datetime.fromisoformat(run["period_start"]) == period.start and run["attempts"] == 2


async def test_the_test_clock_moves_forward_only_and_only_for_an_admin(own_database, broker):
    journal = Journal()
    async with _replicas(own_database, broker, journal, "a", "b") as (a, b):
        clock = (await a.get("/v1/clock", headers=bearer("analyst"))).json()
        assert clock["offset_seconds"] == 0 and clock["time_zone"] == "Asia/Shanghai"
        ahead = (datetime.now(UTC) + timedelta(days=31)).isoformat()
        assert (await a.put("/v1/clock", headers=bearer("manager"), json={"now": ahead})).status_code == 403
        moved = await a.put("/v1/clock", headers=ADMIN, json={"now": ahead})
        assert moved.status_code == 200 and moved.json()["offset_seconds"] > 30 * 86400
        # The other replica reads the same clock (it is kept in the service's database).
        other = (await b.get("/v1/clock", headers=ADMIN)).json()
        assert datetime.fromisoformat(other["now"]) >= datetime.fromisoformat(ahead)
        back = await b.put("/v1/clock", headers=ADMIN, json={"now": datetime.now(UTC).isoformat()})
        assert back.status_code == 422
        assert back.json()["errors"][0]["field"] == "now"
        naive = await a.put("/v1/clock", headers=ADMIN, json={"now": "2030-01-01T00:00:00"})
        assert naive.status_code == 422 and naive.json()["errors"][0]["field"] == "now"
        assert (await a.get("/v1/schedules/no-such-job/runs", headers=ADMIN)).status_code == 404


async def test_production_has_no_test_clock(platform_config):
    settings = segmentation_settings(**{**platform_config, "env": "production",
                                        "jwt_secret": "a-production-secret-0123456789abcdefghij"},
                                     run_relay=False, run_consumers=False, run_workers=False)
    async with running_service(create_service_app(SPEC, settings)) as client:
        assert (await client.get("/v1/clock")).status_code == 404
        assert (await client.put("/v1/clock", json={"now": "2030-01-01T00:00:00Z"})).status_code == 404
        assert (await client.get("/v1/schedules")).status_code == 401  # served, behind auth


async def test_an_admin_moves_a_jobs_time_and_every_replica_runs_by_it(own_database, broker):
    journal = Journal()
    async with _replicas(own_database, broker, journal, "a", "b") as (a, b):
        await eventually(lambda: any(s == "monthly-each" for _, s, _ in journal.calls))
        read = await a.get("/v1/schedules/monthly-each", headers=bearer("analyst"))
        assert read.json()["times"] == {"at": "02:00", "day_of_month": 1}
        assert read.headers["etag"] == '"schedule:monthly-each.1"'
        change = {"at": "05:30", "day_of_month": 3}
        assert (await a.put("/v1/schedules/monthly-each", headers=bearer("manager"),
                            json=change)).status_code == 403
        for wrong, field in [({"at": "25:00"}, "at"), ({"at": "5:30"}, "at"),
                             ({"day_of_month": 29}, "day_of_month"), ({"weekday": "Friday"}, "weekday"),
                             ({"every_minutes": 5}, "every_minutes")]:
            refused = await a.put("/v1/schedules/monthly-each", headers=ADMIN, json=wrong)
            assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field, wrong
        unknown = await a.put("/v1/schedules/monthly-each", headers=ADMIN, json={"hour": 5})
        assert unknown.status_code == 422 and "hour" in unknown.json()["errors"][0]["field"]
        assert (await a.put("/v1/schedules/no-such-job", headers=ADMIN, json=change)).status_code == 404
        stale = await a.put("/v1/schedules/monthly-each", json=change,
                            headers={**ADMIN, "If-Match": '"schedule:monthly-each.9"'})
        assert stale.status_code == 412
        saved = await a.put("/v1/schedules/monthly-each", headers={**ADMIN, "If-Match": read.headers["etag"]},
                            json=change)
        assert saved.status_code == 200 and saved.headers["etag"] == '"schedule:monthly-each.2"'
        assert saved.json()["recurrence"] == (
            "monthly on the 3rd at 05:30, for the month before (Asia/Shanghai)")
        # The other replica reads the same version: the next month is due on the 3rd at 05:30.
        other = (await _schedules_of(b))["monthly-each"]
        assert other["times"] == change and other["times_version"] == 2
        next_run = datetime.fromisoformat(other["next_run_at"]).astimezone(SHANGHAI)
        assert (next_run.day, next_run.hour, next_run.minute) == (3, 5, 30)
        runs_before = len([p for _, s, p in journal.calls if s == "monthly-each"])
        # On the 2nd the month is not due any more (it would have been at 02:00 on the 1st) ...
        second = next_run - timedelta(days=1)
        await a.put("/v1/clock", headers=ADMIN, json={"now": second.isoformat()})
        await asyncio.sleep(1.0)
        assert len([p for _, s, p in journal.calls if s == "monthly-each"]) == runs_before
        # ... on the 3rd after 05:30 it runs, once across both replicas.
        await a.put("/v1/clock", headers=ADMIN, json={"now": (next_run + timedelta(minutes=1)).isoformat()})
        await eventually(lambda: len([p for _, s, p in journal.calls if s == "monthly-each"]) > runs_before)
        await asyncio.sleep(0.5)
    each = [p for _, s, p in journal.calls if s == "monthly-each"]
    assert len(each) == runs_before + 1 == len(set(each))
