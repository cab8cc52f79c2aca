"""The verification after a resolved ticket (docs/design.md §4, closed loop): "Is your problem solved?",
with an optional 1-5 rating and comment, the CSAT after resolution the feedback service ties to
the agent and team that handled the ticket."""

from __future__ import annotations

from services.survey.domain.scoring import CSAT_SATISFIED_ANSWERS, MAX_COMMENT_LENGTH
from services.survey.domain.templates import (
    COMMENT_QUESTION_ID,
    LIKERT_MAX,
    LIKERT_MIN,
    RATING_QUESTION_ID,
    VERIFICATION_QUESTION_ID,
)

ONLY_THESE = "this invitation asks whether the problem is solved, a 1-5 rating and a comment"


def verification_errors(
    solved: bool | None, answers: dict[str, int], nps: int | None, comments: dict[str, str],
    *, partial: bool = False,
) -> list[tuple[str, str]]:
    """(field, message) for each answer that does not fit; `partial` allows `solved` missing."""
    errors: list[tuple[str, str]] = []
    if solved is None and not partial:
        errors.append((VERIFICATION_QUESTION_ID, "answer yes (true) or no (false)"))
    for key, value in answers.items():
        if key != RATING_QUESTION_ID:
            errors.append((f"answers.{key}", ONLY_THESE))
        elif isinstance(value, bool) or not isinstance(value, int) or not LIKERT_MIN <= value <= LIKERT_MAX:
            errors.append((f"answers.{key}", f"a rating is a whole number from {LIKERT_MIN} to {LIKERT_MAX}"))
    for key, text in comments.items():
        if key != COMMENT_QUESTION_ID:
            errors.append((f"comments.{key}", ONLY_THESE))
        elif len(text) > MAX_COMMENT_LENGTH:
            errors.append((f"comments.{key}", f"at most {MAX_COMMENT_LENGTH} characters"))
    if nps is not None:
        errors.append(("nps", ONLY_THESE))
    return errors


def rating_of(answers: dict[str, int]) -> int | None:
    return answers.get(RATING_QUESTION_ID)


def rating_csat(rating: int | None) -> float | None:
    """1.0 for a satisfied rating (4 or 5, docs/design.md §4), 0.0 for another, None without one."""
    if rating is None:
        return None
    return 1.0 if rating in CSAT_SATISFIED_ANSWERS else 0.0
