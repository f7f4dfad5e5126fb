"""Which HTML extractor keeps the article and drops the rest? trafilatura vs readability-lxml.

"auto" is what cards.text.load uses: trafilatura, and readability-lxml when trafilatura finds nothing.

For each saved page in tests/data/load/*.html with a known article, the extracted text is cleaned
and segmented like any file, and its body sentences (kind "text") are compared with the gold ones:
precision (extracted sentences that belong to the article), recall (article sentences kept),
title found. Run: python bench/segment_html.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.text.load import html_to_markdown, load_document, parse_document, read_text  # noqa: E402
from cards.text.segment import segment  # noqa: E402

PAGES = {  # page → (lang, gold body sentences, gold title)
    "ru_article.html": ("ru", ROOT / "seeds/minsk-washington/ru.txt"),
    "ru_article_cp1251.html": ("ru", ROOT / "seeds/minsk-washington/ru.txt"),
    "en_article.html": ("en", ROOT / "seeds/minsk-washington/en.txt"),
    "ru_blog.html": ("ru", ROOT / "tests/data/load/ru_blog.gold.txt"),
    "en_blog.html": ("en", ROOT / "tests/data/load/en_blog.gold.txt"),
    "ru_old_table.html": ("ru", ROOT / "tests/data/load/ru_old_table.gold.txt"),
}


def gold_of(lang: str, path: Path) -> tuple[list[str], str]:
    if path.name.endswith(".gold.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        doc = parse_document("\n\n".join(lines), lang)
        return [s.text for s in segment(doc) if s.kind == "text"], lines[0]
    doc = load_document(path, lang)
    return [s.text for s in segment(doc) if s.kind == "text"], doc.title


def main() -> None:
    print(f"{'page':26} {'extractor':12} {'precision':>9} {'recall':>7} {'title':>5} {'ms':>6}")
    totals: dict[str, Counter] = {}
    for page, (lang, gold_path) in PAGES.items():
        gold, gold_title = gold_of(lang, gold_path)
        html = read_text(ROOT / "tests/data/load" / page)
        for extractor in ("trafilatura", "readability", "auto"):
            t0 = time.perf_counter()
            doc = parse_document(html_to_markdown(html, extractor), lang)
            ms = (time.perf_counter() - t0) * 1000
            got = [s.text for s in segment(doc) if s.kind == "text"]
            hit = sum((Counter(got) & Counter(gold)).values())
            t = totals.setdefault(extractor, Counter())
            t.update(hit=hit, got=len(got), gold=len(gold), title=doc.title == gold_title, pages=1)
            print(f"{page:26} {extractor:12} {hit / max(1, len(got)):9.3f} {hit / len(gold):7.3f} "
                  f"{'yes' if doc.title == gold_title else 'no':>5} {ms:6.0f}")
    for extractor, t in totals.items():
        print(f"{'ALL':26} {extractor:12} {t['hit'] / t['got']:9.3f} {t['hit'] / t['gold']:7.3f} "
              f"{t['title']}/{t['pages']}")


if __name__ == "__main__":
    main()
