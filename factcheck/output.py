"""Machine-readable outputs of a comparison: the JSON contract, CSV, and the summary."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .confidence import DEFAULT_MIN_CONFIDENCE, describe_confidence, is_strong
from .fileio import atomic_write, atomic_write_text
from .groups import agreement_groups, contradiction_groups
from .model import Claim, CompareResult, PairVerdict

# /2: every pair carries ``confidence`` (docs/json.md, "Changes in /2")
SCHEMA = "factcheck.compare/2"


def claim_to_json(claim: Claim) -> dict[str, Any]:
    q = claim.quantity
    return {
        "id": claim.id,
        "source": claim.source_id,
        "lang": claim.lang,
        "text": claim.sentence.text,
        "subject": claim.subject,
        "entity": claim.entity,
        "entities": list(claim.entities),
        "metric": claim.metric,
        "qualifier": claim.qualifier,
        "time": claim.time,
        "quantity": {
            "surface": q.surface,
            "span": [q.start, q.end],
            "value": q.value,
            "low": q.low,
            "high": q.high,
            "unit": q.unit,
            "kind": q.kind,
            "hedge": q.hedge,
            "tolerance": q.tolerance,
        },
        "sentence_span": [claim.sentence.start, claim.sentence.end],
        "line": claim.line,
        "entities_inferred": claim.entities_inferred,
        "context": claim.context,
    }


def to_json(result: CompareResult) -> dict[str, Any]:
    """The stable report: see docs/json.md. Extra fields may be added, none removed."""
    return {
        "schema": SCHEMA,
        "sources": [
            {"id": s.id, "path": s.path, "lang": s.lang, "encoding": s.encoding, "title": s.title}
            for s in result.sources
        ],
        "claims": [claim_to_json(c) for c in result.claims],
        "pairs": [
            {"a": p.a, "b": p.b, "verdict": p.verdict, "score": p.score, "why": p.why}
            | {"confidence": p.confidence}
            for p in result.pairs
        ],
        "groups": [list(g) for g in agreement_groups(result.pairs)],
        "problems": [{"path": p.path, "message": p.message} for p in result.problems],
    }


def write_json(result: CompareResult, path: str | Path) -> None:
    atomic_write_text(path, json.dumps(to_json(result), ensure_ascii=False, indent=1) + "\n")


def claims_frame(result: CompareResult) -> Any:
    """One row per claim with its verdict counts: the CSV / Parquet export."""
    import pandas as pd  # lazy: pandas takes a noticeable moment to import

    counts: dict[str, dict[str, int]] = {}
    confidence: dict[str, tuple[bool, float]] = {}  # claim id -> (in a contradiction, best)
    for pair in result.pairs:
        for claim_id in (pair.a, pair.b):
            counts.setdefault(claim_id, {"agree": 0, "contradict": 0, "unclear": 0})[
                pair.verdict
            ] += 1
            if pair.confidence is not None:
                # a row's confidence is that of its surest contradiction, if it has one:
                # what a spreadsheet user sorting the contradicted claims needs
                mine = (pair.verdict == "contradict", pair.confidence)
                confidence[claim_id] = max(confidence.get(claim_id, mine), mine)
    paths = {s.id: s.path for s in result.sources}
    rows = []
    for claim in result.claims:
        q = claim.quantity
        c = counts.get(claim.id, {"agree": 0, "contradict": 0, "unclear": 0})
        rows.append(
            {
                "claim_id": claim.id,
                "source": claim.source_id,
                "path": paths.get(claim.source_id, ""),
                "line": claim.line,
                "lang": claim.lang,
                "subject": claim.subject,
                "time": claim.time,
                "surface": q.surface,
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "unit": q.unit,
                "kind": q.kind,
                "agree": c["agree"],
                "contradict": c["contradict"],
                "unclear": c["unclear"],
                "confidence": confidence[claim.id][1] if claim.id in confidence else None,
                "sentence": claim.sentence.text,
            }
        )
    return pd.DataFrame(rows)


def write_csv(result: CompareResult, path: str | Path) -> None:
    atomic_write_text(path, claims_frame(result).to_csv(index=False))


def counts(result: CompareResult) -> dict[str, int]:
    """Pair counts (``agree``, ``contradict``, ``unclear``) and what people read: groups."""
    paired = {cid for p in result.pairs if p.verdict != "unclear" for cid in (p.a, p.b)}
    return {
        "sources": len(result.sources),
        "claims": len(result.claims),
        "agree": sum(p.verdict == "agree" for p in result.pairs),
        "contradict": sum(p.verdict == "contradict" for p in result.pairs),
        "unclear": sum(p.verdict == "unclear" for p in result.pairs),
        "single": sum(c.id not in paired for c in result.claims),
        "agreements": len(agreement_groups(result.pairs)),
        "contradictions": len(contradiction_groups(result.pairs)),
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def headline(result: CompareResult) -> str:
    """The one-line reading, worded as the HTML report words it: groups, not pairs."""
    total = counts(result)
    line = (
        f"{_plural(total['contradictions'], 'contradiction')}, "
        f"{_plural(total['agreements'], 'agreement')}, "
        f"{_plural(total['single'], 'figure')} in one source only"
    )
    if total["unclear"]:
        line += f" ({_plural(total['unclear'], 'pair')} left unclear)"
    return line


def strong_contradictions(
    result: CompareResult, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> list[PairVerdict]:
    """The contradicting pairs sure enough to fail CI (``--fail-on-contradiction``)."""
    return [
        p for p in result.pairs
        if p.verdict == "contradict" and is_strong(p.confidence, min_confidence)
    ]  # fmt: skip


def contradiction_lines(
    result: CompareResult, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> Iterator[str]:
    """One line per contradicting pair, surest first, saying how sure and whether it fails."""
    contradicting = [p for p in result.pairs if p.verdict == "contradict"]
    contradicting.sort(key=lambda p: -1.0 if p.confidence is None else -p.confidence)
    for p in contradicting:
        strong = is_strong(p.confidence, min_confidence)
        sure = describe_confidence(p.confidence) or "no confidence recorded"
        if not strong:
            sure += f"; below {min_confidence:.2f}, not a failure"
        kind = "strong" if strong else "possible"
        yield f"{kind} contradiction {p.a} vs {p.b}: {p.why} ({sure})"


def summary_lines(
    result: CompareResult, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> Iterator[str]:
    """The table printed on stdout: one row per source, the totals, then each contradiction
    with its confidence (``min_confidence`` divides strong from possible)."""
    per_source: dict[str, dict[str, int]] = {
        s.id: {"claims": 0, "agree": 0, "contradict": 0} for s in result.sources
    }
    for claim in result.claims:
        per_source[claim.source_id]["claims"] += 1
    by_id = {c.id: c for c in result.claims}
    for pair in result.pairs:
        if pair.verdict in ("agree", "contradict"):
            for claim_id in (pair.a, pair.b):
                per_source[by_id[claim_id].source_id][pair.verdict] += 1
    width = max([len(s.path) for s in result.sources] + [6])
    yield f"{'source':<{width}}  {'lang':<8} {'claims':>6} {'agree':>6} {'contradict':>10}"
    for s in result.sources:
        row = per_source[s.id]
        yield (
            f"{s.path:<{width}}  {s.lang:<8} {row['claims']:>6} {row['agree']:>6} "
            f"{row['contradict']:>10}"
        )
    total = counts(result)
    yield (
        f"{_plural(total['sources'], 'source')}, {_plural(total['claims'], 'claim')}: "
        + headline(result)
    )
    yield from contradiction_lines(result, min_confidence)


def write_parquet(result: CompareResult, path: str | Path) -> None:
    """Parquet via pandas; needs the optional pyarrow (pip install 'factcheck[parquet]')."""
    try:
        import pyarrow  # noqa: F401  (pandas would say so in many lines)
    except ImportError:
        raise ImportError("--parquet needs pyarrow: pip install 'factcheck[parquet]'") from None
    atomic_write(path, claims_frame(result).to_parquet(index=False))
