"""What a learner at a level already knows: two frequency cuts, a topic's vocabulary, everyday words.

A word counts as known when
- it is everyday vocabulary (days, numbers, family, units …: ``everyday.tsv.gz``, from an English seed
  list and a Russian one of what A1–B2 course books teach) of the learner's level or below: never
  taught, whatever its frequency (вторник, километр, морской, комментарий);
- it is vocabulary of the topic the learner studies (``topic-politics.tsv.gz``) and at least as common
  as the level's *topic* cut: a B1 learner is taught выборы (Zipf 5.3) and сторона (5.8);
- any other word at least as common as the level's *general* cut, moved by what the word names (the
  learner model, `word_kinds`): a noun that names only concrete things (WordNet supersenses of its
  first glosses: noun.time, noun.location, noun.food …) is known from CONCRETE_DROP below it (юг,
  вторник, океан); a noun of social life (noun.act, noun.group, noun.possession …) whose first
  gloss is no everyday English word is known only from SOCIAL_RAISE above it (участие
  "participation", сумма "sum"; not ответ "answer").

A topic word whose first sense is an everyday one (`topic_senses`: сторона "side", the topic's "party")
is known like any other word where the English of its sentence does not say the topic's sense. The
other way round, a word known by its frequency is taught where the English says one of its later senses
and none of those a learner meets first (`learner_senses`: включить "turn on", taught where it is "include").
Where the lexicon's ranks are wrong or silent, a hand-written table says it (`domain_senses`: глава, met as
"chapter", taught where its English counterpart is "head"; часть "unit"; составлять "amount to").

    >>> resolve_level("B1")
    Level(name='B1', general=5.0, topic=6.0)
    >>> resolve_level("4.5")  # a Zipf cut, for experts: one cut for every word
    Level(name='Zipf 4.5', general=4.5, topic=4.5)
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cards.errors import CardsError
from cards.kept import KeptTable
from cards.lexicon.dictionary import normalize
from cards.lexicon.lexicon import DATA_DIR

ORDER = ("A1", "A2", "B1", "B2", "C1")
# (general cut, topic cut) in wordfreq Zipf. Calibrated on the seed's hand list and the WMT21 tune key
# lists (bench/keywords.py): at B1 the core of political news (выборы 5.3, сторона 5.8) is taught and
# everyday words below Zipf 5 are taught only when they are not everyday vocabulary.
CUTS = {"A2": (5.5, 7.0), "B1": (5.0, 6.0), "B2": (4.5, 5.5), "C1": (4.0, 5.0)}
DEFAULT_LEVEL = "B1"
DEFAULT_TOPIC = "politics"
SEEDS_DIR = DATA_DIR.parent / "seeds"  # the hand-written tables read at run time (shipped with the package)
NEWS_REGISTER = "news-ru.txt"  # the register of news reports in SEEDS_DIR, part of every topic's vocabulary
# The term of the news register's lemmas in a topic file (cards.lexicon.convert.with_news_register:
# произойти, ранее, пострадать): the topic's in every sense, whatever the English of a sentence says
NEWS_TERM = "news"


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
def topic_rows(topic: str) -> tuple[tuple[str, str], ...]:
    """(lemma, English term) of a topic's vocabulary file; empty for a topic without one."""
    path = DATA_DIR / f"topic-{topic}.tsv.gz"
    if not topic or not path.exists():
        return ()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t", 1) for line in f)
        return tuple((lemma, term) for lemma, term in rows)


@lru_cache(maxsize=8)
def topic_words(topic: str) -> frozenset[str]:
    """Lemma keys (ё as е) of a topic's vocabulary; empty for a topic without a word list."""
    return frozenset(normalize(lemma) for lemma, _ in topic_rows(topic))


@lru_cache(maxsize=8)
def news_register(topic: str) -> frozenset[str]:
    """Lemma keys a topic's vocabulary has from the news register alone (seeds/news-ru.txt, term NEWS_TERM:
    произойти, ранее, наводнение): taught like the topic's words, but not what the learner studies, so they weigh
    like other words in selection (cards.deck.select.domain_weights)."""
    return frozenset(normalize(lemma) for lemma, term in topic_rows(topic) if term == NEWS_TERM)


def read_lemmas(path: Path) -> list[str]:
    """A hand-written Russian lemma list: one lemma a line, "#" starting a comment (a whole line, or the
    reason after a lemma); empty without the file."""
    if not path.exists():
        return []
    lines = (line.partition("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


@lru_cache(maxsize=1)
def register_words() -> frozenset[str]:
    """Lemma keys of the whole news register (``seeds/news-ru.txt``), those a topic found too (случай
    "accident") included: words of news reports in every sense."""
    return frozenset(normalize(lemma) for lemma in read_lemmas(SEEDS_DIR / NEWS_REGISTER))


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
    from cards.lexicon.lexicon import shipped

    register = register_words()  # the news register's words are the topic's in every sense
    rows = [(lemma, term) for lemma, term in topic_rows(topic) if term != NEWS_TERM and normalize(lemma) not in register]
    if not rows:
        return frozenset()
    terms = {term for _, term in rows}
    lexicon = shipped()
    out = set()
    for lemma, term in rows:
        entries = [e for e in lexicon.entries(lemma) if e.senses]
        first = _gloss(entries[0].senses[0][0]) if entries else ""
        if first in terms or " " in first or lexicon.english_zipf.get(first, 0.0) < EVERYDAY_GLOSS_ZIPF:
            continue
        glosses = {_gloss(g) for g, _ in lexicon.ranked(lemma, shown=False)}
        out.update((normalize(lemma), t) for t in ({term} | (glosses & terms)))
    return frozenset(out)


def _gloss(gloss: str) -> str:
    """A gloss as the topic lists write their terms: lower case, no leading "to"."""
    g = gloss.lower().strip()
    return g[3:] if g.startswith("to ") else g


MET_SENSE_RANK = 0.5  # glosses ranked before this (`Lexicon.ranked` in the order a learner meets the senses:
# the first sense) are the senses a learner has met …
LATER_SENSE_RANK = 1.0  # … and those from this rank on (a later sense, or Wiktionary's) the senses met later


KEPT_SENSES = KeptTable("learner-senses")  # a build keeps them: a rebuild reads them, not the lexicon's ranks


def learner_senses(lemma: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(glosses of the senses a learner met first, glosses of its later senses) of a word, by the
    shipped lexicon's ranks: включить (("turn on",), ("encompass", "include", …)); составлять
    (("in total",), ("amount to", "compose", …)). A later gloss that WordNet relates to a first one is
    the same sense in other words, not a later sense (начало "beginning": "start"; газета "newspaper":
    "paper"). A word the lexicon lacks has neither."""
    kept = KEPT_SENSES.get(lemma, list)
    if kept is not None and len(kept) == 2:
        return tuple(kept[0]), tuple(kept[1])
    met, later = _learner_senses(lemma)
    KEPT_SENSES.put(lemma, [list(met), list(later)])
    return met, later


@lru_cache(maxsize=50_000)
def _learner_senses(lemma: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from cards.lexicon.lexicon import english_related, shipped

    ranked = shipped().ranked(lemma, shown=False)  # not a sense a card shows first (провести "hold"): met as "spend"
    met = tuple(g for g, r in ranked if r < MET_SENSE_RANK)
    near = {g.lower() for g in met} | {w.lower() for g in met for w in english_related(g)}
    later = (g for g, r in ranked if r >= LATER_SENSE_RANK)
    return met, tuple(g for g in later if g.lower() not in near and not near & set(english_related(g)))


@dataclass(frozen=True)
class DomainSense:
    """A word of news whose news sense is not the one a learner meets first (seeds/domain-senses.tsv)."""

    pos: str  # noun, verb, adj
    met: tuple[str, ...]  # the senses a B1 learner meets first (глава: chapter)
    domain: tuple[str, ...]  # the senses of news to teach, as English words a counterpart says (head, chief)


@lru_cache(maxsize=1)
def domain_senses() -> dict[str, DomainSense]:
    """Lemma key → its DomainSense, from the hand-written table `seeds/domain-senses.tsv` (lines
    starting with # are notes; the first other line names the columns): глава, met as "chapter", taught
    as "head"; составлять, met as "make up", taught as "amount to". The lexicon's ranks are wrong or
    silent for many such words (глава "head" first; часть has no "unit")."""
    path = SEEDS_DIR / "domain-senses.tsv"
    if not path.exists():
        return {}
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {normalize(lemma): DomainSense(pos, _glosses(met), _glosses(domain)) for lemma, pos, met, domain in rows[1:]}


def _glosses(cell: str) -> tuple[str, ...]:
    return tuple(g.strip() for g in cell.split(";") if g.strip())


@lru_cache(maxsize=1)
def domain_dictionary():
    """The built-in lexicon with the senses of `domain_senses` after each word's own (часть: "unit", which
    the sources lack): what word alignment reads to find the counterpart that decides such a word's sense."""
    from cards.lexicon.dictionary import Dictionary, combine
    from cards.lexicon.lexicon import shipped_dictionary

    entries = {key: tuple((g, float(i)) for i, g in enumerate(dict.fromkeys(s.met + s.domain)))
               for key, s in domain_senses().items()}
    return combine([shipped_dictionary(), Dictionary(entries, "domain senses")])


def domain_sense_terms(topic: str = DEFAULT_TOPIC) -> frozenset[tuple[str, str, str]]:
    """(lemma key, part of speech, news sense) of every word of `domain_senses` (for politics, the table's
    topic) and of the topic's words whose first sense is everyday (`topic_senses`, part of speech "*":
    сторона "party"): what selection's options carry (cards.deck.select.SelectOptions.domain_senses)."""
    table = domain_senses() if topic == DEFAULT_TOPIC else {}
    out = {(key, s.pos, term) for key, s in table.items() for term in s.domain}
    return frozenset(out | {(key, "*", term) for key, term in topic_senses(topic) if key not in table})


# A transparent loanword: a word no dictionary has, spelled like an English word this common or more
# (problem 5.4, transport 4.7) with the same letters (`cognate_score` at least LOANWORD_MIN_LIKENESS).
# Fit on the tune sets: at 3.0 (coronavirus 3.2) the seed's key words логистический "logistical" (3.2)
# and пакетный "packet" (3.8) were known too, so rarer English is left to the learner to study.
LOANWORD_MIN_ENGLISH_ZIPF = 4.0
LOANWORD_MIN_LIKENESS = 0.8


@lru_cache(maxsize=50_000)
def transparent_loanword(lemma: str) -> str | None:
    """The English word a loanword that no dictionary has is spelled like, when a learner who knows
    English reads it at sight: проблемный "problem", транспортный "transport"; None for a word a
    dictionary has, a rarer English word (коронавирус "coronavirus", логистический "logistical"), or a
    loose likeness (соцсеть is no "socks"). `cards.deck.select.is_transparent` decides whether such a
    word is known."""
    from cards.lexicon.analyser import english_zipf
    from cards.lexicon.cognates import cognate_score
    from cards.lexicon.lexicon import loanword

    english = loanword(lemma)
    if not english or cognate_score(lemma, english) < LOANWORD_MIN_LIKENESS:
        return None
    return english if english_zipf(english) >= LOANWORD_MIN_ENGLISH_ZIPF else None


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


# The learner model. Supersenses (WordNet's lexicographer files) of a word's first English glosses,
# read from `supersenses.tsv.gz` (cards.lexicon.convert): the kinds of thing a learner meets in daily
# life, and those that news about society is made of. The two shifts were fit on the tune sets alone
# (bench/keywords.py --tune: the key lemmas and a teacher's labels of the targets; bench/selection.py's
# seed list): the drop is the largest, rounded down, that makes no key or "ok" word of them known
# (раунд "round", Zipf 4.64, a key word of the seed, would be known with 0.4; пресс-служба, 4.34, with
# 0.7); the raise teaches the tune key word сумма (5.09) and no general word (0.4 adds газета and
# значение). Verbs of social life (verb.social, verb.communication: отказаться, объяснить) were left
# out: raised too, they took the room of a key word of the seed (взаимодействие) and taught объяснить.
CONCRETE = frozenset({
    "noun.time", "noun.quantity", "noun.food", "noun.body", "noun.animal", "noun.plant", "noun.object",
    "noun.substance", "noun.artifact", "noun.location",
})
SOCIAL = frozenset({"noun.act", "noun.group", "noun.communication", "noun.possession", "noun.state"})
CONCRETE_DROP = 0.3  # a noun naming only concrete things is known from this much below the general cut
SOCIAL_RAISE = 0.3  # a word of social life is known from this much above it …
SOCIAL_GLOSS_ZIPF = EVERYDAY_GLOSS_ZIPF  # … unless its first gloss is this common in English (answer, try)


@dataclass(frozen=True)
class WordKinds:
    """Lemma keys of the words the learner model moves: `concrete` nouns, words of `social` life."""

    concrete: frozenset[str] = frozenset()
    social: frozenset[str] = frozenset()


def word_kind(pos: str, supersenses: tuple[str, ...], english_zipf: float) -> str:
    """"concrete", "social" or "" for a word with these supersenses (of its first glosses, "" for a
    gloss WordNet lacks) and this English Zipf of its first gloss: a noun whose glosses all name
    concrete things (CONCRETE), or a noun whose first gloss names a thing of social life (SOCIAL) and
    is no everyday English word (less common than SOCIAL_GLOSS_ZIPF); "" for every other word.

    >>> word_kind("noun", ("noun.time",), 4.6)  # вторник "Tuesday"
    'concrete'
    >>> word_kind("noun", ("noun.act", "noun.act"), 4.3)  # участие "participation"
    'social'
    >>> word_kind("noun", ("noun.communication", "noun.communication"), 5.2)  # ответ "answer"
    ''
    """
    if pos == "noun" and supersenses and all(s in CONCRETE for s in supersenses):
        return "concrete"
    if pos == "noun" and supersenses[:1] and supersenses[0] in SOCIAL and english_zipf < SOCIAL_GLOSS_ZIPF:
        return "social"
    return ""


@lru_cache(maxsize=1)
def word_kinds() -> WordKinds:
    """The words of `supersenses.tsv.gz` the learner model moves (`word_kind`); the first row of a lemma counts."""
    path = DATA_DIR / "supersenses.tsv.gz"
    if not path.exists():
        return WordKinds()
    kinds: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            lemma, pos, found, english = line.rstrip("\n").split("\t")
            kinds.setdefault(normalize(lemma), word_kind(pos, tuple(found.split(",")), float(english)))
    return WordKinds(frozenset(k for k, v in kinds.items() if v == "concrete"),
                     frozenset(k for k, v in kinds.items() if v == "social"))


def topics() -> tuple[str, ...]:
    """The topics that have a word list."""
    return tuple(sorted(p.name[len("topic-") : -len(".tsv.gz")] for p in DATA_DIR.glob("topic-*.tsv.gz")))
