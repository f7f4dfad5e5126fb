"""I/O: a file's bytes → cleaned text (encoding) → a Document (format, Unicode, paragraphs, kinds).

`read_text` is the only function here that touches the disk; `parse_document` is pure.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from dataclasses import dataclass
from pathlib import Path

from cards.errors import EncodingError, InputError
from cards.model import Document, Paragraph

LANG_NAMES = {"ru": "Russian", "en": "English"}
SCRIPT_OF = {"ru": "Cyrillic", "en": "Latin"}

# ---------------------------------------------------------------- bytes → str

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF binary)"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Single-byte Cyrillic code pages a detector can confuse with each other on short texts.
_CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "mac_cyrillic", "cp866", "iso8859_5")
_FIX_FORMAT = "Save the article as plain text (UTF-8), Markdown or HTML"


def _magic(data: bytes) -> str | None:
    """What a file is by its first bytes, when it is a known non-text format."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    for head, what in _MAGIC:
        if data.startswith(head):
            if head == b"BM" and not (len(data) > 14 and data[6:10] == b"\x00\x00\x00\x00"):
                continue
            return what
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes read as ordinary text in that order (UTF-16 without a BOM)."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:8000].decode(codec)
        except UnicodeDecodeError:
            continue
        if _usual_text(sample):
            return codec
    return None


def _usual_text(sample: str) -> bool:
    """Does a decoding read as ordinary Latin or Cyrillic text (not the CJK a wrong UTF-16 reading gives)?"""
    sample = sample[:4000].lstrip("\ufeff")
    if not sample:
        return True
    ok = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t") / len(sample)
    usual = sum(1 for ch in sample if ch < "\u0530" or "\u2000" <= ch <= "\u206f") / len(sample)
    return ok > 0.97 and usual > 0.95


def _russian_plausibility(text: str) -> float:
    """How much a decoding looks like Russian: share of Cyrillic letters in natural case patterns.

    KOI8-R read as cp1251 (and the reverse) swaps upper and lower case, so wrong decodings
    are mostly capitals inside words; mac_cyrillic/cp866/iso8859_5 misreads land outside
    the Cyrillic block or in box-drawing characters.
    """
    words = re.findall(r"[А-Яа-яЁё]+", text)
    letters = sum(len(w) for w in words)
    if not letters:
        return 0.0
    good = sum(len(w) for w in words if w[1:].islower() or w.isupper() and len(w) <= 5)
    all_letters = sum(ch.isalpha() for ch in text) or 1
    return good / letters * letters / all_letters


@dataclass(frozen=True)
class Decoded:
    """A file's text and what decoding it found. Line numbers count from 1, in the file's own lines."""

    text: str | None  # None: not text in any encoding we know
    dropped: tuple[int, ...] = ()  # lines of a UTF-8 file that held bytes that are not UTF-8 (dropped)
    dropped_bytes: int = 0
    other_lines: tuple[int, ...] = ()  # lines of a UTF-8 file written in another encoding …
    other: str = ""  # … this one (a Python codec name)
    unreadable: tuple[int, ...] = ()  # lines of a UTF-8 file in no encoding we can tell: the file is refused


CODEC_NAMES = {
    "cp1251": "Windows-1251", "koi8_r": "KOI8-R", "mac_cyrillic": "Mac Cyrillic", "cp866": "CP866 (DOS)",
    "iso8859_5": "ISO-8859-5", "cp1252": "Windows-1252",
}
MIN_UTF8_CHARS = 8  # valid non-ASCII UTF-8 characters (outside odd lines) that make a file UTF-8 with bad bytes
MIN_OTHER_BYTES = 4  # bytes of odd lines needed to tell their encoding; with fewer they are dropped


def _decode(data: bytes) -> Decoded:
    """Decode bytes: BOM, then strict UTF-8, then UTF-16 without BOM, then UTF-8 with a few bad bytes or some
    lines in another encoding (see decode_mostly_utf8), then the whole file in a single-byte code page.

    One bad byte never decides the encoding of the whole file."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            if codec == "utf-8-sig" or _usual_text(text):
                return Decoded(text)
            break  # bytes that only look like a UTF-16 or UTF-32 mark
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return Decoded(None)
    mostly = decode_mostly_utf8(data)
    if mostly is not None:
        return mostly
    return Decoded(_decode_single_byte(data))


_TWO_BYTES = re.compile("[\u0080-\u07ff]")
_LONGER = re.compile("[^\x00-\u07ff\ud800-\udfff]")  # U+0800 on, no surrogates; so written it compiles 30x faster
_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape keeps it


def _utf8_counts(line: bytes) -> tuple[int, int]:
    """(bytes that are not UTF-8, valid non-ASCII characters) of one line. A character of three or more
    bytes (“ ” – …) counts as 4: a single-byte code page makes one by chance far more rarely than one of two
    (cp1251 "С»" reads as UTF-8 "ѻ")."""
    try:
        text, bad = line.decode("utf-8"), 0
    except UnicodeDecodeError:
        text, bad = _ESCAPED.subn("", line.decode("utf-8", "surrogateescape"))
    return bad, len(_TWO_BYTES.findall(text)) + 4 * len(_LONGER.findall(text))


def decode_mostly_utf8(data: bytes) -> Decoded | None:
    """A file that is UTF-8 but for some lines; None when it is not (too few valid UTF-8 characters).

    A line with more bytes that are not UTF-8 than valid non-ASCII characters is odd: all odd lines
    together are read in the Cyrillic code page that looks most like Russian, or Windows-1252 when their
    non-ASCII bytes stand in Latin words (café); when they look like neither the file is refused
    (`unreadable`), unless they hold fewer than MIN_OTHER_BYTES such bytes in all: too few to tell
    anything from, they are dropped like the few bad bytes of the other lines."""
    lines = data.splitlines(keepends=True)
    counts = [_utf8_counts(line) for line in lines]
    odd = [i for i, (bad, good) in enumerate(counts) if bad > good]
    if sum(good for bad, good in counts if bad <= good) < MIN_UTF8_CHARS:
        return None
    other = ""
    if odd:
        other = _odd_lines_codec(b"".join(lines[i] for i in odd)) or ""
        if not other and sum(counts[i][0] for i in odd) >= MIN_OTHER_BYTES:
            return Decoded(None, unreadable=tuple(i + 1 for i in odd))
        if not other:
            odd = []
    odd_set = set(odd)
    parts = [line.decode(other) if i in odd_set else line.decode("utf-8", "ignore") for i, line in enumerate(lines)]
    dropped = tuple(i + 1 for i, (bad, _) in enumerate(counts) if bad and i not in odd_set)
    return Decoded(
        "".join(parts), dropped=dropped, dropped_bytes=sum(counts[n - 1][0] for n in dropped),
        other_lines=_with_ascii_between(odd, counts), other=other,
    )


def _with_ascii_between(odd: list[int], counts: list[tuple[int, int]]) -> tuple[int, ...]:
    """Line numbers (from 1) of the odd lines and of the plain ASCII lines (blank lines too) between two
    of them, which read the same in either encoding: so a run of paragraphs shows as one range."""
    odd_set, found, pending, after_odd = set(odd), [], [], False
    for i, count in enumerate(counts):
        if i in odd_set:
            if after_odd:
                found.extend(pending)
            found.append(i + 1)
            pending, after_odd = [], True
        elif count == (0, 0):
            pending.append(i + 1)
        else:
            pending, after_odd = [], False
    return tuple(found)


def _odd_lines_codec(data: bytes) -> str | None:
    """The encoding of the lines of a UTF-8 file that are not UTF-8: a Cyrillic code page (at least
    MIN_OTHER_BYTES letters that read as Russian), Windows-1252 (short runs of non-ASCII bytes, each
    touching a Latin letter: café, “quotes”), or None."""
    runs = list(re.finditer(rb"[\x80-\xff]+", data))
    if sum(len(r.group()) for r in runs) >= MIN_OTHER_BYTES:
        cyrillic = _best_cyrillic_codec(data)
        if cyrillic is not None:
            return cyrillic
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None

    def latin(i: int) -> bool:
        return 0 <= i < len(data) and chr(data[i]).isascii() and chr(data[i]).isalpha()

    in_words = [len(r.group()) <= 2 and (latin(r.start() - 1) or latin(r.end())) for r in runs]
    return "cp1252" if runs and all(len(r.group()) <= 2 for r in runs) and sum(in_words) >= 0.8 * len(runs) else None


def _decode_single_byte(data: bytes) -> str | None:
    """The whole file in a single-byte code page: Cyrillic by the look of the text, else charset-normalizer."""
    high = sum(1 for b in data if b >= 0x80)
    ascii_letters = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
    if high and high >= ascii_letters:
        # Mostly non-ASCII letters in a single-byte encoding: a Cyrillic code page. On short texts
        # detectors confuse cp1251, KOI8-R and others (even with CJK pages); take the reading that
        # looks most like Russian.
        best = _best_cyrillic(data)
        if best is not None:
            return best
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    if not match.encoding.startswith(("utf", "ascii")) and not re.search("[\u0400-\u04ff]", text):
        # A Western single-byte page: for the English side of a pair that is Windows-1252 (smart
        # quotes, café), which short texts make the detector confuse with cp1250 and others.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return text


def _best_cyrillic_codec(data: bytes) -> str | None:
    """The Cyrillic code page whose reading looks most like Russian, if any looks like it."""
    scored = []
    for rank, codec in enumerate(_CYRILLIC_CODEPAGES):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_russian_plausibility(text), -rank, codec))
    if not scored:
        return None
    score, _, codec = max(scored)
    return codec if score >= 0.6 else None


def _best_cyrillic(data: bytes) -> str | None:
    """The decoding among the Cyrillic code pages that looks most like Russian, if any looks like it."""
    codec = _best_cyrillic_codec(data)
    return data.decode(codec) if codec else None


def _line_list(numbers: tuple[int, ...]) -> str:
    """'line 5', 'lines 3–5, 9' (at most 10 ranges shown)."""
    ranges: list[list[int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    shown = [f"{a}" if a == b else f"{a}–{b}" for a, b in ranges[:10]] + (["…"] if len(ranges) > 10 else [])
    return ("line " if len(numbers) == 1 else "lines ") + ", ".join(shown)


def _are(numbers: tuple[int, ...]) -> str:
    return "is" if len(numbers) == 1 else "are"


def decoding_warnings(path: str | Path, decoded: Decoded) -> tuple[str, ...]:
    """One line for each thing decoding `path` had to repair."""
    found = []
    if decoded.dropped:
        n = decoded.dropped_bytes
        what = "1 byte that is not UTF-8 was" if n == 1 else f"{n} bytes that are not UTF-8 were"
        found.append(str(InputError(path, f"{what} dropped on {_line_list(decoded.dropped)}",
                                    "Check the text there, or save the file as UTF-8 again")))
    if decoded.other_lines:
        name = CODEC_NAMES.get(decoded.other, decoded.other)
        found.append(str(InputError(
            path, f"{_line_list(decoded.other_lines)} {_are(decoded.other_lines)} in {name} and the rest in UTF-8; "
                  "each part was read in its own encoding",
            "Save the whole file as UTF-8 to be sure")))
    return tuple(found)


MAX_INPUT_MB = 10.0  # an article larger than this is refused before any work (a news article is < 0.1 MB)


def read_text(path: str | Path, warnings: list[str] | None = None, max_mb: float = MAX_INPUT_MB) -> str:
    """Read a text file in any common encoding; raise InputError with a one-line way out.

    What decoding had to repair (bytes that are not UTF-8 dropped, lines in another encoding) is appended
    to `warnings`, one line each naming the file and the lines. A file over `max_mb` is refused."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file", "Check the path and the file name")
    if p.is_dir():
        raise InputError(path, "is a folder, not a file", "Give the article file inside it (e.g. ru.txt)")
    size = p.stat().st_size / 1e6
    if size > max_mb:
        raise InputError(path, f"{size:.3g} MB is more than the {max_mb:g} MB an article may have",
                         f"Split it into articles, or give --max-input-mb {size * 1.1:.3g} to build it anyway")
    try:
        data = p.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputError(path, f"cannot be read ({reason.lower()})", "Check the file's permissions") from None
    if not data:
        raise InputError(path, "the file is empty", "Save the article text into it")
    what = _magic(data)
    if what:
        raise InputError(path, f"this is {what}, not text", _FIX_FORMAT)
    decoded = _decode(data)
    if decoded.unreadable:
        raise EncodingError(path, f"{_line_list(decoded.unreadable)} {_are(decoded.unreadable)} neither UTF-8, as the rest of the file is, "
                                  "nor a Cyrillic or Western code page", "Save the whole file as UTF-8")
    text = decoded.text
    if text is None or _looks_binary(text):
        raise InputError(path, "this looks like a binary file, not text", _FIX_FORMAT)
    if not text.strip():
        raise InputError(path, "the file holds only whitespace", "Save the article text into it")
    if warnings is not None:
        warnings.extend(decoding_warnings(path, decoded))
    return text


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode's control characters (Cc) less \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are control characters other than whitespace."""
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample))
    return bad > 0.01 * max(1, len(sample)) or "\ufffd" * 3 in sample


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
