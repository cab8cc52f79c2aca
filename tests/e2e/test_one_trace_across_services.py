"""One survey answer is one trace (docs/design.md §13): the survey's HTTP span, its SQL, the
publish of `satisfaction-scored`, the broker hop, the playbook's processing of it and the
`action-created` it publishes all share one trace id, carried by the envelope's `traceparent`."""

import contextlib
import io
import json
import uuid

import pytest
import structlog
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import shared.tracing
from services.playbook.app import create_app as create_playbook_app
from services.playbook.settings import playbook_settings
from services.survey.app import create_app as create_survey_app
from services.survey.settings import survey_settings
from shared.logging import configure_logging
from tests.support import ADMIN, EventCollector, eventually, running_service


@pytest.fixture
def spans():
    """Every span this process ends, kept in memory (the process's provider is set once)."""
    exporter = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield exporter
    exporter.shutdown()  # later spans of this process are dropped, not kept
    from opentelemetry.instrumentation.aiokafka import AIOKafkaInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    AIOKafkaInstrumentor().uninstrument()
    HTTPXClientInstrumentor().uninstrument()
    shared.tracing._libraries_instrumented = False


def _trace_id(traceparent: str) -> int:
    return int(traceparent.split("-")[1], 16)


async def test_a_survey_answer_and_the_care_action_it_causes_are_one_trace(platform_config, spans):
    survey_app = create_survey_app(survey_settings(**platform_config, otel_enabled=True, run_workers=False))
    playbook_app = create_playbook_app(playbook_settings(**platform_config, otel_enabled=True,
                                                         run_workers=False))
    customer_id = f"TRACE-{uuid.uuid4().hex[:8]}"
    topics = ["satisfaction-scored", "action-created"]
    async with running_service(survey_app) as survey, running_service(playbook_app), \
            EventCollector(platform_config["kafka_bootstrap"], topics) as seen:
        invited = await survey.post("/v1/surveys/default/invitations", json={"customer_ids": [customer_id]},
                                    headers=ADMIN)
        assert invited.status_code == 201, invited.text
        token = invited.json()["items"][0]["token"]
        questions = (await survey.get(f"/v1/invitations/{token}")).json()["questions"]
        answers = {q["id"]: 1 for q in questions if q["type"] == "likert"}
        answered = await survey.post(f"/v1/invitations/{token}/response", json={"answers": answers, "nps": 2})
        assert answered.status_code == 201, answered.text

        (scored,) = await seen.wait_for(lambda e: e["type"] == "satisfaction-scored"
                                        and e["subject"] == customer_id)
        created = await seen.wait_for(lambda e: e["type"] == "action-created" and e["subject"] == customer_id
                                      and e["data"]["kind"] == "remediation-plan", timeout=30)

        # The envelope carries the trace of the answering request (CloudEvents distributed tracing).
        answer_span = next(s for s in spans.get_finished_spans()
                           if s.kind is trace.SpanKind.SERVER and "/response" in s.name)
        trace_id = answer_span.context.trace_id
        assert answer_span.attributes["crm.service"] == "survey"
        assert _trace_id(scored["traceparent"]) == trace_id
        assert all(_trace_id(e["traceparent"]) == trace_id for e in created)

        async def chain_ended() -> list:
            found = [s for s in spans.get_finished_spans() if s.context.trace_id == trace_id]
            names = {s.name for s in found}
            wanted = {"satisfaction-scored send", "satisfaction-scored receive",
                      "process satisfaction-scored", "action-created send"}
            return found if wanted <= names else None

        in_trace = await eventually(chain_ended, timeout=20)
        by_name = {s.name: s for s in in_trace}
        # Both services, the broker hop between them, and the database under each.
        process = by_name["process satisfaction-scored"]
        assert process.attributes["crm.service"] == "playbook"
        assert process.kind is trace.SpanKind.CONSUMER
        assert by_name["satisfaction-scored send"].kind is trace.SpanKind.PRODUCER
        assert by_name["satisfaction-scored receive"].kind is trace.SpanKind.CONSUMER
        sql = [s for s in in_trace if s.attributes.get("db.system") or s.attributes.get("db.system.name")]
        assert any(s.parent and s.parent.span_id == answer_span.context.span_id for s in sql), \
            "the survey's SQL runs inside the answering request's span"
        assert any(s.parent and s.parent.span_id == process.context.span_id for s in sql), \
            "the playbook's SQL runs inside the processing span"
        # The whole chain hangs off the answer: every span's parent is in the trace.
        span_ids = {s.context.span_id for s in in_trace}
        assert all(s.parent is None or s.parent.span_id in span_ids for s in in_trace)


def test_a_log_line_written_inside_a_span_names_its_trace_and_span():
    stream = io.StringIO()
    configure_logging("test", traced=True)
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(stream))
    tracer = TracerProvider().get_tracer("test")
    with tracer.start_as_current_span("work") as span, contextlib.suppress(Exception):
        structlog.get_logger().info("inside")
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert line["span_id"] == format(span.get_span_context().span_id, "016x")
    configure_logging("test")  # back to the untraced configuration other tests expect
