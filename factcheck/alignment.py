"""Alignment: which candidate pairs are the same claim, one to one, with a confidence.

The matcher proposes pairs whose contexts look alike. This stage gives each pair
P(same claim), learned from data rather than set by hand, from features that never look
at whether the two values agree (so that a changed figure is still recognised as the same
claim):

- how alike the contexts are (the FAISS cosine), how each claim ranks the other among its
  candidates from that source, and whether each is the other's best (mutual);
- kind, unit, entities (same, overlapping, in conflict: H20 vs H100), metric and period
  (same, explicitly different, stated on one side only);
- how alike the two whole sentences are (numbers masked, script folded), whether each is
  the other's best sentence in its source (mutual), and how many other sentences of the
  two sources are each other's best: translations and rewrites of one story align
  sentence by sentence, unrelated articles do not;
- how alike the sentences just before and just after each claim's own are: in a
  translation or a close rewrite the neighbours align too, between two articles that
  merely share a phrase they do not;
- how strongly the two sources are otherwise linked (other precise figures they share),
  and how far apart in their articles the figures stand.

The fit is data (``factcheck/data/pairs_v4.json``: shallow gradient-boosted trees, monotone
in every feature, read with numpy by ``factcheck.trees``), made by
``python -m factcheck.training`` (scikit-learn at training time only) on the corpus named
in its manifest. Within each pair of sources,
claims are then assigned one to one, best score first, so a figure pairs with its
counterpart rather than with every figure of its kind.
"""

from __future__ import annotations

import dataclasses
import json
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from .confidence import confidence_words
from .formatting import describe_dated, describe_periods, format_quantity
from .match import Candidate, SentenceVectors
from .model import Claim, PairVerdict, Verdict
from .trees import TreeEnsemble
from .verdict import (
    _COMMON_KINDS,
    _both_open_apart,
    _claim_order,
    _precise,
    _same_point,
    _timeless,
    bases_conflict,
    bound_far_from_figure,
    entity_relation,
    interval,
    magnitudes_apart,
    metric_relation,
    products_conflict,
    range_not_the_figure,
    story_evidence,
    time_grain,
    time_relation,
)

if TYPE_CHECKING:
    from .embed import Embedder

SCORER = "pairs_v4"

# the features that compare the sentences around two claims: unknown for a database's
# claims, which PairScorer.without_neighbours scores without
NEIGHBOUR_FEATURES = (
    "adjacent_cosine", "adjacent_close", "adjacent_unknown", "alone_among_adjacent",
)  # fmt: skip

FEATURES = (
    "bias", "cosine", "rank_a", "rank_b", "mutual", "same_unit",
    "entity_same", "entity_overlap", "entity_conflict",
    "metric_same", "metric_narrower", "metric_conflict",
    "time_same", "time_different", "time_mixed", "time_one_sided",
    "story_links", "sentence_links",
    "sentence_cosine", "sentence_rank_a", "sentence_rank_b", "sentence_mutual",
    "story_sentences", "position_gap", "source_cosine", "only_of_kind", "same_order",
    "cosine_close", "sentence_close", "mutual_in_story", "alone_in_story",
    *NEIGHBOUR_FEATURES,
)  # fmt: skip
_ADJACENT_UNKNOWN = FEATURES.index("adjacent_unknown")

# Past this many characters a "sentence" (a transcript without full stops) is not embedded
# whole: the claim's own bounded context stands in for it.
SENTENCE_LIMIT = 400
# a pair of sentences counts as a link between two sources when each is the other's best
# in that source and their cosine is at least this
LINKED_SENTENCE = 0.3


@dataclass(frozen=True)
class PairScorer:
    name: str
    # the fit: boosted trees over FEATURES (pairs_v4), or one weight per FEATURES entry
    # (a logistic regression: pairs_v3 and before, and scorers tests build by hand)
    weights: np.ndarray | TreeEnsemble
    # P(same) at or above which an aligned pair gets a verdict at all
    pair_threshold: float
    # P(same) at or above which two aligned figures that are one telling number (a precise
    # figure, a unit) are called an agreement: a matching value is evidence too, so this
    # may lie below pair_threshold
    agree_threshold: float
    # P(same) at or above which a contradiction is called strong (fails check and CI)
    contradiction_threshold: float
    # How often two aligned figures that agree are the same claim, by P(same): for a telling
    # match (a precise figure, a unit) and a plain one. An agreement's confidence is this,
    # not P(same) alone, which never looks at the values. (upper bin edge, share) pairs.
    agree_calibration: dict[str, tuple[tuple[float, float], ...]] = dataclasses.field(
        default_factory=dict
    )
    # the same for two aligned figures that agree without being telling ("3.1%" and "年增
    # 3.1%"); never above pair_threshold (None: pair_threshold)
    plain_agree_threshold: float | None = None
    # the same fit without NEIGHBOUR_FEATURES, for the pairs whose neighbouring sentences
    # cannot be compared (``adjacent_unknown``: one-sentence sources, a database's claims,
    # a first sentence against a last); None: ``weights`` for every pair
    without_neighbours: np.ndarray | TreeEnsemble | None = None

    def agrees_at(self, telling: bool) -> float:
        """The least P(same) at which two aligned, compatible figures are an agreement."""
        if telling:
            return min(self.agree_threshold, self.pair_threshold)
        plain = self.plain_agree_threshold
        return self.pair_threshold if plain is None else min(plain, self.pair_threshold)

    def agreement_confidence(self, p: float, telling: bool) -> float:
        """How sure an agreement is: the share of training agreements at this P(same) that
        were one claim (P itself where the fit wrote no table)."""
        table = self.agree_calibration.get("telling" if telling else "plain")
        if not table:
            return p
        share = next((share for upper, share in table if p <= upper), table[-1][1])
        # a share of 1.0 in training is no certainty: never say more than 0.99
        return min(max(p, share), 0.99)

    @property
    def lowest(self) -> float:
        """The least P(same) at which an aligned pair can get any verdict."""
        return min(self.pair_threshold, self.agrees_at(True), self.agrees_at(False))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(same claim) per row of FEATURES. A pair whose neighbouring sentences cannot be
        compared is scored without them: their absence is no evidence either way."""
        if not len(features):
            return np.zeros(0)
        if self.without_neighbours is None:
            z = _logits(self.weights, features)
        else:
            unknown = features[:, _ADJACENT_UNKNOWN] > 0
            z = np.empty(len(features))
            z[~unknown] = _logits(self.weights, features[~unknown])
            z[unknown] = _logits(self.without_neighbours, features[unknown])
        return 1.0 / (1.0 + np.exp(-z))


def _logits(model: np.ndarray | TreeEnsemble, features: np.ndarray) -> np.ndarray:
    if isinstance(model, TreeEnsemble):
        return model.logits(features)
    return np.asarray(features @ model, dtype=float)


@cache
def load_scorer(name: str = SCORER) -> PairScorer:
    data = json.loads(resources.files("factcheck").joinpath(f"data/{name}.json").read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{name}: features {data['features']} do not match this version")
    return PairScorer(
        name=data["name"],
        weights=(
            TreeEnsemble.from_json(data["trees"]) if "trees" in data
            else np.asarray(data["weights"], dtype=float)
        ),  # fmt: skip
        pair_threshold=float(data["pair_threshold"]),
        agree_threshold=float(data["agree_threshold"]),
        contradiction_threshold=float(data["contradiction_threshold"]),
        plain_agree_threshold=data.get("plain_agree_threshold"),
        without_neighbours=(
            TreeEnsemble.from_json(data["trees_without_neighbours"])
            if "trees_without_neighbours" in data
            else np.asarray(data["weights_without_neighbours"], dtype=float)
            if "weights_without_neighbours" in data else None
        ),
        agree_calibration={
            name: tuple((float(upper), float(share)) for upper, share in rows)
            for name, rows in data.get("agree_calibration", {}).items()
        },
    )


def sentence_text(claim: Claim) -> str:
    """What is embedded for a claim's sentence: all of it, numbers masked, script folded."""
    text = claim.sentence.text
    return claim.context if len(text) > SENTENCE_LIMIT else _masked(text)


@lru_cache(maxsize=8192)
def _masked(text: str) -> str:
    from .extract import mask_numbers
    from .segment import to_simplified

    return " ".join(to_simplified(mask_numbers(text)).split())


def embed_sentences(
    claims: Sequence[Claim],
    embedder: Embedder,
    jobs: int = 1,
    texts: Mapping[str, str] | None = None,
) -> SentenceVectors:
    """One vector per distinct sentence text of ``claims`` and, where ``texts`` (source id
    -> its text) holds a claim's source, of the sentences either side of the claim's own."""
    from .embed import distinct_texts

    own = [sentence_text(c) for c in claims]
    adjacent = adjacent_texts(claims, texts or {})
    beside = [text for pair in adjacent for text in pair if text is not None]
    distinct, rows = distinct_texts(own + beside)
    row = np.asarray(rows, dtype=np.int64)
    places = np.full((len(claims), 2), -1, dtype=np.int64)
    taken = len(claims)
    for n, pair in enumerate(adjacent):
        for side, text in enumerate(pair):
            if text is not None:
                places[n, side] = row[taken]
                taken += 1
    vectors = embedder.embed(distinct, jobs=jobs)
    return SentenceVectors(vectors, row[: len(claims)], places)


def adjacent_texts(
    claims: Sequence[Claim], texts: Mapping[str, str]
) -> list[tuple[str | None, str | None]]:
    """Per claim, the sentence before and the one after its own in its source, as
    sentence_text gives them (None: there is none, or the source's text is not known)."""
    from .segment import sentence_spans

    spans: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
    out: list[tuple[str | None, str | None]] = []
    for claim in claims:
        text = texts.get(claim.source_id)
        if text is None:
            out.append((None, None))
            continue
        if claim.source_id not in spans:
            cut = sentence_spans(text)
            spans[claim.source_id] = ([start for start, _ in cut], cut)
        starts, cut = spans[claim.source_id]
        at = bisect_right(starts, claim.sentence.start) - 1
        before = _neighbour(text, cut[at - 1]) if at > 0 else None
        after = _neighbour(text, cut[at + 1]) if 0 <= at < len(cut) - 1 else None
        out.append((before, after))
    return out


def _neighbour(text: str, span: tuple[int, int]) -> str:
    start, end = span
    # a neighbour is context, not a claim: its first SENTENCE_LIMIT characters say enough
    return _masked(text[start : min(end, start + SENTENCE_LIMIT)])


def _adjacent_columns(
    ix: _Indexed, sentences: SentenceVectors | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate, the mean cosine of the two claims' previous sentences and of their
    next ones (the sides both have), and whether neither side could be compared."""
    size = len(ix.i)
    if sentences is None or sentences.adjacent is None:
        return np.zeros(size), np.ones(size)
    total, sides = np.zeros(size), np.zeros(size)
    for side in (0, 1):
        left, right = sentences.adjacent[ix.i, side], sentences.adjacent[ix.j, side]
        both = (left >= 0) & (right >= 0)
        total[both] += _row_cosines(sentences.vectors, left[both], right[both])
        sides += both
    return np.where(sides > 0, total / np.maximum(sides, 1), 0.0), (sides == 0).astype(float)


@dataclass(frozen=True)
class _Indexed:
    """The candidates and their claims as arrays, built once per scoring: each candidate's
    claims (i, j) and context cosine, each claim's sentence and source as ints."""

    i: np.ndarray
    j: np.ndarray
    scores: np.ndarray
    sentence: np.ndarray
    source: np.ndarray


def _indexed(candidates: Sequence[Candidate], claims: Sequence[Claim]) -> _Indexed:
    size = len(candidates)
    sentence, source = _claim_ids(claims)
    return _Indexed(
        np.fromiter((c.i for c in candidates), dtype=np.int64, count=size),
        np.fromiter((c.j for c in candidates), dtype=np.int64, count=size),
        np.fromiter((c.score for c in candidates), dtype=float, count=size),
        sentence, source,
    )  # fmt: skip


def _ranks(ix: _Indexed) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate (i, j): the rank of j among i's candidates from j's source by score,
    and of i among j's from i's source (0 = best)."""
    i, j, source = ix.i, ix.j, ix.source
    return _ranks_within(i, source[j], j, ix.scores), _ranks_within(j, source[i], i, ix.scores)


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
    return int(a.quantity.unit == b.quantity.unit and _same_point(a.quantity, b.quantity, True))


def _claim_ids(claims: Sequence[Claim]) -> tuple[np.ndarray, np.ndarray]:
    """Per claim, an int for its sentence (source and start) and one for its source."""
    sentence_ids: dict[tuple[str, int], int] = {}
    source_ids: dict[str, int] = {}
    sentence = np.fromiter(
        (sentence_ids.setdefault((c.source_id, c.sentence.start), len(sentence_ids))
         for c in claims), dtype=np.int64, count=len(claims),
    )  # fmt: skip
    source = np.fromiter(
        (source_ids.setdefault(c.source_id, len(source_ids)) for c in claims),
        dtype=np.int64, count=len(claims),
    )  # fmt: skip
    return sentence, source


def _ranks_within(group: np.ndarray, other_source: np.ndarray, item: np.ndarray,
                  score: np.ndarray) -> np.ndarray:  # fmt: skip
    """For each row, the rank of ``item`` among the distinct items of its (group,
    other_source) by score, best first (0); ties by item. Rows repeating an item share
    its rank (a pair of sentences proposes several claim pairs)."""
    order = np.lexsort((item, -score, other_source, group))
    g, o, it = group[order], other_source[order], item[order]
    new_group = np.ones(len(order), dtype=bool)
    new_group[1:] = (g[1:] != g[:-1]) | (o[1:] != o[:-1])
    new_item = new_group.copy()
    new_item[1:] |= it[1:] != it[:-1]
    seen = np.cumsum(new_item)
    starts = np.maximum.accumulate(np.where(new_group, np.arange(len(order)), 0))
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = seen - seen[starts]
    return ranks


def _positions(claims: Sequence[Claim]) -> np.ndarray:
    """Each claim's place in its source, 0 (first figure) to 1 (last)."""
    count: dict[str, int] = defaultdict(int)
    for claim in claims:
        count[claim.source_id] += 1
    seen: dict[str, int] = defaultdict(int)
    places = np.zeros(len(claims))
    for n, claim in enumerate(claims):
        places[n] = seen[claim.source_id] / max(count[claim.source_id] - 1, 1)
        seen[claim.source_id] += 1
    return places


def _sentence_columns(
    ix: _Indexed, claims: Sequence[Claim], sentences: SentenceVectors | None
) -> np.ndarray:
    """sentence_cosine, sentence_rank_a/_b, sentence_mutual, story_sentences, position_gap,
    source_cosine, only_of_kind, same_order: vectorised, as there is one row per candidate."""
    i, j, source = ix.i, ix.j, ix.source
    size = len(i)
    if sentences is None:  # no sentence vectors (an old caller): the contexts stand in
        cosines = ix.scores
    else:
        cosines = _row_cosines(sentences.vectors, sentences.rows[i], sentences.rows[j])
    sa, sb, src_a, src_b = ix.sentence[i], ix.sentence[j], source[i], source[j]
    rank_a = _ranks_within(sa, src_b, sb, cosines)
    rank_b = _ranks_within(sb, src_a, sa, cosines)
    mutual = (rank_a == 0) & (rank_b == 0)
    out = np.zeros((size, 9))
    out[:, 0] = cosines
    out[:, 1], out[:, 2], out[:, 3] = 1.0 / (1 + rank_a), 1.0 / (1 + rank_b), mutual
    # other pairs of sentences of the same two sources that are each other's best
    linked = mutual & (cosines >= LINKED_SENTENCE)
    pair_of_sources = np.minimum(src_a, src_b) * (len(claims) + 1) + np.maximum(src_a, src_b)
    key = np.stack([pair_of_sources, np.minimum(sa, sb), np.maximum(sa, sb)], axis=1)[linked]
    distinct = np.unique(key, axis=0)[:, 0] if len(key) else np.zeros(0, dtype=np.int64)
    links = _count_of(distinct, pair_of_sources) - linked  # the pair's own sentences aside
    out[:, 4] = np.minimum(links, 3) / 3
    places = _positions(claims)
    out[:, 5] = np.abs(places[i] - places[j])
    gist = _gists(claims, sentences, source)
    if gist is not None:
        out[:, 6] = _row_cosines(gist, src_a, src_b)
    # in two sentences that say one thing, the lone figure of a kind on each side is the
    # pair; with several, the first goes with the first
    order, count = _order_in_sentence(claims)
    alone = (count[i] == 1) & (count[j] == 1)
    out[:, 7] = alone
    out[:, 8] = ~alone & (order[i] == order[j])
    return out


def _count_of(keys: np.ndarray, lookup: np.ndarray) -> np.ndarray:
    """How often each value of ``lookup`` occurs in ``keys``."""
    values, counts = np.unique(keys, return_counts=True)
    if not len(values):
        return np.zeros(len(lookup), dtype=np.int64)
    where = np.clip(np.searchsorted(values, lookup), 0, len(values) - 1)
    return np.where(values[where] == lookup, counts[where], 0)


def _row_cosines(vectors: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """vectors[left[n]] . vectors[right[n]] for each n, a block at a time."""
    out = np.empty(len(left))
    for start in range(0, len(left), 8192):
        a = vectors[left[start : start + 8192]]
        b = vectors[right[start : start + 8192]]
        out[start : start + len(a)] = np.einsum("nd,nd->n", a, b)
    return out


def _order_in_sentence(claims: Sequence[Claim]) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's place among the claims of its kind in its sentence, and how many."""
    seen: dict[tuple[str, int, str], int] = defaultdict(int)
    order = []
    for claim in claims:
        key = (claim.source_id, claim.sentence.start, claim.quantity.kind)
        order.append(seen[key])
        seen[key] += 1
    count = [
        seen[(claim.source_id, claim.sentence.start, claim.quantity.kind)] for claim in claims
    ]
    return np.asarray(order), np.asarray(count)


def _gists(
    claims: Sequence[Claim], sentences: SentenceVectors | None, source: np.ndarray
) -> np.ndarray | None:
    """Per source (its int id), the normalised mean of its distinct sentence vectors: what
    the source is about."""
    if sentences is None or not len(claims):
        return None
    rows: dict[int, set[int]] = defaultdict(set)
    for n, row in enumerate(sentences.rows):
        rows[int(source[n])].add(int(row))
    gists = np.zeros((int(source.max()) + 1, sentences.vectors.shape[1]))
    for at, members in rows.items():
        mean = sentences.vectors[sorted(members)].mean(axis=0)
        gists[at] = mean / (np.linalg.norm(mean) or 1.0)
    return gists


def pair_features(
    candidates: Sequence[Candidate],
    claims: Sequence[Claim],
    sentences: SentenceVectors | None = None,
) -> np.ndarray:
    """One row of FEATURES per candidate pair. Never from whether the values agree."""
    ix = _indexed(candidates, claims)
    ranks = _ranks(ix) if len(candidates) else (np.zeros(0), np.zeros(0))
    links, own = _source_links(candidates, claims)
    same_point = [_agreeing(claims[c.i], claims[c.j]) for c in candidates]
    sentence_links: dict[tuple, int] = defaultdict(int)
    for c, agreeing in zip(candidates, same_point, strict=True):
        sentence_links[_sentence_key(claims[c.i], claims[c.j])] += agreeing
    rows = np.zeros((len(candidates), len(FEATURES)))
    column = {name: k for k, name in enumerate(FEATURES)}
    rows[:, column["bias"]] = 1.0
    if len(candidates):
        rows[:, column["cosine"]] = ix.scores
        rank_a, rank_b = ranks
        rows[:, column["rank_a"]] = 1.0 / (1 + rank_a)
        rows[:, column["rank_b"]] = 1.0 / (1 + rank_b)
        rows[:, column["mutual"]] = (rank_a == 0) & (rank_b == 0)
        names = ("same_unit", "entity_same", "entity_overlap", "entity_conflict", "metric_same",
                 "metric_narrower", "metric_conflict", "time_same", "time_different",
                 "time_mixed", "time_one_sided", "story_links", "sentence_links")  # fmt: skip
        relations = [
            _relation_row(claims[c.i], claims[c.j], links, own[n], sentence_links, same_point[n])
            for n, c in enumerate(candidates)
        ]
        rows[:, [column[name] for name in names]] = np.array(relations, dtype=float)
    if len(candidates):
        sentence_columns = _sentence_columns(ix, claims, sentences)
        rows[:, column["sentence_cosine"] : column["cosine_close"]] = sentence_columns
        # how far past CLOSE each cosine is: near copies of a clause or a sentence are
        # worth more than a linear step up from an ordinary match
        rows[:, column["cosine_close"]] = _past_close(rows[:, column["cosine"]])
        rows[:, column["sentence_close"]] = _past_close(rows[:, column["sentence_cosine"]])
        # in two sources that tell one story, a mutual best match, or the lone figure of a
        # kind in two matching sentences, says more than it does between strangers
        story = rows[:, column["story_sentences"]]
        mutual = np.maximum(rows[:, column["mutual"]], rows[:, column["sentence_mutual"]])
        rows[:, column["mutual_in_story"]] = mutual * story
        rows[:, column["alone_in_story"]] = rows[:, column["only_of_kind"]] * story
        adjacent, unknown = _adjacent_columns(ix, sentences)
        rows[:, column["adjacent_cosine"]] = adjacent
        rows[:, column["adjacent_close"]] = _past_close(adjacent)
        rows[:, column["adjacent_unknown"]] = unknown
        # the lone figure of its kind in a sentence whose neighbours match too
        rows[:, column["alone_among_adjacent"]] = (
            rows[:, column["only_of_kind"]] * rows[:, column["adjacent_close"]]
        )
    return rows


def _relation_row(
    a: Claim,
    b: Claim,
    links: dict[tuple[str, str], float],
    own: float,
    sentence_links: dict[tuple, int],
    same_point: int,
) -> tuple[float, ...]:
    """same_unit, the entity, metric and time relations, story_links and sentence_links
    of one candidate pair (pair_features' columns in that order)."""
    entities, metric = entity_relation(a, b), metric_relation(a, b)
    when = time_relation(a.time, b.time)
    one_sided = when == "unknown" and bool(time_grain(a.time)) != bool(time_grain(b.time))
    # the pair's own figure must not vouch for itself: links from the other figures
    others = links[_pair_key(a, b)] - own
    # other figures of the same two sentences that agree: "the same sentence says the
    # same other things", the strongest sign that a differing figure is one claim
    near = sentence_links[_sentence_key(a, b)] - same_point
    return (
        float(a.quantity.unit == b.quantity.unit),
        float(entities == "same"), float(entities == "overlap"), float(entities == "conflict"),
        float(metric == "same"), float(metric == "narrower"), float(metric == "conflict"),
        float(when == "same"), float(when == "different"), float(when == "mixed"),
        float(one_sided), min(others, 5.0) / 5.0, min(near, 2) / 2,
    )  # fmt: skip


CLOSE = 0.6


def sources_linked(
    candidates: Sequence[Candidate], features: np.ndarray, aligned: Sequence[Aligned],
    claims: Sequence[Claim],
) -> set[tuple[int, int]]:
    """The aligned pairs (i, j) whose sources may tell one story: they share another
    telling figure (the pair's ``story_links`` feature: a precise figure, or one with a
    money or physical unit, that both give), or another of their confident pairs (P(same)
    over the pair threshold) mostly agree, or this is the only pair aligned between them, so
    nothing says otherwise. Two sources with several aligned figures, not one telling
    figure in common and no other figure agreeing (two market wraps of different days) are
    not linked."""
    column = features[:, FEATURES.index("story_links")] if len(candidates) else ()
    story = {(c.i, c.j) for c, v in zip(candidates, column, strict=True) if v > 0}
    per_sources = Counter(_pair_key(claims[p.i], claims[p.j]) for p in aligned)
    threshold = load_scorer().pair_threshold

    def agrees(p: Aligned) -> bool:
        return p.confidence >= threshold and bool(values_compatible(claims[p.i], claims[p.j]))

    agreeing = Counter(_pair_key(claims[p.i], claims[p.j]) for p in aligned if agrees(p))
    confident = Counter(
        _pair_key(claims[p.i], claims[p.j]) for p in aligned if p.confidence >= threshold
    )

    def mostly_agreeing(p: Aligned) -> bool:
        # the sources' other confident pairs agree at least as often as they differ
        key = _pair_key(claims[p.i], claims[p.j])
        others = confident[key] - (p.confidence >= threshold)
        agreed = agreeing[key] - agrees(p)
        return agreed > 0 and 2 * agreed >= others

    return {
        (p.i, p.j) for p in aligned
        if (p.i, p.j) in story or (p.j, p.i) in story
        or per_sources[_pair_key(claims[p.i], claims[p.j])] < 2
        or mostly_agreeing(p)
    }  # fmt: skip


def _past_close(cosines: np.ndarray) -> np.ndarray:
    return np.maximum(cosines - CLOSE, 0.0) / (1 - CLOSE)


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
    sentences: SentenceVectors | None = None,
    probabilities: np.ndarray | None = None,
) -> list[Aligned]:
    """One-to-one pairs of claims within each pair of sources, most likely one claim first.

    How likely is P(same), except that for two figures that can both hold it is the share
    of such pairs at that P(same) that were one claim (``agree_calibration``): among five
    percentages of one CPI story that the sentences cannot tell apart, the one of equal
    value is the counterpart. A changed figure whose P(same) is higher still wins."""
    scorer = scorer or load_scorer()
    if probabilities is None:
        probabilities = scorer.probabilities(pair_features(candidates, claims, sentences))
    kept = [n for n in range(len(candidates)) if probabilities[n] >= scorer.lowest]
    likely = {n: _likelihood(scorer, float(probabilities[n]), candidates[n], claims) for n in kept}
    order = sorted(kept, key=lambda n: -likely[n])
    taken: set[tuple[int, str]] = set()  # (claim, other source) already aligned
    aligned = []
    for n in order:
        p = float(probabilities[n])
        c = candidates[n]
        a, b = claims[c.i], claims[c.j]
        if (c.i, b.source_id) in taken or (c.j, a.source_id) in taken:
            continue
        taken.add((c.i, b.source_id))
        taken.add((c.j, a.source_id))
        aligned.append(Aligned(c.i, c.j, c.score, p))
    return aligned


def _likelihood(scorer: PairScorer, p: float, c: Candidate, claims: Sequence[Claim]) -> float:
    a, b = claims[c.i], claims[c.j]
    if not scorer.agree_calibration or not values_compatible(a, b):
        return p
    return scorer.agreement_confidence(p, telling_match(a, b))


def values_compatible(a: Claim, b: Claim) -> bool | None:
    """Whether the two figures can both hold (None: not comparable, another unit)."""
    if a.quantity.unit != b.quantity.unit:
        return None
    span_a, span_b = interval(a.quantity), interval(b.quantity)
    if span_a is None or span_b is None:
        return None
    return span_a.overlaps(span_b)


def sentence_siblings(claims: Sequence[Claim]) -> dict[tuple[str, int, str], list[Claim]]:
    """The claims of each sentence, by kind: (source id, sentence start, kind) -> claims."""
    siblings: dict[tuple[str, int, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        siblings[(claim.source_id, claim.sentence.start, claim.quantity.kind)].append(claim)
    return siblings


def _said_beside(a: Claim, b: Claim, siblings: dict[tuple[str, int, str], list[Claim]]) -> bool:
    """Whether another figure of b's kind in b's sentence can both hold with a's.

    "39 destinations in 30 countries" against "30个国家的39个目的地": the two sentences
    say the same, in another order. A 39 paired with the 30 is a mispairing, not a
    contradiction, when the 39 stands beside it."""
    return any(
        other.id != b.id and values_compatible(a, other)
        for other in siblings.get((b.source_id, b.sentence.start, b.quantity.kind), ())
    )


def never_accused(
    a: Claim, b: Claim, siblings: dict[tuple[str, int, str], list[Claim]] | None
) -> bool:
    """Two aligned figures that differ, yet are no contradiction whatever their P(same):
    verdict_for gives them no verdict, and training.assigned leaves them out of the
    contradiction threshold's fit."""
    if siblings is not None and (_said_beside(a, b, siblings) or _said_beside(b, a, siblings)):
        return True  # the figure is in the other sentence, beside this one: a mispairing
    if magnitudes_apart(a.quantity, b.quantity):
        return True  # "1.2 billion crowns" and "40 crowns": two things, not one misreported
    # Disjoint names ("CPI" in one, "Arvelia" in the other) or two metrics (a share of
    # revenue, a growth rate) are weak evidence against one claim (the scorer weighs
    # them), enough to let matching values agree but not to accuse: differing figures
    # about differently named or measured things are no contradiction. Of the 11
    # differing training pairs under two metrics, one was the same claim.
    return entity_relation(a, b) == "conflict" or metric_relation(a, b) == "conflict"


def telling_match(a: Claim, b: Claim) -> bool:
    """The two figures are one number, as written (hedges aside: "高達55億美元" and
    "up to $5.5 billion"), that unrelated articles seldom share: a precise figure
    ("$4.27 billion", "42.7億美元") or one with a money or physical unit ("6,000mAh").
    Such a match is evidence of one claim on top of P(same); a bare "two" or "15%" is not
    (every story has one)."""
    if a.quantity.unit != b.quantity.unit:
        return False
    plain_a, plain_b = (dataclasses.replace(c.quantity, hedge=None) for c in (a, b))
    if not _same_point(plain_a, plain_b, rounding=True):
        return False
    return (_precise(plain_a) and _precise(plain_b)) or plain_a.kind not in _COMMON_KINDS


def verdict_confidence(kind: str, p: float, a: Claim, b: Claim) -> float:
    """The confidence a verdict carries: P(same claim) for a contradiction or an unclear
    pair; for an agreement, how often agreements like it (at that P, with a telling match or
    not) were one claim in training, since the matching value is evidence too."""
    if kind != "agree":
        return p
    return load_scorer().agreement_confidence(p, telling_match(a, b))


def verdict_for(
    a: Claim,
    b: Claim,
    pair: Aligned,
    siblings: dict[tuple[str, int, str], list[Claim]] | None = None,
    accuse_from: float | None = None,
    linked: bool = True,
) -> PairVerdict | None:
    """agree / contradict / unclear for two aligned claims, with the reason in prose.

    ``siblings`` (``sentence_siblings`` of every claim) lets a differing pair whose figure
    stands beside its counterpart's be recognised as a mispairing. Differing figures are a
    contradiction from the scorer's fitted contradiction threshold, or from ``accuse_from``
    when that is lower (``--min-confidence 0.7``: the user asks for the less sure ones too);
    below it they are unclear. So are they when the two sources share no other telling
    figure (``linked`` false, see ``sources_linked``)."""
    if products_conflict(a, b):
        return None  # H20 vs H100: the same number about different things is no pair

    def verdict(kind: Verdict, why: str) -> PairVerdict:
        first, second = sorted((a.id, b.id), key=_claim_order)
        confidence = round(verdict_confidence(kind, pair.confidence, a, b), 4)
        return PairVerdict(first, second, kind, round(pair.score, 4), why, confidence)

    qa, qb = a.quantity, b.quantity
    values = f"{format_quantity(qa)[0]} vs {format_quantity(qb)[0]}"
    compatible = values_compatible(a, b)
    scorer = load_scorer()
    if pair.confidence < scorer.pair_threshold and not (
        compatible and pair.confidence >= scorer.agrees_at(telling_match(a, b))
    ):
        return None  # below the pair threshold only a matching value makes it an agreement
    bases = bases_conflict(a, b)
    if bases is not None:
        # GAAP and adjusted, insured and economic: two measures, whatever the values
        return verdict("unclear", f"measured differently ({bases[0]} vs {bases[1]}): {values}")
    if compatible is None:
        label = "currencies" if qa.kind == "money" else "units"
        return verdict("unclear", f"different {label} ({qa.unit} vs {qb.unit}), no rate to convert")
    when = "same" if _timeless(a) and _timeless(b) else time_relation(a.time, b.time)
    if when == "different":
        periods = describe_periods(a.time, b.time)
        return verdict("unclear", f"different periods ({periods}): {values}")
    if when == "mixed":
        periods = describe_periods(a.time, b.time)
        if compatible and not _both_open_apart(qa, qb):
            # a fiscal and a calendar label ("Q1 of fiscal 2025", "2025年第一季度") may be one
            # period: the same figure under both is an agreement, said with its caveat
            return verdict("agree", f"same figure under period labels that may differ "
                           f"({periods}): {values}")  # fmt: skip
        return verdict("unclear", f"periods that cannot be compared ({periods}): {values}")
    if compatible and _both_open_apart(qa, qb):
        return verdict("unclear", f"bounds, not figures: {values}")
    if compatible and bound_far_from_figure(qa, qb):
        return verdict("unclear", f"a bound, and a figure far beyond it: {values}")
    if compatible and range_not_the_figure(qa, qb):
        return verdict("unclear", f"a range, and a figure it merely contains: {values}")
    if compatible:
        reason = "same figure" if _same_point(qa, qb) else "consistent after rounding and hedges"
        return verdict("agree", f"{reason}: {values}")
    if never_accused(a, b, siblings):
        return None
    threshold = scorer.contradiction_threshold
    if accuse_from is not None:
        threshold = min(threshold, accuse_from)
    if pair.confidence < threshold:
        # the values differ, but the two may not be one claim: say so, do not accuse
        return verdict(
            "unclear", f"different figures, {confidence_words(pair.confidence)}: {values}"
        )
    if not linked:
        # Two market wraps of different days, two companies' results: same-beat articles
        # read alike sentence by sentence, yet share no telling figure. Without one, the
        # sources may tell two stories, and an accusation needs more than alike sentences.
        return verdict(
            "unclear", f"different figures, and the two sources share no other precise "
            f"figure (perhaps two different stories): {values}",
        )  # fmt: skip
    note = ""
    if when == "unknown" and (time_grain(a.time) or time_grain(b.time)):
        dated = a if time_grain(a.time) else b
        # a period on one side only lowers the confidence (the scorer's time_one_sided)
        # but no longer hides the contradiction: say which source dates its figure
        note = f"; {describe_dated(dated.source_id, dated.time)}"
    return verdict("contradict", f"{a.subject}: {values}{note}")
