"""Aligned test sets for bench/align.py: the seed gold, the WMT21 dev set, and seeded perturbations.

A document is a list of *units*, each a gold bead: (Russian segments, English segments), a segment
being (text, paragraph). Perturbations rewrite units; flattening numbers the segments and turns every
unit into a gold bead of indices. Everything random comes from one `random.Random(seed)`.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "dev"
SEED_GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "seed-gold"
WMT21 = SHARED / "wmt21-ruen" / "docs.jsonl"
SIDES = (0, 1)  # 0 = Russian, 1 = English


def seed_units() -> list[list]:
    """The seed gold as one document of units (no paragraph numbers: one paragraph)."""
    gold = json.loads((SEED_GOLD / "seed.jsonl").read_text(encoding="utf-8"))
    return [[([(gold["ru"][i], 0) for i in r], [(gold["en"][j], 0) for j in e]) for r, e in gold["links"]]]


def wmt21_units(path: Path = WMT21) -> list[list]:
    """The WMT21 dev set, one document per article, 1-1 units with paragraph numbers."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        units = []
        for p, (rp, ep) in enumerate(zip(d["ru"], d["en"], strict=True)):
            units.extend(([(r, p)], [(e, p)]) for r, e in zip(rp, ep, strict=True))
        docs.append(units)
    return docs


def _one_one(units, k: int) -> bool:
    return len(units[k][0]) == 1 and len(units[k][1]) == 1


def merge(units, rnd: random.Random, count: int) -> list:
    """Join two adjacent sentences of one side (same paragraph) into one: a 2-1 or 1-2 gold bead."""
    units = list(units)
    for _ in range(count):
        side = rnd.choice(SIDES)
        ks = [k for k in range(len(units) - 1) if _one_one(units, k) and _one_one(units, k + 1)
              and units[k][side][0][1] == units[k + 1][side][0][1]]
        if not ks:
            break
        k = rnd.choice(ks)
        (t1, p), (t2, _) = units[k][side][0], units[k + 1][side][0]
        other = 1 - side
        new = [None, None]
        new[side] = [(t1 + " " + t2, p)]
        new[other] = units[k][other] + units[k + 1][other]
        units[k : k + 2] = [tuple(new)]
    return units


_COMMA = re.compile(r", ")


def split(units, rnd: random.Random, count: int) -> list:
    """Cut one sentence at a comma near its middle: a 1-2 or 2-1 gold bead."""
    units = list(units)
    for _ in range(count):
        side = rnd.choice(SIDES)
        cands = []
        for k, u in enumerate(units):
            if _one_one(units, k):
                text = u[side][0][0]
                cuts = [m.end() for m in _COMMA.finditer(text) if 0.3 < m.end() / len(text) < 0.7]
                if cuts:
                    cands.append((k, cuts[0]))
        if not cands:
            break
        k, cut = rnd.choice(cands)
        text, p = units[k][side][0]
        new = list(units[k])
        new[side] = [(text[:cut].rstrip(), p), (text[cut:], p)]
        units[k] = tuple(new)
    return units


def delete(units, rnd: random.Random, count: int) -> list:
    """Drop one sentence from one side: a 1-0 or 0-1 gold bead."""
    units = list(units)
    for _ in range(count):
        side = rnd.choice(SIDES)
        ks = [k for k in range(len(units)) if _one_one(units, k)]
        if not ks:
            break
        k = rnd.choice(ks)
        new = list(units[k])
        new[side] = []
        units[k] = tuple(new)
    return units


def delete_paragraph(units, rnd: random.Random) -> list:
    """Drop a whole paragraph (not the first) from one side. Without paragraphs (the WMT21 articles
    come as one paragraph each), drop a run of 2 to 5 consecutive sentences instead."""
    side = rnd.choice(SIDES)
    paras = sorted({seg[1] for u in units for seg in u[side]})
    if len(paras) >= 3:
        p = rnd.choice(paras[1:])
        drop = {k for k, u in enumerate(units) if u[side] and all(seg[1] == p for seg in u[side])}
    else:
        size = min(rnd.randint(2, 5), max(2, len(units) // 4))
        if len(units) < size + 2:
            return list(units)
        start = rnd.randint(1, len(units) - size)
        drop = set(range(start, start + size))
    out = []
    for k, u in enumerate(units):
        new = list(u)
        if k in drop:
            new[side] = []
        if new[0] or new[1]:
            out.append(tuple(new))
    return out


def mixed(units, rnd: random.Random) -> list:
    """A little of everything, as a careless segmenter and a free translator would produce."""
    n = len(units)
    units = merge(units, rnd, max(1, round(0.05 * n)))
    units = split(units, rnd, max(1, round(0.05 * n)))
    units = delete(units, rnd, max(1, round(0.03 * n)))
    if rnd.random() < 0.5:
        units = delete_paragraph(units, rnd)
    return units


def concat(docs: list[list], size: int) -> list[list]:
    """Concatenate consecutive documents `size` at a time, renumbering paragraphs."""
    out = []
    for start in range(0, len(docs), size):
        units, offset = [], 0
        for doc in docs[start : start + size]:
            paras = [seg[1] for u in doc for side in u for seg in side]
            units.extend(tuple([(t, p + offset) for t, p in side] for side in u) for u in doc)
            offset += max(paras, default=-1) + 1
        out.append(units)
    return out


Gold = list[tuple[tuple[int, ...], tuple[int, ...]]]


def flatten(units) -> tuple[list[tuple[str, int]], list[tuple[str, int]], Gold]:
    """Segments of each side and the gold beads as index tuples."""
    ru, en, gold = [], [], []
    for r, e in units:
        if r and e:
            gold.append((tuple(range(len(ru), len(ru) + len(r))), tuple(range(len(en), len(en) + len(e)))))
        else:  # a left-out stretch is one 1-0 (or 0-1) bead per segment
            gold.extend(((len(ru) + i,), ()) for i in range(len(r)))
            gold.extend(((), (len(en) + j,)) for j in range(len(e)))
        ru.extend(r)
        en.extend(e)
    return ru, en, gold


def sets(seed: int = 2026) -> dict[str, list[list]]:
    """Every benchmark set by name (the WMT21 ones only when ../shared is there)."""
    rnd = random.Random(seed)
    out = {"seed": seed_units(), "seed-mixed": [mixed(d, rnd) for d in seed_units()]}
    if not WMT21.exists():
        return out
    wmt = wmt21_units()
    out["wmt21"] = wmt
    out["wmt21-merge"] = [merge(d, rnd, max(1, round(0.1 * len(d)))) for d in wmt]
    out["wmt21-split"] = [split(d, rnd, max(1, round(0.1 * len(d)))) for d in wmt]
    out["wmt21-delete"] = [delete(d, rnd, max(1, round(0.05 * len(d)))) for d in wmt]
    out["wmt21-delpara"] = [delete_paragraph(d, rnd) for d in wmt]
    out["wmt21-mixed"] = [mixed(d, rnd) for d in wmt]
    out["wmt21-concat10"] = [mixed(d, rnd) for d in concat(wmt, 10)]
    out["wmt21-concat-all"] = [mixed(d, rnd) for d in concat(wmt, len(wmt))]
    return out
