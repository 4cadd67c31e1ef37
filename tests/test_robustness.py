"""Never a traceback, never all-or-nothing.

Property tests: the quantity parser, the claim rules, the segmenter, the time parser and
ingest never raise on arbitrary text or bytes, and every span they report is exact. And a
source whose extraction fails (a parser bug) is one line on stderr naming the file and
line; the other sources are still compared, exit status 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck.extract
from factcheck.claimhood import claims_only
from factcheck.cli import cli
from factcheck.ingest import IngestError, read_bytes
from factcheck.quantities import _CN_DIGITS, _EN_SCALES, _HEDGE_PREFIX, _UNITS, extract_quantities
from factcheck.segment import split_sentences
from factcheck.timescope import find_time_scopes

# the parser's own vocabulary, so that random text hits its rules and not only its misses
_EXTRA_WORDS = (
    "one two three twenty hundred half per cent percent and or to from between of a the 5 3.5 "
    "1,000 10-12 $ € £ ¥ 万 亿 億 百分之 成 折 倍 个 多 余 左右 以上 约 近 第 年 月 日 号 点 分 时 "
    "- – / x × + % . , ( ) fold times twice cents 块 毛 角 元 美元 十 百 千 零 半"
)
_WORDS = sorted(
    set(_UNITS) | set(_EN_SCALES) | set(_HEDGE_PREFIX) | set(_CN_DIGITS) | set(_EXTRA_WORDS.split())
)
_PHRASES = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9).map(" ".join) | st.lists(
    st.sampled_from(_WORDS), min_size=1, max_size=9
).map("".join)
_TEXT = st.text(max_size=200) | _PHRASES


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXT)
def test_quantities_and_claim_rules_never_raise_and_spans_are_exact(text: str) -> None:
    found = extract_quantities(text)
    for q in found:
        assert text[q.start : q.end] == q.surface
    for q in claims_only(text, found):
        assert q in found


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_time_scopes_never_raise_and_spans_are_exact(text: str) -> None:
    for scope in find_time_scopes(text):
        assert text[scope.start : scope.end] == scope.surface


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sentences_never_raise_and_spans_are_exact(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html"]))
def test_ingest_gives_a_source_or_a_one_line_problem(data: bytes, name: str) -> None:
    try:
        source = read_bytes(data, name, "s1")
    except IngestError as problem:
        assert "\n" not in str(problem)
        return
    assert source.text.strip()


def test_the_sentence_that_once_crashed_the_parser() -> None:
    # KeyError 'per' from the English number reader, via the cents merger
    assert [q.surface for q in extract_quantities("It cost 5 dollars three per cent more")]


@pytest.fixture
def breaks_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction raises (as a parser bug would) on every sentence holding BOOM."""
    real = factcheck.extract.claims_in_sentence

    def fragile(source, sentence, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "BOOM" in sentence.text:
            raise KeyError("per")
        return real(source, sentence, *args, **kwargs)

    monkeypatch.setattr(factcheck.extract, "claims_in_sentence", fragile)  # forked children see it


@pytest.mark.usefixtures("breaks_on_boom")
def test_a_source_that_breaks_extraction_is_one_line_and_the_others_are_compared(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Orbita Motors delivered 118,432 vehicles in 2025.\n", "utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("First line.\nBOOM went 5 dollars.\n", "utf-8")
    result = CliRunner().invoke(cli, ["compare", "--model", "fake", str(good), str(bad)])
    assert result.exit_code == 2
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("factcheck:")]
    assert problem_lines == [
        f"factcheck: {bad}: line 2: could not extract claims (KeyError: 'per'); left out, "
        "the other sources were compared (please report this as a bug)"
    ]
    assert "Traceback" not in result.output
    assert result.stdout.splitlines()[-1] == (
        "1 source, 1 claim: 0 contradictions, 0 agreements, 1 figure in one source only"
    )


def _many_sources(n: int) -> list:
    from factcheck.ingest import read_bytes

    return [
        read_bytes(
            f"Orbita Motors delivered {1000 + i:,} vehicles in 2025, up {i % 9 + 1}%.\\n"
            f"BOOM {i} dollars.\\n".replace("BOOM", "BOOM" if i == 5 else "It cost").encode(),
            f"n{i}.txt",
            f"s{i + 1}",
        )
        for i in range(n)
    ]


@pytest.mark.usefixtures("breaks_on_boom")
def test_extraction_in_processes_gives_the_same_claims_and_problems() -> None:
    from factcheck.pipeline import SOURCES_PER_JOB, extract_claims_from_sources

    sources = _many_sources(4 * SOURCES_PER_JOB)
    one: list = []
    two: list = []
    assert extract_claims_from_sources(sources, problems=one, jobs=1) == (
        extract_claims_from_sources(sources, problems=two, jobs=2)
    )
    assert one == two and [p.path for p in one] == ["n5.txt"]
