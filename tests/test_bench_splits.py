"""The blind held-out split heldout5: measured, never tuned on, its misses and mistakes never listed."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_keywords_heldout5_is_measured_but_never_shown_or_tuned():
    keywords = load("keywords")
    assert "heldout5" in keywords.SPLITS
    assert "heldout5" in keywords.UNSHOWN
    assert "heldout5" not in keywords.TUNE_SPLITS


def test_meaning_refuses_to_list_heldout5_mistakes():
    assert "heldout5" in load("meaning").SETS
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "meaning.py"), "--errors", "heldout5"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_keywords_tune5_may_be_tuned_on():
    keywords = load("keywords")
    assert "tune5" in keywords.SPLITS and "tune5" in keywords.TUNE_SPLITS
    assert "tune5" in set(split for split, _ in keywords.read_gold().values())


def test_meaning_tune6_is_a_tune_split_of_articles_no_other_split_uses():
    meaning = load("meaning")
    assert "tune6" in meaning.SETS and "tune6" not in meaning.UNLISTED
    gold = meaning.read_gold()
    tune6 = {r["doc"] for r in gold if r["split"] == "tune6"}
    assert len(tune6) == 8
    assert not tune6 & {r["doc"] for r in gold if r["split"] != "tune6"}
