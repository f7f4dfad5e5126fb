import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _hermetic_hypothesis() -> None:
    """Hypothesis keeps its example database and caches in a temp folder, not .hypothesis/ in the repo."""
    import tempfile

    from hypothesis import configuration, settings

    configuration.set_hypothesis_home_dir(tempfile.mkdtemp(prefix="cards-hypothesis-"))
    settings.register_profile("hermetic", database=None)
    settings.load_profile("hermetic")


_hermetic_hypothesis()


@pytest.fixture
def collection(tmp_path):
    from anki_client import open_collection

    col = open_collection(tmp_path / "collection.anki2")
    yield col
    col.close()


@pytest.fixture(autouse=True, scope="session")
def _hermetic_cache(tmp_path_factory):
    """Tests write nothing outside their temp folders: the dictionary cache goes to a temp folder."""
    import os

    cache = tmp_path_factory.mktemp("xdg-cache")
    names = ("XDG_CACHE_HOME", "CARDS_CACHE_DIR")  # CARDS_CACHE_DIR: on macOS and Windows too
    old = {name: os.environ.get(name) for name in names}
    os.environ.update({"XDG_CACHE_HOME": str(cache), "CARDS_CACHE_DIR": str(cache / "cards")})
    yield cache
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
