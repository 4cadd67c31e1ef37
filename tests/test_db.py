"""The claims database: format, API, CLI, crash safety, concurrency, round trip."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import db as claims_db
from factcheck.cli import cli
from factcheck.cli_db import db as db_cli
from factcheck.model import Claim, Quantity, Sentence

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------- fixtures

REVENUE_EN = "Nvidia reported revenue of $30.0 billion for the quarter."
REVENUE_HANS = "英伟达该季度营收为300亿美元。"
REVENUE_HANT = "輝達該季營收達300億美元。"
MEMORY_EN = "The H20 carries 96GB of HBM3 memory."


def _claim(cid: str, source: str, text: str, surface: str, value: float, unit: str, kind: str,
           entity: str, metric: str, lang: str, tolerance: float = 5e7) -> dict:  # fmt: skip
    start = text.index(surface)
    return {
        "id": cid, "source": source, "lang": lang, "text": text,
        "subject": f"{entity} {metric}", "time": "2025-Q2", "entity": entity,
        "entities": [entity], "metric": metric,
        "quantity": {"surface": surface, "span": [start, start + len(surface)], "value": value,
                     "low": None, "high": None, "unit": unit, "kind": kind, "hedge": None,
                     "tolerance": tolerance},
        "sentence_span": [0, len(text)], "line": 1,
    }  # fmt: skip


def make_report() -> dict:
    """A hand-written `factcheck compare --json` report: one agreeing group of three."""
    return {
        "schema": "factcheck.compare/1",
        "sources": [
            {"id": "s1", "path": "news/wire_en.txt", "lang": "en"},
            {"id": "s2", "path": "news/caijing_zh-hans.txt", "lang": "zh-Hans"},
            {"id": "s3", "path": "news/mingpao_zh-hant.txt", "lang": "zh-Hant"},
        ],
        "claims": [
            _claim(
                "s1:c1",
                "s1",
                REVENUE_EN,
                "$30.0 billion",
                30.0e9,
                "USD",
                "money",
                "NVIDIA",
                "revenue",
                "en",
            ),
            _claim(
                "s1:c2",
                "s1",
                MEMORY_EN,
                "96GB",
                96e9,
                "B",
                "data",
                "H20",
                "memory",
                "en",
                tolerance=5e8,
            ),
            _claim(
                "s2:c1",
                "s2",
                REVENUE_HANS,
                "300亿美元",
                30e9,
                "USD",
                "money",
                "NVIDIA",
                "revenue",
                "zh-Hans",
                tolerance=5e8,
            ),
            _claim(
                "s3:c1",
                "s3",
                REVENUE_HANT,
                "300億美元",
                30e9,
                "USD",
                "money",
                "NVIDIA",
                "revenue",
                "zh-Hant",
                tolerance=5e8,
            ),
        ],  # fmt: skip
        "pairs": [
            {"a": "s1:c1", "b": "s2:c1", "verdict": "agree", "score": 0.9, "why": "same figure"},
            {"a": "s2:c1", "b": "s3:c1", "verdict": "agree", "score": 0.95, "why": "same figure"},
        ],
    }


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(make_report(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(db_cli, [str(a) for a in args], catch_exceptions=False)


# ----------------------------------------------------------------------- CLI end to end


def test_init_add_group_validate_end_to_end(
    tmp_path: Path, report: Path, runner: CliRunner
) -> None:
    directory = tmp_path / "claims"
    assert invoke(runner, "init", directory).exit_code == 0
    assert json.loads((directory / "meta.json").read_text()) == {"schema": "factcheck.claims/1"}
    assert ".cache/" in (directory / ".gitignore").read_text()

    result = invoke(runner, "add", report, "--group", "1", "--reviewer", "ed", "--db", directory)
    assert result.exit_code == 0, result.output
    lines = (directory / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1  # the whole group is ONE record
    record = json.loads(lines[0])
    assert list(record) == list(claims_db.RECORD_KEYS)  # fixed key order
    assert record["status"] == "verified" and record["reviewer"] == "ed"
    assert [p["claim"] for p in record["provenance"]] == ["s1:c1", "s2:c1", "s3:c1"]
    assert record["quantity"]["surface"] == "$30.0 billion"  # the most precise member speaks
    assert "英伟达" in lines[0] and "輝達" in lines[0]  # ensure_ascii=False: readable in review

    result = invoke(runner, "validate", directory)
    assert result.exit_code == 0, result.output


def test_add_single_claims_sorted_and_idempotent(
    tmp_path: Path, report: Path, runner: CliRunner
) -> None:
    directory = tmp_path / "claims"
    invoke(runner, "init", directory)
    args = (
        "add",
        report,
        "--claim",
        "s1:c2",
        "--claim",
        "s1:c1",
        "--reviewer",
        "ed",
        "--db",
        directory,
    )
    assert invoke(runner, *args).exit_code == 0
    first = (directory / "claims.jsonl").read_bytes()
    assert invoke(runner, *args).exit_code == 0  # adding again changes nothing
    assert (directory / "claims.jsonl").read_bytes() == first
    ids = [json.loads(line)["id"] for line in first.decode().splitlines()]
    assert ids == sorted(ids) and len(ids) == 2


def test_adding_the_group_later_merges_provenance(tmp_path: Path, report: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    (one,) = claims_db.add_from_report(directory, report, claim_ids=["s1:c1"], reviewer="ed")
    (merged,) = claims_db.add_from_report(directory, report, groups=[1], reviewer="ed")
    assert one == merged  # same content, same id
    record = claims_db.load_db(directory).get(one)
    assert len(record.provenance) == 3


def test_list_show_formats(tmp_path: Path, report: Path, runner: CliRunner) -> None:
    directory = tmp_path / "claims"
    invoke(runner, "init", directory)
    invoke(
        runner,
        "add",
        report,
        "--all-groups",
        "--claim",
        "s1:c2",
        "--reviewer",
        "ed",
        "--db",
        directory,
    )
    listed = json.loads(invoke(runner, "list", "--format", "json", "--db", directory).output)
    assert {row["metric"] for row in listed} == {"revenue", "memory"}
    csv_out = invoke(runner, "list", "--format", "csv", "--db", directory).output
    assert csv_out.splitlines()[0].startswith("id,status,subject")
    table = invoke(runner, "list", "--db", directory).output
    assert "verified" in table
    claim_id = next(row["id"] for row in listed if row["metric"] == "revenue")
    shown = json.loads(
        invoke(runner, "show", claim_id, "--format", "json", "--db", directory).output
    )
    assert [row["source"] for row in shown] == [
        "news/wire_en.txt", "news/caijing_zh-hans.txt", "news/mingpao_zh-hant.txt",
    ]  # fmt: skip
    assert "輝達" in invoke(runner, "show", claim_id, "--db", directory).output


def test_set_status(tmp_path: Path, report: Path, runner: CliRunner) -> None:
    directory = tmp_path / "claims"
    invoke(runner, "init", directory)
    (claim_id,) = claims_db.add_from_report(directory, report, claim_ids=["s1:c2"], reviewer="ed")
    result = invoke(
        runner, "set-status", claim_id, "disputed", "--reviewer", "amy", "--db", directory
    )
    assert result.exit_code == 0
    record = claims_db.load_db(directory).get(claim_id)
    assert (record.status, record.reviewer) == ("disputed", "amy")
    bad = runner.invoke(
        db_cli, ["set-status", "c-0000000000", "false", "--reviewer", "a", "--db", str(directory)]
    )
    assert bad.exit_code == 1 and "no claim" in bad.output and "Traceback" not in bad.output


def test_domain_errors_are_one_line(tmp_path: Path, report: Path, runner: CliRunner) -> None:
    directory = tmp_path / "claims"
    invoke(runner, "init", directory)
    result = runner.invoke(
        db_cli, ["add", str(report), "--group", "7", "--reviewer", "ed", "--db", str(directory)]
    )
    assert result.exit_code == 1
    assert "no agreement group 7" in result.output and "Traceback" not in result.output
    assert (directory / "claims.jsonl").read_text() == ""  # nothing touched


# ------------------------------------------------------------------------ validation


def test_validate_reports_file_and_line(tmp_path: Path, report: Path, runner: CliRunner) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    claims_db.add_from_report(directory, report, claim_ids=["s1:c1", "s1:c2"], reviewer="ed")
    path = directory / "claims.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"status": "verified"', '"status": "maybe"')
    lines.append('{"id": "c-broken"')  # a hand edit gone wrong
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = invoke(runner, "validate", directory)
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert (
        f"{path}:2: unknown status 'maybe' (expected one of verified, disputed, false, retracted)"
        in out
    )
    assert any(line.startswith(f"{path}:3: invalid JSON") for line in out)
    with pytest.raises(claims_db.DBError, match=r"claims\.jsonl:2: unknown status"):
        claims_db.load_db(directory)


def test_validate_duplicates_and_order(tmp_path: Path, report: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    claims_db.add_from_report(directory, report, claim_ids=["s1:c1", "s1:c2"], reviewer="ed")
    path = directory / "claims.jsonl"
    first, second = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([second, first, second]) + "\n", encoding="utf-8")
    messages = [str(p) for p in claims_db.validate(directory)]
    assert any(":2: records are not sorted by id" in m for m in messages)
    assert any(":3: duplicate id" in m and "first on line 1" in m for m in messages)


def test_validate_finds_contradicting_verified_claims(tmp_path: Path, report: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    (claim_id,) = claims_db.add_from_report(directory, report, claim_ids=["s1:c1"], reviewer="ed")
    record = claims_db.load_db(directory).get(claim_id)
    wrong = claims_db.claim_to_record(
        claims_db.record_to_claim(record, original=True).__class__(
            **{
                **claims_db.record_to_claim(record, original=True).__dict__,
                "quantity": Quantity(
                    "$45 billion", 27, 38, 45e9, None, None, "USD", "money", None, 5e8
                ),
            }
        ),  # fmt: skip
        source_path="news/other.txt",
        reviewer="ed",
    )
    with claims_db.transaction(directory) as records:
        records[wrong.id] = wrong
    problems = claims_db.validate(directory)
    # the hand-made record also says $45 billion over a quote that says $30 billion
    (mismatch,) = [p for p in problems if "but its quote says" in p.message]
    assert mismatch.ids == (wrong.id,)
    (conflict,) = [p for p in problems if p is not mismatch]
    assert "verified claims contradict" in conflict.message
    assert claim_id in conflict.message and wrong.id in conflict.message


def test_malformed_aliases_and_meta(tmp_path: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    (directory / "aliases.json").write_text('{"NVIDIA": ["Nvidia",\n "英伟达",]}', encoding="utf-8")
    problems = claims_db.validate(directory)
    assert problems and problems[0].file.endswith("aliases.json") and problems[0].line == 2
    (directory / "meta.json").write_text('{"schema": "factcheck.claims/9"}')
    with pytest.raises(claims_db.DBError, match="newer than this factcheck"):
        claims_db.load_db(directory)


def test_aliases_loader_casefolds(tmp_path: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    table = {"NVIDIA": ["英伟达", "英偉達", "輝達", "Nvidia"]}
    (directory / "aliases.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    aliases = claims_db.load_aliases(directory)
    assert aliases["nvidia"] == "NVIDIA" and aliases["輝達"] == "NVIDIA"


def test_migrate_legacy_directory(tmp_path: Path, report: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    claims_db.add_from_report(directory, report, claim_ids=["s1:c1"], reviewer="ed")
    (directory / "meta.json").unlink()
    (directory / "aliases.json").unlink()
    with pytest.raises(claims_db.DBError, match="migrate"):
        claims_db.load_db(directory)
    assert claims_db.migrate(directory) == [1]
    assert claims_db.migrate(directory) == []
    assert len(claims_db.load_db(directory).records) == 1


# ------------------------------------------------------------------ round trip property

_text = st.text(st.characters(codec="utf-8"), max_size=40)  # no lone surrogates
_finite = st.floats(allow_nan=False, allow_infinity=False)
_opt_finite = st.none() | _finite
_span = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)).map(lambda t: tuple(sorted(t)))
_lang: st.SearchStrategy[Any] = st.sampled_from(["en", "zh-Hans", "zh-Hant", "other"])


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    s_start, s_end = draw(_span)
    q_start, q_end = draw(_span)
    return Claim(
        id=draw(_text), source_id=draw(_text),
        sentence=Sentence(s_start, s_end, draw(_text), draw(_lang)),
        quantity=Quantity(
            draw(_text), q_start, q_end, draw(_opt_finite), draw(_opt_finite), draw(_opt_finite),
            draw(_text), draw(_text), draw(st.none() | st.sampled_from(["about", "range"])),
            draw(st.floats(min_value=0, max_value=1e12)),
        ),
        subject=draw(_text), entity=draw(st.none() | _text), metric=draw(st.none() | _text),
        time=draw(st.none() | _text), context=draw(_text), lang=draw(_lang),
        entities=tuple(draw(st.lists(_text, max_size=3))), line=draw(st.integers(1, 10**6)),
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(claim=claims(), source=_text, status=st.sampled_from(claims_db.STATUSES))
def test_claim_record_file_round_trip(claim: Claim, source: str, status: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = claims_db.init_db(tmp)
        record = claims_db.claim_to_record(claim, source_path=source, status=status, reviewer="r")
        with claims_db.writer_lock(directory):
            claims_db.save_records(directory, [record])
        loaded = claims_db.load_db(directory)
        assert loaded.records == (record,)
        assert claims_db.record_to_claim(loaded.records[0], original=True) == claim
        # generated claims do not hold their figure in their quote; all else validates
        problems = claims_db.validate(directory)
        assert [p for p in problems if p.ids != (record.id,) or "quote" not in p.message] == []


# ------------------------------------------------------------- crash and concurrency

WRITER = textwrap.dedent(
    """
    import sys
    from factcheck import db
    from factcheck.model import Claim, Quantity, Sentence

    directory, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    padding = "填充文字 padding " * 40  # big records make every save slow and large
    for i in range(count):
        text = f"{prefix} revenue was {i} dollars. {padding}"
        claim = Claim(f"{prefix}:c{i}", prefix, Sentence(0, len(text), text, "en"),
                      Quantity(str(i), 0, 1, float(i), None, None, "USD", "money"),
                      f"{prefix} revenue", f"{prefix}-{i}", "revenue", None, text)
        record = db.claim_to_record(claim, source_path=f"{prefix}.txt", reviewer="bot")
        with db.transaction(directory) as records:
            records[record.id] = record
        print(record.id, flush=True)  # printed only once the save is complete
    """
)


def _writer(directory: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(directory), prefix, str(count)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip


def test_sigkill_mid_save_loses_nothing(tmp_path: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    rng = random.Random(1234)
    committed: set[str] = set()
    for round_no in range(6):
        proc = _writer(directory, f"w{round_no}", 10_000)
        time.sleep(rng.uniform(0.4, 1.2))  # startup ~0.3 s, then a save every few ms
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        committed.update(out.split())
        loaded = {r.id for r in claims_db.load_db(directory).records}  # must not raise
        assert committed <= loaded, "a committed record was lost"
    assert len(committed) > 6  # the writers really were killed mid-stream
    assert claims_db.validate(directory) == []


def test_two_concurrent_writers_both_land(tmp_path: Path) -> None:
    directory = claims_db.init_db(tmp_path / "claims")
    procs = [_writer(directory, prefix, 25) for prefix in ("alpha", "beta")]
    outputs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    ids = {r.id for r in claims_db.load_db(directory).records}
    assert len(ids) == 50 and set(outputs[0]) | set(outputs[1]) == ids


# --- review rules: the verified set is protected (docs/claims-db.md) -------------------


def _contradicting_report(tmp_path: Path) -> Path:
    """Two sources contradicting each other on one figure, as compare --json writes it."""
    from factcheck.api import compare

    report = compare(
        {"wire": "Nvidia said its China revenue was $17.1 billion in fiscal 2025.",
         "blog": "Nvidia said its China revenue reached $19.7 billion in fiscal 2025."},
    )  # fmt: skip
    assert [p.verdict for p in report.pairs] == ["contradict"]
    return report.write_json(tmp_path / "report.json")


@pytest.mark.model
def test_add_never_verifies_a_figure_the_same_report_shows_contradicted(tmp_path: Path) -> None:
    path = _contradicting_report(tmp_path)
    directory = tmp_path / "claims"
    claims_db.init_db(directory)
    args = ["db", "add", str(path), "--claim", "s1:c1", "--reviewer", "ed", "--db", str(directory)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "added as disputed, not verified" in result.stderr
    (record,) = claims_db.load_db(directory).records
    assert record.status == "disputed"
    forced = tmp_path / "forced"
    claims_db.init_db(forced)
    claims_db.add_from_report(forced, path, claim_ids=["s1:c1"], reviewer="ed", force=True)
    assert claims_db.load_db(forced).records[0].status == "verified"


@pytest.mark.model
def test_add_refuses_a_verified_claim_contradicting_one_already_verified(tmp_path: Path) -> None:
    from factcheck.api import compare

    directory = tmp_path / "claims"
    claims_db.init_db(directory)
    for name, text in (
        ("a", "Nvidia said its China revenue was $17.1 billion in fiscal 2025."),
        ("b", "Nvidia said its China revenue reached $19.7 billion in fiscal 2025."),
    ):
        report = compare({name: text}).write_json(tmp_path / f"{name}.json")
        if name == "a":
            claims_db.add_from_report(directory, report, claim_ids=["s1:c1"], reviewer="ed")
        else:
            before = (directory / claims_db.CLAIMS_FILE).read_bytes()
            with pytest.raises(claims_db.DBError, match="already verified"):
                claims_db.add_from_report(directory, report, claim_ids=["s1:c1"], reviewer="ed")
            assert (directory / claims_db.CLAIMS_FILE).read_bytes() == before


def test_validate_rereads_each_figure_from_its_own_quote(tmp_path: Path) -> None:
    directory = tmp_path / "claims"
    shutil.copytree(ROOT / "claims", directory)
    assert claims_db.validate(directory) == []
    path = directory / claims_db.CLAIMS_FILE
    lines = path.read_text("utf-8").splitlines()
    record = json.loads(lines[0])
    record["quantity"]["value"] = record["quantity"]["value"] * 2  # edited by hand
    lines[0] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    problems = claims_db.validate(directory)
    assert any("but its quote says" in p.message for p in problems), problems


def test_init_on_a_database_with_records_says_so_and_changes_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "claims"
    shutil.copytree(ROOT / "claims", directory)
    before = {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}
    result = CliRunner().invoke(cli, ["db", "init", str(directory)])
    assert result.exit_code == 0
    assert "already a claims database" in result.output and "initialised" not in result.output
    assert {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()} == before


def test_a_missing_optional_extra_is_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "pyarrow":
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    text = tmp_path / "a.txt"
    text.write_text("Orbita Motors delivered 118,432 vehicles in 2025.\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["compare", "--model", "fake", str(text), "--parquet", str(tmp_path / "c.parquet")]
    )
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        "Error: cannot write report: --parquet needs pyarrow: pip install 'factcheck[parquet]'"
    ]
