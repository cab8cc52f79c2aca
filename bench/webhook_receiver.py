"""A webhook receiver for the fan-out benchmark, in its own process: notes each request's
`webhook-id`, path and arrival time (`time.time()`, comparable across processes) and answers 204.

    uvicorn --factory bench.webhook_receiver:create_app
"""

from __future__ import annotations

import time

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def create_app() -> Starlette:
    arrivals: list[tuple[str, str, float]] = []

    async def hook(request: Request) -> Response:
        await request.body()
        arrivals.append((request.headers.get("webhook-id", ""), request.url.path, time.time()))
        return Response(status_code=204)

    async def read(request: Request) -> JSONResponse:
        return JSONResponse(arrivals)

    async def reset(request: Request) -> Response:
        arrivals.clear()
        return Response(status_code=204)

    async def healthz(request: Request) -> Response:
        return Response("ok")

    return Starlette(
        routes=[
            Route("/hook/{number}", hook, methods=["POST"]),
            Route("/arrivals", read),
            Route("/reset", reset, methods=["POST"]),
            Route("/healthz", healthz),
        ]
    )
