"""Extraction precision and recall against the hand-checked gold sample (``tests/gold``).

Each annotation names a corpus line and a script and lists every figure a fact-checker
would call a claim (its text, value, unit and kind) and the numerals that are not claims
(see ``tests/gold/GUIDELINES.md``). factcheck reads the line's whole document, as in
``aligned.claims_by_line``, and each claim it finds on the line is scored:

- a claim whose span overlaps a gold figure of the same kind and a compatible value is a
  true positive (a span match with the wrong kind or value is a false positive and leaves
  the gold figure missed: a wrong figure is worse than none);
- any other claim on an annotated line is a false positive;
- a gold figure no claim matches is a false negative.

Run: ``python -m factcheck.evaluate gold`` (``-v`` lists every error).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Claim, Quantity
from ..quantities import _lookup_unit
from ..verdict import interval
from .aligned import AlignedLine, claims_by_line, load_corpus
from .stories import find_nth

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "gold"
KINDS = frozenset(
    "money percent percentage_point multiple count age temperature duration length mass area "
    "volume speed data bandwidth compute power energy frequency charge luminance resolution".split()
)
HEDGES = frozenset({"about", "more_than", "at_least", "less_than", "up_to"})
NOT_WHY = frozenset("article date time ordinal name idiom vague list other".split())
# written units of the gold that the parser's unit table does not spell the same way
_GOLD_UNITS = {
    "year": ("duration", "s", 31557600.0), "month": ("duration", "s", 2629800.0),
    "week": ("duration", "s", 604800.0), "day": ("duration", "s", 86400.0),
    "h": ("duration", "s", 3600.0), "min": ("duration", "s", 60.0), "s": ("duration", "s", 1.0),
    "m": ("length", "m", 1.0), "foot": ("length", "m", 0.3048), "mile": ("length", "m", 1609.344),
    "inch": ("length", "m", 0.0254), "t": ("mass", "kg", 1000.0), "g": ("mass", "kg", 0.001),
    "mg": ("mass", "kg", 1e-6), "lb": ("mass", "kg", 0.45359237), "m2": ("area", "m2", 1.0),
    "km2": ("area", "m2", 1e6), "ha": ("area", "m2", 1e4), "acre": ("area", "m2", 4046.8564224),
    "sq mi": ("area", "m2", 2589988.110336), "l": ("volume", "l", 1.0),
    "ml": ("volume", "l", 0.001), "km/h": ("speed", "m/s", 1 / 3.6),
    "mph": ("speed", "m/s", 0.44704), "m/s": ("speed", "m/s", 1.0),
}  # fmt: skip
# kinds whose unit is their own (no conversion): the unit the gold writes is the base unit
_OWN_UNIT = {"count": "", "percent": "%", "percentage_point": "pp", "multiple": "x",
             "age": "year", "temperature": "C"}  # fmt: skip


class GoldError(ValueError):
    """An annotation that does not fit its sentence or the guidelines."""


@dataclass(frozen=True)
class GoldFigure:
    start: int
    end: int
    text: str
    kind: str
    low: float  # in the kind's base unit
    high: float


@dataclass(frozen=True)
class GoldLine:
    id: str
    lang: str
    figures: tuple[GoldFigure, ...]
    negatives: tuple[tuple[int, int, str], ...]  # start, end, why


def _locate(sentence: str, text: str, nth: int, where: str) -> tuple[int, int]:
    span = find_nth(sentence, text, nth)
    if span is None:
        raise GoldError(f"{where}: {text!r} (occurrence {nth}) is not in the sentence")
    return span


def _to_base(kind: str, unit: str, value: float, where: str) -> float:
    if kind == "money" or kind in _OWN_UNIT:
        if kind == "temperature" and unit == "F":
            return (value - 32) * 5 / 9
        return value
    found = _GOLD_UNITS.get(unit) or _lookup_unit(unit)
    if found is None:
        raise GoldError(f"{where}: unknown unit {unit!r}")
    unit_kind, _, factor = found
    if unit_kind != kind:
        raise GoldError(f"{where}: unit {unit!r} is {unit_kind}, not {kind}")
    return value * factor


def _figure(sentence: str, raw: dict, where: str) -> GoldFigure:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise GoldError(f"{where}: unknown kind {kind!r}")
    unit = str(raw.get("unit", ""))
    start, end = _locate(sentence, raw["text"], int(raw.get("nth", 0)), where)
    if "value" in raw:
        value = _to_base(kind, unit, float(raw["value"]), where)
        low = high = value
    elif "low" in raw and "high" in raw:
        low = _to_base(kind, unit, float(raw["low"]), where)
        high = _to_base(kind, unit, float(raw["high"]), where)
    else:
        raise GoldError(f"{where}: a figure needs value, or low and high")
    hedge = raw.get("hedge")
    if hedge is not None and hedge not in HEDGES:
        raise GoldError(f"{where}: unknown hedge {hedge!r}")
    if hedge in ("more_than", "at_least"):
        high = math.inf
    elif hedge in ("less_than", "up_to"):
        low = -math.inf
    elif hedge == "about":
        low, high = low - 0.05 * abs(low), high + 0.05 * abs(high)
    return GoldFigure(start, end, raw["text"], kind, low, high)


def parse_gold_line(raw: dict, sentence: str, where: str) -> GoldLine:
    figures = tuple(_figure(sentence, f, where) for f in raw.get("figures", []))
    negatives = []
    for neg in raw.get("not", []):
        if neg.get("why") not in NOT_WHY:
            raise GoldError(f"{where}: unknown reason {neg.get('why')!r} for {neg.get('text')!r}")
        start, end = _locate(sentence, neg["text"], int(neg.get("nth", 0)), where)
        negatives.append((start, end, neg["why"]))
    return GoldLine(raw["id"], raw["lang"], figures, tuple(negatives))


def corpus_of(line_id: str) -> str:
    if line_id.startswith("tico-"):
        return "tico19"
    return "flores-devtest" if line_id.startswith("devtest-") else "flores-dev"


def load_gold(
    folder: Path | None = None, shared: Path | None = None
) -> tuple[list[GoldLine], dict[str, AlignedLine]]:
    """Every annotation under ``folder/annotations`` checked against its sentence."""
    folder = folder or GOLD_DIR
    corpora: dict[str, dict[str, AlignedLine]] = {}
    gold: list[GoldLine] = []
    seen: set[tuple[str, str]] = set()
    for path in sorted((folder / "annotations").glob("*.jsonl")):
        for number, text in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not text.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as error:
                raise GoldError(f"{where}: not JSON ({error.msg})") from None
            corpus = corpus_of(raw["id"])
            if corpus not in corpora:
                corpora[corpus] = {line.id: line for line in load_corpus(corpus, shared)}
            line = corpora[corpus].get(raw["id"])
            if line is None or raw.get("lang") not in line.texts:
                raise GoldError(f"{where}: no sentence {raw['id']} in {raw.get('lang')}")
            if (raw["id"], raw["lang"]) in seen:
                raise GoldError(f"{where}: {raw['id']} {raw['lang']} annotated twice")
            seen.add((raw["id"], raw["lang"]))
            gold.append(parse_gold_line(raw, line.texts[raw["lang"]], where))
    lines = {line_id: line for c in corpora.values() for line_id, line in c.items()}
    return gold, lines


def _compatible(q: Quantity, figure: GoldFigure) -> bool:
    if q.kind != figure.kind:
        return False
    span = interval(q)
    if span is None:
        return False
    slack = 1e-6 * max(abs(figure.low) if math.isfinite(figure.low) else 1.0, 1.0)
    return span.low <= figure.high + slack and figure.low - slack <= span.high


@dataclass
class GoldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_line(gold: GoldLine, claims: Iterable[Claim], sentence: str, score: GoldScore) -> None:
    matched: set[int] = set()
    for claim in claims:
        q = claim.quantity
        hit = next(
            (
                i
                for i, f in enumerate(gold.figures)
                if i not in matched and f.start < q.end and q.start < f.end and _compatible(q, f)
            ),
            None,
        )
        if hit is not None:
            matched.add(hit)
            score.tp += 1
            continue
        score.fp += 1
        why = next((w for s, e, w in gold.negatives if s < q.end and q.start < e), "not in gold")
        score.errors.append(
            f"{gold.id} {gold.lang}: false figure {q.surface!r} [{q.kind} {q.value}] ({why})"
            f"\n    {sentence}"
        )
    for i, f in enumerate(gold.figures):
        if i not in matched:
            score.fn += 1
            score.errors.append(
                f"{gold.id} {gold.lang}: missed {f.text!r} [{f.kind} {f.low:g}..{f.high:g}]"
                f"\n    {sentence}"
            )


# development lines may be read to write rules; held-out lines are only scored
SPLITS = {"flores-dev": "development", "tico19": "development", "flores-devtest": "held-out"}


def score_gold(
    folder: Path | None = None, shared: Path | None = None
) -> dict[str, dict[str, GoldScore]]:
    """Precision and recall per split (development, held-out) and script (and ``all``)."""
    gold, lines = load_gold(folder, shared)
    scores: dict[str, dict[str, GoldScore]] = {}
    by_corpus_lang: dict[tuple[str, str], list[GoldLine]] = {}
    for g in gold:
        by_corpus_lang.setdefault((corpus_of(g.id), g.lang), []).append(g)
    for (corpus, lang), members in sorted(by_corpus_lang.items()):
        # whole documents, so that claims see their article context
        docs = {lines[g.id].doc for g in members}
        doc_lines = [line for line in lines.values() if line.doc in docs]
        claims = claims_by_line(doc_lines, lang)
        split = scores.setdefault(SPLITS[corpus], {})
        score = split.setdefault(lang, GoldScore())
        for g in members:
            score_line(g, claims[g.id], lines[g.id].texts[lang], score)
    for split in scores.values():
        total = GoldScore()
        for s in split.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        split["all"] = total
    return scores


def format_gold_table(scores: dict[str, dict[str, GoldScore]]) -> str:
    rows = [f"{'split':<12} {'script':<8} {'precision':>9} {'recall':>7}   tp/fp/fn"]
    for split, by_lang in scores.items():
        for lang, s in sorted(by_lang.items(), key=lambda kv: (kv[0] == "all", kv[0])):
            rows.append(
                f"{split:<12} {lang:<8} {s.precision:>9.3f} {s.recall:>7.3f}   {s.tp}/{s.fp}/{s.fn}"
            )
    return "\n".join(rows)


def _figures_agree(a: GoldFigure, b: GoldFigure) -> bool:
    if a.kind != b.kind or not (a.start < b.end and b.start < a.end):
        return False
    slack = 1e-6 * max(abs(a.low) if math.isfinite(a.low) else 1.0, 1.0)
    return a.low <= b.high + slack and b.low - slack <= a.high


def agreement(
    first: Path, second: Path, shared: Path | None = None
) -> dict[str, GoldScore]:
    """How far two annotators agree on the lines both annotated, per script.

    ``first`` is read as the reference: precision is the share of the second annotator's
    figures the first also marked (same span, kind and value), recall the converse. It is
    the ceiling any extractor can be measured against with this gold."""
    ref, _ = load_gold(first, shared)
    other, _ = load_gold(second, shared)
    by_key = {(g.id, g.lang): g for g in ref}
    scores: dict[str, GoldScore] = {}
    for g in other:
        r = by_key.get((g.id, g.lang))
        if r is None:
            continue
        score = scores.setdefault(g.lang, GoldScore())
        matched: set[int] = set()
        for f in g.figures:
            hit = next(
                (i for i, rf in enumerate(r.figures) if i not in matched and _figures_agree(rf, f)),
                None,
            )
            if hit is None:
                score.fp += 1
                score.errors.append(f"{g.id} {g.lang}: only the second marked {f.text!r}")
            else:
                matched.add(hit)
                score.tp += 1
        for i, rf in enumerate(r.figures):
            if i not in matched:
                score.fn += 1
                score.errors.append(f"{g.id} {g.lang}: only the first marked {rf.text!r}")
    return scores
