"""How sure a verdict is: the pair scorer's calibrated P(same claim), in numbers and words.

Every pair carries ``confidence``, the P(same claim) of the fitted pair scorer
(``factcheck/data/pairs_v4.json``), under either pairing. A contradiction at or above
``DEFAULT_MIN_CONFIDENCE`` is *strong*: it fails ``compare --fail-on-contradiction`` and
``factcheck check``. One below it is *possible*: reported, never a failure.
``--min-confidence`` moves the line.

Light on purpose (json and importlib only, no numpy): the CLI reads the default for its
``--help`` and ``--help`` stays instant.
"""

from __future__ import annotations

import json
from importlib import resources

SCORER = "pairs_v4"  # alignment.SCORER; not imported, alignment pulls in numpy


def _contradiction_threshold(name: str = SCORER) -> float:
    data = json.loads(resources.files("factcheck").joinpath(f"data/{name}.json").read_text("utf-8"))
    return float(data["contradiction_threshold"])


# Not a hand-set number: the threshold the scorer's fit chose for calling a contradiction
# (the P(same) above which the learned pairing accuses at all), so that both pairings and
# `check` fail on the same evidence. Retraining the scorer moves it.
DEFAULT_MIN_CONFIDENCE = _contradiction_threshold()


def confidence_words(confidence: float) -> str:
    """How sure, in words an editor reads."""
    if confidence >= 0.9:
        return "almost certainly the same claim"
    if confidence >= 0.7:
        return "very likely the same claim"
    if confidence >= 0.5:
        return "probably the same claim"
    if confidence >= 0.2:
        return "possibly the same claim"
    # below 0.2 the scorer's calibration bins saw one pair in ten or fewer be one claim
    return "unlikely to be the same claim"


def describe_confidence(confidence: float | None) -> str:
    """ "confidence 0.93, almost certainly the same claim" ("" when there is none)."""
    if confidence is None:
        return ""
    return f"confidence {confidence:.2f}, {confidence_words(confidence)}"


def is_strong(confidence: float | None, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> bool:
    """Whether a contradiction this sure fails CI. A pair without a confidence (an older
    report) counts as strong: before confidences, every contradiction failed."""
    return confidence is None or confidence >= min_confidence
