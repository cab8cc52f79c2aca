"""Attack strings are data: stored and returned verbatim, or refused with 422 naming the field."""

from __future__ import annotations

import uuid

import pytest

from tests.reliability_results import record
from tests.security.catalog import dummy_path, operations, quiet_service, service_names
from tests.support import ADMIN

INJECTIONS = {
    "sql": "'; DROP TABLE customers; --",
    "sql-union": "x' UNION SELECT phone, email FROM contacts --",
    "html": "<script>alert(1)</script>",
    "unicode": "客户 Ωmega ☃ 🚀 e\u0301 \u202eRTL\u202c",
    "json-ish": '{"$ne": null} \\" \\u0000',
    "long": "长" * 190,
}
CHECKED: dict[str, int] = {}


async def _segmentation(client, text: str) -> tuple[str, str]:
    customer_id = f"inj-{uuid.uuid4().hex[:10]}"
    body = {"name": text, "industry": text[:100], "owner": text[:100],
            "contacts": [{"name": text, "title": text[:100]}]}
    response = await client.put(f"/v1/customers/{customer_id}", json=body, headers=ADMIN)
    assert response.status_code == 201, response.text
    shown = (await client.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
    assert shown["industry"] == text[:100] and shown["owner"] == text[:100]
    assert shown["contacts"][0]["name"] == text
    listed = await client.get("/v1/customers", params={"owner": text[:100]}, headers=ADMIN)
    assert [c["id"] for c in listed.json()["items"]] == [customer_id]
    return shown["name"], text


async def _feedback(client, text: str) -> tuple[str, str]:
    response = await client.post("/v1/tickets", headers=ADMIN, json={
        "customer_id": f"inj-{uuid.uuid4().hex[:10]}", "channel": "web", "type": "problem",
        "category": text[:100], "description": text})
    assert response.status_code == 201, response.text
    shown = (await client.get(f"/v1/tickets/{response.json()['id']}", headers=ADMIN)).json()
    assert shown["category"] == text[:100]
    return shown["description"], text


async def _survey(client, text: str) -> tuple[str, str]:
    response = await client.post("/v1/surveys", headers=ADMIN, json={
        "name": text, "description": text,
        "dimensions": [{"key": "d1", "name": text, "items": [{"text": text}]}]})
    assert response.status_code == 201, response.text
    shown = (await client.get(f"/v1/surveys/{response.json()['id']}", headers=ADMIN)).json()
    assert shown["dimensions"][0]["items"][0]["text"] == text
    return shown["name"], text


STORE_AND_READ = {"segmentation": _segmentation, "feedback": _feedback, "survey": _survey}


@pytest.fixture(scope="module", params=service_names())
async def service(request, platform_config):
    async with quiet_service(request.param, platform_config) as client:
        yield request.param, client


@pytest.mark.parametrize("kind", list(INJECTIONS))
async def test_attack_strings_are_stored_and_returned_verbatim(service, kind):
    name, client = service
    if name not in STORE_AND_READ:
        pytest.skip(f"no free-text round trip written for {name} yet")
    stored, sent = await STORE_AND_READ[name](client, INJECTIONS[kind])
    assert stored == sent
    CHECKED[name] = CHECKED.get(name, 0) + 1
    record("security.injection", {"round_trips_per_service": CHECKED, "strings": sorted(INJECTIONS)})


async def test_attack_strings_in_paths_and_patterned_fields_are_refused_or_not_found(service):
    name, client = service
    for text in INJECTIONS.values():
        for path in (f"/v1/customers/{text}", f"/v1/tickets/{text}", f"/v1/surveys/{text}"):
            response = await client.get(path, headers=ADMIN)
            assert response.status_code in (404, 422), (name, path, response.status_code, response.text)
    if name == "segmentation":
        response = await client.put(f"/v1/customers/{INJECTIONS['sql']}", json={"name": "x"}, headers=ADMIN)
        assert response.status_code in (404, 422)
        bad_contact = {"name": "x", "contacts": [{"name": "x", "phone": INJECTIONS["sql"]}]}
        response = await client.put("/v1/customers/inj-pattern", json=bad_contact, headers=ADMIN)
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "contacts.0.phone"
        assert (await client.get("/v1/customers", headers=ADMIN)).status_code == 200  # table still there


async def test_nul_characters_anywhere_are_refused_with_422_never_500(service):
    name, client = service
    openapi = client.app.openapi()
    checked = 0
    for method, path, _ in operations(openapi):
        if method != "GET" or "{" not in path:
            continue
        response = await client.get(dummy_path(path).replace("dummy", "nul%00x"), headers=ADMIN)
        assert response.status_code < 500, (name, path, response.text)
        checked += 1
        if response.status_code == 422 and "U+0000" in response.text:
            assert response.json()["errors"][0]["field"].startswith("path.")
    for method, path, _ in operations(openapi):
        if method == "GET" and "{" not in path and path.startswith("/v1/"):
            response = await client.get(path, params={"owner": "a\x00b", "cursor": "\x00"}, headers=ADMIN)
            assert response.status_code < 500, (name, path, response.text)
    if name == "segmentation":
        response = await client.put("/v1/customers/inj-nul", json={"name": "nul\u0000byte"}, headers=ADMIN)
        assert response.status_code == 422, response.text
        response = await client.get("/v1/customers", params={"owner": "a\x00b"}, headers=ADMIN)
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "query.owner", "message": "must not contain NUL (U+0000)"}]
    assert checked > 0


async def test_too_long_strings_are_refused_with_422_naming_the_field(service):
    name, client = service
    if name != "segmentation":
        pytest.skip(f"field limits of {name} are its author's tests")
    response = await client.put("/v1/customers/inj-long", json={"name": "x" * 100_000}, headers=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"
