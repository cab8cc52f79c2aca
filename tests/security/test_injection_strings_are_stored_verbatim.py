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


async def _playbook(client, text: str) -> tuple[str, str]:
    body = {"title": text[:200], "background": text, "strategy": text, "execution": text,
            "effect": {"metrics": [{"name": text[:100], "before": 1, "after": 2}], "summary": text},
            "lessons": text, "tags": [text[:50]]}
    response = await client.post("/v1/cases", headers=ADMIN, json=body)
    assert response.status_code == 201, response.text
    shown = (await client.get(f"/v1/cases/{response.json()['id']}", headers=ADMIN)).json()
    assert [shown[k] for k in ("title", "strategy", "execution", "lessons")] == [
        text[:200], text, text, text]
    assert shown["effect"]["metrics"][0]["name"] == text[:100] and shown["effect"]["summary"] == text
    assert shown["tags"] == [text[:50]]
    # Rule texts are stored inside the rule set document; they come back as sent.
    rule = (await client.get("/v1/rules/satisfaction-negative", headers=ADMIN)).json()["rule"]
    rule = {**rule, "name": text[:200], "description": text,
            "actions": [{**rule["actions"][0], "title": text[:200]}, *rule["actions"][1:]]}
    response = await client.put("/v1/rules/satisfaction-negative", headers=ADMIN, json=rule)
    assert response.status_code == 200, response.text
    stored = (await client.get("/v1/rules/satisfaction-negative", headers=ADMIN)).json()["rule"]
    assert (stored["name"], stored["actions"][0]["title"]) == (text[:200], text[:200])
    return stored["description"], text


STORE_AND_READ = {"segmentation": _segmentation, "feedback": _feedback, "survey": _survey,
                  "playbook": _playbook}


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


TOO_LONG = "x" * 100_000
# One oversized free-text write per service: (method, path, body, field named in the 422, listing).
OVERSIZED = {
    "segmentation": ("PUT", "/v1/customers/inj-long", {"name": TOO_LONG}, "name", "/v1/customers"),
    "feedback": ("POST", "/v1/tickets", {"customer_id": "inj-long", "channel": "web", "type": "problem",
                                         "category": "billing", "description": TOO_LONG},
                 "description", "/v1/tickets"),
    "survey": ("POST", "/v1/surveys", {"name": "long", "description": TOO_LONG,
                                       "dimensions": [{"key": "d1", "name": "d", "items": [{"text": "q"}]}]},
               "description", "/v1/surveys"),
    "playbook": ("POST", "/v1/cases", {"title": "long", "background": "b", "strategy": "s", "execution": "e",
                                       "effect": {"metrics": []}, "lessons": TOO_LONG},
                 "lessons", "/v1/cases"),
    "notification": ("POST", "/v1/webhooks", {"url": "https://partner.example/" + TOO_LONG,
                                              "event_types": ["ticket-created"]}, "url", "/v1/webhooks"),
}


async def test_too_long_strings_are_refused_with_422_naming_the_field_and_nothing_is_stored(service):
    name, client = service
    method, path, body, field, listing = OVERSIZED[name]
    before = (await client.get(listing, params={"limit": 200}, headers=ADMIN)).json()["items"]
    response = await client.request(method, path, json=body, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == field
    after = (await client.get(listing, params={"limit": 200}, headers=ADMIN)).json()["items"]
    assert after == before


async def test_an_oversized_rule_description_is_refused_and_the_rule_set_is_unchanged(platform_config):
    async with quiet_service("playbook", platform_config) as client:
        await _refuse_oversized_rule_description(client)


async def _refuse_oversized_rule_description(client) -> None:
    before = (await client.get("/v1/rules", headers=ADMIN)).json()
    rule = (await client.get("/v1/rules/satisfaction-negative", headers=ADMIN)).json()["rule"]
    response = await client.put("/v1/rules/satisfaction-negative", headers=ADMIN,
                                json={**rule, "description": TOO_LONG})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"].endswith("description")
    assert (await client.get("/v1/rules", headers=ADMIN)).json() == before
