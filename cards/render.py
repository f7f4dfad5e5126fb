"""Card → HTML fields. Pure: every piece of article text is escaped before it reaches a field.

Escaped means two things: HTML (`<b>` shows as text) and Anki's own markup. Article text such as
`[sound:x.mp3]`, `[latex]…[/latex]`, `[$]…[/$]`, `\\(…\\)` or `{{c1::…}}` must show as those
characters and never play a sound, make a LaTeX image, go to MathJax or become a cloze: see `escape`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from cards.model import Card, Target

FIELDS = ("Key", "Russian", "English", "Vocabulary", "Source", "Audio", "Reverse")
CLOZE_FIELDS = ("Key", "Text", "English", "Vocabulary", "Source", "Audio")

POS_NAMES = {
    "noun": "noun",
    "verb": "verb",
    "adj": "adjective",
    "adv": "adverb",
    "num": "numeral",
    "pron": "pronoun",
    "prep": "preposition",
    "conj": "conjunction",
    "part": "particle",
    "intj": "interjection",
    "other": "word",
}
GENDER_NAMES = {"m": "masculine", "f": "feminine", "n": "neuter"}
ASPECT_NAMES = {"perf": "perfective", "impf": "imperfective"}

CSS = """\
.card { font-family: "Noto Serif", Georgia, serif; font-size: 22px; line-height: 1.45;
        color: #1d1d1f; background: #fdfdfb; text-align: left; max-width: 42em; margin: 0 auto; }
.ru { font-size: 1.15em; }
.en { color: #3a3a3c; margin-top: .4em; }
.target, .cloze { font-weight: bold; color: #b3261e; }
.en .target { color: #1f5fa8; }
.vocab { font-size: .8em; margin-top: .9em; border-top: 1px solid #d0d0d0; padding-top: .5em; }
.vocab .word { margin: .15em 0; }
.vocab .lemma { font-weight: bold; }
.vocab .grammar, .vocab .freq, .vocab .form { color: #6e6e73; }
.vocab .unit { font-style: italic; }
.vocab .dict { font-style: italic; }
.source { font-size: .65em; color: #8e8e93; margin-top: 1em; }
.nightMode .card, .night_mode .card, .card.nightMode { color: #e5e5e7; background: #1c1c1e; }
.nightMode .en, .night_mode .en { color: #c7c7cc; }
.nightMode .target, .night_mode .target, .nightMode .cloze, .night_mode .cloze { color: #ff8a80; }
.nightMode .en .target, .night_mode .en .target { color: #82b1ff; }
.nightMode .vocab .grammar, .nightMode .vocab .freq, .nightMode .vocab .form,
.night_mode .vocab .grammar, .night_mode .vocab .freq, .night_mode .vocab .form { color: #aeaeb2; }
.nightMode .source, .night_mode .source { color: #8e8e93; }
"""

RECOGNITION_FRONT = '<div class="ru">{{Russian}}</div>'
RECOGNITION_BACK = (
    '{{FrontSide}}<hr id="answer"><div class="en">{{English}}</div>'
    '<div class="vocab">{{Vocabulary}}</div><div class="source">{{Source}}</div>{{Audio}}'
)
PRODUCTION_FRONT = '{{#Reverse}}<div class="en">{{English}}</div>{{/Reverse}}'
PRODUCTION_BACK = (
    '{{FrontSide}}<hr id="answer"><div class="ru">{{Russian}}</div>'
    '<div class="vocab">{{Vocabulary}}</div><div class="source">{{Source}}</div>{{Audio}}'
)


CLOZE_FRONT = '<div class="ru">{{cloze:Text}}</div>'
CLOZE_BACK = (
    '<div class="ru">{{cloze:Text}}</div><hr id="answer"><div class="en">{{English}}</div>'
    '<div class="vocab">{{Vocabulary}}</div><div class="source">{{Source}}</div>{{Audio}}'
)


# Anki reads sound, LaTeX and cloze markup in the field HTML as stored: `[` `]` `{` `}` as character
# references are never markup. MathJax reads the page's text, where references are already decoded: an
# empty element after each backslash keeps `\(` and `\[` from being one run of text it searches.
_ANKI_MARKUP = {
    ord("["): "&#91;",
    ord("]"): "&#93;",
    ord("{"): "&#123;",
    ord("}"): "&#125;",
    ord("\\"): "&#92;<span></span>",
}


def escape(text: str) -> str:
    """Article text → field HTML that shows exactly `text`: HTML-escaped, and no Anki markup in it
    (sound, LaTeX, MathJax, cloze) left live."""
    return html.escape(text).translate(_ANKI_MARKUP)


@dataclass(frozen=True)
class Fields:
    """The rendered fields of one note, in FIELDS order."""

    key: str
    russian: str
    english: str
    vocabulary: str
    source: str
    audio: str = ""
    reverse: str = ""

    def as_list(self) -> list[str]:
        return [self.key, self.russian, self.english, self.vocabulary, self.source, self.audio, self.reverse]


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape `text` and wrap each (start, stop) span in a target marker. Overlapping spans are merged."""
    out: list[str] = []
    last = 0
    for start, stop in _merge(spans):
        out.append(escape(text[last:start]))
        out.append(f'<span class="target">{escape(text[start:stop])}</span>')
        last = stop
    out.append(escape(text[last:]))
    return "".join(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


@dataclass(frozen=True)
class Stressed:
    """The card's Russian with stress marks (from the optional stress back end): the text, the targets'
    spans in it and their stressed lemmas, both in `card.targets` order."""

    text: str
    spans: tuple[tuple[int, int], ...]
    lemmas: tuple[str, ...]


def grammar_label(target: Target) -> str:
    """'noun · feminine', 'verb · perfective', 'adjective' …"""
    lemma = target.lemma
    parts = [POS_NAMES.get(lemma.pos, lemma.pos)]
    if lemma.plural_only:
        parts.append("plural only")
    elif lemma.gender:
        parts.append(GENDER_NAMES.get(lemma.gender, lemma.gender))
    if lemma.indeclinable:
        parts.append("indeclinable")
    if lemma.aspect:
        aspect = ASPECT_NAMES.get(lemma.aspect, lemma.aspect)
        if lemma.aspect_partner:
            partner_aspect = "impf." if lemma.aspect == "perf" else "pf."
            aspect += f" ({partner_aspect} {lemma.aspect_partner})"
        parts.append(aspect)
    return " · ".join(parts)


def vocabulary_html(card: Card, stressed: Stressed | None = None) -> str:
    """One line per target: lemma, grammar, the form in the sentence, gloss, frequency."""
    lines = []
    for n, t in enumerate(card.targets):
        form = card.pair.ru[t.ru_span[0] : t.ru_span[1]]
        lemma = t.lemma.lemma
        if stressed:
            form = stressed.text[stressed.spans[n][0] : stressed.spans[n][1]]
            lemma = stressed.lemmas[n]
        bits = [
            f'<span class="lemma">{escape(lemma)}</span>',
            f'<span class="grammar">{escape(grammar_label(t))}</span>',
        ]
        if form.lower() != lemma.lower():
            bits.append(f'<span class="form">({escape(form)})</span>')
        if t.gloss and t.gloss_from == "loanword":  # a guess from the spelling: say so
            bits.append(f'<span class="gloss dict" title="spelled like this English word">≈ {escape(t.gloss)}</span>')
        elif t.gloss and t.gloss_from in ("dictionary", "base"):  # not this sentence's translation: say so
            bits.append(f'<span class="gloss dict" title="dictionary sense">dict. {escape(t.gloss)}</span>')
        elif t.gloss:
            bits.append(f'<span class="gloss">{escape(t.gloss)}</span>')
        if t.unit and t.unit.lower() != form.lower():
            bits.append(f'<span class="unit">phrase: {escape(t.unit)}</span>')
        bits.append(f'<span class="freq">zipf {t.lemma.zipf:.1f}</span>')
        lines.append('<div class="word">' + " · ".join(bits) + "</div>")
    return "".join(lines)


def render(
    card: Card, *, source: str = "", reverse: bool = False, stressed: Stressed | None = None, audio: str = ""
) -> Fields:
    """The note fields of `card`: Russian (stressed when given) and English with targets highlighted,
    vocabulary, source, and the audio reference (a media file name) when there is one."""
    russian = highlight(stressed.text, list(stressed.spans)) if stressed else highlight(
        card.pair.ru, [t.ru_span for t in card.targets]
    )
    en_spans = [t.en_span for t in card.targets if t.en_span is not None]
    return Fields(
        key=card.key,
        russian=russian,
        english=highlight(card.pair.en, en_spans),
        vocabulary=vocabulary_html(card, stressed),
        source=escape(source or card.pair.source),
        audio=f"[sound:{audio}]" if audio else "",
        reverse="y" if reverse else "",
    )


def cloze_text(card: Card, stressed: Stressed | None = None) -> str:
    """The Russian sentence with one cloze per target word, in sentence order, its gloss as the hint."""
    text = stressed.text if stressed else card.pair.ru
    spans = stressed.spans if stressed else tuple(t.ru_span for t in card.targets)
    out: list[str] = []
    last = 0
    for n, ((start, stop), t) in enumerate(sorted(zip(spans, card.targets), key=lambda x: x[0]), start=1):
        if start < last:
            continue
        out.append(escape(text[last:start]))
        word = escape(text[start:stop])
        hint = escape(t.gloss.split(";")[0].strip()).replace("::", ": :") if t.gloss else ""
        out.append(f"{{{{c{n}::{word}::{hint}}}}}" if hint else f"{{{{c{n}::{word}}}}}")
        last = stop
    out.append(escape(text[last:]))
    return "".join(out)


def render_cloze(card: Card, *, source: str = "", stressed: Stressed | None = None, audio: str = "") -> Fields:
    """Fields of the 'Russian cloze' note: `russian` holds the cloze text; no reverse card."""
    sentence = render(card, source=source, stressed=stressed, audio=audio)
    return Fields(
        key=card.key,
        russian=cloze_text(card, stressed),
        english=sentence.english,
        vocabulary=sentence.vocabulary,
        source=sentence.source,
        audio=sentence.audio,
    )
