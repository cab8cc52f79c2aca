"""HTTP benchmarks measured from outside the process: each service route beside its bare baseline.

For each benchmark (ticket creation, ticket update, survey answer, order recording), on one fresh
database:

1. the service starts under uvicorn (it migrates its schema) and the fixtures are made (tickets to
   update, invitations to answer, customers to order for); the baseline gets copies of the tables it
   writes (`LIKE ... INCLUDING ALL`, the fixtures' rows copied) in a schema of its own;
2. the bare baseline (bench/baseline_app.py) runs alone: a 2 s warm-up, then wrk saturated
   (`-t2 -c32`, BENCH_HTTP_SECONDS) and the paced generator (bench/paced.py, its own process) at
   half the baseline's saturated rate;
3. the service runs alone the same phases, paced at the same rate (half the baseline's).

Around each measured phase the CPU seconds of the server process and of the PostgreSQL backends
serving the benchmark's database are read from /proc (bench/procstat.py), until the server's
background work (relay, consumers) has settled; divided by the rows the server wrote meanwhile
(one per request: tickets, history rows, responses, orders; those of requests wrk stopped waiting
for at the end included), that is the CPU per request.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx

from bench import wrk
from bench.common import (
    ADMIN_DSN,
    ROOT,
    PeakRss,
    Service,
    fresh_database,
    rss_mb,
    running,
    service_env,
    size,
    start_service,
    start_uvicorn,
    stop,
)
from bench.customer_data import load_data
from bench.procstat import CpuMeter
from bench.wrk import RequestSpec, fill
from shared.auth import issue_token
from shared.settings import DEVELOPMENT_JWT_SECRET

WARMUP_SECONDS = 2.0
THREADS = 2
PACED_SHARE = 0.5  # the paced phase offers this share of the baseline's saturated rate
DESCRIPTION = "账单金额不对，上个月被多扣了一笔服务费，请尽快核实处理 (invoice charged twice)"


def _token(roles: list[str]) -> str:
    # On the billing team: the tickets it opens and edits (category billing) are in its queue, so
    # every update passes the agent's scope check (docs/design.md §11) as a real agent's would.
    token = issue_token(DEVELOPMENT_JWT_SECRET, "bench-agent", roles, extra_claims={"team": "billing-team"})
    return f"Bearer {token}"


@dataclass
class Fixtures:
    """What a benchmark's requests pick from, per phase ({{pick}}), and the tables the baseline
    copies with their rows."""

    picks: dict[str, list[str]] = field(default_factory=dict)  # phase -> values ("" for every phase)
    copied: list[str] = field(default_factory=list)
    note: str = ""
    body: str = ""  # the request body when it depends on the fixtures


@dataclass
class Scenario:
    name: str
    title: str
    service: str
    tables: list[str]  # the service tables the baseline writes (copied empty unless in Fixtures.copied)
    written: str  # the table gaining one row per request served: the count CPU is divided by
    request: Callable[[str], RequestSpec]  # run id -> request
    prepare: Callable[[Service, str], Awaitable[Fixtures]]
    env: dict[str, str] = field(default_factory=dict)


# -- fixtures -----------------------------------------------------------------------------------


async def _no_fixtures(service: Service, dsn: str) -> Fixtures:
    return Fixtures()


UPDATED_TICKETS = 2_000


async def _tickets_to_update(service: Service, dsn: str) -> Fixtures:
    """One ticket opened through the service's API, then cloned in SQL (new ids and customers, its
    history row with each): each request edits the next ticket."""
    async with httpx.AsyncClient(base_url=service.url, timeout=30) as http:
        spec = _ticket_create("fixture")
        made = await http.post("/v1/tickets", content=fill(spec.body, 0, "fixture", []).encode(),
                               headers={**spec.headers, "Idempotency-Key": "fixture"})
        made.raise_for_status()
        template = made.json()["id"]
    connection = await asyncpg.connect(dsn, server_settings={"search_path": "feedback"})
    try:
        await connection.execute("""
            INSERT INTO tickets SELECT (jsonb_populate_record(t, jsonb_build_object(
                'id', gen_random_uuid()::text, 'customer_id', 'tu' || g))).*
            FROM tickets t, generate_series(1, $2) g WHERE t.id = $1""", template, UPDATED_TICKETS)
        await connection.execute("""
            INSERT INTO ticket_history (ticket_id, at, actor, action, from_status, to_status, detail)
            SELECT n.id, h.at, h.actor, h.action, h.from_status, h.to_status, h.detail
            FROM tickets n, ticket_history h WHERE n.customer_id LIKE 'tu%' AND h.ticket_id = $1""", template)
        ids = [r["id"] for r in await connection.fetch(
            "SELECT id FROM tickets WHERE customer_id LIKE 'tu%' ORDER BY id")]
    finally:
        await connection.close()
    return Fixtures(picks={"": ids}, copied=["tickets", "ticket_history"],
                    note=f"{len(ids):,} open tickets (one opened through the API, cloned in SQL with its "
                         "history row); each request edits the next one's description")


INVITATIONS = {"warm": 8_000, "saturated": 40_000, "paced": 20_000}


async def _invitations(service: Service, dsn: str) -> Fixtures:
    """One invitation made through the service's API, then cloned in SQL (new ids and tokens): every
    answer of a phase takes an invitation of its own."""
    admin = {"Authorization": _token(["admin"])}
    async with httpx.AsyncClient(base_url=service.url, headers=admin, timeout=30) as http:
        made = await http.post("/v1/surveys/default/invitations", json={"customer_ids": ["bench-template"]})
        made.raise_for_status()
        template = made.json()["items"][0]["token"]
        view = await http.get(f"/v1/invitations/{template}")
        view.raise_for_status()
    questions = view.json()["questions"]
    # Every Likert item 2 and NPS 2: "dissatisfied", as the loop benchmark answers.
    answer = {"answers": {q["id"]: 2 for q in questions if q["type"] == "likert"}}
    if any(q["type"] == "nps" for q in questions):
        answer["nps"] = 2
    total = sum(INVITATIONS.values())
    connection = await asyncpg.connect(dsn, server_settings={"search_path": "survey"})
    try:
        await connection.execute("""
            INSERT INTO invitations (id, token, kind, survey_id, customer_id, tier, quadrant, created_by,
                created_at, expires_at, reminders_sent)
            SELECT gen_random_uuid()::text, 'bench' || g || 'x' || md5(random()::text), t.kind, t.survey_id,
                'sv' || g, t.tier, t.quadrant, t.created_by, t.created_at, t.expires_at, 0
            FROM invitations t, generate_series(1, $2) g WHERE t.token = $1""", template, total)
        tokens = [r["token"] for r in await connection.fetch(
            "SELECT token FROM invitations WHERE token LIKE 'bench%' ORDER BY customer_id")]
    finally:
        await connection.close()
    picks, start = {}, 0
    for phase, count in INVITATIONS.items():
        picks[phase] = tokens[start:start + count]
        start += count
    return Fixtures(picks=picks, copied=["invitations"], body=json.dumps(answer),
                    note=f"{total:,} open invitations (one per answer; {INVITATIONS} per phase); "
                         f"{len(answer['answers'])} Likert items answered 2, NPS 2")


ORDER_CUSTOMERS = 2_000


async def _customers(service: Service, dsn: str) -> Fixtures:
    await load_data(dsn, ORDER_CUSTOMERS)
    return Fixtures(picks={"": [f"c{i:07d}" for i in range(ORDER_CUSTOMERS)]},
                    copied=["customers", "orders", "scores"],
                    note=f"{ORDER_CUSTOMERS:,} customers with 12 orders each (COPY); each request a new "
                         "order of the next customer")


# -- requests -----------------------------------------------------------------------------------


def _ticket_create(run: str) -> RequestSpec:
    body = json.dumps({"customer_id": "bc{{n}}", "channel": "phone", "type": "complaint",
                       "category": "billing", "description": DESCRIPTION}, ensure_ascii=False)
    return RequestSpec("POST", "/v1/tickets", {"Authorization": _token(["agent"]),
                                               "Content-Type": "application/json",
                                               "Idempotency-Key": "{{uid}}"}, body, run=run)


def _ticket_update(run: str) -> RequestSpec:
    body = json.dumps({"description": "Edited: the charge appears twice on the invoice ({{uid}})"})
    return RequestSpec("PATCH", "/v1/tickets/{{pick}}", {"Authorization": _token(["agent"]),
                                                          "Content-Type": "application/merge-patch+json"},
                       body, run=run)


def _survey_answer(run: str) -> RequestSpec:
    body = json.dumps({"answers": {"q1": 2, "q2": 2, "q3": 2, "q4": 2, "q5": 2}, "nps": 2})
    return RequestSpec("POST", "/v1/invitations/{{pick}}/response", {"Content-Type": "application/json"},
                       body, run=run)


def _order(run: str) -> RequestSpec:
    ordered_at = (datetime.now(UTC) - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    body = json.dumps({"order_id": "o-{{uid}}", "amount": 1234.5, "ordered_at": ordered_at})
    return RequestSpec("POST", "/v1/customers/{{pick}}/orders", {"Authorization": _token(["admin"]),
                                                                  "Content-Type": "application/json",
                                                                  "Idempotency-Key": "{{uid}}"},
                       body, run=run)


SCENARIOS = {
    "tickets": Scenario("tickets", "ticket creation (POST /v1/tickets)", "feedback",
                        ["tickets", "outbox"], "tickets", _ticket_create, _no_fixtures),
    "ticket-update": Scenario("ticket-update", "ticket update (PATCH /v1/tickets/{id}, merge patch)",
                              "feedback", ["tickets", "ticket_history"], "ticket_history", _ticket_update,
                              _tickets_to_update),
    "survey": Scenario("survey", "survey answer (POST /v1/invitations/{token}/response)", "survey",
                       ["invitations", "responses", "outbox"], "responses", _survey_answer, _invitations,
                       env={"CRM_RATE_LIMIT_PER_CLIENT": str(10**9), "CRM_RATE_LIMIT_PER_TOKEN": str(10**9)}),
    "orders": Scenario("orders", "order recording (POST /v1/customers/{id}/orders)", "segmentation",
                       ["customers", "orders", "scores", "outbox"], "orders", _order, _customers),
}


# -- phases -------------------------------------------------------------------------------------


def _picks_file(directory: Path, fixtures: Fixtures, phase: str) -> str:
    values = fixtures.picks.get(phase, fixtures.picks.get(""))
    if not values:
        return ""
    path = directory / f"{phase}.txt"
    path.write_text("\n".join(values) + "\n")
    return str(path)


async def _checkpoint() -> None:
    connection = await asyncpg.connect(ADMIN_DSN)
    try:
        await connection.execute("CHECKPOINT")
    except asyncpg.PostgresError:
        pass
    finally:
        await connection.close()


def _paced(url: str, spec: RequestSpec, rate: float, seconds: float, connections: int) -> dict:
    """bench/paced.py in its own process; its JSON summary."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="crm-paced-", delete=False) as file:
        json.dump({"url": url, "request": spec.to_json(), "rate": rate, "seconds": seconds,
                   "connections": connections, "drain_seconds": 10.0}, file)
    try:
        completed = subprocess.run([sys.executable, "-m", "bench.paced", file.name], cwd=ROOT,
                                   capture_output=True, text=True, timeout=seconds + 120, check=False)
    finally:
        Path(file.name).unlink(missing_ok=True)
    if completed.returncode != 0:
        raise RuntimeError(f"paced generator failed: {completed.stderr[-1500:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


async def _rows(dsn: str, schema: str, table: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval(f'SELECT count(*) FROM "{schema}"."{table}"')
    finally:
        await connection.close()


async def _phases(server: Service, scenario: Scenario, fixtures: Fixtures, directory: Path, clients: int,
                  seconds: float, rate: float | None, dsn: str, schema: str) -> dict:
    """Warm-up, saturated (wrk) and paced (half the baseline's rate; `rate` None: half this
    server's own saturated rate, for the baseline itself), each measured phase with its CPU."""
    run_id = f"{server.name}{uuid.uuid4().hex[:6]}"

    def spec(phase: str) -> RequestSpec:
        request = scenario.request(f"{run_id}{phase[0]}")
        request.body = fixtures.body or request.body
        request.picks_file = _picks_file(directory, fixtures, phase)
        return request

    await asyncio.to_thread(wrk.run, server.url, spec("warm"), threads=THREADS, connections=clients,
                            seconds=WARMUP_SECONDS)
    idle = CpuMeter(server.pid)
    await asyncio.to_thread(idle.settle, 0.05, 0.5, 10.0)
    idle_rate = await asyncio.to_thread(idle.idle_rate)
    database = dsn.rsplit("/", 1)[1]
    before = await _rows(dsn, schema, scenario.written)
    meter = CpuMeter(server.pid, database, idle_rate).start()
    saturated = await asyncio.to_thread(wrk.run, server.url, spec("saturated"), threads=THREADS,
                                        connections=clients, seconds=seconds)
    settle = await asyncio.to_thread(meter.settle)
    meter.stop()
    # The writes the server made in the window, those wrk stopped waiting for included: the CPU
    # they took is in the window too.
    written = await _rows(dsn, schema, scenario.written) - before
    saturated.update(meter.per_request_ms(written), settle_s=settle, writes=written)
    rate = rate if rate is not None else round(saturated["throughput_per_s"] * PACED_SHARE, 1)
    before = await _rows(dsn, schema, scenario.written)
    meter = CpuMeter(server.pid, database, idle_rate).start()
    paced = await asyncio.to_thread(_paced, server.url, spec("paced"), rate, seconds, max(64, 2 * clients))
    settle = await asyncio.to_thread(meter.settle)
    meter.stop()
    written = await _rows(dsn, schema, scenario.written) - before
    paced.update(meter.per_request_ms(written), settle_s=settle, writes=written)
    return {"saturated": saturated, "paced": paced}


async def _baseline_schema(dsn: str, service_schema: str, scenario: Scenario, fixtures: Fixtures) -> str:
    schema = f"baseline_{service_schema}"
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(f'CREATE SCHEMA "{schema}"')
        for table in dict.fromkeys([*scenario.tables, *fixtures.copied]):
            await connection.execute(
                f'CREATE TABLE "{schema}"."{table}" (LIKE "{service_schema}"."{table}" INCLUDING ALL)')
            if table in fixtures.copied:
                await connection.execute(
                    f'INSERT INTO "{schema}"."{table}" SELECT * FROM "{service_schema}"."{table}"')
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return schema


async def run(bootstrap: str, name: str) -> dict:
    scenario = SCENARIOS[name]
    clients = int(size("HTTP_CLIENTS", 32, 32))
    seconds = float(size("HTTP_SECONDS", 10.0, 5.0))
    directory = Path(tempfile.mkdtemp(prefix=f"crm-bench-{name}-"))
    async with fresh_database() as dsn:
        env = service_env(dsn, bootstrap, CRM_KAFKA_TOPIC_PREFIX=f"{name}-{uuid.uuid4().hex[:6]}-",
                          **scenario.env)
        service = start_service(scenario.service, env)
        with running(service):
            idle = rss_mb(service.pid)
            fixtures = await scenario.prepare(service, dsn)
        stop(service)
        schema = await _baseline_schema(dsn, scenario.service, scenario, fixtures)

        await _checkpoint()
        baseline = start_uvicorn(f"baseline-{name}", "bench.baseline_app:create_app",
                                 {**env, "BENCH_BASELINE_DSN": dsn, "BENCH_BASELINE_SCHEMA": schema})
        with running(baseline):
            base = await _phases(baseline, scenario, fixtures, directory, clients, seconds, None, dsn, schema)
        rate = base["paced"]["offered_per_s"]

        await _checkpoint()
        service = start_service(scenario.service, env)
        with running(service), PeakRss(service.pid) as peak:
            served = await _phases(service, scenario, fixtures, directory, clients, seconds, rate, dsn,
                                   scenario.service)
    s, b = served["saturated"], base["saturated"]
    return {
        "title": scenario.title, "service_name": scenario.service, "clients": clients, "threads": THREADS,
        "seconds": seconds, "fixtures": fixtures.note,
        "service": s, "baseline": b, "service_paced": served["paced"], "baseline_paced": base["paced"],
        "throughput_ratio": round(s["throughput_per_s"] / max(b["throughput_per_s"], 1e-9), 3),
        "server_cpu_ratio": _ratio(s["server_cpu_ms_per_request"], b["server_cpu_ms_per_request"]),
        "postgres_cpu_ratio": _ratio(s["postgres_cpu_ms_per_request"], b["postgres_cpu_ms_per_request"]),
        "memory_mb": {"idle": idle, "loaded_peak": peak.peak},
    }


def _ratio(value: float, baseline: float) -> float:
    return round(value / baseline, 2) if baseline else 0.0
