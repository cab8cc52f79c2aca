"""CSAT after resolution per agent, team and tier (docs/design.md §4: CSAT = share of 4 or 5)."""

from services.feedback.domain.csat import CsatGroup, Rating, csat_by, csat_of

RATINGS = [
    Rating(5, "agent-li", "billing-team", "VIP"),
    Rating(4, "agent-li", "billing-team", "Key"),
    Rating(2, "agent-li", "billing-team", "Key"),
    Rating(1, "agent-wang", "tech-support", None),
    Rating(5, None, "tech-support", "VIP"),
]


def test_csat_is_the_share_of_fours_and_fives():
    assert csat_of([5, 4, 3, 2]) == 0.5
    assert csat_of([]) is None


def test_per_agent_most_rated_first_and_unassigned_as_unknown():
    overall, groups = csat_by(RATINGS, CsatGroup.AGENT)
    assert (overall.ratings, overall.csat, overall.mean_rating) == (5, 0.6, 3.4)
    assert [(g.group, g.ratings, g.csat) for g in groups] == [
        ("agent-li", 3, round(2 / 3, 4)), ("agent-wang", 1, 0.0), ("unknown", 1, 1.0)]
    assert groups[0].distribution == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}


def test_per_team_and_per_tier():
    _, teams = csat_by(RATINGS, CsatGroup.TEAM)
    assert [(g.group, g.csat) for g in teams] == [("billing-team", round(2 / 3, 4)), ("tech-support", 0.5)]
    _, tiers = csat_by(RATINGS, CsatGroup.TIER)
    assert [(g.group, g.ratings, g.csat) for g in tiers] == [("Key", 2, 0.5), ("VIP", 2, 1.0),
                                                              ("unknown", 1, 0.0)]
