"""Progress reporting for long runs, kept free of heavy imports (the CLI loads it at once)."""

from __future__ import annotations

import sys
from typing import Any


class Progress:
    """Reports progress per stage; the default reports nowhere (library use, tests)."""

    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class TqdmProgress(Progress):
    """A progress bar per stage on stderr, for people watching a terminal."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, stage: str, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, desc=stage, unit="item", leave=False, file=sys.stderr)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def for_terminal(quiet: bool) -> Progress:
    """A bar when a person is watching stderr, silence otherwise (pipes, CI, --quiet)."""
    return Progress() if quiet or not sys.stderr.isatty() else TqdmProgress()
