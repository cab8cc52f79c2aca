"""What every benchmark shares: a fresh database, the embedded broker, services under uvicorn,
closed-loop HTTP clients, percentiles and resident memory.

Everything runs on 127.0.0.1; load is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import psutil
from aiokafka import AIOKafkaConsumer, ConsumerRecord

from shared.settings import DEVELOPMENT_JWT_SECRET
from tests.support import Broker, free_port

ROOT = Path(__file__).resolve().parent.parent
ADMIN_DSN = os.environ.get("CRM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
QUICK = os.environ.get("BENCH_QUICK", "").lower() in ("1", "true", "yes")


def size(name: str, default: int | float, quick: int | float) -> int | float:
    """A size from BENCH_<NAME>, else the quick or the full default."""
    raw = os.environ.get(f"BENCH_{name}")
    kind = type(default)
    if raw:
        return kind(raw)
    return quick if QUICK else default


@contextlib.asynccontextmanager
async def fresh_database(prefix: str = "crm_bench") -> AsyncIterator[str]:
    """A new PostgreSQL database for one benchmark; yields its plain DSN, dropped at the end."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield f"{ADMIN_DSN.rsplit('/', 1)[0]}/{name}"
    finally:
        admin = await asyncpg.connect(ADMIN_DSN)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


def sqlalchemy_url(dsn: str) -> str:
    return dsn.replace("postgresql://", "postgresql+asyncpg://", 1)


@contextlib.contextmanager
def embedded_broker() -> Iterator[Broker]:
    broker = Broker()
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


@dataclass
class Service:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid


def service_env(dsn: str, bootstrap: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    env.update({
        "CRM_DATABASE_URL": sqlalchemy_url(dsn),
        "CRM_KAFKA_BOOTSTRAP": bootstrap,
        "CRM_JWT_SECRET": DEVELOPMENT_JWT_SECRET,
        "CRM_LOG_LEVEL": "WARNING",
        # As in production: our own events are not validated again against their schemas when
        # appended (consumed events always are).
        "CRM_VALIDATE_PUBLISHED_EVENTS": "false",
        "CRM_DATA_DIR": tempfile.mkdtemp(prefix="crm-bench-"),
    })
    env.update(extra)
    return env


def start_uvicorn(name: str, factory: str, env: dict[str, str]) -> Service:
    """`uvicorn --factory <factory>` as the launcher runs it; returns once /healthz answers."""
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"crm-bench-{name}-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT,
    )
    service = Service(name, port, process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited at start:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{service.url}/healthz", timeout=1).status_code == 200:
                return service
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(service)
    raise RuntimeError(f"{name} did not answer /healthz within 90 s")


def start_service(name: str, env: dict[str, str]) -> Service:
    return start_uvicorn(name, f"services.{name}.app:create_app", env)


def stop(service: Service) -> None:
    if service.process.poll() is None:
        service.process.terminate()
        try:
            service.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait()


@contextlib.contextmanager
def running(*services: Service) -> Iterator[None]:
    try:
        yield
    finally:
        for service in services:
            stop(service)


def rss_mb(pid: int) -> float:
    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)


class PeakRss:
    """Samples a process's resident memory in a thread; `peak` is the largest sample, in MB."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.pid = pid
        self.every = every
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        process = psutil.Process(self.pid)
        while not self._stop.is_set():
            with contextlib.suppress(psutil.Error):
                self.peak = max(self.peak, process.memory_info().rss / 2**20)
            self._stop.wait(self.every)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = round(self.peak, 1)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        return {
            "requests": self.requests, "errors": self.errors, "seconds": round(self.seconds, 2),
            "throughput_per_s": round(self.throughput, 1),
            "p50_ms": round(percentile(self.latencies_ms, 50), 1),
            "p90_ms": round(percentile(self.latencies_ms, 90), 1),
            "p99_ms": round(percentile(self.latencies_ms, 99), 1),
            "max_ms": round(max(self.latencies_ms, default=0.0), 1),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


async def closed_loop(
    send: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]],
    base_url: str, clients: int, seconds: float, *, warmup: float = 2.0,
    rate_per_client: float | None = None,
) -> LoadResult:
    """`clients` concurrent clients, each sending its next request when the last one answered
    (or on a fixed schedule when `rate_per_client` is given); only requests after the warm-up count."""
    result = LoadResult()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    counter = iter(range(10**9))
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as http:
        start = time.perf_counter()
        measure_from = start + warmup
        end = measure_from + seconds

        async def client(number: int) -> None:
            next_at = start + (number / clients) / rate_per_client if rate_per_client else start
            while True:
                if rate_per_client:
                    delay = next_at - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    next_at += 1 / rate_per_client
                sent = time.perf_counter()
                if sent >= end:
                    return
                try:
                    response = await send(http, next(counter))
                    code = response.status_code
                except httpx.HTTPError:
                    code = 0
                done = time.perf_counter()
                if sent >= measure_from:
                    result.requests += 1
                    result.statuses[code] = result.statuses.get(code, 0) + 1
                    if code >= 400 or code == 0:
                        result.errors += 1
                    result.latencies_ms.append((done - sent) * 1000)

        await asyncio.gather(*(client(i) for i in range(clients)))
        result.seconds = time.perf_counter() - measure_from
    return result


def playbook_ready() -> tuple[bool, str]:
    """The survey -> playbook loop is measured when the playbook service and bench/loop.py exist."""
    missing = [str(p.relative_to(ROOT)) for p in (ROOT / "services" / "playbook" / "app.py",
                                                  ROOT / "bench" / "loop.py") if not p.exists()]
    if missing:
        return False, f"not measured: {' and '.join(missing)} missing"
    return True, ""


class TopicWatcher:
    """Reads topics from the beginning in the background and notes what arrives, with its time.

    Subclasses say what to note in `record`; arrival is `time.time()`, comparable across processes.
    """

    def __init__(self, bootstrap: str, topics: list[str], *, fetch_wait_ms: int = 50) -> None:
        self.consumer = AIOKafkaConsumer(
            *topics, bootstrap_servers=bootstrap, group_id=f"bench-watch-{uuid.uuid4().hex}",
            auto_offset_reset="earliest", fetch_max_wait_ms=fetch_wait_ms, metadata_max_age_ms=1000)
        self.task: asyncio.Task | None = None

    def record(self, record: ConsumerRecord, arrived_at: float) -> None:
        raise NotImplementedError

    async def __aenter__(self):
        await self.consumer.start()
        self.task = asyncio.create_task(self._collect())
        return self

    async def _collect(self) -> None:
        async for record in self.consumer:
            self.record(record, time.time())

    async def __aexit__(self, *exc: object) -> None:
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task
        await self.consumer.stop()
