"""Short adjectives whose predicative sense is their own (seeds/short-forms.tsv): «намерена ввести» is
"intend to", not наме́ренный "intentional"; «должны принять» is "must", not должный "due"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cards.lexicon.dictionary import normalize
from cards.lexicon.levels import SEEDS_DIR


@dataclass(frozen=True)
class ShortSense:
    """The sense of a short form (намерен) as a predicate, and whether its long form's glosses fit it too."""

    form: str  # the masculine short form: намерен
    glosses: tuple[str, ...]  # intend to; be going to
    long_fits: bool  # готов: the long form's "ready" fits; намерен: "intentional" does not


@lru_cache(maxsize=1)
def short_senses() -> dict[str, ShortSense]:
    """Each short form of the table (намерен, намерена, намерено, намерены), normalised → its ShortSense.
    Lines starting with # are notes; the first other line names the columns."""
    path = SEEDS_DIR / "short-forms.tsv"
    if not path.exists():
        return {}
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    out: dict[str, ShortSense] = {}
    for forms, glosses, long in rows[1:]:
        words = forms.split()
        sense = ShortSense(words[0], tuple(g.strip() for g in glosses.split(";") if g.strip()), long == "same")
        out.update({normalize(w): sense for w in words})
    return out


def short_sense(word: str, lemma: str, proper: bool = False) -> ShortSense | None:
    """The ShortSense of a word as it stands in the text (намерена), or None: not a short form of the
    table, or a name (Верховной Рады is no form of рад)."""
    if proper or lemma[:1].isupper():
        return None
    return short_senses().get(normalize(word))
