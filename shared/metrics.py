"""Prometheus metrics every service exposes; domain metrics live in each service."""

from __future__ import annotations

import time

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest
from prometheus_client.openmetrics import exposition as openmetrics
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HTTP_REQUESTS = Counter(
    "crm_http_requests_total", "HTTP requests served", ["service", "method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "crm_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
EVENTS_PRODUCED = Counter(
    "crm_events_produced_total", "Events published to the broker by the outbox relay",
    ["service", "event_type"],
)
EVENTS_CONSUMED = Counter(
    "crm_events_consumed_total", "Events consumed, by outcome (applied, duplicate)",
    ["service", "event_type", "outcome"],
)
EVENTS_FAILED = Counter(
    "crm_events_failed_total", "Event handling attempts that raised", ["service", "event_type"]
)
EVENTS_DEAD_LETTERED = Counter(
    "crm_events_dead_lettered_total", "Events sent to the dead-letter topic after retries",
    ["service", "event_type"],
)
OUTBOX_BACKLOG = Gauge("crm_outbox_backlog", "Events written but not yet published", ["service"])
CONSUMER_LAG = Gauge(
    "crm_consumer_lag", "Messages behind the partition end, per consumer",
    ["service", "topic", "partition"],
)


def install_http_metrics(app: FastAPI, service: str, *, traced: bool = False) -> None:
    """Request counter and latency histogram labelled by the route template, not the raw path;
    traced, each latency observation keeps the trace id as its exemplar (Grafana links to it)."""
    app.add_middleware(_TracedHttpMetrics if traced else _HttpMetrics, service=service)

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        # Exemplars exist only in the OpenMetrics format; Prometheus asks for it when it stores them.
        if "application/openmetrics-text" in request.headers.get("accept", ""):
            return Response(openmetrics.generate_latest(REGISTRY),
                            media_type=openmetrics.CONTENT_TYPE_LATEST)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


class _HttpMetrics:
    """Plain ASGI middleware (no per-request task and stream as with `@app.middleware`)."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_recording_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_recording_status)
        finally:
            # The router put the matched route in the shared scope; unmatched paths stay one label.
            template = getattr(scope.get("route"), "path", "unmatched")
            HTTP_REQUESTS.labels(self.service, scope["method"], template, str(status)).inc()
            self.observe(scope["method"], template, time.perf_counter() - started)

    def observe(self, method: str, template: str, seconds: float) -> None:
        HTTP_LATENCY.labels(self.service, method, template).observe(seconds)


class _TracedHttpMetrics(_HttpMetrics):
    """The latency of a sampled request keeps its trace id as an exemplar."""

    def observe(self, method: str, template: str, seconds: float) -> None:
        from shared.tracing import current_trace_id

        trace_id = current_trace_id()
        HTTP_LATENCY.labels(self.service, method, template).observe(
            seconds, exemplar={"trace_id": trace_id} if trace_id else None)
