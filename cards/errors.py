"""Errors the library raises. Each message says what went wrong, where, and how to fix it."""

from __future__ import annotations


class CardsError(Exception):
    """Base class: a problem with the user's input or environment, not a bug."""


class InputError(CardsError):
    """A file is missing, unreadable, empty, binary, or in the wrong language."""

    def __init__(self, path: object, finding: str, fix: str = "") -> None:
        self.path = str(path)
        message = f"{self.path}: {finding}"
        if fix:
            message += f". {fix}"
        super().__init__(message)


class ExportError(CardsError):
    """The deck could not be written."""
