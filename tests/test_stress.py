"""Stress marks. Tests of the wrapper run everywhere with a stand-in model; tests of the real model
(silero-stress, expected stresses checked by hand) are skipped when the `stress` extra is absent."""

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards import stress
from cards.errors import CardsError

A = "\u0301"

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
    stress.stress_word.cache_clear()
    stress._homographs.cache_clear()
    yield model
    stress.stress_word.cache_clear()
    stress._homographs.cache_clear()


def test_monosyllables_unmarked_and_yo_restored(fake):
    assert stress.accentuate("Дом и замок, все елка.") == f"Дом и замо{A}к, всё ёлка."
    assert stress.accentuate("ЕЛКА Елка") == "ЁЛКА Ёлка"


def test_capitals_unmarked(fake):
    assert stress.accentuate("США и ЗАМОК, Сша") == "США и ЗАМОК, Сша"


def test_other_characters_kept_and_not_shown_to_the_model(fake):
    text = "«Замок» (zamok), 2024 г.;\u00a0C++ — сделка!\n"
    assert stress.accentuate(text) == f"«Замо{A}к» (zamok), 2024 г.;\u00a0C++ — сде{A}лка!\n"
    assert fake.inputs == [" Замок" + " " * 9 + ", " + " " * 5 + "г.;\u00a0" + " " * 6 + "сделка!\n"]


def test_existing_mark_kept_and_passed_on_as_silero_marker(fake):
    assert stress.accentuate(f"за{A}мок и замок") == f"за{A}мок и замо{A}к"
    assert fake.inputs == ["з+амок и замок"]


def test_decomposed_letters_are_composed_for_the_model(fake):
    text = "е\u0308лка и замок"
    assert stress.accentuate(text) == f"е\u0308лка и замо{A}к"
    assert fake.inputs == ["ёлка и замок"]


def test_hyphenated_particles(fake):
    assert stress.accentuate("кто-нибудь, кое-что, по-дом") == f"кто{A}-нибудь, кое-что{A}, по-дом"


def test_model_out_of_step_leaves_text_unchanged(monkeypatch):
    monkeypatch.setattr(stress, "_model", lambda: lambda text, stress_single_vowel=True: text + "x")
    assert stress.accentuate("Замок и сделка") == "Замок и сделка"


def test_no_cyrillic_needs_no_model(monkeypatch):
    def broken():
        raise AssertionError("model loaded")

    monkeypatch.setattr(stress, "_model", broken)
    assert stress.accentuate("Hello, 2024!") == "Hello, 2024!"


def test_spans_follow_the_marks(fake):
    text = "Замок и сделка"
    stressed, spans = stress.accentuate_spans(text, [(0, 5), (6, 7), (8, 14), (0, 14)])
    assert stressed == f"Замо{A}к и сде{A}лка"
    assert spans == [(0, 6), (7, 8), (9, 16), (0, 16)]
    assert [stressed[a:b] for a, b in spans[:3]] == [f"Замо{A}к", "и", f"сде{A}лка"]


def test_shift_spans_mark_belongs_to_the_letter_before_it():
    assert stress.shift_spans([5], [(0, 5), (5, 8), (6, 8), (0, 0)]) == [(0, 6), (6, 9), (7, 9), (0, 0)]


def test_stress_word(fake):
    assert [stress.stress_word(w) for w in ("замок", "елка", "дом", "кто-нибудь")] == [
        f"замо{A}к",
        "ёлка",
        "дом",
        f"кто{A}-нибудь",
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
        stressed, [(s, e)] = stress.accentuate_spans(text, [(a, b)])
    finally:
        stress._model = saved
    assert _fold(stressed) == _fold(text)
    assert len(stressed) - len(text) == stressed.count(A) - text.count(A)
    if A not in text:
        assert all(stressed[i - 1] in "аеоиуыяАЕО" for i, c in enumerate(stressed) if c == A)
    assert _fold(stressed[s:e]) == _fold(text[a:b])


def test_available_false_without_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "silero_stress", None)
    assert stress.available() is False
    with pytest.raises(stress.StressError, match=r"pip install torch==2\.13\.0 silero-stress"):
        stress._model.__wrapped__()
    assert issubclass(stress.StressError, CardsError)


def test_import_is_cheap():
    import subprocess

    code = "import sys, cards.stress as s; s.available(); print('torch' in sys.modules, 'silero_stress' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


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
    "красивее": "красиве́е",
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
    # Homographs: unmarked out of context (the model alone says осно́вной, у́же), marked from the sentence.
    assert [real.stress_word(w) for w in ("основной", "уже", "замок")] == ["основной", "уже", "замок"]
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
