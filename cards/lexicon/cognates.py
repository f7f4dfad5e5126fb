"""Cognates and transliteration: how much a Russian word and an English word look alike.

Used by word alignment (a cognate is evidence of a counterpart), by the card's glosses (a cognate gloss
is preferred: партнёр → partner) and by loanword meanings (коронавирус → coronavirus). A leaf module:
it imports nothing else of cards.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from collections.abc import Sequence
from functools import lru_cache


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """Lower case, accents dropped, British spellings folded: chargé → charge, -ise → -ize."""
    word = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    word = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word)
    return re.sub(r"our(s|ed|ing)?$", r"or\1", word) if len(word) > 5 else word


def american(word: str) -> str:
    """A folded word (`_fold`) in American spelling, so that a translator's center, defense, liter and
    analyze meet a dictionary's centre, defence, litre and analyse: -tre/-bre → -ter/-ber, -ence →
    -ense, -yse → -yze, -ogue → -og, programme → program. Only for comparing words with each other:
    both sides go through it (evidence.stem, dictionary._english_stem), so evidence → evidense harms
    nothing."""
    word = re.sub(r"(?<=[a-z]{2})([tb])re(s|d)?$", lambda m: m[1] + ("ered" if m[2] == "d" else "er" + (m[2] or "")), word)
    word = re.sub(r"(?<=[a-z]{3})ence(s)?$", r"ense\1", word)
    word = re.sub(r"ys(e|ed|es|ing)$", r"yz\1", word)
    word = re.sub(r"(?<=[a-z]{3})ogue(s)?$", r"og\1", word)
    return re.sub(r"^programme", "program", word)


# One letter table for the package (cards/align/translit.py reads it too). Kept by hand, not taken from a
# library (#14; bench/wordalign.py, correct counterparts of the seed's 524): cyrtranslit's Russian
# (GOST 7.79: ц cz, щ shh, ы y', ъ '') finds fewer cognates (cognate alone 109 → 106 correct,
# cognate+table+neighbours 262 → 259); iuliia's ICAO/Wikipedia schemes and unidecode tie on every
# figure (and bench/meaning.py), so a dependency would buy nothing, and the sentence aligner needs a
# per-letter table, not a string function.
_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e iu ia".split(), strict=True,
    )
)
_TRANSLIT.update({"ъ": "", "ь": ""})

# Russian endings → English ones, longest first (политический → politic-al, нормализовать → normalize).
_RU_SUFFIXES = (
    ("изировать", "ize"),
    ("ировать", "ate"),
    ("изовать", "ize"),
    ("овать", ""),
    ("ический", "ical"),
    ("ческий", "cal"),
    ("ский", ""),
    ("альный", "al"),
    ("ивный", "ive"),
    ("ционный", "tional"),
    ("онный", "onal"),
    ("ный", ""),
    ("ний", ""),
    ("ой", ""),
    ("ый", ""),
    ("ий", ""),
    ("ция", "tion"),
    ("сия", "sion"),
    ("изм", "ism"),
    ("ия", "y"),
    ("ость", "ity"),
    ("ать", ""),
    ("ять", ""),
    ("ить", ""),
    ("еть", ""),
    ("ться", ""),
    ("а", ""),
    ("я", ""),
    ("о", ""),
    ("е", ""),
    ("ь", ""),
)


@lru_cache(maxsize=200_000)
def _canon(latin: str) -> str:
    """A rough phonetic key for Latin spellings: c/k/q → k, ph → f, th → t, y → i, no doubles."""
    return _canon_text(latin)


def canon_keys(words: Sequence[str]) -> list[str]:
    """`_canon` of each word (none holds a line break), in one pass over their lines: no rule reaches
    across a line break, so this is word by word's result, ten times faster on 100k words."""
    return _canon_text("\n".join(words)).split("\n") if words else []


def _canon_text(latin: str) -> str:
    s = latin.lower()
    for a, b in (
        ("ph", "f"),
        ("th", "t"),
        ("ck", "k"),
        ("qu", "kv"),
        ("x", "ks"),
        ("w", "v"),
        ("kh", "h"),
        ("ts", "c"),
    ):
        s = s.replace(a, b)
    s = re.sub(r"c(?=[eiy])", "s", s)
    s = s.replace("c", "k").replace("y", "i").replace("j", "i")
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


@lru_cache(maxsize=100_000)
def transliterate(lemma: str) -> str:
    """A Russian lemma in Latin letters with its ending made English: санкция → sanktion."""
    word = lemma.lower().replace("ё", "е")
    for ru, en in _RU_SUFFIXES:
        if word.endswith(ru) and len(word) - len(ru) >= 3:
            word = word[: -len(ru)] + "\0" + en
            break
    return "".join(_TRANSLIT.get(ch, ch) for ch in word).replace("\0", "")


@lru_cache(maxsize=200_000)
def cognate_score(lemma: str, english: str) -> float:
    """How much a Russian lemma and an English word look alike, in [0, 1]; 0 when they don't.

    Compares phonetic keys of the transliterated lemma (English endings swapped in) and the
    English word, at least 4 letters each, with the same first letter (г may be h: гипотеза;
    English h may be silent: история/history; пере- may be re-). Sharing the first two letters,
    a similarity of 0.7 is enough, else 0.8. Verbs count only through -ировать/-овать.
    """
    word = lemma.lower().replace("ё", "е")
    if word.endswith(("ть", "ться", "ти", "тись")) and not word.endswith(("овать", "оваться")):
        return 0.0
    b = _canon(_fold(english).replace("-", ""))
    forms = [word] + (["ре" + word[4:]] if word.startswith("пере") else [])
    return max(_cognate(_canon(transliterate(f)), b) for f in forms)


def _cognate(a: str, b: str) -> float:
    if a.startswith("g") and b.startswith("h"):
        a = "h" + a[1:]
    if b.startswith("h") and not a.startswith("h"):
        b = b[1:]
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return 0.0
    n = min(len(a), len(b))
    prefix = next((i for i in range(n) if a[i] != b[i]), n)
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    score = min(1.0, max(ratio, prefix / max(len(a), len(b)) + 0.2 if prefix >= 5 else 0.0))
    return score if score >= (0.7 if prefix >= 2 else 0.8) else 0.0
