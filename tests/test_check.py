"""`factcheck check`: new articles against the claims database, outputs and the cache."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from factcheck import check as checker
from factcheck import db as claims_db
from factcheck.cli_db import check as check_cli
from factcheck.cli_db import db as db_cli
from factcheck.confidence import DEFAULT_MIN_CONFIDENCE
from factcheck.embed import FakeEmbedder
from factcheck.ingest import load_sources

from .test_db import make_report

GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+(,title=[^:]*)?::.+$")

AGREE = (
    "Nvidia earnings\n\n"
    "Nvidia reported revenue of $30.0 billion in the second quarter of fiscal 2025.\n"
)
CONTRADICT = (
    "Markets\n\nChip stocks were mixed on Monday.\n"
    "Nvidia reported revenue of $45.0 billion in the second quarter of fiscal 2025, "
    "analysts said.\n"
)


# The pair scorer gives the fixture's contradiction (a reworded sentence naming Nvidia)
# confidence 0.95 (pairs_v4; 0.85 under pairs_v3). Tests of what a failing check prints
# set the bar below it, and the warning test above it, so that a refit scorer moves
# numbers, not outcomes; the default is tested on its own.
UNSURE = ("--min-confidence", "0.7")
SURE_ONLY = ("--min-confidence", "0.99")


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A claims database holding the verified revenue group, and two new articles."""
    monkeypatch.chdir(tmp_path)
    report = make_report()
    for claim in report["claims"]:
        claim["time"] = "FY2025-Q2" if claim["quantity"]["kind"] == "money" else None
    Path("report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(db_cli, ["init", "claims"]).exit_code == 0
    added = runner.invoke(
        db_cli, ["add", "report.json", "--all-groups", "--claim", "s1:c2", "--reviewer", "ed"]
    )
    assert added.exit_code == 0, added.output
    Path("news").mkdir()
    Path("news/agree.txt").write_text(AGREE, encoding="utf-8")
    Path("news/contra.txt").write_text(CONTRADICT, encoding="utf-8")
    return tmp_path


def run_check(*args: str) -> Result:
    return CliRunner().invoke(check_cli, [*args, "--model", "fake"], catch_exceptions=False)


def revenue_id() -> str:
    frame = claims_db.list_frame(claims_db.load_db("claims"))
    return str(frame.loc[frame["metric"] == "revenue", "id"].iloc[0])


def test_agreeing_article_passes(workspace: Path) -> None:
    result = run_check("news/agree.txt")
    assert result.exit_code == 0, result.output
    assert f"agrees with verified claim {revenue_id()}" in result.output
    assert result.output.rstrip().endswith("OK")


def test_possible_contradiction_is_a_warning_below_the_minimum_confidence(
    workspace: Path,
) -> None:
    result = run_check("news/contra.txt", *SURE_ONLY)
    assert result.exit_code == 0, result.output
    assert result.output == (
        'warning: news/contra.txt:4: "Nvidia reported revenue of $45.0 billion in the second '
        'quarter of fiscal 2025, analysts said." possibly contradicts verified claim '
        f'{revenue_id()} "Nvidia reported revenue of $30.0 billion for the quarter.": NVIDIA '
        "revenue: $45 billion vs $30 billion (confidence 0.95, almost certainly the same claim; "
        "too unsure to fail the check)\n"
        "checked 1 claim(s) from 1 source(s) against 2 database claim(s): 0 contradiction(s) of "
        "verified claims at confidence 0.99 or more (1 possible one(s) below it), 1 warning(s), "
        "0 agreement(s), 0 unclear\n"
        "OK\n"
    )


def test_contradicting_article_fails_naming_claim_source_and_line(workspace: Path) -> None:
    result = run_check("news/contra.txt", *UNSURE)
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("error:"))
    assert "news/contra.txt:4:" in line  # the 1-based line of the figure in the article
    assert f"contradicts verified claim {revenue_id()}" in line
    assert "Nvidia reported revenue of $30.0 billion for the quarter." in line  # db statement
    assert "$45.0 billion" in line
    assert line.endswith("(confidence 0.95, almost certainly the same claim)")


def test_min_confidence_is_validated(workspace: Path) -> None:
    result = CliRunner().invoke(check_cli, ["news/contra.txt", "--min-confidence", "1.5"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--min-confidence': 1.5 is not in the range 0.0<=x<=1.0."
    )


VERIFIED_STORY = (
    "Orbita Motors delivered 118,432 vehicles in the third quarter of 2025, "
    "and its quarterly revenue reached $4.27 billion.\n"
)
RETOLD = (
    "Orbita Motors said it delivered 118,432 vehicles in the third quarter of 2025, "
    "and its revenue for the quarter reached $4.27 billion.\n"
)


def test_verified_claim_contradicted_at_the_default_confidence_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new article retells a verified story with one figure changed: the figures it
    repeats show it is the same claim (confidence over 0.99), so the default fails the check."""
    from factcheck.cli import cli

    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(VERIFIED_STORY, encoding="utf-8")
    Path("b.txt").write_text(RETOLD, encoding="utf-8")
    Path("new.txt").write_text(VERIFIED_STORY.replace("$4.27", "$4.72"), encoding="utf-8")
    runner = CliRunner()
    compared = runner.invoke(
        cli, ["compare", "--model", "fake", "a.txt", "b.txt", "--json", "r.json"]
    )
    assert compared.exit_code == 0, compared.output
    assert runner.invoke(db_cli, ["init", "claims"]).exit_code == 0
    added = runner.invoke(db_cli, ["add", "r.json", "--all-groups", "--reviewer", "ed"])
    assert added.exit_code == 0, added.output
    frame = claims_db.list_frame(claims_db.load_db("claims"))
    revenue = str(frame.loc[frame["metric"] == "revenue", "id"].iloc[0])
    result = run_check("new.txt")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        f'error: new.txt:1: "{VERIFIED_STORY.replace("$4.27", "$4.72").strip()}" contradicts '
        f'verified claim {revenue} "{VERIFIED_STORY.strip()}": Orbita revenue: $4.72 billion vs '
        "$4.27 billion (confidence 1.00, almost certainly the same claim)"
    ]
    assert result.output.splitlines()[-2:] == [
        "checked 2 claim(s) from 1 source(s) against 2 database claim(s): 1 contradiction(s) of "
        f"verified claims at confidence {DEFAULT_MIN_CONFIDENCE:.2f} or more, 0 warning(s), "
        "1 agreement(s), 0 unclear",
        "FAIL",
    ]
    assert run_check("new.txt", "--min-confidence", "1").exit_code == 0  # moved past it


def test_input_problems_exit_2_and_others_still_checked(workspace: Path) -> None:
    result = CliRunner().invoke(check_cli, ["news/agree.txt", "news/nope.txt", "--model", "fake"])
    assert result.exit_code == 2
    assert "news/nope.txt: " in result.output  # one `path: problem` line (stderr is mixed in)
    assert "agrees with verified claim" in result.output
    both = CliRunner().invoke(
        check_cli, ["news/contra.txt", "news/nope.txt", "--model", "fake", *UNSURE]
    )
    assert both.exit_code == 1  # a contradiction outranks an input problem


def test_broken_database_is_an_input_problem(workspace: Path) -> None:
    Path("claims/claims.jsonl").write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(check_cli, ["news/agree.txt", "--model", "fake"])
    assert result.exit_code == 2
    assert "claims.jsonl:1: invalid JSON" in result.output and "Traceback" not in result.output


def test_junit_output_parses(workspace: Path) -> None:
    result = run_check(
        "news/agree.txt", "news/contra.txt", "--format", "junit", "--output", "out.xml", *UNSURE
    )
    assert result.exit_code == 1
    root = ET.parse("out.xml").getroot()
    assert root.tag == "testsuites" and root.get("failures") == "1"
    failures = root.findall(".//testcase/failure")
    assert len(failures) == 1 and revenue_id() in (failures[0].text or "")
    assert {s.get("name") for s in root.findall("testsuite")} == {
        "news/agree.txt",
        "news/contra.txt",
    }


def test_github_output_is_workflow_commands(workspace: Path) -> None:
    result = run_check("news/agree.txt", "news/contra.txt", "--format", "github", *UNSURE)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines and all(GITHUB_LINE.match(x) for x in lines), lines
    assert any(
        x.startswith("::error file=news/contra.txt,line=4,") and revenue_id() in x for x in lines
    )


def test_github_escaping() -> None:
    assert checker._gh_data("50% up\r\nnext") == "50%25 up%0D%0Anext"
    assert checker._gh_property("a:b,c") == "a%3Ab%2Cc"


def test_json_output(workspace: Path) -> None:
    result = run_check("news/contra.txt", "--format", "json", *UNSURE)
    data = json.loads(result.output)
    assert data["schema"] == "factcheck.check/1" and data["failed"] is True
    assert data["summary"]["contradictions_of_verified"] == 1
    assert data["min_confidence"] == 0.7
    (finding,) = data["findings"]
    assert (finding["confidence"], finding["strong"]) == (0.9476, True)
    default = json.loads(run_check("news/contra.txt", "--format", "json", *SURE_ONLY).output)
    assert default["failed"] is False and default["findings"][0]["strong"] is False
    assert default["summary"]["possible_contradictions_of_verified"] == 1


def test_retracted_and_false_claims(workspace: Path) -> None:
    claims_db.set_status("claims", revenue_id(), "retracted", "ed")
    assert run_check("news/contra.txt").exit_code == 0  # retracted claims are not checked
    claims_db.set_status("claims", revenue_id(), "false", "ed")
    result = run_check("news/agree.txt")
    assert result.exit_code == 0 and "warning:" in result.output  # repeating a false claim


# ----------------------------------------------------------------------------- cache


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return super().embed_batch(texts)


def _records(n: int) -> list[claims_db.ClaimRecord]:
    db = claims_db.load_db("claims")
    base = db.records[0]
    return [
        claims_db.ClaimRecord(
            **{**base.__dict__, "id": f"c-{i:010x}", "context": f"claim number {i}"}
        )
        for i in range(n)
    ]


def test_cache_embeds_only_new_records(workspace: Path) -> None:
    cache = workspace / "cache"
    records = _records(20)
    first, stats = checker.record_vectors(records, CountingEmbedder(), cache)
    assert (stats.embedded, stats.rebuilt) == (20, True)
    embedder = CountingEmbedder()
    again, stats = checker.record_vectors(records + _records(22)[20:], embedder, cache)
    assert embedder.embedded == 2 and stats.embedded == 2
    np.testing.assert_array_equal(again[:20], first)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "count", "model", "dim", "norms"])
def test_corrupt_or_stale_cache_is_rebuilt(workspace: Path, damage: str) -> None:
    cache = workspace / "cache"
    records = _records(10)
    expected, _ = checker.record_vectors(records, FakeEmbedder(), cache)
    manifest_path = cache / checker.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    vectors = cache / manifest["vectors"]
    if damage == "truncate":
        vectors.write_bytes(vectors.read_bytes()[:200])
    elif damage == "garbage":
        manifest_path.write_text("{not json")
    elif damage == "count":
        manifest["keys"] = manifest["keys"][:-1]
        manifest_path.write_text(json.dumps(manifest))
    elif damage == "model":
        manifest["model"] = "another-model"
        manifest_path.write_text(json.dumps(manifest))
    elif damage == "dim":
        np.save(vectors, np.zeros((10, 7), dtype=np.float32))
    elif damage == "norms":
        np.save(vectors, np.full((10, 256), 3.0, dtype=np.float32))
    embedder = CountingEmbedder()
    got, stats = checker.record_vectors(records, embedder, cache)
    assert embedder.embedded == 10 and stats.rebuilt
    np.testing.assert_array_equal(got, expected)
    _, stats = checker.record_vectors(records, CountingEmbedder(), cache)
    assert stats.embedded == 0  # and the rebuilt cache is trusted again


def test_cache_dir_from_environment(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", str(workspace / "elsewhere"))
    assert run_check("news/agree.txt").exit_code == 0
    assert (workspace / "elsewhere" / checker.MANIFEST).exists()
    assert not (workspace / "claims" / ".cache").exists()


# -------------------------------------------------------------------------- snapshot


def _snapshot() -> Path:
    return Path("claims") / claims_db.CACHE_DIR / claims_db.SNAPSHOT_FILE


def test_warm_load_uses_the_snapshot_and_parses_nothing(workspace: Path) -> None:
    first = claims_db.load_db("claims")
    assert first._records is not None and _snapshot().exists()  # a miss parses and writes
    warm = claims_db.load_db("claims")
    assert warm._records is None  # a hit: claims.jsonl is hashed, not parsed
    assert len(warm) == len(first)
    assert warm.records == first.records and warm.lines == first.lines  # parsed on demand
    assert run_check("news/agree.txt").exit_code == 0


def test_stale_snapshot_is_detected_and_the_edit_counts(workspace: Path) -> None:
    assert run_check("news/agree.txt").exit_code == 0
    before = _snapshot().read_bytes()
    path = Path("claims") / claims_db.CLAIMS_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count('"value": 30000000000.0') == 1
    path.write_text(text.replace('"value": 30000000000.0', '"value": 45000000000.0'), "utf-8")
    result = run_check("news/agree.txt", *UNSURE)  # $30.0bn now contradicts the edited record
    assert result.exit_code == 1, result.output
    assert f"contradicts verified claim {revenue_id()}" in result.output
    assert run_check("news/contra.txt").exit_code == 0
    assert _snapshot().read_bytes() != before  # rebuilt for the new content
    assert claims_db.load_db("claims")._records is None  # and trusted again


def test_snapshot_is_rebuilt_when_the_code_changes(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims_db.load_db("claims")
    monkeypatch.setattr(claims_db, "SNAPSHOT_SCHEMA", "factcheck.snapshot/999")
    assert claims_db.load_db("claims")._records is not None


def test_snapshot_of_a_file_changed_after_loading_refuses_to_parse(workspace: Path) -> None:
    claims_db.load_db("claims")
    db = claims_db.load_db("claims")
    path = Path("claims") / claims_db.CLAIMS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("2025", "2024"), "utf-8")
    with pytest.raises(claims_db.DBError, match="changed on disk"):
        db.records  # noqa: B018


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "key", "offsets"])
def test_corrupt_snapshot_is_rebuilt(workspace: Path, damage: str) -> None:
    expected = run_check("news/contra.txt")
    snapshot = _snapshot()
    data = snapshot.read_bytes()
    if damage == "truncate":
        snapshot.write_bytes(data[: len(data) // 2])
    elif damage == "flip":  # one bit inside the records blob: the zip CRC-32 catches it
        middle = data.index(b"Nvidia reported revenue")
        snapshot.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    elif damage == "garbage":
        snapshot.write_bytes(b"not a snapshot")
    elif damage == "empty":
        snapshot.write_bytes(b"")
    else:
        with np.load(snapshot) as z:
            arrays = {name: z[name] for name in z.files}
        if damage == "key":
            meta = json.loads(arrays["meta"].tobytes())
            meta["key"] = "0" * 64
            arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        else:
            arrays["rec_off"] = arrays["rec_off"][::-1].copy()
        with snapshot.open("wb") as handle:
            np.savez(handle, **arrays)
    db = claims_db.load_db("claims")
    assert db._records is not None  # not trusted: parsed in full
    assert claims_db.load_db("claims")._records is None  # rewritten and trusted again
    again = run_check("news/contra.txt")
    assert (again.exit_code, again.output) == (expected.exit_code, expected.output)


def _realistic_db(n: int) -> None:
    """The workspace records plus n variants: every status, hedges, ranges, no spans."""
    rng = random.Random(7)
    base = claims_db.load_db("claims", snapshot=False).records
    records = list(base)
    for i in range(n):
        r = rng.choice(base)
        q = r.quantity
        scale = rng.choice([0.5, 0.9, 1.0, 1.0, 1.02, 1.5])
        value = None if q.value is None else q.value * scale
        first = r.provenance[0]
        if i % 5 == 0:
            first = dataclasses.replace(first, sentence_span=None, line=None)
        records.append(dataclasses.replace(
            r, id=f"c-{i:010x}", status=claims_db.STATUSES[i % 4],
            time=rng.choice([r.time, "FY2024-Q2", None]),
            quantity=dataclasses.replace(q, value=value,
                                         hedge=rng.choice([None, q.hedge, "about"])),
            provenance=(first, *r.provenance[1:]),
            context=f"{r.context} {rng.choice(['', 'quarter', 'year', 'sales'])}",
        ))  # fmt: skip
    with claims_db.writer_lock(Path("claims")):
        claims_db.save_records(Path("claims"), records)


def test_results_with_and_without_snapshot_are_identical(workspace: Path) -> None:
    _realistic_db(400)
    sources, _ = load_sources(["news/agree.txt", "news/contra.txt"])
    claims_db.load_db("claims")  # writes the snapshot
    warm = claims_db.load_db("claims")
    assert warm._records is None
    full = claims_db.load_db("claims", snapshot=False)
    # a low bar, so that every severity occurs among the fake embedder's scores
    with_snapshot = checker.check_sources(sources, warm, FakeEmbedder(), min_confidence=0.2)
    without = checker.check_sources(sources, full, FakeEmbedder(), min_confidence=0.2)
    assert warm._records is None  # checking never parsed the records
    assert with_snapshot.findings == without.findings
    assert with_snapshot.db_records == without.db_records == len(full.records)
    assert {f.severity for f in without.findings} >= {"error", "warning", "notice"}
    assert {f.db_status for f in without.findings} >= {"verified", "false", "disputed"}
    assert "retracted" not in {f.db_status for f in without.findings}
