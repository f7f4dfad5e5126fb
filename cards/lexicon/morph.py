"""Russian morphology: tokens → lemma, part of speech, gender, aspect, animacy, frequency.

pymorphy3 (with pymorphy3-dicts-ru) proposes the readings of each word; a few small named rules
pick another reading than its first when the context says so (`RULES`, first to decide wins);
wordfreq gives the Zipf frequency of the lemma. Pure functions; the analyser is built once, lazily.

Public: analyse, lemmatize, strip_stress, is_content, explain,
as_name, lexicalised_adjective, zipf; RULES lists the context rules in order (bench/lemmas.py measures each).

Example:
    >>> [t.lemma.lemma for t in analyse("Освобождены 250 заключенных.")]
    ['освободить', '250', 'заключённый']
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable, Sequence

from cards.model import Lemma, Token

POS = ("noun", "verb", "adj", "adv", "num", "pron", "prep", "conj", "part", "intj", "other")
CONTENT_POS = frozenset({"noun", "verb", "adj", "adv"})
PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
# The dictionary's readings that make a word a name (not Abbr: В, По, И are abbreviations too).
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
# Adverbs that stand for something named elsewhere: grammar words, not vocabulary.
PRONOMINAL_ADVERBS = frozenset(
    "так там тут здесь где куда откуда сюда туда отсюда оттуда когда тогда всегда никогда иногда "
    "везде всюду нигде никуда как никак почему зачем поэтому потому затем отчего сколько столько "
    "несколько".split()
)
# Quantity words that govern the genitive like numerals do.
QUANTIFIERS = frozenset("несколько много немного мало немало сколько столько большинство".split())

_MARKS = "\u0301\u0300\u0306\u0308"  # stress marks; breve and diaeresis of decomposed й, ё
_LETTER = r"[^\W\d_]"
_CYR_WORD = rf"{_LETTER}[{_MARKS}]*(?:{_LETTER}[{_MARKS}]*)*"
TOKEN_RE = re.compile(
    rf"(?P<latin>[A-Za-z][A-Za-z0-9]*(?:[.&'’-][A-Za-z0-9]+)*)"
    rf"|(?P<number>\d+(?:[.,:]\d+)*(?:-{_CYR_WORD})?)"
    rf"|(?P<word>{_CYR_WORD}(?:-{_CYR_WORD})*)"
)
# A sentence starts after its end mark, and after a colon that opens a quotation (заявил: «Санкции …»).
_SENTENCE_END = re.compile(r"(?:[.!?…]|:\s*[«\"„“])\s*[«\"„“(]*\s*$")


def strip_stress(text: str) -> str:
    """Remove stress marks (U+0301, U+0300), also inside precomposed ѐ and ѝ."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", decomposed.replace("\u0301", "").replace("\u0300", ""))


@functools.cache
def analyzer():
    """The one pymorphy3 analyser of the package, built on first use."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    """Every pymorphy3 parse of a word, most likely first; cached for all stages."""
    return tuple(analyzer().parse(word))


@functools.cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("ru")


def _form_frequency(form: str) -> float:
    """wordfreq frequency of one word form, both of its ё and е spellings counted."""
    table = _frequencies()
    word = form.lower()
    folded = word.replace("ё", "е")
    return table.get(word, 0.0) + (table.get(folded, 0.0) if folded != word else 0.0)


@functools.lru_cache(maxsize=200_000)
def lemma_zipf(lemma: str, pos: str) -> float:
    """Zipf frequency of a lemma with all its forms counted: the sum of wordfreq's frequencies of
    every form of its pymorphy3 lexeme (сделка, сделки, сделку …). The dictionary form alone
    underrates words mostly used in other forms (санкция 2.8, санкции 3.9; all forms 4.9). A hyphenated
    word wordfreq does not list gets its estimate from the parts (премьер-министр 4.6), not 0."""
    word = strip_stress(lemma).lower()
    total = sum(_form_frequency(f) for f in _forms(word, pos) | {word})
    if total == 0 and "-" in word.strip("-"):  # премьер-министр: the parts' half-harmonic mean, as wordfreq does
        parts = [_form_frequency(p) for p in word.split("-") if p]
        total = 1 / sum(1 / f for f in parts) if parts and all(parts) else 0.0
    return round(min(8.0, max(0.0, math.log10(total * 1e9))), 2) if total > 0 else 0.0


@functools.lru_cache(maxsize=200_000)
def zipf(lemma: str) -> float:
    """wordfreq Zipf frequency of a lemma's dictionary form alone (best of its ё and е spellings).

    Read from wordfreq's frequency table directly: the same figure as `zipf_frequency` for one
    word, without its tokenizer (which costs a noticeable start-up)."""
    table = _frequencies()
    word = strip_stress(lemma).lower()
    freq = max(table.get(word, 0.0), table.get(word.replace("ё", "е"), 0.0))
    return round(math.log10(freq) + 9, 2) if freq > 0 else 0.0


# ---------------------------------------------------------------- readings


@dataclass(frozen=True)
class Reading:
    """One reading of a word: what the Lemma is built from, and the rule that chose it."""

    lemma: str
    pos: str
    tag: object
    rule: str = "first_parse"
    noun: bool = False  # a participle or adjective taken as the noun it has become


def _pos(tag) -> str:
    p = tag.POS
    if p == "NOUN":
        return "noun"
    if p in ("VERB", "INFN", "PRTF", "PRTS", "GRND"):
        return "verb"
    if p in ("ADJF", "ADJS"):
        return "pron" if "Apro" in tag else "adj"
    if p == "COMP":
        return "adj"
    if p in ("ADVB", "PRED"):
        return "adv"
    if p == "NUMR" or "NUMB" in tag:
        return "num"
    if p == "CONJ":
        return "adv" if "Prnt" in tag else "conj"
    return {"NPRO": "pron", "PREP": "prep", "PRCL": "part", "INTJ": "intj"}.get(p, "other")


def _reading(parse, rule: str = "first_parse") -> Reading:
    pos = "num" if parse.normal_form == "один" else _pos(parse.tag)  # pymorphy3: ADJF,Apro
    return Reading(parse.normal_form, pos, parse.tag, rule)


def _noun_reading(parse, rule: str) -> Reading:
    """A participle or adjective reading taken as a noun: заключённых → заключённый."""
    form = parse.inflect({"masc", "sing", "nomn"})
    lemma = form.word if form is not None else parse.normal_form
    return Reading(lemma, "noun", parse.tag, rule, noun=True)


# ---------------------------------------------------------------- context


@dataclass(frozen=True)
class Slot:
    """A token before analysis: its span, its kind, and the candidate parses of its word."""

    start: int
    stop: int
    text: str
    kind: str  # "word", "latin" or "number"
    parses: tuple
    sentence_start: bool
    gap: str = ""  # the text between the previous token and this one


def _slots(text: str) -> list[Slot]:
    slots: list[Slot] = []
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        gap = text[slots[-1].stop : m.start()] if slots else text[: m.start()]
        word = strip_stress(m.group()).lower()
        readings = parses(word) if kind == "word" or "-" in word else ()
        first = not slots or bool(_SENTENCE_END.search(gap))
        slots.append(Slot(m.start(), m.end(), m.group(), kind, readings, first, gap))
    return slots


def _cases(parses, pos: tuple[str, ...]) -> set[tuple[str, str]]:
    return {(p.tag.case, p.tag.number) for p in parses if p.tag.POS in pos and p.tag.case}


def _is_number(slot: Slot | None) -> bool:
    if slot is None:
        return False
    if slot.kind == "number":
        return True
    top = slot.parses[0].tag if slot.parses else None
    return bool(top) and (top.POS == "NUMR" or slot.parses[0].normal_form in QUANTIFIERS)


def _has(slot: Slot | None, pos: str) -> bool:
    return slot is not None and any(p.tag.POS == pos for p in slot.parses)


def _adjacent(slots: Sequence[Slot], j: int) -> bool:
    """Token `j` follows token `j - 1` with only spaces between (no punctuation)."""
    return 0 < j < len(slots) and not slots[j].gap.strip() and not slots[j].sentence_start


def _heads(slots: Sequence[Slot], j: int, parses) -> bool:
    """Word `j` is a noun or adjective (by its first parse) agreeing with one of `parses`."""
    if j >= len(slots) or not _adjacent(slots, j) or not slots[j].parses:
        return False
    if slots[j].parses[0].tag.POS not in ("NOUN", "ADJF"):
        return False
    return bool(_agrees(parses, slots[j].parses, ("NOUN", "ADJF")))


def _substantive(slot: Slot) -> list:
    """Participle readings that may be nouns: marked Subx (заключённый) or with a dictionary
    noun of the same form (данные)."""
    if not slot.parses or slot.parses[0].tag.POS == "NOUN":
        return []  # already a noun (По данным)
    has_noun = any(p.tag.POS == "NOUN" for p in slot.parses)
    found = [p for p in slot.parses if p.tag.POS == "PRTF" and ("Subx" in p.tag or has_noun)]
    nouns = {(p.tag.case, p.tag.number) for p in slot.parses if p.tag.POS == "NOUN"}
    return sorted(found, key=lambda p: (p.tag.case, p.tag.number) not in nouns)  # stable: matching first


def _as_noun(slot: Slot, participle, rule: str) -> Reading:
    """The dictionary noun of the participle's case and number if there is one, else the
    participle itself taken as a noun."""
    key = (participle.tag.case, participle.tag.number)
    nouns = [p for p in slot.parses if p.tag.POS == "NOUN" and (p.tag.case, p.tag.number) == key]
    return _reading(nouns[0], rule) if nouns else _noun_reading(participle, rule)


def _agrees(parses, others, pos: tuple[str, ...]) -> list:
    """Parses whose case and number match a reading of `pos` among the other word's parses."""
    wanted = _cases(others, pos)
    return [p for p in parses if (p.tag.case, p.tag.number) in wanted]


Rule = Callable[[Sequence[Slot], int], "Reading | None"]


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


def noun_after_number(slots: Sequence[Slot], i: int) -> Reading | None:
    """четырьмя часами: after a numeral, the noun reading of a word first read as an adverb."""
    slot = slots[i]
    if slot.parses[0].tag.POS != "ADVB" or not _adjacent(slots, i) or not _is_number(slots[i - 1]):
        return None
    oblique = {p.tag.case for p in slots[i - 1].parses if p.tag.case in ("datv", "ablt", "loct")}
    nouns = [p for p in slot.parses if p.tag.POS == "NOUN" and (p.tag.case == "gent" or p.tag.case in oblique)]
    return _reading(nouns[0], "noun_after_number") if nouns else None  # not: две подряд акции


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


def attribute_before_noun(slots: Sequence[Slot], i: int) -> Reading | None:
    """в прошедшем (уже) сезоне, среднего образования: an adjective, not a noun, before its noun.

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
    while j < len(slots) and slots[j].parses and slots[j].parses[0].tag.POS == "ADVB":
        if slots[j].parses[0].normal_form in QUANTIFIERS:
            return None  # 200 пожарных несколько часов: the quantity word starts a new phrase
        j += 1
    if not attrs or j >= len(slots) or j == i + 1 and not slots[j].parses:
        return None
    nouns = [
        p for p in slots[j].parses[:1]
        if p.tag.POS == "NOUN" and "Fixd" not in p.tag and not slots[j].text[:1].isupper()
    ]  # indeclinable (главой Минобороны) and proper nouns (сборной Белоруссии) prove nothing
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


@functools.lru_cache(maxsize=20_000)
def _forms(lemma: str, pos: str) -> frozenset[str]:
    """The forms of a lemma's lexeme (of the given part of speech)."""
    found = [p for p in parses(lemma) if p.normal_form == lemma and _pos(p.tag) == pos]
    return frozenset(f.word for f in found[0].lexeme) if found else frozenset()


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


def frequent_lemma_on_tie(slots: Sequence[Slot], i: int) -> Reading | None:
    """временного: временный, статей: статья: pymorphy3 ties, so the more frequent lemma wins."""
    readings = slots[i].parses
    top = readings[0]
    if slots[i].text[:1].isupper() and not slots[i].sentence_start:
        return None  # Дюков is a surname, not the genitive plural of дюк
    if top.tag.POS == "ADJS":
        return None  # намерен: short forms' lemmas are unreliable to compare
    pos = _pos(top.tag)
    tied = [p for p in readings if p.score >= top.score * 0.999 and _pos(p.tag) == pos]
    lemmas = {p.normal_form for p in tied}
    if len(lemmas) < 2:
        return None
    rivals = frozenset(lemmas)
    best = max(tied, key=lambda p: _weight(p.normal_form, pos, rivals))
    if best.normal_form != top.normal_form:
        return _reading(best, "frequent_lemma_on_tie")
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
    if adjectives or slot.text[:1].isupper() and not slot.sentence_start:
        return Reading(lemma, "adj", top.tag, "adjective_before_noun")
    return None


def parenthetical(slots: Sequence[Slot], i: int) -> Reading | None:
    """", очевидно," (or "Правда, ..." at the start) is the parenthetical word, not a short adjective."""
    slot = slots[i]
    opens = "," in slot.gap or slot.sentence_start or "—" in slot.gap
    closes = i + 1 < len(slots) and ("," in slots[i + 1].gap or "—" in slots[i + 1].gap)
    if not (opens and closes):
        return None
    prnt = [p for p in slot.parses if "Prnt" in p.tag]
    return _reading(prnt[0], "parenthetical") if prnt and prnt[0] is not slot.parses[0] else None


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
            p.tag.POS == "VERB" and p.tag.mood == "indc" and p.tag.person in (None, "3per")
            or p.tag.POS in ("ADJS", "PRTS")  # a short form as the predicate: не согласны, отменены
        )
    ]


def _subject_of(parse, verbs) -> bool:
    """A nominative noun reading that agrees with one of the verb readings in number (and, in the
    past singular, in gender)."""
    if parse.tag.POS != "NOUN" or parse.tag.case != "nomn":
        return False
    return any(
        v.tag.number == parse.tag.number
        and (v.tag.number == "plur" or v.tag.gender is None or parse.tag.gender in (None, v.tag.gender))
        for v in verbs
    )


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
    agreeing = _agrees(slots[i].parses[:1], slots[j].parses, ("NOUN", "ADJF"))
    return top.POS in ("NOUN", "ADJF") and not agreeing  # принятое Верховной радой решение


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


RULES: tuple[Rule, ...] = (
    parenthetical,
    substantive_after_number,
    substantive_after_adjective,
    substantive_after_preposition,
    noun_after_number,
    name_case_agreement,
    unknown_name,
    name_at_sentence_start,
    subject_agrees_with_verb,
    noun_after_adjective,
    adjective_before_noun,
    lexicalised_participle,
    short_participle,
    quantifier_before_genitive,
    proper_when_capitalised,
    attribute_before_noun,
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


def _gender(tag) -> str | None:
    if "Pltm" in tag:
        return None
    return {"masc": "m", "femn": "f", "neut": "n"}.get(tag.gender)


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


def _lemma(slot: Slot, reading: Reading | None, all_caps_text: bool) -> Lemma:
    surface = strip_stress(slot.text)
    if slot.kind == "number":
        if slot.parses and slot.parses[0].tag.POS == "ADJF":  # 20-летний
            return _lemma_from(slot, _reading(slot.parses[0]), all_caps_text)
        return Lemma(surface, "num", zipf=zipf(surface))
    if slot.kind == "latin" or reading is None:
        return Lemma(surface, "noun", zipf=zipf(surface), proper=True)
    return _lemma_from(slot, reading, all_caps_text)


def _lemma_from(slot: Slot, reading: Reading, all_caps_text: bool) -> Lemma:
    tag = reading.tag
    proper = _is_proper(slot, reading, all_caps_text)
    lemma = _restore_case(reading.lemma, strip_stress(slot.text)) if proper else reading.lemma
    gender = animacy = aspect = None
    if reading.pos == "noun":
        if reading.noun:
            gender, animacy = "m", "anim"
        else:
            gender, animacy = _gender(tag), tag.animacy
    elif reading.pos == "verb":
        aspect = tag.aspect
    if reading.pos == "noun" and animacy is None:
        animacy = "anim" if proper and PROPER_GRAMMEMES & {"Name", "Surn", "Patr"} & set(tag.grammemes) else "inan"
    return Lemma(lemma, reading.pos, gender, aspect, lemma_zipf(lemma, reading.pos), proper, animacy)


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


_ALTERNATIONS = (
    ("ст", "щ"),
    ("д", "жд"),
    ("т", "щ"),
    ("т", "ч"),
    ("з", "ж"),
    ("с", "ш"),
    ("б", "бл"),
    ("в", "вл"),
    ("п", "пл"),
    ("м", "мл"),
)


_SUFFIX_PAIRS = (
    ("ожить", "агать"),
    ("януть", "инать"),
    ("нять", "нимать"),
    ("ойти", "ходить"),
    ("йти", "ходить"),
    ("ести", "осить"),
    ("ести", "одить"),
    ("дать", "давать"),
    ("ыть", "ывать"),
    ("ать", "инать"),
    ("нуть", "ать"),
    ("овить", "овлять"),
    ("овить", "авливать"),
    ("слать", "сылать"),
    ("нуть", "ивать"),  # подчеркнуть → подчёркивать
    ("езти", "озить"),  # вывезти → вывозить
    ("ехать", "езжать"),  # выехать → выезжать
    ("отать", "атывать"),  # разработать → разрабатывать
    ("отреть", "атривать"),  # пересмотреть → пересматривать
    ("осить", "ашивать"),  # опросить → опрашивать
    ("ложить", "кладывать"),  # вложить → вкладывать
    ("знать", "знавать"),  # признать → признавать
    ("стать", "ставать"),  # перестать → переставать
)
_PERFECTIVE_PREFIXES = ("по", "на", "с")
_LOAN_VERB_PREFIXES = ("про", "от")  # проанализировать, отреагировать: perfectives of -(и)ровать verbs


def aspect_variants(verb: str) -> tuple[str, ...]:
    """Likely aspect partners of a Russian infinitive, by regular suffix rules; () if not a verb.

    Perfective → imperfective (заключить → заключать, освободить → освобождать, снять →
    снимать, предложить → предлагать, войти → входить) and back, plus the verb without a
    purely perfective prefix (пообещать → обещать, сделать → делать). Candidates, not facts:
    callers keep only those that are dictionary keys.
    """
    if verb.endswith("ться") or verb.endswith("тись"):
        return tuple(v + "ся" for v in aspect_variants(verb[:-2]))
    if not (verb.endswith("ть") or verb.endswith("ти")) or len(verb) < 4:
        return ()
    out = [verb[: -len(a)] + b for a, b in _SUFFIX_PAIRS if verb.endswith(a)]
    if verb.endswith("ить"):
        stem = verb[:-3]
        stems = [stem] + [stem[: -len(a)] + b for a, b in _ALTERNATIONS if stem.endswith(a)]
        out += [s + end for s in stems for end in ("ать", "ять", "ивать", "ывать")]
    elif verb.endswith("ивать") or verb.endswith("ывать"):
        out += [verb[:-5] + "ать", verb[:-5] + "ить"]
    elif verb.endswith("ать") or verb.endswith("ять"):
        out += [verb[:-3] + "ывать", verb[:-3] + "ивать"]
    for prefix in _PERFECTIVE_PREFIXES + (_LOAN_VERB_PREFIXES if verb.endswith("овать") else ()):
        if verb.startswith(prefix) and len(verb) - len(prefix) >= 5:
            out.append(verb[len(prefix) :])
    return tuple(dict.fromkeys(v for v in out if v != verb))


@functools.lru_cache(maxsize=20_000)
def aspect_partner(verb: str, aspect: str | None) -> str | None:
    """The verb's partner of the other aspect (заключить → заключать, обсудить → обсуждать), or None.

    Candidates come from regular suffix and prefix rules (aspect_variants); the first
    that pymorphy3's dictionary knows as an infinitive of the other aspect wins."""
    other = {"perf": "impf", "impf": "perf"}.get(aspect or "")
    if other is None:
        return None
    for candidate in aspect_variants(verb):
        if not analyzer().word_is_known(candidate):
            continue
        if any(p.tag.POS == "INFN" and p.normal_form == candidate and p.tag.aspect == other for p in parses(candidate)):
            return candidate
    return None


def is_content(lemma: Lemma) -> bool:
    """Nouns, verbs, adjectives and adverbs that are neither names nor pronominal."""
    return (
        lemma.pos in CONTENT_POS
        and not lemma.proper
        and lemma.lemma.lower() not in PRONOMINAL_ADVERBS
    )
