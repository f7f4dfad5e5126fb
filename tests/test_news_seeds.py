"""The hand-written register of news reports (cards/lexicon/seeds/news-ru.txt): one lemma a line under
`# --` headers by area, each a dictionary form the analyser gives, none twice, none too common or rare."""

from pathlib import Path

import pytest

from cards.lexicon.analyser import lemma_zipf, parses
from cards.lexicon.morph import analyse

NEWS = Path(__file__).resolve().parent.parent / "cards" / "lexicon" / "seeds" / "news-ru.txt"


def _groups(path: Path) -> dict[str, list[str]]:
    """The lemmas of each `# --` area, in the file's order; other comment lines are the header."""
    groups: dict[str, list[str]] = {}
    area = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# --"):
            area = line[4:].strip()
            groups[area] = []
        elif line.strip() and not line.startswith("#"):
            assert area is not None, f"{line!r} before the first area header"
            groups[area].append(line)
    return groups


GROUPS = _groups(NEWS)
LEMMAS = [lemma for lemmas in GROUPS.values() for lemma in lemmas]


def _own_lemma(word: str) -> tuple[str, str] | None:
    """(lemma, part of speech) when pymorphy3's dictionary knows the word and it is its own dictionary
    form: the analyser's lemma of it alone (подозреваемый, a participle read as a noun), or a known
    parse's normal form (заморозок, which alone reads as заморозка)."""
    known = [p for p in parses(word) if p.is_known]
    found = analyse(word)[0].lemma
    if not known or found is None:
        return None
    if found.lemma == word or any(p.normal_form == word for p in known):
        return word, found.pos
    return None


def test_the_list_is_hundreds_of_lemmas_in_its_areas_none_twice():
    assert 400 <= len(LEMMAS) <= 700
    assert len(GROUPS) == 11 and all(len(lemmas) >= 25 for lemmas in GROUPS.values())
    assert sorted({w for w in LEMMAS if LEMMAS.count(w) > 1}) == []
    assert all(w == w.strip().lower() and " " not in w for w in LEMMAS)
    assert {"произойти", "сообщить", "данные", "ранее", "результат", "пострадать", "уточняться",
            "инцидент", "предварительный"} <= set(LEMMAS)


def test_every_line_is_a_dictionary_form():
    assert [w for w in LEMMAS if _own_lemma(w) is None] == []


def test_a_word_form_or_a_misspelling_is_no_lemma():
    assert _own_lemma("сообщил") is None and _own_lemma("пострадавшие") is None and _own_lemma("сообшить") is None


@pytest.mark.parametrize("area", sorted(GROUPS))
def test_every_lemma_is_neither_too_common_nor_too_rare_to_teach(area):
    zipfs = {w: lemma_zipf(*_own_lemma(w)) for w in GROUPS[area]}
    assert {w: z for w, z in zipfs.items() if not 3.0 <= z < 6.0} == {}
