"""Form values to API documents and API problems back to form fields (pure rules of the pages)."""

from __future__ import annotations

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
    (`curves.R.2.1` -> `curves.R`); an error on no field of the form goes to the form (`body`)."""
    placed: dict[str, str] = {}
    for path, message in errors.items():
        match = max((f for f in fields if path == f or path.startswith(f + ".")), key=len, default="body")
        placed.setdefault(match, message)
    return placed
