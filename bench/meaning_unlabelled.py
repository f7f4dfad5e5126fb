"""Where the meaning of each target comes from, on WMT21 articles outside every gold set (no labels).

    python bench/meaning_unlabelled.py                 # both modes
    python bench/meaning_unlabelled.py --list none     # the targets with no meaning at all

Each of the 80-odd WMT21 dev articles that no gold file under bench/data uses is built as a deck would be
(default options) and every target is counted by the source of its meaning: the counterpart in the
English sentence, the dictionary's commonest sense, a base word, a loanword guess, or none. No labels:
this says how often each path is taken, not whether the meaning is right (bench/meaning.py does that).
The articles are written to a temporary folder as the other benches write them (bench/rebuild_stability.py:
headline and lead on lines of their own, as on a saved page) and removed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.build import BuildOptions, choose_cards, find_dictionary, find_pairs, prepare_articles  # noqa: E402
from rebuild_stability import write_pairs  # noqa: E402

WMT21 = ROOT.parent / "shared" / "dev" / "wmt21-ruen" / "docs.jsonl"  # the articles write_pairs reads
GOLD_FILES = sorted((ROOT / "bench" / "data").rglob("*.tsv"))
SOURCES = ("sentence", "dictionary", "base", "loanword", "")


def unlabelled_docs() -> list[dict]:
    used = {line.split("\t", 1)[0] for path in GOLD_FILES for line in path.read_text(encoding="utf-8").splitlines()}
    with WMT21.open(encoding="utf-8") as f:
        return [d for d in map(json.loads, f) if d["doc"] not in used]


def targets_by_source(docs: list[dict], options: BuildOptions, folders: dict[str, Path]) -> tuple[Counter, list[str]]:
    dictionary = find_dictionary(options)
    counts: Counter = Counter()
    rows = []
    for doc in docs:
        pair = folders[re.sub(r"\W+", "-", doc["doc"])]
        _, cards = choose_cards(prepare_articles(find_pairs([pair])), dictionary=dictionary)
        for card in cards:
            for t in card.targets:
                counts[t.gloss_from] += 1
                rows.append(f"{t.gloss_from or 'none'}\t{doc['doc']}\t{t.lemma.lemma}\t{t.gloss}")
    return counts, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", choices=("none", "dictionary", "base", "loanword"), help="print these targets")
    args = parser.parse_args()
    if not WMT21.exists():
        print(f"bench/meaning_unlabelled.py needs the WMT21 dev articles at {WMT21} (../shared)", file=sys.stderr)
        return 1
    docs = unlabelled_docs()
    print(f"{len(docs)} WMT21 articles outside the gold sets\n")
    print("| dictionaries | targets | counterpart in the sentence | dictionary sense | base word | loanword | none |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folders = {p.name: p for p in write_pairs(Path(tmp) / "pairs", 10_000)}  # as the other benches write them
        for name, options in (("built-in lexicon", BuildOptions(system_dictionaries=False)),
                              ("built-in lexicon + system", BuildOptions())):
            counts, rows = targets_by_source(docs, options, folders)
            total = sum(counts.values())
            cells = " | ".join(f"{counts[s]} ({counts[s] / total:.3f})" for s in SOURCES)
            print(f"| {name} | {total} | {cells} |")
            if args.list:
                print("\n".join(r for r in rows if r.startswith(args.list + "\t")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
