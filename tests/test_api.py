"""The Python API: the docs' examples run as doctests, and a fresh install's one-liner."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import factcheck

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.model
@pytest.mark.parametrize("page", ["api.md", "notebook.md"])
def test_the_docs_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the Database example opens this repository's claims/
    failures, tried = doctest.testfile(
        str(ROOT / "docs" / page), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert tried > 0 and failures == 0


@pytest.mark.model
def test_the_module_docstring_example_runs() -> None:
    import factcheck.api

    failures, tried = doctest.testmod(factcheck.api)
    assert tried > 0 and failures == 0


def test_importing_factcheck_loads_no_model_and_no_pipeline() -> None:
    code = (
        "import sys, factcheck; "
        "print(sorted(m for m in sys.modules if m.startswith(('factcheck.', 'numpy', 'faiss'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.model
def test_two_strings_in_memory_need_no_file(tmp_path: Path) -> None:
    code = (
        "import factcheck; r = factcheck.compare({'a': 'Nvidia said its China revenue was "
        "$17.1 billion in fiscal 2025.', 'b': 'Nvidia said its China revenue reached $19.7 "
        "billion in fiscal 2025.'}); print(len(r.contradictions))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "1"


def test_inputs_can_be_mixed_and_are_numbered_in_order(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("Orbita Motors delivered 118,432 vehicles in 2025.\n", "utf-8")
    source = factcheck.Source.from_text("Orbita Motors delivered 118,432 vehicles.", name="page")
    report = factcheck.compare([path, {"memo": "Orbita said 118,432."}, source], model="fake")
    assert [s.id for s in report.sources] == ["s1", "s2", "s3"]
    assert [Path(s.path).name for s in report.sources] == ["wire.txt", "memo", "page"]


def test_an_empty_text_is_a_problem_not_an_exception() -> None:
    report = factcheck.compare({"blank": "  ", "wire": "Shares fell 6.9%."}, model="fake")
    assert [(p.path, p.message) for p in report.problems] == [("blank", "empty file")]
    assert len(report.sources) == 1


def test_dataframes_per_claim_and_per_pair() -> None:
    report = factcheck.compare(
        {"a": "Orbita Motors delivered 118,432 vehicles in 2025.",
         "b": "Orbita Motors delivered 118,432 vehicles in 2025, it said."},
        model="fake",
    )  # fmt: skip
    assert len(report.to_dataframe()) == len(report.claims)
    assert list(report.to_dataframe("pairs").columns)[:3] == ["a", "b", "verdict"]
    with pytest.raises(ValueError, match="rows must be"):
        report.to_dataframe("groups")
