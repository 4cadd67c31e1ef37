"""Hand-built claims for verdict and matching tests."""

from __future__ import annotations

import itertools

from factcheck.model import Claim, Quantity, Sentence

_ids = itertools.count(1)


def make_claim(
    source: str,
    value: float | None,
    *,
    unit: str = "USD",
    kind: str = "money",
    low: float | None = None,
    high: float | None = None,
    hedge: str | None = None,
    tolerance: float = 0.0,
    entities: tuple[str, ...] = ("NVIDIA",),
    metric: str | None = "revenue",
    time: str | None = None,
    surface: str = "figure",
    text: str | None = None,
    lang: str = "en",
) -> Claim:
    text = text or f"The {metric or 'figure'} was {surface}."
    start = text.find(surface) if surface in text else 0
    sentence = Sentence(0, len(text), text, lang)  # type: ignore[arg-type]
    quantity = Quantity(
        surface=surface,
        start=start,
        end=start + len(surface),
        value=value,
        low=low,
        high=high,
        unit=unit,
        kind=kind,
        hedge=hedge,
        tolerance=tolerance,
    )
    entity = entities[0] if entities else None
    return Claim(
        id=f"{source}:c{next(_ids)}",
        source_id=source,
        sentence=sentence,
        quantity=quantity,
        subject=f"{entity or ''} {metric or kind}".strip(),
        entity=entity,
        metric=metric,
        time=time,
        context=text,
        lang=lang,  # type: ignore[arg-type]
        entities=entities,
    )
