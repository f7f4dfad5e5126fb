"""Selection on hand-made analyses: filters, greedy cover, study order, earlier builds; and the seed
article against the issue's targets (tests/data/seed-political-vocab.txt)."""

from dataclasses import replace
from pathlib import Path

import pytest

from cards.model import Lemma, Pair, Token
from cards.deck.select import (
    SelectOptions,
    base_zipf,
    domain_weights,
    is_candidate,
    is_place_adjective,
    lemma_key,
    not_target,
    select,
)

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parent.parent / "seeds" / "minsk-washington"

# word → (lemma, pos, zipf, proper)
LEXICON = {
    "стороны": ("сторона", "noun", 5.6, False),
    "обсудили": ("обсудить", "verb", 4.4, False),
    "сделку": ("сделка", "noun", 4.3, False),
    "сделка": ("сделка", "noun", 4.3, False),
    "санкции": ("санкция", "noun", 3.9, False),
    "санкционные": ("санкционный", "adj", 3.6, False),
    "сняли": ("снять", "verb", 5.1, False),
    "минск": ("Минск", "noun", 4.5, True),
    "сша": ("США", "noun", 5.2, True),
    "в": ("в", "prep", 7.5, False),
    "и": ("и", "conj", 7.6, False),
    "с": ("с", "prep", 7.2, False),
    "заключили": ("заключить", "verb", 4.2, False),
    "важную": ("важный", "adj", 5.3, False),
    "делегация": ("делегация", "noun", 3.8, False),
    "прибыла": ("прибыть", "verb", 4.0, False),
    "посольство": ("посольство", "noun", 3.7, False),
    "экстерналии": ("экстерналия", "noun", 0.0, False),
    "2022": ("2022", "num", 0.0, False),
    "году": ("год", "noun", 6.4, False),
    "развитие": ("развитие", "noun", 5.7, False),
    "развития": ("развитие", "noun", 5.7, False),
    "рейтинг": ("рейтинг", "noun", 4.3, False),
    "«рейтинг»": ("Рейтинг", "noun", 4.3, True),  # a pollster's name, as the analyser gives it mid-sentence
    "группа": ("группа", "noun", 5.5, False),
    "вырос": ("вырасти", "verb", 4.9, False),
    "сумма": ("сумма", "noun", 5.09, False),
    "сделки": ("сделка", "noun", 4.3, False),
    "выросла": ("вырасти", "verb", 4.9, False),
}


def analyse(text: str) -> tuple[Token, ...]:
    tokens, pos = [], 0
    for word in text.rstrip(".").split():
        start = text.index(word, pos)
        pos = start + len(word)
        lemma, tag, zipf, proper = LEXICON[word.lower()]
        tokens.append(Token(start, pos, word, Lemma(lemma, tag, zipf=zipf, proper=proper)))
    return tuple(tokens)


def pair(ru: str, score: float = 0.95, kind: str = "text") -> Pair:
    return Pair(ru, "english", score, kind=kind)


OPTIONS = SelectOptions(min_words=3, max_new=2, extra_unknown=0)


def run(texts, known=frozenset(), options=OPTIONS, **kw):
    pairs = [p if isinstance(p, Pair) else pair(p) for p in texts]
    return select(pairs, [analyse(p.ru) for p in pairs], known, options, **kw)


def test_filters_name_the_rule_that_fired():
    decisions = run(
        [
            pair("Стороны обсудили сделку", kind="heading"),
            pair("Стороны обсудили сделку", score=0.2),
            "Минск и США",
            "Стороны обсудили",
        ]
    )
    assert [d.rule for d in decisions] == ["heading_or_byline", "low_confidence", "mostly_names_or_numbers", "too_short"]
    assert not any(d.chosen for d in decisions)


def test_cover_teaches_each_lemma_once_and_counts_taught_words_as_known():
    decisions = run(
        [
            "Стороны обсудили сделку",  # обсудить, сделка
            "Стороны заключили сделку",  # заключить (+ сделка, taught by the first)
            "Стороны обсудили сделку и санкции",  # nothing beyond санкция, сделка, обсудить
            "Делегация прибыла в Минск",  # делегация, прибыть
        ]
    )
    taught = [lemma_key(t.lemma.lemma) for d in decisions for t in d.targets]
    assert sorted(taught) == sorted(set(taught))
    assert set(taught) == {"обсудить", "сделка", "заключить", "санкция", "делегация", "прибыть"}
    # Three cards cover all six lemmas: the first sentence adds nothing once the others are chosen.
    assert [d.rule for d in decisions] == ["nothing_new", "teaches_new_words", "teaches_new_words", "teaches_new_words"]
    assert [[t.lemma.lemma for t in d.targets] for d in decisions[1:]] == [
        ["заключить", "сделка"], ["обсудить", "санкция"], ["делегация", "прибыть"]]


def test_known_lemmas_and_level_remove_targets():
    decisions = run(["Стороны обсудили сделку", "Стороны заключили сделку"], known=frozenset({"сделка", "Обсудить"}))
    assert [d.rule for d in decisions] == ["nothing_new", "teaches_one_new_word"]
    assert [t.lemma.lemma for t in decisions[1].targets] == ["заключить"]
    # "сторона" (Zipf 5.6) is above the default level and never a target; with a higher level it is.
    high = run(["Стороны обсудили сделку"], options=SelectOptions(min_words=3, max_new=3, extra_unknown=0, level=6.0))
    assert [t.lemma.lemma for t in high[0].targets] == ["сторона", "обсудить", "сделка"]


B1 = dict(level=5.0, topic_level=6.0)  # the level's two cuts (cards.lexicon.levels)


def test_a_topic_word_is_taught_in_the_topic_s_sense_only():
    """сторона (Zipf 5.6) is a word of the topic whose first sense, "side", a B1 learner knows: it is
    taught where the English says "parties", and known where it says "sides"."""
    options = SelectOptions(min_words=3, max_new=3, extra_unknown=0, topic=frozenset({"сторона"}),
                            topic_senses=frozenset({("сторона", "party")}), **B1)
    ru = "Стороны обсудили сделку"
    parties = run([Pair(ru, "The parties discussed the deal.", 0.95)], options=options)
    sides = run([Pair(ru, "Both sides discussed the deal.", 0.95)], options=options)
    assert [t.lemma.lemma for t in parties[0].targets] == ["сторона", "обсудить", "сделка"]
    assert [t.lemma.lemma for t in sides[0].targets] == ["обсудить", "сделка"]
    # a word of the topic whose first sense is the topic's is taught whatever the English says
    plain = run([Pair(ru, "Both sides discussed the deal.", 0.95)], options=replace(options, topic_senses=frozenset()))
    assert [t.lemma.lemma for t in plain[0].targets] == ["сторона", "обсудить", "сделка"]


def test_known_sense_matches_the_forms_of_a_term():
    from cards.deck.select import english_stems, known_sense

    assert english_stems("The parties elected borders; a Party") == ("the", "party", "elect", "border", "a", "party")
    side = Lemma("сторона", "noun", zipf=5.6)
    options = SelectOptions(topic=frozenset({"сторона"}), topic_senses=frozenset({("сторона", "party")}), **B1)
    assert known_sense(side, "on the other side", options)
    assert not known_sense(side, "the Party congress", options)
    assert not known_sense(Lemma("сторона", "noun", zipf=4.5), "on the other side", options)  # below the cut: taught
    assert not known_sense(Lemma("сторона", "noun", zipf=6.5), "the parties", options)  # above the topic's: known anyway


def test_a_common_word_is_taught_where_the_english_gives_it_a_later_sense():
    """включить (Zipf 5.0, known at B1) is met as "turn on": where the English says "included", the learner
    has not met this sense and it is taught; where it says "turned on", or a name holds the later word
    (The Wall Street Journal for газета), it stays known; so does an adverb, and all of it at a Zipf level."""
    from cards.deck.select import in_later_sense, is_candidate
    from cards.lexicon.levels import learner_senses

    assert learner_senses("включить")[0] == ("turn on",) and "include" in learner_senses("включить")[1]
    assert "start" not in learner_senses("начало")[1]  # a synonym of its first gloss is no later sense
    include = Lemma("включить", "verb", zipf=5.0, aspect="perf")
    options = SelectOptions(**B1)
    assert in_later_sense(include, "The government has included two roads in the list.", options)
    assert not in_later_sense(include, "He turned on the light and included it.", options)  # the first sense too
    assert not in_later_sense(include, "He turned on the light.", options)
    token = Token(0, 7, "включил", include)
    assert is_candidate(token, options, "The government included two roads.")
    assert not is_candidate(token, options, "He turned on the light.") and not is_candidate(token, options)
    paper = Lemma("газета", "noun", zipf=5.31)
    assert not in_later_sense(paper, "The Wall Street Journal reports.", options)
    assert not in_later_sense(include, "The government included two roads.", SelectOptions(level=4.5))
    assert not in_later_sense(include, "It was included.", replace(options, later_senses=False))
    # a later sense that is a function word ("be") says nothing: nearly every English sentence has it
    assert "be" in learner_senses("находиться")[1]
    located = Lemma("находиться", "verb", zipf=5.5, aspect="impf")
    assert not in_later_sense(located, "The town's school may be closed soon.", options)
    assert in_later_sense(located, "The keys turned up in the car.", options)  # a later sense of its own


def test_the_topic_senses_come_from_the_shipped_lexicon():
    """The topic words with an everyday first sense, and their terms: сторона "side" (the topic's:
    party), помочь "help" (aid); not министр, whose first sense is the topic's, nor орган, whose first
    sense "organ" is no everyday word."""
    from cards.lexicon.levels import topic_senses

    senses = topic_senses("politics")
    assert ("сторона", "party") in senses and ("помочь", "aid") in senses
    assert not {key for key, _ in senses} & {"министр", "выборы", "государство", "орган", "житель"}
    assert topic_senses("no-such-topic") == frozenset()


def test_the_nouns_an_article_is_about_are_taught_like_the_topic_s():
    """развитие (Zipf 5.7) is above the general cut, but in three sentences of one article it is what
    the article is about: taught; in two, or spread over two articles, it is known."""
    from cards.deck.select import subjects

    texts = ["Стороны обсудили развитие", "Делегация прибыла и развитие", "Посольство обсудили развития"]
    options = SelectOptions(min_words=3, max_new=3, extra_unknown=0, **B1)
    pairs = [pair(t) for t in texts]
    assert subjects(pairs, [analyse(t) for t in texts], options) == {"": {"развитие"}}
    taught = {t.lemma.lemma for d in run(texts, options=options) for t in d.targets}
    assert "развитие" in taught
    assert "развитие" not in {t.lemma.lemma for d in run(texts[:2], options=options) for t in d.targets}
    apart = [Pair(t, "english", 0.95, source=s) for t, s in zip(texts, "aab", strict=True)]
    assert subjects(apart, [analyse(t) for t in texts], options) == {}
    assert subjects(pairs, [analyse(t) for t in texts], replace(options, everyday=frozenset({"развитие"}))) == {}
    # another article about развитие does not make it a word to teach in this one
    other = [Pair(t, "english", 0.95, source="b") for t in texts]
    here = Pair("Делегация обсудили развитие", "english", 0.95, source="a")
    decisions = select([here, *other], [analyse(p.ru) for p in (here, *other)], options=options)
    assert "развитие" not in decisions[0].unknown
    assert "развитие" in decisions[1].unknown


def test_an_article_off_the_topic_takes_its_other_words_as_known():
    """Topicality: the share of an article's nouns, adjectives and verbs (names and everyday words left
    out) in the topic's list. At 0.25 or more the level's cuts hold; at 0.15 or less every word outside the
    topic is known, and the article has no subjects; between, the general cut falls in proportion."""
    from cards.deck.select import article_options, off_topic_level, topicality

    options = SelectOptions(min_words=3, max_new=3, extra_unknown=0, topic=frozenset({"санкция"}), **B1)
    off = ["Делегация прибыла в посольство", "Делегация обсудили развитие", "Развитие и развития"]
    on = ["Стороны обсудили санкции", "Санкции и развитие"]
    pairs = [Pair(t, "english", 0.95, source="off") for t in off] + [Pair(t, "english", 0.95, source="on") for t in on]
    analyses = [analyse(p.ru) for p in pairs]
    assert topicality(pairs, analyses, options) == {"off": 0.0, "on": 2 / 5}
    assert [off_topic_level(share, options) for share in (0.0, 0.15, 0.2, 0.24, 0.25, 0.5)] == [0, 0, 2.5, 4.5, 5.0, 5.0]
    assert off_topic_level(0.0, replace(options, topic_level=5.0)) == 5.0  # a Zipf level: one cut for all words
    judged = article_options(pairs, analyses, options)
    assert judged["off"].level == 0 and "развитие" not in judged["off"].topic  # no subject off the topic
    assert judged["on"].level == 5.0
    decisions = select(pairs, analyses, options=options)
    assert {k for d in decisions[:3] for k in d.unknown} == set()  # делегация (3.8) is known here …
    assert "санкция" in decisions[3].unknown
    moved = [replace(pairs[0], source="on"), *pairs[3:]]
    alone = select(moved, [analyses[0], *analyses[3:]], options=options)
    assert "делегация" in alone[0].unknown  # … not in an article on the topic (2 of 3 words are the topic's)


def test_a_bookish_word_is_known_from_a_little_above_the_general_cut():
    from cards.deck.select import known_cut

    options = SelectOptions(topic=frozenset({"санкция"}), **B1)
    assert [known_cut(k, options) for k in ("необходимость", "продукция", "гость", "акция", "сумма", "санкция")] == [
        5.2, 5.2, 5.0, 5.0, 5.0, 6.0]  # гость, акция: a bookish ending on too short a stem
    assert known_cut("необходимость", replace(options, topic_level=5.0)) == 5.0  # a Zipf level: one cut
    word = Lemma("необходимость", "noun", zipf=5.02)
    assert not is_candidate(Token(0, 13, "необходимость", replace(word, zipf=5.2)), options)
    assert is_candidate(Token(0, 13, "необходимость", word), options)


def test_the_learner_model_moves_the_general_cut_by_what_a_word_names():
    """A noun naming concrete things (океан) is known from below the general cut, a word of social life
    (сумма) only from above it; the topic's cut and a Zipf level are left alone, and every level moves
    by the same amounts."""
    from cards.deck.select import known_cut
    from cards.lexicon.levels import CONCRETE_DROP, SOCIAL_RAISE, resolve_level

    kinds = dict(concrete=frozenset({"океан"}), social=frozenset({"сумма", "поддержка", "санкция"}))
    options = SelectOptions(topic=frozenset({"санкция"}), **kinds, **B1)
    assert [known_cut(k, options) for k in ("океан", "сумма", "поддержка", "гость", "санкция")] == [
        5.0 - CONCRETE_DROP, 5.0 + SOCIAL_RAISE, 5.0 + SOCIAL_RAISE, 5.0, 6.0]  # поддержка: bookish too, not both
    assert known_cut("сумма", replace(options, topic_level=5.0)) == 5.0  # a Zipf level: one cut
    assert known_cut("океан", options, "adj") == known_cut("сумма", options, "verb") == 5.0  # the model speaks of nouns
    for name in ("A2", "B1", "B2", "C1"):
        level = resolve_level(name)
        at = replace(options, level=level.general, topic_level=level.topic)
        assert known_cut("океан", at) < known_cut("гость", at) < known_cut("сумма", at) <= known_cut("санкция", at)
    ocean, total = Lemma("океан", "noun", zipf=4.8), Lemma("сумма", "noun", zipf=5.09)
    assert not is_candidate(Token(0, 5, "океан", ocean), options)  # known at B1, though below 5.0
    assert is_candidate(Token(0, 5, "сумма", total), options)  # taught at B1, though above 5.0
    assert is_candidate(Token(0, 5, "океан", ocean), replace(options, concrete=frozenset()))  # without the model


def test_the_learner_s_known_list_wins_over_the_learner_model():
    options = SelectOptions(min_words=3, max_new=3, extra_unknown=0, social=frozenset({"сумма", "сделка"}), **B1)
    taught = run(["Сумма сделки выросла"], options=options)
    assert "сумма" in [t.lemma.lemma for t in taught[0].targets]
    known = run(["Сумма сделки выросла"], known=frozenset({"сумма"}), options=options)
    assert "сумма" not in [t.lemma.lemma for d in known for t in d.targets]


def test_a_full_card_also_teaches_the_words_no_other_sentence_has():
    from cards.deck.select import _plan

    weights = {"к1": 9.0, "к2": 8.0, "к3": 7.0, "тема": 2.0, "слово": 1.0}
    options = SelectOptions(max_new=2, fill=2, spill=1, min_weight=4.0, topic=frozenset({"тема"}))
    teach, _ = _plan(list(weights), weights, {k: 1 for k in weights}, options)
    assert teach == ["к1", "к2", "к3"]  # two, and one more that only this sentence has
    teach, _ = _plan(list(weights), weights, {"к1": 1, "к2": 1, "к3": 2, "тема": 1, "слово": 1}, options)
    assert teach == ["к1", "к2", "тема"]  # к3 has another sentence; the topic's word has none
    teach, _ = _plan(list(weights), weights, {k: 1 for k in weights}, replace(options, spill=0))
    assert teach == ["к1", "к2"]
    assert [SelectOptions(max_new=n).room_beyond for n in (2, 4, 6)] == [0, 1, 2]  # by default, a third more
    with pytest.raises(ValueError):
        SelectOptions(spill=-1)


def test_words_worth_a_card_and_the_topic_s_take_the_room_other_words_fill_up_to_fill():
    from cards.deck.select import _plan

    worth = {f"ключ{n}": 9.0 - n for n in range(6)}
    along = {"тема": 2.0, "слово": 1.5, "другое": 1.0}
    weights = worth | along
    options = SelectOptions(max_new=6, fill=4, spill=0, min_weight=4.0, topic=frozenset({"тема"}))
    teach, _ = _plan(list(weights), weights, {}, options)
    assert teach == list(worth)  # six words worth a card: the room is theirs
    teach, _ = _plan(["ключ0", "ключ1", *along], weights, {}, options)
    assert teach == ["ключ0", "ключ1", "тема", "слово"]  # the topic's word, then others up to 4
    teach, _ = _plan(["ключ0", "ключ1", "ключ2", "ключ3", *along], weights, {}, options)
    assert teach == ["ключ0", "ключ1", "ключ2", "ключ3", "тема"]  # the topic's word beyond 4; no other
    with pytest.raises(ValueError):
        SelectOptions(fill=-1)


def test_a_news_brief_makes_a_card_of_a_sentence_whose_new_words_are_the_topic_s_but_weigh_too_little():
    """In a news brief (at most `brief_words` Russian words) a sentence no card took is a card for the words of
    the topic no card teaches, though none weighs enough for a card of its own (18 детей погибли … в
    Волгоградской области: погибнуть, область); not in a longer article, nor for other words (вырасти), nor
    for a word of the domain-senses table whose English does not say its news sense."""
    options = SelectOptions(min_words=3, max_new=2, extra_unknown=0, min_weight=12.0,
                            topic=frozenset({"обсудить", "развитие"}), **B1)
    texts = ["Делегация прибыла в посольство", "Стороны обсудили развитие", "Группа вырос в Минск"]  # 11 words
    weights = domain_weights([analyse(t) for t in texts], options)
    assert weights["обсудить"] < options.min_weight and weights["развитие"] < options.min_weight
    brief = run(texts, options=options)
    assert [d.chosen for d in brief] == [True, True, False]
    assert {t.lemma.lemma for t in brief[1].targets} == {"обсудить", "развитие"}
    assert brief[2].rule == "not_worth_a_card"  # вырасти is no word of the topic
    longer = run(texts, options=replace(options, brief_words=10))
    assert [d.chosen for d in longer] == [True, False, False] and longer[1].rule == "not_worth_a_card"
    assert [d.chosen for d in run(texts, options=replace(options, brief_words=0))] == [True, False, False]
    senses = replace(options, domain_senses=frozenset({("обсудить", "verb", "discuss"), ("развитие", "noun", "development")}))
    elsewhere = run(texts, options=senses, counterparts=[{}, {}, {}])  # known in its first sense here
    assert [d.chosen for d in elsewhere] == [True, False, False]
    said = run(texts, options=senses, counterparts=[{}, {8: "discussed", 17: "development"}, {}])
    assert [d.chosen for d in said] == [True, True, False]


def test_a_dense_sentence_is_a_card_only_for_words_no_lighter_sentence_teaches():
    options = SelectOptions(min_words=3, max_new=2, extra_unknown=1, spill=0)
    dense = "Делегация прибыла и обсудили санкции"  # four new words: more than max_new + extra_unknown
    alone = run([dense], options=options)
    assert alone[0].chosen and len(alone[0].targets) == 2
    assert len(run([dense], options=replace(options, spill=2))[0].targets) == 4  # no other sentence has them
    assert set(alone[0].unknown) == {"делегация", "прибыть", "обсудить", "санкция"}
    covered = run([dense, "Делегация прибыла в Минск", "Стороны обсудили санкции"], options=options)
    assert not covered[0].chosen and covered[0].rule == "nothing_new"
    assert {t.lemma.lemma for d in covered for t in d.targets} == {"делегация", "прибыть", "обсудить", "санкция"}
    partly = run([dense, "Делегация прибыла в Минск"], options=options)  # обсудить, санкция: only the dense one
    assert partly[0].chosen and {t.lemma.lemma for t in partly[0].targets} == {"обсудить", "санкция"}


def test_a_sentence_a_little_too_long_is_a_last_chance_for_the_words_no_other_sentence_has():
    options = SelectOptions(min_words=3, max_new=2, extra_unknown=0, max_words=4)  # rescued up to 6 words
    five = "Делегация прибыла и обсудили санкции"  # five words: too long, yet within long_rescue
    alone = run([five], options=options)
    assert alone[0].chosen and alone[0].rule == "teaches_new_words"
    assert {t.lemma.lemma for t in alone[0].targets} <= {"делегация", "прибыть", "обсудить", "санкция"}
    strict = run([five], options=replace(options, long_rescue=1.0))
    assert not strict[0].chosen and strict[0].rule == "too_long"
    covered = run([five, "Делегация прибыла в Минск", "Стороны обсудили санкции"], options=options)
    assert not covered[0].chosen and covered[0].rule == "too_long"  # a shorter sentence teaches each word
    seven = "Делегация прибыла и обсудили санкции и сделку"  # beyond 1.5 × 4 words: no card, whatever it holds
    assert run([seven], options=options)[0].rule == "too_long"
    with pytest.raises(ValueError):
        SelectOptions(long_rescue=0.5)


def test_a_card_may_leave_a_few_unknown_words_for_later_cards():
    options = SelectOptions(min_words=3, max_new=2, extra_unknown=2)
    decisions = run(["Делегация прибыла и обсудили санкции", "Делегация прибыла в Минск"], options=options)
    first, _ = decisions
    assert first.chosen and len(first.targets) == 2
    taught = {t.lemma.lemma for d in decisions for t in d.targets}
    assert taught == {"делегация", "прибыть", "обсудить", "санкция"}


def test_rare_words_are_not_targets():
    decisions = run(["Стороны обсудили экстерналии"])
    assert [t.lemma.lemma for t in decisions[0].targets] == ["обсудить"]


def test_study_order_puts_fewest_new_words_first():
    decisions = run(["Делегация прибыла в Минск", "Стороны заключили сделку", "Стороны обсудили санкции"],
                    options=OPTIONS)
    order = sorted((d for d in decisions if d.chosen), key=lambda d: d.order)
    assert [d.order for d in order] == [0, 1, 2]
    # each of these teaches two new words; ties go to the more frequent (easier) words first
    assert [d.index for d in order] == [1, 2, 0]


def test_max_cards_stops_the_cover():
    decisions = run(["Стороны обсудили сделку", "Делегация прибыла в Минск", "Стороны заключили сделку"],
                    options=SelectOptions(min_words=3, max_new=2, extra_unknown=0, max_cards=1))
    assert sum(d.chosen for d in decisions) == 1
    assert sorted(d.rule for d in decisions if not d.chosen) == ["max_cards_reached", "max_cards_reached"]


def test_earlier_build_keeps_its_cards_and_their_words_count_as_taught():
    texts = ["Стороны обсудили сделку", "Стороны заключили сделку"]
    decisions = run(texts, earlier={1: ("заключить", "сделка")})
    assert decisions[1].rule == "kept_from_earlier_build"
    assert [t.lemma.lemma for t in decisions[1].targets] == ["заключить", "сделка"]
    assert [t.lemma.lemma for t in decisions[0].targets] == ["обсудить"]


def test_a_kept_card_teaches_its_lemma_by_the_token_the_first_build_took():
    """A name and a word share a lemma key («Рейтинг», the pollster; рейтинг, the word): a rebuild keeps the
    word, as the first build taught it, not the first token of the key (once it stored «Рейтинг»: a changed note)."""
    texts = ["Группа «Рейтинг» рейтинг вырос"]
    first = run(texts)
    assert [(t.text, t.lemma.lemma) for t in first[0].targets] == [("рейтинг", "рейтинг"), ("вырос", "вырасти")]
    lemmas = tuple(t.lemma.lemma for t in first[0].targets)
    again = run(texts, known=frozenset(lemmas), earlier={0: lemmas}, listed=frozenset())  # as cards.build does
    assert again[0].rule == "kept_from_earlier_build"
    assert again[0].targets == first[0].targets


def test_an_article_built_before_gets_no_new_cards():
    seed = [Pair(t, "english", 0.95, source="seed") for t in ("Стороны обсудили сделку", "Делегация прибыла в Минск")]
    other = [Pair("Стороны заключили сделку", "english", 0.95, source="other")]
    pairs = seed + other
    decisions = select(pairs, [analyse(p.ru) for p in pairs], options=OPTIONS, earlier={0: ("обсудить", "сделка")})
    assert [d.rule for d in decisions] == ["kept_from_earlier_build", "article_built_before", "teaches_one_new_word"]
    assert [t.lemma.lemma for t in decisions[2].targets] == ["заключить"]


def test_an_article_built_before_without_cards_gets_none_and_a_sentence_is_one_card():
    """`built`: articles an earlier build had, even with no card; the same sentence in a later article is
    not a second card (it would be the same note), whatever it could still teach."""
    seed = [Pair(t, "english", 0.95, source="seed") for t in ("Стороны обсудили сделку", "Делегация прибыла в Минск")]
    other = [Pair("Стороны заключили сделку", "english", 0.95, source="other")]
    pairs = seed + other
    decisions = select(pairs, [analyse(p.ru) for p in pairs], options=OPTIONS, built=frozenset({"other"}))
    assert [d.chosen for d in decisions] == [True, True, False]
    assert decisions[2].rule == "article_built_before"
    twice = [*pairs, Pair("Стороны  обсудили сделку", "other english", 0.95, source="third")]
    decisions = select(twice, [analyse(p.ru) for p in twice], options=OPTIONS)
    assert decisions[0].chosen and (decisions[3].chosen, decisions[3].rule) == (False, "sentence_of_another_pair")


def test_domain_weight_prefers_repeated_words():
    analyses = [analyse("Стороны обсудили сделку"), analyse("Стороны заключили сделку")]
    weights = domain_weights(analyses, OPTIONS)
    assert weights["сделка"] > weights["заключить"] > 0


def test_ordinals_place_words_and_pointing_adverbs_are_never_targets():
    assert not_target(Lemma("четвёртый", "adj")) == "ordinal"
    assert not_target(Lemma("иранский", "adj")) == "place_adjective"  # Иран
    assert not_target(Lemma("белорусский", "adj")) == "place_adjective"  # Белоруссия
    assert not_target(Lemma("американец", "noun", animacy="anim")) == "demonym"  # американский ← Америка
    assert not_target(Lemma("насколько", "adv")) == "pronominal_adverb"
    for word in ("врио", "ул", "сми"):  # pymorphy3 knows them only as abbreviations
        assert not_target(Lemma(word, "noun")) == "abbreviation", word
    assert not_target(Lemma("улица", "noun")) is None
    for word in ("санкционный", "дипломатический", "политический", "городской", "детский"):
        assert not_target(Lemma(word, "adj")) is None, word
    assert not_target(Lemma("коллега", "noun", animacy="anim")) is None
    # A name of the text pymorphy3 does not know as a place still makes its adjective a place word.
    assert is_place_adjective("лукашенковский", frozenset({"лукашенко"}))
    assert not is_place_adjective("лукашенковский")
    assert is_place_adjective("армянский", frozenset({"армения"})) and not is_place_adjective("армянский")
    assert not is_place_adjective("городской", frozenset({"гродно"}))  # same consonants as far as they go: not enough


def test_words_made_from_a_known_word_count_as_known():
    hard = Token(0, 6, "сложно", Lemma("сложно", "adv", zipf=4.94))  # сложный is above the level
    assert base_zipf("сложно", "adv") == base_zipf("сложно", "adv", None) >= 5.0
    assert not is_candidate(hard, SelectOptions())
    assert is_candidate(hard, SelectOptions(level=base_zipf("сложно", "adv") + 0.01))
    discuss = Lemma("обсудить", "verb", aspect="perf", zipf=4.76)  # with обсуждать it is above the level
    assert base_zipf(discuss.lemma, "verb", "perf") > max(discuss.zipf, 5.0)
    assert not is_candidate(Token(0, 8, "обсудить", discuss), SelectOptions())


def test_domain_weight_counts_near_duplicates_once_and_word_families_together():
    text = "Стороны обсудили сделку и санкции"
    assert domain_weights([analyse(text), analyse(text)], OPTIONS) == domain_weights([analyse(text)], OPTIONS)
    alone = domain_weights([analyse("Стороны обсудили санкционные сделку")], OPTIONS)
    with_family = domain_weights([analyse("Стороны обсудили санкционные сделку"), analyse("Санкции и сделка")], OPTIONS)
    assert with_family["санкционный"] > alone["санкционный"]


def test_another_article_raises_the_words_it_shares_and_leaves_the_rest():
    first = [analyse("Стороны обсудили сделку"), analyse("Делегация прибыла в Минск")]
    second = [analyse("Стороны заключили сделку")]
    alone = domain_weights(first, OPTIONS, ["a", "a"])
    both = domain_weights(first + second, OPTIONS, ["a", "a", "b"])
    assert {k: both[k] for k in alone if k != "сделка"} == {k: v for k, v in alone.items() if k != "сделка"}
    assert both["сделка"] > alone["сделка"]
    assert domain_weights(first, OPTIONS) == alone  # no sources: one article


def test_words_not_worth_a_card_are_only_taught_along():
    texts = ["Делегация прибыла в Минск", "Стороны обсудили и Минск"]
    weights = domain_weights([analyse(t) for t in texts], OPTIONS)
    assert weights["делегация"] > weights["прибыть"] > weights["обсудить"]
    # обсудить is below the bar: no card of its own, but taught along where a card has room.
    options = SelectOptions(min_words=3, max_new=2, extra_unknown=0, min_weight=(weights["прибыть"] + weights["обсудить"]) / 2)
    decisions = run(texts, options=options)
    assert [d.rule for d in decisions] == ["teaches_new_words", "not_worth_a_card"]
    assert [t.lemma.lemma for t in decisions[0].targets] == ["делегация", "прибыть"]
    along = run(["Делегация обсудили и Минск"], options=options)
    assert [t.lemma.lemma for t in along[0].targets] == ["делегация", "обсудить"]


def test_a_card_teaches_first_the_words_no_other_pair_can_teach():
    from cards.deck.select import _plan

    weights = {"санкция": 9.0, "сделка": 5.0, "обсудить": 1.0}
    options = SelectOptions(max_new=1, min_weight=2.0, spill=0)
    # санкция weighs more, but another open pair can teach it: this card teaches сделка.
    teach, gain = _plan(["санкция", "сделка", "обсудить"], weights, {"санкция": 2, "сделка": 1}, options)
    assert teach == ["сделка"]
    assert gain == 5.0 - 0.25 * 2.0 * (1.0 + 0.5)  # one word worth a card left unexplained, one other
    teach, _ = _plan(["санкция", "сделка"], weights, {"санкция": 1, "сделка": 1}, options)
    assert teach == ["санкция"]


def read_vocab(name: str = "seed-political-vocab.txt") -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [lemma_key(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("folder, vocab_name, size, gold_path, most_cards, coverage", [
    # measured 45 cards, 74/84 = 0.881 (at B1 the level takes 4 of the 88 as known, down from 17 with
    # the old single Zipf cut 5.0, whose 71 words it reached 0.93 of); 71/83 with 4 words a card (issue
    # 11); the margin is one word, because the issue's 45-card limit binds
    (SEED, "seed-political-vocab.txt", 88, DATA / "seed-gold" / "seed.jsonl", 45, 0.86),
    # held out: the list and the sentence alignment were made by hand after selection was tuned;
    # measured 19 cards (one a headline), 38/44 = 0.864
    (DATA / "pairs" / "yerevan-brussels", "heldout-political-vocab.txt", 47,
     DATA / "wordalign-heldout" / "yerevan-brussels.jsonl", 20, 0.84),
])
def test_build_meets_the_issue_targets(folder, vocab_name, size, gold_path, most_cards, coverage):
    """Default options (B1): few cards, teaching most of the hand-made political vocabulary the
    level does not take as known; every chosen pair is a gold link (a true translation)."""
    import json

    from cards.build import choose_cards, find_pairs, prepare_articles
    from cards.lexicon.morph import analyse as analyse_ru

    from cards.build import BuildOptions
    from cards.deck.select import known_by_level

    articles = prepare_articles(find_pairs([folder]))
    decisions, cards = choose_cards(articles)
    options = BuildOptions().select_options()
    lemmas = {lemma_key(t.lemma.lemma): t.lemma for p in articles[0].pairs for t in analyse_ru(p.ru)}
    vocab = read_vocab(vocab_name)
    assert len(vocab) == size and all(k in lemmas for k in vocab)
    known = {k for k in vocab if known_by_level(lemmas[k], options)}
    to_teach = [k for k in vocab if k not in known]
    taught = {lemma_key(t.lemma.lemma) for c in cards for t in c.targets}
    assert len(cards) <= most_cards
    assert sum(k in taught for k in to_teach) >= coverage * len(to_teach)
    gold = json.loads(gold_path.read_text(encoding="utf-8").splitlines()[0])
    links = {(tuple(r), tuple(e)) for r, e in gold["links"]}
    assert [s.text for s in articles[0].ru_sentences] == gold["ru"]
    assert all((d.pair.beads[0].ru, d.pair.beads[0].en) in links for d in decisions if d.chosen)


def test_compound_place_adjectives_are_place_adjectives():
    from cards.deck.select import is_place_adjective

    assert is_place_adjective("белорусско-американский")
    assert is_place_adjective("российско-украинский")
    assert not is_place_adjective("банковско-финансовый")
    assert not is_place_adjective("политико-экономический")


def test_a_long_article_weighs_its_words_like_short_ones():
    """Keyness is taken per stretch of STRETCH_WORDS words: the seed's words stay worth a card when
    the seed is the end of a long article (before, 68 of its 89 did; expected counts grew with length)."""
    from cards.build import find_pairs, prepare_articles
    from cards.lexicon.morph import analyse as analyse_ru

    options = SelectOptions()
    seed = [analyse_ru(p.ru) for p in prepare_articles(find_pairs([SEED]))[0].pairs]
    filler = [analyse_ru(line.replace("|", " ")) for line in (DATA / "segment" / "ru.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    alone = domain_weights(seed, options, ["a"] * len(seed))
    inside = domain_weights(filler + seed, options, ["a"] * (len(filler) + len(seed)))
    worth = [k for k, w in alone.items() if w >= options.min_weight]
    still = [k for k in worth if inside.get(k, 0.0) >= options.min_weight]
    assert len(worth) >= 60 and len(still) >= 0.9 * len(worth)


# --- names the Russian sentence alone does not show (hand-made sentences, written for these tests)


def real_pair(ru: str, en: str, source: str = "") -> Pair:
    return Pair(ru, en, 0.95, source=source)


def test_peskov_spelled_in_the_english_is_never_a_target():
    """Even when the analysis takes Песков for песок "sand" (pymorphy3's first parse, rules=()),
    the English "Peskov" makes it a name: never a target, though it would be a candidate otherwise."""
    from cards.lexicon import morph

    p = real_pair("Песков назвал новые санкции против банков экономической войной.",
                  "Peskov called the new sanctions against the banks an economic war.")
    plain = morph.analyse(p.ru, rules=())
    assert (plain[0].lemma.lemma, plain[0].lemma.proper) == ("песок", False)
    options = SelectOptions(min_words=3, min_weight=0.0)
    assert "песок" in domain_weights([plain], options)  # a candidate, had the English not shown the name
    for analysis in (plain, morph.analyse(p.ru)):
        decision, = select([p], [analysis], options=options)
        assert decision.chosen
        assert "песок" not in decision.unknown
        assert all(lemma_key(t.lemma.lemma) != "песок" for t in decision.targets)
        assert "санкция" in {lemma_key(t.lemma.lemma) for t in decision.targets}


def test_name_rules_read_the_english_and_the_article():
    from cards.lexicon import morph
    from cards.deck.select import name_rule, with_names

    def first(ru: str, en: str, names=frozenset()):
        return name_rule(morph.analyse(ru, rules=())[0], real_pair(ru, en), names)

    assert first("Песков отказался от комментариев.", "Peskov declined to comment.") == "spelled_in_english"
    assert first("Пескова не удивило решение.", "Peskov's office was not surprised.") is None  # already a name
    assert first("Кремль отверг обвинения.", "The Kremlin rejected the accusations.") == "spelled_in_english"
    assert first("Думы на этой неделе не будет.", "The Duma will not sit this week.") == "spelled_in_english"
    # cognates and common words opening the English sentence are no names
    assert first("Санкции вводятся поэтапно.", "Sanctions are being introduced in stages.") is None
    assert first("Парламент одобрил поправки.", "Parliament approved the amendments.") is None
    assert first("Президент подписал указ.", "The President signed the decree.") is None
    assert first("Кремль отверг обвинения.", "Moscow rejected the accusations.") is None
    assert first("Кремль отверг обвинения.", "Moscow rejected the accusations.", frozenset({"кремль"})) == (
        "capitalised_elsewhere")

    pairs = [real_pair("Кремль пока молчит.", "Moscow is silent so far.", "a"),
             real_pair("Источник в Кремле подтвердил встречу.", "A source confirmed the meeting.", "a"),
             real_pair("Кремль пока молчит.", "Moscow is silent so far.", "b")]
    named = with_names(pairs, [morph.analyse(p.ru) for p in pairs])
    assert [(t[0].lemma.lemma, t[0].lemma.proper) for t in named] == [
        ("Кремль", True), ("источник", False), ("кремль", False)]  # article b never writes it mid-sentence
    assert (named[1][2].lemma.lemma, named[1][2].lemma.proper) == ("Кремль", True)


def test_english_names_and_spelling_similarity():
    from cards.deck.select import english_names, spelling_similarity

    assert english_names('"Peskov\'s words matter," he said. The Kremlin: Duma deputies') == (
        ("Peskov", True), ("The", True), ("Kremlin", False), ("Duma", True))
    assert spelling_similarity("песков", "Peskov") == 1.0
    assert spelling_similarity("юлия", "Yulia") == 1.0
    assert spelling_similarity("кремль", "Kremlin") == pytest.approx(10 / 12)
    assert spelling_similarity("санкции", "Sanctions") < 0.8  # a cognate, not a transliteration


def test_a_headline_that_is_a_sentence_can_be_a_card_a_noun_phrase_cannot():
    from cards.lexicon.morph import analyse
    from cards.deck.select import first_filter

    sentence = "Папа Римский приветствовал соглашение о перемирии в Донбассе"
    phrase = "Соглашение о перемирии в Донбассе"
    options = SelectOptions()
    assert first_filter(Pair(sentence, "The Pope welcomed the Donbass truce", 0.9, kind="title"),
                        analyse(sentence), options) is None
    assert first_filter(Pair(phrase, "The Donbass truce agreement", 0.9, kind="title"),
                        analyse(phrase), options) == "heading_or_byline"
    assert first_filter(Pair(sentence, "The Pope welcomed the Donbass truce", 0.9, kind="byline"),
                        analyse(sentence), options) == "heading_or_byline"


def test_every_rule_a_decision_can_name_is_explained():
    """`cards inspect --help` shows a legend of the rules: each one a decision can carry has a meaning."""
    import re as _re

    from cards.deck.select import FILTERS, RULE_MEANINGS

    source = (Path(__file__).resolve().parent.parent / "cards" / "deck" / "select.py").read_text(encoding="utf-8")
    emitted = set(_re.findall(r'final_rule\[i\] = "(\w+)"', source)) | {"teaches_one_new_word", "teaches_new_words"}
    assert {name for name, _ in FILTERS} | emitted == set(RULE_MEANINGS)


def test_duplicate_candidates_never_miss_a_near_duplicate():
    """The inverted index finds every earlier sentence `_same_sentence` would call a near duplicate."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cards.deck.select import _duplicate_candidates, _same_sentence

    word_sets = st.frozensets(st.sampled_from("абвгдежзиклмнопр"), max_size=10)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(word_sets, max_size=12), word_sets)
    def check(seen, keys):
        postings = {}
        for j, other in enumerate(seen):
            for k in other:
                postings.setdefault(k, []).append(j)
        found = _duplicate_candidates(keys, postings)
        assert {j for j, other in enumerate(seen) if _same_sentence(keys, other)} <= found

    check()


# The greedy steps as they were written first, every pair against every other each round (quadratic):
# the indexed ones must choose exactly what these choose.


def _cover_by_rounds(open_pairs, unknown, weights, taught, options, budget, length):
    from collections import Counter

    from cards.deck.select import _plan, _teachable

    chosen, open_pairs = {}, list(open_pairs)
    while open_pairs and (budget is None or len(chosen) < budget):
        new = {i: [k for k in unknown[i] if k not in taught] for i in open_pairs}
        able = [i for i in open_pairs if _teachable(new[i], weights, options)]
        chances = Counter(k for i in able for k in new[i])
        best, best_gain, best_teach = None, 0.0, []
        for i in able:
            teach, gain = _plan(new[i], weights, chances, options)
            gain += 0.1 * options.min_weight * (len(new[i]) == 1) - 0.001 * length[i]
            if best is None or gain > best_gain:
                best, best_gain, best_teach = i, gain, teach
        if best is None:
            break
        chosen[best] = best_teach
        taught.update(best_teach)
        open_pairs.remove(best)
    return chosen


def _drop_redundant_by_copies(chosen, unknown, weights, options):
    chosen = {i: list(keys) for i, keys in chosen.items()}
    for i in reversed(list(chosen)):
        others = {j: list(keys) for j, keys in chosen.items() if j != i}
        movable = True
        for k in [k for k in chosen[i] if weights[k] >= options.min_weight]:
            home = next((j for j, keys in others.items() if k in unknown[j] and k not in keys
                         and (len(keys) < options.max_new or any(weights[x] < options.min_weight for x in keys))),
                        None)
            if home is None:
                movable = False
                break
            if len(others[home]) >= options.max_new:
                others[home].remove(min(others[home], key=lambda x: weights[x]))
            others[home].append(k)
            along = [x for x in others[home] if weights[x] < options.min_weight and x not in options.topic]
            while along and len(others[home]) > options.fill:
                others[home].remove(along.pop(along.index(min(along, key=lambda x: weights[x]))))
        if movable:
            chosen = others
    return chosen


def _study_order_by_rounds(chosen, unknown):
    remaining, seen, order = sorted(chosen), set(), {}
    while remaining:
        def cost(i):
            zipf = sum(t.lemma.zipf for t in chosen[i]) / max(1, len(chosen[i]))
            return (len([k for k in unknown[i] if k not in seen]), -zipf, i)
        nxt = min(remaining, key=cost)
        order[nxt] = len(order)
        seen.update(unknown[nxt])
        remaining.remove(nxt)
    return order


def test_indexed_cover_drop_and_order_choose_what_the_quadratic_rounds_choose():
    """`_cover`, `_drop_redundant` and `study_order` replan only what a choice changed (linear in the text);
    on random sentences, weights (ties included) and budgets they give exactly what full rounds give."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cards.deck.select import _cover, _drop_redundant, study_order

    words = "абвгдежзиклмнопрстуф"
    sentence = st.lists(st.sampled_from(words), unique=True, max_size=9)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(sentence, min_size=1, max_size=25), st.lists(st.sampled_from([1.0, 3.0, 4.9, 5.0, 7.5, 9.0]),
           min_size=len(words), max_size=len(words)), st.sets(st.sampled_from(words), max_size=4),
           st.one_of(st.none(), st.integers(0, 8)), st.integers(1, 4), st.integers(0, 4),
           st.sets(st.sampled_from(words), max_size=5))
    def check(sentences, ws, taught, budget, max_new, fill, topic):
        options = SelectOptions(max_new=max_new, fill=fill, extra_unknown=1, topic=frozenset(topic))
        weights = dict(zip(words, ws, strict=True))
        unknown = [{k: Token(n, n + 1, k, Lemma(k, "noun", zipf=weights[k] / 2)) for n, k in enumerate(s)}
                   for s in sentences]
        length = [len(s) + n % 3 for n, s in enumerate(sentences)]
        open_pairs = list(range(len(sentences)))
        picked = _cover(open_pairs, unknown, weights, set(taught), options, budget, length)
        assert picked == _cover_by_rounds(open_pairs, unknown, weights, set(taught), options, budget, length)
        assert list(picked) == list(_cover_by_rounds(open_pairs, unknown, weights, set(taught), options, budget, length))
        kept = _drop_redundant(picked, unknown, weights, options)
        assert kept == _drop_redundant_by_copies(picked, unknown, weights, options) and list(kept) == list(
            _drop_redundant_by_copies(picked, unknown, weights, options))
        cards = {i: tuple(unknown[i][k] for k in keys) for i, keys in kept.items()}
        assert study_order(cards, unknown) == _study_order_by_rounds(cards, unknown)

    check()


def test_an_adjective_made_from_an_everyday_noun_is_known_with_it():
    from cards.build import BuildOptions
    from cards.deck.select import everyday_base, known_by_level

    b1, b2 = BuildOptions().select_options(), BuildOptions(level="B2").select_options()
    march = Lemma("мартовский", "adj", zipf=2.9)
    assert everyday_base("мартовский", b1.everyday) == "март" and known_by_level(march, b1)
    assert known_by_level(Lemma("северный", "adj", zipf=4.6), b2)
    assert everyday_base("санкционный", b1.everyday) is None  # санкция is no everyday word
    # made from an everyday word, but not meaning it: пакетный (package) of пакет (bag), сольный (solo) of соль
    assert everyday_base("пакетный", b1.everyday) is None and everyday_base("сольный", b1.everyday) is None
    assert not known_by_level(Lemma("санкционный", "adj", zipf=3.6), b1)
    assert not known_by_level(march, replace(b1, everyday=frozenset()))


def test_the_news_register_is_taught_at_b1_in_every_sense_and_weighs_like_other_words():
    """произойти (Zipf 5.4), ранее and наводнение (an everyday B1 word before) are words of news reports: a B1
    learner is taught them; случай, which the topic found as "accident", is the topic's in every sense (not
    only where the English says accident); a register word the topic lacks weighs without the topic's weight,
    one the topic has (пожар "fire") keeps it."""
    from cards.build import BuildOptions
    from cards.deck.select import known_by_level
    from cards.lexicon.levels import topic_senses
    from cards.lexicon.morph import analyse as analyse_russian

    b1 = BuildOptions().select_options()
    for lemma, pos, zipf in (("произойти", "verb", 5.41), ("ранее", "adv", 5.16), ("наводнение", "noun", 4.07)):
        assert lemma in b1.topic and lemma in b1.register and lemma not in b1.everyday
        assert not known_by_level(Lemma(lemma, pos, zipf=zipf), b1)
    assert "случай" in b1.topic and not any(key == "случай" for key, _ in topic_senses("politics"))
    tokens = analyse_russian("Пожар произошёл ночью.")
    plain = domain_weights([tokens], b1)
    as_topic = domain_weights([tokens], replace(b1, register=frozenset()))
    assert plain["произойти"] < as_topic["произойти"]
    assert plain["пожар"] == as_topic["пожар"]  # the topic has пожар "fire" of its own: its weight stays


def test_the_news_register_counts_toward_the_topic_but_is_not_taught_off_it():
    """A flood report's наводнение (the register's) makes it news of the topic; an article off the topic (a
    match report: гол, матч, тренер) is judged with a lower cut and without the register's own words, while
    the topic's stay taught."""
    from cards.deck.select import article_options, topicality

    options = SelectOptions(level=5.0, topic_level=6.0, topic=frozenset({"наводнение", "ранее", "санкция"}),
                            register=frozenset({"наводнение", "ранее"}))
    flood = Pair(ru="Наводнение затопило город.", en="A flood swamped the city.", score=1.0, source="flood")
    match = Pair(ru="Тренер похвалил гол матча.", en="The coach praised the goal of the match.", score=1.0, source="match")
    flood_tokens = (Token("Наводнение", 0, 10, Lemma("наводнение", "noun", zipf=4.1)),
                    Token("затопило", 11, 19, Lemma("затопить", "verb", zipf=3.6)), Token("город", 20, 25, Lemma("город", "noun", zipf=5.9)))
    match_tokens = (Token("Тренер", 0, 6, Lemma("тренер", "noun", zipf=4.6)), Token("похвалил", 7, 15, Lemma("похвалить", "verb", zipf=4.0)),
                    Token("гол", 16, 19, Lemma("гол", "noun", zipf=4.6)), Token("матча", 20, 25, Lemma("матч", "noun", zipf=4.9)))
    shares = topicality([flood, match], [flood_tokens, match_tokens], options)
    assert shares == {"flood": 1 / 3, "match": 0.0}
    of_article = article_options([flood, match], [flood_tokens, match_tokens], options)
    assert of_article["flood"].level == 5.0 and "наводнение" in of_article["flood"].topic
    off = of_article["match"]
    assert off.level < 5.0 and "ранее" not in off.topic and "санкция" in off.topic


def test_a_two_letter_word_no_dictionary_has_is_no_target():
    assert not_target(Lemma("зи", "noun")) == "not_a_word"  # "одним зи главных": a typo for из
    assert not_target(Lemma("яд", "noun")) is None


def test_a_number_joined_to_its_unit_in_digits_or_words_is_no_target():
    assert not_target(Lemma("4-летний", "adj")) == "numeral_compound"  # not "4- + летний: summery"
    assert not_target(Lemma("летний", "adj")) is None
    assert not_target(Lemma("четырёхлетний", "adj")) == "numeral_compound"  # the same word, the number in words
    assert not_target(Lemma("пятиэтажный", "adj")) == "numeral_compound"
    assert not_target(Lemma("двусторонний", "adj")) is None  # no unit: "bilateral" is a word to learn


def test_the_adverbs_of_ordinals_are_ordinals():
    assert [not_target(Lemma(w, "adv")) for w in ("в-третьих", "в-четвёртых", "во-вторых")] == ["ordinal"] * 3
    assert not_target(Lemma("по-прежнему", "adv")) is None


def test_a_word_no_card_teaches_gets_a_second_chance_on_a_chosen_card_with_room():
    from cards.deck.select import _second_chance

    weights = {"к1": 9.0, "к2": 8.0, "к3": 7.0, "тема": 2.0, "слово": 1.0}
    options = SelectOptions(max_new=2, spill=1, min_weight=4.0, topic=frozenset({"тема"}))
    unknown = [dict.fromkeys(["к1", "к2", "тема", "слово"]), dict.fromkeys(["к3", "тема"])]
    chosen = {0: ["к1", "к2"], 1: ["к3"]}
    assert _second_chance(chosen, unknown, weights, set(), options) == {0: ["к1", "к2"], 1: ["к3", "тема"]}
    assert chosen == {0: ["к1", "к2"], 1: ["к3"]}  # not changed in place
    assert _second_chance({0: ["к1", "к2"]}, unknown[:1], weights, set(), options) == {0: ["к1", "к2", "тема"]}
    # taught already (an earlier card), or a card at max_new + room_beyond: nothing to add; other words never
    assert _second_chance({0: ["к1", "к2"]}, unknown[:1], weights, {"тема"}, options) == {0: ["к1", "к2"]}
    assert _second_chance({0: ["к1", "к2"]}, unknown[:1], weights, set(), replace(options, spill=0)) == {
        0: ["к1", "к2"]}


def test_a_title_word_of_the_topic_capitalised_in_mid_sentence_is_the_word_not_a_name():
    from cards.lexicon import morph
    from cards.deck.select import in_quotes, with_names

    topic = frozenset({"губернатор", "министерство", "кремль", "премьер"})
    pairs = [real_pair("Об этом заявил врио Губернатора области.", "This was said by the acting Governor of the region."),
             real_pair("Письмо направили в Министерство обороны.", "The letter was sent to the Ministry of Defence."),
             real_pair("Источник в Кремле подтвердил встречу.", "A source in the Kremlin confirmed the meeting."),
             real_pair("Так считает экономист \"БКС Премьер\" Антон Покатович.", "So thinks Anton Pokatovich of BCS Premier.")]
    analyses = [morph.analyse(p.ru) for p in pairs]
    words = {t.text: (t.lemma.lemma, t.lemma.proper) for tokens in with_names(pairs, analyses, topic) for t in tokens}
    assert words["Губернатора"] == ("губернатор", False)
    assert words["Министерство"] == ("министерство", False)
    assert words["Кремле"] == ("Кремль", True)  # the English spells it as a name
    assert words["Премьер"][1]  # in quotation marks: a company's name
    plain = {t.text: t.lemma.proper for tokens in with_names(pairs, analyses) for t in tokens}
    assert plain["Губернатора"] and plain["Министерство"]  # without a topic, capitals make names
    assert in_quotes('экономист "БКС Премьер" Антон', 15) and in_quotes("«Ренессанс Капитала» Софья", 11)
    assert not in_quotes('"Напомним, что когда меня задержали, Полиция безопасности и прокуратура', 37)


def test_the_words_of_a_quoted_name_are_not_taught():
    from cards.lexicon import morph
    from cards.deck.select import name_rule

    ru = "Фрегат «Адмирал флота Касатонов» вышел из порта, сообщили «иностранные агенты»."
    pair = real_pair(ru, "The frigate Admiral Flota Kasatonov left port, foreign agents said.")
    rules = {t.text: name_rule(t, pair) for t in morph.analyse(ru)}
    assert rules["флота"] == "in_quoted_name"  # (Адмирал is a name already: capitalised mid-sentence)
    assert rules["иностранные"] is None and rules["агенты"] is None  # a term in quotes, lower case
    assert rules["порта"] is None


def test_a_word_alone_in_quotes_that_the_english_capitalises_is_a_nickname():
    from cards.lexicon import morph
    from cards.deck.select import name_rule

    ru = "Рестарт намечен на 3 августа, когда «столичные» сыграют с «Тампой»."
    pair = real_pair(ru, "The restart is set for August 3, when the Capitals play Tampa.")
    rules = {t.text: name_rule(t, pair) for t in morph.analyse(ru)}
    assert rules["столичные"] == "named_in_english"  # столичный: "capital", a team's nickname here
    pair = real_pair(ru, "The restart is set for August 3, when the capital's team plays Tampa.")
    assert name_rule(next(t for t in morph.analyse(ru) if t.text == "столичные"), pair) is None


def test_a_transparent_loanword_no_dictionary_has_is_known_unless_it_is_the_topics():
    from cards.build import BuildOptions
    from cards.deck.select import is_transparent, known_by_level, with_subjects
    from cards.lexicon.levels import transparent_loanword

    b1 = BuildOptions().select_options()
    problem = Lemma("проблемный", "adj", zipf=3.95)
    assert transparent_loanword("проблемный") == "problem" and known_by_level(problem, b1)
    assert not known_by_level(problem, replace(b1, loanwords=False))
    assert transparent_loanword("транспортный") == "transport"
    # rarer English is the learner's to study (the seed's логистический), a loose likeness is no loanword,
    # and a word a dictionary has is judged by its frequency (магазин is no magazine)
    assert transparent_loanword("логистический") is None and transparent_loanword("соцсеть") is None
    assert transparent_loanword("магазин") is None
    # made from a word of the topic (конфликт): taught; an article's subject is no word of the topic
    assert transparent_loanword("конфликтный") == "conflict" and not is_transparent(Lemma("конфликтный", "adj", zipf=3.5), b1)
    assert is_transparent(problem, with_subjects(b1, frozenset({"проблемный"})))
    assert not is_transparent(problem, replace(b1, topic=b1.topic | {"проблемный"}))
    # a Zipf --level has one cut and no model
    assert not is_transparent(problem, BuildOptions(level="4.5").select_options())


def test_with_subjects_remembers_which_words_are_the_articles():
    from cards.deck.select import with_subjects

    options = with_subjects(SelectOptions(topic=frozenset({"санкция"})), frozenset({"санкция", "регион"}))
    assert options.topic == {"санкция", "регион"} and options.subjects == {"регион"}


def test_an_articles_subject_is_taught_up_to_a_cut_of_its_own():
    """регион (5.25) in 3 sentences is taught like a word of the topic; страна (5.92), as common as the
    commonest nouns, is known at B1 whatever the article is about; a word of the topic keeps its cut."""
    from cards.build import BuildOptions
    from cards.deck.select import known_cut, with_subjects

    b1 = BuildOptions().select_options()
    options = with_subjects(b1, frozenset({"регион", "страна"}))
    assert known_cut("регион", b1) == pytest.approx(4.7)  # a noun of concrete things, alone
    assert known_cut("регион", options) == pytest.approx(5.8)
    assert known_cut("страна", options) == pytest.approx(5.8) and known_cut("выборы", options) == 6.0
    zipf = with_subjects(BuildOptions(level="4.5").select_options(), frozenset({"регион"}))
    assert known_cut("регион", zipf) == 4.5  # a Zipf --level: one cut


def test_a_word_of_news_is_taught_where_its_counterpart_says_its_news_sense():
    """глава (Zipf 5.5, known at B1) is met as "chapter": with the domain-senses table it is taught where
    its own counterpart is "head", known where it is "chapter", and known without a counterpart (a "head"
    elsewhere in the sentence says nothing); at a Zipf level the table does not apply."""
    from cards.deck.select import domain_sense

    head = Lemma("глава", "noun", zipf=5.5)
    token = Token(0, 5, "Глава", head)
    options = SelectOptions(domain_senses=frozenset({("глава", "noun", "head"), ("глава", "noun", "chief")}), **B1)
    english = "The head of the ministry said so."
    assert domain_sense(token, options, {0: "head"}) is True
    assert is_candidate(token, options, english, {0: "head"})
    assert domain_sense(token, options, {0: "chapter"}) is False
    assert not is_candidate(token, options, "Chapter 3, the head said.", {0: "Chapter"})
    assert not is_candidate(token, options, english, {})  # no counterpart: known in its first sense
    assert not is_candidate(token, options, english)
    assert domain_sense(Token(0, 5, "главы", Lemma("глава", "verb", zipf=5.5)), options, {0: "head"}) is None
    assert domain_sense(token, SelectOptions(level=4.5, domain_senses=options.domain_senses), {0: "head"}) is None
    assert domain_sense(token, replace(options, domain_senses=frozenset()), {0: "head"}) is None
    # a rare word of the table is taught in any sense, as before
    assert is_candidate(Token(0, 5, "Глава", Lemma("глава", "noun", zipf=4.0)), options, english, {0: "chapter"})


def test_a_counterpart_says_a_sense_in_any_form_of_its_words():
    from cards.deck.select import says_sense

    assert says_sense("amount to", "amounted")
    assert says_sense("be held", "was held") and says_sense("take place", "took place")
    assert says_sense("head", "heads") and says_sense("be", "was")
    assert not says_sense("head", "headquarters") and not says_sense("be held", "was")
    assert not says_sense("unit", "")


def test_the_domain_senses_table_is_well_formed():
    """Every row of seeds/domain-senses.tsv: a lower-case lemma once, a content part of speech, senses met
    first and news senses, none of them both."""
    from cards.lexicon.levels import domain_sense_terms, domain_senses

    table = domain_senses()
    assert len(table) >= 100 and table["глава"].met == ("chapter",) and "head" in table["глава"].domain
    for lemma, sense in table.items():
        assert lemma == lemma.lower() and sense.pos in ("noun", "verb", "adj"), lemma
        assert sense.met and sense.domain and not set(sense.met) & set(sense.domain), lemma
    assert ("часть", "noun", "unit") in domain_sense_terms()


def test_a_topic_word_in_its_everyday_sense_is_known_where_its_counterpart_says_so():
    """The topic's words whose first sense is everyday come with their topic terms in any part of speech:
    сторона is taught where its own counterpart is "parties", known where it is "sides" even though
    "parties" stands elsewhere in the sentence."""
    from cards.lexicon.levels import domain_sense_terms

    terms = domain_sense_terms("politics")
    assert ("помочь", "*", "aid") in terms and ("сторона", "noun", "party") in terms  # the table has сторона
    assert not {t for t in domain_sense_terms("no-such-topic") if t[1] != "*"}
    side = Token(0, 7, "Стороны", Lemma("сторона", "noun", zipf=5.6))
    options = SelectOptions(topic=frozenset({"сторона"}), topic_senses=frozenset({("сторона", "party")}),
                            domain_senses=frozenset({("сторона", "*", "party")}), **B1)
    assert is_candidate(side, options, "The parties met.", {0: "parties"})
    assert not is_candidate(side, options, "Both sides met the parties.", {0: "sides"})
    assert not is_candidate(side, options, "Both sides met the parties.", {})
