"""What a build would do, explained (`cards inspect`): every aligned pair with its rule and targets
(`inspect_pairs`), and every content word with what selection did with it and why (`inspect_words`).
The same stages and options as `cards build` (cards.build), nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from cards.build import (
    Article, BuildOptions, analysed, article_cache, checked_articles, choose_cards, chosen_in_order, default_out,
    find_pairs, read_known, selection_pairs,
)
from cards.cache import Cache
from cards.deck.select import Decision


@dataclass(frozen=True)
class WordStatus:
    """What a build did with one content word of the articles, and why (`cards inspect --words`)."""

    lemma: str
    status: str  # taught, known, not_a_target, left_out
    reason: str  # one line a learner understands


def word_report(articles: Sequence[Article], decisions: Sequence[Decision], known: frozenset[str] = frozenset(),
                options: BuildOptions | None = None, earlier_notes: Mapping | None = None,
                cache: Cache = Cache()) -> tuple[WordStatus, ...]:
    """Every content lemma of the articles, in order of first use, with what selection did with it:
    taught by which card; known (at the level, from your lists, from earlier builds); not a target
    (a name, a place word …); or left out (its sentences were filtered, or no card had room for it).
    So too the phrases cards teach whole and the set phrases of news (cards.lexicon.units: в ходе).
    The articles' analyses are read from `cache` when a build kept them (cards.cache)."""
    from cards.lexicon.levels import domain_senses, resolve_level, transparent_loanword
    from cards.deck.select import (
        article_options, domain_sense, everyday_base, in_later_sense, is_transparent, known_by_level, known_cut,
        known_sense, lemma_key, not_target, sense_terms, with_names,
    )
    from cards.build import article_sense_counterparts
    from cards.jobs import Workers
    from cards.lexicon.morph import CONTENT_POS
    from cards.lexicon.units import is_set_phrase, phrase_units
    from cards.model import Lemma

    options = options or BuildOptions()
    analyses = [tokens for a in articles for tokens in analysed([p.ru for p in a.pairs], cache)]  # decisions' order
    select_options = options.select_options()
    selected = selection_pairs(articles)  # as select sees them: each article by its own name
    analyses = with_names(selected, analyses, select_options.topic)
    # each article's: with what it is about (subjects), or a lower cut when it is off the topic
    of_article = article_options(selected, analyses, select_options)
    said = article_sense_counterparts(articles, analyses, select_options, Workers(), cache)  # what decides a word of news
    level = resolve_level(options.level).name
    earlier = {lemma_key(x) for n in (earlier_notes or {}).values() for x in n.get("lemmas", ())}
    card_of = {lemma_key(t.lemma.lemma): n for n, d in enumerate(chosen_in_order(decisions), 1) for t in d.targets}
    rules: dict[str, set[str]] = {}
    first: dict[str, object] = {}
    judged: dict[str, object] = {}  # lemma → the options of the article it is first used in
    in_known_sense: dict[str, bool] = {}  # every use in a sense the learner knows (known_sense)
    in_later: set[str] = set()  # words known by frequency, used somewhere in a later sense (in_later_sense, domain_sense)
    news: dict[str, tuple[str, ...]] = {}  # words of the domain-senses table → their news senses
    in_card: dict[str, set[str]] = {}  # a phrase not taught → why not, in each chosen card that has it
    for d, tokens in zip(decisions, analyses, strict=True):
        article = of_article[selected[d.index].source]
        for unit in phrase_units(tokens):
            key = lemma_key(unit.form)
            if is_set_phrase(unit.form) or key in card_of:
                first.setdefault(key, Lemma(unit.form, "phrase"))
                rules.setdefault(key, set()).add(d.rule)
                if d.chosen and key not in card_of:
                    start, stop = tokens[unit.first].start, tokens[unit.stop - 1].stop
                    inside = any(t.start < stop and start < t.stop for t in d.targets)
                    in_card.setdefault(key, set()).add("a word of it is taught on its card" if inside
                                                       else f"its card was full (--max-new {select_options.max_new})")
        for t in tokens:
            if t.lemma.pos in CONTENT_POS:
                key = lemma_key(t.lemma.lemma)
                first.setdefault(key, t.lemma)
                judged.setdefault(key, article)
                rules.setdefault(key, set()).add(d.rule)
                sense = domain_sense(t, article, said[d.index])
                if sense is not None:
                    table = domain_senses().get(key)  # the table's order: its commonest news sense first
                    news[key] = table.domain if table else sense_terms(article.domain_senses, key, t.lemma.pos)
                said_here = d.pair.en if sense is None else ""  # a word of news is in its counterpart's sense
                in_known_sense[key] = in_known_sense.get(key, True) and known_sense(t.lemma, said_here, article)
                if key not in in_later and (sense or sense is None and in_later_sense(t.lemma, d.pair.en, article)):
                    in_later.add(key)
    places = frozenset(k for k, lemma in first.items() if lemma.proper)
    in_a_card = frozenset(k for d in decisions if d.chosen for k in d.unknown)  # words a chosen card holds
    out = []
    for key, lemma in first.items():
        if key in card_of:
            out.append(WordStatus(lemma.lemma, "taught", f"card {card_of[key]}"))
        elif lemma.pos == "phrase":
            out.append(_phrase_status(lemma.lemma, key, known, earlier, select_options.known_phrases, level,
                                      in_card.get(key), rules[key]))
        elif lemma.proper:
            out.append(WordStatus(lemma.lemma, "not_a_target", "a name"))
        elif key in known:
            out.append(WordStatus(lemma.lemma, "known", "on your --known list"))
        elif key in earlier:
            out.append(WordStatus(lemma.lemma, "known", "taught by an earlier build of this deck"))
        elif key in select_options.everyday:
            out.append(WordStatus(lemma.lemma, "known", f"everyday word, known at {level}"))
        elif lemma.pos == "adj" and (base := everyday_base(key, select_options.everyday)):
            out.append(WordStatus(lemma.lemma, "known", f"made from the everyday word {base}, known at {level}"))
        elif is_transparent(lemma, judged[key]):
            out.append(WordStatus(lemma.lemma, "known", f"spelled like the English '{transparent_loanword(key)}', "
                                                        f"known at {level}"))
        elif key in news and key not in in_later and (known_by_level(lemma, judged[key]) or in_known_sense[key]):
            terms = " or ".join(repr(t) for t in news[key][:3])
            out.append(WordStatus(lemma.lemma, "known", f"known at {level} in the sense used here; taught where its "
                                                        f"English counterpart says {terms}"))
        elif known_by_level(lemma, judged[key]) and key not in in_later:
            kind = _kind_of(key, lemma.pos, judged[key])
            off = " in an article off the topic" if judged[key].level < select_options.level else ""
            out.append(WordStatus(lemma.lemma, "known", f"{kind} this common (Zipf ≥ {known_cut(key, judged[key], lemma.pos):g}) "
                                                        f"is known at {level}{off}"))
        elif in_known_sense[key]:
            terms = sorted(t for k, t in select_options.topic_senses if k == key)
            out.append(WordStatus(lemma.lemma, "known", f"known at {level} in the sense used here; taught where the "
                                                        f"English says {' or '.join(repr(t) for t in terms)}"))
        elif (why := not_target(lemma, places)) or lemma.zipf < select_options.min_zipf:
            out.append(WordStatus(lemma.lemma, "not_a_target", why or "too rare to be worth learning"))
        else:
            sense = f"known at {level} in its first senses, new in a later one used here; " if key in in_later else ""
            if not any(r.startswith("teaches") or r in ("nothing_new", "not_worth_a_card") for r in rules[key]):
                why = "its sentences were left out: " + ", ".join(sorted(rules[key]))
            else:
                why = _no_card_reason(key in in_a_card, select_options.max_new)
            out.append(WordStatus(lemma.lemma, "left_out", sense + why))
    return tuple(out)


def _phrase_status(form: str, key: str, known: frozenset[str], earlier: set[str], known_phrases: frozenset[str],
                   level: str, in_card: set[str] | None, rules: set[str]) -> WordStatus:
    """What a build did with a set phrase of news no card teaches: known, or left out and why."""
    if key in known:
        return WordStatus(form, "known", "on your --known list")
    if key in earlier:
        return WordStatus(form, "known", "taught by an earlier build of this deck")
    if key in known_phrases:
        return WordStatus(form, "known", f"a set phrase known at {level}")
    if in_card:
        return WordStatus(form, "left_out", "; ".join(sorted(in_card)))
    return WordStatus(form, "left_out", "its sentences make no card: " + ", ".join(sorted(rules)))


def _kind_of(key: str, pos: str, options) -> str:
    """How `word_report` names a word known by its frequency: by the cut that applies to it (the
    topic's, or the learner model's for a concrete noun or a noun of social life: cards.lexicon.levels)."""
    if key in options.subjects and options.topic_level:
        return "a noun this article is about, but"
    if key in options.topic and options.topic_level:
        return "a word of the topic"
    if pos == "noun" and options.topic_level is not None and options.topic_level > options.level:
        if key in options.concrete:
            return "a noun of concrete things"
        if key in options.social:
            return "a noun of social life"
    return "a word"


def _no_card_reason(in_a_card: bool, max_new: int) -> str:
    """Why a word worth teaching, in sentences no filter dropped, has no card: the cards that hold it
    were full, or it did not weigh enough for a card of its own."""
    if in_a_card:
        return f"its sentence's card was full (--max-new {max_new}); other words weighed more"
    return "not worth a card of its own here, and no card had room for it"


@dataclass(frozen=True)
class InspectedTarget:
    """A target word of a chosen pair as `cards inspect` shows it."""

    lemma: str
    ru: str  # as it stands in the sentence
    en: str | None  # its counterpart, None when none was found
    gloss: str
    pos: str
    zipf: float


@dataclass(frozen=True)
class InspectedPair:
    """An aligned pair as `cards inspect` shows it: chosen or not, the deciding rule, its targets."""

    ru: str
    en: str
    score: float
    kind: str
    chosen: bool
    rule: str
    order: int
    unknown: tuple[str, ...]
    targets: tuple[InspectedTarget, ...]


def _as_built(inputs: Sequence[Path], options: BuildOptions):
    """What `cards build` with these options would choose now, with the deck's memory as the build
    reads it (its earlier notes and alignments): (articles, decisions, cards, known words, earlier
    notes, warnings)."""
    from cards.deck.export import load_state, notes_json

    sources = find_pairs(inputs)
    out = Path(options.out) if options.out else default_out(sources, options.format)
    memory = load_state(out)
    earlier = notes_json(memory)
    articles, dictionary, warnings = checked_articles(sources, options, out, memory.alignments)
    known = read_known(options.known_sources, options.known_field)
    decisions, cards = choose_cards(articles, known, options.select_options(), dictionary=dictionary,
                                    earlier_notes=earlier, cache=article_cache(options),
                                    built_before=frozenset(memory.alignments))
    return articles, decisions, cards, known, earlier, warnings


def inspect_pairs(inputs: Sequence[Path], options: BuildOptions) -> tuple[tuple[InspectedPair, ...], tuple[str, ...]]:
    """One row per aligned pair: chosen or not, the deciding rule, its targets and scores; and the
    warnings about articles left out, as `build` would give them."""
    _, decisions, cards, _, _, warnings = _as_built(inputs, options)
    by_index = {d.index: c for d, c in zip(chosen_in_order(decisions), cards, strict=True)}
    rows = []
    for d in decisions:
        card = by_index.get(d.index)
        targets = tuple(
            InspectedTarget(t.lemma.lemma, d.pair.ru[t.ru_span[0] : t.ru_span[1]],
                            d.pair.en[t.en_span[0] : t.en_span[1]] if t.en_span else None, t.gloss, t.lemma.pos,
                            round(t.lemma.zipf, 2))
            for t in (card.targets if card else ())
        )
        rows.append(InspectedPair(d.pair.ru, d.pair.en, round(d.pair.score, 4), d.pair.kind, d.chosen, d.rule,
                                  d.order, tuple(d.unknown), targets))
    return tuple(rows), warnings


def inspect_words(inputs: Sequence[Path], options: BuildOptions) -> tuple[tuple[WordStatus, ...], tuple[str, ...]]:
    """What a build with these options does with every content word of the articles, and why; and the
    warnings about articles left out, as `build` would give them."""
    articles, decisions, _, known, earlier, warnings = _as_built(inputs, options)
    return word_report(articles, decisions, known, options, earlier, article_cache(options)), warnings
