"""A realistic set of mixed-language open answers about three themes (for the topics tests)."""

SPEED = [
    "客服响应太慢了,等了两天才有人回复",
    "工单提交后很久都没人处理,响应速度需要提升",
    "希望技术支持能更及时地回复我们的问题",
    "每次报修都要等很久,回复太慢",
    "响应速度慢,紧急问题也要等半天",
    "Support takes days to reply to our tickets",
    "The response time is far too slow, we waited a week",
    "Please respond faster when we open an urgent ticket",
    "Slow replies from the support team",
    "We often wait hours before anyone responds to our emails",
]
PRICE = [
    "价格太贵了,性价比不高",
    "今年续费又涨价了,成本压力很大",
    "费用比同类产品高出不少",
    "希望能给老客户一些价格优惠",
    "报价不透明,收费项目太多",
    "The price is too high compared to competitors",
    "Licence fees went up again this year, too expensive",
    "Pricing is not transparent and there are hidden costs",
    "We need a discount, the cost is hard to justify to our budget owners",
    "Too expensive for a company of our size",
]
STABILITY = [
    "系统经常崩溃,影响我们正常生产",
    "上个月宕机了三次,稳定性太差",
    "软件运行卡顿,还经常闪退",
    "升级之后频繁报错,希望尽快修复",
    "平台不稳定,数据同步经常中断",
    "The system crashes several times a week",
    "We had two outages last month, stability must improve",
    "Too many bugs after every upgrade",
    "The app freezes when we export large reports",
    "Frequent downtime is hurting our operations",
]
THEMES = {"speed": SPEED, "price": PRICE, "stability": STABILITY}
