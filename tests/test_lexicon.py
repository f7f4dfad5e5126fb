"""The lexicon shipped in the package: its files, its facts, and meanings on cards without system dictionaries."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cards.build import BuildOptions, build_deck, find_dictionary, pairs_evidence
from cards.deck.content import meaning_for, with_grammar
from cards.lexicon.lexicon import dictionary_partner as aspect_partner
from cards.lexicon.morph import analyse
from cards.lexicon.lexicon import DATA_DIR, base_words, shipped

ROOT = Path(__file__).resolve().parent.parent
SHARED_LEXICON = ROOT.parent / "shared" / "lexicon"
PLAIN = BuildOptions(system_dictionaries=False)  # what `pip install .` gives on any machine


def test_shipped_files_are_the_ones_the_conversion_recorded():
    record = json.loads((DATA_DIR / "SOURCES.json").read_text(encoding="utf-8"))
    assert set(record["outputs"]) >= {"openrussian.tsv.gz", "wiktionary.tsv.gz", "english.tsv.gz"}
    for name, digest in record["outputs"].items():
        assert hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest() == digest, name
    notice = (DATA_DIR / "NOTICE").read_text(encoding="utf-8")
    for name in record["outputs"]:
        if name.endswith((".gz", ".fsa")):
            assert name in notice, f"{name} has no credit in NOTICE"


WORDNET = Path("/usr/share/wordnet")


@pytest.mark.skipif(not SHARED_LEXICON.exists(), reason="the lexicon sources (../shared/lexicon) are not here")
@pytest.mark.skipif(not (WORDNET / "data.noun").exists(), reason="WordNet 3.0 (apt-get install wordnet-base) is not here")
def test_conversion_is_reproducible_from_the_recorded_sources(tmp_path):
    from cards.lexicon.convert import convert, sha256, source_files

    record = json.loads((DATA_DIR / "SOURCES.json").read_text(encoding="utf-8"))
    assert {str(p.relative_to(SHARED_LEXICON)): sha256(p) for p in source_files(SHARED_LEXICON)} == record["sources"]
    assert {name: sha256(WORDNET / name) for name in record["wordnet"]} == record["wordnet"]
    again = convert(SHARED_LEXICON, tmp_path, wordnet_dir=WORDNET)
    assert again["outputs"] == record["outputs"]


def test_conversion_without_wordnet_says_what_to_install(tmp_path, capsys):
    from cards.lexicon.convert import main

    (tmp_path / "openrussian").mkdir()
    assert main([str(tmp_path), "--wordnet", str(tmp_path / "nowhere")]) == 2
    error = capsys.readouterr().err
    assert "nowhere" in error and "apt-get install wordnet-base" in error and len(error.splitlines()) == 1


def test_english_relations_link_synonyms_and_derivations():
    from cards.lexicon.lexicon import english_related

    assert "weaponry" in english_related("arms")
    assert "complain" in english_related("complaint")
    assert "essential" in english_related("Necessary")
    assert english_related("abyrvalg") == ()
    # only the commonest senses: "take" is not related to every verb it can stand for
    assert len(english_related("take")) < 20


def test_supersenses_of_the_first_glosses_come_from_wordnet_s_lexicographer_files(tmp_path):
    """A tiny WordNet: the commonest synset of each part of speech gives a word's supersense; a Russian
    noun or verb gets those of its first sense's first two glosses and its first gloss's English Zipf."""
    from cards.lexicon import wordnet
    from cards.lexicon.convert import supersense_rows, write_gzip

    data = {  # data.<pos>: offset, lex_filenum, pos, word count, words, pointer count
        "noun": "00000001 28 n 01 tuesday 0 000 | a day\n00000002 04 n 01 participation 0 000 | taking part\n"
                "00000003 15 n 01 south 0 000 | a direction\n",
        "verb": "00000004 41 v 01 participate 0 000 | take part\n", "adj": "", "adv": "",
    }
    index = {"noun": "participation n 1 0 1 0 00000002\nsouth n 1 0 1 0 00000003\ntuesday n 1 0 1 0 00000001\n",
             "verb": "participate v 1 0 1 0 00000004\n", "adj": "", "adv": ""}
    for pos in data:
        (tmp_path / f"data.{pos}").write_text(data[pos], encoding="latin-1")
        (tmp_path / f"index.{pos}").write_text(index[pos], encoding="latin-1")
    found = wordnet.supersenses(tmp_path)
    assert found[("tuesday", "n")] == "noun.time" and found[("participate", "v")] == "verb.social"
    rows = ["вторник\tвто́рник\tnoun\tm\t\t\t\tTuesday", "участвовать\tуча́ствовать\tverb\t\timpf\t\t\tto participate; to take part",
            "участие\tуча́стие\tnoun\tn\t\t\t\tparticipation | share", "абырвалг\tабырва́лг\tnoun\tm\t\t\t\tglavryba"]
    write_gzip(tmp_path / "openrussian.tsv.gz", rows)
    out = [r.split("\t")[:3] for r in supersense_rows(tmp_path / "openrussian.tsv.gz", tmp_path)]
    assert out == [["вторник", "noun", "noun.time"], ["участвовать", "verb", "verb.social,"], ["участие", "noun", "noun.act"]]


def test_the_learner_model_knows_concrete_nouns_and_teaches_words_of_social_life():
    from cards.lexicon.levels import CONCRETE, SOCIAL, word_kind, word_kinds

    assert not CONCRETE & SOCIAL
    assert word_kind("noun", ("noun.location", "noun.object"), 5.0) == "concrete"
    assert word_kind("noun", ("noun.location", "noun.act"), 5.0) == ""  # one gloss is not concrete
    assert word_kind("verb", ("verb.motion",), 5.0) == ""  # only nouns are concrete
    assert word_kind("noun", ("noun.act", "noun.act"), 4.3) == "social"
    assert word_kind("noun", ("noun.communication",), 5.2) == ""  # an everyday English gloss: "answer"
    assert word_kind("verb", ("verb.social",), 4.2) == ""  # only nouns are raised
    kinds = word_kinds()
    assert {"юг", "океан", "вторник", "километр"} <= kinds.concrete
    assert {"участие", "сумма", "поддержка"} <= kinds.social
    assert not {"ответ", "президент", "отказаться"} & (kinds.concrete | kinds.social)


def test_english_words_alike_are_glosses_of_one_sense():
    from cards.lexicon.lexicon import alike_rows, english_alike

    rows = alike_rows([["fall", "drop", "decline"], ["downfall"], "take get grab seize catch capture collect".split()])
    assert rows["drop"] == ["fall", "decline"] and "downfall" not in rows["fall"]
    assert "take" not in rows  # a sense of seven glosses strays too far to pair them
    assert "increase" in english_alike("intensify")
    assert english_alike("get") == ()  # too common a word: it stands for anything
    assert "thing" not in english_alike("work")


def test_a_word_with_only_rare_glosses_still_gets_one():
    dictionary = find_dictionary(PLAIN)
    assert dictionary.card_glosses("очернение") == ("denigration",)


def test_grammar_facts_come_from_the_lexicon():
    lex = shipped()
    assert lex.entry("санкция").gender == "f"
    assert (lex.entry("заключить").aspect, lex.entry("заключить").partners) == ("perf", ("заключать",))
    assert lex.entry("выборы").plural_only and lex.entry("издержки").plural_only
    assert lex.entry("договорённость").stressed == "договорённость"
    assert lex.entry("сторона").stressed == "сторона́"
    # partners as the lexicon gives them, never a suffix rule's guess (переносить is not перенашивать)
    assert aspect_partner("переносить", "impf") == "перенести"
    assert aspect_partner("проживать", "impf") == "прожить"
    assert aspect_partner("обсудить", "perf") == "обсуждать"
    assert aspect_partner("абырвалгать", "impf") is None
    assert aspect_partner("считать", "impf") == "счесть"  # not честь, which reads first as a noun
    assert aspect_partner("выводить", "impf") == "вывести"  # of the two homonyms, not вываживать
    assert aspect_partner("подчеркивать", "impf") == "подчеркнуть"  # written without ё


def test_the_aspect_of_a_form_read_both_ways_is_the_dictionary_s():
    """pymorphy3 also has rare perfective homonyms (передавать, задевать 'mislay') and ranks them first."""
    def grammar(sentence):
        return [(lemma.lemma, lemma.aspect, lemma.aspect_partner)
                for lemma in (with_grammar(t.lemma) for t in analyse(sentence)) if lemma.pos == "verb"]

    assert grammar("Он передавал сообщения и задевает всех.") == [
        ("передавать", "impf", "передать"), ("задевать", "impf", "задеть")]
    assert grammar("Он выводил войска.") == [("выводить", "impf", "вывести")]
    assert grammar("Он исследовал вопрос.") == [("исследовать", "both", None)]
    assert grammar("Песня прозвучала.") == [("прозвучать", "perf", "звучать")]  # one reading: pymorphy3's


def test_of_homograph_verbs_the_one_with_the_commonest_partner_comes_first():
    dictionary = find_dictionary(PLAIN)
    assert shipped().entry("писать", "verb").stressed == "писа́ть"  # partner написать, not пописать
    assert dictionary.card_glosses("писать")[0] == "write"  # not "pee"
    assert dictionary.card_glosses("избегать")[0] == "avoid"  # not избе́гать "run about"
    assert aspect_partner("писать", "impf") == "написать"


def test_the_counterpart_picks_the_sense():
    dictionary = find_dictionary(PLAIN)
    assert dictionary.sense_of("бюллетень", "ballots") == ("ballot",)
    # the counterpart as the dictionary writes it (ballots: ballot), but a plural-only noun stays plural
    assert meaning_for("бюллетень", "ballots", dictionary) == ("ballot", "sentence")
    assert meaning_for("сторона", "parties", dictionary) == ("party", "sentence")
    assert meaning_for("завоевать", "conquered", dictionary) == ("conquer", "sentence")
    assert meaning_for("выборы", "elections", dictionary) == ("elections", "sentence")
    from cards.deck.content import dictionary_form

    assert dictionary_form("combat", "combative") == "combat"  # another word of the family, not an inflection
    assert dictionary_form("planned", "plan") == "plan" and dictionary_form("carried", "carry") == "carry"
    # a noun's counterpart loses a plural ending only: жилище / "housing" is not "house"
    assert dictionary_form("housing", "house", "noun") == "housing"
    assert dictionary_form("arrived", "arrival", "noun") == "arrival"  # прибытие: a noun's verb counterpart
    assert dictionary_form("climatic", "climate", "noun") == "climate"  # климат: a noun's adjective counterpart
    assert dictionary_form("millimeters", "millimetre", "noun") == "millimetre"  # American spelling, British gloss
    # an adverb's adjective counterpart, and an adjective's adverb one, in the target's own part of speech
    assert dictionary_form("regular", "regularly", "adv") == "regularly"  # регулярно / "regular"
    assert dictionary_form("public", "publicly", "adv") == "publicly"  # публично / "public"
    assert dictionary_form("officially", "official", "adj") == "official"  # официальный / "officially"
    assert dictionary_form("easy", "easily", "adj") == "easy"  # not for an adjective's own adjective counterpart
    assert meaning_for("публично", "public", dictionary, pos="adv") == ("publicly", "sentence")
    # a noun's verb counterpart, as the noun of the sense it matched (участие / "participate")
    assert dictionary_form("participate", "participation", "noun") == "participation"
    assert dictionary_form("restoring", "restoration", "noun") == "restoration"
    assert dictionary_form("transplant", "transplantation", "noun") == "transplantation"
    assert dictionary_form("participate", "participation", "verb") == "participate"
    from cards.lexicon.cognates import american

    assert [american(w) for w in ("centred", "defence", "analyse", "catalogue", "theatres", "genre", "fence")] == [
        "centered", "defense", "analyze", "catalog", "theaters", "genre", "fence"]
    assert dictionary.sense_of("оборона", "defense") and dictionary.sense_of("центр", "center")
    assert meaning_for("прибытие", "arrived", find_dictionary(PLAIN), pos="noun")[0].startswith("arrival")
    assert dictionary_form("sanctions", "sanction", "noun") == "sanction"
    assert dictionary_form("countries", "country", "noun") == "country"
    assert dictionary_form("planned", "plan", "adj") == "planned"
    assert dictionary_form("submarines", "submarine", "adj") == "submarine"  # подводных лодок: an adjective's
    assert dictionary_form("premises", "premise", "noun") == "premises"  # a plural English needs
    assert dictionary_form("arms", "arm", "noun") == "arms"
    assert dictionary_form("social networks", "social network", "noun") == "social network"
    assert dictionary_form("social housing", "social house", "noun") == "social housing"
    # a verb's counterpart that its "be" gloss holds is that gloss: строиться / "built"
    assert dictionary_form("built", "be built", "verb") == "be built"
    assert dictionary_form("injured", "be injured", "verb") == "be injured"
    assert dictionary_form("built", "be built", "adj") == "built"
    # a free translation first, then the word's own meaning marked as the dictionary's
    assert meaning_for("кресло", "presidency", dictionary) == ("presidency; dict. armchair", "sentence")
    assert meaning_for("коллега", "president", dictionary) == ("president; dict. colleague", "sentence")
    # a counterpart that is the English of the phrase the word stands in is said once, as the phrase
    assert meaning_for("результативный", "assists", dictionary, "результативных передач: assist", pos="adj") == (
        "результативных передач: assist", "sentence")
    assert meaning_for("светошумовой", "stun", dictionary, "светошумовые гранаты: flashbang", pos="adj")[0] == (
        "stun; светошумовые гранаты: flashbang")  # part of it: both
    assert meaning_for("отмечать", "noted", dictionary) == ("note; mention", "sentence")
    # a gloss beside the counterpart comes after it in its sense group (whose head may be another
    # meaning: "sanctions; approval" and "correspondence; copying" were shown before) and is one
    # WordNet relates to it (a group may run two meanings together: марка "brand, stamp")
    assert meaning_for("санкция", "sanctions", dictionary) == ("sanction", "sentence")
    assert meaning_for("переписка", "correspondence", dictionary) == ("correspondence", "sentence")
    assert meaning_for("марка", "brand", dictionary) == ("brand", "sentence")
    assert meaning_for("война", "war", dictionary) == ("war; warfare", "sentence")
    # capitalised by its place in the English ("Governor Ivanov", a sentence's first word): shown in the
    # dictionary's case; a word the dictionary capitalises keeps it
    assert meaning_for("губернатор", "Governor", dictionary) == ("governor", "sentence")
    assert meaning_for("воскресенье", "Sunday", dictionary)[0].startswith("Sunday")


def test_without_a_counterpart_the_dictionary_sense_is_marked_as_such():
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("праймериз", None, dictionary) == ("primary election", "dictionary")
    assert meaning_for("санкционный", None, dictionary)[1] == "base"
    assert meaning_for("санкционный", None, dictionary)[0].startswith("of санкция: sanction")
    assert meaning_for("переговорный", None, dictionary) == ("of переговоры: talks", "base")  # Wiktionary agrees
    assert meaning_for("абырвалг", None, dictionary) == ("", "")
    assert meaning_for("минский", None, dictionary) == ("of Минск", "base")  # a place's adjective, not of мина
    assert meaning_for("ИГ", None, dictionary) == ("", "")  # an abbreviation gets no base word (иго: yoke)
    assert meaning_for("костромской", None, dictionary) == ("of Кострома", "base")
    # a place's stem through a sound change: a soft sign, a doubled consonant, a fleeting е, ж for г, ц
    assert meaning_for("тверской", None, dictionary) == ("of Тверь", "base")
    assert meaning_for("тульский", None, dictionary) == ("of Тула", "base")
    assert meaning_for("одесский", None, dictionary) == ("of Одесса", "base")
    assert meaning_for("керченский", None, dictionary) == ("of Керчь", "base")
    assert meaning_for("рижский", None, dictionary) == ("of Рига", "base")
    assert meaning_for("винницкий", None, dictionary) == ("of Винница", "base")
    assert meaning_for("казанский", None, dictionary) == ("of Казань", "base")  # not of казан "cauldron"
    assert meaning_for("санкция", None, None) == ("", "")


def test_a_dictionary_phrase_the_word_stands_in_gives_its_meaning():
    from cards.deck.content import sentence_phrase
    from cards.lexicon.morph import analyse

    dictionary = find_dictionary(PLAIN)

    def phrase(text, word):
        tokens = analyse(text)
        return sentence_phrase(text, tokens, next(t for t in tokens if t.text == word), dictionary)

    text = "Катар лидирует по ВВП на душу населения, заявил он в эфире телеканала."
    assert phrase(text, "душу") == phrase(text, "населения") == "на душу населения: per capita"
    assert phrase(text, "эфире") == "в эфире: on air"
    assert phrase("Закон вступает в силу завтра.", "силу") == "вступает в силу: take effect"  # the longest; seeds/collocations.tsv
    assert phrase("На линии были военные корабли.", "корабли") == "военные корабли: warship"  # one word first
    assert phrase("Эфир, душу, население.", "душу") == ""  # the words must follow each other
    assert phrase("Они приняли участие в выборах.", "участие") == "приняли участие: take part"  # not partake
    assert phrase("Решение будет принято завтра.", "принято") == ""  # быть принятым: "fly"
    # the hand-written set phrases of news (cards/lexicon/seeds/phrases.tsv), ahead of Wiktionary's
    assert phrase("По данным агентства, в ходе переговоров всё решили.", "данным") == "по данным: according to"
    assert phrase("По данным агентства, в ходе переговоров всё решили.", "ходе") == "в ходе: during"
    assert phrase("В общей сложности погибли 12 человек.", "сложности") == "в общей сложности: in total"  # dictionary case
    assert phrase("Они приложили усилия к миру.", "усилия") == "приложили усилия: make an effort"  # not "break a sweat"
    # a set prepositional phrase stands only in its own form: its noun's case is part of it
    assert phrase("Цены вернулись в рамки прогноза.", "рамки") == ""  # not "в рамки: as part of" (в рамках)
    assert phrase("Учения прошли в рамках договора.", "рамках") == "в рамках: as part of"
    assert phrase("Они пустили в ход всё, что было.", "ход") == "пустили в ход: use"  # not "в ход: during" (в ходе)
    assert phrase("Решение осталось в силе.", "силе") == ""  # not "в силе: due to" (в силу)
    assert meaning_for("душа", None, dictionary, "на душу населения: per capita") == (
        "на душу населения: per capita", "dictionary")
    assert meaning_for("душа", "per-capita", dictionary, "на душу населения: per capita") == (
        "per-capita; на душу населения: per capita", "sentence")  # not "dict. soul" beside a free translation


def test_base_words_of_derived_words_and_compounds():
    assert base_words("санкционный") == (("", "санкция"),)
    assert ("спец-", "посланник") in base_words("спецпосланник")
    assert ("гео-", "стратегический") in base_words("геостратегический")
    assert ("пост-", "санкция") in base_words("постсанкционный")
    assert base_words("поверенный") == ()  # the lexicon knows it ("attorney"): no guess
    assert base_words("стол") == ()
    # OpenRussian lists these without a gloss: their base words speak for them, named as such
    assert ("по-", "этап") in base_words("поэтапный")  # этапный has a sense of its own, not the one here
    assert ("", "армия") in base_words("армейский")
    assert ("", "фрукт") in base_words("фруктовый")
    assert ("само-", "изоляция") in base_words("самоизоляция")
    assert ("нац-", "гвардия") in base_words("нацгвардия")
    assert ("", "бабушка") in base_words("бабушкин")  # a possessive adjective
    assert base_words("припарковать") == (("при-", "парковать"),)  # a prefixed verb: its verb
    assert base_words("переизбрать") == (("пере-", "избрать"),)  # пере-, not п- + ере-
    assert ("медико-", "санитарный") in base_words("медико-санитарный")  # a hyphenated compound: its last part
    assert ("мало-", "облачный") in base_words("малооблачный")
    assert base_words("экономически") == (("", "экономический"),)  # adverbs in -ски and по-…-ому
    assert base_words("по-военному") == (("", "военный"),)
    assert ("", "цена") in base_words("ценовой")  # adjectives in -овой, -евой
    assert ("", "отрасль") in base_words("отраслевой")
    assert ("", "наработать") in base_words("наработка")  # a verbal noun in -ка
    assert ("", "краеведение") in base_words("краеведческий")
    assert ("зам-", "глава") in base_words("замглавы")  # a clipped title and a noun in the genitive
    assert ("ген-", "прокуратура") in base_words("генпрокуратура")
    assert base_words("океанографический") == (("", "океанография"),)
    assert base_words("баскетбольный") == (("", "баскетбол"),)
    assert base_words("неэксплуатируемый") == (("не-", "эксплуатировать"),)  # a participle: its verb
    assert ("", "инфицировать") in base_words("инфицирование")  # a verb only Wiktionary glosses
    assert ("", "фейк") in base_words("фейковый")  # a noun only Wiktionary has
    assert ("про-", "российский") in base_words("пророссийский")
    assert ("про-", "кремль") in base_words("прокремлевский")
    assert ("", "маска") in base_words("масочный")


def test_a_word_known_without_a_gloss_gets_its_base_words_meaning():
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("армейский", None, dictionary) == ("of армия: army", "base")
    assert meaning_for("самоизоляция", None, dictionary) == ("self- + изоляция: isolation", "base")
    assert meaning_for("поэтапно", None, dictionary) == ("по- + этап: stage", "base")
    assert meaning_for("дистанционно", None, dictionary) == ("of дистанция: distance", "base")
    assert meaning_for("окончательно", None, dictionary)[1] == "dictionary"  # its own gloss first
    assert meaning_for("негазированный", None, dictionary) == ("не- + газированный: not carbonated", "base")
    assert meaning_for("припарковать", None, dictionary) == ("при- + парковать: park", "base")


def test_a_word_with_only_a_definition_keeps_it_and_notes_are_left_out():
    from cards.lexicon.convert import senses

    assert senses("citizen of the Russian Federation") == (("citizen of the Russian Federation",),)
    assert senses("sanctions, citizen of the Russian Federation") == (("sanctions",),)  # a gloss: no definition
    assert senses("Adjectival form of Spring the season") == ()  # a note, not a translation
    assert senses("Adjective of jubilee; diminutive of carrot") == ()  # OpenRussian's notes: the base word says more
    assert senses("boy; also sea urchin") == (("boy",), ("sea urchin",))
    # a definition ranks after Wiktionary's translation (россиянин: Russian, a capitalised headword)
    assert shipped().ranked("россиянин")[0][0] == "Russian"


def test_english_glosses_may_have_accents_but_other_languages_are_left_out():
    from cards.lexicon.convert import senses

    assert senses("attaché; café, coffee-house") == (("attaché",), ("café", "coffee-house"))
    assert senses("malice, spite; öfke") == (("malice", "spite"),)  # Turkish in an English column


def _dsl(path: Path, cards: list[tuple[str, str, str]]) -> Path:
    """A made-up Wiktionary DSL file: (English headword, part of speech, Russian translations) per card."""
    import gzip

    lines = ["#NAME \"made up\""]
    for head, pos, russian in cards:
        lines += [head, f"\t[b][c darkblue]~[/c][/b] [p]<{pos}>[/p] [i](a sense)[/i]", f"\t[m1]{russian}[/m]", ""]
    with gzip.open(path, "wb") as f:
        f.write("\n".join(lines).encode("utf-16-le"))
    return path


def test_wiktionary_keeps_capitalised_nouns_and_the_names_of_institutions_but_not_of_places(tmp_path):
    """Russian (a person from Russia) is россиянин's everyday gloss; Sejm is a <prop> whose Russian word is no
    name and has no other gloss; Moscow is a place, and a proper name never glosses a word glossed
    otherwise (воскресенье is not "Sabbath")."""
    from cards.lexicon.convert import wiktionary_rows

    dsl = _dsl(tmp_path / "en-ru.dsl.dz", [
        ("Russian", "n", "россиянин [p]<m>[/p], россиянка [p]<f>[/p]"), ("Sejm", "prop", "Сейм [p]<m>[/p]"),
        ("Moscow", "prop", "Москва [p]<f>[/p]"), ("Sabbath", "prop", "воскресенье"), ("Sunday", "n", "воскресенье"),
        ("attaché", "n", "атташе [p]<m>[/p]")])
    rows = dict(line.split("\t") for line in wiktionary_rows(dsl, glossed={"воскресенье"}))
    assert rows == {"россиянин": "Russian:0", "россиянка": "Russian:0.3", "сейм": "Sejm:0", "воскресенье": "Sunday:0",
                    "атташе": "attaché:0"}


def _lexicon(senses: dict[str, str], wiktionary: dict[str, str], zipf: dict[str, float]):
    from cards.lexicon.lexicon import Entry, Lexicon, _heads

    words = {w: (Entry(w, w, "noun", senses=tuple(tuple(s.split("; ")) for s in cell.split(" | "))),)
             for w, cell in senses.items()}
    return Lexicon(words, {w: _heads(f"{w}\t{h}") for w, h in wiktionary.items()}, zipf)


def test_a_much_commoner_synonym_that_wiktionary_confirms_comes_before_a_rare_one():
    """кубок: "goblet; bowl; beaker; cup" shows cup; a light word (new) or one Wiktionary does not give
    (bowl) does not move, nor does a rare synonym leave a sense that is not its own."""
    zipf = {"goblet": 2.9, "bowl": 4.6, "beaker": 2.8, "cup": 5.1, "cage": 3.9, "new": 6.5, "check": 5.0, "trophy": 4.0}
    lex = _lexicon({"кубок": "goblet; bowl; beaker; cup | trophy", "клетка": "cage; new; check"},
                   {"кубок": "cup:0; goblet:0; beaker:0.3", "клетка": "cage:0; check:0; new:0"}, zipf)
    assert lex.senses("кубок") == (("cup", "goblet", "bowl", "beaker"), ("trophy",))
    assert lex.ranked("кубок")[0][0] == "cup"
    assert lex.senses("клетка") == (("cage", "new", "check"),)  # cage is no rare word: nothing passes it


def test_obscure_openrussian_glosses_and_definitions_rank_after_wiktionary_s_translation():
    zipf = {"Byelorussian": 1.9, "Belarusian": 2.8, "capital": 5.0, "metropolis": 3.6, "capital city": 3.5}
    lex = _lexicon({"белорус": "Byelorussian", "столица": "capital; metropolis"},
                   {"белорус": "Belarusian:0", "столица": "capital city:0; metropolis:0"}, zipf)
    assert [g for g, _ in lex.ranked("белорус")] == ["Belarusian", "Byelorussian"]
    # Wiktionary's "capital city" confirms OpenRussian's first gloss as much as "metropolis" the second
    assert [g for g, _ in lex.ranked("столица")][:2] == ["capital", "metropolis"]


def test_slashes_separate_openrussians_glosses_but_not_someone_or_something():
    from cards.lexicon.convert import senses

    assert senses("acknowledgement/ recognition / confession") == (("acknowledgement", "recognition", "confession"),)
    assert senses("to transport someone/something (by vehicle); to be lucky") == (
        ("transport someone or something",), ("be lucky",))
    assert senses("offside (soccer/football)") == (("offside",),)
    assert shipped().entry("признание").senses[0][:2] == ("acknowledgement", "recognition")


def test_words_no_gloss_of_their_own_can_show_fall_back_to_honest_guesses():
    from cards.deck.content import meaning_for

    dictionary = find_dictionary(BuildOptions(system_dictionaries=False))
    assert meaning_for("10-летний", None, dictionary) == ("10-летний: 10-year", "base")  # лет is год's plural
    assert meaning_for("14-дневный", None, dictionary) == ("14-дневный: 14-day", "base")
    # a measure word the lexicon glosses itself, with no base noun found (пушечный: gun), after the base's
    assert meaning_for("54-пушечный", None, dictionary) == ("54-пушечный: 54-gun", "base")
    assert meaning_for("2-комнатный", None, dictionary) == ("2-комнатный: 2-room", "base")  # not "indoor"
    assert meaning_for("крестьянский", None, dictionary) == ("of крестьянин: peasant", "base")  # not "peasantish"
    assert meaning_for("нефтехимия", None, dictionary) == ("oil + химия: chemistry", "base")  # not "petrochemistry"
    assert meaning_for("промилле", None, dictionary) == ("permille", "dictionary")  # no base: rare, but right
    assert meaning_for("онлайн", None, dictionary) == ("online", "loanword")  # a silent English e
    assert meaning_for("немецкоязычный", None, dictionary) == ("немецко- + язык: language", "base")  # not "lingual"
    assert meaning_for("русскоязычный", None, dictionary) == ("Russophone", "dictionary")  # Wiktionary's capitalised adjective
    assert "tutelary" not in meaning_for("правоохранитель", None, dictionary)[0]  # охранитель's rare sense
    assert meaning_for("правоохранитель", None, dictionary) == ("право- + охранить: guard", "base")
    assert meaning_for("генпрокурор", None, dictionary) == ("general + прокурор: public prosecutor", "base")
    assert meaning_for("допмера", None, dictionary) == ("additional + мера: measure", "base")  # clipped дополнительная
    assert meaning_for("погранслужба", None, dictionary) == ("border + служба: service", "base")


def test_seed_build_without_system_dictionaries_gives_every_target_a_meaning(tmp_path):
    result = build_deck([ROOT / "seeds" / "minsk-washington"],
                        BuildOptions(out=tmp_path / "mw.apkg", system_dictionaries=False, stress=False))
    targets = [t for card in result.cards for t in card.targets]
    assert len(targets) > 100
    assert sum(1 for t in targets if not t.gloss) <= 1
    assert sum(1 for t in targets if t.gloss_from == "sentence") / len(targets) > 0.78  # measured 102/125
    assert "meanings: built-in lexicon" in result.summary()
    assert "mueller7" not in result.summary()


def test_the_pair_check_works_with_the_built_in_lexicon_alone():
    from cards.build import find_pairs, pairs_from_beads, prepare_articles
    from cards.align import align_many

    dictionary = find_dictionary(PLAIN)
    seed, other = prepare_articles(find_pairs([ROOT / "seeds" / "minsk-washington",
                                               ROOT / "tests" / "data" / "pairs" / "yerevan-brussels"]))
    assert pairs_evidence(seed.pairs, dictionary) > 0.4
    assert pairs_evidence(other.pairs, dictionary) > 0.4
    sides = [(seed.ru_sentences, other.en_sentences)]
    mixed = pairs_from_beads(seed.ru_sentences, other.en_sentences, align_many(sides)[0])
    assert pairs_evidence(mixed, dictionary) < 0.15
    # the aligner may leave every sentence of another article's English unpaired: still no translation
    from cards.model import Pair

    unpaired = [Pair(p.ru, "", 0.5) for p in seed.pairs[:3]] + [Pair("", p.en, 0.5) for p in other.pairs[:3]]
    assert pairs_evidence(unpaired, dictionary) == 0.0
    assert pairs_evidence([Pair(p.ru, "", 0.5) for p in seed.pairs[:3]], dictionary) is None  # no English at all
    # one true pair among many unpaired sentences (another article on the same news) scores low; the same
    # pair in an abridged translation (the English of half the sentences, all of them paired) does not
    text = [p for p in seed.pairs if p.kind == "text" and p.ru and p.en]
    alone = [text[5]] + [Pair(p.ru, "", 0.5) for p in text[6:12]] + [Pair("", p.en, 0.5) for p in text[12:18]]
    abridged = [p if k % 2 else Pair(p.ru, "", 0.5) for k, p in enumerate(text[:12])]
    assert pairs_evidence([text[5]], dictionary) >= 0.3
    assert pairs_evidence(alone, dictionary) < 0.3 <= pairs_evidence(abridged, dictionary)


def test_figures_count_as_evidence_of_a_translation():
    from cards.align.evidence import numbers, translation_evidence

    assert numbers("9,5 тысяч, 158 случаев, 2 дня и 1\u00a0500 тестов") == ["9.5", "158", "1500"]
    dictionary = find_dictionary(PLAIN)
    same = translation_evidence([("Выявлено 158 новых случаев.", "158 new cases were found.")], dictionary)
    other = translation_evidence([("Выявлено 158 новых случаев.", "683 new cases were found.")], dictionary)
    assert same > other


def test_a_dictionary_phrase_gives_its_head_word_the_phrase_translation():
    from cards.align.words import counterparts

    dictionary = find_dictionary(PLAIN)
    assert ("ceasefire", 0.0) in dictionary.phrase_glosses("прекращение", {"огонь"})
    assert dictionary.phrase_glosses("прекращение", {"работа"}) == ()
    assert dictionary.phrase_glosses("огонь", {"прекращение"}) == ()  # only the head takes it
    ru = "Стороны договорились о прекращении огня в Донбассе."
    en = "The parties agreed on a ceasefire in Donbass."
    start = ru.index("прекращении")
    span = counterparts(ru, en, [(start, start + len("прекращении"), "прекращение")], dictionary=dictionary)[0]
    assert en[span[0] : span[1]] == "ceasefire"


def test_grammar_on_the_card_comes_from_the_lexicon():
    from cards.deck.content import with_grammar
    from cards.model import Lemma, Target
    from cards.deck.render import grammar_label, grammar_short

    def label(lemma):
        return grammar_label(Target(lemma=with_grammar(lemma), ru_span=(0, 1)))

    assert label(Lemma("выборы", "noun", gender="m")) == "noun · plural only"
    # OpenRussian gives переговоры, финансы no gender and no mark; pymorphy3 knows they have no singular
    assert label(Lemma("переговоры", "noun")) == "noun · plural only"
    assert grammar_short(Target(lemma=with_grammar(Lemma("финансы", "noun")), ru_span=(0, 1))) == "pl. only"
    assert label(Lemma("пальто", "noun", gender="n")) == "noun · neuter · indeclinable"
    assert label(Lemma("санкция", "noun", gender="f")) == "noun · feminine"
    assert label(Lemma("переносить", "verb", aspect="impf")) == "verb · imperfective (pf. перенести)"
    # коллега is masculine or feminine (OpenRussian: both), whatever gender pymorphy3 guessed
    assert label(Lemma("коллега", "noun", gender="f")) == "noun · masculine or feminine"
    assert grammar_short(Target(lemma=with_grammar(Lemma("коллега", "noun", gender="m")), ru_span=(0, 1))) == "m./f."


def test_an_unknown_loanword_gets_the_english_word_it_is_spelled_like_marked_as_a_guess():
    from cards.lexicon.lexicon import loanword
    from cards.model import Card, Lemma, Pair, Target
    from cards.deck.render import vocabulary_html

    dictionary = find_dictionary(PLAIN)
    assert meaning_for("коронавирус", None, dictionary) == ("coronavirus", "loanword")
    assert loanword("блогер") == "blogger"
    assert loanword("магазин") is None  # a known word may be a false friend: the dictionary speaks for it
    ru = "Коронавирус отступает."
    target = Target(Lemma("коронавирус", "noun", gender="m"), (0, 11), gloss="coronavirus", gloss_from="loanword")
    html = vocabulary_html(Card(Pair(ru, "The virus recedes.", 0.9), (target,), key="k"))
    assert "≈ coronavirus" in html and "dict." not in html


def test_shipped_words_and_partners_are_russian_words():
    """OpenRussian's partner cells hold "-" for none, stray "-;отвести", names: none of it is shipped."""
    import gzip
    import re

    word = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
    with gzip.open(DATA_DIR / "openrussian.tsv.gz", "rt", encoding="utf-8") as f:
        partners = [p for line in f for p in line.split("\t")[5].split(",") if p]
    assert len(partners) > 5000 and all(word.fullmatch(p) for p in partners)
    with gzip.open(DATA_DIR / "topic-politics.tsv.gz", "rt", encoding="utf-8") as f:
        topic = [line.split("\t")[0] for line in f]
    assert len(topic) >= 1500 and all(word.fullmatch(w) for w in topic)


def test_the_shipped_lexicon_is_read_through_a_table_made_once_from_its_files(tmp_path, monkeypatch):
    """Every word of the data files, with the same lines, read from an SQLite file in the cache folder named
    by the files' content; a table of other files is removed when it is made; a read-only cache folder still works."""
    from cards.lexicon import lexicon, tables

    def forget() -> None:
        for cached in (lexicon.shipped, lexicon.shipped_dictionary):
            cached.cache_clear()
        tables._connections.clear()

    def fresh(folder: Path):
        monkeypatch.setenv("CARDS_CACHE_DIR", str(folder))
        forget()
        return lexicon.shipped()

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "lexicon-0123456789abcdef.sqlite").write_bytes(b"of other data files")
    try:
        lex = fresh(cache)
        assert lex.entry("санкция").gender == "f" and lex.entry("заключить").partners == ("заключать",)
        assert [p.name for p in cache.iterdir()] == [f"lexicon-{lexicon._files_digest()[:16]}.sqlite"]
        words, wiktionary = lexicon._keyed("openrussian.tsv.gz"), lexicon._keyed("wiktionary.tsv.gz")
        assert list(lex.words) == sorted(words) and list(lex.wiktionary) == sorted(wiktionary)
        assert all(lex.words[k] == lexicon.commonest_verb_first(tuple(map(lexicon._entry, words[k].split("\n"))))
                   for k in sorted(words)[::97])  # homograph verbs: the commonest first, as `shipped` reads them
        assert "санкция" in lexicon.shipped_dictionary() and "щщзщ" not in lexicon.shipped_dictionary()
        assert len(lexicon.shipped_dictionary()) == len(words.keys() | wiktionary.keys())
        assert lex.english_zipf["sanction"] == pytest.approx(3.6, abs=0.5)
        blocker = tmp_path / "a-file"
        blocker.write_text("")
        assert fresh(blocker / "cache").entry("санкция").gender == "f"  # a folder under a file: made in memory
    finally:
        monkeypatch.undo()
        forget()  # the other tests read the session's cache folder again


def test_a_hyphenated_word_has_its_last_part_as_base_unless_it_begins_with_digits():
    from cards.lexicon.lexicon import base_words

    assert base_words("медико-санитарный") == (("медико-", "санитарный"),)
    assert base_words("интернет-магазин") == (("интернет-", "магазин"),)
    assert base_words("4-летний") == ()


def test_a_noun_in_ets_or_an_adjective_used_as_a_noun_gets_what_it_is_made_from():
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("тюменец", None, dictionary) == ("of Тюмень", "base")  # a place
    assert meaning_for("путинец", None, dictionary) == ("of Путин", "base")  # a person (ленинец: Leninist, Wiktionary's)
    assert meaning_for("набережный", None, dictionary) == ("набережная: embankment", "base")
    assert meaning_for("немец", None, dictionary) == ("German", "dictionary")  # the lexicon's own first
    # a noun of action whose verb the lexicon knows only as a prefixed verb
    assert meaning_for("разблокирование", None, dictionary)[0].startswith("раз- + блокировать: ")
    # a compound of a stem, a linking vowel and a word the lexicon knows
    assert base_words("немецкоязычный")[:2] == (("немецко-", "язычный"), ("немецко-", "язык"))  # then its own base
    assert meaning_for("немецкоязычный", None, dictionary)[0] == "немецко- + язык: language"  # язычный is "lingual"
    assert base_words("абвгоязычный") == ()  # no known first part


def _everyday(tmp_path, openrussian: list[str], wiktionary: list[str], seeds: str, topic: set[str] = frozenset()):
    """everyday_rows on tiny source tables written to tmp_path."""
    import gzip

    from cards.lexicon.convert import everyday_rows

    files = {}
    for name, lines in (("openrussian", openrussian), ("wiktionary", wiktionary)):
        files[name] = tmp_path / f"{name}.tsv.gz"
        with gzip.open(files[name], "wt", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in lines)
    (tmp_path / "seeds.txt").write_text("# level<TAB>term\n" + seeds, encoding="utf-8")
    return everyday_rows(files["openrussian"], files["wiktionary"], tmp_path / "seeds.txt", set(topic))


def test_an_everyday_noun_rare_in_its_dictionary_form_is_everyday_where_wiktionary_confirms_it(tmp_path):
    """подушка is rare as a nominative (Zipf 3.45, under A2's floor of 3.5) but common in all its forms;
    Wiktionary lists it under "pillow", so it is everyday. An adjective matched by its first gloss
    alone (присяжный "born", a juror) is not, nor is подушка without Wiktionary's word for it."""
    openrussian = ["подушка\tподу́шка\tnoun\t\t\t\t\tpillow; cushion", "присяжный\tприсяжный\tadj\t\t\t\t\tborn; sworn"]
    seeds = "A2\tpillow\nA1\tborn\n"
    rows = _everyday(tmp_path, openrussian, ["подушка\tpillow:0; cushion:0", "присяжный\tjuror:0"], seeds)
    assert rows == ["A2\tподушка\tpillow"]
    assert _everyday(tmp_path, openrussian, ["подушка\tcushion:0"], seeds) == []


def test_a_gloss_with_an_article_matches_the_seed_term_and_the_topic_wins(tmp_path):
    """тысяча "a thousand" is the seed term thousand; a word of the topic is never everyday."""
    openrussian = ["тысяча\tты́сяча\tnoun\t\t\t\t\ta thousand", "выборы\tвы́боры\tnoun\t\t\t\t\telection; elections"]
    seeds = "A1\tthousand\nA1\telection\n"
    assert _everyday(tmp_path, openrussian, [], seeds, topic={"выборы"}) == ["A1\tтысяча\tthousand"]


def test_an_everyday_verb_brings_its_aspect_partner_when_the_partner_means_the_same(tmp_path):
    """выпить "drink" is everyday; its partner выпивать (Zipf 3.2, under A1's floor) comes with it since its
    own first gloss is drink too; попивать, whose first gloss is another word, does not."""
    openrussian = ["выпить\tвы́пить\tverb\t\tperf\tвыпивать,попивать\t\tdrink",
                   "выпивать\tвыпива́ть\tverb\t\timpf\tвыпить\t\tdrink; booze",
                   "попивать\tпопива́ть\tverb\t\timpf\tвыпить\t\tsip"]
    rows = _everyday(tmp_path, openrussian, [], "A1\tdrink\nB1\tsip\n")
    assert rows == ["A1\tвыпивать\tdrink", "A1\tвыпить\tdrink"]
    assert _everyday(tmp_path, openrussian, [], "A1\tdrink\n", topic={"выпивать"}) == ["A1\tвыпить\tdrink"]


def test_an_everyday_verb_brings_its_plain_po_perfective_whatever_its_gloss(tmp_path):
    """лететь "fly" is everyday; полететь, its partner, glossed "start to fly", is лететь with по- before it and
    comes with it. A partner with another prefix and another gloss (слететь "fly down") does not."""
    openrussian = ["лететь\tлете́ть\tverb\t\timpf\tполететь,слететь\t\tfly",
                   "полететь\tполете́ть\tverb\t\tperf\tлететь\t\tstart to fly, fall",
                   "слететь\tслете́ть\tverb\t\tperf\tлететь\t\tfly down"]
    rows = _everyday(tmp_path, openrussian, [], "A1\tfly\n")
    assert rows == ["A1\tлететь\tfly", "A1\tполететь\tfly"]


def test_the_shipped_everyday_words_have_the_po_perfectives_but_not_homographs_of_other_verbs():
    """полететь and поехать (the seed's "did not fly to the summit") are known at B1 with лететь and ехать;
    сносить ("wear out", and "demolish") and сходить are not taken as partners by their prefix."""
    from cards.lexicon.levels import everyday_words

    b1 = everyday_words("B1")
    assert {"лететь", "полететь", "ехать", "поехать", "поговорить"} <= b1
    assert not {"сносить", "сходить"} & b1


def test_the_russian_everyday_list_adds_words_the_english_seeds_miss_but_never_the_topics_own(tmp_path):
    """морской "marine" and комната "room" are everyday by the hand-written Russian list, with their first
    gloss as the term; морской stays so though the topic found it by its third gloss "naval". выборы and
    флаг, whose first gloss is a topic term, stay the topic's whatever the list says."""
    import gzip

    from cards.lexicon.convert import russian_everyday_rows

    openrussian = ["морской\tморско́й\tadj\t\t\t\t\tmarine; maritime; naval", "комната\tко́мната\tnoun\t\t\t\t\troom",
                   "выборы\tвы́боры\tnoun\t\t\t\t\telection; elections", "флаг\tфлаг\tnoun\t\t\t\t\tflag; ensign"]
    with gzip.open(tmp_path / "openrussian.tsv.gz", "wt", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in openrussian)
    (tmp_path / "general-ru.txt").write_text("# level<TAB>lemma\nA2\tморской\nA1\tкомната\nA1\tвыборы\nB1\tфлаг\n", encoding="utf-8")
    topic = {"морской": "naval", "выборы": "election", "флаг": "flag"}
    rows = russian_everyday_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "general-ru.txt", topic)
    assert rows == ["A1\tкомната\troom", "A2\tморской\tmarine"]


def test_the_news_register_joins_the_topic_in_every_sense_and_leaves_the_everyday_list(tmp_path):
    """произойти and наводнение (seeds/news-ru.txt) join a topic's rows with the register's term, a lemma the
    topic has keeps its term (случай "accident"), and one as common as год is nobody's to teach; a register
    lemma of the topic leaves the everyday list, whose other lemmas stay."""
    import gzip

    from cards.lexicon.convert import russian_everyday_rows, with_news_register
    from cards.lexicon.levels import NEWS_TERM

    (tmp_path / "news-ru.txt").write_text("# -- events\nпроизойти\nнаводнение\nслучай\nгод\n", encoding="utf-8")
    rows = with_news_register(["выборы\telection", "случай\taccident"], tmp_path / "news-ru.txt")
    assert rows == ["выборы\telection", f"наводнение\t{NEWS_TERM}", f"произойти\t{NEWS_TERM}", "случай\taccident"]
    openrussian = ["наводнение\tнаводне́ние\tnoun\t\t\t\t\tflood", "комната\tко́мната\tnoun\t\t\t\t\troom"]
    with gzip.open(tmp_path / "openrussian.tsv.gz", "wt", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in openrussian)
    (tmp_path / "general-ru.txt").write_text("B1\tнаводнение\nA1\tкомната\n", encoding="utf-8")
    topic = dict(row.split("\t") for row in rows)
    register = ["произойти", "наводнение", "случай"]
    assert russian_everyday_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "general-ru.txt", topic, register) == [
        "A1\tкомната\troom"]


def test_both_everyday_lists_merge_at_the_lower_level_with_the_english_seeds_term():
    from cards.lexicon.convert import merged_everyday

    english = ["A1\tмарт\tmarch", "B1\tзалив\tbay"]
    russian = ["A2\tмарт\tMarch", "A2\tзалив\tbay", "B1\tзона\tzone"]
    assert merged_everyday(english, russian) == ["A2\tзалив\tbay", "B1\tзона\tzone", "A1\tмарт\tmarch"]


def test_the_shipped_everyday_words_know_general_words_at_b1_and_never_the_news_own():
    """General words a teacher found taught (морской, зона, комментарий, залив …) are known at B1, зона not
    yet at A2; the core of political news and words everyday in one sense but the news' in another
    (передавать "pass", the newswire's "reports") are never everyday."""
    from cards.lexicon.levels import everyday_words

    b1, a2 = everyday_words("B1"), everyday_words("A2")
    assert {"морской", "зона", "комментарий", "залив", "соединять", "проехать", "фигура", "портал"} <= b1
    assert "зона" not in a2 and "комната" in a2
    news = {"выборы", "соглашение", "граница", "заявление", "войско", "представитель", "сторона", "мир", "власть",
            "состав", "совет", "глава", "отношение", "санкция", "переговоры", "министр", "раунд", "диалог", "передавать"}
    assert not news & everyday_words("B2")


def test_an_everyday_adverb_is_everyday_but_no_adverb_joins_the_topic(tmp_path):
    """вскоре "soon" (OpenRussian's "others" table) is everyday vocabulary by its first gloss; the topic's
    looser matching (any main gloss) still leaves that table out."""
    from cards.lexicon.convert import topic_rows

    openrussian = ["вскоре\tвско́ре\tother\t\t\t\t\tsoon; shortly", "ныне\tны́не\tother\t\t\t\t\tnowadays; now"]
    assert _everyday(tmp_path, openrussian, [], "A2\tsoon\nA1\tnow\n") == ["A2\tвскоре\tsoon"]
    (tmp_path / "politics.txt").write_text("shortly\n", encoding="utf-8")
    assert topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt") == []


def test_a_seed_written_as_an_infinitive_matches_verbs_only(tmp_path):
    """"to sign" brings подписать (and a Wiktionary headword that is an infinitive) into the topic, not
    знак "sign"; the term written to the table is the bare word."""
    from cards.lexicon.convert import topic_rows

    openrussian = ["подписать\tподписа́ть\tverb\t\tperf\t\t\tsign", "знак\tзна́к\tnoun\t\t\t\t\tsign; token"]
    _everyday(tmp_path, openrussian, ["расписаться\tsign:0", "вывеска\tsign:0"], "")
    (tmp_path / "politics.txt").write_text("to sign\n", encoding="utf-8")
    rows = topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt")
    assert rows == ["подписать\tsign", "расписаться\tsign"]
    (tmp_path / "politics.txt").write_text("sign\n", encoding="utf-8")  # the bare word: every part of speech
    rows = topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt")
    assert rows == ["вывеска\tsign", "знак\tsign", "подписать\tsign", "расписаться\tsign"]


def test_the_shipped_topic_has_the_verbs_of_treaties_and_reports_not_the_nouns_of_their_english_words():
    from cards.lexicon.levels import topic_words

    politics = topic_words("politics")
    assert {"подписать", "подписывать", "напомнить", "напоминать", "обсудить", "обсуждать"} <= politics
    assert {"мера", "база", "начальник", "акция"} <= politics
    assert not {"знак", "вывеска", "размер", "низкий", "голова"} & politics
    assert "обсуждаться" not in politics and "подписываться" not in politics  # passives, known through their verb


def test_a_seed_with_an_article_matches_nouns_by_their_first_gloss(tmp_path):
    """"a measure" brings мера (first gloss measure), not размер (its eighth), nor the verb мерить."""
    from cards.lexicon.convert import topic_rows

    openrussian = ["мера\tме́ра\tnoun\t\t\t\t\tmeasure; step", "размер\tразме́р\tnoun\t\t\t\t\tsize; rate; measure",
                   "мерить\tме́рить\tverb\t\timpf\t\t\tmeasure"]
    _everyday(tmp_path, openrussian, ["мерка\tmeasure:0"], "")
    (tmp_path / "politics.txt").write_text("a measure\n", encoding="utf-8")
    rows = topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt")
    assert rows == ["мера\tmeasure"]


def test_a_reflexive_verb_is_no_topic_word_of_its_own_beside_its_verb_of_the_same_term(tmp_path):
    """обсуждаться "discuss" (обсуждалась: was discussed) is learnt with обсуждать; сдаться "surrender"
    stays, since сдать is no topic word."""
    from cards.lexicon.convert import topic_rows

    openrussian = ["обсуждать\tобсужда́ть\tverb\t\timpf\t\t\tdiscuss", "обсуждаться\tобсужда́ться\tverb\t\timpf\t\t\tdiscuss",
                   "сдаться\tсда́ться\tverb\t\tperf\t\t\tsurrender", "сдать\tсда́ть\tverb\t\tperf\t\t\thand over"]
    _everyday(tmp_path, openrussian, [], "")
    (tmp_path / "politics.txt").write_text("to discuss\nsurrender\n", encoding="utf-8")
    rows = topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt")
    assert rows == ["обсуждать\tdiscuss", "сдаться\tsurrender"]


def test_a_topics_exclusion_list_leaves_out_the_words_a_seed_matches_by_another_sense(tmp_path):
    """politics-not.txt beside politics.txt names lemmas a seed term matches by mistake (ель "deal",
    ёлка written with ё); they, and the aspect partners they would bring, stay out of the topic."""
    from cards.lexicon.convert import topic_rows

    openrussian = ["сделка\tсде́лка\tnoun\t\t\t\t\ttransaction; deal", "ель\tе́ль\tnoun\t\t\t\t\tfir; spruce; deal",
                   "ёлка\tёлка\tnoun\t\t\t\t\tfir; deal", "качать\tкача́ть\tverb\t\timpf\tкачнуть\t\trock; chair",
                   "качнуть\tкачну́ть\tverb\t\tperf\tкачать\t\tswing"]
    _everyday(tmp_path, openrussian, [], "")
    (tmp_path / "politics.txt").write_text("deal\nchair\n", encoding="utf-8")
    rows = topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt")
    assert rows == ["ель\tdeal", "качать\tchair", "качнуть\tchair", "сделка\tdeal", "ёлка\tdeal"]
    (tmp_path / "politics-not.txt").write_text("# why\nель  # deal: the wood\nелка\nкачать  # chair\n", encoding="utf-8")
    rows = topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt")
    assert rows == ["сделка\tdeal"]


def test_a_reflexive_verb_commoner_than_its_verb_is_a_topic_word_of_its_own(tmp_path):
    """отказаться "refuse" (Zipf 5.2) is no passive of отказать (4.5): both stay; обсуждаться goes."""
    from cards.lexicon.convert import topic_rows

    openrussian = ["отказать\tотказа́ть\tverb\t\tperf\t\t\trefuse; deny", "отказаться\tотказа́ться\tverb\t\tperf\t\t\trefuse",
                   "обсуждать\tобсужда́ть\tverb\t\timpf\t\t\tdiscuss", "обсуждаться\tобсужда́ться\tverb\t\timpf\t\t\tdiscuss"]
    _everyday(tmp_path, openrussian, [], "")
    (tmp_path / "politics.txt").write_text("to refuse\nto discuss\n", encoding="utf-8")
    rows = topic_rows(tmp_path / "openrussian.tsv.gz", tmp_path / "wiktionary.tsv.gz", tmp_path / "politics.txt")
    assert rows == ["обсуждать\tdiscuss", "отказать\trefuse", "отказаться\trefuse"]


def test_the_shipped_topic_has_the_core_of_public_affairs_news_and_not_everyday_words_of_another_sense():
    """The seeds' ambiguous English words (board, court, chamber, bank, chair, press) no longer bring in
    стол, двор, комната, стул, давить; the exclusion list keeps out нравиться "appeal", ель
    "deal", красотка "bomb"; support, refusal, public health and visits are in (участие is taught in
    принять участие, a phrase of words the learner knows)."""
    from cards.lexicon.convert import SEEDS_DIR
    from cards.lexicon.levels import everyday_words, topic_words

    politics = topic_words("politics")
    noise = {"стол", "комната", "двор", "нравиться", "верить", "стул", "печь", "грудь", "синий", "куча", "ель",
             "сосновый", "красотка", "ночевать", "качать", "течь", "мука", "вечеринка", "линейка", "доска", "корт",
             "роды", "психиатр", "являться", "главный", "давить", "пресс"}  # берег is the news register's (floods)
    assert not noise & politics
    assert {"стол", "комната", "стул", "верить"} <= everyday_words("A2")  # now everyday, never taught
    core = {"выборы", "соглашение", "представитель", "граница", "заявление", "поддержать", "отказаться",
            "власть", "расследование", "пострадавший", "эвакуация", "ущерб", "здравоохранение", "заражение", "визит",
            "ограничение", "суд", "пресса", "банк", "палата", "фронт", "пожар", "сторона", "сделка", "коллегия"}
    assert core <= politics
    assert not (SEEDS_DIR.parent / "data" / "topic-politics-not.tsv.gz").exists()  # the exclusions are no topic


def test_patients_and_interviews_are_everyday_but_infection_is_the_news_word():
    """patient, interview, legendary are everyday seeds (пациент, интервью, легендарный); infection is
    not, since its first-gloss match заражение is what news of an epidemic teaches."""
    from cards.lexicon.levels import everyday_words

    b1 = everyday_words("B1")
    assert {"пациент", "интервью", "легендарный"} <= b1 and "заражение" not in b1
    assert "интервью" in everyday_words("A2") and "пациент" not in everyday_words("A2")


def test_currencies_are_everyday_units_not_words_of_the_topic():
    """доллар, евро, рубль are units a B1 learner knows (like километр); валюта "currency" is economics."""
    from cards.lexicon.levels import everyday_words, topic_words

    assert {"доллар", "евро", "рубль"} <= everyday_words("A2") and not {"доллар", "евро", "рубль"} & topic_words("politics")
    assert "валюта" in topic_words("politics") and "валюта" not in everyday_words("B1")


def test_the_shipped_everyday_words_are_everyday_life_not_the_language_of_politics():
    """Words of home, media and leisure are known at B1; words of politics, law and official prose whose
    first glosses are everyday English (возглавлять "head", высокопоставленный "high", присяжный
    "born", тур "round", выход "exit") are not."""
    from cards.lexicon.levels import everyday_words

    b1 = everyday_words("B1")
    assert {"сериал", "персонаж", "героиня", "фирма", "пьяный", "подушка", "секунда", "темный"} <= b1  # keys fold ё
    assert not {"возглавлять", "высокопоставленный", "присяжный", "тур", "выход", "приговор", "выборы"} & b1
    # talk, drink and people met in the news of everyday life are known; the head of a region, a state
    # visit and the West are not (their seed terms head, visit, west, east are left out)
    assert {"общаться", "пообщаться", "алкоголь", "выпивать", "парковка", "работник", "строгий"} <= b1
    assert not {"глава", "возглавить", "визит", "западный", "восток"} & b1


def test_a_rare_cognate_earns_no_bonus_over_a_common_gloss():
    dictionary = find_dictionary(BuildOptions(system_dictionaries=False))
    assert dictionary.card_glosses("округ")[0] != "okrug"  # a transliteration, Zipf 1.5
    assert dictionary.card_glosses("плакат")[0] == "poster"  # not "placard"
    assert dictionary.card_glosses("партнёр")[0] == "partner"  # a common cognate keeps its bonus
    assert dictionary.card_glosses("минарет") == ("minaret",)  # and a rare one is still shown when it is the best


def test_a_compounds_first_part_is_shown_in_english_where_the_table_has_it():
    from cards.lexicon.lexicon import combining_form

    dictionary = find_dictionary(PLAIN)
    assert meaning_for("спецпосланник", None, dictionary) == ("special + посланник: envoy", "base")
    assert meaning_for("замглавы", None, dictionary) == ("deputy + глава: head", "base")
    assert meaning_for("совладелец", None, dictionary) == ("co- + владелец: owner", "base")  # a new first part
    assert meaning_for("главврач", None, dictionary) == ("chief + врач: physician", "base")
    assert meaning_for("полпути", None, dictionary) == ("half + путь: way", "base")  # -ти, and no verb
    assert meaning_for("припарковать", None, dictionary) == ("при- + парковать: park", "base")  # a verb's prefix stays
    assert combining_form("со-", "созвонить") == "со-"  # not "co-": a verb
    assert combining_form("право-", "правоохранитель") == "право-"  # no table entry: the Russian part
    # a participle after the first part is its verb, not the adjective of another sense (стоящий: "worthwhile")
    assert meaning_for("близстоящий", None, dictionary) == ("near + стоять: stand", "base")
    assert meaning_for("негазированный", None, dictionary) == ("не- + газированный: not carbonated", "base")

    assert meaning_for("аудиозапись", None, dictionary)[0].startswith("audio + запись: ")
    # a verb in -чь or -ти, too, is its prefix and the verb it is made from
    assert meaning_for("уберечь", None, dictionary)[0].startswith("у- + беречь: ")


def test_a_word_glossed_only_in_a_phrase_shows_that_phrase():
    dictionary = find_dictionary(PLAIN)  # OpenRussian lists these words without a gloss of their own
    assert meaning_for("огнестрельный", None, dictionary, pos="adj") == ("огнестрельное оружие: firearm", "dictionary")
    assert meaning_for("прожиточный", None, dictionary, pos="adj") == ("прожиточный минимум: subsistence minimum", "dictionary")  # seeds/collocations.tsv, not Wiktionary's "cost of living"
    assert meaning_for("одночасье", None, dictionary) == ("в одночасье: overnight", "dictionary")
    assert meaning_for("санкция", None, dictionary)[0] != "" and ":" not in meaning_for("санкция", None, dictionary)[0]


def test_a_clipped_compound_is_read_as_the_words_it_is_clipped_from():
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("генсек", None, dictionary) == ("генеральный + секретарь: general + secretary", "base")
    assert meaning_for("кабмин", None, dictionary) == ("кабинет + министр: cabinet + ministers", "base")
    # the clipped words of elections and courts; a clipped last part that is a word of its own
    assert meaning_for("избирком", None, dictionary) == ("избирательная комиссия: electoral commission", "base")
    assert meaning_for("облизбирком", None, dictionary)[0].endswith(": regional + electoral commission")
    assert meaning_for("райсуд", None, dictionary) == ("районный + суд: district + court", "base")
    assert meaning_for("горсуд", None, dictionary) == ("городской + суд: city + court", "base")
    assert meaning_for("совфед", None, dictionary) == ("Federation Council", "dictionary")  # seeds/senses.tsv glosses it
    assert meaning_for("иноагент", None, dictionary) == ("foreign + агент: agent", "base")
    assert meaning_for("оборонзаказ", None, dictionary)[0].startswith("defence + заказ: ")
    # пере- and недо- as a noun's first part, never a verb's or its participle's
    assert meaning_for("переголосование", None, dictionary, pos="noun") == ("пере- + голосование: voting", "base")
    assert meaning_for("недофинансирование", None, dictionary, pos="noun")[0].startswith("under- + финансирование: ")
    assert meaning_for("перечисленный", None, dictionary, pos="adj")[0].startswith("of перечислить: ")
    assert meaning_for("военкор", None, dictionary) == ("военный + корреспондент: military + correspondent", "base")
    # a first part and a loanword: a guess, marked as one
    assert meaning_for("антиковидный", None, dictionary, pos="adj") == ("anti- + ковидный: covid", "loanword")
    assert meaning_for("пандемийный", None, dictionary, pos="adj") == ("of пандемия: pandemic", "base")
    assert meaning_for("коммунальщик", None, dictionary, pos="noun") == ("of коммунальный: communal", "base")
    assert meaning_for("контрактник", None, dictionary, pos="noun") == ("contract soldier", "dictionary")  # seeds/senses.tsv
    assert meaning_for("совбез", None, dictionary)[0].endswith(": council + security")  # not "advice + safety"
    assert meaning_for("горсовет", None, dictionary) == ("city council", "dictionary")  # the lexicon's own first
    assert meaning_for("генабвг", None, dictionary) == ("", "")  # a first part alone is no clipped compound

def test_a_relational_adjective_finds_its_noun_through_russian_sound_changes():
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("тюремный", None, dictionary, pos="adj") == ("of тюрьма: prison", "base")  # a fleeting vowel
    assert meaning_for("кухонный", None, dictionary, pos="adj") == ("of кухня: kitchen", "base")
    assert meaning_for("дворцовый", None, dictionary, pos="adj") == ("of дворец: palace", "base")  # one put back
    assert meaning_for("бойцовский", None, dictionary, pos="adj") == ("of боец: fighter", "base")
    assert meaning_for("библиотечный", None, dictionary, pos="adj") == ("of библиотека: library", "base")  # ч ← к
    assert meaning_for("гостиничный", None, dictionary, pos="adj") == ("of гостиница: hotel", "base")  # ч ← ц
    assert meaning_for("новостной", None, dictionary, pos="adj") == ("of новость: news", "base")  # a soft sign
    assert meaning_for("казачий", None, dictionary, pos="adj") == ("of казак: Cossack", "base")  # the commonest noun
    assert meaning_for("голевой", None, dictionary, pos="adj") == ("of гол: goal", "base")  # not голь "the poor"
    assert meaning_for("окружный", None, dictionary, pos="adj")[0].startswith("of округ: ")  # not округа
    assert meaning_for("завтрашний", None, dictionary, pos="adj") == ("of завтра: tomorrow", "base")  # an adverb's
    # a compound with a linking vowel whose second part is known only through its own base, or a participle
    assert meaning_for("здравоохранительный", None, dictionary, pos="adj") == ("здраво- + охранить: guard", "base")
    assert meaning_for("горнодобывающий", None, dictionary, pos="adj")[0].startswith("горно- + добывать: ")
    assert base_words("абвгдный") == ()  # no noun of that stem


def test_a_derived_noun_shows_the_word_it_is_made_from():
    dictionary = find_dictionary(PLAIN)
    assert meaning_for("чемпионство", None, dictionary, pos="noun") == ("of чемпион: champion", "base")
    # Wiktionary's capitalised "Russian" is россиянка's own gloss now, no longer "of россиянин"
    assert meaning_for("россиянка", None, dictionary, pos="noun") == ("Russian", "dictionary")
    assert meaning_for("коррупционер", None, dictionary, pos="noun") == ("of коррупция: corruption", "base")
    assert meaning_for("стаканчик", None, dictionary, pos="noun") == ("of стакан: glass", "base")  # a diminutive
    assert meaning_for("межсезонье", None, dictionary, pos="noun") == ("inter- + сезон: season", "base")
    # a verbal noun whose verb changes a sound: -сти, щ ← т, ж ← д
    assert meaning_for("обретение", None, dictionary, pos="noun") == ("of обрести: find", "base")
    assert meaning_for("освящение", None, dictionary, pos="noun")[0].startswith("of освятить: ")
    assert meaning_for("слежение", None, dictionary, pos="noun")[0].startswith("of следить: ")
    # a noun in -ация of a verb in -ировать, through the verb's prefix when the lexicon lacks the verb too
    assert meaning_for("переориентация", None, dictionary, pos="noun")[0].startswith("пере- + ориентировать: ")
    assert meaning_for("минимизация", None, dictionary, pos="noun")[0].startswith("of минимизировать: ")
    # more diminutives, and a noun of an adjective or of a noun in -ник
    assert meaning_for("зеркальце", None, dictionary, pos="noun")[0].startswith("of зеркало: ")
    assert meaning_for("неделька", None, dictionary, pos="noun") == ("of неделя: week", "base")
    assert meaning_for("пивко", None, dictionary, pos="noun") == ("of пиво: beer", "base")
    assert meaning_for("ребятки", None, dictionary, pos="noun")[0].startswith("of ребята: ")
    assert meaning_for("счастливчик", None, dictionary, pos="noun")[0].startswith("of счастливый: ")
    assert meaning_for("коммунальщик", None, dictionary, pos="noun")[0].startswith("of коммунальный: ")
    assert meaning_for("шинник", None, dictionary, pos="noun")[0].startswith("of шина: ")
    assert not meaning_for("трусик", None, dictionary, pos="noun")[0].startswith("of трус")  # not -ик: not a coward


def test_a_word_the_lexicon_spells_otherwise_is_shown_as_that_word():
    from cards.lexicon.lexicon import spelled_as

    dictionary = find_dictionary(PLAIN)
    assert meaning_for("ущелие", None, dictionary, pos="noun") == ("ущелье: gorge", "base")  # -ие for -ье
    assert meaning_for("счастие", None, dictionary, pos="noun") == ("счастье: happiness", "base")  # not к счастью
    assert spelled_as("варение") == ""  # a verbal noun of its own, not варенье "jam"
    # a plural-only noun that pymorphy3 gives a singular lemma
    assert meaning_for("доспех", None, dictionary, pos="noun") == ("доспехи: armour", "base")
    assert meaning_for("трусик", None, dictionary, pos="noun")[0].startswith("трусики: ")
    assert spelled_as("ущелье") == ""  # the lexicon's own word
    # only for a word with no meaning else: заморозка stays of заморозить, not заморозки "frost"
    assert meaning_for("заморозка", None, dictionary, pos="noun")[0].startswith("of заморозить: ")


def test_an_adverb_is_glossed_through_its_adjective_or_its_parts():
    from cards.deck.content import english_adverb

    dictionary = find_dictionary(PLAIN)
    # the English adverb where English makes it by rule and uses it
    assert meaning_for("комфортно", None, dictionary, pos="adv") == ("of комфортный: comfortably", "base")
    assert meaning_for("идеально", None, dictionary, pos="adv") == ("of идеальный: ideally", "base")
    assert meaning_for("экономически", None, dictionary, pos="adv") == ("of экономический: economically", "base")
    assert english_adverb("happy", dictionary) == "happily"
    assert english_adverb("relaxed", dictionary) == ""  # "relaxedly" is too rare a word
    assert english_adverb("public prosecutor", dictionary) == ""
    assert meaning_for("дистанционно", None, dictionary) == ("of дистанция: distance", "base")  # a noun: as it was
    # an adverb of a participle the lexicon lacks: its verb
    assert meaning_for("гарантированно", None, dictionary, pos="adv") == ("of гарантировать: guarantee", "base")
    # OpenRussian lists these adverbs without a gloss: a preposition and a word, a diminutive's plain adverb
    assert meaning_for("вправе", None, dictionary, pos="adv") == ("в + право: right", "base")
    assert meaning_for("вживую", None, dictionary, pos="adv")[0].startswith("в + живой: ")
    assert meaning_for("быстренько", None, dictionary, pos="adv")[0].startswith("of быстро: ")
    assert meaning_for("тихонечко", None, dictionary, pos="adv")[0].startswith("of тихо: ")
    assert meaning_for("далековато", None, dictionary, pos="adv") == ("of далеко: far", "base")  # "somewhat"
    # a participle's adverb in -юще, a по- adverb in -цки or -ьи
    assert meaning_for("ободряюще", None, dictionary, pos="adv")[0].startswith("of ободрять: ")
    assert meaning_for("по-немецки", None, dictionary, pos="adv")[0].startswith("of немецкий: ")
    assert meaning_for("по-собачьи", None, dictionary, pos="adv")[0].startswith("of собачий: ")


def test_a_loanword_may_spell_an_english_vowel_with_another_letter():
    from cards.lexicon.lexicon import loanword

    dictionary = find_dictionary(PLAIN)
    assert loanword("паблик") == "public"  # а for u
    assert loanword("флешмоб") == "flashmob"  # е for a
    assert loanword("консалтинг") == "consulting"
    assert loanword("симулятор") == "simulator"  # я after a consonant
    assert loanword("инициировать") == "initiate"  # ци for ti
    assert loanword("локдаун") == "lockdown"  # ау for ow
    assert loanword("магазин") is None  # a word the lexicon knows: maybe a false friend
    # a base word the lexicon lists without a gloss: its spelling, marked as a guess
    assert meaning_for("регуляционный", None, dictionary, pos="adj") == ("of регуляция: regulation", "loanword")


def test_seed_phrases_add_a_perfective_verbs_imperfective_partner(tmp_path):
    import gzip

    from cards.lexicon.convert import imperfective_partners, seed_phrases

    rows = ["ввести\t-\tverb\t\tperf\tвводить\t\t", "вводить\t-\tverb\t\timpf\tввести\t\t",
            "взять\t-\tverb\t\tperf\tбрать,взимать\t\t", "брать\t-\tverb\t\timpf\tвзять\t\t",
            "взимать\t-\tverb\t\timpf\t\t\t",  # взять's partner by OpenRussian, not взимать's own
            "честь\t-\tverb\t\tperf\tсчитать\t\t", "считать\t-\tverb\t\timpf\tчесть\t\t"]
    with gzip.open(tmp_path / "openrussian.tsv.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    partners = imperfective_partners(tmp_path / "openrussian.tsv.gz")
    assert partners == {"ввести": ["вводить"], "взять": ["брать"], "честь": ["считать"]}
    (tmp_path / "a.tsv").write_text("# set phrases\nв честь\tin honour of\nвзять под стражу\tarrest\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("ввести санкции\timpose sanctions\nв честь\thonouring\n"
                                    "брать под стражу\ttake into custody\n", encoding="utf-8")
    found = seed_phrases([tmp_path / "a.tsv", tmp_path / "b.tsv"], partners)
    assert found == {"в честь": ["in honour of"],  # the first file's; a verb only as the phrase's first word
                     "взять под стражу": ["arrest"], "ввести санкции": ["impose sanctions"],
                     "брать под стражу": ["take into custody"],  # written out: its own glosses
                     "вводить санкции": ["impose sanctions"]}


def test_the_collocation_seeds_are_phrases_with_a_few_glosses_each():
    from cards.lexicon.convert import SEEDS_DIR, curated_phrases

    collocations, set_phrases = curated_phrases(SEEDS_DIR / "collocations.tsv"), curated_phrases(SEEDS_DIR / "phrases.tsv")
    assert 1300 <= len(collocations) <= 2000
    assert not collocations.keys() & set_phrases.keys()
    assert all(2 <= len(p.split()) <= 4 and 1 <= len(g) <= 3 for p, g in collocations.items())
    assert collocations["ввести санкции"] == ["impose sanctions"]


def test_a_phrase_headed_by_a_governing_participle_is_listed_under_its_verb_too():
    """исполняющий обязанности alone reads as the noun исполняющий; in a sentence the participle with its
    object is the verb: the phrase is found either way. An agreeing participle (населённый пункт) is no verb."""
    from cards.lexicon.convert import verbal_lemmas

    assert verbal_lemmas("исполняющий обязанности", "исполняющий обязанность") == "исполнять обязанность"
    assert verbal_lemmas("вводящий в заблуждение", "вводящий в заблуждение") == "вводить в заблуждение"
    assert verbal_lemmas("населённый пункт", "населенный пункт") == "населенный пункт"
    from cards.lexicon.morph import analyse
    from cards.lexicon.units import phrase_units

    units = phrase_units(analyse("Его назначили исполняющим обязанности губернатора."))
    assert [(u.form, u.glosses[0]) for u in units] == [("исполняющий обязанности", "acting")]


def test_the_shipped_phrases_are_lemmatised_as_a_sentence_is():
    from cards.lexicon.lexicon import phrase_entries

    def lemmas_of(form, noun):
        return next(lemmas for lemmas, written, _ in phrase_entries(noun) if written == form)

    assert lemmas_of("населённый пункт", "пункт") == ("населенный", "пункт")  # not населить, pymorphy3's first reading
    assert lemmas_of("большая часть", "часть") == ("большой", "часть")  # not больший
    assert lemmas_of("вводить санкции", "санкция") == ("вводить", "санкция")  # the imperfective partner's phrase


def test_fallbacks_of_the_fifth_session_name_the_word_they_go_through():
    dictionary = find_dictionary(PLAIN)
    # a number in words and a word of measure, as the number it is
    assert meaning_for("четырёхкратный", None, dictionary) == ("четырёхкратный: four-fold", "base")
    assert meaning_for("трёхпалубный", None, dictionary) == ("трёхпалубный: three-deck", "base")
    # a noun in -ость of a participle: its verb; an adjective in -енький: its plain adjective
    assert meaning_for("изученность", None, dictionary) == ("of изучить: study", "base")
    assert meaning_for("глупенький", None, dictionary) == ("of глупый: foolish", "base")
    # diminutives and nouns of persons through their sound changes
    assert meaning_for("мужичок", None, dictionary) == ("of мужик: guy", "base")
    assert meaning_for("сапожок", None, dictionary) == ("of сапог: boot", "base")
    assert meaning_for("платьице", None, dictionary) == ("of платье: dress", "base")
    assert meaning_for("болельщица", None, dictionary) == ("of болельщик: fan", "base")
    assert meaning_for("трусик", None, dictionary) == ("трусики: shorts", "base")  # not трус: coward
    assert meaning_for("органик", None, dictionary) == ("organic", "loanword")  # not of орган
    # adjectives in -ательный, -ейный, -ечный
    assert meaning_for("шоссейный", None, dictionary) == ("of шоссе: highway", "base")
    assert meaning_for("игрушечный", None, dictionary) == ("of игрушка: toy", "base")
    # new first parts: пред-, ре-, сельхоз- … but never a participle's or a loanword's own prefix
    assert meaning_for("предпоказ", None, dictionary)[0].startswith("pre- + показ: ")
    assert meaning_for("сельхозпредприятие", None, dictionary)[0].startswith("agricultural + предприятие: ")
    assert meaning_for("предусмотренный", None, dictionary) == ("of предусмотреть: foresee", "base")
    assert meaning_for("ремиссия", None, dictionary) == ("remission", "loanword")
    # a place through a fleeting vowel
    assert meaning_for("вяземский", None, dictionary) == ("of Вязьма", "base")
    # a place through a bare stem, -и, -ин-/-ов-; a person of a place in -чанин, -ит, -як
    assert meaning_for("барнаульский", None, dictionary) == ("of Барнаул", "base")
    assert meaning_for("тбилисский", None, dictionary) == ("of Тбилиси", "base")
    assert meaning_for("днепровский", None, dictionary) == ("of Днепр", "base")
    assert meaning_for("раменский", None, dictionary)[0] != "of Рам"  # -ен- is a fleeting vowel, not a suffix
    assert meaning_for("харьковчанин", None, dictionary) == ("of Харьков", "base")
    assert meaning_for("одессит", None, dictionary) == ("of Одесса", "base")
    assert meaning_for("пермяк", None, dictionary) == ("of Пермь", "base")


def test_a_reflexive_verb_goes_to_its_own_verb_before_a_compounds_parts():
    dictionary = find_dictionary(PLAIN)
    # not противо- + поставлять, о- + спариваться ("mate"), в- + ложиться ("lie down")
    assert meaning_for("противопоставляться", None, dictionary)[0].startswith("противопоставлять: ")
    assert meaning_for("оспариваться", None, dictionary)[0].startswith("оспаривать: ")
    assert meaning_for("вложиться", None, dictionary)[0].startswith("вложить: ")


def test_a_compounds_first_part_alone_is_shown_as_that_part():
    dictionary = find_dictionary(PLAIN)  # "микро- и малый бизнес": the part, with its English
    assert meaning_for("микро", None, dictionary) == ("микро-: micro-", "base")
    assert meaning_for("историко", None, dictionary) == ("историко-: historical", "base")
    assert meaning_for("эколого", None, dictionary) == ("эколого-: ecological", "base")
    assert meaning_for("супер", None, dictionary) == ("super", "loanword")  # a word of its own
    assert meaning_for("факто", None, dictionary) == ("", "")  # no linking form of фактический


def test_a_rare_reflexive_partner_made_by_adding_sya_is_not_shown():
    from cards.lexicon.lexicon import dictionary_partner

    # OpenRussian lists сообщиться and ввестись, the base verbs' partners with -ся: verbs no one uses
    assert dictionary_partner("сообщаться", "impf") is None
    assert dictionary_partner("вводиться", "impf") is None
    # a -ся partner in use is kept, and so is every partner of a verb without -ся
    assert dictionary_partner("решаться", "impf") == "решиться"
    assert dictionary_partner("возвращаться", "impf") == "вернуться"
    assert dictionary_partner("сообщить", "perf") == "сообщать"
