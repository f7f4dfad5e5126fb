"""Tables of the results of small pure functions of a word, kept between builds (I/O at the edge).

A rebuild that chooses again asks the lexicon the same questions about the same words as the build
before it: an English word's stem (which imports nltk), a lemma's frequency with all its forms, the
everyday noun an adjective is made from. A `KeptTable` keeps one function's answers in one file of the
cache folder, named by cards' version like every cache entry (cards.cache): read on the first `get`
while a build keeps tables (`cards.cache.Cache.tables`), written back by it at the end when it grew.
Outside a build, or without a cache folder, it keeps nothing and the function works everything out.
The function's own memo (an lru_cache) stands behind its table, never in front of it: a word worked out
earlier in the process (another build, a library call) is still kept by the build that asks for it.
This module imports nothing of cards, so that any stage may keep a table.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

FOLDERS: list[Path] = []  # the tables' folder while a build keeps them (Cache.tables)
_TABLES: list[KeptTable] = []


class KeptTable:
    """One function's answers by a text key: `get` (None when not kept), `put`."""

    def __init__(self, name: str) -> None:
        self.name, self.values, self.path, self.grew = name, {}, None, False
        _TABLES.append(self)

    def get(self, key: str, kind: type = str) -> object | None:
        """The kept value of `key` when it is a `kind` (str, float …), else None."""
        if self.path is None and FOLDERS:
            self.path = FOLDERS[-1] / f"{self.name}.json.gz"
            self.values = _read(self.path)
        value = self.values.get(key)
        return value if isinstance(value, kind) and not isinstance(value, bool) else None

    def put(self, key: str, value: object) -> None:
        if self.path is not None:
            self.values[key] = value
            self.grew = True


def close_all() -> list[tuple[Path, dict]]:
    """(path, values) of every table that grew, to write back; every table forgets what it read."""
    grown = [(t.path, t.values) for t in _TABLES if t.path is not None and t.grew]
    for t in _TABLES:
        t.values, t.path, t.grew = {}, None, False
    return grown


def _read(path: Path) -> dict:
    """The table in `path`; {} when there is none or it cannot be read (it is made again)."""
    try:
        raw = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, EOFError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}
