import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.verdict import interval, judge_pair, time_relation
from tests.claim_factory import make_claim


def test_rounded_figure_agrees_with_precise_one() -> None:
    precise = make_claim("s1", 17.108e9, tolerance=0.0005e9)
    rounded = make_claim("s2", 170e8, tolerance=5e8, lang="zh-Hant")
    verdict = judge_pair(precise, rounded, 0.6)
    assert verdict is not None and verdict.verdict == "agree"
    assert "rounding" in verdict.why


def test_hedged_lower_bound_agrees_with_value_inside_it() -> None:
    hedged = make_claim(
        "s1",
        6,
        low=6,
        hedge="more_than",
        unit="%",
        kind="percent",
        metric="decline",
        time="--04-16",
    )
    exact = make_claim(
        "s2", 6.9, unit="%", kind="percent", metric="decline", tolerance=0.05, time="2025-04-16"
    )
    verdict = judge_pair(hedged, exact, 0.5)
    assert verdict is not None and verdict.verdict == "agree"


def test_incompatible_values_same_subject_contradict() -> None:
    a = make_claim(
        "s1", 141e9, unit="B", kind="data", entities=("H20",), metric="memory", tolerance=0.5e9
    )
    b = make_claim(
        "s2", 96e9, unit="B", kind="data", entities=("H20",), metric="memory", tolerance=0.5e9
    )
    verdict = judge_pair(a, b, 0.4)
    assert verdict is not None and verdict.verdict == "contradict"
    assert "141" in verdict.why and "96" in verdict.why


def test_different_entities_are_never_paired() -> None:
    a = make_claim(
        "s1", 296e12, unit="FLOPS", kind="compute", entities=("H20",), metric="FP16 compute"
    )
    b = make_claim(
        "s2", 296e12, unit="FLOPS", kind="compute", entities=("H100",), metric="FP16 compute"
    )
    assert judge_pair(a, b, 0.99) is None


def test_same_number_different_metric_is_not_an_agreement() -> None:
    gap = make_claim("s1", 15, unit="%", kind="percent", metric="price", entities=("H20",))
    cut = make_claim(
        "s2", 15, unit="%", kind="percent", metric="revenue-sharing cut", entities=("H20",)
    )
    assert judge_pair(gap, cut, 0.9) is None


def test_different_periods_are_never_a_contradiction() -> None:
    a = make_claim("s1", 100e9, time="2024")
    b = make_claim("s2", 130e9, time="2025")
    verdict = judge_pair(a, b, 0.9)
    assert verdict is not None and verdict.verdict == "unclear"
    assert "period" in verdict.why


def test_market_figures_from_unknown_days_are_unclear() -> None:
    a = make_claim("s1", 175.64, metric="share price", time="--08-19")
    b = make_claim("s2", 172.25, metric="share price", time=None)
    verdict = judge_pair(a, b, 0.9)
    assert verdict is not None and verdict.verdict == "unclear"


def test_other_currency_is_unclear_not_contradiction() -> None:
    a = make_claim("s1", 1.4e6, unit="CNY")
    b = make_claim("s2", 0.2e6, unit="USD")
    verdict = judge_pair(a, b, 0.9)
    assert verdict is not None and verdict.verdict == "unclear"
    assert "currencies" in verdict.why


def test_same_source_is_never_paired() -> None:
    assert judge_pair(make_claim("s1", 1.0), make_claim("s1", 1.0), 1.0) is None


def test_low_similarity_without_subject_evidence_is_not_paired() -> None:
    a = make_claim("s1", 5.0, entities=(), metric=None)
    b = make_claim("s2", 5.0, entities=(), metric=None)
    assert judge_pair(a, b, 0.5) is None
    assert judge_pair(a, b, 0.95) is not None


def test_contradiction_without_the_same_names_needs_a_similar_context() -> None:
    a = make_claim("s1", 5.0, entities=(), metric="revenue")
    b = make_claim("s2", 9.0, entities=("NVIDIA",), metric="revenue")
    assert judge_pair(a, b, 0.45) is None
    verdict = judge_pair(a, b, 0.9)
    assert verdict is not None and verdict.verdict == "contradict"


def test_a_narrower_metric_is_never_a_contradiction() -> None:
    total = make_claim("s1", 4.27e9)
    segment = make_claim("s2", 2.91e9)
    segment = segment.__class__(**{**segment.__dict__, "qualifier": "data-center"})
    assert judge_pair(total, segment, 0.9) is None


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("2025-04-16", "--04-16", "same"),
        ("--04-16", "--08-19", "different"),
        ("2024", "2025", "different"),
        ("FY2025-Q1", "2025-Q1", "mixed"),
        ("2024", None, "unknown"),
        ("last-year", "2024", "unknown"),
    ],
)
def test_time_relation(a: str, b: str | None, relation: str) -> None:
    assert time_relation(a, b) == relation


@given(
    value=st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    tol=st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
def test_a_figure_always_agrees_with_itself(value: float, tol: float) -> None:
    a = make_claim("s1", value, tolerance=tol)
    b = make_claim("s2", value, tolerance=tol)
    verdict = judge_pair(a, b, 0.9)
    assert verdict is not None and verdict.verdict == "agree"


def test_open_bounds() -> None:
    q = make_claim("s1", 5.5e9, low=5.5e9, hedge="more_than", tolerance=0.05e9).quantity
    span = interval(q)
    assert span is not None and span.low == pytest.approx(5.45e9) and math.isinf(span.high)


def test_bounds_open_on_opposite_sides_are_no_agreement() -> None:
    # "at least five people" and "fewer than a thousand cases" can both hold, yet they
    # state no figure in common
    at_least = make_claim("s1", 5, low=5, high=None, hedge="at_least", unit="", kind="count")
    fewer = make_claim("s2", 1000, low=None, high=1000, hedge="less_than", unit="", kind="count")
    verdict = judge_pair(at_least, fewer, 0.9)
    assert verdict is None or verdict.verdict != "agree"


@pytest.mark.parametrize(
    "bound, figure, far",
    [
        # "more than $500 million" and "about $30 billion": both hold, no figure in common
        (dict(value=5e8, low=5e8, high=None, hedge="more_than", tolerance=5e7), 3e10, True),
        # "more than $400 billion" reads 400 to 500 billion: $410 billion is that figure
        (dict(value=4e11, low=4e11, high=None, hedge="more_than", tolerance=5e10), 4.1e11, False),
        # "up to 7.2%" and "1.3%"
        (dict(value=7.2, low=None, high=7.2, hedge="up_to", tolerance=0.05), 1.3, True),
        (dict(value=7.2, low=None, high=7.2, hedge="up_to", tolerance=0.05), 7.2, False),
    ],
)  # fmt: skip
def test_a_bound_far_from_the_figure(bound: dict, figure: float, far: bool) -> None:
    from factcheck.verdict import bound_far_from_figure

    a = make_claim("s1", **bound).quantity
    b = make_claim("s2", figure, tolerance=0.05 * figure).quantity
    assert bound_far_from_figure(a, b) is far
    assert bound_far_from_figure(b, a) is far


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("患者年齡介乎45至80歲。", "受试者平均年龄为58岁。", True),  # a point it merely contains
        ("患者年齡介乎45至80歲。", "受邀者为50至71岁的女性。", True),  # ranges that only overlap
        ("投资12亿至15亿美元。", "It will invest $1.2 billion to $1.5 billion.", False),
        ("营收在44亿至46亿美元之间。", "收入约45亿美元。", False),  # a hedged figure inside
        ("增幅为10%至15%。", "增幅最高为15%。", False),  # a range's own end
    ],
)
def test_a_range_and_a_figure_it_merely_contains_are_apart(a: str, b: str, apart: bool) -> None:
    from factcheck.quantities import extract_quantities
    from factcheck.verdict import range_not_the_figure

    (qa,), (qb,) = extract_quantities(a), extract_quantities(b)
    assert range_not_the_figure(qa, qb) is apart


@pytest.mark.parametrize(
    ("a", "b", "bases"),
    [
        ("GAAP gross margin was 46.3%.", "Non-GAAP gross margin came in at 48.9%.",
         ("GAAP", "adjusted")),
        ("经调整后每股收益为1.12美元，GAAP毛利率为46.3%。", "Adjusted gross margin held at 48.9%.",
         ("GAAP", "adjusted")),  # the figure's own clause, not the sentence's first basis
        ("Insured losses reached $640 million.", "台风造成的直接经济损失约19亿美元。",
         ("insured", "economic")),
        ("保險業估計損失6.4億美元。", "Insured losses were put at $640 million.", None),
        ("Uninsured losses are estimated at $41.3 million.", "Insured losses: $38 million.", None),
        # seasonal adjustment is no accounting basis
        ("经季节性调整后年化为132万套。", "GAAP revenue was 1.32 million units.", None),
        ("Revenue was $4.2 billion.", "GAAP revenue was $4.2 billion.", None),  # one side only
    ],
)  # fmt: skip
def test_figures_measured_on_two_bases_conflict(
    a: str, b: str, bases: tuple[str, str] | None
) -> None:
    from factcheck.extract import extract_claims
    from factcheck.model import Claim, Source
    from factcheck.verdict import bases_conflict

    def last_claim(text: str, source_id: str) -> Claim:
        return extract_claims(Source(source_id, f"{source_id}.txt", text, "utf-8", "en"))[-1]

    assert bases_conflict(last_claim(a, "s1"), last_claim(b, "s2")) == bases


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        (1.2e9, 40, True),  # "1.2 billion crowns" and "40 crowns": two things
        (4.1e9, 58, True),
        (5.5e9, 5.5e6, False),  # a slip of scale is a contradiction worth flagging
        (35, 350, False),  # 35 mm and 35 cm, in millimetres
        (1, 9, False),  # an order of magnitude or less: may be one claim misreported
        (0, 5, False),
    ],
)
def test_figures_far_apart_are_not_one_claim(a: float, b: float, apart: bool) -> None:
    from factcheck.verdict import magnitudes_apart

    qa, qb = make_claim("s1", a).quantity, make_claim("s2", b).quantity
    assert magnitudes_apart(qa, qb) is apart
    assert magnitudes_apart(qb, qa) is apart
