"""Answers saved as the customer goes (Formbricks' partial responses): a page refresh loses
nothing, and the survey's funnel sees where customers stop.

The saved answers are one document per invitation: `answers` (item id -> 1..5), `nps`,
`comments` (question id -> text) and, for a ticket verification, `solved`. Each save merges
into it; an empty comment removes the one saved.
"""

from __future__ import annotations

from typing import Any


def empty() -> dict[str, Any]:
    return {"answers": {}, "nps": None, "comments": {}, "solved": None}


def merge(saved: dict[str, Any] | None, answers: dict[str, int], nps: int | None,
          comments: dict[str, str], solved: bool | None) -> dict[str, Any]:
    """The saved answers with these laid over them."""
    merged = {**empty(), **(saved or {})}
    merged["answers"] = {**merged["answers"], **answers}
    kept = {**merged["comments"], **{k: v.strip() for k, v in comments.items()}}
    merged["comments"] = {k: v for k, v in kept.items() if v}
    if nps is not None:
        merged["nps"] = nps
    if solved is not None:
        merged["solved"] = solved
    return merged


def answered_questions(saved: dict[str, Any] | None) -> set[str]:
    """The question ids with an answer in a saved document (or a completed response's parts)."""
    if not saved:
        return set()
    found = set(saved.get("answers") or {}) | set(saved.get("comments") or {})
    if saved.get("nps") is not None:
        found.add("nps")
    if saved.get("solved") is not None:
        found.add("solved")
    return found
