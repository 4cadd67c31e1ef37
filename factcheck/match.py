"""Candidate pairs with FAISS: for each claim, its nearest claims from other sources.

Claims are only ever compared with claims of the same kind (money with money,
percentages with percentages), so each kind gets its own index. Small partitions use
an exact inner-product index; large ones an IVF index, whose search cost grows
sub-quadratically with the number of claims. Never an all-pairs loop.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# Neighbours asked of the index per claim. Same-source neighbours are dropped after
# the search, so this leaves room for several from each other source.
NEIGHBOURS = 16
# Below this many vectors an exact (flat) index is both faster and exact.
EXACT_LIMIT = 20_000
MIN_CANDIDATE_SCORE = 0.2


@dataclass(frozen=True)
class Candidate:
    i: int  # index into the claims list, i < j
    j: int
    score: float


def _index_for(vectors: np.ndarray) -> Any:
    import faiss  # lazy: keeps `factcheck --help` instant

    dim = vectors.shape[1]
    if len(vectors) <= EXACT_LIMIT:
        flat = faiss.IndexFlatIP(dim)
        flat.add(vectors)
        return flat
    lists = int(4 * math.sqrt(len(vectors)))
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
    ivf.train(vectors)
    ivf.nprobe = 8
    ivf.add(vectors)
    return ivf


def candidate_pairs(
    vectors: np.ndarray,
    groups: Sequence[str],
    partitions: Sequence[str],
    *,
    neighbours: int = NEIGHBOURS,
    min_score: float = MIN_CANDIDATE_SCORE,
) -> list[Candidate]:
    """Pairs (i, j) from different ``groups`` (sources) in the same ``partitions`` (kind)."""
    by_partition: dict[str, list[int]] = defaultdict(list)
    for row, partition in enumerate(partitions):
        by_partition[partition].append(row)
    found: dict[tuple[int, int], float] = {}
    for rows in by_partition.values():
        if len({groups[r] for r in rows}) < 2:
            continue  # one source only: nothing to compare
        members = np.asarray(rows)
        sub = np.ascontiguousarray(vectors[members], dtype=np.float32)
        index = _index_for(sub)
        k = min(neighbours, len(rows))
        scores, hits = index.search(sub, k)
        for q, (row_scores, row_hits) in enumerate(zip(scores, hits, strict=True)):
            for score, hit in zip(row_scores, row_hits, strict=True):
                if hit < 0 or score < min_score:
                    continue
                a, b = int(members[q]), int(members[hit])
                if groups[a] == groups[b]:
                    continue
                key = (a, b) if a < b else (b, a)
                found[key] = max(found.get(key, -1.0), float(score))
    return [Candidate(i, j, s) for (i, j), s in sorted(found.items())]


def brute_force_pairs(
    vectors: np.ndarray,
    groups: Sequence[str],
    partitions: Sequence[str],
    *,
    min_score: float = MIN_CANDIDATE_SCORE,
    block: int = 2048,
) -> list[Candidate]:
    """Every cross-source pair above ``min_score``: the all-pairs baseline for benchmarks.

    Vectorised in blocks so the baseline is fair: quadratic work, but no Python loop
    per pair.
    """
    group_ids = np.unique(np.asarray(groups), return_inverse=True)[1]
    part_ids = np.unique(np.asarray(partitions), return_inverse=True)[1]
    out = []
    for start in range(0, len(vectors), block):
        sims = vectors[start : start + block] @ vectors.T
        rows = np.arange(start, min(start + block, len(vectors)))[:, None]
        cols = np.arange(len(vectors))[None, :]
        keep = (
            (cols > rows)
            & (sims >= min_score)
            & (group_ids[rows] != group_ids[cols])
            & (part_ids[rows] == part_ids[cols])
        )
        for r, c in zip(*np.nonzero(keep), strict=True):
            out.append(Candidate(int(start + r), int(c), float(sims[r, c])))
    return out
