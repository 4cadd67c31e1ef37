"""Extraction on real text: the hand-checked gold sample and aligned translations.

The gold sample (tests/gold) marks every claim a fact-checker would see in sentences of
FLORES-200 dev and TICO-19 (development) and FLORES-200 devtest (held out), in English,
Simplified and Traditional Chinese. The
consistency check reads FLORES-200 devtest and TICO-19: a faithful translation carries the
same figures, so each figure should have an equal one in the other script. Both read the
sentences from ../shared (the corpora are not copied into the project) and fail if a
score falls below the floor committed in tests/extraction_baseline.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.evaluate.aligned import LANGS, shared_dir
from factcheck.evaluate.consistency import consistency
from factcheck.evaluate.gold import GOLD_DIR, load_gold, score_gold
from tests.gold.write_baseline import GUARDED

BASELINE = json.loads(Path(__file__).with_name("extraction_baseline.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def shared() -> Path:
    path = shared_dir()
    assert (path / "corpus" / "flores").is_dir(), f"the aligned corpora are not at {path}"
    return path


def test_every_sampled_sentence_is_annotated_in_every_script(shared: Path) -> None:
    gold, lines = load_gold(GOLD_DIR, shared)
    annotated = {(g.id, g.lang) for g in gold}
    sample = json.loads((GOLD_DIR / "sample.json").read_text("utf-8"))
    expected = {
        (line_id, lang)
        for ids in sample.values()
        for line_id in ids
        for lang in LANGS
        if lang in lines[line_id].texts
    }
    assert annotated == expected
    assert len(annotated) >= 300


@pytest.fixture(scope="module")
def gold_scores(shared: Path) -> dict:
    return score_gold(GOLD_DIR, shared)


@pytest.mark.parametrize("split", ["development", "held-out"])
@pytest.mark.parametrize("script", ["en", "zh-Hans", "zh-Hant"])
def test_gold_precision_and_recall_do_not_fall(gold_scores: dict, split: str, script: str) -> None:
    score = gold_scores[split][script]
    floor = BASELINE["gold"][split][script]
    # held-out errors are not printed: they are for scoring, not for writing rules
    errors = "\n".join(score.errors) if split == "development" else f"{split} {script}"
    assert score.precision >= floor["precision"], errors
    assert score.recall >= floor["recall"], errors


def test_consistency_on_aligned_translations_does_not_fall(shared: Path) -> None:
    failures = []
    for pair in consistency(GUARDED, shared):
        for lang, side in pair.sides.items():
            floor = BASELINE["consistency"][pair.corpus][f"{pair.a}~{pair.b}"][lang]
            if side.share < floor:
                where = f"{pair.corpus} {pair.a}~{pair.b} {lang}"
                failures.append(f"{where}: {side.share:.3f} < {floor}")
    assert not failures, failures


def test_the_gold_pairing_takes_each_figures_own_unit_first() -> None:
    """"500 mi (800 km)" against "800 公里（500 英里）": both crossings are equal within
    rounding, but the pairing that evaluate alignment and the scorer's training read as
    gold must pair miles with 英里 and kilometres with 公里."""
    from factcheck.evaluate.consistency import max_matching
    from factcheck.quantities import extract_quantities

    en = extract_quantities("It is 500 mi (800 km) long.")
    zh = extract_quantities("全长800公里（500英里）。")
    assert [q.surface for q in en] == ["500 mi", "800 km"]
    assert [q.surface for q in zh] == ["800公里", "500英里"]
    assert max_matching(en, zh) == {0: 1, 1: 0}
