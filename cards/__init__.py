"""cards: Russian–English article pairs → Anki decks of sentence cards.

The public API, stage by stage (each name is imported on first use, so importing this, or a stage
such as cards.align, does not load the rest):

    from cards import find_pairs, prepare_articles, choose_cards, build_deck
"""

from __future__ import annotations

import importlib

_HOMES = {
    "cards.build": ("ArticlePair", "BuildOptions", "build_deck", "choose_cards", "find_pairs", "load_pair",
                    "prepare_articles"),
    "cards.report": ("InspectedPair", "InspectedTarget", "inspect_pairs"),
    "cards.errors": ("CardsError", "InputError"),
    "cards.model": ("Bead", "Card", "Document", "Lemma", "Pair", "Sentence", "Target", "Token"),
    "cards.deck.select": ("SelectOptions", "select"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    """A public name, imported from its module on first use (PEP 562)."""
    if name not in _HOME:
        raise AttributeError(f"module 'cards' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
