"""Benchmark `factcheck compare`: CLI start-up, the seed corpus, and large generated corpora.

    .venv/bin/python benchmarks/bench_compare.py                     # sizes 1000 10000
    .venv/bin/python benchmarks/bench_compare.py --quick             # sizes 200 1000 (smoke run)
    .venv/bin/python benchmarks/bench_compare.py --sizes 1000 --skip-brute

Prints a markdown table and writes it to benchmarks/results.md (overwritten). Not a test:
numbers depend on the machine, so nothing here asserts a target, it only reports one.

How each figure is taken:

- every measurement runs in a fresh child process (this script with ``--worker``), so
  peak memory is that child's ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` alone (peak
  resident set, not tracemalloc: numpy, FAISS and the model allocate outside Python);
- the parent watches each child's VmRSS and kills it past ``--timeout`` seconds or
  ``--mem-cap-gb``; stages finished before the kill are still reported;
- stages are the pipeline of ``factcheck.pipeline``: ingest (``load_sources``), extract
  (``extract_claims_from_sources``), model load (``load_embedder`` plus one warm-up
  text, as USE reads its weights lazily), embed (``embedder.embed``), match
  (``candidate_pairs``, or ``brute_force_pairs`` for the baseline) and verdict
  (``judge_pair`` over the candidates, then the sort ``judge_claims`` does);
- claims/s is claims / (ingest + extract + embed + match + verdict); the one-off model
  load and interpreter start are reported apart;
- the brute-force baseline reuses the vectors its FAISS run just computed (same texts,
  same model, saved to .npy) rather than embedding again: its embed time is the FAISS
  run's, and only match and verdict are measured anew.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FACTCHECK = str(BIN / "factcheck")
SEED_CORPUS = (ROOT / ".." / "shared" / "corpus" / "h20").resolve()
RESULTS = ROOT / "benchmarks" / "results.md"
GENERATOR = ROOT / "benchmarks" / "generate_corpus.py"
STAGES = ("ingest", "extract", "model_load", "embed", "match", "verdict")
PIPELINE = ("ingest", "extract", "embed", "match", "verdict")


# ----------------------------------------------------------------------------- worker side


def _emit(**record: Any) -> None:
    """One JSON line to the parent; flushed so a killed worker still leaves its stages."""
    print(json.dumps(record), flush=True)


def _maxrss_mb() -> float:
    # Linux reports KiB, macOS bytes.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _timed(stage: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    out = fn()
    _emit(stage=stage, seconds=time.perf_counter() - t0, maxrss_mb=_maxrss_mb())
    return out


def worker_pipeline(corpus: str, matcher: str, vectors_path: str | None, model: str | None) -> None:
    """The compare pipeline stage by stage (mirrors factcheck.pipeline.judge_claims)."""
    import numpy as np

    from factcheck.embed import load_embedder
    from factcheck.ingest import load_sources
    from factcheck.match import brute_force_pairs, candidate_pairs
    from factcheck.pipeline import extract_claims_from_sources
    from factcheck.verdict import _claim_order, judge_pair

    _emit(stage="imports", seconds=time.perf_counter() - _T0, maxrss_mb=_maxrss_mb())
    sources, problems = _timed("ingest", lambda: load_sources([corpus]))
    claims = _timed("extract", lambda: extract_claims_from_sources(sources))
    _emit(info="counts", sources=len(sources), claims=len(claims), problems=len(problems))
    reuse = matcher == "brute" and vectors_path and os.path.exists(vectors_path)
    if reuse:
        assert vectors_path is not None
        vectors = np.load(vectors_path)
        assert len(vectors) == len(claims), "cached vectors do not match the claims"
        _emit(info="vectors reused", path=vectors_path)
    else:

        def load() -> Any:
            loaded = load_embedder(model)
            loaded.embed(["warm-up"])  # USE reads its weights on first use
            return loaded

        embedder = _timed("model_load", load)
        vectors = _timed("embed", lambda: embedder.embed([c.context for c in claims]))
        if vectors_path:
            np.save(vectors_path, vectors)
    groups = [c.source_id for c in claims]
    kinds = [c.quantity.kind for c in claims]
    if matcher == "brute":
        candidates = _timed("match", lambda: brute_force_pairs(vectors, groups, kinds))
    else:
        candidates = _timed("match", lambda: candidate_pairs(vectors, groups, kinds))
    _emit(info="candidates", candidates=len(candidates))

    def verdicts() -> list[Any]:
        pairs = []
        for cand in candidates:
            verdict = judge_pair(claims[cand.i], claims[cand.j], cand.score)
            if verdict is not None:
                pairs.append(verdict)
        pairs.sort(key=lambda p: (_claim_order(p.a), _claim_order(p.b)))
        return pairs

    pairs = _timed("verdict", verdicts)
    tally: dict[str, int] = {}
    for p in pairs:
        tally[p.verdict] = tally.get(p.verdict, 0) + 1
    _emit(info="verdicts", pairs=len(pairs), by_verdict=tally)


def worker_inprocess(corpus: str, model: str | None) -> None:
    """compare_paths twice in one process: the second call finds everything imported."""
    from factcheck.pipeline import compare_paths

    for call in (1, 2):
        t0 = time.perf_counter()
        result = compare_paths([corpus], model=model)
        _emit(
            stage=f"call{call}",
            seconds=time.perf_counter() - t0,
            claims=len(result.claims),
            pairs=len(result.pairs),
            maxrss_mb=_maxrss_mb(),
        )


# ----------------------------------------------------------------------------- parent side


@dataclass
class Run:
    """What a worker reported, plus how it ended."""

    stages: dict[str, float] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    maxrss_mb: float = 0.0
    watched_peak_mb: float = 0.0
    wall: float = 0.0
    killed: str | None = None  # "timeout after N s" / "memory cap N GB"
    rc: int = 0
    stderr: str = ""

    def pipeline_seconds(self, embed_fallback: float | None = None) -> float | None:
        stages = dict(self.stages)
        if "embed" not in stages and embed_fallback is not None:
            stages["embed"] = embed_fallback  # vectors reused from the FAISS run
        if any(s not in stages for s in PIPELINE):
            return None
        return sum(stages[s] for s in PIPELINE)


def _vm_rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_worker(args: list[str], timeout: float, mem_cap_gb: float) -> Run:
    """Run this script as a worker; kill it past ``timeout`` seconds or ``mem_cap_gb``."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench_compare_{os.getpid()}.out"
    run = Run()
    t0 = time.perf_counter()
    with open(out_path, "w+", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        while proc.poll() is None:
            run.watched_peak_mb = max(run.watched_peak_mb, _vm_rss_mb(proc.pid))
            elapsed = time.perf_counter() - t0
            if elapsed > timeout:
                run.killed = f"timeout after {timeout:.0f} s"
            elif run.watched_peak_mb > mem_cap_gb * 1024:
                run.killed = f"memory cap {mem_cap_gb:g} GB"
            if run.killed:
                proc.kill()
                break
            time.sleep(0.1)
        _, err = proc.communicate()
        run.wall = time.perf_counter() - t0
        run.rc = proc.returncode
        run.stderr = err[-2000:] if err else ""
        out.seek(0)
        for line in out:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "stage" in rec:
                run.stages[rec["stage"]] = rec["seconds"]
                run.maxrss_mb = max(run.maxrss_mb, rec.get("maxrss_mb", 0.0))
            else:
                run.info[rec.pop("info")] = rec
    out_path.unlink(missing_ok=True)
    if run.rc != 0 and not run.killed:
        print(f"worker {' '.join(args)} failed (rc {run.rc}):\n{run.stderr}", file=sys.stderr)
    return run


def best_of(cmd: list[str], n: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return min(times), times


def wall_with_rss(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds and ru_maxrss (MB) of one child process; ru_maxrss via wait4."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def generate(size: int, seed: int, workdir: Path) -> Path:
    out = workdir / f"corpus_{size}_seed{seed}"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                str(GENERATOR),
                str(out),
                "--articles",
                str(size),
                "--seed",
                str(seed),
            ],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        done.touch()  # hidden: the ingest walk skips it
    return out


# ----------------------------------------------------------------------------- report


def _s(x: float | None, nd: int = 2) -> str:
    return "—" if x is None else f"{x:.{nd}f}"


def _stage(run: Run, name: str) -> str:
    if name in run.stages:
        return _s(run.stages[name])
    return "killed" if run.killed else "—"


def report(
    header: dict[str, str],
    startup: list[tuple[str, str, str]],
    size_runs: dict[int, dict[str, Run]],
    notes: list[str],
) -> str:
    lines = ["# factcheck compare benchmark", ""]
    lines += [f"- {k}: {v}" for k, v in header.items()]
    lines += ["", "## CLI and seed corpus (5 articles)", ""]
    lines += ["| measurement | seconds | notes |", "|---|---:|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in startup]
    lines += ["", "## Generated corpora, stage by stage", ""]
    lines += [
        "| articles | matcher | claims | ingest s | extract s | model load s | embed s | "
        "match s | verdict s | pipeline s | claims/s | candidates | verdicts | peak RSS MB |",
        "|---:|---|---:|" + "---:|" * 11,
    ]
    for size, runs in size_runs.items():
        for matcher, run in runs.items():
            counts = run.info.get("counts", {})
            total = run.pipeline_seconds(
                runs["faiss"].stages.get("embed") if "faiss" in runs else None
            )
            n_claims = counts.get("claims")
            rate = n_claims / total if total and n_claims else None
            cands = run.info.get("candidates", {}).get("candidates")
            verdicts = run.info.get("verdicts", {}).get("pairs")
            embed = _stage(run, "embed")
            if "vectors reused" in run.info and "faiss" in runs:
                embed = f"{_stage(runs['faiss'], 'embed')} (FAISS run's)"
            label = matcher if not run.killed else f"{matcher} ({run.killed})"
            peak = max(run.maxrss_mb, run.watched_peak_mb)
            lines.append(
                f"| {size:,} | {label} | {n_claims if n_claims is not None else '—'} | "
                f"{_stage(run, 'ingest')} | {_stage(run, 'extract')} | "
                f"{_stage(run, 'model_load')} | {embed} | {_stage(run, 'match')} | "
                f"{_stage(run, 'verdict')} | {_s(total)} | {_s(rate, 0)} | "
                f"{'—' if cands is None else f'{cands:,}'} | "
                f"{'—' if verdicts is None else f'{verdicts:,}'} | {peak:,.0f} |"
            )
    sizes = list(size_runs)
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        lines += ["", f"## Match-stage growth, {lo:,} → {hi:,} articles", ""]
        lines += [
            "| matcher | claims lo → hi | match s lo | match s hi | growth | "
            "growth if linear | growth if quadratic |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for matcher in ("faiss", "brute"):
            a, b = size_runs[lo].get(matcher), size_runs[hi].get(matcher)
            if a is None or b is None:
                continue
            ca = a.info.get("counts", {}).get("claims")
            cb = b.info.get("counts", {}).get("claims")
            ma, mb = a.stages.get("match"), b.stages.get("match")
            growth = f"{mb / ma:.1f}×" if ma and mb else "—"
            if mb is None and b.killed and ma:
                growth = f"> {b.wall / ma:.0f}× (killed: {b.killed})"
            linear = f"{cb / ca:.1f}×" if ca and cb else "—"
            quad = f"{(cb / ca) ** 2:.0f}×" if ca and cb else "—"
            lines.append(
                f"| {matcher} | {ca or '—'} → {cb or '—'} | {_s(ma)} | "
                f"{_s(mb) if mb is not None else 'killed'} | {growth} | {linear} | {quad} |"
            )
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--quick", action="store_true", help="sizes 200 1000 (smoke run)")
    ap.add_argument("--skip-brute", action="store_true", help="no brute-force baseline")
    ap.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    ap.add_argument("--seed-corpus", default=str(SEED_CORPUS), help="the five seed articles")
    ap.add_argument("--workdir", default="/tmp/factcheck-bench", help="generated corpora")
    ap.add_argument("--model", default=None, help="embedding model (default: the CLI default)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per worker run")
    ap.add_argument(
        "--brute-timeout", type=float, default=300, help="seconds per brute-force worker run"
    )
    ap.add_argument("--mem-cap-gb", type=float, default=12, help="kill a worker above this RSS")
    ap.add_argument("--output", default=str(RESULTS), help="markdown written here")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    if a.worker:
        kind, *rest = a.worker
        if kind == "pipeline":
            corpus, matcher, vectors = rest
            worker_pipeline(corpus, matcher, vectors if vectors != "-" else None, a.model)
        elif kind == "inprocess":
            worker_inprocess(rest[0], a.model)
        else:
            ap.error(f"unknown worker {kind}")
        return 0

    sizes = [200, 1000] if a.quick else a.sizes
    load_start = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    workdir = Path(a.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    model_args = ["--model", a.model] if a.model else []

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    # CLI start-up and the seed corpus
    log("factcheck --help x5")
    help_best, help_all = best_of([FACTCHECK, "--help"], 5)
    startup = [
        (
            "`factcheck --help` (best of 5)",
            _s(help_best, 3),
            f"target < 0.5 s; all: {', '.join(f'{t:.3f}' for t in help_all)}",
        )
    ]
    seed_cmd = [FACTCHECK, "compare", a.seed_corpus, "-q", *model_args]
    log("seed corpus via the CLI, cold then warm")
    cold, cold_rss, rc = wall_with_rss(seed_cmd)
    startup.append(
        (
            "seed corpus, CLI, cold (first run, new process)",
            _s(cold),
            f"target < 10 s; exit {rc}; peak RSS {cold_rss:,.0f} MB (ru_maxrss)",
        )
    )
    warm = [wall_with_rss(seed_cmd) for _ in range(3)]
    startup.append(
        (
            "seed corpus, CLI, warm (repeat, new process, best of 3)",
            _s(min(w[0] for w in warm)),
            f"all: {', '.join(f'{w[0]:.2f}' for w in warm)}; peak RSS {warm[0][1]:,.0f} MB",
        )
    )
    log("seed corpus in process, twice")
    inproc = run_worker(["inprocess", a.seed_corpus, *model_args], a.timeout, a.mem_cap_gb)
    startup.append(
        (
            "seed corpus, in process, 1st `compare_paths` call",
            _s(inproc.stages.get("call1")),
            "imports, model load and compare; interpreter start not included",
        )
    )
    startup.append(
        (
            "seed corpus, in process, 2nd `compare_paths` call",
            _s(inproc.stages.get("call2")),
            "same process: modules imported, model loaded again (compare_paths loads it)",
        )
    )

    def write_report(final: bool) -> str:
        notes: list[str] = []
        header = {
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "machine": f"{platform.processor() or platform.machine()}, "
            f"{len(os.sched_getaffinity(0))} usable cores, Python {platform.python_version()}",
            "load average at start / end (1, 5, 15 min)": f"{load_start} / "
            + " / ".join(f"{x:.2f}" for x in os.getloadavg()),
            "model": a.model or "default (use-multilingual, numpy)",
            "corpora": f"benchmarks/generate_corpus.py --seed {a.seed}, in {workdir}",
            "peak memory": "ru_maxrss of the child process that ran the measurement "
            "(resident set, includes numpy/FAISS/model memory; not tracemalloc)",
        }
        notes.append(
            "claims/s = claims / pipeline s, where pipeline = ingest + extract + embed + match + "
            "verdict (model load and interpreter start excluded; they are one-off)."
        )
        notes.append(
            "'cold' is the first run in a new process; the OS page cache is not dropped, so "
            "files read by earlier runs may already be cached."
        )
        if not a.skip_brute:
            notes.append(
                "brute = match stage replaced by match.brute_force_pairs (every cross-source, "
                "same-kind pair with cosine >= 0.2, vectorised in 2048-row blocks), and the "
                "verdict stage then judges every one of those pairs; its embed time is the FAISS "
                "run's (vectors reused from .npy)."
            )
            notes.append(
                f"a brute-force worker is killed past {a.brute_timeout:.0f} s (others past "
                f"{a.timeout:.0f} s) or {a.mem_cap_gb:g} GB RSS; "
                "a killed run reports the stages it finished."
            )
        if not final:
            notes.append("partial: later sizes still running when this was written.")
        text = report(header, startup, size_runs, notes)
        Path(a.output).write_text(text, encoding="utf-8")
        return text

    # generated corpora
    size_runs: dict[int, dict[str, Run]] = {}
    for size in sizes:
        log(f"generating {size} articles")
        corpus = generate(size, a.seed, workdir)
        vectors = workdir / f"vectors_{size}_seed{a.seed}_{a.model or 'default'}_{os.getpid()}.npy"
        vectors.unlink(missing_ok=True)
        runs: dict[str, Run] = {}
        log(f"{size} articles: FAISS pipeline")
        runs["faiss"] = run_worker(
            ["pipeline", str(corpus), "faiss", str(vectors), *model_args], a.timeout, a.mem_cap_gb
        )
        if not a.skip_brute:
            log(f"{size} articles: brute-force pipeline")
            runs["brute"] = run_worker(
                ["pipeline", str(corpus), "brute", str(vectors), *model_args],
                a.brute_timeout,
                a.mem_cap_gb,
            )
        vectors.unlink(missing_ok=True)
        size_runs[size] = runs
        for name, run in runs.items():
            log(f"  {name}: {run.stages} {run.info.get('counts')} killed={run.killed}")
        write_report(final=False)

    print(write_report(final=True))
    return 0


_T0 = time.perf_counter()

if __name__ == "__main__":
    sys.exit(main())
