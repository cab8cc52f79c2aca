"""An OTLP/HTTP trace receiver that keeps nothing: the tracing benchmark's "collector", in its own
process. It answers every export 200 at once and only counts what arrived; `GET /summary` decodes
the batches then (span names and counts), after the measured phase.

    uvicorn --factory bench.otlp_sink:create_app
"""

from __future__ import annotations

from collections import Counter

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def create_app() -> Starlette:
    batches: list[bytes] = []

    async def export(request: Request) -> Response:
        batches.append(await request.body())
        return Response(b"", media_type="application/x-protobuf")

    async def summary(request: Request) -> JSONResponse:
        from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

        names: Counter[str] = Counter()
        for body in batches:
            message = ExportTraceServiceRequest()
            message.ParseFromString(body)
            for resource in message.resource_spans:
                for scope in resource.scope_spans:
                    names.update(span.name for span in scope.spans)
        return JSONResponse({"batches": len(batches), "bytes": sum(map(len, batches)),
                             "spans": sum(names.values()), "by_name": dict(names.most_common())})

    async def reset(request: Request) -> Response:
        batches.clear()
        return Response(status_code=204)

    async def healthz(request: Request) -> Response:
        return Response("ok")

    return Starlette(routes=[
        Route("/v1/traces", export, methods=["POST"]),
        Route("/summary", summary),
        Route("/reset", reset, methods=["POST"]),
        Route("/healthz", healthz),
    ])
