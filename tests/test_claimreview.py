"""ClaimReview JSON-LD: the fields schema.org and the search engines require, on real output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claimreview import (
    BEST_RATING,
    RATINGS,
    WORST_RATING,
    claimreview_documents,
    dumps,
    write_claimreview,
)
from factcheck.cli import cli
from factcheck.groups import agreement_groups
from factcheck.model import CompareResult, PairVerdict
from factcheck.pipeline import compare_paths
from factcheck.report import clean_text, render_html
from tests.report_fixtures import EXPECTED_AGREEMENTS, EXPECTED_CONTRADICTIONS, example_result

LABELS = {RATINGS["contradict"][1], RATINGS["agree"][1]}
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def check_document(doc: dict[str, Any], *, url: str | None = None) -> None:
    """The required and recommended ClaimReview fields, with the right types."""
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "ClaimReview"
    assert isinstance(doc["claimReviewed"], str) and doc["claimReviewed"].strip()

    rating = doc["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["worstRating"] == WORST_RATING and rating["bestRating"] == BEST_RATING
    assert WORST_RATING <= rating["ratingValue"] <= BEST_RATING
    assert rating["alternateName"] in LABELS
    expected = {label: value for value, label in RATINGS.values()}
    assert rating["ratingValue"] == expected[rating["alternateName"]]

    item = doc["itemReviewed"]
    assert item["@type"] == "Claim"
    appearances = item["appearance"]
    assert isinstance(appearances, list) and len(appearances) >= 2  # a group spans sources
    for work in appearances:
        assert work["@type"] == "CreativeWork"
        assert work.get("url") or work.get("name")
        if "url" in work:
            assert re.match(r"https?://", work["url"])
        assert isinstance(work["text"], str) and work["text"].strip()
    keys = [w.get("url") or w["name"] for w in appearances]
    assert len(keys) == len(set(keys))  # one appearance per source

    assert doc["author"]["@type"] == "Organization" and doc["author"]["name"].strip()
    dt.date.fromisoformat(doc["datePublished"][:10])
    if url is None:
        assert "url" not in doc
    else:
        assert doc["url"].startswith(url)


def expected_groups(result: CompareResult) -> tuple[int, int]:
    contra = agreement_groups(
        PairVerdict(p.a, p.b, "agree", p.score, p.why)
        for p in result.pairs
        if p.verdict == "contradict"
    )
    return len(contra), len(agreement_groups(result.pairs))


@pytest.fixture(scope="module")
def example() -> CompareResult:
    # the rules pairing: the example corpus holds a contradiction under it (the H20's
    # memory), none under the learned one, and both kinds of document are checked here
    return compare_paths([], model="fake", pairing="rules")


def test_required_fields_on_example_corpus(example: CompareResult) -> None:
    docs = claimreview_documents(example, date=dt.date(2025, 4, 17))
    n_contra, n_agree = expected_groups(example)
    assert n_contra and n_agree
    assert len(docs) == n_contra + n_agree
    labels = [d["reviewRating"]["alternateName"] for d in docs]
    assert labels == ["Sources disagree"] * n_contra + ["Sources agree"] * n_agree
    for doc in docs:
        check_document(doc)
        assert doc["datePublished"] == "2025-04-17"
        assert doc["author"] == {"@type": "Organization", "name": "factcheck"}


@pytest.mark.model
def test_required_fields_with_default_model() -> None:
    result = compare_paths([], pairing="rules")
    docs = claimreview_documents(result, url="https://example.org/h20.html")
    n_contra, n_agree = expected_groups(result)
    assert len(docs) == n_contra + n_agree and n_contra and n_agree
    for doc in docs:
        check_document(doc, url="https://example.org/h20.html")


def test_fixture_groups_and_hostile_text() -> None:
    result = example_result()
    docs = claimreview_documents(result, date="2025-04-17")
    assert len(docs) == EXPECTED_CONTRADICTIONS + EXPECTED_AGREEMENTS
    text = dumps(docs)
    assert "<" not in text and ">" not in text and "&" not in text  # safe inside <script>
    assert not UNSAFE.search(text)
    for doc in docs:
        check_document(doc)
    # the three-source contradiction names each source once, with its figure
    first = docs[0]
    assert first["reviewRating"]["alternateName"] == "Sources disagree"
    assert len(first["itemReviewed"]["appearance"]) == 3
    assert first["claimReviewed"].count("%") == 3


def test_url_points_at_each_card_of_the_report(example: CompareResult) -> None:
    url = "https://news.example/checks/h20.html"
    docs = claimreview_documents(example, url=url)
    html = render_html(example)
    anchors = [d["url"].removeprefix(url + "#") for d in docs]
    assert len(set(anchors)) == len(docs)
    for anchor in anchors:
        assert re.fullmatch(r"card-[xa]-[A-Za-z0-9_-]+", anchor)
        assert f'id="{anchor}"' in html
    # a url with its own fragment is used as given
    docs = claimreview_documents(example, url=url + "#top")
    assert {d["url"] for d in docs} == {url + "#top"}


def test_source_urls_become_appearance_urls() -> None:
    result = example_result()
    web = dataclasses.replace(result.sources[0], path="https://www.reuters.example/h20?id=1")
    result = dataclasses.replace(result, sources=(web, *result.sources[1:]))
    docs = claimreview_documents(result)
    works = [w for d in docs for w in d["itemReviewed"]["appearance"]]
    urls = [w for w in works if "url" in w]
    assert urls and all(w["url"] == web.path for w in urls)
    assert all(w["name"] == web.title for w in urls)
    assert any(w["name"] == "articles/caixin-h20.txt" for w in works if "url" not in w)


def test_dates() -> None:
    result = example_result()
    assert claimreview_documents(result)[0]["datePublished"] == dt.date.today().isoformat()
    when = dt.datetime(2025, 4, 17, 9, 30)
    assert claimreview_documents(result, date=when)[0]["datePublished"] == "2025-04-17"
    with pytest.raises(ValueError):
        claimreview_documents(result, date="17 April")


def test_write_round_trip(tmp_path: Path, example: CompareResult) -> None:
    path = tmp_path / "out" / "claimreview.json"
    write_claimreview(example, path, author="Desk", date="2025-04-17")
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert loaded == claimreview_documents(example, author="Desk", date="2025-04-17")
    assert all(d["author"]["name"] == "Desk" for d in loaded)
    assert [p.name for p in path.parent.iterdir()] == ["claimreview.json"]  # no temp left


def test_empty_result_writes_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "cr.json"
    write_claimreview(CompareResult(sources=(), claims=(), pairs=()), path)
    assert json.loads(path.read_text(encoding="utf-8")) == []


def test_cli_writes_claimreview(tmp_path: Path) -> None:
    path = tmp_path / "cr.json"
    run = CliRunner().invoke(cli, ["compare", "-q", "--model", "fake", "--claimreview", str(path)])
    assert run.exit_code == 0, run.output
    docs = json.loads(path.read_text(encoding="utf-8"))
    assert docs
    for doc in docs:
        check_document(doc)


@settings(max_examples=40, deadline=None)
@given(author=st.text(max_size=40), url=st.one_of(st.none(), st.text(max_size=40)))
def test_any_author_and_url_round_trip(author: str, url: str | None) -> None:
    docs = claimreview_documents(
        example_result(), author=author, url=url or None, date="2025-01-01"
    )
    text = dumps(docs)
    assert "<" not in text and ">" not in text
    assert json.loads(text) == docs
    for doc in docs:
        assert doc["author"]["name"] == (clean_text(author).strip() or "factcheck")
