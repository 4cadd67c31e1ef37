"""Sentence splitting, per-sentence language, boilerplate and script folding."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.segment import detect_lang, is_boilerplate, split_sentences, to_simplified

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "h20"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_english_abbreviations_and_decimals_do_not_split() -> None:
    text = (
        "The U.S. Commerce Dept. said Acme Inc. sales rose 5.5% to $3.2 billion. "
        "Dr. Lee, of No. 9 Lab, disagreed on Jan. 5 vs. Dec. 3, e.g. last week. "
        "Jane Q. Public agreed!"
    )
    assert texts(text) == [
        "The U.S. Commerce Dept. said Acme Inc. sales rose 5.5% to $3.2 billion.",
        "Dr. Lee, of No. 9 Lab, disagreed on Jan. 5 vs. Dec. 3, e.g. last week.",
        "Jane Q. Public agreed!",
    ]


def test_english_quotes_questions_and_glued_full_stop() -> None:
    text = '"Will it ship?" she asked. "Yes." Shipments grew.The next line'
    assert texts(text) == [
        '"Will it ship?" she asked.',  # a lower-case word after "?" continues the sentence
        '"Yes."',
        "Shipments grew.",
        "The next line",
    ]


def test_chinese_terminators_keep_closing_quotes_and_ignore_half_width_commas() -> None:
    text = (
        "公司预计亏损30亿元,约占营收8%。经理说：“订单已经恢复。”"
        "他还表示会扩产！真的吗？是的；明年见。"
    )
    assert texts(text) == [
        "公司预计亏损30亿元,约占营收8%。",
        "经理说：“订单已经恢复。”",
        "他还表示会扩产！",
        "真的吗？",
        "是的；",
        "明年见。",
    ]


def test_traditional_with_half_width_bang_and_corner_quotes() -> None:
    text = "某晶片股大漲7%!「三巨頭」同步走高。市值增加120億?分析師看好"
    assert texts(text) == [
        "某晶片股大漲7%!",
        "「三巨頭」同步走高。",
        "市值增加120億?",
        "分析師看好",
    ]


def test_newlines_end_sentences_and_spans_are_stripped() -> None:
    text = "  Headline without stop  \n\nBody one. Body two.\r\n側欄標題\n---\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Headline without stop",
        "Body one.",
        "Body two.",
        "側欄標題",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_very_long_sentence_splits_at_semicolons() -> None:
    part = "item " + "x" * 150
    text = "; ".join([part] * 4) + "."
    pieces = texts(text)
    assert len(pieces) == 4
    assert all(len(p) <= 400 for p in pieces)


def test_language_per_sentence() -> None:
    assert detect_lang("Revenue rose 15% in the quarter.") == "en"
    assert detect_lang("营收同比增长15%，净利润创新高。") == "zh-Hans"
    assert detect_lang("營收年增15%，淨利創新高。") == "zh-Hant"
    assert detect_lang("The chip is called 芯片 in Chinese.") == "en"
    assert detect_lang("新款GPU芯片性能提升两倍") == "zh-Hans"
    assert detect_lang("2025-08-19 12:00") == "other"
    assert detect_lang("Привет, как дела") == "other"


def test_mixed_page_english_body_traditional_sidebar() -> None:
    page = (
        "Chipmaker shares slid 3% on Tuesday. Analysts expect a rebound next quarter.\n\n"
        "熱門新聞\n"
        "某記憶體大廠股價大漲8%,創下歷史新高。\n"
        "外資連續三日買超,金額達120億元。\n"
    )
    sentences = split_sentences(page)
    assert [s.lang for s in sentences] == ["en", "en", "zh-Hant", "zh-Hant", "zh-Hant"]


def test_script_tie_follows_page_majority() -> None:
    # "中文" is the same in both scripts; the page around it is Traditional.
    sentences = split_sentences("這個晶片廠的營收創新高。\n中文\n")
    assert sentences[1].lang == "zh-Hant"
    assert split_sentences("中文")[0].lang == "zh-Hans"


def test_to_simplified() -> None:
    assert to_simplified("輝達營收與台積電") == "辉达营收与台积电"
    assert to_simplified("plain English") == "plain English"


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter for daily picks",
        "We use cookies to improve your experience.",
        "Comments",
        "No comments yet",
        "免責聲明：本文僅供參考，不構成投資建議。",
        "本平臺僅提供信息存儲服務。",
        "本平台仅提供信息存储服务。",
        "placeholder",
        "goTop",
        "8 月 14 日 週四",
        "昨日 02: 01",
        "3 小時前",
        "August 19, 2025",
        "5 min read",
        "作者  某某研究室",
        "By Jane Doe",
        "Acme Newsletter",
    ],
)
def test_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Shares of the company fell 4% on Tuesday.",
        "By 2026, capacity will double.",
        "The newsletter business grew 20% last year, the company said.",
        "公司第二季营收增长12%。",
        "股價在8月19日下跌4%。",
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("ab AZ.?!;,\n\r\t\"'”“」「。！？；，中國国5.$%\u3000") + ["U.S.", "Dr. ", "。”"]
        ),
        max_size=120,
    ).map("".join)
)
def test_sentence_spans_hold(text: str) -> None:
    prev_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert prev_end <= s.start < s.end
        prev_end = s.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_sentence_spans_hold_for_any_unicode(text: str) -> None:
    prev_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert prev_end <= s.start < s.end
        prev_end = s.end


def test_speed_on_a_long_article() -> None:
    paragraph = (
        "The company said revenue rose 5.5% to $17.1 billion in the first quarter. "
        "Dr. Smith of the U.S. unit disagreed. 英伟达表示将计提55亿美元的损失,主要来自库存。"
        "輝達股價暴跌4%,市值蒸發1550億。\n"
    )
    article = (paragraph * (7000 // len(paragraph) + 1))[:7000]
    split_sentences(article)  # warm the character caches
    start = time.perf_counter()
    for _ in range(10):
        split_sentences(article)
    per_call = (time.perf_counter() - start) / 10
    assert per_call < 0.05  # budget 20 ms; generous here for slow CI machines


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found: {CORPUS} (needs the ../shared folder next to the repo)")
    return sorted(CORPUS.glob("*.txt"))


def test_corpus_sidebar_is_traditional_and_body_english() -> None:
    files = [p for p in _corpus_files() if p.name.startswith("001_")]
    assert files, "001_*.txt missing from corpus"
    text = files[0].read_text(encoding="utf-8")
    sentences = split_sentences(text)
    cut = next(i for i, s in enumerate(sentences) if s.text.startswith("免責聲明"))
    body = [s for s in sentences[:cut] if not is_boilerplate(s.text)]
    sidebar = [s for s in sentences[cut:] if not is_boilerplate(s.text)]
    assert len(body) > 20 and len(sidebar) > 10
    assert all(s.lang == "en" for s in body)
    assert all(s.lang == "zh-Hant" for s in sidebar)
