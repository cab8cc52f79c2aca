"""Topics of open answers (docs/design.md §4): Chinese and English text grouped into keyword clusters.

The clustering is `shared.text_topics` (the same for ticket descriptions in feedback); what
belongs to the survey is its theme lexicon: what customers talk about when they rate us.
"""

from __future__ import annotations

from shared import text_topics
from shared.text_topics import Topic

# Themes customers of a B2B service talk about; a hit in either language adds `#<theme>`.
THEME_LEXICON: dict[str, tuple[str, ...]] = {
    "speed": ("响应", "回复", "速度", "及时", "太慢", "很慢", "慢", "等待", "等了", "延迟", "拖",
              "response", "respond", "responded", "reply", "replies", "slow", "slowly", "speed",
              "wait", "waiting", "waited", "delay", "delayed", "quick", "quickly", "fast", "late"),
    "price": ("价格", "价钱", "费用", "收费", "太贵", "贵", "便宜", "成本", "性价比", "涨价", "报价",
              "price", "prices", "pricing", "cost", "costs", "expensive", "cheap", "cheaper", "fee",
              "fees", "money", "budget", "overpriced", "discount"),
    "stability": ("稳定", "崩溃", "宕机", "故障", "卡顿", "闪退", "报错", "出错", "掉线", "中断",
                  "stable", "stability", "unstable", "crash", "crashes", "crashed", "outage",
                  "downtime", "bug", "bugs", "error", "errors", "freeze", "freezes", "reliable"),
    "staff": ("态度", "专业", "客服", "耐心", "热情", "服务人员",
              "attitude", "professional", "staff", "friendly", "patient", "rude", "polite"),
    "features": ("功能", "需求", "定制", "界面", "报表", "操作",
                 "feature", "features", "function", "customisation", "customization", "interface",
                 "report", "reports", "usability"),
}


def tokens(text: str) -> list[str]:
    """Words of an answer in either language, stop words removed, plus its theme tokens."""
    return text_topics.tokens(text, THEME_LEXICON)


def cluster_topics(texts: list[str], **options) -> list[Topic]:
    """Group answers into keyword clusters, largest first; blank answers are ignored."""
    return text_topics.cluster_topics(texts, THEME_LEXICON, **options)
