"""Which quantities are claims: the numbers a fact-checker would check.

The quantity parser reads every number (``quantities``); this stage drops the ones
that state nothing checkable, by the same rule in every script:

- **one as an article**: 一 / one written as a word (一位专家说, 一种, one of them, one
  day) is "a/an" unless the number is the point: a casualty or case word follows
  (一人死亡, one person died, 一例), "only" comes before (仅一人, only one survivor),
  another figure of its kind stands beside it (4 men and one woman), or it is hedged
  (约一周). A "1" in digits always counts: writers who write 1 mean the number.
- **times of day and periods**: clock times (11 点 20 分, 下午3点, 3 p.m., 0800 UTC),
  centuries and decades (19 世纪, 20 世纪 30 年代, 1990年代), seasons written as two years
  (1995-96, 2010-11 年): they are when, not how much (``timescope`` reads them).
- **references**: figure, table, chapter and article numbers (图 1, Table 2, 第 5 条),
  numerals after a demonstrative (这两个词, these two: they point back, they do not count).
- **names and set phrases**: a bare number right after a capitalised name word (Category
  4, Radio 4, Apollo 11), a numeral in a fixed pattern (一一, 一年一度, 一模一样).
- **vague sizes**: 数十, 几百, dozens of, several (a size nobody can check).

Each rule returns the reason, so the consistency listing can say why a figure went.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Quantity

__all__ = ["not_a_claim", "claims_only"]

_WORD_ONE = frozenset({"一", "壹", "one", "a single", "single"})
_CJK = r"\u4e00-\u9fff"
# what follows a counted one: a classifier (optional), a noun of a few characters, then
# the event that makes the count the point
_ZH_EVENT = (
    r"死亡|死|遇难|遇難|丧生|喪生|身亡|罹难|罹難|受伤|受傷|伤|傷|失踪|失蹤|确诊|確診|病例|感染|"
    r"被捕|获救|獲救|幸存|倖存|生还|生還|进球|進球|金牌|银牌|銀牌|铜牌|銅牌"
)
# 一例 is one case; 一个例子 is an example
_ZH_COUNTED_AFTER = re.compile(rf"^(?:例(?!子|如|外)|[个個名位人]?[{_CJK}]{{0,3}}?(?:{_ZH_EVENT}))")
_EN_EVENT = (
    r"died|dies|dead|death|deaths|killed|kill|injured|injury|injuries|wounded|hurt|missing|"
    r"case|cases|infected|infection|arrested|rescued|survived|survivor|survivors|fatality|"
    r"fatalities|vote|votes|goal|goals|medal|medals|casualty|casualties|positive"
)
_EN_COUNTED_AFTER = re.compile(
    rf"^(?:[-\s]+(?:more|other|additional|more\s+person|[a-z]+))?\s*(?:person\s+|man\s+|woman\s+|"
    rf"child\s+|patient\s+|people\s+)?(?:has\s+|had\s+|was\s+|is\s+|were\s+)?(?:{_EN_EVENT})\b",
    re.IGNORECASE,
)
_ONLY_BEFORE = re.compile(
    r"(?:(?:仅|僅|只|就|单单|單單)(?![是为為])[\u4e00-\u9fff]?|除|(?<!the )(?<!The )\bonly|\bjust"
    r"|\bexcept(?:\s+for)?)\s*$",
    re.IGNORECASE,
)

_ZH_DAYPART = r"(?:[上下]午|早上|早晨|清晨|晚上|凌晨|中午|傍晚|夜间|夜間|夜里|夜裡|当天|當天|当日|當日)"
_CLOCK = re.compile(
    # the end of a span of the clock: 晚上8点至11点
    r"(?<=[点點时時])\s*[至到\-–]\s*\d{1,2}\s*[点點时時](?:\s*\d{1,2}\s*分)?|"
    # (never the tail of a longer number: 3000點 and 3028.46点 are index levels)
    r"(?<![\d.,])\d{1,2}\s*[点點时時]\s*\d{1,2}\s*分(?:钟|鐘)?(?![钟鐘])"  # 11 點 20 分
    rf"|(?:{_ZH_DAYPART}\s*)?(?<![\d.,])\d{{1,2}}(?:\s*[:：]\s*\d{{2}})?\s*[点點时時]"
    # with its minutes ("凌晨4時40分") it is a clock time wherever it stands; without, only
    # where the words after say so
    r"(?:\s*\d{1,2}\s*分(?![钟鐘])|(?:半|钟|鐘|整)?"
    rf"(?=\s*(?:\d{{1,2}}\s*分|分|半|钟|鐘|整|刚|剛|左右|前|后|後|多|许|許|[至到]|[之起开開]|\(|（|[，。、；,;)）]|$)))"
    rf"|{_ZH_DAYPART}\s*[零〇一二两兩三四五六七八九十]{{1,3}}\s*[点點时時](?:[零〇一二三四五六七八九十]{{1,3}}分|半)?"
    # after a part of the day or a day of the month, an hour is a clock time whatever
    # follows (下午2点举行, 12日22时将...)
    rf"|(?:(?<=[日号號])|{_ZH_DAYPART})\s*(?<![\d.,])\d{{1,2}}\s*[点點时時]"
    r"(?:\s*\d{1,2}\s*分(?![钟鐘])|半|整)?"
    r"|(?<![\dA-Za-z])\d{1,2}(?::\d{2})?\s*(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b)"
    r"|(?<![\dA-Za-z])\d{4}\s*(?:UTC|GMT|hours\b|hrs\b)",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:世纪|世紀)(?:\s*(?:\d{2}|[一二三四五六七八九十]{1,3})\s*年代)?"
    r"|(?:\d{2,4}|[一二三四五六七八九十〇零]{2,4})\s*年代"
    r"|(?<![\d.,])(?:1[5-9]|20)\d{2}\s*[-–/]\s*\d{2}(?![\d.,%％])"
    # "week 12/2020", "3/2021": a month or week of a year
    r"|(?<![\d./])\d{1,2}/(?:19|20)\d{2}(?![\d/])"
    # "1至10月", "1-10月": January to October, a period (the 1 was counted); and the year's
    # "first ten months" in every script (前10个月, 首10個月), the time scope of a figure
    r"|(?<![\d.])(?:1[0-2]|[1-9])\s*(?:至|到|[-–—~～－])\s*(?:1[0-2]|[1-9])\s*月(?!份?[内內])"
    # after a year or opening a clause (今年前10个月; not 提前3个月, three months early, nor
    # 数据显示，前两个月的新增就业, the previous two)
    r"|(?:(?:^|(?<=[年，,；;：:（(“\s]))前|首)\s*(?:1[01]|[2-9]|[二两兩三四五六七八九十]|十一)"
    r"\s*[个個]?\s*月(?![的之])"
    r"|\b[Ff]irst\s+(?:1[01]|[2-9]|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\b"
    r"|\b[Ff]irst\s+(?:two|three|2|3)\s+quarters\b"
)
_REFERENCE_BEFORE = re.compile(
    r"(?i:\b(?:Fig(?:ure)?s?\.?|Tables?|Chapters?|Sections?|Articles?|Appendix|Eq(?:uation)?\.?|"
    r"Step|Phase|Stage|Level|Category|Grade|Class|Type|Route|Highway|Flight|Room|Radio|"
    r"Channel|Apollo|Formula|Season|Episode|Volume|Vol\.|No\.|Number|top)|"
    r"[图圖表]|图表|圖表|第)[\s\u200b-]*$",
)
_ORDINAL_BEFORE = re.compile(
    # 第三; and the rest of a list under one 第: 第1、5、7和14次 (the 1st, 5th, 7th and 14th)
    # (、 and 和 join a list; a comma ends the clause: 排名第4，近8场 counts eight events)
    r"第\s*$|第\s*\d{1,3}(?:\s*、\s*\d{1,3})*\s*(?:[、和及与與或]|以及)\s*$"
)
_RANK_AFTER = re.compile(r"\s*[名位强強]")
_DEMONSTRATIVE_BEFORE = re.compile(
    r"(?:这|這|那|该|該|此|上述|前述|(?<![\u4e00-\u9fff])[后後]|另外|另|其余|其餘)\s*$|"
    r"\b(?:these|those|the\s+latter|the\s+former|both)\s+$",
    re.IGNORECASE,
)
_NUMERAL_CHARS = "零〇一二两兩三四五六七八九十百千万萬亿億"
# set phrases with a numeral that counts nothing: 四处 (everywhere), 三思 (think twice)
_ZH_IDIOM = re.compile(r"四[处處](?!理)|三思|七嘴八舌|乱七八糟|亂七八糟|一边|一邊|万一|萬一|十分(?=[\u4e00-\u9fff])(?![钟鐘])")
_ZH_PATTERN_ONE = re.compile(
    rf"一一|一[^{_NUMERAL_CHARS}\W\d]一[^{_NUMERAL_CHARS}\W\d]|[^{_NUMERAL_CHARS}\W\d]一[^{_NUMERAL_CHARS}\W\d]一"
)
_VAGUE_BEFORE = re.compile(
    r"(?:several |a few |dozens of |tens of |hundreds of |thousands of )$", re.IGNORECASE
)
# 数十, 几百, 上千, 成千: a size word before a bare order of magnitude (人数100 is a figure)
_VAGUE_ZH = re.compile(r"^[数數几幾上成][十百千万萬亿億]")
# a day of the month without its month: 当地时间26号, 26日凌晨
_DAY_OF_MONTH = re.compile(
    r"(?:时间|時間|本月|当月|當月|同月|上月|下月)\s*\d{1,2}\s*[日号號]"
    r"|(?<![\d.])\d{1,2}\s*[日号號](?=\s*(?:[，。、；,;（()）]|[上下]午|凌晨|晚|早|起|至|到|当天|當天|$"
    r"|\d{1,2}\s*[时時点點]))"
    # "警方26日表示": a bare count before 日 (a span of days was read as a duration)
    r"|(?<![\d.])\d{1,2}\s*日|(?<![一二三四五六七八九十两兩])[一二三四五六七八九十廿卅]{1,3}日"
)


_ONE_WORD = re.compile(
    r"^(?:about|around|nearly|almost|约|約|近|大约|大約|最高[为為是]|最低[为為是]|最多|最少|高达|高達|"
    r"多达|多達|仅|僅|只有)?\s*"
    r"(?:[一壹](?![\d一二两兩三四五六七八九十百千万萬亿億点點半])|(?:one|a single|single|an?)\b"
    r"(?![- ]?(?:hundred|thousand|million|billion|trillion|half|and|point|quarter|third)))",
    re.IGNORECASE,
)


def _is_word_one(text: str, q: Quantity) -> bool:
    """一 / one written as a word: 一位, 一天, one day (not 一百, one hundred, 1)."""
    if q.kind == "count" and q.value != 1 or q.kind not in ("count", "duration"):
        return False
    if q.kind == "duration" and re.search(r"\d|\band\b|[时時][一二三四五六七八九十]", q.surface[1:]):
        return False  # "one hour and 16 minutes", 一小时16分: a time, not an article
    return _ONE_WORD.match(q.surface) is not None


_OR_MORE = re.compile(r"\bor\s+more$|或多", re.IGNORECASE)
_AGO_AFTER = re.compile(r"\s*(?:ago|later|earlier|before|after)\b|[前后後]", re.IGNORECASE)
_PARTITIVE_BEFORE = re.compile(r"(?:其中|之中|中的|另|同|统|統|唯|任|每|逐|单|單|万|萬)\s*$")


def _counted_one(text: str, q: Quantity, others: Sequence[Quantity]) -> bool:
    """Is this word-form one the number of something (the point of the sentence)?"""
    if q.hedge is not None:
        return not _OR_MORE.search(q.surface)  # "one or more", 一个或多个: no figure at all
    if _PARTITIVE_BEFORE.search(text[max(0, q.start - 4) : q.start]):
        return False  # 其中一名, 另一个, 同一天: which one, not how many
    after = text[q.end : q.end + 24]
    if q.kind == "duration" and _AGO_AFTER.match(after):
        return True  # "one year ago", 一年前: when, as a checkable span
    if _ZH_COUNTED_AFTER.match(after) or _EN_COUNTED_AFTER.match(after):
        return True
    if _ONLY_BEFORE.search(text[max(0, q.start - 12) : q.start]):
        return True
    return any(
        _coordinated(text, o, q)
        for o in others
        if o is not q and o.kind == q.kind and not _is_word_one(text, o)
    )


# "4 men and one woman", "两包和一包", "two placebo controlled and one with no control": a
# one listed with other counts is a count. The list word must stand right before the later
# figure (和 inside 参与 or 和平 joins nothing).
_COORDINATED = re.compile(r"(?:\band|\bor|[和及与與或、,，])\s*$", re.IGNORECASE)
_COORDINATION_REACH = 40


def _coordinated(text: str, a: Quantity, b: Quantity) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end : second.start]
    return (
        0 <= len(between) <= _COORDINATION_REACH
        and _COORDINATED.search(between) is not None
        and re.search(r"[,，]\s*$", between) is None or re.search(r"\band\s*$", between) is not None
    ) and not re.search(r"[。；;!?！？]|\.\s", between)


def _inside(spans: Sequence[tuple[int, int]], q: Quantity) -> bool:
    """Does ``q`` overlap one of the (sorted, disjoint) spans?"""
    k = bisect_right(spans, (q.end, -1)) - 1  # the last span starting before q ends
    return k >= 0 and spans[k][1] > q.start


@dataclass(frozen=True)
class _Marks:
    """The spans of a sentence that hold no figure, found once per sentence."""

    clock: tuple[tuple[int, int], ...]
    period: tuple[tuple[int, int], ...]
    day: tuple[tuple[int, int], ...]
    two_days: tuple[tuple[int, int], ...]


@lru_cache(maxsize=64)
def _marks(text: str) -> _Marks:
    def spans(pattern: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
        return tuple(m.span() for m in pattern.finditer(text))

    return _Marks(spans(_CLOCK), spans(_PERIOD), spans(_DAY_OF_MONTH), spans(_TWO_DAYS))


# what a clock time is misread as: "11 点" a count, "10 p.m." ten pence
_CLOCK_KINDS = frozenset({"count", "duration", "money"})


# "冠状病毒 2 型", "阿波羅 10 號", "3号线": a type, a craft, a line (26号 is a day: not a claim
# either); "七人制" a game's format; "四轮驱动", "四驱": a drive train
# "四级应急响应", "Ⅳ级预警": a level of alert (English names it "Level IV"); "两位数" is "double
# digits", no figure; "11年级": a school year (Year 11)
_NAME_AFTER = re.compile(
    r"\s*(?:型|[号號](?![码碼])|人制|[轮輪](?:传动|傳動|驱动|驅動)|[驱驅]"
    r"|[级級](?:应急|應急)?(?:响应|響應|预警|預警|警报|警報|戒备|戒備)|位数|位數|年[级級]"
    # "4级飓风", "3級颶風", "4级风暴", "以3级强度登陆": a hurricane's category (English:
    # "Category 4", "a category 3 system")
    r"|\s*[级級]\s*(?:飓风|颶風|(?:热带|熱帶)?(?:风暴|風暴)|强度|強度)"
    # "3期试验", "III期臨床試驗": a trial's phase (English names it "Phase 3")
    r"|期\s*(?:临床|臨床)?\s*(?:试验|試驗|研究))"
)
# "强热带气旋已升级为4级，", "颶風週三增強為4級，": a category reached, with no noun after it
_STORM_RAISED_BEFORE = re.compile(r"(?:升[级級格]|增[强強]|加[强強])\s*[为為成至到]\s*$")
_STORM_GRADE_AFTER = re.compile(r"\s*[级級](?![\u4e00-\u9fff])")
# "coronavirus 2 (SARS-CoV-2)", "disease 2019 (COVID-19)", "转换酶 2 (Angiotensin-converting
# Enzyme 2, ACE2)": a name whose spelled-out or abbreviated form in brackets repeats the number
_ABBREVIATED_AFTER = re.compile(r"\s*[(（](?=[^()（）]*[A-Za-z])(?P<inside>[^()（）]{1,80})[)）]")
# "Group 42", "Route 66", "Windows 10": a bare number after a capitalised word inside a sentence
_TITLE_WORD_BEFORE = re.compile(
    r"(?<![.!?:;]\s)(?<=[a-z,]\s)(?P<name>[A-Z][a-z]+)\s+$"
    r"|(?<=[a-z,]\s)(?P<name2>[A-Z][a-z]+[A-Z]\w*)\s+$"
    # in Chinese text: "向 Group 42 和华大基因", "登上Soundline 200榜首"
    r"|(?<=[\u4e00-\u9fff])\s?(?P<name3>[A-Z][a-z]+)\s+$"
)
# "the Number 1 and 2 reactors", "Units 3, 4 and 5": the rest of a list of names
_NAMED_LIST_BEFORE = re.compile(
    r"(?<![.!?:;]\s)(?<=[a-z,]\s)(?P<name>[A-Z][a-z]+)\s+(?:\d+\s*,\s*)*(?P<last>\d+)"
    r"\s*(?:,|and|or|&)\s*$"
)
_CALENDAR_WORDS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday".split()
)
# "on 3 and 4 February", "2 月 3 日和 4 日": the first day of two
_MONTH_NAMES = "|".join(sorted(_CALENDAR_WORDS, key=len, reverse=True))
_TWO_DAYS = re.compile(
    rf"(?<![\d.])\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|to|or|&|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\b"
    r"|(?<=[日号號])\s*[和及、至到-]\s*\d{1,2}\s*[日号號]"
    # "between March 3 and 5, ...": the second day, when no noun makes it a count
    rf"|\b(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|to|or|&|-|–)\s*\d{{1,2}}"
    r"(?:st|nd|rd|th)?(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|on|when|as|this|last|next|of)\b)"
)


def _labelled(text: str, q: Quantity) -> bool:
    """A bare integer that names something rather than counting it."""
    digits = q.surface.removeprefix("-")  # "疾病-19 (COVID-19)": no minus either
    if q.kind != "count" or q.hedge is not None or q.value is None or not digits.isdigit():
        return False
    abbreviated = _ABBREVIATED_AFTER.match(text, q.end)
    if abbreviated and re.search(
        rf"(?:[A-Za-z]-?|\s){re.escape(digits)}(?!\d)", abbreviated.group("inside")
    ):
        return True
    if digits != q.surface:
        return False
    title = _TITLE_WORD_BEFORE.search(text, max(0, q.start - 24), q.start)
    if title is None:
        listed = _NAMED_LIST_BEFORE.search(text, max(0, q.start - 40), q.start)
        # the next names of a list run on ("1 and 2"); "Group 42 and 18 other firms" counts
        if listed is not None and 0 < q.value - int(listed.group("last")) <= 3:
            title = listed
    if title is None or _SCORE_AFTER.match(text, q.end):
        return False  # "beat the Sharks 27-19": a score after a team's name
    groups = title.groupdict()
    name = groups.get("name") or groups.get("name2") or groups.get("name3") or ""
    return name not in _CALENDAR_WORDS
_SCORE_AFTER = re.compile(r"[-–]\d{1,3}(?![\d,-]|\.\d|\s*(?:%|per|million|billion|[a-z]+s\b))")
# "Hipposideros/GhanaKwam/19/2008", "Ang(1-7)": a number inside an identifier
# "7-Eleven": a number glued by a hyphen to a capitalised word
_BRAND_AFTER = re.compile(r"-[A-Z][a-z]")
# ... and its "Eleven": a number word glued to a number by a hyphen, capitalised
_NAME_AROUND = re.compile(r"[A-Za-z]/\d+/|[A-Za-z]\(\d|\d-(?=[A-Z][a-z])")


# "Six Flags", "Six Days in Fallujah": a capitalised number word inside a sentence, before
# another capitalised word, is part of a title
_TITLED_AFTER = re.compile(r"[\s-]+[A-Z][a-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“'‘(\[—–-])\s*$")


def _titled_number(text: str, q: Quantity) -> bool:
    # the number word itself, also of a compound ("Five-Year Plan")
    word = m.group(0) if (m := re.match(r"[A-Za-z]+", q.surface)) else ""
    if not word[:1].isupper() or _SENTENCE_START.search(text[: q.start]):
        return False
    return _TITLED_AFTER.match(text, q.start + len(word)) is not None


# "twenty or thirty minutes", "二十或三十分鐘", "five or six": a rough size, as 二三十 and
# 五六个 are (the quantity parser drops those; Recognizers-Text does not read them either)
_ROUGH_OR = re.compile(r"\s+or\s+$|\s*或\s*$|^、$", re.IGNORECASE)
# "五、六瓶", "二、三十名": Taiwan and Hong Kong write 五六 and 二三十 with a 、 between
_HAN_ROUGH = re.compile("[一二两兩三四五六七八九]、[一二两兩三四五六七八九]")


def _rough_pair(text: str, q: Quantity) -> bool:
    from .quantities import extract_with_numerals

    window = text[max(0, q.start - 24) : min(len(text), q.end + 24)]
    for m in _HAN_ROUGH.finditer(text, max(0, q.start - 2), min(len(text), q.end + 2)):
        if m.start() < q.end and q.start < m.end():
            return True  # the lone 五 of 五、六 is no figure the parser reads, so no pair
    if q.value is None or not (" or " in window or "或" in window):
        return False
    offset = max(0, q.start - 24)
    found = extract_with_numerals(window)
    for (left, a), (right, b) in zip(found, found[1:], strict=False):
        if not _ROUGH_OR.search(window[left.end : right.start]):
            continue
        if not left.start + offset <= q.start < right.end + offset:
            continue
        if a.is_integer() and b.is_integer() and (
            b - a == 1 or a >= 10 and a % 10 == 0 and b - a == 10 or b == a * 10 + 10
        ):  # five or six, twenty or thirty, 二、三十 (twenty or thirty)
            return True
    return False


# 民國114年, 114學年度: a year of the Taiwan (ROC) calendar, or a school year
_ROC_YEAR_BEFORE = re.compile(r"民[國国]\s*$")
_ROC_YEAR_AFTER = re.compile(r"\s*(?:[學学]年|年)")
_SCHOOL_YEAR_AFTER = re.compile(r"\s*[學学]年度")
# 2560 BC, AD 79: a year of the common era, however it is written
_ERA_AFTER = re.compile(r"\s*(?:BCE?|CE|AD|B\.C\.(?:E\.)?|A\.D\.)(?![A-Za-z])")
_ERA_BEFORE = re.compile(r"(?:\bAD|\bA\.D\.)\s*$")
# 80后, 95後, “00后”: a generation by birth years
_COHORT = re.compile(r"\d[05]")
_COHORT_AFTER = re.compile(r"[后後]")
# 台8線, 國道1號, 縣道106: road numbers are names
_ROAD_BEFORE = re.compile(r"(?:[台臺]|[國国]道|省道|[縣县]道|[鄉乡]道)\s*$")
_ROAD_AFTER = re.compile(r"\s*(?:[線线]|[號号]|甲|乙|丙)")
# 一度達…, 股价一度上涨: "at one point", not one kWh (一度電 is one)
_AT_ONE_POINT_AFTER = re.compile(r"(?![电電])")
# 零件, 零售, 零食, 零星: 零 begins a word
_ZERO_WORD_AFTER = re.compile(r"[组組件售食钱錢用星碎散工部嘴]")


# "1美元兌32元新台幣", "1美元兑7.1元人民币": the one unit an exchange rate is quoted for
_RATE_BASE_AFTER = re.compile(r"\s*(?:兑|兌|兑换|兌換|换|換|可兑|可兌|折合)")


def _calendar_or_word(text: str, q: Quantity) -> str | None:
    """A number that is a calendar year, a road, or part of a word (Taiwan and Hong Kong
    usage as much as mainland)."""
    before = text[max(0, q.start - 4) : q.start]
    if q.kind in ("count", "duration") and (
        (
            _ROC_YEAR_BEFORE.search(before)
            and (q.surface.endswith("年") or _ROC_YEAR_AFTER.match(text, q.end))
        )
        or _SCHOOL_YEAR_AFTER.match(text, q.end)
    ):
        return "date"
    if q.kind == "count" and (_ERA_AFTER.match(text, q.end) or _ERA_BEFORE.search(before)):
        return "date"
    if q.kind == "count" and _COHORT.fullmatch(q.surface) and _COHORT_AFTER.match(text, q.end):
        return "date"  # 95后, “00后”: people born in those years, no figure
    if q.kind == "count" and _ROAD_BEFORE.search(before) and _ROAD_AFTER.match(text, q.end):
        return "name"
    if q.surface == "一度" and _AT_ONE_POINT_AFTER.match(text, q.end):
        return "idiom"
    if q.surface == "零" and _ZERO_WORD_AFTER.match(text, q.end):
        return "name"
    if q.surface.lower() == "zero" and text[max(0, q.start - 9) : q.start].lower() == "absolute ":
        return "name"  # absolute zero, a point of the scale (绝对零度 yields no figure either)
    if q.kind == "length" and _EVENT_AFTER.match(text, q.end) or _RELAY_AFTER.match(text, q.end):
        return "name"
    if q.kind == "count" and (
        _DOUBLE_DAY_BEFORE.search(text, max(0, q.start - 8), q.start)
        or q.surface == "618" and _FESTIVAL_AFTER.match(text, q.end)
    ):
        return "name"  # 双11, 双十一, 618大促: shopping festivals named by their dates
    if q.surface == "二" and _SECOND_TIME_WORD.match(text, q.end):
        return "name"  # 二次消费, 二次元: "secondary", a word (两次 counts times)
    if q.kind == "money" and q.value == 1 and _RATE_BASE_AFTER.match(text, q.end):
        return "reference"
    return None


# "the 100 metres backstroke", "女子100米仰泳", "50公尺仰式": a race is named by its distance
_EVENT_AFTER = re.compile(
    r"\s*(?:(?:individual\s+)?(?:freestyle|backstroke|breaststroke|butterfly|medley|hurdles|"
    r"steeplechase|relay|dash|sprint)\b|(?:个人|個人)?(?:自由|仰|蛙|蝶|混合)[泳式]"
    r"|跨[栏欄]|障碍|障礙|接力|短跑)",
    re.IGNORECASE,
)

_DOUBLE_DAY_BEFORE = re.compile(r"[双雙]\s*\Z|\bDouble\s+\Z")
_FESTIVAL_AFTER = re.compile(r"\s*(?:大促|期[间間]|[购購]物[节節]|年中|狂[欢歡]|[当當]天|活[动動]|[节節])")
_SECOND_TIME_WORD = re.compile(r"次(?=[\u4e00-\u9fff])(?![数數方])")
# "4x100m relay", "4×100米接力": the team's legs, a name too
_RELAY_AFTER = re.compile(
    r"\s*[x×X]?\s*\d+\s*(?:m|metres|meters|米)?\s*(?:relay|接力)", re.IGNORECASE
)


def _not_a_figure(text: str, q: Quantity) -> str | None:
    """Why ``q`` is no figure at all, whatever stands beside it (None: it may be one)."""
    calendar_or_word = _calendar_or_word(text, q)
    if calendar_or_word:
        return calendar_or_word
    before = text[max(0, q.start - 16) : q.start]
    if q.value == 0 and q.hedge == "about":
        return "vague"  # "close to zero", "接近于零": no figure to check
    if _VAGUE_BEFORE.search(before) or _VAGUE_ZH.match(text[max(0, q.start - 1) : q.end + 1]):
        return "vague"
    marks = _marks(text)
    if _inside(marks.clock, q) and q.kind in _CLOCK_KINDS:
        return "time"
    if q.kind == "count" and _inside(marks.day, q):
        return "date"
    if q.kind in ("count", "duration") and _inside(marks.period, q):
        return "period"
    if q.kind == "count" and q.hedge is None and _REFERENCE_BEFORE.search(before):
        return "reference"
    if _ORDINAL_BEFORE.search(before) or (
        q.kind == "count" and re.search(r"前\s*$", before) and _RANK_AFTER.match(text, q.end)
    ):
        return "ordinal"  # 第三, 前十名 (a rank); 前五个样本 counts the first five
    if q.kind == "count" and _DEMONSTRATIVE_BEFORE.search(before):
        return "reference"
    if (
        _NAME_AFTER.match(text, q.end)
        or q.surface.isdigit() and _BRAND_AFTER.match(text, q.end)
        or _NAME_AROUND.search(text, max(0, q.start - 2), q.end + 1)
        or _labelled(text, q)
    ):
        return "name"
    if q.kind == "count" and _STORM_RAISED_BEFORE.search(before) and _STORM_GRADE_AFTER.match(
        text, q.end
    ):
        return "name"  # "升级为4级，": a cyclone's category, as "upgraded to category 4"
    if q.kind == "count" and _inside(marks.two_days, q):
        return "date"
    if _titled_number(text, q):
        return "name"
    if _rough_pair(text, q):
        return "vague"
    if _inside([m.span() for m in _ZH_IDIOM.finditer(text, max(0, q.start - 4), q.end + 4)], q):
        return "idiom"
    if q.surface == "一一" or (
        _is_word_one(text, q) and _ZH_PATTERN_ONE.search(text[max(0, q.start - 2) : q.end + 3])
    ):
        return "idiom"
    return None


def not_a_claim(text: str, q: Quantity, others: Sequence[Quantity]) -> str | None:
    """Why ``q`` (offsets into ``text``) is not a claim, or None when it is one.

    ``others`` are the sentence's other claims: a word-form one listed with them counts."""
    return _not_a_figure(text, q) or _article(text, q, others)


def _article(text: str, q: Quantity, others: Sequence[Quantity]) -> str | None:
    return "article" if _is_word_one(text, q) and not _counted_one(text, q, others) else None


def claims_only(text: str, quantities: Sequence[Quantity]) -> list[Quantity]:
    """The quantities of ``text`` that are claims, in order."""
    figures = [q for q in quantities if _not_a_figure(text, q) is None]
    return [q for q in figures if _article(text, q, figures) is None]
