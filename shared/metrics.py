"""Prometheus metrics every service exposes; domain metrics live in each service."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest
from prometheus_client.openmetrics import exposition as openmetrics

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


def install_http_metrics(app: FastAPI) -> None:
    """The `/metrics` route; requests are counted by `HttpMetrics`, in the platform's one ASGI
    middleware (shared/app.py `_Platform`)."""

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        # Exemplars exist only in the OpenMetrics format; Prometheus asks for it when it stores them.
        if "application/openmetrics-text" in request.headers.get("accept", ""):
            return Response(openmetrics.generate_latest(REGISTRY),
                            media_type=openmetrics.CONTENT_TYPE_LATEST)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


class HttpMetrics:
    """Request counter and latency histogram of one service, labelled by the route template, not
    the raw path; traced, each latency observation keeps the trace id as its exemplar (Grafana
    links to it). The labelled children are looked up once per (method, route, status)."""

    def __init__(self, service: str, *, traced: bool = False) -> None:
        self.service = service
        self.traced = traced
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def record(self, method: str, template: str, status: int, seconds: float) -> None:
        key = (method, template, status)
        children = self._children.get(key)
        if children is None:
            children = self._children[key] = (
                HTTP_REQUESTS.labels(self.service, method, template, str(status)),
                HTTP_LATENCY.labels(self.service, method, template),
            )
        children[0].inc()
        if not self.traced:
            children[1].observe(seconds)
            return
        from shared.tracing import current_trace_id

        trace_id = current_trace_id()
        children[1].observe(seconds, exemplar={"trace_id": trace_id} if trace_id else None)
