"""Frozen dataclasses passed from stage to stage.

Every value is checked when the object is built, so a bad value fails where it was made,
not three stages later at export time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("ru", "en")

# What a paragraph (and so each of its sentences) is. Only "text" is teaching material;
# the others are kept as their own segments so alignment sees them and selection skips them.
KINDS = ("text", "title", "heading", "dateline", "byline", "source")


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a Document: `text[start:stop]` of the cleaned document text."""

    start: int
    stop: int
    kind: str = "text"

    def __post_init__(self) -> None:
        _check(0 <= self.start <= self.stop, f"bad paragraph span {self.start}:{self.stop}")
        _check(self.kind in KINDS, f"unknown paragraph kind {self.kind!r}")


@dataclass(frozen=True)
class Document:
    """A loaded, cleaned article. Paragraphs are spans of `text`, in order, not overlapping."""

    lang: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    source: str = ""

    def __post_init__(self) -> None:
        _check(self.lang in LANGS, f"unknown language {self.lang!r}")
        last = 0
        for p in self.paragraphs:
            _check(p.start >= last and p.stop <= len(self.text), "paragraphs must be ordered spans of text")
            last = p.stop

    def paragraph_text(self, i: int) -> str:
        p = self.paragraphs[i]
        return self.text[p.start : p.stop]


@dataclass(frozen=True)
class Sentence:
    """One segment. `start:stop` slices the cleaned document text back to `text`."""

    lang: str
    index: int
    paragraph: int
    start: int
    stop: int
    text: str
    kind: str = "text"

    def __post_init__(self) -> None:
        _check(self.lang in LANGS, f"unknown language {self.lang!r}")
        _check(self.index >= 0 and self.paragraph >= 0, "negative sentence or paragraph index")
        _check(0 <= self.start <= self.stop, f"bad sentence span {self.start}:{self.stop}")
        _check(self.kind in KINDS, f"unknown sentence kind {self.kind!r}")


@dataclass(frozen=True)
class Bead:
    """An alignment unit: Russian sentence indices ↔ English sentence indices, with a confidence."""

    ru: tuple[int, ...]
    en: tuple[int, ...]
    score: float

    def __post_init__(self) -> None:
        _check(bool(self.ru or self.en), "a bead needs at least one sentence")
        _check(0.0 <= self.score <= 1.0, f"bead score {self.score} not in [0, 1]")
        for side in (self.ru, self.en):
            _check(list(side) == sorted(set(side)), "bead indices must be increasing")


@dataclass(frozen=True)
class Pair:
    """A Russian text and its English translation, made from one bead."""

    ru: str
    en: str
    score: float
    source: str = ""
    beads: tuple[Bead, ...] = ()
    kind: str = "text"

    def __post_init__(self) -> None:
        _check(0.0 <= self.score <= 1.0, f"pair score {self.score} not in [0, 1]")
        _check(self.kind in KINDS, f"unknown pair kind {self.kind!r}")


@dataclass(frozen=True)
class Lemma:
    """Dictionary form of a Russian word with what a learner needs to know about it."""

    lemma: str
    pos: str
    gender: str | None = None
    aspect: str | None = None
    zipf: float = 0.0
    proper: bool = False
    animacy: str | None = None
    aspect_partner: str | None = None  # заключить ↔ заключать, as the lexicon gives it
    plural_only: bool = False  # выборы, переговоры, издержки (the lexicon's word)
    indeclinable: bool = False  # пальто, праймериз

    def __post_init__(self) -> None:
        _check(bool(self.lemma), "empty lemma")
        _check(0.0 <= self.zipf <= 9.0, f"zipf {self.zipf} out of range")


@dataclass(frozen=True)
class Token:
    """A Russian word as it stands in a sentence, with its analysis."""

    start: int
    stop: int
    text: str
    lemma: Lemma


GLOSS_SOURCES = frozenset({"", "sentence", "dictionary", "base", "loanword"})


@dataclass(frozen=True)
class Target:
    """A word a card teaches: where it is in the Russian text and, when found, in the English."""

    lemma: Lemma
    ru_span: tuple[int, int]
    en_span: tuple[int, int] | None = None
    gloss: str = ""
    unit: str = ""  # the collocation the word stands in, as in the sentence (снять санкции), if any
    gloss_from: str = ""  # "sentence" (its counterpart), "dictionary" (no counterpart), "base" (a base word's), "loanword"

    def __post_init__(self) -> None:
        _check(0 <= self.ru_span[0] < self.ru_span[1], f"bad Russian span {self.ru_span}")
        if self.en_span is not None:
            _check(0 <= self.en_span[0] < self.en_span[1], f"bad English span {self.en_span}")
        _check(self.gloss_from in GLOSS_SOURCES, f"unknown gloss source {self.gloss_from!r}")


@dataclass(frozen=True)
class Card:
    """A chosen pair, the words it teaches, why it was chosen, and its stable identity."""

    pair: Pair
    targets: tuple[Target, ...]
    reasons: tuple[str, ...] = ()
    key: str = ""
    order: int = 0
    tags: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        _check(bool(self.key), "a card needs a key")
        for t in self.targets:
            _check(t.ru_span[1] <= len(self.pair.ru), f"target {t.lemma.lemma!r} outside the sentence")
