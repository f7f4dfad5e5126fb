"""Pure: aligned pairs + their analysis + known lemmas → the pairs that become cards, and why.

Two steps, each a list of small named rules (DESIGN.md §6):
1. Filters drop pairs a learner should not study (headings, doubtful alignments, too short …);
   the first filter that fires names the decision.
2. Weighted greedy set cover picks, among the pairs left, the ones that teach every target lemma
   at least once with few cards, each card adding at most `max_new` new words. Words taught by
   earlier cards count as known for later ones.
Finally the chosen cards are put in study order: each adds as few new words as possible given
the ones before it (easiest first).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from cards.model import Pair, Token

CONTENT_POS = ("noun", "verb", "adj", "adv")


@dataclass(frozen=True)
class SelectOptions:
    """Knobs of selection; the defaults suit an intermediate learner of political Russian."""

    min_score: float = 0.5  # alignment confidence below this: not a trustworthy translation
    min_words: int = 4  # Russian words; shorter pairs teach little context
    max_words: int = 40  # longer ones are hard to review
    max_new: int = 3  # new target words one card may teach
    extra_unknown: int = 2  # unknown words a card may hold beyond its targets (left for other cards)
    level: float = 5.0  # lemmas with a wordfreq Zipf at or above this are taken as known
    min_zipf: float = 1.5  # lemmas rarer than this are not worth a card
    max_name_share: float = 0.5  # share of names and numbers above which a pair is a list, not a sentence
    max_cards: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.min_score <= 1:
            raise ValueError("min_score must be in [0, 1]")
        if self.max_new < 1 or self.extra_unknown < 0 or self.min_words < 1 or self.max_words < self.min_words:
            raise ValueError("need max_new ≥ 1, extra_unknown ≥ 0 and 1 ≤ min_words ≤ max_words")


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


def is_candidate(token: Token, options: SelectOptions) -> bool:
    """A word worth teaching: a content word, not a name, neither trivial nor hopelessly rare."""
    lemma = token.lemma
    return (
        lemma.pos in CONTENT_POS
        and not lemma.proper
        and options.min_zipf <= lemma.zipf < options.level
        and any(ch.isalpha() for ch in lemma.lemma)
    )


# --- step 1: filters (first to fire wins) -------------------------------------------------

Filter = Callable[[Pair, Sequence[Token], SelectOptions], bool]


def _heading(pair: Pair, tokens: Sequence[Token], options: SelectOptions) -> bool:
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


# --- step 2: weighted greedy cover --------------------------------------------------------


def domain_weights(analyses: Sequence[Sequence[Token]], options: SelectOptions) -> dict[str, float]:
    """Keyness of each candidate lemma: how much more often it occurs here than in general Russian
    (wordfreq), damped for very rare words, which are less useful to a learner."""
    counts: Counter[str] = Counter()
    zipfs: dict[str, float] = {}
    for tokens in analyses:
        for t in tokens:
            if is_candidate(t, options):
                key = lemma_key(t.lemma.lemma)
                counts[key] += 1
                zipfs[key] = t.lemma.zipf
    total = max(1, sum(len(tokens) for tokens in analyses))
    weights = {}
    for key, n in counts.items():
        general = 10 ** (zipfs[key] - 9)  # Zipf → occurrences per word
        keyness = math.log2(1 + (n / total) / general)
        usefulness = math.exp(-(((zipfs[key] - 4.0) / 1.5) ** 2))  # words around Zipf 4 matter most
        weights[key] = keyness * (0.5 + usefulness)
    return weights


def _unknown_by_lemma(tokens: Sequence[Token], known: frozenset[str], options: SelectOptions) -> dict[str, Token]:
    found: dict[str, Token] = {}
    for t in tokens:
        key = lemma_key(t.lemma.lemma)
        if key not in known and key not in found and is_candidate(t, options):
            found[key] = t
    return found


def _first_per_lemma(tokens) -> list[Token]:
    seen: set[str] = set()
    out = []
    for t in tokens:
        key = lemma_key(t.lemma.lemma)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def select(
    pairs: Sequence[Pair],
    analyses: Sequence[Sequence[Token]],
    known: frozenset[str] = frozenset(),
    options: SelectOptions = SelectOptions(),
    earlier: Mapping[int, Sequence[str]] | None = None,
) -> tuple[Decision, ...]:
    """Decide for every pair whether it becomes a card, with the deciding rule and its targets.

    `earlier` maps pairs that an earlier build of the deck already made into cards to the lemmas
    they taught: they are kept as they were, so a rebuild updates those notes instead of dropping them,
    and their lemmas count as taught for the rest."""
    if len(pairs) != len(analyses):
        raise ValueError("one analysis per pair")
    known = frozenset(lemma_key(k) for k in known)
    weights = domain_weights(analyses, options)
    unknown = [_unknown_by_lemma(tokens, known, options) for tokens in analyses]
    dropped = {i: first_filter(p, analyses[i], options) for i, p in enumerate(pairs)}
    open_pairs = [i for i, rule in dropped.items() if rule is None]

    taught: set[str] = set()
    chosen: dict[int, tuple[Token, ...]] = {}
    final_rule: dict[int, str] = {i: rule for i, rule in dropped.items() if rule is not None}
    for i, lemmas in sorted((earlier or {}).items()):
        keys = {lemma_key(k) for k in lemmas}
        chosen[i] = tuple(_first_per_lemma(t for t in analyses[i] if lemma_key(t.lemma.lemma) in keys))
        taught.update(keys)
        final_rule[i] = "kept_from_earlier_build"
        if i in open_pairs:
            open_pairs.remove(i)
    while open_pairs and (options.max_cards is None or len(chosen) < options.max_cards):
        best, best_gain, best_new = None, 0.0, []
        for i in open_pairs:
            new = [k for k in unknown[i] if k not in taught]
            if not 1 <= len(new) <= options.max_new + options.extra_unknown:
                continue
            teach = sorted(new, key=lambda k: -weights[k])[: options.max_new]
            # Weighty words first; between equals prefer i+1 sentences, few words left unexplained, short ones.
            left = len(new) - len(teach)
            gain = sum(weights[k] for k in teach) / len(teach) ** 0.5 - 0.75 * left - 0.001 * len(analyses[i])
            if best is None or gain > best_gain:
                best, best_gain, best_new = i, gain, teach
        if best is None:
            break
        chosen[best] = tuple(sorted((unknown[best][k] for k in best_new), key=lambda t: t.start))
        taught.update(best_new)
        open_pairs.remove(best)
        final_rule[best] = "teaches_one_new_word" if len(best_new) == 1 else "teaches_new_words"
    for i in open_pairs:
        new = [k for k in unknown[i] if k not in taught]
        if not new:
            final_rule[i] = "nothing_new"
        elif len(new) > options.max_new + options.extra_unknown:
            final_rule[i] = "too_many_new_words"
        else:
            final_rule[i] = "max_cards_reached"

    order = study_order(chosen, unknown)
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


def study_order(chosen: dict[int, tuple[Token, ...]], unknown: Sequence[dict[str, Token]]) -> dict[int, int]:
    """Order chosen cards so that each adds as few unfamiliar words as possible given the ones before;
    ties go to the card whose words are more frequent (easier), then to article order."""
    remaining = sorted(chosen)
    seen: set[str] = set()
    order: dict[int, int] = {}
    while remaining:

        def cost(i: int) -> tuple[int, float, int]:
            fresh = [k for k in unknown[i] if k not in seen]
            zipf = sum(t.lemma.zipf for t in chosen[i]) / max(1, len(chosen[i]))
            return (len(fresh), -zipf, i)

        nxt = min(remaining, key=cost)
        order[nxt] = len(order)
        seen.update(unknown[nxt])
        remaining.remove(nxt)
    return order
