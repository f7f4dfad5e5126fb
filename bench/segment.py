"""Sentence segmentation benchmark: errors per 1000 gold boundaries, ours vs the baselines.

Errors (DESIGN.md §5): one per missed split, one per extra split, divided by the number of gold
boundaries inside paragraphs (paragraph breaks are given to every system and not counted).
Systems, run side by side on the same paragraphs:
  ours    cards.text.segment.split_text (razdel/pysbd + our named rules)
  razdel  plain razdel.sentenize
  pysbd   plain pysbd.Segmenter(language=ru|en, clean=False)
  punkt   nltk Punkt trained on the set's own text (PunktTrainer; nothing downloaded)
Sets: (a) the raw seed files against ../shared/dev/seed-gold, (b) tests/data/segment hard cases,
(c) the published test cases of pysbd and razdel (bench/data/segment, MIT), (e) held-out cases
written after the rules (bench/data/segment/holdout_*.txt), (d) when ../shared is there, the WMT21
dev articles (never copied into the repo; their gold is the translators' segments, so headlines
glued to the lead and segments ending without a stop count as misses for every system).

Run: python bench/segment.py            (add --speed for the 10 MB timing)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cards.text.load import load_document  # noqa: E402
from cards.text.segment import _spans_of, split_text  # noqa: E402

SHARED = ROOT.parent / "shared" / "dev"
Case = tuple[str, list[int]]  # paragraph text, gold starts of its 2nd, 3rd … sentences


def _starts(text: str, spans) -> list[int]:
    return [a for a, _ in spans][1:]


def read_bar_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cases.append(joined_case([p.strip() for p in line.split("|")]))
    return cases


def joined_case(parts: list[str]) -> Case:
    """The parts joined by spaces, with the gold boundaries at the starts of parts 2…n."""
    text = " ".join(parts)
    starts, pos = [], 0
    for part in parts:
        pos = text.index(part, pos)
        starts.append(pos)
        pos += len(part)
    return text, starts[1:]


def seed_cases(lang: str) -> list[Case]:
    """Paragraphs of the raw seed file, with the gold segments located in them."""
    doc = load_document(ROOT / "seeds/minsk-washington" / f"{lang}.txt", lang)
    gold = (SHARED / "seed-gold" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    cases, pos = [], 0
    for p in doc.paragraphs:
        text = doc.text[p.start : p.stop]
        starts = []
        while gold and doc.text.find(gold[0], pos) != -1 and doc.text.find(gold[0], pos) < p.stop:
            i = doc.text.find(gold.pop(0), pos)
            starts.append(i - p.start)
            pos = i + 1
        cases.append((text, starts[1:]))
    assert not gold, "gold segments not found in the seed"
    return cases


def wmt_cases(lang: str) -> list[Case]:
    path = SHARED / "wmt21-ruen" / "docs.jsonl"
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        for para in json.loads(line)[lang]:
            cases.append(joined_case([s.strip() for s in para if s.strip()]))
    return cases


def systems(lang: str, cases: list[Case]) -> dict:
    import pysbd
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
    from razdel import sentenize

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n\n".join(t for t, _ in cases), finalize=True)
    punkt = PunktSentenceTokenizer(trainer.get_params())
    sbd = pysbd.Segmenter(language=lang, clean=False)
    return {
        "ours": lambda t: split_text(t, lang),
        "razdel": lambda t: [(s.start, s.stop) for s in sentenize(t)],
        "pysbd": lambda t: _spans_of(t, sbd.segment(t)),
        "punkt": lambda t: list(punkt.span_tokenize(t)),
    }


def errors(cases: list[Case], split) -> tuple[int, int]:
    missed = extra = 0
    for text, gold in cases:
        got = set(_starts(text, split(text))) if text.strip() else set()
        missed += len(set(gold) - got)
        extra += len(got - set(gold))
    return missed, extra


def table() -> None:
    sets = []
    for lang in ("ru", "en"):
        if (SHARED / "seed-gold").exists():
            sets.append(("(a) seed", lang, seed_cases(lang)))
        sets.append(("(b) hard cases", lang, read_bar_cases(ROOT / "tests/data/segment" / f"{lang}.txt")))
        sets.append(("(c) pysbd tests", lang, read_bar_cases(ROOT / "bench/data/segment" / f"pysbd_{lang}.txt")))
        if lang == "ru":
            sets.append(("(c) razdel tests", lang, read_bar_cases(ROOT / "bench/data/segment/razdel_ru.txt")))
        sets.append(("(e) held-out cases", lang, read_bar_cases(ROOT / "bench/data/segment" / f"holdout_{lang}.txt")))
        if (SHARED / "wmt21-ruen" / "docs.jsonl").exists():
            sets.append(("(d) wmt21 dev", lang, wmt_cases(lang)))
    names = ("ours", "razdel", "pysbd", "punkt")
    print("errors per 1000 gold boundaries (missed+extra in brackets)\n")
    print("| set | lang | boundaries | " + " | ".join(names) + " |")
    print("|---|---|---:|" + "---:|" * len(names))
    for name, lang, cases in sets:
        gold = sum(len(g) for _, g in cases)
        row = []
        for system, split in systems(lang, cases).items():
            m, e = errors(cases, split)
            row.append(f"{1000 * (m + e) / max(1, gold):.1f} ({m}+{e})")
        print(f"| {name} | {lang} | {gold} | " + " | ".join(row) + " |")


SPEED = """
import sys, time
sys.path.insert(0, {root!r})
{body}
"""


def speed() -> None:
    """10 MB files (the seed repeated): whole-process wall time and peak RSS, ours vs plain razdel/pysbd."""
    tmp = Path(tempfile.mkdtemp())
    for lang in ("ru", "en"):
        text = (ROOT / "seeds/minsk-washington" / f"{lang}.txt").read_text(encoding="utf-8")
        copies = 10_000_000 // len(text.encode()) + 1
        path = tmp / f"{lang}.txt"
        path.write_text((text + "\n\n") * copies, encoding="utf-8")
        runs = {
            "ours: cards segment FILE": None,
            "baseline: read + plain razdel" if lang == "ru" else "baseline: read + plain pysbd":
            (f"from razdel import sentenize\nt = open({str(path)!r}, encoding='utf-8').read()\n"
             "print(sum(1 for p in t.split('\\n\\n') for _ in sentenize(p)))") if lang == "ru" else
            (f"import pysbd\nseg = pysbd.Segmenter(language='en', clean=False)\n"
             f"t = open({str(path)!r}, encoding='utf-8').read()\n"
             "print(sum(len(seg.segment(p)) for p in t.split('\\n\\n') if p.strip()))"),
        }
        walls = []
        for label, body in runs.items():
            if body is None:  # the real command, one segment a line on stdout
                command = [sys.executable, "-m", "cards", "segment", str(path), "--lang", lang]
            else:
                command = [sys.executable, "-c", SPEED.format(root=str(ROOT), body=body)]
            out = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=ROOT)
            count = len(out.stdout.splitlines()) if body is None else out.stdout.strip()
            wall = next(l for l in out.stderr.splitlines() if "Elapsed (wall clock)" in l).split()[-1]
            rss = next(l for l in out.stderr.splitlines() if "Maximum resident" in l).split()[-1]
            minutes, seconds = wall.rsplit(":", 1)
            walls.append(60 * float(minutes.split(":")[-1]) + float(seconds))
            print(f"{lang} {os.path.getsize(path) / 1e6:.1f} MB  {label:32} wall {wall:>8}  peak RSS "
                  f"{int(rss) / 1024:.0f} MB  segments {count}")
        print(f"{lang} ours / baseline wall time: {walls[0] / walls[1]:.2f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speed", action="store_true", help="also time a 10 MB file per language")
    args = ap.parse_args()
    table()
    if args.speed:
        print()
        speed()
