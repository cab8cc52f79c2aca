"""Realistic ticket descriptions in Chinese and English about three themes (for the topics tests)."""

INVOICE = [
    "发票抬头开错了,需要重新开票",
    "上个月的发票税率不对,财务无法报销",
    "申请开具增值税专用发票,一直没有收到",
    "发票金额和合同不一致,请核对后重开",
    "电子发票下载后打不开,请重新发送发票",
    "The invoice shows the wrong tax number",
    "We still have not received the invoice for March",
    "Please reissue the invoice with our new company address",
    "Invoice amount does not match the purchase order",
    "Our finance team needs a corrected tax invoice",
]
LOGIN = [
    "登录时一直提示密码错误,但密码是对的",
    "收不到登录验证码,无法进入系统",
    "账号被锁定了,请帮忙解锁",
    "新员工的账号登录不上,提示账号不存在",
    "修改密码后登录失败",
    "I cannot login, the password reset link has expired",
    "Our account is locked after three login attempts",
    "The login page rejects the verification code",
    "New staff accounts fail to login since yesterday",
    "Password reset email never arrives so we cannot login",
]
DELIVERY = [
    "物流信息三天没有更新,快递到底发货了吗",
    "配送延误,客户一直催问到货时间",
    "快递签收后发现包装破损",
    "发货单号查不到物流轨迹",
    "订单已付款一周还没有发货",
    "The shipment tracking number shows nothing",
    "Delivery is a week late and the courier does not answer",
    "The parcel arrived damaged, shipping box was crushed",
    "Tracking has not updated since the shipment left the warehouse",
    "Our delivery went to the wrong address, please contact the courier",
]
THEMES = {"invoice": INVOICE, "login": LOGIN, "delivery": DELIVERY}
CATEGORIES = {"invoice": "billing", "login": "account", "delivery": "delivery"}
