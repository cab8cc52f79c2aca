"""The calendar's settings documents an admin edits from the console (docs/design.md §9): each field
of each document as a form input, and the form back to the document the service stores.

A document is read whole (with its ETag), shown as inputs named by their path in the document
(`review_interval_days.VIP`, the name the service's 422 uses for it), and sent back whole with
If-Match, so the service's own validation decides and names the field at fault. The console only
refuses what it cannot even send (text where a number goes).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from services.console.domain.forms import FormError, parse_number

TIERS = ("VIP", "Key", "Regular", "Observation")
CADENCES = ("monthly", "quarterly", "half-yearly", "yearly")
# What a stored version carries besides the document itself; never sent back.
VERSION_FIELDS = frozenset({"version", "created_by", "created_at"})


class FieldKind(StrEnum):
    WHOLE = "whole"  # a whole number (days, months)
    DECIMAL = "decimal"  # a share or a number of points
    OPTIONAL_WHOLE = "optional_whole"  # empty: none (e.g. no verification reminder)
    CHOICE = "choice"  # one of `choices`, or empty for none (a tier without a cadence)
    DAYS = "days"  # a list of day counts, "3, 7"


@dataclass(frozen=True)
class DocumentField:
    path: str  # dotted path in the document, also the input's name
    kind: FieldKind
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SettingsDocument:
    key: str  # the console's page (/settings/<key>) and the words of its fields
    service: str
    api_path: str
    fields: tuple[DocumentField, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.path for f in self.fields]


def _whole(*paths: str) -> tuple[DocumentField, ...]:
    return tuple(DocumentField(p, FieldKind.WHOLE) for p in paths)


def _decimal(*paths: str) -> tuple[DocumentField, ...]:
    return tuple(DocumentField(p, FieldKind.DECIMAL) for p in paths)


EVALUATION_POLICY = SettingsDocument(
    "evaluation-policy",
    "segmentation",
    "/v1/evaluation-policy",
    _whole(*(f"review_interval_days.{tier}" for tier in TIERS))
    + _decimal("high_value_share", "loyalty_min_sub_score", "loyalty_min_years")
    + _whole("silence_days")
    + _decimal("spending_drop_ratio")
    + _whole("spending_drop_months", "spending_baseline_months", "declining_months", "override_validity_days")
    + _decimal("trend_flat_band"),
)
VERIFICATION_POLICY = SettingsDocument(
    "verification-policy", "feedback", "/v1/verification-policy", _whole("auto_close_after_days")
)
SURVEY_SCHEDULE = SettingsDocument(
    "survey-schedule",
    "survey",
    "/v1/survey-schedule",
    (
        *(DocumentField(f"cadence.{tier}", FieldKind.CHOICE, CADENCES) for tier in TIERS),
        DocumentField("reminder_after_days", FieldKind.DAYS),
        *_whole("fatigue_days"),
        *_decimal("coverage_target"),
        DocumentField("verification_reminder_after_days", FieldKind.OPTIONAL_WHOLE),
        *_whole("invitation_expires_in_days"),
    ),
)
CARE_SCHEDULE = SettingsDocument(
    "care-schedule", "playbook", "/v1/care-schedule", _whole("presence_check_days", "digest_at_risk_days")
)
DOCUMENTS: dict[str, SettingsDocument] = {
    d.key: d for d in (EVALUATION_POLICY, VERIFICATION_POLICY, SURVEY_SCHEDULE, CARE_SCHEDULE)
}


def _get(document: dict[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _set(document: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        document = document.setdefault(part, {})
    document[last] = value


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def form_values(document: SettingsDocument, stored: dict[str, Any]) -> dict[str, str]:
    """The inputs' values of a stored version."""
    return {f.path: _shown(_get(stored, f.path)) for f in document.fields}


def _whole_number(path: str, text: str) -> int:
    number = parse_number(path, text)
    if not number.is_integer():
        raise FormError(path, f"'{text.strip()}' is not a whole number")
    return int(number)


def _parse(field: DocumentField, text: str) -> Any:
    text = text.strip()
    if field.kind is FieldKind.WHOLE:
        return _whole_number(field.path, text)
    if field.kind is FieldKind.DECIMAL:
        return parse_number(field.path, text)
    if field.kind is FieldKind.OPTIONAL_WHOLE:
        return _whole_number(field.path, text) if text else None
    if field.kind is FieldKind.CHOICE:
        if text and text not in field.choices:
            raise FormError(field.path, f"'{text}' is not one of {', '.join(field.choices)}")
        return text or None
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    return [_whole_number(field.path, p) for p in parts]


def document_from_form(
    document: SettingsDocument, stored: dict[str, Any], form: dict[str, str]
) -> dict[str, Any]:
    """The document to store: the stored one (what the form does not show stays as it is) with
    every field of the form; FormError names the first input the console cannot send."""
    result = {k: v for k, v in stored.items() if k not in VERSION_FIELDS}
    for field in document.fields:
        _set(result, field.path, _parse(field, form.get(field.path, "")))
    return result
