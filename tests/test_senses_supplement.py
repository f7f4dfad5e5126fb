"""The hand-written senses of news words (cards/lexicon/seeds/senses.tsv) and how the converter merges them."""

from __future__ import annotations

from cards.build import BuildOptions, find_dictionary
from cards.deck.content import meaning_for
from cards.lexicon.convert import FIRST, SAME, SEEDS_DIR, SHOWN, read_senses, supplemented_rows
from cards.lexicon.lexicon import shipped

PLAIN = BuildOptions(system_dictionaries=False)


def _row(lemma: str, pos: str, senses: str, shown: str = "") -> str:
    return "\t".join((lemma, lemma, pos, "", "", "", "", senses, shown))


def test_the_supplement_file_is_read_with_its_first_marks(tmp_path):
    path = tmp_path / "senses.tsv"
    path.write_text("# a comment\nМероприятие\tevent; measure\tfirst\n\nанализ\ttest\nкрупный\tmajor\tsame\n"
                    "провести\thold; carry out\tshown\nсрок\tterm\tsoon\n", encoding="utf-8")
    assert read_senses(path) == [("мероприятие", ("event", "measure"), FIRST), ("анализ", ("test",), ""),
                                 ("крупный", ("major",), SAME), ("провести", ("hold", "carry out"), SHOWN),
                                 ("срок", ("term",), "")]


def test_a_supplement_sense_comes_after_the_entry_s_senses_without_the_glosses_it_has():
    rows = [_row("анализ", "noun", "analysis | dissection")]
    merged = supplemented_rows(rows, [("анализ", ("dissection", "test"), "")], pos_of=lambda _: "noun")
    assert merged == [_row("анализ", "noun", "analysis | dissection | test")]
    # nothing new: the row stays as it was
    assert supplemented_rows(rows, [("анализ", ("Analysis",), "")], pos_of=lambda _: "noun") == rows


def test_a_sense_marked_first_goes_ahead_and_its_glosses_leave_the_later_senses():
    rows = [_row("мероприятие", "noun", "activity; event | undertaking")]
    merged = supplemented_rows(rows, [("мероприятие", ("event", "measure"), FIRST)], pos_of=lambda _: "noun")
    assert merged == [_row("мероприятие", "noun", "event; measure | activity | undertaking")]


def test_a_sense_marked_shown_is_a_later_sense_and_whole_in_the_last_column():
    """The senses stay in the order a learner meets them (as unmarked: its new glosses last); the sense a
    card shows ahead of them is the last column, with the glosses the entry has already."""
    rows = [_row("провести", "verb", "spend | conduct; carry out")]
    merged = supplemented_rows(rows, [("провести", ("hold", "carry out"), SHOWN)], pos_of=lambda _: "verb")
    assert merged == [_row("провести", "verb", "spend | conduct; carry out | hold", "hold; carry out")]


def test_glosses_marked_same_join_the_first_sense_so_they_are_no_later_sense():
    rows = [_row("крупный", "adj", "large; big | coarse")]
    merged = supplemented_rows(rows, [("крупный", ("major", "Big"), SAME)], pos_of=lambda _: "adj")
    assert merged == [_row("крупный", "adj", "large; big; major | coarse")]
    # a word with no sense yet gets it as its first
    assert supplemented_rows([], [("нацпроект", ("national project",), SAME)], pos_of=lambda _: "noun") == [
        _row("нацпроект", "noun", "national project")]


def test_the_sense_goes_to_the_entry_of_the_word_s_part_of_speech_or_a_new_one():
    rows = [_row("данные", "adj", "given"), _row("данные", "noun", "data"), _row("ёлка", "noun", "fir")]
    merged = supplemented_rows(rows, [("данные", ("figures",), ""), ("елка", ("Christmas tree",), ""),
                                      ("задействовать", ("use", "deploy"), "")], pos_of=lambda w: "verb" if w.endswith("ть") else "noun")
    assert _row("данные", "noun", "data | figures") in merged and _row("данные", "adj", "given") in merged
    assert _row("ёлка", "noun", "fir | Christmas tree") in merged  # ё and е are one word
    assert _row("задействовать", "verb", "use; deploy") in merged  # a lemma the sources lack
    assert merged == sorted(merged)


def test_every_supplement_line_is_in_the_shipped_lexicon():
    lexicon = shipped()
    for lemma, glosses, mark in read_senses(SEEDS_DIR / "senses.tsv"):
        senses = lexicon.senses(lemma)
        known = {g.lower() for sense in senses for g in sense}
        assert all(g.lower() in known for g in glosses), lemma
        if mark in (FIRST, SHOWN):
            assert [g.lower() for g in senses[0]] == [g.lower() for g in glosses], lemma


def test_everyday_news_senses_the_sources_lacked():
    lexicon = shipped()
    assert lexicon.senses("мероприятие")[0][0] == "event"
    assert "record" in {g for sense in lexicon.senses("зафиксировать") for g in sense}
    assert "deploy" in {g for sense in lexicon.senses("задействовать") for g in sense}
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("мероприятие", None, dictionary)[0].startswith("event")
    assert meaning_for("мероприятие", "events", dictionary) == ("event", "sentence")
    assert meaning_for("анализ", "tests", dictionary)[0] == "test"
    assert meaning_for("зафиксировать", "recorded", dictionary)[0] == "record"


def test_a_sense_marked_shown_leads_the_card_but_is_not_taken_as_met():
    """провести: a card with no counterpart shows "hold", the news sense; a B1 learner met it as "spend",
    so "hold" is one of its later senses, taught where the English says it (cards.deck.select.in_later_sense)."""
    from cards.lexicon.levels import learner_senses

    lexicon = shipped()
    entry = lexicon.entry("провести", "verb")
    assert entry.shown == ("hold", "carry out") and entry.senses[0] == ("spend",)
    assert entry.shown_senses[0] == ("hold", "carry out") and "carry out" not in entry.shown_senses[2]
    assert lexicon.senses("провести")[0] == ("hold", "carry out")
    assert lexicon.ranked("провести")[0] == ("hold", 0.0)
    assert lexicon.ranked("провести", shown=False)[0][0] == "spend"
    assert meaning_for("провести", None, find_dictionary(PLAIN)) == ("hold; carry out", "dictionary")
    met, later = learner_senses("провести")
    assert met == ("spend",) and {"hold", "carry out"} <= set(later)
    # the same for a first sense the learner model would read as a B1 learner's: счёт "bill", not "score"
    assert lexicon.senses("счёт")[0][:2] == ("account", "score") and learner_senses("счёт")[0] == ("bill",)
    # once firsts, now shown: a learner meets автомат as a vending machine and набрать as "dial" (a number)
    assert lexicon.senses("автомат")[0][0] == "assault rifle" and "automatic machine" in learner_senses("автомат")[0]
    assert lexicon.senses("набрать")[0][0] == "gain" and learner_senses("набрать")[0] == ("dial",)


def test_a_card_shows_the_news_sense_ahead_of_a_commoner_english_synonym_or_a_rarer_sense():
    """Without a counterpart a card showed магазин "magazine" (English frequency put it ahead of "shop"),
    атомный "atomic", вспышка "flash"; marked shown, the news sense comes first."""
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("магазин", None, dictionary, pos="noun")[0] == "shop"
    assert meaning_for("атомный", None, dictionary, pos="adj")[0] == "nuclear"
    assert meaning_for("вспышка", None, dictionary, pos="noun")[0].startswith("outbreak")


def test_hand_written_partners_replace_the_verbs_partners(tmp_path):
    from cards.lexicon.convert import partnered_rows, read_partners
    from cards.lexicon.lexicon import dictionary_partner

    path = tmp_path / "partners.tsv"
    path.write_text("# comment\nнаходиться\t-\nвидеть\tувидеть\n", encoding="utf-8")
    partners = read_partners(path)
    assert partners == {"находиться": "", "видеть": "увидеть"}
    rows = ["видеть\tви́деть\tverb\t\timpf\tзавидеть,увидеть\t\tsee", "видеть\tви́деть\tnoun\t\t\tx\t\tsight",
            "находиться\tнаходи́ться\tverb\t\timpf\tнайтись\t\tbe situated"]
    assert [r.split("\t")[5] for r in partnered_rows(rows, partners)] == ["увидеть", "x", ""]
    # the shipped lexicon has them: a card shows видеть (pf. увидеть) and no partner for находиться
    assert dictionary_partner("видеть", "impf") == "увидеть" and dictionary_partner("находиться", "impf") is None
