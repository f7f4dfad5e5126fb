"""Phrases worth a card of their own: принять участие "take part", личный состав "personnel".

A learner who knows принять and участие one by one may still not know принять участие. Such a phrase is a
unit of the shipped phrase table (`phrases.tsv.gz`: Russian phrases that the English Wiktionary gives
as translations, each with the lemmas of its words) standing in a sentence as 2–4 adjacent words
(one space apart) whose lemmas are the phrase's, among them a verb and a noun: a verb with its object
(принять участие, принять решение, заключить сделку, вести переговоры), whose verb is the one a learner
cannot guess from its own glosses. Other phrases of the table are mostly free combinations (следующий
день "morrow", южный ветер "southerly", сложная задача "challenge") or connectors with loose glosses
(при этом "at it"); `python bench/units.py --cards` lists what fires. The hand-written set phrases of news
(`seeds/phrases.tsv`: в ходе "during", на фоне "amid", по итогам "following") are units too, found as
written (they do not inflect), each with the CEFR level from which a learner knows it (`set_phrases_known`).
Selection decides which units a learner does not know yet (cards.deck.select); this module only finds them.

Public: Unit, phrase_units, phrase_glosses, set_phrase_units, set_phrases_known, is_set_phrase, faded_nouns.

Example:
    >>> from cards.lexicon.morph import analyse
    >>> [u.form for u in phrase_units(analyse("Они приняли участие в выборах, личный состав тоже."))]
    ['принять участие']
    >>> [u.form for u in phrase_units(analyse("На фоне протестов в связи со снижением цен"))]
    ['на фоне', 'в связи с']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cards.lexicon.analyser import zipf
from cards.lexicon.collocations import COPULAS, _adjacent_tokens
from cards.lexicon.dictionary import normalize
from cards.lexicon.levels import ORDER, SEEDS_DIR
from cards.lexicon.lexicon import phrase_entries
from cards.lexicon.morph import is_content
from cards.model import Lemma, Token

MAX_WORDS = 4
SET_PHRASES = SEEDS_DIR / "phrases.tsv"  # phrase, glosses, the CEFR level from which a learner knows it


@dataclass(frozen=True)
class Unit:
    """A phrase in a sentence: its tokens [first, stop), its dictionary form (принять участие, прекращение
    огня) and its English headwords, best first (the commonest English first among equal ranks)."""

    first: int
    stop: int
    form: str
    glosses: tuple[str, ...]

    def token(self, tokens: Sequence[Token]) -> Token:
        """The unit as one token over its words: its lemma is the dictionary form, part of speech
        "phrase", and the frequency of its rarest word."""
        words = tokens[self.first : self.stop]
        lemma = Lemma(self.form, "phrase", zipf=min(zipf(t.lemma.lemma) for t in words))
        return Token(words[0].start, words[-1].stop, " ".join(t.text for t in words), lemma)


def _verb_with_object(words: Sequence[Token]) -> bool:
    """A verb, not a copula (был в гостях, является частью are not phrases to learn whole), and a noun."""
    content = [t.lemma for t in words if is_content(t.lemma)]
    return (any(w.pos == "verb" and w.lemma not in COPULAS for w in content)
            and any(w.pos == "noun" for w in content))


@lru_cache(maxsize=20_000)
def _phrases_of(lemma: str) -> tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]:
    return phrase_entries(lemma)


@lru_cache(maxsize=1)
def set_phrases() -> dict[str, str]:
    """The hand-written set phrases of news (`seeds/phrases.tsv`), as the table writes them (в ходе, за
    счёт) → the CEFR level from which a learner knows them (в ходе B2: a B1 learner is taught it)."""
    rows = (line.split("\t") for line in SET_PHRASES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {phrase: level for phrase, _, level in rows}


@lru_cache(maxsize=8)
def set_phrases_known(level: str) -> frozenset[str]:
    """Lemma keys (lower case, ё as е) of the set phrases a learner at `level` (a CEFR name) knows."""
    known = ORDER[: ORDER.index(level) + 1] if level in ORDER else ()
    return frozenset(normalize(phrase) for phrase, cefr in set_phrases().items() if cefr in known)


def is_set_phrase(form: str) -> bool:
    """The unit written `form` is one of the hand-written set phrases (`set_phrases`)."""
    return form in set_phrases()


@lru_cache(maxsize=1)
def _set_phrases_by_first() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First word → (the words of each set phrase, ё as е; the phrase as the table writes it)."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in set_phrases():
        words = tuple(normalize(phrase).split())
        by_first.setdefault(words[0], []).append((words, phrase))
    return {first: tuple(found) for first, found in by_first.items()}


def _same_word(table: str, written: str) -> bool:
    """A set phrase's word as the sentence writes it: its final с also as со (в связи со снижением)."""
    return written == table or (table, written) == ("с", "со")


def set_phrase_units(tokens: Sequence[Token]) -> list[Unit]:
    """The hand-written set phrases (`set_phrases`) standing in a sentence as written, one space apart."""
    written = [normalize(t.text) for t in tokens]
    found = []
    for first, word in enumerate(written):
        for words, phrase in _set_phrases_by_first().get(word, ()):
            stop = first + len(words)
            if (stop <= len(tokens) and all(map(_same_word, words, written[first:stop]))
                    and all(_adjacent_tokens(tokens, i) for i in range(first, stop - 1))):
                found.append(Unit(first, stop, phrase, phrase_glosses(phrase)))
    return found


def phrase_units(tokens: Sequence[Token]) -> tuple[Unit, ...]:
    """The dictionary phrases of a sentence's tokens (cards.lexicon.morph.analyse): a verb with its
    object, and the set phrases of news (`set_phrase_units`), longest first where they overlap, in
    sentence order."""
    keys = [normalize(t.lemma.lemma) for t in tokens]
    found: list[Unit] = set_phrase_units(tokens)
    for first, key in enumerate(keys):
        for lemmas, form, glosses in _phrases_of(key):
            stop = first + len(lemmas)
            if (len(lemmas) <= MAX_WORDS and lemmas[0] == key and tuple(keys[first:stop]) == lemmas
                    and all(_adjacent_tokens(tokens, i) for i in range(first, stop - 1))
                    and _verb_with_object(tokens[first:stop])):
                found.append(Unit(first, stop, form, glosses))
    written = [t.text.lower().replace("ё", "е") for t in tokens]
    taken: set[int] = set()
    kept = []
    for unit in sorted(found, key=lambda u: (u.first - u.stop, u.first, -_as_written(u, written))):
        span = set(range(unit.first, unit.stop))
        if not span & taken:
            taken |= span
            kept.append(unit)
    return tuple(sorted(kept, key=lambda u: u.first))


def _as_written(unit: Unit, written: Sequence[str]) -> int:
    """How many words of the unit's dictionary form stand in the sentence as the same part of speech
    (a participle, a finite verb or infinitive …): of two phrases of the same lemmas, исполняющий
    обязанности "acting" is the one of «исполняющим обязанности», исполнять обязанности "perform the
    duties" the one of «исполняет обязанности»."""
    from cards.lexicon.analyser import parses

    def kind(word: str) -> str:
        found = parses(word)
        pos = str(found[0].tag.POS) if found else ""
        return "VERB" if pos == "INFN" else pos

    return sum(kind(a) == kind(b) for a, b in zip(unit.form.split(), written[unit.first : unit.stop], strict=False))


def phrase_glosses(form: str) -> tuple[str, ...]:
    """The English headwords of the phrase written `form` (a Unit's form), best first; () if unknown."""
    from cards.lexicon.morph import lemmatize

    for word in form.split():
        for key in dict.fromkeys((normalize(word), normalize(lemmatize(word)))):
            for _, written, glosses in _phrases_of(key):
                if written == form:
                    return glosses
    return ()


def table_english(unit: str) -> str:
    """The phrase table's English of a collocation as it stands in a sentence, by its words' lemmas
    (подводные лодки: submarine; приняли участие: take part); "" when the table lacks it."""
    from cards.lexicon.morph import lemmatize

    lemmas = tuple(normalize(lemmatize(word)) for word in unit.split())
    found = [(form, glosses) for words, form, glosses in (_phrases_of(lemmas[0]) if lemmas else ())
             if words == lemmas and glosses]
    written = set(unit.lower().replace("ё", "е").split())
    # of two phrases of the same lemmas, the one written more like the sentence (подводят итоги: подводить
    # итоги "sum up", not подводить итог "cast up")
    best = max(found, key=lambda fg: len(written & set(fg[0].replace("ё", "е").split())), default=None)
    return best[1][0] if best else ""


# Compound prepositions and sentence adverbs made of a preposition and a noun whose own meaning has
# faded: the noun in them is not the word to teach (к сожалению "unfortunately" is not сожаление
# "regret"; в связи с "in connection with" not связь "link"). A closed class of Russian grammar.
FADED_PHRASES = tuple(tuple(p.split()) for p in (
    "к сожалению", "к счастью", "в связи с", "в связи со", "в пользу", "в особенности", "в частности",
    "в целом", "в течение", "в ходе", "в итоге", "в конце концов", "на самом деле", "в свою очередь",
    "в первую очередь", "по крайней мере", "по меньшей мере", "в том числе", "за счет", "по поводу",
    "в виде", "в силу", "в случае", "в качестве", "в зависимости от", "в отличие от", "по сравнению с",
    "с точки зрения", "по словам", "по мнению", "в результате", "на основе", "на основании", "в целях",
    "на фоне", "в отношении", "с помощью", "при помощи", "в честь", "в адрес", "в лице", "по мере",
    "в меру", "по возможности", "в принципе", "в общем", "в основном", "в среднем", "на деле",
    "в рамках", "в соответствии с", "в соответствии со", "за исключением", "по причине", "в знак",
))
# Not faded: a noun met only in its phrase (в преддверии, на протяжении, во избежание), which the learner
# learns with it (a teacher labelled преддверие worth a card on tune2).
# Phrases that take possessives or adjectives inside and stay the phrase: к нашему (большому) сожалению
MODIFIABLE = frozenset({("к", "сожалению"), ("к", "счастью")})
MAX_MODIFIERS = 2


_FADED_BY_FIRST = {first: tuple(p for p in FADED_PHRASES if p[0] == first) for first in {p[0] for p in FADED_PHRASES}}


def faded_nouns(tokens: Sequence[Token]) -> frozenset[int]:
    """Indices of the tokens that are the nouns of a compound preposition or adverb (`FADED_PHRASES`),
    its words one space apart: в связи с этим → {1}; к сожалению and к счастью also with up to
    MAX_MODIFIERS possessives or adjectives inside (`MODIFIABLE`: к нашему большому сожалению)."""
    words = [t.text.lower().replace("ё", "е") for t in tokens]
    out: set[int] = set()
    for i in range(len(tokens)):
        for phrase in _FADED_BY_FIRST.get(words[i], ()):
            stop = i + len(phrase)
            if (stop <= len(tokens) and tuple(words[i:stop]) == phrase
                    and all(tokens[j + 1].start - tokens[j].stop == 1 for j in range(i, stop - 1))):
                out.update(j for j in range(i, stop) if tokens[j].lemma.pos == "noun")
        for stop in range(i + 2, min(len(tokens), i + 2 + MAX_MODIFIERS)):  # the noun after 1 or 2 modifiers
            if ((words[i], words[stop]) in MODIFIABLE
                    and all(tokens[j].lemma.pos in ("adj", "pron") for j in range(i + 1, stop))
                    and all(tokens[j + 1].start - tokens[j].stop == 1 for j in range(i, stop))):
                out.add(stop)
    return frozenset(out)
