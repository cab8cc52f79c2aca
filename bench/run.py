"""`make bench`: every benchmark, each figure beside its baseline from the same run.

One module per benchmark (snapshot, relay, sla, webhooks, memory, loop; bench/http.py for the HTTP
benchmarks tickets, ticket-update, survey and orders, driven by wrk and bench/paced.py in processes
of their own; bench/tracing.py for a ticket read with tracing off, not installable and on); this module runs
them against one embedded broker and fresh PostgreSQL databases, then writes
bench/results/latest.md and bench/results/latest.json.

Sizes come from the environment; BENCH_QUICK=1 makes every size small (a run of a few
minutes). Full defaults: BENCH_CUSTOMERS=1000000 (the monthly snapshot), BENCH_HTTP_CLIENTS=32
(wrk connections), BENCH_HTTP_SECONDS=10 (each saturated and paced phase), BENCH_RELAY_EVENTS=50000,
BENCH_SLA_SMALL=10000, BENCH_SLA_LARGE=100000,
BENCH_SLA_BREACHES=1000, BENCH_SLA_WINDOW_SECONDS=20, BENCH_MEMORY_CUSTOMERS=50000, BENCH_LOOP_RATE=100,
BENCH_LOOP_SECONDS=60, BENCH_WEBHOOK_FANOUT=2, BENCH_WEBHOOK_BURST=4000, BENCH_WEBHOOK_RATE=200,
BENCH_WEBHOOK_SECONDS=20, BENCH_TRACING_ROUNDS=3 and BENCH_TRACING_SECONDS=10 (each of the
tracing benchmark's wrk phases). `python -m bench.run tickets survey` (or BENCH_ONLY=tickets,survey; `http`
for the four HTTP benchmarks) runs a subset; the others keep the figures of the run that measured
them in latest.md (marked as such).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from bench import common, http, memory, relay, report, sla, snapshot, tracing, webhooks
from bench.common import ADMIN_DSN, QUICK, embedded_broker, size

RESULTS = Path(__file__).resolve().parent / "results"


def selected() -> list[str] | None:
    """The benchmarks asked for: `python -m bench.run tickets survey ...` (or BENCH_ONLY=a,b; `http`
    names the four HTTP benchmarks); None for all of them."""
    names = sys.argv[1:] or [n for n in os.environ.get("BENCH_ONLY", "").replace(" ", ",").split(",") if n]
    if not names:
        return None
    expanded = [m for n in names for m in (HTTP_BENCHMARKS if n == "http" else (n,))]
    unknown = [n for n in expanded if n not in BENCHMARKS]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {unknown}; known: {', '.join(BENCHMARKS)} (and http)")
    return expanded


async def _guarded(name: str, results: dict, factory) -> None:
    only = selected()
    if only is not None and name not in only:
        return
    await _checkpoint()
    started = time.perf_counter()
    print(f"== {name}", flush=True)
    try:
        results[name] = await factory()
    except Exception as exc:  # one broken benchmark must not hide the others' figures
        traceback.print_exc()
        results[name] = {"error": f"{type(exc).__name__}: {exc}"}
    results.setdefault("durations_s", {})[name] = round(time.perf_counter() - started, 1)
    print(f"   {name} done in {results['durations_s'][name]} s", flush=True)


async def _checkpoint() -> None:
    """Flush what the previous benchmark left dirty in PostgreSQL now, at full speed: otherwise the
    checkpoint a large load triggers writes in the background during the next benchmark."""
    try:
        connection = await asyncpg.connect(ADMIN_DSN)
        try:
            await connection.execute("CHECKPOINT")
        finally:
            await connection.close()
    except (OSError, asyncpg.PostgresError) as exc:  # not a superuser: measure without it
        print(f"   no CHECKPOINT before the benchmark: {exc}", flush=True)


HTTP_BENCHMARKS = tuple(http.SCENARIOS)  # tickets, ticket-update, survey, orders
BENCHMARKS = ("snapshot", "relay", *HTTP_BENCHMARKS, "tracing", "sla", "webhooks", "loop", "memory")


def _with_earlier_figures(results: dict) -> dict:
    """With a subset, the benchmarks not run keep their figures of the run that measured them (said
    so in `kept_from`, with that run's time per benchmark), so latest.md stays complete."""
    previous_path = RESULTS / "latest.json"
    if selected() is None or not previous_path.exists():
        return results
    previous = json.loads(previous_path.read_text())
    kept = [name for name in BENCHMARKS if name not in results and name in previous]
    earlier = previous.get("kept_from", {})
    when = {name: earlier.get("when_by_benchmark", {}).get(name, earlier.get("when", previous["when"]))
            if name in earlier.get("benchmarks", []) else previous["when"] for name in kept}
    for name in kept:
        results[name] = previous[name]
        if name in previous.get("durations_s", {}):
            results.setdefault("durations_s", {})[name] = previous["durations_s"][name]
    if kept:
        results["kept_from"] = {"when": min(when.values()), "benchmarks": kept, "when_by_benchmark": when}
    return results


def _loop_seconds() -> float:
    """A fixed CPU-bound loop: its time says how fast the host runs Python right now."""
    started = time.perf_counter()
    total = 0
    for number in range(5_000_000):
        total += number
    return round(time.perf_counter() - started, 3)


async def main() -> None:
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "quick": QUICK,
    }
    results["host_loop_seconds"] = {"before": _loop_seconds()}
    results["load_average"] = {"before": round(os.getloadavg()[0], 1)}
    customers = int(size("CUSTOMERS", 1_000_000, 20_000))
    loop_ready, loop_reason = common.playbook_ready()
    with embedded_broker() as broker:
        bootstrap = broker.bootstrap
        await _guarded("snapshot", results, lambda: snapshot.run(customers))
        await _guarded("relay", results, lambda: relay.run(bootstrap))
        for name in HTTP_BENCHMARKS:
            await _guarded(name, results, lambda name=name: http.run(bootstrap, name))
        await _guarded("tracing", results, lambda: tracing.run(bootstrap))
        await _guarded("sla", results, lambda: sla.run(bootstrap))
        await _guarded("webhooks", results, lambda: webhooks.run(bootstrap))
        if loop_ready:
            from bench import loop

            await _guarded("loop", results, lambda: loop.run(bootstrap))
        else:
            results["loop"] = {"skipped": loop_reason}
        await _guarded("memory", results, lambda: memory.run(bootstrap, loop_ready))
    results["host_loop_seconds"]["after"] = _loop_seconds()
    results["load_average"]["after"] = round(os.getloadavg()[0], 1)
    RESULTS.mkdir(exist_ok=True)
    results = _with_earlier_figures(results)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, default=str))
    markdown = report.markdown(results)
    (RESULTS / "latest.md").write_text(markdown)
    print(markdown)


if __name__ == "__main__":
    asyncio.run(main())
