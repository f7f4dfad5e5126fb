"""Collocations: the multi-word units of a sentence worth teaching as one (повестка дня, политические
заключённые, принять решение), found by pattern (noun+gen, adj+noun, verb+noun) over analysed tokens
and scored by frequency and repetition. Public: collocations, collocation_scores."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from cards.lexicon.analyser import parses, strip_stress, zipf
from cards.lexicon.morph import is_content
from cards.model import Lemma, Token

TRIVIAL_ZIPF = 6.0  # быть, мочь, год …: too common to be part of a unit worth teaching
# A unit seen once is kept when its words are rare enough to be vocabulary, not free combinations
# (политические заключённые, двусторонние переговоры; not белорусский президент, прошлый год).
MODIFIER_ZIPF = 4.8  # adjective and noun of adj+noun; head of noun+genitive
OBJECT_ZIPF = 5.4  # the object noun of verb+noun (принять решение, снять санкции)
COPULAS = frozenset("быть стать являться становиться оказаться оказываться остаться оставаться".split())
# Tighter units first: повестка дня wins over обсудить повестку, политические заключённые over
# освободить политических заключённых.
PATTERN_PRIOR = {"noun+gen": 1.5, "adj+noun": 1.0, "verb+noun": 0.75}


@dataclass(frozen=True)
class Collocation:
    """A candidate unit: token span [start, stop), its pattern, its lemmas and its score."""

    start: int
    stop: int
    pattern: str
    lemmas: tuple[str, ...]
    score: float
    kept: bool


def _adjacent_tokens(tokens: Sequence[Token], i: int) -> bool:
    """Tokens i and i + 1 are separated by one space only (no punctuation)."""
    return tokens[i + 1].start - tokens[i].stop == 1


def _can_be(token: Token, cases: tuple[str, ...]) -> bool:
    """The token has a noun (or substantivised) reading in one of the cases."""
    word = strip_stress(token.text).lower()
    return any(p.tag.case in cases for p in parses(word) if p.tag.POS in ("NOUN", "PRTF", "ADJF"))


def _usable(token: Token, pos: str) -> bool:
    lemma = token.lemma
    return lemma.pos == pos and is_content(lemma) and zipf(lemma.lemma) < TRIVIAL_ZIPF


def _candidates(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """adj+noun (политические заключённые), verb+(adj)+noun object (заключить сделку) and
    noun+genitive noun (повестка дня), within a stretch without punctuation."""
    found = []
    n = len(tokens)
    for i in range(n - 1):
        if not _adjacent_tokens(tokens, i):
            continue
        a, b = tokens[i], tokens[i + 1]
        if _usable(a, "adj") and _usable(b, "noun"):
            found.append((i, i + 2, "adj+noun"))
        if _usable(a, "noun") and _usable(b, "noun") and _can_be(b, ("gent",)):
            chain = i + 2 < n and _adjacent_tokens(tokens, i + 1) and tokens[i + 2].lemma.pos == "noun"
            if not chain:  # снятии ряда санкций: ряд heads the next noun
                found.append((i, i + 2, "noun+gen"))
        if _usable(a, "verb") and a.lemma.lemma not in COPULAS:
            if _usable(b, "noun") and _can_be(b, ("accs", "gent")):
                found.append((i, i + 2, "verb+noun"))
            elif (
                b.lemma.pos == "adj"
                and i + 2 < n
                and _adjacent_tokens(tokens, i + 1)
                and _usable(tokens[i + 2], "noun")
                and _can_be(tokens[i + 2], ("accs", "gent"))
            ):
                found.append((i, i + 3, "verb+noun"))
    return found


def _rare_enough(words: list[Lemma], pattern: str) -> bool:
    if pattern == "verb+noun":
        return zipf(words[-1].lemma) <= OBJECT_ZIPF
    if pattern == "noun+gen":
        return zipf(words[0].lemma) <= MODIFIER_ZIPF - 0.3
    return all(zipf(w.lemma) <= MODIFIER_ZIPF for w in words)


def collocation_scores(tokens: Sequence[Token]) -> tuple[Collocation, ...]:
    """Every candidate unit with its score and whether it is kept.

    Score: a prior by pattern (tighter units higher), plus how often the same lemmas recur together in the tokens
    (association in the text: pass a whole article for it to count), plus the share of its
    words in the learnable wordfreq band (Zipf 2.5-5.5 of the dictionary form). A unit is kept when it recurs, or when
    its words are rare enough (wordfreq) to be vocabulary rather than a free combination.
    """
    cands = _candidates(tokens)
    keys = [tuple(t.lemma.lemma for t in tokens[a:b] if is_content(t.lemma)) for a, b, _ in cands]
    together = Counter(keys)
    out = []
    for (start, stop, pattern), key in zip(cands, keys, strict=True):
        words = [t.lemma for t in tokens[start:stop] if is_content(t.lemma)]
        band = sum(2.5 <= zipf(w.lemma) <= 5.5 for w in words) / len(words)
        recurs = together[key] - 1
        score = PATTERN_PRIOR[pattern] + recurs + 0.5 * band
        kept = recurs > 0 or _rare_enough(words, pattern)
        out.append(Collocation(start, stop, pattern, key, round(score, 3), kept))
    return tuple(out)


def collocations(tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    """Token index spans [start, stop) of units worth teaching whole, not overlapping:
    заключить (большую) сделку, снять санкции, политические заключённые, повестка дня.

    Higher scores win overlaps: a recurring unit, then the tighter one.
    """
    ranked = sorted((c for c in collocation_scores(tokens) if c.kept), key=lambda c: (-c.score, c.start))
    taken: set[int] = set()
    chosen = []
    for c in ranked:
        span = set(range(c.start, c.stop))
        if not span & taken:
            taken |= span
            chosen.append((c.start, c.stop))
    return tuple(sorted(chosen))
