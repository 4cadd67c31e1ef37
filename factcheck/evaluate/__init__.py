"""How good factcheck is, measured: each module scores one thing.

- ``stories``: agree / contradict pairs against hand-labelled stories (``tests/heldout``);
- ``consistency``: figures extracted from aligned human translations (FLORES-200, TICO-19)
  that have an equal figure in the other script;
- ``gold``: extraction precision and recall against a hand-checked gold sample
  (``tests/gold``).

Run ``python -m factcheck.evaluate --help``.
"""

from .stories import Score, evaluate, format_table, score_story

__all__ = ["Score", "evaluate", "format_table", "score_story"]
