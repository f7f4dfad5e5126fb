"""What a learner at a level already knows: two frequency cuts, a topic's vocabulary, everyday words.

A word counts as known when
- it is everyday vocabulary (days, numbers, family, units …: ``everyday.tsv.gz``) of the learner's
  level or below: never taught, whatever its frequency (вторник, километр);
- it is vocabulary of the topic the learner studies (``topic-politics.tsv.gz``) and at least as common
  as the level's *topic* cut: a B1 learner is taught выборы (Zipf 5.3) and сторона (5.8);
- any other word at least as common as the level's *general* cut.

A topic word whose first sense is an everyday one (`topic_senses`: сторона "side", the topic's "party")
is known like any other word where the English of its sentence does not say the topic's sense.

    >>> resolve_level("B1")
    Level(name='B1', general=5.0, topic=6.0)
    >>> resolve_level("4.5")  # a Zipf cut, for experts: one cut for every word
    Level(name='Zipf 4.5', general=4.5, topic=4.5)
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache

from cards.errors import CardsError
from cards.lexicon.lexicon import DATA_DIR, normalize

ORDER = ("A1", "A2", "B1", "B2", "C1")
# (general cut, topic cut) in wordfreq Zipf. Calibrated on the seed's hand list and the WMT21 tune key
# lists (bench/keywords.py): at B1 the core of political news (выборы 5.3, сторона 5.8) is taught and
# everyday words below Zipf 5 are taught only when they are not everyday vocabulary.
CUTS = {"A2": (5.5, 7.0), "B1": (5.0, 6.0), "B2": (4.5, 5.5), "C1": (4.0, 5.0)}
DEFAULT_LEVEL = "B1"
DEFAULT_TOPIC = "politics"


class LevelError(CardsError):
    """A --level that is neither a CEFR level nor a number."""


@dataclass(frozen=True)
class Level:
    name: str
    general: float  # other words this common (Zipf) or more are known
    topic: float  # words of the topic this common or more are known

    @property
    def cefr(self) -> str:
        """The CEFR level for everyday vocabulary (a numeric cut counts as B1)."""
        return self.name if self.name in ORDER else DEFAULT_LEVEL


def resolve_level(text: str | float) -> Level:
    """A CEFR level (A2, B1, B2, C1) or a Zipf number as a Level."""
    name = str(text).strip().upper()
    if name in CUTS:
        return Level(name, *CUTS[name])
    try:
        zipf = float(text)
    except ValueError:
        raise LevelError(f"--level {text}: not a level; use A2, B1, B2, C1 or a Zipf frequency such as 4.5") from None
    if not 0 <= zipf <= 8:
        raise LevelError(f"--level {text}: a Zipf frequency is between 0 and 8 (the default level is B1)")
    return Level(f"Zipf {zipf:g}", zipf, zipf)


@lru_cache(maxsize=8)
def topic_words(topic: str) -> frozenset[str]:
    """Lemma keys (ё as е) of a topic's vocabulary; empty for a topic without a word list."""
    path = DATA_DIR / f"topic-{topic}.tsv.gz"
    if not topic or not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return frozenset(normalize(line.split("\t", 1)[0]) for line in f)


EVERYDAY_GLOSS_ZIPF = 5.0  # an English word this common (side 5.5, help 5.8, decision 5.1) is everyday


@lru_cache(maxsize=8)
def topic_senses(topic: str) -> frozenset[tuple[str, str]]:
    """(lemma key, English term) for the words of a topic whose first sense is an everyday one: the
    first gloss of their first OpenRussian sense is one English word at least EVERYDAY_GLOSS_ZIPF common
    and no term of the topic list (сторона "side", помочь "help", решение "decision"); the terms are
    those of the list among all their glosses (сторона: party). Such a word is the topic's only where
    the English of its sentence has one of these terms (cards.deck.select.known_sense). Left out: words
    whose first sense is the topic's (министр, выборы) or a rarer word (житель "inhabitant", орган
    "organ"), which a learner has not met in another sense."""
    path = DATA_DIR / f"topic-{topic}.tsv.gz"
    if not topic or not path.exists():
        return frozenset()
    from cards.lexicon.lexicon import shipped

    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    terms = {term for _, term in rows}
    lexicon = shipped()
    out = set()
    for lemma, term in rows:
        entries = [e for e in lexicon.entries(lemma) if e.senses]
        first = _gloss(entries[0].senses[0][0]) if entries else ""
        if first in terms or " " in first or lexicon.english_zipf.get(first, 0.0) < EVERYDAY_GLOSS_ZIPF:
            continue
        glosses = {_gloss(g) for g, _ in lexicon.ranked(lemma)}
        out.update((normalize(lemma), t) for t in ({term} | (glosses & terms)))
    return frozenset(out)


def _gloss(gloss: str) -> str:
    """A gloss as the topic lists write their terms: lower case, no leading "to"."""
    g = gloss.lower().strip()
    return g[3:] if g.startswith("to ") else g


@lru_cache(maxsize=8)
def everyday_words(level: str) -> frozenset[str]:
    """Lemma keys of everyday vocabulary a learner at `level` (a CEFR name) knows."""
    path = DATA_DIR / "everyday.tsv.gz"
    if not path.exists():
        return frozenset()
    known = set(ORDER[: ORDER.index(level) + 1]) if level in ORDER else set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t") for line in f)
        return frozenset(normalize(lemma) for cefr, lemma, _ in rows if cefr in known)


@lru_cache(maxsize=1)
def everyday_terms() -> dict[str, str]:
    """Lemma key of each everyday word → the English seed term it was found by (март: march)."""
    path = DATA_DIR / "everyday.tsv.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {normalize(lemma): term for _, lemma, term in (line.rstrip("\n").split("\t") for line in f)}


def topics() -> tuple[str, ...]:
    """The topics that have a word list."""
    return tuple(sorted(p.name[len("topic-") : -len(".tsv.gz")] for p in DATA_DIR.glob("topic-*.tsv.gz")))
