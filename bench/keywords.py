"""Teachers' key words on WMT21 articles: are they taught, at what cost, and what else is taught?

Gold: bench/data/keywords/keywords.tsv (37 WMT21 dev articles, 15–25 key lemmas each, written by hand
before the tool's output was seen; tune, tune4 and tune5 may be tuned on, heldout, heldout2, heldout3, heldout5 are held out). Each article is written out as a pair folder
in a temporary directory (never into the repository) and built alone, as `cards build FOLDER` would.

- coverage: key lemmas taught by at least one card (a participle's verb counts for it);
- cards per 1,000 Russian words of the article;
- the targets, by a teacher's labels (bench/data/keywords/targets-labels.tsv, made after the fact on
  the targets of the commit that added it, and extended on 2026-12-01 to every target of 59887cb):
  ok, general word, name, junk; new targets are unlabelled;
- with --known: the same with tests/data/known-political-500.txt as the learner's list: how many
  targets are on the list (must be 0) and the coverage of the key lemmas not on it;
- with --ablate: key lemmas taught and general words among the targets, with each of the rules of
  issue 11 taken back in turn (6 words a card, the sense rule, the article's subjects, the learner
  model of supersenses, the cards of a news brief's light news words).
- the splits tune2 and heldout4 (bench/data/keywords/labels-only.tsv): WMT21 articles without a key
  list whose targets a teacher labelled; only their label rates are measured.

    python bench/keywords.py [--sets tune tune4 tune5 tune2 heldout | --tune] [--level B1] [--known] [--show] [--ablate]

--tune measures the splits that may be tuned on (tune, tune4, tune5, tune2) and prints nothing of the held-out ones.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

from cards.build import BuildOptions, choose_cards, find_pairs, prepare_articles, read_known  # noqa: E402
from cards.lexicon.analyser import parses  # noqa: E402
from cards.report import word_report  # noqa: E402
from cards.deck.select import lemma_key  # noqa: E402
from rebuild_stability import DOCS, write_pairs  # noqa: E402

GOLD = ROOT / "bench" / "data" / "keywords" / "keywords.tsv"
LABELS = ROOT / "bench" / "data" / "keywords" / "targets-labels.tsv"  # a teacher's labels of the targets
KNOWN = ROOT / "tests" / "data" / "known-political-500.txt"
# articles without a key list whose targets a teacher labelled (doc, split): only the label rates are measured
LABELS_ONLY = ROOT / "bench" / "data" / "keywords" / "labels-only.tsv"
# heldout2 and heldout3: three articles each, labelled on 2026-12-01 after heldout's misses had been seen;
# heldout2's misses were then seen too, so heldout3 is the split no one has looked into: --show skips it.
# heldout5 (2026-12-02): eight articles labelled blind (bench/data/heldout5); --show skips it too.
# tune5 (2026-12-02): eight public-affairs articles like heldout5's, to tune on.
SPLITS = ("tune", "tune4", "tune5", "heldout", "heldout2", "heldout3", "tune2", "heldout4", "heldout5")
UNSHOWN = ("heldout3", "heldout5")
TUNE_SPLITS = ("tune", "tune4", "tune5", "tune2")  # the splits a change may be tuned on


def read_gold(path: Path = GOLD) -> dict[str, tuple[str, list[str]]]:
    """doc id → (split, key lemma keys)."""
    out: dict[str, tuple[str, list[str]]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.setdefault(row["doc"], (row["split"], []))[1].append(lemma_key(row["lemma"]))
    if path == GOLD and LABELS_ONLY.exists():
        with LABELS_ONLY.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                out.setdefault(row["doc"], (row["split"], []))
    return out


def keys_of(lemma: str) -> set[str]:
    """The lemma and, for a participle, its verb (задержанный / задержать)."""
    keys = {lemma_key(lemma)}
    keys |= {lemma_key(p.normal_form) for p in parses(lemma) if p.tag.POS in ("PRTF", "PRTS")}
    return keys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(SPLITS), choices=SPLITS)
    ap.add_argument("--tune", action="store_true", help="only the splits that may be tuned on (tune, tune4, tune5, tune2)")
    ap.add_argument("--level", default=None, help="--level as for cards build (default: the build's)")
    ap.add_argument("--known", action="store_true", help="also with the 500-word known list")
    ap.add_argument("--show", action="store_true", help="list the key lemmas missed, with the reason")
    ap.add_argument("--ablate", action="store_true", help="also with each rule of issue 11 taken back")
    ap.add_argument("--unlabelled", action="store_true",
                    help="only list the targets targets-labels.tsv has no label for, with their sentences "
                         "(to label them before the coverage is seen), and stop")
    args = ap.parse_args()
    if args.tune:
        args.sets = list(TUNE_SPLITS)
    if not DOCS.exists():
        print(f"bench/keywords.py: needs the WMT21 development set at {DOCS}", file=sys.stderr)
        return 1
    gold = read_gold()
    base = BuildOptions() if args.level is None else BuildOptions(level=args.level)
    if args.unlabelled:
        return list_unlabelled(gold, base, args.sets)
    known_list = read_known([KNOWN]) if args.known else frozenset()
    totals = defaultdict(lambda: defaultdict(int))
    labels = {}
    with LABELS.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            labels[(r["doc"], r["lemma"])] = r["label"]
    print("| article | split | key lemmas | taught | cards | Russian words | cards per 1,000 words |"
          + (" targets on the list | rest taught |" if args.known else ""))
    print("|---|---|---:|---:|---:|---:|---:|" + ("---:|---:|" if args.known else ""))
    with tempfile.TemporaryDirectory() as tmp:
        folders = {p.name: p for p in write_pairs(Path(tmp) / "pairs", 10_000)}
        for doc, (split, keys) in gold.items():
            if split not in args.sets:
                continue
            folder = folders[re.sub(r"\W+", "-", doc)]
            articles = prepare_articles(find_pairs([folder]))
            words = sum(len(re.findall(r"[А-Яа-яЁё]+", s.text)) for s in articles[0].ru_sentences)
            row = {}
            for name, known in (("plain", frozenset()), ("known", known_list)):
                if name == "known" and not args.known:
                    continue
                decisions, cards = choose_cards(articles, known, base.select_options())
                taught = set().union(*(keys_of(t.lemma.lemma) for c in cards for t in c.targets)) if cards else set()
                listed = sum(1 for c in cards for t in c.targets if lemma_key(t.lemma.lemma) in known)
                rest = [k for k in keys if k not in known]
                row[name] = (sum(bool(keys_of(k) & taught) for k in rest), len(rest), len(cards), listed)
                if name == "plain":
                    for lemma in dict.fromkeys(t.lemma.lemma for c in cards for t in c.targets):
                        totals[split]["label " + labels.get((doc, lemma), "unlabelled")] += 1
                if name == "plain":
                    why = {lemma_key(w.lemma): w.reason for w in word_report(articles, decisions, frozenset(), base)}
                    for k in keys:
                        if not keys_of(k) & taught:
                            reason = why.get(k, "not found in the article")
                            totals[split]["miss " + miss_kind(reason)] += 1
                            if args.show and split not in UNSHOWN:
                                print(f"   missed {doc} {k}: {reason}", file=sys.stderr)
            hit, n, cards, _ = row["plain"]
            if not keys:
                continue  # no key list: only its targets' labels count
            line = f"| {doc} | {split} | {n} | {hit} | {cards} | {words} | {1000 * cards / words:.1f} |"
            t = totals[split]
            t["keys"] += n
            t["hit"] += hit
            t["cards"] += cards
            t["words"] += words
            if args.known:
                khit, kn, _, listed = row["known"]
                line += f" {listed} | {khit}/{kn} |"
                t["listed"] += listed
                t["khit"] += khit
                t["kn"] += kn
            print(line)
    print("\n| split | targets | ok | general word | name | junk (wrong lemma, abbreviation, too rare) | unlabelled |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for split, t in totals.items():
        n = sum(v for k, v in t.items() if k.startswith("label "))
        print(f"| {split} | {n} | " + " | ".join(
            f"{t['label ' + k]} ({t['label ' + k] / max(n, 1):.3f})" for k in ("ok", "general", "name", "junk", "unlabelled")) + " |")
    print()
    for split, t in totals.items():
        if not t["keys"]:
            continue  # a split of articles without key lists (LABELS_ONLY)
        line = (f"| **{split}** | | {t['keys']} | {t['hit']} ({t['hit'] / t['keys']:.3f}) | {t['cards']} | {t['words']} | "
                f"{1000 * t['cards'] / t['words']:.1f} |")
        if args.known:
            line += f" {t['listed']} | {t['khit']}/{t['kn']} ({t['khit'] / max(t['kn'], 1):.3f}) |"
        print(line)
    kinds = sorted({k[5:] for t in totals.values() for k in t if k.startswith("miss ")})
    print("\n| split | key lemmas missed | " + " | ".join(kinds) + " |")
    print("|---|---:|" + "---:|" * len(kinds))
    for split, t in ((s, t) for s, t in totals.items() if t["keys"]):
        print(f"| {split} | {t['keys'] - t['hit']} | " + " | ".join(str(t["miss " + k]) for k in kinds) + " |")
    if args.ablate:
        ablate(gold, base.select_options(), labels, args.sets)
    return 0


def list_unlabelled(gold, base: BuildOptions, sets) -> int:
    """Print the targets of every article's default deck that have no label yet (doc, lemma, the
    sentence and its English), nothing about the key lemmas: new targets are labelled blind."""
    with LABELS.open(encoding="utf-8") as f:
        labelled = {(r["doc"], r["lemma"]) for r in csv.DictReader(f, delimiter="\t")}
    with tempfile.TemporaryDirectory() as tmp:
        folders = {p.name: p for p in write_pairs(Path(tmp) / "pairs", 10_000)}
        for doc, (split, _) in gold.items():
            if split not in sets:
                continue
            articles = prepare_articles(find_pairs([folders[re.sub(r"\W+", "-", doc)]]))
            _, cards = choose_cards(articles, frozenset(), base.select_options())
            for card in cards:
                for t in card.targets:
                    if (doc, t.lemma.lemma) not in labelled:
                        labelled.add((doc, t.lemma.lemma))
                        print(f"{doc}\t{t.lemma.lemma}\t{card.pair.ru}\t{card.pair.en}")
    return 0


def miss_kind(reason: str) -> str:
    """The kind of a miss, from word_report's reason: known at the level, sentence filtered, no room, …"""
    for prefix, kind in (("a word this common", "known: frequency"), ("a noun of", "known: frequency"), ("everyday word", "known: everyday"),
                         ("known at", "known: sense"), ("its sentences were left out", "sentence filtered"),
                         ("its sentence's card was full", "card full"), ("not worth a card", "not worth a card"), ("a name", "taken as a name"), ("not found", "lemma not found")):
        if reason.startswith(prefix):
            return kind
    return "other"


def ablate(gold, options, labels, sets) -> None:
    """Key lemmas taught and general words among the targets, with each rule taken back in turn."""
    variants = {
        "all rules": options,
        "4 words a card": replace(options, max_new=4),
        "no sense rule": replace(options, topic_senses=frozenset()),
        "no news senses": replace(options, domain_senses=frozenset()),
        "no article subjects": replace(options, subject_sentences=10**6),
        "no learner model": replace(options, concrete=frozenset(), social=frozenset()),
        "no cards of a brief's light news words": replace(options, brief_words=0),
    }
    print("\n| rules | " + " | ".join(f"{s}: taught | {s}: general" for s in sets) + " |")
    print("|---|" + "---:|---:|" * len(sets))
    with tempfile.TemporaryDirectory() as tmp:
        folders = {p.name: p for p in write_pairs(Path(tmp) / "pairs", 10_000)}
        articles = {doc: prepare_articles(find_pairs([folders[re.sub(r"\W+", "-", doc)]])) for doc in gold}
        for name, variant in variants.items():
            cells = []
            for wanted in sets:
                hit = general = 0
                for doc, (split, keys) in gold.items():
                    if split != wanted:
                        continue
                    _, cards = choose_cards(articles[doc], frozenset(), variant)
                    taught = set().union(*(keys_of(t.lemma.lemma) for c in cards for t in c.targets)) if cards else set()
                    hit += sum(bool(keys_of(k) & taught) for k in keys)
                    general += sum(labels.get((doc, lemma)) == "general"
                                   for lemma in dict.fromkeys(t.lemma.lemma for c in cards for t in c.targets))
                cells += [str(hit), str(general)]
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
