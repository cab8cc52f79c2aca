"""Satisfaction of one response (docs/design.md §4): weighted dimension means, level, NPS and CSAT."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from services.survey.domain.templates import LIKERT_MAX, LIKERT_MIN, NPS_MAX, NPS_MIN, Template

MAX_COMMENT_LENGTH = 2000


class Level(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    NEUTRAL = "neutral"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


class NpsCategory(StrEnum):
    PROMOTER = "promoter"
    PASSIVE = "passive"
    DETRACTOR = "detractor"


# docs/design.md §4: very satisfied 4.5-5, satisfied 3.5 to < 4.5, neutral 2.5 to < 3.5,
# dissatisfied 1.5 to < 2.5, very dissatisfied < 1.5.
LEVEL_FLOORS: tuple[tuple[float, Level], ...] = (
    (4.5, Level.VERY_SATISFIED),
    (3.5, Level.SATISFIED),
    (2.5, Level.NEUTRAL),
    (1.5, Level.DISSATISFIED),
)
# docs/design.md §4: promoters 9-10, passives 7-8, detractors 0-6.
PROMOTER_FLOOR, PASSIVE_FLOOR = 9, 7
CSAT_SATISFIED_ANSWERS = frozenset({4, 5})


class AnswerError(ValueError):
    """Answers that cannot be scored; `errors` lists (field, message)."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in errors))
        self.errors = errors


@dataclass(frozen=True)
class Satisfaction:
    value: float
    level: Level
    dimensions: dict[str, float]
    weights: dict[str, float]
    nps: int | None
    nps_category: NpsCategory | None
    csat: float | None


def level_of(value: float) -> Level:
    """The satisfaction level of a 1-5 value."""
    for floor, level in LEVEL_FLOORS:
        if value >= floor:
            return level
    return Level.VERY_DISSATISFIED


def nps_category(score: int) -> NpsCategory:
    if score >= PROMOTER_FLOOR:
        return NpsCategory.PROMOTER
    if score >= PASSIVE_FLOOR:
        return NpsCategory.PASSIVE
    return NpsCategory.DETRACTOR


def net_promoter_score(scores: Iterable[int]) -> float | None:
    """NPS = % promoters - % detractors, from -100 to 100; None without answers."""
    categories = [nps_category(s) for s in scores]
    if not categories:
        return None
    promoters = categories.count(NpsCategory.PROMOTER)
    detractors = categories.count(NpsCategory.DETRACTOR)
    return round(100 * (promoters - detractors) / len(categories), 1)


def csat(answers: Iterable[int]) -> float | None:
    """CSAT = share (0-1) of the 1-5 answers that are 4 or 5; None without answers."""
    values = list(answers)
    if not values:
        return None
    return round(sum(1 for a in values if a in CSAT_SATISFIED_ANSWERS) / len(values), 4)


def answer_errors(
    template: Template, answers: dict[str, int], nps: int | None, comments: dict[str, str],
    *, partial: bool = False,
) -> list[tuple[str, str]]:
    """(field, message) for every answer that does not fit the template; empty when all fit.
    A `partial` answer (saved as the customer goes) may leave items unanswered."""
    errors: list[tuple[str, str]] = []
    items = template.items
    for item_id, value in answers.items():
        if item_id not in items:
            errors.append((f"answers.{item_id}", "not an item of this survey"))
        elif isinstance(value, bool) or not isinstance(value, int) or not LIKERT_MIN <= value <= LIKERT_MAX:
            errors.append(
                (f"answers.{item_id}", f"an answer is a whole number from {LIKERT_MIN} to {LIKERT_MAX}")
            )
    for item_id in items:
        if item_id not in answers and not partial:
            errors.append((f"answers.{item_id}", "this item needs an answer"))
    if nps is not None:
        if template.nps_question is None:
            errors.append(("nps", "this survey has no NPS question"))
        elif isinstance(nps, bool) or not NPS_MIN <= nps <= NPS_MAX:
            errors.append(("nps", f"NPS is a whole number from {NPS_MIN} to {NPS_MAX}"))
    open_ids = {q.id for q in template.open_questions}
    for question_id, text in comments.items():
        if question_id not in open_ids:
            errors.append((f"comments.{question_id}", "not an open question of this survey"))
        elif len(text) > MAX_COMMENT_LENGTH:
            errors.append((f"comments.{question_id}", f"at most {MAX_COMMENT_LENGTH} characters"))
    return errors


def score_response(
    template: Template, answers: dict[str, int], nps: int | None, tier: str | None
) -> Satisfaction:
    """Satisfaction = sum over dimensions of (mean of its items) x the tier's weight."""
    errors = answer_errors(template, answers, nps, {})
    if errors:
        raise AnswerError(errors)
    weights = template.weights_for(tier)
    means = {
        d.key: sum(answers[i.id] for i in d.items) / len(d.items) for d in template.dimensions
    }
    # The level is read from the value as shown (2 decimals), so the two never disagree.
    value = round(sum(means[k] * weights[k] for k in means), 2)
    return Satisfaction(
        value=value,
        level=level_of(value),
        dimensions={k: round(v, 2) for k, v in means.items()},
        weights={k: round(w, 4) for k, w in weights.items()},
        nps=nps,
        nps_category=nps_category(nps) if nps is not None else None,
        csat=csat(answers.values()),
    )
