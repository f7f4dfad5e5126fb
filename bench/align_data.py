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


def delete_paragraph(units, rnd: random.Random, sizes: tuple[int, int] = (2, 5)) -> list:
    """Drop a whole paragraph (not the first) from one side. Without paragraphs (the WMT21 articles
    come as one paragraph each), drop a run of `sizes` (2 to 5) consecutive sentences instead."""
    side = rnd.choice(SIDES)
    paras = sorted({seg[1] for u in units for seg in u[side]})
    if len(paras) >= 3:
        p = rnd.choice(paras[1:])
        drop = {k for k, u in enumerate(units) if u[side] and all(seg[1] == p for seg in u[side])}
    else:
        size = min(rnd.randint(*sizes), max(2, len(units) // 4))
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


# Synthetic lines that have no counterpart on the other side: captions, "read also" links, bylines,
# editor's notes. Written for this bench (none of it comes from WMT21); `{near}` is a capitalised word
# of the neighbouring sentence on the same side (captions name the article's people and places).
# The tune pool and the held-out pool share no template.
INSERTS = {
    "tune": {
        0: ["Фото: {near} / ТАСС", "Фото: {agency}", "Читайте также: {headline}", "Автор: {name}, {role}",
            "Примечание редакции: материал обновлён {day} {month} в {hh}:{mm}.", "На фото: {near}, архив.",
            "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости."],
        1: ["Photo: {near} / Reuters", "Photo: {agency}", "Read also: {headline}", "By {name}, {role}",
            "Editor's note: this story was updated on {month} {day} at {hh}:{mm}.", "Pictured: {near}, file photo.",
            "Follow us on Telegram to be the first to know the news."],
    },
    "held": {
        0: ["Видео: {agency}", "Смотрите также: {headline}", "Источник: {agency}", "Реклама",
            "Текст: {name}. Фото: {near}", "Обновлено {day} {month}, {hh}:{mm}", "Мнение автора может не совпадать "
            "с позицией редакции."],
        1: ["Video: {agency}", "Related: {headline}", "Source: {agency}", "Advertisement",
            "Words by {name}. Photograph: {near}", "Updated {month} {day}, {hh}:{mm} GMT",
            "The views expressed are the author's own."],
    },
}
_FILL = {
    0: {"agency": ["РИА Новости", "Global Look Press", "Виктор Васенин", "пресс-служба"], "name": ["Анна Смирнова",
        "Игорь Волков", "Мария Орлова"], "role": ["обозреватель", "специальный корреспондент"],
        "headline": ["Что изменится с 1 {month}", "Эксперты назвали главные риски года", "Как получить выплату"],
        "month": ["января", "марта", "мая", "июля", "октября"]},
    1: {"agency": ["RIA Novosti", "Global Look Press", "Viktor Vasenin", "press office"], "name": ["Anna Smirnova",
        "Igor Volkov", "Maria Orlova"], "role": ["columnist", "special correspondent"],
        "headline": ["What changes on {month} 1", "Experts name the year's main risks", "How to claim the payment"],
        "month": ["January", "March", "May", "July", "October"]},
}
_NAME = re.compile(r"(?<=\s)[A-ZА-ЯЁ][a-zа-яё]{3,}")


def _insert_line(side: int, pool: str, near: str, rnd: random.Random) -> tuple[str, frozenset]:
    """An inserted line and what it says: its template's number (the two sides' pools are parallel, so
    one number on both sides is a line and its translation) and the names it was filled with."""
    picks = {k: rnd.randrange(len(v)) for k, v in _FILL[side].items()}
    fill = {k: _FILL[side][k][x] for k, x in picks.items()}
    fill["headline"] = fill["headline"].format(**fill)
    names = _NAME.findall(near)
    fill["near"] = rnd.choice(names) if names else fill["agency"]
    fill.update(day=rnd.randint(1, 28), hh=f"{rnd.randint(7, 23):02d}", mm=f"{rnd.randint(0, 59):02d}")
    number = rnd.randrange(len(INSERTS[pool][side]))
    template = INSERTS[pool][side][number]
    says = {("template", number)} | {(k, picks[k]) for k in ("agency", "name", "headline") if f"{{{k}}}" in template}
    if "{near}" in template:  # the neighbouring sentence's name, which the other side's neighbour translates
        says.add(("near",) if names else ("agency", picks["agency"]))
    return template.format(**fill), frozenset(says)


def _one_sided(unit) -> bool:
    return not (unit[0] and unit[1])


def insert(units, rnd: random.Random, count: int, pool: str = "tune", run: int = 1, unrelated: bool = True) -> list:
    """Put a line with no counterpart (caption, byline, "read also", editor's note) on one side,
    `run` of them together: 1-0 or 0-1 gold beads. With `unrelated`, a line is drawn again while it
    translates (same template) or names what an inserted line of the other side at the same place
    (no 1-1 unit between them) says: such two lines would be a pair, not two null beads."""
    units = list(units)
    said: list = [None] * len(units)  # per unit: (side, what it says) for the lines inserted here
    for _ in range(count):
        side = rnd.choice(SIDES)
        k = rnd.randint(0, len(units))
        neighbour = units[min(k, len(units) - 1)][side] if units else []
        near, p = (neighbour[0] if neighbour else ("", 0))
        for _ in range(run):
            lo, hi = k, k
            while lo > 0 and _one_sided(units[lo - 1]):
                lo -= 1
            while hi < len(units) and _one_sided(units[hi]):
                hi += 1
            other = set().union(*(s[1] for s in said[lo:hi] if s and s[0] != side)) if unrelated else set()
            for _ in range(100):
                line, says = _insert_line(side, pool, near, rnd)
                if not says & other:
                    break
            new = [[], []]
            new[side] = [(line, p)]
            units.insert(k, tuple(new))
            said.insert(k, (side, says))
    return units


def omit_runs(units, rnd: random.Random, count: int) -> list:
    """Drop `count` runs of 2 to 6 consecutive sentences (a left-out paragraph), each from either side."""
    for _ in range(count):
        units = delete_paragraph(units, rnd, sizes=(2, 6))
    return units


def noisy(units, rnd: random.Random, pool: str = "tune", unrelated: bool = True) -> list:
    """Many omissions and insertions over a careless segmentation: the hardest mix."""
    n = len(units)
    units = merge(units, rnd, max(1, round(0.04 * n)))
    units = split(units, rnd, max(1, round(0.04 * n)))
    units = delete(units, rnd, max(1, round(0.08 * n)))
    units = insert(units, rnd, max(1, round(0.05 * n)), pool, unrelated=unrelated)
    if rnd.random() < 0.5:
        units = delete_paragraph(units, rnd)
    return units


HELD_OUT_NOTE = ("tune: the even-numbered WMT21 documents, seed 2026, the tune pool of inserted lines; held: "
                 "the odd-numbered documents, seed 4242, the held-out pool, and one kind never tuned on "
                 "(held/wmt21-insert-runs: 2 or 3 inserted lines together)")


HELD_SEED_OFFSET = 4242 - 2026  # the held-out half's seed is the tune half's plus this


def split_sets(part: str, seed: int = 2026, unrelated: bool = True) -> dict[str, list[list]]:
    """The tune or held-out half: kinds with many omissions, left-out paragraphs and inserted lines.
    `seed` is the tune half's (the held-out half takes seed + HELD_SEED_OFFSET): 2026 gives 2026 and 4242."""
    wmt = wmt21_units()[0 if part == "tune" else 1 :: 2]
    rnd = random.Random(seed if part == "tune" else seed + HELD_SEED_OFFSET)
    out = {
        "wmt21-delete": [delete(d, rnd, max(1, round(0.05 * len(d)))) for d in wmt],
        "wmt21-omit": [delete(d, rnd, max(2, round(0.15 * len(d)))) for d in wmt],
        "wmt21-omit-runs": [omit_runs(d, rnd, 2) for d in wmt],
        "wmt21-insert": [insert(d, rnd, max(1, round(0.08 * len(d))), part, unrelated=unrelated) for d in wmt],
        "wmt21-mixed": [mixed(d, rnd) for d in wmt],
        "wmt21-noisy": [noisy(d, rnd, part, unrelated) for d in wmt],
        "wmt21-noisy-concat": [noisy(d, rnd, part, unrelated) for d in concat(wmt, len(wmt))],
    }
    if part == "held":
        out["wmt21-insert-runs"] = [insert(d, rnd, 2, part, run=rnd.randint(2, 3), unrelated=unrelated) for d in wmt]
    return {f"{part}/{k}": v for k, v in out.items()}


def sets(seed: int = 2026, unrelated: bool = True) -> dict[str, list[list]]:
    """Every benchmark set by name (the WMT21 ones only when ../shared is there). The unprefixed sets
    use all 107 documents (tuned on before the split); `tune/…` and `held/…` are the two halves."""
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
    return out | split_sets("tune", seed, unrelated) | split_sets("held", seed, unrelated)
