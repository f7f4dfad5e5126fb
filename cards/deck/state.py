"""The deck's memory: what the last build wrote, read back and checked (I/O at the edge).

For every note (by GUID) the content hash of its generated fields, its modification time, the
lemmas it teaches and the article it was made from (a sentence can be in several); for every article (by its alignment key) the sentence beads it was built with.

An `.apkg` carries its memory inside, as the zip entry ``cards-state.json`` written in the same
atomic write as the deck, so the two can never disagree; Anki's importer ignores the entry. A CSV deck
keeps it beside itself (``<deck>.csv.state.json``), and so did `.apkg` decks of earlier versions,
which are still read. A memory that is missing or cannot be trusted is rebuilt from the deck's own
notes (their GUIDs, modification times and fields), so that a rebuild never re-stamps notes that did
not change; only the taught lemmas and the alignments are lost then, and the build says so.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from cards.model import Bead

ENTRY = "cards-state.json"  # the zip entry inside an .apkg
MAX_MEMORY_BYTES = 256 * 2**20  # the seed deck keeps 9 KB: 1,000 such articles would keep about 9 MB
VERSION = 2  # 1: the same content in a file beside the deck


@dataclass(frozen=True)
class NoteMemory:
    hash: str
    mod: int
    lemmas: tuple[str, ...] = ()
    article: str = ""  # the slug of the article the note was made from ("": not known)

    def as_json(self) -> dict:
        out = {"hash": self.hash, "mod": self.mod, "lemmas": list(self.lemmas)}
        return {**out, "article": self.article} if self.article else out


@dataclass(frozen=True)
class DeckState:
    """What the last build of a deck wrote; `problem` says why part of it could not be read."""

    notes: Mapping[str, NoteMemory] = field(default_factory=dict)
    alignments: Mapping[str, tuple[Bead, ...]] = field(default_factory=dict)
    problem: str = ""
    folders: tuple[str, ...] = ()  # the article folders built into this deck (absolute paths)

    def to_json(self) -> str:
        data = {
            "version": VERSION,
            "notes": {guid: note.as_json() for guid, note in self.notes.items()},
            "alignments": {key: [[list(b.ru), list(b.en), b.score] for b in beads] for key, beads in self.alignments.items()},
            "folders": sorted(self.folders),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def sidecar(out: Path) -> Path:
    """The state file beside a deck (beside the file a symbolic link `out` points to)."""
    out = Path(out)
    if out.is_symlink():
        out = Path(os.path.realpath(out))
    return out.with_name(out.name + ".state.json")


def parse(text: str) -> DeckState:
    """A state from its JSON; ValueError (naming the first bad part) when it is not one."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict) or data.get("version") not in (1, VERSION):
        raise ValueError("not a state of cards (no known version)")
    notes_in, beads_in = data.get("notes"), data.get("alignments", {})
    if not isinstance(notes_in, dict) or not isinstance(beads_in, dict):
        raise ValueError("its notes or alignments are not tables")
    notes = {}
    for guid, note in notes_in.items():
        if not (isinstance(note, dict) and isinstance(note.get("hash"), str) and type(note.get("mod")) is int
                and isinstance(note.get("lemmas", []), list) and all(isinstance(x, str) for x in note.get("lemmas", []))
                and isinstance(note.get("article", ""), str)):
            raise ValueError(f"note {guid!r} is malformed")
        notes[guid] = NoteMemory(note["hash"], note["mod"], tuple(note.get("lemmas", ())), note.get("article", ""))
    alignments = {}
    for key, beads in beads_in.items():
        try:
            alignments[key] = tuple(Bead(tuple(map(int, ru)), tuple(map(int, en)), float(score)) for ru, en, score in beads)
        except (TypeError, ValueError) as err:
            raise ValueError(f"alignment {key!r} is malformed ({err})") from None
    folders = data.get("folders", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise ValueError("its folders are not a list of paths")
    return DeckState(notes, alignments, folders=tuple(folders))


def load(out: Path, content_hash=None) -> DeckState:
    """The memory of the deck at `out`: inside the .apkg, else beside it; when neither can be read
    but the deck can, rebuilt from the deck's notes with `content_hash(model, fields, tags, deck)`
    (the export's own hash), and `problem` set."""
    out = Path(out)
    found, problem = None, ""
    try:
        if zipfile.is_zipfile(out):
            with zipfile.ZipFile(out) as archive:
                if ENTRY in archive.namelist():
                    size = archive.getinfo(ENTRY).file_size
                    if size > MAX_MEMORY_BYTES:  # a zip bomb would fill the machine's memory
                        raise OSError(f"{size:,} bytes, more than {MAX_MEMORY_BYTES:,}")
                    found = archive.read(ENTRY).decode("utf-8")
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as err:
        problem = f"its memory inside the deck cannot be read ({err})"
    if found is None and sidecar(out).exists():
        try:
            found = sidecar(out).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problem = f"{sidecar(out).name} cannot be read ({err})"
    if found is not None:
        try:
            return parse(found)
        except ValueError as err:
            problem = f"its memory is damaged ({err})"
    if out.exists() and content_hash is not None:
        notes = notes_of_deck(out, content_hash)
        if notes:
            return DeckState(notes, {}, problem or "it has no memory of its last build")
    return DeckState(problem=problem)


def notes_of_deck(out: Path, content_hash) -> dict[str, NoteMemory]:
    """{guid: (hash, mod)} of an .apkg's notes, the hash recomputed from its fields, tags and deck;
    {} for anything that is not such a deck."""
    try:
        with zipfile.ZipFile(out) as archive:
            data = archive.read("collection.anki2")
        con = sqlite3.connect(":memory:")
        try:
            con.deserialize(data)
            decks = {int(k): v["name"] for k, v in json.loads(con.execute("select decks from col").fetchone()[0]).items()}
            deck_of = dict(con.execute("select nid, did from cards"))
            rows = con.execute("select id, guid, mod, flds, tags, mid from notes").fetchall()
        finally:
            con.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.Error, ValueError, TypeError):
        return {}
    return {
        guid: NoteMemory(content_hash(mid, flds.split("\x1f"), tags.split(), decks.get(deck_of.get(nid), "")), mod)
        for nid, guid, mod, flds, tags, mid in rows
    }
