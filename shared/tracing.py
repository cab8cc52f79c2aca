"""OpenTelemetry traces (docs/design.md §13): HTTP server and client, SQL, Kafka, and the W3C trace
context carried in every event's envelope (the CloudEvents distributed-tracing extension), so one
survey answer is one trace through every service it reaches.

Off by default, and then nothing here runs per request: no middleware, no instrumentation, no SDK
objects; the outbox, relay and consumer test one boolean of their own. On, the OTLP endpoint and
the sampling come from configuration (the standard `OTEL_*` variables or `CRM_OTEL_*`).
"""

from __future__ import annotations

import contextlib
import json
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from opentelemetry import context, propagate, trace

if TYPE_CHECKING:
    from fastapi import FastAPI
    from sqlalchemy.ext.asyncio import AsyncEngine

    from shared.settings import PlatformSettings

TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"
# Spans of these paths would only be noise: probes and scrapes every few seconds.
UNTRACED_PATHS = "/healthz,/readyz,/metrics"
_libraries_instrumented = False


def configure_tracing(settings: PlatformSettings) -> bool:
    """Install the tracer provider (once per process) and the process-wide instrumentation of the
    HTTP client and Kafka; False, doing nothing, when tracing is off."""
    if not settings.tracing_enabled:
        return False
    from opentelemetry.sdk.trace import TracerProvider

    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(_new_provider(settings))
    global _libraries_instrumented
    if not _libraries_instrumented:
        from opentelemetry.instrumentation.aiokafka import AIOKafkaInstrumentor
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

        HTTPXClientInstrumentor().instrument()
        AIOKafkaInstrumentor().instrument()
        _libraries_instrumented = True
    return True


def _new_provider(settings: PlatformSettings):
    import os

    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

    resource = Resource.create({"service.name": f"crm-{settings.service_name}",
                                "service.namespace": "crm"})
    # The standard variables win; otherwise a parent-based ratio: a sampled caller stays sampled.
    sampler = None if os.environ.get("OTEL_TRACES_SAMPLER") else ParentBased(
        TraceIdRatioBased(settings.otel_sampling_ratio))
    provider = TracerProvider(resource=resource, sampler=sampler)
    endpoint = settings.otel_exporter_otlp_endpoint
    if endpoint and not endpoint.rstrip("/").endswith("/v1/traces"):
        endpoint = endpoint.rstrip("/") + "/v1/traces"
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    return provider


def instrument_app(app: FastAPI, service: str) -> None:
    """Server spans named by route template, each marked with the service that served it."""
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    def mark_service(span: Any, _scope: dict[str, Any]) -> None:
        if span is not None and span.is_recording():
            span.set_attribute("crm.service", service)

    FastAPIInstrumentor.instrument_app(
        app, excluded_urls=UNTRACED_PATHS, server_request_hook=mark_service,
        exclude_spans=["receive", "send"],
    )


def instrument_engine(engine: AsyncEngine) -> None:
    """A span per SQL statement of this engine (PostgreSQL through asyncpg, or SQLite)."""
    from opentelemetry import metrics
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer

    usage = metrics.get_meter(__name__).create_up_down_counter(
        "db.client.connections.usage", unit="connections")
    EngineTracer(trace.get_tracer("shared.db"), engine.sync_engine, usage)
    _TRACED_DIALECTS.add(engine.dialect)


# The dialects of instrumented engines: a HotStatement runs on the driver, past the engine's
# instrumentation, and makes its span itself when its engine's dialect is here.
_TRACED_DIALECTS: weakref.WeakSet = weakref.WeakSet()


def traces_statements(dialect: Any) -> bool:
    return dialect in _TRACED_DIALECTS


@contextlib.contextmanager
def statement_span(sql: str) -> Iterator[None]:
    """The span of a statement run straight on the driver, with the attributes the SQLAlchemy
    instrumentation gives the engine's statements."""
    with trace.get_tracer("shared.db").start_as_current_span(
        sql.split(None, 1)[0], kind=trace.SpanKind.CLIENT,
        attributes={"db.system": "postgresql", "db.statement": sql},
    ):
        yield


def current_trace_context() -> dict[str, str]:
    """The W3C `traceparent` (and `tracestate`) of the active span, for an event's envelope."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return {k: v for k, v in carrier.items() if k in (TRACEPARENT, TRACESTATE)}


def context_of(traceparent: str | None, tracestate: str | None = None):
    """The trace context an event carries, to continue its trace."""
    carrier = {TRACEPARENT: traceparent or ""}
    if tracestate:
        carrier[TRACESTATE] = tracestate
    return propagate.extract(carrier)


def context_of_envelope(envelope: str):
    """The trace context of a stored envelope (the relay publishes under it)."""
    document = json.loads(envelope)
    return context_of(document.get(TRACEPARENT), document.get(TRACESTATE))


@contextlib.contextmanager
def attached(parent) -> Iterator[None]:
    """Make a trace context current for the block (the relay's publish of one event)."""
    token = context.attach(parent)
    try:
        yield
    finally:
        context.detach(token)


@contextlib.contextmanager
def processing(service: str, group: str, event: Any) -> Iterator[None]:
    """A consumer span continuing the trace the event carries: the handler's SQL, and the events
    it appends, belong to the trace of the request that caused the event."""
    tracer = trace.get_tracer("shared.events")
    with tracer.start_as_current_span(
        f"process {event.type}", context=context_of(event.traceparent, event.tracestate),
        kind=trace.SpanKind.CONSUMER,
        attributes={
            "crm.service": service, "messaging.system": "kafka",
            "messaging.operation.type": "process", "messaging.destination.name": event.type,
            "messaging.consumer.group.name": group, "messaging.message.id": event.id,
            "cloudevents.event_id": event.id, "cloudevents.event_type": event.type,
            "cloudevents.event_source": event.source,
        },
    ):
        yield


def log_trace_ids(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: the trace and span ids of the active span on every log line."""
    span_context = trace.get_current_span().get_span_context()
    if span_context.is_valid:
        event_dict["trace_id"] = format(span_context.trace_id, "032x")
        event_dict["span_id"] = format(span_context.span_id, "016x")
    return event_dict


def current_trace_id() -> str | None:
    """The active trace id in hex (a metrics exemplar), when the span is sampled."""
    span_context = trace.get_current_span().get_span_context()
    if span_context.is_valid and span_context.trace_flags.sampled:
        return format(span_context.trace_id, "032x")
    return None
