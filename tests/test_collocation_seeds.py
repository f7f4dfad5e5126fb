"""The hand-written collocations of news (cards/lexicon/seeds/collocations.tsv) as a build meets them:
each is found under the lemmas a sentence gives its words, and its English becomes the counterpart of
the words that stand in it."""

import pytest

from cards.build import BuildOptions, find_dictionary
from cards.lexicon.analyser import parses
from cards.lexicon.convert import SEEDS_DIR, curated_phrases, phrase_lemmas, verbal_lemmas
from cards.lexicon.morph import analyse

COLLOCATIONS = curated_phrases(SEEDS_DIR / "collocations.tsv")
TOO_GENERAL = {"take", "make", "do", "give", "get", "have", "put", "be", "go", "come", "set", "hold", "keep"}


def _in_a_sentence(phrase: str) -> str:
    """A made-up sentence with the phrase in it as written: a verb's phrase after намерены, others as
    the subject."""
    if parses(phrase.split()[0])[0].tag.POS == "INFN":
        return f"Власти намерены {phrase} в ближайшие дни."
    return f"Об этом сообщает {phrase} в понедельник."


def test_the_seeds_are_many_short_phrases_with_a_few_specific_glosses():
    assert 1300 <= len(COLLOCATIONS) <= 2000
    assert all(2 <= len(p.split()) <= 4 and 1 <= len(g) <= 3 for p, g in COLLOCATIONS.items())
    assert not [p for p, glosses in COLLOCATIONS.items() if TOO_GENERAL & set(glosses)]
    assert COLLOCATIONS["открыть огонь"] == ["open fire"] and COLLOCATIONS["по заказу"][0] == "commissioned by"


def test_every_seed_phrase_is_found_under_the_lemmas_a_sentence_gives_it():
    """The converter lemmatises a phrase alone (phrase_lemmas); a build lemmatises the sentence. They
    must agree, or the phrase is never found (явка с повинной: повинная alone, повинный in a sentence).
    Known apart: число погибших, whose participle a sentence reads as its verb (погибнуть); the word
    alignment still finds it, as it looks at every reading of the words around a target."""
    missed = []
    for phrase in COLLOCATIONS:
        key = phrase_lemmas(phrase)
        keys = {tuple(key.split()), tuple(verbal_lemmas(phrase, key).split())}
        found = tuple(t.lemma.lemma.lower().replace("ё", "е") for t in analyse(_in_a_sentence(phrase)))
        if not any(found[i : i + len(k)] == k for k in keys for i in range(len(found))):
            missed.append(phrase)
    assert missed == ["число погибших"]


@pytest.mark.parametrize(
    ("ru", "en", "lemma", "counterpart"),
    [
        ("Военные открыли огонь по колонне.", "The soldiers opened fire on the convoy.", "огонь", "fire"),
        ("Закон вступит в силу с 1 января.", "The law will take effect on January 1.", "сила", "take effect"),
        ("Президент ушёл из жизни в возрасте 80 лет.", "The president passed away at the age of 80.", "жизнь", "passed away"),
        ("Стороны заключили перемирие.", "The sides agreed a truce.", "заключить", "agreed a truce"),
        ("Пострадавшего доставили в отделение реанимации.", "The victim was taken to the intensive care unit.",
         "реанимация", "intensive care"),
    ],
)
def test_a_word_of_a_seed_collocation_takes_its_english(ru, en, lemma, counterpart):
    from cards.align.words import counterparts

    dictionary = find_dictionary(BuildOptions(system_dictionaries=False))
    words = [t for t in analyse(ru) if t.lemma.pos in ("noun", "verb", "adj")]
    spans = counterparts(ru, en, [(t.start, t.stop, t.lemma.lemma) for t in words], dictionary=dictionary)
    found = {t.lemma.lemma: en[s[0] : s[1]] for t, s in zip(words, spans, strict=True) if s}
    assert found[lemma] == counterpart
