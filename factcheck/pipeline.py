"""The main job, end to end: sources -> claims -> embeddings -> candidates -> verdicts."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .alignment import (
    align,
    embed_sentences,
    load_scorer,
    pair_features,
    sentence_siblings,
    sources_linked,
    verdict_confidence,
    verdict_for,
)
from .embed import Embedder, load_embedder
from .extract import Aliases, ExtractionError, article_context, default_aliases, extract_claims
from .ingest import MAX_BYTES, load_sources
from .match import Candidate, SentenceVectors, candidate_pairs, merged, sentence_pairs
from .model import DEFAULT_PAIRING, Claim, CompareResult, InputProblem, PairVerdict, Source
from .progress import Progress
from .verdict import _claim_order, judge_pair, keep_linked

if TYPE_CHECKING:
    import numpy as np

    from .cluster import Cluster


def example_corpus() -> Path:
    """The example corpus bundled with the package (what `factcheck compare` reads by default).

    Relative to the working directory when it lies below it in a checkout, so that
    reports and claims/ provenance name portable paths; absolute when it comes from an
    installed package (a path through .venv/lib/... would only confuse).
    """
    path = Path(str(resources.files("factcheck").joinpath("examples/h20")))
    if path.resolve().is_relative_to(Path(sys.prefix).resolve()):
        return path
    relative = os.path.relpath(path)
    return Path(relative) if not relative.startswith("..") else path


def extract_claims_from_sources(
    sources: Sequence[Source],
    aliases: Aliases | None = None,
    progress: Progress | None = None,
    topics: dict[str, str | None] | None = None,
    problems: list[InputProblem] | None = None,
    jobs: int = 1,
    cluster: Cluster | None = None,
) -> list[Claim]:
    """Claims of every source, in order; ``topics`` (if given) receives each source's topic.

    A source whose extraction fails is left out, and the failure is appended to ``problems``
    as one line naming the file and line (without ``problems`` it is raised). ``jobs`` > 1
    extracts in that many processes when there are enough sources to pay for starting them;
    ``cluster`` extracts on its dask workers instead (either way the result is the same,
    in the same order)."""
    progress = progress or Progress()
    progress.start("extracting", len(sources))
    aliases = aliases or default_aliases()
    raising = problems is None
    if cluster is not None:
        from .cluster import extracted

        results = extracted(cluster, sources, aliases, progress, raising)
    else:
        results = _extracted(sources, aliases, jobs, progress, raising)
    claims: list[Claim] = []
    for source, (found, topic, problem) in zip(sources, results, strict=True):
        if problem is not None:
            assert problems is not None  # raised in _extract_one otherwise
            problems.append(InputProblem(source.path, problem))
            continue
        claims.extend(found)
        if topics is not None:
            topics[source.id] = topic
    progress.finish()
    return claims


# Below this many sources per process, starting the processes costs more than it saves.
SOURCES_PER_JOB = 8

_Extracted = tuple[list[Claim], str | None, str | None]  # claims, topic, problem


def _extract_one(source: Source, aliases: Aliases, raising: bool) -> _Extracted:
    try:
        context = article_context(source, aliases)
        return extract_claims(source, context=context), context.topic, None
    except Exception as error:
        if raising:
            raise
        return [], None, _extraction_problem(error)


def _extract_chunk(chunk: Sequence[Source], aliases: Aliases) -> list[_Extracted]:
    return [_extract_one(source, aliases, raising=False) for source in chunk]


def _extracted(
    sources: Sequence[Source], aliases: Aliases, jobs: int, progress: Progress, raising: bool
) -> list[_Extracted]:
    if jobs <= 1 or len(sources) < 2 * SOURCES_PER_JOB or raising:
        out = []
        for source in sources:
            out.append(_extract_one(source, aliases, raising))
            progress.advance()
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(SOURCES_PER_JOB * 4, len(sources) // (jobs * 4) or 1))
    chunks = [sources[i : i + size] for i in range(0, len(sources), size)]
    # fork: the children need nothing re-imported (a notebook's or stdin's __main__ cannot
    # be), and extraction touches no thread the parent may run (a model's BLAS pool)
    context = multiprocessing.get_context("fork")
    results: list[_Extracted] = []
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            done_chunks = pool.map(_extract_chunk, chunks, [aliases] * len(chunks))
            for chunk, done in zip(chunks, done_chunks, strict=True):
                results.extend(done)
                for _ in chunk:
                    progress.advance()
    except (BrokenProcessPool, OSError):
        # no processes to be had (a sandbox, a memory limit): the same work in this one
        rest = sources[len(results) :]
        return results + [_extract_one(source, aliases, raising=False) for source in rest]
    return results


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _extraction_problem(error: Exception) -> str:
    where = f"line {error.line}: " if isinstance(error, ExtractionError) else ""
    cause = error.cause if isinstance(error, ExtractionError) else error
    detail = " ".join(str(cause).split())[:120]
    return (
        f"{where}could not extract claims ({type(cause).__name__}: {detail}); "
        "left out, the other sources were compared (please report this as a bug)"
    )




def claim_candidates(
    claims: Sequence[Claim], vectors: np.ndarray, sentences: SentenceVectors
) -> list[Candidate]:
    """Cross-source pairs of one kind whose contexts, or whose whole sentences, are near."""
    groups, kinds = [c.source_id for c in claims], [c.quantity.kind for c in claims]
    return merged(
        candidate_pairs(vectors, groups, kinds), sentence_pairs(vectors, sentences, groups, kinds)
    )


def judge_claims(
    claims: Sequence[Claim],
    embedder: Embedder,
    progress: Progress | None = None,
    topics: dict[str, str | None] | None = None,
    pairing: str = DEFAULT_PAIRING,
    jobs: int = 1,
    min_confidence: float | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[PairVerdict]:
    """Embed claim contexts (in ``jobs`` processes), find cross-source candidates with
    FAISS, judge them. ``min_confidence`` below the fitted contradiction threshold lets the
    learned pairing accuse from there (the rules accuse regardless and are graded later).
    ``texts`` (source id -> text) lets the scorer compare the sentences around each claim."""
    progress = progress or Progress()
    progress.start("embedding", len(claims))
    contexts = [c.context for c in claims]
    vectors = embedder.embed(contexts, progress=progress.advance, jobs=jobs)
    progress.finish()
    sentences = embed_sentences(claims, embedder, jobs, texts)
    candidates = claim_candidates(claims, vectors, sentences)
    features = pair_features(candidates, claims, sentences)
    probabilities = load_scorer().probabilities(features)
    if pairing == "learned":
        aligned = align(candidates, claims, probabilities=probabilities)
        siblings = sentence_siblings(claims)
        linked = sources_linked(candidates, features, aligned, claims)
        verdicts = (
            verdict_for(claims[p.i], claims[p.j], p, siblings, min_confidence, (p.i, p.j) in linked)
            for p in aligned
        )
        pairs = [verdict for verdict in verdicts if verdict is not None]
    else:
        # The rules decide which pairs and which verdicts; the fitted scorer only says how
        # sure we may be that the two figures are one claim. Its features need every
        # candidate (ranks, links between sources), so all are scored, not just the judged.
        judged = [
            (claims[c.i], claims[c.j], _with_confidence(
                judge_pair(claims[c.i], claims[c.j], c.score), float(p),
                claims[c.i], claims[c.j],
            ))
            for c, p in zip(candidates, probabilities, strict=True)
        ]  # fmt: skip
        pairs = keep_linked(judged, topics)
    pairs.sort(key=lambda p: (_claim_order(p.a), _claim_order(p.b)))
    return pairs


def _with_confidence(
    verdict: PairVerdict | None, p: float, a: Claim, b: Claim
) -> PairVerdict | None:
    if verdict is None:
        return None
    confidence = verdict_confidence(verdict.verdict, p, a, b)
    return dataclasses.replace(verdict, confidence=round(confidence, 4))


def compare_sources(
    sources: Sequence[Source],
    embedder: Embedder,
    *,
    aliases: Aliases | None = None,
    problems: Sequence[InputProblem] = (),
    progress: Progress | None = None,
    pairing: str = DEFAULT_PAIRING,
    jobs: int = 1,
    cluster: Cluster | None = None,
    min_confidence: float | None = None,
) -> CompareResult:
    """Extract, embed, match and judge; ``cluster`` extracts on its workers (and
    ``embedder`` is then a cluster.ClusterEmbedder, which embeds on them)."""
    topics: dict[str, str | None] = {}
    found: list[InputProblem] = list(problems)
    claims = extract_claims_from_sources(sources, aliases, progress, topics, found, jobs, cluster)
    failed = {p.path for p in found[len(problems) :]}
    kept = tuple(s for s in sources if s.path not in failed)
    texts = {source.id: source.text for source in kept}
    pairs = judge_claims(
        claims, embedder, progress, topics, pairing, jobs, min_confidence, texts
    )
    return CompareResult(kept, tuple(claims), tuple(pairs), tuple(found))


def compare_paths(
    paths: Sequence[str],
    *,
    model: str | None = None,
    embedder: Embedder | None = None,
    aliases: Aliases | None = None,
    progress: Progress | None = None,
    pairing: str = DEFAULT_PAIRING,
    max_bytes: int = MAX_BYTES,
) -> CompareResult:
    """Compare files, directories or "-" (stdin); no paths means the bundled example corpus.

    Unreadable inputs become ``problems`` on the result; the others are still compared.
    """
    sources, problems = load_sources(list(paths) or [str(example_corpus())], max_bytes)
    embedder = embedder or load_embedder(model)
    return compare_sources(
        sources, embedder, aliases=aliases, problems=problems, progress=progress, pairing=pairing
    )
