"""How often a multi-word unit would be worth a card of its own: every part known, the unit maybe not.

Issue #11 asks for collocations (заключить соглашение, ввести санкции) as targets "when the parts are
known but the unit is not", and to measure how often that fires. Before building it, this counts the
candidates on the Russian side of the WMT21 dev articles (read from /work/shared only): the units
`cards.lexicon.collocations` keeps, every candidate it scores (kept or not), and the shipped dictionary
phrases (`phrases.tsv.gz`) of 2–4 words found in a sentence, among those whose content words the
learner knows at the level (`select.known_by_level`, default B1), with examples.

With --cards: every WMT21 dev article built alone (pair folders in a temporary directory, as
`cards build FOLDER` would), and the phrases its cards teach whole (`SelectOptions.phrases`): how many
cards and articles have one, and a teacher's verdict on each (bench/data/units/labels.tsv, written on the
list this mode printed: worth learning whole / a free combination; unlabelled ones are counted apart).
The set phrases of news (cards/lexicon/seeds/phrases.tsv: в ходе, на фоне) are counted apart, per 1,000
Russian words, against a teacher's verdict on each phrase for a B1 learner of political news, written before
the tool taught any (bench/data/units/set-phrases.tsv: `teach` or `known`): the taught ones the teacher
would teach, and the uses of those the teacher would teach in a card's sentence that the card does not
teach, with why. --articles tune|unlabelled builds only the tune split (below) or the articles in no gold
file (bench/meaning_unlabelled.py).

    python bench/units.py [--level B1] [--examples 25]
    python bench/units.py --cards [--articles all|tune|unlabelled]

With --lines: the "phrase" lines of the Vocabulary field (`Target.unit`: the collocation a target word
stands in, `cards.lexicon.collocations`), each WMT21 article of a split built alone with default options:
every line with its pattern, its English when the card shows one (`render.phrase_english`) and sentence,
and a teacher's verdict (bench/data/units/lines.tsv: `whole`
worth learning as a unit, `free` a free combination, `wrong` not a unit, e.g. a verb and its subject).
The tune split is the first 28 articles by folder name at even places (less the blind heldout5 articles),
held out those at odd places.

    python bench/units.py --lines [--split tune|held-out] [--list]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.build import BuildOptions  # noqa: E402
from cards.deck.select import known_by_level  # noqa: E402
from cards.lexicon.collocations import collocation_scores  # noqa: E402
from cards.lexicon.morph import analyse, is_content  # noqa: E402

WMT21 = ROOT.parent / "shared" / "dev" / "wmt21-ruen" / "docs.jsonl"
LABELS = ROOT / "bench" / "data" / "units" / "labels.tsv"
LINES = ROOT / "bench" / "data" / "units" / "lines.tsv"
SET_PHRASE_LABELS = ROOT / "bench" / "data" / "units" / "set-phrases.tsv"
SPLIT_SIZE = 28  # the first 28 articles by folder name: even places tune, odd places held out
PHRASES = ROOT / "cards" / "lexicon" / "data" / "phrases.tsv.gz"


def phrase_table() -> dict[str, str]:
    """Lemma key of each shipped dictionary phrase → its glosses as shipped."""
    with gzip.open(PHRASES, "rt", encoding="utf-8") as f:
        return {key: glosses for key, _, glosses in (line.rstrip("\n").split("\t") for line in f)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--level", default="B1")
    ap.add_argument("--examples", type=int, default=25)
    ap.add_argument("--cards", action="store_true", help="the phrases the cards of each article teach")
    ap.add_argument("--lines", action="store_true", help="the phrase lines of the Vocabulary field")
    ap.add_argument("--split", choices=("tune", "held-out"), default="tune")
    ap.add_argument("--list", action="store_true", help="with --lines: print every line")
    ap.add_argument("--articles", choices=("all", "tune", "unlabelled"), default="all", help="with --cards: which articles")
    args = ap.parse_args()
    if args.lines:
        return phrase_lines(args.split, args.list)
    if args.cards:
        return phrase_cards(args.level, args.articles)
    options = BuildOptions(level=args.level).select_options()
    phrases = phrase_table()
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    sentences = 0
    with WMT21.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    for doc in docs:
        for paragraph in doc["ru"]:
            for sentence in paragraph:
                sentences += 1
                tokens = analyse(sentence)
                found: list[tuple[str, int, int]] = []
                for c in collocation_scores(tokens):
                    found.append(("collocation kept" if c.kept else "collocation not kept", c.start, c.stop))
                for n in (2, 3, 4):
                    for i in range(len(tokens) - n + 1):
                        if " ".join(t.lemma.lemma for t in tokens[i : i + n]) in phrases:
                            found.append(("dictionary phrase", i, i + n))
                for kind, a, b in found:
                    parts = [t for t in tokens[a:b] if is_content(t.lemma)]
                    if not parts:
                        continue
                    counts[kind] += 1
                    if all(known_by_level(t.lemma, options) for t in parts):
                        counts[f"{kind}, every part known"] += 1
                        text = sentence[tokens[a].start : tokens[b - 1].stop]
                        key = " ".join(t.lemma.lemma for t in tokens[a:b])
                        examples[kind].append(f"{text} ({phrases[key]})" if key in phrases else text)
    print(f"WMT21 dev: {len(docs)} articles, {sentences} sentences; level {args.level}\n")
    print("| unit | found | every part known |")
    print("|---|---:|---:|")
    for kind in ("collocation kept", "collocation not kept", "dictionary phrase"):
        print(f"| {kind} | {counts[kind]} | {counts[kind + ', every part known']} |")
    for kind, texts in examples.items():
        print(f"\n{kind}, every part known: " + "; ".join(texts[: args.examples]))
    return 0


def read_labels(path: Path = LABELS) -> dict[tuple[str, str], str]:
    """(article, phrase) → the teacher's label: "whole" (worth learning as a phrase) or "free"."""
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {(doc, phrase): label for doc, phrase, label, *_ in rows}


def read_set_phrase_labels(path: Path = SET_PHRASE_LABELS) -> dict[str, str]:
    """Set phrase → the teacher's verdict for a B1 learner of political news: "teach" or "known"."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {phrase: label for phrase, label, *_ in rows}


def chosen_folders(folders: list[Path], articles: str) -> list[Path]:
    """The pair folders of `articles`: all, the tune split (`split_folders`) or those in no gold file."""
    if articles == "tune":
        return split_folders(folders, "tune")
    if articles == "unlabelled":
        from meaning_unlabelled import unlabelled_docs

        names = {re.sub(r"\W+", "-", doc["doc"]) for doc in unlabelled_docs()}
        return [f for f in folders if f.name in names]
    return folders


def phrase_cards(level: str, articles: str = "all") -> int:
    """Build each WMT21 article alone; list and count the phrases taught whole."""
    import tempfile

    sys.path.append(str(ROOT / "bench"))
    from rebuild_stability import write_pairs

    from cards.build import choose_cards, find_pairs, prepare_articles

    from cards.build import find_dictionary
    from cards.lexicon.dictionary import normalize
    from cards.lexicon.units import is_set_phrase, set_phrase_units

    options = BuildOptions(level=level).select_options()
    dictionary = find_dictionary(BuildOptions())  # as `cards build` has it: the counterparts need it
    labels = read_labels()
    teacher = read_set_phrase_labels()
    verdicts: Counter[str] = Counter()
    fixed: Counter[str] = Counter()  # set phrases: taught by the teacher's verdict, and the uses not taught
    cards = with_phrase = built = words = 0
    with tempfile.TemporaryDirectory() as tmp:
        for folder in chosen_folders(write_pairs(Path(tmp) / "pairs", 10_000), articles):
            prepared = prepare_articles(find_pairs([folder]))
            decisions, made = choose_cards(prepared, frozenset(), options, dictionary=dictionary)
            words += sum(len(re.findall(r"[А-Яа-яЁё]+", s.text)) for s in prepared[0].ru_sentences)
            found = [(c, t) for c in made for t in c.targets if t.lemma.pos == "phrase"]
            cards += len(made)
            with_phrase += len({id(c) for c, _ in found})
            built += bool(found)
            for card, t in found:
                kind = "set" if is_set_phrase(t.lemma.lemma) else "unit"
                label = (teacher.get(t.lemma.lemma, "unlabelled") if kind == "set"
                         else labels.get((folder.name, t.lemma.lemma), "unlabelled"))
                (fixed if kind == "set" else verdicts)[label] += 1
                english = card.pair.en[t.en_span[0] : t.en_span[1]] if t.en_span else "-"
                print(f"{folder.name}\t{kind}\t{t.lemma.lemma}\t{card.pair.ru[t.ru_span[0] : t.ru_span[1]]}\t{english}\t"
                      f"{t.gloss}\t{label}")
            taught = {t.lemma.lemma for c, t in found}
            card_of = {c.pair.ru: c for c in made}
            for d in decisions:
                if not d.chosen:
                    continue
                tokens = analyse(d.pair.ru)
                for unit in set_phrase_units(tokens):
                    if teacher.get(unit.form) != "teach" or unit.form in {t.lemma.lemma for t in d.targets}:
                        continue
                    start, stop = tokens[unit.first].start, tokens[unit.stop - 1].stop
                    inside = [t for t in card_of[d.pair.ru].targets if t.ru_span[0] < stop and start < t.ru_span[1]]
                    why = ("known at the level" if normalize(unit.form) in options.known_phrases
                           else "taught by another card" if unit.form in taught
                           else "a word of it a target, glossed as the phrase" if any(
                               t.gloss.lower().replace("ё", "е").startswith(unit.form.replace("ё", "е") + ":") for t in inside)
                           else "a word of it a target" if inside
                           else "card full" if len(d.targets) >= options.max_new else "other")
                    fixed["not taught: " + why] += 1
                    print(f"{folder.name}\tmissed\t{unit.form}\t{why}\t{', '.join(t.lemma.lemma for t in d.targets)}")
    total = sum(verdicts.values())
    print(f"\nlevel {level}, articles {articles}: {words} Russian words, {cards} cards")
    print(f"units (verb + noun): {total} taught whole, on {with_phrase} of {cards} cards (with set phrases), in {built} articles")
    for label in ("whole", "free", "unlabelled"):
        print(f"  {label}: {verdicts[label]}")
    taught_set = fixed["teach"] + fixed["known"] + fixed["unlabelled"]
    print(f"set phrases: {taught_set} taught, {1000 * taught_set / max(words, 1):.2f} per 1,000 words; a teacher would teach "
          f"{fixed['teach']} of them to a B1 learner, takes {fixed['known']} as known at B1")
    for key in sorted(k for k in fixed if k.startswith("not taught")):
        print(f"  uses a teacher would teach at B1, in a card's sentence, {key}: {fixed[key]}")
    return 0


def read_line_labels(path: Path = LINES) -> dict[tuple[str, str], str]:
    """(article, phrase as it stands in the sentence) → "whole", "free" or "wrong"."""
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {(doc, phrase): label for doc, phrase, label, *_ in rows}


HELDOUT5 = ROOT / "bench" / "data" / "heldout5" / "docs.tsv"


def heldout5_folders() -> frozenset[str]:
    """Folder names of the blind held-out split of #10/#11 (bench/data/heldout5): never tuned on here."""
    rows = HELDOUT5.read_text(encoding="utf-8").splitlines()[1:]
    return frozenset(re.sub(r"\W+", "-", row.split("\t")[0]) for row in rows if row.strip())


def split_folders(folders: list[Path], split: str) -> list[Path]:
    """Tune: the first SPLIT_SIZE articles at even places, less heldout5's; held out: at odd places (no
    article in both)."""
    first = sorted(folders)[:SPLIT_SIZE]
    if split == "tune":
        return [f for f in first[0::2] if f.name not in heldout5_folders()]
    return first[1::2]


def unit_pattern(ru: str, unit: str) -> str:
    """The pattern (adj+noun, noun+gen, verb+noun) of the collocation `unit` of sentence `ru`; "?" when
    this analysis of the sentence alone does not find it (the build's reads names from the article)."""
    tokens = analyse(ru)
    for c in collocation_scores(tokens):
        if ru[tokens[c.start].start : tokens[c.stop - 1].stop] == unit:
            return c.pattern
    return "?"


def phrase_lines(split: str, listing: bool) -> int:
    """Build each article of the split alone; list and count the phrase lines of its cards."""
    import tempfile

    sys.path.append(str(ROOT / "bench"))
    from rebuild_stability import write_pairs

    from cards.build import choose_cards, find_pairs, prepare_articles
    from cards.build import find_dictionary
    from cards.deck.render import phrase_english

    options = BuildOptions().select_options()
    dictionary = find_dictionary(BuildOptions())  # as `cards build` has it: the counterparts need it
    labels = read_line_labels()
    verdicts: Counter[tuple[str, str]] = Counter()
    cards = with_english = 0
    with tempfile.TemporaryDirectory() as tmp:
        for folder in split_folders(write_pairs(Path(tmp) / "pairs", 10_000), split):
            _, built = choose_cards(prepare_articles(find_pairs([folder])), frozenset(), options, dictionary=dictionary)
            cards += len(built)
            for card in built:
                for unit in dict.fromkeys(t.unit for t in card.targets if t.unit):  # shown once per card
                    pattern = unit_pattern(card.pair.ru, unit)
                    label = labels.get((folder.name, unit), "unlabelled")
                    verdicts[pattern, label] += 1
                    english = phrase_english(card, unit)
                    with_english += bool(english)
                    if listing:
                        print(f"{folder.name}\t{unit}\t{pattern}\t{label}\t{english or '-'}\t{card.pair.ru}")
    lines = sum(verdicts.values())
    print(f"\n{split}: {lines} phrase lines on {cards} cards, {with_english} with their English")
    print("| pattern | lines | whole | free | wrong | unlabelled | precision |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for pattern in ("adj+noun", "noun+gen", "verb+noun", "?", "all"):
        n: Counter[str] = Counter()
        for (p, label), k in verdicts.items():
            if pattern in (p, "all"):
                n[label] += k
        labelled = n["whole"] + n["free"] + n["wrong"]
        share = f"{n['whole'] / labelled:.0%}" if labelled else "-"
        print(f"| {pattern} | {sum(n.values())} | {n['whole']} | {n['free']} | {n['wrong']} | {n['unlabelled']} | {share} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
