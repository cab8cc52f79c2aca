"""The public HTTP contract (docs/design.md §8) only grows: nothing in docs/openapi/<service>.json
may vanish."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from scripts.generate_contracts import OPENAPI_DIR, SERVICES, current_openapi, service_exists

METHODS = ("get", "put", "post", "patch", "delete")


def resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def fields(
    document: dict, schema: dict | None, prefix: str = "", seen: frozenset = frozenset()
) -> dict[str, bool]:
    """Every property path of a schema (`a.b`, `items[].c`) -> whether it is required."""
    if not schema:
        return {}
    ref = schema.get("$ref")
    if ref in seen:
        return {}
    seen = seen | {ref} if ref else seen
    schema = resolve(document, schema)
    found: dict[str, bool] = {}
    for combined in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(combined, []):
            found.update(fields(document, part, prefix, seen))
    if "items" in schema:
        found.update(fields(document, schema["items"], f"{prefix}[]", seen))
    if isinstance(schema.get("additionalProperties"), dict):
        found.update(fields(document, schema["additionalProperties"], f"{prefix}{{}}", seen))
    required = set(schema.get("required", []))
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        found[path] = name in required
        found.update(fields(document, sub, path, seen))
    return found


def body_schema(content: dict | None) -> dict | None:
    if not content:
        return None
    media = content.get("application/json") or next(iter(content.values()), {})
    return media.get("schema")


def breaking_changes(before: dict, after: dict) -> list[str]:
    """What a client written against `before` would miss in `after`."""
    problems = []
    for path, operations in before["paths"].items():
        if path not in after["paths"]:
            problems.append(f"path {path} removed")
            continue
        for method in METHODS:
            if method not in operations:
                continue
            where = f"{method.upper()} {path}"
            old, new = operations[method], after["paths"][path].get(method)
            if new is None:
                problems.append(f"{where} removed")
                continue
            new_params = {(p["in"], p["name"]): p for p in new.get("parameters", [])}
            for parameter in old.get("parameters", []):
                key = (parameter["in"], parameter["name"])
                if key not in new_params:
                    problems.append(f"{where}: {parameter['in']} parameter {parameter['name']} removed")
            for key, parameter in new_params.items():
                known = {(p["in"], p["name"]) for p in old.get("parameters", [])}
                if parameter.get("required") and key not in known:
                    problems.append(f"{where}: new required {key[0]} parameter {key[1]}")
            old_request = fields(before, body_schema(old.get("requestBody", {}).get("content")))
            new_request = fields(after, body_schema(new.get("requestBody", {}).get("content")))
            for name in old_request.keys() - new_request.keys():
                problems.append(f"{where}: request property {name} removed")
            for name, required in new_request.items():
                parent = name.rpartition(".")[0].removesuffix("[]")
                if required and name in old_request and not old_request[name]:
                    problems.append(f"{where}: request property {name} became required")
                elif required and name not in old_request and (not parent or parent in old_request):
                    problems.append(f"{where}: new required request property {name}")
            for status, response in old.get("responses", {}).items():
                if not status.startswith("2"):
                    continue
                if status not in new.get("responses", {}):
                    problems.append(f"{where}: response {status} removed")
                    continue
                old_reply = fields(before, body_schema(response.get("content")))
                new_reply = fields(after, body_schema(new["responses"][status].get("content")))
                for name in sorted(old_reply.keys() - new_reply.keys()):
                    problems.append(f"{where}: response {status} property {name} removed")
    return problems


def committed(name: str) -> dict:
    path = OPENAPI_DIR / f"{name}.json"
    assert path.exists(), f"no committed {path.name}: run .venv/bin/python -m scripts.generate_contracts"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SERVICES)
def test_the_service_keeps_every_path_method_and_property_of_its_committed_openapi(name):
    if not service_exists(name):
        pytest.skip(f"{name} is not written yet")
    problems = breaking_changes(committed(name), current_openapi(name))
    assert not problems, f"{name} breaks its published HTTP contract:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", SERVICES)
def test_the_committed_openapi_is_what_the_service_serves(name):
    """Clients read docs/openapi: additions must reach it too, not only removals be refused."""
    if not service_exists(name):
        pytest.skip(f"{name} is not written yet")
    served = json.loads(json.dumps(current_openapi(name)))
    assert committed(name) == served, (
        f"docs/openapi/{name}.json is stale: run .venv/bin/python -m scripts.generate_contracts")


@pytest.mark.parametrize("name", SERVICES)
def test_the_committed_openapi_serves_the_health_and_v1_paths(name):
    if not service_exists(name):
        pytest.skip(f"{name} is not written yet")
    document = committed(name)
    assert document["openapi"].startswith("3.")
    assert {"/healthz", "/readyz"} <= set(document["paths"])
    assert any(path.startswith("/v1/") for path in document["paths"])


def sample_document() -> dict:
    ticket = {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string"}, "sla": {"$ref": "#/components/schemas/Sla"},
        "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}}}
    return {
        "openapi": "3.1.0",
        "paths": {"/v1/tickets": {"post": {
            "parameters": [{"in": "query", "name": "dry_run", "required": False}],
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {"description": {"type": "string"},
                                                 "priority": {"type": "string"}}}}}},
            "responses": {"201": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Ticket"}}}}},
        }}},
        "components": {"schemas": {
            "Ticket": ticket,
            "Sla": {"type": "object", "properties": {"resolution_due": {"anyOf": [{"type": "string"},
                                                                                   {"type": "null"}]}}},
            "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
        }},
    }


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        (lambda d: d["paths"].pop("/v1/tickets"), "path /v1/tickets removed"),
        (lambda d: d["paths"]["/v1/tickets"].update(put=d["paths"]["/v1/tickets"].pop("post")), "POST"),
        (lambda d: d["components"]["schemas"]["Sla"]["properties"].pop("resolution_due"),
         "response 201 property sla.resolution_due removed"),
        (lambda d: d["components"]["schemas"]["Tag"]["properties"].pop("label"), "tags[].label removed"),
        (lambda d: d["paths"]["/v1/tickets"]["post"]["requestBody"]["content"]["application/json"]["schema"][
            "properties"].pop("priority"), "request property priority removed"),
        (lambda d: d["paths"]["/v1/tickets"]["post"]["requestBody"]["content"]["application/json"]["schema"]
         .update(required=["priority"]), "priority became required"),
        (lambda d: d["paths"]["/v1/tickets"]["post"]["requestBody"]["content"]["application/json"]["schema"]
         .update(required=["channel"], properties={"channel": {}, "description": {}, "priority": {}}),
         "new required request property channel"),
        (lambda d: d["paths"]["/v1/tickets"]["post"].update(parameters=[]), "dry_run removed"),
        (lambda d: d["paths"]["/v1/tickets"]["post"].update(responses={"200": {}}), "response 201 removed"),
    ],
)
def test_a_breaking_change_is_reported(change, reported):
    before = sample_document()
    after = copy.deepcopy(before)
    change(after)
    problems = breaking_changes(before, after)
    assert any(reported in problem for problem in problems), problems


def test_added_paths_and_properties_are_not_breaking():
    before = sample_document()
    after = copy.deepcopy(before)
    after["paths"]["/v1/tickets/{id}"] = {"get": {"responses": {}}}
    after["components"]["schemas"]["Ticket"]["properties"]["channel"] = {"type": "string"}
    after["paths"]["/v1/tickets"]["post"]["parameters"].append({"in": "query", "name": "x"})
    after["components"]["schemas"]["Tag"]["required"] = ["label"]  # replies may promise more
    assert breaking_changes(before, after) == []
