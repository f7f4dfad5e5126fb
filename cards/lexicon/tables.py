"""Read-only tables built once into the user cache folder: SQLite files a build reads a few rows of.

Large data that a build only looks words up in (wordfreq's lists, the built-in lexicon, the reversed
mueller7) costs seconds and a hundred MB to load whole in every process. Such a table is written once, atomically,
into an SQLite file named by what it is made from, with `meta` rows that say so; `open_table` reads
it back only when those rows match, so a stale or damaged file is made again, never read.

Example:
    >>> import tempfile, pathlib
    >>> fill = lambda db: write_items(db, "words", {"мир": ["peace", "world"]})
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.sqlite"
    >>> Stored(path, {"made from": "a test"}, fill, "words")["мир"]
    ['peace', 'world']
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from cards.deck.files import atomic_write

Fill = Callable[[sqlite3.Connection], object]  # creates and fills its tables (not `meta`)


def write_items(db: sqlite3.Connection, table: str, items: Mapping[str, object]) -> None:
    """A table of `items` (key → its value as JSON text) for a `Stored` to read."""
    db.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    rows = ((k, json.dumps(v, ensure_ascii=False)) for k, v in sorted(items.items()))
    db.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)


def open_table(path: Path, meta: Mapping[str, str], fill: Fill, replaces: str = "") -> sqlite3.Connection | None:
    """A read-only connection to the file at `path` when its meta rows are `meta`; otherwise the file
    is made by `fill` (in one transaction, renamed into place when whole) and opened, and the other
    files of its folder that match the glob `replaces` (older versions) are removed. None when the
    folder cannot be written: the caller keeps the data in memory."""
    found = _read_only(path, meta)
    if found is not None:
        return found
    try:
        atomic_write(path, lambda tmp: _write(sqlite3.connect(tmp), meta, fill).close())
        for stale in path.parent.glob(replaces) if replaces else ():
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        return None
    return _read_only(path, meta)


def _read_only(path: Path, meta: Mapping[str, str]) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if dict(db.execute("SELECT key, value FROM meta")) == dict(meta):
            return db
    except sqlite3.Error:  # not a database, or not ours: made again
        pass
    db.close()
    return None


def _write(db: sqlite3.Connection, meta: Mapping[str, str], fill: Fill) -> sqlite3.Connection:
    """`fill`'s tables, then the meta rows, in one transaction: a table with its meta rows is whole."""
    db.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place only when whole
    with db:
        fill(db)
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    return db


_connections: dict[tuple[int, Path], sqlite3.Connection] = {}


def connection(path: Path, meta: Mapping[str, str], fill: Fill, replaces: str = "") -> sqlite3.Connection:
    """`open_table`'s connection, one per file and process (an SQLite connection must not cross a
    fork); a table in memory, made once, when the cache folder cannot be written."""
    key = (os.getpid(), path)
    if key not in _connections:
        db = open_table(path, meta, fill, replaces)
        _connections[key] = db if db is not None else _write(sqlite3.connect(":memory:"), meta, fill)
    return _connections[key]


class Stored(Mapping):
    """A table of a file made by `open_table` (`fill` writes it with `write_items`) as a read-only
    mapping (see `connection`); values are decoded (`decode` of the JSON value) on first access and
    kept, and so are the keys found missing."""

    def __init__(self, path: Path, meta: Mapping[str, str], fill: Fill, table: str,
                 decode: Callable[[object], object] = lambda value: value, replaces: str = "") -> None:
        self._open = lambda: connection(path, meta, fill, replaces)
        self._table, self._decode = table, decode
        self._done: dict = {}
        self._missing: set = set()

    def _row(self, key: object) -> tuple | None:
        if key in self._missing:
            return None
        row = self._open().execute(f"SELECT value FROM {self._table} WHERE key = ?", (key,)).fetchone()
        if row is None:
            self._missing.add(key)
        return row

    def __getitem__(self, key: str):
        if key not in self._done:
            row = self._row(key)
            if row is None:
                raise KeyError(key)
            self._done[key] = self._decode(json.loads(row[0]))
        return self._done[key]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            self[key]  # read once, kept for the look-up that usually follows
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self._open().execute(f"SELECT key FROM {self._table} ORDER BY key"))

    def __len__(self) -> int:
        return self._open().execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]
