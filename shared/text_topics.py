"""Keyword clusters of short texts in Chinese and English: the clustering behind the survey's
topics of open answers and the feedback service's topics of ticket descriptions.

Chinese is cut into words with jieba, English into lower-case words; both are weighted with
TF-IDF and grouped with KMeans (fixed random_state, so the same texts give the same topics).
The caller gives a theme lexicon (its domain words, e.g. the survey's `price` or a ticket's
`invoice`): a hit in either language adds a shared token (`#price`) so "价格太贵" and "too
expensive" can meet in one cluster, and a cluster is labelled by its strongest theme.

Only the algorithm lives here; what the themes are is each service's business.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

RANDOM_STATE = 0
THEME_PREFIX = "#"
_ENGLISH_WORD = re.compile(r"[a-z][a-z'-]{1,}")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")

Lexicon = Mapping[str, tuple[str, ...]]

ENGLISH_STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no
nor not now of off on once only or other our ours out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours us really
much many get got still every even lot lots always never sometimes time times please thanks
""".split())
CHINESE_STOPWORDS = frozenset("""
的 了 是 在 我 我们 你们 你 他们 他 她 它 也 都 和 就 很 非常 太 还 有 没有 没 不 这 那 这个 那个
一个 一些 什么 吗 吧 呢 啊 呀 哦 就是 但是 但 而且 因为 所以 如果 希望 觉得 感觉 比较 可以 能 会
要 还是 已经 总是 每次 有时候 时候 一下 一直 问题 贵司 公司 对 让 给 被 把 又 再 更 最 得 地 着 过
""".split())


@dataclass(frozen=True)
class Topic:
    label: str
    keywords: list[str]
    count: int
    examples: list[str]
    member_indexes: list[int]
    example_indexes: list[int]  # positions in the texts given, of the examples in their order


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokens(text: str, lexicon: Lexicon, theme_weight: int = 1) -> list[str]:
    """Words of a text in either language, stop words removed, plus its theme tokens (each
    `theme_weight` times: for short texts where a theme says more than any single word)."""
    lowered = text.lower()
    words: list[str] = []
    if _HAS_CJK.search(lowered):
        for word in _jieba().lcut(lowered):
            word = word.strip()
            if _HAS_CJK.search(word) and len(word) >= 2 and word not in CHINESE_STOPWORDS:
                words.append(word)
    words += [w for w in _ENGLISH_WORD.findall(lowered) if w not in ENGLISH_STOPWORDS]
    english = set(_ENGLISH_WORD.findall(lowered))
    for theme, triggers in lexicon.items():
        if any((t in english) if t.isascii() else (t in lowered) for t in triggers):
            words += [f"{THEME_PREFIX}{theme}"] * theme_weight
    return words


def _choose_k(matrix, max_topics: int) -> int:
    """The number of clusters with the best silhouette (ties go to fewer clusters)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = matrix.shape[0]
    best_k, best_score = 1, -1.0
    for k in range(2, min(max_topics, n - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=RANDOM_STATE).fit_predict(matrix)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(matrix, labels, metric="cosine", random_state=RANDOM_STATE)
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def cluster_topics(
    texts: list[str], lexicon: Lexicon, *, max_topics: int = 8, n_topics: int | None = None,
    keywords_per_topic: int = 6, examples_per_topic: int = 3, theme_weight: int = 1,
) -> list[Topic]:
    """Group texts into keyword clusters, largest first; blank texts are ignored. A topic's
    `member_indexes` are positions in `texts`."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    kept = [(i, t.strip()) for i, t in enumerate(texts) if t and t.strip()]
    docs = [(i, t, tokens(t, lexicon, theme_weight)) for i, t in kept]
    docs = [d for d in docs if d[2]]
    if not docs:
        return []
    vectorizer = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True)
    matrix = vectorizer.fit_transform([d[2] for d in docs])
    vocabulary = vectorizer.get_feature_names_out()
    if n_topics is not None:
        k = max(1, min(n_topics, len(docs)))
    else:
        k = _choose_k(matrix, max_topics) if len(docs) >= 3 else 1
    model = KMeans(n_clusters=k, n_init=10, random_state=RANDOM_STATE).fit(matrix)
    topics = []
    for cluster in range(k):
        members = [n for n, label in enumerate(model.labels_) if label == cluster]
        if not members:
            continue
        centre = model.cluster_centers_[cluster]
        ranked = [vocabulary[j] for j in centre.argsort()[::-1] if centre[j] > 0]
        themes = [w[len(THEME_PREFIX):] for w in ranked if w.startswith(THEME_PREFIX)]
        keywords = [w[len(THEME_PREFIX):] if w.startswith(THEME_PREFIX) else w for w in ranked]
        keywords = list(dict.fromkeys(keywords))[:keywords_per_topic]
        # The answers closest to the centre show best what the topic is about.
        closeness = (matrix[members] @ centre).tolist()
        pairs = sorted(zip(closeness, members, strict=True), key=lambda p: (-p[0], p[1]))
        by_closeness = [m for _, m in pairs]
        topics.append(Topic(
            label=themes[0] if themes else (keywords[0] if keywords else "other"),
            keywords=keywords,
            count=len(members),
            examples=[docs[m][1] for m in by_closeness[:examples_per_topic]],
            example_indexes=[docs[m][0] for m in by_closeness[:examples_per_topic]],
            member_indexes=sorted(docs[m][0] for m in members),
        ))
    return sorted(topics, key=lambda t: (-t.count, t.label))
