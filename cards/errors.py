"""Errors the library raises. Each message says what went wrong, where, and how to fix it."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


def shown(path: object) -> str:
    """A file name as a message shows it: on one line (a newline or other control character in the
    name is written as an escape, e.g. \\n)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(path))


class CardsError(Exception):
    """Base class: a problem with the user's input or environment, not a bug."""


class InputError(CardsError):
    """A file is missing, unreadable, empty, binary, or in the wrong language."""

    def __init__(self, path: object, finding: str, fix: str = "") -> None:
        self.path = str(path)
        message = f"{shown(path)}: {finding}"
        if fix:
            message += f". {fix}"
        super().__init__(message)


class ExportError(CardsError):
    """The deck could not be written."""


class EncodingError(InputError):
    """A file mixes encodings in a way that cannot be read line by line."""


class OutPathError(ExportError):
    """--out names something that is not a deck this tool wrote (an input, a folder, a device, a user's file)."""


class EmptyDeckError(ExportError):
    """A build with no cards would replace an existing deck."""


class DeckInUseError(ExportError):
    """Another build is writing the same deck."""


class MissingPackageError(CardsError):
    """An optional package (an extra) is needed for this and is not installed."""
