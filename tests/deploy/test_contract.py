"""The partner contract (docs/design.md §2): AsyncAPI 3.0 from the event schemas, served and committed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from fastapi import FastAPI

from scripts.generate_contracts import ASYNCAPI_PATH, ROOT, SERVICES, service_exists
from shared.contract import (
    DEAD_LETTER,
    EVERY_SERVICE,
    ContractViolation,
    assert_matches_contract,
    asyncapi_document,
    asyncapi_yaml,
    contract_router,
    producer_of,
)
from shared.events.envelope import new_event

SCHEMA_DIR = ROOT / "shared" / "events" / "schemas"
EVENT_TYPES = sorted(p.stem for p in SCHEMA_DIR.glob("*.json") if p.stem != "cloudevent")
PERSONAL_DATA = re.compile(r"phone|e_?mail|mobile|address|id_card|^contacts?$|^contact_name$", re.IGNORECASE)


def resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"only local references are used: {ref}"
    node: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and part in node, f"unresolvable $ref {ref}"
        node = node[part]
    return node


def refs_in(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in refs_in(value)]
    if isinstance(node, list):
        return [r for value in node for r in refs_in(value)]
    return []


def test_committed_asyncapi_document_equals_a_fresh_generation():
    assert ASYNCAPI_PATH.read_text(encoding="utf-8") == asyncapi_yaml(), (
        "docs/asyncapi.yaml is stale: run .venv/bin/python -m scripts.generate_contracts"
    )


def test_every_event_schema_has_a_channel_a_message_and_a_producer():
    assert EVENT_TYPES, "no event schemas found"
    document = asyncapi_document()
    for event_type in EVENT_TYPES:
        channel = document["channels"].get(event_type)
        assert channel is not None, f"{event_type} has no channel"
        assert channel["address"].endswith(event_type)
        assert event_type in channel["messages"]
        publisher = producer_of(event_type)
        assert publisher in (*SERVICES, EVERY_SERVICE), f"{event_type} names no publishing service"
    assert DEAD_LETTER in document["channels"]


def test_asyncapi_document_is_structurally_valid_asyncapi_3():
    document = yaml.safe_load(ASYNCAPI_PATH.read_text(encoding="utf-8"))
    assert document["asyncapi"] == "3.0.0"
    assert document["info"]["title"] and re.fullmatch(r"\d+\.\d+\.\d+", document["info"]["version"])
    for server in document["servers"].values():
        assert server["protocol"] == "kafka" and server["host"]
    for ref in refs_in(document):
        resolve(document, ref)
    components = document["components"]
    assert {"schemas", "messages"} <= set(components)
    for name, channel in document["channels"].items():
        assert channel["address"], name
        for parameter in re.findall(r"\{(\w+)\}", channel["address"]):
            assert parameter in channel["parameters"], f"{name}: address parameter {parameter} undefined"
        assert channel["messages"], f"{name} carries no message"
        for message in channel["messages"].values():
            resolved = resolve(document, message["$ref"])
            assert "payload" in resolved, f"{name}: message without payload"
    channels_sent = set()
    for operation_id, operation in document["operations"].items():
        assert operation["action"] in ("send", "receive"), operation_id
        channel_ref = operation["channel"]["$ref"]
        assert channel_ref.startswith("#/channels/"), operation_id
        channel = resolve(document, channel_ref)
        channels_sent.add(channel_ref.removeprefix("#/channels/"))
        for message in operation["messages"]:
            prefix = f"{channel_ref}/messages/"
            assert message["$ref"].startswith(prefix), f"{operation_id}: message not of its channel"
            assert message["$ref"].removeprefix(prefix) in channel["messages"]
    assert channels_sent == set(document["channels"]), "a channel no operation uses"
    for name, message in components["messages"].items():
        payload = message["payload"]
        schema = payload["schema"] if "schemaFormat" in payload else payload
        jsonschema.Draft7Validator.check_schema(schema)
        if name != DEAD_LETTER:
            assert "draft-07" in payload["schemaFormat"]
            assert message["bindings"]["kafka"]["key"]["type"] == "string"
    for name, schema in components["schemas"].items():
        jsonschema.Draft7Validator.check_schema(schema)
        assert "$id" not in schema, f"{name}: $id would rebase references"


def test_asyncapi_document_validates_against_the_official_asyncapi_3_schema():
    official = json.loads((Path(__file__).parent / "asyncapi-3.0.0.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(official)
    document = yaml.safe_load(ASYNCAPI_PATH.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors[:10])
    document["operations"]["publishTicketCreated"]["action"] = "emit"
    assert not validator.is_valid(document), "the official schema must catch a wrong action"


def test_every_type_a_service_publishes_is_in_the_contract():
    document = asyncapi_document()
    checked = 0
    for name in SERVICES:
        if not service_exists(name):
            continue
        module = __import__(f"services.{name}.app", fromlist=["SPEC"])
        for event_type in module.SPEC.publishes:
            assert event_type in document["channels"], f"{name} publishes {event_type} outside the contract"
            assert producer_of(event_type) in (name, EVERY_SERVICE)  # every service confirms erasures
            checked += 1
    if not checked:
        pytest.skip("no service exists yet")


def test_the_consumers_the_contract_names_are_the_services_handlers():
    from shared.contract import CONSUMERS

    checked = 0
    for name in SERVICES:
        if not service_exists(name):
            continue
        module = __import__(f"services.{name}.app", fromlist=["SPEC"])
        handled = set(module.SPEC.handlers)
        declared = {event for event, consumers in CONSUMERS.items() if name in consumers}
        assert handled == declared, f"update CONSUMERS in shared/contract.py for {name}: it handles {handled}"
        checked += 1
    if not checked:
        pytest.skip("no service exists yet")


def test_events_carry_no_personal_data_fields():
    for event_type in EVENT_TYPES:
        schema = json.loads((SCHEMA_DIR / f"{event_type}.json").read_text(encoding="utf-8"))
        for field in schema.get("properties", {}):
            assert not PERSONAL_DATA.search(field), f"{event_type}.{field} looks like personal data"


async def test_contract_router_serves_the_document_as_json_and_yaml():
    app = FastAPI()
    app.include_router(contract_router())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        as_json = await client.get("/asyncapi.json")
        as_yaml = await client.get("/asyncapi.yaml")
    assert as_json.status_code == 200 and as_json.headers["content-type"].startswith("application/json")
    assert as_json.json() == json.loads(json.dumps(asyncapi_document()))
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.text) == yaml.safe_load(ASYNCAPI_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SERVICES)
async def test_each_service_serves_the_asyncapi_document(name):
    if not service_exists(name):
        pytest.skip(f"{name} is not written yet")
    app_module = __import__(f"services.{name}.app", fromlist=["create_app"])
    settings_module = __import__(f"services.{name}.settings", fromlist=["x"])
    app = app_module.create_app(getattr(settings_module, f"{name}_settings")())
    transport = httpx.ASGITransport(app=app)  # no lifespan: the document needs no database
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/asyncapi.yaml")
        as_json = await client.get("/asyncapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(response.text)["channels"].keys() == asyncapi_document()["channels"].keys()
    assert as_json.json() == asyncapi_document()


def valid_envelope() -> dict[str, Any]:
    event = new_event(
        "ticket-created", "feedback", "cust-1",
        {"customer_id": "cust-1", "ticket_id": "t-1", "priority": "P2", "type": "problem",
         "channel": "app", "created_at": "2026-01-05T08:00:00Z"},
        request_id="req-1",
    )
    envelope = json.loads(event.to_json())
    envelope["_key"], envelope["_topic"] = "cust-1", "ticket-created"
    return envelope


def test_an_envelope_built_by_the_platform_matches_the_contract():
    assert_matches_contract(valid_envelope())


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda e: e["data"].pop("priority"), "priority"),
        (lambda e: e["data"].update(priority="P9"), "P9"),
        (lambda e: e.pop("specversion"), "specversion"),
        (lambda e: e.update(time="yesterday"), "date-time"),
        (lambda e: e.update(source="/crm/survey"), "source"),
        (lambda e: e.update(_key="someone-else"), "message key"),
        (lambda e: e.update(subject="cust-2"), "subject"),
        (lambda e: e.update(_topic="ticket-closed"), "topic"),
        (lambda e: e.update(type="ticket-vanished"), "no schema"),
    ],
)
def test_an_envelope_off_the_contract_is_refused_naming_the_problem(change, complaint):
    envelope = valid_envelope()
    change(envelope)
    with pytest.raises(ContractViolation, match=complaint):
        assert_matches_contract(envelope)


def payload_validator(event_type: str) -> jsonschema.Draft7Validator:
    """The message payload schema as a partner reads it from the AsyncAPI document."""
    document = yaml.safe_load(ASYNCAPI_PATH.read_text(encoding="utf-8"))
    schema = document["components"]["messages"][event_type]["payload"]["schema"]
    return jsonschema.Draft7Validator({**schema, "components": document["components"]})


def test_a_partner_validating_with_the_asyncapi_payload_accepts_real_events():
    envelope = {k: v for k, v in valid_envelope().items() if not k.startswith("_")}
    payload_validator("ticket-created").validate(envelope)
    assert not payload_validator("ticket-resolved").is_valid(envelope), "type and data are bound per message"
    envelope["data"].pop("channel")
    assert not payload_validator("ticket-created").is_valid(envelope)


def test_partner_guide_example_envelope_matches_the_contract():
    guide = (ROOT / "docs" / "partner-guide.md").read_text(encoding="utf-8")
    examples = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", guide, re.DOTALL)]
    envelopes = [e for e in examples if isinstance(e, dict) and e.get("specversion")]
    assert envelopes, "the partner guide shows no envelope example"
    for envelope in envelopes:
        assert_matches_contract(envelope)


def test_partner_guide_names_every_topic():
    guide = (ROOT / "docs" / "partner-guide.md").read_text(encoding="utf-8")
    for event_type in [*EVENT_TYPES, DEAD_LETTER]:
        assert f"`{event_type}`" in guide, f"the partner guide does not name {event_type}"


def test_committed_schema_dir_is_the_one_the_platform_validates_against():
    from shared.events.envelope import SCHEMA_DIR as PLATFORM_SCHEMAS

    assert Path(PLATFORM_SCHEMAS).resolve() == SCHEMA_DIR.resolve()
