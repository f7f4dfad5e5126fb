"""Heavy third-party imports, done on first use and as cheaply as they can be."""

from __future__ import annotations

import functools
import importlib
import sys


@functools.cache
def nltk():
    """Import nltk without its optional scipy statistics.

    `import nltk` imports every subpackage, and some of them pull in scipy (about 0.8 s) for
    features cards never uses (Fisher's exact test, the transition parser's SVM); nltk falls back
    cleanly when scipy is missing. So scipy is hidden while nltk loads, when nothing has imported it yet.
    """
    if "nltk" not in sys.modules and "scipy" not in sys.modules:
        sys.modules["scipy"] = None  # type: ignore[assignment]  # makes `import scipy…` fail
        try:
            importlib.import_module("nltk")
        finally:
            del sys.modules["scipy"]
    return importlib.import_module("nltk")


def snowball(language: str):
    """nltk's Snowball stemmer for a language ('english', 'russian' …)."""
    nltk()
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(language)
