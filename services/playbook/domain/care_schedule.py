"""The numbers of the playbook's calendar an admin edits (docs/design.md §9), as a versioned document.

- `presence_check_days`: a high-value customer with no completed contact in this many days gets a
  presence contact for its owner ("no completed contact in a month": 30);
- `digest_at_risk_days`: the Monday digest lists an owner's customers with a churn-risk warning in
  this many days (30).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# Both windows count days back from the run; beyond a year they would stop meaning "recent".
MIN_DAYS, MAX_DAYS = 1, 366


@dataclass(frozen=True)
class CareSchedule:
    presence_check_days: int = 30
    digest_at_risk_days: int = 30


class CareScheduleError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def care_schedule_to_document(schedule: CareSchedule) -> dict[str, Any]:
    return asdict(schedule)


def care_schedule_from_document(doc: Any) -> CareSchedule:
    """Parse and check an edited care schedule (every field required); the error names the field."""
    if not isinstance(doc, dict):
        raise CareScheduleError("body", "must be an object")
    allowed = care_schedule_to_document(CareSchedule())
    for key in doc:
        if key not in allowed:
            raise CareScheduleError(key, f"unknown field; allowed: {', '.join(sorted(allowed))}")
    values = {}
    for key in allowed:
        value = doc.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not MIN_DAYS <= value <= MAX_DAYS:
            raise CareScheduleError(key, f"must be a whole number of days {MIN_DAYS}..{MAX_DAYS}")
        values[key] = value
    return CareSchedule(**values)
