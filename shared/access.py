"""Object-level access (docs/design.md §11): which customers and tickets a caller may see, written once.

The scope is derived from the verified token alone (roles, `sub`, `team`), so computing it costs no
query. Managers and admins see everything. An account manager sees the customers it owns (`owner` =
its `sub`) or that belong to its team (`team` claim), and everything hanging off them. An agent sees
the tickets of its team's queue or assigned to it, and the summary of those tickets' customers.
Analysts see aggregates only: the routes about single customers do not admit their role at all.

Every service applies the same scope in two ways: lists add `Scope.customers(...)` /
`Scope.tickets(...)` to their query (so keyset pagination stays right), single reads look the object
up with the same clause and answer 404 when it is out of scope, as if it did not exist. Services
other than segmentation know a customer's owner and team from the `customer-assigned` event, kept
in their `customer_access` table (`customer_access_table`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request
from sqlalchemy import (
    Column,
    ColumnElement,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    and_,
    false,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import True_

from shared.auth import EVERY_CUSTOMER, Caller, Role, require
from shared.db import PerDialect, db_session
from shared.errors import Forbidden, NotFound

EVERYONE = frozenset({Role.ADMIN, Role.MANAGER})


@dataclass(frozen=True)
class Scope:
    """What one caller may see; `everything` short-cuts every filter to no filter at all."""

    caller: Caller
    everything: bool = False
    owner: str | None = None  # an account manager: the customers it owns
    customer_team: str | None = None  # an account manager's team: the customers of that team
    ticket_team: str | None = None  # an agent's team: the tickets of that team's queue
    assignee: str | None = None  # an agent: the tickets assigned to it

    # -- the rules on plain values (unit-tested) -------------------------------------------------

    def sees_customer(self, owner: str | None, team: str | None, *, has_visible_ticket: bool = False) -> bool:
        """A customer with this owner and team (and, for an agent, a ticket it sees) is in scope."""
        if self.everything:
            return True
        if self.owner is not None and owner == self.owner:
            return True
        if self.customer_team is not None and team == self.customer_team:
            return True
        return has_visible_ticket and self.sees_some_tickets

    def sees_ticket(
        self, team: str | None, assignee: str | None, customer_owner: str | None, customer_team: str | None
    ) -> bool:
        """A ticket routed to `team`, assigned to `assignee`, of a customer with that owner / team."""
        if self.everything:
            return True
        if self.ticket_team is not None and team == self.ticket_team:
            return True
        if self.assignee is not None and assignee == self.assignee:
            return True
        return self.sees_customer(customer_owner, customer_team)

    @property
    def actor(self) -> str:
        """Who acts, as history rows and events record it."""
        return self.caller.subject

    @property
    def sees_some_tickets(self) -> bool:
        return self.ticket_team is not None or self.assignee is not None

    @property
    def opens_tickets_for_anyone(self) -> bool:
        """Agents take a call from any customer; an account manager opens tickets for its own."""
        return self.everything or self.sees_some_tickets

    @property
    def may_assign(self) -> bool:
        """Moving a customer to another owner or team is a manager's action (docs/design.md §11)."""
        return self.everything

    def check_assignment(self, owner: str | None, team: str | None, before: tuple | None) -> None:
        """403 naming `owner` (or `team`) when a caller who may not assign changes either (`before`:
        the stored (owner, team), None for a new customer, which it may give only to itself / its team)."""
        if self.may_assign:
            return
        if before is None:
            allowed_owner = owner in (None, self.owner)
            allowed_team = team in (None, self.customer_team)
        else:
            allowed_owner, allowed_team = owner == before[0], team == before[1]
        if not allowed_owner:
            raise Forbidden("Only a manager may give a customer another owner", field="owner")
        if not allowed_team:
            raise Forbidden("Only a manager may move a customer to another team", field="team")

    # -- the same rules as SQL filters -------------------------------------------------------------

    def customers(
        self,
        owner: ColumnElement,
        team: ColumnElement,
        *,
        customer_id: ColumnElement | None = None,
        ticket_customers=None,
    ) -> ColumnElement[bool]:
        """Customers in scope, for a query over rows holding the customer's `owner` and `team`;
        `ticket_customers` (a select of customer ids of tickets the agent sees) admits those too."""
        if self.everything:
            return true()
        clauses = []
        if self.owner is not None:
            clauses.append(owner == self.owner)
        if self.customer_team is not None:
            clauses.append(team == self.customer_team)
        if ticket_customers is not None and customer_id is not None and self.sees_some_tickets:
            clauses.append(customer_id.in_(ticket_customers))
        return or_(*clauses) if clauses else false()

    def customer_ids(self, customer_id: ColumnElement, access: Table) -> ColumnElement[bool]:
        """`customer_id` in scope, through the service's `customer_access` projection."""
        if self.everything:
            return true()
        if self.owner is None and self.customer_team is None:
            return false()
        return customer_id.in_(
            select(access.c.customer_id).where(self.customers(access.c.owner, access.c.team))
        )

    def customer(self, customer_id: str, access: Table) -> ColumnElement[bool]:
        """This customer, when in scope, through the service's `customer_access` projection."""
        if self.everything:
            return true()
        return and_(access.c.customer_id == customer_id, self.customers(access.c.owner, access.c.team))

    def assigned_work(
        self, owner: ColumnElement, customer_id: ColumnElement, access: Table
    ) -> ColumnElement[bool]:
        """Work given to a person about a customer (care actions): the caller's own, or of a customer
        in scope."""
        if self.everything:
            return true()
        clauses = [owner == self.caller.subject]
        if self.owner is not None or self.customer_team is not None:
            clauses.append(self.customer_ids(customer_id, access))
        return or_(*clauses)

    def tickets(
        self, team: ColumnElement, assignee: ColumnElement, customer_id: ColumnElement, access: Table
    ) -> ColumnElement[bool]:
        """Tickets in scope: of the agent's team or assigned to it, or of the customers in scope."""
        if self.everything:
            return true()
        clauses = []
        if self.ticket_team is not None:
            clauses.append(team == self.ticket_team)
        if self.assignee is not None:
            clauses.append(assignee == self.assignee)
        if self.owner is not None or self.customer_team is not None:
            clauses.append(self.customer_ids(customer_id, access))
        return or_(*clauses) if clauses else false()


def scope_of(caller: Caller) -> Scope:
    """The scope of a verified caller: the union of what each of its roles sees."""
    if caller.roles & EVERYONE or EVERY_CUSTOMER in caller.permissions:
        return Scope(caller, everything=True)
    account_manager = Role.ACCOUNT_MANAGER in caller.roles
    agent = Role.AGENT in caller.roles
    return Scope(
        caller,
        owner=caller.subject if account_manager else None,
        customer_team=caller.team if account_manager else None,
        ticket_team=caller.team if agent else None,
        assignee=caller.subject if agent else None,
    )


def scoped(*roles: Role, admin_only: bool = False):
    """Dependency factory: `require(*roles)`, then the caller's scope."""
    check = require(*roles, admin_only=admin_only)

    async def _scope(caller: Caller = Depends(check)) -> Scope:
        return scope_of(caller)

    return _scope


async def ensure_in_scope(session: AsyncSession, clause: ColumnElement[bool], detail: str) -> None:
    """404 (as if it did not exist) unless a row matches `clause`; nothing to ask when it is `true()`.
    Runs in the caller's transaction when there is one, else in its own short one."""
    if isinstance(clause, True_):
        return
    statement = select(literal(1)).where(clause).limit(1)
    if session.in_transaction():
        found = await session.scalar(statement)
    else:
        async with session.begin():
            found = await session.scalar(statement)
    if found is None:
        raise NotFound(detail)


def scoped_object(
    param: str,
    visible: Callable[[Scope, str], ColumnElement[bool]],
    what: str,
    *roles: Role,
    admin_only: bool = False,
):
    """Dependency factory for a route about one object named by the path parameter `param`: the
    role check, then 404 unless `visible(scope, id)` (a clause matching that object in scope) finds
    it. Managers and admins skip the query; the use case answers 404 for an unknown id as before."""
    check = scoped(*roles, admin_only=admin_only)

    async def _in_scope(
        request: Request, scope: Scope = Depends(check), session: AsyncSession = Depends(db_session)
    ) -> Scope:
        if not scope.everything:
            object_id = request.path_params[param]
            await ensure_in_scope(session, visible(scope, object_id), f"{what} {object_id!r} does not exist")
        return scope

    return _in_scope


async def ensure_customers_in_scope(
    session: AsyncSession, scope: Scope, customer_ids: list[str], access: Table, field: str
) -> None:
    """404 naming `field` unless every listed customer is in scope (one query for the whole list),
    inside the caller's transaction."""
    if scope.everything or not customer_ids:
        return
    seen = set(
        await session.scalars(
            select(access.c.customer_id).where(
                access.c.customer_id.in_(customer_ids), scope.customers(access.c.owner, access.c.team)
            )
        )
    )
    hidden = [customer_id for customer_id in customer_ids if customer_id not in seen]
    if hidden:
        raise NotFound(f"customer {hidden[0]!r} does not exist", field=field)


# -- the customer_access projection of the services other than segmentation -------------------------


def customer_access_table(metadata: MetaData) -> Table:
    """A customer's owner and team as the `customer-assigned` event last said (one row a customer)."""
    return Table(
        "customer_access",
        metadata,
        Column("customer_id", String(64), primary_key=True),
        Column("owner", String(100), nullable=True, index=True),
        Column("team", String(100), nullable=True, index=True),
    )


def create_customer_access(op) -> None:
    """Create the table in an Alembic migration of a service that keeps the projection."""
    op.create_table(
        "customer_access",
        Column("customer_id", String(64), nullable=False),
        Column("owner", String(100), nullable=True),
        Column("team", String(100), nullable=True),
        PrimaryKeyConstraint("customer_id"),
    )
    op.create_index("ix_customer_access_owner", "customer_access", ["owner"])
    op.create_index("ix_customer_access_team", "customer_access", ["team"])


def drop_customer_access(op) -> None:
    op.drop_index("ix_customer_access_team", table_name="customer_access")
    op.drop_index("ix_customer_access_owner", table_name="customer_access")
    op.drop_table("customer_access")


_UPSERTS: dict[Table, PerDialect] = {}


def _upsert(table: Table) -> PerDialect:
    # One statement per table and dialect, built the first time a service records an assignment.
    if table not in _UPSERTS:
        _UPSERTS[table] = PerDialect(
            lambda insert: (
                lambda stmt: stmt.on_conflict_do_update(
                    index_elements=[table.c.customer_id],
                    set_={"owner": stmt.excluded.owner, "team": stmt.excluded.team},
                )
            )(insert(table))
        )
    return _UPSERTS[table]


async def keep_assignment(session: AsyncSession, table: Table, event) -> None:
    """What a service does with `customer-assigned`: the newest owner and team replace the stored ones
    (the event is keyed by customer, so a customer's assignments arrive in order)."""
    data = event.data
    await record_assignment(session, table, data["customer_id"], data.get("owner"), data.get("team"))


async def record_assignment(
    session: AsyncSession, table: Table, customer_id: str, owner: str | None, team: str | None
) -> None:
    """Keep a customer's owner and team (from `customer-assigned`), inside the handler's transaction."""
    await session.execute(
        _upsert(table).for_session(session), {"customer_id": customer_id, "owner": owner, "team": team}
    )
