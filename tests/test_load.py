"""Loading: real files in every encoding and format, one-line errors, cleaning, paragraph kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.errors import InputError
from cards.text.load import clean_unicode, detect_format, load_document, parse_document, read_text
from cards.text.segment import segment

DATA = Path(__file__).resolve().parent / "data" / "load"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "minsk-washington"
GOLD = Path(__file__).resolve().parent / "data" / "seed-gold"

RU = (
    "Минск и Вашингтон\n\nАдминистрация Дональда Трампа предлагает Беларуси заключить «большую сделку». "
    "Пока сложно сказать, когда стороны смогут её заключить.\n\nНо сама идея, очевидно, выглядит для Минска интересной.\n"
)
RU_SHORT = "Съёмки фильма начнутся в июне. Режиссёр доволен.\n"


@pytest.mark.parametrize(
    "name", ["ru_utf8.txt", "ru_utf8_bom.txt", "ru_utf16le_bom.txt", "ru_utf16be_bom.txt", "ru_utf16le_nobom.txt",
             "ru_utf16be_nobom.txt", "ru_cp1251.txt"],
)
def test_encodings_decode_exactly(name):
    assert read_text(DATA / name) == RU


def test_english_windows_1252():
    assert read_text(DATA / "en_cp1252.txt") == (
        "The Trump administration is proposing a “grand deal” with Belarus – it’s still difficult to say when the "
        "parties will be able to finalise it. The café’s naïve owner agreed.\n")


def test_koi8r_decodes_exactly():
    assert read_text(DATA / "ru_koi8r.txt") == RU.replace("«", '"').replace("»", '"')


@pytest.mark.parametrize("name", ["ru_cp1251_short.txt", "ru_koi8r_short.txt"])
def test_short_cyrillic_single_byte_texts(name):
    assert read_text(DATA / name) == RU_SHORT


@pytest.mark.parametrize("name", ["ru_crlf.txt", "ru_cr_only.txt"])
def test_line_ends_are_normalised(name):
    doc = load_document(DATA / name, "ru")
    assert "\r" not in doc.text
    assert [s.text for s in segment(doc)] == [
        "Минск и Вашингтон",
        "Администрация Дональда Трампа предлагает Беларуси заключить «большую сделку».",
        "Пока сложно сказать, когда стороны смогут её заключить.",
        "Но сама идея, очевидно, выглядит для Минска интересной.",
    ]


def test_unicode_clean_up_keeps_stress_marks_and_yo():
    doc = load_document(DATA / "ru_messy_unicode.txt", "ru")
    assert [s.text for s in segment(doc)] == [
        "Администрация Дональда Трампа предлага\u0301ет Беларуси заключить «большую сде\u0301лку».",
        "Пока сложно сказать, когда стороны смогут её заключить.",
        "Мой ответ – нет.",  # и + combining breve composed to й (NFC)
    ]
    for bad in "\u00ad\u00a0\u202f\u200b\u200d\u2060":
        assert bad not in doc.text


def test_clean_unicode():
    assert clean_unicode("a\u00a0\u00a0b\r\nc\u00ad d\u200b\t e\u0438\u0306") == "a b\nc d e\u0439"


@pytest.mark.parametrize("name", ["ru_markdown.md", "ru_markdown_saved_as.txt"])
def test_markdown_by_content(name):
    doc = load_document(DATA / name, "ru")
    assert doc.title == "Минск и Вашингтон"
    assert [(s.kind, s.text) for s in segment(doc)] == [
        ("title", "Минск и Вашингтон"),
        ("dateline", "26.03.2026"),
        ("byline", "Евгений Прейгерман"),
        ("text", "19 марта в Минске состоялся очередной раунд переговоров."),
        ("text", "Во Дворце независимости президент принимал делегацию."),
        ("heading", "Итоги"),
        ("text", "В сентябре власти США приняли решение снять санкции."),
        ("text", "Во-вторых, подход может сэкономить время."),
        ("text", "первый пункт списка;"),
        ("text", "второй пункт списка."),
    ]


def test_hard_wrapped_lines_are_joined():
    doc = load_document(DATA / "en_hard_wrapped.txt", "en")
    assert [s.text for s in segment(doc)] == [
        "Minsk and Washington",
        "The Trump administration is proposing a grand deal with Belarus, which would cover the key issues on "
        "the agenda of bilateral talks.",
        "It is still difficult to say when the parties will be able to finalise it.",
        "However, the idea evidently seems appealing to Minsk.",
    ]


def test_one_paragraph_per_line():
    doc = load_document(DATA / "en_one_paragraph_per_line.txt", "en")
    assert [(p.kind, doc.text[p.start : p.stop]) for p in doc.paragraphs] == [
        ("title", "Minsk and Washington"),
        ("text", "The talks went well. Both sides agreed."),
        ("text", "A second round is planned for May."),
    ]


@pytest.mark.parametrize("lang, page", [("ru", "ru_article.html"), ("ru", "ru_article_cp1251.html"),
                                        ("en", "en_article.html")])
def test_html_article_text_only(lang, page):
    gold = (GOLD / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    doc = load_document(DATA / page, lang)
    got = [s.text for s in segment(doc)]
    assert doc.title == gold[2]
    # The extractor keeps the article from the "published" line to the closing lines; the page's
    # <time> date and <p class="author"> (page metadata), menus, related links, footer and scripts are gone.
    assert got == gold[1:3] + gold[4:]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_html_without_article_element(lang):
    gold = (DATA / f"{lang}_blog.gold.txt").read_text(encoding="utf-8")
    doc = load_document(DATA / f"{lang}_blog.html", lang)
    assert [s.text for s in segment(doc)] == gold.splitlines()
    assert "cookie" not in doc.text and "12" not in doc.text


def test_detect_format():
    assert detect_format("<!DOCTYPE html><html><body><p>Привет</p></body></html>") == "html"
    assert detect_format("Текст [ссылка](#) и *курсив*.") == "markdown"
    assert detect_format("# Заголовок\n\nТекст.") == "markdown"
    assert detect_format("Просто текст: 2 * 3 = 6, a < b.") == "plain"


def test_markdown_links_and_emphasis():
    doc = parse_document("Он [состоялся](#) в *Минске* и [тут](https://x.org/a_(b) \"t\") **тоже**.", "ru")
    assert doc.text == "Он состоялся в Минске и тут тоже."


def test_rejoin_only_mid_sentence_breaks():
    doc = parse_document("Власти приняли\n\nрешение снять санкции.\n\nНовый абзац.\n\nи строчный, но после точки.", "ru")
    assert [doc.text[p.start : p.stop] for p in doc.paragraphs] == [
        "Власти приняли решение снять санкции.", "Новый абзац.", "и строчный, но после точки."]


@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.txt", "empty.txt: the file is empty. Save the article text into it"),
        ("whitespace.txt", "whitespace.txt: the file holds only whitespace. Save the article text into it"),
        ("binary.txt", "binary.txt: this looks like a binary file, not text. "
                       "Save the article as plain text (UTF-8), Markdown or HTML"),
        ("image_renamed.txt", "image_renamed.txt: this is a PNG image, not text. "
                              "Save the article as plain text (UTF-8), Markdown or HTML"),
        ("photo_renamed.txt", "photo_renamed.txt: this is a JPEG image, not text. "
                              "Save the article as plain text (UTF-8), Markdown or HTML"),
        ("missing.txt", "missing.txt: no such file. Check the path and the file name"),
    ],
)
def test_bad_files_one_line_error_naming_the_file(name, message):
    with pytest.raises(InputError) as err:
        load_document(DATA / name, "ru")
    assert str(err.value) == f"{DATA / name}: {message.split(': ', 1)[1]}"
    assert "\n" not in str(err.value)


def test_folder_is_not_a_file():
    with pytest.raises(InputError, match=r"load: is a folder, not a file\. Give the article file inside it"):
        read_text(DATA)


def test_unreadable_file(tmp_path):
    import os

    p = tmp_path / "ru.txt"
    p.write_text("Текст.", encoding="utf-8")
    p.chmod(0)
    if os.access(p, os.R_OK):  # root reads anything
        pytest.skip("running as root")
    with pytest.raises(InputError, match=r"ru.txt: cannot be read \(permission denied\)"):
        read_text(p)


def test_swapped_files():
    with pytest.raises(InputError) as err:
        load_document(SEED / "ru.txt", "en")
    assert str(err.value) == f"{SEED / 'ru.txt'}: no English sentences found (100% of letters are Cyrillic). " \
                             "Did you swap the files?"
    with pytest.raises(InputError, match=r"en.txt: no Russian sentences found \(100% of letters are Latin\)\. "
                                         r"Did you swap the files\?"):
        load_document(SEED / "en.txt", "ru")


def test_parse_document_paragraph_spans():
    doc = parse_document("  Заголовок \r\n\r\n\r\nПервое.  Второе.\n", "ru", source="x.txt")
    assert doc.text == "Заголовок\n\nПервое. Второе."
    assert [(p.start, p.stop, p.kind) for p in doc.paragraphs] == [(0, 9, "title"), (11, 26, "text")]
    assert (doc.title, doc.source, doc.lang) == ("Заголовок", "x.txt", "ru")


def test_kinds_of_header_and_trailer_lines():
    en = ("Belarus frees 52 prisoners\n\nBy Dr. Andrew Roth in Vilnius\n\nThu 11 Sep 2025 14.02 BST\n\n"
          "Belarus has freed 52 prisoners. The US lifted sanctions.\n\nWhy now?\n\n"
          "“We are ready,” Coale said. Nobody answered\n\nPhoto: Reuters")
    doc = parse_document(en, "en")
    assert [p.kind for p in doc.paragraphs] == ["title", "byline", "dateline", "text", "heading", "text", "byline"]
    ru = ("Лукашенко помиловал 52 заключенных\n\n26 марта 2026, 14:05\n\nТекст: Иван Петров\n\n"
          "Минск освободил 52 человека.\n\nПочему сейчас? Эксперты объясняют\n\nЧто дальше?\n\n"
          "Стороны продолжат переговоры.\n\nИсточник: БелТА")
    doc = parse_document(ru, "ru")
    assert [p.kind for p in doc.paragraphs] == [
        "title", "dateline", "byline", "text", "text", "heading", "text", "source"]


def test_html_layout_table_falls_back_to_readability():
    doc = load_document(DATA / "ru_old_table.html", "ru")
    assert [(s.kind, s.text) for s in segment(doc)] == [
        ("title", "Минск и Вашингтон договорились о новом раунде"),
        ("text", "Стороны провели переговоры в Минске."),
        ("text", "Они длились три часа."),
        ("text", "Следующий раунд пройдет в мае."),
        ("text", "Место пока не определено."),
        ("byline", "Иван Петров"),
    ]


def test_html_nested_ten_thousand_deep_keeps_its_text(tmp_path):
    """Both extractors and lxml give up on 10,000 nested divs; the text is still read (issue 12)."""
    page = tmp_path / "deep.html"
    body = "<h1>Санкции продлены</h1><p>Совет ЕС продлил санкции.</p><p>Решение вступит в силу в мае.</p>"
    page.write_text(f"<html><body>{'<div>' * 10_000}{body}{'</div>' * 10_000}"
                    "<script>var x = 1;</script></body></html>", encoding="utf-8")
    doc = load_document(page, "ru")
    assert [(s.kind, s.text) for s in segment(doc)] == [
        ("title", "Санкции продлены"),
        ("text", "Совет ЕС продлил санкции."),
        ("text", "Решение вступит в силу в мае."),
    ]


# ---------------------------------------------------------------- one bad byte never decides the encoding (issue 12)

SEED_RU = (SEED / "ru.txt").read_bytes()


def with_bytes(data: bytes, inserts: dict[str, bytes]) -> bytes:
    """`data` with bytes put before the first occurrence of each word."""
    for word, junk in inserts.items():
        i = data.index(word.encode("utf-8"))
        data = data[:i] + junk + data[i:]
    return data


def test_one_bad_byte_leaves_a_utf8_article_utf8_and_says_where(tmp_path):
    p = tmp_path / "ru.txt"
    p.write_bytes(with_bytes(SEED_RU, {"двусторонних": b"\xff"}))
    warnings: list[str] = []
    assert read_text(p, warnings) == SEED_RU.decode("utf-8")
    assert warnings == [f"{p}: 1 byte that is not UTF-8 was dropped on line 13. "
                        "Check the text there, or save the file as UTF-8 again"]
    clean = load_document(SEED / "ru.txt", "ru")
    doc = load_document(p, "ru")
    assert (doc.text, doc.paragraphs, doc.title) == (clean.text, clean.paragraphs, clean.title)


def test_cut_characters_on_several_lines_are_dropped_and_each_line_named(tmp_path):
    p = tmp_path / "ru.txt"
    p.write_bytes(with_bytes(SEED_RU, {"двусторонних": b"\xd0", "Администрация": b"\xe0\x80", "Евгений": b"\xbf"}))
    warnings: list[str] = []
    assert read_text(p, warnings) == SEED_RU.decode("utf-8")
    assert warnings == [f"{p}: 4 bytes that are not UTF-8 were dropped on lines 11, 13. "
                        "Check the text there, or save the file as UTF-8 again"]


def halves(second: str) -> tuple[bytes, str]:
    """The seed article: its first half in UTF-8, the second in `second` (for KOI8-R, which has no « » –,
    the whole text uses " and - instead); and the text itself."""
    text = SEED_RU.decode("utf-8")
    if second == "koi8_r":
        text = text.translate({ord("«"): '"', ord("»"): '"', ord("–"): "-"})
    lines = text.splitlines(keepends=True)
    half = len(lines) // 2
    return "".join(lines[:half]).encode("utf-8") + "".join(lines[half:]).encode(second), text


@pytest.mark.parametrize("second, name", [("cp1251", "Windows-1251"), ("koi8_r", "KOI8-R")])
def test_half_utf8_half_a_cyrillic_code_page_is_read_part_by_part(tmp_path, second, name):
    data, text = halves(second)
    mixed, clean = tmp_path / "mixed" / "ru.txt", tmp_path / "clean" / "ru.txt"
    for path, content in ((mixed, data), (clean, text.encode("utf-8"))):
        path.parent.mkdir()
        path.write_bytes(content)
    warnings: list[str] = []
    assert read_text(mixed, warnings) == text
    assert warnings == [f"{mixed}: lines 33–65 are in {name} and the rest in UTF-8; each part was read in its own "
                        "encoding. Save the whole file as UTF-8 to be sure"]
    sentences = [s.text for s in segment(load_document(mixed, "ru"))]
    assert sentences == [s.text for s in segment(load_document(clean, "ru"))]  # no mojibake (себ€, ѕока)
    assert len(sentences) == 83


def test_an_english_line_in_windows_1252_inside_utf8(tmp_path):
    p = tmp_path / "en.txt"
    p.write_bytes("The Trump administration is proposing a “grand deal” with Belarus.\n\n".encode("utf-8")
                  + "The café’s naïve owner agreed.\n".encode("cp1252"))
    warnings: list[str] = []
    assert read_text(p, warnings) == ("The Trump administration is proposing a “grand deal” with Belarus.\n\n"
                                      "The café’s naïve owner agreed.\n")
    assert warnings == [f"{p}: line 3 is in Windows-1252 and the rest in UTF-8; each part was read in its own "
                        "encoding. Save the whole file as UTF-8 to be sure"]


def test_lines_in_no_known_encoding_refuse_the_file_in_one_line(tmp_path):
    from cards.errors import EncodingError

    p = tmp_path / "ru.txt"
    p.write_bytes(with_bytes(SEED_RU, {"Администрация": bytes(range(0x80, 0x100)) + b"\n"}))
    with pytest.raises(EncodingError) as err:
        load_document(p, "ru")
    assert str(err.value) == (f"{p}: line 13 is neither UTF-8, as the rest of the file is, nor a Cyrillic or Western "
                              "code page. Save the whole file as UTF-8")


def test_a_cp1251_file_with_chance_utf8_pairs_is_still_cp1251(tmp_path):
    text = "Агентство «ТАСС» сообщило, что переговоры «РИА» и Рёлинг продолжатся.\nВторая строка «ТАСС».\nС»\n"
    p = tmp_path / "ru.txt"
    p.write_bytes(text.encode("cp1251"))  # С» and Рё are valid UTF-8 byte pairs by chance
    warnings: list[str] = []
    assert read_text(p, warnings) == text
    assert warnings == []


RU_WORDS = ("администрация", "Минск", "переговоры", "сделка", "большую", "Беларуси", "заключить", "стороны",
            "Вашингтон", "очевидно", "санкции", "посольство", "ёлка", "идея", "выглядит")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(RU_WORDS), min_size=2, max_size=8), min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([b"\xff", b"\xfe", b"\xc0", b"\x80", b"\xd0", b"\xe0"])),
                max_size=3))
def test_a_few_stray_bytes_in_utf8_cost_only_themselves(lines, junk):
    from cards.text.load import _decode

    text = "\n".join(" ".join(words) + "." for words in lines) + "\n"
    data = text.encode("utf-8")
    starts = [i for i in range(len(data) + 1) if i == len(data) or not 0x80 <= data[i] <= 0xBF]  # character starts
    for i, byte in sorted(((starts[position % len(starts)], byte) for position, byte in junk), reverse=True):
        data = data[:i] + byte + data[i:]
    decoded = _decode(data)
    assert decoded.text == text
    assert decoded.dropped_bytes == len(junk)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(RU_WORDS), min_size=3, max_size=8), st.sampled_from(["utf-8", "cp1251"])),
                min_size=2, max_size=8))
def test_paragraphs_in_utf8_and_cp1251_come_back_exactly(paragraphs):
    from cards.text.load import _decode

    text = "".join(" ".join(words).capitalize() + ".\n\n" for words, _ in paragraphs)
    data = b"".join((" ".join(words).capitalize() + ".\n\n").encode(codec) for words, codec in paragraphs)
    assert _decode(data).text == text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8") + b"\xff" + t.encode("cp1251", "ignore")))
def test_any_bytes_give_text_or_one_clean_error(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    p = folder / "ru.txt"
    p.write_bytes(data)
    try:
        warnings: list[str] = []
        text = read_text(p, warnings)
    except InputError as err:
        assert "\n" not in str(err) and str(err).startswith(str(p))
        return
    assert isinstance(text, str) and all("\n" not in w and w.startswith(str(p)) for w in warnings)


def test_a_file_over_the_size_limit_is_refused_before_any_work(tmp_path):
    from cards.text.load import MAX_INPUT_MB, read_text

    big = tmp_path / "ru.txt"
    with big.open("wb") as f:
        f.truncate(int(MAX_INPUT_MB * 1e6) + 1_000_000)  # sparse: no time spent writing it
    with pytest.raises(InputError) as err:
        read_text(big)
    assert str(err.value) == (f"{big}: 11 MB is more than the 10 MB an article may have. "
                              "Split it into articles, or give --max-input-mb 12.1 to build it anyway")
    with pytest.raises(InputError, match="not text"):  # with the limit raised it is read (and is no text)
        read_text(big, max_mb=12.1)


def test_characters_of_three_or_four_utf8_bytes_are_told_apart():
    from cards.text.load import _LONGER, _TWO_BYTES

    longer = [c for c in (0x7F, 0x80, 0x7FF, 0x800, 0x2014, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF)
              if _LONGER.fullmatch(chr(c))]
    assert longer == [0x800, 0x2014, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF]
    assert [c for c in (0x7F, 0x80, 0x7FF, 0x800) if _TWO_BYTES.fullmatch(chr(c))] == [0x80, 0x7FF]


def test_script_shares_and_control_characters_count_as_the_per_character_definitions():
    """The regular expressions of script_shares and _looks_binary count what their definitions say, for
    every character: letters (str.isalpha) in Cyrillic, in ASCII or Latin-1 to Latin Extended-B, others;
    control characters (Cc) other than whitespace."""
    import unicodedata

    from cards.text import load

    def by_hand(text):
        cyr = lat = other = 0
        for ch in text:
            if ch.isalpha():
                if "\u0400" <= ch <= "\u052f":
                    cyr += 1
                elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
                    lat += 1
                else:
                    other += 1
        total = cyr + lat + other
        return (cyr / total, lat / total, total) if total else (0.0, 0.0, 0)

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert load.script_shares(every) == by_hand(every)
    assert all(load.script_shares(ch) == by_hand(ch) for ch in every[:0x3000])
    control = {ch for ch in every if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"}
    assert set(load._CONTROL.findall(every)) == control
