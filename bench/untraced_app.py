"""A service that cannot install any OpenTelemetry instrumentation: the reference the tracing
benchmark compares the shipped "tracing off" with.

    BENCH_UNTRACED_FACTORY=services.feedback.app:create_app \\
        uvicorn --factory bench.untraced_app:create_app

Before the service is imported, the OpenTelemetry SDK, its exporters and every instrumentation
package are made unimportable, so whatever the settings say, no tracer provider, span processor,
exporter or instrumented library can exist in this process: a start that tried would fail. Only
the OpenTelemetry API stays, because FastAPI itself requires it (FastAPI >= 0.165 imports it and,
with no provider configured, only looks the providers up per request) and shared/tracing.py
imports it at start.
"""

from __future__ import annotations

import importlib
import importlib.abc
import os
import sys

REFUSED = ("opentelemetry.sdk", "opentelemetry.exporter", "opentelemetry.instrumentation")


def refused(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in REFUSED)


class _Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if refused(fullname):
            raise ModuleNotFoundError(f"{fullname} is kept out of this process (bench.untraced_app)",
                                      name=fullname)
        return None


def refuse_instrumentation() -> None:
    loaded = sorted(name for name in sys.modules if refused(name))
    if loaded:
        raise RuntimeError(f"OpenTelemetry SDK or instrumentation already imported: {loaded}")
    if not any(isinstance(finder, _Refuse) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Refuse())


def create_app():
    refuse_instrumentation()
    module, _, factory = os.environ["BENCH_UNTRACED_FACTORY"].partition(":")
    return getattr(importlib.import_module(module), factory)()
