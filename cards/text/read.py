"""I/O, first step: a file's bytes → text, in any common encoding (cards.text.load goes on from there).

`read_text` is the only function here that touches the disk. Kept apart from load.py so that what only
reads lines (`cards align --presegmented`) does not import the HTML, Markdown and Unicode clean-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cards.errors import EncodingError, InputError

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
