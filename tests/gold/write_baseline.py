"""Rewrite tests/extraction_baseline.json from a fresh measurement (floors, 2 decimals down).

Run after an extraction change that moves the scores, and commit the result with it:
``python tests/gold/write_baseline.py``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from factcheck.evaluate.consistency import consistency
from factcheck.evaluate.gold import score_gold

# the aligned corpora whose consistency floors tests/test_extraction_gold.py guards
GUARDED = (
    "flores-devtest", "tico19", "written-en", "written-zh", "written-hant", "written-wiki",
    "written-feature", "written-local", "written-hk", "written-markets", "written-science",
    "written-bulletin", "written-uk", "written-sport", "written-emerg", "written-sea",
    "written-talk", "written-tech", "written-tw", "written-us", "written-brief", "written-india",
    "written-ent", "written-anz", "written-astock", "written-health", "written-mobility",
)


def floor2(x: float) -> float:
    return math.floor(x * 100 + 1e-9) / 100


def main() -> None:
    gold = {
        split: {
            lang: {"precision": floor2(s.precision), "recall": floor2(s.recall)}
            for lang, s in by_lang.items()
            if lang != "all"
        }
        for split, by_lang in score_gold().items()
    }
    cons: dict[str, dict[str, dict[str, float]]] = {}
    for pair in consistency(GUARDED):
        cons.setdefault(pair.corpus, {})[f"{pair.a}~{pair.b}"] = {
            lang: floor2(side.share) for lang, side in pair.sides.items()
        }
    out = Path(__file__).parents[1] / "extraction_baseline.json"
    out.write_text(json.dumps({"gold": gold, "consistency": cons}, indent=1) + "\n", "utf-8")
    print(out.read_text("utf-8"))


if __name__ == "__main__":
    main()
