"""The sense an article gives a word whose own sentence gives no counterpart.

When word alignment finds no English counterpart for a target, the card used to show the dictionary's
first sense. The rest of the article often says which sense it is: one sense per article. Where the
same lemma stands in other sentences of the article and their English has a gloss of exactly one of
its senses, the card shows that sense (гроза / "storms" elsewhere: "storm", not "thunderstorm"). Also
tried and left out: the sense whose glosses the rest of the English article uses without the same
word (a word or two on bench/meaning_silver.py, and данные "record" in an article where "recorded"
is зафиксировать's).

`article_text` reads an article once (its sentences' lemmas and English word stems); `article_sense`
is asked per target. The target's own sentence is never evidence: its English gave no counterpart.
Pure functions over a Dictionary (cards.lexicon.dictionary).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cards.model import Token

SAME_WORD_RATIO = 2  # the sentences with the same word that must name its sense per one naming another
MAX_GLOSS_WORDS = 3  # longer glosses are explanations, not words an English text uses
SECOND_GLOSS = 3.5  # Zipf a second gloss of the sense needs to be shown (as Dictionary.card_glosses)
STOP = frozenset("a an the to of in on at for by with be is was were been and or from as one's oneself "
                 "someone something smb sth has have had do does did will would".split())


@dataclass(frozen=True)
class ArticleText:
    """An article as evidence of its words' senses: per sentence pair, its Russian lemmas (normalised)
    and the stems of its English words."""

    lemmas: tuple[frozenset[str], ...]
    english: tuple[frozenset[str], ...]

    def __post_init__(self) -> None:
        if len(self.lemmas) != len(self.english):
            raise ValueError(f"{len(self.lemmas)} Russian sentences but {len(self.english)} English ones")


def article_text(english: Sequence[str], analyses: Sequence[Sequence[Token]]) -> ArticleText:
    """The ArticleText of an article's sentence pairs: their English texts and the analyses of their
    Russian (cards.lexicon.morph.analyse), in the same order."""
    from cards.lexicon.dictionary import normalize

    return ArticleText(lemmas=tuple(frozenset(normalize(t.lemma.lemma) for t in tokens) for tokens in analyses),
                       english=tuple(_stems(text) for text in english))


def article_sense(lemma: str, at: int, article: ArticleText | None, dictionary,
                  besides: Iterable[str] = ()) -> tuple[str, ...]:
    """The glosses to show for `lemma` in sentence `at` of `article`, whose English gave no
    counterpart: the sense the rest of the article picks, its gloss the article uses first (then
    the card's next gloss of that sense); () when the article picks none, or only the sense the
    card shows anyway. `besides`: glosses never to pick (a homonym's of another part of speech)."""
    if article is None or dictionary is None:
        return ()
    senses = _senses(lemma, dictionary, frozenset(besides))
    if len(senses) < 2:
        return ()
    found = _same_word(lemma, at, article, senses, dictionary)
    if found is None:
        return ()
    sense, gloss = found
    shown = dictionary.card_glosses(lemma, besides=besides)
    if shown and shown[0] in senses[sense]:
        return ()  # the card's first gloss is of this sense already
    more = [g for g in senses[sense] if _stems(g) != _stems(gloss) and dictionary.common(g) >= SECOND_GLOSS]
    return (gloss, *more[:1])


def _senses(lemma: str, dictionary, besides: frozenset[str]) -> list[tuple[str, ...]]:
    """The word's senses as groups of glosses, as Dictionary.sense_of sees them: the dictionary's
    groups, then each gloss in no group as a sense of its own."""
    from cards.lexicon.dictionary import normalize

    grouped = tuple(dictionary.senses.get(normalize(lemma), ()))
    listed = {g for group in grouped for g in group}
    groups = grouped + tuple((g,) for g, _ in dictionary.ranked(lemma) if g not in listed)
    out = [tuple(g for g in group if g not in besides) for group in groups]
    return [group for group in out if group]


def _matched(senses: Sequence[tuple[str, ...]], article: ArticleText, at: int, key: str,
             dictionary) -> dict[int, str]:
    """Sense → its first gloss that sentence `at` of the article has in its English (all its words, by
    stem), unless each of those words is a gloss of another word of the sentence ("navy" is ВМФ's
    word where ВМФ and флот both stand)."""
    out: dict[int, str] = {}
    for k, group in enumerate(senses):
        gloss = next((g for g in group if (words := _stems(g)) and len(words) <= MAX_GLOSS_WORDS
                      and words <= article.english[at] and not _claimed(words, article.lemmas[at] - {key}, article.english[at], dictionary)),
                     None)
        if gloss is not None:
            out[k] = gloss
    return out


def _claimed(words: frozenset[str], lemmas: Iterable[str], english: frozenset[str], dictionary) -> bool:
    """Whether every word (stem) is the translation of one of `lemmas` (other words of a sentence whose
    English is `english`): a gloss of one that has no other gloss in the sentence (голосование is
    "vote" where "vote" and "ballots" both stand, so "ballots" is free)."""
    glossed: set[str] = set()
    for key in lemmas:
        found = set().union(*(_stems(g) & english for g in dictionary.glosses(key)))
        if found and found <= words:
            glossed |= found
    return words <= glossed


def _same_word(lemma: str, at: int, article: ArticleText, senses, dictionary) -> tuple[int, str] | None:
    """One sense per article: the sense whose gloss the English has in the other sentences of the
    article where the same lemma stands, when exactly one sense is found there."""
    from cards.lexicon.dictionary import normalize

    key = normalize(lemma)
    votes: dict[int, int] = {}
    first: dict[int, str] = {}
    for j, lemmas in enumerate(article.lemmas):
        if j == at or key not in lemmas:
            continue
        matched = _matched(senses, article, j, key, dictionary)
        if len(matched) == 1:
            for k, gloss in matched.items():
                votes[k] = votes.get(k, 0) + 1
                first.setdefault(k, gloss)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] < SAME_WORD_RATIO * ranked[1][1]):
        return None
    return ranked[0][0], first[ranked[0][0]]


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    """The stems of a text's English words, stop words left out."""
    from cards.lexicon.dictionary import _english_stem

    return frozenset(_english_stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP)
