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
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old
