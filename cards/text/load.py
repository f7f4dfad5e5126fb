"""I/O: a file's bytes → cleaned text (encoding) → a Document (format, Unicode, paragraphs, kinds).

`read_text` (read.py: bytes → text) is the only function here that touches the disk; `parse_document` is pure.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from cards.errors import InputError
from cards.model import Document, Paragraph
from cards.text.read import (  # noqa: F401  (bytes → text lives in read.py; its names stay importable here)
    _CONTROL,
    _FIX_FORMAT,
    _LONGER,
    _TWO_BYTES,
    MAX_INPUT_MB,
    Decoded,
    _decode,
    decode_mostly_utf8,
    decoding_warnings,
    read_text,
)

LANG_NAMES = {"ru": "Russian", "en": "English"}
SCRIPT_OF = {"ru": "Cyrillic", "en": "Latin"}

# ---------------------------------------------------------------- Unicode clean-up

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e]")
_SPACE_CHARS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[ {_SPACE_CHARS}]{{2,}}|[{_SPACE_CHARS}]")


def clean_unicode(text: str) -> str:
    """NFC; drop soft hyphens and zero-width characters; one kind of space; LF line ends.

    Keeps ё and combining stress marks (U+0301).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\f", "\n").replace("\v", "\n").replace("\x85", "\n")
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# ---------------------------------------------------------------- formats

_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article|h[1-6]|br|span|meta)\b", re.I)
_MD_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_MD_EMPH = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^(=+|-{3,})\s*$")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_BULLET = re.compile(r"^[-*+•▪►]\s+(?=\S)")
_LIST_MARKER = re.compile(r"^(?:[-*+•–—]\s+|\d{1,3}[.)]\s+|[a-zа-я][.)]\s+|\(\d{1,3}\)\s+)")


def detect_format(text: str) -> str:
    """'html', 'markdown' or 'plain', by content."""
    head = text[:20000]
    if text.lstrip()[:1] == "<" and _HTML_HINT.search(head) or len(_HTML_HINT.findall(head)) >= 3:
        return "html"
    if _MD_LINK.search(head) or _MD_EMPH.search(head) or re.search(r"(?m)^#{1,6}\s+\S", head):
        return "markdown"
    return "plain"


def _strip_inline_markdown(line: str) -> str:
    """Links → their text, emphasis markers dropped, inline code ticks dropped.

    Not markdown-it-py (evaluated 2026-12-01): the articles are Markdown-ish news text, not CommonMark.
    Its inline parser reads "5*3*2" as 5, emphasised 3, 2 ("532") and leaves "[ссылка][1]" as it is
    without the reference's definition; these rules keep the first and give "ссылка" for the second.
    It does read escapes (\\*) better."""
    if "](" in line:
        line = _MD_LINK.sub(lambda m: m.group(1), line)
    if "][" in line:
        line = _MD_REF_LINK.sub(lambda m: m.group(1), line)
    if "*" in line or "_" in line:
        for _ in range(2):  # nested *_x_* emphasis
            line = _MD_EMPH.sub(lambda m: m.group(2), line)
    if "`" in line:
        line = re.sub(r"`([^`\n]+)`", r"\1", line)
    return line


def _blocks_from_lines(lines: list[str], markdown: bool) -> list[tuple[str, str | None, bool]]:
    """Group cleaned lines into blocks: (text, hint, started after a blank line).

    The hint is "heading" for a Markdown heading, "item" for a list item, else None.
    """
    blocks: list[tuple[str, str | None, bool]] = []
    current: list[str] = []
    hint: str | None = None
    opened_after_blank = True
    after_blank = True

    def flush() -> None:
        nonlocal current, hint
        if current:
            blocks.append((" ".join(current), hint, opened_after_blank))
        current, hint = [], None

    def add(line: str, line_hint: str | None = None) -> None:
        nonlocal hint, opened_after_blank, after_blank
        if not current:
            opened_after_blank, hint = after_blank, line_hint
        current.append(line)
        after_blank = False

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            after_blank = True
            continue
        if markdown:
            m = _MD_HEADING.match(line)
            if m:
                flush()
                add(_strip_inline_markdown(m.group(2)), "heading")
                flush()
                continue
            if _MD_SETEXT.match(line) and len(current) == 1:
                hint = "heading"
                flush()
                continue
            if _MD_RULE.match(line):
                flush()
                after_blank = True
                continue
            line = _strip_inline_markdown(re.sub(r"^>\s*", "", line)).strip()
            if not line:
                continue
        if current and _starts_new_line_paragraph(current[-1], line):
            flush()
        is_item = bool(_LIST_MARKER.match(line))
        add(_BULLET.sub("", line), "item" if is_item else None)
    flush()
    return blocks


_TERMINAL = tuple(".!?:»”\")…;")
_REJOIN_STOPS = tuple(".!?:»”\")")  # the rule of ../shared/dev/seed-gold/ALIGNMENT.md


def _starts_new_line_paragraph(previous: str, line: str) -> bool:
    """Inside a block, does `line` (after a single newline) start a new paragraph?

    A list item or a line after a finished sentence starts one; a line continuing an unfinished
    long line (hard wrap) or starting in lower case does not.
    """
    if _LIST_MARKER.match(line):
        return True
    if line[:1].islower() or not previous.endswith(_TERMINAL) and len(previous) > 60:
        return False
    return True


def _should_rejoin(previous: str, following: str) -> bool:
    """A paragraph broken mid-sentence: previous does not end a sentence, next starts in lower case."""
    return bool(previous) and not previous.endswith(_REJOIN_STOPS) and following[:1].islower()


_BLOCK_TAGS = frozenset(
    "p div td th tr table li ul ol blockquote pre section article header footer main aside figure figcaption "
    "dd dt dl time h1 h2 h3 h4 h5 h6 address".split()
)
_SKIP_TAGS = frozenset("script style noscript template head nav form button select".split())


class _MarkdownWriter(HTMLParser):
    """HTML → Markdown-ish lines, streamed (any depth of nesting: no recursion, no parser depth limit):
    one paragraph per block element or `<br><br>`, h1 → '# ', h2-h6 → '## ', scripts and menus skipped."""

    def __init__(self, headings: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.headings = headings  # mark h1-h6 with '# ' / '## ' (off: text alone)
        self.parts: list[str] = []
        self.skipping = 0  # depth inside _SKIP_TAGS

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif not self.skipping and (tag in _BLOCK_TAGS or tag == "br"):
            self.parts.append("\n" if tag == "br" else "\n\n")
            if self.headings and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.parts.append("# " if tag == "h1" else "## ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br" and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, a line per block (scripts and styles left out, entities decoded)."""
    return _html_fragment_to_markdown(fragment, headings=False)


def _html_fragment_to_markdown(fragment: str, headings: bool = True) -> str:
    """HTML → Markdown-ish lines (see _MarkdownWriter)."""
    writer = _MarkdownWriter(headings)
    writer.feed(fragment)
    writer.close()
    lines = [" ".join(line.split()) for line in "".join(writer.parts).split("\n")]
    return "\n".join(lines)


def html_to_markdown(page: str, extractor: str = "auto") -> str:
    """The article of an HTML page (no menus, footers or scripts) as Markdown-ish text.

    "auto": trafilatura, chosen over readability-lxml by measurement (bench/segment_html.py); when it
    finds no article (a short page, a layout table), readability-lxml is asked instead.
    "trafilatura" or "readability": that extractor only.
    """
    if extractor in ("auto", "trafilatura"):
        import trafilatura

        body = trafilatura.extract(
            page, output_format="markdown", include_formatting=True, include_links=False,
            include_comments=False, include_tables=False, favor_precision=True,
        )
        if extractor == "trafilatura" or body and len(body) >= 200:
            return body or ""
    from readability import Document as Readable

    body = _html_fragment_to_markdown(Readable(page).summary(html_partial=True))
    if extractor == "auto" and not body.strip():  # neither found an article (10,000 nested divs): all the text
        body = _html_fragment_to_markdown(page)
    return body


def _html_blocks(text: str) -> list[tuple[str, str | None, bool]]:
    """The article's paragraphs from an HTML page (menus, footers and scripts left out)."""
    return _blocks_from_lines(clean_unicode(html_to_markdown(text)).split("\n"), markdown=True)


# ---------------------------------------------------------------- paragraph kinds

_MONTHS = (
    r"январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?)\b",
    re.I,
)
_SOURCE = re.compile(
    r"^(?:впервые\s+|первоначально\s+)?(?:опубликовано|опубликован[аоы]?|источник|оригинал|"
    r"(?:originally\s+|first\s+)?published|source|originally\s+appeared|reprinted)\b",
    re.I,
)
_BYLINE_PREFIX = re.compile(r"^(?:by|автор(?:ы)?:?|текст:|written by|фото:|photo:)\s", re.I)
_NAME = re.compile(r"^(?:[A-ZА-ЯЁ][\w’'ʼ-]*\.?\s+){0,3}[A-ZА-ЯЁ][\w’'ʼ-]+$")


def _ends_sentence(text: str) -> bool:
    return text.rstrip("»”\"')] ").endswith((".", "!", "…")) and not _DATE.fullmatch(text.rstrip("."))


_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2,}[.!?…][\"»”’)]*\s+[\"«“„(]?[A-ZА-ЯЁ]")


def _two_sentences(text: str) -> bool:
    """Does the paragraph hold a sentence end followed by another sentence (so it is body text)?"""
    return bool(_SENTENCE_BREAK.search(text))


def _is_dateline(text: str) -> bool:
    if len(text) > 60:
        return False
    m = _DATE.search(text)
    rest = _DATE.sub("", text)
    return bool(m) and len(re.findall(r"[^\W\d_]{4,}", rest)) <= 2 and not text.endswith(("!", "?"))


def _is_name(text: str) -> bool:
    return len(text) <= 60 and bool(_NAME.match(text)) and 2 <= len(text.split()) <= 4


def _kinds(blocks: list[tuple[str, str | None]]) -> list[str]:
    """A kind for each paragraph: title, heading, dateline, byline, source or text."""
    n = len(blocks)
    texts = [b[0] for b in blocks]
    headline = [
        b[1] == "heading"
        or (not _ends_sentence(t) and len(t.split()) <= 20 and not t.endswith((":", ",", ";")) and not _two_sentences(t))
        for t, b in zip(texts, blocks, strict=True)
    ]
    kinds = ["text"] * n
    for i, t in enumerate(texts):
        if blocks[i][1] == "item":
            continue
        if len(t.split()) <= 25 and _SOURCE.match(t):
            kinds[i] = "source"
        elif _is_dateline(t):
            kinds[i] = "dateline"
        elif len(t.split()) <= 12 and _BYLINE_PREFIX.match(t):
            kinds[i] = "byline"
        elif headline[i]:
            kinds[i] = "heading"
    body = [i for i in range(n) if kinds[i] == "text"]
    first_body, last_body = (body[0], body[-1]) if body else (n, n)
    head = [i for i in range(first_body) if kinds[i] == "heading"]
    # The title: the first headline before the body that is not a person's name (else the first one).
    title = next((i for i in head if blocks[i][1] == "heading" or not _is_name(texts[i])), head[0] if head else None)
    for i in head:
        if i == title:
            kinds[i] = "title"
        elif _is_name(texts[i]):
            kinds[i] = "byline"
    for i in range(last_body + 1, n):
        if kinds[i] == "heading":
            kinds[i] = "byline"  # closing lines: author, position, "read more" …
    return kinds


# ---------------------------------------------------------------- Document


def parse_document(text: str, lang: str, source: str = "") -> Document:
    """Clean text → Document. Pure: format by content, markup dropped, paragraphs with kinds."""
    fmt = detect_format(text)
    if fmt == "html":
        blocks = _html_blocks(text)
    else:
        blocks = _blocks_from_lines(clean_unicode(text).split("\n"), markdown=fmt == "markdown")
    merged: list[tuple[str, str | None]] = []
    for body, hint, after_blank in blocks:
        body = re.sub(r" {2,}", " ", body).strip()
        if not body:
            continue
        if merged and after_blank and merged[-1][1] is None and hint is None and _should_rejoin(merged[-1][0], body):
            merged[-1] = (merged[-1][0] + " " + body, None)
        else:
            merged.append((body, hint))
    kinds = _kinds(merged)
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for (body, _), kind in zip(merged, kinds, strict=True):
        if parts:
            pos += 2
        paragraphs.append(Paragraph(pos, pos + len(body), kind))
        parts.append(body)
        pos += len(body)
    full = "\n\n".join(parts)
    title = next((full[p.start : p.stop] for p in paragraphs if p.kind == "title"), "")
    return Document(lang=lang, title=title, text=full, paragraphs=tuple(paragraphs), source=source)


def script_shares(text: str) -> tuple[float, float, int]:
    """(share of Cyrillic letters, share of Latin letters, number of letters); long texts are sampled."""
    if len(text) > 400_000:
        text = text[:200_000] + text[-200_000:]
    cyr = sum(map(len, _CYRILLIC_LETTERS.findall(text)))
    lat = sum(map(len, _LATIN_LETTERS.findall(text)))
    total = cyr + lat + sum(map(str.isalpha, _CYRILLIC_OR_LATIN.sub("", text)))  # and the other letters
    return (cyr / total, lat / total, total) if total else (0.0, 0.0, 0)


def _letters(*ranges: tuple[int, int]) -> re.Pattern[str]:
    """Runs of the letters (str.isalpha) in these code point ranges."""
    found = "".join(re.escape(chr(c)) for a, b in ranges for c in range(a, b + 1) if chr(c).isalpha())
    return re.compile(f"[{found}]+")


_CYRILLIC_LETTERS = _letters((0x400, 0x52F))
_LATIN_LETTERS = _letters((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))  # ASCII and Latin-1 to Latin Extended-B
_CYRILLIC_OR_LATIN = re.compile("[\x00-\x7f\xc0-\u024f\u0400-\u052f]+")  # the characters of those ranges


def check_language(doc: Document, path: str | Path) -> None:
    """Raise InputError when the text's script does not fit its language (e.g. swapped files)."""
    cyr, lat, total = script_shares(doc.text)
    name = LANG_NAMES[doc.lang]
    if not total:
        raise InputError(path, f"no {name} sentences found (the text has no letters)", "Check the file")
    own, other = (cyr, lat) if doc.lang == "ru" else (lat, cyr)
    if own < 0.5:
        if other >= 0.5:
            other_script = SCRIPT_OF["en" if doc.lang == "ru" else "ru"]
            finding = f"no {name} sentences found ({other:.0%} of letters are {other_script})"
            raise InputError(path, finding, "Did you swap the files?")
        finding = f"no {name} sentences found (only {own:.0%} of letters are {SCRIPT_OF[doc.lang]})"
        raise InputError(path, finding, f"Give the {name} text of the article")


def load_document(path: str | Path, lang: str, warnings: list[str] | None = None,
                  max_mb: float = MAX_INPUT_MB) -> Document:
    """Read, clean and check one article file; what decoding repaired is appended to `warnings` (see read_text)."""
    if lang not in LANG_NAMES:
        raise InputError(path, f"unknown language {lang!r}", "Use ru or en")
    doc = parse_document(read_text(path, warnings, max_mb), lang, source=str(path))
    if not doc.paragraphs:
        raise InputError(path, "no text found", _FIX_FORMAT)
    check_language(doc, path)
    return doc
