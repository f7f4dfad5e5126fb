"""Whole-process speed and peak memory of the aligner vs nltk's gale_church (/usr/bin/time -v).

    python bench/align_speed.py                       # 100, 1,000, 10,000 segments per side
    python bench/align_speed.py --sizes 1000 --cli    # time `python -m cards align --presegmented` instead
    python bench/align_speed.py --sizes 1000 --cli --runs 5 --baseline main   # beside another commit

Inputs are built from the WMT21 dev set sentences (or the seed when ../shared is absent), documents
shuffled and concatenated with the seeded `mixed` perturbations until each side has N segments, and
written to a temporary folder (never into the repository).

Each process is measured for wall time and peak RSS (GNU time) and for CPU time (user + system of
the child, from getrusage): on a shared machine the load stretches wall time far more than CPU
time, so both ratios to gale_church are printed, with the load average. With --runs N the commands
run N times, alternating, and the figures are medians (peak RSS: the largest). With --baseline REF
that commit's tree (unpacked with `git archive` into the temporary folder) is measured too, each of
its runs beside this tree's. Every command runs once untimed first, which fills each tree's own
cache folder (CARDS_CACHE_DIR, temporary) and the bytecode cache: the children write bytecode to a
temporary PYTHONPYCACHEPREFIX even when PYTHONDONTWRITEBYTECODE is set, as an installed package
(and nltk in site-packages) has its modules compiled already.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository, when cards is not installed

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import align_data  # noqa: E402  (a sibling script)

ROOT = HERE.parent


def make_pair(n: int, folder: Path, seed: int = 7) -> tuple[Path, Path]:
    """Write N-ish segments per side (mixed perturbations) as ru.txt / en.txt in `folder`."""
    rnd = random.Random(seed)
    docs = align_data.wmt21_units() if align_data.WMT21.exists() else align_data.seed_units()
    ru: list[str] = []
    en: list[str] = []
    while len(ru) < n or len(en) < n:
        doc = align_data.mixed(rnd.choice(docs), rnd)
        r, e, _ = align_data.flatten(doc)
        ru.extend(t for t, _ in r)
        en.extend(t for t, _ in e)
    ru_path, en_path = folder / f"{n}.ru.txt", folder / f"{n}.en.txt"
    ru_path.write_text("\n".join(ru[:n]) + "\n", encoding="utf-8")
    en_path.write_text("\n".join(en[:n]) + "\n", encoding="utf-8")
    return ru_path, en_path


def _lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


def run_one(which: str, ru: str, en: str) -> None:
    """The measured process: align two presegmented files with `which` (ours or gc)."""
    if which == "ours":
        from cards.align import align

        beads = align(_lines(ru), _lines(en))
    else:
        from nltk.translate.gale_church import align_blocks

        r, e = _lines(ru), _lines(en)
        beads = align_blocks([len(s) for s in r], [len(s) for s in e])
    print(len(beads))


@dataclass(frozen=True)
class Run:
    """One whole process: wall and CPU (user + system) seconds, peak RSS in MB."""

    wall: float
    cpu: float
    mb: float


def measure(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    """Wall time and peak RSS from GNU time -v, CPU time of the child (and its own children) from getrusage."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, cwd=cwd, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", out.stderr)
    hours, minutes, seconds = wall.groups()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), cpu, int(rss.group(1)) / 1024)


def unpack(ref: str, folder: Path) -> Path:
    """The tree of commit `ref` of this repository, unpacked into `folder` with git archive."""
    folder.mkdir()
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def environment(tree: Path, tmp: Path, name: str) -> dict[str, str]:
    """A child's environment: the tree on the path, its own cache folder, bytecode kept in `tmp`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree), CARDS_CACHE_DIR=str(tmp / f"cache-{name}"),
               PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    return env


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--gc-max", type=int, default=1000, help="largest size nltk's gale_church is run on")
    parser.add_argument("--cli", action="store_true", help="time `python -m cards align --presegmented`")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command, alternating (medians)")
    parser.add_argument("--baseline", metavar="REF", help="also measure this commit's tree, beside this one")
    parser.add_argument("--run", nargs=3, metavar=("WHICH", "RU", "EN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(*args.run)
        return
    print(f"load average (1/5/15 min) {_load()} at the start")
    print("| segments per side | tree | wall s | CPU s | peak MB | GC wall s | GC CPU s | GC / ours, wall | GC / ours, CPU |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        trees = {"this tree": ROOT}
        if args.baseline:
            trees[args.baseline] = unpack(args.baseline, tmp / "baseline")
        for n in args.sizes:
            ru, en = make_pair(n, tmp)
            jobs = {}  # label → (command, cwd, environment)
            for k, (label, tree) in enumerate(trees.items()):
                ours = ["-m", "cards", "align", "--presegmented"] if args.cli else [str(tree / "bench" / "align_speed.py"), "--run", "ours"]
                jobs[label] = ([sys.executable, *ours, str(ru), str(en)], tree, environment(tree, tmp, str(k)))
            if n <= args.gc_max:
                jobs["gc"] = ([sys.executable, __file__, "--run", "gc", str(ru), str(en)], ROOT, environment(ROOT, tmp, "gc"))
            for job in jobs.values():
                measure(*job)  # untimed: caches
            runs: dict[str, list[Run]] = {label: [] for label in jobs}
            for _ in range(args.runs):
                for label, job in jobs.items():
                    runs[label].append(measure(*job))
            gc = runs.get("gc")
            for label in trees:
                wall, cpu = (statistics.median(getattr(r, k) for r in runs[label]) for k in ("wall", "cpu"))
                mb = max(r.mb for r in runs[label])
                if gc:
                    gc_wall, gc_cpu = (statistics.median(getattr(r, k) for r in gc) for k in ("wall", "cpu"))
                    gc_cols = f"{gc_wall:.2f} | {gc_cpu:.2f} | {gc_wall / wall:.1f}× | {gc_cpu / cpu:.1f}×"
                else:
                    gc_cols = "– | – | – | –"
                print(f"| {n:,} | {label} | {wall:.2f} | {cpu:.2f} | {mb:.0f} | {gc_cols} |", flush=True)
    print(f"load average {_load()} at the end; medians of {args.runs} run(s) each")


if __name__ == "__main__":
    main()
