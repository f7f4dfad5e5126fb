"""Selection benchmark: our cover against a simple baseline, on the seed and a second article pair.

For each article pair, with default options (no known-words list; the default --level):
- ours: `cards.build.choose_cards`, as `cards build` runs it;
- baseline: the same number N of cards, taken as the top-N pairs that pass the filters, ranked by
  their count of new (unknown, target-worthy) lemmas; each card teaches up to max_new of its new
  lemmas not taught by an earlier baseline card (the same card capacity as ours);
- baseline (uncapped): the same N pairs, each teaching all its new lemmas (ignores max_new).

Columns: cards; lemmas taught; cards per lemma; coverage of the hand-made political vocabulary
(tests/data/seed-political-vocab.txt; for the second pair, held out: heldout-political-vocab.txt)
among the list words the level does not take as known (Zipf, or the Zipf of the word it is made from,
`base_zipf`, at or above --level; their share is printed above the table), and pair precision (chosen
pairs whose bead is a link of the hand sentence alignment: tests/data/seed-gold/seed.jsonl, and
tests/data/wordalign-heldout/yerevan-brussels.jsonl; that the pipeline segments exactly as the gold
is checked).

With --ablate: the seed's figures with each part of selection switched off in turn.

Usage:
    python bench/selection.py [--level 5.0] [--max-new 4] [--show] [--ablate]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is named like the standard library's `select`: keep its folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from cards.build import BuildOptions, choose_cards, find_pairs, prepare_articles
from cards.deck.select import SelectOptions, first_filter, is_candidate, known_by_level, lemma_key

SEED = ROOT / "seeds" / "minsk-washington"
SECOND = ROOT / "tests" / "data" / "pairs" / "yerevan-brussels"
VOCAB = ROOT / "tests" / "data" / "seed-political-vocab.txt"
GOLD = ROOT / "tests" / "data" / "seed-gold" / "seed.jsonl"
# Held out: the second pair's list and hand sentence alignment were made after selection was tuned.
HELDOUT_VOCAB = ROOT / "tests" / "data" / "heldout-political-vocab.txt"
HELDOUT_GOLD = ROOT / "tests" / "data" / "wordalign-heldout" / "yerevan-brussels.jsonl"


def read_vocab(path: Path = VOCAB) -> list[str]:
    """The hand-made list, lemma keys in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [lemma_key(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


def gold_links(path: Path = GOLD) -> tuple[list[str], list[str], set[tuple[tuple[int, ...], tuple[int, ...]]]]:
    doc = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    return doc["ru"], doc["en"], {(tuple(r), tuple(e)) for r, e in doc["links"]}


def new_lemmas(tokens, options: SelectOptions) -> list[str]:
    """Distinct unknown target-worthy lemmas of a sentence, in sentence order (no known list)."""
    seen: list[str] = []
    for t in tokens:
        key = lemma_key(t.lemma.lemma)
        if is_candidate(t, options) and key not in seen:
            seen.append(key)
    return seen


def baseline(pairs, analyses, n: int, options: SelectOptions, capped: bool = True) -> tuple[list[int], set[str]]:
    """Top-n pairs by new-word count (article order between equals) and the lemmas they teach."""
    open_pairs = [i for i, p in enumerate(pairs) if first_filter(p, analyses[i], options) is None]
    new = {i: new_lemmas(analyses[i], options) for i in open_pairs}
    top = sorted(open_pairs, key=lambda i: (-len(new[i]), i))[:n]
    taught: set[str] = set()
    for i in sorted(top):
        fresh = [k for k in new[i] if k not in taught]
        taught.update(fresh[: options.max_new] if capped else fresh)
    return top, taught


def row(name: str, chosen: list[int], taught: set[str], vocab=None, known=None, beads=None, gold=None) -> str:
    cells = [f"{name:22}", f"{len(chosen):5d}", f"{len(taught):6d}", f"{len(chosen) / max(1, len(taught)):9.3f}"]
    if vocab is not None:
        to_teach = [k for k in vocab if k not in known]
        covered = sum(k in taught for k in to_teach)
        cells.append(f"{covered:3d}/{len(to_teach):<3d} = {covered / len(to_teach):.3f}")
        right = sum((beads[i].ru, beads[i].en) in gold for i in chosen)
        cells.append(f"{right:3d}/{len(chosen):<3d} = {right / max(1, len(chosen)):.3f}")
    return " | ".join(cells)


def bench(folder: Path, options: SelectOptions, vocab_path: Path | None, gold_path: Path | None, show: bool) -> None:
    from cards.lexicon.morph import analyse

    articles = prepare_articles(find_pairs([folder]))
    decisions, cards = choose_cards(articles, options=options)
    pairs = [p for a in articles for p in a.pairs]
    analyses = [analyse(p.ru) for p in pairs]
    chosen = [d.index for d in decisions if d.chosen]
    taught = {lemma_key(t.lemma.lemma) for d in decisions for t in d.targets}
    base, base_taught = baseline(pairs, analyses, len(chosen), options)
    _, uncapped = baseline(pairs, analyses, len(chosen), options, capped=False)
    print(f"\n{folder.relative_to(ROOT)}: {len(pairs)} aligned pairs, "
          f"{len({k for a in analyses for k in new_lemmas(a, options)})} candidate lemmas")
    head = ["selection".ljust(22), "cards", "lemmas", "cards/lem"]
    vocab = known = beads = gold = None
    if vocab_path is not None and vocab_path.exists():
        vocab = read_vocab(vocab_path)
        cand = {lemma_key(t.lemma.lemma): t for a in analyses for t in a}
        known = {k for k in vocab if k in cand and known_by_level(cand[k].lemma, options)}
        missing = [k for k in vocab if k not in cand]
        g_ru, g_en, gold = gold_links(gold_path)
        a = articles[0]
        same = [s.text for s in a.ru_sentences] == g_ru and [s.text for s in a.en_sentences] == g_en
        beads = [p.beads[0] for p in pairs]
        head += ["list coverage", "pair precision"]
        print(f"political list: {len(vocab)} lemmas, {len(known)} taken as known by the level "
              f"({len(known) / len(vocab):.1%}): {' '.join(sorted(known))}")
        if missing:
            print(f"list lemmas not in the text as analysed: {' '.join(missing)}")
        print(f"pipeline segments {'exactly as' if same else 'DIFFERENTLY from'} the gold")
    print(" | ".join(head))
    print(row("ours", chosen, taught, vocab, known, beads, gold))
    print(row("baseline top-N", base, base_taught, vocab, known, beads, gold))
    print(row("baseline uncapped", base, uncapped, vocab, known, beads, gold))
    if show:
        rules: dict[str, int] = {}
        for d in decisions:
            rules[d.rule] = rules.get(d.rule, 0) + 1
        print("rules:", ", ".join(f"{k} {v}" for k, v in sorted(rules.items(), key=lambda kv: -kv[1])))
        if vocab is not None:
            print("list words not taught:", " ".join(k for k in vocab if k not in known and k not in taught))
            print("taught, not on the list:", " ".join(sorted(taught - set(vocab))))
        for c in cards:
            print(f"  {c.order:2d} {c.reasons[0]:20} {', '.join(t.lemma.lemma for t in c.targets):45} {c.pair.ru[:70]}")


def ablate(options: SelectOptions) -> None:
    """Seed figures with each part of cards.deck.select switched off in turn (patched for the run)."""
    import contextlib
    import importlib
    from unittest import mock

    from cards.lexicon.morph import analyse

    sel = importlib.import_module("cards.deck.select")
    articles = prepare_articles(find_pairs([SEED]))
    pairs = [p for a in articles for p in a.pairs]
    analyses = [analyse(p.ru) for p in pairs]
    vocab = read_vocab()
    lemmas = {lemma_key(t.lemma.lemma): t.lemma for a in analyses for t in a}
    known = {k for k in vocab if known_by_level(lemmas[k], options)}
    to_teach = [k for k in vocab if k not in known]
    plan = sel._plan
    parts = [
        ("(all)", {}),
        ("- not_target (ordinals, place words)", {"not_target": lambda lemma, places=frozenset(): None}),
        ("- base_zipf (known via base word)", {"base_zipf": lambda *a, **k: 0.0}),
        ("- part-of-speech weight", {"POS_WEIGHT": dict.fromkeys(sel.POS_WEIGHT, 1.0)}),
        ("- bookish endings", {"BOOKISH": ()}),
        ("- word families", {"_family": lambda key: key}),
        ("- near duplicates once", {"_same_sentence": lambda a, b: False}),
        ("- drop redundant cards", {"_drop_redundant": lambda chosen, *a, **k: chosen}),
        ("- only-chance words first", {"_plan": lambda new, w, chances, o: plan(new, w, {}, o)}),
    ]
    print(f"\nablation on the seed ({len(to_teach)} list words to teach)")
    for name, patches in parts + [("min_weight 0 (cover all)", "min_weight"), ("max_new 3", "max_new")]:
        opts = options
        if patches == "min_weight":
            opts, patches = replace(options, min_weight=0.0), {}
        elif patches == "max_new":
            opts, patches = replace(options, max_new=3), {}
        with mock.patch.multiple(sel, **patches) if patches else contextlib.nullcontext():
            decisions = sel.select(pairs, analyses, frozenset(), opts)
        taught = {lemma_key(t.lemma.lemma) for d in decisions for t in d.targets}
        n = sum(d.chosen for d in decisions)
        covered = sum(k in taught for k in to_teach)
        print(f"  {name:38} cards {n:3d}  lemmas {len(taught):3d}  list coverage {covered / len(to_teach):.3f}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="B1", help="A2, B1, B2, C1 or a Zipf cut, as for cards build")
    parser.add_argument("--max-new", type=int, default=SelectOptions.max_new)
    parser.add_argument("--show", action="store_true", help="list rules, missed words and the cards")
    parser.add_argument("--ablate", action="store_true", help="seed figures without each part of selection")
    args = parser.parse_args(argv)
    options = BuildOptions(level=args.level, max_new=args.max_new).select_options()
    bench(SEED, options, VOCAB, GOLD, show=args.show)
    bench(SECOND, options, HELDOUT_VOCAB, HELDOUT_GOLD, show=args.show)
    if args.ablate:
        ablate(options)


if __name__ == "__main__":
    main()
