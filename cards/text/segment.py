"""Pure: Document → sentences with offsets into the cleaned text.

Every place where a sentence could end (a `. ! ? …` run with any closing quotes or brackets before
a space, a smiley, the start of the next item of an inline list) is a candidate. An ordered list
of small named rules (RULES) looks at each candidate; the first rule that decides (split or join)
wins and its name is recorded (`segment_explained`, `decisions`). When no rule decides, the base
splitter decides: razdel for Russian, pysbd for English. The base splitter runs lazily, only on
paragraphs where it is needed, because pysbd is slow (~0.3 MB/s).

Conventions (../shared/dev/seed-gold/ALIGNMENT.md): a split needs `. ! ? …` and a following capital,
digit or opening quote; nothing is split inside a short «…» or “…”; paragraphs are never joined here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, Optional

from cards.lexicon.analyser import analyzer
from cards.model import Document, Sentence
from cards.text.segment_data import EN_STARTERS, ENDING, NUMBER_PREFIX, PREFIX

# ---------------------------------------------------------------- candidates

_CANDIDATE = re.compile(r"(?:\.{2,}|[.!?…]+)[\"»”’'\)\]]*(?=\s)")
_TOKEN = re.compile(r"\S+")
_COMBINING = re.compile("[\u0300-\u036f]")  # stress marks: `сде́лку` is still an ordinary word
_SPACE_RUN = re.compile(r"\s*")
_SMILEY = re.compile(r"(?<=\s)[:;]-?[()]+(?=\s)")
_OPENERS = "«“„\"'‘([{"
_CLOSERS = "»”\"’')]}"
_DASHES = "—–-"
_NEXT_WORD = re.compile(r"[\s" + re.escape(_OPENERS + _DASHES) + r"]*(\S*)")


@dataclass
class Candidate:
    """A possible sentence end in one paragraph: `text[mark:end]` is the mark run and its closers."""

    text: str
    lang: str
    mark: int
    end: int
    next: int  # first non-space character after end (== len(text) at the end)
    sentence_start: int  # where the sentence that this candidate would end began
    quotes: tuple[tuple[int, int], ...] = ()
    base: Callable[[int], bool] = field(default=lambda end: False, repr=False)
    list_item: bool = False  # the next list item of an inline list starts after this candidate

    @property
    def marks(self) -> str:
        return self.text[self.mark : self.end].rstrip(_CLOSERS)

    @property
    def closed(self) -> bool:
        """Does a closing quote or bracket follow the mark (`“No.”`)? Then it is no abbreviation."""
        return self.text[self.end - 1] in _CLOSERS

    @cached_property
    def _words_before(self) -> list[str]:
        """The last two whitespace-separated words before the mark, inside this sentence."""
        head = self.text[max(self.sentence_start, self.mark - 120) : self.mark]
        if self.mark - 120 > self.sentence_start:
            head = head.split(None, 1)[-1] if " " in head else head
        return head.split()[-2:]

    @property
    def token(self) -> str:
        """The word before the mark, without opening or closing quotes/brackets."""
        words = self._words_before
        return _COMBINING.sub("", words[-1]).strip(_OPENERS + _CLOSERS) if words else ""

    @property
    def previous_token(self) -> str:
        words = self._words_before
        return _COMBINING.sub("", words[-2]).strip(_OPENERS + _CLOSERS) if len(words) >= 2 else ""

    @property
    def next_token(self) -> str:
        m = _TOKEN.match(self.text, self.next)
        return m.group(0) if m else ""

    @property
    def next_word(self) -> str:
        """The next word, after any opening quotes, brackets and dashes."""
        m = _NEXT_WORD.match(self.text, self.next)
        return _COMBINING.sub("", m.group(1)) if m else ""

    @property
    def after_number(self) -> bool:
        """Is the word before the abbreviation a number (`120 стр.`, `2020 г.`, `12.05.2025 г.`)?"""
        return bool(re.fullmatch(r"[\d.,:/–-]*\d[\d.:/–-]*(?:-[a-zа-яё]{1,3})?", self.previous_token))


Rule = Callable[[Candidate], Optional[bool]]  # True: split, False: join, None: no opinion

_ROMAN = re.compile(r"^[IVXLC]{1,5}$")

# ---------------------------------------------------------------- rules


def _norm(token: str) -> str:
    return token.lower().rstrip(".")


def _abbreviation_key(c: Candidate) -> str:
    """`т. д.` → 't.д'; `U.S.` → 'u.s'; `млн.` → 'млн'."""
    tok, prev = _norm(c.token), c.previous_token
    if prev.endswith(".") and len(prev) == 2 and len(tok) <= 2 and prev[0].isalpha():
        return prev.lower() + tok
    return tok


SHORT_QUOTE = 160  # characters: a quoted title or a short remark, not a long passage of speech


def inside_quotes(c: Candidate) -> bool | None:
    """No split inside a short «…» or “…” (`«Мы готовы. Ждем ответа», — сказал он`).

    A long quoted passage (several sentences of direct speech) is split like any text.
    """
    i = bisect_left(c.quotes, (c.mark - SHORT_QUOTE, -1))
    while i < len(c.quotes) and c.quotes[i][0] < c.mark:
        open_, close = c.quotes[i]
        if close >= c.end and close - open_ <= SHORT_QUOTE:
            return False
        i += 1
    return None


_ITEM_MARKER = re.compile(r"\(?(?:\d{1,2}|[a-zа-яё])\)")
LIST_ITEM_WORDS = 3  # an item after `;` is its own segment only when it and the one before have this many words


def list_item(c: Candidate) -> bool | None:
    """`1) The first item 2) The second item`: each item of an inline list is a segment.

    After a semicolon (`…в данной квартире; 2) отчуждать свою долю`) the items must be clause-long on
    both sides; `1) экономика; 2) безопасность` stays one segment rather than one-word fragments.
    """
    if not c.list_item:
        return None
    if c.text[c.mark] != ";":
        return True
    marker = _ITEM_MARKER.match(c.text, c.next).group(0).strip("()")
    if marker not in ("2", "b", "б") and not re.search(
        r"(?:^|\s)\(?" + re.escape(_previous_marker(marker)) + r"\)\s", c.text[: c.mark]
    ):
        return False  # `…в 2 раза; 10) пункт…`: not the next item of a list
    before = re.split(r"(?:^|\s)" + _ITEM_MARKER.pattern + r"\s|:", c.text[c.sentence_start : c.mark])[-1]
    after = re.split(r"[;.!?…]", _ITEM_MARKER.sub("", c.text[c.next :], count=1), maxsplit=1)[0]
    return len(before.split()) >= LIST_ITEM_WORDS and len(after.split()) >= LIST_ITEM_WORDS


def punctuation_only(c: Candidate) -> bool | None:
    """`. . . The practice…`: a stop after nothing but punctuation ends no sentence."""
    if not any(ch.isalnum() for ch in c.text[c.sentence_start : c.mark]):
        return False
    return None


_EMOTICON = re.compile(r"[:;]-?[()]+")


def emoticon(c: Candidate) -> bool | None:
    """`тоже ;) Я вспомнила`: a smiley ends a sentence before a capital."""
    if _EMOTICON.fullmatch(c.text[c.mark : c.end]):
        return c.next_word[:1].isupper()
    return None


def next_lowercase(c: Candidate) -> bool | None:
    """A stop followed by a word in lower case does not end a sentence (`т. е. в`, `e.g. the`, `…» — сказал`)."""
    word = c.next_word
    if word[:1].isalpha() and word[:1].islower():
        return False
    return None


def dash_attribution(c: Candidate) -> bool | None:
    """`«Нет!» — сказал он`: a quote, a dash and a lower-case word are one sentence."""
    if c.next_token in ("—", "–", "-"):
        m = _NEXT_WORD.match(c.text, c.next + 1)
        if m and m.group(1)[:1].islower():
            return False
    return None


def list_marker(c: Candidate) -> bool | None:
    """`1. Экономика`, `II. Results`, `a. The`: a number or letter opening the sentence is a list marker."""
    if not c.marks == ".":
        return None
    tok = c.token
    before = c.text[c.sentence_start : c.mark].strip()
    if before == tok and (tok.isdigit() and len(tok) <= 3 or _ROMAN.match(tok) or len(tok) == 1 and tok.isalpha()):
        return False
    return None


def initials(c: Candidate) -> bool | None:
    """`А. Г. Лукашенко`, `J. R. R. Tolkien`: a single capital letter and a stop before a capital."""
    tok = c.token
    if c.marks != "." or not c.next_word[:1].isupper():
        return None
    own_script = "А" <= tok[:1] <= "Я" or tok[:1] == "Ё" if c.lang == "ru" else tok[:1].isascii()
    if len(tok) == 1 and tok.isupper() and own_script and tok != "I":
        # `буквой А. Рядом проходит…`: a letter before a word that opens sentences ends one.
        if re.match(r"[^\W\d_]\.", c.next_word):
            return False  # В. В. Путин
        return True if _opens_sentence(c.next_word, c.lang) else False
    if tok in ("Дж", "Ж", "Ch", "Th", "Sh", "Yu", "Ya", "Wm") or re.fullmatch(r"(?:[A-ZА-ЯЁ]\.)+[A-ZА-ЯЁ]", tok):
        # Дж. Байден; A.G. Lukashenko written without spaces
        if tok.lower() not in ENDING[c.lang]:
            return False
    return None


_FUNCTION_POS = {"ADVB", "PREP", "CONJ", "PRCL", "NPRO", "PRED", "INTJ", "VERB", "INFN", "NUMR", "GRND"}
_NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}


@lru_cache(maxsize=4096)
def _opens_sentence(word: str, lang: str) -> bool:
    """Is `word` a function word (pronoun, adverb, preposition, verb …), never a surname?"""
    word = word.strip(_CLOSERS + ",;:.!?")
    if lang == "en":
        word = word.split("’")[0].split("'")[0]
        return word.lower() in EN_STARTERS
    if not word[:1].isupper() or not word.isalpha():
        return False
    if not analyzer().word_is_known(word.lower()):
        return False  # an unknown word after an initial is most likely a surname (Д. Рассел)
    parses = analyzer().parse(word.lower())
    if any(_NAME_TAGS & p.tag.grammemes for p in parses):
        return False
    return parses[0].tag.POS in _FUNCTION_POS


def roman_numeral(c: Candidate) -> bool | None:
    """`Петр I. Это было…`, `Charles III. He…`: a ruler's numeral after a name, then a capital."""
    if c.marks == "." and _ROMAN.match(c.token) and c.previous_token[:1].isupper() and c.next_word[:1].isupper():
        if _opens_sentence(c.next_word, c.lang):
            return True
        if c.token == "I":
            return False  # Albert I. Jones: an initial
    return None


def leading_date(c: Candidate) -> bool | None:
    """`В 2025 г. ВВП вырос…`, `At 5 a.m. Mr. Smith…`: a sentence cannot be just a time phrase."""
    if re.fullmatch(
        r"[А-ЯЁA-Z][а-яёa-z]{0,5}\s+[\d\s:.–-]*\d(?:-[хе])?\s*(?:гг?|[aApP]\.[mM])",
        c.text[c.sentence_start : c.mark].strip(),
    ):
        return False
    return None


def title_abbreviation(c: Candidate) -> bool | None:
    """`Mr. Smith`, `Gen. Milley`, `ул. Ленина`, `т. е.`: abbreviations that stand before more."""
    if c.marks != "." or c.after_number or c.closed:
        return None
    key = _abbreviation_key(c)
    if key in NUMBER_PREFIX[c.lang]:
        return False if re.match(r"\d|[IVXLC]+\b", c.next_word) else None
    if key == "т" and re.match(r"[едпкнчо]\.", c.next_word):
        return False  # т. е., т. д., т. п., т. к., т. н.
    if key in ("пр", "др") and c.previous_token == "и":
        return None  # и пр., и др.: «и прочее», not «проспект»
    if key in PREFIX[c.lang]:
        return False
    if c.lang == "ru" and key == "г":
        return False  # г. Минск (город), not 2020 г.
    return None


def ending_abbreviation(c: Candidate) -> bool | None:
    """`2020 г.`, `5 млн.`, `и т. д.`, `120 стр.`, `U.S.`, `Inc.`: split only before a clear sentence start.

    In Russian a capital letter is enough; in English, where names follow abbreviations
    (`U.S. President`), the next word must be one that opens sentences (`The`, `He`, `But` …).
    """
    if c.marks != "." or c.closed:
        return None
    key = _abbreviation_key(c)
    if key not in ENDING[c.lang] and not (key in PREFIX[c.lang] and c.after_number):
        return None
    word = c.next_word
    if word[:1].isdigit():
        return None
    if c.lang == "ru":
        if key in ("г", "гг") and word[:1].isupper() and not _has_predicate(c.text[c.sentence_start : c.mark]):
            return False  # `По данным Белстата, в 2026 г. ВВП вырос…`: no verb yet, so no sentence yet
        return word[:1].isupper()
    if key == "etc":
        return word[:1].isupper()
    return _opens_sentence(word, "en")


_PREDICATE_POS = {"VERB", "INFN", "PRTS", "ADJS", "PRED", "GRND"}


# A clause that opens with a relative or subordinating word and ends with a comma: `Дом, где родился
# Толстой,`, `Как сообщили в МИД,`.
_SUBORDINATE = re.compile(
    r"(?:^|,)\s*(?:где|куда|откуда|когда|который|которая|которое|которые|которого|которой|которому|котором|"
    r"которым|которую|которых|которыми|что|чтобы|если|как|пока|хотя)\b[^,]*,",
    re.IGNORECASE,
)


def _has_predicate(text: str) -> bool:
    """Does a Russian clause have a verb-like word (or a dash standing for one) of its own?

    A verb inside a comma-enclosed subordinate clause does not count: `Дом, где родился Толстой,
    в 1898 г. Толстой продал…` has no main verb before `г.`, so the sentence goes on.
    """
    text = _SUBORDINATE.sub(",", text)
    if re.search(r"\s[—–-]\s", text):
        return True
    words = re.findall(r"[а-яё]+", text.lower())
    return any(analyzer().parse(w)[0].tag.POS in _PREDICATE_POS for w in words)


def sentence_end(c: Candidate) -> bool | None:
    """An ordinary word, a stop and a capital (or an opening quote and a capital): a new sentence."""
    tok = c.token
    word = c.next_word
    bare = tok.rstrip(_CLOSERS)
    ordinary = len(bare) >= 2 and re.fullmatch(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", bare)
    if ordinary and word[:1].isdigit():
        key = _abbreviation_key(c)
        known = key in PREFIX[c.lang] or key in ENDING[c.lang] or key in NUMBER_PREFIX[c.lang]
        return None if known else True  # `…in Minsk. 18 children…`, not `ст. 5`
    if not word[:1].isupper():
        return None
    if ordinary:
        return True
    if re.fullmatch(r"[−-]?[\d.,]*\d\s*(?:%|°[CF]?)|°[CF]|%", bare):
        return True  # 5,6%. −25 °C.
    if re.fullmatch(r"(?:[\w-]+@)?[\w-]+(?:\.[\w-]+)*\.[a-zа-я]{2,12}", bare) and not bare[-2:-1] == ".":
        return True  # a domain name or an e-mail address: Caliber.az, president.gov.by
    if c.marks in ("!", "?", "?!", "!?", "...", "…", "!!", "??") and bare:
        return True
    if c.lang == "en" and bare == "I":
        return True  # the pronoun: `Neither he nor I. Nobody…`
    return None


def base_splitter(c: Candidate) -> bool | None:
    """razdel (ru) or pysbd (en) decides what no rule of ours decided."""
    return c.base(c.end)


RULES: tuple[Rule, ...] = (
    list_item,
    emoticon,
    inside_quotes,
    punctuation_only,
    next_lowercase,
    dash_attribution,
    list_marker,
    roman_numeral,
    leading_date,
    title_abbreviation,
    initials,
    ending_abbreviation,
    sentence_end,
    base_splitter,
)
BASE_NAME = {"ru": "razdel", "en": "pysbd"}

# ---------------------------------------------------------------- quotes and the base splitters


_QUOTE_CHARS = re.compile("[«»“”„\"]")


def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(open, close) positions of matched «…», “…”, „…“ and "…" pairs in one paragraph."""
    spans = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in "«„":
            stack.append((ch, i))
        elif ch == "“":
            if stack and stack[-1][0] == "„":
                spans.append((stack.pop()[1], i))
            else:
                stack.append((ch, i))
        elif ch == "»":
            while stack and stack[-1][0] != "«":
                stack.pop()
            if stack:
                spans.append((stack.pop()[1], i))
        elif ch == "”":
            while stack and stack[-1][0] not in "“„":
                stack.pop()
            if stack:
                spans.append((stack.pop()[1], i))
        elif ch == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opens = not before.isalnum() and not after.isspace() and before not in ".,!?…;:"
            if stack and stack[-1][0] == '"' and not (opens and before.isspace() and after.isalnum()):
                spans.append((stack.pop()[1], i))
            elif opens:
                if stack and stack[-1][0] == '"':
                    stack.pop()  # an unclosed straight quote: forget it
                stack.append((ch, i))
    return tuple(sorted(spans))


@lru_cache(maxsize=1)
def _pysbd():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _spans_of(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Find each piece of a splitter's output in order in `text` (pysbd returns strings)."""
    spans, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, pos)
        if i < 0:
            continue
        spans.append((i, i + len(piece)))
        pos = i + len(piece)
    return spans


def base_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """The plain base splitter's sentence spans of one paragraph."""
    if lang == "ru":
        from razdel import sentenize

        return [(s.start, s.stop) for s in sentenize(text)]
    return _spans_of(text, _pysbd().segment(text))


def _base_oracle(text: str, lang: str) -> Callable[[int], bool]:
    """A lazy function end → does the base splitter end a sentence there (up to spaces and closers)?"""
    ends: list[set[int]] = []

    def decide(end: int) -> bool:
        if not ends:
            ends.append({stop for _, stop in base_spans(text, lang)[:-1]})
        stops = ends[0]
        for k in range(end, max(-1, end - 4), -1):
            if k in stops:
                return True
        return False

    return decide


# ---------------------------------------------------------------- splitting


_FIRST_ITEM = re.compile(r"(?P<bullet>[•⁃▪]\s*)?(?:(?P<num>\d{1,2}|[a-zа-я])(?P<sep>\.\)|\)|\.))?\s")


def list_item_starts(text: str) -> list[int]:
    """Where the 2nd, 3rd … items of an inline list start, when the paragraph opens with item 1 (or a).

    `1) The first item 2) The second item`, `a. The first b. The second`, `• one • two`: the markers
    must follow in order (1, 2, 3 … or a, b, c …) and in the same style as the first.
    """
    text = text.lstrip()
    m = _FIRST_ITEM.match(text)
    if not m or not (m.group("bullet") or m.group("num")):
        return []
    bullet, num, sep = m.group("bullet") or "", m.group("num"), m.group("sep")
    if num is not None and num not in ("1", "a", "а"):
        if not bullet:
            return []
    if num is None:
        pattern = re.compile(r"(?<=\s)" + re.escape(bullet.strip()) + r"\s")
        return [x.start() for x in pattern.finditer(text, m.end())]
    starts, expected, pos = [], _next_marker(num), m.end()
    head = re.escape(bullet.strip()) + r"\s*" if bullet else ""
    while expected:
        x = re.compile(r"(?<=\s)" + head + re.escape(expected) + re.escape(sep) + r"\s").search(text, pos)
        if not x:
            break
        starts.append(x.start())
        expected, pos = _next_marker(expected), x.end()
    return starts


def _previous_marker(marker: str) -> str:
    return str(int(marker) - 1) if marker.isdigit() else chr(ord(marker) - 1)


def _next_marker(marker: str) -> str:
    if marker.isdigit():
        return str(int(marker) + 1)
    return chr(ord(marker) + 1) if marker not in "zя" else ""


_NEXT_ITEM = re.compile(r";(?=\s+\(?(?:\d{1,2}|[b-zб-яё])\)\s)")  # `…; 2) next item`, `…; (b) next item`


def _candidates(text: str) -> list[tuple[int, int, bool]]:
    """(mark, end, list item follows) for every possible sentence end in the paragraph, in order."""
    found = {m.end(): (m.start(), m.end(), False) for m in _CANDIDATE.finditer(text)}
    if ":" in text or ";" in text:
        for m in _SMILEY.finditer(text):
            found.setdefault(m.end(), (m.start(), m.end(), False))
        for m in _NEXT_ITEM.finditer(text):
            found.setdefault(m.end(), (m.start(), m.end(), True))
    if text[:3].lstrip()[:1] in "•⁃▪1aа" and len(text) > 3:
        offset = len(text) - len(text.lstrip())
        for p in list_item_starts(text):
            end = len(text[: offset + p].rstrip())
            found[end] = (found[end][0] if end in found else end, end, True)
    return sorted(found.values())


def _explained_spans(text: str, lang: str, log: list | None = None) -> list[tuple[int, int, str]]:
    """Sentence spans of one paragraph, each with the name of the rule that ended it.

    When `log` is a list, every candidate's decision is appended to it as (end, split, rule name).
    """
    quotes = quote_spans(text) if any(q in text for q in "«“„\"") else ()
    base = _base_oracle(text, lang)
    out: list[tuple[int, int, str]] = []
    start = len(text) - len(text.lstrip())
    for mark, end, item in _candidates(text):
        if mark < start or end <= start:
            continue
        nxt = _SPACE_RUN.match(text, end).end()
        if nxt >= len(text):
            break
        c = Candidate(text, lang, mark, end, nxt, start, quotes, base, item)
        for rule in RULES:
            decision = rule(c)
            if decision is not None:
                break
        name = BASE_NAME[lang] if rule is base_splitter else rule.__name__
        if log is not None:
            log.append((end, bool(decision), name))
        if decision:
            out.append((start, end, name))
            start = nxt
    stop = len(text.rstrip())
    if stop > start:
        out.append((start, stop, "end of paragraph"))
    return out


def split_text(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of one paragraph: `text[a:b]` is a stripped, non-empty sentence."""
    return tuple((a, b) for a, b, _ in _explained_spans(text, lang))


def decisions(text: str, lang: str) -> tuple[tuple[int, bool, str], ...]:
    """Every possible sentence end in one paragraph: (offset, split or join, the rule that decided).

    For `cards segment --explain`, to show where a rule joined as well as where one split.
    """
    log: list[tuple[int, bool, str]] = []
    _explained_spans(text, lang, log)
    return tuple(log)


def segment_explained(doc: Document) -> tuple[tuple[Sentence, str], ...]:
    """Each sentence with the name of the rule that decided the boundary after it."""
    out: list[tuple[Sentence, str]] = []
    for pi, p in enumerate(doc.paragraphs):
        body = doc.text[p.start : p.stop]
        if p.kind != "text":
            a = len(body) - len(body.lstrip())
            b = len(body.rstrip())
            pieces = [(a, b, f"{p.kind} paragraph")] if b > a else []
        else:
            pieces = _explained_spans(body, doc.lang)
        for a, b, name in pieces:
            s = Sentence(doc.lang, len(out), pi, p.start + a, p.start + b, body[a:b], p.kind)
            out.append((s, name))
    return tuple(out)


def segment(doc: Document) -> tuple[Sentence, ...]:
    """The document's sentences in order; non-text paragraphs are one segment each, with their kind."""
    return tuple(s for s, _ in segment_explained(doc))
