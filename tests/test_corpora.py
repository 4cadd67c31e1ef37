"""End to end with the default model: the seed corpus, the bundled examples, the held-out stories.

These run the real multilingual model (about a second to load) and are what the
README's promises rest on.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from factcheck.embed import load_embedder
from factcheck.evaluate import evaluate
from factcheck.model import DEFAULT_PAIRING, Claim, CompareResult
from factcheck.pipeline import compare_paths, example_corpus

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "h20"
HELDOUT = ROOT / "tests" / "heldout"
RULES_STORIES = ("chipmaker_q3", "ev_deliveries", "phone_launch")
BASELINE = ROOT / "tests" / "accuracy_baseline.json"

pytestmark = pytest.mark.model


@cache
def _compare(folder: str, pairing: str = DEFAULT_PAIRING) -> CompareResult:
    return compare_paths([folder], embedder=load_embedder(), pairing=pairing)


def _claims(result: CompareResult, file_part: str, surface_part: str) -> list[Claim]:
    paths = {s.id: s.path for s in result.sources}
    return [
        c
        for c in result.claims
        if file_part in paths[c.source_id] and surface_part in c.quantity.surface
    ]


def _verdicts(result: CompareResult, a: list[Claim], b: list[Claim]) -> set[str]:
    ids_a, ids_b = {c.id for c in a}, {c.id for c in b}
    return {
        p.verdict
        for p in result.pairs
        if (p.a in ids_a and p.b in ids_b) or (p.a in ids_b and p.b in ids_a)
    }


def _seed() -> CompareResult:
    if not SEED.is_dir():
        pytest.skip(f"the reference corpus is not here: {SEED} (../shared beside the checkout)")
    return _compare(str(SEED))


def test_seed_charge_is_one_figure_in_three_scripts() -> None:
    result = _seed()
    en = _claims(result, "000_", "5.5 billion")
    hant = _claims(result, "002_", "55億美元")
    hans = _claims(result, "004_", "55亿美元")
    assert en and hant and hans
    assert "agree" in _verdicts(result, en, hant)
    assert "agree" in _verdicts(result, hant, hans)
    assert "agree" in _verdicts(result, en, hans)


def test_seed_china_revenue_agrees_despite_rounding() -> None:
    result = _seed()
    precise = _claims(result, "000_", "17.108 billion")
    rounded = _claims(result, "002_", "170億美元")
    assert precise and rounded
    assert _verdicts(result, precise, rounded) == {"agree"}


def test_seed_hedge_agrees_with_exact_figure_on_the_same_day() -> None:
    result = _seed()
    assert _verdicts(
        result, _claims(result, "000_", "more than 6%"), _claims(result, "002_", "6.9%")
    ) == {"agree"}


def test_seed_h20_memory_discrepancy_is_flagged_by_the_rules() -> None:
    # a reseller's "H20 server with 141GB" against the spec sheet's 96GB: the rules call it
    # a possible contradiction (confidence 0.36); the learned pairing, the default, finds
    # the two sentences too unlike (P 0.38, below its 0.41 pair threshold) to pair them
    _seed()  # skips when the reference corpus is not here
    result = _compare(str(SEED), "rules")
    assert _verdicts(result, _claims(result, "000_", "141GB"), _claims(result, "004_", "96GB")) == {
        "contradict"
    }


def test_seed_market_figures_from_different_days_are_not_contradictions() -> None:
    result = _seed()
    prices = _claims(result, "001_", "175.64") + _claims(result, "004_", "172.25")
    caps = _claims(result, "001_", "1550億") + _claims(result, "002_", "1890億")
    caps += _claims(result, "002_", "1.37萬億")
    for group in (prices, caps):
        ids = {c.id for c in group}
        assert not [p for p in result.pairs if p.verdict == "contradict" and {p.a, p.b} <= ids]


def test_seed_price_gap_is_not_the_revenue_cut() -> None:
    result = _seed()
    gap = _claims(result, "000_", "15%")
    cut = _claims(result, "003_", "15%")
    assert gap and cut
    assert "agree" not in _verdicts(result, gap, cut)


def test_seed_two_subjects_in_one_sentence_are_two_claims() -> None:
    result = _seed()
    (h20,) = _claims(result, "004_", "296 TFLOPS")
    (h100,) = _claims(result, "004_", "1,980 TFLOPS")
    assert "H20" in h20.entities and "H100" in h100.entities
    assert "H100" not in h20.entities


# --- the bundled example corpus (its README lists what a reader should find) ------


def _examples() -> CompareResult:
    return _compare(str(example_corpus()))


def test_examples_charge_agrees_across_four_sources() -> None:
    result = _examples()
    wire = _claims(result, "wire_en", "$5.5 billion")
    hans = _claims(result, "caijing", "55亿美元")
    hant = _claims(result, "mingpao", "55億美元")
    html = _claims(result, "explainer", "5.5 billion")
    assert wire and hans and hant and html
    assert "agree" in _verdicts(result, hans, hant)
    assert "agree" in _verdicts(result, wire, html)
    assert "agree" in _verdicts(result, hant, wire)


def test_examples_memory_discrepancy_and_specs() -> None:
    rules = _compare(str(example_corpus()), "rules")  # see the seed test above
    reseller = _claims(rules, "wire_en", "141GB")
    spec = _claims(rules, "caijing", "96GB") + _claims(rules, "explainer", "96GB")
    assert _verdicts(rules, reseller, spec) == {"contradict"}
    result = _examples()
    h20 = _claims(result, "caijing", "296 TFLOPS")
    h100 = _claims(result, "explainer", "1,980 TFLOPS")
    assert not _verdicts(result, h20, h100)  # different chips are never paired


def test_examples_noise_and_decoys_are_not_claims() -> None:
    result = _examples()
    surfaces = {c.quantity.surface for c in result.claims}
    html_text = next(s.text for s in result.sources if s.path.endswith(".html"))
    assert "<script" not in html_text and "cookie" not in html_text.lower()
    assert not any("買三送一" in c.sentence.text for c in result.claims)
    assert "50,000" not in surfaces  # the newsletter pitch


def test_examples_other_days_are_never_contradictions() -> None:
    result = _examples()
    july = _claims(result, "caijing", "172.25")
    august = _claims(result, "sidebar", "175.64")
    assert "contradict" not in _verdicts(result, july, august)
    gap = _claims(result, "wire_en", "15%")
    deal = _claims(result, "sidebar", "15%")
    assert "agree" not in _verdicts(result, gap, deal)


# --- the held-out stories: precision and recall must not fall ------------------------


def test_heldout_accuracy_does_not_fall_below_the_committed_baseline() -> None:
    baseline = json.loads(BASELINE.read_text("utf-8"))
    # the rules' floors, set on the first three held-out stories (the two of 2026-12-03
    # are scored by the learned pairing, the default: tests/test_alignment.py)
    scores = evaluate(HELDOUT, load_embedder(), list(RULES_STORIES), pairing="rules")
    total = {"agree": [0, 0, 0], "contradict": [0, 0, 0]}
    for score in scores.values():
        for verdict in total:
            total[verdict][0] += score.tp[verdict]
            total[verdict][1] += score.fp[verdict]
            total[verdict][2] += score.fn[verdict]
    for verdict, (tp, fp, fn) in total.items():
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        assert precision >= baseline[verdict]["precision"], (verdict, precision)
        assert recall >= baseline[verdict]["recall"], (verdict, recall)


# --- the seed corpus as a new user reads it: each figure once, labelled by its own clause --


def test_seed_chinese_articles_and_clock_times_are_not_figures() -> None:
    result = _seed()
    paths = {s.id: s.path for s in result.sources}
    bare_one = [
        c
        for c in result.claims
        if "004_" in paths[c.source_id] and c.quantity.surface in ("一", "壹")
    ]
    assert bare_one == []


def test_seed_compound_modifiers_and_hedged_ranges_stay_one_figure() -> None:
    result = _seed()
    (params,) = _claims(result, "003_", "32-billion")
    assert params.quantity.value == 32e9
    # the scale word is not a second figure of its own
    assert [c for c in _claims(result, "003_", "billion") if c.quantity.surface == "billion"] == []


def test_seed_headline_amount_takes_the_currency_of_the_body() -> None:
    result = _seed()
    headline = [c for c in _claims(result, "001_", "1550億") if "美元" not in c.quantity.surface]
    assert headline
    assert {c.quantity.kind for c in headline} == {"money"}
    assert {c.quantity.unit for c in headline} == {"USD"}


def test_seed_server_prices_are_prices_not_memory() -> None:
    result = _seed()
    prices = _claims(result, "000_", "million yuan")
    assert prices
    assert all(c.metric != "memory" for c in prices)


def test_seed_metric_comes_from_the_figures_own_clause() -> None:
    result = _seed()
    (output,) = _claims(result, "000_", "34%")
    (imports,) = _claims(result, "000_", "10.8%")
    assert output.metric == "growth"
    assert imports.metric == "decline"


def test_seed_a_since_phrase_is_not_the_figures_date() -> None:
    # "當地時間週二(8月19日) ... 市值蒸發超過1550億美元,這也是今年4月份以來的單日最大跌幅"
    result = _seed()
    drops = _claims(result, "001_", "1550億美元")
    assert drops
    assert {c.time for c in drops} == {"--08-19"}


def test_seed_figures_are_shown_in_the_unit_the_source_wrote() -> None:
    from factcheck.formatting import format_quantity

    result = _seed()
    (h100,) = _claims(result, "004_", "1,980 TFLOPS")
    assert format_quantity(h100.quantity)[0] == "1,980 TFLOPS"
