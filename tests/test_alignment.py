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
from factcheck.pipeline import compare_sources

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "stories"
HELDOUT = ROOT / "tests" / "heldout"
BASELINE = json.loads((ROOT / "tests" / "accuracy_baseline.json").read_text("utf-8"))


def test_the_scorer_is_data_with_a_versioned_name_and_thresholds_from_its_fit() -> None:
    scorer = load_scorer()
    data = json.loads((ROOT / "factcheck" / "data" / "pairs_v1.json").read_text("utf-8"))
    assert scorer.name == "pairs_v1" and tuple(data["features"]) == FEATURES
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
    pytest.importorskip("scipy", reason="the training extra: pip install 'factcheck[train]'")
    from factcheck.training import story_examples

    examples = story_examples(HELDOUT / "chipmaker_q3", load_embedder("fake"))
    assert examples.features.shape[1] == len(FEATURES)
    assert examples.labels.any() and not examples.labels.all()
