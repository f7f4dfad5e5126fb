"""Phrases taught whole (cards.lexicon.units): found as a verb with its object, taught when their words
are known, aligned as one, shown as a phrase, and kept by a rebuild; through a real Anki collection."""

from dataclasses import replace

from click.testing import CliRunner

from anki_client import import_apkg, open_collection
from cards.build import BuildOptions, find_dictionary, joined_span, phrase_span
from cards.cli import main
from cards.deck.known import lemmas_of
from cards.deck.select import select
from cards.lexicon.morph import analyse
from cards.lexicon.units import faded_nouns, phrase_glosses, phrase_units
from cards.model import Pair

RU = "Иностранные наблюдатели приняли участие в голосовании на выборах."
EN = "Foreign observers took part in the vote in the elections."


def test_a_phrase_is_a_verb_with_its_object_in_adjacent_words():
    units = phrase_units(analyse("Делегации приняли участие в переговорах, личный состав тоже, тем не менее."))
    assert [(u.form, u.glosses[0]) for u in units] == [("принять участие", "take part")]
    assert phrase_units(analyse("Они приняли, участие")) == ()  # punctuation between: two words, no phrase
    assert phrase_glosses("исполняющий обязанности")[0] == "acting"  # found from a form that is no lemma


def test_a_phrase_targets_inflected_counterpart_is_shown_in_its_dictionary_form():
    from cards.deck.content import phrase_target

    tokens = analyse(RU)
    unit = phrase_units(tokens)[0]
    at = EN.index("took part")
    target = phrase_target(Pair(RU, EN, 0.9), unit.token(tokens), (at, at + len("took part")))
    assert target.gloss == "take part"  # not "took part"
    assert EN[slice(*target.en_span)] == "took part"  # the highlight stays on the sentence's words


def test_the_noun_of_a_compound_preposition_is_no_target():
    tokens = analyse("К сожалению, в связи с этим связь в пользу мира, по крайней мере, в связи.")
    assert sorted(tokens[i].text for i in faded_nouns(tokens)) == ["мере", "пользу", "связи", "сожалению"]
    assert faded_nouns(analyse("В связи, с этим")) == frozenset()  # в связи с: the whole phrase
    assert faded_nouns(analyse("Связь в, пользу")) == frozenset()  # punctuation between: no phrase
    tokens = analyse("К нашему большому сожалению, в рамках соглашения и в соответствии с законом, к моему счастью.")
    assert sorted(tokens[i].text for i in faded_nouns(tokens)) == ["рамках", "сожалению", "соответствии", "счастью"]
    assert faded_nouns(analyse("к нашему, сожалению")) == frozenset()  # punctuation inside: no phrase
    assert faded_nouns(analyse("к делегации сожалению")) == frozenset()  # a noun inside: no phrase
    assert faded_nouns(analyse("к их огромному глубокому сожалению")) == frozenset()  # 3 modifiers: too many
    assert faded_nouns(analyse("в преддверии выборов")) == frozenset()  # a word met only there: taught with it
    options = BuildOptions().select_options()
    options = replace(options, everyday=options.everyday - {"сожаление"})  # B1 knows "regret": here it must not
    text = "К сожалению, делегация прибыла с сожалением."
    decision, = select((Pair(text, "Unfortunately, the delegation arrived with regret.", 1.0),), (analyse(text),), options=options)
    assert [t.text for t in decision.targets if t.lemma.lemma == "сожаление"] == ["сожалением"]  # not к сожалению
    text = "К сожалению, делегация прибыла."
    decision, = select((Pair(text, "Unfortunately, the delegation arrived.", 1.0),), (analyse(text),), options=options)
    assert "сожаление" not in decision.unknown and "делегация" in decision.unknown


def test_a_card_teaches_the_phrase_when_its_words_are_known_and_it_is_not():
    options = BuildOptions().select_options()
    pair, tokens = Pair(RU, EN, 1.0), analyse(RU)
    decision = select([pair], [tokens], options=options)[0]
    assert ("приняли участие", "phrase") in [(t.text, t.lemma.pos) for t in decision.targets]
    assert "наблюдатель" in [t.lemma.lemma for t in decision.targets]  # the words stay
    for unknown in (
        select([pair], [tokens], known=frozenset({"принять участие"}), options=options)[0],  # on the list
        select([pair], [tokens], options=replace(options, phrases=False))[0],
        select([pair], [tokens], options=replace(options, max_new=3))[0],  # no room left
    ):
        assert "phrase" not in [t.lemma.pos for t in unknown.targets]
    # a learner's list says so by a line of its own; a long text with the phrase does not
    assert "принять участие" in lemmas_of(["Приняли участие", "выборы"])
    assert "принять участие" not in lemmas_of(["Наблюдатели приняли участие в голосовании на выборах."])
    kept = select([pair], [tokens], options=options, earlier={0: ("наблюдатель", "принять участие")})[0]
    assert [t.lemma.lemma for t in kept.targets] == ["наблюдатель", "принять участие"]


def test_a_phrases_counterpart_is_its_gloss_in_the_english_else_its_words_joined():
    assert EN[slice(*phrase_span(EN, "принять участие"))] == "took part"
    assert phrase_span(EN, "вступать в силу") is None
    # a one-word gloss among the commonest English words (в составе: "as part of; in") is no sign of it
    assert phrase_span("Observers in the delegation took part.", "в составе") is None
    assert phrase_span("Observers took part in the vote as part of the delegation.", "в составе") is not None
    assert phrase_span("Observers took part during the vote.", "в ходе") is not None  # "during": not that common
    en = "250 ships from the northern fleet took part in the events."
    took, part, ships = [(en.index(w), en.index(w) + len(w)) for w in ("took", "part", "ships")]
    assert joined_span(en, [took, part]) == (took[0], part[1])
    assert joined_span(en, [ships, part]) is None  # the words point to two places: none
    assert joined_span(en, [None, part]) == part


def test_the_card_shows_the_phrase_and_its_counterpart_in_anki(tmp_path, collection):
    pair = tmp_path / "pair"
    pair.mkdir()
    (pair / "ru.txt").write_text(f"Выборы в регионе\n\n{RU} Явка была высокой, сообщили власти.\n", encoding="utf-8")
    (pair / "en.txt").write_text(f"Elections in the region\n\n{EN} Turnout was high, the authorities said.\n",
                                 encoding="utf-8")
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(main, ["build", str(pair), "--out", str(out), "--no-stress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    import_apkg(collection, out)
    fields = [dict(collection.get_note(nid).items()) for nid in collection.find_notes("")]
    note = next(f for f in fields if "наблюдатели" in f["Russian"])
    assert '<span class="target">приняли участие</span>' in note["Russian"]
    assert '<span class="target">took part</span>' in note["English"]
    assert "принять участие" in note["Vocabulary"] and ">phrase<" in note["Vocabulary"]


def test_a_collocation_of_the_seeds_is_a_unit_in_either_aspect_and_gives_its_verb_the_english():
    from cards.align.words import counterparts
    from cards.deck.content import sentence_phrase

    dictionary = find_dictionary(BuildOptions(system_dictionaries=False))
    for ru in ("США ввели санкции против компаний.", "США вводят санкции против компаний."):
        assert [(u.form, u.glosses[0]) for u in phrase_units(analyse(ru))][:1] in (
            [("ввести санкции", "impose sanctions")], [("вводить санкции", "impose sanctions")])
    ru, en = "США ввели санкции против компаний.", "The US imposed sanctions on companies."
    tokens = analyse(ru)
    targets = [(t.start, t.stop, t.lemma.lemma) for t in tokens if t.text in ("ввели", "санкции")]
    assert [en[a:b] for a, b in counterparts(ru, en, targets, dictionary=dictionary)] == ["imposed", "sanctions"]
    ru = "Новый дом сдан в эксплуатацию."
    tokens = analyse(ru)
    assert sentence_phrase(ru, tokens, tokens[2], dictionary) == "сдан в эксплуатацию: commission"


def test_of_two_phrases_of_the_same_lemmas_the_unit_is_the_one_written_as_the_sentence_has_it():
    from cards.lexicon.units import Unit, _as_written

    written = ["его", "назначили", "исполняющим", "обязанности"]
    participle, infinitive = Unit(2, 4, "исполняющий обязанности", ("acting",)), Unit(2, 4, "исполнять обязанности", ())
    assert _as_written(participle, written) == 2 and _as_written(infinitive, written) == 1
    units = phrase_units(analyse("Его назначили исполняющим обязанности губернатора."))
    assert [(u.form, u.glosses[0]) for u in units] == [("исполняющий обязанности", "acting")]


TALKS_RU = "В ходе переговоров делегации обсудили санкции и меморандум."
TALKS_EN = "During the talks the delegations discussed sanctions and the memorandum."


def test_the_set_phrases_of_news_are_found_as_written_each_known_from_its_level():
    from cards.lexicon.levels import ORDER
    from cards.lexicon.units import set_phrases, set_phrases_known

    units = phrase_units(analyse("На фоне протестов, в связи со снижением цен, ход встречи изменился."))
    assert [(u.form, u.glosses[0]) for u in units] == [("на фоне", "amid"), ("в связи с", "due to")]
    assert phrase_units(analyse("На, фоне протестов")) == ()  # punctuation between: two words, no phrase
    assert [u.form for u in phrase_units(analyse("Решение принято в свою пользу."))] == ["в свою пользу"]  # the longest
    assert set(set_phrases().values()) <= set(ORDER)  # every line of seeds/phrases.tsv says its level
    assert {"по словам", "в том числе", "в результате"} <= set_phrases_known("B1")
    assert not {"в ходе", "на фоне", "по итогам"} & set_phrases_known("B1")
    assert "в результате" not in set_phrases_known("A2") and "в ходе" in set_phrases_known("C1")
    assert "за счет" in set_phrases_known("C1")  # compared as lemma keys: ё as е


def test_a_card_with_room_teaches_a_set_phrase_the_level_does_not_know():
    pair, tokens = Pair(TALKS_RU, TALKS_EN, 1.0), analyse(TALKS_RU)
    b1 = BuildOptions(level="B1").select_options()
    decision = select([pair], [tokens], options=b1)[0]
    assert [(t.text, t.lemma.pos) for t in decision.targets][:2] == [("В ходе", "phrase"), ("переговоров", "noun")]
    assert len(decision.targets) <= b1.max_new  # it takes a word's room
    for without in (
        select([pair], [tokens], options=BuildOptions(level="C1").select_options())[0],  # known at C1
        select([pair], [tokens], known=frozenset({"в ходе"}), options=b1)[0],  # on the learner's list
        select([pair], [tokens], options=replace(b1, max_new=3))[0],  # no room left
        # a card of an earlier build keeps what it taught: a rebuild adds no phrase to an existing note
        select([pair], [tokens], options=b1, earlier={0: ("переговоры", "делегация")})[0],
    ):
        assert without.chosen and "в ходе" not in [t.lemma.lemma for t in without.targets]
    kept = select([pair], [tokens], options=b1, earlier={0: ("в ходе", "переговоры")})[0]
    assert [t.text for t in kept.targets] == ["В ходе", "переговоров"]
    text = "По словам министра, делегации обсудили санкции и меморандум."  # по словам: known at B1
    decision = select([Pair(text, "According to the minister, ...", 1.0)], [analyse(text)], options=b1)[0]
    assert "phrase" not in [t.lemma.pos for t in decision.targets]
    alone = "В ходе встречи."  # no word worth a card: no card for the phrase alone
    assert not select([Pair(alone, "During the meeting.", 1.0)], [analyse(alone)], options=b1)[0].chosen
    assert "в ходе" in lemmas_of(["в ходе", "выборы"])  # a learner's list may say it by a line of its own


def test_the_card_shows_a_set_phrase_with_its_gloss_in_the_english_and_its_words_no_counterpart(tmp_path, collection):
    from cards.build import article_counterparts, choose_cards, find_pairs, prepare_articles

    pair = tmp_path / "pair"
    pair.mkdir()
    (pair / "ru.txt").write_text(f"Переговоры в столице\n\n{TALKS_RU} Во время встречи в столице шёл дождь.\n",
                                 encoding="utf-8")
    (pair / "en.txt").write_text(f"Talks in the capital\n\n{TALKS_EN} Meanwhile in the capital it rained.\n",
                                 encoding="utf-8")
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(main, ["build", str(pair), "--out", str(out), "--no-stress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    import_apkg(collection, out)
    fields = [dict(collection.get_note(nid).items()) for nid in collection.find_notes("")]
    note = next(f for f in fields if "меморандум" in f["Russian"])
    assert '<span class="target">В ходе</span>' in note["Russian"]
    assert '<span class="target">During</span>' in note["English"]
    assert "в ходе" in note["Vocabulary"] and "during" in note["Vocabulary"] and ">phrase<" in note["Vocabulary"]
    # where the English has none of its glosses, the phrase has no counterpart (not its words' "in", "course")
    articles = prepare_articles(find_pairs([pair]))
    decisions, _ = choose_cards(articles)
    chosen = [d for d in decisions if d.chosen]
    reworded = [replace(d, pair=replace(d.pair, en="As the talks went on in the capital, the delegations discussed sanctions."))
                for d in chosen]
    spans = article_counterparts(articles[0], reworded, 0.5, find_dictionary(BuildOptions()))
    found = [s for d, spans_of in zip(reworded, spans, strict=True)
             for t, s in zip(d.targets, spans_of, strict=True) if t.lemma.lemma == "в ходе"]
    assert found == [None]


def test_inspect_words_says_what_happened_to_each_set_phrase(tmp_path):
    import json

    pair = tmp_path / "pair"
    pair.mkdir()
    (pair / "ru.txt").write_text(f"Переговоры в столице\n\n{TALKS_RU} По словам министра, меморандум подписан.\n",
                                 encoding="utf-8")
    (pair / "en.txt").write_text(f"Talks in the capital\n\n{TALKS_EN} According to the minister, the memorandum "
                                 "is signed.\n", encoding="utf-8")
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):  # no deck of an earlier build in decks/
        for level, during in (("B1", ("taught", "card 2")), ("C1", ("known", "a set phrase known at C1"))):
            result = runner.invoke(main, ["inspect", str(pair), "--words", "--format", "jsonl", "--level", level])
            assert result.exit_code == 0, result.output
            rows = {r["lemma"]: (r["status"], r["reason"]) for r in map(json.loads, result.output.splitlines()) if r}
            assert rows["в ходе"] == during
            assert rows["по словам"] == ("known", f"a set phrase known at {level}")


def test_a_rebuild_adds_no_set_phrase_to_a_note_it_keeps(tmp_path, collection):
    """A deck built when the learner knew в ходе (C1), rebuilt at B1: its note keeps its id and content, and
    Anki imports nothing new or updated; a fresh B1 deck teaches в ходе on that card."""
    pair = tmp_path / "pair"
    pair.mkdir()
    (pair / "ru.txt").write_text(f"Переговоры в столице\n\n{TALKS_RU}\n", encoding="utf-8")
    (pair / "en.txt").write_text(f"Talks in the capital\n\n{TALKS_EN}\n", encoding="utf-8")
    out = tmp_path / "deck.apkg"
    for level in ("C1", "B1"):
        result = CliRunner().invoke(main, ["build", str(pair), "--out", str(out), "--no-stress", "--level", level],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        counts = import_apkg(collection, out)
        if level == "B1":
            assert "0 new, 0 changed, 1 unchanged" in result.output
            assert (counts.new, counts.updated) == (0, 0)
    note = collection.get_note(collection.find_notes("")[0])
    assert collection.note_count() == 1 and "в ходе" not in note["Vocabulary"]
    fresh = tmp_path / "fresh.apkg"
    result = CliRunner().invoke(main, ["build", str(pair), "--out", str(fresh), "--no-stress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    other = open_collection(tmp_path / "fresh.anki2")
    try:
        import_apkg(other, fresh)
        taught = other.get_note(other.find_notes("")[0])
        assert taught.guid == note.guid and "в ходе" in taught["Vocabulary"]  # the same note id, with the phrase
    finally:
        other.close()
