"""Pure: aligned pairs + their analysis + known lemmas → the pairs that become cards, and why.

First, names the Russian sentence alone does not show (Кремль, Песков opening a sentence) are found
from the pair's English and from the rest of the article (`NAME_RULES`, `with_names`) and made proper.
Then two steps, each a list of small named rules (DESIGN.md §6):
1. Filters drop pairs a learner should not study (headings, doubtful alignments, too short …);
   the first filter that fires names the decision.
2. Weighted greedy set cover picks, among the pairs left, the ones that teach the words worth
   teaching (domain weight at least `min_weight`) with few cards, each card adding at most `max_new`
   new words; it stops when no pair teaches such a word. A chosen card with room left also teaches
   other unknown words along (up to `fill` targets). Words taught by earlier cards count as known for
   later ones.
What the learner knows comes from the level (`known_by_level`), refined by the sentence: a topic word
in a sense a learner knows is known there (`known_sense`: сторона "side", not "party"), a word of news
is taught where its English counterpart says its news sense (`domain_sense`: глава "head", not
"chapter"), and the nouns an article is about are taught like the topic's words (`subjects`).
Some content words are never targets (`not_target`): ordinals, adjectives and nouns made from
place names (белорусский, американец), question and pointing adverbs (насколько, тогда); words made
from a word above the level count as known (`base_zipf`: сложно from сложный).
No I/O: the few facts about words beyond their Lemma (readings, aspect partners, frequencies) come
from the cached pymorphy3 and wordfreq tables of cards.lexicon.analyser.
Finally the chosen cards are put in study order: each adds as few new words as possible given
the ones before it (easiest first).
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from cards.kept import KeptTable
from cards.lexicon.analyser import NAME_GRAMMEMES, english_zipf, lemma_zipf, parses
from cards.lexicon.aspect import aspect_partner
from cards.lexicon.morph import CONTENT_POS, is_content
from cards.lexicon.names import as_name
from cards.model import Pair, Token


@dataclass(frozen=True)
class SelectOptions:
    """Knobs of selection; the defaults suit an intermediate learner of political Russian."""

    min_score: float = 0.5  # alignment confidence below this: not a trustworthy translation
    min_words: int = 4  # Russian words; shorter pairs teach little context
    max_words: int = 40  # longer ones are hard to review …
    # … unless at most this many times as long and the only sentence left with a word worth a card: a long
    # legal sentence's приговор is better learnt on a long card than not at all (`select`, last pass)
    long_rescue: float = 1.5
    # New words one card may teach. 6, not 4: news articles are short and dense, and one sentence makes
    # one card; with 4, a 70-word article cannot teach 20 key words (bench/keywords.py). Words neither
    # worth a card of their own nor the topic's fill a card only up to `fill` targets: the room beyond
    # is for the key words.
    max_new: int = 6
    fill: int = 4  # words taught along (not worth a card of their own, nor the topic's) fill a card up to this
    # a full card also teaches up to this many more words worth a card or of the topic when no other sentence
    # has them: a short article's dense sentence of key terms is their only chance (bench/keywords.py);
    # None: a third of max_new (2 beyond 6; none beyond 2)
    spill: int | None = None
    extra_unknown: int = 4  # words worth a card a pair may hold beyond max_new (left for other cards); a denser
    # pair is taken only after the cover, for words no other card teaches (`select`)
    level: float = 5.0  # lemmas with a wordfreq Zipf at or above this are taken as known …
    topic_level: float | None = None  # … and words of the topic at or above this (None: `level`)
    topic: frozenset[str] = frozenset()  # lemma keys of the topic's vocabulary (cards.lexicon.levels)
    # those it has from the news register alone (произойти, ранее, наводнение: levels.news_register): taught like
    # the topic's words, weighed like other words (`domain_weights`)
    register: frozenset[str] = frozenset()
    everyday: frozenset[str] = frozenset()  # everyday vocabulary the learner knows: never a target
    # the learner model (cards.lexicon.levels.word_kinds): nouns naming concrete things, known below the
    # general cut, and words of social life, known only above it
    concrete: frozenset[str] = frozenset()
    social: frozenset[str] = frozenset()
    # (lemma key, English term) of topic words whose first sense is not the topic's (сторона: side; the
    # topic's: party): above the general cut they are taught only where the English has the term
    topic_senses: frozenset[tuple[str, str]] = frozenset()
    subject_sentences: int = 3  # a noun in this many sentences of its article is its subject (`subjects`)
    subjects: frozenset[str] = frozenset()  # the nouns `with_subjects` added to `topic`: an article's, not the topic's
    # a word no dictionary has, spelled like a common English word, not the topic's, is known at a CEFR
    # level (`is_transparent`: проблемный "problem")
    loanwords: bool = True
    # a word known by its frequency is taught where the English gives it a later sense (`in_later_sense`)
    later_senses: bool = True
    # (lemma key, part of speech, English sense) of the words whose news sense a learner has not met
    # (cards.lexicon.levels.domain_senses: глава "head", met as "chapter"): taught where their counterpart
    # says one of these senses, known elsewhere (`domain_sense`)
    domain_senses: frozenset[tuple[str, str, str]] = frozenset()
    # the words of that table the level knows (`select` sets them): a candidate only in its news sense, then
    # taught like the topic's words (`news_words`)
    in_news_sense: frozenset[str] = frozenset()
    min_zipf: float = 1.5  # lemmas rarer than this are not worth a card
    max_name_share: float = 0.5  # share of names and numbers above which a pair is a list, not a sentence
    max_cards: int | None = None
    min_weight: float = 4.9  # domain weight a word needs to be worth a card of its own (domain_weights)
    # … except in a news brief of at most this many Russian words, where every word of the topic or the news
    # register no card teaches is (`_brief_cover`); 0: never. Most WMT21 dev articles have 50–200, the seed 1,248
    brief_words: int = 150
    # a chosen card with room also teaches the dictionary phrases of its sentence whose words the learner
    # knows one by one but not as a phrase (принять участие, личный состав: cards.lexicon.units)
    phrases: bool = True
    # lemma keys of the set phrases of news the learner knows at the level (по словам, в том числе at B1:
    # cards.lexicon.units.set_phrases_known); the others (в ходе, на фоне) are taught like phrases
    known_phrases: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not 0 <= self.min_score <= 1:
            raise ValueError("min_score must be in [0, 1]")
        if self.max_new < 1 or self.extra_unknown < 0 or self.min_words < 1 or self.max_words < self.min_words:
            raise ValueError("need max_new ≥ 1, extra_unknown ≥ 0 and 1 ≤ min_words ≤ max_words")
        if self.long_rescue < 1:
            raise ValueError("long_rescue is a factor of max_words, at least 1")
        if self.fill < 0 or (self.spill is not None and self.spill < 0) or self.subject_sentences < 1:
            raise ValueError("need fill ≥ 0, spill ≥ 0 and subject_sentences ≥ 1")

    @property
    def room_beyond(self) -> int:
        """How many words a full card may teach beyond max_new when no other sentence has them (`spill`)."""
        return self.max_new // 3 if self.spill is None else self.spill


@dataclass(frozen=True)
class Decision:
    """What selection decided about one pair, and the rule that decided it."""

    index: int
    pair: Pair
    chosen: bool
    rule: str
    targets: tuple[Token, ...] = ()  # one token per lemma this card teaches, in sentence order
    unknown: tuple[str, ...] = field(default=())  # every unknown target-worthy lemma of the sentence
    order: int = -1  # study position of a chosen card (0 = first)


def lemma_key(lemma: str) -> str:
    """How lemmas are compared with known words: lower case, ё folded to е."""
    return lemma.lower().replace("ё", "е")


BOOKISH_RAISE = 0.2  # a bookish word is known from this much above the general cut (at a CEFR level)
# An article's subject (`subjects`) is taught like a word of the topic, up to this much above the general
# cut (5.8 at B1): the commonest nouns (страна, тема: Zipf 5.9) are known at the level whatever the
# article is about. Fit on the tune sets: tune's key subjects go up to развитие (5.69).
SUBJECT_RAISE = 0.8


def known_cut(key: str, options: SelectOptions, pos: str = "noun") -> float:
    """The Zipf at or above which this lemma counts as known: the topic's cut for its vocabulary (for an
    article's subject, at most SUBJECT_RAISE above the general cut); at a CEFR level, the general cut
    moved by the learner model (cards.lexicon.levels): CONCRETE_DROP below it for a noun naming concrete
    things (юг, вторник); above it, the larger of SOCIAL_RAISE for a word of social life (участие,
    отказаться) and BOOKISH_RAISE for a bookish noun or verb (`is_bookish`), since a learner meets необходимость, продукция (Zipf 5.0–5.1) in print more than in talk. The model
    speaks of nouns: the adjective украинский is not moved by the noun's ("the Ukrainian language")."""
    from cards.lexicon.levels import CONCRETE_DROP, SOCIAL_RAISE

    cefr = options.topic_level is not None and options.topic_level > options.level  # a Zipf --level: one cut
    if cefr and key in options.subjects:
        return min(options.topic_level, options.level + SUBJECT_RAISE)
    if options.topic_level is not None and key in options.topic:
        return options.topic_level
    if not cefr:
        return options.level
    noun = pos == "noun"
    if noun and key in options.concrete:
        return options.level - CONCRETE_DROP
    social = SOCIAL_RAISE if noun and key in options.social else 0.0
    return options.level + max(BOOKISH_RAISE if is_bookish(key) else 0.0, social)


def is_bookish(key: str) -> bool:
    """A bookish ending (`BOOKISH`) on a stem of at least 3 letters: необходимость, not гость."""
    return any(key.endswith(end) and len(key) - len(end) >= 3 for end in BOOKISH)


def is_candidate(token: Token, options: SelectOptions, english: str | None = None,
                 counterparts: Mapping[int, str] | None = None) -> bool:
    """A word worth teaching: a content word, not a name, not everyday vocabulary the learner knows,
    neither trivial for the level (the topic's words have a cut of their own) nor hopelessly rare, and
    not known through a frequent word it is made from (`base_zipf`); with the pair's `english`, not a
    topic word in a sense the learner knows (`known_sense`), and a word of news in the sense its
    counterpart (`counterparts`: Russian start → English) says (`domain_sense`)."""
    lemma = token.lemma
    if lemma.pos not in CONTENT_POS or lemma.proper or not any(ch.isalpha() for ch in lemma.lemma):
        return False
    sense = domain_sense(token, options, counterparts) if english is not None else None
    if sense:
        return options.min_zipf <= lemma.zipf
    # a word of the domain-senses table is in the sense its counterpart says: the rest of the English says none
    if english is not None and known_sense(lemma, english if sense is None else "", options):
        return False
    if sense is None and english is not None and in_later_sense(lemma, english, options):
        return options.min_zipf <= lemma.zipf
    return options.min_zipf <= lemma.zipf and not known_by_level(lemma, options)


def may_have_later_sense(lemma, options: SelectOptions) -> bool:
    """A word the level takes as known by its frequency alone (not everyday vocabulary, not the topic's,
    rarer than the topic's cut), which the lexicon gives later senses: one a learner may not have met."""
    from cards.lexicon.levels import learner_senses

    if not options.later_senses or options.topic_level is None or options.topic_level <= options.level:
        return False
    key = lemma_key(lemma.lemma)
    if lemma.pos not in ("noun", "verb", "adj") or lemma.proper or key in options.everyday or key in options.topic:
        return False  # an adverb's later sense is its adjective's (полностью "fully"; домой "home")
    if lemma.pos == "adj" and everyday_base(key, options.everyday):
        return False
    if max(lemma.zipf, base_zipf(lemma.lemma, lemma.pos, lemma.aspect)) >= options.topic_level:
        return False
    return known_by_level(lemma, options) and bool(learner_senses(lemma.lemma)[1])


def in_later_sense(lemma, english: str, options: SelectOptions) -> bool:
    """A word known by its frequency (`may_have_later_sense`) used where the English has one of its later
    senses and none of those met first: включить "include" (met as "turn on"), составлять "amount to",
    средство "remedy". The learner knows the word, not this sense: it is taught like a rarer word."""
    from cards.align.evidence import is_function_word
    from cards.lexicon.levels import learner_senses

    if not may_have_later_sense(lemma, options):
        return False
    met, later = learner_senses(lemma.lemma)
    tokens = english.split()  # a capitalised word inside the sentence is a name's: it says no sense (Wall Street Journal)
    common = tokens[:1] + [w for w in tokens[1:] if not w.lstrip("\"“'(«")[:1].isupper()]
    words = f" {' '.join(english_stems(' '.join(common)))} "

    def says(gloss: str) -> bool:
        stems = english_stems(gloss)
        return bool(stems) and f" {' '.join(stems)} " in words

    # a later sense that is only function words (находиться "be") is in nearly every English sentence: it says nothing
    return any(says(g) for g in later if not all(map(is_function_word, gloss_words(g)))) and not any(says(g) for g in met)


def gloss_words(gloss: str) -> list[str]:
    """The English words of a gloss, lower case ("be situated" → be, situated)."""
    return re.findall(r"[a-z']+", gloss.lower())


def has_domain_sense(lemma, options: SelectOptions) -> bool:
    """A word of the domain-senses table (`SelectOptions.domain_senses`) in its part of speech, at a CEFR level."""
    if not options.domain_senses or options.topic_level is None or options.topic_level <= options.level:
        return False
    return bool(sense_terms(options.domain_senses, lemma_key(lemma.lemma), lemma.pos))


def sense_terms(terms: frozenset[tuple[str, str, str]], key: str, pos: str) -> tuple[str, ...]:
    """The news senses `terms` give a lemma in this part of speech ("*": in any)."""
    found = _domain_terms(terms)
    return found.get((key, pos), ()) + found.get((key, "*"), ())


def domain_sense(token: Token, options: SelectOptions, counterparts: Mapping[int, str] | None) -> bool | None:
    """For a word of the domain-senses table (`has_domain_sense`): True where its English counterpart
    (`counterparts`, Russian start → English, found by word alignment) says one of its domain senses
    (глава / "head of the ministry"), False elsewhere (глава / "chapter 3"; no counterpart: the learner
    is taken to know it); None for other words, which the other rules judge."""
    if not has_domain_sense(token.lemma, options):
        return None
    counterpart = (counterparts or {}).get(token.start)
    terms = sense_terms(options.domain_senses, lemma_key(token.lemma.lemma), token.lemma.pos)
    return bool(counterpart) and any(says_sense(term, counterpart) for term in terms)


LIGHT_ENGLISH = frozenset({"to", "of", "the", "a", "an", "in", "on", "at", "for", "by", "with", "as"})
IRREGULAR_ENGLISH = {"is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "am": "be",
                     "stood": "stand", "held": "hold", "took": "take", "taken": "take", "struck": "strike",
                     "brought": "bring", "led": "lead"}


def says_sense(term: str, english: str) -> bool:
    """Does this English (a counterpart) say this sense: every word of the term but the light ones, in
    any form ("amount to": "amounted"; "be held": "was held"; "head": "heads")?"""
    def stems(text: str) -> set[str]:
        words = [IRREGULAR_ENGLISH.get(w, w) for w in re.findall(r"[a-z]+", text.lower())]
        return set(english_stems(" ".join(words)))

    wanted = stems(term) - set(english_stems(" ".join(LIGHT_ENGLISH)))
    return bool(wanted) and wanted <= stems(english)


def news_words(options: SelectOptions) -> frozenset[str]:
    """The words a card teaches like the topic's: the topic's, and the words of the domain-senses table the
    level knows (`SelectOptions.in_news_sense`), which are new to the learner only in their news sense."""
    return _joined(options.topic, options.in_news_sense) if options.in_news_sense else options.topic


@functools.lru_cache(maxsize=8)
def _joined(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    return a | b


def with_news_senses(options: SelectOptions, analyses: Sequence[Sequence[Token]]) -> SelectOptions:
    """`options` with `in_news_sense`: the words of the domain-senses table in these analyses that the level
    knows (глава, Zipf 5.5, at B1; not рассматривать, 4.8, which is taught in every sense as before)."""
    found = frozenset(lemma_key(t.lemma.lemma) for tokens in analyses for t in tokens
                      if has_domain_sense(t.lemma, options) and known_by_level(t.lemma, options))
    return replace(options, in_news_sense=found) if found else options


@functools.lru_cache(maxsize=4)
def _domain_terms(terms: frozenset[tuple[str, str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for key, pos, term in sorted(terms):
        out[(key, pos)] = out.get((key, pos), ()) + (term,)
    return out


def known_by_level(lemma, options: SelectOptions) -> bool:
    """Does the level take this lemma as known: everyday vocabulary of the level, or at least as common
    (itself, or the word it is made from: `base_zipf`) as the level's cut for it (`known_cut`)?"""
    key = lemma_key(lemma.lemma)
    if key in options.everyday or (lemma.pos == "adj" and everyday_base(key, options.everyday)):
        return True
    if is_transparent(lemma, options):
        return True
    cut = known_cut(key, options, lemma.pos)
    return lemma.zipf >= cut or base_zipf(lemma.lemma, lemma.pos, lemma.aspect) >= cut


def is_transparent(lemma, options: SelectOptions) -> bool:
    """A transparent loanword (cards.lexicon.levels.transparent_loanword: проблемный "problem",
    транспортный "transport"), known at a CEFR level: a learner who knows English reads it at sight. Not
    a word of the topic, nor an adjective made from one (конфликтный: конфликт), which the learner
    studies; being an article's subject (`subjects`) is no reason to teach it."""
    from cards.lexicon.levels import transparent_loanword
    from cards.lexicon.lexicon import adjective_bases

    if not options.loanwords or options.topic_level is None or options.topic_level <= options.level:
        return False
    key = lemma_key(lemma.lemma)
    topic = options.topic - options.subjects
    if key in topic or any(lemma_key(base) in topic for base in adjective_bases(key)):
        return False
    return transparent_loanword(key) is not None


def everyday_base(adjective: str, everyday: frozenset[str]) -> str | None:
    """The everyday noun an adjective is made from and means (мартовский: март "March", северный:
    север "north"), which makes it as known as the noun; None for other words, and where the
    adjective's glosses do not say so (пакетный is not about a bag, сольный not about salt)."""
    if not everyday:
        return None
    key = f"{_digest(everyday)}\t{adjective}"
    found = KEPT_EVERYDAY_BASES.get(key)
    if found is None:
        found = _everyday_base(adjective, everyday) or ""
        KEPT_EVERYDAY_BASES.put(key, found)
    return found or None


KEPT_EVERYDAY_BASES = KeptTable("everyday-base")  # "" for none; a build keeps them, a rebuild reads them


@functools.lru_cache(maxsize=8)
def _digest(words: frozenset[str]) -> str:
    return hashlib.sha256("\n".join(sorted(words)).encode("utf-8")).hexdigest()[:16]


@functools.lru_cache(maxsize=50_000)  # asked for every adjective of every sentence
def _everyday_base(adjective: str, everyday: frozenset[str]) -> str | None:
    from cards.align.evidence import stem
    from cards.lexicon.levels import everyday_terms
    from cards.lexicon.lexicon import adjective_bases, shipped

    lexicon = shipped()
    glosses = [g for e in lexicon.entries(adjective) for sense in e.senses[:2] for g in sense]
    glosses += [g for g, _ in lexicon.wiktionary.get(lemma_key(adjective), ())]
    stems = {stem(w) for g in glosses for w in re.findall(r"[A-Za-z]+", g)}
    for base in adjective_bases(adjective):
        term = everyday_terms().get(lemma_key(base)) if lemma_key(base) in everyday else None
        if term and any(s.startswith(stem(term)) for s in stems):
            return base
    return None


def known_sense(lemma, english: str, options: SelectOptions) -> bool:
    """A topic word common enough to be known as a general word (at least the general cut), whose
    first sense is not the topic's (`SelectOptions.topic_senses`), used in a sentence whose English
    has none of its topic terms: the learner knows it in this sense (сторона "side": known at B1;
    сторона "party": taught; помочь "help": known, though "aid" is a term of politics)."""
    terms = _senses(options.topic_senses).get(lemma_key(lemma.lemma))
    if not terms or known_by_level(lemma, options):
        return False
    if max(lemma.zipf, base_zipf(lemma.lemma, lemma.pos, lemma.aspect)) < options.level:
        return False
    words = f" {' '.join(english_stems(english))} "
    return not any(f" {' '.join(english_stems(term))} " in words for term in terms)


@functools.lru_cache(maxsize=4)
def _senses(pairs: frozenset[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for key, term in sorted(pairs):
        out[key] = out.get(key, ()) + (term,)
    return out


_ENGLISH_ENDINGS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@functools.lru_cache(maxsize=4096)
def english_stems(text: str) -> tuple[str, ...]:
    """The words of an English text, lower case, a few endings cut, so that the forms of a term meet:
    parties/party, elected/elect, borders/border."""
    stems = []
    for word in re.findall(r"[a-z]+", text.lower()):
        for ending, instead in _ENGLISH_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith("ss"):
                word = word[: -len(ending)] + instead
                break
        stems.append(word[:-1] if word.endswith("e") and len(word) > 3 else word)
    return tuple(stems)


def subjects(pairs: Sequence[Pair], analyses: Sequence[Sequence[Token]], options: SelectOptions) -> dict[str, frozenset[str]]:
    """Article (`Pair.source`) → the nouns it is about: in at least `subject_sentences` of its
    sentences (регион, развитие, строительство in an article on a region's building programme). In
    their article they are taught like the topic's words (`with_subjects`), whatever the topic list
    says; everyday words stay known."""
    counts: Counter[tuple[str, str]] = Counter()
    for pair, tokens in zip(pairs, analyses, strict=True):
        if pair.kind in ("text", "title"):
            counts.update({(pair.source, lemma_key(t.lemma.lemma)) for t in tokens
                           if t.lemma.pos == "noun" and not t.lemma.proper})
    out: dict[str, set[str]] = {}
    for (source, key), n in counts.items():
        if n >= options.subject_sentences and key not in options.everyday:
            out.setdefault(source, set()).add(key)
    return {source: frozenset(keys) for source, keys in out.items()}


def with_subjects(options: SelectOptions, nouns: frozenset[str]) -> SelectOptions:
    """The options with these nouns (an article's `subjects`) counted as words of the topic."""
    added = nouns - options.topic
    return replace(options, topic=options.topic | added, subjects=options.subjects | added) if added else options


# An article with fewer of its content words in the topic's list (the news register's included) than this is
# off the topic (a film trailer 0.14, a diet 0.14, a hockey report 0.15, a motor race 0.20; a weather forecast
# 0.45, a region's building programme 0.47, a court case 0.60) … Fit, with the topic list of the fifth session,
# on 74 WMT21 dev articles outside every held-out split, each marked public-affairs news or not by its first
# line alone before its share was read: a round cut just under the lowest news article (0.27), so none is off
# the topic; 9 of the 28 others fall under it, the rest (football transfers, a tech update, a doctor's
# advice) read as news.
OFF_TOPIC_SHARE = 0.25
WHOLLY_OFF_TOPIC_SHARE = 0.15  # … and with this few, none of its other words is worth a card


def topicality(pairs: Sequence[Pair], analyses: Sequence[Sequence[Token]], options: SelectOptions) -> dict[str, float]:
    """Article (`Pair.source`) → the share of its content words (nouns, adjectives and verbs, every use;
    not names nor everyday words) that are the topic's vocabulary, the news register's included (a flood
    report's наводнение, осадки: news of public affairs is news the learner reads); 1.0 without a topic list."""
    counts: dict[str, list[int]] = {}
    for pair, tokens in zip(pairs, analyses, strict=True):
        if pair.kind not in ("text", "title"):
            continue
        keys = [lemma_key(t.lemma.lemma) for t in tokens if t.lemma.pos in ("noun", "adj", "verb") and not t.lemma.proper]
        keys = [k for k in keys if k not in options.everyday]
        seen = counts.setdefault(pair.source, [0, 0])
        seen[0] += sum(k in options.topic for k in keys)
        seen[1] += len(keys)
    return {source: (n / total if options.topic and total else 1.0) for source, (n, total) in counts.items()}


def off_topic_level(share: float, options: SelectOptions) -> float:
    """The general cut for an article with this `topicality`: the level's own at OFF_TOPIC_SHARE or more,
    0 (every word outside the topic known) at WHOLLY_OFF_TOPIC_SHARE or less, in proportion between. A
    learner of politics reading about a TV series or a diet is taught the article's words of politics,
    not сериал, персонаж, картошка, nor the rarer цельнозерновый: its own vocabulary is not what they
    study. A Zipf --level (no topic cut above the general one) is left as it is."""
    if options.topic_level is None or options.topic_level <= options.level:
        return options.level
    ramp = (share - WHOLLY_OFF_TOPIC_SHARE) / (OFF_TOPIC_SHARE - WHOLLY_OFF_TOPIC_SHARE)
    return round(options.level * min(1.0, max(0.0, ramp)), 2)


def article_options(pairs: Sequence[Pair], analyses: Sequence[Sequence[Token]],
                    options: SelectOptions) -> dict[str, SelectOptions]:
    """Article (`Pair.source`) → the options its words are judged by: an article on the topic with its
    `subjects` as words of the topic; one off the topic (`topicality` below OFF_TOPIC_SHARE) with a lower
    general cut (`off_topic_level`), no subjects and none of the news register's own words (a diet's
    источник "source", a forecast's норма), since what it is about is not what the learner studies."""
    about = subjects(pairs, analyses, options)
    out = {}
    for source, share in topicality(pairs, analyses, options).items():
        level = off_topic_level(share, options)
        if level < options.level:
            out[source] = replace(options, level=level, topic=options.topic - options.register)
        else:
            out[source] = with_subjects(options, about.get(source, frozenset()))
    for source in {p.source for p in pairs} - out.keys():
        out[source] = with_subjects(options, about.get(source, frozenset()))
    return out


@functools.lru_cache(maxsize=50_000)
def base_zipf(lemma: str, pos: str, aspect: str | None = None) -> float:
    """Zipf of what a learner must know to read the word, when it is made from another word: a verb
    with its aspect partner (обсудить + обсуждать), a participle by its verb (прошедший: пройти),
    an adverb by its adjective (сложно: сложный); 0 for other words. The level applies to it too."""
    word = lemma_key(lemma)
    if pos == "verb":
        partner = aspect_partner(lemma, aspect)
        if partner:
            return round(math.log10(10 ** lemma_zipf(lemma, "verb") + 10 ** lemma_zipf(partner, "verb")), 2)
    elif pos == "adj":
        verbs = [form for form, tag in _readings(word) if tag.startswith("PRTF")]
        return max((lemma_zipf(v, "verb") for v in verbs), default=0.0)
    elif pos == "adv":
        adjectives = [form for form, tag in _readings(word) if tag.startswith("ADJS")]
        return max((lemma_zipf(a, "adj") for a in adjectives), default=0.0)
    return 0.0


# --- step 1: filters (first to fire wins) -------------------------------------------------

Filter = Callable[[Pair, Sequence[Token], SelectOptions], bool]


def _heading(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> bool:
    """Datelines, bylines and headings; a title only when it is not a sentence (no verb)."""
    if pair.kind == "title":
        return not any(t.lemma.pos == "verb" for t in tokens)
    return pair.kind != "text"


def _omission(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> bool:
    return not pair.ru.strip() or not pair.en.strip()


def _low_confidence(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> bool:
    return pair.score < options.min_score


def _too_short(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> bool:
    return len(tokens) < options.min_words


def _too_long(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> bool:
    return len(tokens) > options.max_words


def _mostly_names_or_numbers(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> bool:
    names = sum(1 for t in tokens if t.lemma.proper or t.lemma.pos == "num" or t.text.isdigit())
    return names > options.max_name_share * len(tokens)


RULE_MEANINGS = {  # what each decision's rule means, for `cards inspect --help` and the README
    "heading_or_byline": "a heading, dateline, byline or source line (a headline with a verb may be a card)",
    "omission": "one side has no translation",
    "low_confidence": "the alignment is below --min-score",
    "too_short": "fewer Russian words than --min-words",
    "too_long": "more Russian words than --max-words (by default 40, or 60 for a word no other sentence teaches)",
    "mostly_names_or_numbers": "a list of names and numbers, not a sentence",
    "teaches_new_words": "a card: it teaches these words",
    "teaches_one_new_word": "a card: it teaches one word",
    "kept_from_earlier_build": "a card of an earlier build of this deck, kept with its words",
    "article_built_before": "its article's cards come from an earlier build of this deck",
    "sentence_of_another_pair": "the same Russian sentence is a card or a candidate in an article before it",
    "nothing_new": "every word is known or already taught",
    "max_cards_reached": "--max-cards reached",
    "not_worth_a_card": "its new words are taught by other cards or not worth a card of their own",
}


FILTERS: tuple[tuple[str, Filter], ...] = (
    ("heading_or_byline", _heading),
    ("omission", _omission),
    ("low_confidence", _low_confidence),
    ("too_short", _too_short),
    ("too_long", _too_long),
    ("mostly_names_or_numbers", _mostly_names_or_numbers),
)


def first_filter(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> str | None:
    for name, rule in FILTERS:
        if rule(pair, tokens, options):
            return name
    return None


# --- words that are never targets -----------------------------------------------------------


@functools.lru_cache(maxsize=50_000)
def _readings(word: str) -> tuple[tuple[str, str], ...]:
    """(normal form, tag) of every pymorphy3 dictionary reading of a word (no guesses for unknown words)."""
    return tuple((p.normal_form, str(p.tag)) for p in parses(word) if p.is_known)


def _is_place(word: str, places: frozenset[str]) -> bool:
    """A place name: a proper noun of the text, or one pymorphy3 knows as a place (Geox)."""
    return word in places or any(form == word and "Geox" in tag for form, tag in _readings(word))


def _consonants(word: str) -> str:
    return "".join(ch for ch in word if ch not in "аеёиоуыэюяь")


@functools.lru_cache(maxsize=8)
def _skeletons(places: frozenset[str]) -> frozenset[str]:
    """The consonants of every place name: computed once per text, not once per adjective."""
    return frozenset(_consonants(p) for p in places)


def is_place_adjective(lemma: str, places: frozenset[str] = frozenset()) -> bool:
    """An adjective in -ский made from a place name: иранский (Иран), американский (Америка),
    белорусский (Белоруссия), российский (Россия), минский (Минск); or from a name of the text
    (`places`) with the same consonants (армянский: Армения, белорусский: Беларусь). A compound
    (белорусско-американский, российско-украинский) is one when its last part is."""
    word = lemma_key(lemma)
    if "-" in word:
        return is_place_adjective(word.rsplit("-", 1)[1], places)
    if not word.endswith(("ский", "цкий", "ской", "цкой")):
        return False
    stem = word[:-4]
    endings = ("", "а", "я", "ия", "сия", "ь", "ск")
    skeletons = _skeletons(places)
    for infix in ("", "й", "ей", "ан", "ян", "ин", "ов", "ев", "в"):  # американ-ский → америк-а, трамп-овский
        if not stem.endswith(infix):
            continue
        base = stem[: len(stem) - len(infix)]
        if len(base) >= (3 if not infix else 4) and any(_is_place(base + end, places) for end in endings):
            return True
        if len(_consonants(base)) >= 3 and _consonants(base) in skeletons:
            return True
    return False


def is_demonym(lemma: str, places: frozenset[str] = frozenset()) -> bool:
    """A noun for the people of a place: американец, белорус, армянин (their adjective is a place adjective)."""
    word = lemma_key(lemma)
    if word.endswith(("ец", "ин")):  # американец, армянин: names of the text count too
        adjectives = [word + "ский", word[:-2] + "ский"]
    else:  # белорус, француз: only places the dictionary knows (актёр, турист are no demonyms)
        adjectives, places = [word + "ский"], frozenset()
    return any(len(a) >= 7 and _readings(a) and is_place_adjective(a, places) for a in adjectives)


# A cardinal number in words joined to a unit of time, size or share (четырёхлетний, пятиэтажный, двухнедельный,
# столетний): the same word as 4-летний, read from the number and the unit. Not двусторонний, многолетний,
# двукратный: a prefix that is no cardinal's, or no unit.
NUMBER_IN_WORDS = re.compile(
    r"(одно|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|[а-я]+надцати|двадцати|тридцати|сорока"
    r"|пятидесяти|шестидесяти|семидесяти|восьмидесяти|девяноста|сто|двухсот|тр[её]хсот|тысяче|полутора)"
    r"(летний|месячный|дневный|недельный|часовой|минутный|секундный|этажный|процентный|метровый|километровый"
    r"|тонный|комнатный|местный|градусный)"
)


def not_target(lemma, places: frozenset[str] = frozenset()) -> str | None:
    """Why a content word is not worth teaching from a political article whatever its frequency, or None:
    ordinals, place adjectives and demonyms (a learner who knows the place reads them), and question or
    pointing adverbs (насколько, тогда), which are grammar rather than vocabulary."""
    word = lemma_key(lemma.lemma)
    tags = [tag for form, tag in _readings(word) if lemma_key(form) == word]
    if lemma.pos == "adj" and any("Anum" in tag for tag in tags) or re.fullmatch(r"во?-[а-яё]+[ыи]х", word):
        return "ordinal"  # третий; в-третьих, во-вторых (the adverbs of ordinals)
    if lemma.pos == "adj" and is_place_adjective(word, places):
        return "place_adjective"
    if lemma.pos == "noun" and lemma.animacy != "inan" and is_demonym(word, places):
        return "demonym"
    if lemma.pos == "adv" and any("Ques" in tag or "Dmns" in tag for tag in tags):
        return "pronominal_adverb"
    if len(word) <= 4 and not any(ch in "аеёиоуыэюя" for ch in word) or tags and all("Abbr" in tag for tag in tags):
        return "abbreviation"  # кг, кв, млрд; ул, врио, СМИ (pymorphy3 knows them only as abbreviations)
    if word[:1].isdigit() or NUMBER_IN_WORDS.fullmatch(word):
        return "numeral_compound"  # 4-летний, 20-процентный: a number joined to its unit, in digits or in words (четырёхлетний)
    if len(word) <= 2 and not _in_lexicon(word):
        return "not_a_word"  # зи, a typo for из: no dictionary has it
    return None


def _in_lexicon(word: str) -> bool:
    """The shipped lexicon gives the word a meaning."""
    from cards.lexicon.lexicon import shipped

    lexicon = shipped()
    return lexicon.has_sense(word) or bool(lexicon.wiktionary.get(word))


def is_derived_adverb(lemma: str) -> bool:
    """An adverb made from an adjective (сложно ← сложный, критически ← критический): once the
    adjective is known, it teaches little on its own."""
    word = lemma_key(lemma)
    return any(tag.startswith("ADJS") for _, tag in _readings(word)) or (
        word.endswith("ски") and any(tag.startswith("ADJF") for _, tag in _readings(word[:-1] + "ий"))
    )


# --- names the sentence alone does not show -------------------------------------------------
# cards.lexicon.morph marks names from the Russian sentence: a capitalised word that is not sentence-initial,
# a dictionary name reading (Surn, Name, Patr, Geox, Orgn) that alone can be the subject (Песков
# заявил). A sentence-initial capital hides the rest — Кремль, Дума, a surname that is also a common
# word — and these rules find them from the English and from the rest of the article. A token a rule
# names becomes a proper Lemma (cards.lexicon.names.as_name: Песков, not песок), so it is never a target.

NAME_MAX_ENGLISH_ZIPF = 3.8  # Kremlin 3.4, Duma 3.0, Peskov 1.9; not Sanctions 3.95, President 5.5, Parliament 4.7
# An English word opening a sentence is capitalised anyway: it must be rarer still (Lokomotiv 1.9,
# Myasnikov 0; not Oligarchs 2.9, Moratorium 3.1), unless the dictionary has the Russian word as a name.
NAME_MAX_ENGLISH_ZIPF_AT_START = 2.5
NAME_MIN_SIMILARITY = 0.8  # Кремль/Kremlin 0.83, Пескова/Peskov 0.92, Думы/Duma (by its lemma) 1.0

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_EN_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*)[\"“”«»'‘’(\s]*$")


def _latin_key(latin: str) -> str:
    """A rough phonetic key of a Latin spelling, so that transliterations meet English spellings."""
    key = latin.lower()
    for a, b in (("shch", "sh"), ("y", "i"), ("j", "i"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("x", "ks"),
                 ("w", "v"), ("kh", "h"), ("ts", "c"), ("iia", "ia"), ("iiu", "iu"), ("c", "k")):
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)


def spelling_similarity(russian: str, english: str) -> float:
    """How closely an English word spells a Russian word letter for letter (plain transliteration,
    no English endings swapped in: санкции/Sanctions is a cognate, not a transliteration), in [0, 1];
    0 unless both keys have 4 letters and share the first two."""
    from cards.align.translit import to_latin

    a, b = _latin_key(to_latin(russian)), _latin_key(english)
    if len(a) < 4 or len(b) < 4 or a[:2] != b[:2]:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@functools.lru_cache(maxsize=4096)  # asked for every capitalised word of the sentence
def english_names(en: str) -> tuple[tuple[str, bool], ...]:
    """The capitalised words of an English sentence, a possessive 's dropped, each with whether it
    starts a sentence (there, a capital proves nothing)."""
    found = []
    for m in _EN_WORD.finditer(en):
        word = re.sub(r"['’]s?$", "", m.group())
        if word[:1].isupper():
            found.append((word, bool(_EN_SENTENCE_START.search(en[: m.start()]))))
    return tuple(found)


def _has_name_reading(word: str) -> bool:
    """pymorphy3's dictionary has the word as a name (Surn, Name, Patr, Geox, Orgn)."""
    return any(tag.startswith("NOUN") and any(g in tag for g in NAME_GRAMMEMES) for _, tag in _readings(word))


def spelled_in_english(token: Token, pair: Pair, article_names: frozenset[str]) -> bool:
    """Песков/Peskov, Пескова/Peskov's, Кремль/the Kremlin, Дума/the Duma: a capitalised word whose
    English sentence spells it as a capitalised word that is rare as an English word
    (`NAME_MAX_ENGLISH_ZIPF`: not President, Parliament) — the surface form or the lemma in plain
    transliteration, at least `NAME_MIN_SIMILARITY` alike. An English word opening a sentence must be
    rarer (`NAME_MAX_ENGLISH_ZIPF_AT_START`), unless the dictionary has the Russian word as a name too
    (Peskov said …)."""
    word = token.text.lower()
    forms = {word, lemma_key(token.lemma.lemma)}
    for english, starts in english_names(pair.en):
        at_start = starts and not _has_name_reading(word)
        if english_zipf(english) >= (NAME_MAX_ENGLISH_ZIPF_AT_START if at_start else NAME_MAX_ENGLISH_ZIPF):
            continue
        if max(spelling_similarity(f, english) for f in forms) >= NAME_MIN_SIMILARITY:
            return True
    return False


def named_in_english(token: Token, pair: Pair) -> bool:
    """«столичные» / "the Capitals": a word alone in quotation marks (`in_one_word_quote`) that the English
    writes with a capital in mid-sentence, as one of its first glosses or in transliteration, is a
    nickname or a title, not the common word (a quoted term of several words, «иностранный агент», is
    left to the other rules)."""
    from cards.lexicon.lexicon import shipped

    entry = shipped().entry(token.lemma.lemma, token.lemma.pos)
    glosses = {w for group in (entry.shown_senses[:2] if entry else ()) for g in group[:2] for w in english_stems(g)}
    forms = {token.text.lower(), lemma_key(token.lemma.lemma)}
    for english, starts in english_names(pair.en):
        if starts:
            continue
        if set(english_stems(english)) & glosses or max(spelling_similarity(f, english) for f in forms) >= NAME_MIN_SIMILARITY:
            return True
    return False


def capitalised_elsewhere(token: Token, pair: Pair, article_names: frozenset[str]) -> bool:
    """Кремль, Дума opening a sentence, where the same article capitalises the noun mid-sentence
    (`article_names`): the head of a name (the Kremlin, the Duma), as it is there."""
    return token.lemma.pos == "noun" and lemma_key(token.lemma.lemma) in article_names


NameRule = Callable[[Token, Pair, frozenset[str]], bool]
NAME_RULES: tuple[tuple[str, NameRule], ...] = (
    ("capitalised_elsewhere", capitalised_elsewhere),
    ("spelled_in_english", spelled_in_english),
)


def name_rule(token: Token, pair: Pair, article_names: frozenset[str] = frozenset()) -> str | None:
    """The first name rule that takes a capitalised, not yet proper, Cyrillic word as a name, or None;
    any word of a short quotation that opens with a capital is part of a name (`in_quoted_name`)."""
    if token.lemma.proper:
        return None
    if in_quoted_name(pair.ru, token.start):
        return "in_quoted_name"
    if in_one_word_quote(pair.ru, token) and named_in_english(token, pair):
        return "named_in_english"
    if not re.match(r"[А-ЯЁ]", token.text):
        return None
    for name, rule in NAME_RULES:
        if rule(token, pair, article_names):
            return name
    return None


def is_title_word(token: Token, pair: Pair, topic: Set[str]) -> bool:
    """врио Губернатора, Министерство обороны: a word of the topic's vocabulary capitalised in mid-sentence
    as a title or an institution's name, which the dictionary knows only as a common word and the English
    does not spell as a name (the Kremlin, the Duma stay names). It is the word, not a name."""
    word = token.text.lower()
    return (token.lemma.proper and token.lemma.pos in ("noun", "adj") and not token.text.isupper()
            and lemma_key(token.lemma.lemma) in topic and not _has_name_reading(word)
            and not in_quotes(pair.ru, token.start) and not spelled_in_english(token, pair, frozenset()))


_SHORT_QUOTE = re.compile(r"[«\"“„]((?:[^«»\"“”„\s]+\s?){1,4})[»\"”“]")


@functools.lru_cache(maxsize=4096)
def _short_quotes(text: str) -> tuple[tuple[int, int, bool], ...]:
    """The short quotations of a text: (start, stop, opens with a capital), found once per text."""
    return tuple((m.start(1), m.end(1), m.group(1)[:1].isupper()) for m in _SHORT_QUOTE.finditer(text))


def in_quotes(text: str, at: int) -> bool:
    """Is position `at` inside a short quotation (up to 4 words): the name of a company, a channel or a ship
    («Ренессанс Капитал», "Военный обозреватель"), not a quoted statement?"""
    return any(a <= at < b for a, b, _ in _short_quotes(text))


def in_one_word_quote(text: str, token: Token) -> bool:
    """Is the token alone in quotation marks («столичные», "канониры": a team's nickname, a title)?"""
    return any(a == token.start and b == token.stop for a, b, _ in _short_quotes(text))


def in_quoted_name(text: str, at: int) -> bool:
    """Is position `at` inside a short quotation (`in_quotes`) that opens with a capital: the name of a
    ship, a shipyard, a company or a newspaper («Адмирал флота Касатонов», «Северная верфь»), whose
    words are not taught? «иностранный агент», a term in quotes, is not one."""
    return any(a <= at < b and capital for a, b, capital in _short_quotes(text))


def as_word(token: Token) -> Token:
    """A token taken as a name by its capital alone, as the common word it is (`is_title_word`)."""
    return replace(token, lemma=replace(token.lemma, lemma=token.lemma.lemma.lower(), proper=False))


def with_names(pairs: Sequence[Pair], analyses: Sequence[Sequence[Token]],
               topic: Set[str] = frozenset()) -> list[tuple[Token, ...]]:
    """The analyses with every token a name rule (`NAME_RULES`) takes as a name made proper
    (cards.lexicon.names.as_name), and every title word of the `topic` (`is_title_word`) made common.
    Article names: the nouns proper in any pair of the same article (`Pair.source`) with a capital."""
    analyses = [tuple(as_word(t) if topic and is_title_word(t, p, topic) else t for t in tokens)
                for p, tokens in zip(pairs, analyses, strict=True)]
    article_names: dict[str, set[str]] = {}
    for p, tokens in zip(pairs, analyses, strict=True):
        article_names.setdefault(p.source, set()).update(
            lemma_key(t.lemma.lemma) for t in tokens
            if t.lemma.proper and t.lemma.pos == "noun" and t.text[:1].isupper() and not t.text.isupper()
        )
    out = []
    for p, tokens in zip(pairs, analyses, strict=True):
        names = frozenset(article_names[p.source])
        out.append(tuple(as_name(t) if name_rule(t, p, names) else t for t in tokens))
    return out


# --- step 2: weighted greedy cover --------------------------------------------------------


def _same_sentence(a: frozenset[str], b: frozenset[str]) -> bool:
    """Near duplicates (an article repeating its lead) count once: most of their lemmas are shared."""
    return bool(a) and len(a & b) >= 0.8 * max(len(a), len(b))


def _duplicate_candidates(keys: frozenset[str], postings: Mapping[str, list[int]]) -> set[int]:
    """The seen sentences that can be near duplicates of one with these lemmas (`_same_sentence`): a
    duplicate shares at least 80% of them, so it holds one of any len - ceil(0.8·len) + 1 of them; the
    rarest are looked up. Linear in the text instead of quadratic."""
    if not keys:
        return set()
    need = len(keys) - math.ceil(0.8 * len(keys)) + 1
    rarest = sorted(keys, key=lambda k: (len(postings.get(k, ())), k))[:need]
    return {j for k in rarest for j in postings.get(k, ())}


def _family(key: str) -> str:
    """Lemmas sharing their first six letters are one word family (санкция, санкционный)."""
    return key[:6]


# Content words by how much of a text's topic they carry: terminology is mostly nominal.
POS_WEIGHT = {"noun": 1.0, "adj": 0.8, "verb": 0.6, "adv": 0.4}
# Endings of abstract, bookish words (санкция, сотрудничество, заинтересованность, ограничение,
# нормализовать), the register political prose is written in.
BOOKISH = ("ция", "зия", "ство", "ость", "ние", "тие", "изм", "ировать", "ироваться", "изовать")


STRETCH_WORDS = 2000  # a long article is weighed in stretches of this many words (the seed has 1240)


TOPIC_WEIGHT = 1.5  # the topic's vocabulary is what the learner studies: it weighs this much more


def domain_weights(
    analyses: Sequence[Sequence[Token]], options: SelectOptions, sources: Sequence[str] | None = None
) -> dict[str, float]:
    """How much each candidate lemma is worth teaching from these articles (`sources`: the article of
    each analysis, default all one article). Words not worth anything are left out.

    keyness × part of speech × register × usefulness:
    - keyness: in the stretch of text (an article, or each STRETCH_WORDS of a long one) where its word
      family (`_family`) stands out most, log2(1 + observed / expected), observed: the family's
      occurrences there, once per sentence (near-duplicate sentences once), expected: those of a word
      of its wordfreq Zipf in as many words of general Russian; plus log2 of the number of articles
      the family occurs in. Adding articles to a build thus raises the words they share and leaves
      the others as they were, and a long article weighs its words like several short ones;
    - part of speech: `POS_WEIGHT`; adverbs made from adjectives count half again;
    - register: bookish endings (`BOOKISH`) count 1.25 times;
    - usefulness: exp(-((zipf - 4) / 3)²), so very rare words count less;
    - topic: words of the studied topic's vocabulary (`SelectOptions.topic`) count TOPIC_WEIGHT times, not
      those it has from the news register alone (`SelectOptions.register`: taught, but not what is studied).
    Words that are never targets (`not_target`) get no weight."""
    sources = list(sources) if sources is not None else [""] * len(analyses)
    places = frozenset(lemma_key(t.lemma.lemma) for tokens in analyses for t in tokens if t.lemma.proper)
    seen: list[frozenset[str]] = []
    families: dict[tuple[str, int], Counter[str]] = {}  # (article, stretch) → family → occurrences
    words: Counter[tuple[str, int]] = Counter()  # (article, stretch) → words
    read: Counter[str] = Counter()  # article → words so far
    lemmas: dict[str, Token] = {}
    postings: dict[str, list[int]] = {}  # lemma → the seen sentences holding it
    for tokens, source in zip(analyses, sources, strict=True):
        keys = frozenset(lemma_key(t.lemma.lemma) for t in tokens if t.lemma.pos in CONTENT_POS)
        if any(_same_sentence(keys, seen[j]) for j in _duplicate_candidates(keys, postings)):
            continue
        for key in keys:
            postings.setdefault(key, []).append(len(seen))
        seen.append(keys)
        stretch = (source, read[source] // STRETCH_WORDS)
        read[source] += len(tokens)
        words[stretch] += len(tokens)
        for t in tokens:
            if is_candidate(t, options) or may_have_later_sense(t.lemma, options) or has_domain_sense(t.lemma, options):
                lemmas.setdefault(lemma_key(t.lemma.lemma), t)
        families.setdefault(stretch, Counter()).update(_family(k) for k in keys if k in lemmas)
    found_in: dict[str, list[tuple[int, int, str]]] = {}  # family → (occurrences, words, article) per stretch
    for stretch, counts in families.items():
        for family, n in counts.items():
            found_in.setdefault(family, []).append((n, words[stretch], stretch[0]))
    weights = {}
    for key, token in lemmas.items():
        lemma = token.lemma
        if not_target(lemma, places):
            continue
        rate = 10 ** (lemma.zipf - 9)  # occurrences per word of general Russian
        found = found_in[_family(key)]
        keyness = max(math.log2(1 + n / (w * rate)) for n, w, _ in found) + math.log2(len({a for _, _, a in found}))
        weight = keyness * POS_WEIGHT[lemma.pos] * math.exp(-(((lemma.zipf - 4.0) / 3.0) ** 2))
        if key.endswith(BOOKISH):
            weight *= 1.25
        if lemma.pos == "adv" and is_derived_adverb(key):
            weight *= 0.5
        if (key in options.topic or key in options.in_news_sense) and key not in options.register:
            weight *= TOPIC_WEIGHT
        weights[key] = round(weight, 6)
    return weights


def _unknown_by_lemma(tokens: Sequence[Token], known: frozenset[str], weights: Mapping[str, float],
                      options: SelectOptions, english: str | None = None,
                      counterparts: Mapping[int, str] | None = None) -> dict[str, Token]:
    from cards.lexicon.units import faded_nouns

    found: dict[str, Token] = {}
    faded = faded_nouns(tokens)  # к сожалению: not сожаление
    for i, t in enumerate(tokens):
        key = lemma_key(t.lemma.lemma)
        if (key not in known and key not in found and key in weights and i not in faded
                and is_candidate(t, options, english, counterparts)):
            found[key] = t
    return found


def _kept_targets(tokens: Sequence[Token], keys: Sequence[str], options: SelectOptions,
                  english: str, counterparts: Mapping[int, str] | None = None) -> tuple[Token, ...]:
    """The tokens a kept card teaches its lemmas by, in sentence order: for each lemma the token a fresh
    build takes (the first that is a candidate: not «Рейтинг», a pollster's name, before рейтинг, the
    word), else its first token; so a rebuild stores the lemma as the first build did."""
    found: dict[str, Token] = {}
    for t in tokens:
        key = lemma_key(t.lemma.lemma)
        if key in keys and key not in found and is_candidate(t, options, english, counterparts):
            found[key] = t
    for t in tokens:
        key = lemma_key(t.lemma.lemma)
        if key in keys:
            found.setdefault(key, t)
    if options.phrases and any(" " in key for key in keys):  # a phrase taught whole
        from cards.lexicon.units import phrase_units

        for unit in phrase_units(tokens):
            if lemma_key(unit.form) in keys:
                found.setdefault(lemma_key(unit.form), unit.token(tokens))
    return tuple(sorted(found.values(), key=lambda t: t.start))


def new_phrases(tokens: Sequence[Token], targets: Sequence[Token], known: Set[str],
                options: SelectOptions) -> tuple[Token, ...]:
    """The phrases a card of this sentence teaches beside its `targets`, as tokens over their words: dictionary
    phrases (cards.lexicon.units) not `known`, whose every content word the learner knows at the level
    (a phrase with a new word is shown under that word), and the set phrases of news not known at the level
    (`known_phrases`: во главе с "led by" whatever the learner makes of глава alone), none of them a name or
    a target, while the card has room (`max_new`)."""
    from cards.lexicon.units import is_set_phrase, phrase_units

    out: list[Token] = []
    for unit in phrase_units(tokens):
        words = [t for t in tokens[unit.first : unit.stop] if is_content(t.lemma)]
        fixed = is_set_phrase(unit.form)
        if (len(targets) + len(out) >= options.max_new or lemma_key(unit.form) in known
                or (fixed and lemma_key(unit.form) in options.known_phrases)
                or any(t.lemma.proper or not (fixed or known_by_level(t.lemma, options)) for t in words)
                or any(t.start < w.stop and w.start < t.stop for t in targets for w in words)):
            continue
        out.append(unit.token(tokens))
    return tuple(out)


def _targets(new: Sequence[str], weights: Mapping[str, float], options: SelectOptions) -> list[str]:
    """The new lemmas worth a card of their own."""
    return [k for k in new if weights[k] >= options.min_weight]


def _teachable(new: Sequence[str], weights: Mapping[str, float], options: SelectOptions, dense: bool = False) -> bool:
    """A pair can become a card: it teaches a word worth a card, and does not hold too many of them
    (unless `dense` pairs are allowed)."""
    worth = len(_targets(new, weights, options))
    return 1 <= worth and (dense or worth <= options.max_new + options.extra_unknown)


def _plan(new: Sequence[str], weights: Mapping[str, float], chances: Mapping[str, int],
          options: SelectOptions) -> tuple[list[str], float]:
    """What a card would teach of its new lemmas, and its gain.

    It teaches up to max_new: words worth a card first, among them first those no other open pair can
    teach, then the weightiest; words not worth a card of their own fill the room left (taught along):
    the topic's words (and the article's `subjects`) up to max_new, other words up to `fill` targets.
    Beyond max_new, up to `room_beyond` more words worth a card or of the topic that no other open pair holds
    (the card is their only chance: признать in a sentence of six weightier party-finance words).
    Gain: the weight of what it teaches, less a quarter of `min_weight` for each word worth a card it
    leaves unexplained (half that for other unknown words, which a learner can guess or look up)."""

    def rank(k: str) -> tuple[bool, bool, float]:
        return (weights[k] < options.min_weight, chances.get(k, 0) > 1, -weights[k])

    ranked = sorted(new, key=rank)
    worth = [k for k in ranked if weights[k] >= options.min_weight][: options.max_new]
    along = [k for k in ranked if weights[k] < options.min_weight]
    topic = news_words(options)
    topical = [k for k in along if k in topic][: options.max_new - len(worth)]
    other = [k for k in along if k not in topic]
    teach = worth + topical + other[: max(0, min(options.fill, options.max_new) - len(worth) - len(topical))]
    teach += [k for k in ranked if k not in teach and chances.get(k, 0) <= 1
              and (weights[k] >= options.min_weight or k in topic)][: options.room_beyond]
    left = [k for k in new if k not in teach]
    penalty = sum(1.0 if weights[k] >= options.min_weight else 0.5 for k in left)
    return teach, sum(weights[k] for k in teach) - 0.25 * options.min_weight * penalty


def _cover(open_pairs: Sequence[int], unknown: Sequence[dict[str, Token]], weights: Mapping[str, float],
           taught: set[str], options: SelectOptions, budget: int | None,
           length: Sequence[int], dense: bool = False) -> dict[int, list[str]]:
    """Weighted greedy cover: take the pair with the best gain (`_plan`; between equals, an i+1 sentence,
    then a shorter one, then the first), until no open pair teaches a word worth a card or the budget is
    spent. Returns the lemmas each chosen pair teaches, in the order chosen. With `dense`, pairs with
    more words worth a card than a card holds are teachable too (`_teachable`).

    Linear in the text, not quadratic: a pair's gain depends only on its new words and on which of them
    other teachable pairs hold too (`chances` > 1), so after a choice only the pairs holding a word just
    taught, or a word whose chances crossed 1, are planned again; the best plan is kept in a heap."""
    holding: dict[str, list[int]] = {}  # lemma → the open pairs with it among their unknown words
    for i in open_pairs:
        for k in unknown[i]:
            holding.setdefault(k, []).append(i)
    new = {i: [k for k in unknown[i] if k not in taught] for i in open_pairs}
    able = {i for i in open_pairs if _teachable(new[i], weights, options, dense)}
    chances = Counter(k for i in able for k in new[i])
    plans: dict[int, tuple[list[str], int]] = {}  # pair → what it would teach, and its entry in the heap
    heap: list[tuple[float, int, int]] = []  # (-gain, pair, entry): the best gain, then the first pair

    def plan(i: int) -> None:
        teach, gain = _plan(new[i], weights, chances, options)
        gain += 0.1 * options.min_weight * (len(new[i]) == 1) - 0.001 * length[i]
        entry = next(counter)
        plans[i] = (teach, entry)
        heapq.heappush(heap, (-gain, i, entry))

    counter = itertools.count()
    chosen: dict[int, list[str]] = {}
    for i in sorted(able):
        plan(i)
    while heap and (budget is None or len(chosen) < budget):
        _, best, entry = heapq.heappop(heap)
        if best not in able or plans[best][1] != entry:
            continue  # planned again since, or no longer teachable
        chosen[best] = teach = plans[best][0]
        taught.update(teach)
        touched = {j for k in teach for j in holding.get(k, ()) if j != best and j not in chosen}
        before = {k: chances[k] for j in (best, *touched) for k in new[j]}
        able.discard(best)
        chances.subtract(new[best])
        for j in touched:
            if j in able:
                chances.subtract(new[j])
            new[j] = [k for k in unknown[j] if k not in taught]
            if _teachable(new[j], weights, options, dense):
                able.add(j)
                chances.update(new[j])
            else:
                able.discard(j)
        crossed = [k for k, n in before.items() if (n > 1) != (chances[k] > 1)]
        again = touched | {j for k in crossed for j in holding[k] if j in able and k in new[j]}
        for j in sorted(again):
            if j in able:
                plan(j)
    return chosen


def _drop_redundant(chosen: dict[int, list[str]], unknown: Sequence[dict[str, Token]],
                    weights: Mapping[str, float], options: SelectOptions) -> dict[int, list[str]]:
    """Drop cards whose words worth a card can all move to other chosen cards with room for them
    (displacing a word not worth a card), latest chosen first: a greedy cover leaves a few such cards.
    A word's home is the first chosen card (in the order chosen) that holds it, found through an index."""
    chosen = {i: list(keys) for i, keys in chosen.items()}
    holders: dict[str, list[int]] = {}  # lemma → the chosen pairs with it among their unknown words, in order
    for j in chosen:
        for k in unknown[j]:
            holders.setdefault(k, []).append(j)
    for i in reversed(list(chosen)):
        moved: dict[int, list[str]] = {}  # the other cards this drop would change, as they would be

        def keys_of(j: int) -> list[str]:
            return moved[j] if j in moved else chosen[j]

        movable = True
        for k in _targets(chosen[i], weights, options):
            home = next((j for j in holders.get(k, ()) if j != i and j in chosen and k not in keys_of(j)
                         and (len(keys_of(j)) < options.max_new
                              or any(weights[x] < options.min_weight for x in keys_of(j)))), None)
            if home is None:
                movable = False
                break
            keys = moved[home] = list(keys_of(home))
            if len(keys) >= options.max_new:
                keys.remove(min(keys, key=lambda x: weights[x]))
            keys.append(k)
            along = [x for x in keys if weights[x] < options.min_weight and x not in news_words(options)]
            while along and len(keys) > options.fill:  # `fill` holds here too
                keys.remove(along.pop(along.index(min(along, key=lambda x: weights[x]))))
        if movable:
            chosen.update(moved)
            del chosen[i]
    return chosen


def _second_chance(chosen: dict[int, list[str]], unknown: Sequence[dict[str, Token]], weights: Mapping[str, float],
                   taught: Set[str], options: SelectOptions) -> dict[int, list[str]]:
    """The words worth a card or of the topic that chosen cards hold but none teaches (a full card left them
    to another sentence, which became no card): each, weightiest first, goes to the chosen card holding it
    that teaches fewest, while that card teaches fewer than max_new + `room_beyond`."""
    chosen = {i: list(keys) for i, keys in chosen.items()}
    done = set(taught).union(*chosen.values())
    left = {k for i in chosen for k in unknown[i]
            if k not in done and (weights[k] >= options.min_weight or k in news_words(options))}
    room = options.max_new + options.room_beyond
    for k in sorted(left, key=lambda k: (-weights[k], k)):
        holders = [i for i in chosen if k in unknown[i] and len(chosen[i]) < room]
        if holders:
            chosen[min(holders, key=lambda i: (len(chosen[i]), i))].append(k)
    return chosen


def _brief_cover(open_pairs: Sequence[int], pairs: Sequence[Pair], analyses: Sequence[Sequence[Token]],
                 unknown: Sequence[dict[str, Token]], weights: Mapping[str, float], taught: set[str],
                 own: Sequence[SelectOptions], said: Sequence[Mapping[int, str]], options: SelectOptions,
                 budget: int | None, length: Sequence[int]) -> dict[int, list[str]]:
    """The cards of the open pairs of news briefs (articles on the topic of at most `brief_words` Russian
    words) for their words of the topic or the news register that no card teaches: in a brief each of them is
    worth a card of its own (18 детей погибли … в Волгоградской области: погибнуть, область; Ранее … писал о
    крупном пожаре: ранее, крупный). A brief is read whole and makes few cards; its news words
    are what a teacher lists, and the sentence left is their only chance. A word of the domain-senses table
    is one of them only where its English says its news sense (`domain_sense`): not провёл четыре сезона, "spent"."""
    size: Counter[str] = Counter()
    for pair, tokens in zip(pairs, analyses, strict=True):
        size[pair.source] += sum(any(ch.isalpha() for ch in t.text) for t in tokens)
    brief = [i for i in open_pairs if size[pairs[i].source] <= options.brief_words
             and own[i].level >= options.level]  # not an article off the topic (`article_options`)
    if not brief:
        return {}
    news = {k for i in brief for k, t in unknown[i].items()
            if k in news_words(own[i]) and domain_sense(t, own[i], said[i]) is not False}
    lifted = {k: max(w, options.min_weight) if k in news else w for k, w in weights.items()}
    return _cover(brief, unknown, lifted, taught, options, budget, length, dense=True)


def select(
    pairs: Sequence[Pair],
    analyses: Sequence[Sequence[Token]],
    known: frozenset[str] = frozenset(),
    options: SelectOptions = SelectOptions(),
    earlier: Mapping[int, Sequence[str]] | None = None,
    listed: frozenset[str] | None = None,
    built: frozenset[str] = frozenset(),
    named: bool = False,
    counterparts: Sequence[Mapping[int, str]] | None = None,
) -> tuple[Decision, ...]:
    """Decide for every pair whether it becomes a card, with the deciding rule and its targets.
    `listed`: the words on the learner's own lists (by default all of `known`); kept cards of an earlier
    build stop teaching them.

    `earlier` maps pairs that an earlier build of the deck already made into cards to the lemmas
    they taught: they are kept as they were, so a rebuild updates those notes instead of dropping them,
    and their lemmas count as taught for the rest. An article (`Pair.source`) with such cards was built
    before: it gets no new cards, even when the other articles now make more of its words worth a card.
    So does an article in `built` (the sources of articles an earlier build had, even those it made no card of).
    `named`: the analyses have been through `with_names` already (as `cards build` passes them).
    `counterparts`: for each pair, the English counterparts of its words of the domain-senses table
    (Russian start → English; cards.build.sense_counterparts): a word without one is known in its first sense."""
    if len(pairs) != len(analyses):
        raise ValueError("one analysis per pair")
    known = frozenset(lemma_key(k) for k in known)
    analyses = analyses if named else with_names(pairs, analyses, options.topic)
    of_article = article_options(pairs, analyses, options)
    own = [of_article[p.source] for p in pairs]  # with what its article is about, and how far it is on the topic
    options = with_subjects(options, frozenset().union(*(o.topic for o in of_article.values())))  # for the weights and a card's room
    options = with_news_senses(options, analyses)
    weights = domain_weights(analyses, options, [p.source for p in pairs])
    said = list(counterparts) if counterparts is not None else [{} for _ in pairs]
    unknown = [_unknown_by_lemma(tokens, known, weights, mine, p.en, found)
               for tokens, p, mine, found in zip(analyses, pairs, own, said, strict=True)]
    dropped = {i: first_filter(p, analyses[i], options) for i, p in enumerate(pairs)}
    open_pairs = [i for i, rule in dropped.items() if rule is None]
    longer = _long_enough(pairs, analyses, dropped, options)  # too long, yet a last chance for its words

    taught: set[str] = set()
    chosen: dict[int, tuple[Token, ...]] = {}
    final_rule: dict[int, str] = {i: rule for i, rule in dropped.items() if rule is not None}
    listed = known if listed is None else frozenset(lemma_key(k) for k in listed)
    for i, keys in _kept(earlier or {}, {i: None if i in longer else r for i, r in dropped.items()},
                         listed, weights, options).items():
        chosen[i] = _kept_targets(analyses[i], keys, own[i], pairs[i].en, said[i])
        taught.update(keys)
        final_rule[i] = "kept_from_earlier_build"
        if i in open_pairs:
            open_pairs.remove(i)
        longer.discard(i)
    built = {pairs[i].source for i in earlier or {} if pairs[i].source} | set(built)
    for i in [i for i in open_pairs if pairs[i].source in built]:
        final_rule[i] = "article_built_before"
        open_pairs.remove(i)
    for i in _repeated(pairs, open_pairs, chosen):
        final_rule[i] = "sentence_of_another_pair"
        open_pairs.remove(i)
    budget = None if options.max_cards is None else max(0, options.max_cards - len(chosen))
    length = [len(tokens) for tokens in analyses]
    picked = _cover(open_pairs, unknown, weights, set(taught), options, budget, length)
    # Then the dense pairs, for the words worth a card that no card teaches yet: a short article's one
    # long sentence of key terms teaches its max_new weightiest (bench/keywords.py, heldout2/3: +5 each).
    rest = [i for i in open_pairs if i not in picked]
    taught_now = set(taught).union(*picked.values())
    picked.update(_cover(rest, unknown, weights, taught_now, options,
                         None if budget is None else budget - len(picked), length, dense=True))
    # Last, sentences a little too long (`long_rescue`), for the words worth a card still untaught; such
    # a card teaches only those and the topic's words (no `fill`): a long card should not grow longer.
    longer -= {i for i in longer if pairs[i].source in built}
    longer -= set(_repeated(pairs, sorted(longer), {**chosen, **picked}))
    taught_now = set(taught).union(*picked.values())
    rescued = _cover(sorted(longer), unknown, weights, taught_now, replace(options, fill=0),
                     None if budget is None else budget - len(picked), length, dense=True)
    picked.update(rescued)
    picked = _drop_redundant(picked, unknown, weights, options)  # before the briefs' cards, which teach only words no card has
    # Last of all, a news brief's sentences no card took, for its news words that weigh too little for a card
    picked.update(_brief_cover([i for i in open_pairs if i not in picked], pairs, analyses, unknown, weights,
                               set(taught).union(*picked.values()), own, said, options,
                               None if budget is None else budget - len(picked), length))
    new_cards = _second_chance(picked, unknown, weights, taught, options)
    for i, keys in new_cards.items():
        chosen[i] = tuple(sorted((unknown[i][k] for k in keys), key=lambda t: t.start))
        taught.update(keys)
        if i in open_pairs:  # not one of the `longer` pairs
            open_pairs.remove(i)
        final_rule[i] = "teaches_one_new_word" if len(keys) == 1 else "teaches_new_words"
    seen = set(known) | taught if options.phrases else set()  # a phrase is taught once
    for i in sorted(new_cards) if options.phrases else ():  # kept cards keep what they taught
        phrases = new_phrases(analyses[i], chosen[i], seen, options)
        chosen[i] = tuple(sorted(chosen[i] + phrases, key=lambda t: t.start))
        seen.update(lemma_key(t.lemma.lemma) for t in phrases)
    for i in open_pairs:
        new = [k for k in unknown[i] if k not in taught]
        if not new:
            final_rule[i] = "nothing_new"
        elif options.max_cards is not None and len(chosen) >= options.max_cards and _targets(new, weights, options):
            final_rule[i] = "max_cards_reached"
        else:
            final_rule[i] = "not_worth_a_card"  # its new words are all taught elsewhere or not worth a card

    # the order a build from nothing gives: the words earlier builds taught count as new here
    fresh = {i: _unknown_by_lemma(analyses[i], listed, weights, own[i], pairs[i].en, said[i]) if earlier else unknown[i]
             for i in chosen}
    order = study_order(chosen, fresh)
    return tuple(
        Decision(
            index=i,
            pair=p,
            chosen=i in chosen,
            rule=final_rule[i],
            targets=chosen.get(i, ()),
            unknown=tuple(unknown[i]),
            order=order.get(i, -1),
        )
        for i, p in enumerate(pairs)
    )


def _long_enough(pairs: Sequence[Pair], analyses: Sequence[Sequence[Token]], dropped: Mapping[int, str | None],
                 options: SelectOptions) -> set[int]:
    """The pairs left out only as too long that are at most `long_rescue` times --max-words long and pass
    every other filter."""
    longest = replace(options, max_words=math.floor(options.max_words * options.long_rescue))
    return {i for i, rule in dropped.items()
            if rule == "too_long" and first_filter(pairs[i], analyses[i], longest) is None}


def _repeated(pairs: Sequence[Pair], open_pairs: Sequence[int], kept: Mapping[int, object]) -> list[int]:
    """The open pairs whose Russian sentence is that of a kept card or of an open pair before them (another
    article with the same sentence): a sentence is one note, so it may be one card only."""
    from cards.deck.export import normalise_sentence

    seen = {normalise_sentence(pairs[i].ru) for i in kept}
    repeated = []
    for i in open_pairs:
        key = normalise_sentence(pairs[i].ru)
        if key in seen:
            repeated.append(i)
        seen.add(key)
    return repeated


def _kept(earlier: Mapping[int, Sequence[str]], dropped: Mapping[int, str | None], known: frozenset[str],
          weights: Mapping[str, float], options: SelectOptions) -> dict[int, list[str]]:
    """The cards of an earlier build that this build keeps, with the words each still teaches: the
    options of this build apply to them too. A sentence a filter now drops (--min-words …) is left out;
    words now on the learner's lists are no longer taught; a card keeps at most --max-new words (its
    weightiest); and at most --max-cards cards are kept, in article order."""
    kept: dict[int, list[str]] = {}
    for i, lemmas in sorted(earlier.items()):
        if dropped.get(i) is not None:
            continue
        keys = [k for k in dict.fromkeys(lemma_key(x) for x in lemmas) if k not in known]
        if not keys:
            continue
        if len(keys) > options.max_new + options.room_beyond:  # what a fresh card may teach
            keys = sorted(keys, key=lambda k: -weights.get(k, 0.0))[: options.max_new + options.room_beyond]
        kept[i] = keys
        if options.max_cards is not None and len(kept) >= options.max_cards:
            break
    return kept


def study_order(chosen: dict[int, tuple[Token, ...]], unknown: Mapping[int, dict[str, Token]]) -> dict[int, int]:
    """Order chosen cards so that each adds as few unfamiliar words as possible given the ones before;
    ties go to the card whose words are more frequent (easier), then to article order. A heap of
    (unfamiliar words, -mean Zipf, card), an entry renewed when a card's count drops: linear, not quadratic."""
    fresh = {i: set(unknown[i]) for i in chosen}
    words = {i: [t for t in chosen[i] if t.lemma.pos != "phrase"] for i in chosen}
    ease = {i: -(sum(t.lemma.zipf for t in words[i]) / max(1, len(words[i]))) for i in chosen}
    holding: dict[str, list[int]] = {}
    for i in chosen:
        for k in fresh[i]:
            holding.setdefault(k, []).append(i)
    heap = [(len(fresh[i]), ease[i], i) for i in chosen]
    heapq.heapify(heap)
    order: dict[int, int] = {}
    while heap:
        count, _, nxt = heapq.heappop(heap)
        if nxt in order or count != len(fresh[nxt]):
            continue  # ordered already, or an old count
        order[nxt] = len(order)
        for k in fresh[nxt]:
            for j in holding[k]:
                if j not in order and k in fresh[j]:
                    fresh[j].discard(k)
                    heapq.heappush(heap, (len(fresh[j]), ease[j], j))
    return order
