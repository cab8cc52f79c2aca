"""Domain metrics of the survey service (prefix crm_survey_)."""

from prometheus_client import Counter, Gauge, Histogram

INVITATIONS = Counter(
    "crm_survey_invitations_total", "Invitations created, by kind (survey, verification)", ["kind"]
)
RESPONSES = Counter(
    "crm_survey_responses_total", "Responses received, by kind and tier", ["kind", "tier"]
)
SATISFACTION = Histogram(
    "crm_survey_satisfaction", "Weighted satisfaction (1-5) of scored responses, by tier", ["tier"],
    buckets=(1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0),
)
RESPONSE_RATE = Gauge(
    "crm_survey_response_rate", "Responses / invitations of a survey (from the database)", ["survey_id"]
)
RATE_LIMITED = Counter(
    "crm_survey_rate_limited_total", "Public invitation calls refused with 429, by limit", ["scope"]
)
VERIFICATIONS = Counter(
    "crm_survey_verifications_answered_total", "Ticket verifications answered", ["solved"]
)
REMINDERS = Counter(
    "crm_survey_reminders_total", "Reminders of unanswered invitations, by kind (survey, verification)",
    ["kind"],
)
