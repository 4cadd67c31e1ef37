"""The HTML report: structure, order, links, safety with hostile input, offline-ness."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from factcheck import fileio, report
from factcheck.model import Claim, CompareResult, PairVerdict, Quantity, Sentence, Source
from factcheck.report import (
    build_report_context,
    clean_text,
    format_quantity,
    render_html,
    write_html,
)
from tests.report_fixtures import (
    EXPECTED_AGREEMENTS,
    EXPECTED_CONTRADICTIONS,
    EXPECTED_UNCLEAR,
    HOSTILE_TEXT,
    example_result,
)

VERDICT_ORDER = {"contradict": 0, "agree": 1, "unclear": 2, "single": 3}


@pytest.fixture(scope="module")
def result() -> CompareResult:
    return example_result()


@pytest.fixture(scope="module")
def html(result: CompareResult) -> str:
    return render_html(result, title="H20 export charge", generated="2026-05-20 14:02 UTC")


@pytest.fixture(scope="module")
def doc(html: str) -> HTMLParser:
    return HTMLParser(html)


def claims_by_id(result: CompareResult) -> dict[str, Claim]:
    return {c.id: c for c in result.claims}


def single_claim_ids(result: CompareResult) -> set[str]:
    paired = {x for p in result.pairs if p.verdict != "unclear" for x in (p.a, p.b)}
    return {c.id for c in result.claims} - paired


def text_of(node: Node | None) -> str:
    assert node is not None
    return node.text(deep=True, separator="")


def attr(node: Node | None, name: str) -> str:
    assert node is not None
    value = node.attributes.get(name)
    assert value is not None, (node.tag, name)
    return value


# ----------------------------------------------------------------- counts / order


def test_counts_shown(doc: HTMLParser, result: CompareResult) -> None:
    n_single = len(single_claim_ids(result))
    assert text_of(doc.css_first("#count-contradict")) == str(EXPECTED_CONTRADICTIONS)
    assert text_of(doc.css_first("#count-agree")) == str(EXPECTED_AGREEMENTS)
    assert text_of(doc.css_first("#count-unclear")) == str(EXPECTED_UNCLEAR)
    assert text_of(doc.css_first("#count-single")) == str(n_single)
    reading = text_of(doc.css_first("#summary"))
    assert reading.startswith(
        f"{EXPECTED_CONTRADICTIONS} contradictions, {EXPECTED_AGREEMENTS} agreements, "
        f"{n_single} figures in one source only"
    )
    by_verdict = {v: len(doc.css(f'article.card[data-verdict="{v}"]')) for v in VERDICT_ORDER}
    assert by_verdict == {
        "contradict": EXPECTED_CONTRADICTIONS,
        "agree": EXPECTED_AGREEMENTS,
        "unclear": EXPECTED_UNCLEAR,
        "single": n_single,
    }
    assert "findings" in text_of(doc.css_first("#visible-count"))


def test_sources_table(doc: HTMLParser, result: CompareResult) -> None:
    rows = doc.css(".sources-table tbody tr")
    assert len(rows) == len(result.sources)
    for row, src in zip(rows, result.sources, strict=True):
        cells = [text_of(c).strip() for c in row.css("th, td")]
        assert cells[0] == src.id
        assert cells[3] == str(sum(c.source_id == src.id for c in result.claims))
    assert "Chinese (Traditional)" in text_of(rows[2])


def test_card_order(doc: HTMLParser) -> None:
    verdicts: list[str] = [attr(card, "data-verdict") for card in doc.css("article.card")]
    assert verdicts == sorted(verdicts, key=VERDICT_ORDER.__getitem__)
    assert set(verdicts) == set(VERDICT_ORDER)


def test_three_way_contradiction_card(doc: HTMLParser) -> None:
    first = doc.css_first('article.card[data-verdict="contradict"]')
    assert first is not None
    assert attr(first, "data-sources") == "s1 s2 s3"
    assert attr(first, "data-langs") == "en zh-Hans zh-Hant"
    assert "China share" in text_of(first.css_first("h3"))
    assert "Contradiction" in text_of(first.css_first(".badge"))  # verdict as text too
    values = [text_of(v) for v in first.css(".quote .value")]
    assert values == ["13%", "13%", "17%"]
    assert len(first.css(".why li")) == 2
    # the strip: one labelled row per source, points for plain values
    rows = first.css("svg.strip-svg g.row")
    assert [text_of(r.css_first(".row-label")) for r in rows] == ["s1", "s2", "s3"]
    assert all(r.css_first("circle.dot") is not None for r in rows)
    assert attr(first.css_first("svg"), "aria-label").startswith("Values by source")
    # s1 and s2 also agree: their quotes link to the agreement card
    also = [attr(a, "href") for a in first.css("a.to-card")]
    assert len(also) == 2 and all(doc.css_first(h) is not None for h in also)


def test_strip_bounds_drawn_as_arrows(doc: HTMLParser) -> None:
    card = next(
        c
        for c in doc.css('article.card[data-verdict="contradict"]')
        if "outlook" in text_of(c.css_first("h3"))
    )
    kinds = [attr(r, "class") for r in card.css("g.row")]
    assert kinds == ["row row-lower", "row row-upper"]
    arrows = [text_of(a) for a in card.css("text.arrow")]
    assert arrows == ["▶", "◀"]
    assert [text_of(v) for v in card.css(".quote .value")] == ["≥ $45 billion", "≤ $43 billion"]


def test_unclear_collapsed_with_reason(doc: HTMLParser) -> None:
    details = doc.css_first("#sec-unclear details")
    assert details is not None and "open" not in details.attributes
    cards = details.css("article.card")
    assert len(cards) == EXPECTED_UNCLEAR
    assert all(c.css_first(".why li") is not None for c in cards)


def test_single_source_grouped_by_source(doc: HTMLParser, result: CompareResult) -> None:
    groups = doc.css("#sec-single .single-group")
    assert [attr(g, "data-group-source") for g in groups] == ["s1", "s2", "s3", "s4"]
    shown = {attr(q, "data-claim") for g in groups for q in g.css("article.card .quote")}
    assert shown == single_claim_ids(result)


# ------------------------------------------------------------- quotes and links


def test_every_quote_has_one_mark_equal_to_surface(doc: HTMLParser, result: CompareResult) -> None:
    claims = claims_by_id(result)
    quotes = doc.css("article.card .quote")
    assert quotes
    for quote in quotes:
        claim = claims[attr(quote, "data-claim")]
        marks = quote.css("mark")
        assert len(marks) == 1, quote.html
        assert text_of(marks[0]) == clean_text(claim.quantity.surface)
        block = quote.css_first("blockquote")
        assert attr(block, "lang") == claim.lang
        sentence = claim.sentence
        src = next(s for s in result.sources if s.id == claim.source_id)
        expected = clean_text(src.text[sentence.start : sentence.end].strip())
        assert text_of(block).strip() == expected


def test_figures_and_cards_link_both_ways(doc: HTMLParser, result: CompareResult) -> None:
    ids = {attr(n, "id") for n in doc.css("[id]")}
    card_ids = {attr(n, "id") for n in doc.css("article.card")}
    fig_ids = {attr(n, "id") for n in doc.css("mark.fig[id]")}
    assert len(fig_ids) == len(result.claims)  # no overlapping figures in the fixture
    for a in doc.css("mark.fig a"):
        assert attr(a, "href").removeprefix("#") in card_ids
    linked_back = set()
    for a in doc.css("a.to-fig"):
        target = attr(a, "href").removeprefix("#")
        assert target in fig_ids
        linked_back.add(target)
    assert linked_back == fig_ids
    # every card is reachable from some figure
    assert {attr(a, "href").removeprefix("#") for a in doc.css("mark.fig a")} <= card_ids
    # no dangling in-page link anywhere
    for a in doc.css("a[href]"):
        assert attr(a, "href").removeprefix("#") in ids, attr(a, "href")
    assert len(ids) == len(doc.css("[id]")), "ids must be unique"


def test_source_view_shows_whole_text(doc: HTMLParser, result: CompareResult) -> None:
    bodies = doc.css(".source-text .source-body")
    assert len(bodies) == len(result.sources)
    for body, src in zip(bodies, result.sources, strict=True):
        assert text_of(body) == clean_text(src.text)
        assert attr(body, "lang") in {"en", "zh-Hans", "zh-Hant"}


# ------------------------------------------------------------------ safety


def test_hostile_source_is_inert(html: str, doc: HTMLParser) -> None:
    scripts = doc.css("script")
    assert len(scripts) == 1
    assert text_of(scripts[0]) == report._asset("report.js")
    assert "<script>alert" not in html
    assert "<img" not in html and "<b>" not in html and "<i>" not in html
    for node in doc.css("*"):
        for name in node.attributes:
            assert not name.lower().startswith("on"), (node.tag, name)
    # shown as text, readable
    s4 = doc.css_first('.source-text[data-source="s4"] .source-body')
    text = text_of(s4)
    assert "<script>alert(1)</script>" in text
    assert "Tom &amp; Jerry's \"onmouseover=alert(2)" in text
    assert "[U+202E]The charge was" in text
    assert "[BEL][ESC][31m" in text and "[NUL]" in text
    title = text_of(doc.css_first('.source-text[data-source="s4"] h3'))
    assert 'Chip "onmouseover=alert(1) blog &amp; <b>news</b>' in title
    assert "feeds/<script>alert(1)</script>.html" in text_of(doc.css_first(".sources-table"))
    reason = [text_of(li) for li in doc.css(".why li") if "company" in text_of(li)]
    assert reason and "<script>alert('why')</script>" in reason[0]
    # no raw control / bidi-override characters survive
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", html)


def test_offline_only(html: str, doc: HTMLParser) -> None:
    assert not re.search(r"https?:|//[a-z0-9]", html, re.IGNORECASE)
    assert doc.css("[src]") == []
    assert doc.css("link") == [] and doc.css("iframe") == [] and doc.css("object") == []
    for a in doc.css("[href]"):
        assert attr(a, "href").startswith("#")
    assert "@import" not in html and "url(" not in html


def test_csp_pins_own_script_and_style(doc: HTMLParser) -> None:
    csp = attr(doc.css_first('meta[http-equiv="Content-Security-Policy"]'), "content")
    assert "default-src 'none'" in csp
    for tag in ("script", "style"):
        body = text_of(doc.css_first(tag)).encode()
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_accessibility_basics(doc: HTMLParser) -> None:
    assert attr(doc.css_first("html"), "lang") == "en"
    for landmark in ("header", "nav", "main", "footer"):
        assert doc.css_first(landmark) is not None
    for control in ("filter-verdict", "filter-source", "filter-lang", "filter-q"):
        assert doc.css_first(f"#{control}") is not None
        assert doc.css_first(f'label[for="{control}"]') is not None
    for card in doc.css("article.card"):
        assert attr(card, "data-verdict") in VERDICT_ORDER
        assert attr(card, "data-sources")
        assert set(attr(card, "data-langs").split()) <= {"en", "zh-Hans", "zh-Hant", "und"}
        labelled = attr(card, "aria-labelledby")
        assert doc.css_first(f"#{labelled}") is not None
    langs = {b.attributes.get("lang") for b in doc.css("blockquote")}
    assert {"en", "zh-Hans", "zh-Hant"} <= langs
    source_options = [attr(o, "value") for o in doc.css("#filter-source option")]
    assert source_options == ["", "s1", "s2", "s3", "s4"]


def test_title_and_generated(doc: HTMLParser) -> None:
    assert text_of(doc.css_first("title")) == "H20 export charge"
    assert "2026-05-20 14:02 UTC" in text_of(doc.css_first(".dateline"))


def test_deterministic(result: CompareResult) -> None:
    assert render_html(result) == render_html(result)
    assert HTMLParser(render_html(result)).css_first(".dateline") is None


# ------------------------------------------------------------- formatting


def q(
    value: float | None,
    unit: str,
    kind: str,
    *,
    low: float | None = None,
    high: float | None = None,
    hedge: str | None = None,
) -> Quantity:
    return Quantity("x", 0, 1, value, low, high, unit, kind, hedge)


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (q(5.5e9, "USD", "money"), "$5.5 billion"),
        (q(6.0, "%", "percent", low=6.0, hedge="at_least"), "≥ 6%"),
        (q(6.0, "%", "percent", low=6.0, hedge="more_than"), "> 6%"),
        (q(43e9, "USD", "money", high=43e9, hedge="up_to"), "≤ $43 billion"),
        (q(None, "USD", "money", low=12000.0, high=15000.0, hedge="range"), "$12,000–15,000"),
        (q(296e12, "FLOPS", "compute"), "296 TFLOPS"),
        (q(96e9, "B", "data"), "96 GB"),
        (q(96 * 2**30, "B", "data"), "96 GB"),
        (q(4.8e12, "B/s", "bandwidth"), "4.8 TB/s"),
        (q(17e9, "CNY", "money"), "¥17 billion"),
        (q(2.5, "pp", "percentage_point"), "2.5 pp"),
        (q(3.0, "x", "multiple"), "3×"),
        (q(1_234_567.0, "", "count"), "1.235 million"),
        (q(12_000.0, "", "count"), "12,000"),
        (q(-3.2, "%", "percent"), "−3.2%"),
        (q(2e9, "EUR", "money"), "€2 billion"),
        (q(5e6, "XYZ", "money"), "5 million XYZ"),
        (q(None, "USD", "money"), "—"),
    ],
)
def test_format_quantity(quantity: Quantity, expected: str) -> None:
    assert format_quantity(quantity)[0] == expected


def test_format_about_gives_interval() -> None:
    about = q(5.5e9, "USD", "money", low=4.95e9, high=6.05e9, hedge="about")
    assert format_quantity(about) == ("≈ $5.5 billion", "$4.95–6.05 billion")


def test_clean_text() -> None:
    raw = "a\x00b\x1b[0m\tc\nd\r\ne\u202ef\x85"
    assert clean_text(raw) == "a[NUL]b[ESC][0m\tc\nd\ne[U+202E]f\ufffd"
    assert clean_text("plain 中文 text") == "plain 中文 text"


# ------------------------------------------------------------- robustness


def test_empty_result_renders() -> None:
    doc = HTMLParser(render_html(CompareResult((), (), ())))
    assert text_of(doc.css_first("#count-contradict")) == "0"
    assert doc.css("article.card") == []


def test_inconsistent_offsets_still_mark_the_surface() -> None:
    text = "Revenue was $10 billion. Profit was $2 billion."
    src = Source("s1", "a.txt", text, "utf-8", "en")
    bad = Claim(
        "s1:c1",
        "s1",
        Sentence(0, 24, text[:24], "en"),
        Quantity("$10 billion", 30, 41, 1e10, None, None, "USD", "money"),  # wrong offsets
        "revenue",
        None,
        "revenue",
        None,
        "",
        "en",
    )
    doc = HTMLParser(render_html(CompareResult((src,), (bad,), ())))
    marks = doc.css(".quote mark")
    assert [text_of(m) for m in marks] == ["$10 billion"]


def test_context_is_frozen(result: CompareResult) -> None:
    ctx = build_report_context(result)
    with pytest.raises(AttributeError):
        ctx.title = "x"  # type: ignore[misc]
    assert ctx.contradictions[0].quotes[0].before.startswith("China accounted")


def test_write_html_atomic(tmp_path: Path, result: CompareResult) -> None:
    out = tmp_path / "report.html"
    out.write_text("old")
    write_html(result, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["report.html"]


def test_write_html_failure_keeps_old_file(
    tmp_path: Path, result: CompareResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.html"
    out.write_text("old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", boom)
    with pytest.raises(OSError):
        write_html(result, out)
    assert out.read_text() == "old"
    assert os.listdir(tmp_path) == ["report.html"]


# ------------------------------------------------------------- property


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(min_size=1, max_size=200),
    other=st.text(max_size=60),
    title=st.one_of(st.none(), st.text(max_size=40)),
    subject=st.text(max_size=40),
    cut=st.tuples(st.integers(0, 200), st.integers(1, 20)),
    verdict=st.sampled_from(["agree", "contradict", "unclear"]),
)
def test_arbitrary_text_never_breaks_structure(
    text: str,
    other: str,
    title: str | None,
    subject: str,
    cut: tuple[int, int],
    verdict: str,
) -> None:
    start = min(cut[0], len(text) - 1)
    end = min(len(text), start + cut[1])
    surface = text[start:end]
    src1 = Source("s1", title or "-", text, "utf-8", "en", title)
    src2 = Source("s 2", "<b>", other + "42", "utf-8", "zh-Hant", subject)
    c1 = Claim(
        "s1:c1",
        "s1",
        Sentence(0, len(text), text, "en"),
        Quantity(surface, start, end, 1.0, None, None, "", "count"),
        subject,
        None,
        None,
        None,
        "",
        "en",
    )
    n = len(other)
    c2 = Claim(
        "s 2:c1",
        "s 2",
        Sentence(0, n + 2, other + "42", "zh-Hant"),
        Quantity("42", n, n + 2, 42.0, None, None, "", "count"),
        subject,
        None,
        None,
        None,
        "",
        "zh-Hant",
    )
    pair = PairVerdict(c1.id, c2.id, verdict, 0.5, subject)  # type: ignore[arg-type]
    html = render_html(CompareResult((src1, src2), (c1, c2), (pair,)), title=title)
    doc = HTMLParser(html)

    cards = doc.css("article.card")
    expected_cards = {"agree": 1, "contradict": 1, "unclear": 3}[verdict]
    assert len(cards) == expected_cards
    assert len(doc.css("script")) == 1
    assert len(doc.css("main")) == 1 and len(doc.css("section.source-text")) == 2
    for quote in doc.css(".quote"):
        assert len(quote.css("mark")) == 1
    body = doc.css_first(".source-text .source-body")
    expected = "".join(clean_text(p) for p in (text[:start], surface, text[end:]))
    assert body is not None and text_of(body) == expected
    marks = body.css("mark.fig")
    assert [text_of(m) for m in marks] == [clean_text(surface)]
    # nothing from the input became markup
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "a",
        "header",
        "div",
        "p",
        "h1",
        "time",
        "ul",
        "li",
        "span",
        "section",
        "h2",
        "table",
        "thead",
        "tr",
        "th",
        "tbody",
        "td",
        "bdi",
        "br",
        "h3",
        "nav",
        "form",
        "label",
        "select",
        "option",
        "input",
        "button",
        "main",
        "article",
        "figure",
        "figcaption",
        "blockquote",
        "mark",
        "strong",
        "dl",
        "dt",
        "dd",
        "h4",
        "svg",
        "line",
        "text",
        "g",
        "circle",
        "details",
        "summary",
        "footer",
        "script",
        "-text",
    }
    assert doc.root is not None
    assert {node.tag for node in doc.root.traverse()} <= allowed


def test_hostile_text_constant_is_hostile() -> None:
    assert "<script>" in HOSTILE_TEXT and "\u202e" in HOSTILE_TEXT and "\x00" in HOSTILE_TEXT


# ------------------------------------------------------------ confidence tiers


def _with_confidences(result: CompareResult, sure: dict[tuple[str, str], float]) -> CompareResult:
    """The fixture with a confidence on every pair (0.5 where ``sure`` names none)."""
    import dataclasses

    pairs = tuple(
        dataclasses.replace(p, confidence=sure.get((p.a, p.b), 0.5)) for p in result.pairs
    )
    return dataclasses.replace(result, pairs=pairs)


def test_contradictions_split_into_strong_and_possible_surest_first(
    result: CompareResult,
) -> None:
    contradicting = [p for p in result.pairs if p.verdict == "contradict"]
    china = [p for p in contradicting if "13%" in p.why]
    flops = next(p for p in contradicting if "TFLOPS" in p.why)
    ranges = next(p for p in contradicting if "ranges" in p.why)
    sure = {(china[0].a, china[0].b): 0.6, (china[1].a, china[1].b): 0.91}
    sure |= {(flops.a, flops.b): 0.95, (ranges.a, ranges.b): 0.3}
    doc = HTMLParser(render_html(_with_confidences(result, sure), min_confidence=0.8))
    strong = doc.css("#sec-contradict #tier-strong article.card")
    possible = doc.css("#sec-contradict #tier-possible article.card")
    assert text_of(doc.css_first("#h-tier-strong")).split() == ["Strong", "contradictions", "2"]
    assert text_of(doc.css_first("#h-tier-possible")).split() == [
        "Possible", "contradictions", "1",
    ]  # fmt: skip
    assert "at least 0.80" in text_of(doc.css_first("#tier-strong .tier-lede"))
    # surest first: the FLOPS card (0.95), then China's share (its surest pair, 0.91)
    assert [text_of(c.css_first(".confidence")) for c in strong] == [
        "Strong contradiction: Almost certainly the same claim (confidence 0.95)",
        "Strong contradiction: Almost certainly the same claim (confidence 0.91)",
    ]
    assert [attr(c, "data-strength") for c in strong + possible] == [
        "strong", "strong", "possible",
    ]  # fmt: skip
    assert [attr(c, "data-verdict") for c in strong + possible] == ["contradict"] * 3
    assert text_of(possible[0].css_first(".confidence")) == (
        "Possible contradiction: Possibly the same claim (confidence 0.30)"
    )
    # each reason says how sure its own pair is, in words and as a number (most similar first)
    assert [text_of(s) for s in strong[1].css(".why li .sure")] == [
        "Almost certainly the same claim (confidence 0.91).",
        "Probably the same claim (confidence 0.60).",
    ]


def test_default_min_confidence_and_no_possible_tier_when_all_are_sure(
    result: CompareResult,
) -> None:
    from factcheck.confidence import DEFAULT_MIN_CONFIDENCE

    sure = {(p.a, p.b): 0.99 for p in result.pairs if p.verdict == "contradict"}
    ctx = build_report_context(_with_confidences(result, sure))
    assert ctx.min_confidence_text == f"{DEFAULT_MIN_CONFIDENCE:.2f}"
    assert len(ctx.strong_contradictions) == EXPECTED_CONTRADICTIONS
    assert ctx.possible_contradictions == ()
    doc = HTMLParser(render_html(_with_confidences(result, sure)))
    assert doc.css_first("#tier-possible") is None
    assert len(doc.css("#tier-strong article.card")) == EXPECTED_CONTRADICTIONS
    agree = doc.css_first('article.card[data-verdict="agree"]')
    assert agree is not None and attr(agree, "data-verdict") == "agree"
    assert text_of(agree.css_first(".confidence")) == "Probably the same claim (confidence 0.50)"
    assert agree.attributes.get("data-strength") is None


def test_a_big_comparison_renders_a_bounded_page_that_says_what_it_leaves_out(
    result: CompareResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past CARD_LIMITS a section lists its first cards and says how many it leaves out;
    every in-page link still leads somewhere."""
    limits = {"contradict": 1, "agree": 1, "unclear": 1, "single": 1}
    monkeypatch.setattr(report, "CARD_LIMITS", limits)
    html = render_html(result, title="big", generated=None)
    doc = HTMLParser(html)
    singles = single_claim_ids(result)
    assert len(singles) > 1 and len(doc.css("#sec-single article.card")) == 1
    notes = [text_of(n) for n in doc.css("p.left-out")]
    assert f"The {len(singles) - 1:,} after the first 1 are left out of this page" in " ".join(
        notes
    )
    # each source still says how many of its figures stand alone, cards listed or not
    counted = [re.search(r"— (\d+) figures?", text_of(h)) for h in doc.css(".single-group-h")]
    assert sum(int(m.group(1)) for m in counted if m) == len(singles)
    ids = {attr(node, "id") for node in doc.css("[id]")}
    for a in doc.css("a[href]"):
        assert attr(a, "href").removeprefix("#") in ids, attr(a, "href")
    # the section counts are the whole comparison's, not the cards shown
    counts = [text_of(n) for n in doc.css("h2 .section-count")]
    assert counts[-1] == str(len(singles))


def test_a_card_past_its_quote_limit_says_how_many_figures_it_does_not_quote(
    result: CompareResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "QUOTES_PER_CARD", 1)
    monkeypatch.setattr(report, "SOURCE_TEXT_LIMIT", 1)
    doc = HTMLParser(render_html(result, title="big", generated=None))
    cards = doc.css("#sec-agree article.card")
    assert cards and all(len(c.css("figure.quote")) == 1 for c in cards)
    notes = [text_of(n) for c in cards for n in c.css("p.left-out")]
    assert notes and all(re.match(r"And \d+ more figures? from \d+ sources?, not quoted", n)
                         for n in notes)  # fmt: skip
    assert len(doc.css(".source-text")) == 1  # one source text, and no link to the others
    ids = {attr(node, "id") for node in doc.css("[id]")}
    for a in doc.css("a[href]"):
        assert attr(a, "href").removeprefix("#") in ids, attr(a, "href")
