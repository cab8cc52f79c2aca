"""Domain metrics of the feedback service (prefix crm_feedback_)."""

from prometheus_client import Counter, Gauge, Histogram

OPEN_TICKETS = Gauge("crm_feedback_open_tickets", "Tickets not yet resolved, by priority", ["priority"])
SLA_BREACHES = Counter(
    "crm_feedback_sla_breaches_total", "SLA breaches (escalation level 1), by metric and tier",
    ["metric", "tier"],
)
ESCALATIONS = Counter(
    "crm_feedback_escalations_total", "Escalation steps published, by metric and level", ["metric", "level"]
)
FIRST_RESPONSE_SECONDS = Histogram(
    "crm_feedback_first_response_seconds", "Wall-clock time from opening to the first response",
    ["priority"],
    buckets=(300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 345600),
)
BREACH_LAG_SECONDS = Histogram(
    "crm_feedback_breach_lag_seconds", "Seconds between a due time and the breach event for it",
    ["metric"],
    buckets=(0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600),
)
CALENDAR_FALLBACKS = Counter(
    "crm_feedback_calendar_fallbacks_total",
    "Due times computed for a year the holiday library does not know (weekends only)", ["year"],
)
