"""Sentence alignment: (Russian segments, English segments) → beads with a calibrated confidence.

Two passes of a banded dynamic programme over beads 0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1 (dp.py),
costed in scores.py. The first pass aligns on length, numbers, transliterated names and cognates,
punctuation and structure; its confident 1-1 beads teach a stem lexicon (lexicon.py, Dice with
competitive linking, stems from nltk's Snowball), and the second pass adds it and the built-in
bilingual dictionary (dictionary.py: is a word's translation there?), searching a narrow band around
the first path, where a 1-0 (0-1) bead next to another costs less (a prior for runs of left-out or
inserted lines, and for a line left out on each side at one place). A bead's score is its posterior
probability (forward-backward). Segments given as plain strings get the kind the loader would give
a paragraph from their end alone (a headline, caption or credit has no sentence end): kinds pair with kinds.
Long texts (> FULL_BAND segments) are first aligned as blocks, which guide the band; texts of over
CHUNK segments are solved in overlapping windows cut at confident 1-1 beads, so memory stays
bounded. numpy does the vector work.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from cards.align import dictionary, dp, lexicon, scores
from cards.align.features import Features
from cards.align.features import features as _features
from cards.model import Bead, Sentence

__all__ = ["FirstPass", "align", "align_many", "first_pass", "second_pass", "shared_lexicon"]

Segments = Sequence[Sentence] | Sequence[str]

FULL_BAND = 300  # up to this many segments per side the DP searches every cell
HALF_WIDTH = 30  # otherwise a band of ±HALF_WIDTH, re-centred (then widened) while the path touches its edge
BLOCK = 8  # a long text is first aligned as blocks of 8 segments, which then guide the band
GUIDED_HALF_WIDTH = 8  # the second pass searches ±8 segments around the first pass's path (±12 gave the same beads)
WEIGHTS = scores.Weights()
TEMPERATURE = 1.0  # posteriors of the cost model as they are; bench/align.py reports their calibration
CONFIDENT = 0.9  # first-pass 1-1 beads at least this sure teach the lexicon
LEXICON_BEADS = 4000  # at most this many beads teach the lexicon (evenly spaced)
CHUNK = 4000  # texts with more segments a side are solved in windows of WINDOW + OVERLAP rows
WINDOW = 2000
OVERLAP = 400


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
            kinds.append(int(_heading_like(texts[-1])))
    return _Side(tuple(texts), tuple(_features(t, lang) for t in texts),
                 np.array(starts, dtype=float) if structured else None, np.array(kinds, dtype=float))


_CLOSERS = "»”“\"')]’ "


def _heading_like(text: str) -> bool:
    """Whether a plain segment reads as a headline, caption or credit, as the loader tells a paragraph's
    kind (cards/text/load.py): no sentence end (closing quotes aside), at most 20 words, and not cut at
    a comma, colon or semicolon (a sentence's first half)."""
    end = text.rstrip().rstrip(_CLOSERS)
    return bool(end) and not end.endswith((".", "!", "?", "…", ",", ":", ";")) and len(text.split()) <= 20


def _glue(side: _Side) -> np.ndarray:
    """1 where a segment does not end like a sentence and the next one starts in lower case."""
    out = np.zeros(len(side.texts))
    for x in range(len(side.texts) - 1):
        nxt = side.texts[x + 1].lstrip(" \t\"«“„'(–—-")
        if side.feats[x].punct[-1] and nxt[:1].islower():
            out[x] = 1.0
    return out


Sets = list[tuple[str, ...]]


def _lex(side: _Side, lang: str, table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The lexicon anchors of each stem of the side. English: only stems the lexicon can reach (no
    other could match, nor tell a left-out one); Russian: the English stems the lexicon gives."""
    stems = {s for f in side.feats for s in f.stems}
    if lang == "en":
        reach = {t for ts in table.values() for t in ts}
        return {s: (_lexical(s),) if s in reach else () for s in stems}
    return {s: tuple(_lexical(t) for t in table.get(s, ())) for s in stems}


def _rows(side: _Side, lexical: dict[str, tuple[str, ...]] | None,
          words: dict[str, tuple[str, ...]] | None = None) -> Sets:
    """Each segment's anchors as a row, the evidence it brings: numbers, names and cognates, lexicon
    stems (`lexical`, the side's _lex) and its own stems the dictionary knows (`words`: stem → the
    other language's stems)."""
    if lexical is None:
        return [f.anchors for f in side.feats]
    words = words or {}
    extra = {s: lex + ((_known(s),) if s in words else ()) for s, lex in lexical.items()}
    return [tuple(sorted(set(f.anchors).union(*map(extra.__getitem__, f.stems)))) for f in side.feats]


def _columns(side: _Side, lexical: dict[str, tuple[str, ...]], words: dict[str, tuple[str, ...]] | None,
             sought: set[str]) -> Sets:
    """Each segment's anchors as a column, what the other side's rows are looked for in: as a row, with
    the translations of its stems instead of its own, and only what some row holds (`sought`: the
    rest could match nothing). In no order: columns are only searched."""
    words = words or {}
    extra = {s: tuple(sought.intersection(lex + tuple(_known(t) for t in words.get(s, ()))))
             for s, lex in lexical.items()}
    return [tuple(sought.intersection(f.anchors).union(*map(extra.__getitem__, f.stems))) for f in side.feats]


def _words(ru: _Side, en: _Side) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The stems of each side the dictionary knows, each with its translations that the other side
    holds (no other could be found there)."""
    return dictionary.between({s for f in ru.feats for s in f.stems}, {s for f in en.feats for s in f.stems})


@lru_cache(maxsize=200_000)
def _known(stem: str) -> str:
    """The anchor of a stem of the dictionary (dictionary.py): a row's own stem, a column's translation."""
    return "d:" + stem


@lru_cache(maxsize=200_000)
def _lexical(stem: str) -> str:
    """The anchor of a lexicon stem (one string per stem, however many segments hold it)."""
    return "s:" + stem


Path = list[tuple[int, int, int]]  # bead ends (type index in dp.TYPES, i, j)


def _solve(ru: _Side, en: _Side, table, guide: Path | None = None, pooled: int = 1) -> tuple[Path, list[float] | None]:
    """Align once: the path as (type, i, j) bead ends, and each bead's posterior probability.

    Short texts (≤ FULL_BAND segments a side) get the full table. For long ones the first pass
    searches a band around a coarse alignment of blocks, re-centred on the path (and widened)
    while the path runs along its edge, and returns no posteriors; the second pass (with a
    `guide`, the first pass's path) searches a narrow band around it. `pooled` > 1 says each
    segment is a block of that many: lexical evidence is scaled down to match. Texts of over
    CHUNK segments are solved in overlapping windows (_windows), so memory stays bounded.
    """
    weights = WEIGHTS if pooled == 1 else dataclasses.replace(WEIGHTS, match=WEIGHTS.match / pooled)
    if table is None:  # without lexicon stems, the null evidence and the merge check rest on too little
        weights = dataclasses.replace(weights, presence=0.0, lone=0.0, bare=0.0, stay=0.0, cross=0.0)
    n, m = len(ru.texts), len(en.texts)
    ru_words = en_words = ru_lex = en_lex = None
    if table is not None:  # the second pass: the lexicon's anchors, and the bilingual dictionary too
        ru_words, en_words = _words(ru, en)
        ru_lex, en_lex = _lex(ru, "ru", table), _lex(en, "en", table)
    ru_rows, en_rows = _rows(ru, ru_lex, ru_words), _rows(en, en_lex, en_words)
    ru_cols, en_cols = ru_rows, en_rows  # the first pass: no dictionary, so rows and columns are alike
    if table is not None:
        ru_cols = _columns(ru, ru_lex, ru_words, set().union(*en_rows))
        en_cols = _columns(en, en_lex, en_words, set().union(*ru_rows))
    ru_chance, en_chance = scores.chance_table(ru_rows, en_cols), scores.chance_table(en_rows, ru_cols)
    ru_found = en_found = None
    ru_rates, en_rates = scores.PRESENT["ru"], scores.PRESENT["en"]
    if guide is not None:  # how often this document's anchors really find their match, from pass one
        ones = [(i - 1, j - 1) for t, i, j in guide if dp.TYPES[t] == (1, 1)]
        ru_found = scores.found_rates(ru_rows, en_cols, ru_chance, ones)
        en_found = scores.found_rates(en_rows, ru_cols, en_chance, [(j, i) for i, j in ones])
        ru_rates = scores.presence_rates(ru_rows, en_cols, ones, "ru")
        en_rates = scores.presence_rates(en_rows, ru_cols, [(j, i) for i, j in ones], "en")
    ev = scores.Evidence(
        np.array([f.length for f in ru.feats], dtype=float), np.array([f.length for f in en.feats], dtype=float),
        np.array([f.punct for f in ru.feats], dtype=float).reshape(n, -1),
        np.array([f.punct for f in en.feats], dtype=float).reshape(m, -1),
        ru.starts, en.starts, ru.kinds, en.kinds, _glue(ru), _glue(en),
        *((scores.null_evidence(ru_rows, en_cols, ru_rates), scores.null_evidence(en_rows, ru_cols, en_rates))
          if pooled == 1 and weights.presence else (None, None)),
        *((_known_count(ru_rows), _known_count(en_rows)) if table is not None else (None, None)),
    )

    ru_shared = en_shared = None
    if table is not None:  # the second pass: what each segment shares with the next (merged beads)
        ru_shared, en_shared = _shared(ru_rows), _shared(en_rows)

    def window(a: int, b: int, c: int, d: int, guide: Path | None, points: list | None):
        """Solve rows a..b against columns c..d (guide and points in window coordinates)."""
        def ix(rows, cols, chance, found, shared):
            main = scores.index(rows, cols, chance, weights.run, weights.miss, found)
            if shared is None:
                return main, None, None
            words = [[f for f in r if f[0] in scores.COUNTED] for r in rows]  # however common: a count, not evidence
            known = scores.index(words, cols, dict.fromkeys(chain.from_iterable(words), 0.5), spans=1)
            return (main, scores.index(shared, cols, chance, weights.run, weights.miss, found),
                    scores.counting(known))
        ru_ix = ix(ru_rows[a:b], en_cols[c:d], ru_chance, ru_found, ru_shared and ru_shared[a:b])
        en_ix = ix(en_rows[c:d], ru_cols[a:b], en_chance, en_found, en_shared and en_shared[c:d])
        return _solve_window(_cut(ev, a, b, c, d), ru_ix, en_ix, weights, guide, points, pooled == 1)

    full = max(n, m) <= FULL_BAND
    points = None if full or guide is not None else _coarse_points(ru, en, pooled)
    if max(n, m) > CHUNK:
        return _windows(window, n, m, guide, points)
    return window(0, n, 0, m, guide, points)


def _cut(ev: scores.Evidence, a: int, b: int, c: int, d: int) -> scores.Evidence:
    """The evidence of rows a..b and columns c..d."""
    ru = {k: getattr(ev, k) for k in ("ru_len", "ru_punct", "ru_start", "ru_kind", "ru_glue", "ru_null", "ru_known")}
    en = {k: getattr(ev, k) for k in ("en_len", "en_punct", "en_start", "en_kind", "en_glue", "en_null", "en_known")}
    return scores.Evidence(**{k: None if v is None else v[a:b] for k, v in ru.items()},
                           **{k: None if v is None else v[c:d] for k, v in en.items()})


def _solve_window(ev: scores.Evidence, ru_ix, en_ix, weights, guide: Path | None, points,
                  posteriors: bool = True) -> tuple[Path, list | None]:
    """The banded search of _solve on one window (the whole text unless it is longer than CHUNK); no
    posteriors for blocks (`posteriors` false: only their path guides the band)."""
    n, m = len(ev.ru_len), len(ev.en_len)

    def run(band: dp.Band):
        tables = (_tables(ru_ix, n, band.lo, band.width), _tables(en_ix, m, *_transpose(band)))
        costs = scores.bead_costs(band, ev, tables, weights)
        return dp.viterbi(band, costs, weights.stay, weights.cross)[0], costs

    def run_safe(band: dp.Band):
        path, costs = run(band)
        if not path:  # the band left no way through (cannot happen when connected): search it all
            band = dp.make_band(ev.ru_len, ev.en_len, max(n, m))
            path, costs = run(band)
        return band, path, costs

    full = max(n, m) <= FULL_BAND
    if guide is not None:
        band = dp.make_band(ev.ru_len, ev.en_len, max(n, m)) if full else dp.band_around(guide, n, m, GUIDED_HALF_WIDTH)
        band, path, costs = run_safe(band)
    else:
        half = max(n, m) if full else HALF_WIDTH
        band = dp.make_band(ev.ru_len, ev.en_len, half) if full else dp.band_through(points, n, m, half)
        for attempt in range(8):
            band, path, costs = run_safe(band)
            if band.width >= m + 1 or not _touches_edge(path, band):
                break
            if attempt % 2 == 1:
                half *= 2
            band = dp.band_around(path, n, m, half)
        if not full or not posteriors:
            return path, None
    return path, dp.posteriors(band, [-c / TEMPERATURE for c in costs], path, weights.stay / TEMPERATURE,
                               weights.cross / TEMPERATURE)


def _windows(window, n: int, m: int, guide: Path | None, points: list | None) -> tuple[Path, list | None]:
    """Solve a long text window by window: each spans WINDOW + OVERLAP rows, ends where the guide (the
    first pass's path, or the coarse points) puts that row, and is kept up to its last bead end within
    WINDOW rows that has 1-1 beads on both sides (a confident anchor); the next window starts there."""
    line = [(0, 0)] + ([(i, j) for _, i, j in guide] if guide is not None else sorted(points or [])) + [(n, m)]
    rows, cols = np.array([i for i, _ in line], dtype=float), np.array([j for _, j in line], dtype=float)
    path: Path = []
    post: list[float] | None = [] if guide is not None else None
    i0 = j0 = 0
    while True:
        if i0 == n or j0 == m:  # one side is used up: the rest of the other is left out
            rest = [(1, i, j0) for i in range(i0 + 1, n + 1)] + [(dp.ZERO_ONE, i0, j) for j in range(j0 + 1, m + 1)]
            path.extend(rest)
            return path, None if post is None else post + [1.0] * len(rest)
        last = n - i0 <= WINDOW + OVERLAP
        i1 = n if last else i0 + WINDOW + OVERLAP
        j1 = m if last else min(m, max(j0 + 1, int(round(np.interp(i1, rows, cols)))))
        inside = lambda i, j: i0 <= i <= i1 and j0 <= j <= j1  # noqa: E731
        sub_guide = sub_points = None
        if guide is not None:
            sub_guide = [(t, i - i0, j - j0) for t, i, j in guide if inside(i, j)]
        elif points is not None:
            sub_points = [(i - i0, j - j0) for i, j in points if inside(i, j) and (i, j) not in ((i0, j0), (i1, j1))]
        sub, sub_post = window(i0, i1, j0, j1, sub_guide, sub_points)
        keep = len(sub)
        if not last:
            ones = [dp.TYPES[t] == (1, 1) for t, _, _ in sub]
            ends = [x for x, (_, i, _) in enumerate(sub) if i <= WINDOW and x + 1 < len(sub)]
            sure = [x for x in ends if all(ones[max(0, x - 1) : x + 3])]
            keep = (sure or ends or [len(sub) - 1])[-1] + 1
        path.extend((t, i + i0, j + j0) for t, i, j in sub[:keep])
        if post is not None:
            post.extend(sub_post[:keep])
        if last:
            return path, post
        _, i0, j0 = path[-1]


def _blocks(side: _Side, size: int) -> _Side:
    """The side cut into blocks of `size` segments, each with the pooled features of its segments."""
    feats = []
    for x in range(0, len(side.feats), size):
        group = side.feats[x : x + size]
        feats.append(Features(
            sum(f.length for f in group),
            tuple(sorted(set().union(*(f.anchors for f in group)))),
            (),
            tuple(map(sum, zip(*(f.punct for f in group), strict=True))),
        ))
    texts = tuple("" for _ in feats)
    return _Side(texts, tuple(feats), None, np.zeros(len(feats)))  # texts unused: no glue for blocks


def _coarse_points(ru: _Side, en: _Side, pooled: int) -> list[tuple[int, int]]:
    """Guide points for a long text: align blocks of BLOCK segments first (recursively)."""
    coarse, _ = _solve(_blocks(ru, BLOCK), _blocks(en, BLOCK), None, pooled=pooled * BLOCK)
    n, m = len(ru.texts), len(en.texts)
    return [(min(i * BLOCK, n), min(j * BLOCK, m)) for _, i, j in coarse if 0 < i * BLOCK < n and 0 < j * BLOCK < m]


def _tables(ixs: tuple[scores.Index, scores.Index | None, scores.Index | None], n: int, lo: np.ndarray, width: int):
    """Match tables for the n segments of one side against the band's windows on the other: of each
    segment's anchors, of those it shares with the next segment, and the count of its anchors found
    (scores.COUNTED; the last two None when not asked for)."""
    nxt = lo[np.minimum(np.arange(n) + 1, len(lo) - 1)]
    ahead = lo[np.minimum(np.arange(n) + 3, len(lo) - 1)] - nxt
    base = nxt - 3
    span = int(ahead.max(initial=0)) + width + 4
    main, shared, known = ixs
    return (scores.match_table(main, n, base, span), base,
            None if shared is None else scores.match_table(shared, n, base, span),
            None if known is None else scores.match_table(known, n, base, span, spans=1))


def _known_count(rows: Sets) -> np.ndarray:
    """How many of each segment's anchors could be found in a translation (scores.COUNTED)."""
    return np.array([sum(f[0] in scores.COUNTED for f in r) for r in rows], dtype=float)


def _shared(rows: Sets) -> Sets:
    """Each segment's anchors that the next segment holds too (a headline and its lead say the same)."""
    return [tuple(sorted(set(r).intersection(nxt))) for r, nxt in zip(rows, rows[1:], strict=False)] + [()]


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


def _collector_paused(function):
    """`function` with Python's cycle collector paused while it runs (as it was found afterwards):
    aligning makes hundreds of thousands of small objects (tuples, sets, arrays) and no reference
    cycles (tests/test_align.py checks), so the collector's passes over them only cost time, 6% of a
    `cards align` run of 1,000 segments a side."""

    @functools.wraps(function)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_collector_paused
def first_pass(ru: Segments, en: Segments) -> FirstPass:
    """One document's first pass (no lexicon): it depends on that document only, so it can be kept."""
    return _first(_side(ru, "ru"), _side(en, "en"))


def shared_lexicon(passes: Sequence[FirstPass]) -> dict[str, tuple[str, ...]]:
    """The stem lexicon learned from the sure beads of all the documents' first passes, in their order
    (at most LEXICON_BEADS of them, evenly spaced): the same passes always give the same lexicon.
    The second passes that use it also need the dictionary's table: it is made here, before them."""
    dictionary.prepare()
    pairs = [pair for first in passes for pair in first.pairs]
    if len(pairs) > LEXICON_BEADS:
        step = len(pairs) / LEXICON_BEADS
        pairs = [pairs[int(x * step)] for x in range(LEXICON_BEADS)]
    return lexicon.learn(pairs)


@_collector_paused
def second_pass(ru: Segments, en: Segments, first: FirstPass, table: dict[str, tuple[str, ...]]) -> tuple[Bead, ...]:
    """One document's beads: the second pass, guided by its `first` pass, with the shared lexicon `table`."""
    return _second(_side(ru, "ru"), _side(en, "en"), first, table)


@_collector_paused
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
