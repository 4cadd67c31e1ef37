"""Every Python example in README.md and docs/ runs, as written.

Doctest-style blocks (``>>>``) are run by tests/test_api.py; the plain blocks here are
executed one after another in a scratch folder laid out as the examples assume: a
``news/`` folder (the bundled example corpus), this repository's ``claims/``, a report
``reports/h20.json`` and a draft ``drafts/a.txt``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _blocks() -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text("utf-8")
        for n, match in enumerate(BLOCK.finditer(text)):
            if ">>> " not in match.group(1):
                found.append((page.name, n, match.group(1)))
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import factcheck
    from factcheck.pipeline import example_corpus

    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(example_corpus(), root / "news")
    shutil.copytree(ROOT / "claims", root / "claims")
    (root / "reports").mkdir()
    factcheck.compare([example_corpus()]).write_json(root / "reports" / "h20.json")
    (root / "drafts").mkdir()
    (root / "drafts" / "a.txt").write_text(
        "Nvidia said it would take a $5.5 billion charge on H20 inventory.\n", "utf-8"
    )
    return root


def test_there_are_examples_to_run() -> None:
    assert {page for page, _, _ in _blocks()} >= {"README.md", "claims-db.md"}


@pytest.mark.model
@pytest.mark.parametrize(("page", "n", "code"), _blocks(), ids=lambda v: str(v)[:20])
def test_the_example_runs(
    page: str, n: int, code: str, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    exec(compile(code, f"{page}[{n}]", "exec"), {"__name__": f"example_{n}"})


COMMAND_PAGES = [ROOT / "README.md", ROOT / "docs" / "claims-db.md"]
SHELL_BLOCK = re.compile(r"```(?:bash|sh)\n(.*?)```", re.DOTALL)


def _commands() -> list[tuple[str, str]]:
    """The `factcheck ...` lines of the pages' shell examples (placeholders left out)."""
    found = []
    for page in COMMAND_PAGES:
        for block in SHELL_BLOCK.findall(page.read_text("utf-8")):
            for line in block.splitlines():
                command = line.split("#", 1)[0].strip()
                if command.startswith("factcheck ") and "SOURCE..." not in command:
                    found.append((page.name, command))
    return found


@pytest.fixture(scope="module")
def shell_workspace(workspace: Path) -> Path:
    from factcheck.pipeline import example_corpus

    corpus = example_corpus()
    shutil.copy(corpus / "wire_en.txt", workspace / "a.txt")
    shutil.copy(corpus / "chipwatch_explainer.html", workspace / "b.html")
    shutil.copy(corpus / "chipwatch_explainer.html", workspace / "new-article.html")
    shutil.copy(workspace / "reports" / "h20.json", workspace / "report.json")
    return workspace


@pytest.mark.model
@pytest.mark.parametrize(("page", "command"), _commands(), ids=lambda v: str(v)[:40])
def test_the_shell_example_runs(
    page: str, command: str, shell_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    from click.testing import CliRunner

    from factcheck.cli import cli

    args = shlex.split(command)[1:]
    if "--model" in args and args[args.index("--model") + 1] != "fake":
        pytest.importorskip("sentence_transformers", reason="the st extra: factcheck[st]")
    monkeypatch.chdir(shell_workspace)
    result = CliRunner().invoke(cli, args)
    # 1 is an answer (a contradiction found) where a command promises it, else a failure
    answers = (0, 1) if args[0] == "check" or "--fail-on-contradiction" in args else (0,)
    assert result.exit_code in answers, f"{command}: {result.output}"
