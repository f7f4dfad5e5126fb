"""Pair check: does `cards build` tell an article's translation from another article's English?

`cards.build.pairs_evidence` (translation_evidence) on the aligned pairs of (a) every WMT21 article
with its own translation (../shared/dev/wmt21-ruen, written out as pair folders in a temporary
directory, never into the repo), the seed and the second test pair, and (b) every WMT21 Russian article with the
English of the article `--shift` places further on (the same news sources and topics, so names and
numbers often match). Reports the range of each and how many fall on the wrong side of
cards.build.NOT_A_TRANSLATION.

Run: python bench/pair_check.py [--shift 37] [--no-system-dictionaries]
(the dictionaries a build uses: the built-in lexicon, plus mueller7 when installed)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cards.align import align_many  # noqa: E402
from cards.build import (  # noqa: E402
    NOT_A_TRANSLATION, BuildOptions, find_dictionary, find_pairs, pairs_evidence, pairs_from_beads, prepare_articles,
)
from rebuild_stability import DOCS, write_pairs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shift", type=int, default=37, help="pair article k's Russian with article k+SHIFT's English")
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
    true = [pairs_evidence(a.pairs, dictionary) for a in articles]
    own = [pairs_evidence(a.pairs, dictionary) for a in ours]
    n = len(articles)
    mixed_sides = [(articles[k].ru_sentences, articles[(k + args.shift) % n].en_sentences) for k in range(n)]
    mixed = [pairs_evidence(pairs_from_beads(r, e, beads), dictionary) for (r, e), beads in zip(mixed_sides, align_many(mixed_sides), strict=True)]
    print(f"threshold NOT_A_TRANSLATION = {NOT_A_TRANSLATION}")
    print("| pairs | count | min | median | max | on the wrong side |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, values, wrong in (
        ("WMT21 article + its translation", true, sum(v < NOT_A_TRANSLATION for v in true)),
        ("seed, second test pair", own, sum(v < NOT_A_TRANSLATION for v in own)),
        (f"WMT21 article + English of article k+{args.shift}", mixed, sum(v >= NOT_A_TRANSLATION for v in mixed)),
    ):
        print(f"| {name} | {len(values)} | {min(values):.2f} | {statistics.median(values):.2f} | {max(values):.2f} | {wrong} |")


if __name__ == "__main__":
    main()
