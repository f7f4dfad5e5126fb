"""Lemmatisation benchmark: cards.lexicon.morph against pymorphy3's plain first parse, on hand-checked gold.

Gold: tests/data/lemmas-seed.tsv (whole sentences of the seed, every token checked by hand), the
headline; and tests/data/lemmas-handmade.tsv (sentences written for the rules on names, short and
lexicalised participles and subject-verb agreement; small, so each miss moves its figures a lot).
Reports content-word lemma accuracy (the headline: gold pos noun/verb/adj/adv, not proper),
all-token lemma and pos accuracy, proper-name detection, an ablation of each context rule, and,
with --dev, how often each rule fires on the WMT21 dev articles (read from /work/shared only).

Usage:
    python bench/lemmas.py [--dev /work/shared/dev/wmt21-ruen/docs.jsonl]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.lexicon import analyser, morph  # noqa: E402

GOLD = ROOT / "tests" / "data" / "lemmas-seed.tsv"
HANDMADE = ROOT / "tests" / "data" / "lemmas-handmade.tsv"


@dataclass(frozen=True)
class Gold:
    sentence: int
    token: str
    lemma: str
    pos: str
    proper: bool


def load_gold(path: Path = GOLD) -> tuple[dict[int, str], list[Gold]]:
    """The sentences (index → text) and the gold rows, in order."""
    texts: dict[int, str] = {}
    rows: list[Gold] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#text\t"):
            _, index, text = line.split("\t", 2)
            texts[int(index)] = text
        elif line and not line.startswith("#"):
            n, token, lemma, pos, proper = line.split("\t")
            rows.append(Gold(int(n), token, lemma, pos, proper == "1"))
    return texts, rows


def baseline(text: str) -> list[tuple[str, str, str, bool]]:
    """(token, lemma, pos, proper) from pymorphy3's first parse alone (same tokens as ours)."""
    out = []
    for slot in morph._slots(text):
        if not slot.parses:
            out.append((slot.text, slot.text, "num" if slot.kind == "number" else "noun", slot.kind == "latin"))
            continue
        p = slot.parses[0]
        proper = bool(analyser.PROPER_GRAMMEMES & set(p.tag.grammemes)) or slot.kind == "latin"
        out.append((slot.text, p.normal_form, analyser._pos(p.tag), proper))
    return out


def ours(text: str, rules=morph.RULES) -> list[tuple[str, str, str, bool]]:
    return [(t.text, t.lemma.lemma, t.lemma.pos, t.lemma.proper) for t in morph.analyse(text, rules=rules)]


def score(analyse, path: Path = GOLD) -> dict[str, float]:
    """Accuracy figures of an analyser `text -> [(token, lemma, pos, proper)]` on the gold."""
    texts, rows = load_gold(path)
    by_sentence = collections.defaultdict(list)
    for row in rows:
        by_sentence[row.sentence].append(row)
    n = collections.Counter()
    for index, gold in by_sentence.items():
        predicted = analyse(texts[index])
        if [p[0] for p in predicted] != [g.token for g in gold]:
            raise ValueError(f"sentence {index}: tokens differ from the gold")
        for (_, lemma, pos, proper), g in zip(predicted, gold, strict=True):
            same = lemma.lower() == g.lemma.lower()
            n["tokens"] += 1
            n["lemma"] += same
            n["pos"] += pos == g.pos
            if g.pos in morph.CONTENT_POS and not g.proper:
                n["content"] += 1
                n["content_lemma"] += same
                n["content_both"] += same and pos == g.pos
            n["tp"] += proper and g.proper
            n["fp"] += proper and not g.proper
            n["fn"] += g.proper and not proper
    precision = n["tp"] / max(1, n["tp"] + n["fp"])
    recall = n["tp"] / max(1, n["tp"] + n["fn"])
    return {
        "tokens": n["tokens"],
        "content words": n["content"],
        "content lemma acc": n["content_lemma"] / n["content"],
        "content lemma+pos acc": n["content_both"] / n["content"],
        "all-token lemma acc": n["lemma"] / n["tokens"],
        "all-token pos acc": n["pos"] / n["tokens"],
        "proper precision": precision,
        "proper recall": recall,
        "proper F1": 2 * precision * recall / max(1e-9, precision + recall),
    }


def rule_counts(texts: list[str]) -> collections.Counter:
    """How often each rule decides a reading over the given sentences."""
    counts: collections.Counter = collections.Counter()
    for text in texts:
        slots = morph._slots(text)
        for i, slot in enumerate(slots):
            if slot.kind == "word" and slot.parses:
                counts[morph.choose(slots, i).rule] += 1
    return counts


def report(path: Path) -> None:
    """The figures and the ablation of each rule on one gold file."""
    base, mine = score(baseline, path), score(ours, path)
    print(f"gold: {path.relative_to(ROOT)}  ({base['tokens']} tokens, {base['content words']} content words)")
    print(f"{'measure':24} {'pymorphy3 first':>16} {'cards.morph':>12}")
    for key in base:
        if key not in ("tokens", "content words"):
            print(f"{key:24} {base[key]:16.3f} {mine[key]:12.3f}")

    print("\nablation on the gold, without each rule (content lemma, all-token lemma, all-token pos, proper F1):")
    columns = ("content lemma acc", "all-token lemma acc", "all-token pos acc", "proper F1")
    print(f"  {'(all rules)':32} " + "  ".join(f"{mine[c]:.3f}" for c in columns))
    for rule in morph.RULES:
        rest = tuple(r for r in morph.RULES if r is not rule)
        s = score(lambda text: ours(text, rest), path)
        print(f"  - {rule.__name__:30} " + "  ".join(f"{s[c]:.3f}" for c in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, help="WMT21 docs.jsonl: count rule firings there")
    args = parser.parse_args()

    texts, _ = load_gold()
    for t in texts.values():  # warm the caches, then time both before the ablations fill the heap
        morph.analyse(t)
    start = time.perf_counter()
    n_tokens = sum(len(morph.analyse(t)) for t in texts.values())
    base_start = time.perf_counter()
    n_base = sum(len(baseline(t)) for t in texts.values())
    end = time.perf_counter()

    report(GOLD)
    print()
    report(HANDMADE)
    print(f"\nspeed (warm caches): ours {n_tokens / (base_start - start):,.0f} tokens/s, "
          f"first parse {n_base / (end - base_start):,.0f} tokens/s")

    if args.dev:
        sentences = []
        for line in args.dev.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            sentences += [s for paragraph in doc["ru"] for s in paragraph]
        start = time.perf_counter()
        counts = rule_counts(sentences)
        elapsed = time.perf_counter() - start
        words = sum(counts.values())
        print(f"\nrule firings on the dev set ({len(sentences)} sentences, {words} words, {elapsed:.1f} s):")
        for rule, count in counts.most_common():
            print(f"  {rule:30} {count:7d}  {count / words:.2%}")


if __name__ == "__main__":
    main()
