"""The learner's known words: word lists, free text and Anki decks or collections → lemmas.

A source is one of
- a text file in any common encoding: a list of words (one per line) or free text, in any forms;
- an Anki package, `.apkg` (a shared or exported deck) or `.colpkg` (a whole collection backup);
- an Anki collection, `collection.anki2` (or the profile folder holding it), read from a copy.

Anki files are read with the official `anki` package, always through a temporary collection, so the
learner's own files are never opened for writing.  From each note the words of one field count: the
field named by `field`, or else, per note type, the first field that holds Cyrillic text in at least
half of that type's notes (the Russian side of the card, whatever its position).

Reviewed versus new cards: a learner knows the words of cards they have studied, not of every card
they once imported.  So when a collection or package carries review history (at least one card that is
not new), only notes with at least one card that is not new count — learning, review, relearning, and
suspended or buried cards once studied.  A source with no review history at all (a shared deck, an
.apkg exported without scheduling, a freshly made collection) counts every note: it is a list of words
the learner says they know.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cards.errors import InputError, MissingPackageError, shown

ANKI_HINT = "pip install 'cards[anki]'"

WORD = re.compile(r"[А-Яа-яЁё\u0301\u0300]+(?:-[А-Яа-яЁё\u0301\u0300]+)*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
PACKAGE_SUFFIXES = (".apkg", ".colpkg")
COLLECTION_SUFFIXES = (".anki2", ".anki21")
SQLITE_MAGIC = b"SQLite format 3\x00"

_SOUND = re.compile(r"\[sound:[^\]]*\]")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.DOTALL)


@dataclass(frozen=True)
class Note:
    """One Anki note as far as known words care: its note type, field names and values, and whether studied."""

    notetype: str
    names: tuple[str, ...]
    values: tuple[str, ...]
    studied: bool


# ---------------------------------------------------------------- pure helpers


def field_text(value: str) -> str:
    """Plain text of an Anki field: no HTML tags or entities (a real HTML parser, as for articles:
    cards.text.load), no [sound:…], cloze markup reduced to its answer."""
    from cards.text.load import html_text

    return _CLOZE.sub(r"\1", html_text(_SOUND.sub(" ", value)).replace("\u00a0", " "))


def words(text: str) -> list[str]:
    """The Russian words of a text, in order (hyphenated words stay whole; stress marks kept for lemmatize)."""
    return WORD.findall(text)


PHRASE_LINE_WORDS = 4  # a text this short (a list's line, a card's field) may be a phrase the learner knows


def lemmas_of(texts: Sequence[str]) -> frozenset[str]:
    """Lemmas of every Russian word in the texts (each distinct form is lemmatised once), and the
    dictionary phrases (cards.lexicon.units) that short texts are: a list's line "приняли участие"
    says the learner knows принять участие as a phrase, not only its words."""
    from cards.lexicon.morph import analyse, lemmatize
    from cards.lexicon.units import phrase_units

    split = [words(text) for text in texts]
    forms = {w.lower() for found in split for w in found}
    short = {" ".join(found) for found in split if 2 <= len(found) <= PHRASE_LINE_WORDS}
    phrases = {u.form for line in short for u in phrase_units(analyse(line))}
    return frozenset(lemma for lemma in (lemmatize(f) for f in forms) if lemma) | phrases


def _has_cyrillic(value: str) -> bool:
    return bool(CYRILLIC.search(value))


def russian_field(notes: Sequence[Note]) -> int | None:
    """Index of the field of one note type that holds its Russian: the first field with Cyrillic text in at
    least half the notes, else the field with Cyrillic in the most notes; None when no field has any."""
    if not notes:
        return None
    counts = [sum(_has_cyrillic(field_text(n.values[i])) for n in notes) for i in range(len(notes[0].names))]
    for i, count in enumerate(counts):
        if count and 2 * count >= len(notes):
            return i
    best = max(range(len(counts)), key=lambda i: (counts[i], -i), default=None)
    return best if best is not None and counts[best] else None


def note_texts(notes: Sequence[Note], field: str | None, path: object = "") -> list[str]:
    """The text of the chosen field of every note that counts (see the module notes on reviewed cards).

    With `field`, every note type that has that field (exact name, else ignoring case) gives it;
    InputError, listing the fields there are, when none has it."""
    by_type: dict[tuple[str, tuple[str, ...]], list[Note]] = {}
    for n in notes:
        by_type.setdefault((n.notetype, n.names), []).append(n)
    if field is None:
        index = {t: russian_field(group) for t, group in by_type.items()}
    else:
        index = {t: named_field(group[0].names, field) for t, group in by_type.items()}
        if all(i is None for i in index.values()):
            existing = sorted({name for group in by_type.values() for name in group[0].names}, key=str.casefold)
            listed = ", ".join(existing) if existing else "none: the file holds no notes"
            raise InputError(path, f"no note type has a field named {field!r} (fields: {listed})",
                             "Give one of these to --known-field, or leave it out to use the first Russian field")
    counted = [n for n in notes if n.studied] if any(n.studied for n in notes) else list(notes)
    chosen = [(n, index[n.notetype, n.names]) for n in counted]
    return [field_text(n.values[i]) for n, i in chosen if i is not None]


def named_field(names: Sequence[str], field: str) -> int | None:
    """Index of the field called `field`: the exact name first, else the same name in another case."""
    for same in (lambda a, b: a == b, lambda a, b: a.casefold() == b.casefold()):
        for i, name in enumerate(names):
            if same(name, field):
                return i
    return None


# ---------------------------------------------------------------- reading Anki files


def is_anki_source(path: Path) -> bool:
    """True for .apkg, .colpkg, .anki2 files, SQLite files, and folders holding a collection.anki2."""
    p = Path(path)
    if p.is_dir():
        return (p / "collection.anki2").is_file()
    if p.suffix.lower() in PACKAGE_SUFFIXES + COLLECTION_SUFFIXES:
        return True
    try:
        with open(p, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


EMPTY_ZSTD_FRAME = bytes.fromhex("28b52ffd2000010000")  # a zstd frame of no content (RFC 8878)
LATEST_PACKAGE = 3  # PackageMetadata.version from which a package's media map is zstd-compressed protobuf


def _package_version(package: zipfile.ZipFile) -> int:
    """The version in a package's `meta` entry (anki's own PackageMetadata); 1 when it has none, 0 when
    it cannot be read."""
    from anki.import_export_pb2 import PackageMetadata
    from google.protobuf.message import DecodeError

    try:
        meta = PackageMetadata.FromString(package.read("meta"))
    except KeyError:
        return 1
    except DecodeError:
        return 0
    return meta.version


def _without_media(source: Path, target: str) -> None:
    """A copy of an Anki package with its media left out and an empty media map: known words need
    only the notes, and a small package may name millions of media files (a 12 MB .apkg took 1.4 GB
    and 14 s to import with its map). Entries are copied as streams."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as copy:
        for info in package.infolist():
            if info.filename == "media" or info.filename.isdigit() or info.is_dir():
                continue
            with package.open(info) as data, copy.open(info.filename, "w", force_zip64=True) as out:
                shutil.copyfileobj(data, out, 1 << 20)
        copy.writestr("media", EMPTY_ZSTD_FRAME if _package_version(package) >= LATEST_PACKAGE else b"{}")


@contextmanager
def _temporary_collection(path: Path) -> Iterator[object]:
    """A fresh collection in a temporary folder holding the contents of `path`; closed and removed after."""
    try:
        from anki.collection import (
            Collection,
            ImportAnkiPackageOptions,
            ImportAnkiPackageRequest,
        )
        from anki.errors import AnkiException
    except ImportError:
        raise MissingPackageError(f"{shown(path)}: reading an Anki file needs the anki package, which is not "
                                  f"installed: {ANKI_HINT}; or give a text file of words") from None

    source = Path(path)
    try:
        folder = tempfile.mkdtemp(prefix="cards-known-")
    except OSError as err:
        raise _no_room(path, err) from None
    target = os.path.join(folder, "collection.anki2")
    col = None
    try:
        try:
            if source.suffix.lower() in PACKAGE_SUFFIXES:
                package = os.path.join(folder, "package" + source.suffix.lower())
                try:
                    _without_media(source, package)
                except OSError as err:
                    raise _no_room(path, err) if err.errno in (errno.ENOSPC, errno.EDQUOT) else err from None
                except (zipfile.BadZipFile, EOFError) as err:
                    raise InputError(path, f"this Anki package is damaged ({err})", _fix_for(source)) from None
                source = Path(package)
            if source.suffix.lower() == ".apkg":
                col = Collection(target)
                options = ImportAnkiPackageOptions(with_scheduling=True, merge_notetypes=False)
                col.import_anki_package(ImportAnkiPackageRequest(package_path=str(source.resolve()), options=options))
            elif source.suffix.lower() == ".colpkg":
                from anki._backend import RustBackend

                backend = RustBackend()
                backend.import_collection_package(
                    col_path=target,
                    backup_path=str(source.resolve()),
                    media_folder=os.path.join(folder, "collection.media"),
                    media_db=os.path.join(folder, "collection.media.db2"),
                )
                col = Collection(target, backend=backend)
            else:
                try:
                    shutil.copyfile(source, target)
                    wal = Path(str(source) + "-wal")
                    if wal.is_file():
                        shutil.copyfile(wal, target + "-wal")
                except OSError as err:
                    raise _no_room(path, err) if err.errno in (errno.ENOSPC, errno.EDQUOT) else err from None
                col = Collection(target)
        except AnkiException as err:
            if "full" in str(err).lower():
                raise _no_room(path, err) from None
            if "newer version" in str(err).lower():
                raise InputError(path, f"Anki cannot read this file ({_first_line(err)})", _newer_fix()) from None
            raise InputError(path, f"Anki cannot read this file ({_first_line(err)})", _fix_for(source)) from None
        yield col
    finally:
        if col is not None:
            col.close()
        shutil.rmtree(folder, ignore_errors=True)


def _no_room(path: object, err: Exception) -> InputError:
    """The temporary folder is full (or cannot be made): say where, and the way out."""
    reason = getattr(err, "strerror", None) or "no space left on the disk"
    return InputError(path, f"cannot be copied into a temporary folder in {shown(tempfile.gettempdir())} ({reason})",
                      "Free some space there, or set TMPDIR to a folder with room")


def _first_line(err: Exception) -> str:
    from anki.errors import DBError

    if isinstance(err, DBError):
        return "the database is damaged or is not an Anki collection"
    text = str(err).strip().splitlines()
    return text[0].rstrip(".") if text else err.__class__.__name__


def _newer_fix() -> str:
    """The way out for a package of a newer Anki than the installed anki package reads."""
    from importlib.metadata import version

    return (f"It was made by a newer Anki than the anki package here ({version('anki')}): upgrade it "
            "(pip install -U anki), or export again with \"Support older Anki versions\" ticked")


def _fix_for(path: Path) -> str:
    kind = {".apkg": "deck package", ".colpkg": "collection package"}.get(path.suffix.lower())
    if kind is None:
        return "Repair it in Anki (Tools → Check Database), or give an .apkg export or a text file of words"
    return f"Export the {kind} again from Anki (File → Export), or give a text file of words"


def read_notes(path: Path) -> list[Note]:
    """Every note of an Anki package or collection, with its note type, fields and whether it was studied."""
    p = Path(path)
    if p.is_dir():
        p = p / "collection.anki2"
    if p.suffix.lower() in PACKAGE_SUFFIXES and not zipfile.is_zipfile(p):
        raise InputError(path, "this is not an Anki package (not a zip archive)", _fix_for(p))
    with _temporary_collection(p) as col:
        studied = set(col.find_notes("-is:new"))
        names = {}
        for entry in col.models.all_names_and_ids():
            model = col.models.get(entry.id)
            names[entry.id] = (entry.name, tuple(f["name"] for f in model["flds"]))
        notes = []
        for nid, mid, flds in col.db.all("select id, mid, flds from notes order by id"):
            notetype, fields = names.get(mid, (str(mid), ()))
            values = tuple(flds.split("\x1f"))
            if len(fields) != len(values):
                fields = tuple(fields[i] if i < len(fields) else f"field {i + 1}" for i in range(len(values)))
            notes.append(Note(notetype, fields, values, nid in studied))
    return notes


# ---------------------------------------------------------------- the public API


def source_texts(path: Path, field: str | None = None) -> list[str]:
    """The texts of one known-words source whose Russian words the learner knows."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file", "Check the path and the file name")
    if is_anki_source(p):
        return note_texts(read_notes(p), field, path)
    if p.is_dir():
        raise InputError(path, "is a folder without a collection.anki2",
                         "Give a word list, an .apkg or .colpkg, or a collection.anki2")
    from cards.text.load import read_text

    return [read_text(p)]


def read_source(path: Path, field: str | None = None) -> frozenset[str]:
    """Known lemmas of one source; InputError when it holds no Russian words at all."""
    lemmas = lemmas_of(source_texts(path, field))
    if not lemmas:
        where = f"in the field {field!r}" if field and is_anki_source(Path(path)) else "in it"
        raise InputError(path, f"no Russian words found {where}",
                         "Give a list or text of Russian words, or an Anki deck with a Russian field")
    return lemmas


def read_known(sources: Sequence[Path], field: str | None = None) -> frozenset[str]:
    """Lemmas of every Russian word in the sources: text files (any forms), .apkg, .colpkg, collection.anki2.

    `field` names the Anki field to read (default: per note type, the first field with Russian text)."""
    lemmas: set[str] = set()
    for path in sources:
        lemmas |= read_source(Path(path), field)
    return frozenset(lemmas)


def sort_key(lemma: str) -> tuple[str, str]:
    """Russian alphabetical order: ё sorts with е, not after я."""
    return lemma.replace("ё", "е"), lemma


def write_known(lemmas: Sequence[str] | frozenset[str], out: Path) -> None:
    """Write lemmas one per line, sorted, UTF-8, atomically (the old file survives a failed write)."""
    from cards.errors import ExportError

    from cards.deck.files import atomic_write_text

    out = Path(out)
    try:
        atomic_write_text(out, "".join(f"{lemma}\n" for lemma in sorted(lemmas, key=sort_key)))
    except OSError as err:
        raise ExportError(f"{out}: cannot write the word list ({err.strerror or err}). Choose another -o path") from err
