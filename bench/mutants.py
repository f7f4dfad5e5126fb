"""A small mutation run: break one guarantee a learner relies on, run the tests, expect a failure.

Each mutant is one textual change to one file (applied to a temporary copy of the repository, never
to this tree); it is killed when `pytest` fails on it. The mutants are those a review found the suite
let live (escaping of the gloss and the Source field, the cards' study order, the cloze hint's "::"),
plus the note identity and the dictionary-sense marks.

    python bench/mutants.py            # prints one line per mutant: killed or SURVIVED
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MUTANTS = [
    ("gloss not escaped", "cards/deck/render.py",
     "return f'<span class=\"gloss\">{escape(t.gloss)}</span>'", "return f'<span class=\"gloss\">{t.gloss}</span>'"),
    ("Source field not escaped", "cards/deck/render.py",
     "source=escape(source or card.pair.source),", "source=(source or card.pair.source),"),
    ("every card due 0", "cards/deck/export.py", "due=position + 1,", "due=0,"),
    ("cloze hint's :: not escaped", "cards/deck/render.py", '.replace("::", ": :")', ""),
    ("GUID namespace changed", "cards/deck/export.py",
     '"sentence": "cards:russian-sentence:v1"', '"sentence": "cards:russian-sentence:v2"'),
    ("dictionary sense not marked", "cards/deck/render.py", "<span class=\"how\">dict.</span> ", ""),
]
TESTS = ["tests/test_export.py", "tests/test_render.py", "tests/test_cli.py", "tests/test_updates.py"]


def run(name: str, path: str, old: str, new: str, tmp: Path) -> bool:
    """True when the tests fail on the mutant (it is killed)."""
    tree = tmp / name.replace(" ", "-").replace("'", "")
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".git", "decks", "__pycache__", "*.egg-info"))
    source = (tree / path).read_text(encoding="utf-8")
    if source.count(old) != 1:
        raise SystemExit(f"bench/mutants.py: {name}: the text to change is not once in {path}; update the mutant")
    (tree / path).write_text(source.replace(old, new), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *TESTS],
                            cwd=tree, capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin",
                                                                       "HOME": str(tmp)})
    return result.returncode != 0


def main() -> int:
    survived = 0
    with tempfile.TemporaryDirectory() as tmp:
        if run("control (no change)", "cards/deck/export.py", "due=position + 1,", "due=position + 1,", Path(tmp)):
            raise SystemExit("bench/mutants.py: the tests fail on an unchanged copy; nothing to learn from mutants")
        for name, path, old, new in MUTANTS:
            killed = run(name, path, old, new, Path(tmp))
            survived += not killed
            print(f"{'killed  ' if killed else 'SURVIVED'}  {name}  ({path})")
    return 1 if survived else 0


if __name__ == "__main__":
    raise SystemExit(main())
