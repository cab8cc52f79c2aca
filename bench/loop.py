"""Benchmark: survey answer -> playbook action visible, 100 answers/s for 60 s, beside the
broker's own produce-to-consume latency measured in the same run.

The survey and playbook services run under uvicorn (one process each) on one fresh database
(each owns its schema) and a fresh topic prefix. One invitation per answer is made before
the clock starts; the answers (every item 2, NPS 2: "dissatisfied", which the default rule
`satisfaction-negative` turns into one `remediation-plan` action, caps bypassed) are sent
open loop, each at its own slot whether or not the previous one was answered. A consumer on
the broker records when the first `action-created` event of each customer arrives: latency =
that arrival minus the answer's send time, so it covers the HTTP answer, the survey's
transaction and outbox, its relay, the broker, the playbook's consumer, rule and outbox, its
relay and the broker again. The services' outbox and inbox timestamps split it by stage.

Baseline: a plain aiokafka producer and consumers on the same broker, messages of the same
size at the same rate for the same time, on a topic of their own (services stopped).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
import uuid
from collections.abc import Iterable
from datetime import datetime

import asyncpg
import httpx
import psutil
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from bench.common import (
    PeakRss,
    TopicWatcher,
    fresh_database,
    percentile,
    running,
    service_env,
    size,
    start_service,
)
from bench.procstat import CpuMeter, net_of_idle
from shared.auth import issue_token
from shared.events.topics import ensure_topics
from shared.settings import DEVELOPMENT_JWT_SECRET, PlatformSettings

SCORED, CREATED = "satisfaction-scored", "action-created"
EXPECTED_KIND = "remediation-plan"  # default rule satisfaction-negative (docs/design.md §6)
ANSWER, NPS = 2, 2  # every item 2 and NPS 2: level "dissatisfied", a detractor
WARMUP = 5
VERIFY_SAMPLE = 20
DRAIN_SECONDS = 30.0
OBSERVER_FETCH_WAIT_MS = 50  # the bench's own consumers; the services' consumer uses aiokafka's default
BASELINE_TYPE = "loop-baseline"
CONNECTIONS = 64  # keep-alive connections of the answering client; more answers than that wait for one

NOTE = ("Latency = arrival of the customer's first `action-created` event at a consumer in the bench "
        "process minus the send time of the survey answer (open loop, each answer at its own slot). It "
        "includes the HTTP answer (rate-limit counters, scoring, the survey transaction with its outbox "
        "row), the survey relay (woken by the append or its poll interval), the broker, the playbook "
        "consumer (fetch wait, one transaction per fetched batch with its inbox rows, the rules, the "
        "actions and their outbox rows, one offset commit per batch), the playbook relay, and the broker "
        "again to the bench's consumer.")


def _ms(values: Iterable[float]) -> dict[str, float]:
    values = list(values)
    return {"p50_ms": round(percentile(values, 50), 1), "p90_ms": round(percentile(values, 90), 1),
            "p99_ms": round(percentile(values, 99), 1), "max_ms": round(max(values, default=0.0), 1)}


class CpuSeconds:
    """CPU seconds (user + system) each process used inside the block, and the machine's busy share."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.processes = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.used: dict[str, float] = {}

    def _times(self) -> dict[str, float]:
        return {name: sum(p.cpu_times()[:2]) for name, p in self.processes.items()}

    def __enter__(self) -> CpuSeconds:
        self._start = self._times()
        self._machine = psutil.cpu_times()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        end = self._times()
        self.used = {name: round(end[name] - self._start[name], 2) for name in end}
        machine = psutil.cpu_times()
        busy = sum(machine) - machine.idle - sum(self._machine) + self._machine.idle
        wall = (time.perf_counter() - self.started) * (psutil.cpu_count() or 1)
        self.used["machine_busy_share"] = round(busy / wall, 2) if wall else 0.0
        self.wall = time.perf_counter() - self.started


class Arrivals(TopicWatcher):
    """Arrival time (time.time()) of the first event per customer, per topic."""

    def __init__(self, bootstrap: str, topics: dict[str, str], fetch_wait_ms: int) -> None:
        self.types = {topic: event_type for event_type, topic in topics.items()}
        super().__init__(bootstrap, list(self.types), fetch_wait_ms=fetch_wait_ms)
        self.arrived: dict[str, dict[str, float]] = {t: {} for t in topics}
        self.kinds: dict[str, str] = {}
        self.envelope_bytes: dict[str, int] = {}
        self.sample: dict[str, bytes] = {}  # one envelope per event type, as the service wrote it

    def record(self, record: ConsumerRecord, arrived_at: float) -> None:
        event_type = self.types[record.topic]
        data = json.loads(record.value)["data"]
        customer = data["customer_id"]
        self.envelope_bytes.setdefault(event_type, len(record.value))
        self.sample.setdefault(event_type, record.value)
        if customer not in self.arrived[event_type]:
            self.arrived[event_type][customer] = arrived_at
            if event_type == CREATED:
                self.kinds[customer] = data["kind"]

    async def wait_for(self, event_type: str, customers: Iterable[str], timeout: float) -> bool:
        wanted = set(customers)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if wanted <= self.arrived[event_type].keys():
                return True
            await asyncio.sleep(0.1)
        return False


class RawHttp:
    """A minimal HTTP/1.1 keep-alive client for the paced answers: a free connection is taken from a
    queue in O(1), where httpx's pool scans every queued request against every connection on each
    step (on a saturated server that made the bench process the busiest one on the 2 cores)."""

    def __init__(self, url: str, connections: int) -> None:
        host, port = url.removeprefix("http://").split(":")
        self.host, self.port, self.limit = host, int(port), connections
        self.free: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
        self.opened = 0

    async def post(self, path: str, body: bytes) -> int:
        """POST a JSON body; returns the status code (the answer's body is read and dropped)."""
        if self.free.empty() and self.opened < self.limit:
            self.opened += 1
            try:
                connection = await asyncio.open_connection(self.host, self.port)
            except OSError:
                self.opened -= 1
                raise
        else:
            connection = await self.free.get()
        reader, writer = connection
        try:
            writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                         f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                         + body)
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            fields = (line.split(":", 1) for line in head[1:] if ":" in line)
            headers = {name.strip().lower(): value for name, value in fields}
            await reader.readexactly(int(headers["content-length"]))  # uvicorn sends it for JSON answers
        except BaseException:
            writer.close()
            self.opened -= 1
            raise
        self.free.put_nowait(connection)
        return int(head[0].split(" ", 2)[1])

    async def close(self) -> None:
        while not self.free.empty():
            _, writer = self.free.get_nowait()
            writer.close()


async def _invite(http: httpx.AsyncClient, customers: list[str]) -> dict[str, str]:
    """customer id -> invitation token, 1,000 customers per request."""
    tokens: dict[str, str] = {}
    for start in range(0, len(customers), 1000):
        response = await http.post("/v1/surveys/default/invitations",
                                   json={"customer_ids": customers[start:start + 1000]})
        response.raise_for_status()
        tokens.update({item["customer_id"]: item["token"] for item in response.json()["items"]})
    return tokens


async def _answer_body(http: httpx.AsyncClient, token: str) -> dict:
    """Every Likert item of the survey answered ANSWER, NPS NPS: read from the public view."""
    response = await http.get(f"/v1/invitations/{token}")
    response.raise_for_status()
    questions = response.json()["questions"]
    body: dict = {"answers": {q["id"]: ANSWER for q in questions if q["type"] == "likert"}}
    if any(q["type"] == "nps" for q in questions):
        body["nps"] = NPS
    return body


async def _paced(count: int, rate: float, fire) -> float:
    """Calls fire(i) at start + i / rate (open loop: never waits for an earlier call); returns
    the seconds the schedule took."""
    tasks = []
    start = time.perf_counter()
    for number in range(count):
        delay = start + number / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(fire(number)))
    elapsed = time.perf_counter() - start
    await asyncio.gather(*tasks)
    return elapsed


async def _stages(dsn: str, sent: dict[str, float], arrivals: Arrivals) -> dict[str, dict]:
    """Each hop's share of the latency, from the services' own outbox and inbox timestamps."""
    connection = await asyncpg.connect(dsn)
    try:
        scored = {r["message_key"]: r for r in await connection.fetch(
            "SELECT message_key, event_id, created_at, published_at FROM survey.outbox "
            "WHERE event_type = $1", SCORED)}
        applied = {r["event_id"]: r["applied_at"] for r in await connection.fetch(
            "SELECT event_id, applied_at FROM playbook.inbox WHERE event_type = $1", SCORED)}
        created: dict[str, asyncpg.Record] = {}
        for r in await connection.fetch(
                "SELECT message_key, created_at, published_at FROM playbook.outbox "
                "WHERE event_type = $1 ORDER BY id", CREATED):
            created.setdefault(r["message_key"], r)
    finally:
        await connection.close()
    stages: dict[str, list[float]] = {name: [] for name in (
        "answer_to_survey_outbox", "survey_relay", "broker_and_playbook_fetch", "playbook_handler",
        "playbook_relay", "broker_to_bench_consumer")}

    def seconds(moment: datetime | None) -> float | None:
        return moment.timestamp() if moment else None

    for customer, at in sent.items():
        s, c = scored.get(customer), created.get(customer)
        arrival = arrivals.arrived[CREATED].get(customer)
        if s is None or c is None or arrival is None or s["event_id"] not in applied:
            continue
        points = [at, seconds(s["created_at"]), seconds(s["published_at"]), seconds(applied[s["event_id"]]),
                  seconds(c["created_at"]), seconds(c["published_at"]), arrival]
        if None in points:
            continue
        for name, before, after in zip(stages, points, points[1:], strict=False):
            stages[name].append((after - before) * 1000)
    result = {name: {"count": len(values), **_ms(values)} for name, values in stages.items()}
    # How fast each service got through the measured answers, first to last (offered: the rate).
    measured = [scored[c] for c in sent if c in scored]
    result["per_s"] = {
        "survey_answers": _rate([seconds(r["created_at"]) for r in measured]),
        "playbook_events": _rate([seconds(applied.get(r["event_id"])) for r in measured]),
    }
    return result


def _rate(moments: list[float | None]) -> float:
    """Events per second between the first and the last of these moments."""
    ordered = sorted(m for m in moments if m is not None)
    if len(ordered) < 2 or ordered[-1] <= ordered[0]:
        return 0.0
    return round((len(ordered) - 1) / (ordered[-1] - ordered[0]), 1)


async def _verify(http: httpx.AsyncClient, customers: list[str]) -> dict[str, int]:
    """Customers whose care plan (GET /v1/customers/{id}/plan) shows the expected action."""
    shown = 0
    for customer in customers:
        response = await http.get(f"/v1/customers/{customer}/plan")
        if response.status_code == 200:
            plan = response.json()
            actions = plan["open_actions"] + plan["recent_actions"]
            shown += any(a["kind"] == EXPECTED_KIND for a in actions)
    return {"checked": len(customers), "shown": shown}


async def _broker_baseline(bootstrap: str, rate: float, seconds: float, message_bytes: int) -> dict:
    """A plain producer (acks=all, linger 2 ms, as the relay) and two plain consumers: aiokafka's
    default fetch wait (500 ms) and the 50 ms one the services' consumers and the bench's use."""
    settings = PlatformSettings(kafka_bootstrap=bootstrap,
                                kafka_topic_prefix=f"loopbase-{uuid.uuid4().hex[:6]}-")
    await ensure_topics(settings, [BASELINE_TYPE])
    topic = settings.topic(BASELINE_TYPE)
    latencies: dict[str, list[float]] = {"default": [], "short": []}

    async def consume(consumer: AIOKafkaConsumer, into: list[float]) -> None:
        async for record in consumer:
            now = time.time()
            into.append((now - json.loads(record.value)["t"]) * 1000)

    def plain(**options: int) -> AIOKafkaConsumer:
        return AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"bench-base-{uuid.uuid4().hex}",
                                auto_offset_reset="latest", **options)

    consumers = {"default": plain(), "short": plain(fetch_max_wait_ms=OBSERVER_FETCH_WAIT_MS)}
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False,
                                linger_ms=2, request_timeout_ms=10000)
    await producer.start()
    tasks = []
    try:
        for name, consumer in consumers.items():
            await consumer.start()
            tasks.append(asyncio.create_task(consume(consumer, latencies[name])))
        # Both consumers assigned and positioned: a warm-up message reaches each of them.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(latencies.values()):
            await producer.send_and_wait(topic, json.dumps({"t": time.time()}).encode(), key=b"warm-up")
            await asyncio.sleep(0.5)
        for values in latencies.values():
            values.clear()
        count = int(rate * seconds)
        padding = "x" * max(0, message_bytes - 40)

        async def fire(number: int) -> None:
            value = json.dumps({"t": time.time(), "n": number, "pad": padding}).encode()
            await producer.send(topic, value, key=f"c{number:07d}".encode())

        await _paced(count, rate, fire)
        await producer.flush()
        for _ in range(100):  # at most 10 s for the last messages
            if min(len(v) for v in latencies.values()) >= count:
                break
            await asyncio.sleep(0.1)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for consumer in consumers.values():
            await consumer.stop()
        await producer.stop()
    return {name: {"messages": len(values), **_ms(values)} for name, values in latencies.items()}


async def _backlog(bootstrap: str, topic: str, sample: bytes, arrivals: Arrivals, playbook_pid: int,
                   idle_rate: float, run_id: str) -> dict:
    """The playbook draining a backlog: `BACKLOG_EVENTS` satisfaction-scored events (copies of one the
    survey wrote, each with an id, customer and response of its own) produced at once, so the
    consumer fetches them in full batches. CPU per applied event with the per-batch machinery (the
    transaction, the inbox check, the offset commit, the relay's round) shared by a batch, where the
    paced loop above pays it for every event or two."""
    count = int(size("BACKLOG_EVENTS", 5000, 500))
    envelope = json.loads(sample)
    customers = [f"backlog{run_id}{n:06d}" for n in range(count)]
    values = []
    for customer in customers:
        event = {**envelope, "id": str(uuid.uuid4()), "subject": customer,
                 "data": {**envelope["data"], "customer_id": customer, "response_id": str(uuid.uuid4())}}
        values.append((customer.encode(), json.dumps(event).encode()))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False,
                                linger_ms=5, request_timeout_ms=30000)
    await producer.start()
    try:
        with CpuSeconds({"playbook": playbook_pid}) as cpu:
            for key, value in values:
                await producer.send(topic, value, key=key)
            await producer.flush()
            produce_seconds = time.perf_counter() - cpu.started
            drained = await arrivals.wait_for(CREATED, customers, 120)
    finally:
        await producer.stop()
    seconds = cpu.wall
    return {
        "events": count, "drained": drained, "seconds": round(seconds, 2),
        "produce_seconds": round(produce_seconds, 2),
        "events_per_s": round(count / seconds, 1) if seconds else 0.0,
        "playbook_cpu_seconds": round(cpu.used["playbook"], 2),
        "playbook_cpu_ms_per_event": round(
            1000 * net_of_idle(cpu.used["playbook"], idle_rate, seconds) / count, 2),
    }


async def run(bootstrap: str) -> dict:
    rate = float(size("LOOP_RATE", 100, 20))
    seconds = float(size("LOOP_SECONDS", 60.0, 10.0))
    count = int(rate * seconds)
    admin = {"Authorization": f"Bearer {issue_token(DEVELOPMENT_JWT_SECRET, 'bench', ['admin'])}"}
    run_id = uuid.uuid4().hex[:6]
    warm = [f"warm{run_id}{n:03d}" for n in range(WARMUP)]
    customers = [f"loop{run_id}{n:06d}" for n in range(count)]
    sent: dict[str, float] = {}
    answered_ms: list[float] = []
    statuses: dict[str, int] = {}
    async with fresh_database() as dsn:
        prefix = f"loop-{run_id}-"
        env = service_env(dsn, bootstrap, CRM_KAFKA_TOPIC_PREFIX=prefix,
                          # the public endpoints count hits per client address: all answers come from here
                          CRM_RATE_LIMIT_PER_CLIENT=str(10**9), CRM_RATE_LIMIT_PER_TOKEN=str(10**9))
        survey = start_service("survey", env)
        with running(survey):
            playbook = start_service("playbook", {**env, "CRM_SURVEY_BASE_URL": survey.url})
            with running(playbook):
                topics = {t: f"{prefix}{t}" for t in (SCORED, CREATED)}
                async with (httpx.AsyncClient(base_url=survey.url, headers=admin, timeout=30) as http,
                            httpx.AsyncClient(base_url=survey.url, timeout=30) as public,
                            httpx.AsyncClient(base_url=playbook.url, headers=admin, timeout=30) as plans,
                            Arrivals(bootstrap, topics, OBSERVER_FETCH_WAIT_MS) as arrivals):
                    started = time.perf_counter()
                    tokens = await _invite(http, warm + customers)
                    invite_seconds = time.perf_counter() - started
                    body = await _answer_body(public, tokens[warm[0]])
                    # Warm-up: both consumers joined their groups and every path is connected.
                    for customer in warm:
                        (await public.post(f"/v1/invitations/{tokens[customer]}/response",
                                           json=body)).raise_for_status()
                    if not await arrivals.wait_for(CREATED, warm, 90):
                        raise RuntimeError("warm-up answers made no action-created event within 90 s")

                    raw = RawHttp(survey.url, CONNECTIONS)
                    accepted: list[str] = []  # answered with 201: each should make one action
                    payload = json.dumps(body).encode()

                    async def answer(number: int) -> None:
                        customer = customers[number]
                        at = time.time()
                        sent[customer] = at
                        try:
                            path = f"/v1/invitations/{tokens[customer]}/response"
                            code = str(await raw.post(path, payload))
                        except (OSError, asyncio.IncompleteReadError, KeyError, ValueError) as exc:
                            code = type(exc).__name__
                        answered_ms.append((time.time() - at) * 1000)
                        statuses[code] = statuses.get(code, 0) + 1
                        if code == "201":
                            accepted.append(customer)

                    pids = {"survey": survey.pid, "playbook": playbook.pid, "bench": os.getpid()}
                    # What each service spends idle (timers, polls) is taken off its CPU per event.
                    idle = {name: await asyncio.to_thread(CpuMeter(pid).idle_rate)
                            for name, pid in (("survey", survey.pid), ("playbook", playbook.pid))}
                    with (PeakRss(survey.pid) as survey_peak, PeakRss(playbook.pid) as playbook_peak,
                          CpuSeconds(pids) as cpu):
                        schedule_seconds = await _paced(count, rate, answer)
                        await arrivals.wait_for(CREATED, accepted, DRAIN_SECONDS)
                    await raw.close()
                    latencies = [arrivals.arrived[CREATED][c] - sent[c] for c in customers
                                 if c in arrivals.arrived[CREATED]]
                    lost = [c for c in accepted if c not in arrivals.arrived[CREATED]]
                    wrong_kind = sum(1 for c in customers
                                     if arrivals.kinds.get(c, EXPECTED_KIND) != EXPECTED_KIND)
                    seen = [c for c in customers if c in arrivals.arrived[CREATED]]
                    sample = random.Random(0).sample(seen, min(VERIFY_SAMPLE, len(seen)))
                    verified = await _verify(plans, sample)
                    lost_in_plans = await _verify(plans, lost[:VERIFY_SAMPLE])
                    stages = await _stages(dsn, sent, arrivals)
                    backlog = await _backlog(bootstrap, topics[SCORED], arrivals.sample[SCORED], arrivals,
                                             playbook.pid, idle["playbook"], run_id)
                    per_s = stages.pop("per_s")
                    envelope_bytes = dict(arrivals.envelope_bytes)
    # Services stopped (running() above): the broker alone, on a topic of its own.
    baseline = await _broker_baseline(bootstrap, rate, seconds, envelope_bytes.get(SCORED, 800))
    figures = _ms(x * 1000 for x in latencies)
    return {
        "rate": rate, "seconds": seconds, "answers": count, "invitations": len(tokens),
        "invite_seconds": round(invite_seconds, 2), "schedule_seconds": round(schedule_seconds, 2),
        "actions_seen": len(latencies), **figures,
        "lost": len(lost), "lost_sample": lost[:5],
        "lost_shown_in_plan": lost_in_plans["shown"], "wrong_kind": wrong_kind,
        "statuses": dict(sorted(statuses.items())),
        "answer_http": _ms(answered_ms),
        "verified": verified,
        "stages": stages,
        "per_s": per_s,
        "envelope_bytes": envelope_bytes,
        "broker_p50_ms": baseline["default"]["p50_ms"], "broker_p99_ms": baseline["default"]["p99_ms"],
        "broker": baseline,
        "observer_fetch_wait_ms": OBSERVER_FETCH_WAIT_MS,
        "cpu_seconds": cpu.used,
        "idle_cpu_per_s": {name: round(rate, 3) for name, rate in idle.items()},
        # Each accepted answer is one satisfaction-scored event the playbook applies.
        "playbook_cpu_ms_per_event": round(
            1000 * net_of_idle(cpu.used["playbook"], idle["playbook"], cpu.wall) / max(len(accepted), 1), 2),
        "backlog": backlog,
        "survey_cpu_ms_per_answer": round(
            1000 * net_of_idle(cpu.used["survey"], idle["survey"], cpu.wall) / max(len(accepted), 1), 2),
        "memory_mb": {"survey": {"loaded_peak": survey_peak.peak},
                      "playbook": {"loaded_peak": playbook_peak.peak}},
        "note": NOTE,
    }
