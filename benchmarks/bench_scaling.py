"""Extraction time per MB from 0.1 MB up, for ordinary news and for hostile shapes.

    python benchmarks/bench_scaling.py                 # 0.1, 0.5, 1, 2 MB
    python benchmarks/bench_scaling.py --sizes 0.1 1 5 50

Two shapes: the seed corpus (../shared/corpus/h20) repeated to size, as one file (an
archive or transcript), and one line without punctuation made of the seed's own words
(a scraped page with no sentence breaks). Each is read, segmented and extracted in
this process (ingest + extract: the stages whose cost grew faster than the input);
embedding and matching are measured by bench_compare.py. Prints seconds, seconds per MB
and peak resident memory (ru_maxrss, of this process, so it only grows).
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from factcheck.ingest import read_source
from factcheck.pipeline import extract_claims_from_sources

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "h20"


def seed_text() -> str:
    return "\n\n".join(p.read_text("utf-8") for p in sorted(SEED.glob("*.txt")))


def one_line(text: str, size: int) -> str:
    words = text.split()
    rng = random.Random(7)
    out, total = [], 0
    while total < size:
        word = rng.choice(words).strip(".,;:!?。，；：！？")
        out.append(word)
        total += len(word.encode("utf-8")) + 1
    return " ".join(out)


def repeated(text: str, size: int) -> str:
    copies = max(1, size // len(text.encode("utf-8")) + 1)
    return "\n\n".join([text] * copies)[: size]


def measure(text: str, folder: Path, name: str) -> tuple[float, int, int]:
    path = folder / name
    path.write_text(text, "utf-8")
    start = time.perf_counter()
    # past the CLI's default --max-size (20 MiB): the benchmark measures what it is raised to
    source = read_source(str(path), "s1", max_bytes=len(text.encode("utf-8")) + 1)
    claims = extract_claims_from_sources([source])
    return time.perf_counter() - start, len(claims), path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.5, 1.0, 2.0])
    args = parser.parse_args()
    text = seed_text()
    print("| shape | MB | claims | seconds | s/MB | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for shape, make in (("news, one file", repeated), ("one line, no punctuation", one_line)):
            for mb in args.sizes:
                seconds, claims, size = measure(make(text, int(mb * 1e6)), Path(tmp), "in.txt")
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(
                    f"| {shape} | {size / 1e6:.2f} | {claims:,} | {seconds:.2f} | "
                    f"{seconds / (size / 1e6):.2f} | {rss:.0f} |"
                )


if __name__ == "__main__":
    main()
