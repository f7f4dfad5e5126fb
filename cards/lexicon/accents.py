"""Stressed Russian word forms from three openly licensed sources shipped in cards/lexicon/data/.

- `stress-forms.fsa` (MIT, Copyright (c) 2024 zdarsch, github.com/zdarsch/russian-stress-marker):
  2,039,133 stressed forms as a finite-state automaton. A form has one stress; homographs (замок,
  все/всё, стоит) are left out by design, and so are names and monosyllables.
- `openrussian-forms.tsv.gz` (CC BY-SA 4.0, OpenRussian.org dictionary data): the forms of the
  stressed paradigms of its 58,800 headwords, each with its lemma, part of speech and paradigm cells,
  so that a homograph can be told apart by morphology (ру́ки / руки́ can, by case; за́мок / замо́к
  cannot). A form that the automaton stresses alike is left out when nothing else shares its spelling.
- `name-stress.tsv.gz` (CC BY-SA 3.0 / GFDL, English Wiktionary), through `cards.lexicon.name_stress`:
  2,661 names stressed by Wiktionary's romanizations, for the names the two others lack (Пу́тина,
  Вашингто́не, Лукаше́нко), read only when such a name comes up.

A stressed form is lower case with U+0301 after the stressed vowel; ё is written and takes no mark;
secondary stress is dropped and so is the mark of a monosyllable. Lookup folds case and ё (ё → е).
The first two are read once, on first use (about 20 ms), and checked as they are read.

`choose` gives a word in running text the one form its readings allow: the pymorphy3 parses that
count (`plausible`: names only when capitalised, narrowed by the context `RULES`, unlikely lexemes
dropped), each matched to OpenRussian's lemma and paradigm cell, or to the stress-forms entry; a
capitalised name OpenRussian lacks, to Wiktionary's list (or to pymorphy3's ё: Дегтярёв), and an
adjective of a name to the name (Хаба́ровского, лива́нской). Several forms, a reading no source knows,
or a disagreement between the sources: None, and the caller leaves the word unmarked. `compound_head`
lends a compound neither source knows the stress of its last word; `ending_stress` stresses a word
no source lists by an ending whose stress is fixed (рекультива́ция).

Public: Entry, Context, entries, stressed_forms, choose, lemma_form, plausible, compound_head,
ending_stress, ENDING_RULES, RULES, read_fsa, read_forms, Fsa, FormTable, available, convert_stress_sources, FSA_FILE, FORMS_FILE, DATA.

Example:
    >>> stressed_forms("замок")
    ('за́мок', 'замо́к')
    >>> from cards.lexicon.analyser import parses
    >>> choose("руки", parses("руки")), choose("переговоров", parses("переговоров"))
    (None, 'перегово́ров')
"""

from __future__ import annotations

import array
import bisect
import csv
import functools
import gzip
import io
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cards.errors import InputError
from cards.lexicon.context import GOVERN

ACUTE = "\u0301"
GRAVE = "\u0300"
VOWELS = frozenset("аеёиоуыэюя")
DATA = Path(__file__).resolve().parent / "data"
FSA_FILE = "stress-forms.fsa"
FORMS_FILE = "openrussian-forms.tsv.gz"
FORMS_HEADER = (
    "# Stressed word forms from OpenRussian.org dictionary data (en.openrussian.org, export of 2020-09-09, via\n"
    "# github.com/Badestrand/russian-dictionary), licence CC BY-SA 4.0; converted by cards.lexicon.accents.\n"
    "# Left out: a form that stress-forms.fsa stresses alike, when its key has no other form and no name.\n"
    "# key<TAB>form<TAB>lemma<TAB>pos<TAB>cells: key = the form folded (lower case, ё→е, no marks)\n"
)
PLAUSIBLE = 0.2  # a lexeme less likely than this share of the first lexeme's score does not count
PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
REINSTALL = "Reinstall cards (pip install --force-reinstall cards) or rebuild it with cards/lexicon/convert.py"


_SPELLING = re.compile(f"[а-яё{ACUTE}]+(?:-[а-яё{ACUTE}]+)*")  # a clean stressed spelling, lower case
_MISPLACED = re.compile(f"(?<![аеёиоуыэюя]){ACUTE}")  # a mark not after a vowel


def fold(word: str) -> str:
    """The lookup key of a word: lower case, ё → е, stress marks dropped."""
    word = word.lower()
    if not _SPELLING.fullmatch(word):  # precomposed ѐ, ѝ; a decomposed ё or й
        word = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).replace(ACUTE, "").replace(GRAVE, ""))
    return word.replace(ACUTE, "").replace("ё", "е")


def syllables(word: str) -> int:
    """The number of vowels of a word."""
    word = word.lower()
    return sum(map(word.count, VOWELS))




def _clean_form(text: str) -> str | None:
    """One stressed spelling, normalised (lower case, primary stress only, no mark on a monosyllable);
    None when it is not one Russian word with exactly one stress (or ё)."""
    if not _SPELLING.fullmatch(text):
        text = unicodedata.normalize("NFD", text.strip().lower().replace("`", "").replace("'", ACUTE))
        text = unicodedata.normalize("NFC", text.replace(GRAVE, ""))
        if not _SPELLING.fullmatch(text):
            return None
    if ACUTE + ACUTE in text or _MISPLACED.search(text):
        return None
    marks = text.count(ACUTE)
    if syllables(text) < 2:
        return text.replace(ACUTE, "")
    if marks == 1 or (marks == 0 and "ё" in text):
        return text
    return None


# ---------------------------------------------------------------- stress-forms: the automaton

_PLAIN = {code: chr(code + 848) for code in range(224, 256)}  # Windows-1251 а…я
_STRESSED = dict(zip((144, 154, 157, 158, 159, 178, 179, 186, 191), "аеиоуыэюя", strict=True))  # vowel + U+0301
_SECONDARY = dict(zip((129, 131, 140, 156, 161, 165, 188, 189, 190), "аеиоуыэюя", strict=True))  # vowel + U+0300


def _labels() -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """For each label byte: the letter it matches in a folded word, and what it writes in the stressed form."""
    match: list[str | None] = [None] * 256
    write = [""] * 256
    for code, letter in _PLAIN.items():
        match[code], write[code] = letter, letter
    match[184], write[184] = "е", "ё"
    for code, vowel in _STRESSED.items():
        match[code], write[code] = vowel, vowel + ACUTE
    for code, vowel in _SECONDARY.items():
        match[code], write[code] = vowel, vowel  # secondary stress is dropped
    match[45], write[45] = "-", "-"
    return tuple(match), tuple(write)


_MATCH, _WRITE = _labels()


@dataclass(frozen=True)
class Fsa:
    """The stress-forms automaton: an array of little-endian uint32 edges (format: the lexicon README)."""

    edges: array.array
    _nodes: dict = field(default_factory=dict, compare=False, repr=False)  # node → its edges by letter

    def lookup(self, word: str) -> tuple[str, ...]:
        """The stressed forms of a word (any case, ё or е): one, or none when the word is not there."""
        return tuple(sorted({f for f in (_clean_form(f) for f in self.find(fold(word))) if f}))

    def forms(self) -> Iterator[str]:
        """Every stressed form the automaton spells, as written (for calibrating rules against it)."""
        stack = [(0, "")]
        while stack:
            node, written = stack.pop()
            for outs in self._edges(node).values():
                for write, target, final in outs:
                    if final:
                        yield written + write
                    if target >= 0:
                        stack.append((target, written + write))
            self._nodes.pop(node, None)

    def find(self, key: str) -> list[str]:
        """The paths the automaton spells for a folded word, as written (secondary stress dropped)."""
        found: list[str] = []
        stack = [(0, 0, "")] if key else []
        last, nodes = len(key) - 1, self._nodes
        while stack:
            node, i, written = stack.pop()
            for write, target, final in (nodes.get(node) or self._edges(node)).get(key[i], ()):
                if i == last:
                    if final:
                        found.append(written + write)
                elif target >= 0:
                    stack.append((target, i + 1, written + write))
        return found

    def _edges(self, node: int) -> dict[str, list[tuple[str, int, bool]]]:
        """The edges leaving a node, by the letter they match: (what they write, target or -1, final)."""
        out: dict[str, list[tuple[str, int, bool]]] = {}
        edges, n, j = self.edges, len(self.edges), node
        while j < n:
            edge = edges[j]
            letter = _MATCH[edge >> 24]
            if letter is not None:
                target = (edge & 0xFFFFFF) >> 2
                out.setdefault(letter, []).append((_WRITE[edge >> 24], target if target < n else -1, bool(edge & 1)))
            if edge & 2:
                break
            j += 1
        self._nodes[node] = out
        return out


def read_fsa(path: Path) -> Fsa:
    """The automaton in a stress-forms file, its format checked (whole uint32 entries, a last node)."""
    data = Path(path).read_bytes()
    if not data or len(data) % 4 or not any(data[i] & 2 for i in range(0, min(len(data), 4096), 4)):
        raise InputError(path, "not a stress-forms automaton (an array of little-endian uint32 edges)", REINSTALL)
    edges = array.array("I")
    edges.frombytes(data)
    if sys.byteorder == "big":
        edges.byteswap()
    return Fsa(edges)


# ---------------------------------------------------------------- OpenRussian: forms with lemma and cells


@dataclass(frozen=True)
class Entry:
    """One stressed form of a word: its lemma (stressed; capitalised for a name), part of speech
    (noun, verb, adj, other; "" for stress-forms) and paradigm cells (sg_gen, past_f …)."""

    form: str
    lemma: str = ""
    pos: str = ""
    cells: tuple[str, ...] = ()
    source: str = "openrussian"


@dataclass(frozen=True)
class FormTable:
    """OpenRussian's forms: sorted UTF-8 lines `key\\tform\\tlemma\\tpos\\tcells`, searched by bisection."""

    lines: tuple[bytes, ...]

    def lookup(self, word: str) -> tuple[Entry, ...]:
        key = fold(word).encode("utf-8") + b"\t"
        i = bisect.bisect_left(self.lines, key)
        out = []
        while i < len(self.lines) and self.lines[i].startswith(key):
            _, form, lemma, pos, cells = self.lines[i].decode("utf-8").split("\t")
            out.append(Entry(form, lemma, pos, tuple(cells.split(",")) if cells else ()))
            i += 1
        return tuple(out)


def read_forms(path: Path) -> FormTable:
    """The OpenRussian form table in a .tsv.gz file, its format checked (5 fields, sorted)."""
    try:
        data = gzip.decompress(Path(path).read_bytes())
    except (OSError, EOFError) as exc:
        raise InputError(path, f"not a gzip file ({exc})", REINSTALL) from exc
    lines = tuple(line for line in data.split(b"\n") if line and not line.startswith(b"#"))
    probe = lines[:: max(1, len(lines) // 50)]
    if not lines or any(line.count(b"\t") != 4 for line in probe) or any(a > b for a, b in zip(probe, probe[1:], strict=False)):
        raise InputError(path, "not a sorted table of key, form, lemma, pos and cells", REINSTALL)
    return FormTable(lines)


@functools.cache
def _fsa() -> Fsa:
    return read_fsa(DATA / FSA_FILE)


@functools.cache
def _forms() -> FormTable:
    return read_forms(DATA / FORMS_FILE)


def available() -> bool:
    """True when both data files are in the package (nothing is read)."""
    return (DATA / FSA_FILE).is_file() and (DATA / FORMS_FILE).is_file()


@functools.lru_cache(maxsize=100_000)
def entries(word: str) -> tuple[Entry, ...]:
    """Every stressed form known for a word form, from both sources (stress-forms last, with source
    "stress-forms" and no lemma)."""
    key = fold(word)
    found = list(_forms().lookup(key))
    found.extend(Entry(form, source="stress-forms") for form in _fsa().lookup(key))
    return tuple(found)


def stressed_forms(word: str) -> tuple[str, ...]:
    """The stressed spellings known for a word form, from both sources, sorted: () when unknown."""
    return tuple(sorted({e.form for e in entries(word)}))


# ---------------------------------------------------------------- morphology: which form a reading has

_CASES = {"nomn": "nom", "gent": "gen", "gen2": "gen", "datv": "dat", "accs": "acc", "ablt": "inst",
          "loct": "prep", "voct": "nom"}
_GENDERS = {"masc": "m", "femn": "f", "neut": "n"}
MODIFIERS = frozenset({"ADJF", "PRTF"})


def parse_cells(tag) -> tuple[str, frozenset[str]]:
    """The OpenRussian part of speech and paradigm cells of a pymorphy3 tag (noun sg_gen, verb past_f …)."""
    pos, number, case = tag.POS, tag.number, _CASES.get(tag.case or "", "")
    plural = number == "plur"
    if pos == "NOUN":
        return "noun", frozenset({f"{'pl' if plural else 'sg'}_{case}"})
    if pos == "ADJF":
        cells = {f"decl_pl_{case}" if plural else f"decl_{_GENDERS.get(tag.gender or '', 'm')}_{case}"}
        return "adj", frozenset(cells | ({"superlative"} if "Supr" in tag else set()))
    if pos == "ADJS":
        return "adj", frozenset({"short_pl" if plural else f"short_{_GENDERS.get(tag.gender or '', 'm')}"})
    if pos == "COMP":
        return "adj", frozenset({"comparative"})
    if pos == "INFN":
        return "verb", frozenset({"inf"})
    if pos == "VERB":
        if tag.mood == "impr":
            return "verb", frozenset({f"imperative_{'pl' if plural else 'sg'}"})
        if tag.tense == "past":
            return "verb", frozenset({"past_pl" if plural else f"past_{_GENDERS.get(tag.gender or '', 'm')}"})
        person = (tag.person or "3per")[0]
        return "verb", frozenset({f"presfut_{'pl' if plural else 'sg'}{person}"})
    if pos in ("PRTF", "PRTS", "GRND", "NUMR", "NPRO"):
        return "", frozenset()  # no such cells in OpenRussian
    return "other", frozenset({""})


def _end_stressed(word: str) -> str:
    """The word stressed on its last vowel: the second locative (в году́, в связи́) always is."""
    word = fold(word)
    if syllables(word) < 2:
        return word
    last = max(i for i, ch in enumerate(word) if ch in VOWELS)
    return word[: last + 1] + ACUTE + word[last + 1 :]


def _is_name(parse) -> bool:
    """A reading as a name (Пу́тин, Москва́), not as an adjective of one (украинский: Geox)."""
    return parse.tag.POS == "NOUN" and bool(PROPER & set(parse.tag.grammemes))


def _place(name: str) -> str | None:
    """The stressed nominative of a place name (Хаба́ровск), from either list of names."""
    from cards.lexicon import name_stress

    listed = name_stress.listed(name)
    if listed is not None:
        return listed
    own = {e.form for e in _forms().lookup(name) if e.lemma[:1].isupper() and fold(e.lemma) == fold(name)}
    return own.pop() if len(own) == 1 and ACUTE in next(iter(own)) else None


def _adjective_of_name(parse) -> str | None:
    """An adjective reading's form, stressed like the name it is made from (`name_stress.adjective`)."""
    from cards.lexicon import name_stress

    if parse.tag.POS != "ADJF":
        return None
    lemma = name_stress.adjective(parse.normal_form, _place)
    return name_stress.inflect(lemma, parse.word) if lemma is not None else None


def _name_form(parse) -> set[str]:
    """A capitalised word's form as the name its reading gives: from Wiktionary's list of stressed
    names (`name_stress`, read on first use: Вашингто́не, Пу́тина); for an adjective in -ский of a place
    in -ск, the place's stress (Хаба́ровского); for a name pymorphy3's dictionary spells with ё, the ё
    (Дегтярёв). Empty when not settled."""
    from cards.lexicon import name_stress

    form = name_stress.stressed(parse.word, parse.normal_form)
    if form is None:
        form = _adjective_of_name(parse)
    if form is None and _is_name(parse) and parse.is_known and "ё" in parse.word:
        form = parse.word
    return {form} if form is not None else set()


def _reading_forms(parse, found: Sequence[Entry], capitalised: bool = False) -> set[str]:
    """The forms a reading has: OpenRussian's of its lemma and cell, else of its lemma in any cell;
    else the stress-forms entry (but not for a name: the automaton has none, пути́н is пути́на's; a
    capitalised name OpenRussian lacks takes Wiktionary's stress, `_name_form`); else, for an adjective
    of a name, the name's stress (`_adjective_of_name`); where both sources
    know the reading and disagree, both (so that the word stays unmarked).
    A second locative is stressed on its ending. Empty: no source knows the reading."""
    if parse.tag.case == "loc2":
        return {_end_stressed(parse.word)}
    lemma = fold(parse.normal_form)
    same = [e for e in found if e.source == "openrussian" and fold(e.lemma) == lemma]
    pos, cells = parse_cells(parse.tag)
    forms = {e.form for e in same if e.pos == pos and cells & set(e.cells or ("",))} or {e.form for e in same}
    if _is_name(parse):
        return forms or (_name_form(parse) if capitalised else set())
    forms |= {e.form for e in found if e.source == "stress-forms"}
    adjective = None if forms else _adjective_of_name(parse)
    return {adjective} if adjective else forms


def _unknown_name(word: str, readings: Sequence) -> str | None:
    """The stressed form of a capitalised word neither source knows, from Wiktionary's stressed names:
    the word as listed, and the form each reading gives (a reading pymorphy3 only guessed, whose
    dictionary form is not listed, is passed over); one form, or None."""
    from cards.lexicon import name_stress

    forms = set()
    listed = name_stress.listed(word)
    if listed is not None:
        forms.add(listed)
    for parse in readings:
        got = _name_form(parse)
        if not got and parse.is_known:
            return None
        forms |= got
    return forms.pop() if len(forms) == 1 else None


@dataclass(frozen=True)
class Context:
    """The words just before a word in its sentence, nearest first, as (lower-case word, its parses);
    a number is ("0", ()). Only words with nothing but spaces between them are kept."""

    before: tuple[tuple[str, tuple], ...] = ()


TWO_TO_FOUR = frozenset("два две три четыре оба обе полтора полторы".split())
COUNTING_FORM = frozenset("час шаг ряд шар след".split())  # два часа́, but нет ча́са (Zaliznyak's counting form)


def _case_after_preposition(readings: list, context: Context) -> list | None:
    """в году́, в связи́, со стороны́, к го́ду: the case the preposition before the phrase governs. Numbers
    and words that may be its modifiers (в прошлом году) may stand between; after в and на, a second
    locative wins over the other readings of its lemma."""
    for word, parses in context.before[:4]:
        if word in GOVERN and not (parses and any(p.tag.POS in MODIFIERS for p in parses)):
            cases = GOVERN[word]
            kept = [r for r in readings if r.tag.case in cases]
            local = {r.normal_form for r in kept if r.tag.case == "loc2"}
            kept = [r for r in kept if r.tag.case == "loc2" or r.normal_form not in local]
            return kept or None
        if word != "0" and word != "же" and not any(p.tag.POS in MODIFIERS | {"NUMR"} for p in parses):
            return None
    return None


def _agrees(reading, modifier) -> bool:
    tag, other = reading.tag, modifier.tag
    if (tag.case, tag.number) != (other.case, other.number) or tag.case is None:
        return False
    return tag.number == "plur" or other.gender is None or tag.gender in (None, other.gender) or "ms-f" in tag


def _agreement_with_modifier(readings: list, context: Context) -> list | None:
    """этой страны́, многие стра́ны: a noun takes the case and number of the modifier just before it
    (a word that reads as an adjective or participle, and otherwise only as a pronoun)."""
    if not context.before:
        return None
    word, parses = context.before[0]
    if not any(p.tag.POS in MODIFIERS for p in parses) or not all(p.tag.POS in MODIFIERS | {"NPRO"} for p in parses):
        return None
    kept = [r for r in readings if r.tag.POS == "NOUN" and any(_agrees(r, p) for p in parses)]
    return kept or None


def _after_two_to_four(readings: list, context: Context) -> list | None:
    """две стороны́, два ме́ста, два новых ка́тера: after 2–4 (and its modifiers) a noun is in the
    genitive singular; the few with a counting form of their own (два часа́, нет ча́са) are left open."""
    nouns = [r for r in readings if r.tag.POS == "NOUN"]
    if not nouns:
        return None
    for word, parses in context.before[:4]:
        if word in TWO_TO_FOUR:
            if any(r.normal_form in COUNTING_FORM for r in nouns):
                return []
            return [r for r in nouns if r.tag.case in ("gent", "gen2") and r.tag.number == "sing"] or None
        if not parses or not all(p.tag.POS in MODIFIERS for p in parses):
            return None
    return None


RULES = (_case_after_preposition, _after_two_to_four, _agreement_with_modifier)


def plausible(parses: Sequence, capitalised: bool = False, context: Context | None = None, every: bool = False) -> list:
    """The readings that count. Names only when the word is capitalised; then the context rules
    narrow them (`RULES`, each in turn); then the readings of a lexeme (lemma and part of speech) far
    less likely than the first are dropped (PLAUSIBLE: the sum of a lexeme's parse scores). A second
    locative counts only when a rule licensed it (after в, на).

    Within a lexeme all readings count: pymorphy3's case and number guesses do not tell сто́роны from
    стороны́. Nor do its scores tell ё from е (все: весь / всё), so where the parses differ in ё every
    parse counts; so they do with `every` (a lemma out of context).
    """
    found = [p for p in parses if capitalised or not _is_name(p)] or list(parses)
    licensed = False
    for rule in RULES if context else ():
        kept = rule(found, context)
        if kept is not None:
            found = kept
            licensed = licensed or any(p.tag.case == "loc2" for p in kept)
    if not licensed:
        found = [p for p in found if p.tag.case != "loc2"]
    if not found or every or len({p.word for p in found}) > 1:
        return found
    weight: dict[tuple[str, str], float] = {}
    for p in found:
        weight[_lexeme(p)] = weight.get(_lexeme(p), 0.0) + p.score
    top = max(weight.values())
    return [p for p in found if weight[_lexeme(p)] >= top * PLAUSIBLE]


def _lexeme(parse) -> tuple[str, str]:
    """A reading's lemma and part of speech: помочь the verb and помочь the archaic noun are two."""
    return parse.normal_form, parse_cells(parse.tag)[0]


def choose(
    word: str, parses: Sequence, capitalised: bool = False, context: Context | None = None, every: bool = False
) -> str | None:
    """The stressed form of a word in running text, or None when its readings do not settle on one.

    Each plausible reading (see `plausible`) gets its forms (see `_reading_forms`); the word is marked
    when they are one and the same. A reading no source knows, readings with different stresses, or a
    disagreement between the sources leave it unmarked. `every`: all parses count, however unlikely.
    A capitalised word that Wiktionary's list of names stresses otherwise (Марсе́ль, not the sail's
    ма́рсель) is a homograph too. A capitalised word neither source knows: `_unknown_name`; a lower-case
    one: an adjective of a name (лива́нской), or None.
    """
    found = entries(word)
    if not found and capitalised:
        return _unknown_name(word, plausible(parses, True, context, every))
    if not found:
        forms = {_adjective_of_name(p) for p in plausible(parses, False, context, every)}
        return forms.pop() if len(forms) == 1 else None
    readings = plausible(parses, capitalised, context, every)
    if not readings:
        forms = {e.form for e in found} if not parses else set()
    else:
        forms = set()
        for parse in readings:
            got = _reading_forms(parse, found, capitalised)
            if not got:
                return None
            forms |= got
    if capitalised and len(forms) == 1 and not _name_forms(word, parses) <= forms:
        return None
    return forms.pop() if len(forms) == 1 else None


def _name_forms(word: str, parses: Sequence) -> set[str]:
    """The forms Wiktionary's list of names gives a word: as listed, and as a form of each reading's lemma."""
    from cards.lexicon import name_stress

    found = {name_stress.listed(word)} | {name_stress.stressed(word, p.normal_form) for p in parses}
    return {form for form in found if form is not None}


# First elements of compounds that are not words themselves (others are: свето-, право-, корона-).
FIRST_ELEMENTS = frozenset(
    "гос спец соц контр гипер супер кибер экс пост сверх меж пан интер транс анти мини мульти макси мега "
    "микро макро нано авиа авто агро био эко евро гидро электро энерго нефте газо теле медиа полу "
    "гига кило милли".split()
)


@dataclass(frozen=True)
class EndingRule:
    """An ending whose stress is fixed: the vowel `pattern`'s group 1 takes it, when at least
    `vowels_before` vowels come before that vowel (рекультива́ция, демонизи́ровать)."""

    name: str
    pattern: re.Pattern
    vowels_before: int

    def apply(self, word: str) -> str | None:
        """The word stressed by this rule (lower case, unmarked), or None when it does not apply."""
        match = self.pattern.search(word)
        if match is None or syllables(word[: match.start(1)]) < self.vowels_before:
            return None
        return word[: match.end(1)] + ACUTE + word[match.end(1) :]


_CASE = "(а|у|ом|е|ы|ов|ам|ами|ах)?"
_ADJ = "(ый|ая|ое|ые|ого|ой|ому|ым|ыми|ых|ую|ом|о)"
# Each agrees with at least 99.8% of the stress-forms entries it matches (`python bench/stress.py --rules`);
# endings that agree less (-ировать 90%, -ический 92%, -ивный 87%, -ист 89%) are not used.
ENDING_RULES = (
    EndingRule("-изм", re.compile(f"(и)зм{_CASE}$"), 1),
    EndingRule("-изировать", re.compile("из(и)р(ова|у[юяеш]|уя)"), 2),
    EndingRule("-ция", re.compile("([аеиоуыэюя])ци(я|и|ю|ей|ям|ями|ях|е)$"), 1),
    EndingRule("-ционный", re.compile("ци(о)нн"), 1),
    EndingRule("-логия", re.compile("л(о)ги(я|и|ю|ей|ям|ями|ях)$"), 1),
    EndingRule("-альный", re.compile(f"(а)льн{_ADJ}$"), 2),
)


def ending_stress(word: str) -> str | None:
    """The stressed form that a fixed-stress ending gives a word (lower case, no ё), for words no
    source lists; None when no rule applies."""
    if "ё" in word or "-" in word:
        return None
    for rule in ENDING_RULES:
        form = rule.apply(word)
        if form:
            return form
    return None


def _first_element(first: str) -> bool:
    """Whether a compound may start with `first`: a known element, or a word of two syllables or more,
    maybe with a linking vowel (свето-: свет)."""
    if first in FIRST_ELEMENTS:
        return True
    return syllables(first) >= 2 and (bool(entries(first)) or (first[-1] in "ое" and bool(entries(first[:-1]))))


def compound_head(word: str, parses: Sequence, parse: Callable[[str], Sequence]) -> tuple[str, str] | None:
    """For a compound neither source knows (коронавирусом, госсекретаря, антикоррупционного): its
    first element and the known word of two or more syllables it ends in (вирусом), whose stress the
    compound takes. The first element has 3 letters or more and ends in a vowel or is one of
    FIRST_ELEMENTS; a reading of the compound has a lemma ending in a lemma of that word of 4 letters
    or more (коронавирус: вирус; not бонус: ус). `parse` gives a word's parses. None otherwise."""
    key = fold(word)
    if "-" in key:
        return None
    lemmas = {fold(p.normal_form) for p in parses}
    for start in range(3, len(key) - 3):
        first, head = key[:start], key[start:]
        if syllables(head) < 2 or not entries(head) or not _first_element(first):
            continue
        heads = {fold(p.normal_form) for p in parse(head)}
        if any(len(h) >= 4 and lemma.endswith(h) and len(lemma) - len(h) >= 3 for lemma in lemmas for h in heads):
            return first, head
    return None


def lemma_form(lemma: str, parses: Sequence, capitalised: bool = False, form: str = "") -> str | None:
    """The stressed dictionary form of a lemma, out of context: only its readings as a dictionary form
    count (уже: the adverb уже́, not у́зкий's comparative у́же). `form`, the stressed word it stood for
    in a sentence, picks among lexemes spelled alike (за́мке → за́мок, замке́ → замо́к)."""
    key = fold(lemma)
    stressed = _clean_form(form) if form and ACUTE in form else None
    if stressed:
        lemmas = {_clean_form(e.lemma) for e in entries(stressed) if e.form == stressed and fold(e.lemma) == key}
        if len(lemmas) == 1 and None not in lemmas:
            return lemmas.pop()
    own = [p for p in parses if fold(p.normal_form) == key]
    return choose(lemma, own or parses, capitalised, every=bool(own))


# ---------------------------------------------------------------- conversion (cards/lexicon/convert.py)

_SPLIT = re.compile(r"//|\s/\s|[;,()\[\]]")
_NOUN_CELLS = tuple(f"{n}_{c}" for n in ("sg", "pl") for c in ("nom", "gen", "dat", "acc", "inst", "prep"))
_SKIP_COLUMNS = frozenset({"bare", "accented", "translations", "translations_en", "translations_de", "gender",
                           "partner", "animate", "indeclinable", "sg_only", "pl_only", "aspect"})


def _variants(cell: str) -> Iterator[str]:
    """The clean stressed spellings in one paradigm cell ("до́лжной,(до́лжною)", "уда́лось//удало́сь");
    starred (doubtful) forms and notes are dropped."""
    for part in _SPLIT.split(cell):
        part = part.strip()
        if part and not part.startswith("*"):
            form = _clean_form(part)
            if form:
                yield form


def _table(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as rows:
        yield from csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)


def _lemma(row: dict[str, str]) -> str:
    """The row's stressed lemma, its capital kept (a name: Москва́); the bare word when unstressed."""
    accented = (row.get("accented") or "").strip().replace("'", ACUTE)
    bare = (row.get("bare") or "").strip()
    form = _clean_form(accented)
    if not form or fold(form) != fold(bare):
        form = bare.lower()
    return form[:1].upper() + form[1:] if bare[:1].isupper() else form


def _consistent(row: dict[str, str], lemma: str) -> bool:
    """False for a row whose nominative is the lemma's spelling with another stress (го́ссекретарь for
    госсекрета́рь): its paradigm is not to be trusted."""
    nominative = [f for column in ("sg_nom", "pl_nom", "decl_m_nom") for f in _variants(row.get(column) or "")]
    same = [f for f in nominative if fold(f) == fold(lemma)]
    return not same or lemma.lower() in same or ACUTE not in lemma


_HEADWORD = re.compile(f"[а-яёА-ЯЁ{ACUTE}-]+")


def _rows(folder: Path) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(stressed lemma, part of speech, the row's stressed forms by cell) of every usable OpenRussian row."""
    for name, pos in (("nouns", "noun"), ("verbs", "verb"), ("adjectives", "adj"), ("others", "other")):
        path = folder / (f"{name}.tsv.gz" if pos != "other" else "others.csv.gz")
        for row in _table(path):
            lemma = _lemma(row)
            if not _HEADWORD.fullmatch(lemma) or not _consistent(row, lemma):
                continue
            if pos == "other":
                yield lemma, pos, {"": row.get("accented") or ""}
                continue
            cells = {c: v for c, v in row.items() if isinstance(c, str) and isinstance(v, str)}  # not a row's extras
            cells = {c: v for c, v in cells.items() if c not in _SKIP_COLUMNS}
            if pos == "verb":
                cells["inf"] = row.get("accented") or ""
            yield lemma, pos, cells


def openrussian_lines(folder: Path, fsa: Fsa | None = None) -> list[str]:
    """The sorted, de-duplicated lines `key, form, lemma, pos, cells` of OpenRussian's stressed forms.

    With `fsa`, a form that it stresses alike is left out when the key has no other form and no name
    (93% of the forms): `choose` gives the same answers, from a file a tenth of the size."""
    cells: dict[tuple[str, str, str], set[str]] = {}
    for lemma, pos, row in _rows(folder):
        for column, value in row.items():
            for form in _variants(value):
                cells.setdefault((form, lemma, pos), set()).add(column)
    keys = {form: fold(form) for form, _, _ in cells}
    forms_of: dict[str, set[str]] = {}
    named: set[str] = set()
    for form, lemma, _ in cells:
        forms_of.setdefault(keys[form], set()).add(form)
        if lemma[:1].isupper():
            named.add(keys[form])

    def needed(form: str) -> bool:
        key = keys[form]
        return fsa is None or key in named or len(forms_of[key]) > 1 or fsa.find(key) != [form]

    lines = {
        f"{keys[form]}\t{form}\t{lemma}\t{pos}\t{','.join(sorted(c))}"
        for (form, lemma, pos), c in cells.items()
        if needed(form)
    }
    return sorted(lines, key=lambda line: line.encode("utf-8"))


def _write_gzip(path: Path, text: str) -> None:
    """Deterministic gzip: no file name, mtime 0, level 9."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())


def convert_stress_sources(lexicon_dir: Path, out_dir: Path) -> list[Path]:
    """Write the shipped stress data into `out_dir` from the sources in `lexicon_dir` (the layout of
    shared/lexicon: stress-forms/dictionary, openrussian/*.gz): the automaton copied as it is, and
    OpenRussian's forms as a sorted gzip table. Byte-identical on a re-run."""
    lexicon_dir, out_dir = Path(lexicon_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    source = lexicon_dir / "stress-forms" / "dictionary"
    fsa = out_dir / FSA_FILE
    fsa.write_bytes(source.read_bytes())
    forms = out_dir / FORMS_FILE
    lines = openrussian_lines(lexicon_dir / "openrussian", read_fsa(fsa))
    _write_gzip(forms, FORMS_HEADER + "".join(line + "\n" for line in lines))
    return [fsa, forms]
