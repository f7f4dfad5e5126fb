"""Stress marks. The lexicon (shipped data, stresses checked by hand) and the silero wrapper (with a
stand-in model) are tested everywhere; tests of the real silero model are skipped when the `stress`
extra is absent."""

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.lexicon import stress
from cards.errors import CardsError, InputError
from cards.lexicon import accents

A = "\u0301"

# --- the lexicon: on for everyone, no torch ----------------------------------------------------------


@pytest.fixture
def lexicon_only(monkeypatch):
    """The default path of a plain `pip install`: silero-stress absent."""
    monkeypatch.setattr(stress, "silero_available", lambda: False)
    stress.stress_word.cache_clear()
    yield stress
    stress.stress_word.cache_clear()


SENTENCES_LEXICON = {
    # ё restored, monosyllables unmarked
    "Мы пьем чай и едим мед.": "Мы пьём чай и еди́м мёд.",
    # homographs: by case after a preposition (second locative), by agreement, by 2–4; or left unmarked
    "Со стороны США сделку обсудили еще в 2020 году, а замок не трогали.": (
        f"Со стороны{A} США сде{A}лку обсуди{A}ли ещё в 2020 году{A}, а замок не тро{A}гали."
    ),
    "Лидеры этой страны и многие страны Европы обсудили это.": (
        f"Ли{A}деры э{A}той страны{A} и мно{A}гие стра{A}ны Евро{A}пы обсуди{A}ли э{A}то."
    ),
    "В связи с этим о сети говорили в сети, и две стороны встретились.": (
        f"В связи{A} с э{A}тим о се{A}ти говори{A}ли в сети{A}, и две стороны{A} встре{A}тились."
    ),
    "Это стоит дорого, а все знают, что все равно.": f"Э{A}то стоит до{A}рого, а все зна{A}ют, что все равно{A}.",
    # hyphenated words: whole, or part by part with unstressed particles
    "Кто-нибудь сказал кое-что по-прежнему, во-первых, из-за войны.": (
        f"Кто{A}-нибудь сказа{A}л кое-что{A} по-пре{A}жнему, во-пе{A}рвых, из-за{A} войны{A}."
    ),
    # capitals unmarked; a name only from a name's entry (Пу́тин, not пути́н) or Wiktionary's (Лукаше́нко);
    # unknown names open
    "США, ООН и ЗАМОК; Путин, Лукашенко и Фургал в Москве.": (
        f"США, ООН и ЗАМОК; Пу{A}тин, Лукаше{A}нко и Фургал в Москве{A}."
    ),
    # a compound the lexicon lacks takes the stress of its last word
    "Борьба с коронавирусом и госсекретарем.": f"Борьба{A} с коронави{A}русом и госсекретарём.",
    # a word no source lists takes the stress of a fixed-stress ending; a listed exception keeps its own
    "Рекультивация полигонов, чтобы демонизировать оппонентов; фармация и гигакалории.": (
        f"Рекультива{A}ция полиго{A}нов, что{A}бы демонизи{A}ровать оппоне{A}нтов; фармаци{A}я и гигакало{A}рии."
    ),
}


def test_lexicon_sentences(lexicon_only):
    assert {s: lexicon_only.accentuate(s) for s in SENTENCES_LEXICON} == SENTENCES_LEXICON


def test_lexicon_leaves_marks_letters_and_other_text_alone(lexicon_only):
    text = f"«Сде{A}лка» (sdelka), 2024 г.;\u00a0C++ — е\u0308лка и сделка!\n"
    assert lexicon_only.accentuate(text) == f"«Сде{A}лка» (sdelka), 2024 г.;\u00a0C++ — е\u0308лка и сде{A}лка!\n"


def test_lexicon_spans(lexicon_only):
    text = "Минск и Вашингтон на пути к большой сделке"
    stressed, spans = lexicon_only.accentuate_spans(text, [(0, 5), (8, 17), (36, 42), (0, 42)])
    assert stressed == f"Минск и Вашингто{A}н на пути{A} к большо{A}й сде{A}лке"
    assert [stressed[a:b] for a, b in spans[:3]] == ["Минск", f"Вашингто{A}н", f"сде{A}лке"]
    assert spans[3] == (0, 46)


def test_lexicon_stress_word(lexicon_only):
    # out of context a lemma reads as a dictionary form: уже́ the adverb, основно́й, not осно́вный's forms
    words = ("уже", "основной", "сторона", "Путин", "кто-нибудь", "договоренность", "замок", "Лукашенко", "Фургал")
    assert [lexicon_only.stress_word(w) for w in words] == [
        f"уже{A}", f"основно{A}й", f"сторона{A}", f"Пу{A}тин", f"кто{A}-нибудь", "договорённость", "замок",
        f"Лукаше{A}нко", "Фургал",
    ]
    assert lexicon_only.stress_word("рекультивация") == f"рекультива{A}ция"
    # the form in the sentence picks the lexeme of a homograph
    assert lexicon_only.stress_word("замок", f"за{A}мке") == f"за{A}мок"
    assert lexicon_only.stress_word("замок", f"замке{A}") == f"замо{A}к"
    assert lexicon_only.stress_word("сделка", f"сде{A}лку") == f"сде{A}лка"


def test_available_without_silero(monkeypatch):
    monkeypatch.setitem(sys.modules, "silero_stress", None)
    assert stress.silero_available() is False
    assert stress.available() is True  # the shipped lexicon
    with pytest.raises(stress.StressError, match=r"pip install torch==2\.13\.0 silero-stress"):
        stress._model.__wrapped__()
    monkeypatch.setattr(stress, "_model", stress._model.__wrapped__)  # not a model loaded by another test
    with pytest.raises(stress.StressError):
        stress.accentuate("Фургал", silero=True)
    assert issubclass(stress.StressError, CardsError)


def _run(code):
    import subprocess

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def test_import_is_cheap():
    code = "import sys, cards.lexicon.stress as s; s.available(); print('torch' in sys.modules, 'silero_stress' in sys.modules)"
    assert _run(code) == ["False", "False"]


def test_torch_only_for_open_words():
    # Without silero an open word (a name) stays unmarked; with it, a text the lexicon settles needs no model.
    code = (
        "import sys; sys.modules['silero_stress'] = None; from cards.lexicon import stress; "
        "print(stress.accentuate('Фургал принял делегацию.'), 'torch' in sys.modules)"
    )
    assert _run(code) == ["Фургал", f"при{A}нял", f"делега{A}цию.", "False"]
    code = "import sys; from cards.lexicon import stress; stress.accentuate('Делегация приняла решение.'); "
    code += "print('torch' in sys.modules)"
    assert _run(code) == ["False"]


# --- the data: the automaton, the OpenRussian table, their conversion --------------------------------

_PLAIN = {**{chr(code + 848): code for code in range(224, 256)}, "ё": 184, "-": 45}
_MARKED = {A: dict(zip("аеиоуыэюя", (144, 154, 157, 158, 159, 178, 179, 186, 191), strict=True)),
           "\u0300": dict(zip("аеиоуыэюя", (129, 131, 140, 156, 161, 165, 188, 189, 190), strict=True))}


def _codes(word):
    """The label bytes of a stressed word: a vowel and the mark after it are one code."""
    codes = []
    for ch in word:
        if ch in _MARKED:
            codes[-1] = _MARKED[ch][chr(codes[-1] + 848)]
        else:
            codes.append(_PLAIN[ch])
    return codes


def encode_fsa(words):
    """The automaton of the lexicon README for `words` (stressed), as a plain trie."""
    import struct

    trie = {}
    for word in words:
        node, codes = trie, _codes(word)
        for k, code in enumerate(codes):
            entry = node.setdefault(code, [False, {}])
            entry[0] |= k == len(codes) - 1
            node = entry[1]
    order, k = [trie], 0
    while k < len(order):
        order += [child for _, (_, child) in sorted(order[k].items()) if child]
        k += 1
    where, n = {}, 0
    for node in order:
        where[id(node)], n = n, n + len(node)
    out = []
    for node in order:
        items = sorted(node.items())
        for j, (code, (final, child)) in enumerate(items):
            target = where[id(child)] if child else 0x3FFFFF  # a leaf's edge leads past the end
            out.append(code << 24 | target << 2 | (2 if j == len(items) - 1 else 0) | int(final))
    return struct.pack(f"<{len(out)}I", *out)


def test_fsa_lookup(tmp_path):
    path = tmp_path / "dictionary"
    words = [f"сде{A}лка", f"сде{A}лки", "договорённость", f"кто{A}-нибудь", f"ме\u0300жгосуда{A}рственный"]
    path.write_bytes(encode_fsa(words))
    fsa = accents.read_fsa(path)
    assert [fsa.lookup(w) for w in ("СДЕЛКА", "сделки", "договоренность", "кто-нибудь", "межгосударственный")] == [
        (f"сде{A}лка",), (f"сде{A}лки",), ("договорённость",), (f"кто{A}-нибудь",), (f"межгосуда{A}рственный",)
    ]
    assert [fsa.lookup(w) for w in ("сдел", "сделкам", "", "dom")] == [(), (), (), ()]


def test_data_files_are_checked_on_read(tmp_path):
    (tmp_path / "a.fsa").write_bytes(b"12345")
    (tmp_path / "b.tsv.gz").write_bytes(b"not gzip")
    (tmp_path / "c.tsv.gz").write_bytes(__import__("gzip").compress("б\tб\tб\tother\t\nа\tа\tа\tother\t\n".encode()))
    with pytest.raises(InputError, match=r"a\.fsa: not a stress-forms automaton.*Reinstall cards"):
        accents.read_fsa(tmp_path / "a.fsa")
    with pytest.raises(InputError, match=r"b\.tsv\.gz: not a gzip file"):
        accents.read_forms(tmp_path / "b.tsv.gz")
    with pytest.raises(InputError, match=r"c\.tsv\.gz: not a sorted table"):
        accents.read_forms(tmp_path / "c.tsv.gz")


def _tsv_gz(path, rows):
    import gzip

    path.write_bytes(gzip.compress("".join("\t".join(row) + "\n" for row in rows).encode(), mtime=0))


def _sources(root):
    (root / "stress-forms").mkdir(parents=True)
    (root / "openrussian").mkdir()
    (root / "stress-forms" / "dictionary").write_bytes(encode_fsa([f"сде{A}лка", f"сде{A}лки", f"сто{A}ит"]))
    cases = [f"{n}_{c}" for n in ("sg", "pl") for c in ("nom", "gen", "dat", "acc", "inst", "prep")]
    head = ["bare", "accented", "translations", "gender", "partner", "animate", "indeclinable", "sg_only", "pl_only"]
    _tsv_gz(root / "openrussian" / "nouns.tsv.gz", [
        head + cases,
        ["сделка", f"сде{A}лка", "deal", "f", "", "0", "0", "0", "0", f"сде{A}лка", f"сде{A}лки"] + [""] * 10,
        ["замок", f"за{A}мок", "castle", "m", "", "0", "0", "0", "0", f"за{A}мок", f"за{A}мка"] + [""] * 10,
        ["замок", f"замо{A}к", "lock", "m", "", "0", "0", "0", "0", f"замо{A}к", f"замка{A}"] + [""] * 10,
        ["госсекретарь", f"госсекрета{A}рь", "", "m", "", "1", "0", "0", "0", f"го{A}ссекретарь"] + [""] * 11,
        ["Москва", f"Москва{A}", "Moscow", "f", "", "0", "0", "1", "0", f"Москва{A}", f"Москвы{A}"] + [""] * 10,
        ["свет", "свет", "light", "m", "", "0", "0", "0", "0", f"све{A}т", f"све{A}та", "", "", "", "", f"*све{A}ты"]
        + [""] * 5,
    ])
    verb = ["imperative_sg", "imperative_pl", "past_m", "past_f", "past_n", "past_pl"]
    verb += [f"presfut_{n}{p}" for n in ("sg", "pl") for p in "123"]
    _tsv_gz(root / "openrussian" / "verbs.tsv.gz", [
        ["bare", "accented", "translations_en", "aspect", "partner"] + verb,
        ["стоить", f"сто{A}ить", "cost", "imperfective", ""] + [""] * 8 + [f"сто{A}ит"] + [""] * 3,
        ["стоять", f"стоя{A}ть", "stand", "imperfective", ""] + [""] * 4 + [f"стоя{A}ло//стояло{A}"] + [""] * 3
        + [f"стои{A}т"] + [""] * 3,
    ])
    _tsv_gz(root / "openrussian" / "adjectives.tsv.gz", [
        ["bare", "accented", "translations", "comparative", "superlative", "short_m", "short_f", "short_n", "short_pl"],
        ["новый", f"но{A}вый", "new", f"нове{A}е", "", f"но{A}в", f"нова{A}", f"но{A}во", f"но{A}вы / новы{A}"],
    ])
    _tsv_gz(root / "openrussian" / "others.csv.gz", [
        ["bare", "accented", "translations_en", "translations_de"], ["уже", "уже'", "already", "schon"]
    ])


def test_conversion_is_small_exact_and_deterministic(tmp_path):
    _sources(tmp_path / "lexicon")
    written = accents.convert_stress_sources(tmp_path / "lexicon", tmp_path / "one")
    again = accents.convert_stress_sources(tmp_path / "lexicon", tmp_path / "two")
    assert [p.name for p in written] == ["stress-forms.fsa", "openrussian-forms.tsv.gz"]
    assert [p.read_bytes() for p in written] == [p.read_bytes() for p in again]
    assert written[0].read_bytes() == (tmp_path / "lexicon" / "stress-forms" / "dictionary").read_bytes()
    assert written[1].read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0
    # сде́лка, сде́лки: as the automaton has them, left out; го́ссекретарь: a row at odds with its lemma;
    # *све́ты: doubtful; стоя́ло//стояло́: two forms; a monosyllable loses its mark; Москва́: a name, kept.
    assert accents.read_forms(written[1]).lines == tuple(line.encode() for line in (
        f"замка\tза{A}мка\tза{A}мок\tnoun\tsg_gen",
        f"замка\tзамка{A}\tзамо{A}к\tnoun\tsg_gen",
        f"замок\tза{A}мок\tза{A}мок\tnoun\tsg_nom",
        f"замок\tзамо{A}к\tзамо{A}к\tnoun\tsg_nom",
        f"москва\tмосква{A}\tМосква{A}\tnoun\tsg_nom",
        f"москвы\tмосквы{A}\tМосква{A}\tnoun\tsg_gen",
        f"нов\tнов\tно{A}вый\tadj\tshort_m",
        f"нова\tнова{A}\tно{A}вый\tadj\tshort_f",
        f"новее\tнове{A}е\tно{A}вый\tadj\tcomparative",
        f"ново\tно{A}во\tно{A}вый\tadj\tshort_n",
        f"новы\tно{A}вы\tно{A}вый\tadj\tshort_pl",
        f"новы\tновы{A}\tно{A}вый\tadj\tshort_pl",
        "свет\tсвет\tсвет\tnoun\tsg_nom",
        f"света\tсве{A}та\tсвет\tnoun\tsg_gen",
        f"стоит\tсто{A}ит\tсто{A}ить\tverb\tpresfut_sg3",
        f"стоит\tстои{A}т\tстоя{A}ть\tverb\tpresfut_sg3",
        f"стоить\tсто{A}ить\tсто{A}ить\tverb\tinf",
        f"стояло\tстоя{A}ло\tстоя{A}ть\tverb\tpast_n",
        f"стояло\tстояло{A}\tстоя{A}ть\tverb\tpast_n",
        f"стоять\tстоя{A}ть\tстоя{A}ть\tverb\tinf",
        f"уже\tуже{A}\tуже{A}\tother\t",
    ))


def test_shipped_data():
    assert accents.stressed_forms("замок") == (f"за{A}мок", f"замо{A}к")
    assert accents.stressed_forms("Переговоров") == (f"перегово{A}ров",)
    assert accents.stressed_forms("договоренность") == ("договорённость",)
    assert accents.stressed_forms("zzz") == ()
    assert len(accents._forms().lines) > 40_000 and len(accents._fsa().edges) == 180_433


# --- names: Wiktionary's romanizations (name-stress.tsv.gz) ---------------------------------------------


def test_names_the_other_sources_lack(lexicon_only):
    text = (
        "Путина и Лукашенко ждали в Вашингтоне и Нью-Йорке; Сергея, Михаила и Дмитрия — в Костроме, Бухаре и "
        "Тбилиси, с Ильей и Дегтяревым, у Хабаровского края и ливанской границы."
    )
    for word in ("лукашенко", "вашингтоне", "нью-йорке", "сергея", "михаила", "дмитрия", "костроме", "бухаре",
                 "тбилиси", "ильей", "дегтяревым", "хабаровского", "ливанской"):
        assert accents.entries(word) == (), word  # neither stress-forms nor OpenRussian knows it
    assert lexicon_only.accentuate(text) == (
        f"Пу{A}тина и Лукаше{A}нко жда{A}ли в Вашингто{A}не и Нью-Йо{A}рке; Серге{A}я, Михаи{A}ла и Дми{A}трия — "
        f"в Костроме{A}, Бухаре{A} и Тбили{A}си, с Ильёй и Дегтярёвым, у Хаба{A}ровского кра{A}я и лива{A}нской "
        f"грани{A}цы."
    )


def test_names_stay_open_where_unsure(lexicon_only):
    # Омск: nothing to inflect from; Фургал, Насралла: not listed; Новгородской: Но́вгород → новгоро́дский;
    # Марсель: the lexicon's ма́рсель is the sail, Wiktionary's Марсе́ль the city, so a capital leaves it open.
    text = "В Омске Фургал и Насралла видели новгородский марсель в Марселе."
    assert lexicon_only.accentuate(text) == f"В Омске Фургал и Насралла ви{A}дели новгородский ма{A}рсель в Марселе."


def test_inflected_names_keep_a_stress_that_cannot_move():
    from cards.lexicon.name_stress import inflect

    assert inflect(f"пу{A}тин", "путина") == f"пу{A}тина"
    assert inflect(f"герма{A}ния", "германии") == f"герма{A}нии"
    assert inflect(f"вашингто{A}н", "вашингтоне") == f"вашингто{A}не"
    assert inflect(f"брюссе{A}ль", "брюсселя") == f"брюссе{A}ля"
    assert inflect("ковалёв", "ковалевым") == "ковалёвым"
    assert inflect(f"москва{A}", "москвы") == f"москвы{A}"
    assert inflect(f"москва{A}", "москвой") == f"москво{A}й"
    assert inflect(f"чечня{A}", "чечней") == "чечнёй"
    assert inflect(f"лукаше{A}нко", "лукашенко") == f"лукаше{A}нко"
    # the stress may move: a fleeting vowel, a shifting last syllable (язы́к → языка́), a monosyllable
    assert inflect(f"торжо{A}к", "торжка") is None
    assert inflect(f"шевчу{A}к", "шевчука") is None
    assert inflect(f"москва{A}", "москвами") is None
    assert inflect("минск", "минске") is None


def test_shipped_name_list():
    from cards.lexicon import name_stress

    assert len(name_stress._table()) > 2_500
    assert name_stress.listed("Путин") == f"пу{A}тин"
    assert name_stress.listed("Германия") == f"герма{A}ния"
    assert name_stress.listed("Ковалев") == "ковалёв"
    assert name_stress.listed("Минск") is None  # a monosyllable needs no mark
    assert name_stress.listed("Гипнос") is None  # /Gípnos, Gipnós/: two stresses
    assert name_stress.stressed("путина", "путин") == f"пу{A}тина"
    assert name_stress.stressed("минске", "минск") is None


def _dsl(path, entries):
    """A DSL file as the Wiktionary source is one: gzip, UTF-16 LE, headword lines and indented bodies."""
    import gzip

    lines = []
    for head, body in entries:
        lines += [head, "\t[b][c darkblue]~[/c][/b] [p]<prop>[/p]", "\t" + body, ""]
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-16-le"), mtime=0))
    return path


def test_name_list_conversion(tmp_path):
    from cards.lexicon import name_stress

    dsl = _dsl(tmp_path / "en-ru.dsl.dz", [
        ("Putin", "[m1]Путин [p]<m>[/p] [c gray]/Pútin/[/c][/m]"),
        ("Washington", "[m1]Вашингтон [p]<m>[/p] [c gray]/Vašingtón/[/c], (also: Vášington)[/m]"),
        ("Lukashenko", "[m1]Лукашенко /Lukašénko/[/m]"),
        ("New York City", "[m1]Нью-Йорк [p]<m>[/p] [c gray]/Nʹju-Jórk/[/c], г. Нью-Йорк [c gray]/g. Nʹju-Jórk/[/c][/m]"),
        ("Kovalyov", "[m1]Кузнецов [p]<m>[/p] [c gray]/Kuznecóv/[/c], Ковалёв [p]<m>[/p] [c gray]/Kovaljóv/[/c][/m]"),
        ("Holy Land", "[m1]Святая земля [p]<f>[/p] [c gray]/Svjatája zemljá/[/c][/m]"),
        ("Hypnos", "[m1]Гипнос [p]<m>[/p] [c gray]/Gípnos, Gipnós/[/c][/m]"),
        ("Smith", "[m1]Иванов, Петров, Сидоров /Ivanóv, Petróv, Sídorov/[/m]"),
        ("Ivanov", "[m1]Иванов /Ivánov/[/m]"),
        ("Cardiff", "[m1]Кардифф [p]<m>[/p] [c gray]/Кárdiff/[/c][/m]"),
        ("Minsk", "[m1]Минск [p]<m>[/p] [c gray]/Minsk/[/c][/m]"),
        ("USA", "[m1]США /Sə-šə-á/[/m]"),
        ("Moscow", "[m1]Москва [p]<f>[/p][/m]"),
        ("sugar", "[m1]сахар [p]<m>[/p] [c gray]/sáxar/[/c][/m]"),
    ])
    # Вашингтон: the note's Vášington is no romanization of its own; Нью-Йорк: "g. Nʹju-Jórk" spells
    # "г. Нью-Йорк", not the word before it; Святая: its own vowels only, земля is lower case; Гипнос:
    # two stresses; Сидоров: three words, three romanizations; Иванов: only one entry gives it a stress
    # of its own; Кардифф: a Cyrillic К in the romanization; Минск, США, Москва, сахар: a monosyllable,
    # capitals, no romanization, not a name.
    assert name_stress.rows(dsl) == [
        f"вашингтон\tвашингто{A}н",
        f"иванов\tива{A}нов",
        "ковалев\tковалёв",
        f"кузнецов\tкузнецо{A}в",
        f"лукашенко\tлукаше{A}нко",
        f"нью-йорк\tнью-йо{A}рк",
        f"путин\tпу{A}тин",
        f"святая\tсвята{A}я",
    ]
    out = tmp_path / "name-stress.tsv.gz"
    from cards.lexicon.convert import write_gzip

    write_gzip(out, name_stress.HEADER.splitlines() + name_stress.rows(dsl))
    assert name_stress.read_table(out)["путин"] == f"пу{A}тин"
    (tmp_path / "bad.tsv.gz").write_bytes(b"not gzip")
    with pytest.raises(InputError, match="not a gzip"):
        name_stress.read_table(tmp_path / "bad.tsv.gz")


# --- silero-stress with a stand-in model: alone, and filling what the lexicon leaves open ----------------

# What a silero-like model says for each word (its own format: '+' before the stressed vowel).
FAKE = {
    "замок": "зам+ок",
    "сделка": "сд+елка",
    "елка": "+ёлка",
    "дом": "д+ом",  # silero leaves monosyllables alone when asked; the wrapper drops them anyway
    "нибудь": "ниб+удь",
    "что": "чт+о",
    "кое": "к+ое",
    "сша": "сш+а",
    "все": "вс+ё",
    "и": "+и",
    "прейгерман": "пр+ейгерман",
}


class FakeModel:
    """Stands in for silero's accentor: words (split like silero splits them) looked up in FAKE."""

    def __init__(self, table=FAKE):
        self.table = table
        self.inputs = []

    def __call__(self, text, stress_single_vowel=True):
        self.inputs.append(text)

        def one(match):
            word = match.group()
            said = self.table.get(word.lower())
            if "+" in word or said is None:
                return word
            out, letters = [], iter(word)
            for ch in said:
                out.append(ch if ch == "+" else (ch.upper() if next(letters).isupper() else ch))
            return "".join(out)

        return re.sub("[а-яёА-ЯЁ+]+", one, text)


@pytest.fixture
def fake(monkeypatch):
    model = FakeModel()
    monkeypatch.setattr(stress, "_model", lambda: model)
    monkeypatch.setattr(stress, "silero_available", lambda: True)
    stress.stress_word.cache_clear()
    stress._homographs.cache_clear()
    stress._name_syllable.cache_clear()
    yield model
    stress.stress_word.cache_clear()
    stress._homographs.cache_clear()
    stress._name_syllable.cache_clear()


SILERO_ONLY = {"lexicon": False, "silero": True}


def test_monosyllables_unmarked_and_yo_restored(fake):
    assert stress.accentuate("Дом и замок, все елка.", **SILERO_ONLY) == f"Дом и замо{A}к, всё ёлка."
    assert stress.accentuate("ЕЛКА Елка", **SILERO_ONLY) == "ЁЛКА Ёлка"


def test_capitals_unmarked(fake):
    assert stress.accentuate("США и ЗАМОК, Сша", **SILERO_ONLY) == "США и ЗАМОК, Сша"


def test_other_characters_kept_and_not_shown_to_the_model(fake):
    text = "«Замок» (zamok), 2024 г.;\u00a0C++ — сделка!\n"
    assert stress.accentuate(text, **SILERO_ONLY) == f"«Замо{A}к» (zamok), 2024 г.;\u00a0C++ — сде{A}лка!\n"
    assert fake.inputs == [" Замок" + " " * 9 + ", " + " " * 5 + "г.;\u00a0" + " " * 6 + "сделка!\n"]


def test_existing_mark_kept_and_passed_on_as_silero_marker(fake):
    assert stress.accentuate(f"за{A}мок и замок", **SILERO_ONLY) == f"за{A}мок и замо{A}к"
    assert fake.inputs == ["з+амок и замок"]


def test_decomposed_letters_are_composed_for_the_model(fake):
    text = "е\u0308лка и замок"
    assert stress.accentuate(text, **SILERO_ONLY) == f"е\u0308лка и замо{A}к"
    assert fake.inputs == ["ёлка и замок"]


def test_hyphenated_particles(fake):
    assert stress.accentuate("кто-нибудь, кое-что, по-дом", **SILERO_ONLY) == f"кто{A}-нибудь, кое-что{A}, по-дом"


def test_silero_fills_only_what_the_lexicon_leaves_open(fake):
    # The lexicon marks сде́лку and restores ёлка; silero reads the whole text and fills замок, все and the name.
    text = "Замок и сделку, все елка, Прейгерман."
    assert stress.accentuate(text) == f"Замо{A}к и сде{A}лку, всё ёлка, Пре{A}йгерман."
    assert fake.inputs[0] == "Замок и сделку, все елка, Прейгерман."
    assert "Прейгерман" in fake.inputs[1:]  # the name alone, to check its stress (test_a_name_is_never_stressed_two_ways)
    fake.table = {**FAKE, "сделку": "сделк+у", "елку": "ел+ку"}  # where both speak, the lexicon wins
    fake.inputs.clear()
    assert stress.accentuate("Сделку и елку, замок.") == f"Сде{A}лку и ёлку, замо{A}к."
    assert stress.accentuate("Сделку и елку.") == f"Сде{A}лку и ёлку."  # nothing open: no call
    assert fake.inputs == ["Сделку и елку, замок."]


def test_a_name_is_never_stressed_two_ways(fake):
    # silero's reading of a name in a sentence (Коу́ла) against its reading of the name alone (Ко́ул): a
    # form stressed on another syllable than every dictionary form pymorphy3 gives it stays unmarked, so that no deck shows Ко́ул in one card and Коу́ла
    # in another; a form that agrees keeps its mark, and a common word (Замок, the homograph) is not a name.
    fake.table = {**FAKE, "коул": "к+оул", "коулом": "к+оулом", "коула": "ко+ула", "замок": "зам+ок"}
    assert stress.accentuate("Замок Коула, Коул и с Коулом") == f"Замо{A}к Коула, Ко{A}ул и с Ко{A}улом"
    fake.table = {**FAKE, "коул": "ко+ул", "коула": "к+оула"}
    stress._name_syllable.cache_clear()
    assert stress.accentuate("Коула и Коул") == f"Коула и Коу{A}л"  # the name alone, Коу́л, decides


def test_a_compounds_combining_first_element_is_not_given_to_silero(fake):
    # медико-, историко-: no source knows the element as a word, and silero reads it as one (медико́);
    # it stays unmarked beside its compound's marked head. A real word as first part is filled as before.
    fake.table = {**FAKE, "медико": "медик+о", "историко": "истор+ико", "замок": "зам+ок"}
    assert stress.accentuate("медико-санитарная и историко-культурный") == (
        f"медико-санита{A}рная и историко-культу{A}рный")
    assert stress.accentuate("замок-музей") == f"замо{A}к-музе{A}й"


def test_model_out_of_step_leaves_text_unchanged(monkeypatch):
    monkeypatch.setattr(stress, "_model", lambda: lambda text, stress_single_vowel=True: text + "x")
    assert stress.accentuate("Замок и сделка", **SILERO_ONLY) == "Замок и сделка"


def test_no_cyrillic_needs_no_model(monkeypatch):
    def broken():
        raise AssertionError("model loaded")

    monkeypatch.setattr(stress, "_model", broken)
    assert stress.accentuate("Hello, 2024!") == "Hello, 2024!"


def test_spans_follow_the_marks(fake):
    text = "Замок и сделка"
    stressed, spans = stress.accentuate_spans(text, [(0, 5), (6, 7), (8, 14), (0, 14)], **SILERO_ONLY)
    assert stressed == f"Замо{A}к и сде{A}лка"
    assert spans == [(0, 6), (7, 8), (9, 16), (0, 16)]
    assert [stressed[a:b] for a, b in spans[:3]] == [f"Замо{A}к", "и", f"сде{A}лка"]


def test_shift_spans_mark_belongs_to_the_letter_before_it():
    assert stress.shift_spans([5], [(0, 5), (5, 8), (6, 8), (0, 0)]) == [(0, 6), (6, 9), (7, 9), (0, 0)]


def test_stress_word(fake):
    assert [stress.stress_word(w) for w in ("замок", "елка", "дом", "кто-нибудь", "Прейгерман")] == [
        f"замо{A}к",  # open in the lexicon (за́мок / замо́к): the model's
        "ёлка",
        "дом",
        f"кто{A}-нибудь",
        f"Пре{A}йгерман",
    ]


def test_stress_word_takes_the_stress_of_its_form_in_context(fake):
    assert stress.stress_word("замок", f"за{A}мок") == f"за{A}мок"
    assert stress.stress_word("Елка", "ёлка") == "Ёлка"
    assert stress.stress_word("сделка", f"сде{A}лку") == f"сде{A}лка"  # another form: the model's stress


def test_stress_word_leaves_homographs_unmarked_out_of_context(fake):
    fake.homosolver = type("H", (), {"homodict": {"замок": ["з+амок", "зам+ок"], "сделка": ["сд+елка"]}})()
    assert stress.stress_word("замок") == "замок"
    assert stress.stress_word("замок", f"за{A}мок") == f"за{A}мок"
    assert stress.stress_word("сделка") == f"сде{A}лка"  # one reading only: not a homograph


class FirstVowel:
    """A model that stresses the first vowel of every word and turns every е into ё."""

    def __call__(self, text, stress_single_vowel=True):
        def one(match):
            word = match.group()
            if "+" in word:
                return word
            i = next((i for i, c in enumerate(word) if c.lower() in "аеёиоуыэюя"), None)
            word = word.replace("е", "ё").replace("Е", "Ё")
            return word if i is None else word[:i] + "+" + word[i:]

        return re.sub("[а-яёА-ЯЁ+]+", one, text)


def _fold(text):
    """The text without stress marks, ё read as е."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace(A, "").replace("\u0308", ""))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("аеоиуыяжзкмнпрстАЕОЖЗ -+.,«»\u0301\u0308\u0306йЁё1a")), max_size=40),
    st.data(),
)
def test_only_marks_and_yo_change_and_spans_slice_the_same_text(text, data):
    saved = stress._model
    stress._model = lambda: FirstVowel()
    try:
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        stressed, [(s, e)] = stress.accentuate_spans(text, [(a, b)], silero=data.draw(st.booleans()))
    finally:
        stress._model = saved
    assert _fold(stressed) == _fold(text)
    assert len(stressed) - len(text) == stressed.count(A) - text.count(A)
    if A not in text:
        assert all(stressed[i - 1] in "аеоиуыяАЕО" for i, c in enumerate(stressed) if c == A)
    assert _fold(stressed[s:e]) == _fold(text[a:b])


def test_a_lone_yo_beside_particles_takes_no_mark():
    """кое-ё (found by the property test above): the monosyllabic stem beside an unstressed particle takes the
    mark (кое-что́), but ё shows its stress itself, decomposed or not."""
    for word in ("кое-ё", "кое-е\u0308", "Кое-Ё"):
        assert A not in stress.accentuate(word, silero=False)
    assert stress.accentuate("кое-что", silero=False) == "кое-что" + A


# --- the real model (the `stress` extra) -------------------------------------------------------------

WORDS = {
    "сделка": "сде́лка",
    "переговоры": "перегово́ры",
    "администрация": "администра́ция",
    "делегация": "делега́ция",
    "санкции": "са́нкции",
    "президент": "президе́нт",
    "независимость": "незави́симость",
    "елка": "ёлка",
    "еще": "ещё",
    "четвертый": "четвёртый",
    "американский": "америка́нский",
    "визит": "визи́т",
    "сторона": "сторона́",
    "повестка": "пове́стка",
    "двусторонний": "двусторо́нний",
    "очевидно": "очеви́дно",
    "заключить": "заключи́ть",
    "звонит": "звони́т",
    "красивее": "краси́вее",  # the norm (silero alone says красиве́е, the common mistake)
    "договор": "догово́р",
    "квартал": "кварта́л",
    "документ": "докуме́нт",
    "экономика": "эконо́мика",
    "правительство": "прави́тельство",
    "соглашение": "соглаше́ние",
    "молодежь": "молодёжь",
    "договоренность": "договорённость",
    "дом": "дом",
    "мир": "мир",
    "кто-нибудь": "кто́-нибудь",
}

SENTENCES = {
    "Это уже четвертый визит американцев в Минск.": "Э́то уже́ четвёртый визи́т америка́нцев в Минск.",
    "Мы пьем чай и едим мед.": "Мы пьём чай и еди́м мёд.",
    "Замок на двери сломан, а король живет в замке.": "Замо́к на двери́ сло́ман, а коро́ль живёт в за́мке.",
    "«Белавиа» полностью исключили из всех санкционных списков США.": (
        "«Бела́виа» по́лностью исключи́ли из всех санкцио́нных спи́сков США."
    ),
    "Во Дворце независимости президент Беларуси Александр Лукашенко принимал делегацию во главе "
    "со спецпосланником США Джоном Коулом.": (
        "Во Дворце́ незави́симости президе́нт Белару́си Алекса́ндр Лукаше́нко принима́л делега́цию во главе́ "
        "со спецпосла́нником США Джо́ном Ко́улом."
    ),
}


@pytest.fixture(scope="module")
def real():
    pytest.importorskip("silero_stress")
    pytest.importorskip("torch")
    stress.stress_word.cache_clear()
    stress._model()
    return stress


def test_real_words(real):
    assert {w: real.stress_word(w) for w in WORDS} == WORDS
    # Homographs out of context: the lexicon reads a lemma as a dictionary form (the model alone says осно́вной,
    # у́же); замок it cannot settle, and the model's guess is not taken for a homograph of its own list.
    assert [real.stress_word(w) for w in ("основной", "уже", "замок")] == ["основно́й", "уже́", "замок"]
    text = "Король живет в замке, а замок на двери сломан."
    stressed, [(start, stop)] = real.accentuate_spans(text, [(text.index("замок"), text.index("замок") + 5)])
    assert stressed == "Коро́ль живёт в за́мке, а замо́к на двери́ сло́ман."
    assert real.stress_word("замок", stressed[start:stop]) == "замо́к"


def test_real_sentences(real):
    assert {s: real.accentuate(s) for s in SENTENCES} == SENTENCES


def test_real_spans(real):
    text = "Минск и Вашингтон на пути к большой сделке"
    stressed, spans = real.accentuate_spans(text, [(0, 5), (8, 17), (36, 42)])
    assert stressed == "Минск и Вашингто́н на пути́ к большо́й сде́лке"
    assert [stressed[a:b] for a, b in spans] == ["Минск", "Вашингто́н", "сде́лке"]


WMT21 = Path(__file__).resolve().parent.parent.parent / "shared" / "dev" / "wmt21-ruen" / "docs.jsonl"
STRESS_GOLD = Path(__file__).resolve().parent.parent / "bench" / "data" / "stress"


@pytest.mark.skipif(not WMT21.exists(), reason="the WMT21 articles (../shared/dev) are not here")
@pytest.mark.parametrize("gold", ["gold.tsv", "heldout.tsv"])
def test_lexicon_marks_hand_stressed_news_as_issue_10_asks(gold, lexicon_only):
    """At least 90% of the words of two or more syllables marked, at least 99% of the marks right,
    scored by bench/stress.py --gold's own scorer."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_stress", STRESS_GOLD.parent.parent / "stress.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    rows = bench.read_gold(STRESS_GOLD / gold)
    sentences = bench.gold_sentences(WMT21, {r.doc for r in rows})
    score = bench.score_gold(rows, sentences, lexicon_only.accentuate)[0]["all"]
    assert score.marked / score.tokens >= 0.90 and score.correct / score.marked >= 0.99, (gold, score)


def test_vse_is_settled_by_the_word_after_it():
    # все/всё is a homograph silero often gets wrong (всё обстоятельства); agreement settles it
    from cards.lexicon import stress

    text = "Полиция устанавливает все обстоятельства, и все это известно, но все в порядке."
    replace, _, open_ = stress._lexicon(text)
    first, second, _ = (m.start() for m in re.finditer("все", text))
    assert (first, first + 3) not in open_ and first not in replace  # все обстоятельства: все, and closed
    assert replace.get(second + 2) == "ё"  # все это → всё это
    assert stress.accentuate("Все это известно.", silero=False).startswith("Всё")


def test_a_hyphenated_word_with_a_mark_on_one_part_and_an_address_are_left_as_written(lexicon_only):
    # a card's phrase carries the sentence's mark (военно-морско́й) before the lexicon marks the rest:
    # the first part must not get a second mark
    assert lexicon_only.accentuate(f"военно-морско{A}й парад") == f"военно-морско{A}й пара{A}д"
    assert lexicon_only.accentuate("военно-морской парад") == f"военно-морско{A}й пара{A}д"
    # a web address is no Russian word; an abbreviation glued to a name is no address
    text = "сообщает сайт стопкоронавирус.рф и президент.рф/новости, текст о.Владимира"
    assert lexicon_only.accentuate(text) == (
        f"сообща{A}ет сайт стопкоронавирус.рф и президент.рф/новости, текст о.Влади{A}мира"
    )
    assert stress._lexicon("сайт стопкоронавирус.рф")[2] == []  # not left open for silero either


def test_a_word_stressed_away_from_its_e_with_dots_keeps_its_mark(lexicon_only):
    # ё is stressed in самолёт, not in четырёхле́тний: a learner reading the ё alone would stress it
    text = "пострадал четырехлетний ребенок в трёхэтажном доме, самолёт, мы узнаём всё"
    assert lexicon_only.accentuate(text) == (
        f"пострада{A}л четырёхле{A}тний ребёнок в трёхэта{A}жном до{A}ме, самолёт, мы узнаём всё"
    )  # узнаём keeps its own ё, not узна́ем's stress
    assert lexicon_only.stress_word("четырёхлетний") == f"четырёхле{A}тний"
    assert lexicon_only.stress_word("договорённость") == "договорённость"
