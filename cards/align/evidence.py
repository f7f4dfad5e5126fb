"""Evidence for word alignment (cards.align.words): the keys words are compared by and where a
Russian lemma's English candidates come from.

- English stems (Snowball) and Russian lemmas (pymorphy3, ё folded), the words of a text, function words;
- the learned table: Russian lemma ↔ English stem scores from sentence pairs (IBM Model 1 or Dice);
- dictionary glosses as stems, related lemmas to look up (derived_keys), and translation_evidence,
  how far a pair's English translates its Russian.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cards.align.english_words import FUNCTION_WORDS, IRREGULAR
from cards.kept import KeptTable
from cards.lexicon.cognates import _fold, american
from cards.lexicon.lexicon import base_words, english_alike, english_related
from cards.lexicon.analyser import parses

Span = tuple[int, int]
SOURCES = ("dictionary", "related", "cognate", "table")

_WORD = re.compile(r"[^\W\d_]+(?:[-'’‐][^\W\d_]+)*")



# --- small cached helpers ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer():
    from cards.lazy import snowball

    return snowball("english")


KEPT_STEMS = KeptTable("english-stems")  # a build keeps them: a rebuild that only reads them never imports nltk


def stem(word: str) -> str:
    """English stem for comparison: folded (American spelling), irregular forms mapped, Snowball; parts of a
    hyphenated word joined."""
    found = KEPT_STEMS.get(word)
    if found is None:
        found = _stem(word)
        KEPT_STEMS.put(word, found)
    return found


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    parts = [american(p) for p in re.split(r"[-‐]", _fold(word)) if p]
    return "-".join(_stemmer().stem(IRREGULAR.get(p, p)) for p in parts)


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> tuple[str, ...]:
    """Normal forms of a Russian word, most likely first (pymorphy3), ё folded to е."""
    seen: dict[str, None] = {}
    for parse in parses(word):
        seen.setdefault(parse.normal_form.replace("ё", "е"), None)
    return tuple(seen) or (word.lower().replace("ё", "е"),)


def lemmatize(word: str) -> str:
    """The most likely lemma of a Russian word."""
    return lemmas(word)[0]


_RU_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "NUMR", "PRED"})


@lru_cache(maxsize=200_000)
def ru_content(word: str) -> bool:
    tag = ru_tag(word)
    return len(word) > 1 and tag.POS not in _RU_FUNCTION_POS and "Apro" not in tag


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, stop, word) for the words of a text; an English possessive 's is left out."""
    out = []
    for m in _WORD.finditer(text):
        start, stop, word = m.start(), m.end(), m.group()
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            stop, word = stop - 2, word[:-2]
        out.append((start, stop, word))
    return out


def phrase_spans(text: str, phrases: Iterable[tuple[str, ...]]) -> list[tuple[Span, tuple[str, ...]]]:
    """Where each phrase, a tuple of English stems (`stem`), occurs in `text`, word for word: (span, phrase)."""
    toks = words(text)
    stems = [stem(w) for _, _, w in toks]
    out = []
    for phrase in phrases:
        k = len(phrase)
        for i in range(len(toks) - k + 1) if k else ():
            if tuple(stems[i : i + k]) == phrase:
                out.append(((toks[i][0], toks[i + k - 1][1]), phrase))
    return out


_PART = re.compile(r"[^\W\d_]+")
EDGE_WORDS = frozenset("a an the to of in on at by for with from into".split())  # not "other": "the other day" is no "day"


def gloss_spans(text: str, gloss: str) -> list[Span]:
    """Where an English gloss occurs in `text`, compared by stem, whole words only: "take part" in
    "took part", "submarine" in "submarines", "per capita" in "per-capita", "ceasefire" in
    "cease-fire"; a gloss with function words at its edges also as its core ("in total" in "a total
    of", "a number of" in "numbers"). A hyphenated word is its parts, but a match never cuts one
    ("submarine" is not in "anti-submarine")."""
    parts = [(m.start(), m.end(), m.group()) for m in _PART.finditer(text)]
    whole = words(text)
    starts, stops = {a for a, _, _ in whole}, {b for _, b, _ in whole}
    stems = [stem(w) for _, _, w in parts]
    wanted = _PART.findall(gloss)
    inner = list(wanted)
    while inner and _fold(inner[0]) in EDGE_WORDS:
        inner = inner[1:]
    while inner and _fold(inner[-1]) in EDGE_WORDS:
        inner = inner[:-1]
    out: list[Span] = []
    for phrase in dict.fromkeys(tuple(stem(w) for w in p) for p in (wanted, inner) if p):
        n = len(phrase)
        for i in range(len(parts) - n + 1):
            span = (parts[i][0], parts[i + n - 1][1])
            if tuple(stems[i : i + n]) == phrase and span[0] in starts and span[1] in stops and span not in out:
                out.append(span)
    joined = stem("".join(wanted))  # one word written apart or hyphenated: cease-fire / ceasefire
    out += [(a, b) for a, b, w in whole if (a, b) not in out and stem("".join(_PART.findall(w))) == joined]
    return out


@lru_cache(maxsize=200_000)
def is_function_word(word: str) -> bool:
    """True for English words that are never a counterpart (articles, prepositions, auxiliaries …);
    an acronym is none (US is not "us"); a contraction of them is one (hasn't, they're, I'm)."""
    if len(word) > 1 and word.isupper():
        return False
    parts = re.split(r"['’]", _fold(word))
    if len(parts) == 2 and parts[1] == "t" and parts[0].endswith("n"):  # hasn't, won't, can't
        return True
    return all(p in FUNCTION_WORDS or p == "m" for p in parts)


# --- the learned table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """Russian lemma ↔ English stem association scores in [0, 1], learned from sentence pairs."""

    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    method: str = "ibm1"

    def score(self, lemma: str, english_stem: str) -> float:
        return self.scores.get((lemma.replace("ё", "е"), english_stem), 0.0)

    def __len__(self) -> int:
        return len(self.scores)


def _ru_bag(text: str) -> list[str]:
    return [lemmatize(w) for _, _, w in words(text) if ru_content(w)]


def _en_bag(text: str) -> list[str]:
    return [stem(w) for _, _, w in words(text) if not is_function_word(w) and len(w) > 1]


def learn_table(pairs: Sequence[tuple[str, str]], *, method: str = "ibm1", iterations: int = 5) -> Table:
    """A lemma ↔ stem table from (Russian, English) sentence pairs.

    ``ibm1``: nltk's IBM Model 1 trained in both directions, score sqrt(t(e|r)·t(r|e)).
    ``dice``: Dice's coefficient over sentence co-occurrence, pairs seen at least twice.
    """
    bags = [(_ru_bag(ru), _en_bag(en)) for ru, en in pairs]
    bags = [(r, e) for r, e in bags if r and e]
    if not bags:
        return Table({}, method)
    if method == "dice":
        return Table(_dice(bags), method)
    if method != "ibm1":
        raise ValueError(f"unknown table method {method!r}: use 'ibm1' or 'dice'")
    forward = _ibm1([(e, r) for r, e in bags], iterations)  # t(e | r)
    backward = _ibm1(bags, iterations)  # t(r | e)
    scores = {}
    for (e, r), p in forward.items():
        q = backward.get((r, e), 0.0)
        s = math.sqrt(p * q)
        if s >= 0.05:
            scores[(r, e)] = round(s, 4)
    return Table(scores, method)


def _ibm1(bitext: Iterable[tuple[list[str], list[str]]], iterations: int) -> dict[tuple[str, str], float]:
    """t(target | source) from nltk's IBMModel1, kept for pairs that co-occur."""
    from cards.lazy import nltk

    nltk()
    from nltk.translate import AlignedSent, IBMModel1

    corpus = [AlignedSent(list(tgt), list(src)) for tgt, src in bitext]
    model = IBMModel1(corpus, iterations)
    table = model.translation_table
    out = {}
    for sent in corpus:
        for t in sent.words:
            for s in sent.mots:
                p = table[t][s]
                if p > 0.01:
                    out[(t, s)] = p
    return out


def _dice(bags: list[tuple[list[str], list[str]]]) -> dict[tuple[str, str], float]:
    ru_count, en_count, both = Counter(), Counter(), Counter()
    for r, e in bags:
        rs, es = set(r), set(e)
        ru_count.update(rs)
        en_count.update(es)
        both.update((a, b) for a in rs for b in es)
    return {
        (a, b): round(2 * n / (ru_count[a] + en_count[b]), 4)
        for (a, b), n in both.items()
        if n >= 2 and 2 * n / (ru_count[a] + en_count[b]) >= 0.2
    }


@dataclass(frozen=True)
class GlossStems:
    """The English a target's glosses predict, as stems: `single` words with their best rank,
    multi-word `phrases`; and, weaker, `near` words and `near_phrases`: what WordNet relates to a
    gloss (arms → weaponry), and the word a multi-word gloss turns on ("be in the lead" → lead)."""

    single: dict[str, float]
    forms: dict[str, frozenset[str]]  # stem of a single-word gloss → the glosses (lower case) with it
    phrases: frozenset[tuple[str, ...]]
    near: frozenset[str]
    near_phrases: frozenset[tuple[str, ...]]
    alike: frozenset[str] = frozenset()  # weaker still: a gloss's companions in another word's sense


REPORTING_VERBS = frozenset(  # news English swaps these freely for any Russian verb of saying
    """say tell state declare announce note add stress explain report remark comment mention emphasize
    emphasise underline clarify specify inform""".split()
)
ALIKE_RANK = 2.0  # only a word's better glosses bring their companions (not власть's "hold": contain)
LIGHT_WORDS = frozenset("be make get give take do have become to one's oneself someone something".split())


def phrase_head(parts: Sequence[str]) -> str | None:
    """The word a multi-word gloss turns on: "be in the lead" → lead, "Secretary of state" →
    Secretary, "make a speech" → speech, "oil product" → product; None without one."""
    content = [w for w in parts if w.lower() not in LIGHT_WORDS]
    lowered = [w.lower() for w in content]
    if "of" in lowered:
        content = content[: lowered.index("of")]
    content = [w for w in content if not is_function_word(w)]
    return content[-1] if content else None


STATE_COPULAS = frozenset({"be", "become", "get"})
STATE_RANK = 0.5  # a state gloss's word ranks half a rank below the gloss


def state_word(parts: Sequence[str]) -> str | None:
    """The one content word of a gloss made of a copula and it ("be injured", "to be elected", "get
    lost"), which the English inflects apart from its copula (was injured); None for any other gloss."""
    lowered = [w.lower() for w in parts]
    if lowered[:1] == ["to"]:
        lowered, parts = lowered[1:], parts[1:]
    if len(lowered) == 2 and lowered[0] in STATE_COPULAS and not is_function_word(parts[1]):
        return parts[1]
    return None


def gloss_stems(glosses: Sequence[tuple[str, float]], related: bool = True) -> GlossStems:
    """Stems of the glosses (see GlossStems); `related`: add the weaker `near` evidence."""
    single: dict[str, float] = {}
    forms: dict[str, set[str]] = {}
    phrases: set[tuple[str, ...]] = set()
    near: set[str] = set()
    near_phrases: set[tuple[str, ...]] = set()
    alike: set[str] = set()
    for gloss, rank in glosses:
        parts = [w for _, _, w in words(gloss)]
        content = [w for w in parts if not is_function_word(w)]
        if len(parts) == 1 or (len(content) == 1 and parts[0].lower() == "to"):
            word = content[0] if content else parts[0]
            single.setdefault(stem(word), rank)
            single.setdefault(stem(word.replace("-", "")), rank)  # co-operation = cooperation
            forms.setdefault(stem(word), set()).add(word.lower())
            if related:
                for other in english_related(word):
                    if agent_and_base(word, other):
                        continue  # cruiser / cruise: the ship is no voyage
                    other_parts = other.split()
                    if len(other_parts) == 1:
                        near.add(stem(other))
                    else:
                        near_phrases.add(tuple(stem(w) for w in other_parts))
                if rank < ALIKE_RANK:
                    alike.update(stem(other) for other in english_alike(word))
                if word.lower() in REPORTING_VERBS and rank < ALIKE_RANK:  # сказал → "noted"
                    near.update(stem(other) for other in REPORTING_VERBS)
        elif len(parts) > 1:
            phrases.add(tuple(stem(w) for w in parts))
            state = state_word(parts)
            if state:  # "be injured" → "was injured", "were elected": the word after the copula
                single.setdefault(stem(state), rank + STATE_RANK)
                forms.setdefault(stem(state), set()).add(state.lower())
            head = phrase_head(parts) if related else None
            if head:
                near.add(stem(head))
            if related and rank < ALIKE_RANK:  # "area of water": "waters", weaker than the head
                alike.update(stem(w) for w in content if w != head and w.lower() not in LIGHT_WORDS)
    return GlossStems(single, {k: frozenset(v) for k, v in forms.items()}, frozenset(phrases),
                      frozenset(near - set(single)), frozenset(near_phrases - phrases),
                      frozenset(alike - near - set(single)))


def agent_and_base(a: str, b: str) -> bool:
    """Whether one word is the other's agent noun in -er/-or (cruiser / cruise, leader / lead,
    runner / run, regulator / regulate): WordNet relates them, but they name different things."""
    a, b = a.lower(), b.lower()
    if len(a) < len(b):
        a, b = b, a
    if not a.endswith(("er", "or")) or len(b) < 3:
        return False
    root = a[:-2]
    return b in (root, root + "e", a[:-1]) or (len(root) > 3 and root[-1] == root[-2] and b == root[:-1])


def is_plural(word: str, base: str) -> bool:
    """Whether lower-case English `word` is the regular plural (or third person) of `base`: units/unit,
    taxes/tax, allies/ally."""
    return word in (base + "s", base + "es") or (base.endswith("y") and word == base[:-1] + "ies")


def plural_bases(word: str) -> tuple[str, ...]:
    """The words an English word ending in -s may be the regular plural of (infections: infection;
    taxes: taxe, tax; allies: allie, ally), its case kept; () for a word of another shape (news is
    one, but press, status, analysis are not)."""
    w = word.lower()
    if not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return ()
    return (word[:-1],) + ((word[:-2],) if w.endswith("es") else ()) + ((word[:-3] + "y",) if w.endswith("ies") else ())


def is_inflection(word: str, base: str) -> bool:
    """Whether English `word` is `base` or one of its inflections (units/unit, took/take, stopped/stop),
    not merely a word of the same stem (unit/unite, general/generate)."""
    w, b = word.lower(), base.lower()
    w = IRREGULAR.get(w, w)
    if w == b or is_plural(w, b) or w in (b + "ed", b + "d", b + "ing"):
        return True
    if b.endswith("e") and w == b[:-1] + "ing":
        return True
    if b.endswith("y") and w == b[:-1] + "ied":
        return True
    return len(b) > 2 and w in (b + b[-1] + "ed", b + b[-1] + "ing")


IRREGULAR_DEGREES = {"better": "good", "best": "good", "worse": "bad", "worst": "bad", "further": "far",
                     "farther": "far", "elder": "old", "eldest": "old"}


def degree_bases(word: str) -> tuple[str, ...]:
    """The positive forms an English comparative or superlative may come from: greatest → great,
    bigger → big, happiest → happy, later → late, best → good. Only asked for a Russian comparative
    or superlative (сильнейший, позже): "leader" is no degree of "lead"."""
    w = word.lower()
    if w in IRREGULAR_DEGREES:
        return (IRREGULAR_DEGREES[w],)
    for suffix in ("est", "er"):
        root = w[: -len(suffix)]
        if not w.endswith(suffix) or len(root) < 2:
            continue
        out = [root, root + "e"]
        if root.endswith("i"):
            out.append(root[:-1] + "y")
        if len(root) > 2 and root[-1] == root[-2]:
            out.append(root[:-1])
        return tuple(out)
    return ()


_DEVERBAL = (("ятие", "ять"), ("ение", "ить"), ("ение", "ять"), ("ание", "ать"), ("яние", "ять"), ("вление", "вить"))


def derived_keys(lemma: str) -> tuple[str, ...]:
    """Related lemmas to look up when a word's own entry may be missing or thin: the adjective of
    an adverb (однозначно → однозначный: "clear" matches "clearly") and the verb of a deverbal
    noun (снятие → снять: "lift" matches "lift"/"lifting")."""
    word = lemma.lower().replace("ё", "е")
    out = [word[: -len(a)] + b for a, b in _DEVERBAL if word.endswith(a) and len(word) - len(a) >= 2]
    if word.endswith(("о", "е")) and len(word) > 5 and not word.endswith(("ство", "ие", "ье")):
        out += [word[:-1] + end for end in ("ый", "ий", "ой")]
    out += [base for _, base in base_words(word)]  # спецпосланник → посланник, санкционный → санкция
    return tuple(dict.fromkeys(out))


def family_keys(lemma: str) -> tuple[str, ...]:
    """A verb's family beyond its aspect partners (which `Dictionary.ranked` already brings): its
    reflexive or non-reflexive twin, whose glosses say the same thing another way (завершиться →
    завершить: "conclude"; сохранять → сохраняться: "remain"). () for a word of another part of speech."""
    word = lemma.lower().replace("ё", "е")
    if word.endswith(("ся", "сь")) and word[:-2].endswith(("ть", "ти", "чь")):
        return (word[:-2],)
    if word.endswith(("ть", "ти", "чь")):
        return (word + ("сь" if word.endswith("ти") else "ся"),)
    return ()


def ranked_glosses(dictionary, lemma: str) -> Sequence[tuple[str, float]]:
    """(gloss, rank) from a cards Dictionary, or (gloss, position) from anything with glosses()."""
    if hasattr(dictionary, "ranked"):
        return dictionary.ranked(lemma)
    return [(g, float(i)) for i, g in enumerate(dictionary.glosses(lemma))]


# The share is pulled toward an even chance by this many words' worth of prior, so that a pair of a few words
# (a one-sentence brief: 1 of its 4 content words found) is not judged on them alone; a long text is not moved.
EVIDENCE_PRIOR, PRIOR_WORDS = 0.5, 2


def translation_evidence(pairs: Sequence[tuple[str, str]], dictionary) -> float | None:
    """How far the English of aligned pairs translates their Russian: the share of Russian content
    words with a dictionary entry one of whose glosses occurs (by stem) in the pair's English, figures
    (`numbers`) counted as words the English has or lacks. None without a dictionary or such words.
    bench/pair_check.py gives the range of real and wrong pairs."""
    if dictionary is None:
        return None
    found = total = 0
    for ru, en in pairs:
        en_numbers = set(numbers(en))
        for number in numbers(ru):  # a figure a translation keeps (158 new cases), another article rarely has
            total += 1
            found += number in en_numbers
        en_stems = {stem(w) for _, _, w in words(en) if not is_function_word(w)}
        for _, _, word in words(ru):
            word = word.lower()
            if len(word) < 4 or not ru_content(word):
                continue
            glosses = {stem(g) for lemma in lemmas(word)[:2] for g, rank in ranked_glosses(dictionary, lemma)
                       if rank < 3 and " " not in g}
            if glosses:
                total += 1
                found += bool(glosses & en_stems)
    return (found + EVIDENCE_PRIOR * PRIOR_WORDS) / (total + PRIOR_WORDS) if total else None


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def numbers(text: str) -> list[str]:
    """The figures of a text with two or more digits, the decimal comma as a point (9,5 → 9.5); a
    thousands separator is not told from a decimal point, so 1,500 and 1.500 read alike."""
    return [m.group().replace(",", ".") for m in _NUMBER.finditer(text.replace("\u00a0", "").replace("\u202f", ""))
            if sum(c.isdigit() for c in m.group()) >= 2]


@lru_cache(maxsize=100_000)
def ru_tag(word: str):
    return parses(word)[0].tag
