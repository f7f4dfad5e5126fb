"""Card content: a chosen pair's targets with their counterparts, meanings, grammar and collocations."""

from __future__ import annotations

from cards.align.words import counterparts
from cards.build import BuildOptions, find_dictionary
from cards.deck.content import card_targets
from cards.lexicon.morph import analyse
from cards.model import Pair

PLAIN = BuildOptions(system_dictionaries=False)


def test_card_targets_assemble_counterpart_meaning_grammar_and_collocation():
    pair = Pair(ru="Власти США решили снять санкции с авиакомпании, сообщил коллега министра.",
                en="The US authorities decided to lift sanctions on the airline, the minister's counterpart said.",
                score=0.9)
    analysis = analyse(pair.ru)
    targets = [t for t in analysis if t.lemma.lemma in ("снять", "санкция", "авиакомпания")]
    dictionary = find_dictionary(PLAIN)
    spans = counterparts(pair.ru, pair.en, [(t.start, t.stop, t.lemma.lemma) for t in targets], dictionary=dictionary)
    got = card_targets(pair, targets, spans, analysis, dictionary)
    by_lemma = {t.lemma.lemma: t for t in got}
    assert [t.ru_span for t in got] == [(t.start, t.stop) for t in targets]  # one Target per token, in order
    assert pair.en[slice(*by_lemma["санкция"].en_span)] == "sanctions"
    assert by_lemma["санкция"].gloss == "sanction" and by_lemma["санкция"].gloss_from == "sentence"  # as the dictionary writes it
    assert by_lemma["санкция"].lemma.gender == "f"  # grammar from the lexicon
    assert by_lemma["снять"].lemma.aspect_partner == "снимать"
    assert by_lemma["снять"].unit == by_lemma["санкция"].unit == "снять санкции"  # the collocation, as it stands
    assert pair.en[slice(*by_lemma["авиакомпания"].en_span)] == "airline"


def test_card_targets_without_a_counterpart_take_the_dictionary_sense_marked_as_such():
    pair = Pair(ru="Переговоры зашли в тупик.", en="The process stalled.", score=0.5)
    analysis = analyse(pair.ru)
    targets = [t for t in analysis if t.lemma.lemma == "тупик"]
    (target,) = card_targets(pair, targets, [None], analysis, find_dictionary(PLAIN))
    assert target.en_span is None and target.gloss_from == "dictionary" and target.gloss


def _meaning(ru: str, word: str, en: str = "", span=None) -> tuple[str, str]:
    from cards.deck.content import target_meaning

    tokens = analyse(ru)
    return target_meaning(ru, en, tokens, next(t for t in tokens if t.text == word), span, find_dictionary(PLAIN))


def test_a_noun_of_action_with_an_object_is_glossed_as_the_action():
    # OpenRussian's one sense of ведение is "authority, conducting": with its object, the action comes first
    assert _meaning("Запрещено ведение торговли в населенных пунктах.", "ведение")[0].startswith("conducting")
    # a collocation of news is its own meaning (seeds/collocations.tsv): ведение огня is "firing"
    assert _meaning("Запрещено ведение огня в населенных пунктах.", "ведение")[0] == "ведение огня: firing"
    assert _meaning("Это в ведении министерства.", "ведении")[0].startswith("authority")  # no object after it
    assert _meaning("Меры по недопущению распространения вируса.", "недопущению")[0].startswith("banning")
    assert _meaning("Меры по недопущению, как сказано.", "недопущению")[0].startswith("non-admission")


def test_a_homonym_of_another_part_of_speech_lends_no_gloss():
    from cards.deck.content import other_pos_glosses

    assert "abyss" in other_pos_glosses("пропасть", "verb") and "disappear" not in other_pos_glosses("пропасть", "verb")
    assert other_pos_glosses("санкция", "noun") == ()
    assert "abyss" not in _meaning("Он пропал вчера.", "пропал", "He went missing.")[0]
    assert _meaning("Он пропал вчера.", "пропал", "He went missing.")[0]  # still the verb's own gloss


def test_a_verb_before_a_clause_takes_its_sense_of_saying_or_knowing():
    from cards.deck.content import context_gloss

    dictionary = find_dictionary(PLAIN)

    def hint(ru, word):
        tokens = analyse(ru)
        return context_gloss(ru, tokens, next(t for t in tokens if t.text == word), dictionary)

    assert hint("Суд установил, что он виновен.", "установил") == "establish"  # not "install"
    assert hint("Суд установил памятник.", "установил") == ""  # no clause: the commonest sense
    assert hint("Он сказал, что придёт.", "сказал") == ""  # "say" is shown anyway
    assert hint("Ожидается, что дождь пройдёт.", "Ожидается") == ""  # a passive of its own: "be expected"
    assert hint("Отмечается, что огонь прекращён.", "Отмечается") == ""  # a card shows "be noted" first (seeds/senses.tsv)
    assert _meaning("Отмечается, что огонь прекращён.", "Отмечается")[0].startswith("be noted")


def test_a_verb_takes_the_sense_whose_gloss_names_its_object():
    # "score; make a goal": the dictionary names гол as the object of забить's sense
    assert _meaning("Нападающий забил два гола.", "забил")[0].startswith("score")
    assert not _meaning("Нападающий забил гвоздь.", "забил")[0].startswith("score")  # no goal: the first sense


def test_a_noun_before_a_genitive_plural_takes_its_gloss_of_quantity():
    assert _meaning("Обнаружен ряд неисправностей.", "ряд")[0].startswith("a number of")
    assert _meaning("Ракета поддержки других стран.", "стран")[0] != "a number of"
    assert not _meaning("Он сел в первый ряд.", "ряд")[0].startswith("a number of")  # no genitive: "row"


def test_a_participle_taught_as_its_verb_takes_its_adjectives_gloss():
    assert _meaning("Огонь в населенных районах запрещён.", "населенных") == ("populated", "dictionary")
    # in the collocation (seeds/collocations.tsv) the phrase is the meaning, not the word's own gloss
    assert _meaning("Огонь в населенных пунктах запрещён.", "населенных") == ("населенных пунктах: locality", "dictionary")
    assert "populated" not in _meaning("Они населили остров.", "населили")[0]  # the verb itself


def _meaning_with(ru: str, en: str, word: str, counterpart: str) -> str:
    from cards.deck.content import target_meaning

    tokens = analyse(ru)
    at = en.index(counterpart)
    token = next(t for t in tokens if t.text == word)
    return target_meaning(ru, en, tokens, token, (at, at + len(counterpart)), find_dictionary(PLAIN))[0]


def test_a_capital_that_only_opens_the_sentence_is_lowered():
    # the first word of the English is capitalised by its place, not by the word
    assert _meaning_with("Как сообщает кабмин, дорога готова.", "According to the Cabinet, the road is ready.",
                         "сообщает", "According").startswith("according")
    assert _meaning_with("Он ушёл, сообщает кабмин.", "He left, According to sources.",
                         "сообщает", "According").startswith("According")  # not at the start: kept
    # a word whose glosses have the capital keeps it (воскресенье: Sunday)
    assert _meaning_with("Воскресенье прошло спокойно.", "Sunday passed quietly.",
                         "Воскресенье", "Sunday").startswith("Sunday")


def test_a_dictionary_phrase_opening_the_sentence_is_shown_in_lower_case():
    from cards.deck.content import sentence_phrase

    ru = "По данным штаба, выявлено 100 случаев."
    tokens = analyse(ru)
    shown = sentence_phrase(ru, tokens, next(t for t in tokens if t.text == "данным"), find_dictionary(PLAIN))
    assert shown.startswith("по данным: ")
    # a first word of one letter (В, С) is lowered too; so is a phrase opening the pair's second sentence
    ru = "В противном случае клуб заплатит штраф."
    tokens = analyse(ru)
    shown = sentence_phrase(ru, tokens, next(t for t in tokens if t.text == "случае"), find_dictionary(PLAIN))
    assert shown.startswith("в противном случае: ")


def test_a_sentence_opens_at_the_text_or_after_a_stop_not_after_an_abbreviation():
    from cards.deck.render import opens_sentence

    text = "Ветер 5 м/с. Атмосферное давление в г. Москве 750 мм! «Дожди» пройдут."
    assert opens_sentence(text, 0)
    assert opens_sentence(text, text.index("Атмосферное"))
    assert opens_sentence(text, text.index("Дожди"))
    assert not opens_sentence(text, text.index("Москве"))  # г. is an abbreviation, not a sentence's end
    assert not opens_sentence(text, text.index("давление"))


def test_a_plural_nouns_free_counterpart_is_shown_singular():
    from cards.deck.content import english_singular
    from cards.lexicon.lexicon import shipped_dictionary

    dictionary = shipped_dictionary()
    assert [english_singular(w, dictionary) for w in ("infections", "parking lots", "allies", "taxes", "crises")] == [
        "infection", "parking lot", "ally", "tax", "crisis"]
    assert [english_singular(w, dictionary) for w in ("news", "status", "press", "physics", "progressors")] == [
        "news", "status", "press", "physics", "progressors"]  # no plurals, or no English singular
    # a free translation (моряк: sailor, seaman) of a word standing in the plural only
    ru, en = "Моряки отметили праздник, армии нужны силы.", "Mariners celebrated, the forces need strength."
    assert _meaning_with(ru, en, "Моряки", "Mariners").split(";")[0] == "mariner"
    assert _meaning_with(ru, en, "армии", "forces").split(";")[0] == "forces"  # армии may be a singular
    # a number or a plural word before it makes it plural: две автотрассы, эти трассы / "highways"
    ru, en = "Правительство включило в перечень две автотрассы.", "The government listed two highways."
    assert _meaning_with(ru, en, "автотрассы", "highways").split(";")[0] == "highway"
    ru, en = "Это позволит привести эти трассы к норме.", "This will bring these highways up to standard."
    assert _meaning_with(ru, en, "трассы", "highways").split(";")[0] == "highway"


def test_a_verbs_free_counterpart_is_shown_in_its_base_form():
    from cards.deck.content import english_verb_base
    from cards.lexicon.lexicon import shipped_dictionary

    dictionary = shipped_dictionary()
    assert [english_verb_base(w, dictionary) for w in ("expressed", "stated", "stopped", "carried", "took")] == [
        "express", "state", "stop", "carry", "take"]
    assert [english_verb_base(w, dictionary) for w in ("news", "was told", "according", "including")] == [
        "news", "was told", "according", "including"]  # -ing words commoner than their verb stay
    assert [english_verb_base(w, dictionary) for w in ("risen", "heading", "vying", "moving", "fell behind",
                                                       "caught fire")] == [
        "rise", "head", "vie", "move", "fall behind", "catch fire"]
    # an irregular form finds the sense of its base: "rise", not "risen" nor "rise; dict. rise"
    shown = _meaning_with("Температура не поднимается выше нуля.", "The temperature has not risen above zero.",
                          "поднимается", "risen")
    assert shown.split("; ")[0] == "rise" and "dict." not in shown
    ru, en = "Президент объявил благодарность.", "The president expressed gratitude."
    assert _meaning_with(ru, en, "объявил", "expressed").split(";")[0] == "express"
    # a noun's counterpart keeps its -ed form
    assert _meaning_with("Пострадавшие доставлены.", "The injured were taken.", "Пострадавшие",
                         "injured").split(";")[0] == "injured"


# A small article: sentence 0 names the sense of бюллетень ("ballots"), sentence 1's free English names none.
ARTICLE = [("Избирательные комиссии получили бюллетени для голосования.", "Election commissions received the ballots for the vote."),
           ("Бюллетени напечатали за одну ночь.", "They were printed in a single night."),
           ("Голосование продлится три дня.", "Voting will last three days.")]


def _article_meaning(pairs, at: int, lemma: str, with_article: bool = True) -> tuple[str, str]:
    from cards.deck.content import target_meaning
    from cards.deck.senses import article_text

    analyses = [analyse(ru) for ru, _ in pairs]
    article = article_text([en for _, en in pairs], analyses) if with_article else None
    target = next(t for t in analyses[at] if t.lemma.lemma == lemma)
    ru, en = pairs[at]
    return target_meaning(ru, en, analyses[at], target, None, find_dictionary(PLAIN), article, at)


def test_a_word_without_counterpart_takes_the_sense_another_sentence_of_its_article_names():
    assert _article_meaning(ARTICLE, 1, "бюллетень", with_article=False) == ("bulletin", "dictionary")  # the first sense
    assert _article_meaning(ARTICLE, 1, "бюллетень") == ("ballot", "dictionary")  # sentence 0's sense, still marked
    # the word's own sentence is never evidence: its English gave no counterpart (nor does sentence 1's)
    assert _article_meaning(ARTICLE, 0, "бюллетень") == ("bulletin", "dictionary")


def test_an_article_naming_two_senses_of_the_word_picks_none():
    pairs = [*ARTICLE, ("Бюллетень вышел утром.", "The bulletin came out in the morning.")]
    assert _article_meaning(pairs, 1, "бюллетень")[0] == "bulletin"  # the dictionary's first sense, as before


def test_a_gloss_that_is_another_words_translation_names_no_sense():
    from cards.deck.senses import article_sense, article_text

    def sense(first: str):
        pairs = [(first, "A storm passed over the city."), ("Гроза продолжалась всю ночь.", "It lasted all night.")]
        return article_sense("гроза", 1, article_text([en for _, en in pairs], [analyse(ru) for ru, _ in pairs]),
                             find_dictionary(PLAIN))

    assert sense("Над городом прошла гроза.") == ("storm",)  # not the first sense, "thunderstorm"
    assert sense("Над городом прошла буря, а не гроза.") == ()  # the storm was буря's


def test_a_build_keeps_meanings_per_article_and_remakes_them_when_another_sentence_changes(tmp_path):
    from cards.build import article_meanings
    from cards.cache import Cache
    from cards.deck.select import Decision
    from cards.deck.senses import article_text

    def meanings(pairs):
        analyses = [analyse(ru) for ru, _ in pairs]
        target = next(t for t in analyses[1] if t.lemma.lemma == "бюллетень")
        decision = Decision(index=1, pair=Pair(ru=pairs[1][0], en=pairs[1][1], score=0.9), chosen=True, rule="r",
                            targets=(target,))
        article = article_text([en for _, en in pairs], analyses)
        return article_meanings([decision], {1: (None,)}, analyses, find_dictionary(PLAIN), Cache(tmp_path), article, 0)

    assert meanings(ARTICLE) == [[("ballot", "dictionary")]]
    assert meanings(ARTICLE) == [[("ballot", "dictionary")]]  # read back
    other = [("Избирательные комиссии получили бюллетени.", "Election commissions received the papers."), *ARTICLE[1:]]
    assert meanings(other) == [[("bulletin", "dictionary")]]  # not the kept meaning of the first article


def test_no_rare_synonym_and_none_listed_after_one_is_shown_beside_the_counterpart():
    """вершина / "peak": not "peak; acme" (acme is rare, Zipf 2.9) nor a gloss listed after it; a common
    synonym listed before any rare one is shown (war; warfare)."""
    from cards.deck.content import meaning_for
    from cards.lexicon.dictionary import Dictionary

    senses = {"вершина": (("top", "peak", "acme", "summit"),), "война": (("war", "warfare"),)}
    entries = {w: tuple((g, 0.25 * k) for k, g in enumerate(s[0])) for w, s in senses.items()}
    zipf = {"top": 5.9, "peak": 4.5, "acme": 2.9, "summit": 4.3, "war": 5.5, "warfare": 3.6}
    dictionary = Dictionary(entries, "made up", zipf, senses)
    assert meaning_for("вершина", "peak", dictionary) == ("peak", "sentence")
    assert meaning_for("война", "war", dictionary) == ("war; warfare", "sentence")


def test_a_counterpart_that_is_the_whole_phrase_shows_the_phrase():
    # тупик's counterpart spans the phrase (зашли в тупик / "reached a deadlock"): the card shows the
    # phrase with its gloss, not "reached a deadlock" as the meaning of тупик alone
    shown = _meaning_with("Переговоры зашли в тупик.", "The talks reached a deadlock.", "тупик", "reached a deadlock")
    assert shown == "зашли в тупик: reach a deadlock"
    # a one-word counterpart keeps the word's own gloss
    assert _meaning_with("Переговоры зашли в тупик.", "The talks hit a deadlock.", "тупик", "deadlock").startswith("deadlock")


def test_a_short_form_with_a_predicative_sense_of_its_own_is_taught_in_that_sense():
    # намерена is "intend to", not the long form's "intentional" (seeds/short-forms.tsv)
    assert _meaning_with("Фирма намерена открыть новый завод.", "The firm intends to open a new plant.",
                         "намерена", "intends") == "intend to"
    assert _meaning("Фирма намерена открыть новый завод.", "намерена") == ("intend to; be going to", "dictionary")
    assert _meaning("Граждане должны заплатить налог.", "должны")[0].startswith("must")  # not должный "due"
    assert _meaning_with("Мэр вынужден уйти в отставку.", "The mayor was forced to resign.",
                         "вынужден", "forced") == "be forced to"
    # where the long form's sense fits, its gloss follows the short form's
    assert _meaning("Команда готова к матчу.", "готова") == ("be ready to; be willing to; ready", "dictionary")
    # a free translation keeps the short form's own gloss beside it, not the long form's
    assert _meaning_with("Фирма намерена открыть новый завод.", "The firm plans to open a new plant.",
                         "намерена", "plans") == "plans; dict. intend to"
    # the long form is untouched, and so is a name spelled like a short form
    assert "intend to" not in _meaning("Это был намеренный поджог.", "намеренный")[0]
    assert _meaning("Депутаты Верховной Рады собрались.", "Рады")[0] != "be glad; be happy"
