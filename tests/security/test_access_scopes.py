"""docs/design.md §11: every route of every service, as its OpenAPI document lists them, called by each
role for an object in its scope and one outside it; the statuses expected are in access_table.py.

The objects are made through the services' own HTTP API (as an admin) and, for what arrives by event
(a customer's owner and team, a ticket routed to a team, a churn warning, a care action), through the
service's own event handlers, in a transaction as the consumer would run them.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import httpx
import pytest

from shared.events.envelope import new_event
from shared.rfc3339 import format_time
from tests.security.access_table import (
    ACCESS,
    DENIED,
    HIDDEN,
    LISTED,
    OK,
    PUBLIC,
    ROLES,
    SEEN,
    UNLISTED,
    Rule,
)
from tests.security.catalog import dummy_path, operations, quiet_service, service_names
from tests.support import ADMIN, bearer
from tests.support import assign_customers as assign

SUFFIX = uuid.uuid4().hex[:8]
AM_IN, AM_OUT = f"am-in-{SUFFIX}", f"am-out-{SUFFIX}"
TEAM_IN, TEAM_OUT = f"key-accounts-{SUFFIX}", f"smb-{SUFFIX}"
AGENT_TEAM = "customer-service"  # where the routing sends an `account` ticket
CUSTOMERS = {"in": f"cust-in-{SUFFIX}", "out": f"cust-out-{SUFFIX}"}
OWNERS = {"in": AM_IN, "out": AM_OUT}
TEAMS = {"in": None, "out": TEAM_OUT}
TOKENS = {
    "admin": ADMIN,
    "manager": bearer("manager", sub="mgr-1"),
    "account_manager": bearer("account_manager", sub=AM_IN, team=TEAM_IN),
    "agent": bearer("agent", sub=f"agent-in-{SUFFIX}", team=AGENT_TEAM),
    "analyst": bearer("analyst", sub="analyst-1"),
}
PATH_PARAMETERS = {
    "customer": "customer_id",
    "ticket": "ticket_id",
    "action": "action_id",
    "message": "message_id",
    "override": "override_id",
}
FIXED_PATH_VALUES = {"survey_id": "default"}


def _now() -> str:
    return format_time(datetime.now(UTC))


async def apply(client: httpx.AsyncClient, event_type: str, subject: str, data: dict) -> None:
    """Run the service's own handler of `event_type` in a transaction, as its consumer would."""
    import importlib

    ctx = client.app.state.ctx
    handlers = importlib.import_module(f"services.{ctx.settings.service_name}.events").HANDLERS
    event = new_event(event_type, "/crm/test", subject, data, None)
    async with ctx.db.session() as session, session.begin():
        await handlers[event_type](ctx, session, event)


async def assign_customers(client: httpx.AsyncClient) -> None:
    for which, customer_id in CUSTOMERS.items():
        await assign(client, OWNERS[which], customer_id, team=TEAMS[which])


async def _ids(client: httpx.AsyncClient, path: str, **params) -> list[str]:
    response = await client.get(path, params={"limit": 500, **params}, headers=ADMIN)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def _segmentation(client: httpx.AsyncClient) -> dict[str, dict[str, str]]:
    overrides = {}
    for which, customer_id in CUSTOMERS.items():
        body = {"name": f"Customer {which}", "owner": OWNERS[which], "team": TEAMS[which]}
        response = await client.put(f"/v1/customers/{customer_id}", json=body, headers=ADMIN)
        assert response.status_code in (200, 201), response.text
        proposed = await client.post(
            f"/v1/customers/{customer_id}/tier-overrides",
            headers=ADMIN,
            json={"tier": "VIP", "reason": "strategic partner"},
        )
        assert proposed.status_code == 201, proposed.text
        overrides[which] = proposed.json()["id"]
    # The agent's team holds a ticket of the customer in scope: the agent sees its summary.
    await apply(
        client,
        "ticket-created",
        CUSTOMERS["in"],
        {
            "customer_id": CUSTOMERS["in"],
            "ticket_id": str(uuid.uuid4()),
            "priority": "P3",
            "type": "problem",
            "channel": "web",
            "team": AGENT_TEAM,
            "created_at": _now(),
        },
    )
    return {"customer": CUSTOMERS, "override": overrides}


async def _feedback(client: httpx.AsyncClient) -> dict[str, dict[str, str]]:
    await assign_customers(client)
    tickets = {}
    for which, category in (("in", "account"), ("out", "billing")):
        response = await client.post(
            "/v1/tickets",
            headers=ADMIN,
            json={
                "customer_id": CUSTOMERS[which],
                "channel": "web",
                "type": "problem",
                "category": category,
                "description": "the export fails",
            },
        )
        assert response.status_code == 201, response.text
        tickets[which] = response.json()["id"]
    return {"customer": CUSTOMERS, "ticket": tickets}


async def _playbook(client: httpx.AsyncClient) -> dict[str, dict[str, str]]:
    await assign_customers(client)
    actions = {}
    for which, customer_id in CUSTOMERS.items():
        contact = await client.post(
            f"/v1/customers/{customer_id}/contacts", headers=ADMIN, json={"channel": "email", "opened": True}
        )
        assert contact.status_code == 201, contact.text
        await apply(
            client,
            "churn-risk-detected",
            customer_id,
            {
                "customer_id": customer_id,
                "owner": OWNERS[which],
                "detected_at": _now(),
                "reasons": [{"code": "spending-drop", "detail": "spending fell"}],
            },
        )
        found = await _ids(client, "/v1/actions", customer_id=customer_id)
        assert found, f"no care action for {customer_id}"
        actions[which] = found[0]
    return {"customer": CUSTOMERS, "action": actions}


async def _survey(client: httpx.AsyncClient) -> dict[str, dict[str, str]]:
    await assign_customers(client)
    return {"customer": CUSTOMERS}


async def _notification(client: httpx.AsyncClient) -> dict[str, dict[str, str]]:
    await assign_customers(client)
    messages = {}
    for which, customer_id in CUSTOMERS.items():
        await apply(
            client,
            "action-created",
            customer_id,
            {
                "customer_id": customer_id,
                "action_id": str(uuid.uuid4()),
                "kind": "care-call",
                "status": "pending",
                "channel": "email",
                "created_at": _now(),
            },
        )
        found = await _ids(client, "/v1/messages", customer_id=customer_id)
        assert found, f"no message about {customer_id}"
        messages[which] = found[0]
    return {"customer": CUSTOMERS, "message": messages}


SEEDS = {
    "segmentation": _segmentation,
    "feedback": _feedback,
    "playbook": _playbook,
    "survey": _survey,
    "notification": _notification,
}


def _body(service: str, method: str, path: str, which: str) -> dict | None:
    """The requests whose body names the object, or must be valid for the scope to be checked."""
    customer_id = CUSTOMERS[which]
    if (service, method, path) == ("segmentation", "PUT", "/v1/customers/{customer_id}"):
        return {"name": f"Customer {which}", "owner": OWNERS[which], "team": TEAMS[which]}
    if (service, method, path) == ("feedback", "POST", "/v1/tickets"):
        return {
            "customer_id": customer_id,
            "channel": "web",
            "type": "problem",
            "category": "account",
            "description": "the export fails",
        }
    if (service, method, path) == ("survey", "POST", "/v1/surveys/{survey_id}/invitations"):
        return {"customer_ids": [customer_id]}
    return None


def _request(service: str, method: str, path: str, rule: Rule, objects: dict, which: str) -> dict:
    object_id = objects[rule.kind][which] if rule.kind else None
    values = dict(FIXED_PATH_VALUES)
    if rule.kind and PATH_PARAMETERS[rule.kind] in path:
        values[PATH_PARAMETERS[rule.kind]] = object_id
    url = re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1)) or dummy_path(m.group(0)), path)
    request: dict = {"method": method, "url": url}
    if rule.list_filter:
        by = {"owner": OWNERS, "customer_id": CUSTOMERS}[rule.list_filter]
        request["params"] = {"limit": 500, rule.list_filter: by[which]}
    elif rule.kind and method == "GET" and "{" not in path:
        request["params"] = {"limit": 500}
    body = _body(service, method, path, which)
    if method == "PATCH" and service == "segmentation":
        request["content"] = b'{"industry": "retail"}'
        request["headers"] = {"Content-Type": "application/merge-patch+json"}
    elif body is not None:
        request["json"] = body
    return request


def _verdict(expected: str, response: httpx.Response, object_id: str | None) -> str | None:
    """None when the response is what the table says, else why not."""
    status = response.status_code
    if expected == OK and status in (401, 403):
        return f"refused ({status})"
    if expected == SEEN and status in (401, 403, 404):
        return f"not seen ({status})"
    if expected == HIDDEN and (
        status != 404 or not response.headers["content-type"].startswith("application/problem+json")
    ):
        return f"not hidden ({status})"
    if expected == DENIED and status != 403:
        return f"not denied ({status})"
    if expected in (LISTED, UNLISTED):
        if status != 200:
            return f"no list ({status})"
        listed = object_id in [item.get("id") for item in response.json()["items"]]
        if listed != (expected == LISTED):
            return "listed" if listed else "not listed"
    return None


@pytest.fixture(scope="module", params=service_names())
async def service(request, platform_config):
    name = request.param
    if name not in ACCESS:
        pytest.fail(f"{name} has no entry in tests/security/access_table.py")
    async with quiet_service(name, platform_config) as client:
        yield name, client, await SEEDS[name](client)


async def test_every_route_has_an_entry_in_the_access_table(service):
    name, client, _ = service
    served = {(method, path) for method, path, _ in operations(client.app.openapi())}
    missing = served - set(ACCESS[name])
    assert not missing, (
        f"{name}: routes without an entry in tests/security/access_table.py: {sorted(missing)}"
    )
    stale = set(ACCESS[name]) - served
    assert not stale, f"{name}: entries for routes it does not serve: {sorted(stale)}"


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_gets_what_the_table_says_in_and_out_of_its_scope(service, role):
    name, client, objects = service
    wrong = []
    for (method, path), rule in sorted(ACCESS[name].items()):
        if rule.expect == PUBLIC:
            continue
        for which, expected in zip(("in", "out"), rule.expect[role], strict=True):
            request = _request(name, method, path, rule, objects, which)
            headers = {**request.pop("headers", {}), **TOKENS[role]}
            response = await client.request(**request, headers=headers)
            object_id = objects[rule.kind][which] if rule.kind else None
            why = _verdict(expected, response, object_id)
            if why:
                wrong.append(f"{method} {path} [{which}] expected {expected}: {why} {response.text[:160]}")
    assert not wrong, f"{name} as {role}:\n" + "\n".join(wrong)
