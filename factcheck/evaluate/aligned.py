"""Line-aligned human translations (FLORES-200, TICO-19) as factcheck sees them.

Each corpus line is one sentence in several scripts. A document (``doc``) is the lines of
one article in order; factcheck reads each document in each script as one source, the
lines joined by blank lines, so that claims get the article context they would get in
real use (names, topic, time scopes from earlier sentences). Every claim is then
mapped back to the line it came from.

The corpora live in ``../shared/corpus`` beside the checkout; nothing of them is copied
into the project.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..extract import Aliases, article_context, default_aliases, extract_claims
from ..model import Claim, Source

LANGS = ("en", "zh-Hans", "zh-Hant")
# What each corpus is for: dev lines may be looked at and trained on, devtest is for
# reporting only (see docs/accuracy.md).
CORPORA = {
    "flores-dev": ("flores", "dev.jsonl"),
    "flores-devtest": ("flores", "devtest.jsonl"),
    "tico19": ("tico19", "test.jsonl"),
}
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class AlignedLine:
    id: str
    doc: str
    texts: dict[str, str]  # script -> sentence

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGS if self.texts.get(lang))


def shared_dir() -> Path:
    """``$FACTCHECK_SHARED``, else ``../shared`` beside the checkout."""
    if env := os.environ.get("FACTCHECK_SHARED"):
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared"


# Written for this project (tests/parallel/README.md): news-style articles in the three
# scripts: first written in English, in Simplified Chinese, in Traditional Chinese (Taiwan and
# Hong Kong usage). Development data, like flores-dev; they live in the checkout, not in
# ../shared.
WRITTEN = {
    "written-en": "en_original.jsonl",
    "written-zh": "zh_original.jsonl",
    "written-hant": "hant_original.jsonl",
    "written-wiki": "wiki_original.jsonl",
    "written-feature": "feature_original.jsonl",
    "written-local": "local_original.jsonl",
    "written-hk": "hk_original.jsonl",
    "written-markets": "markets_original.jsonl",
    "written-science": "science_original.jsonl",
    "written-bulletin": "bulletin_original.jsonl",
    "written-uk": "uk_original.jsonl",
    "written-sport": "sport_original.jsonl",
    "written-emerg": "emerg_original.jsonl",
    "written-sea": "sea_original.jsonl",
    "written-talk": "talk_original.jsonl",
    "written-tech": "tech_original.jsonl",
    "written-tw": "tw_original.jsonl",
    "written-us": "us_original.jsonl",
    "written-brief": "brief_original.jsonl",
    "written-india": "india_original.jsonl",
    "written-ent": "ent_original.jsonl",
    "written-anz": "anz_original.jsonl",
    "written-astock": "astock_original.jsonl",
    "written-health": "health_original.jsonl",
    "written-mobility": "mobility_original.jsonl",
}


def corpus_path(name: str, shared: Path | None = None) -> Path:
    if name in WRITTEN:
        return Path(__file__).resolve().parents[2] / "tests" / "parallel" / WRITTEN[name]
    folder, file = CORPORA[name]
    return (shared or shared_dir()) / "corpus" / folder / file


def load_aligned(path: Path) -> list[AlignedLine]:
    lines = []
    for raw in path.read_text("utf-8").splitlines():
        if not raw.strip():
            continue
        record = json.loads(raw)
        texts = {lang: record[lang] for lang in LANGS if isinstance(record.get(lang), str)}
        lines.append(AlignedLine(record["id"], record.get("doc", record["id"]), texts))
    return lines


def load_corpus(name: str, shared: Path | None = None) -> list[AlignedLine]:
    return load_aligned(corpus_path(name, shared))


def documents(lines: Iterable[AlignedLine]) -> dict[str, list[AlignedLine]]:
    docs: dict[str, list[AlignedLine]] = {}
    for line in lines:
        docs.setdefault(line.doc, []).append(line)
    return docs


def claims_by_line(
    lines: Sequence[AlignedLine], lang: str, aliases: Aliases | None = None
) -> dict[str, list[Claim]]:
    """Every claim factcheck extracts from ``lang``, keyed by the id of its line.

    Each claim's quantity offsets are made relative to its own line."""
    from dataclasses import replace

    aliases = aliases or default_aliases()
    out: dict[str, list[Claim]] = {line.id: [] for line in lines}
    for doc, members in documents(lines).items():
        present = [m for m in members if m.texts.get(lang)]
        if not present:
            continue
        starts, parts, at = [], [], 0
        for member in present:
            starts.append(at)
            parts.append(member.texts[lang])
            at += len(member.texts[lang]) + len(SEPARATOR)
        text = SEPARATOR.join(parts)
        source = Source(id=doc, path=f"{doc}.{lang}.txt", text=text, encoding="utf-8", lang=lang)
        for claim in extract_claims(source, context=article_context(source, aliases)):
            index = _line_index(starts, claim.quantity.start)
            shift = starts[index]
            quantity = replace(
                claim.quantity,
                start=claim.quantity.start - shift,
                end=claim.quantity.end - shift,
            )
            out[present[index].id].append(replace(claim, quantity=quantity))
    return out


def _line_index(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset) - 1
