#!/usr/bin/env python3
"""Generate a synthetic multilingual news corpus for benchmarking ``factcheck``.

    python benchmarks/generate_corpus.py OUTDIR --articles 10000 --seed 7
    python benchmarks/generate_corpus.py OUTDIR --articles 200 --manifest truth.jsonl

The corpus is a set of invented *events* (a company's quarterly results, an EV maker's
deliveries, a phone launch, a city budget, a cloud company's earnings, a drug trial readout),
each reported by 1-5 articles in English (~60%), Simplified Chinese and Traditional Chinese
(~40% together). Outlets retell a subset of the event's facts with their own wording, rounding,
hedges and scale words; about 1 figure in 12 is perturbed on purpose (a real contradiction),
and articles also carry figures for other periods, rival companies, page furniture and
unrelated briefs. A typical article holds 8-15 numeric claims.

Stdlib only; deterministic for a given seed (no set iteration, no hash-dependent order);
10,000 articles take a few seconds. Files are UTF-8 ``NNNNN_<lang>.txt``; with
``--mixed-encodings`` about 5% of the Chinese files are written as GB18030 / Big5 instead.
``--manifest`` writes one JSON line per article (event id, language, facts stated and whether a
figure was perturbed) for scoring; it is written outside OUTDIR only if you say so.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys

# ----------------------------------------------------------------------------- names

EN_HEAD = ["Nor", "Vel", "Cal", "Ast", "Ori", "Lum", "Zen", "Kor", "Tal", "Mer", "Sol", "Pyr",
           "Dar", "Hel", "Quin", "Brav", "Cor", "Elar", "Fen", "Gal", "Iso", "Jun", "Kest", "Lyr",
           "Mav", "Nex", "Oph", "Pell", "Rho", "Syn", "Tor", "Ulm", "Vir", "Wex", "Xan", "Yar"]
EN_TAIL = ["tron", "ium", "ora", "ex", "ion", "ara", "on", "ix", "is", "ent", "ova", "ics",
           "ar", "eon", "ya", "lux", "mont", "wave", "field", "stone", "bridge", "gate"]
ZH_A = ["华", "星", "云", "海", "锐", "腾", "博", "泰", "宏", "智", "瑞", "恒", "嘉", "新", "远",
        "光", "澜", "启", "联", "晶", "极", "鸿", "朗", "景", "辰", "芯", "岳", "翔", "卓", "天"]
ZH_B = ["明", "川", "达", "源", "驰", "微", "创", "拓", "峰", "航", "芯", "禾", "杉", "途", "越",
        "航", "信", "和", "科", "望", "耀", "石", "湖", "诚", "谷", "盛", "图", "川", "原", "凌"]

# Simplified -> Traditional for every simplified-only character used in this file's Chinese
# text (names and templates). Characters not listed are the same in both scripts.
S2T = {}
# Character by character, so a character with two Traditional forms gets the one our
# templates need: 里 stays 里 (公里, 里程) and 准 stays 准 (批准).
S2T.update({"余": "餘", "后": "後", "里": "里", "发": "發", "台": "台", "干": "幹", "么": "麼",
            "闻": "聞", "讯": "訊", "记": "記", "者": "者", "综": "綜", "合": "合", "观": "觀",
            "点": "點", "软": "軟", "件": "件", "户": "戶", "订": "訂", "阅": "閱", "际": "際",
            "众": "眾", "满": "滿", "约": "約", "间": "間", "时": "時", "个": "個", "环": "環",
            "为": "為", "权": "權", "标": "標", "准": "准", "调": "調", "节": "節", "场": "場",
            "币": "幣", "换": "換", "汇": "匯", "兑": "兌", "银": "銀", "行": "行", "涨": "漲",
            "跌": "跌", "盘": "盤", "报": "報", "纳": "納", "斯": "斯", "克": "克", "数": "數",
            "议": "議", "让": "讓", "规": "規", "划": "劃", "们": "們", "来": "來", "实": "實",
            "现": "現", "过": "過", "达": "達", "还": "還", "进": "進", "这": "這", "边": "邊",
            "厂": "廠", "线": "線", "级": "級", "续": "續", "状": "狀", "态": "態", "单": "單",
            "员": "員", "览": "覽", "读": "讀", "荐": "薦", "热": "熱", "扫": "掃", "码": "碼",
            "关": "關", "号": "號", "资": "資", "财": "財", "经": "經", "频": "頻", "道": "道",
            "专": "專", "栏": "欄", "责": "責", "编": "編", "辑": "輯", "声": "聲", "明": "明",
            "仅": "僅", "构": "構", "险": "險", "谨": "謹", "慎": "慎", "载": "載", "转": "轉",
            "无": "無", "证": "證", "确": "確", "认": "認", "较": "較", "幅": "幅", "显": "顯",
            "著": "著", "试": "試", "验": "驗", "疗": "療", "药": "藥", "临": "臨", "批": "批",
            "获": "獲", "审": "審", "适": "適", "剂": "劑", "组": "組", "结": "結", "测": "測",
            "预": "預", "销": "銷", "额": "額", "覆": "覆", "盖": "蓋", "县": "縣", "区": "區",
            "卫": "衛", "生": "生", "办": "辦", "厅": "廳", "费": "費", "长": "長", "补": "補",
            "贴": "貼", "处": "處", "岁": "歲", "赤": "赤", "债": "債", "务": "務", "拨": "撥",
            "项": "項", "设": "設", "施": "施", "轮": "輪", "融": "融", "估": "估", "值": "值",
            "选": "選", "优": "優", "质": "質", "业": "業", "诊": "診", "队": "隊", "阶": "階",
            "荷": "荷", "航": "航", "瓦": "瓦", "钟": "鐘", "寸": "寸", "屏": "屏", "别": "別",
            "变": "變", "顿": "頓", "产": "產", "摄": "攝", "镜": "鏡", "头": "頭", "录": "錄",
            "视": "視", "与": "與", "传": "傳", "统": "統", "亿": "億", "万": "萬", "营": "營",
            "收": "收", "净": "淨", "润": "潤", "元": "元", "季": "季", "据": "據", "亚": "亞",
            "布": "佈", "充": "充", "电": "電", "池": "池", "内": "內", "存": "存", "储": "儲",
            "亮": "亮", "货": "貨", "售": "售", "份": "份", "总": "總", "计": "計", "增": "增",
            "减": "減", "少": "少", "该": "該", "每": "每", "股": "股", "盈": "盈", "毛": "毛",
            "利": "利", "率": "率", "心": "心", "说": "說", "称": "稱", "将": "將", "同": "同",
            "表": "表", "广": "廣", "告": "告", "参": "參", "考": "考", "成": "成", "风": "風",
            "稿": "稿", "源": "源", "门": "門", "推": "推", "请": "請", "击": "擊", "注": "注",
            "双": "雙", "监": "監", "会": "會", "对": "對", "开": "開", "术": "術", "运": "運",
            "压": "壓", "轻": "輕", "应": "應", "链": "鏈", "患": "患", "政": "政", "算": "算",
            "字": "字", "目": "目", "执": "執", "济": "濟", "军": "軍", "赛": "賽", "价": "價",
            "馆": "館", "网": "網", "马": "馬", "逊": "遜", "车": "車", "机": "機", "络": "絡",
            "动": "動", "医": "醫", "导": "導", "体": "體", "华": "華", "云": "雲", "锐": "銳",
            "腾": "騰", "远": "遠", "澜": "瀾", "启": "啟", "联": "聯", "极": "極", "鸿": "鴻",
            "岳": "岳", "驰": "馳", "创": "創", "诚": "誠", "图": "圖", "凌": "凌", "晶": "晶",
            "芯": "芯", "翔": "翔", "卓": "卓", "微": "微", "途": "途", "杉": "杉", "谷": "谷",
            "盛": "盛", "信": "信", "科": "科", "耀": "耀", "湖": "湖", "峰": "峰", "拓": "拓",
            "川": "川", "禾": "禾", "望": "望", "石": "石", "原": "原", "纪": "紀", "高": "高",
            "历": "歷", "史": "史", "新": "新", "期": "期", "买": "買", "卖": "賣", "宽": "寬",
            "带": "帶", "功": "功", "耗": "耗", "艺": "藝", "米": "米", "驶": "駛", "乘": "乘",
            "用": "用", "团": "團", "签": "簽", "顾": "顧", "问": "問", "题": "題", "园": "園",
            "学": "學", "校": "校", "铁": "鐵", "桥": "橋", "训": "訓", "练": "練", "块": "塊",
            "页": "頁", "面": "面", "两": "兩", "欢": "歡", "迎": "迎", "惠": "惠", "购": "購",
            "层": "層"})

S2T.update({"竞": "競", "争": "爭", "辆": "輛", "绩": "績", "炉": "爐", "岗": "崗", "恒": "恆",
            "备": "備", "从": "從", "础": "礎", "贡": "貢", "献": "獻", "当": "當", "吴": "吳",
            "刘": "劉", "赵": "趙", "陈": "陳", "静": "靜", "晓": "曉", "张": "張", "伟": "偉"})


def to_hant(s: str) -> str:
    return "".join(S2T.get(c, c) for c in s)


# ----------------------------------------------------------------------------- numbers

CN_DIGITS = "零一二三四五六七八九"


def cn_int(n: int) -> str:
    """Chinese numerals for 1..9999 (一百二十, 四十五, 五十五)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, units = "", ["千", "百", "十", ""]
    s = f"{n:04d}"
    zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += CN_DIGITS[d] + units[i]
    if out.startswith("一十"):
        out = out[1:]
    return out


def fmt(x: float, nd: int) -> str:
    """Fixed decimals, trailing zeros trimmed, thousands separators on the integer part."""
    s = f"{x:,.{nd}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def sig_round(x: float, sig: int) -> float:
    if x == 0:
        return 0.0
    from math import floor, log10

    return round(x, -int(floor(log10(abs(x)))) + (sig - 1))


# Hedge words, chosen so the rounded value stays true (about/约 around a rounded figure,
# "more than" only when the printed figure is below the true one, ...).
def en_hedge(rng: random.Random, true: float, shown: float) -> str:
    if shown < true and rng.random() < 0.5:
        return rng.choice(["more than ", "over ", "just over "])
    if shown > true and rng.random() < 0.5:
        return rng.choice(["nearly ", "almost ", "just under "])
    if shown != true:
        return rng.choice(["about ", "roughly ", "around ", "some ", ""])
    return ""


def zh_hedge(rng: random.Random, true: float, shown: float) -> tuple[str, str]:
    if shown < true and shown == int(shown) and rng.random() < 0.5:
        return "", rng.choice(["多", "余"])
    if shown > true and rng.random() < 0.5:
        return rng.choice(["近", "接近"]), ""
    if shown != true:
        if rng.random() < 0.25:
            return "", "左右"
        return rng.choice(["约", "约", "大约", ""]), ""
    return "", ""


def money_en(rng: random.Random, usd: float, cur: str = "USD") -> str:
    sym = {"USD": "$", "CNY": "", "EUR": "€", "HKD": "HK$"}[cur]
    suffix = " yuan" if cur == "CNY" else ""
    if usd >= 1e9:
        style = rng.random()
        if style < 0.55:
            shown = round(usd / 1e9, 2)
            word = " billion"
        elif style < 0.8:
            shown = round(usd / 1e9, 1)
            word = " billion"
        elif style < 0.9:
            shown = round(usd / 1e9, 2)
            word = "bn"
        else:
            shown = round(usd / 1e6, 0) / 1000
            return f"{sym}{fmt(shown * 1000, 0)} million{suffix}"
        hedge = en_hedge(rng, usd / 1e9, shown)
        if cur == "CNY":
            return f"{hedge}{fmt(shown, 2)}{word} yuan"
        return f"{hedge}{sym}{fmt(shown, 2)}{word}"
    if usd >= 1e6:
        shown = round(usd / 1e6, 1)
        hedge = en_hedge(rng, usd / 1e6, shown)
        if cur == "CNY":
            return f"{hedge}{fmt(shown, 1)} million yuan"
        return f"{hedge}{sym}{fmt(shown, 1)} million"
    shown = round(usd, 2)
    if cur == "CNY":
        return f"{fmt(shown, 2)} yuan"
    return f"{sym}{fmt(shown, 2)}"


def money_zh(rng: random.Random, amount: float, cur: str = "USD") -> str:
    unit = {"USD": "美元", "CNY": "元", "EUR": "欧元", "HKD": "港元"}[cur]
    if amount >= 1e12 and rng.random() < 0.7:
        shown = round(amount / 1e12, 2)
        pre, post = zh_hedge(rng, amount / 1e12, shown)
        return f"{pre}{fmt(shown, 2)}万亿{unit}{post}"
    if amount >= 1e8:
        r = rng.random()
        if r < 0.5:
            shown = round(amount / 1e8, 1)
        elif r < 0.8:
            shown = round(amount / 1e8, 0)
        else:
            shown = round(amount / 1e8, 2)
        pre, post = zh_hedge(rng, amount / 1e8, shown)
        if shown == int(shown) and 10 <= shown < 1000 and rng.random() < 0.08:
            return f"{pre}{cn_int(int(shown))}亿{unit}{post}"
        return f"{pre}{fmt(shown, 2)}亿{unit}{post}"
    if amount >= 1e4:
        shown = round(amount / 1e4, 2)
        pre, post = zh_hedge(rng, amount / 1e4, shown)
        return f"{pre}{fmt(shown, 2)}万{unit}{post}"
    return f"{fmt(amount, 2)}{unit}"


def count_en(rng: random.Random, n: int) -> str:
    r = rng.random()
    if n >= 1_000_000 and r < 0.6:
        shown = round(n / 1e6, 1)
        return f"{en_hedge(rng, n / 1e6, shown)}{fmt(shown, 1)} million"
    if n >= 10_000 and r < 0.3:
        shown = round(n, -3)
        return f"{en_hedge(rng, n, shown)}{fmt(shown, 0)}"
    return fmt(n, 0)


def count_zh(rng: random.Random, n: int) -> str:
    r = rng.random()
    if n >= 100_000_000:
        shown = round(n / 1e8, 2)
        pre, post = zh_hedge(rng, n / 1e8, shown)
        return f"{pre or ('约' if post else '')}{fmt(shown, 2)}亿"
    if n >= 10_000 and r < 0.65:
        shown = round(n / 1e4, 1 if r < 0.4 else 2)
        pre, post = zh_hedge(rng, n / 1e4, shown)
        pre, post = pre or ("约" if post == "左右" else ""), ""  # "万左右台" reads badly
        if shown == int(shown) and shown < 1000 and rng.random() < 0.15:
            return f"{pre}{cn_int(int(shown))}万{post}"
        return f"{pre}{fmt(shown, 2)}万{post}"
    return fmt(n, 0) if rng.random() < 0.7 else str(n)


def pct_en(rng: random.Random, p: float) -> str:
    r = rng.random()
    if r < 0.25:
        shown = round(p)
        return f"{en_hedge(rng, p, shown)}{fmt(shown, 0)}%"
    if r < 0.35:
        return f"{fmt(p, 1)} per cent"
    return f"{fmt(p, 1)}%"


def pct_zh(rng: random.Random, p: float) -> str:
    r = rng.random()
    if r < 0.2:
        shown = round(p)
        pre, post = zh_hedge(rng, p, shown)
        return f"{pre}{fmt(shown, 0)}%{post}"
    if r < 0.27 and p == int(p) and 0 < p < 100:
        return f"百分之{cn_int(int(p))}"
    return f"{fmt(p, 1)}%"


# ----------------------------------------------------------------------------- facts

class Fact:
    __slots__ = ("key", "kind", "value", "unit", "subject", "period")

    def __init__(self, key, kind, value, unit, subject, period):
        self.key, self.kind, self.value, self.unit = key, kind, value, unit
        self.subject, self.period = subject, period


def perturb(rng: random.Random, f: Fact) -> Fact:
    v = f.value
    if f.kind in ("pct", "pp"):
        choice = rng.random()
        if choice < 0.4 and v >= 10:
            s = f"{v:.1f}"
            a, b = s.split(".")
            nv = float(a[::-1] + "." + b) if len(a) == 2 and a[0] != a[1] else v + 3.0
        else:
            nv = v + rng.choice([-1, 1]) * rng.choice([1.5, 2.0, 3.0, 4.0])
        nv = round(max(nv, 0.5), 1)
    else:
        nv = v * rng.choice([0.8, 0.85, 1.15, 1.2, 1.25, 0.75])
        if isinstance(v, int):
            nv = int(nv)
    return Fact(f.key, f.kind, nv, f.unit, f.subject, f.period)


def render_value(rng: random.Random, f: Fact, zh: bool) -> str:
    k, v, u = f.kind, f.value, f.unit
    if k == "money":
        return money_zh(rng, v, u) if zh else money_en(rng, v, u)
    if k == "count":
        return count_zh(rng, int(v)) if zh else count_en(rng, int(v))
    if k == "pct":
        return pct_zh(rng, v) if zh else pct_en(rng, v)
    if k == "pp":
        return f"{fmt(v, 1)}个百分点" if zh else f"{fmt(v, 1)} percentage points"
    if k == "eps":
        return f"{fmt(v, 2)}美元" if zh else f"${v:.2f}"
    if k == "mult":
        if zh:
            return f"{fmt(v, 1)}倍"
        words = {2.0: "twice", 3.0: "three times", 4.0: "four times", 1.5: "1.5 times"}
        return words.get(v, f"{fmt(v, 1)} times") if rng.random() < 0.6 else f"{fmt(v, 1)}x"
    if k == "spec":
        zh_units = {"GB": "GB", "TB": "TB", "TFLOPS": " TFLOPS", "W": "W", "nm": "纳米",
                    "mAh": "mAh", "kWh": "kWh", "km": "公里", "min": "分钟", "kW": "千瓦",
                    "inch": "英寸", "MP": "万像素", "nits": "尼特", "TB/s": "TB/s", "g": "克",
                    "Hz": "Hz"}
        en_units = {"GB": "GB", "TB": "TB", "TFLOPS": " TFLOPS", "W": "W", "nm": "nm",
                    "mAh": "mAh", "kWh": " kWh", "km": " km", "min": " minutes", "kW": "kW",
                    "inch": "-inch", "MP": "MP", "nits": " nits", "TB/s": "TB/s", "g": "g",
                    "Hz": "Hz"}
        if zh:
            if u == "MP":
                if v >= 100 and v % 100 == 0:
                    return f"{fmt(v / 100, 0)}亿像素"
                return f"{fmt(v * 100, 0)}万像素"
            if u == "mAh" and rng.random() < 0.3:
                return f"{fmt(v, 0)}毫安时"
            if u == "kWh" and rng.random() < 0.3:
                return f"{fmt(v, 1)}度"
            return f"{fmt(v, 2)}{zh_units[u]}"
        if u == "TFLOPS" and v >= 1000 and rng.random() < 0.4:
            return f"{fmt(v / 1000, 2)} PFLOPS"
        return f"{fmt(v, 2) if u != 'mAh' else fmt(v, 0)}{en_units[u]}"
    raise ValueError(k)


# Each metric: key -> (kind, unit, value sampler, English templates, Chinese templates).
# Templates use {E} entity, {P} period, {V} value, {X} product.
def sectors():
    return {
        "chip": dict(
            en_suffix=["Semiconductor", "Micro", "Silicon", "Devices", "Chips"],
            zh_suffix=["半导体", "微电子", "芯片", "科技"],
            products=["{N}-{d}00", "{N} X{d}", "{N}{d} Ultra"],
            metrics=[
                ("revenue", "money", "USD", lambda r: r.uniform(0.4, 40) * 1e9,
                 ["{E} reported {P} revenue of {V}.", "Revenue came in at {V} in {P}.",
                  "{E}'s sales for {P} totalled {V}, the company said."],
                 ["{E}{P}营收{V}。", "{P}，{E}实现营业收入{V}。", "{E}公布{P}收入为{V}。"]),
                ("rev_growth", "pct", "%", lambda r: round(r.uniform(2, 80), 1),
                 ["That was up {V} from a year earlier.", "Sales grew {V} year on year."],
                 ["同比增长{V}。", "较去年同期增长{V}。"]),
                ("dc_rev", "money", "USD", lambda r: r.uniform(0.2, 20) * 1e9,
                 ["Data-center revenue reached {V}.", "The data-center unit brought in {V}."],
                 ["其中数据中心业务收入{V}。", "数据中心业务贡献{V}收入。"]),
                ("gross_margin", "pct", "%", lambda r: round(r.uniform(30, 75), 1),
                 ["Gross margin was {V}.", "Its gross margin came to {V}."],
                 ["毛利率为{V}。", "当季毛利率达到{V}。"]),
                ("eps", "eps", "USD", lambda r: round(r.uniform(0.1, 6), 2),
                 ["Adjusted earnings per share were {V}.",
                  "It earned {V} a share on an adjusted basis."],
                 ["经调整每股收益为{V}。", "每股盈利{V}。"]),
                ("guidance", "money", "USD", lambda r: r.uniform(0.4, 45) * 1e9,
                 ["For {N}, it expects revenue of {V}.", "{E} guided next-quarter sales to {V}."],
                 ["公司预计{N}营收为{V}。", "{E}预计下一季度收入约{V}。"]),
                ("memory", "spec", "GB", lambda r: r.choice(
                    [48, 64, 80, 96, 128, 141, 192, 256, 288]),
                 ["The {X} carries {V} of HBM.", "Each {X} has {V} of high-bandwidth memory."],
                 ["{X}配备{V} HBM显存。", "{X}搭载{V}高带宽内存。"]),
                ("compute", "spec", "TFLOPS", lambda r: r.choice(
                    [148, 296, 450, 989, 1250, 1980, 2500, 4500]),
                 ["The {X} delivers {V} of FP16 compute.", "{X} is rated at {V}."],
                 ["{X}的FP16算力为{V}。", "{X}算力达到{V}。"]),
                ("power", "spec", "W", lambda r: r.choice(
                    [300, 350, 400, 500, 700, 750, 1000, 1200]),
                 ["It draws up to {V}.", "The {X} is rated at {V}."],
                 ["功耗为{V}。", "{X}的功耗达到{V}。"]),
                ("node", "spec", "nm", lambda r: r.choice([2, 3, 4, 5, 7]),
                 ["It is built on a {V} process.", "The {X} uses {V} technology."],
                 ["{X}采用{V}工艺。", "该芯片基于{V}制程。"]),
                ("bandwidth", "spec", "TB/s", lambda r: r.choice([2.0, 3.35, 4.0, 4.8, 8.0]),
                 ["Memory bandwidth is {V}.", "It moves data at {V}."],
                 ["内存带宽{V}。", "显存带宽达到{V}。"]),
            ]),
        "ev": dict(
            en_suffix=["Motors", "Auto", "EV", "Automotive"],
            zh_suffix=["汽车", "新能源", "汽车集团"],
            products=["{N} S{d}", "{N} {d}", "{N}-Q{d}"],
            metrics=[
                ("deliveries", "count", "", lambda r: r.randint(8_000, 480_000),
                 ["{E} delivered {V} vehicles in {P}.", "Deliveries reached {V} in {P}."],
                 ["{E}{P}交付新车{V}辆。", "{P}，{E}共交付{V}辆汽车。"]),
                ("deliv_growth", "pct", "%", lambda r: round(r.uniform(3, 120), 1),
                 ["That is {V} more than a year earlier.", "Deliveries rose {V} year on year."],
                 ["同比增长{V}。", "按年增长{V}。"]),
                ("target", "count", "", lambda r: r.choice(
                    [100_000, 200_000, 300_000, 450_000, 600_000, 1_000_000]),
                 ["The full-year target is {V} cars.", "{E} aims to sell {V} vehicles this year."],
                 ["全年交付目标为{V}辆。", "{E}今年的销量目标是{V}辆。"]),
                ("battery", "spec", "kWh", lambda r: r.choice(
                    [60.0, 75.0, 82.5, 90.0, 100.0, 115.0]),
                 ["The {X} has a {V} battery.", "A {V} pack powers the {X}."],
                 ["{X}搭载{V}电池。", "{X}电池容量为{V}。"]),
                ("range", "spec", "km", lambda r: r.choice([520, 600, 650, 705, 750, 800, 902]),
                 ["It is rated for {V} of range on the CLTC cycle.", "CLTC range is {V}."],
                 ["CLTC续航{V}。", "{X}的CLTC续航里程为{V}。"]),
                ("charge_time", "spec", "min", lambda r: r.choice([10, 12, 15, 18, 20, 25]),
                 ["A 10-80% charge takes {V}.", "It charges from 10% to 80% in {V}."],
                 ["从10%充至80%需要{V}。", "充电10%至80%仅需{V}。"]),
                ("price", "money", "CNY", lambda r: r.choice(
                    [149900, 189900, 229900, 259900, 299900, 349900, 459900]),
                 ["Prices start at {V}.", "The {X} costs from {V}."],
                 ["售价{V}起。", "{X}起售价为{V}。"]),
                ("share", "pct", "%", lambda r: round(r.uniform(1, 25), 1),
                 ["Its market share reached {V}.", "{E} now holds {V} of the market."],
                 ["市场份额达到{V}。", "{E}的市场占有率为{V}。"]),
            ]),
        "phone": dict(
            en_suffix=["Mobile", "Phone", "Devices", "Tech"],
            zh_suffix=["手机", "通讯", "移动", "科技"],
            products=["{N} {d} Pro", "{N} X{d}", "{N} Note {d}"],
            metrics=[
                ("battery", "spec", "mAh", lambda r: r.choice([4500, 5000, 5500, 6000, 6500, 7000]),
                 ["The {X} packs a {V} battery.", "Battery capacity is {V}."],
                 ["{X}内置{V}电池。", "电池容量为{V}。"]),
                ("charging", "spec", "W", lambda r: r.choice([45, 67, 80, 90, 100, 120, 150]),
                 ["It supports {V} wired charging.", "Wired charging tops out at {V}."],
                 ["支持{V}有线快充。", "有线充电功率达{V}。"]),
                ("ram", "spec", "GB", lambda r: r.choice([8, 12, 16, 24]),
                 ["The top model has {V} of RAM.", "RAM goes up to {V}."],
                 ["最高配备{V}运行内存。", "内存最高{V}。"]),
                ("storage", "spec", "TB", lambda r: r.choice([0.5, 1, 2]),
                 ["Storage goes up to {V}.", "You can get up to {V} of storage."],
                 ["存储最高{V}。", "机身存储可选{V}。"]),
                ("camera", "spec", "MP", lambda r: r.choice([50, 64, 108, 200]),
                 ["The main camera has {V}.", "A {V} sensor leads the camera array."],
                 ["主摄像头为{V}。", "后置{V}主摄。"]),
                ("price", "money", "CNY", lambda r: r.choice(
                    [1999, 2499, 3299, 3999, 4999, 5999, 6999, 7999]),
                 ["It starts at {V}.", "The base model costs {V}."],
                 ["起售价{V}。", "基础版售价{V}。"]),
                ("preorders", "count", "", lambda r: r.randint(50_000, 3_000_000),
                 ["{E} logged {V} pre-orders in 24 hours.",
                  "Reservations passed {V} on the first day."],
                 ["首日预约量突破{V}。", "开售24小时预订量达{V}。"]),
                ("shipments", "count", "", lambda r: r.randint(1_000_000, 60_000_000),
                 ["{E} shipped {V} phones in {P}.", "Shipments reached {V} units in {P}."],
                 ["{E}{P}出货量为{V}台。", "{P}，{E}手机出货{V}台。"]),
                ("share", "pct", "%", lambda r: round(r.uniform(2, 25), 1),
                 ["That gave it {V} of the market.", "Its market share was {V}."],
                 ["市场份额为{V}。", "市占率达到{V}。"]),
            ]),
        "cloud": dict(
            en_suffix=["Cloud", "Software", "Systems", "Data"],
            zh_suffix=["云", "软件", "数据", "信息"],
            products=["{N} One", "{N} Cloud {d}", "{N} AI {d}"],
            metrics=[
                ("revenue", "money", "USD", lambda r: r.uniform(0.05, 12) * 1e9,
                 ["{E} posted {P} revenue of {V}.", "Revenue in {P} was {V}."],
                 ["{E}{P}收入为{V}。", "{P}营收达到{V}。"]),
                ("arr", "money", "USD", lambda r: r.uniform(0.1, 20) * 1e9,
                 ["Annual recurring revenue reached {V}.", "ARR stood at {V}."],
                 ["年度经常性收入达到{V}。", "ARR为{V}。"]),
                ("customers", "count", "", lambda r: r.randint(800, 250_000),
                 ["It now has {V} paying customers.", "Paying customers rose to {V}."],
                 ["付费客户数达到{V}家。", "公司付费客户增至{V}家。"]),
                ("nrr", "pct", "%", lambda r: round(r.uniform(95, 140), 1),
                 ["Net revenue retention was {V}.", "Net retention came in at {V}."],
                 ["净收入留存率为{V}。", "净留存率{V}。"]),
                ("op_margin", "pct", "%", lambda r: round(r.uniform(-20, 35), 1),
                 ["Operating margin was {V}.", "It reported an operating margin of {V}."],
                 ["营业利润率为{V}。", "经营利润率为{V}。"]),
                ("margin_change", "pp", "pp", lambda r: round(r.uniform(0.3, 6), 1),
                 ["Margin improved by {V}.", "That was an improvement of {V}."],
                 ["利润率提升{V}。", "较上年提高{V}。"]),
                ("buyback", "money", "USD", lambda r: r.choice([0.5, 1, 2, 5, 10]) * 1e9,
                 ["The board approved a {V} buyback.", "It announced a {V} share repurchase."],
                 ["董事会批准{V}股票回购计划。", "公司宣布回购{V}股票。"]),
            ]),
        "budget": dict(
            en_suffix=["City", "Province", "Prefecture"],
            zh_suffix=["市", "省", "州"],
            products=["{N} Metro Line {d}", "{N} Bay Bridge", "{N} Science Park"],
            metrics=[
                ("spending", "money", "CNY", lambda r: r.uniform(80, 3000) * 1e8,
                 ["{E} plans total spending of {V} in {P}.",
                  "The {P} budget sets spending at {V}."],
                 ["{E}{P}预算支出{V}。", "{P}，{E}计划财政支出{V}。"]),
                ("deficit", "pct", "%", lambda r: round(r.uniform(0.5, 4.5), 1),
                 ["The deficit is put at {V} of output.", "It targets a deficit of {V}."],
                 ["赤字率定为{V}。", "财政赤字率为{V}。"]),
                ("gdp_growth", "pct", "%", lambda r: round(r.uniform(3, 7), 1),
                 ["Growth is forecast at {V}.", "Officials expect the economy to grow {V}."],
                 ["经济增长目标为{V}。", "预计经济增长{V}。"]),
                ("project", "money", "CNY", lambda r: r.uniform(5, 400) * 1e8,
                 ["The {X} will cost {V}.", "{V} is set aside for the {X}."],
                 ["{X}总投资{V}。", "{X}项目拨款{V}。"]),
                ("jobs", "count", "", lambda r: r.randint(20_000, 900_000),
                 ["The plan aims to create {V} jobs.", "Officials promise {V} new jobs."],
                 ["计划新增就业岗位{V}个。", "目标新增{V}个就业岗位。"]),
                ("subsidy", "money", "CNY", lambda r: r.uniform(1, 80) * 1e8,
                 ["Subsidies total {V}.", "It earmarks {V} for subsidies."],
                 ["补贴总额{V}。", "安排补贴资金{V}。"]),
            ]),
    }


SECTORS = sectors()
SECTOR_NAMES = list(SECTORS)

EN_NOISE = [
    "Advertisement",
    "Sign up for our newsletter: {a} stories every weekday morning.",
    "This article is for information only and is not investment advice.",
    "[Ad] Save {a}% on cloud storage this week.",
    "Most read: Top {a} gadgets of the year | Why chip prices keep rising",
    "Share this article | {a} comments",
    "(c) 20{b} Example Media. All rights reserved.",
]
ZH_NOISE = [
    "免责声明：本文仅供参考，不构成投资建议。",
    "相关阅读：{a}只科技股年内涨幅翻倍",
    "（广告）新用户首单立减{a}元",
    "扫码关注公众号，每天{b}点推送财经要闻",
    "责任编辑：{n}",
    "热门推荐：本周{a}家公司发布财报",
]
EN_PERIODS = ["Q1 {y}", "Q2 {y}", "Q3 {y}", "Q4 {y}", "the first quarter of {y}",
              "the second quarter", "the third quarter", "fiscal {y}", "the first half of {y}"]
ZH_PERIODS = ["{y}年第一季度", "{y}年第二季度", "{y}年第三季度", "{y}年第四季度", "{y}年上半年",
              "{y}财年", "第二季度", "第三季度"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
ZH_NAMES = ["王晓", "李明", "陈静", "张伟", "刘洋", "赵敏", "周杰", "吴婷"]


class Event:
    __slots__ = ("id", "sector", "en_name", "zh_name", "product_en", "product_zh", "year",
                 "qi", "month", "day", "facts", "rival_en", "rival_zh")
    id: int
    sector: str
    en_name: str
    zh_name: str
    product_en: str
    product_zh: str
    year: int
    qi: int
    month: int
    day: int
    facts: list[tuple[Fact, list[str], list[str]]]
    rival_en: str
    rival_zh: str


def make_name(rng: random.Random, sector: dict) -> tuple[str, str]:
    en = rng.choice(EN_HEAD) + rng.choice(EN_TAIL)
    zh = rng.choice(ZH_A) + rng.choice(ZH_B)
    return f"{en} {rng.choice(sector['en_suffix'])}", zh + rng.choice(sector["zh_suffix"])


def make_event(rng: random.Random, eid: int) -> Event:
    e = Event()
    e.id = eid
    e.sector = rng.choice(SECTOR_NAMES)
    sec = SECTORS[e.sector]
    e.en_name, e.zh_name = make_name(rng, sec)
    e.rival_en, e.rival_zh = make_name(rng, sec)
    short_en = e.en_name.split()[0]
    tpl = rng.choice(sec["products"])
    d = rng.randint(1, 9)
    e.product_en = tpl.format(N=short_en, d=d)
    e.product_zh = tpl.format(N=e.zh_name[:2], d=d)
    e.year = rng.randint(2021, 2026)
    e.qi = rng.randint(0, 3)
    e.month = rng.randint(1, 12)
    e.day = rng.randint(1, 28)
    e.facts = []
    metrics = list(sec["metrics"])
    rng.shuffle(metrics)
    for key, kind, unit, sampler, en_t, zh_t in metrics:
        v = sampler(rng)
        if kind == "money" and unit == "USD" and v > 1e9:
            v = round(v / 1e6) * 1e6  # exact to the million, like a filing
        e.facts.append((Fact(key, kind, v, unit, e.en_name, "main"), en_t, zh_t))
    return e


def period_strings(rng: random.Random, ev: Event) -> tuple[str, str, str]:
    q = ev.qi
    nth = ["first", "second", "third", "fourth"][q]
    en = rng.choice([f"Q{q + 1} {ev.year}", f"the {nth} quarter",
                     f"the {nth} quarter of {ev.year}"])
    zh_q = "一二三四"[q]
    zh = rng.choice([f"{ev.year}年第{zh_q}季度", f"第{zh_q}季度", f"{ev.year}年Q{q + 1}"])
    nxt = ["the second quarter", "the third quarter", "the fourth quarter",
           "next year's first quarter"][q]
    return en, zh, nxt


def write_article(rng: random.Random, ev: Event, lang: str, idx: int) -> tuple[str, dict]:
    zh = lang != "en"
    p_en, p_zh, nxt_en = period_strings(rng, ev)
    nxt_zh = ["第二季度", "第三季度", "第四季度", "明年第一季度"][ev.qi]
    ent = ev.zh_name if zh else ev.en_name
    prod = ev.product_zh if zh else ev.product_en
    # each outlet tells 6-10 of the event's facts, in its own order
    facts = list(ev.facts)
    rng.shuffle(facts)
    k = min(len(facts), rng.randint(6, 10))
    chosen = facts[:k]
    lines: list[str] = []
    truth: list[dict] = []
    n_claims = 0

    # headline and dateline
    head_fact = chosen[0][0]
    hv = render_value(rng, head_fact, zh)
    if zh:
        lines.append(rng.choice([f"{ent}{p_zh}业绩出炉", f"{ent}发布{p_zh}数据：{hv}",
                                 f"{prod}正式亮相"]))
        desk = rng.choice(["财经频道", "科技新闻", "本报讯", "综合报道"])
        lines.append(f"{ev.year}年{ev.month}月{ev.day}日 {desk}")
    else:
        lines.append(rng.choice([f"{ent} posts results for {p_en}", f"{ent}: {hv} and counting",
                                 f"First look at the {prod}", f"{ent} beats expectations"]))
        desk = rng.choice(["Newswire", "Staff reporter", "Markets desk", "Tech desk"])
        lines.append(f"{EN_MONTHS[ev.month - 1]} {ev.day}, {ev.year} - {desk}")
    if "{" not in lines[0] and hv in lines[0]:
        n_claims += 1
    lines.append("")

    body: list[str] = []
    for fact, en_t, zh_t in chosen:
        perturbed = rng.random() < 0.08
        f = perturb(rng, fact) if perturbed else fact
        tpl = rng.choice(zh_t if zh else en_t)
        sent = tpl.format(E=ent, P=p_zh if zh else p_en, V=render_value(rng, f, zh), X=prod,
                          N=nxt_zh if zh else nxt_en)
        body.append(sent)
        n_claims += 1
        truth.append({"metric": fact.key, "value": fact.value, "stated": f.value,
                      "perturbed": perturbed})
    # traps: same metric for a rival, or for another period, or a foreign-currency restatement
    if rng.random() < 0.6:
        fact, en_t, zh_t = rng.choice(ev.facts)
        value = fact.value
        if fact.kind in ("money", "count"):  # a rival's own figure; specs keep the same number
            value = sig_round(fact.value * rng.uniform(0.5, 1.5), 4)
            value = int(value) if fact.kind == "count" else value
        other = Fact(fact.key, fact.kind, value, fact.unit, ev.rival_en, "rival")
        rv = render_value(rng, other, zh)
        with_e = [t for t in (zh_t if zh else en_t) if "{E}" in t]
        if with_e and rng.random() < 0.6:
            body.append(rng.choice(with_e).format(E=ev.rival_zh if zh else ev.rival_en,
                                                  P=p_zh if zh else p_en, V=rv, X=prod,
                                                  N=nxt_zh if zh else nxt_en))
        elif zh:
            body.append(f"作为对比，竞争对手{ev.rival_zh}的同一指标为{rv}。")
        else:
            body.append(f"By comparison, rival {ev.rival_en} reported {rv} on the same measure.")
        n_claims += 1
    if rng.random() < 0.5:
        money = [x for x in ev.facts if x[0].kind == "money"]
        if money:
            fact = rng.choice(money)[0]
            prev_value = sig_round(fact.value * rng.uniform(0.7, 1.1), 4)
            prev = Fact(fact.key, fact.kind, prev_value, fact.unit, fact.subject, "prev")
            pv = render_value(rng, prev, zh)
            body.append(f"去年同期该数字为{pv}。" if zh else f"A year earlier the figure was {pv}.")
            n_claims += 1
    if ev.sector != "budget" and rng.random() < 0.5:
        pct = round(rng.uniform(-9, 12), 1)
        price = round(rng.uniform(5, 900), 2)
        if zh:
            verb = "上涨" if pct >= 0 else "下跌"
            body.append(f"{ev.month}月{ev.day}日，{ent}股价{verb}{fmt(abs(pct), 1)}%，"
                        f"收报{fmt(price, 2)}美元。")
        else:
            verb = "rose" if pct >= 0 else "fell"
            body.append(f"Shares {verb} {fmt(abs(pct), 1)}% to ${price:.2f} "
                        f"on {EN_MONTHS[ev.month - 1]} {ev.day}.")
        n_claims += 2
    rng.shuffle(body)
    # paragraphs of 1-3 sentences
    i = 0
    while i < len(body):
        n = rng.randint(1, 3)
        lines.append(("" if zh else " ").join(body[i:i + n]).strip())
        lines.append("")
        i += n
    # page noise
    for _ in range(rng.randint(1, 3)):
        t = rng.choice(ZH_NOISE if zh else EN_NOISE)
        lines.append(t.format(a=rng.randint(2, 50), b=rng.randint(6, 22), n=rng.choice(ZH_NAMES)))
    # an unrelated sidebar brief now and then
    if rng.random() < 0.15:
        brief = make_event(rng, -1)
        f, en_t, zh_t = next((x for x in brief.facts if "{E}" in x[1][0]), brief.facts[0])
        if zh:
            tpl = rng.choice(zh_t)  # before render_value: keeps the random sequence
            lines.append("快讯：" + tpl.format(E=brief.zh_name, P="本季度",
                                              V=render_value(rng, f, True),
                                              X=brief.product_zh, N="下季度"))
        else:
            tpl = rng.choice(en_t)
            lines.append("In brief: " + tpl.format(E=brief.en_name, P="the quarter",
                                                   V=render_value(rng, f, False),
                                                   X=brief.product_en, N="next quarter"))
        n_claims += 1
    text = "\n".join(lines).rstrip() + "\n"
    if lang == "zh-Hant":
        text = to_hant(text)
    meta = {"file": None, "event": ev.id, "sector": ev.sector, "lang": lang,
            "entity": ev.en_name, "claims_approx": n_claims, "facts": truth}
    return text, meta


def generate(outdir: str, n: int, seed: int, manifest: str | None, mixed: bool) -> dict:
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    width = max(5, len(str(n)))
    written = 0
    eid = 0
    langs_count = {"en": 0, "zh-Hans": 0, "zh-Hant": 0}
    claims_total = 0
    with contextlib.ExitStack() as stack:
        mf = stack.enter_context(open(manifest, "w", encoding="utf-8")) if manifest else None
        while written < n:
            ev = make_event(rng, eid)
            eid += 1
            k = min(n - written, rng.choices([1, 2, 3, 4, 5], weights=[15, 30, 30, 15, 10])[0])
            for _ in range(k):
                r = rng.random()
                lang = "en" if r < 0.6 else ("zh-Hans" if r < 0.82 else "zh-Hant")
                text, meta = write_article(rng, ev, lang, written)
                enc = "utf-8"
                if mixed and lang != "en" and rng.random() < 0.05:
                    enc = "gb18030" if lang == "zh-Hans" else "big5"
                    try:
                        data = text.encode(enc)
                    except UnicodeEncodeError:
                        enc, data = "utf-8", text.encode("utf-8")
                else:
                    data = text.encode("utf-8")
                name = f"{written:0{width}d}_{lang}.txt"
                with open(os.path.join(outdir, name), "wb") as f:
                    f.write(data)
                meta["file"] = name
                meta["encoding"] = enc
                claims_total += meta["claims_approx"]
                if mf:
                    mf.write(json.dumps(meta, ensure_ascii=False) + "\n")
                langs_count[lang] += 1
                written += 1
    return {"articles": written, "events": eid, "langs": langs_count,
            "claims_per_article": round(claims_total / max(written, 1), 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--manifest", help="write per-article ground truth (JSON lines) to this path")
    ap.add_argument("--mixed-encodings", action="store_true",
                    help="write ~5%% of Chinese files as GB18030/Big5")
    a = ap.parse_args(argv)
    if a.articles < 0:
        ap.error("--articles must be >= 0")
    stats = generate(a.outdir, a.articles, a.seed, a.manifest, a.mixed_encodings)
    print(json.dumps(stats, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
