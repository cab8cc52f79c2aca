"""Topics of open answers (docs/design.md §4): mixed Chinese and English answers, grouped by theme."""

from services.survey.domain.topics import cluster_topics, tokens
from tests.unit.survey.answers import THEMES


def mixed_answers() -> tuple[list[str], list[str]]:
    # Interleaved so that no theme arrives as one block.
    texts, truth = [], []
    for i in range(10):
        for theme, answers in THEMES.items():
            texts.append(answers[i])
            truth.append(theme)
    return texts, truth


def test_answers_about_the_same_theme_land_together_in_both_languages():
    texts, truth = mixed_answers()
    topics = cluster_topics(texts)
    assert len(topics) == 3
    for topic in topics:
        themes = {truth[i] for i in topic.member_indexes}
        assert len(themes) == 1, (topic.label, themes)
        assert topic.label == themes.pop()
        assert topic.count == 10
        assert len(topic.examples) == 3
        assert topic.keywords[0] == topic.label
    # Chinese and English answers of a theme share a cluster.
    speed = next(t for t in topics if t.label == "speed")
    assert any("慢" in texts[i] for i in speed.member_indexes)
    assert any("slow" in texts[i].lower() for i in speed.member_indexes)


def test_topics_are_deterministic():
    texts, _ = mixed_answers()
    assert cluster_topics(texts) == cluster_topics(texts)


def test_keywords_come_from_chinese_words_and_english_words():
    topics = cluster_topics(mixed_answers()[0])
    keywords = {k for t in topics for k in t.keywords}
    assert any("\u4e00" <= ch <= "\u9fff" for k in keywords for ch in k)
    assert any(k.isascii() and k.isalpha() for k in keywords if k not in THEMES)


def test_chinese_is_cut_into_words_and_stop_words_dropped():
    words = tokens("价格太贵了,性价比不高")
    assert "价格" in words and "性价比" in words
    assert "了" not in words and "#price" in words


def test_blank_answers_are_ignored_and_few_answers_still_give_a_topic():
    assert cluster_topics(["", "  "]) == []
    topics = cluster_topics(["too expensive", "price is high"])
    assert sum(t.count for t in topics) == 2
