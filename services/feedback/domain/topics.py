"""Topics of ticket descriptions per category and month (seed 003 section 4: from scattered
problems to trends), with the same Chinese + English keyword clustering as the survey's open
answers (`shared.text_topics`). The topics are found once over the whole range, so a month can be
compared with the next: the same topic, counted month by month in each category."""

from __future__ import annotations

from dataclasses import dataclass

from shared import text_topics
from shared.text_topics import Topic

# What tickets are about; a hit in either language adds `#<theme>` and names the topic.
TICKET_THEMES: dict[str, tuple[str, ...]] = {
    "outage": ("宕机", "中断", "崩溃", "瘫痪", "无法访问", "停服", "outage", "down", "downtime",
               "unavailable", "unreachable"),
    "invoice": ("发票", "开票", "税率", "税号", "抬头", "invoice", "invoices", "tax", "receipt"),
    "payment": ("扣费", "付款", "支付", "退款", "账单", "重复扣", "payment", "refund", "charged",
                "charge", "billing", "bill"),
    "login": ("登录", "密码", "验证码", "账号", "登不上", "login", "password", "account", "sign-in",
              "locked"),
    "export": ("导出", "报表", "导入", "下载", "export", "exports", "report", "reports", "import",
               "excel", "csv", "download"),
    "delivery": ("发货", "物流", "快递", "配送", "到货", "签收", "delivery", "shipment", "shipping",
                 "tracking", "courier", "parcel"),
    "performance": ("慢", "卡顿", "延迟", "超时", "加载", "slow", "latency", "timeout", "lag", "loading"),
    "approval": ("审批", "流程", "卡住", "签字", "approval", "workflow", "stuck", "sign-off"),
}


# A description is a sentence or two in one language: its theme has to outweigh the words of
# that language, or Chinese and English tickets about the same thing form separate topics.
THEME_WEIGHT = 2


@dataclass(frozen=True)
class TicketText:
    ticket_id: str
    category: str
    month: str  # YYYY-MM: the business month it was reported in
    description: str


@dataclass(frozen=True)
class CategoryMonth:
    month: str
    tickets: int
    topics: dict[int, int]  # topic id -> tickets


@dataclass(frozen=True)
class TicketTopics:
    tickets: int
    topics: list[Topic]  # the topic id is the position in this list
    example_ticket_ids: list[list[str]]
    by_category: dict[str, list[CategoryMonth]]


def ticket_topics(texts: list[TicketText], months: list[str], *, max_topics: int = 8) -> TicketTopics:
    """Cluster the descriptions once, then count each topic per category and month (every month
    of the range, empty ones too)."""
    found = text_topics.cluster_topics([t.description for t in texts], TICKET_THEMES,
                                       max_topics=max_topics, theme_weight=THEME_WEIGHT)
    topic_of = {index: topic_id for topic_id, topic in enumerate(found) for index in topic.member_indexes}
    by_category: dict[str, list[CategoryMonth]] = {}
    for category in sorted({t.category.casefold() for t in texts}):
        rows = [(i, t) for i, t in enumerate(texts) if t.category.casefold() == category]
        cells = []
        for month in months:
            in_month = [i for i, t in rows if t.month == month]
            counts: dict[int, int] = {}
            for i in in_month:
                if i in topic_of:
                    counts[topic_of[i]] = counts.get(topic_of[i], 0) + 1
            cells.append(CategoryMonth(month=month, tickets=len(in_month), topics=counts))
        by_category[category] = cells
    examples = [[texts[i].ticket_id for i in topic.example_indexes] for topic in found]
    return TicketTopics(tickets=len(texts), topics=found, example_ticket_ids=examples,
                        by_category=by_category)
