"""Extraction and embedding on a dask.distributed cluster (``--cluster tcp://HOST:PORT``).

The client (the process that runs ``factcheck compare``) reads the sources as it always
does, so source ids, input problems and every text are exactly those of a local run.
Workers then do the two expensive stages:

- extraction, in tasks of whole sources (consecutive ones, in input order), each source
  with the same ``_extract_one`` the local run calls, so a failure becomes the same
  one-line input problem;
- embedding, in tasks of consecutive claims whose lengths are multiples of the
  embedder's batch size, so that every batch a worker embeds is a batch the local run
  would have embedded: the vectors are the local ones, not merely close to them.

Claims and vectors come back in input order; FAISS candidates and verdicts then run in
the client exactly as locally, so the report is the local report. Texts travel to the
workers with the tasks: workers need factcheck installed (the same code, which is
checked) but not the files. See docs/cluster.md.

dask is imported inside functions: ``factcheck --help`` must not pay for it.
"""

from __future__ import annotations

import functools
import hashlib
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .embed import Embedder, distinct_texts, in_asked_order
from .model import Claim, Source

if TYPE_CHECKING:
    from .extract import Aliases
    from .progress import Progress

INSTALL_HINT = "pip install 'factcheck[cluster]'"
# How long to wait for the scheduler to answer, and for a first worker to join it.
CONNECT_TIMEOUT_S = 10
WORKER_TIMEOUT_S = 30
# Sources per extraction task at most: enough to amortise a task's overhead (about a
# millisecond at the scheduler), few enough that a million articles spread evenly.
SOURCES_PER_TASK = 64
# Embedder batches per embedding task at most (a USE batch is 256 claims).
BATCHES_PER_TASK = 8
# Tasks per worker thread we aim for, so that a slow worker does not hold up the end.
TASKS_PER_THREAD = 4

Extracted = tuple[list[Claim], str | None, str | None]  # claims, topic, problem


class ClusterError(Exception):
    """The cluster could not be used: dask missing, scheduler unreachable, no workers,
    workers running other code, or the cluster failing while it worked."""


@dataclass(frozen=True)
class Cluster:
    """A connected dask client, and the worker threads it had when it connected."""

    address: str
    client: Any  # distributed.Client
    threads: int


@contextmanager
def connect(address: str) -> Iterator[Cluster]:
    """A client on the scheduler at ``address``, closed afterwards.

    Raises ClusterError (one line) when dask is not installed, the scheduler does not
    answer, no worker joins within WORKER_TIMEOUT_S, or a worker runs other factcheck
    code than this process (its output could differ from a local run's)."""
    try:
        from distributed import Client
        from distributed.comm import parse_address
        from distributed.comm.registry import get_backend
    except ImportError:
        raise ClusterError(f"--cluster needs dask.distributed: {INSTALL_HINT}") from None
    try:
        # before Client(): a client built on a bad address hangs 20 s when collected
        scheme, location = parse_address(address)
        get_backend(scheme)
        if not location:
            raise ValueError("no host")
    except ValueError as exc:
        raise ClusterError(
            f"not a dask scheduler address: {address!r} ({exc}; expected tcp://HOST:PORT)"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the dask scheduler at {address}: {_line(exc)}") from None
    try:
        with _failing_as_cluster_error(address):
            try:
                client.wait_for_workers(1, timeout=WORKER_TIMEOUT_S)
            except TimeoutError:
                raise ClusterError(
                    f"the dask scheduler at {address} has no workers "
                    f"(none joined within {WORKER_TIMEOUT_S} s)"
                ) from None
            mine = code_digest()
            theirs = client.run(code_digest)
            other = sorted(worker for worker, digest in theirs.items() if digest != mine)
            if other:
                raise ClusterError(
                    f"{len(other)} of {len(theirs)} dask workers run other factcheck code "
                    f"than this machine (first: {other[0]}); install the same factcheck on "
                    "every worker"
                )
            threads = sum(client.nthreads().values()) or 1
        yield Cluster(address, client, threads)
    finally:
        client.close()


@contextmanager
def _failing_as_cluster_error(address: str) -> Iterator[None]:
    # What dask raises when the cluster itself fails (a worker killed again and again, the
    # scheduler gone): one line. Errors of our own tasks (EmbedderError) pass unchanged.
    from distributed import CancelledError, KilledWorker

    try:
        yield
    except (KilledWorker, CancelledError, OSError) as exc:
        raise ClusterError(f"the dask cluster at {address} failed: {_line(exc)}") from None


def _line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of factcheck's code and data: what decides the claims and vectors."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), *(root / "data").iterdir()]):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _task_size(n: int, unit: int, most: int, threads: int) -> int:
    """Items per task: a multiple of ``unit``, at most ``most`` units, about
    TASKS_PER_THREAD tasks per worker thread."""
    units = math.ceil(n / unit / (threads * TASKS_PER_THREAD)) if n else 1
    return unit * max(1, min(most, units))


# ------------------------------------------------------------------------- extraction


def _extract_task(chunk: Sequence[Source], aliases: Aliases, raising: bool) -> list[Extracted]:
    from .pipeline import _extract_one  # the very function a local run calls per source

    return [_extract_one(source, aliases, raising) for source in chunk]


def extracted(
    cluster: Cluster,
    sources: Sequence[Source],
    aliases: Aliases,
    progress: Progress,
    raising: bool = False,
) -> list[Extracted]:
    """Each source's (claims, topic, problem), in order, extracted on the workers.

    ``raising``: a failure is raised (dask raises the worker's exception here), as
    locally, instead of becoming the problem of its source."""
    from distributed import as_completed

    size = _task_size(len(sources), 1, SOURCES_PER_TASK, cluster.threads)
    chunks = [sources[i : i + size] for i in range(0, len(sources), size)]
    client = cluster.client
    with _failing_as_cluster_error(cluster.address):
        # once to every worker, instead of once per task
        shared = client.scatter(aliases, broadcast=True)
        futures = [
            client.submit(_extract_task, chunk, shared, raising, pure=False) for chunk in chunks
        ]
        sizes = {future.key: len(chunk) for future, chunk in zip(futures, chunks, strict=True)}
        for future in as_completed(futures, loop=client.loop):
            progress.advance(sizes[future.key])
        done: list[list[Extracted]] = client.gather(futures)
    return [one for chunk in done for one in chunk]


# -------------------------------------------------------------------------- embedding

# One embedder per worker process and model: loading USE takes a second or two, and a
# worker runs many tasks. The lock makes the worker's threads share one load.
_EMBEDDERS: dict[str | None, Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def _worker_embedder(model: str | None) -> Embedder:
    from .embed import load_embedder

    with _EMBEDDERS_LOCK:
        if model not in _EMBEDDERS:
            _EMBEDDERS[model] = load_embedder(model)
        return _EMBEDDERS[model]


def _shape_task(model: str | None) -> tuple[str, int, int]:
    embedder = _worker_embedder(model)
    return embedder.name, embedder.dim, embedder.batch_size


def _embed_task(texts: list[str], model: str | None) -> np.ndarray:
    return _worker_embedder(model).embed(texts)


class ClusterEmbedder(Embedder):
    """The embedder for ``model`` as the workers load it; ``embed`` runs on them.

    Loading it asks one worker for the model's name, width and batch size, so that a
    bad model name fails at once, with the EmbedderError a local run gives."""

    def __init__(self, cluster: Cluster, model: str | None) -> None:
        self._cluster = cluster
        self._model = model
        with _failing_as_cluster_error(cluster.address):
            future = cluster.client.submit(_shape_task, model, pure=False)
            self.name, self.dim, self.batch_size = future.result()

    def embed_batch(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - unused
        raise NotImplementedError("ClusterEmbedder embeds whole tasks on the workers")

    def embed(
        self,
        texts: Sequence[str],
        progress: Callable[[int], None] | None = None,
        jobs: int = 1,
    ) -> np.ndarray:
        """As ``Embedder.embed``: each distinct text once, in the local run's batches
        (``jobs`` is the workers' business here, and ignored)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        distinct, rows = distinct_texts(texts)
        return in_asked_order(self._embed_distinct(distinct, progress, len(texts)), rows)

    def _embed_distinct(
        self, texts: list[str], progress: Callable[[int], None] | None, asked: int
    ) -> np.ndarray:
        from distributed import as_completed

        # multiples of the batch size from the start: the local run's batches exactly
        size = _task_size(len(texts), self.batch_size, BATCHES_PER_TASK, self._cluster.threads)
        starts = range(0, len(texts), size)
        client = self._cluster.client
        # filled as tasks finish: never the vectors twice in memory (a list, then a stack)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with _failing_as_cluster_error(self._cluster.address):
            futures = {
                client.submit(
                    _embed_task, list(texts[start : start + size]), self._model, pure=False
                ): start
                for start in starts
            }
            for future in as_completed(futures, loop=client.loop):
                start = futures[future]
                vectors = future.result()
                out[start : start + len(vectors)] = vectors
                future.release()
                if progress is not None:
                    # counted in texts asked for, as the local bar counts them
                    progress(round(asked * len(vectors) / len(texts)))
        return out
