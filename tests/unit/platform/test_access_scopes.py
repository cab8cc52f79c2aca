"""docs/design.md §11 object-level access: the scope rules on plain values, and the same rules as SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.dialects import postgresql

from shared.access import Scope, customer_access_table, scope_of
from shared.auth import Caller, Role
from shared.errors import Forbidden


def caller(*roles: Role, sub: str = "am-li", team: str | None = None) -> Caller:
    return Caller(subject=sub, roles=frozenset(roles), team=team)


AM_LI = scope_of(caller(Role.ACCOUNT_MANAGER, sub="am-li", team="key-accounts"))
AM_SOLO = scope_of(caller(Role.ACCOUNT_MANAGER, sub="am-solo"))
AGENT = scope_of(caller(Role.AGENT, sub="agent-zhang", team="customer-service"))
ANALYST = scope_of(caller(Role.ANALYST, sub="analyst-chen"))


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER])
def test_managers_and_admins_see_everything(role):
    scope = scope_of(caller(role, Role.ANALYST))
    assert scope.everything and scope.may_assign
    assert scope.sees_customer("someone-else", "another-team")
    assert scope.sees_ticket("billing-team", None, None, None)


@pytest.mark.parametrize(
    ("owner", "team", "seen"),
    [
        ("am-li", None, True),  # owns it
        ("am-wang", "key-accounts", True),  # another's, of its team
        ("am-wang", None, False),  # another's, no team
        ("am-wang", "smb", False),  # another's, another team
        (None, None, False),
    ],
)
def test_an_account_manager_sees_its_own_and_its_teams_customers(owner, team, seen):
    assert AM_LI.sees_customer(owner, team) is seen


def test_an_account_manager_without_a_team_sees_only_what_it_owns():
    assert AM_SOLO.sees_customer("am-solo", None)
    assert not AM_SOLO.sees_customer("am-li", None)
    assert not AM_SOLO.sees_customer("am-li", "key-accounts")


def test_an_account_manager_sees_the_tickets_of_its_customers_only():
    assert AM_LI.sees_ticket("billing-team", "agent-x", "am-li", None)
    assert not AM_LI.sees_ticket("billing-team", "agent-x", "am-wang", None)
    assert not AM_LI.opens_tickets_for_anyone


@pytest.mark.parametrize(
    ("team", "assignee", "seen"),
    [
        ("customer-service", None, True),  # its team's queue
        ("billing-team", "agent-zhang", True),  # assigned to it elsewhere
        ("billing-team", "agent-wu", False),
        (None, None, False),
    ],
)
def test_an_agent_sees_its_teams_queue_and_what_is_assigned_to_it(team, assignee, seen):
    assert AGENT.sees_ticket(team, assignee, "am-li", "key-accounts") is seen


def test_an_agent_sees_a_customers_summary_only_through_a_ticket_it_sees():
    assert not AGENT.sees_customer("am-li", "key-accounts")
    assert AGENT.sees_customer("am-li", "key-accounts", has_visible_ticket=True)
    assert AGENT.opens_tickets_for_anyone


def test_an_analyst_sees_no_single_customer_or_ticket():
    assert not ANALYST.sees_customer("am-li", "key-accounts", has_visible_ticket=True)
    assert not ANALYST.sees_ticket("customer-service", "analyst-chen", "analyst-chen", None)


def test_roles_add_up():
    both = scope_of(caller(Role.ACCOUNT_MANAGER, Role.AGENT, sub="am-li", team="key-accounts"))
    assert both.sees_customer("am-li", None)
    assert both.sees_ticket("key-accounts", None, None, None)


def test_only_a_manager_gives_a_customer_another_owner_or_team():
    with pytest.raises(Forbidden) as refused:
        AM_LI.check_assignment("am-wang", None, ("am-li", None))
    assert refused.value.field == "owner"
    with pytest.raises(Forbidden) as refused:
        AM_LI.check_assignment("am-li", "smb", ("am-li", None))
    assert refused.value.field == "team"
    AM_LI.check_assignment("am-li", None, ("am-li", None))  # unchanged: allowed
    AM_LI.check_assignment("am-li", "key-accounts", None)  # a new customer for itself and its team
    with pytest.raises(Forbidden):
        AM_LI.check_assignment("am-wang", None, None)
    scope_of(caller(Role.MANAGER)).check_assignment("am-wang", "smb", ("am-li", None))


def _sql(clause) -> str:
    return str(
        select(1).where(clause).compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    )


ACCESS = customer_access_table(MetaData())
TICKETS = Table(
    "tickets",
    MetaData(),
    Column("id", String),
    Column("team", String),
    Column("assignee", String),
    Column("customer_id", String),
)


def test_the_filters_say_the_same_in_sql():
    everything = scope_of(caller(Role.ADMIN))
    assert "true" in _sql(everything.customer_ids(TICKETS.c.customer_id, ACCESS))
    am = _sql(AM_LI.customer_ids(TICKETS.c.customer_id, ACCESS))
    assert "customer_access.owner = 'am-li'" in am and "customer_access.team = 'key-accounts'" in am
    agent = _sql(AGENT.tickets(TICKETS.c.team, TICKETS.c.assignee, TICKETS.c.customer_id, ACCESS))
    assert "tickets.team = 'customer-service'" in agent and "tickets.assignee = 'agent-zhang'" in agent
    assert "customer_access" not in agent  # an agent's tickets are not found through customers
    assert "false" in _sql(ANALYST.customer_ids(TICKETS.c.customer_id, ACCESS))
    assert "false" in _sql(ANALYST.tickets(TICKETS.c.team, TICKETS.c.assignee, TICKETS.c.customer_id, ACCESS))


def test_the_scope_is_read_from_the_token_alone():
    scope = scope_of(caller(Role.AGENT, sub="agent-zhang", team=None))
    assert scope == Scope(scope.caller, assignee="agent-zhang")


def test_a_service_identity_acting_for_the_platform_sees_every_customer():
    from shared.auth import EVERY_CUSTOMER

    playbook = Caller(
        subject="service:playbook",
        roles=frozenset({Role.ACCOUNT_MANAGER}),
        permissions=frozenset({EVERY_CUSTOMER}),
    )
    assert scope_of(playbook).everything
    assert not scope_of(caller(Role.ACCOUNT_MANAGER, sub="service:playbook")).everything
