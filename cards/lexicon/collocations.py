"""Collocations: the multi-word units of a sentence worth teaching as one (повестка дня, политические
заключённые, принять решение), found by pattern (noun+gen, adj+noun, verb+noun) over analysed tokens
and scored by frequency and repetition. Public: collocations, collocation_scores.

Not units at all, by grammar: a verb and its subject (напоминает агентство, поступил сигнал: a finite
verb agreeing with a noun that may be nominative, no other subject before it in the clause), an
intransitive verb and a noun (произошло столкновение), a participle and the noun it qualifies
(закурившего пассажира), a short adjective and its subject (возможны грозы). Free combinations, by
kind, unless they recur or the shipped phrase table has them: a qualitative adjective not made from a
noun (уникальные преимущества; relational ones are kept: морской ← море), a plural head or an animate
word in noun+genitive (тысяч военнослужащих, обязанности губернатора, участниками акции), a verb and an
object with its own adjective (отметив уникальные преимущества; заключить большую сделку: the phrase
table has заключить сделку)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from cards.lexicon.analyser import parses, strip_stress, zipf
from cards.lexicon.lexicon import adjective_bases, phrase_entries
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


def _noun_parses(token: Token) -> list:
    """The noun (or substantivised) readings of the token; its noun readings alone when it has some
    (военнослужащие: the noun is animate, so not accusative)."""
    found = [p for p in parses(strip_stress(token.text).lower()) if p.tag.POS in ("NOUN", "PRTF", "ADJF")]
    nouns = [p for p in found if p.tag.POS == "NOUN"]
    return nouns or found


def _can_be(token: Token, cases: tuple[str, ...]) -> bool:
    """The token has a noun (or substantivised) reading in one of the cases."""
    return any(p.tag.case in cases for p in _noun_parses(token))


def _verb_parses(token: Token, pos: tuple[str, ...] = ("VERB", "INFN", "PRTF", "PRTS", "GRND")) -> list:
    return [p for p in parses(strip_stress(token.text).lower()) if p.tag.POS in pos]


def _agrees_as_subject(verb, noun) -> bool:
    """A finite verb parse and a nominative noun parse agree: number, and gender in the past singular."""
    if noun.tag.case != "nomn" or verb.tag.number != noun.tag.number:
        return False
    if verb.tag.person is not None and verb.tag.person != "3per":
        return False
    if verb.tag.gender is None or noun.tag.gender is None or "Ms-f" in noun.tag:  # сирота: either gender
        return True
    return noun.tag.gender == verb.tag.gender


def _may_be_subject_of(noun: Token, verb: Token) -> bool:
    """`noun` can be the subject of finite verb `verb` (сообщает штаб, прошёл парад)."""
    finite = _verb_parses(verb, ("VERB",))
    return any(_agrees_as_subject(v, n) for v in finite for n in _noun_parses(noun))


def _clause_before(tokens: Sequence[Token], i: int) -> Sequence[Token]:
    """The tokens before token i back to the last punctuation (or the sentence's start)."""
    first = i
    while first > 0 and _adjacent_tokens(tokens, first - 1):
        first -= 1
    return tokens[first:i]


def _subject_of(tokens: Sequence[Token], verb: int, noun: int) -> bool:
    """The noun after a finite verb is its subject, not its object: they agree, and no word before
    the verb in its clause can be the subject (напоминает агентство; not Хабаровский край приобретает газ)."""
    if not _may_be_subject_of(tokens[noun], tokens[verb]):
        return False
    before = _clause_before(tokens, verb)
    finite = _verb_parses(tokens[verb], ("VERB",))
    return not any(_agrees_as_subject(v, n) for t in before for v in finite for n in _subject_parses(t))


def _subject_parses(token: Token) -> list:
    """The readings by which a word before a verb may be its subject: a pronoun, or a noun the analysis
    took as one (not the preposition в read as the abbreviation of вольт)."""
    found = parses(strip_stress(token.text).lower())
    return [p for p in found if p.tag.POS == "NPRO" or (p.tag.POS == "NOUN" and token.lemma.pos == "noun")]


def _takes_object(tokens: Sequence[Token], verb: int, noun: int) -> bool:
    """The noun may be the verb's object: the verb is transitive in a reading, not a short passive
    participle (передислоцирована база), not a participle agreeing with the noun (тлеющего пепла), and
    the noun is not its subject."""
    readings = _verb_parses(tokens[verb])
    if not readings or all("intr" in p.tag or p.tag.POS == "PRTS" for p in readings):
        return False
    nouns = _noun_parses(tokens[noun])
    if any(v.tag.POS == "PRTF" and (v.tag.case, v.tag.number) == (n.tag.case, n.tag.number)
           for v in readings for n in nouns):
        return False
    return not _subject_of(tokens, verb, noun)


def _full_adjective(token: Token) -> bool:
    """A full adjective form, not a short one standing as a predicate (возможны грозы)."""
    return any(p.tag.POS in ("ADJF", "PRTF") for p in parses(strip_stress(token.text).lower()))


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
        if _usable(a, "adj") and _usable(b, "noun") and _full_adjective(a):
            found.append((i, i + 2, "adj+noun"))
        if _usable(a, "noun") and _usable(b, "noun") and _can_be(b, ("gent",)):
            chain = i + 2 < n and _adjacent_tokens(tokens, i + 1) and tokens[i + 2].lemma.pos == "noun"
            if not chain:  # снятии ряда санкций: ряд heads the next noun
                found.append((i, i + 2, "noun+gen"))
        if _usable(a, "verb") and a.lemma.lemma not in COPULAS:
            if _usable(b, "noun") and _can_be(b, ("accs", "gent")) and _takes_object(tokens, i, i + 1):
                found.append((i, i + 2, "verb+noun"))
            elif (
                b.lemma.pos == "adj"
                and i + 2 < n
                and _adjacent_tokens(tokens, i + 1)
                and _usable(tokens[i + 2], "noun")
                and _can_be(tokens[i + 2], ("accs", "gent"))
                and _takes_object(tokens, i, i + 2)
            ):
                found.append((i, i + 3, "verb+noun"))
    return found


def _rare_enough(words: list[Lemma], pattern: str) -> bool:
    if pattern == "verb+noun":
        return zipf(words[-1].lemma) <= OBJECT_ZIPF
    if pattern == "noun+gen":
        return zipf(words[0].lemma) <= MODIFIER_ZIPF - 0.3
    return all(zipf(w.lemma) <= MODIFIER_ZIPF for w in words)


def _qualitative(adjective: Token) -> bool:
    """A qualitative adjective (pymorphy's Qual: уникальный, трогательный) not made from a noun;
    relational ones (морской ← море, транспортный ← транспорт) name kinds, and make terms."""
    readings = [p for p in parses(strip_stress(adjective.text).lower()) if p.tag.POS == "ADJF"]
    return bool(readings) and all("Qual" in p.tag for p in readings) and not adjective_bases(adjective.lemma.lemma)


def _plural_or_animate(head: Token, genitive: Token) -> bool:
    """noun+genitive naming instances or people: a plural head (подробности происшествия, тысяч
    военнослужащих) or an animate word (участниками акции, обязанности губернатора)."""
    if any(t.lemma.animacy == "anim" for t in (head, genitive)):
        return True
    readings = [p for p in _noun_parses(head) if p.normal_form == head.lemma.lemma] or _noun_parses(head)
    return bool(readings) and readings[0].tag.number == "plur"


def in_phrase_table(lemmas: Sequence[str]) -> bool:
    """The shipped phrase table (Wiktionary's translations) has a phrase of these lemmas."""
    return any(tuple(lemmas) == words for words, _, _ in phrase_entries(lemmas[0]))


def _free_by_kind(tokens: Sequence[Token], start: int, stop: int, pattern: str) -> bool:
    """A free combination by its kind (see the module's docstring)."""
    if pattern == "adj+noun":
        return _qualitative(tokens[start])
    if pattern == "noun+gen":
        return _plural_or_animate(tokens[start], tokens[start + 1])
    if stop - start == 3:  # a verb and an object with its own adjective: the unit is verb+noun, if any
        return not in_phrase_table((tokens[start].lemma.lemma, tokens[stop - 1].lemma.lemma))
    return False


def collocation_scores(tokens: Sequence[Token]) -> tuple[Collocation, ...]:
    """Every candidate unit with its score and whether it is kept.

    Score: a prior by pattern (tighter units higher), plus how often the same lemmas recur together in the tokens
    (association in the text: pass a whole article for it to count), plus the share of its
    words in the learnable wordfreq band (Zipf 2.5-5.5 of the dictionary form). A unit is kept when it recurs, or when
    its words are rare enough (wordfreq) to be vocabulary and it is not a free combination by its kind
    (or the phrase table has it).
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
        seen_once = _rare_enough(words, pattern) and (
            not _free_by_kind(tokens, start, stop, pattern) or in_phrase_table(key))
        kept = recurs > 0 or seen_once
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
