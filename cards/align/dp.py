"""Dynamic programming over beads in a band around the length diagonal (numpy, one row at a time).

Cell (i, j) means "the first i Russian and j English segments are aligned". Row i only holds the
columns lo[i] .. lo[i]+K-1, so time and memory grow linearly with the text. The 0-1 bead moves
inside a row; its chain is solved with a cumulative minimum (or log-sum-exp), so every row is a
handful of vector operations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Bead types (Russian count, English count). 0-1 must stay at index ZERO_ONE: it is the in-row move.
TYPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
ZERO_ONE = 2


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


def _chain(step: np.ndarray) -> np.ndarray:
    """Cost of the chain of 0-1 beads from the row's first cell to each cell (step[0] is unused)."""
    out = np.empty(len(step))
    out[0] = 0.0
    np.cumsum(step[1:], out=out[1:])
    return out


def viterbi(band: Band, costs: list[np.ndarray]) -> tuple[list[tuple[int, int, int]], float]:
    """The cheapest path as (type, i, j) bead ends in order, and its total cost (inf if none)."""
    n, lo, width = band.n, band.lo, band.width
    d = np.full((n + 1, width + 2 * PAD), np.inf)
    arg = np.zeros((n + 1, width), dtype=np.int8)
    steps = [(t, a, b) for t, (a, b) in enumerate(TYPES) if a]
    with np.errstate(invalid="ignore"):
        for i in range(n + 1):
            v0 = np.full(width, np.inf)
            a0 = np.zeros(width, dtype=np.int8)
            if i == 0:
                v0[0] = 0.0
            for t, a, b in steps:
                if a > i:
                    continue
                cand = _shifted(d, i - a, int(lo[i] - lo[i - a] - b), width, np.inf) + costs[t][i]
                better = cand < v0
                v0 = np.where(better, cand, v0)
                a0[better] = t
            s = _chain(costs[ZERO_ONE][i])
            v = s + np.minimum.accumulate(v0 - s)
            v[np.isnan(v)] = np.inf
            a0[v < v0 - 1e-9] = ZERO_ONE
            d[i, PAD : PAD + width] = np.minimum(v, v0)
            arg[i] = a0
    i, j = n, band.m
    path: list[tuple[int, int, int]] = []
    if not 0 <= j - lo[n] < width:
        return path, float("inf")
    total = float(d[n, PAD + j - lo[n]])
    if not np.isfinite(total):
        return path, total
    while i > 0 or j > 0:
        t = int(arg[i, j - lo[i]])
        path.append((t, i, j))
        i, j = i - TYPES[t][0], j - TYPES[t][1]
    path.reverse()
    return path, total


def forward_backward(band: Band, scores: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, float]:
    """Log-sum-exp forward and backward tables over bead scores (log weights); returns F, B, log Z."""
    n, lo, width = band.n, band.lo, band.width
    f = np.full((n + 1, width + 2 * PAD), -np.inf)
    bk = np.full((n + 1, width + 2 * PAD), -np.inf)
    steps = [(t, a, b) for t, (a, b) in enumerate(TYPES) if a]
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(n + 1):
            f0 = np.full(width, -np.inf)
            if i == 0:
                f0[0] = 0.0
            for t, a, b in steps:
                if a <= i:
                    f0 = np.logaddexp(f0, _shifted(f, i - a, int(lo[i] - lo[i - a] - b), width, -np.inf) + scores[t][i])
            s = _chain(-scores[ZERO_ONE][i])
            f[i, PAD : PAD + width] = -s + np.logaddexp.accumulate(f0 + s)
        # Backward: bk_plus[r] holds bk[r] + the score of the bead ending at each cell of row r.
        ahead = np.full((n + 1, width + 2 * PAD), -np.inf)
        for i in range(n, -1, -1):
            b0 = np.full(width, -np.inf)
            if i == n:
                b0[band.m - lo[n]] = 0.0
            for t, a, b in steps:
                if i + a <= n:
                    ahead[i + a, PAD : PAD + width] = bk[i + a, PAD : PAD + width] + scores[t][i + a]
                    b0 = np.logaddexp(b0, _shifted(ahead, i + a, int(lo[i] + b - lo[i + a]), width, -np.inf))
            r = _chain(-scores[ZERO_ONE][i])
            bk[i, PAD : PAD + width] = r + np.logaddexp.accumulate((b0 - r)[::-1])[::-1]
    f = f[:, PAD : PAD + width]
    bk = bk[:, PAD : PAD + width]
    f = np.where(np.isnan(f), -np.inf, f)
    bk = np.where(np.isnan(bk), -np.inf, bk)
    return f, bk, float(f[n, band.m - lo[n]])
