"""The dictionary's gloss against the sense the translator chose, on WMT21 articles outside every gold set.

    python bench/meaning_silver.py                 # built-in lexicon
    python bench/meaning_silver.py --mode system   # with the system dictionaries
    python bench/meaning_silver.py --list          # the words whose gloss is in another sense
    python bench/meaning_silver.py --no-article    # without the article's other sentences (as before)

No labels: a silver check of the gloss a card shows when the English gives no counterpart (a free
translation). Every content word of the unlabelled articles (the sentences are WMT21's own 1-1
pairs) is aligned as `cards build` aligns it; where word alignment finds a counterpart in one of the
dictionary's senses, that sense is the silver one, and the word's meaning is worked out again as
if the English had no counterpart (`target_meaning` with no span), with the article's sentence pairs
as `cards build` passes them (cards.deck.senses: the sense the rest of the article gives the word).
The word's own sentence is blanked in that article (`without_sentence`; article_sense does not
read it either), so its removed counterpart cannot come back through the article. Its first gloss is judged as
bench/meaning.py judges it: in the silver sense (or the counterpart), in another sense of the word, or
neither. Words whose counterpart is in no sense are left out, so the figure says how often the
dictionary's order of senses agrees with translators, not how good the cards are.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.align import evidence  # noqa: E402
from cards.align import words as wordalign  # noqa: E402
from cards.build import BuildOptions, find_dictionary  # noqa: E402
from cards.deck.content import target_meaning  # noqa: E402
from cards.deck.senses import ArticleText, article_text  # noqa: E402
from cards.lexicon.dictionary import normalize  # noqa: E402
from cards.lexicon.morph import analyse, is_content  # noqa: E402
from meaning import first_gloss, stems  # noqa: E402
from meaning_unlabelled import WMT21, unlabelled_docs  # noqa: E402


def judge(meaning: str, silver: tuple[str, ...], counterpart: str, senses) -> str:
    """"sense", "other" (another sense of the word) or "neither", as bench/meaning.py's judge_gloss."""
    shown = stems(first_gloss(meaning)) if meaning else frozenset()
    if not shown:
        return "neither"

    def hit(glosses) -> bool:
        return any(g and (shown <= g or g <= shown) for g in map(stems, glosses))

    if hit([*silver, counterpart]):
        return "sense"
    return "other" if hit([g for sense in senses if not set(sense) & set(silver) for g in sense]) else "neither"


def without_sentence(article: ArticleText | None, at: int) -> ArticleText | None:
    """The article with sentence `at` left empty: the evidence a word of that sentence may use."""
    if article is None:
        return None

    def blank(rows: tuple) -> tuple:
        return (*rows[:at], frozenset(), *rows[at + 1 :])

    return replace(article, lemmas=blank(article.lemmas), english=blank(article.english))


def silver_check(docs: list[dict], dictionary, use_article: bool = True) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    listed: list[str] = []
    for doc in docs:
        pairs = [(r, e) for rp, ep in zip(doc["ru"], doc["en"], strict=True) for r, e in zip(rp, ep, strict=True)]
        table = evidence.learn_table(pairs)
        analyses = [analyse(ru) for ru, _ in pairs]
        article = article_text([en for _, en in pairs], analyses) if use_article else None
        for at, ((ru, en), tokens) in enumerate(zip(pairs, analyses, strict=True)):
            targets = [t for t in tokens if is_content(t.lemma)]
            spans = wordalign.counterparts(ru, en, [(t.start, t.stop, t.lemma.lemma) for t in targets],
                                           table=table, dictionary=dictionary) if targets else ()
            for token, span in zip(targets, spans, strict=True):
                counterpart = en[span[0] : span[1]] if span else ""
                silver = dictionary.sense_of(token.lemma.lemma, counterpart) if counterpart else ()
                if not silver:
                    continue
                meaning, _ = target_meaning(ru, en, tokens, token, None, dictionary, without_sentence(article, at), at)
                verdict = judge(meaning, silver, counterpart, dictionary.senses.get(normalize(token.lemma.lemma), ()))
                counts[verdict] += 1
                if verdict != "sense":
                    listed.append(f"{verdict}\t{token.lemma.lemma}\t{counterpart}\t{meaning}\t{'; '.join(silver)}")
    return counts, listed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["plain", "system"], default="plain")
    parser.add_argument("--list", action="store_true", help="print the words judged other or neither")
    parser.add_argument("--no-article", action="store_true", help="leave out the article's other sentences")
    args = parser.parse_args()
    if not WMT21.exists():
        print(f"bench/meaning_silver.py needs the WMT21 dev articles at {WMT21} (../shared)", file=sys.stderr)
        return 1
    dictionary = find_dictionary(BuildOptions(system_dictionaries=args.mode == "system"))
    counts, listed = silver_check(unlabelled_docs(), dictionary, use_article=not args.no_article)
    total = sum(counts.values())
    print("| dictionaries | words | first gloss in the silver sense | another sense | neither |")
    print("|---|---:|---:|---:|---:|")
    print(f"| {dictionary.source} | {total} | " + " | ".join(f"{counts[k] / total:.3f}" for k in ("sense", "other", "neither")) + " |")
    if args.list:
        print("\n".join(sorted(listed)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
