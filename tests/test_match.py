import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import match
from factcheck.embed import FakeEmbedder
from factcheck.match import brute_force_pairs, candidate_pairs


def _unit_rows(rng: np.random.Generator, n: int, dim: int = 16) -> np.ndarray:
    rows = rng.normal(size=(n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_pairs_only_across_sources_and_within_kind() -> None:
    vectors = FakeEmbedder().embed(["nvidia revenue", "nvidia revenue", "nvidia revenue", "x"])
    pairs = candidate_pairs(
        vectors, ["s1", "s1", "s2", "s2"], ["money", "money", "money", "percent"]
    )
    assert {(c.i, c.j) for c in pairs} == {(0, 2), (1, 2)}
    assert all(c.score > 0.99 for c in pairs)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 60), seed=st.integers(0, 10_000))
def test_exact_index_finds_what_brute_force_finds(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    vectors = _unit_rows(rng, n)
    groups = [f"s{i % 3}" for i in range(n)]
    kinds = ["money" if i % 2 else "percent" for i in range(n)]
    fast = {
        (c.i, c.j) for c in candidate_pairs(vectors, groups, kinds, neighbours=n, min_score=0.3)
    }
    slow = {(c.i, c.j) for c in brute_force_pairs(vectors, groups, kinds, min_score=0.3)}
    assert fast == slow


def _near_duplicates_across_two_sources() -> tuple[np.ndarray, list[str]]:
    """300 unit vectors in source "a" and a slightly noisy copy of each in source "b"."""
    rng = np.random.default_rng(7)
    base = _unit_rows(rng, 300, dim=32)
    noisy = base + rng.normal(scale=0.01, size=base.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    return np.vstack([base, noisy]), ["a"] * 300 + ["b"] * 300


def test_approximate_index_keeps_the_close_pairs(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Force the IVF path on a small input: near-duplicates across sources must survive.
    monkeypatch.setattr(match, "EXACT_LIMIT", 10)
    vectors, groups = _near_duplicates_across_two_sources()
    pairs = {(c.i, c.j) for c in candidate_pairs(vectors, groups, ["k"] * 600, min_score=0.9)}
    recovered = sum((i, i + 300) in pairs for i in range(300))
    assert recovered >= 285  # IVF with nprobe=8 may miss a few, not many


def test_pq_index_keeps_the_close_pairs_with_exact_scores(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Force the IVF-PQ path (past PQ_LIMIT) on a small input: near-duplicates across
    # sources must survive, and their scores are the exact inner products, not PQ's.
    monkeypatch.setattr(match, "EXACT_LIMIT", 10)
    monkeypatch.setattr(match, "PQ_LIMIT", 10)
    vectors, groups = _near_duplicates_across_two_sources()
    index = match._index_for(np.ascontiguousarray(vectors))
    assert type(index).__name__ == "IndexIVFPQ"
    found = candidate_pairs(vectors, groups, ["k"] * 600, min_score=0.9)
    recovered = sum((c.i, c.j) == (c.i, c.i + 300) for c in found)
    assert recovered >= 285  # as IVF-Flat: nprobe=8 may miss a few, not many
    for c in found:
        assert abs(c.score - float(vectors[c.i] @ vectors[c.j])) < 1e-5


def test_aliases_match_the_longest_name_at_a_position_with_word_boundaries_for_ascii() -> None:
    from factcheck.extract import build_aliases

    aliases = build_aliases(
        {"Nasdaq Composite": ["nasdaq composite"], "Nasdaq": ["nasdaq"], "United States": ["us"],
         "NVIDIA": ["英伟达"], "NVIDIA H20": ["英伟达h20"]}
    )  # fmt: skip
    text = "the nasdaq composite rose; status quo in the us; 英伟达h20 and 英伟达 nasdaq"
    found = [(text[s:e], name) for s, e, name in aliases.find(text)]
    assert found == [
        ("nasdaq composite", "Nasdaq Composite"), ("us", "United States"),
        ("英伟达h20", "NVIDIA H20"), ("英伟达", "NVIDIA"), ("nasdaq", "Nasdaq"),
    ]  # fmt: skip
    page = aliases.extended({"青云汽车": "Qingyun Auto"})
    assert [name for _, _, name in page.find("青云汽车 and 英伟达")] == ["Qingyun Auto", "NVIDIA"]
