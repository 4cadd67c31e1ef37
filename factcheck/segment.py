"""Sentence splitting, per-sentence language and page-furniture detection.

Offsets are code points into the text given (``Source.text``); nothing here changes
the text, so ``text[s.start:s.end] == s.text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.model import Lang, Sentence

if TYPE_CHECKING:  # opencc is imported lazily: it loads dictionaries on first use
    import opencc

MAX_SENTENCE = 400  # longer sentences are split again at ';'

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Scripts we do not handle (kana, Hangul, Cyrillic, Greek, Arabic, ...): their letters
# make a sentence "other" when they outnumber the rest.
_OTHER_RE = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff"
    r"\u3040-\u30ff\uac00-\ud7af]"
)
HAN_WEIGHT = 2  # one Han character carries about as much as one English word

# ---------------------------------------------------------------- sentence splitting

_CLOSERS = "\"'”’」』）)】》〉]"
_OPENERS = "\"'“‘「『（(【《〈["
# A Chinese terminator always ends a sentence, with any closing quotes/brackets after it.
_ZH_END = re.compile(f"[。！？；]+[{re.escape(_CLOSERS)}]*")
# English terminator + closers, then whitespace and a capital / CJK / opening quote.
_EN_END = re.compile(
    f"[.!?]+[{re.escape(_CLOSERS)}]*(?=\\s+(?:[A-Z{_HAN}]|[{re.escape(_OPENERS)}])|\\s*$)"
)
# Half-width !/? glued to a Han character or CJK opening quote: Taiwanese/HK pages
# type these in Chinese text.
_BANG_HAN = re.compile(f"[!?]+[{re.escape(_CLOSERS)}]*(?=[{_HAN}「『【《])")
# "ecosystem.The": a lost space after a full stop (common in scraped text).
_GLUED = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")
_LINE = re.compile(r"[^\n]+")
_HAS_WORD = re.compile(r"\w")
_SEMI = re.compile(r";\s+")


def _words(block: str) -> list[str]:
    """Whitespace-separated entries of a data block (keeps the tables compact)."""
    return block.split()


def _lines(block: str) -> list[str]:
    """Non-empty lines of a data block (entries that contain spaces)."""
    return [line.strip() for line in block.splitlines() if line.strip()]


_ABBREV = frozenset(
    _words(
        """
    mr mrs ms dr prof sr jr st mt ft inc corp co ltd llc plc bros dept univ gov govt sen rep
    gen col lt sgt capt cmdr adm rev hon pres no nos vs v al fig figs vol vols pp ch sec
    art approx est ca cf jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu
    thurs fri sat sun ave blvd rd hwy mln bln bn tn
    """
    )
)
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")  # U.S., e.g., a.m.
_LAST_TOKEN = re.compile(r"[\w.]+$")
_TOKEN_REACH = 64  # no abbreviation is longer


def _is_abbreviation(line: str, dot: int) -> bool:
    """Is the '.' at ``line[dot]`` part of an abbreviation rather than a full stop?"""
    # look back a bounded way: a search from the line's start costs the whole line per dot
    m = _LAST_TOKEN.search(line, max(0, dot - _TOKEN_REACH), dot + 1)
    if not m:
        return False
    token = m.group(0)
    if _DOTTED.search(token):
        return True
    word = token.rstrip(".").rsplit(".", 1)[-1]
    if len(word) == 1 and word.isupper():  # an initial: "Jensen H. Huang"
        return True
    return word.lower() in _ABBREV


def _cut_points(line: str) -> list[int]:
    """Offsets (within one line) where a sentence ends."""
    cuts = {m.end() for m in _ZH_END.finditer(line)}
    cuts.update(m.end() for m in _BANG_HAN.finditer(line))
    cuts.update(m.end() for m in _GLUED.finditer(line))
    for m in _EN_END.finditer(line):
        if m.group(0).rstrip(_CLOSERS) == "." and _is_abbreviation(line, m.start()):
            continue
        cuts.add(m.end())
    return sorted(cuts)


def _spans(text: str) -> Iterable[tuple[int, int]]:
    """Stripped, non-empty (start, end) spans of sentences in order."""
    for line in _LINE.finditer(text):
        base, body = line.start(), line.group(0)
        prev = 0
        for cut in [*_cut_points(body), len(body)]:
            if cut > prev:
                yield from _strip_span(text, base + prev, base + cut)
                prev = cut


def _strip_span(
    text: str, start: int, end: int, split_long: bool = True
) -> Iterable[tuple[int, int]]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    if trail <= lead or not _HAS_WORD.search(piece):
        return  # whitespace or bare punctuation is not a sentence
    start, end = start + lead, start + trail
    semis = list(_SEMI.finditer(text, start, end)) if split_long else []
    if end - start <= MAX_SENTENCE or not semis:
        yield start, end
        return
    # Very long: split again after half-width semicolons (full-width ones already split).
    prev = start
    for m in semis:
        yield from _strip_span(text, prev, m.start() + 1, split_long=False)
        prev = m.end()
    yield from _strip_span(text, prev, end, split_long=False)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of ``text``, as split_sentences cuts them."""
    return list(_spans(text))


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets and a language each."""
    spans = list(_spans(text))
    page_hant = _script_balance(_HAN_RE.findall(text)) > 0
    out = []
    for start, end in spans:
        piece = text[start:end]
        out.append(Sentence(start, end, piece, _lang_of(piece, page_hant)))
    return out


# ---------------------------------------------------------------- language

_converters: dict[str, opencc.OpenCC] = {}


def _converter(config: str) -> opencc.OpenCC:
    conv = _converters.get(config)
    if conv is None:
        import opencc

        conv = _converters[config] = opencc.OpenCC(config)
    return conv


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Traditional -> Simplified (opencc t2s), for matching only: lengths may differ."""
    return str(_converter("t2s").convert(text))


# Per-character evidence: >0 Traditional-only, <0 Simplified-only, 0 shared.
_char_score: dict[str, float] = {}


def _in_charset(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _learn_chars(chars: set[str]) -> None:
    """Classify unseen Han characters with one opencc call per direction."""
    new = sorted(chars - _char_score.keys())
    if not new:
        return
    # One char per line so opencc cannot match multi-character phrases.
    joined = "\n".join(new)
    to_s = _converter("t2s").convert(joined).split("\n")
    to_t = _converter("s2t").convert(joined).split("\n")
    if len(to_s) != len(new) or len(to_t) != len(new):  # never seen; be safe
        to_s = [_converter("t2s").convert(c) for c in new]
        to_t = [_converter("s2t").convert(c) for c in new]
    for ch, s, t in zip(new, to_s, to_t, strict=True):
        score = 0.0
        # A character valid in the other script's charset (后, 台, 著) is weak evidence.
        if s != ch:
            score += 0.25 if _in_charset(ch, "gb2312") else 1.0
        if t != ch:
            score -= 0.25 if _in_charset(ch, "big5") else 1.0
        _char_score[ch] = score


def _script_balance(han: list[str]) -> float:
    """Positive: Traditional; negative: Simplified; 0: no evidence either way."""
    if not han:
        return 0.0
    _learn_chars(set(han))
    return sum(_char_score[c] for c in han)


def _lang_of(text: str, page_hant: bool | None = None) -> Lang:
    han = _HAN_RE.findall(text)
    han_w = HAN_WEIGHT * len(han)
    latin = len(_LATIN_RE.findall(text))
    other = len(_OTHER_RE.findall(text))
    if max(han_w, latin, other) == 0 or other > max(han_w, latin):
        return "other"
    if latin > han_w:
        return "en"
    balance = _script_balance(han)
    if balance == 0:
        return "zh-Hant" if page_hant else "zh-Hans"
    return "zh-Hant" if balance > 0 else "zh-Hans"


def detect_lang(text: str) -> Lang:
    """ "en", "zh-Hans", "zh-Hant" or "other" by letter majority (Han counts double)."""
    return _lang_of(text)


def letter_weight(text: str) -> int:
    """How much text a sentence carries for deciding a page's dominant language."""
    return HAN_WEIGHT * len(_HAN_RE.findall(text)) + len(_LATIN_RE.findall(text))


# ---------------------------------------------------------------- boilerplate

# Matched against the folded sentence (simplified, lower case, outer punctuation stripped).
_BOILER_EXACT = frozenset(
    _lines(
        """
        placeholder
        gotop
        quote
        comments
        comment
        share
        advertisement
        ad
        sponsored
        related
        recommended
        no comments yet
        leave a comment
        back to top
        read more
        related articles
        related stories
        sign up
        log in
        sign in
        load more
        show more
        most popular
        you may also like
        share this article
        作者
        评论
        广告
        分享
        相关阅读
        推荐阅读
        返回顶部
        点击展开
        展开全文
        阅读全文
        """
    )
)
# Phrases that mark a sentence as furniture wherever they appear.
_BOILER_PHRASES = re.compile(
    "|".join(
        map(
            re.escape,
            _lines(
                """
                subscribe to our newsletter
                sign up for our newsletter
                read our newsletter
                our newsletter
                to your inbox
                we use cookies
                this site uses cookies
                cookie policy
                accept cookies
                accept all cookies
                privacy policy
                all rights reserved
                not financial advice
                not investment advice
                for informational purposes only
                past performance is not indicative
                no comments yet
                be the first to comment
                click here to
                follow us on
                免责声明
                本平台仅提供信息存储服务
                仅供参考
                不构成投资建议
                版权所有
                转载请注明
                未经授权
                点击关注
                扫码关注
                关注我们
                过去的表现并不预示
                投资有风险
                本文不代表
                责任编辑
                暂无评论
                订阅我们
                订阅电子报
                过往业绩不代表
                您可能也喜欢
                猜你喜欢
                法律声明
                """
            ),
        )
    )
)
# Short lines that only carry these words are furniture: "AInvest Newsletter".
_BOILER_WORDS = re.compile(
    r"\b(?:newsletters?|subscribe|subscription|cookies?|advertisement|sponsored|comments?)\b|"
    r"广告|订阅|评论"
)
# "Join", "subscribe", "sign up", "扫码关注": a page asking the reader to do something.
_CALL_TO_ACTION = re.compile(
    r"\b(?:join|subscribe|sign up|signup|register|follow us|download|get our|scan)\b|"
    r"扫码|关注|订阅|加入|下载"
)
# A line that announces itself as an advertisement or promotion, whatever it says next.
_AD_LABEL = re.compile(
    r"^[\[(（【](?:ad|ads|advert|advertisement|sponsored|promoted|广告|推广|赞助)[\])）】]|"
    r"^(?:ad|ads|advert|advertisement|sponsored|promoted|partner content)\s*[:：|-]|"
    r"^(?:广告|推广|赞助)\s*[:：|]"
)
_BYLINE = re.compile(
    r"^(?:作者|文|记者|编辑|撰文|来源|出处|图片来源|图源|source|photo|image|credit)\s*[:：|]?\s*\S"
)
_BY_NAME = re.compile(r"^[Bb][Yy]\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|of))*\s*$")
# Dates, times and "3 hours ago": what is left after removing them must be empty.
_DATE_TOKENS = re.compile(
    r"\d+|[年月日号時时分秒点]|[周週][一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|"
    r"昨日|今日|昨天|今天|前天|小时|分钟|钟|天前|前|刚刚|更新|发布|发表|于|阅读|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:am|pm|a\.m|p\.m|gmt|utc|et|edt|est|bst)\b|"
    r"\b(?:hours?|mins?|minutes?|days?|ago|updated|published|read|posted|on|at)\b|"
    r"[\s\W_]",
    re.IGNORECASE,
)
_EDGE_PUNCT = re.compile(r"^[\s\W_]+|[\s\W_]+$")
_HAS_DIGIT_OR_TIME = re.compile(r"\d|昨|今|前天|ago|yesterday|today", re.IGNORECASE)


def is_boilerplate(sentence: str) -> bool:
    """Page furniture (disclaimers, newsletter plugs, bylines, bare dates), not content."""
    raw = sentence.strip()
    folded = _EDGE_PUNCT.sub("", to_simplified(raw).lower())
    if not folded:
        return True
    if folded in _BOILER_EXACT or _BOILER_PHRASES.search(folded):
        return True
    words = folded.split()
    if len(words) <= 16 and _CALL_TO_ACTION.search(folded) and _BOILER_WORDS.search(folded):
        return True  # "Join 50,000 readers of our daily newsletter."
    if _AD_LABEL.match(to_simplified(raw).lower()):
        return True  # "Ad: save 40% on cloud storage", "广告：买三送一"
    if len(words) <= 3 and len(folded) <= 40 and _BOILER_WORDS.search(folded):
        return True
    if len(folded) <= 40 and _BYLINE.match(folded):
        return True
    if len(raw) <= 60 and _BY_NAME.match(raw) and not any(ch.isdigit() for ch in raw):
        return True
    return _is_bare_date(folded)


def _is_bare_date(folded: str) -> bool:
    if len(folded) > 60 or not _HAS_DIGIT_OR_TIME.search(folded):
        return False
    return _DATE_TOKENS.sub("", folded) == ""
