"""cards: Russian–English article pairs → Anki decks of sentence cards.

The public API, stage by stage (heavy imports happen on first use, so importing this is cheap):

    from cards import find_pairs, prepare_articles, choose_cards, build_deck
"""

from __future__ import annotations

from cards.build import (
    ArticlePair,
    BuildOptions,
    build_deck,
    choose_cards,
    find_pairs,
    load_pair,
    prepare_articles,
)
from cards.report import InspectedPair, InspectedTarget, inspect_pairs
from cards.errors import CardsError, InputError
from cards.model import Bead, Card, Document, Lemma, Pair, Sentence, Target, Token
from cards.deck.select import SelectOptions, select

__all__ = [
    "ArticlePair", "Bead", "BuildOptions", "Card", "CardsError", "Document", "InputError", "InspectedPair",
    "InspectedTarget", "Lemma", "Pair",
    "SelectOptions", "Sentence", "Target", "Token", "build_deck", "choose_cards", "find_pairs", "inspect_pairs",
    "load_pair", "prepare_articles", "select",
]
