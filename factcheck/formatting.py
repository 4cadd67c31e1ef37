"""Figures as people read them: "$5.5 billion", "≥ 6%", "96 GB", "296 TFLOPS".

Shared by the HTML report, the reasons given for verdicts and the exports.
"""

from __future__ import annotations

import math
import re

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
    if unit in _SI_UNITS or (kind in _SI_KINDS and unit):
        k = 0
        if written in _SI_PREFIXES:
            k = _SI_PREFIXES.index(written)
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


def format_quantity(q: Quantity) -> tuple[str, str]:
    """(value_text, interval_text) for a quantity, e.g. ("≥ 6%", "") or
    ("≈ $5.5 billion", "$5.45–5.55 billion"). Unparsed values read "—"."""
    unit, kind = q.unit or "", q.kind or ""
    lo, hi, v = q.low, q.high, q.value
    w = written_prefix(q.surface) if kind in _SI_KINDS or unit in _SI_UNITS else None
    if lo is not None and hi is not None and lo != hi:
        rng = _fmt_range(lo, hi, unit, kind, w)
        if q.hedge == "about" and v is not None:
            return f"≈ {_fmt(v, unit, kind, w)}", rng
        return rng, ""
    if lo is not None and hi is None:
        sign = _HEDGE_SIGNS.get(q.hedge or "", "≥")
        return f"{sign if sign in '>≥' else '≥'} {_fmt(lo, unit, kind, w)}", ""
    if hi is not None and lo is None:
        sign = _HEDGE_SIGNS.get(q.hedge or "", "≤")
        return f"{sign if sign in '<≤' else '≤'} {_fmt(hi, unit, kind, w)}", ""
    if v is None:
        v = lo if lo is not None else hi
    if v is None:
        return "—", ""
    text = _fmt(v, unit, kind, w)
    return (f"≈ {text}" if q.hedge == "about" else text), ""
