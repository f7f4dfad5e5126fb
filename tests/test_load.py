"""Loading: real files in every encoding and format, one-line errors, cleaning, paragraph kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from cards.errors import InputError
from cards.load import clean_unicode, detect_format, load_document, parse_document, read_text
from cards.segment import segment

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
