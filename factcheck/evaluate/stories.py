"""Precision and recall of agree / contradict pairs against hand-labelled stories.

A story is a folder of sources plus ``gold.jsonl``: one labelled pair per line,
each side an anchor ``{"file", "find", "nth"}`` (the nth occurrence of ``find`` in
that file's decoded text). A predicted claim maps to an anchor when their spans
overlap. The gold lists every agree and contradict pair among the figures it
labels, so:

- a predicted agree/contradict pair between two labelled figures is a true positive
  when gold gives it that verdict, else a false positive;
- a gold pair not predicted with its verdict is a false negative;
- a predicted pair touching a figure the gold does not label is not scored, and is
  counted separately ("unscored").

With ``groups`` (``--groups``), what is scored is what an editor reads: the agreement
groups (connected components of the agree pairs) and the contradictions between them.
Every two figures of one group, from different sources, count as a predicted agreement,
and every two figures of two groups that a contradiction joins as a predicted
contradiction: a figure repeated in a headline and a body agrees with the other sources
through its group, and one wrong link merges two groups and costs every pair it joins.

Run: ``python -m factcheck.evaluate stories tests/heldout`` (add ``--model NAME`` for another
embedder).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..embed import Embedder
from ..ingest import read_source
from ..model import DEFAULT_PAIRING, Claim, CompareResult, Source
from ..pipeline import compare_sources

Anchor = tuple[str, int, int]  # file name, start, end
VERDICTS = ("agree", "contradict")


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    unscored: int = 0
    errors: list[str] = field(default_factory=list)  # false positives and negatives, for reading

    def add(self, other: Score) -> None:
        for verdict in VERDICTS:
            self.tp[verdict] += other.tp[verdict]
            self.fp[verdict] += other.fp[verdict]
            self.fn[verdict] += other.fn[verdict]
        self.unscored += other.unscored
        self.errors.extend(other.errors)

    def precision(self, verdict: str) -> float:
        found = self.tp[verdict] + self.fp[verdict]
        return self.tp[verdict] / found if found else 0.0

    def recall(self, verdict: str) -> float:
        gold = self.tp[verdict] + self.fn[verdict]
        return self.tp[verdict] / gold if gold else 0.0


def find_nth(text: str, find: str, nth: int) -> tuple[int, int] | None:
    """The span of the ``nth`` (0-based) occurrence of ``find`` in ``text``, if any."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(find, start + 1)
        if start < 0:
            return None
    return start, start + len(find)


def _locate(text: str, find: str, nth: int) -> tuple[int, int]:
    span = find_nth(text, find, nth)
    if span is None:
        raise ValueError(f"gold anchor {find!r} (occurrence {nth}) not in text")
    return span


def _anchor_of(
    claim: Claim, anchors: dict[str, list[Anchor]], path_by_source: dict[str, str]
) -> Anchor | None:
    name = Path(path_by_source[claim.source_id]).name
    q = claim.quantity
    for anchor in anchors.get(name, []):
        if anchor[1] < q.end and q.start < anchor[2]:
            return anchor
    return None


@dataclass(frozen=True)
class Story:
    sources: list[Source]
    gold: dict[frozenset[Anchor], str]  # labelled pair -> verdict
    anchors: dict[str, list[Anchor]]  # file name -> its labelled figures
    text_by_name: dict[str, str]


def load_story(story: Path) -> Story:
    """A story folder: its sources (ids s1, s2... in file order) and its gold labels."""
    files = sorted(p for p in story.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm"))
    sources = [read_source(str(p), f"s{i + 1}") for i, p in enumerate(files)]
    text_by_name = {Path(s.path).name: s.text for s in sources}
    gold: dict[frozenset[Anchor], str] = {}
    anchors: dict[str, list[Anchor]] = {}
    for line in (story / "gold.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        ends = []
        for side in (record["a"], record["b"]):
            start, end = _locate(text_by_name[side["file"]], side["find"], side.get("nth", 0))
            anchor = (side["file"], start, end)
            anchors.setdefault(side["file"], []).append(anchor)
            ends.append(anchor)
        gold[frozenset(ends)] = record["verdict"]
    return Story(sources, gold, anchors, text_by_name)


def implied_pairs(result: CompareResult) -> list[tuple[str, str, str, float, str]]:
    """(a, b, verdict, score, why) for every cross-source pair of claims that the agreement
    groups and the contradictions between them imply (see ``groups`` above)."""
    from ..groups import agreement_groups

    source = {c.id: c.source_id for c in result.claims}
    group_of: dict[str, tuple[str, ...]] = {}
    for group in agreement_groups(result.pairs):
        for member in group:
            group_of[member] = group
    out: list[tuple[str, str, str, float, str]] = []
    for group in set(group_of.values()):
        out += [
            (a, b, "agree", 1.0, "in one agreement group")
            for n, a in enumerate(group) for b in group[n + 1 :] if source[a] != source[b]
        ]  # fmt: skip
    joined: set[frozenset[tuple[str, ...]]] = set()
    for pair in result.pairs:
        if pair.verdict != "contradict":
            continue
        left, right = group_of.get(pair.a, (pair.a,)), group_of.get(pair.b, (pair.b,))
        if left == right or frozenset((left, right)) in joined:
            continue
        joined.add(frozenset((left, right)))
        out += [
            (a, b, "contradict", pair.score, pair.why)
            for a in left for b in right if source[a] != source[b]
        ]  # fmt: skip
    return out


def score_story(
    story: Path, embedder: Embedder, pairing: str = DEFAULT_PAIRING, groups: bool = False
) -> tuple[Score, CompareResult]:
    loaded = load_story(story)
    sources, gold, anchors, text_by_name = (
        loaded.sources, loaded.gold, loaded.anchors, loaded.text_by_name
    )  # fmt: skip
    result = compare_sources(sources, embedder, pairing=pairing)
    path_by_source = {s.id: s.path for s in result.sources}
    claims = {c.id: c for c in result.claims}
    score = Score()
    predicted: dict[frozenset[Anchor], str] = {}
    judged = (
        implied_pairs(result) if groups
        else [(p.a, p.b, p.verdict, p.score, p.why) for p in result.pairs]
    )  # fmt: skip
    for claim_a, claim_b, verdict, pair_score, why in judged:
        if verdict not in VERDICTS:
            continue
        a = _anchor_of(claims[claim_a], anchors, path_by_source)
        b = _anchor_of(claims[claim_b], anchors, path_by_source)
        if a is None or b is None or a == b:
            score.unscored += 1
            continue
        key = frozenset((a, b))
        if key in predicted:
            continue  # two claims on one labelled figure: count the pair once
        predicted[key] = verdict
        if gold.get(key) == verdict:
            score.tp[verdict] += 1
        else:
            score.fp[verdict] += 1
            score.errors.append(
                f"{story.name}: false {verdict}: {claims[claim_a].quantity.surface!r} "
                f"~ {claims[claim_b].quantity.surface!r} (gold: {gold.get(key, 'unlabelled')}; "
                f"score {pair_score:.2f}; {why})"
            )
    for key, verdict in gold.items():
        if verdict in VERDICTS and predicted.get(key) != verdict:
            score.fn[verdict] += 1
            names = " ~ ".join(repr(text_by_name[a[0]][a[1] : a[2]]) for a in sorted(key))
            score.errors.append(f"{story.name}: missed {verdict}: {names}")
    return score, result


def evaluate(
    root: Path,
    embedder: Embedder,
    stories: Sequence[str] = (),
    pairing: str = DEFAULT_PAIRING,
    groups: bool = False,
) -> dict[str, Score]:
    folders = sorted(p for p in root.iterdir() if (p / "gold.jsonl").is_file())
    return {
        p.name: score_story(p, embedder, pairing, groups)[0]
        for p in folders
        if not stories or p.name in stories
    }


def format_table(scores: dict[str, Score]) -> str:
    total = Score()
    lines = [
        f"{'story':<16} {'agree P':>8} {'agree R':>8} {'contra P':>9} {'contra R':>9}  "
        "tp/fp/fn agree   tp/fp/fn contra  unscored"
    ]
    for name, score in [*scores.items(), ("ALL", total)]:
        if name != "ALL":
            total.add(score)
        lines.append(
            f"{name:<16} {score.precision('agree'):>8.2f} {score.recall('agree'):>8.2f} "
            f"{score.precision('contradict'):>9.2f} {score.recall('contradict'):>9.2f}  "
            f"{score.tp['agree']:>3}/{score.fp['agree']}/{score.fn['agree']:<10}"
            f"{score.tp['contradict']:>3}/{score.fp['contradict']}/{score.fn['contradict']:<10}"
            f"{score.unscored}"
        )
    return "\n".join(lines)
