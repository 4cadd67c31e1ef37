"""Claim alignment on aligned translations, the way a newsroom dump arrives: one folder.

Every document of a corpus (FLORES-200, TICO-19) in every script becomes one source, and
all of them are compared at once, as ``factcheck compare`` would compare a folder of
~800 articles in three languages. A figure and its equal in the aligned translation of the
same line (the one-to-one pairing of ``consistency``) are the same claim, so:

- **agreed**: the share of such aligned pairs that factcheck reports as ``agree``;
- **false contradictions**: ``contradict`` pairs between claims that are not aligned,
  per 500 aligned claims;
- **strangers agreed**: ``agree`` pairs between figures of two *different* documents, per
  500 aligned claims (unrelated articles that happen to share a figure: the precision side
  of agreeing; a figure repeated within one document is not counted);
- **altered figures flagged**: one figure per document is changed on purpose in the
  Chinese text (its digits rewritten so that no rounding can reconcile them), the
  comparison is run again, and a flag is a ``contradict`` between the altered claim and
  its English counterpart.

Run: ``python -m factcheck.evaluate alignment --corpus flores-devtest``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..embed import Embedder
from ..model import DEFAULT_PAIRING, Claim, CompareResult, Source
from ..pipeline import compare_sources
from .aligned import SEPARATOR, AlignedLine, documents
from .consistency import PAIRS, max_matching

ALTER_SEED = 20261201




@dataclass
class AlignmentScore:
    corpus: str
    pair: tuple[str, str]
    aligned: int = 0
    agreed: int = 0
    false_contradictions: int = 0
    stranger_agreements: int = 0
    altered: int = 0
    flagged: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def agreed_share(self) -> float:
        return self.agreed / self.aligned if self.aligned else 1.0

    @property
    def false_per_500(self) -> float:
        return 500 * self.false_contradictions / self.aligned if self.aligned else 0.0

    @property
    def strangers_per_500(self) -> float:
        return 500 * self.stranger_agreements / self.aligned if self.aligned else 0.0

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.altered if self.altered else 1.0


def folder_sources(
    lines: Sequence[AlignedLine],
    langs: Sequence[str],
    texts: dict[tuple[str, str], str] | None = None,
) -> tuple[list[Source], dict[str, list[tuple[int, str]]]]:
    """One source per document and script; for each source, (start offset, line id)."""
    sources, starts = [], {}
    for doc, members in documents(lines).items():
        for lang in langs:
            present = [m for m in members if m.texts.get(lang)]
            if not present:
                continue
            parts, spans, at = [], [], 0
            for member in present:
                text = (texts or {}).get((member.id, lang), member.texts[lang])
                spans.append((at, member.id))
                parts.append(text)
                at += len(text) + len(SEPARATOR)
            source_id = f"{doc}.{lang}"
            sources.append(
                Source(source_id, f"{doc}.{lang}.txt", SEPARATOR.join(parts), "utf-8", lang)
            )
            starts[source_id] = spans
    return sources, starts


def _line_of(claim: Claim, starts: dict[str, list[tuple[int, str]]]) -> str:
    line = starts[claim.source_id][0][1]
    for at, line_id in starts[claim.source_id]:
        if at <= claim.quantity.start:
            line = line_id
    return line


def aligned_pairs(
    result: CompareResult, starts: dict[str, list[tuple[int, str]]], pair: tuple[str, str]
) -> set[frozenset[str]]:
    """Claim-id pairs that are the same figure in the two scripts of one line."""
    by_line: dict[tuple[str, str], list[Claim]] = {}
    for claim in result.claims:
        lang = claim.source_id.rsplit(".", 1)[1]
        by_line.setdefault((_line_of(claim, starts), lang), []).append(claim)
    gold: set[frozenset[str]] = set()
    a, b = pair
    for (line_id, lang), left in by_line.items():
        if lang != a:
            continue
        right = by_line.get((line_id, b), [])
        matching = max_matching([c.quantity for c in left], [c.quantity for c in right])
        gold |= {frozenset((left[i].id, right[j].id)) for i, j in matching.items()}
    return gold


def _altered_digits(surface: str, rng: random.Random) -> str | None:
    """The figure with its leading digit changed by at least 2 (beyond any rounding)."""
    for i, ch in enumerate(surface):
        if ch.isdigit() and ch != "0":
            new = str((int(ch) + rng.choice((2, 3, 4, 5))) % 10 or 7)
            return surface[:i] + new + surface[i + 1 :]
    return None


def alter_figures(
    lines: Sequence[AlignedLine], result: CompareResult, gold: set[frozenset[str]],
    starts: dict[str, list[tuple[int, str]]], lang: str,
) -> tuple[dict[tuple[str, str], str], list[tuple[str, int, str]]]:  # fmt: skip
    """One aligned figure per document changed in ``lang``: (new texts, altered figures
    as (line id, offset in the line, English counterpart's line id))."""
    rng = random.Random(ALTER_SEED)
    claims = {c.id: c for c in result.claims}
    line_start = {
        (line_id, source_id): at for source_id, spans in starts.items() for at, line_id in spans
    }
    by_doc: dict[str, list[Claim]] = {}
    for ids in sorted(gold, key=sorted):
        for claim_id in ids:
            claim = claims[claim_id]
            if claim.source_id.endswith(f".{lang}") and any(
                ch.isdigit() for ch in claim.quantity.surface
            ):
                by_doc.setdefault(claim.source_id, []).append(claim)
    texts: dict[tuple[str, str], str] = {}
    altered: list[tuple[str, int, str]] = []
    text_by_line = {line.id: line for line in lines}
    for source_id in sorted(by_doc):
        claim = rng.choice(by_doc[source_id])
        line_id = _line_of(claim, starts)
        offset = claim.quantity.start - line_start[(line_id, source_id)]
        sentence = texts.get((line_id, lang), text_by_line[line_id].texts[lang])
        new = _altered_digits(claim.quantity.surface, rng)
        if new is None or sentence[offset : offset + len(new)] != claim.quantity.surface:
            continue
        texts[(line_id, lang)] = sentence[:offset] + new + sentence[offset + len(new) :]
        altered.append((line_id, offset, claim.quantity.surface))
    return texts, altered


def evaluate_alignment(
    corpus: str,
    lines: Sequence[AlignedLine],
    embedder: Embedder,
    alter: bool = True,
    pairing: str = DEFAULT_PAIRING,
) -> list[AlignmentScore]:
    langs = sorted({lang for pair in PAIRS[corpus] for lang in pair})
    sources, starts = folder_sources(lines, langs)
    result = compare_sources(sources, embedder, pairing=pairing)
    verdicts = {frozenset((p.a, p.b)): p.verdict for p in result.pairs}
    langs_of = {c.id: c.source_id.rsplit(".", 1)[1] for c in result.claims}
    docs_of = {c.id: c.source_id.rsplit(".", 1)[0] for c in result.claims}
    scores = []
    gold_of: dict[tuple[str, str], set[frozenset[str]]] = {}
    for pair in PAIRS[corpus]:
        score = AlignmentScore(corpus, pair)
        gold = gold_of[pair] = aligned_pairs(result, starts, pair)
        score.aligned = len(gold)
        score.agreed = sum(verdicts.get(ids) == "agree" for ids in gold)
        score.stranger_agreements = sum(
            verdict == "agree" and {langs_of[i] for i in ids} == set(pair)
            and len({docs_of[i] for i in ids}) == 2
            for ids, verdict in verdicts.items()
        )  # fmt: skip
        score.false_contradictions = sum(
            verdict == "contradict" and ids not in gold and {langs_of[i] for i in ids} == set(pair)
            for ids, verdict in verdicts.items()
        )
        scores.append(score)
    if alter:
        for score in scores:
            if score.pair[0] == "en":
                gold = gold_of[score.pair]
                _flag_alterations(score, lines, langs, result, gold, starts, embedder, pairing)
    return scores


def _flag_alterations(
    score: AlignmentScore, lines: Sequence[AlignedLine], langs: Sequence[str],
    result: CompareResult, gold: set[frozenset[str]], starts: dict[str, list[tuple[int, str]]],
    embedder: Embedder, pairing: str,
) -> None:  # fmt: skip
    """Alter one figure per document in the pair's Chinese script, compare again, and count
    the altered figures that contradict their English counterpart."""
    zh = score.pair[1]
    texts, altered = alter_figures(lines, result, gold, starts, zh)
    changed_sources, changed_starts = folder_sources(lines, langs, texts)
    changed = compare_sources(changed_sources, embedder, pairing=pairing)
    by_id = {c.id: c for c in changed.claims}

    def on_line(claim_id: str, lang: str, line_id: str) -> bool:
        claim = by_id[claim_id]
        return claim.source_id.endswith(f".{lang}") and _line_of(claim, changed_starts) == line_id

    contradicted = [(p.a, p.b) for p in changed.pairs if p.verdict == "contradict"]
    for line_id, offset, _surface in altered:
        score.altered += 1
        hit = any(
            (on_line(a, zh, line_id) and on_line(b, "en", line_id))
            or (on_line(b, zh, line_id) and on_line(a, "en", line_id))
            for a, b in contradicted
        )
        score.flagged += hit
        if not hit:
            score.misses.append(f"{line_id} {zh} @{offset}")


def format_alignment(scores: Sequence[AlignmentScore]) -> str:
    rows = [
        f"{'corpus':<15} {'pair':<17} {'aligned':>7} {'agreed':>7} {'false contra/500':>17} "
        f"{'strangers agreed/500':>21} {'altered flagged':>16}"
    ]
    for s in scores:
        flagged = f"{s.flagged}/{s.altered} {s.flagged_share:.2f}" if s.altered else "-"
        rows.append(
            f"{s.corpus:<15} {s.pair[0] + '~' + s.pair[1]:<17} {s.aligned:>7} "
            f"{s.agreed_share:>7.3f} {s.false_per_500:>17.2f} {s.strangers_per_500:>21.2f} "
            f"{flagged:>16}"
        )
    return "\n".join(rows)
