"""compare --cluster: a real dask scheduler and two workers on localhost give the local report.

Needs the `cluster` extra (pip install 'factcheck[cluster]'); CI installs it, so these run
there. The scheduler and workers are separate processes, started here and stopped at the
end of the module, so they run the code the way a real cluster does: imported afresh,
the model loaded once per worker.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed", reason="needs pip install 'factcheck[cluster]'")

import factcheck  # noqa: E402
from factcheck import cluster as fc_cluster  # noqa: E402
from factcheck.cli import cli  # noqa: E402

ROOT = Path(factcheck.__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
STORIES = sorted(
    p for d in ("heldout", "stories") for p in (TESTS / d).iterdir() if p.is_dir()
)


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    # PYTHONPATH: the workers import this checkout's factcheck, as the client does (the
    # client checks that they run the same code, so a stale install would fail loudly)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", *args], cwd=log.parent, env=env, stdout=log.open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # its own session: the process and its children
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _scheduler_address(info: Path, deadline: float) -> str:
    """The address in the scheduler file, once the scheduler has written all of it (the
    file exists, empty, for a moment before: reading it then failed CI once)."""
    while True:
        try:
            return str(json.loads(info.read_text())["address"])
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a `dask scheduler` with two `dask worker` processes, one thread each."""
    where = tmp_path_factory.mktemp("dask")
    info = where / "scheduler.json"
    processes = [
        _start(
            ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(info)],
            where / "scheduler.log",
        )  # fmt: skip
    ]
    try:
        for n in (1, 2):
            processes.append(
                _start(
                    ["distributed.cli.dask_worker", "--scheduler-file", str(info),
                     "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                    where / f"worker{n}.log",
                )  # fmt: skip
            )
        address = _scheduler_address(info, deadline=time.monotonic() + 60)
        with distributed.Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)


def _compare(tmp_path: Path, name: str, *args: str) -> tuple[int, str, bytes]:
    out = tmp_path / f"{name}.json"
    result = CliRunner().invoke(cli, ["compare", "-q", "--json", str(out), *args])
    return result.exit_code, result.output, out.read_bytes() if out.exists() else b""


@pytest.mark.model
def test_cluster_report_is_the_local_report_on_the_example_corpus(
    scheduler: str, tmp_path: Path
) -> None:
    # the default model (USE), so the vectors themselves must be the local ones
    local = _compare(tmp_path, "local")
    remote = _compare(tmp_path, "cluster", "--cluster", scheduler)
    assert local[0] == 0 and remote == local
    assert json.loads(remote[2])["claims"]


@pytest.mark.model
@pytest.mark.parametrize("story", STORIES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cluster_report_is_the_local_report_on_every_story(
    scheduler: str, tmp_path: Path, story: Path
) -> None:
    local = _compare(tmp_path, "local", str(story))
    remote = _compare(tmp_path, "cluster", str(story), "--cluster", scheduler)
    assert remote == local
    assert json.loads(remote[2])["pairs"]


def test_learned_pairing_and_problems_are_the_same_on_the_cluster(
    scheduler: str, tmp_path: Path
) -> None:
    # an unreadable input, and more sources than one task holds (tasks are whole sources)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):
        (folder / f"n{n:02}.txt").write_text(
            f"Orbita Motors delivered {118_000 + n % 3:,} vehicles in the third quarter.\n",
            "utf-8",
        )
    (folder / "empty.txt").write_text("  \n", "utf-8")
    args = ("--model", "fake", "--pairing", "learned", str(folder))
    local = _compare(tmp_path, "local", *args)
    remote = _compare(tmp_path, "cluster", *args, "--cluster", scheduler)
    assert local[0] == 2 and remote == local


def test_an_unreachable_scheduler_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fc_cluster, "CONNECT_TIMEOUT_S", 1)
    with socket.socket() as free:  # a port nothing listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = CliRunner().invoke(cli, ["compare", "-q", "--cluster", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 3
    assert result.output.startswith(f"Error: cannot reach the dask scheduler at tcp://127.0.0.1:{port}")
    assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output
    bad = CliRunner().invoke(cli, ["compare", "-q", "--cluster", "htp://host:8786"])
    assert bad.exit_code == 3 and bad.output.startswith("Error: not a dask scheduler address")


@pytest.fixture
def in_process() -> Iterator[str]:
    """Workers as threads of this process, so that a monkeypatch reaches them."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as local:
        yield local.scheduler_address


def test_an_extraction_failure_on_a_worker_is_the_local_input_problem(
    in_process: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = factcheck.extract.claims_in_sentence

    def fragile(source, sentence, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "BOOM" in sentence.text:
            raise KeyError("per")
        return real(source, sentence, *args, **kwargs)

    monkeypatch.setattr(factcheck.extract, "claims_in_sentence", fragile)
    texts = {
        "good": "Orbita Motors delivered 118,432 vehicles in 2025.",
        "bad": "First line.\nBOOM went 5 dollars.",
        "other": "Orbita Motors delivered 118,432 vehicles in 2025, it said.",
    }
    local = factcheck.compare(texts, model="fake", jobs=1)
    remote = factcheck.compare(texts, model="fake", cluster=in_process)
    assert [p.message for p in remote.problems] == [
        "line 2: could not extract claims (KeyError: 'per'); left out, the other sources "
        "were compared (please report this as a bug)"
    ]
    assert remote.to_json() == local.to_json()


def test_workers_running_other_code_are_refused(
    in_process: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    digests = iter(["this machine's", "a worker's", "a worker's"])
    monkeypatch.setattr(fc_cluster, "code_digest", lambda: next(digests))
    with pytest.raises(fc_cluster.ClusterError, match="2 of 2 dask workers run other"):
        factcheck.compare({"a": "Shares fell 6.9%."}, model="fake", cluster=in_process)
