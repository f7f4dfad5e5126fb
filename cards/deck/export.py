"""I/O: cards → .apkg (genanki), with stable ids, GUIDs and modification times.

A note's identity is its GUID: a hash of a fixed namespace and the normalised Russian sentence.
A note's modification time changes only when its generated fields change: the last build's
content hashes are kept inside the .apkg (cards.deck.state; beside a CSV deck), together with each
article's sentence alignment, so that adding articles never realigns (and so re-keys) old ones.
Re-importing a rebuilt deck therefore neither duplicates notes, nor wipes review history,
nor overwrites a learner's edits to notes whose content did not change.
"""

from __future__ import annotations

import csv
import errno
import functools
import io
import hashlib
import itertools
import json
import os
import re
import sqlite3
import stat
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from cards.deck import state
from cards.errors import EmptyDeckError, ExportError, OutPathError, shown
from cards.deck.files import atomic_write, atomic_write_text, deck_lock, remove_stale_temps, temp_path
from cards.model import Bead, Card
from cards.deck.render import (
    CLOZE_BACK,
    CLOZE_FIELDS,
    CLOZE_FRONT,
    CSS,
    FIELDS,
    PRODUCTION_BACK,
    PRODUCTION_FRONT,
    RECOGNITION_BACK,
    RECOGNITION_FRONT,
    Fields,
)

SENTENCE_MODEL_ID = 1742950117
CLOZE_MODEL_ID = 1742950118
SENTENCE_MODEL_NAME = "Russian sentence (cards)"
CLOZE_MODEL_NAME = "Russian cloze (cards)"
GUID_NAMESPACES = {"sentence": "cards:russian-sentence:v1", "cloze": "cards:russian-cloze:v1"}


@functools.lru_cache(maxsize=100_000)  # each pair's sentence is asked for by both note types and the deck's memory
def normalise_sentence(text: str) -> str:
    """The form of a Russian sentence that decides its identity: no stress marks, ё→е, folded space and case."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if ch not in "\u0301\u0300")
    text = unicodedata.normalize("NFC", text).replace("ё", "е").replace("Ё", "Е")
    return re.sub(r"\s+", " ", text).strip().lower()


BASE91 = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
          "!#$%&()*+,-./:;<=>?@[]^_`{|}~")  # Anki's GUID alphabet


def note_guid(russian: str, model: str = "sentence") -> str:
    """Stable note GUID from the note type's namespace and the normalised Russian sentence: the first 8
    bytes of SHA-256 of "namespace__sentence" in Anki's base 91 (as genanki's guid_for computes it; our
    own, so that no dependency can change the identity of a learner's notes)."""
    digest = hashlib.sha256(f"{GUID_NAMESPACES[model]}__{normalise_sentence(russian)}".encode("utf-8")).digest()
    number, out = int.from_bytes(digest[:8], "big"), []
    while number:
        number, digit = divmod(number, len(BASE91))
        out.append(BASE91[digit])
    return "".join(reversed(out))


def card_key(russian: str) -> str:
    """Plain-text key of a note (its sort field): short, stable, derived like the GUID."""
    digest = hashlib.sha1(normalise_sentence(russian).encode("utf-8")).hexdigest()
    return f"ru-{digest[:12]}"


def deck_id(name: str) -> int:
    """A deck id derived from the deck name, so rebuilding the same deck keeps its id."""
    digest = hashlib.sha1(("cards:deck:" + name).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def sentence_model():
    """The 'Russian sentence' note type: fixed id, explicit field and template ids."""
    import genanki

    return genanki.Model(
        SENTENCE_MODEL_ID,
        SENTENCE_MODEL_NAME,
        fields=[{"name": name, "ord": i, "id": SENTENCE_MODEL_ID + 100 + i} for i, name in enumerate(FIELDS)],
        templates=[
            {"name": "Recognition", "qfmt": RECOGNITION_FRONT, "afmt": RECOGNITION_BACK, "id": SENTENCE_MODEL_ID + 201},
            {"name": "Production", "qfmt": PRODUCTION_FRONT, "afmt": PRODUCTION_BACK, "id": SENTENCE_MODEL_ID + 202},
        ],
        css=CSS,
        sort_field_index=0,
    )


def cloze_model():
    """The 'Russian cloze' note type: one cloze per target word, the gloss as the hint."""
    import genanki

    return genanki.Model(
        CLOZE_MODEL_ID,
        CLOZE_MODEL_NAME,
        fields=[{"name": name, "ord": i, "id": CLOZE_MODEL_ID + 100 + i} for i, name in enumerate(CLOZE_FIELDS)],
        templates=[{"name": "Cloze", "qfmt": CLOZE_FRONT, "afmt": CLOZE_BACK, "id": CLOZE_MODEL_ID + 201}],
        css=CSS,
        model_type=genanki.Model.CLOZE,
        sort_field_index=0,
    )


@dataclass(frozen=True)
class NoteSpec:
    """Everything export needs for one note: its note type, fields, deck and tags."""

    card: Card
    fields: Fields
    deck: str
    tags: tuple[str, ...] = ()
    model: str = "sentence"  # or "cloze"
    article: str = ""  # the slug of the article the card was made from, kept in the deck's memory

    def __post_init__(self) -> None:
        if self.model not in GUID_NAMESPACES:
            raise ValueError(f"unknown note type {self.model!r}")

    @property
    def guid(self) -> str:
        return note_guid(self.card.pair.ru, self.model)

    def field_values(self) -> list[str]:
        values = self.fields.as_list()
        return values[: len(CLOZE_FIELDS)] if self.model == "cloze" else values


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    notes: int
    cards: int
    changed: int  # new or changed: their modification time is this build's
    decks: tuple[str, ...]
    new: int = 0  # of `changed`, notes the deck did not have


def content_hash(spec: NoteSpec) -> str:
    return fields_hash(spec.model, spec.field_values(), spec.tags, spec.deck)


def fields_hash(model: str | int, fields: Sequence[str], tags: Iterable[str], deck: str) -> str:
    """The hash of what a build generates for a note (note type, fields, tags, deck); `model` may be
    the note type's id, as a deck's own notes give it."""
    model = {SENTENCE_MODEL_ID: "sentence", CLOZE_MODEL_ID: "cloze"}.get(model, model)
    payload = json.dumps([model, list(fields), sorted(tags), deck], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _state_path(out: Path) -> Path:
    return state.sidecar(out)


def load_state(out: Path) -> state.DeckState:
    """The deck's memory of its last build (cards.deck.state): inside the .apkg, else beside it, else rebuilt
    from the deck's own notes (`problem` then says what was wrong)."""
    return state.load(out, fields_hash)


def read_state(out: Path) -> dict:
    """The previous build's note state ({guid: {hash, mod, lemmas}}); {} when there is none."""
    return notes_json(load_state(out))


def notes_json(memory: state.DeckState) -> dict:
    """A memory's notes as note_states reads them: {guid: {hash, mod, lemmas}}."""
    return {guid: note.as_json() for guid, note in memory.notes.items()}


def read_alignments(out: Path) -> dict[str, tuple[Bead, ...]]:
    """The sentence alignments earlier builds of this deck used, by article key; {} when there are none."""
    return dict(load_state(out).alignments)


def write_apkg(
    specs: Sequence[NoteSpec], out: Path, *, timestamp: float | None = None, media: Sequence[Path] = (),
    alignments: Mapping[str, Sequence[Bead]] | None = None, folders: Iterable[str] = (),
) -> ExportSummary:
    """Write the notes (and their media files) to `out` atomically: an existing deck is never left half-written.

    Holds the deck's lock while it writes (DeckInUseError when another build does); refuses to replace an
    existing deck with one of no notes (EmptyDeckError)."""
    import genanki

    out = Path(out)
    now = int(time.time() if timestamp is None else timestamp)
    models = {"sentence": sentence_model(), "cloze": cloze_model()}
    with deck_lock(out):
        old = load_state(out)
        earlier = notes_json(old)
        unique, notes, changed = note_states(specs, earlier, now)
        check_replacement(out, len(unique))
        decks: dict[str, genanki.Deck] = {}
        for position, spec in enumerate(unique):
            mod = notes[spec.guid]["mod"]
            note = _timed_note_class()(
                mod=mod,
                model=models[spec.model],
                fields=spec.field_values(),
                guid=spec.guid,
                tags=list(spec.tags),
                due=position + 1,
            )
            deck = decks.get(spec.deck)
            if deck is None:
                deck = decks[spec.deck] = genanki.Deck(deck_id(spec.deck), spec.deck)
            deck.add_note(note)
        package = genanki.Package(list(decks.values()), media_files=sorted({str(p) for p in media}))
        memory = {state.ENTRY: _state_json(old, notes, alignments, folders)}  # in the same file: they cannot disagree
        try:
            atomic_write(out, lambda tmp: write_package(package, tmp, now, temp_path(out, ".db"), memory))
        except (OSError, sqlite3.Error) as err:
            raise write_error(out, "the deck", err) from err
        try:  # the memory of an earlier version, now inside the deck, and any half-written copy of it
            remove_stale_temps(_state_path(out))
            if _state_path(out).is_file():
                _state_path(out).unlink()
        except OSError:
            pass
    cards = sum(len(n.cards) for d in decks.values() for n in d.notes)
    new = sum(1 for spec in unique if spec.guid not in earlier)
    return ExportSummary(out, len(unique), cards, changed, tuple(decks), new)


def write_package(package, file: str | Path, timestamp: float, database: str | Path,
                  extra: Mapping[str, str] | None = None) -> None:
    """What genanki's Package.write_to_file does, with its temporary database at `database` (beside the
    deck: genanki's own goes to $TMPDIR and stays there), removed afterwards whatever happens."""
    database = str(database)
    try:
        con = sqlite3.connect(database)
        try:
            con.execute("pragma journal_mode = memory")  # no -journal file beside the deck
            con.execute("pragma temp_store = memory")  # and nothing in $TMPDIR
            package.write_to_db(con.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            con.commit()
        finally:
            con.close()
        with zipfile.ZipFile(file, "w") as archive:
            archive.write(database, "collection.anki2")
            media = dict(enumerate(package.media_files))
            archive.writestr("media", json.dumps({i: os.path.basename(p) for i, p in media.items()}))
            for i, path in media.items():
                archive.write(path, str(i))
            for name, text in (extra or {}).items():  # entries Anki's importer does not read (our memory)
                archive.writestr(name, text)
    finally:
        for leftover in (database, database + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def write_error(out: Path, what: str, err: Exception, kept: bool = True) -> ExportError:
    """A one-line ExportError for a failed write of `out` (`kept`: the old file is still there); a full
    disk says so."""
    full = isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT) or (
        isinstance(err, sqlite3.Error) and "full" in str(err))
    if full:
        return ExportError(f"{shown(out)}: cannot write {what}: no space left on the disk"
                           f"{'; the old file is kept' if kept else ''}. Free some space, or choose another --out path")
    reason = (err.strerror if isinstance(err, OSError) and err.strerror else str(err)) or err.__class__.__name__
    return ExportError(f"{shown(out)}: cannot write {what} ({' '.join(reason.split())}). Choose another --out path")


# ---------------------------------------------------------------- what --out may be


GENANKI_COL = (1411124400, 1425279151690)  # (crt, scm) of the collection row genanki writes into every .apkg
MAX_OWN_COLLECTION = 256 * 1024 * 1024  # a collection.anki2 this big is no deck of ours (the seed deck: 140 KB)


def check_out_path(out: Path, inputs: Iterable[Path] = ()) -> None:
    """Raise OutPathError unless `out` does not exist yet or is a deck (.apkg or .csv) cards wrote.

    Refused, each with a one-line message naming the file: one of the `inputs` (the same file by any
    name), a folder, a device or other special file, a broken symbolic link, and any other existing
    file (a text, a user's own Anki export): writing the deck would replace it."""
    p = Path(out)
    if not p.exists():
        if os.path.lexists(p):
            raise OutPathError(f"{shown(p)}: is a symbolic link to a file that does not exist. "
                               "Give another --out path, or remove the link")
        return
    mode = p.stat().st_mode
    if stat.S_ISDIR(mode):
        raise OutPathError(f"{shown(p)}: is a folder. Give a file name for the deck, e.g. --out {shown(p / 'deck.apkg')}")
    if not stat.S_ISREG(mode):
        raise OutPathError(f"{shown(p)}: is a device or other special file, not a deck; it is left as it is. "
                           "Give a file name for the deck")
    for source in inputs:
        try:
            same = os.path.samefile(p, source)
        except OSError:
            continue
        if same:
            raise OutPathError(f"{shown(p)}: is one of the input files; writing the deck there would replace it. "
                               "Give another --out path")
    if not is_cards_deck(p):
        raise OutPathError(f"{shown(p)}: exists and is not a deck cards wrote; it is left as it is. "
                           "Give another --out path, or move that file away first")


def is_cards_deck(path: Path) -> bool:
    """Did cards write this file? An .apkg made by genanki whose note types are all ours (a learner's own
    Anki export is not: Anki writes its own collection), or a CSV with our header. Reads at most the
    package's collection (MAX_OWN_COLLECTION) or the CSV's first 4 KB."""
    p = Path(path)
    try:
        with open(p, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if head.startswith(b"PK"):
        return _apkg_is_ours(p)
    return _csv_is_ours(head.decode("utf-8", "replace").split("\n"))


def _csv_is_ours(lines: list[str]) -> bool:
    """Our CSV header: the first lines as csv_header() makes them; the tags column moves when fields are
    added, so any number there is ours."""
    header = csv_header()
    if len(lines) < len(header) or lines[: len(header) - 1] != list(header[:-1]):
        return False
    return re.fullmatch(r"#tags column:\d+", lines[len(header) - 1]) is not None


def _apkg_is_ours(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "collection.anki2" not in names or any(
                    n not in ("collection.anki2", "media", state.ENTRY) and not n.isdigit() for n in names):
                return False
            info = archive.getinfo("collection.anki2")
            if info.file_size > MAX_OWN_COLLECTION:
                return False
            with archive.open(info) as member:
                data = member.read(MAX_OWN_COLLECTION + 1)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return False
    try:
        with _database(data, path) as con:
            crt, scm, models = con.execute("select crt, scm, models from col").fetchone()
        ids = set(json.loads(models))
    except (sqlite3.Error, ValueError, TypeError):
        return False
    return (crt, scm) == GENANKI_COL and ids <= {str(SENTENCE_MODEL_ID), str(CLOZE_MODEL_ID)}


class _database:
    """An SQLite database from bytes, in memory (Python 3.11+), else from a temporary file beside `beside`."""

    def __init__(self, data: bytes, beside: Path) -> None:
        self.data, self.beside, self.file, self.con = data, beside, None, None

    def __enter__(self):
        if hasattr(sqlite3.Connection, "deserialize"):
            self.con = sqlite3.connect(":memory:")
            self.con.deserialize(self.data)
        else:  # pragma: no cover - Python 3.10
            self.file = temp_path(self.beside, ".db")
            self.file.write_bytes(self.data)
            self.con = sqlite3.connect(self.file)
        return self.con

    def __exit__(self, *exc) -> None:
        self.con.close()
        if self.file is not None:
            self.file.unlink()


def check_replacement(out: Path, notes: int) -> None:
    """Raise EmptyDeckError when a deck of `notes` == 0 notes would replace the existing file `out`."""
    if notes == 0 and Path(out).exists():
        raise EmptyDeckError(f"{shown(out)}: this build made no cards, so the deck was not replaced and keeps its "
                             "cards. Run the build with --dry-run to see why, or give another --out")


def note_states(specs: Sequence[NoteSpec], old: dict, now: int) -> tuple[list[NoteSpec], dict, int]:
    """The notes to write (first of each GUID, in order), the new state, and how many changed.

    A note keeps its earlier modification time when its content hash is the same; notes of earlier
    builds that are not in this one keep their entries, so the lemmas they teach stay taught."""
    unique: list[NoteSpec] = []
    notes: dict[str, dict] = {}
    changed = 0
    for spec in specs:
        if spec.guid in notes:
            continue
        digest = content_hash(spec)
        previous = old.get(spec.guid, {})
        mod = previous.get("mod") if previous.get("hash") == digest else None
        if mod is None:
            mod, changed = now, changed + 1
        notes[spec.guid] = {"hash": digest, "mod": mod, "lemmas": [t.lemma.lemma for t in spec.card.targets]}
        if spec.article:
            notes[spec.guid]["article"] = spec.article
        unique.append(spec)
    for guid, entry in old.items():
        notes.setdefault(guid, entry)
    return unique, notes, changed


def _state_json(old: state.DeckState, notes: dict, alignments: Mapping[str, Sequence[Bead]] | None = None,
                folders: Iterable[str] = ()) -> str:
    """The memory to keep: the notes, the sentence alignments and the article folders (those of the
    `old` memory that are not in this build are kept)."""
    beads = {**old.alignments, **{key: tuple(b) for key, b in (alignments or {}).items()}}
    memory = {guid: state.NoteMemory(n["hash"], n["mod"], tuple(n.get("lemmas", ())), n.get("article", ""))
              for guid, n in notes.items()}
    return state.DeckState(memory, beads, folders=tuple(sorted({*old.folders, *folders}))).to_json()


def write_csv(
    specs: Sequence[NoteSpec], out: Path, *, timestamp: float | None = None,
    alignments: Mapping[str, Sequence[Bead]] | None = None, folders: Iterable[str] = (),
) -> ExportSummary:
    """A tab-separated file Anki's own importer (File → Import) takes: header lines name the separator,
    HTML, and the columns holding the GUID, note type, deck and tags, so re-imports update by GUID.
    The note types must exist in the collection (importing any .apkg of ours brings them)."""
    width = len(FIELDS)
    lines = list(csv_header())
    names = {"sentence": SENTENCE_MODEL_NAME, "cloze": CLOZE_MODEL_NAME}
    out = Path(out)
    now = int(time.time() if timestamp is None else timestamp)
    with deck_lock(out):
        old = load_state(out)
        earlier = notes_json(old)
        unique, notes, changed = note_states(specs, earlier, now)
        check_replacement(out, len(unique))
        for spec in unique:
            values = spec.field_values() + [""] * (width - len(spec.field_values()))
            row = [spec.guid, names[spec.model], spec.deck, *values, " ".join(spec.tags)]
            lines.append(_csv_row([_csv_cell(v) for v in row]))
        text = "\n".join(lines) + "\n"
        try:
            atomic_write_text(out, text)
        except OSError as err:
            raise write_error(out, "the file", err) from err
        try:
            atomic_write_text(_state_path(out), _state_json(old, notes, alignments, folders))
        except OSError as err:
            raise write_error(_state_path(out), "the deck's state", err, kept=False) from err
    cards = sum(
        len(s.card.targets) if s.model == "cloze" else 1 + bool(s.fields.reverse) for s in unique
    )
    new = sum(1 for spec in unique if spec.guid not in earlier)
    return ExportSummary(out, len(unique), cards, changed, tuple(dict.fromkeys(s.deck for s in unique)), new)


def csv_header() -> tuple[str, ...]:
    """The header lines of our CSV: the separator, HTML, and the GUID, note type, deck and tags columns."""
    return (
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        f"#tags column:{4 + len(FIELDS)}",
    )


def _csv_row(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="").writerow(cells)
    return buffer.getvalue()


def _csv_cell(value: str) -> str:
    """Fields are HTML already: tabs and newlines become their HTML forms, so each note stays one line."""
    return value.replace("\t", "&#9;").replace("\r", "").replace("\n", "<br>")


@functools.cache
def _timed_note_class():
    """genanki.Note whose modification time is its own, not the package's (built lazily: genanki loads on use)."""
    import genanki

    class TimedNote(genanki.Note):
        def __init__(self, *, mod: int, **kwargs) -> None:
            super().__init__(**kwargs)
            self.mod_time = mod

        def write_to_db(self, cursor, timestamp, deck_id, id_gen):
            return super().write_to_db(cursor, self.mod_time, deck_id, id_gen)

    return TimedNote
