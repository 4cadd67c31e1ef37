"""Time-scope detection and labels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.timescope import find_time_scopes


def labels(text: str) -> list[tuple[str, str]]:
    return [(t.surface, t.label) for t in find_time_scopes(text)]


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        # dates
        ("Shares fell on April 16, 2025 after the news.", "April 16, 2025", "2025-04-16"),
        ("Shares fell on 16 April 2025.", "16 April 2025", "2025-04-16"),
        ("The ban began on 2025-04-16.", "2025-04-16", "2025-04-16"),
        ("Orders stopped 2025/4/9.", "2025/4/9", "2025-04-09"),
        ("禁令于2025年4月9日生效。", "2025年4月9日", "2025-04-09"),
        ("Updated Dec.21 2025", "Dec.21 2025", "2025-12-21"),
        ("Shares fell on April 16 again.", "April 16", "--04-16"),
        ("Shares fell on Apr. 16 again.", "Apr. 16", "--04-16"),
        ("Shares fell on 16 April again.", "16 April", "--04-16"),
        ("股價在4月16日下跌。", "4月16日", "--04-16"),
        ("股价在 4 月 16 日下跌。", "4 月 16 日", "--04-16"),
        ("截至8月19號收盤", "8月19號", "--08-19"),
        # months
        ("Sales slowed in April.", "April", "--04"),
        ("自4月份以来最大跌幅", "4月份", "--04"),
        ("禁令在2025年4月宣布", "2025年4月", "2025-04"),
        ("Sales slowed in April 2025.", "April 2025", "2025-04"),
        ("十二月订单回升", "十二月", "--12"),
        # years
        ("Revenue doubled in 2024.", "2024", "2024"),
        ("2024年营收翻倍", "2024年", "2024"),
        ("for natural year 2024 overall", "natural year 2024", "2024"),
        ("for calendar 2024 overall", "calendar 2024", "2024"),
        # fiscal years
        ("Guidance for fiscal year 2025 rose.", "fiscal year 2025", "FY2025"),
        ("Guidance for fiscal 2025 rose.", "fiscal 2025", "FY2025"),
        ("Guidance for FY25 rose.", "FY25", "FY2025"),
        ("Guidance for FY2025 rose.", "FY2025", "FY2025"),
        ("2025财年营收", "2025财年", "FY2025"),
        ("2025財年營收", "2025財年", "FY2025"),
        ("2025財政年度營收", "2025財政年度", "FY2025"),
        # quarters
        ("Revenue in Q1 2025 rose.", "Q1 2025", "2025-Q1"),
        ("Revenue in the first quarter of 2025 rose.", "first quarter of 2025", "2025-Q1"),
        ("2025年第一季营收", "2025年第一季", "2025-Q1"),
        ("2025年第一季度营收", "2025年第一季度", "2025-Q1"),
        ("2025年一季度营收", "2025年一季度", "2025-Q1"),
        ("Revenue in 1Q25 rose.", "1Q25", "2025-Q1"),
        ("Revenue in Q3'24 rose.", "Q3'24", "2024-Q3"),
        ("Revenue in the fourth quarter rose.", "fourth quarter", "--Q4"),
        ("第二季度营收", "第二季度", "--Q2"),
        # fiscal quarters
        (
            "in the first quarter of fiscal year 2025",
            "first quarter of fiscal year 2025",
            "FY2025-Q1",
        ),
        ("in fiscal Q1 2025", "fiscal Q1 2025", "FY2025-Q1"),
        ("2025财年第一季度营收", "2025财年第一季度", "FY2025-Q1"),
        ("2026財年第二財季營收", "2026財年第二財季", "FY2026-Q2"),
        ("Results for Q2 FY26 beat.", "Q2 FY26", "FY2026-Q2"),
        ("Results for FY2026 Q2 beat.", "FY2026 Q2", "FY2026-Q2"),
        # halves
        ("Sales in H1 2025 rose.", "H1 2025", "2025-H1"),
        ("Sales in the first half of 2025 rose.", "first half of 2025", "2025-H1"),
        ("2025年上半年销量", "2025年上半年", "2025-H1"),
        ("下半年订单能见度良好", "下半年", "--H2"),
        # relative
        ("Sales rose last year.", "last year", "last-year"),
        ("销量较去年翻倍", "去年", "last-year"),
        ("Sales rose this year.", "this year", "this-year"),
        ("今年销量翻倍", "今年", "this-year"),
        ("Shares fell yesterday.", "yesterday", "yesterday"),
        ("昨日收盤下跌", "昨日", "yesterday"),
        ("Shares fell on Tuesday.", "Tuesday", "weekday-2"),
        ("當地時間週二收盤", "週二", "weekday-2"),
        ("当地时间周二收盘", "周二", "weekday-2"),
        ("Orders fell last quarter.", "last quarter", "last-quarter"),
    ],
)
def test_labels(text: str, surface: str, label: str) -> None:
    assert labels(text) == [(surface, label)]


@pytest.mark.parametrize(
    "text",
    [
        "Revenue grew 15% year-on-year.",
        "营收同比增长15%。",
        "The market may 16 times outgrow it.",  # "may" the verb is not May
        "一周一次的会议",
        "公司已经营了5个月。",
        "今日头条的用户增长",
        "It shipped 2025 units.",
    ],
)
def test_not_time(text: str) -> None:
    assert labels(text) == []


def test_relative_year_and_month_are_separate() -> None:
    assert labels("今年4月份以来最大跌幅") == [("今年", "this-year"), ("4月份", "--04")]


def test_several_in_order_with_offsets() -> None:
    text = "英伟达在2025年第一季 (截至4月27日) 计提损失,去年同期为零。"
    scopes = find_time_scopes(text)
    assert [(t.surface, t.label) for t in scopes] == [
        ("2025年第一季", "2025-Q1"),
        ("4月27日", "--04-27"),
        ("去年", "last-year"),
    ]
    for t in scopes:
        assert text[t.start : t.end] == t.surface


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "2025",
                "25",
                "年",
                "月",
                "日",
                "Q1",
                "FY",
                "fiscal ",
                "first ",
                "quarter ",
                "of ",
                "April ",
                "16",
                ", ",
                "第一季度",
                "财年",
                "去年",
                "週二",
                "Tuesday",
                "'",
                " ",
                ".",
                "-",
                "/",
                "H1",
                "上半年",
                "in ",
                "1Q",
                "十二",
                "last year",
            ]  # fmt: skip
        ),
        max_size=30,
    ).map("".join)
)
def test_spans_hold_for_time_like_text(text: str) -> None:
    prev_end = 0
    for t in find_time_scopes(text):
        assert text[t.start : t.end] == t.surface
        assert prev_end <= t.start < t.end
        assert t.label
        prev_end = t.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    for t in find_time_scopes(text):
        assert text[t.start : t.end] == t.surface


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("sales in the three months through June rose", "--Q2"),
        ("profit for the three months ended September 2025 fell", "2025-Q3"),
        ("截至6月的三个月内交付量增长", "--Q2"),
    ],
)
def test_three_months_ending_a_month_is_that_quarter(text: str, label: str) -> None:
    assert [s.label for s in find_time_scopes(text)] == [label]


@pytest.mark.parametrize(
    ("text", "times"),
    [
        # 9月的 names 4.4%, not the 4.6% after it: the clause's 10月 is 4.6%'s
        ("10月失業率由9月的4.4%升至4.6%。", [("4.4%", "--09"), ("4.6%", "--10")]),
        ("该国10月失业率升至4.6%，高于9月的4.4%。", [("4.6%", "--10"), ("4.4%", "--09")]),
    ],
)
def test_a_time_joined_by_de_to_another_figure_is_that_figures(
    text: str, times: list[tuple[str, str]]
) -> None:
    from factcheck.extract import extract_claims
    from factcheck.model import Source

    claims = extract_claims(Source("s1", "a.txt", text, "utf-8", None))
    assert [(c.quantity.surface, c.time) for c in claims] == times
