"""Claims: a quantity, the sentence it sits in, what it is about and when.

One claim per quantity. The subject is built from the entities named in the
quantity's own clause (falling back to the sentence) and the metric word nearest to
it, so "H20 FP16 296 TFLOPS vs H100 1,980 TFLOPS" gives two claims about two
different things. Years, dates and list numbers are context (time scopes), never
claims: the quantity parser does not return them.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TypeVar

from . import lexicon
from .claimhood import claims_only
from .model import Claim, Quantity, Sentence, Source, TimeScope
from .quantities import CONVERSION_BRACKET, extract_quantities
from .segment import is_boilerplate, split_sentences, to_simplified
from .timescope import find_time_scopes
from .verdict import time_grain

# Model and product codes: H20, H100, MI308, GB200, B30A, RTX 5090 is caught by the
# name+number rule below.
_PRODUCT_CODE = re.compile(
    r"(?<![A-Za-z0-9-])(?:[A-Z]{1,4}-?\d{2,4}[A-Z]{0,2}|[A-Z][a-z]{2,}\d{1,4}[A-Za-z]?)(?![A-Za-z0-9])"
)
# Capitalised names not in the alias table: "Lumora Semiconductor", "Castor Micro".
_PROPER_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+)*")
# Words that are capitalised for grammar, not because they name something.
_NOT_NAMES = frozenset(
    """
    the a an this that these those its it he she they we our their his her in on at for of
    by from to as with after before while when since during but and or if so yet analysts
    analyst shares share revenue sales chief executive officer ceo cfo president according
    however meanwhile still also data reporting editing editor reported january february
    march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday q1
    q2 q3 q4 wall street street fiscal first second third fourth year quarter ultra pro max
    plus mini lite air edge neo save
    """.split()
)
# "朗明半导体（Lumora Semiconductor）": a Chinese page naming a company in both scripts.
_INLINE_ALIAS = re.compile(r"([\u4e00-\u9fff]{2,12})[（(]\s*([A-Z][A-Za-z0-9&.\- ]{1,40}?)\s*[)）]")
# A Chinese company name: two characters and an ending that says what it is.
_HAN_ORG = re.compile(
    r"([\u4e00-\u9fff]{2})(?:微电子|半导体|汽车|科技|芯片|集团|公司|银行|手机|电子|动力|控股|"
    r"股份|实验室|证券|航空|能源|制药|地产)"
)
# Two characters before such an ending that are not a name: "美国芯片", "存储芯片", "该公司".
_NOT_HAN_NAMES = frozenset(
    """
    美国 中国 日本 韩国 台湾 欧洲 全球 国产 国内 本土 海外 头部 龙头 上市 其他 相关 主要 多家
    一家 旗下 新能 能源 电动 智能 功率 模拟 高端 成熟 先进 车规 消费 显示 通信 数据 云端 人工
    存储 设计 季度 本季 上季 半导 芯片 科技 汽车 手机 电子 公司 集团 该家 这家 两家 三家 各家
    民营 国有 外资 合资 创业 初创 代工 晶圆 封测 设备 材料 整车 车企 品牌 新兴 传统 大型 中小
    """.split()
)
_HAN_FUNCTION_CHARS = frozenset(
    "的了在是和与及或为将把被对从向于以而等该这那其各每此给交由到往让使令买卖"
)
# Generic words that end a Chinese company name; the distinctive part comes before them.
_NAME_SUFFIXES = re.compile(
    r"(半导体|半導體|科技|集团|集團|公司|股份|控股|电子|電子|汽车|汽車|手机|手機|技术|技術|"
    r"微电子|微電子|智能|动力|動力|芯片|网络|網絡|银行|銀行)+$"
)
# A name directly followed by a model number: "Ascend 910B", "CloudMatrix 384".
_MODEL_NUMBER = re.compile(r"\s?(\d{2,4}[A-Z]{0,2})(?![A-Za-z0-9.,%])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_HAN_NUMERAL_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]{2,}")
# Clause breaks: a punctuation mark (but not a comma between digits) or a linking word.
# Brackets do not break a clause: they hold aliases and asides ("超威半導體(AMD)").
_CLAUSE_PUNCT = re.compile(r"(?<!\d)[,，](?!\d)|[;；、:：—]|,\s|\s[-–]\s")
_PRONOUN = re.compile(
    r"\b(?:it|its|they|their|the company|the firm|the chip)\b|它|其|该|該|这款|這款|该公司|該公司",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")
_CLAUSE_WORDS = re.compile(
    r",? (?:while|whereas|compared (?:with|to)|versus|vs\.?|against|but)\s|相比|相较|对比|而|但"
)


@dataclass(frozen=True)
class Aliases:
    """Canonical entity names and, for each, its aliases folded for matching."""

    pattern: re.Pattern[str]
    canonical: Mapping[str, str]  # folded alias -> canonical name
    # the aliases a page adds, in a pattern of their own: recompiling the whole table for
    # every article that declares one cost 7 ms an article
    extra: re.Pattern[str] | None = None

    def extended(self, more: Mapping[str, str]) -> Aliases:
        """These aliases plus ``more`` (alias -> canonical), e.g. ones a page declares."""
        added = {_fold(k): v for k, v in more.items()}
        new = {alias for alias in added if alias not in self.canonical}
        if self.extra is not None:
            new |= {alias for alias in self.canonical if self.extra.fullmatch(alias)}
        extra = _alternation(new) if new else None
        return Aliases(self.pattern, {**self.canonical, **added}, extra)

    def find(self, folded: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) for every alias mention in folded text: leftmost first,
        the longest at a position, never overlapping (as one alternation would find)."""
        found = [(m.start(), m.end()) for m in self.pattern.finditer(folded)]
        if self.extra is not None:
            found += [(m.start(), m.end()) for m in self.extra.finditer(folded)]
            found.sort(key=lambda span: (span[0], -span[1]))
        out: list[tuple[int, int, str]] = []
        for start, end in found:
            if out and start < out[-1][1]:
                continue
            out.append((start, end, self.canonical[folded[start:end]]))
        return out


def _fold(text: str) -> str:
    """Simplified script, lower case; keeps length for ASCII, which is all we index by."""
    return to_simplified(text).lower()


def build_aliases(table: Mapping[str, Iterable[str]]) -> Aliases:
    canonical: dict[str, str] = {}
    for name, aliases in table.items():
        for alias in (name, *aliases):
            canonical[_fold(alias)] = name
    return Aliases(_alternation(canonical), canonical)


def _alternation(aliases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for every alias, the longest at a position first ("nasdaq composite"
    over "nasdaq"). ASCII names need word boundaries ("US" must not match inside
    "status"); Han names do not have them. Written as a prefix tree, so the engine tries
    one branch per character instead of every alias at every position."""
    words = sorted(set(aliases))
    ascii_words = [w for w in words if w.isascii() and w]
    other = [w for w in words if not w.isascii() and w]
    parts = []
    if other:  # mixed names ("英伟达h20") first: they are the longer ones
        parts.append(_trie(other))
    if ascii_words:
        parts.append(rf"(?<![a-z0-9]){_trie(ascii_words)}(?![a-z0-9])")
    return re.compile("|".join(parts) or r"(?!x)x")


def _trie(words: Sequence[str]) -> str:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word may end here: try the longer ones first, then this end (greedy ?)
    if ends:
        return f"(?:{body})?"
    return body


@lru_cache(maxsize=1)
def _builtin_alias_table() -> dict[str, list[str]]:
    """factcheck/data/aliases.json, a fresh copy each call (callers may extend it)."""
    data = resources.files("factcheck").joinpath("data/aliases.json").read_text("utf-8")
    return dict(json.loads(data))


@cache
def default_aliases() -> Aliases:
    """The built-in alias table, compiled once per process (building its pattern took 1.4 ms,
    a seventh of extraction time when every article asked for it)."""
    return build_aliases(_builtin_alias_table())


def merge_aliases(extra: Mapping[str, Iterable[str]] | None) -> Aliases:
    """The built-in aliases plus a project's own (claims/aliases.json)."""
    if not extra:
        return default_aliases()
    data = _builtin_alias_table()
    for name, aliases in extra.items():
        data.setdefault(name, [])
        data[name] = sorted(set(data[name]) | set(aliases))
    return build_aliases(data)


# --- clauses -------------------------------------------------------------------


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` that holds the span [start, end)."""
    ends, starts = _clause_breaks(sentence)
    before = bisect_right(ends, start)
    after = bisect_left(starts, end)
    left = ends[before - 1] if before else 0
    right = starts[after] if after < len(starts) else len(sentence)
    return left, right


@lru_cache(maxsize=64)
def _clause_breaks(sentence: str) -> tuple[list[int], list[int]]:
    """Where clause breaks end and start, sorted: found once per sentence, so that a
    sentence with a thousand figures is not scanned a thousand times."""
    spans = [m.span() for p in (_CLAUSE_PUNCT, _CLAUSE_WORDS) for m in p.finditer(sentence)]
    return sorted(e for _, e in spans), sorted(s for s, _ in spans)


# --- entities and metrics --------------------------------------------------------


def find_entities(
    text: str,
    aliases: Aliases,
    known: frozenset[str] = frozenset(),
    folded: str | None = None,
) -> list[tuple[int, int, str]]:
    """Entity mentions in ``text`` as (start, end, canonical name), in order.

    Offsets are into ``text`` itself; folding to Simplified script keeps one
    character per character for the Han text we match, so offsets carry over.
    ``folded`` is ``_fold(text)`` when the caller has it already.
    """
    folded = _fold(text) if folded is None else folded
    same_length = len(folded) == len(text)
    found: list[tuple[int, int, str]] = []
    # which characters a mention already covers: overlap checks in time linear in the
    # text, however many mentions a long article has
    covered = bytearray(len(text) + 1)

    def add(start: int, end: int, name: str) -> None:
        found.append((start, end, name))
        covered[start:end] = b"\x01" * (end - start)

    for start, end, name in aliases.find(folded):
        if not same_length:
            start, end = 0, 0  # position unknown; the mention still counts
        model = _MODEL_NUMBER.match(text, end) if same_length else None
        if model is not None:
            name, end = f"{name} {model.group(1)}", model.end()
        add(start, end, name)
    for match in _PRODUCT_CODE.finditer(text):
        if match.group(0).lower() in lexicon.PRECISIONS:
            continue  # FP16 names a number format, not a product
        if not covered[match.start()]:
            add(match.start(), match.end(), match.group(0).replace("-", ""))
    for start, end, name in _proper_names(text, known):
        if not any(covered[start:end]):
            add(start, end, name)
    return sorted(found)


def _proper_names(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Capitalised names the alias table does not know, keyed by their first word.

    "Lumora Semiconductor" and "Lumora" are one entity. A capitalised word that
    opens the sentence is only a name when another capitalised word follows it.
    """
    names = []
    for match in _PROPER_NAME.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in _NOT_NAMES:
            words.pop(0)
        if not words:
            continue
        start = match.start() + match.group(0).find(words[0])
        before = start  # the last non-space character before the name (a backwards step
        while before and text[before - 1].isspace():  # each: slicing the prefix costs
            before -= 1  # the whole article per name)
        at_sentence_start = before == 0 or text[before - 1] in '.!?"“'
        if at_sentence_start and len(words) == 1 and words[0] not in known:
            continue
        names.append((start, match.end(), words[0]))
    return names


def document_aliases(text: str) -> dict[str, str]:
    """Names a page declares itself.

    "朗明半导体（Lumora Semiconductor）" -> Lumora; and Chinese company names the alias
    table does not know, recognised by their ending ("泰图汽车", "瀾越半導體"): the two
    characters before the ending name the company, in Simplified script so that both
    scripts give one name ("天達芯片" and "天达" are 天达).
    """
    found: dict[str, str] = {}
    folded = to_simplified(text)
    for match in _HAN_ORG.finditer(folded):
        core = match.group(1)
        if core not in _NOT_HAN_NAMES and not any(ch in _HAN_FUNCTION_CHARS for ch in core):
            found.setdefault(core, core)
    for match in _INLINE_ALIAS.finditer(text):
        han, latin = match.group(1), match.group(2).split()[0]
        if latin.lower() in _NOT_NAMES:
            continue
        core = _NAME_SUFFIXES.sub("", han)
        # the name is the tail of the Han run ("美国芯片设计公司朗明" -> "朗明")
        core = re.split(r"公司|企业|企業|厂商|廠商|巨头|巨頭|的|是|由|与|與|和", core)[-1]
        if len(core) >= 2:
            short = core[-4:]
            found[short] = latin
            found[han[han.rfind(short) :]] = latin  # with its suffix: "朗明半导体"
    return found


_CHANGE_METRICS = frozenset({"growth", "decline"})
_METRIC_WORDS = frozenset(
    word for keywords in lexicon.METRICS.values() for word in keywords if word.isascii()
) | frozenset(lexicon.PRECISIONS)


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    # English keywords are whole words ("up" must not match inside "supply"); Chinese
    # has no word boundaries to ask for.
    if keyword.isascii():
        return re.compile(rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])")
    return re.compile(re.escape(keyword))


# (metric, keyword, compiled pattern), compiled once
_KEYWORDS = [
    (metric, keyword, _keyword_pattern(keyword))
    for metric, keywords in lexicon.METRICS.items()
    for keyword in keywords
]
_KEYWORDS_BY_METRIC: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _metric, _keyword, _pattern in _KEYWORDS:
    _KEYWORDS_BY_METRIC.setdefault(_metric, []).append((_keyword, _pattern))


def nearest_metric(
    folded_clause: str, q_start: int, q_end: int, skip: frozenset[str] = frozenset()
) -> tuple[str, int] | None:
    """(metric, keyword start) for the metric keyword closest to the quantity in the clause."""
    best: tuple[int, int, int, str, int] | None = None
    for metric, keyword, pattern in _KEYWORDS:
        if metric in skip or keyword not in folded_clause:  # the cheap test first
            continue
        for match in pattern.finditer(folded_clause):
            if match.start() < q_end and match.end() > q_start:
                continue  # a keyword inside the figure itself ("TFLOPS") is the unit
            before = match.end() <= q_start
            distance = q_start - match.end() if before else match.start() - q_end
            # prefer near, then longer keywords, then keywords before the number
            rank = (distance, -len(keyword), 0 if before else 1)
            if best is None or rank < best[:3]:
                best = (rank[0], rank[1], rank[2], metric, match.start())
    return (best[3], best[4]) if best else None


def _nearest_market(folded_clause: str, q_start: int, q_end: int) -> str | None:
    """Which market a move is about: the nearest market word before the figure ("股价暴跌4%",
    "shares fell 4%"), else the nearest after it ("a 4% drop in market value")."""
    best: tuple[bool, int, str] | None = None
    for market in ("share price", "market cap", "index"):
        for keyword, pattern in _KEYWORDS_BY_METRIC[market]:
            if keyword not in folded_clause:
                continue
            for match in pattern.finditer(folded_clause):
                if match.start() < q_end and match.end() > q_start:
                    continue
                before = match.end() <= q_start
                distance = q_start - match.end() if before else match.start() - q_end
                rank = (not before, distance, market)
                if best is None or rank < best:
                    best = rank
    return best[2] if best else None


# Words that may stand before a metric without narrowing it: "third-quarter revenue"
# is revenue, "data-center revenue" and "GAAP gross margin" are narrower things.
_PLAIN_MODIFIERS = frozenset(
    """
    the a an its their his her our this that total overall quarterly annual full-year full
    year fiscal record reported quarter's year's company's group's firm's and of in to with
    whose new current net its' first-quarter second-quarter third-quarter fourth-quarter q1
    q2 q3 q4 monthly weekly daily average combined adjusted year-on-year
    was were is are be been has have had will would could sets set hit hits reached reaches
    at about around approximately nearly roughly over under more less than up down by just
    only some each every all per it they we he she which who company firm group said says
    also then still
    """.split()
) | frozenset(m for m in lexicon.FORECAST_MARKERS if m.isascii())
_ZH_PLAIN = re.compile(
    r"(?:第?[一二三四1-4]?季度?|全年|上季|本季|今年|去年|同期|年度|公司|集团|其|的|总|整体|"
    r"实现|录得|营业|市场|业务|共|达|为|期内|单季|季|同比|年增|经调整后?|调整后|"
    + "|".join(m for m in lexicon.FORECAST_MARKERS if not m.isascii())
    + ")"
)
_ZH_SEGMENT = re.compile(r"([\u4e00-\u9fff]{2,6})(业务|部门|事业部|板块|分部)$")
_EN_WORD = re.compile(r"[a-z][a-z0-9'&-]*$")


def metric_qualifier(
    folded_clause: str, keyword_start: int, entity_words: frozenset[str]
) -> str | None:
    """The word(s) right before a metric keyword that narrow it ("data-center", "gaap")."""
    before = folded_clause[:keyword_start]
    if before.endswith(" ") or not before:
        word = _EN_WORD.search(before.rstrip())
        if word is None:
            return None
        token = word.group(0)
        glued_to_number = word.start() > 0 and before.rstrip()[word.start() - 1].isdigit()
        if (
            token in _PLAIN_MODIFIERS
            or token in entity_words
            or glued_to_number
            or (token in _METRIC_WORDS)
        ):
            return None  # "96GB HBM3": the unit of a figure, not a modifier
        return token
    latin = re.search(r"(?<![a-z0-9])([a-z][a-z-]+)$", before)  # "GAAP毛利率"
    if latin is not None:
        token = latin.group(1)
        plain = token in _PLAIN_MODIFIERS or token in entity_words or token in _METRIC_WORDS
        return None if plain else token
    # Chinese has no spaces to tell a modifier from the rest of the sentence, so only a
    # named business segment counts: "数据中心业务收入", "云计算部门营收".
    segment = _ZH_SEGMENT.search(before)
    if segment is None:
        return None
    name = _ZH_PLAIN.sub("", segment.group(1))
    for entity in entity_words:
        name = name.replace(entity, "")
    return f"{name}{segment.group(2)}" if len(name) >= 2 else None


def _forecast(folded_clause: str) -> bool:
    return any(
        (not m.isascii()) or re.search(rf"(?<![a-z]){re.escape(m)}(?![a-z])", folded_clause)
        for m in lexicon.FORECAST_MARKERS
        if m in folded_clause
    )


def _mentions(folded_text: str, metric: str) -> bool:
    return any(
        keyword in folded_text and pattern.search(folded_text)
        for keyword, pattern in _KEYWORDS_BY_METRIC[metric]
    )


_KIND_METRIC = {"data": "memory", "compute": "compute", "bandwidth": "bandwidth", "power": "power"}
# metrics that only one kind of figure can measure
_METRIC_KIND = {
    "memory": "data", "storage": "data", "compute": "compute", "bandwidth": "bandwidth",
    "power": "power",
}  # fmt: skip


def _word_after(folded: str, end: int, entity_words: frozenset[str]) -> str | None:
    """The English word right after a figure, when it narrows it ("wired", "wireless")."""
    rest = folded[end:]
    latin = re.match(r"\s*(?:of\s+)?([a-z][a-z-]{2,})", rest)
    if latin is not None:
        word = latin.group(1)
        plain = word in _PLAIN_MODIFIERS or word in entity_words or word in _METRIC_WORDS
        return None if plain or word in ("and", "or", "the", "than") else word
    # Chinese runs on without spaces ("…之间，并宣布…"): no reliable word to take
    return None


def metric_for(
    quantity: Quantity,
    folded_clause: str,
    q_start: int,
    q_end: int,
    entity_words: frozenset[str] = frozenset(),
) -> tuple[str | None, str | None]:
    """(metric, qualifier) of a quantity from the words of its clause."""
    # a change in percentage points is a change *of* something: "margin widened by 2.1
    # points" measures the margin, not growth
    skip = _CHANGE_METRICS if quantity.kind == "percentage_point" else frozenset()
    # "a server with 141GB of VRAM rose from 1 million yuan": memory is measured in bytes,
    # so a price in yuan beside it is not a memory figure
    skip = skip | {m for m, kind in _METRIC_KIND.items() if kind != quantity.kind}
    found = nearest_metric(folded_clause, q_start, q_end, skip)
    metric = found[0] if found else None
    qualifier = None
    # the word before the keyword qualifies it, unless that word is the figure itself
    # ("$5.5 billion charge")
    right_after_figure = (
        found is not None and found[1] >= q_end and not (folded_clause[q_end : found[1]].strip())
    )
    if found and not right_after_figure:
        qualifier = metric_qualifier(folded_clause, found[1], entity_words)
    if quantity.kind == "money" and metric == "price" and _mentions(folded_clause, "share price"):
        metric = "share price"  # "每股单价175.64美元", "shares closed at $172"
    if metric in ("growth", "decline"):
        # "shares fell 6.9%" moves with the market; "revenue grew 18%" does not
        market = _nearest_market(folded_clause, q_start, q_end)
        if market:
            metric = f"{market} {metric}"
    if quantity.kind in _KIND_METRIC and metric not in (
        "memory",
        "storage",
        "compute",
        "bandwidth",
    ):
        metric = _KIND_METRIC[quantity.kind]  # the unit says more than a far-away word
    if quantity.kind == "compute":
        precision = next((p for p in lexicon.PRECISIONS if p in folded_clause), None)
        if precision:
            metric = f"{precision.upper()} compute"
    if metric and not metric.startswith("expected") and _forecast(folded_clause):
        metric = f"expected {metric}"
    is_share = any(marker in folded_clause for marker in lexicon.SHARE_MARKERS)
    already_a_share = metric in (None, "market share", "revenue-sharing cut")
    if quantity.kind == "percent" and is_share and not already_a_share:
        metric = f"share of {metric}"  # "占总营收约13%": a share of revenue
    return metric, qualifier


# --- contexts --------------------------------------------------------------------


def mask_numbers(text: str) -> str:
    """Replace digits and Han numeral runs with '#', so contexts match on meaning, not figures."""
    return _HAN_NUMERAL_RUN.sub("#", _NUMBER.sub("#", text))


# Characters of context kept on each side of a figure: enough for "the price of a
# single H20 server with ... of VRAM", short enough that a long sentence about other
# things does not drown the claim.
CONTEXT_REACH = 60


def claim_context(
    sentence: str,
    clause: tuple[int, int],
    q_start: int,
    q_end: int,
    subject: str,
    siblings: Sequence[tuple[int, int]] = (),
) -> str:
    """The text embedded for a claim: its subject, then the clause around the figure.

    The subject comes first, in the same canonical English words for every script,
    so that "H20 memory" in a Chinese sentence lands near "H20 memory" in an English
    one. Numbers are masked: matching is about what is measured, not the value.
    """
    left, right = clause
    if right - left < 24:  # a bare "占總營收約13%" needs its neighbours to be understood
        left, right = left - 40, right + 40
    left, right = max(left, q_start - CONTEXT_REACH, 0), min(right, q_end + CONTEXT_REACH)
    # Figures of the same kind around this one ("120W wired and 50W wireless") each
    # own the words up to the next: the context must not describe the neighbour.
    for start, end in siblings:
        if end <= q_start:
            left = max(left, end)
        elif start >= q_end:
            right = min(right, start)
    text = sentence[left:q_start] + " # " + sentence[q_end:right]
    return f"{subject}: " + " ".join(to_simplified(mask_numbers(text)).split())


# --- claims ----------------------------------------------------------------------


@lru_cache(maxsize=64)
def _brackets(sentence: str) -> list[tuple[int, int, int]]:
    """Each bracketed aside: (start, end, where the text before it ends, spaces left out)."""
    found = []
    for m in _BRACKETED.finditer(sentence):
        before = m.start()
        while before and sentence[before - 1].isspace():
            before -= 1
        found.append((m.start(), m.end(), before))
    return found


_PERIOD_END = re.compile(r"\s*(?:截至|截止|截到|至|ended\b|ending\b|through\b|to\b)", re.I)
_SINCE_AFTER = re.compile(r"[^，。,;；、]{0,6}?(?:以来|以來)")
_SINCE_BEFORE = re.compile(r"(?:\bsince|自从|自從|自)\s*$", re.IGNORECASE)
# a clause that gives a cause ("由于4月禁令导致库存滞销", "due to the April ban"): its
# time is the cause's, not that of a figure in another clause
_CAUSE_CLAUSE = re.compile(
    r"\s*(?:由于|由於|因为|因為|受到|随着|隨著|because\b|due to\b|owing to\b|following\b|amid\b)",
    re.IGNORECASE,
)


def _time_for(
    scopes: list[TimeScope], clause: tuple[int, int], q_start: int, sentence: str
) -> str | None:
    """The time scope that governs a quantity.

    Preference, in order: inside the quantity's clause; not an aside in brackets
    ("2025年第一季 (截至4月27日)": the quarter, not the cut-off day); not in another
    clause that gives a cause ("2025年第一季度，由于4月禁令导致…，亏损55亿"); absolute rather
    than relative ("8月19日" over "今年"); then the nearest.
    """
    if not scopes:
        return None
    ends = {scope.end for scope in scopes}
    # "週二(8月19日)": a bracket that spells out the time just before it restates it; other
    # brackets ("2025年第一季 (截至4月27日)") are asides, and so is one that gives the end of
    # the period before it ("Q1 (ended 27 April)"): the figure is the period's
    asides = [
        (a, b) for a, b, before in _brackets(sentence)
        if before not in ends or _PERIOD_END.match(sentence, a + 1)
    ]  # fmt: skip

    def rank(scope: TimeScope) -> tuple[bool, bool, bool, bool, bool, bool, int]:
        in_clause = clause[0] <= scope.start and scope.end <= clause[1]
        in_aside = any(a <= scope.start and scope.end <= b for a, b in asides)
        in_cause = not in_clause and _CAUSE_CLAUSE.match(
            sentence, clause_bounds(sentence, scope.start, scope.end)[0]
        ) is not None
        relative = time_grain(scope.label) is None
        # "今年4月份以来的最大跌幅", "the biggest drop since April": a baseline to compare
        # with, not when the figure happened
        baseline = bool(
            _SINCE_AFTER.match(sentence, scope.end)
            or _SINCE_BEFORE.search(sentence, max(0, scope.start - 12), scope.start)
        )
        # "由9月的4.4%升至4.6%": a time joined by 的 to another figure is that figure's
        owned = _OWNED_BY_FIGURE.match(sentence, scope.end)
        elsewhere = owned is not None and owned.start(1) != q_start
        return (
            not in_clause, elsewhere, baseline, in_aside, in_cause, relative,
            abs(scope.start - q_start),
        )  # fmt: skip

    return min(scopes, key=rank).label


_OWNED_BY_FIGURE = re.compile(r"\s*的\s*((?:[约約近逾超]|[0-9零〇一二两兩三四五六七八九十]))")


def _entities_for(
    mentions: list[tuple[int, int, str]],
    clause: tuple[int, int],
    q_start: int,
    sentence: str,
    fallback: str | None = None,
    starts: Sequence[int] | None = None,
) -> tuple[str | None, tuple[str, ...], bool]:
    """(primary entity, every entity, inferred?) for the quantity at ``q_start``.

    ``mentions`` are in order of their starts; ``starts`` (those starts, once per
    sentence) finds the clause's own without a scan of the sentence's every mention."""
    starts = [m[0] for m in mentions] if starts is None else starts
    window = mentions[bisect_left(starts, clause[0]) : bisect_right(starts, clause[1])]
    in_clause = [m for m in window if m[1] <= clause[1]]
    # A clause that names nobody may be about anyone in the sentence, so it keeps them
    # all (a weaker "overlap" match). A pronoun ("but it carries 96GB") points at the
    # sentence's subject, which news style puts first.
    pronoun = _PRONOUN.search(sentence[clause[0] : clause[1]]) is not None
    if not in_clause and fallback and _PRONOUN.match(sentence.lstrip()):
        # "It carries 96GB, more than the H100": "it" is the previous sentence's subject
        return fallback, (fallback,), True
    pool = in_clause or (mentions[:1] if pronoun else mentions)
    if not pool:
        # A sentence naming nobody ("Data-center revenue came to $2.91 billion", "It is
        # rated at 750W") is about the previous sentence's subject or the article's.
        return (fallback, (fallback,), True) if fallback else (None, (), False)
    before = [m for m in pool if m[1] <= q_start]
    primary = (before[-1] if before else pool[0])[2]
    names = tuple(sorted({m[2] for m in pool}))
    return primary, names, False


def subject_text(
    entity: str | None, metric: str | None, kind: str, qualifier: str | None = None
) -> str:
    what = metric or kind.replace("_", " ")
    if qualifier and metric:
        what = f"{qualifier} {what}"
    return f"{entity} {what}" if entity else what


def known_names(text: str) -> frozenset[str]:
    """Names the article uses mid-sentence, so that "Lumora shares jumped" counts too."""
    return frozenset(name for _, _, name in _proper_names(text))


def article_topic(text: str, aliases: Aliases, known: frozenset[str] = frozenset()) -> str | None:
    """The entity an article names most often, if it clearly leads (its topic)."""
    # products (names with digits) are often the subject of a sentence, rarely of a story
    counts = Counter(
        name
        for _, _, name in find_entities(text, aliases, known)
        if not any(c.isdigit() for c in name)
    )
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    # a tie, or a name said once or twice, is no topic
    return top if n >= 3 and (not rest or n > rest[0][1]) else None


@dataclass(frozen=True)
class ArticleContext:
    """What a whole article tells about its sentences: its names and its topic."""

    aliases: Aliases  # the shared table plus the names this page declares
    known: frozenset[str]  # capitalised names it uses mid-sentence
    topic: str | None


def article_context(source: Source, aliases: Aliases | None = None) -> ArticleContext:
    aliases = aliases or default_aliases()
    own = document_aliases(source.text)
    if own:
        aliases = aliases.extended(own)
    known = known_names(source.text)
    return ArticleContext(aliases, known, article_topic(source.text, aliases, known))


def source_topic(source: Source, aliases: Aliases | None = None) -> str | None:
    """What a source is mainly about (see ``article_topic``), with the aliases it declares."""
    return article_context(source, aliases).topic


def _outside_names(quantities: list[Quantity], folded: str) -> list[Quantity]:
    """The quantities less any figure in Han numerals wholly inside a name of the shared
    alias table: 百度 is Baidu, not 100; 三星 is Samsung. Only that table: names guessed
    from a page's own wording (an ending such as 手机) may swallow a real count
    ("三款手机"). The sentence is searched for names once, and only when it has such a
    figure (a long line holds thousands of figures)."""
    if all(q.surface.isascii() for q in quantities):
        return quantities
    names = default_aliases().find(folded)  # in order, never overlapping
    starts = [start for start, _, _ in names]

    def inside(q: Quantity) -> bool:
        k = bisect_right(starts, q.start) - 1  # the one name that can hold it
        return k >= 0 and q.end <= names[k][1]

    return [q for q in quantities if q.surface.isascii() or not inside(q)]


def claims_in_sentence(
    source: Source,
    sentence: Sentence,
    first_index: int,
    aliases: Aliases,
    mentions: list[tuple[int, int, str]],
    fallback: str | None = None,
    scopes: list[TimeScope] | None = None,
    narrative_day: str | None = None,
    folded: str | None = None,
) -> list[Claim]:
    if is_boilerplate(sentence.text):
        return []
    quantities = extract_quantities(sentence.text)
    if not quantities:
        return []
    scopes = sorted(
        find_time_scopes(sentence.text) if scopes is None else scopes, key=lambda s: s.start
    )
    folded = _fold(sentence.text) if folded is None else folded
    if len(folded) != len(sentence.text):  # rare: keep offsets meaningful
        folded = sentence.text.lower()
    entity_words = frozenset(
        {folded[s:e] for s, e, _ in mentions if e > s} | {name.lower() for _, _, name in mentions}
    )
    quantities = _outside_names(claims_only(sentence.text, quantities), folded)
    by_kind: dict[str, list[Quantity]] = {}
    for q in quantities:
        by_kind.setdefault(q.kind, []).append(q)
    kind_starts = {kind: [q.start for q in members] for kind, members in by_kind.items()}
    scope_starts = [scope.start for scope in scopes]
    mention_starts = [m[0] for m in mentions]  # find_entities gives them in order
    claims = []
    for offset, quantity in enumerate(quantities):
        clause = clause_bounds(sentence.text, quantity.start, quantity.end)
        # figures of its kind near enough to shape its context (all of them in a sentence
        # of ordinary length; in a 100 KB line without punctuation, not every figure)
        kind = quantity.kind
        siblings = _near(by_kind[kind], kind_starts[kind], quantity, CONTEXT_REACH + 60)
        near_scopes = _near(scopes, scope_starts, quantity, TIME_REACH)
        entity, entities, inferred = _entities_for(
            mentions, clause, quantity.start, sentence.text, fallback, mention_starts
        )
        # the metric word is looked for in the clause, or within METRIC_REACH of the figure
        # when the clause runs on (a transcript line of 100 KB is one "clause")
        window = (
            max(clause[0], quantity.start - METRIC_REACH),
            min(clause[1], quantity.end + METRIC_REACH),
        )
        folded_clause = folded[window[0] : window[1]]
        metric, qualifier = metric_for(
            quantity,
            folded_clause,
            quantity.start - window[0],
            quantity.end - window[0],
            entity_words,
        )
        if len(by_kind[quantity.kind]) > 1 and qualifier is None:
            # "120W wired and 50W wireless": the word after each figure tells them apart
            qualifier = _word_after(folded, quantity.end, entity_words)
        absolute = _shift(quantity, sentence.start)
        subject = subject_text(entity, metric, quantity.kind, qualifier)
        claims.append(
            Claim(
                id=f"{source.id}:c{first_index + offset + 1}",
                source_id=source.id,
                sentence=sentence,
                quantity=absolute,
                subject=subject,
                entity=entity,
                metric=metric,
                time=_time_for(near_scopes, clause, quantity.start, sentence.text)
                or (narrative_day if metric in lexicon.VOLATILE_METRICS else None),
                context=claim_context(
                    sentence.text,
                    clause,
                    quantity.start,
                    quantity.end,
                    subject,
                    [(q.start, q.end) for q in siblings],
                ),
                lang=sentence.lang,
                entities=entities,
                entities_inferred=inferred,
                qualifier=qualifier,
                line=line_of(source.text, absolute.start),
            )
        )
    return claims


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` in ``text``."""
    return bisect_right(_line_starts(text), offset)


@lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


# How far a metric word may stand from its figure inside one clause (ordinary clauses are
# far shorter; see claims_in_sentence)
METRIC_REACH = 300
# How far (in characters) a time phrase can stand from a figure and still date it; only
# matters in sentences longer than twice this, which ordinary prose never is.
TIME_REACH = 400

_Spanned = TypeVar("_Spanned", Quantity, TimeScope)


def _near(
    items: Sequence[_Spanned], starts: Sequence[int], q: Quantity, reach: int
) -> list[_Spanned]:
    """``items`` (sorted by start, ``starts`` theirs) within ``reach`` characters of ``q``,
    ``q`` itself left out."""
    lo = bisect_left(starts, q.start - reach - 1000)  # the widest item allowed (1000 chars)
    hi = bisect_right(starts, q.end + reach)
    return [
        item for item in items[lo:hi]
        if item is not q and item.end >= q.start - reach and item.start <= q.end + reach
    ]  # fmt: skip


def _shift(quantity: Quantity, by: int) -> Quantity:
    from dataclasses import replace

    return replace(quantity, start=quantity.start + by, end=quantity.end + by)


class ExtractionError(Exception):
    """Extraction failed on one sentence of a source (a bug in a parser, not in the input)."""

    def __init__(self, line: int, cause: Exception) -> None:
        super().__init__(f"line {line}: {type(cause).__name__}: {cause}")
        self.line = line
        self.cause = cause


def extract_claims(
    source: Source, aliases: Aliases | None = None, context: ArticleContext | None = None
) -> list[Claim]:
    """Every claim in one source, in reading order, with ids "<source>:c1", "…:c2"…"""
    context = context or article_context(source, aliases)
    aliases, known, topic = context.aliases, context.known, context.topic
    claims: list[Claim] = []
    previous_subject: str | None = None
    # Market reports set the day once ("On April 16, ...") and then give the moves:
    # a share-price figure without a day takes the day named in the last few sentences.
    narrative_day: str | None = None
    since_day = NARRATIVE_REACH + 1
    for sentence in split_sentences(source.text):
        folded = _fold(sentence.text)
        mentions = find_entities(sentence.text, aliases, known, folded)
        scopes = find_time_scopes(sentence.text)
        # "It is rated at 750W." follows the sentence that named "it"
        opens_with_pronoun = _PRONOUN.match(sentence.text.lstrip()) is not None
        fallback = previous_subject if opens_with_pronoun and previous_subject else topic
        day = narrative_day if since_day <= NARRATIVE_REACH else None
        try:
            claims.extend(
                claims_in_sentence(
                    source, sentence, len(claims), aliases, mentions, fallback, scopes, day, folded
                )
            )
        except Exception as error:  # a parser bug on one sentence must name where it was
            line = line_of(source.text, sentence.start)
            raise ExtractionError(line, error) from error
        if mentions:
            previous_subject = mentions[0][2]
        days = [s.label for s in scopes if time_grain(s.label) == "day"]
        if days:
            narrative_day, since_day = days[-1], 0
        since_day += 1
    claims = _yuan_from_article(source, _currency_from_body(claims))
    return _degrees_from_article(source, _dollars_from_article(source, claims))


# Whose dollars a bare "$" is: the Australian, New Zealand, Canadian and Singapore papers
# write their own dollars "$4.2 billion" (A$, NZ$, C$, S$ only for foreign readers), and the
# parser sees one sentence and reads US dollars. An English article naming one of those
# countries (its cities, its central bank, its exchange) more often than the United States
# means its dollars; "US$" stays American.
_DOLLAR_PLACES = {
    "AUD": re.compile(
        r"\bAustralia(?:n|ns)?\b|\bSydney\b|\bMelbourne\b|\bBrisbane\b|\bPerth\b|\bAdelaide\b"
        r"|\bCanberra\b|\bHobart\b|\bQueensland\b|\bNew South Wales\b|\bNSW\b|\bTasmania\b"
        r"|\bRBA\b|\bASX\b|\bCentrelink\b"
    ),
    "NZD": re.compile(
        r"\bNew Zealand(?:ers?)?\b|\bAuckland\b|\bWellington\b|\bChristchurch\b|\bRBNZ\b"
        r"|\bNZX\b|\bAotearoa\b|\bWaikato\b|\bOtago\b|\bCanterbury\b"
    ),
    "CAD": re.compile(
        r"\bCanad(?:a|ian|ians)\b|\bOttawa\b|\bToronto\b|\bMontreal\b|\bVancouver\b"
        r"|\bCalgary\b|\bEdmonton\b|\bAlberta\b|\bOntario\b|\bQuebec\b|\bManitoba\b"
        r"|\bSaskatchewan\b|\bBritish Columbia\b|\bNova Scotia\b|\bTSX\b"
    ),
    "SGD": re.compile(r"\bSingapore(?:an|ans)?\b|\bHDB\b|\bCPF\b|\bMAS\b"),
}
_AMERICA = re.compile(
    r"\bU\.S\.|\bUS\b|\bUnited States\b|\bAmerican\b|\bWashington\b|\bFederal Reserve\b"
    r"|\bWall Street\b|\bNew York\b|\bCalifornia\b|\bTexas\b"
)
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z.])\$|\bcents?\b|\dc\b")
_NAMED_DOLLAR = re.compile(r"\b(?:US|U\.S\.|American)\s?(?:\$|dollars?)", re.IGNORECASE)


# the same paper's own dollars written out for once ("an initial NZ$15 million package, with
# a further $5m for farmers"): each such mention counts as much as three place names
_PREFIXED_DOLLARS = {
    "AUD": re.compile(r"(?<![A-Za-z])(?:A|AU|AUD)\s?\$"),
    "NZD": re.compile(r"(?<![A-Za-z])(?:NZ|NZD)\s?\$"),
    "CAD": re.compile(r"(?<![A-Za-z])(?:C|CA|CAD|Can)\s?\$"),
    "SGD": re.compile(r"(?<![A-Za-z])(?:S|SG|SGD)\s?\$"),
}


def _dollar_place(text: str) -> str | None:
    counts = {
        iso: len(pattern.findall(text)) + 3 * len(_PREFIXED_DOLLARS[iso].findall(text))
        for iso, pattern in _DOLLAR_PLACES.items()
    }
    iso, most = max(counts.items(), key=lambda item: item[1])
    if most == 0 or list(counts.values()).count(most) > 1:
        return None
    return iso if most > len(_AMERICA.findall(text)) else None


def _dollars_from_article(source: Source, claims: list[Claim]) -> list[Claim]:
    from dataclasses import replace

    def bare(q: Quantity) -> bool:
        return (
            q.kind == "money" and q.unit == "USD" and _BARE_DOLLAR.search(q.surface) is not None
            and _NAMED_DOLLAR.search(q.surface) is None
        )  # fmt: skip

    if not any(bare(c.quantity) for c in claims):
        return claims
    place = _dollar_place(source.text)
    if place is None:
        return claims
    return [
        replace(c, quantity=replace(c.quantity, unit=place)) if bare(c.quantity) else c
        for c in claims
    ]


# Which scale an article's bare "degrees" are in (quantities.UNSCALED_DEGREES): what else it
# writes. An American weather story gives miles, inches and mph; a Celsius one km/h and
# millimetres. A named scale counts three times; with neither, the figures stay counts.
_FAHRENHEIT_SIGNS = re.compile(
    r"(?P<named>°\s*F\b|℉|Fahrenheit)|\bmph\b|\binch(?:es)?\b|\bmiles?\b|\bfeet\b|\bgallons?\b"
    r"|\bacres?\b|National Weather Service",
)
_CELSIUS_SIGNS = re.compile(
    r"(?P<named>°\s*C\b|℃|Celsius|centigrade)|km/h|\bkph\b|\bmillimet|\bcentimet|\bkilomet"
    r"|\bkm\b|\bmm\b|Met Office|Bureau of Meteorology|\bmetres\b",
)


def _scale_signs(pattern: re.Pattern[str], text: str) -> int:
    return sum(3 if m.group("named") else 1 for m in pattern.finditer(text))


def _degrees_from_article(source: Source, claims: list[Claim]) -> list[Claim]:
    from dataclasses import replace

    from .quantities import UNSCALED_CHANGE, UNSCALED_DEGREES

    unscaled = (UNSCALED_DEGREES, UNSCALED_CHANGE)
    if not any(c.quantity.unit in unscaled for c in claims):
        return claims
    fahrenheit = _scale_signs(_FAHRENHEIT_SIGNS, source.text)
    celsius = _scale_signs(_CELSIUS_SIGNS, source.text)
    out = []
    for claim in claims:
        q = claim.quantity
        if q.unit in unscaled:
            q = _scaled(q, "F" if fahrenheit > celsius else "C" if celsius > fahrenheit else None)
            claim = replace(claim, quantity=q)
        out.append(claim)
    return out


def _scaled(q: Quantity, scale: str | None) -> Quantity:
    from dataclasses import replace

    from .quantities import UNSCALED_CHANGE

    if scale is None:  # no sign of either scale: the number as a count, as before
        return replace(q, kind="count", unit="")
    if scale == "C":
        return replace(q, unit="C")
    offset = 0.0 if q.unit == UNSCALED_CHANGE else 32.0

    def celsius(x: float | None) -> float | None:
        return None if x is None else (x - offset) * 5 / 9

    return replace(
        q, unit="C", value=celsius(q.value), low=celsius(q.low), high=celsius(q.high),
        tolerance=q.tolerance * 5 / 9,
    )  # fmt: skip


# The currencies a bare 元 may stand for, by the markers an article names them with. Taiwan
# and Hong Kong papers name the currency once ("新台幣4,215億元", "港元拆息") and then write
# 元 alone; the parser sees one sentence and would read those as yuan.
_YUAN_MARKERS = re.compile(
    r"(?P<TWD>新台[币幣]|新臺幣|[台臺][币幣]|NT\$|\bTWD\b|\bNTD\b)"
    r"|(?P<HKD>港元|港[币幣]|HK\$|\bHKD\b)"
    r"|(?P<MOP>澳[门門][币幣元]|\bMOP\b)"
    r"|(?P<CNY>人民[币幣]|\bRMB\b|\bCNY\b)"
)
_EXPLICIT_YUAN = re.compile(r"人民|RMB|CNY|[¥￥]", re.IGNORECASE)


# Where a Traditional-Chinese article that never names its currency is from: its bare 元
# are Hong Kong or Taiwan dollars, not yuan (mainland papers write Simplified)
# Words only Hong Kong or Taiwan papers write, places and institutions most of all: 本港
# and 全港 ("this port", "all Hong Kong") are how the Hong Kong press names its own city
_HONG_KONG = re.compile(
    r"香港|本港|全港|港島|九龍|新界|港府|特區政府|立法會|金管局|港鐵|恒指|恒生|港股|港交所|"
    r"天文台|將軍澳|元朗|沙田|屯門|荃灣|觀塘|旺角|中環|灣仔|銅鑼灣|尖沙咀|黃大仙|深水埗|"
    r"大埔|西貢|東涌|葵涌|差餉|強積金|綜援|居屋|公屋|私樓|"
    # and how its financial pages write: 按年 (Taiwan: 年增), 每股盈利 (每股盈餘), 呎價, 18仙
    r"按年|按季|按月|每股盈利|派息|末期息|中期息|呎價|呎租|平方呎|\d仙|"
    # and its courts and departments (判囚, 押後: Hong Kong's legal Chinese)
    r"區域法院|裁判法院|高等法院|終審法院|律政司|廉署|廉政公署|判囚|押後|勞工處|房委會|"
    r"房屋署|運輸署|衞生署|醫管局|食環署|警務處|入境處|財政司|預算案|印花稅|維港|港超聯"
)
_TAIWAN = re.compile(
    r"台灣|臺灣|全台|台北|臺北|新北|桃園|台中|臺中|台南|臺南|高雄|新竹|基隆|嘉義|彰化|屏東|"
    r"宜蘭|花蓮|台東|臺東|苗栗|南投|雲林|澎湖|金門|行政院|立法院|金管會|中央社|衛福部|健保"
)
# a mainland story retold in Traditional characters (a Taiwan or Hong Kong paper's rewrite
# of 浙江省 news keeps its yuan): provinces and the mainland's own institutions
_MAINLAND = re.compile(r"省政府|[^台臺灣]省|自治[區区]|國務院|国务院|人民幣")


def _place_currency(source: Source) -> str | None:
    if source.lang != "zh-Hant":
        return None
    hong_kong, taiwan = len(_HONG_KONG.findall(source.text)), len(_TAIWAN.findall(source.text))
    if hong_kong == taiwan or len(_MAINLAND.findall(source.text)) > max(hong_kong, taiwan):
        return None
    return "HKD" if hong_kong > taiwan else "TWD"


def _yuan_from_article(source: Source, claims: list[Claim]) -> list[Claim]:
    """A bare 元 takes the yuan-family currency the article last named before it; in a
    Traditional-Chinese article that names none, that of the place it reports from."""
    from dataclasses import replace

    if not any(_bare_yuan(c.quantity) for c in claims):
        return claims
    text = source.text
    # A currency named in brackets converts the figure before it ("18.98萬元人民幣（約新台幣
    # 83.5萬元）"): it names the bracket's own figures, not the article's later 元
    brackets = [m.span() for m in CONVERSION_BRACKET.finditer(text)]
    bracket_starts = [start for start, _ in brackets]

    def bracket_of(at: int) -> tuple[int, int] | None:
        k = bisect_right(bracket_starts, at) - 1
        return brackets[k] if k >= 0 and at < brackets[k][1] else None

    marks = [
        (m.start(), m.lastgroup, bracket_of(m.start())) for m in _YUAN_MARKERS.finditer(text)
    ]
    starts = [at for at, _, _ in marks]
    place = _place_currency(source)
    out = []
    for claim in claims:
        q = claim.quantity
        if _bare_yuan(q):
            before = bisect_right(starts, q.start) - 1
            own = bracket_of(q.start)
            while before >= 0 and marks[before][2] is not None and marks[before][2] != own:
                before -= 1
            currency = marks[before][1] if before >= 0 else place
            if currency and currency != q.unit:
                claim = replace(claim, quantity=replace(q, unit=currency))
        out.append(claim)
    return out


def _bare_yuan(q: Quantity) -> bool:
    return (
        q.kind == "money"
        and q.unit == "CNY"
        and any(ch in q.surface for ch in "元块塊")
        and not _EXPLICIT_YUAN.search(q.surface)
    )


# "市值蒸發1550億" in a headline, "市值蒸發超過1550億美元" in the body: a scaled amount
# written without its currency takes the currency of the same amount elsewhere on the page
_SCALED = re.compile(r"[万萬亿億兆]|million|billion|trillion|\bbn\b|\bmn\b", re.IGNORECASE)
_COUNTED_AFTER = re.compile(r"\s*(?:[A-Za-z]|[\u4e00-\u9fff](?<![的,，。]))")


def _value_key(value: float) -> float:
    return float(f"{value:.9g}")  # equal as written: 1550億 and 1550億美元


def _currency_from_body(claims: list[Claim]) -> list[Claim]:
    from dataclasses import replace

    units_by_value: dict[float, set[str]] = {}
    for c in claims:
        if c.quantity.kind == "money" and c.quantity.value:
            units_by_value.setdefault(_value_key(c.quantity.value), set()).add(c.quantity.unit)
    if not units_by_value:
        return claims
    out = []
    for claim in claims:
        q = claim.quantity
        text = claim.sentence.text
        end = q.end - claim.sentence.start
        counted = _COUNTED_AFTER.match(text, end)  # "5,700 万人", "57 million people": a count
        value = q.value
        scaled = value is not None and value >= 1e4 and _SCALED.search(q.surface)
        if q.kind == "count" and value is not None and scaled and not counted:
            same = units_by_value.get(_value_key(value), set())
            if len(same) == 1:
                claim = replace(claim, quantity=replace(q, kind="money", unit=next(iter(same))))
        out.append(claim)
    return out


# How many sentences on a day named once still governs market figures.
NARRATIVE_REACH = 3
