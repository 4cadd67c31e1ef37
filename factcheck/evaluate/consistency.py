"""Extraction consistency on aligned translations.

A faithful translation carries the same figures, so in each aligned line pair every
figure factcheck extracts in one script should have an equal figure in the other: the
same kind, and values equal within rounding and hedges (the intervals of
``verdict.interval`` overlap). Figures are paired one to one (a maximum matching), so two
"1"s on one side do not both lean on a single "一" on the other.

For each corpus and script pair this reports the share of each side's figures that
have a counterpart, and lists the unmatched ones grouped by cause, for reading:

- ``nothing-there``: the other line has no figure of that kind and none of that value
  (a figure one side's parser made up, or one the other side's parser missed);
- ``other-value``: the other line has figures of that kind, none equal (a wrong scale,
  a range read as two figures, a translation that rounds);
- ``other-kind``: the other line has a figure of equal value but another kind (a unit
  read in one script only).

Run: ``python -m factcheck.evaluate consistency`` (``--list`` prints the unmatched figures).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Claim, Quantity
from ..verdict import interval
from .aligned import AlignedLine, claims_by_line, load_corpus

PAIRS = {
    "flores-dev": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "flores-devtest": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "tico19": (("en", "zh-Hans"),),
    "written-en": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-zh": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-hant": (("zh-Hant", "en"), ("zh-Hant", "zh-Hans"), ("en", "zh-Hans")),
    "written-wiki": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-feature": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-local": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-hk": (("zh-Hant", "en"), ("zh-Hant", "zh-Hans"), ("en", "zh-Hans")),
    "written-markets": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-science": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-bulletin": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-uk": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-sport": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-emerg": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-sea": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-talk": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-tech": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-tw": (("zh-Hant", "en"), ("zh-Hant", "zh-Hans"), ("en", "zh-Hans")),
    "written-us": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-brief": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-india": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-ent": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-anz": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-astock": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
    "written-health": (("en", "zh-Hans"), ("en", "zh-Hant"), ("zh-Hans", "zh-Hant")),
    "written-mobility": (("zh-Hans", "en"), ("zh-Hans", "zh-Hant"), ("en", "zh-Hant")),
}
CAUSES = ("nothing-there", "other-value", "other-kind")


def equal_figures(a: Quantity, b: Quantity) -> bool:
    """Same kind, and values that can both hold given rounding and hedges."""
    if a.kind != b.kind or (a.kind == "money" and a.unit != b.unit):
        return False
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    return ia.overlaps(ib)


def max_matching(left: Sequence[Quantity], right: Sequence[Quantity]) -> dict[int, int]:
    """A maximum one-to-one pairing of equal figures (left index -> right index).

    Each figure tries its closest equal first, so that "500 mi (800 km)" against "800 公里
    （500 英里）" pairs miles with 英里 and kilometres with 公里, not across: both pairings
    are as large, one is what was written. (The pairing is the gold of evaluate alignment
    and of the pair scorer's training, not only a count.)"""
    edges = [_closest_first(a, right) for a in left]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(left)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _closest_first(a: Quantity, right: Sequence[Quantity]) -> list[int]:
    """The indices of ``right`` whose figures equal ``a``, the nearest value first."""
    equal = [j for j, b in enumerate(right) if equal_figures(a, b)]
    return sorted(equal, key=lambda j: _distance(a, right[j]))


def _distance(a: Quantity, b: Quantity) -> float:
    """How far apart two equal figures are, relative to their size: 500 miles is 0 from
    500 英里 and 0.6% from 800 公里 (a conversion is never exact)."""
    if a.value is None or b.value is None:
        return math.inf
    return abs(a.value - b.value) / max(abs(a.value), abs(b.value), 1e-12)


def _same_value(a: Quantity, b: Quantity) -> bool:
    if a.value is None or b.value is None:
        return False
    return math.isclose(a.value, b.value, rel_tol=0.01, abs_tol=1e-9)


def cause(figure: Quantity, others: Sequence[Quantity]) -> str:
    if any(o.kind != figure.kind and _same_value(figure, o) for o in others):
        return "other-kind"
    if any(o.kind == figure.kind for o in others):
        return "other-value"
    return "nothing-there"


@dataclass(frozen=True)
class Unmatched:
    line: str
    lang: str
    other_lang: str
    figure: Quantity
    others: tuple[Quantity, ...]
    cause: str


@dataclass
class SideScore:
    figures: int = 0
    matched: int = 0

    @property
    def share(self) -> float:
        return self.matched / self.figures if self.figures else 1.0


@dataclass
class PairScore:
    corpus: str
    a: str
    b: str
    lines: int = 0
    sides: dict[str, SideScore] = field(default_factory=dict)
    unmatched: list[Unmatched] = field(default_factory=list)


def score_pair(
    corpus: str,
    lines: Sequence[AlignedLine],
    pair: tuple[str, str],
    claims: dict[str, dict[str, list[Claim]]],
) -> PairScore:
    a, b = pair
    score = PairScore(corpus, a, b, sides={a: SideScore(), b: SideScore()})
    for line in lines:
        if not (line.texts.get(a) and line.texts.get(b)):
            continue
        score.lines += 1
        left = [c.quantity for c in claims[a][line.id]]
        right = [c.quantity for c in claims[b][line.id]]
        matching = max_matching(left, right)
        paired_right = set(matching.values())
        score.sides[a].figures += len(left)
        score.sides[a].matched += len(matching)
        score.sides[b].figures += len(right)
        score.sides[b].matched += len(paired_right)
        for i, q in enumerate(left):
            if i not in matching:
                score.unmatched.append(Unmatched(line.id, a, b, q, tuple(right), cause(q, right)))
        for j, q in enumerate(right):
            if j not in paired_right:
                score.unmatched.append(Unmatched(line.id, b, a, q, tuple(left), cause(q, left)))
    return score


def consistency(
    corpora: Sequence[str] = ("flores-devtest", "tico19"), shared: Path | None = None
) -> list[PairScore]:
    scores: list[PairScore] = []
    for corpus in corpora:
        lines = load_corpus(corpus, shared)
        langs = sorted({lang for pair in PAIRS[corpus] for lang in pair})
        claims = {lang: claims_by_line(lines, lang) for lang in langs}
        scores.extend(score_pair(corpus, lines, pair, claims) for pair in PAIRS[corpus])
    return scores


def format_table(scores: Sequence[PairScore]) -> str:
    rows = [
        f"{'corpus':<15} {'pair':<17} {'lines':>5}  {'side A: matched/figures':>24}  "
        f"{'side B: matched/figures':>24}"
    ]
    for s in scores:
        sa, sb = s.sides[s.a], s.sides[s.b]
        rows.append(
            f"{s.corpus:<15} {s.a + '~' + s.b:<17} {s.lines:>5}  "
            f"{s.a:>7} {sa.share:.3f} {sa.matched:>5}/{sa.figures:<5}  "
            f"{s.b:>7} {sb.share:.3f} {sb.matched:>5}/{sb.figures:<5}"
        )
    return "\n".join(rows)


def format_listing(
    scores: Sequence[PairScore], lines_by_id: dict[str, AlignedLine], limit: int = 40
) -> str:
    """The unmatched figures by corpus, script and cause, with both sentences."""
    out = []
    for s in scores:
        groups: dict[tuple[str, str], list[Unmatched]] = {}
        for u in s.unmatched:
            groups.setdefault((u.lang, u.cause), []).append(u)
        for (lang, why), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            out.append(f"\n## {s.corpus} {s.a}~{s.b}: {lang} unmatched, {why} ({len(items)})")
            surfaces = Counter(u.figure.surface for u in items)
            common = ", ".join(f"{k!r}×{n}" for k, n in surfaces.most_common(12))
            out.append(f"most common: {common}")
            for u in items[:limit]:
                line = lines_by_id[u.line]
                others = ", ".join(f"{o.surface!r}[{o.kind}]" for o in u.others) or "-"
                out.append(
                    f"- {u.line} {u.figure.surface!r} [{u.figure.kind} {u.figure.value:g}] "
                    f"vs {others}\n    {lang}: {line.texts[lang]}\n"
                    f"    {u.other_lang}: {line.texts[u.other_lang]}"
                    if u.figure.value is not None
                    else f"- {u.line} {u.figure.surface!r} [{u.figure.kind}] vs {others}"
                )
    return "\n".join(out)
