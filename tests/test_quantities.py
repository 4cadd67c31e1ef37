"""Unit and property tests for factcheck.quantities (sentences written for these tests)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.model import HEDGES
from factcheck.quantities import extract_quantities, extract_with_numerals


def one(text: str):
    qs = extract_quantities(text)
    assert len(qs) == 1, [(q.surface, q.kind, q.value) for q in qs]
    q = qs[0]
    assert text[q.start : q.end] == q.surface
    return q


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The startup raised $5.5 billion last round.", "$5.5 billion", 5.5e9, "USD"),
        ("Sales hit US$800m in the quarter.", "US$800m", 8e8, "USD"),
        ("A ticket costs $10k now.", "$10k", 1e4, "USD"),
        ("They spent €2.3bn on plants.", "€2.3bn", 2.3e9, "EUR"),
        ("The fine was 40 million euros.", "40 million euros", 4e7, "EUR"),
        ("The budget is £120 million.", "£120 million", 1.2e8, "GBP"),
        ("该公司去年投入55億美元研发。", "55億美元", 5.5e9, "USD"),
        ("政府拨款1.37萬億元人民幣。", "1.37萬億元人民幣", 1.37e12, "CNY"),
        ("项目总额五十五亿美元。", "五十五亿美元", 5.5e9, "USD"),
        ("公司募资3千万元。", "3千万元", 3e7, "CNY"),
        ("該廠耗資新台幣300億元。", "新台幣300億元", 3e10, "TWD"),
        ("市值約為800億港元。", "約為800億港元", 8e10, "HKD"),
        ("售价为两百日元。", "两百日元", 200.0, "JPY"),
        ("They paid NT$1,000 for it.", "NT$1,000", 1000.0, "TWD"),
    ],
)
def test_money(text: str, surface: str, value: float, unit: str) -> None:
    q = one(text)
    assert q.surface == surface
    assert q.kind == "money"
    assert q.unit == unit
    assert q.value == pytest.approx(value)


def test_bare_yuan_is_cny_unless_taiwan_marker() -> None:
    assert one("门票售价100元。").unit == "CNY"
    qs = extract_quantities("本季營收為新台幣50億，每股配息3元。")
    assert [q.unit for q in qs] == ["TWD", "TWD"]


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("Margins rose 15% this year.", 15.0, "percent", "%"),
        ("Margins rose 15 percent.", 15.0, "percent", "%"),
        ("Margins rose 15 per cent.", 15.0, "percent", "%"),
        ("毛利率提升百分之十五。", 15.0, "percent", "%"),
        ("毛利率提升15％。", 15.0, "percent", "%"),
        ("The rate fell 2 percentage points.", 2.0, "percentage_point", "pp"),
        ("利率下降2个百分点。", 2.0, "percentage_point", "pp"),
        ("利率下降2個百分點。", 2.0, "percentage_point", "pp"),
        ("The gap widened 2pp overall.", 2.0, "percentage_point", "pp"),
        ("Output grew 3.6 times.", 3.6, "multiple", "x"),
        ("Demand jumped 40-fold.", 40.0, "multiple", "x"),
        ("產能提升1.7倍。", 1.7, "multiple", "x"),
        ("It runs 2x faster.", 2.0, "multiple", "x"),
        ("The card has 96GB HBM3.", 96e9, "data", "B"),
        ("It ships 141GB of VRAM.", 141e9, "data", "B"),
        ("It has 16GiB of cache.", 16 * 2**30, "data", "B"),
        ("Memory bandwidth is 4.8 TB/s.", 4.8e12, "bandwidth", "B/s"),
        ("It reaches FP16 296 TFLOPS.", 296e12, "compute", "FLOPS"),
        ("Peak is 1,980 TFLOPS.", 1980e12, "compute", "FLOPS"),
        ("The NPU does 45 TOPS.", 45e12, "compute", "OPS"),
        ("The board draws 700W.", 700.0, "power", "W"),
        ("The plant adds 300 MW.", 3e8, "power", "W"),
        ("Built on a 5nm process.", 5e-9, "length", "m"),
        ("Clocked at 3.2 GHz.", 3.2e9, "frequency", "Hz"),
        ("The test took 3 hours.", 3 * 3600.0, "duration", "s"),
    ],
)
def test_units(text: str, value: float, kind: str, unit: str) -> None:
    q = one(text)
    assert (q.kind, q.unit) == (kind, unit)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They bought 384 Ascend 910C chips.", 384.0),
        ("共有26位分析师参与。", 26.0),
        ("共有26位分析師參與。", 26.0),
        ("The firm sold 400,000 units.", 400000.0),
        ("Three agencies reviewed it.", 3.0),
        ("It involved twenty-one firms.", 21.0),
        ("公司有两千三百名员工。", 2300.0),
        ("工厂雇用了三千名工人。", 3000.0),
    ],
)
def test_counts(text: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.unit) == ("count", "")
    assert q.value == value


@pytest.mark.parametrize(
    ("text", "surface", "hedge", "low", "high"),
    [
        ("It earned more than 6% in fees.", "more than 6%", "more_than", 6.0, None),
        ("It earned over $3 billion.", "over $3 billion", "more_than", 3e9, None),
        ("收入超过20亿元。", "超过20亿元", "more_than", 2e9, None),
        ("收入超過20億元。", "超過20億元", "more_than", 2e9, None),
        ("收入逾20亿元。", "逾20亿元", "more_than", 2e9, None),
        ("公司有300多家门店。", "300多", "more_than", 300.0, None),
        ("增长10%以上。", "10%以上", "more_than", 10.0, None),
        ("It needs at least 5 GW.", "at least 5 GW", "at_least", 5e9, None),
        ("至少需要5亿美元。", "至少需要5亿美元", None, None, None),
        ("Costs were less than $2 million.", "less than $2 million", "less_than", None, 2e6),
        ("占比不到5%。", "不到5%", "less_than", None, 5.0),
        ("Losses reached up to $4 billion.", "up to $4 billion", "up_to", None, 4e9),
        ("订单高达55亿美元。", "高达55亿美元", "up_to", None, 5.5e9),
        ("訂單高達55億美元。", "高達55億美元", "up_to", None, 5.5e9),
    ],
)
def test_hedges(text: str, surface: str, hedge: str | None, low, high) -> None:
    if hedge is None:  # a verb between hedge and number: the number alone
        q = one(text)
        assert q.hedge is None
        return
    q = one(text)
    assert q.surface == surface
    assert q.hedge == hedge
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)
    assert q.hedge in HEDGES


@pytest.mark.parametrize(
    "text", ["about 13%", "approximately 13%", "roughly 13%", "约13%", "約13%", "13%左右", "近13%"]
)
def test_about_margin(text: str) -> None:
    q = one(f"Share: {text} overall.")
    assert q.hedge == "about"
    assert q.low is not None and q.high is not None
    assert q.low < 13.0 < q.high
    assert q.high - 13.0 >= q.tolerance


YEAR = 365.25 * 86400


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Prices ranged from 12,000 to 15,000.", 12000.0, 15000.0, ""),
        ("Bids were $12,000-$15,000 each.", 12000.0, 15000.0, "USD"),
        ("Growth was 11-12% a year.", 11.0, 12.0, "%"),
        ("Growth was 8–10% a year.", 8.0, 10.0, "%"),
        ("价格在12000至15000之间。", 12000.0, 15000.0, ""),
        ("增速为11%到12%。", 11.0, 12.0, "%"),
        ("It costs 5 to 6 billion dollars.", 5e9, 6e9, "USD"),
        ("投资12-15亿美元。", 1.2e9, 1.5e9, "USD"),
        # written high to low, the bare left end on the right end's scale
        ("Fossils from 4.5-4.1 million years ago.", 4.1e6 * YEAR, 4.5e6 * YEAR, "s"),
        ("在 450 至 410 萬年前的化石。", 4.1e6 * YEAR, 4.5e6 * YEAR, "s"),
        ("Estimates fell between 30 and 25 million people.", 25e6, 30e6, ""),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    q = one(text)
    assert q.hedge == "range"
    assert q.unit == unit
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)
    assert q.value == pytest.approx((low + high) / 2)


@pytest.mark.parametrize(
    ("text", "tolerance"),
    [
        ("营收170億美元。", 5e8),
        ("Revenue was $17.108 billion.", 0.0005e9),
        ("Revenue was $5.5 billion.", 0.05e9),
        ("Margin was 15%.", 0.5),
        ("Peak is 1,980 TFLOPS.", 5e12),
        ("They hired 1,980 people.", 5.0),
    ],
)
def test_tolerance(text: str, tolerance: float) -> None:
    assert one(text).tolerance == pytest.approx(tolerance)


@pytest.mark.parametrize(
    "text",
    [
        "The plan started in 2025.",
        "In 2023 things changed.",
        "2025年销量下滑。",
        "The FY2025 outlook was cut.",
        "2025财年指引下调。",
        "The call was on April 16.",
        "会议定于4月16日召开。",
        "会议定于8 月 14 日召开。",
        "Posted Dec.21 2025.",
        "Logged at 02: 01 today.",
        "会议在週二举行。",
        "Results for Q1 2024 came in.",
        "第一季表現強勁。",
        "1. Introduction",
        "(2) see below",
        "聯發科(2454)股價上漲。",
        "台積電(2330)公布財報。",
        "The H20 and H100 differ.",
        "AMD's MI308 shipped.",
        "Huawei's Ascend 910B is out.",
        "The GB200 NVL72 rack is big.",
        "The RTX 5090 launched.",
        "Nvidia's B30A is planned.",
        "It supports FP16 and HBM3.",
        "The S&P 500 rose.",
        "標普500指數上漲。",
        "CloudMatrix 384 is a system.",
        "一切正常。",
        "他们统一了标准。",
    ],
)
def test_not_quantities(text: str) -> None:
    assert extract_quantities(text) == [], [q.surface for q in extract_quantities(text)]


def test_mixed_sentence_with_halfwidth_comma() -> None:
    text = "營收170億美元,占總營收約13%,年增3.6倍。"
    qs = extract_quantities(text)
    assert [(q.surface, q.kind) for q in qs] == [
        ("170億美元", "money"),
        ("約13%", "percent"),
        ("3.6倍", "multiple"),
    ]
    assert [q.start for q in qs] == sorted(q.start for q in qs)


def test_chinese_numerals() -> None:
    cases = {
        "二〇二四": None,  # digit-by-digit run with no unit reads as 2024, a year -> dropped
        "一万三千名": 13000.0,
        "两千零五个": 2005.0,
        "兩千零五個": 2005.0,
        "一万三个": 13000.0,
        "三百五十一万亿元": 3.51e14,
    }
    for text, value in cases.items():
        qs = extract_quantities(text)
        if value is None:
            assert qs == []
        else:
            assert len(qs) == 1 and qs[0].value == pytest.approx(value), (text, qs)


# ---- property tests -------------------------------------------------------------------

_CURRENCIES = [("$", "", "USD"), ("€", "", "EUR"), ("£", "", "GBP"), ("", " yuan", "CNY")]
_SCALES = [("", 1.0), (" million", 1e6), (" billion", 1e9), ("bn", 1e9), (" thousand", 1e3)]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(_CURRENCIES),
    st.sampled_from(_SCALES),
)
def test_roundtrip_english_money(n: int, decimals: int, cur, scale) -> None:
    number = n / 10**decimals
    written = f"{number:,.{decimals}f}"
    pre, post, iso = cur
    word, mult = scale
    text = f"The deal was worth {pre}{written}{word}{post} in total."
    q = one(text)
    assert q.kind == "money" and q.unit == iso
    assert math.isclose(q.value or 0.0, number * mult, rel_tol=1e-9)


_CN_UNITS = [("", 1.0), ("万", 1e4), ("亿", 1e8), ("萬", 1e4), ("億", 1e8), ("万亿", 1e12)]
_CN_CUR = [("美元", "USD"), ("欧元", "EUR"), ("港元", "HKD"), ("元人民币", "CNY")]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=0, max_value=2),
    st.sampled_from(_CN_UNITS),
    st.sampled_from(_CN_CUR),
)
def test_roundtrip_chinese_money(n: int, decimals: int, scale, cur) -> None:
    number = n / 10**decimals
    written = f"{number:.{decimals}f}"
    text = f"该项目总投资{written}{scale[0]}{cur[0]}，进展顺利。"
    q = one(text)
    assert q.kind == "money" and q.unit == cur[1]
    assert math.isclose(q.value or 0.0, number * scale[1], rel_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_roundtrip_chinese_numerals(n: int) -> None:
    text = f"共有{_to_chinese(n)}名员工。"
    q = one(text)
    assert q.value == n


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_offsets_hold_on_arbitrary_text(text: str) -> None:
    qs = extract_quantities(text)
    last_end = -1
    for q in qs:
        assert text[q.start : q.end] == q.surface
        assert q.start >= last_end
        last_end = q.end
        assert q.hedge is None or q.hedge in HEDGES


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789.,%$ -–至到万億亿十百千一二三约超过年月日kmbBMGT倍成折元美")
        ),
        max_size=40,
    )
)
def test_never_raises_on_numeric_soup(text: str) -> None:
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.surface


def _to_chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    units = ["", "十", "百", "千"]

    def four(x: int) -> str:
        out = ""
        zero = False
        for i in range(3, -1, -1):
            d = x // 10**i % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += digits[d] + units[i]
        return out

    hi, lo = divmod(n, 10_000)
    if not hi:
        return four(lo)
    s = four(hi) + "万"
    if lo:
        s += ("零" if lo < 1000 else "") + four(lo)
    return s


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("The handset ships with a 6000mAh cell.", 6000.0, "charge", "mAh"),
        ("Its 6,000mAh pack is large.", 6000.0, "charge", "mAh"),
        ("A 5000 mAh unit is standard now.", 5000.0, "charge", "mAh"),
        ("新机内置6000毫安时电池。", 6000.0, "charge", "mAh"),
        ("新機內建6000毫安時電池。", 6000.0, "charge", "mAh"),
        ("The truck carries a 100kWh pack.", 1e5, "energy", "Wh"),
        ("The truck carries a 100 kWh pack.", 1e5, "energy", "Wh"),
        ("这辆车每月用电100度。", 1e5, "energy", "Wh"),
        ("储能电站容量100千瓦时。", 1e5, "energy", "Wh"),
        ("儲能系統容量100千瓦時。", 1e5, "energy", "Wh"),
        ("The panel peaks at 4,500 nits.", 4500.0, "luminance", "nit"),
        ("屏幕峰值亮度4500尼特。", 4500.0, "luminance", "nit"),
        ("It adds a 50MP main camera.", 5e7, "resolution", "px"),
        ("A 200MP sensor leads the pack.", 2e8, "resolution", "px"),
        ("The lens has 50 megapixels.", 5e7, "resolution", "px"),
        ("主摄为5000万像素。", 5e7, "resolution", "px"),
        ("主摄升级到2亿像素。", 2e8, "resolution", "px"),
        ("主鏡頭為2億像素。", 2e8, "resolution", "px"),
        ("主鏡頭為5,000萬像素。", 5e7, "resolution", "px"),
        ("The desktop PSU is 750W.", 750.0, "power", "W"),
        ("An 80W charger is bundled.", 80.0, "power", "W"),
        ("The station offers 480kW charging.", 4.8e5, "power", "W"),
        ("支持80瓦快充。", 80.0, "power", "W"),
        ("The rack delivers 10 petaflops.", 1e16, "compute", "FLOPS"),
        ("The rack delivers 2.6 PFLOPS.", 2.6e15, "compute", "FLOPS"),
        ("The rack delivers 2,600 TFLOPS.", 2.6e15, "compute", "FLOPS"),
        ("Revenue grew twice as fast.", 2.0, "multiple", "x"),
        ("Output rose three times.", 3.0, "multiple", "x"),
        ("出货量增长3倍。", 3.0, "multiple", "x"),
        ("Demand saw a two-fold rise.", 2.0, "multiple", "x"),
        ("It has a 6.78-inch screen.", 0.172212, "length", "m"),
        ("屏幕为6.78英寸。", 0.172212, "length", "m"),
        ("螢幕為6.78吋。", 0.172212, "length", "m"),
        ("The route is 50km long.", 5e4, "length", "m"),
        ("The route is 50 km long.", 5e4, "length", "m"),
        ("全程50公里。", 5e4, "length", "m"),
        ("The wait was 30 minutes.", 1800.0, "duration", "s"),
        ("等待了30分钟。", 1800.0, "duration", "s"),
        ("等待了30 分鐘。", 1800.0, "duration", "s"),
        ("The flight took 3 hours.", 10800.0, "duration", "s"),
        ("飞行3小时。", 10800.0, "duration", "s"),
        ("飛行3 小時。", 10800.0, "duration", "s"),
    ],
)
def test_news_units(text: str, value: float, kind: str, unit: str) -> None:
    q = one(text)
    assert (q.kind, q.unit) == (kind, unit)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["今天气温30度。", "镜头转了90度。", "Prices doubled."])
def test_degree_and_double_are_not_energy_or_multiple(text: str) -> None:
    assert all(q.kind not in ("energy", "multiple") for q in extract_quantities(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("About two thirds of members agreed.", 2 / 3),
        ("It took one and a half days of talks, said aides.", 1.5),
        ("The reading was minus five point five.", -5.5),
        ("Half a dozen firms bid.", 6.0),
        ("Three out of four voters agreed.", 0.75),
        ("One in five adults smokes.", 0.2),
        ("Only 3/4 of seats were filled.", 0.75),
        ("The village has 40 000 residents.", 40000.0),
        ("The fund holds five and a half million shares.", 5.5e6),
    ],
)
def test_english_fractions_and_words(text: str, value: float) -> None:
    qs = extract_with_numerals(text)
    assert any(n == pytest.approx(value) for _, n in qs), [(q.surface, n) for q, n in qs]


@pytest.mark.parametrize(
    "text", ["We met on 3/4 at noon.", "Support is 24/7 now.", "In the first half of the year."]
)
def test_not_fractions(text: str) -> None:
    assert all(q.value not in (0.75, 0.5) for q in extract_quantities(text))


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The ticket cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD"),
        (
            "It sold for thirteen dollars and forty-five cents",
            "thirteen dollars and forty-five cents",
            13.45,
            "USD",
        ),
        ("地铁票价5元3角", "5元3角", 5.3, "CNY"),
        ("这支笔五元三毛", "五元三毛", 5.3, "CNY"),
        ("他付了两美元又三美分", "两美元又三美分", 2.03, "USD"),
        ("She paid 100 Chinese yuan for it.", "100 Chinese yuan", 100.0, "CNY"),
        ("基金持有20个比特币", "20个比特币", 20.0, "BTC"),
        ("超过七成六的受访者同意", "七成六", 76.0, "%"),
        ("店铺周末打对折", "对折", 50.0, "%"),
        ("利润率只有半成", "半成", 5.0, "%"),
    ],
)
def test_compound_amounts_and_word_percentages(
    text: str, surface: str, value: float, unit: str
) -> None:
    found = [q for q in extract_quantities(text) if q.surface.endswith(surface)]
    assert len(found) == 1, extract_quantities(text)
    assert found[0].value == pytest.approx(value) and found[0].unit == unit


@pytest.mark.parametrize(
    "text",
    ["营收增长二三十亿元", "大约三四成的门店", "十折", "他把纸对折了一下"],
)
def test_rough_sizes_and_non_figures_are_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "工厂积压大量半成品",  # semi-finished goods
        "这是半成熟的方案",
        "一半成本来自人工",  # half the cost
        "近一半成员反对",
        "新款采用半折叠屏",
    ],
)
def test_half_words_are_not_percentages(text: str) -> None:
    # 半成 (5%) inside 半成品 or 一半成本 is no share; 一半 itself is 50%
    assert [q.value for q in extract_quantities(text) if q.kind == "percent"] in ([], [50.0])


def test_cheng_tail_is_not_a_following_count() -> None:
    found = extract_quantities("三成六个月内完成")
    assert [(q.surface, q.value) for q in found][0] == ("三成", 30.0)


@pytest.mark.parametrize(
    ("text", "surface", "hedge", "low", "high"),
    [
        ("超过七成六的受访者", "超过七成六", "more_than", 76.0, None),
        ("约七成六", "约七成六", "about", 72.2, 79.8),
        ("七成六左右", "七成六左右", "about", 72.2, 79.8),
        ("门票五元三毛左右", "五元三毛左右", "about", 5.035, 5.565),
    ],
)
def test_merged_amounts_keep_their_hedge(
    text: str, surface: str, hedge: str, low: float | None, high: float | None
) -> None:
    (q,) = extract_quantities(text)
    assert (q.surface, q.hedge) == (surface, hedge)
    assert q.low == (None if low is None else pytest.approx(low))
    assert q.high == (None if high is None else pytest.approx(high))


def test_scaled_amounts_take_no_cents() -> None:
    found = extract_quantities("The label raised $3 million and 50 Cent performed.")
    assert found[0].surface == "$3 million" and found[0].value == 3e6


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("水中铅含量为百万分之五", 0.0005, "percent"),  # 5 ppm
        ("误差不到千万分之六", 6e-05, "percent"),
        ("占比三分之一", 100 / 3, "percent"),  # an ordinary fraction is a share
        ("十分之一的人", 10.0, "percent"),
    ],
)
def test_per_million_rates_are_percentages(text: str, value: float, kind: str) -> None:
    (q,) = extract_quantities(text)
    assert q.kind == kind and q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("销量达１１１，１１１台", [111111.0]),  # full-width digits: a thousands comma
        ("增长百分之９，９９９", [9999.0]),
        ("共3，500人", [3.0, 500.0]),  # after ASCII digits it is a sentence comma
        ("分别为１，２，３", [1.0, 2.0, 3.0]),  # not grouped in threes
        ("编号１２，３４５６", [12.0, 3456.0]),
    ],
)
def test_full_width_thousands_comma(text: str, values: list[float]) -> None:
    assert [q.value for q in extract_quantities(text)] == values


@pytest.mark.parametrize(
    ("text", "kind", "value", "shown"),
    [
        # the kilo of 千瓦 is part of the unit: 120万千瓦 is 1.2 GW, not 1,201,000 W
        ("装机容量120万千瓦的风电场", "power", 1.2e9, "1.2 GW"),
        ("The 1.2-gigawatt wind farm", "power", 1.2e9, "1.2 GW"),
        ("今年已获得订单超过15吉瓦时", "energy", 1.5e10, "> 15 GWh"),
        ("1.2万千米", "length", 1.2e7, "12,000 km"),
        ("三千米长跑", "length", 3000.0, "3 km"),
        ("日产150万桶原油", "volume", 1.5e6 * 158.987294928, "1.5 million barrels"),
        ("pumping 1.5 million barrels a day", "volume", 1.5e6 * 158.987294928,
         "1.5 million barrels"),
        ("中心气压945百帕", "pressure", 94500.0, "945 hPa"),
        ("a central pressure of 945 hectopascals", "pressure", 94500.0, "945 hPa"),
        ("1.26 million mu of wheat", "area", 1.26e6 * 2000 / 3, "1.26 million mu"),
        ("126万亩小麦", "area", 1.26e6 * 2000 / 3, "1.26 million mu"),
        ("an average of 1,160 jin per mu", "mass", 580.0, "1,160 jin"),
        ("a 3-nanometre processor", "length", 3e-9, "3 nm"),
        ("时速100公里", "speed", 100 / 3.6, "100 km/h"),
        # Taiwan's metre
        ("全長3800公尺", "length", 3800.0, "3,800 m"),
        ("約5萬平方公尺", "area", 50000.0, "≈ 50,000 m2"),
        # the singular word unit never cuts a longer one short
        ("20 gigawatt-hours of capacity", "energy", 2e10, "20 GWh"),
        ("about 1.6 billion kilowatt hours", "energy", 1.6e12, "≈ 1.6 billion kWh"),
        # a temperature is compared in Celsius and shown in the scale it was written in
        ("华氏98度的高温", "temperature", (98 - 32) * 5 / 9, "98 °F"),
        ("Temperatures hit 106.3 F.", "temperature", (106.3 - 32) * 5 / 9, "106.3 °F"),
        ("气温降至零下5度", "temperature", -5.0, "−5 °C"),
        ("a crop of 2.41 billion bushels", "volume", 2.41e9 * 35.2390704, "2.41 billion bushels"),
        ("产量2.41亿蒲式耳", "volume", 2.41e8 * 35.2390704, "241 million bushels"),
        ("2,950 pounds of milk", "mass", 2950 * 0.45359237, "2,950 lb"),
    ],
)  # fmt: skip
def test_units_of_energy_farming_and_weather_news_in_both_scripts(
    text: str, kind: str, value: float, shown: str
) -> None:
    from factcheck.formatting import format_quantity

    (q,) = extract_quantities(text)
    assert (q.kind, q.value) == (kind, pytest.approx(value))
    assert format_quantity(q)[0] == shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change and the level it reached are two figures, not a range
        ("Brent crude fell $2.45 to $80.12 a barrel.", [("$2.45", 2.45), ("$80.12", 80.12)]),
        ("股价下跌0.5元至12.3元", [("0.5元", 0.5), ("12.3元", 12.3)]),
        # ... but a range is still a range
        ("prices ranged from $2 to $5", [("from $2 to $5", 3.5)]),
        ("It was up 3 to 5% this year.", [("3 to 5%", 4.0)]),
        # one time, as a race result or a timetable writes it
        ("crossing the line in 2 hours 17 minutes and 8 seconds", [
            ("2 hours 17 minutes and 8 seconds", 8228.0)]),
        ("以2小时17分08秒冲过终点", [("2小时17分08秒", 8228.0)]),
        ("行车间隔缩短至2分30秒", [("2分30秒", 150.0)]),
        ("cut to one hour and 16 minutes", [("one hour and 16 minutes", 4560.0)]),
        ("He ran for 3 hours, then rested 20 minutes.", [("3 hours", 10800.0),
                                                          ("20 minutes", 1200.0)]),
        # degrees glued to the number, where the words speak of heat
        ("Temperatures reached 46.2C (115.2F) on Monday.", [
            ("46.2C", 46.2), ("115.2F", pytest.approx(46.222, abs=1e-3))]),
        ("3C products sold well", []),
        # no Chinese numeral puts two digits side by side
        ("按照十四五规划", []), ("要喝五六瓶水", []), ("位于八一路", []),
        ("十点二三", [("十点二三", 10.23)]),
        # krona / krone in both languages
        ("再削减18亿克朗开支", [("18亿克朗", 1.8e9)]),
        ("another 1.8 billion crowns", [("1.8 billion crowns", 1.8e9)]),
        ("for three straight days", [("three straight days", 259200.0)]),
        ("A magnitude-5.8 earthquake struck.", [("5.8", 5.8)]),
        # a race time written as a clock; a time of day is not one
        ("won the marathon in 2:06:43, a record", [("2:06:43", 7603.0)]),
        ("The meeting started at 10:30:00.", []),
        # an index level is no time of day
        ("指數能否守穩3000點", [("3000", 3000.0)]),
        ("有2000家企业", [("2000", 2000.0)]), ("2020届毕业生", []),
    ],
)  # fmt: skip
def test_news_shapes_read_as_one_figure_each(text: str, expected: list) -> None:
    found = [(q.surface, q.value) for q in extract_quantities(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Lund, 61, has led the country since 2019.", 61.0),
        ("said Anna Berg, 47.", 47.0),
        ("Ruth Chebet, 34, won the race.", 34.0),
    ],
)
def test_a_number_between_commas_after_a_name_is_an_age(text: str, age: float) -> None:
    (q,) = extract_quantities(text)
    assert (q.kind, q.value) == ("age", age)


def test_a_number_between_commas_after_a_month_or_a_list_is_not_an_age() -> None:
    assert [q.kind for q in extract_quantities("In March, 12, people came.")] == ["count"]
    assert [q.kind for q in extract_quantities("said 5 workers, 12 managers.")] == [
        "count", "count"
    ]


@pytest.mark.parametrize(
    ("text", "surface", "kind", "unit", "value"),
    [
        ("三個月期拆息報3.86厘。", "3.86厘", "percent", "%", 3.86),  # Hong Kong rates in 厘
        ("最優惠利率下調0.25厘。", "0.25厘", "percent", "%", 0.25),
        ("按日升5點子。", "5點子", "percentage_point", "pp", 0.05),  # basis points
        ("Rates fell 25 basis points.", "25 basis points", "percentage_point", "pp", 0.25),
        ("降息50个基点。", "50个基点", "percentage_point", "pp", 0.5),
        ("主鏡頭為6,400萬畫素。", "6,400萬畫素", "resolution", "px", 6.4e7),  # Taiwan's 像素
        ("午後最高溫36.2度。", "高溫36.2度", "temperature", "C", 36.2),
        ("病童體溫達39度。", "體溫達39度", "temperature", "C", 39.0),
        ("The victims, aged 19, 23 and 31, were students.", "31", "age", "year", 31.0),
    ],
)
def test_rates_basis_points_pixels_temperatures_and_listed_ages(
    text: str, surface: str, kind: str, unit: str, value: float
) -> None:
    found = {q.surface: q for q in extract_quantities(text)}
    q = found[surface]
    assert (q.kind, q.unit) == (kind, unit) and q.value == pytest.approx(value)


def test_net_buying_is_no_hedge() -> None:
    # 買超/賣超 (Taiwan: net buying / selling): the 超 is no "more than"
    found = extract_quantities("外資買超52.1億元，投信賣超8億元。")
    assert [(q.surface, q.hedge) for q in found] == [("52.1億元", None), ("8億元", None)]
    assert extract_quantities("收入超過300億元")[0].hedge == "more_than"


def test_a_centimetre_is_no_interest_rate() -> None:
    assert extract_quantities("利率上升，雨量達3厘米。")[0].kind == "length"


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # the currency named once, then 元 alone: Taiwan and Hong Kong papers
        ("成交值新台幣3,102億元。台積電上漲15元，收在980元。", ["TWD", "TWD", "TWD"]),
        ("港元拆息回落。恒指成分股成交額逾30億元。", ["HKD"]),
        ("售价折合新台幣90元。另一款以人民幣計價，售價40元。", ["TWD", "CNY"]),
        ("这款手机售价3999元。", ["CNY"]),  # no marker: yuan
    ],
)
def test_a_bare_yuan_takes_the_currency_the_article_named_last(
    text: str, units: list[str]
) -> None:
    from factcheck.extract import extract_claims
    from factcheck.model import Source

    claims = extract_claims(Source.from_text(text, "a.txt"))
    assert [c.quantity.unit for c in claims if c.quantity.kind == "money"] == units


def test_a_falling_score_of_bare_numbers_stays_two_figures() -> None:
    assert [q.surface for q in extract_quantities("They won 4-1 at home.")] == ["4", "1"]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("她以 3 分 52 秒 40 的成績名列第五。", 232.40),
        ("她以3分52秒40的成绩名列第五。", 232.40),
        ("落后 1 分 07 秒 15。", 67.15),
        ("全程用时 2 小时 5 分 11 秒。", 2 * 3600 + 5 * 60 + 11.0),
    ],
)
def test_spaced_chinese_race_times_are_one_duration(text: str, seconds: float) -> None:
    (q,) = extract_quantities(text)
    assert q.kind == "duration" and q.value == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "surface", "seconds"),
    [
        ("She finished in 3:52.41 to take bronze.", "3:52.41", 232.41),  # m:ss.xx
        ("他以1:58.07分钟的成绩夺冠。", "1:58.07分钟", 118.07),
        ("她落後冠軍1分05秒32。", "1分05秒32", 65.32),  # hundredths after 秒
        ("他以9秒87夺得金牌。", "9秒87", 9.87),
    ],
)
def test_lap_times_with_hundredths_are_one_duration(
    text: str, surface: str, seconds: float
) -> None:
    (q,) = [q for q in extract_quantities(text) if q.kind == "duration"]
    assert (q.surface, q.value) == (surface, pytest.approx(seconds))


def test_a_clock_time_is_no_lap_time() -> None:
    assert [q.kind for q in extract_quantities("The meeting starts at 10:30.")] != ["duration"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("香港警方在旺角檢獲面額500元的假鈔。", "HKD"),  # a Hong Kong story, no currency named
        ("台北市新成屋平均每坪98萬元。", "TWD"),
        ("北京新房均价每平方米6.8万元。", "CNY"),  # Simplified: the mainland's yuan
    ],
)
def test_a_traditional_chinese_article_that_names_no_currency_uses_its_places(
    text: str, unit: str
) -> None:
    from factcheck.extract import extract_claims
    from factcheck.model import Source

    (claim,) = [c for c in extract_claims(Source.from_text(text, "a.txt"))]
    assert claim.quantity.unit == unit


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Unemployment rose from 4.8% to 5.1% in May.", ["4.8%", "5.1%"]),  # a change
        ("Fares will go up from HK$9 to HK$10.", ["HK$9", "HK$10"]),
        ("Prices ranging from $5 to $10 were seen.", ["from $5 to $10"]),  # a range
        ("Crowds from 20,000 to 30,000 are expected.", ["from 20,000 to 30,000"]),
    ],
)
def test_a_change_from_one_level_to_another_is_two_figures(
    text: str, surfaces: list[str]
) -> None:
    assert [q.surface for q in extract_quantities(text)] == surfaces


# Units first met in reference and Taiwan / Hong Kong text (tests/parallel: written-wiki,
# written-hant): the figure is read with its kind and its value in base units.
@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("The canal was only 8 m deep.", "8 m", "length", 8.0),
        ("It rises to 3,776 m (12,388 ft).", "3,776 m", "length", 3776.0),
        ("The tower is 220m high.", "220m", "length", 220.0),
        ("Many live less than 10 m above sea level.", "less than 10 m", "length", 10.0),
        ("The museum covers 12,000 m² of floor.", "12,000 m²", "area", 12000.0),
        ("The plateau covers 170,000 km².", "170,000 km²", "area", 1.7e11),
        ("The firm raised $800m last year.", "$800m", "money", 8e8),  # after a currency
        ("An adult heart weighs around 300 g.", "around 300 g", "mass", 0.3),
        ("About 1 in 4 adults was born abroad.", "About 1 in 4", "percent", 25.0),
        ("列车最高时速可达300公里。", "300公里", "speed", 300 / 3.6),
        ("每年蒸发约40万立方公里的水。", "约40万立方公里", "volume", 4e17),
        ("The lake holds 23,000 km³ of water.", "23,000 km³", "volume", 2.3e16),
        ("水庫存有約7,500公升。", "約7,500公升", "volume", 7500.0),  # Taiwan's 公升, 公克
        ("每份約113公克。", "約113公克", "mass", 0.113),
        ("約4盎司的牛排。", "約4盎司", "mass", 0.1133980925),
        ("A beer costs 1,200 krónur.", "1,200 krónur", "money", 1200.0),
        ("全程需三个半小时。", "三个半小时", "duration", 12600.0),
        ("工程延宕了兩個半月。", "兩個半月", "duration", 2.5 * 2629800),
    ],
)
def test_units_of_reference_and_taiwan_text(
    text: str, surface: str, kind: str, value: float
) -> None:
    found = {q.surface: q for q in extract_quantities(text)}
    assert found[surface].kind == kind and found[surface].value == pytest.approx(value)


def test_m_before_a_noun_is_no_metre() -> None:
    # "1.5 m people": a million, written loosely; never 1.5 metres
    assert all(q.kind != "length" for q in extract_quantities("About 1.5 m people voted."))


@pytest.mark.parametrize(
    ("text", "surface", "seconds"),
    [
        ("同一个水分子可能停留1000多年。", "1000多年", 1000 * 31557600.0),  # more than N years
        ("工程持续了3个多月。", "3个多月", 3 * 2629800.0),
        ("他休養了20余天。", "20余天", 20 * 86400.0),
        ("长城历经2000多年修筑。", "2000多年", 2000 * 31557600.0),  # never the year 2000
    ],
)
def test_more_than_n_units_of_time(text: str, surface: str, seconds: float) -> None:
    (q,) = [q for q in extract_quantities(text) if q.surface == surface]
    assert (q.kind, q.hedge, q.high) == ("duration", "more_than", None)
    assert q.low == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("声音在空气中每秒约传播343米。", "343米", "speed"),  # a verb after 每秒
        ("Its main span of 880 m is the longest.", "880 m", "length"),
    ],
)
def test_speeds_after_a_verb_and_metres_before_a_verb(text: str, surface: str, kind: str) -> None:
    assert {q.surface: q.kind for q in extract_quantities(text)}[surface] == kind


@pytest.mark.parametrize(
    "text, surface, low, high, hedge",
    [
        # the low end is bare until the unit after the high end makes both a temperature
        ("Highs of 26-28 degrees Celsius.", "26-28 degrees Celsius", 26.0, 28.0, "range"),
        # each end of a Fahrenheit range is converted with the offset, not scaled
        ("between 90 and 95 degrees Fahrenheit", "between 90 and 95 degrees Fahrenheit",
         (90 - 32) * 5 / 9, 35.0, "range"),
        # the hedge after the unit, once the unit is read
        ("最高气温12度以上。", "气温12度以上", 12.0, None, "more_than"),
        ("It reached 35°C or more.", "35°C or more", 35.0, None, "at_least"),
    ],
)  # fmt: skip
def test_temperature_ranges_and_hedges(
    text: str, surface: str, low: float, high: float | None, hedge: str
) -> None:
    (q,) = extract_quantities(text)
    assert (q.surface, q.kind, q.hedge) == (surface, "temperature", hedge)
    assert q.low == pytest.approx(low)
    assert q.high == pytest.approx(high) if high is not None else q.high is None


@pytest.mark.parametrize(
    "text, surface, hedge",
    [
        ("事故造成3人以上死亡。", "3人以上", "more_than"),
        ("全市有8000户以上受灾。", "8000户以上", "more_than"),
        ("年销量30万辆左右。", "30万辆左右", "about"),
        ("每组3人以下。", "3人以下", "up_to"),
    ],
)
def test_a_hedge_after_the_counted_nouns_classifier_is_kept(
    text: str, surface: str, hedge: str
) -> None:
    # read literally, 3人以上 is exactly 3, and would contradict "five people"
    (q,) = extract_quantities(text)
    assert (q.surface, q.kind, q.hedge) == (surface, "count", hedge)


@pytest.mark.parametrize(
    "text",
    [
        "週二陸股三大指數全數收紅。",  # Taiwan's 陸股 are mainland shares; 二陸 is no 26
        "陸股銀行類股早盤下跌。",
        "The resale market saw 9,100 second-hand homes change hands.",  # no seconds
    ],
)
def test_words_that_look_like_numerals_or_units(text: str) -> None:
    kinds = [(q.surface, q.kind) for q in extract_quantities(text)]
    assert all(kind != "duration" for _, kind in kinds)
    assert not any("陸" in surface for surface, _ in kinds)


@pytest.mark.parametrize(
    "text",
    [
        "当地发生里氏6.3级地震。",
        "外海發生規模6.3地震。",
        "A magnitude-6.3 earthquake struck.",
        "A 6.3-magnitude quake hit the coast.",
        "The quake measured 6.3 on the Richter scale.",
        "An M6.3 aftershock followed.",
        "最大余震为6.3级。",
    ],
)
def test_an_earthquakes_magnitude_is_a_scale_of_its_own(text: str) -> None:
    (q,) = extract_quantities(text)
    assert (q.kind, q.unit, q.value) == ("magnitude", "M", 6.3)


def test_wind_and_alert_grades_stay_counts_beside_a_quake() -> None:
    assert [q.kind for q in extract_quantities("地震后风力达到10级。")] == ["count"]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # a bracketed conversion names its own figures' currency, not the sentence's others
        ("起售價為12.5萬元人民幣（約新台幣55萬元），高配版售價16.8萬元。", ["CNY", "TWD", "CNY"]),
        ("月薪人民幣7000元（約新台幣3萬元）。", ["CNY", "TWD"]),
        # named outside a bracket, it holds for every bare 元 of the text, as before
        ("成交值新台幣3,102億元，台積電收在980元。", ["TWD", "TWD"]),
    ],
)
def test_a_currency_in_a_conversion_bracket_stays_in_it(text: str, units: list[str]) -> None:
    from factcheck.extract import extract_claims
    from factcheck.model import Source

    claims = extract_claims(Source("s1", "a.txt", text, "utf-8", "zh-Hant"))
    assert [c.quantity.unit for c in claims if c.quantity.kind == "money"] == units


def test_a_han_numeral_inside_a_known_name_is_no_figure() -> None:
    # 百度 is Baidu, not 100; 大陸 holds 陸, the formal six. A real count beside a name, and
    # a numeral in a name the page only suggests (三款手机), stay figures.
    from factcheck.extract import extract_claims
    from factcheck.model import Source

    def surfaces(text: str) -> list[str]:
        source = Source("s", "s.txt", text, "utf-8", "zh-Hans")
        return [c.quantity.surface for c in extract_claims(source)]

    assert surfaces("百度用上了昆仑，腾讯用上了燧原。") == []
    assert surfaces("三星电子第三季度营业利润为9.1万亿韩元。") == ["9.1万亿韩元"]
    assert "三" in surfaces("三款手机都支持4K视频录制。")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Losses reached 16% over five trading days.", 5),
        ("连续5个交易日下跌。", 5),
        ("須在10個工作日內完成。", 10),
        ("It was the fifth gain in seven trading sessions.", 7),
        ("Shares rose for two straight sessions.", 2),
    ],
)
def test_a_markets_or_an_offices_days_are_a_duration_in_every_script(text: str, days: int) -> None:
    # counted as days, so that "5个交易日" and "five trading days" are one figure, and
    # neither is a bare count beside "四种情况"
    (q,) = [q for q in extract_quantities(text) if q.kind == "duration"]
    assert q.value == days * 86400.0
