"""cards.lexicon.morph, names, analyser and aspect: lemmas, parts of speech, grammar, names, context rules,
accuracy on hand-checked gold."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.lexicon import analyser, collocations, morph, names
from cards.lexicon.aspect import aspect_partner
from cards.model import Lemma

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> dict[str, Lemma]:
    return {t.text: t.lemma for t in morph.analyse(text)}


def test_tokens_slice_back_and_cover_hyphenated_words():
    text = "Белорусско-американский диалог: государства-члены ЕС, визит в Мар-о-Лаго и Caliber.az, 250 человек."
    tokens = morph.analyse(text)
    assert [t.text for t in tokens] == [
        "Белорусско-американский", "диалог", "государства-члены", "ЕС", "визит", "в",
        "Мар-о-Лаго", "и", "Caliber.az", "250", "человек",
    ]
    assert all(text[t.start : t.stop] == t.text for t in tokens)


def test_lemma_pos_gender_aspect_animacy():
    w = words("Стороны не раз обсуждали возможность заключить соглашение о снятии санкций.")
    assert w["Стороны"] == Lemma("сторона", "noun", "f", None, analyser.lemma_zipf("сторона", "noun"), False, "inan")
    assert (w["обсуждали"].lemma, w["обсуждали"].pos, w["обсуждали"].aspect) == ("обсуждать", "verb", "impf")
    assert (w["заключить"].lemma, w["заключить"].aspect) == ("заключить", "perf")
    assert (w["соглашение"].gender, w["соглашение"].animacy) == ("n", "inan")
    assert (w["о"].pos, w["не"].pos) == ("prep", "part")
    assert w["санкций"].lemma == "санкция" and w["санкций"].gender == "f"


def test_yo_correct_lemmas_and_zipf():
    w = words("Сама идея пакетных договоренностей выглядит интересной.")
    assert w["договоренностей"].lemma == "договорённость"
    # all forms counted, both spellings: far above the dictionary form alone
    assert w["договоренностей"].zipf == pytest.approx(4.1, abs=0.3)
    assert w["договоренностей"].zipf > analyser.zipf("договорённость") + 0.5
    assert w["интересной"] == Lemma("интересный", "adj", zipf=analyser.lemma_zipf("интересный", "adj"))


def test_lemma_frequency_counts_every_form():
    assert analyser.lemma_zipf("санкция", "noun") > analyser.zipf("санкция") + 1.5
    assert analyser.lemma_zipf("год", "noun") > analyser.lemma_zipf("сделка", "noun") > analyser.lemma_zipf("экстерналия", "noun")
    assert analyser.lemma_zipf("релоцировать", "verb") == 0.0


def test_pluralia_tantum_and_common_gender_have_no_gender():
    w = words("Переговоры прошли в Минске.")
    assert (w["Переговоры"].lemma, w["Переговоры"].gender) == ("переговоры", None)


def test_participles_and_gerunds_are_their_verbs():
    w = words("Подписанное вчера соглашение, вступая в силу, отменяет ограничения, введённые ранее.")
    assert (w["Подписанное"].lemma, w["Подписанное"].pos, w["Подписанное"].aspect) == ("подписать", "verb", "perf")
    assert (w["вступая"].lemma, w["вступая"].pos) == ("вступать", "verb")
    assert (w["введённые"].lemma, w["введённые"].pos) == ("ввести", "verb")


def test_a_gerund_before_its_preposition_is_a_compound_preposition():
    # судя по, начиная с, исходя из: grammar words as благодаря and несмотря на are, not судить "judge"
    w = words("Судя по опросу, начиная с мая рейтинг падает, исходя из цен.")
    assert [(w[x].lemma, w[x].pos) for x in ("Судя", "начиная", "исходя")] == [
        ("судя", "prep"), ("начиная", "prep"), ("исходя", "prep")]
    assert not morph.is_content(w["Судя"])
    # a gerund with an object is its verb
    assert (words("Начиная работу, он волновался.")["Начиная"].lemma) == "начинать"


@pytest.mark.parametrize(
    "text, word, lemma, rule",
    [
        ("Минск освободил 250 заключенных.", "заключенных", "заключённый", "substantive_after_number"),
        ("Вашингтон считает их политическими заключенными.", "заключенными", "заключённый",
         "substantive_after_adjective"),
        ("на уровне временного поверенного в делах", "поверенного", "поверенный", "substantive_after_adjective"),
        ("Помощь для пострадавших прибыла.", "пострадавших", "пострадавший", "substantive_after_preposition"),
    ],
)
def test_lexicalised_nouns_in_context(text, word, lemma, rule):
    w = words(text)
    assert (w[word].lemma, w[word].pos, w[word].gender, w[word].animacy) == (lemma, "noun", "m", "anim")
    slots = morph._slots(text)
    i = [s.text for s in slots].index(word)
    assert morph.choose(slots, i).rule == rule


def test_participle_with_a_head_noun_stays_a_verb():
    w = words("Заключенные вчера контракты вступили в силу, а заключенные сделки отменены.")
    assert (w["контракты"].lemma, w["Заключенные"].lemma, w["Заключенные"].pos) == ("контракт", "заключить", "verb")
    assert w["заключенные"].lemma == "заключить"


def test_other_context_rules():
    w = words("основных тем на повестке дня временного характера, статей закона нет, а Соединенные Штаты молчат")
    assert w["основных"].lemma == "основной"
    assert (w["тем"].lemma, w["тем"].pos) == ("тема", "noun")
    assert w["временного"].lemma == "временный"
    assert w["статей"].lemma == "статья"
    assert (w["Соединенные"].lemma, w["Соединенные"].pos, w["Соединенные"].proper) == ("Соединённый", "adj", True)
    w = words("Но, очевидно, выглядит это странно, и несколько раз стороны встречались.")
    assert (w["очевидно"].lemma, w["очевидно"].pos) == ("очевидно", "adv")
    assert w["несколько"].pos == "num"


def test_a_tie_goes_to_the_topics_lemma_then_to_the_more_frequent():
    """гранаты ties гранат (pomegranate, the more frequent) and граната (grenade, the topic's)."""
    w = words("Полиция применила слезоточивый газ и светошумовые гранаты.")
    assert w["гранаты"].lemma == "граната"
    assert morph.explain("светошумовые гранаты")[1] == ("гранаты", "граната", "topic_lemma_on_tie")
    assert words("купила спелые гранаты на рынке")["гранаты"].lemma == "граната"  # the prior, whatever the sense
    w = words("временного характера, статей закона")  # neither lemma is the topic's: frequency decides
    assert (w["временного"].lemma, w["статей"].lemma) == ("временный", "статья")


def test_a_tie_of_an_imperative_or_short_adjective_with_a_noun_goes_to_the_noun():
    w = words("Есть лицемеры, есть ханжи. В одном из пабликов появился призыв.")
    assert (w["ханжи"].lemma, w["пабликов"].lemma) == ("ханжа", "паблик")
    assert morph.explain("есть ханжи")[1] == ("ханжи", "ханжа", "noun_on_tie")
    w = words("Смотри сюда: он прав, и он готов.")  # no tie: the imperative and the short adjectives stay
    assert (w["Смотри"].lemma, w["готов"].lemma) == ("смотреть", "готовый")


def test_an_attribute_before_another_attribute_of_the_same_noun_is_an_adjective():
    # pymorphy3 reads малого first as the noun малое; the noun after the next adjective settles it
    assert morph.explain("ход малого ракетного корабля")[1] == ("малого", "малый", "attribute_before_noun")
    assert words("ход малого ракетного корабля")["малого"].pos == "adj"


def test_after_a_number_a_guessed_short_adjective_is_the_noun():
    assert morph.explain("2,7 ассиста")[1] == ("ассиста", "ассист", "noun_after_number")
    assert words("все 5 готовы")["готовы"].lemma == "готовый"  # a short adjective the dictionary has stays


@pytest.mark.parametrize(
    "text, word, lemma, pos",
    [
        ("Президент Беларуси Александр Лукашенко принял делегацию.", "Лукашенко", "Лукашенко", "noun"),
        ("Президент Беларуси Александр Лукашенко принял делегацию.", "Беларуси", "Беларусь", "noun"),
        ("Минск и Вашингтон ведут переписку.", "Минск", "Минск", "noun"),
        ("власти США и СМИ", "США", "США", "noun"),
        ("власти США и СМИ", "СМИ", "СМИ", "noun"),
        ("решение ЕС", "ЕС", "ЕС", "noun"),
        ("санкции с авиакомпании «Белавиа»", "Белавиа", "Белавиа", "noun"),
        ("из списков выведен «Беларуськалий».", "Беларуськалий", "Беларуськалий", "noun"),
        ("в отношении Белинвестбанка и других", "Белинвестбанка", "Белинвестбанк", "noun"),
        ("переговоры с Коулом прошли", "Коулом", "Коул", "noun"),
        ("со спецпосланником Джоном Коулом.", "Коулом", "Коул", "noun"),
        ("первая леди Мелания Трамп", "Мелания", "Мелания", "noun"),
        ("опубликовано на Caliber.az", "Caliber.az", "Caliber.az", "noun"),
        ("глава Белого дома", "Белого", "Белый", "adj"),
    ],
)
def test_names_places_organisations_abbreviations_are_proper(text, word, lemma, pos):
    w = words(text)
    assert (w[word].lemma, w[word].pos, w[word].proper) == (lemma, pos, True)
    assert not morph.is_content(w[word])


def test_capitalised_sentence_start_is_not_a_name():
    w = words("Администрация Трампа предлагает сделку. Власти согласны.")
    assert (w["Администрация"].lemma, w["Администрация"].proper) == ("администрация", False)
    assert (w["Власти"].lemma, w["Власти"].proper) == ("власть", False)
    assert w["Трампа"].proper and w["Трампа"].animacy == "anim"


def test_is_content():
    w = words("Он быстро заключил бы новую сделку там, где это нужно, и в Минске.")
    content = [t for t, lemma in w.items() if morph.is_content(lemma)]
    assert content == ["быстро", "заключил", "новую", "сделку", "нужно"]


def test_lemmatize_and_strip_stress():
    assert analyser.strip_stress("догово\u0301р подпи\u0301сан, ѐлка") == "договор подписан, елка"
    assert morph.lemmatize("Договорённостей") == "договорённость"
    assert morph.lemmatize("перегово\u0301рах") == "переговоры"
    assert morph.lemmatize("заключенные") == "заключённый"
    assert morph.lemmatize("сняли") == "снять"
    assert morph.lemmatize("временного") == "временный"  # the rules apply, as in analyse
    assert morph.lemmatize("данные") == "данные"
    assert morph.lemmatize("  ") == ""


def test_stress_marks_keep_offsets():
    text = "Стороны заключи\u0301ли сде\u0301лку."
    tokens = morph.analyse(text)
    assert [(t.text, t.lemma.lemma) for t in tokens] == [
        ("Стороны", "сторона"), ("заключи\u0301ли", "заключить"), ("сде\u0301лку", "сделка"),
    ]


def test_collocations():
    text = "Стороны решили заключить большую сделку и снять санкции; политические заключенные вышли на свободу."
    tokens = morph.analyse(text)
    found = [" ".join(t.text for t in tokens[a:b]) for a, b in collocations.collocations(tokens)]
    assert found == ["заключить большую сделку", "снять санкции", "политические заключенные"]
    text = "Белорусский президент обсудил повестку дня с временным поверенным в делах."
    tokens = morph.analyse(text)
    found = [" ".join(t.text for t in tokens[a:b]) for a, b in collocations.collocations(tokens)]
    assert found == ["повестку дня", "временным поверенным"]  # белорусский президент: a free combination


def test_collocations_recurring_in_the_text_are_kept():
    once = morph.analyse("Прошлый год был трудным.")
    assert collocations.collocations(once) == ()
    twice = morph.analyse("Прошлый год был трудным. Прошлый год прошёл.")
    assert collocations.collocations(twice) == ((0, 2), (4, 6))
    score_once = {c.lemmas: c.score for c in collocations.collocation_scores(once)}[("прошлый", "год")]
    score_twice = {c.lemmas: c.score for c in collocations.collocation_scores(twice)}[("прошлый", "год")]
    assert score_twice == pytest.approx(score_once + 1)


def _units(text: str) -> dict[tuple[str, ...], bool]:
    """Each candidate unit's lemmas → whether it is kept."""
    return {c.lemmas: c.kept for c in collocations.collocation_scores(morph.analyse(text))}


def test_a_verb_and_its_subject_are_not_a_unit():
    assert _units("Как напоминает агентство, поступил сигнал о пожаре.") == {}  # agree, no subject before
    assert _units("Хабаровский край приобретает газ.")[("приобретать", "газ")]  # край is the subject
    assert ("пройти", "парад") not in _units("В Севастополе прошел парад.")  # в is no subject (вольт)


def test_intransitive_verbs_participles_and_short_adjectives_make_no_unit():
    assert ("произойти", "столкновение") not in _units("Вчера произошло столкновение.")
    assert ("тлеть", "пепел") not in _units("Он бросил окурок тлеющего пепла.")  # the participle qualifies
    assert ("возможный", "гроза") not in _units("Завтра возможны грозы.")
    assert _units("Посты обеспечивавшие безопасность.")[("обеспечивать", "безопасность")]  # agrees not: object


def test_qualitative_adjectives_are_free_combinations_relational_ones_terms():
    assert _units("Он отметил уникальные преимущества.")[("уникальный", "преимущество")] is False
    kept = _units("Транспортное средство и подводные лодки.")
    assert kept[("транспортный", "средство")] and kept[("подводный", "лодка")]  # транспорт, подвод
    assert _units("Он действовал со злым умыслом.")[("злой", "умысел")]  # qualitative, in the phrase table
    assert collocations.in_phrase_table(("злой", "умысел"))


def test_a_verb_and_an_object_with_its_adjective_need_the_phrase_table():
    assert _units("Он отметил уникальные преимущества.")[("отметить", "уникальный", "преимущество")] is False
    assert _units("Они решили заключить большую сделку.")[("заключить", "большой", "сделка")]  # заключить сделку


def test_noun_genitive_with_a_plural_head_or_a_person_is_free():
    assert _units("Пришли тысячи военнослужащих.")[("тысяча", "военнослужащий")] is False
    assert _units("Он исполнял обязанности губернатора.")[("обязанность", "губернатор")] is False
    assert _units("Начались подробности происшествия.")[("подробность", "происшествие")] is False
    assert _units("Договорились о прекращении огня.")[("прекращение", "огонь")]


def test_analyser_is_built_lazily():
    code = "import sys, cards.lexicon.morph; print('pymorphy3' in sys.modules, 'wordfreq' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВ- .,«»0123\u0301Zz"), max_size=40))
def test_any_text_slices_back(text):
    for t in morph.analyse(text):
        assert text[t.start : t.stop] == t.text and t.lemma.lemma


def test_accuracy_on_hand_checked_gold():
    spec = importlib.util.spec_from_file_location("bench_lemmas", ROOT / "bench" / "lemmas.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_lemmas"] = bench  # dataclasses look their module up
    spec.loader.exec_module(bench)
    texts, rows = bench.load_gold()
    assert len(rows) >= 300
    ours, base = bench.score(bench.ours), bench.score(bench.baseline)
    assert ours["content lemma acc"] >= 0.97
    assert ours["content lemma acc"] > base["content lemma acc"]
    assert ours["proper F1"] >= 0.95


def test_aspect_partners_by_rule_checked_against_the_dictionary():
    pairs = {
        ("заключить", "perf"): "заключать",
        ("снять", "perf"): "снимать",
        ("освободить", "perf"): "освобождать",
        ("обсудить", "perf"): "обсуждать",
        ("пообещать", "perf"): "обещать",
        ("воздержаться", "perf"): "воздерживаться",
        ("упомянуть", "perf"): "упоминать",
    }
    for (verb, aspect), partner in pairs.items():
        assert aspect_partner(verb, aspect) == partner
    assert aspect_partner("понимать", "impf") is None  # its partner (понять) follows no rule
    assert aspect_partner("сделка", None) is None


# --- names at the start of a sentence, short and lexicalised participles, subject-verb agreement
# (hand-made sentences, written for these tests)


def rules_of(text: str) -> dict[str, tuple[str, str]]:
    """surface → (lemma, deciding rule) for every word of the text."""
    return {word: (lemma, rule) for word, lemma, rule in morph.explain(text)}


def test_a_surname_opening_a_sentence_is_a_name_not_a_common_word():
    w = words("Песков заявил, что Кремль не получал новых предложений.")
    assert (w["Песков"].lemma, w["Песков"].pos, w["Песков"].proper, w["Песков"].animacy) == ("Песков", "noun", True, "anim")
    assert (w["Кремль"].lemma, w["Кремль"].proper) == ("Кремль", True)  # mid-sentence capital: a name
    assert rules_of("Песков заявил, что Кремль не получал новых предложений.")["Песков"] == (
        "Песков", "name_at_sentence_start")
    w = words("По словам Пескова, Дума рассмотрит законопроект осенью.")
    assert (w["Пескова"].lemma, w["Пескова"].proper) == ("Песков", True)
    assert (w["Дума"].lemma, w["Дума"].proper) == ("Дума", True)
    assert not morph.is_content(w["Дума"])


def test_a_first_name_opening_a_sentence_before_a_surname_is_a_name():
    w = words("Роман Кравец возглавил избирательную комиссию региона.")
    assert (w["Роман"].lemma, w["Роман"].proper, w["Кравец"].proper) == ("Роман", True, True)
    w = words("Роман о войне получил премию.")  # a novel: nothing name-like follows
    assert (w["Роман"].lemma, w["Роман"].proper) == ("роман", False)


def test_ordinary_words_opening_a_sentence_or_a_quotation_stay_common():
    w = words("Санкции вводятся поэтапно, а часть ограничений будет отменена осенью.")
    assert (w["Санкции"].lemma, w["Санкции"].proper) == ("санкция", False)
    w = words("Чиновники признали: «Санкции бьют по экспорту».")
    assert (w["Санкции"].lemma, w["Санкции"].proper) == ("санкция", False)
    w = words("Машину нашли в гараже.")  # Машин (Surn) is a dative here, the subject is elsewhere
    assert (w["Машину"].lemma, w["Машину"].proper) == ("машина", False)


def test_short_passive_participles_are_their_verbs():
    w = words("В итоговом документе отражён ряд требований оппозиции.")
    assert (w["отражён"].lemma, w["отражён"].pos, w["отражён"].aspect) == ("отразить", "verb", "perf")
    assert rules_of("В итоговом документе отражён ряд требований оппозиции.")["отражён"] == ("отразить", "short_participle")
    w = words("Запрет на экспорт зерна снят, сообщили в министерстве.")
    assert (w["снят"].lemma, w["снят"].pos) == ("снять", "verb")  # not the adjective снятой
    w = words("Решение будет подписано до конца года.")
    assert (w["подписано"].lemma, w["подписано"].pos) == ("подписать", "verb")


def test_lexicalised_short_adjectives_stay_adjectives():
    w = words("Министр уверен, что соглашение будет подписано.")
    assert (w["уверен"].lemma, w["уверен"].pos) == ("уверенный", "adj")
    w = words("Депутаты намерены обжаловать решение, принятое советом.")
    assert (w["намерены"].lemma, w["намерены"].pos) == ("намеренный", "adj")  # before an infinitive
    assert (w["принятое"].lemma, w["принятое"].pos) == ("принять", "verb")  # an agent follows


def test_a_neuter_short_adjective_beside_another_verb_is_the_adverb():
    w = words("Руководство воспринимает такое предложение позитивно и готово работать.")
    assert (w["позитивно"].lemma, w["позитивно"].pos) == ("позитивно", "adv")
    assert morph.explain("Решение окончательно.")[1][2] != "adverb_beside_verb"  # no other verb: the predicate


def test_a_plural_noun_of_a_plural_only_headword_takes_it():
    w = words("В кулуарах саммита обсуждали издержки.")
    assert w["кулуарах"].lemma == "кулуары"  # pymorphy3 gives кулуар, which the lexicon has no sense for
    assert words("Выборы прошли спокойно.")["Выборы"].lemma == "выборы"
    assert morph.plural_only_headword("выбор", "выборы") is None  # выбор has senses of its own


def test_participles_lexicalised_as_adjectives_keep_the_adjective():
    text = "Подавляющее большинство депутатов поддержало поправки в бюджет."
    w = words(text)
    assert (w["Подавляющее"].lemma, w["Подавляющее"].pos) == ("подавляющий", "adj")
    assert rules_of(text)["Подавляющее"] == ("подавляющий", "lexicalised_participle")
    w = words("Советник, приближенный к премьеру, покинул пост.")  # a dependent follows: the verb's participle
    assert (w["приближенный"].lemma, w["приближенный"].pos) == ("приблизить", "verb")
    assert morph.lexicalised_adjective("подавляющий", None) is False  # no ADJF; the adverb counts for present active only
    assert morph.lexicalised_adjective("прошедший") is True  # the dictionary has the adjective


def test_a_clause_opening_noun_agrees_in_number_with_its_verb():
    text = "Критики утверждают, что реформа ударит по малому бизнесу."
    w = words(text)
    assert (w["Критики"].lemma, w["Критики"].pos, w["Критики"].animacy) == ("критик", "noun", "anim")
    assert rules_of(text)["Критики"] == ("критик", "subject_agrees_with_verb")
    w = words("Критики нового закона не согласны.")  # across a genitive phrase, before a short form
    assert w["Критики"].lemma == "критик"
    w = words("Критика реформы звучит даже в правящей партии.")  # singular verb: the singular noun
    assert (w["Критика"].lemma, w["Критика"].animacy) == ("критика", "inan")
    w = words("Со стороны критики последовали возражения.")  # not opening a clause: a dependent genitive
    assert w["критики"].lemma == "критика"
    assert words("Политики считают, что санкции не работают.")["Политики"].lemma == "политик"


def test_as_name_takes_the_dictionary_name_or_keeps_the_lemma_capitalised():
    plain = morph.analyse("Песков назвал санкции незаконными.", rules=())  # the first parse: песок
    assert (plain[0].lemma.lemma, plain[0].lemma.proper) == ("песок", False)
    named = names.as_name(plain[0])
    assert (named.text, named.lemma.lemma, named.lemma.pos, named.lemma.proper, named.lemma.animacy) == (
        "Песков", "Песков", "noun", True, "anim")
    kremlin = names.as_name(morph.analyse("Кремль отверг обвинения.")[0])
    assert (kremlin.lemma.lemma, kremlin.lemma.proper, kremlin.lemma.gender) == ("Кремль", True, "m")
    assert names.as_name(named) is named


def test_hand_made_gold_for_these_rules_is_met_exactly():
    spec = importlib.util.spec_from_file_location("bench_lemmas", ROOT / "bench" / "lemmas.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_lemmas"] = bench
    spec.loader.exec_module(bench)
    texts, rows = bench.load_gold(bench.HANDMADE)
    assert (len(texts), len(rows)) == (13, 104)
    ours, base = bench.score(bench.ours, bench.HANDMADE), bench.score(bench.baseline, bench.HANDMADE)
    assert ours["content lemma+pos acc"] == 1.0 and ours["all-token pos acc"] == 1.0 and ours["proper F1"] == 1.0
    assert base["content lemma acc"] == pytest.approx(69 / 74)  # отражён, Подавляющее, Критики, намерены, снят


def test_a_hyphenated_word_wordfreq_does_not_list_gets_the_estimate_of_its_parts():
    """премьер-министр is not in wordfreq's table: its Zipf is the parts' half-harmonic mean (wordfreq's
    own rule), not 0, so it is not dropped as "too rare to be worth learning"."""
    from cards.lexicon.analyser import lemma_zipf

    assert lemma_zipf("премьер-министр", "noun") == 4.61
    assert lemma_zipf("вице-президент", "noun") == 4.64
    assert lemma_zipf("щщзщ-щщзщ", "noun") == 0.0


def test_a_noun_pymorphy_spells_in_ie_takes_the_lexicons_spelling_in_ye():
    w = words("Бои шли в ущелье, у подножия горы.")
    assert (w["ущелье"].lemma, w["подножия"].lemma) == ("ущелье", "подножие")  # подножие has its own sense


def test_a_preposition_picks_the_lemma_whose_case_it_governs():
    # pymorphy3 reads кювет first as the genitive plural of кювета; в never takes a genitive
    (word,) = [t for t in morph.analyse("Машина опрокинулась в кювет.") if t.text == "кювет"]
    assert word.lemma.lemma == "кювет"
    (word,) = [t for t in morph.analyse("Кювет был полон воды.") if t.text == "Кювет"]
    assert word.lemma.lemma == "кювет"


def test_a_participle_standing_alone_is_its_noun():
    lemmas = words("По предварительной информации, пострадавших нет.")
    assert (lemmas["пострадавших"].lemma, lemmas["пострадавших"].pos) == ("пострадавший", "noun")
    lemmas = words("Пострадавший в аварии водитель доставлен в больницу.")  # a participial phrase
    assert lemmas["Пострадавший"].lemma == "пострадать"
    lemmas = words("Пострадавшая сторона подала иск.")  # it qualifies the noun after it
    assert lemmas["Пострадавшая"].pos != "noun"


def test_a_participle_taken_as_a_noun_counts_its_own_forms():
    from cards.lexicon.analyser import _lemma_zipf, zipf

    # митингующий is no dictionary noun: its Zipf is that of the participle's forms (митингующие, -их …),
    # not of the one form, which would make a key word of a protest article "too rare to be worth learning"
    lemma = words("Митингующие устроили массовые беспорядки.")["Митингующие"]
    assert zipf("митингующий") < 1.5 < 3.0 < lemma.zipf
    assert lemma.zipf < _lemma_zipf("митинговать", "verb")  # not all the verb's forms


def test_an_imperfective_past_passive_participle_before_its_noun_is_the_lexicons_adjective():
    assert rules_of("Бракованные детали были изготовлены на заводе.")["Бракованные"] == (
        "бракованный", "adjective_before_noun")
    assert words("Возбуждённое дело закрыто.")["Возбуждённое"].lemma == "возбудить"  # perfective: the verb's


def test_after_a_preposition_a_substantivised_adjective_with_a_later_agreeing_noun_is_the_adjective():
    text = "Делегация отсутствовала на прошедшем 19 февраля в Вашингтоне инаугурационном заседании."
    assert rules_of(text)["прошедшем"] == ("прошедший", "adjective_of_a_later_noun")
    assert words("О прошедшем говорить не стоит.")["прошедшем"].lemma == "прошедшее"  # no noun: the noun
    assert words("По данным РИА Новости, инцидент произошел ночью.")["данным"].lemma == "данные"  # РИА: any case


def test_an_adjective_qualifying_nothing_is_the_noun_the_lexicon_has_of_its_form():
    lemma = words("Сделка могла бы внести новые важные для Минска переменные, которые улучшат возможности.")["переменные"]
    assert (lemma.lemma, lemma.pos) == ("переменная", "noun")
    assert words("Новые переменные условия сделки обсуждались.")["переменные"].lemma == "переменный"  # it qualifies


def test_a_participle_with_no_noun_to_qualify_is_its_noun():
    # opening the sentence with its dependents, after a preposition, after an agreeing adjective
    assert rules_of("Подозреваемый в совершении преступления уже задержан.")["Подозреваемый"] == (
        "подозреваемый", "participle_as_noun")
    assert words("Митингующие устроили массовые беспорядки.")["Митингующие"].pos == "noun"
    lemmas = words("В протестующего выстрелили из винтовки.")
    assert (lemmas["протестующего"].lemma, lemmas["протестующего"].pos) == ("протестующий", "noun")
    assert words("Выявлено 100 новых заболевших.")["заболевших"].lemma == "заболевший"
    # a noun after it in its clause, even past quotation marks, is what it qualifies
    assert words("Принятые в прошлом году меры не помогли.")["Принятые"].lemma == "принять"
    assert words("Некоторые «прописанные мелким шрифтом» условия усложняли работу.")["прописанные"].lemma == "прописать"


def test_a_lexicalised_participle_agreeing_in_another_case_reading_is_the_adjective():
    # pymorphy3's first reading of преданные is the accusative, which фанаты (animate) cannot be
    assert words("Преданные фанаты пришли на концерт.")["Преданные"].lemma == "преданный"
    # исполняющего agrees with роль in case and number only: a participle with its object
    assert words("Актёр, вновь исполняющего роль Смерти, нет.")["исполняющего"].lemma == "исполнять"


def test_an_adjective_tied_with_the_noun_it_has_become_is_the_noun_when_it_qualifies_nothing():
    # pymorphy3 ties набережный (adjective) and набережная (noun, embankment)
    w = words("Фильмы покажут в парках, скверах и на набережных, пишет агентство.")
    assert (w["набережных"].lemma, w["набережных"].pos) == ("набережная", "noun")
    assert morph.explain("на набережных")[1] == ("набережных", "набережная", "noun_on_adjective_tie")
    w = words("Военные подразделения усилили.")  # before a noun it qualifies, the adjective stays
    assert (w["Военные"].lemma, w["Военные"].pos) == ("военный", "adj")


def test_an_attribute_agrees_with_any_case_of_the_nouns_first_lemma():
    # строю is first read as a locative (в строю); as a dative it agrees with парадному
    w = words("Он отправился на катере к парадному строю кораблей.")
    assert (w["парадному"].lemma, w["парадному"].pos) == ("парадный", "adj")
    w = words("Израиль решил усилить свои военные подразделения на границе.")
    assert (w["военные"].lemma, w["военные"].pos) == ("военный", "adj")
    # a number after the word and its adverbs proves nothing (and has no readings to look at)
    assert words("Офис расположен по адресу: ул. Ленина, д. 5.")["Ленина"].proper


def test_a_noun_whose_first_lemma_cannot_agree_with_the_adjective_before_it_takes_the_lemma_that_does():
    # главка is first read as главка (a chapter, feminine); регионального needs the masculine главк
    w = words("Об этом рассказали в пресс-службе регионального главка МВД.")
    assert (w["главка"].lemma, w["главка"].gender) == ("главк", "m")
    assert words("Он прочитал первую главку книги.")["главку"].lemma == "главка"  # it agrees: it stays


def test_an_adjective_used_as_a_noun_after_a_noun_number_or_preposition_is_that_noun():
    w = words("Отец новорождённого, похищенного из роддома, раскрыл подробности.")
    assert (w["новорождённого"].lemma, w["новорождённого"].pos, w["новорождённого"].gender) == ("новорождённый", "noun", "m")
    assert words("Число больных растёт.")["больных"].pos == "noun"
    assert words("Число больных детей растёт.")["больных"].pos == "adj"  # it qualifies the noun after it
    assert words("Отец которого уехал.")["которого"].pos != "noun"  # pronominal adjectives are not


def test_phrase_line_splits_share_no_article_and_every_line_has_a_verdict(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_units", ROOT / "bench" / "units.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    folders = [tmp_path / f"article-{n:02}" for n in range(40)]
    tune, held = bench.split_folders(folders, "tune"), bench.split_folders(folders, "held-out")
    assert len(tune) == len(held) == bench.SPLIT_SIZE // 2 and not set(tune) & set(held)
    labels = bench.read_line_labels()
    assert labels and set(labels.values()) <= {"whole", "free", "wrong"}


def test_a_past_plural_is_no_imperative_nor_a_noun_after_its_subject():
    def lemmas(text):
        return [t.lemma.lemma for t in morph.analyse(text) if t.lemma.pos in ("verb", "noun")]

    # выслать ("вышли!") is a topic word, but news tells: the past plural of выйти
    assert lemmas("Люди вышли на улицы.") == ["человек", "выйти", "улица"]
    assert lemmas("Сотрудники сошли с поезда.") == ["сотрудник", "сойти", "поезд"]
    # прибыли, сели: pymorphy3 reads the noun first; after a subject, in a clause without a verb, the verb
    assert lemmas("Спасатели прибыли на место.") == ["спасатель", "прибыть", "место"]
    assert lemmas("Они сели в машину.") == ["сесть", "машина"]
    # …but not where the clause has its verb, nor where no subject agrees
    assert lemmas("Акционеры прибыли не получили.") == ["акционер", "прибыль", "получить"]
    assert lemmas("У компании прибыли нет.") == ["компания", "прибыль"]  # no subject before it
    assert lemmas("Рост прибыли составил пять процентов.") == ["рост", "прибыль", "составить", "процент"]
    assert lemmas("Он ввёл запрет и запрет на ведение огня.")[-3:] == ["запрет", "ведение", "огонь"]
    assert lemmas("Суть дела в том.")[:2] == ["суть", "дело"]  # деть: a reading pymorphy3 all but rules out
