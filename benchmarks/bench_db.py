"""Benchmark `factcheck check`: one new article against synthetic claims databases.

    .venv/bin/python benchmarks/bench_db.py                  # fake + default model
    .venv/bin/python benchmarks/bench_db.py --models fake --sizes 1000 10000

For each (model, size) a database of synthetic records is written once, then one
article is checked in fresh processes so that peak memory (ru_maxrss) belongs to
that run alone: "cold" with no cache at all (every record is parsed, validated and
embedded; the snapshot and the embeddings are written) and "warm" with the cache and
the snapshot the cold run left (claims.jsonl is hashed, not parsed). Warm runs are
repeated (--repeat) and the fastest is shown: the machine may be shared. Model load
time is reported apart; "check" is load_db + check_sources, what a CI job waits for.
The default model is only run warm on sizes up to --model-max (its cold run embeds
every record; that run is untimed).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factcheck import db as claims_db
from factcheck.model import Claim, Quantity, Sentence

ENTITIES = [
    "NVIDIA",
    "AMD",
    "TSMC",
    "Huawei",
    "Alibaba",
    "Tencent",
    "Intel",
    "Micron",
    "Apple",
    "Samsung",
]
METRICS = ["revenue", "net income", "operating profit", "capital expenditure", "R&D spending"]
ARTICLE = (
    "Chip earnings roundup\n\n"
    "Nvidia reported revenue of $30.0 billion in the second quarter of fiscal 2025.\n"
    "AMD said its net income was $265 million in the second quarter of 2024.\n"
    "TSMC expects capital expenditure of about $30 billion in 2024, up from last year.\n"
    "Intel's operating loss widened to $1.9 billion in the quarter.\n"
)


def synthetic_record(i: int, rng: random.Random) -> claims_db.ClaimRecord:
    entity, metric = rng.choice(ENTITIES), rng.choice(METRICS)
    year, quarter = rng.randint(2015, 2025), rng.randint(1, 4)
    value = round(rng.uniform(0.1, 99.9), 1)
    surface = f"${value} billion"
    text = f"{entity} reported {metric} of {surface} in the Q{quarter} {year} period (item {i})."
    start = text.index(surface)
    claim = Claim(
        f"s{i}:c1", f"s{i}", Sentence(0, len(text), text, "en"),
        Quantity(surface, start, start + len(surface), value * 1e9, value * 1e9, value * 1e9,
                 "USD", "money", None, 5e7),
        f"{entity} {metric}", entity, metric, f"{year}-Q{quarter}",
        f"{entity} reported {metric} of [money] in the Q# # period (item {i}).",
        "en", (entity,), 1,
    )  # fmt: skip
    return claims_db.claim_to_record(
        claim, source_path=f"synthetic/{i}.txt", reviewer="bench", date="2025-01-01"
    )


def build_db(directory: Path, size: int) -> None:
    rng = random.Random(size)
    claims_db.init_db(directory)
    # Sequential ids: random figures may repeat, and every synthetic record must count.
    records = [dataclasses.replace(synthetic_record(i, rng), id=f"c-{i:010x}") for i in range(size)]
    with claims_db.writer_lock(directory):
        claims_db.save_records(directory, records)


def one_run(directory: Path, article: Path, model: str) -> dict[str, float]:
    """Runs in a child process: model load, then load_db + check_sources, timed."""
    from factcheck.check import check_sources
    from factcheck.embed import load_embedder
    from factcheck.ingest import load_sources

    t0 = time.perf_counter()
    embedder = load_embedder(model)
    embedder.embed(["warm up"])  # lazy initialisation belongs to model load
    t1 = time.perf_counter()
    db = claims_db.load_db(directory)
    t2 = time.perf_counter()
    sources, _ = load_sources([str(article)])
    result = check_sources(sources, db, embedder)
    t3 = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "model_load_s": t1 - t0, "load_db_s": t2 - t1, "check_s": t3 - t1,
        "embedded": result.cache.embedded if result.cache else 0,
        "findings": len(result.findings), "peak_mib": peak_mib,
        "snapshot": float(db._records is None),  # a hit parses no record
    }  # fmt: skip


def child(directory: Path, article: Path, model: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(directory), str(article), model],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--models", nargs="+", default=["fake", "use-multilingual"])
    parser.add_argument("--model-max", type=int, default=10_000,
                        help="largest size to run models other than 'fake' on")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="warm runs; the fastest is shown")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(Path(args.child[0]), Path(args.child[1]), args.child[2])))
        return
    columns = ("model load", "load_db", "check", "embedded", "findings", "peak MiB")
    header = f"{'model':<17}{'claims':>8} {'cache':<5}" + "".join(f"{c:>11}" for c in columns)
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        for size in args.sizes:
            directory = Path(tmp) / f"db{size}"
            build_db(directory, size)
            for model in args.models:
                if model != "fake" and size > args.model_max:
                    continue
                shutil.rmtree(directory / claims_db.CACHE_DIR, ignore_errors=True)
                cold = child(directory, article, model)
                runs = [("cold", cold)] if model == "fake" else []
                warm = [child(directory, article, model) for _ in range(args.repeat)]
                assert all(r["snapshot"] for r in warm), "warm runs must hit the snapshot"
                runs.append(("warm", min(warm, key=lambda r: r["check_s"])))
                for state, r in runs:
                    times = (r["model_load_s"], r["load_db_s"], r["check_s"])
                    counts = (r["embedded"], r["findings"], r["peak_mib"])
                    row = "".join(f"{t:>10.2f}s" for t in times) + "".join(
                        f"{c:>11.0f}" for c in counts
                    )
                    print(f"{model:<17}{size:>8} {state:<5}{row}", flush=True)


if __name__ == "__main__":
    main()
