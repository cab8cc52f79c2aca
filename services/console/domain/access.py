"""Which console pages each role may open (docs/design.md §7, §11, §12), and the demo users.

The services decide which objects a user may see (their scopes answer 404 outside them); the
console only keeps a role from pages that are not its work, so the navigation shows each role
its own pages and a typed URL outside them answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.auth import Role


class Page(StrEnum):
    QUEUE = "queue"  # ticket queue and ticket detail
    CUSTOMERS = "customers"  # customer list and customer 360
    ACTIONS = "actions"  # my care actions
    DASHBOARD = "dashboard"  # tiers, NPS / CSAT, SLA, the monthly report
    SETTINGS = "settings"  # scoring model, SLA, calendar, rules, contact policy, webhooks


# Analysts read aggregates only (§11): the dashboard and the settings, never a ticket or a customer.
PAGE_ROLES: dict[Page, frozenset[Role]] = {
    Page.QUEUE: frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ACCOUNT_MANAGER}),
    Page.CUSTOMERS: frozenset({Role.ADMIN, Role.MANAGER, Role.ACCOUNT_MANAGER, Role.AGENT}),
    Page.ACTIONS: frozenset({Role.ADMIN, Role.MANAGER, Role.ACCOUNT_MANAGER, Role.AGENT}),
    Page.DASHBOARD: frozenset({Role.ADMIN, Role.MANAGER, Role.ANALYST}),
    Page.SETTINGS: frozenset({Role.ADMIN, Role.MANAGER, Role.ANALYST}),
}
# Changing settings: managers and admins (§7); analysts may look and dry-run a model.
SETTINGS_EDITORS = frozenset({Role.ADMIN, Role.MANAGER})
# Webhook subscriptions are an admin's (§10).
WEBHOOK_EDITORS = frozenset({Role.ADMIN})
TICKET_WORKERS = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ACCOUNT_MANAGER})
ACTION_WORKERS = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ACCOUNT_MANAGER})
NAVIGATION = (Page.QUEUE, Page.ACTIONS, Page.CUSTOMERS, Page.DASHBOARD, Page.SETTINGS)


def may_open(roles: frozenset[Role], page: Page) -> bool:
    return bool(roles & PAGE_ROLES[page])


def pages_for(roles: frozenset[Role]) -> list[Page]:
    """The navigation of a user, in the order of the menu."""
    return [page for page in NAVIGATION if may_open(roles, page)]


def home_page(roles: frozenset[Role]) -> Page | None:
    """Where a user lands after signing in: the first page of its work."""
    if Role.ACCOUNT_MANAGER in roles and not roles & {Role.ADMIN, Role.MANAGER, Role.AGENT}:
        return Page.ACTIONS
    if roles & {Role.MANAGER, Role.ANALYST} and not roles & {Role.ADMIN, Role.AGENT}:
        return Page.DASHBOARD
    pages = pages_for(roles)
    return pages[0] if pages else None


@dataclass(frozen=True)
class DemoUser:
    subject: str
    roles: tuple[Role, ...]
    team: str | None = None
    permissions: tuple[str, ...] = ()


# One of each role (§12), signed in without an identity provider in development only.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", (Role.ADMIN,)),
    DemoUser("mgr-zhou", (Role.MANAGER,), team="customer-service"),
    DemoUser("am-li", (Role.ACCOUNT_MANAGER,), team="key-accounts"),
    DemoUser("am-wang", (Role.ACCOUNT_MANAGER,), team="key-accounts"),
    DemoUser("agent-zhang", (Role.AGENT,), team="customer-service"),
    DemoUser("analyst-chen", (Role.ANALYST,)),
)


def demo_user(subject: str) -> DemoUser | None:
    return next((user for user in DEMO_USERS if user.subject == subject), None)
