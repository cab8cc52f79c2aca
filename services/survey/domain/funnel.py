"""The survey funnel (Formbricks): invited -> opened -> started -> completed, and where the
customers who started but did not complete stopped.

Opened: the questions were fetched with the token. Started: a first answer was saved (or the
response came in one go). A customer who started and stopped "dropped" at the first question
after the last one they answered, in the order the page shows them (or at `submit` when every
question was answered but never sent); so the drops add up to started - completed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

SUBMIT = "submit"


@dataclass(frozen=True)
class InvitationProgress:
    """What the funnel needs of one invitation."""

    group: str | None
    opened: bool
    started: bool
    completed: bool
    answered: frozenset[str]  # question ids answered, saved or sent


@dataclass(frozen=True)
class QuestionDropOff:
    question_id: str
    answered: int  # invitations with an answer to it, completed or not
    reached: int  # started invitations that had not stopped before it
    dropped: int  # started, not completed, and stopped here
    drop_off_rate: float | None


@dataclass(frozen=True)
class Funnel:
    invited: int
    opened: int
    started: int
    completed: int
    drop_off: list[QuestionDropOff]


def stopped_at(answered: frozenset[str], question_ids: list[str]) -> str:
    """The first question after the furthest one answered (or `submit`)."""
    furthest = max((question_ids.index(q) for q in answered if q in question_ids), default=-1)
    return question_ids[furthest + 1] if furthest + 1 < len(question_ids) else SUBMIT


def funnel(progress: list[InvitationProgress], question_ids: list[str]) -> Funnel:
    """The funnel of these invitations over the questions in page order."""
    started = [p for p in progress if p.started]
    stops = Counter(stopped_at(p.answered, question_ids) for p in started if not p.completed)
    answered = Counter(q for p in started for q in p.answered)
    drop_off, reached = [], len(started)
    for question_id in [*question_ids, SUBMIT]:
        dropped = stops.get(question_id, 0)
        drop_off.append(QuestionDropOff(
            question_id=question_id, answered=answered.get(question_id, 0), reached=reached,
            dropped=dropped, drop_off_rate=round(dropped / reached, 4) if reached else None,
        ))
        reached -= dropped
    return Funnel(
        invited=len(progress), opened=sum(p.opened for p in progress), started=len(started),
        completed=sum(p.completed for p in progress), drop_off=drop_off,
    )
