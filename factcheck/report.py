"""The HTML report editors read: one self-contained, offline, inert HTML file.

Everything is computed here, in Python, into frozen view dataclasses
(:class:`ReportContext` and friends); the Jinja template only loops and branches.
Untrusted text (source text, titles, paths, subjects, reasons) only ever reaches the
page through Jinja's autoescaping: highlighting a figure splits a sentence into
``(before, figure, after)`` strings and the template escapes each piece. Our own CSS and
JS are static files, inlined verbatim and pinned by a Content-Security-Policy hash, so
the page loads nothing from the network and runs no script but its own.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

import jinja2
from markupsafe import Markup

from .confidence import DEFAULT_MIN_CONFIDENCE, confidence_words, is_strong
from .fileio import atomic_write_text
from .formatting import _fmt, describe_time, format_quantity
from .groups import agreement_groups, contradiction_groups
from .model import Claim, CompareResult, PairVerdict, Source

__all__ = [
    "Card",
    "Count",
    "Link",
    "Option",
    "Quote",
    "Reason",
    "ReportContext",
    "Segment",
    "SingleGroup",
    "SourceView",
    "Strip",
    "StripRow",
    "StripTick",
    "build_report_context",
    "clean_text",
    "format_quantity",
    "format_time",
    "render_html",
    "write_html",
]

TEMPLATES_DIR = Path(__file__).parent / "templates"

# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class Link:
    href: str  # "#card-..." / "#fig-..." (always an in-page fragment)
    text: str


@dataclass(frozen=True)
class Segment:
    """A run of a source's text in the source view; a figure when ``fig_id`` is set."""

    text: str
    fig_id: str | None = None
    card_href: str | None = None
    verdict: str = ""  # verdict of the card the figure links to
    title: str = ""  # tooltip: subject and normalised value


@dataclass(frozen=True)
class SourceView:
    id: str
    token: str  # id safe for data-sources / option values (no whitespace)
    anchor: str  # id of the source's section in the source view
    label: str  # title, else file name
    path: str
    title: str | None
    lang_attr: str  # BCP 47 for the lang attribute ("und" when mixed/unknown)
    lang_name: str
    encoding: str
    n_claims: int
    n_contradict: int  # claims of this source in a contradiction
    n_agree: int
    n_single: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Quote:
    claim_id: str
    source_id: str
    source_label: str
    lang_attr: str
    lang_name: str
    before: str
    figure: str  # the claim's surface, cleaned; the template wraps it in <mark>
    after: str
    value_text: str  # normalised value, human-formatted ("≥ 6%", "$12,000–15,000")
    interval_text: str  # bounds of an "about" figure, else ""
    subject: str  # shown only when it differs from the card's subject
    time: str
    fig_href: str  # link back to the figure in the source view
    also: tuple[Link, ...] = ()  # other cards this claim appears on


@dataclass(frozen=True)
class Reason:
    label: str  # "s1 ↔ s2"
    text: str
    score_text: str  # "similarity 0.82"
    confidence_text: str = ""  # "very likely the same claim (confidence 0.75)", or ""


@dataclass(frozen=True)
class StripRow:
    label: str
    y: int
    label_y: int
    value_y: int
    kind: str  # point / interval / lower / upper / none
    x: str  # "37.5%": the value (point) or the bound (lower/upper)
    x1: str  # bar start
    x2: str  # bar end
    has_dot: bool  # interval with a central value
    open_dot: bool  # exclusive bound ("more than")
    arrow: str  # "▶" / "◀" / ""
    arrow_x: str
    arrow_anchor: str
    value_label: str
    value_x: str
    value_anchor: str


@dataclass(frozen=True)
class StripTick:
    x: str
    label: str
    anchor: str


@dataclass(frozen=True)
class Strip:
    height: int
    rows: tuple[StripRow, ...]
    ticks: tuple[StripTick, ...]
    axis_y: int
    tick_y: int
    tick_label_y: int
    aria_label: str
    note: str  # "log scale" / ""


@dataclass(frozen=True)
class Card:
    id: str
    heading_id: str
    verdict: str  # contradict / agree / unclear / single
    verdict_label: str
    subject: str
    tags: tuple[str, ...]  # entity, metric, time
    quotes: tuple[Quote, ...]
    reasons: tuple[Reason, ...]
    strip: Strip | None
    strip_note: str  # why there is no strip ("different units"), else ""
    sources_attr: str  # "s1 s2"
    langs_attr: str  # "en zh-Hant"
    source_count_text: str  # "3 sources"
    # how sure the card's surest pair is one claim (None: pairs from an older report)
    confidence: float | None = None
    # in words, for the card: "Very likely the same claim (confidence 0.75)", or ""
    confidence_text: str = ""
    strength: str = ""  # contradictions: "strong" (fails CI) or "possible"; else ""
    more_quotes: str = ""  # past QUOTES_PER_CARD: how many figures the card does not quote


@dataclass(frozen=True)
class SingleGroup:
    source_id: str
    token: str
    label: str
    source_href: str  # "" when the source's text is not in the report
    cards: tuple[Card, ...]
    n: int  # figures of this source in one source only (cards may list fewer)


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Count:
    key: str  # contradict / agree / unclear / single
    number: int
    label: str  # "contradictions"


# Cards rendered per section at most. A folder of 10,000 articles has ~100,000 figures;
# an editor reads the contradictions, and a page of 100,000 cards does not open. The
# sections say how many they leave out; the JSON and CSV exports hold every claim.
CARD_LIMITS = {"contradict": 500, "agree": 200, "unclear": 100, "single": 100}
# Source texts on the page at most (those the cards quote, contradictions first), and
# quotes on one card: a wire story syndicated to 300 sites agrees 300 times.
SOURCE_TEXT_LIMIT = 300
QUOTES_PER_CARD = 12


@dataclass(frozen=True)
class ReportContext:
    title: str
    generated: str | None
    summary: str  # one-line reading
    sources: tuple[SourceView, ...]  # those whose text is on the page
    n_sources: int  # every source compared
    counts: tuple[Count, ...]
    n_claims: int
    n_cards: int
    contradictions: tuple[Card, ...]  # strong ones first, each tier surest first
    strong_contradictions: tuple[Card, ...]  # confidence at least min_confidence
    possible_contradictions: tuple[Card, ...]  # below it: shown, never a CI failure
    min_confidence_text: str  # "0.83"
    agreements: tuple[Card, ...]
    unclear: tuple[Card, ...]
    single_groups: tuple[SingleGroup, ...]
    n_single: int
    # cards of each section left out past CARD_LIMITS ("" when none): a sentence saying so
    left_out: dict[str, str]
    problems: tuple[str, ...]
    verdict_options: tuple[Option, ...]
    source_options: tuple[Option, ...]
    lang_options: tuple[Option, ...]


# ------------------------------------------------------------------ text hygiene

_BIDI_CONTROLS = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
# fmt: off
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
    "FS", "GS", "RS", "US",
)
# fmt: on
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _replace_unsafe(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if ch in _BIDI_CONTROLS:
        # made visible, so a reordering trick in a source is seen, not obeyed
        return f"[U+{code:04X}]"
    if code < 0x20:
        return f"[{_C0_NAMES[code]}]"  # [NUL] [BEL] [ESC] ...
    if code == 0x7F:
        return "[DEL]"
    return "\ufffd"  # C1 controls, lone surrogates


def clean_text(text: str) -> str:
    """Text safe to show: C0 controls (but \\n and \\t) shown as "[ESC]", CR as newline,
    explicit bidi overrides/isolates shown as "[U+202E]", C1 controls and lone
    surrogates as U+FFFD.

    Apply it to each piece *after* slicing by offsets: it can change lengths.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_replace_unsafe, text)


def _token(value: str) -> str:
    """A whitespace-free token for data attributes and option values."""
    return re.sub(r"\s+", "_", clean_text(value)) or "_"


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-") or "x"


class _Ids:
    """Unique, stable, CSS-friendly element ids."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, prefix: str, *parts: str) -> str:
        base = "-".join([prefix, *(_slug(p) for p in parts)])
        candidate, n = base, 2
        while candidate in self._used:
            candidate, n = f"{base}-{n}", n + 1
        self._used.add(candidate)
        return candidate


# ----------------------------------------------------------------- languages

_LANG_NAMES = {
    "en": "English",
    "zh-Hans": "Chinese (Simplified)",
    "zh-Hant": "Chinese (Traditional)",
    "mixed": "Mixed",
    "other": "Other",
}
_LANG_ORDER = {"en": 0, "zh-Hans": 1, "zh-Hant": 2}


def _lang_attr(lang: str) -> str:
    lang = (lang or "").strip()
    if lang in ("en", "zh-Hans", "zh-Hant"):
        return lang
    if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) and lang.lower() != "other":
        return lang
    return "und"  # BCP 47 "undetermined": mixed / other / unknown


def _lang_name(lang: str) -> str:
    return _LANG_NAMES.get(lang, clean_text(lang) or "Unknown")


# ------------------------------------------------------------ number formatting


def format_time(label: str | None) -> str:
    """A time-scope label as an editor reads it ("--04-16" -> "16 April (no year given)"),
    cleaned for the page: see formatting.describe_time."""
    return clean_text(describe_time(label))


# ----------------------------------------------------------------- SVG strip

_X0, _X1 = 12.0, 96.0  # plot area, in percent of the strip's width
_ROW_H, _TOP = 34, 26


def _pct(x: float) -> str:
    return f"{x:.2f}%"


def _nice_ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    span = hi - lo
    if span <= 0 or not math.isfinite(span):
        return [lo]
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    ticks: list[float] = []
    t = first
    while t <= hi + step * 1e-9 and len(ticks) < 12:
        ticks.append(0.0 if abs(t) < step * 1e-9 else t)
        t += step
    return ticks


def _strip(quotes: Sequence[tuple[Claim, str]]) -> tuple[Strip | None, str]:
    """The value strip for a card: (strip, note-if-none). ``quotes`` is (claim, row label)."""
    units = {(c.quantity.unit or "", c.quantity.kind or "") for c, _ in quotes}
    if len({u for u, _ in units}) > 1:
        names = ", ".join(sorted(clean_text(u) or "count" for u, _ in units))
        return None, f"Figures are in different units ({names}); no common scale to draw."
    unit, kind = next(iter(units))
    finite = [
        x
        for c, _ in quotes
        for x in (c.quantity.value, c.quantity.low, c.quantity.high)
        if x is not None and math.isfinite(x)
    ]
    if not finite:
        return None, ""
    lo, hi = min(finite), max(finite)
    log = lo > 0 and hi / lo >= 30
    if log:
        d0, d1 = math.log10(lo) - 0.15, math.log10(hi) + 0.15
    elif lo == hi:
        pad = abs(lo) * 0.25 or 1.0
        d0, d1 = lo - pad, hi + pad
        if lo >= 0 > d0:
            d0 = 0.0
    else:
        pad = (hi - lo) * 0.12
        d0, d1 = lo - pad, hi + pad
        if lo >= 0 > d0:
            d0 = 0.0

    def pos(v: float) -> float:
        t = (math.log10(v) if log else v) - d0
        return _X0 + (_X1 - _X0) * min(1.0, max(0.0, t / (d1 - d0)))

    def anchor(x: float) -> str:
        return "start" if x < 24 else "end" if x > 84 else "middle"

    rows: list[StripRow] = []
    described: list[str] = []
    for i, (claim, label) in enumerate(quotes):
        q = claim.quantity
        y = _TOP + i * _ROW_H
        value_text, _ = format_quantity(q)
        described.append(f"{label}: {value_text}")
        kind_, x, x1, x2, has_dot, open_dot = "none", _X0, _X0, _X0, False, False
        arrow, arrow_x, arrow_anchor = "", _X0, "start"
        if q.low is not None and q.high is not None and q.low != q.high:
            kind_, x1, x2 = "interval", pos(q.low), pos(q.high)
            has_dot = q.value is not None and q.hedge == "about"
            x = pos(q.value) if q.value is not None else (x1 + x2) / 2
        elif q.low is not None and q.high is None:
            kind_, x = "lower", pos(q.low)
            x1, x2 = x, _X1
            open_dot = q.hedge == "more_than"
            arrow, arrow_x, arrow_anchor = "▶", _X1 + 1.5, "end"
        elif q.high is not None and q.low is None:
            kind_, x = "upper", pos(q.high)
            x1, x2 = _X0, x
            open_dot = q.hedge == "less_than"
            arrow, arrow_x, arrow_anchor = "◀", _X0 - 1.5, "start"
        else:
            v = q.value if q.value is not None else q.low
            if v is not None and math.isfinite(v):
                kind_, x = "point", pos(v)
                x1 = x2 = x
        if kind_ == "none":
            value_text = "not on the scale"
        value_x = (x1 + x2) / 2 if kind_ == "interval" and not has_dot else x
        if kind_ == "none":
            value_x = _X0
        rows.append(
            StripRow(
                label=clean_text(label),
                y=y,
                label_y=y + 4,
                value_y=y - 9,
                kind=kind_,
                x=_pct(x),
                x1=_pct(x1),
                x2=_pct(x2),
                has_dot=has_dot,
                open_dot=open_dot,
                arrow=arrow,
                arrow_x=_pct(arrow_x),
                arrow_anchor=arrow_anchor,
                value_label=value_text,
                value_x=_pct(value_x),
                value_anchor="start" if kind_ == "none" else anchor(value_x),
            )
        )
    if log:
        ticks_v = [10.0**k for k in range(math.ceil(d0), math.floor(d1) + 1)]
    else:
        ticks_v = _nice_ticks(d0, d1)
    ticks = tuple(
        StripTick(x=_pct(pos(t)), label=_fmt(t, unit, kind), anchor=anchor(pos(t)))
        for t in ticks_v
        if not log or t > 0
    )
    axis_y = _TOP + len(quotes) * _ROW_H - 12
    return (
        Strip(
            height=axis_y + 24,
            rows=tuple(rows),
            ticks=ticks,
            axis_y=axis_y,
            tick_y=axis_y + 5,
            tick_label_y=axis_y + 18,
            aria_label="Values by source: " + "; ".join(described),
            note="logarithmic scale" if log else "",
        ),
        "",
    )


# ------------------------------------------------------------------ building


def _source_label(src: Source) -> str:
    if src.title and src.title.strip():
        return clean_text(src.title.strip())
    if src.path in ("", "-"):
        return "standard input"
    return clean_text(PurePath(src.path).name or src.path)


def _word(n: int, one: str) -> str:
    return one if n == 1 else one + "s"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _confidence_text(confidence: float | None) -> str:
    if confidence is None:
        return ""
    words = confidence_words(confidence)
    return f"{words[0].upper()}{words[1:]} (confidence {confidence:.2f})"


class _Builder:
    def __init__(self, result: CompareResult, min_confidence: float) -> None:
        self.result = result
        self.min_confidence = min_confidence
        self.ids = _Ids()
        self.sources = {s.id: s for s in result.sources}
        self.order = {s.id: i for i, s in enumerate(result.sources)}
        self.claims = {c.id: c for c in result.claims if c.source_id in self.sources}
        self.pairs = [p for p in result.pairs if p.a in self.claims and p.b in self.claims]
        # each source's claims in reading order (longer figure first at one start), found
        # once: the figure ids and the source views both walk them
        self.claims_of_source: dict[str, list[Claim]] = {}
        for claim in sorted(
            self.claims.values(), key=lambda c: (c.quantity.start, -c.quantity.end, c.id)
        ):
            self.claims_of_source.setdefault(claim.source_id, []).append(claim)
        self.fig_ids: dict[str, str] = {}  # claim id -> id of its figure in the source view
        self.primary: dict[str, tuple[str, str]] = {}  # claim id -> (card id, verdict)
        self.cards_of: dict[str, list[tuple[str, str]]] = {}  # claim id -> [(card id, label)]
        self.rendered: set[str] = set()  # ids of the cards on the page
        self.shown_sources: set[str] = set()  # ids of the sources whose text is on it
        self._anchors: dict[str, str] = {}  # source id -> id of its source-view section

    # -- ordering & small helpers
    def claim_key(self, cid: str) -> tuple[int, int, str]:
        c = self.claims[cid]
        return (self.order.get(c.source_id, 1 << 30), c.quantity.start, cid)

    def label(self, source_id: str) -> str:
        return _source_label(self.sources[source_id])

    def assign_figure_ids(self) -> None:
        for src in self.result.sources:
            last_end, last_id = -1, ""
            for c in self.claims_of_source.get(src.id, []):
                s, e = self._span(src, c)
                if s < last_end and last_id:  # overlaps a figure already marked
                    self.fig_ids[c.id] = last_id
                    continue
                last_id = self.ids.make("fig", c.id)
                last_end = e
                self.fig_ids[c.id] = last_id

    @staticmethod
    def _span(src: Source, c: Claim) -> tuple[int, int]:
        n = len(src.text)
        s = min(max(c.quantity.start, 0), n)
        e = min(max(c.quantity.end, s), n)
        return s, e

    def split_quote(self, c: Claim) -> tuple[str, str, str]:
        """(before, figure, after) of the claim's sentence, by offsets into Source.text."""
        src = self.sources[c.source_id]
        text = src.text
        ss, se = c.sentence.start, c.sentence.end
        qs, qe = c.quantity.start, c.quantity.end
        sentence = text[ss:se] if 0 <= ss < se <= len(text) else c.sentence.text
        if 0 <= ss <= qs < qe <= se <= len(text) and text[qs:qe] == c.quantity.surface:
            b, f, a = text[ss:qs], text[qs:qe], text[qe:se]
        else:  # inconsistent offsets upstream: find the surface, else append it
            i = sentence.find(c.quantity.surface) if c.quantity.surface else -1
            if i >= 0:
                j = i + len(c.quantity.surface)
                b, f, a = sentence[:i], sentence[i:j], sentence[j:]
            else:
                b, f, a = sentence + (" " if sentence else ""), c.quantity.surface, ""
        return clean_text(b.lstrip()), clean_text(f), clean_text(a.rstrip())

    def quote(self, c: Claim, card_subject: str, card_id: str) -> Quote:
        before, figure, after = self.split_quote(c)
        value_text, interval_text = format_quantity(c.quantity)
        subject = clean_text(c.subject)
        also = tuple(
            Link(href=f"#{cid}", text=text)
            for cid, text in self.cards_of.get(c.id, [])
            if cid != card_id
        )
        return Quote(
            claim_id=c.id,
            source_id=c.source_id,
            source_label=self.label(c.source_id),
            lang_attr=_lang_attr(c.lang),
            lang_name=_lang_name(c.lang),
            before=before,
            figure=figure,
            after=after,
            value_text=value_text,
            interval_text=interval_text,
            subject="" if subject == card_subject else subject,
            time=format_time(c.time),
            fig_href=f"#{self.fig_ids[c.id]}",
            also=also,
        )

    def card_subject(self, cids: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        claims = [self.claims[c] for c in cids]
        english = [c for c in claims if c.lang == "en" and c.subject.strip()]
        pool = english or [c for c in claims if c.subject.strip()] or claims
        counts = Counter(c.subject for c in pool)
        subject = max(pool, key=lambda c: (counts[c.subject], -pool.index(c))).subject
        tags: list[str] = []
        for attr in ("entity", "metric", "time"):
            values = sorted({getattr(c, attr) for c in claims if getattr(c, attr)})
            if attr == "time":
                values = [format_time(v) for v in values]
            if values:
                tags.append(clean_text(" / ".join(values)))
        return clean_text(subject) or "(no subject)", tuple(tags)

    def reason(self, p: PairVerdict) -> Reason:
        a, b = self.claims[p.a], self.claims[p.b]
        return Reason(
            label=f"{clean_text(a.source_id)} ↔ {clean_text(b.source_id)}",
            text=clean_text(p.why) or "(no reason given)",
            score_text=f"context similarity {p.score:.2f}" if math.isfinite(p.score) else "",
            confidence_text=_confidence_text(p.confidence),
        )

    def make_card(
        self,
        card_id: str,
        verdict: str,
        cids: Sequence[str],
        pairs: Sequence[PairVerdict],
        with_strip: bool,
    ) -> Card:
        cids = sorted(cids, key=self.claim_key)
        subject, tags = self.card_subject(cids)
        quoted = cids[:QUOTES_PER_CARD]
        quotes = tuple(self.quote(self.claims[c], subject, card_id) for c in quoted)
        more_quotes = ""
        if len(cids) > len(quoted):
            rest = {self.claims[c].source_id for c in cids[len(quoted) :]}
            more_quotes = (
                f"And {_plural(len(cids) - len(quoted), 'more figure', 'more figures')} "
                f"from {_plural(len(rest), 'source', 'sources')}, not quoted here; the JSON "
                "and CSV exports hold them all."
            )
        strip, strip_note = None, ""
        if with_strip:
            rows = [(self.claims[c], clean_text(self.claims[c].source_id)) for c in cids]
            strip, strip_note = _strip(rows)
        src_ids = sorted({self.claims[c].source_id for c in cids}, key=lambda s: self.order[s])
        langs = sorted(
            {_lang_attr(self.claims[c].lang) for c in cids},
            key=lambda lang: (_LANG_ORDER.get(lang, 9), lang),
        )
        known = [p.confidence for p in pairs if p.confidence is not None]
        confidence = max(known) if known and len(known) == len(pairs) else None
        strength = ""
        if verdict == "contradict":
            strength = "strong" if is_strong(confidence, self.min_confidence) else "possible"
        return Card(
            id=card_id,
            heading_id=f"{card_id}-h",
            verdict=verdict,
            verdict_label=_VERDICT_LABELS[verdict],
            subject=subject,
            tags=tags,
            quotes=quotes,
            reasons=tuple(
                self.reason(p) for p in sorted(pairs, key=lambda p: -p.score)[:QUOTES_PER_CARD]
            ),
            strip=strip,
            strip_note=strip_note,
            sources_attr=" ".join(_token(s) for s in src_ids),
            langs_attr=" ".join(langs),
            source_count_text=_plural(len(src_ids), "source", "sources"),
            confidence=confidence,
            confidence_text=_confidence_text(confidence),
            strength=strength,
            more_quotes=more_quotes,
        )

    def build(self, title: str | None, generated: str | None) -> ReportContext:
        self.assign_figure_ids()
        contra_pairs = [p for p in self.pairs if p.verdict == "contradict"]
        agree_pairs = [p for p in self.pairs if p.verdict == "agree"]
        unclear_pairs = [p for p in self.pairs if p.verdict == "unclear"]

        # contradictions: connected components of the contradict graph
        contra_groups = contradiction_groups(contra_pairs)
        contra_groups.sort(key=lambda g: (-len(g), min(self.claim_key(c) for c in g)))
        agree_groups = agreement_groups(agree_pairs)

        # card ids first, so quotes can cross-link to the other cards of their claim
        plan: list[tuple[str, str, tuple[str, ...]]] = []
        for g in contra_groups:
            plan.append((self.ids.make("card-x", min(g, key=self.claim_key)), "contradict", g))
        for g in agree_groups:
            plan.append((self.ids.make("card-a", min(g, key=self.claim_key)), "agree", g))
        for card_id, verdict, g in plan:
            for cid in g:
                self.primary.setdefault(cid, (card_id, verdict))
                others = {self.claims[o].source_id for o in g} - {self.claims[cid].source_id}
                what = "contradiction" if verdict == "contradict" else "agreement"
                names = ", ".join(sorted(others, key=lambda s: self.order.get(s, 0)))
                text = f"Also in the {what} with {names}"
                self.cards_of.setdefault(cid, []).append((card_id, clean_text(text)))
        single_ids = sorted((c for c in self.claims if c not in self.primary), key=self.claim_key)
        single_card_ids = {c: self.ids.make("card-s", c) for c in single_ids}
        for cid, card_id in single_card_ids.items():
            self.primary[cid] = (card_id, "single")

        # each group's own pairs, found in one pass (not a scan of every pair per group)
        def pairs_by_group(
            groups: Sequence[tuple[str, ...]], pool: list[PairVerdict]
        ) -> list[list[PairVerdict]]:
            group_of = {cid: k for k, g in enumerate(groups) for cid in g}
            found: list[list[PairVerdict]] = [[] for _ in groups]
            for p in pool:
                k = group_of.get(p.a)
                if k is not None and group_of.get(p.b) == k:
                    found[k].append(p)
            return found

        contra_plan = [(c, g) for c, v, g in plan if v == "contradict"]
        agree_plan = [(c, g) for c, v, g in plan if v == "agree"]
        contra_of = pairs_by_group([g for _, g in contra_plan], contra_pairs)
        made = [
            self.make_card(cid_, "contradict", g, own, True)
            for (cid_, g), own in zip(contra_plan, contra_of, strict=True)
        ]

        def surest_first(cards: list[Card]) -> tuple[Card, ...]:
            # stable: cards of equal (or unknown) confidence keep the size-then-reading order
            return tuple(sorted(cards, key=lambda c: -(c.confidence or 0.0)))

        limit = CARD_LIMITS
        strong_all = surest_first([c for c in made if c.strength == "strong"])
        possible_all = surest_first([c for c in made if c.strength == "possible"])
        strong = strong_all[: limit["contradict"]]
        possible = possible_all[: max(0, limit["contradict"] - len(strong))]
        contradictions = strong + possible
        shown_agree = agree_plan[: limit["agree"]]
        agreements = tuple(
            self.make_card(cid_, "agree", g, own, False)
            for (cid_, g), own in zip(
                shown_agree, pairs_by_group([g for _, g in shown_agree], agree_pairs), strict=True
            )
        )
        unclear_sorted = sorted(unclear_pairs, key=lambda p: (-p.score, self.claim_key(p.a)))
        unclear = tuple(
            self.make_card(self.ids.make("card-u", p.a, p.b), "unclear", (p.a, p.b), [p], True)
            for p in unclear_sorted[: limit["unclear"]]
        )
        singles_of: dict[str, list[str]] = {}
        for c in single_ids:
            singles_of.setdefault(self.claims[c].source_id, []).append(c)
        budget = limit["single"]
        single_cards: dict[str, tuple[Card, ...]] = {}
        for src in self.result.sources:
            mine = singles_of.get(src.id, [])[: max(0, budget)]
            budget -= len(mine)
            single_cards[src.id] = tuple(
                self.make_card(single_card_ids[c], "single", (c,), (), False) for c in mine
            )
        shown = [*contradictions, *agreements, *unclear,
                 *(x for v in single_cards.values() for x in v)]  # fmt: skip
        self.rendered = {card.id for card in shown}
        # a source's text is in the report when a card quotes it (contradictions first, up
        # to SOURCE_TEXT_LIMIT); all of them would make the page as long as the corpus
        if len(self.result.sources) <= SOURCE_TEXT_LIMIT:
            quoted = {src.id for src in self.result.sources}
        else:
            first_quoted = dict.fromkeys(
                self.claims[q.claim_id].source_id for card in shown for q in card.quotes
            )
            quoted = set(list(first_quoted)[:SOURCE_TEXT_LIMIT])
        self.shown_sources = quoted
        if len(shown) < len(plan) + len(unclear_pairs) + len(single_ids) or len(quoted) < len(
            self.result.sources
        ):
            # links to cards and source texts left out would lead nowhere
            contradictions = tuple(self._linked(c) for c in contradictions)
            strong, possible = contradictions[: len(strong)], contradictions[len(strong) :]
            agreements = tuple(self._linked(c) for c in agreements)
            unclear = tuple(self._linked(c) for c in unclear)
            single_cards = {k: tuple(self._linked(c) for c in v) for k, v in single_cards.items()}
        single_groups: list[SingleGroup] = []
        unlisted = 0  # sources whose single figures get no card (past the limit)
        for src in self.result.sources:
            if src.id not in singles_of:
                continue
            if not single_cards[src.id] and len(self.result.sources) > SOURCE_TEXT_LIMIT:
                unlisted += 1
                continue
            single_groups.append(
                SingleGroup(
                    source_id=clean_text(src.id),
                    token=_token(src.id),
                    label=_source_label(src),
                    source_href=f"#{self.source_anchor(src)}" if src.id in quoted else "",
                    cards=single_cards[src.id],
                    n=len(singles_of[src.id]),
                )
            )

        sources = tuple(
            self.source_view(s)
            for s in self.result.sources
            if s.id in quoted
        )
        n_single = len(single_ids)
        totals = {
            "contradict": len(made), "agree": len(agree_plan),
            "unclear": len(unclear_pairs), "single": n_single,
        }  # fmt: skip
        shown_counts = {
            "contradict": len(contradictions), "agree": len(agreements),
            "unclear": len(unclear), "single": sum(len(v) for v in single_cards.values()),
        }  # fmt: skip
        left_out = {
            key: (
                f"The {totals[key] - shown_counts[key]:,} after the first {shown_counts[key]:,} "
                "are left out of this page to keep it quick to open; the JSON and CSV "
                "exports (--json, --csv) hold every claim."
            )
            if totals[key] > shown_counts[key]
            else ""
            for key in totals
        }
        if unlisted:
            left_out["single"] += (
                f" {_plural(unlisted, 'source', 'sources')} with such figures "
                f"{'is' if unlisted == 1 else 'are'} not listed below."
            )
        n_contra, n_agree, n_unclear = totals["contradict"], totals["agree"], totals["unclear"]
        # the source filter offers the sources a card on the page names (all, when few)
        on_cards = {src.id for src in self.result.sources}
        if len(on_cards) > SOURCE_TEXT_LIMIT:
            on_cards = {self.claims[q.claim_id].source_id for c in shown for q in c.quotes}
        counts = (
            Count("contradict", n_contra, _word(n_contra, "contradiction")),
            Count("agree", n_agree, _word(n_agree, "agreement")),
            Count("unclear", n_unclear, _word(n_unclear, "unclear pair")),
            Count("single", n_single, "in one source only"),
        )
        summary = (
            f"{_plural(n_contra, 'contradiction', 'contradictions')}, "
            f"{_plural(n_agree, 'agreement', 'agreements')}, "
            f"{_plural(n_single, 'figure', 'figures')} in one source only"
        )
        if n_unclear:
            summary += f" ({_plural(n_unclear, 'pair', 'pairs')} left unclear)"
        langs = sorted(
            {_lang_attr(c.lang) for c in self.claims.values()},
            key=lambda lang: (_LANG_ORDER.get(lang, 9), lang),
        )
        lang_label = {_lang_attr(k): v for k, v in _LANG_NAMES.items()}
        lang_label["und"] = "Other / undetermined"
        return ReportContext(
            title=clean_text(title) if title else "Fact-check report",
            generated=clean_text(generated) if generated else None,
            summary=summary,
            sources=sources,
            n_sources=len(self.result.sources),
            counts=counts,
            n_claims=len(self.claims),
            n_cards=sum(shown_counts.values()),
            contradictions=contradictions,
            strong_contradictions=strong,
            possible_contradictions=possible,
            min_confidence_text=f"{self.min_confidence:.2f}",
            agreements=agreements,
            unclear=unclear,
            single_groups=tuple(single_groups),
            n_single=n_single,
            left_out=left_out,
            problems=tuple(clean_text(str(p)) for p in self.result.problems),
            verdict_options=(
                Option("", "All verdicts"),
                Option("contradict", "Contradictions"),
                Option("agree", "Agreements"),
                Option("unclear", "Unclear"),
                Option("single", "One source only"),
            ),
            source_options=(Option("", "All sources"),)
            + tuple(
                Option(_token(s.id), f"{clean_text(s.id)} · {_source_label(s)}")
                for s in self.result.sources
                if s.id in on_cards
            ),
            lang_options=(Option("", "All languages"),)
            + tuple(Option(lang, lang_label.get(lang, lang)) for lang in langs),
        )

    def _linked(self, card: Card) -> Card:
        """The card without links to cards or source texts that are not on the page."""
        quotes = tuple(
            replace(
                q,
                also=tuple(link for link in q.also if link.href[1:] in self.rendered),
                fig_href=q.fig_href if q.source_id in self.shown_sources else "",
            )
            for q in card.quotes
        )
        return replace(card, quotes=quotes)

    def source_anchor(self, src: Source) -> str:
        if src.id not in self._anchors:
            self._anchors[src.id] = self.ids.make("source", src.id)
        return self._anchors[src.id]

    def source_view(self, src: Source) -> SourceView:
        mine = self.claims_of_source.get(src.id, [])
        segments: list[Segment] = []
        pos = 0
        for c in mine:
            s, e = self._span(src, c)
            if s < pos or s == e:
                continue  # overlapping / empty figure: its quote links to the covering one
            if s > pos:
                segments.append(Segment(clean_text(src.text[pos:s])))
            card_id, verdict = self.primary[c.id]
            value_text, _ = format_quantity(c.quantity)
            segments.append(
                Segment(
                    text=clean_text(src.text[s:e]),
                    fig_id=self.fig_ids[c.id],
                    card_href=f"#{card_id}" if card_id in self.rendered else "",
                    verdict=verdict,
                    title=clean_text(f"{c.subject}: {value_text} ({_VERDICT_LABELS[verdict]})"),
                )
            )
            pos = e
        if pos < len(src.text):
            segments.append(Segment(clean_text(src.text[pos:])))
        verdicts = Counter(self.primary[c.id][1] for c in mine)
        return SourceView(
            id=clean_text(src.id),
            token=_token(src.id),
            anchor=self.source_anchor(src),
            label=_source_label(src),
            path=clean_text(src.path),
            title=clean_text(src.title) if src.title else None,
            lang_attr=_lang_attr(src.lang),
            lang_name=_lang_name(src.lang),
            encoding=clean_text(src.encoding),
            n_claims=len(mine),
            n_contradict=verdicts["contradict"],
            n_agree=verdicts["agree"],
            n_single=verdicts["single"],
            segments=tuple(segments),
        )


_VERDICT_LABELS = {
    "contradict": "Contradiction",
    "agree": "Agreement",
    "unclear": "Unclear",
    "single": "One source only",
}


def build_report_context(
    result: CompareResult,
    *,
    title: str | None = None,
    generated: str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> ReportContext:
    """Everything the template shows, pre-computed and cleaned (but not escaped).

    Contradictions at ``min_confidence`` or more are strong, the others possible."""
    return _Builder(result, min_confidence).build(title, generated)


# ------------------------------------------------------------------ rendering


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    """The one Jinja environment: autoescaping everything, strict about undefined names."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=4)
def _asset(name: str) -> str:
    """A static asset's raw text (not rendered: CSS/JS braces are not Jinja)."""
    env = _env()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    if "</" in source:
        raise ValueError(f"{name} must not contain '</' (it is inlined in the page)")
    return source


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(result: CompareResult, **kw: Any) -> str:
    """The report as one self-contained HTML document (keywords as for build_report_context)."""
    ctx = build_report_context(result, **kw)
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src data:; form-action 'none'; base-uri 'none'"
    )
    # our own static assets, inlined verbatim: Markup is safe here (no input text in them)
    return (
        _env()
        .get_template("report.html.j2")
        .render(ctx=ctx, css=Markup(css), js=Markup(js), csp=csp)
    )


def write_html(result: CompareResult, path: str | Path, **kw: Any) -> None:
    """Render and write atomically: a temp file beside ``path``, then ``os.replace``."""
    target = Path(path)
    html = render_html(result, **kw)
    atomic_write_text(target, html)
