"""Content words the built-in lexicon gives no meaning at all, on WMT21 articles outside every gold set.

    python bench/meaning_missing.py            # the count, and the lemmas by kind
    python bench/meaning_missing.py --all      # also every fallback meaning (source "base" / "loanword")
    python bench/meaning_missing.py --wordfreq 60000  # instead, wordfreq's 60,000 commonest Russian words

Every content word (noun, verb, adjective, adverb; not a name, nor what selection never teaches: an
ordinal, a place adjective, an abbreviation …) of the 80-odd WMT21 dev articles that no gold file
under bench/data uses is given its meaning as a card with no counterpart would (`meaning_for` with
the built-in lexicon only: BuildOptions(system_dictionaries=False)). The words left with none are
counted (distinct lemmas) and listed by a rough kind. No labels: bench/meaning.py says whether meanings
are right. With --wordfreq N the words are wordfreq's N commonest Russian words instead, each read as
pymorphy3's first reading (names, abbreviations and other parts of speech left out).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

from cards.build import BuildOptions, analysed, find_dictionary, find_pairs, prepare_articles  # noqa: E402
from cards.deck.content import meaning_for  # noqa: E402
from cards.deck.select import not_target, with_names  # noqa: E402
from meaning_unlabelled import WMT21, unlabelled_docs  # noqa: E402
from rebuild_stability import write_pairs  # noqa: E402

CONTENT = ("noun", "verb", "adj", "adv")


def content_lemmas(docs, folders) -> Counter:
    """(lemma, pos) → how many articles have it, over the articles' content words that are no names."""
    found: Counter = Counter()
    for doc in docs:
        articles = prepare_articles(find_pairs([folders[re.sub(r"\W+", "-", doc["doc"])]]))
        pairs = [p for a in articles for p in a.pairs]
        analyses = with_names(pairs, analysed([p.ru for p in pairs]))
        seen = {(t.lemma.lemma, t.lemma.pos) for tokens in analyses for t in tokens
                if t.lemma.pos in CONTENT and not t.lemma.proper and re.fullmatch(r"[а-яё-]+", t.lemma.lemma)
                and not not_target(t.lemma)}
        found.update(seen)
    return found


WORDFREQ_POS = {"NOUN": "noun", "VERB": "verb", "INFN": "verb", "ADJF": "adj", "ADVB": "adv"}
NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad")


def wordfreq_lemmas(n: int) -> Counter:
    """(lemma, pos) → 1 for the content lemmas of wordfreq's `n` commonest Russian words (first reading)."""
    from cards.lexicon.analyser import parses
    from cards.lexicon.frequency import top

    found: Counter = Counter()
    for word in top("ru", n):
        readings = parses(word) if re.fullmatch(r"[а-яё-]+", word) else []
        tag = readings[0].tag if readings else None
        if tag is not None and tag.POS in WORDFREQ_POS and not any(t in tag for t in NAME_TAGS):
            found[(readings[0].normal_form, WORDFREQ_POS[tag.POS])] = 1
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="also list every fallback meaning")
    parser.add_argument("--wordfreq", type=int, metavar="N", help="wordfreq's N commonest Russian words instead")
    args = parser.parse_args()
    if not args.wordfreq and not WMT21.exists():
        print(f"bench/meaning_missing.py needs the WMT21 dev articles at {WMT21} (../shared)", file=sys.stderr)
        return 1
    dictionary = find_dictionary(BuildOptions(system_dictionaries=False))
    if args.wordfreq:
        lemmas = wordfreq_lemmas(args.wordfreq)
        where = f"wordfreq's {args.wordfreq} commonest Russian words"
    else:
        docs = unlabelled_docs()
        with tempfile.TemporaryDirectory() as tmp:
            folders = {p.name: p for p in write_pairs(Path(tmp) / "pairs", 10_000)}
            lemmas = content_lemmas(docs, folders)
        where = f"{len(docs)} WMT21 articles outside the gold sets"
    sources: Counter = Counter()
    missing, fallbacks = [], []
    for (lemma, pos), n in sorted(lemmas.items()):
        meaning, source = meaning_for(lemma, None, dictionary, pos=pos)
        sources[source] += 1
        if not meaning:
            missing.append(f"{pos}\t{lemma}\t{n}")
        elif source in ("base", "loanword"):
            fallbacks.append(f"{source}\t{pos}\t{lemma}\t{meaning}")
    total = sum(sources.values())
    print(f"{where}: {total} content lemmas (names left out)")
    print("| dictionaries | content lemmas | dictionary | base word | loanword | none |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| built-in lexicon | {total} | " + " | ".join(str(sources[s]) for s in ("dictionary", "base", "loanword", ""))
          + " |")
    print("\n".join(["", "no meaning (pos, lemma, articles):", *missing]))
    if args.all:
        print("\n".join(["", "fallbacks (source, pos, lemma, meaning):", *fallbacks]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
