"""The sentence aligner's bilingual dictionary: Russian stems ↔ English stems, from the shipped lexicon.

Every (lemma, gloss) pair of the built-in lexicon (OpenRussian's senses, Wiktionary's headwords)
links the Snowball stem of the lemma to the stems of the gloss's content words (a parenthesised
note left out), stemmed as features.py stems a text's words, so a segment's stems can be looked up
as they are. Made once into an SQLite file in the user cache folder (cards.lexicon.tables), named by
the data files it is made from; an alignment reads only the stems its texts hold.

    >>> "war" in translations(["войн"], "ru")["войн"]
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

RULES = "4"  # bump when the way the table is made changes: a table of other rules is made again
_WORD = re.compile(r"[A-Za-z]+")
_NOTE = re.compile(r"\(.*?\)")
_RUSSIAN = re.compile(r"[а-я]+(?:-[а-я]+)*")


def pairs() -> dict[str, dict[str, set[str]]]:
    """{"ru": Russian stem → English stems, "en": English stem → Russian stems}, from every gloss."""
    from cards.align.english_words import FUNCTION_WORDS
    from cards.align.features import _stem
    from cards.lexicon.lexicon import glosses

    out: dict[str, dict[str, set[str]]] = {"ru": {}, "en": {}}
    empty = {_stem(w, "en") for w in FUNCTION_WORDS}  # "with" is also a willow twig: not a word to find
    for lemma, gloss in glosses():
        lemma = lemma.lower().replace("ё", "е")
        if len(lemma) < 2 or not _RUSSIAN.fullmatch(lemma):
            continue
        words = (w.lower() for w in _WORD.findall(_NOTE.sub(" ", gloss)))
        english = {_stem(w, "en") for w in words if len(w) >= 3 and w not in FUNCTION_WORDS} - empty
        for russian in _keys(lemma):
            out["ru"].setdefault(russian, set()).update(english)
            for e in english:
                out["en"].setdefault(e, set()).add(russian)
    return out


def _keys(lemma: str) -> set[str]:
    """The stems a text's forms of `lemma` have: Snowball stems a lemma ending in a consonant apart from
    its other forms at times ("залив" → "зал", but "залива", "заливе" → "залив"), so its genitive's too."""
    from cards.align.features import _stem

    keys = {_stem(lemma, "ru")}
    if lemma[-1] not in "аеёиоуыэюяйь":
        keys.add(_stem(lemma + "а", "ru"))
    return keys


def _fill(db) -> None:
    """One table a language: a stem and its translations, separated by spaces (no stem holds one)."""
    for lang, table in pairs().items():
        db.execute(f"CREATE TABLE {lang} (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        db.executemany(f"INSERT INTO {lang} VALUES (?, ?)", sorted((k, " ".join(sorted(v))) for k, v in table.items() if v))


# cards.lexicon.lexicon.DATA_DIR, named here so that an alignment whose table is made already does not
# import the lexicon (tests/test_imports.py checks both name one folder).
DATA_DIR = Path(__file__).resolve().parent.parent / "lexicon" / "data"


@lru_cache(maxsize=1)
def _table():
    import hashlib

    from cards.deck.files import cache_dir
    from cards.lexicon.tables import connection

    digest = hashlib.sha256(RULES.encode())
    for name in ("openrussian.tsv.gz", "wiktionary.tsv.gz"):
        digest.update(name.encode() + b"\x00" + (DATA_DIR / name).read_bytes())
    made_from = digest.hexdigest()
    return connection(cache_dir() / f"align-stems-{made_from[:16]}.sqlite", {"made from": made_from}, _fill,
                      replaces="align-stems-*.sqlite")


def prepare() -> None:
    """Make the table now if it is not there (once per machine and data version), so that worker
    processes aligning articles at once find it made instead of each making it."""
    _table()


def known(stems: Iterable[str], lang: str) -> set[str]:
    """The stems of `stems` (of language `lang`) the dictionary has translations for."""
    return {k for (k,) in _lookup(stems, lang, "key")}


def between(ru_stems: set[str], en_stems: set[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """For the stems of a Russian and an English text: each side's stems the dictionary knows, with
    their translations that the other text holds. The table links both ways alike (pairs()), so the
    English side is the Russian one turned round, and the English rows, long for a common word
    (hundreds of Russian stems for "make"), are never read: only whether they are there."""
    ru = {s: tuple(t for t in ts if t in en_stems) for s, ts in translations(ru_stems, "ru").items()}
    en: dict[str, list[str]] = {s: [] for s in known(en_stems, "en")}
    for s, ts in ru.items():
        for t in ts:
            en[t].append(s)
    return ru, {s: tuple(sorted(ts)) for s, ts in en.items()}


def _lookup(stems: Iterable[str], lang: str, columns: str) -> list:
    """The table's rows (`columns` of them) for those of `stems` it holds, of language `lang`."""
    if lang not in ("ru", "en"):
        raise ValueError(f"unknown language {lang!r}: use 'ru' or 'en'")
    keys, db, out = sorted(set(stems)), _table(), []
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        out.extend(db.execute(f"SELECT {columns} FROM {lang} WHERE key IN ({','.join('?' * len(chunk))})", chunk))
    return out


def translations(stems: Iterable[str], lang: str) -> dict[str, tuple[str, ...]]:
    """The other language's stems for each of `stems` (of language `lang`, "ru" or "en") the dictionary
    knows; stems it does not know are left out."""
    return {k: tuple(v.split()) for k, v in _lookup(stems, lang, "key, value")}
