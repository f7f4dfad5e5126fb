"""Stress marks for Russian text: U+0301 after the stressed vowel, ё restored. On for every user.

Two back ends, the second only filling what the first leaves open:
1. the lexicon shipped in the package (`cards.lexicon.accents`: 2 million stress-forms entries, MIT,
   OpenRussian's stressed paradigms, CC BY-SA 4.0, and Wiktionary's stressed names, CC BY-SA 3.0 /
   GFDL). A homograph (замок, стоит, руки, все/всё) is marked only when its pymorphy3 readings settle
   on one stressed form; a word the sources disagree on, a name the lexicon does not know as a name
   (Пу́тин, not пути́н; Марсель, not the sail ма́рсель) and an unknown word stay open.
2. silero-stress (optional `stress` extra, CPU torch; its model ships inside the package, no download),
   when installed: it reads the whole text and its marks are taken for the open words only. It is
   loaded once, lazily, and only when a text has an open word: torch is never imported otherwise.
   A name it stresses on another syllable than every dictionary form of the name (read alone) stays
   open: one deck never shows Ко́ул beside Коу́ла.

Rules of the output, so that callers can rely on them:
- only two things change: a U+0301 is inserted after the stressed vowel of a word of two or more
  syllables, and е/Е becomes ё/Ё where the data (or the model) says so (same length);
- monosyllables, words written in capitals (США, ООН), and a stressed ё get no mark (четырёхле́тний keeps its mark); an
  unstressed particle is skipped and its monosyllabic stem marked (кто́-нибудь, кое-что́);
- every other character, spacing and punctuation is kept; a word that already carries a mark (a
  hyphenated word: on any of its parts) is left as written; so is a web or e-mail address
  (стопкоронавирус.рф) and a word neither back end settles.

Offsets: a position `i` of the original text is `i + (number of marks inserted at positions <= i)`
in the stressed text; `accentuate_spans` does this for you. A card, for instance:
    russian, spans = accentuate_spans(pair.ru, [t.ru_span for t in targets])
    lemma = stress_word(t.lemma.lemma, russian[a:b])   # (a, b): the target's new span

Public: available, silero_available, accentuate, accentuate_spans, shift_spans, stress_word,
stress_verb, StressError, ACUTE, INSTALL, REINSTALL.

Example:
    >>> accentuate("Со стороны США сделку обсудили еще в 2020 году, а замок не трогали.", silero=False)
    'Со стороны́ США сде́лку обсуди́ли ещё в 2020 году́, а замок не тро́гали.'
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import unicodedata
from collections.abc import Iterable, Sequence

from cards.errors import CardsError, InputError

ACUTE = "\u0301"
INSTALL = "pip install torch==2.13.0 silero-stress  (or: pip install 'cards[stress]')"
REINSTALL = "pip install --force-reinstall cards"
VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_KEEP = frozenset("-.,!?;:")  # punctuation the model's tokenizer splits on or reads as context
_LETTER = re.compile("[а-яёА-ЯЁ][\u0300-\u036f]*")  # a Cyrillic letter with its combining marks
_WORD = re.compile("(?:[а-яёА-ЯЁ][\u0300-\u036f]*)+")  # a run of Cyrillic letters
_COMPOUND = re.compile("(?:[а-яёА-ЯЁ][\u0300-\u036f]*)+(?:-(?:[а-яёА-ЯЁ][\u0300-\u036f]*)+)*")  # кто-нибудь
_TOKEN = re.compile(_COMPOUND.pattern + r"|\d+(?:[.,]\d+)*")  # a word, or a number (в 2020 году)
# A web or e-mail address (стопкоронавирус.рф, президент.рф/news): its letters are not Russian words to mark.
_ADDRESS = re.compile(r"[\w@-]+(?:\.[\w-]+)*\.[a-zа-яё]{2,6}(?![\w.])(?:/\S*)?")
_POSTFIXES = frozenset({"то", "либо", "нибудь", "ка", "таки"})  # unstressed particles after a hyphen
_PREFIXES = frozenset({"кое", "кой"})  # … and before one


class StressError(CardsError):
    """Stress marks cannot be made: silero was asked for but is not installed or failed to load, or the
    shipped lexicon is missing."""


def available() -> bool:
    """True when stress marks can be made: the shipped lexicon is there, or silero-stress is installed.
    Reads and imports nothing heavy."""
    from cards.lexicon import accents

    return accents.available() or silero_available()


def silero_available() -> bool:
    """True when the optional `stress` extra (silero-stress and torch) is installed. Imports nothing."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("silero_stress", "torch"))
    except (ImportError, ValueError):
        return False


@functools.cache
def _model():
    if not silero_available():
        raise StressError(f"silero stress marks need the optional `stress` extra: {INSTALL}")
    try:
        from silero_stress import load_accentor

        model = load_accentor("ru")
    except Exception as exc:  # a broken torch install: say so, do not crash with a traceback
        raise StressError(f"the stress model failed to load ({exc}). Reinstall it: {INSTALL}") from exc
    if model is None:
        raise StressError(f"the stress model could not be loaded. Reinstall it: {INSTALL}")
    return model


# ---------------------------------------------------------------- the lexicon


@functools.lru_cache(maxsize=50_000)
def _in_text(word: str, capitalised: bool, before: tuple[str, ...] = ()) -> str | None:
    """The stressed form of a word in running text, from the lexicon, its readings and the words just
    before it (lower case, nearest first; "0" for a number); None: the word stays open. A lower-case
    compound the lexicon lacks takes the stress of the known word it ends in (коронави́русом), else
    that of a fixed-stress ending (рекультива́ция)."""
    from cards.lexicon import accents
    from cards.lexicon.analyser import parses

    context = accents.Context(tuple((w, parses(w) if w != "0" else ()) for w in before))
    try:
        found = accents.choose(word, parses(word), capitalised, context)
        if found is not None or accents.entries(word):
            return found
        split = None if capitalised else accents.compound_head(word, parses(word), parses)
        if split is not None:
            head = accents.choose(split[1], parses(split[1]), False, context)
            return split[0] + head if head is not None else None
        return accents.ending_stress(word)
    except InputError as exc:
        raise StressError(str(exc)) from exc


@functools.lru_cache(maxsize=20_000)
def _as_lemma(word: str, capitalised: bool, form: str = "") -> str | None:
    """The stressed form of a dictionary form (a card's lemma); `form`: its stressed word in the sentence."""
    from cards.lexicon import accents
    from cards.lexicon.analyser import parses

    try:
        found = accents.lemma_form(word, parses(word), capitalised, form)
        if found is None and not accents.entries(word):
            return accents.ending_stress(word)
        return found
    except InputError as exc:
        raise StressError(str(exc)) from exc


def _vowel_positions(text: str, start: int, stop: int) -> list[int]:
    """Positions just after each vowel of text[start:stop] (where its mark would go), combining marks included."""
    out = []
    for match in _LETTER.finditer(text, start, stop):
        if unicodedata.normalize("NFC", match.group())[0] in VOWELS:
            out.append(match.end())
    return out


def _particles(parts: Sequence[re.Match]) -> list[bool]:
    """For each part of a hyphenated word, whether it is an unstressed particle (кто-нибудь, кое-что)."""
    words = [p.group().lower() for p in parts]
    return [(k > 0 and w in _POSTFIXES) or (k == 0 and len(words) > 1 and w in _PREFIXES) for k, w in enumerate(words)]


def _plain(text: str, start: int, stop: int) -> str | None:
    """The letters of text[start:stop] with й and ё composed; None when one carries another mark."""
    letters = [unicodedata.normalize("NFC", m.group()) for m in _LETTER.finditer(text, start, stop)]
    return "".join(letters) if all(len(ch) == 1 for ch in letters) else None


def _put(text: str, start: int, stop: int, form: str) -> tuple[dict[int, str], list[int]]:
    """The ё replacements and the mark that spell text[start:stop] (one word or a hyphenated one) as the
    stressed `form`; a stressed ё takes no mark, but a word stressed elsewhere keeps its mark beside an
    unstressed ё (четырёхле́тний, трёхэта́жный)."""
    letters = list(_LETTER.finditer(text, start, stop))
    spelled = [ch for ch in form if ch not in (ACUTE, "-")]
    if len(spelled) != len(letters):
        return {}, []
    if any(unicodedata.normalize("NFC", m.group()).lower() == "ё" != ch.lower() for m, ch in zip(letters, spelled, strict=True)):
        return {}, []  # the text's ё is not the form's: another word (узнаём, not узна́ем)
    replace = {
        m.start(): "Ё" if text[m.start()] == "Е" else "ё"
        for m, ch in zip(letters, spelled, strict=False)
        if ch == "ё" and m.end() - m.start() == 1 and text[m.start()] in "еЕ"
    }
    if ACUTE not in form or sum(ch.lower() in VOWELS for ch in spelled) < 2:
        return replace, []
    stressed = sum(ch not in (ACUTE, "-") for ch in form[: form.index(ACUTE)]) - 1
    if spelled[stressed].lower() == "ё":
        return replace, []
    return replace, [letters[stressed].end()]  # also beside an unstressed ё: четырёхле́тний


def _markable(text: str, part) -> str | None:
    """The plain word of a part that may take a mark or ё; None for a word that already has a mark, a
    word in capitals (США), or a letter with another mark. A word written with ё is looked up too: its
    stress may be elsewhere (четырёхле́тний)."""
    word = part.group()
    plain = _plain(text, *part.span())
    if plain is None or ACUTE in word or word.isupper():
        return None
    return plain


_NAMING_CASES = frozenset({"nomn", "accs"})


def _all_or_everything(tokens: Sequence[re.Match], i: int, text: str) -> str | None:
    """"все" or "всё" for token `i` (все) when the word right after it settles which: a noun, adjective,
    pronoun or participle that reads as plural in the nominative or accusative and never as a neuter
    singular there (все обстоятельства, все эти) makes it все; one that reads only as a neuter singular
    there (всё это, всё время) makes it всё. Anything else (a verb, a preposition: мы все знаем, всё в
    порядке) leaves it open."""
    from cards.lexicon.analyser import parses

    if i + 1 >= len(tokens) or text[tokens[i].end() : tokens[i + 1].start()].strip():
        return None
    after = tokens[i + 1].group()
    if after[0].isdigit():
        return None
    readings = [p for p in parses(unicodedata.normalize("NFC", after.replace(ACUTE, "")).lower())
                if p.tag.case in _NAMING_CASES]
    plural = any(p.tag.number == "plur" for p in readings)
    neuter = any(p.tag.number == "sing" and p.tag.gender == "neut" for p in readings)
    if plural == neuter:
        return None
    return "все" if plural else "всё"


def _combining_form(plain: str) -> bool:
    """медико, историко, физико: a compound's first element in -о, in lower case, that no source knows as a
    word. It has no stress of its own to show (the compound's falls on its head), so it is left unmarked. A
    name's first part (Пуэ́рто-Ри́ко) is a word of its own language and keeps what silero gives it."""
    from cards.lexicon.accents import entries

    return plain[:1].islower() and plain.endswith("о") and not entries(plain)


def _before(tokens: Sequence[re.Match], i: int, text: str, limit: int = 4) -> tuple[str, ...]:
    """The tokens just before token `i` (lower case, nearest first, a number as "0"), up to the first gap
    that is more than spaces (punctuation ends a phrase)."""
    out: list[str] = []
    j = i
    while j > 0 and len(out) < limit and not text[tokens[j - 1].end() : tokens[j].start()].strip():
        j -= 1
        token = tokens[j].group()
        out.append("0" if token[0].isdigit() else unicodedata.normalize("NFC", token.replace(ACUTE, "")).lower())
    return tuple(out)


def _lexicon(text: str, lemma: bool = False, form: str = "") -> tuple[dict[int, str], list[int], list[tuple[int, int]]]:
    """What the lexicon settles in `text`: ё replacements, mark positions, and the spans of the words it
    leaves open (two or more syllables, or a monosyllable that may take ё). `lemma`: the words are
    dictionary forms (a card's lemma), `form` its stressed word in the sentence.

    A hyphenated word is looked up whole first (по-пре́жнему), then part by part; its unstressed
    particles (кто-нибудь, кое-что) never take the mark, so a monosyllabic stem beside them does.
    """
    replace: dict[int, str] = {}
    marks: list[int] = []
    open_: list[tuple[int, int]] = []
    tokens = list(_TOKEN.finditer(text))
    addresses = [m.span() for m in _ADDRESS.finditer(text)]

    def decide(word: str, before: tuple[str, ...]) -> str | None:
        capitalised = word[:1].isupper()
        if lemma:
            return _as_lemma(word.lower(), capitalised, form)
        return _in_text(word.lower(), capitalised, before)

    for i, compound in enumerate(tokens):
        if compound.group()[0].isdigit():
            continue
        if any(a <= compound.start() < b for a, b in addresses):
            continue  # part of an address: left as written, and not open for silero
        before = () if lemma else _before(tokens, i, text)
        parts = list(_WORD.finditer(text, compound.start(), compound.end()))
        if len(parts) > 1 and any(ACUTE in p.group() for p in parts):
            continue  # a hyphenated word that already carries its mark (военно-морско́й) is left as written
        plains = [_markable(text, p) for p in parts]
        if len(parts) > 1 and all(plains):
            found = decide("-".join(plains), before)  # type: ignore[arg-type]
            if found is not None:
                more, mark = _put(text, *compound.span(), found)
                replace.update(more)
                marks.extend(mark)
                continue
        stems = [(p, plain) for p, plain, is_particle in zip(parts, plains, _particles(parts), strict=True) if not is_particle]
        for part, plain in stems:
            if plain is None:
                continue
            vowels = _vowel_positions(text, *part.span())
            if len(vowels) == 1 and len(stems) == 1 and len(parts) > 1:
                if unicodedata.normalize("NFC", text[part.start() : vowels[0]])[-1:] not in "ёЁ":  # ё shows its stress itself
                    marks.append(vowels[0])
                continue
            if len(vowels) < 2 and "е" not in plain.lower():
                continue
            if not lemma and len(parts) == 1 and plain.lower() == "все":
                found = _all_or_everything(tokens, i, text)
                if found is not None:  # все: nothing to change; всё: its ё
                    replace.update(_put(text, *part.span(), found)[0])
                    continue
            found = decide(plain, before if len(parts) == 1 else ())
            if found is None and part.end() < compound.end() and _combining_form(plain):
                continue  # медико-санитарный: an element, not a word; silero would read it as one (медико́)
            if found is None:
                open_.append(part.span())
                continue
            more, mark = _put(text, *part.span(), found)
            replace.update(more)
            marks.extend(mark)
    return replace, sorted(marks), open_


# ---------------------------------------------------------------- silero-stress


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
        stems = [p for p, is_particle in zip(parts, _particles(parts), strict=True) if not is_particle]
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


def _silero(text: str) -> tuple[dict[int, str], list[int]]:
    """silero's ё replacements and mark positions for the whole of `text` (nothing when out of step)."""
    model_in, origin = _prepare(text)
    found = _read(model_in, _model()(model_in, stress_single_vowel=False))
    return _edits(text, model_in, found, origin) if found is not None else ({}, [])


def _fill(
    text: str, replace: dict[int, str], marks: list[int], open_: Sequence[tuple[int, int]]
) -> tuple[dict[int, str], list[int]]:
    """The lexicon's edits with silero's added for the open words only (a mark belongs to the letter
    before it, so a word's marks are at positions start < p <= stop)."""
    more_replace, more_marks = _silero(text)
    starts = [s for s, _ in open_]

    def inside(position: int, closed_end: bool) -> bool:
        k = bisect.bisect_right(starts, position - (1 if closed_end else 0)) - 1
        return k >= 0 and (open_[k][0] < position <= open_[k][1] if closed_end else position < open_[k][1])

    replace = {**replace, **{i: ch for i, ch in more_replace.items() if inside(i, False)}}
    return replace, _steady_names(text, sorted(set(marks) | {p for p in more_marks if inside(p, True)}), open_)


def _steady_names(text: str, marks: list[int], open_: Sequence[tuple[int, int]]) -> list[int]:
    """`marks` less silero's mark on a name it stresses on another syllable than every dictionary form
    pymorphy3 gives the name (each read alone; its guesses are often wrong: Хезболлы → хезболл). A name
    keeps its stress as it declines (Ко́ул, Ко́улом), so silero's Коу́ла is a guess that one deck would
    show beside Ко́ул in another card: that form stays unmarked. It depends on the card's text alone. A
    name here: a capitalised word the lexicon leaves open whose readings are all names or guesses."""
    from cards.lexicon.accents import PROPER
    from cards.lexicon.analyser import parses

    dropped = set()
    for start, stop in open_:
        word = _plain(text, start, stop)
        vowels = _vowel_positions(text, start, stop)
        mine = [p for p in marks if start < p <= stop and p in vowels]
        if not word or not word[0].isupper() or word.isupper() or len(mine) != 1:
            continue
        readings = parses(word.lower())
        if not readings or any(p.is_known and not PROPER & set(p.tag.grammemes) for p in readings):
            continue
        alone = {_name_syllable(lemma.capitalize()) for lemma in {p.normal_form for p in readings}} - {None}
        if alone and vowels.index(mine[0]) + 1 not in alone:
            dropped.add(mine[0])
    return [p for p in marks if p not in dropped]


@functools.lru_cache(maxsize=5_000)
def _name_syllable(name: str) -> int | None:
    """The syllable (1: the first) silero stresses in a name read alone (Ко́ул: 1); None: it marks none."""
    vowels = _vowel_positions(name, 0, len(name))
    if len(vowels) == 1:
        return 1
    marks = [p for p in _silero(name)[1] if p in vowels]
    return vowels.index(marks[0]) + 1 if len(marks) == 1 else None


def _use_silero(silero: bool | None) -> bool:
    return silero_available() if silero is None else silero


def _analyse(text: str, lexicon: bool = True, silero: bool | None = None) -> tuple[dict[int, str], list[int]]:
    """The ё replacements and mark positions for `text`: the lexicon's, then silero's for the open words."""
    if not _CYRILLIC.search(text):
        return {}, []
    replace, marks, open_ = _lexicon(text) if lexicon else ({}, [], [(0, len(text))])
    if open_ and _use_silero(silero):
        return _fill(text, replace, marks, open_)
    return replace, marks


def accentuate(text: str, *, lexicon: bool = True, silero: bool | None = None) -> str:
    """`text` with U+0301 after the stressed vowel of each word of two or more syllables and ё restored.

    The lexicon marks what it settles; silero (when installed, or `silero=True`) fills the words it
    leaves open, reading the whole text as context (homographs: за́мок / замо́к): pass a whole card's
    sentence. Texts are not joined into one silero call: that was no faster (0.98-1.17x, bench/stress.py)
    and let neighbours change a homograph (2 of 300 dev sentences), while a card's marks should depend
    on its own text alone. `lexicon=False, silero=True`: silero alone (bench/stress.py compares them).
    Raises StressError when silero is asked for but not installed.
    """
    return _apply(text, *_analyse(text, lexicon, silero))


def shift_spans(marks: Sequence[int], spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the original text → the same spans in the text with marks inserted at `marks`."""
    return [(s + bisect.bisect_right(marks, s), e + bisect.bisect_right(marks, e)) for s, e in spans]


def accentuate_spans(
    text: str, spans: Iterable[tuple[int, int]], *, lexicon: bool = True, silero: bool | None = None
) -> tuple[str, list[tuple[int, int]]]:
    """The stressed text and the (start, stop) spans of `text` moved to it (a word's mark stays inside)."""
    replace, marks = _analyse(text, lexicon, silero)
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
    When it is the lemma itself, its in-context stress is used (за́мок, not замо́к, in a castle); when it
    is another form of a lemma spelled like another (за́мке), it picks the lexeme. Otherwise the lexicon
    reads the lemma as a dictionary form (уже: the adverb уже́, not у́зкий's comparative у́же) and leaves
    a homograph it cannot settle unmarked (замок). silero, when installed, fills the rest, except the
    homographs of its own list: out of context it guessed wrong on 2 of the 4 homograph lemmas of the
    seed (осно́вной, у́же).
    """
    if form:
        marked = _as_form(lemma, form)
        if marked is not None:
            return marked
    if not _CYRILLIC.search(lemma):
        return lemma
    one_word = len(_COMPOUND.findall(lemma)) == 1 and len(_COMPOUND.findall(form)) == 1
    replace, marks, open_ = _lexicon(lemma, lemma=True, form=form.lower() if one_word else "")
    if open_ and silero_available() and not any(_fold(part) in _homographs() for part in _WORD.findall(lemma)):
        replace, marks = _fill(lemma, replace, marks, open_)
    return _apply(lemma, replace, marks)


def stress_verb(verb: str, aspect: str | None, marked: str = "") -> str:
    """`marked` (default: `stress_word(verb)`), or, when it carries no stress because its spelling is
    another word's too (вы́носить pf. / выноси́ть impf., вре́заться / вреза́ться; the noun по́дать beside
    пода́ть), the stressed form of the lexicon's one verb entry of `aspect`: a card knows the aspect of
    its verb and of the partner."""
    from cards.lexicon.lexicon import shipped

    marked = marked or stress_word(verb)
    if ACUTE in marked or "ё" in marked.lower() or aspect not in ("perf", "impf"):
        return marked
    own = {e.stressed for e in shipped().entries(verb) if e.pos == "verb" and e.aspect == aspect and e.stressed}
    form = _as_form(verb, own.pop()) if len(own) == 1 else None
    return form if form is not None and ACUTE in form else marked

