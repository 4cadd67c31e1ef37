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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import lexicon
from .model import Claim, Quantity, Sentence, Source, TimeScope
from .quantities import extract_quantities
from .segment import is_boilerplate, split_sentences, to_simplified
from .timescope import find_time_scopes
from .verdict import time_grain

# Model and product codes: H20, H100, MI308, GB200, B30A, RTX 5090 is caught by the
# name+number rule below.
_PRODUCT_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,4}\d{2,4}[A-Z]{0,2}(?![A-Za-z0-9])")
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

    def find(self, folded: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) for every alias mention in folded text."""
        out = []
        for match in self.pattern.finditer(folded):
            out.append((match.start(), match.end(), self.canonical[match.group(0)]))
        return out


def _fold(text: str) -> str:
    """Simplified script, lower case; keeps length for ASCII, which is all we index by."""
    return to_simplified(text).lower()


def build_aliases(table: Mapping[str, Iterable[str]]) -> Aliases:
    canonical: dict[str, str] = {}
    for name, aliases in table.items():
        for alias in (name, *aliases):
            canonical[_fold(alias)] = name
    # Longest first so "nasdaq composite" wins over "nasdaq". ASCII names need word
    # boundaries ("US" must not match inside "status"); Han names do not have them.
    parts = []
    for alias in sorted(canonical, key=len, reverse=True):
        escaped = re.escape(alias)
        parts.append(rf"(?<![a-z0-9]){escaped}(?![a-z0-9])" if alias.isascii() else escaped)
    return Aliases(re.compile("|".join(parts)), canonical)


@lru_cache(maxsize=1)
def default_aliases() -> Aliases:
    data = resources.files("factcheck").joinpath("data/aliases.json").read_text("utf-8")
    return build_aliases(json.loads(data))


def merge_aliases(extra: Mapping[str, Iterable[str]] | None) -> Aliases:
    """The built-in aliases plus a project's own (claims/aliases.json)."""
    if not extra:
        return default_aliases()
    data = json.loads(resources.files("factcheck").joinpath("data/aliases.json").read_text("utf-8"))
    for name, aliases in extra.items():
        data.setdefault(name, [])
        data[name] = sorted(set(data[name]) | set(aliases))
    return build_aliases(data)


# --- clauses -------------------------------------------------------------------


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` that holds the span [start, end)."""
    left, right = 0, len(sentence)
    for pattern in (_CLAUSE_PUNCT, _CLAUSE_WORDS):
        for match in pattern.finditer(sentence):
            if match.end() <= start:
                left = max(left, match.end())
            elif match.start() >= end:
                right = min(right, match.start())
    return left, right


# --- entities and metrics --------------------------------------------------------


def find_entities(text: str, aliases: Aliases) -> list[tuple[int, int, str]]:
    """Entity mentions in ``text`` as (start, end, canonical name), in order.

    Offsets are into ``text`` itself; folding to Simplified script keeps one
    character per character for the Han text we match, so offsets carry over.
    """
    folded = _fold(text)
    same_length = len(folded) == len(text)
    found: list[tuple[int, int, str]] = []
    for start, end, name in aliases.find(folded):
        if not same_length:
            start, end = 0, 0  # position unknown; the mention still counts
        model = _MODEL_NUMBER.match(text, end) if same_length else None
        if model is not None:
            name, end = f"{name} {model.group(1)}", model.end()
        found.append((start, end, name))
    for match in _PRODUCT_CODE.finditer(text):
        if match.group(0).lower() in lexicon.PRECISIONS:
            continue  # FP16 names a number format, not a product
        if not any(s <= match.start() < e for s, e, _ in found):
            found.append((match.start(), match.end(), match.group(0)))
    return sorted(found)


def nearest_metric(folded_clause: str, q_start: int, q_end: int) -> str | None:
    """The metric whose keyword sits closest to the quantity inside the clause."""
    best: tuple[int, int, str] | None = None
    for metric, keywords in lexicon.METRICS.items():
        for keyword in keywords:
            for match in re.finditer(re.escape(keyword), folded_clause):
                if keyword.isascii() and not _word_bounded(
                    folded_clause, match.start(), match.end()
                ):
                    continue
                if match.start() < q_end and match.end() > q_start:
                    continue  # a keyword inside the figure itself ("TFLOPS") is the unit
                distance = (
                    q_start - match.end() if match.end() <= q_start else match.start() - q_end
                )
                # prefer near, then longer keywords, then keywords before the number
                rank = (distance, -len(keyword))
                if best is None or rank < best[:2]:
                    best = (rank[0], rank[1], metric)
    return best[2] if best else None


def _mentions(folded_text: str, metric: str) -> bool:
    for keyword in lexicon.METRICS[metric]:
        for match in re.finditer(re.escape(keyword), folded_text):
            if not keyword.isascii() or _word_bounded(folded_text, match.start(), match.end()):
                return True
    return False


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


_KIND_METRIC = {"data": "memory", "compute": "compute", "bandwidth": "bandwidth", "power": "power"}


def metric_for(quantity: Quantity, folded_clause: str, q_start: int, q_end: int) -> str | None:
    metric = nearest_metric(folded_clause, q_start, q_end)
    if quantity.kind == "money" and metric == "price" and _mentions(folded_clause, "share price"):
        metric = "share price"  # "每股单价175.64美元", "shares closed at $172"
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
    is_share = any(marker in folded_clause for marker in lexicon.SHARE_MARKERS)
    already_a_share = metric in (None, "market share", "revenue share")
    if quantity.kind == "percent" and is_share and not already_a_share:
        metric = f"{metric} share"
    return metric


# --- contexts --------------------------------------------------------------------


def mask_numbers(text: str) -> str:
    """Replace digits and Han numeral runs with '#', so contexts match on meaning, not figures."""
    return _HAN_NUMERAL_RUN.sub("#", _NUMBER.sub("#", text))


# Characters of context kept on each side of a figure: enough for "the price of a
# single H20 server with ... of VRAM", short enough that a long sentence about other
# things does not drown the claim.
CONTEXT_REACH = 60


def claim_context(
    sentence: str, clause: tuple[int, int], q_start: int, q_end: int, subject: str
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
    text = sentence[left:q_start] + " # " + sentence[q_end:right]
    return f"{subject}: " + " ".join(to_simplified(mask_numbers(text)).split())


# --- claims ----------------------------------------------------------------------


def _time_for(
    scopes: list[TimeScope], clause: tuple[int, int], q_start: int, sentence: str
) -> str | None:
    """The time scope that governs a quantity.

    Preference, in order: inside the quantity's clause; not an aside in brackets
    ("2025年第一季 (截至4月27日)": the quarter, not the cut-off day); absolute rather
    than relative ("8月19日" over "今年"); then the nearest.
    """
    if not scopes:
        return None
    asides = [(m.start(), m.end()) for m in _BRACKETED.finditer(sentence)]

    def rank(scope: TimeScope) -> tuple[bool, bool, bool, int]:
        in_clause = clause[0] <= scope.start and scope.end <= clause[1]
        in_aside = any(a <= scope.start and scope.end <= b for a, b in asides)
        relative = time_grain(scope.label) is None
        return (not in_clause, in_aside, relative, abs(scope.start - q_start))

    return min(scopes, key=rank).label


def _entities_for(
    mentions: list[tuple[int, int, str]], clause: tuple[int, int], q_start: int, sentence: str
) -> tuple[str | None, tuple[str, ...]]:
    in_clause = [m for m in mentions if clause[0] <= m[0] and m[1] <= clause[1]]
    # A clause that names nobody may be about anyone in the sentence, so it keeps them
    # all (a weaker "overlap" match). A pronoun ("but it carries 96GB") points at the
    # sentence's subject, which news style puts first.
    pronoun = _PRONOUN.search(sentence[clause[0] : clause[1]]) is not None
    pool = in_clause or (mentions[:1] if pronoun else mentions)
    if not pool:
        return None, ()
    before = [m for m in pool if m[1] <= q_start]
    primary = (before[-1] if before else pool[0])[2]
    names = tuple(sorted({m[2] for m in pool}))
    return primary, names


def subject_text(entity: str | None, metric: str | None, kind: str) -> str:
    what = metric or kind.replace("_", " ")
    return f"{entity} {what}" if entity else what


def claims_in_sentence(
    source: Source, sentence: Sentence, first_index: int, aliases: Aliases
) -> list[Claim]:
    if is_boilerplate(sentence.text):
        return []
    quantities = extract_quantities(sentence.text)
    if not quantities:
        return []
    mentions = find_entities(sentence.text, aliases)
    scopes = find_time_scopes(sentence.text)
    folded = _fold(sentence.text)
    if len(folded) != len(sentence.text):  # rare: keep offsets meaningful
        folded = sentence.text.lower()
    claims = []
    for offset, quantity in enumerate(quantities):
        clause = clause_bounds(sentence.text, quantity.start, quantity.end)
        entity, entities = _entities_for(mentions, clause, quantity.start, sentence.text)
        folded_clause = folded[clause[0] : clause[1]]
        metric = metric_for(
            quantity, folded_clause, quantity.start - clause[0], quantity.end - clause[0]
        )
        absolute = _shift(quantity, sentence.start)
        subject = subject_text(entity, metric, quantity.kind)
        claims.append(
            Claim(
                id=f"{source.id}:c{first_index + offset + 1}",
                source_id=source.id,
                sentence=sentence,
                quantity=absolute,
                subject=subject,
                entity=entity,
                metric=metric,
                time=_time_for(scopes, clause, quantity.start, sentence.text),
                context=claim_context(sentence.text, clause, quantity.start, quantity.end, subject),
                lang=sentence.lang,
                entities=entities,
                line=source.text.count("\n", 0, absolute.start) + 1,
            )
        )
    return claims


def _shift(quantity: Quantity, by: int) -> Quantity:
    from dataclasses import replace

    return replace(quantity, start=quantity.start + by, end=quantity.end + by)


def extract_claims(source: Source, aliases: Aliases | None = None) -> list[Claim]:
    """Every claim in one source, in reading order, with ids "<source>:c1", "…:c2"…"""
    aliases = aliases or default_aliases()
    claims: list[Claim] = []
    for sentence in split_sentences(source.text):
        claims.extend(claims_in_sentence(source, sentence, len(claims), aliases))
    return claims
