"""The survey funnel, answers saved as the customer goes, and the monthly trend (pure rules)."""

from services.survey.domain.funnel import InvitationProgress, funnel, stopped_at
from services.survey.domain.progress import answered_questions, merge
from services.survey.domain.trend import TrendFacts, monthly_trend

QUESTIONS = ["q1", "q2", "q3", "nps", "why"]


def invitation(*answered: str, opened=True, started=True, completed=False, group="VIP"):
    return InvitationProgress(group=group, opened=opened, started=started, completed=completed,
                              answered=frozenset(answered))


def test_a_customer_who_stops_dropped_at_the_first_question_after_the_last_one_answered():
    assert stopped_at(frozenset({"q1", "q2"}), QUESTIONS) == "q3"
    assert stopped_at(frozenset({"q1", "q3"}), QUESTIONS) == "nps"  # the furthest answer counts
    assert stopped_at(frozenset(), QUESTIONS) == "q1"
    assert stopped_at(frozenset(QUESTIONS), QUESTIONS) == "submit"


def test_the_funnel_counts_each_step_and_the_drops_add_up():
    steps = funnel([
        invitation(opened=False, started=False),  # invited only
        invitation(started=False),  # opened only
        invitation("q1", "q2", "q3", "nps", completed=True),
        invitation("q1"),
        invitation("q1", "q2"),
        invitation("q1", "q2", "q3", "nps", "why"),  # everything answered, never sent
    ], QUESTIONS)
    assert (steps.invited, steps.opened, steps.started, steps.completed) == (6, 5, 4, 1)
    by_question = {d.question_id: d for d in steps.drop_off}
    assert [d.question_id for d in steps.drop_off] == [*QUESTIONS, "submit"]
    assert (by_question["q2"].reached, by_question["q2"].dropped, by_question["q2"].answered) == (4, 1, 3)
    assert (by_question["q3"].reached, by_question["q3"].dropped) == (3, 1)
    assert by_question["q3"].drop_off_rate == round(1 / 3, 4)
    assert (by_question["submit"].reached, by_question["submit"].dropped) == (2, 1)
    assert sum(d.dropped for d in steps.drop_off) == steps.started - steps.completed


def test_no_invitations_no_rates():
    steps = funnel([], QUESTIONS)
    assert steps.invited == 0 and all(d.drop_off_rate is None for d in steps.drop_off)


def test_saved_answers_merge_and_an_emptied_comment_is_removed():
    saved = merge(None, {"q1": 4}, None, {"why": "太慢"}, None)
    saved = merge(saved, {"q2": 5, "q1": 3}, 9, {}, None)
    assert saved == {"answers": {"q1": 3, "q2": 5}, "nps": 9, "comments": {"why": "太慢"}, "solved": None}
    assert answered_questions(saved) == {"q1", "q2", "nps", "why"}
    cleared = merge(saved, {}, None, {"why": "  "}, None)
    assert cleared["comments"] == {} and cleared["nps"] == 9
    assert answered_questions(merge(None, {}, None, {}, False)) == {"solved"}


def test_the_trend_gives_every_month_and_group_even_empty_ones():
    facts = [
        TrendFacts("2025-11", "VIP", 4.5, 10, (5, 4)),
        TrendFacts("2025-11", "VIP", 3.5, 6, (3, 4)),
        TrendFacts("2025-11", None, 2.0, None, (2, 2)),
        TrendFacts("2026-01", "Key", 4.0, 9, (4, 4)),
    ]
    trend = monthly_trend(facts, ["2025-11", "2025-12", "2026-01"], ["VIP", "Key", "Regular", "Observation"])
    november, december, january = trend
    assert (november.overall.responses, november.overall.satisfaction) == (3, 3.33)
    vip = november.groups[0]
    assert (vip.group, vip.responses, vip.satisfaction, vip.nps, vip.csat) == ("VIP", 2, 4.0, 0.0, 0.75)
    assert [g.group for g in november.groups] == ["VIP", "Key", "Regular", "Observation", "unknown"]
    assert december.overall.responses == 0 and december.overall.satisfaction is None
    assert january.groups[1].nps == 100.0
