"""Verdicts for candidate pairs: agree, contradict, unclear — each with a reason.

The matcher proposes pairs whose contexts look alike; this module decides from the
normalised quantities, the subject (entities + metric) and the time scope:

- agree: nothing says the subjects differ, and the two values are compatible once
  hedges, ranges and rounding are taken into account;
- contradict: the same entities and metric, no sign of different periods, and values
  that cannot both be true;
- unclear: the same subject but not comparable — another currency, another unit, a
  different period, or a market figure from unknown days.

Different periods are never a contradiction, and the same number about different
subjects is never an agreement: a pair whose entities or metrics conflict gets no
verdict at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .formatting import describe_dated, describe_periods, format_quantity
from .model import Claim, PairVerdict, Quantity

# Minimum context similarity by how much of the subject is confirmed by the text
# itself (entity and metric both, one of them, neither). Calibrated on the
# development story in tests/heldout (see docs/accuracy.md), not on the seed corpus.
MIN_SCORE_BY_EVIDENCE = {2: 0.30, 1: 0.50, 0: 0.70}
# A contradiction between claims that do not both name the same entities needs at
# least this similarity (calibrated on the development story, see docs/accuracy.md).
UNNAMED_CONTRADICTION_SCORE = 0.50
# One side naming someone the other does not ("China's 125% tariff on US goods" vs "the
# US 100% tariff") hints at a different subject: ask for more similarity still.
OVERLAP_PENALTY = 0.10


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        if max(self.low, other.low) <= min(self.high, other.high):
            return True
        finite = [abs(x) for x in (self.low, self.high, other.low, other.high) if math.isfinite(x)]
        slack = 1e-9 * max(finite + [1.0])  # float noise only, never an open bound
        return max(self.low, other.low) <= min(self.high, other.high) + slack


def interval(q: Quantity) -> Interval | None:
    """What the claim allows, widened by the rounding of the figure as written."""
    # Trailing zeros make the written precision coarse (100% -> ±50 by the last
    # non-zero digit); rounding never hides more than 5% of the value.
    tol = q.tolerance if q.value is None else min(q.tolerance, 0.05 * abs(q.value))
    if q.hedge == "about" and q.value is not None:
        # "about 4.8" means 4.8 give or take its rounding or 2%, whichever is wider:
        # wide enough for "约43亿" ~ $4.27 billion, narrow enough that "about $4.8
        # billion" does not swallow 4.5.
        margin = max(tol, 0.02 * abs(q.value))
        return Interval(q.value - margin, q.value + margin)
    low = q.low if q.low is not None else (q.value if q.hedge is None else None)
    high = q.high if q.high is not None else (q.value if q.hedge is None else None)
    if q.hedge in ("more_than", "at_least") and q.low is None:
        low = q.value
    if q.hedge in ("less_than", "up_to") and q.high is None:
        high = q.value
    if low is None and high is None:
        return None
    return Interval(
        -math.inf if low is None else low - tol,
        math.inf if high is None else high + tol,
    )


# --- time ------------------------------------------------------------------------

_GRAIN = (
    ("day", re.compile(r"^(\d{4}|-)-\d{2}-\d{2}$")),
    ("month", re.compile(r"^(\d{4}|-)-\d{2}$")),
    ("fiscal quarter", re.compile(r"^FY(\d{4})?-Q[1-4]$")),
    ("quarter", re.compile(r"^(\d{4}|-)-Q[1-4]$")),
    ("half", re.compile(r"^(\d{4}|-)-H[12]$")),
    ("fiscal year", re.compile(r"^FY\d{4}$")),
    ("year", re.compile(r"^\d{4}$")),
)


def time_grain(label: str | None) -> str | None:
    """The granularity of a time label; None for unknown or relative ("last-year")."""
    if not label:
        return None
    return next((grain for grain, pattern in _GRAIN if pattern.match(label)), None)


@lru_cache(maxsize=65536)  # a comparison has few distinct pairs of time labels
def time_relation(a: str | None, b: str | None) -> str:
    """'same', 'different', 'mixed' (cannot tell: day vs quarter, FY vs calendar) or 'unknown'."""
    grain_a, grain_b = time_grain(a), time_grain(b)
    if grain_a is None or grain_b is None or a is None or b is None:
        return "unknown"
    if grain_a != grain_b:
        return "mixed"
    if _yearless(a) or _yearless(b):
        # "--04-16", "--Q3", "FY-Q1" carry no year: compare what they do carry
        parts = 2 if grain_a == "day" else 1
        return "same" if a.split("-")[-parts:] == b.split("-")[-parts:] else "different"
    return "same" if a == b else "different"


def _yearless(label: str) -> bool:
    return label.startswith("-") or label.startswith("FY-")


# --- subject -----------------------------------------------------------------------


def entity_relation(a: Claim, b: Claim) -> str:
    """'same' (equal sets), 'overlap', 'conflict' (disjoint) or 'unknown' (one side has none)."""
    return _entity_relation(a.entities, b.entities, a.entities_inferred != b.entities_inferred)


@lru_cache(maxsize=65536)  # one per pair of entity sets: a comparison has few distinct ones
def _entity_relation(ea_all: tuple[str, ...], eb_all: tuple[str, ...], one_inferred: bool) -> str:
    # Products (names with digits: H20, LX900) and names (NVIDIA, China) are compared
    # apart: "the LX-900" and "Lumora" do not conflict, "H20" and "H100" do.
    # Names in Han script that no alias ties to a Latin name ("青云" and "Qingyun") cannot
    # be compared across scripts either.
    relations = []
    for kind in ("product", "latin name", "han name"):
        ea = {e for e in ea_all if _entity_kind(e) == kind}
        eb = {e for e in eb_all if _entity_kind(e) == kind}
        if ea and eb:
            relations.append("same" if ea == eb else "overlap" if ea & eb else "conflict")
    if not relations:
        return "unknown"
    if "conflict" in relations:
        # A subject inferred on one side only (from the article's topic or the previous
        # sentence) may be wrong, so it proves nothing against a name in the text; two
        # articles whose topics differ are about different things.
        return "unknown" if one_inferred else "conflict"
    return "same" if all(r == "same" for r in relations) else "overlap"


def products_conflict(a: Claim, b: Claim) -> bool:
    """Both claims name products and no product is shared ("H20" vs "H100"): the same
    number then belongs to different things, whatever else the sentences share."""
    pa = {e for e in a.entities if _entity_kind(e) == "product"}
    pb = {e for e in b.entities if _entity_kind(e) == "product"}
    return bool(pa and pb and not pa & pb) and a.entities_inferred == b.entities_inferred


def _entity_kind(name: str) -> str:
    if any(c.isdigit() for c in name):
        return "product"
    return "han name" if any("\u4e00" <= c <= "\u9fff" for c in name) else "latin name"


def metric_relation(a: Claim, b: Claim) -> str:
    """'same', 'conflict', 'narrower' (one side qualified: "data-center revenue") or 'unknown'."""
    if a.metric is None or b.metric is None:
        return "unknown"
    if a.metric != b.metric:
        return "conflict"
    qa, qb = a.qualifier, b.qualifier
    if qa == qb:
        return "same"
    if qa and qb and qa.isascii() and qb.isascii():
        return "conflict"  # "gaap" vs "non-gaap": two different measures
    return "narrower"  # one side narrows the metric, or two scripts we cannot compare


_BASES = {
    family: {name: re.compile(pattern) for name, pattern in bases.items()}
    for family, bases in lexicon.MEASURE_BASES.items()
}
_CLAUSE_END = re.compile(r"[，,;；。:：()（）!?！？\n]")


def measure_bases(claim: Claim) -> dict[str, str]:
    """Per family of lexicon.MEASURE_BASES, the one basis the figure's own clause names
    (none where it names none, or two: "adjusted EPS of $1.12 and GAAP EPS of $0.98")."""
    from .segment import to_simplified

    text, at = claim.sentence.text, claim.quantity.start - claim.sentence.start
    end = at + len(claim.quantity.surface)
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, max(at, 0))]
    stop = _CLAUSE_END.search(text, end)
    clause = to_simplified(text[starts[-1] if starts else 0 : stop.start() if stop else None])
    clause = clause.lower()
    found = {}
    for family, bases in _BASES.items():
        named = [name for name, pattern in bases.items() if pattern.search(clause)]
        if len(named) == 1:
            found[family] = named[0]
    return found


def bases_conflict(a: Claim, b: Claim) -> tuple[str, str] | None:
    """The two bases, where the figures are measured on different ones of one family."""
    ba, bb = measure_bases(a), measure_bases(b)
    for family in ba.keys() & bb.keys():
        if ba[family] != bb[family]:
            return ba[family], bb[family]
    return None


# Two differing figures more than this many times apart are not one claim misreported,
# unless the digits are the same and only the scale slipped ("5.5 million" for "5.5
# billion", 35 mm for 35 cm). Of the 897 assigned training pairs that far apart without
# a slip (python -m factcheck.training's data, aligned by pairs_v3), not one was the same
# claim; of the 791 within it, 109 were.
FAR_APART = 10.0


def magnitudes_apart(a: Quantity, b: Quantity) -> bool:
    """The figures are more than FAR_APART times apart, and not by a slip of scale."""
    if a.value is None or b.value is None or not a.value or not b.value:
        return False
    low, high = sorted((abs(a.value), abs(b.value)))
    return high / low > FAR_APART and _digits(a.value) != _digits(b.value)


def _digits(value: float) -> str:
    return f"{abs(value):.6e}".split("e")[0].replace(".", "").rstrip("0")


# --- the verdict -----------------------------------------------------------------------


def judge_pair(a: Claim, b: Claim, score: float) -> PairVerdict | None:
    """The verdict for two claims from different sources, or None when unrelated."""
    if a.source_id == b.source_id or a.quantity.kind != b.quantity.kind:
        return None
    entities, metric = entity_relation(a, b), metric_relation(a, b)
    if "conflict" in (entities, metric):
        return None  # the same number about different subjects is never an agreement
    evidence = (entities in ("same", "overlap")) + (metric in ("same", "narrower"))
    if score < MIN_SCORE_BY_EVIDENCE[evidence]:
        return None

    def verdict(kind: str, why: str) -> PairVerdict:
        first, second = sorted((a.id, b.id), key=_claim_order)
        return PairVerdict(first, second, kind, round(float(score), 4), why)  # type: ignore[arg-type]

    qa, qb = a.quantity, b.quantity
    if qa.unit != qb.unit:
        if evidence < 2:
            return None
        label = "currencies" if qa.kind == "money" else "units"
        return verdict("unclear", f"different {label} ({qa.unit} vs {qb.unit}); no conversion rate")
    span_a, span_b = interval(qa), interval(qb)
    if span_a is None or span_b is None:
        return None
    when = time_relation(a.time, b.time)
    if _timeless(a) and _timeless(b):
        when = "same"  # a chip's memory does not change with the date of the article
    values_fit = span_a.overlaps(span_b)
    if when == "different":
        if evidence < 2:
            return None
        periods = describe_periods(a.time, b.time)
        return verdict("unclear", f"different periods ({periods}): {_values(qa, qb)}")
    if values_fit and _both_open_apart(qa, qb):
        # "over 2%" and "over 5%" can both be true, yet neither supports the other
        if evidence < 2:
            return None
        return verdict("unclear", f"bounds, not figures: {_values(qa, qb)}")
    volatile = a.metric in lexicon.VOLATILE_METRICS
    if volatile and when != "same":
        # a share price that matches on two unknown days proves nothing either way
        return verdict("unclear", f"market figure, day not stated in both: {_values(qa, qb)}")
    if values_fit:
        reason = "same figure" if _same_point(qa, qb) else "consistent after rounding and hedges"
        periods = describe_periods(a.time, b.time)
        note = f"; periods labelled differently ({periods})" if when == "mixed" else ""
        return verdict("agree", f"{reason}: {_values(qa, qb)}{note}")
    # The values conflict. Only call it a contradiction when the subject is certain.
    # With the same names on both sides the subject is certain; without, only a
    # similar context makes it so.
    needed = UNNAMED_CONTRADICTION_SCORE + (OVERLAP_PENALTY if entities == "overlap" else 0.0)
    certain = metric == "same" and (entities == "same" or score >= needed)
    if not certain:
        return None
    if when == "unknown" and (time_grain(a.time) or time_grain(b.time)):
        # one source dates the figure and the other does not: they may well be figures
        # for different periods (a quarter's deliveries and June's)
        dated = a if time_grain(a.time) else b
        only = describe_dated(dated.source_id, dated.time)
        return verdict("unclear", f"period stated in one source only, {only}: {_values(qa, qb)}")
    if when == "mixed":
        periods = describe_periods(a.time, b.time)
        return verdict("unclear", f"periods not comparable ({periods}): {_values(qa, qb)}")
    return verdict("contradict", f"{a.subject}: {_values(qa, qb)}")


# Sources are about the same story when at least this many claim pairs say so.
LINKS_FOR_SAME_STORY = 2


def story_evidence(a: Claim, b: Claim, verdict: PairVerdict | None) -> float:
    """How much this pair of claims shows that their two sources tell the same story.

    1 when the claims agree and name the same entities, or carry the same precise figure
    (three or more significant digits: "$4.27 billion" and "42.7億美元"), which
    unrelated stories almost never share; 0.5 for the same figure with a physical or
    money unit ("6,000mAh", "120W"); 0 otherwise. Bare percentages and counts prove
    nothing: every story has a 15%.
    """
    agreed = verdict is not None and verdict.verdict == "agree"
    if agreed and entity_relation(a, b) in ("same", "overlap"):
        return 1.0
    qa, qb = a.quantity, b.quantity
    if qa.unit != qb.unit:
        return 0.0
    span_a, span_b = interval(qa), interval(qb)
    if span_a is None or span_b is None or not span_a.overlaps(span_b):
        return 0.0
    if not _same_point(qa, qb, rounding=True):
        return 0.0
    if _precise(qa) and _precise(qb):
        return 1.0
    return 0.5 if qa.kind not in _COMMON_KINDS else 0.0


_COMMON_KINDS = frozenset({"percent", "percentage_point", "count", "multiple"})


def _precise(q: Quantity) -> bool:
    if q.value is None or q.hedge is not None or q.value == 0:
        return False
    return len(_digits(q.value)) >= 3


def keep_linked(
    judged: list[tuple[Claim, Claim, PairVerdict | None]],
    topics: dict[str, str | None] | None = None,
) -> list[PairVerdict]:
    """The verdicts worth keeping, given every judged candidate pair.

    A verdict whose subjects are not confirmed by names ("growth: 36% vs 27%") is only
    believable when the two sources are otherwise seen to report the same story; in a
    folder of unrelated articles it would pair every growth figure with every other.
    """
    links: dict[tuple[str, str], float] = {}
    for a, b, verdict in judged:
        weight = story_evidence(a, b, verdict)
        if weight:
            key = _source_pair(a, b)
            links[key] = links.get(key, 0.0) + weight
    # Two sources share a story when linked directly, or both linked to a third source
    # (A and C may have no figure in common yet both retell B). One hop only: longer
    # chains drift from story to story through coincidences.
    neighbours: dict[str, set[str]] = {}
    for (x, y), weight in links.items():
        if weight >= LINKS_FOR_SAME_STORY:
            neighbours.setdefault(x, set()).add(y)
            neighbours.setdefault(y, set()).add(x)

    topics = topics or {}

    def same_story(x: str, y: str) -> bool:
        topic_x, topic_y = topics.get(x), topics.get(y)
        comparable = topic_x and topic_y and _entity_kind(topic_x) == _entity_kind(topic_y)
        if comparable and topic_x != topic_y:
            return False  # two articles plainly about different companies or places
        near_x, near_y = neighbours.get(x, set()), neighbours.get(y, set())
        return y in near_x or bool(near_x & near_y)

    kept = []
    for a, b, verdict in judged:
        if verdict is None:
            continue
        named = entity_relation(a, b) in ("same", "overlap")
        if named or same_story(a.source_id, b.source_id):
            kept.append(verdict)
    return kept


def _source_pair(a: Claim, b: Claim) -> tuple[str, str]:
    return (a.source_id, b.source_id) if a.source_id < b.source_id else (b.source_id, a.source_id)


def _timeless(claim: Claim) -> bool:
    metric = claim.metric or ""
    return any(metric.endswith(spec) for spec in lexicon.SPEC_METRICS)


def _values(qa: Quantity, qb: Quantity) -> str:
    return f"{format_quantity(qa)[0]} vs {format_quantity(qb)[0]}"


def bound_far_from_figure(qa: Quantity, qb: Quantity) -> bool:
    """One side a one-sided bound, the other a figure beyond the bound's next step as
    written: "more than $500 million" and "about $30 billion", "at least 6 months" and "1
    year", "up to 7.2%" and "1.3%" can all hold, but state no figure in common. The step
    is the bound's own precision (twice its rounding tolerance: "more than 400" reads
    400 to 500, "more than 1,600" 1,600 to 1,700), so no number is set by hand."""
    for bound, other in ((qa, qb), (qb, qa)):
        span_bound, span_other = interval(bound), interval(other)
        if span_bound is None or span_other is None or bound.value is None:
            continue
        if math.isinf(span_other.low) or math.isinf(span_other.high):
            continue  # the other is a bound too (_both_open_apart)
        step = 2 * bound.tolerance + other.tolerance
        if math.isinf(span_bound.high) and not math.isinf(span_bound.low):
            edge = bound.low if bound.low is not None else bound.value
            if span_other.low > edge + step:
                return True
        if math.isinf(span_bound.low) and not math.isinf(span_bound.high):
            edge = bound.high if bound.high is not None else bound.value
            if span_other.high < edge - step:
                return True
    return False


def range_not_the_figure(qa: Quantity, qb: Quantity) -> bool:
    """A range and a figure that only falls within it, or two ranges that merely overlap:
    "aged 45 to 80" and "aged 58", "18 to 24 months" and "two years", "10% to 15%" and
    "12% to 20%" can all hold, but state no figure in common. A hedged figure ("about
    $4.5 billion" against "$4.4-4.6 billion") and a range's own ends, within rounding, do."""
    ranged = [q for q in (qa, qb) if q.hedge == "range" and q.low is not None
              and q.high is not None]  # fmt: skip
    if not ranged:
        return False
    # a range's tolerance is its coarser end's ("45至80歲": 5 years), too loose to tell its
    # ends apart: the finer of the two figures' rounding decides
    slack = 2 * min(qa.tolerance, qb.tolerance)
    if len(ranged) == 2:
        # two ranges name the same ends however written ("12-15亿", "1.2 to 1.5 billion"):
        # equal within a hundredth
        ends = 0.01 * max(abs(qa.high), abs(qb.high))  # type: ignore[arg-type]
        return not (
            abs(qa.low - qb.low) <= ends and abs(qa.high - qb.high) <= ends  # type: ignore[operator]
        )
    span, point = (qa, qb) if ranged[0] is qa else (qb, qa)
    if point.hedge is not None or point.value is None:
        return False  # "about 45亿", "more than 4亿": a figure as loose as a range
    return not any(abs(point.value - end) <= slack for end in (span.low, span.high))  # type: ignore[operator]


def _both_open_apart(qa: Quantity, qb: Quantity) -> bool:
    """Two bounds open on the same side whose thresholds differ beyond rounding, or open
    on opposite sides ("at least five people" and "fewer than a thousand cases" can both
    hold, yet state no figure in common: no agreement)."""
    ia, ib = interval(qa), interval(qb)
    if ia is None or ib is None:
        return False
    if (math.isinf(ia.high) and math.isinf(ib.low)) or (math.isinf(ia.low) and math.isinf(ib.high)):
        return True
    if math.isinf(ia.high) and math.isinf(ib.high):
        return not (
            ia.low <= ib.low + (qa.tolerance + qb.tolerance)
            and ib.low <= ia.low + (qa.tolerance + qb.tolerance)
        )
    if math.isinf(ia.low) and math.isinf(ib.low):
        return not (
            ia.high <= ib.high + (qa.tolerance + qb.tolerance)
            and ib.high <= ia.high + (qa.tolerance + qb.tolerance)
        )
    return False


def _same_point(qa: Quantity, qb: Quantity, rounding: bool = False) -> bool:
    """Both plain figures with the same value (``rounding``: within what was written)."""
    if qa.hedge is not None or qb.hedge is not None or qa.value is None or qb.value is None:
        return False
    slack = max(qa.tolerance, qb.tolerance) if rounding else 0.0
    return abs(qa.value - qb.value) <= slack + 1e-9 * max(abs(qa.value), 1.0)


@lru_cache(maxsize=65536)
def _claim_order(claim_id: str) -> tuple[tuple[int, str], ...]:
    """Natural order, so s2:c9 comes before s10:c1."""
    return tuple(
        (int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", claim_id)
    )
