"""How often does compare pair figures from different stories? A precision check at scale.

Generates a corpus of many unrelated events (benchmarks/generate_corpus.py, with its
manifest), compares it, and counts agree/contradict pairs whose two articles belong to
different events: every such pair is wrong, whatever the figures say.

    python benchmarks/cross_story.py --articles 300 --seed 1 [--model fake]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    from factcheck.embed import load_embedder
    from factcheck.pipeline import compare_paths

    with tempfile.TemporaryDirectory() as tmp:
        corpus, manifest = Path(tmp) / "corpus", Path(tmp) / "manifest.jsonl"
        subprocess.run(
            [sys.executable, str(HERE / "generate_corpus.py"), str(corpus),
             "--articles", str(args.articles), "--seed", str(args.seed),
             "--manifest", str(manifest)],
            check=True, capture_output=True,
        )  # fmt: skip
        event_of = {
            row["file"]: row["event"]
            for row in map(json.loads, manifest.read_text("utf-8").splitlines())
        }
        result = compare_paths([str(corpus)], embedder=load_embedder(args.model))

    file_of = {s.id: Path(s.path).name for s in result.sources}
    source_of = {c.id: c.source_id for c in result.claims}
    counts: Counter[tuple[str, bool]] = Counter()
    for pair in result.pairs:
        if pair.verdict == "unclear":
            continue
        events = {event_of[file_of[source_of[pair.a]]], event_of[file_of[source_of[pair.b]]]}
        counts[(pair.verdict, len(events) == 1)] += 1
    print(f"{args.articles} articles, {len(result.claims)} claims")
    for verdict in ("agree", "contradict"):
        same, cross = counts[(verdict, True)], counts[(verdict, False)]
        total = same + cross
        share = cross / total if total else 0.0
        print(f"{verdict:<10} {total:>6} pairs, {cross:>6} across different stories ({share:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
