"""Find and normalise every quantity in English / Simplified / Traditional Chinese text.

Public API::

    extract_quantities(text) -> list[Quantity]     # sorted by start, non-overlapping
    extract_with_numerals(text) -> list[tuple[Quantity, float]]
        # the same quantities, each with its bare numeral value (scale words applied,
        # unit conversion not applied: "96GB" -> 96.0, "55億美元" -> 5.5e9, "3 hours" -> 3.0)

Offsets are code points into the given text and ``text[q.start:q.end] == q.surface``.

How it works
------------
1. ``_NUM_RE`` finds numeral *cores*: Arabic numbers ("1,980", "17.108"), Chinese numeral
   runs, also mixed and with scale characters ("五十五億", "3千万", "1.37萬億"), Chinese
   fractions ("百分之十五", "五分之一") and English number words ("twenty-one million").
   Full-width digits and signs are folded to ASCII first by a 1:1 translation, so offsets
   never move.
2. Each core grows left (sign, currency symbol/code, hedge word) and right (English scale
   word, Chinese 多/余, unit, postfix hedge such as 左右 / 以上) using the lexicons below.
3. Context rules drop numbers that are not quantities (see "Not quantities").
4. Neighbouring quantities joined by a range connector ("to", "-", "–", "至", "到",
   "between .. and ..") are merged into one range.

Kinds and canonical units (``value`` is always in the base unit)
----------------------------------------------------------------
====================  =======  ==========================================================
kind                  unit     notes
====================  =======  ==========================================================
money                 ISO code USD, CNY, TWD, HKD, EUR, JPY, GBP, ... value in currency units
percent               "%"      15% -> 15.0; also percent/per cent/百分之/成 (x10)/折 (x10)
percentage_point      "pp"     "percentage points", "个百分点/個百分點", "pp"
multiple              "x"      times, -fold, 倍, "2x"
data                  "B"      bytes; KB/MB/GB/TB/PB are decimal (1e3..1e15), KiB/MiB/GiB/TiB
                               binary (1024**n); "Gb"/"Tb" are bits (/8)
bandwidth             "B/s"    TB/s, GB/s, Gbps (bits, /8)
compute               "FLOPS"  FLOPS/TFLOPS/PFLOPS/EFLOPS/teraflops...; TOPS -> unit "OPS"
power                 "W"      W/kW/MW/GW, watts, 瓦/千瓦/兆瓦
length                "m"      nm/mm/cm/km/miles/feet/inches, 米/公里/公分/纳米/奈米
frequency             "Hz"     Hz/kHz/MHz/GHz, 赫兹/兆赫
mass                  "kg"     kg/tonnes/tons/lbs/grams, 公斤/克/吨/斤
area                  "m2"     亩, square km/metres, 平方公里/平方米
volume                "l"      litres/ml, 升/毫升
duration              "s"      seconds..years, 秒/分钟/小时/天/周/个月/年 (year = 365.25 days)
charge                "mAh"    battery capacity: mAh, Ah, 毫安时/毫安時 (and bare 毫安,
                               as zh phone news writes it)
energy                "Wh"     Wh/kWh/MWh/GWh/TWh, kilowatt-hours, 千瓦时, 兆瓦时;
                               "N度" is kWh only when 电/電 follows it ("100度电")
                               or an electricity word (电, kWh, 千瓦时, 储能) is
                               within 12 chars before it and no temperature or
                               angle word (温, 摄氏, 零下, 角, 转, 经纬度, °) is
                               near; see _kwh_context
luminance             "nit"    nits, 尼特
resolution            "px"     MP/megapixels (x1e6), 像素 ("5000万像素" == "50MP" == 5e7)
concentration         "mg/dL"  mg/dL, 毫克/分升; "mmol/L", 毫摩尔/升 (blood tests); ppm and
                               "parts per million" are percent (x1e-4), as 百万分之 is
count                 ""       any other number ("384 chips", "26位分析师", "three agencies")
====================  =======  ==========================================================

Multiples also include "twice" (2) and "thrice" (3), and "double"/"triple"/"quadruple"
before a determiner ("roughly triple the usual number", "double his salary"); otherwise
those are verbs and adjectives ("doubled", "double-digit", "a double murder").  Inch sizes
("6.78-inch", 英寸, 吋) are all length in metres.  English words also cover fractions and decimals
(en_phrase: "two thirds", "one and a half", "two point five", "half a dozen", "three
quarters billion"), "minus"/"negative" signs, "X out of Y" / "X in Y" / "X over Y"
(_merge_fractions), proper slash fractions "3/4", "2 1/4" unless a date word (on, since,
by, until, from, dated) precedes them (_slash_fraction), vulgar fractions (½, ¾),
space-grouped thousands ("40 000"), scale words lakh/crore/dozen/mil/MM, "percent of 10"
(a percentage when no number precedes "percent"), and postfix €/$ ("5 €").  Numbers
inside URLs are dropped.

Currency choices: "$" is USD; "¥"/"￥" is CNY when the text contains CJK characters and
JPY otherwise; "pounds" is GBP (news/finance text), "lb"/"lbs" is mass.  A bare "元"/"块"
is CNY, except when the text carries a Taiwan-dollar marker (新台幣, 新臺幣, 台幣, NT$,
TWD), then every bare 元 in that text is TWD.  Scale letters are case-aware: "bn", "mn",
"tn" always scale; "k"/"K" scales when glued ("10k"); "m"/"b"/"B" only after a currency
("$800m", "$5B"), because "800m" may be metres and "910B" a model name; "M" scales.
Chinese "兆" is 1e12 (zh news usage), except in 兆瓦/兆赫 where it is mega.

Hedges (``hedge`` in model.HEDGES) and bounds
---------------------------------------------
* about (about, approximately, roughly, around, nearly, almost, some, close to, 约, 大约,
  近, 接近, 将近, postfix 左右/上下): low/high = value -/+ max(5% of |value|, tolerance).
* more_than (more than, over, exceeding, above, 超过, 逾, 多于, postfix 以上/多/余/+):
  low = value, high = None.   at_least (at least, no less than, 至少, 不少于): same.
* less_than (less than, under, below, fewer than, 不到, 不足, 少于, 低于): high = value.
* up_to (up to, as much as, as high as, at most, 高达, 最多, 多达, postfix 以下/以内).
* range ("12,000 to 15,000", "$12,000-$15,000", "11-12%", "8–10%", "12000至15000",
  "11%到12%", "between 5 and 7"): low, high, value = midpoint.  A range without any
  unit, currency or scale needs a word connector (to/至/到/and); a bare "3-2" is not one.
  A left end without unit/scale inherits them from the right end ("5 to 6 billion").
* no hedge: low = high = value (exact as written, within ``tolerance``).

Tolerance rule
--------------
Half a unit of the last significant digit as written, in base units.  For Arabic
numerals with a decimal point that is the last decimal ("17.108" -> 0.0005); for integers
it is the last non-zero digit ("1,980" -> 5, "170" -> 5, "0" -> 0.5), then multiplied by
the scale and unit ("$17.108 billion" -> 5e5, "170億美元" -> 5e8, "15%" -> 0.5).  Chinese
numeral runs and English number words use the last non-zero digit of the value
("五十五億" -> 5e7, "1.37萬億" -> 5e9).

Not quantities (dropped)
------------------------
* years: a plain 4-digit integer 1800..2100 without unit/currency/scale ("2025", "in
  2023"), any number followed by 年/年度/财年 that looks like a year, "FY2025";
* dates and times: numbers next to month names ("April 16", "16 April", "Dec.21"),
  N月 / N日 / N号 after 月, "02: 01", "3pm", weekdays (週二, 星期三);
* quarters and ordinals: Q1, H1, 第一季, 第3, "4th";
* list numbering at the start of a line ("1.", "2)", "3、") and numbers alone in brackets
  ("(2)", "聯發科(2454)");
* digits glued to letters ("H20", "MI308", "FP16", "HBM3", "B30A", "910B", "NVL72") and
  numbers ending in ".TW"-like ticker suffixes;
* product-name rule: a number without unit directly after a product-like token is part of
  the name ("RTX 5090", "CloudMatrix 384", "S&P 500", "標普500", "Ascend 910").
  A product-like token is CamelCase/inner capitals (CloudMatrix, iPhone), all caps with two
  or more letters and not a currency code (RTX, S&P), contains a digit (GB200), or is one of
  a few product family words (Ascend, Instinct, Radeon, ...).  A number with a unit after
  such a token is still a quantity ("FP16 296 TFLOPS").
* single Chinese numeral characters inside words ("一切", "统一", "四川"): a lone Chinese
  digit counts only before a measure word (个, 位, 家...) or a unit, or standing alone
  between punctuation, or after 是/为.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from factcheck.model import Quantity

__all__ = ["extract_quantities", "extract_with_numerals"]

# --------------------------------------------------------------------------------------
# Lexicons (data, not code)
# --------------------------------------------------------------------------------------

# Full-width -> ASCII, one code point to one code point so offsets are unchanged.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "．": ".",
        "％": "%",
        "＄": "$",
        "＋": "+",
        "－": "-",
        "／": "/",
        "−": "-",
        "﹪": "%",
        "＃": "#",
        "（": "(",
        "）": ")",
        "：": ":",
        # thin, narrow and no-break spaces between a number and its unit ("14\u2009days")
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200a": " ",
        "\u200b": " ",  # a zero-width space, as pasted from web pages ("Table\u200b1")
    }
)

_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "倆": 2,
    "俩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_CN_APPROX = "余餘多几幾"  # "十余万", "一千多万", "二十几万": a lower bound
_CN_FINANCIAL = set("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")

# English number words.
_EN_ONES = {
    "zero": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "dozen": 12,
}

_EN_PLURAL_SCALES = {"hundreds": 100, "dozens": 12}  # only after a number ("5 hundreds")
# Fraction denominators.  "first" only inside a compound ("twenty-first"); "second" never
# (it is a unit of time); bare "quarter" only before a scale word ("quarter million").
_EN_ORDINALS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "fourth": 4,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 10**3,
    "millionth": 10**6,
    "billionth": 10**9,
    "trillionth": 10**12,
    "first": 1,
}
_EN_ORDINALS.update({k + "s": v for k, v in list(_EN_ORDINALS.items()) if not k.endswith("f")})
_EN_ORDINALS["halves"] = 2

# Scale words after an Arabic number.  "needs_money": only valid after a currency.
_SCALE_WORDS: dict[str, tuple[float, bool]] = {
    "thousand": (1e3, False),
    "million": (1e6, False),
    "billion": (1e9, False),
    "trillion": (1e12, False),
    "bn": (1e9, False),
    "mn": (1e6, False),
    "tn": (1e12, False),
    "trn": (1e12, False),
    "mln": (1e6, False),
    "tln": (1e12, False),
    "mil": (1e6, False),
    "MM": (1e6, False),
    "lakh crore": (1e12, False),
    "lakh crores": (1e12, False),
    "lakh": (1e5, False),
    "lakhs": (1e5, False),
    "crore": (1e7, False),
    "crores": (1e7, False),
    "dozen": (12.0, False),
    "dozens": (12.0, False),
    "bln": (1e9, False),
    "k": (1e3, False),
    "K": (1e3, False),
    "M": (1e6, False),
    "m": (1e6, True),
    "b": (1e9, True),
    "B": (1e9, True),
}

# ISO currency for prefixes (symbols and codes written before the number).
_CURRENCY_PREFIX = {
    "US$": "USD",
    "U.S.$": "USD",
    "HK$": "HKD",
    "NT$": "TWD",
    "C$": "CAD",
    "CA$": "CAD",
    "c $": "CAD",
    "C $": "CAD",
    "hk $": "HKD",
    "HK $": "HKD",
    "us $": "USD",
    "US $": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "NZ $": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    # Malaysian ringgit and Indonesian rupiah as The Star and the Jakarta press write them,
    # the Indian rupee as the Indian press does
    "RM": "MYR",
    "Rp": "IDR",
    "Rs": "INR",
    "Rs.": "INR",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "¥",
    "￥": "¥",
    "₩": "KRW",
    "₹": "INR",
    "RMB": "CNY",
    "USD": "USD",
    "EUR": "EUR",
    "CNY": "CNY",
    "JPY": "JPY",
    "GBP": "GBP",
    "HKD": "HKD",
    "TWD": "TWD",
    "NTD": "TWD",
    "CAD": "CAD",
    "AUD": "AUD",
    "CHF": "CHF",
    "KRW": "KRW",
    "INR": "INR",
    "SGD": "SGD",
    "人民币": "CNY",
    "人民幣": "CNY",
    "新台币": "TWD",
    "新台幣": "TWD",
    "新臺幣": "TWD",
    "美元": "USD",
    "港币": "HKD",
    "港幣": "HKD",
}

# Units written after the number: surface -> (kind, canonical unit, factor to base unit).
# "元" maps to the placeholder "元" and is resolved per text (CNY or TWD).
_MONEY_SUFFIX = {
    "美元": "USD",
    "美金": "USD",
    "美刀": "USD",
    "元人民币": "CNY",
    "元人民幣": "CNY",
    "人民币": "CNY",
    "人民幣": "CNY",
    "元": "元",
    "块钱": "CNY",
    "塊錢": "CNY",
    "块": "CNY",
    "塊": "CNY",
    "新台币": "TWD",
    "新台幣": "TWD",
    "新臺幣": "TWD",
    "台币": "TWD",
    "台幣": "TWD",
    "臺幣": "TWD",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "欧元": "EUR",
    "歐元": "EUR",
    "日元": "JPY",
    "日圓": "JPY",
    "日圆": "JPY",
    "日币": "JPY",
    "日幣": "JPY",
    "英镑": "GBP",
    "英鎊": "GBP",
    # Hong Kong sports and finance pages: 鎊 alone is sterling (磅 is the weight), 歐羅 the euro
    "鎊": "GBP",
    "镑": "GBP",
    "歐羅": "EUR",
    "欧罗": "EUR",
    "韩元": "KRW",
    "韓元": "KRW",
    "瑞士法郎": "CHF",
    "加元": "CAD",
    "加币": "CAD",
    "加幣": "CAD",
    "澳幣": "AUD",
    "纽币": "NZD",
    "紐幣": "NZD",
    "紐元": "NZD",
    "新西蘭元": "NZD",
    "紐西蘭元": "NZD",
    "纽西兰元": "NZD",
    "澳元": "AUD",
    "澳币": "AUD",
    "新加坡元": "SGD",
    # 联合早报 and 星洲日报 usage; 新台币 is read before 新元 could be (longest first)
    "新元": "SGD",
    "新币": "SGD",
    "新幣": "SGD",
    "新加坡币": "SGD",
    "新加坡幣": "SGD",
    "马币": "MYR",
    "馬幣": "MYR",
    "卢比": "INR",
    "盧比": "INR",
    "卢布": "RUB",
    "盧布": "RUB",
    "奈拉": "NGN",
    # other currencies news names often (ISO 4217), both scripts
    "里亚尔": "IRR",
    "里亞爾": "IRR",
    "里亚尔尔": "IRR",
    "沙特里亚尔": "SAR",
    "印尼盾": "IDR",
    "林吉特": "MYR",
    "令吉": "MYR",
    "泰铢": "THB",
    "泰銖": "THB",
    "兰特": "ZAR",
    "蘭特": "ZAR",
    "里拉": "TRY",
    "新西兰元": "NZD",
    "纽元": "NZD",
    "菲律宾比索": "PHP",
    "墨西哥比索": "MXN",
    "越南盾": "VND",
    "迪拉姆": "AED",
    # krona / krone: Sweden, Norway, Denmark, Iceland, Czechia share the name in both
    # languages ("18亿克朗" = "1.8 billion crowns"); which one the article's country says
    "克朗": "crowns",
    "努尔特鲁姆": "BTN",
    # English words and codes (matched case-insensitively, whole words)
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "hong kong dollars": "HKD",
    "hkd": "HKD",
    "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "twd": "TWD",
    "ntd": "TWD",
    "canadian dollars": "CAD",
    "canadian dollar": "CAD",
    "cad": "CAD",
    "australian dollars": "AUD",
    "australian dollar": "AUD",
    "hong kong dollar": "HKD",
    "singapore dollars": "SGD",
    "singapore dollar": "SGD",
    "aud": "AUD",
    "swiss francs": "CHF",
    "chf": "CHF",
    "won": "KRW",
    "krw": "KRW",
    "rupees": "INR",
    "inr": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "rupee": "INR",
    "crowns": "crowns",
    "kronor": "crowns",
    "kronur": "crowns",
    "kroner": "crowns",
    "krona": "crowns",
    "krone": "crowns",
    "krónur": "crowns",
    "króna": "crowns",
    "u.s. cents": "USD",
    "u.s. cent": "USD",
    "U.S. cents": "USD",
    "U.S. cent": "USD",
    "us cents": "USD",
    "rials": "IRR",
    "rial": "IRR",
    "riyals": "SAR",
    "riyal": "SAR",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "baht": "THB",
    "rand": "ZAR",
    "lira": "TRY",
    "liras": "TRY",
    "naira": "NGN",
    "dirhams": "AED",
    "dirham": "AED",
    "dong": "VND",
    "new zealand dollars": "NZD",
    "nzd": "NZD",
    "mexican pesos": "MXN",
    "philippine pesos": "PHP",
    "ngultrum": "BTN",
    "美圆": "USD",
    "比特币": "BTC",
    "比特幣": "BTC",
    # coins are counted with a classifier: "20个比特币", "2枚比特幣"
    "个比特币": "BTC",
    "個比特幣": "BTC",
    "枚比特币": "BTC",
    "枚比特幣": "BTC",
    "us dollar": "USD",
    "francs": "FRF",
    "french francs": "FRF",
    "pesetas": "ESP",
    "guilders": "NLG",
    "dutch guilders": "NLG",
    "finnish markka": "FIM",
    "marks": "DEM",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    # symbols written after the amount ("5 €", European style); see _build
    "€": "EUR",
    "$": "USD",
}

MMHG = 133.322387415  # pascals in a millimetre of mercury
_UNITS: dict[str, tuple[str, str, float]] = {
    # percent and percentage points
    "%": ("percent", "%", 1.0),
    "percent": ("percent", "%", 1.0),
    "per cent": ("percent", "%", 1.0),
    "pct": ("percent", "%", 1.0),
    "percentage": ("percent", "%", 1.0),
    "percents": ("percent", "%", 1.0),
    "percentage points": ("percentage_point", "pp", 1.0),
    # a basis point is a hundredth of a percentage point; 點子 is Hong Kong's word for it
    "basis points": ("percentage_point", "pp", 0.01),
    "basis point": ("percentage_point", "pp", 0.01),
    "bps": ("percentage_point", "pp", 0.01),
    "bp": ("percentage_point", "pp", 0.01),
    "个基点": ("percentage_point", "pp", 0.01),
    "個基點": ("percentage_point", "pp", 0.01),
    "基点": ("percentage_point", "pp", 0.01),
    "基點": ("percentage_point", "pp", 0.01),
    "點子": ("percentage_point", "pp", 0.01),
    # 降息一碼: in Taiwan and Hong Kong a rate move of a quarter point (only after a rate
    # word, see _RATE_MOVE_BEFORE; 碼 is otherwise a yard or a code)
    "碼": ("percentage_point", "pp", 0.25),
    "码": ("percentage_point", "pp", 0.25),
    "点子": ("percentage_point", "pp", 0.01),
    "percentage point": ("percentage_point", "pp", 1.0),
    "pct points": ("percentage_point", "pp", 1.0),
    "pp": ("percentage_point", "pp", 1.0),
    "个百分点": ("percentage_point", "pp", 1.0),
    "個百分點": ("percentage_point", "pp", 1.0),
    "个百分點": ("percentage_point", "pp", 1.0),
    "百分点": ("percentage_point", "pp", 1.0),
    "百分點": ("percentage_point", "pp", 1.0),
    "成": ("percent", "%", 10.0),
    "折": ("percent", "%", 10.0),
    # multiples
    "times": ("multiple", "x", 1.0),
    "fold": ("multiple", "x", 1.0),
    "倍": ("multiple", "x", 1.0),
    "x": ("multiple", "x", 1.0),
    "×": ("multiple", "x", 1.0),
    # data (decimal SI prefixes; IEC binary prefixes; lowercase b = bits)
    "bytes": ("data", "B", 1.0),
    "KB": ("data", "B", 1e3),
    "MB": ("data", "B", 1e6),
    "GB": ("data", "B", 1e9),
    "TB": ("data", "B", 1e12),
    "PB": ("data", "B", 1e15),
    "KiB": ("data", "B", 2.0**10),
    "MiB": ("data", "B", 2.0**20),
    "GiB": ("data", "B", 2.0**30),
    "TiB": ("data", "B", 2.0**40),
    "Gb": ("data", "B", 1e9 / 8),
    "Tb": ("data", "B", 1e12 / 8),
    "gigabytes": ("data", "B", 1e9),
    "terabytes": ("data", "B", 1e12),
    "megabytes": ("data", "B", 1e6),
    "petabytes": ("data", "B", 1e15),
    "字节": ("data", "B", 1.0),
    # bandwidth
    "KB/s": ("bandwidth", "B/s", 1e3),
    "MB/s": ("bandwidth", "B/s", 1e6),
    "GB/s": ("bandwidth", "B/s", 1e9),
    "TB/s": ("bandwidth", "B/s", 1e12),
    "GB/sec": ("bandwidth", "B/s", 1e9),
    "TB/sec": ("bandwidth", "B/s", 1e12),
    "Mbps": ("bandwidth", "B/s", 1e6 / 8),
    "Gbps": ("bandwidth", "B/s", 1e9 / 8),
    "Tbps": ("bandwidth", "B/s", 1e12 / 8),
    "Gb/s": ("bandwidth", "B/s", 1e9 / 8),
    "Tb/s": ("bandwidth", "B/s", 1e12 / 8),
    # compute
    "FLOPS": ("compute", "FLOPS", 1.0),
    "GFLOPS": ("compute", "FLOPS", 1e9),
    "TFLOPS": ("compute", "FLOPS", 1e12),
    "PFLOPS": ("compute", "FLOPS", 1e15),
    "EFLOPS": ("compute", "FLOPS", 1e18),
    "TFLOP/s": ("compute", "FLOPS", 1e12),
    "PFLOP/s": ("compute", "FLOPS", 1e15),
    "teraflops": ("compute", "FLOPS", 1e12),
    "petaflops": ("compute", "FLOPS", 1e15),
    "exaflops": ("compute", "FLOPS", 1e18),
    "TOPS": ("compute", "OPS", 1e12),
    "POPS": ("compute", "OPS", 1e15),
    # power
    "W": ("power", "W", 1.0),
    "kW": ("power", "W", 1e3),
    "MW": ("power", "W", 1e6),
    "GW": ("power", "W", 1e9),
    "watts": ("power", "W", 1.0),
    "kilowatts": ("power", "W", 1e3),
    "megawatts": ("power", "W", 1e6),
    "gigawatts": ("power", "W", 1e9),
    "瓦": ("power", "W", 1.0),
    "兆瓦": ("power", "W", 1e6),
    "瓦特": ("power", "W", 1.0),
    # length
    "nm": ("length", "m", 1e-9),
    "mm": ("length", "m", 1e-3),
    "cm": ("length", "m", 1e-2),
    "km": ("length", "m", 1e3),
    # "8 m deep", "3,776 m (12,388 ft)": metres (after a currency, "$800m" stays millions)
    "m": ("length", "m", 1.0),
    "m²": ("area", "m2", 1.0),
    "m2": ("area", "m2", 1.0),
    "km²": ("area", "m2", 1e6),
    "m³": ("volume", "l", 1e3),
    "km³": ("volume", "l", 1e12),
    "km3": ("volume", "l", 1e12),
    "立方公里": ("volume", "l", 1e12),
    "立方千米": ("volume", "l", 1e12),
    "m3": ("volume", "l", 1e3),
    "m/s": ("speed", "m/s", 1.0),
    "nanometers": ("length", "m", 1e-9),
    "nanometres": ("length", "m", 1e-9),
    "meters": ("length", "m", 1.0),
    "metres": ("length", "m", 1.0),
    "kilometers": ("length", "m", 1e3),
    "kilometres": ("length", "m", 1e3),
    "miles": ("length", "m", 1609.344),
    "mile": ("length", "m", 1609.344),
    "mi": ("length", "m", 1609.344),
    "磅": ("mass", "kg", 0.45359237),  # sterling is 英镑; a bare 磅 weighs
    "feet": ("length", "m", 0.3048),
    "foot": ("length", "m", 0.3048),
    "ft": ("length", "m", 0.3048),
    "inches": ("length", "m", 0.0254),
    "inch": ("length", "m", 0.0254),
    "centimeters": ("length", "m", 1e-2),
    "millimeters": ("length", "m", 1e-3),
    "米": ("length", "m", 1.0),
    "公里": ("length", "m", 1e3),
    # Taiwan writes the metre 公尺 (and 公分, 平方公尺, 立方公尺)
    "公尺": ("length", "m", 1.0),
    "平方公尺": ("area", "m2", 1.0),
    "立方公尺": ("volume", "l", 1e3),
    "立方米": ("volume", "l", 1e3),
    "立方厘米": ("volume", "l", 1e-3),
    "立方公分": ("volume", "l", 1e-3),
    "立方英尺": ("volume", "l", 28.316846592),
    "立方英呎": ("volume", "l", 28.316846592),
    "公分": ("length", "m", 1e-2),
    "厘米": ("length", "m", 1e-2),
    "毫米": ("length", "m", 1e-3),
    "公釐": ("length", "m", 1e-3),
    "釐米": ("length", "m", 1e-2),
    "纳米": ("length", "m", 1e-9),
    "納米": ("length", "m", 1e-9),
    "奈米": ("length", "m", 1e-9),
    "英里": ("length", "m", 1609.344),
    "英寸": ("length", "m", 0.0254),
    "英尺": ("length", "m", 0.3048),
    # Hong Kong writes the foot 呎 and property areas in 平方呎 / 方呎 (saleable area)
    "呎": ("length", "m", 0.3048),
    "英呎": ("length", "m", 0.3048),
    "平方呎": ("area", "m2", 0.09290304),
    "方呎": ("area", "m2", 0.09290304),
    # frequency
    "Hz": ("frequency", "Hz", 1.0),
    "kHz": ("frequency", "Hz", 1e3),
    "MHz": ("frequency", "Hz", 1e6),
    "GHz": ("frequency", "Hz", 1e9),
    "赫兹": ("frequency", "Hz", 1.0),
    "赫茲": ("frequency", "Hz", 1.0),
    "兆赫": ("frequency", "Hz", 1e6),
    "千赫": ("frequency", "Hz", 1e3),
    "千赫兹": ("frequency", "Hz", 1e3),
    "千赫茲": ("frequency", "Hz", 1e3),
    "吉赫": ("frequency", "Hz", 1e9),
    # concentrations in blood (mg/dL, mmol/L) and in air or water (ppm: a percentage, as
    # 百万分之 is read)
    "mg/dL": ("concentration", "mg/dL", 1.0),
    "毫克/分升": ("concentration", "mg/dL", 1.0),
    "毫克每分升": ("concentration", "mg/dL", 1.0),
    "mmol/L": ("concentration", "mmol/L", 1.0),
    "毫摩尔/升": ("concentration", "mmol/L", 1.0),
    "毫摩爾/升": ("concentration", "mmol/L", 1.0),
    "ppm": ("percent", "%", 1e-4),
    "‰": ("percent", "%", 0.1),
    "parts per million": ("percent", "%", 1e-4),
    # mass
    "kg": ("mass", "kg", 1.0),
    "g": ("mass", "kg", 1e-3),  # "weighs around 300 g"
    "kilograms": ("mass", "kg", 1.0),
    "grams": ("mass", "kg", 1e-3),
    "tonnes": ("mass", "kg", 1e3),
    "tons": ("mass", "kg", 1e3),
    "ton": ("mass", "kg", 1e3),
    "tonne": ("mass", "kg", 1e3),
    "lbs": ("mass", "kg", 0.45359237),
    "lb": ("mass", "kg", 0.45359237),
    "公斤": ("mass", "kg", 1.0),
    "克": ("mass", "kg", 1e-3),
    "毫克": ("mass", "kg", 1e-6),
    "微克": ("mass", "kg", 1e-9),
    "吨": ("mass", "kg", 1e3),
    "噸": ("mass", "kg", 1e3),
    "公吨": ("mass", "kg", 1e3),
    "公噸": ("mass", "kg", 1e3),
    "斤": ("mass", "kg", 0.5),
    # area
    "亩": ("area", "m2", 2000 / 3),
    "畝": ("area", "m2", 2000 / 3),
    "平方公里": ("area", "m2", 1e6),
    "平方米": ("area", "m2", 1.0),
    "平方英尺": ("area", "m2", 0.09290304),
    "平方英呎": ("area", "m2", 0.09290304),
    "平方英里": ("area", "m2", 2589988.110336),
    "英亩": ("area", "m2", 4046.8564224),
    "英畝": ("area", "m2", 4046.8564224),
    "平方厘米": ("area", "m2", 1e-4),
    "平方釐米": ("area", "m2", 1e-4),
    "平方公分": ("area", "m2", 1e-4),
    "平方毫米": ("area", "m2", 1e-6),
    "平方公釐": ("area", "m2", 1e-6),
    "square kilometers": ("area", "m2", 1e6),
    "square kilometres": ("area", "m2", 1e6),
    "square meters": ("area", "m2", 1.0),
    "square metres": ("area", "m2", 1.0),
    "square feet": ("area", "m2", 0.09290304),
    "square miles": ("area", "m2", 2589988.110336),
    "sq mi": ("area", "m2", 2589988.110336),
    "sq km": ("area", "m2", 1e6),
    "sq ft": ("area", "m2", 0.09290304),
    "km2": ("area", "m2", 1e6),
    "mm2": ("area", "m2", 1e-6),
    "mm²": ("area", "m2", 1e-6),
    "cm2": ("area", "m2", 1e-4),
    "cm²": ("area", "m2", 1e-4),
    "hectares": ("area", "m2", 1e4),
    "acres": ("area", "m2", 4046.8564224),
    # volume
    "liters": ("volume", "l", 1.0),
    "litres": ("volume", "l", 1.0),
    "kiloliters": ("volume", "l", 1e3),
    "kilolitres": ("volume", "l", 1e3),
    "千升": ("volume", "l", 1e3),
    # compound modifiers: "a 53,000-square-meter site"
    "square-meter": ("area", "m2", 1.0),
    "square-metre": ("area", "m2", 1.0),
    "square-foot": ("area", "m2", 0.09290304),
    "square-kilometer": ("area", "m2", 1e6),
    "square-kilometre": ("area", "m2", 1e6),
    "square-mile": ("area", "m2", 2589988.110336),
    "ml": ("volume", "l", 1e-3),
    "升": ("volume", "l", 1.0),
    "毫升": ("volume", "l", 1e-3),
    # Taiwan writes the metric units with 公: 公升 (litre), 公撮 (millilitre), 公克 (gram)
    "公升": ("volume", "l", 1.0),
    "公撮": ("volume", "l", 1e-3),
    "公克": ("mass", "kg", 1e-3),
    "盎司": ("mass", "kg", 0.028349523125),
    "gallons": ("volume", "l", 3.785411784),
    "加仑": ("volume", "l", 3.785411784),
    "加侖": ("volume", "l", 3.785411784),
    "barrels": ("volume", "l", 158.987294928),
    # US farm news: grain in bushels (a dry volume), 蒲式耳 in Chinese
    "bushels": ("volume", "l", 35.2390704),
    "bushel": ("volume", "l", 35.2390704),
    "蒲式耳": ("volume", "l", 35.2390704),
    # duration
    "seconds": ("duration", "s", 1.0),
    "second": ("duration", "s", 1.0),
    "minutes": ("duration", "s", 60.0),
    "minute": ("duration", "s", 60.0),
    "hours": ("duration", "s", 3600.0),
    "hour": ("duration", "s", 3600.0),
    "days": ("duration", "s", 86400.0),
    "day": ("duration", "s", 86400.0),
    # "five trading days", "5个交易日": a market's or an office's days, counted as days
    "trading days": ("duration", "s", 86400.0),
    "trading day": ("duration", "s", 86400.0),
    "business days": ("duration", "s", 86400.0),
    "business day": ("duration", "s", 86400.0),
    "working days": ("duration", "s", 86400.0),
    "working day": ("duration", "s", 86400.0),
    # a market's sessions are its days ("seven trading sessions", "5个交易日")
    "trading sessions": ("duration", "s", 86400.0),
    "trading session": ("duration", "s", 86400.0),
    "straight sessions": ("duration", "s", 86400.0),
    "consecutive sessions": ("duration", "s", 86400.0),
    "weeks": ("duration", "s", 604800.0),
    "week": ("duration", "s", 604800.0),
    "months": ("duration", "s", 2629800.0),
    "month": ("duration", "s", 2629800.0),
    "years": ("duration", "s", 31557600.0),
    "year": ("duration", "s", 31557600.0),
    "fortnight": ("duration", "s", 1209600.0),
    "fortnights": ("duration", "s", 1209600.0),
    "decades": ("duration", "s", 315576000.0),
    "decade": ("duration", "s", 315576000.0),
    "centuries": ("duration", "s", 3155760000.0),
    "century": ("duration", "s", 3155760000.0),
    # 两个世纪 is two centuries long; 19世纪 is a period (claimhood)
    "个世纪": ("duration", "s", 3155760000.0),
    "個世紀": ("duration", "s", 3155760000.0),
    "秒": ("duration", "s", 1.0),
    "分钟": ("duration", "s", 60.0),
    "分鐘": ("duration", "s", 60.0),
    "小时": ("duration", "s", 3600.0),
    "小時": ("duration", "s", 3600.0),
    "个小时": ("duration", "s", 3600.0),
    "個小時": ("duration", "s", 3600.0),
    "天": ("duration", "s", 86400.0),
    "交易日": ("duration", "s", 86400.0),
    "个交易日": ("duration", "s", 86400.0),
    "個交易日": ("duration", "s", 86400.0),
    "工作日": ("duration", "s", 86400.0),
    "个工作日": ("duration", "s", 86400.0),
    "個工作日": ("duration", "s", 86400.0),
    "周": ("duration", "s", 604800.0),
    "週": ("duration", "s", 604800.0),
    "星期": ("duration", "s", 604800.0),
    "个星期": ("duration", "s", 604800.0),
    "個星期": ("duration", "s", 604800.0),
    "个月": ("duration", "s", 2629800.0),
    "個月": ("duration", "s", 2629800.0),
    "年": ("duration", "s", 31557600.0),
}
for _s, _iso in _MONEY_SUFFIX.items():
    _UNITS[_s] = ("money", _iso, 0.01 if "cent" in _s else 1.0)
# 18仙: Hong Kong cents (only after Arabic digits: 八仙 are the Eight Immortals)
_UNITS["仙"] = ("money", "HKD", 0.01)
# small change standing alone ("一美分", "50 pence"); after an amount it is merged into it
_UNITS.update({"美分": ("money", "USD", 0.01), "便士": ("money", "GBP", 0.01)})
# sub-units: the numeral is kept ("50 cents" -> numeral 50) but value is in main units
_UNITS.update(
    {
        "cents": ("money", "USD", 0.01),
        "cent": ("money", "USD", 0.01),
        "HK cents": ("money", "HKD", 0.01),
        "Hong Kong cents": ("money", "HKD", 0.01),
        "pence": ("money", "GBP", 0.01),
        "penny": ("money", "GBP", 0.01),
        "p": ("money", "GBP", 0.01),
    }
)
# singular / hyphenated forms ("68-ounce cans", "a 45-acre farm") and a few more units
_UNITS.update(
    {
        "ounces": ("mass", "kg", 0.028349523125),
        "ounce": ("mass", "kg", 0.028349523125),
        "oz": ("mass", "kg", 0.028349523125),
        "acre": ("area", "m2", 4046.8564224),
        "gallon": ("volume", "l", 3.785411784),
        "barrel": ("volume", "l", 158.987294928),
        "liter": ("volume", "l", 1.0),
        "litre": ("volume", "l", 1.0),
        "kilometer": ("length", "m", 1e3),
        "kilometre": ("length", "m", 1e3),
        "meter": ("length", "m", 1.0),
        "metre": ("length", "m", 1.0),
        "kilogram": ("mass", "kg", 1.0),
        "gram": ("mass", "kg", 1e-3),
        "metric tons": ("mass", "kg", 1e3),
        "metric ton": ("mass", "kg", 1e3),
        "metric tonnes": ("mass", "kg", 1e3),
        "micrograms": ("mass", "kg", 1e-9),
        "microgram": ("mass", "kg", 1e-9),
        "microgrammes": ("mass", "kg", 1e-9),
        "μg": ("mass", "kg", 1e-9),
        "mcg": ("mass", "kg", 1e-9),
        "mg": ("mass", "kg", 1e-6),
        "milligrams": ("mass", "kg", 1e-6),
        "dm": ("length", "m", 0.1),
        "decimeters": ("length", "m", 0.1),
        "m2": ("area", "m2", 1.0),
        "cubic feet": ("volume", "l", 28.316846592),
        "cubic meters": ("volume", "l", 1e3),
        "cubic metres": ("volume", "l", 1e3),
        "cubic meter": ("volume", "l", 1e3),
        "cubic metre": ("volume", "l", 1e3),
        "CM": ("length", "m", 1e-2),
        "KM": ("length", "m", 1e3),
        "KG": ("mass", "kg", 1.0),
        "bit": ("data", "B", 1 / 8),
        "bits": ("data", "B", 1 / 8),
        "兆字节": ("data", "B", 1e6),
        "兆字節": ("data", "B", 1e6),
        "mph": ("speed", "m/s", 0.44704),
        "miles per hour": ("speed", "m/s", 0.44704),
        "miles an hour": ("speed", "m/s", 0.44704),
        "km/h": ("speed", "m/s", 1 / 3.6),
        "kph": ("speed", "m/s", 1 / 3.6),
        "kilometers per hour": ("speed", "m/s", 1 / 3.6),
        "kilometres per hour": ("speed", "m/s", 1 / 3.6),
        # inch sizes (screens, wafers): 吋 is the Taiwan/HK form of 英寸
        "吋": ("length", "m", 0.0254),
        "英吋": ("length", "m", 0.0254),
        # blood pressure (and other pressures written in millimetres of mercury), in pascals
        "mmHg": ("pressure", "Pa", MMHG),
        "mm Hg": ("pressure", "Pa", MMHG),
        "millimetres of mercury": ("pressure", "Pa", MMHG),
        "millimeters of mercury": ("pressure", "Pa", MMHG),
        "毫米汞柱": ("pressure", "Pa", MMHG),
        # battery capacity (electric charge); 毫安 alone is what zh phone news writes
        "mAh": ("charge", "mAh", 1.0),
        "Ah": ("charge", "mAh", 1e3),
        "milliamp-hours": ("charge", "mAh", 1.0),
        "milliamp hours": ("charge", "mAh", 1.0),
        "毫安时": ("charge", "mAh", 1.0),
        "毫安時": ("charge", "mAh", 1.0),
        "毫安": ("charge", "mAh", 1.0),
        # energy; 度 (colloquial kWh) is accepted only in an electricity context, see _build
        "Wh": ("energy", "Wh", 1.0),
        "kWh": ("energy", "Wh", 1e3),
        "MWh": ("energy", "Wh", 1e6),
        "GWh": ("energy", "Wh", 1e9),
        "TWh": ("energy", "Wh", 1e12),
        "kilowatt-hours": ("energy", "Wh", 1e3),
        "kilowatt hours": ("energy", "Wh", 1e3),
        "kilowatt-hour": ("energy", "Wh", 1e3),
        "watt-hours": ("energy", "Wh", 1.0),
        "watt-hour": ("energy", "Wh", 1.0),
        "watt hours": ("energy", "Wh", 1.0),
        "megawatt-hours": ("energy", "Wh", 1e6),
        "megawatt hours": ("energy", "Wh", 1e6),
        "gigawatt-hours": ("energy", "Wh", 1e9),
        "gigawatt hours": ("energy", "Wh", 1e9),
        "terawatt-hours": ("energy", "Wh", 1e12),
        "terawatt hours": ("energy", "Wh", 1e12),
        "瓦时": ("energy", "Wh", 1.0),
        "瓦時": ("energy", "Wh", 1.0),
        "兆瓦时": ("energy", "Wh", 1e6),
        "兆瓦時": ("energy", "Wh", 1e6),
        "度": ("energy", "Wh", 1e3),
        # display brightness (cd/m2)
        "nits": ("luminance", "nit", 1.0),
        "nit": ("luminance", "nit", 1.0),
        "尼特": ("luminance", "nit", 1.0),
        # camera resolution in pixels: 50MP == 5000万像素 == 5e7 px
        "MP": ("resolution", "px", 1e6),
        "megapixels": ("resolution", "px", 1e6),
        "megapixel": ("resolution", "px", 1e6),
        "像素": ("resolution", "px", 1.0),
        "畫素": ("resolution", "px", 1.0),  # Taiwan's word for 像素
        "画素": ("resolution", "px", 1.0),
        "pixels": ("resolution", "px", 1.0),
    }
)
# Units of Chinese-origin and energy/markets news, and the singular and hyphenated forms an
# English compound uses ("a 1.2-gigawatt wind farm", "a 3-nanometre chip"). The kilo forms
# (千瓦, 千克, 千米...) are units of their own: in "120万千瓦" the 千 is kilo, not a
# thousand added to 120万 (the parser strips it before the unit lexicon, see _build).
_UNITS.update(
    {
        "gigawatt": ("power", "W", 1e9),
        "megawatt": ("power", "W", 1e6),
        "kilowatt": ("power", "W", 1e3),
        "terawatt": ("power", "W", 1e12),
        "nanometre": ("length", "m", 1e-9),
        "nanometer": ("length", "m", 1e-9),
        "千瓦": ("power", "W", 1e3),
        "吉瓦": ("power", "W", 1e9),
        "太瓦": ("power", "W", 1e12),
        "瓩": ("power", "W", 1e3),
        "千瓦时": ("energy", "Wh", 1e3),
        "千瓦時": ("energy", "Wh", 1e3),
        "吉瓦时": ("energy", "Wh", 1e9),
        "吉瓦時": ("energy", "Wh", 1e9),
        "太瓦时": ("energy", "Wh", 1e12),
        "太瓦時": ("energy", "Wh", 1e12),
        "千米": ("length", "m", 1e3),
        "千克": ("mass", "kg", 1.0),
        # area and weight units of Chinese farming news, also written so in English
        "mu": ("area", "m2", 2000 / 3),
        "jin": ("mass", "kg", 0.5),
        "公顷": ("area", "m2", 1e4),
        "公頃": ("area", "m2", 1e4),
        "hectares": ("area", "m2", 1e4),
        "hectare": ("area", "m2", 1e4),
        # oil: 桶 counts barrels ("日产150万桶")
        "桶": ("volume", "l", 158.987294928),
        # air pressure
        "hPa": ("pressure", "Pa", 100.0),
        "hectopascals": ("pressure", "Pa", 100.0),
        "hectopascal": ("pressure", "Pa", 100.0),
        "百帕": ("pressure", "Pa", 100.0),
        "千帕": ("pressure", "Pa", 1e3),
        "kPa": ("pressure", "Pa", 1e3),
    }
)

# Latin units that are matched case-insensitively (words); symbols stay case-sensitive.
_CASELESS = {k for k in _UNITS if k.isalpha() and k.islower() and len(k) > 3} | {
    "per cent",
    "us dollars",
    "u.s. dollars",
    "pounds sterling",
    "hong kong dollars",
    "taiwan dollars",
    "new taiwan dollars",
    "canadian dollars",
    "canadian dollar",
    "australian dollars",
    "australian dollar",
    "hong kong dollar",
    "singapore dollars",
    "singapore dollar",
    "chinese yuan",
    "swiss francs",
    "square kilometers",
    "us dollar",
    "french francs",
    "dutch guilders",
    "finnish markka",
    "metric tons",
    "metric ton",
    "metric tonnes",
    "cubic feet",
    "cubic meters",
    "cubic metres",
    "cubic meter",
    "cubic metre",
    "miles per hour",
    "miles an hour",
    "kilometers per hour",
    "kilometres per hour",
    "square kilometres",
    "square meters",
    "square metres",
    "square feet",
    "square miles",
    "percentage points",
    "percentage point",
    "pct points",
    "usd",
    "eur",
    "rmb",
    "cny",
    "jpy",
    "gbp",
    "hkd",
    "twd",
    "ntd",
    "cad",
    "aud",
    "chf",
    "krw",
    "inr",
    "yen",
    "won",
}

# Chinese measure words: evidence that a lone Chinese digit is a count ("一只", "十个").
_CN_CLASSIFIERS = set(
    "个個位名家只隻台臺款项項次件种種颗顆枚张張部辆輛架艘座条條份间間所人户戶套片层層"
    "级級支批起例场場届屆笔筆道轮輪期股双雙对對打头頭本篇首根把栋棟处處艘"
    "包盒瓶箱袋杯碗剂劑粒片针針面球队隊组組类類"
    # the other common measure words of a Chinese grammar's list, both scripts
    "棵朵匹尾封幅扇顶頂串滴群堆段节節门門趟遍番顿頓阵陣口员員枝块塊辈輩代集章栏欄"
)

# Hedge words before the number (longest first in the regex); English ones are caseless.
_HEDGE_PREFIX = {
    "about": "about",
    "approximately": "about",
    "approx.": "about",
    "roughly": "about",
    "around": "about",
    "nearly": "about",
    "almost": "about",
    "some": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "more than": "more_than",
    "over": "more_than",
    "exceeding": "more_than",
    "above": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "larger than": "more_than",
    "higher than": "more_than",
    "at least": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "no fewer than": "at_least",
    "a minimum of": "at_least",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "lower than": "less_than",
    "smaller than": "less_than",
    "up to": "up_to",
    "as much as": "up_to",
    "as many as": "up_to",
    "as high as": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "a maximum of": "up_to",
    "≥": "at_least",
    "≧": "at_least",
    "≤": "up_to",
    "≦": "up_to",
    "约": "about",
    "約": "about",
    "大约": "about",
    "大約": "about",
    "约为": "about",
    "約為": "about",
    "近": "about",
    "接近": "about",
    "将近": "about",
    "將近": "about",
    "大概": "about",
    "差不多": "about",
    "超过": "more_than",
    "超過": "more_than",
    "逾": "more_than",
    "超": "more_than",
    "多于": "more_than",
    "多於": "more_than",
    "高于": "more_than",
    "高於": "more_than",
    "大于": "more_than",
    "大於": "more_than",
    "至少": "at_least",
    "最少": "at_least",
    "不少于": "at_least",
    "不少於": "at_least",
    "不低于": "at_least",
    "不低於": "at_least",
    "不到": "less_than",
    "不足": "less_than",
    "少于": "less_than",
    "少於": "less_than",
    "低于": "less_than",
    "低於": "less_than",
    "小于": "less_than",
    "小於": "less_than",
    "未满": "less_than",
    "未滿": "less_than",
    "高达": "up_to",
    "高達": "up_to",
    "最多": "up_to",
    "多达": "up_to",
    "多達": "up_to",
    "最高": "up_to",
    "不超过": "up_to",
    "不超過": "up_to",
}
_HEDGE_POSTFIX = {
    "左右": "about",
    "上下": "about",
    "or so": "about",
    "以上": "more_than",
    "多": "more_than",
    "余": "more_than",
    "餘": "more_than",
    "有余": "more_than",
    "or more": "at_least",
    "plus": "more_than",
    "+": "more_than",
    "以下": "up_to",
    "以内": "up_to",
    "以內": "up_to",
    "or less": "up_to",
}
_ABOUT_MARGIN = 0.05  # "about X" covers X +/- 5% (never narrower than the tolerance)

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_PRODUCT_FAMILIES = {
    "Ascend",
    "Instinct",
    "Radeon",
    "GeForce",
    "Xeon",
    "Core",
    "Ryzen",
    "Snapdragon",
    "Kirin",
    "Dimensity",
    "Galaxy",
    "Pixel",
    "Model",
    "Series",
    "Atlas",
    "Exynos",
    "Tensor",
    "Gaudi",
    "Trainium",
    "Inferentia",
    "Hopper",
    "Blackwell",
    "Rubin",
    "Mate",
    "Version",
    "Boeing",
    "Airbus",
    "Windows",
    "Office",
    "Gemini",
    "Llama",
    "Qwen",
    "Claude",
}
_INDEX_NAMES = ("标普", "標普", "沪深", "滬深", "富时", "富時", "日经", "日經", "中证", "中證")
_TWD_MARKERS = ("新台币", "新台幣", "新臺幣", "台币", "台幣", "臺幣", "NT$", "TWD", "NTD")

# --------------------------------------------------------------------------------------
# Regexes
# --------------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that "GB/s" wins over "GB"."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_DIG = "".join(_CN_DIGITS)
_CNU = "".join(_CN_SMALL) + "".join(_CN_BIG)
_CNCH = f"[{_DIG}{_CNU}]"
_CN_ALL = set(_DIG + _CNU)
_ARABIC = (
    # Indian grouping, lakhs and crores: "7,12,406", "1,00,000", "12,34,56,789"
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])(?:\.\d+)?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    # space-grouped thousands ("40 000", "1 234 567"); not before "-", "/" or more digits
    r"|(?<![A-Za-z\d])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d/-]|[ \u00a0\u202f]\d)(?:\.\d+)?"
    r"|\d+(?:\.\d+)?(?:[eE][-+]?\d+(?![\w.]))?|\.\d+)"
)
_SP = r"[ \t\u3000]*"
# A Chinese (or mixed) numeral run: spaces allowed only next to Chinese numeral characters.
_CN_PIECE = (
    # 千 after 万/亿 and before a metric unit is the unit's prefix: 182万千升 is 1.82 million
    # kilolitres, 3万千瓦 30,000 kilowatts
    rf"(?:{_SP}(?!(?<=[万萬亿億])千[升克米瓦焦卡])[{_DIG}{_CNU}]"
    rf"|{_SP}[点點](?={_SP}[{_DIG}])|{_SP}[{_CN_APPROX}](?={_SP}[{_CNU}])"
    rf"|(?<=[{_DIG}{_CNU}]){_SP}{_ARABIC})"
)
_CN_RUN = rf"(?:{_ARABIC}|{_CNCH})(?:{_CN_PIECE})*"
_EN_WORD = _alt({**_EN_ONES, **_EN_TENS, **_EN_SCALES, **_EN_PLURAL_SCALES})
_EN_ORD_WORD = _alt(_EN_ORDINALS)
_EN_JOIN = r"(?:[ \t]+|[ \t]*-[ \t]*)"
_EN_TOK = rf"(?:{_EN_WORD}|{_EN_ORD_WORD}|point|and|an?|of)"
_EN_START = (
    rf"(?:{_EN_WORD}|(?:an?|half|quarter)(?={_EN_JOIN}(?:{_EN_WORD}|{_EN_ORD_WORD}|an?\b))"
    rf"|half(?![A-Za-z-]))"
)
_EN_RUN = rf"(?<![A-Za-z])(?:{_EN_START})(?:{_EN_JOIN}{_EN_TOK}(?![A-Za-z]))*(?![A-Za-z])"
_NUM_START = (
    "0-9."
    + _DIG
    + _CNU
    + "".join(sorted({w[0] + w[0].upper() for w in (*_EN_ONES, *_EN_TENS, *_EN_SCALES)}))
    + "aAqQ"
    + _VULGAR
)
_NUM_RE = re.compile(
    # cheap first-character gate: most positions fail here without trying the alternatives
    rf"(?=[{_NUM_START}])"
    # X分之Y fractions; 百分之 (percent), 千分之 (per mille), 万分之 (per 10k)
    rf"(?P<frac>(?P<den>{_CN_RUN})?{_SP}分{_SP}之{_SP}(?P<neg>[负負])?(?P<numr>{_CN_RUN}))"
    # 3/4, 2 1/4 (see _slash_fraction for when this is not a date or a ratio)
    r"|(?P<sfrac>(?<![\d/.,])(?:(?P<whole>\d+)[ \t]+)?(?P<sn>\d+)/(?P<sd>\d+)(?![\d/.,]\d*))"
    rf"|(?P<ufrac>(?<![\d/])\d*[{_VULGAR}])"
    # "a decade", and "over a year" (one of the unit; see _build for when a year counts)
    r"|(?P<ade>(?<![A-Za-z])[Aa](?=[ \t]+(?:decade|century|fortnight|year|month|week)"
    r"(?![A-Za-z])))"
    r"|(?P<mul>(?<![A-Za-z])(?:twice|thrice|(?:double|triple|quadruple)(?=[ \t]+(?:the|its|his|"
    r"her|their|that|what|last|our|your)\b)|(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|hundred|thousand)fold)(?![A-Za-z]))"
    rf"|(?P<cn>{_CN_RUN})"
    rf"|(?P<en>{_EN_RUN})",
    re.IGNORECASE,
)
_EN_TOKEN_RE = re.compile(rf"(?<![A-Za-z]){_EN_TOK}(?![A-Za-z])", re.IGNORECASE)

_UNIT_CASED = [k for k in _UNITS if k not in _CASELESS]
_UNIT_RE = re.compile(
    # a caseless word unit must not be the head of a longer one ("megawatt" of
    # "megawatt-hours"): the cased alternatives hold the hyphenated forms
    rf"(?:{_SP}-?|{_SP})(?P<u>(?i:{_alt(_CASELESS)})(?![A-Za-z]|-hours?\b|[ \t]hours?\b)"
    rf"|(?:{_alt(_UNIT_CASED)})(?![A-Za-z]))"
)
# "32 billion", "32-billion-parameter" (a compound modifier is still one figure)
_SCALE_RE = re.compile(rf"(?P<sp>[ \t-]?)(?P<s>{_alt(_SCALE_WORDS)})(?![A-Za-z])")
# first characters of units (case-folded), to skip the big unit alternation quickly
_UNIT_FIRST = {k[0] for k in _UNITS} | {k[0].upper() for k in _CASELESS}
_HEDGE_LAST = (
    {h[-1] for h in _HEDGE_PREFIX} | {h[-1].upper() for h in _HEDGE_PREFIX} | set("了为為达達至")
)
_PREFIX_CUR_RE = re.compile(rf"(?:{_alt(_CURRENCY_PREFIX)})[ \t]?\Z")
_PREFIX_HEDGE_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?i:{_alt([h for h in _HEDGE_PREFIX if h.isascii()])})[ \t]+"
    # 買超/賣超 (Taiwan: net buying / selling) end in 超 without meaning "more than"
    rf"|(?<![買买賣卖])(?:{_alt([h for h in _HEDGE_PREFIX if not h.isascii()])})"
    rf"[了为為达達至]?{_SP})\Z"
)
_POSTFIX_HEDGE_RE = re.compile(
    # "50-plus", "18 plus." but not "18 cents plus a special dividend": a conjunction
    rf"{_SP}(?P<h>(?i:or so|or more|or less|plus(?![ \t]+(?:(?:a|an|the|another)\b|[0-9$€£¥]"
    rf"|[A-Z]{{1,3}}\$)))(?![A-Za-z])"
    rf"|{_alt([h for h in _HEDGE_POSTFIX if not h.isascii() or h == '+'])})"
)
_RANGE_GAP_RE = re.compile(r"[ \t]*(?:-|–|—|~|～|〜|to|至|到|and|和|或)[ \t]*\Z", re.IGNORECASE)
_RANGE_LEAD_RE = re.compile(r"(?:(?<![A-Za-z])(?i:between|from)[ \t]+|介于|介於|在|从|從)\Z")
_RANGE_TAIL_RE = re.compile(r"[ \t]*(?:之间|之間|间|間)")
_MONTH_BEFORE_RE = re.compile(rf"(?<![A-Za-z])(?:{_MONTHS})\.?[ \t]*\Z", re.IGNORECASE)
_MONTH_AFTER_RE = re.compile(rf"[ \t]+(?:{_MONTHS})(?![a-z])")
_TOKEN_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z0-9&\-]*)[ \t]\Z")
_ONE_AFTER_RE = re.compile(r"[ \t]+(?:of|another|by|day|more|way)\b")
_ONE_BEFORE_RE = re.compile(r"(?:the|no|any|each|every|this|that|which)[ \t]+\Z")
_HALF_BEFORE_RE = re.compile(
    r"(?:the|first|second|latter|former|other|back|front|eastern|western|northern|southern|"
    r"upper|lower|top|bottom|left|right)[ \t]+\Z"
)
# "in 1639", "since 1500", "c. 1200": years before 1800 need the word that makes them years
_YEAR_PREP_RE = re.compile(
    r"(?<![A-Za-z])(?:in|since|by|until|till|from|circa|c\.|year|before|after|during|around)"
    r"[ \t]+\Z",
    re.IGNORECASE,
)
_CODE_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:RMB|RM|Rp|Rs\.?|USD|EUR|CNY|JPY|GBP|HKD|TWD|NTD|CAD|AUD|CHF|INR)\Z"
)
_THOUSANDS_SEP_RE = re.compile("[, \u00a0\u202f]")
_MINUS_WORD_RE = re.compile(r"(?<![A-Za-z])(?:minus|negative)[ \t]+\Z", re.IGNORECASE)
_DATE_PREP_RE = re.compile(r"(?<![A-Za-z])(?:on|since|by|until|from|dated?)[ \t]+\Z", re.I)
_FRACTION_GAP_RE = re.compile(r"[ \t]+(?:out[ \t]+of|in|over)[ \t]+", re.IGNORECASE)
_PER_GAP_RE = re.compile(r"[ \t]+per[ \t]+", re.IGNORECASE)
_OVER_RE = re.compile(r"over[ \t]", re.IGNORECASE)
_WORD_AFTER_RE = re.compile(r"[ \t]*[A-Za-z\u4e00-\u9fff]")
_DIGIT_NEXT_RE = re.compile(r"[ \t]*\d")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PERCENT_OF_RE = re.compile(r"(?<![A-Za-z])(?:percents?|per[ \t]cent)[ \t]+of[ \t]+\Z", re.I)
_NUM_BEFORE_RE = re.compile(r"\d[ \t]*\Z")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_CN_STRIP_RE = re.compile(r"[\s\u3000" + _CN_APPROX + "]")
_ARABIC_RE = re.compile(_ARABIC)
_WEEKDAY_BEFORE_RE = re.compile(r"(?:周|週|星期|礼拜|禮拜|初)\Z")
_MONTH_BEFORE_CN_RE = re.compile(rf"月{_SP}\Z")
_TIME_AFTER_RE = re.compile(r"[ \t]*[:：][ \t]*\d")
_TIME_BEFORE_RE = re.compile(r"\d[ \t]*[:：][ \t]*\Z")
_AMPM_RE = re.compile(r"[ \t]*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])", re.IGNORECASE)
_HEDGE_TAIL_RE = re.compile(r"[了为為达達至]?[ \t\u3000]*\Z")
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")
_YEAR_AFTER_RE = re.compile(rf"{_SP}(?:年度|财年|財年|年|学年|學年)")
_MONTH_CN_RE = re.compile(rf"{_SP}月(?!份?[内內])(?![薪费費租])")
_DAY_CN_RE = re.compile(rf"{_SP}[日号號]")
_LIST_MARK_RE = re.compile(r"[.)、][ \t]")
_YEAR_FOLLOW = set("度代底初末中级級")  # 2025年度, 90年代, 年底 ... and 11年级 (a school grade)
_MORE_TAIL_RE = re.compile(r"[ \t]?[多余餘]")
_MONTH_NUMBERS = frozenset(float(m) for m in range(1, 13))
_CHENG_WORDS = set("为為立功本交果员員熟长長都绩績效了旧舊扣合算")
_KWH_WORD_RE = re.compile(r"[电電]|kWh|千瓦[时時]|[储儲]能")
_NOT_KWH_RE = re.compile(r"[温溫角°]|[摄攝]氏|零下|[转轉]|[倾傾]斜|[经經纬緯]度")
_LINE_START_RE = re.compile(r"(?:^|\n)[ \t]*\Z")


# --------------------------------------------------------------------------------------
# Numeral conversion
# --------------------------------------------------------------------------------------


def _arabic(s: str) -> float:
    return float(_THOUSANDS_SEP_RE.sub("", s))


def _arabic_tolerance(s: str) -> float:
    """Half a unit of the last significant written digit of an Arabic numeral."""
    s = _THOUSANDS_SEP_RE.sub("", s)
    if "e" in s.lower():
        return _value_tolerance(float(s))
    if "." in s:
        return 0.5 * 10.0 ** -len(s.split(".", 1)[1])
    stripped = s.lstrip("0")
    zeros = len(stripped) - len(stripped.rstrip("0")) if stripped else 0
    return 0.5 * 10.0**zeros


def _value_tolerance(v: float) -> float:
    """Half a unit of the last non-zero digit of a value (Chinese numerals, words)."""
    if v == 0 or not math.isfinite(v):
        return 0.5
    try:
        d = Decimal(f"{abs(v):.12g}").normalize()
    except InvalidOperation:  # pragma: no cover - defensive
        return 0.5
    exp = d.as_tuple().exponent
    return 0.5 * 10.0 ** int(exp) if isinstance(exp, int) else 0.5


_CN_TOKEN_RE = re.compile(rf"{_ARABIC}|[点點]|.", re.S)


def cn_to_number(run: str) -> float | None:
    """Convert a Chinese (or mixed Arabic/Chinese) numeral run to a number.

    Handles 〇/零 placeholders, 两/兩, financial digits (壹贰叁...), compounding big
    units (万亿, 萬萬), mixed forms (3千万, 1.37萬億, 3万4000), abbreviated tails
    (一万三 = 13000, 三百一 = 310) and a 点 decimal part.  Approximate markers
    (余/多/几) are ignored here; the caller turns them into a hedge.
    """
    run = _CN_STRIP_RE.sub("", run)
    if not run:
        return None
    # decimal part after 点: sequential digits, then optional trailing units (二点五亿)
    for dot in "点點":
        if dot in run:
            head, tail = run.split(dot, 1)
            frac_digits = ""
            i = 0
            while i < len(tail) and tail[i] in _CN_DIGITS:
                frac_digits += str(_CN_DIGITS[tail[i]])
                i += 1
            base = cn_to_number(head) if head else 0.0
            if base is None or not frac_digits:
                return None
            value = float(f"{int(base)}.{frac_digits}") if base == int(base) else base
            mult = 1.0
            for ch in tail[i:]:
                m = _CN_SMALL.get(ch) or _CN_BIG.get(ch)
                if m is None:
                    return None
                mult *= m
            return value * mult
    tokens = _CN_TOKEN_RE.findall(run)
    # all plain digits (二〇二五, 一一): read digit by digit
    if len(tokens) > 1 and all(t in _CN_DIGITS for t in tokens):
        if any(t in "两兩倆俩" for t in tokens):
            return None  # 两 is never read digit by digit ("两两" = in pairs)
        return float("".join(str(_CN_DIGITS[t]) for t in tokens))
    total = 0.0
    section = 0.0
    num: float | None = None
    num_is_cn_digit = False
    last_unit = 0
    prev_unit = False  # previous token was a unit (for abbreviated tails)
    zero_seen = False
    for t in tokens:
        if t in _CN_DIGITS:
            d = _CN_DIGITS[t]
            if d == 0:
                zero_seen = True
                prev_unit = False
                continue
            if num is not None and num_is_cn_digit and not prev_unit:
                num = num * 10 + d  # "三八" read as digits
            else:
                num = float(d)
            num_is_cn_digit = True
            prev_unit = False
        elif t in _CN_SMALL:
            u = _CN_SMALL[t]
            section += (num if num is not None else 1.0) * u
            num = None
            last_unit, prev_unit, zero_seen = u, True, False
        elif t in _CN_BIG:
            u = _CN_BIG[t]
            section += num or 0.0
            num = None
            if section == 0:
                total = (total or 1.0) * u  # 万亿 / 萬萬: units compound
            elif total < u:
                total = (total + section) * u
            else:
                total += section * u
            section = 0.0
            last_unit, prev_unit, zero_seen = u, True, False
        elif t[0].isdigit() or t[0] == ".":
            num = _arabic(t)
            num_is_cn_digit = False
            prev_unit = False
        else:
            return None
    if num is not None:
        if (
            num_is_cn_digit
            and num < 10
            and last_unit >= 10
            and not zero_seen
            and _prev_was_unit(tokens)
        ):
            num *= last_unit / 10  # 一万三 = 13000, 三百一 = 310
        section += num
    return total + section


def _trailing_big_units(core: str) -> float:
    """Product of the 万/亿/兆 characters ending a run ("6亿" -> 1e8, "3万亿" -> 1e12)."""
    mult = 1.0
    for ch in reversed(core):
        if ch not in _CN_BIG:
            break
        mult *= _CN_BIG[ch]
    return mult


def _prev_was_unit(tokens: list[str]) -> bool:
    return len(tokens) >= 2 and (tokens[-2] in _CN_SMALL or tokens[-2] in _CN_BIG)


def en_to_number(words: list[str]) -> tuple[float, int] | None:
    """Value of English number words; returns (value, number of tokens consumed)."""
    total = 0.0
    cur = 0.0
    last = ""  # "one" (0-9), "teen", "tens", "scale"
    used = 0
    seen_any = False
    for i, raw in enumerate(words):
        w = raw.lower()
        if w in ("and", "-"):
            continue
        if w in _EN_ONES:
            v = _EN_ONES[w]
            if last in ("one", "teen") or (last == "tens" and v >= 10):
                break  # "three four" are two numbers
            cur += v
            last = "teen" if v >= 10 else "one"
        elif w in _EN_TENS:
            if last in ("one", "teen", "tens"):
                break
            cur += _EN_TENS[w]
            last = "tens"
        elif w in _EN_SCALES:
            s = _EN_SCALES[w]
            if s == 100:
                if cur % 100 == 0 and last == "scale" and cur:
                    break
                cur = (cur or 1) * 100
            elif s == 12:
                small = cur % 100 if last != "scale" else cur
                cur = cur - small + (small or 1) * 12  # "three hundred and two dozens"
            else:
                total += (cur or 1) * s
                cur = 0
            last = "scale"
        else:
            break  # not a number word ("three per cent"): the number ends here
        seen_any = True
        used = i + 1
    if not seen_any:
        return None
    return total + cur, used


def _en_int(toks: list[str]) -> float | None:
    """Whole value of cardinal tokens ("a" = 1), or None unless all of them are used."""
    words = ["one" if t in ("a", "an") else t for t in toks]
    words = [{"hundreds": "hundred", "dozens": "dozen"}.get(w, w) for w in words]
    if not words or toks[0] in _EN_PLURAL_SCALES:
        return None
    parsed = en_to_number(words)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]


def _is_card(t: str) -> bool:
    return t in _EN_ONES or t in _EN_TENS or t in _EN_SCALES or t in _EN_PLURAL_SCALES


def en_phrase(core: str) -> tuple[float, int] | None:
    """Value of an English number phrase and how many characters of ``core`` it uses.

    Cardinals ("twenty-one million"), decimals with "point" ("two point zero five"),
    fractions with an ordinal denominator ("two thirds", "a fifth", "three twenty-firsts"),
    mixed numbers ("one and a half", "twenty and three fifths"), fractions of a scale
    ("half a dozen", "three quarters billion", "two thirds of a million", "five and a
    half million", "one million and a half").  "X and Y Dths" is X + Y/D when Y < D and
    (X+Y)/D otherwise; a tens word right before a units ordinal joins the denominator when
    a numerator precedes it ("one hundred thirty fifths" = 100/35).
    """
    toks: list[tuple[str, int]] = []
    for tm in _EN_TOKEN_RE.finditer(core):
        toks.append((tm.group(0).lower(), tm.end()))
    words = [t for t, _ in toks]
    n = len(words)

    def scale_at(i: int) -> tuple[float, int] | None:
        """A scale word at i (after optional "of a"), as (multiplier, next index)."""
        j = i
        if j < n and words[j] == "of":
            j += 1
        if j < n and words[j] in ("a", "an"):
            j += 1
        scale_words = ("dozen", "hundred", "thousand", "million", "billion", "trillion")
        if (
            j < n
            and words[j] in scale_words
            and (j == i or words[j] != "hundred" or words[i] in ("of", "a", "an"))
        ):
            return float(_EN_SCALES[words[j]]), j + 1
        return None

    # the cardinal prefix: up to the first ordinal / "point" / "half"
    k = 0
    while k < n and (_is_card(words[k]) or words[k] in ("and", "a", "an")):
        if words[k] in ("a", "an") and not (k == 0 or words[k - 1] == "and"):
            break
        k += 1
    while k and words[k - 1] in ("and", "a", "an", "of"):
        if words[k - 1] in ("a", "an") and k < n and words[k] in _EN_ORDINALS:
            break
        k -= 1
    card = words[:k]

    def whole(ws: list[str]) -> float | None:
        ws2 = [w for w in ws if w != "and"]
        return _en_int(ws2) if ws2 else None

    # decimals: "two hundred point zero three", "nought point five"
    if k < n and words[k] == "point" and card:
        base = whole(card)
        digits = ""
        j = k + 1
        while j < n and (words[j] in _EN_ONES and _EN_ONES[words[j]] < 10 or words[j] in _EN_TENS):
            w = words[j]
            if w in _EN_TENS:
                tens = _EN_TENS[w] // 10
                if j + 1 < n and words[j + 1] in _EN_ONES and 0 < _EN_ONES[words[j + 1]] < 10:
                    digits += f"{tens}{_EN_ONES[words[j + 1]]}"
                    j += 1
                else:
                    digits += f"{tens}0"
            else:
                digits += str(_EN_ONES[w])
            j += 1
        if base is not None and digits:
            return base + float("0." + digits), toks[j - 1][1]
    # fractions
    if k < n and words[k] in _EN_ORDINALS:
        ordw = words[k]
        den = float(_EN_ORDINALS[ordw])
        if len(card) == 1 and card[0] in _EN_TENS and den < 10 and not ordw.endswith("s"):
            return None  # "twenty-fourth", "twenty-first": one ordinal (24th), not 20/4
        num_toks = list(card)
        j = k + 1
        if ordw in ("first", "firsts") or (
            den < 10
            and num_toks
            and num_toks[-1] in _EN_TENS
            and len(num_toks) >= 2
            and num_toks[-2] != "and"
        ):
            # compound denominator: "twenty-first", "thirty fifths" after a numerator
            if not num_toks or num_toks[-1] not in _EN_TENS:
                return _fallback(card, toks)
            den += _EN_TENS[num_toks.pop()]
        if ordw in ("quarter", "quarters", "half", "halves") and not num_toks:
            sc = scale_at(j)
            if sc is None and ordw.startswith("quarter"):
                return _fallback(card, toks)
            num_toks = ["one"]
        if not num_toks:
            return _fallback(card, toks)
        if "and" in num_toks:
            cut = len(num_toks) - 1 - num_toks[::-1].index("and")
            x, y = whole(num_toks[:cut]), whole(num_toks[cut + 1 :])
            if x is None or y is None:
                return _fallback(card, toks)
            if y < den:
                frac = y / den
                sc = scale_at(j)
                if sc is not None:
                    mult, j = sc
                    last = _last_scale(num_toks[:cut])
                    if last > mult:
                        return x + frac * mult, toks[j - 1][1]  # one billion and a half million
                    return (x + frac) * mult, toks[j - 1][1]  # five and a half million
                last = _last_scale(num_toks[:cut])
                if last >= 1000:
                    return x + frac * last, toks[j - 1][1]  # one million and a half
                return x + frac, toks[j - 1][1]
            whole_v = whole(num_toks)
            if whole_v is None:
                return _fallback(card, toks)
            return whole_v / den, toks[j - 1][1]
        numr = whole(num_toks)
        if numr is None:
            return _fallback(card, toks)
        value = numr / den
        sc = scale_at(j)
        if sc is not None and numr < den:
            mult, j = sc
            value *= mult  # half a dozen, three quarters billion, two thirds of a million
        return value, toks[j - 1][1]
    return _fallback(card, toks)


def _last_scale(ws: list[str]) -> float:
    for w in reversed(ws):
        if w in _EN_SCALES:
            return float(_EN_SCALES[w])
        if w != "and":
            return 1.0
    return 1.0


def _fallback(card: list[str], toks: list[tuple[str, int]]) -> tuple[float, int] | None:
    """Plain cardinal at the start of the phrase (the longest prefix that parses)."""
    ws = [w for w in card]
    while ws and ws[-1] in ("and", "a", "an", "of"):
        ws.pop()
    if not ws or ws[0] in ("a", "an") and len(ws) == 1:
        return None
    if ws[0] in _EN_PLURAL_SCALES:
        return None
    if ws[0] in ("a", "an") and ws[1] not in _EN_SCALES:
        return None  # "a two-fold rise": the article is not a number
    words = ["one" if w in ("a", "an") else w for w in ws]
    words = [{"hundreds": "hundred", "dozens": "dozen"}.get(w, w) for w in words]
    parsed = en_to_number(words)
    if parsed is None:
        return None
    value, used = parsed
    # index in toks of the last consumed word (skipping "and"s en_to_number passed over)
    return value, toks[used - 1][1]


# --------------------------------------------------------------------------------------
# Building quantities
# --------------------------------------------------------------------------------------


@dataclass
class _Atom:
    start: int
    end: int
    numeral: float  # signed, scale words applied, unit factor not applied
    tol: float  # tolerance of the numeral (scale applied)
    kind: str = "count"
    unit: str = ""
    factor: float = 1.0
    hedge: str | None = None
    has_unit: bool = False
    has_scale: bool = False
    scale: float = 1.0  # multiplier of the scale word / trailing 万亿 units
    money_prefix: bool = False


def _resolve_currency(iso: str, twd_text: bool, cjk_text: bool) -> str:
    if iso == "元":
        return "TWD" if twd_text else "CNY"
    if iso == "¥":
        return "CNY" if cjk_text else "JPY"
    return iso


def _lookup_unit(u: str) -> tuple[str, str, float] | None:
    return _UNITS.get(u) or _UNITS.get(u.lower())


def _is_year(core: str, value: float, before: str = "") -> bool:
    """A plain 4-digit year: 1800..2100, or any from 1000 after "in", "since", "by"..."""
    if not (core.isdigit() and len(core) == 4):
        return False
    after_prep = _YEAR_PREP_RE.search(before) is not None
    return 1800 <= value <= 2100 or 1000 <= value < 1800 and after_prep


def _productish(token: str) -> bool:
    """A token that names a product/series, so a following bare number is part of it."""
    if token in _PRODUCT_FAMILIES:
        return True
    if token.upper() in _CURRENCY_PREFIX or token.lower() in _HEDGE_PREFIX:
        return False
    letters = [c for c in token if c.isalpha()]
    if any(c.isdigit() for c in token):
        return True
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return any(c.isupper() for c in token[1:]) and any(c.islower() for c in token)


def _slash_fraction(norm: str, m: re.Match[str]) -> float | None:
    """Value of "3/4" or "2 1/4", or None when it reads as a date or a ratio.

    A slash number is a fraction only when it is proper (numerator < denominator, so
    "24/7" and "5/3" are not) and no date word (on, since, by, until, from, dated) is
    right before it; "5/17/2018" never matches (a slash or digit may not follow)."""
    num, den = int(m.group("sn")), int(m.group("sd"))
    if den == 0 or num >= den or _DATE_PREP_RE.search(norm, max(0, m.start() - 8), m.start()):
        return None
    whole = float(m.group("whole")) if m.group("whole") else 0.0
    return whole + num / den


# a rate move ending right before the number: 降息, 升息, 減息, 加息, 調降, 下調, 再降
_RATE_MOVE_BEFORE = re.compile(r"(?:[升降减減加]息|[调調][升降]|[上下][调調]|[再又][升降])\s*$")


def _kwh_context(norm: str, start: int, end: int) -> bool:
    """Is "N度" colloquial kWh?  Yes when 电/電 follows ("100度电") or an electricity word
    (电/電, 充电, 储能, kWh, 千瓦时) is within 12 characters before the number and no
    temperature/angle word (温/溫, 摄氏/攝氏, 零下, 角, 转/轉, 倾斜/傾斜, °) is near."""
    if norm[end : end + 1] in ("电", "電"):
        return True
    window = norm[max(0, start - 12) : end + 4]
    return bool(_KWH_WORD_RE.search(window)) and not _NOT_KWH_RE.search(window)


_GREAT_SET_AFTER = re.compile(r"大[洲洋洲湖河行城区區]")  # 四大洲, 三大洋: four continents
# 七度赢得: seven times (度 counting occasions, as 次 does); 一度 is "at one point"
_OCCASIONS_AFTER = re.compile(r"度(?=[\u4e00-\u9fff])(?![的电電左以上下角高低数數])")


# 五连败, 七連勝, 三连冠, 四连涨: a streak (a count of matches, titles, trading days)
_STREAK_AFTER = re.compile(r"[连連](?:[败敗胜勝冠霸平跌涨漲升降斩斬捷红紅阳陽阴陰]|[夺奪][冠金])")


# a margin of points: "以七分之差", "领先第二名六分", "净胜三分"
_POINTS_GAP_AFTER = re.compile(r"分(?:之差|的[优優]势|的差距)")
_POINTS_GAP_BEFORE = re.compile(
    r"(?:[领領]先|落[后後]|相差|差距|[净淨]胜|[净淨]勝|多得|[赢贏]了?|[输輸]了?)[^，。；,;]{0,10}\Z"
)


# "以27:19擊敗", "3:1（25:21、22:25）": Hong Kong writes a score with a colon
_COLON_PAIR = re.compile(r"(?<![\d:：.])(\d{1,3})[ \t]*[:：][ \t]*(\d{1,3})(?![\d:：.])")
_SCORE_WORD_BEFORE = re.compile(r"(?:以|比分|比數|比数|[战戰]成|打成|[总總]比分)[ \t]*\Z")
_SCORE_WORD_AFTER = re.compile(
    r"[ \t]*(?:[击擊][败敗]|[险險战戰]?[胜勝]|[负負]|[赢贏]|[输輸]|落[败敗]|不敵|不敌|淘汰)"
)
_RATIO_AFTER = re.compile(r"[ \t]*的?(?:比例|比率|配比)")
_RATIO_BEFORE = re.compile(r"(?:[宽寬长長高]比|比例|比率|配比|之比|ratio)[^。；;]{0,40}\Z", re.I)
# "（25:21、22:25、25:19）", "依序為11：8、9：11、11：6": a run of scores, one of which
# no clock could be, makes all of them scores
_SCORE_RUN = re.compile(
    r"(?<![\d:：.])\d{1,3}[ \t]*[:：][ \t]*\d{1,3}"
    r"(?:[ \t]*(?:[、,，;；]|和|及|与|與)[ \t]*\d{1,3}[ \t]*[:：][ \t]*\d{1,3})+(?![\d:：.])"
)


def _colon_score(norm: str, s: int, e: int) -> bool:
    """Whether the number at norm[s:e] is one side of a score written N:M, not a clock."""
    for m in _COLON_PAIR.finditer(norm, max(0, s - 4), min(len(norm), e + 4)):
        if not m.start() <= s < m.end():
            continue
        if _RATIO_AFTER.match(norm, m.end()) or _RATIO_BEFORE.search(
            norm, max(0, m.start() - 48), m.start()
        ):
            return False  # 3:1的比例, 宽高比是3:2: a ratio, as "a 3:1 ratio" is in English
        if _score_pair(norm, m):
            return True
        for run in _SCORE_RUN.finditer(norm, max(0, s - 80), min(len(norm), e + 80)):
            if run.start() <= m.start() < run.end():
                pairs = _COLON_PAIR.finditer(norm, run.start(), run.end())
                return any(_score_pair(norm, pair) for pair in pairs)
        return False
    return False


def _score_pair(norm: str, m: re.Match[str]) -> bool:
    first, second = int(m.group(1)), int(m.group(2))
    if len(m.group(2)) == 1 or first >= 24 or second >= 60:
        return True  # no clock writes 3:1 or 27:19
    before = _SCORE_WORD_BEFORE.search(norm, max(0, m.start() - 4), m.start())
    return before is not None or _SCORE_WORD_AFTER.match(norm, m.end()) is not None


def _lone_cn_ok(text: str, start: int, end: int) -> bool:
    """Is a single Chinese digit character a number here (not part of a word)?"""
    nxt = text[end : end + 1]
    prv = text[start - 1 : start] if start else ""
    if (
        _GREAT_SET_AFTER.match(text, end)
        or (text[start] != "一" and _OCCASIONS_AFTER.match(text, end))
        or (text[start] != "一" and _STREAK_AFTER.match(text, end))
    ):
        return True
    # points of a score: 领先六分, 以七分之差 (十分 alone is "very")
    if nxt == "分" and text[start] not in "一十" and (
        _POINTS_GAP_AFTER.match(text, end)
        or _POINTS_GAP_BEFORE.search(text, max(0, start - 12), start)
    ):
        return True
    # a span of days: 连续三日, 十日內 (not 一日, "one day", an article as ever)
    if nxt == "日" and text[start] != "一" and (
        _RI_SPAN_AFTER.match(text, end) or _RI_SPAN_BEFORE.search(text, max(0, start - 4), start)
    ):
        return True
    # the low end of a range: 一到两年, 两至三天 (the high end is read with its unit)
    if nxt in ("到", "至") and text[end + 1 : end + 2] in _CN_DIGITS and text[start] != "零":
        return True
    # a score: 五比三
    if (
        nxt == "比"
        and text[end + 1 : end + 2] in _CN_DIGITS
        or prv == "比"
        and (text[start - 2 : start - 1] in _CN_DIGITS)
    ):
        return True
    if text[start] in _CN_FINANCIAL:
        return nxt in _CN_CLASSIFIERS and nxt != ""  # 拾/陆/伍 alone are words (收拾, 登陆)
    if nxt and nxt in _CN_CLASSIFIERS:
        return True
    if (not nxt or not _CJK_RE.match(nxt)) and (not prv or not _CJK_RE.match(prv)):
        return True
    # "答案是四不是五": after 是/为 and before a clause break or contrast word
    nxt_ok = not nxt or not _CJK_RE.match(nxt) or nxt in "不那这這而却卻"
    return prv in ("是", "为", "為") and nxt_ok


def _unit_at(norm: str, e: int) -> re.Match[str] | None:
    """_UNIT_RE.match, skipping the big alternation when no unit can start here."""
    i = e
    while i < len(norm) and norm[i] in " \t\u3000-":
        i += 1
    if i >= len(norm) or norm[i] not in _UNIT_FIRST:
        return None
    m = _UNIT_RE.match(norm, e)
    if m is not None and _NOT_SECONDS.match(norm, e):
        return None  # "9,100 second-hand homes": the ordinal of a compound, not seconds
    return m


_NOT_SECONDS = re.compile(
    r"[ \t]+second[- ](?:hand|half|quarter|largest|biggest|highest|round|term|tier|place)\b",
    re.IGNORECASE,
)


# What may follow "m" for it to be metres: a word of size or place, a conversion to feet,
# or nothing but punctuation ("8 m deep", "3,776 m (12,388 ft)", "a 3 m-long fish")
_M_LENGTH_AFTER = re.compile(
    r"[ \t]*(?:[-–][ \t]*)?(?:deep|high|tall|long|wide|thick|across|above|below|beneath|away|"
    r"under|underground|apart|offshore|inland|higher|deeper|taller|longer|wider|in[ \t]+"
    r"(?:length|height|depth|diameter|width|altitude)|of[ \t]+(?:water|rain|snow|altitude)|"
    r"per[ \t]+second|from|is|was|are|were|and|or|to|by|at|into|with)\b"
    r"|[ \t]*[(（][ \t]*(?:about[ \t]+|around[ \t]+)?\d[\d,.]*[ \t]*(?:ft|feet|yards?)\b",
    re.IGNORECASE,
)


_MOBILE_AFTER = re.compile(
    r"[ \t]+(?:signal|network|networks|phone|phones|service|coverage|mobile|lte|connection)\b",
    re.IGNORECASE,
)


def _metres_here(norm: str, end: int) -> bool:
    rest = norm[end : end + 2].lstrip(" \t")
    return not (rest[:1].isascii() and rest[:1].isalpha()) or bool(_M_LENGTH_AFTER.match(norm, end))


def _hedge_before(norm: str, s: int) -> re.Match[str] | None:
    """_PREFIX_HEDGE_RE ending at s, tried only when a hedge word can end there."""
    i = s - 1
    while i >= 0 and norm[i] in " \t\u3000":
        i -= 1
    if i < 0 or norm[i] not in _HEDGE_LAST:
        return None
    return _PREFIX_HEDGE_RE.search(norm, max(0, s - 16), s)


# "９，９９９": between full-width digits grouped in threes the full-width comma is a
# thousands separator (text typeset digit by digit).  After ASCII digits it stays a
# sentence comma: "3，500" is as often two clauses or a list as one number.
_FW_THOUSANDS_RE = re.compile(
    "(?<![0-9０-９.．])[１-９][０-９]{0,2}(?:，[０-９]{3})+(?![0-9０-９])"
)


# "46.2C (115.2F)": degrees glued to the number, as English news writes them; read as ℃/℉
# (the same length, so offsets hold) rather than as a code like 910B. Spaced ("41.3 C", AP
# style) they are read by _temperature, with the same test of the words around.
_GLUED_DEGREES_RE = re.compile(r"(?<![\w.])(?:\d{1,3}(?:\.\d+)?)(?P<u>[CF])(?![A-Za-z0-9])")


# only where the words around speak of weather or heat: "3C products", "Grade 5C" stay codes
_HEAT_WORDS_RE = re.compile(
    r"temperat|heat|degree|\bhot|cold|warm|cool|weather|forecast|freez|minus|celsius|"
    r"fahrenheit|\bhigh(?:s)? of|\blow(?:s)? of|[(（](?:minus )?\d[\d.]*[ \t]?[CF][)）]|"
    r"mercury|thermomet|scorch|swelter|sizzl|chill|frost|\bsnow|\bsunn|\bsummer|\bwinter|"
    r"气温|氣溫|高温|低温",
    re.IGNORECASE,
)


def _degrees(text: str, m: re.Match[str]) -> str:
    window = text[max(0, m.start() - 80) : m.end() + 40]
    # a decimal glued to C or F ("41.4C") is a reading, not a code: codes are whole numbers
    if "." not in m.group(0) and not _HEAT_WORDS_RE.search(window):
        return m.group(0)
    return m.group(0)[:-1] + ("℃" if m.group("u") == "C" else "℉")


_ADJACENT_CN_DIGITS = re.compile("[一二三四五六七八九两兩]{2}")


def _fold(text: str) -> str:
    """Full-width -> ASCII (same length); skip the slow translate when nothing to fold."""
    if ("C" in text or "F" in text) and _GLUED_DEGREES_RE.search(text):
        text = _GLUED_DEGREES_RE.sub(lambda m: _degrees(text, m), text)
    if not _FOLD_RE.search(text):
        return text
    if "，" in text:
        text = _FW_THOUSANDS_RE.sub(lambda m: m.group(0).replace("，", ","), text)
    return text.translate(_FOLD)


# "15.58萬元人民幣（約新台幣68.6萬元）": a bracketed conversion. The currency it names is
# the bracket's own; the text's other bare 元 keep the currency named outside it
CONVERSION_BRACKET = re.compile(r"[（(][^（）()]{0,40}?\d[^（）()]{0,40}?[）)]")


def _scan(norm: str) -> list[_Atom]:
    outside = CONVERSION_BRACKET.sub(" ", norm)  # one pass: a hostile line stays linear
    twd_text = any(m in outside for m in _TWD_MARKERS)
    twd_brackets = [
        b.span() for b in CONVERSION_BRACKET.finditer(norm)
        if any(m in b.group(0) for m in _TWD_MARKERS)
    ]  # fmt: skip
    twd_starts = [start for start, _ in twd_brackets]
    cjk_text = bool(_CJK_RE.search(norm))
    atoms: list[_Atom] = []
    pos = 0
    while True:
        m = _NUM_RE.search(norm, pos)
        if m is None:
            break
        k = bisect_right(twd_starts, m.start()) - 1
        twd = twd_text or (k >= 0 and m.start() < twd_brackets[k][1])
        atom = _build(norm, m, twd, cjk_text)
        if atom is not None:
            atoms.append(atom)
        pos = m.end()
        if m.group("en") is not None:
            # an English run the phrase parser did not use up: look again after its end
            parsed = en_phrase(m.group(0))
            used = parsed[1] if parsed is not None else _first_word_end(m.group(0))
            if used < len(m.group(0)):
                pos = m.start() + used
    return atoms


# "a fifth" (not "a half", "a quarter": those are no ordinals) and the word after it: a
# noun or an adjective makes it an ordinal ("a fifth man", "a third runway", "a third
# straight month"). A fraction is followed by "of", a preposition, a verb, an adverb or a
# clause end ("a fifth of adults", "by a fifth within three years", "a third said").
_A_ORDINAL_RE = re.compile(
    r"an?[ \t]+(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
)
_NOT_NOUN_AFTER = (
    # prepositions
    "about|above|across|after|against|along|among|around|as|at|before|behind|below|beside|"
    "between|beyond|by|despite|down|during|except|for|from|in|inside|into|like|near|of|off|"
    "on|onto|out|outside|over|past|per|since|through|throughout|till|to|toward|towards|"
    "under|until|up|upon|via|with|within|without|than|"
    # conjunctions, determiners, pronouns
    "and|or|but|nor|so|yet|because|while|when|whereas|if|though|although|whether|where|"
    "which|who|that|a|an|the|this|these|those|its|their|his|her|our|each|every|all|some|"
    "it|they|he|she|we|"
    # adverbs and comparatives
    "more|less|fewer|again|already|also|last|next|ago|earlier|later|now|then|still|just|"
    "only|even|nearly|almost|higher|lower|bigger|smaller|larger|"
    # verbs
    "is|are|was|were|be|been|being|has|have|had|will|would|shall|should|can|could|may|"
    "might|must|do|does|did|say|says|said|think|thinks|want|wants|live|lives|use|uses|"
    "come|comes|go|goes|get|gets|make|makes|take|takes|remain|remains|work|works"
)
_NOUN_AFTER_RE = re.compile(
    rf"(?:[ \t]+|-)(?!(?:{_NOT_NOUN_AFTER})\b)(?![a-z]+(?:ed|ly)\b)[a-z]", re.IGNORECASE
)


def _first_word_end(run: str) -> int:
    wm = re.match(r"[A-Za-z]+", run)
    return wm.end() if wm else len(run)


def _build(norm: str, m: re.Match[str], twd_text: bool, cjk_text: bool) -> _Atom | None:
    s, e = m.span()
    core = m.group(0)
    script = "cn"
    kind, unit, factor, has_unit = "count", "", 1.0, False
    approx = False
    lone_cn = False
    if m.group("sfrac") is not None:
        sv = _slash_fraction(norm, m)
        if sv is None:
            return None
        value, script = sv, "ar"
        tol = _value_tolerance(value)
        core = "0"  # not a year, not a list number
    elif m.group("ufrac") is not None:
        value = sum(unicodedata.numeric(c) for c in core[-1:]) + (
            float(core[:-1]) if len(core) > 1 else 0.0
        )
        tol, script = _value_tolerance(value), "ar"
        core = "0"
    elif m.group("ade") is not None:
        if _SHORT_PERIOD_AFTER.match(norm, e) and not _BOUND_BEFORE.search(norm, max(0, s - 14), s):
            return None  # "10 per cent a year", "twice a week", "a year ago": no length
        value, tol, script = 1.0, 0.0, "en"  # "a decade", "over a year": one of the unit
    elif m.group("mul") is not None:
        low = core.lower()
        value = _MULTIPLE_WORDS.get(low) or float(_EN_NUMBER_WORDS[low[: -len("fold")]])
        kind, unit, has_unit, script, tol = "multiple", "x", True, "en", 0.0
    elif m.group("frac") is not None:
        den_s = m.group("den")
        numr = cn_to_number(m.group("numr"))
        if numr is None:
            return None
        if m.group("neg"):
            numr = -numr
        den_clean = "".join((den_s or "").split())
        if den_clean in ("百", "佰"):
            value, kind, unit, has_unit = numr, "percent", "%", True
        elif den_clean in ("千", "仟"):
            value, kind, unit, has_unit = numr / 10, "percent", "%", True
        elif den_clean in ("万", "萬"):
            value, kind, unit, has_unit = numr / 100, "percent", "%", True
        else:
            den = cn_to_number(den_s) if den_s else None
            if not den:
                return None
            value = numr / den
            if den >= 1e5 and all(c in "十拾百佰千仟万萬亿億" for c in den_clean):
                # 百万分之五, 千万分之六: a rate per million (ppm), read as a percentage
                value, kind, unit, has_unit = numr * 100 / den, "percent", "%", True
        tol = _value_tolerance(value)
    elif m.group("cn") is not None:
        # 兆 before 瓦/赫 is mega, not 1e12, and 千/百 before 瓦/克/米/帕 are kilo and
        # hecto ("120万千瓦" is 1.2 GW, not 1,201,000 W): leave them to the unit lexicon
        while core and (
            core[-1] == "兆"
            and norm[e : e + 1] in ("瓦", "赫", "字")
            or core[-1] == "千"
            and norm[e : e + 1] in ("瓦", "克", "米", "帕", "赫", "升")
            and len(core) > 1
            or core[-1] == "百"
            and norm[e : e + 1] == "帕"
            and len(core) > 1
        ):
            core, e = core[:-1], e - 1
        core = core.rstrip(" \t\u3000")
        e = s + len(core)
        if not core or core[0] in "万萬亿億兆":
            return None
        units_only = all(c in _CNU for c in core.replace(" ", "")) and core not in ("十", "拾")
        if units_only and not _unit_at(norm, e):
            return None  # bare 千万/万亿...: only a number before money or a unit
        if _ADJACENT_CN_DIGITS.search(re.split("[点點]", core)[0]) and norm[e : e + 1] != "折":
            # no Chinese numeral puts two digits side by side: 五六瓶 is "five or six", 十四五
            # the 14th Five-Year Plan, 八一路 a street, 一九九五 a year read out digit by
            # digit (decimals are read so, 十点二三; and 三八折 is a 38% price)
            return None
        if core[-1:] in ("陸", "陆") and norm[e : e + 1] == "股":
            return None  # Taiwan's 陸股 are mainland shares: 週二陸股 is Tuesday, no 26
        value_opt = cn_to_number(core)
        if value_opt is None:
            return None
        value = value_opt
        approx = any(c in _CN_APPROX for c in core)
        if _ARABIC_RE.fullmatch(core):
            script = "ar"
            tol = _arabic_tolerance(core)
        else:
            tol = _value_tolerance(value)
            head = _ARABIC_RE.match(core)
            if head is not None and not any(c in _DIG for c in core):
                # 55億, 1.37萬億: precision of the Arabic part times the units after it
                hv = _arabic(head.group(0))
                if hv:
                    tol = _arabic_tolerance(head.group(0)) * value / hv
            lone_cn = len(core) == 1
    else:
        parsed = en_phrase(core)
        if parsed is None:
            return None
        value, consumed = parsed
        core = core[:consumed]
        e = s + consumed
        script = "en"
        tol = _value_tolerance(value)
        low = core.lower()
        if low == "half" and _HALF_BEFORE_RE.search(norm[max(0, s - 8) : s].lower()):
            return None  # "the first half", "second half": a period, not 0.5
        if _A_ORDINAL_RE.fullmatch(low) and _NOUN_AFTER_RE.match(norm, e):
            return None  # "a fifth man", "a third term": an ordinal, not 20% or 33%
        if low in ("one",):
            before = norm[max(0, s - 6) : s].lower()
            # "one of the", "the one", "one by one": a pronoun, not a count
            if _ONE_AFTER_RE.match(norm[e : e + 9].lower()) or _ONE_BEFORE_RE.search(before):
                return None

    # ---- context that rules the core out -----------------------------------------
    before = norm[max(0, s - 12) : s]
    after = norm[e : e + 12]
    prev = norm[s - 1] if s else ""
    nxt = norm[e] if e < len(norm) else ""
    if script in ("ar", "cn") and (core[0].isdigit() or core[0] == "."):
        glued_before = prev.isascii() and (prev.isalnum() or prev in "_.") if prev else False
        if glued_before and not _CODE_BEFORE_RE.search(before):
            return None  # glued to letters (H100, FP16, Q1, Dec.21) unless a code (RMB5)
        if (
            prev == "-" and s >= 2 and norm[s - 2].isascii() and norm[s - 2].isalpha()
            and not norm[max(0, s - 10) : s].lower().endswith("magnitude-")
        ):  # fmt: skip
            return None  # COVID-19, H-1B (a "magnitude-5.8 quake" is a figure)
        letter_after = nxt.isascii() and nxt.isalpha()
        if letter_after and not _unit_at(norm, e) and not _SCALE_RE.match(norm, e):
            return None  # 910B, 4th, 3pm, 5090Ti
        if nxt == "." and e + 1 < len(norm) and norm[e + 1].isalpha() and norm[e + 1].isupper():
            return None  # 2330.TW
    if script == "en" and (prev.isalpha() or nxt.isalpha()):
        return None
    if prev == "第" and script != "en":
        return None  # ordinals: 第一季, 第3名
    if script == "cn" and _WEEKDAY_BEFORE_RE.search(before) and value < 10:
        return None  # 週二, 星期三, 初五

    # ---- grow right: scale word, approx marker, unit, postfix hedge -----------------
    money_prefix = False
    pm = _PREFIX_CUR_RE.search(norm, max(0, s - 6), s)
    if (
        pm is not None
        and pm.group(0)[:1].isalpha()
        and pm.start()
        and norm[pm.start() - 1].isalpha()
    ):
        # "plus $2": the "us" of a word is no "US $"; only the symbol after it counts
        tail = (
            pm.start()
            + len(pm.group(0))
            - len(pm.group(0).lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
        )
        pm = _PREFIX_CUR_RE.search(norm, tail, s)
    # a currency symbol directly before (after an optional sign the prefix is still ours)
    cur_iso = None
    if pm is not None:
        sym = pm.group(0).strip()
        cur_iso = _CURRENCY_PREFIX[sym]
        # "$" after letters (NT$, US$ handled by the lexicon); codes need a boundary
        before_sym = norm[pm.start() - 1] if pm.start() else ""
        code_glued_to_word = before_sym.isascii() and before_sym.isalpha()
        is_code = sym.isascii() and sym.isalpha()
        if is_code and (code_glued_to_word or (pm.group(0) == sym and script != "ar")):
            cur_iso = None
    if cur_iso is not None and pm is not None:
        money_prefix = True
        if pm.start() > 0 and (norm[pm.start() - 1].isdigit() or norm[pm.start() - 1] in _CN_ALL):
            money_prefix, cur_iso = False, None  # "4人民币5美元": 人民币 belongs to the 4
    has_scale, scale = False, 1.0
    sm = _SCALE_RE.match(norm, e) if script in ("ar", "en") or core[-1:].isdigit() else None
    if sm is not None:
        mult, needs_money = _SCALE_WORDS[sm.group("s")]
        word = sm.group("s")
        glued = not sm.group("sp")
        ok = (not needs_money or money_prefix) and (glued or len(word) > 1 or word == "M")
        if word in ("m", "b", "B") and not money_prefix:
            ok = False
        if (
            not ok
            and glued
            and word in ("m", "b", "B")
            and not (word == "m" and _M_LENGTH_AFTER.match(norm, sm.end()))
        ):
            return None  # "800m": million or metres? "910B": a model name
        if ok:
            value *= mult
            tol *= mult
            e = sm.end()
            has_scale, scale = True, mult
    elif script == "cn" and any(c in _CNU for c in core):
        has_scale, scale = True, _trailing_big_units(core)
    more = _MORE_TAIL_RE.match(norm, e)
    more_than_n = False  # "2000多年": more than 2000 years, never the year 2000
    if not approx and more is not None and script != "en":
        approx, e = True, more.end()  # 300多家, 5万多元, 1,600 多公里
        more_than_n = True
    um = _unit_at(norm, e)
    if um is not None and um.group("u") == "m" and not _metres_here(norm, um.end()):
        um = None  # "1.5 m people": not metres (and no currency to make it millions)
    if um is not None and um.group("u") == "g" and _MOBILE_AFTER.match(norm, um.end()):
        um = None  # "a 4g signal": a mobile generation, not grams
    if um is not None:
        u = um.group("u")
        info = _lookup_unit(u)
        if info is not None:
            k, cu, f = info
            ok = True
            follow = norm[um.end() : um.end() + 1]
            digit_by_digit = script == "ar" or all(c in _CN_DIGITS for c in core)
            year_like = _is_year(core, value) or value >= 1000 and digit_by_digit
            if u == "年" and (year_like or follow in _YEAR_FOLLOW):
                ok = False  # 2025年, 二〇二五年, 90年代, 年底 (but 三千年后: three thousand years)
            if u in ("€", "$") and _DIGIT_NEXT_RE.match(norm, um.end()):
                ok = False  # "5 $10": the symbol is the next amount's prefix
            if money_prefix and k == "duration":
                ok = False  # "$5.1 bln year ago": the amount, then when
            if u == "仙" and not core[-1:].isdigit():
                ok = False  # 八仙, 神仙: no cents
            if u in ("碼", "码") and not _RATE_MOVE_BEFORE.search(norm, max(0, s - 8), s):
                ok = False  # 100碼: yards; only 降息一碼, 升息半碼 are a quarter point
            if u == "度" and not _kwh_context(norm, s, um.end()):
                ok = False  # 30度 is a temperature or an angle unless it is about power
            if u in ("x", "×") and (script != "ar" or um.start("u") != e):
                ok = False  # "2x" only glued to an Arabic numeral
            if u in ("成", "折") and (follow and follow in _CHENG_WORDS or value > 100):
                ok = False  # 成为, 成立, 折扣... are words
            if u == "折" and value == 10:
                ok = False  # 十折 is the full price: no discount, no figure
            elif u == "折" and value > 10:
                f = 1.0  # 75折 = 75%, 九九折 = 99%
            if ok:
                kind, unit, factor, has_unit = k, cu, f, True
                if k == "money":
                    unit = _resolve_currency(cu, twd_text, cjk_text)
                e = um.end()
                han_unit = "\u4e00" <= u[:1] <= "\u9fff"
                if norm[e : e + 1] == "半" and (script == "cn" or han_unit) and k != "money":
                    value, tol, e = value + 0.5, 0.05, e + 1  # 三斤半, 一吨半, 1年半
    if money_prefix and cur_iso is not None and pm is not None:
        if kind in ("count", "money"):
            kind, factor, has_unit = "money", 1.0, True
            # the prefix decides, except "$" before a more specific suffix ("$5 HKD")
            if unit in ("", "USD") or cur_iso != "USD":
                unit = _resolve_currency(cur_iso, twd_text, cjk_text)
            s = pm.start()
        else:
            money_prefix = False
    hedge: str | None = "more_than" if approx else None
    ph = _POSTFIX_HEDGE_RE.match(norm, e)
    if ph is not None and hedge is None:
        h = ph.group("h")
        plus_bare = h == "+" and not has_unit
        if not plus_bare and not (h in ("多", "余", "餘") and script == "en"):
            hedge = _HEDGE_POSTFIX[h.lower()]
            e = ph.end()

    # ---- context that needs the unit -------------------------------------------------
    if lone_cn and norm[s] in _CN_FINANCIAL and norm[s + 1 : s + 2] not in _CN_CLASSIFIERS:
        return None  # 陆克文, 伍兹: a cheque numeral alone is a name's character
    if lone_cn and norm[s : s + 2] in ("陸股", "陆股"):
        return None  # Taiwan's 陸股 are mainland shares, not six shares
    if lone_cn and not has_unit and not _lone_cn_ok(norm, s, e):
        return None
    if not has_unit and not money_prefix and _MONTH_CN_RE.match(after) and value in _MONTH_NUMBERS:
        return None  # 十一月, 4月 (十 reads as a scale, so this cannot wait for the check below)
    if not has_unit and not has_scale and not money_prefix:
        # mainland text often spaces Arabic numbers ("2000 名员工")
        classifier = after.lstrip(" \t")[:1]
        counted = classifier in _CN_CLASSIFIERS and classifier not in "年度代届屆级級期季版款号號"
        if (
            script == "ar" and "." not in core and "," not in core and not counted
            and not more_than_n and _is_year(core, value, before)
        ):  # fmt: skip
            return None  # years (not "2000家", 2000 companies)
        if (
            script == "cn"
            and all(c in _CN_DIGITS for c in core)
            and _is_year("0" * len(core), value)
        ):
            return None  # 二〇二四 read digit by digit
        if (
            _YEAR_AFTER_RE.match(after) and not more_than_n
            and (value >= 1000 or script == "ar" and len(core) == 4)
        ):  # fmt: skip
            return None  # 2025年, 2025财年, 二〇二五年
        if _MONTH_CN_RE.match(after) and 1 <= value <= 12:
            return None  # 4月 (but not 4月薪)
        if _DAY_CN_RE.match(after) and _MONTH_BEFORE_CN_RE.search(before) and 1 <= value <= 31:
            return None  # 16日 after 4月
        if (
            _TIME_AFTER_RE.match(after) or _TIME_BEFORE_RE.search(before)
        ) and not _colon_score(norm, s, e):
            return None  # 02: 01
        if _AMPM_RE.match(after):
            return None
        if (
            script in ("ar", "en")
            and 1 <= value <= 31
            and (_MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(after))
        ):
            return None  # April 16, 16 April
        line_start = s == 0 or _LINE_START_RE.search(norm, max(0, s - 40), s) is not None
        if script == "ar" and line_start and _LIST_MARK_RE.match(after + " ") and value < 100:
            return None  # list numbering "1. ", "2) "
        if prev and nxt and prev in "(（" and nxt in ")）":
            return None  # (2), 聯發科(2454)
        tb = _TOKEN_BEFORE_RE.search(before)
        if tb is not None and script == "ar" and _productish(tb.group(1)):
            return None  # RTX 5090, CloudMatrix 384, S&P 500
        if script == "ar" and any(before.endswith(n) for n in _INDEX_NAMES):
            return None  # 標普500

    # ---- grow left: sign, currency, hedge -------------------------------------------
    if not money_prefix:
        # a sign belongs to the number only at a word start ("-5", "负3.9%", and after Han
        # text: "增长率为-2.71%", "气温为-5℃"), not after a Latin letter or a digit (COVID-19, 3-5)
        cn_minus = s and norm[s - 1] in "负負" and script != "en"
        before_sign = norm[s - 2] if s >= 2 else ""
        ascii_minus = (
            s and norm[s - 1] == "-" and (script == "ar" or script == "cn" and core[:1].isdigit())
            and (s == 1 or not (before_sign.isascii() and before_sign.isalnum()))
        )  # fmt: skip
        if cn_minus or ascii_minus:
            value, s = -value, s - 1
        else:
            mm = _MINUS_WORD_RE.search(norm, max(0, s - 9), s) if script in ("en", "ar") else None
            if mm is not None:
                value, s = -value, mm.start()  # "minus 5", "negative one"
    if hedge is None:
        hm = _hedge_before(norm, s)
        if hm is not None:
            word = _HEDGE_TAIL_RE.sub("", hm.group(0)).strip()
            key = word.lower() if word.isascii() else word
            if key not in _HEDGE_PREFIX:
                key = hm.group(0).strip().lower()
            if key in _HEDGE_PREFIX:
                hedge = _HEDGE_PREFIX[key]
                s = hm.start()
    return _Atom(
        start=s,
        end=e,
        numeral=value,
        tol=tol,
        kind=kind,
        unit=unit,
        factor=factor,
        hedge=hedge,
        has_unit=has_unit,
        has_scale=has_scale,
        scale=scale,
        money_prefix=money_prefix,
    )


_CHANGE_THEN_LEVEL = re.compile(
    r"(?:\b(?:rose|rise[sn]?|fell|falls?|fallen|dropped|drops?|declined|declines?|slipped|"
    r"slips?|slid|jumped|jumps?|climbed|climbs?|gained|gains?|lost|loses?|added|adds?|shed|"
    r"sheds?|increased|increases?|decreased|decreases?|grew|grows?|surged|surges?|plunged|"
    r"plunges?|soared|soars?|tumbled|tumbles?|advanced|advances?|edged[ \t]+(?:up|down)|"
    r"up|down)(?:[ \t]+by)?[ \t]*(?:about|around|nearly|almost|some|roughly)?[ \t]*"
    # "raised its dividend by 3 cents to 28 cents": by how much, then to what
    r"|\bby[ \t]+(?:about|around|nearly|almost|some|roughly)?[ \t]*"
    r"|(?:涨|漲|跌|升|降|增|减|減|上涨|上漲|下跌|上升|下降|增加|减少|減少)了?[ \t]*)\Z",
    re.IGNORECASE,
)


# "rose from 5.1% to 5.4%", "fares go up from HK$27 to HK$29": where a change started and
# where it ended, two figures ("ranging from $5 to $10" and "from 20 to 25" stay ranges)
_CHANGE_BEFORE_FROM = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|fallen|falling|dropped|drops?|declined|declines?|"
    r"slipped|slid|jumped|climbed|gained|increased|increases?|increasing|decreased|decreases?|"
    r"grew|grows?|growing|surged|plunged|soared|tumbled|advanced|widened|narrowed|improved|"
    r"worsened|raised|raises?|raising|cut|cuts|cutting|lowered|lowers?|reduced|reduces?|"
    r"hiked|lifted|boosted|slashed|trimmed|revised|upgraded|downgraded|changed|moved|shifted|"
    r"(?:go|goes|went|gone|going|move[sd]?|moving)[ \t]+(?:up|down)|edged[ \t]+(?:up|down))"
    # the change word just before "from", or earlier in the clause: "raised the rent by 15
    # percent on renewal, from HK$12,000 to HK$13,800", "a rise in the rate from 3.9%"
    r"(?:(?:[ \t]+[a-z]+ly)?[ \t]+|\b[^.;:!?]{0,50}[ \t,]+)\Z",
    re.IGNORECASE,
)


def _merge_ranges(norm: str, atoms: list[_Atom]) -> list[tuple[_Atom, _Atom | None, int, int]]:
    """Pair up neighbours joined by a range connector; returns (low, high, start, end)."""
    out: list[tuple[_Atom, _Atom | None, int, int]] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            glued = a.end == b.start and a.kind == b.kind and a.has_unit
            spaced = not norm[a.end : b.start].strip() and not a.has_unit and b.has_unit
            if (
                (glued or spaced) and norm[b.start : b.start + 1] in ("-", "–") and b.numeral < 0
            ):  # fmt: skip  "11%-12%", "13 -25%": a range, not minus 12
                b = replace(b, start=b.start + 1, numeral=-b.numeral)  # "11%-12%": not minus 12
            gap = norm[a.end : b.start]
            gm = _RANGE_GAP_RE.match(gap) if a.end <= b.start else None
            # "约11-12%", "高达七至八成": a hedge before the low end hedges the whole range
            left_ok = a.hedge in (None, "about", "up_to")
            if gm is not None and gm.end() == len(gap) and left_ok and b.hedge is None:
                conn = gap.strip().lower()
                lead = _RANGE_LEAD_RE.search(norm, max(0, a.start - 10), a.start)
                word_conn = conn in ("to", "至", "到", "and", "和", "或")
                needs_lead = conn in ("and", "和", "或")
                compatible = (a.unit == b.unit and a.kind == b.kind) or (
                    a.kind == "count" and not a.has_unit
                )
                unit_any = a.has_unit or b.has_unit or a.has_scale or b.has_scale
                # "fell $2.45 to $80.12", "涨0.5元至12.3元": a change, then the level it
                # reached; two figures, not a range (unless "from" says where it started)
                # ("up 3 to 5%", "fell 2% to 3%" stay ranges: the low end has no unit of
                # its own, or both ends are shares)
                changed = (
                    lead is None and conn in ("to", "至", "到")
                    and a.has_unit and b.has_unit and not (a.kind == b.kind == "percent")
                    and _CHANGE_THEN_LEVEL.search(norm, max(0, a.start - 16), a.start)
                )  # fmt: skip
                moved = (
                    lead is not None and conn == "to"
                    and lead.group(0).strip().lower() == "from"
                    and _CHANGE_BEFORE_FROM.search(norm, max(0, lead.start() - 80), lead.start())
                )  # fmt: skip
                if (
                    compatible
                    and not changed
                    and not moved
                    and (word_conn or unit_any)
                    and (lead is not None or not needs_lead)
                    and (_scaled_left(a, b) < b.numeral or _falling_scaled(a, b))
                ):
                    start = lead.start() if lead is not None else a.start
                    end = b.end
                    tail = _RANGE_TAIL_RE.match(norm, end)
                    if lead is not None and tail is not None:
                        end = tail.end()  # 介于5和7之间
                    out.append((a, b, start, end))
                    i += 2
                    continue
                if moved and a.kind == "count" and not a.has_unit and not a.has_scale:
                    # "rose from 5 to 7 million", "fell from 148 to 71 mg/dL": where it
                    # started is in the same scale and unit
                    if b.has_scale:
                        a = replace(
                            a, numeral=a.numeral * b.scale, tol=a.tol * b.scale,
                            has_scale=True, scale=b.scale,
                        )  # fmt: skip
                    if b.has_unit:
                        a = replace(a, kind=b.kind, unit=b.unit, factor=b.factor, has_unit=True)
        out.append((a, None, a.start, a.end))
        i += 1
    return out


# "the top 10 in 83 countries", "No. 1 in 41 of them": a rank, not one in 41
_RANK_BEFORE_RE = re.compile(r"(?:\btop|\bNo\.|\bnumber|\branked|\brank)[ \t]*\Z", re.IGNORECASE)


# 每12人中有1人, 约每8名女性就有1人: "one in N" as Chinese writes it, N first
_EVERY_BEFORE_RE = re.compile(r"(?P<about>[约約大]+)?[ \t]*每[ \t]*\Z")
_EVERY_GAP_RE = re.compile(
    r"[ \t]*[个個名位]?[\u4e00-\u9fff]{0,4}?中?[ \t]*(?:就|便|即)?[ \t]*"
    r"(?<![拥擁具持占佔没沒])有[ \t]*"
)


def _merge_fractions(norm: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join "two out of five", "one in three" and "1 over 3" into one fraction.

    Both ends must be bare counts (no unit, scale-free right end allowed) and the left end
    smaller than the right.  "over" is also a hedge word ("over 30"), so X over Y counts
    only when nothing but punctuation follows Y ("2000 over 3." but not "5 over 3 years")."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        # "about 1 in 4", "fewer than 3 in 1,000": a hedge before the fraction hedges all of it
        # ("more than 2 in 5" stays "more than 2", as Recognizers-Text reads it)
        left_ok = a.hedge in (None, "about", "less_than", "up_to")
        ranked = _RANK_BEFORE_RE.search(norm, max(0, a.start - 10), a.start) is not None
        every = _EVERY_BEFORE_RE.search(norm, max(0, a.start - 4), a.start)
        if (
            # up to 每100人: "one in eight", "9 in 10"; 每10万人有12人 is a rate per 100,000,
            # which English writes "12 per 100,000" (two figures, as here)
            every is not None and i + 1 < len(atoms) and a.kind == "count" and 0 < a.numeral <= 100
            and atoms[i + 1].kind == "count" and atoms[i + 1].hedge is None
            and _EVERY_GAP_RE.fullmatch(norm[a.end : atoms[i + 1].start])
            and 0 < atoms[i + 1].numeral < a.numeral and float(atoms[i + 1].numeral).is_integer()
        ):  # fmt: skip
            # 约每12人中有1人, 每8名女性就有1人: one in twelve, one in eight
            b = atoms[i + 1]
            v = b.numeral / a.numeral
            hedge = "about" if every.group("about") else None
            out.append(_Atom(start=every.start(), end=b.end, numeral=v, tol=_value_tolerance(v),
                             hedge=hedge))  # fmt: skip
            i += 2
            continue
        if i + 1 < len(atoms) and a.kind == "count" and not a.has_unit and left_ok and not ranked:
            b = atoms[i + 1]
            gap = norm[a.end : b.start]
            fm = _FRACTION_GAP_RE.fullmatch(gap)
            over = False
            if fm is None and b.hedge == "more_than" and _OVER_RE.match(norm, b.start):
                over = gap.strip() == "" and not _WORD_AFTER_RE.match(norm, b.end)
            per_mille = (
                _PER_GAP_RE.fullmatch(gap) is not None and b.numeral == 1000 and b.hedge is None
                and b.kind == "count" and not b.has_unit
            )  # fmt: skip
            if per_mille:
                # "a birth rate of 6.74 per 1,000": 6.74‰, as 出生率为6.74‰ says
                v = a.numeral / 1000
                out.append(_Atom(start=a.start, end=b.end, numeral=v, tol=a.tol / 1000,
                                 hedge=a.hedge))  # fmt: skip
                i += 2
                continue
            if (fm is not None and b.hedge is None or over) and b.kind == "count" and b.numeral:
                word_over = fm is not None and fm.group(0).strip().lower() == "over"
                ok = over or word_over or abs(a.numeral) < b.numeral
                if ok and not b.has_unit:
                    v = a.numeral / b.numeral
                    out.append(_Atom(
                        start=a.start, end=b.end, numeral=v, tol=_value_tolerance(v),
                        hedge=a.hedge,
                    ))  # fmt: skip
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _drop_urls(norm: str, atoms: list[_Atom]) -> list[_Atom]:
    """Numbers inside a URL ("...?q=30%25", "issn%280024") are not quantities."""
    if "://" not in norm and "www." not in norm:
        return atoms
    spans = [m.span() for m in _URL_RE.finditer(norm)]
    return [a for a in atoms if not any(s <= a.start < e for s, e in spans)]


def _percent_of(norm: str, atoms: list[_Atom]) -> list[_Atom]:
    """ "percent of 10" / "per cent of twenty-two" (no number before "percent") is 10%."""
    prev_end = -1
    for a in atoms:
        if a.kind == "count" and not a.has_unit and a.hedge is None:
            pm = _PERCENT_OF_RE.search(norm, max(0, a.start - 20), a.start)
            if (
                pm is not None
                and prev_end <= pm.start()
                and not _NUM_BEFORE_RE.search(norm, max(0, pm.start() - 3), pm.start())
            ):
                a.start, a.kind, a.unit, a.has_unit = pm.start(), "percent", "%", True
        prev_end = a.end
    return atoms


def _falling_scaled(a: _Atom, b: _Atom) -> bool:
    """A range written high to low whose bare left end takes the right end's scale:
    "4.2-3.9 million years ago", "420至390萬年前" (a bare "3-1" stays two figures)."""
    return (
        b.has_scale and not a.has_scale and not a.has_unit
        and b.numeral < _scaled_left(a, b) <= 10 * b.numeral
    )  # fmt: skip


def _scaled_left(a: _Atom, b: _Atom) -> float:
    """Left end of a range on the right end's scale ("5 to 6 billion": 5 -> 5e9)."""
    if b.has_scale and not a.has_scale and not a.has_unit:
        return a.numeral * b.scale
    return a.numeral


def _quantity(text: str, a: _Atom, b: _Atom | None, start: int, end: int) -> Quantity:
    if b is None:
        v = a.numeral * a.factor
        tol = a.tol * abs(a.factor)
        hedge = a.hedge
        if hedge == "about":
            margin = max(_ABOUT_MARGIN * abs(v), tol)
            low, high = v - margin, v + margin
        elif hedge in ("more_than", "at_least"):
            low, high = v, None
        elif hedge in ("less_than", "up_to"):
            low, high = None, v
        else:
            low = high = v
        return Quantity(
            surface=text[start:end],
            start=start,
            end=end,
            value=v,
            low=low,
            high=high,
            unit=a.unit,
            kind=a.kind,
            hedge=hedge,
            tolerance=tol,
        )
    la, hb = sorted((_scaled_left(a, b), b.numeral))  # "4.2-3.9 million": low to high
    f = b.factor
    lo, hi = la * f, hb * f
    tol = max(a.tol * abs(f) * (la / a.numeral if a.numeral else 1.0), b.tol * abs(f))
    return Quantity(
        surface=text[start:end],
        start=start,
        end=end,
        value=(lo + hi) / 2,
        low=lo,
        high=hi,
        unit=b.unit,
        kind=b.kind,
        hedge="range",
        tolerance=tol,
    )


def extract_with_numerals(text: str) -> list[tuple[Quantity, float]]:
    """Quantities in ``text`` with their bare numeral value (no unit conversion)."""
    if not text:
        return []
    norm = _fold(text)
    atoms = _scan(norm)
    atoms.sort(key=lambda x: x.start)
    # drop overlaps (a later core already swallowed by an earlier one's unit/scale)
    clean: list[_Atom] = []
    for a in atoms:
        if clean and a.start < clean[-1].end:
            continue
        clean.append(a)
    clean = _merge_fractions(norm, clean)
    clean = _percent_of(norm, _drop_urls(norm, clean))
    out: list[tuple[Quantity, float]] = []
    for a, b, start, end in _merge_ranges(norm, clean):
        if out and start < out[-1][0].end:
            continue
        q = _quantity(text, a, b, start, end)
        numeral = a.numeral if b is None else (_scaled_left(a, b) + b.numeral) / 2
        out.append((q, numeral))
    out = [(q, n) for q, n in out if not _VAGUE_NEIGHBOURS.search(text, q.start, q.end + 1)]
    out = _add_word_percents(text, _merge_minor_units(text, _merge_cheng_tail(text, out)))
    if "半" in text:
        out = _add_halves(text, _and_a_half(text, out))
    if "多" in text or "余" in text or "餘" in text:
        out = _more_than_units(text, out)
    if "x" in text or "×" in text or " by " in text or "X" in text or "*" in text:
        out = _dimensions(text, norm, out)
    if "+" in text:
        out = _plus_then_scale(text, out)
    if "ft" in text or "st" in text:
        out = _imperial_compounds(text, out)
    out = _retyped(text, out)
    if "分" in text or "second" in text or "minute" in text:
        out = _compound_durations(text, out)
    if ":" in text:
        out = _race_times(text, out)
    if "秒" in text:
        out = _seconds_fraction(text, out)
    if "-year" in text or "over-" in text or "under-" in text:
        out = _suspended_age_ranges(text, out)
    if _QUAKE_WORDS.search(text):
        out = _magnitudes(text, out)
    return [(_share(q), n) for q, n in out]


# An earthquake's magnitude, in every way the news writes it: 里氏7.1级地震, 規模6.4地震,
# 芮氏規模7.1, "magnitude-7.1", "a 7.1-magnitude quake", "7.1 on the Richter scale",
# "M5.6 aftershock". Not a count: a scale of its own (unit "M"), so that two sources'
# magnitudes are each other's only figure of their kind. (10级 of wind stays a count.)
_QUAKE_WORDS = re.compile(
    r"震|magnitude|Richter|quake|aftershock|tremor", re.IGNORECASE
)
_MAGNITUDE_BEFORE = re.compile(
    r"(?:magnitude[ \t-]*|measur(?:ing|ed)[ \t]+"
    r"|(?:里氏|芮氏|黎克特制|震级|震級|规模|規模|芮氏規模)[ \t]*(?:为|為|達|达)?[ \t]*)\Z",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER = re.compile(
    r"[ \t]*-?[ \t]*magnitude\b|[ \t]+on[ \t]+the[ \t]+Richter\b"
    # in a sentence about a quake, N级 is its magnitude (3.0级以上余震, 最大为4.2级), unless
    # the 级 grades wind, an alert or a hospital
    r"|[ \t]*[级級](?![ \t]*(?:[风風浪]|大[风風]|台[风風]|[颱颶][風风]|[阵陣][风風]|应急|應急"
    r"|响应|響應|预警|預警|警[报報戒]|戒[备備]|[医醫]院|地[区區]|行政|城市|公路|[学學]校"
    r"|[标標]准|[标標]準))",
    re.IGNORECASE,
)
_MAGNITUDE_TAIL = re.compile(r"[ \t]*[级級]")
# wind and waves are graded in 级 too, and so is shaking (震度4級, 烈度4级: intensity)
_NOT_MAGNITUDE_BEFORE = re.compile(r"[风風浪]|震度|烈度|intensity", re.IGNORECASE)
_M_MAGNITUDE = re.compile(
    r"(?<![A-Za-z\d.])M[ \t]?(\d\.\d)(?=[ \t]+(?:[A-Za-z-]+[ \t]+){0,2}"
    r"(?:quake|earthquake|aftershock|tremor)s?\b)",
    re.IGNORECASE,
)


def _magnitudes(text: str, found: list[tuple[Quantity, float]]) -> list[tuple[Quantity, float]]:
    out: list[tuple[Quantity, float]] = []
    for q, n in found:
        plain = q.kind == "count" and q.value is not None and 0 < q.value < 10.5
        before = _MAGNITUDE_BEFORE.search(text, max(0, q.start - 12), q.start)
        after = _MAGNITUDE_AFTER.match(text, q.end)
        graded = _NOT_MAGNITUDE_BEFORE.search(text, max(0, q.start - 8), q.start)
        if plain and (before or after and not graded):
            tail = _MAGNITUDE_TAIL.match(text, q.end)
            end = tail.end() if tail else q.end
            q = replace(q, surface=text[q.start : end], end=end, kind="magnitude", unit="M")
        out.append((q, n))
    for m in _M_MAGNITUDE.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p, _ in out):
            continue
        value = float(m.group(1))
        out.append((Quantity(
            surface=m.group(0), start=m.start(), end=m.end(), value=value, low=value,
            high=value, unit="M", kind="magnitude", tolerance=0.05,
        ), value))  # fmt: skip
    return sorted(out, key=lambda pair: pair[0].start)


# "11- to 17-year-olds", "12- and 13-year-old girls": one group of ages, as 11至17岁 is
_SUSPENDED_AGES = re.compile(
    r"(?<![\d.,])(\d{1,3})-[ \t]+(?:to|and|or)[ \t]+(\d{1,3})-year-olds?\b", re.IGNORECASE
)


# "the over-65s", "under-18s": people above or below an age (65岁以上, 18岁以下)
_AGE_GROUP = re.compile(r"\b(over|under)-(\d{1,3})s\b", re.IGNORECASE)


def _suspended_age_ranges(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    ages: list[Quantity] = []
    for m in _SUSPENDED_AGES.finditer(text):
        low, high = float(m.group(1)), float(m.group(2))
        if 0 <= low < high <= 130:
            ages.append(Quantity(
                surface=m.group(0), start=m.start(), end=m.end(), value=(low + high) / 2,
                low=low, high=high, unit="year", kind="age", hedge="range", tolerance=0.5,
            ))  # fmt: skip
    for m in _AGE_GROUP.finditer(text):
        age = float(m.group(2))
        over = m.group(1).lower() == "over"
        ages.append(Quantity(
            surface=m.group(0), start=m.start(), end=m.end(), value=age,
            low=age if over else None, high=None if over else age, unit="year", kind="age",
            hedge="more_than" if over else "less_than", tolerance=0.5,
        ))  # fmt: skip
    for group in ages:
        found = [p for p in found if not (p[0].start < group.end and group.start < p[0].end)]
        found.append((group, group.value or 0.0))
    return sorted(found, key=lambda pair: pair[0].start)


# "won the marathon in 2:06:43": hours, minutes and seconds written as a clock is a time
# taken, as 2小时6分43秒 is (a time of day with seconds is rare in news; "at" or am/pm
# before or after it says so)
_RACE_TIME = re.compile(r"(?<![\d:.])(\d{1,2}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?(?![\d:])")
_CLOCK_NEAR = re.compile(r"\bat[ \t]+\Z|[ \t]*(?:a\.?m\.?|p\.?m\.?|UTC|GMT)", re.IGNORECASE)


# "3:43.13", "2:11.60分钟": minutes and seconds with their hundredths, a time taken (no
# clock writes a fraction of a second)
_LAP_TIME = re.compile(
    r"(?<![\d:.])(\d{1,2}):([0-5]\d)\.(\d{1,3})(?![\d:])(?:[ \t]*(?:分钟|分鐘|minutes?\b|mins?\b))?"
)


def _race_times(text: str, found: list[tuple[Quantity, float]]) -> list[tuple[Quantity, float]]:
    for m in (*_RACE_TIME.finditer(text), *_LAP_TIME.finditer(text)):
        if _CLOCK_NEAR.search(text, max(0, m.start() - 4), m.start()) or _CLOCK_NEAR.match(
            text, m.end()
        ):
            continue
        if m.re is _LAP_TIME:
            hours, minutes, seconds = 0, int(m.group(1)), int(m.group(2))
            digits = m.group(3)
        else:
            hours, minutes, seconds = (int(m.group(k)) for k in (1, 2, 3))
            digits = m.group(4)
        fraction = float("0." + digits) if digits else 0.0
        value = hours * 3600 + minutes * 60 + seconds + fraction
        tolerance = 0.5 * 10 ** -len(digits) if digits else 0.5
        found = [p for p in found if not (p[0].start < m.end() and m.start() < p[0].end)]
        found.append((Quantity(
            surface=m.group(0), start=m.start(), end=m.end(), value=value, low=value,
            high=value, unit="s", kind="duration", tolerance=tolerance,
        ), value))  # fmt: skip
    return sorted(found, key=lambda pair: pair[0].start)


def _seconds_fraction(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    """ "2分11秒60": the digits right after 秒 are its hundredths (Chinese sports results)."""
    out: list[tuple[Quantity, float]] = []
    for q, n in found:
        if out:
            last, numeral = out[-1]
            if (
                last.kind == "duration" and last.surface.endswith("秒")
                and _next_to(text, last.end, q.start) and q.kind == "count"
                and q.surface.isdigit() and len(q.surface) <= 3
                and last.value is not None
            ):  # fmt: skip
                value = last.value + int(q.surface) / 10 ** len(q.surface)
                tolerance = 0.5 * 10 ** -len(q.surface)
                out[-1] = (replace(
                    last, surface=text[last.start : q.end], end=q.end, value=value, low=value,
                    high=value, tolerance=tolerance,
                ), numeral)  # fmt: skip
                continue
        out.append((q, n))
    return out


# "a third of voters", "三分之一", "one in five", "half" / "一半" / "半数": a share, as a
# percentage, so that it meets the "33%" or "三成" another source writes for it
_FRACTION_WORDS = re.compile(
    r"分之|[一半]半|半[数數]|过半|過半|half|halves|thirds?\b|quarters?\b|fifths?\b|sixths?\b|"
    r"sevenths?\b|eighths?\b|ninths?\b|tenths?\b|[ \t]in[ \t]|out[ \t]+of|\d[ \t]*/[ \t]*\d|"
    r"每.*有",
    re.IGNORECASE,
)


_PER_MILLE_RE = re.compile(r"[ \t]per[ \t]+(?:1,?000|thousand)$", re.IGNORECASE)


def _share(q: Quantity) -> Quantity:
    per_mille = q.kind == "count" and _PER_MILLE_RE.search(q.surface) is not None
    if q.kind != "count" or q.value is None or not (0 < q.value < 1 or per_mille and q.value):
        return q
    if not per_mille and (
        not _FRACTION_WORDS.search(q.surface) or re.search(r"\d[.点點]\d", q.surface)
    ):
        return q  # "0.31" written as a decimal, or 五百分之2.2, stays as written

    def pct(x: float | None) -> float | None:
        return None if x is None else x * 100

    return replace(
        q, kind="percent", unit="%", value=pct(q.value), low=pct(q.low), high=pct(q.high),
        tolerance=q.tolerance * 100,
    )  # fmt: skip


def _next_to(text: str, end: int, start: int) -> bool:
    """Whether ``start`` follows ``end`` directly or after one space."""
    return start == end or (start == end + 1 and text[end] in " \t")


# "2小时17分08秒", "2 hours 17 minutes and 8 seconds", "2分30秒": one time, as a race
# result or a timetable gives it, not an hour count, a stray 17 and 8 seconds
# (a space may stand either side of 分, as FLORES-style typesetting writes "4 分 41 秒 30")
_MINUTES_AFTER = re.compile(r"[ \t]?分(?![钟鐘之数數析别別享配钱錢红紅])")
_CLOCK_GAP = re.compile(r"[ \t]*(?:,[ \t]*)?(?:and[ \t]+)?")
_HOUR, _MINUTE = 3600.0, 60.0


def _minutes(text: str, q: Quantity, end: int) -> Quantity:
    return replace(
        q, surface=text[q.start : end], end=end, kind="duration", unit="s",
        value=(q.value or 0.0) * _MINUTE, low=None if q.low is None else q.low * _MINUTE,
        high=None if q.high is None else q.high * _MINUTE, tolerance=q.tolerance * _MINUTE,
    )  # fmt: skip


def _step(q: Quantity) -> float | None:
    """The size of the time unit a duration was written in (3600 for "2小时")."""
    return written_unit_factor(q.surface, "duration") if q.kind == "duration" else None


def _compound_durations(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    # a bare count glued to 分 between an hour and seconds (or before seconds) is minutes
    fixed = list(found)
    for k, (q, n) in enumerate(fixed):
        minute = _MINUTES_AFTER.match(text, q.end)
        if q.kind != "count" or q.value is None or minute is None:
            continue
        before = fixed[k - 1][0] if k else None
        after = fixed[k + 1][0] if k + 1 < len(fixed) else None
        after_hours = (
            before is not None and _next_to(text, before.end, q.start) and _step(before) == _HOUR
        )
        before_seconds = (
            after is not None and _next_to(text, minute.end(), after.start)
            and _step(after) == 1.0
        )  # fmt: skip
        if after_hours or before_seconds:
            fixed[k] = (_minutes(text, q, minute.end()), n)
    merged: list[tuple[Quantity, float]] = []
    for q, n in fixed:
        if merged:
            last, numeral = merged[-1]
            gap = _CLOCK_GAP.fullmatch(text, last.end, q.start)
            step_last, step_q = _compound_step(last), _compound_step(q)
            if gap and step_last and step_q and step_q < step_last and step_q >= 1.0:
                merged[-1] = (_joined(text, last, q), numeral)
                continue
        merged.append((q, n))
    return merged


def _compound_step(q: Quantity) -> float | None:
    """The smallest unit of a (possibly already joined) duration."""
    if q.kind != "duration":
        return None
    steps = [
        factor for name, (kind, _, factor) in _UNITS.items()
        if kind == "duration" and name in q.surface and factor in (_HOUR, _MINUTE, 1.0)
    ]  # fmt: skip
    if "分" in q.surface and "分钟" not in q.surface and "分鐘" not in q.surface:
        steps.append(_MINUTE)
    return min(steps) if steps else None


def _joined(text: str, a: Quantity, b: Quantity) -> Quantity:
    def add(x: float | None, y: float | None) -> float | None:
        return None if x is None or y is None else x + y

    return replace(
        a, surface=text[a.start : b.end], end=b.end, value=add(a.value, b.value),
        low=add(a.low, b.low), high=add(a.high, b.high), tolerance=b.tolerance,
    )  # fmt: skip


# "$300+ billion": the plus sign ends the amount, the scale word after it still scales it
_LONE_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
               "mn": 1e6, "bn": 1e9, "tn": 1e12}  # fmt: skip


def _plus_then_scale(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    out: list[tuple[Quantity, float]] = []
    for q, numeral in found:
        scale = _LONE_SCALE.get(q.surface.lower())
        after_plus = out and out[-1][0].surface.endswith("+")
        if scale and after_plus and not text[out[-1][0].end : q.start].strip():
            prev, prev_numeral = out[-1]
            value = (prev.value or 0.0) * scale
            merged = replace(
                prev, surface=text[prev.start : q.end], end=q.end, value=value, low=value,
                high=None, hedge="more_than", tolerance=prev.tolerance * scale,
            )  # fmt: skip
            out[-1] = (merged, prev_numeral * scale)
            continue
        out.append((q, numeral))
    return out


# "七成六": seven tenths and six hundredths, 76%.
_CHENG_TAIL = re.compile(
    r"[ \t]*(?P<d>[一二三四五六七八九1-9])"
    # not a count of its own: "三成六个月", "七成六人"
    r"(?![\d.一二三四五六七八九十百千万萬亿億成%个個月年天日人名位家次项項件台辆輛只元块塊岁歲倍])"
)
_CN_DIGIT = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}


def _merge_cheng_tail(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    out = []
    for q, numeral in found:
        match = _CHENG_TAIL.match(text, q.end) if q.surface.endswith("成") else None
        if match is None or q.value is None or q.kind != "percent" or q.hedge == "range":
            out.append((q, numeral))
            continue
        digit = match.group("d")
        value = q.value + float(_CN_DIGIT.get(digit, digit))
        merged = _grown(text, q, value, match.end(), 0.5)
        out.append((merged, value))
    return out


def _grown(text: str, q: Quantity, value: float, end: int, tol: float) -> Quantity:
    """``q`` widened to ``end`` with a new value, its bounds recomputed from its hedge
    (a postfix hedge right after the new end, "七成六左右", counts too)."""
    hedge = q.hedge
    if hedge is None and (ph := _POSTFIX_HEDGE_RE.match(text, end)):
        hedge, end = _HEDGE_POSTFIX[ph.group("h").lower()], ph.end()
    low: float | None = value
    high: float | None = value
    if hedge == "about":
        margin = max(_ABOUT_MARGIN * abs(value), tol)
        low, high = value - margin, value + margin
    elif hedge in ("more_than", "at_least"):
        high = None
    elif hedge in ("less_than", "up_to"):
        low = None
    return replace(
        q, surface=text[q.start : end], end=end, value=value, low=low, high=high,
        hedge=hedge, tolerance=tol,
    )  # fmt: skip


# "二三十", "三四成": two neighbouring digits mean "twenty or thirty", a rough size, not a
# figure anyone can check (read literally they would be 230).
_VAGUE_NEIGHBOURS = re.compile(
    "|".join(
        f"{a}{b}(?:[十百千万萬亿億成]|(?=[个個位名人家天年次种種项項岁歲]))"
        for a, b in zip("一二三四五六七八", "二三四五六七八九", strict=True)
    )
)
# Percentages written as words: 打对折 (sell at half price: 50%), 半成 (half of a tenth:
# 5%). A bare 对折 is also "folded in two", so it needs the verb 打 before it; 半成 and
# 半折 are also parts of words (半成品, 半成熟, 一半成本, 一半成员, 半折叠), so 一半 never
# counts and after 半成 only a percent's own followers may come (的, 左右, 以上, 多...).
_WORD_PERCENTS = {"对折": 50.0, "對折": 50.0, "半折": 50.0, "半成": 5.0}
_WORD_PERCENT_RE = re.compile(
    r"(?<=打)(?:对折|對折)"
    r"|(?<![一大过過])半折(?![叠疊扣])"
    r"|(?<![一大过過])半成(?![\u4e00-\u9fff])"
    r"|(?<![一大过過])半成(?=的|左右|上下|以上|以下|多|不到|都?[是为為])"
)


def _add_word_percents(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    extra = []
    for match in _WORD_PERCENT_RE.finditer(text):
        if any(q.start < match.end() and match.start() < q.end for q, _ in found):
            continue
        value = _WORD_PERCENTS[match.group(0)]
        q = Quantity(
            surface=match.group(0), start=match.start(), end=match.end(), value=value,
            low=value, high=value, unit="%", kind="percent", hedge=None, tolerance=0.0,
        )  # fmt: skip
        extra.append((q, value))
    return sorted(found + extra, key=lambda pair: pair[0].start) if extra else found


# "half of the votes" is 0.5 (see _HALF_BEFORE_RE for "the second half"); so are 一半 and
# 半数 in Chinese, with the hedge words around them ("近一半", "一半以上", "过半数")
_HALF_CN_RE = re.compile(r"(?<![上下前后後大多])(?:一半|半[数數])(?![儿兒径徑岛島])")
_HALF_HEDGE_BEFORE = re.compile(r"(?:近|将近|將近|接近|约|約|大约|大約|超过|超過|逾|过|過)\Z")
_HALF_HEDGE_AFTER = re.compile(r"以上|以下|左右|多")
_HALF_HEDGES = {"近": "about", "将近": "about", "將近": "about", "接近": "about", "约": "about",
                "約": "about", "大约": "about", "大約": "about", "超过": "more_than",
                "超過": "more_than", "逾": "more_than", "过": "more_than", "過": "more_than",
                "以上": "more_than", "多": "more_than", "以下": "less_than",
                "左右": "about"}  # fmt: skip


# "仅为富裕国家的一半", "half those of richer countries": a ratio to another figure
_RATIO_OF_BEFORE = re.compile(r"[是为為][^，。；,;]{0,14}的\Z")
_HALF_AS_AFTER = re.compile(r"[ \t]+(?:those|that|as)\b", re.IGNORECASE)


def _half_as_ratio(text: str, q: Quantity) -> Quantity | None:
    if q.surface.lower().split()[-1:] != ["half"] or not _HALF_AS_AFTER.match(text, q.end):
        return None
    return replace(q, kind="multiple", unit="x")


# "两个半小时", "約2個半小時", "三個半月": a count, then 个半 and the unit: N and a half
_AND_A_HALF = re.compile(r"[ \t]*[个個]半(?P<u>小时|小時|钟头|鐘頭|月|星期|礼拜|禮拜)")
_HALF_UNITS = {"小时": 3600.0, "小時": 3600.0, "钟头": 3600.0, "鐘頭": 3600.0,
               "月": 2629800.0, "星期": 604800.0, "礼拜": 604800.0, "禮拜": 604800.0}  # fmt: skip


def _and_a_half(text: str, found: list[tuple[Quantity, float]]) -> list[tuple[Quantity, float]]:
    out = []
    for q, n in found:
        after = _AND_A_HALF.match(text, q.end) if q.kind == "count" and q.value else None
        if after is not None and q.value is not None:
            factor = _HALF_UNITS[after.group("u")]
            q = replace(
                q, surface=text[q.start : after.end()], end=after.end(), kind="duration",
                unit="s", value=(q.value + 0.5) * factor, low=_plus_half(q.low, factor),
                high=_plus_half(q.high, factor), tolerance=0.25 * factor,
            )  # fmt: skip
        out.append((q, n))
    return out


# "1000多年", "3个多月", "20余天": more than N years, months, days
_MORE_UNIT_AFTER = re.compile(r"[个個]?(?P<u>年|月|天|日|小时|小時|周|週|星期)")
_CLASSIFIER_MORE_AFTER = re.compile(r"[个個]多(?P<u>月|小时|小時|星期)")
_MORE_UNITS = {"年": 31557600.0, "月": 2629800.0, "天": 86400.0, "日": 86400.0,
               "小时": 3600.0, "小時": 3600.0, "周": 604800.0, "週": 604800.0,
               "星期": 604800.0}  # fmt: skip


def _more_than_units(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    out = []
    for q, n in found:
        tail = q.surface[-1:]
        after = (
            _MORE_UNIT_AFTER.match(text, q.end) if tail in "多余餘"
            else _CLASSIFIER_MORE_AFTER.match(text, q.end)
        )  # fmt: skip
        if q.kind == "count" and after is not None and q.value:
            unit = after.group("u")
            if unit == "月" and not re.match(r"[个個]", text[q.end : after.end()]):
                out.append((q, n))  # "5多月" is no Chinese; "3个多月" is
                continue
            factor = _MORE_UNITS[unit]
            q = replace(
                q, surface=text[q.start : after.end()], end=after.end(), kind="duration",
                unit="s", value=q.value * factor, hedge=q.hedge or "more_than",
                low=None if q.low is None else q.low * factor,
                high=None if q.high is None or q.hedge is None else q.high * factor,
                tolerance=q.tolerance * factor,
            )  # fmt: skip
        out.append((q, n))
    return out


def _plus_half(x: float | None, factor: float) -> float | None:
    return None if x is None else (x + 0.5) * factor


def _add_halves(text: str, found: list[tuple[Quantity, float]]) -> list[tuple[Quantity, float]]:
    extra = []
    for match in _HALF_CN_RE.finditer(text):
        start, end = match.span()
        if any(q.start < end and start < q.end for q, _ in found):
            continue
        before = _HALF_HEDGE_BEFORE.search(text, max(0, start - 2), start)
        after = _HALF_HEDGE_AFTER.match(text, end)
        hedge = None
        if before:
            hedge, start = _HALF_HEDGES[before.group(0)], before.start()
        elif after:
            hedge, end = _HALF_HEDGES[after.group(0)], after.end()
        low = None if hedge == "less_than" else 0.5
        high = None if hedge in ("more_than",) else 0.5
        if hedge == "about":
            low, high = 0.475, 0.525
        ratio = _RATIO_OF_BEFORE.search(text, 0, start) is not None
        kind, unit = ("multiple", "x") if ratio else ("count", "")
        q = Quantity(
            surface=text[start:end], start=start, end=end, value=0.5, low=low, high=high,
            unit=unit, kind=kind, hedge=hedge, tolerance=0.0,
        )  # fmt: skip
        extra.append((q, 0.5))
    return sorted(found + extra, key=lambda pair: pair[0].start) if extra else found


# "3 dollars 50 cents", "五元三毛", "两美元又三美分": an amount and its small change.
_MINOR_UNIT = re.compile(
    r"\s*(?:,?\s*and\s+|又|零)?\s*"
    r"(?P<num>\d{1,2}|[零〇一二两三四五六七八九十]{1,3}|[a-z]+(?:[- ][a-z]+)?)\s*"
    r"(?P<unit>cents?|pence|美分|分|毛|角)(?:(?![A-Za-z\u4e00-\u9fff])|(?=左右|上下))",
    re.IGNORECASE,
)
_MINOR_FACTOR = {"cent": 0.01, "cents": 0.01, "pence": 0.01, "美分": 0.01, "分": 0.01,
                 "毛": 0.1, "角": 0.1}  # fmt: skip


def _minor_number(raw: str) -> float | None:
    if raw.isdigit():
        return float(raw)
    if raw.isascii():
        parsed = en_to_number(raw.lower().replace("-", " ").split())
        return parsed[0] if parsed else None
    return cn_to_number(raw)


def _merge_minor_units(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    """Join a plain money amount with the cents, 角 or 毛 written right after it."""
    out: list[tuple[Quantity, float]] = []
    for q, numeral in found:
        if out and q.start < out[-1][0].end:
            continue  # swallowed by the amount before it
        match = _MINOR_UNIT.match(text, q.end) if q.kind == "money" and q.hedge is None else None
        minor = _minor_number(match.group("num")) if match else None
        if (
            match is None or minor is None or q.value is None or minor >= 100
            or abs(q.value) >= 1e6  # "$3 million and 50 Cent": nobody counts cents there
        ):  # fmt: skip
            out.append((q, numeral))
            continue
        extra = minor * _MINOR_FACTOR[match.group("unit").lower()]
        merged = _grown(text, q, q.value + extra, match.end(), 0.005)
        out.append((merged, numeral + extra))
    return out


_POUNDS_WRITTEN = re.compile(r"(?<![A-Za-z])pounds?(?![A-Za-z])|磅", re.IGNORECASE)


def written_unit_factor(surface: str, kind: str) -> float | None:
    """The size (in base units) of the unit ``surface`` names for ``kind``: the longest unit
    of that kind the surface contains, as a word ("1.26 million mu" -> 666.67 m2 per mu)."""
    if kind == "mass" and _POUNDS_WRITTEN.search(surface):
        return 0.45359237  # "pounds" is sterling in the unit table; as a weight, lb
    for name, factor, pattern in _units_of_kind(kind):
        if name in surface and (pattern is None or pattern.search(surface)):
            return factor
    return None


@cache
def _units_of_kind(kind: str) -> tuple[tuple[str, float, re.Pattern[str] | None], ...]:
    """The unit names of ``kind``, longest first; ASCII ones with a whole-word pattern
    ("m" must not match inside "mu")."""
    names = sorted(
        ((name, factor) for name, (k, _, factor) in _UNITS.items() if k == kind),
        key=lambda item: -len(item[0]),
    )
    return tuple(
        (name, factor,
         re.compile(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])") if name.isascii() else None)
        for name, factor in names
    )  # fmt: skip


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, sorted by start and non-overlapping."""
    return [q for q, _ in extract_with_numerals(text)]


# --- kinds that only the words around a number tell ------------------------------------
# "65岁", "a 65-year-old", "aged 65": an age, not a count or a span of time.
_AGE_AFTER = re.compile(
    r"[ \t]*(?:周岁|週歲|岁|歲)|-old\b|[ \t]+years?[ \t-]+old\b|(?<=years)[ \t]+old\b"
    r"|(?<=year)[ \t-]+old\b|(?<=年)[ \t]*的?(?:历史|歷史)"
    # "3个月大的婴儿", a 3-month-old baby (not 3个月大幅增长)
    r"|(?<=[个個]月)[ \t]*大(?![幅涨漲跌增减減量型规規模小多都部概约約会會])"
)
# "life expectancy rose to 78.4 years": an age, as 预期寿命78.4岁 says
_LIFE_EXPECTANCY_BEFORE = re.compile(r"life expectancy|lifespan|life span", re.IGNORECASE)
# "children under 5", "adults over 65": people by their age
_PEOPLE_BEFORE = re.compile(
    r"\b(?:children|kids|infants|babies|toddlers|adults|people|those|women|men|girls|boys|"
    r"patients|residents|seniors|anyone|everyone|workers|drivers|voters)[ \t]+\Z",
    re.IGNORECASE,
)
# "those 80 or older", "children 5 and up": an age and everyone above it
_OR_OLDER_AFTER = re.compile(r"[ \t]+(?:(?:or|and)[ \t]+older|and[ \t]+(?:over|up))\b")
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages?(?:[ \t]+of)?|(?:older|younger)[ \t]+than)[ \t]+\Z"
    # "the oldest was 82", "the youngest victim is 9"
    r"|\b(?:oldest|youngest)\b[^.;:!?\d]{0,30}?\b(?:was|is|were|are|aged)[ \t]+\Z"
    # "aged 72, 81 and 65": every age of the list
    r"|\baged[ \t]+\d{1,3}(?:[ \t]*,[ \t]*\d{1,3})*[ \t]*,?[ \t]*(?:,|and|or|to)[ \t]*\Z"
    r"|\bage[ \t]*[(（][ \t]*[≥≤<>]?[ \t]*\Z",
    re.IGNORECASE,
)
# "25°C", "25摄氏度", "零下5度", "华氏 90 度": a temperature, in degrees Celsius
_TEMP_AFTER = re.compile(
    r"[ \t]*(?P<u>°[ \t]*C|℃|°[ \t]*F|℉|(?<=\d)[CF](?![A-Za-z0-9])|"
    r"degrees?[ \t]+(?:Celsius|centigrade|C\b)|"
    r"degrees?[ \t]+(?:Fahrenheit|F\b)|[摄攝]氏度|[华華]氏度)",
    re.IGNORECASE,
)
# "41.3 C (106.3 F)": AP style, a space and the bare letter (only where heat is spoken of)
_SPACED_DEGREES_AFTER = re.compile(r"[ \t](?P<u>[CF])(?![A-Za-z0-9&'’-])(?!\.\w)")
_TEMP_BEFORE = re.compile(
    r"(?P<u>[摄攝]氏|[华華]氏|零下|气温|氣溫|温度|溫度|[高低均体體水室][温溫])"
    r"(?:[ \t]*(?:达|達|为|為|高达|高達|降至|升至|只有|仅|僅))?[ \t]*\Z"
)
_DEGREE_AFTER = re.compile(r"[ \t]*度")
# "每小时 240 千米", "160 千米每小时", "时速 100 公里": a speed, not a distance
_PER_HOUR_BEFORE = re.compile(
    r"(?:每小[时時]|[时時]速)[ \t]*"
    r"(?:约|約|近|逾|超过|超過|达|達|最高|高达|高達|可达|可達|达到|達到|为|為|仅|僅)?[ \t]*\Z"
)
_PER_HOUR_AFTER = re.compile(
    r"[ \t]*(?:每小[时時]|/[ \t]*(?:小[时時]|h\b)|(?:per|an|a)[ \t]+hour\b)", re.IGNORECASE
)
# "每秒343米", "每秒约传播343米": a verb may stand between 每秒 and the distance
_PER_SECOND_BEFORE = re.compile(r"每秒[ \t]*[\u4e00-\u9fff]{0,4}[ \t]*\Z")
_PER_SECOND_AFTER = re.compile(
    r"[ \t]*(?:per|a)[ \t]+second\b|[ \t]*每秒|[ \t]*/[ \t]*秒", re.IGNORECASE
)
# "three times as many" is a multiple; "won seven times" counts occasions
_COMPARATIVE_AFTER = re.compile(
    r"[ \t]+(?:as|more|less|fewer|higher|lower|larger|greater|bigger|smaller|faster|slower|"
    r"the|that|than|its|their|his|her|our|(?!over\b|after\b|per\b)[a-z]+er\b)",
    re.IGNORECASE,
)


def _as_kind(text: str, q: Quantity, kind: str, unit: str, value: float, end: int) -> Quantity:
    factor = value / q.value if q.value else 1.0
    scale = lambda x: None if x is None else x * factor  # noqa: E731
    return replace(
        q, surface=text[q.start : end], end=end, kind=kind, unit=unit, value=value,
        low=scale(q.low), high=scale(q.high), tolerance=q.tolerance * abs(factor),
    )  # fmt: skip


# "Lund, 61, has led...", "said Ruth Chebet, 34.": the news way of giving a person's age,
# a number alone between commas right after a capitalised name
_NAME_COMMA_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)*,[ \t]*\Z")
_AGE_COMMA_AFTER = re.compile(r"[ \t]*(?:,(?![ \t]*\d)|\.(?!\d)|[ \t]+said\b)")
_NOT_NAMES = frozenset(
    "In On At By For From Since Until After Before During Of To The A An And But Or So Yet "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Overall Also "
    "However Meanwhile Still Now Then Total Altogether".split()
)


def _appositive_age(text: str, q: Quantity) -> bool:
    if q.kind != "count" or not q.surface.isdigit() or not 1 <= int(q.surface) <= 119:
        return False
    name = _NAME_COMMA_BEFORE.search(text, max(0, q.start - 40), q.start)
    if name is None or name.group(0).split()[0].rstrip(",") in _NOT_NAMES:
        return False
    return _AGE_COMMA_AFTER.match(text, q.end) is not None


def _age(text: str, q: Quantity) -> Quantity | None:
    if q.value is None or q.kind not in ("count", "duration"):
        return None
    if _appositive_age(text, q):
        return _as_kind(text, q, "age", "year", q.value, q.end)
    years = q.value if q.kind == "count" else q.value / _UNITS["year"][2]
    after = _AGE_AFTER.match(text, q.end)
    # a baby's age in months is a fraction of a year (10个月大: 0.83)
    in_months = after is not None and q.kind == "duration" and re.search("月|month", q.surface)
    if not 0 <= years <= 130 or (abs(years - round(years, 2)) > 1e-6 and not in_months):
        return None
    if after and (q.kind == "count" or after.group(0).endswith(("old", "史", "大"))):
        return _as_kind(text, q, "age", "year", years, after.end())
    if (q.kind == "count" or q.unit == "s" and "year" in q.surface) and _AGE_BEFORE.search(
        text, max(0, q.start - 40), q.start
    ):
        return _as_kind(text, q, "age", "year", years, q.end)
    if q.kind == "duration" and "year" in q.surface and _LIFE_EXPECTANCY_BEFORE.search(
        text, max(0, q.start - 60), q.start
    ):
        return _as_kind(text, q, "age", "year", years, q.end)  # 预期寿命78.4岁
    if (
        q.kind == "count" and q.hedge in ("less_than", "more_than")
        and q.surface.lower().startswith(("under", "over", "below", "above"))
        and _PEOPLE_BEFORE.search(text, max(0, q.start - 30), q.start)
    ):  # fmt: skip
        return _as_kind(text, q, "age", "year", years, q.end)  # "children under 5"
    older = _OR_OLDER_AFTER.match(text, q.end)
    if older and q.kind == "count" and q.hedge is None and float(years).is_integer():
        age = _as_kind(text, q, "age", "year", years, older.end())
        return replace(age, hedge="at_least", low=years, high=None)
    return None


# "a high of 98 degrees", "61 degrees, about 20 degrees above normal": degrees with no
# scale, where the weather is spoken of. The sentence cannot say which scale (American
# papers mean Fahrenheit, Indian and Australian ones Celsius); the article can, and
# extract.degrees_from_article decides: until then the unit is UNSCALED_DEGREES (a reading)
# or UNSCALED_CHANGE (a difference, "20 degrees warmer": converted without the offset)
UNSCALED_DEGREES, UNSCALED_CHANGE = "degrees?", "degrees? change"
_BARE_DEGREES_AFTER = re.compile(
    r"(?:[ \t]+|-)degrees?\b(?![ \t]+(?:Celsius|centigrade|Fahrenheit|[CF]\b|of\b|angle|turn|"
    r"north|south|east|west|[NSEW]\b|latitude|longitude))",
    re.IGNORECASE,
)
_WEATHER_WORDS = re.compile(
    r"temperat|heat|\bhot|\bcold|\bwarm|\bcool|weather|forecast|freez|chill|frost|\bsnow|"
    r"\bhighs?\b|\blows?\b|mercury|thermomet|swelter|scorch|\bsummer|\bwinter|celsius|"
    r"fahrenheit|air[ -]condition|thermostat",
    re.IGNORECASE,
)
_DEGREE_CHANGE_AFTER = re.compile(
    r"[ \t]+(?:above|below|warmer|cooler|colder|hotter|higher|lower|more|less|increase|rise|"
    r"drop|fall|cut|gain|decline|swing)s?\b",
    re.I,
)
_DEGREE_CHANGE_BEFORE = re.compile(
    r"\b(?:by|rose|fell|dropped|drop|climbed|plunged|jumped|warmed|cooled|swing|swings)"
    r"(?:[ \t]+(?:about|nearly|almost|some|roughly|more than|over))?[ \t]+\Z",
    re.IGNORECASE,
)


# "气温将下降4至6度", "夜间最低气温已连续9个晚上没有低于29度": a bare 度 is Celsius where its
# clause is about the temperature, though other words stand between (not 北纬32度, an
# angle, or Taiwan's 度 of electricity)
_TEMP_CLAUSE_BEFORE = re.compile(
    r"(?:气温|氣溫|温度|溫度|[降升][温溫]|[高低均体體水室][温溫])[^，。；！？,;:：]{0,30}\Z"
    # "气温达到43.7摄氏度，比纪录高出1.2度": a comparison with the temperature just given
    r"|(?:气温|氣溫|温度|溫度|[摄攝华華]氏|℃|℉)[^。；！？;]{0,40}"
    r"(?P<change>高出|低于|低於|高于|高於|高了|低了|上升|下降|升高|降低|[高低]|[降升]幅(?:可?[达達])?)"
    r"[约約近逾]?[ \t]*\Z"
)
_FAHRENHEIT_WORD = re.compile("[华華]氏|℉")
_NOT_TEMP_NEAR = re.compile(
    r"[北南][纬緯]|[东西東][经經]|角|[倾傾]斜|[转轉]|[电電]|[经經纬緯]度|度[线線]"
)


def _temperature_clause(text: str, q: Quantity, degree: re.Match[str]) -> re.Match[str] | None:
    if _NOT_TEMP_NEAR.search(text, max(0, q.start - 4), min(len(text), degree.end() + 2)):
        return None
    return _TEMP_CLAUSE_BEFORE.search(text, max(0, q.start - 60), q.start)


def _bare_degrees(text: str, q: Quantity) -> Quantity | None:
    bare = _BARE_DEGREES_AFTER.match(text, q.end)
    if bare is None or q.value is None:
        return None
    window = text[max(0, q.start - 100) : bare.end() + 60]
    if not _WEATHER_WORDS.search(window):
        return None  # "turned 180 degrees", "a 360-degree view"
    change = _DEGREE_CHANGE_AFTER.match(text, bare.end()) or _DEGREE_CHANGE_BEFORE.search(
        text, max(0, q.start - 30), q.start
    )
    unit = UNSCALED_CHANGE if change else UNSCALED_DEGREES
    return _as_kind(text, q, "temperature", unit, q.value, bare.end())


def _temperature(text: str, q: Quantity) -> Quantity | None:
    if q.value is None or q.kind != "count":
        return None
    after = _TEMP_AFTER.match(text, q.end)
    if after is None and (spaced := _SPACED_DEGREES_AFTER.match(text, q.end)):
        window = text[max(0, q.start - 80) : spaced.end() + 40]
        after = spaced if _HEAT_WORDS_RE.search(window) else None
    before = _TEMP_BEFORE.search(text, max(0, q.start - 8), q.start)
    degree = _DEGREE_AFTER.match(text, q.end)
    if after is None and before is None and degree:
        clause = _temperature_clause(text, q, degree)
        if clause is not None:
            value = q.value
            if _FAHRENHEIT_WORD.search(clause.group(0)):  # 華氏109度，比紀錄還高2度
                value = value * 5 / 9 if clause.group("change") else (value - 32) * 5 / 9
            return _as_kind(text, q, "temperature", "C", value, degree.end())
    if after is None and not (before and degree):
        return _bare_degrees(text, q)
    mark = (after or before).group("u")  # type: ignore[union-attr]
    value = -q.value if before and before.group("u") == "零下" else q.value
    fahrenheit = re.search("F|℉|Fahrenheit|[华華]氏", mark, re.IGNORECASE) is not None
    if fahrenheit:
        value = (value - 32) * 5 / 9
    end = after.end() if after else degree.end()  # type: ignore[union-attr]
    converted = _as_kind(text, q, "temperature", "C", value, end)
    if fahrenheit:  # "between 90 and 95 degrees Fahrenheit": each end has the offset too
        to_c = lambda x: None if x is None else (x - 32) * 5 / 9  # noqa: E731
        converted = replace(converted, low=to_c(q.low), high=to_c(q.high))
    if converted.hedge is None and _POSTFIX_HEDGE_RE.match(text, end):
        # "12度以上", "35°C or more": the hedge after the unit, now that the unit is read
        converted = _grown(text, converted, value, end, converted.tolerance)
    if before:
        start = before.start()
        converted = replace(converted, start=start, surface=text[start : converted.end])
    return converted


def _speed(text: str, q: Quantity) -> Quantity | None:
    if q.value is None or q.kind != "length":
        return None
    if _PER_SECOND_BEFORE.search(text, max(0, q.start - 6), q.start):
        return _as_kind(text, q, "speed", "m/s", q.value, q.end)
    if second := _PER_SECOND_AFTER.match(text, q.end):
        return _as_kind(text, q, "speed", "m/s", q.value, second.end())
    after = _PER_HOUR_AFTER.match(text, q.end)
    if after or _PER_HOUR_BEFORE.search(text, max(0, q.start - 9), q.start):
        end = after.end() if after else q.end
        return _as_kind(text, q, "speed", "m/s", q.value / 3600, end)
    return None


# "output grew 3.6 times": a change by a factor, whatever follows
_CHANGE_BEFORE = re.compile(
    r"\b(?:grew|grow|grows|growing|rose|rise|rises|rising|increased?|increases|fell|fall|falls|"
    r"dropped|drops?|jumped|jumps?|climbed|climbs?|surged|surges?|soared|expanded|multiplied|"
    r"doubled|tripled|up|down|by)\b[^.;,]{0,12}\Z",
    re.IGNORECASE,
)


# "a year" is a length only after a bound: "over a year", "within a month"
_SHORT_PERIOD_AFTER = re.compile(r"[ \t]+(?:year|month|week)\b")
_BOUND_BEFORE = re.compile(
    r"\b(?:over|more than|less than|nearly|almost|under|within|at least|up to|about|around)"
    r"[ \t]+\Z",
    re.IGNORECASE,
)
_MULTIPLE_WORDS = {"twice": 2.0, "thrice": 3.0, "double": 2.0, "triple": 3.0, "quadruple": 4.0}
# "tenfold", "threefold": the number word before "fold"
_EN_NUMBER_WORDS = {"hundred": 100, "thousand": 1000} | {
    w: v for w, v in (*_EN_ONES.items(), *_EN_TENS.items()) if isinstance(v, int)
}
_PER_PERIOD_AFTER = re.compile(
    r"[ \t]+(?:a|an|per|each|every)[ \t]+(?:day|week|month|year|hour|minute|season)\b", re.I
)


def _occasions(text: str, q: Quantity) -> Quantity | None:
    if q.kind == "multiple" and re.fullmatch(r"(?i)twice|thrice", q.surface):
        if _PER_PERIOD_AFTER.match(text, q.end):  # "twice a year": how often, a count
            return replace(q, kind="count", unit="")
        return None
    if q.kind != "multiple" or q.value is None or not re.search(r"\btimes$", q.surface):
        return None
    if not float(q.value).is_integer():
        return None  # "about 1.5 times last year's revenue": nothing happens 1.5 times
    if _COMPARATIVE_AFTER.match(text, q.end) or _CHANGE_BEFORE.search(
        text, max(0, q.start - 30), q.start
    ):
        return None
    return replace(q, kind="count", unit="")


# "24,000 块陨石": 块 counts pieces; it is money (colloquial yuan) only where money is
# talked about: 块钱, 五块三, or a price word shortly before
_PIECE_MONEY_AFTER = re.compile(r"[钱錢]|[一二三四五六七八九]|\d(?![\d,.])")
_PRICE_BEFORE = re.compile(r"[价價售卖賣买買花付赚賺赔賠罚罰费費薪值租]|[工月年]资|[工月年]資")
# "weighs 200 pounds (90kg)": pounds of weight, not sterling
_WEIGHT_NEAR = re.compile(r"weigh|weight|重|体重|體重|[(（]\s*\d[\d.,]*\s*(?:kg|公斤)")


def _pieces(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "money" or not q.surface.endswith(("块", "塊")):
        return None
    if _PIECE_MONEY_AFTER.match(text, q.end) or _PRICE_BEFORE.search(
        text, max(0, q.start - 8), q.start
    ):
        return None
    return replace(q, kind="count", unit="")


# "2,950 pounds of milk", "a 1,320-pound steer": pounds of a thing, or a thing that
# weighs so many pounds, are a weight ("a five-pound note", "pounds of taxpayers' money"
# stay sterling)
_POUNDS_OF_A_THING = re.compile(
    r"[ \t]+of[ \t]+(?!(?:the[ \t]+)?(?:taxpayers?|public|their|his|her|its|our|your|my|"
    r"government|council|state|sterling|money|cash|funding|investment|debts?|revenue|sales|"
    r"damages?|profits?|losses|savings|spending|bonus|pay|wages?)\b)[a-z]",
    re.IGNORECASE,
)
_POUND_MONEY_NOUN = re.compile(
    r"[ \t]+(?:notes?|coins?|fines?|bills?|fees?|tickets?|prizes?|bets?|vouchers?|payments?|"
    r"deals?|budgets?|contracts?|funds?|loans?|grants?|bonus(?:es)?|pay|rise|raise|"
    r"investments?|fund(?:ing)?|donations?|bribes?)\b",
    re.IGNORECASE,
)


def _pounds_of_weight(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "money" or q.unit != "GBP" or not re.search(r"pounds?|磅", q.surface, re.I):
        return None
    near = _WEIGHT_NEAR.search(text, max(0, q.start - 24), min(len(text), q.end + 12))
    of_a_thing = q.surface.lower().endswith("pounds") and _POUNDS_OF_A_THING.match(text, q.end)
    adjective = q.surface.lower().endswith("-pound") and not _POUND_MONEY_NOUN.match(text, q.end)
    if not (near or of_a_thing or adjective):
        return None
    return _as_kind(text, q, "mass", "kg", (q.value or 0.0) * 0.45359237, q.end)


# "three straight days", "five consecutive years": a span of time with a word in between
_SPAN_AFTER = re.compile(
    r"[ \t]+(?:straight|consecutive|successive|full|whole|more|further|long)[ \t]+"
    r"(?P<u>hours?|days?|weeks?|months?|years?|decades?)\b",
    re.IGNORECASE,
)
_SPAN_SECONDS = {"hour": 3600.0, "day": 86400.0, "week": 604800.0, "month": 2629800.0,
                 "year": 31557600.0, "decade": 315576000.0}  # fmt: skip


def _span(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "count" or q.value is None or q.hedge is not None:
        return None
    after = _SPAN_AFTER.match(text, q.end)
    if after is None:
        return None
    seconds = _SPAN_SECONDS[after.group("u").lower().rstrip("s")]
    return _as_kind(text, q, "duration", "s", q.value * seconds, after.end())


# "拆息報4.12厘", "最優惠利率下調0.125厘至5.75厘": Hong Kong writes interest rates in 厘,
# which there is a percentage point of the rate (厘米 and 厘 as a length stay what they are)
_RATE_UNIT_AFTER = re.compile(r"[ \t]*[厘釐](?![米])")
_RATE_WORD_BEFORE = re.compile(
    r"利率|利息|[拆按存貸贷年]息|息口|減息|减息|加息|HIBOR|LIBOR|[Pp]\b|[息率]"
)


def _rate_in_li(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "count" or q.value is None or not 0 <= q.value <= 30:
        return None
    after = _RATE_UNIT_AFTER.match(text, q.end)
    if after is None or not _RATE_WORD_BEFORE.search(text, max(0, q.start - 24), q.start):
        return None
    return _as_kind(text, q, "percent", "%", q.value, after.end())


# "down 6 points since January", "rose 0.3 point to 3.6%", "a margin of error of 3.1
# points": beside a rate or a poll, English news writes percentage points as "points"
_POINTS_AFTER = re.compile(r"[ \t]+points?\b(?![ \t]+(?:per|a)\b)", re.IGNORECASE)
_RATE_SIGNAL = re.compile(
    r"%|\bper[ \t]?cent|\bpercentage\b|\bpolls?\b|\bsurvey|\bapproval\b|margin of error|"
    r"\bunemployment\b|\binflation\b|\byields?\b|\binterest rates?\b",
    re.IGNORECASE,
)
_POINTS_NOT_RATE = re.compile(
    r"\b(?:Dow|Nasdaq|S&P|index|indices|FTSE|Nikkei|Hang Seng|Kospi|DAX|CAC|scored?|scoring|"
    r"game|games|match|halftime|half-time|quarter|rebounds|assists|goals?|innings|set|sets|"
    r"ranking|rankings|standings|table|title|points table)\b",
    re.IGNORECASE,
)


def _points_of_a_rate(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "count" or q.value is None or abs(q.value) > 100:
        return None
    after = _POINTS_AFTER.match(text, q.end)
    if after is None:
        return None
    window = text[max(0, q.start - 120) : after.end() + 120]
    if not _RATE_SIGNAL.search(window) or _POINTS_NOT_RATE.search(window):
        return None
    return _as_kind(text, q, "percentage_point", "pp", q.value, after.end())


# "连续5日", "为期3日", "十日內", "30日以内", "7日游", "20日均量": a number of days no larger
# than a month has is a span only with such words; without them "警方26日表示" is a day of
# the month
_RI_SPAN_BEFORE = re.compile(
    r"(?:连续|連續|为期|為期|历时|歷時|长达|長達|一连|一連|接连|接連|短短|仅|僅|只有|不到|"
    r"不足|逾|超过|超過|首|头|頭|最后|最後|共|一共|整整|近)[ \t]*\Z"
)
_RI_SPAN_AFTER = re.compile(
    r"日(?:之?[内內]|以[内內上]|[来來]|[多余餘]|左右|均|[游遊]|版|通?票|行程)"
)


def _days_in_ri(text: str, q: Quantity) -> Quantity | None:
    """误工期长达180日: 日 after a number no month has is days, not a date."""
    if q.kind != "count" or q.value is None or not 0 < q.value <= 10000:
        return None
    if text[q.end : q.end + 1] != "日" or not float(q.value).is_integer():
        return None
    if q.value <= 31 and not (
        _RI_SPAN_AFTER.match(text, q.end)
        or _RI_SPAN_BEFORE.search(text, max(0, q.start - 4), q.start)
    ):
        return None
    return _as_kind(text, q, "duration", "s", q.value * 86400.0, q.end + 1)


# "a quarter of a percentage point", "half a point": a share of a point is a change of a
# rate in points (25个基点, 0.5个百分点), not 25% or 50% of something
_OF_A_POINT_AFTER = re.compile(
    r"[ \t]+(?:of[ \t]+)?an?[ \t]+(?:percentage[ \t]+)?point\b", re.IGNORECASE
)


def _share_of_a_point(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "count" or q.value is None or not 0 < q.value < 1:
        return None  # (the share is still a count here: _share makes it a percentage)
    if not _FRACTION_WORDS.search(q.surface):
        return None
    after = _OF_A_POINT_AFTER.match(text, q.end)
    if after is None:
        return None
    return _as_kind(text, q, "percentage_point", "pp", q.value, after.end())


# "a couple of thousand engineers": about two thousand, as 两千名左右 has it (the bare
# scale word is read as one thousand otherwise)
_COUPLE_BEFORE = re.compile(r"\ba[ \t]+couple(?:[ \t]+of)?[ \t]+\Z", re.IGNORECASE)


def _a_couple_of(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "count" or q.hedge is not None or q.value is None:
        return None
    if q.surface.lower() not in ("hundred", "thousand", "million", "billion"):
        return None
    before = _COUPLE_BEFORE.search(text, max(0, q.start - 16), q.start)
    if before is None:
        return None
    value = q.value * 2
    return replace(
        q, surface=text[before.start() : q.end], start=before.start(), value=value,
        low=None, high=None, hedge="about", tolerance=max(q.tolerance, value / 2),
    )  # fmt: skip


# "who clocked 9.95", "ran 52.07", "at the turn in 23.71": a race time in seconds, as the
# sports pages write it bare (9秒95 in Chinese); the weaker lead-ins count only where the
# sentence speaks of racing
_RACE_VERB_BEFORE = re.compile(r"\b(?:clocked|swam|timed)[ \t]+\Z", re.IGNORECASE)
_RACE_LEAD_BEFORE = re.compile(
    r"(?:\b(?:ran|split)|\b(?:finished|won|turn|lap|metres|meters|\d+m)[ \t]+in|"
    r"\bin[ \t]+a[ \t]+time[ \t]+of|\b(?:best|mark|record)[ \t]+(?:was|of))[ \t]+\Z",
    re.IGNORECASE,
)
_RACE_WORDS = re.compile(
    r"\bseconds?\b|sprint|\brace|\bheat\b|\bfinal\b|\bswam|\bswim|clocked|\blap\b|\bturn\b|"
    r"\bmetres\b|\bmeters\b|\d+m\b|personal best|world record",
    re.IGNORECASE,
)


def _race_time(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "count" or q.value is None or q.hedge is not None or not 0 < q.value < 600:
        return None
    if not re.fullmatch(r"\d{1,3}\.\d\d", q.surface):
        return None
    window = text[max(0, q.start - 24) : q.start]
    if not _RACE_VERB_BEFORE.search(window):
        sentence = text[max(0, q.start - 160) : q.end + 80]
        if not (_RACE_LEAD_BEFORE.search(window) and _RACE_WORDS.search(sentence)):
            return None
    return _as_kind(text, q, "duration", "s", q.value, q.end)


# "造成12人以上死亡", "300家以上企业", "3000名左右游客": the hedge comes after the counted
# noun's classifier; read literally the count would be exact (and 12人以上 would contradict
# "15 people")
_CLASSIFIER_THEN_HEDGE = re.compile(
    r"[ \t]*[人家个個名位项項次座架艘辆輛只隻头頭户戶所条條件种種款台部本份"
    r"张張枚间間例宗起批处處栋棟套场場](?=以上|以下|左右)"
)


def _counted_hedge(text: str, q: Quantity) -> Quantity | None:
    if q.kind != "count" or q.hedge is not None or q.value is None or q.unit:
        return None
    classifier = _CLASSIFIER_THEN_HEDGE.match(text, q.end)
    if classifier is None:
        return None
    return _grown(text, q, q.value, classifier.end(), q.tolerance)


_RETYPERS = (
    _race_time,
    _a_couple_of,
    _share_of_a_point,
    _age,
    _temperature,
    _speed,
    _occasions,
    _pieces,
    _pounds_of_weight,
    _half_as_ratio,
    _span,
    _rate_in_li,
    _points_of_a_rate,
    _days_in_ri,
    _counted_hedge,
)

# "6x6cm", "36 x 24 mm", "6 by 6 cm": each side has the unit written after the last one;
# "4x4" (a vehicle) or "3x3" (a grid) with no unit is no figure at all
_DIMENSIONS = re.compile(
    r"(?<![\w.])(?P<a>\d+(?:\.\d+)?)[ \t]*(?:[x×X*]|[ \t]by)[ \t]*(?P<b>\d+(?:\.\d+)?)"
    r"(?:[ \t]*(?:[x×X*]|[ \t]by)[ \t]*(?P<c>\d+(?:\.\d+)?))?(?!\d|\.\d)"
)


def _dimensions(
    text: str, norm: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    for m in _DIMENSIONS.finditer(norm):
        um = _unit_at(norm, m.end())
        unit = _lookup_unit(um.group("u")) if um else None
        if unit is not None and unit[0] not in ("length", "area", "data", "resolution"):
            continue
        if unit is None and " by" in m.group(0):
            continue  # "won 3 by 2": only a unit makes "by" a dimension
        end_of_match = um.end() if um is not None else m.end()
        inside = [(q, n) for q, n in found if q.start < end_of_match and m.start() < q.end]
        if not inside:
            continue
        found = [pair for pair in found if pair not in inside]
        if unit is not None:
            kind, base, factor = unit
            for name in ("a", "b", "c"):
                if m.group(name) is None:
                    continue
                numeral = float(m.group(name))
                last = name == ("c" if m.group("c") else "b")
                end = end_of_match if last else m.end(name)
                q = Quantity(
                    surface=text[m.start(name) : end], start=m.start(name), end=end,
                    value=numeral * factor, low=numeral * factor, high=numeral * factor,
                    unit=base, kind=kind, tolerance=_arabic_tolerance(m.group(name)) * factor,
                )  # fmt: skip
                found.append((q, numeral))
        found.sort(key=lambda pair: pair[0].start)
    return found


# "5ft 10in", "14st 7lb", "26st": heights and weights as British papers give them, one
# figure each. "st" glued to a number that is no ordinal (21st is one; 26st is 26 stone).
_IMPERIAL_RE = re.compile(
    r"(?<![\w.])(?P<a>\d{1,2})ft(?:[ \t]*(?P<b>\d{1,2}(?:\.\d+)?)in)?(?![A-Za-z])"
    r"|(?<![\w.])(?P<st>\d{1,2})st(?:[ \t]*(?P<lb>\d{1,2})lbs?)?(?![A-Za-z])"
)


def _imperial_compounds(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    for m in _IMPERIAL_RE.finditer(text):
        if m.group("a") is not None:
            if m.group("b") is None:
                continue  # "6ft" alone is read already
            kind, unit = "length", "m"
            value = int(m.group("a")) * 0.3048 + float(m.group("b")) * 0.0254
            tol = 0.0127
        else:
            stones = int(m.group("st"))
            if stones % 10 == 1 and stones != 11 or stones == 0:
                continue  # 1st, 21st, 31st: ordinals
            kind, unit = "mass", "kg"
            value = (stones * 14 + int(m.group("lb") or 0)) * 0.45359237
            tol = 0.23
        start, end = m.span()
        hm = _hedge_before(text, start)
        hedge = _HEDGE_PREFIX.get(hm.group(0).strip().lower()) if hm else None
        if hedge and hm:
            start = hm.start()
        q = Quantity(
            surface=text[start:end], start=start, end=end, value=value,
            low=value if hedge is None else None, high=value if hedge is None else None,
            unit=unit, kind=kind, hedge=hedge, tolerance=tol,
        )  # fmt: skip
        found = [pair for pair in found if not (pair[0].start < end and start < pair[0].end)]
        found.append((q, value))
    found.sort(key=lambda pair: pair[0].start)
    return found


def _retyped(text: str, found: list[tuple[Quantity, float]]) -> list[tuple[Quantity, float]]:
    out = []
    for q, numeral in found:
        for retype in _RETYPERS:
            changed = retype(text, q)
            if changed is not None:
                q = changed
                break
        out.append((q, numeral))
    return _speeds_beside_speeds(text, _temperature_ranges(text, out))


# "26-28 degrees Celsius", "between 90 and 95 degrees": the low end is a bare number until
# the unit after the high end makes the pair a temperature, so it is joined here
_TEMP_RANGE_GAP = re.compile(r"[ \t]*(?:-|–|—|~|～|to|and)[ \t]*\Z", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween[ \t]+\Z", re.IGNORECASE)


def _temperature_ranges(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    out: list[tuple[Quantity, float]] = []
    for q, numeral in found:
        if out and q.kind == "temperature" and q.hedge is None and q.value is not None:
            low, low_numeral = out[-1]
            gap = _TEMP_RANGE_GAP.match(text[low.end : q.start]) if low.end <= q.start else None
            between = _BETWEEN_BEFORE.search(text, max(0, low.start - 9), low.start)
            if (
                gap is not None and low.kind == "count" and not low.unit and low.hedge is None
                and low.value is not None and low.value < numeral
                and ("and" not in gap.group(0).lower() or between is not None)
            ):  # fmt: skip
                fahrenheit = q.unit == "C" and abs(q.value - numeral) > 1e-9
                start_value = (low.value - 32) * 5 / 9 if fahrenheit else low.value
                start = between.start() if between is not None else low.start
                q = replace(
                    q, surface=text[start : q.end], start=start, low=start_value,
                    high=q.value, value=(start_value + q.value) / 2, hedge="range",
                )  # fmt: skip
                out[-1] = (q, numeral)
                continue
        out.append((q, numeral))
    return out


# "每秒 12.8 公里（8 英里）", "12.8 km or 8 miles per second": the same speed in another
# unit is a speed too, though only one of them carries "per second"
_CONVERSION_GAP = re.compile(r"\s*(?:[(（/]|or|或)\s*", re.IGNORECASE)
_PER_SECOND_NEAR = re.compile(r"秒|second", re.IGNORECASE)


def _speeds_beside_speeds(
    text: str, found: list[tuple[Quantity, float]]
) -> list[tuple[Quantity, float]]:
    out = list(found)
    for i in range(len(out) - 1):
        (a, _), (b, _) = out[i], out[i + 1]
        if not _CONVERSION_GAP.fullmatch(text, a.end, b.start):
            continue
        speed, length, j = (a, b, i + 1) if a.kind == "speed" else (b, a, i)
        if speed.kind != "speed" or length.kind != "length" or length.value is None:
            continue
        near = text[max(0, speed.start - 6) : speed.end + 12]
        per = 1.0 if _PER_SECOND_NEAR.search(near) else 1 / 3600
        out[j] = (_as_kind(text, length, "speed", "m/s", length.value * per, length.end), out[j][1])
    return out
