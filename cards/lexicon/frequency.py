"""Word frequencies from wordfreq, read from a compact table built once per wordfreq version.

wordfreq keeps a language's words in a gzipped msgpack file; its `get_frequency_dict` loads all of
them into a dict (Russian: 713k words, about 0.4 s and 126 MB) where a build looks up a few thousand.
So each language's list is written once into an SQLite file in the user cache folder
(`cards.deck.files.cache_dir()`), `wordfreq-<lang>-<wordfreq version>-<format>.sqlite`, and a
look-up reads a few pages of it. The file says which wordfreq version and language it holds, and
is rebuilt when that does not match: a table of another wordfreq is never read. It is written
atomically; a cache folder that cannot be written gets the table in memory (only slower).

The figures are wordfreq's own: `frequency(word, lang)` is `get_frequency_dict(lang).get(word, 0.0)`
and `top(lang, n)` is `top_n_list(lang, n)`, bit for bit.

Example:
    >>> round(frequency("санкции", "ru") * 1e6)  # uses per million words
    44
"""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path

from cards.deck.files import CACHE_DIR_VARIABLE, cache_dir
from cards.lexicon.tables import connection

FORMAT = 1  # the layout of the table; a new one names other files


@functools.lru_cache(maxsize=200_000)  # selection asks again for the same words; the figures never change
def frequency(word: str, lang: str) -> float:
    """wordfreq's frequency of `word` (its `get_frequency_dict(lang)`, 0.0 when unlisted): a share of all words."""
    row = _table(lang).execute("SELECT cb FROM words WHERE word = ?", (word,)).fetchone()
    return 10 ** (-row[0] / 100) if row else 0.0  # wordfreq's cB_to_freq: one list per centibel


def top(lang: str, n: int) -> list[str]:
    """wordfreq's `n` commonest words of a language, in its order (`top_n_list(lang, n)`)."""
    rows = _table(lang).execute("SELECT word FROM words WHERE rank < ? ORDER BY rank", (n,))
    return [word for (word,) in rows]


def table_path(lang: str) -> Path:
    """Where the table of `lang` for the installed wordfreq lives."""
    return _table_path(lang, os.environ.get(CACHE_DIR_VARIABLE, ""))


@functools.lru_cache(maxsize=16)  # one Path a folder: selection looks up tens of thousands of words
def _table_path(lang: str, _cache_dir_variable: str) -> Path:
    return cache_dir() / f"wordfreq-{lang}-{_wordfreq_version()}-{FORMAT}.sqlite"


@functools.cache
def _wordfreq_version() -> str:
    from importlib.metadata import version

    return version("wordfreq")


def _table(lang: str) -> sqlite3.Connection:
    meta = {"format": str(FORMAT), "wordfreq": _wordfreq_version(), "lang": lang}
    return connection(table_path(lang), meta, functools.partial(_write, lang=lang), f"wordfreq-{lang}-*.sqlite")


def _write(db: sqlite3.Connection, lang: str) -> None:
    """Fill `db` with wordfreq's list of `lang`: each word's centibel list (its frequency is
    10^(-cb/100)) and its rank in `top_n_list` (none for a number). SQLite sorts the words for its
    index (a dict and a sorted list of 713k words would double the memory of the first build)."""
    from wordfreq import get_frequency_list
    from wordfreq.numbers import has_digit_sequence

    def rows():
        rank = 0
        for cb, bucket in enumerate(get_frequency_list(lang)):
            for word in bucket:
                ranked = not (word[:1].isdecimal() and has_digit_sequence(word))  # top_n_list leaves out numbers ("00")
                yield word, cb, rank if ranked else None
                rank += ranked

    db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, cb INTEGER NOT NULL, rank INTEGER) WITHOUT ROWID")
    db.execute("CREATE TEMP TABLE listed (word TEXT NOT NULL, cb INTEGER NOT NULL, rank INTEGER)")
    db.executemany("INSERT INTO listed VALUES (?, ?, ?)", rows())
    # wordfreq lists a word once; were it listed twice, the last would count, as in its dict
    db.execute("INSERT OR REPLACE INTO words SELECT word, cb, rank FROM listed ORDER BY word, rowid")
    db.execute("DROP TABLE listed")
