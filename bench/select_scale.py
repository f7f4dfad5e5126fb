"""Selection time as the library grows: `select()` alone, CPU seconds, against an earlier commit's
select.py measured in the same run (the machine is noisy, so the ratio is the figure to read).

The articles are the WMT21 dev set written as pair folders in a temporary folder (bench/library.py;
beyond 107, edited copies). They are loaded, segmented, aligned and analysed once, as `cards build`
does; then, for each size, the first N articles' pairs go through this tree's `select()` and the old
one, alternately, `--runs` times (the minimum is kept). The number of cards each chose is printed;
with `--same` (for a change meant only to be faster) the bench stops if any decision differs.

    python bench/select_scale.py [--sizes 10 50 100 133] [--baseline ede1b06] [--runs 3] [--same]
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from library import write_library  # noqa: E402

from cards.build import BuildOptions, find_pairs, prepare_articles  # noqa: E402
from cards.deck import select as current  # noqa: E402
from cards.lexicon.morph import analyse  # noqa: E402


def old_select(ref: str, folder: Path):
    """cards/deck/select.py as it was at `ref`, loaded as a module of its own (its imports are this tree's)."""
    source = subprocess.run(["git", "show", f"{ref}:cards/deck/select.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = folder / "old_select.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_select", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_select"] = module
    spec.loader.exec_module(module)
    return module


def outcome(decisions) -> list[tuple]:
    """What a learner gets from the decisions: which pairs, why, teaching what, in which order."""
    return [(d.index, d.chosen, d.rule, tuple((t.start, t.lemma.lemma) for t in d.targets), d.unknown, d.order)
            for d in decisions]


def timed(module, pairs, analyses, options) -> tuple[float, list[tuple]]:
    start = time.process_time()
    decisions = module.select(pairs, analyses, frozenset(), options)
    return time.process_time() - start, outcome(decisions)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100, 133])
    ap.add_argument("--baseline", default="ede1b06", help="the commit whose select.py is the baseline")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--same", action="store_true", help="stop if the chosen cards differ from the baseline's")
    args = ap.parse_args()
    options = BuildOptions().select_options()
    with tempfile.TemporaryDirectory() as tmp:
        old = old_select(args.baseline, Path(tmp))
        seed = prepare_articles(find_pairs([ROOT / "seeds" / "minsk-washington"]))
        library = prepare_articles(find_pairs(write_library(Path(tmp) / "pairs", max(args.sizes))))
    rows = []
    for label, articles in [("seed", seed)] + [(str(n), library[:n]) for n in args.sizes]:
        pairs = [p for a in articles for p in a.pairs]
        analyses = current.with_names(pairs, [analyse(p.ru) for p in pairs])
        timed(current, pairs, analyses, options)  # warm the word caches both share
        new_s = old_s = math.inf
        for _ in range(args.runs):  # alternately; the minimum of each
            seconds, new_out = timed(current, pairs, analyses, options)
            new_s = min(new_s, seconds)
            seconds, old_out = timed(old, pairs, analyses, options)
            old_s = min(old_s, seconds)
        if args.same and new_out != old_out:
            raise SystemExit(f"{label}: the chosen cards differ from those of {args.baseline}")
        chosen, old_chosen = sum(d[1] for d in new_out), sum(d[1] for d in old_out)
        rows.append((label, len(pairs), chosen, old_chosen, old_s, new_s))
        print(f"{label}: {len(pairs)} pairs, {chosen} cards ({old_chosen} with {args.baseline}); "
              f"old {old_s:.3f} s, new {new_s:.3f} s", file=sys.stderr)
    print(f"| articles | pairs | cards now ({args.baseline}) | select() CPU s, {args.baseline} | select() CPU s, now | old / now |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, n, chosen, old_chosen, old_s, new_s in rows:
        print(f"| {label} | {n} | {chosen} ({old_chosen}) | {old_s:.3f} | {new_s:.3f} | {old_s / max(new_s, 1e-6):.1f}× |")
    sized = [(int(label), old_s, new_s) for label, _, _, _, old_s, new_s in rows if label != "seed"]
    if len(sized) >= 2:
        (n0, o0, w0), (n1, o1, w1) = sized[0], sized[-1]
        slope = lambda a, b: math.log(b / a) / math.log(n1 / n0)  # noqa: E731
        print(f"\nscaling exponent {n0} → {n1} articles: {args.baseline} {slope(o0, o1):.2f}, now {slope(w0, w1):.2f}")


if __name__ == "__main__":
    main()
