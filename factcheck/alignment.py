"""Alignment: which candidate pairs are the same claim, one to one, with a confidence.

The matcher proposes pairs whose contexts look alike. This stage gives each pair
P(same claim), learned from data rather than set by hand, from features that never look
at whether the two values agree (so that a changed figure is still recognised as the same
claim):

- how alike the contexts are (the FAISS cosine), how each claim ranks the other among its
  candidates from that source, and whether each is the other's best (mutual);
- kind, unit, entities (same, overlapping, in conflict: H20 vs H100), metric and period
  (same, explicitly different, stated on one side only);
- how strongly the two sources are otherwise linked (other precise figures they share),
  whether they are in one script, and how far apart in their articles the figures stand.

The weights are data (``factcheck/data/pairs_v1.json``), fitted by
``python -m factcheck.training`` (logistic regression with sign constraints, scipy at
training time only) on the corpus named in its manifest. Within each pair of sources,
claims are then assigned one to one, best score first, so a figure pairs with its
counterpart rather than with every figure of its kind.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from .confidence import confidence_words
from .match import Candidate
from .model import Claim, PairVerdict, Verdict
from .verdict import (
    entity_relation,
    interval,
    metric_relation,
    story_evidence,
    time_grain,
    time_relation,
)

SCORER = "pairs_v1"

FEATURES = (
    "bias", "cosine", "rank_a", "rank_b", "mutual", "same_unit",
    "entity_same", "entity_overlap", "entity_conflict",
    "metric_same", "metric_narrower", "metric_conflict",
    "time_same", "time_different", "time_mixed", "time_one_sided",
    "story_links", "sentence_links",
)  # fmt: skip


@dataclass(frozen=True)
class PairScorer:
    name: str
    weights: np.ndarray  # one per FEATURES entry
    # P(same) at or above which an aligned pair gets a verdict at all
    pair_threshold: float
    # P(same) at or above which a contradiction is called strong (fails check and CI)
    contradiction_threshold: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0)
        z = features @ self.weights
        return 1.0 / (1.0 + np.exp(-z))


@cache
def load_scorer(name: str = SCORER) -> PairScorer:
    data = json.loads(resources.files("factcheck").joinpath(f"data/{name}.json").read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{name}: features {data['features']} do not match this version")
    return PairScorer(
        name=data["name"],
        weights=np.asarray(data["weights"], dtype=float),
        pair_threshold=float(data["pair_threshold"]),
        contradiction_threshold=float(data["contradiction_threshold"]),
    )


def _ranks(candidates: Sequence[Candidate], claims: Sequence[Claim]) -> dict[tuple[int, int], int]:
    """For (i, j): the rank of j among i's candidates from j's source, by score (0 = best)."""
    by_claim_source: dict[tuple[int, str], list[tuple[float, int]]] = defaultdict(list)
    for c in candidates:
        by_claim_source[(c.i, claims[c.j].source_id)].append((c.score, c.j))
        by_claim_source[(c.j, claims[c.i].source_id)].append((c.score, c.i))
    ranks: dict[tuple[int, int], int] = {}
    for (i, _), entries in by_claim_source.items():
        for rank, (_, j) in enumerate(sorted(entries, reverse=True)):
            ranks[(i, j)] = rank
    return ranks


def _source_links(
    candidates: Sequence[Candidate], claims: Sequence[Claim]
) -> tuple[dict[tuple[str, str], float], list[float]]:
    """Per source pair, how many precise figures the two share (and each pair's own part)."""
    links: dict[tuple[str, str], float] = defaultdict(float)
    own = []
    for c in candidates:
        a, b = claims[c.i], claims[c.j]
        weight = story_evidence(a, b, None)
        links[_pair_key(a, b)] += weight
        own.append(weight)
    return links, own


def _pair_key(a: Claim, b: Claim) -> tuple[str, str]:
    return (a.source_id, b.source_id) if a.source_id < b.source_id else (b.source_id, a.source_id)


def _sentence_key(a: Claim, b: Claim) -> tuple:
    ka, kb = (a.source_id, a.sentence.start), (b.source_id, b.sentence.start)
    return (ka, kb) if ka < kb else (kb, ka)


def _agreeing(a: Claim, b: Claim) -> int:
    from .verdict import _same_point

    return int(a.quantity.unit == b.quantity.unit and _same_point(a.quantity, b.quantity, True))


def pair_features(candidates: Sequence[Candidate], claims: Sequence[Claim]) -> np.ndarray:
    """One row of FEATURES per candidate pair. Never from whether the values agree."""
    ranks = _ranks(candidates, claims)
    links, own = _source_links(candidates, claims)
    same_point = [_agreeing(claims[c.i], claims[c.j]) for c in candidates]
    sentence_links: dict[tuple, int] = defaultdict(int)
    for c, agreeing in zip(candidates, same_point, strict=True):
        sentence_links[_sentence_key(claims[c.i], claims[c.j])] += agreeing
    rows = np.zeros((len(candidates), len(FEATURES)))
    column = {name: k for k, name in enumerate(FEATURES)}
    for n, c in enumerate(candidates):
        a, b = claims[c.i], claims[c.j]
        row = rows[n]
        row[column["bias"]] = 1.0
        row[column["cosine"]] = c.score
        rank_a, rank_b = ranks.get((c.i, c.j), 9), ranks.get((c.j, c.i), 9)
        row[column["rank_a"]] = 1.0 / (1 + rank_a)
        row[column["rank_b"]] = 1.0 / (1 + rank_b)
        row[column["mutual"]] = float(rank_a == 0 and rank_b == 0)
        row[column["same_unit"]] = float(a.quantity.unit == b.quantity.unit)
        entities = entity_relation(a, b)
        for name in ("same", "overlap", "conflict"):
            row[column[f"entity_{name}"]] = float(entities == name)
        metric = metric_relation(a, b)
        for name in ("same", "narrower", "conflict"):
            row[column[f"metric_{name}"]] = float(metric == name)
        when = time_relation(a.time, b.time)
        row[column["time_same"]] = float(when == "same")
        row[column["time_different"]] = float(when == "different")
        row[column["time_mixed"]] = float(when == "mixed")
        one_sided = when == "unknown" and bool(time_grain(a.time)) != bool(time_grain(b.time))
        row[column["time_one_sided"]] = float(one_sided)
        # the pair's own figure must not vouch for itself: links from the other figures
        others = links[_pair_key(a, b)] - own[n]
        row[column["story_links"]] = min(others, 5.0) / 5.0
        # other figures of the same two sentences that agree: "the same sentence says the
        # same other things", the strongest sign that a differing figure is one claim
        near = sentence_links[_sentence_key(a, b)] - same_point[n]
        row[column["sentence_links"]] = min(near, 2) / 2
    return rows


@dataclass(frozen=True)
class Aligned:
    i: int
    j: int
    score: float  # context cosine
    confidence: float  # calibrated P(same claim)


def align(
    candidates: Sequence[Candidate],
    claims: Sequence[Claim],
    scorer: PairScorer | None = None,
) -> list[Aligned]:
    """One-to-one pairs of claims within each pair of sources, best P(same) first."""
    scorer = scorer or load_scorer()
    probabilities = scorer.probabilities(pair_features(candidates, claims))
    order = sorted(range(len(candidates)), key=lambda n: -probabilities[n])
    taken: set[tuple[int, str]] = set()  # (claim, other source) already aligned
    aligned = []
    for n in order:
        p = float(probabilities[n])
        if p < scorer.pair_threshold:
            break
        c = candidates[n]
        a, b = claims[c.i], claims[c.j]
        if (c.i, b.source_id) in taken or (c.j, a.source_id) in taken:
            continue
        taken.add((c.i, b.source_id))
        taken.add((c.j, a.source_id))
        aligned.append(Aligned(c.i, c.j, c.score, p))
    return aligned


def values_compatible(a: Claim, b: Claim) -> bool | None:
    """Whether the two figures can both hold (None: not comparable, another unit)."""
    if a.quantity.unit != b.quantity.unit:
        return None
    span_a, span_b = interval(a.quantity), interval(b.quantity)
    if span_a is None or span_b is None:
        return None
    return span_a.overlaps(span_b)


def verdict_for(a: Claim, b: Claim, pair: Aligned) -> PairVerdict | None:
    """agree / contradict / unclear for two aligned claims, with the reason in prose."""
    from .formatting import describe_dated, describe_periods, format_quantity
    from .verdict import _both_open_apart, _claim_order, _same_point, _timeless

    if entity_relation(a, b) == "conflict":
        return None  # H20 vs H100: the same number about different things is no pair

    def verdict(kind: Verdict, why: str) -> PairVerdict:
        first, second = sorted((a.id, b.id), key=_claim_order)
        confidence = round(pair.confidence, 4)
        return PairVerdict(first, second, kind, round(pair.score, 4), why, confidence)

    qa, qb = a.quantity, b.quantity
    values = f"{format_quantity(qa)[0]} vs {format_quantity(qb)[0]}"
    compatible = values_compatible(a, b)
    if compatible is None:
        label = "currencies" if qa.kind == "money" else "units"
        return verdict("unclear", f"different {label} ({qa.unit} vs {qb.unit}), no rate to convert")
    when = "same" if _timeless(a) and _timeless(b) else time_relation(a.time, b.time)
    if when == "different":
        periods = describe_periods(a.time, b.time)
        return verdict("unclear", f"different periods ({periods}): {values}")
    if when == "mixed":
        periods = describe_periods(a.time, b.time)
        return verdict("unclear", f"periods that cannot be compared ({periods}): {values}")
    if compatible and _both_open_apart(qa, qb):
        return verdict("unclear", f"bounds, not figures: {values}")
    if compatible:
        reason = "same figure" if _same_point(qa, qb) else "consistent after rounding and hedges"
        return verdict("agree", f"{reason}: {values}")
    if pair.confidence < load_scorer().contradiction_threshold:
        # the values differ, but the two may not be one claim: say so, do not accuse
        return verdict(
            "unclear", f"different figures, {confidence_words(pair.confidence)}: {values}"
        )
    note = ""
    if when == "unknown" and (time_grain(a.time) or time_grain(b.time)):
        dated = a if time_grain(a.time) else b
        # a period on one side only lowers the confidence (the scorer's time_one_sided)
        # but no longer hides the contradiction: say which source dates its figure
        note = f"; {describe_dated(dated.source_id, dated.time)}"
    return verdict("contradict", f"{a.subject}: {values}{note}")
