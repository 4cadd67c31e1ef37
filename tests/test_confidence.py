"""Every verdict says how sure it is (factcheck/confidence.py), and its reason reads as prose:
no raw period label ("--04", "FY2025-Q1") reaches an editor, under either pairing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.confidence import DEFAULT_MIN_CONFIDENCE, confidence_words, describe_confidence
from factcheck.embed import load_embedder
from factcheck.formatting import describe_dated, describe_periods
from factcheck.ingest import read_source
from factcheck.pipeline import compare_sources, example_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [
    example_corpus(),
    *sorted(p for p in (ROOT / "tests" / "stories").iterdir() if p.is_dir()),
    *sorted(p for p in (ROOT / "tests" / "heldout").iterdir() if p.is_dir()),
]
# timescope labels: "--04", "--04-16", "FY2025", "FY-Q1", "2025-Q1", "2025-04", "2025-H1",
# "weekday-2", "last-year"
RAW_LABEL = re.compile(
    r"--\d\d|FY\d{4}|FY-|\b\d{4}-[QH]\d|\b\d{4}-\d{2}\b|weekday-|(last|this|next)-(year|quarter|month|week)"
)


def test_raw_label_pattern_catches_the_labels_and_not_the_words() -> None:
    for label in ("--04", "--04-16", "FY2025", "FY2025-Q1", "FY-Q1", "2025-04", "2025-H1"):
        assert RAW_LABEL.search(f"different periods ({label} vs x)"), label
    assert not RAW_LABEL.search("different periods (Q1 of fiscal 2025 vs April 2025)")


def test_periods_in_words() -> None:
    assert describe_periods("--08-19", "--04-16") == "19 August vs 16 April, no year given"
    assert describe_periods("FY2025", "--01") == "fiscal 2025 vs January, no year given"
    assert describe_periods("FY2025-Q1", "2025-04") == "Q1 of fiscal 2025 vs April 2025"
    assert describe_dated("s2", "--04") == "only s2 says when (April, no year given)"
    assert describe_dated("db", "FY2025-Q2") == "only the database says when (Q2 of fiscal 2025)"


def test_confidence_in_words() -> None:
    assert describe_confidence(0.9312) == "confidence 0.93, almost certainly the same claim"
    assert describe_confidence(None) == ""
    words = [confidence_words(p) for p in (0.95, 0.8, 0.6, 0.3, 0.1)]
    assert words == [
        "almost certainly the same claim", "very likely the same claim",
        "probably the same claim", "possibly the same claim", "unlikely to be the same claim",
    ]  # fmt: skip
    assert 0 < DEFAULT_MIN_CONFIDENCE < 1


def _sources(folder: Path) -> list:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".htm"))
    return [read_source(str(p), f"s{i + 1}") for i, p in enumerate(files)]


@pytest.mark.model
@pytest.mark.parametrize("pairing", ["rules", "learned"])
def test_every_pair_has_a_confidence_and_a_reason_in_words(pairing: str) -> None:
    embedder = load_embedder()
    seen, one_sided = 0, 0
    for folder in CORPORA:
        result = compare_sources(_sources(folder), embedder, pairing=pairing)
        for pair in result.pairs:
            assert pair.confidence is not None and 0.0 <= pair.confidence <= 1.0
            assert not RAW_LABEL.search(pair.why), f"{folder.name}: {pair.why}"
            one_sided += "says when (" in pair.why
            seen += 1
    assert seen > 100  # the corpora really were compared
    # a period stated on one side only is named in words (the rules leave such pairs
    # unclear; the corpora hold no such contradiction for the learned pairing)
    assert one_sided or pairing == "learned"


@pytest.mark.model
def test_the_seed_corpus_contradiction_is_possible_at_the_default_confidence() -> None:
    """Measured, not wished: the scorer gives the bundled corpus's one contradiction (H20
    memory, 96 GB vs 141 GB) P(same) 0.36 and 0.64 (pairs_v3 gave 0.40 and 0.42), below
    the default, so
    `--fail-on-contradiction` does not fail on it unless --min-confidence is lowered."""
    # the rules pairing: the learned one (the default) leaves this pair alone (below its
    # pair threshold), so the corpus has no contradiction under it
    result = compare_sources(_sources(example_corpus()), load_embedder(), pairing="rules")
    contradicting = [p for p in result.pairs if p.verdict == "contradict"]
    assert [(p.a, p.b, p.confidence) for p in contradicting] == [
        ("s1:c5", "s5:c6", 0.3644), ("s2:c3", "s5:c6", 0.6407),
    ]  # fmt: skip
    assert all(p.confidence < DEFAULT_MIN_CONFIDENCE for p in contradicting if p.confidence)
