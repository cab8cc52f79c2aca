"""Domain metrics of the playbook service (prefix crm_playbook_)."""

from prometheus_client import Counter

ACTIONS_CREATED = Counter(
    "crm_playbook_actions_created_total", "Care actions created, by kind and status (pending, deferred)",
    ["kind", "status"],
)
ACTIONS_COMPLETED = Counter("crm_playbook_actions_completed_total", "Care actions done, by kind", ["kind"])
ACTIONS_OVERDUE = Counter("crm_playbook_actions_overdue_total", "Actions gone overdue, by kind", ["kind"])
SURVEY_INVITATIONS = Counter(
    "crm_playbook_survey_invitations_total", "Survey invitation attempts through the survey API, by outcome",
    ["outcome"],
)
