"""Sentence alignment: (Russian segments, English segments) → beads with a calibrated confidence.

Two passes of a banded dynamic programme over beads 0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1 (dp.py),
costed in scores.py. The first pass aligns on length, numbers, transliterated names and cognates,
punctuation and structure; its confident 1-1 beads teach a stem lexicon (lexicon.py, Dice with
competitive linking, stems from nltk's Snowball), and the second pass adds it, searching a narrow
band around the first path. A bead's score is its posterior probability (forward-backward).
Long texts (> FULL_BAND segments) are first aligned as blocks, which guide the band. numpy does
the vector work.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cards.align import dp, lexicon, scores
from cards.align.features import Features
from cards.align.features import features as _features
from cards.model import Bead, Sentence

__all__ = ["FirstPass", "align", "align_many", "first_pass", "second_pass", "shared_lexicon"]

Segments = Sequence[Sentence] | Sequence[str]

FULL_BAND = 300  # up to this many segments per side the DP searches every cell
HALF_WIDTH = 30  # otherwise a band of ±HALF_WIDTH, re-centred (then widened) while the path touches its edge
BLOCK = 8  # a long text is first aligned as blocks of 8 segments, which then guide the band
GUIDED_HALF_WIDTH = 12  # the second pass searches ±12 segments around the first pass's path
WEIGHTS = scores.Weights()
TEMPERATURE = 1.0  # posteriors of the cost model as they are; bench/align.py reports their calibration
CONFIDENT = 0.9  # first-pass 1-1 beads at least this sure teach the lexicon
LEXICON_BEADS = 4000  # at most this many beads teach the lexicon (evenly spaced)


@dataclass(frozen=True)
class _Side:
    texts: tuple[str, ...]
    feats: tuple[Features, ...]
    starts: np.ndarray | None
    kinds: np.ndarray


def _side(segments: Segments, lang: str) -> _Side:
    texts, starts, kinds, structured = [], [], [], False
    previous = None
    for s in segments:
        if isinstance(s, Sentence):
            structured = True
            texts.append(s.text)
            starts.append(int(s.paragraph != previous))
            previous = s.paragraph
            kinds.append(int(s.kind != "text"))
        else:
            texts.append(str(s))
            starts.append(0)
            kinds.append(0)
    return _Side(tuple(texts), tuple(_features(t, lang) for t in texts),
                 np.array(starts, dtype=float) if structured else None, np.array(kinds, dtype=float))


def _glue(side: _Side) -> np.ndarray:
    """1 where a segment does not end like a sentence and the next one starts in lower case."""
    out = np.zeros(len(side.texts))
    for x in range(len(side.texts) - 1):
        nxt = side.texts[x + 1].lstrip(" \t\"«“„'(–—-")
        if side.feats[x].punct[-1] and nxt[:1].islower():
            out[x] = 1.0
    return out


def _anchors(side: _Side, lang: str, table: dict[str, tuple[str, ...]] | None) -> list[frozenset[str]]:
    if table is None:
        return [f.anchors for f in side.feats]
    if lang == "en":
        return [f.anchors | {"s:" + t for t in f.stems} for f in side.feats]
    return [f.anchors | {"s:" + t for s in f.stems for t in table.get(s, ())} for f in side.feats]


Path = list[tuple[int, int, int]]  # bead ends (type index in dp.TYPES, i, j)


def _solve(ru: _Side, en: _Side, table, guide: Path | None = None, pooled: int = 1) -> tuple[Path, list[float] | None]:
    """Align once: the path as (type, i, j) bead ends, and each bead's posterior probability.

    Short texts (≤ FULL_BAND segments a side) get the full table. For long ones the first pass
    searches a band around a coarse alignment of blocks, re-centred on the path (and widened)
    while the path runs along its edge, and returns no posteriors; the second pass (with a
    `guide`, the first pass's path) searches a narrow band around it. `pooled` > 1 says each
    segment is a block of that many: lexical evidence is scaled down to match.
    """
    weights = WEIGHTS if pooled == 1 else dataclasses.replace(WEIGHTS, match=WEIGHTS.match / pooled)
    n, m = len(ru.texts), len(en.texts)
    ru_sets, en_sets = _anchors(ru, "ru", table), _anchors(en, "en", table)
    ru_chance, en_chance = scores.chance_table(ru_sets, en_sets), scores.chance_table(en_sets, ru_sets)
    ru_found = en_found = None
    if guide is not None:  # how often this document's anchors really find their match, from pass one
        ones = [(i - 1, j - 1) for t, i, j in guide if dp.TYPES[t] == (1, 1)]
        ru_found = scores.found_rates(ru_sets, en_sets, ru_chance, ones)
        en_found = scores.found_rates(en_sets, ru_sets, en_chance, [(j, i) for i, j in ones])
    ru_ix = scores.index(ru_sets, en_sets, ru_chance, weights.run, weights.miss, ru_found)
    en_ix = scores.index(en_sets, ru_sets, en_chance, weights.run, weights.miss, en_found)
    ru_len = np.array([f.length for f in ru.feats], dtype=float)
    en_len = np.array([f.length for f in en.feats], dtype=float)
    ev = scores.Evidence(
        ru_len, en_len,
        np.array([f.punct for f in ru.feats], dtype=float).reshape(n, -1),
        np.array([f.punct for f in en.feats], dtype=float).reshape(m, -1),
        ru.starts, en.starts, ru.kinds, en.kinds, _glue(ru), _glue(en),
    )

    def run(band: dp.Band):
        tables = (_table(ru_ix, n, band.lo, band.width), _table(en_ix, m, *_transpose(band)))
        costs = scores.bead_costs(band, ev, tables, weights)
        return dp.viterbi(band, costs)[0], costs

    def run_safe(band: dp.Band):
        path, costs = run(band)
        if not path:  # the band left no way through (cannot happen when connected): search it all
            band = dp.make_band(ru_len, en_len, max(n, m))
            path, costs = run(band)
        return band, path, costs

    full = max(n, m) <= FULL_BAND
    if guide is not None:
        band = dp.make_band(ru_len, en_len, max(n, m)) if full else dp.band_around(guide, n, m, GUIDED_HALF_WIDTH)
        band, path, costs = run_safe(band)
    else:
        half = max(n, m) if full else HALF_WIDTH
        if full:
            band = dp.make_band(ru_len, en_len, half)
        else:
            band = dp.band_through(_coarse_points(ru, en, pooled), n, m, half)
        for attempt in range(8):
            band, path, costs = run_safe(band)
            if band.width >= m + 1 or not _touches_edge(path, band):
                break
            if attempt % 2 == 1:
                half *= 2
            band = dp.band_around(path, n, m, half)
        if not full:
            return path, None
    lo = band.lo
    logw = [-c / TEMPERATURE for c in costs]
    f, b, z = dp.forward_backward(band, logw)
    post = []
    for t, i, j in path:
        a, bb = dp.TYPES[t]
        lp = f[i - a, j - bb - lo[i - a]] + logw[t][i, j - lo[i]] + b[i, j - lo[i]] - z
        post.append(float(min(1.0, max(0.0, np.exp(lp)))))
    return path, post


def _blocks(side: _Side, size: int) -> _Side:
    """The side cut into blocks of `size` segments, each with the pooled features of its segments."""
    feats = []
    for x in range(0, len(side.feats), size):
        group = side.feats[x : x + size]
        feats.append(Features(
            sum(f.length for f in group),
            frozenset().union(*(f.anchors for f in group)),
            frozenset(),
            tuple(map(sum, zip(*(f.punct for f in group), strict=True))),
        ))
    texts = tuple("" for _ in feats)
    return _Side(texts, tuple(feats), None, np.zeros(len(feats)))  # texts unused: no glue for blocks


def _coarse_points(ru: _Side, en: _Side, pooled: int) -> list[tuple[int, int]]:
    """Guide points for a long text: align blocks of BLOCK segments first (recursively)."""
    coarse, _ = _solve(_blocks(ru, BLOCK), _blocks(en, BLOCK), None, pooled=pooled * BLOCK)
    n, m = len(ru.texts), len(en.texts)
    return [(min(i * BLOCK, n), min(j * BLOCK, m)) for _, i, j in coarse if 0 < i * BLOCK < n and 0 < j * BLOCK < m]


def _table(ix: scores.Index, n: int, lo: np.ndarray, width: int):
    """Match table for the n segments of one side against the band's windows on the other."""
    nxt = lo[np.minimum(np.arange(n) + 1, len(lo) - 1)]
    ahead = lo[np.minimum(np.arange(n) + 3, len(lo) - 1)] - nxt
    base = nxt - 3
    span = int(ahead.max(initial=0)) + width + 4
    return scores.match_table(ix, n, base, span), base


def _transpose(band: dp.Band) -> tuple[np.ndarray, int]:
    """For each English column j: the first row whose window holds it, and a width covering all."""
    m = band.m
    j = np.arange(m + 1)
    first = np.searchsorted(band.lo + band.width - 1, j, side="left")
    last = np.searchsorted(band.lo, j, side="right") - 1
    return first, int((last - first).max(initial=0)) + 1


def _touches_edge(path, band: dp.Band) -> bool:
    for _, i, j in path:
        k = j - band.lo[i]
        if (k <= 1 and band.lo[i] > 0) or (k >= band.width - 2 and band.lo[i] + band.width <= band.m):
            return True
    return False


def _beads(path, post) -> tuple[Bead, ...]:
    out = []
    for (t, i, j), p in zip(path, post, strict=True):
        a, b = dp.TYPES[t]
        out.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(p, 4)))
    return tuple(out)


def _confident_pairs(ru: _Side, en: _Side, path, post):
    """Stems of the sure 1-1 beads of the first pass: posterior ≥ CONFIDENT or, for long texts
    (no posteriors), both neighbours 1-1 beads too."""
    kinds = [dp.TYPES[t] for t, _, _ in path]
    for x, (t, i, j) in enumerate(path):
        if kinds[x] != (1, 1):
            continue
        if post[x] >= CONFIDENT if post else all(kinds[y] == (1, 1) for y in (x - 1, x + 1) if 0 <= y < len(kinds)):
            yield ru.feats[i - 1].stems, en.feats[j - 1].stems


@dataclass(frozen=True)
class FirstPass:
    """What the second pass needs of a document's first: its path, and the stems of its sure 1-1 beads
    (they teach the lexicon shared by all the documents aligned together)."""

    path: tuple[tuple[int, int, int], ...]
    pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]


def _first(r: _Side, e: _Side) -> FirstPass:
    if not r.texts or not e.texts:
        return FirstPass((), ())
    path, post = _solve(r, e, None)
    return FirstPass(tuple(path), tuple(_confident_pairs(r, e, path, post)))


def _second(r: _Side, e: _Side, first: FirstPass, table: dict[str, tuple[str, ...]]) -> tuple[Bead, ...]:
    if not r.texts or not e.texts:
        return (tuple(Bead((i,), (), 1.0) for i in range(len(r.texts)))
                + tuple(Bead((), (j,), 1.0) for j in range(len(e.texts))))
    return _beads(*_solve(r, e, table, list(first.path)))


def first_pass(ru: Segments, en: Segments) -> FirstPass:
    """One document's first pass (no lexicon): it depends on that document only, so it can be kept."""
    return _first(_side(ru, "ru"), _side(en, "en"))


def shared_lexicon(passes: Sequence[FirstPass]) -> dict[str, tuple[str, ...]]:
    """The stem lexicon learned from the sure beads of all the documents' first passes, in their order
    (at most LEXICON_BEADS of them, evenly spaced): the same passes always give the same lexicon."""
    pairs = [pair for first in passes for pair in first.pairs]
    if len(pairs) > LEXICON_BEADS:
        step = len(pairs) / LEXICON_BEADS
        pairs = [pairs[int(x * step)] for x in range(LEXICON_BEADS)]
    return lexicon.learn(pairs)


def second_pass(ru: Segments, en: Segments, first: FirstPass, table: dict[str, tuple[str, ...]]) -> tuple[Bead, ...]:
    """One document's beads: the second pass, guided by its `first` pass, with the shared lexicon `table`."""
    return _second(_side(ru, "ru"), _side(en, "en"), first, table)


def align_many(docs: Sequence[tuple[Segments, Segments]]) -> list[tuple[Bead, ...]]:
    """Align every document; a stem lexicon learned from all of them informs the second pass
    (first_pass, shared_lexicon, second_pass: the same steps one at a time)."""
    sides = [(_side(r, "ru"), _side(e, "en")) for r, e in docs]
    firsts = [_first(r, e) for r, e in sides]
    table = shared_lexicon(firsts)
    return [_second(r, e, first, table) for (r, e), first in zip(sides, firsts, strict=True)]


def align(ru: Segments, en: Segments) -> tuple[Bead, ...]:
    """Align one document: every segment of both sides in exactly one bead, in order."""
    return align_many([(ru, en)])[0]
