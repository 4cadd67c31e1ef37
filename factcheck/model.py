"""The small frozen records that flow between pipeline stages.

ingest -> Source; segment -> Sentence; quantities -> Quantity;
extract -> Claim; match/verdict -> PairVerdict; compare -> CompareResult.
Every offset is in Unicode code points into ``Source.text`` (the decoded text, or
for HTML the extracted text), so ``source.text[start:end] == surface`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# How candidate pairs become verdicts: "learned" (the default: the pairs_v4 scorer of
# alignment.py aligns claims one to one and every verdict carries its P(same claim)) or
# "rules" (the entity, metric and period gates of verdict.py, the default before
# 2026-12-02: precise, but blind to most pairs; docs/accuracy.md compares them)
PAIRINGS = ("learned", "rules")
DEFAULT_PAIRING = "learned"

Lang = Literal["en", "zh-Hans", "zh-Hant", "other"]
Verdict = Literal["agree", "contradict", "unclear"]

# Canonical hedge names; bounds for each are computed by the quantity parser.
HEDGES = ("about", "more_than", "at_least", "less_than", "up_to", "range")


@dataclass(frozen=True)
class Source:
    id: str  # short stable id, e.g. "s1"
    path: str  # as given on the command line ("-" for stdin)
    text: str  # decoded text (HTML: extracted main text)
    encoding: str  # detected encoding, e.g. "utf-8", "gb18030", "big5"
    lang: str  # dominant language of the source: en / zh-Hans / zh-Hant / mixed
    title: str | None = None

    @classmethod
    def from_text(cls, text: str, name: str = "text", *, html: bool = False) -> Source:
        """A source held in memory, read as a file called ``name`` would be."""
        from .api import source_from_text

        return source_from_text(text, name, html=html)


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into Source.text
    end: int
    text: str  # == source.text[start:end]
    lang: Lang


@dataclass(frozen=True)
class Quantity:
    """One number with its unit, normalised.

    ``value`` is in base units: money in currency units (not millions), data sizes
    in bytes, compute in FLOPS, percentages as the number before the % sign (15% -> 15.0).
    ``low``/``high`` bound the claim: a hedge ("more than 6%") or a range
    ("12,000 to 15,000") sets them; an open side is None. ``tolerance`` is half a unit
    of the last significant digit written (170億 -> 5e8), so rounding is not a
    contradiction.
    """

    surface: str
    start: int  # offsets relative to the text the parser was given
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str  # canonical: "USD", "CNY", "%", "pp", "x", "B" (bytes), "FLOPS", "" (count)...
    kind: str  # money, percent, percentage_point, multiple, data, compute, bandwidth, count...
    hedge: str | None = None  # one of HEDGES
    tolerance: float = 0.0


@dataclass(frozen=True)
class TimeScope:
    start: int  # offsets relative to the text the parser was given
    end: int
    surface: str
    # normalised: "2025", "2025-Q1", "FY2025", "FY2025-Q1", "2025-04-16", "--04-16", "2025-H1"
    label: str


@dataclass(frozen=True)
class Claim:
    id: str  # "<source id>:c<n>"
    source_id: str
    sentence: Sentence
    quantity: Quantity  # offsets relative to Source.text
    subject: str  # what the number is about, human readable ("H20 memory")
    entity: str | None  # canonical entity the subject names ("H20", "NVIDIA"), if any
    metric: str | None  # canonical metric ("revenue", "memory", "share price"), if any
    time: str | None  # TimeScope.label of the claim's time scope
    context: str  # the text that is embedded (clause, numbers masked, script folded)
    lang: Lang = "en"
    # every canonical entity named near the figure; two claims whose sets are both
    # non-empty and disjoint are about different things (H20 vs H100).
    entities: tuple[str, ...] = ()
    line: int = 1  # 1-based line of the figure in Source.text, for CI annotations
    # True when the text near the figure names nobody and ``entities`` comes from the
    # previous sentence or the article's topic: weaker evidence, never a conflict.
    entities_inferred: bool = False
    # a word narrowing the metric ("data-center" revenue, "GAAP" margin), if any
    qualifier: str | None = None


@dataclass(frozen=True)
class PairVerdict:
    a: str  # claim id
    b: str  # claim id, from a different source
    verdict: Verdict
    score: float  # similarity of the two claims' contexts, 0..1
    why: str  # short human-readable reason
    # calibrated P(same claim) from the pair scorer (factcheck.alignment); None for pairs
    # judged without it (a database check, an older report)
    confidence: float | None = None


@dataclass(frozen=True)
class InputProblem:
    path: str
    message: str  # one line, no traceback

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class CompareResult:
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    pairs: tuple[PairVerdict, ...]
    problems: tuple[InputProblem, ...] = field(default=())
