"""The learned pairing (factcheck/alignment.py): its scorer, its one-to-one alignment, what
it finds on stories nobody trained it on, and that its training reruns."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from factcheck.alignment import FEATURES, load_scorer
from factcheck.embed import load_embedder
from factcheck.evaluate.stories import evaluate
from factcheck.ingest import read_source
from factcheck.model import Claim, Source
from factcheck.pipeline import compare_sources
from tests.claim_factory import make_claim

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "stories"
HELDOUT = ROOT / "tests" / "heldout"
BASELINE = json.loads((ROOT / "tests" / "accuracy_baseline.json").read_text("utf-8"))


def test_the_scorer_is_data_with_a_versioned_name_and_thresholds_from_its_fit() -> None:
    scorer = load_scorer()
    data = json.loads((ROOT / "factcheck" / "data" / "pairs_v4.json").read_text("utf-8"))
    assert scorer.name == "pairs_v4" and tuple(data["features"]) == FEATURES
    assert 0 < scorer.pair_threshold <= scorer.contradiction_threshold < 1
    manifest = data["manifest"]
    assert "flores-devtest" in manifest["never_read"]
    assert set(manifest["train_stories"]).isdisjoint(manifest["never_read"])
    # a higher cosine never lowers the score, other things equal
    row = np.zeros(len(FEATURES))
    row[FEATURES.index("bias")] = 1
    low, high = row.copy(), row.copy()
    low[FEATURES.index("cosine")], high[FEATURES.index("cosine")] = 0.3, 0.9
    assert scorer.probabilities(np.array([low, high])).tolist() == sorted(
        scorer.probabilities(np.array([low, high])).tolist()
    )


@pytest.mark.model
def test_learned_pairs_are_one_to_one_within_each_pair_of_sources() -> None:
    story = HELDOUT / "phone_launch"
    files = sorted(story.glob("*.txt"))
    sources = [read_source(str(p), f"s{i + 1}") for i, p in enumerate(files)]
    result = compare_sources(sources, load_embedder(), pairing="learned")
    assert result.pairs and all(p.confidence is not None for p in result.pairs)
    source_of = {c.id: c.source_id for c in result.claims}
    uses = Counter()
    for p in result.pairs:
        uses[(p.a, source_of[p.b])] += 1
        uses[(p.b, source_of[p.a])] += 1
    assert max(uses.values()) == 1


@pytest.mark.model
def test_learned_pairing_does_not_fall_below_its_floors_on_stories_it_never_saw() -> None:
    from factcheck.training import HELD_OUT_STORIES, TRAIN_STORIES

    assert set(HELD_OUT_STORIES).isdisjoint(TRAIN_STORIES)
    tp, fp, fn = Counter(), Counter(), Counter()
    for held_out in HELD_OUT_STORIES:
        folder, name = held_out.split("/")
        scores = evaluate(ROOT / "tests" / folder, load_embedder(), [name], pairing="learned")
        for verdict in ("agree", "contradict"):
            tp[verdict] += scores[name].tp[verdict]
            fp[verdict] += scores[name].fp[verdict]
            fn[verdict] += scores[name].fn[verdict]
    floors = BASELINE["learned"]
    assert tp["agree"] / max(tp["agree"] + fp["agree"], 1) >= floors["agree_precision"]
    assert tp["agree"] / max(tp["agree"] + fn["agree"], 1) >= floors["agree_recall"]
    assert fp["contradict"] <= floors["false_contradictions"]
    assert tp["contradict"] >= floors["contradict_found"]


def test_training_reruns_on_a_labelled_story(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="the training extra: pip install 'factcheck[train]'")
    from factcheck.training import story_examples

    examples = story_examples(HELDOUT / "chipmaker_q3", load_embedder("fake"))
    assert examples.features.shape[1] == len(FEATURES)
    assert examples.labels.any() and not examples.labels.all()


def test_claims_whose_sentences_are_near_are_candidates_though_their_clauses_differ() -> None:
    from factcheck.match import SentenceVectors, sentence_pairs

    # contexts far apart (a clause cut differently), sentences the same: a candidate
    contexts = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]], dtype=np.float32)
    sentences = SentenceVectors(
        np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32), np.array([0, 0, 1])
    )
    found = sentence_pairs(contexts, sentences, ["s1", "s2", "s3"], ["count"] * 3)
    assert [(c.i, c.j, c.score) for c in found] == [(0, 1, 0.0)]  # s3's sentence is far


def test_a_sentence_shared_by_many_sources_proposes_no_pairs_of_its_own() -> None:
    from factcheck.match import PAIRS_PER_SENTENCE_PAIR, SentenceVectors, sentence_pairs

    n = PAIRS_PER_SENTENCE_PAIR + 1  # one syndicated sentence: its claims' own neighbours join it
    contexts = np.ones((n, 2), dtype=np.float32) / np.sqrt(2)
    sentences = SentenceVectors(np.array([[1.0, 0.0]], dtype=np.float32), np.zeros(n, int))
    assert sentence_pairs(contexts, sentences, [f"s{k}" for k in range(n)], ["count"] * n) == []


def test_a_telling_match_is_one_precise_number_or_one_with_a_unit() -> None:
    from factcheck.alignment import telling_match

    def claim(value: float, unit: str = "USD", kind: str = "money", **kw: object) -> Claim:
        return make_claim("s1", value, unit=unit, kind=kind, **kw)  # type: ignore[arg-type]

    assert telling_match(claim(5.5e9, hedge="up_to"), claim(5.5e9, hedge="up_to"))
    assert telling_match(claim(17.108e9), claim(17e9, tolerance=5e8))  # within rounding
    assert not telling_match(claim(17.108e9), claim(17.5e9))
    assert not telling_match(claim(2, "", "count"), claim(2, "", "count"))  # every story has a 2
    assert telling_match(claim(4.27, "%", "percent"), claim(4.27, "%", "percent"))


def test_a_figure_standing_beside_its_counterpart_is_a_mispairing_not_a_contradiction() -> None:
    from factcheck.alignment import Aligned, sentence_siblings, verdict_for

    en = "Turkish Airlines flies to 39 destinations in 30 African countries."
    zh = "土耳其航空公司可到达30个非洲国家的39个目的地。"
    a = make_claim("s1", 39, unit="", kind="count", surface="39", text=en, metric=None)
    b30 = make_claim("s2", 30, unit="", kind="count", surface="30", text=zh, metric=None)
    b39 = make_claim("s2", 39, unit="", kind="count", surface="39", text=zh, metric=None)
    sure = Aligned(0, 1, 0.9, 0.99)
    siblings = sentence_siblings([a, b30, b39])
    assert verdict_for(a, b30, sure, siblings) is None
    assert verdict_for(a, b30, sure).verdict == "contradict"  # type: ignore[union-attr]
    assert verdict_for(a, b39, sure, siblings).verdict == "agree"  # type: ignore[union-attr]


def test_sources_whose_other_pairs_mostly_agree_are_linked() -> None:
    """Two short articles with only bare counts in common are one story when their other
    confident pairs agree (a translation, one figure changed); two wraps of different days
    whose other pairs all differ are not."""
    from factcheck.alignment import FEATURES, Aligned, sources_linked
    from factcheck.match import Candidate

    def count(source: str, value: float) -> Claim:
        return make_claim(source, value, unit="", kind="count", surface=str(int(value)),
                          metric=None, entities=())  # fmt: skip

    def linked(values: list[tuple[float, float]]) -> set[tuple[int, int]]:
        claims = [c for a, b in values for c in (count("s1", a), count("s2", b))]
        pairs = [(2 * n, 2 * n + 1) for n in range(len(values))]
        candidates = [Candidate(i, j, 0.9) for i, j in pairs]
        features = np.zeros((len(pairs), len(FEATURES)))  # no telling figure in common
        aligned = [Aligned(i, j, 0.9, 0.95) for i, j in pairs]
        return sources_linked(candidates, features, aligned, claims)

    assert (0, 1) in linked([(58, 28), (3, 3), (11, 11)])  # the others agree
    assert (0, 1) not in linked([(58, 28), (3, 4), (11, 12)])  # every figure differs
    assert (0, 1) not in linked([(58, 28), (3, 3), (11, 12), (7, 9)])  # most differ


def test_below_the_pair_threshold_a_matching_value_agrees_from_its_own_threshold() -> None:
    from factcheck.alignment import Aligned, verdict_for

    scorer = load_scorer()
    # the fit puts both agreement thresholds below the pair threshold (a matching value is
    # evidence), a telling one lower than a plain one; a refit that did not would say so
    telling, plain = scorer.agrees_at(telling=True), scorer.agrees_at(telling=False)
    assert telling < plain < scorer.pair_threshold
    unsure = Aligned(0, 1, 0.5, (telling + plain) / 2)
    likelier = Aligned(0, 1, 0.5, (plain + scorer.pair_threshold) / 2)
    money = make_claim("s1", 4.27e9), make_claim("s2", 4.27e9)
    counts = [make_claim(s, 2, unit="", kind="count") for s in ("s1", "s2")]
    assert verdict_for(*money, unsure).verdict == "agree"  # type: ignore[union-attr]
    assert verdict_for(*counts, unsure) is None
    assert verdict_for(*counts, likelier).verdict == "agree"  # type: ignore[union-attr]
    assert verdict_for(make_claim("s1", 4.27e9), make_claim("s2", 5.9e9), unsure) is None


def test_disjoint_names_block_a_contradiction_and_disjoint_products_any_verdict() -> None:
    from factcheck.alignment import Aligned, verdict_for

    sure = Aligned(0, 1, 0.9, 0.99)
    cpi = make_claim("s1", 3.1, unit="%", kind="percent", entities=("CPI",))
    arvelia = make_claim("s2", 3.1, unit="%", kind="percent", entities=("Arvelia",))
    other = make_claim("s2", 3.4, unit="%", kind="percent", entities=("Arvelia",))
    assert verdict_for(cpi, arvelia, sure).verdict == "agree"  # type: ignore[union-attr]
    assert verdict_for(cpi, other, sure) is None
    h20 = make_claim("s1", 96, unit="GB", kind="memory", entities=("H20",))
    h100 = make_claim("s2", 96, unit="GB", kind="memory", entities=("H100",))
    assert verdict_for(h20, h100, sure) is None


def test_likelier_than_not_is_the_first_bin_where_most_pairs_are_one_claim() -> None:
    from factcheck.training import likelier_than_not

    assert likelier_than_not([[0.1, 0.02], [0.2, 0.3], [0.3, 0.5], [1.0, 0.9]]) == 0.2
    assert likelier_than_not([[0.1, 0.7], [1.0, 1.0]]) == 0.0
    assert likelier_than_not([[0.5, 0.1], [1.0, 0.4]]) == 1.0


def test_an_agreements_confidence_counts_its_matching_value() -> None:
    """P(same) never looks at the values; an agreement's confidence does, from the fit's
    table of how often agreements at that P were one claim."""
    from factcheck.alignment import verdict_confidence

    scorer = load_scorer()
    low = scorer.pair_threshold / 4
    precise = make_claim("s1", 4.27e9), make_claim("s2", 4.27e9)
    plain = [make_claim(s, 2, unit="", kind="count") for s in ("s1", "s2")]
    sure = verdict_confidence("agree", low, *precise)
    assert sure == scorer.agreement_confidence(low, telling=True) and sure > low
    assert verdict_confidence("agree", low, *plain) <= sure
    assert verdict_confidence("contradict", low, *precise) == low  # no value to lean on
    assert verdict_confidence("agree", 0.999, *precise) <= 0.99  # never certainty


def test_the_alignment_report_counts_agreements_between_strangers_per_500() -> None:
    from factcheck.evaluate.alignment import AlignmentScore, format_alignment

    score = AlignmentScore("flores-devtest", ("en", "zh-Hans"), aligned=250, agreed=200,
                           false_contradictions=1, stranger_agreements=5)  # fmt: skip
    assert (score.false_per_500, score.strangers_per_500) == (2.0, 10.0)
    header, row = format_alignment([score]).splitlines()
    assert "strangers agreed/500" in header and row.split()[3:6] == ["0.800", "2.00", "10.00"]


MONDAY_WRAP = (
    "The Kestrel Composite index rose 0.84% to close at 3,087.52 points on Monday. "
    "Turnover on the Varna exchange reached 1.12 trillion crowns, and 86 stocks hit "
    "their daily limit."
)
THURSDAY_WRAP = (
    "The Kestrel Composite index rose 2.61% to close at 3,158.54 points on Thursday. "
    "Turnover on the Varna exchange reached 1.46 trillion crowns, and 132 stocks hit "
    "their daily limit."
)


@pytest.mark.model
def test_two_wraps_of_different_days_are_no_contradiction() -> None:
    """Same-beat articles read alike sentence by sentence: with several aligned figures
    and no telling figure in common, the two sources may tell two stories, so differing
    figures are unclear, not contradictions (written-astock, a folder of 40 market and
    results articles, had 24.7 false contradictions per 500 aligned claims without this)."""
    sources = [
        Source("s1", "monday.txt", MONDAY_WRAP, "utf-8", "en"),
        Source("s2", "thursday.txt", THURSDAY_WRAP, "utf-8", "en"),
    ]
    result = compare_sources(sources, load_embedder())
    assert [p.verdict for p in result.pairs if p.verdict == "contradict"] == []
    assert any("share no other precise figure" in p.why for p in result.pairs)
    # one figure each, nothing to say they are two stories: the contradiction stands
    closed = "The Kestrel Composite index closed at {} points."
    single = [
        Source("s1", "a.txt", closed.format("3,087.52"), "utf-8", "en"),
        Source("s2", "b.txt", closed.format("3,158.54"), "utf-8", "en"),
    ]
    verdicts = [p.verdict for p in compare_sources(single, load_embedder()).pairs]
    assert verdicts == ["contradict"]


def test_each_claim_knows_the_sentences_either_side_of_its_own() -> None:
    from factcheck.alignment import adjacent_texts
    from factcheck.extract import extract_claims

    text = (
        "The storm reached the coast on Monday. Rainfall totalled 312 mm in the city. "
        "Schools stayed shut.\n\nA second line gave 40 deaths."
    )
    source = Source("s1", "a.txt", text, "utf-8", "en")
    claims = extract_claims(source)
    neighbours = adjacent_texts(claims, {"s1": text})
    by_surface = dict(zip([c.quantity.surface for c in claims], neighbours, strict=True))
    assert by_surface["312 mm"] == (
        "The storm reached the coast on Monday.", "Schools stayed shut.",
    )  # fmt: skip
    before, after = by_surface["40"]
    assert before == "Schools stayed shut." and after is None  # the last sentence
    # a source whose text is not known (a database's statements) has no neighbours
    assert adjacent_texts(claims, {}) == [(None, None)] * len(claims)


def test_a_pair_whose_neighbours_cannot_be_compared_is_scored_without_them() -> None:
    scorer = load_scorer()
    assert scorer.without_neighbours is not None
    row = np.zeros(len(FEATURES))
    row[FEATURES.index("bias")] = 1
    row[FEATURES.index("sentence_cosine")] = 0.8
    known, unknown = row.copy(), row.copy()
    unknown[FEATURES.index("adjacent_unknown")] = 1
    from factcheck.alignment import _logits

    p_known, p_unknown = scorer.probabilities(np.array([known, unknown]))
    assert p_known == pytest.approx(1 / (1 + np.exp(-_logits(scorer.weights, known[None, :]))))
    assert p_unknown == pytest.approx(
        1 / (1 + np.exp(-_logits(scorer.without_neighbours, unknown[None, :])))
    )
    # matching neighbours only ever raise P(same claim)
    close = known.copy()
    close[FEATURES.index("adjacent_cosine")] = 0.9
    assert scorer.probabilities(close[None, :])[0] > p_known


def test_groups_scoring_credits_every_member_of_an_agreement_group() -> None:
    """`evaluate stories --groups`: what the report shows (groups, contradictions between
    them) implies a verdict for every cross-source pair of their members."""
    from types import SimpleNamespace

    from factcheck.evaluate.stories import implied_pairs

    claims = [SimpleNamespace(id=i, source_id=s) for i, s in
              [("a1", "A"), ("a2", "A"), ("b1", "B"), ("c1", "C"), ("d1", "D")]]  # fmt: skip

    def pair(a: str, b: str, verdict: str) -> SimpleNamespace:
        return SimpleNamespace(a=a, b=b, verdict=verdict, score=0.9, why="")

    result = SimpleNamespace(claims=claims, pairs=[
        pair("a1", "b1", "agree"), pair("a2", "c1", "agree"), pair("b1", "c1", "agree"),
        pair("c1", "d1", "contradict"),
    ])  # fmt: skip
    implied = {(a, b, verdict) for a, b, verdict, _, _ in implied_pairs(result)}  # type: ignore[arg-type]
    # a1 and a2 are one source's two mentions: no pair between them, each with b1 and c1
    assert {(a, b) for a, b, v in implied if v == "agree"} == {
        ("a1", "b1"), ("a1", "c1"), ("a2", "b1"), ("a2", "c1"), ("b1", "c1"),
    }
    # the contradiction of c1 and d1 joins d1 to the whole group
    assert {(a, b) for a, b, v in implied if v == "contradict"} == {
        ("a1", "d1"), ("a2", "d1"), ("b1", "d1"), ("c1", "d1"),
    }


def test_two_bases_are_unclear_and_figures_far_apart_no_pair_even_when_surely_aligned() -> None:
    from factcheck.alignment import Aligned, verdict_for

    sure = Aligned(0, 1, 0.9, 0.99)
    gaap = make_claim("s1", 46.3, unit="%", kind="percent", surface="46.3%",
                      text="GAAP gross margin was 46.3%.")  # fmt: skip
    adjusted = make_claim("s2", 48.9, unit="%", kind="percent", surface="48.9%",
                          text="Non-GAAP gross margin came in at 48.9%.")  # fmt: skip
    verdict = verdict_for(gaap, adjusted, sure)
    assert verdict is not None and verdict.verdict == "unclear"
    assert verdict.why == "measured differently (GAAP vs adjusted): 46.3% vs 48.9%"
    budget = make_claim("s1", 1.2e9, unit="CZK", surface="1.2 billion crowns",
                        text="The budget is 1.2 billion crowns.")  # fmt: skip
    ticket = make_claim("s2", 40, unit="CZK", surface="40 crowns", text="A ticket is 40 crowns.")
    assert verdict_for(budget, ticket, sure) is None
    slipped = make_claim("s2", 1.2e6, unit="CZK", surface="1.2 million crowns",
                         text="The budget is 1.2 million crowns.")  # fmt: skip
    assert verdict_for(budget, slipped, sure).verdict == "contradict"  # type: ignore[union-attr]


def test_the_shipped_trees_are_read_as_scikit_learn_would_score_them() -> None:
    pytest.importorskip("sklearn", reason="the training extra: pip install 'factcheck[train]'")
    from sklearn.ensemble import HistGradientBoostingClassifier

    from factcheck.trees import TreeEnsemble, from_sklearn

    rng = np.random.default_rng(7)
    x = rng.random((600, 4))
    y = x[:, 0] + x[:, 1] * x[:, 2] > 0.9  # an interaction no sum of weights holds
    model = HistGradientBoostingClassifier(max_depth=3, max_iter=30, early_stopping=False)
    model.fit(x[:, [0, 1, 2]], y)
    trees = TreeEnsemble.from_json(from_sklearn(model, [0, 1, 2]).to_json())
    ours = 1 / (1 + np.exp(-trees.logits(x)))  # every column given, as FEATURES rows are
    assert ours == pytest.approx(model.predict_proba(x[:, [0, 1, 2]])[:, 1], abs=1e-5)
