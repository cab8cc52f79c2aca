"""bench/results/latest.md from the figures of one run: a verdict per target, then details."""

from __future__ import annotations

import os
from pathlib import Path

NOTES = Path(__file__).resolve().parent / "profiling_notes.md"


def _yes(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def _snapshot(r: dict) -> tuple[list[str], list[str]]:
    baseline = r["baseline_aggregation_and_write_seconds"]
    ratio = r["ratio_to_aggregation_and_write"]
    outcome = r["outcome"]
    row = (f"| monthly snapshot of {r['customers']:,} customers, {outcome['changed']:,} scores changed "
           f"| {r['service_seconds']} s | {baseline} s (aggregation + one row per customer) | <= 4x "
           f"| {ratio}x: {_yes(ratio <= 4)} |")
    why = []
    if ratio > 4:
        why.append(
            f"- **Monthly snapshot** ({ratio}x): the bare aggregation alone (the service's own GROUP BY, "
            f"rows fetched into Python) takes {r['baseline_aggregation_seconds']} s; the rest is the "
            "array scoring, the bulk insert of the month-end rows and the one-by-one path of the "
            "changed customers (scores, history, score-updated events).")
    details = [
        f"## Monthly snapshot of {r['customers']:,} customers ({r['orders']:,} orders), month {r['month']}",
        "",
        "| measure | seconds | customers / s |",
        "|---|---|---|",
        f"| baseline: bare SQL aggregation (the service's own GROUP BY, rows fetched) "
        f"| {r['baseline_aggregation_seconds']} "
        f"| {round(r['customers'] / r['baseline_aggregation_seconds']):,} |",
        f"| baseline: aggregation + one row per customer written (one INSERT ... SELECT into a logged "
        f"table keyed by customer and month) | {baseline} | {round(r['customers'] / baseline):,} |",
        f"| service monthly snapshot (batches: aggregation, array scoring, month-end rows; changed "
        f"customers: score, history, events) | {r['service_seconds']} "
        f"| {r['service_customers_per_second']:,} |",
        "",
        f"Outcome: {outcome}. Month-end rows: {r['month_end_rows']:,}; outbox events written: "
        f"{r['outbox_events']:,}. Before the timed run every customer's score was current as of the "
        f"month end; {r['customers_with_new_orders']:,} customers then got a new order inside the month "
        "(a score also moves when the top-30% line moves past it). Setup (COPY load, current scores, "
        f"new orders): {r['setup_seconds']} s. The snapshot runs in the bench process on the service's "
        "code (ServiceContext + snapshot_month), as its schedule does.",
        "",
    ]
    return [row], [*why, "DETAILS", *details]


HTTP_NAMES = ("tickets", "ticket-update", "survey", "orders")


def _bound(r: dict) -> str:
    """What bounds a service's saturated throughput: one uvicorn process runs on one core at most,
    so its ceiling is 1 / (server CPU per request); PostgreSQL's share comes beside it."""
    s, b = r["service"], r["baseline"]
    cpu, base_cpu = s["server_cpu_ms_per_request"], b["server_cpu_ms_per_request"]
    ceiling = 1000 / cpu if cpu else 0
    text = (f"the service process used {cpu} ms CPU per request against the baseline's {base_cpu} ms "
            f"({r['server_cpu_ratio']}x); one process runs on one core at most, so {cpu} ms caps it near "
            f"{ceiling:.0f}/s on an idle core (measured {s['throughput_per_s']}/s with wrk, PostgreSQL and "
            f"the other processes on the same 2 cores). PostgreSQL used {s['postgres_cpu_ms_per_request']} "
            f"ms per request against {b['postgres_cpu_ms_per_request']} ms.")
    shares = [x["server_cpu_s"] / x["cpu_window_s"] for x in (s, b) if x.get("cpu_window_s")]
    if len(shares) == 2 and max(shares) < 0.7:
        text += (f" Neither server had a core to itself: over the saturated phase the service process got "
                 f"{shares[0]:.0%} of one core and the baseline's {shares[1]:.0%} (the host's other work "
                 "took the rest; see the load average above), so the throughput ratio follows the CPU ratio "
                 "and the absolute rates are the host's, not the code's.")
    return text + " Where the service's CPU goes: bench/profiling_notes.md."


def _paced_bound(r: dict) -> str:
    s, p, bp = r["service"], r["service_paced"], r["baseline_paced"]
    rate = p["offered_per_s"]
    if rate > s["throughput_per_s"]:
        return (f"{rate}/s (half the baseline's saturated rate) is above the {s['throughput_per_s']}/s the "
                "service reached saturated: requests queue for the whole phase and latency grows with the "
                f"queue ({p['unfinished']} still unanswered 10 s after the last was due). The baseline at "
                f"the same rate: p99 {bp['p99_ms']} ms. What moves it is the CPU per request (above).")
    busy = rate * p["server_cpu_ms_per_request"] / 10
    return (f"at {rate}/s the service process is about {busy:.0f}% busy ({p['server_cpu_ms_per_request']} ms "
            "CPU per request): requests arriving together wait for each other on its one event loop; "
            f"the baseline at the same rate: p99 {bp['p99_ms']} ms.")


def _http(name: str, r: dict) -> tuple[list[str], list[str]]:
    s, b, p, bp = r["service"], r["baseline"], r["service_paced"], r["baseline_paced"]
    ratio, cpu_ratio = r["throughput_ratio"], r["server_cpu_ratio"]
    what = r["title"].split(" (")[0]
    rows, why = [], []
    if name == "tickets":
        rows += [
            f"| {what}, wrk {r['clients']} connections: throughput | {s['throughput_per_s']}/s "
            f"| {b['throughput_per_s']}/s (bare FastAPI + asyncpg) | >= 0.5 of the baseline "
            f"| {ratio}: {_yes(ratio >= 0.5)} |",
            f"| {what}: server CPU per ticket | {s['server_cpu_ms_per_request']} ms "
            f"(PostgreSQL {s['postgres_cpu_ms_per_request']} ms) | {b['server_cpu_ms_per_request']} ms "
            f"(PostgreSQL {b['postgres_cpu_ms_per_request']} ms) | <= 2x the baseline "
            f"| {cpu_ratio}x: {_yes(cpu_ratio <= 2)} |",
            f"| {what}: p99 paced at half the baseline's saturated rate ({p['offered_per_s']}/s) "
            f"| {p['p99_ms']} ms (p50 {p['p50_ms']}) | {bp['p99_ms']} ms | <= 50 ms "
            f"| {_yes(p['p99_ms'] <= 50 and p['unfinished'] == 0)} |",
        ]
        if ratio < 0.5:
            why.append(f"- **Ticket creation throughput** ({ratio} of the baseline): {_bound(r)}")
        if cpu_ratio > 2:
            why.append(f"- **Server CPU per ticket** ({cpu_ratio}x): "
                       "see the throughput line; the baseline does only the two inserts, the service also "
                       "runs auth, idempotency, metrics, priority rules, routing, the SLA policy and "
                       "calendar, a history row, the event and the full ticket view. The use case already "
                       "runs without an ORM session, and the request opens none (profiling_notes.md, eighth "
                       "and tenth rounds); what is left is spread thin (py-spy under wrk): asyncpg's seven "
                       "round trips with the event loop's I/O about a quarter of the process (the "
                       "Idempotency-Key claim and store, each on a pool checkout of its own, begin, the "
                       "customer held with the documents' versions, the tier, the ticket with its history "
                       "row and event, commit), FastAPI's routing, dependencies and body validation about 13 "
                       "%, the new ticket and history row built as ORM instances (their attribute "
                       "instrumentation about 6 %), the SLA rules and calendar 4 %. What would move it: the "
                       "Idempotency-Key claimed and stored inside the use case's transaction (two pool "
                       "checkouts fewer; a retry would then wait for the first request instead of getting "
                       "409), the new ticket built as plain values.")
        if p["p99_ms"] > 50 or p["unfinished"]:
            why.append(f"- **Ticket p99 paced** ({p['p99_ms']} ms): {_paced_bound(r)}")
    elif name == "survey":
        rows += [
            f"| {what}: server CPU per answer | {s['server_cpu_ms_per_request']} ms "
            f"(PostgreSQL {s['postgres_cpu_ms_per_request']} ms) | {b['server_cpu_ms_per_request']} ms "
            f"per write (PostgreSQL {b['postgres_cpu_ms_per_request']} ms) | <= 3x the baseline "
            f"| {cpu_ratio}x: {_yes(cpu_ratio <= 3)} |",
            f"| {what}, wrk {r['clients']} connections: throughput (reported) | {s['throughput_per_s']}/s "
            f"| {b['throughput_per_s']}/s | - | {ratio} of the baseline |",
        ]
        if cpu_ratio > 3:
            why.append(f"- **Survey answer CPU** ({cpu_ratio}x): {_bound(r)} The service also checks the "
                       "rate-limit counters (database rows), reads the survey template and the customer's "
                       "tier, scores every dimension and refreshes the response-rate gauge. What would "
                       "move it (profiling_notes.md, eighth round): fewer FastAPI dependencies on the "
                       "route, and the rate-limit upsert joined to the answer's round trips.")
    else:
        rows.append(
            f"| {what}, wrk {r['clients']} connections (reported) | {s['throughput_per_s']}/s, "
            f"{s['server_cpu_ms_per_request']} ms server CPU per request; p99 {p['p99_ms']} ms at "
            f"{p['offered_per_s']}/s | {b['throughput_per_s']}/s, {b['server_cpu_ms_per_request']} ms; "
            f"p99 {bp['p99_ms']} ms | - | {ratio} of the throughput, {cpu_ratio}x the CPU |")
    details = [
        f"## HTTP: {r['title']}",
        "",
        "| server | load | requests | throughput / s | p50 ms | p90 ms | p99 ms | max ms | errors "
        "| server CPU ms / request | PostgreSQL CPU ms / request |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, mode, x in ((r["service_name"] + " service", f"wrk saturated, {r['clients']} conn.", s),
                           ("bare baseline", f"wrk saturated, {r['clients']} conn.", b),
                           (r["service_name"] + " service", f"paced {p['offered_per_s']}/s", p),
                           ("bare baseline", f"paced {bp['offered_per_s']}/s", bp)):
        count = x.get("requests", x.get("answered"))
        errors = x["errors"] if not x.get("unfinished") else f"{x['errors']} ({x['unfinished']} unanswered)"
        details.append(f"| {label} | {mode} | {count} | {x['throughput_per_s']} | {x['p50_ms']} "
                       f"| {x['p90_ms']} | {x['p99_ms']} | {x['max_ms']} | {errors} "
                       f"| {x['server_cpu_ms_per_request']} | {x['postgres_cpu_ms_per_request']} |")
    details += [
        "",
        f"Ratios (service / baseline, saturated): throughput {ratio}, server CPU per request {cpu_ratio}x, "
        f"PostgreSQL CPU per request {r['postgres_cpu_ratio']}x. Fixtures: {r['fixtures']}. Each measured "
        f"phase runs {r['seconds']:g} s (wrk -t{r['threads']} -c{r['clients']}, after a 2 s warm-up; the "
        "paced generator bench/paced.py offers half the baseline's saturated rate open loop, latency from "
        "each request's due time). Server CPU: the uvicorn process's utime + stime from /proc over the "
        "phase and until its background work settled, less its idle rate "
        f"({s['server_idle_cpu_per_s']} CPU s/s for the service, {b['server_idle_cpu_per_s']} for the "
        "baseline); PostgreSQL CPU: the backends serving the benchmark's database. Per request: divided "
        f"by the rows the server wrote in that window (saturated: {s.get('writes', '-')} by the service, "
        f"{b.get('writes', '-')} by the baseline), which counts the requests wrk stopped waiting for at "
        "the end.",
        "",
    ]
    return rows, [*why, "DETAILS", *details]


TRACING_LABELS = {"off": "tracing off as shipped", "none": "no OpenTelemetry instrumentation installable",
                  "on": "tracing on, sampling 1.0, spans exported"}


def _pct(share: float) -> str:
    return f"{100 * share:.1f} %"


def _tracing(r: dict) -> tuple[list[str], list[str]]:
    s, cpu, rate = r["summary"], r["off_vs_none_cpu"], r["off_vs_none_throughput"]
    off, none, on = s["off"], s["none"], s["on"]
    errors = off["errors"] + none["errors"]
    ok = not cpu["measurable"] and errors == 0
    rows = [
        f"| ticket read (GET /v1/tickets/{{id}}), wrk {r['clients']} connections: server CPU per request, "
        f"tracing off as shipped | {off['server_cpu_ms_per_request']} ms, {off['throughput_per_s']}/s "
        f"| {none['server_cpu_ms_per_request']} ms, {none['throughput_per_s']}/s with no OpenTelemetry "
        f"instrumentation installable | no difference beyond the run-to-run noise "
        f"| {cpu['ratio']}x (noise {_pct(cpu['noise'])}, {r['rounds']} rounds): {_yes(ok)} |",
        f"| ticket read, tracing on (sampling 1.0, spans exported over OTLP) (reported) "
        f"| {on['server_cpu_ms_per_request']} ms, {on['throughput_per_s']}/s "
        f"| {none['server_cpu_ms_per_request']} ms, {none['throughput_per_s']}/s | - "
        f"| {r['on_vs_none_cpu']['ratio']}x the CPU, {r['on_vs_none_throughput']['ratio']} of the "
        "throughput |",
    ]
    why = []
    if not ok:
        why.append(
            f"- **Tracing off** ({cpu['ratio']}x the server CPU per read of the process that cannot install "
            f"any instrumentation, noise {_pct(cpu['noise'])}; {errors} errors): with tracing off "
            "shared/tracing.py should install nothing (no middleware, no instrumented engine or client, no "
            "SDK objects); a difference beyond the noise means something of it runs per request. Profile "
            "the `off` server with py-spy and look for opentelemetry frames.")
    details = [
        f"## Tracing: {r['title']}",
        "",
        "| round | configuration | requests | throughput / s | p50 ms | p99 ms | errors "
        "| server CPU ms / request | PostgreSQL CPU ms / request | RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for p in r["phases"]:
        details.append(f"| {p['round']} | {TRACING_LABELS[p['config']]} | {p['served']} "
                       f"| {p['throughput_per_s']} | {p['p50_ms']} | {p['p99_ms']} | {p['errors']} "
                       f"| {p['server_cpu_ms_per_request']} | {p['postgres_cpu_ms_per_request']} "
                       f"| {p['rss_mb']} |")
    details += [
        "",
        "| configuration | server CPU ms / request: mean (spread) | throughput / s: mean (spread) "
        "| ratio to no instrumentation: CPU, throughput (each round) |",
        "|---|---|---|---|",
    ]
    for name, versus in (("off", "off_vs_none"), ("none", None), ("on", "on_vs_none")):
        x = s[name]
        ratios = "-"
        if versus is not None:
            c, t = r[versus + "_cpu"], r[versus + "_throughput"]
            ratios = (f"{c['ratio']}x ({', '.join(map(str, c['per_round']))}), "
                      f"{t['ratio']} ({', '.join(map(str, t['per_round']))})")
        details.append(f"| {TRACING_LABELS[name]} | {x['server_cpu_ms_per_request']} "
                       f"({_pct(x['cpu_spread'])}) | {x['throughput_per_s']} "
                       f"({_pct(x['throughput_spread'])}) | {ratios} |")
    traced = [p for p in r["phases"] if p.get("exported")]
    spans = ""
    if traced:
        last, got = traced[-1], traced[-1]["exported"]
        names = ", ".join(f"{k} {v}" for k, v in list(got["by_name"].items())[:6])
        spans = (f" With tracing on, the receiver got {got['spans']:,} spans in {got['batches']} batches "
                 f"({got['bytes']:,} bytes) from a server that answered {last['served_since_start']:,} reads "
                 f"since its start (the last round; by name: {names}).")
    verdict = ("no difference the run can measure" if not cpu["measurable"]
               else "a difference beyond the run's noise")
    details += [
        "",
        f"Tracing off as shipped against no instrumentation installable: {cpu['ratio']}x the server CPU "
        f"per request and {rate['ratio']} of the throughput, with a run-to-run noise (the larger spread, "
        f"max - min over the mean, of either configuration's {r['rounds']} repeats) of {_pct(cpu['noise'])} "
        f"for CPU and {_pct(rate['noise'])} for throughput: {verdict}. So this run resolves differences "
        f"above about {_pct(cpu['noise'])}; the host's other work sets that floor (load average above), "
        "not the code."
        f"{spans}",
        "",
        f"Each phase: a fresh server process on the same database ({r['fixtures']}); a 2 s warm-up, then "
        f"wrk -t{r['threads']} -c{r['clients']} for {r['seconds']:g} s; phases in the order "
        f"{', '.join(r['order'])}. "
        "Server CPU: the uvicorn process's utime + stime from /proc over the phase and until its background "
        "work (span export included) settled, less its idle rate, divided by the reads it counted for the "
        "route (`crm_http_requests_total`). \"No OpenTelemetry instrumentation installable\" is the same "
        "service started through bench/untraced_app.py, where the OpenTelemetry SDK, exporters and "
        "instrumentations cannot be imported (only the API stays: FastAPI requires it). Tracing on exports "
        "to bench/otlp_sink.py, a local OTLP/HTTP receiver in its own process that answers at once and "
        "keeps nothing.",
        "",
    ]
    return rows, [*why, "DETAILS", *details]


def _sla(r: dict) -> tuple[list[str], list[str]]:
    phases = r["phases"]
    p99s = [p["lag_p99_s"] for p in phases]
    complete = all(p["breach_events"] == p["breaching"] for p in phases)
    ok = complete and max(p99s) <= 2
    rows = ["| SLA breach event p99 after due time | "
            + ", ".join(f"{p['lag_p99_s']} s at {p['open_tickets']:,} open" for p in phases)
            + f" | - | <= 2 s at both sizes | {_yes(ok)} |"]
    interval = r.get("sweep_interval_seconds", 1.0)
    why = [] if ok else [
        f"- **SLA sweep** (p99 {p99s} s; events seen {[p['breach_events'] for p in phases]} of "
        f"{[p['breaching'] for p in phases]}): a breach is noticed by the next sweep, up to "
        f"{interval:g} s after its due time (`sweep_interval_seconds`), then escalated in the sweep's "
        "transaction, relayed and fetched (50 ms fetch wait); the p50 "
        f"{[p['lag_p50_s'] for p in phases]} s is about half an interval plus that path, and the tail "
        "is the sweep and the relay waiting for CPU on the 2 shared cores. A shorter interval trades "
        "idle queries for margin."]
    details = [
        "## SLA sweep: breach events after the due time",
        "",
        "| open tickets | breaching in the window | window s | breach events seen | p50 s | p99 s | max s |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in phases:
        details.append(f"| {p['open_tickets']:,} | {p['breaching']:,} | {p['window_seconds']} "
                       f"| {p['breach_events']} | {p['lag_p50_s']} | {p['lag_p99_s']} | {p['lag_max_s']} |")
    details += [
        "",
        "Lag = arrival of the `ticket-escalated` (level 1, breach) event at a broker consumer minus the "
        "ticket's due time: sweeper interval + sweep + outbox relay + broker. The feedback service runs "
        f"under uvicorn with its default sweep interval ({r['sweep_interval_seconds']} s).",
        "",
    ]
    return rows, [*why, "DETAILS", *details]


def _relay(r: dict) -> tuple[list[str], list[str]]:
    ok = r["ratio"] >= 0.3
    rows = [f"| outbox relay to the broker, {r['events']:,} events | {r['relay_per_s']:,}/s "
            f"| {r['direct_per_s']:,}/s (aiokafka directly) | >= 0.3 | {r['ratio']}: {_yes(ok)} |"]
    why = [] if ok else [
        f"- **Relay** ({r['ratio']}): the relay is bounded by its delivery contract, not by CPU: rows "
        f"are read under the relay lock in batches of {r['batch_size']}, up to "
        f"{r.get('batches_per_lock', 1)} batches pipelined per hold of the lock, and a batch is marked "
        "published only after the broker acknowledged all of it (acks=all); every hold pays PostgreSQL "
        "statements and a broker round trip, while the direct producer pipelines all "
        f"{r['events']:,} messages at once and pays neither. On a noisy host the relay, which also "
        "waits on PostgreSQL, suffers more than the direct producer. `CRM_OUTBOX_BATCH_SIZE` and "
        "`CRM_OUTBOX_BATCHES_PER_LOCK` trade re-sends after a crash and latency for throughput."]
    details = [
        f"## Outbox relay, {r['events']:,} events of {r['envelope_bytes']} bytes",
        "",
        "| path | seconds | events / s |",
        "|---|---|---|",
        f"| aiokafka producer sending the same messages directly (baseline) | {r['direct_seconds']} "
        f"| {r['direct_per_s']:,} |",
        f"| OutboxRelay.publish_batch until drained ({r['batches']} batches of {r['batch_size']}) "
        f"| {r['relay_seconds']} | {r['relay_per_s']:,} |",
        "",
        "Same producer settings (acks=all, linger 2 ms, 512 KiB batches); the relay also reads each "
        "batch from PostgreSQL under its advisory lock and marks it published in the same transaction.",
        "",
    ]
    return rows, [*why, "DETAILS", *details]


def _webhooks(r: dict) -> tuple[list[str], list[str]]:
    paced = r["paced"]
    ratio_ok, p99_ok = r["ratio"] >= 0.5, paced["p99_ms"] <= 1000
    rows = [
        f"| webhook fan-out to {r['fanout']} subscriptions, {r['burst_events']:,} events: throughput "
        f"| {r['service_events_per_s']}/s ({r['service_deliveries_per_s']} deliveries/s) "
        f"| {r['baseline_events_per_s']}/s (bare signed-POST loop) | >= 0.5 "
        f"| {r['ratio']}: {_yes(ratio_ok)} |",
        f"| webhook fan-out at {paced['rate_per_s']:g} events/s: publication -> receipt p99 "
        f"| {paced['p99_ms']} ms (p50 {paced['p50_ms']}) | - | <= 1 s | {_yes(p99_ok)} |",
    ]
    why = []
    if not p99_ok:
        offered = paced["rate_per_s"] * r["fanout"]
        share = offered / max(r["service_deliveries_per_s"], 1e-9)
        load = (f"above the {r['service_deliveries_per_s']} deliveries/s the service reached saturated in "
                "this run, so a backlog builds and latency grows with it" if share >= 1 else
                f"{share:.0%} of the {r['service_deliveries_per_s']} deliveries/s the service reached "
                "saturated in this run: at that load the queue of each lane (the claim, the POSTs, the "
                "outcomes written every 32 requests) makes bursts wait behind one another")
        why.append(
            f"- **Webhook p99** ({paced['p99_ms']} ms at {paced['rate_per_s']:g} events/s): "
            f"{paced['rate_per_s']:g} events/s is {offered:g} deliveries/s, {load} (the bare loop reached "
            f"{r['baseline_events_per_s'] * r['fanout']:g}/s). The service used "
            f"{r['service_cpu_ms_per_delivery']} ms CPU per delivery; the rest of the 2 cores went to the "
            "receiver, PostgreSQL, the broker and the publisher (and, on a shared host, to other work). "
            "On this host the same code's p99 has spread from 0.53 s to 3.6 s between runs "
            "(bench/profiling_notes.md, eighth round).")
    if not ratio_ok:
        why.append(f"- **Webhook throughput** ({r['ratio']}): see the details below.")
    details = [
        f"## Webhook fan-out: {r['fanout']} subscriptions of a local receiver",
        "",
        "| measure | value |",
        "|---|---|",
        f"| saturated: {r['burst_events']:,} events published at once, until every subscription "
        f"received each | {r['service_seconds']} s, {r['service_events_per_s']} events/s |",
        f"| baseline: the same envelopes signed (Standard Webhooks reference library) and POSTed in "
        f"this process, {r['lane_concurrency']} in flight per subscription | {r['baseline_seconds']} s, "
        f"{r['baseline_events_per_s']} events/s |",
        f"| service CPU per delivery (saturated) | {r['service_cpu_ms_per_delivery']} ms |",
        f"| paced {paced['rate_per_s']:g} events/s for {paced['seconds']:g} s: publication -> receipt "
        f"| p50 {paced['p50_ms']} / p90 {paced['p90_ms']} / p99 {paced['p99_ms']} "
        f"/ max {paced['max_ms']} ms |",
        "",
        "Path: publisher (bench process) -> broker -> the notification consumer (one transaction per "
        "fetched batch: inbox, event log, one delivery row per subscription) -> a lane per subscription "
        "claiming its due deliveries (SKIP LOCKED, lease) -> signed POST (aiohttp) -> outcomes stored "
        "every 32 requests. "
        "The receiver is its own uvicorn process noting arrival times.",
        "",
    ]
    return rows, [*why, "DETAILS", *details]


LOOP_STAGES = (
    ("answer_to_survey_outbox", "answer sent -> satisfaction-scored row in the survey outbox "
                                "(HTTP, rate-limit counters, scoring)"),
    ("survey_relay", "survey outbox row -> published (commit, relay wake-up or poll, broker ack)"),
    ("broker_and_playbook_fetch", "published -> applied by the playbook consumer (broker, fetch wait, "
                                  "the batches fetched before it)"),
    ("playbook_handler", "applied -> action-created row in the playbook outbox (inbox, rules, action)"),
    ("playbook_relay", "playbook outbox row -> published"),
    ("broker_to_bench_consumer", "published -> arrival at the bench consumer (fetch wait 50 ms)"),
)


def _loop_miss(r: dict) -> str:
    """What bounds a missed loop target, from the stages, CPU seconds and the broker baseline."""
    stages, labels = r["stages"], dict(LOOP_STAGES)
    worst = max((n for n in labels if n in stages), key=lambda n: stages[n]["p99_ms"])
    cpu, per_s, base = r.get("cpu_seconds", {}), r.get("per_s", {}), r["broker"]
    per = {name: 1000 * cpu.get(name, 0) / max(r["answers"], 1) for name in ("survey", "playbook")}
    text = (f"- **Survey -> playbook loop** (p99 {r['p99_ms']} ms at {r['rate']:g} answers/s, "
            f"{r['lost']} lost): the stage largest at p99 is \"{labels[worst]}\" "
            f"({stages[worst]['p99_ms']} ms).")
    if cpu.get("machine_busy_share", 0) >= 0.7 or worst in ("answer_to_survey_outbox", "survey_relay"):
        text += (
            f" CPU: the 2 cores were {cpu.get('machine_busy_share', 0):.0%} busy during the phase; the "
            f"survey process used {cpu.get('survey')} CPU s (about {per['survey']:.1f} ms per answer, "
            f"background loops included), the playbook {cpu.get('playbook')} s "
            f"({per['playbook']:.1f} ms per event), the bench "
            f"{cpu.get('bench')} s; PostgreSQL and the broker the rest. The survey stored the answers at "
            f"{per_s.get('survey_answers')}/s and the playbook applied them at "
            f"{per_s.get('playbook_events')}/s (offered: {r['rate']:g}/s): a backlog builds in the "
            "survey's request queue (its relay shares that event loop) and, when the playbook applies "
            "fewer per second than the survey stores, in the playbook's consumer.")
    text += (
        " The embedded broker answers a fetch when the consumer's fetch wait ends, not when a record "
        "arrives: a plain consumer with aiokafka's default wait (500 ms) measures p50 "
        f"{base['default']['p50_ms']} / p99 {base['default']['p99_ms']} ms here, against "
        f"{base['short']['p50_ms']} / {base['short']['p99_ms']} ms with 50 ms, the wait the services' "
        "consumers use (`CRM_CONSUMER_FETCH_WAIT_MS`).")
    failed = r["answers"] - r["statuses"].get("201", 0)
    if failed:
        text += f" {failed} answers were not accepted (statuses {r['statuses']})."
    if r["lost"]:
        text += (f" {r['lost']} answered customers had no action within the drain time "
                 f"(e.g. {', '.join(r['lost_sample'])}); {r['lost_shown_in_plan']} of those checked "
                 "show it in their care plan.")
    return text


def _loop(r: dict) -> tuple[list[str], list[str]]:
    failed = r["answers"] - r["statuses"].get("201", 0)
    ok = r["p99_ms"] <= 500 and r["lost"] == 0 and failed == 0
    base = r["broker"]
    rows = [f"| survey answer -> playbook action, {r['rate']:g}/s for {r['seconds']:g} s "
            f"| p99 {r['p99_ms']} ms (p50 {r['p50_ms']}); of {r['answers']:,} answers {failed} refused, "
            f"{r['lost']} lost "
            f"| broker p99 {r['broker_p99_ms']} ms (aiokafka defaults); {base['short']['p99_ms']} ms with "
            f"a 50 ms fetch wait | p99 <= 500 ms | {_yes(ok)} |"]
    per_event = r.get("playbook_cpu_ms_per_event")
    if per_event is not None:
        rows.append(f"| playbook: CPU per applied event (the loop above) | {per_event} ms "
                    f"(survey: {r.get('survey_cpu_ms_per_answer')} ms per answer) | - | <= 1.5 ms "
                    f"| {_yes(per_event <= 1.5)} |")
    backlog = r.get("backlog") or {}
    drained = backlog.get("playbook_cpu_ms_per_event")
    if drained is not None:
        rows.append(f"| playbook: CPU per applied event draining a backlog of {backlog['events']:,} "
                    f"| {drained} ms ({backlog['events_per_s']}/s applied"
                    f"{'' if backlog.get('drained') else ', NOT all applied in 120 s'}) | - | <= 1.5 ms "
                    f"| {_yes(drained <= 1.5 and backlog.get('drained', False))} |")
    stages = r["stages"]
    why = [] if ok else [_loop_miss(r)]
    if per_event is not None and (per_event > 1.5 or (drained or 0) > 1.5):
        why.append(
            f"- **Playbook CPU per event** ({per_event} ms at {r['rate']:g} events/s, {drained} ms draining "
            f"a backlog): the playbook process's CPU (less its idle rate, "
            f"{r.get('idle_cpu_per_s', {}).get('playbook')} CPU s/s) divided by the events it applied. "
            "Per batch (what one fetch brought from all partitions, and what came within the linger, "
            "`CRM_CONSUMER_LINGER_MS`, 100 ms for the playbook) it pays one transaction with the inbox "
            "rows, an offset commit and the check of the group's committed offsets, and its relay's "
            "round publishing `action-created`; per event the rules and about five statements (the "
            "answer kept, the customer's read model, the action with its outbox row, the promise's "
            "counted contacts locked). At "
            f"{r['rate']:g}/s a batch holds about a dozen events, so the per-batch part is shared; "
            "draining a backlog, batches are full and what is left is the per-event part, "
            "most of it the statements' round trips (asyncpg's protocol and the event loop's I/O, "
            "bench/profiling_notes.md, ninth and tenth rounds). What would move it: "
            "applying a batch's events set-wise (one statement per read or write for the whole batch "
            "instead of one per event), or a longer linger (latency for CPU: 200 ms measured 1.39 ms "
            "per event at a p99 of 457 ms).")
    http = r["answer_http"]
    details = [
        f"## Survey answer -> playbook action, {r['rate']:g} answers/s for {r['seconds']:g} s",
        "",
        "| measure | count | p50 ms | p90 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|",
        f"| **answer sent -> `action-created` at a broker consumer (end to end)** | {r['actions_seen']} "
        f"| {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | {r['max_ms']} |",
        f"| HTTP answer (sent -> response) | {sum(r['statuses'].values())} | {http['p50_ms']} "
        f"| {http['p90_ms']} | {http['p99_ms']} | {http['max_ms']} |",
    ]
    for name, label in LOOP_STAGES:
        x = stages.get(name)
        if x:
            details.append(f"| stage: {label} | {x['count']} | {x['p50_ms']} | {x['p90_ms']} | {x['p99_ms']} "
                           f"| {x['max_ms']} |")
    for name, label in (("default", "baseline: plain aiokafka producer -> consumer, default fetch wait "
                                    "(500 ms)"),
                        ("short", "baseline: plain aiokafka producer -> consumer, 50 ms fetch wait "
                                  "(as the services' consumers and the bench's)")):
        x = base[name]
        details.append(f"| {label} | {x['messages']} | {x['p50_ms']} | {x['p90_ms']} | {x['p99_ms']} "
                       f"| {x['max_ms']} |")
    statuses = ", ".join(f"{k}: {v}" for k, v in r["statuses"].items())
    verified = r["verified"]
    details += [
        "",
        f"{r['answers']:,} answers ({r['invitations']:,} invitations made beforehand in "
        f"{r['invite_seconds']} s; every item 2, NPS 2: dissatisfied), sent open loop"
        f" over {r['schedule_seconds']} s; answer statuses {statuses}; actions seen "
        f"{r['actions_seen']:,}, lost {r['lost']}, of another kind {r['wrong_kind']}. Care plans "
        f"(GET /v1/customers/{{id}}/plan) of {verified['checked']} sampled customers: "
        f"{verified['shown']} show the remediation-plan action. Messages: satisfaction-scored "
        f"{r['envelope_bytes'].get('satisfaction-scored', '-')} bytes, action-created "
        f"{r['envelope_bytes'].get('action-created', '-')} bytes; the baseline sends the same size at the "
        "same rate for the same time on its own topic, after the services stopped.",
        "",
        f"CPU seconds during the phase and the drain: {r.get('cpu_seconds')}. First to last answer, the "
        f"survey stored {r.get('per_s', {}).get('survey_answers')} answers/s and the playbook applied "
        f"{r.get('per_s', {}).get('playbook_events')} events/s (offered: {r['rate']:g}/s).",
        "",
        r["note"] + " Stages come from the services' own timestamps (survey outbox created / published, "
        "playbook inbox applied, playbook outbox created / published); every process is on this machine.",
        "",
    ]
    return rows, [*why, "DETAILS", *details]


def _memory(results: dict) -> tuple[list[str], list[str]]:
    figures: dict[str, dict] = {}
    m = results.get("memory", {})
    for name, values in m.items():
        if isinstance(values, dict):
            figures[name] = dict(values)
    loads = {"segmentation": m.get("segmentation", {}).get("load", "")}
    sources = [(name, results[name].get("service_name", "feedback"), f"{results[name].get('title', name)}")
               for name in HTTP_NAMES if isinstance(results.get(name), dict) and "memory_mb" in results[name]]
    sources.append(("sla", "feedback", "SLA sweep, 100,000 open"))
    for bench, service, what in sources:
        values = results.get(bench, {}).get("memory_mb")
        if values:
            entry = figures.setdefault(service, {})
            entry["idle"] = max(entry.get("idle", 0), values["idle"])
            if values["loaded_peak"] >= entry.get("loaded_peak", 0):
                entry["loaded_peak"] = values["loaded_peak"]
                loads[service] = what
    loop = results.get("loop", {}).get("memory_mb", {})
    for name, values in loop.items():
        entry = figures.setdefault(name, {})
        entry["loaded_peak"] = values.get("loaded_peak")
        loads[name] = "survey answers -> playbook actions"
    rows, details = [], ["## Memory per service (RSS, MB)", "",
                         "| service | idle | under load | load |", "|---|---|---|---|"]
    for name, values in sorted(figures.items()):
        idle, loaded = values.get("idle"), values.get("loaded_peak")
        ok = (idle is None or idle <= 150) and (loaded is None or loaded <= 300)
        rows.append(f"| memory: {name} | idle {idle if idle is not None else '-'} MB, "
                    f"loaded {loaded if loaded is not None else '-'} MB "
                    f"| - | idle <= 150, load <= 300 | {_yes(ok)} |")
        details.append(f"| {name} | {idle if idle is not None else 'not measured here'} "
                       f"| {loaded if loaded is not None else 'not loaded here'} | {loads.get(name, '')} |")
    details += ["", "Sampled with psutil every 0.1 s in the uvicorn process (one worker).", ""]
    return rows, ["DETAILS", *details]


def _host_speed(results: dict) -> str:
    """How steady the host was: a fixed pure-Python loop timed before and after the run (a shared
    virtual machine's neighbours can slow every figure; the ratios to same-run baselines hold up
    better than the absolute figures)."""
    timings = results.get("host_loop_seconds")
    if not timings:
        return ""
    load = results.get("load_average")
    busy = (f" Load average (1 min, {os.cpu_count()} cores): {load['before']} before, {load['after']} after."
            if load else "")
    return (f" Host speed check: the same pure-Python loop took {timings['before']} s before the run "
            f"and {timings['after']} s after it.{busy}")


def _kept(results: dict) -> str:
    kept = results.get("kept_from")
    if not kept:
        return ""
    measured = [n for n in ("snapshot", "relay", *HTTP_NAMES, "tracing", "sla", "webhooks", "loop", "memory")
                if n not in kept["benchmarks"] and n in results]
    when = kept.get("when_by_benchmark", {})
    earlier = ", ".join(f"{name} ({when.get(name, kept['when'])})" for name in kept["benchmarks"])
    return (f" This run measured only {', '.join(measured)}; the figures of {earlier} are those of "
            "earlier runs.")


def markdown(results: dict) -> str:
    summary = ["| benchmark | figure | baseline (same run) | target | verdict |", "|---|---|---|---|---|"]
    misses: list[str] = []
    sections: list[str] = []
    builders = [("snapshot", _snapshot), *((n, lambda r, n=n: _http(n, r)) for n in HTTP_NAMES),
                ("tracing", _tracing),
                ("sla", _sla), ("relay", _relay), ("webhooks", _webhooks)]
    for name, build in builders:
        r = results.get(name)
        if not r:
            continue
        if name in HTTP_NAMES and "server_cpu_ratio" not in r:
            summary.append(f"| {name} | measured by an earlier harness (in-process clients): rerun "
                           f"`python -m bench.run {name}` | - | - | **not measured** |")
            continue
        if "error" in r:
            summary.append(f"| {name} | failed: {r['error']} | - | - | **not measured** |")
            continue
        rows, rest = build(r)
        summary += rows
        cut = rest.index("DETAILS")
        misses += rest[:cut]
        sections += rest[cut + 1:]
    loop = results.get("loop", {})
    if "skipped" in loop:
        summary.append(f"| survey answer -> playbook action, 100/s for 60 s | {loop['skipped']} | "
                       "broker produce-to-consume | p99 <= 500 ms | **not measured** |")
    elif loop.get("error"):
        summary.append(f"| survey answer -> playbook action | failed: {loop['error']} | - | - | "
                       "**not measured** |")
    elif loop:
        rows, rest = _loop(loop)
        summary += rows
        cut = rest.index("DETAILS")
        misses += rest[:cut]
        sections += rest[cut + 1:]
    rows, rest = _memory(results)
    summary += rows
    sections += rest[1:]
    lines = [
        f"# Benchmark results ({results['when']})",
        "",
        f"Machine: {results['machine']}{' (BENCH_QUICK sizes)' if results.get('quick') else ''}. "
        "Everything on 127.0.0.1: PostgreSQL (a fresh database per benchmark, CHECKPOINT before each), "
        "the embedded broker, services under uvicorn (one process each). HTTP load comes from other "
        "processes: wrk (saturation) and bench/paced.py (a fixed rate, latency from each request's due "
        "time); each HTTP figure carries the server process's and PostgreSQL's CPU per request read from "
        "/proc, so what the load generator spends is not in it. **All processes share the same 2 CPU "
        "cores** (and, on a shared host, other work). Every baseline is measured in the same run."
        + _host_speed(results)
        + _kept(results),
        "",
        "## Targets",
        "",
        *summary,
        "",
    ]
    if misses:
        lines += ["### What bounds each miss", "", *misses, ""]
    lines += sections
    lines += [f"Durations (s): {results.get('durations_s', {})}", ""]
    if NOTES.exists():
        lines += [NOTES.read_text().strip(), ""]
    return "\n".join(lines)
