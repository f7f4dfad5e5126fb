"""Alignment quality: strict and lax P/R/F1 over beads (Vecalign's score.py), ours vs nltk's Gale–Church.

    python bench/align.py                 # every set (the WMT21 ones need ../shared/dev/wmt21-ruen)
    python bench/align.py --sets seed seed-mixed
    python bench/align.py --sets 'tune/*'     # the tuning half; 'held/*' is held out (align_data.HELD_OUT_NOTE)

Metric (DESIGN.md §5, re-implemented from thompsonb/vecalign score.py): a predicted bead is a strict hit
when the same (ru set, en set) bead is in the gold, a lax hit when it shares a sentence on each side with
a gold bead; recall is the same with gold and prediction swapped after removing beads with an empty
side; counts are summed over documents (micro average). Calibration: the strict precision of our beads
scoring ≥ 0.5, ≥ 0.8, ≥ 0.9 (and the share of beads at that level), and of those below 0.5.
A second table gives, per link type, recall (gold beads of the type found exactly) / precision
(predicted beads of the type that are gold), the predicted 2-2 beads (the sets have no gold 2-2), and pair
precision: the strict precision of the predicted beads with both sides (the pairs cards are made from).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository, when cards is not installed

import argparse  # noqa: E402
import fnmatch  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402



import align_data  # noqa: E402  (a sibling script)

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _precision_counts(gold: Beads, test: Beads) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of `test` against `gold`."""
    gold_set = {(tuple(r), tuple(e)) for r, e in gold if r or e}
    targets = defaultdict(set)
    for r, e in gold_set:
        for i in r:
            targets[i].update(e)
    tp = fp = tpl = fpl = 0
    for r, e in {(tuple(r), tuple(e)) for r, e in test if r or e}:
        if (r, e) in gold_set:
            tp, tpl = tp + 1, tpl + 1
        elif set(e) & set().union(*(targets[i] for i in r)) if r else False:
            fp, tpl = fp + 1, tpl + 1
        else:
            fp, fpl = fp + 1, fpl + 1
    return tp, fp, tpl, fpl


def score(golds: list[Beads], tests: list[Beads]) -> dict[str, float]:
    """Strict and lax precision, recall and F1, micro-averaged over documents."""
    p, r = [0, 0, 0, 0], [0, 0, 0, 0]
    for gold, test in zip(golds, tests, strict=True):
        p = [x + y for x, y in zip(p, _precision_counts(gold, test), strict=True)]
        both = lambda beads: [(a, b) for a, b in beads if a and b]  # noqa: E731
        r = [x + y for x, y in zip(r, _precision_counts(both(test), both(gold)), strict=True)]
    ratio = lambda a, b: a / (a + b) if a + b else 0.0  # noqa: E731
    f1 = lambda a, b: 2 * a * b / (a + b) if a + b else 0.0  # noqa: E731
    out = {"p": ratio(p[0], p[1]), "r": ratio(r[0], r[1]), "pl": ratio(p[2], p[3]), "rl": ratio(r[2], r[3])}
    out["f"], out["fl"] = f1(out["p"], out["r"]), f1(out["pl"], out["rl"])
    return out


def gale_church(ru: list[str], en: list[str]) -> Beads:
    """nltk's Gale–Church (its own default parameters) turned into beads covering every segment."""
    from nltk.translate.gale_church import align_blocks

    if not ru or not en:
        return [((i,), ()) for i in range(len(ru))] + [((), (j,)) for j in range(len(en))]
    links = align_blocks([len(s) for s in ru], [len(s) for s in en])
    # Group links into connected components; unlinked segments become 1-0 / 0-1 beads.
    beads: Beads = []
    ru_of, en_of = defaultdict(set), defaultdict(set)
    for i, j in links:
        ru_of[j].add(i)
        en_of[i].add(j)
    i = j = 0
    while i < len(ru) or j < len(en):
        if i < len(ru) and not en_of[i]:
            beads.append(((i,), ()))
            i += 1
        elif j < len(en) and not ru_of[j]:
            beads.append(((), (j,)))
            j += 1
        else:
            rs, es = {i}, set(en_of[i])
            grown = True
            while grown:
                new_r = set().union(*(ru_of[x] for x in es)) | rs
                new_e = set().union(*(en_of[x] for x in new_r)) | es
                grown = (new_r, new_e) != (rs, es)
                rs, es = new_r, new_e
            beads.append((tuple(sorted(rs)), tuple(sorted(es))))
            i, j = max(rs) + 1, max(es) + 1
    return beads


def calibration(golds: list[Beads], preds) -> dict[float, tuple[float, float]]:
    """For each threshold: (strict precision of beads scoring at least it, share of beads)."""
    out = {}
    for th in (0.5, 0.8, 0.9):
        hit = total = kept = 0
        for gold, beads in zip(golds, preds, strict=True):
            g = set(gold)
            for b in beads:
                total += 1
                if b.score >= th:
                    kept += 1
                    hit += (b.ru, b.en) in g
        out[th] = (hit / kept if kept else 0.0, kept / total if total else 0.0)
    low = [(b.ru, b.en) in set(gold) for gold, beads in zip(golds, preds, strict=True) for b in beads if b.score < 0.5]
    out[0.0] = (sum(low) / len(low) if low else 0.0, float(len(low)))
    return out


TYPES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))


def by_type(golds: list[Beads], tests: list[Beads]) -> dict:
    """Per link type (a, b): (recall, precision, gold count); 'pairs': strict precision of 2-sided beads."""
    found, gold_n, hit, pred_n = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    pair_hit = pair_n = 0
    for gold, test in zip(golds, tests, strict=True):
        g, t = set(gold), set(test)
        for r, e in g:
            gold_n[len(r), len(e)] += 1
            found[len(r), len(e)] += (r, e) in t
        for r, e in t:
            pred_n[len(r), len(e)] += 1
            hit[len(r), len(e)] += (r, e) in g
            if r and e:
                pair_n += 1
                pair_hit += (r, e) in g
    out = {k: (found[k] / gold_n[k] if gold_n[k] else None, hit[k] / pred_n[k] if pred_n[k] else None, gold_n[k])
           for k in TYPES}
    out["2-2"] = pred_n[2, 2]
    out["pairs"] = pair_hit / pair_n if pair_n else 1.0
    return out


def _type_row(name: str, t: dict) -> str:
    def cell(k):
        r, p, n = t[k]
        return "–" if r is None else f"{r:.3f} / {'–' if p is None else f'{p:.3f}'} ({n})"
    return f"| {name} | " + " | ".join(cell(k) for k in TYPES) + f" | {t['2-2']} | {t['pairs']:.4f} |"


def run(names: list[str] | None, seed: int, unrelated: bool = True) -> list[str]:
    from cards.align import align_many

    sets = align_data.sets(seed, unrelated)
    rows = ["| set | docs | ru/en segs | ours strict P / R / F1 | ours lax F1 | GC strict P / R / F1 | GC lax F1 "
            "| P@≥.5 (share) | P@≥.8 (share) | P@≥.9 (share) | P@<.5 (beads) | ours s | GC s |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    types = ["| set | 1-1 R / P (gold) | 1-2 | 2-1 | 1-0 | 0-1 | 2-2 predicted | pair precision |",
             "|---|---|---|---|---|---|---:|---:|"]
    for name, docs in sets.items():
        if names and not any(fnmatch.fnmatchcase(name, pat) for pat in names):
            continue
        flat = [align_data.flatten(d) for d in docs]
        golds = [g for _, _, g in flat]
        pairs = [([t for t, _ in r], [t for t, _ in e]) for r, e, _ in flat]
        t0 = time.perf_counter()
        ours = align_many(pairs)
        t1 = time.perf_counter()
        gc = [gale_church(r, e) for r, e in pairs]
        t2 = time.perf_counter()
        a = score(golds, [[(b.ru, b.en) for b in beads] for beads in ours])
        g = score(golds, gc)
        cal = calibration(golds, ours)
        nr, ne = sum(len(r) for r, _ in pairs), sum(len(e) for _, e in pairs)
        rows.append(
            f"| {name} | {len(docs)} | {nr}/{ne} | {a['p']:.3f} / {a['r']:.3f} / **{a['f']:.3f}** | {a['fl']:.3f} "
            f"| {g['p']:.3f} / {g['r']:.3f} / {g['f']:.3f} | {g['fl']:.3f} | "
            + " | ".join(f"{cal[th][0]:.3f} ({cal[th][1]:.2f})" for th in (0.5, 0.8, 0.9))
            + f" | {cal[0.0][0]:.2f} ({cal[0.0][1]:.0f}) | {t1 - t0:.1f} | {t2 - t1:.1f} |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
        types.append(_type_row(name, by_type(golds, [[(b.ru, b.en) for b in beads] for beads in ours])))
        print(types[-1], file=sys.stderr, flush=True)
    return rows + [""] + types


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", help="names (or patterns, 'held/*') of the sets to run (default: all)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the perturbation generators")
    parser.add_argument("--old-inserts", action="store_true", help="the sets as drawn before inserted lines at one "
                        "place on both sides had to be unrelated (align_data.insert)")
    args = parser.parse_args()
    print("\n".join(run(args.sets, args.seed, not args.old_inserts)))


if __name__ == "__main__":
    main()
