"""The real consumer: import decks into a fresh collection with the official `anki` package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ImportCounts:
    new: int
    updated: int
    duplicate: int
    conflicting: int


def open_collection(path: Path):
    from anki.collection import Collection

    return Collection(str(path))


def import_apkg(col, apkg: Path) -> ImportCounts:
    """Import like Anki's own dialog does by default: update notes only when the file's copy is newer."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Cond

    options = ImportAnkiPackageOptions(
        merge_notetypes=True,
        update_notes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )
    log = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg), options=options)).log
    return ImportCounts(len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))
