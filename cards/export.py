"""I/O: cards → .apkg (genanki), with stable ids, GUIDs and modification times.

A note's identity is its GUID: a hash of a fixed namespace and the normalised Russian sentence.
A note's modification time changes only when its generated fields change: the last build's
content hashes are kept in a small state file beside the deck (`<deck>.apkg.state.json`), together
with each article's sentence alignment, so that adding articles never realigns (and so re-keys) old ones.
Re-importing a rebuilt deck therefore neither duplicates notes, nor wipes review history,
nor overwrites a learner's edits to notes whose content did not change.
"""

from __future__ import annotations

import csv
import functools
import io
import hashlib
import json
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from cards.errors import ExportError
from cards.files import atomic_write, atomic_write_text
from cards.model import Bead, Card
from cards.render import (
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


def normalise_sentence(text: str) -> str:
    """The form of a Russian sentence that decides its identity: no stress marks, ё→е, folded space and case."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if ch not in "\u0301\u0300")
    text = unicodedata.normalize("NFC", text).replace("ё", "е").replace("Ё", "Е")
    return re.sub(r"\s+", " ", text).strip().lower()


def note_guid(russian: str, model: str = "sentence") -> str:
    """Stable note GUID from the note type's namespace and the normalised Russian sentence."""
    import genanki

    return genanki.guid_for(GUID_NAMESPACES[model], normalise_sentence(russian))


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
    changed: int
    decks: tuple[str, ...]


def content_hash(spec: NoteSpec) -> str:
    payload = json.dumps([spec.model, spec.field_values(), sorted(spec.tags), spec.deck], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _state_path(out: Path) -> Path:
    return out.with_name(out.name + ".state.json")


def read_state(out: Path) -> dict:
    """The previous build's note state ({guid: {hash, mod, lemmas}}), or {} when there is none or it is unreadable."""
    try:
        data = json.loads(_state_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    notes = data.get("notes") if isinstance(data, dict) else None
    return notes if isinstance(notes, dict) else {}


def read_alignments(out: Path) -> dict[str, tuple[Bead, ...]]:
    """The sentence alignments earlier builds of this deck used, by article key; {} when there are none."""
    try:
        data = json.loads(_state_path(out).read_text(encoding="utf-8"))
        stored = data.get("alignments", {}) if isinstance(data, dict) else {}
        return {key: tuple(Bead(tuple(ru), tuple(en), float(score)) for ru, en, score in beads)
                for key, beads in stored.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def write_apkg(
    specs: Sequence[NoteSpec], out: Path, *, timestamp: float | None = None, media: Sequence[Path] = (),
    alignments: Mapping[str, Sequence[Bead]] | None = None,
) -> ExportSummary:
    """Write the notes (and their media files) to `out` atomically: an existing deck is never left half-written."""
    import genanki

    now = int(time.time() if timestamp is None else timestamp)
    models = {"sentence": sentence_model(), "cloze": cloze_model()}
    unique, state, changed = note_states(specs, read_state(out), now)
    decks: dict[str, genanki.Deck] = {}
    for position, spec in enumerate(unique):
        mod = state[spec.guid]["mod"]
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
    try:
        atomic_write(out, lambda tmp: package.write_to_file(tmp, timestamp=now))
        _write_state(out, state, alignments)
    except OSError as err:
        raise ExportError(f"{out}: cannot write the deck ({err.strerror}). Choose another --out path.") from err
    cards = sum(len(n.cards) for d in decks.values() for n in d.notes)
    return ExportSummary(out, len(unique), cards, changed, tuple(decks))


def note_states(specs: Sequence[NoteSpec], old: dict, now: int) -> tuple[list[NoteSpec], dict, int]:
    """The notes to write (first of each GUID, in order), the new state, and how many changed.

    A note keeps its earlier modification time when its content hash is the same; notes of earlier
    builds that are not in this one keep their entries, so the lemmas they teach stay taught."""
    unique: list[NoteSpec] = []
    state: dict[str, dict] = {}
    changed = 0
    for spec in specs:
        if spec.guid in state:
            continue
        digest = content_hash(spec)
        previous = old.get(spec.guid, {})
        mod = previous.get("mod") if previous.get("hash") == digest else None
        if mod is None:
            mod, changed = now, changed + 1
        state[spec.guid] = {"hash": digest, "mod": mod, "lemmas": [t.lemma.lemma for t in spec.card.targets]}
        unique.append(spec)
    for guid, entry in old.items():
        state.setdefault(guid, entry)
    return unique, state, changed


def _write_state(out: Path, state: dict, alignments: Mapping[str, Sequence[Bead]] | None = None) -> None:
    """Notes and sentence alignments; articles of earlier builds that are not in this one keep theirs."""
    stored = {key: [[list(b.ru), list(b.en), b.score] for b in beads] for key, beads in read_alignments(out).items()}
    stored.update({key: [[list(b.ru), list(b.en), b.score] for b in beads] for key, beads in (alignments or {}).items()})
    data = {"version": 1, "notes": state, "alignments": stored}
    atomic_write_text(_state_path(out), json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def write_csv(
    specs: Sequence[NoteSpec], out: Path, *, timestamp: float | None = None,
    alignments: Mapping[str, Sequence[Bead]] | None = None,
) -> ExportSummary:
    """A tab-separated file Anki's own importer (File → Import) takes: header lines name the separator,
    HTML, and the columns holding the GUID, note type, deck and tags, so re-imports update by GUID.
    The note types must exist in the collection (importing any .apkg of ours brings them)."""
    width = len(FIELDS)
    lines = [
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        f"#tags column:{4 + width}",
    ]
    names = {"sentence": SENTENCE_MODEL_NAME, "cloze": CLOZE_MODEL_NAME}
    now = int(time.time() if timestamp is None else timestamp)
    unique, state, changed = note_states(specs, read_state(out), now)
    for spec in unique:
        values = spec.field_values() + [""] * (width - len(spec.field_values()))
        row = [spec.guid, names[spec.model], spec.deck, *values, " ".join(spec.tags)]
        lines.append(_csv_row([_csv_cell(v) for v in row]))
    text = "\n".join(lines) + "\n"
    try:
        atomic_write_text(out, text)
        _write_state(out, state, alignments)
    except OSError as err:
        raise ExportError(f"{out}: cannot write the file ({err.strerror}). Choose another --out path.") from err
    cards = sum(
        len(s.card.targets) if s.model == "cloze" else 1 + bool(s.fields.reverse) for s in unique
    )
    return ExportSummary(out, len(unique), cards, changed, tuple(dict.fromkeys(s.deck for s in unique)))


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
