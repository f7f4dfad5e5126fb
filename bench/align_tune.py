"""Grid search of the aligner's evidence weights on the perturbed WMT21 sets (not on the seed).

    python bench/align_tune.py 'match=0.5,1' 'run=0,0.5,1' ...
    python bench/align_tune.py --seeds 2026,7,11,13 'lone=1,1.5,2.5'   # the tune half drawn with each seed
Runs the tune half only. Prints strict F1 per set and the mean for every combination, recall by link type
pooled, and the worst 1-0 / 0-1 recall of any set at any seed (issue #13 asks ≥ 0.95 of each); the chosen
values go into cards/align/scores.Weights by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository, when cards is not installed

import dataclasses  # noqa: E402
import itertools  # noqa: E402



import align_data  # noqa: E402  (a sibling script)
from align import by_type, score  # noqa: E402  (a sibling script)

import cards.align as A  # noqa: E402
from cards.align import scores  # noqa: E402

# Only the tune half (bench/align_data.py: HELD_OUT_NOTE); the held-out sets are never run here.
SETS = ("tune/wmt21-delete", "tune/wmt21-omit", "tune/wmt21-omit-runs", "tune/wmt21-insert", "tune/wmt21-mixed",
        "tune/wmt21-noisy", "tune/wmt21-noisy-concat")


def main() -> None:
    grid, seeds, args = {}, [2026], [a for a in sys.argv[1:] if a != "--worst"]
    if args[:1] == ["--seeds"]:
        seeds, args = [int(s) for s in args[1].split(",")], args[2:]
    for arg in args:
        name, values = arg.split("=")
        grid[name] = [float(v) for v in values.split(",")]
    flat = {(seed, k): [align_data.flatten(d) for d in v]
            for seed in seeds for k, v in align_data.split_sets("tune", seed).items() if k in SETS}
    for combo in itertools.product(*grid.values()):
        A.WEIGHTS = dataclasses.replace(scores.Weights(), **dict(zip(grid, combo, strict=True)))
        f1, null, one, every_gold, every_test, worst = [], [], [], [], [], []
        for key in flat:
            pairs = [([t for t, _ in r], [t for t, _ in e]) for r, e, _ in flat[key]]
            golds = [g for _, _, g in flat[key]]
            beads = [[(b.ru, b.en) for b in d] for d in A.align_many(pairs)]
            f1.append(score(golds, beads)["f"])
            t = by_type(golds, beads)
            null.append((t[1, 0][0] * t[1, 0][2] + t[0, 1][0] * t[0, 1][2]) / (t[1, 0][2] + t[0, 1][2]))
            one.append(t[1, 1][0])
            worst += [(t[k][0], key, k) for k in ((1, 0), (0, 1)) if t[k][2]]
            every_gold += golds
            every_test += beads
        mean = lambda x: sum(x) / len(x)  # noqa: E731
        pooled = by_type(every_gold, every_test)
        kinds = " ".join(f"{a}-{b} {pooled[a, b][0]:.4f}" for a, b in ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1)))
        print(dict(zip(grid, combo, strict=True)), "F1", " ".join(f"{x:.3f}" for x in f1),
              f"mean {mean(f1):.4f} | null R {mean(null):.3f} | 1-1 R {mean(one):.4f} | pooled R: {kinds}"
              f" | F1 pooled {score(every_gold, every_test)['f']:.4f} | null R per set and seed: lowest "
              f"{min(worst)[0]:.3f}, below 0.95 {sum(r < 0.95 for r, _, _ in worst)}, below 0.97 "
              f"{sum(r < 0.97 for r, _, _ in worst)} of {len(worst)}", flush=True)
        if "--worst" in sys.argv:
            print(sorted(worst)[:12])


if __name__ == "__main__":
    main()
