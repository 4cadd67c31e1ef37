"""Check new articles against the reviewed-claims database (the CI gate).

New claims are extracted exactly as `factcheck compare` extracts them, embedded, and
matched against the database with a FAISS inner-product index: top-k candidates per
new claim, one index per quantity kind, never all pairs. Each candidate is judged
with the same ``judge_pair`` that compare uses, so a check and a compare never
disagree about a pair.

The database's embeddings are cached (``<db>/.cache/`` or ``$FACTCHECK_CACHE``) as a
``.npy`` matrix plus a JSON manifest keyed by a hash of (model, embedded text), so a
check embeds only new or changed records. A cache that fails any check is rebuilt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import numpy as np

from .confidence import DEFAULT_MIN_CONFIDENCE, describe_confidence, is_strong
from .db import (
    STATUSES,
    ClaimRecord,
    ClaimsDB,
    _no_gc,
    atomic_write,
    canonical_entity,
    default_cache_dir,
    load_alias_table,
    record_to_claim,
    writer_lock,
)
from .embed import Embedder
from .fileio import atomic_write_with
from .model import Claim, InputProblem, PairVerdict, Source

CHECK_SCHEMA = "factcheck.check/1"
CACHE_SCHEMA = "factcheck.cache/1"
MANIFEST = "manifest.json"
TOP_K = 8  # candidates per new claim and quantity kind
MIN_SCORE = 0.2  # below this judge_pair would refuse anyway (its floor is 0.30)
FORMATS = ("human", "json", "junit", "github")

# How much each (verdict, status of the database claim) matters. Only a contradiction
# of a verified claim fails the check, and only a strong one (confidence at least
# min_confidence); a possible one is a warning, as is repeating a claim reviewed as false;
# everything else is information.
SEVERITY = {
    ("contradict", "verified"): "error",
    ("agree", "false"): "warning",
    ("agree", "disputed"): "warning",
}


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning | notice
    verdict: str  # agree | contradict | unclear
    db_id: str
    db_status: str
    db_statement: str
    path: str  # the new source
    line: int  # 1-based line of the figure in the new source
    claim_id: str
    quote: str  # the new source's sentence
    surface: str
    score: float
    why: str
    # the pair scorer's calibrated P(same claim) for the new claim and the database's
    confidence: float = 0.0
    # a contradiction at or above the check's min_confidence (only those fail)
    strong: bool = True

    @property
    def message(self) -> str:
        verb = {
            "agree": "agrees with",
            "contradict": "contradicts" if self.strong else "possibly contradicts",
            "unclear": "is unclear against",
        }
        sure = describe_confidence(self.confidence)
        if self.verdict == "contradict" and not self.strong:
            sure += "; too unsure to fail the check"
        return (
            f'{self.path}:{self.line}: "{_one_line(self.quote)}" {verb[self.verdict]} '
            f'{self.db_status} claim {self.db_id} "{_one_line(self.db_statement)}": {self.why} '
            f"({sure})"
        )


@dataclass(frozen=True)
class CacheStats:
    records: int
    embedded: int  # records whose vectors were computed now
    rebuilt: bool  # the cache was missing, stale or corrupt


@dataclass(frozen=True)
class CheckResult:
    db_path: str
    db_records: int
    sources: tuple[tuple[str, str], ...]  # (source id, path)
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    problems: tuple[InputProblem, ...] = ()
    cache: CacheStats | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE  # contradictions below it do not fail

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def path_of(self, source_id: str) -> str:
        return dict(self.sources).get(source_id, source_id)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------- cache


def resolve_cache_dir(
    db_path: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None
) -> Path:
    return Path(cache_dir) if cache_dir is not None else default_cache_dir(db_path)


def text_key(model: str, text: str) -> str:
    return hashlib.blake2b(f"{model}\0{text}".encode(), digest_size=16).hexdigest()


def _read_cache(cache_dir: Path, model: str, dim: int) -> tuple[dict[str, int], np.ndarray]:
    """The cached key -> row map and matrix, or empty ones if anything looks wrong."""
    empty: tuple[dict[str, int], np.ndarray] = ({}, np.zeros((0, dim), dtype=np.float32))
    try:
        manifest = json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8"))
        keys = manifest["keys"]
        if (manifest.get("schema"), manifest.get("model"), manifest.get("dim")) != (
            CACHE_SCHEMA,
            model,
            dim,
        ):
            return empty
        name = manifest["vectors"]
        if not isinstance(name, str) or "/" in name or not isinstance(keys, list):
            return empty
        vectors = np.load(cache_dir / name, allow_pickle=False)
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return empty  # missing, truncated, not JSON, not an .npy: rebuild
    if (
        vectors.dtype != np.float32
        or vectors.shape != (len(keys), dim)
        or manifest.get("count") != len(keys)
    ):
        return empty
    # Rows are L2-normalised (or zero for empty text); anything else is damage.
    norms = np.linalg.norm(vectors, axis=1) if len(vectors) else np.zeros(0)
    if not np.all((np.abs(norms - 1.0) < 1e-3) | (norms == 0.0)):
        return empty
    return {k: i for i, k in enumerate(keys)}, vectors


def _write_cache(cache_dir: Path, model: str, keys: list[str], vectors: np.ndarray) -> None:
    """Vectors file first (under a fresh name), then the manifest that points at it.

    A reader therefore always sees a manifest whose vectors file is complete; old
    vectors files are removed last, and a reader that loses that race just rebuilds.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    with writer_lock(cache_dir):
        name = f"vectors-{secrets.token_hex(6)}.npy"
        atomic_write_with(
            cache_dir / name, lambda handle: np.save(handle, vectors, allow_pickle=False)
        )
        manifest = {"schema": CACHE_SCHEMA, "model": model, "dim": int(vectors.shape[1]),
                    "count": len(keys), "vectors": name, "keys": keys}  # fmt: skip
        atomic_write(cache_dir / MANIFEST, json.dumps(manifest).encode())
        for old in cache_dir.glob("vectors-*.npy"):
            if old.name != name:
                with contextlib.suppress(OSError):
                    old.unlink()


def record_vectors(
    records: Sequence[ClaimRecord], embedder: Embedder, cache_dir: Path
) -> tuple[np.ndarray, CacheStats]:
    """Embeddings of ``records`` (their context), reusing the cache and refreshing it."""
    return context_vectors([r.context for r in records], embedder, cache_dir)


def context_vectors(
    contexts: Sequence[str], embedder: Embedder, cache_dir: Path
) -> tuple[np.ndarray, CacheStats]:
    """Embeddings of ``contexts``, reusing the cache and refreshing it."""
    model, dim = embedder.name, embedder.dim
    keys = [text_key(model, c) for c in contexts]
    cached, matrix = _read_cache(cache_dir, model, dim)
    if len(cached) == len(keys) and list(cached) == keys:  # the warm path: rows line up
        return matrix, CacheStats(len(contexts), 0, False)
    rows = np.fromiter((cached.get(k, -1) for k in keys), dtype=np.int64, count=len(keys))
    missing = np.flatnonzero(rows < 0)
    fresh = embedder.embed([contexts[int(i)] for i in missing])
    dim = fresh.shape[1] if len(missing) else dim
    out = np.empty((len(contexts), dim), dtype=np.float32)
    hit = rows >= 0
    out[hit] = matrix[rows[hit]]
    if len(missing):
        out[missing] = fresh
    if len(missing) or len(cached) != len(set(keys)):
        with contextlib.suppress(OSError):  # a read-only checkout still gets its answer
            unique = dict(zip(keys, range(len(keys)), strict=True))
            _write_cache(cache_dir, model, list(unique), out[list(unique.values())])
    rebuilt = bool(contexts) and not cached
    return out, CacheStats(len(contexts), int(len(missing)), rebuilt)


# ----------------------------------------------------------------------------- check


def _canonical(claim: Claim, aliases: dict[str, str]) -> Claim:
    # Both sides name entities the same way before judging ("輝達" and "NVIDIA").
    return dataclasses.replace(
        claim,
        entity=canonical_entity(claim.entity, aliases),
        entities=tuple(sorted({canonical_entity(e, aliases) or e for e in claim.entities})),
    )


def _kind_indexes(vectors: np.ndarray, kinds: Sequence[str], wanted: set[str]) -> dict[str, Any]:
    """One exact inner-product index per quantity kind the new claims need."""
    import faiss  # lazy: keeps `factcheck --help` instant

    rows_by_kind: dict[str, list[int]] = defaultdict(list)
    for row, kind in enumerate(kinds):
        if kind in wanted:
            rows_by_kind[kind].append(row)
    indexes = {}
    for kind, rows in rows_by_kind.items():
        index = faiss.IndexIDMap(faiss.IndexFlatIP(vectors.shape[1]))
        index.add_with_ids(np.ascontiguousarray(vectors[rows]), np.asarray(rows, dtype=np.int64))
        indexes[kind] = index
    return indexes


def check_claims(
    claims: Sequence[Claim],
    paths: dict[str, str],
    db: ClaimsDB,
    embedder: Embedder,
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    top_k: int = TOP_K,
    min_score: float = MIN_SCORE,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> tuple[list[Finding], CacheStats]:
    """Findings for already extracted claims; ``paths`` maps source ids to paths.

    A contradiction of a verified claim is an error when its confidence is at least
    ``min_confidence``, else a warning (a possible contradiction)."""
    from .alignment import embed_sentences, load_scorer, pair_features, verdict_confidence
    from .match import Candidate
    from .verdict import judge_pair

    table = db.table  # columns only: records are never all parsed when a snapshot hit
    live = np.flatnonzero(table.status != STATUSES.index("retracted"))
    with _no_gc():  # see db._no_gc: the database's objects would be rescanned
        vectors, stats = context_vectors(
            [table.contexts[i] for i in live], embedder, resolve_cache_dir(db.path, cache_dir)
        )
    if not claims or not len(live):
        return [], stats
    new_vectors = embedder.embed([c.context for c in claims])
    indexes = _kind_indexes(
        vectors, [table.kinds[k] for k in table.kind[live]], {c.quantity.kind for c in claims}
    )
    records: dict[int, int] = {}  # database row -> its place in ``known`` (converted once)
    known: list[tuple[ClaimRecord, Claim]] = []
    news = [_canonical(claim, db.aliases) for claim in claims]
    found: list[Candidate] = []  # i: a new claim, j: len(news) + its place in ``known``
    for n, vector in enumerate(new_vectors):
        index = indexes.get(claims[n].quantity.kind)
        if index is None:
            continue
        scores, rows = index.search(vector[None, :], min(top_k, index.ntotal))
        for score, row in zip(scores[0], rows[0], strict=True):
            if row < 0 or score < min_score:
                continue
            if row not in records:
                record = table.record(int(live[row]))
                records[row] = len(known)
                known.append((record, _canonical(record_to_claim(record), db.aliases)))
            found.append(Candidate(n, len(news) + records[row], float(score)))
    # How sure each pair is one claim, scored as compare scores its pairs: the database is
    # one more source (its claims' source is "db"), the candidates are those searched.
    everyone = news + [db_claim for _, db_claim in known]
    # the new claims' sentences and those found only; a database holds statements, not
    # articles, so no pair's neighbouring sentences are compared (PairScorer scores without)
    sentences = embed_sentences(everyone, embedder)
    confidences = load_scorer().probabilities(pair_features(found, everyone, sentences))
    findings = []
    for candidate, confidence in zip(found, confidences, strict=True):
        record, db_claim = known[candidate.j - len(news)]
        verdict = judge_pair(news[candidate.i], db_claim, candidate.score)
        if verdict is not None:
            sure = round(verdict_confidence(
                verdict.verdict, float(confidence), news[candidate.i], db_claim
            ), 4)  # fmt: skip
            finding = _finding(claims[candidate.i], record, paths, verdict, sure, min_confidence)
            findings.append(finding)
    findings.sort(
        key=lambda f: ({"error": 0, "warning": 1}.get(f.severity, 2), f.path, f.line, f.db_id)
    )
    return findings, stats


def _finding(
    claim: Claim,
    record: ClaimRecord,
    paths: dict[str, str],
    pair: PairVerdict,
    confidence: float,
    min_confidence: float,
) -> Finding:
    verdict, score, why = pair.verdict, pair.score, pair.why
    strong = verdict != "contradict" or is_strong(confidence, min_confidence)
    severity = SEVERITY.get((verdict, record.status), "notice")
    if severity == "error" and not strong:
        severity = "warning"  # a possible contradiction of a verified claim: look, do not fail
    return Finding(
        severity=severity, verdict=verdict,
        db_id=record.id, db_status=record.status, db_statement=record.statement,
        path=paths.get(claim.source_id, claim.source_id), line=claim.line, claim_id=claim.id,
        quote=claim.sentence.text, surface=claim.quantity.surface, score=score, why=why,
        confidence=confidence, strong=strong,
    )  # fmt: skip


def check_sources(
    sources: Sequence[Source],
    db: ClaimsDB,
    embedder: Embedder,
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    problems: Sequence[InputProblem] = (),
    top_k: int = TOP_K,
    min_score: float = MIN_SCORE,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> CheckResult:
    """Extract claims from ``sources`` and check each against the database."""
    from .extract import merge_aliases
    from .pipeline import extract_claims_from_sources

    found = list(problems)
    claims = extract_claims_from_sources(
        sources, merge_aliases(load_alias_table(db.path)), problems=found
    )
    failed = {p.path for p in found[len(problems) :]}
    sources = [s for s in sources if s.path not in failed]
    paths = {s.id: s.path for s in sources}
    findings, stats = check_claims(
        claims, paths, db, embedder, cache_dir, top_k=top_k, min_score=min_score,
        min_confidence=min_confidence,
    )  # fmt: skip
    return CheckResult(
        db_path=str(db.path), db_records=len(db),
        sources=tuple((s.id, s.path) for s in sources), claims=tuple(claims),
        findings=tuple(findings), problems=tuple(found), cache=stats,
        min_confidence=min_confidence,
    )  # fmt: skip


# --------------------------------------------------------------------------- outputs


def _counts(result: CheckResult) -> dict[str, int]:
    return {
        "sources": len(result.sources),
        "claims": len(result.claims),
        "db_records": result.db_records,
        "contradictions_of_verified": sum(f.severity == "error" for f in result.findings),
        "possible_contradictions_of_verified": sum(
            f.verdict == "contradict" and f.db_status == "verified" and not f.strong
            for f in result.findings
        ),
        "warnings": sum(f.severity == "warning" for f in result.findings),
        "agreements": sum(f.verdict == "agree" for f in result.findings),
        "contradictions": sum(f.verdict == "contradict" for f in result.findings),
        "unclear": sum(f.verdict == "unclear" for f in result.findings),
        "problems": len(result.problems),
    }


def format_human(result: CheckResult) -> str:
    lines = [f"{f.severity}: {f.message}" for f in result.findings]
    lines += [f"problem: {p}" for p in result.problems]
    c = _counts(result)
    possible = c["possible_contradictions_of_verified"]
    lines.append(
        f"checked {c['claims']} claim(s) from {c['sources']} source(s) against {c['db_records']} "
        f"database claim(s): {c['contradictions_of_verified']} contradiction(s) of verified "
        f"claims at confidence {result.min_confidence:.2f} or more"
        + (f" ({possible} possible one(s) below it)" if possible else "")
        + f", {c['warnings']} warning(s), {c['agreements']} agreement(s), {c['unclear']} unclear"
        + (f", {c['problems']} input problem(s)" if c["problems"] else "")
    )
    lines.append("FAIL" if result.failed else "OK")
    return "\n".join(lines) + "\n"


def format_json(result: CheckResult) -> str:
    data = {
        "schema": CHECK_SCHEMA,
        "db": result.db_path,
        "failed": result.failed,
        "min_confidence": result.min_confidence,
        "summary": _counts(result),
        "sources": [{"id": sid, "path": path} for sid, path in result.sources],
        "findings": [dataclasses.asdict(f) | {"message": f.message} for f in result.findings],
        "problems": [{"path": p.path, "message": p.message} for p in result.problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_junit(result: CheckResult) -> str:
    """JUnit XML: one testcase per new claim; contradictions of verified claims fail it."""
    by_claim: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_claim[f.claim_id].append(f)
    suites = ET.Element("testsuites", name="factcheck check")
    for source_id, path in result.sources:
        claims = [c for c in result.claims if c.source_id == source_id]
        suite = ET.SubElement(suites, "testsuite", name=path)
        for claim in claims:
            name = f"line {claim.line}: {claim.subject} = {claim.quantity.surface}"
            case = ET.SubElement(suite, "testcase", classname=path, name=name)
            _junit_case(case, by_claim.get(claim.id, []))
        if not claims:  # a source with nothing to check still shows up, and passes
            ET.SubElement(suite, "testcase", classname=path, name="no numeric claims")
        _junit_totals(suite)
    if result.problems:
        suite = ET.SubElement(suites, "testsuite", name="input problems")
        for p in result.problems:
            case = ET.SubElement(suite, "testcase", classname=p.path, name="load")
            ET.SubElement(case, "error", message=p.message).text = str(p)
        _junit_totals(suite)
    _junit_totals(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def _junit_case(case: ET.Element, findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        message = f"contradicts verified claim {errors[0].db_id}"
        failure = ET.SubElement(case, "failure", type="contradiction", message=message)
        failure.text = "\n".join(f.message for f in errors)
    others = [f for f in findings if f.severity != "error"]
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(
            f"{f.severity}: {f.message}" for f in others
        )


def _junit_totals(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    element.set("errors", str(sum(c.find("error") is not None for c in cases)))


def _gh_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: annotations on the new sources' lines.

    Errors and warnings always; agreements with verified claims as notices; unclear
    pairs are left out (GitHub shows only a handful of annotations per step).
    """
    out = []
    for f in result.findings:
        if f.severity == "notice" and not (f.verdict == "agree" and f.db_status == "verified"):
            continue
        command = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
        title = f"{f.verdict} {f.db_status} claim {f.db_id}"
        out.append(
            f"::{command} file={_gh_property(f.path)},line={f.line},title={_gh_property(title)}"
            f"::{_gh_data(f.message)}"
        )
    for p in result.problems:
        out.append(
            f"::error file={_gh_property(p.path)},line=1,title=input problem::{_gh_data(p.message)}"
        )
    return "".join(line + "\n" for line in out)


def render(result: CheckResult, fmt: str) -> str:
    formatters = {
        "human": format_human,
        "json": format_json,
        "junit": format_junit,
        "github": format_github,
    }
    if fmt not in formatters:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return formatters[fmt](result)
