"""Per-article results kept between builds, so that a rebuild does no work twice (I/O at the edge).

A library of article pairs grows by a few at a time, and every rebuild used to segment, analyse,
check and word-align all of them again. What those stages make of one article depends only on that
article (and on cards' code and data), so it is kept in the user's cache folder (platformdirs:
``$XDG_CACHE_HOME/cards/articles`` or ``~/.cache/cards/articles`` on Linux), one small gzipped JSON
file an entry:

- ``segments``: an article's sentences on both sides, by its two loaded documents;
- ``first-pass``: the sentence aligner's first pass over an article (cards.align.first_pass), by its
  sentences: the lexicon of the second pass is learned from all articles' first passes;
- ``analyses``: the morphology of each Russian pair text of an article, by those texts;
- ``evidence``: the share of an article's words that find a dictionary translation (the pair check);
- ``sense-counterparts``: the English counterpart spans of the words whose sense selection reads from them
  (cards.build.sense_counterparts: глава / "head");
- ``counterparts``: the English counterpart spans of the targets of an article's cards;
- ``meanings``: the meaning shown for each target of an article's cards (cards.deck.content.card_meanings);
- ``names``: which tokens of an article's pairs `with_names` takes as names or common words (cards.build.named_analyses);
- ``tables``: the results of small pure functions of a word (cards.kept.KeptTable: English stems, a
  lemma's Zipf with all its forms, the everyday noun of an adjective), one file each;
- ``choice``: what choosing makes of the whole library (cards.build.choose_cards: every pair's decision
  and the cards), by all its inputs: every article's pairs, the options, the known words and the deck's
  memory. It is a whole build's worth of objects, kept as a pickle (`remember_object`), and only the
  last CHOICES of them are kept: an unchanged rebuild reads it back and chooses nothing.

An entry is named by the SHA-256 of everything its value depends on: its inputs, the dictionary files
used (path, size, modification time), and `version()`, a hash of every file of the cards package (code
and data) and of the versions of the libraries whose output it keeps. A changed article or a changed
line of code thus names another entry, and a stale one is never read; the entries of other versions
are deleted when a new version writes its first. A value is checked against its inputs when it is
read (tokens slice back to their sentence, sentences to their document …): an entry that cannot be
read or does not fit is ignored and computed again, never trusted. A cache folder that cannot be
written (a read-only home) leaves the build as it was, only slower.

Why not inside the deck, beside its memory (cards.deck.state)? The memory is what a deck must not
forget (which notes it has, the alignments its notes were made from); these are results that can
always be made again, shared by every deck built from the same article and by `cards inspect`, and
they would make the .apkg a learner imports several times larger.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gzip
import hashlib
import json
import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence, TypeVar

from cards.model import Document, Lemma, Sentence, Token

T = TypeVar("T")

LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "wordfreq", "nltk", "razdel", "pysbd", "numpy")
PACKAGE = Path(__file__).resolve().parent
CHOICES = 4  # entries of a kind kept by `remember_object` (the latest): a library's choices, one per deck and memory


@functools.cache
def version() -> str:
    """A hash of the cards package's files (code and data) and of the versions of the libraries whose
    results are kept: any change to either gives other entries."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\x00" + path.read_bytes() + b"\x00")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={installed(name)}\x00".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=-\x00".encode())
    return digest.hexdigest()[:16]


def default_folder() -> Path:
    """The folder of the cache's entries: <user cache folder>/cards/articles."""
    from cards.lexicon.dictionary import cache_dir

    return cache_dir() / "articles"


def file_stamp(path: Path) -> list:
    """What names a file's content for a key without reading it: its resolved path, size and mtime."""
    st = path.stat()
    return [str(path.resolve()), st.st_size, st.st_mtime_ns]


class NotKept(Exception):
    """What a reading Cache (`Cache.reading`) raises for a result it does not have."""


@dataclass(frozen=True)
class Cache:
    """Entries under `folder`/<version>; no folder: nothing is kept (every result is made afresh).
    `dictionary` names the dictionaries of the build (`file_stamp`s): part of every key. A cache that
    only reads raises NotKept instead of making a result."""

    folder: Path | None = None
    dictionary: tuple = ()
    only_reads: bool = False

    def reading(self) -> Cache:
        """The same entries, read only: a missing result raises NotKept (cards.jobs works it out elsewhere)."""
        return dataclasses.replace(self, only_reads=True)

    def remember(self, kind: str, inputs: object, make: Callable[[], T], encode: Callable[[T], object],
                 decode: Callable[[object], T]) -> T:
        """The value of `kind` for these `inputs` (any JSON-able value naming everything it depends on):
        read back (`decode` raises ValueError when it does not fit), else made, written and returned."""
        if self.folder is None:
            if self.only_reads:
                raise NotKept(kind)
            return make()
        path = self._path(kind, inputs)
        raw = _read(path)
        if isinstance(raw, dict) and "value" in raw:
            try:
                return decode(raw["value"])
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                pass  # damaged or not ours: made again, and overwritten below
        if self.only_reads:
            raise NotKept(kind)
        value = make()
        self._write(path, {"value": encode(value)})
        return value

    @contextlib.contextmanager
    def tables(self) -> Iterator[None]:
        """While in this block, the KeptTables (cards.kept) are read from and written back to this cache's folder."""
        from cards import kept

        if self.folder is None:
            yield
            return
        kept.FOLDERS.append(self.folder / version() / "tables")
        try:
            yield
        finally:
            kept.FOLDERS.pop()
            for path, values in kept.close_all():
                self._write(path, values)

    def remember_object(self, kind: str, inputs: object, make: Callable[[], T], fits: Callable[[object], bool]) -> T:
        """Like `remember`, for a value of many objects (frozen dataclasses, tuples …) kept as it is, a
        pickle: read back when `fits(value)` says it is one for these inputs, else made and written. Only
        the latest CHOICES entries of the kind are kept. The folder is the user's own, like cards' code."""
        if self.folder is None:
            return make()
        path = self._path(kind, inputs, "pickle")
        try:
            value = pickle.loads(gzip.decompress(path.read_bytes()))
            if fits(value):
                os.utime(path)  # the latest: kept when older entries are dropped
                return value
        except Exception:  # a missing, damaged or foreign entry is made again, never trusted
            pass
        value = make()
        self._write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), level=1)
        self._keep_latest(path.parent.parent, CHOICES)
        return value

    def _path(self, kind: str, inputs: object, form: str = "json") -> Path:
        named = json.dumps([kind, list(self.dictionary), inputs], ensure_ascii=False)
        name = hashlib.sha256(named.encode("utf-8")).hexdigest()
        return self.folder / version() / kind / name[:2] / f"{name}.{form}.gz"

    def _write(self, path: Path, value: object, level: int = 6) -> None:
        from cards.deck.files import temp_path

        try:
            if not (self.folder / version()).exists():
                self._forget_other_versions()
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = temp_path(path)
            raw = value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False).encode("utf-8")
            try:
                tmp.write_bytes(gzip.compress(raw, level, mtime=0))
                os.replace(tmp, path)  # whole or not at all; a lost entry is only made again
            finally:
                tmp.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only or full cache folder: the build goes on without it

    @staticmethod
    def _keep_latest(folder: Path, count: int) -> None:
        """Delete all but the `count` most recently used entries under a kind's folder."""
        try:
            entries = sorted(folder.glob("*/*.gz"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in entries[count:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

    def _forget_other_versions(self) -> None:
        if self.folder.is_dir():
            for old in self.folder.iterdir():
                if old.is_dir() and old.name != version():
                    shutil.rmtree(old, ignore_errors=True)


def _read(path: Path) -> object | None:
    try:
        return json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError):  # gzip.BadGzipFile is an OSError, JSONDecodeError a ValueError
        return None


# --- what each kind keeps, as JSON, and the checks on reading it back ---------------------------


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def document_key(doc: Document) -> list:
    """A document as segmentation sees it (its path left out: a moved folder is the same article)."""
    return [doc.lang, doc.title, doc.text, [[p.start, p.stop, p.kind] for p in doc.paragraphs]]


def sentences_json(sides: tuple[Sequence[Sentence], Sequence[Sentence]]) -> list:
    return [[[s.index, s.paragraph, s.start, s.stop, s.text, s.kind] for s in side] for side in sides]


def sentences_from(raw: object, ru: Document, en: Document) -> tuple[tuple[Sentence, ...], tuple[Sentence, ...]]:
    """The sentences of both documents; ValueError unless each slices back to its document."""
    sides = []
    for doc, rows in zip((ru, en), raw, strict=True):
        side = tuple(Sentence(doc.lang, *row) for row in rows)
        _check(all(s.text == doc.text[s.start : s.stop] for s in side), "a sentence outside its text")
        _check([s.index for s in side] == list(range(len(side))), "sentences out of order")
        sides.append(side)
    return sides[0], sides[1]


_LEMMA_FIELDS = ("lemma", "pos", "gender", "aspect", "zipf", "proper", "animacy", "aspect_partner", "plural_only",
                 "indeclinable")


def analyses_json(analyses: Sequence[Sequence[Token]]) -> list:
    return [[[t.start, t.stop, t.text, [getattr(t.lemma, f) for f in _LEMMA_FIELDS]] for t in tokens]
            for tokens in analyses]


def analyses_from(raw: object, texts: Sequence[str]) -> list[tuple[Token, ...]]:
    """One analysis per text; ValueError unless every token slices back to its text."""
    _check(len(raw) == len(texts), "not one analysis per text")
    out = []
    for rows, text in zip(raw, texts, strict=True):
        tokens = tuple(Token(a, b, word, Lemma(**dict(zip(_LEMMA_FIELDS, lemma, strict=True)))) for a, b, word, lemma in rows)
        _check(all(text[t.start : t.stop] == t.text for t in tokens), "a token outside its text")
        out.append(tokens)
    return out


def spans_json(found: Sequence[Sequence[tuple[int, int] | None]]) -> list:
    return [[list(s) if s else None for s in spans] for spans in found]


def spans_from(raw: object, cards: Sequence[tuple[str, str, Sequence]]) -> list[tuple[tuple[int, int] | None, ...]]:
    """Per card (ru, en, targets), a span of its English or None per target; ValueError when they do not fit."""
    _check(len(raw) == len(cards), "not one entry per card")
    out = []
    for spans, (_, en, targets) in zip(raw, cards, strict=True):
        _check(len(spans) == len(targets), "not one span per target")
        found = tuple(None if s is None else (int(s[0]), int(s[1])) for s in spans)
        _check(all(s is None or 0 <= s[0] < s[1] <= len(en) for s in found), "a span outside its sentence")
        out.append(found)
    return out


def segments_key(ru: Sequence[Sentence], en: Sequence[Sentence]) -> list:
    """An article's sentences as the aligner sees them: text, paragraph and kind."""
    return [[[s.text, s.paragraph, s.kind] for s in side] for side in (ru, en)]


def first_pass_json(first) -> list:
    return [[list(step) for step in first.path], [[sorted(r), sorted(e)] for r, e in first.pairs]]


def first_pass_from(raw: object, n_ru: int, n_en: int):
    """A cards.align.FirstPass; ValueError unless its path runs forward from (0, 0) to (n_ru, n_en)."""
    from cards.align import FirstPass

    path, pairs = raw
    steps = tuple((int(t), int(i), int(j)) for t, i, j in path)
    ends = [(0, 0), *((i, j) for _, i, j in steps)]
    _check(all(a[0] <= b[0] and a[1] <= b[1] and a != b for a, b in zip(ends[:-1], ends[1:], strict=True)),
           "a path that does not go forward")
    _check(ends[-1] == (n_ru, n_en) if n_ru and n_en else not steps, "a path that does not end at the article's end")
    _check(all(isinstance(w, str) for r, e in pairs for w in (*r, *e)), "stems that are not text")
    return FirstPass(steps, tuple((frozenset(r), frozenset(e)) for r, e in pairs))
