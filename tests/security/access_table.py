"""docs/design.md §7 roles and §11 object-level scopes: for every route of every service, what each role
gets for an object in its scope and for one outside it.

Each entry maps a role to (in scope, out of scope). The objects are real (tests/security/
test_access_scopes.py creates them): an account manager `am-in` owns customer `in` and not customer
`out`; agent `agent-in` is on the `customer-service` team, where ticket `in` was routed (`out` went to
billing). A route with no object of its own (policies, reports, schedules) expects the same for both.
A route missing from this table fails the suite: a new route needs a line here.

    OK       the role passes the access checks (neither 401 nor 403; an unknown dummy id may be 404)
    SEEN     the object is there for the caller (neither 401, 403 nor 404)
    HIDDEN   404, as if it did not exist
    DENIED   403: the role never calls this route
    LISTED / UNLISTED   a list (200) that holds / does not hold the object
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("admin", "manager", "account_manager", "agent", "analyst")
OK, SEEN, HIDDEN, DENIED, LISTED, UNLISTED = "OK", "SEEN", "HIDDEN", "DENIED", "LISTED", "UNLISTED"
PUBLIC = "PUBLIC"  # anyone (tests/security/test_auth_on_every_route.py checks those)


@dataclass(frozen=True)
class Rule:
    expect: dict[str, tuple[str, str]] | str
    # The kind of object the route is about ("customer", "ticket", ...): its id goes into the path
    # parameter, the list filter or the body; None: the route has no object of a scope.
    kind: str | None = None
    # For lists: the query parameter that narrows it to the object (its value: the object's id), or
    # None to read the whole list.
    list_filter: str | None = None
    extra: dict = field(default_factory=dict)


def _roles(*allowed: str) -> Rule:
    return Rule({role: (OK, OK) if role in allowed else (DENIED, DENIED) for role in ROLES})


def _scoped(kind: str, **scoped: tuple[str, str]) -> Rule:
    """Managers and admins see both objects; the roles named see what their scope holds; the others
    are refused the route."""
    expect = {"admin": (SEEN, SEEN), "manager": (SEEN, SEEN)}
    for role in ROLES[2:]:
        expect[role] = scoped.get(role, (DENIED, DENIED))
    return Rule(expect, kind)


def _list(kind: str, list_filter: str | None, **scoped: tuple[str, str]) -> Rule:
    expect = {"admin": (LISTED, LISTED), "manager": (LISTED, LISTED)}
    for role in ROLES[2:]:
        expect[role] = scoped.get(role, (DENIED, DENIED))
    return Rule(expect, kind, list_filter)


EVERYONE = ROLES
MANAGERS = ("admin", "manager")
ADMIN = ("admin",)
ACCOUNTS = (SEEN, HIDDEN)  # an account manager: its customer, not another's
NEVER = (HIDDEN, HIDDEN)  # in the role, but no object of this kind is ever in its scope here
SCOPED_LIST = (LISTED, UNLISTED)

# Every service serves these (shared/time_routes.py, shared/scheduler.py).
PLATFORM = {
    ("GET", "/healthz"): Rule(PUBLIC),
    ("GET", "/readyz"): Rule(PUBLIC),
    ("GET", "/v1/clock"): _roles(*EVERYONE),
    ("PUT", "/v1/clock"): _roles(*ADMIN),
    ("GET", "/v1/schedules"): _roles(*EVERYONE),
    ("GET", "/v1/audit"): _roles(*ADMIN),  # every service's audit trail: admins only
    ("GET", "/v1/schedules/{name}"): _roles(*EVERYONE),
    ("PUT", "/v1/schedules/{name}"): _roles(*ADMIN),
    ("GET", "/v1/schedules/{name}/runs"): _roles(*EVERYONE),
}

ACCESS: dict[str, dict[tuple[str, str], Rule]] = {
    "segmentation": {
        **PLATFORM,
        ("PUT", "/v1/customers/{customer_id}"): _scoped("customer", account_manager=ACCOUNTS),
        ("PATCH", "/v1/customers/{customer_id}"): _scoped("customer", account_manager=ACCOUNTS),
        # The summary: an agent sees the customers of the tickets of its team.
        ("GET", "/v1/customers/{customer_id}"): _scoped(
            "customer", account_manager=ACCOUNTS, agent=(SEEN, HIDDEN)
        ),
        # The notification service's identity only (and admins).
        ("GET", "/v1/customers/{customer_id}/contact-address"): _roles(*ADMIN),
        ("GET", "/v1/customers"): _list("customer", "owner", account_manager=SCOPED_LIST, agent=SCOPED_LIST),
        ("POST", "/v1/customers/{customer_id}/orders"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/customers/{customer_id}/orders"): _scoped("customer", account_manager=ACCOUNTS,
                                                               agent=(SEEN, HIDDEN)),
        ("POST", "/v1/customers/{customer_id}/interactions"): _scoped("customer", account_manager=ACCOUNTS),
        ("POST", "/v1/customers/{customer_id}/rescore"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/customers/{customer_id}/history"): _scoped("customer", account_manager=ACCOUNTS),
        ("POST", "/v1/customers/{customer_id}/tier-overrides"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/customers/{customer_id}/tier-overrides"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/tier-overrides"): _list("override", None, account_manager=SCOPED_LIST),
        ("POST", "/v1/tier-overrides/{override_id}/approve"): _roles(*MANAGERS),
        ("POST", "/v1/tier-overrides/{override_id}/reject"): _roles(*MANAGERS),
        ("POST", "/v1/rescore"): _roles(*MANAGERS),
        ("GET", "/v1/jobs/{job_id}"): _roles(*EVERYONE),
        ("GET", "/v1/reports/tiers"): _roles(*EVERYONE),  # the tier mix: an aggregate
        # Erasure is an admin's (docs/design.md §11); the table erases no real object.
        ("DELETE", "/v1/customers/{customer_id}"): _roles(*ADMIN),
        ("GET", "/v1/erasures/{erasure_id}"): _roles(*ADMIN),
        ("GET", "/v1/scoring-model"): _roles(*EVERYONE),
        ("PUT", "/v1/scoring-model"): _roles(*MANAGERS),
        ("POST", "/v1/scoring-model/dry-run"): _roles("admin", "manager", "analyst"),
        ("GET", "/v1/evaluation-policy"): _roles(*EVERYONE),
        ("PUT", "/v1/evaluation-policy"): _roles(*ADMIN),
        ("POST", "/v1/monthly-snapshots"): _roles(*MANAGERS),
    },
    "feedback": {
        **PLATFORM,
        # An agent takes a call from any customer; an account manager opens tickets for its own.
        ("POST", "/v1/tickets"): _scoped("customer", account_manager=ACCOUNTS, agent=(SEEN, SEEN)),
        ("GET", "/v1/tickets"): _list(
            "ticket", "customer_id", account_manager=SCOPED_LIST, agent=SCOPED_LIST
        ),
        **{
            (method, path): _scoped("ticket", account_manager=ACCOUNTS, agent=(SEEN, HIDDEN))
            for method, path in [
                ("GET", "/v1/tickets/{ticket_id}"),
                ("PATCH", "/v1/tickets/{ticket_id}"),
                ("POST", "/v1/tickets/{ticket_id}/assign"),
                ("POST", "/v1/tickets/{ticket_id}/responses"),
                ("POST", "/v1/tickets/{ticket_id}/messages"),
                ("POST", "/v1/tickets/{ticket_id}/status"),
                ("POST", "/v1/tickets/{ticket_id}/resolve"),
                ("POST", "/v1/tickets/{ticket_id}/verification"),
            ]
        },
        ("GET", "/v1/tickets/{ticket_id}/resolution"): _roles(*ADMIN),  # the notification identity's
        ("GET", "/v1/sla-policy"): _roles(*EVERYONE),
        ("PUT", "/v1/sla-policy"): _roles(*MANAGERS),
        ("GET", "/v1/calendar"): _roles(*EVERYONE),
        ("PUT", "/v1/calendar"): _roles(*MANAGERS),
        ("GET", "/v1/priority-rules"): _roles(*EVERYONE),
        ("PUT", "/v1/priority-rules"): _roles(*MANAGERS),
        ("GET", "/v1/routing"): _roles(*EVERYONE),
        ("PUT", "/v1/routing"): _roles(*MANAGERS),
        # Aggregates: every role, analysts included.
        ("GET", "/v1/reports/sla"): _roles(*EVERYONE),
        ("GET", "/v1/reports/csat"): _roles(*EVERYONE),
        ("GET", "/v1/reports/sla/trend"): _roles(*EVERYONE),
        ("GET", "/v1/reports/ticket-topics"): _roles(*EVERYONE),
        ("GET", "/v1/reports/monthly"): _roles(*EVERYONE),
        ("GET", "/v1/verification-policy"): _roles(*EVERYONE),
        ("PUT", "/v1/verification-policy"): _roles(*ADMIN),
    },
    "playbook": {
        **PLATFORM,
        ("GET", "/v1/rules"): _roles(*EVERYONE),
        ("PUT", "/v1/rules"): _roles(*MANAGERS),
        ("GET", "/v1/rules/{rule_id}"): _roles(*EVERYONE),
        ("PUT", "/v1/rules/{rule_id}"): _roles(*MANAGERS),
        ("GET", "/v1/care-schedule"): _roles(*EVERYONE),
        ("PUT", "/v1/care-schedule"): _roles(*ADMIN),
        ("GET", "/v1/contact-policy"): _roles(*EVERYONE),
        ("PUT", "/v1/contact-policy"): _roles(*MANAGERS),
        ("POST", "/v1/customers/{customer_id}/contacts"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/customers/{customer_id}/plan"): _scoped("customer", account_manager=ACCOUNTS),
        # Care actions: an account manager's customers' and its own; an agent's own (none here).
        ("GET", "/v1/actions"): _list(
            "action", "customer_id", account_manager=SCOPED_LIST, agent=(UNLISTED, UNLISTED)
        ),
        ("GET", "/v1/actions/{action_id}"): _scoped("action", account_manager=ACCOUNTS, agent=NEVER),
        ("PATCH", "/v1/actions/{action_id}"): _scoped("action", account_manager=ACCOUNTS, agent=NEVER),
        # Cases are the team's lessons, not a customer's record.
        ("POST", "/v1/cases"): _roles("admin", "manager", "account_manager", "agent"),
        ("GET", "/v1/cases"): _roles(*EVERYONE),
        ("GET", "/v1/cases/{case_id}"): _roles(*EVERYONE),
        ("GET", "/v1/experiments"): _roles(*EVERYONE),
        ("GET", "/v1/experiments/{experiment_id}/report"): _roles(*EVERYONE),
        ("GET", "/v1/reports/effect"): _roles(*EVERYONE),
    },
    "survey": {
        **PLATFORM,
        ("GET", "/v1/invitations/{token}"): Rule(PUBLIC),
        ("POST", "/v1/invitations/{token}/response"): Rule(PUBLIC),
        ("POST", "/v1/invitations/{token}/progress"): Rule(PUBLIC),
        ("GET", "/s/{token}"): Rule(PUBLIC),
        ("POST", "/v1/surveys"): _roles(*MANAGERS),
        ("GET", "/v1/surveys"): _roles(*EVERYONE),
        ("GET", "/v1/surveys/{survey_id}"): _roles(*EVERYONE),
        ("PUT", "/v1/surveys/{survey_id}/weights"): _roles(*MANAGERS),
        ("POST", "/v1/surveys/{survey_id}/invitations"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/invitation-links/{invitation_id}"): _roles(*ADMIN),  # the notification identity's
        ("GET", "/v1/customers/{customer_id}/invitations"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/customers/{customer_id}/satisfaction"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/surveys/{survey_id}/results"): _roles(*EVERYONE),
        ("GET", "/v1/surveys/{survey_id}/trend"): _roles(*EVERYONE),
        ("GET", "/v1/surveys/{survey_id}/coverage"): _roles(*EVERYONE),
        ("GET", "/v1/surveys/{survey_id}/topics"): _roles(*EVERYONE),
        ("GET", "/v1/survey-schedule"): _roles(*EVERYONE),
        ("PUT", "/v1/survey-schedule"): _roles(*ADMIN),
    },
    "notification": {
        **PLATFORM,
        ("GET", "/v1/track/open/{message_id}"): Rule(PUBLIC),
        ("GET", "/v1/track/click/{message_id}"): Rule(PUBLIC),
        ("GET", "/v1/unsubscribe/{key}"): Rule(PUBLIC),
        ("POST", "/v1/unsubscribe/{key}"): Rule(PUBLIC),
        ("POST", "/v1/webhooks"): _roles(*ADMIN),
        ("GET", "/v1/webhooks"): _roles(*MANAGERS),
        ("GET", "/v1/webhooks/{subscription_id}"): _roles(*MANAGERS),
        ("DELETE", "/v1/webhooks/{subscription_id}"): _roles(*ADMIN),
        ("GET", "/v1/webhooks/{subscription_id}/deliveries"): _roles(*MANAGERS),
        ("POST", "/v1/webhooks/{subscription_id}/replay"): _roles(*ADMIN),
        ("POST", "/v1/webhooks/{subscription_id}/rotate-secret"): _roles(*ADMIN),
        # Messages: those about the customers in scope, or sent to the caller.
        ("GET", "/v1/messages"): _list(
            "message", "customer_id", account_manager=SCOPED_LIST, agent=(UNLISTED, UNLISTED)
        ),
        ("GET", "/v1/messages/{message_id}"): _scoped("message", account_manager=ACCOUNTS, agent=NEVER),
        ("POST", "/v1/messages/{message_id}/receipts"): _roles(*ADMIN),  # the providers' callbacks
        ("POST", "/v1/inbound/bounces"): _roles(*ADMIN),  # bounce reports providers forward
        ("GET", "/v1/contacts/{customer_id}/preferences"): _scoped("customer", account_manager=ACCOUNTS),
        ("PUT", "/v1/contacts/{customer_id}/preferences"): _scoped("customer", account_manager=ACCOUNTS),
        ("GET", "/v1/staff"): _roles(*MANAGERS),
        ("PUT", "/v1/staff/{staff_id}"): _roles(*ADMIN),
        ("DELETE", "/v1/staff/{staff_id}"): _roles(*ADMIN),
        ("GET", "/v1/templates"): _roles(*MANAGERS),
        ("PUT", "/v1/templates/{name}/{language}"): _roles(*ADMIN),
    },
}
