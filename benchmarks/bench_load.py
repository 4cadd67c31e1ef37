"""End-to-end `factcheck compare` on a generated corpus, idle and beside a CPU-bound process.

    .venv/bin/python benchmarks/bench_load.py --articles 10000
    .venv/bin/python benchmarks/bench_load.py --articles 1000 --jobs 1 2

For each ``--jobs`` value the CLI runs twice in a fresh process: once on an idle machine,
once while a busy loop (another process, pinned to core 0 where affinity can be set)
holds a core. Reported: wall seconds of the whole command (interpreter start, model load
and writing the JSON report included), claims in the report, claims per second, and
the ratio loaded / idle. Not a test: it reports, it asserts nothing. Appends a markdown
table to stdout; paste it into benchmarks/results.md with the date.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACTCHECK = str(Path(sys.executable).parent / "factcheck")
GENERATOR = ROOT / "benchmarks" / "generate_corpus.py"


def busy_loop() -> subprocess.Popen[bytes]:
    """A process that wants one core for as long as it lives."""
    code = (
        "import os\n"
        "try:\n    os.sched_setaffinity(0, {0})\nexcept Exception:\n    pass\n"
        "while True:\n    pass\n"
    )
    return subprocess.Popen([sys.executable, "-c", code])


def run_compare(corpus: Path, jobs: int, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run(
        [FACTCHECK, "compare", str(corpus), "-q", "--jobs", str(jobs), "--json", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    claims = len(json.loads(out.read_text("utf-8"))["claims"])
    return seconds, claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, nargs="+", default=[os.cpu_count() or 1])
    parser.add_argument("--workdir", default="/tmp/factcheck-bench")
    args = parser.parse_args(argv)
    corpus = Path(args.workdir) / f"corpus-{args.articles}-seed{args.seed}"
    if not corpus.is_dir():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(GENERATOR), "--articles", str(args.articles),
             "--seed", str(args.seed), str(corpus)],
            check=True, stdout=subprocess.DEVNULL,
        )
    print(f"corpus: {args.articles} generated articles (seed {args.seed}), {corpus}")
    print("| jobs | machine | claims | wall s | claims/s | loaded / idle |")
    print("|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        for jobs in args.jobs:
            idle, claims = run_compare(corpus, jobs, out)
            rate = claims / idle
            print(f"| {jobs} | idle | {claims:,} | {idle:.1f} | {rate:,.0f} | |", flush=True)
            competitor = busy_loop()
            try:
                loaded, claims = run_compare(corpus, jobs, out)
            finally:
                competitor.kill()
                competitor.wait()
            print(
                f"| {jobs} | one core busy | {claims:,} | {loaded:.1f} | {claims / loaded:,.0f} "
                f"| {loaded / idle:.2f}× |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
