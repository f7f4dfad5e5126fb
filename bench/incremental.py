"""A library that grows: a fresh build, an unchanged rebuild and a rebuild with one more article, each
a whole process, against an earlier commit measured in the same run: wall and CPU seconds, peak memory
of all its processes, and where the time goes.

The articles are the WMT21 dev set written as pair folders in a temporary folder (bench/library.py;
beyond 107, edited copies). For N articles: a build of P1 … PN into deck.apkg with `--no-stress` and an
empty article cache (fresh), the same again (unchanged rebuild: the deck's memory is now the first
build's), once more (unchanged again: the memory is the last rebuild's, so the whole choice is kept),
then P1 … PN+1 into the same deck (+1 article). Each build is `build_deck` called by a small driver in a new Python process (what `cards
build` does, less click), which notes when each stage of the build starts (its `progress`: align =
load, segment, align and the pair check; choose = morphology, selection and counterparts; render;
write) and, where the code has cards.jobs, the time of each per-article step. The baseline commit
(`--baseline`, checked out in a temporary git worktree, same Python and packages) does the same in
the same run. The dictionary cache is warmed first, so neither pays for it. CPU seconds are user +
system of the process and its workers; peak memory is the largest sum of the resident memory of the
process and its workers, sampled every 0.1 s (and the largest single process, from getrusage).

    python bench/incremental.py [--sizes 1 50 500] [--baseline f001466] [--jobs N] [--one-job]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from library import write_library  # noqa: E402
from rebuild_stability import notes  # noqa: E402

DRIVER = r"""
import time
began = time.perf_counter()
import dataclasses, json, sys
from pathlib import Path

def main():
    from cards.build import BuildOptions, build_deck
    out, jobs, inputs = Path(sys.argv[1]), sys.argv[2], [Path(p) for p in sys.argv[3:]]
    marks, steps = [("start-up", began)], {}
    try:
        import cards.jobs as J
        plain = J.Workers.map
        def timed(self, fn, tasks, *rest, **named):
            tasks = list(tasks)
            t = time.perf_counter()
            try:
                return plain(self, fn, tasks, *rest, **named)
            finally:
                name = fn.__name__
                steps[name] = steps.get(name, 0.0) + time.perf_counter() - t
        J.Workers.map = timed
    except ImportError:
        pass
    def progress(stage, done, total):
        if not marks or marks[-1][0] != stage:
            marks.append((stage, time.perf_counter()))
    names = {f.name for f in dataclasses.fields(BuildOptions)}
    extra = {"jobs": int(jobs)} if jobs != "-" and "jobs" in names else {}
    result = build_deck(inputs, BuildOptions(out=out, stress=False, **extra), progress=progress)
    marks.append(("end", time.perf_counter()))
    stages = {a: b - t for (a, t), (_, b) in zip(marks, marks[1:])}
    print(json.dumps({"changed": result.changed, "new": result.new, "notes": result.notes, "stages": stages, "steps": steps}))

if __name__ == "__main__":
    main()
"""


def descendants(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, ()))
    return found


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def run(tree: Path, out: Path, jobs: str, inputs: list[str], env: dict[str, str]) -> dict:
    """Build once in a new process with `tree`'s code: wall and CPU seconds, peak memory, the driver's report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", DRIVER, str(out), jobs, *inputs], cwd=tree.parent, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**env, "PYTHONPATH": str(tree)})
    peak = [0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], sum(rss_kb(p) for p in descendants(child.pid)))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, stderr = child.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        raise SystemExit(f"failed ({tree}):\n{stderr}")
    report = json.loads(stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**report, "wall": wall, "cpu": cpu, "peak_mb": peak[0] / 1024, "largest_mb": after.ru_maxrss / 1024}


def breakdown(r: dict) -> str:
    stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
    steps = ", ".join(f"{k} {v:.1f}" for k, v in r["steps"].items() if v >= 0.05)
    return stages + (f" | per-article steps: {steps}" if steps else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 50, 500])
    ap.add_argument("--baseline", default="f001466", help="the commit to compare with")
    ap.add_argument("--jobs", default="-", help="--jobs for this tree's builds [its default: one per core]")
    ap.add_argument("--one-job", action="store_true", help="also build with --jobs 1")
    args = ap.parse_args()
    trees = [("baseline", None, "-"), ("now", ROOT, args.jobs)] + ([("now, --jobs 1", ROOT, "1")] if args.one_job else [])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        old = tmp / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.baseline], cwd=ROOT, check=True,
                       capture_output=True)
        trees[0] = ("baseline", old, "-")
        try:
            cache = tmp / "xdg" / "cards"
            env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent), "CARDS_CACHE_DIR": str(cache)}
            pairs = [str(p) for p in write_library(tmp / "pairs", max(args.sizes) + 1)]
            for _, tree, jobs in trees[:2]:  # the dictionary cache, for each tree's code
                run(tree, tmp / "warm.apkg", jobs, pairs[:1], env)
            rows = []
            for n in args.sizes:
                row = {}
                for label, tree, jobs in trees:
                    shutil.rmtree(cache / "articles", ignore_errors=True)
                    out = tmp / f"{label.replace(' ', '')}-{n}.apkg"
                    fresh = run(tree, out, jobs, pairs[:n], env)
                    first = notes(out)
                    same = run(tree, out, jobs, pairs[:n], env)
                    again = run(tree, out, jobs, pairs[:n], env)
                    plus = run(tree, out, jobs, pairs[: n + 1], env)
                    row[label] = (fresh, same, again, plus, first)
                    for name, r in (("fresh", fresh), ("unchanged rebuild", same), ("unchanged again", again),
                                    ("+1 article", plus)):
                        print(f"{n} articles, {label}, {name}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, "
                              f"{r['peak_mb']:.0f} MB, {r['changed']} changed ({r['new']} new); {breakdown(r)}",
                              file=sys.stderr)
                rows.append((n, row))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=True)
    print("| articles | build | code | wall s | CPU s | peak MB (all processes) | notes new / changed | stages (wall s) |")
    print("|---:|---|---|---:|---:|---:|---:|---|")
    for n, row in rows:
        agree = "same notes" if all(r[4] == row["baseline"][4] for r in row.values()) else "notes differ"
        for k, name in enumerate((f"fresh ({agree})", "unchanged rebuild", "unchanged again", "+1 article")):
            for label, _, _ in trees:
                r = row[label][k]
                print(f"| {n} | {name} | {label} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} | "
                      f"{r['new']} / {r['changed'] - r['new']} | {breakdown(r)} |")


if __name__ == "__main__":
    main()
