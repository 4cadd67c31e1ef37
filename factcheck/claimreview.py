"""schema.org ClaimReview JSON-LD: the format fact-checkers publish to search engines.

One ``ClaimReview`` document per *group* of claims, the same groups the HTML report
shows as cards:

* a **contradiction group** is a connected component of the ``contradict`` pairs;
* an **agreement group** is a connected component of the ``agree`` pairs
  (:func:`factcheck.groups.agreement_groups`).

Unclear pairs and figures found in one source only are not reviewed: nothing was
concluded about them, and a ClaimReview is a conclusion.

Choices, field by field (schema.org and the major search engines' required fields are
``claimReviewed``, ``reviewRating``, ``itemReviewed``, ``author``, ``datePublished`` and,
where known, ``url``):

``claimReviewed``
    Readable text: the group's subject, then each source's figure as normalised by the
    report ("H20 memory: 96 GB (s1 caijing…); 141 GB (s2 …)"). The subject is the most
    common English subject of the group's claims, else the most common subject.

``reviewRating``
    A ``Rating`` on a three-point *consistency* scale, not a truth scale: the tool
    compares figures between sources and cannot say which source is right.
    ``worstRating`` 1, ``bestRating`` 3; ``ratingValue`` 1 with ``alternateName``
    "Sources disagree" for a contradiction, 3 with "Sources agree" for an agreement
    (2, "Unclear", is reserved and never emitted).  ``alternateName`` is the textual
    rating search engines display, so it says exactly what was found.

``itemReviewed``
    A ``Claim`` whose ``appearance`` lists one ``CreativeWork`` per source in the group,
    in source order: ``url`` when the source path looks like a URL (``http(s)://``),
    otherwise ``name`` is the path as given; ``headline`` is the source's title when
    known; ``inLanguage`` its language; ``text`` the quoted sentence(s) carrying the
    figure (several sentences of one source are joined with " … ").

``author``
    An ``Organization`` named by ``author`` (default "factcheck").

``datePublished``
    ISO 8601 date: ``date`` when given (a :class:`datetime.date` or a string), else
    today's date.

``url``
    Only when ``url`` is given: the address where the HTML report is published, with the
    fragment of the group's card in that report (``…report.html#card-x-s1-c3``) so each
    review links to its own evidence. A ``url`` that already has a fragment is used as is.

``reviewBody``
    The tool's reasons for the pairs in the group, one sentence each.

All text goes through :func:`factcheck.report.clean_text`, as in the HTML report:
control characters and bidi overrides are made visible, lone surrogates replaced, so
the file is valid UTF-8 and shows what the source really contained. The written file
is a JSON array of documents with ``<``, ``>`` and ``&`` escaped as ``\\u003c`` etc.,
so it can be pasted into a ``<script type="application/ld+json">`` element unchanged.
Nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .fileio import atomic_write_text
from .groups import agreement_groups, contradiction_groups
from .model import Claim, CompareResult, Source
from .report import build_report_context, clean_text, format_quantity

__all__ = ["RATINGS", "claimreview_documents", "dumps", "write_claimreview"]

SCHEMA_ORG = "https://schema.org"

# verdict -> (ratingValue, alternateName); the scale is consistency between sources
RATINGS = {
    "contradict": (1, "Sources disagree"),
    "unclear": (2, "Unclear"),
    "agree": (3, "Sources agree"),
}
WORST_RATING, BEST_RATING = 1, 3

_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_LANGS = {"en", "zh-Hans", "zh-Hant"}


def _is_url(path: str) -> bool:
    return bool(_URL.match(path.strip()))


def _source_name(src: Source) -> str:
    if src.title and src.title.strip():
        return clean_text(src.title.strip())
    return clean_text(Path(src.path).name or src.path) if src.path not in ("", "-") else "stdin"


def _subject(claims: Sequence[Claim]) -> str:
    english = [c for c in claims if c.lang == "en" and c.subject.strip()]
    pool = english or [c for c in claims if c.subject.strip()]
    if not pool:
        return "(no subject)"
    counts = Counter(c.subject.strip() for c in pool)
    best = max(pool, key=lambda c: (counts[c.subject.strip()], -pool.index(c)))
    return clean_text(best.subject.strip())


def _date_text(date: dt.date | str | None) -> str:
    if date is None:
        return dt.date.today().isoformat()
    if isinstance(date, dt.datetime):
        return date.date().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    text = str(date).strip()
    dt.date.fromisoformat(text[:10])  # ValueError on anything that is not an ISO date
    return text


def _card_ids(result: CompareResult) -> dict[frozenset[str], str]:
    """Group (set of claim ids) -> id of its card in the HTML report."""
    ctx = build_report_context(result)
    return {
        frozenset(q.claim_id for q in card.quotes): card.id
        for card in (*ctx.contradictions, *ctx.agreements)
    }


def _appearances(
    claims: Sequence[Claim], sources: dict[str, Source], order: dict[str, int]
) -> list[dict[str, Any]]:
    by_source: dict[str, list[Claim]] = {}
    for c in claims:
        by_source.setdefault(c.source_id, []).append(c)
    works: list[dict[str, Any]] = []
    for sid in sorted(by_source, key=lambda s: order[s]):
        src = sources[sid]
        quotes: list[str] = []
        for c in sorted(by_source[sid], key=lambda c: (c.sentence.start, c.id)):
            text = clean_text(c.sentence.text.strip())
            if text and text not in quotes:
                quotes.append(text)
        work: dict[str, Any] = {"@type": "CreativeWork"}
        path = src.path.strip()
        if _is_url(path):
            work["url"] = clean_text(path)
            work["name"] = _source_name(src)
        else:
            work["name"] = clean_text(src.path) if src.path not in ("", "-") else "stdin"
        if src.title and src.title.strip():
            work["headline"] = clean_text(src.title.strip())
        if src.lang in _LANGS:
            work["inLanguage"] = src.lang
        work["text"] = " … ".join(quotes)
        works.append(work)
    return works


def claimreview_documents(
    result: CompareResult,
    *,
    author: str = "factcheck",
    url: str | None = None,
    date: dt.date | str | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview (a JSON-LD dict) per contradiction group, then per agreement group."""
    sources = {s.id: s for s in result.sources}
    order = {s.id: i for i, s in enumerate(result.sources)}
    claims = {c.id: c for c in result.claims if c.source_id in sources}
    pairs = [p for p in result.pairs if p.a in claims and p.b in claims]
    published = _date_text(date)
    cards = _card_ids(result) if url and "#" not in url else {}

    def claim_key(cid: str) -> tuple[int, int, str]:
        c = claims[cid]
        return (order[c.source_id], c.quantity.start, cid)

    contra = contradiction_groups(pairs)
    contra.sort(key=lambda g: (-len(g), min(claim_key(c) for c in g)))
    plan = [("contradict", g) for g in contra]
    plan += [("agree", g) for g in agreement_groups(pairs)]

    docs: list[dict[str, Any]] = []
    for verdict, group in plan:
        members = sorted(group, key=claim_key)
        group_claims = [claims[c] for c in members]
        subject = _subject(group_claims)
        figures = [
            f"{format_quantity(c.quantity)[0]} ({clean_text(c.source_id)} "
            f"{_source_name(sources[c.source_id])})"
            for c in group_claims
        ]
        value, label = RATINGS[verdict]
        inside = set(members)
        reasons = [
            clean_text(p.why.strip())
            for p in sorted(pairs, key=lambda p: -p.score)
            if p.verdict == verdict and p.a in inside and p.b in inside and p.why.strip()
        ]
        doc: dict[str, Any] = {
            "@context": SCHEMA_ORG,
            "@type": "ClaimReview",
            "claimReviewed": f"{subject}: " + "; ".join(figures),
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": BEST_RATING,
                "worstRating": WORST_RATING,
                "alternateName": label,
            },
            "itemReviewed": {
                "@type": "Claim",
                "appearance": _appearances(group_claims, sources, order),
            },
            "author": {"@type": "Organization", "name": clean_text(author).strip() or "factcheck"},
            "datePublished": published,
        }
        if url:
            card = cards.get(frozenset(members))
            doc["url"] = f"{url}#{card}" if card else url
        if reasons:
            doc["reviewBody"] = " ".join(
                r if r.endswith((".", "。", "!", "?")) else r + "." for r in dict.fromkeys(reasons)
            )
        docs.append(doc)
    return docs


def dumps(docs: list[dict[str, Any]]) -> str:
    """JSON text, safe to embed in a ``<script type="application/ld+json">`` element."""
    text = json.dumps(docs, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def write_claimreview(result: CompareResult, path: str | Path, **kw: Any) -> None:
    """Write :func:`claimreview_documents` (keywords passed on) as a JSON array, atomically."""
    atomic_write_text(path, dumps(claimreview_documents(result, **kw)))
