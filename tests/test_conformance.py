"""Conformance of the quantity parser against Microsoft Recognizers-Text spec files.

Rates never drop below the committed baseline (tests/conformance_baseline.json, rates
rounded down to 3 decimals).  Regenerate the baseline after a real improvement with
``python -m factcheck.conformance`` and edit the JSON by hand.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from factcheck.conformance import DEFAULT_ROOT, SPEC_FILES, score_file

BASELINE = json.loads((Path(__file__).with_name("conformance_baseline.json")).read_text())

pytestmark = pytest.mark.skipif(
    not DEFAULT_ROOT.is_dir(),
    reason=f"conformance specs not found: {DEFAULT_ROOT} (../shared/conformance is absent)",
)


@pytest.mark.parametrize("rel", SPEC_FILES)
def test_rate_not_below_baseline(rel: str) -> None:
    fs = score_file(DEFAULT_ROOT / rel)
    base = BASELINE[rel]
    assert math.floor(fs.rate * 1000) / 1000 >= base["rate"], (fs.passed, fs.total)
    assert math.floor(fs.ref_rate * 1000) / 1000 >= base["ref_rate"], (fs.ref_passed, fs.ref_total)
