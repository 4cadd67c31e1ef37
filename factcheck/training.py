"""Fit the pair scorer (``factcheck/data/pairs_v4.json``) from data, reproducibly.

    pip install 'factcheck[train]'          # scikit-learn, at training time only
    python -m factcheck.training            # rewrites the weights and their manifest

Training data (``TRAIN``): aligned human translations whose documents are compared all at
once, as a folder of unrelated articles would be (FLORES-200 *dev*, TICO-19): a figure and
its equal in the aligned line of another script are the same claim; every other candidate
pair FAISS proposes is not, except agreeing figures that may well be one claim
(``corpus_examples``: those are left out). And the labelled stories named in
``TRAIN_STORIES``: agree and contradict pairs are the same claim, unclear pairs are not.
FLORES-200 *devtest* and ``HELD_OUT_STORIES`` are never read here: they are for reporting
(``python -m factcheck.evaluate alignment``, ``... stories``).

The thresholds come out of the fit: ``pair_threshold`` maximises F1 of "same claim" on the
aligned training pairs; ``agree_threshold`` is the lowest score above which AGREE_PRECISION
of the assigned pairs whose figures are one telling number are the same claim, and in
whose calibration bin most are (``likelier_than_not``); ``plain_agree_threshold`` the same
for pairs whose values can both hold without being telling;
``contradiction_threshold`` is the lowest score above which CONTRADICTION_PRECISION of the
assigned pairs whose values differ are the same claim, on the stories and the altered
FLORES copies (a strong contradiction must be about one claim; see ``fit``). The
calibration table (predicted vs observed by decile) is written beside the weights.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .alignment import (
    FEATURES,
    NEIGHBOUR_FEATURES,
    SCORER,
    PairScorer,
    align,
    embed_sentences,
    pair_features,
)
from .embed import Embedder, load_embedder
from .match import Candidate, SentenceVectors
from .model import Claim, CompareResult, Source
from .pipeline import claim_candidates, extract_claims_from_sources
from .trees import TreeEnsemble, from_sklearn

TRAIN = ("flores-dev", "tico19")
# labelled stories to learn from, relative to tests/; the others (HELD_OUT_STORIES) are
# held out for reporting
TRAIN_STORIES = (
    "heldout/chipmaker_q3", "stories/cup_final", "stories/typhoon_orla", "stories/norrvik_q3",
    "stories/fraud_trial", "stories/heatwave_grid",
)  # fmt: skip
HELD_OUT_STORIES = (
    "heldout/ev_deliveries", "heldout/phone_launch", "stories/laptop_launch",
    "stories/measles_halvern", "stories/norvale_election", "stories/cpi_report",
    "stories/ipo_debut", "heldout/quake_relief", "heldout/jobs_report",
    "stories/trial_results", "stories/port_trade", "stories/city_marathon",
)  # fmt: skip
SEED = 20261201
CONTRADICTION_PRECISION = 0.90
AGREE_PRECISION = 0.95
# corpora whose documents all tell one story (their agreeing figures may be one claim)
ONE_TOPIC = ("tico19",)
NEAR_COPY = 0.8  # sentence cosine of two near copies of one sentence (masked, folded)
STORY_SHARE = 0.5
DATA = Path(__file__).with_name("data")
# agree_calibration's tables: "telling" / "plain" -> [upper bin edge, share one claim] rows
Calibration = dict[str, list[list[float]]]


def _candidates(
    sources: Sequence[Source], embedder: Embedder
) -> tuple[list[Claim], list[Candidate], SentenceVectors]:
    claims = extract_claims_from_sources(sources)
    vectors = embedder.embed([c.context for c in claims])
    sentences = embed_sentences(claims, embedder, texts={s.id: s.text for s in sources})
    return claims, claim_candidates(claims, vectors, sentences), sentences


@dataclass
class Examples:
    features: np.ndarray  # one row per kept candidate
    labels: np.ndarray  # same claim?
    candidates: list  # every candidate of the comparison
    claims: list
    kept: list[int] | None  # indices of candidates that are labelled (None: all)
    every_row: np.ndarray  # features of every candidate (what the alignment scores)

    @cached_property
    def siblings(self) -> dict[tuple[str, int, str], list[Claim]]:
        """alignment.sentence_siblings of the claims, as verdict_for is given them."""
        from .alignment import sentence_siblings

        return sentence_siblings(self.claims)


def corpus_examples(corpus: str, embedder: Embedder, altered: bool = False) -> Examples:
    """Every candidate pair of the corpus compared as one folder, labelled by alignment.

    ``altered``: one aligned figure per document is first changed in the Chinese text (as
    ``evaluate alignment`` does), so that same-claim pairs with different values exist to
    set the contradiction threshold on. Changing digits keeps every claim's id."""
    from .evaluate.aligned import load_corpus
    from .evaluate.alignment import aligned_pairs, alter_figures, folder_sources
    from .evaluate.consistency import PAIRS

    lines = load_corpus(corpus)
    langs = sorted({lang for pair in PAIRS[corpus] for lang in pair})
    sources, starts = folder_sources(lines, langs)
    claims, candidates, sentences = _candidates(sources, embedder)
    result = CompareResult(tuple(sources), tuple(claims), ())
    gold: set[frozenset[str]] = set()
    for pair in PAIRS[corpus]:
        gold |= aligned_pairs(result, starts, pair)
    if altered:
        texts, _ = alter_figures(lines, result, gold, starts, "zh-Hans")
        sources, starts = folder_sources(lines, langs, texts)
        claims, candidates, sentences = _candidates(sources, embedder)
    from .alignment import values_compatible

    # Labels come from equal figures on aligned lines. A pair off the alignment whose values
    # agree within one document, or whose sentences are near copies, is no clean negative:
    # a figure recurs within an article, and TICO-19 repeats sentences across documents
    # ("wash hands for at least 20 seconds"); all of TICO-19 is about one epidemic, and its
    # documents restate each other's figures. Such pairs are left out; agreeing figures of
    # two FLORES documents (unrelated articles, as in a newsroom dump) stay negatives.
    keep, labels = [], []
    for n, c in enumerate(candidates):
        a, b = claims[c.i], claims[c.j]
        same = frozenset((a.id, b.id)) in gold
        unsure = (
            not same
            and values_compatible(a, b) is True
            and (
                corpus in ONE_TOPIC
                or _doc(a) == _doc(b)
                or sentences.cosine(c.i, c.j) >= NEAR_COPY
            )
        )
        if not unsure:
            keep.append(n)
            labels.append(same)
    every_row = pair_features(candidates, claims, sentences)
    labelled = np.array(labels, dtype=bool)
    return Examples(every_row[keep], labelled, candidates, claims, keep, every_row)


def _doc(claim: Claim) -> str:
    return claim.source_id.rsplit(".", 1)[0]  # evaluate.alignment names sources DOC.LANG


def story_examples(story: Path, embedder: Embedder) -> Examples:
    from .evaluate.stories import _anchor_of, load_story

    loaded = load_story(story)
    sources, anchors = loaded.sources, loaded.anchors
    same = {pair: verdict in ("agree", "contradict") for pair, verdict in loaded.gold.items()}
    claims, candidates, sentences = _candidates(sources, embedder)
    paths = {s.id: s.path for s in sources}
    keep, labels = [], []
    for n, c in enumerate(candidates):
        a = _anchor_of(claims[c.i], anchors, paths)
        b = _anchor_of(claims[c.j], anchors, paths)
        if a is None or b is None or a == b:
            continue  # a figure the gold does not label: no lesson either way
        keep.append(n)
        labels.append(same.get(frozenset((a, b)), False))
    every_row = pair_features(candidates, claims, sentences)
    labelled = np.array(labels, dtype=bool)
    return Examples(every_row[keep], labelled, candidates, claims, keep, every_row)


# one labelled pair the one-to-one assignment kept: (part, P(same), claim, claim, same claim?)
LabelledPair = tuple[Examples, float, Claim, Claim, bool]


def assigned(
    parts: list[Examples], alignments: Sequence[LabelledPair], values: str | None = None
) -> tuple[np.ndarray, np.ndarray, int]:
    """(P, same claim?) of the pairs the one-to-one assignment of ``parts`` kept
    (``alignments``, from labelled_alignments), and all positives of ``parts``;
    ``values="differing"``: only the kept pairs whose values cannot both hold (would-be
    contradictions); ``"matching"``: only those whose figures are one telling number
    (alignment.telling_match: would-be agreements below the pair threshold); ``"plain"``:
    those whose values can both hold without being telling."""
    from .alignment import never_accused, telling_match, values_compatible
    from .verdict import bases_conflict

    ps, ys = [], []
    for part, confidence, a, b, label in alignments:
        if values is not None and bases_conflict(a, b):
            continue  # measured on two bases: unclear, never agreed nor accused
        if values == "differing" and (
            values_compatible(a, b) is not False or never_accused(a, b, part.siblings)
        ):
            continue  # no would-be contradiction (as verdict_for judges it)
        if values == "matching" and not (values_compatible(a, b) and telling_match(a, b)):
            continue
        if values == "plain" and not (values_compatible(a, b) and not telling_match(a, b)):
            continue
        ps.append(confidence)
        ys.append(label)
    positives = sum(int(part.labels.sum()) for part in parts)
    return np.array(ps), np.array(ys, dtype=bool), positives


def labelled_alignments(
    parts: list[Examples], scorer: PairScorer, calibration: Calibration | None = None
) -> list[LabelledPair]:
    """Every labelled pair that the one-to-one assignment keeps, under ``weights`` with no
    threshold (and, as at runtime, ``calibration`` ranking the pairs whose values can both
    hold: alignment.align). Aligning is the costly part of a fit: do it once per ranking
    and filter the list (assigned, agree_calibration)."""
    return list(_labelled_alignments(parts, scorer, calibration))


def _labelled_alignments(
    parts: list[Examples], scorer: PairScorer, calibration: Calibration | None
) -> Iterator[LabelledPair]:
    tables = {
        name: tuple((upper, share) for upper, share in rows)
        for name, rows in (calibration or {}).items()
    }
    scorer = dataclasses.replace(scorer, agree_calibration=tables)
    for part in parts:
        rows = part.kept if part.kept is not None else range(len(part.labels))
        labelled = {
            (part.candidates[n].i, part.candidates[n].j): label
            for n, label in zip(rows, part.labels, strict=True)
        }
        probabilities = scorer.probabilities(part.every_row)
        for pair in align(part.candidates, part.claims, scorer, probabilities=probabilities):
            label = labelled.get((pair.i, pair.j))
            if label is not None:
                a, b = part.claims[pair.i], part.claims[pair.j]
                yield part, pair.confidence, a, b, bool(label)


def _curve(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(-p)
    ps, ys = p[order], y[order]
    tp = np.cumsum(ys)
    return ps, tp, tp / np.arange(1, len(ys) + 1)


def pair_threshold_of(p: np.ndarray, y: np.ndarray, positives: int) -> float:
    """The score that maximises F1 of "same claim" among assigned pairs (recall counted
    against every positive)."""
    ps, tp, precision = _curve(p, y)
    recall = tp / max(positives, 1)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(ps[int(np.argmax(f1))])


def agree_threshold_of(p: np.ndarray, y: np.ndarray) -> float:
    """The lowest score above which at least AGREE_PRECISION of the assigned pairs whose
    values can both hold are the same claim (so that an agreement there is one)."""
    ps, _, precision = _curve(p, y)
    ok = np.nonzero(precision >= AGREE_PRECISION)[0]
    return float(ps[ok[-1]]) if len(ok) else 0.99


def likelier_than_not(table: list[list[float]]) -> float:
    """The lower edge of the first P(same) bin of a calibration table (upper edge, share
    one claim; non-decreasing) where pairs are more often one claim than not. Precision
    over everything above a threshold (agree_threshold_of) can hide a bin near it where
    most pairs are not one claim: "two" in unrelated articles."""
    lower = 0.0
    for upper, share in table:
        if share >= 0.5:
            return lower
        lower = upper
    return 1.0


def contradiction_threshold_of(p: np.ndarray, y: np.ndarray) -> float:
    """The lowest score above which at least CONTRADICTION_PRECISION of the assigned pairs
    whose values differ are the same claim (so a contradiction there is a real one)."""
    ps, _, precision = _curve(p, y)
    ok = np.nonzero(precision >= CONTRADICTION_PRECISION)[0]
    return float(ps[ok[-1]]) if len(ok) else 0.99


def agree_calibration(alignments: Sequence[LabelledPair]) -> Calibration:
    """For assigned pairs whose values can both hold, the share that is one claim by P(same)
    decile, made non-decreasing (pooled, as isotonic regression pools), for telling matches
    and plain ones apart: an agreement's confidence at runtime."""
    from .alignment import telling_match, values_compatible

    seen: dict[str, list[tuple[float, bool]]] = {"telling": [], "plain": []}
    for _, confidence, a, b, label in alignments:
        if values_compatible(a, b) is True:
            seen["telling" if telling_match(a, b) else "plain"].append((confidence, label))
    tables = {}
    for name, pairs in seen.items():
        edges = np.linspace(0.1, 1.0, 10)
        counts, same = np.zeros(10), np.zeros(10)
        for p, label in pairs:
            k = min(int(p * 10), 9)
            counts[k] += 1
            same[k] += label
        # pool adjacent bins until the shares never fall as P rises
        blocks: list[list[float]] = []  # [same, count, last bin]
        for k in range(10):
            blocks.append([same[k], counts[k], k])
            while len(blocks) > 1 and _share(blocks[-2]) > _share(blocks[-1]):
                s2, c2, k2 = blocks.pop()
                blocks[-1] = [blocks[-1][0] + s2, blocks[-1][1] + c2, k2]
        table, start = [], 0
        for s_, c_, last in blocks:
            for k in range(start, int(last) + 1):
                table.append([round(float(edges[k]), 2), round(_share([s_, c_, last]), 3)])
            start = int(last) + 1
        tables[name] = table
    return tables


def _share(block: list[float]) -> float:
    return block[0] / block[1] if block[1] else 0.0


def calibration(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    edges = np.linspace(0, 1, bins + 1)
    table = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (p >= low) & (p < high if high < 1 else p <= high)
        if inside.any():
            table.append({
                "from": round(float(low), 2), "to": round(float(high), 2),
                "pairs": int(inside.sum()), "predicted": round(float(p[inside].mean()), 3),
                "observed": round(float(y[inside].mean()), 3),
            })  # fmt: skip
    return table


# The direction each feature may push P(same claim), when it may push only one way: the
# same entity, metric or period, a closer context, a mutual best match never make a pair
# less likely the same claim; a conflict or an explicit other period never more likely.
# Unconstrained, the fit learned the opposite for some (naming the same entity lowered
# P, because translations that drop the name are over-represented), which no editor
# could be told. 0: free.
SIGNS: dict[str, int | None] = {
    "cosine": 1, "rank_a": 1, "rank_b": 1, "mutual": 1, "same_unit": 1,
    "entity_same": 1, "entity_overlap": 1, "entity_conflict": -1,
    "metric_same": 1, "metric_narrower": 1, "metric_conflict": -1,
    "time_same": 1, "time_different": -1, "time_mixed": -1, "time_one_sided": -1,
    "story_links": 1, "sentence_links": 1,
    "sentence_cosine": 1, "sentence_rank_a": 1, "sentence_rank_b": 1, "sentence_mutual": 1,
    "story_sentences": 1, "position_gap": -1, "source_cosine": 1,
    "only_of_kind": 1, "same_order": 1,
    "cosine_close": 1, "sentence_close": 1, "mutual_in_story": 1, "alone_in_story": 1,
    "adjacent_cosine": 1, "adjacent_close": 1, "alone_among_adjacent": 1,
    "adjacent_unknown": None,  # not a feature: which weights score the pair
}  # fmt: skip
# Shallow trees: each reads at most three features together (a lone figure of its kind,
# in two sentences that are each other's best, whose neighbours match too), which a sum
# of weights cannot express; chosen before the fit, not searched on held-out data.
BOOSTING = {"max_depth": 3, "max_iter": 200, "learning_rate": 0.1, "l2_regularization": 1.0}


def fit_boosted(
    x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, leave_out: Sequence[str] = ()
) -> TreeEnsemble:
    """Gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier) on the
    FEATURES columns, monotone in each feature as SIGNS says (more context cosine never
    lowers P(same claim), a conflict never raises it), as numpy arrays (factcheck.trees)."""
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        raise SystemExit("training needs scikit-learn: pip install 'factcheck[train]'") from None
    columns = [
        k for k, name in enumerate(FEATURES)
        if SIGNS.get(name, 0) is not None and name not in leave_out and name != "bias"
    ]  # fmt: skip
    model = HistGradientBoostingClassifier(
        **BOOSTING, early_stopping=False, random_state=SEED,
        monotonic_cst=[SIGNS.get(FEATURES[k]) or 0 for k in columns],
    )  # fmt: skip
    model.fit(x[:, columns], y, sample_weight=sample_weight)
    return from_sklearn(model, columns)


def fit(embedder: Embedder, tests_root: Path) -> dict:

    altered = [corpus_examples(c, embedder, altered=True) for c in TRAIN]
    corpora = [corpus_examples(c, embedder) for c in TRAIN] + altered
    stories = [story_examples(tests_root / s, embedder) for s in TRAIN_STORIES]
    parts = corpora + stories
    x = np.vstack([part.features for part in parts])
    y = np.concatenate([part.labels for part in parts])
    # Independently written stories are what the tool meets; translations are plentiful.
    # The stories together weigh STORY_SHARE of the fit, however few pairs they have.
    n_corpus = sum(len(part.labels) for part in corpora)
    n_story = sum(len(part.labels) for part in stories)
    story_weight = STORY_SHARE / (1 - STORY_SHARE) * n_corpus / max(n_story, 1)
    sample_weight = np.concatenate(
        [np.full(len(part.labels), 1.0) for part in corpora]
        + [np.full(len(part.labels), story_weight) for part in stories]
    )
    # The neighbour features are fitted on the pairs whose neighbours could be compared;
    # every pair, the others included, also fits the same model without them, which scores
    # the pairs whose neighbours cannot be compared (PairScorer.probabilities)
    known = x[:, FEATURES.index("adjacent_unknown")] == 0
    trees = fit_boosted(x[known], y[known], sample_weight[known])
    without_neighbours = fit_boosted(x, y, sample_weight, leave_out=NEIGHBOUR_FEATURES)
    scorer = PairScorer(SCORER, trees, 0.0, 0.0, 1.0, without_neighbours=without_neighbours)
    p = scorer.probabilities(x)
    # The alignment ranks pairs whose values can both hold by how often such pairs were one
    # claim (alignment.align): that table is read first from the alignment by P(same)
    # alone, and everything below, the table written included, from the alignment it ranks.
    ranking = agree_calibration(labelled_alignments(parts, scorer))
    ranked = labelled_alignments(parts, scorer, ranking)
    kept_p, kept_y, positives = assigned(parts, ranked)
    pair_threshold = pair_threshold_of(kept_p, kept_y, positives)
    # Two differing figures are one claim where people said so (the stories) or where we
    # changed one on purpose (the altered corpora). Every other differing pair of the
    # corpora counts as "not the same", translation drift included, so the precision read
    # here errs low and the threshold high. Not TICO-19: its documents, all on one
    # epidemic, update each other's figures ("about 364,000 have recovered", "more than
    # 568,000"), which only a person could label.
    accusing = stories + [
        part for corpus, part in zip(TRAIN, altered, strict=True) if corpus not in ONE_TOPIC
    ]
    contradiction_threshold = max(
        contradiction_threshold_of(
            *assigned(accusing, labelled_alignments(accusing, scorer, ranking), "differing")[:2]
        ),
        pair_threshold,
    )
    # A matching value is evidence of its own: the agreement threshold is where assigned
    # pairs whose figures are one telling number are the same claim AGREE_PRECISION of the time
    # (and, for each pair there, more likely one claim than not: the calibration table)
    calibrated = agree_calibration(ranked)
    agree_threshold = max(
        agree_threshold_of(*assigned(parts, ranked, "matching")[:2]),
        likelier_than_not(calibrated["telling"]),
    )
    # and the same where plain matching values ("3.1%" and "年增3.1%") are, never above
    # the pair threshold
    plain_agree_threshold = min(
        max(
            agree_threshold_of(*assigned(parts, ranked, "plain")[:2]),
            likelier_than_not(calibrated["plain"]),
        ),
        pair_threshold,
    )
    import sklearn

    return {
        "name": SCORER,
        "features": list(FEATURES),
        "trees": trees.to_json(),
        "trees_without_neighbours": without_neighbours.to_json(),
        "pair_threshold": round(pair_threshold, 4),
        "agree_threshold": round(agree_threshold, 4),
        "plain_agree_threshold": round(plain_agree_threshold, 4),
        "contradiction_threshold": round(contradiction_threshold, 4),
        "agree_calibration": calibrated,
        "calibration_on_training_pairs": calibration(p, y),
        "manifest": {
            "train_corpora": list(TRAIN),
            "train_stories": list(TRAIN_STORIES),
            "never_read": ["flores-devtest", *HELD_OUT_STORIES],
            "pairs": int(len(y)),
            "same_claim_pairs": int(y.sum()),
            "model": (
                f"gradient-boosted trees {BOOSTING}, monotone as training.SIGNS, "
                f"scikit-learn {sklearn.__version__} HistGradientBoostingClassifier"
            ),
            "embedder": embedder.name,
            "seed": SEED,
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m factcheck.training", description=__doc__)
    parser.add_argument(
        "--tests", type=Path, default=Path(__file__).parents[1] / "tests",
        help="the folder holding heldout/ and stories/ (default: the checkout's tests/)",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=DATA / f"{SCORER}.json")
    args = parser.parse_args(argv)
    model = fit(load_embedder(), args.tests)
    args.out.write_text(model_json(model), "utf-8")
    shown = ("calibration_on_training_pairs", "trees", "trees_without_neighbours")
    print(json.dumps({k: v for k, v in model.items() if k not in shown}, indent=1))
    return 0


def model_json(model: dict) -> str:
    """The fitted model as JSON: readable, with each tree array on one line (a few hundred
    trees of a few nodes each would otherwise take a line per number)."""
    compact = {key: model[key] for key in ("trees", "trees_without_neighbours")}
    shown = {**model, **{key: f"@{key}@" for key in compact}}
    text = json.dumps(shown, indent=1)
    for key, trees in compact.items():
        arrays = ",\n  ".join(
            f"{json.dumps(name)}: {json.dumps(value, separators=(',', ':'))}"
            for name, value in trees.items()
        )
        text = text.replace(json.dumps(f"@{key}@"), "{\n  " + arrays + "\n }")
    return text + "\n"


if __name__ == "__main__":
    sys.exit(main())
