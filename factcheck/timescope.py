"""Time expressions ("Q1 2025", "2025财年第一季度", "4月16日", "last year") with labels.

Labels: "2025-04-16", "--04-16" (no year), "2025-04", "--04", "2025", "FY2025",
"2025-Q1", "--Q1", "FY2025-Q1", "FY-Q1", "2025-H1", "--H1", and relative ones kept
relative: "last-year", "this-quarter", "yesterday", "weekday-2" (Monday = 1).
Rules run from most to least specific; a later match overlapping an earlier one is
dropped, so "2025年4月16日" is one date, not a year, a month and a day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from factcheck.model import TimeScope

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_CN_NUMS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
            "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "上": 1, "下": 2,
            "首": 1}  # fmt: skip
_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
             "saturday": 6, "sunday": 7}  # fmt: skip
_CN_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_RELATIVE_WORDS = {"last": "last", "previous": "last", "past": "last", "this": "this",
                   "current": "this", "next": "next", "coming": "next"}  # fmt: skip
_CN_RELATIVE = {
    "去年": "last-year", "今年": "this-year", "明年": "next-year", "前年": "year-before-last",
    "上季度": "last-quarter", "上一季度": "last-quarter", "上季": "last-quarter",
    "本季度": "this-quarter", "本季": "this-quarter", "下季度": "next-quarter",
    "上个月": "last-month", "上個月": "last-month", "上月": "last-month", "本月": "this-month",
    "这个月": "this-month", "這個月": "this-month", "下个月": "next-month",
    "下個月": "next-month", "下月": "next-month", "上周": "last-week", "上週": "last-week",
    "本周": "this-week", "本週": "this-week", "这周": "this-week", "這週": "this-week",
    "下周": "next-week", "下週": "next-week", "昨日": "yesterday", "昨天": "yesterday",
    "今日": "today", "今天": "today", "明日": "tomorrow", "明天": "tomorrow",
    "前天": "day-before-yesterday",
}  # fmt: skip

# ---- regex pieces (English words are case-insensitive, month names must be capitalised
# so that "may" the verb is not a month).
_B = r"(?<![A-Za-z0-9])"  # word start that also works next to Han characters
_E = r"(?![A-Za-z0-9])"
_YEAR = r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)"
_YEAR_OR_YY = r"(?:'|(?<!\d))(?P<y>(?:19|20)\d\d|\d\d)(?!\d)"
_MONTH = (
    r"(?P<m>(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z]))"
)
_MONTH_SEP = r"(?:\.\s*|\s+)"  # "Apr. 16", "Dec.21", "April 16"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_ORD = r"(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"
_QNUM = r"[Qq](?P<qn>[1-4])"
_FISCAL = r"(?i:fiscal(?:[\s-]+year)?)"
_CN_FISCAL = r"(?:财年|財年|财政年度|財政年度|会计年度|會計年度)"
_CN_Q = (
    r"(?:第(?P<cq>[一二三四1-4])季度?|(?P<cq2>[一二三四1-4])季度|(?P<cq3>首)季度?|Q(?P<cq4>[1-4]))"
)
_CN_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"
_CN_DAY = r"(?P<d>[0-3]?\d)\s*[日号號]"
_PREP = (
    r"(?i:in|since|by|until|till|through|throughout|during|from|before|after|for|of|early"
    r"|mid|late|end\s+of|start\s+of|beginning\s+of)"
)


def _g(m: re.Match[str], *names: str) -> str | None:
    """The first of several alternative groups that matched."""
    groups = m.groupdict()
    return next((groups[n] for n in names if groups.get(n)), None)


def _year(m: re.Match[str]) -> int:
    y = _g(m, "y") or "0"
    return int(y) + 2000 if len(y) == 2 else int(y)


def _month(m: re.Match[str]) -> int:
    raw = _g(m, "m") or "0"
    if raw.isdigit():
        return int(raw)
    return _MONTHS.get(raw.lower()) or _CN_NUMS.get(raw, 0)


def _quarter(m: re.Match[str]) -> int:
    raw = _g(m, "q", "qn", "fq", "cq", "cq2", "cq3", "cq4") or "0"
    if raw.isdigit():
        return int(raw)
    return _ORDINALS.get(raw.lower()) or _CN_NUMS.get(raw, 0)


def _half(m: re.Match[str]) -> int:
    raw = (_g(m, "h") or "0").lower()
    return {"first": 1, "second": 2, "上": 1, "下": 2}.get(raw) or int(raw)


def _date(m: re.Match[str]) -> str | None:
    month, day = _month(m), int(_g(m, "d") or 0)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{_year(m)}-{month:02d}-{day:02d}" if _g(m, "y") else f"--{month:02d}-{day:02d}"


def _month_label(m: re.Match[str]) -> str | None:
    month = _month(m)
    if not 1 <= month <= 12:
        return None
    return f"{_year(m)}-{month:02d}" if _g(m, "y") else f"--{month:02d}"


def _quarter_ending(m: re.Match[str]) -> str:
    quarter = (_month(m) + 2) // 3
    return f"{_year(m)}-Q{quarter}" if _g(m, "y") else f"--Q{quarter}"


def _quarter_label(m: re.Match[str]) -> str:
    return f"{_year(m)}-Q{_quarter(m)}" if _g(m, "y") else f"--Q{_quarter(m)}"


def _fiscal_quarter_label(m: re.Match[str]) -> str:
    return f"FY{_year(m)}-Q{_quarter(m)}" if _g(m, "y") else f"FY-Q{_quarter(m)}"


def _half_label(m: re.Match[str]) -> str:
    return f"{_year(m)}-H{_half(m)}" if _g(m, "y") else f"--H{_half(m)}"


def _relative_label(m: re.Match[str]) -> str:
    word = (_g(m, "rel") or "").lower()
    return f"{_RELATIVE_WORDS[word]}-{(_g(m, 'unit') or '').lower()}"


Rule = tuple[str, Callable[[re.Match[str]], str | None]]

_RULES: list[Rule] = [
    # ---- "the three months through June": the quarter that ends with that month
    (
        _B
        + r"(?i:three|3)[\s-]+(?i:months?)\s+(?i:through|to|ended|ending|that\s+ended\s+in)\s+"
        + _MONTH
        + r"(?:,?\s+"
        + _YEAR
        + r")?",
        _quarter_ending,
    ),
    (r"截至" + _CN_MONTH + r"\s*月(?:底|末)?的?(?:三个月|三個月)", _quarter_ending),
    # ---- fiscal quarters
    (
        _B + _ORD + r"\s+(?i:fiscal\s+)?(?i:quarter)\s+(?i:of\s+)?(?i:(?:its|the)\s+)?"
        r"(?:" + _FISCAL + r"|FY)\s*" + _YEAR_OR_YY,
        _fiscal_quarter_label,
    ),
    (
        _B + _FISCAL + r"\s+" + _YEAR + r"\s+" + _ORD + r"\s+(?i:quarter)" + _E,
        _fiscal_quarter_label,
    ),
    (
        _B
        + r"(?i:fiscal)\s+(?:"
        + _QNUM
        + r"|"
        + _ORD
        + r"\s+(?i:quarter))\s+(?i:of\s+)?"
        + _YEAR_OR_YY,
        _fiscal_quarter_label,
    ),
    (
        _B
        + r"(?:"
        + _QNUM
        + r"|"
        + _ORD
        + r"\s+(?i:quarter))\s*(?i:of\s+)?(?:"
        + _FISCAL
        + r"\s+|FY\s*)"
        + _YEAR_OR_YY,
        _fiscal_quarter_label,
    ),
    (_B + r"FY\s*" + _YEAR_OR_YY + r"\s*[-/ ]?\s*" + _QNUM + _E, _fiscal_quarter_label),
    (_B + r"(?P<qn>[1-4])Q\s*FY\s*" + _YEAR_OR_YY + _E, _fiscal_quarter_label),
    (
        _YEAR
        + r"\s*"
        + _CN_FISCAL
        + r"\s*(?:的)?\s*(?:"
        + _CN_Q
        + r"|第?(?P<fq>[一二三四1-4])[财財]季)",
        _fiscal_quarter_label,
    ),
    (r"第?(?P<fq>[一二三四1-4])[财財]季", _fiscal_quarter_label),
    # ---- calendar quarters and halves with a year
    (_B + _ORD + r"\s+(?i:quarter)(?:\s+(?i:of))?,?\s+" + _YEAR, _quarter_label),
    (_YEAR + r"\s+" + _ORD + r"\s+(?i:quarter)" + _E, _quarter_label),
    (_B + _QNUM + r"\s*(?i:of\s+)?" + _YEAR_OR_YY, _quarter_label),
    (_YEAR + r"\s*-?\s*" + _QNUM + _E, _quarter_label),
    (_B + r"(?P<qn>[1-4])Q\s*" + _YEAR_OR_YY + _E, _quarter_label),
    (_YEAR + r"\s*年?\s*(?:的)?\s*" + _CN_Q, _quarter_label),
    (_B + r"(?P<h>(?i:first|second))\s+(?i:half)(?:\s+(?i:of))?,?\s+" + _YEAR, _half_label),
    (_B + r"[Hh](?P<h>[12])\s*(?i:of\s+)?" + _YEAR_OR_YY, _half_label),
    (_YEAR + r"\s*-?\s*[Hh](?P<h>[12])" + _E, _half_label),
    (_B + r"(?P<h>[12])H\s*" + _YEAR_OR_YY + _E, _half_label),
    (_YEAR + r"\s*年?\s*(?P<h>[上下])半年", _half_label),
    # ---- fiscal years
    (_B + _FISCAL + r"\s+" + _YEAR, lambda m: f"FY{_year(m)}"),
    (_B + r"FY\s*" + _YEAR_OR_YY + _E, lambda m: f"FY{_year(m)}"),
    (_YEAR + r"\s*" + _CN_FISCAL, lambda m: f"FY{_year(m)}"),
    (_CN_FISCAL + r"\s*" + _YEAR, lambda m: f"FY{_year(m)}"),
    # ---- dates
    (_B + _MONTH + _MONTH_SEP + _DAY + r",?\s+" + _YEAR, _date),
    (_B + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+" + _YEAR, _date),
    (_YEAR + r"(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>[0-3]?\d)(?!\d|\.\d)", _date),
    (_YEAR + r"\s*年\s*" + _CN_MONTH + r"\s*月\s*" + _CN_DAY, _date),
    (_B + _MONTH + r"\.?,?\s+(?:of\s+)?" + _YEAR, _month_label),
    (_YEAR + r"-(?P<m>0[1-9]|1[0-2])(?![\d-])", _month_label),
    (_YEAR + r"\s*年\s*" + _CN_MONTH + r"\s*月(?:份)?", _month_label),
    (_B + _MONTH + _MONTH_SEP + _DAY, _date),
    (_B + _DAY + r"\s+(?:of\s+)?" + _MONTH, _date),
    (r"(?<![\d.])" + _CN_MONTH + r"\s*月\s*" + _CN_DAY, _date),
    # ---- quarters and halves without a year
    (_B + _ORD + r"[\s-]+(?i:quarter)" + _E, _quarter_label),
    (_B + _QNUM + _E, _quarter_label),
    (_CN_Q, _quarter_label),
    (_B + r"(?P<h>(?i:first|second))\s+(?i:half)" + _E, _half_label),
    (_B + r"[Hh](?P<h>[12])" + _E, _half_label),
    (r"(?P<h>[上下])半年", _half_label),
    # ---- months alone
    (_B + r"(?:" + _PREP + r"|(?i:last|this|next))[\s-]+(?P<t>" + _MONTH + r")" + _E, _month_label),
    (r"(?<![\d.个個第十])" + _CN_MONTH + r"\s*月(?:份)?(?!\d)", _month_label),
    # ---- years
    (_B + r"(?i:natural\s+year|calendar(?:\s+year)?)\s+" + _YEAR, lambda m: str(_year(m))),
    (_B + _PREP + r"[\s-]+(?P<t>" + _YEAR + r")" + _E, lambda m: str(_year(m))),
    (_YEAR + r"\s*年(?:度)?", lambda m: str(_year(m))),
    (r"自然年\s*" + _YEAR, lambda m: str(_year(m))),
    # ---- relative
    (
        _B + r"(?P<rel>(?i:last|previous|past|this|current|next|coming))\s+"
        r"(?P<unit>(?i:year|quarter|month|week))" + _E + r"(?![\s-]+(?i:on|over|to)[\s-])",
        _relative_label,
    ),
    (_B + r"(?P<w>(?i:yesterday|today|tomorrow))" + _E, lambda m: (_g(m, "w") or "").lower()),
    (
        _B + r"(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)" + _E,
        lambda m: f"weekday-{_WEEKDAYS[(_g(m, 'w') or '').lower()]}",
    ),
    (
        r"(?<![一二两兩三四五六七八九十几幾每数數\d])(?:周|週|星期|礼拜|禮拜)(?P<w>[一二三四五六日天])",
        lambda m: f"weekday-{_CN_WEEKDAYS[_g(m, 'w') or '']}",
    ),
    (
        r"(?:" + "|".join(sorted(_CN_RELATIVE, key=len, reverse=True)) + r")(?!头条|頭條)",
        lambda m: _CN_RELATIVE[m.group(0)],
    ),
]


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]]:
    return [(re.compile(pattern), label) for pattern, label in _RULES]


def find_time_scopes(text: str) -> list[TimeScope]:
    """Every time expression in ``text``, in order; ``text[start:end] == surface``."""
    # which characters a scope already covers: the overlap check costs the span's length,
    # not the number of scopes found (thousands in a long transcript), as in find_entities
    taken = bytearray(len(text) + 1)
    found: list[TimeScope] = []
    for pattern, label_of in _compiled():
        for m in pattern.finditer(text):
            start, end = m.span("t") if m.groupdict().get("t") else m.span()
            if start == end or any(taken[start:end]):
                continue
            label = label_of(m)
            if label:
                taken[start:end] = b"\x01" * (end - start)
                found.append(TimeScope(start, end, text[start:end], label))
    return sorted(found, key=lambda t: t.start)
