"""Index memory and recall per million claims: IVF-Flat against IVF-PQ (factcheck.match).

    python benchmarks/bench_index_memory.py --n 200000

Builds both indexes the way match._index_for does (4·sqrt(n) lists, nprobe 8) on n
synthetic 512-d unit vectors (the width of the default model) made of near-duplicate
pairs, measures each index's serialised size, and counts how many planted pairs
candidate_pairs finds with each. Memory scales linearly with n, so the per-million
figures are size / n * 1e6.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from factcheck import match


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--dim", type=int, default=512)
    args = parser.parse_args()
    import faiss

    rng = np.random.default_rng(0)
    half = args.n // 2
    base = rng.normal(size=(half, args.dim)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    noisy = base + rng.normal(scale=0.02, size=base.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    vectors = np.ascontiguousarray(np.vstack([base, noisy]))
    groups = ["a"] * half + ["b"] * half
    print(f"n={len(vectors):,} dim={args.dim}; the vectors themselves: "
          f"{vectors.nbytes / len(vectors) * 1e6 / 2**30:.2f} GiB per million")
    for name, pq_limit in (("IVF-Flat", 10**12), ("IVF-PQ", 0)):
        match.PQ_LIMIT = pq_limit
        start = time.perf_counter()
        index = match._index_for(vectors)
        built = time.perf_counter() - start
        size = faiss.serialize_index(index).nbytes
        start = time.perf_counter()
        pairs = match.candidate_pairs(vectors, groups, ["k"] * len(vectors), min_score=0.5)
        searched = time.perf_counter() - start
        found = {(c.i, c.j) for c in pairs}
        recall = sum((i, i + half) in found for i in range(half)) / half
        print(f"{name}: {type(index).__name__}, index {size / 2**20:.1f} MiB = "
              f"{size / len(vectors) * 1e6 / 2**30:.3f} GiB per million; build {built:.1f} s, "
              f"candidate_pairs {searched:.1f} s; planted pairs found {recall:.4f}")


if __name__ == "__main__":
    main()
