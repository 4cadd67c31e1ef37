"""Score :func:`factcheck.quantities.extract_quantities` on Microsoft Recognizers-Text specs.

The spec files (``../shared/conformance/recognizers-text`` relative to the project root)
are JSON lists of cases ``{"Input", "Results": [{"Text", "Start", "End", "TypeName",
"Resolution"}]}`` where ``End`` is inclusive.

Excluded cases
--------------
A case carrying a ``NotSupported`` or ``NotSupportedByDesign`` key is excluded from the
score and counted separately (``excluded``; how many of those we would pass anyway is
reported as ``excluded_passed``, for information only).

Pass criterion (per case, strict)
---------------------------------
1. Every expected result is matched by a *distinct* extracted quantity whose span overlaps
   the expected span and whose value agrees within 1e-9 relative (1e-9 absolute near 0):

   * ``number``: the quantity's bare numeral (scale words applied, unit conversion not
     applied, see :func:`extract_with_numerals`) equals the expected value.  A number the
     spec resolves inside a wider quantity ("5 million" inside "$5 million") matches.
   * ``percentage``: kind ``percent`` or ``percentage_point`` (the spec does not tell
     them apart: it resolves "2.4个百分点" as "2.4%") and ``value`` equals the number
     before "%".
   * ``currency``: kind ``money``, numeral equals the expected value, and when the spec
     gives an ``isoCurrency`` our ``unit`` must be that code.  Results without a value
     (a bare currency name) cannot be matched.
   * ``dimension``: ``value`` (our base unit) equals the expected value times the factor
     of the spec's unit in our base unit (``_SPEC_UNITS``); unknown spec units fail.
   * ``numberrange``: the interval string ("(20,35]", "[50,)", "(,40]") must match our
     ``low``/``high``; for a one-sided interval the bracket must also match the hedge:
     "(" more_than, "[" at_least, ")" less_than, "]" up_to.  Two-sided: hedge "range"
     (we do not model open/closed ends of a two-sided range).
2. No *extra* quantity of the file's type: a quantity that overlaps no expected result
   fails the case if it is relevant to the file (number file: any quantity; percent: kind
   percent/percentage_point; currency: money; dimension: physical kinds; range: any hedged
   or ranged quantity).  Cases expecting no result therefore test false positives.

Second score ("ref")
--------------------
Nearly every range case is marked NotSupported for some port (javascript, python...), which
leaves the strict score of the range files empty.  So the table also reports a *ref* score
over all cases except those the reference .NET implementation itself does not support
(``dotnet`` listed in NotSupported / NotSupportedByDesign), with the same pass criterion.

Run ``python -m factcheck.conformance [-v] [SPEC_ROOT]`` for the table (-v lists failures).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.model import Quantity
from factcheck.quantities import extract_with_numerals

DEFAULT_ROOT = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "conformance" / ("recognizers-text")
)

SPEC_FILES = (
    "Number/English/NumberModel.json",
    "Number/English/PercentModel.json",
    "Number/English/NumberRangeModel.json",
    "Number/Chinese/NumberModel.json",
    "Number/Chinese/PercentModel.json",
    "Number/Chinese/NumberRangeModel.json",
    "NumberWithUnit/English/CurrencyModel.json",
    "NumberWithUnit/English/DimensionModel.json",
    "NumberWithUnit/Chinese/CurrencyModel.json",
    "NumberWithUnit/Chinese/DimensionModel.json",
)

# spec unit name -> (our canonical unit, factor to our base unit)
_SPEC_UNITS: dict[str, tuple[str, float]] = {
    "Mu": ("m2", 2000 / 3),
    "Kilogram": ("kg", 1.0),
    "Gram": ("kg", 1e-3),
    "Microgram": ("kg", 1e-9),
    "Milligram": ("kg", 1e-6),
    "Ton": ("kg", 1e3),
    "Metric ton": ("kg", 1e3),
    "Jin": ("kg", 0.5),
    "Pound": ("kg", 0.45359237),
    "Ounce": ("kg", 0.028349523125),
    "Centimeter": ("m", 1e-2),
    "Meter": ("m", 1.0),
    "Kilometer": ("m", 1e3),
    "Millimeter": ("m", 1e-3),
    "Decimeter": ("m", 0.1),
    "Picometer": ("m", 1e-12),
    "Nanometer": ("m", 1e-9),
    "Inch": ("m", 0.0254),
    "Foot": ("m", 0.3048),
    "Mile": ("m", 1609.344),
    "Square meter": ("m2", 1.0),
    "Square kilometer": ("m2", 1e6),
    "Acre": ("m2", 4046.8564224),
    "Milliliter": ("l", 1e-3),
    "Liter": ("l", 1.0),
    "Gallon": ("l", 3.785411784),
    "Barrel": ("l", 158.987294928),
    "Bit": ("B", 1 / 8),
    "Byte": ("B", 1.0),
    "Kilobyte": ("B", 1e3),
    "Megabyte": ("B", 1e6),
    "Gigabyte": ("B", 1e9),
    "Terabyte": ("B", 1e12),
    "Megabit": ("B", 1e6 / 8),
    "Gigabit": ("B", 1e9 / 8),
    "Mile per hour": ("m/s", 0.44704),
    "Kilometer per hour": ("m/s", 1 / 3.6),
    "Cubic foot": ("l", 28.316846592),
}
_PHYSICAL = {
    "data",
    "bandwidth",
    "compute",
    "power",
    "length",
    "frequency",
    "mass",
    "area",
    "volume",
    "speed",
}


@dataclass
class CaseResult:
    input: str
    passed: bool
    excluded: bool
    dotnet_excluded: bool  # the reference .NET implementation does not support it either
    reason: str  # "" when passed
    expected: list[dict[str, object]] = field(default_factory=list)
    got: list[tuple[str, int, int, float | None, str, str, str | None]] = field(
        default_factory=list
    )


@dataclass
class FileScore:
    path: str
    passed: int
    total: int
    excluded: int
    excluded_passed: int
    ref_passed: int
    ref_total: int
    cases: list[CaseResult]

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @property
    def ref_rate(self) -> float:
        return self.ref_passed / self.ref_total if self.ref_total else 0.0


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _num(s: object) -> float | None:
    if s is None:
        return None
    text = str(s).strip().rstrip("%")
    if not text or text == "null":
        return None
    try:
        return float(text)
    except ValueError:
        return None


_INTERVAL_RE = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^,\])]*)\s*([\])])$")


def _relevant(kind_of_file: str, q: Quantity) -> bool:
    if kind_of_file == "number":
        return True
    if kind_of_file == "percentage":
        return q.kind in ("percent", "percentage_point")
    if kind_of_file == "currency":
        return q.kind == "money"
    if kind_of_file == "dimension":
        return q.kind in _PHYSICAL
    return q.hedge is not None  # numberrange


def _matches(exp: dict[str, object], q: Quantity, numeral: float) -> bool:
    start = int(str(exp["Start"]))
    end = int(str(exp["End"])) + 1
    if not (q.start < end and start < q.end):
        return False
    res = exp.get("Resolution") or {}
    assert isinstance(res, dict)
    type_name = str(exp.get("TypeName", ""))
    value = _num(res.get("value"))
    if type_name == "number":
        return value is not None and (_close(numeral, value) or _close(q.value, value))
    if type_name == "percentage":
        return (
            value is not None
            and q.kind in ("percent", "percentage_point")
            and _close(q.value, value)
        )
    if type_name == "currency":
        iso = res.get("isoCurrency")
        return (
            value is not None
            and q.kind == "money"
            and _close(numeral, value)
            and (iso is None or q.unit == iso)
        )
    if type_name == "dimension":
        unit = _SPEC_UNITS.get(str(res.get("unit")))
        if value is None or unit is None or q.value is None:
            return False
        return q.unit == unit[0] and _close(q.value, value * unit[1])
    if type_name == "numberrange":
        m = _INTERVAL_RE.match(str(res.get("value", "")))
        if m is None:
            return False
        lo, hi = _num(m.group(2)), _num(m.group(3))
        if lo is not None and hi is not None:
            return q.hedge == "range" and _close(q.low, lo) and _close(q.high, hi)
        if lo is not None:
            want = "more_than" if m.group(1) == "(" else "at_least"
            return q.hedge == want and _close(q.low, lo) and q.high is None
        if hi is not None:
            want = "less_than" if m.group(4) == ")" else "up_to"
            return q.hedge == want and _close(q.high, hi) and q.low is None
    return False


def score_case(case: dict[str, object], kind_of_file: str) -> CaseResult:
    text = str(case["Input"])
    raw = case.get("Results") or []
    expected = [r for r in raw if isinstance(r, dict)] if isinstance(raw, list) else []
    excluded = "NotSupported" in case or "NotSupportedByDesign" in case
    dotnet_excluded = any(
        "dotnet" in str(case.get(k, "")).lower() for k in ("NotSupported", "NotSupportedByDesign")
    )
    got = extract_with_numerals(text)
    used: set[int] = set()
    reason = ""
    for exp in expected:
        hit = next(
            (i for i, (q, n) in enumerate(got) if i not in used and _matches(exp, q, n)), None
        )
        if hit is None:
            reason = f"missed {exp.get('Text')!r} = {exp.get('Resolution')}"
            break
        used.add(hit)
    if not reason:
        for i, (q, _) in enumerate(got):
            if i in used or not _relevant(kind_of_file, q):
                continue
            overlaps = any(
                q.start <= int(str(e["End"])) and int(str(e["Start"])) < q.end for e in expected
            )
            if not overlaps:
                reason = f"extra {q.surface!r} ({q.kind} {q.value} {q.unit})"
                break
    return CaseResult(
        input=text,
        passed=not reason,
        excluded=excluded,
        dotnet_excluded=dotnet_excluded,
        reason=reason,
        expected=expected,
        got=[(q.surface, q.start, q.end, q.value, q.unit, q.kind, q.hedge) for q, _ in got],
    )


def _file_kind(path: str) -> str:
    name = Path(path).name
    return {
        "NumberModel.json": "number",
        "PercentModel.json": "percentage",
        "NumberRangeModel.json": "numberrange",
        "CurrencyModel.json": "currency",
        "DimensionModel.json": "dimension",
    }[name]


def score_file(path: str | Path) -> FileScore:
    """Score one spec file: passed/total over the non-excluded cases, plus details."""
    path = Path(path)
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    kind = _file_kind(str(path))
    results = [score_case(c, kind) for c in cases]
    scored = [r for r in results if not r.excluded]
    excl = [r for r in results if r.excluded]
    ref = [r for r in results if not r.dotnet_excluded]
    return FileScore(
        path=str(path),
        passed=sum(r.passed for r in scored),
        total=len(scored),
        excluded=len(excl),
        excluded_passed=sum(r.passed for r in excl),
        ref_passed=sum(r.passed for r in ref),
        ref_total=len(ref),
        cases=results,
    )


def score(path: str | Path) -> tuple[int, int, list[CaseResult]]:
    """(passed, total, per-case details) for one spec file."""
    fs = score_file(path)
    return fs.passed, fs.total, fs.cases


def score_all(root: str | Path = DEFAULT_ROOT) -> list[FileScore]:
    root = Path(root)
    return [score_file(root / rel) for rel in SPEC_FILES if (root / rel).exists()]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    root = Path(args[0]) if args else DEFAULT_ROOT
    if not root.is_dir():
        print(f"spec folder not found: {root}", file=sys.stderr)
        return 2
    scores = score_all(root)
    print(
        f"{'file':44} {'passed':>6} {'total':>6} {'rate':>6} {'excl':>5} {'excl_ok':>7}"
        f" {'ref_ok':>6} {'ref_n':>6} {'ref_rate':>8}"
    )
    for fs in scores:
        rel = str(Path(fs.path).relative_to(root))
        print(
            f"{rel:44} {fs.passed:6d} {fs.total:6d} {fs.rate:6.3f} {fs.excluded:5d} "
            f"{fs.excluded_passed:7d} {fs.ref_passed:6d} {fs.ref_total:6d} {fs.ref_rate:8.3f}"
        )
        if verbose:
            for c in fs.cases:
                if not c.passed and not c.dotnet_excluded:
                    print(f"    FAIL {c.input[:70]!r}: {c.reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
