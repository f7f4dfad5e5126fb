"""Russian morphology: tokens → lemma, part of speech, gender, aspect, animacy, frequency.

pymorphy3 proposes the readings of each word (cards.lexicon.analyser); a few small named rules
pick another reading than its first when the context says so (`RULES`, first to decide wins: the
rules for common words are here, those for names in cards.lexicon.names, the words and agreement
tests they share in cards.lexicon.context); wordfreq gives the Zipf frequency of the lemma. Pure
functions; the analyser is built once, lazily.

Public: analyse, lemmatize, is_content, explain, lexicalised_adjective; RULES lists the context
rules in order (bench/lemmas.py measures each). The analyser's own helpers (parses, zipf,
lemma_zipf, strip_stress) live in cards.lexicon.analyser, names in cards.lexicon.names, aspect
partners in cards.lexicon.aspect.

Example:
    >>> [t.lemma.lemma for t in analyse("Освобождены 250 заключенных.")]
    ['освободить', '250', 'заключённый']
"""

from __future__ import annotations

import functools
import math
from typing import Sequence

from cards.lexicon.analyser import (
    NAME_GRAMMEMES, PROPER_GRAMMEMES, _forms, _pos, lemma_zipf, parses, participle_zipf, strip_stress, zipf,
)
from cards.lexicon.context import (
    GOVERN, QUANTIFIERS, Reading, Rule, Slot, _adjacent, _agrees, _as_noun, _gender, _has, _heads, _is_number, _reading, _slots,
    _substantive,
)
from cards.lexicon.names import (
    _is_proper, _restore_case, name_at_sentence_start, name_case_agreement, proper_when_capitalised, unknown_name,
)
from cards.model import Lemma, Token


CONTENT_POS = frozenset({"noun", "verb", "adj", "adv"})
# Adverbs that stand for something named elsewhere: grammar words, not vocabulary.
PRONOMINAL_ADVERBS = frozenset(
    "так там тут здесь где куда откуда сюда туда отсюда оттуда когда тогда всегда никогда иногда "
    "везде всюду нигде никуда как никак почему зачем поэтому потому затем отчего сколько столько "
    "несколько".split()
)


def substantive_after_number(slots: Sequence[Slot], i: int) -> Reading | None:
    """250 заключенных, несколько задержанных: a numeral's noun, not a participle."""
    cands = _substantive(slots[i])
    if cands and _adjacent(slots, i) and _is_number(slots[i - 1]):
        gen = [p for p in cands if p.tag.case == "gent"] or cands
        return _as_noun(slots[i], gen[0], "substantive_after_number")
    return None


def substantive_after_adjective(slots: Sequence[Slot], i: int) -> Reading | None:
    """политических заключенных, временного поверенного: an agreeing adjective before it."""
    cands = _substantive(slots[i])
    if not cands or not _adjacent(slots, i):
        return None
    prev = slots[i - 1]
    adjectives = [p for p in prev.parses if p.tag.POS == "ADJF" and "Subx" not in p.tag or "Apro" in p.tag]
    agreeing = _agrees(cands, adjectives, ("ADJF",))
    if agreeing and not _heads(slots, i + 1, agreeing):
        return _as_noun(slots[i], agreeing[0], "substantive_after_adjective")
    return None


def substantive_after_preposition(slots: Sequence[Slot], i: int) -> Reading | None:
    """для задержанных, о пострадавших: a preposition's noun when no noun follows to head it."""
    cands = _substantive(slots[i])
    if not cands or not _adjacent(slots, i) or not _has(slots[i - 1], "PREP"):
        return None
    if _heads(slots, i + 1, cands):
        return None
    return _as_noun(slots[i], cands[0], "substantive_after_preposition")


def substantive_alone(slots: Sequence[Slot], i: int) -> Reading | None:
    """Пострадавших нет, задержанный был доставлен: a participle that is also a noun (marked Subx, or a
    dictionary noun of its form) is that noun when it qualifies no noun after it and opens no
    participial phrase (пострадавший в аварии водитель, заключенные вчера контракты stay the verb's)."""
    cands = _substantive(slots[i])
    if not cands or slots[i].parses[0].tag.POS != "PRTF":
        return None
    j = i + 1
    while j < len(slots) and _adjacent(slots, j) and _has(slots[j], "ADVB"):
        j += 1  # заключенные вчера контракты: the noun after an adverb
    if _heads(slots, j, cands) or _opens_participial_phrase(slots, i):
        return None
    return _as_noun(slots[i], cands[0], "substantive_alone")


def substantivised_adjective(slots: Sequence[Slot], i: int) -> Reading | None:
    """Отец новорождённого, число больных, 15 тысяч военных: an adjective the dictionary marks as used
    for a noun (Subx), right after a noun, a number or a preposition and qualifying no word after it,
    is that noun (новорождённый, m.; the gender of its own form when singular)."""
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS != "ADJF" or "Subx" not in top.tag or "Apro" in top.tag or not _adjacent(slots, i):
        return None
    if slot.text[:1].isupper() and not slot.sentence_start:
        return None
    prev = slots[i - 1]
    if not prev.parses or prev.parses[0].tag.POS not in ("NOUN", "PREP", "NUMR") and not _is_number(prev):
        return None
    if _heads(slots, i + 1, [p for p in slot.parses if p.tag.POS == "ADJF"]):
        return None
    gender = top.tag.gender if top.tag.number == "sing" and top.tag.gender else "masc"
    form = top.inflect({gender, "sing", "nomn"})
    lemma = form.word if form is not None else top.normal_form
    return Reading(lemma, "noun", top.tag, "substantivised_adjective", noun=True)


def adjective_of_a_later_noun(slots: Sequence[Slot], i: int) -> Reading | None:
    """на прошедшем 19 февраля в Вашингтоне заседании: right after a preposition, a word read first as
    a substantivised adjective's noun (прошедшее "the past") is the adjective when a noun later in its
    clause agrees with it in case, number and gender and stands in no phrase of its own preposition."""
    slot = slots[i]
    if not slot.parses or slot.parses[0].tag.POS != "NOUN" or not _adjacent(slots, i) or not _has(slots[i - 1], "PREP"):
        return None
    adjectives = [p for p in slot.parses if p.tag.POS in ("ADJF", "PRTF") and "Apro" not in p.tag]
    if not adjectives:
        return None
    j = i + 1
    while j < len(slots) and not slots[j].sentence_start and not any(ch in slots[j].gap for ch in ",;:—–()"):
        top = slots[j].parses[0] if slots[j].parses else None
        if top is not None and top.tag.POS in ("VERB", "INFN", "PRTS", "ADJS"):
            return None
        if top is not None and top.tag.POS == "NOUN" and not _has(slots[j - 1], "PREP"):
            nouns = [q for q in slots[j].parses if q.tag.POS == "NOUN" and not {"Fixd", "Abbr"} & set(q.tag.grammemes)]
            agreeing = [a for a in adjectives if any(_agree_fully(a, q) for q in nouns)]  # not по данным РИА
            if agreeing:
                form = agreeing[0].inflect({"masc", "sing", "nomn"})
                lemma = form.word if form is not None else agreeing[0].normal_form
                return Reading(lemma, "adj", agreeing[0].tag, "adjective_of_a_later_noun")
        j += 1
    return None


def adjective_as_lexicon_noun(slots: Sequence[Slot], i: int) -> Reading | None:
    """новые важные для Минска переменные, которые…: an adjective qualifying no word after it, right after
    a noun, a number, a preposition or an adjective agreeing with it, is the noun the lexicon has of its
    form (переменная "variable", набережная, будущее); pymorphy3 marks no Subx on them."""
    from cards.lexicon.lexicon import shipped

    slot = slots[i]
    top = slot.parses[0] if slot.parses else None
    if top is None or top.tag.POS != "ADJF" or "Subx" in top.tag or "Apro" in top.tag or not _adjacent(slots, i):
        return None
    if slot.text[:1].isupper() and not slot.sentence_start:
        return None
    prev = slots[i - 1]
    adjectives = [p for p in slot.parses if p.tag.POS == "ADJF"]
    after_adjective = any(_agree_fully(q, p) for q in prev.parses if q.tag.POS == "ADJF" for p in adjectives)
    if not prev.parses or prev.parses[0].tag.POS not in ("NOUN", "PREP", "NUMR") and not _is_number(prev) and not after_adjective:
        return None
    if _heads(slots, i + 1, adjectives):
        return None
    genders = [top.tag.gender] if top.tag.number == "sing" and top.tag.gender else ["femn", "neut", "masc"]
    for gender in genders:
        form = top.inflect({gender, "sing", "nomn"})
        entry = shipped().entry(form.word, "noun") if form is not None else None
        if entry is not None and entry.senses and form.word != top.normal_form:
            return Reading(form.word, "noun", top.tag, "adjective_as_lexicon_noun", noun=True)
    return None


def noun_case_after_preposition(slots: Sequence[Slot], i: int) -> Reading | None:
    """в кювет: right after a preposition, a noun whose readings belong to two lemmas is the lemma whose
    readings in a case the preposition governs are its only ones (кювет, accusative; not кювета, whose
    genitive plural в never takes)."""
    nouns = [p for p in slots[i].parses if p.tag.POS == "NOUN"]
    if len({p.normal_form for p in nouns}) < 2 or not _adjacent(slots, i):
        return None
    governed = GOVERN.get(strip_stress(slots[i - 1].text).lower())
    if governed is None or not _has(slots[i - 1], "PREP"):
        return None
    kept = [p for p in nouns if p.tag.case in governed]
    if len({p.normal_form for p in kept}) != 1 or kept[0].normal_form == slots[i].parses[0].normal_form:
        return None
    return _reading(kept[0], "noun_case_after_preposition")


def noun_after_number(slots: Sequence[Slot], i: int) -> Reading | None:
    """четырьмя часами: after a numeral, the noun reading of a word first read as an adverb, or as a
    short adjective pymorphy3 only guesses (2,7 ассиста: ассист, not ассистый)."""
    slot = slots[i]
    top = slot.parses[0]
    if not (top.tag.POS == "ADVB" or (top.tag.POS == "ADJS" and not top.is_known)):
        return None
    if not _adjacent(slots, i) or not _is_number(slots[i - 1]):
        return None
    oblique = {p.tag.case for p in slots[i - 1].parses if p.tag.case in ("datv", "ablt", "loct")}
    nouns = [p for p in slot.parses if p.tag.POS == "NOUN" and (p.tag.case == "gent" or p.tag.case in oblique)]
    return _reading(nouns[0], "noun_after_number") if nouns else None  # not: две подряд акции


def attribute_before_noun(slots: Sequence[Slot], i: int) -> Reading | None:
    """в прошедшем (уже) сезоне, среднего образования, малого ракетного корабля: an adjective, not a noun,
    before its noun.

    The dictionary's adjective (lexicalised) is preferred to the participle."""
    slot = slots[i]
    if not slot.parses or slot.parses[0].tag.POS != "NOUN":
        return None
    attrs = [
        p for p in slot.parses
        if p.tag.POS in ("ADJF", "PRTF") and "Abbr" not in p.tag
        and type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    ]
    j = i + 1
    while j < len(slots) and slots[j].parses and slots[j].parses[0].tag.POS in ("ADVB", "ADJF"):
        if slots[j].parses[0].normal_form in QUANTIFIERS:
            return None  # 200 пожарных несколько часов: the quantity word starts a new phrase
        j += 1  # an adverb, or another attribute of the same noun (малого ракетного корабля)
    if not attrs or j >= len(slots) or not slots[j].parses:
        return None  # a number or a Latin word after it (and its adverbs) proves nothing
    head = slots[j].parses[0]
    nouns = [
        p for p in slots[j].parses
        if p.normal_form == head.normal_form and p.tag.POS == "NOUN" == head.tag.POS
        and "Fixd" not in p.tag and not slots[j].text[:1].isupper()
    ]  # indeclinable (главой Минобороны) and proper nouns (сборной Белоруссии) prove nothing;
    # every case of the noun's first lemma counts (парадному строю: строю is first read as a locative)
    agreeing = _agrees(attrs, nouns, ("NOUN",))
    if agreeing:
        best = [p for p in agreeing if p.tag.POS == "ADJF"] or agreeing
        return _reading(best[0], "attribute_before_noun")
    return None


def quantifier_before_genitive(slots: Sequence[Slot], i: int) -> Reading | None:
    """несколько раз: a quantity word before a genitive noun is a numeral, not an adverb."""
    slot = slots[i]
    if not slot.parses or slot.parses[0].normal_form not in QUANTIFIERS or i + 1 >= len(slots):
        return None
    numr = [p for p in slot.parses if p.tag.POS == "NUMR"]
    if numr and any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in slots[i + 1].parses):
        return _reading(numr[0], "quantifier_before_genitive")
    return None


def _weight(lemma: str, pos: str, rivals: frozenset[str]) -> float:
    """How often a lemma is used, judged from wordfreq of its dictionary form.

    The dictionary form may also be a form of a rival (основной, временной are forms of основный,
    временный): the rival's own dictionary-form frequency is taken off as its share. A string that
    is mostly another part of speech (стать, the verb, for the noun стать) is discounted.
    """
    share = sum(10 ** zipf(r) for r in rivals if r != lemma and lemma in _forms(r, pos))
    own = 10 ** zipf(lemma) - share
    weight = math.log10(own) if own > 1 else 0.0
    top = parses(lemma)
    return weight if top and _pos(top[0].tag) == pos else weight - 3.0


def _tied(slots: Sequence[Slot], i: int) -> list | None:
    """The readings pymorphy3 scores as high as its first, of the first's part of speech; None for a
    capitalised word inside a sentence (a name's reading is the name rules' to decide: Дюков is a
    surname, not the genitive plural of дюк)."""
    readings = slots[i].parses
    top = readings[0]
    if slots[i].text[:1].isupper() and not slots[i].sentence_start:
        return None
    pos = _pos(top.tag)
    return [p for p in readings if p.score >= top.score * 0.999 and _pos(p.tag) == pos]


# A reading with this share of the first reading's likelihood is a fair one (прибыли: the verb 0.82 of the noun,
# сели 0.5; дела: деть 0.005, стекла: стечь 0.01; суть: the noun 0.67 of the archaic быть)
FAIR_READING_SHARE = 0.25


def _finite(parse) -> bool:
    """A third-person (or past) indicative verb reading: a clause's predicate."""
    return parse.tag.POS == "VERB" and parse.tag.mood == "indc" and parse.tag.person in (None, "3per")


def modern_over_archaic(slots: Sequence[Slot], i: int) -> Reading | None:
    """суть: pymorphy3 reads first the archaic "they are" (быть, Arch); a modern reading with a fair share
    of its likelihood wins (суть "essence")."""
    readings = slots[i].parses
    top = readings[0]
    if "Arch" not in top.tag.grammemes:
        return None
    modern = [p for p in readings if "Arch" not in p.tag.grammemes and p.score >= FAIR_READING_SHARE * top.score]
    return _reading(modern[0], "modern_over_archaic") if modern else None


def indicative_on_tie(slots: Sequence[Slot], i: int) -> Reading | None:
    """вышли, зашли, нашли, сошли: pymorphy3 ties a verb's past plural with another verb's imperative
    (выйти / выслать "вышли!"); news tells, it seldom orders, so the indicative wins."""
    tied = _tied(slots, i)
    if tied is None or not any(p.tag.mood == "impr" for p in tied):
        return None
    told = [p for p in tied if _finite(p)]
    return _reading(told[0], "indicative_on_tie") if told else None  # the first, even when it is pymorphy3's


def predicate_after_subject(slots: Sequence[Slot], i: int) -> Reading | None:
    """Делегаты прибыли в Москву, они сели в машину: a word pymorphy3 reads first as a noun (прибыль,
    сель) is the verb when the word just before it is a nominative noun or pronoun agreeing with the
    verb's reading, and no other word of the clause is a finite verb (Рост прибыли составил …: прибыли
    agrees with no subject; Акционеры прибыли не получили: the clause has its verb), and pymorphy3 gives the
    verb reading a fair share of the noun's likelihood (суть дела: деть is all but impossible)."""
    slot = slots[i]
    top = slot.parses[0]
    before = slots[i - 1].parses if i > 0 else []
    if top.tag.POS != "NOUN" or not _adjacent(slots, i) or not before or before[0].tag.POS not in ("NOUN", "NPRO"):
        return None  # и is a noun too (the letter), but not first
    governed = i > 1 and _adjacent(slots, i - 1) and bool(slots[i - 2].parses) and slots[i - 2].parses[0].tag.POS == "PREP"
    if before[0].tag.case != "nomn" or governed:
        return None  # у компании прибыли нет: the word before is no subject
    subjects = [p for p in before if p.tag.POS in ("NOUN", "NPRO") and p.tag.case == "nomn"]
    verbs = [p for p in slot.parses if _finite(p) and p.is_known and _subject_of_verb(subjects, p)
             and p.score >= FAIR_READING_SHARE * top.score]
    if not verbs:
        return None
    clause = _clause_span(slots, i)
    if any(j != i and slots[j].parses and _finite(slots[j].parses[0]) for j in clause):
        return None
    return _reading(verbs[0], "predicate_after_subject")


def _subject_of_verb(subjects, verb) -> bool:
    """One of the nominative readings agrees with the verb reading (`_agrees_with_verb`) and is a noun or a
    pronoun of the third person."""
    return any(_agrees_with_verb(s, verb) and (s.tag.POS == "NOUN" or s.tag.person in (None, "3per")) for s in subjects)


def topic_lemma_on_tie(slots: Sequence[Slot], i: int) -> Reading | None:
    """светошумовые гранаты: pymorphy3 ties гранат (pomegranate) and граната (grenade); in the news
    this tool reads, the lemma of the default topic's vocabulary (cards.lexicon.levels) wins, when
    exactly one of the tied lemmas is in it."""
    from cards.lexicon.levels import DEFAULT_TOPIC, topic_words

    tied = _tied(slots, i)
    if tied is None:
        return None
    top = slots[i].parses[0]
    topic = topic_words(DEFAULT_TOPIC)
    in_topic = {p.normal_form for p in tied if p.normal_form.replace("ё", "е") in topic}
    if len(in_topic) != 1 or len({p.normal_form for p in tied}) < 2:
        return None
    best = next(p for p in tied if p.normal_form in in_topic)
    return _reading(best, "topic_lemma_on_tie") if best.normal_form != top.normal_form else None


def frequent_lemma_on_tie(slots: Sequence[Slot], i: int) -> Reading | None:
    """временного: временный, статей: статья: pymorphy3 ties, so the more frequent lemma wins."""
    top = slots[i].parses[0]
    tied = _tied(slots, i)
    if tied is None or top.tag.POS == "ADJS":
        return None  # намерен: short forms' lemmas are unreliable to compare
    pos = _pos(top.tag)
    lemmas = {p.normal_form for p in tied}
    if len(lemmas) < 2:
        return None
    rivals = frozenset(lemmas)
    best = max(tied, key=lambda p: _weight(p.normal_form, pos, rivals))
    if best.normal_form != top.normal_form:
        return _reading(best, "frequent_lemma_on_tie")
    return None


def noun_on_tie(slots: Sequence[Slot], i: int) -> Reading | None:
    """лицемеры и ханжи, много пабликов: pymorphy3, knowing neither word, ties an imperative or a short
    adjective (ханжить, пабликовый) with a noun (ханжа, паблик); in news the noun wins."""
    readings = slots[i].parses
    if not readings or (readings[0].tag.mood != "impr" and readings[0].tag.POS != "ADJS"):
        return None
    if slots[i].text[:1].isupper() and not slots[i].sentence_start:
        return None
    top = readings[0].score
    nouns = [p for p in readings if p.tag.POS == "NOUN" and p.score >= top * 0.999]
    return _reading(nouns[0], "noun_on_tie") if nouns else None


def noun_on_adjective_tie(slots: Sequence[Slot], i: int) -> Reading | None:
    """на набережных, в столовой: pymorphy3 ties an adjective with the dictionary noun it has become
    (набережный / набережная); with no noun or adjective after it to qualify, the word is the noun."""
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS != "ADJF" or slot.text[:1].isupper() and not slot.sentence_start:
        return None
    nouns = [
        p for p in slot.parses
        if p.tag.POS == "NOUN" and p.is_known and p.score >= top.score * 0.999
        and not PROPER_GRAMMEMES & set(p.tag.grammemes)
    ]
    if not nouns or _heads(slots, i + 1, [p for p in slot.parses if p.tag.POS == "ADJF"]):
        return None
    return _reading(nouns[0], "noun_on_adjective_tie")


def noun_agreeing_with_adjective(slots: Sequence[Slot], i: int) -> Reading | None:
    """регионального главка: after an adjective, a noun none of whose first lemma's readings agree with
    it (главка, a chapter, is feminine) takes the other dictionary lemma whose reading does (главк)."""
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS != "NOUN" or not _adjacent(slots, i) or slot.text[:1].isupper():
        return None
    adjectives = [p for p in slots[i - 1].parses if p.tag.POS == "ADJF"]
    if not adjectives or slots[i - 1].parses[0].tag.POS != "ADJF":
        return None

    def agrees(noun) -> bool:
        return any(_agree_fully(a, noun) for a in adjectives)

    if any(agrees(p) for p in slot.parses if p.normal_form == top.normal_form):
        return None
    others = [
        p for p in slot.parses
        if p.tag.POS == "NOUN" and p.is_known and agrees(p) and not PROPER_GRAMMEMES & set(p.tag.grammemes)
    ]
    return _reading(others[0], "noun_agreeing_with_adjective") if others else None


def noun_after_adjective(slots: Sequence[Slot], i: int) -> Reading | None:
    """основных тем: after an agreeing adjective, the noun reading of a function word."""
    slot = slots[i]
    if not _adjacent(slots, i) or slot.parses[0].tag.POS not in ("CONJ", "PRCL", "NPRO", "PREP"):
        return None
    prev = slots[i - 1].parses
    if not prev or prev[0].tag.POS != "ADJF" or "Apro" in prev[0].tag:
        return None
    adjectives = [p for p in prev if p.tag.POS == "ADJF"]
    if i + 1 < len(slots) and _heads(slots, i + 1, adjectives):
        return None
    nouns = [p for p in slot.parses if p.tag.POS == "NOUN" and not PROPER_GRAMMEMES & set(p.tag.grammemes)]
    agreeing = _agrees(nouns, adjectives, ("ADJF",))
    return _reading(agreeing[0], "noun_after_adjective") if agreeing else None


def adjective_before_noun(slots: Sequence[Slot], i: int) -> Reading | None:
    """Соединенные Штаты: a participle before its noun, taken as its adjective when it is one.

    It is one when the dictionary has the adjective, or when the pair is capitalised as a name.
    """
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS != "PRTF" or not _heads(slots, i + 1, [top]):
        return None
    if slots[i + 1].parses[0].tag.POS != "NOUN":
        return None
    form = top.inflect({"masc", "sing", "nomn"})
    lemma = form.word if form is not None else top.normal_form
    adjectives = [p for p in parses(lemma) if p.tag.POS == "ADJF" and p.normal_form == lemma]
    if adjectives or slot.text[:1].isupper() and not slot.sentence_start or _imperfective_passive_adjective(top, lemma):
        return Reading(lemma, "adj", top.tag, "adjective_before_noun")
    return None


def _imperfective_passive_adjective(participle, lemma: str) -> bool:
    """бракованные детали: a past passive participle of an imperfective verb is rare as a verb form and
    mostly an adjective (бракованный, кованый); it is one here when the lexicon lists the adjective.
    Not a perfective one (возбуждённое дело: возбудить, not возбуждённый "excited")."""
    from cards.lexicon.lexicon import shipped

    tag = participle.tag
    return {"impf", "past", "pssv"} <= set(tag.grammemes) and shipped().entry(lemma, "adj") is not None


def parenthetical(slots: Sequence[Slot], i: int) -> Reading | None:
    """", очевидно," (or "Правда, ..." at the start) is the parenthetical word, not a short adjective."""
    slot = slots[i]
    opens = "," in slot.gap or slot.sentence_start or "—" in slot.gap
    closes = i + 1 < len(slots) and ("," in slots[i + 1].gap or "—" in slots[i + 1].gap)
    if not (opens and closes):
        return None
    prnt = [p for p in slot.parses if "Prnt" in p.tag]
    return _reading(prnt[0], "parenthetical") if prnt and prnt[0] is not slot.parses[0] else None


# Gerunds that with the preposition after them make a compound preposition, as благодаря and включая are
# in pymorphy3's dictionary: судя по "judging by", начиная с "starting from", исходя из "based on"
GERUND_PREPOSITIONS = {"судя": frozenset({"по"}), "начиная": frozenset({"с", "со"}), "исходя": frozenset({"из"})}


def gerund_preposition(slots: Sequence[Slot], i: int) -> Reading | None:
    """судя по всему, начиная с понедельника: the gerund before its preposition is a preposition itself
    (a grammar word, as благодаря and несмотря are), not the verb судить "judge" or начинать "begin"."""
    takes = GERUND_PREPOSITIONS.get(slots[i].text.lower())
    if takes is None or i + 1 >= len(slots) or slots[i + 1].text.lower() not in takes or slots[i + 1].gap.strip():
        return None
    preposition = next((p for p in slots[i + 1].parses if p.tag.POS == "PREP"), None)
    return None if preposition is None else Reading(slots[i].text.lower(), "prep", preposition.tag, "gerund_preposition")


CLAUSE_CONJUNCTIONS = frozenset("и а но что однако хотя зато причём если когда поскольку".split())


def _clause_start(slots: Sequence[Slot], i: int) -> bool:
    """Word `i` opens a clause: the sentence's first word, or after punctuation or a conjunction."""
    slot = slots[i]
    if slot.sentence_start or any(ch in slot.gap for ch in ",;:—–(«\"„“"):
        return True
    prev = slots[i - 1] if i > 0 else None
    return prev is not None and bool(prev.parses) and prev.parses[0].normal_form in CLAUSE_CONJUNCTIONS


def _following_verbs(slots: Sequence[Slot], i: int) -> list:
    """The predicate readings (a third-person finite verb, or a short form) of the word after noun
    `i`, across adverbs, particles and a genitive phrase that depends on the noun (Критики нового
    закона не согласны …); [] when another word comes first."""
    j = i + 1
    while j < len(slots) and _adjacent(slots, j) and slots[j].parses:
        top = slots[j].parses[0].tag
        if top.POS in ("ADVB", "PRCL") or top.POS in ("NOUN", "ADJF") and top.case == "gent":
            j += 1
            continue
        break
    if j >= len(slots) or not _adjacent(slots, j):
        return []
    return [
        p for p in slots[j].parses
        if p.tag.number and (
            _finite(p)
            or p.tag.POS in ("ADJS", "PRTS")  # a short form as the predicate: не согласны, отменены
        )
    ]


def _subject_of(parse, verbs) -> bool:
    """A nominative noun reading that agrees with one of the verb readings in number (and, in the
    past singular, in gender)."""
    if parse.tag.POS != "NOUN" or parse.tag.case != "nomn":
        return False
    return any(_agrees_with_verb(parse, v) for v in verbs)


def _agrees_with_verb(subject, verb) -> bool:
    """A subject reading agrees with a verb reading in number and, in the past singular, in gender."""
    return subject.tag.number == verb.tag.number and (
        verb.tag.number == "plur" or verb.tag.gender is None or subject.tag.gender in (None, verb.tag.gender))


def subject_agrees_with_verb(slots: Sequence[Slot], i: int) -> Reading | None:
    """Критики утверждают: a noun opening a clause before a finite verb is its subject, so its
    number agrees with the verb's — критик (plural nominative), not критика (genitive singular).
    Among the agreeing readings an animate one goes first (people claim, decide and say), then
    the more likely. Decides only when the lemma or the name reading changes."""
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS != "NOUN" or not _clause_start(slots, i):
        return None
    verbs = _following_verbs(slots, i)
    if not verbs or _subject_of(top, verbs):
        return None
    agreeing = [p for p in slot.parses if _subject_of(p, verbs) and p.is_known]
    if not agreeing:
        return None
    best = sorted(agreeing, key=lambda p: p.tag.animacy != "anim")[0]  # stable: likelier first
    same_name = bool(NAME_GRAMMEMES & set(best.tag.grammemes)) == bool(NAME_GRAMMEMES & set(top.tag.grammemes))
    if best.normal_form == top.normal_form and same_name:
        return None
    return _reading(best, "subject_agrees_with_verb")


def _stem_key(adjective: str) -> str:
    return adjective.replace("ё", "е")[:-2]


@functools.lru_cache(maxsize=20_000)
def _has_adverb(adjective: str) -> bool:
    """The dictionary has an adverb made from the adjective: уверенно, подавляюще, открыто."""
    word = adjective.replace("ё", "е")
    if not word.endswith(("ый", "ий", "ой")):
        return False
    adverbs = {word[:-2] + "о", word[:-2] + "е"}
    return any(
        p.tag.POS == "ADVB" and p.is_known and p.normal_form.replace("ё", "е") == a
        for a in adverbs for p in parses(a)
    )


def lexicalised_adjective(adjective: str, participle=None) -> bool:
    """A participle's full form that works as an adjective in its own right: the dictionary lists
    the adjective (прошедший, действующий), or, for a present active participle, has an adverb made
    from it (подавляющий: подавляюще, угрожающий: угрожающе). Past passive ones with an adverb keep
    their verb: their adjective has drifted to another sense (возбуждённое дело: возбудить, not
    возбуждённый "excited")."""
    if any(p.tag.POS == "ADJF" and p.normal_form == adjective and p.is_known for p in parses(adjective)):
        return True
    present_active = participle is not None and participle.tag.tense == "pres" and participle.tag.voice == "actv"
    return present_active and _has_adverb(adjective)


def _opens_participial_phrase(slots: Sequence[Slot], i: int) -> bool:
    """Participle `i` has a dependent right after it (приближенного к нему юриста, подписанное
    президентом соглашение): a preposition, a pronoun, or a noun it does not agree with."""
    j = i + 1
    if not _adjacent(slots, j) or not slots[j].parses:
        return False
    top = slots[j].parses[0].tag
    if top.POS in ("PREP", "NPRO"):
        return True
    readings = [p for p in slots[i].parses if p.tag.POS == "PRTF"] or slots[i].parses[:1]
    agreeing = any(_agree_fully(p, q) for p in readings for q in slots[j].parses if q.tag.POS in ("NOUN", "ADJF"))
    return top.POS in ("NOUN", "ADJF") and not agreeing  # принятое Верховной радой решение


def _agree_fully(modifier, noun) -> bool:
    """Case, number and, in the singular, gender agree (преданные фанаты; not исполняющего роль)."""
    a, b = modifier.tag, noun.tag
    if (a.case, a.number) != (b.case, b.number):
        return False
    return a.number == "plur" or a.gender is None or b.gender is None or a.gender == b.gender


def lexicalised_participle(slots: Sequence[Slot], i: int) -> Reading | None:
    """подавляющее большинство, действующий президент: a full participle that is lexicalised as an
    adjective (`lexicalised_adjective`) keeps the adjective as its lemma, unless a dependent follows
    it (приближенного к нему юриста: приблизить), which shows it used as the verb's participle.
    One the dictionary also has as a noun is that noun when no noun follows for it to qualify
    (данные не подтвердились: данные)."""
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS != "PRTF" or _opens_participial_phrase(slots, i):
        return None
    key = (top.tag.case, top.tag.number)
    nouns = [p for p in slot.parses if p.tag.POS == "NOUN" and (p.tag.case, p.tag.number) == key]
    if nouns and not _heads(slots, i + 1, [top]):
        return _reading(nouns[0], "lexicalised_participle")  # данные не подтвердились: the noun
    adjectives = [p for p in slot.parses if p.tag.POS == "ADJF" and p.is_known and "Apro" not in p.tag]
    if adjectives:
        same = [p for p in adjectives if (p.tag.case, p.tag.number) == key]
        return _reading((same or adjectives)[0], "lexicalised_participle")
    form = top.inflect({"masc", "sing", "nomn"})
    lemma = form.word if form is not None else top.normal_form
    if lexicalised_adjective(lemma, top):
        return Reading(lemma, "adj", top.tag, "lexicalised_participle")
    return None


def participle_as_noun(slots: Sequence[Slot], i: int) -> Reading | None:
    """Подозреваемый в совершении преступления задержан, в протестующего выстрелили, новых заболевших: a
    full participle opening its sentence, after a preposition or after an adjective agreeing with it, that
    has no noun to qualify in its clause before the predicate (принятые в прошлом году меры, «прописанные
    мелким шрифтом» условия qualify one) is the noun of whoever does or undergoes it (подозреваемый,
    митингующий, заболевший)."""
    slot = slots[i]
    if not slot.parses or slot.parses[0].tag.POS != "PRTF" or (slot.text[:1].isupper() and not slot.sentence_start):
        return None
    readings = [p for p in slot.parses if p.tag.POS == "PRTF"]
    before = slots[i - 1].parses if i > 0 and _adjacent(slots, i) else []
    after_adjective = any(_agree_fully(q, p) for q in before if q.tag.POS == "ADJF" for p in readings)
    if not (slot.sentence_start or (before and before[0].tag.POS == "PREP") or after_adjective):
        return None

    def qualifies(j: int) -> bool:
        top = slots[j].parses[0].tag.POS if slots[j].parses else None
        return top == "NOUN" and any(_agree_fully(p, q) for p in readings for q in slots[j].parses if q.tag.POS == "NOUN")

    j = i + 1
    while j < len(slots) and not slots[j].sentence_start and not any(ch in slots[j].gap for ch in ",;:—–()"):
        if slots[j].parses and slots[j].parses[0].tag.POS in ("VERB", "INFN", "PRTS", "ADJS"):
            break  # the predicate: Митингующие устроили беспорядки
        if qualifies(j):
            return None
        j += 1
    return _as_noun(slot, readings[0], "participle_as_noun")


def short_participle(slots: Sequence[Slot], i: int) -> Reading | None:
    """будет отражён ряд вопросов, запрет снят: a short passive participle is shown under its verb
    (отразить), not as the short adjective of the same stem (отражённый) that pymorphy3 often ranks
    first or ties with it. A lexicalised short adjective — one with an adverb in the dictionary
    (уверенно, намеренно) — stays the adjective where it works as one: ranked first by pymorphy3
    (уверен), or before an infinitive (намерены оспорить, вынуждены уйти)."""
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS not in ("ADJS", "PRTS"):
        return None
    adjectives = [p for p in slot.parses if p.tag.POS == "ADJS" and p.is_known]
    infinitive = i + 1 < len(slots) and _adjacent(slots, i + 1) and _has(slots[i + 1], "INFN")
    for p in slot.parses:
        if p.tag.POS != "PRTS" or not p.is_known:
            continue
        full = p.inflect({"PRTF", "masc", "sing", "nomn"})
        if full is None:
            continue
        same = [a for a in adjectives if _stem_key(a.normal_form) == _stem_key(full.word)]
        if _has_adverb(full.word) and (infinitive or top in same):  # works as the adjective
            return None if top in same else Reading(full.word, "adj", p.tag, "short_participle")
        if same:  # виден: видный is no form of видеть's participle, so not here
            return None if top is p else _reading(p, "short_participle")
    return None


LINKING_VERBS = frozenset("быть стать становиться являться оказаться оказываться казаться остаться оставаться".split())


def _clause_span(slots: Sequence[Slot], i: int) -> range:
    """The words of the clause around word `i`: from the last clause opening to the next punctuation."""
    start = i
    while start > 0 and not _clause_start(slots, start):
        start -= 1
    stop = i + 1
    while stop < len(slots) and not slots[stop].sentence_start and not any(ch in slots[stop].gap for ch in ",;:—–()«»\""):
        stop += 1
    return range(start, stop)


def adverb_beside_verb(slots: Sequence[Slot], i: int) -> Reading | None:
    """воспринимает предложение позитивно: a word that is both a neuter short adjective and an adverb
    is the adverb in a clause whose predicate is another verb (a short adjective is a predicate only with
    a linking verb, or none: решение окончательно)."""
    slot = slots[i]
    top = slot.parses[0]
    if top.tag.POS != "ADJS" or top.tag.gender != "neut":
        return None
    adverb = next((p for p in slot.parses if p.tag.POS == "ADVB" and p.is_known), None)
    if adverb is None:
        return None
    for j in _clause_span(slots, i):
        verb = slots[j].parses[0] if slots[j].parses else None
        if j != i and verb is not None and verb.tag.POS == "VERB" and verb.normal_form not in LINKING_VERBS:
            return _reading(adverb, "adverb_beside_verb")
    return None


RULES: tuple[Rule, ...] = (
    gerund_preposition,
    parenthetical,
    substantive_after_number,
    substantive_after_adjective,
    substantive_after_preposition,
    adjective_of_a_later_noun,
    noun_case_after_preposition,
    substantive_alone,
    substantivised_adjective,
    noun_after_number,
    name_case_agreement,
    unknown_name,
    name_at_sentence_start,
    subject_agrees_with_verb,
    predicate_after_subject,
    noun_after_adjective,
    noun_agreeing_with_adjective,
    adjective_before_noun,
    participle_as_noun,
    lexicalised_participle,
    short_participle,
    adverb_beside_verb,
    quantifier_before_genitive,
    proper_when_capitalised,
    attribute_before_noun,
    modern_over_archaic,
    noun_on_tie,
    noun_on_adjective_tie,
    adjective_as_lexicon_noun,
    indicative_on_tie,
    topic_lemma_on_tie,
    frequent_lemma_on_tie,
)


def choose(slots: Sequence[Slot], i: int, rules: Sequence[Rule] = RULES) -> Reading:
    """The reading of word `i`: the first rule that decides, else pymorphy3's first parse."""
    for rule in rules:
        reading = rule(slots, i)
        if reading is not None:
            return reading
    return _reading(slots[i].parses[0])


# ---------------------------------------------------------------- lemmas


def _lemma(slot: Slot, reading: Reading | None, all_caps_text: bool) -> Lemma:
    surface = strip_stress(slot.text)
    if slot.kind == "number":
        if slot.parses and slot.parses[0].tag.POS == "ADJF":  # 20-летний
            return _lemma_from(slot, _reading(slot.parses[0]), all_caps_text)
        return Lemma(surface, "num", zipf=zipf(surface))
    if slot.kind == "latin" or reading is None:
        return Lemma(surface, "noun", zipf=zipf(surface), proper=True)
    return _lemma_from(slot, reading, all_caps_text)


def _plain(grammeme: str | None) -> str | None:
    """pymorphy3's grammeme (a str of a class it makes on the fly, which cannot be pickled) as a plain str."""
    return None if grammeme is None else str(grammeme)


def _lemma_from(slot: Slot, reading: Reading, all_caps_text: bool) -> Lemma:
    tag = reading.tag
    proper = _is_proper(slot, reading, all_caps_text)
    lemma = _restore_case(reading.lemma, strip_stress(slot.text)) if proper else reading.lemma
    if reading.pos == "noun" and not proper and tag.number == "plur":
        lemma = plural_only_headword(lemma, strip_stress(slot.text)) or lemma
    if reading.pos == "noun" and not proper and lemma.endswith("ие"):
        lemma = soft_sign_spelling(lemma) or lemma
    gender = animacy = aspect = None
    if reading.pos == "noun":
        if reading.noun:
            gender, animacy = "m", "anim"
        else:
            gender, animacy = _plain(_gender(tag)), _plain(tag.animacy)
    elif reading.pos == "verb":
        aspect = verb_aspect(lemma, _plain(tag.aspect), slot)
    if reading.pos == "noun" and animacy is None:
        animacy = "anim" if proper and PROPER_GRAMMEMES & {"Name", "Surn", "Patr"} & set(tag.grammemes) else "inan"
    frequency = lemma_zipf(lemma, reading.pos)
    if reading.noun and tag.POS == "PRTF":  # митингующий: no dictionary noun, the participle's forms count
        frequency = max(frequency, participle_zipf(lemma))
    return Lemma(lemma, reading.pos, gender, aspect, frequency, proper, animacy)


def verb_aspect(verb: str, read: str | None, slot: Slot) -> str | None:
    """The aspect of a verb whose form pymorphy3 reads both ways (передавал, считать, задевает: its
    dictionary also has a rare perfective homonym), as OpenRussian gives it for the common verb ("both"
    for a biaspectual one); `read` (pymorphy3's) when the form has one aspect or the lexicon none."""
    from cards.lexicon.lexicon import verb_entry

    aspects = {p.tag.aspect for p in slot.parses if p.normal_form == verb and p.tag.aspect}
    if len(aspects) < 2:
        return read
    entry = verb_entry(verb)
    known = entry.aspect if entry is not None else ""
    return known if known in ("impf", "perf", "both") else read


def soft_sign_spelling(lemma: str) -> str | None:
    """The spelling in -ье of a noun pymorphy3 writes in -ие, when the lexicon has a sense only for
    that one (ущелье, not ущелие; подножие keeps its own); None otherwise."""
    from cards.lexicon.lexicon import shipped

    lexicon = shipped()
    other = lemma[:-2] + "ье"
    return other if lexicon.has_sense(other) and not lexicon.has_sense(lemma) else None


def plural_only_headword(lemma: str, form: str) -> str | None:
    """The plural-only headword a plural noun belongs to, when pymorphy3 gives it a singular lemma the
    lexicon has no sense for (кулуарах: кулуары, not кулуар); None otherwise."""
    from cards.lexicon.lexicon import shipped

    lexicon = shipped()
    if lexicon.has_sense(lemma):
        return None
    for parse in parses(form.lower()):
        if parse.normal_form == lemma and parse.tag.number == "plur" and (plural := parse.inflect({"plur", "nomn"})):
            if any(e.plural_only and e.senses for e in lexicon.entries(plural.word)):
                return plural.word
    return None


def analyse(text: str, rules: Sequence[Rule] = RULES) -> tuple[Token, ...]:
    """Every word of a Russian sentence with its lemma, chosen in context.

    `rules=()` gives pymorphy3's plain first parse (the baseline the benchmark compares with).
    """
    slots = _slots(text)
    letters = [c for c in text if c.isalpha()]
    all_caps = len(letters) > 8 and all(c.isupper() for c in letters)
    tokens = []
    for i, slot in enumerate(slots):
        reading = None
        if slot.kind == "word" and slot.parses:
            reading = choose(slots, i, rules)
        tokens.append(Token(slot.start, slot.stop, slot.text, _lemma(slot, reading, all_caps)))
    return tuple(tokens)


def explain(text: str) -> tuple[tuple[str, str, str], ...]:
    """(surface, lemma, rule) for every word: which rule decided each reading."""
    slots = _slots(text)
    tokens = analyse(text)
    return tuple(
        (slot.text, token.lemma.lemma, choose(slots, i).rule if slot.kind == "word" and slot.parses else slot.kind)
        for i, (slot, token) in enumerate(zip(slots, tokens, strict=True))
    )


def lemmatize(word: str) -> str:
    """The lemma of one word out of context, lower-case and ё-correct (for known-word lists).

    The same rules as `analyse` choose the reading, with no neighbours; a participle that can be
    a noun is taken as the noun (заключенные → заключённый): alone, it has no dependent.
    """
    clean = strip_stress(word).strip().lower()
    slots = _slots(clean)
    if len(slots) != 1 or slots[0].text != clean or not slots[0].parses:
        return clean
    subst = _substantive(slots[0])
    if subst and slots[0].parses[0].tag.POS == "PRTF":
        return _as_noun(slots[0], subst[0], "lemmatize").lemma
    return choose(slots, 0).lemma


def is_content(lemma: Lemma) -> bool:
    """Nouns, verbs, adjectives and adverbs that are neither names nor pronominal."""
    return (
        lemma.pos in CONTENT_POS
        and not lemma.proper
        and lemma.lemma.lower() not in PRONOMINAL_ADVERBS
    )
