"""Message templates in zh-CN and en (docs/design.md §10), rendered in a sandbox; defaults are data.

An admin may replace a (template, language) pair through the API. A replacement is checked
here by rendering it with the template's sample context: a syntax error, an unknown variable
or an unsafe construct is refused naming the field (`subject` or `body`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

LANGUAGES = ("zh-CN", "en")


@dataclass(frozen=True)
class TemplateText:
    subject: str
    body: str


class TemplateProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# What each template may use, with sample values (used to check edited templates).
SAMPLE_CONTEXT: dict[str, dict[str, Any]] = {
    "survey-invitation": {
        "contact_name": "李雷",
        "link": "https://example.com/s/x",
        "expires_on": "2026-12-31",
    },
    "survey-reminder": {
        "contact_name": "李雷",
        "link": "https://example.com/s/x",
        "expires_on": "2026-12-31",
        "reminder_number": 1,
    },
    "ticket-verification": {
        "contact_name": "李雷",
        "link": "https://example.com/s/x",
        "ticket_id": "T-1",
        "expires_on": "2026-12-31",
    },
    "verification-reminder": {
        "contact_name": "李雷",
        "link": "https://example.com/s/x",
        "ticket_id": "T-1",
        "expires_on": "2026-12-31",
    },
    "ticket-resolved": {
        "contact_name": "李雷",
        "ticket_id": "T-1",
        "solution": "已退款",
        "improvement": "账单核对流程已加强",
    },
    "care-message": {"contact_name": "李雷", "action_kind": "care-email", "action_title": "Quarterly care"},
    "action-assigned": {
        "recipient_name": "Li",
        "customer_id": "cust-a",
        "action_kind": "follow-up",
        "action_id": "a-1",
        "due_at": "2026-12-31 18:00",
        "status": "pending",
    },
    "action-overdue": {
        "recipient_name": "Li",
        "customer_id": "cust-a",
        "action_kind": "follow-up",
        "action_id": "a-1",
        "due_at": "2026-12-31 18:00",
    },
    "ticket-escalated": {
        "recipient_name": "Li",
        "customer_id": "cust-a",
        "ticket_id": "T-1",
        "level": 1,
        "metric": "resolution",
        "due_at": "2026-12-31 18:00",
        "priority": "P2",
        "tier": "VIP",
        "team": "billing-care",
    },
    "digest-ready": {
        "recipient_name": "Li",
        "week_of": "2026-12-28",
        "due_this_week": ["a-1"],
        "overdue": ["a-2"],
        "customers_at_risk": ["cust-c"],
    },
    "report-published": {"recipient_name": "Li", "month": "2026-11", "url": "/v1/reports/monthly/2026-11"},
}
TEMPLATE_NAMES = tuple(SAMPLE_CONTEXT)
CUSTOMER_TEMPLATES = frozenset(
    {
        "survey-invitation",
        "survey-reminder",
        "ticket-verification",
        "verification-reminder",
        "ticket-resolved",
        "care-message",
    }
)

_T = TemplateText
DEFAULT_TEMPLATES: dict[tuple[str, str], TemplateText] = {
    ("survey-invitation", "zh-CN"): _T(
        "邀请您参与满意度调研",
        "{{ contact_name or '您' }}好:\n\n感谢您一直以来的信任。我们希望听到您的声音,请花几分钟填写问卷:\n"
        "{{ link }}\n\n问卷有效期至 {{ expires_on }}。",
    ),
    ("survey-invitation", "en"): _T(
        "How are we doing? A few minutes of your time",
        "Dear {{ contact_name or 'customer' }},\n\nThank you for working with us. Please tell us how we "
        "are doing in a short survey:\n{{ link }}\n\nThe survey is open until {{ expires_on }}.",
    ),
    ("survey-reminder", "zh-CN"): _T(
        "提醒:您的满意度问卷尚未填写",
        "{{ contact_name or '您' }}好:\n\n您的意见对我们很重要,"
        "问卷仍在等待您的回答(第 {{ reminder_number }} 次提醒):\n"
        "{{ link }}\n\n有效期至 {{ expires_on }}。",
    ),
    ("survey-reminder", "en"): _T(
        "Reminder: your survey is waiting",
        "Dear {{ contact_name or 'customer' }},\n\nYour opinion matters to us; the survey is still open "
        "(reminder {{ reminder_number }}):\n{{ link }}\n\nOpen until {{ expires_on }}.",
    ),
    ("ticket-verification", "zh-CN"): _T(
        "您的问题解决了吗?(工单 {{ ticket_id }})",
        "{{ contact_name or '您' }}好:\n\n工单 {{ ticket_id }} 已处理完毕。"
        "请告诉我们问题是否已经解决:\n{{ link }}",
    ),
    ("ticket-verification", "en"): _T(
        "Is your problem solved? (ticket {{ ticket_id }})",
        "Dear {{ contact_name or 'customer' }},\n\nWe resolved ticket {{ ticket_id }}. Please tell us "
        "whether your problem is solved:\n{{ link }}",
    ),
    # The unanswered verification question of a resolved ticket, asked once more (docs/design.md §9).
    ("verification-reminder", "zh-CN"): _T(
        "提醒:您的问题解决了吗?(工单 {{ ticket_id }})",
        "{{ contact_name or '您' }}好:\n\n工单 {{ ticket_id }} 已处理完毕,我们还没有收到您的确认。"
        "请告诉我们问题是否已经解决:\n{{ link }}",
    ),
    ("verification-reminder", "en"): _T(
        "Reminder: is your problem solved? (ticket {{ ticket_id }})",
        "Dear {{ contact_name or 'customer' }},\n\nWe resolved ticket {{ ticket_id }} and have not heard "
        "from you yet. Please tell us whether your problem is solved:\n{{ link }}",
    ),
    ("ticket-resolved", "zh-CN"): _T(
        "工单 {{ ticket_id }} 已解决",
        "{{ contact_name or '您' }}好:\n\n您反馈的问题(工单 {{ ticket_id }})已经解决。"
        "\n\n解决方案:\n{{ solution }}"
        "{% if improvement %}\n\n改进措施:\n{{ improvement }}{% endif %}\n\n感谢您的耐心与反馈。",
    ),
    ("ticket-resolved", "en"): _T(
        "Ticket {{ ticket_id }} is resolved",
        "Dear {{ contact_name or 'customer' }},\n\nThe issue you reported (ticket {{ ticket_id }}) is "
        "resolved.\n\nSolution:\n{{ solution }}{% if improvement %}\n\nWhat we improve so it does not "
        "happen again:\n{{ improvement }}{% endif %}\n\nThank you for your patience.",
    ),
    ("care-message", "zh-CN"): _T(
        "{{ action_title }}",
        "{{ contact_name or '您' }}好:\n\n{{ action_title }}:您的客户经理将很快与您联系,感谢您的支持。",
    ),
    ("care-message", "en"): _T(
        "{{ action_title }}",
        "Dear {{ contact_name or 'customer' }},\n\n{{ action_title }}: your account manager will be in "
        "touch shortly. Thank you for your trust.",
    ),
    ("action-assigned", "zh-CN"): _T(
        "新的关怀行动:{{ action_kind }}({{ customer_id }})",
        "{{ recipient_name }}您好:\n\n客户 {{ customer_id }} 有一项新的关怀行动 {{ action_kind }}"
        "(编号 {{ action_id }},状态 {{ status }}),截止时间 {{ due_at }}。",
    ),
    ("action-assigned", "en"): _T(
        "New care action: {{ action_kind }} for {{ customer_id }}",
        "Hello {{ recipient_name }},\n\nA new care action {{ action_kind }} (id {{ action_id }}, "
        "{{ status }}) for customer {{ customer_id }} is due {{ due_at }}.",
    ),
    ("action-overdue", "zh-CN"): _T(
        "关怀行动已逾期:{{ action_kind }}({{ customer_id }})",
        "{{ recipient_name }}您好:\n\n客户 {{ customer_id }} 的关怀行动 {{ action_kind }}"
        "(编号 {{ action_id }})"
        "已于 {{ due_at }} 到期,请尽快处理。",
    ),
    ("action-overdue", "en"): _T(
        "Overdue care action: {{ action_kind }} for {{ customer_id }}",
        "Hello {{ recipient_name }},\n\nThe care action {{ action_kind }} (id {{ action_id }}) for "
        "customer {{ customer_id }} was due {{ due_at }} and is not done yet.",
    ),
    ("ticket-escalated", "zh-CN"): _T(
        "工单升级(第 {{ level }} 级):{{ ticket_id }}",
        "{{ recipient_name }}您好:\n\n工单 {{ ticket_id }}(客户 {{ customer_id }},"
        "{{ priority }},{{ tier or '未分层' }})"
        "的{{ '首次响应' if metric == 'first_response' else '解决' }}时限 {{ due_at }} 已超出,"
        "{{ '请团队负责人介入' if level == 1 else '专项小组(客服、产品、技术负责人)请立即响应' }}。",
    ),
    ("ticket-escalated", "en"): _T(
        "Escalation level {{ level }}: ticket {{ ticket_id }}",
        "Hello {{ recipient_name }},\n\nTicket {{ ticket_id }} (customer {{ customer_id }}, {{ priority }}, "
        "{{ tier or 'no tier' }}) passed its {{ metric | replace('_', ' ') }} target of {{ due_at }}. "
        "{{ 'Team lead: please take it over.' if level == 1 else 'Task force (support, product and tech "
        "leads): please respond now.' }}",
    ),
    ("digest-ready", "zh-CN"): _T(
        "本周关怀摘要({{ week_of }})",
        "{{ recipient_name }}您好:\n\n本周到期的行动 {{ due_this_week | length }} 项,"
        "逾期 {{ overdue | length }} 项,"
        "有流失风险的客户 {{ customers_at_risk | length }} 位"
        "{% if customers_at_risk %}:{{ customers_at_risk | join('、') }}{% endif %}。",
    ),
    ("digest-ready", "en"): _T(
        "Your care digest for the week of {{ week_of }}",
        "Hello {{ recipient_name }},\n\nThis week: {{ due_this_week | length }} actions due, "
        "{{ overdue | length }} overdue, {{ customers_at_risk | length }} customers at risk"
        "{% if customers_at_risk %}: {{ customers_at_risk | join(', ') }}{% endif %}.",
    ),
    ("report-published", "zh-CN"): _T(
        "{{ month }} 月度服务报告已发布",
        "{{ recipient_name }}您好:\n\n{{ month }} 的分层服务报告已生成:{{ url }}",
    ),
    ("report-published", "en"): _T(
        "The service report for {{ month }} is out",
        "Hello {{ recipient_name }},\n\nThe tiered service report for {{ month }} is published: {{ url }}",
    ),
}
# Care actions the playbook sends to customers by e-mail or SMS, by kind (docs/design.md §6).
ACTION_TITLES: dict[str, dict[str, str]] = {
    "referral-invitation": {
        "zh-CN": "诚邀您加入推荐与共创计划",
        "en": "An invitation to our referral and co-creation programme",
    },
    "industry-cases": {"zh-CN": "本月行业案例精选", "en": "This month's industry cases"},
    "care-email": {"zh-CN": "季度关怀问候", "en": "Our quarterly note of thanks"},
    "early-access": {"zh-CN": "新功能抢先体验邀请", "en": "Early access to new features"},
    "extended-trial": {"zh-CN": "延长试用邀请", "en": "An extended trial for you"},
    "promotion": {"zh-CN": "专属优惠", "en": "An offer for you"},
}


def action_title(kind: str, language: str) -> str:
    return ACTION_TITLES.get(kind, {}).get(language) or kind.replace("-", " ").capitalize()


UNSUBSCRIBE_FOOTER = {
    "zh-CN": "\n\n——\n不想再收到此类消息?一键退订:{unsubscribe_link}",
    "en": "\n\n--\nDo not want these messages? Unsubscribe with one click: {unsubscribe_link}",
}


@cache
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def language_for(wanted: str | None, default: str = "zh-CN") -> str:
    """zh, zh-CN, zh-Hans -> zh-CN; en, en-US -> en; anything else -> the default."""
    for candidate in (wanted, default):
        if candidate:
            lowered = candidate.lower()
            if lowered.startswith("zh"):
                return "zh-CN"
            if lowered.startswith("en"):
                return "en"
    return "zh-CN"


def render(text: TemplateText, context: dict[str, Any]) -> TemplateText:
    environment = _environment()
    subject = environment.from_string(text.subject).render(context)
    body = environment.from_string(text.body).render(context)
    return TemplateText(" ".join(subject.split()), body)


def with_unsubscribe(body: str, language: str, unsubscribe_link: str) -> str:
    """Every customer message ends with the one-click unsubscribe link, whatever the template says."""
    return body + UNSUBSCRIBE_FOOTER[language].format(unsubscribe_link=unsubscribe_link)


def check_template(name: str, subject: str, body: str) -> None:
    """Raise TemplateProblem (naming `name`, `subject` or `body`) unless the pair renders."""
    if name not in SAMPLE_CONTEXT:
        raise TemplateProblem("name", f"unknown template; one of: {', '.join(TEMPLATE_NAMES)}")
    if not subject.strip():
        raise TemplateProblem("subject", "must not be empty")
    if not body.strip():
        raise TemplateProblem("body", "must not be empty")
    for field, source in (("subject", subject), ("body", body)):
        try:
            _environment().from_string(source).render(SAMPLE_CONTEXT[name])
        except TemplateError as exc:
            raise TemplateProblem(field, f"does not render: {exc.message or exc}") from exc
        except Exception as exc:  # the sandbox refuses unsafe attribute access with SecurityError
            raise TemplateProblem(field, f"does not render: {type(exc).__name__}: {exc}") from exc
