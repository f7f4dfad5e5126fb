"""Where the article pairs are and how a pair is read: two files RU EN, a pair folder holding ru.* and
en.*, or a folder of pair folders (`find_pairs`); both sides loaded and decoded (`load_pair`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from cards.errors import InputError
from cards.model import Document


@dataclass(frozen=True)
class ArticlePair:
    """Where one article pair lives on disk."""

    slug: str
    ru: Path
    en: Path


def slugify(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    return slug or "deck"


def _side(folder: Path, lang: str) -> Path | None:
    """The folder's ru.* or en.* file; two candidates (ru.txt and ru.md) are an error, not a guess."""
    found = sorted(p for p in folder.glob(f"{lang}.*") if p.is_file() and not p.name.endswith("~")
                   and not p.name.endswith(".state.json"))
    if len(found) > 1:
        raise InputError(found[1], f"a second {lang} file beside {found[0].name}, so which is the article is unclear",
                         "Keep one ru.* and one en.* file in each pair folder")
    return found[0] if found else None


def _pair_folder(folder: Path) -> ArticlePair | None:
    ru, en = _side(folder, "ru"), _side(folder, "en")
    if ru and en:
        return ArticlePair(slugify(folder.resolve().name), ru, en)
    return None


def find_pairs(paths: Sequence[Path]) -> tuple[ArticlePair, ...]:
    """Resolve `cards build` inputs: two files RU EN, pair folders (holding ru.* and en.*),
    or folders of pair folders."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("(no input)", "nothing to build", "Give RU EN files or a folder holding ru.txt and en.txt")
    for p in paths:
        if not p.exists():
            raise InputError(p, "no such file or folder", "Check the path")
    if len(paths) == 2 and all(p.is_file() for p in paths):
        ru, en = paths
        return (ArticlePair(slugify(ru.resolve().parent.name if ru.stem == "ru" else ru.stem), ru, en),)
    found: list[ArticlePair] = []
    for p in paths:
        if p.is_file():
            raise InputError(p, "a single file is not an article pair", "Give two files RU EN, or a pair folder")
        pair = _pair_folder(p)
        if pair:
            found.append(pair)
            continue
        inner = [q for q in (_pair_folder(d) for d in sorted(p.iterdir()) if d.is_dir()) if q]
        if not inner:
            raise InputError(p, "no ru.* and en.* files here, nor in its subfolders", "Put the pair in ru.txt and en.txt")
        found.extend(inner)
    return tuple(found)


def load_pair(source: ArticlePair, warnings: list[str] | None = None, max_mb: float | None = None
              ) -> tuple[Document, Document]:
    """Both sides of a pair; what decoding had to repair (bad bytes, mixed encodings) goes to `warnings`;
    a file over `max_mb` (default cards.text.load.MAX_INPUT_MB) is refused."""
    from cards.text.load import MAX_INPUT_MB, load_document

    limit = MAX_INPUT_MB if max_mb is None else max_mb
    return load_document(source.ru, "ru", warnings, limit), load_document(source.en, "en", warnings, limit)
