"""CPU time, wall time and peak memory of `cards build` on the seed pair and of `cards --help`.

Each command runs under /usr/bin/time -v, several times, alternating, in one run; the figures are
medians (peak RSS: the largest). CPU seconds (user + system) are the headline: on a shared machine
they vary less than wall time.

    python bench/build_speed.py [--runs 5] [--release REF]

With --release REF the same commands of that commit (checked out in a temporary git worktree, run
with the same Python and packages) are measured in the same run, each beside this tree's, and both
wheels' sizes are printed.

Every tree has a cache folder of its own (CARDS_CACHE_DIR, a temporary folder), warmed by one build
before the runs: the rows are rebuilds of an unchanged pair. The "first build of the pair" rows empty
the article cache before each run (the tables built once per machine stay); the "first run on this
machine" rows start from an empty cache folder each time (wordfreq's tables and the reversed
mueller7 are made again).

The plain build is what `pip install .` gives; with the optional stress extra installed the
build also loads the stress model (measured on a separate line when the extra is there).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/minsk-washington"


def measure(command: list[str], cwd: Path, cache: Path, fresh: str = "") -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, peak RSS in MB) of one run of `command` in `cwd` with the cache
    folder `cache`; `fresh` "articles" empties its article cache first, "all" the whole folder."""
    if fresh:
        shutil.rmtree(cache / "articles" if fresh == "articles" else cache, ignore_errors=True)
    env = {**os.environ, "CARDS_CACHE_DIR": str(cache)}
    result = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=cwd, env=env)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")

    def field(name: str) -> str:
        return re.search(rf"{re.escape(name)}.*?: ([\d.:]+)\n", result.stderr).group(1)

    *hm, seconds = (float(x) for x in field("Elapsed (wall clock) time").split(":"))
    wall = seconds + 60 * hm[-1] + (3600 * hm[0] if len(hm) == 2 else 0)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return cpu, wall, int(field("Maximum resident set size (kbytes)")) // 1024


def commands(tmp: Path, name: str) -> dict[str, tuple[list[str], str]]:
    """label → (arguments after `python -m cards`, what to empty first) for one tree."""
    out = ["--out", str(tmp / f"{name}.apkg")]
    found = {
        "cards --help": (["--help"], ""),
        f"cards build {SEED}": (["build", SEED, *out], ""),
        f"cards build {SEED} --no-stress": (["build", SEED, *out, "--no-stress"], ""),
        f"cards build {SEED} --no-system-dictionaries": (["build", SEED, *out, "--no-system-dictionaries"], ""),
        "the same, first build of the pair (empty article cache)": (
            ["build", SEED, *out, "--no-system-dictionaries"], "articles"),
        f"cards build {SEED}, first run on this machine (empty cache folder)": (["build", SEED, *out], "all"),
    }
    if importlib.util.find_spec("silero_stress"):
        found[f"cards build {SEED} --stress"] = (["build", SEED, *out, "--stress"], "")
    return found


def warm(jobs: dict, tree: str) -> None:
    """Fill a tree's cache folder (and the OS file cache) with what its rebuild rows read."""
    for label in (f"cards build {SEED}", f"cards build {SEED} --no-system-dictionaries"):
        measure(*jobs[label, tree][:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--release", metavar="REF", help="also measure this commit's commands and wheel")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        trees = {"this tree": ROOT}
        if args.release:
            trees[f"release {args.release}"] = tmp / "release"
            subprocess.run(["git", "worktree", "add", "--detach", str(tmp / "release"), args.release], cwd=ROOT,
                           check=True, capture_output=True)
        try:
            jobs = {}  # (label, tree) → (command, cwd, cache, fresh)
            for k, (tree, path) in enumerate(trees.items()):
                cache = tmp / f"cache-{k}"
                for label, (cmd, fresh) in commands(tmp, f"deck-{k}").items():
                    jobs[label, tree] = ([sys.executable, "-m", "cards", *cmd], path, cache, fresh)
                warm(jobs, tree)
            runs: dict[tuple[str, str], list[tuple[float, float, int]]] = {key: [] for key in jobs}
            for _ in range(args.runs):
                for key, job in jobs.items():
                    runs[key].append(measure(*job))
                    if job[3]:
                        warm(jobs, key[1])  # the other rows stay rebuilds
            if args.release:
                for tree, path in trees.items():
                    out = tmp / ("wheel-" + tree.replace(" ", "-"))
                    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(path)],
                                   check=True, capture_output=True)
                    print(f"wheel, {tree}: {next(out.glob('*.whl')).stat().st_size / 1e6:.2f} MB")
        finally:
            if args.release:
                subprocess.run(["git", "worktree", "remove", "--force", str(tmp / "release")], cwd=ROOT, check=True)
    base = f"release {args.release}" if args.release else None
    print(f"| command | tree | median CPU (s) | × release | median wall (s) | peak RSS (MB) | × release |  ({args.runs} runs each)")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, tree in sorted(runs, key=lambda key: (list(runs).index((key[0], "this tree")), key[1] != "this tree")):
        cpu = statistics.median(c for c, _, _ in runs[label, tree])
        wall = statistics.median(w for _, w, _ in runs[label, tree])
        rss = max(r for _, _, r in runs[label, tree])
        if base:
            cpu_ratio = f"{cpu / statistics.median(c for c, _, _ in runs[label, base]):.2f}"
            rss_ratio = f"{rss / max(r for _, _, r in runs[label, base]):.2f}"
        else:
            cpu_ratio = rss_ratio = "–"
        print(f"| {label} | {tree} | {cpu:.2f} | {cpu_ratio} | {wall:.2f} | {rss} | {rss_ratio} |")


if __name__ == "__main__":
    main()
