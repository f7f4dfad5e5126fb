"""Whole-process speed and peak memory of the aligner vs nltk's gale_church (/usr/bin/time -v).

    python bench/align_speed.py                       # 100, 1,000, 10,000 segments per side
    python bench/align_speed.py --sizes 1000 --cli    # time `python -m cards align --presegmented` instead

Inputs are built from the WMT21 dev set sentences (or the seed when ../shared is absent), documents
shuffled and concatenated with the seeded `mixed` perturbations until each side has N segments, and
written to a temporary folder (never into the repository).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository, when cards is not installed

import argparse  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402



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


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a whole process, from GNU time -v."""
    out = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", out.stderr)
    hours, minutes, seconds = wall.groups()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), int(rss.group(1)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--gc-max", type=int, default=1000, help="largest size nltk's gale_church is run on")
    parser.add_argument("--cli", action="store_true", help="time `python -m cards align --presegmented`")
    parser.add_argument("--run", nargs=3, metavar=("WHICH", "RU", "EN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(*args.run)
        return
    print("| segments per side | ours wall s | ours peak MB | GC wall s | GC peak MB | GC / ours |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            ru, en = make_pair(n, Path(tmp))
            if args.cli:
                ours = measure([sys.executable, "-m", "cards", "align", "--presegmented", str(ru), str(en)])
            else:
                ours = measure([sys.executable, __file__, "--run", "ours", str(ru), str(en)])
            gc = measure([sys.executable, __file__, "--run", "gc", str(ru), str(en)]) if n <= args.gc_max else None
            gc_cols = f"{gc[0]:.2f} | {gc[1]:.0f} | {gc[0] / ours[0]:.1f}×" if gc else "– | – | –"
            print(f"| {n:,} | {ours[0]:.2f} | {ours[1]:.0f} | {gc_cols} |", flush=True)


if __name__ == "__main__":
    main()
