"""Meaning per target word on hand-labelled gold: counterpart, first gloss, no meaning, lemma, names.

Gold: bench/data/meaning/labels.tsv (WMT21 dev articles, labelled by hand before the tool's output
was seen; coordinates only, the sentences are read from ../shared) and, for counterparts only, the
seed's tests/data/wordalign-gold.tsv. For every gold sentence, all its gold words are the targets of
one `counterparts` call (they compete for English words as on a card), with the article's own
translation table, as `cards build` does; then `target_meaning` gives the card's meaning, with the
article's other sentences as `cards build` passes them (cards.deck.senses: the sense the article
gives a word whose own sentence gives no counterpart).

- counterpart: correct (the span overlaps the gold counterpart; or none where the gold has none),
  missing (gold has one, none found), wrong (elsewhere, or one found where the gold has none);
- first gloss (the first item of the meaning shown): in the sentence's sense (it matches, by English
  stems, a gold gloss or the gold counterpart), another sense (it matches a gold "tempting" gloss),
  unverified (neither: a synonym the labeller did not list, or wrong), none;
- no meaning: no counterpart and no gloss;
- lemma: cards.lexicon.morph.analyse's lemma equals the gold lemma (ё = е; for a participle the gold's own
  lemma or its verb: направленный / направить); names: gold names that would be
  taught (a content lemma, not proper).

    python bench/meaning.py                       # both modes, both splits, and the seed
    python bench/meaning.py --errors heldout      # list what went wrong on the held-out split
    python bench/meaning.py --sets tune tune3 seed  # the sets to tune on (tune3: a second tune split)
    python bench/meaning.py --sets tune6 --errors tune6  # a third tune split, labelled blind: news like the held-out
    python bench/meaning.py --sets heldout5       # the blind held-out split: figures only (no --errors)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.align import evidence  # noqa: E402
from cards.align.english_words import IRREGULAR  # noqa: E402
from cards.align import words as wordalign  # noqa: E402
from cards.build import BuildOptions, find_dictionary  # noqa: E402
from cards.deck.content import meaning_for, target_meaning  # noqa: E402
from cards.deck.senses import article_text  # noqa: E402
from cards.lexicon.dictionary import _english_stem  # noqa: E402
from cards.lexicon.morph import analyse, is_content  # noqa: E402

GOLD = ROOT / "bench" / "data" / "meaning" / "labels.tsv"
SEED_GOLD = ROOT / "tests" / "data" / "wordalign-gold.tsv"
SEED = ROOT / "tests" / "data" / "seed-gold" / "seed.jsonl"
WMT21 = ROOT.parent / "shared" / "dev" / "wmt21-ruen" / "docs.jsonl"
SETS = ["tune", "heldout", "tune3", "heldout5", "tune6", "seed"]  # the splits of labels.tsv, and the seed
UNLISTED = ("heldout5",)  # held out and labelled blind: its mistakes are never listed (--errors)
STOP = frozenset("a an the to of in on at for by with be is was were been and or from as his her its their".split())


def stems(text: str) -> frozenset[str]:
    """English stems of `text`, an irregular verb form as its base (led: lead, took: take)."""
    return frozenset(_english_stem(IRREGULAR.get(w, w)) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP)


def read_gold(path: Path = GOLD) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


def wmt21_docs(path: Path = WMT21) -> dict[str, dict]:
    with path.open(encoding="utf-8") as f:
        return {d["doc"]: d for d in map(json.loads, f)}


def word_span(text: str, word: str) -> tuple[int, int] | None:
    m = re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text)
    return (m.start(), m.end()) if m else None


def first_gloss(meaning: str) -> str:
    first = meaning.split(";")[0].strip()
    return first.split(":", 1)[1].strip() if ":" in first else first  # "of санкция: sanction"


def same_participle(gold: str, got: str) -> bool:
    """A participle's own lemma and its verb are both right (направленный / направить): the gold
    writes full participles with their own lemma, cards teaches the verb unless the adjective is
    lexicalised."""
    from cards.lexicon.analyser import parses

    return any(p.tag.POS in ("PRTF", "PRTS") and p.normal_form.replace("ё", "е") == got for p in parses(gold))


def judge_gloss(meaning: str, row: dict) -> str:
    if not meaning:
        return "none"
    shown = stems(first_gloss(meaning))
    if not shown:
        return "unverified"

    def matches(glosses: list[str]) -> bool:
        return any(g and (shown <= g or g <= shown) for g in map(stems, glosses))

    good = [g for g in row["good"].split(";")] + ([row["counterpart"]] if row["counterpart"] != "-" else [])
    if matches(good):
        return "sense"
    if matches([g for g in row["tempting"].split(";") if g.strip()]):
        return "other sense"
    return "unverified"


def judge_counterpart(en: str, predicted: tuple[int, int] | None, gold: str) -> str:
    if gold in ("-", ""):
        return "correct" if predicted is None else "wrong"
    if predicted is None:
        return "missing"
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(gold), en)]
    return "correct" if any(a < predicted[1] and predicted[0] < b for a, b in spans) else "wrong"


def evaluate(rows: list[dict], sentences: dict, tables: dict, dictionary,
             articles: dict | None = None) -> tuple[Counter, list[str]]:
    """Counts of every judgement over `rows`, and one line per mistake. `articles`: each gold sentence's
    article (cards.deck.senses.ArticleText) and its place in it, as `cards build` passes them."""
    counts: Counter = Counter()
    errors: list[str] = []
    by_sentence = defaultdict(list)
    for row in rows:
        by_sentence[(row["doc"], int(row["para"]), int(row["sent"]))].append(row)
    for key, group in sorted(by_sentence.items()):
        ru, en = sentences[key]
        analysed = analyse(ru)
        tokens = {t.start: t for t in analysed}
        words = [r for r in group if r["kind"] == "word"]
        targets = [(*word_span(ru, r["form"]), r["lemma"]) for r in words]
        spans = wordalign.counterparts(ru, en, targets, table=tables[key[0]], dictionary=dictionary)
        for row in group:
            start = word_span(ru, row["form"])[0]
            token = tokens.get(start)
            lemma = token.lemma if token else None
            if row["kind"] == "name":
                counts["names"] += 1
                taught = lemma is not None and is_content(lemma)
                counts["names taught"] += taught
                if taught:
                    errors.append(f"name taught: {row['form']} → {lemma.lemma}")
                continue
        for row, span in zip(words, spans, strict=True):
            counts["targets"] += 1
            token = tokens.get(word_span(ru, row["form"])[0])
            got = token.lemma.lemma.lower().replace("ё", "е") if token else ""
            lemma_ok = got == row["lemma"].lower().replace("ё", "е") or same_participle(row["lemma"], got)
            counts["lemma correct"] += lemma_ok
            counts["taken as a name"] += bool(token and token.lemma.proper)
            verdict = judge_counterpart(en, span, row["counterpart"])
            counts[f"counterpart {verdict}"] += 1
            counterpart = en[span[0] : span[1]] if span else None
            article, at = (articles or {}).get(key, (None, -1))
            meaning, source = (target_meaning(ru, en, analysed, token, span, dictionary, article, at) if token
                               else meaning_for(row["lemma"], counterpart, dictionary))
            gloss = judge_gloss(meaning, row)
            counts[f"gloss {gloss}"] += 1
            counts["no meaning"] += not meaning
            if verdict != "correct" or gloss not in ("sense",) or not lemma_ok:
                errors.append(
                    f"{row['doc']} {key[1]}.{key[2]} {row['form']} [{got}{'' if lemma_ok else ' ≠ ' + row['lemma']}] "
                    f"counterpart {verdict}: {counterpart!r} (gold {row['counterpart']!r}); "
                    f"meaning {gloss} ({source}): {meaning!r}; good: {row['good']}"
                )
    return counts, errors


def seed_rows() -> tuple[list[dict], dict, dict]:
    """The seed's word-alignment gold as meaning rows (counterparts only: no gloss labels)."""
    data = json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])
    links = [(" ".join(data["ru"][i] for i in r), " ".join(data["en"][i] for i in e)) for r, e in data["links"]]
    rows = []
    for line in SEED_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            link, ru, lemma, en = (line.split("\t") + [""])[:4]
            rows.append({"doc": "seed", "para": link, "sent": "0", "form": ru, "lemma": lemma, "kind": "word",
                         "counterpart": en or "-", "good": "", "tempting": ""})
    sentences = {("seed", int(r["para"]), 0): links[int(r["para"])] for r in rows}
    table = evidence.learn_table(links)
    return rows, sentences, {"seed": table}


def wmt21_setup(rows: list[dict]) -> tuple[dict, dict, dict]:
    """The gold sentences, each article's translation table, and each gold sentence's place in its
    article: (the article's sentence pairs, the sentence's index among them)."""
    docs = wmt21_docs()
    sentences, tables, places, pairs_of = {}, {}, {}, {}
    for row in rows:
        doc = docs[row["doc"]]
        p, s = int(row["para"]), int(row["sent"])
        sentences[(row["doc"], p, s)] = (doc["ru"][p][s], doc["en"][p][s])
        if row["doc"] not in tables:
            pairs = [(r, e) for rp, ep in zip(doc["ru"], doc["en"], strict=True) for r, e in zip(rp, ep, strict=True)]
            tables[row["doc"]] = evidence.learn_table(pairs)
            pairs_of[row["doc"]] = tuple(pairs)
        places[(row["doc"], p, s)] = (pairs_of[row["doc"]], sum(len(para) for para in doc["ru"][:p]) + s)
    return sentences, tables, places


def article_texts(places: dict, dictionary) -> dict:
    """Each gold sentence's article as `cards build` passes it (cards.deck.senses.ArticleText of all the
    article's sentence pairs) and the sentence's index in it."""
    made: dict[tuple, object] = {}
    out = {}
    for key, (pairs, at) in places.items():
        if pairs not in made:
            made[pairs] = article_text([e for _, e in pairs], [analyse(r) for r, _ in pairs])
        out[key] = (made[pairs], at)
    return out


def share(counts: Counter, key: str, total: str = "targets") -> str:
    return f"{counts[key] / counts[total]:.3f}" if counts[total] else "–"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", choices=[s for s in SETS if s not in UNLISTED],
                        help="list the mistakes of one set (not of heldout5, which is only counted)")
    parser.add_argument("--mode", choices=["plain", "system"], help="only one mode")
    parser.add_argument("--sets", nargs="+", default=["tune", "heldout", "seed"], choices=SETS,
                        help="tune with --sets tune tune3 tune6 seed; the held-out split is for the final figures")
    args = parser.parse_args()
    if not WMT21.exists():
        print(f"bench/meaning.py: {WMT21} not found: the WMT21 development set is read from ../shared", file=sys.stderr)
        return 1
    gold = read_gold()
    sets = {split: [r for r in gold if r["split"] == split] for split in SETS if split != "seed"}
    sentences, tables, places = wmt21_setup(gold)
    seed, seed_sentences, seed_tables = seed_rows()
    modes = {"plain": BuildOptions(system_dictionaries=False), "system": BuildOptions()}
    print("| set | mode | targets | counterpart correct / missing / wrong | first gloss in sense / other sense "
          "/ unverified / none | no meaning | lemma | names taught |")
    print("|---|---|---:|---|---|---:|---:|---:|")
    for mode, options in modes.items():
        if args.mode and mode != args.mode:
            continue
        dictionary = find_dictionary(options)
        articles = article_texts(places, dictionary)
        for name in args.sets:
            rows, sent, tabs = (seed, seed_sentences, seed_tables) if name == "seed" else (sets[name], sentences, tables)
            counts, errors = evaluate(rows, sent, tabs, dictionary, None if name == "seed" else articles)
            glosses = ("–" if name == "seed" else " / ".join(
                share(counts, f"gloss {k}") for k in ("sense", "other sense", "unverified", "none")))
            names = f"{counts['names taught']}/{counts['names']}" if counts["names"] else "–"
            print(f"| {name} | {dictionary.source if dictionary else 'none'} | {counts['targets']} | "
                  f"{share(counts, 'counterpart correct')} / {share(counts, 'counterpart missing')} / "
                  f"{share(counts, 'counterpart wrong')} | {glosses} | {share(counts, 'no meaning')} | "
                  f"{share(counts, 'lemma correct')} | {names} |")
            if args.errors == name:
                print("\n".join(errors), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
