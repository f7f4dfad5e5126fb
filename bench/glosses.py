"""Dictionary glosses on the card: are the ones we show right, and common enough to help?

Gold: tests/data/glosses/labels.tsv. For each lemma, every one of the dictionary's first eight
candidate glosses (Debian's mueller7, reversed) is labelled by hand, without seeing any ranking:
good (a correct, current, everyday translation), rare (correct but an uncommon English word) or
bad (wrong or misleading: slang, a narrow idiom, a fragment, a false friend). Two sets: `deck`, the
target lemmas of the seed and the second test pair (the policy was tuned on these), and `general`,
150 random common Russian lemmas of the dictionary (held out).

For a policy it reports, per set: the glosses shown (up to two per lemma), the share of them that
are good, rare and bad, and the share of lemmas with at least one good gloss shown. Policies:
  first two, no usage marks   the dictionary's order with usage marks ignored, as cards showed before
  first two                   the dictionary's order (Dictionary.glosses), usage marks counted
  card                        Dictionary.card_glosses, what cards shows now

Run: python bench/glosses.py        (needs mueller7-dict: apt-get install mueller7-dict)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.lexicon.dictionary import load_dictionary  # noqa: E402

GOLD = ROOT / "tests" / "data" / "glosses" / "labels.tsv"


def read_gold(path: Path = GOLD) -> dict[str, dict[str, dict[str, str]]]:
    """set → lemma → gloss → label."""
    gold: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, lemma, gloss, label = line.split("\t")
        gold[name][lemma][gloss] = label
    return gold


def unpenalised_dictionary():
    """mueller7 reversed as before usage marks counted: every penalty of cards.lexicon.dictionary set to 0."""
    from cards.lexicon import dictionary as module

    names = ("REGISTER_PENALTY", "DOMAIN_PENALTY", "COLLOQUIAL_PENALTY", "BLOCK_PENALTY", "HOMONYM_PENALTY")
    saved = {n: getattr(module, n) for n in names}
    try:
        for n in names:
            setattr(module, n, 0.0)
        return module.read_dictd(*module._dictd_files(module.DICTD_DIR / "mueller7.index"), use_cache=False)
    finally:
        for n, value in saved.items():
            setattr(module, n, value)


def measure(lemmas: dict[str, dict[str, str]], shown) -> dict[str, float]:
    counts = defaultdict(int)
    covered = 0
    for lemma, labels in lemmas.items():
        glosses = shown(lemma)
        for g in glosses:
            counts[labels.get(g, "unlabelled")] += 1
        covered += any(labels.get(g) == "good" for g in glosses)
    total = sum(counts.values())
    return {
        "shown": total,
        **{k: counts[k] / total if total else 0.0 for k in ("good", "rare", "bad", "unlabelled")},
        "covered": covered / len(lemmas) if lemmas else 0.0,
    }


def main() -> None:
    if load_dictionary() is None:
        sys.exit("no dictionary: apt-get install mueller7-dict")
    plain = unpenalised_dictionary()
    dictionary = load_dictionary()
    gold = read_gold()
    policies = {
        "first two, no usage marks": lambda lemma: plain.glosses(lemma)[:2],
        "first two": lambda lemma: dictionary.glosses(lemma)[:2],
        "card": lambda lemma: dictionary.card_glosses(lemma),
    }
    print("| set | lemmas | policy | glosses shown | good | rare | bad | lemmas with a good gloss |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for name, lemmas in gold.items():
        with_candidates = {lemma: labels for lemma, labels in lemmas.items() if labels}
        for policy, shown in policies.items():
            m = measure(with_candidates, shown)
            print(f"| {name} | {len(with_candidates)} | {policy} | {m['shown']} | {m['good']:.3f} | {m['rare']:.3f} "
                  f"| {m['bad']:.3f} | {m['covered']:.3f} |")


if __name__ == "__main__":
    main()
