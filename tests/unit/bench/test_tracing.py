"""The pure parts of the tracing benchmark: requests counted from a service's Prometheus text, the
order of the phases, and when a difference between two configurations is beyond the noise."""

import importlib
import sys

import pytest

from bench import tracing, untraced_app

METRICS = """# HELP crm_http_requests_total HTTP requests served
# TYPE crm_http_requests_total counter
crm_http_requests_total{service="feedback",method="GET",route="/v1/tickets/{ticket_id}",status="200"} 1520.0
crm_http_requests_total{service="feedback",method="GET",route="/v1/tickets/{ticket_id}",status="404"} 3.0
crm_http_requests_total{service="feedback",method="PATCH",route="/v1/tickets/{ticket_id}",status="200"} 7.0
crm_http_requests_total{service="feedback",method="GET",route="/metrics",status="200"} 2.0
# HELP crm_http_requests_created HTTP requests served
crm_http_requests_created{service="feedback",method="GET",route="/v1/tickets/{ticket_id}",status="200"} 1.7e9
"""


def test_the_requests_of_one_route_and_method_are_counted_by_status():
    assert tracing.served(METRICS, "/v1/tickets/{ticket_id}") == {"200": 1520, "404": 3}
    assert tracing.served(METRICS, "/v1/tickets/{ticket_id}", "PATCH") == {"200": 7}
    assert tracing.served(METRICS, "/v1/tickets") == {}


def test_the_phase_order_is_reversed_every_other_round_so_drift_weighs_on_each_alike():
    order = tracing.phase_order(2)
    assert order == ["off", "none", "on", "on", "none", "off"]
    mean_position = {name: sum(i for i, n in enumerate(order) if n == name) / 2 for name in tracing.CONFIGS}
    assert set(mean_position.values()) == {2.5}


def test_a_difference_within_the_repeats_spread_is_not_measurable():
    # The reference's repeats spread 10 % (1.9 to 2.1 ms): 2 % more is within the noise.
    within = tracing.compare([2.04, 2.04], [1.9, 2.1])
    assert within["ratio"] == pytest.approx(1.02)
    assert within["noise"] == pytest.approx(0.1)
    assert within["per_round"] == [pytest.approx(1.074, abs=0.001), pytest.approx(0.971, abs=0.001)]
    assert not within["measurable"]
    # Steady repeats (1 % apart) and 20 % more: measurable, either way.
    assert tracing.compare([2.4, 2.42], [2.0, 2.02])["measurable"]
    assert tracing.compare([1.6, 1.61], [2.0, 2.02])["measurable"]


def test_the_untraced_process_cannot_import_the_sdk_or_any_instrumentation(monkeypatch):
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    for name in [m for m in sys.modules if untraced_app.refused(m)]:
        monkeypatch.delitem(sys.modules, name)
    untraced_app.refuse_instrumentation()
    for name in ("opentelemetry.sdk.trace", "opentelemetry.instrumentation.fastapi",
                 "opentelemetry.exporter.otlp.proto.http.trace_exporter"):
        with pytest.raises(ModuleNotFoundError, match="kept out of this process"):
            importlib.import_module(name)
    importlib.import_module("opentelemetry.trace")  # the API FastAPI needs stays
    assert untraced_app.refused("opentelemetry.sdk") and not untraced_app.refused("opentelemetry.sdkx")


def _result(off_cpu: list[float], none_cpu: list[float]) -> dict:
    phases = []
    for number, name in enumerate(tracing.phase_order(len(off_cpu))):
        round_ = number // 3
        cpu = {"off": off_cpu, "none": none_cpu, "on": [6.0] * len(off_cpu)}[name][round_]
        phases.append({"config": name, "round": round_ + 1, "served": 1000, "throughput_per_s": 800 / cpu,
                       "p50_ms": 20.0, "p99_ms": 60.0, "errors": 0, "server_cpu_ms_per_request": cpu,
                       "postgres_cpu_ms_per_request": 0.5, "rss_mb": 120.0, "served_since_start": 1200,
                       **({"exported": {"batches": 4, "bytes": 10, "spans": 2048,
                                        "by_name": {"SELECT": 1700, "GET /v1/tickets/{ticket_id}": 348}}}
                          if name == "on" else {})})

    return {"title": "ticket read", "clients": 32, "threads": 2, "seconds": 10.0, "rounds": len(off_cpu),
            "fixtures": "2,000 open tickets", "order": tracing.phase_order(len(off_cpu)), "phases": phases,
            "summary": {name: tracing._summary(phases, name) for name in tracing.CONFIGS},
            **tracing.comparisons(phases)}


def test_the_report_says_met_within_the_noise_and_explains_a_measurable_cost():
    from bench import report

    base = {"when": "2026-12-02T15:00:00+00:00", "machine": "x86_64, 2 cores", "quick": False}
    text = report.markdown({**base, "tracing": _result([4.1, 4.0, 4.2], [4.0, 4.3, 4.1])})
    row = next(line for line in text.splitlines() if "tracing off as shipped |" in line)
    assert "0.992x (noise 7.3 %, 3 rounds)" in row and row.endswith("**met** |")
    assert "## Tracing: ticket read" in text and "What bounds each miss" not in text
    costly = report.markdown({**base, "tracing": _result([4.8, 4.8, 4.9], [4.0, 4.05, 4.02])})
    row = next(line for line in costly.splitlines() if "tracing off as shipped |" in line)
    assert "1.201x" in row and row.endswith("**missed** |")
    assert "- **Tracing off** (1.201x" in costly
