"""The first gloss a card shows, by eye: for the commonest Russian content lemmas, with the built-in lexicon.

    python bench/first_glosses.py > before.tsv      # wordfreq's 3,000 commonest content lemmas
    python bench/first_glosses.py --top 5000 > after.tsv
    python bench/first_glosses.py --diff before.tsv after.tsv   # only the lemmas whose gloss changed

Each line: lemma, part of speech, the first gloss of `meaning_for(lemma, None, dictionary)` (no
counterpart: what a card shows from the dictionary alone), and the whole meaning. Content lemmas are
those of bench/meaning_missing.py (pymorphy3's first reading of wordfreq's commonest words; names,
abbreviations left out), in wordfreq's order. No labels: a change is judged by reading the diff.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

from cards.build import BuildOptions, find_dictionary  # noqa: E402
from cards.deck.content import meaning_for  # noqa: E402


def commonest_lemmas(n: int) -> list[tuple[str, str]]:
    """The first `n` distinct (lemma, pos) content lemmas of wordfreq's commonest Russian words."""
    from meaning_missing import wordfreq_lemmas

    out: list[tuple[str, str]] = []
    words = 4 * n
    while len(out) < n:
        out = list(wordfreq_lemmas(words))[:n]  # a Counter keeps wordfreq's order
        words *= 2
    return out


def first_glosses(n: int) -> list[str]:
    dictionary = find_dictionary(BuildOptions(system_dictionaries=False))
    lines = []
    for lemma, pos in commonest_lemmas(n):
        meaning, _ = meaning_for(lemma, None, dictionary, pos=pos)
        lines.append(f"{lemma}\t{pos}\t{meaning.split('; ')[0]}\t{meaning}")
    return lines


def diff(before: Path, after: Path) -> list[str]:
    """before → after for every lemma whose first gloss changed."""
    def read(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
        rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line)
        return {(r[0], r[1]): (r[2], r[3]) for r in rows}

    old, new = read(before), read(after)
    return [f"{lemma}\t{pos}\t{old[k][1]}\t→\t{new[k][1]}" for k in old if k in new and old[k][0] != new[k][0]
            for lemma, pos in [k]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=3000, help="how many content lemmas (default 3,000)")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    lines = diff(*args.diff) if args.diff else first_glosses(args.top)
    print("\n".join(lines))
    if args.diff:
        print(f"{len(lines)} first glosses changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
