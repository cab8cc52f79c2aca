"""The pure parts of the HTTP benchmarks: /proc CPU accounting, wrk's summary, the request
templates, and the paced generator's latency (from each request's due time)."""

import asyncio
import json

import pytest

from bench import paced, procstat, wrk

WRK_TEXT = """Running 10s test @ http://127.0.0.1:8000
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.51ms   10.02ms   1.50s    85.00%
    Req/Sec   800.12    100.50     1.00k    70.00%
  Latency Distribution
     50%   18.00ms
     75%   24.00ms
     90%  310.00us
     99%    1.20s
  15950 requests in 10.01s, 5.23MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 12
Requests/sec:   1593.41
Transfer/sec:    535.10KB
"""


def test_a_stat_line_is_read_after_the_last_parenthesis_of_the_command_name():
    line = ("4242 (postgres: a (odd) name) S 1 4242 4242 0 -1 4194560 500 0 0 0 "
            "731 94 12 5 20 0 1 0 100 1000 200 18446744073709551615")
    times = procstat.parse_stat(line)
    assert (times.utime, times.stime, times.cutime, times.cstime) == (731, 94, 12, 5)
    assert (times.own, times.children) == (825, 17)


def test_postgres_cpu_counts_backends_that_started_or_exited_between_the_snapshots():
    T = procstat.StatTimes
    before = {1: T(10, 5, 100, 0), 2: T(40, 10, 0, 0), 3: T(7, 3, 0, 0)}
    # Backend 2 exited after using 30 more ticks: its whole life (80) went into the postmaster's
    # children ticks. Backend 3 used 10 more; backend 4 started and used 6.
    after = {1: T(11, 5, 180, 0), 3: T(15, 5, 0, 0), 4: T(4, 2, 0, 0)}
    assert procstat.ticks_between(before, after, postmaster=1) == 1 + 30 + 10 + 6


def test_a_backend_is_attributed_to_the_database_named_in_its_title():
    title = "postgres: 15/main: postgres crm_bench_1a2b3c4d 127.0.0.1(53442) idle in transaction"
    assert procstat.serves_database(title, "crm_bench_1a2b3c4d")
    assert not procstat.serves_database(title, "crm_bench_other")
    assert not procstat.serves_database("postgres: 15/main: checkpointer ", "crm_bench_1a2b3c4d")


def test_the_idle_rate_is_taken_off_and_never_below_zero():
    assert procstat.net_of_idle(3.0, 0.05, 20.0) == pytest.approx(2.0)
    assert procstat.net_of_idle(0.5, 0.05, 20.0) == 0.0


def test_the_script_summary_line_is_read_in_milliseconds():
    raw = {"requests": 15950, "duration_us": 10_010_000, "bytes": 1, "connect_errors": 0,
           "read_errors": 2, "write_errors": 0, "status_errors": 12, "timeout_errors": 1,
           "p50_us": 18000, "p90_us": 31000, "p99_us": 60120, "max_us": 150330, "mean_us": 20510.0}
    parsed = wrk.parse_output("Running 10s test\nWRK_JSON " + json.dumps(raw) + "\n")
    assert parsed["requests"] == 15950
    assert parsed["throughput_per_s"] == pytest.approx(1593.4, abs=0.1)
    assert (parsed["errors"], parsed["non_2xx"], parsed["socket_errors"]) == (15, 12, 3)
    latency = (parsed["p50_ms"], parsed["p90_ms"], parsed["p99_ms"], parsed["max_ms"])
    assert latency == (18.0, 31.0, 60.1, 150.3)


def test_the_text_summary_is_the_fallback_with_every_unit():
    parsed = wrk.parse_output(WRK_TEXT)
    assert (parsed["requests"], parsed["seconds"]) == (15950, 10.01)
    assert (parsed["errors"], parsed["non_2xx"], parsed["socket_errors"]) == (15, 12, 3)
    latency = (parsed["p50_ms"], parsed["p90_ms"], parsed["p99_ms"], parsed["max_ms"])
    assert latency == (18.0, 0.3, 1200.0, 1500.0)
    with pytest.raises(ValueError):
        wrk.parse_output("unable to connect to 127.0.0.1:8000 Connection refused")


def test_templates_give_each_request_its_own_number_key_and_pick():
    picks = ["t0", "t1", "t2"]
    assert wrk.fill("/v1/invitations/{{pick}}/response", 4, "run", picks) == "/v1/invitations/t1/response"
    body = wrk.fill('{"order_id": "o-{{uid}}", "n": {{n}}}', 7, "ab", picks)
    assert body == '{"order_id": "o-ab-7", "n": 7}'


def test_the_lua_script_writes_non_ascii_text_as_utf8_byte_escapes():
    spec = wrk.RequestSpec("POST", "/v1/tickets", {"Idempotency-Key": "{{uid}}"}, '{"d": "账单\\"x"}')
    script = wrk.lua_script(spec, threads=2)
    assert '"{\\034d\\034: \\034\\232\\180\\166\\229\\141\\149\\092\\034x\\034}"' in script
    assert "local PICKS_FILE, THREADS = \"\", 2" in script
    assert "tid + THREADS * counter" in script


def test_the_schedule_is_open_loop():
    assert [paced.due_time(10.0, n, 4.0) for n in range(3)] == [10.0, 10.25, 10.5]


def test_latency_runs_from_the_due_time_and_unfinished_requests_count_at_their_wait():
    outcome = paced.Outcome(rate=10.0, scheduled=4, first_due=100.0)
    outcome.answered(100.0, 100.02, "201")
    outcome.answered(100.1, 100.5, "201")  # sent late behind a busy connection: 400 ms
    outcome.answered(100.2, 100.25, "500")
    outcome.unfinished_ms = [9000.0]
    summary = outcome.summary()
    assert (summary["answered"], summary["unfinished"], summary["errors"]) == (3, 1, 2)
    assert summary["p50_ms"] == pytest.approx(50.0)
    assert summary["max_ms"] == 9000.0
    assert summary["throughput_per_s"] == pytest.approx(3 / 0.5)


async def _slow_server(delay: float):
    """An HTTP server answering one request at a time after `delay` seconds."""
    lock = asyncio.Lock()

    async def handle(reader, writer):
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                break
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length")), 0)
            await reader.readexactly(length)
            async with lock:
                await asyncio.sleep(delay)
            writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}")
            await writer.drain()
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def test_a_server_slower_than_the_rate_shows_its_queue_in_the_latency():
    async def scenario():
        server = await _slow_server(0.1)
        port = server.sockets[0].getsockname()[1]
        request = wrk.RequestSpec("POST", "/x/{{n}}", {"Content-Type": "application/json"}, "{}").to_json()
        try:
            return await paced.paced({"url": f"http://127.0.0.1:{port}", "request": request, "rate": 20,
                                      "seconds": 1, "connections": 4, "drain_seconds": 10})
        finally:
            server.close()

    summary = asyncio.run(scenario())
    # 20 requests due 50 ms apart, served one per 100 ms: the last waits about 20 x 100 - 19 x 50 ms.
    assert (summary["answered"], summary["errors"], summary["statuses"]) == (20, 0, {"201": 20})
    assert summary["p50_ms"] >= 400
    assert summary["max_ms"] >= 900


@pytest.mark.skipif(wrk.available() is None, reason="wrk is not installed (make tools installs it)")
def test_wrk_runs_the_generated_script_and_numbers_requests_uniquely_across_threads(tmp_path):
    picks = tmp_path / "picks.txt"
    picks.write_text("".join(f"p{i}\n" for i in range(100_000)))
    seen: list[tuple[bytes, bytes, bytes]] = []

    async def handle(reader, writer):
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                break
            lines = head.split(b"\r\n")
            pairs = (line.split(b":", 1) for line in lines[1:] if b":" in line)
            fields = {name.strip().lower(): value.strip() for name, value in pairs}
            body = await reader.readexactly(int(fields.get(b"content-length", 0)))
            key = fields[b"idempotency-key"]
            seen.append((lines[0].split(b" ")[1], key, body))
            writer.write(b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}")
            await writer.drain()
        writer.close()

    async def scenario():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        spec = wrk.RequestSpec("POST", "/v1/things/{{pick}}", {"Idempotency-Key": "{{uid}}"},
                               '{"d": "账单 {{n}}"}', picks_file=str(picks), run="t")
        try:
            return await asyncio.to_thread(wrk.run, f"http://127.0.0.1:{port}", spec, threads=2,
                                           connections=4, seconds=1)
        finally:
            server.close()

    summary = asyncio.run(scenario())
    assert summary["requests"] > 0 and summary["errors"] == 0
    paths = [path for path, _, _ in seen]
    assert len(set(paths)) == len(paths)  # no pick taken twice, across both threads
    path, key, body = seen[0]
    number = int(path.removeprefix(b"/v1/things/p"))
    assert key == f"t-{number}".encode()
    assert json.loads(body) == {"d": f"账单 {number}"}
