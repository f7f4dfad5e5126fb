"""What the aligner knows about one segment: length, anchors, stems, punctuation, structure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cards.align.translit import key

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"^[A-Za-z]+$")

_MONTHS_RU = ("январ", "феврал", "март", "апрел", "", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
_MONTHS_EN = ("january", "february", "march", "april", "", "june", "july", "august", "september", "october",
              "november", "december")

# Punctuation profile: ? ! : quotes parentheses dashes ; and, last, whether the segment does not
# end like a sentence (headings, bylines, datelines).
PUNCT_WIDTH = 8


@dataclass(frozen=True, slots=True)
class Features:
    """Per-segment evidence. `anchors` can match the other language directly; `stems` feed the lexicon.
    Both are sorted tuples without repeats (a third of the memory of frozensets on long texts)."""

    length: int
    anchors: tuple[str, ...]
    stems: tuple[str, ...]
    punct: tuple[int, ...]


@lru_cache(maxsize=1)
def _stemmers():
    """Snowball stemmers from PyStemmer (C): the same algorithms as nltk's, about ten times faster,
    and without nltk's import cost, which dominated a whole `cards align` run. PyStemmer's own cache
    is off (size 0): _stem has one, and PyStemmer's made a stem cost four times as much."""
    import Stemmer

    return Stemmer.Stemmer("russian", 0), Stemmer.Stemmer("english", 0)


def _stem_word(word: str, lang: str) -> str:
    ru, en = _stemmers()
    return (ru if lang == "ru" else en).stemWord(word)


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    """_stem_word, kept for callers that stem the same words again (dictionary.py)."""
    return _stem_word(word, lang)


_MONTH_EN = {name: f"#m{number}" for number, name in enumerate(_MONTHS_EN, 1) if name}
_MONTH_RU_HEADS = {name[:3] for name in _MONTHS_RU if name}


def _month(word: str, lang: str) -> str:
    if lang != "ru":
        return _MONTH_EN.get(word, "")
    if word[:3] not in _MONTH_RU_HEADS:  # most words: no month's name starts so
        return ""
    for number, name in enumerate(_MONTHS_RU, 1):
        if name and word.startswith(name):
            return f"#m{number}"
    return ""


def _word(word: str, lang: str) -> tuple[tuple[str, ...], str]:
    """Anchors and stem ("" for none) of one word."""
    anchors = []
    low = word.lower()
    month = _month(low, lang)
    if month:
        anchors.append(month)
    latin = _LATIN.match(word) is not None
    if latin and 2 <= len(word) < 4:  # short Latin tokens (acronyms, domains) match as they are
        anchors.append("l:" + low)
    if len(word) >= 4:  # longer words match through their consonant key; names may have two
        k = key(word, 2 if word[0].isupper() else 3)
        if k:
            anchors.append("k:" + k)
    stem = ""
    if len(word) >= 3 and (lang == "en" or (not latin and _CYRILLIC.search(word))):
        stem = _stem_word(low, lang)
    return tuple(anchors), stem


# Each language's words seen so far, with their _word: most of a text's words were seen before (three in
# four on 1,000 segments a side), and a look-up costs a fraction of working a word out again.
_WORDS: dict[str, dict[str, tuple[tuple[str, ...], str]]] = {"ru": {}, "en": {}}
MAX_WORDS = 300_000  # per language; past this the table starts afresh (memory stays bounded)


def _words(words: set[str], lang: str) -> list[tuple[tuple[str, ...], str]]:
    """_word of each of `words`, from the table when seen before."""
    known = _WORDS[lang]
    new = words.difference(known)
    if new:
        if len(known) + len(new) > MAX_WORDS:
            known.clear()
            new = words
        for word in new:
            known[word] = _word(word, lang)
    return [known[w] for w in words]


@lru_cache(maxsize=100_000)
def _number(digits: str) -> str:
    return "#" + (digits.lstrip("0") or "0")


def features(text: str, lang: str) -> Features:
    """Extract the features of one segment in language `lang` ("ru" or "en")."""
    anchors: set[str] = {_number(d) for d in _DIGITS.findall(text)}
    stems: set[str] = set()
    for found, stem in _words(set(_WORD.findall(text)), lang):
        if found:
            anchors.update(found)
        if stem:
            stems.add(stem)
    stripped = text.rstrip()
    unterminated = int(bool(stripped) and stripped[-1] not in ".!?…»”\"'’)")
    c = text.count
    punct = (c("?"), c("!"), c(":"), c("«") + c("»") + c("“") + c("”") + c('"') + c("„"), c("(") + c(")"),
             c("–") + c("—") + c(" - "), c(";"), unterminated)
    return Features(len(text), tuple(sorted(anchors)), tuple(sorted(stems)), punct)
