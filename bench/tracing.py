"""Tracing switched off costs nothing measurable (docs/design.md §13): one hot read served by three
server processes in turn, same data, same wrk load.

- `off`: the feedback service as shipped (default settings: tracing off, shared/tracing.py
  installs nothing);
- `none`: the same service started through bench/untraced_app.py, where the OpenTelemetry SDK,
  exporters and instrumentations cannot even be imported: the zero;
- `on`: tracing on, sampling 1.0, spans exported over OTLP/HTTP to bench/otlp_sink.py (a local
  receiver that answers at once and keeps nothing), for information.

The read is GET /v1/tickets/{id} as an agent of the billing team (the ticket, its SLA and its
history: auth, scope check, three queries, the full view, an ETag), each request the next of 2,000
tickets. Each phase starts its server, warms it up 2 s, measures its idle CPU, runs wrk saturated
(`-t2 -c32`, BENCH_TRACING_SECONDS) and reads the server's CPU from /proc until its background work
settled (span export included), divided by the requests the server counted for that route
(`crm_http_requests_total` from /metrics, before and after). The phases run BENCH_TRACING_ROUNDS
times, the order reversed every other round (off none on, on none off, ...) so a drift of the
host's speed weighs on each the same; the spread of a configuration's repeats is the run's noise.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import tempfile
import uuid
from pathlib import Path

import httpx

from bench import wrk
from bench.common import (
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
from bench.http import THREADS, WARMUP_SECONDS, _checkpoint, _tickets_to_update, _token
from bench.procstat import CpuMeter
from bench.wrk import RequestSpec

ROUTE = "/v1/tickets/{ticket_id}"
CONFIGS = {
    "off": "tracing off as shipped (default settings)",
    "none": "no OpenTelemetry instrumentation possible (SDK, exporters, instrumentations unimportable)",
    "on": "tracing on, sampling 1.0, OTLP/HTTP export to a local receiver that drops the spans",
}

_SAMPLE = re.compile(r'^crm_http_requests_total\{(?P<labels>.*)\} (?P<value>\S+)$')
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def served(metrics_text: str, route: str, method: str = "GET") -> dict[str, int]:
    """Requests a service counted for one route, by status, from its Prometheus text."""
    counts: dict[str, int] = {}
    for line in metrics_text.splitlines():
        sample = _SAMPLE.match(line)
        if not sample:
            continue
        labels = dict(_LABEL.findall(sample["labels"]))
        if labels.get("route") == route and labels.get("method") == method:
            counts[labels["status"]] = counts.get(labels["status"], 0) + int(float(sample["value"]))
    return counts


def phase_order(rounds: int) -> list[str]:
    """off none on, then on none off, and so on: each configuration's mean position is the same
    over every two rounds, so a steady drift of the host's speed does not favour one."""
    names = list(CONFIGS)
    return [name for r in range(rounds) for name in (names if r % 2 == 0 else names[::-1])]


def spread(values: list[float]) -> float:
    """(max - min) / mean of repeats: the run-to-run noise of one configuration."""
    mean = statistics.fmean(values) if values else 0.0
    return (max(values) - min(values)) / mean if len(values) > 1 and mean else 0.0


def compare(measured: list[float], reference: list[float]) -> dict:
    """The ratio of two configurations' means, each round's ratio, and the noise: the larger
    spread of the two configurations' repeats. A difference is measurable when the ratio is
    further from 1 than that noise."""
    ratio = statistics.fmean(measured) / statistics.fmean(reference)
    noise = max(spread(measured), spread(reference))
    per_round = [round(m / r, 3) for m, r in zip(measured, reference, strict=True)]
    return {"ratio": round(ratio, 3), "per_round": per_round,
            "noise": round(noise, 3), "measurable": abs(ratio - 1) > noise}


def comparisons(phases: list[dict]) -> dict:
    """Tracing off and tracing on against no instrumentation: server CPU per request and throughput."""

    def values(name: str, key: str) -> list[float]:
        return [p[key] for p in phases if p["config"] == name]

    measures = (("cpu", "server_cpu_ms_per_request"), ("throughput", "throughput_per_s"))
    return {f"{name}_vs_none_{measure}": compare(values(name, key), values("none", key))
            for name in ("off", "on") for measure, key in measures}


def _read(run: str, picks_file: str) -> RequestSpec:
    return RequestSpec("GET", "/v1/tickets/{{pick}}", {"Authorization": _token(["agent"])},
                       picks_file=picks_file, run=run)


async def _counted(service: Service) -> dict[str, int]:
    async with httpx.AsyncClient(base_url=service.url, timeout=30) as http:
        response = await http.get("/metrics")
        response.raise_for_status()
    return served(response.text, ROUTE)


async def _sink(sink: Service, method: str, path: str) -> dict:
    async with httpx.AsyncClient(base_url=sink.url, timeout=60) as http:
        response = await http.request(method, path)
        response.raise_for_status()
    return response.json() if response.content else {}


async def _phase(service: Service, spec: RequestSpec, clients: int, seconds: float, database: str) -> dict:
    await asyncio.to_thread(wrk.run, service.url, spec, threads=THREADS, connections=clients,
                            seconds=WARMUP_SECONDS)
    idle = CpuMeter(service.pid)
    await asyncio.to_thread(idle.settle, 0.05, 0.5, 10.0)
    idle_rate = await asyncio.to_thread(idle.idle_rate)
    before = await _counted(service)
    meter = CpuMeter(service.pid, database, idle_rate).start()
    result = await asyncio.to_thread(wrk.run, service.url, spec, threads=THREADS, connections=clients,
                                     seconds=seconds)
    settle = await asyncio.to_thread(meter.settle)
    meter.stop()
    after = await _counted(service)
    by_status = {status: after.get(status, 0) - before.get(status, 0) for status in after}
    answered = sum(by_status.values())
    result.update(meter.per_request_ms(answered), settle_s=settle, served=answered,
                  served_by_status=by_status, served_since_start=sum(after.values()),
                  rss_mb=rss_mb(service.pid))
    return result


def _summary(phases: list[dict], name: str) -> dict:
    mine = [p for p in phases if p["config"] == name]
    cpu = [p["server_cpu_ms_per_request"] for p in mine]
    rate = [p["throughput_per_s"] for p in mine]
    return {"server_cpu_ms_per_request": round(statistics.fmean(cpu), 3), "cpu_spread": round(spread(cpu), 3),
            "throughput_per_s": round(statistics.fmean(rate), 1), "throughput_spread": round(spread(rate), 3),
            "postgres_cpu_ms_per_request": round(statistics.fmean(p["postgres_cpu_ms_per_request"]
                                                                  for p in mine), 3),
            "p99_ms": max(p["p99_ms"] for p in mine), "errors": sum(p["errors"] for p in mine),
            "rss_mb": max(p["rss_mb"] for p in mine)}


async def run(bootstrap: str) -> dict:
    clients = int(size("HTTP_CLIENTS", 32, 32))
    seconds = float(size("TRACING_SECONDS", 10.0, 5.0))
    rounds = max(2, int(size("TRACING_ROUNDS", 3, 2)))  # one round would leave no noise to compare with
    directory = Path(tempfile.mkdtemp(prefix="crm-bench-tracing-"))
    async with fresh_database() as dsn:
        env = service_env(dsn, bootstrap, CRM_KAFKA_TOPIC_PREFIX=f"tracing-{uuid.uuid4().hex[:6]}-")
        # As shipped: no OTEL_* variable of the caller's environment may switch tracing on.
        env = {k: v for k, v in env.items() if not k.startswith("OTEL_")}
        service = start_service("feedback", env)
        with running(service):
            fixtures = await _tickets_to_update(service, dsn)
        stop(service)
        picks = directory / "tickets.txt"
        picks.write_text("\n".join(fixtures.picks[""]) + "\n")
        sink = start_uvicorn("otlp-sink", "bench.otlp_sink:create_app", env)
        envs = {
            "off": env,
            "none": {**env, "BENCH_UNTRACED_FACTORY": "services.feedback.app:create_app"},
            "on": {**env, "CRM_OTEL_ENABLED": "true", "CRM_OTEL_SAMPLING_RATIO": "1.0",
                   "CRM_OTEL_EXPORTER_OTLP_ENDPOINT": sink.url},
        }
        database = dsn.rsplit("/", 1)[1]
        phases: list[dict] = []
        with running(sink):
            for number, name in enumerate(phase_order(rounds)):
                await _checkpoint()
                if name == "none":
                    server = start_uvicorn("feedback-untraced", "bench.untraced_app:create_app", envs[name])
                else:
                    server = start_service("feedback", envs[name])
                with running(server):
                    await _sink(sink, "POST", "/reset")
                    result = await _phase(server, _read(f"t{number}", str(picks)), clients, seconds, database)
                stop(server)  # a traced server flushes its last spans on the way out
                if name == "on":
                    result["exported"] = await _sink(sink, "GET", "/summary")
                phases.append({"config": name, "round": number // len(CONFIGS) + 1, **result})
                print(f"   {name}: {result['throughput_per_s']}/s, {result['server_cpu_ms_per_request']} ms "
                      f"server CPU per request", flush=True)
    return {
        "title": "ticket read (GET /v1/tickets/{id}): tracing off, instrumentation not installable, "
                 "tracing on",
        "clients": clients, "threads": THREADS, "seconds": seconds, "rounds": rounds,
        "fixtures": "2,000 open tickets of the billing team, one opened through the API, cloned in SQL",
        "configs": CONFIGS, "order": phase_order(rounds),
        "phases": phases, "summary": {name: _summary(phases, name) for name in CONFIGS},
        **comparisons(phases),
    }
