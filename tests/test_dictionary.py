"""The Russian → English dictionary: dictd reading and reversal, TSV, cache, default lookup."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from cards.lexicon import dictionary, tables
from cards.lexicon.dictionary import Dictionary, decode_b64, load_dictionary, russian_senses
from cards.lexicon.aspect import aspect_variants
from cards.errors import InputError

DATA = Path(__file__).parent / "data" / "dict"
MUELLER = dictionary.DICTD_DIR / "mueller7.index"

# Entries in the style of Debian's mueller7 (English → Russian).
ENTRIES = {
    "sanction": "sanction\n   [↗sæŋkʃɜn]\n   1. _n.\n      1) санкция, ратификация, утверждение\n"
    "      2) одобрение, поддержка (чего-л.)\n   2. _v.\n      1) санкционировать, утвердить\n",
    "approval": "approval\n   [ɜ↗pru:vɜl] _n. одобрение; санкция; on approval на пробу\n",
    "lift": "lift\n   [lɪft]\n   1. _n. подъём\n   2. _v.\n      1) поднимать; to lift one's hand поднять руку\n"
    "      2) снимать (палатки; _перен. запрет); to lift a minefield разминировать\n",
    "agenda": "agenda\n   [ɜ↗dʒɛndɜ] _n. _pl. (иногда употр. как _sg.)\n   1) повестка дня\n",
    "because": "because\n   [bɪ↗kɘz] = 'cause\n",
}


def _b64(n: int) -> str:
    digits = ""
    while True:
        digits = dictionary._B64[n % 64] + digits
        n //= 64
        if n == 0:
            return digits


def write_dictd(folder: Path, name: str = "tiny", compress: bool = True) -> Path:
    """A real dictd base (.index + .dict.dz or .dict) holding ENTRIES; returns the .index path."""
    body, index = b"", []
    for head in ["00-database-short", *sorted(ENTRIES)]:
        text = (ENTRIES.get(head) or "Tiny test dictionary\n").encode("utf-8")
        index.append(f"{head}\t{_b64(len(body))}\t{_b64(len(text))}\n")
        body += text
    (folder / f"{name}.index").write_text("".join(index), encoding="utf-8")
    if compress:
        with gzip.open(folder / f"{name}.dict.dz", "wb") as f:
            f.write(body)
    else:
        (folder / f"{name}.dict").write_bytes(body)
    return folder / f"{name}.index"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CARDS_CACHE_DIR", str(tmp_path / "cache" / "cards"))
    dictionary._default_dictionary.cache_clear()
    yield
    dictionary._default_dictionary.cache_clear()


def test_every_dictionary_looks_words_up_by_one_key():
    """The shipped lexicon, mueller7 and a user's TSV normalize a word the same way: one function, not two copies."""
    from cards.lexicon import lexicon

    assert lexicon.normalize is dictionary.normalize
    assert dictionary.normalize(" Ёлка\u0301 ") == "елка"


def test_decode_b64_reads_dictd_numbers():
    assert decode_b64("A") == 0
    assert decode_b64("B") == 1
    assert decode_b64("BA") == 64
    assert decode_b64("C+m") == 2 * 4096 + 62 * 64 + 38
    assert [decode_b64(_b64(n)) for n in (0, 63, 64, 9303472)] == [0, 63, 64, 9303472]


def test_russian_senses_drop_marks_parentheses_and_examples():
    assert russian_senses(ENTRIES["sanction"]) == [
        ["санкция", "ратификация", "утверждение"],
        ["одобрение", "поддержка"],
        ["санкционировать", "утвердить"],
    ]
    assert russian_senses(ENTRIES["lift"]) == [["подъём"], ["поднимать"], ["снимать"]]
    assert russian_senses(ENTRIES["approval"]) == [["одобрение", "санкция"]]
    assert russian_senses(ENTRIES["because"]) == []
    assert russian_senses(ENTRIES["agenda"]) == []
    assert russian_senses(ENTRIES["agenda"], multiword=True) == [["повестка дня"]]


def test_senses_count_within_each_part_of_speech_and_a_later_block_ranks_lower():
    # lift: 1. _n. подъём 2. _v. 1) поднимать 2) снимать; the mark in "(палатки; _перен. запрет)" is the example's
    block = dictionary.BLOCK_PENALTY
    assert dictionary.ranked_senses(ENTRIES["lift"]) == [(0, ["подъём"]), (block, ["поднимать"]), (1 + block, ["снимать"])]


def test_slang_poetic_and_technical_senses_rank_lower():
    gong = "gong\n   [gɘŋ] _n.\n   1) гонг\n   2) _жарг. медаль\n"
    assert dictionary.ranked_senses(gong) == [(0, ["гонг"]), (1 + dictionary.REGISTER_PENALTY, ["медаль"])]
    carpet = "carpet\n   1. _n.\n      1) ковёр\n      2) _стр. покрытие; одежда (дороги)\n"
    assert dictionary.ranked_senses(carpet)[1] == (1 + dictionary.DOMAIN_PENALTY, ["покрытие", "одежда"])
    # a mark after the block number covers the whole block; one after _II covers the whole homonym
    quadrate = "quadrate\n   1. _n. квадрат\n   2. _v. _редк.\n      1) делать квадратным\n      2) согласовать\n"
    assert dictionary.ranked_senses(quadrate)[-1] == (1 + dictionary.BLOCK_PENALTY + dictionary.REGISTER_PENALTY,
                                                      ["согласовать"])
    sable = "sable\n   _I [x] _n. соболь\n   _II [x] _поэт.\n   1. _n. траур\n"
    assert dictionary.ranked_senses(sable) == [
        (0, ["соболь"]), (dictionary.HOMONYM_PENALTY + dictionary.REGISTER_PENALTY, ["траур"])]
    # politics, law and the military are the learner's domain: no penalty
    veto = "veto\n   _n. _полит. вето; запрет\n"
    assert dictionary.ranked_senses(veto) == [(0, ["вето", "запрет"])]


def test_idiom_senses_and_listed_adjectives_are_not_translations():
    shine = (
        "shine\n   [ʃaɪn]\n   1. _n.\n      1) сияние; (солнечный) свет\n"
        "      2) блеск, глянец; to take the shine out of smth.\n         а) снять, удалить блеск;\n"
        "         б) лишить что-л. блеска\n      3) великолепие\n"
    )
    assert dictionary.ranked_senses(shine) == [(0, ["сияние", "свет"]), (1, ["блеск", "глянец"]), (2, ["великолепие"])]
    kinds = "kind\n   [kaɪnd] _n.\n   1) сорт\n      а) род;\n      б) вид\n"
    assert dictionary.ranked_senses(kinds) == [(0, ["сорт"]), (0, ["род"]), (0, ["вид"])]
    city = "city\n   [↗sɪtɪ] _n.\n   1) большой, старинный город (в Англии)\n"
    assert russian_senses(city) == russian_senses(city, multiword=True) == []
    assert russian_senses(city.replace("большой,", "большой;")) == [["большой"]]


def test_reverse_ranks_by_place_in_the_entry():
    table = dictionary.reverse_entries(ENTRIES.items())
    assert table["санкция"] == (("sanction", 0.0), ("approval", 0.3))
    assert table["снимать"] == (("lift", 1 + dictionary.BLOCK_PENALTY),)  # second sense of the verb, the 2nd block
    assert table["повестка"] == (("agenda", 1.5),)  # head of a two-word translation, ranked lower
    assert "дня" not in table
    assert table["подъем"] == (("lift", 0.0),)  # ё folded


def test_dictd_base_is_read_and_reversed(tmp_path):
    index = write_dictd(tmp_path)
    for path in (index, tmp_path / "tiny.dict.dz", tmp_path / "tiny"):
        d = load_dictionary(path)
        assert d.glosses("санкция") == ("sanction", "approval")
        assert d.glosses("Санкция") == ("sanction", "approval")
        assert d.glosses("снять") == ("lift",)  # the aspect partner снимать
        assert d.glosses("подъём") == ("lift",)
        assert d.glosses("слон") == ()
        assert "санкция" in d and "слон" not in d


def test_plain_dict_file_is_read(tmp_path):
    d = load_dictionary(write_dictd(tmp_path, compress=False))
    assert d.glosses("одобрение") == ("approval", "sanction")


def test_reversed_table_is_cached_and_reused(tmp_path, monkeypatch):
    index = write_dictd(tmp_path)
    first = load_dictionary(index)
    cached = list((tmp_path / "cache" / "cards").glob("tiny.dict.dz.*.sqlite"))
    assert len(cached) == 1
    assert not list((tmp_path / "cache" / "cards").glob("*.tmp"))
    monkeypatch.setattr(dictionary, "reverse_entries", lambda entries: pytest.fail("cache not used"))
    tables._connections.clear()  # as a new process reads it
    again = load_dictionary(index)
    assert again.entries == first.entries and len(again.entries) == len(first.entries) > 0
    assert again.english_zipf == first.english_zipf and again.glosses("санкция") == first.glosses("санкция")


def test_a_damaged_cache_is_made_again_and_a_read_only_home_still_gets_the_dictionary(tmp_path, monkeypatch):
    index = write_dictd(tmp_path)
    expected = load_dictionary(index).glosses("санкция")
    assert expected == ("sanction", "approval")
    cached = next((tmp_path / "cache" / "cards").glob("tiny.dict.dz.*.sqlite"))
    cached.write_bytes(b"not a database")
    tables._connections.clear()  # as a new process finds it
    assert load_dictionary(index).glosses("санкция") == expected
    assert cached.read_bytes().startswith(b"SQLite format 3")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CARDS_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: nothing can be written
    assert load_dictionary(index).glosses("санкция") == expected


def test_a_changed_dict_file_is_not_served_from_the_old_cache(tmp_path):
    index = write_dictd(tmp_path)
    load_dictionary(index)
    ENTRIES_BACKUP = dict(ENTRIES)
    try:
        ENTRIES["deal"] = "deal\n   [di:l] _n. сделка\n"
        write_dictd(tmp_path)
        os.utime(tmp_path / "tiny.dict.dz", (1, 1))
        assert load_dictionary(index).glosses("сделка") == ("deal",)
    finally:
        ENTRIES.clear()
        ENTRIES.update(ENTRIES_BACKUP)


def test_tsv_dictionary():
    d = load_dictionary(DATA / "tiny.tsv")
    assert d.glosses("решение") == ("decision", "resolution")
    assert d.glosses("снимать") == ("lift", "remove")
    assert d.glosses("снять") == ("lift", "remove")
    assert d.glosses("поверенный") == ("chargé d'affaires",)
    assert d.ranked("решение") == (("decision", 0.0), ("resolution", 1.0))


def test_missing_path_is_an_error_and_no_default_is_none(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="nothing.tsv: no dictionary there"):
        load_dictionary(tmp_path / "nothing.tsv")
    monkeypatch.setattr(dictionary, "DICTD_DIR", tmp_path)
    assert load_dictionary() is None
    write_dictd(tmp_path, name="mueller7")
    dictionary._default_dictionary.cache_clear()
    assert load_dictionary().glosses("санкция") == ("sanction", "approval")


def test_a_folder_of_dictd_bases(tmp_path):
    write_dictd(tmp_path, name="other")
    assert load_dictionary(tmp_path).glosses("санкция") == ("sanction", "approval")


def test_unreadable_dictionaries_are_input_errors(tmp_path):
    (tmp_path / "binary.tsv").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="binary.tsv: cannot read this dictionary"):
        load_dictionary(tmp_path / "binary.tsv")
    index = write_dictd(tmp_path)
    (tmp_path / "tiny.dict.dz").write_bytes(b"not gzip at all")
    with pytest.raises(InputError, match="tiny.index: cannot read this dictionary .Not a gzipped file"):
        load_dictionary(index)


def test_aspect_variants():
    assert "снимать" in aspect_variants("снять")
    assert "заключать" in aspect_variants("заключить")
    assert "освобождать" in aspect_variants("освободить")
    assert "предлагать" in aspect_variants("предложить")
    assert "входить" in aspect_variants("войти")
    assert "обещать" in aspect_variants("пообещать")
    assert "исключаться" in aspect_variants("исключиться")
    assert "подчеркивать" in aspect_variants("подчеркнуть")
    assert "вывозить" in aspect_variants("вывезти")
    assert "разрабатывать" in aspect_variants("разработать")
    assert "пересматривать" in aspect_variants("пересмотреть")
    assert "признаваться" in aspect_variants("признаться")
    assert "анализировать" in aspect_variants("проанализировать")
    assert "действовать" not in aspect_variants("задействовать")  # за- is not a mere perfective prefix
    assert aspect_variants("санкция") == ()


def test_a_reflexive_verb_the_dictionary_lacks_gets_its_base_verbs_glosses_named():
    d = Dictionary({"обсуждать": (("discuss", 0.0), ("debate", 0.3))})
    assert d.card_glosses("обсуждаться") == ("обсуждать: discuss", "debate")
    assert d.card_glosses("обсуждаться", besides=["discussed"]) == ("обсуждать: debate",)
    assert d.card_glosses("обсуждать") == ("discuss", "debate")


def test_empty_dictionary():
    assert Dictionary().glosses("санкция") == ()


@pytest.mark.skipif(not MUELLER.exists(), reason="Debian's mueller7-dict is not installed")
def test_mueller7_glosses():
    d = load_dictionary()
    assert d is not None and len(d) > 30_000
    assert d.glosses("санкция")[0] == "sanction"
    assert d.glosses("администрация")[0] == "administration"
    assert d.glosses("делегация")[0] == "delegation"
    assert "agenda" in d.glosses("повестка")
    assert "lift" in d.glosses("снять")
    assert "negotiation" in d.glosses("переговоры")[:3]


def test_card_glosses_prefer_common_words_and_cognates_and_skip_the_counterpart():
    d = Dictionary({
        "траурный": (("sable", 0.0), ("mournful", 0.3), ("lugubrious", 0.3), ("mourning", 0.6)),
        "партнер": (("associate", 0.0), ("member", 0.3), ("partner", 0.6)),
        "решение": (("decision", 0.0), ("decisions", 0.0), ("resolution", 0.3)),
    })
    assert d.card_glosses("траурный") == ("sable", "mourning")  # not lugubrious: correct, but too rare to help
    assert d.card_glosses("партнёр") == ("partner", "associate")  # the cognate first; not member
    assert d.card_glosses("решение") == ("decision", "resolution")  # one gloss per English stem
    assert d.card_glosses("решение", besides=["decisions"]) == ("resolution",)
    assert Dictionary({"дошкольный": (("pre-school", 0.0), ("preschool", 0.0))}).card_glosses(
        "дошкольный", besides=["pre-school"]) == ()
    assert d.card_glosses("слон") == ()
    assert len(d.card_glosses("траурный", limit=1)) == 1


def test_a_cognate_of_a_later_sense_is_no_first_gloss():
    """A cognate outranks its sense's other glosses only in the word's first sense: in a later one it is a
    false friend (реализовать "realize", бюллетень "bulletin"), the first sense's gloss is shown."""
    entries = {"реализовать": (("implement", 0.0), ("carry out", 0.25), ("realize", 0.5))}
    grouped = Dictionary(entries, senses={"реализовать": (("implement", "carry out"), ("realize",))})
    assert grouped.card_glosses("реализовать")[0] == "implement"
    assert Dictionary(entries).card_glosses("реализовать")[0] == "realize"  # no senses known: a cognate still leads
    first = Dictionary(entries, senses={"реализовать": (("realize", "implement"), ("carry out",))})
    assert first.card_glosses("реализовать")[0] == "realize"


@pytest.mark.skipif(not MUELLER.exists(), reason="Debian's mueller7-dict is not installed")
def test_card_glosses_on_hand_labelled_candidates():
    """bench/glosses.py: on the held-out set, most glosses shown are good and few are misleading."""
    from conftest import DATA

    labels: dict[str, dict[str, str]] = {}
    for line in (DATA / "glosses" / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, lemma, gloss, label = line.split("\t")
            if name == "general":
                labels.setdefault(lemma, {})[gloss] = label
    d = load_dictionary(MUELLER)
    shown = [labels[lemma].get(g) for lemma in labels for g in d.card_glosses(lemma)]
    plain = [labels[lemma].get(g) for lemma in labels for g in d.glosses(lemma)[:2]]
    assert shown.count("good") / len(shown) >= 0.72 > plain.count("good") / len(plain)
    assert shown.count("bad") / len(shown) <= 0.21


def test_the_cache_is_keyed_by_the_code_and_tests_keep_it_in_a_temp_folder(tmp_path):
    import tempfile

    from cards.lexicon.dictionary import _cache_path, cache_dir

    assert str(cache_dir()).startswith(tempfile.gettempdir())  # conftest's hermetic cache, not ~/.cache
    dictd = tmp_path / "x.dict"
    dictd.write_text("x", encoding="utf-8")
    name = _cache_path(dictd).name
    assert name.startswith("x.dict.1.") and len(name.split(".")[-2]) == 12  # …<size>.<mtime>.<code hash>.sqlite


def test_a_new_cache_removes_the_caches_no_build_will_read_again(tmp_path):
    """The cache is keyed by the code's hash: a cache written by other code (or of an older file) is
    removed when a new one is written, so caches do not pile up with every version."""
    from cards.lexicon.dictionary import _cache_path, cache_dir, read_dictd

    index = write_dictd(tmp_path, compress=False)
    data = tmp_path / "tiny.dict"
    cache_dir().mkdir(parents=True, exist_ok=True)
    stale = cache_dir() / "tiny.dict.1.2.oldcodehash0.json"
    stale.write_text("{}", encoding="utf-8")
    (cache_dir() / "tiny.dict.1.2.oldcodehash1.sqlite").write_text("", encoding="utf-8")  # of older code too
    other = cache_dir() / "mueller7.dict.dz.1.2.v14.json"  # another dictionary's cache stays
    other.write_text("{}", encoding="utf-8")
    sibling = cache_dir() / "tiny.dict.dz.1.2.abc.json"  # and so does the cache of tiny.dict.dz
    sibling.write_text("{}", encoding="utf-8")
    assert read_dictd(index, data).glosses("санкция") == ("sanction", "approval")
    assert sorted(p.name for p in cache_dir().iterdir()) == sorted([_cache_path(data).name, other.name, sibling.name])


def test_a_guessed_partner_that_is_another_verb_lends_no_glosses():
    # the suffix rules guess топать for топить and оставить for составить: OpenRussian has both as verbs
    # of their own, with other partners, so their glosses ("stamp", "go"; "leave") are not these verbs'
    from cards.lexicon.lexicon import likely_partners

    entries = {"топить": (("sink", 0.0),), "топать": (("stamp", 0.0), ("go", 1.0)), "истопить": (("heat", 0.0),),
               "составить": (("compose", 0.0),), "оставить": (("leave", 0.0),), "составлять": (("make up", 0.0),)}
    assert "stamp" in [g for g, _ in Dictionary(entries=entries).ranked("топить")]  # the rules alone
    shipped = Dictionary(entries=entries, partners=likely_partners)
    assert [g for g, _ in shipped.ranked("топить")] == ["sink", "heat"]
    assert [g for g, _ in shipped.ranked("составить")] == ["compose", "make up"]
    assert "топать" in aspect_variants("топить") and "оставить" in aspect_variants("составить")
    # a verb OpenRussian lacks keeps every guess (кратировать is no verb: the rules still guess)
    assert likely_partners("выкратировать") == aspect_variants("выкратировать")
