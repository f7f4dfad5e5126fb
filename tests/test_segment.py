"""Segmentation: the seed pair exactly as the hand-made gold, the hard cases, the invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.text.load import load_document, parse_document
from cards.model import Document, Paragraph
from cards.text.segment import decisions, segment, segment_explained, split_text

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "minsk-washington"


def _non_text(sentences) -> dict[int, str]:
    return {s.index: s.kind for s in sentences if s.kind != "text"}


@pytest.mark.parametrize("lang, count", [("ru", 83), ("en", 81)])
def test_seed_segments_exactly_as_gold(lang, count):
    gold = (DATA / "seed-gold" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    sentences = segment(load_document(SEED / f"{lang}.txt", lang))
    assert len(gold) == count
    assert [s.text for s in sentences] == gold


def test_seed_kinds_russian():
    sentences = segment(load_document(SEED / "ru.txt", "ru"))
    assert _non_text(sentences) == {
        0: "dateline", 1: "source", 2: "title", 3: "byline",
        13: "heading", 40: "heading", 64: "heading", 81: "byline", 82: "byline",
    }


def test_seed_kinds_english():
    doc = load_document(SEED / "en.txt", "en")
    assert doc.title == "Minsk and Washington on the Path to a Grand Deal"
    assert _non_text(segment(doc)) == {
        0: "dateline", 1: "source", 2: "title", 3: "byline",
        13: "heading", 40: "heading", 63: "heading", 79: "byline", 80: "byline",
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_seed_invariants(lang):
    doc = load_document(SEED / f"{lang}.txt", lang)
    sentences = segment(doc)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert doc.text[s.start : s.stop] == s.text == s.text.strip() != ""
        p = doc.paragraphs[s.paragraph]
        assert p.start <= s.start < s.stop <= p.stop and s.kind == p.kind
    assert all(a.stop <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


def test_explain_names_the_rule():
    doc = parse_document("Он приехал в 2020 г. в Минск. Встреча прошла хорошо.\n\nИтоги", "ru")
    explained = [(s.text, rule) for s, rule in segment_explained(doc)]
    assert explained == [
        ("Он приехал в 2020 г. в Минск.", "sentence_end"),
        ("Встреча прошла хорошо.", "end of paragraph"),
        ("Итоги", "byline paragraph"),
    ]


def test_base_splitter_named_when_no_rule_decides():
    explained = segment_explained(parse_document("The rate rose by 5.5. 2021 was worse.", "en"))
    assert [(s.text, rule) for s, rule in explained] == [
        ("The rate rose by 5.5.", "pysbd"), ("2021 was worse.", "end of paragraph")]


def _cases(lang: str) -> list[tuple[str, list[str]]]:
    lines = (DATA / "segment" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    cases = []
    for line in lines:
        if line.strip() and not line.startswith("#"):
            parts = [p.strip() for p in line.split("|")]
            cases.append((" ".join(parts), parts))
    return cases


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_hard_cases_file_is_big_enough(lang):
    cases = _cases(lang)
    assert len(cases) >= 150
    assert sum(len(parts) - 1 for _, parts in cases) >= 150


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_hard_cases(lang):
    wrong = []
    for text, gold in _cases(lang):
        got = [text[a:b] for a, b in split_text(text, lang)]
        if got != gold:
            wrong.append((gold, got))
    assert wrong == []


def test_split_text_spans_are_stripped_offsets():
    text = "  Первое предложение.   «Второе?» — спросил он. Третье…  "
    spans = split_text(text, "ru")
    assert [text[a:b] for a, b in spans] == ["Первое предложение.", "«Второе?» — спросил он.", "Третье…"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_empty_and_blank_paragraphs_give_no_segments(lang):
    assert split_text("", lang) == ()
    assert split_text("   ", lang) == ()


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), lang=st.sampled_from(["ru", "en"]))
def test_any_unicode_paragraph_slices_back(text, lang):
    spans = split_text(text, lang)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip() != ""
        last = b


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400), lang=st.sampled_from(["ru", "en"]))
def test_any_unicode_document_segments_with_invariants(text, lang):
    doc = parse_document(text, lang)
    sentences = segment(doc)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert doc.text[s.start : s.stop] == s.text == s.text.strip() != ""


def test_non_text_paragraph_is_one_segment_with_its_kind():
    text = "Итоги встречи. Второй день\n\nПервое. Второе."
    doc = Document("ru", "", text, (Paragraph(0, 26, "heading"), Paragraph(28, len(text), "text")))
    assert [(s.text, s.kind, s.paragraph) for s in segment(doc)] == [
        ("Итоги встречи. Второй день", "heading", 0), ("Первое.", "text", 1), ("Второе.", "text", 1)]


def test_decisions_show_joins_and_splits():
    text = "Указ подписал А. Г. Лукашенко в 2020 г. Он вступил в силу."
    assert decisions(text, "ru") == (
        (16, False, "initials"), (19, False, "initials"), (39, True, "ending_abbreviation"))
    assert split_text(text, "ru") == ((0, 39), (40, len(text)))


def test_inline_list_items_and_smileys():
    assert [text[a:b] for text in ["1) The first item 2) The second item"] for a, b in split_text(text, "en")] == [
        "1) The first item", "2) The second item"]
    text = "Вот так ;) Я вспомнила"
    assert [text[a:b] for a, b in split_text(text, "ru")] == ["Вот так ;)", "Я вспомнила"]


def test_items_after_a_semicolon_split_only_when_clause_long():
    text = "Собственник вправе: 1) проживать в данной квартире; 2) отчуждать свою долю; 3) сдавать ее."
    assert [(split, rule) for _, split, rule in decisions(text, "ru")] == [(True, "list_item"), (False, "list_item")]
    short = "Приоритеты: 1) экономика; 2) безопасность; 3) культура."
    assert [(split, rule) for _, split, rule in decisions(short, "ru")] == [(False, "list_item")] * 2
    stray = "Пошлины снизили в 2 раза; 10) пункт повестки перенесли на осень."
    assert split_text(stray, "ru") == ((0, len(stray)),)


def test_verb_in_a_relative_clause_is_not_the_main_verb():
    caption = "Дом, где родился Л.Н.Толстой, 1898 г. В 1854 году дом продан."
    assert split_text(caption, "ru") == ((0, len(caption)),)
    main_verb = "Соглашение, которое обсуждали с 2018 г., подписали в 2020 г. Оно действует."
    assert [main_verb[a:b] for a, b in split_text(main_verb, "ru")][1] == "Оно действует."


def test_long_quote_is_split_short_quote_is_not():
    short = "«Мы готовы. Ждем ответа», — сказал он."
    assert split_text(short, "ru") == ((0, len(short)),)
    speech = ("«Сейчас мы все свежи, у нас нет травм и болячек. Но главное заключается в том, что мы соскучились "
              "по хоккею в плей-офф. Это непередаваемая атмосфера в раздевалке и на льду», — сказал он.")
    assert [speech[a:b][:12] for a, b in split_text(speech, "ru")] == ["«Сейчас мы в", "Но главное з", "Это непереда"]


def test_stress_marks_do_not_change_decisions():
    text = "Он заключи\u0301л сде\u0301лку. Это ва\u0301жно. Пре\u0301зидент А\u0301. Г. Лукашенко согласился."
    assert [rule for _, _, rule in decisions(text, "ru")] == ["sentence_end", "sentence_end", "initials", "initials"]
    assert len(split_text(text, "ru")) == 3
