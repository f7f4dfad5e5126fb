"""Stress marks for Russian text: U+0301 after the stressed vowel, ё restored (optional `stress` extra).

The back end is silero-stress (PyPI `silero-stress`, on CPU torch): its model files ship inside the
package and it has no download code, so it runs offline. It is loaded once, lazily, on first use.

Rules of the output, so that callers can rely on them:
- only two things change: a U+0301 is inserted after the stressed vowel of a word of two or more
  syllables, and е/Е becomes ё/Ё where the model says so (same length);
- monosyllables, words written in capitals (США, ООН), and ё (always stressed) get no mark; an
  unstressed particle is skipped and its monosyllabic stem marked (кто́-нибудь, кое-что́);
- every other character, spacing and punctuation is kept; a word that already carries a mark is
  left as written.

Offsets: a position `i` of the original text is `i + (number of marks inserted at positions <= i)`
in the stressed text; `accentuate_spans` does this for you. A card, for instance:
    russian, spans = accentuate_spans(pair.ru, [t.ru_span for t in targets])
    lemma = stress_word(t.lemma.lemma, russian[a:b])   # (a, b): the target's new span

Public: available, accentuate, accentuate_spans, shift_spans, stress_word, StressError, ACUTE, INSTALL.

Example:
    >>> accentuate("Мы пьем чай и едим мед.")  # doctest: +SKIP
    'Мы пьём чай и еди́м мёд.'
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import unicodedata
from collections.abc import Iterable, Sequence

from cards.errors import CardsError

ACUTE = "\u0301"
INSTALL = "pip install torch==2.13.0 silero-stress  (or: pip install 'cards[stress]')"
VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_KEEP = frozenset("-.,!?;:")  # punctuation the model's tokenizer splits on or reads as context
_LETTER = re.compile("[а-яёА-ЯЁ][\u0300-\u036f]*")  # a Cyrillic letter with its combining marks
_WORD = re.compile("(?:[а-яёА-ЯЁ][\u0300-\u036f]*)+")  # a run of Cyrillic letters
_COMPOUND = re.compile("(?:[а-яёА-ЯЁ][\u0300-\u036f]*)+(?:-(?:[а-яёА-ЯЁ][\u0300-\u036f]*)+)*")  # кто-нибудь
_POSTFIXES = frozenset({"то", "либо", "нибудь", "ка", "таки"})  # unstressed particles after a hyphen
_PREFIXES = frozenset({"кое", "кой"})  # … and before one


class StressError(CardsError):
    """Stress marks were asked for but the optional back end is not installed or failed to load."""


def available() -> bool:
    """True when the `stress` extra (silero-stress and torch) is installed. Imports nothing."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("silero_stress", "torch"))
    except (ImportError, ValueError):
        return False


@functools.cache
def _model():
    if not available():
        raise StressError(f"stress marks need the optional `stress` extra: {INSTALL}")
    try:
        from silero_stress import load_accentor

        model = load_accentor("ru")
    except Exception as exc:  # a broken torch install: say so, do not crash with a traceback
        raise StressError(f"the stress model failed to load ({exc}). Reinstall it: {INSTALL}") from exc
    if model is None:
        raise StressError(f"the stress model could not be loaded. Reinstall it: {INSTALL}")
    return model


def _prepare(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The model's input for `text` and, for each of its characters, the span of `text` it comes from.

    Cyrillic letters, whitespace and the punctuation the model reads are kept; everything else becomes
    a space (a quote glued to a word shifts silero's exception dictionary by one letter). A decomposed
    й/ё is composed; an existing U+0301 becomes silero's own marker, '+' before the vowel.
    """
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if i + 1 < n and unicodedata.combining(text[i + 1]) and text[i + 1] != ACUTE:
            composed = unicodedata.normalize("NFC", c + text[i + 1])
            if len(composed) == 1 and _CYRILLIC.match(composed):
                chars.append(composed)
                origin.append((i, i + 2))
                i += 2
                continue
        if c == ACUTE and chars and chars[-1] in VOWELS and origin[-1][1] == i:
            chars.insert(len(chars) - 1, "+")
            origin.insert(len(origin) - 1, (i, i))
        elif _CYRILLIC.match(c) or c.isspace() or c in _KEEP:
            chars.append(c)
            origin.append((i, i + 1))
        else:
            chars.append(" ")
            origin.append((i, i + 1))
        i += 1
    return "".join(chars), origin


def _read(model_in: str, model_out: str) -> tuple[set[int], set[int]] | None:
    """Indices of `model_in` that the model stressed, and those it turned into ё; None if out of step."""
    stressed: set[int] = set()
    yo: set[int] = set()
    p = 0
    pending = False
    for ch in model_out:
        if p < len(model_in) and ch == model_in[p]:
            if pending:
                stressed.add(p)
                pending = False
            p += 1
        elif ch == "+" and not pending:
            pending = True
        elif p < len(model_in) and ch in "ёЁ" and model_in[p] == ("е" if ch == "ё" else "Е"):
            yo.add(p)
            if pending:
                stressed.add(p)
                pending = False
            p += 1
        else:
            return None
    return (stressed, yo) if p == len(model_in) and not pending else None


def _vowel_positions(text: str, start: int, stop: int) -> list[int]:
    """Positions just after each vowel of text[start:stop] (where its mark would go), combining marks included."""
    out = []
    for match in _LETTER.finditer(text, start, stop):
        if unicodedata.normalize("NFC", match.group())[0] in VOWELS:
            out.append(match.end())
    return out


def _edits(
    text: str, model_in: str, found: tuple[set[int], set[int]], origin: list[tuple[int, int]]
) -> tuple[dict[int, str], list[int]]:
    """Letter replacements (original index → ё/Ё) and the sorted original positions where a mark goes.

    A word here is a hyphenated compound: its unstressed particles (кто-нибудь, кое-что) never take the
    mark, so a monosyllabic stem beside them does; other monosyllables stay unmarked.
    """
    stressed, yo = found
    replace = {origin[k][0]: ("Ё" if model_in[k] == "Е" else "ё") for k in yo if origin[k][1] - origin[k][0] == 1}
    wanted = {origin[k][1] for k in stressed if model_in[k] in VOWELS and k not in yo and model_in[k] not in "ёЁ"}
    marks: list[int] = []
    for compound in _COMPOUND.finditer(text):
        parts = list(_WORD.finditer(text, compound.start(), compound.end()))
        words = [p.group().lower() for p in parts]
        particle = [
            (i > 0 and w in _POSTFIXES) or (i == 0 and len(parts) > 1 and w in _PREFIXES) for i, w in enumerate(words)
        ]
        stems = [p for p, is_particle in zip(parts, particle) if not is_particle]
        for part in stems:
            word = part.group()
            if ACUTE in word or word.isupper() or any(replace.get(i) or text[i] in "ёЁ" for i in range(*part.span())):
                continue
            vowels = _vowel_positions(text, *part.span())
            if len(vowels) >= 2:
                marks.extend(position for position in vowels if position in wanted)
            elif len(vowels) == 1 and len(stems) == 1 and len(parts) > 1:
                marks.append(vowels[0])
    return replace, sorted(marks)


def _apply(text: str, replace: dict[int, str], marks: Sequence[int]) -> str:
    """`text` with its letters replaced (same length), then a mark inserted at each position."""
    chars = list(text)
    for index, letter in replace.items():
        chars[index] = letter
    for position in reversed(marks):
        chars.insert(position, ACUTE)
    return "".join(chars)


def _analyse(text: str) -> tuple[dict[int, str], list[int]]:
    """The ё replacements and mark positions for `text`; nothing when the model's output is out of step."""
    if not _CYRILLIC.search(text):
        return {}, []
    model_in, origin = _prepare(text)
    found = _read(model_in, _model()(model_in, stress_single_vowel=False))
    return _edits(text, model_in, found, origin) if found is not None else ({}, [])


def accentuate(text: str) -> str:
    """`text` with U+0301 after the stressed vowel of each word of two or more syllables and ё restored.

    The text is its own context (homographs: за́мок / замо́к): pass a whole card's sentence. Texts are
    not joined into one model call: that was no faster (0.98-1.17x, bench/stress.py) and let neighbours change
    a homograph (2 of 300 dev sentences), while a card's marks should depend on its own text alone.
    Raises StressError when the `stress` extra is not installed (check `available()` first).
    """
    return _apply(text, *_analyse(text))


def shift_spans(marks: Sequence[int], spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the original text → the same spans in the text with marks inserted at `marks`."""
    return [(s + bisect.bisect_right(marks, s), e + bisect.bisect_right(marks, e)) for s, e in spans]


def accentuate_spans(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The stressed text and the (start, stop) spans of `text` moved to it (a word's mark stays inside)."""
    replace, marks = _analyse(text)
    return _apply(text, replace, marks), shift_spans(marks, spans)


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.replace(ACUTE, "")).lower().replace("ё", "е")


@functools.cache
def _homographs() -> frozenset[str]:
    """Words whose stress or ё depends on their meaning (замок, основной, уже), per silero's own list."""
    table = getattr(getattr(_model(), "homosolver", None), "homodict", None) or {}
    return frozenset(word for word, variants in table.items() if len(set(variants)) > 1)


def _as_form(lemma: str, form: str) -> str | None:
    """`lemma` marked like `form`, a stressed spelling of the same word (case may differ); else None."""
    letters = [ch for ch in unicodedata.normalize("NFC", form) if ch != ACUTE]
    lemma = unicodedata.normalize("NFC", lemma)
    if len(letters) != len(lemma) or _fold("".join(letters)) != _fold(lemma):
        return None
    out, i = [], 0
    for ch in unicodedata.normalize("NFC", form):
        if ch == ACUTE:
            out.append(ch)
            continue
        out.append(ch.upper() if lemma[i].isupper() else ch.lower())
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=20_000)
def stress_word(lemma: str, form: str = "") -> str:
    """A dictionary form with its stress mark (and ё), for the Vocabulary field.

    `form`, optional: the word as it stands in the stressed sentence (sliced with `accentuate_spans`).
    When it is the lemma itself, its in-context stress is used (за́мок, not замо́к, in a castle).
    Otherwise a homograph (основной, уже, замок) stays unmarked: out of context the model guessed
    wrong on 2 of the 4 homograph lemmas of the seed (осно́вной, у́же). Other words: the model's stress.
    """
    if form:
        marked = _as_form(lemma, form)
        if marked is not None:
            return marked
    if _CYRILLIC.search(lemma) and any(_fold(part) in _homographs() for part in _WORD.findall(lemma)):
        return lemma
    return accentuate(lemma)
