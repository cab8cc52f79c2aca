"""Topics of ticket descriptions per category and month (seed 003 section 4), and the SLA
on-time rates month by month."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services.feedback.domain.reports import TicketFacts, sla_trend
from services.feedback.domain.topics import TicketText, ticket_topics
from tests.unit.feedback.tickets_text import CATEGORIES, THEMES

MONTHS = ["2025-10", "2025-11"]


def tickets() -> tuple[list[TicketText], list[str]]:
    texts, truth = [], []
    for i in range(10):  # interleaved, and the first half of each theme in October
        for theme, descriptions in THEMES.items():
            texts.append(TicketText(ticket_id=f"{theme}-{i}", category=CATEGORIES[theme],
                                    month=MONTHS[0] if i < 5 else MONTHS[1], description=descriptions[i]))
            truth.append(theme)
    return texts, truth


def test_tickets_about_the_same_theme_form_one_topic_in_both_languages():
    texts, truth = tickets()
    found = ticket_topics(texts, MONTHS)
    assert found.tickets == 30
    assert sorted(t.label for t in found.topics) == ["delivery", "invoice", "login"]
    for topic, examples in zip(found.topics, found.example_ticket_ids, strict=True):
        assert {truth[i] for i in topic.member_indexes} == {topic.label}
        assert topic.count == 10
        assert all(e.startswith(topic.label) for e in examples) and len(examples) == 3


def test_each_category_counts_its_topics_month_by_month():
    texts, _ = tickets()
    found = ticket_topics(texts, [*MONTHS, "2025-12"])
    invoice = next(i for i, t in enumerate(found.topics) if t.label == "invoice")
    billing = found.by_category["billing"]
    assert [(c.month, c.tickets, c.topics) for c in billing] == [
        ("2025-10", 5, {invoice: 5}), ("2025-11", 5, {invoice: 5}), ("2025-12", 0, {})]
    assert set(found.by_category) == {"billing", "account", "delivery"}


def test_the_same_descriptions_give_the_same_topics_and_no_tickets_no_topics():
    texts, _ = tickets()
    assert ticket_topics(texts, MONTHS) == ticket_topics(texts, MONTHS)
    empty = ticket_topics([], MONTHS)
    assert (empty.tickets, empty.topics, empty.by_category) == (0, [], {})


def test_on_time_rates_month_by_month_per_tier():
    now = datetime(2025, 12, 15, tzinfo=UTC)
    start = datetime(2025, 10, 3, tzinfo=UTC)

    def fact(reported_at, tier, on_time):
        due = start + timedelta(hours=2)
        return TicketFacts(tier=tier, first_response_due=due,
                           first_responded_at=due - timedelta(hours=1 if on_time else -1),
                           resolution_due=due, resolved_at=None, ever_resolved=False,
                           first_contact_resolution=None, reopen_count=0, satisfaction=None,
                           reported_at=reported_at)

    # 31 Oct 20:00 UTC is already 1 Nov in Shanghai: the business month counts.
    late_october_utc = datetime(2025, 10, 31, 20, 0, tzinfo=UTC)
    trend = sla_trend([fact(start, "VIP", True), fact(start, "VIP", False),
                       fact(late_october_utc, "Key", True)], ["2025-10", "2025-11", "2025-12"], now,
                      ZoneInfo("Asia/Shanghai"))
    assert [m["month"] for m in trend] == ["2025-10", "2025-11", "2025-12"]
    assert trend[0]["tiers"]["VIP"]["first_response_on_time_rate"] == 0.5
    assert trend[1]["tiers"]["Key"] == {"tickets": 1, "first_response_on_time_rate": 1.0,
                                        "next_reply_on_time_rate": None, "resolution_on_time_rate": 0.0}
    assert trend[2]["tiers"] == {"all": {"tickets": 0, "first_response_on_time_rate": None,
                                         "next_reply_on_time_rate": None, "resolution_on_time_rate": None}}
