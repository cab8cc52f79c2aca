"""Form values to API documents and API problems back to form fields (pure rules of the pages)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit


class FormError(ValueError):
    """A value the console cannot even send: shown next to its field like an API's 422."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_points(field: str, text: str) -> list[list[float]]:
    """`0:100, 30:95, 60:85` -> [[0, 100], [30, 95], [60, 85]] (a curve's input:sub-score points)."""
    points = []
    for chunk in text.replace(";", ",").replace("\n", ",").split(","):
        chunk = chunk.strip()
        if not chunk:
            continue
        left, sep, right = chunk.partition(":")
        try:
            if not sep:
                raise ValueError
            points.append([float(left), float(right)])
        except ValueError:
            raise FormError(field, f"'{chunk}' is not input:score") from None
    if not points:
        raise FormError(field, "at least one input:score point is needed")
    return points


def format_points(points: list[list[float]] | list[tuple[float, float]]) -> str:
    return ", ".join(f"{x:g}:{y:g}" for x, y in points)


def parse_number(field: str, text: str | None) -> float:
    try:
        return float((text or "").strip())
    except ValueError:
        raise FormError(field, f"'{text}' is not a number") from None


def parse_optional_number(field: str, text: str | None) -> float | None:
    return None if not (text or "").strip() else parse_number(field, text)


def parse_local_time(field: str, text: str | None, zone: tzinfo) -> datetime:
    """A datetime-local input (`2027-01-02T10:00`) as wall time in the business zone."""
    try:
        wall = datetime.fromisoformat((text or "").strip())
    except ValueError:
        raise FormError(field, f"'{text}' is not a date and time") from None
    return wall.replace(tzinfo=zone) if wall.tzinfo is None else wall


def parse_lines(text: str | None) -> list[str]:
    """One value a line (or comma separated), blanks dropped."""
    return [part.strip() for part in (text or "").replace(",", "\n").splitlines() if part.strip()]


def field_errors(problem: dict[str, Any]) -> dict[str, str]:
    """problem+json `errors` as {field: message}; the API names fields by their path in the body
    (`priority_targets.P1.first_response_hours`), which is also the name of the form's input."""
    errors: dict[str, str] = {}
    for error in problem.get("errors") or []:
        name = str(error.get("field") or "body")
        errors.setdefault(name, str(error.get("message") or problem.get("detail") or "invalid"))
    if not errors and problem.get("detail"):
        errors["body"] = str(problem["detail"])
    return errors


def renamed_fields(problem: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The problem with the API's field names as the form calls them (a message's `body` is the
    form's `message` input: `body` stands for the form as a whole)."""
    if not names or not problem.get("errors"):
        return problem
    errors = [{**e, "field": names.get(str(e.get("field")), e.get("field"))} for e in problem["errors"]]
    return {**problem, "errors": errors}


def contact_preferences(
    consent: bool, opted_out: list[str], preferred_channel: str, language: str, channels: tuple[str, ...]
) -> dict[str, Any]:
    """The preferences form as the notification service's document (§10): unknown channels are
    sent as they are so the service names them; an empty choice is "none"."""
    return {
        "consent": consent,
        "opted_out": sorted({c for c in opted_out if c}, key=lambda c: (c not in channels, c)),
        "preferred_channel": preferred_channel.strip() or None,
        "language": language.strip() or None,
    }


def submitted_version(form: dict[str, str]) -> str:
    """The ETag the form was rendered with (its hidden `if_match`), sent back as If-Match so a change
    saved by someone else meanwhile is refused (412) instead of silently undone."""
    tag = (form.get("if_match") or "").strip()
    if not tag:
        raise FormError("If-Match", "the form does not say which version it was read at: reload the page")
    return tag


def safe_next(path: str | None, default: str = "/") -> str:
    """A path on this console to return to after signing in; anything else (another host, a
    scheme, `//evil`, a backslash trick) is replaced by the default (no open redirect)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return default
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in path):
        return default
    return path


def errors_for_fields(errors: dict[str, str], fields: list[str]) -> dict[str, str]:
    """Place each API error on the form field whose name is the longest prefix of the error's path
    (`curves.R.2.1` -> `curves.R`, `reminder_after_days[1]` -> `reminder_after_days`); an error on
    no field of the form (a stale `If-Match` among them) goes to the form (`body`)."""
    placed: dict[str, str] = {}
    for path, message in errors.items():
        match = max(
            (f for f in fields if path == f or path.startswith((f + ".", f + "["))), key=len, default="body"
        )
        placed.setdefault(match, message)
    return placed
