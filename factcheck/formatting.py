"""Figures as people read them: "$5.5 billion", "≥ 6%", "96 GB", "296 TFLOPS".

Shared by the HTML report, the reasons given for verdicts and the exports; periods too
("--04-16" -> "16 April (no year given)"), so that no raw label reaches an editor.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache

from .model import Quantity

_CURRENCY_PREFIX = {
    "USD": "$",
    "CNY": "¥",
    "RMB": "¥",
    "EUR": "€",
    "GBP": "£",
    "JPY": "JP¥",
    "HKD": "HK$",
    "TWD": "NT$",
    "KRW": "₩",
    "INR": "₹",
    "AUD": "A$",
    "CAD": "C$",
    "SGD": "S$",
}
_SCALE_WORDS = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
_SI_UNITS = {"B", "FLOPS", "B/s", "bit/s", "bps", "W", "Wh", "Hz", "OPS", "TOPS"}
_SI_KINDS = {"data", "compute", "bandwidth", "power", "energy", "frequency"}
_SI_PREFIXES = ("", "k", "M", "G", "T", "P", "E", "Z")
_HEDGE_SIGNS = {"more_than": ">", "at_least": "≥", "less_than": "<", "up_to": "≤"}


def _num(x: float) -> str:
    """1234.5 -> '1,234.5'; 5.50 -> '5.5'; -3 -> '−3' (a real minus sign)."""
    if math.isnan(x):
        return "?"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    ax = abs(x)
    if ax >= 100:
        text = f"{ax:,.2f}"
    elif ax >= 1:
        text = f"{ax:,.3f}"
    else:
        text = f"{ax:.4g}" if ax else "0"
        if "e" in text:
            text = f"{ax:.6f}"
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return ("−" if x < 0 and text != "0" else "") + text


# the SI prefix a figure was written with: "1,980 TFLOPS" stays in T, not 1.98 PFLOPS
_WRITTEN_PREFIX = re.compile(
    r"(?<![A-Za-z])(?P<p>[kKMGTPE])(?:i?B\b|b\b|FLOPS|flops|OPS|W\b|Wh|Hz|B/s|bps)"
    r"|(?P<w>kilo|mega|giga|tera|peta|exa)",
    re.IGNORECASE,
)
_PREFIX_WORDS = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E"}


def written_prefix(surface: str) -> str | None:
    m = _WRITTEN_PREFIX.search(surface)
    if m is None:
        return None
    if m.group("w"):
        return _PREFIX_WORDS[m.group("w").lower()]
    letter = m.group("p")
    return "k" if letter in "kK" else letter.upper()


def _scale(
    unit: str, kind: str, ref: float, written: str | None = None
) -> tuple[float, str, str]:
    """(divisor, prefix, suffix) so that a number reads ``prefix + _num(v / divisor) + suffix``."""
    ref = abs(ref) if math.isfinite(ref) else 0.0
    if kind == "money" or unit in _CURRENCY_PREFIX:
        prefix = _CURRENCY_PREFIX.get(unit, "")
        code = "" if prefix or not unit else f" {unit}"
        for div, word in _SCALE_WORDS:
            if ref >= div:
                return div, prefix, word + code
        return 1.0, prefix, code
    if unit == "%":
        return 1.0, "", "%"
    if unit == "pp":
        return 1.0, "", " pp"
    if unit == "x":
        return 1.0, "", "×"
    if unit == "M":  # an earthquake's magnitude: M7.1
        return 1.0, "M", ""
    if unit in _SI_UNITS or (kind in _SI_KINDS and unit):
        k = 0
        if written in _SI_PREFIXES:
            k = _SI_PREFIXES.index(written)
            # "1.6 billion kilowatt hours" reads 1.6 billion kWh, not 1,600,000,000 kWh
            for div, word in _SCALE_WORDS:
                if ref / 1000.0**k >= div:
                    return div * 1000.0**k, "", f"{word} {_SI_PREFIXES[k]}{unit}"
        else:
            while k + 1 < len(_SI_PREFIXES) and ref >= 1000.0 ** (k + 1):
                k += 1
        div = 1000.0**k
        if unit == "B" and k:
            # memory is often stored in powers of two: 96 GB -> 96 * 2**30
            bdiv = 1024.0**k
            if ref / bdiv == round(ref / bdiv) and ref / div != round(ref / div, 2):
                div = bdiv
        return div, "", f" {_SI_PREFIXES[k]}{unit}"
    if not unit:
        for div, word in _SCALE_WORDS:
            if ref >= div:
                return div, "", word
        return 1.0, "", ""
    return 1.0, "", f" {unit}"


def _fmt(v: float, unit: str, kind: str, written: str | None = None) -> str:
    div, prefix, suffix = _scale(unit, kind, v, written)
    sign = "−" if v < 0 else ""
    return f"{sign}{prefix}{_num(abs(v) / div)}{suffix}"


def _fmt_range(lo: float, hi: float, unit: str, kind: str, written: str | None = None) -> str:
    div, prefix, suffix = _scale(unit, kind, max(abs(lo), abs(hi)), written)
    return f"{prefix}{_num(lo / div)}–{_num(hi / div)}{suffix}"


# Units a figure is shown in when its source wrote them, by (kind, size of the unit in
# the base unit): "1.26 million mu" stays in mu, "150万桶" reads 1.5 million barrels, not
# litres. Figures are compared in base units; an editor reads them as written.
_SHOWN_UNITS = {
    ("length", 1609.344): "miles", ("length", 1e3): "km", ("length", 0.3048): "ft",
    ("length", 0.0254): "in", ("length", 1e-2): "cm", ("length", 1e-3): "mm",
    ("length", 1e-9): "nm", ("mass", 1e-3): "g", ("mass", 1e-6): "mg", ("mass", 1e-9): "μg",
    ("area", 2000 / 3): "mu", ("area", 1e4): "ha", ("area", 4046.8564224): "acres",
    ("area", 1e6): "km²",
    ("mass", 0.5): "jin", ("mass", 1e3): "t", ("mass", 0.45359237): "lb",
    ("volume", 158.987294928): "barrels", ("volume", 3.785411784): "gallons",
    ("volume", 35.2390704): "bushels",
    ("pressure", 100.0): "hPa", ("pressure", 1e3): "kPa",
    ("pressure", 133.322387415): "mmHg",  # quantities.MMHG
    ("speed", 0.44704): "mph", ("speed", 1 / 3.6): "km/h",
    ("duration", 60.0): "minutes", ("duration", 3600.0): "hours",
    ("duration", 86400.0): "days", ("duration", 604800.0): "weeks",
    ("duration", 2629800.0): "months", ("duration", 31557600.0): "years",
}  # fmt: skip
_PLURALS = frozenset({"minutes", "hours", "days", "weeks", "months", "years", "miles", "acres",
                      "barrels", "gallons", "bushels"})  # fmt: skip
# A span of time that names no single unit ("14年6個月", "2小时17分") is shown in the
# largest unit it makes at least one of, never as a count of seconds
_DURATION_STEPS = ((31557600.0, "years"), (2629800.0, "months"), (86400.0, "days"),
                   (3600.0, "hours"), (60.0, "minutes"))  # fmt: skip


_NUMBERS_IN = re.compile(r"\d+(?:\.\d+)?|[一二两兩三四五六七八九十]+")


def _written_unit(q: Quantity) -> tuple[float, str] | None:
    """(size, name) of the unit the surface was written in, when it is one of _SHOWN_UNITS."""
    from .quantities import written_unit_factor

    factor = written_unit_factor(q.surface, q.kind or "")
    if q.kind == "duration" and len(_NUMBERS_IN.findall(q.surface)) > 1:
        factor = None  # "2小时17分08秒", "3至8天": no single unit written with one number
    if factor is None and q.kind == "speed":
        # "时速100公里", "每小时185公里": a distance unit, per hour from the words around it
        per_hour = {1e3: 1 / 3.6, 1609.344: 0.44704}
        factor = per_hour.get(written_unit_factor(q.surface, "length") or 0.0)
    if factor is None and q.kind == "duration":
        largest = max(abs(v) for v in (q.value, q.low, q.high, 0.0) if v is not None)
        if largest < 86400.0:
            return 1.0, _HMS  # "2 h 17 min 8 s"
        return next(((size, name) for size, name in _DURATION_STEPS if largest >= size), None)
    if factor is None:
        return None
    for (kind, size), name in _SHOWN_UNITS.items():
        if kind == q.kind and math.isclose(size, factor, rel_tol=1e-9):
            return size, name
    return None


_HMS = "h min s"


def _hours_minutes_seconds(seconds: float) -> str:
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    hours, rest = divmod(seconds, 3600.0)
    minutes, secs = divmod(rest, 60.0)
    parts = [f"{int(hours)} h"] if hours else []
    if minutes:
        parts.append(f"{int(minutes)} min")
    if secs or not parts:
        parts.append(f"{_num(round(secs, 3))} s")
    return sign + " ".join(parts)


def _fmt_written(x: float, size: float, name: str) -> str:
    if name == _HMS:
        return _hours_minutes_seconds(x)
    value = x / size
    if name in _PLURALS and math.isclose(abs(value), 1.0):
        name = name[:-1]  # "1 week", not "1 weeks"
    for div, word in _SCALE_WORDS:
        if abs(value) >= div:
            return f"{_num(value / div)}{word} {name}"
    return f"{_num(value)} {name}"


@lru_cache(maxsize=65536)  # a claim's figure is described once per pair it is in
def format_quantity(q: Quantity) -> tuple[str, str]:
    """(value_text, interval_text) for a quantity, e.g. ("≥ 6%", "") or
    ("≈ $5.5 billion", "$5.45–5.55 billion"). Unparsed values read "—"."""
    unit, kind = q.unit or "", q.kind or ""
    if kind == "temperature" and unit == "C":
        return _hedged(q, *_degrees_as_written(q))
    if (written := _written_unit(q)) is not None:
        size, name = written

        def one(x: float) -> str:
            return _fmt_written(x, size, name)

        def span(lo: float, hi: float) -> str:
            return f"{one(lo)}–{one(hi)}"
    else:
        w = written_prefix(q.surface) if kind in _SI_KINDS or unit in _SI_UNITS else None

        def one(x: float) -> str:
            return _fmt(x, unit, kind, w)

        def span(lo: float, hi: float) -> str:
            return _fmt_range(lo, hi, unit, kind, w)

    return _hedged(q, one, span)


# a temperature is compared in Celsius and shown in the scale its source wrote: "98°F",
# 华氏98度 read "98 °F", not "36.667 C"
_FAHRENHEIT_WRITTEN = re.compile(r"°\s*F|℉|(?i:fahrenheit)|[华華]氏|\d[ \t]?F\b")


def _degrees_as_written(
    q: Quantity,
) -> tuple[Callable[[float], str], Callable[[float, float], str]]:
    if _FAHRENHEIT_WRITTEN.search(q.surface):
        def shown(x: float) -> float:
            return round(x * 9 / 5 + 32, 1)

        sign = "°F"
    else:
        def shown(x: float) -> float:
            return round(x, 1)

        sign = "°C"

    def one(x: float) -> str:
        return f"{'−' if shown(x) < 0 else ''}{_num(abs(shown(x)))} {sign}"

    def span(lo: float, hi: float) -> str:
        return f"{_num(shown(lo))}–{_num(shown(hi))} {sign}"

    return one, span


def _hedged(
    q: Quantity, one: Callable[[float], str], span: Callable[[float, float], str]
) -> tuple[str, str]:
    """The value text for ``q`` with its hedge or range, numbers written by ``one``/``span``."""
    lo, hi, v = q.low, q.high, q.value
    if lo is not None and hi is not None and lo != hi:
        rng = span(lo, hi)
        if q.hedge == "about" and v is not None:
            return f"≈ {one(v)}", rng
        return rng, ""
    if lo is not None and hi is None:
        sign = _HEDGE_SIGNS.get(q.hedge or "", "≥")
        return f"{sign if sign in '>≥' else '≥'} {one(lo)}", ""
    if hi is not None and lo is None:
        sign = _HEDGE_SIGNS.get(q.hedge or "", "≤")
        return f"{sign if sign in '<≤' else '≤'} {one(hi)}", ""
    value = v if v is not None else lo if lo is not None else hi
    if value is None:
        return "—", ""
    text = one(value)
    return (f"≈ {text}" if q.hedge == "about" else text), ""


# ------------------------------------------------------------------ periods

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def describe_time(label: str | None) -> str:
    """A time-scope label as an editor reads it: "--04-16" -> "16 April (no year given)",
    "2025-Q1" -> "Q1 2025", "FY2025-Q1" -> "Q1 of fiscal 2025", "last-year" -> "last year".
    Labels it does not know are returned as they are (the report cleans what it shows)."""
    label = (label or "").strip()
    if not label:
        return ""

    def month(mm: str) -> str | None:
        n = int(mm)
        return _MONTH_NAMES[n - 1] if 1 <= n <= 12 else None

    m = re.fullmatch(r"(\d{4}|--)-?(\d{2})(?:-(\d{2}))?", label)
    if m and month(m.group(2)):
        year, name, day = m.group(1), month(m.group(2)), m.group(3)
        text = f"{int(day)} {name}" if day else f"{name}"
        return f"{text} {year}" if year != "--" else f"{text} (no year given)"
    m = re.fullmatch(r"(?:(\d{4})-|--)([QH][1-4])", label)
    if m:
        return f"{m.group(2)} {m.group(1)}" if m.group(1) else f"{m.group(2)} (no year given)"
    m = re.fullmatch(r"FY(\d{4})?(?:-(Q[1-4]))?", label)
    if m and m.group(1):
        return f"{m.group(2)} of fiscal {m.group(1)}" if m.group(2) else f"fiscal {m.group(1)}"
    if m and m.group(2):
        return f"fiscal {m.group(2)} (no year given)"
    m = re.fullmatch(r"weekday-([1-7])", label)
    if m:
        return _WEEKDAY_NAMES[int(m.group(1)) - 1]
    if re.fullmatch(r"(last|this|next)-(year|quarter|month|week)", label):
        return label.replace("-", " ")
    return label


NO_YEAR = " (no year given)"


def describe_periods(a: str | None, b: str | None) -> str:
    """Two periods in words, for a reason: "19 August vs 16 April, no year given"."""
    words_a, words_b = describe_time(a) or "no period", describe_time(b) or "no period"
    if words_a.endswith(NO_YEAR) and words_b.endswith(NO_YEAR):
        return f"{words_a.removesuffix(NO_YEAR)} vs {words_b.removesuffix(NO_YEAR)}, no year given"
    note = ", no year given"
    return f"{words_a.replace(NO_YEAR, note)} vs {words_b.replace(NO_YEAR, note)}"


def describe_dated(source_id: str, label: str | None) -> str:
    """Which source alone gives a period, and which: "only s1 says when (April, no year
    given)"; the claims database of `factcheck check` is "the database"."""
    who = "the database" if source_id == "db" else source_id
    return f"only {who} says when ({describe_time(label).replace(NO_YEAR, ', no year given')})"
