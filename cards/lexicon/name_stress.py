"""Stress of names from the English Wiktionary's romanizations (`name-stress.tsv.gz`, CC BY-SA 3.0 / GFDL).

Wiktionary gives a Russian name with a romanization that carries the stress (Путин /Pútin/, Германия
/Germánija/). The conversion (`rows`) keeps a capitalised Russian word when its own romanization spells
it letter for letter, with one acute accent (or ё), and no other entry stresses it otherwise.

`stressed(word, lemma)`: a word read as a form of the name `lemma` takes the listed stress, as listed
or inflected where it cannot move (`inflect`); `adjective` stresses an adjective in -ский like the
name it is made from. The list is read on first use only: `accents.choose` asks it for the names
OpenRussian does not know.

Public: stressed, inflect, adjective, listed, available, read_table, rows, NAME_STRESS_FILE, SHIFTING.

Example:
    >>> stressed("путина", "путин"), stressed("вашингтоне", "вашингтон"), stressed("минске", "минск")
    ('пу́тина', 'вашингто́не', None)
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from cards.errors import InputError

ACUTE = "\u0301"
VOWELS = frozenset("аеёиоуыэюя")
DATA = Path(__file__).resolve().parent / "data"
NAME_STRESS_FILE = "name-stress.tsv.gz"
HEADER = (
    "# Stress of Russian names from the romanizations of the English Wiktionary (en-ru-enwiktionary, Matthias\n"
    "# Buchmeier's extraction, DSL edition), licence CC BY-SA 3.0 or GFDL; converted by cards.lexicon.name_stress.\n"
    "# key<TAB>form: key = the name folded (lower case, ё→е), form = lower case, U+0301 after the stressed vowel\n"
)
REINSTALL = "Reinstall cards (pip install --force-reinstall cards) or rebuild it with cards/lexicon/convert.py"
# Last syllables (from the last vowel on) of a consonant-final word whose stress often moves to the
# ending (язы́к → языка́, Шевчу́к → Шевчука́): 20% or more of OpenRussian's common nouns stressed there.
SHIFTING = frozenset("аж ак аль арь ач аш ец ик уг ук ун ык ыль ырь ыш юк як яр ёж".split())


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.replace(ACUTE, "")).lower().replace("ё", "е")


# ---------------------------------------------------------------- conversion


# Romanizations of each letter in the dictionary's transliterations (Wiktionary's scheme and the older
# ones some entries use): a word matches when its romanization spells it letter for letter.
_LATIN = {
    "а": "a", "б": "b", "в": "v w", "г": "g v h", "д": "d", "е": "e je ye è jè ɛ ε jɛ",
    "ё": "jo o ë jë yo", "ж": "ž zh", "з": "z", "и": "i ji yi", "й": "j y i -", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x kh h ch",
    "ц": "c ts", "ч": "č ch", "ш": "š sh", "щ": "šč shch ŝ", "ъ": "ʺ \" ' -", "ы": "y ɨ",
    "ь": "ʹ ’ ' ʼ ′ -", "э": "e è ė ɛ ε", "ю": "ju yu", "я": "ja ya",
}
_SOFT = "(?:'|’|ʹ)?"  # a palatalization mark some entries put after a consonant (b'elók)


@functools.cache
def _letter(ch: str) -> str:
    alternatives = sorted({unicodedata.normalize("NFD", a) for a in _LATIN[ch].split() if a != "-"}, key=len, reverse=True)
    pattern = "(?:" + "|".join(map(re.escape, alternatives)) + (")?" if "-" in _LATIN[ch].split() else ")")
    return pattern + (f"({ACUTE}?)" if ch in VOWELS else "" if ch in "ьъй" else _SOFT)


def _stresses(phrase: str, romanization: str) -> list[bool] | None:
    """For each vowel of the Cyrillic phrase, whether the romanization stresses it; None when the
    romanization does not spell the phrase."""
    parts = []
    for ch in phrase.lower():
        if ch in _LATIN:
            parts.append(_letter(ch))
        elif ch in "- ":
            parts.append("-" if ch == "-" else " +")
        else:
            return None
    latin = unicodedata.normalize("NFD", romanization.strip().lower()).replace("\u0300", "")
    found = re.fullmatch("".join(parts), latin)
    return [bool(g) for g in found.groups()] if found else None


_ITEM = re.compile(r"([А-Яа-яЁё][А-Яа-яЁё -]*?)\s*(?:\[p\]<[^>]*>\[/p\]\s*)*(?:\[c gray\])?/([^/\[\]]+)/")


def _pairs(path: Path) -> Iterator[tuple[str, str]]:
    """(Russian phrase, its romanization) of every translation that has one, in the DSL file (gzip, UTF-16)."""
    with gzip.open(path, "rb") as f:
        text = f.read().decode("utf-16-le")
    for line in text.splitlines():
        if "[m1]" in line:
            for found in _ITEM.finditer(line, line.index("[m1]") + 4):
                yield found.group(1).strip(" -"), found.group(2)


def _word_form(word: str, flags: Iterable[bool]) -> str | None:
    """The word lower case with its one stress (U+0301, or ё alone); None for a monosyllable, no stress,
    two stresses or a stress off its ё."""
    flags = list(flags)
    word = word.lower()
    vowels = [i for i, ch in enumerate(word) if ch in VOWELS]
    marked = [i for i, flag in zip(vowels, flags, strict=True) if flag]
    if len(vowels) < 2 or len(marked) > 1 or (not marked and "ё" not in word):
        return None
    if "ё" in word:
        return word if not marked or word[marked[0]] == "ё" else None
    return word[: marked[0] + 1] + ACUTE + word[marked[0] + 1 :]


def rows(dsl: Path) -> list[str]:
    """`key<TAB>form` of every capitalised Russian word whose romanization gives one stress, sorted.

    A phrase is paired with the romanization written after it; its words take their own vowels' marks.
    Several romanizations of one item ("Gípnos, Gipnós"), or entries, that stress a word differently
    leave it out."""
    forms: dict[str, set[str | None]] = {}
    for phrase, romanization in _pairs(dsl):
        words = phrase.split()
        capitalised = [k for k, w in enumerate(words) if w[0].isupper() and not w.isupper()]
        if not capitalised:
            continue
        readings = [_stresses(phrase, r) for r in romanization.split(",")]
        if any(r is None for r in readings):
            continue
        for k in capitalised:
            start = sum(sum(ch in VOWELS for ch in w.lower()) for w in words[:k])
            size = sum(ch in VOWELS for ch in words[k].lower())
            for reading in readings:
                forms.setdefault(words[k], set()).add(_word_form(words[k], reading[start : start + size]))  # type: ignore[index]
    keep: dict[str, set[str]] = {}
    for word, found in forms.items():
        if len(found) == 1 and None not in found:
            keep.setdefault(_fold(word), set()).update(found)  # type: ignore[arg-type]
    lines = [f"{key}\t{next(iter(f))}" for key, f in keep.items() if len(f) == 1]
    return sorted(lines, key=lambda line: line.encode("utf-8"))


# ---------------------------------------------------------------- the list


def read_table(path: Path) -> dict[str, str]:
    """The list in a name-stress file, its format checked (key, stressed form of that key)."""
    try:
        text = gzip.decompress(Path(path).read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not a gzip UTF-8 file ({exc})", REINSTALL) from exc
    table = dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    if not table or any(_fold(form) != key or "\t" in form for key, form in list(table.items())[::200]):
        raise InputError(path, "not a table of names and their stressed forms", REINSTALL)
    return table


@functools.cache
def _table() -> dict[str, str]:
    return read_table(DATA / NAME_STRESS_FILE)


def available() -> bool:
    """True when the list is in the package (nothing is read)."""
    return (DATA / NAME_STRESS_FILE).is_file()


def listed(word: str) -> str | None:
    """The stressed form of a listed name (any case, ё or е), lower case; None when not listed."""
    return _table().get(_fold(word)) if available() else None


def _common(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def inflect(name: str, word: str) -> str | None:
    """`word`, a form of the listed stressed `name`, with its stress; None when it may move.

    Safe: the form as listed; a stress on the part of the name before its ending (a final vowel, й or
    ь) that the form keeps (Пу́тин → Пу́тина, Герма́ния → Герма́нии, Вашингто́н → Вашингто́не), unless a
    consonant-final name is stressed on a last syllable whose stress often moves (SHIFTING); a name
    stressed on its final vowel, in a form of as many vowels that differs only after it (Москва́ →
    Москвы́, Чечня́ → Чечнёй). Not: Минск → Минске (no mark to keep), Торжо́к → Торжка́."""
    plain = unicodedata.normalize("NFC", name).lower()
    if ACUTE in plain:
        at = plain.index(ACUTE) - 1
        plain = plain.replace(ACUTE, "")
    elif "ё" in plain:
        at = plain.index("ё")
    else:
        return None
    key, word = plain.replace("ё", "е"), _fold(word)
    if word == key:
        return name.lower()
    vowels = [i for i, ch in enumerate(key) if ch in VOWELS]
    base = key[:-1] if key[-1] in VOWELS or key[-1] in "йь" else key
    if at < _common(word, base):
        if at == vowels[-1] and base == key and key[at:] in SHIFTING and len(word) > len(key):
            return None
        if plain[at] == "ё":
            return word[:at] + "ё" + word[at + 1 :]
        return word[: at + 1] + ACUTE + word[at + 1 :]
    own = [i for i, ch in enumerate(word) if ch in VOWELS]
    if at == len(key) - 1 and len(own) == len(vowels) and _common(word, key) >= at and own[-1] >= at:
        last = own[-1]
        if word[last] == "е" and key[-1] == "я" and word[last:] in ("ей", "ею"):
            return word[:last] + "ё" + word[last + 1 :]
        return word[: last + 1] + ACUTE + word[last + 1 :]
    return None


def adjective(lemma: str, place: Callable[[str], str | None]) -> str | None:
    """The stressed adjective in -ский of a name, from the name's stress (`place` gives a name's stressed
    nominative, or None): a place in -ск keeps its stress (Хаба́ровск → хаба́ровский); another name
    does when it is stressed on its last syllable (Лива́н → лива́нский, Сиби́рь → сиби́рский), not
    otherwise (Но́вгород → новгоро́дский). None when no name fits."""
    lemma = _fold(lemma)
    if not lemma.endswith("ский") or syllables(lemma) < 3:
        return None
    found = place(lemma[:-2])
    if found is not None and ACUTE in found:
        return found + "ий"
    stem = lemma[:-4]
    for name in (stem, stem + "ь"):
        found = place(name)
        if found is not None and ACUTE in found and syllables(found[found.index(ACUTE) :]) == 0:
            return found.removesuffix("ь") + "ский"
    return None


def syllables(word: str) -> int:
    return sum(ch in VOWELS for ch in word.lower())


def stressed(word: str, lemma: str) -> str | None:
    """The stressed form of a word read as a form of the name `lemma` (its dictionary form): the listed
    form, or one inflected from it (`inflect`); None when the name is not listed or the stress may move."""
    if _fold(word) == _fold(lemma):
        return listed(word)
    name = listed(lemma)
    return inflect(name, word) if name is not None else None
