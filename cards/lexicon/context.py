"""The words of a sentence as the reading rules see them: tokens with their candidate parses
(`Slot`), the reading a rule chooses (`Reading`), and the small agreement tests the rules share.

The rules themselves are in morph (common words) and names (proper names); `morph.analyse` runs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from cards.lexicon.analyser import _pos, parses, strip_stress


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


@dataclass(frozen=True)
class Reading:
    """One reading of a word: what the Lemma is built from, and the rule that chose it."""

    lemma: str
    pos: str
    tag: object
    rule: str = "first_parse"
    noun: bool = False  # a participle or adjective taken as the noun it has become


def _reading(parse, rule: str = "first_parse") -> Reading:
    pos = "num" if parse.normal_form == "один" else _pos(parse.tag)  # pymorphy3: ADJF,Apro
    return Reading(parse.normal_form, pos, parse.tag, rule)


def _noun_reading(parse, rule: str) -> Reading:
    """A participle or adjective reading taken as a noun: заключённых → заключённый."""
    form = parse.inflect({"masc", "sing", "nomn"})
    lemma = form.word if form is not None else parse.normal_form
    return Reading(lemma, "noun", parse.tag, rule, noun=True)


def _gender(tag) -> str | None:
    if "Pltm" in tag:
        return None
    return {"masc": "m", "femn": "f", "neut": "n"}.get(tag.gender)


# Prepositions and the cases they govern in news text (с неделю, об стену are left out); the second
# locative only after в, на.
GOVERN = {
    **dict.fromkeys(("в", "во", "на"), frozenset({"accs", "loct", "loc2"})),
    **dict.fromkeys(("о", "об", "обо", "при"), frozenset({"loct"})),
    **dict.fromkeys(("к", "ко", "благодаря", "согласно", "вопреки", "навстречу"), frozenset({"datv"})),
    "по": frozenset({"datv", "loct", "accs"}),
    **dict.fromkeys(("с", "со"), frozenset({"gent", "gen2", "ablt"})),
    **dict.fromkeys(
        "у от ото до из изо без безо для около после против среди кроме вокруг возле мимо вместо ради насчет "
        "вдоль напротив посреди из-за из-под внутри вне позади накануне ввиду вследствие относительно помимо "
        "свыше сверх путем".split(),
        frozenset({"gent", "gen2"}),
    ),
    **dict.fromkeys(("за", "под", "подо"), frozenset({"accs", "ablt"})),
    **dict.fromkeys(("над", "надо", "перед", "передо"), frozenset({"ablt"})),
    "между": frozenset({"ablt", "gent"}),
    **dict.fromkeys(("через", "про", "сквозь"), frozenset({"accs"})),
}


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
