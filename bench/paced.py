"""Paced load in its own process: requests at a fixed rate, latency from the intended send time.

`python -m bench.paced <spec.json>` reads a spec (url, the request of bench/wrk.py's RequestSpec,
rate, seconds, connections, drain_seconds) and prints one JSON summary line.

Open loop: request i is due at start + i / rate whatever happened to the earlier ones. It goes out
on a free keep-alive connection (at most `connections`; when all are busy it waits for one), and
its latency is its answer's arrival minus its due time, so time spent waiting for a connection
behind a slow server counts (no coordinated omission, as wrk2 measures). Requests still unanswered
`drain_seconds` after the last one was due are counted as unfinished, their latency at least the
time they waited; they enter the percentiles with that lower bound.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.wrk import fill


def due_time(start: float, number: int, rate: float) -> float:
    """When request `number` (from 0) is due on an open-loop schedule of `rate` per second."""
    return start + number / rate


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Outcome:
    """What the requests of a paced phase came to; latencies in ms from the due time."""

    rate: float
    scheduled: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    unfinished_ms: list[float] = field(default_factory=list)
    first_due: float = 0.0
    last_answer: float = 0.0

    def answered(self, due: float, done: float, status: str) -> None:
        self.latencies_ms.append((done - due) * 1000)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.last_answer = max(self.last_answer, done)

    def summary(self) -> dict:
        every = self.latencies_ms + self.unfinished_ms
        ok = sum(n for s, n in self.statuses.items() if s.isdigit() and 200 <= int(s) < 400)
        seconds = self.last_answer - self.first_due if self.last_answer > self.first_due else 0.0
        return {
            "offered_per_s": self.rate, "scheduled": self.scheduled, "answered": len(self.latencies_ms),
            "unfinished": len(self.unfinished_ms), "errors": self.scheduled - ok,
            "throughput_per_s": round(len(self.latencies_ms) / seconds, 1) if seconds else 0.0,
            "p50_ms": round(percentile(every, 50), 1), "p90_ms": round(percentile(every, 90), 1),
            "p99_ms": round(percentile(every, 99), 1), "max_ms": round(max(every, default=0.0), 1),
            "statuses": dict(sorted(self.statuses.items())),
        }


class Connections:
    """Keep-alive HTTP/1.1 connections to one server, taken from a queue; at most `limit` open."""

    def __init__(self, host: str, port: int, limit: int) -> None:
        self.host, self.port, self.limit = host, port, limit
        self.free: asyncio.Queue = asyncio.Queue()
        self.opened = 0

    async def take(self):
        if self.free.empty() and self.opened < self.limit:
            self.opened += 1
            try:
                return await asyncio.open_connection(self.host, self.port)
            except OSError:
                self.opened -= 1
                raise
        return await self.free.get()

    def give_back(self, connection) -> None:
        self.free.put_nowait(connection)

    def drop(self, connection) -> None:
        connection[1].close()
        self.opened -= 1

    async def request(self, method: str, path: str, headers: dict[str, str], body: bytes) -> str:
        """Send one request; its status code (the answer's body read and dropped)."""
        connection = await self.take()
        reader, writer = connection
        try:
            head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                    *(f"{k}: {v}" for k, v in headers.items())]
            if body or method in ("POST", "PUT", "PATCH"):
                head.append(f"Content-Length: {len(body)}")
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            fields = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
            length = {k.strip().lower(): v.strip() for k, v in fields.items()}.get("content-length")
            if length is None:
                raise ValueError("answer without Content-Length")
            await reader.readexactly(int(length))
        except BaseException:
            self.drop(connection)
            raise
        self.give_back(connection)
        return lines[0].split(" ", 2)[1]

    async def close(self) -> None:
        while not self.free.empty():
            self.free.get_nowait()[1].close()


async def paced(spec: dict) -> dict:
    host, port = spec["url"].removeprefix("http://").rstrip("/").split(":")
    request, rate, seconds = spec["request"], float(spec["rate"]), float(spec["seconds"])
    picks = spec.get("picks", [])
    connections = Connections(host, int(port), int(spec.get("connections", 64)))
    outcome = Outcome(rate=rate, scheduled=int(rate * seconds))
    pending: dict[int, float] = {}

    async def one(number: int, due: float) -> None:
        pending[number] = due
        headers = {k: fill(v, number, request["run"], picks) for k, v in request["headers"].items()}
        body = fill(request["body"], number, request["run"], picks).encode()
        path = fill(request["path"], number, request["run"], picks)
        try:
            status = await connections.request(request["method"], path, headers, body)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            status = type(exc).__name__
        del pending[number]
        outcome.answered(due, time.perf_counter(), status)

    tasks = []
    start = time.perf_counter() + 0.05
    outcome.first_due = start
    for number in range(outcome.scheduled):
        due = due_time(start, number, rate)
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(number, due)))
    unfinished: set = set()
    if tasks:
        _, unfinished = await asyncio.wait(tasks, timeout=float(spec.get("drain_seconds", 10.0)))
    cut = time.perf_counter()
    outcome.unfinished_ms = [(cut - due) * 1000 for due in pending.values()]
    for task in unfinished:
        task.cancel()
    await asyncio.gather(*unfinished, return_exceptions=True)
    await connections.close()
    return outcome.summary()


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text())
    request = spec["request"]
    spec["picks"] = Path(request["picks_file"]).read_text().split() if request.get("picks_file") else []
    print(json.dumps(asyncio.run(paced(spec))), flush=True)


if __name__ == "__main__":
    main()
