"""The main job, end to end: sources -> claims -> embeddings -> candidates -> verdicts."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .alignment import align, verdict_for
from .embed import Embedder, load_embedder
from .extract import Aliases, ExtractionError, article_context, default_aliases, extract_claims
from .ingest import MAX_BYTES, load_sources
from .match import candidate_pairs
from .model import Claim, CompareResult, InputProblem, PairVerdict, Source
from .progress import Progress
from .verdict import _claim_order, judge_pair, keep_linked


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
) -> list[Claim]:
    """Claims of every source, in order; ``topics`` (if given) receives each source's topic.

    A source whose extraction fails is left out, and the failure is appended to ``problems``
    as one line naming the file and line (without ``problems`` it is raised)."""
    progress = progress or Progress()
    progress.start("extracting", len(sources))
    claims: list[Claim] = []
    for source in sources:
        try:
            context = article_context(source, aliases or default_aliases())
            found = extract_claims(source, context=context)
        except Exception as error:
            if problems is None:
                raise
            problems.append(InputProblem(source.path, _extraction_problem(error)))
            progress.advance()
            continue
        claims.extend(found)
        if topics is not None:
            topics[source.id] = context.topic
        progress.advance()
    progress.finish()
    return claims


def _extraction_problem(error: Exception) -> str:
    where = f"line {error.line}: " if isinstance(error, ExtractionError) else ""
    cause = error.cause if isinstance(error, ExtractionError) else error
    detail = " ".join(str(cause).split())[:120]
    return (
        f"{where}could not extract claims ({type(cause).__name__}: {detail}); "
        "left out, the other sources were compared (please report this as a bug)"
    )


# How candidate pairs become verdicts: "rules" (the entity, metric and period gates of
# verdict.py, the default) or "learned" (the pairs_v1 scorer of alignment.py, one to one,
# with a confidence; experimental, see docs/accuracy.md for what each finds)
PAIRINGS = ("rules", "learned")


def judge_claims(
    claims: Sequence[Claim],
    embedder: Embedder,
    progress: Progress | None = None,
    topics: dict[str, str | None] | None = None,
    pairing: str = "rules",
) -> list[PairVerdict]:
    """Embed claim contexts, find cross-source candidates with FAISS, judge them."""
    progress = progress or Progress()
    progress.start("embedding", len(claims))
    vectors = embedder.embed([c.context for c in claims], progress=progress.advance)
    progress.finish()
    candidates = candidate_pairs(
        vectors, [c.source_id for c in claims], [c.quantity.kind for c in claims]
    )
    if pairing == "learned":
        aligned = (verdict_for(claims[p.i], claims[p.j], p) for p in align(candidates, claims))
        pairs = [verdict for verdict in aligned if verdict is not None]
    else:
        judged = [
            (claims[c.i], claims[c.j], judge_pair(claims[c.i], claims[c.j], c.score))
            for c in candidates
        ]
        pairs = keep_linked(judged, topics)
    pairs.sort(key=lambda p: (_claim_order(p.a), _claim_order(p.b)))
    return pairs


def compare_sources(
    sources: Sequence[Source],
    embedder: Embedder,
    *,
    aliases: Aliases | None = None,
    problems: Sequence[InputProblem] = (),
    progress: Progress | None = None,
    pairing: str = "rules",
) -> CompareResult:
    topics: dict[str, str | None] = {}
    found: list[InputProblem] = list(problems)
    claims = extract_claims_from_sources(sources, aliases, progress, topics, found)
    failed = {p.path for p in found[len(problems) :]}
    kept = tuple(s for s in sources if s.path not in failed)
    pairs = judge_claims(claims, embedder, progress, topics, pairing)
    return CompareResult(kept, tuple(claims), tuple(pairs), tuple(found))


def compare_paths(
    paths: Sequence[str],
    *,
    model: str | None = None,
    embedder: Embedder | None = None,
    aliases: Aliases | None = None,
    progress: Progress | None = None,
    pairing: str = "rules",
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
