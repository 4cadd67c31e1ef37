"""Words that say what a number measures, in English and (Simplified) Chinese.

Text is folded to Simplified Chinese and lower case before matching, so one list
serves all three scripts. The canonical metric names are what editors see in the
report ("revenue", "share price"), so they are plain English.

Order matters only for overlapping keywords: longer keywords win at the same spot.
"""

from __future__ import annotations

# canonical metric -> keywords (lower case; Chinese in Simplified script)
# fmt: off
METRICS: dict[str, tuple[str, ...]] = {
    "revenue": (
        "revenue", "revenues", "sales", "turnover", "top line", "营收", "营业收入", "收入", "销售额", "营业额"
    ),
    "revenue-sharing cut": (
        "revenue-sharing", "revenue sharing", "cut of", "share of sales", "share of revenue",
        "分成", "抽成", "营收分成"
    ),
    "charge": (
        "charge", "write-down", "writedown", "write down", "wrote down", "written down", "write-off", "impairment", "loss", "losses", "损失",
        "减值", "亏损", "费用", "计提", "提列"
    ),
    "net income": (
        "net income", "net profit", "profit", "earnings", "净利润", "净利", "利润", "盈利"
    ),
    "eps": (
        "eps", "earnings per share", "a share", "per share", "每股盈余", "每股收益"
    ),
    "gross margin": (
        "gross margin", "margin", "margins", "毛利率", "利润率"
    ),
    "price": (
        "price", "priced", "pricing", "costs", "cost", "quote", "quotation", "list price", "价格",
        "售价", "报价", "定价", "单价", "价"
    ),
    "share price": (
        "share price", "stock price", "shares", "stock", "closed at", "closing price", "股价",
        "收盘", "盘前", "盘后", "每股"
    ),
    "market cap": (
        "market cap", "market value", "market capitalization", "市值"
    ),
    "market share": (
        "market share", "share of the market", "市场份额", "市占率", "份额", "占有率"
    ),
    "market size": (
        "market size", "market worth", "market", "市场规模", "市场"
    ),
    "orders": (
        "orders", "order", "bookings", "订单", "订购"
    ),
    "deliveries": (
        "deliveries", "delivered", "shipments", "shipped", "交付", "交车", "出货", "出货量"
    ),
    "growth": (
        "growth", "grew", "growing", "grows", "rose", "rise", "rises", "rising", "up", "increase",
        "increased", "increases", "increasing", "jumped", "climbed", "gained", "surged",
        "year-on-year", "year over year", "增长", "增幅", "提升", "年增",
        "同比增", "上升", "上涨", "增加"
    ),
    "decline": (
        "decline", "declined", "declines", "declining", "fell", "fall", "falls", "falling", "drop",
        "dropped", "drops", "dropping", "plunged", "plummet", "plummeted", "slid", "down",
        "decrease", "decreased", "decreases", "decreasing", "shrank", "shrinking",
        "下跌", "下降", "跌", "下滑", "减少", "蒸发", "暴跌"
    ),
    "buyback": (
        "buyback", "buy-back", "repurchase", "share repurchase", "回购", "股票回购"
    ),
    "tariff": (
        "tariff", "tariffs", "duty", "duties", "关税"
    ),
    "index": (
        "index", "指数", "纳指", "综合指数"
    ),
    "inventory": (
        "inventory", "inventories", "stockpile", "库存", "存货"
    ),
    "investment": (
        "investment", "invest", "capex", "capital expenditure", "投资", "资本支出"
    ),
    "memory": (
        "memory", "vram", "hbm", "hbm3", "hbm3e", "gddr", "ram", "显存", "内存", "存储器", "记忆体"
    ),
    "storage": (
        "storage", "ssd", "disk", "存储", "容量"
    ),
    "compute": (
        "compute", "computing power", "performance", "tflops", "petaflops", "throughput", "算力",
        "性能", "运算", "计算能力"
    ),
    "bandwidth": (
        "bandwidth", "interconnect", "带宽", "频宽"
    ),
    "power": (
        "power", "tdp", "watts", "功耗", "功率"
    ),
    "battery": (
        "battery", "mah", "电池", "续航"
    ),
    "process node": (
        "process", "node", "nm", "制程", "工艺", "纳米"
    ),
    "employees": (
        "employees", "staff", "workers", "jobs", "员工", "雇员", "职位"
    ),
    "users": (
        "users", "subscribers", "customers", "用户", "客户"
    ),
    "budget": (
        "budget", "spending", "appropriation", "预算", "拨款", "开支"
    ),
    "debt": (
        "debt", "borrowing", "deficit", "债务", "赤字"
    ),
    "valuation": (
        "valuation", "valued at", "p/e", "price-to-earnings", "市盈率", "估值"
    ),
    "analyst estimate": (
        "estimate", "forecast", "target price", "预估", "预测", "目标价"
    ),
    "units": (
        "units", "chips", "cards", "servers", "台", "片", "颗", "张"
    ),
}
# fmt: on

# Metrics whose value changes from day to day: two reports of them are only comparable
# when both name the same day, so an unknown or different day is never a contradiction.
VOLATILE_METRICS = frozenset(
    f"{market}{move}"
    for market in ("share price", "market cap", "index")
    for move in ("", " growth", " decline")
)

# Specifications of a product: they do not change with the date of the article, so a
# date near them (the day a price was quoted) is no reason to doubt a comparison.
SPEC_METRICS = (
    "memory",
    "storage",
    "compute",
    "bandwidth",
    "power",
    "battery",
    "process node",
    "resolution",
    "luminance",
)

# A figure near these words is a forecast, a target or an estimate, not a result:
# "expected revenue" and "revenue" are different claims.
FORECAST_MARKERS = (
    "forecast",
    "guidance",
    "guided",
    "outlook",
    "expects",
    "expected",
    "expectations",
    "estimate",
    "estimated",
    "projected",
    "projects",
    "anticipates",
    "target",
    "pencilled",
    "penciled",
    "consensus",
    "could reach",
    "is set to",
    "will reach",
    "预计",
    "预期",
    "指引",
    "展望",
    "预测",
    "预估",
    "目标",
    "有望",
)

# A percentage near these words is a share of something (13% of revenue), not a change.
SHARE_MARKERS = (
    "accounts for",
    "account for",
    "share of",
    "% of",
    "of total",
    "占",
    "占据",
    "比重",
)

PRECISIONS = ("fp4", "fp8", "fp16", "bf16", "fp32", "fp64", "int4", "int8", "tf32")


# The basis a figure is measured on, where a story commonly gives it on two: a company's
# GAAP and adjusted (non-GAAP) results, a disaster's insured and economic losses. Two
# figures measured on different bases of one family are two claims, however alike their
# sentences ("GAAP gross margin was 46.3%", "non-GAAP gross margin came in at 48.9%").
# Patterns run on the figure's own clause, lower-cased and folded to Simplified.
MEASURE_BASES: dict[str, dict[str, str]] = {
    "accounting": {
        "GAAP": r"(?<![a-z-])(?<!non )(?<!非)gaap(?![a-z])|(?<!非)(?:公认|通用)会计准则",
        "adjusted": r"non-?\s?gaap|非\s?gaap|非(?:公认|通用)会计准则|(?<!seasonally )(?<![a-z])adjusted"
        r"(?![a-z])|经调整|(?<!季节)(?<!季节性)调整后",
    },
    "losses": {
        "insured": r"(?<![a-z])insured (?:loss|losses|damage|damages|cost|costs)(?![a-z])|"
        r"(?<![未无])(?:保险|保险业|承保|投保|受保)(?:估计)?(?:的)?损失",
        "economic": r"economic (?:loss|losses|damage|damages|cost|costs|toll)(?![a-z])|经济损失",
    },
}
