"""The Python API: what the command line does, for notebooks and pipelines.

    >>> import factcheck
    >>> report = factcheck.compare({
    ...     "wire": "Nvidia said its China revenue was $17.1 billion in fiscal 2025.",
    ...     "portal": "英伟达2025财年在中国的营收为171亿美元。",
    ... })
    >>> report.agreements[0].figures
    ('$17.1 billion', '171亿美元')

``compare`` takes paths (files, folders), ``{name: text}`` mappings, ``Source`` objects or a
mix of them, and returns a ``Report``. The embedding model is loaded once per process and
kept, so a notebook that calls ``compare`` again does not load it again. ``Database``
opens a claims database (``claims/``) and checks reports or files against it. The
command line (``factcheck compare``, ``factcheck check``) is a thin layer over these.
See docs/api.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import DEFAULT_PAIRING, Claim, CompareResult, InputProblem, PairVerdict, Source

if TYPE_CHECKING:
    import pandas as pd

    from .check import CheckResult
    from .embed import Embedder
    from .progress import Progress

__all__ = ["Database", "Group", "Report", "compare", "source_from_text"]

Input = str | os.PathLike[str] | Source | Mapping[str, str]


def source_from_text(text: str, name: str = "text", *, html: bool = False) -> Source:
    """A source held in memory: ``text`` as if read from a file called ``name``.

    ``html=True`` reads it as a web page (main text only). Raises ``ValueError`` with a
    one-line reason when there is no text to read."""
    from .ingest import IngestError, read_bytes

    path = name if not html or name.lower().endswith((".html", ".htm")) else f"{name}.html"
    try:
        return read_bytes(text.encode("utf-8"), path, "s0")
    except IngestError as error:
        raise ValueError(f"{name}: {error}") from None


@lru_cache(maxsize=4)
def _embedder(model: str | None) -> Embedder:
    """One embedder per model and process: loading the default one takes a second or two."""
    from .embed import load_embedder

    return load_embedder(model)


def _sources(
    inputs: Input | Iterable[Input], max_bytes: int
) -> tuple[list[Source], list[InputProblem]]:
    from .ingest import load_sources

    if isinstance(inputs, (str, os.PathLike, Source, Mapping)):
        inputs = [inputs]
    sources: list[Source] = []
    problems: list[InputProblem] = []
    for item in inputs:
        if isinstance(item, Source):
            sources.append(item)
        elif isinstance(item, Mapping):
            for name, text in item.items():
                try:
                    sources.append(source_from_text(text, str(name)))
                except ValueError as error:
                    problems.append(InputProblem(str(name), str(error).split(": ", 1)[-1]))
        else:
            loaded, bad = load_sources([os.fspath(item)], max_bytes)
            sources.extend(loaded)
            problems.extend(bad)
    # ids in the order given, as the command line numbers its inputs
    return [replace(s, id=f"s{n + 1}") for n, s in enumerate(sources)], problems


def compare(
    inputs: Input | Iterable[Input] = (),
    *,
    model: str | None = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
    pairing: str = DEFAULT_PAIRING,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    cluster: str | None = None,
    min_confidence: float | None = None,
) -> Report:
    """Compare the claims of ``inputs``: paths, ``{name: text}``, ``Source`` objects. No inputs
    compares the example corpus bundled with factcheck. ``model`` is an embedding model name
    (default: the bundled multilingual USE); ``aliases`` more entity names across scripts
    (``{"NVIDIA": ["英伟达", "輝達"]}``); ``pairing`` ``"learned"`` (the default) or ``"rules"``
    (see ``factcheck compare --help``); ``jobs`` how many processes extract claims (default:
    the usable cores; small inputs use one). ``cluster`` is the address of a dask scheduler
    (``"tcp://host:8786"``, needs ``factcheck[cluster]``): its workers extract and embed,
    and the report is the one a local run gives (docs/cluster.md); it raises
    ``factcheck.cluster.ClusterError`` when the cluster cannot be used. ``min_confidence``
    below the fitted contradiction threshold (``factcheck.confidence.DEFAULT_MIN_CONFIDENCE``)
    lets the learned pairing call contradictions from there.
    Unreadable inputs are listed in ``Report.problems``; the others are still compared."""
    from .extract import merge_aliases
    from .ingest import MAX_BYTES
    from .pipeline import compare_sources, example_corpus, usable_cores

    chosen = inputs if inputs not in ((), [], None) else [str(example_corpus())]
    sources, problems = _sources(chosen, max_bytes or MAX_BYTES)
    merged = merge_aliases(aliases) if aliases else None
    if cluster is not None:
        from .cluster import ClusterEmbedder, connect

        with connect(cluster) as workers:  # the model is loaded on the workers only
            result = compare_sources(
                sources, ClusterEmbedder(workers, model), aliases=merged, problems=problems,
                progress=progress, pairing=pairing, cluster=workers,
                min_confidence=min_confidence,
            )  # fmt: skip
        return Report(result)
    result = compare_sources(
        sources, _embedder(model), aliases=merged, problems=problems, progress=progress,
        pairing=pairing, jobs=usable_cores() if jobs is None else jobs,
        min_confidence=min_confidence,
    )  # fmt: skip
    return Report(result)


@dataclass(frozen=True)
class Group:
    """Claims from several sources that agree, or one contradiction between two."""

    claims: tuple[Claim, ...]
    pairs: tuple[PairVerdict, ...]

    @property
    def figures(self) -> tuple[str, ...]:
        """The figures as each source wrote them."""
        return tuple(c.quantity.surface for c in self.claims)

    @property
    def subject(self) -> str:
        return self.claims[0].subject

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(c.source_id for c in self.claims)


@dataclass(frozen=True)
class Report:
    """What ``compare`` found: sources, claims, pairs, and the groups people read."""

    result: CompareResult

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.result.sources

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.result.claims

    @property
    def pairs(self) -> tuple[PairVerdict, ...]:
        return self.result.pairs

    @property
    def problems(self) -> tuple[InputProblem, ...]:
        return self.result.problems

    def _groups(self, ids: Iterable[tuple[str, ...]], verdict: str) -> list[Group]:
        claims = {c.id: c for c in self.claims}
        out = []
        for members in ids:
            inside = set(members)
            pairs = tuple(
                p for p in self.pairs if p.verdict == verdict and p.a in inside and p.b in inside
            )
            out.append(Group(tuple(claims[i] for i in members), pairs))
        return out

    @property
    def contradictions(self) -> list[Group]:
        """Each disagreement an editor reads, as the report and the summary count them."""
        from .groups import contradiction_groups

        return self._groups(contradiction_groups(self.pairs), "contradict")

    @property
    def agreements(self) -> list[Group]:
        """Groups of claims from several sources that agree (largest first)."""
        from .groups import agreement_groups

        return self._groups(agreement_groups(self.pairs), "agree")

    @property
    def singles(self) -> list[Claim]:
        """Claims no other source agrees with or contradicts."""
        paired = {i for p in self.pairs if p.verdict != "unclear" for i in (p.a, p.b)}
        return [c for c in self.claims if c.id not in paired]

    def to_json(self) -> dict[str, Any]:
        """The ``factcheck compare --json`` document (docs/json.md), as a dict."""
        from .output import to_json

        return to_json(self.result)

    def to_dataframe(self, rows: str = "claims") -> pd.DataFrame:
        """One row per claim (``rows="claims"``, the CSV's columns) or per pair (``"pairs"``)."""
        import pandas as pd

        from .output import claims_frame

        if rows == "claims":
            return claims_frame(self.result)
        if rows == "pairs":
            return pd.DataFrame(self.to_json()["pairs"])
        raise ValueError(f"rows must be 'claims' or 'pairs', not {rows!r}")

    def write_html(self, path: str | os.PathLike[str], title: str | None = None) -> Path:
        from .report import write_html

        write_html(self.result, Path(path), title=title)
        return Path(path)

    def write_json(self, path: str | os.PathLike[str]) -> Path:
        from .output import write_json

        write_json(self.result, Path(path))
        return Path(path)

    def write_claimreview(self, path: str | os.PathLike[str]) -> Path:
        from .claimreview import write_claimreview

        write_claimreview(self.result, Path(path))
        return Path(path)

    def __repr__(self) -> str:
        from .output import headline

        return f"<Report: {headline(self.result)}>"


class Database:
    """A claims database (a ``claims/`` folder): reviewed claims to check new text against."""

    def __init__(self, path: str | os.PathLike[str] = "claims") -> None:
        from .db import load_db

        self.path = Path(path)
        self.db = load_db(self.path)

    def __len__(self) -> int:
        return len(self.db)

    def check(
        self,
        inputs: Report | Input | Iterable[Input],
        *,
        model: str | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        min_confidence: float | None = None,
    ) -> CheckResult:
        """Check a report's sources, or paths / texts / sources, against the database.

        ``cache_dir`` keeps the database's embeddings between runs (default: inside the
        database folder, as ``factcheck check --cache-dir`` says); a contradiction of a
        verified claim fails (``.failed``) at ``min_confidence`` or more (default:
        ``factcheck.confidence.DEFAULT_MIN_CONFIDENCE``, as ``--min-confidence`` says)."""
        from .check import check_sources
        from .confidence import DEFAULT_MIN_CONFIDENCE

        if isinstance(inputs, Report):
            sources, problems = list(inputs.sources), list(inputs.problems)
        else:
            from .ingest import MAX_BYTES

            sources, problems = _sources(inputs, MAX_BYTES)
        embedder = _embedder(model)
        return check_sources(
            sources, self.db, embedder, cache_dir, problems=problems,
            min_confidence=DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence,
        )  # fmt: skip

    def __repr__(self) -> str:
        return f"<Database {self.path}: {len(self)} claims>"
