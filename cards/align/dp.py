"""Dynamic programming over beads in a band around the length diagonal (numpy, one row at a time).

Cell (i, j) means "the first i Russian and j English segments are aligned". Row i only holds the
columns lo[i] .. lo[i]+K-1, so time and memory grow linearly with the text. The 0-1 bead moves
inside a row; its chain is solved with a cumulative minimum (or log-sum-exp), so every row is a
handful of vector operations. Each cell has three states, by its last bead: 1-0, 0-1 or any other,
so that a 1-0 (0-1) bead after another costs less (`stay`): left-out and inserted lines come in runs;
and one after a 0-1 (1-0) too (`cross`): a line left out on each side at one place is no pair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Bead types (Russian count, English count). 0-1 must stay at index ZERO_ONE: it is the in-row move.
TYPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
ONE_ZERO, ZERO_ONE = 1, 2


@dataclass(frozen=True)
class Band:
    """Row i of the DP holds columns lo[i] .. lo[i] + width - 1."""

    lo: np.ndarray
    width: int
    n: int
    m: int

    def columns(self) -> np.ndarray:
        """The j of every cell, shape (n + 1, width)."""
        return self.lo[:, None] + np.arange(self.width)[None, :]


def _min_width(n: int, m: int) -> int:
    """Narrowest band through which n + 1 rows can still reach column m."""
    return min(m + 1, -(-(m + 1) // (n + 1)) + 2)


def _connect(lo: np.ndarray, width: int, m: int) -> np.ndarray:
    """Make row windows monotone, starting at column 0, ending at column m, each overlapping the next."""
    lo = np.maximum.accumulate(np.clip(lo, 0, m + 1 - width))
    lo[0] = 0
    lo[-1] = m + 1 - width
    for i in range(1, len(lo)):  # forward: a row may start at most width - 1 columns after the last
        lo[i] = min(lo[i], lo[i - 1] + width - 1)
    for i in range(len(lo) - 2, -1, -1):  # backward: and must keep up with the next one
        lo[i] = max(lo[i], lo[i + 1] - width + 1)
    lo[0] = 0
    return lo


def make_band(ru_chars: np.ndarray, en_chars: np.ndarray, half_width: int) -> Band:
    """A band of ±half_width segments around the diagonal drawn by cumulative character counts."""
    n, m = len(ru_chars), len(en_chars)
    width = min(max(2 * half_width + 1, _min_width(n, m)), m + 1)
    cr = np.concatenate(([0.0], np.cumsum(ru_chars + 1.0)))
    ce = np.concatenate(([0.0], np.cumsum(en_chars + 1.0)))
    center = np.interp(cr / cr[-1], ce / ce[-1], np.arange(m + 1))
    lo = np.clip(np.rint(center).astype(np.int64) - half_width, 0, m + 1 - width)
    return Band(_connect(lo, width, m), width, n, m)


def band_through(points: list[tuple[int, int]], n: int, m: int, half_width: int) -> Band:
    """A band of ±half_width segments around the line through monotone anchor points (i, j)."""
    pts = [(0, 0)] + sorted(points) + [(n, m)]
    xs = np.array([p[0] for p in pts], dtype=float)
    ys = np.array([p[1] for p in pts], dtype=float)
    center = np.interp(np.arange(n + 1), xs, ys)
    width = min(max(2 * half_width + 1, _min_width(n, m)), m + 1)
    lo = np.clip(np.rint(center).astype(np.int64) - half_width, 0, m + 1 - width)
    return Band(_connect(lo, width, m), width, n, m)


def band_around(path: list[tuple[int, int, int]], n: int, m: int, half_width: int) -> Band:
    """A band of ±half_width segments around a previous path (a list of (type, i, j) bead ends)."""
    big = m + 1
    low = np.full(n + 1, big, dtype=np.int64)
    high = np.full(n + 1, -1, dtype=np.int64)
    for i, j in [(0, 0)] + [(i, j) for _, i, j in path]:
        low[i] = min(low[i], j)
        high[i] = max(high[i], j)
    high = np.maximum.accumulate(high)
    low = np.minimum.accumulate(low[::-1])[::-1]
    width = min(max(int((high - low).max(initial=0)) + 2 * half_width + 1, _min_width(n, m)), m + 1)
    lo = np.clip(low - half_width, 0, m + 1 - width)
    return Band(_connect(lo, width, m), width, n, m)


PAD = 8  # rows are stored with PAD filler columns each side, so most shifts are plain slices


def _shifted(table: np.ndarray, r: int, s: int, width: int, fill: float) -> np.ndarray:
    """Row r of a padded table moved by s columns: out[k] = row[k + s], filler outside the row."""
    if -PAD <= s <= PAD:
        return table[r, PAD + s : PAD + s + width]
    out = np.full(width, fill)
    lo, hi = max(0, -s), min(width, width - s)
    if lo < hi:
        out[lo:hi] = table[r, PAD + lo + s : PAD + hi + s]
    return out


def _reads(lo: np.ndarray, n: int, padded: int, sources: list[tuple[int, int, int]],
           forward: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Where each row's candidates are read, for a stack of padded tables of n + 1 rows each.

    `sources` are (table, a, b): row i reads row i − a (i + a going backward) of that table, moved by
    lo[i] − lo[i − a] − b columns (lo[i] + b − lo[i + a]). Returns the flat position that column 0 of
    row i reads for each source, shape (n + 1, sources), and for each row whether all of them are
    there and within the padding, so that one gather does: other rows go source by source (_shifted).
    """
    i = np.arange(n + 1)
    starts = np.zeros((n + 1, len(sources)), dtype=np.int64)
    simple = np.ones(n + 1, dtype=bool)
    for x, (table, a, b) in enumerate(sources):
        row = i - a if forward else i + a
        there = (row >= 0) & (row <= n)
        row = np.clip(row, 0, n)
        shift = lo - lo[row] - b if forward else lo + b - lo[row]
        simple &= there & (np.abs(shift) <= PAD)
        starts[:, x] = (table * (n + 1) + row) * padded + PAD + shift
    return starts, simple


def _argmin(rows: np.ndarray) -> np.ndarray:
    """argmin over axis 1 of an (n, k, width) array, as numpy's (the first minimum; a NaN counts as one),
    by k − 1 vector comparisons: numpy's own, over a short axis, loops over the other two."""
    best = rows[:, 0].copy()
    out = np.zeros(best.shape, dtype=np.int8)
    for x in range(1, rows.shape[1]):
        value = rows[:, x]
        better = (value < best) | (np.isnan(value) & ~np.isnan(best))
        out[better] = x
        best[better] = value[better]
    return out


# Flags of a cell's back-pointer: its 1-0 (0-1) state was reached from a 1-0 (0-1) state (a run), or
# from the other null state (a left-out line on one side next to an inserted one on the other).
RUN_R, RUN_E, CROSS_R, CROSS_E = 8, 16, 32, 64
OTHER = -1  # the back-tracking state "last bead two-sided"


def viterbi(band: Band, costs: list[np.ndarray], stay: float = 0.0,
            cross: float = 0.0) -> tuple[list[tuple[int, int, int]], float]:
    """The cheapest path as (type, i, j) bead ends in order, and its total cost (inf if none).

    Three states per cell: the last bead was a 1-0, a 0-1, or any other. A 1-0 (0-1) bead right after
    another 1-0 (0-1) costs `stay` less: segments left out or inserted come in runs; right after a 0-1
    (1-0) it costs `cross` less: a line with no counterpart on one side often stands next to one on the other.
    """
    n, lo, width = band.n, band.lo, band.width
    tables = np.full((4, n + 1, width + 2 * PAD), np.inf)
    d, d0, dr, de = tables  # best of the three states; last bead two-sided, 1-0, 0-1
    steps = [(t, a, b) for t, (a, b) in enumerate(TYPES) if a and b]
    kind = np.array([t for t, _, _ in steps], dtype=np.int8)
    # Each row's candidates: a row per two-sided type; 1-0 after other, 1-0, 0-1 (kept for the back-pointers).
    cands = np.full((n + 1, len(steps) + 3, width), np.inf)
    columns = np.arange(width)
    run_r, cross_r = costs[ONE_ZERO] - stay, costs[ONE_ZERO] - cross
    # What each candidate adds to the cell it comes from (the bead's cost), and where that cell is.
    sources = [(0, a, b) for _, a, b in steps] + [(1, 1, 0), (2, 1, 0), (3, 1, 0)]
    added = np.stack([costs[t] for t, _, _ in steps] + [costs[ONE_ZERO], run_r, cross_r], axis=1)
    starts, simple = _reads(lo, n, width + 2 * PAD, sources)
    flat = tables.reshape(-1)
    chains = np.zeros((n + 1, width))  # the cost of a run of 0-1 beads (each less `stay`) from a row's first cell
    np.cumsum(costs[ZERO_ONE][:, 1:] - stay, axis=1, out=chains[:, 1:])
    steps_on = chains[:, 1:] + stay
    after = np.empty(width)
    ve = np.full((n + 1, width), np.inf)
    with np.errstate(invalid="ignore"):
        for i in range(n + 1):
            cand = cands[i]
            if simple[i]:  # every candidate in one gather
                np.add(flat[starts[i][:, None] + columns], added[i], out=cand)
            else:
                for x, (table, a, b) in enumerate(sources):
                    if a <= i:
                        np.add(_shifted(tables[table], i - a, int(lo[i] - lo[i - a] - b), width, np.inf), added[i, x],
                               out=cand[x])
                if not i:
                    cand[0, 0] = 0.0  # the start (no bead yet; the other rows are still inf)
            v0 = np.minimum.reduce(cand[:-3], axis=0, out=d0[i, PAD : PAD + width])
            np.minimum(cand[-3], cand[-2], out=after)
            vr = np.minimum(after, cand[-1], out=dr[i, PAD : PAD + width])
            # 0-1 chain within the row: ve[k] = step[k] + min(v0[k - 1], vr[k - 1] - cross, ve[k - 1] - stay).
            y = np.minimum(v0, vr - cross)
            np.add(steps_on[i], np.minimum.accumulate(y - chains[i])[:-1], out=ve[i, 1:])
            de[i, PAD : PAD + width] = ve[i]
            d[i, PAD : PAD + width] = np.fmin(np.minimum(v0, vr), ve[i])
    # Which candidate each cell took, and the state a 1-0 bead came from: from the kept candidates at once.
    b0 = _argmin(cands[:, :-3])
    from_r = cands[:, -2] < cands[:, -3]
    from_e = cands[:, -1] < np.minimum(cands[:, -3], cands[:, -2])
    v0, vr = d0[:, PAD : PAD + width], dr[:, PAD : PAD + width]
    vx = np.minimum(v0, vr)
    arg = np.where(ve < vx - 1e-9, ZERO_ONE, np.where(vr < v0, ONE_ZERO, kind[b0])).astype(np.int8)
    arg[from_r & ~from_e] |= RUN_R  # the back-pointers: the best state's bead type, and the state a null bead came from
    arg[from_e] |= CROSS_R
    before = np.full((n + 1, width), np.inf)  # for a 0-1 bead at k: what it followed at k - 1
    before[:, 1:] = np.minimum(v0[:, :-1], vr[:, :-1] - cross)
    arg[:, 1:][ve[:, :-1] - stay < before[:, 1:]] |= RUN_E
    arg[:, 1:][(vr[:, :-1] - cross < v0[:, :-1]) & (ve[:, :-1] - stay >= before[:, 1:])] |= CROSS_E
    i, j = n, band.m
    path: list[tuple[int, int, int]] = []
    if not 0 <= j - lo[n] < width:
        return path, float("inf")
    total = float(d[n, PAD + j - lo[n]])
    if not np.isfinite(total):
        return path, total
    state = None  # None: the cell's best state; OTHER: its best two-sided bead; else the null bead a run forces
    while i > 0 or j > 0:
        k = j - lo[i]
        code = int(arg[i, k])
        t = code & 7 if state is None else int(kind[b0[i, k]]) if state == OTHER else state
        path.append((t, i, j))
        if t == ONE_ZERO:
            state = ONE_ZERO if code & RUN_R else ZERO_ONE if code & CROSS_R else OTHER
        elif t == ZERO_ONE:
            state = ZERO_ONE if code & RUN_E else ONE_ZERO if code & CROSS_E else OTHER
        else:
            state = None
        i, j = i - TYPES[t][0], j - TYPES[t][1]
    path.reverse()
    return path, total


def _padded(n: int, width: int) -> np.ndarray:
    return np.full((n + 1, width + 2 * PAD), -np.inf)


def posteriors(band: Band, scores: list[np.ndarray], path: list[tuple[int, int, int]], stay: float = 0.0,
               cross: float = 0.0) -> list[float]:
    """Each bead's posterior probability, by log-sum-exp forward and backward over bead scores (log
    weights) in the three states of viterbi (a 1-0 or 0-1 bead gains `stay` after one of its own type,
    `cross` after one of the other)."""
    n, lo, width = band.n, band.lo, band.width
    padded = width + 2 * PAD
    tables = np.full((4, n + 1, padded), -np.inf)
    f, f0, fr, fe = tables  # all states; last bead two-sided; 1-0; 0-1
    steps = [(t, a, b) for t, (a, b) in enumerate(TYPES) if a and b]
    cand = np.full((len(steps) + 3, width), -np.inf)  # as in viterbi
    columns = np.arange(width)
    chains = np.zeros((n + 1, width))  # the log weight of a run of 0-1 beads from each row's first cell
    np.cumsum(scores[ZERO_ONE][:, 1:] + stay, axis=1, out=chains[:, 1:])
    steps_off = chains[:, 1:] - stay
    run_r, cross_r = scores[ONE_ZERO] + stay, scores[ONE_ZERO] + cross
    sources = [(0, a, b) for _, a, b in steps] + [(1, 1, 0), (2, 1, 0), (3, 1, 0)]
    added = np.stack([scores[t] for t, _, _ in steps] + [scores[ONE_ZERO], run_r, cross_r], axis=1)
    starts, simple = _reads(lo, n, padded, sources)
    flat = tables.reshape(-1)
    lse = np.logaddexp
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(n + 1):
            if simple[i]:  # every candidate in one gather, as in viterbi
                np.add(flat[starts[i][:, None] + columns], added[i], out=cand)
            else:
                for x, (table, a, b) in enumerate(sources):
                    if a <= i:
                        np.add(_shifted(tables[table], i - a, int(lo[i] - lo[i - a] - b), width, -np.inf),
                               added[i, x], out=cand[x])
                if not i:
                    cand[0, 0] = 0.0
            g = lse.reduce(cand[:-3], axis=0, out=f0[i, PAD : PAD + width])
            r = lse(lse(cand[-3], cand[-2]), cand[-1], out=fr[i, PAD : PAD + width])
            # 0-1 chain within the row: e[k] = score[k] + lse(g[k - 1], r[k - 1] + cross, e[k - 1] + stay).
            x = lse(g, r + cross)
            e = fe[i, PAD : PAD + width]  # e[0] stays -inf: no 0-1 bead ends in a row's first cell
            np.add(steps_off[i], lse.accumulate(x - chains[i])[:-1], out=e[1:])
            lse(lse(g, r), e, out=f[i, PAD : PAD + width])
        # Backward: from each cell in state "other", 1-0 and 0-1, the log weight of every way to the end.
        back = np.full((2, n + 1, padded), -np.inf)
        bn, br = back
        be = np.full((n + 1, width), -np.inf)
        ahead = _padded(n, width)  # a row of bn (br) + the score of the bead to each cell
        end = np.full(width, -np.inf)
        end[band.m - lo[n]] = 0.0
        nothing = np.full(width, -np.inf)
        # The scores padded as the tables are, so that a row's candidates, a cell of bn (br) plus the
        # score of the bead from there, are two gathers and one sum (as ahead, shifted, holds them).
        on_scores = np.full((len(steps) + 1, n + 1, padded), -np.inf)
        for x, t in enumerate([t for t, _, _ in steps] + [ONE_ZERO]):
            on_scores[x, :, PAD : PAD + width] = scores[t]
        later = [(0, a, b) for _, a, b in steps] + [(1, 1, 0)]
        back_starts, back_simple = _reads(lo, n, padded, later, forward=False)
        score_starts, _ = _reads(lo, n, padded, [(x, a, b) for x, (_, a, b) in enumerate(later)], forward=False)
        back_flat, scores_flat = back.reshape(-1), on_scores.reshape(-1)
        onward = np.empty((len(later), width))
        on = np.full(width, -np.inf)  # on with a 0-1 bead (none from a row's last cell)
        next_zero_one = scores[ZERO_ONE][:, 1:]
        for i in range(n, -1, -1):
            if back_simple[i]:
                np.add(back_flat[back_starts[i][:, None] + columns], scores_flat[score_starts[i][:, None] + columns],
                       out=onward)
                g, h = lse.reduce(onward[:-1], axis=0), onward[-1]  # on with a two-sided bead; with a 1-0 bead
            else:
                cand[:] = -np.inf
                for x, (t, a, b) in enumerate(steps):
                    if i + a <= n:
                        np.add(bn[i + a, PAD : PAD + width], scores[t][i + a], out=ahead[i + a, PAD : PAD + width])
                        cand[x] = _shifted(ahead, i + a, int(lo[i] + b - lo[i + a]), width, -np.inf)
                h = nothing
                if i < n:
                    np.add(br[i + 1, PAD : PAD + width], scores[ONE_ZERO][i + 1], out=ahead[i + 1, PAD : PAD + width])
                    h = _shifted(ahead, i + 1, int(lo[i] - lo[i + 1]), width, -np.inf)
                g = lse.reduce(cand[:-3], axis=0) if i < n else end  # (or the end)
            # 0-1 chain within the row, from its end: e[k] = lse(q[k], score[k + 1] + stay + e[k + 1]).
            q = lse(g, h + cross)
            s = chains[i]
            e = be[i] = -s + lse.accumulate((q + s)[::-1])[::-1]
            np.add(next_zero_one[i], e[1:], out=on[:-1])
            lse(lse(g, h), on, out=bn[i, PAD : PAD + width])
            lse(lse(g, h + stay), on + cross, out=br[i, PAD : PAD + width])
    z = float(f[n, PAD + band.m - lo[n]])
    out = []
    for t, i, j in path:
        a, b = TYPES[t]
        k = j - lo[i]
        if t == ONE_ZERO:
            lp = fr[i, PAD + k] + br[i, PAD + k]
        elif t == ZERO_ONE:
            lp = fe[i, PAD + k] + be[i, k]
        else:
            lp = f[i - a, PAD + j - b - lo[i - a]] + scores[t][i, k] + bn[i, PAD + k]
        out.append(float(min(1.0, max(0.0, np.exp(lp - z)))) if np.isfinite(lp) else 0.0)
    return out
