"""Schemathesis against every service's OpenAPI document, in process over ASGI, as an admin.

Each operation gets generated requests, valid (positive) and invalid (negative): no answer may
be a 5xx and every documented response must match its schema. The fuzzing runs on a database
of its own, since it freely replaces scoring models, SLA policies and other settings.
"""

from __future__ import annotations

import importlib
import os
import time
import uuid

import asyncpg
import jsonschema
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.errors import InvalidSchema
from schemathesis.generation.modes import GenerationMode
from schemathesis.python import asgi as schemathesis_asgi
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.conftest import PG_ADMIN_DSN
from tests.reliability_results import record
from tests.security.catalog import load_service, operations, service_names
from tests.support import ADMIN

# A bounce report (POST /v1/inbound/bounces) is a raw mail: generated as bytes, sent as they are.
schemathesis.serializer.alias("message/rfc822", "application/octet-stream")

DEFAULT_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
DEEP_EXAMPLES = int(os.environ.get("FUZZ_DEEP_EXAMPLES", "100"))
CHECKS = [not_a_server_error, response_schema_conformance]

# Findings in services still being written, reported to their authors: (service, METHOD, path).
KNOWN_FINDINGS: dict[tuple[str, str, str], str] = {}
FIGURES: dict[str, dict] = {}
CHECKED_WITH_JSONSCHEMA: set[str] = set()


def _operation_params() -> list:
    params = []
    for name in service_names():
        try:
            openapi = importlib.import_module(f"services.{name}.app").create_app().openapi()
        except Exception as exc:
            params.append(pytest.param(name, "-", "-", id=f"{name}:not-importable",
                                       marks=pytest.mark.skip(reason=f"services.{name}: {exc}")))
            continue
        for method, path, _ in operations(openapi):
            reason = KNOWN_FINDINGS.get((name, method, path))
            marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
            params.append(pytest.param(name, method, path, id=f"{name}:{method} {path}", marks=marks))
    return params


OPERATIONS = _operation_params()


@pytest.fixture(scope="module")
def fuzz_database(platform_config):
    """A database only the fuzzing writes to; dropped afterwards."""
    import asyncio

    name = f"crm_fuzz_{uuid.uuid4().hex[:12]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    def run(sql: str) -> None:
        # The session event loop belongs to async tests; this fixture is synchronous.
        import threading

        errors = []
        thread = threading.Thread(target=lambda: _capture(errors, asyncio.run, admin(sql)))
        thread.start()
        thread.join()
        if errors:
            raise errors[0]

    run(f'CREATE DATABASE "{name}"')
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    yield {**platform_config, "database_url": f"postgresql+asyncpg://postgres@{host}/{name}"}
    schemathesis_asgi.shutdown_lifespans()
    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _capture(errors: list, function, *args) -> None:
    try:
        function(*args)
    except Exception as exc:
        errors.append(exc)


_SCHEMAS: dict[str, object] = {}
_DOCUMENTS: dict[str, dict] = {}


def _schema(name: str, config: dict):
    if name not in _SCHEMAS:
        app = load_service(name).app(config, run_relay=False, run_consumers=False, run_workers=False)
        _SCHEMAS[name] = schemathesis.openapi.from_asgi("/openapi.json", app)
        _DOCUMENTS[name] = app.openapi()
    return _SCHEMAS[name]


def _conforms_per_json_schema_2020_12(name: str, method: str, path: str, response) -> None:
    """The documented response schema checked with jsonschema itself (OpenAPI 3.1 schemas are JSON
    Schema 2020-12), for the schemas schemathesis cannot handle."""
    document = _DOCUMENTS[name]
    responses = document["paths"][path][method.lower()]["responses"]
    documented = responses.get(str(response.status_code)) or responses.get("default")
    if documented is None or not documented.get("content"):
        return  # an undocumented status: the 5xx check already ran
    media_type = response.headers.get("content-type", ["application/json"])
    media_type = (media_type[0] if isinstance(media_type, list) else media_type).split(";")[0]
    content = documented["content"].get(media_type) or next(iter(documented["content"].values()))
    schema = {**content["schema"], "components": document.get("components", {})}
    jsonschema.Draft202012Validator(schema).validate(response.json())


def _fuzz(name: str, method: str, path: str, config: dict, examples: int) -> None:
    operation = _schema(name, config)[path][method]
    calls = {"n": 0}
    started = time.monotonic()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck),
                  phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink])
        def check(case) -> None:
            calls["n"] += 1
            response = case.call(headers=ADMIN)
            try:
                case.validate_response(response, checks=CHECKS)
            except InvalidSchema as exc:
                # Schemathesis rewrites a tuple's `prefixItems` (valid OpenAPI 3.1, what Pydantic
                # emits for tuple[float, float]) into a draft-4 `items` array and then refuses its own
                # rewrite; such a response is checked with jsonschema directly instead.
                if "is not of types" not in str(exc):
                    raise
                CHECKED_WITH_JSONSCHEMA.add(f"{name}:{method} {path}")
                case.validate_response(response, checks=[not_a_server_error])
                _conforms_per_json_schema_2020_12(name, method, path, response)

        try:
            check()
        except Unsatisfiable:
            if mode is GenerationMode.POSITIVE:
                raise
            # Nothing to get wrong: an operation without parameters or body has no invalid input.
    figures = FIGURES.setdefault(name, {"operations": 0, "requests": 0, "seconds": 0.0})
    figures["operations"] += 1
    figures["requests"] += calls["n"]
    figures["seconds"] = round(figures["seconds"] + time.monotonic() - started, 2)


@pytest.mark.parametrize(("name", "method", "path"), OPERATIONS)
def test_generated_requests_get_no_5xx_and_documented_responses(name, method, path, fuzz_database):
    _fuzz(name, method, path, fuzz_database, DEFAULT_EXAMPLES)
    record("security.fuzzing", {"examples_per_operation_and_mode": DEFAULT_EXAMPLES, "per_service": FIGURES,
                                "response_schema_checked_with_jsonschema": sorted(CHECKED_WITH_JSONSCHEMA)})


@pytest.mark.slow
@pytest.mark.parametrize(("name", "method", "path"), OPERATIONS)
def test_deep_fuzzing_gets_no_5xx_and_documented_responses(name, method, path, fuzz_database):
    _fuzz(name, method, path, fuzz_database, DEEP_EXAMPLES)
    record("security.fuzzing_deep", {
        "examples_per_operation_and_mode": DEEP_EXAMPLES, "per_service": FIGURES,
        "response_schema_checked_with_jsonschema": sorted(CHECKED_WITH_JSONSCHEMA)})
