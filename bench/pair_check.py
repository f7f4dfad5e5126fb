"""Pair check: does `cards build` tell an article's translation from another article's English?

`cards.build.pairs_evidence` on the aligned pairs of (a) every WMT21 article with its own translation
(../shared/dev/wmt21-ruen, written out as pair folders in a temporary directory, never into the repo),
the seed and the second test pair; (b) real pairs with many omissions: the held-out perturbed sets of
bench/align_data.py (sentences and runs of sentences left out, lines inserted, both) and the WMT21
articles with half their English sentences left out (an abridged translation); and (c) every WMT21
Russian article with the English of the article each `--shifts` places further on (the same news
sources, days and topics, so names, numbers and whole sentences often match). Reports the range of
each and how many fall on the wrong side of cards.build.NOT_A_TRANSLATION.

Run: python bench/pair_check.py [--shifts 11 23 37 53 71] [--no-system-dictionaries]
(the dictionaries a build uses: the built-in lexicon, plus mueller7 when installed)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import align_data  # noqa: E402
from cards.align import align_many  # noqa: E402
from cards.build import (  # noqa: E402
    NOT_A_TRANSLATION, BuildOptions, find_dictionary, find_pairs, pairs_evidence, pairs_from_beads, prepare_articles,
)
from cards.model import Pair  # noqa: E402
from rebuild_stability import DOCS, write_pairs  # noqa: E402


def perturbed(docs: list[list], dictionary) -> list[float]:
    """pairs_evidence of align_data documents (units of gold beads), aligned as a build aligns them."""
    flat = [align_data.flatten(d) for d in docs]
    sides = [([t for t, _ in r], [t for t, _ in e]) for r, e, _ in flat]
    return [pairs_evidence([Pair(" ".join(r[i] for i in b.ru), " ".join(e[j] for j in b.en), b.score) for b in beads],
                           dictionary) for (r, e), beads in zip(sides, align_many(sides), strict=True)]


def abridged(units: list, rnd: random.Random, share: float = 0.5) -> list:
    """The article with `share` of its English sentences left out: a shortened translation."""
    dropped = set(rnd.sample(range(len(units)), round(share * len(units))))
    return [(ru, [] if k in dropped else en) for k, (ru, en) in enumerate(units)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shifts", type=int, nargs="+", default=[11, 23, 37, 53, 71],
                    help="pair article k's Russian with article k+SHIFT's English, for each shift")
    ap.add_argument("--no-system-dictionaries", action="store_true", help="the built-in lexicon alone")
    args = ap.parse_args()
    dictionary = find_dictionary(BuildOptions(system_dictionaries=not args.no_system_dictionaries))
    if not DOCS.exists():
        sys.exit(f"bench/pair_check.py: needs the WMT21 development set at {DOCS}")
    print(f"dictionaries: {dictionary.source}")
    with tempfile.TemporaryDirectory() as tmp:
        folders = write_pairs(Path(tmp) / "pairs", 10_000)
        articles = prepare_articles(find_pairs(folders))
    ours = prepare_articles(find_pairs([ROOT / "seeds" / "minsk-washington", ROOT / "tests/data/pairs/yerevan-brussels"]))
    rows = [("WMT21 article + its translation", [pairs_evidence(a.pairs, dictionary) for a in articles], True),
            ("seed, second test pair", [pairs_evidence(a.pairs, dictionary) for a in ours], True)]
    held = align_data.split_sets("held")
    for name in ("held/wmt21-omit", "held/wmt21-omit-runs", "held/wmt21-insert-runs", "held/wmt21-noisy"):
        rows.append((f"{name} (real pairs, sentences left out or inserted)", perturbed(held[name], dictionary), True))
    rnd = random.Random(2026)
    rows.append(("WMT21 article + half its English (abridged)",
                 perturbed([abridged(d, rnd) for d in align_data.wmt21_units()], dictionary), True))
    n = len(articles)
    for shift in args.shifts:
        mixed_sides = [(articles[k].ru_sentences, articles[(k + shift) % n].en_sentences) for k in range(n)]
        mixed = [pairs_evidence(pairs_from_beads(r, e, beads), dictionary)
                 for (r, e), beads in zip(mixed_sides, align_many(mixed_sides), strict=True)]
        rows.append((f"WMT21 article + English of article k+{shift}", mixed, False))
    print(f"threshold NOT_A_TRANSLATION = {NOT_A_TRANSLATION}")
    print("| pairs | count | min | median | max | on the wrong side |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, values, translation in rows:
        values = [v for v in values if v is not None]
        wrong = sum((v < NOT_A_TRANSLATION) == translation for v in values)
        print(f"| {name} | {len(values)} | {min(values):.2f} | {statistics.median(values):.2f} | {max(values):.2f} | {wrong} |")


if __name__ == "__main__":
    main()
