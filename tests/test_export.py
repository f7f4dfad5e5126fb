"""Export: the .apkg a real Anki collection imports, with stable identities and escaped text."""

import json
import re
from dataclasses import replace

import pytest

from anki_client import import_apkg
from cards.errors import ExportError
from cards.deck.export import NoteSpec, card_key, deck_id, normalise_sentence, note_guid, read_state, write_apkg
from cards.model import Card, Lemma, Pair, Target
from cards.deck.render import render

DECK = "Political Russian::Test"


def make_card(ru: str, en: str, word: str, en_word: str | None = None, lemma: str | None = None) -> Card:
    start = ru.index(word)
    en_span = None
    if en_word:
        en_span = (en.index(en_word), en.index(en_word) + len(en_word))
    target = Target(
        lemma=Lemma(lemma or word, "noun", gender="f", zipf=3.5),
        ru_span=(start, start + len(word)),
        en_span=en_span,
        gloss=en_word or "",
    )
    return Card(Pair(ru, en, 0.97, "Test article"), (target,), ("teaches_one_new_word",), card_key(ru))


CARDS = [
    make_card("США сняли санкции с авиакомпании.", "The US lifted sanctions on the airline.", "санкции", "sanctions", "санкция"),
    make_card("Стороны обсудили сделку.", "The parties discussed the deal.", "сделку", "deal", "сделка"),
    make_card("Делегация прибыла в Минск.", "The delegation arrived in Minsk.", "Делегация", "delegation", "делегация"),
]


def visible_text(card_html: str) -> str:
    """What the learner sees: no style block, no tags, entities decoded."""
    import html

    body = re.sub(r"<style>.*?</style>", "", card_html, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()


def specs(cards, reverse=False, deck=DECK):
    return [NoteSpec(c, render(c, reverse=reverse), deck, ("source::test",)) for c in cards]


def test_import_counts_and_rendered_highlight(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    summary = write_apkg(specs(CARDS), out, timestamp=1_700_000_000)
    assert (summary.notes, summary.cards, summary.changed) == (3, 3, 3)

    counts = import_apkg(collection, out)
    assert (counts.new, counts.conflicting) == (3, 0)
    assert collection.note_count() == 3 and collection.card_count() == 3
    assert collection.decks.id_for_name(DECK) is not None

    (nid,) = collection.find_notes('"Russian:*сделку*"')
    card = collection.get_note(nid).cards()[0]
    assert '<span class="target">сделку</span>' in card.question()
    answer = card.answer()
    assert '<span class="target">deal</span>' in answer
    assert '<span class="lemma">сделка</span> <span class="grammar" title="noun · feminine">f.</span>' in answer
    assert collection.get_note(nid).tags == ["source::test"]


def test_reimport_of_the_same_file_adds_nothing(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS), out, timestamp=1_700_000_000)
    import_apkg(collection, out)
    again = import_apkg(collection, out)
    assert (again.new, again.updated, again.conflicting) == (0, 0, 0)
    assert again.duplicate == 3
    assert collection.note_count() == 3


def test_rebuild_keeps_guids_and_mod_times_of_unchanged_notes(tmp_path):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS), out, timestamp=1_700_000_000)
    first = read_state(out)
    changed_card = make_card("Стороны обсудили сделку.", "The parties discussed the deal.", "обсудили", "discussed", "обсудить")
    summary = write_apkg(specs([CARDS[0], changed_card, CARDS[2]]), out, timestamp=1_800_000_000)
    second = read_state(out)
    assert set(first) == set(second) == {note_guid(c.pair.ru) for c in CARDS}
    assert summary.changed == 1
    mods = {g: second[g]["mod"] for g in second}
    assert mods[note_guid(CARDS[0].pair.ru)] == 1_700_000_000
    assert mods[note_guid(changed_card.pair.ru)] == 1_800_000_000


def test_rebuilt_changed_note_updates_in_anki_and_unchanged_ones_do_not(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS), out, timestamp=1_700_000_000)
    import_apkg(collection, out)
    changed_card = make_card("Стороны обсудили сделку.", "The parties discussed the deal.", "обсудили", "discussed", "обсудить")
    write_apkg(specs([CARDS[0], changed_card, CARDS[2]]), out, timestamp=1_800_000_000)
    counts = import_apkg(collection, out)
    assert (counts.new, counts.updated, counts.duplicate, counts.conflicting) == (0, 1, 2, 0)
    (nid,) = collection.find_notes('"Russian:*обсудили*"')
    assert '<span class="target">обсудили</span>' in collection.get_note(nid)["Russian"]


def test_article_markup_shows_as_text_never_as_markup(tmp_path, collection):
    ru = "Он написал <script>alert(1)</script> и <b>жирно</b> & ушёл."
    en = "He wrote <script>alert(1)</script> and <b>bold</b> & left."
    card = make_card(ru, en, "написал", "wrote", "написать")
    out = tmp_path / "deck.apkg"
    write_apkg(specs([card]), out, timestamp=1_700_000_000)
    import_apkg(collection, out)
    (nid,) = collection.find_notes("")
    note = collection.get_note(nid)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in note["Russian"]
    assert "&lt;b&gt;жирно&lt;/b&gt; &amp; ушёл." in note["Russian"]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; left." in note["English"]
    question = note.cards()[0].question()
    assert "<script>" not in question and "<b>" not in question


def test_reverse_adds_a_production_card(tmp_path, collection):
    out = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS, reverse=True), out, timestamp=1_700_000_000)
    import_apkg(collection, out)
    assert collection.card_count() == 6
    (nid,) = collection.find_notes('"Russian:*сделку*"')
    production = [c for c in collection.get_note(nid).cards() if c.ord == 1][0]
    assert "The parties discussed the" in production.question()
    assert "сделку" not in production.question()


def test_existing_deck_survives_a_failed_write(tmp_path, monkeypatch):
    import errno
    import zipfile

    out = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS), out, timestamp=1_700_000_000)
    before = out.read_bytes()

    def broken(self, filename, arcname=None, *args, **kwargs):
        self.fp.write(b"half a deck")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", broken)
    with pytest.raises(ExportError, match="deck.apkg: cannot write the deck: no space left on the disk"):
        write_apkg(specs(CARDS[:1]), out, timestamp=1_800_000_000)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]


def test_identity_helpers():
    assert normalise_sentence("  Сде́лка  ЗАКЛЮЧЁННАЯ ") == "сделка заключенная"
    assert note_guid("Сде́лка заключённая.") == note_guid("сделка  заключенная.")
    assert note_guid("Сделка.") != note_guid("Санкции.")
    assert re.fullmatch(r"ru-[0-9a-f]{12}", card_key("Сделка."))
    assert deck_id(DECK) == deck_id(DECK) != deck_id(DECK + "x")
    assert json.loads(json.dumps(deck_id(DECK))) < 2**31


def test_cloze_notes_one_cloze_per_target_with_the_gloss_as_hint(tmp_path, collection):
    from cards.deck.render import render_cloze

    two = Card(
        Pair("США сняли санкции с {авиакомпании}.", "The US lifted sanctions on the airline.", 0.9),
        (
            Target(Lemma("снять", "verb", aspect="perf", zipf=5.1), (4, 9), (7, 13), "lifted; remove"),
            Target(Lemma("санкция", "noun", gender="f", zipf=4.9), (10, 17), (14, 23), "sanctions"),
        ),
        key=card_key("США сняли санкции с {авиакомпании}."),
    )
    fields = render_cloze(two)
    assert fields.russian == "США {{c1::сняли::lifted}} {{c2::санкции::sanctions}} с &#123;авиакомпании&#125;."
    out = tmp_path / "deck.apkg"
    write_apkg([NoteSpec(two, render(two), DECK), NoteSpec(two, fields, DECK, model="cloze")], out, timestamp=1_700_000_000)
    counts = import_apkg(collection, out)
    assert (counts.new, counts.conflicting) == (2, 0)
    assert collection.card_count() == 1 + 2  # a recognition card, and two clozes
    (cloze_nid,) = collection.find_notes('"note:Russian cloze (cards)"')
    cards = sorted(collection.get_note(cloze_nid).cards(), key=lambda c: c.ord)
    first = visible_text(cards[0].question())
    assert first == "США [lifted] санкции с {авиакомпании}."
    assert visible_text(cards[1].question()) == "США сняли [sanctions] с {авиакомпании}."
    assert visible_text(cards[0].answer()).startswith("США сняли санкции с {авиакомпании}.")


def test_csv_is_taken_by_ankis_own_importer_and_updates_by_guid(tmp_path, collection):
    from anki.collection import ImportCsvRequest

    from cards.deck.export import write_csv

    apkg = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS[:1]), apkg, timestamp=1_700_000_000)  # brings the note types
    import_apkg(collection, apkg)
    csv_path = tmp_path / "deck.csv"
    tricky = make_card('Он сказал: "нет"\tи ушёл.', 'He said "no" and left.', "сказал", "said", "сказать")
    summary = write_csv(specs(CARDS + [tricky]), csv_path)
    assert summary.notes == 4
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "#separator:tab", "#html:true", "#guid column:1", "#notetype column:2", "#deck column:3", "#tags column:11",
    ]
    metadata = collection.get_csv_metadata(str(csv_path), None)
    assert (metadata.guid_column, metadata.tags_column, metadata.is_html) == (1, 11, True)
    log = collection.import_csv(ImportCsvRequest(path=str(csv_path), metadata=metadata)).log
    assert (len(log.new), len(log.conflicting)) == (3, 0)
    assert len(log.new) + len(log.updated) + len(log.duplicate) == 4
    assert collection.note_count() == 4
    (nid,) = collection.find_notes('"English:*and left.*"')
    note = collection.get_note(nid)
    assert note.note_type()["name"] == "Russian sentence (cards)"
    assert note["Russian"].startswith('Он <span class="target">сказал</span>: &quot;нет&quot;')
    assert note.tags == ["source::test"]
    assert collection.decks.name(note.cards()[0].did) == DECK


def test_vocabulary_line_shows_lemma_grammar_gloss_and_frequency():
    from cards.deck.render import vocabulary_html

    ru = "Стороны заключили сделку."
    verb = Lemma("заключить", "verb", aspect="perf", zipf=4.9, aspect_partner="заключать")
    card = Card(
        Pair(ru, "The parties concluded a deal.", 0.9),
        (Target(verb, (8, 17), (12, 21), "concluded; conclude"),),
        key=card_key(ru),
    )
    assert vocabulary_html(card) == (
        '<div class="word"><span class="head"><span class="lemma">заключить</span> '
        '<span class="grammar" title="verb · perfective (impf. заключать)">pf. (impf. заключать)</span></span> '
        '<span class="gloss">concluded; conclude</span> <span class="freq">common</span></div>'
    )


def test_a_target_inside_a_collocation_shows_the_phrase():
    from cards.deck.render import vocabulary_html

    ru = "Власти решили снять санкции."
    card = Card(
        Pair(ru, "The authorities decided to lift sanctions.", 0.9),
        (Target(Lemma("санкция", "noun", gender="f", zipf=4.9), (20, 27), unit="снять санкции"),),
        key=card_key(ru),
    )
    # the target has no counterpart, so the phrase's English is the phrase table's, marked as a dictionary's
    assert vocabulary_html(card).endswith(
        '<div class="phrase"><span class="label">phrase</span> <span class="unit">снять санкции</span>'
        ' <span class="gloss dict" title="the phrase\'s dictionary sense"><span class="how">dict.</span>'
        ' lift sanctions</span></div>')
    from cards.lexicon.units import table_english

    assert table_english("подводят итоги") == "sum up"  # the seed's подводить итоги, not Wiktionary's подводить итог
    free = replace(card, targets=(replace(card.targets[0], unit="решили снять"),))  # in no phrase table
    assert vocabulary_html(free).endswith('<span class="unit">решить снять</span></div>')  # dictionary form, no gloss


def test_written_deck_has_ordinary_permissions(tmp_path):
    import os

    out = tmp_path / "deck.apkg"
    write_apkg(specs(CARDS), out, timestamp=1_700_000_000)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


# ---------------------------------------------------------------- Anki markup in article text stays text

MARKUP_RU = ("Он написал [sound:evil.mp3], [latex]x^2[/latex], [$]y[/$], [$$]z[/$$], \\(a^2\\), \\[b\\] "
             "и {{c2::тайну}} в сделку.")
MARKUP_EN = "He wrote [sound:evil.mp3], [latex]x^2[/latex], \\(a^2\\) and {{c2::secret}} into the deal."


def mathjax_runs(card_html: str) -> list[str]:
    """The runs of text MathJax searches for its delimiters: the page's text (character references decoded),
    cut at every element but <br> and <wbr>, as MathJax 3's HTMLDomStrings does."""
    from html.parser import HTMLParser

    class Runs(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.runs = [""]

        def handle_starttag(self, tag, attrs):
            if tag not in ("br", "wbr"):
                self.runs.append("")

        handle_endtag = handle_startendtag = lambda self, tag, *attrs: self.handle_starttag(tag, ())

        def handle_data(self, data):
            self.runs[-1] += data

    parser = Runs()
    parser.feed(re.sub(r"<style>.*?</style>", "", card_html, flags=re.S))
    parser.close()
    return parser.runs


def test_anki_markup_in_article_text_never_becomes_live(tmp_path, collection):
    from cards.deck.render import render_cloze

    start = MARKUP_RU.index("сделку")
    card = Card(
        Pair(MARKUP_RU, MARKUP_EN, 0.9, "[sound:source.mp3] Title \\(t\\)"),
        (Target(Lemma("сделка", "noun", gender="f", zipf=3.5), (start, start + 6), (MARKUP_EN.index("deal"),
                MARKUP_EN.index("deal") + 4), "[sound:gloss.mp3] deal {{c3::x}}", unit="[latex]u[/latex]"),),
        key=card_key(MARKUP_RU),
    )
    out = tmp_path / "deck.apkg"
    write_apkg([NoteSpec(card, render(card, reverse=True), DECK),
                NoteSpec(card, render_cloze(card), DECK, model="cloze")], out, timestamp=1_700_000_000)
    counts = import_apkg(collection, out)
    assert (counts.new, counts.conflicting) == (2, 0)
    assert collection.card_count() == 2 + 1  # recognition, production, and one cloze: {{c2::…}} stayed text
    rendered = [(c, side) for nid in collection.find_notes("") for c in collection.get_note(nid).cards()
                for side in (c.question(), c.answer())]
    assert len(rendered) == 6
    for c, side in rendered:
        assert c.question_av_tags() == [] and c.answer_av_tags() == []  # no [sound:…] to play
        assert "[anki:play" not in side and "<img" not in side  # no sound, no LaTeX image
        assert not [run for run in mathjax_runs(side) if "\\(" in run or "\\[" in run]  # nothing for MathJax
    (sentence_nid,) = collection.find_notes('"note:Russian sentence (cards)"')
    recognition = [c for c in collection.get_note(sentence_nid).cards() if c.ord == 0][0]
    assert visible_text(recognition.question()) == MARKUP_RU  # the learner still sees every character
    answer = visible_text(recognition.answer())
    assert MARKUP_EN in answer and "[sound:gloss.mp3] deal {{c3::x}}" in answer and "[sound:source.mp3] Title \\(t\\)" in answer
    (cloze_nid,) = collection.find_notes('"note:Russian cloze (cards)"')
    (cloze,) = collection.get_note(cloze_nid).cards()
    assert visible_text(cloze.question()).startswith("Он написал [sound:evil.mp3], [latex]x^2[/latex], [$]y[/$], "
                                                     "[$$]z[/$$], \\(a^2\\), \\[b\\] и {{c2::тайну}} в [")


def test_escape_shows_the_same_characters_with_no_markup_left():
    from cards.deck.render import escape

    assert escape("[sound:a.mp3] {{c1::x}} \\(y\\) <b>") == (
        "&#91;sound:a.mp3&#93; &#123;&#123;c1::x&#125;&#125; &#92;<span></span>(y&#92;<span></span>) &lt;b&gt;")


@pytest.mark.parametrize("text", [MARKUP_RU, MARKUP_EN, "\\\\[x]\\", "{{{}}}", "&#91; [[type:x]] [anki:tts]a[/anki:tts]"])
def test_escaped_text_has_no_markup_characters_and_reads_back(text):
    import html

    from cards.deck.render import escape

    escaped = escape(text)
    assert not set("[]{}\\<>") & set(escaped.replace("<span></span>", ""))
    assert html.unescape(escaped.replace("<span></span>", "")) == text


def test_identities_are_pinned():
    """Literal values: a change to any of them would duplicate every learner's notes on the next import,
    or split the note types and decks. Do not update these numbers to make a test pass."""
    from cards.deck.export import CLOZE_MODEL_ID, SENTENCE_MODEL_ID, cloze_model, fields_hash, sentence_model

    title = "Минск и Вашингтон на пути к большой сделке"
    lead = "Администрация Дональда Трампа предлагает Беларуси заключить «большую сделку»."
    assert (note_guid(title), note_guid(title, "cloze"), card_key(title)) == ("cQ7j4G:L#<", "Iv2b4c8yx&", "ru-66632d22f19c")
    assert (note_guid(lead), note_guid(lead, "cloze"), card_key(lead)) == ("wMr&hh[9G>", "LU}D~r!VYz", "ru-61d99f18f645")
    assert note_guid(title) == note_guid("  минск и вашингтон на пути к большой сделке ")  # normalised
    assert (SENTENCE_MODEL_ID, CLOZE_MODEL_ID) == (1742950117, 1742950118)
    assert [f["id"] for f in sentence_model().fields] == list(range(1742950217, 1742950224))
    assert [t["id"] for t in sentence_model().templates] == [1742950318, 1742950319]
    assert [f["id"] for f in cloze_model().fields] == list(range(1742950218, 1742950224))
    assert deck_id("Political Russian::Minsk and Washington on the Path to a Grand Deal") == 1582652216
    assert fields_hash("sentence", ["k", "ru", "en", "v", "s", "", ""], ["topic::politics", "source::x"],
                       "Political Russian::X") == "936d8ba0ac92b8228d9d45120fc4c9799bce2811"


def test_our_guid_is_genankis():
    import genanki

    for text in ("Минск и Вашингтон", "a", "Ёлка, ёж и «кавычки»"):
        assert note_guid(text) == genanki.guid_for("cards:russian-sentence:v1", normalise_sentence(text))


def test_new_cards_are_due_in_study_order(tmp_path, collection):
    """The notes are written in study order; Anki shows new cards by their due position: 1, 2, 3 …"""
    out = tmp_path / "deck.apkg"
    order = [CARDS[2], CARDS[0], CARDS[1]]  # the study order choose_cards gave
    write_apkg(specs(order), out, timestamp=1_700_000_000)
    import_apkg(collection, out)
    due = {collection.get_note(collection.get_card(cid).nid)["Key"]: collection.get_card(cid).due
           for cid in collection.find_cards("")}
    assert [due[c.key] for c in order] == [1, 2, 3]


def test_a_cloze_hint_cannot_open_a_second_field():
    """'::' inside a gloss would end the hint early in Anki's cloze syntax: it is written ': :'."""
    from dataclasses import replace

    from cards.deck.render import cloze_text

    card = CARDS[1]
    tricky = replace(card, targets=(replace(card.targets[0], gloss="deal::bargain; pact"),))
    assert cloze_text(tricky) == "Стороны обсудили {{c1::сделку::deal: :bargain}}."
