"""The docs that are generated or promised stay true."""

import json
from pathlib import Path

from factcheck import clidocs

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text("utf-8") == clidocs.render(), (
        "docs/cli.md is stale: run `python -m factcheck.clidocs > docs/cli.md`"
    )


def test_json_contract_example_is_valid_json_with_the_documented_fields() -> None:
    text = (ROOT / "docs" / "json.md").read_text("utf-8")
    example = text.split("```json", 1)[1].split("```", 1)[0]
    report = json.loads(example)
    assert report["schema"] == "factcheck.compare/2"
    claim = report["claims"][0]
    assert set(claim) >= {"id", "source", "lang", "text", "subject", "time", "quantity"}
    assert set(claim["quantity"]) >= {"surface", "span", "value", "low", "high", "unit", "kind"}
    assert set(report["pairs"][0]) >= {"a", "b", "verdict", "score", "why", "confidence"}
