"""The one pymorphy3 analyser of the package, and the frequencies of Russian words.

pymorphy3 (with pymorphy3-dicts-ru) proposes the readings of a word (`parses`, cached for every
stage); wordfreq gives the Zipf frequency of a lemma (`zipf`, `lemma_zipf`). Both are loaded lazily,
on first use. Used by the reading rules (morph, names), aspect partners, collocations, stress,
segmentation and word alignment.

Example:
    >>> parses("санкции")[0].normal_form
    'санкция'
"""

from __future__ import annotations

import functools
import math
import unicodedata

from cards.kept import KeptTable
from cards.lexicon.frequency import frequency

POS = ("noun", "verb", "adj", "adv", "num", "pron", "prep", "conj", "part", "intj", "other")
PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
# The dictionary's readings that make a word a name (not Abbr: В, По, И are abbreviations too).
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


def strip_stress(text: str) -> str:
    """Remove stress marks (U+0301, U+0300), also inside precomposed ѐ and ѝ."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", decomposed.replace("\u0301", "").replace("\u0300", ""))


@functools.cache
def analyzer():
    """The one pymorphy3 analyser of the package, built on first use."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    """Every pymorphy3 parse of a word, most likely first; cached for all stages."""
    return tuple(analyzer().parse(word))


def _form_frequency(form: str) -> float:
    """wordfreq frequency of one word form, both of its ё and е spellings counted."""
    word = form.lower()
    folded = word.replace("ё", "е")
    return frequency(word, "ru") + (frequency(folded, "ru") if folded != word else 0.0)


def lemma_zipf(lemma: str, pos: str) -> float:
    """Zipf frequency of a lemma with all its forms counted: the sum of wordfreq's frequencies of
    every form of its pymorphy3 lexeme (сделка, сделки, сделку …). The dictionary form alone
    underrates words mostly used in other forms (санкция 2.8, санкции 3.9; all forms 4.9). A hyphenated
    word wordfreq does not list gets its estimate from the parts (премьер-министр 4.6), not 0."""
    found = KEPT_ZIPFS.get(f"{lemma}\t{pos}", float)
    if found is None:
        found = _lemma_zipf(lemma, pos)
        KEPT_ZIPFS.put(f"{lemma}\t{pos}", found)
    return found


KEPT_ZIPFS = KeptTable("lemma-zipf")  # a build keeps them: a rebuild reads them instead of every form's frequency


@functools.lru_cache(maxsize=200_000)
def _lemma_zipf(lemma: str, pos: str) -> float:
    word = strip_stress(lemma).lower()
    total = sum(_form_frequency(f) for f in _forms(word, pos) | {word})
    if total == 0 and "-" in word.strip("-"):  # премьер-министр: the parts' half-harmonic mean, as wordfreq does
        parts = [_form_frequency(p) for p in word.split("-") if p]
        total = 1 / sum(1 / f for f in parts) if parts and all(parts) else 0.0
    return _total_zipf(total)


def _total_zipf(total: float) -> float:
    """The Zipf figure of a summed frequency (forms of one lemma), 0 to 8, two decimals; 0 for none."""
    return round(min(8.0, max(0.0, math.log10(total * 1e9))), 2) if total > 0 else 0.0


@functools.lru_cache(maxsize=20_000)
def participle_zipf(participle: str) -> float:
    """Zipf frequency of a participle taken as a noun (митингующий: митингующие, митингующих …), counting
    the forms of its own paradigm (same tense and voice), not its verb's nor its one dictionary form's."""
    word = strip_stress(participle).lower()
    found = next((p for p in parses(word) if p.tag.POS == "PRTF"), None)
    forms = {f.word for f in found.lexeme if f.tag.POS == "PRTF" and f.tag.tense == found.tag.tense
             and f.tag.voice == found.tag.voice} if found else set()
    total = sum(_form_frequency(f) for f in forms | {word})
    return _total_zipf(total)


def english_zipf(word: str) -> float:
    """wordfreq Zipf frequency of an English word (0 when unknown)."""
    freq = frequency(word.lower(), "en")
    return round(math.log10(freq) + 9, 2) if freq > 0 else 0.0


@functools.lru_cache(maxsize=200_000)
def zipf(lemma: str) -> float:
    """wordfreq Zipf frequency of a lemma's dictionary form alone (best of its ё and е spellings).

    Read from wordfreq's frequency table directly: the same figure as `zipf_frequency` for one
    word, without its tokenizer (which costs a noticeable start-up)."""
    word = strip_stress(lemma).lower()
    freq = max(frequency(word, "ru"), frequency(word.replace("ё", "е"), "ru"))
    return round(math.log10(freq) + 9, 2) if freq > 0 else 0.0


def _pos(tag) -> str:
    p = tag.POS
    if p == "NOUN":
        return "noun"
    if p in ("VERB", "INFN", "PRTF", "PRTS", "GRND"):
        return "verb"
    if p in ("ADJF", "ADJS"):
        return "pron" if "Apro" in tag else "adj"
    if p == "COMP":
        return "adj"
    if p in ("ADVB", "PRED"):
        return "adv"
    if p == "NUMR" or "NUMB" in tag:
        return "num"
    if p == "CONJ":
        return "adv" if "Prnt" in tag else "conj"
    return {"NPRO": "pron", "PREP": "prep", "PRCL": "part", "INTJ": "intj"}.get(p, "other")


@functools.lru_cache(maxsize=20_000)
def _forms(lemma: str, pos: str) -> frozenset[str]:
    """The forms of a lemma's lexeme (of the given part of speech)."""
    found = [p for p in parses(lemma) if p.normal_form == lemma and _pos(p.tag) == pos]
    return frozenset(f.word for f in found[0].lexeme) if found else frozenset()
