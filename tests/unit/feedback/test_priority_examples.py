"""The default priority rules against realistic tickets (docs/design.md §5, seed 003 反馈分级).

P1 is kept for an outage, a safety risk or a major complaint (重大投诉); P2 for a function that
fails or a process that is stuck; P3 for a suggestion. A suggestion stays a suggestion.
"""

import pytest

from services.feedback.domain.priority import DEFAULT_PRIORITY_RULES, propose_priority
from services.feedback.domain.sla import Priority


def proposed(text: str, ticket_type: str) -> str:
    return propose_priority(text, ticket_type, DEFAULT_PRIORITY_RULES).priority.value


def test_an_ordinary_complaint_about_a_wrong_invoice_is_not_p1():
    assert proposed("我要投诉:发票开错了", "complaint") == "P2"


def test_a_major_complaint_in_english_is_p1():
    assert proposed("Major complaint: three deliveries missed this month", "complaint") == "P1"


def test_a_suggestion_that_mentions_safety_stays_a_suggestion():
    assert proposed("建议在登录时增加安全提醒,比如异地登录短信通知", "suggestion") == "P3"


P1_TICKETS = [
    ("生产系统宕机,所有门店都无法下单", "problem"),
    ("平台服务中断已经一个小时,业务全部停摆", "problem"),
    ("发现数据泄露,客户名单可能被外部获取", "complaint"),
    ("设备存在安全隐患,充电时外壳发烫", "problem"),
    ("重大投诉:连续三次交付延误,造成重大损失", "complaint"),
    ("网站打不开,所有用户都受影响", "problem"),
    ("后台被黑客篡改,首页出现陌生链接", "problem"),
    ("安装人员操作不当导致我方员工受伤", "complaint"),
    ("机房配电柜起火,系统停止服务", "problem"),
    ("客户表示要向12315和媒体曝光此事", "complaint"),
    ("Complete outage: nobody in our company can log in", "problem"),
    ("The whole platform is down since 9am", "problem"),
    ("Data breach: customer records were exposed on a public link", "complaint"),
    ("Safety hazard: the charger overheats and sparks", "problem"),
    ("Our server was hacked through your plugin", "problem"),
    ("A technician was injured during installation", "complaint"),
    ("Service unavailable for our staff in every region", "problem"),
    ("Security vulnerability lets a user read other tenants' invoices", "problem"),
    ("We are filing a formal complaint about the billing practice", "complaint"),
    ("Major complaint: the account manager shared our prices with a competitor", "complaint"),
]
P2_TICKETS = [
    ("导出发票失败,页面报错", "problem"),
    ("审批流程卡住两天了", "problem"),
    ("登录时提示验证码错误", "problem"),
    ("手机端打开订单页面闪退", "problem"),
    ("上传附件没反应", "problem"),
    ("发货流程卡顿,物流信息三天没更新", "problem"),
    ("投诉:客服三次没有回电话", "complaint"),
    ("打印模板显示异常,金额错位", "problem"),
    ("系统升级后无法导入Excel", "problem"),
    ("报表合计和订单明细对不上", "problem"),
    ("Export to Excel fails with error 500", "problem"),
    ("The approval workflow is stuck at the finance step", "problem"),
    ("I can't reset my password, the link has expired", "problem"),
    ("The invoice shows the wrong tax rate", "complaint"),
    ("The mobile app crashes when I open an order", "problem"),
    ("Complaint: your agent never called back", "complaint"),
    ("Report totals do not match the order list", "problem"),
    ("The upload button does nothing on Safari", "problem"),
    ("Login is very slow every afternoon", "problem"),
    ("The payment page is not working since the update", "problem"),
]
P3_TICKETS = [
    ("希望报表支持按季度汇总", "suggestion"),
    ("新版本速度很快,点赞", "praise"),
    ("建议在订单页增加批量打印按钮", "suggestion"),
    ("能否提供英文版界面", "suggestion"),
    ("客服小王非常耐心,问题解决得很快", "praise"),
    ("希望手机端也能查看发票", "suggestion"),
    ("建议:导出文件名加上日期", "problem"),
    ("建议优化审批流程,减少签字步骤", "suggestion"),
    ("建议系统宕机时给管理员发短信通知", "suggestion"),
    ("功能需求:合同到期前自动提醒", "problem"),
    ("It would be great to export reports by quarter", "suggestion"),
    ("Dark mode in the mobile app, please", "suggestion"),
    ("Thanks, the new dashboard is fantastic", "praise"),
    ("Suggest adding security reminders for new devices", "suggestion"),
    ("Could you add an English invoice template?", "suggestion"),
    ("Your support engineer was patient and quick", "praise"),
    ("Feature request: bulk edit of contacts", "problem"),
    ("A public outage status page would be nice", "suggestion"),
    ("Consider a monthly summary e-mail for managers", "suggestion"),
    ("Great job on the quick fix for the export error yesterday", "praise"),
]


@pytest.mark.parametrize(("text", "ticket_type"), P1_TICKETS)
def test_outages_safety_risks_and_major_complaints_are_p1(text, ticket_type):
    assert proposed(text, ticket_type) == Priority.P1


@pytest.mark.parametrize(("text", "ticket_type"), P2_TICKETS)
def test_failing_functions_stuck_processes_and_ordinary_complaints_are_p2(text, ticket_type):
    assert proposed(text, ticket_type) == Priority.P2


@pytest.mark.parametrize(("text", "ticket_type"), P3_TICKETS)
def test_suggestions_and_praise_are_p3(text, ticket_type):
    assert proposed(text, ticket_type) == Priority.P3
