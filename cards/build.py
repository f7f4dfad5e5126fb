"""The whole path, stage by stage: article pair(s) → aligned pairs → chosen cards → deck.

Library first: the CLI only parses options, calls these functions and prints.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from cards.cache import Cache
from cards.errors import InputError
from cards.jobs import DICTIONARY, Workers, default_jobs
from cards.model import Bead, Card, Document, Pair, Sentence, Token
from cards.text.pairs import ArticlePair, find_pairs, load_pair, slugify
from cards.deck.content import card_targets
from cards.deck.senses import ArticleText, article_text
from cards.deck.select import Decision, SelectOptions, select, with_names

DECK_ROOT = "Political Russian"


@dataclass(frozen=True)
class Article:
    """One article pair after load, segment and align."""

    source: ArticlePair
    ru: Document
    en: Document
    ru_sentences: tuple[Sentence, ...]
    en_sentences: tuple[Sentence, ...]
    beads: tuple[Bead, ...]
    pairs: tuple[Pair, ...]
    key: str = ""  # alignment_key of its segments


def alignment_key(ru: Sequence[Sentence], en: Sequence[Sentence]) -> str:
    """Names an article by its segments on both sides: a changed text or segmentation gets a new key."""
    digest = hashlib.sha1()
    for side in (ru, en):
        for s in side:
            digest.update(s.text.encode("utf-8") + b"\x00")
        digest.update(b"\x01")
    return digest.hexdigest()[:20]


def fits(beads: Sequence[Bead], n_ru: int, n_en: int) -> bool:
    """Do the beads cover 0…n_ru-1 and 0…n_en-1, in order, each sentence once?"""
    ru = [i for b in beads for i in b.ru]
    en = [j for b in beads for j in b.en]
    return ru == list(range(n_ru)) and en == list(range(n_en))


# --- stages ----------------------------------------------------------------------------------


def bead_kind(sentences: Sequence[Sentence]) -> str:
    """A bead is teaching text only when all its sentences are; otherwise it takes their other kind."""
    kinds = [s.kind for s in sentences if s.kind != "text"]
    return kinds[0] if kinds else "text"


def pairs_from_beads(
    ru: Sequence[Sentence], en: Sequence[Sentence], beads: Sequence[Bead], source: str = ""
) -> tuple[Pair, ...]:
    """One Pair per bead, its texts the bead's sentences joined by a space."""
    pairs = []
    for bead in beads:
        ru_side = [ru[i] for i in bead.ru]
        en_side = [en[j] for j in bead.en]
        pairs.append(
            Pair(
                ru=" ".join(s.text for s in ru_side),
                en=" ".join(s.text for s in en_side),
                score=bead.score,
                source=source,
                beads=(bead,),
                kind=bead_kind(ru_side + en_side),
            )
        )
    return tuple(pairs)


def source_label(ru: Document, en: Document) -> str:
    """'Title · date · outlet line' as far as the article says (English title first: the learner reads it)."""

    def first(doc: Document, kind: str) -> str:
        for i, p in enumerate(doc.paragraphs):
            if p.kind == kind:
                return doc.paragraph_text(i)
        return ""

    parts = [en.title or ru.title, first(ru, "dateline") or first(en, "dateline"), first(en, "source")]
    return " · ".join(p for p in parts if p)


def prepare_articles(
    sources: Sequence[ArticlePair],
    remembered: Mapping[str, Sequence[Bead]] | None = None,
    errors: list[InputError] | None = None,
    warnings: list[str] | None = None,
    max_mb: float | None = None,
    cache: Cache = Cache(),
    workers: Workers = Workers(),
) -> tuple[Article, ...]:
    """Load, segment and align every article pair; the aligner learns from all of them together.
    A file over `max_mb` (cards.text.load.MAX_INPUT_MB by default) is refused before any work.
    An article's segments are kept in `cache` (cards.cache; by default, nothing is kept); `workers`
    segments and aligns the articles (cards.jobs; by default, here, one by one).

    An article whose segments an earlier build aligned (`remembered`, by alignment_key) keeps that
    alignment: the aligner's shared lexicon grows with every article added, and it must not move the
    beads, and so the notes, of articles already in the learner's collection.
    With an `errors` list, a pair that cannot be read is left out and its error appended, unless it
    would leave nothing; without one, the first such error is raised.
    """
    remembered = remembered or {}
    loaded, kept_sources, failed = [], [], []
    for source in sources:
        try:
            repaired: list[str] = []
            loaded.append(load_pair(source, repaired, max_mb))
            kept_sources.append(source)
            if warnings is not None:
                warnings.extend(repaired)
        except InputError as err:
            if errors is None:
                raise
            failed.append(err)
    if failed and not loaded:
        raise failed[0]
    if errors is not None:
        errors.extend(failed)
    sources = kept_sources
    sentences = workers.map(segmented, [(ru, en, cache) for ru, en in loaded], kept_only, spread=False)
    keys = [alignment_key(ru_s, en_s) for ru_s, en_s in sentences]
    stored = [remembered.get(k) for k in keys]
    reused = [tuple(b) if b is not None and fits(b, len(r), len(e)) else None for b, (r, e) in zip(stored, sentences, strict=True)]
    aligned = sentence_beads(sentences, reused, cache, workers)
    articles = []
    for source, (ru, en), (ru_s, en_s), key, beads in zip(sources, loaded, sentences, keys, aligned, strict=True):
        label = source_label(ru, en)
        articles.append(Article(source, ru, en, ru_s, en_s, beads, pairs_from_beads(ru_s, en_s, beads, label), key))
    return tuple(articles)


def kept_only(task: tuple) -> tuple:
    """A per-article task (its last argument a Cache) that only reads what is kept: Workers.map tries it
    here first and works out, perhaps in other processes, only what is not kept."""
    return (*task[:-1], task[-1].reading())


def sentence_beads(sentences: Sequence[tuple[Sequence[Sentence], Sequence[Sentence]]],
                   reused: Sequence[tuple[Bead, ...] | None], cache: Cache = Cache(),
                   workers: Workers = Workers()) -> list[tuple[Bead, ...]]:
    """Each article's beads: those remembered (`reused`; None where there are none) as they are, the others
    from the aligner's second pass (cards.align), with the lexicon that every article's first pass
    teaches. A first pass depends on its article only and is kept in `cache`: an added article costs
    its own two passes, and gets the beads a build of all the articles from nothing gives it."""
    if all(b is not None for b in reused):
        return list(reused)
    from cards.align import second_pass, shared_lexicon

    firsts = workers.map(first_aligned, [(ru, en, cache) for ru, en in sentences], kept_only, spread=False)
    table = shared_lexicon(firsts)
    todo = [n for n, b in enumerate(reused) if b is None]
    made = dict(zip(todo, workers.map(second_pass, [(*sentences[n], firsts[n], table) for n in todo], spread=False), strict=True))
    return [made.get(n, b) for n, b in enumerate(reused)]


def first_aligned(ru: Sequence[Sentence], en: Sequence[Sentence], cache: Cache = Cache()):
    """The aligner's first pass over an article (cards.align.first_pass), kept in `cache` by its sentences."""
    from cards import cache as kept
    from cards.align import first_pass

    return cache.remember("first-pass", kept.segments_key(ru, en), lambda: first_pass(ru, en), kept.first_pass_json,
                          lambda raw: kept.first_pass_from(raw, len(ru), len(en)))


def segmented(ru: Document, en: Document, cache: Cache = Cache()) -> tuple[tuple[Sentence, ...], tuple[Sentence, ...]]:
    """Both documents' sentences (cards.text.segment), kept in `cache` by the documents."""
    from cards import cache as kept
    from cards.text.segment import segment

    return cache.remember("segments", [kept.document_key(ru), kept.document_key(en)], lambda: (segment(ru), segment(en)),
                          kept.sentences_json, lambda raw: kept.sentences_from(raw, ru, en))


def analysed(texts: Sequence[str], cache: Cache = Cache()) -> list[tuple]:
    """The morphology of each Russian text (cards.lexicon.morph.analyse), kept in `cache` by the texts."""
    from cards import cache as kept
    from cards.lexicon.morph import analyse

    texts = list(texts)
    return cache.remember("analyses", texts, lambda: [analyse(t) for t in texts], kept.analyses_json,
                          lambda raw: kept.analyses_from(raw, texts))


def choose_cards(
    articles: Sequence[Article],
    known: frozenset[str] = frozenset(),
    options: SelectOptions | None = None,
    dictionary=None,
    earlier_notes: dict | None = None,
    cache: Cache = Cache(),
    workers: Workers | None = None,
    built_before: frozenset[str] = frozenset(),
) -> tuple[tuple[Decision, ...], tuple[Card, ...]]:
    """Analyse the Russian side, select pairs, and turn the chosen ones into cards with targets.
    Each article's analyses and its cards' counterparts are kept in `cache` (cards.cache), and made by
    `workers` (cards.jobs; `dictionary` is theirs), by default here, one by one.

    `earlier_notes` is the state of an earlier build of the same deck ({guid: {"lemmas": …, "article": …}}):
    its notes that are built again keep their targets (a note of a sentence that several articles have,
    in the article it was made from, when that article is in this build), and everything it taught counts as known.
    The articles of `built_before` (alignment keys: that build had them as they are) get no new cards, even
    those it made no card of: an unchanged rebuild changes nothing.
    Without `options`, those of a default build (BuildOptions().select_options(): level B1, politics).

    The whole choice is kept in `cache` too (kind "choice"), by all of these inputs: a rebuild with the
    same articles, known words, options and deck memory reads it back and chooses nothing."""
    options = options if options is not None else BuildOptions().select_options()
    workers = workers if workers is not None else Workers(dictionary=dictionary)
    earlier_notes = earlier_notes or {}
    inputs = choice_inputs(articles, known, options, earlier_notes, built_before)
    return cache.remember_object("choice", inputs,
                                 lambda: _choose_cards(articles, known, options, earlier_notes, cache, workers, built_before),
                                 lambda kept: choice_fits(kept, articles))


def choice_inputs(articles: Sequence[Article], known: frozenset[str], options: SelectOptions, earlier_notes: Mapping,
                  built_before: frozenset[str]) -> list:
    """What choose_cards' result depends on besides cards' code and data and the dictionaries (which name
    every cache entry): each article's name, source and pairs, the known words, the selection options and
    the deck's memory; the bulky parts as digests."""

    def digest(value: object) -> str:
        return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()

    return [digest([[plain(a.source), a.key, plain(a.pairs)] for a in articles]), digest(sorted(known)),
            digest(plain(options)), digest(earlier_notes), digest(sorted(built_before))]


def plain(value: object) -> object:
    """A value as JSON, the same for equal values: dataclasses by their fields, sets sorted, paths as text."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, dict):
        return sorted([str(k), plain(v)] for k, v in value.items())
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value):
        return [type(value).__name__, *(plain(getattr(value, name)) for name in field_names(type(value)))]
    return value


@functools.cache
def field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def choice_fits(kept: object, articles: Sequence[Article]) -> bool:
    """Is a kept choice one of these articles': a decision for each of their pairs, in order, and a card for
    each chosen one?"""
    if not (isinstance(kept, tuple) and len(kept) == 2):
        return False
    decisions, cards = kept
    pairs = [p for a in articles for p in a.pairs]
    return (len(decisions) == len(pairs) and all(isinstance(d, Decision) and d.pair == p for d, p in zip(decisions, pairs, strict=True))
            and all(isinstance(c, Card) for c in cards) and len(cards) == sum(d.chosen for d in decisions))


def _choose_cards(articles: Sequence[Article], known: frozenset[str], options: SelectOptions, earlier_notes: Mapping,
                  cache: Cache, workers: Workers, built_before: frozenset[str]) -> tuple[tuple[Decision, ...], tuple[Card, ...]]:
    """choose_cards, without the kept choice."""
    from cards.deck.export import card_key, note_guid

    dictionary = workers.dictionary
    pairs = [p for a in articles for p in a.pairs]
    ids = article_ids(articles)
    selected = selection_pairs(articles)
    owner = [n for n, a in enumerate(articles) for _ in a.pairs]  # article index of each pair
    found = [tokens for each in workers.map(analysed, [([p.ru for p in a.pairs], cache) for a in articles], kept_only)
             for tokens in each]
    analyses = named_analyses(selected, found, options.topic, cache)  # names the English or the article shows; titles
    earlier = {}
    slugs = {a.source.slug for a in articles}
    for i, p in enumerate(pairs):
        note = earlier_notes.get(note_guid(p.ru))
        if note is not None and p.kind in ("text", "title") and note.get("lemmas"):  # none: a memory rebuilt from the deck
            if note.get("article") in slugs and note["article"] != articles[owner[i]].source.slug:
                continue  # a sentence in several articles: the note is the card of one of them
            earlier[i] = tuple(note["lemmas"])
    taught_before = frozenset(lemma for n in earlier_notes.values() for lemma in n.get("lemmas", ()))
    built = frozenset(ids[n] for n, a in enumerate(articles) if a.key in built_before)
    said = article_sense_counterparts(articles, analyses, options, workers, cache)
    decisions = select(selected, analyses, known | taught_before, options, earlier, listed=known, built=built, named=True,
                       counterparts=said)
    decisions = tuple(dataclasses.replace(d, pair=pairs[d.index]) for d in decisions)  # the cards show the label
    chosen = chosen_in_order(decisions)
    of_article: dict[int, list[Decision]] = {}
    for d in sorted(chosen, key=lambda d: d.index):
        of_article.setdefault(owner[d.index], []).append(d)
    spans_of = {}
    found_spans = workers.map(article_counterparts, [(articles[n], ds, options.min_score, DICTIONARY, cache)
                                                     for n, ds in of_article.items()], kept_only)
    for ds, spans in zip(of_article.values(), found_spans, strict=True):
        spans_of.update(zip((d.index for d in ds), spans, strict=True))
    meanings_of = {}
    firsts = [0, *itertools.accumulate(len(a.pairs) for a in articles)]  # each article's first pair
    for n, ds in of_article.items():
        text = article_text([p.en for p in articles[n].pairs], analyses[firsts[n] : firsts[n + 1]])
        meanings_of.update(zip((d.index for d in ds), article_meanings(ds, spans_of, analyses, dictionary, cache,
                                                                       text, firsts[n]), strict=True))
    cards = []
    for d in chosen:
        cards.append(
            Card(
                pair=d.pair,
                targets=card_targets(d.pair, d.targets, spans_of[d.index], analyses[d.index], dictionary,
                                     meanings_of[d.index]),
                reasons=(d.rule,),
                key=card_key(d.pair.ru),
                order=d.order,
                tags=(f"source::{articles[owner[d.index]].source.slug}",),
            )
        )
    return decisions, tuple(cards)


def article_ids(articles: Sequence[Article]) -> list[str]:
    """A name for each article that no other article of the build has: its folder's slug (a second
    article of the same slug gets "#2" …). Selection takes the pairs of one `Pair.source` for one article
    (its names, what it is about, whether an earlier build had it), and the label a card shows (title ·
    date · outlet: `source_label`) can be empty or the same for several articles: an added article
    without a title was taken as built before, and taught nothing."""
    out, seen = [], Counter()
    for a in articles:
        seen[a.source.slug] += 1
        out.append(a.source.slug if seen[a.source.slug] == 1 else f"{a.source.slug}#{seen[a.source.slug]}")
    return out


def selection_pairs(articles: Sequence[Article]) -> list[Pair]:
    """Every article's pairs as selection takes them: with their article's own name (`article_ids`) as `source`."""
    ids = article_ids(articles)
    return [dataclasses.replace(p, source=ids[n]) for n, a in enumerate(articles) for p in a.pairs]


NAME_MARKS = ("as it is", "a common word", "a name", "a common word, then a name")  # what with_names made a token


def named_analyses(pairs: Sequence[Pair], analyses: Sequence[Sequence[Token]], topic: frozenset[str],
                   cache: Cache = Cache()) -> list[tuple[Token, ...]]:
    """with_names (cards.deck.select) article by article, kept in `cache` (kind "names"): a token's reading
    as a name or a common word depends only on the pairs of its article (`Pair.source`), the topic and
    the pairs' analyses, which cards' code makes of their texts. What is kept is a mark per token (an
    index of NAME_MARKS), applied again on reading; an article whose result the marks cannot say is
    worked out each time."""
    from cards.deck.select import as_word
    from cards.lexicon.names import as_name

    def marked(token: Token, mark: int) -> Token:
        token = as_word(token) if mark in (1, 3) else token
        return as_name(token) if mark in (2, 3) else token

    def marks(group: list[int]) -> list[list[int]] | None:
        named = with_names([pairs[i] for i in group], [analyses[i] for i in group], topic)
        out = []
        for i, tokens in zip(group, named, strict=True):
            row = [next((m for m in range(len(NAME_MARKS)) if marked(t, m) == new), -1)
                   for t, new in zip(analyses[i], tokens, strict=True)]
            if -1 in row:
                return None
            out.append(row)
        return out

    def decode(raw: object, group: list[int]) -> list[list[int]] | None:
        if raw is None:
            return None
        if [len(row) for row in raw] != [len(analyses[i]) for i in group] or not all(
                m in range(len(NAME_MARKS)) for row in raw for m in row):
            raise ValueError("not these pairs' marks")
        return raw

    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault(p.source, []).append(i)
    topic_key = hashlib.sha256(json.dumps(sorted(topic), ensure_ascii=False).encode("utf-8")).hexdigest()
    out: list[tuple[Token, ...]] = [tuple(tokens) for tokens in analyses]
    for group in groups.values():
        inputs = [topic_key, [[pairs[i].ru, pairs[i].en, pairs[i].score, pairs[i].kind, pairs[i].source] for i in group]]
        kept = cache.remember("names", inputs, lambda group=group: marks(group), lambda x: x,
                              lambda raw, group=group: decode(raw, group))
        if kept is None:
            named = with_names([pairs[i] for i in group], [analyses[i] for i in group], topic)
            for i, tokens in zip(group, named, strict=True):
                out[i] = tokens
            continue
        for i, row in zip(group, kept, strict=True):
            out[i] = tuple(t if m == 0 else marked(t, m) for t, m in zip(analyses[i], row, strict=True))
    return out


@functools.lru_cache(maxsize=4)
def article_table(bitext: tuple[tuple[str, str], ...]):
    """The word-translation table learned from an article's pairs (cards.align.evidence.learn_table), once for
    the senses selection reads (`sense_counterparts`) and the cards' counterparts (`article_counterparts`)."""
    from cards.align.evidence import learn_table

    return learn_table(bitext)


def article_sense_counterparts(articles: Sequence[Article], analyses: Sequence[Sequence[Token]], options: SelectOptions,
                               workers: Workers, cache: Cache = Cache()) -> list[dict[int, str]]:
    """For every pair of the articles (in order, `analyses` theirs), the English counterparts of its words
    whose sense selection decides by them (`sense_counterparts`), worked out article by article."""
    firsts = [0, *itertools.accumulate(len(a.pairs) for a in articles)]
    tasks = [(a, [list(tokens) for tokens in analyses[firsts[n] : firsts[n + 1]]], options.domain_senses, options.min_score,
              cache) for n, a in enumerate(articles)]
    if not options.domain_senses:
        return [{} for _ in range(firsts[-1])]
    return [found for each in workers.map(sense_counterparts, tasks, kept_only) for found in each]


def sense_counterparts(article: Article, analyses: Sequence[Sequence[Token]], terms: frozenset[tuple[str, str, str]],
                       min_score: float, cache: Cache = Cache()) -> list[dict[int, str]]:
    """For each pair of an article, Russian start → English counterpart (cards.align.words.counterparts)
    of each word of the domain-senses table (`terms`, cards.deck.select.domain_sense) whose sentence's
    English has one of its domain senses somewhere: that sentence says the sense only if the word's own
    counterpart does (глава / "head of the ministry", not "chapter 3" beside a "head"). Word alignment reads
    the built-in lexicon and the table's senses (levels.domain_dictionary), whatever dictionaries the build
    has: what a learner knows does not depend on the machine. Kept in `cache`; the word-translation table is the article's own, as for the cards'."""
    from cards import cache as kept
    from cards.align.words import counterparts
    from cards.deck.select import lemma_key, says_sense, sense_terms
    from cards.lexicon.levels import domain_dictionary

    wanted = [[(t.start, t.stop, t.lemma.lemma) for t in tokens
               if any(says_sense(term, p.en) for term in sense_terms(terms, lemma_key(t.lemma.lemma), t.lemma.pos))]
              for p, tokens in zip(article.pairs, analyses, strict=True)]
    if not any(wanted):
        return [{} for _ in wanted]
    bitext = [(p.ru, p.en) for p in article.pairs if p.kind == "text" and p.score >= min_score]

    def make() -> list[tuple]:
        table, dictionary = article_table(tuple(bitext)), domain_dictionary()
        return [counterparts(p.ru, p.en, words, table=table, dictionary=dictionary) if words else ()
                for p, words in zip(article.pairs, wanted, strict=True)]

    asked = [(p.ru, p.en, words) for p, words in zip(article.pairs, wanted, strict=True)]
    found = cache.remember("sense-counterparts", [bitext, asked], make, kept.spans_json, lambda raw: kept.spans_from(raw, asked))
    return [{start: p.en[span[0] : span[1]] for (start, _, _), span in zip(words, spans, strict=True) if span}
            for p, words, spans in zip(article.pairs, wanted, found, strict=True)]


def article_counterparts(article: Article, decisions: Sequence[Decision], min_score: float, dictionary,
                         cache: Cache = Cache()) -> list[tuple]:
    """The counterpart spans (cards.align.words.counterparts) of the targets of an article's chosen pairs,
    kept in `cache`. The word-translation table is the article's own, learned from its pairs: adding
    another article to a build must not change the cards an earlier build made from this one."""
    from cards import cache as kept
    from cards.align.words import counterparts
    from cards.lexicon.units import is_set_phrase

    bitext = [(p.ru, p.en) for p in article.pairs if p.kind == "text" and p.score >= min_score]
    wanted = [(d.pair.ru, d.pair.en, [w for t in d.targets for w in target_words(d.pair.ru, t)]) for d in decisions]

    def make() -> list[tuple]:
        table = article_table(tuple(bitext))
        return [counterparts(ru, en, targets, table=table, dictionary=dictionary) for ru, en, targets in wanted]

    found = cache.remember("counterparts", [bitext, wanted], make, kept.spans_json, lambda raw: kept.spans_from(raw, wanted))
    out = []
    for d, spans in zip(decisions, found, strict=True):
        spans, merged = list(spans), []
        for t in d.targets:
            parts = len(target_words(d.pair.ru, t))
            if t.lemma.pos == "phrase":  # a set phrase's words' counterparts are no counterpart of it ("in", "course")
                fallback = None if is_set_phrase(t.lemma.lemma) else joined_span(d.pair.en, spans[:parts])
                merged.append(phrase_span(d.pair.en, t.lemma.lemma) or fallback)
            else:
                merged.append(spans[0])
            del spans[:parts]
        out.append(tuple(merged))
    return out


def article_meanings(decisions: Sequence[Decision], spans_of: Mapping[int, tuple], analyses: Sequence[Sequence[Token]],
                     dictionary, cache: Cache = Cache(), article: ArticleText | None = None,
                     first: int = 0) -> list[list[tuple[str, str]]]:
    """The meanings (cards.deck.content.card_meanings) of the targets of an article's chosen pairs, kept in
    `cache`: an unchanged rebuild reads them back. The inputs name everything a meaning depends on: the
    pair, its targets and their counterparts, the sentence's analysis (lemmas, names), and the article
    around it (`article`, whose first pair is `first` among `analyses`), which picks the sense of a word
    whose sentence gives no counterpart (cards.deck.senses)."""
    from cards.deck.content import card_meanings

    inputs = [[d.pair.ru, d.pair.en, [[t.start, t.stop, t.lemma.lemma, t.lemma.pos] for t in d.targets],
               [list(s) if s else None for s in spans_of[d.index]],
               [[t.start, t.lemma.lemma, t.lemma.pos, t.lemma.proper] for t in analyses[d.index]]] for d in decisions]
    if article is not None:  # another sentence of the article changed: a meaning may change
        inputs.append([[sorted(words) for words in article.lemmas], [sorted(words) for words in article.english],
                       [d.index - first for d in decisions]])

    def make() -> list[list[tuple[str, str]]]:
        return [card_meanings(d.pair, d.targets, spans_of[d.index], analyses[d.index], dictionary, article, d.index - first)
                for d in decisions]

    def decode(raw) -> list[list[tuple[str, str]]]:
        out = [[(str(m), str(s)) for m, s in card] for card in raw]
        if [len(card) for card in out] != [len(d.targets) for d in decisions]:
            raise ValueError("not these cards' meanings")
        return out

    return cache.remember("meanings", inputs, make, lambda value: [[list(x) for x in card] for card in value], decode)


def target_words(ru: str, target: Token) -> list[tuple[int, int, str]]:
    """What word alignment looks for a target by, as (start, stop, lemma): the target word itself, or
    each word of a phrase taught whole (a phrase's words stand one space apart)."""
    from cards.lexicon.morph import lemmatize

    if target.lemma.pos != "phrase":
        return [(target.start, target.stop, target.lemma.lemma)]
    out, start = [], target.start
    for word in ru[target.start : target.stop].split(" "):
        out.append((start, start + len(word), lemmatize(word)))
        start += len(word) + 1
    return out


PHRASE_GAP_WORDS = 2  # English words a phrase's counterpart may hold between its parts' counterparts
# A one-word gloss this common in English (wordfreq Zipf: in, of, as, by, for, about) stands in almost every
# sentence: no sign of the phrase's counterpart (в составе "in", в качестве "as"; not "during", 5.7)
COMMONEST_ENGLISH = 6.0


def phrase_span(en: str, phrase: str) -> tuple[int, int] | None:
    """Where the English has one of the dictionary's glosses of a phrase, compared by stem (принять
    участие: "took part" for "take part"), the best gloss first, but a one-word gloss among the commonest
    English words (`COMMONEST_ENGLISH`); None when it has none."""
    from cards.align.evidence import phrase_spans, stem, words
    from cards.lexicon.analyser import english_zipf
    from cards.lexicon.units import phrase_glosses

    for gloss in phrase_glosses(phrase):
        if " " not in gloss and english_zipf(gloss) >= COMMONEST_ENGLISH:
            continue
        found = phrase_spans(en, [tuple(stem(w) for _, _, w in words(gloss))])
        if found:
            return found[0][0]
    return None


def joined_span(en: str, spans: Sequence[tuple[int, int] | None]) -> tuple[int, int] | None:
    """One counterpart for the words of a phrase from its words' counterparts: the found spans joined
    where at most PHRASE_GAP_WORDS words lie between them (took … part), the group with the most of
    them; None when two groups tie (the words point to different places: no trustworthy counterpart)."""
    found = sorted(s for s in spans if s is not None)
    if not found:
        return None
    groups = [[found[0]]]
    for span in found[1:]:
        if len(en[groups[-1][-1][1] : span[0]].split()) <= PHRASE_GAP_WORDS:
            groups[-1].append(span)
        else:
            groups.append([span])
    best = max(groups, key=len)
    if sum(len(g) == len(best) for g in groups) > 1:
        return None
    return best[0][0], max(s[1] for s in best)


def chosen_in_order(decisions: Sequence[Decision]) -> list[Decision]:
    """The chosen decisions in study order: the order of the cards choose_cards makes from them."""
    return sorted((d for d in decisions if d.chosen), key=lambda d: d.order)


def card_articles(articles: Sequence[Article], decisions: Sequence[Decision]) -> list[Article]:
    """The article of each card choose_cards made, in the cards' order."""
    owner = [a for a in articles for _ in a.pairs]  # decisions index the pairs of all articles in turn
    return [owner[d.index] for d in chosen_in_order(decisions)]


def default_deck_name(article: Article) -> str:
    title = article.en.title or article.ru.title or article.source.slug.replace("-", " ").title()
    return f"{DECK_ROOT}::{title}"


# --- the build as a whole ----------------------------------------------------------------------


@dataclass(frozen=True)
class BuildOptions:
    """What `cards build` and `cards inspect` were asked for."""

    out: Path | None = None
    deck_name: str | None = None
    max_cards: int | None = None
    level: str | float = "B1"  # A2, B1, B2, C1, or a Zipf cut (cards.lexicon.levels)
    max_new: int = 6
    min_words: int = 4
    max_words: int | None = None  # None: 40, and half as long again for a sentence that is a word's last chance
    min_score: float = 0.5
    reverse: bool = False
    topic: str = "politics"  # tagged topic::<topic> on every note
    known_sources: tuple[Path, ...] = ()
    known_field: str | None = None
    cloze: bool = False
    format: str = "apkg"  # or "csv"
    dictionary: Path | None = None  # an extra dictionary (dictd base or lemma<TAB>gloss file)
    use_dictionary: bool = True  # False: no dictionary at all, not even the built-in lexicon
    system_dictionaries: bool = True  # False: ignore dictionaries installed on the machine (mueller7)
    stress: bool | None = None  # None or True: stress marks (shipped lexicon, silero fills gaps when installed); False: none
    audio: bool = False
    max_input_mb: float | None = None  # None: cards.text.load.MAX_INPUT_MB (10 MB a file)
    cache: bool = True  # keep per-article results in the user cache folder (cards.cache); False: make all afresh
    jobs: int | None = None  # processes for the per-article work (cards.jobs); None: one per core

    def select_options(self) -> SelectOptions:
        """What selection needs: the level's cuts, the topic's vocabulary and the everyday words known."""
        from cards.lexicon.levels import (
            DEFAULT_TOPIC, domain_sense_terms, everyday_words, news_register, resolve_level, topic_senses, topic_words,
            word_kinds,
        )
        from cards.lexicon.units import set_phrases_known

        level = resolve_level(self.level)
        topic = slugify(self.topic or DEFAULT_TOPIC)
        return SelectOptions(
            min_score=self.min_score, max_new=self.max_new, level=level.general, max_cards=self.max_cards,
            min_words=self.min_words, topic_level=level.topic, **self._sentence_length(),
            topic=topic_words(topic), register=news_register(topic), everyday=everyday_words(level.cefr),
            topic_senses=topic_senses(topic),
            domain_senses=domain_sense_terms(topic),
            concrete=word_kinds().concrete, social=word_kinds().social,
            known_phrases=set_phrases_known(level.cefr),
        )

    def _sentence_length(self) -> dict[str, float]:
        """The longest sentence: the user's --max-words is a hard limit; by default 40 words, or up to
        `SelectOptions.long_rescue` times that for a word no shorter sentence teaches."""
        if self.max_words is not None:
            return {"max_words": self.max_words, "long_rescue": 1.0}
        return {"max_words": max(SelectOptions.max_words, self.min_words)}


@dataclass(frozen=True)
class BuildResult:
    out: Path
    articles: tuple[Article, ...]
    decisions: tuple[Decision, ...]
    cards: tuple[Card, ...]
    written: bool
    changed: int = 0
    notes: int = 0
    warnings: tuple[str, ...] = ()
    meanings: str = ""  # the dictionaries used, e.g. "built-in lexicon + mueller7"
    cloze_notes: int = 0  # of `notes`, those of the "Russian cloze" note type
    anki_cards: int = 0  # the cards Anki makes of the notes: one per sentence note (two with --reverse), one per cloze
    new: int = 0  # of `changed` (new or changed), the notes the deck did not have

    def summary(self) -> str:
        """One line: what was written (absolute path), what Anki will import, what it teaches, from what."""
        beads = sum(len(a.beads) for a in self.articles)
        lemmas = sum(len(c.targets) for c in self.cards)
        if self.written:
            kinds = f"{self.notes - self.cloze_notes} sentence" + (f", {self.cloze_notes} cloze" if self.cloze_notes else "")
            head = (f"{self.out.resolve()}: {self.notes} notes ({kinds}) = {self.anki_cards} Anki cards, "
                    f"{self.new} new, {self.changed - self.new} changed, {self.notes - self.changed} unchanged")
        else:
            head = f"dry run: {len(self.cards)} sentence notes"
        return (
            f"{head}; teaching {lemmas} words from {len(self.articles)} article pair(s), {beads} aligned pairs; "
            f"meanings: {self.meanings or 'none (--no-dictionary)'}"
        )


def read_known(sources: Sequence[Path], field: str | None = None) -> frozenset[str]:
    """Lemmas of every Russian word in the sources: word lists or texts (any inflected form), .apkg, .colpkg,
    collection.anki2 (`field`: the Anki field to read; default the first Russian one). See cards.deck.known."""
    from cards.deck import known

    return known.read_known(sources, field)


NOT_A_TRANSLATION = 0.30  # pairs_evidence below this: not a translation (bench/pair_check.py: real pairs 0.38–0.92 with
# omissions and abridged English; another article's English 0.00–0.20, but for two articles on the same news at 0.45–0.50)


PAIRED_ENOUGH = 0.5  # share of its sentences one side of a translation pairs at least (an abridged one: one side)


def pairs_evidence(pairs: Sequence[Pair], dictionary) -> float | None:
    """translation_evidence over the text pairs with both sides (headings and omissions left out),
    scaled down when less than half of each side's text found a partner: another article's English
    pairs a sentence or two by chance (the same topic, names, a date), and those few score like a
    translation. 0.0 when both sides have text but the aligner paired none of it."""
    from cards.align.evidence import translation_evidence

    text = [p for p in pairs if p.kind == "text"]
    share = translation_evidence([(p.ru, p.en) for p in text if p.ru and p.en], dictionary)
    if share is None and dictionary is not None and not any(p.ru and p.en for p in text):
        return 0.0 if any(p.ru for p in text) and any(p.en for p in text) else None
    if share is None:
        return None
    both = sum(1 for p in text if p.ru and p.en)
    paired = max(both / sum(1 for p in text if p.ru), both / sum(1 for p in text if p.en))
    return share * min(1.0, paired / PAIRED_ENOUGH)


def article_evidence(article: Article, dictionary, cache: Cache = Cache()) -> float | None:
    """`pairs_evidence` of an article's pairs, kept in `cache` by their texts."""
    texts = [(p.ru, p.en, p.kind) for p in article.pairs]

    def decode(raw: object) -> float | None:
        if raw is not None and not isinstance(raw, float | int):
            raise ValueError("not a share")
        return raw if raw is None else float(raw)

    return cache.remember("evidence", texts, lambda: pairs_evidence(article.pairs, dictionary), lambda x: x, decode)


def translated_articles(articles: Sequence[Article], dictionary, cache: Cache = Cache(),
                        workers: Workers | None = None) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """The articles whose English translates their Russian, and a warning for each that does not.

    A Russian article saved beside another article's English aligns anyway (by length), and would
    teach words with wrong sentences; translation_evidence catches it when a dictionary is there.
    When no article is left, the first one's problem is an error. Each article's share is kept in `cache`,
    and worked out by `workers` (cards.jobs; `dictionary` is theirs), by default here.
    """
    workers = workers if workers is not None else Workers(dictionary=dictionary)
    shares = workers.map(article_evidence, [(a, DICTIONARY, cache) for a in articles], kept_only)
    kept, warnings, rejected = [], [], []
    for a, share in zip(articles, shares, strict=True):
        if share is None or share >= NOT_A_TRANSLATION:
            kept.append(a)
            continue
        finding = (f"{a.source.en} does not look like a translation of it (only {share:.0%} of its words "
                   f"find a dictionary translation in the aligned English; a translation has 30% or more)")
        rejected.append(InputError(a.source.ru, finding, "Check that both files hold the same article"))
        warnings.append(f"{rejected[-1]}; skipped")
    if rejected and not kept:
        raise rejected[0]
    return tuple(kept), tuple(warnings)


NO_SYSTEM_DICTIONARIES = "CARDS_NO_SYSTEM_DICTIONARIES"  # set (to anything) = --no-system-dictionaries everywhere


def find_dictionary(options: BuildOptions):
    """The dictionaries to use, as one: the built-in lexicon, then Debian's mueller7 when it is
    installed (unless `system_dictionaries` is off), then `--dictionary PATH`; None with --no-dictionary."""
    if not options.use_dictionary:
        return None
    from cards.lexicon.dictionary import combine, load_dictionary
    from cards.lexicon.lexicon import shipped_dictionary

    found = [shipped_dictionary()]
    if options.system_dictionaries and not os.environ.get(NO_SYSTEM_DICTIONARIES):
        found.append(load_dictionary(None))
    if options.dictionary is not None:
        found.append(load_dictionary(options.dictionary))
    return combine(found)


def dictionary_files(options: BuildOptions) -> tuple[Path, ...]:
    """The files of the dictionaries `find_dictionary` loads besides the built-in lexicon (part of cards)."""
    if not options.use_dictionary:
        return ()
    from cards.lexicon.dictionary import source_files

    found = []
    if options.system_dictionaries and not os.environ.get(NO_SYSTEM_DICTIONARIES):
        found.extend(source_files(None))
    if options.dictionary is not None:
        found.extend(source_files(options.dictionary))
    return tuple(found)


def build_workers(options: BuildOptions) -> Workers:
    """Who does a build's per-article work: `options.jobs` processes (one per core by default; cards.jobs),
    each loading the build's dictionary and morphology as it starts."""
    return Workers(options.jobs or default_jobs(), functools.partial(find_dictionary, options), warm=warm_morphology)


def warm_morphology() -> None:
    """Load the morphology (pymorphy3's dictionaries, the frequency tables): what a worker does as it starts."""
    from cards.lexicon.morph import analyse

    analyse("Стороны обсудили сделку")


def article_cache(options: BuildOptions) -> Cache:
    """Where a build with these options keeps per-article results: the user cache folder, its entries
    named by these dictionaries too (cards.cache); nowhere with `cache=False`."""
    from cards.cache import default_folder, file_stamp

    if not options.cache:
        return Cache()
    dictionaries = ("built-in" if options.use_dictionary else "none",
                    *(tuple(file_stamp(f)) for f in dictionary_files(options)))
    return Cache(default_folder(), dictionaries)


def default_out(sources: Sequence[ArticlePair], fmt: str = "apkg") -> Path:
    slug = sources[0].slug if len(sources) == 1 else "political-russian"
    return Path("decks") / f"{slug}.{'csv' if fmt == 'csv' else 'apkg'}"


def checked_articles(
    sources: Sequence[ArticlePair], options: BuildOptions, out: Path,
    remembered: Mapping[str, Sequence[Bead]] | None = None, workers: Workers | None = None,
) -> tuple[tuple[Article, ...], object, tuple[str, ...]]:
    """What build and inspect share: the articles loaded, segmented and aligned (with the deck's
    remembered alignments), less those that cannot be read or are not translations; the dictionary;
    and a warning for each article left out. `workers`: by default, all here, one by one."""
    from cards.deck.export import read_alignments

    unreadable: list[InputError] = []
    repaired: list[str] = []
    remembered = read_alignments(out) if remembered is None else remembered
    cache = article_cache(options)
    workers = workers if workers is not None else Workers(load=functools.partial(find_dictionary, options))
    articles = prepare_articles(sources, remembered, unreadable, repaired, options.max_input_mb, cache, workers)
    dictionary = workers.dictionary
    articles, untranslated = translated_articles(articles, dictionary, cache, workers)
    return articles, dictionary, tuple(repaired) + tuple(f"{err}; skipped" for err in unreadable) + untranslated


def check_format(out: Path, fmt: str) -> None:
    """--out x.csv with --format apkg (or the reverse) is a mistake, not a file to write in the other format."""
    suffix = out.suffix.lower()
    if suffix in (".apkg", ".csv") and suffix != f".{fmt}":
        raise InputError(out, f"the name says {suffix[1:]} but --format is {fmt}",
                         f"Name the file .{fmt}, or give --format {suffix[1:]}")


def check_default_deck(out: Path, sources: Sequence[ArticlePair]) -> None:
    """The default deck path names an article folder (decks/article.apkg): if a deck there was built from
    other folders' articles only, this build would silently take it over. Say so; --out decides."""
    from cards.deck.export import load_state

    if not out.exists():
        return
    memory = load_state(out)
    folders = {str(s.ru.resolve().parent) for s in sources}
    built = set(memory.folders)
    if built and not built & folders:
        raise InputError(out, f"is the deck of another folder ({sorted(built)[0]}), not of {sorted(folders)[0]}",
                         "Give --out to choose this build's deck (the same one, to add these articles to it)")


def input_files(sources: Sequence[ArticlePair], options: BuildOptions) -> tuple[Path, ...]:
    """Every file a build reads: the articles, the known-word sources and the extra dictionary (--out is none of them)."""
    extra = (options.dictionary,) if options.dictionary is not None else ()
    return (*(p for s in sources for p in (s.ru, s.en)), *options.known_sources, *extra)


Progress = Callable[[str, int, int], None]  # (stage, done, total): what the CLI shows on a terminal


def no_progress(stage: str, done: int, total: int) -> None:
    """The Progress of a build nobody watches."""
    return None


def build_deck(inputs: Sequence[Path], options: BuildOptions = BuildOptions(), *, dry_run: bool = False,
               timestamp: float | None = None, progress: Progress = no_progress) -> BuildResult:
    """Load → segment → align → analyse → select → render → export, for every article pair given.
    `progress` is told each stage ("align", "choose", "render", "write") with how much of it is done.

    Before any work, --out must be a new path or a deck cards wrote (OutPathError); the deck is locked
    from reading its state to writing it (DeckInUseError for a second build of the same deck)."""
    sources = find_pairs(inputs)
    out = Path(options.out) if options.out else default_out(sources, options.format)
    if dry_run:
        return _build_deck(sources, out, options, dry_run=True, timestamp=timestamp, progress=progress)
    from cards.deck.export import check_out_path
    from cards.deck.files import deck_lock

    check_out_path(out, input_files(sources, options))
    check_format(out, options.format)
    if not options.out:
        check_default_deck(out, sources)
    new_folder = not out.parent.exists()  # before the lock file makes it
    with deck_lock(out), article_cache(options).tables():
        return _build_deck(sources, out, options, dry_run=False, timestamp=timestamp, progress=progress,
                           new_folder=new_folder)


def _build_deck(sources: Sequence[ArticlePair], out: Path, options: BuildOptions, *, dry_run: bool,
                timestamp: float | None, progress: Progress, new_folder: bool = False) -> BuildResult:
    from cards.deck.export import NoteSpec, load_state, notes_json, write_apkg, write_csv
    from cards.deck.render import render, render_cloze

    memory = load_state(out)  # read once: the earlier notes, their alignments, what was wrong with them
    earlier = notes_json(memory)
    with build_workers(options) as workers:
        progress("align", 0, len(sources))
        articles, dictionary, skipped = checked_articles(sources, options, out, memory.alignments, workers)
        progress("align", len(sources), len(sources))
        known = read_known(options.known_sources, options.known_field)
        progress("choose", 0, 1)
        decisions, cards = choose_cards(articles, known, options.select_options(), dictionary=dictionary,
                                        earlier_notes=earlier, cache=article_cache(options), workers=workers,
                                        built_before=frozenset(memory.alignments))
    if dry_run:
        return BuildResult(out, articles, decisions, cards, written=False, warnings=skipped,
                           meanings=dictionary.source if dictionary else "")
    use_stress, stress_warnings = stress_wanted(options)
    warnings = skipped + stress_warnings + few_cards_warning(articles, cards, known, options, earlier,
                                                             article_cache(options))
    if memory.problem and out.exists():
        kept = f"rebuilt from its {len(memory.notes)} notes, so none is re-stamped" if memory.notes else "nothing could be recovered"
        warnings += (f"{out}: {memory.problem}; {kept}; the words earlier builds taught and their alignments are "
                     "forgotten this once",)
    if not options.out and new_folder:  # the default folder: never made without a word
        warnings += (f"created {out.parent.resolve()} for the deck (--out puts it elsewhere)",)
    media_dir = out.with_name(out.stem + ".media") if options.audio else None
    if media_dir is not None:
        from cards.deck import audio

        if audio.tools_missing():
            raise audio.AudioError(f"--audio needs espeak-ng and lame: {audio.INSTALL}, or build without --audio")
    progress("choose", 1, 1)
    specs, media = [], []
    for n, (card, article) in enumerate(zip(cards, card_articles(articles, decisions), strict=True)):
        progress("render", n, len(cards))
        deck = options.deck_name or default_deck_name(article)
        stressed = stress_card(card) if use_stress else None
        sound = ""
        if media_dir is not None:
            from cards.deck import audio

            path = audio.synthesize(stressed.text if stressed else card.pair.ru, media_dir)
            media.append(path)
            sound = path.name
        fields = render(card, reverse=options.reverse, stressed=stressed, audio=sound)
        tags = (*card.tags, f"topic::{slugify(options.topic)}") if options.topic else card.tags
        specs.append(NoteSpec(card, fields, deck, tags, article=article.source.slug))
        if options.cloze and card.targets:
            specs.append(NoteSpec(card, render_cloze(card, stressed=stressed, audio=sound), deck, tags, "cloze",
                                  article.source.slug))
    progress("render", len(cards), len(cards))
    progress("write", 0, 1)
    alignments = {a.key: a.beads for a in articles}
    folders = [str(a.source.ru.resolve().parent) for a in articles]
    if options.format == "csv":
        summary = write_csv(specs, out, timestamp=timestamp, alignments=alignments, folders=folders)
    else:
        summary = write_apkg(specs, out, timestamp=timestamp, media=media, alignments=alignments, folders=folders)
    warnings += left_out_warning(memory.notes, articles, specs)
    cloze = [spec for spec in specs if spec.model == "cloze"]
    anki_cards = (len(specs) - len(cloze)) * (2 if options.reverse else 1) + sum(
        len(set(re.findall(r"\{\{c(\d+)::", spec.fields.russian))) for spec in cloze)
    return BuildResult(out, articles, decisions, cards, True, summary.changed, summary.notes, warnings,
                       dictionary.source if dictionary else "", len(cloze), anki_cards, summary.new)


def left_out_warning(earlier: Mapping, articles: Sequence[Article], specs: Sequence) -> tuple[str, ...]:
    """One line when notes the last build wrote from these articles are not in this one (other options:
    --max-cards, --max-new, a longer --known list …): they stay in the learner's collection."""
    from cards.deck.export import note_guid

    guids = {note_guid(p.ru, model) for a in articles for p in a.pairs for model in ("sentence", "cloze")}
    written = {spec.guid for spec in specs}
    gone = [g for g in earlier if g in guids and g not in written]
    if not gone:
        return ()
    return (f"{len(gone)} notes of the last build of this deck are left out by these options; they stay in your "
            "Anki collection (suspend or delete them there if you no longer want them)",)


FEW_CARDS = 3  # a deck with fewer cards than this says why


def few_cards_warning(articles: Sequence[Article], cards: Sequence[Card], known: frozenset[str],
                      options: BuildOptions, earlier_notes: Mapping | None = None,
                      cache: Cache = Cache()) -> tuple[str, ...]:
    """One line when the options leave fewer than FEW_CARDS cards: how many of the articles' content
    words count as known at this level, on the learner's lists, or taught by earlier builds (the articles'
    analyses read from `cache`, where the build kept them)."""
    if len(cards) >= FEW_CARDS:
        return ()
    from cards.lexicon.levels import resolve_level
    from cards.deck.select import is_candidate, lemma_key
    from cards.lexicon.morph import CONTENT_POS

    select_options = options.select_options()
    words = {}
    for a in articles:
        for tokens in analysed([p.ru for p in a.pairs], cache):
            for t in tokens:
                if t.lemma.pos in CONTENT_POS and not t.lemma.proper:
                    words.setdefault(lemma_key(t.lemma.lemma), t)
    earlier = {lemma_key(x) for n in (earlier_notes or {}).values() for x in n.get("lemmas", ())}
    listed = sum(k in known for k in words)
    taught = sum(k in earlier and k not in known for k in words)
    level = sum(k not in known and k not in earlier and not is_candidate(t, select_options) for k, t in words.items())
    return (f"only {len(cards)} card(s): of the {len(words)} content words, {level} count as known at level "
            f"{resolve_level(options.level).name}, {listed} are on your known lists and {taught} were taught by "
            f"earlier builds of this deck; an easier --level (A2, or a higher Zipf cut) or fewer --known lists teach more",)


def stress_wanted(options: BuildOptions) -> tuple[bool, tuple[str, ...]]:
    """Whether to mark stress (yes, unless `stress=False`: --no-stress), and a warning when it cannot be
    done: the lexicon shipped with cards is missing and silero-stress is not installed either."""
    from cards.lexicon import stress

    if options.stress is False:
        return False, ()
    if stress.available():
        return True, ()
    return False, (f"stress marks need the data shipped with cards, which is missing: {stress.REINSTALL}; "
                   "building without them",)


def stress_card(card: Card):
    """The card's Russian sentence and target lemmas with stress marks (the shipped lexicon; silero-stress
    fills the words it leaves open when the optional `stress` extra is installed)."""
    from cards.lexicon import stress
    from cards.deck.render import Stressed

    text, spans = stress.accentuate_spans(card.pair.ru, [t.ru_span for t in card.targets])
    lemmas = tuple(stress.stress_word(t.lemma.lemma, text[a:b]) for t, (a, b) in zip(card.targets, spans, strict=True))
    return Stressed(text, tuple(spans), lemmas)
