"""Hand-built CompareResults for the report tests (the pipeline is built in parallel).

``example_result()`` is a realistic four-source comparison about Nvidia's H20 export
charge, in English, Simplified and Traditional Chinese, plus one HTML-hostile source:

* contradictions: China's share of sales (13% in s1 and s2, 17% in s3: one three-source
  card), H20 FP16 compute (148 vs 296 TFLOPS), Q2 revenue outlook (≥ $45 billion vs
  ≤ $43 billion: two one-sided bounds);
* agreements: the ~$5.5 billion charge (s1, s2, s3), 96 GB memory (s1, s2, s3), the
  share drop of more than 6% (s1, s2), data-centre revenue (s1, s3), China share
  (s1, s2), the $12,000–15,000 price range (s3, s4);
* unclear pairs: "more than 6%" vs "about 10%", and the hostile source's charge;
* single-source figures in every source.
"""

from __future__ import annotations

from factcheck.model import Claim, CompareResult, PairVerdict, Quantity, Sentence, Source

_TERMINATORS = "。！？!?\n"


def sentence_bounds(text: str, index: int) -> tuple[int, int]:
    """The sentence around ``index``: split at 。！？!? newlines and '. ' (not '5.5')."""

    def is_end(i: int) -> bool:
        ch = text[i]
        if ch in _TERMINATORS:
            return True
        return ch == "." and (i + 1 == len(text) or text[i + 1].isspace())

    start = index
    while start > 0 and not is_end(start - 1):
        start -= 1
    while start < index and text[start].isspace():
        start += 1
    end = index
    while end < len(text) and not is_end(end):
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1  # keep the full stop
    return start, end


class SourceBuilder:
    """Adds claims to a source by quoting the figure's surface text."""

    def __init__(
        self,
        sid: str,
        path: str,
        text: str,
        lang: str,
        encoding: str = "utf-8",
        title: str | None = None,
    ) -> None:
        self.source = Source(sid, path, text, encoding, lang, title)
        self.claims: list[Claim] = []

    def claim(
        self,
        surface: str,
        subject: str,
        *,
        value: float | None,
        unit: str,
        kind: str,
        low: float | None = None,
        high: float | None = None,
        hedge: str | None = None,
        tolerance: float = 0.0,
        entity: str | None = None,
        metric: str | None = None,
        time: str | None = None,
        lang: str | None = None,
        occurrence: int = 0,
    ) -> str:
        text = self.source.text
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        end = start + len(surface)
        s0, s1 = sentence_bounds(text, start)
        claim_lang = lang or (self.source.lang if self.source.lang != "mixed" else "en")
        cid = f"{self.source.id}:c{len(self.claims) + 1}"
        self.claims.append(
            Claim(
                id=cid,
                source_id=self.source.id,
                sentence=Sentence(s0, s1, text[s0:s1], claim_lang),  # type: ignore[arg-type]
                quantity=Quantity(
                    surface, start, end, value, low, high, unit, kind, hedge, tolerance
                ),
                subject=subject,
                entity=entity,
                metric=metric,
                time=time,
                context=text[s0:s1].replace(surface, "<NUM>"),
                lang=claim_lang,  # type: ignore[arg-type]
            )
        )
        return cid


HOSTILE_TEXT = (
    "Leaked price list: each H20 sells for $12,000 to $15,000 <script>alert(1)</script>.\n"
    "Tom &amp; Jerry's \"onmouseover=alert(2) fund holds at least 2 million Nvidia shares.\n"
    "\u202eThe charge was 5.5 billion dollars\u202c according to the filing\x07\x1b[31m.\n"
    "Also rumoured: 141 GB of HBM3e on the H200\x00 <img src=x onerror=alert(3)>."
)


def example_result() -> CompareResult:
    s1 = SourceBuilder(
        "s1",
        "articles/reuters-nvidia-h20.html",
        "Nvidia said on Tuesday it would take a charge of about $5.5 billion after the US "
        "government restricted exports of its H20 chip to China. The H20 carries 96 GB of "
        "HBM3 memory and delivers 148 TFLOPS of FP16 compute.\n"
        "Data-centre revenue rose 73% to $39.1 billion in the first quarter. China accounted "
        "for 13% of total sales last year. The company expects second-quarter revenue of at "
        "least $45 billion.\n"
        "Shares fell more than 6% in extended trading.",
        "en",
        title="Nvidia to take $5.5 billion charge as US curbs H20 exports",
    )
    s2 = SourceBuilder(
        "s2",
        "articles/caixin-h20.txt",
        "英伟达周二表示，由于美国政府限制H20芯片对华出口，公司将计提约55亿美元的费用。"
        "H20配备96GB HBM3显存，FP16算力为296 TFLOPS。\n"
        "中国市场去年占其总销售额的13%。英伟达预计第二季度营收最多430亿美元。"
        "受此消息影响，英伟达盘后股价下跌逾6%，公司市值约2.7万亿美元。",
        "zh-Hans",
        encoding="gb18030",
        title="英伟达因H20出口限制计提55亿美元",
    )
    s3 = SourceBuilder(
        "s3",
        "articles/udn-h20.html",
        "輝達表示，美國限制H20晶片出口中國，公司將認列約55億美元費用。H20搭載96GB記憶體。\n"
        "該公司第一季資料中心營收達391億美元。中國市場去年占其總銷售額的17%。"
        "輝達股價盤後重挫約10%。分析師預估，每顆H20售價介於1.2萬至1.5萬美元。",
        "zh-Hant",
        encoding="big5",
        title="輝達認列55億美元費用",
    )
    s4 = SourceBuilder(
        "s4",
        "feeds/<script>alert(1)</script>.html",
        HOSTILE_TEXT,
        "en",
        encoding="windows-1252",
        title='Chip "onmouseover=alert(1) blog &amp; <b>news</b>',
    )

    charge = dict(
        value=5.5e9,
        low=4.95e9,
        high=6.05e9,
        hedge="about",
        unit="USD",
        kind="money",
        entity="Nvidia",
        metric="charge",
        time="2026-Q1",
    )
    a1 = s1.claim("$5.5 billion", "Nvidia H20 export charge", **charge)  # type: ignore[arg-type]
    a2 = s2.claim("55亿美元", "英伟达H20费用", **charge)  # type: ignore[arg-type]
    a3 = s3.claim("55億美元", "輝達H20費用", **charge)  # type: ignore[arg-type]
    mem = dict(value=96e9, unit="B", kind="data", entity="H20", metric="memory")
    m1 = s1.claim("96 GB", "H20 memory", **mem)  # type: ignore[arg-type]
    m2 = s2.claim("96GB", "H20显存", **mem)  # type: ignore[arg-type]
    m3 = s3.claim("96GB", "H20記憶體", **mem)  # type: ignore[arg-type]
    f1 = s1.claim(
        "148 TFLOPS",
        "H20 FP16 compute",
        value=148e12,
        unit="FLOPS",
        kind="compute",
        entity="H20",
        metric="FP16 compute",
    )
    f2 = s2.claim(
        "296 TFLOPS",
        "H20 FP16算力",
        value=296e12,
        unit="FLOPS",
        kind="compute",
        entity="H20",
        metric="FP16 compute",
    )
    g1 = s1.claim(
        "73%",
        "Nvidia data-centre revenue growth",
        value=73.0,
        unit="%",
        kind="percent",
        entity="Nvidia",
        metric="revenue growth",
        time="2026-Q1",
    )
    r1 = s1.claim(
        "$39.1 billion",
        "Nvidia data-centre revenue",
        value=39.1e9,
        unit="USD",
        kind="money",
        tolerance=5e7,
        entity="Nvidia",
        metric="revenue",
        time="2026-Q1",
    )
    r3 = s3.claim(
        "391億美元",
        "輝達資料中心營收",
        value=39.1e9,
        unit="USD",
        kind="money",
        tolerance=5e8,
        entity="Nvidia",
        metric="revenue",
        time="2026-Q1",
    )
    share = dict(
        unit="%", kind="percent", tolerance=0.5, entity="Nvidia", metric="China share", time="2025"
    )
    c1 = s1.claim("13%", "China share of Nvidia sales", value=13.0, **share)  # type: ignore[arg-type]
    c2 = s2.claim("13%", "中国市场销售占比", value=13.0, **share)  # type: ignore[arg-type]
    c3 = s3.claim("17%", "中國市場銷售占比", value=17.0, **share)  # type: ignore[arg-type]
    o1 = s1.claim(
        "at least $45 billion",
        "Nvidia Q2 revenue outlook",
        value=45e9,
        low=45e9,
        unit="USD",
        kind="money",
        hedge="at_least",
        entity="Nvidia",
        metric="revenue outlook",
        time="2026-Q2",
    )
    o2 = s2.claim(
        "最多430亿美元",
        "英伟达第二季度营收预期",
        value=43e9,
        high=43e9,
        unit="USD",
        kind="money",
        hedge="up_to",
        entity="Nvidia",
        metric="revenue outlook",
        time="2026-Q2",
    )
    d1 = s1.claim(
        "more than 6%",
        "Nvidia share price drop",
        value=6.0,
        low=6.0,
        unit="%",
        kind="percent",
        hedge="more_than",
        entity="Nvidia",
        metric="share price",
    )
    d2 = s2.claim(
        "逾6%",
        "英伟达股价跌幅",
        value=6.0,
        low=6.0,
        unit="%",
        kind="percent",
        hedge="more_than",
        entity="Nvidia",
        metric="share price",
    )
    d3 = s3.claim(
        "約10%",
        "輝達股價跌幅",
        value=10.0,
        low=9.5,
        high=10.5,
        unit="%",
        kind="percent",
        hedge="about",
        entity="Nvidia",
        metric="share price",
    )
    s2.claim(
        "2.7万亿美元",
        "英伟达市值",
        value=2.7e12,
        low=2.43e12,
        high=2.97e12,
        unit="USD",
        kind="money",
        hedge="about",
        entity="Nvidia",
        metric="market value",
    )
    p3 = s3.claim(
        "1.2萬至1.5萬美元",
        "H20售價",
        value=None,
        low=12000.0,
        high=15000.0,
        unit="USD",
        kind="money",
        hedge="range",
        entity="H20",
        metric="price",
    )
    p4 = s4.claim(
        "$12,000 to $15,000",
        "H20 price",
        value=None,
        low=12000.0,
        high=15000.0,
        unit="USD",
        kind="money",
        hedge="range",
        entity="H20",
        metric="price",
    )
    s4.claim(
        "at least 2 million",
        "Tom &amp; Jerry's \"onmouseover= fund <b>stake</b>",
        value=2e6,
        low=2e6,
        unit="",
        kind="count",
        hedge="at_least",
    )
    h4 = s4.claim(
        "5.5 billion dollars",
        "charge\u202e (per <i>filing</i>)",
        value=5.5e9,
        unit="USD",
        kind="money",
        metric="charge",
    )
    s4.claim(
        "141 GB", "H200 memory", value=141e9, unit="B", kind="data", entity="H200", metric="memory"
    )

    pairs = (
        PairVerdict(a1, a2, "agree", 0.91, "both about $5.5 billion for the H20 charge"),
        PairVerdict(a1, a3, "agree", 0.89, "both about $5.5 billion for the H20 charge"),
        PairVerdict(a2, a3, "agree", 0.97, "same figure, 55億 = 55亿 = 5.5 billion"),
        PairVerdict(m1, m2, "agree", 0.88, "96 GB in both"),
        PairVerdict(m2, m3, "agree", 0.93, "96 GB in both"),
        PairVerdict(
            f1, f2, "contradict", 0.84, "148 TFLOPS vs 296 TFLOPS: one may quote sparse throughput"
        ),
        PairVerdict(r1, r3, "agree", 0.81, "$39.1 billion = 391億美元"),
        PairVerdict(c1, c2, "agree", 0.9, "13% in both"),
        PairVerdict(c1, c3, "contradict", 0.86, "13% vs 17%: beyond rounding (±0.5)"),
        PairVerdict(c2, c3, "contradict", 0.92, "13% vs 17%: beyond rounding (±0.5)"),
        PairVerdict(
            o1,
            o2,
            "contradict",
            0.77,
            "at least $45 billion vs at most $43 billion: the ranges do not overlap",
        ),
        PairVerdict(d1, d2, "agree", 0.87, "more than 6% in both"),
        PairVerdict(
            d1, d3, "unclear", 0.62, '"more than 6%" allows "about 10%", but the precision differs'
        ),
        PairVerdict(p3, p4, "agree", 0.79, "same range, $12,000–15,000"),
        PairVerdict(
            a1, h4, "unclear", 0.41, "s4 does not name the company <script>alert('why')</script>"
        ),
    )
    del g1  # single-source: in no pair
    builders = (s1, s2, s3, s4)
    return CompareResult(
        sources=tuple(b.source for b in builders),
        claims=tuple(c for b in builders for c in b.claims),
        pairs=pairs,
    )


# Expected shape of example_result(), for assertions.
EXPECTED_CONTRADICTIONS = 3
EXPECTED_AGREEMENTS = 6
EXPECTED_UNCLEAR = 2
