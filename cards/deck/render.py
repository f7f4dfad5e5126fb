"""Card → HTML fields. Pure: every piece of article text is escaped before it reaches a field.

Escaped means two things: HTML (`<b>` shows as text) and Anki's own markup. Article text such as
`[sound:x.mp3]`, `[latex]…[/latex]`, `[$]…[/$]`, `\\(…\\)` or `{{c1::…}}` must show as those
characters and never play a sound, make a LaTeX image, go to MathJax or become a cloze: see `escape`.

The card is designed as a pair. The front asks one thing: the Russian sentence, its target words
highlighted. The back keeps the front where it was and reveals, under a rule, the English (the
targets' counterparts highlighted alike), one short line per word (stressed lemma, grammar in a few
letters, the meaning in this sentence, how common the word is), each phrase once, in dictionary form,
after its words, and the source. See the README ("A card shows …") and docs/card-*.png.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
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
    "phrase": "phrase (it means more than its words: learn it whole)",
}
GENDER_NAMES = {"m": "masculine", "f": "feminine", "n": "neuter", "both": "masculine or feminine"}
ASPECT_NAMES = {"perf": "perfective", "impf": "imperfective", "both": "imperfective and perfective"}

# The card's grammar in a few letters. A noun shows its gender only (f. says noun); a word class
# without an abbreviation here (a bare "other") shows nothing.
POS_SHORT = {
    "noun": "noun", "verb": "verb", "adj": "adj.", "adv": "adv.", "num": "num.", "pron": "pron.",
    "prep": "prep.", "conj": "conj.", "part": "part.", "intj": "interj.", "phrase": "phrase",
}
GENDER_SHORT = {"m": "m.", "f": "f.", "n": "n.", "both": "m./f."}  # both: common gender (коллега, сирота)
ASPECT_SHORT = {"perf": "pf.", "impf": "impf.", "both": "impf./pf."}

# Frequency as a learner's word, from the lemma's wordfreq Zipf value (log10 of uses per billion
# words): ≥ 4.5 (30 or more per million words: заявление, сторона, кризис) "common"; 3.5-4.5
# (3-30 per million: симпатия, тупик, санкционный) "less common"; below 3.5 "rare" (кулуары,
# инаугурационный). 0.0 means wordfreq has no figure (or none was computed): no label.
COMMON_ZIPF = 4.5
RARE_ZIPF = 3.5

CSS = """\
.card {
  --bg: #fbfaf7; --fg: #1f2328; --muted: #5d626a; --faint: #686c74; --rule: #dcd8cf;
  --accent: #a3261b; --mark: rgba(196, 60, 40, .11); --en-accent: #1e5aa8; --en-mark: rgba(40, 100, 200, .10);
  --panel: #f2efe8;
  font-family: "Noto Serif", "PT Serif", Georgia, "Times New Roman", serif;
  font-size: 21px; line-height: 1.5; color: var(--fg); background: var(--bg);
  text-align: left; overflow-wrap: break-word;
}
.card.nightMode, .nightMode .card, .card.night_mode, .night_mode .card {
  --bg: #1c1d20; --fg: #e8e6e1; --muted: #a9adb5; --faint: #8d929b; --rule: #3a3c41;
  --accent: #ff9d8a; --mark: rgba(255, 140, 115, .16); --en-accent: #8fb8ff; --en-mark: rgba(120, 165, 255, .16);
  --panel: #25272b;
  color: var(--fg); background: var(--bg);  /* beats a client's own body.nightMode background */
}
.ru, .en, .vocab, .source, #answer, .audio { max-width: 36rem; margin-left: auto; margin-right: auto; }
.ru { font-size: 1.2em; line-height: 1.55; }
.target, .cloze { color: var(--accent); background: var(--mark); border-radius: .2em;
  padding: 0 .12em; margin: 0 -.06em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
#answer { border: 0; border-top: 1px solid var(--rule); margin-top: 1.1em; margin-bottom: 1em; height: 0; }
.en { color: var(--muted); font-size: .95em; }
.en .target { color: var(--en-accent); background: var(--en-mark); }
.en.prompt { color: var(--fg); font-size: 1.12em; }  /* the English → Russian card asks in English */
.audio { margin-top: .6em; }
.vocab { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: .78em; line-height: 1.4; margin-top: 1.2em; padding: .55em .9em; background: var(--panel);
  border-radius: .5em; }
.vocab:empty { display: none; }
.vocab .word { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: .45em; padding: .45em 0; }
.vocab .word + .word, .vocab .phrase + .word { border-top: 1px solid var(--rule); }
.vocab .lemma { font-family: "Noto Serif", "PT Serif", Georgia, serif; font-size: 1.18em; font-weight: 600;
  color: var(--fg); }
.vocab .grammar { color: var(--muted); font-style: italic; }
.vocab .gloss { flex: 1 1 auto; color: var(--fg); }
.vocab .gloss::before { content: "— "; color: var(--faint); }
.vocab .gloss .how { font-size: .82em; color: var(--muted); font-style: italic; }
.vocab .freq { margin-left: auto; font-size: .78em; color: var(--faint); white-space: nowrap;
  letter-spacing: .02em; }
.vocab .phrase { padding: 0 0 .45em 1em; color: var(--muted); }
.vocab .phrase .label { font-size: .78em; letter-spacing: .04em; text-transform: uppercase; color: var(--faint); }
.vocab .unit { font-family: "Noto Serif", "PT Serif", Georgia, serif; font-size: 1.1em; color: var(--fg); }
.source { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: .62em; color: var(--faint); margin-top: 1.1em; }
@media (max-width: 480px) {
  .card { font-size: 19px; }
  .ru { font-size: 1.12em; }
  .vocab { padding: .45em .75em; }
  .vocab .head { flex-basis: 100%; }
  .vocab .gloss::before { content: none; }
}
"""

RECOGNITION_FRONT = '<div class="ru">{{Russian}}</div>'
RECOGNITION_BACK = (
    '{{FrontSide}}{{#Audio}}<div class="audio">{{Audio}}</div>{{/Audio}}<hr id="answer">'
    '<div class="en">{{English}}</div><div class="vocab">{{Vocabulary}}</div><div class="source">{{Source}}</div>'
)
PRODUCTION_FRONT = '{{#Reverse}}<div class="en prompt">{{English}}</div>{{/Reverse}}'
PRODUCTION_BACK = (
    '{{FrontSide}}<hr id="answer"><div class="ru">{{Russian}}</div>{{#Audio}}<div class="audio">{{Audio}}</div>'
    '{{/Audio}}<div class="vocab">{{Vocabulary}}</div><div class="source">{{Source}}</div>'
)


CLOZE_FRONT = '<div class="ru">{{cloze:Text}}</div>'
CLOZE_BACK = (
    '<div class="ru">{{cloze:Text}}</div>{{#Audio}}<div class="audio">{{Audio}}</div>{{/Audio}}<hr id="answer">'
    '<div class="en">{{English}}</div><div class="vocab">{{Vocabulary}}</div><div class="source">{{Source}}</div>'
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


def _attribute(text: str) -> str:
    """`escape` for an attribute value: MathJax reads no attributes, so no empty element after a backslash."""
    return escape(text).replace("<span></span>", "")


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


# ---------------------------------------------------------------- grammar and frequency


def grammar_label(target: Target) -> str:
    """In words, for the grammar's tooltip: 'noun · feminine', 'verb · perfective (impf. заключать)' …"""
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
        if lemma.aspect_partner and lemma.aspect != "both":
            partner_aspect = "impf." if lemma.aspect == "perf" else "pf."
            aspect += f" ({partner_aspect} {lemma.aspect_partner})"
        parts.append(aspect)
    return " · ".join(parts)


def grammar_short(target: Target, partner: str | None = None) -> str:
    """The card's grammar in a few letters: 'f.', 'pl. only', 'n. indecl.', 'adj.',
    'pf. (impf. заключать)', 'impf. (pf. перенести)'. `partner`: the aspect partner as shown
    (stressed), default the lexicon's."""
    lemma = target.lemma
    if lemma.pos == "noun" and (lemma.plural_only or lemma.gender):
        parts = ["pl. only" if lemma.plural_only else GENDER_SHORT.get(lemma.gender or "", lemma.gender or "")]
    elif lemma.pos == "verb" and lemma.aspect in ASPECT_SHORT:
        parts = [ASPECT_SHORT[lemma.aspect]]
        partner = partner or lemma.aspect_partner
        if partner and lemma.aspect != "both":
            parts.append(f"({ASPECT_SHORT['impf' if lemma.aspect == 'perf' else 'perf']} {partner})")
    else:
        parts = [POS_SHORT.get(lemma.pos, "")]
    if lemma.indeclinable:
        parts.append("indecl.")
    return " ".join(p for p in parts if p)


def frequency_label(zipf: float) -> str:
    """'common', 'less common', 'rare', or '' when there is no figure (see COMMON_ZIPF, RARE_ZIPF)."""
    if zipf <= 0:
        return ""
    if zipf >= COMMON_ZIPF:
        return "common"
    return "less common" if zipf >= RARE_ZIPF else "rare"


# ---------------------------------------------------------------- phrases in dictionary form

_VERBAL = ("VERB", "GRND")  # a finite verb or a gerund becomes its infinitive; INFN already is one
_ADJECTIVAL = ("ADJF", "PRTF")


def dictionary_words(phrase: str, lemmas: Sequence[str | None] = ()) -> list[str | None]:
    """Each word of `phrase` (a collocation as it stands in a sentence, words separated by spaces) in
    the phrase's dictionary form, or None where the word stays as it stands. Two shapes change:

    - (adjectives or participles +) a noun, agreeing: all in the nominative, number as in the
      sentence (личной симпатии → личная симпатия, политических заключённых → политические заключённые);
      a genitive after the noun stays (видения окончания → видение окончания);
    - a verb (+ adjective) + its object: the verb in the infinitive, the object as it stands (высказал
      недовольство → высказать недовольство), unless the noun may be the verb's subject (see
      `_takes_object`: циркулировали слухи, сообщает портал, сказал нападающий stay); so does an active
      participle (not an adjective too) + a noun it does not agree with that may be its accusative object
      (создавшего угрозу → создать угрозу; текущем году stays).

    Anything else, or anything pymorphy3 cannot settle, stays as it stands (all None); so does a word
    whose dictionary form is the form in the sentence. `lemmas`, optional: a word's known lemma (a card
    target's), which settles its reading (временного поверенного: поверенный, not поверенное)."""
    from cards.lexicon.analyser import parses

    words = phrase.split(" ")
    keep: list[str | None] = [None] * len(words)
    readings = [parses(w.lower()) for w in words]
    if not all(readings):
        return keep
    first = readings[0][0]
    if first.tag.POS in _VERBAL:
        if _takes_object(first, readings[-1]):
            keep[0] = first.normal_form
        return keep
    if first.tag.POS == "INFN":
        return keep
    hints = list(lemmas) + [None] * (len(words) - len(lemmas))
    last = len(words) - 1
    head = _agreeing_noun_phrase([_settled(r, hint, i == last) for i, (r, hint) in enumerate(zip(readings, hints, strict=True))])
    if head is None:
        active = [p for p in readings[0] if p.tag.POS == "PRTF" and _plain(p.tag.voice) == "actv"]
        adjective = any(p.tag.POS == "ADJF" for p in readings[0])
        if active and not adjective and len(words) == 2 and any(
            p.tag.POS == "NOUN" and _plain(p.tag.case) == "accs" for p in readings[-1]
        ):
            keep[0] = active[0].normal_form  # создавшего угрозу → создать угрозу
        return keep
    for i, form in enumerate(head):
        if _fold(form) != _fold(words[i]):
            keep[i] = form
    return keep


def _fold(word: str) -> str:
    return word.replace("\u0301", "").replace("\u0300", "").lower().replace("ё", "е")


def _settled(readings: tuple, lemma: str | None, may_head: bool) -> tuple:
    """The readings of a word whose dictionary form is `lemma` (all of them if none is, or no lemma). An
    adjective's dictionary form is its masculine; a substantivised one's, as the phrase's last word, is
    in its own gender (пове́ренный, бу́дущее)."""
    if not lemma:
        return readings

    def form(p) -> str:
        if p.tag.POS in _ADJECTIVAL:
            gender = _plain(p.tag.gender) if may_head and p.tag.gender else "masc"
            new = _inflect(p, {"nomn", "sing", gender})
            return new.word if new is not None else ""
        return p.normal_form

    fitting = tuple(p for p in readings if _fold(form(p)) == _fold(lemma))
    return fitting or readings


# Verbs after which a news text names its source (сообщает портал, рассказал источник): a noun that
# may be their subject is taken to be one, even after a transitive verb.
REPORTING_VERBS = frozenset(
    "сказать говорить сообщить сообщать рассказать рассказывать заявить заявлять отметить отмечать "
    "напомнить напоминать подчеркнуть подчёркивать пояснить пояснять добавить добавлять уточнить "
    "уточнять писать передать передавать считать признать признавать".split()
)


def _takes_object(verb, noun_readings) -> bool:
    """Whether the noun after `verb` (a finite verb or a gerund) is safely its object, not its subject.
    A gerund has no subject; after an intransitive verb, a noun that may be nominative is taken for the
    subject. After a transitive verb, the noun may be the subject when it has a nominative reading that
    agrees with the verb (number; gender in the past singular; a 1st or 2nd person verb agrees with no
    noun); it is still taken for the object when that reading is inanimate and the verb is not a
    reporting verb (подписал контракт: a contract signs nothing; сообщает портал)."""
    if verb.tag.POS == "GRND":
        return True
    if "intr" in verb.tag and any(_plain(p.tag.case) == "nomn" for p in noun_readings):
        return False  # восстанавливались энергопотребление (и …): no object to take
    subjects = [p for p in noun_readings if _plain(p.tag.case) == "nomn" and p.tag.POS in ("NOUN",) + _ADJECTIVAL
                and _subject_agrees(verb.tag, p.tag)]
    if not subjects:
        return True
    if "tran" not in verb.tag or verb.normal_form in REPORTING_VERBS:
        return False
    return not any(_plain(p.tag.animacy) == "anim" or p.tag.POS in _ADJECTIVAL  # нападающий: a person
                   for p in subjects)


def _subject_agrees(verb, noun) -> bool:
    person, number, gender = _plain(verb.person), _plain(verb.number), _plain(verb.gender)
    if person in ("1per", "2per") or number is None or number != _plain(noun.number):
        return False
    if number == "sing" and _plain(verb.tense) == "past" and gender:
        return _plain(noun.gender) in (gender, "ms-f", None)
    return True


def _plain(grammeme) -> str | None:
    """A pymorphy3 tag attribute as a str (its own == refuses values it does not know, such as ms-f)."""
    return str(grammeme) if grammeme else None


def _agreeing_noun_phrase(readings: list[tuple]) -> list[str] | None:
    """Modifiers + head noun at the start of the phrase, in the nominative: their new forms, or None.
    The head is the last word that every word before it agrees with (case, number, and gender in the
    singular) as an adjective or participle: a noun, or a substantivised adjective or participle as the
    last word (политические заключённые); the words after it stay (видение окончания). The most likely
    agreeing readings win."""
    last = len(readings) - 1
    for k in range(last, -1, -1):
        head_pos = ("NOUN",) + (_ADJECTIVAL if k == last else ())
        best, best_key = None, None
        for h in readings[k]:
            if h.tag.POS not in head_pos or h.tag.case is None or h.tag.number is None:
                continue
            score, chosen = h.score, []
            for r in readings[:k]:
                fits = [m for m in r if m.tag.POS in _ADJECTIVAL and _agrees(m.tag, h.tag)]
                if not fits:
                    break
                top = max(m.score for m in fits)
                chosen.append([m for m in fits if m.score == top])
                score *= top
            else:
                # unless its lemma settles it, a substantivised head is a person sooner than a thing:
                # (политического) заключённого → заключённый; a noun head goes by likelihood
                key = (h.tag.POS in _ADJECTIVAL and _plain(h.tag.gender) == "masc", score)
                if best_key is None or key > best_key:
                    best, best_key = (chosen, h), key
        if best is not None:
            return _in_nominative(*best)
    return None


def _in_nominative(modifiers: list[list], head) -> list[str] | None:
    """The nominative forms of `modifiers` (for each, its equally likely readings) and `head`, or None
    when a reading cannot be inflected or equally likely readings disagree (временного: временный or
    временной?): then the phrase stays as it stands."""
    number = _plain(head.tag.number)
    grams = {"nomn", number}
    if head.tag.POS in _ADJECTIVAL and number == "sing" and head.tag.gender:
        grams.add(_plain(head.tag.gender))  # заключённого → заключённый, not заключённое
    new_head = head if _plain(head.tag.case) == "nomn" else _inflect(head, grams)
    if new_head is None:
        return None
    forms = []
    for readings in modifiers:
        new_forms = set()
        for m in readings:
            grams = {"nomn", number}
            if number == "sing":
                gender = _plain(new_head.tag.gender)
                gender = gender if gender in ("masc", "femn", "neut") else _plain(m.tag.gender)
                if gender:
                    grams.add(gender)
            new = m if _plain(m.tag.case) == "nomn" and _plain(m.tag.number) == number else _inflect(m, grams)
            new_forms.add(new.word if new is not None else None)
        if len(new_forms) != 1 or None in new_forms:
            return None
        forms.append(new_forms.pop())
    return forms + [new_head.word]


def _inflect(parse, grams: set[str]):
    """`parse` in `grams`, or None. A noun: pymorphy3's inflection. An adjective or participle: of the
    lexeme's forms with `grams` (and the same part of speech, voice, tense and degree), the one that
    shares the longest beginning with the word (высшего → высший, not pymorphy3's first pick
    высочайший; меньшей → меньшая, not малейшая)."""
    if parse.tag.POS == "NOUN":
        return parse.inflect(grams)

    def kind(t) -> tuple:
        return t.POS, _plain(t.voice), _plain(t.tense), "Supr" in t, "Cmp2" in t

    forms = [p for p in parse.lexeme if grams <= p.tag.grammemes and kind(p.tag) == kind(parse.tag)]
    if not forms:
        return None
    word = parse.word

    def shared(p) -> int:
        n = 0
        for a, b in zip(p.word, word, strict=False):
            if a != b:
                break
            n += 1
        return n

    return max(forms, key=shared)  # max keeps the first of equals: the lexeme's usual form


def _agrees(modifier, head) -> bool:
    if _plain(modifier.case) != _plain(head.case) or _plain(modifier.number) != _plain(head.number):
        return False
    if _plain(head.number) == "sing" and _plain(head.gender) in ("masc", "femn", "neut"):
        return _plain(modifier.gender) == _plain(head.gender)
    return True


def _like(new: str, old: str, keep_yo: bool = False) -> str:
    """`new` (pymorphy3 writes lower case, with ё) spelled like `old`: its capitals and, unless
    `keep_yo` (stressed text restores ё), е for ё when `old` writes е."""
    if not keep_yo and "ё" not in old.lower():
        new = new.replace("ё", "е")
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


_OPENING = " \t\n«»\"„“”'(—–-"  # what may stand before a sentence's first word


# The end of a sentence before a word (once spaces, quotes and dashes are stripped): a stop, and closing
# brackets, after a token that is no abbreviation of one or two letters (г., ул., им.).
_SENTENCE_END = re.compile(r"(?:^|\s)(?![А-ЯЁа-яёA-Za-z]{1,2}[.])\S*[.!?…][»\"”)]*$")


def opens_sentence(text: str, at: int) -> bool:
    """Whether offset `at` of `text` is the first word of a sentence in it: of the text (quotes, brackets
    and dashes may come before), or of a later sentence, after a stop (. ! ? …) that does not end an
    abbreviation of one or two letters (в г. Москве). A pair of two sentences opens twice."""
    before = text[:at].rstrip(_OPENING)
    if not before.strip():
        return True
    spaced = any(ch.isspace() for ch in text[len(before) : at])
    return spaced and bool(_SENTENCE_END.search(before))


def dictionary_form(phrase: str, *, sentence_start: bool = False) -> str:
    """`phrase` in dictionary form (see `dictionary_words`); its first word lowered when the phrase
    opens the sentence (Судебное следствие → судебное следствие), unless written in capitals."""
    words = phrase.split(" ")
    out = [w if new is None else _like(new, w) for w, new in zip(words, dictionary_words(phrase), strict=True)]
    return " ".join(_lowered_first(out, sentence_start))


def _lowered_first(words: list[str], sentence_start: bool) -> list[str]:
    if sentence_start and words and not (words[0].isupper() and len(words[0]) > 1):
        words = [words[0][:1].lower() + words[0][1:]] + words[1:]
    return words


def _phrase_shown(card: Card, unit: str, stressed: Stressed | None) -> str:
    """The phrase as the card shows it: dictionary form (the card's targets lend their lemmas to settle
    a reading); with stress marks when the card has them: a word kept as it stands takes its marks from
    the stressed sentence, an adjective or participle keeps its stressed syllable (the stress of a long
    form does not move: ли́чной → ли́чная), and the lexicon marks the rest."""
    at = card.pair.ru.find(unit)
    opening = at >= 0 and opens_sentence(card.pair.ru, at)
    words = unit.split(" ")
    lemmas = {t.ru_span: t.lemma.lemma for t in card.targets}
    hints, offset = [], at
    for w in words:
        hints.append(lemmas.get((offset, offset + len(w))) if at >= 0 else None)
        offset += len(w) + 1
    new_words = dictionary_words(unit, hints)
    if stressed is None:
        out = [w if new is None else _like(new, w) for w, new in zip(words, new_words, strict=True)]
        return " ".join(_lowered_first(out, opening))
    marked = _stressed_slice(card.pair.ru, stressed.text, at, at + len(unit)).split(" ") if at >= 0 else []
    if len(marked) != len(words):
        marked = words
    out = [m if new is None else _carry_stress(m, _like(new, w, keep_yo=True))
           for w, m, new in zip(words, marked, new_words, strict=True)]
    from cards.lexicon import stress

    return stress.accentuate(" ".join(_lowered_first(out, opening)), silero=False)  # the lexicon only: fast


def _carry_stress(marked: str, new: str) -> str:
    """`new` with the stress mark of `marked` (another form of the same word) on the same letter, when
    both are adjectives or participles and the letter is in the beginning they share; else `new`."""
    from cards.lexicon.analyser import parses

    if "\u0301" not in marked:
        return new
    at = marked.index("\u0301") - 1  # the stressed vowel, in the unmarked word
    plain = marked.replace("\u0301", "").replace("\u0300", "")
    if _fold(plain)[: at + 1] != _fold(new)[: at + 1]:
        return new
    if not all(any(p.tag.POS in _ADJECTIVAL for p in parses(w.lower())) for w in (plain, new)):
        return new
    return new[: at + 1] + "\u0301" + new[at + 1 :]


def _stressed_slice(plain: str, marked: str, start: int, stop: int) -> str:
    """`plain[start:stop]` as it stands in `marked`: the same text with stress marks inserted after
    vowels and е turned into ё. Falls back to the plain slice if the two do not line up."""
    where, j = [], 0
    for ch in plain:
        while j < len(marked) and marked[j] != ch and marked[j] in "\u0301\u0300":
            j += 1
        if j == len(marked) or not (marked[j] == ch or (ch, marked[j]) in (("е", "ё"), ("Е", "Ё"))):
            return plain[start:stop]
        where.append(j)
        j += 1
    where.append(len(marked))
    return marked[where[start] : where[stop]]


# ---------------------------------------------------------------- the Vocabulary field


def _gloss_html(t: Target, card: Card, stressed: Stressed | None = None) -> str:
    if not t.gloss:
        return ""
    gloss = _sentence_phrase_stressed(t.gloss, card, stressed)
    if t.gloss_from == "loanword":  # a guess from the spelling: say so
        return f'<span class="gloss guess" title="a guess: spelled like this English word">≈ {escape(gloss)}</span>'
    if t.gloss_from in ("dictionary", "base"):  # not this sentence's translation: say so
        return (f'<span class="gloss dict" title="a dictionary sense: no counterpart found in this translation">'
                f'<span class="how">dict.</span> {escape(gloss)}</span>')
    return f'<span class="gloss">{escape(gloss)}</span>'


def _sentence_phrase_stressed(gloss: str, card: Card, stressed: Stressed | None) -> str:
    """A gloss that opens with a phrase of the sentence ("зашел в тупик: reach a deadlock", see
    `cards.deck.content.sentence_phrase`) with the phrase as the stressed sentence shows it (зашёл в
    тупи́к), not as the article spells it; any other gloss as it is."""
    phrase, colon, english = gloss.partition(": ")
    if stressed is None or not colon or not phrase:
        return gloss
    at = card.pair.ru.find(phrase)
    if at < 0:  # lowered at the opening of the sentence: По итогам → по итогам
        at = card.pair.ru.find(phrase[:1].upper() + phrase[1:])
    if at < 0:
        return gloss
    shown = _stressed_slice(card.pair.ru, stressed.text, at, at + len(phrase))
    return f"{shown[:1].lower() if phrase[:1].islower() else shown[:1]}{shown[1:]}: {english}"


def vocabulary_html(card: Card, stressed: Stressed | None = None) -> str:
    """One line per target: stressed lemma, grammar in a few letters, the meaning in this sentence and
    how common the word is; after the words of a phrase, the phrase once, in dictionary form."""
    from cards.lexicon.units import table_english

    last_of_unit = {t.unit: n for n, t in enumerate(card.targets) if t.unit}
    unit_english = {u: phrase_english(card, u) for u in last_of_unit}
    unit_table = {u: "" if unit_english[u] else table_english(u) for u in last_of_unit}  # a dictionary's
    lines = []
    for n, t in enumerate(card.targets):
        lemma = stressed.lemmas[n] if stressed else t.lemma.lemma
        partner = t.lemma.aspect_partner
        if stressed and t.lemma.pos == "verb":  # a verb spelled like one of the other aspect: by its aspect
            from cards.lexicon import stress

            lemma = stress.stress_verb(t.lemma.lemma, t.lemma.aspect, lemma)
            if partner:
                other = {"perf": "impf", "impf": "perf"}.get(t.lemma.aspect or "")
                partner = stress.stress_verb(partner, other)
        head = f'<span class="lemma">{escape(lemma)}</span>'
        grammar = grammar_short(t, partner)
        if grammar:
            head += f' <span class="grammar" title="{_attribute(grammar_label(t))}">{escape(grammar)}</span>'
        bits = [f'<span class="head">{head}</span>']
        said_below = t.unit and t.gloss.partition(": ")[0].lower() == t.unit.lower() and (
            unit_english[t.unit] or unit_table[t.unit])  # приложил усилия: make an effort, once, on the phrase line
        gloss = "" if said_below else _gloss_html(t, card, stressed)
        if gloss:
            bits.append(gloss)
        freq = frequency_label(t.lemma.zipf)
        if freq:
            bits.append(f'<span class="freq">{freq}</span>')
        lines.append('<div class="word">' + " ".join(bits) + "</div>")
        if t.unit and last_of_unit.get(t.unit) == n:
            shown = _phrase_shown(card, t.unit, stressed)
            english, table = unit_english[t.unit], unit_table[t.unit]
            gloss = (f' <span class="gloss">{escape(english)}</span>' if english else
                     f' <span class="gloss dict" title="the phrase\'s dictionary sense"><span class="how">dict.</span> '
                     f'{escape(table)}</span>' if table else "")
            lines.append(f'<div class="phrase"><span class="label">phrase</span> '
                         f'<span class="unit">{escape(shown)}</span>{gloss}</div>')
    return "".join(lines)


PHRASE_GAP_WORDS = 2  # other English words between two of a phrase's counterparts, at most, all function words
PHRASE_ENGLISH_WORDS = 6  # words of a phrase's English stretch, at most


def phrase_english(card: Card, unit: str) -> str:
    """The English of the phrase `unit` in this sentence: the stretch from the first counterpart of its
    words to the last (оперативный штаб: "crisis center"), when every content word of the phrase is a
    target of the card with a counterpart, and the counterparts lie close together; else "". A phrase
    with a known word, or a word without counterpart, gets nothing: half a translation would mislead."""
    from cards.align.evidence import is_function_word, ru_content

    at = card.pair.ru.find(unit)
    if at < 0:
        return ""
    counterparts = {t.ru_span: t.en_span for t in card.targets if t.unit == unit}
    spans = []
    for word in re.finditer(r"\S+", unit):
        where = (at + word.start(), at + word.end())
        if where in counterparts and counterparts[where] is not None:
            spans.append(counterparts[where])
        elif where in counterparts or ru_content(word.group().lower().strip(".,;:!?«»\"()")):
            return ""  # a content word without a counterpart; a preposition (погиб в бою) needs none
    if len(spans) < 2:
        return ""
    en = card.pair.en
    merged = _merge(sorted(spans))
    gaps = [re.findall(r"[\w'’-]+", en[a[1]:b[0]]) for a, b in zip(merged, merged[1:], strict=False)]
    if any(len(gap) > PHRASE_GAP_WORDS or not all(map(is_function_word, gap)) for gap in gaps):
        return ""  # "delegated Foreign Minister": a content word between belongs to another Russian word
    stretch = en[merged[0][0]:merged[-1][1]]
    return stretch if len(stretch.split()) <= PHRASE_ENGLISH_WORDS else ""


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
    for n, ((start, stop), t) in enumerate(sorted(zip(spans, card.targets, strict=True), key=lambda x: x[0]), start=1):
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
