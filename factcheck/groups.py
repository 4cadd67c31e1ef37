"""Grouping of pairwise verdicts into the units people read: agreeing groups.

Pairs are what the matcher decides; editors and the claims database think in groups
("these four sources say the same thing"). A group is a connected component of the
agree graph.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import PairVerdict


def agreement_groups(pairs: Iterable[PairVerdict]) -> list[tuple[str, ...]]:
    """Connected components of the agree pairs, each sorted, largest group first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving keeps trees shallow
            x = parent[x]
        return x

    for pair in pairs:
        if pair.verdict == "agree":
            root_a, root_b = find(pair.a), find(pair.b)
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)

    components: dict[str, list[str]] = {}
    for claim_id in parent:
        components.setdefault(find(claim_id), []).append(claim_id)
    groups = [tuple(sorted(members)) for members in components.values()]
    return sorted(groups, key=lambda g: (-len(g), g))


def contradiction_groups(pairs: Iterable[PairVerdict]) -> list[tuple[str, ...]]:
    """Connected components of the contradict pairs: one per disagreement an editor reads."""
    return agreement_groups(
        PairVerdict(p.a, p.b, "agree", p.score, p.why) for p in pairs if p.verdict == "contradict"
    )
