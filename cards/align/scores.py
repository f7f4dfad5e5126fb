"""Bead costs (negative log weights) for every cell of the band and every bead type.

cost = prior(type) + length (Gale–Church, fitted, softened tails) − lexical log-likelihood ratio
       (anchors found or not found, against chance) − glue (re-joining a cut sentence)
       + punctuation profile + structure (paragraph starts, segment kinds)
       + for a merged bead, a cost for each part that finds little of its own (the merge check: an
         anchor it shares with its neighbour in the bead counts half), and the anchors of a merged
         side count once, as in one segment (a headline merged with its lead is not found twice)
       − for a 1-0 / 0-1 bead, the evidence that the segment has no counterpart at all: how many
         of its anchors the other side lacks everywhere (null_evidence)
       + for a 1-1 bead, a cost when neither line finds any of its anchors in the other (void): two
         unrelated lines at one place are likelier a 1-0 and a 0-1 bead than a pair.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from cards.align.dp import TYPES, Band

# Gale–Church length model fitted for Russian→English on the WMT21 dev set (107 news articles,
# 1,000 1-1 sentence pairs, ../shared/dev/wmt21-ruen): English characters per Russian character
# c = sum(len_en) / sum(len_ru) = 1.066, and s² = mean((len_en − c·len_ru)² / len_ru) = 2.13.
# (Gale & Church's French–English values are c = 1, s² = 6.8.)
LENGTH_RATIO = 1.066
LENGTH_VARIANCE = 2.13

# Prior probability of each bead type (Gale & Church's, plus 1-3/3-1); costs use −log.
PRIOR = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011,
         (3, 1): 0.005, (1, 3): 0.005}


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts. Chosen by small grids on the perturbed WMT21 sets
    (bench/align_tune.py; null, lone, bare, presence and void on the tune half only), never on the seed."""

    length: float = 1.0
    match: float = 1.0  # scale of the lexical log-likelihood ratio
    glue: float = 2.0  # reward for joining a segment that runs on into the next
    miss: float = 1.0  # weight of an anchor not found, relative to one found
    knee: float = 3.0  # |δ| beyond which the length cost grows slower (0: pure Gale–Church)
    slope: float = 0.5
    run: float = 1.0  # how much a run of b segments raises the chance of a find (1: as b independent draws)
    punct: float = 0.4
    paragraph: float = 1.5
    kind: float = 2.0
    null: float = 0.02  # prior of a 1-0 or 0-1 bead (Gale & Church's 0.0099); the 1-1 prior gives way
    lone: float = 1.5  # cost of each part of a merged bead that finds nothing of its own in the other side's run …
    enough: float = 6.0  # … and part of it below this much evidence of its own (log-likelihood ratio)
    bare: float = 1.0  # … and this more for a part that finds nothing at all (a caption), not even shared words
    presence: float = 0.5  # weight of null_evidence (its anchors are far from independent)
    stay: float = 1.75  # log-odds bonus of a 1-0 (0-1) bead right after another: omissions come in runs
    cross: float = 0.6  # … and of a 1-0 (0-1) bead right after a 0-1 (1-0): left-out lines on both sides at one place
    void: float = 2.0  # cost of a 1-1 bead neither of whose lines finds anything of itself in the other …
    some: float = 1.0  # … less for each anchor found, none from this many on …
    expect: float = 5.0  # … in full when each line has at least this many anchors to find


def _prior(a: int, b: int, w: Weights) -> float:
    """Gale & Church's prior of a bead type, with w.null for 1-0 and 0-1 (1-1 makes up the difference)."""
    if not (a and b):
        return w.null
    return PRIOR[(a, b)] - 2 * (w.null - PRIOR[(1, 0)]) * ((a, b) == (1, 1))


@dataclass(frozen=True)
class Evidence:
    """Per-segment arrays the costs are made of. Prefix sums have one more row than segments."""

    ru_len: np.ndarray
    en_len: np.ndarray
    ru_punct: np.ndarray  # (n, PUNCT_WIDTH)
    en_punct: np.ndarray
    ru_start: np.ndarray | None  # 1 where a segment starts a paragraph (None: no structure known)
    en_start: np.ndarray | None
    ru_kind: np.ndarray  # 0 for running text, 1 for titles, headings, datelines, bylines, sources
    en_kind: np.ndarray
    ru_glue: np.ndarray  # 1 where a segment runs on into the next (no final stop, next starts lower-case)
    en_glue: np.ndarray
    ru_null: np.ndarray | None = None  # log-likelihood ratio "no counterpart" vs "has one" (null_evidence)
    en_null: np.ndarray | None = None
    ru_known: np.ndarray | None = None  # how many anchors of each segment a translation could hold (COUNTED)
    en_known: np.ndarray | None = None


# Probability that an anchor of a segment, when it occurs on the other side of the document at all,
# occurs in the segment's translation. Measured on the WMT21 dev set gold (1-1 pairs): transliteration
# keys 0.92 (ru→en) / 0.87 (en→ru), Latin tokens 1.0 / 0.80, numbers 0.99; lexicon stems are less sure.
# Dictionary stems ("d", a stem of the built-in dictionary: is one of its translations there?) 0.84 both
# ways on the tune half of bench/align_data.py.
FOUND = {"#": 0.97, "k": 0.88, "l": 0.88, "s": 0.6, "d": 0.84}


# Share of a segment's anchors, by type, that occur anywhere on the other side of the document, when the
# segment has a counterpart there (first) and when it has none (second): measured on the tune half of
# bench/align_data.py (omissions, left-out runs, inserted lines), lexicon stems learned from the 1-1 gold.
# A document's own rates (presence_rates) are shrunk towards these.
PRESENT = {
    "ru": {"#": (0.97, 0.24), "k": (0.22, 0.10), "l": (0.97, 0.35), "s": (0.885, 0.52), "d": (0.72, 0.37)},
    "en": {"#": (0.95, 0.14), "k": (0.25, 0.11), "l": (0.022, 0.013), "s": (0.82, 0.44), "d": (0.73, 0.35)},
}


def presence_rates(row_sets, col_sets, pairs, lang: str, weight: float = 20.0) -> dict[str, tuple[float, float]]:
    """Per anchor type, from the 1-1 pairs (i, j) of a first pass: the share of row segment i's anchors
    that the other side holds anywhere, and, among those its counterpart j lacks (so not translated as
    such), the share the other side holds all the same (by chance, as for a segment with no counterpart)."""
    seen = set().union(*col_sets) if col_sets else set()
    count: dict[str, list[int]] = {}
    for i, j in pairs:
        other = set(col_sets[j])
        for f in row_sets[i]:
            c = count.setdefault(f[0], [0, 0, 0, 0])  # anchors, present, not in counterpart, of those present
            there, found = f in seen, f in other
            c[0] += 1
            c[1] += there
            c[2] += not found
            c[3] += there and not found
    out = dict(PRESENT[lang])
    for t, (total, there, lost, lost_there) in count.items():
        p1, p0 = PRESENT[lang].get(t, (0.5, 0.25))
        out[t] = ((there + weight * p1) / (total + weight), (lost_there + weight * p0) / (lost + weight))
    return {t: (min(0.99, max(0.01, p1)), min(0.99, max(0.01, p0))) for t, (p1, p0) in out.items()}


def null_evidence(row_sets, col_sets, rates: dict[str, tuple[float, float]]) -> np.ndarray:
    """Per row segment: log P(which of its anchors the other side has at all | no counterpart) over the
    same given a counterpart (`rates`: type → (share present with a counterpart, without)). Whether an
    anchor is there anywhere is independent of where it is, which the bead costs judge, so this is the
    evidence of a 1-0 (or 0-1) bead."""
    seen = set().union(*col_sets) if col_sets else set()
    weight = {t: (math.log(p0 / p1), math.log((1.0 - p0) / (1.0 - p1))) for t, (p1, p0) in rates.items()}
    out = np.zeros(len(row_sets))
    for p, anchors in enumerate(row_sets):
        out[p] = sum(weight[f[0]][f not in seen] for f in anchors if f[0] in weight)
    return out


MAX_CHANCE = 0.3  # anchors in over 30% (and over 5) of the other side's segments tell little: ignored


def found_rates(row_sets, col_sets, chance: dict[str, float], pairs, weight: float = 20.0) -> dict[str, float]:
    """Per anchor type, the share of matchable anchors of row segment i found in column segment j
    over the 1-1 pairs (i, j) of a first pass, shrunk towards FOUND with `weight` pseudo-counts."""
    hits: dict[str, float] = {}
    total: dict[str, float] = {}
    for i, j in pairs:
        other = set(col_sets[j])
        for f in row_sets[i]:
            if f in chance:
                total[f[0]] = total.get(f[0], 0) + 1
                hits[f[0]] = hits.get(f[0], 0) + (f in other)
    return {t: min(0.97, max(0.3, (hits[t] + weight * FOUND.get(t, 0.8)) / (total[t] + weight))) for t in total}


def chance_table(row_sets, col_sets) -> dict[str, float]:
    """For every anchor of the row side also seen on the column side: the share of column segments holding it."""
    df = Counter(chain.from_iterable(col_sets))
    seen = set().union(*row_sets) if row_sets else set()
    total = max(len(col_sets), 1)
    chance = {f: df[f] / total for f in seen if f in df}
    return {f: c for f, c in chance.items() if c <= MAX_CHANCE or df[f] <= 5}


def _llr(names: list[str], chance: dict[str, float], spans: int, run: float, miss: float = 1.0,
         found: dict[str, float] | None = None) -> np.ndarray:
    """Log-likelihood ratios (translation vs chance) of each anchor [found, not found] in runs of 1..spans."""
    pi = np.array([(found or FOUND).get(f[0], FOUND.get(f[0], 0.8)) for f in names])[:, None]
    c = np.array([chance[f] for f in names])[:, None]
    pc = np.clip(1.0 - (1.0 - c) ** (1.0 + run * np.arange(spans)), 0.005, 0.95)
    return np.stack((np.log(pi / pc), miss * np.log((1.0 - pi) / (1.0 - pc))), axis=1)


@dataclass(frozen=True)
class Index:
    """Anchors of one side against their occurrences on the other, ready for match_table."""

    llr: np.ndarray  # (anchors, 2, spans): log-likelihood ratio found / not found in a run of b
    seg: np.ndarray  # one entry per (segment, anchor) of the row side: the segment …
    anchor: np.ndarray  # … and the anchor
    keys: np.ndarray  # sorted anchor * (m + 1) + column segment, for every occurrence on the other side
    m: int


def index(row_sets, col_sets, chance: dict[str, float], run: float = 1.0, miss: float = 1.0,
          found: dict[str, float] | None = None, spans: int = 3) -> Index:
    """Number the anchors of `chance` and list where they occur on both sides."""
    names = sorted(chance.keys() & set(chain.from_iterable(row_sets)))  # only what this side can use
    ids = {f: x for x, f in enumerate(names)}
    llr = _llr(names, chance, spans, run, miss, found).reshape(len(names), 2, spans)
    seg, anchor = _numbered(row_sets, ids)
    where, numbers = _numbered(col_sets, ids)
    m = len(col_sets)
    keys = np.sort(numbers * (m + 1) + where)
    return Index(llr, seg, anchor, keys, m)


def counting(ix: Index) -> Index:
    """The same index scoring 1 for each anchor found and 0 for one missed: match_table then counts finds."""
    llr = np.zeros_like(ix.llr)
    llr[:, 0, :] = 1.0
    return Index(llr, ix.seg, ix.anchor, ix.keys, ix.m)


COUNTED = "#kds"  # the anchors a pair is expected to find some of: numbers, names, dictionary and lexicon stems


def _unfound(found: np.ndarray, known: np.ndarray, w: Weights) -> np.ndarray:
    """How far a segment fails to find anything of itself in the other one: 1 when none of its anchors
    (COUNTED) is found there, 0 from `w.some` on, scaled by how many there were to find (in full from
    `w.expect` on; nothing is expected of a segment without any)."""
    return np.clip(1.0 - found / w.some, 0.0, 1.0) * np.minimum(known / w.expect, 1.0)


def _numbered(sets, ids: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each anchor of `sets` that `ids` numbers, in order: the set it is in, and its number."""
    flat = list(chain.from_iterable(sets))
    numbers = np.fromiter(map(ids.get, flat, repeat(-1, len(flat))), dtype=np.int64, count=len(flat))
    owner = np.repeat(np.arange(len(sets), dtype=np.int64), [len(s) for s in sets])
    kept = numbers >= 0
    return owner[kept], numbers[kept]


def match_table(ix: Index, n: int, base: np.ndarray, width: int, spans: int = 3) -> np.ndarray:
    """Lexical evidence of each segment against runs of segments on the other side.

    T[b - 1, p, k] = Σ over the anchors of segment p (those the other side has at all) of the
    log-likelihood ratio "translation vs chance" of finding it, or not, among the other side's
    segments base[p] + k .. base[p] + k + b - 1. An anchor counts once per run, so a merged bead
    does not score the same name twice, and a longer run makes a chance find less telling.
    """
    table = np.zeros((spans, n, width))
    if not len(ix.seg):
        return table
    for b in range(spans):
        table[b] += np.bincount(ix.seg, ix.llr[ix.anchor, 1, b], minlength=n)[:, None]
    # Occurrences of each (segment, anchor) within the segment's window, in order of column.
    lo = np.clip(base[ix.seg] - spans + 1, 0, ix.m)
    hi = np.clip(base[ix.seg] + width, 0, ix.m)
    first = np.searchsorted(ix.keys, ix.anchor * (ix.m + 1) + lo)
    count = np.maximum(np.searchsorted(ix.keys, ix.anchor * (ix.m + 1) + hi) - first, 0)
    total = int(count.sum())
    if not total:
        return table
    offsets = np.repeat(first - (np.cumsum(count) - count), count) + np.arange(total)
    p_arr, f_arr = np.repeat(ix.seg, count), np.repeat(ix.anchor, count)
    q_arr = ix.keys[offsets] - f_arr * (ix.m + 1)
    # The previous find of the same anchor for the same segment.
    same = np.zeros(total, dtype=bool)
    same[1:] = (p_arr[1:] == p_arr[:-1]) & (f_arr[1:] == f_arr[:-1])
    prev = np.where(same, np.concatenate(([0], q_arr[:-1])), -(10**9))
    flat = table.reshape(spans, -1)
    k = q_arr - base[p_arr]  # the find's cell in its segment's row; the run starting d before it: k - d
    cell = p_arr * width + k
    gains = ix.llr[:, 0, :] - ix.llr[:, 1, :]
    for b in range(1, spans + 1):
        gain = gains[f_arr, b - 1]
        for d in range(b):
            # The run starting at q - d holds this find; credit it unless the previous find did.
            keep = (q_arr - d > prev) & (k >= d) & (k < width + d)
            flat[b - 1] += np.bincount(cell[keep] - d, gain[keep], minlength=n * width)
    return table


def _tail(x: np.ndarray) -> np.ndarray:
    """−log P(|Z| ≥ x) for a standard normal Z (Abramowitz–Stegun 7.1.26, stable for large x)."""
    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return z * z - np.log(poly)


def _prefix(x: np.ndarray) -> np.ndarray:
    return np.concatenate((np.zeros((1,) + x.shape[1:]), np.cumsum(x, axis=0)))


def _run(prefix: np.ndarray, k: int) -> np.ndarray:
    """Sum over the k segments ending before each boundary i (fewer at the start)."""
    idx = np.arange(len(prefix))
    return prefix - prefix[np.maximum(idx - k, 0)]


def _punct_codes(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pack clipped (0..2) punctuation counts into two base-3 codes of half the profile each."""
    c = np.minimum(counts, 2).astype(np.int64)
    half = (c.shape[1] + 1) // 2
    powers = 3 ** np.arange(c.shape[1])
    return (c[:, :half] * powers[:half]).sum(axis=1), (c[:, half:] * powers[: c.shape[1] - half]).sum(axis=1)


def _punct_table(width: int) -> np.ndarray:
    """Cost table between two codes of `width` clipped counts: Σ |difference|."""
    codes = np.arange(3**width)
    digits = (codes[:, None] // 3 ** np.arange(width)[None, :]) % 3
    return np.abs(digits[:, None, :] - digits[None, :, :]).sum(axis=-1).astype(float)


def _alone(part: np.ndarray, enough: float) -> np.ndarray:
    """How far a part of a merged bead stands alone: 1 when its own evidence (the log-likelihood ratio of
    its anchors in the other side's run) is 0 or less, falling to 0 at `enough`. On the tune half, 2% of
    the parts of true merges are at 0 or less and 25% below 6; of the left-out or inserted segments
    next to a 1-1 bead, 81% and 99%: a caption naming the sentence's person finds that name, no more
    (measured before the words a part shares with its neighbour counted half)."""
    return np.clip(1.0 - part / enough, 0.0, 1.0) if enough > 0 else (part <= 0).astype(float)


def _glued(glue: np.ndarray, p: np.ndarray, k: int, size: int) -> np.ndarray:
    """Whether segment p, the k-th of a bead's `size` on its side, is cut from a neighbour in the bead."""
    out = np.zeros(p.shape, dtype=bool)
    if k + 1 < size:
        out |= glue[p] > 0
    if k > 0:
        out |= glue[np.maximum(p - 1, 0)] > 0
    return out


def _common(shared, base, i0, j0, a: int, b: int, n: int) -> list:
    """For each pair of neighbours (k, k + 1) among the `a` segments of a bead's side from i0: the
    evidence of the anchors they share in the other side's run of `b` from j0 (none without `shared`).
    A headline and its lead share most of theirs; the two halves of a cut sentence, few. (The first and
    third part of a 3-1 bead are not compared: such beads are rare.)"""
    if shared is None or b == 0:
        return [0.0] * max(a - 1, 0)
    out = []
    for k in range(a - 1):
        p = np.minimum(i0 + k, n - 1)
        out.append(shared[b - 1, p, np.clip(j0 - base[p], 0, shared.shape[2] - 1)])
    return out


def _around(common: list, k: int, a: int):
    """What the k-th of a bead's `a` parts shares with its neighbours in the bead: the evidence it does
    not bring on its own."""
    return (common[k - 1] if k > 0 else 0.0) + (common[k] if k + 1 < a else 0.0)


def bead_costs(band: Band, ev: Evidence, tables, w: Weights) -> list[np.ndarray]:
    """Cost of the bead of each type ending at every cell of the band (inf where impossible)."""
    n, m = band.n, band.m
    (matches, base, shared, found), (matches_t, base_t, shared_t, found_t) = tables
    rows = np.arange(n + 1)[:, None]
    cols = np.minimum(band.columns(), m)
    lr, le = _prefix(ev.ru_len.astype(float)), _prefix(ev.en_len.astype(float))
    pr, pe = _prefix(ev.ru_punct.astype(float)), _prefix(ev.en_punct.astype(float))
    kr, ke = _prefix(ev.ru_kind.astype(float)), _prefix(ev.en_kind.astype(float))
    gr, ge = _prefix(ev.ru_glue.astype(float)), _prefix(ev.en_glue.astype(float))
    width = pr.shape[1]
    t1, t2 = _punct_table((width + 1) // 2), _punct_table(width // 2)
    structured = ev.ru_start is not None and ev.en_start is not None
    if structured:
        rs, es = _prefix(ev.ru_start.astype(float)), _prefix(ev.en_start.astype(float))
    out = []
    for a, b in TYPES:
        valid = (rows >= a) & (cols >= b)
        cost = np.full(cols.shape, -math.log(_prior(a, b, w)))
        if a and b:
            # Gale–Church length cost, symmetric in the two lengths. A segment left out has no
            # length to match: its prior says it all.
            x, y = _run(lr, a)[:, None], _run(le, b)[cols]
            mean = (x + y / LENGTH_RATIO) / 2.0
            delta = np.abs(y - LENGTH_RATIO * x) / np.sqrt(LENGTH_VARIANCE * np.maximum(mean, 1.0))
            if w.knee:  # beyond the knee the cost grows linearly: free translations have heavy tails
                delta = np.where(delta > w.knee, w.knee + (delta - w.knee) * w.slope, delta)
            cost += w.length * _tail(delta)
            # Lexical: log-likelihood ratios of the anchors found or missed, both directions averaged.
            i0 = np.maximum(rows - a, 0)
            j0 = np.maximum(cols - b, 0)
            lex = np.zeros(cols.shape)
            # The cost of the parts of a merged bead with little evidence of their own (not worked out
            # for a 1-1 bead, nor when it costs nothing: the first pass).
            lone = np.zeros(cols.shape) if a + b > 2 and (w.lone or w.bare) else None
            ru_common = _common(shared, base, i0, j0, a, b, n)
            en_common = _common(shared_t, base_t, j0, i0, b, a, m)
            for da in range(a):
                p = np.minimum(i0 + da, n - 1)
                part = matches[b - 1, p, np.clip(j0 - base[p], 0, matches.shape[2] - 1)]
                lex += part
                if lone is not None:
                    own = part - _around(ru_common, da, a) / 2.0
                    lone += (w.lone * _alone(own, w.enough) + w.bare * (part <= 0)) * ~_glued(ev.ru_glue, p, da, a)
            for db in range(b):
                q = np.minimum(j0 + db, m - 1)
                part = matches_t[a - 1, q, np.clip(i0 - base_t[q], 0, matches_t.shape[2] - 1)]
                lex += part
                if lone is not None:
                    own = part - _around(en_common, db, b) / 2.0
                    lone += (w.lone * _alone(own, w.enough) + w.bare * (part <= 0)) * ~_glued(ev.en_glue, q, db, b)
            lex -= sum(ru_common) + sum(en_common)  # a merged side's anchors count once, as in one segment
            cost -= w.match * lex / 2.0
            if a + b > 2:  # a merge must be earned: a part that adds nothing is likelier left out
                if lone is not None:
                    cost += lone
            elif found is not None and w.void:  # a pair too: two lines at one place that find nothing of
                p, q = np.minimum(i0, n - 1), np.minimum(j0, m - 1)  # each other are likelier both left out
                ru_found = found[0, p, np.clip(j0 - base[p], 0, found.shape[2] - 1)]
                en_found = found_t[0, q, np.clip(i0 - base_t[q], 0, found_t.shape[2] - 1)]
                cost += w.void * _unfound(ru_found, ev.ru_known[p], w) * _unfound(en_found, ev.en_known[q], w)
            # Structure: kinds must agree; paragraph starts should agree and not fall inside a bead.
            cost += w.kind * np.abs((_run(kr, a) / a)[:, None] - (_run(ke, b) / b)[cols])
            if structured:
                first_r = rs[np.minimum(i0 + 1, n)] - rs[i0]
                first_e = es[np.minimum(j0 + 1, m)] - es[j0]
                inside = (rs[rows] - rs[np.minimum(i0 + 1, n)]) + (es[cols] - es[np.minimum(j0 + 1, m)])
                cost += w.paragraph * (np.abs(first_r - first_e) + inside)
        # Glue: a sentence cut in two by the segmenter wants to be whole again.
        if a > 1:
            cost -= w.glue * (_run(gr, a - 1)[np.maximum(rows - 1, 0)])
        if b > 1:
            cost -= w.glue * _run(ge, b - 1)[np.maximum(cols - 1, 0)]
        if not b and ev.ru_null is not None:
            cost -= w.presence * ev.ru_null[np.maximum(rows - 1, 0)]
        if not a and ev.en_null is not None:
            cost -= w.presence * ev.en_null[np.maximum(cols - 1, 0)]
        # Punctuation profile (clipped counts).
        r1, r2 = _punct_codes(_run(pr, a))
        e1, e2 = _punct_codes(_run(pe, b))
        cost += w.punct * (t1[r1[:, None], e1[cols]] + t2[r2[:, None], e2[cols]])
        out.append(np.where(valid, cost, np.inf))
    return out
