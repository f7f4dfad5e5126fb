"""Word alignment benchmark: precision and recall of `cards.align.words.counterparts` on the hand gold.

Gold: tests/data/wordalign-gold.tsv (link index, ru surface, ru lemma, en counterpart or empty),
over the seed pairs of tests/data/seed-gold/seed.jsonl (the gold sentence alignment's links).
All gold words of a link are targets of one call, so they compete for spans as in real use.
A prediction is right when the English span's text equals the gold counterpart exactly.

    python bench/wordalign.py                 # every evidence source alone and combined
    python bench/wordalign.py --wmt21 40      # table also learned over 40 wmt21 dev articles
    python bench/wordalign.py --errors        # list the wrong and missed counterparts
    python bench/wordalign.py --heldout       # tests/data/wordalign-heldout: the second pair, never tuned on
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.align import evidence  # noqa: E402
from cards.align import words as wordalign  # noqa: E402
from cards.build import BuildOptions, find_dictionary  # noqa: E402
from cards.lexicon.dictionary import load_dictionary  # noqa: E402

GOLD = ROOT / "tests" / "data" / "wordalign-gold.tsv"
HELDOUT = ROOT / "tests" / "data" / "wordalign-heldout"  # a second pair, never tuned on
SEED = ROOT / "tests" / "data" / "seed-gold" / "seed.jsonl"  # a copy of /work/shared/dev/seed-gold/seed.jsonl
WMT21 = Path("/work/shared/dev/wmt21-ruen/docs.jsonl")


def read_gold(path: Path = GOLD) -> list[tuple[int, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            link, ru, lemma, en = (line.split("\t") + [""])[:4]
            rows.append((int(link), ru, lemma, en))
    return rows


def read_links(path: Path = SEED) -> list[tuple[str, str]]:
    """The seed's (ru, en) texts, one per link; a multi-sentence side is joined with a space."""
    data = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    return [(" ".join(data["ru"][i] for i in r), " ".join(data["en"][i] for i in e)) for r, e in data["links"]]


def wmt21_pairs(n_docs: int) -> list[tuple[str, str]]:
    pairs = []
    with WMT21.open(encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= n_docs:
                break
            doc = json.loads(line)
            for rp, ep in zip(doc["ru"], doc["en"], strict=True):
                pairs += list(zip(rp, ep, strict=True))
    return pairs


def find(text: str, word: str) -> tuple[int, int]:
    m = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)
    if m is None:
        raise ValueError(f"{word!r} not in {text!r}")
    return m.start(), m.end()


def evaluate(gold, links, **kwargs) -> dict:
    """Counts and precision/recall of counterparts() on the gold; `kwargs` go to counterparts()."""
    by_link = defaultdict(list)
    for row in gold:
        by_link[row[0]].append(row)
    predicted = correct = expected = 0
    errors = []
    for link, rows in sorted(by_link.items()):
        ru, en = links[link]
        targets = [(*find(ru, r[1]), r[2]) for r in rows]
        spans = wordalign.counterparts(ru, en, targets, **kwargs)
        for (_, surface, lemma, want), span in zip(rows, spans, strict=True):
            got = en[span[0] : span[1]] if span else ""
            expected += bool(want)
            predicted += bool(got)
            correct += bool(got) and got == want
            if got != want:
                errors.append((link, surface, want, got))
    p = correct / predicted if predicted else 1.0
    r = correct / expected if expected else 1.0
    return {
        "precision": p,
        "recall": r,
        "predicted": predicted,
        "correct": correct,
        "expected": expected,
        "errors": errors,
    }


def position_baseline(gold, links) -> dict:
    """Each target takes the free English content word nearest its relative place (no evidence)."""
    by_link = defaultdict(list)
    for row in gold:
        by_link[row[0]].append(row)
    predicted = correct = expected = 0
    for link, rows in by_link.items():
        ru, en = links[link]
        toks = [t for t in evidence.words(en) if not evidence.is_function_word(t[2])]
        taken = set()
        for _, surface, _, want in rows:
            a, b = find(ru, surface)
            rel = (a + b) / 2 / len(ru)
            free = [t for t in toks if t[:2] not in taken]
            got = ""
            if free:
                best = min(free, key=lambda t: abs((t[0] + t[1]) / 2 / len(en) - rel))
                taken.add(best[:2])
                got = best[2]
            expected += bool(want)
            predicted += bool(got)
            correct += bool(got) and got == want
    return {
        "precision": correct / max(predicted, 1),
        "recall": correct / max(expected, 1),
        "predicted": predicted,
        "correct": correct,
    }


W = wordalign.Weights
ALONE = dict(adjacency=False, gaps=False, weak_threshold=1.0, particles=False, phrases=False, pairs=False, leftovers=False,
             residual=False)
WEAK = dict(weak_threshold=0.15)
RUNS = [
    # name, weights, with the dictionary
    ("dictionary alone", W(use=("dictionary",), **ALONE), True),
    ("dict+cognate+table", W(use=("dictionary", "cognate", "table"), **ALONE), True),
    ("  + related (WordNet, alike)", W(**ALONE), True),
    ("  + neighbours, gaps (default)", W(), True),
    ("  + weak pass (off)", W(**WEAK), True),
    ("cognate alone", W(use=("cognate",), **ALONE), False),
    ("table alone", W(use=("table",), **ALONE), False),
    ("cognate+table", W(**ALONE), False),
    ("  + neighbours, gaps (default)", W(), False),
    ("  + weak pass (off)", W(**WEAK), False),
]


def read_external(gold_path: Path, docs: str) -> tuple[list, list]:
    """A gold file over wmt21 articles (link = index of the sentence pair across `docs`), read
    from outside the repository: wmt21 text must never be copied into it."""
    wanted = [int(x) for x in docs.split(",")]
    lines = WMT21.read_text(encoding="utf-8").splitlines()
    links = []
    for k in wanted:
        doc = json.loads(lines[k])
        for rp, ep in zip(doc["ru"], doc["en"], strict=True):
            links += list(zip(rp, ep, strict=True))
    return read_gold(gold_path), links


def row(name: str, res: dict) -> str:
    return f"{name:34} {res['precision']:9.3f} {res['recall']:7.3f} {res['correct']:8d} {res['predicted']:9d}"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wmt21", type=int, default=0, metavar="N", help="also learn the table over N wmt21 dev articles")
    ap.add_argument("--method", default="ibm1", choices=["ibm1", "dice"])
    ap.add_argument("--heldout", action="store_true",
                    help="the held-out gold on tests/data/pairs/yerevan-brussels instead of the seed's")
    ap.add_argument("--gold", type=Path, help="another gold file (same columns); with --docs")
    ap.add_argument("--docs", help="comma-separated wmt21 article numbers whose sentence pairs --gold indexes")
    ap.add_argument("--errors", action="store_true", help="print the errors of the default run with the dictionary")
    args = ap.parse_args(argv)

    if args.gold:
        gold, links = read_external(args.gold, args.docs)
    elif args.heldout:
        gold, links = read_gold(HELDOUT / "yerevan-brussels.tsv"), read_links(HELDOUT / "yerevan-brussels.jsonl")
    else:
        gold, links = read_gold(), read_links()
    pairs = list(links) + (wmt21_pairs(args.wmt21) if args.wmt21 else [])
    t0 = time.perf_counter()
    table = evidence.learn_table(pairs, method=args.method)
    t_table = time.perf_counter() - t0
    dictionaries = {
        "built-in lexicon": find_dictionary(BuildOptions(system_dictionaries=False)),
        "mueller7 alone": load_dictionary(),
        "built-in lexicon + mueller7": find_dictionary(BuildOptions()) if load_dictionary() else None,
    }
    print(
        f"gold: {len(gold)} target words, {sum(bool(r[3]) for r in gold)} with a counterpart; "
        f"table: {args.method} over {len(pairs)} pairs, {len(table)} entries, {t_table:.1f}s"
    )
    print(f"{'evidence':34} {'precision':>9} {'recall':>7} {'correct':>8} {'predicted':>9}")
    print(row("position alone (baseline)", position_baseline(gold, links)))
    for source, dictionary in [(None, None), *dictionaries.items()]:
        if source is not None:
            print(f"-- dictionary: {source}" + ("" if dictionary else " (not installed)"))
        for name, weights, with_dict in RUNS:
            if with_dict != (source is not None) or (source and dictionary is None):
                continue
            t0 = time.perf_counter()
            res = evaluate(gold, links, table=table, dictionary=dictionary, weights=weights)
            took = time.perf_counter() - t0
            print(row(name, res) + f"   {took:.1f}s")
            if args.errors and with_dict and weights == W():
                for link, surface, want, got in res["errors"]:
                    kind = "missed" if not got else "WRONG " if want else "extra "
                    print(f"   {kind} {link:3d} {surface:20} gold={want!r:24} got={got!r}")


if __name__ == "__main__":
    main()
