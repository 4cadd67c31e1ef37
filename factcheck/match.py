"""Candidate pairs with FAISS: for each claim, its nearest claims from other sources.

Claims are only ever compared with claims of the same kind (money with money,
percentages with percentages), so each kind gets its own index. Small partitions use
an exact inner-product index; large ones an IVF index, whose search cost grows
sub-quadratically with the number of claims; past PQ_LIMIT claims of a kind, an IVF-PQ
index, which keeps 64-byte codes instead of a second copy of the vectors, and whose
neighbours are re-scored exactly. Never an all-pairs loop. The same rule runs whether
claims were embedded here or on a cluster (the index is built where the report is), so
the two give the same pairs. Memory per million claims: docs/cluster.md.
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
# Past this many vectors of one kind, IVF-PQ instead of IVF-Flat. IVF-Flat stores a copy
# of every vector (2 GiB per million 512-d claims) on top of the claims' vectors and the
# kind's own copy, so a million claims of one kind would need 6 GiB; IVF-PQ stores
# PQ_BYTES a vector (about 0.07 GiB per million with its ids). Below a million the copy
# fits an ordinary machine, and nothing changes for any archive that worked before.
PQ_LIMIT = 1_000_000
PQ_BYTES = 64  # sub-quantisers of 8 bits each: 512-d USE, 384-d MiniLM, 256-d fake divide
# PQ scores are approximate: ask for this many times the neighbours, re-score them with
# the exact inner product, keep the best, so that scores (and verdicts) are exact ones.
PQ_RERANK = 2
PQ_BLOCK = 1024  # queries re-scored at a time (block x neighbours x dim floats)
MIN_CANDIDATE_SCORE = 0.2


@dataclass(frozen=True)
class Candidate:
    i: int  # index into the claims list, i < j
    j: int
    score: float


def _uses_pq(n: int) -> bool:
    return n > EXACT_LIMIT and n > PQ_LIMIT


def _index_for(vectors: np.ndarray) -> Any:
    import faiss  # lazy: keeps `factcheck --help` instant

    dim = vectors.shape[1]
    if len(vectors) <= EXACT_LIMIT:
        flat = faiss.IndexFlatIP(dim)
        flat.add(vectors)
        return flat
    lists = int(4 * math.sqrt(len(vectors)))
    quantiser = faiss.IndexFlatIP(dim)
    ivf: Any
    if _uses_pq(len(vectors)):
        m = math.gcd(dim, PQ_BYTES)
        ivf = faiss.IndexIVFPQ(quantiser, dim, lists, m, 8, faiss.METRIC_INNER_PRODUCT)
    else:
        ivf = faiss.IndexIVFFlat(quantiser, dim, lists, faiss.METRIC_INNER_PRODUCT)
    ivf.train(vectors)
    ivf.nprobe = 8
    ivf.add(vectors)
    return ivf


def _search(index: Any, sub: np.ndarray, k: int, rescore: bool) -> tuple[np.ndarray, np.ndarray]:
    if not rescore:
        return index.search(sub, k)
    wider = min(k * PQ_RERANK, len(sub))
    scores = np.empty((len(sub), k), dtype=np.float32)
    hits = np.empty((len(sub), k), dtype=np.int64)
    for start in range(0, len(sub), PQ_BLOCK):
        queries = sub[start : start + PQ_BLOCK]
        _, found = index.search(queries, wider)
        exact = np.einsum("qd,qkd->qk", queries, sub[np.maximum(found, 0)])
        exact[found < 0] = -np.inf
        best = np.argsort(-exact, axis=1, kind="stable")[:, :k]
        scores[start : start + len(queries)] = np.take_along_axis(exact, best, axis=1)
        kept = np.take_along_axis(found, best, axis=1)
        kept[np.take_along_axis(exact, best, axis=1) == -np.inf] = -1
        hits[start : start + len(queries)] = kept
    return scores, hits


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
        scores, hits = _search(index, sub, k, rescore=_uses_pq(len(rows)))
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


@dataclass(frozen=True)
class SentenceVectors:
    """One vector per distinct sentence text (numbers masked, script folded), and for each
    claim the row of its sentence: claims of one sentence, and syndicated copies of it,
    share one vector."""

    vectors: np.ndarray
    rows: np.ndarray  # per claim
    # per claim, the rows of the sentences before and after its own in its source (-1:
    # none, or the source's text is not known, as for a database's claims)
    adjacent: np.ndarray | None = None

    def cosine(self, i: int, j: int) -> float:
        return float(self.vectors[self.rows[i]] @ self.vectors[self.rows[j]])


# Sentence neighbours searched per sentence, the least sentence cosine worth a pair, and
# the most claim pairs one pair of sentences may propose (a sentence syndicated to many
# sources is already joined by the claims' own neighbours, above).
SENTENCE_NEIGHBOURS = 8
MIN_SENTENCE_SCORE = 0.5
PAIRS_PER_SENTENCE_PAIR = 16


def sentence_pairs(
    vectors: np.ndarray,
    sentences: SentenceVectors,
    groups: Sequence[str],
    partitions: Sequence[str],
    *,
    neighbours: int = SENTENCE_NEIGHBOURS,
    min_score: float = MIN_SENTENCE_SCORE,
) -> list[Candidate]:
    """Pairs (i, j) of one kind whose *sentences* are near neighbours, with their own
    context cosine as score.

    A claim's context is a clause cut around its figure, and translations cut their
    clauses differently ("he scored # goals in" against "次攻入 # 球"), so the claim's
    neighbours can miss its counterpart while the two whole sentences are plainly one.
    """
    members: dict[tuple[str, int], list[int]] = defaultdict(list)
    for claim, (partition, row) in enumerate(zip(partitions, sentences.rows, strict=True)):
        members[(partition, int(row))].append(claim)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for partition, row in members:
        rows_of[partition].append(row)
    found: dict[tuple[int, int], float] = {}
    for partition, rows in rows_of.items():
        sub = np.ascontiguousarray(sentences.vectors[np.asarray(rows)], dtype=np.float32)
        k = min(neighbours, len(rows))
        scores, hits = _search(_index_for(sub), sub, k, rescore=_uses_pq(len(rows)))
        for q, (row_scores, row_hits) in enumerate(zip(scores, hits, strict=True)):
            left = members[(partition, rows[q])]
            for score, hit in zip(row_scores, row_hits, strict=True):
                if hit < 0 or score < min_score or hit < q:
                    continue  # each pair of sentences once
                right = members[(partition, rows[hit])]
                if len(left) * len(right) > PAIRS_PER_SENTENCE_PAIR:
                    continue
                for a in left:
                    for b in right:
                        if groups[a] != groups[b]:
                            key = (a, b) if a < b else (b, a)
                            found[key] = float(vectors[a] @ vectors[b])
    return [Candidate(i, j, s) for (i, j), s in sorted(found.items())]


def merged(*lists: Sequence[Candidate]) -> list[Candidate]:
    """The union of candidate lists, each pair once, in (i, j) order."""
    found: dict[tuple[int, int], Candidate] = {}
    for candidates in lists:
        for c in candidates:
            found.setdefault((c.i, c.j), c)
    return [found[key] for key in sorted(found)]
