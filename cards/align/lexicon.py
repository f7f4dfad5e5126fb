"""A Russian-stem ↔ English-stem association table learned from confident 1-1 beads (Dice).

Candidates are ranked by Dice coefficient and linked competitively (Melamed 2000): the best pair is
taken first and each stem is linked once, so a frequent word cannot also claim its neighbours.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def learn(pairs: Iterable[tuple[frozenset[str], frozenset[str]]], min_count: int = 2,
          min_dice: float = 0.5) -> dict[str, tuple[str, ...]]:
    """Map Russian stems to English stems by competitive linking over Dice scores in `pairs`."""
    ru_count: Counter[str] = Counter()
    en_count: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for ru, en in pairs:
        ru_count.update(ru)
        en_count.update(en)
        joint.update((s, t) for s in ru for t in en)
    ranked = sorted(
        (-2.0 * c / (ru_count[s] + en_count[t]), -c, s, t)
        for (s, t), c in joint.items()
        if c >= min_count
    )
    table: dict[str, tuple[str, ...]] = {}
    used: set[str] = set()
    for neg_dice, _, s, t in ranked:
        if -neg_dice < min_dice:
            break
        if s in table or t in used:
            continue
        table[s] = (t,)
        used.add(t)
    return dict(sorted(table.items()))
