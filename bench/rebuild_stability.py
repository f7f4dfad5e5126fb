"""Rebuild stability: do a deck's notes survive adding article pairs to it?

Writes the WMT21 articles (../shared/dev/wmt21-ruen, never copied into the repo) as pair folders in
a temporary directory and, in the order of their folder names, builds a deck from the first N, then rebuilds the same deck from
the first M (M > N) and counts the first build's notes that are gone from the second deck or whose
fields changed. `--forget` deletes the state file's remembered alignments before the rebuild, which
shows what the alignment memory prevents.

Run: python bench/rebuild_stability.py [--first 10] [--then 20] [--forget]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.deck.state import ENTRY  # noqa: E402
from cards.build import BuildOptions, build_deck  # noqa: E402

DOCS = ROOT.parent / "shared" / "dev" / "wmt21-ruen" / "docs.jsonl"


def write_pairs(folder: Path, count: int) -> list[Path]:
    """The first `count` articles (by folder name) as pair folders; in the first paragraph, a segment without a final stop
    (the headline, the lead) ends a line, as on a saved page."""
    paths = []
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        pair = folder / re.sub(r"\W+", "-", doc["doc"])
        pair.mkdir(parents=True)
        for lang in ("ru", "en"):
            paragraphs = []
            for k, para in enumerate(doc[lang]):
                lines, current = [], []
                for sentence in para:
                    current.append(sentence.strip())
                    if k == 0 and not re.search(r"[.!?…][\"»”]?$", sentence.strip()):
                        lines.append(" ".join(current))  # the headline and the lead: lines of their own
                        current = []
                paragraphs.extend(lines + ([" ".join(current)] if current else []))
            (pair / f"{lang}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(pair)
    return sorted(paths)[:count]  # in the order `cards build FOLDER` would take them


def notes(apkg: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(apkg).extractall(tmp)
        db = sqlite3.connect(Path(tmp) / "collection.anki2")
        try:
            return dict(db.execute("select guid, flds from notes"))
        finally:
            db.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", type=int, default=10)
    ap.add_argument("--then", type=int, default=20)
    ap.add_argument("--forget", action="store_true", help="drop the remembered alignments before the rebuild")
    args = ap.parse_args()
    if not DOCS.exists():
        sys.exit(f"{DOCS}: not found; this bench needs ../shared beside the repository")
    with tempfile.TemporaryDirectory() as tmp:
        pairs = write_pairs(Path(tmp) / "pairs", args.then)
        out = Path(tmp) / "deck.apkg"
        options = BuildOptions(out=out, stress=False)
        build_deck(pairs[: args.first], options, timestamp=1_700_000_000)
        before = notes(out)
        if args.forget:  # the memory inside the deck, without its alignments
            with zipfile.ZipFile(out) as archive:
                entries = {n: archive.read(n) for n in archive.namelist()}
            memory = json.loads(entries[ENTRY])
            memory["alignments"] = {}
            entries[ENTRY] = json.dumps(memory).encode("utf-8")
            with zipfile.ZipFile(out, "w") as archive:
                for name, data in entries.items():
                    archive.writestr(name, data)
        build_deck(pairs[: args.then], options, timestamp=1_800_000_000)
        after = notes(out)
    gone = [g for g in before if g not in after]
    changed = [g for g in before if g in after and after[g] != before[g]]
    print(f"{args.first} articles, then {args.then}{' (alignments forgotten)' if args.forget else ''}: "
          f"{len(before)} notes after the first build; {len(gone)} gone and {len(changed)} changed "
          f"in the rebuild, which has {len(after)} notes")


if __name__ == "__main__":
    main()
