"""factcheck: offline, claim-level fact-checking across sources and languages.

    >>> import factcheck
    >>> report = factcheck.compare(["news/"])            # doctest: +SKIP
    >>> report.contradictions, report.agreements, report.singles   # doctest: +SKIP

The API (``compare``, ``Report``, ``Database``, ``source_from_text``) lives in
``factcheck.api`` and is loaded on first use, so that ``factcheck --help`` stays instant.
See docs/api.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import Database, Group, Report, compare, source_from_text
    from .model import Source

__all__ = ["Database", "Group", "Report", "Source", "compare", "source_from_text", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Database", "Group", "Report", "compare", "source_from_text"):
        from . import api

        return getattr(api, name)
    if name == "Source":
        from .model import Source

        return Source
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
