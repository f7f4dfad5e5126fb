"""Russian→Latin transliteration and a consonant key that lets cognates and names meet.

`key("Лукашенко") == key("Lukashenko")`, `key("санкции") == key("sanctions")`,
`key("администрация") == key("administration")`, `key("Белавиа") == key("Belavia")`, `key("Израиль") ==
key("Israel")` (z and s are one consonant).
The key is deliberately coarse (consonant skeleton, first four consonants): a few false
matches cost little, because the aligner weighs every feature by its rarity in the document.
"""

from __future__ import annotations

import re

from cards.lexicon.cognates import _TRANSLIT as _RU  # one transliteration table for the whole package

_CYRILLIC = re.compile(r"[а-яё]")
_EN_SOFT_C = re.compile(r"c(?=[eiy])")
_NO_VOWELS = str.maketrans("", "", "aeiouyh'’")
_Z = re.compile(r"z(?!h)")  # Израиль: Israel, Бразилия: Brazil (not ж, "zh")
_DOUBLE = re.compile(r"(.)\1", re.DOTALL)


def _single(text: str) -> str:
    """`text` with every run of one letter written once ("ssmm" → "sm")."""
    if not _DOUBLE.search(text):  # most skeletons: nothing to do, found at C speed
        return text
    return text[0] + "".join([ch for ch, before in zip(text[1:], text, strict=False) if ch != before])


_TO_LATIN = str.maketrans(_RU)


def to_latin(word: str) -> str:
    """Lower-case scientific-ish transliteration of a Russian word (Latin letters pass through)."""
    return word.lower().translate(_TO_LATIN)


def key(word: str, min_consonants: int = 3) -> str:
    """The consonant-skeleton key of a Russian or English word, or "" when too short to trust (not cached
    here: features.py keeps each word's anchors)."""
    w = word.lower()
    if _CYRILLIC.search(w):
        w = w.translate(_TO_LATIN).replace("shch", "sh").replace("dzh", "j")
    else:
        if "c" in w:  # the regular expression only where it can change something (most words: not)
            w = _EN_SOFT_C.sub("ts", w).replace("ch", "C").replace("c", "k").replace("C", "ch")
        w = w.replace("ph", "f").replace("x", "ks").replace("w", "v").replace("q", "k")
    w = w.replace("ck", "k")
    if "z" in w:
        w = _Z.sub("s", w)
    skeleton = _single(("" if w[0] in "aeiouy" else w[0]) + w[1:].translate(_NO_VOWELS))
    if len(skeleton) < min_consonants or not skeleton.isalpha():
        return ""
    return skeleton[:4]
