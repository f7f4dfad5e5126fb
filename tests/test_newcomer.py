"""A newcomer's first session, scripted: install the package (not editable) into a new virtual
environment, run the README's first command, then every subcommand on a pair folder, and check the
summary against what the official `anki` package imports.

The venv sees this interpreter's site-packages for the dependencies (tests make no network calls), so
what is new in it is exactly what `pip install .` adds: the package, its data files and the `cards`
script. A missing data file or entry point fails here even when the editable install works."""

import re
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from anki_client import import_apkg

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the venv's cards script, a folder holding a copy of the seeds)."""
    home = tmp_path_factory.mktemp("newcomer")
    env_dir = home / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The dependencies come from this environment's site-packages, as plain paths: their .pth files (an
    # editable install of cards among them) are not read, so only the copy installed below can be imported.
    (site_dir,) = env_dir.glob("lib/python*/site-packages")
    (site_dir / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    source = home / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", "decks", "build", "*.egg-info", "__pycache__"))
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
         "--no-build-isolation", str(source)],
        capture_output=True, text=True, cwd=home,
    )
    if install.returncode != 0 and "no such option: --python" in install.stderr:
        pytest.skip("this pip cannot install into another environment (--python needs pip 22.3)")
    assert install.returncode == 0, install.stderr
    where = subprocess.run([str(python), "-c", "import cards.lexicon.lexicon as m; print(m.DATA_DIR)"],
                           capture_output=True, text=True, cwd=home)
    assert where.stdout.strip().startswith(str(env_dir)), where  # the installed copy, not the working tree
    work = home / "work"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    return env_dir / "bin" / "cards", work


def run(script: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(script), *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_the_readme_first_command_in_a_new_environment(installed, collection):
    cards, work = installed
    result = run(cards, "build", "seeds/minsk-washington", cwd=work)  # as the README gives it
    assert result.returncode == 0, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    m = re.match(r"(/\S+): (\d+) notes \((\d+) sentence\) = (\d+) Anki cards", summary)
    assert m, summary
    deck = Path(m.group(1))
    assert deck == (work / "decks" / "minsk-washington.apkg").resolve() and deck.is_absolute()
    assert "meanings: built-in lexicon" in summary  # the shipped lexicon came with the install
    counts = import_apkg(collection, deck)
    assert counts.new == int(m.group(2)) == collection.note_count()
    assert collection.card_count() == int(m.group(4))
    assert any("\u0301" in collection.get_note(n)["Russian"] for n in collection.find_notes(""))  # stress data too


def test_every_subcommand_takes_the_pair_folder(installed):
    cards, work = installed
    folder = "seeds/minsk-washington"
    for args in (["align", folder, "--format", "tsv"], ["inspect", folder], ["inspect", folder, "--words"],
                 ["segment", f"{folder}/ru.txt"], ["known", f"{folder}/ru.txt"], ["--help"]):
        result = run(cards, *args, cwd=work)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.strip(), args
