"""A library that grows: a fresh build, an unchanged rebuild and a rebuild with one more article,
whole-process CPU seconds of `cards build`, against an earlier commit measured in the same run.

The articles are the WMT21 dev set written as pair folders in a temporary folder (bench/library.py;
beyond 107, edited copies). For N articles: `cards build P1 … PN --out deck.apkg --no-stress` with an
empty article cache (fresh), the same again (unchanged rebuild), then `cards build P1 … PN+1` into
the same deck (+1 article). The baseline commit (`--baseline`, checked out in a temporary git worktree
and run with the same Python and packages) does the same in the same run. The dictionary cache is
warmed first, so neither pays for it; CPU seconds are the child process's user + system time.

    python bench/incremental.py [--sizes 1 50 106] [--baseline ede1b06]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from library import write_library  # noqa: E402
from rebuild_stability import notes  # noqa: E402


def run(tree: Path, args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """CPU seconds (user + system) of `python -m cards ARGS` run from `tree`, and its summary line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "cards", *args], capture_output=True, text=True, cwd=tree.parent,
                          env={**env, "PYTHONPATH": str(tree)})  # not from this folder: `-m` puts it first
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed ({tree}): cards {' '.join(args[:3])} …\n{done.stderr}")
    found = re.search(r"(\d+) new or changed|(\d+) new, (\d+) changed", done.stdout + done.stderr)  # older, newer summary
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if not found:
        return cpu, "?"
    return cpu, found.group(1) or str(int(found.group(2)) + int(found.group(3)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 50, 106])
    ap.add_argument("--baseline", default="ede1b06", help="the commit to compare with")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        old = tmp / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.baseline], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            cache = tmp / "xdg" / "cards"  # older commits read XDG_CACHE_HOME only
            env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent), "CARDS_CACHE_DIR": str(cache)}
            pairs = [str(p) for p in write_library(tmp / "pairs", max(args.sizes) + 1)]
            for tree in (old, ROOT):  # the dictionary cache, for each tree's code
                run(tree, ["build", pairs[0], "--out", str(tmp / "warm.apkg"), "--no-stress"], env)
            rows = []
            for n in args.sizes:
                row = {}
                for label, tree in (("baseline", old), ("now", ROOT)):
                    shutil.rmtree(cache / "articles", ignore_errors=True)
                    out = tmp / f"{label}-{n}.apkg"
                    build = ["build", "--out", str(out), "--no-stress"]
                    fresh, _ = run(tree, [*build, *pairs[:n]], env)
                    first = notes(out)
                    same, changed = run(tree, [*build, *pairs[:n]], env)
                    plus, added = run(tree, [*build, *pairs[: n + 1]], env)
                    row[label] = (fresh, same, plus, changed, added, first)
                    print(f"{n} articles, {label}: fresh {fresh:.2f} s, unchanged rebuild {same:.2f} s "
                          f"({changed} changed), +1 article {plus:.2f} s ({added} new or changed)", file=sys.stderr)
                agree = "same" if row["now"][5] == row["baseline"][5] else "differ"
                rows.append((n, row, agree))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=True)
    print(f"| articles | build | {args.baseline} CPU s | now CPU s | now / {args.baseline} | notes changed, now |")
    print("|---:|---|---:|---:|---:|---:|")
    for n, row, agree in rows:
        (f0, s0, p0, *_), (f1, s1, p1, changed, added, _) = row["baseline"], row["now"]
        print(f"| {n} | fresh (notes: {agree}) | {f0:.2f} | {f1:.2f} | {f1 / f0:.2f} | – |")
        print(f"| {n} | unchanged rebuild | {s0:.2f} | {s1:.2f} | {s1 / s0:.2f} | {changed} |")
        print(f"| {n} | +1 article | {p0:.2f} | {p1:.2f} | {p1 / p0:.2f} | {added} |")


if __name__ == "__main__":
    main()
