"""CPU seconds of processes read from /proc/<pid>/stat: the server process and PostgreSQL.

A figure per request is the CPU a process used during a benchmark phase divided by the requests it
answered. PostgreSQL is many processes (postmaster, one backend per connection, background
workers). On a machine of its own its CPU is the sum of utime + stime over every live `postgres`
process plus the postmaster's cutime + cstime (the backends that exited and were reaped
meanwhile). On a PostgreSQL shared with other work, `database` narrows it to the backends serving
that database (the process title names it): background writers, autovacuum and backends that
exit during the phase are then not counted.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import psutil

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class StatTimes:
    """CPU ticks of one process: its own (user, system) and those of its reaped children."""

    utime: int
    stime: int
    cutime: int
    cstime: int

    @property
    def own(self) -> int:
        return self.utime + self.stime

    @property
    def children(self) -> int:
        return self.cutime + self.cstime


def parse_stat(line: str) -> StatTimes:
    """The CPU fields of a /proc/<pid>/stat line. The command name (field 2) is in parentheses and
    may hold spaces or parentheses itself, so fields are counted after the last ')': utime, stime,
    cutime and cstime are fields 14-17 of the line (man 5 proc)."""
    rest = line[line.rindex(")") + 2:].split()
    # rest[0] is field 3 (state): field k of the line is rest[k - 3].
    return StatTimes(int(rest[11]), int(rest[12]), int(rest[13]), int(rest[14]))


def read_stat(pid: int) -> StatTimes | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return parse_stat(stat.read())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None


def serves_database(title: str, database: str) -> bool:
    """A backend's process title (`postgres: 15/main: <user> <database> <host>(<port>) <state>`)
    names its database as the word after the user."""
    words = title.split()
    return database in words[2:5] if title.startswith("postgres:") else False


def postgres_pids(database: str | None = None) -> tuple[int | None, list[int]]:
    """(postmaster pid, postgres process pids) on this machine: every one, or the backends of
    `database` (the postmaster then None: its reaped children are not only ours)."""
    pids, postmaster = [], None
    for process in psutil.process_iter(["name", "ppid", "cmdline"]):
        if process.info["name"] != "postgres":
            continue
        if database is not None:
            if serves_database(" ".join(process.info["cmdline"] or []), database):
                pids.append(process.pid)
            continue
        pids.append(process.pid)
        with_parent = process.info["ppid"]
        try:
            parent_name = psutil.Process(with_parent).name() if with_parent else ""
        except psutil.Error:
            parent_name = ""
        if parent_name != "postgres":
            postmaster = process.pid
    return postmaster, pids


def postgres_ticks(snapshot: dict[int, StatTimes], postmaster: int | None) -> int:
    """PostgreSQL's CPU ticks so far: live processes' own ticks plus the reaped backends' (the
    postmaster's children ticks)."""
    total = sum(times.own for times in snapshot.values())
    if postmaster is not None and postmaster in snapshot:
        total += snapshot[postmaster].children
    return total


def ticks_between(before: dict[int, StatTimes], after: dict[int, StatTimes], postmaster: int | None) -> int:
    """Ticks PostgreSQL used between two snapshots. A backend started meanwhile counts from zero; one
    that exited meanwhile left its whole life in the postmaster's children ticks of `after`, less
    its own ticks of `before`: the difference is what it used between the two."""
    used = postgres_ticks(after, postmaster) - postgres_ticks(before, postmaster)
    return max(used, 0)


def postgres_snapshot(database: str | None = None) -> tuple[int | None, dict[int, StatTimes]]:
    postmaster, pids = postgres_pids(database)
    snapshot = {pid: times for pid in pids if (times := read_stat(pid)) is not None}
    return postmaster, snapshot


def net_of_idle(used: float, idle_rate: float, seconds: float) -> float:
    """CPU seconds used less what the process spends idle (timers, polls) over the same time."""
    return max(used - idle_rate * seconds, 0.0)


class CpuMeter:
    """CPU seconds of one server process and of PostgreSQL between `start()` and `stop()`.

    `idle_rate` (CPU seconds per second the server used idle, from `idle_rate()`) is taken off the
    server's figure per request, so periodic background loops do not count as request cost."""

    def __init__(self, server_pid: int, database: str | None = None, idle_rate: float = 0.0) -> None:
        self.server_pid = server_pid
        self.database = database
        self.idle = idle_rate
        self.server_seconds = 0.0
        self.postgres_seconds = 0.0
        self.wall_seconds = 0.0

    def _server_ticks(self) -> int:
        times = read_stat(self.server_pid)
        return times.own if times else 0

    def start(self) -> CpuMeter:
        self._wall = time.perf_counter()
        self._server = self._server_ticks()
        self._postmaster, self._postgres = postgres_snapshot(self.database)
        return self

    def stop(self) -> CpuMeter:
        server = self._server_ticks()
        _, postgres = postgres_snapshot(self.database)
        self.wall_seconds = time.perf_counter() - self._wall
        self.server_seconds = (server - self._server) / TICKS_PER_SECOND
        self.postgres_seconds = ticks_between(self._postgres, postgres, self._postmaster) / TICKS_PER_SECOND
        return self

    def idle_rate(self, samples: int = 4, step: float = 0.5) -> float:
        """CPU seconds per second the server uses while no request arrives: the least of a few
        short samples, so work left over from earlier requests is not taken for idle work."""
        rates = []
        for _ in range(samples):
            before = self._server_ticks()
            time.sleep(step)
            rates.append((self._server_ticks() - before) / TICKS_PER_SECOND / step)
        self.idle = min(rates)
        return self.idle

    def settle(self, quiet_share: float = 0.05, step: float = 0.5, limit: float = 5.0) -> float:
        """Wait until the server's background work (outbox relay, consumers) caught up: a `step`
        in which it used less than `quiet_share` of one core above its idle rate, or `limit`
        seconds. Returns the wait."""
        started = time.perf_counter()
        last = self._server_ticks()
        while time.perf_counter() - started < limit:
            time.sleep(step)
            now = self._server_ticks()
            if (now - last) / TICKS_PER_SECOND < (quiet_share + self.idle) * step:
                break
            last = now
        return round(time.perf_counter() - started, 2)

    def per_request_ms(self, requests: int) -> dict[str, float]:
        requests = max(requests, 1)
        server = net_of_idle(self.server_seconds, self.idle, self.wall_seconds)
        return {"server_cpu_ms_per_request": round(1000 * server / requests, 3),
                "server_cpu_ms_per_request_with_idle": round(1000 * self.server_seconds / requests, 3),
                "postgres_cpu_ms_per_request": round(1000 * self.postgres_seconds / requests, 3),
                "server_cpu_s": round(self.server_seconds, 2),
                "server_idle_cpu_per_s": round(self.idle, 3),
                "postgres_cpu_s": round(self.postgres_seconds, 2),
                "cpu_window_s": round(self.wall_seconds, 2)}
