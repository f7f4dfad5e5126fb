"""Names: the reading rules that tell a name from a common word, and the lemma of a name.

A capitalised word is a name when the dictionary's name reading fits its place in the sentence:
after a first name it takes the first name's case (`name_case_agreement`); a word the dictionary
lacks is its own nominative (`unknown_name`); a sentence's first word is the name when only the name
can be the subject (`name_at_sentence_start`); mid-sentence, a capitalised dictionary word takes its
name reading (`proper_when_capitalised`). morph.RULES runs these among the other rules. A name's
lemma keeps the capitals of its surface (`_restore_case`); `as_name` turns a token into a name when
a later stage knows it is one.

Example:
    >>> from cards.lexicon.morph import analyse
    >>> [t.lemma.lemma for t in analyse("Песков встретился с Джоном Коулом.") if t.lemma.proper]
    ['Песков', 'Джон', 'Коул']
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from cards.lexicon.analyser import NAME_GRAMMEMES, PROPER_GRAMMEMES, analyzer, lemma_zipf, parses, strip_stress
from cards.lexicon.context import Reading, Slot, _adjacent, _cases, _gender, _reading
from cards.model import Token


def _is_name_parse(parse) -> bool:
    """A dictionary (not guessed) noun reading as a name: Surn, Name, Patr, Geox or Orgn."""
    return parse.tag.POS == "NOUN" and bool(NAME_GRAMMEMES & set(parse.tag.grammemes)) and parse.is_known


def _may_be_surname(slot: Slot) -> bool:
    """A capitalised word that is a surname or patronymic in the dictionary, or unknown to it."""
    if not slot.text[:1].isupper() or not slot.parses:
        return False
    if any("Surn" in p.tag or "Patr" in p.tag for p in slot.parses):
        return True
    return not analyzer().word_is_known(strip_stress(slot.text).lower())


def name_case_agreement(slots: Sequence[Slot], i: int) -> Reading | None:
    """Джоном Коулом: a capitalised word after a first name takes the first name's case."""
    slot = slots[i]
    if i == 0 or not slot.text[:1].isupper() or len(slot.parses) < 2:
        return None
    names = [p for p in slots[i - 1].parses if "Name" in p.tag]
    if not names or not slots[i - 1].text[:1].isupper() or any("Name" in p.tag for p in slot.parses):
        return None
    cases = _cases(names, ("NOUN",))
    agreeing = [p for p in slot.parses if p.tag.POS == "NOUN" and (p.tag.case, p.tag.number) in cases]
    if agreeing and agreeing[0] is not slot.parses[0]:
        return _reading(agreeing[0], "name_case_agreement")
    return None


OBLIQUE_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ом", "ем", "ём", "ой", "ей", "ым", "им", "ах", "ях")


def unknown_name(slots: Sequence[Slot], i: int) -> Reading | None:
    """Коулом → Коул, Беларуськалий → Беларуськалий: a capitalised word the dictionary lacks.

    A form with an oblique case ending takes the guess that strips it; otherwise the word is
    taken as its own nominative rather than as a guessed plural (беларуськалия), unless it
    ends in a vowel an oblique case may end in (Фургала).
    """
    slot = slots[i]
    word = strip_stress(slot.text).lower()
    if not slot.text[:1].isupper() or "-" in word or analyzer().word_is_known(word):
        return None
    top = slot.parses[0]
    if top.tag.POS == "ADJF" and top.normal_form.endswith(("ский", "цкий")):
        return None  # Кронштадском: a place adjective, guessed right
    nouns = [p for p in slot.parses if p.tag.POS == "NOUN"]
    for ending in OBLIQUE_ENDINGS:
        stem = [p for p in nouns if word.endswith(ending) and p.normal_form == word[: -len(ending)]]
        if stem:
            return _reading(stem[0], "unknown_name") if stem[0] is not slot.parses[0] else None
    if word.endswith(tuple("аяуюеыи")):
        return None  # Фургала: may well be an oblique case; keep the guess
    if top.normal_form != word and any(p.normal_form == word for p in slot.parses):
        same = [p for p in nouns if p.normal_form == word]
        tag = same[0].tag if same else top.tag
        return Reading(word, "noun", tag, "unknown_name", noun=not same)
    return None


def name_at_sentence_start(slots: Sequence[Slot], i: int) -> Reading | None:
    """Песков заявил …, Вера Иванова …: a sentence's capitalised first word the dictionary has as a
    name (Surn, Name, Patr, Geox, Orgn) is that name when only the name reading can be the
    subject — a nominative, where every common reading is an oblique case (песков, the genitive
    plural of песок) — or when a surname agreeing with it follows. Санкции, Вера (faith) stay
    common words: their common reading may be the subject too."""
    slot = slots[i]
    if not slot.sentence_start or not slot.text[:1].isupper() or not slot.parses:
        return None
    if PROPER_GRAMMEMES & set(slot.parses[0].tag.grammemes):
        return None  # already a name
    names = [p for p in slot.parses if _is_name_parse(p)]
    if not names:
        return None
    common = [p for p in slot.parses if not PROPER_GRAMMEMES & set(p.tag.grammemes)]
    nominative = [p for p in names if p.tag.case == "nomn"]
    if nominative and all(p.tag.case not in (None, "nomn") for p in common):
        return _reading(nominative[0], "name_at_sentence_start")
    if i + 1 < len(slots) and _adjacent(slots, i + 1) and _may_be_surname(slots[i + 1]):
        cases = _cases(slots[i + 1].parses, ("NOUN",))
        first = [p for p in names if "Name" in p.tag and (p.tag.case, p.tag.number) in cases]
        if first:
            return _reading(first[0], "name_at_sentence_start")
    return None


def proper_when_capitalised(slots: Sequence[Slot], i: int) -> Reading | None:
    """Вера, Роман in mid-sentence: a capitalised dictionary word takes its name reading."""
    slot = slots[i]
    if slot.sentence_start or not slot.text[:1].isupper() or not slot.parses:
        return None
    if slot.parses[0].tag.POS != "NOUN" or PROPER_GRAMMEMES & set(slot.parses[0].tag.grammemes):
        return None
    if not analyzer().word_is_known(strip_stress(slot.text).lower()):
        return None  # the guesser's name readings of unknown words are often wrong (Семиларски)
    word = strip_stress(slot.text).lower().replace("ё", "е")
    top = slot.parses[0].tag
    names = [
        p for p in slot.parses
        if PROPER_GRAMMEMES & set(p.tag.grammemes)
        and (p.normal_form.replace("ё", "е") == word or (p.tag.case, p.tag.number) == (top.case, top.number))
    ]  # Королев → Королёв, but not Герой → гера
    return _reading(names[0], "proper_when_capitalised") if names else None


def _restore_case(lemma: str, surface: str) -> str:
    """Give a proper lemma the capitals of its surface form: минск → Минск, сша → США."""
    if len(surface) > 1 and surface.isupper():
        return lemma.upper()
    parts, shape = lemma.split("-"), surface.split("-")
    if len(parts) != len(shape):
        shape = shape[:1] * len(parts)
        shape[1:] = [s.lower() for s in shape[1:]]
    return "-".join(p[:1].upper() + p[1:] if s[:1].isupper() else p for p, s in zip(parts, shape, strict=False))


def _is_proper(slot: Slot, reading: Reading | None, all_caps_text: bool) -> bool:
    surface = strip_stress(slot.text)
    if slot.kind == "latin":
        return True
    if slot.kind != "word" or not surface[:1].isupper():
        return False
    if len(surface) > 1 and surface.replace("-", "").isupper() and not all_caps_text:
        return True
    if reading is not None and PROPER_GRAMMEMES & set(reading.tag.grammemes):
        return True
    if not slot.sentence_start:
        return True
    return not analyzer().word_is_known(surface.lower())


def as_name(token: Token) -> Token:
    """The token taken as a name, when a later stage knows it is one though its sentence does not
    show it (its English spells it, the article capitalises it mid-sentence): the dictionary's name
    reading when it has one (Песков, not песок), else its own lemma with the capitals of its surface
    (Кремль, Дума). A token already proper is returned as it is."""
    if token.lemma.proper:
        return token
    surface = strip_stress(token.text)
    names = [p for p in parses(surface.lower()) if _is_name_parse(p)]
    if not names:
        lemma = _restore_case(token.lemma.lemma, surface)
        return replace(token, lemma=replace(token.lemma, lemma=lemma, proper=True))
    best = ([p for p in names if p.tag.case == "nomn"] or names)[0]
    lemma = _restore_case(best.normal_form, surface)
    animacy = "anim" if {"Name", "Surn", "Patr"} & set(best.tag.grammemes) else "inan"
    named = replace(token.lemma, lemma=lemma, pos="noun", gender=_gender(best.tag), aspect=None,
                    zipf=lemma_zipf(lemma, "noun"), proper=True, animacy=animacy, aspect_partner=None)
    return replace(token, lemma=named)
