"""Whole-process wall time and peak memory of `cards build` on the seed pair.

Each command runs under /usr/bin/time -v, several times, alternating, in one run; the figure is
the median. The baseline is Python starting and importing nothing (`python -c pass`), measured
in the same run, so the ratio says how much work the build adds on this machine today.

    python bench/build_speed.py [--runs 5] [--release dd17de4]

With --release REF the same build of that commit (checked out in a temporary git worktree, run with
the same Python and packages) is measured in the same run, and both wheels' sizes are printed.

The plain build is what `pip install .` gives; with the optional stress extra installed the
build also loads the stress model (measured on a separate line when the extra is there).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(command: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB) of one run of `command` (["cd", DIR, …] runs it in DIR)."""
    cwd = ROOT
    if command[0] == "cd":
        cwd, command = Path(command[1]), command[2:]
    result = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    hours, minutes, seconds = (float(x) if x else 0.0 for x in wall.groups())
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return hours * 3600 + minutes * 60 + seconds, rss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--release", metavar="REF", help="also measure this commit's build and wheel")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build = [sys.executable, "-m", "cards", "build", "seeds/minsk-washington", "--out", f"{tmp}/seed.apkg"]
        commands = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "cards build seeds/minsk-washington --no-stress": [*build, "--no-stress"],
            "cards build seeds/minsk-washington (default)": build,
            "cards build seeds/minsk-washington --no-system-dictionaries": [*build, "--no-system-dictionaries"],
        }
        if args.release:
            old = Path(tmp) / "release"
            subprocess.run(["git", "worktree", "add", "--detach", str(old), args.release], cwd=ROOT, check=True,
                           capture_output=True)
            commands[f"release {args.release}: cards build seeds/minsk-washington --no-stress"] = [
                "cd", str(old), sys.executable, "-m", "cards", "build", "seeds/minsk-washington",
                "--out", f"{tmp}/old.apkg", "--no-stress"]
        if importlib.util.find_spec("silero_stress"):
            commands["cards build seeds/minsk-washington --stress"] = [*build, "--stress"]
        measure(commands["cards build seeds/minsk-washington --no-stress"])  # warm the OS file cache and the dictionary cache
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                runs[name].append(measure(command))
        if args.release:
            for label, tree in (("this tree", ROOT), (f"release {args.release}", old)):
                out = Path(tmp) / ("wheel-" + label.replace(" ", "-"))
                subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(tree)],
                               check=True, capture_output=True)
                wheel = next(out.glob("*.whl"))
                print(f"wheel, {label}: {wheel.stat().st_size / 1e6:.2f} MB")
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=True)
    base = max(0.01, statistics.median(w for w, _ in runs["python -c pass (baseline)"]))  # /usr/bin/time: 10 ms steps
    release = next((statistics.median(w for w, _ in v) for n, v in runs.items() if n.startswith("release")), None)
    print(f"| command | median wall (s) | × baseline | × release | peak RSS (MB) |  ({args.runs} runs each)")
    print("|---|---:|---:|---:|---:|")
    for name, values in runs.items():
        wall = statistics.median(w for w, _ in values)
        versus = f"{wall / release:.2f}" if release else "–"
        print(f"| {name} | {wall:.2f} | {wall / base:.0f} | {versus} | {max(r for _, r in values)} |")


if __name__ == "__main__":
    main()
