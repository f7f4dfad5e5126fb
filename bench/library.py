"""A library of article pair folders for the scaling benches, written to a temporary folder.

The WMT21 articles (../shared/dev/wmt21-ruen, never copied into the repository) as pair folders, in the
layout of bench/rebuild_stability.py; beyond its 107 articles, article k is article k mod 107 with a
small edit so that each pair is distinct: its headline dropped and every `r`-th sentence
(r = 5 + k // 107) left out on both sides (the set is aligned 1-1 by sentence).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT.parent / "shared" / "dev" / "wmt21-ruen" / "docs.jsonl"


def _text(paragraphs: list[list[str]]) -> str:
    """The side as a saved page: in the first paragraph, a segment without a final stop (the headline,
    the lead) ends a line."""
    out = []
    for k, para in enumerate(paragraphs):
        lines, current = [], []
        for sentence in para:
            current.append(sentence.strip())
            if k == 0 and not re.search(r"[.!?…\"»”]$", sentence.strip()):
                lines.append(" ".join(current))
                current = []
        out.extend(lines + ([" ".join(current)] if current else []))
    return "\n\n".join(out) + "\n"


def write_library(folder: Path, count: int) -> list[Path]:
    """`count` pair folders under `folder`, in the order `cards build FOLDER` takes them."""
    if not DOCS.exists():
        raise SystemExit(f"{DOCS}: not found; this bench needs ../shared beside the repository")
    docs = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines()]
    paths = []
    for k in range(count):
        doc = docs[k % len(docs)]
        ru, en = doc["ru"], doc["en"]
        if k >= len(docs):
            r = 5 + k // len(docs)
            ru, en = ([[s for i, s in enumerate(para) if i and i % r] for para in side] for side in (ru, en))
        slug = re.sub(r"[^\w]+", "-", doc["doc"])
        pair = folder / f"{k:04d}-{slug}"
        pair.mkdir(parents=True)
        (pair / "ru.txt").write_text(_text(ru), encoding="utf-8")
        (pair / "en.txt").write_text(_text(en), encoding="utf-8")
        paths.append(pair)
    return paths
