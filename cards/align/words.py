"""Word level alignment: the English counterpart of each target word in a sentence pair.

Evidence, each a score in [0, 1] for a (Russian word, English candidate) pair:

- ``dictionary``: the candidate is one of the word's dictionary glosses, compared by stem
  (a multi-word gloss such as "chargé d'affaires" matches as a phrase), scored by the gloss's rank;
- ``related``: weaker, the candidate is what WordNet relates to a gloss (вооружение "arms" /
  "weapons", жалоба "complaint" / "complaining"), another verb of saying for one (сказал "say" /
  "noted") or the word a multi-word gloss turns on
  (лидировать "be in the lead" / "leading"), and weaker still a gloss's companions in one sense of
  another Russian word (усилить "intensify"; another word lists "intensify; increase": "increase");
  taken only where the word's place in the sentence predicts (`Weights.related_window`); and the
  glosses of a verb's reflexive twin (завершиться → завершить "conclude"), ranked `FAMILY_RANK` lower;
- ``cognate``: the transliterated lemma looks like the English word (санкция/sanction);
- ``table``: a Russian lemma ↔ English stem association learned from aligned sentence pairs
  (nltk's IBM Model 1 in both directions, or Dice);
- ``position``: relative place in the sentence, which breaks ties between candidates.

Agreeing sources add up (noisy-or), but a gloss matched by its stem alone (information/"informed")
takes no cognate evidence besides: both say the spelling. English function words are never candidates. A candidate carried
by the table alone is dropped when another word of the sentence is tied to its English word as
strongly (`_table_only_links`), one carried by `related` evidence alone when another word's best is it
as strongly (`_related_only_links`). The passes:

1. every content word of the sentence (targets and the others, so that a target never takes
   its neighbour's counterpart) gets candidates above `Weights.threshold`; the spans are then
   assigned to maximise the summed score, never overlapping;
2. neighbour rules: an adjective beside an aligned noun, a genitive after an aligned noun, a noun
   before an aligned genitive (комплекс мер → set of measures) and a word between two aligned
   neighbours take the free English word their neighbours point to; по данным → "according";
3. gap pairs: between two aligned content words, the unaligned Russian words and the free English
   words pair up in order when they are as many and their parts of speech may agree (a linking verb
   such as станет may be left out; aligned neighbours in another order anchor as one block: в истории
   страны → in the country's history);
4. relations two hops away: a target left in a gap takes the one free word there that WordNet or
   OpenRussian tie to its glosses through one word between (control ~ supervise ~ monitor);
5. closed brackets: a verb (or adjective) left unaligned takes the one free English verb form of
   its tense (or adjective) in the smallest stretch around it that no other link enters or leaves
   (заехал → "stopped");
6. late links for a target still unaligned: the one free word its glosses' relations point to
   anywhere within twice the related window (translators move words; `_related_anywhere`); then,
   for a verb, adjective or adverb, the one free word of its shape that the article's own table
   ties it to best, when no other word left over is tied to it as strongly (`_table_leftovers`);
7. phrase members: a word still unaligned in a dictionary phrase takes the phrase's English where
   the sentence has it, shared with the phrase's other words (приняли участие → "took part" for
   both; `_phrase_members`);
8. residual links: a target still unaligned takes what the sentence leaves over for it when the
   choice is unambiguous: a verb or adjective the one free English word of its shape no other word
   left over may say, a noun the one short stretch left when it is the only Russian word left
   (`_residual_links`);
9. opening words: a sentence's one opening word before a comma takes the one content word of an
   English opening clause of at most three words (Напомним, → "To recap,"; `_opening_words`);
10. crossed links: a target still unaligned whose candidate another word holds far out of place takes
   it when that word has another candidate free near its own place (`_crossed_links`: поднесли ...
   доставила → "carried ... took", not поднесли "took");
11. function adverbs: a target still unaligned whose first gloss is an English function word that is
   an adverb (впрочем "however", вверх "up") takes it where the English has it once, free
   (`_function_adverbs`);
12. weak pass (off): a target still unaligned may take a free word on weak evidence (a low table
   score) when it sits where the target's relative place predicts;
13. a phrasal verb keeps its particle (broke off, set up), and any verb its fixed object (took
   place) as soon as the first pass has found it, so that no later pass gives the object away.
14. doubtful links: a link made by place alone (`Link.placed`: neighbours, gaps, brackets, what is
   left over), with no lexical evidence, is dropped when its English is a light verb ("give"), the
   first gloss of another word of the sentence, or a word another word's lexical link holds, said
   again (`_doubtful`); `links` gives each link with the kind of evidence that made it.

Precision matters more than recall: a wrong highlight teaches a wrong meaning, so a target with
no confident counterpart gets None. bench/wordalign.py measures each source and pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from dataclasses import dataclass, replace

from cards.align.evidence import (
    _NUMBER,
    ALIKE_RANK,
    LIGHT_WORDS,
    SOURCES,
    GlossStems,
    Span,
    Table,
    degree_bases,
    derived_keys,
    family_keys,
    gloss_spans,
    gloss_stems,
    is_function_word,
    is_inflection,
    lemmas,
    lemmatize,
    phrase_spans,
    plural_bases,
    ranked_glosses,
    ru_content,
    ru_tag,
    state_word,
    stem,
    words,
)
from cards.align.english_words import FUNCTION_ADVERBS, IRREGULAR
from cards.lexicon.analyser import parses
from cards.lexicon.cognates import _fold, cognate_score
from cards.lexicon.lexicon import english_alike, english_related

# --- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    """How evidence is combined (the defaults are the measured ones, see bench/wordalign.py).

    `use`: the evidence sources taken into account; `threshold`: the least evidence of one
    source for a candidate; `table_weight`/`table_min`: table score scaling and floor;
    `position_weight`: the tie-breaking weight of relative position; `context`: let the other
    words of the sentence compete; `derived`: look up related lemmas (однозначно → однозначный);
    `adjacency`, `gaps`, `particles`: the neighbour and phrasal-verb rules; `weak_threshold`,
    `weak_window`: the weak pass (off when `weak_threshold` ≥ `threshold`); `phrases`: glosses of
    dictionary phrases the word stands in (прекращение огня → ceasefire); `related_window`: how far
    (relative position) a candidate carried by `related` evidence alone may sit from the target;
    `pairs`: the gap-pairs pass; `alike`: a gloss's companions in other words' senses as evidence;
    `hops`: the pass of relations two hops away inside a gap (`_related_in_gap`); `brackets`: a verb
    or adjective left in a closed bracket takes its one free English match (`_closed_brackets`);
    `family`: a verb's reflexive twin's glosses (`family_keys`); `anywhere`, `leftovers`: the late
    links of a target still unaligned (`_related_anywhere`, `_table_leftovers`); `residual`: what the
    sentence leaves over, when unambiguous (`_residual_links`); `function_adverbs`: a target's first
    gloss among the English function adverbs (`_function_adverbs`); `crossed`: a link far out of place
    gives way to two in order (`_crossed_links`); `opening`: a sentence's opening word and the English
    opening clause (`_opening_words`).
    """

    use: tuple[str, ...] = SOURCES
    threshold: float = 0.5
    table_weight: float = 1.25
    table_min: float = 0.3
    position_weight: float = 0.03
    context: bool = True
    derived: bool = True
    gaps: bool = True
    weak_threshold: float = 0.5  # = threshold: the weak pass is off (it found one right counterpart per wrong one)
    weak_window: float = 0.15
    particles: bool = True
    adjacency: bool = True
    phrases: bool = True
    related_window: float = 0.3
    pairs: bool = True
    alike: bool = True
    hops: bool = True
    brackets: bool = True
    leftovers: bool = True
    anywhere: bool = True
    family: bool = True
    members: bool = True
    residual: bool = True
    function_adverbs: bool = True
    crossed: bool = True
    opening: bool = True


@dataclass(frozen=True)
class _Candidate:
    span: Span
    stems: tuple[str, ...]  # stem of each word of the candidate
    text: str
    position: float


def _candidates(en_text: str, phrases: Iterable[tuple[str, ...]]) -> list[_Candidate]:
    """Single content words, plus the multi-word glosses that occur in the sentence."""
    n = max(len(en_text), 1)
    out = []
    for start, stop, w in words(en_text):
        if not is_function_word(w):
            out.append(_Candidate((start, stop), (stem(w),), w, (start + stop) / 2 / n))
    for span, phrase in phrase_spans(en_text, phrases):
        inner = words(en_text[span[0] : span[1]])
        if len(phrase) > 1 and phrase[0] in _ARTICLES:  # the gloss "the military": the highlight is "military"
            span, inner = (span[0] + inner[1][0], span[1]), inner[1:]
        if len(inner) > 1 and _fold(inner[-1][2]) == "of":  # "a number of": the highlight is "number"
            span = (span[0], span[0] + inner[-2][1] - inner[0][0])
        out.append(_Candidate(span, phrase, en_text[span[0] : span[1]], (span[0] + span[1]) / 2 / n))
    return out


FAMILY_RANK = 3  # a family word's gloss (family_keys) ranks three below the word's own of that rank
STEM_ONLY_PENALTY = 0.1  # a gloss's stem but none of its forms (unit for "unite"): a word that may compete
RELATED_SCORE = 0.55  # below every gloss of the word itself (0.9 … 0.5 by rank: 0.5 is rank 8)
ALIKE_SCORE = 0.5  # below WordNet's relations: a gloss's companion in another Russian word's sense
# (and alone it counts only within half of `Weights.related_window`)


def _dictionary_score(cand: _Candidate, stems: GlossStems, degree: bool = False) -> float:
    """How well a candidate matches the glosses: by stem, scored by the gloss's rank; with `degree`
    (a Russian comparative or superlative) its positive form counts too (сильнейший: "strongest")."""
    single, phrases = stems.single, stems.phrases
    if len(cand.stems) > 1:
        return 1.0 if cand.stems in phrases else 0.0
    s = cand.stems[0]
    if s in single:
        forms = stems.forms.get(s, ())
        if forms and all(_derived_apart(cand.text, g) for g in forms):
            return 0.0  # prisoners/prison, authorities/author: Snowball stems them alike
        return 0.9 - min(single[s], 8) / 20
    parts = s.split("-")
    if len(parts) > 1 and tuple(parts) in phrases:  # large-scale: the gloss "large scale"
        return 1.0
    if len(parts) > 1 and any(p in single for p in parts):
        return 0.8
    for k, glosses in stems.forms.items():  # adding/add: Snowball stems them apart ("ad", "add")
        if any(is_inflection(cand.text, g) for g in glosses):
            return 0.9 - min(single[k], 8) / 20
    if degree:
        for base in degree_bases(cand.text):
            if stem(base) in single:
                return 0.9 - min(single[stem(base)], 8) / 20
    # a derivation of a gloss: normalising/normalization (normalis/normal), dissatisfaction/dissatisfy
    for g in single:
        k = len(_common_prefix(g, s))
        if k >= 5 and g[k:] in _DERIVATIONS and s[k:] in _DERIVATIONS:
            return 0.7
    return 0.0


_DERIVATIONS = frozenset({"", "e", "i", "y", "is", "iz", "al", "ic", "er", "or", "at", "ion"})


APART_SUFFIXES = ("er", "r", "ity", "ization", "isation")  # prison/prisoner, major/majority, organ/organization


def _derived_apart(word: str, gloss: str) -> bool:
    """One is the other with a suffix that makes another word (prisoner(s)/prison, officer/office,
    authorities/author, majority/major, organization/organ, security/secure), though Snowball gives both
    one stem. An inflection (prisons) or an adverb (publicly/public) is the same word."""
    w, g = word.lower(), gloss.lower()
    w = w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") and not w.endswith("ss") else w

    def grown(base: str, longer: str) -> bool:
        return any(longer in (base + x, base[:-1] + x if base.endswith("e") else "") for x in APART_SUFFIXES)

    return w != g and (grown(g, w) or grown(w, g))


PHRASE_WINDOW = 3  # words on each side of a target that may complete a dictionary phrase with it


def _context_lemmas(ru_text: str, start: int, stop: int) -> set[str]:
    """Lemmas (every reading) of the words within PHRASE_WINDOW of the span, the span's own excluded."""
    toks = words(ru_text)
    at = next((k for k, (a, b, _) in enumerate(toks) if a <= start < b), None)
    if at is None:
        return set()
    near = toks[max(0, at - PHRASE_WINDOW) : at] + toks[at + 1 : at + 1 + PHRASE_WINDOW]
    return {lemma.replace("ё", "е") for _, _, w in near for lemma in lemmas(w)}


def _common_prefix(a: str, b: str) -> str:
    n = min(len(a), len(b))
    i = next((i for i in range(n) if a[i] != b[i]), n)
    return a[:i]


def score_candidates(
    ru_text: str,
    en_text: str,
    target: tuple[int, int, str],
    *,
    table: Table | None = None,
    dictionary=None,
    weights: Weights = Weights(),
) -> list[tuple[float, dict[str, float], _Candidate]]:
    """Every candidate counterpart of one target with its combined score and evidence."""
    start, stop, lemma = target
    surface = ru_text[start:stop]
    keys = tuple(dict.fromkeys((lemma.lower().replace("ё", "е"),) + lemmas(surface))) if surface else (lemma,)
    glosses: list[tuple[str, float]] = []
    if dictionary is not None and "dictionary" in weights.use:
        for n, key in enumerate(keys):  # the given lemma, then other readings of the word, a rank lower
            glosses += [(g, r + (n > 0)) for g, r in ranked_glosses(dictionary, key)]
        if weights.derived:
            for key in derived_keys(keys[0]):  # однозначно → однозначный: "clear" matches "clearly"
                glosses += [(g, r + 1) for g, r in ranked_glosses(dictionary, key)]
        if weights.family:
            for key in family_keys(keys[0]):  # завершиться → завершить: "concluded"
                glosses += [(state_word(g.split()) or g, r + FAMILY_RANK) for g, r in ranked_glosses(dictionary, key)]
        if weights.phrases and hasattr(dictionary, "phrase_glosses"):  # прекращение огня → ceasefire
            glosses += list(dictionary.phrase_glosses(keys[0], _context_lemmas(ru_text, start, stop)))
    stems = gloss_stems(glosses, related="related" in weights.use)
    degree = bool(surface) and ("COMP" in ru_tag(surface) or "Supr" in ru_tag(surface))
    rel = (start + stop) / 2 / max(len(ru_text), 1)
    attributive = bool(surface) and _attributive(ru_text, start, stop)
    out = []
    for cand in _candidates(en_text, stems.phrases | stems.near_phrases):
        if attributive and len(cand.stems) == 1 and _plural_head(en_text, cand.span):
            continue  # подводных лодок → "submarines": the adjective is not the noun
        ev = {}
        stem_only = False
        if glosses:
            ev["dictionary"] = _dictionary_score(cand, stems, degree)
            stem_only = bool(ev["dictionary"] and len(cand.stems) == 1 and cand.stems[0] in stems.forms
                             and not any(is_inflection(cand.text, g) for g in stems.forms[cand.stems[0]]))
            if stem_only:
                ev["dictionary"] -= STEM_ONLY_PENALTY  # unit for "unite": the stem alone agrees
            if "related" in weights.use and not ev["dictionary"]:
                near = cand.stems in stems.near_phrases or (len(cand.stems) == 1 and cand.stems[0] in stems.near)
                ev["related"] = RELATED_SCORE if near else 0.0
                if weights.alike and not near and len(cand.stems) == 1 and cand.stems[0] in stems.alike:
                    ev["related"] = ALIKE_SCORE
        if "cognate" in weights.use and len(cand.stems) == 1 and not stem_only:  # the spelling the stem matched:
            ev["cognate"] = max(cognate_score(k, cand.text) for k in keys[:2])  # no second source (информация/informed)
        if table is not None and "table" in weights.use and len(cand.stems) == 1:
            t = max(table.score(k, cand.stems[0]) for k in keys[:2])
            ev["table"] = min(1.0, weights.table_weight * t) if t >= weights.table_min else 0.0
        best = max(ev.values(), default=0.0)
        if best < weights.threshold:
            continue
        window = weights.related_window * (0.5 if ev.get("related") == ALIKE_SCORE else 1.0)
        if (max((v for k, v in ev.items() if k != "related"), default=0.0) < weights.threshold
                and abs(rel - cand.position) > window):
            continue  # related evidence alone, far from where the word's place predicts
        agreed = 1.0 - math.prod(1.0 - v for v in ev.values())  # agreeing sources add up
        position = 1.0 - abs(rel - cand.position)
        out.append((agreed + weights.position_weight * position, ev, cand))
    return out


def counterparts(
    ru_text: str,
    en_text: str,
    targets: Sequence[tuple[int, int, str]],
    *,
    table: Table | None = None,
    dictionary=None,
    weights: Weights = Weights(),
) -> tuple[Span | None, ...]:
    """For each target (start, stop, lemma) of `ru_text`, its counterpart span in `en_text`, or None.

    Example: counterparts("Санкции сняты.", "Sanctions were lifted.", [(0, 7, "санкция")])
    gives ((0, 9),). The other content words of the sentence compete too, so a target never
    takes the counterpart of its neighbour; the assignment maximises the summed margin of the
    scores over `Weights.threshold` with spans that never overlap (упадет keeps "fell" rather
    than take "drop" so that спадом may have "fell" on its eighth gloss). An adjective next to
    an aligned noun then takes the English word beside the noun's counterpart (большую сделку →
    grand deal). `links` gives each counterpart with the kind of evidence that made it.
    """
    return tuple(link.span if link else None for link in links(ru_text, en_text, targets, table=table,
                                                              dictionary=dictionary, weights=weights))


PLACED_KINDS = frozenset({"neighbours", "gap pairs", "brackets", "residual", "opening"})  # no lexical evidence


@dataclass(frozen=True)
class Link:
    """A target's counterpart and the kind of evidence that made it: the first pass's strongest source
    (`SOURCES`: "dictionary", "related", "cognate", "table"), or the later pass that placed it ("neighbours",
    "gap pairs", "residual" …, the names of `counterparts`'s passes)."""

    span: Span
    kind: str

    @property
    def placed(self) -> bool:
        """Made by the word's place alone (`PLACED_KINDS`: its neighbours, a gap, what is left over), with
        no lexical evidence: a free translation as often as a wrong word, the least sure kind of link."""
        return self.kind in PLACED_KINDS


def links(
    ru_text: str,
    en_text: str,
    targets: Sequence[tuple[int, int, str]],
    *,
    table: Table | None = None,
    dictionary=None,
    weights: Weights = Weights(),
) -> tuple[Link | None, ...]:
    """`counterparts`, each with the kind of evidence that made it (`Link`)."""
    items = list(targets)
    if weights.context:
        covered = [(a, b) for a, b, _ in targets]
        for a, b, w in words(ru_text):
            if ru_content(w) and all(b <= x or a >= y for x, y in covered) and not _light(lemmatize(w), dictionary):
                items.append((a, b, lemmatize(w)))  # not будут, должен: their English is a function word
    scored = [score_candidates(ru_text, en_text, item, table=table, dictionary=dictionary, weights=weights)
              for item in items]
    if table is not None:
        scored = _table_only_links(ru_text, en_text, items, scored, table, weights)
    scored = _related_only_links(ru_text, en_text, items, scored, weights)
    # each link weighs its evidence above the threshold: a strong link is not split into two weak ones
    chosen = assign([[(score - weights.threshold, cand.span) for score, _, cand in found] for found in scored])
    kinds = [_evidence_kind(found, span, weights) for found, span in zip(scored, chosen, strict=True)]

    def step(kind: str, found: list[Span | None]) -> list[Span | None]:
        """Name the kind of each link the pass made or moved (one it only widened keeps its kind)."""
        for i, (old, new) in enumerate(zip(chosen, found, strict=True)):
            if new is not None and new != old and not (old and new[0] <= old[0] and old[1] <= new[1]):
                kinds[i] = kind
        return found

    n = len(targets)
    if weights.particles:  # every verb's particle and fixed object now: no later pass may take them (take place)
        chosen = step("particles", _with_particles(en_text, chosen, len(items), items))
    if weights.adjacency or weights.gaps:
        chosen = step("neighbours", _fill_from_neighbours(ru_text, en_text, items, chosen, n, weights))
    if weights.pairs:
        chosen = step("gap pairs", _pair_gaps(ru_text, en_text, items, chosen, n, dictionary=dictionary))
    if weights.adjacency:
        chosen = step("according", _according_to(ru_text, en_text, items, chosen, n))
    if weights.hops and "related" in weights.use:
        chosen = step("hops", _related_in_gap(ru_text, en_text, items, chosen, n, dictionary))
    if weights.brackets:
        chosen = step("brackets", _closed_brackets(ru_text, en_text, items, chosen, n, dictionary))
    if weights.anywhere and "related" in weights.use:
        chosen = step("anywhere", _related_anywhere(ru_text, en_text, items, chosen, n, table, dictionary, weights))
    if weights.leftovers and table is not None and "table" in weights.use:
        chosen = step("leftovers", _table_leftovers(ru_text, en_text, items, chosen, n, table, dictionary))
    if weights.members and weights.phrases and dictionary is not None:
        chosen = step("members", _phrase_members(ru_text, en_text, items, chosen, dictionary))
    if weights.residual:
        chosen = step("residual", _residual_links(ru_text, en_text, items, chosen, n, dictionary))
    if weights.brackets:  # a copula again, now that the late links are in: a bracket may close
        chosen = step("brackets", _closed_brackets(ru_text, en_text, items, chosen, n, dictionary, copulas=True))
    if weights.opening:
        chosen = step("opening", _opening_words(ru_text, en_text, items, chosen, n))
    if weights.crossed:
        chosen = step("crossed", _crossed_links(ru_text, items, chosen, n, scored))
    if weights.function_adverbs and dictionary is not None:
        chosen = step("function adverbs", _function_adverbs(en_text, items, chosen, n, dictionary))
    if weights.weak_threshold < weights.threshold:
        chosen = step("weak", _weak_pass(ru_text, en_text, items, chosen, n, table, dictionary, weights))
    if weights.particles:
        chosen = step("particles", _with_particles(en_text, chosen, n, items))
    chosen = step("compound", _compound_first_parts(ru_text, en_text, items, chosen, n))
    chosen = step("compound", _compound_second_parts(ru_text, en_text, items, chosen, n, dictionary))
    found = [Link(span, kind) if span else None for span, kind in zip(chosen, kinds, strict=True)]
    doubtful = _with_gap_partners(items, found, {i for i, link in enumerate(found)
                                                 if link and _doubtful(en_text, items, i, found, dictionary)})
    return tuple(None if i in doubtful else link for i, link in enumerate(found[:n]))


LIGHT_VERBS = LIGHT_WORDS | {"see"}  # English verbs that say little alone: "would not give us a holiday", "will see rain"


def _doubtful(en_text: str, items, i: int, found: Sequence[Link | None], dictionary) -> bool:
    """Whether item i's link, made by place alone (`Link.placed`), is more likely wrong than right, by
    what its English word is: a light verb none of its own glosses has (жара испортила нам отпуск ↛ "give"
    of "the heat would not give us a holiday"; стать keeps "become"); the first gloss of another content
    word of the sentence, whose it then is (коллегой ↛ "president" beside президента); or the word
    another word's lexical link holds, said again (температурный режим → "temperature regime", so шкалы
    термометров ↛ "temperature scales")."""
    link = found[i]
    if not link.placed or dictionary is None:
        return False
    content = [w for _, _, w in words(en_text[link.span[0] : link.span[1]]) if not is_function_word(w)]
    if len(content) != 1:
        return False
    english = content[0].lower()
    base = IRREGULAR.get(english, english)
    lemma = items[i][2].lower()
    own = {stem(w) for g, _ in ranked_glosses(dictionary, lemma) for w in g.lower().split()}
    if any(b in LIGHT_VERBS and stem(b) not in own for b in (base, *_english_bases(english))):
        return True
    for j, (_, _, other) in enumerate(items):
        if j == i or other.lower() == lemma:
            continue
        ranked = ranked_glosses(dictionary, other)
        best = min((r for _, r in ranked), default=0.0)
        if any(r == best and stem(g.lower()) == stem(base) for g, r in ranked):
            return True
        said = found[j]
        if said and not said.placed and stem(en_text[said.span[0] : said.span[1]].lower()) == stem(base):
            return True
    return False


def _with_gap_partners(items, found: Sequence[Link | None], doubtful: set[int]) -> set[int]:
    """The doubtful links and the other links their gap pairing made (`_pair_gaps`: the words between
    the same two links of another kind, paired in order): when one pair is wrong, the order they all
    rest on is (встречу с коллегами из Европы → a meeting with European ministers: "ministers" is
    министр's, so коллегами is not "European")."""
    out = set(doubtful)
    run: list[int] = []
    for i in [*sorted(range(len(items)), key=lambda i: items[i][0]), None]:
        link = found[i] if i is not None else None
        if i is None or (link and link.kind != "gap pairs"):
            if out.intersection(run):
                out.update(run)
            run = []
        elif link:
            run.append(i)
    return out


def _evidence_kind(found, span: Span | None, weights: Weights) -> str:
    """The strongest source of evidence (`SOURCES`) of the first pass's link to `span` ("" for none)."""
    ev = next((ev for _, ev, cand in found if cand.span == span), {}) if span else {}
    return max(ev, key=lambda k: (ev[k] >= weights.threshold, -SOURCES.index(k)), default="")


FIRST_PART_ENGLISH = {"вице": ("vice", "deputy"), "экс": ("ex", "former"), "зам": ("deputy",)}


def _first_part_fits(part: str, english: str) -> bool:
    """The English word says a hyphenated compound's first part: пресс/press, вице/deputy, гос/state."""
    from cards.lexicon.lexicon import COMBINING_FORMS

    english = _fold(english)
    combining = COMBINING_FORMS.get(part, "").strip("-").lower()
    return (english in FIRST_PART_ENGLISH.get(part, ()) or (bool(combining) and english == combining)
            or (len(part) >= 4 and cognate_score(part, english) > 0))


def _held(chosen, span: Span) -> bool:
    """Some word's counterpart already covers part of `span`."""
    return any(s and _overlap(s, span) for s in chosen)


def _compound_first_parts(ru_text, en_text, items, chosen, n_targets) -> list[Span | None]:
    """A hyphenated target whose counterpart is its second part's English grows to the English word
    just before it that says the first part (пресс-секретарь: "press secretary", not "secretary";
    вице-мэр: "deputy mayor"), when no other word has that English word."""
    out = list(chosen)
    en_toks = words(en_text)
    for i in range(n_targets):
        span, (a, b, _) = out[i], items[i]
        surface = ru_text[a:b]
        if span is None or "-" not in surface.strip("-"):
            continue
        part = surface.split("-")[0].lower()
        before = [(x, y, w) for x, y, w in en_toks if y <= span[0]]
        if not before or en_text[before[-1][1]:span[0]].strip():
            continue
        x, y, word = before[-1]
        x += len(word) - len(word.split("-")[-1])  # "ex-deputy mayor": only "deputy"
        if not _held(out, (x, y)) and _first_part_fits(part, word.split("-")[-1]):
            out[i] = (x, span[1])
    return out


def _compound_second_parts(ru_text, en_text, items, chosen, n_targets, dictionary) -> list[Span | None]:
    """The mirror of `_compound_first_parts`: a hyphenated target whose counterpart is one English word
    saying its first part grows to the English word just after it that is a gloss of its second part
    (пресс-служба: "press service", not "press"), when no other word has that English word."""
    out = list(chosen)
    if dictionary is None:
        return out
    en_toks = words(en_text)
    for i in range(n_targets):
        span, (a, b, _) = out[i], items[i]
        surface = ru_text[a:b].strip("-")
        if span is None or "-" not in surface:
            continue
        k = next((k for k, t in enumerate(en_toks) if t[:2] == span), None)
        if k is None or k + 1 >= len(en_toks) or not _first_part_fits(surface.split("-")[0].lower(), en_toks[k][2]):
            continue
        x, y, word = en_toks[k + 1]
        if _held(out, (x, y)) or en_text[span[1]:x].strip():
            continue
        glosses = {stem(g.lower()) for g, _ in ranked_glosses(dictionary, lemmatize(surface.split("-")[-1])) if " " not in g}
        if stem(word.lower()) in glosses:
            out[i] = (span[0], y)
    return out


def _table_only_links(ru_text, en_text, items, scored, table, weights) -> list[list]:
    """The candidates carried by the article's table alone, checked against the sentence's other
    words: one is dropped when another word of the sentence is tied as strongly to its English word
    (a table learned from a few pairs cannot tell торговый from зал in "В зале торгового" → "on the
    floor": they came together), and one grows to the English word beside it that the table ties
    to the same Russian word at least half as strongly and to no other word of the sentence as
    strongly (хавбеком → "half back", not "half")."""
    en_toks = words(en_text)
    keys = [(lemma,) + lemmas(ru_text[a:b])[:1] for a, b, lemma in items]

    def tie(j: int, english: str) -> float:
        return max(table.score(k, stem(english)) for k in keys[j])

    out = []
    for i, found in enumerate(scored):
        kept = []
        for score, ev, cand in found:
            if len(cand.stems) == 1 and ev.get("table") and max((v for k, v in ev.items() if k != "table"), default=0.0) < weights.threshold:
                own = tie(i, cand.text)
                if any(tie(j, cand.text) >= own for j in range(len(items)) if j != i):
                    continue
                m = next((m for m, t in enumerate(en_toks) if t[:2] == cand.span), None)
                for n in (m - 1, m + 1) if m is not None else ():
                    if 0 <= n < len(en_toks) and _pairable(en_toks[n][2]) and en_text[min(en_toks[n][1], cand.span[1]):
                            max(en_toks[n][0], cand.span[0])].strip() == "":
                        near = tie(i, en_toks[n][2])
                        if near >= own / 2 and not any(tie(j, en_toks[n][2]) >= near for j in range(len(items)) if j != i):
                            span = (min(cand.span[0], en_toks[n][0]), max(cand.span[1], en_toks[n][1]))
                            cand = replace(cand, span=span, text=en_text[span[0]:span[1]])
                            break
            kept.append((score, ev, cand))
        out.append(kept)
    return out


def _related_only_links(ru_text, en_text, items, scored, weights) -> list[list]:
    """The candidates carried by `related` evidence alone, checked against the sentence: a noun's
    weakest (a gloss's companion in another word's sense, ALIKE_SCORE) is no English past form (выбыл
    из борьбы → "was knocked out": "knocked" is no борьба's; за рулем → "driven"; but one before a
    content word is an attribute a noun may say: повышением уровня → "increased levels"), no preposition in
    -ing (`PREPOSITIONS_IN_ING`: как сообщили ↛ "according" of "according to the ministry"), and a word that
    two words of one family in the sentence are related to as strongly, the best candidate of both, is
    neither's (просят удалиться - удаляется → "asked to leave - he goes": which one "leave" says is
    unknown)."""
    def weak(ev) -> bool:
        return bool(ev.get("related")) and max((v for k, v in ev.items() if k != "related"), default=0.0) < weights.threshold

    related = [{cand.span: ev["related"] for _, ev, cand in found if weak(ev)} for found in scored]
    best = [max(found, key=lambda x: x[0])[2].span if found else None for found in scored]
    out = []
    for i, found in enumerate(scored):
        noun = _is_noun(ru_text[items[i][0] : items[i][1]])
        out.append([(score, ev, cand) for score, ev, cand in found if not weak(ev) or not (
            (noun and ev["related"] <= ALIKE_SCORE and _verb_form(cand.text) and not _before_content(en_text, cand.span))
            or _fold(cand.text) in PREPOSITIONS_IN_ING
            or (len(cand.stems) == 1
                and any(best[j] == cand.span and related[j].get(cand.span, 0.0) >= ev["related"] for j in range(len(items))
                        if _kin(items[i][2], items[j][2]))))])
    return out


def _before_content(en_text: str, span: Span) -> bool:
    """Whether the next English word after the span is a content word (increased water levels)."""
    after = words(en_text[span[1] :])
    return bool(after) and not is_function_word(after[0][2]) and not en_text[span[1] : span[1] + after[0][0]].strip()


def _kin(a: str, b: str) -> bool:
    """Whether two lemmas are two words of one family (удалиться, удаляться), whose glosses' relations
    are alike: not one word said twice, which goes by its place."""
    return a != b and len(_common_prefix(a, b)) >= 4


def _verb_form(word: str) -> bool:
    """Whether an English word is a past form (knocked, driven), which no Russian noun says."""
    w = word.lower()
    return (len(w) > 4 and w.endswith("ed") and not w.endswith("eed")) or (w in IRREGULAR and w.endswith("n"))


PARTICLES = frozenset({"up", "off", "out", "down", "away", "back", "together", "apart"})  # comes together
FIXED_OBJECTS = frozenset({("take", "place"), ("take", "part")})  # состоялся → "took place"


_INFINITIVE_ENDINGS = ("ть", "ти", "чь", "ться", "тись", "чься")


def _with_particles(en_text: str, chosen, n_targets, items=()) -> list[Span | None]:
    """A Russian verb's phrasal verb keeps its particle (разорвали → "broke off", установили → "set up"),
    and take its object in "take place", "take part"; a noun's counterpart does not (порывами: "gusts",
    not "gusts up" of "gusts up to 15 m/s")."""
    chosen = list(chosen)
    toks = words(en_text)
    for i in range(n_targets):
        span = chosen[i]
        if i < len(items) and not items[i][2].lower().endswith(_INFINITIVE_ENDINGS):
            continue
        k = next((k for k, t in enumerate(toks) if span and t[:2] == span), None)
        if k is None or k + 1 >= len(toks):
            continue
        a, b, w = toks[k + 1]
        if (
            (w.lower() in PARTICLES or (stem(toks[k][2]), w.lower()) in FIXED_OBJECTS)
            and not en_text[span[1] : a].strip()
            and not any(s and _overlap(s, (a, b)) for s in chosen)
        ):
            chosen[i] = (span[0], b)
    return chosen


PHRASE_COPULAS = frozenset({"быть", "стать", "являться"})  # будет принято is no phrase "быть принять": fly


def _phrase_members(ru_text, en_text, items, chosen, dictionary) -> list[Span | None]:
    """A word left unaligned in a dictionary phrase whose other words stand within PHRASE_WINDOW of
    it takes the phrase's English where the sentence has it (`gloss_spans`), the same span as its
    phrase's other words may have: приняли участие → "took part" for участие too, подводные лодки →
    "submarines", в общей сложности → "total" (a total of), на душу населения → "per-capita". The
    span must be the only place the phrase's glosses point to (or the only one of them its other
    words hold), and no word outside the phrase may hold any of it."""
    chosen = list(chosen)
    phrases = getattr(dictionary, "phrases", None)
    if not phrases:
        return chosen
    ru_toks = words(ru_text)
    for i, (start, stop, lemma) in enumerate(items):
        k = next((k for k, t in enumerate(ru_toks) if t[0] == start), None)
        if chosen[i] is not None or k is None:
            continue
        near = range(max(0, k - PHRASE_WINDOW), min(len(ru_toks), k + PHRASE_WINDOW + 1))
        readings = {m: {x.replace("ё", "е") for x in lemmas(ru_toks[m][2])} for m in near}
        keys = dict.fromkeys((lemma.lower().replace("ё", "е"), *readings[k]))
        found: set[Span] = set()
        members: set[int] = set()  # the items of the phrase's other words
        for key in keys:
            for phrase, ranked in phrases.get(key, ()):
                if PHRASE_COPULAS.intersection(phrase) or key not in phrase:
                    continue
                rest = list(phrase)
                rest.remove(key)
                words_of = [[m for m in near if m != k and w in readings[m]] for w in rest]
                if not all(words_of):
                    continue
                spans = {s for gloss, _ in ranked for s in gloss_spans(en_text, gloss)}
                if spans:
                    found |= spans
                    members |= {j for j, it in enumerate(items) for ms in words_of for m in ms if it[0] == ru_toks[m][0]}
        widest = {s for s in found if not any(t != s and t[0] <= s[0] and s[1] <= t[1] for t in found)}
        held_by_members = {s for s in widest if any(chosen[j] and _overlap(chosen[j], s) for j in members)}
        if len(widest) > 1 and len(held_by_members) == 1:
            widest = held_by_members  # транспортных средств: the "vehicles" средств holds, not another one
        if len(widest) != 1:
            continue
        span = widest.pop()
        if any(chosen[j] and _overlap(chosen[j], span) for j in range(len(items)) if j not in members):
            continue
        held = [chosen[j] for j in members if chosen[j] and _overlap(chosen[j], span)]
        if any(h[0] <= span[0] and span[1] <= h[1] for h in held):
            chosen[i] = span  # приняли holds "took part": участие shares it
            continue
        rest = [(a, b) for a, b, w in words(en_text[span[0] : span[1]])
                if not is_function_word(w) and not any(_overlap(h, (span[0] + a, span[0] + b)) for h in held)]
        if rest and not any(span[0] + rest[0][0] < h[0] < span[0] + rest[-1][1] for h in held):
            chosen[i] = (span[0] + rest[0][0], span[0] + rest[-1][1])  # the part no other word of it holds
    return chosen  # министра иностранных дел: "Foreign Minister" is министра's and иностранных's, дел none


def _according_to(ru_text, en_text, items, chosen, n_targets) -> list[Span | None]:
    """по + a noun (по данным МВФ, по словам министра, по мнению аналитиков) is "according to":
    an unaligned target so placed takes the free "according" of a sentence that has one of each."""
    chosen = list(chosen)
    ru_toks, en_toks = words(ru_text), words(en_text)
    english = [m for m in range(len(en_toks) - 1) if _fold(en_toks[m][2]) == "according"
               and _fold(en_toks[m + 1][2]) == "to" and not any(s and _overlap(s, en_toks[m][:2]) for s in chosen)]
    russian = [k for k in range(1, len(ru_toks)) if _fold(ru_toks[k - 1][2]) == "по"
               and ru_tag(ru_toks[k][2]).POS == "NOUN" and ru_tag(ru_toks[k][2]).case == "datv"]
    if len(english) == 1 and len(russian) == 1:
        i = next((i for i in range(n_targets) if items[i][0] == ru_toks[russian[0]][0]), None)
        if i is not None and chosen[i] is None:
            chosen[i] = en_toks[english[0]][:2]
    return chosen


def _english_bases(word: str) -> tuple[str, ...]:
    """The word and the base forms it may inflect (stations → station, stopped → stop, monitoring → monitor)."""
    w = word.lower()
    out = [w]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            root = w[: -len(suffix)]
            out += [root, root + "e"] + ([root[:-1]] if len(root) > 2 and root[-1] == root[-2] else [])
            out += [root[:-1] + "y"] if root.endswith("i") else []
    return tuple(b for b in dict.fromkeys(out) if b == w or is_inflection(w, b))


def _two_hops(lemma: str, english: str, dictionary) -> bool:
    """Whether the English word is a relation of one of the lemma's better glosses (WordNet's or
    OpenRussian's), or WordNet relates it to one of them or to one of their relations (контролировать:
    "control", whose companion "supervise" WordNet relates to "monitor")."""
    glosses = [g.lower() for g, rank in ranked_glosses(dictionary, lemma) if rank < ALIKE_RANK and " " not in g]
    near = {stem(g) for g in glosses}
    for g in glosses:
        near.update(stem(w) for w in english_related(g) + english_alike(g) if " " not in w)
    return any(
        near & ({stem(base)} | {stem(w) for w in english_related(base) if " " not in w})
        for base in _english_bases(english)
    )


def _related_in_gap(ru_text, en_text, items, chosen, n_targets, dictionary) -> list[Span | None]:
    """A target still unaligned between two aligned words (the sentence's edges do not count)
    takes the free English word between their counterparts that two hops of relations tie to its
    glosses (`_two_hops`), when it is the only such word. The gap must hold no other word's
    counterpart (the order is kept), and its free English words must not be as many as its
    unaligned Russian ones: such a gap, left alone by the gap pairs, did not agree (нашла
    понимания → well received)."""
    chosen = list(chosen)
    if dictionary is None:
        return chosen
    ru_toks, en_toks = words(ru_text), words(en_text)
    item_at = {it[0]: j for j, it in enumerate(items)}
    first, last = {t[0]: k for k, t in enumerate(en_toks)}, {t[1]: k for k, t in enumerate(en_toks)}

    def aligned(k: int) -> tuple[int, int] | None:  # first and last English token of token k's counterpart
        j = item_at.get(ru_toks[k][0])
        span = chosen[j] if j is not None else None
        return (first[span[0]], last[span[1]]) if span and span[0] in first and span[1] in last else None

    def taken(m: int) -> bool:
        return any(s and _overlap(s, en_toks[m][:2]) for s in chosen)

    for i in range(n_targets):
        k = next((k for k, t in enumerate(ru_toks) if t[0] == items[i][0]), None)
        if chosen[i] is not None or k is None:
            continue
        k0 = next((m for m in range(k - 1, -1, -1) if aligned(m)), -1)
        k1 = next((m for m in range(k + 1, len(ru_toks)) if aligned(m)), len(ru_toks))
        if k0 < 0 or k1 == len(ru_toks):
            continue
        lo = aligned(k0)[1] if k0 >= 0 else -1
        hi = aligned(k1)[0] if k1 < len(ru_toks) else len(en_toks)
        if hi - lo < 2 or any(s and lo < first.get(s[0], -1) < hi for s in chosen):
            continue
        russian = [m for m in range(k0 + 1, k1) if ru_toks[m][0] in item_at
                   and not _light(items[item_at[ru_toks[m][0]]][2], dictionary)]
        free = [m for m in range(lo + 1, hi) if _pairable(en_toks[m][2]) and not taken(m)]
        if len(free) == len(russian):
            continue
        found = [m for m in free if (en_toks[m][2][0].islower() or ru_toks[k][2][0].isupper())
                 and _agree(ru_toks[k][2], en_toks[m][2]) and _two_hops(items[i][2], en_toks[m][2], dictionary)]
        if len(found) == 1:
            chosen[i] = en_toks[found[0]][:2]
    return chosen


BRACKET_STEPS = 4  # how many times a bracket may grow by its next aligned neighbours


def _closed_brackets(ru_text, en_text, items, chosen, n_targets, dictionary, copulas: bool = False) -> list[Span | None]:
    """A target left unaligned takes the one free English word of its part of speech inside the
    smallest closed bracket around it: Russian words from one aligned word to another (or the
    sentence's edge) whose counterparts fill an English stretch that no other link enters or leaves,
    grown by the next aligned neighbours until the English side holds a free word that may agree.
    Inside, the target must be the only Russian content word left unaligned (or, for a lower-case
    word, the only one besides names), and that English word the only free one that may agree with
    it (`_may_be`): побывал с визитом в Италии и заехал в Ватикан
    → had been in Italy on an official visit and stopped by the Vatican (визит and Италия cross, so
    the bracket runs from побывал). Only verbs, adjectives and participles: a noun left over is more
    often one the translator dropped (в 2022 году → in 2022) than one said freely. A copula (являться:
    "is", which never competes) takes the one form of "be" of its tense there (является → was).
    With `copulas`, only copulas: the pass runs again after the late links for them alone."""
    chosen = list(chosen)
    ru_toks, en_toks = words(ru_text), words(en_text)
    item_at = {it[0]: j for j, it in enumerate(items)}
    first, last = {t[0]: k for k, t in enumerate(en_toks)}, {t[1]: k for k, t in enumerate(en_toks)}
    link: dict[int, tuple[int, int]] = {}  # Russian token → first and last English token of its counterpart
    for k, (a, _, _) in enumerate(ru_toks):
        span = chosen[item_at[a]] if a in item_at else None
        if span and span[0] in first and span[1] in last:
            link[k] = (first[span[0]], last[span[1]])
    taken = {m for m, t in enumerate(en_toks) if any(s and _overlap(s, t[:2]) for s in chosen)}
    open_words = {k for k, t in enumerate(ru_toks) if t[0] in item_at and k not in link
                  and not _light(items[item_at[t[0]]][2], dictionary)}
    for i in range(n_targets):
        k = next((k for k, t in enumerate(ru_toks) if t[0] == items[i][0]), None)
        if chosen[i] is not None or k is None or not link:
            continue
        if ru_tag(ru_toks[k][2]).POS in BRACKET_POS and k in open_words and not copulas:
            m = _bracket_word(k, ru_toks, en_toks, link, taken, open_words)
        elif _is_be(items[i][2], dictionary):  # является → "was": a form of "be" is its counterpart
            m = _bracket_word(k, ru_toks, en_toks, link, taken, open_words, _be_form)
        else:
            continue
        if m is not None and _keeps_negation(ru_text, items[i][0], en_toks, m):
            chosen[i] = en_toks[m][:2]
            link[k] = (m, m)
            taken.add(m)
            open_words.discard(k)
    return chosen


def _bracket_fits(ru_word: str, en_word: str) -> bool:
    """Whether a closed bracket may pair the two words (`_may_be`), an infinitive or a present or
    future verb only with an English present in -s of its person (обращает: "draws"): its -ing or
    -ed word is as often another word's or a modal's verb ("are working to put out" for ликвидируют,
    "may end up playing" for смогут) as its own. A past tense has an English past (заехал: "stopped")."""
    if not _may_be(ru_word, en_word):
        return False
    tag = ru_tag(ru_word)
    if tag.POS == "INFN" or (tag.POS == "VERB" and tag.tense != "past"):
        return tag.person == "3per" and tag.number == "sing" and _suffixed(en_word.lower(), ("s",))
    return True


def _bracket_word(k, ru_toks, en_toks, link, taken, open_words, fits=None) -> int | None:
    """The English token `_closed_brackets` gives Russian token k, or None."""
    owner = {m: r for r, (f, g) in link.items() for m in range(f, g + 1)}
    word, lo, hi = ru_toks[k][2], k, k
    for _ in range(BRACKET_STEPS):
        lo = next((m for m in range(lo - 1, -1, -1) if m in link), -1)
        hi = next((m for m in range(hi + 1, len(ru_toks)) if m in link), len(ru_toks))
        while True:  # close the bracket: no link may cross its edges
            inside = [link[m] for m in range(lo, hi + 1) if m in link]
            e0 = -1 if lo < 0 else min(f for f, _ in inside)
            e1 = len(en_toks) if hi == len(ru_toks) else max(g for _, g in inside)
            outside = [owner[m] for m in range(e0 + 1, e1) if m in owner and not lo <= owner[m] <= hi]
            if not outside:
                break
            lo, hi = min(lo, *outside), max(hi, *outside)
        if lo < 0 and hi == len(ru_toks):
            return None
        if fits is None:
            free = [m for m in range(e0 + 1, e1) if m not in taken and _pairable(en_toks[m][2])
                    and (en_toks[m][2][0].islower() or word[0].isupper()) and _bracket_fits(word, en_toks[m][2])]
        else:
            free = [m for m in range(e0 + 1, e1) if m not in taken and fits(word, en_toks[m][2])]
        if free:
            others = [m for m in open_words & set(range(lo + 1, hi)) - {k}  # a name left too is no rival
                      if word[0].isupper() or not ru_toks[m][2][0].isupper()]  # of a lower-case word
            return free[0] if len(free) == 1 and not others else None
    return None


def _be_form(ru_word: str, en_word: str) -> bool:
    """Whether an English form of "be" may say a Russian copula: a past one a past (был: was,
    were), a present one any (является: is; reported speech may shift it to "was"); a future's
    is "will"."""
    tense = ru_tag(ru_word).tense
    return en_word.lower() in ({"was", "were"} if tense == "past" else BE_FORMS if tense == "pres" else ())


BE_FORMS = frozenset({"is", "are", "was", "were"})


BE_GLOSSES = frozenset({"be", "is", "to be", "be situated", "be located"})  # a copula's, or one of place


def _is_be(lemma: str, dictionary) -> bool:
    """Whether a Russian verb's first gloss is "be" or "is" (являться, быть), or "be situated" or "be
    located" (находиться, располагаться: здоровье находится под угрозой → health is in danger): a copula."""
    glosses = ranked_glosses(dictionary, lemma) if dictionary is not None else ()
    return bool(glosses) and glosses[0][0].lower() in BE_GLOSSES


BRACKET_POS = frozenset({"VERB", "INFN", "ADJF", "PRTF", "PRTS", "GRND"})  # not nouns: see _closed_brackets


_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ism", "ship", "ance", "ence", "hood")
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ian")
PREPOSITIONS_IN_ING = frozenset({"according", "regarding", "concerning", "including", "following", "pending"})


def _may_be(ru_word: str, en_word: str) -> bool:
    """Whether an English word may translate a Russian verb or adjective by its ending: a short
    participle an English past participle (recorded), a gerund a word in -ing or -ed; an adjective
    or participle an English adjective's ending, -ed or -ing (inconclusive, vying); a past tense an
    English past (stopped, held); another verb form a word in -ing or -ed (coming, expected), or in -s
    for a third person singular (reports; members is no verb for контролировать), never a noun's or
    an adjective's ending (suggestions, official) nor a preposition (according)."""
    word, found = en_word.lower(), parses(ru_word)
    if ru_tag(ru_word).POS == "PRTS":
        return _suffixed(word, ("ed",)) or word in IRREGULAR
    if ru_tag(ru_word).POS == "GRND":
        return _suffixed(word, ("ing", "ed")) and word not in PREPOSITIONS_IN_ING
    if ru_tag(ru_word).POS in {"ADJF", "PRTF"}:
        return (word.endswith(_ADJECTIVE_ENDINGS) or _suffixed(word, ("ed", "ing"))) and word not in PREPOSITIONS_IN_ING
    if any(p.tag.POS == "VERB" and p.tag.tense == "past" for p in found):
        return _suffixed(word, ("ed",)) or word in IRREGULAR
    singular = any(p.tag.POS == "VERB" and p.tag.person == "3per" and p.tag.number == "sing" for p in found)
    root = word[:-1] if word.endswith("s") else word
    return (_suffixed(word, ("ing", "ed", "s") if singular else ("ing", "ed"))
            and not root.endswith(_NOUN_ENDINGS + _ADJECTIVE_ENDINGS) and word not in PREPOSITIONS_IN_ING)


def _suffixed(word: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a word ends in one of the suffixes after a syllable of its own (coming, not thing;
    stopped, not red)."""
    return any(word.endswith(x) and re.search("[aeiouy]", word[: -len(x)]) for x in suffixes)


LATE_WINDOW_FACTOR = 2.0  # how much farther from its predicted place a late link may sit (_related_anywhere)


def _related_anywhere(ru_text, en_text, items, chosen, n_targets, table, dictionary, weights) -> list[Span | None]:
    """A target still unaligned takes a free English word anywhere in the sentence that its glosses
    or their relations point to (`related` evidence, which the first pass takes only near the
    target's place: translators move words), when it is the only such free word and no other word
    left unaligned is pointed to it."""
    chosen = list(chosen)
    wide = replace(weights, related_window=LATE_WINDOW_FACTOR * weights.related_window)

    pointed: dict[int, set[Span]] = {}

    def lexical(j: int) -> set[Span]:  # the free spans item j's glosses or their relations point to
        if j not in pointed:
            found = score_candidates(ru_text, en_text, items[j], table=table, dictionary=dictionary, weights=wide)
            found = _related_only_links(ru_text, en_text, [items[j]], [found], weights)[0]  # за рулем ↛ "driven"
            pointed[j] = {c.span for _, ev, c in found if (ev.get("dictionary") or ev.get("related"))
                          and c.text[:1].islower()}
        return {span for span in pointed[j] if not any(s and _overlap(s, span) for s in chosen)}

    open_items = [j for j in range(len(items)) if chosen[j] is None]
    for i in range(n_targets):
        if chosen[i] is not None:
            continue
        spans = lexical(i)
        if len(spans) != 1:
            continue
        span = spans.pop()
        if any(span in lexical(j) for j in open_items if j != i) or not _between_neighbours(en_text, items, chosen, i, span):
            continue
        chosen[i] = span
        open_items.remove(i)
    return chosen


def _table_leftovers(ru_text, en_text, items, chosen, n_targets, table, dictionary) -> list[Span | None]:
    """A target still unaligned takes the free English word the article's own table ties it to best,
    however weakly, when the two are each other's only best match among what is left: no other free
    word of a part of speech that may agree scores as high for the target, and no other Russian word
    left unaligned scores as high for the English word (окончательно → "permanently" once the other
    words the table tied it to, in its one sentence, have their counterparts)."""
    chosen = list(chosen)
    en_toks = words(en_text)
    taken = {m for m, t in enumerate(en_toks) if any(s and _overlap(s, t[:2]) for s in chosen)}
    open_items = [j for j in range(len(items)) if chosen[j] is None and not _light(items[j][2], dictionary)]

    def score(j: int, m: int) -> float:
        a, b, lemma = items[j]
        keys = (lemma,) + lemmas(ru_text[a:b])[:1]
        return max(table.score(k, stem(en_toks[m][2])) for k in keys)

    for i in range(n_targets):
        if chosen[i] is not None or i not in open_items:
            continue
        word = ru_text[items[i][0] : items[i][1]]
        if ru_tag(word).POS not in BRACKET_POS | {"ADVB"}:
            continue  # a noun left over is more often one the translator dropped (see _closed_brackets)
        if _copula(items[i][2], dictionary):
            continue  # заключается ("consist; be"): "the main thing is that", no content word
        free = [m for m in range(len(en_toks)) if m not in taken and en_toks[m][2][0].islower()
                and _pairable(en_toks[m][2]) and _fits_leftover(word, en_toks[m][2])]
        ranked = sorted(((score(i, m), m) for m in free), reverse=True)
        if not ranked or ranked[0][0] <= 0 or (len(ranked) > 1 and ranked[1][0] >= ranked[0][0]):
            continue
        best, m = ranked[0]
        if any(score(j, m) >= best for j in open_items if j != i) or not _between_neighbours(
                en_text, items, chosen, i, en_toks[m][:2]) or not _keeps_negation(ru_text, items[i][0], en_toks, m):
            continue
        chosen[i] = en_toks[m][:2]
        taken.add(m)
        open_items.remove(i)
    return chosen


RESIDUAL_SPAN_WORDS = 3  # the most content words a noun's leftover English may hold (cessation of hostilities)
SPAN_JOINERS = frozenset({"of", "a", "an", "the"})  # the only function words inside a noun's leftover span


def _residual_links(ru_text, en_text, items, chosen, n_targets, dictionary) -> list[Span | None]:
    """What is left once every other pass is done: a target still unaligned takes the English the
    sentence leaves over for it when the choice is unambiguous. Words spelled alike on both sides
    (KP.ru, Vilmorus) are paired first. A target next to another Russian word left over is skipped:
    the two may be one idiom that the English says as a whole (нашла понимания → well received,
    приложил усилия → knuckled down). Then a verb, participle, adjective or adverb takes the one free
    English word of its shape (`_residual_fits`), or two side by side (прославился → became known), that
    no other Russian word left over may say (вскоре я отошел от восторгов → soon I calmed down:
    восторгов, a noun, says no past form); an
    adjective before its noun only a word before a content word (residential areas, not "headed by"),
    a word after не only one after an English negation (не уточняются → not yet been established; не
    реагировал ↛ "ignored").
    A noun, more often dropped by the translator than said freely, only when it is the sentence's one
    Russian word left over, the free English words are one stretch of at most RESIDUAL_SPAN_WORDS
    content words (joined by "of" or articles alone), and that stretch lies between the counterparts of
    its nearest aligned neighbours, numbers included (обеспечению перемирия в Донбассе → ensure a
    cessation of hostilities in the Donbass; в 2022 году ↛ "meanwhile"). A verb's link keeps to its
    neighbours' (`_between_neighbours`)."""
    chosen = list(chosen)
    ru_toks, en_toks = words(ru_text), words(en_text)
    spelled = {w for _, _, w in ru_toks}
    taken = {m for m, t in enumerate(en_toks) if _held(chosen, t[:2]) or t[2] in spelled}
    free = [m for m in range(len(en_toks)) if m not in taken and _pairable(en_toks[m][2])]
    english = {w for _, _, w in en_toks}
    open_items = [j for j in range(len(items)) if chosen[j] is None and not _light(items[j][2], dictionary)
                  and not _copula(items[j][2], dictionary) and ru_text[items[j][0] : items[j][1]] not in english]
    open_starts = {items[j][0] for j in open_items}
    for i in range(n_targets):
        if chosen[i] is not None or i not in open_items or _open_neighbour(ru_text, ru_toks, items[i][0], open_starts):
            continue
        word = ru_text[items[i][0] : items[i][1]]
        cased = [m for m in free if en_toks[m][2][0].islower() or word[0].isupper()]
        if _is_noun(word):
            span = _noun_leftover(en_text, en_toks, cased) if open_items == [i] and len(cased) == len(free) else None
            if span is None or not all(_agree(word, en_toks[m][2]) and _residual_fits(word, en_toks, m)
                                       for m in free if span[0] <= en_toks[m][0] < span[1]):
                continue
            if not _between_anchors(ru_text, en_text, items, chosen, i, span):
                continue
        else:
            fitting = [m for m in cased if _residual_fits(word, en_toks, m)]
            if not (len(fitting) == 1 or (len(fitting) == 2 and fitting[1] == fitting[0] + 1
                                          and not en_text[en_toks[fitting[0]][1] : en_toks[fitting[1]][0]].strip())):
                continue  # one word, or two side by side (прославился → became known)
            m, last = fitting[0], fitting[-1]
            rivals = [j for j in open_items if j != i and (word[0].isupper() or not _name(ru_text, items[j][0]))
                      and any(_residual_fits(ru_text[items[j][0] : items[j][1]], en_toks, n) for n in fitting)]
            if rivals or (_attributive(ru_text, *items[i][:2]) and not _before_content(en_text, en_toks[last][:2])):
                continue
            if not _keeps_negation(ru_text, items[i][0], en_toks, m):
                continue
            span = (en_toks[m][0], en_toks[last][1])
            if not _between_neighbours(en_text, items, chosen, i, span):
                continue
        chosen[i] = span
        open_items.remove(i)
        free = [m for m in free if not _overlap(en_toks[m][:2], span)]
    return chosen


OPENING_WORDS = 3  # the most English words of an opening clause that says one Russian word (as a reminder)


def _opening_words(ru_text: str, en_text: str, items, chosen, n_targets: int) -> list[Span | None]:
    """A sentence that opens with one Russian word before a comma (Напомним, Кстати, Например) whose
    English opens with a clause of at most OPENING_WORDS words before a comma, one of them a content
    word (To recap, As a reminder): when the target is that word, still unaligned, and nothing holds the
    English word, the two are each other's translation (`_agree` permitting). The gap pass leaves
    such a clause alone, as it touches no aligned word."""
    chosen = list(chosen)
    ru_open, en_open = re.match(r"\W*(\w+)\s*,", ru_text), re.match(r"\W*([^,.;:!?]+?)\s*,", en_text)
    if not ru_open or not en_open:
        return chosen
    en_toks = [t for t in words(en_text) if t[1] <= en_open.end(1)]
    content = [t for t in en_toks if _pairable(t[2])]
    i = next((i for i in range(n_targets) if items[i][0] == ru_open.start(1)), None)
    if (i is None or chosen[i] is not None or len(en_toks) > OPENING_WORDS or len(content) != 1
            or _held(chosen, content[0][:2]) or not _agree(ru_open.group(1), content[0][2])):
        return chosen
    chosen[i] = content[0][:2]
    return chosen


CROSSED_FAR = 0.15  # the least distance (relative place) of a link that a crossed pair may undo


def _crossed_links(ru_text: str, items, chosen, n_targets: int, scored) -> list[Span | None]:
    """A target still unaligned whose candidate another word holds takes it when that word has
    another candidate, free, and the two links then keep to the sentences' order where the one
    held did not: the holder sits at least CROSSED_FAR from the candidate (relative place), and each
    new link less than half as far (спасатели поднесли его к машине, которая доставила его →
    "carried him to an ambulance, which took him": поднесли held "took", its gloss "take")."""
    chosen = list(chosen)
    n = max(len(ru_text), 1)

    def place(j: int) -> float:
        return (items[j][0] + items[j][1]) / 2 / n

    for i in range(n_targets):
        if chosen[i] is not None:
            continue
        for _, _, cand in sorted(scored[i], key=lambda x: -x[0]):
            holders = [j for j in range(len(items)) if chosen[j] and _overlap(chosen[j], cand.span)]
            if len(holders) != 1 or chosen[holders[0]] != cand.span:
                continue
            j = holders[0]
            far = abs(place(j) - cand.position)
            free = [c for _, _, c in sorted(scored[j], key=lambda x: -x[0])
                    if not any(s and _overlap(s, c.span) for s in chosen)]
            if (free and far >= CROSSED_FAR and abs(place(i) - cand.position) < far / 2
                    and abs(place(j) - free[0].position) < far / 2):
                chosen[i], chosen[j] = cand.span, free[0].span
                break
    return chosen


def _function_adverbs(en_text: str, items, chosen, n_targets: int, dictionary) -> list[Span | None]:
    """A target still unaligned whose first gloss is an adverb among the English function words
    (`FUNCTION_ADVERBS`: впрочем "however", вверх "up"), which no other pass may take, takes that
    word when the English has it once, free, and where the target's aligned neighbours put it
    (`_between_neighbours`). A word such as "up" of "set up" is the particle's, and so held already."""
    chosen = list(chosen)
    en_toks = words(en_text)
    for i in range(n_targets):
        if chosen[i] is not None:
            continue
        ranked = ranked_glosses(dictionary, items[i][2])
        best = min((r for _, r in ranked), default=0.0)
        first = {g.lower() for g, r in ranked if r == best}
        wanted = first & FUNCTION_ADVERBS
        found = [t for t in en_toks if _fold(t[2]) in wanted]
        if len(wanted) != 1 or len(found) != 1 or _held(chosen, found[0][:2]):
            continue
        if _between_neighbours(en_text, items, chosen, i, found[0][:2]):
            chosen[i] = found[0][:2]
    return chosen


def _open_neighbour(ru_text: str, ru_toks, start: int, open_starts: set[int]) -> bool:
    """Whether the Russian word right before or after the one at `start` (no punctuation between)
    is another word left over."""
    k = next((k for k, t in enumerate(ru_toks) if t[0] == start), None)
    if k is None:
        return False
    return any(0 <= n < len(ru_toks) and ru_toks[n][0] in open_starts
               and not _CLAUSE_MARK.search(ru_text[min(ru_toks[n][1], ru_toks[k][1]) : max(ru_toks[n][0], ru_toks[k][0])])
               for n in (k - 1, k + 1))


NEGATION_WINDOW = 3  # English words before a candidate that may say the Russian не (have not yet been)


def _keeps_negation(ru_text: str, start: int, en_toks, m: int) -> bool:
    """False when the Russian word at `start` stands right after не or ни and no English negation (not,
    no, never, -n't) stands within NEGATION_WINDOW words before English token m and the word has no
    un- of its own (не смог → unable): the English then says the negation by another word (не
    реагировал → ignored), which is no counterpart of the Russian word."""
    before = re.search(r"(\w+)\s+$", ru_text[:start])
    if not before or _fold(before.group(1)) not in {"не", "ни"} or _fold(en_toks[m][2]).startswith("un"):
        return True  # не смог → unable: the word says its negation
    return any(_fold(w) in {"not", "no", "never"} or re.search(r"n['’]t$", _fold(w))
               for _, _, w in en_toks[max(0, m - NEGATION_WINDOW) : m])


def _between_anchors(ru_text: str, en_text: str, items, chosen, i: int, span: Span) -> bool:
    """Whether the English span lies between the counterparts of the nearest aligned words before and
    after target i (in either order), numbers found once on each side counting as aligned words; both
    must exist."""
    numbers = []
    ru_numbers, en_numbers = list(_NUMBER.finditer(ru_text)), list(_NUMBER.finditer(en_text))
    for m in ru_numbers:
        same = [e for e in en_numbers if e.group() == m.group()]
        if len(same) == 1 and sum(r.group() == m.group() for r in ru_numbers) == 1:
            numbers.append((m.start(), same[0].span()))
    around = _nearest_links(items, chosen, i, numbers)
    return around is not None and _within(span, *around)


def _nearest_links(items, chosen, i: int, more: Sequence[tuple[int, Span]] = ()) -> tuple[Span, Span] | None:
    """The counterparts of the nearest aligned words before and after target i in the Russian (`more`:
    other (Russian start, English span) anchors), or None without one on each side."""
    start = items[i][0]
    anchors = [(items[j][0], chosen[j]) for j in range(len(items)) if chosen[j]] + list(more)
    before = [a for a in anchors if a[0] < start]
    after = [a for a in anchors if a[0] > start]
    return (max(before)[1], min(after)[1]) if before and after else None


def _within(span: Span, left: Span, right: Span) -> bool:
    """Whether `span` lies between two English spans, in either order."""
    return min(left[0], right[0]) <= span[0] and span[1] <= max(left[1], right[1])


def _noun_leftover(en_text: str, en_toks, free: list[int]) -> Span | None:
    """The free English words as one span when they are one stretch (only SPAN_JOINERS between, no
    clause mark) of at most RESIDUAL_SPAN_WORDS words, else None."""
    if not free or len(free) > RESIDUAL_SPAN_WORDS or free[-1] - free[0] >= 2 * len(free):
        return None
    inside = range(free[0], free[-1] + 1)
    if any(m not in free and _fold(en_toks[m][2]) not in SPAN_JOINERS for m in inside):
        return None
    span = (en_toks[free[0]][0], en_toks[free[-1]][1])
    return None if _CLAUSE_MARK.search(en_text[span[0] : span[1]]) else span


def _name(ru_text: str, start: int) -> bool:
    """A capitalised Russian word in mid-sentence (a name): no rival of a lower-case word."""
    return ru_text[start : start + 1].isupper() and bool(ru_text[:start].strip(_EDGE_MARKS))


def _residual_fits(ru_word: str, en_toks, m: int) -> bool:
    """Whether English token m has the shape of the Russian word's translation by part of speech: a
    verb, participle or adjective's as in a closed bracket (`_bracket_fits`: тушат ↛ "working" of "are
    working to put out"; a reflexive verb's -ed too, a passive), or a bare verb after its auxiliary
    (`_bare_verb`); an adverb's in -ly; a noun's: no English past form, adverb in -ly, adjective's
    ending or preposition in -ing (`PREPOSITIONS_IN_ING`)."""
    pos, en_word = ru_tag(ru_word).POS, en_toks[m][2]
    word = en_word.lower()
    if pos == "NOUN":
        return (not _verb_form(word) and word not in IRREGULAR and not _suffixed(word, ("ly",))
                and not word.endswith(_ADJECTIVE_ENDINGS) and word not in PREPOSITIONS_IN_ING)
    if pos == "ADVB":
        return _suffixed(word, ("ly",)) and not stem(word).endswith("li")
    if ru_word.lower().endswith(("ся", "сь")) and pos == "VERB" and _suffixed(word, ("ed",)):
        return True  # a passive's: не уточняются → have not yet been established
    return pos in BRACKET_POS and (_bracket_fits(ru_word, en_word) or _bare_verb(ru_word, en_toks, m))


MODALS = frozenset("will would can could may might should must shall".split())


def _bare_verb(ru_word: str, en_toks, m: int) -> bool:
    """Whether English token m is a bare verb that says the Russian verb's form by the word before it
    (not between): an infinitive's after "to" or a modal (готовы выполнять → ready to honour), a past
    tense's after "did" (не полетел → did not attend). A word with a noun's, adjective's or plural
    ending is none (to Washington, to meetings)."""
    tag, word = ru_tag(ru_word), en_toks[m][2]
    k = m - 1 - (m > 1 and _fold(en_toks[m - 1][2]) == "not")
    if k < 0 or not word.islower() or word.endswith(("s", "ed", "ing") + _NOUN_ENDINGS + _ADJECTIVE_ENDINGS):
        return False
    before = _fold(en_toks[k][2])
    if tag.POS == "INFN":
        return before == "to" or before in MODALS
    return tag.POS == "VERB" and tag.tense == "past" and before in {"did", "didn't", "didn’t"}


NEIGHBOUR_GAP_WORDS = 2  # a late link next to a neighbour's counterpart: "blocked his shots"


def _between_neighbours(en_text: str, items, chosen, i: int, span: Span) -> bool:
    """Whether a late link keeps to the links around it: the English span lies between the
    counterparts of the nearest aligned words before and after the target in the Russian (in
    either order: Russian word order is free, but a translator keeps a clause's words together),
    or within NEIGHBOUR_GAP_WORDS words of one of them (пару раз накрыл его броски: "blocked his
    shots a couple of times"). Without an aligned word on both sides any place is allowed. So
    доставила is not "carried", two clauses before "ambulance", the counterpart of the words before it."""
    around = _nearest_links(items, chosen, i)
    if around is None:
        return True
    left, right = around
    if _within(span, left, right):
        return True

    def gap(a: Span, b: Span) -> int:
        first, second = sorted((a, b))
        return len(re.findall(r"\w+", en_text[first[1] : second[0]]))

    return min(gap(span, left), gap(span, right)) <= NEIGHBOUR_GAP_WORDS


def _fits_leftover(ru_word: str, en_word: str) -> bool:
    """Whether an English word has the shape of a Russian verb's, adjective's or participle's
    translation (`_may_be`), or of an adverb's: a word in -ly (окончательно → "permanently")."""
    if ru_tag(ru_word).POS == "ADVB":
        return _suffixed(en_word.lower(), ("ly",)) and not stem(en_word).endswith("li")
    return _may_be(ru_word, en_word)


def _weak_pass(ru_text, en_text, items, chosen, n_targets, table, dictionary, weights: Weights) -> list[Span | None]:
    """Targets still unaligned may take a free word on weaker evidence when it sits where the
    target's place in the sentence predicts (within `weak_window` of relative position)."""
    chosen = list(chosen)
    weak = replace(weights, threshold=weights.weak_threshold, table_min=weights.weak_threshold / weights.table_weight)
    options = []
    for i in range(len(items)):  # the other words compete too, but only targets are changed
        opts = []
        if chosen[i] is None:
            a, b, _ = items[i]
            rel = (a + b) / 2 / max(len(ru_text), 1)
            for score, _, cand in score_candidates(
                ru_text, en_text, items[i], table=table, dictionary=dictionary, weights=weak
            ):
                if (
                    abs(rel - cand.position) <= weights.weak_window
                    and not any(s and _overlap(s, cand.span) for s in chosen)
                    and (cand.text[:1].islower() or ru_text[a:b][:1].isupper())  # no names
                ):
                    opts.append((score, cand.span))
        options.append(opts)
    for i, span in enumerate(assign(options)):
        if span is not None and i < n_targets:
            chosen[i] = span
    return chosen


def assign(options: Sequence[Sequence[tuple[float, Span]]], *, keep: int = 4) -> list[Span | None]:
    """One span or None per item, maximising the summed score, spans never overlapping.

    Items whose candidates overlap are solved together by a bounded search over each one's
    `keep` best candidates; items in no conflict simply take their best.
    """
    opts = [sorted(o, key=lambda x: (-x[0], x[1]))[:keep] for o in options]
    parent = list(range(len(opts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(opts)):
        for j in range(i + 1, len(opts)):
            if any(_overlap(a, b) for _, a in opts[i] for _, b in opts[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(opts)):
        groups.setdefault(root(i), []).append(i)
    chosen: list[Span | None] = [None] * len(opts)
    for members in groups.values():
        for i, span in zip(members, _solve([opts[i] for i in members]), strict=True):
            chosen[i] = span
    return chosen


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _solve(opts: list[list[tuple[float, Span]]], budget: int = 20_000) -> list[Span | None]:
    """Exact best assignment for a small conflict group (greedy when the search runs too long)."""
    order = sorted(range(len(opts)), key=lambda i: -(opts[i][0][0] if opts[i] else 0.0))
    best_rest = [0.0] * (len(order) + 1)
    for k in range(len(order) - 1, -1, -1):
        o = opts[order[k]]
        best_rest[k] = best_rest[k + 1] + (o[0][0] if o else 0.0)
    best: list = [-1.0, None]
    steps = [0]

    def dfs(k: int, total: float, taken: list[Span], picks: list[Span | None]) -> None:
        steps[0] += 1
        if total + best_rest[k] <= best[0] + 1e-9 or steps[0] > budget and best[1] is not None:
            return
        if k == len(order):
            best[0], best[1] = total, list(picks)
            return
        for score, span in opts[order[k]]:
            if not any(_overlap(span, t) for t in taken):
                dfs(k + 1, total + score, taken + [span], picks + [span])
        dfs(k + 1, total, taken, picks + [None])

    dfs(0, 0.0, [], [])
    out: list[Span | None] = [None] * len(opts)
    for k, span in enumerate(best[1] or []):
        out[order[k]] = span
    return out


def _is_adjective(word: str) -> bool:
    return ru_tag(word).POS in {"ADJF", "PRTF"}


def _is_noun(word: str) -> bool:
    return ru_tag(word).POS == "NOUN"


def _fill_from_neighbours(ru_text, en_text, items, chosen, n_targets, weights: Weights) -> list[Span | None]:
    """Unaligned targets take a free English word placed by their aligned neighbours.

    ``adjacency``: an adjective right before an aligned noun takes the word right before the
    noun's counterpart (большую сделку → grand deal); a noun right after an aligned adjective
    takes the word right after it (дипломатическую переписку → diplomatic correspondence).
    ``gaps``: a word between two aligned content words takes the only content word between
    their counterparts. Only free content words are taken, lower-case or a capitalised common word
    (Treasury, not Minsk); two passes let chains grow.
    """
    chosen = list(chosen)
    ru_toks, en_toks = words(ru_text), words(en_text)
    en_at = {t[0]: k for k, t in enumerate(en_toks)}
    item_at = {it[0]: j for j, it in enumerate(items)}

    def en_token(ru_k: int) -> int | None:
        j = item_at.get(ru_toks[ru_k][0])
        span = chosen[j] if j is not None else None
        k = en_at.get(span[0]) if span else None
        return k if k is not None and en_toks[k][1] == span[1] else None

    def free(k: int) -> bool:
        a, b, w = en_toks[k]
        return (not is_function_word(w) and (w[0].islower() or _common_noun(w))
                and not any(s and _overlap(s, (a, b)) for s in chosen))

    def joined(text: str, x: int, y: int) -> bool:
        return not text[x:y].strip()

    for _ in range(2):
        for i in range(n_targets):
            k = next((k for k, t in enumerate(ru_toks) if t[0] == items[i][0]), None)
            if chosen[i] is not None or k is None:
                continue
            word, pick = ru_toks[k][2], None
            if weights.adjacency and k + 1 < len(ru_toks) and joined(ru_text, ru_toks[k][1], ru_toks[k + 1][0]):
                j = en_token(k + 1)
                if (
                    j
                    and _is_adjective(word)
                    and _is_noun(ru_toks[k + 1][2])
                    and joined(en_text, en_toks[j - 1][1], en_toks[j][0])
                ):
                    pick = j - 1
            if pick is None and weights.adjacency and k > 0 and joined(ru_text, ru_toks[k - 1][1], ru_toks[k][0]):
                j = en_token(k - 1)
                if (
                    j is not None
                    and j + 1 < len(en_toks)
                    and _is_noun(word)
                    and _is_adjective(ru_toks[k - 1][2])
                    and joined(en_text, en_toks[j][1], en_toks[j + 1][0])
                    and not en_toks[j + 1][2].endswith(("ly", "ed", "ing"))
                ):
                    pick = j + 1
            if pick is None and weights.adjacency and k > 0 and joined(ru_text, ru_toks[k - 1][1], ru_toks[k][0]):
                j = en_token(k - 1)
                if j is not None and _is_genitive_noun(word) and _is_noun(ru_toks[k - 1][2]):
                    pick = _genitive(en_text, en_toks, j, free)
            if pick is None and weights.adjacency and _is_noun(word):
                pick = _head_of_genitive(ru_text, en_text, ru_toks, en_toks, k, en_token)
            if pick is None and weights.gaps:
                pick = _gap(ru_text, en_text, ru_toks, en_toks, k, en_token)
            if (pick is not None and 0 <= pick < len(en_toks) and free(pick) and _agree(word, en_toks[pick][2])
                    and _keeps_negation(ru_text, items[i][0], en_toks, pick)):
                chosen[i] = en_toks[pick][:2]
    return chosen


def _pair_gaps(ru_text, en_text, items, chosen, n_targets, edges: bool = True, dictionary=None) -> list[Span | None]:
    """Between two aligned content words whose counterparts keep their order, the Russian content
    words left unaligned and the free English content words pair up in order when they are as many
    and their parts of speech may agree (размещение вооружения в населенных пунктах → stationing
    weapons in residential areas). Where clause marks stand between, the words pair clause by clause
    when both sides have as many clauses, in the clauses that touch an aligned word. A Russian word
    whose first gloss is an English function word (должен "must", являться "is") is not counted.
    With `edges`, the sentence's start and end count as anchors too (but not both: some word must
    be aligned)."""
    chosen = list(chosen)
    ru_toks, en_toks = words(ru_text), words(en_text)
    item_at = {it[0]: j for j, it in enumerate(items)}
    first, last = {t[0]: k for k, t in enumerate(en_toks)}, {t[1]: k for k, t in enumerate(en_toks)}
    anchors = []  # (Russian token, first and last English token of its counterpart), in Russian order
    for k, (a, _, _) in enumerate(ru_toks):
        span = chosen[item_at[a]] if a in item_at else None
        if span and span[0] in first and span[1] in last:
            anchors.append((k, first[span[0]], last[span[1]]))
    anchors = _blocks(ru_text, ru_toks, en_toks, anchors)
    if edges:  # the sentence's start and end anchor the words before the first and after the last
        anchors = [(-1, -1, -1, -1), *anchors, (len(ru_toks), len(ru_toks), len(en_toks), len(en_toks))]
    for (_, k0, _, e0), (k1, _, e1, _) in pairwise(anchors):
        if e1 - e0 < 2 or (k0 < 0 and k1 == len(ru_toks)):
            continue
        ru_parts, en_parts = _clauses(ru_text, ru_toks, k0, k1, dash=True), _clauses(en_text, en_toks, e0, e1)
        if len(ru_parts) != len(en_parts):  # the dash as a copula: отрыв - в пределах → the gap is within
            ru_parts = _clauses(ru_text, ru_toks, k0, k1)
        if len(ru_parts) != len(en_parts):
            continue
        for n, (ru_part, en_part) in enumerate(zip(ru_parts, en_parts, strict=True)):
            if len(ru_parts) > 1 and not ((n == 0 and k0 >= 0) or (n == len(ru_parts) - 1 and k1 < len(ru_toks))):
                continue  # a clause part must touch an aligned word
            ru_gap = [item_at[ru_toks[k][0]] for k in ru_part if ru_toks[k][0] in item_at]
            ru_gap = [j for j in ru_gap if not _light(items[j][2], dictionary)]  # должен: "must"
            en_gap = [m for m in en_part if _pairable(en_toks[m][2])]
            if len(ru_gap) > len(en_gap) or any(_fold(en_toks[m][2]) in BE_FORMS for m in en_part):
                # что станет сильнейшим спадом → this is the greatest drop; стали → "were"
                ru_gap = [j for j in ru_gap if not _copula(items[j][2], dictionary)]
            pairs = list(zip(ru_gap, en_gap, strict=False))
            if (
                ru_gap and len(ru_gap) == len(en_gap)
                and not any(chosen[j] for j in ru_gap)
                and not any(s and _overlap(s, en_toks[m][:2]) for m in en_gap for s in chosen)
                and all(_agree(ru_text[items[j][0] : items[j][1]], en_toks[m][2]) for j, m in pairs)
                and not any(_attributive(ru_text, *items[j][:2]) and _plural_head(en_text, en_toks[m][:2]) for j, m in pairs)
                and not any(_is_noun(ru_text[items[j][0] : items[j][1]]) and _modifies_link(en_text, en_toks, m, chosen)
                            for j, m in pairs)
                and all(_keeps_negation(ru_text, items[j][0], en_toks, m) for j, m in pairs)
                and _acronyms_pair(ru_text, en_toks, items, pairs)
            ):
                for j, m in pairs:
                    if j < n_targets:
                        chosen[j] = en_toks[m][:2]
    return chosen


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _acronyms_pair(ru_text: str, en_toks, items, pairs) -> bool:
    """Whether the gap's pairs keep its acronyms together: when both sides hold one (конфедерациях
    ФИФА → FIFA associations), an acronym pairs only with an acronym; in order they would cross."""
    ru_acronyms = [_acronym(ru_text[items[j][0] : items[j][1]]) for j, _ in pairs]
    en_acronyms = [_acronym(en_toks[m][2]) for _, m in pairs]
    return not (any(ru_acronyms) and any(en_acronyms)) or ru_acronyms == en_acronyms


ADJECTIVE_SHAPES = ("ous", "ful", "less", "able", "ible", "ical", "ional", "ial", "ual", "ive")


def _modifies_link(en_text: str, en_toks, m: int, chosen) -> bool:
    """Whether English token m has an adjective's shape and stands right before another word's
    counterpart, which it modifies: a Russian noun is not it (бойцы нацгвардии → "the national
    guard": "national" is part of нацгвардия's English, not бойцы's)."""
    if m + 1 >= len(en_toks) or not en_toks[m][2].lower().endswith(ADJECTIVE_SHAPES):
        return False
    a, b, _ = en_toks[m + 1]
    return not en_text[en_toks[m][1] : a].strip() and any(s and _overlap(s, (a, b)) for s in chosen)


def _blocks(ru_text, ru_toks, en_toks, anchors) -> list[tuple[int, int, int, int]]:
    """Aligned Russian words side by side whose counterparts fill one stretch of English, in any
    order, as one anchor (first and last Russian token, first and last English token):
    экономическим успехам Катара → Qatar's economic success, в истории страны → in the country's
    history. `anchors`: (Russian token, first and last English token), in Russian order."""
    blocks: list[tuple[int, int, int, int]] = []
    members: list[set[int]] = []
    for k, f, g in anchors:
        if blocks and blocks[-1][1] == k - 1 and not _CLAUSE_MARK.search(ru_text[ru_toks[k - 1][1] : ru_toks[k][0]]):
            k0, _, f0, g0 = blocks[-1]
            lo, hi = min(f0, f), max(g0, g)
            inside = members[-1] | set(range(f, g + 1))
            if all(m in inside or is_function_word(en_toks[m][2]) for m in range(lo, hi + 1)):
                blocks[-1], members[-1] = (k0, k, lo, hi), inside
                continue
        blocks.append((k, k, f, g))
        members.append(set(range(f, g + 1)))
    return blocks


def _light(lemma: str, dictionary) -> bool:
    """Whether a Russian word's first gloss is made of English function words (должен "must",
    являться "is", иметь "have"): its English is no content word to pair with."""
    glosses = ranked_glosses(dictionary, lemma) if dictionary is not None else ()
    return bool(glosses) and all(is_function_word(w) for w in glosses[0][0].split())


NUMBER_WORDS = frozenset(  # English numbers whose Russian is a numeral (два, сто), never a content word
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred""".split()
)


INDEFINITES = frozenset(  # English pronouns whose Russian is a pronoun (что-то, никто), never a content word
    "something anything nothing everything someone anyone everyone somebody anybody nobody everybody".split()
)


def _pairable(word: str) -> bool:
    """An English word that may pair with a Russian content word: no function word, no number
    whose Russian is a numeral (два швейцарца → two Swiss: два is no content word), no indefinite
    pronoun (чему поучиться → learn something), no unit symbol (`_unit_symbol`)."""
    return not is_function_word(word) and _fold(word) not in NUMBER_WORDS | INDEFINITES and not _unit_symbol(word)


def _unit_symbol(word: str) -> bool:
    """A letter or a lower-case word without a vowel: a unit's symbol (+15°C, 750 mm, km, kg), whose
    Russian is an abbreviation, never a content word (составит 750 мм ↛ "mm", отметки +15°С ↛ "C")."""
    return len(word) == 1 or (word.islower() and len(word) <= 3 and not re.search(r"[aeiouy]", word))


COPULAS = frozenset({"be", "become"})
BE_FORMS = frozenset("be is are was were been being become becomes became becoming".split())  # a copula's English


def _copula(lemma: str, dictionary) -> bool:
    """Whether a Russian word may be a linking verb ("become", "be" among its first glosses: стать):
    the English may say it with "is", a function word."""
    glosses = ranked_glosses(dictionary, lemma) if dictionary is not None else ()
    return any(g.lower() in COPULAS for g, _ in glosses[:3])


def _clauses(text: str, toks, k0: int, k1: int, dash: bool = False) -> list[list[int]]:
    """The tokens strictly between k0 and k1, split where a clause mark (with `dash`, a spaced
    hyphen too) stands between two of them."""

    def mark(x: int, y: int) -> bool:
        inner = _between(text, toks, x, y)
        return bool(_CLAUSE_MARK.search(inner) or (dash and _DASH.search(inner)))

    parts: list[list[int]] = [[]]
    for k in range(k0 + 1, k1):
        if k > k0 + 1 and mark(k - 1, k):
            parts.append([])
        parts[-1].append(k)
    if mark(k0, k0 + 1):
        parts.insert(0, [])
    if k1 - 1 > k0 and mark(k1 - 1, k1):
        parts.append([])
    return parts


def _between(text: str, toks, k0: int, k1: int) -> str:
    """The text between tokens k0 and k1 (-1 and len(toks): the sentence's edges, its opening
    quote or dash and closing punctuation left out)."""
    inner = text[toks[k0][1] if k0 >= 0 else 0 : toks[k1][0] if k1 < len(toks) else len(text)]
    return inner.rstrip(_EDGE_MARKS) if k1 == len(toks) else inner.lstrip(_EDGE_MARKS) if k0 < 0 else inner


_EDGE_MARKS = " \t\n.!?…\"«»“”„'–—-"


def _agree(ru_word: str, en_word: str) -> bool:
    """Whether the parts of speech may agree, judged by the English word: a lower-case Russian word
    takes no capitalised name, no word "according"; no past participle
    for a noun (понимания / "received"), no adverb for a noun or verb ("quickly"; "family" and
    "weekly" may be nouns or adjectives); no English abbreviation for a verb."""
    pos, word = ru_tag(ru_word).POS, en_word.lower()
    if ru_word[:1].islower() and en_word[:1].isupper() and not en_word.isupper() and not _common_noun(en_word):
        return False  # a name (Neva, Flota) is no common word's counterpart (акватории)
    if word == "according":
        return False  # of "according to": only по данным takes it (`_according_to`), not свидетельствуют
    if len(en_word) > 1 and en_word.isupper() and pos in {"VERB", "INFN", "PRTS", "GRND"}:
        return False  # an abbreviation (EMERCOM) is no verb's (сообщило); американская may be "US"
    if word.endswith("ly") and not stem(word).endswith("li"):  # quickly → quick; family → famili
        return pos not in {"NOUN", "VERB", "INFN"}
    return not (pos == "NOUN" and len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))


def _attributive(ru_text: str, start: int, stop: int) -> bool:
    """Whether the Russian word at start:stop is an adjective or participle right before a noun
    (подводных лодок, очередная дата)."""
    if ru_tag(ru_text[start:stop]).POS not in {"ADJF", "PRTF"}:
        return False
    after = next((t for t in words(ru_text[stop:])), None)
    return after is not None and not ru_text[stop : stop + after[0]].strip() and _is_noun(after[2])


def _plural_head(en_text: str, span: Span) -> bool:
    """Whether the English word at `span` is another word + -s, -es or -ies (submarines, marks) and
    no content word follows it: a plural head noun or a verb's third person, never an attributive
    adjective's counterpart (a plural modifier may be one: санкционный список → sanctions list)."""
    after = words(en_text[span[1] :])
    if after and not en_text[span[1] : span[1] + after[0][0]].strip() and not is_function_word(after[0][2]):
        return False
    return _plural_form(en_text[span[0] : span[1]])


def _plural_form(word: str) -> bool:
    """A lower-case English word that is another word + -s, -es or -ies (not overseas, various,
    analysis: the lexicon lacks their base)."""
    from cards.lexicon.lexicon import shipped

    known = shipped().english_zipf
    return word == word.lower() and any(base in known for base in plural_bases(word))


def _is_genitive_noun(word: str) -> bool:
    return ru_tag(word).POS == "NOUN" and ru_tag(word).case == "gent"


def _genitive(en_text, en_toks, j, free) -> int | None:
    """The English of a Russian noun + genitive noun whose head is aligned to token j: the word
    after "of" (names and articles skipped: results of the Minsk negotiations; a capitalised
    common word taken: министр финансов → Secretary of the Treasury), or the noun
    modifier right before the head (проверка боеготовности → readiness inspection)."""
    if (
        j + 1 < len(en_toks)
        and _fold(en_toks[j + 1][2]) == "of"
        and not _CLAUSE_MARK.search(en_text[en_toks[j][1] : en_toks[j + 1][0]])
    ):
        for m in range(j + 2, min(j + 5, len(en_toks))):
            w = en_toks[m][2]
            if _CLAUSE_MARK.search(en_text[en_toks[m - 1][1] : en_toks[m][0]]):
                return None
            if is_function_word(w) or (w[0].isupper() and not _common_noun(w)):
                continue
            return m if free(m) else None
        return None
    if (
        j > 0
        and not en_text[en_toks[j - 1][1] : en_toks[j][0]].strip()
        and not en_toks[j - 1][2].endswith(("ly", "ed", "ing"))
    ):
        return j - 1 if free(j - 1) else None
    return None


_ARTICLES = frozenset({"a", "an", "the"})


def _head_of_genitive(ru_text, en_text, ru_toks, en_toks, k, en_token) -> int | None:
    """The English of a noun followed by a genitive whose first word is aligned: the word before
    "of" that stands before that counterpart (комплекс дополнительных мер → a set of additional
    measures; articles may stand between: результаты переговоров → the results of the talks)."""
    m = k + 1
    if m >= len(ru_toks) or ru_text[ru_toks[k][1] : ru_toks[m][0]].strip():
        return None
    if ru_tag(ru_toks[m][2]).case != "gent" or ru_tag(ru_toks[m][2]).POS not in {"NOUN", "ADJF", "PRTF"}:
        return None
    j = en_token(m)
    if j is None:
        return None
    j -= 1
    while j >= 0 and _fold(en_toks[j][2]) in _ARTICLES:
        j -= 1
    if j < 1 or _fold(en_toks[j][2]) != "of" or _CLAUSE_MARK.search(en_text[en_toks[j - 1][1] : en_toks[j + 1][0]]):
        return None
    return j - 1 if _pairable(en_toks[j - 1][2]) else None


def _common_noun(word: str) -> bool:
    """A capitalised English word that is some Russian word's gloss (Treasury, State), not a name."""
    from cards.lexicon.lexicon import shipped

    known = shipped().english_zipf
    return word in known or word.lower() in known


_CLAUSE_MARK = re.compile(r"[.,;:!?()«»“”\"–—]")
_DASH = re.compile(r"\s-\s")  # a spaced hyphen: a dash between clauses, or the Russian copula (отрыв - в пределах)


def _gap(ru_text, en_text, ru_toks, en_toks, k, en_token) -> int | None:
    """The only English content word between the counterparts of the content words around k."""

    def neighbour(step: int) -> int | None:
        m = k + step
        while 0 <= m < len(ru_toks) and not ru_content(ru_toks[m][2]):
            m += step
        if not 0 <= m < len(ru_toks):
            return None
        x, y = (ru_toks[m][1], ru_toks[k][0]) if step < 0 else (ru_toks[k][1], ru_toks[m][0])
        return None if _CLAUSE_MARK.search(ru_text[x:y]) else m

    before, after = neighbour(-1), neighbour(1)
    if before is None or after is None:
        return None
    jb, ja = en_token(before), en_token(after)
    if jb is None or ja is None or ja - jb < 2 or _CLAUSE_MARK.search(en_text[en_toks[jb][1] : en_toks[ja][0]]):
        return None
    inside = [m for m in range(jb + 1, ja) if _pairable(en_toks[m][2])]
    return inside[0] if len(inside) == 1 else None
